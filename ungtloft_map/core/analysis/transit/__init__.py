"""Public-transport travel times from a GTFS feed (Connection Scan, R5-style window statistics).

Typical use::

    from ungtloft_map.core.io.gtfs import load_gtfs
    from ungtloft_map.core.analysis.transit import prepare_network, compute_matrix

    day = load_gtfs("atb.zip")                      # one service day
    net = prepare_network(day, "07:00-09:00")       # connections + footpaths of the window
    m = compute_matrix(net, origins_xy, destinations_xy)   # p10/p50/p90/reachable_share

See :mod:`.network` for the routing rules, :mod:`.matrix` for the statistics,
:mod:`.access` for the per-zone access measures and :mod:`.isochrone` for reach polygons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ungtloft_map.core.lazy import lazy_attributes

if TYPE_CHECKING:
    from .access import TransitAccess, transit_access
    from .isochrone import IsochroneResult, isochrones
    from .matrix import Cancelled, TravelTimeMatrix, compute_matrix, percentile_minutes, zone_values
    from .network import TransitNetwork, TransitParams, parse_window, prepare_network

#: Name -> submodule. Imported on first use (PEP 562), so ``transit-matrix`` does not pay for
#: geopandas and shapely, which only the access measures and isochrones need.
_LAZY = {
    "TransitAccess": "access",
    "transit_access": "access",
    "IsochroneResult": "isochrone",
    "isochrones": "isochrone",
    "Cancelled": "matrix",
    "TravelTimeMatrix": "matrix",
    "compute_matrix": "matrix",
    "percentile_minutes": "matrix",
    "zone_values": "matrix",
    "TransitNetwork": "network",
    "TransitParams": "network",
    "parse_window": "network",
    "prepare_network": "network",
}


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, globals())

__all__ = [
    "Cancelled",
    "IsochroneResult",
    "TransitAccess",
    "TransitNetwork",
    "TransitParams",
    "TravelTimeMatrix",
    "compute_matrix",
    "isochrones",
    "parse_window",
    "percentile_minutes",
    "prepare_network",
    "transit_access",
    "zone_values",
]
