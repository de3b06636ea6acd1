"""Read one service day of a GTFS feed into flat numpy arrays for routing.

The reader resolves which trips run on one date (``calendar.txt`` + ``calendar_dates.txt``,
including feeds that only have ``calendar_dates.txt``), expands ``frequencies.txt``, keeps times
past 24:00 (and the previous service day's trips that are still running after midnight),
interpolates blank times at non-timepoints, sniffs the text encoding of every member and
reprojects the stops to EPSG:25832. Whatever it repairs or skips is listed in
:attr:`GtfsDay.warnings` as :class:`~ungtloft_map.core.errors.DataWarning` objects; anything that
makes the feed unusable raises :class:`~ungtloft_map.core.errors.DataError` naming the zip, the
member (``layer``), the field and the row (the line number in the member, header = line 1).

Times are integer seconds since the start of the service day ("noon minus 12 h", as GTFS
defines it), so 25:10:00 is 90600 and a departure window "07:00-09:00" is [25200, 32400).
Because the service day starts at noon minus 12 h, GTFS times are wall-clock times even on the
days daylight saving time starts or ends (only the small hours around the switch are shifted),
so a daytime window needs no correction.

Examples
--------
>>> day = load_gtfs("gtfs.zip")                      # doctest: +SKIP
>>> day                                               # doctest: +SKIP
GtfsDay(file='gtfs.zip', date=2020-08-18, stops=9255, trips=6480, stop_events=147052, warnings=1)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numba
import numpy as np
import pandas as pd
from dateutil.easter import easter as _easter_sunday
from pyproj import Transformer

from ..cache import cached_gtfs_day
from ..errors import DataError, DataWarning

__all__ = ["GtfsDay", "load_gtfs", "norwegian_public_holidays", "parse_gtfs_time"]

_LOADER_VERSION = "1"
_REQUIRED = ("stops.txt", "trips.txt", "stop_times.txt")
#: A Tuesday counts as a regular service day when it has at least this share of the typical
#: (median) Tuesday's trips; this skips school holidays and reduced "summer" timetables that
#: the agency encodes with calendar_dates removals or separate service ids.
_REGULAR_SHARE = 0.9


# --------------------------------------------------------------------------------------------
# result


@dataclass(frozen=True, repr=False, eq=False)
class GtfsDay:
    """One service day of a GTFS feed as flat arrays.

    Attributes
    ----------
    file : str
        Path of the feed zip.
    date : datetime.date
        The service date.
    stop_ids, stop_names : ndarray of str
        Stops (``location_type`` 0 or blank, plus any station a trip stops at).
    stop_lon, stop_lat, stop_x, stop_y : ndarray of float64
        Coordinates; ``x``/``y`` in EPSG:25832 metres.
    stop_station : ndarray of int32
        Station group: stops with the same ``parent_station`` share the number; a stop without a
        parent is its own group.
    trip_ids, trip_route_ids : ndarray of str
        Trips running on the day (frequency-based runs and the previous day's trips still running
        after midnight get their own entries, with a suffix on the id).
    trip_route_types : ndarray of int32
        ``route_type`` of each trip (-1 when ``routes.txt`` is missing).
    ev_trip, ev_stop : ndarray of int32
        Stop events (one per stop_time), sorted by trip then ``stop_sequence``.
    ev_arr, ev_dep : ndarray of int32
        Arrival and departure, seconds since the start of the service day.
    ev_pickup, ev_dropoff : ndarray of bool
        Whether passengers may board (``pickup_type`` != 1) and alight (``drop_off_type`` != 1).
    warnings : list of DataWarning
        Everything repaired or skipped.
    notes : list of str
        How the date was chosen and other facts worth showing.
    fingerprint : str
        Hash of the feed bytes, the date and the loader version (used by result caches).
    """

    file: str
    date: dt.date
    stop_ids: np.ndarray
    stop_names: np.ndarray
    stop_lon: np.ndarray
    stop_lat: np.ndarray
    stop_x: np.ndarray
    stop_y: np.ndarray
    stop_station: np.ndarray
    trip_ids: np.ndarray
    trip_route_ids: np.ndarray
    trip_route_types: np.ndarray
    ev_trip: np.ndarray
    ev_stop: np.ndarray
    ev_arr: np.ndarray
    ev_dep: np.ndarray
    ev_pickup: np.ndarray
    ev_dropoff: np.ndarray
    warnings: list[DataWarning] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fingerprint: str = ""

    @property
    def n_stops(self) -> int:
        return len(self.stop_ids)

    @property
    def n_trips(self) -> int:
        return len(self.trip_ids)

    def __repr__(self) -> str:
        return (
            f"GtfsDay(file={Path(self.file).name!r}, date={self.date.isoformat()}, "
            f"stops={self.n_stops}, trips={self.n_trips}, stop_events={len(self.ev_trip)}, "
            f"warnings={len(self.warnings)})"
        )


# --------------------------------------------------------------------------------------------
# public helpers


def norwegian_public_holidays(year: int) -> set[dt.date]:
    """Norwegian public holidays (helligdager) of one year.

    New Year's Day, Maundy Thursday, Good Friday, Easter Sunday and Monday, 1 May, 17 May,
    Ascension Day, Whit Sunday and Monday, Christmas Day and Boxing Day. Easter Sunday (Western,
    Gregorian) comes from :func:`dateutil.easter.easter`; the moveable feasts are fixed offsets
    from it (lov om helligdager og helligdagsfred).

    Examples
    --------
    >>> dt.date(2021, 5, 13) in norwegian_public_holidays(2021)   # Ascension Day
    True
    """
    easter = _easter_sunday(year)
    rel = (-3, -2, 0, 1, 39, 49, 50)
    fixed = {dt.date(year, 1, 1), dt.date(year, 5, 1), dt.date(year, 5, 17),
             dt.date(year, 12, 25), dt.date(year, 12, 26)}
    return fixed | {easter + dt.timedelta(days=d) for d in rel}


def parse_gtfs_time(text: str) -> int:
    """Parse a GTFS time ``H:MM:SS`` (hours may exceed 23) to seconds; blank gives -1.

    Raises
    ------
    ValueError
        If the text is not a valid time (e.g. ``25:61:00``).

    Examples
    --------
    >>> parse_gtfs_time("25:10:00")
    90600
    """
    out = _parse_times(np.array([text], dtype=object))
    if out[0] == _BAD:
        raise ValueError(f"not a GTFS time: {text!r}")
    return int(out[0])


# --------------------------------------------------------------------------------------------
# loader


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


# --------------------------------------------------------------------------------------------
# reading members


def _members(zf: zipfile.ZipFile) -> dict[str, str]:
    """Map base names (``stops.txt``) to member names; feeds are sometimes zipped in a folder."""
    out: dict[str, str] = {}
    for info in zf.infolist():
        if info.is_dir():
            continue
        base = info.filename.rsplit("/", 1)[-1]
        if base.lower().endswith(".txt") and not base.startswith("._"):
            out.setdefault(base.lower(), info.filename)
    return out


def _decode(data: bytes) -> tuple[str, str | None]:
    """Decode a member, returning the text and a note when it was not plain UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # errors="replace": a member cut after an odd number of bytes (or with a lone
        # surrogate) must not raise UnicodeDecodeError; the CSV checks report what is broken.
        return data.decode("utf-16", errors="replace"), "encoded as UTF-16; decoded"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        # Windows exports (Excel) are the usual reason; cp1252 covers Norwegian letters.
        return data.decode("cp1252", errors="replace"), "not UTF-8; read as Windows-1252 (cp1252)"



