"""FAST kernels (numba): profile Connection Scan per destination, forward scan per origin.

``target_arrivals`` answers "earliest arrival at one destination, for every origin and every
departure minute" with one backward scan of the window's connections (the profile CSA of
Dibbelt et al. 2013/2018): for each stop it keeps the Pareto list of (departure, arrival at the
destination) pairs, then reads every origin × minute off the lists of its access stops. The
whole window costs one pass over the connections per destination instead of one per origin
and minute.

``forward_stop_arrivals`` is the classic earliest-arrival CSA from one origin, run once per
departure minute, returning when each stop is first reached by a trip (for isochrones).

Both implement exactly the model in :mod:`.network` and are checked against the plain numpy
kernels in :mod:`._reference`.

numba compiles them just in time (``cache=True``); the desktop bundle instead runs them from an
extension module that ``installer/aot_build.py`` compiles from this same source ahead of time
with the signatures in :data:`AOT_EXPORTS` (see :mod:`ungtloft_map.core._jit`), so it ships no
numba/llvmlite.
"""

from __future__ import annotations

import numpy as np

from ..._jit import aot, kernel
from .network import INF

_INF = int(INF)


@kernel(nogil=True)
def _profile_eval(prof_dep, prof_arr, p0, n, t):  # pragma: no cover - numba
    """Earliest arrival when ready to board at time ``t``: entries have decreasing keys."""
    lo, hi = 0, n  # count of entries with key >= t
    while lo < hi:
        mid = (lo + hi) >> 1
        if prof_dep[p0 + mid] >= t:
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return _INF
    return prof_arr[p0 + lo - 1]


@kernel(nogil=True)
def build_profiles(c_dep, c_arr, c_from, c_to, c_trip, c_board, c_alight, fp_ptr, fp_to, fp_dur,
                   egress, n_trips, prof_ptr, limit):  # pragma: no cover - numba
    """Backward profile scan for one destination.

    Returns ``(prof_dep, prof_arr, prof_n)``: for stop ``s`` the entries
    ``prof_*[prof_ptr[s]:prof_ptr[s] + prof_n[s]]`` are (departure, arrival at the destination)
    with both decreasing; ``limit`` is the latest arrival worth keeping.
    """
    n_stops = len(prof_ptr) - 1
    prof_dep = np.empty(prof_ptr[n_stops], dtype=np.int32)
    prof_arr = np.empty(prof_ptr[n_stops], dtype=np.int32)
    prof_n = np.zeros(n_stops, dtype=np.int64)
    trip_best = np.full(n_trips, _INF, dtype=np.int32)
    for i in range(len(c_dep) - 1, -1, -1):
        trip = c_trip[i]
        tc = trip_best[trip]
        if c_alight[i]:
            s = c_to[i]
            a = c_arr[i]
            e = egress[s]
            if e < _INF and a + e < tc:
                tc = a + e
            for k in range(fp_ptr[s], fp_ptr[s + 1]):
                s2 = fp_to[k]
                m = prof_n[s2]
                if m == 0:
                    continue
                v = _profile_eval(prof_dep, prof_arr, prof_ptr[s2], m, a + fp_dur[k])
                if v < tc:
                    tc = v
        if tc > limit:
            continue
        if tc < trip_best[trip]:
            trip_best[trip] = tc
        if c_board[i]:
            s = c_from[i]
            p0 = prof_ptr[s]
            m = prof_n[s]
            if m == 0:
                prof_dep[p0] = c_dep[i]
                prof_arr[p0] = tc
                prof_n[s] = 1
            elif tc < prof_arr[p0 + m - 1]:
                if prof_dep[p0 + m - 1] == c_dep[i]:
                    prof_arr[p0 + m - 1] = tc
                else:
                    prof_dep[p0 + m] = c_dep[i]
                    prof_arr[p0 + m] = tc
                    prof_n[s] = m + 1
    return prof_dep, prof_arr, prof_n


