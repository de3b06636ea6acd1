"""GTFS service-day reader: calendars, times, interpolation, frequencies, encodings, bad input."""

from __future__ import annotations

import datetime as dt
import zipfile

import numpy as np
import pytest

from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.gtfs import load_gtfs, norwegian_public_holidays, parse_gtfs_time

STOPS = """stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station
S,Sentrum,63.4305,10.3951,1,
A,Sentrum A,63.4306,10.3950,0,S
B,Sentrum B,63.4304,10.3952,0,S
C,Lade,63.4430,10.4400,0,
D,Ranheim,63.4290,10.5300,0,
"""
TRIPS = "route_id,service_id,trip_id\nR,WK,T1\nR,WK,T2\n"
ROUTES = "route_id,route_short_name,route_type\nR,1,3\n"
CAL = ("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
       "WK,1,1,1,1,1,0,0,20240101,20241231\n")
STOP_TIMES = """trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,C,2
T1,08:20:00,08:20:00,D,3
T2,24:50:00,24:50:00,B,1
T2,25:05:00,25:06:00,D,2
"""


def write(tmp_path, name="gtfs.zip", drop=(), **members):
    files = {"stops.txt": STOPS, "trips.txt": TRIPS, "routes.txt": ROUTES,
             "calendar.txt": CAL, "stop_times.txt": STOP_TIMES}
    files.update({k.replace("_txt", ".txt"): v for k, v in members.items()})
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        for member, text in files.items():
            if member in drop or text is None:
                continue
            zf.writestr(member, text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_loads_a_day(tmp_path):
    day = load_gtfs(write(tmp_path), "2024-05-14")
    assert day.date == dt.date(2024, 5, 14)
    # T1, T2 and Monday's T2 still running after midnight
    assert day.n_trips == 3 and len(day.ev_trip) == 7
    assert parse_gtfs_time("24:50:00") in day.ev_arr.tolist()  # times past 24:00 kept
    # stops in EPSG:25832 (Trondheim is around x 570 km, y 7034 km)
    assert 560_000 < day.stop_x.min() < day.stop_x.max() < 580_000
    assert 7_030_000 < day.stop_y.min() < 7_040_000
    # platforms A and B share their parent station; the station itself is not a stop
    ids = list(day.stop_ids)
    assert "S" not in ids
    assert day.stop_station[ids.index("A")] == day.stop_station[ids.index("B")]
    assert day.stop_station[ids.index("A")] != day.stop_station[ids.index("C")]
    assert day.warnings == []
    assert "GtfsDay(file='gtfs.zip', date=2024-05-14" in repr(day)


def test_default_date_is_first_regular_tuesday_outside_holidays(tmp_path):
    cal = CAL.replace("20240101,20241231", "20181231,20190331")
    # 2019-01-01 (Tuesday) is New Year's Day; 2019-01-08 has most trips removed
    cd = "service_id,date,exception_type\nWK,20190108,2\nX,20190108,1\n"
    trips = TRIPS + "R,X,T3\n"
    st = STOP_TIMES + "T3,09:00:00,09:00:00,A,1\nT3,09:10:00,09:10:00,C,2\n"
    day = load_gtfs(write(tmp_path, calendar_txt=cal, calendar_dates_txt=cd, trips_txt=trips,
                          stop_times_txt=st))
    assert day.date == dt.date(2019, 1, 15)
    assert "2019-01-08" in day.notes[0] and "regular service" in day.notes[0]


def test_calendar_dates_only_feed(tmp_path):
    cd = "service_id,date,exception_type\nWK,20240514,1\n"
    path = write(tmp_path, drop=("calendar.txt",), calendar_dates_txt=cd)
    assert load_gtfs(path).date == dt.date(2024, 5, 14)
    with pytest.raises(DataError, match="empty service day"):
        load_gtfs(path, "2024-05-15")


def test_previous_days_overnight_trip_is_shifted(tmp_path):
    day = load_gtfs(write(tmp_path), "2024-05-14")
    prev = [i for i, t in enumerate(day.trip_ids) if t.endswith("(previous day)")]
    assert len(prev) == 1
    ev = day.ev_trip == prev[0]
    # Monday's 24:50 is Tuesday's 00:50
    assert day.ev_dep[ev].tolist() == [50 * 60, 66 * 60]


def test_blank_times_interpolated_by_shape_distance(tmp_path):
    st = """trip_id,arrival_time,departure_time,stop_id,stop_sequence,shape_dist_traveled
T1,08:00:00,08:00:00,A,1,0
T1,,,C,2,750
T1,08:10:00,08:10:00,D,3,1000
T2,10:00:00,10:00:00,B,1,
T2,10:10:00,10:10:00,D,2,
"""
    day = load_gtfs(write(tmp_path, stop_times_txt=st), "2024-05-14")
    t1 = day.ev_trip == list(day.trip_ids).index("T1")
    assert day.ev_arr[t1].tolist() == [8 * 3600, 8 * 3600 + 450, 8 * 3600 + 600]
    assert any("interpolated 1 blank" in w.message for w in day.warnings)


def test_blank_times_interpolated_by_distance_without_shapes(tmp_path):
    # C is placed exactly halfway between A and D
    stops = STOPS.replace("63.4430,10.4400", "63.43,10.4625").replace(
        "63.4290,10.5300", "63.4294,10.5300")
    st = """trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,,,C,2
T1,08:10:00,08:10:00,D,3
T2,10:00:00,10:00:00,B,1
T2,10:10:00,10:10:00,D,2
"""
    day = load_gtfs(write(tmp_path, stops_txt=stops, stop_times_txt=st), "2024-05-14")
    t1 = day.ev_trip == list(day.trip_ids).index("T1")
    assert abs(day.ev_arr[t1][1] - (8 * 3600 + 300)) <= 2


def test_trip_without_first_time_is_skipped_with_a_warning(tmp_path):
    st = STOP_TIMES.replace("T1,08:00:00,08:00:00,A,1", "T1,,,A,1")
    day = load_gtfs(write(tmp_path, stop_times_txt=st), "2024-05-14")
    assert "T1" not in list(day.trip_ids)
    assert any("first or last stop" in w.message for w in day.warnings)


def test_frequencies_expanded(tmp_path):
    fq = "trip_id,start_time,end_time,headway_secs\nT1,07:00:00,08:00:00,900\n"
    day = load_gtfs(write(tmp_path, frequencies_txt=fq), "2024-05-14")
    runs = [t for t in day.trip_ids if t.startswith("T1 @")]
    assert len(runs) == 4  # 07:00, 07:15, 07:30, 07:45 (end exclusive)
    firsts = sorted(day.ev_dep[np.r_[True, day.ev_trip[1:] != day.ev_trip[:-1]]].tolist())
    assert [7 * 3600 + k * 900 for k in range(4)] == [f for f in firsts if 7 * 3600 <= f < 9 * 3600]
    assert any("expanded 1 frequency-based trips into 4 runs" in w.message for w in day.warnings)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_encodings(tmp_path, encoding):
    stops = STOPS.replace("Lade", "Tillerbyen Ø")
    path = write(tmp_path, stops_txt=stops.encode(encoding))
    day = load_gtfs(path, "2024-05-14")
    assert "Tillerbyen Ø" in list(day.stop_names)
    noted = any("Windows-1252" in w.message for w in day.warnings)
    assert noted == (encoding == "cp1252")


def test_norwegian_holidays():
    h = norwegian_public_holidays(2024)
    assert {dt.date(2024, 3, 28), dt.date(2024, 3, 29), dt.date(2024, 4, 1),
            dt.date(2024, 5, 9), dt.date(2024, 5, 20), dt.date(2024, 5, 17)} <= h
    assert len(h) == 12


# ---- bad input: each raises DataError naming the file, and nothing is returned ------------


def test_missing_stop_times(tmp_path):
    with pytest.raises(DataError) as err:
        load_gtfs(write(tmp_path, drop=("stop_times.txt",)), "2024-05-14")
    assert str(err.value).startswith("gtfs.zip, layer 'stop_times.txt'")


def test_stop_without_coordinates(tmp_path):
    stops = STOPS.replace("63.4430,10.4400", ",")
    with pytest.raises(DataError) as err:
        load_gtfs(write(tmp_path, stops_txt=stops), "2024-05-14")
    assert str(err.value).startswith("gtfs.zip, layer 'stops.txt', field 'stop_lat', row 5")
    assert "'C'" in str(err.value)


def test_invalid_time(tmp_path):
    st = STOP_TIMES.replace("T1,08:10:00,08:10:00", "T1,25:61:00,08:10:00")
    with pytest.raises(DataError) as err:
        load_gtfs(write(tmp_path, stop_times_txt=st), "2024-05-14")
    assert str(err.value).startswith(
        "gtfs.zip, layer 'stop_times.txt', field 'arrival_time', row 3: ")
    assert "25:61:00" in str(err.value)


def test_empty_service_day(tmp_path):
    with pytest.raises(DataError) as err:
        load_gtfs(write(tmp_path), "2024-05-18")  # a Saturday
    assert "gtfs.zip, layer 'calendar.txt'" in str(err.value)
    assert "empty service day" in str(err.value)


def test_not_a_zip(tmp_path):
    path = tmp_path / "gtfs.zip"
    path.write_text("stop_id,stop_name\n")
    with pytest.raises(DataError) as err:
        load_gtfs(path)
    assert str(err.value).startswith("gtfs.zip: not a readable zip file")


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="not found"):
        load_gtfs(tmp_path / "nope.zip")