class _Reader:
    """Reads members as string DataFrames with blanks as '' and a ``_line`` column."""

    def __init__(self, zf, members, file, warnings):
        self.zf, self.members, self.file, self.warnings = zf, members, file, warnings

    def table(self, name: str, required: list[str], optional: list[str]) -> pd.DataFrame:
        try:
            data = self.zf.read(self.members[name])
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as exc:
            raise DataError(f"cannot read the member from the zip ({exc})", file=self.file,
                            layer=name) from None
        text, note = _decode(data)
        if note:
            self.warnings.append(DataWarning(note, file=self.file, layer=name))
        if not text.strip():
            raise DataError("member is empty (no header row)", file=self.file, layer=name)
        header = [h.strip().lstrip("\ufeff") for h in next(iter(io.StringIO(text))).split(",")]
        header = [h.strip('"') for h in header]
        for col in required:
            if col not in header:
                raise DataError("required field is missing", file=self.file, layer=name,
                                field=col)
        wanted = [c for c in required + optional if c in header]
        try:
            df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                             na_filter=False, skipinitialspace=True,
                             usecols=lambda c: c.strip().lstrip("\ufeff").strip('"') in wanted)
        except (pd.errors.ParserError, ValueError) as exc:
            raise DataError(f"cannot parse CSV ({exc})", file=self.file, layer=name) from None
        df.columns = [c.strip().lstrip("\ufeff").strip('"') for c in df.columns]
        # The check on the header line above splits at every comma; pandas honours quotes, so a
        # header such as `route_id,"service_id,trip_id"` passes that check but has no trip_id.
        for col in required:
            if col not in df.columns:
                raise DataError("required field is missing", file=self.file, layer=name,
                                field=col)
        for col in optional:
            if col not in df.columns:
                df[col] = ""
        # Padded values (" 08:00:00") are rare; one regex over the raw text decides whether the
        # (slow, per value) stripping is needed at all, which keeps 30 MB members fast.
        if _padded(text):
            for col in df.columns:
                df[col] = df[col].str.strip()
        # header is line 1, so data row i (0-based) is line i + 2 (no embedded newlines assumed)
        df["_line"] = np.arange(2, len(df) + 2)
        return df


