"""Plan assessment: apportioning, re-aggregation from counts, green before/after, bad plans.

The hand-made municipality (all in EPSG:25832, origin X0, Y0):

* zone A = x 0–1000, zone B = x 1000–2000 (y 0–1000), each a 4 × 4 grid of 250 m cells;
  every cell of A has 100 residents, every cell of B 40 (1,600 + 640 = 2,240 residents);
* park 1: x 250–350, y 250–330 (8,000 m², qualifies as >= 5,000 m² "SSB rekreasjonsareal");
  park 2: x 1600–1700, y 600–700 (10,000 m²);
* levekår: A low_income 100 of 1,000, B 300 of 1,000; three more one-cell "zones" are not
  needed: ranks are checked on :func:`reaggregate_counts` directly.
"""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from ungtloft_map.core.analysis.apportion import apportion_population
from ungtloft_map.core.analysis.green import green_coverage
from ungtloft_map.core.analysis.housing import housing_density
from ungtloft_map.core.analysis.plan_impact import reaggregate_counts, removed_green_area
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.plans import read_plan
from ungtloft_map.core.pipeline import AnalysisSettings, ThemeResults
from ungtloft_map.core.project import Project
from ungtloft_map.core.workflows.plan import Finding, PlanAssessment, assess_plan
from ungtloft_map.core.zonetable import ColumnInfo, ZoneTable

X0, Y0 = 560_000.0, 7_030_000.0
CRS = "EPSG:25832"


def b(x0, y0, x1, y1):
    return box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


# --------------------------------------------------------------------------------------------
# the hand-made project


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny_plan")
    gpkg = folder / "t.gpkg"
    zones = gpd.GeoDataFrame({"zone_id": ["A", "B"], "zone_name": ["Alfa", "Beta"], "district_id": ["D1", "D1"]},
                             geometry=[b(0, 0, 1000, 1000), b(1000, 0, 2000, 1000)], crs=CRS)
    zones.to_file(gpkg, layer="zones")
    cells = []
    for zid, x_off, pop in (("A", 0, 100), ("B", 1000, 40)):
        for i in range(4):
            for j in range(4):
                cells.append({"ssbid": f"{zid}{i}{j}", "population": pop, "pop_0_17": pop // 4,
                              "pop_18_29": pop // 4, "pop_30_66": pop // 4, "pop_67": pop // 4, "zone_id": zid,
                              "geometry": b(x_off + 250 * i, 250 * j, x_off + 250 * (i + 1), 250 * (j + 1))})
    gpd.GeoDataFrame(cells, crs=CRS).to_file(gpkg, layer="population")
    gpd.GeoDataFrame({"green_id": ["g1", "g2"], "kind": ["park", "park"], "name": ["Park 1", "Park 2"]},
                     geometry=[b(250, 250, 350, 330), b(1600, 600, 1700, 700)], crs=CRS).to_file(gpkg, layer="green_areas")
    gpd.GeoDataFrame({"address_id": ["m1", "m2"], "units": [30, 10]},
                     geometry=[Point(X0 + 500, Y0 + 500), Point(X0 + 1500, Y0 + 500)], crs=CRS).to_file(
        gpkg, layer="municipal_housing")
    gpd.GeoDataFrame({"address_id": ["d1", "d2"], "dwellings": [600, 400], "zone_id": ["A", "B"]},
                     geometry=[Point(X0 + 510, Y0 + 500), Point(X0 + 1510, Y0 + 500)], crs=CRS).to_file(
        gpkg, layer="dwellings")
    pd.DataFrame({"zone_id": ["A", "B"], "year": [2024, 2024], "low_income_count": [100, 300],
                  "low_income_denom": [1000, 1000]}).to_csv(folder / "indicators.csv", index=False)
    layers = {r: {"path": "t.gpkg", "layer": r} for r in
              ("zones", "population", "green_areas", "municipal_housing", "dwellings")}
    (folder / "manifest.json").write_text(json.dumps(
        {"name": "Tinyvik (fiktiv)", "fictional": True, "version": "t1", "crs": CRS, "layers": layers,
         "indicators": {"path": "indicators.csv"}}), "utf-8")
    project = Project.load(folder)
    zt = project.zone_table().copy()
    zones_in = zt.gdf[["zone_id", zt.gdf.geometry.name]].reset_index(drop=True)
    # The overlays the assessment uses, built with the public functions (no clusters needed).
    themes = ThemeResults(
        zt, AnalysisSettings(),
        green=green_coverage(project.layer("population"), project.layer("green_areas"), zones_in),
        housing=housing_density(project.layer("municipal_housing"), project.layer("dwellings"),
                                project.layer("population"), zones_in),
    )
    return project, themes, folder


