"""Leaflet's ``fitBounds`` arithmetic in Python: the view a web map opens with, and how much of it is data.

The web map opens with ``map.fitBounds(zones, {padding})`` and fractional zoom (``zoomSnap``
:data:`ZOOM_SNAP`). This module computes the same zoom and centre as Leaflet 1.9
(``Map.getBoundsZoom`` / ``_getBoundsCenterZoom`` in Web Mercator, 256 px tiles), so a test or a
print layout can tell which part of a ``width × height`` view the zones cover without a browser.

Examples
--------
>>> v = fit_view((10.0, 63.0, 10.4, 63.2), (1200, 800))
>>> v  # the height decides: 0.2° of latitude at 63° N fill 784 px at zoom 11.28, snapped down
View(zoom=11.20, center=(10.2000, 63.1002), size=(1200, 800))
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import box

from ..core.crs import WEB_CRS

ZOOM_SNAP = 0.1  # Leaflet option zoomSnap: zoom levels in steps of a tenth
FIT_PADDING = 8  # pixels kept free on each side by fitBounds
TILE = 256
_R = 6378137.0


def lonlat_to_pixel(lon, lat, zoom: float):
    """Leaflet's ``map.project`` for EPSG:3857: global pixel coordinates at ``zoom``."""
    lon = np.asarray(lon, dtype=float)
    lat = np.clip(np.asarray(lat, dtype=float), -85.0511287798, 85.0511287798)
    x = _R * np.radians(lon)
    y = _R * np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))
    scale = TILE * 2.0 ** zoom
    # L.Transformation(0.5/(πR), 0.5, -0.5/(πR), 0.5)
    return scale * (0.5 / (math.pi * _R) * x + 0.5), scale * (-0.5 / (math.pi * _R) * y + 0.5)


def pixel_to_lonlat(px, py, zoom: float):
    """Inverse of :func:`lonlat_to_pixel`."""
    scale = TILE * 2.0 ** zoom
    x = (np.asarray(px, dtype=float) / scale - 0.5) * math.pi * _R / 0.5
    y = (np.asarray(py, dtype=float) / scale - 0.5) * math.pi * _R / -0.5
    return np.degrees(x / _R), np.degrees(2 * np.arctan(np.exp(y / _R)) - np.pi / 2)


@dataclass(frozen=True)
class View:
    """A web-map view: zoom, centre (lon, lat) and size in pixels."""

    zoom: float
    center: tuple[float, float]
    size: tuple[int, int]

    def __repr__(self) -> str:
        return f"View(zoom={self.zoom:.2f}, center=({self.center[0]:.4f}, {self.center[1]:.4f}), size={self.size})"

    def pixel_box(self):
        """The view as a shapely box in global pixel coordinates at :attr:`zoom`."""
        cx, cy = lonlat_to_pixel(self.center[0], self.center[1], self.zoom)
        w, h = self.size
        return box(float(cx) - w / 2, float(cy) - h / 2, float(cx) + w / 2, float(cy) + h / 2)


def fit_view(bounds: tuple[float, float, float, float], size: tuple[int, int], *, padding: int = FIT_PADDING,
             zoom_snap: float = ZOOM_SNAP, max_zoom: float = 18.0) -> View:
    """The view ``map.fitBounds(bounds, {padding: [p, p]})`` opens (bounds in lon/lat: w, s, e, n).

    Same steps as Leaflet 1.9 ``getBoundsZoom``: the scale that fits the bounds in the padded
    size, rounded to ``zoom_snap`` downwards (so the bounds are never cut).
    """
    w, s, e, n = bounds
    z0 = 0.0
    x0, y0 = lonlat_to_pixel(w, n, z0)
    x1, y1 = lonlat_to_pixel(e, s, z0)
    bw, bh = max(float(x1 - x0), 1e-12), max(float(y1 - y0), 1e-12)
    sw, sh = size[0] - 2 * padding, size[1] - 2 * padding
    scale = min(sw / bw, sh / bh)
    zoom = z0 + math.log2(scale)
    if zoom_snap:
        zoom = round(zoom / (zoom_snap / 100)) * (zoom_snap / 100)  # Leaflet rounds to 1/100 snap first
        zoom = math.floor(zoom / zoom_snap + 1e-9) * zoom_snap
    zoom = min(max(zoom, 0.0), max_zoom)
    px0, py0 = lonlat_to_pixel(w, s, zoom)
    px1, py1 = lonlat_to_pixel(e, n, zoom)
    lon, lat = pixel_to_lonlat((px0 + px1) / 2, (py0 + py1) / 2, zoom)
    return View(round(zoom, 6), (float(lon), float(lat)), (int(size[0]), int(size[1])))


def data_fraction(gdf: gpd.GeoDataFrame, view: View) -> float:
    """Share (0–1) of the view's pixels covered by the geometries of ``gdf``."""
    g = gdf.to_crs(WEB_CRS).geometry.union_all()

    def to_px(coords):
        x, y = lonlat_to_pixel(coords[:, 0], coords[:, 1], view.zoom)
        return np.column_stack([x, y])

    px = shapely.transform(g, to_px)
    vb = view.pixel_box()
    return float(px.intersection(vb).area / vb.area)


def web_bounds(gdf: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """(west, south, east, north) of ``gdf`` in lon/lat."""
    b = gdf.to_crs(WEB_CRS).total_bounds
    return float(b[0]), float(b[1]), float(b[2]), float(b[3])