def _padded(text: str) -> bool:
    """Whether any value might start or end with blanks (plain substring tests are fast)."""
    return (text[:1] in (" ", "\t") or text.rstrip("\r\n")[-1:] in (" ", "\t")
            or any(p in text for p in (" ,", ", ", " \n", "\n ", " \r", "\t")))


def _check_unique(df, col, layer, file):
    dup = df[col].duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise DataError(f"duplicate {col} {df[col].iat[i]!r}", file=file, layer=layer, field=col,
                        row=int(df["_line"].iat[i]))


# --------------------------------------------------------------------------------------------
# calendar


class _Calendar:
    def __init__(self, reader: _Reader):
        self.file = reader.file
        days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        if "calendar.txt" in reader.members:
            cal = reader.table("calendar.txt", ["service_id", *days, "start_date", "end_date"], [])
            self.start = _parse_dates(cal, "start_date", "calendar.txt", self.file)
            self.end = _parse_dates(cal, "end_date", "calendar.txt", self.file)
            flags = np.zeros((len(cal), 7), dtype=bool)
            for i, d in enumerate(days):
                v = cal[d]
                bad = ~v.isin(["0", "1"])
                if bad.any():
                    j = int(np.flatnonzero(bad.to_numpy())[0])
                    raise DataError(f"must be 0 or 1, got {v.iat[j]!r}", file=self.file,
                                    layer="calendar.txt", field=d, row=int(cal["_line"].iat[j]))
                flags[:, i] = v.to_numpy() == "1"
            self.flags = flags
            self.cal_sid = cal["service_id"].to_numpy()
        else:
            self.start = self.end = np.array([], dtype="datetime64[D]")
            self.flags = np.zeros((0, 7), dtype=bool)
            self.cal_sid = np.array([], dtype=object)
        if "calendar_dates.txt" in reader.members:
            cd = reader.table("calendar_dates.txt", ["service_id", "date", "exception_type"], [])
            self.cd_date = _parse_dates(cd, "date", "calendar_dates.txt", self.file)
            et = cd["exception_type"]
            bad = ~et.isin(["1", "2"])
            if bad.any():
                j = int(np.flatnonzero(bad.to_numpy())[0])
                raise DataError(f"must be 1 or 2, got {et.iat[j]!r}", file=self.file,
                                layer="calendar_dates.txt", field="exception_type",
                                row=int(cd["_line"].iat[j]))
            self.cd_type = et.to_numpy() == "1"  # True = added, False = removed
            self.cd_sid = cd["service_id"].to_numpy()
        else:
            self.cd_date = np.array([], dtype="datetime64[D]")
            self.cd_type = np.array([], dtype=bool)
            self.cd_sid = np.array([], dtype=object)

    def span(self) -> tuple[dt.date, dt.date] | None:
        lo = np.concatenate([self.start, self.cd_date[self.cd_type]])
        hi = np.concatenate([self.end, self.cd_date[self.cd_type]])
        if not len(lo):
            return None
        return lo.min().astype(dt.date), hi.max().astype(dt.date)

    def active(self, day: dt.date) -> set[str]:
        d = np.datetime64(day, "D")
        mask = (self.start <= d) & (self.end >= d) & self.flags[:, day.weekday()]
        on = set(self.cal_sid[mask].tolist())
        today = self.cd_date == d
        on |= set(self.cd_sid[today & self.cd_type].tolist())
        on -= set(self.cd_sid[today & ~self.cd_type].tolist())
        return on


def _parse_dates(df, col, layer, file) -> np.ndarray:
    v = df[col]
    ok = v.str.fullmatch(r"\d{8}")
    parsed = pd.to_datetime(v.where(ok, None), format="%Y%m%d", errors="coerce")
    bad = parsed.isna().to_numpy()
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        raise DataError(f"not a date YYYYMMDD: {v.iat[j]!r}", file=file, layer=layer, field=col,
                        row=int(df["_line"].iat[j]))
    return parsed.to_numpy().astype("datetime64[D]")


