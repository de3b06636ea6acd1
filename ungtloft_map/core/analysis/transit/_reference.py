"""REFERENCE kernel: the textbook forward Connection Scan in plain Python + numpy.

One scan of the connections in departure order answers many queries at once (every origin ×
departure minute of a batch is a column of the label arrays), which keeps it usable on a real
feed while each step stays the obvious one:

* ``ready[s, q]``: earliest time query ``q`` stands at stop ``s`` ready to board;
* ``on[trip, q]``: query ``q`` has boarded the trip;
* a connection is taken when its trip is already boarded or it departs at or after ``ready``;
  alighting from it relaxes the destinations (egress walk) and the footpaths (changes).

It is deliberately independent of the profile algorithm in :mod:`._fast`; the tests require the
two to agree to the second.
"""

from __future__ import annotations

import numpy as np

from .network import INF, TransitNetwork

_INF = int(INF)


def forward_scan(net: TransitNetwork, acc_ptr, acc_stop, acc_dur, taus, *,
                 eg_ptr=None, eg_tgt=None, eg_dur=None, direct=None, n_targets: int = 0,
                 want_stops: bool = False):
    """Run the forward scan for origins ``0..len(acc_ptr)-2`` × departure times ``taus``.

    Parameters
    ----------
    acc_ptr, acc_stop, acc_dur
        Access walks of each origin (CSR).
    taus
        Departure times (seconds).
    eg_ptr, eg_tgt, eg_dur
        Egress walks: for stop ``s``, targets ``eg_tgt[eg_ptr[s]:eg_ptr[s + 1]]`` reachable in
        ``eg_dur`` seconds.
    direct
        ``[n_origins, n_targets]`` seconds to walk the whole way (``INF`` if too far).
    want_stops
        Also return the earliest arrival by trip at every stop.

    Returns
    -------
    target_arr : ndarray ``[n_origins, n_targets, n_minutes]`` (int64)
    stop_arr : ndarray ``[n_origins, n_minutes, n_stops]`` or None

    Examples
    --------
    >>> arr, _ = forward_scan(net, *net.walk_links(xy), net.minutes, ...)   # doctest: +SKIP
    """
    n_o = len(acc_ptr) - 1
    taus = np.asarray(taus, dtype=np.int64)
    n_m = len(taus)
    q = n_o * n_m
    tau_q = np.tile(taus, n_o)
    n_s = net.n_stops
    ready = np.full((n_s, q), _INF, dtype=np.int32)
    for o in range(n_o):
        cols = slice(o * n_m, (o + 1) * n_m)
        for k in range(acc_ptr[o], acc_ptr[o + 1]):
            s = acc_stop[k]
            ready[s, cols] = np.minimum(ready[s, cols], taus + acc_dur[k])
    on = np.zeros((int(net.c_trip.max()) + 1 if len(net.c_trip) else 0, q), dtype=bool)
    best = np.full((q, n_targets), _INF, dtype=np.int64)
    if n_targets:
        d = np.repeat(np.asarray(direct, dtype=np.int64), n_m, axis=0)  # [q, n_t]
        best = np.where(d < _INF, tau_q[:, None] + d, _INF)
    stop_best = np.full((n_s, q), _INF, dtype=np.int64) if want_stops else None
    last_tau = taus.max() if n_m else 0
    for i in range(len(net.c_dep)):
        dep = int(net.c_dep[i])
        if dep > last_tau + net.params.max_travel_s:
            break  # nothing later can arrive within the travel limit of any query
        trip = net.c_trip[i]
        took = on[trip]
        if net.c_board[i]:
            took = took | (ready[net.c_from[i]] <= dep)
        if not took.any():
            continue
        on[trip] = took
        if not net.c_alight[i]:
            continue
        s = net.c_to[i]
        arr = np.where(took, int(net.c_arr[i]), _INF)
        if want_stops:
            np.minimum(stop_best[s], arr, out=stop_best[s])
        if n_targets:
            for k in range(eg_ptr[s], eg_ptr[s + 1]):
                t = eg_tgt[k]
                np.minimum(best[:, t], arr + eg_dur[k], out=best[:, t])
        nb = net.fp_to[net.fp_ptr[s]:net.fp_ptr[s + 1]]
        if len(nb):
            dur = net.fp_dur[net.fp_ptr[s]:net.fp_ptr[s + 1]].astype(np.int64)
            ready[nb] = np.minimum(ready[nb], arr[None, :] + dur[:, None])
    target_arr = best.reshape(n_o, n_m, n_targets).transpose(0, 2, 1)
    stops = stop_best.T.reshape(n_o, n_m, n_s) if want_stops else None
    return np.minimum(target_arr, _INF), stops
