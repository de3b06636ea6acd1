"""read_layer: CRS checks, required fields, duplicate ids, repair, bad files."""

from __future__ import annotations

import json
import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import Polygon, box

from tests.factories import grid_zones
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.vector import read_layer


def test_reads_and_keeps_25832(tmp_path):
    p = tmp_path / "z.gpkg"
    grid_zones().to_file(p, layer="zones")
    loaded = read_layer(p, "zones", "zones")
    assert loaded.gdf.crs.to_epsg() == 25832
    assert len(loaded.gdf) == 6
    assert loaded.warnings == []
    assert "features=6" in repr(loaded)


def test_reprojects_geographic_to_25832(tmp_path):
    p = tmp_path / "z.geojson"
    grid_zones().to_crs(4326).to_file(p)
    loaded = read_layer(p, "zones")
    assert loaded.gdf.crs.to_epsg() == 25832
    assert loaded.source_crs.startswith("EPSG:4326")
    assert abs(loaded.gdf.geometry.area.iloc[0] - 1e6) < 50  # a 1 km square survives the round trip


def test_geojson_without_crs_is_refused(tmp_path):
    # A GeoJSON with projected coordinates and no crs member: GDAL would assume WGS84.
    feat = {"type": "Feature", "properties": {"zone_id": "a", "zone_name": "A"},
            "geometry": {"type": "Polygon", "coordinates": [[[560000, 7030000], [561000, 7030000],
                                                             [561000, 7031000], [560000, 7030000]]]}}
    p = tmp_path / "nocrs.geojson"
    p.write_text(json.dumps({"type": "FeatureCollection", "features": [feat]}))
    with pytest.raises(DataError) as err:
        read_layer(p, "zones")
    assert "nocrs.geojson" in str(err.value)


def test_shapefile_without_prj(tmp_path):
    p = tmp_path / "zones.shp"
    grid_zones().to_file(p)
    p.with_suffix(".prj").unlink()
    with pytest.raises(DataError) as err:
        read_layer(p, "zones")
    assert ".prj" in str(err.value) and "zones.shp" in str(err.value)


def test_missing_zone_id_names_the_field(tmp_path):
    p = tmp_path / "z.gpkg"
    grid_zones().drop(columns="zone_id").to_file(p, layer="zones")
    with pytest.raises(DataError) as err:
        read_layer(p, "zones", "zones")
    msg = str(err.value)
    assert "z.gpkg" in msg and "layer 'zones'" in msg and "field 'zone_id'" in msg


def test_duplicate_ids(tmp_path):
    z = grid_zones()
    z.loc[1, "zone_id"] = z.loc[0, "zone_id"]
    p = tmp_path / "z.gpkg"
    z.to_file(p, layer="zones")
    with pytest.raises(DataError, match="duplicate ids: Z00"):
        read_layer(p, "zones", "zones")


def test_self_intersecting_polygon_is_repaired_with_warning(tmp_path):
    z = grid_zones()
    x, y = 560000, 7030000
    z.loc[0, "geometry"] = Polygon([(x, y), (x + 1000, y + 1000), (x + 1000, y), (x, y + 1000)])  # bow-tie
    p = tmp_path / "z.gpkg"
    z.to_file(p, layer="zones")
    loaded = read_layer(p, "zones", "zones")
    assert loaded.gdf.is_valid.all()
    assert loaded.gdf.geom_type.iloc[0] in ("Polygon", "MultiPolygon")
    assert any("repaired" in str(w) for w in loaded.warnings)


def test_empty_layer(tmp_path):
    p = tmp_path / "z.gpkg"
    grid_zones().iloc[:0].to_file(p, layer="zones")
    with pytest.raises(DataError, match="empty"):
        read_layer(p, "zones", "zones")


def test_corrupt_zip(tmp_path):
    p = tmp_path / "zones.zip"
    p.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(DataError, match="zip"):
        read_layer(p, "zones")


def test_corrupt_gpkg(tmp_path):
    p = tmp_path / "z.gpkg"
    p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    with pytest.raises(DataError) as err:
        read_layer(p, "zones", "zones")
    assert "z.gpkg" in str(err.value)


def test_missing_layer_lists_available(tmp_path):
    p = tmp_path / "z.gpkg"
    grid_zones().to_file(p, layer="zones")
    with pytest.raises(DataError, match="the file has: zones"):
        read_layer(p, "zones", "sones")


def test_negative_population(tmp_path):
    g = gpd.GeoDataFrame({"population": [5, -3]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs=25832)
    g = g.translate(560000, 7030000).to_frame("geometry").assign(population=[5, -3])
    g = gpd.GeoDataFrame(g, crs=25832)
    p = tmp_path / "pop.gpkg"
    g.to_file(p, layer="population")
    with pytest.raises(DataError, match="field 'population', row 2: negative"):
        read_layer(p, "population", "population")


def test_wrong_geometry_type(tmp_path):
    g = grid_zones()
    g["geometry"] = g.geometry.centroid
    p = tmp_path / "z.gpkg"
    g.to_file(p, layer="zones")
    with pytest.raises(DataError, match="Point is not allowed"):
        read_layer(p, "zones", "zones")


def test_declared_wrong_crs_is_caught(tmp_path):
    # UTM coordinates labelled as WGS84: reprojection gives nonsense far from Norway.
    g = grid_zones().set_crs(4326, allow_override=True)
    p = tmp_path / "z.gpkg"
    g.to_file(p, layer="zones")
    with pytest.raises(DataError):
        read_layer(p, "zones", "zones")


def test_zipped_shapefile(tmp_path):
    shp = tmp_path / "zones.shp"
    grid_zones().to_file(shp)
    zp = tmp_path / "zones.zip"
    with zipfile.ZipFile(zp, "w") as z:
        for f in tmp_path.glob("zones.*"):
            if f.suffix != ".zip":
                z.write(f, f.name)
    assert len(read_layer(zp, "zones").gdf) == 6


def test_missing_field_message_names_a_field_with_a_line_break_on_one_line(tmp_path):
    # a GeoJSON property name with a line break made the CLI's one error line two
    path = tmp_path / "zones.geojson"
    ring = [[565000, 7030000], [565100, 7030000], [565100, 7030100], [565000, 7030000]]
    path.write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "features": [{"type": "Feature", "properties": {"sone\nid": "a"},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}}]}))
    with pytest.raises(DataError, match="required field is missing") as err:
        read_layer(path, "zones")
    assert "\n" not in str(err.value) and "sone id" in str(err.value)
