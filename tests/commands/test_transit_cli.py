"""``transit-matrix`` and ``isochrone`` sub-commands on a hand-made feed."""

from __future__ import annotations

import argparse
import json
import zipfile

import pandas as pd
import pytest
from pyproj import Transformer

from ungtloft_map.commands import transit

X0, Y0 = 570000.0, 7034000.0
LONLAT = Transformer.from_crs(25832, 4326, always_xy=True)


def lonlat(dx, dy=0.0):
    return LONLAT.transform(X0 + dx, Y0 + dy)


@pytest.fixture
def gtfs(tmp_path):
    stops = ["stop_id,stop_name,stop_lat,stop_lon"]
    for name, dx in (("A", 0), ("B", 9000), ("C", 18000)):
        lon, lat = lonlat(dx)
        stops.append(f"{name},{name},{lat:.9f},{lon:.9f}")
    files = {
        "stops.txt": "\n".join(stops) + "\n",
        "routes.txt": "route_id,route_short_name,route_type\nR,1,3\n",
        "trips.txt": "route_id,service_id,trip_id\nR,WK,T1\nR,WK,T2\n",
        "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
                        "start_date,end_date\nWK,1,1,1,1,1,0,0,20240101,20241231\n",
        "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "T1,08:05:00,08:05:00,A,1\nT1,08:15:00,08:15:00,B,2\n"
                          "T2,08:20:00,08:20:00,B,1\nT2,08:30:00,08:30:00,C,2\n",
    }
    path = tmp_path / "gtfs.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for k, v in files.items():
            zf.writestr(k, v)
    return path


def run(argv):
    parser = argparse.ArgumentParser(prog="ungtloft-map")
    transit.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def test_transit_matrix(tmp_path, gtfs, capsys):
    lon, lat = lonlat(0)
    (tmp_path / "o.csv").write_text(f"id,lon,lat\nhome,{lon},{lat}\n")
    (tmp_path / "d.csv").write_text(f"id,x,y\nB,{X0 + 9000},{Y0}\nC,{X0 + 18000},{Y0}\n"
                                    f"far,{X0 + 90000},{Y0}\n")
    out = tmp_path / "m.csv"
    code = run(["transit-matrix", "--gtfs", str(gtfs), "--origins", str(tmp_path / "o.csv"),
                "--destinations", str(tmp_path / "d.csv"), "--date", "2024-05-14",
                "--window", "08:00-08:02", "--out", str(out), "--timings"])
    assert code == 0
    df = pd.read_csv(out, dtype={"origin_id": str, "destination_id": str})
    assert list(df.columns) == ["origin_id", "destination_id", "p10", "p50", "p90",
                                "reachable_share"]
    b = df.set_index("destination_id").loc["B"]
    # leave 08:00 -> 15 min, 08:01 -> 14 min; nearest rank: p10 14, p50 14, p90 15
    assert (b["p10"], b["p50"], b["p90"], b["reachable_share"]) == (14.0, 14.0, 15.0, 1.0)
    assert df.set_index("destination_id").loc["C", "p50"] == 29.0
    # unreachable: empty cells
    text = out.read_text().splitlines()
    assert text[3] == "home,far,,,,0.0"
    printed = capsys.readouterr().out
    assert "timings: load" in printed and "compute" in printed
    assert not list(tmp_path.glob(".m-*"))  # no temp file left


def test_transit_matrix_geojson_points(tmp_path, gtfs):
    lon, lat = lonlat(0)
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "p1"},
         "geometry": {"type": "Point", "coordinates": [lon, lat]}}]}
    (tmp_path / "o.geojson").write_text(json.dumps(fc))
    out = tmp_path / "m.csv"
    code = run(["transit-matrix", "--gtfs", str(gtfs), "--origins", str(tmp_path / "o.geojson"),
                "--destinations", str(tmp_path / "o.geojson"), "--date", "2024-05-14",
                "--window", "08:00-08:02", "--out", str(out)])
    assert code == 0
    assert pd.read_csv(out)["p50"].tolist() == [0.0]


def test_isochrone(tmp_path, gtfs, capsys):
    lon, lat = lonlat(0)
    out = tmp_path / "iso.geojson"
    code = run(["isochrone", "--gtfs", str(gtfs), "--lon", str(lon), "--lat", str(lat),
                "--date", "2024-05-14", "--window", "08:00-08:02", "--minutes", "15,30",
                "--out", str(out)])
    assert code == 0
    data = json.loads(out.read_text())
    assert [f["properties"]["minutes"] for f in data["features"]] == [30, 15]
    assert data["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert "30\u00a0min" in capsys.readouterr().out  # core.text: a no-break space before the unit


def test_errors_are_reported_with_exit_code_2(tmp_path, gtfs, capsys):
    bad = tmp_path / "gtfs.zip.txt"
    bad.write_text("not a zip")
    (tmp_path / "o.csv").write_text("id,lon,lat\na,10.4,63.4\n")
    code = run(["transit-matrix", "--gtfs", str(bad), "--origins", str(tmp_path / "o.csv"),
                "--destinations", str(tmp_path / "o.csv"), "--out", str(tmp_path / "m.csv")])
    assert code == 2
    assert "gtfs.zip.txt: not a readable zip file" in capsys.readouterr().err
    assert not (tmp_path / "m.csv").exists()
    (tmp_path / "bad.csv").write_text("id,lon,lat\na,10.4,63.4\nb,ten,63.4\n")
    code = run(["transit-matrix", "--gtfs", str(gtfs), "--origins", str(tmp_path / "bad.csv"),
                "--destinations", str(tmp_path / "o.csv"), "--date", "2024-05-14",
                "--out", str(tmp_path / "m.csv")])
    assert code == 2
    assert "bad.csv, field 'lon', row 3: not a number: 'ten'" in capsys.readouterr().err
    code = run(["isochrone", "--gtfs", str(gtfs), "--lon", "10.4", "--lat", "63.4",
                "--date", "2024-05-18", "--out", str(tmp_path / "i.geojson")])
    assert code == 2
    assert "empty service day" in capsys.readouterr().err


def test_discovered_by_the_main_cli(tmp_path, gtfs):
    from ungtloft_map.cli import build_parser

    args = build_parser().parse_args(["isochrone", "--gtfs", str(gtfs), "--lon", "10.4",
                                      "--lat", "63.4", "--out", str(tmp_path / "i.geojson")])
    assert args.func is transit.run_isochrone
