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


def _trondheim_dataset(folder, data, *, gtfs=True):
    """The real files as a user's partial dataset (zones + boundary [+ the AtB feed])."""
    import json

    d = data / "trondheim"
    manifest = {"name": "Trondheim sentrum (ekte soner)", "fictional": False, "format_version": 1,
                "layers": {"zones": {"path": str(d / "levekarssoner_sentrum_5zones.geojson"),
                                     "fields": {"zone_id": "zoneName", "zone_name": "zoneName"}},
                           "boundary": {"path": str(d / "trondheim_5001_kommunegrense.geojson")}}}
    if gtfs:
        manifest["gtfs"] = {"path": str(d / "atb_entur_gtfs_2020-12-14.zip")}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    return folder


@pytest.fixture(scope="module")
def trondheim_themes(shared_data, tmp_path_factory):
    from ungtloft_map.core.pipeline import AnalysisSettings, compute_themes
    from ungtloft_map.core.project import Project

    p = Project.load(_trondheim_dataset(tmp_path_factory.mktemp("trd"), shared_data))
    return p, compute_themes(p, settings=AnalysisSettings(compute_clusters=False))


def test_transit_access_of_the_five_central_zones(trondheim_themes):
    _, res = trondheim_themes
    gdf = res.zone_table.gdf
    assert len(gdf) == 5
    # central Trondheim: a stop within a few hundred metres everywhere
    assert (gdf["dist_to_stop_m"] < 400).all(), gdf["dist_to_stop_m"]
    # area-weighted over a 250 m grid (no population layer): Midtbyen and Øya-Elgeseter are on
    # the trunk lines; Hammersborg-Trolla takes in the wooded slopes above Trolla
    dep = gdf["departures_per_hour_500m"]
    assert (dep > 15).all() and dep.median() > 20, dep
    assert dep["Midtbyen"] > 100 and dep["Midtbyen"] == dep.max()
    assert "250 m grid over the zones" in res.zone_table.info["dist_to_stop_m"].definition_en
    assert res.transit.date == "2020-08-18"  # the first regular Tuesday the feed covers


def test_trondheim_subset_says_what_is_not_computed(trondheim_themes):
    _, res = trondheim_themes
    nc = res.not_computed
    assert nc["levekar"].needs == ("indicators",)
    assert nc["transit_time_centre"].needs == ("destinations",)
    assert nc["sdg_11_2_1"].needs == ("population",)
    assert "index" not in nc and res.zone_table.gdf["composite_score"].notna().all()


def test_a_date_the_atb_feed_does_not_cover(shared_data, tmp_path):
    from ungtloft_map.core.errors import DataError
    from ungtloft_map.core.pipeline import AnalysisSettings, compute_themes
    from ungtloft_map.core.project import Project

    p = Project.load(_trondheim_dataset(tmp_path, shared_data))
    with pytest.raises(DataError) as err:
        compute_themes(p, settings=AnalysisSettings(transit_date="2024-03-05", compute_clusters=False))
    msg = str(err.value)
    assert "atb_entur_gtfs_2020-12-14.zip" in msg and "2020-08-04 to 2021-07-02" in msg


@pytest.mark.parametrize("gtfs", [False, True], ids=["zones", "zones+feed"])
def test_every_command_on_the_real_files(shared_data, tmp_path, capsys, gtfs):
    import geopandas as gpd
    import pandas as pd

    from ungtloft_map.cli import main
    from ungtloft_map.core.project import Project

    d = _trondheim_dataset(tmp_path / "ds", shared_data, gtfs=gtfs)
    assert main(["--project", str(d), "--selftest"]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["export-zones", "--project", str(d), "--themes", "--out", str(d / "z.csv")]) == 0
    z = pd.read_csv(d / "z.csv", encoding="utf-8-sig")
    assert len(z) == 5 and ("dist_to_stop_m" in z.columns) == gtfs
    assert main(["export-map", "--project", str(d), "--out", str(d / "m.html")]) == 0
    assert main(["rank", "--project", str(d), "--out", str(d / "r.csv")]) == 0
    assert pd.read_csv(d / "r.csv", encoding="utf-8-sig")["rank"].notna().all() == gtfs
    midtbyen = Project.load(d).zones.loc["Midtbyen"].geometry.representative_point()
    plan = tmp_path / "plan.geojson"
    gpd.GeoDataFrame({"plan_id": ["T1"], "name": ["Plan i Midtbyen"]}, geometry=[midtbyen.buffer(60)],
                     crs=25832).to_file(plan)
    assert main(["report", "--plan", str(plan), "--project", str(d), "--out", str(d / "r.html")]) == 0
    assert "Plan i Midtbyen" in (d / "r.html").read_text("utf-8")
    assert "Traceback" not in capsys.readouterr().err
