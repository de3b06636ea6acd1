"""Tiny hand-made GTFS feeds for the transit tests (written into ``tmp_path``).

Stops are placed in EPSG:25832 metres (so walking times are easy to work out: with the default
1.3 m/s and circuity 1.3 one metre of straight line is one second) and written as lon/lat.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pyproj import Transformer

X0, Y0 = 570000.0, 7034000.0
_TO_LONLAT = Transformer.from_crs(25832, 4326, always_xy=True)


def write_feed(path: Path, stops: dict[str, tuple[float, float]], trips: list[tuple],
               *, calendar: list[str] | None = None, calendar_dates: list[str] | None = None,
               parents: dict[str, str] | None = None,
               extra: dict[str, str] | None = None) -> Path:
    """Write a GTFS zip.

    ``stops``: name -> (dx, dy) metres from (X0, Y0). ``trips``: (trip_id, service_id,
    [(stop, arrival, departure[, pickup_type, drop_off_type]), ...]). ``calendar`` rows without header; default: service
    ``WK`` runs Monday-Friday in 2024.
    """
    parents = parents or {}
    lines = ["stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station"]
    for name, (dx, dy) in stops.items():
        lon, lat = _TO_LONLAT.transform(X0 + dx, Y0 + dy)
        lt = "1" if name in parents.values() else "0"
        lines.append(f"{name},{name},{lat:.9f},{lon:.9f},{lt},{parents.get(name, '')}")
    files = {
        "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nA,Test,http://x,Europe/Oslo\n",
        "routes.txt": "route_id,agency_id,route_short_name,route_type\nR,A,1,3\n",
        "stops.txt": "\n".join(lines) + "\n",
    }
    t_lines = ["route_id,service_id,trip_id"]
    st_lines = ["trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,"
                "drop_off_type"]
    for trip_id, service, calls in trips:
        t_lines.append(f"R,{service},{trip_id}")
        for k, call in enumerate(calls):
            stop, arr, dep = call[:3]
            pick, drop = call[3:5] if len(call) > 3 else ("", "")
            st_lines.append(f"{trip_id},{arr},{dep},{stop},{k + 1},{pick},{drop}")
    files["trips.txt"] = "\n".join(t_lines) + "\n"
    files["stop_times.txt"] = "\n".join(st_lines) + "\n"
    if calendar is None:
        calendar = ["WK,1,1,1,1,1,0,0,20240101,20241231"]
    if calendar:
        files["calendar.txt"] = ("service_id,monday,tuesday,wednesday,thursday,friday,saturday,"
                                 "sunday,start_date,end_date\n" + "\n".join(calendar) + "\n")
    if calendar_dates:
        files["calendar_dates.txt"] = ("service_id,date,exception_type\n"
                                       + "\n".join(calendar_dates) + "\n")
    files.update(extra or {})
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


class FeedMaker:
    """``feed(stops, trips, **kw) -> Path`` writes ``gtfs.zip``; ``feed.xy(dx, dy)`` is a point."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __call__(self, stops, trips, name: str = "gtfs.zip", **kw) -> Path:
        return write_feed(self.folder / name, stops, trips, **kw)

    @staticmethod
    def xy(dx: float, dy: float = 0.0) -> tuple[float, float]:
        return (X0 + dx, Y0 + dy)


@pytest.fixture
def feed(tmp_path) -> FeedMaker:
    return FeedMaker(tmp_path)
