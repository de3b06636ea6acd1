"""Prepare a service day for routing: connections in a window, footpaths, walking rules.

The routing model (shared by every kernel, so that they agree to the second):

* walking is ``straight-line distance × circuity / walk_speed`` (defaults 1.3 and 1.3 m/s, so one
  second per metre of straight line), rounded to whole seconds;
* from the origin you may walk to any stop within ``max_access_s`` (20 min) and from the stop a
  trip alights at to the destination within the same limit; walking the whole way is always
  allowed;
* between two trips you change at the same stop, at another platform of the same station
  (``parent_station``) or at any stop within ``max_transfer_m`` (400 m) straight line; a change
  takes ``max(min_transfer_s, walking time)`` (60 s minimum), one walk at most; staying on the
  same trip needs no time;
* boarding respects ``pickup_type`` = 1 and alighting ``drop_off_type`` = 1.

Examples
--------
The demo feed's first regular Tuesday, 07:00–09:00:

>>> from ungtloft_map.core.io.gtfs import load_gtfs
>>> from ungtloft_map.paths import demo_dir
>>> day = load_gtfs(demo_dir() / "gtfs.zip")
>>> net = prepare_network(day, window="07:00-09:00")
>>> net
TransitNetwork(date=2026-01-06, window=07:00-09:00, connections=5184, stops=148, footpaths=294)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from ...errors import AnalysisError, DataError
from ...io.gtfs import GtfsDay
from ._grid import StopGrid

__all__ = ["TransitParams", "TransitNetwork", "prepare_network", "parse_window", "INF"]

#: "Never" for int32 times; large enough to add any walk to it without overflow.
INF = np.int32(1 << 29)


@dataclass(frozen=True)
class TransitParams:
    """Walking and transfer rules (see the module docstring).

    Examples
    --------
    >>> TransitParams(min_transfer_s=120).walk_seconds(np.array([130.0]))
    array([130], dtype=int32)
    """

    walk_speed: float = 1.3
    circuity: float = 1.3
    max_access_s: int = 1200
    max_transfer_m: float = 400.0
    min_transfer_s: int = 60
    max_travel_s: int = 7200

    def __post_init__(self):
        if self.walk_speed <= 0 or self.circuity < 1:
            raise AnalysisError("walk speed must be positive and circuity at least 1")
        if self.min_transfer_s < 0 or self.max_access_s < 0 or self.max_travel_s <= 0:
            raise AnalysisError("transfer, access and travel limits must not be negative")

    @property
    def seconds_per_metre(self) -> float:
        return self.circuity / self.walk_speed

    @property
    def max_access_m(self) -> float:
        """Straight-line radius of a ``max_access_s`` walk."""
        return self.max_access_s / self.seconds_per_metre

    def walk_seconds(self, dist_m: np.ndarray) -> np.ndarray:
        """Whole seconds to walk straight-line distances (rounded half to even)."""
        return np.round(np.asarray(dist_m, dtype=np.float64) * self.seconds_per_metre).astype(
            np.int32)


@dataclass(frozen=True, repr=False, eq=False)
class TransitNetwork:
    """Connections of one window plus footpaths, ready for the kernels.

    Connections are sorted by (departure, arrival, trip, stop order); ``c_*`` arrays are int32
    except the boolean ``c_board`` / ``c_alight``. Footpaths are CSR arrays: the changes from
    stop ``s`` are ``fp_to[fp_ptr[s]:fp_ptr[s + 1]]`` with durations ``fp_dur``.
    """

    day: GtfsDay
    params: TransitParams
    start_s: int
    end_s: int
    c_dep: np.ndarray
    c_arr: np.ndarray
    c_from: np.ndarray
    c_to: np.ndarray
    c_trip: np.ndarray
    c_board: np.ndarray
    c_alight: np.ndarray
    fp_ptr: np.ndarray
    fp_to: np.ndarray
    fp_dur: np.ndarray
    served: np.ndarray  # bool per stop: has a boarding in the whole service day
    active_stops: np.ndarray  # stops with a boarding or alighting in the window (tree order)
    tree: StopGrid = field(repr=False)
    fingerprint: str = ""

    @property
    def stop_xy(self) -> np.ndarray:
        return np.column_stack([self.day.stop_x, self.day.stop_y])

    @property
    def n_stops(self) -> int:
        return self.day.n_stops

    @property
    def minutes(self) -> np.ndarray:
        """Departure times of the window, one per minute (seconds since service-day start)."""
        return np.arange(self.start_s, self.end_s, 60, dtype=np.int32)

    @property
    def window_label(self) -> str:
        return f"{_hhmm(self.start_s)}-{_hhmm(self.end_s)}"

    def __repr__(self) -> str:
        return (f"TransitNetwork(date={self.day.date.isoformat()}, window={self.window_label}, "
                f"connections={len(self.c_dep)}, stops={self.n_stops}, "
                f"footpaths={len(self.fp_to)})")

    # ---- walking helpers shared by matrix, access and isochrone ----------------------------

    def walk_links(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Stops within the access limit of each point, as CSR ``(ptr, stop, seconds)``.

        Only stops with at least one boarding or alighting in the window are listed.
        """
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        ptr, local = self.tree.ball(xy, self.params.max_access_m + 1e-9)
        counts = np.diff(ptr)
        stop = self.active_stops[local]
        owner = np.repeat(np.arange(len(xy)), counts)
        d = np.hypot(self.day.stop_x[stop] - xy[owner, 0], self.day.stop_y[stop] - xy[owner, 1])
        sec = self.params.walk_seconds(d)
        keep = sec <= self.params.max_access_s
        if not keep.all():
            counts = np.bincount(owner[keep], minlength=len(xy))
            ptr[1:] = np.cumsum(counts)
            stop, sec = stop[keep], sec[keep]
        return ptr, stop.astype(np.int32), sec.astype(np.int32)


