"""GTFS times and ``stop_times.txt``: times past 24:00 (a numba parser), blank times interpolated
along a trip, and ``frequencies.txt`` expanded into runs.

The parser is compiled by numba just in time, or ahead of time for the desktop bundle
(:data:`AOT_EXPORTS`, see :mod:`ungtloft_map.core._jit`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..._jit import aot, kernel
from ...errors import DataError, DataWarning
from .members import _Reader


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


# Sentinel codes from the time parser.
_BLANK = -1


_BAD = -2


@kernel()
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


#: What installer/aot_build.py compiles (name -> numba signature).
AOT_EXPORTS = {"parse_time_bytes": "int64[::1](uint8[:, ::1])"}
_parse_aot = aot("parse_time_bytes", AOT_EXPORTS["parse_time_bytes"])
if _parse_aot is not None:
    _parse_time_bytes = _parse_aot  # noqa: F811 - the same function, compiled ahead of time


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
