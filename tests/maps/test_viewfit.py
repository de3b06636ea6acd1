"""Leaflet's fitBounds arithmetic in Python and the share of the view that is data.

The page itself is checked against this in test_web_map_page.py (zoom equal, pixels counted)."""

from __future__ import annotations

import math

import geopandas as gpd
import pytest
from shapely.geometry import box

from ungtloft_map.core.project import Project
from ungtloft_map.maps.viewfit import (
    FIT_PADDING,
    ZOOM_SNAP,
    data_fraction,
    fit_view,
    lonlat_to_pixel,
    pixel_to_lonlat,
    web_bounds,
)
from ungtloft_map.maps.zonemap import build_zone_map


@pytest.fixture(scope="module")
def zones():
    return Project.demo().zones


def test_projection_round_trip_and_known_values():
    x, y = lonlat_to_pixel(0.0, 0.0, 0)
    assert (float(x), float(y)) == pytest.approx((128.0, 128.0))
    x, y = lonlat_to_pixel(10.4, 63.43, 12)
    assert (int(x // 256), int(y // 256)) == (2166, 1107)  # the OSM tile over Trondheim sentrum
    lon, lat = pixel_to_lonlat(x, y, 12)
    assert (float(lon), float(lat)) == pytest.approx((10.4, 63.43))


def test_zoom_is_the_largest_snapped_zoom_that_fits():
    bounds = (10.0, 63.0, 10.4, 63.2)
    v = fit_view(bounds, (1200, 800))
    x0, y0 = lonlat_to_pixel(bounds[0], bounds[3], v.zoom)
    x1, y1 = lonlat_to_pixel(bounds[2], bounds[1], v.zoom)
    assert x1 - x0 <= 1200 - 2 * FIT_PADDING + 1e-6 and y1 - y0 <= 800 - 2 * FIT_PADDING + 1e-6
    x0, y0 = lonlat_to_pixel(bounds[0], bounds[3], v.zoom + ZOOM_SNAP)
    x1, y1 = lonlat_to_pixel(bounds[2], bounds[1], v.zoom + ZOOM_SNAP)
    assert x1 - x0 > 1200 - 2 * FIT_PADDING or y1 - y0 > 800 - 2 * FIT_PADDING
    assert abs(v.zoom * 10 - round(v.zoom * 10)) < 1e-6
    assert v.center == pytest.approx((10.2, 63.1), abs=0.01)


def test_fraction_of_a_box_that_fills_the_view():
    gdf = gpd.GeoDataFrame(geometry=[box(10.0, 63.0, 10.4, 63.2)], crs=4326)
    v = fit_view(web_bounds(gdf), (1200, 800), padding=0, zoom_snap=0)
    # The box touches two sides of the view exactly: fraction = its other side's share.
    x0, y0 = lonlat_to_pixel(10.0, 63.2, v.zoom)
    x1, y1 = lonlat_to_pixel(10.4, 63.0, v.zoom)
    assert data_fraction(gdf, v) == pytest.approx((x1 - x0) * (y1 - y0) / (1200 * 800), rel=1e-6)


@pytest.mark.parametrize("size", [(1200, 800), (1000, 800), (1366, 600), (900, 700)])
def test_demo_zones_fill_half_the_view_with_fractional_zoom(zones, size):
    frac = data_fraction(zones, fit_view(web_bounds(zones), size))
    assert frac >= 0.5


def test_whole_zoom_levels_would_waste_the_view(zones):
    """Why zoomSnap 0.1: with whole zoom levels the demo fills under a third of a 1000×800 view."""
    whole = data_fraction(zones, fit_view(web_bounds(zones), (1000, 800), zoom_snap=1))
    tenth = data_fraction(zones, fit_view(web_bounds(zones), (1000, 800)))
    assert whole < 0.3 < 0.5 <= tenth


def test_page_uses_the_same_snap_and_padding(tiny_project_dir):
    html = build_zone_map(Project.load(tiny_project_dir).zone_table(), "low_income").html()
    assert '"zoomSnap": 0.1' in html
    assert f"padding: [{FIT_PADDING}, {FIT_PADDING}]" in html


@pytest.mark.realdata
def test_trondheim_gets_what_its_shape_allows(shared_data):
    """Trondheim's boundary fills under half of its own (square) bounding box, so a 3:2 view cannot
    be half data; the fit must still come within 10 % of the best any zoom could do."""
    g = gpd.read_file(shared_data / "trondheim" / "trondheim_5001_kommunegrense.geojson")
    best = data_fraction(g, fit_view(web_bounds(g), (1200, 800), padding=0, zoom_snap=0))
    got = data_fraction(g, fit_view(web_bounds(g), (1200, 800)))
    assert got >= 0.9 * best
    assert math.isclose(best, 0.33, abs_tol=0.05)
