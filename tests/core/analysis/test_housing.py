"""Municipal housing density: hand-worked cases, brute force, what-if, export and bad input."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from tests.factories import gdf, read_demo_layers
from ungtloft_map.core.analysis.housing import (
    ConcentrationResult,
    HousingDensityResult,
    WhatIf,
    aggregate_for_export,
    concentration_around,
    housing_density,
    what_if,
)
from ungtloft_map.core.errors import DataError


@pytest.fixture
def layers():
    """Three 1 km² zones in a row: a (dense municipal), b (some), c (no dwellings)."""
    zones = gdf([box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000), box(2000, 0, 3000, 1000)],
                zone_id=["a", "b", "c"], zone_name=["A", "B", "C"])
    municipal = gdf([Point(100, 100), Point(300, 300), Point(1500, 500)],
                    address_id=["x1", "x2", "x3"], units=[10, 20, 6])
    dwellings = gdf([Point(200, 200), Point(700, 700), Point(1200, 200)],
                    dwellings=[100, 100, 120], zone_id=["a", "a", "b"])
    population = gdf([box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000), box(2000, 0, 3000, 1000)],
                     population=[400, 300, 0], zone_id=["a", "b", "c"])
    return municipal, dwellings, population, zones


# ------------------------------------------------------------------------------------------
# housing_density


def test_hand_worked_zone_figures(layers):
    res = housing_density(*layers)
    pz = res.per_zone
    assert list(pz.index) == ["a", "b", "c"]
    assert pz.loc["a", "municipal_units"] == 30 and pz.loc["a", "dwellings"] == 200
    assert pz.loc["a", "municipal_share"] == pytest.approx(15.0)
    assert pz.loc["a", "municipal_per_1000"] == pytest.approx(75.0)
    assert pz.loc["a", "municipal_per_km2"] == pytest.approx(30.0)
    assert pz.loc["b", "municipal_share"] == pytest.approx(5.0)
    assert pz.loc["b", "municipal_per_1000"] == pytest.approx(20.0)
    assert pz.loc["a", "zone_name"] == "A"
    assert res.area_basis == "zone land area"


def test_zone_without_dwellings_is_nan_with_a_warning_not_zero(layers):
    res = housing_density(*layers)
    assert np.isnan(res.per_zone.loc["c", "municipal_share"])
    assert np.isnan(res.per_zone.loc["c", "municipal_per_1000"])  # nobody lives there either
    assert res.per_zone.loc["c", "municipal_per_km2"] == 0  # area is known: 0 per km² is true
    msgs = " ".join(str(w) for w in res.warnings)
    assert "no dwellings (c)" in msgs and "no residents (c)" in msgs


def test_totals_sum_counts_then_divide(layers):
    res = housing_density(*layers)
    t = res.totals
    assert t["municipal_units"] == 36 and t["dwellings"] == 320 and t["population"] == 700
    assert t["municipal_share"] == pytest.approx(36 / 320 * 100)
    # Not the mean of the zone shares (15 % and 5 %).
    assert t["municipal_share"] != pytest.approx(10.0)
    assert t["municipal_per_1000"] == pytest.approx(36 / 700 * 1000)
    assert t["municipal_per_km2"] == pytest.approx(36 / 3)
    assert "36 municipal of 320 dwellings" in repr(res)
    assert isinstance(res, HousingDensityResult)


def test_points_outside_every_zone_are_dropped_with_a_warning(layers):
    municipal, dwellings, population, zones = layers
    municipal = pd.concat([municipal, gdf([Point(5000, 5000), Point(-10, 0)], units=[8, 2])],
                          ignore_index=True)
    res = housing_density(municipal, dwellings, population, zones)
    assert res.totals["municipal_units"] == 36
    msg = [str(w) for w in res.warnings if "outside every zone" in str(w)]
    assert len(msg) == 1 and "2 point(s) (10 units)" in msg[0]


def test_point_on_a_shared_edge_is_counted_once(layers):
    municipal, dwellings, population, zones = layers
    municipal = gdf([Point(1000, 500)], units=[7])
    res = housing_density(municipal, dwellings, population, zones)
    assert res.per_zone["municipal_units"].sum() == 7
    assert res.per_zone.loc["a", "municipal_units"] == 7  # the first zone


def test_dwellings_as_a_plain_table_per_zone(layers):
    municipal, _, population, zones = layers
    table = pd.DataFrame({"zone_id": ["a", "b", "zz"], "dwellings": [200, 120, 9]})
    res = housing_density(municipal, table, population, zones)
    assert res.per_zone.loc["a", "municipal_share"] == pytest.approx(15.0)
    assert any("not among the zones" in str(w) for w in res.warnings)


def test_built_up_area_is_used_when_given(layers):
    built = gdf([box(0, 0, 500, 500), box(250, 250, 500, 500), box(1000, 0, 2000, 100)])
    res = housing_density(*layers, built_up=built)
    assert res.area_basis == "built-up area"
    assert res.per_zone.loc["a", "area_km2"] == pytest.approx(0.25)  # overlap counted once
    assert res.per_zone.loc["a", "municipal_per_km2"] == pytest.approx(120.0)
    assert np.isnan(res.per_zone.loc["c", "municipal_per_km2"])


def test_population_without_zone_id_is_located_by_centroid(layers):
    municipal, dwellings, population, zones = layers
    res = housing_density(municipal, dwellings, population.drop(columns="zone_id"), zones)
    assert res.per_zone["population"].tolist() == [400, 300, 0]


def test_more_municipal_than_dwellings_warns(layers):
    municipal, dwellings, population, zones = layers
    municipal = gdf([Point(1500, 500)], units=[500])
    res = housing_density(municipal, dwellings, population, zones)
    assert any("more municipal units than dwellings" in str(w) for w in res.warnings)


def test_matches_brute_force_on_random_points():
    rng = np.random.default_rng(3)
    zones = gdf([box(x, y, x + 500, y + 500) for x in range(0, 2000, 500) for y in range(0, 1000, 500)],
                zone_id=[f"z{i}" for i in range(8)])
    m_xy = rng.uniform(-100, 2100, (200, 2))
    d_xy = rng.uniform(-100, 2100, (800, 2))
    municipal = gdf([Point(p) for p in m_xy], units=rng.integers(1, 30, 200))
    dwellings = gdf([Point(p) for p in d_xy], dwellings=rng.integers(1, 80, 800))
    pop = gdf([Point(p) for p in rng.uniform(0, 2000, (300, 2))], population=rng.integers(0, 50, 300))
    res = housing_density(municipal, dwellings, pop.assign(
        zone_id=[next((z for z, g in zip(zones.zone_id, zones.geometry) if g.intersects(p)), None)
                 for p in pop.geometry]), zones)
    for zid, zg in zip(zones["zone_id"], zones.geometry):
        m = sum(u for u, p in zip(municipal["units"], municipal.geometry) if zg.contains(p))
        d = sum(u for u, p in zip(dwellings["dwellings"], dwellings.geometry) if zg.contains(p))
        n = sum(u for u, p in zip(pop["population"], pop.geometry) if zg.contains(p))
        row = res.per_zone.loc[zid]
        assert row["municipal_units"] == m and row["dwellings"] == d
        assert row["municipal_share"] == pytest.approx(m / d * 100)
        assert row["municipal_per_1000"] == pytest.approx(m / n * 1000)
        assert row["municipal_per_km2"] == pytest.approx(m / 0.25)
    outside = ~((m_xy >= 0) & (m_xy <= 2000)).all(axis=1) | (m_xy[:, 1] > 1000)
    assert res.totals["municipal_units"] == municipal["units"][~outside].sum()


@pytest.mark.parametrize("field_name, layer_idx", [("units", 0), ("dwellings", 1), ("population", 2)])
def test_negative_counts_name_the_field(layers, field_name, layer_idx):
    layers = list(layers)
    df = layers[layer_idx].copy()
    df.loc[1, field_name] = -3
    layers[layer_idx] = df
    with pytest.raises(DataError) as err:
        housing_density(*layers)
    assert err.value.field == field_name and err.value.row == 2


def test_missing_units_field_is_refused(layers):
    municipal, dwellings, population, zones = layers
    with pytest.raises(DataError) as err:
        housing_density(municipal.drop(columns="units"), dwellings, population, zones)
    assert err.value.field == "units"


def test_wrong_crs_is_refused(layers):
    municipal, dwellings, population, zones = layers
    with pytest.raises(DataError, match="EPSG:25832"):
        housing_density(municipal.to_crs("EPSG:4326"), dwellings, population, zones)


# ------------------------------------------------------------------------------------------
# what_if


def test_what_if_share_before_and_after(layers):
    res = housing_density(*layers)
    w = what_if(res, "b", add_municipal=10, add_other=30)
    assert isinstance(w, WhatIf)
    assert w.share_before == pytest.approx(6 / 120 * 100)
    assert w.share_after == pytest.approx(16 / 160 * 100)
    assert w.average_before == pytest.approx(36 / 320 * 100)
    assert w.average_after == pytest.approx(46 / 360 * 100)
    assert w.change_points == pytest.approx(10 - 5)
    assert (w.rank_before, w.rank_after, w.n_zones) == (2, 2, 2)
    w = what_if(res, "b", add_municipal=100)
    assert w.rank_after == 1 and w.municipal_after == 106 and w.dwellings_after == 220
    assert "zone b" in repr(w) and "->" in repr(w)


def test_what_if_in_a_zone_without_dwellings(layers):
    res = housing_density(*layers)
    w = what_if(res, "c", add_municipal=5, add_other=15)
    assert np.isnan(w.share_before) and w.share_after == pytest.approx(25.0)
    assert w.rank_before is None and w.rank_after == 1


def test_what_if_bad_input(layers):
    res = housing_density(*layers)
    with pytest.raises(DataError) as err:
        what_if(res, "nope", add_municipal=1)
    assert err.value.field == "zone_id"
    with pytest.raises(DataError) as err:
        what_if(res, "a", add_municipal=-1)
    assert err.value.field == "add_municipal"


# ------------------------------------------------------------------------------------------
# concentration_around


def test_concentration_around_a_point(layers):
    municipal, _, _, _ = layers
    pop = gdf([Point(200, 200), Point(800, 800), Point(1800, 500)], population=[100, 500, 400])
    res = concentration_around(Point(0, 0), municipal, pop, radius_m=500)
    # Within 500 m of (0,0): units 10 + 20; residents 100 (the 800,800 point is 1,131 m away).
    row = res.per_site.iloc[0]
    assert row["municipal_units"] == 30 and row["population"] == 100
    assert row["municipal_per_1000"] == pytest.approx(300)
    assert res.average_per_1000 == pytest.approx(36 / 1000 * 1000)
    assert row["ratio_to_average"] == pytest.approx(300 / 36)
    assert isinstance(res, ConcentrationResult) and "500 m" in repr(res)


def test_concentration_counts_points_exactly_at_the_radius():
    municipal = gdf([Point(500, 0), Point(0, 500.001)], units=[5, 5])
    pop = gdf([Point(0, 0)], population=[100])
    res = concentration_around(Point(0, 0), municipal, pop, radius_m=500)
    assert res.per_site["municipal_units"].iloc[0] == 5


def test_concentration_apportions_grid_cells_by_area():
    cells = gdf([box(0, 0, 1000, 1000)], population=[1000])
    municipal = gdf([Point(500, 500)], units=[10])
    res = concentration_around(Point(500, 500), municipal, cells, radius_m=500)
    # The circle (r = 500) covers pi/4 of the cell.
    assert res.per_site["population"].iloc[0] == pytest.approx(1000 * np.pi / 4, rel=1e-3)


def test_concentration_around_a_plan_and_several_sites_and_reference(layers):
    municipal, dwellings, population, zones = layers
    dens = housing_density(*layers)
    plans = gdf([box(0, 0, 50, 50), box(2500, 0, 2600, 50)], plan_id=["p1", "p2"]).set_index("plan_id")
    res = concentration_around(plans, municipal, population, 1000, reference=dens)
    assert list(res.per_site.index) == ["p1", "p2"]
    assert res.average_per_1000 == pytest.approx(dens.totals["municipal_per_1000"])
    assert res.per_site.loc["p1", "municipal_units"] == 30
    assert res.per_site["radius_m"].eq(1000).all()


def test_concentration_with_nobody_around_is_nan():
    municipal = gdf([Point(0, 0)], units=[5])
    pop = gdf([Point(9000, 9000)], population=[100])
    res = concentration_around(Point(0, 0), municipal, pop, 500)
    assert np.isnan(res.per_site["ratio_to_average"].iloc[0]) and res.warnings


@pytest.mark.parametrize("radius", [0, -5, float("nan")])
def test_concentration_bad_radius(layers, radius):
    with pytest.raises(DataError):
        concentration_around(Point(0, 0), layers[0], layers[2], radius)


def test_concentration_site_in_wrong_crs(layers):
    site = gpd.GeoSeries([Point(10.4, 63.4)], crs="EPSG:4326")
    with pytest.raises(DataError):
        concentration_around(site, layers[0], layers[2], 500)


# ------------------------------------------------------------------------------------------
# aggregate_for_export


def test_export_keeps_only_aggregates_with_at_least_five_units(layers):
    municipal, _, _, zones = layers
    municipal = pd.concat([municipal, gdf([Point(2500, 500)], units=[4])], ignore_index=True)
    municipal = pd.concat([municipal, gdf([Point(2600, 500)], units=[3])], ignore_index=True)
    out = aggregate_for_export(municipal, zones)
    assert out["zone_id"].tolist() == ["a", "b", "c"]  # c has 4 + 3 = 7 units, shown
    out = aggregate_for_export(municipal, zones, min_units=8)
    # c (7) is withheld; alone it could be recovered from the total, so b (6) goes too.
    assert out["zone_id"].tolist() == ["a"]
    assert out["municipal_units"].tolist() == [30]
    assert list(out.columns) == ["zone_id", "municipal_units", "geometry"]
    assert "address_id" not in out.columns and "units" not in out.columns
    assert (out.geometry.geom_type == "Polygon").all()
    assert out.attrs["n_withheld"] == 2


def test_export_withholds_small_polygons_and_protects_them_from_the_total():
    zones = gdf([box(i * 100, 0, i * 100 + 100, 100) for i in range(5)], zone_id=list("abcde"))
    municipal = gdf([Point(i * 100 + 50, 50) for i in range(5)], units=[3, 2, 9, 40, 0])
    out = aggregate_for_export(municipal, zones)
    assert out["zone_id"].tolist() == ["c", "d"]  # two small ones protect each other
    municipal = gdf([Point(i * 100 + 50, 50) for i in range(5)], units=[3, 12, 9, 40, 0])
    out = aggregate_for_export(municipal, zones)
    assert out["zone_id"].tolist() == ["b", "d"]  # 9, the smallest shown, protects the 3
    assert (out["municipal_units"] >= 5).all()


def test_export_to_a_generated_grid(layers):
    municipal, _, _, _ = layers
    out = aggregate_for_export(municipal, 250)
    assert out["municipal_units"].tolist() == [10, 20, 6]  # three different 250 m cells
    assert (out.geometry.area == 250 * 250).all()
    out = aggregate_for_export(municipal, 500)
    assert out["municipal_units"].tolist() == [30, 6]  # (100,100) and (300,300) share a cell
    assert out["cell_id"].tolist() == ["500m_0_0", "500m_1500_500"]
    assert not (out.geometry.geom_type == "Point").any()


def test_export_never_returns_points_even_for_a_single_address():
    municipal = gdf([Point(10, 10)], address_id=["secret"], units=[50])
    out = aggregate_for_export(municipal, 500)
    assert len(out) == 1 and out.geometry.iloc[0].geom_type == "Polygon"
    assert "secret" not in out.to_json()
    assert out.attrs["n_withheld"] == 0


def test_export_warns_about_points_outside(layers):
    municipal, _, _, zones = layers
    municipal = pd.concat([municipal, gdf([Point(9000, 9000)], units=[40])], ignore_index=True)
    out = aggregate_for_export(municipal, zones)
    assert out["municipal_units"].sum() == 36
    assert "outside every polygon" in str(out.attrs["warnings"][0])


@pytest.mark.parametrize("bad", [0, 2.5, True])
def test_export_bad_min_units(layers, bad):
    with pytest.raises(DataError):
        aggregate_for_export(layers[0], layers[3], min_units=bad)


# ------------------------------------------------------------------------------------------
# the demo data


@pytest.fixture(scope="module")
def demo_layers(demo_dir):
    return read_demo_layers(demo_dir, "municipal_housing", "dwellings", "population", "zones")


def test_demo_housing_density(demo_layers):
    municipal, dwellings, population, zones = demo_layers
    res = housing_density(municipal, dwellings, population, zones)
    share = res.per_zone["municipal_share"].dropna()
    assert ((share >= 0) & (share <= 100)).all()
    # Deliberately concentrated in some zones.
    assert share.max() > 2 * res.totals["municipal_share"]
    out = aggregate_for_export(municipal, zones)
    assert (out["municipal_units"] >= 5).all()
    assert out["municipal_units"].sum() <= municipal["units"].sum()