@kernel(nogil=True)
def evaluate_origins(prof_dep, prof_arr, prof_n, prof_ptr, acc_ptr, acc_stop, acc_dur, direct,
                     taus, o_lo, o_hi):  # pragma: no cover - numba
    """Earliest arrival for origins ``o_lo..o_hi-1`` × departure times ``taus`` (ascending).

    ``direct[o]`` is the walking time of the whole way (``INF`` when too far to matter).
    """
    n_m = len(taus)
    out = np.empty((o_hi - o_lo, n_m), dtype=np.int32)
    for o in range(o_lo, o_hi):
        row = out[o - o_lo]
        d = direct[o]
        for m in range(n_m):
            row[m] = taus[m] + d if d < _INF else _INF
        for k in range(acc_ptr[o], acc_ptr[o + 1]):
            s = acc_stop[k]
            n = prof_n[s]
            if n == 0:
                continue
            a = acc_dur[k]
            p0 = prof_ptr[s]
            # keys decrease along the list, so sweeping the minutes upwards walks it backwards
            j = n - 1
            for m in range(n_m):
                t = taus[m] + a
                while j >= 0 and prof_dep[p0 + j] < t:
                    j -= 1
                if j < 0:
                    break
                v = prof_arr[p0 + j]
                if v < row[m]:
                    row[m] = v
    return out


@kernel(nogil=True)
def target_arrivals(c_dep, c_arr, c_from, c_to, c_trip, c_board, c_alight, fp_ptr, fp_to, fp_dur,
                    egress, n_trips, prof_ptr, limit, acc_ptr, acc_stop, acc_dur, direct, taus,
                    o_lo, o_hi):  # pragma: no cover - numba
    """Profile scan for one destination, then read off origins ``o_lo..o_hi-1``."""
    prof_dep, prof_arr, prof_n = build_profiles(
        c_dep, c_arr, c_from, c_to, c_trip, c_board, c_alight, fp_ptr, fp_to, fp_dur, egress,
        n_trips, prof_ptr, limit)
    return evaluate_origins(prof_dep, prof_arr, prof_n, prof_ptr, acc_ptr, acc_stop, acc_dur,
                            direct, taus, o_lo, o_hi)


@kernel(nogil=True)
def forward_stop_arrivals(c_dep, c_arr, c_from, c_to, c_trip, c_board, c_alight, fp_ptr, fp_to,
                          fp_dur, n_stops, n_trips, acc_stop, acc_dur, taus,
                          horizon):  # pragma: no cover - numba
    """Earliest arrival by trip at every stop, one forward scan per departure time.

    Connections departing later than ``tau + horizon`` are not scanned (their arrivals would be
    beyond the horizon anyway); stops not reached get ``INF``.
    """
    n_m = len(taus)
    out = np.full((n_m, n_stops), _INF, dtype=np.int32)
    ready = np.empty(n_stops, dtype=np.int32)
    on = np.zeros(n_trips, dtype=np.bool_)
    for m in range(n_m):
        tau = taus[m]
        ready[:] = _INF
        on[:] = False
        best = out[m]
        for k in range(len(acc_stop)):
            t = tau + acc_dur[k]
            if t < ready[acc_stop[k]]:
                ready[acc_stop[k]] = t
        i = np.searchsorted(c_dep, tau)
        end = tau + horizon
        while i < len(c_dep) and c_dep[i] <= end:
            trip = c_trip[i]
            if on[trip] or (c_board[i] and ready[c_from[i]] <= c_dep[i]):
                on[trip] = True
                if c_alight[i]:
                    s = c_to[i]
                    a = c_arr[i]
                    if a < best[s]:
                        best[s] = a
                        for k in range(fp_ptr[s], fp_ptr[s + 1]):
                            t = a + fp_dur[k]
                            if t < ready[fp_to[k]]:
                                ready[fp_to[k]] = t
            i += 1
    return out


_I4 = "int32[::1]"
_CONN = f"{_I4}, {_I4}, {_I4}, {_I4}, {_I4}, boolean[::1], boolean[::1], int64[::1], {_I4}, {_I4}"
#: What installer/aot_build.py compiles (name -> numba signature): the types the callers pass
#: (``transit/matrix.py``, ``transit/isochrone.py``); the AOT wrapper converts to them.
AOT_EXPORTS = {
    "target_arrivals": f"int32[:, ::1]({_CONN}, {_I4}, int64, int64[::1], int32, int64[::1], "
                       f"{_I4}, {_I4}, {_I4}, {_I4}, int64, int64)",
    "forward_stop_arrivals": f"int32[:, ::1]({_CONN}, int64, int64, {_I4}, {_I4}, {_I4}, int32)",
}

_target_aot = aot("target_arrivals", AOT_EXPORTS["target_arrivals"])
_forward_aot = aot("forward_stop_arrivals", AOT_EXPORTS["forward_stop_arrivals"])
if _target_aot is not None and _forward_aot is not None:
    target_arrivals = _target_aot  # noqa: F811 - the same function, compiled ahead of time
    forward_stop_arrivals = _forward_aot  # noqa: F811