def _choose_date(date, cal: _Calendar, trips: pd.DataFrame, file: str, notes: list[str]):
    if date is not None:
        if isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date.strip())
            except ValueError:
                raise DataError(f"not a date YYYY-MM-DD: {date!r}", file=file) from None
        elif isinstance(date, dt.datetime):
            date = date.date()
        span = cal.span()
        if span is not None and not span[0] <= date <= span[1]:
            raise DataError(f"no trip runs on {date.isoformat()} (empty service day): the feed's "
                            f"service dates are {span[0].isoformat()} to {span[1].isoformat()}; "
                            "choose a date in that range", file=file,
                            layer="calendar.txt" if len(cal.start) else "calendar_dates.txt")
        notes.append(f"service date {date.isoformat()} (chosen by the user)")
        return date
    span = cal.span()
    if span is None:
        raise DataError("the calendar has no service dates", file=file, layer="calendar.txt")
    counts = trips["service_id"].value_counts()
    first = span[0] + dt.timedelta(days=(1 - span[0].weekday()) % 7)
    tuesdays = []
    day = first
    while day <= span[1]:
        holidays = norwegian_public_holidays(day.year)
        if day not in holidays:
            n = int(counts.reindex(list(cal.active(day))).fillna(0).sum())
            if n > 0:
                tuesdays.append((day, n))
        day += dt.timedelta(days=7)
    if not tuesdays:
        raise DataError("no Tuesday outside public holidays has any service; pass a date",
                        file=file, layer="calendar.txt")
    typical = float(np.median([n for _, n in tuesdays]))
    skipped = []
    for day, n in tuesdays:
        if n >= _REGULAR_SHARE * typical:
            msg = (f"service date {day.isoformat()}: the first Tuesday outside public holidays "
                   f"with regular service ({n} trips; typical Tuesday {typical:.0f})")
            if skipped:
                msg += "; skipped " + ", ".join(f"{d.isoformat()} ({k} trips)" for d, k in skipped)
            notes.append(msg)
            return day
        skipped.append((day, n))
    raise AssertionError("unreachable: the median Tuesday always qualifies")


# --------------------------------------------------------------------------------------------
# stops, routes, stop_times, frequencies


def _route_types(reader: _Reader, members) -> dict[str, int]:
    if "routes.txt" not in members:
        reader.warnings.append(DataWarning("routes.txt is missing; route types unknown",
                                           file=reader.file, layer="routes.txt"))
        return {}
    routes = reader.table("routes.txt", ["route_id"], ["route_type"])
    rt = pd.to_numeric(routes["route_type"], errors="coerce")
    # Like text, a value that is no int32 ("inf", 1e30, 99999999999) means an unknown type;
    # casting it would raise (IntCastingNaNError, OverflowError in the int32 result array).
    rt = rt.where(rt.abs() < 2**31, -1).fillna(-1).astype(np.int64)
    return dict(zip(routes["route_id"], rt))


def _read_stops(reader: _Reader, file: str, warnings) -> pd.DataFrame:
    stops = reader.table("stops.txt", ["stop_id"],
                         ["stop_name", "stop_lat", "stop_lon", "location_type", "parent_station"])
    _check_unique(stops, "stop_id", "stops.txt", file)
    lt = stops["location_type"].replace("", "0")
    stops["location_type"] = lt
    # Only generic nodes (3) and boarding areas (4) may lack coordinates. Stops, stations and
    # entrances need them, and so does a stop with an invalid type ("S", "9"): a trip may
    # stop there, and its NaN position would pass silently into the routing arrays.
    need_xy = ~lt.isin(["3", "4"]).to_numpy()
    lat = pd.to_numeric(stops["stop_lat"], errors="coerce").to_numpy()
    lon = pd.to_numeric(stops["stop_lon"], errors="coerce").to_numpy()
    for col, v, lim in (("stop_lat", lat, 90.0), ("stop_lon", lon, 180.0)):
        bad = need_xy & ~(np.abs(v) <= lim)  # NaN fails the comparison too
        if bad.any():
            j = int(np.flatnonzero(bad)[0])
            raw = stops[col].iat[j]
            what = "missing coordinate" if raw == "" else f"invalid coordinate {raw!r}"
            raise DataError(f"stop {stops['stop_id'].iat[j]!r}: {what}", file=file,
                            layer="stops.txt", field=col, row=int(stops["_line"].iat[j]))
    stops["lat"], stops["lon"] = lat, lon
    zero = need_xy & (lat == 0) & (lon == 0)
    if zero.any():
        warnings.append(DataWarning(f"{int(zero.sum())} stops at 0,0 (probably missing "
                                    "coordinates); kept but they are unreachable on foot",
                                    file=file, layer="stops.txt", field="stop_lat"))
    return stops


# Sentinel codes from the time parser.
_BLANK = -1
_BAD = -2


