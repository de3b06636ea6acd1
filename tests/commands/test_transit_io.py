"""``transit-matrix``'s points in and matrix out without pandas (``commands/transit_io.py``):
the same values and bytes as the pandas code it replaced, the same errors."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pyproj import Transformer

from ungtloft_map.commands.transit_io import read_points, write_matrix_csv
from ungtloft_map.core.analysis.transit.matrix import TravelTimeMatrix
from ungtloft_map.core.errors import DataError

ROOT = Path(__file__).resolve().parents[2]


def _pandas_csv(path: Path, m: TravelTimeMatrix) -> bytes:
    """What ``transit-matrix`` wrote before: ``to_frame`` rounded, ``to_csv(na_rep="")``."""
    df = m.to_frame()
    for col in ("p10", "p50", "p90"):
        df[col] = df[col].round(2)
    df["reachable_share"] = df["reachable_share"].round(4)
    df.to_csv(path, index=False, na_rep="")
    return path.read_bytes()


def _pandas_points(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """The pandas reader ``transit-matrix`` used before (valid files only)."""
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="cp1252")
    df.columns = [c.strip().lower() for c in df.columns]
    cx, cy = ("lon", "lat") if "lon" in df.columns else ("x", "y")
    x, y = (pd.to_numeric(df[c].str.strip(), errors="coerce").to_numpy(dtype=np.float64)
            for c in (cx, cy))
    if cx == "lon":
        x, y = Transformer.from_crs(4326, 25832, always_xy=True).transform(x, y)
    ids = df["id"].to_numpy() if "id" in df.columns else np.arange(len(df))
    return np.column_stack([x, y]), ids


def _matrix(origin_ids, destination_ids, seed: int = 0) -> TravelTimeMatrix:
    rng = np.random.default_rng(seed)
    shape = (len(origin_ids), len(destination_ids))
    p = [rng.uniform(0, 130, shape) for _ in range(3)]
    for a in p:
        a[rng.random(shape) < 0.2] = np.nan  # unreachable at that percentile
    p[0][0, 0] = 0.0
    p[1][0, 0] = 1.005  # a value where rounding half-way cases matter
    share = rng.uniform(0, 1, shape)
    share[rng.random(shape) < 0.1] = 0.0
    share[rng.random(shape) < 0.1] = 1.0
    share.flat[0] = 1 / 120
    return TravelTimeMatrix(
        origin_ids=np.asarray(origin_ids), destination_ids=np.asarray(destination_ids),
        p10=p[0], p50=p[1], p90=p[2], reachable_share=share, seconds=None,
        window="07:00-09:00", date="2024-05-14", kernel="fast")


@pytest.mark.parametrize("ids", [
    (np.array(["home", "a,b", 'say "hi"', "Ærfugl ø", " padded ", "line\nbreak"], dtype=object),
     np.array(["B", "C", "far"], dtype=object)),
    (np.arange(40), np.arange(7)),
])
def test_matrix_csv_is_byte_identical_to_pandas(tmp_path: Path, ids) -> None:
    m = _matrix(*ids)
    write_matrix_csv(tmp_path / "new.csv", m)
    assert (tmp_path / "new.csv").read_bytes() == _pandas_csv(tmp_path / "old.csv", m)


def test_matrix_csv_many_values_byte_identical(tmp_path: Path) -> None:
    m = _matrix(np.array([f"P{k}" for k in range(2000)], dtype=object),
                np.array([f"D{k}" for k in range(20)], dtype=object), seed=7)
    write_matrix_csv(tmp_path / "new.csv", m)
    assert (tmp_path / "new.csv").read_bytes() == _pandas_csv(tmp_path / "old.csv", m)


@pytest.mark.parametrize("text, encoding", [
    ("id,x,y\nP0,566363.81,7031285.06\nP1,574272.03,7033575.78\n", "utf-8"),
    ("ID , X ,Y\r\nP0, 566363.8123456789 ,7031285.06\r\n\r\n  \r\n\"P,1\",574272,7.03357578e6\r\n",
     "utf-8-sig"),
    ("id,lon,lat\nTorget,10.3951,63.4305\nSkøyen,10.43,63.41\n", "utf-8"),
    ("id,lon,lat\nTorget,10.3951,63.4305\nSkøyen,10.43,63.41\n", "cp1252"),
    ("lat,lon\n63.4305,10.3951\n63.41,10.43\n", "utf-8"),
])
def test_points_equal_the_pandas_reader(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(text.encode(encoding))
    xy, ids = read_points(path)
    ref_xy, ref_ids = _pandas_points(path)
    assert xy.dtype == np.float64 and np.array_equal(xy, ref_xy)
    assert ids.tolist() == ref_ids.tolist()


def test_many_coordinates_parse_exactly_as_pandas(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    x = rng.uniform(-1e6, 1e7, 3000).tolist()
    lines = ["id,x,y"] + [f"P{k},{v:.{k % 12}f},{v!r}" for k, v in enumerate(x)]
    path = tmp_path / "p.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    xy, _ = read_points(path)
    ref_xy, _ = _pandas_points(path)
    assert np.array_equal(xy, ref_xy)


@pytest.mark.parametrize("text, message", [
    ("id,x,y\na,1,2\nb,ten,2\n", "p.csv, field 'x', row 3: not a number: 'ten'"),
    ("id,x,y\na,1_000,2\n", "not a number: '1_000'"),
    ("id,x,y\na,1,\n", "field 'y', row 2: not a number: ''"),
    ("id,x,y\na,1,2\nb,1\n", "row 3: cannot read CSV (expected 3 fields, saw 2)"),
    ("id,x,y\na,1,2,9\n", "row 2: cannot read CSV (expected 3 fields, saw 4)"),
    ("", "cannot read CSV (the file is empty)"),
    ("id,east,north\na,1,2\n", "needs columns id,lon,lat (WGS84) or id,x,y (EPSG:25832)"),
    ("id,lon,lat\na,10.4,63.4\nb,570000,7034000\n",
     "field 'lon', row 3: not a longitude/latitude"),
])
def test_bad_points_are_one_data_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "p.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_points(path)
    assert message in str(err.value)


def test_transit_matrix_process_imports_no_pandas(tmp_path: Path) -> None:
    """With the feed in the disk cache, the command never imports pandas, pyproj or geopandas
    (the parser of the other sub-commands neither)."""
    feed = tmp_path / "gtfs.zip"
    stops = "stop_id,stop_name,stop_lat,stop_lon\nA,A,63.43,10.39\nB,B,63.44,10.42\n"
    with zipfile.ZipFile(feed, "w") as zf:
        zf.writestr("stops.txt", stops)
        zf.writestr("trips.txt", "route_id,service_id,trip_id\nR,WK,T1\n")
        zf.writestr("calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,"
                    "saturday,sunday,start_date,end_date\nWK,1,1,1,1,1,0,0,20240101,20241231\n")
        zf.writestr("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,"
                    "stop_sequence\nT1,08:05:00,08:05:00,A,1\nT1,08:15:00,08:15:00,B,2\n")
    (tmp_path / "o.csv").write_text("id,x,y\nh,569000,7034000\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from ungtloft_map.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        "heavy = [m for m in ('pandas', 'pyproj', 'geopandas', 'shapely') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
        "sys.exit(rc)\n"
    )
    argv = [sys.executable, "-c", code, "transit-matrix", "--gtfs", str(feed), "--origins",
            str(tmp_path / "o.csv"), "--destinations", str(tmp_path / "o.csv"), "--date",
            "2024-05-14", "--window", "08:00-08:02", "--out", str(tmp_path / "m.csv")]
    env = dict(os.environ, UNGTLOFT_CACHE_DIR=str(tmp_path / "cache"))
    runs = [subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT,
                           timeout=300) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr
    assert "HEAVY []" in runs[1].stdout  # the second run reads the feed from the cache
    assert "pandas" in runs[0].stdout  # the first parsed the feed (pandas): the check bites
