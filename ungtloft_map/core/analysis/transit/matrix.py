"""Travel-time matrix: origins × destinations × every departure minute of a window.

For each departure minute ``tau`` the travel time is the earliest arrival at the destination
(egress walk included) minus ``tau`` (so the first wait counts). Over the window's minutes we
report the 10th, 50th and 90th percentile (nearest-rank: the smallest observed value with at
least p % of the minutes at or below it, never an interpolation) and the share of minutes in
which the destination is reachable within ``max_travel_s`` (120 min). A minute in which it is
not reachable counts as "infinitely long", so a percentile beyond the reachable share is
unreachable (``NaN``): unreachable is its own class, never 0 and never dropped.

A destination can be a point or a group of points ("nearest of a category"): the group's
travel time at each minute is the minimum over its members.

Examples
--------
On the demo feed, from a home in zone 0203 to the town centre and to the nearest of the
upper-secondary schools (a group):

>>> import numpy as np
>>> from ungtloft_map.core.analysis.transit.network import prepare_network
>>> from ungtloft_map.core.io.gtfs import load_gtfs
>>> from ungtloft_map.paths import demo_dir
>>> net = prepare_network(load_gtfs(demo_dir() / "gtfs.zip"), window="07:00-09:00")
>>> from ungtloft_map.core.project import Project
>>> dest = Project.demo().layer("destinations")
>>> schools = dest.loc[dest["category"] == "upper_secondary"].get_coordinates().to_numpy()
>>> m = compute_matrix(net, np.array([[559_100.0, 7_024_600.0]]),
...                    {"centre": np.array([[555_000.0, 7_026_000.0]]), "school": schools})
>>> m.to_frame().round(1)
   origin_id destination_id   p10   p50   p90  reachable_share
0          0         centre  18.2  22.2  26.2              1.0
1          0         school  10.9  10.9  10.9              1.0
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ...errors import AnalysisError, DataError
from . import _reference
from ._cache import default_cache, hash_key
from .network import INF, TransitNetwork

if TYPE_CHECKING:  # pandas is imported where a table is made: transit-matrix never needs it
    import pandas as pd

__all__ = ["Cancelled", "TravelTimeMatrix", "compute_matrix", "percentile_minutes",
           "zone_values", "as_points"]

_INF = int(INF)
PERCENTILES = (10, 50, 90)
Progress = Callable[[int, int], bool]


class Cancelled(Exception):  # noqa: N818 - the name the GUI expects
    """Raised when a ``progress`` callback returns ``False``; nothing is returned or cached."""


@dataclass(frozen=True, repr=False, eq=False)
class TravelTimeMatrix:
    """Travel-time statistics per origin × destination (minutes).

    Attributes
    ----------
    origin_ids, destination_ids : ndarray
    p10, p50, p90 : ndarray ``[n_origins, n_destinations]`` of float64
        Percentiles of the per-minute travel time in minutes; ``NaN`` = not reachable within
        ``max_travel_s`` at that percentile.
    reachable_share : ndarray ``[n_origins, n_destinations]``
        Share of the departure minutes in which the destination is reachable.
    seconds : ndarray ``[n_origins, n_destinations, n_minutes]`` of int32 or None
        Per-minute travel time in seconds (-1 = unreachable), when ``keep_minutes=True``.
    window, date, kernel : str
    timings : dict
        Seconds spent (``compute``; ``cache`` is True when the result came from the cache).
    """

    origin_ids: np.ndarray
    destination_ids: np.ndarray
    p10: np.ndarray
    p50: np.ndarray
    p90: np.ndarray
    reachable_share: np.ndarray
    seconds: np.ndarray | None
    window: str
    date: str
    kernel: str
    timings: dict = field(default_factory=dict)

    @property
    def shape(self) -> tuple[int, int]:
        return self.p50.shape

    def to_frame(self) -> pd.DataFrame:
        """Long table ``origin_id, destination_id, p10, p50, p90, reachable_share``."""
        import pandas as pd

        n_o, n_d = self.shape
        return pd.DataFrame({
            "origin_id": np.repeat(self.origin_ids, n_d),
            "destination_id": np.tile(self.destination_ids, n_o),
            "p10": self.p10.ravel(), "p50": self.p50.ravel(), "p90": self.p90.ravel(),
            "reachable_share": self.reachable_share.ravel(),
        })

    def __repr__(self) -> str:
        n_o, n_d = self.shape
        reach = float(np.mean(self.reachable_share)) if self.reachable_share.size else 0.0
        med = np.nanmedian(self.p50) if np.isfinite(self.p50).any() else float("nan")
        return (f"TravelTimeMatrix(origins={n_o}, destinations={n_d}, date={self.date}, "
                f"window={self.window}, kernel={self.kernel!r}, median_p50={med:.1f} min, "
                f"mean_reachable_share={reach:.2f})")


# --------------------------------------------------------------------------------------------


def compute_matrix(network: TransitNetwork, origins, destinations, *, origin_ids=None,
                   destination_ids=None, kernel: str = "fast", keep_minutes: bool = False,
                   progress: Progress | None = None, cache: bool = True,
                   cache_dir: str | Path | None = None,
                   threads: int | None = None) -> TravelTimeMatrix:
    """Travel times from every origin to every destination for each minute of the window.

    Parameters
    ----------
    network
        From :func:`.network.prepare_network`; its window gives the departure minutes.
    origins
        Points in EPSG:25832: an ``(n, 2)`` array of x, y or a GeoDataFrame/GeoSeries (polygons
        are replaced by their centroids).
    destinations
        Points as above (each point is a destination), or a mapping ``name -> points`` where each
        entry is "the nearest of these" (minimum over the group at each minute).
    origin_ids, destination_ids
        Ids for the output (default: the GeoDataFrame index, the mapping keys or 0..n-1).
    kernel
        ``"fast"`` (numba profile scan) or ``"reference"`` (numpy forward scan); same results.
    keep_minutes
        Keep the per-minute travel times (``seconds``) in the result.
    progress
        ``progress(done, total) -> bool``, called as work completes; returning ``False``
        cancels with :class:`Cancelled`.
    cache, cache_dir
        Reuse a result computed before for the same inputs (memory LRU; plus ``.npz`` files in
        ``cache_dir`` when given).
    threads
        Worker threads for the fast kernel (default: CPU count).

    Returns
    -------
    TravelTimeMatrix

    Examples
    --------
    >>> from ungtloft_map.core.analysis.transit.network import prepare_network
    >>> from ungtloft_map.core.io.gtfs import load_gtfs
    >>> from ungtloft_map.paths import demo_dir
    >>> net = prepare_network(load_gtfs(demo_dir() / "gtfs.zip"), window="07:00-09:00")
    >>> m = compute_matrix(net, np.array([[559_100.0, 7_024_600.0]]),
    ...                    np.array([[555_000.0, 7_026_000.0]]))
    >>> m.p50
    array([[22.2]])
    """
    if kernel not in ("fast", "reference"):
        raise AnalysisError(f"unknown kernel {kernel!r}; use 'fast' or 'reference'")
    t0 = time.perf_counter()
    oxy, oid = as_points(origins, "origins")
    if origin_ids is not None:
        oid = np.asarray(origin_ids)
    groups, did = _targets(destinations)
    if destination_ids is not None:
        did = np.asarray(destination_ids)
    if len(oid) != len(oxy) or len(did) != len(groups):
        raise AnalysisError("the number of ids does not match the number of points")
    key = hash_key("matrix-v1", network.fingerprint, oxy, kernel, keep_minutes, len(groups),
                   *groups)
    if cache:
        hit = default_cache.get(key, cache_dir)
        if hit is not None:
            return _result(network, hit, oid, did, kernel,
                           {"compute": time.perf_counter() - t0, "cache": True})
    sink = _Sink(len(oxy), len(groups), network.minutes, network.params.max_travel_s,
                 keep_minutes)
    _route(network, oxy, groups, sink, kernel=kernel, progress=progress, threads=threads)
    value = {"p10": sink.p10, "p50": sink.p50, "p90": sink.p90,
             "reachable_share": sink.share}
    if keep_minutes:
        value["seconds"] = sink.seconds
    if cache:
        default_cache.put(key, value, cache_dir)
    return _result(network, value, oid, did, kernel,
                   {"compute": time.perf_counter() - t0, "cache": False})


def travel_seconds(network: TransitNetwork, oxy: np.ndarray, groups: list[np.ndarray], *,
                   kernel: str = "fast", progress: Progress | None = None,
                   threads: int | None = None) -> np.ndarray:
    """Per-minute travel time in seconds, ``[n_origins, n_targets, n_minutes]`` (-1 = unreachable).

    The building block of :func:`compute_matrix`, without statistics or cache.

    Examples
    --------
    >>> sec = travel_seconds(net, origins_xy, [dest_xy[:1], schools_xy])   # doctest: +SKIP
    """
    sink = _Sink(len(oxy), len(groups), network.minutes, network.params.max_travel_s, True)
    _route(network, oxy, groups, sink, kernel=kernel, progress=progress, threads=threads)
    return sink.seconds


class _Sink:
    """Receives blocks of arrival times and keeps per-minute seconds and/or the statistics.

    Statistics are computed block by block in the workers, so a large matrix never needs the
    full ``origins × destinations × minutes`` array unless ``keep_minutes`` asks for it.
    """

    def __init__(self, n_o, n_t, taus, max_travel_s, keep):
        self.taus = taus.astype(np.int64)
        self.max_travel_s = max_travel_s
        self.seconds = np.full((n_o, n_t, len(taus)), -1, dtype=np.int32) if keep else None
        self.p10, self.p50, self.p90, self.share = (np.full((n_o, n_t), np.nan)
                                                    for _ in range(4))
        self.share[:] = 0.0

    def put(self, t: int, lo: int, hi: int, arr: np.ndarray) -> None:
        tt = arr.astype(np.int64) - self.taus[None, :]
        tt = np.where((arr >= _INF) | (tt > self.max_travel_s), -1, tt)  # faster than tt[m] = -1
        if self.seconds is not None:
            self.seconds[lo:hi, t, :] = tt
        p10, p50, p90, share = percentile_minutes(tt, self.max_travel_s)
        self.p10[lo:hi, t], self.p50[lo:hi, t], self.p90[lo:hi, t] = p10, p50, p90
        self.share[lo:hi, t] = share


def _route(network, oxy, groups, sink: _Sink, *, kernel, progress, threads) -> None:
    taus = network.minutes
    if len(oxy) == 0 or len(groups) == 0:
        return
    acc = network.walk_links(oxy)
    direct = _direct_walk(network, oxy, groups)
    eg = _egress(network, groups)
    if kernel == "fast":
        _run_fast(network, acc, direct, eg, len(groups), taus, progress, threads, sink)
    else:
        _run_reference(network, acc, direct, eg, len(groups), taus, progress, sink)


def percentile_minutes(seconds: np.ndarray, max_travel_s: int = 7200,
                       percentiles=PERCENTILES) -> tuple[np.ndarray, ...]:
    """Nearest-rank percentiles (minutes, ``NaN`` = unreachable) and the reachable share.

    ``seconds`` is ``[..., n_minutes]`` with -1 for unreachable minutes.

    Examples
    --------
    >>> p10, p50, p90, share = percentile_minutes(np.array([[60, 120, -1, 180]]))
    >>> p50.tolist(), share.tolist()
    ([2.0], [0.75])
    """
    secs = np.asarray(seconds)
    n = secs.shape[-1]
    reach = (secs >= 0) & (secs <= max_travel_s)
    # Whole seconds are sorted as integers (the matrix sorts millions of them), with the
    # dtype's largest value for "unreachable"; anything else as floats with inf.
    never = np.iinfo(secs.dtype).max if secs.dtype.kind in "iu" else np.inf
    vals = np.where(reach, secs if secs.dtype.kind in "iu" else secs.astype(np.float64), never)
    vals.sort(axis=-1)
    out = []
    for p in percentiles:
        k = max(math.ceil(p / 100 * n) - 1, 0)
        v = vals[..., k] if n else np.full(secs.shape[:-1], never)
        out.append(np.where(v != never, v / 60.0, np.nan))
    share = reach.mean(axis=-1) if n else np.zeros(secs.shape[:-1])
    return (*out, share)


def zone_values(values, weights, zone_ids, *, how: str = "median",
                zones=None) -> pd.Series:
    """Population-weighted zone value of per-origin values.

    ``how="median"``: weighted median where ``NaN`` (unreachable) counts as longer than any
    time, so a zone whose weighted median is unreachable gets ``NaN``; ``how="mean"``: weighted
    mean over origins with a value.

    Parameters
    ----------
    values, weights, zone_ids
        One entry per origin (e.g. grid cell): value, population, zone.
    zones
        All zone ids to report (zones without origins or population get ``NaN``).

    Examples
    --------
    >>> zone_values([10, 20, np.nan], [1, 1, 5], ["a", "a", "b"]).to_dict()
    {'a': 10.0, 'b': nan}
    """
    import pandas as pd

    if how not in ("median", "mean"):
        raise AnalysisError(f"how must be 'median' or 'mean', not {how!r}")
    df = pd.DataFrame({"v": np.asarray(values, dtype=np.float64),
                       "w": np.asarray(weights, dtype=np.float64),
                       "z": np.asarray(zone_ids)})
    df = df[df["w"] > 0]
    out = {}
    for z, g in df.groupby("z", sort=True):
        v, w = g["v"].to_numpy(), g["w"].to_numpy()
        if how == "mean":
            ok = np.isfinite(v)
            out[z] = float(np.average(v[ok], weights=w[ok])) if ok.any() else np.nan
            continue
        vv = np.where(np.isfinite(v), v, np.inf)
        order = np.argsort(vv, kind="stable")
        cw = np.cumsum(w[order])
        k = int(np.searchsorted(cw, 0.5 * cw[-1]))
        m = vv[order][min(k, len(vv) - 1)]
        out[z] = float(m) if np.isfinite(m) else np.nan
    s = pd.Series(out, dtype=np.float64)
    if zones is not None:
        s = s.reindex(pd.Index(zones))
    s.index.name = "zone_id"
    return s


def as_points(obj, what: str) -> tuple[np.ndarray, np.ndarray]:
    """``(xy, ids)`` from an ``(n, 2)`` array, list of pairs or GeoDataFrame/GeoSeries."""
    # geopandas is imported only where it is used: a GeoDataFrame implies it is loaded, and
    # the transit-matrix command (plain arrays) starts without it.
    gpd = sys.modules.get("geopandas")
    if gpd is not None and isinstance(obj, (gpd.GeoDataFrame, gpd.GeoSeries)):
        from ...crs import require_projected

        require_projected(obj if isinstance(obj, gpd.GeoDataFrame) else obj.to_frame(),
                          what=what)
        geom = obj.geometry
        if geom.isna().any() or geom.is_empty.any():
            raise DataError(f"{what} has empty geometries")
        if not (geom.geom_type == "Point").all():
            geom = geom.centroid
        return np.column_stack([geom.x.to_numpy(), geom.y.to_numpy()]), obj.index.to_numpy()
    xy = np.asarray(obj, dtype=np.float64)
    if xy.ndim == 1 and xy.size == 2:
        xy = xy.reshape(1, 2)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise AnalysisError(f"{what} must be an (n, 2) array of EPSG:25832 x, y")
    if not np.isfinite(xy).all():
        raise DataError(f"{what} has missing coordinates")
    return xy, np.arange(len(xy))


# --------------------------------------------------------------------------------------------


def _targets(destinations) -> tuple[list[np.ndarray], np.ndarray]:
    if isinstance(destinations, Mapping):
        groups, ids = [], []
        for name, pts in destinations.items():
            xy, _ = as_points(pts, f"destination group {name!r}")
            if not len(xy):
                raise AnalysisError(f"destination group {name!r} has no points")
            groups.append(xy)
            ids.append(name)
        return groups, np.array(ids, dtype=object)
    xy, ids = as_points(destinations, "destinations")
    return [xy[i:i + 1] for i in range(len(xy))], ids


def _direct_walk(net: TransitNetwork, oxy, groups) -> np.ndarray:
    out = np.full((len(oxy), len(groups)), _INF, dtype=np.int32)
    if not len(oxy):
        return out
    for t, pts in enumerate(groups):
        if len(pts) == 1:  # the common case; a tree per single point would be wasted work
            d = np.hypot(oxy[:, 0] - pts[0, 0], oxy[:, 1] - pts[0, 1])
        else:
            from scipy.spatial import cKDTree  # rare (zone targets): keep its import off the path

            d, _ = cKDTree(pts).query(oxy)
        sec = net.params.walk_seconds(d).astype(np.int64)
        out[:, t] = np.where(sec <= net.params.max_travel_s, sec, _INF)
    return out


def _egress(net: TransitNetwork, groups):
    """Egress walks as CSR by stop: for stop ``s`` the targets within reach and their seconds."""
    if not groups:
        return np.zeros(net.n_stops + 1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.int32)
    pts = np.concatenate(groups)
    owner = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    ptr, stop, sec = net.walk_links(pts)
    tgt = np.repeat(owner, np.diff(ptr))
    # min over the members of a group reaching the same stop
    key = stop.astype(np.int64) * len(groups) + tgt
    order = np.lexsort((sec, key))
    key, sec = key[order], sec[order]
    first = np.r_[True, key[1:] != key[:-1]] if len(key) else np.zeros(0, bool)
    key, sec = key[first], sec[first]
    stop_u, tgt_u = key // len(groups), key % len(groups)
    eg_ptr = np.zeros(net.n_stops + 1, dtype=np.int64)
    np.cumsum(np.bincount(stop_u, minlength=net.n_stops), out=eg_ptr[1:])
    return eg_ptr, tgt_u.astype(np.int32), sec.astype(np.int32)


def _egress_by_target(net, eg, n_t):
    """Egress links regrouped by target: ``(ptr, stop, seconds)`` with target ``t`` at
    ``ptr[t]:ptr[t + 1]``."""
    eg_ptr, eg_tgt, eg_dur = eg
    stop = np.repeat(np.arange(net.n_stops, dtype=np.int64), np.diff(eg_ptr))
    order = np.argsort(eg_tgt, kind="stable")
    ptr = np.zeros(n_t + 1, dtype=np.int64)
    np.cumsum(np.bincount(eg_tgt, minlength=n_t), out=ptr[1:])
    return ptr, stop[order], eg_dur[order]


def _egress_dense(net, by_target, t) -> np.ndarray:
    ptr, stop, dur = by_target
    e = np.full(net.n_stops, _INF, dtype=np.int32)
    e[stop[ptr[t]:ptr[t + 1]]] = dur[ptr[t]:ptr[t + 1]]
    return e


def _check(progress, done, total):
    if progress is not None and progress(done, total) is False:
        raise Cancelled("travel-time matrix cancelled")


def _run_fast(net, acc, direct, eg, n_t, taus, progress, threads, sink):
    # The compiled kernels (numba) are imported only when routing runs: a transit access read
    # from the disk cache (report, themes) never needs them.
    from . import _fast

    n_o = direct.shape[0]
    threads = max(1, threads or os.cpu_count() or 1)
    # profile storage: at most one entry per boardable connection leaving a stop
    counts = np.bincount(net.c_from[net.c_board], minlength=net.n_stops)
    prof_ptr = np.zeros(net.n_stops + 1, dtype=np.int64)
    np.cumsum(counts, out=prof_ptr[1:])
    n_trips = int(net.c_trip.max()) + 1 if len(net.c_trip) else 1
    limit = np.int32(int(taus[-1]) + net.params.max_travel_s)
    taus32 = taus.astype(np.int32)
    acc_ptr, acc_stop, acc_dur = acc
    # Split origins into blocks of at most 2,000 (so progress and cancel respond within a
    # fraction of a second) and so that every worker has work when there are few destinations;
    # each block rebuilds its destination's profile, ~10 ms on the AtB morning window.
    n_chunks = math.ceil(n_o / 2000)
    if n_o > 256:
        n_chunks = max(n_chunks, min(n_o // 128, math.ceil(2 * threads / n_t)))
    bounds = np.linspace(0, n_o, n_chunks + 1).astype(int)
    tasks = [(t, int(bounds[k]), int(bounds[k + 1])) for t in range(n_t)
             for k in range(n_chunks) if bounds[k + 1] > bounds[k]]
    by_target = _egress_by_target(net, eg, n_t)

    def job(t, lo, hi):
        e = _egress_dense(net, by_target, t)
        res = _fast.target_arrivals(
            net.c_dep, net.c_arr, net.c_from, net.c_to, net.c_trip, net.c_board, net.c_alight,
            net.fp_ptr, net.fp_to, net.fp_dur, e, n_trips, prof_ptr, limit,
            acc_ptr, acc_stop, acc_dur, np.ascontiguousarray(direct[:, t]), taus32, lo, hi)
        sink.put(t, lo, hi, res)

    total = len(tasks)
    if threads == 1 or total == 1:
        for i, task in enumerate(tasks):
            job(*task)
            _check(progress, i + 1, total)
        return
    with ThreadPoolExecutor(max_workers=threads) as pool:
        pending = {pool.submit(job, *task) for task in tasks}
        done_n = 0
        try:
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in finished:
                    f.result()
                    done_n += 1
                _check(progress, done_n, total)
        except BaseException:
            for f in pending:
                f.cancel()
            raise


def _run_reference(net, acc, direct, eg, n_t, taus, progress, sink, batch: int = 16):
    n_o = direct.shape[0]
    acc_ptr, acc_stop, acc_dur = acc
    starts = list(range(0, n_o, batch))
    for i, lo in enumerate(starts):
        hi = min(lo + batch, n_o)
        sub_ptr = acc_ptr[lo:hi + 1] - acc_ptr[lo]
        sl = slice(acc_ptr[lo], acc_ptr[hi])
        res, _ = _reference.forward_scan(
            net, sub_ptr, acc_stop[sl], acc_dur[sl], taus, eg_ptr=eg[0], eg_tgt=eg[1],
            eg_dur=eg[2], direct=direct[lo:hi], n_targets=n_t)
        for t in range(n_t):
            sink.put(t, lo, hi, res[:, t, :])
        _check(progress, i + 1, len(starts))


def _result(net, value, oid, did, kernel, timings) -> TravelTimeMatrix:
    return TravelTimeMatrix(
        origin_ids=np.asarray(oid), destination_ids=np.asarray(did), p10=value["p10"],
        p50=value["p50"], p90=value["p90"], reachable_share=value["reachable_share"],
        seconds=value.get("seconds"), window=net.window_label, date=net.day.date.isoformat(),
        kernel=kernel, timings=timings)