@numba.njit(cache=True)
def _parse_time_bytes(buf: np.ndarray) -> np.ndarray:  # pragma: no cover - numba
    n, w = buf.shape
    out = np.empty(n, dtype=np.int64)
    for i in range(n):
        parts = np.zeros(3, dtype=np.int64)
        ndig = np.zeros(3, dtype=np.int64)
        k = 0
        ok = True
        seen = False
        for j in range(w):
            ch = buf[i, j]
            if ch == 0 or ch == 32 or ch == 9:
                continue
            seen = True
            if ch == 58:  # ':'
                k += 1
                if k > 2:
                    ok = False
                    break
            elif 48 <= ch <= 57:
                parts[k] = parts[k] * 10 + (ch - 48)
                ndig[k] += 1
            else:
                ok = False
                break
        if not seen:
            out[i] = -1
        elif (not ok or k != 2 or ndig[0] < 1 or ndig[0] > 3 or ndig[1] != 2 or ndig[2] != 2
              or parts[1] > 59 or parts[2] > 59):
            out[i] = -2
        else:
            out[i] = parts[0] * 3600 + parts[1] * 60 + parts[2]
    return out


def _parse_times(values: np.ndarray) -> np.ndarray:
    """Vectorised GTFS time parser: seconds, ``_BLANK`` for blank, ``_BAD`` for invalid."""
    arr = np.asarray(values, dtype="U")
    if arr.dtype.itemsize == 0 or len(arr) == 0:
        return np.full(len(arr), _BLANK, dtype=np.int64)
    try:
        b = arr.astype("S")
    except UnicodeEncodeError:
        out = np.empty(len(arr), dtype=np.int64)
        for i, s in enumerate(arr.tolist()):
            try:
                b1 = np.array([s], dtype="S")
            except UnicodeEncodeError:
                out[i] = _BAD
                continue
            out[i] = _parse_time_bytes(np.frombuffer(b1.tobytes(), np.uint8).reshape(1, -1))[0]
        return out
    width = b.dtype.itemsize
    buf = np.frombuffer(b.tobytes(), dtype=np.uint8).reshape(len(b), width)
    return _parse_time_bytes(buf)


def _read_stop_times(reader: _Reader, file: str, trips, stops, trip_runs, warnings):
    layer = "stop_times.txt"
    st = reader.table(layer, ["trip_id", "stop_id", "stop_sequence", "arrival_time",
                              "departure_time"],
                      ["pickup_type", "drop_off_type", "shape_dist_traveled"])
    seq = pd.to_numeric(st["stop_sequence"], errors="coerce")
    # "inf" and numbers beyond int64 cannot be cast below (IntCastingNaNError / garbage).
    bad = seq.isna() | (seq < 0) | (seq != seq.round()) | (seq >= 2**62)
    if bad.any():
        j = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataError(f"not a non-negative integer: {st['stop_sequence'].iat[j]!r}", file=file,
                        layer=layer, field="stop_sequence", row=int(st["_line"].iat[j]))
    st["seq"] = seq.astype(np.int64)
    # Times are validated on every row (not only the chosen day's trips) so that a broken
    # feed fails the same way whatever date is asked for.
    for col in ("arrival_time", "departure_time"):
        secs = _parse_times(st[col].to_numpy())
        badt = secs == _BAD
        if badt.any():
            j = int(np.flatnonzero(badt)[0])
            raise DataError(f"not a valid time H:MM:SS: {st[col].iat[j]!r}", file=file,
                            layer=layer, field=col, row=int(st["_line"].iat[j]))
        st[col[:3]] = secs
    trip_index = pd.Index(trips["trip_id"])
    ti = trip_index.get_indexer(st["trip_id"])
    unknown_trip = ti < 0
    if unknown_trip.any():
        n = int(unknown_trip.sum())
        warnings.append(DataWarning(f"{n} stop_times rows refer to trips not in trips.txt; "
                                    "skipped", file=file, layer=layer, field="trip_id"))
    st["ti"] = ti
    st = st[~unknown_trip]
    st = st[trip_runs[st["ti"].to_numpy()]]
    stop_index = pd.Index(stops["stop_id"])
    si = stop_index.get_indexer(st["stop_id"])
    st = st.assign(si=si)
    # A node or boarding area (types 3/4) has no required position: a trip cannot use it.
    no_xy = ~(np.isfinite(stops["lat"].to_numpy()) & np.isfinite(stops["lon"].to_numpy()))
    missing = si < 0
    missing[~missing] = no_xy[si[~missing]]
    if missing.any():
        bad_trips = set(st["ti"].to_numpy()[missing].tolist())
        warnings.append(DataWarning(
            f"{int(missing.sum())} stop_times rows refer to stops not in stops.txt (or "
            f"without coordinates); {len(bad_trips)} trips skipped", file=file, layer=layer,
            field="stop_id"))
        st = st[~st["ti"].isin(bad_trips)]
    st = st.sort_values(["ti", "seq"], kind="stable")
    dup = st.duplicated(["ti", "seq"]).to_numpy()
    if dup.any():
        bad_trips = set(st["ti"].to_numpy()[dup].tolist())
        warnings.append(DataWarning(f"{len(bad_trips)} trips have a repeated stop_sequence; "
                                    "skipped", file=file, layer=layer, field="stop_sequence"))
        st = st[~st["ti"].isin(bad_trips)]
    return st


