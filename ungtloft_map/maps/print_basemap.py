"""A raster background map for the printed page: web-mercator tiles warped to the map's CRS.

The print map is drawn in the data's projected CRS (EPSG:25832); tiles are web mercator. The
tiles covering the map's extent are stitched at the zoom whose resolution matches the print
(about 150 dpi on paper), then resampled (nearest neighbour) onto a regular grid in the map CRS
with pyproj, so the image lines up with the vector layers drawn over it. Only the background is
raster; zones, lines and text stay vector.

Examples
--------
>>> from ungtloft_map.maps.tiles import open_tile_source  # doctest: +SKIP
>>> img, extent = warp_tiles(open_tile_source("kart.mbtiles"), (545000, 7015000, 565000, 7027500), 25832, 1600)  # doctest: +SKIP
"""

from __future__ import annotations

import io
import math

import numpy as np

from .tiles import TILE_SIZE, tiles_for_bounds
from .viewfit import lonlat_to_pixel

MAX_TILES = 256


def _zoom_for(extent, crs, width_px: int, source) -> int:
    from pyproj import Transformer

    x0, y0, x1, y1 = extent
    to_ll = Transformer.from_crs(crs, 4326, always_xy=True)
    lon0, lat0 = to_ll.transform(x0, (y0 + y1) / 2)
    lon1, _ = to_ll.transform(x1, (y0 + y1) / 2)
    # Pixels across at zoom 0, then the zoom that gives ``width_px``.
    px0, _ = lonlat_to_pixel(lon0, lat0, 0)
    px1, _ = lonlat_to_pixel(lon1, lat0, 0)
    z = math.log2(width_px / max(float(px1 - px0), 1e-9))
    return int(min(max(round(z), source.min_zoom), source.max_zoom))


def warp_tiles(source, extent: tuple[float, float, float, float], crs, width_px: int = 1600):
    """(RGB image array, extent) of ``source``'s tiles resampled to ``extent`` in ``crs``.

    ``None`` when the source has no tile over the extent.
    """
    from PIL import Image
    from pyproj import Transformer

    x0, y0, x1, y1 = extent
    to_ll = Transformer.from_crs(crs, 4326, always_xy=True)
    lons, lats = to_ll.transform([x0, x1, x0, x1], [y0, y0, y1, y1])
    bounds = (min(lons), min(lats), max(lons), max(lats))
    z = _zoom_for(extent, crs, width_px, source)
    while z > source.min_zoom and len(tiles_for_bounds(bounds, z)) > MAX_TILES:
        z -= 1
    tiles = tiles_for_bounds(bounds, z)
    xs = [t[1] for t in tiles]
    ys = [t[2] for t in tiles]
    tx0, ty0 = min(xs), min(ys)
    mosaic = np.full(((max(ys) - ty0 + 1) * TILE_SIZE, (max(xs) - tx0 + 1) * TILE_SIZE, 3), 255, dtype=np.uint8)
    found = 0
    for _, x, y in tiles:
        data = source.get_tile(z, x, y)
        if data is None:
            continue
        try:
            img = Image.open(io.BytesIO(data)).convert("RGB")
        except OSError:
            continue
        if img.size != (TILE_SIZE, TILE_SIZE):
            img = img.resize((TILE_SIZE, TILE_SIZE))
        mosaic[(y - ty0) * TILE_SIZE:(y - ty0 + 1) * TILE_SIZE, (x - tx0) * TILE_SIZE:(x - tx0 + 1) * TILE_SIZE] = np.asarray(img)
        found += 1
    if not found:
        return None
    height_px = max(1, int(round(width_px * (y1 - y0) / (x1 - x0))))
    gx = x0 + (np.arange(width_px) + 0.5) * (x1 - x0) / width_px
    gy = y1 - (np.arange(height_px) + 0.5) * (y1 - y0) / height_px  # top row first
    mx, my = np.meshgrid(gx, gy)
    lon, lat = to_ll.transform(mx, my)
    px, py = lonlat_to_pixel(lon, lat, z)
    col = np.clip((px - tx0 * TILE_SIZE).astype(int), 0, mosaic.shape[1] - 1)
    row = np.clip((py - ty0 * TILE_SIZE).astype(int), 0, mosaic.shape[0] - 1)
    return mosaic[row, col], (x0, x1, y0, y1)
