"""``transit-matrix`` and ``isochrone``: transit travel times from a GTFS feed on the command line.

Examples
--------
::

    ungtloft-map transit-matrix --gtfs atb.zip --origins cells.csv --destinations schools.geojson \\
        --window 07:00-09:00 --out matrix.csv --timings
    ungtloft-map isochrone --gtfs atb.zip --lon 10.3951 --lat 63.4305 --minutes 15,30,45 \\
        --out iso.geojson

Points files: CSV with ``id,lon,lat`` (WGS84) or ``id,x,y`` (EPSG:25832), or GeoJSON points
(an ``id`` property is used when present). The matrix CSV has ``origin_id, destination_id, p10,
p50, p90, reachable_share`` (minutes; empty when unreachable at that percentile). Reading and
writing them is :mod:`.transit_io` (no pandas: this command's whole run is a fresh process).
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import time
from pathlib import Path

from ..core.errors import DataError, UngtloftError
from ._session import add_project_argument, open_session
from .transit_io import read_points, write_matrix_csv

__all__ = ["register", "read_points"]


def register(subparsers) -> None:
    """Add the ``transit-matrix`` and ``isochrone`` sub-commands."""
    m = subparsers.add_parser(
        "transit-matrix", help="travel-time matrix (p10/p50/p90, reachable share) from GTFS",
        description="Travel times by public transport and walking from every origin to every "
                    "destination, for each departure minute of the window (R5 definition).")
    _common(m)
    m.add_argument("--origins", required=True, type=Path, help="CSV (id,lon,lat | id,x,y) or "
                   "GeoJSON points")
    m.add_argument("--destinations", required=True, type=Path, help="as --origins")
    m.add_argument("--out", required=True, type=Path, help="output CSV")
    m.add_argument("--kernel", choices=("fast", "reference"), default="fast",
                   help=argparse.SUPPRESS)
    m.add_argument("--timings", action="store_true", help="print load/prepare/compute seconds")
    m.set_defaults(func=run_matrix)

    i = subparsers.add_parser(
        "isochrone", help="15/30/45-minute transit + walk reach polygons from GTFS",
        description="Areas reachable within the given minutes (median over the departure "
                    "window) by public transport and walking from one point.")
    _common(i)
    i.add_argument("--lon", required=True, type=float, help="longitude (WGS84)")
    i.add_argument("--lat", required=True, type=float, help="latitude (WGS84)")
    i.add_argument("--minutes", default="15,30,45", help="budgets, comma separated")
    i.add_argument("--out", required=True, type=Path, help="output GeoJSON (WGS84)")
    i.add_argument("--timings", action="store_true", help="print load/prepare/compute seconds")
    i.set_defaults(func=run_isochrone)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gtfs", type=Path, help="GTFS feed (.zip); default: the feed of --project")
    add_project_argument(p)
    p.add_argument("--date", help="service date YYYY-MM-DD (default: a saved project's, else the "
                                  "first regular Tuesday)")
    p.add_argument("--window", default=None,
                   help="departure window, end exclusive (default: a saved project's, else 07:00-09:00)")
    p.add_argument("--walk-speed", type=float, default=1.3, help="m/s (default 1.3)")
    p.add_argument("--min-transfer", type=int, default=60, help="seconds (default 60)")


def _exit_code(run):
    """Make ``run(args, timings)`` an entry point returning the exit code: 0, or 2 after printing
    the message of an :class:`UngtloftError`; the timings are printed with ``--timings``."""

    @functools.wraps(run)
    def entry(args) -> int:
        t: dict[str, float] = {}
        try:
            run(args, t)
        except UngtloftError as err:
            print(str(err), file=sys.stderr)
            return 2
        if args.timings:
            _print_timings(t)
        return 0

    return entry


@_exit_code
def run_matrix(args, t: dict[str, float]) -> None:
    """Entry point of ``transit-matrix``; returns the exit code."""
    from ..core.analysis.transit import compute_matrix

    net = _network(args, t)
    oxy, oid = read_points(args.origins)
    dxy, did = read_points(args.destinations)
    t0 = time.perf_counter()
    m = compute_matrix(net, oxy, dxy, origin_ids=oid, destination_ids=did,
                       kernel=args.kernel, cache=False)
    t["compute"] = time.perf_counter() - t0
    _atomic_write(args.out, lambda tmp: write_matrix_csv(tmp, m))
    print(f"{len(oid)} origins × {len(did)} destinations × {len(net.minutes)} minutes "
          f"({net.day.date.isoformat()}, {net.window_label}) -> {args.out}")


def isochrone_areas_text(minutes, areas_km2, lang: str = "en") -> str:
    """The CLI's summary of isochrone areas, numbers by :mod:`ungtloft_map.core.text`.

    Examples
    --------
    >>> isochrone_areas_text([15, 30], [1.234, 12345.678])
    '15\xa0min 1.23\xa0km², 30\xa0min 12,345.68\xa0km²'
    """
    from ..core.text import format_value  # only isochrone prints numbers for people

    return ", ".join(f"{format_value(m, 'min', lang)} {format_value(a, 'km²', lang)}"
                     for m, a in zip(minutes, areas_km2))


@_exit_code
def run_isochrone(args, t: dict[str, float]) -> None:
    """Entry point of ``isochrone``; returns the exit code."""
    from ..core.analysis.transit.isochrone import isochrones

    try:
        minutes = [int(v) for v in str(args.minutes).split(",") if v.strip()]
    except ValueError:
        raise DataError(f"--minutes must be whole numbers like 15,30,45, got "
                        f"{args.minutes!r}") from None
    net = _network(args, t)
    t0 = time.perf_counter()
    iso = isochrones(net, (args.lon, args.lat), minutes=minutes, crs=4326)
    t["compute"] = time.perf_counter() - t0
    gdf = iso.polygons.to_crs(4326)
    gdf["area_km2"] = gdf["area_km2"].round(3)
    _atomic_write(args.out, lambda tmp: gdf.to_file(tmp, driver="GeoJSON"))
    areas = isochrone_areas_text(gdf["minutes"], gdf["area_km2"])
    print(f"isochrones ({net.day.date.isoformat()}, {net.window_label}): {areas} "
          f"-> {args.out}")


# --------------------------------------------------------------------------------------------


def _network(args, timings):
    from ..core.analysis.transit import TransitParams, prepare_network
    from ..core.io.gtfs import load_gtfs

    gtfs, date, window = _feed(args)
    t0 = time.perf_counter()
    day = load_gtfs(gtfs, date)
    t1 = time.perf_counter()
    for w in day.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if args.walk_speed <= 0:
        raise DataError(f"--walk-speed must be positive, got {args.walk_speed}")
    if args.min_transfer < 0:
        raise DataError(f"--min-transfer must not be negative, got {args.min_transfer}")
    params = TransitParams(walk_speed=args.walk_speed, min_transfer_s=args.min_transfer)
    net = prepare_network(day, window, params)
    timings["load"] = t1 - t0
    timings["prepare"] = time.perf_counter() - t1
    return net


def _feed(args) -> tuple[Path, str | None, str]:
    """The GTFS feed, service date and departure window: the options given, else those of
    ``--project`` (its feed; a saved project's transit date and window).

    Raises
    ------
    DataError
        Neither ``--gtfs`` nor a ``--project`` with a GTFS feed.
    """
    date, window = args.date, args.window
    gtfs = args.gtfs
    if getattr(args, "project", None) is not None:
        session = open_session(args)
        if gtfs is None:
            gtfs = session.project.gtfs_path
            if gtfs is None:
                raise DataError("the project has no GTFS feed; give one with --gtfs", file=args.project,
                                field="gtfs")
        if session.path is not None:  # a saved project: its transit date and window
            date = date or session.analysis.transit_date
            window = window or session.analysis.transit_window
    if gtfs is None:
        raise DataError("give the GTFS feed with --gtfs, or a project that has one with --project", field="--gtfs")
    return Path(gtfs), date, window or "07:00-09:00"


def _atomic_write(path: Path, write) -> None:
    """Write through a temp file in the same folder, then rename over ``path``."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise DataError("output folder does not exist", file=path)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}-", suffix=path.suffix)
    os.close(fd)
    os.unlink(tmp)  # some writers (GDAL) refuse to overwrite; they create the file themselves
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise DataError(f"cannot write the file ({exc.strerror or exc})", file=path) from None
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _print_timings(t: dict) -> None:
    print("timings: " + ", ".join(f"{k} {v:.2f} s" for k, v in t.items()))
