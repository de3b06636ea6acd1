"""Input CRS seen in Norwegian data (2D, 3D/NN2000, compound) all end in EPSG:25832.

Also: Norwegian letters in file names, layer names and field names.
"""

from __future__ import annotations

import geopandas as gpd
import pytest
from pyproj import CRS
from shapely.geometry import Polygon, box

from tests import standard_fixtures as sf
from tests.factories import grid_zones
from ungtloft_map.core.crs import horizontal_crs, to_analysis_crs
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.landcover import read_green_areas
from ungtloft_map.core.io.ssbgrid import read_ssb_grid
from ungtloft_map.core.io.vector import read_layer

HORIZONTAL = {
    "EPSG:25832": 25832, "EPSG:25833": 25833, "EPSG:25835": 25835, "EPSG:4326": 4326,
    "EPSG:4258": 4258, "EPSG:5972": 25832, "EPSG:5973": 25833, "EPSG:5975": 25835,
    "EPSG:25832+5941": 25832, "EPSG:25833+5941": 25833, "EPSG:25835+5941": 25835,
    "EPSG:4937": 4258, "EPSG:4979": 4326,
}


@pytest.mark.parametrize("code, expected", HORIZONTAL.items())
def test_horizontal_part(code, expected):
    assert horizontal_crs(code).to_epsg() == expected


def test_horizontal_crs_refuses_nonsense():
    with pytest.raises(DataError, match="unknown coordinate reference system"):
        horizontal_crs("EPSG:99999999")


def _zones_3d(crs) -> gpd.GeoDataFrame:
    """The factory zones (1 km squares) in ``crs``, with a height on every vertex."""
    zones = grid_zones().to_crs(horizontal_crs(crs))

    def lift(poly):
        return Polygon([(x, y, 42.0) for x, y in poly.exterior.coords])

    return gpd.GeoDataFrame(zones.drop(columns="geometry"),
                            geometry=[lift(p) for p in zones.geometry], crs=CRS.from_user_input(crs))


@pytest.mark.parametrize("code", list(HORIZONTAL))
@pytest.mark.parametrize("ext", ["gpkg", "geojson"])
def test_read_layer_accepts_each_crs(tmp_path, code, ext):
    if ext == "geojson" and code in ("EPSG:4937", "EPSG:4979"):
        pytest.skip("GDAL writes 3D geographic GeoJSON as CRS84; covered by gpkg")
    path = tmp_path / f"zones.{ext}"
    _zones_3d(code).to_file(path)
    loaded = read_layer(path, "zones")
    gdf = loaded.gdf
    assert gdf.crs.to_epsg() == 25832
    assert not gdf.geometry.has_z.any()
    # the 1 km squares come back where they were, to within a few cm
    ref = grid_zones().set_index("zone_id").geometry
    for zid, geom in zip(gdf["zone_id"], gdf.geometry):
        assert geom.symmetric_difference(ref[zid]).area < 1.0, (code, zid)


def test_to_analysis_crs_needs_a_crs():
    with pytest.raises(DataError, match="no coordinate reference system"):
        to_analysis_crs(gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)]), file="x.gpkg")


def test_ssb_grid_in_compound_crs(tmp_path):
    cells = sf.ssb_cells(250)
    gdf = gpd.GeoDataFrame({"ssbid250m": [c.ssbid for c in cells], "popTot": [c.pop for c in cells]},
                           geometry=[c.polygon() for c in cells], crs="EPSG:25833+5941")
    path = tmp_path / "ruter.gpkg"
    gdf.to_file(path, layer="befolkning")
    grid = read_ssb_grid(path)
    assert grid.gdf.crs.to_epsg() == 25832 and grid.gdf["population"].sum() == 308
    assert "5973" in grid.source_crs


def test_norwegian_letters_in_file_layer_and_field_names(tmp_path):
    areas = sf.n50_areas()
    gdf = gpd.GeoDataFrame(
        {"arealtype_ø": [a.objtype for a in areas], "områdenavn": [f"Område {k}" for k in
                                                                    range(len(areas))]},
        geometry=[a.polygon() for a in areas], crs="EPSG:5973")
    path = tmp_path / "grønt_Ålesund.gpkg"
    gdf.to_file(path, layer="arealdekke_ø")
    # the generic reader
    loaded = read_layer(path, "green_areas", layer="arealdekke_ø")
    assert loaded.gdf.crs.to_epsg() == 25832 and "områdenavn" in loaded.gdf.columns
    assert loaded.layer == "arealdekke_ø"
    # the land-cover reader, told which field holds the class
    green = read_green_areas(path, layer="arealdekke_ø", class_field="arealtype_ø")
    # the 400 m² lake lies on the forest here (no hole cut), so it is a small lake in green
    assert set(green.gdf["source_class"]) == {"Skog", "ÅpentOmråde", "Myr", "Park",
                                              "SportIdrettPlass", "Innsjø"}
    assert "Område 0" in set(green.gdf["name"])
    assert green.gdf.crs.to_epsg() == 25832 and green.source_crs.startswith("EPSG:5973")
    # errors name the file, layer and field with their letters intact
    with pytest.raises(DataError) as err:
        read_layer(path, "zones", layer="arealdekke_ø")
    assert "grønt_Ålesund.gpkg" in str(err.value) and "arealdekke_ø" in str(err.value)
