"""The real public files in ../shared/data/trondheim (skipped when absent)."""

from __future__ import annotations

import pytest

from ungtloft_map.core.io.vector import read_layer

pytestmark = pytest.mark.realdata


def test_trondheim_boundary(shared_data):
    layer = read_layer(shared_data / "trondheim" / "trondheim_5001_kommunegrense.geojson", "boundary")
    assert layer.gdf.crs.to_epsg() == 25832
    area_km2 = layer.gdf.area.sum() / 1e6
    assert 400 < area_km2 < 560  # Trondheim kommune (since 2020) is about 500 km²
    minx, miny, maxx, maxy = layer.gdf.total_bounds
    assert 540_000 < minx < maxx < 600_000 and 7_000_000 < miny < maxy < 7_060_000


def test_real_levekarssoner_map_zoneName(shared_data):
    layer = read_layer(shared_data / "trondheim" / "levekarssoner_sentrum_5zones.geojson", "zones",
                       field_map={"zone_id": "zoneName", "zone_name": "zoneName"})
    # The file has no id column: the mapping uses zoneName as both id and name.
    assert layer.source_crs in ("OGC:CRS84", "EPSG:4326")
    assert layer.gdf.crs.to_epsg() == 25832
    assert len(layer.gdf) == 5


def test_real_levekarssoner_areas(shared_data):
    import geopandas as gpd

    raw = gpd.read_file(shared_data / "trondheim" / "levekarssoner_sentrum_5zones.geojson")
    raw["zone_id"] = raw["zoneName"]
    raw["zone_name"] = raw["zoneName"]
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "zones.gpkg"
        raw.to_file(p, layer="zones")
        layer = read_layer(p, "zones", "zones")
    areas = layer.gdf.set_index("zone_name").area / 1e6
    assert set(areas.index) == {"Hammersborg-Trolla", "Ila", "Midtbyen", "Singsaker", "Øya-Elgeseter"}
    # Central Trondheim zones are each between ~0.3 and ~15 km².
    assert ((areas > 0.2) & (areas < 20)).all(), areas


def test_real_gtfs_is_a_readable_zip(shared_data):
    import zipfile

    with zipfile.ZipFile(shared_data / "trondheim" / "atb_entur_gtfs_2020-12-14.zip") as z:
        names = set(z.namelist())
    assert {"stops.txt", "stop_times.txt", "trips.txt"} <= names