def _read_frequencies(reader: _Reader, members, file) -> pd.DataFrame | None:
    if "frequencies.txt" not in members:
        return None
    layer = "frequencies.txt"
    fq = reader.table(layer, ["trip_id", "start_time", "end_time", "headway_secs"],
                      ["exact_times"])
    for col in ("start_time", "end_time"):
        secs = _parse_times(fq[col].to_numpy())
        bad = secs < 0
        if bad.any():
            j = int(np.flatnonzero(bad)[0])
            raise DataError(f"not a valid time H:MM:SS: {fq[col].iat[j]!r}", file=file,
                            layer=layer, field=col, row=int(fq["_line"].iat[j]))
        fq[col[:-5]] = secs
    hw = pd.to_numeric(fq["headway_secs"], errors="coerce")
    # Below 1 s the cast to int gives a zero step (range() raises); "inf" cannot be cast.
    bad = hw.isna() | (hw < 1) | ~np.isfinite(hw)
    if bad.any():
        j = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataError(f"headway must be a positive number of seconds: "
                        f"{fq['headway_secs'].iat[j]!r}", file=file, layer=layer,
                        field="headway_secs", row=int(fq["_line"].iat[j]))
    fq["headway"] = hw.astype(np.int64)
    return fq


# --------------------------------------------------------------------------------------------
# assembling the day


