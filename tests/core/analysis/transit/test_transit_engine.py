"""Hand-made feeds with answers worked out by hand; both kernels must give them.

Walking: 1.3 m/s and circuity 1.3, so one metre of straight line takes one second.
Tuesday 2024-05-14 is the service day unless said otherwise.
"""

from __future__ import annotations

import numpy as np
import pytest

from ungtloft_map.core.analysis.transit import (
    Cancelled,
    TransitParams,
    compute_matrix,
    percentile_minutes,
    prepare_network,
    zone_values,
)
from ungtloft_map.core.analysis.transit._cache import default_cache
from ungtloft_map.core.io.gtfs import load_gtfs

DAY = "2024-05-14"


def minutes(path, origin, dest, *, date=DAY, window="08:00-08:01", **params):
    """Per-minute travel time in minutes (NaN = unreachable), checked on both kernels."""
    net = prepare_network(load_gtfs(path, date), window, TransitParams(**params))
    dests = dest if isinstance(dest, dict) else np.array([dest])
    res = [compute_matrix(net, np.array([origin]), dests, kernel=k, keep_minutes=True,
                          cache=False).seconds for k in ("fast", "reference")]
    np.testing.assert_array_equal(res[0], res[1])
    sec = res[0][0, 0].astype(float)
    return np.where(sec < 0, np.nan, sec / 60.0)


STOPS = {"A": (0, 0), "B": (9000, 0), "C": (18000, 0)}


def test_transfer_missed_by_30_seconds(feed):
    path = feed(STOPS, [
        ("T1", "WK", [("A", "08:00:00", "08:00:00"), ("B", "08:10:00", "08:10:00")]),
        ("T2", "WK", [("B", "08:10:30", "08:10:30"), ("C", "08:20:00", "08:20:00")]),
        ("T3", "WK", [("B", "08:30:00", "08:30:00"), ("C", "08:40:00", "08:40:00")]),
    ])
    # 30 s is less than the 60 s minimum transfer: T2 is missed, T3 arrives 08:40
    assert minutes(path, feed.xy(0), feed.xy(18000)).tolist() == [40.0]
    # with a 30 s minimum the change works: 08:20
    assert minutes(path, feed.xy(0), feed.xy(18000), min_transfer_s=30).tolist() == [20.0]


def test_transfer_exactly_at_minimum_is_made(feed):
    path = feed(STOPS, [
        ("T1", "WK", [("A", "08:00:00", "08:00:00"), ("B", "08:10:00", "08:10:00")]),
        ("T2", "WK", [("B", "08:11:00", "08:11:00"), ("C", "08:20:00", "08:20:00")]),
    ])
    assert minutes(path, feed.xy(0), feed.xy(18000)).tolist() == [20.0]


def test_staying_on_the_trip_needs_no_transfer_time(feed):
    path = feed(STOPS, [
        ("T1", "WK", [("A", "08:00:00", "08:00:00"), ("B", "08:10:00", "08:10:00"),
                      ("C", "08:20:00", "08:20:00")]),
    ])
    assert minutes(path, feed.xy(0), feed.xy(18000)).tolist() == [20.0]


def test_first_wait_is_included_and_window_minutes(feed):
    path = feed(STOPS, [
        ("T1", "WK", [("A", "08:05:00", "08:05:00"), ("B", "08:15:00", "08:15:00")]),
    ])
    # leaving 08:00, 08:01, ... 08:04: wait for 08:05, arrive 08:15; from 08:06 nothing
    got = minutes(path, feed.xy(0), feed.xy(9000), window="08:00-08:07")
    np.testing.assert_array_equal(got, [15, 14, 13, 12, 11, 10, np.nan])


def test_overnight_trip_past_24(feed):
    path = feed(STOPS, [
        ("N1", "WK", [("A", "23:50:00", "23:50:00"), ("B", "24:10:00", "24:10:00"),
                      ("C", "25:05:00", "25:05:00")]),
    ])
    # leave 23:45, arrive 25:05 (01:05 next morning) = 80 min
    assert minutes(path, feed.xy(0), feed.xy(18000), window="23:45-23:46").tolist() == [80.0]