def plan_file(folder, name, geoms, codes, **cols):
    path = folder / f"{name}.gpkg"
    gpd.GeoDataFrame({"name": [f"Plan {name}"] * len(geoms), "arealformal": codes, **cols},
                     geometry=geoms, crs=CRS).to_file(path, layer="plan")
    return path


# --------------------------------------------------------------------------------------------
# residents


def test_apportion_population_by_area_share_worked_by_hand(tiny):
    project, themes, folder = tiny
    # The plan covers the east half of A's cell (3, 0) and the west half of B's cell (0, 0):
    # 0.5 × 100 + 0.5 × 40 = 70 residents; half of the plan lies in each zone.
    path = plan_file(folder, "edge", [b(875, 0, 1125, 250)], [1110])
    a = assess_plan(project, path, themes=themes, buffer_m=100)
    assert a.residents_plan == pytest.approx(70.0)
    assert a.age_plan["pop_0_17"] == pytest.approx(0.5 * 25 + 0.5 * 10)
    assert a.zones.loc["A", "plan_area_share"] == pytest.approx(0.5)
    assert a.zones.loc["B", "plan_area_share"] == pytest.approx(0.5)
    assert set(a.plan_zones.index) == {"A", "B"}

    cells = project.layer("population")
    frac = apportion_population(cells, b(875, 0, 1125, 250))
    assert sorted(frac[frac > 0].round(6).tolist()) == [0.5, 0.5]


def test_apportion_population_partial_cells():
    cells = gpd.GeoDataFrame(geometry=[box(0, 0, 250, 250), box(250, 0, 500, 250), box(0, 250, 250, 500)], crs=CRS)
    # a quarter of the first cell, 20 % of the second, nothing of the third
    frac = apportion_population(cells, box(125, 0, 300, 125))
    assert frac.round(6).tolist() == [0.25, 0.1, 0.0]


# --------------------------------------------------------------------------------------------
# levekår from counts


def test_reaggregate_counts_not_an_average_of_rates():
    ids = pd.Index(["A", "B", "C", "D"], name="zone_id")
    gdf = gpd.GeoDataFrame({"x_count": [10, 30, 5, 80], "x_denom": [100, 100, 100, 200],
                            "x": [10.0, 30.0, 5.0, 40.0]}, index=ids, geometry=[None] * 4)
    zt = ZoneTable(gdf, {"x": ColumnInfo("x", "X", "X", "%", direction="high_is_bad",
                                         count_col="x_count", denom_col="x_denom")}, year=2024, fictional=True)
    # half of A and all of B: (0.5·10 + 30) / (0.5·100 + 100) = 35 / 150 = 23.33 %;
    # the mean of the two rates would be 20 %, the population-weighted mean of rates 23.33 %
    # only by coincidence of equal denominators -- so also check with unequal ones below.
    r = reaggregate_counts(zt, pd.Series({"A": 0.5, "B": 1.0}))
    assert r.loc["x", "count"] == pytest.approx(35.0)
    assert r.loc["x", "denom"] == pytest.approx(150.0)
    assert r.loc["x", "rate"] == pytest.approx(100 * 35 / 150)
    # 23.3 % would fall between B (30 %) and A (10 %): only D (40 %) and B are worse -> rank 3
    assert r.loc["x", "rank"] == 3 and r.loc["x", "n_zones"] == 4
    # A quarter of D (80 of 200) and all of C (5 of 100): (20 + 5) / (50 + 100) = 16.7 %, while
    # the mean of the rates (40 %, 5 %) is 22.5 %.
    r2 = reaggregate_counts(zt, pd.Series({"C": 1.0, "D": 0.25}))
    assert r2.loc["x", "rate"] == pytest.approx(100 * 25 / 150)
    assert r2.loc["x", "rate"] != pytest.approx((40 + 5) / 2)
    assert r2.loc["x", "rank"] == 3  # D 40, B 30 worse


def test_reaggregate_high_is_good_rank():
    ids = pd.Index(["A", "B", "C"], name="zone_id")
    gdf = gpd.GeoDataFrame({"c": [90, 50, 70], "d": [100, 100, 100], "v": [90.0, 50.0, 70.0]},
                           index=ids, geometry=[None] * 3)
    zt = ZoneTable(gdf, {"v": ColumnInfo("v", "V", "V", "%", direction="high_is_good", count_col="c", denom_col="d")},
                   year=2024, fictional=True)
    r = reaggregate_counts(zt, pd.Series({"B": 1.0, "C": 1.0}))  # 120 / 200 = 60 %
    assert r.loc["v", "rate"] == pytest.approx(60.0)
    assert r.loc["v", "rank"] == 2  # only B (50 %) is worse when high is good


