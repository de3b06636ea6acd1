"""Isochrones: where can I be within 15/30/45 minutes by transit and walking?

For every departure minute of the window we run an earliest-arrival scan from the point and
take, for every stop, the time until a trip first arrives there; the stop's time is the median
(nearest rank, unreachable minutes counting as infinitely long) over the minutes. The reach for
a budget of ``B`` minutes is the union of

* a walking disc around the point (the whole way on foot is always allowed), and
* around every stop with median time ``t < B`` a walking disc for the remaining
  ``B - t`` (capped at the 20 min egress limit),

where a walking disc for ``s`` seconds has radius ``s × walk_speed / circuity`` metres.

Examples
--------
From the demo's town centre, given in lon/lat:

>>> from ungtloft_map.core.analysis.transit.network import prepare_network
>>> from ungtloft_map.core.io.gtfs import load_gtfs
>>> from ungtloft_map.paths import demo_dir
>>> net = prepare_network(load_gtfs(demo_dir() / "gtfs.zip"), window="07:00-09:00")
>>> iso = isochrones(net, (10.0994, 63.3585), crs=4326)
>>> iso.polygons[["minutes", "area_km2"]].round(1)
   minutes  area_km2
0       45     102.7
1       30      43.3
2       15       5.8
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS, Transformer

from ...crs import ANALYSIS_CRS
from ...errors import AnalysisError, DataError
from . import _fast, _reference
from .network import INF, TransitNetwork

__all__ = ["IsochroneResult", "isochrones"]


@dataclass(frozen=True, repr=False, eq=False)
class IsochroneResult:
    """Reach polygons around one point.

    Attributes
    ----------
    origin_xy : tuple of float
        The point in EPSG:25832.
    polygons : GeoDataFrame
        One row per budget: ``minutes``, ``area_km2``, ``n_stops`` (stops reached within the
        budget), geometry in EPSG:25832; largest budget first so smaller ones draw on top.
    stop_minutes : ndarray
        Median minutes to each stop of the network (``NaN`` = not reached within the largest
        budget in at least half of the minutes).
    window, date : str
    timings : dict
        Seconds for ``routing`` and ``polygons``.
    """

    origin_xy: tuple[float, float]
    polygons: gpd.GeoDataFrame
    stop_minutes: np.ndarray
    window: str
    date: str
    timings: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        parts = ", ".join(f"{int(m)} min: {a:.1f} km²" for m, a in
                          zip(self.polygons["minutes"], self.polygons["area_km2"]))
        return (f"IsochroneResult(origin=({self.origin_xy[0]:.0f}, {self.origin_xy[1]:.0f}), "
                f"date={self.date}, window={self.window}, {parts})")


def isochrones(network: TransitNetwork, point, minutes=(15, 30, 45), *, crs=ANALYSIS_CRS,
               kernel: str = "fast", quad_segs: int = 8) -> IsochroneResult:
    """Transit + walk reach polygons for the network's departure window.

    Parameters
    ----------
    network
        From :func:`.network.prepare_network`.
    point
        ``(x, y)`` in ``crs`` (default EPSG:25832; pass ``crs=4326`` for lon/lat) or a shapely
        Point.
    minutes
        Travel-time budgets in minutes.
    kernel
        ``"fast"`` (numba) or ``"reference"`` (numpy); same polygons.
    quad_segs
        Segments per quarter circle of the walking discs.

    Returns
    -------
    IsochroneResult

    Examples
    --------
    >>> from ungtloft_map.core.analysis.transit.network import prepare_network
    >>> from ungtloft_map.core.io.gtfs import load_gtfs
    >>> from ungtloft_map.paths import demo_dir
    >>> net = prepare_network(load_gtfs(demo_dir() / "gtfs.zip"), window="07:00-09:00")
    >>> iso = isochrones(net, (555_000.0, 7_026_000.0), minutes=(15, 30))
    >>> iso.polygons["minutes"].tolist()
    [30, 15]
    """
    budgets = sorted({int(m) for m in minutes}, reverse=True)
    if not budgets or budgets[-1] <= 0:
        raise AnalysisError("isochrone minutes must be positive")
    t0 = time.perf_counter()
    xy = _to_analysis(point, crs)
    params = network.params
    horizon = budgets[0] * 60
    ptr, acc_stop, acc_dur = network.walk_links(np.array([xy]))
    taus = network.minutes
    if kernel == "fast":
        arr = _fast.forward_stop_arrivals(
            network.c_dep, network.c_arr, network.c_from, network.c_to, network.c_trip,
            network.c_board, network.c_alight, network.fp_ptr, network.fp_to, network.fp_dur,
            network.n_stops, int(network.c_trip.max()) + 1 if len(network.c_trip) else 1,
            acc_stop, acc_dur, taus.astype(np.int32), np.int32(horizon))
    elif kernel == "reference":
        _, stops = _reference.forward_scan(network, ptr, acc_stop, acc_dur, taus,
                                           want_stops=True)
        arr = stops[0]
    else:
        raise AnalysisError(f"unknown kernel {kernel!r}; use 'fast' or 'reference'")
    tt = arr.astype(np.int64) - taus[:, None]
    tt = np.where((arr < INF) & (tt <= horizon), tt, np.iinfo(np.int64).max)
    # nearest-rank median over the departure minutes
    k = max(math.ceil(0.5 * len(taus)) - 1, 0)
    med = np.partition(tt, k, axis=0)[k]
    t1 = time.perf_counter()
    reached = med < np.iinfo(np.int64).max
    spm = params.seconds_per_metre
    idx = np.flatnonzero(reached)
    sx, sy = network.day.stop_x[idx], network.day.stop_y[idx]
    rows = []
    for b in budgets:
        budget = b * 60
        remaining = np.minimum(budget - med[idx], params.max_access_s)
        ok = remaining > 0
        centres = shapely.points(np.r_[xy[0], sx[ok]], np.r_[xy[1], sy[ok]])
        radii = np.r_[budget, remaining[ok]] / spm
        geom = shapely.union_all(shapely.buffer(centres, radii, quad_segs=quad_segs))
        rows.append({"minutes": b, "area_km2": geom.area / 1e6, "n_stops": int(ok.sum()),
                     "geometry": geom})
    polys = gpd.GeoDataFrame(rows, geometry="geometry", crs=ANALYSIS_CRS)
    stop_minutes = np.where(reached, med / 60.0, np.nan)
    return IsochroneResult(
        origin_xy=(float(xy[0]), float(xy[1])), polygons=polys, stop_minutes=stop_minutes,
        window=network.window_label, date=network.day.date.isoformat(),
        timings={"routing": t1 - t0, "polygons": time.perf_counter() - t1})


def _to_analysis(point, crs) -> np.ndarray:
    if isinstance(point, shapely.Point):
        point = (point.x, point.y)
    try:
        x, y = (float(v) for v in point)
    except (TypeError, ValueError):
        raise DataError(f"isochrone point must be (x, y), got {point!r}") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise DataError("isochrone point has missing coordinates")
    src = CRS.from_user_input(crs)
    if src != ANALYSIS_CRS:
        if src.is_geographic and not (-180 <= x <= 180 and -90 <= y <= 90):
            raise DataError(f"({x}, {y}) is not a longitude/latitude")
        x, y = Transformer.from_crs(src, ANALYSIS_CRS, always_xy=True).transform(x, y)
    return np.array([x, y], dtype=np.float64)
