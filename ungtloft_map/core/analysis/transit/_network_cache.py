"""The built :class:`~.network.TransitNetwork` in the content-keyed disk cache.

:func:`~.network.prepare_network` builds the connections and footpaths of one window from a
service day (tens of ms on a city feed: the footpath search over thousands of stops); a fresh
process that routes on the same feed, date, window and rules reads them back instead
(~2 ms). The entry sits in :mod:`ungtloft_map.core.cache` (namespace ``transit-network``),
keyed by

* the service day's fingerprint (the feed's bytes, the date and the GTFS loader version),
* the window and every routing parameter,
* the source of :mod:`.network`, :mod:`._grid`, this module and ``core/io/gtfs/`` (an edited
  algorithm never meets an old network),
* the app version and the cache format (added by :func:`~ungtloft_map.core.cache.content_key`).

A day without a fingerprint (built by hand, not by ``load_gtfs``) is never cached. A corrupt or
foreign entry is logged, removed and rebuilt by :class:`~ungtloft_map.core.cache.DiskCache`; an
entry that lacks an array is logged and rebuilt here.

Examples
--------
>>> net = cached_network(day, 25200, 32400, TransitParams(), build)   # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np

from ...cache import DiskCache, content_key, source_digest
from ._grid import StopGrid

log = logging.getLogger(__name__)

NAMESPACE = "transit-network"
#: Bumped when the stored arrays change meaning (the source digest covers code edits anyway).
FORMAT = "1"
#: The arrays of a network, as stored; plus ``tree_xy``, the points of its stop grid.
ARRAYS = ("c_dep", "c_arr", "c_from", "c_to", "c_trip", "c_board", "c_alight", "fp_ptr",
          "fp_to", "fp_dur", "served", "active_stops")
_SOURCES = ("analysis/transit/network.py", "analysis/transit/_grid.py",
            "analysis/transit/_network_cache.py", "io/gtfs")


def network_key(day, start: int, end: int, params) -> str | None:
    """The entry's key, or None when the day has no fingerprint (then it is not cached)."""
    if not day.fingerprint:
        return None
    return content_key(NAMESPACE, FORMAT, day.fingerprint, f"{int(start)}-{int(end)}",
                       repr(params), source_digest(*_SOURCES))


def cached_network(day, start: int, end: int, params, build: Callable):
    """``build(day, start, end, params)``, read from or written to the disk cache.

    Parameters
    ----------
    day
        The service day (:class:`~ungtloft_map.core.io.gtfs.GtfsDay`).
    start, end
        The window in seconds (end exclusive).
    params
        :class:`~.network.TransitParams`.
    build
        Builds the network (the cache calls it on a miss; passed in so tests can count calls).

    Returns
    -------
    TransitNetwork
        Equal, array for array, to what ``build`` returns.
    """
    store = DiskCache(NAMESPACE)
    key = network_key(day, start, end, params) if store.enabled else None
    if key is None:
        return build(day, start, end, params)
    hit = store.get(key)
    if hit is not None:
        net = _from_entry(day, start, end, params, *hit)
        if net is not None:
            return net
    net = build(day, start, end, params)
    arrays = {name: getattr(net, name) for name in ARRAYS}
    arrays["tree_xy"] = net.tree.data
    store.put(key, arrays, {"fingerprint": net.fingerprint})
    return net


def _from_entry(day, start, end, params, arrays: dict[str, np.ndarray], meta: dict):
    from .network import TransitNetwork

    try:
        return TransitNetwork(
            day=day, params=params, start_s=int(start), end_s=int(end),
            tree=StopGrid(arrays["tree_xy"]), fingerprint=str(meta["fingerprint"]),
            **{name: arrays[name] for name in ARRAYS})
    except (KeyError, TypeError, ValueError) as exc:
        log.warning("cached transit network is incomplete (%s: %s); building it again",
                    type(exc).__name__, exc)
        return None
