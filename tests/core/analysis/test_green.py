"""Green-structure coverage: hand-worked cases, brute-force checks and bad input."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import LineString, Point, box

from tests.factories import CRS, gdf, read_demo_layers
from ungtloft_map.core.analysis.green import (
    GREEN_DEFINITIONS,
    GreenCoverageResult,
    GreenDefinition,
    green_coverage,
)
from ungtloft_map.core.errors import DataError


def one_zone(size: float = 2000.0) -> gpd.GeoDataFrame:
    return gdf([box(0, 0, size, size)], zone_id=["z1"], zone_name=["Zone 1"])


def cells(points, pops=None, zone="z1") -> gpd.GeoDataFrame:
    pops = pops if pops is not None else [10] * len(points)
    return gdf([Point(p) for p in points], population=pops, zone_id=[zone] * len(points))


# ------------------------------------------------------------------------------------------
# definitions


def test_registry_holds_the_three_definitions():
    assert list(GREEN_DEFINITIONS)[0] == "ssb_rekreasjon"
    assert GREEN_DEFINITIONS["ssb_rekreasjon"].min_area_m2 == 5_000
    assert GREEN_DEFINITIONS["ssb_rekreasjon"].max_distance_m == 200
    assert GREEN_DEFINITIONS["ssb_narturterreng"].min_area_m2 == 200_000
    assert GREEN_DEFINITIONS["ssb_narturterreng"].max_distance_m == 500
    assert GREEN_DEFINITIONS["who"].min_area_m2 == 10_000
    assert GREEN_DEFINITIONS["who"].max_distance_m == 300
    with pytest.raises(dataclasses.FrozenInstanceError):
        GREEN_DEFINITIONS["ssb_rekreasjon"].min_area_m2 = 1
    with pytest.raises(TypeError):
        GREEN_DEFINITIONS["x"] = GREEN_DEFINITIONS["who"]  # read-only registry


def test_overrides_and_custom_definition():
    park = gdf([box(0, 0, 100, 100)])  # 10,000 m²
    pop = cells([(50, 450)])  # 350 m from the edge
    res = green_coverage(pop, park, one_zone(), "who", max_distance_m=400)
    assert res.definition.max_distance_m == 400 and res.definition.min_area_m2 == 10_000
    assert res.per_cell["green_covered"].tolist() == [True]
    res = green_coverage(pop, park, one_zone(), "who", min_area_m2=10_001, max_distance_m=400)
    assert res.per_cell["green_covered"].tolist() == [False]
    custom = GreenDefinition("mine", "Mine", 1.0, 360.0)
    assert green_coverage(pop, park, one_zone(), custom).per_cell["green_covered"].all()


def test_unknown_definition_is_a_data_error():
    with pytest.raises(DataError, match="unknown green definition"):
        green_coverage(cells([(0, 0)]), gdf([box(0, 0, 1, 1)]), one_zone(), "nope")
    with pytest.raises(DataError) as err:
        green_coverage(cells([(0, 0)]), gdf([box(0, 0, 1, 1)]), one_zone(), max_distance_m=-1)
    assert err.value.field == "max_distance_m"


# ------------------------------------------------------------------------------------------
# hand-worked cases


def test_park_split_in_two_touching_parcels_counts_as_one():
    # Two 3,000 m² parcels sharing an edge: 6,000 m² together, >= 5 daa only once dissolved.
    a, b = box(0, 0, 60, 50), box(60, 0, 120, 50)
    pop = cells([(60, 150)])  # 100 m north of the shared edge
    res = green_coverage(pop, gdf([a, b], kind=["park", "park"]), one_zone())
    assert res.per_cell["green_covered"].tolist() == [True]
    assert len(res.qualifying) == 1
    assert res.qualifying["area_m2"].iloc[0] == pytest.approx(6_000)
    assert res.qualifying["n_parcels"].iloc[0] == 2
    # One parcel alone is too small.
    res = green_coverage(pop, gdf([a], kind=["park"]), one_zone())
    assert res.per_cell["green_covered"].tolist() == [False]
    assert len(res.qualifying) == 0
    # Two parcels with a 2 m gap are two parks, each too small.
    res = green_coverage(pop, gdf([a, box(62, 0, 122, 50)]), one_zone())
    assert res.per_cell["green_covered"].tolist() == [False]


def test_cell_exactly_at_the_threshold_is_covered():
    park = gdf([box(0, 0, 100, 100)])  # 10,000 m²
    at = (50, 300)  # exactly 200 m from the northern edge
    beyond = (50, 300.01)
    res = green_coverage(cells([at, beyond]), park, one_zone())
    assert res.per_cell["green_distance_m"].tolist() == pytest.approx([200.0, 200.01])
    assert res.per_cell["green_covered"].tolist() == [True, False]


def test_cell_at_threshold_with_real_utm_coordinates():
    # Floating-point noise at Trondheim's coordinates must not push an exact 200 m out.
    x0, y0 = 569_123.37, 7_034_456.81
    park = gdf([box(x0, y0, x0 + 100, y0 + 100)])
    zone = gdf([box(x0 - 1000, y0 - 1000, x0 + 1000, y0 + 1000)], zone_id=["z1"])
    res = green_coverage(cells([(x0 + 50, y0 + 300)]), park, zone)
    assert res.per_cell["green_covered"].tolist() == [True]


def test_point_inside_a_polygon_has_distance_zero():
    park = gdf([box(0, 0, 100, 100)])
    res = green_coverage(cells([(50, 50), (0, 50)]), park, one_zone())  # inside and on the edge
    assert res.per_cell["green_distance_m"].tolist() == [0.0, 0.0]
    assert res.per_cell["green_covered"].all()


def test_distance_is_to_the_edge_not_the_centroid():
    park = gdf([box(0, 0, 1000, 1000)])
    res = green_coverage(cells([(500, 1150)]), park, gdf([box(-10, -10, 2000, 2000)], zone_id=["z1"]))
    assert res.per_cell["green_distance_m"].iloc[0] == pytest.approx(150)


def test_polygon_cells_use_their_centroid():
    park = gdf([box(0, 0, 100, 100)])
    cell = gdf([box(0, 250, 250, 500)], population=[7], zone_id=["z1"])  # centroid (125, 375)
    res = green_coverage(cell, park, one_zone())
    assert res.per_cell["green_distance_m"].iloc[0] == pytest.approx(np.hypot(25, 275))
    assert res.per_cell.geometry.iloc[0].equals(box(0, 250, 250, 500))  # keeps the cell shape


def test_per_zone_share_is_population_weighted():
    park = gdf([box(0, 0, 100, 100)])
    pop = cells([(50, 150), (50, 1500), (50, 1600)], pops=[30, 10, 60])
    res = green_coverage(pop, park, one_zone())
    row = res.per_zone.loc["z1"]
    assert row["population"] == 100
    assert row["covered_population"] == 30
    assert row["green_covered_share"] == pytest.approx(0.30)
    assert res.covered_share == pytest.approx(0.30)
    # Not the unweighted share of cells (1/3).
    assert len(res.gap) == 2 and set(res.gap["population"]) == {10, 60}


def test_gap_layer_leaves_out_empty_cells():
    park = gdf([box(0, 0, 100, 100)])
    pop = cells([(50, 1500), (50, 1600)], pops=[0, 5])
    res = green_coverage(pop, park, one_zone())
    assert res.gap["population"].tolist() == [5]


def test_green_per_resident_excludes_marka_and_area_share_includes_it():
    zone = gdf([box(0, 0, 1000, 1000)], zone_id=["z1"])
    green = gdf(
        [box(0, 0, 100, 100), box(500, 500, 1500, 1500)],  # park 10,000; forest 250,000 inside
        kind=["park", "forest"],
    )
    pop = cells([(50, 50)], pops=[50])
    row = green_coverage(pop, green, zone).per_zone.loc["z1"]
    assert row["green_m2"] == pytest.approx(10_000 + 250_000)  # clipped to the zone
    assert row["public_green_m2"] == pytest.approx(10_000)
    assert row["green_m2_per_resident"] == pytest.approx(10_000 / 50)
    assert row["zone_area_m2"] == pytest.approx(1e6)
    assert row["green_area_share"] == pytest.approx(0.26)


def test_park_touching_forest_is_one_area_but_only_the_park_is_public_green():
    zone = gdf([box(0, 0, 1000, 1000)], zone_id=["z1"])
    green = gdf(
        [box(0, 0, 100, 100), box(100, 0, 300, 100), box(500, 500, 600, 600), box(550, 550, 650, 650)],
        kind=["Park", "forest", "park", "playground"],
    )
    res = green_coverage(cells([(50, 50)], pops=[10]), green, zone, min_area_m2=0)
    q = res.qualifying.sort_values("area_m2")
    assert q["kinds"].tolist() == ["park,playground", "forest,park"]
    assert q["n_parcels"].tolist() == [2, 2]
    assert q["area_m2"].tolist() == pytest.approx([17_500, 30_000])
    row = res.per_zone.loc["z1"]
    assert row["green_m2"] == pytest.approx(47_500)
    assert row["public_green_m2"] == pytest.approx(10_000 + 17_500)


def test_forest_still_counts_for_coverage():
    green = gdf([box(0, 0, 500, 500)], kind=["forest"])
    res = green_coverage(cells([(250, 600)]), green, one_zone(), "ssb_narturterreng")
    assert res.per_cell["green_covered"].all()


def test_two_zones_and_zone_without_residents():
    zones = gdf([box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)], zone_id=["a", "b"])
    park = gdf([box(0, 0, 100, 100)])
    pop = gdf([Point(50, 150), Point(1500, 500)], population=[10, 0])  # no zone_id: located
    res = green_coverage(pop, park, zones)
    assert res.per_cell["zone_id"].tolist() == ["a", "b"]
    assert res.per_zone.loc["a", "green_covered_share"] == 1.0
    assert np.isnan(res.per_zone.loc["b", "green_covered_share"])
    assert np.isnan(res.per_zone.loc["b", "green_m2_per_resident"])
    assert any("no residents" in str(w) for w in res.warnings)


def test_cells_outside_every_zone_are_reported():
    park = gdf([box(0, 0, 100, 100)])
    pop = gdf([Point(50, 150), Point(5000, 5000)], population=[10, 4])
    res = green_coverage(pop, park, one_zone())
    assert res.per_zone.loc["z1", "population"] == 10
    assert any("in no zone" in str(w) for w in res.warnings)
    assert res.covered_share == pytest.approx(10 / 14)


def test_repr_is_short_and_informative():
    res = green_coverage(cells([(50, 150)]), gdf([box(0, 0, 100, 100)]), one_zone())
    text = repr(res)
    assert text.startswith("GreenCoverageResult(ssb_rekreasjon")
    assert "100.0 %" in text and "\n" not in text
    assert isinstance(res, GreenCoverageResult)


# ------------------------------------------------------------------------------------------
# duplicates, empty layers, bad input


def test_duplicate_and_overlapping_polygons_are_dissolved_and_counted_once():
    park = box(0, 0, 100, 100)
    green = gdf([park, park, box(50, 50, 150, 150)])
    res = green_coverage(cells([(50, 50)]), green, one_zone())
    assert len(res.qualifying) == 1
    area = 100 * 100 * 2 - 50 * 50
    assert res.qualifying["area_m2"].iloc[0] == pytest.approx(area)
    assert res.per_zone.loc["z1", "green_m2"] == pytest.approx(area)
    msg = " ".join(str(w) for w in res.warnings)
    assert "1 duplicate" in msg and "overlapping" in msg


def test_empty_green_layer_means_nobody_is_covered():
    green = gpd.GeoDataFrame({"kind": []}, geometry=[], crs=CRS)
    res = green_coverage(cells([(50, 50), (500, 500)]), green, one_zone())
    assert not res.per_cell["green_covered"].any()
    assert res.per_cell["green_distance_m"].isna().all()
    assert res.per_zone.loc["z1", "green_covered_share"] == 0.0
    assert len(res.gap) == 2
    assert any("empty" in str(w) for w in res.warnings)


def test_no_qualifying_green_warns():
    res = green_coverage(cells([(50, 50)]), gdf([box(0, 0, 10, 10)]), one_zone())
    assert not res.per_cell["green_covered"].any()
    assert any("no green area" in str(w) for w in res.warnings)


def test_invalid_and_empty_geometries_are_repaired_or_skipped():
    bowtie = shapely.Polygon([(0, 0), (100, 100), (100, 0), (0, 100)])
    green = gdf([bowtie, None, box(0, 200, 100, 300)])
    res = green_coverage(cells([(50, 150)]), green, one_zone(), min_area_m2=1)
    assert res.per_cell["green_covered"].all()
    msg = " ".join(str(w) for w in res.warnings)
    assert "repaired" in msg and "without geometry" in msg


def test_green_in_geographic_crs_is_refused():
    green = gdf([box(10.39, 63.42, 10.40, 63.43)], crs="EPSG:4326")
    with pytest.raises(DataError, match="EPSG:25832"):
        green_coverage(cells([(50, 50)]), green, one_zone())


@pytest.mark.parametrize("which", ["population", "zones"])
def test_other_layers_in_wrong_crs_are_refused(which):
    pop, zones = cells([(50, 50)]), one_zone()
    if which == "population":
        pop = pop.set_crs(None, allow_override=True)
    else:
        zones = zones.set_crs("EPSG:3857", allow_override=True)
    with pytest.raises(DataError):
        green_coverage(pop, gdf([box(0, 0, 100, 100)]), zones)


def test_population_without_population_field_names_the_field():
    pop = gdf([Point(0, 0)], folk=[3])
    with pytest.raises(DataError) as err:
        green_coverage(pop, gdf([box(0, 0, 100, 100)]), one_zone())
    assert err.value.field == "population"
    assert "population" in str(err.value)


@pytest.mark.parametrize("bad", [-1, np.nan, "many"])
def test_negative_missing_or_text_population_is_refused(bad):
    pop = gdf([Point(0, 0), Point(1, 1)], population=pd.Series([5, bad], dtype=object))
    with pytest.raises(DataError) as err:
        green_coverage(pop, gdf([box(0, 0, 100, 100)]), one_zone())
    assert err.value.field == "population"
    assert err.value.row == 2


def test_zones_without_zone_id_or_with_duplicates_are_refused():
    with pytest.raises(DataError) as err:
        green_coverage(cells([(0, 0)]), gdf([box(0, 0, 1, 1)]), gdf([box(0, 0, 9, 9)], name=["x"]))
    assert err.value.field == "zone_id"
    zones = gdf([box(0, 0, 9, 9), box(9, 0, 18, 9)], zone_id=["a", "a"])
    with pytest.raises(DataError, match="more than once"):
        green_coverage(cells([(0, 0)]), gdf([box(0, 0, 1, 1)]), zones)


def test_empty_population_layer_does_not_crash():
    pop = gpd.GeoDataFrame({"population": [], "zone_id": []}, geometry=[], crs=CRS)
    res = green_coverage(pop, gdf([box(0, 0, 100, 100)]), one_zone())
    assert len(res.per_cell) == 0 and np.isnan(res.per_zone.loc["z1", "green_covered_share"])


# ------------------------------------------------------------------------------------------
# brute force


def _brute_force(points, green_geoms, min_area, max_dist):
    parts = [p for p in shapely.get_parts(shapely.union_all(green_geoms)) if p.area >= min_area]
    dist = []
    for pt in points:
        best = np.inf
        for poly in parts:
            best = min(best, pt.distance(poly))
        dist.append(best)
    dist = np.array(dist)
    return dist, dist <= max_dist


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_matches_brute_force_on_random_layers(seed):
    rng = np.random.default_rng(seed)
    # Random parks, some built as two parcels sharing an edge so dissolving matters.
    geoms = []
    for _ in range(25):
        x, y = rng.uniform(0, 1800, 2)
        w, h = rng.uniform(20, 90, 2)
        if rng.random() < 0.4:
            geoms += [box(x, y, x + w, y + h), box(x + w, y, x + 2 * w, y + h)]
        else:
            geoms.append(box(x, y, x + w, y + h))
    green = gdf(geoms)
    zones = gdf([box(0, 0, 1000, 2000), box(1000, 0, 2000, 2000)], zone_id=["w", "e"])
    pts = [Point(xy) for xy in rng.uniform(0, 2000, (300, 2))]
    pops = rng.integers(0, 40, len(pts))
    pop = gdf(pts, population=pops)
    res = green_coverage(pop, green, zones, min_area_m2=5000, max_distance_m=200)

    dist, covered = _brute_force(pts, geoms, 5000, 200)
    np.testing.assert_allclose(res.per_cell["green_distance_m"].to_numpy(), dist, rtol=1e-9)
    assert (res.per_cell["green_covered"].to_numpy() == covered).all()
    assert covered.any() and not covered.all()

    for zid, zone in zip(zones["zone_id"], zones.geometry):
        inside = np.array([zone.contains(p) for p in pts])  # no point is on x = 1000
        total = pops[inside].sum()
        share = pops[inside & covered].sum() / total
        assert res.per_zone.loc[zid, "green_covered_share"] == pytest.approx(share)
        union = shapely.union_all(geoms)
        assert res.per_zone.loc[zid, "green_m2"] == pytest.approx(union.intersection(zone).area)
        assert res.per_zone.loc[zid, "green_m2_per_resident"] == pytest.approx(
            union.intersection(zone).area / total
        )


# ------------------------------------------------------------------------------------------
# network distance


def _l_network():
    # A path (0,0) -> (150,0) -> (150,150) and a park just north of its end.
    net = gdf([LineString([(0, 0), (150, 0)]), LineString([(150, 0), (150, 150)])])
    park = gdf([box(140, 160, 260, 260)])  # 12,000 m²
    return net, park


def test_network_distance_follows_the_paths():
    net, park = _l_network()
    pop = cells([(0, 10)])
    straight = green_coverage(pop, park, one_zone(), "who")
    assert straight.per_cell["green_distance_m"].iloc[0] == pytest.approx(np.hypot(140, 150))
    assert straight.per_cell["green_covered"].all()
    res = green_coverage(pop, park, one_zone(), "who", max_distance_m=400, network=net)
    # 10 m to the path, 300 m along it, 10 m from its end into the park.
    assert res.network
    assert res.per_cell["green_distance_m"].iloc[0] == pytest.approx(320, abs=1e-6)
    assert res.per_cell["green_covered"].all()
    res = green_coverage(pop, park, one_zone(), "who", network=net)  # 300 m limit
    assert not res.per_cell["green_covered"].any()
    assert res.per_cell["green_distance_m"].isna().all()


def test_network_distance_is_zero_inside_and_straight_when_nearer_than_the_path():
    net, park = _l_network()
    pop = cells([(200, 200), (200, 270)])  # inside; 10 m north of the park, far from paths
    res = green_coverage(pop, park, one_zone(), "who", network=net)
    assert res.per_cell["green_distance_m"].tolist() == pytest.approx([0.0, 10.0])


def test_network_distance_is_never_shorter_than_straight_line():
    rng = np.random.default_rng(5)
    # A 50 m street grid with some parks; network distance >= straight-line distance.
    lines = [LineString([(x, 0), (x, 1000)]) for x in range(0, 1001, 50)]
    lines += [LineString([(0, y), (1000, y)]) for y in range(0, 1001, 50)]
    net = gdf(lines)
    park = gdf([box(400, 400, 520, 520), box(820, 60, 960, 190)])
    pop = cells([tuple(p) for p in rng.uniform(0, 1000, (80, 2))])
    zone = gdf([box(0, 0, 1000, 1000)], zone_id=["z1"])
    s = green_coverage(pop, park, zone, "who", max_distance_m=2000)
    n = green_coverage(pop, park, zone, "who", max_distance_m=2000, network=net)
    ds, dn = s.per_cell["green_distance_m"].to_numpy(), n.per_cell["green_distance_m"].to_numpy()
    assert np.isfinite(dn).all()
    assert (dn >= ds - 1e-6).all()
    # On a Manhattan grid the detour is bounded: at most sqrt(2) x straight + snapping slack.
    assert (dn <= ds * np.sqrt(2) + 2 * 25 * np.sqrt(2) + 1).all()


def test_network_in_wrong_crs_is_refused():
    net, park = _l_network()
    with pytest.raises(DataError):
        green_coverage(cells([(0, 10)]), park, one_zone(), network=net.to_crs("EPSG:4326"))


# ------------------------------------------------------------------------------------------
# the demo data


@pytest.fixture(scope="module")
def demo_layers(demo_dir):
    return read_demo_layers(demo_dir, "population", "green_areas", "zones", "roads")


def test_demo_green_coverage(demo_layers):
    population, green, zones, _ = demo_layers
    res = green_coverage(population, green, zones)
    assert set(res.per_zone.index) == set(zones["zone_id"])
    share = res.per_zone["green_covered_share"].dropna()
    assert ((share >= 0) & (share <= 1)).all()
    # Some zones well served and some poorly (the demo is made that way).
    assert share.max() > 0.8 and share.min() < 0.5
    assert res.per_zone["population"].sum() == pytest.approx(population["population"].sum())
    # The touching parcels in the demo only pass the size test once dissolved.
    assert (res.qualifying["n_parcels"] > 1).any()


def test_demo_network_coverage_is_at_most_straight_line(demo_layers):
    population, green, zones, roads = demo_layers
    straight = green_coverage(population, green, zones)
    net = green_coverage(population, green, zones, network=roads)
    assert net.covered_share <= straight.covered_share + 1e-12
    d_s = straight.per_cell["green_distance_m"]
    d_n = net.per_cell["green_distance_m"]
    both = d_n.notna()
    assert (d_n[both] >= d_s[both] - 1e-6).all()