def _assemble(file, day, trips, run_today, run_prev, routes, stops, st, freq, warnings):
    layer = "stop_times.txt"
    if not len(st):
        raise DataError(f"no usable trip runs on {day.isoformat()} (empty service day)"
                        + _reasons(warnings), file=file, layer=layer)
    ti = st["ti"].to_numpy()
    si = st["si"].to_numpy()
    arr = st["arr"].to_numpy().copy()
    dep = st["dep"].to_numpy().copy()
    # One of the two times given: the other is the same (a stop without dwell time).
    only_dep = (arr == _BLANK) & (dep >= 0)
    only_arr = (dep == _BLANK) & (arr >= 0)
    arr[only_dep] = dep[only_dep]
    dep[only_arr] = arr[only_arr]
    if only_dep.any() or only_arr.any():
        warnings.append(DataWarning(
            f"{int(only_dep.sum() + only_arr.sum())} stop_times have only one of arrival/"
            "departure time; the other was set equal", file=file, layer=layer))
    # trip boundaries
    starts = np.flatnonzero(np.r_[True, ti[1:] != ti[:-1]]) if len(ti) else np.array([], int)
    ends = np.r_[starts[1:], len(ti)]
    lengths = ends - starts
    blank = arr == _BLANK
    first_last_blank = blank[starts] | blank[ends - 1]
    short = lengths < 2
    drop = first_last_blank | short
    if first_last_blank.any():
        warnings.append(DataWarning(
            f"{int(first_last_blank.sum())} trips have no time at their first or last stop; "
            "skipped", file=file, layer=layer, field="arrival_time"))
    if short.any():
        warnings.append(DataWarning(f"{int(short.sum())} trips have fewer than two stops; "
                                    "skipped", file=file, layer=layer))
    keep_ev = ~np.repeat(drop, lengths)
    # interpolation of non-timepoints
    if (blank & keep_ev).any():
        arr, dep, n_interp, n_trips, by_shape = _interpolate(
            ti, si, arr, dep, blank, keep_ev, starts, lengths, st, stops)
        how = ("shape_dist_traveled" if by_shape else "straight-line distance between stops")
        warnings.append(DataWarning(
            f"interpolated {n_interp} blank times at non-timepoints in {n_trips} trips "
            f"(by {how}; by stop order where that gives no distance)", file=file, layer=layer,
            field="arrival_time"))
    # time order within each trip
    prev_dep = np.r_[0, dep[:-1]]
    first = np.zeros(len(ti), dtype=bool)
    first[starts] = True
    backwards = ((dep < arr) | (~first & (arr < prev_dep))) & keep_ev
    if backwards.any():
        bad_trip = np.zeros(len(starts), dtype=bool)
        bad_trip[np.searchsorted(starts, np.flatnonzero(backwards), side="right") - 1] = True
        warnings.append(DataWarning(f"{int(bad_trip.sum())} trips go back in time; skipped",
                                    file=file, layer=layer, field="arrival_time"))
        keep_ev &= ~np.repeat(bad_trip, lengths)
    ti, si, arr, dep = ti[keep_ev], si[keep_ev], arr[keep_ev], dep[keep_ev]
    pickup = (st["pickup_type"].to_numpy()[keep_ev] != "1")
    dropoff = (st["drop_off_type"].to_numpy()[keep_ev] != "1")

    trip_id_all = trips["trip_id"].to_numpy()
    route_all = trips["route_id"].to_numpy()
    # frequencies: replace each template trip by one run per headway
    runs_trip, runs_shift, runs_suffix = _runs(ti, dep, trip_id_all, freq, file, warnings)
    # Build the day's trips: today's runs, then yesterday's runs still going after midnight.
    out_trip_parts, out_ev_parts = [], []
    new_trip_ids, new_route_ids = [], []
    order_start = np.flatnonzero(np.r_[True, ti[1:] != ti[:-1]]) if len(ti) else np.array([], int)
    order_end = np.r_[order_start[1:], len(ti)]
    tstart = {int(ti[a]): (a, b) for a, b in zip(order_start, order_end)}
    n_new = 0
    for offset, runs_mask, suffix_day in ((0, run_today, ""), (-86400, run_prev, " (previous day)")):
        for t, shift, suffix in zip(runs_trip, runs_shift, runs_suffix):
            if not runs_mask[t] or t not in tstart:
                continue
            a, b = tstart[t]
            ev_arr = arr[a:b] + shift + offset
            ev_dep = dep[a:b] + shift + offset
            if offset and ev_arr[-1] < 0:
                continue  # yesterday's trip that ended before midnight
            out_trip_parts.append(np.full(b - a, n_new, dtype=np.int32))
            out_ev_parts.append((si[a:b], ev_arr, ev_dep, pickup[a:b], dropoff[a:b]))
            new_trip_ids.append(str(trip_id_all[t]) + suffix + suffix_day)
            new_route_ids.append(route_all[t])
            n_new += 1
    if n_new == 0:
        raise DataError(f"no usable trip runs on {day.isoformat()} (empty service day)"
                        + _reasons(warnings), file=file, layer=layer)
    ev_trip = np.concatenate(out_trip_parts)
    ev_stop_old = np.concatenate([p[0] for p in out_ev_parts])
    ev_arr = np.concatenate([p[1] for p in out_ev_parts]).astype(np.int32)
    ev_dep = np.concatenate([p[2] for p in out_ev_parts]).astype(np.int32)
    ev_pick = np.concatenate([p[3] for p in out_ev_parts])
    ev_drop = np.concatenate([p[4] for p in out_ev_parts])

    # stops: platforms/quays plus anything a trip stops at
    lt = stops["location_type"].to_numpy()
    keep_stop = (lt == "0")
    keep_stop[np.unique(ev_stop_old)] = True
    old_idx = np.flatnonzero(keep_stop)
    remap = np.full(len(stops), -1, dtype=np.int64)
    remap[old_idx] = np.arange(len(old_idx))
    ev_stop = remap[ev_stop_old].astype(np.int32)
    sub = stops.iloc[old_idx]
    lon = sub["lon"].to_numpy(dtype=np.float64)
    lat = sub["lat"].to_numpy(dtype=np.float64)
    tf = Transformer.from_crs(4326, 25832, always_xy=True)
    x, y = tf.transform(lon, lat)
    parent = sub["parent_station"].to_numpy()
    ids = sub["stop_id"].to_numpy()
    group_key = np.where(parent != "", parent, ids)
    _, station = np.unique(group_key, return_inverse=True)
    route_types = np.array([routes.get(r, -1) for r in new_route_ids], dtype=np.int32)
    return dict(
        stop_ids=ids.astype(str), stop_names=sub["stop_name"].to_numpy().astype(str),
        stop_lon=lon, stop_lat=lat, stop_x=np.asarray(x, dtype=np.float64),
        stop_y=np.asarray(y, dtype=np.float64), stop_station=station.astype(np.int32),
        trip_ids=np.array(new_trip_ids, dtype=str),
        trip_route_ids=np.array(new_route_ids, dtype=str), trip_route_types=route_types,
        ev_trip=ev_trip, ev_stop=ev_stop, ev_arr=ev_arr, ev_dep=ev_dep,
        ev_pickup=ev_pick, ev_dropoff=ev_drop,
    )


