"""Any subset of a kommune's files works: each result is computed or named as not computed.

Datasets from :func:`tests.factories.write_subset_project`: six 1 km square zones (3 × 2) with
only some of the inputs. Values are checked against numbers worked out by hand.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.factories import write_subset_project
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.pipeline import AnalysisSettings, compute_themes
from ungtloft_map.core.project import Project

FAST = AnalysisSettings(compute_clusters=False)


def _load(tmp_path, **kw) -> Project:
    return Project.load(write_subset_project(tmp_path / "data", **kw))


def test_zones_only(tmp_path):
    p = _load(tmp_path)
    res = compute_themes(p, settings=AnalysisSettings())
    nc = res.not_computed
    assert nc["levekar"].needs == ("indicators",)
    assert set(nc["green"].needs) == {"population", "green_areas"}
    assert nc["transit"].needs == ("gtfs",)
    assert nc["index"].needs == ("index_inputs",)
    assert nc["clusters"].needs == ("index",)
    assert "composite_score" not in res.zone_table.gdf.columns
    en = res.describe_not_computed("en")
    assert "Transit access: not computed – needs a GTFS feed" in en
    assert "Kollektivtilgang: ikke beregnet – mangler GTFS-rutedata" in res.describe_not_computed("nb")
    # the window's status line reads ``errors``: it says the same
    assert res.errors["transit"] == nc["transit"].text("nb")


def test_zones_and_gtfs_give_stop_measures_on_a_grid_over_the_zones(tmp_path):
    p = _load(tmp_path, gtfs=True)
    res = compute_themes(p, settings=FAST)
    gdf, info = res.zone_table.gdf, res.zone_table.info
    # stops with departures at the centres of Z00, Z01, Z02 (the terminus east of Z02 has none)
    near, far = gdf.loc[["Z00", "Z01", "Z02"]], gdf.loc[["Z10", "Z11", "Z12"]]
    # mean distance from a 1 km square to its centre is 383 m (~ 0.3826 × side)
    assert np.allclose(near["dist_to_stop_m"], 383, atol=15), near["dist_to_stop_m"]
    assert (far["dist_to_stop_m"] > 900).all()
    # a bus every 10 minutes: 6 per hour wherever a stop is within 500 m, 0 elsewhere
    assert ((near["departures_per_hour_500m"] > 2) & (near["departures_per_hour_500m"] <= 6)).all()
    assert (far["departures_per_hour_500m"] < near["departures_per_hour_500m"].min()).all()
    assert "250 m-rutenett over sonene" in info["dist_to_stop_m"].definition_nb
    assert "250 m grid over the zones" in info["departures_per_hour_500m"].definition_en
    assert res.not_computed["transit_time_centre"].needs == ("destinations",)
    assert "time_to_centre_min" not in gdf.columns
    assert res.not_computed["sdg_11_2_1"].needs == ("population",)
    # the index is made of the measures that exist
    assert gdf["composite_score"].notna().all()
    assert list(res.index.theme_scores.columns) == ["transit"]
    assert "index" not in res.not_computed


def test_population_grid_without_zone_id_is_apportioned_by_area(tmp_path):
    p = _load(tmp_path, population="grid")
    cells = p.layer("population")
    assert "zone_id" not in cells.columns
    zt = p.zone_table()
    # 250 m cells shifted 125 m: the outer row and column lie half outside the zones
    a = np.arange(13)[:, None]
    b = np.arange(9)[None, :]
    pop = 10 + (a * b) % 7
    share = np.where((a == 0) | (a == 12), 0.5, 1.0) * np.where((b == 0) | (b == 8), 0.5, 1.0)
    expected = float((pop * share).sum())
    assert zt.gdf["population"].sum() == round(expected)
    assert any("apportioned to the zones by the share of each cell's area" in w.message for w in p.warnings)
    assert not any("coarse" in w.message for w in p.warnings)  # 250 m cells, 1 km² zones


def test_1km_grid_over_small_zones_loses_no_one(tmp_path):
    p = _load(tmp_path, population="grid_1km")
    pop = p.zone_table().gdf["population"]
    # zone Z{j}{i} gets half of 1 km cells i and i + 1 of row j (cell k holds 100 (k + 1) + j)
    assert pop.to_dict() == {"Z00": 150, "Z01": 250, "Z02": 350, "Z10": 151, "Z11": 251, "Z12": 351}
    # the grid's total over the zones' area: the western and eastern cells are half outside
    assert pop.sum() == 2004 - (100 + 400 + 101 + 401) / 2
    coarse = [w for w in p.warnings if "coarse" in w.message]
    assert coarse and "1 km" in coarse[0].message and coarse[0].layer == "population"


def test_population_grid_in_epsg_25833(tmp_path):
    ref = _load(tmp_path / "a", population="grid").zone_table().gdf["population"]
    p = _load(tmp_path / "b", population="grid_25833")
    assert p.layers["population"].source_crs.endswith("25833")
    pop = p.zone_table().gdf["population"]
    # the same cells, reprojected: slightly turned, so the shares move by a fraction
    assert np.allclose(pop, ref, rtol=0.02), (pop, ref)
    assert abs(pop.sum() - ref.sum()) <= 0.005 * ref.sum()


def test_ssb_gml_1km_grid_in_25833_over_half_cell_zones(tmp_path):
    """SSB's grid as Geonorge publishes it (GML, EPSG:25833, no zone id) under zones of half a cell."""
    import json

    from tests.standard_fixtures import ssb_cells, write_ssb_gml, write_zones_over_grid

    grid, zones = write_ssb_gml(tmp_path, 1000), write_zones_over_grid(tmp_path)
    manifest = {"name": "SSB", "layers": {
        "zones": {"path": zones.name, "fields": {"zone_id": "sone_id", "zone_name": "sonenavn"}},
        "population": {"path": grid.name, "fields": {"population": "popTot"}}}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    p = Project.load(tmp_path)
    pop = p.zone_table().gdf["population"]
    cells = ssb_cells(1000)  # 2 × 2 cells of 1 km; zone k covers the west or east half of one
    for k, zid in enumerate(pop.index):
        cell = cells[(k % 4) // 2 + 2 * (k // 4)]
        assert abs(pop[zid] - cell.pop / 2) <= 0.5, (zid, pop[zid], cell.pop)
    assert pop.sum() == sum(c.pop for c in cells)  # nobody lost, nobody counted twice
    coarse = [w.message for w in p.warnings if "coarse" in w.message]
    assert coarse and "about 1 km across" in coarse[0]


def test_cells_with_zone_id_are_taken_as_they_are(tmp_path):
    p = _load(tmp_path, population="zoned")
    assert (p.zone_table().gdf["population"] == 160).all()
    assert not any("apportioned" in w.message for w in p.warnings)


def test_population_and_gtfs_weigh_stop_measures_by_residents(tmp_path):
    p = _load(tmp_path, population="grid", gtfs=True, destinations=True)
    res = compute_themes(p, settings=FAST)
    gdf, info = res.zone_table.gdf, res.zone_table.info
    assert "befolkningsvektet" in info["dist_to_stop_m"].definition_nb
    assert gdf["time_to_centre_min"].notna().any() and gdf["time_to_school_min"].notna().any()
    assert gdf["sdg_11_2_1"].between(0, 100).all()
    assert gdf.loc["Z01", "sdg_11_2_1"] > 50 > gdf.loc["Z11", "sdg_11_2_1"]
    assert {"transit", "transit_time_centre", "sdg_11_2_1"}.isdisjoint(res.not_computed)


def test_everything_given(tmp_path):
    p = _load(tmp_path, population="grid", gtfs=True, destinations=True, indicators=True, green=True,
              housing=True)
    res = compute_themes(p, settings=FAST)
    assert res.not_computed == {}
    gdf = res.zone_table.gdf
    for col in ("low_income", "green_covered_pct", "green_covered_pct_ssb_narturterreng",
                "green_covered_pct_who", "sdg_11_2_1", "sdg_11_7_1", "dwellings_outdoor_access",
                "municipal_share", "municipal_per_1000", "dist_to_stop_m", "time_to_centre_min",
                "composite_score"):
        assert gdf[col].notna().any(), col
    assert set(res.index.theme_scores.columns) == {"levekar", "green", "transit", "housing"}
    # the small park (4 daa) is too small for WHO's 1 ha and SSB's 5 daa; the forest (1 km²)
    # counts for both, but only nærturterreng (200 daa) needs that size
    assert gdf.loc["Z12", "green_covered_pct_ssb_narturterreng"] == 100
    assert gdf.loc["Z00", "green_covered_pct_ssb_narturterreng"] == 0


def test_housing_without_population_gives_shares_not_rates_per_resident(tmp_path):
    p = _load(tmp_path, housing=True, green=True)
    res = compute_themes(p, settings=FAST)
    gdf = res.zone_table.gdf
    # 13 × 15 address points of 4 dwellings; 26 municipal units in Z00 (6 + 8) and Z01 (12)
    assert gdf["dwellings"].sum() == 15 * 13 * 4
    assert gdf["municipal_units"].sum() == 26
    assert "municipal_per_1000" not in gdf.columns
    assert res.not_computed["housing_per_1000"].needs == ("population",)
    assert set(res.not_computed["sdg_11_7_1"].needs) == {"population"}
    assert gdf["dwellings_outdoor_access"].notna().all()


def test_population_field_with_text_names_file_layer_and_field(tmp_path):
    import geopandas as gpd

    folder = write_subset_project(tmp_path / "data", population="grid")
    pop = gpd.read_file(folder / "data.gpkg", layer="population")
    pop["population"] = pop["population"].astype(str)
    pop.loc[3, "population"] = "mange"
    pop.to_file(folder / "data.gpkg", layer="population", driver="GPKG")
    with pytest.raises(DataError) as err:
        Project.load(folder)
    msg = str(err.value)
    assert "data.gpkg" in msg and "layer 'population'" in msg and "field 'population'" in msg
    assert "'mange'" in msg and "row 4" in msg


def test_gtfs_date_the_feed_does_not_cover_says_which_dates_it_covers(tmp_path):
    p = _load(tmp_path, gtfs=True)
    with pytest.raises(DataError) as err:
        compute_themes(p, settings=AnalysisSettings(transit_date="2025-03-04", compute_clusters=False))
    msg = str(err.value)
    assert "gtfs.zip" in msg and "2025-03-04" in msg and "2024-01-01 to 2024-12-31" in msg


def test_zones_in_degrees_labelled_25833_are_refused(tmp_path):
    import json

    import geopandas as gpd

    folder = write_subset_project(tmp_path / "data")
    zones = gpd.read_file(folder / "data.gpkg", layer="zones").to_crs(4326)
    zones = zones.set_crs(25833, allow_override=True)  # the label is wrong, the numbers degrees
    zones.to_file(folder / "wrong.geojson", driver="GeoJSON")
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    manifest["layers"]["zones"] = {"path": "wrong.geojson"}
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(DataError) as err:
        Project.load(folder)
    msg = str(err.value)
    assert "wrong.geojson, layer 'wrong'" in msg
    assert "look like degrees" in msg and "EPSG:25833" in msg and "EPSG:4326" in msg