def test_previous_days_trip_after_midnight(feed):
    path = feed(STOPS, [
        ("P1", "MO", [("A", "24:40:00", "24:40:00"), ("B", "25:00:00", "25:00:00")]),
        ("W1", "WK", [("B", "12:00:00", "12:00:00"), ("C", "12:30:00", "12:30:00")]),
    ], calendar=["MO,1,0,0,0,0,0,0,20240101,20241231", "WK,1,1,1,1,1,0,0,20240101,20241231"])
    # Monday's trip runs at 00:40 on Tuesday morning: leave 00:30, arrive 01:00
    got = minutes(path, feed.xy(0), feed.xy(9000), window="00:30-00:31")
    assert got.tolist() == [30.0]
    # on Wednesday there is no Tuesday-night trip (Monday only) and walking 9 km takes 150 min
    assert np.isnan(minutes(path, feed.xy(0), feed.xy(9000), date="2024-05-15",
                            window="00:30-00:31")).all()


def test_faster_direct_walk_wins(feed):
    stops = {"A": (0, 0), "B": (600, 0)}
    slow = feed(stops, [("T1", "WK", [("A", "08:05:00", "08:05:00"),
                                      ("B", "08:15:00", "08:15:00")])], name="slow.zip")
    # the bus arrives after 15 min, walking 600 m takes 600 s = 10 min
    assert minutes(slow, feed.xy(0), feed.xy(600)).tolist() == [10.0]
    fast = feed(stops, [("T1", "WK", [("A", "08:01:00", "08:01:00"),
                                      ("B", "08:03:00", "08:03:00")])], name="fast.zip")
    assert minutes(fast, feed.xy(0), feed.xy(600)).tolist() == [3.0]


def test_access_and_egress_walks_are_counted(feed):
    path = feed(STOPS, [
        ("T1", "WK", [("A", "08:10:00", "08:10:00"), ("B", "08:20:00", "08:20:00")]),
    ])
    # 300 m to A (300 s), bus 08:10-08:20, 420 m from B (420 s): arrive 08:27:00
    got = minutes(path, feed.xy(-300), feed.xy(9000, 420))
    assert got.tolist() == [27.0]
    # a stop beyond the 20 min (1200 m) access limit cannot be used
    assert np.isnan(minutes(path, feed.xy(-1201), feed.xy(9000))).all()


def test_calendar_exception_day(feed):
    stops = {"A": (0, 0), "B": (9000, 0)}
    path = feed(stops, [
        ("T1", "WK", [("A", "08:10:00", "08:10:00"), ("B", "08:20:00", "08:20:00")]),
        ("T2", "EX", [("A", "08:30:00", "08:30:00"), ("B", "08:40:00", "08:40:00")]),
    ], calendar_dates=["WK,20240514,2", "EX,20240514,1"])
    assert minutes(path, feed.xy(0), feed.xy(9000)).tolist() == [40.0]  # exception day
    assert minutes(path, feed.xy(0), feed.xy(9000), date="2024-05-15").tolist() == [20.0]


def test_walking_transfer_between_nearby_stops(feed):
    stops = {**STOPS, "B2": (9000, 300)}
    path = feed(stops, [
        ("T1", "WK", [("A", "08:00:00", "08:00:00"), ("B", "08:10:00", "08:10:00")]),
        ("T2", "WK", [("B2", "08:14:59", "08:14:59"), ("C", "08:20:00", "08:20:00")]),
        ("T3", "WK", [("B2", "08:15:00", "08:15:00"), ("C", "08:25:00", "08:25:00")]),
    ])
    # 300 m walk = 300 s: T2 leaves one second too early, T3 is caught
    assert minutes(path, feed.xy(0), feed.xy(18000)).tolist() == [25.0]
    # walking transfers are limited to 400 m
    far = {**STOPS, "B2": (9000, 401)}
    path2 = feed(far, [
        ("T1", "WK", [("A", "08:00:00", "08:00:00"), ("B", "08:10:00", "08:10:00")]),
        ("T3", "WK", [("B2", "08:30:00", "08:30:00"), ("C", "08:40:00", "08:40:00")]),
    ], name="far.zip")
    assert np.isnan(minutes(path2, feed.xy(0), feed.xy(18000))).all()


def test_parent_station_platforms_take_the_minimum_transfer(feed):
    stops = {**STOPS, "B2": (9000, 30), "BS": (9000, 15)}
    path = feed(stops, [
        ("T1", "WK", [("A", "08:00:00", "08:00:00"), ("B", "08:10:00", "08:10:00")]),
        ("T2", "WK", [("B2", "08:10:45", "08:10:45"), ("C", "08:15:00", "08:15:00")]),
        ("T3", "WK", [("B2", "08:11:00", "08:11:00"), ("C", "08:21:00", "08:21:00")]),
    ], parents={"B": "BS", "B2": "BS"})
    assert minutes(path, feed.xy(0), feed.xy(18000)).tolist() == [21.0]


