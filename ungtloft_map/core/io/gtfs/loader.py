"""The cached GTFS loader :func:`load_gtfs` (the disk cache reads ``_LOADER_VERSION`` and
``GtfsDay`` from this module's globals).

The parsing modules (pandas, pyproj) are imported only when a feed is parsed: a feed read
back from the disk cache needs neither, which keeps them out of a fresh ``transit-matrix``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

from ...cache import cached_gtfs_day
from ...errors import DataError, DataWarning
from .day import GtfsDay

_LOADER_VERSION = "1"


def _assemble(*args, **kwargs):
    """:func:`.assemble._assemble`, imported on first use (pyproj)."""
    from .assemble import _assemble as assemble

    return assemble(*args, **kwargs)


@cached_gtfs_day  # parsed feeds are kept in the user's cache folder, keyed by content
def load_gtfs(path: str | Path, date: dt.date | str | None = None) -> GtfsDay:
    """Load the trips of one service day from a GTFS zip.

    Parameters
    ----------
    path
        The feed (``.zip``; members may sit in one sub-folder).
    date
        Service date (``datetime.date`` or ``"YYYY-MM-DD"``). Default: the first Tuesday in the
        feed that is not a Norwegian public holiday and has regular service (at least 90 % of the
        median Tuesday's trips after ``calendar_dates`` additions and removals).

    Returns
    -------
    GtfsDay

    Raises
    ------
    DataError
        The zip cannot be read, a required member or field is missing, a time or coordinate is
        invalid, or no trip runs on the date.

    Examples
    --------
    The demo feed; without a date, its first Tuesday with regular service:

    >>> from ungtloft_map.paths import demo_dir
    >>> day = load_gtfs(demo_dir() / "gtfs.zip")
    >>> day.date
    datetime.date(2026, 1, 6)
    >>> load_gtfs(demo_dir() / "gtfs.zip", date="2026-01-07").date.isoformat()
    '2026-01-07'
    """
    from .members import _REQUIRED, _check_unique, _members, _read_stops, _Reader, _route_types
    from .service_days import _Calendar, _choose_date
    from .stop_times import _read_frequencies, _read_stop_times

    path = Path(path)
    file = str(path)
    warnings: list[DataWarning] = []
    notes: list[str] = []
    if not path.is_file():
        raise DataError("GTFS feed not found", file=file)
    raw = path.read_bytes()
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        members = _members(zf)
    # NotImplementedError: a damaged (or exotic) header asks for a zip version or feature
    # that zipfile does not implement ("zip file version 8.0").
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise DataError(f"not a readable zip file ({exc})", file=file) from None
    with zf:
        reader = _Reader(zf, members, file, warnings)
        for name in _REQUIRED:
            if name not in members:
                raise DataError(f"required member {name} is missing from the feed", file=file,
                                layer=name)
        if "calendar.txt" not in members and "calendar_dates.txt" not in members:
            raise DataError("the feed has neither calendar.txt nor calendar_dates.txt", file=file,
                            layer="calendar.txt")
        cal = _Calendar(reader)
        trips = reader.table("trips.txt", ["route_id", "service_id", "trip_id"], [])
        _check_unique(trips, "trip_id", "trips.txt", file)
        known = set(cal.cal_sid.tolist()) | set(cal.cd_sid.tolist())
        orphan = ~trips["service_id"].isin(known)
        if orphan.any():
            warnings.append(DataWarning(
                f"{int(orphan.sum())} trips have a service_id that is in neither calendar.txt "
                "nor calendar_dates.txt; they never run", file=file, layer="trips.txt",
                field="service_id"))
        if "transfers.txt" in members:
            warnings.append(DataWarning(
                "transfers.txt is not used: every change takes at least the minimum transfer "
                "time (default 60 s) and walks up to 400 m, as in INDICATORS.md", file=file,
                layer="transfers.txt"))
        day = _choose_date(date, cal, trips, file, notes)
        prev = day - dt.timedelta(days=1)
        active_today = cal.active(day)
        active_prev = cal.active(prev)
        run_today = trips["service_id"].isin(active_today).to_numpy()
        run_prev = trips["service_id"].isin(active_prev).to_numpy()
        if not run_today.any():
            span = cal.span()
            covers = (f"; the feed's service dates are {span[0].isoformat()} to {span[1].isoformat()}"
                      if span else "")
            raise DataError(f"no trip runs on {day.isoformat()} (empty service day){covers}", file=file,
                            layer="calendar.txt" if "calendar.txt" in members
                            else "calendar_dates.txt")
        routes = _route_types(reader, members)
        stops = _read_stops(reader, file, warnings)
        st = _read_stop_times(reader, file, trips, stops, run_today | run_prev, warnings)
        freq = _read_frequencies(reader, members, file)
        result = _assemble(file, day, trips, run_today, run_prev, routes, stops, st, freq,
                           warnings)
    fp = hashlib.blake2b(raw, digest_size=16)
    fp.update(f"{day.isoformat()}|{_LOADER_VERSION}".encode())
    return GtfsDay(date=day, warnings=warnings, notes=notes, fingerprint=fp.hexdigest(),
                   file=file, **result)