def test_missing_required_field(tmp_path):
    st = STOP_TIMES.replace("stop_sequence", "seq")
    with pytest.raises(DataError) as err:
        load_gtfs(write(tmp_path, stop_times_txt=st), "2024-05-14")
    assert str(err.value) == ("gtfs.zip, layer 'stop_times.txt', field 'stop_sequence': "
                              "required field is missing")


def test_bad_calendar_value(tmp_path):
    cal = CAL.replace("WK,1,1,1,1,1,0,0", "WK,1,yes,1,1,1,0,0")
    with pytest.raises(DataError, match="field 'tuesday', row 2"):
        load_gtfs(write(tmp_path, calendar_txt=cal), "2024-05-14")


def test_bad_date_argument(tmp_path):
    with pytest.raises(DataError, match="YYYY-MM-DD"):
        load_gtfs(write(tmp_path), "14.05.2024")


def test_unknown_stop_skips_trip(tmp_path):
    st = STOP_TIMES.replace("T1,08:10:00,08:10:00,C,2", "T1,08:10:00,08:10:00,Q,2")
    day = load_gtfs(write(tmp_path, stop_times_txt=st), "2024-05-14")
    assert "T1" not in list(day.trip_ids)
    assert any("not in stops.txt" in w.message for w in day.warnings)