def test_parent_station_platforms_further_than_the_transfer_radius(feed):
    stops = {**STOPS, "B2": (9000, 600), "BS": (9000, 300)}
    path = feed(stops, [
        ("T1", "WK", [("A", "08:00:00", "08:00:00"), ("B", "08:10:00", "08:10:00")]),
        ("T3", "WK", [("B2", "08:20:00", "08:20:00"), ("C", "08:30:00", "08:30:00")]),
    ], parents={"B": "BS", "B2": "BS"})
    # siblings are always connected: 600 s walk, board 08:20
    assert minutes(path, feed.xy(0), feed.xy(18000)).tolist() == [30.0]


def test_pickup_and_drop_off_restrictions(feed):
    path = feed(STOPS, [
        ("T1", "WK", [("A", "08:00:00", "08:00:00", "", ""),
                      ("B", "08:10:00", "08:10:00", "", "1"),     # no drop-off at B
                      ("C", "08:20:00", "08:20:00", "", "")]),
        ("T2", "WK", [("A", "08:05:00", "08:05:00", "1", ""),     # no pick-up at A
                      ("B", "08:12:00", "08:12:00", "", "")]),
        ("T3", "WK", [("A", "08:30:00", "08:30:00", "", ""),
                      ("B", "08:40:00", "08:40:00", "", "")]),
    ])
    assert minutes(path, feed.xy(0), feed.xy(9000)).tolist() == [40.0]
    assert minutes(path, feed.xy(0), feed.xy(18000)).tolist() == [20.0]


def test_nearest_of_a_category_is_the_minimum_per_minute(feed):
    stops = {**STOPS, "D": (0, 9000)}
    path = feed(stops, [
        ("T1", "WK", [("A", "08:05:00", "08:05:00"), ("B", "08:15:00", "08:15:00")]),
        ("T2", "WK", [("A", "08:02:00", "08:02:00"), ("D", "08:30:00", "08:30:00")]),
    ])
    net = prepare_network(load_gtfs(path, DAY), "08:00-08:06")
    origin = np.array([feed.xy(0)])
    pts = np.array([feed.xy(9000), feed.xy(0, 9000)])
    single = compute_matrix(net, origin, pts, keep_minutes=True, cache=False).seconds[0]
    group = compute_matrix(net, origin, {"school": pts}, keep_minutes=True, cache=False)
    s = np.where(single < 0, 10**9, single).min(axis=0)
    np.testing.assert_array_equal(group.seconds[0, 0], np.where(s == 10**9, -1, s))
    assert list(group.destination_ids) == ["school"]
    # 08:00: B at 15 min; 08:03, 08:04: B only; 08:05: B at 10 min
    np.testing.assert_array_equal(group.seconds[0, 0] / 60, [15, 14, 13, 12, 11, 10])


def test_matrix_statistics_and_frame(feed):
    path = feed(STOPS, [
        ("T1", "WK", [("A", "08:05:00", "08:05:00"), ("B", "08:15:00", "08:15:00")]),
    ])
    net = prepare_network(load_gtfs(path, DAY), "08:00-08:10")
    m = compute_matrix(net, np.array([feed.xy(0)]), np.array([feed.xy(9000)]), cache=False,
                       origin_ids=["o1"], destination_ids=["d1"])
    # minutes 08:00..08:05 → 15..10 min, 08:06..08:09 unreachable: 6/10 reachable
    assert m.reachable_share[0, 0] == pytest.approx(0.6)
    # sorted 10, 11, 12, 13, 14, 15, inf x4: nearest rank p50 = 5th value
    assert m.p10[0, 0] == 10.0 and m.p50[0, 0] == 14.0 and np.isnan(m.p90[0, 0])
    df = m.to_frame()
    assert list(df.columns) == ["origin_id", "destination_id", "p10", "p50", "p90",
                                "reachable_share"]
    assert df.iloc[0]["origin_id"] == "o1"
    assert "TravelTimeMatrix(origins=1, destinations=1" in repr(m)