def test_buffer_levekar_from_counts_in_assessment(tiny):
    project, themes, folder = tiny
    path = plan_file(folder, "big", [b(250, 250, 300, 330)], [1110])
    a = assess_plan(project, path, themes=themes, buffer_m=3000)
    # the 3 km buffer holds both zones whole: (100 + 300) / (1000 + 1000) = 20 %
    assert a.zones["zone_population_share"].round(9).tolist() == [1.0, 1.0]
    assert a.residents_buffer == pytest.approx(2240.0)
    row = a.levekar.loc["low_income"]
    assert row["count"] == pytest.approx(400.0) and row["denom"] == pytest.approx(2000.0)
    assert row["rate"] == pytest.approx(20.0)
    assert row["rank"] == 2 and row["n_zones"] == 2  # B (30 %) is worse


# --------------------------------------------------------------------------------------------
# green before / after


def test_plan_removing_half_a_park_changes_coverage_as_computed_by_hand(tiny):
    project, themes, folder = tiny
    # Housing (1110) on the west half of park 1: 4,000 m² removed; the 4,000 m² left is below
    # 5 daa, so park 1 no longer qualifies.
    path = plan_file(folder, "half", [b(250, 250, 300, 330)], [1110])
    a = assess_plan(project, path, themes=themes, buffer_m=3000)
    g = a.green
    assert g.removed_m2 == pytest.approx(4000.0)
    # Cell centres within 200 m of park 1 (x 250–350, y 250–330): (125,125) 176.8 m,
    # (375,125) 127.5 m, (125,375) 132.8 m, (375,375) 51.5 m -> 4 cells × 100 = 400 residents.
    # Park 2 (x 1600–1700, y 600–700): (1625,625) inside, (1875,625) 175 m, (1625,875) 175 m
    # -> 3 cells × 40 = 120. All 2,240 residents are in the 3 km buffer.
    assert g.residents == pytest.approx(2240.0)
    assert g.covered_before == pytest.approx((400 + 120) / 2240)
    assert g.covered_after == pytest.approx(120 / 2240)
    assert g.lost_residents == pytest.approx(400.0)
    cov = next(f for f in a.findings if f.key == "green_coverage")
    assert cov.severity == "obs" and cov.marmot == ("E",)
    assert cov.value_nb.replace("\u00a0", " ") == "23 % → 5 %"


def test_green_structure_code_removes_nothing(tiny):
    project, themes, folder = tiny
    path = plan_file(folder, "park", [b(250, 250, 300, 330)], [3040])
    a = assess_plan(project, path, themes=themes, buffer_m=3000)
    assert a.green.removed_m2 == 0.0
    assert a.green.covered_after == pytest.approx(a.green.covered_before)
    plan = read_plan(path)
    assert removed_green_area(plan, project.layer("green_areas")).is_empty


def test_removed_green_override_and_units_from_file(tiny):
    project, themes, folder = tiny
    path = plan_file(folder, "units", [b(250, 250, 300, 330), b(300, 250, 350, 330)], [3040, 3040],
                     municipal_units=[5, 3], other_units=[10, 0])
    # Green-structure codes remove nothing by default; the override removes all of park 1.
    park1 = gpd.GeoDataFrame(geometry=[b(250, 250, 350, 330)], crs=CRS)
    a = assess_plan(project, path, themes=themes, buffer_m=3000, removed_green=park1)
    assert a.green.removed_m2 == pytest.approx(8000.0)
    assert a.green.covered_after == pytest.approx(120 / 2240)
    assert a.housing.add_municipal == 8 and a.housing.add_other == 10
    w = a.housing.what_if
    # zone A: 30 municipal of 600 dwellings -> (30 + 8) / (600 + 18)
    assert w.share_before == pytest.approx(5.0)
    assert w.share_after == pytest.approx(100 * 38 / 618)
    a2 = assess_plan(project, path, themes=themes, buffer_m=3000, municipal_units=0, other_units=100)
    assert (a2.housing.add_municipal, a2.housing.add_other) == (0, 100)
    assert a2.housing.what_if.share_after == pytest.approx(100 * 30 / 700)


# --------------------------------------------------------------------------------------------
# result objects and bad input


def test_repr_and_findings(tiny):
    project, themes, folder = tiny
    path = plan_file(folder, "repr", [b(250, 250, 300, 330)], [1110])
    a = assess_plan(project, path, themes=themes, buffer_m=500)
    assert isinstance(a, PlanAssessment)
    text = repr(a)
    assert "Plan repr" in text and "findings" in text
    assert all(isinstance(f, Finding) and f.severity in ("obs", "ok", "info") for f in a.findings)
    assert {f.theme for f in a.findings} >= {"population", "levekar", "green", "housing"}
    assert a.transit is None and any("transit" in en.lower() for _, en in a.notes)
    row = a.summary_row()
    assert row["file"] == "repr.gpkg" and row["zones_touched"] == len(a.zones)