def parse_window(window: str | tuple[int, int] | tuple[str, str]) -> tuple[int, int]:
    """``"07:00-09:00"`` → ``(25200, 32400)`` seconds; the end is exclusive.

    Examples
    --------
    >>> parse_window("07:00-09:00")
    (25200, 32400)
    """
    if isinstance(window, str):
        parts = window.replace("–", "-").split("-")
        if len(parts) != 2:
            raise DataError(f"window must look like 07:00-09:00, got {window!r}")
        window = (parts[0], parts[1])
    start, end = (_clock(v) if isinstance(v, str) else int(v) for v in window)
    if end <= start:
        raise DataError(f"window end must be after its start, got {window!r}")
    if (end - start) % 60:
        raise DataError("window length must be whole minutes")
    return start, end


def prepare_network(day: GtfsDay, window="07:00-09:00",
                    params: TransitParams | None = None) -> TransitNetwork:
    """Build the connections and footpaths for one departure window.

    Parameters
    ----------
    day
        The service day (:func:`ungtloft_map.core.io.gtfs.load_gtfs`).
    window
        Departure window, e.g. ``"07:00-09:00"`` (end exclusive: 120 departure minutes).
        Connections departing up to ``max_travel_s`` after its end are kept.
    params
        Walking and transfer rules; defaults as in INDICATORS.md.

    Notes
    -----
    A network built before for the same feed, date, window and parameters is read back from
    the content-keyed disk cache (:mod:`._network_cache`), equal array for array.

    Examples
    --------
    >>> net = prepare_network(day, "07:00-09:00")     # doctest: +SKIP
    """
    from ._network_cache import cached_network

    params = params or TransitParams()
    start, end = parse_window(window)
    return cached_network(day, start, end, params, _build)


def _build(day: GtfsDay, start: int, end: int, params: TransitParams) -> TransitNetwork:
    """The network of ``[start, end)`` (what :func:`prepare_network` returns)."""
    # connections = consecutive stop events of the same trip
    same = day.ev_trip[1:] == day.ev_trip[:-1]
    a = np.flatnonzero(same)
    b = a + 1
    dep, arr = day.ev_dep[a], day.ev_arr[b]
    in_win = (dep >= start) & (dep < end + params.max_travel_s)
    a, b = a[in_win], b[in_win]
    dep, arr = dep[in_win], arr[in_win]
    order = np.lexsort((a, arr, dep))  # by dep, then arr, then event order (trip, sequence)
    a, b, dep, arr = a[order], b[order], dep[order], arr[order]
    c_from = day.ev_stop[a].astype(np.int32)
    c_to = day.ev_stop[b].astype(np.int32)
    c_trip = day.ev_trip[a].astype(np.int32)
    c_board = day.ev_pickup[a].copy()
    c_alight = day.ev_dropoff[b].copy()

    # stops that matter for walking: any boarding or alighting in the window
    active = np.zeros(day.n_stops, dtype=bool)
    active[c_from[c_board]] = True
    active[c_to[c_alight]] = True
    act_idx = np.flatnonzero(active)
    xy = np.column_stack([day.stop_x, day.stop_y])
    tree = StopGrid(xy[act_idx]) if len(act_idx) else StopGrid(np.zeros((1, 2)) + 1e12)
    if not len(act_idx):
        act_idx = np.zeros(1, dtype=np.int64)  # dummy point far away; never within reach
    fp_ptr, fp_to, fp_dur = _footpaths(day, act_idx, tree, params)
    served = np.zeros(day.n_stops, dtype=bool)
    has_next = np.r_[day.ev_trip[1:] == day.ev_trip[:-1], False]
    served[day.ev_stop[has_next & day.ev_pickup]] = True

    h = hashlib.blake2b(digest_size=16)
    h.update(day.fingerprint.encode())
    h.update(repr((start, end, params)).encode())
    return TransitNetwork(
        day=day, params=params, start_s=start, end_s=end,
        c_dep=dep.astype(np.int32), c_arr=arr.astype(np.int32), c_from=c_from, c_to=c_to,
        c_trip=c_trip, c_board=c_board, c_alight=c_alight,
        fp_ptr=fp_ptr, fp_to=fp_to, fp_dur=fp_dur, served=served, active_stops=act_idx,
        tree=tree, fingerprint=h.hexdigest())