def test_percentile_minutes_nearest_rank():
    sec = np.array([[600, 60, 120, 180, 240, 300, 360, 420, 480, 540]])
    p10, p50, p90, share = percentile_minutes(sec)
    assert (p10[0], p50[0], p90[0], share[0]) == (1.0, 5.0, 9.0, 1.0)
    p10, p50, p90, share = percentile_minutes(np.array([[-1, -1, 60, 7201]]))
    assert p10[0] == 1.0 and np.isnan(p50[0]) and share[0] == 0.25


def test_zone_values_weighted_median_and_mean():
    s = zone_values([10, 20, 30, np.nan], [1, 1, 3, 1], ["a", "a", "a", "b"], zones=["a", "b",
                                                                                     "c"])
    assert s["a"] == 30.0 and np.isnan(s["b"]) and np.isnan(s["c"])
    # unreachable counts as longest: 3 of 4 people unreachable -> NaN
    assert np.isnan(zone_values([5, np.nan], [1, 3], ["z", "z"])["z"])
    m = zone_values([10, 20, np.nan], [1, 3, 5], ["a", "a", "a"], how="mean")
    assert m["a"] == pytest.approx(17.5)


def test_progress_and_cancel(feed):
    path = feed(STOPS, [
        ("T1", "WK", [("A", "08:05:00", "08:05:00"), ("B", "08:15:00", "08:15:00")]),
    ])
    net = prepare_network(load_gtfs(path, DAY), "08:00-08:10")
    calls = []
    dests = np.array([feed.xy(9000), feed.xy(18000), feed.xy(100)])
    for kernel in ("fast", "reference"):
        calls.clear()
        compute_matrix(net, np.array([feed.xy(0)]), dests, kernel=kernel, cache=False,
                       progress=lambda d, t: calls.append((d, t)) or True)
        assert calls and calls[-1][0] == calls[-1][1]
        with pytest.raises(Cancelled):
            compute_matrix(net, np.array([feed.xy(0)]), dests, kernel=kernel, cache=False,
                           progress=lambda d, t: False)


def test_cache_memory_and_disk(feed, tmp_path):
    path = feed(STOPS, [
        ("T1", "WK", [("A", "08:05:00", "08:05:00"), ("B", "08:15:00", "08:15:00")]),
    ])
    net = prepare_network(load_gtfs(path, DAY), "08:00-08:10")
    args = (net, np.array([feed.xy(0)]), np.array([feed.xy(9000)]))
    default_cache.clear()
    first = compute_matrix(*args, cache_dir=tmp_path / "cache")
    second = compute_matrix(*args, cache_dir=tmp_path / "cache")
    assert first.timings["cache"] is False and second.timings["cache"] is True
    np.testing.assert_array_equal(first.p50, second.p50)
    default_cache.clear()
    third = compute_matrix(*args, cache_dir=tmp_path / "cache")  # from disk
    assert third.timings["cache"] is True
    np.testing.assert_array_equal(first.p50, third.p50)
    # another origin is a different key
    other = compute_matrix(net, np.array([feed.xy(5)]), np.array([feed.xy(9000)]))
    assert other.timings["cache"] is False


def test_geodataframe_inputs_and_crs_check(feed):
    import geopandas as gpd
    import shapely

    from ungtloft_map.core.errors import DataError

    path = feed(STOPS, [
        ("T1", "WK", [("A", "08:05:00", "08:05:00"), ("B", "08:15:00", "08:15:00")]),
    ])
    net = prepare_network(load_gtfs(path, DAY), "08:00-08:01")
    cells = gpd.GeoDataFrame({"population": [1]}, index=["cell-1"],
                             geometry=[shapely.Point(feed.xy(0)).buffer(10)], crs=25832)
    dest = gpd.GeoDataFrame(geometry=[shapely.Point(feed.xy(9000))], index=["B"], crs=25832)
    m = compute_matrix(net, cells, dest, cache=False)
    assert list(m.origin_ids) == ["cell-1"] and list(m.destination_ids) == ["B"]
    assert m.p50[0, 0] == 15.0  # polygon replaced by its centroid, at stop A
    with pytest.raises(DataError, match="EPSG:25832"):
        compute_matrix(net, cells.to_crs(4326), dest)
    cached = compute_matrix(net, cells, dest)
    with pytest.raises(ValueError):
        cached.p50[0, 0] = 0.0  # cached arrays are read-only
