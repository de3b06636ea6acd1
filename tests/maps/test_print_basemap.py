"""Tiles warped to the print map's CRS: each pixel comes from the tile that covers that place."""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Transformer

from tests.maps.tile_factory import tile_colour, write_mbtiles
from ungtloft_map.maps.print_basemap import warp_tiles
from ungtloft_map.maps.tiles import MBTilesSource, tiles_for_bounds
from ungtloft_map.maps.viewfit import lonlat_to_pixel

EXTENT = (545000.0, 7015000.0, 565000.0, 7027500.0)  # the demo, EPSG:25832


@pytest.fixture()
def source(tmp_path):
    to_ll = Transformer.from_crs(25832, 4326, always_xy=True)
    lons, lats = to_ll.transform([EXTENT[0], EXTENT[2]], [EXTENT[1], EXTENT[3]])
    b = (min(lons) - 0.05, min(lats) - 0.05, max(lons) + 0.05, max(lats) + 0.05)
    tiles = [t for z in range(9, 12) for t in tiles_for_bounds(b, z)]
    with MBTilesSource(write_mbtiles(tmp_path / "k.mbtiles", tiles)) as src:
        yield src


def test_each_pixel_is_from_the_tile_under_it(source):
    img, ext = warp_tiles(source, EXTENT, 25832, width_px=400)
    assert ext == (EXTENT[0], EXTENT[2], EXTENT[1], EXTENT[3])
    assert img.shape == (250, 400, 3)
    to_ll = Transformer.from_crs(25832, 4326, always_xy=True)
    zooms = set()
    rng = np.random.default_rng(3)
    for r, c in zip(rng.integers(0, 250, 40), rng.integers(0, 400, 40)):
        x = EXTENT[0] + (c + 0.5) * (EXTENT[2] - EXTENT[0]) / 400
        y = EXTENT[3] - (r + 0.5) * (EXTENT[3] - EXTENT[1]) / 250
        lon, lat = to_ll.transform(x, y)
        z = int(img[r, c, 0]) // 10  # the tile's colour encodes its zoom ...
        px, py = lonlat_to_pixel(lon, lat, z)
        assert tuple(img[r, c]) == tile_colour(z, int(px // 256), int(py // 256))  # ... and x/y
        zooms.add(z)
    # 400 px over 20 km (44.6 km of web mercator at 63°N) is zoom 10.46: the nearest level, 10.
    assert zooms == {10}


def test_nothing_over_the_extent(tmp_path):
    with MBTilesSource(write_mbtiles(tmp_path / "k.mbtiles", [(9, 0, 0)])) as src:
        assert warp_tiles(src, EXTENT, 25832, width_px=300) is None