def _footpaths(day: GtfsDay, act_idx, tree, params: TransitParams):
    """Changes between trips: self, station siblings, stops within ``max_transfer_m``."""
    n = day.n_stops
    pairs = tree.pairs(params.max_transfer_m)
    src = [act_idx, act_idx[pairs[:, 0]], act_idx[pairs[:, 1]]]
    dst = [act_idx, act_idx[pairs[:, 1]], act_idx[pairs[:, 0]]]
    # platforms of one station are always connected, even when further apart than the radius
    st = day.stop_station[act_idx]
    order = np.argsort(st, kind="stable")
    st_sorted = st[order]
    grp_start = np.flatnonzero(np.r_[True, st_sorted[1:] != st_sorted[:-1]])
    grp_len = np.diff(np.r_[grp_start, len(st_sorted)])
    # every ordered pair of two platforms in a group, for all groups at once (a loop over
    # thousands of stations cost more than the rest of the network)
    starts, sizes = grp_start[grp_len > 1], grp_len[grp_len > 1]
    member = _ranges(starts, sizes)  # positions in ``order`` of the grouped platforms
    per = np.repeat(sizes, sizes)  # size of each platform's group
    ii = np.repeat(member, per)
    jj = _ranges(np.repeat(starts, sizes), per)
    off = ii != jj
    src.append(act_idx[order[ii[off]]])
    dst.append(act_idx[order[jj[off]]])
    src_a = np.concatenate(src).astype(np.int64)
    dst_a = np.concatenate(dst).astype(np.int64)
    key = np.sort(src_a * n + dst_a)  # unique by hand: np.unique imports numpy.ma (~20 ms)
    key = key[np.r_[True, key[1:] != key[:-1]]] if len(key) else key
    src_a, dst_a = key // n, key % n
    d = np.hypot(day.stop_x[src_a] - day.stop_x[dst_a], day.stop_y[src_a] - day.stop_y[dst_a])
    dur = np.maximum(params.walk_seconds(d), params.min_transfer_s).astype(np.int32)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src_a, minlength=n), out=ptr[1:])
    return ptr, dst_a.astype(np.int32), dur


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``starts[k], starts[k] + 1, ..., starts[k] + lengths[k] - 1`` for every ``k``, joined.

    Examples
    --------
    >>> _ranges(np.array([0, 10]), np.array([2, 3])).tolist()
    [0, 1, 10, 11, 12]
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    first = np.cumsum(lengths) - lengths
    return (np.repeat(np.asarray(starts, dtype=np.int64) - first, lengths)
            + np.arange(int(lengths.sum()), dtype=np.int64))


def _clock(text: str) -> int:
    text = text.strip()
    parts = text.split(":")
    try:
        if len(parts) not in (2, 3):
            raise ValueError
        nums = [int(p) for p in parts]
    except ValueError:
        raise DataError(f"not a clock time HH:MM: {text!r}") from None
    h, m = nums[0], nums[1]
    s = nums[2] if len(nums) == 3 else 0
    if m > 59 or s > 59 or h < 0 or m < 0 or s < 0 or h > 47:
        raise DataError(f"not a clock time HH:MM: {text!r}")
    return h * 3600 + m * 60 + s


def _hhmm(sec: int) -> str:
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}"