def _reasons(warnings) -> str:
    """The skip warnings, for an error raised because everything was skipped."""
    skipped = [w.message for w in warnings if "skipped" in w.message]
    return ": " + "; ".join(skipped) if skipped else ""


def _runs(ti, dep, trip_ids, freq, file, warnings):
    """(template trip, time shift, id suffix) for every run; one run per trip without frequencies."""
    uniq = np.unique(ti)
    if freq is None or not len(freq):
        return uniq, np.zeros(len(uniq), dtype=np.int64), [""] * len(uniq)
    idx = pd.Index(trip_ids).get_indexer(freq["trip_id"])
    unknown = idx < 0
    if unknown.any():
        warnings.append(DataWarning(f"{int(unknown.sum())} frequencies rows refer to unknown "
                                    "trips; skipped", file=file, layer="frequencies.txt",
                                    field="trip_id"))
    freq = freq[~unknown].assign(ti=idx[~unknown])
    first_dep = {}
    starts = np.flatnonzero(np.r_[True, ti[1:] != ti[:-1]]) if len(ti) else []
    for a in starts:
        first_dep[int(ti[a])] = int(dep[a])
    templated = set(freq["ti"].tolist())
    trips_out = [t for t in uniq.tolist() if t not in templated]
    shifts = [0] * len(trips_out)
    suffixes = [""] * len(trips_out)
    n_runs = 0
    for row in freq.itertuples():
        if row.ti not in first_dep:
            continue
        for k, start in enumerate(range(int(row.start), int(row.end), int(row.headway))):
            trips_out.append(row.ti)
            shifts.append(start - first_dep[row.ti])
            suffixes.append(f" @{_fmt(start)}#{k}")
            n_runs += 1
    used = len(templated & set(first_dep))
    if used:
        warnings.append(DataWarning(f"expanded {used} frequency-based trips into {n_runs} runs",
                                    file=file, layer="frequencies.txt"))
    return np.array(trips_out, dtype=np.int64), np.array(shifts, dtype=np.int64), suffixes


def _fmt(sec: int) -> str:
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def _interpolate(ti, si, arr, dep, blank, keep_ev, starts, lengths, st, stops):
    """Fill blank times linearly along each trip by travelled distance (or stop order)."""
    arr = arr.copy()
    dep = dep.copy()
    n = len(ti)
    trip_of = np.repeat(np.arange(len(starts)), lengths)
    need_trip = np.zeros(len(starts), dtype=bool)
    need_trip[trip_of[blank & keep_ev]] = True
    sdt = pd.to_numeric(st["shape_dist_traveled"], errors="coerce").to_numpy()
    # per-trip: shape_dist usable when present at every stop of the trip and non-decreasing
    has_sdt = np.isfinite(sdt)
    all_sdt = np.logical_and.reduceat(has_sdt, starts) if n else np.zeros(0, bool)
    lat = np.radians(stops["lat"].to_numpy()[si])
    lon = np.radians(stops["lon"].to_numpy()[si])
    # Equirectangular step lengths are plenty for interpolating between neighbouring stops.
    dx = np.diff(lon, prepend=lon[:1]) * np.cos(lat) * 6371000.0
    dy = np.diff(lat, prepend=lat[:1]) * 6371000.0
    step = np.hypot(dx, dy)
    step[starts] = 0.0
    dist = np.cumsum(step)
    dist = dist - np.repeat(dist[starts], lengths)
    use_sdt_ev = np.repeat(all_sdt, lengths)
    coord = np.where(use_sdt_ev, np.nan_to_num(sdt), dist)
    pos = np.arange(n) - np.repeat(starts, lengths)
    known = ~blank
    idx = np.arange(n)
    prev_known = np.maximum.accumulate(np.where(known, idx, -1))
    next_known = np.minimum.accumulate(np.where(known, idx, n)[::-1])[::-1]
    todo = np.flatnonzero(blank & keep_ev)
    p, q = prev_known[todo], next_known[todo]
    t0, t1 = dep[p].astype(np.float64), arr[q].astype(np.float64)
    c0, c1, c = coord[p], coord[q], coord[todo]
    span = c1 - c0
    frac = np.where(span > 0, (c - c0) / np.where(span > 0, span, 1.0),
                    (pos[todo] - pos[p]) / np.maximum(pos[q] - pos[p], 1))
    frac = np.clip(frac, 0.0, 1.0)
    t = np.round(t0 + frac * (t1 - t0)).astype(np.int64)
    arr[todo] = t
    dep[todo] = t
    return arr, dep, len(todo), int(need_trip.sum()), bool(all_sdt[need_trip].any())