def test_plan_outside_the_municipality_is_a_data_error(tiny):
    project, themes, folder = tiny
    path = plan_file(folder, "utenfor", [b(-5000, 0, -4800, 200)], [1110])
    with pytest.raises(DataError, match="outside the municipality") as err:
        assess_plan(project, path, themes=themes)
    assert "utenfor.gpkg" in str(err.value)


def test_bad_buffer_and_units(tiny):
    project, themes, folder = tiny
    path = plan_file(folder, "ok", [b(250, 250, 300, 330)], [1110])
    with pytest.raises(DataError, match="buffer"):
        assess_plan(project, path, themes=themes, buffer_m=0)
    with pytest.raises(DataError, match="municipal_units"):
        assess_plan(project, path, themes=themes, municipal_units=-3)


def test_several_separate_areas_is_a_data_error_from_read_plan(tiny):
    project, themes, folder = tiny
    # two polygons 5 km apart and no plan id tying them together
    path = folder / "two.gpkg"
    gpd.GeoDataFrame({"arealformal": [1110, 1110]}, geometry=[b(100, 100, 200, 200), b(5100, 100, 5200, 200)],
                     crs=CRS).to_file(path, layer="plan")
    with pytest.raises(DataError, match="separate areas") as err:
        assess_plan(project, path, themes=themes)
    assert "two.gpkg" in str(err.value)


def test_unclosed_ring_is_a_data_error_from_read_plan(tiny, tmp_path):
    project, themes, _ = tiny
    path = tmp_path / "open.geojson"
    path.write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "features": [{"type": "Feature", "properties": {"name": "x"}, "geometry": {
            "type": "Polygon", "coordinates": [[[X0, Y0], [X0 + 100, Y0], [X0 + 100, Y0 + 100]]]}}]}))
    with pytest.warns(RuntimeWarning), pytest.raises(DataError) as err:
        assess_plan(project, path, themes=themes)
    assert "open.geojson" in str(err.value)


# --------------------------------------------------------------------------------------------
# the demo (the session's compute_themes, conftest.demo_themes)


@pytest.fixture(scope="module")
def demo(demo_project, demo_themes):
    return demo_project, demo_themes()


def test_demo_plans(demo):
    project, themes = demo
    out = {}
    for p in project.plans:
        a = assess_plan(project, p["path"], themes=themes)
        out[a.path.name] = a
        assert a.n_zones == len(themes.zone_table)
        assert a.residents_buffer > a.residents_plan > 0
        assert a.transit is not None and np.isfinite(a.transit.dist_to_stop_m)
        # the buffer's levekår are a count ÷ denominator, never an average of zone rates
        lk = a.levekar
        assert np.allclose(lk["rate"], lk["count"] / lk["denom"] * 100)
    a, b_, c = (out["plan_a_boligfelt.geojson"], out["plan_b_park.sos"], out["plan_c_sentrum.geojson"])
    # Plan A sits in a High-High cluster among the worst zones: observations
    assert next(f for f in a.findings if f.key == "cluster").severity == "obs"
    assert next(f for f in a.findings if f.key == "zone_rank").severity == "obs"
    assert (a.housing.add_municipal, a.housing.add_other) == (48, 72)
    # Plan B builds on part of a park (SOSI 1110 over green): coverage falls
    assert b_.green.removed_m2 > 0
    assert b_.green.covered_after < b_.green.covered_before
    assert next(f for f in b_.findings if f.key == "green_coverage").severity == "obs"
    # Plan C in the centre: nothing alarming
    assert c.n_obs == 0


def test_plan_with_a_feed_but_no_destinations_assesses_stops_not_times(tmp_path):
    # A kommune's first dataset: zones and a feed only. The stop measures need no destinations, so
    # the plan gets them; the travel times are left out with a note, never shown as "over 120 min".
    from tests.factories import X0, Y0, write_subset_project

    d = write_subset_project(tmp_path / "p", gtfs=True)
    project = Project.load(d)
    plan = gpd.GeoDataFrame({"name": ["P"]}, geometry=[box(X0 + 100, Y0 + 100, X0 + 400, Y0 + 400)],
                            crs=project.zones.crs)
    path = tmp_path / "plan.geojson"
    plan.to_file(path, driver="GeoJSON")
    a = assess_plan(project, path)
    assert a.transit is not None and not a.transit.times_assessed
    assert a.transit.dist_to_stop_m < 1000 and a.transit.departures_per_hour > 0
    keys = {f.key for f in a.findings if f.theme == "transit"}
    assert keys == {"stop_distance", "departures"}
    assert any("mangler målpunkter" in nb for nb, _ in a.notes)
