"""Target-area selection: ranking, stability, candidates, comparison zones, inside-zone cells.

Expected numbers are worked out by hand in the comments. The demo tests share one
``compute_themes`` run (the session's ``demo_themes`` in tests/conftest.py) with the cluster
step skipped: the ranking does not use it.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from ungtloft_map.core.analysis import targeting as tg
from ungtloft_map.core.analysis.index import composite_index
from ungtloft_map.core.catalogue import Catalogue
from ungtloft_map.core.errors import AnalysisError, DataError
from ungtloft_map.core.workflows.inside_zone import inside_zone_cells
from ungtloft_map.core.zonetable import ColumnInfo, ZoneTable

X0, Y0 = 560_000.0, 7_030_000.0


# --------------------------------------------------------------------------------------------
# Hand-made inputs
# --------------------------------------------------------------------------------------------
def five() -> tuple[pd.DataFrame, dict, dict]:
    """Five zones, one indicator in each of two themes.

    Percentile ranks (5 zones: 0, .25, .5, .75, 1):
    a: p=1, q=.5, r=.75, s=.25, t=0;  b: p=.5, q=1, r=.75, s=0, t=.25.
    """
    v = pd.DataFrame({"a": [5.0, 3, 4, 2, 1], "b": [3.0, 5, 4, 1, 2]},
                     index=pd.Index(list("pqrst"), name="zone_id"))
    return v, {"a": "high_is_bad", "b": "high_is_bad"}, {"a": "A", "b": "B"}


def grid(nx: int, ny: int, size: float = 1000.0) -> gpd.GeoDataFrame:
    """nx x ny square zones, ids "r{row}c{col}", index zone_id."""
    rows = []
    for j in range(ny):
        for i in range(nx):
            zid = f"r{j}c{i}"
            rows.append({"zone_id": zid, "zone_name": f"Sone {zid}", "district_id": "D1",
                         "geometry": box(X0 + i * size, Y0 + j * size,
                                         X0 + (i + 1) * size, Y0 + (j + 1) * size)})
    return gpd.GeoDataFrame(rows, crs="EPSG:25832").set_index("zone_id", drop=False)


def zone_table(gdf: gpd.GeoDataFrame) -> ZoneTable:
    """A ZoneTable with ColumnInfo for the columns the tests use."""
    info = {"zone_id": ColumnInfo("zone_id", "Sone-ID", kind="id"),
            "zone_name": ColumnInfo("zone_name", "Sone", kind="name")}
    cat = Catalogue.default()
    for key in [c for c in gdf.columns if c in cat]:
        ind = cat[key]
        info[key] = ColumnInfo(key, ind.name_nb, ind.name_en, "%", kind="rate",
                               direction=ind.direction, theme=ind.theme,
                               count_col=f"{key}_count", denom_col=f"{key}_denom")
    extra = {"green_covered_pct": ("high_is_good", "green", "%"),
             "municipal_share": ("high_is_bad", "housing", "%"),
             "time_to_centre_min": ("high_is_bad", "transit", "min")}
    for key, (direction, theme, unit) in extra.items():
        if key in gdf.columns:
            info[key] = ColumnInfo(key, key, key, unit, kind="measure", direction=direction,
                                   theme=theme)
    gdf = gdf.copy()
    gdf["area_km2"] = gdf.geometry.area / 1e6
    return ZoneTable(gdf, info, year=2024, fictional=True, source_name="Test")


def square_table() -> ZoneTable:
    """3 x 3 grid with low income counts, green coverage, housing and population.

    Row 0: r0c0 r0c1 r0c2;  row 1: r1c0 r1c1 r1c2;  row 2: r2c0 r2c1 r2c2.
    """
    g = grid(3, 3)
    g["population"] = [100, 300, 200, 400, 100, 100, 200, 300, 300]
    g["low_income_count"] = [10, 30, 20, 80, 5, 12, 40, 30, 9]
    g["low_income_denom"] = [100, 200, 200, 400, 100, 100, 200, 300, 300]
    g["low_income"] = 100.0 * g["low_income_count"] / g["low_income_denom"]
    g["green_covered_pct"] = [50.0, 10.0, 80.0, 20.0, 90.0, 60.0, 40.0, 70.0, 30.0]
    g["municipal_units"] = [5, 15, 0, 40, 2, 3, 10, 6, 0]
    g["dwellings"] = [50, 150, 100, 200, 50, 50, 100, 150, 150]
    g["municipal_share"] = 100.0 * g["municipal_units"] / g["dwellings"]
    return zone_table(g)


# --------------------------------------------------------------------------------------------
# rank_zones
# --------------------------------------------------------------------------------------------
def test_rank_zones_percentile_by_hand():
    v, d, t = five()
    # Theme A weight 2: p = (2*1 + .5)/3 = .833, r = .75, q = (2*.5 + 1)/3 = .667,
    # s = (2*.25 + 0)/3 = .167, t = (0 + .25)/3 = .083 -> re-ranked 1, .75, .5, .25, 0.
    # Baseline theme B weight 2: q .833, r .75, p .667, t .167, s .083 -> q1 r2 p3 t4 s5.
    r = tg.rank_zones(v, d, t, theme_weights={"A": 2}, baseline_theme_weights={"B": 2})
    tab = r.table
    assert tab.index.tolist() == ["p", "r", "q", "s", "t"]
    assert tab["rank"].tolist() == [1, 2, 3, 4, 5]
    assert tab["score"].tolist() == pytest.approx([1.0, 0.75, 0.5, 0.25, 0.0])
    assert tab["baseline_rank"].tolist() == [3, 2, 1, 5, 4]
    assert tab["rank_change"].tolist() == [2, 0, -2, 1, -1]
    assert tab["arrow"].tolist() == ["↑", "", "↓", "↑", "↓"]
    assert tab["n_indicators"].tolist() == [2] * 5
    assert str(tab["rank_change"].dtype) == "Int64"
    assert r.top(2).index.tolist() == ["p", "r"]
    assert len(r.moved) == 4
    assert "Ranking(method='percentile'" in repr(r)


def test_rank_zones_default_baseline_is_all_ones_with_ties():
    v, d, t = five()
    # Equal weights: p = q = r = .75 (all rank 1), s = t = .125 (rank 4).
    r = tg.rank_zones(v, d, t)
    assert r.table.loc[list("pqrst"), "rank"].tolist() == [1, 1, 1, 4, 4]
    assert (r.table["rank_change"] == 0).all()
    assert (r.table["arrow"] == "").all()


def test_rank_zones_ratio_by_hand():
    v, d, t = five()
    # Ratio to a municipal value of 4 (exact in binary): a -> 125, 75, 100, 50, 25;
    # b -> 75, 125, 100, 25, 50. Theme weights A:B = 3:1 -> p = (3*125 + 75)/4 = 112.5,
    # q = (3*75 + 125)/4 = 87.5, r = 100, s = (150 + 25)/4 = 43.75, t = (75 + 50)/4 = 31.25.
    r = tg.rank_zones(v, d, t, method="ratio", theme_weights={"A": 3},
                      municipal_values={"a": 4.0, "b": 4.0},
                      names=pd.Series({"p": "P", "q": "Q", "r": "R", "s": "S", "t": "T"}))
    tab = r.table
    assert tab.index.tolist() == ["p", "r", "q", "s", "t"]
    assert tab["score"].tolist() == pytest.approx([112.5, 100.0, 87.5, 43.75, 31.25])
    assert tab["zone_name"].tolist() == ["P", "R", "Q", "S", "T"]
    # Baseline (equal): p = q = r = 100 (rank 1), s = t = 37.5 (rank 4).
    assert tab["baseline_rank"].tolist() == [1, 1, 1, 4, 4]
    assert tab["rank_change"].tolist() == [0, -1, -2, 0, -1]


def test_rank_zones_bad_weights_have_clear_messages():
    v, d, t = five()
    with pytest.raises(AnalysisError, match="cannot rank the zones: the weights add up to 0"):
        tg.rank_zones(v, d, t, weights={"a": 0, "b": 0})
    with pytest.raises(AnalysisError, match="cannot rank the zones"):
        tg.rank_zones(v, d, t, theme_weights={"A": 0, "B": 0})
    with pytest.raises(DataError, match="unknown theme.*'grønn'.*the themes are A, B"):
        tg.rank_zones(v, d, t, theme_weights={"grønn": 1})
    with pytest.raises(DataError, match="must be a number >= 0"):
        tg.rank_zones(v, d, t, weights={"a": -1})
    with pytest.raises(DataError, match="unknown index method"):
        tg.rank_zones(v, d, t, method="mean")


def test_rank_zones_all_weight_on_a_theme_without_data():
    v, d, t = five()
    v["g"] = np.nan  # the green theme has an indicator but no values
    d["g"], t["g"] = "high_is_good", "G"
    with pytest.raises(AnalysisError) as exc:
        tg.rank_zones(v, d, t, theme_weights={"A": 0, "B": 0, "G": 1})
    msg = str(exc.value)
    assert "all the weight is on theme(s) whose indicators have no values: 'G' (g)" in msg
    assert "give weight to a theme with data such as 'A', 'B'" in msg


def test_rank_zones_baseline_is_cached():
    v, d, t = five()
    tg.ranking._BASELINE_CACHE.clear()
    tg.rank_zones(v, d, t, theme_weights={"A": 2})
    assert len(tg.ranking._BASELINE_CACHE) == 1
    tg.rank_zones(v, d, t, theme_weights={"A": 3})
    assert len(tg.ranking._BASELINE_CACHE) == 1  # same data and baseline: reused
    v2 = v.copy()
    v2.iloc[0, 0] = 6.0
    tg.rank_zones(v2, d, t, theme_weights={"A": 3})
    assert len(tg.ranking._BASELINE_CACHE) == 2  # new data: a new baseline


# --------------------------------------------------------------------------------------------
# stability
# --------------------------------------------------------------------------------------------
def test_stability_by_hand():
    v, d, t = five()
    # p = .75 + .25 (Ta - Tb)/(Ta + Tb), q = .75 - the same, r = .75 always (module example):
    # exactly one of p, q beats r in each draw, each half of the time; s, t never come close.
    s1 = tg.stability(v, d, t, top_n=1, draws=2000)
    assert s1["r"] == 0.0
    assert s1["p"] + s1["q"] == pytest.approx(1.0)
    assert s1["p"] == pytest.approx(0.5, abs=0.05)
    s2 = tg.stability(v, d, t, top_n=2)
    assert s2[list("pqrst")].tolist()[2:] == [1.0, 0.0, 0.0]
    assert s2["p"] + s2["q"] == pytest.approx(1.0)
    s3 = tg.stability(v, d, t, top_n=3)
    assert s3[list("pqrst")].tolist() == [1.0, 1.0, 1.0, 0.0, 0.0]
    assert s3.name == "stability" and s3.attrs["draws"] == 1000 and s3.attrs["spread"] == 0.25


def test_stability_without_spread_keeps_the_ties():
    v, d, t = five()
    # Every draw is the equal weighting: p, q, r share rank 1, so all three are "in the top 1".
    s = tg.stability(v, d, t, top_n=1, draws=10, spread=0.0)
    assert s[list("pqrst")].tolist() == [1.0, 1.0, 1.0, 0.0, 0.0]


def test_stability_is_deterministic_for_a_seed():
    v, d, t = five()
    a = tg.stability(v, d, t, top_n=1, seed=7)
    b = tg.stability(v, d, t, top_n=1, seed=7)
    c = tg.stability(v, d, t, top_n=1, seed=8)
    pd.testing.assert_series_equal(a, b)
    assert not a.equals(c)


@pytest.mark.parametrize("method", ["percentile", "zscore", "ratio"])
def test_stability_engine_matches_composite_index(method):
    """Each vectorised draw ranks the zones exactly as composite_index does with those weights."""
    rng = np.random.default_rng(3)
    n = 14
    v = pd.DataFrame(rng.uniform(1, 50, size=(n, 6)), columns=list("abcdef"),
                     index=pd.Index([f"z{i:02d}" for i in range(n)], name="zone_id"))
    v.iloc[2, 1] = np.nan
    v.iloc[5, 4] = np.nan
    d = {"a": "high_is_bad", "b": "high_is_good", "c": "high_is_bad", "d": "high_is_bad",
         "e": "high_is_good", "f": "high_is_bad"}
    t = {"a": "T1", "b": "T1", "c": "T2", "d": "T2", "e": "T3", "f": "T3"}
    pop = pd.Series(rng.integers(100, 5000, n).astype(float), index=v.index)
    weights = {"a": 2.0, "c": 0.5}
    theme_weights = {"T2": 1.5}
    res = composite_index(v, d, t, method=method, weights=weights, theme_weights=theme_weights,
                          population=pop)
    eng = tg.ranking._Engine.build(res, weights, theme_weights, t)
    w, tw = eng.draw(12, 0.5, seed=1)
    inside = tg.ranking._in_top(eng.composite(w, tw), 4)
    for i in range(12):
        wi = dict(zip(eng.keys, w[i]))
        twi = dict(zip(eng.theme_names, tw[i]))
        ref = composite_index(v, d, t, method=method, weights=wi, theme_weights=twi,
                              population=pop)
        assert inside[:, i].tolist() == (ref.rank <= 4).tolist(), f"draw {i}"


def test_stability_bad_input():
    v, d, t = five()
    with pytest.raises(AnalysisError, match="top N = 5 is not smaller than the 5 zones"):
        tg.stability(v, d, t, top_n=5)
    with pytest.raises(DataError, match="spread must be between 0 and 1"):
        tg.stability(v, d, t, top_n=2, spread=1.5)
    with pytest.raises(DataError, match="draws"):
        tg.stability(v, d, t, top_n=2, draws=0)
    with pytest.raises(DataError, match="top N"):
        tg.stability(v, d, t, top_n=0)
    with pytest.raises(AnalysisError, match="weights add up to 0"):
        tg.stability(v, d, t, top_n=2, weights={"a": 0, "b": 0})


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------
def test_candidate_checks():
    assert tg.Candidate("A", ["r0c0"]).zone_ids == ("r0c0",)
    assert tg.Candidate("A", "r0c0").zone_ids == ("r0c0",)
    with pytest.raises(DataError, match="no zones"):
        tg.Candidate("A", [])
    with pytest.raises(DataError, match="twice: r0c0"):
        tg.Candidate("A", ["r0c0", "r0c0"])


def test_aggregate_candidate_from_counts_by_hand():
    zt = square_table()
    prof = tg.aggregate_candidate(zt, tg.Candidate("Vest", ["r0c0", "r1c0"]), Catalogue.default())
    tab = prof.table
    # Low income: (10 + 80) / (100 + 400) = 18 %; the mean of the two rates would be 15 %.
    assert tab.at["low_income", "value"] == pytest.approx(18.0)
    assert tab.at["low_income", "count"] == 90 and tab.at["low_income", "denom"] == 500
    # Municipal: 236 / 1900 = 12.42 %.
    assert tab.at["low_income", "municipal"] == pytest.approx(100 * 236 / 1900)
    assert tab.at["low_income", "ratio_to_municipal"] == pytest.approx(18.0 / (100 * 236 / 1900) * 100)
    # The other zones' rates: 15, 10, 5, 12, 20, 10, 3 -> one (20) is worse -> rank 2 of 8.
    assert (tab.at["low_income", "rank"], tab.at["low_income", "of"]) == (2, 8)
    # Green coverage, population-weighted: (100*50 + 400*20) / 500 = 26 %.
    assert tab.at["green_covered_pct", "value"] == pytest.approx(26.0)
    # Others 10, 80, 90, 60, 40, 70, 30 (high is good): only 10 is worse -> rank 2 of 8.
    assert (tab.at["green_covered_pct", "rank"], tab.at["green_covered_pct", "of"]) == (2, 8)
    # Municipal share from counts: (5 + 40) / (50 + 200) = 18 %.
    assert tab.at["municipal_share", "value"] == pytest.approx(18.0)
    assert prof.population == 500
    assert prof.area_km2 == pytest.approx(2.0)
    assert "sum" in tab.at["low_income", "method"]
    assert "CandidateProfile('Vest', zones=2, population=500" in repr(prof)


def test_aggregate_candidate_single_zone_equals_the_zone():
    zt = square_table()
    prof = tg.aggregate_candidate(zt, ["r1c1"], Catalogue.default())
    for key in ("low_income", "green_covered_pct", "municipal_share"):
        assert prof.table.at[key, "value"] == pytest.approx(zt.gdf.at["r1c1", key])


def test_aggregate_candidate_refuses_separate_zones():
    zt = square_table()
    cat = Catalogue.default()
    with pytest.raises(AnalysisError) as exc:
        tg.aggregate_candidate(zt, tg.Candidate("Spredt", ["r0c0", "r1c0", "r2c2"]), cat)
    msg = str(exc.value)
    assert "candidate 'Spredt' do not form one connected area" in msg
    assert "r2c2 Sone r2c2 does not border r0c0 Sone r0c0, r1c0 Sone r1c0" in msg
    # A shared corner is enough (queen contiguity) ...
    tg.aggregate_candidate(zt, tg.Candidate("Hjørne", ["r0c0", "r1c1"]), cat)
    # ... and separate zones are fine when adjacency is not required.
    p = tg.aggregate_candidate(zt, tg.Candidate("Spredt", ["r0c0", "r2c2"]), cat,
                               require_adjacent=False)
    assert p.table.at["low_income", "value"] == pytest.approx(100 * 19 / 400)
    with pytest.raises(DataError, match="not in the zone table: nope"):
        tg.aggregate_candidate(zt, ["r0c0", "nope"], cat)


def test_compare_candidates_side_by_side():
    zt = square_table()
    cat = Catalogue.default()
    a = tg.Candidate("A", ["r0c0", "r0c1"])
    b = tg.Candidate("B", ["r2c2"])
    tab = tg.compare_candidates(zt, [a, b], cat)
    assert list(tab.columns) == ["label", "unit", "direction", "A", "B", "municipal"]
    assert tab.at["low_income", "A"] == pytest.approx(100 * 40 / 300)
    assert tab.at["low_income", "B"] == pytest.approx(3.0)
    assert tab.at["low_income", "municipal"] == pytest.approx(100 * 236 / 1900)
    assert tab.at["population", "A"] == 400 and tab.at["n_zones", "A"] == 2
    assert len(tab.attrs["profiles"]) == 2
    with pytest.raises(AnalysisError, match="compare 2 to 5 candidates side by side, not 1"):
        tg.compare_candidates(zt, [a], cat)
    six = [tg.Candidate(f"C{i}", [f"r{i // 3}c{i % 3}"]) for i in range(6)]
    with pytest.raises(AnalysisError, match="not 6"):
        tg.compare_candidates(zt, six, cat)
    with pytest.raises(DataError, match="two candidates are called 'A'"):
        tg.compare_candidates(zt, [a, tg.Candidate("A", ["r2c2"])], cat)


# --------------------------------------------------------------------------------------------
# Comparison zones
# --------------------------------------------------------------------------------------------
def comparison_grid() -> ZoneTable:
    """5 x 5 grid; the target r2c2 in the middle has low income 30 and green 40.

    Its neighbour r2c3 is a perfect twin (must be excluded: spillover); r0c0 is the closest
    non-adjacent zone, r4c4 the second; everything else is far away.
    """
    g = grid(5, 5)
    li = np.full(25, 5.0)
    gr = np.full(25, 90.0)
    ids = g.index.tolist()
    for zid, (a, b) in {"r2c2": (30.0, 40.0), "r2c3": (30.0, 40.0), "r0c0": (29.0, 40.0),
                        "r4c4": (27.0, 42.0), "r0c4": (20.0, 60.0)}.items():
        li[ids.index(zid)], gr[ids.index(zid)] = a, b
    g["low_income_count"] = li * 10
    g["low_income_denom"] = 1000
    g["low_income"] = li
    g["green_covered_pct"] = gr
    g["population"] = 1000
    return zone_table(g)


def test_comparison_zones_exclude_neighbours_and_pick_the_closest():
    zt = comparison_grid()
    res = tg.comparison_zones(zt, ["r2c2"], ["low_income", "green_covered_pct"], k=2)
    assert res.zone_ids == ["r0c0", "r4c4"]
    assert "r2c3" in res.excluded_adjacent and len(res.excluded_adjacent) == 8
    # Hand distance for r0c0: only low income differs, by 1; sd of low income over the 25 zones:
    li = zt.gdf["low_income"]
    sd = li.std(ddof=0)
    d = 1.0 / sd
    assert res.table.at[0, "distance"] == pytest.approx(d)
    assert res.table.at[0, "similarity"] == pytest.approx(1 / (1 + d))
    assert res.table["chosen"].tolist() == ["auto", "auto"]
    assert res.table.at[0, "low_income"] == 29.0
    assert res.target_values["low_income"] == 30.0
    # Without the spillover rule the twin next door is the best match (distance 0).
    res2 = tg.comparison_zones(zt, ["r2c2"], ["low_income", "green_covered_pct"], k=1,
                               exclude_adjacent=False)
    assert res2.zone_ids == ["r2c3"] and res2.table.at[0, "similarity"] == 1.0


def test_comparison_zones_swap():
    zt = comparison_grid()
    res = tg.comparison_zones(zt, ["r2c2"], ["low_income", "green_covered_pct"], k=2)
    swapped = res.swap("r4c4", "r0c4")
    assert swapped.zone_ids == ["r0c0", "r0c4"]
    assert swapped.table["chosen"].tolist() == ["auto", "manual"]
    assert res.zone_ids == ["r0c0", "r4c4"]  # the original is unchanged
    with pytest.raises(AnalysisError, match="r2c3 borders the target area"):
        res.swap("r4c4", "r2c3")
    with pytest.raises(AnalysisError, match="r2c2 is a target zone"):
        res.swap("r4c4", "r2c2")
    with pytest.raises(DataError, match="r1c0 is not one of the comparison zones"):
        res.swap("r1c0", "r0c4")
    with pytest.raises(DataError, match="already a comparison zone"):
        res.swap("r4c4", "r0c0")


def test_comparison_zones_k_too_large():
    zt = comparison_grid()
    # 25 zones - 1 target - 8 neighbours = 16 left.
    with pytest.raises(AnalysisError, match=r"asked for 17 comparison zones, but only 16 of the 25 "
                                            r"zones are left after leaving out 1 target zone\(s\) "
                                            r"and 8 zone\(s\) bordering them; choose k <= 16"):
        tg.comparison_zones(zt, ["r2c2"], ["low_income"], k=17)
    assert len(tg.comparison_zones(zt, ["r2c2"], ["low_income"], k=16).table) == 16


def test_comparison_zones_for_a_merged_target():
    zt = comparison_grid()
    # Target r2c2 + r2c3: low income (300 + 300) / 2000 = 30 %, green mean 40 -> same as before.
    res = tg.comparison_zones(zt, tg.Candidate("T", ["r2c2", "r2c3"]),
                              ["low_income", "green_covered_pct"], k=2)
    assert res.target_values.tolist() == pytest.approx([30.0, 40.0])
    assert "r2c4" in res.excluded_adjacent and "r2c3" not in res.excluded_adjacent
    assert res.zone_ids == ["r0c0", "r4c4"]


def test_comparison_zones_bad_input():
    zt = comparison_grid()
    with pytest.raises(DataError, match="unknown indicator column"):
        tg.comparison_zones(zt, ["r2c2"], ["nope"])
    with pytest.raises(DataError, match="not in the zone table: x"):
        tg.comparison_zones(zt, ["x"], ["low_income"])
    with pytest.raises(DataError, match="whole number >= 1"):
        tg.comparison_zones(zt, ["r2c2"], ["low_income"], k=0)
    zt.gdf["const"] = 1.0
    with pytest.raises(AnalysisError, match="no indicator can be used"):
        tg.comparison_zones(zt, ["r2c2"], ["const"])


@pytest.fixture(scope="module")
def demo(demo_project, demo_themes):
    # The cluster step skipped, the index computed.
    return demo_project, demo_themes(compute_clusters=False)


def test_demo_ranking_matches_the_pipeline(demo):
    project, themes = demo
    inputs = tg.index_inputs(themes.zone_table, project.catalogue)
    assert inputs.values.shape == (50, 16)
    r = inputs.rank()
    pipeline_rank = themes.zone_table.gdf["composite_rank"].reindex(r.table.index)
    assert (r.table["rank"].astype(float) == pipeline_rank).all()
    assert (r.table["rank_change"] == 0).all()
    moved = inputs.rank(theme_weights={"levekar": 3})
    assert len(moved.moved) > 0
    s = inputs.stability(top_n=10, draws=200)
    assert s.between(0, 1).all() and s.sum() == pytest.approx(10, abs=1)  # ~10 per draw


def test_demo_candidate_and_cells(demo):
    project, themes = demo
    zt = themes.zone_table
    r = tg.index_inputs(zt, project.catalogue).rank()
    first = r.table.index[0]
    cand = tg.Candidate("Én sone", [first])
    prof = tg.aggregate_candidate(zt, cand, project.catalogue, cells=themes.transit.cells,
                                  weights=themes.weights)
    for key in prof.table.index:
        assert prof.table.at[key, "value"] == pytest.approx(float(zt.gdf.at[first, key]),
                                                            nan_ok=True), key
    assert prof.composite_rank == 1 and prof.composite_of == 50
    # Two neighbouring zones: travel time from the cells lies between the two zone medians.
    nb = sorted(tg.adjacency(zt.gdf, None)[first])[0]
    two = tg.aggregate_candidate(zt, tg.Candidate("To", [first, nb]), project.catalogue,
                                 cells=themes.transit.cells)
    lo, hi = sorted(zt.gdf.loc[[first, nb], "time_to_centre_min"])
    assert lo <= two.table.at["time_to_centre_min", "value"] <= hi
    cells = inside_zone_cells(project, [first, nb], themes)
    assert set(cells["zone_id"]) == {first, nb}
    assert cells["green_covered"].notna().all()
    shown = cells.loc[~cells["suppressed"], "population"].sum()
    total = zt.gdf.loc[[first, nb], "population"].sum()
    assert shown <= total and cells["population"][cells["suppressed"]].isna().all()
    comp = tg.comparison_zones(zt, [first, nb], ["low_income", "neet", "green_covered_pct"], k=5,
                               weights=themes.weights, cells=themes.transit.cells)
    assert len(comp.table) == 5
    assert not set(comp.zone_ids) & set(comp.excluded_adjacent)
