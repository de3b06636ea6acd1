"""Validation and assembly of one GTFS service day: checks, repairs and their report
(:class:`~ungtloft_map.core.errors.DataWarning`), runs after midnight, stops reprojected to
EPSG:25832.
"""

from __future__ import annotations

import numpy as np
from pyproj import Transformer

from ...errors import DataError, DataWarning
from .stop_times import _BLANK, _interpolate, _runs


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