@pytest.mark.realdata
def test_real_atb_feed(shared_data):
    day = load_gtfs(shared_data / "trondheim" / "atb_entur_gtfs_2020-12-14.zip")
    # 2020-08-11 is the first Tuesday but runs a reduced (summer) timetable
    assert day.date == dt.date(2020, 8, 18)
    assert day.n_trips > 6000 and len(day.ev_trip) > 140_000
    assert day.ev_arr.max() > 24 * 3600  # past midnight
    sel = np.isin(day.stop_ids, day.stop_ids[day.ev_stop])
    assert (day.stop_x[sel] > 100_000).all()


def test_demo_feed(demo_dir):
    from ungtloft_map.core.analysis.transit import compute_matrix, prepare_network

    day = load_gtfs(demo_dir / "gtfs.zip")
    assert day.date.weekday() == 1 and day.n_trips > 0
    net = prepare_network(day, "07:00-09:00")
    xy = net.stop_xy[net.active_stops]
    m = compute_matrix(net, xy[:5], xy[-3:], cache=False)
    assert np.isfinite(m.p50).any()


def test_corrupt_member(tmp_path):
    path = write(tmp_path)
    data = bytearray(path.read_bytes())
    start = data.find(b"08:10:00")  # inside stop_times.txt's stored bytes (no compression)
    data[start:start + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    with pytest.raises(DataError) as err:
        load_gtfs(path, "2024-05-14")
    assert "gtfs.zip" in str(err.value)


def test_unused_members_and_orphan_services_are_reported(tmp_path):
    trips = TRIPS + "R,NOPE,T9\n"
    transfers = "from_stop_id,to_stop_id,transfer_type\nA,B,1\n"
    day = load_gtfs(write(tmp_path, trips_txt=trips, transfers_txt=transfers), "2024-05-14")
    text = " | ".join(str(w) for w in day.warnings)
    assert "transfers.txt is not used" in text
    assert "layer 'trips.txt', field 'service_id': 1 trips have a service_id" in text


def test_every_trip_skipped_is_an_error_that_says_why(tmp_path):
    st = STOP_TIMES.replace(",D,", ",Q,")
    with pytest.raises(DataError) as err:
        load_gtfs(write(tmp_path, stop_times_txt=st), "2024-05-14")
    msg = str(err.value)
    assert msg.startswith("gtfs.zip, layer 'stop_times.txt': no usable trip runs on 2024-05-14")
    assert "refer to stops not in stops.txt" in msg
