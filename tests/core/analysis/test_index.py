"""Composite index and burden flags, checked against numbers worked out by hand."""

from __future__ import annotations

from math import sqrt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ungtloft_map.core.analysis.index import (
    BurdenFlagsResult,
    CompositeIndexResult,
    burden_flags,
    composite_index,
    percentile_rank,
)
from ungtloft_map.core.errors import AnalysisError, DataError

ZONES = pd.Index(["A", "B", "C", "D", "E"], name="zone_id")


def _table() -> tuple[pd.DataFrame, dict, dict]:
    """Five zones, two themes, one indicator where high is good in each theme."""
    values = pd.DataFrame(
        {
            "inc": [10.0, 20, 20, 40, 50],  # high_is_bad, tie between B and C
            "edu": [90.0, 80, 70, 60, 50],  # high_is_good
            "green": [5.0, 1, 3, 2, 4],  # high_is_good, other theme
        },
        index=ZONES,
    )
    directions = {"inc": "high_is_bad", "edu": "high_is_good", "green": "high_is_good"}
    themes = {"inc": "levekar", "edu": "levekar", "green": "miljo"}
    return values, directions, themes


# --------------------------------------------------------------------------------------------
# percentile rank
# --------------------------------------------------------------------------------------------
def test_percentile_rank_formula_with_ties():
    # ranks with the average for ties: 3.5, 1, 3.5, 5, 2 -> (rank - 1) / (5 - 1)
    s = pd.Series([3.0, 1.0, 3.0, 5.0, 2.0])
    assert percentile_rank(s).tolist() == [0.625, 0.0, 0.625, 1.0, 0.25]


def test_percentile_rank_ignores_missing_in_n():
    # N = 3 non-missing values: ranks 1, 2, 3 -> 0, 0.5, 1
    s = pd.Series([30.0, np.nan, 10.0, 20.0])
    out = percentile_rank(s)
    assert out.iloc[0] == 1.0 and np.isnan(out.iloc[1])
    assert out.iloc[2] == 0.0 and out.iloc[3] == 0.5


def test_percentile_rank_all_equal_is_half():
    assert percentile_rank(pd.Series([7.0] * 6)).tolist() == [0.5] * 6


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=2, max_size=30))
def test_percentile_rank_is_exactly_rank_minus_one_over_n_minus_one(xs):
    s = pd.Series(xs, dtype=float)
    n = len(xs)
    expected = [
        (sum(1 for y in xs if y < x) + (sum(1 for y in xs if y == x) + 1) / 2 - 1) / (n - 1)
        for x in xs
    ]
    assert np.allclose(percentile_rank(s).to_numpy(), expected, rtol=0, atol=1e-12)


# --------------------------------------------------------------------------------------------
# SVI percentile method
# --------------------------------------------------------------------------------------------
def test_svi_by_hand():
    values, directions, themes = _table()
    res = composite_index(values, directions, themes, method="percentile")
    assert isinstance(res, CompositeIndexResult)
    ind = res.indicator_scores
    # inc: ranks 1, 2.5, 2.5, 4, 5
    assert ind["inc"].tolist() == [0.0, 0.375, 0.375, 0.75, 1.0]
    # edu is high_is_good: lowest completion (E) is worst
    assert ind["edu"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    # green high_is_good: 5,1,3,2,4 -> worst is B (1)
    assert ind["green"].tolist() == [0.0, 1.0, 0.5, 0.75, 0.25]
    # theme sums levekar 0, .625, .875, 1.5, 2 -> re-ranked
    assert res.theme_scores["levekar"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert res.theme_scores["miljo"].tolist() == [0.0, 1.0, 0.5, 0.75, 0.25]
    # overall sum 0, 1.25, 1.0, 1.5, 1.25 -> ranks 1, 3.5, 2, 5, 3.5
    assert res.scores.tolist() == [0.0, 0.625, 0.25, 1.0, 0.625]
    assert res.percentile.tolist() == res.scores.tolist()
    assert res.rank.tolist() == [5, 2, 4, 1, 2]  # 1 = most disadvantaged, ties share
    assert res.n_indicators.tolist() == [3, 3, 3, 3, 3]
    assert not res.missing.any()
    assert res.weights_used == pytest.approx({"inc": 0.25, "edu": 0.25, "green": 0.5})


def test_svi_theme_weights():
    values, directions, themes = _table()
    res = composite_index(
        values, directions, themes, theme_weights={"levekar": 3.0, "miljo": 1.0}
    )
    # 3 * levekar + 1 * miljo: 0, 1.75, 2.0, 3.0, 3.25 -> ranks 1..5
    assert res.scores.tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert res.theme_weights_used == pytest.approx({"levekar": 0.75, "miljo": 0.25})
    assert res.weights_used == pytest.approx({"inc": 0.375, "edu": 0.375, "green": 0.25})


def test_svi_direction_flip_reverses_order():
    values = pd.DataFrame({"x": [1.0, 2, 3, 4, 5]}, index=ZONES)
    bad = composite_index(values, {"x": "high_is_bad"}, {"x": "t"})
    good = composite_index(values, {"x": "high_is_good"}, {"x": "t"})
    assert bad.scores.tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert good.scores.tolist() == [1.0, 0.75, 0.5, 0.25, 0.0]
    assert good.rank.tolist() == [1, 2, 3, 4, 5]


# --------------------------------------------------------------------------------------------
# COI z-score method
# --------------------------------------------------------------------------------------------
def test_zscore_plain_by_hand():
    values = pd.DataFrame({"a": [1.0, 2, 3, 4, 5], "g": [50.0, 40, 30, 20, 10]}, index=ZONES)
    res = composite_index(
        values,
        {"a": "high_is_bad", "g": "high_is_good"},
        {"a": "t", "g": "t"},
        method="zscore",
        winsor=None,
    )
    # a: mean 3, population sd sqrt(2); g: mean 30, sd sqrt(200), sign flipped
    za = [(-2) / sqrt(2), (-1) / sqrt(2), 0.0, 1 / sqrt(2), 2 / sqrt(2)]
    zg = [-(20) / sqrt(200), -(10) / sqrt(200), 0.0, 10 / sqrt(200), 20 / sqrt(200)]
    assert res.indicator_scores["a"].to_numpy() == pytest.approx(za)
    assert res.indicator_scores["g"].to_numpy() == pytest.approx(zg)
    assert res.scores.to_numpy() == pytest.approx([(x + y) / 2 for x, y in zip(za, zg)])
    assert res.rank.tolist() == [5, 4, 3, 2, 1]
    assert res.percentile.tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_zscore_population_weighted_mean_and_sd():
    values = pd.DataFrame({"a": [1.0, 2, 3, 4, 5]}, index=ZONES)
    pop = pd.Series([1, 1, 1, 1, 4], index=ZONES)
    res = composite_index(
        values, {"a": "high_is_bad"}, {"a": "t"}, method="zscore", population=pop, winsor=None
    )
    # weighted mean (1+2+3+4+4*5)/8 = 3.75; weighted variance
    # (2.75^2 + 1.75^2 + 0.75^2 + 0.25^2 + 4 * 1.25^2) / 8 = 17.5 / 8 = 2.1875
    sd = sqrt(2.1875)
    expected = [(1 - 3.75) / sd, (2 - 3.75) / sd, (3 - 3.75) / sd, (4 - 3.75) / sd, 1.25 / sd]
    assert res.scores.to_numpy() == pytest.approx(expected)


def test_zscore_winsorises_at_quantiles():
    values = pd.DataFrame({"a": [1.0, 2, 3, 4, 100]}, index=ZONES)
    res = composite_index(
        values, {"a": "high_is_bad"}, {"a": "t"}, method="zscore", winsor=(0.0, 0.75)
    )
    # 75th percentile of 1,2,3,4,100 (linear) = 4 -> clipped 1,2,3,4,4: mean 2.8, var 1.36
    sd = sqrt(1.36)
    expected = [(1 - 2.8) / sd, (2 - 2.8) / sd, (3 - 2.8) / sd, 1.2 / sd, 1.2 / sd]
    assert res.scores.to_numpy() == pytest.approx(expected)


def test_zscore_weights_renormalised_over_available_indicators():
    values = pd.DataFrame(
        {"a": [1.0, 2, 3, 4, 5], "b": [5.0, 4, 3, 2, np.nan]}, index=ZONES
    )
    res = composite_index(
        values,
        {"a": "high_is_bad", "b": "high_is_bad"},
        {"a": "t", "b": "t"},
        method="zscore",
        weights={"a": 3.0, "b": 1.0},
        winsor=None,
    )
    # a: mean 3, sd sqrt(2); b (4 zones): mean 3.5, var (2.25+.25+.25+2.25)/4 = 1.25
    za = np.array([-2, -1, 0, 1, 2]) / sqrt(2)
    zb = np.array([1.5, 0.5, -0.5, -1.5]) / sqrt(1.25)
    expected = list(0.75 * za[:4] + 0.25 * zb) + [za[4]]  # E has only a: weight 3/3
    assert res.scores.to_numpy() == pytest.approx(expected)
    assert res.n_indicators.tolist() == [2, 2, 2, 2, 1]
    assert res.weights_used == pytest.approx({"a": 0.75, "b": 0.25})


def test_zscore_zero_variance_gives_zero_and_warning():
    values = pd.DataFrame({"a": [1.0, 2, 3, 4, 5], "c": [7.0] * 5}, index=ZONES)
    res = composite_index(
        values, {"a": "high_is_bad", "c": "high_is_good"}, {"a": "t", "c": "t"}, method="zscore"
    )
    assert res.indicator_scores["c"].tolist() == [0.0] * 5
    assert np.isfinite(res.scores).all()
    assert any(w.field == "c" and "same value" in w.message for w in res.warnings)


# --------------------------------------------------------------------------------------------
# Ratio method
# --------------------------------------------------------------------------------------------
def test_ratio_by_hand_with_municipal_values():
    values = pd.DataFrame(
        {"a": [10.0, 20, 30, 40, 50], "g": [80.0, 90, 100, 60, 70]}, index=ZONES
    )
    res = composite_index(
        values,
        {"a": "high_is_bad", "g": "high_is_good"},
        {"a": "t", "g": "t"},
        method="ratio",
        municipal_values={"a": 25.0, "g": 80.0},
    )
    assert res.indicator_scores["a"].tolist() == pytest.approx([40, 80, 120, 160, 200])
    # high_is_good mirrored: 200 - 100 * value / municipal, so below-average completion > 100
    assert res.indicator_scores["g"].tolist() == pytest.approx([100, 87.5, 75, 125, 112.5])
    assert res.scores.tolist() == pytest.approx([70, 83.75, 97.5, 142.5, 156.25])
    assert res.municipal_values == {"a": 25.0, "g": 80.0}
    assert res.rank.tolist() == [5, 4, 3, 2, 1]


def test_ratio_municipal_value_defaults_to_population_weighted_mean():
    values = pd.DataFrame({"a": [10.0, 20, 30, 40, 50]}, index=ZONES)
    pop = pd.Series([4, 1, 1, 1, 1], index=ZONES)
    res = composite_index(values, {"a": "high_is_bad"}, {"a": "t"}, method="ratio", population=pop)
    # (4*10 + 20 + 30 + 40 + 50) / 8 = 22.5
    assert res.municipal_values["a"] == pytest.approx(22.5)
    assert res.scores.iloc[0] == pytest.approx(100 * 10 / 22.5)


def test_ratio_over_100_always_worse():
    values = pd.DataFrame({"bad": [1.0, 2, 3, 4, 5], "good": [1.0, 2, 3, 4, 5]}, index=ZONES)
    res = composite_index(
        values,
        {"bad": "high_is_bad", "good": "high_is_good"},
        {"bad": "t", "good": "t"},
        method="ratio",
    )
    # both municipal means are 3; zone E is worst on 'bad', zone A worst on 'good'
    assert res.indicator_scores.loc["E", "bad"] > 100
    assert res.indicator_scores.loc["A", "good"] > 100
    assert res.indicator_scores.loc["A", "good"] == pytest.approx(200 - 100 / 3)


def test_ratio_zero_municipal_value_is_an_analysis_error():
    values = pd.DataFrame({"a": [1.0, 2, 3, 4, 5]}, index=ZONES)
    with pytest.raises(AnalysisError, match="municipal value"):
        composite_index(
            values, {"a": "high_is_bad"}, {"a": "t"}, method="ratio", municipal_values={"a": 0}
        )


# --------------------------------------------------------------------------------------------
# Missing data, weights and bad input
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["percentile", "zscore", "ratio"])
def test_zone_without_indicators_is_missing_not_coloured(method):
    values, directions, themes = _table()
    values.loc["F"] = np.nan
    res = composite_index(values, directions, themes, method=method)
    assert res.missing.tolist() == [False] * 5 + [True]
    assert np.isnan(res.scores["F"]) and res.rank.isna()["F"]
    assert res.n_indicators["F"] == 0
    assert np.isfinite(res.scores.drop("F")).all()
    assert any("F" in w.message and "no score" in w.message for w in res.warnings)
    assert "missing=1" in repr(res)


def test_weights_summing_to_zero():
    values, directions, themes = _table()
    with pytest.raises(AnalysisError, match="add up to 0"):
        composite_index(values, directions, themes, weights={"inc": 0, "edu": 0, "green": 0})
    with pytest.raises(AnalysisError, match="add up to 0"):
        composite_index(values, directions, themes, theme_weights={"levekar": 0, "miljo": 0})


def test_all_weight_on_theme_without_data_names_the_theme():
    values, directions, themes = _table()
    values["transit"] = np.nan
    directions["transit"] = "high_is_bad"
    themes["transit"] = "transport"
    with pytest.raises(AnalysisError, match="'transport'"):
        composite_index(
            values, directions, themes, weights={"inc": 0, "edu": 0, "green": 0, "transit": 1}
        )
    with pytest.raises(AnalysisError, match="'transport'"):
        composite_index(
            values, directions, themes,
            theme_weights={"levekar": 0, "miljo": 0, "transport": 1},
        )
    # some weight elsewhere: the empty theme is left out with a warning
    res = composite_index(values, directions, themes)
    assert any("transport" in w.message for w in res.warnings)
    assert "transit" not in res.weights_used


def test_fewer_than_five_zones():
    values = pd.DataFrame({"a": [1.0, 2, 3, 4]}, index=list("ABCD"))
    with pytest.raises(AnalysisError, match="at least 5"):
        composite_index(values, {"a": "high_is_bad"}, {"a": "t"})
    with pytest.raises(AnalysisError, match="at least 5"):
        burden_flags(values, {"a": "high_is_bad"}, {"a": "t"})


@pytest.mark.parametrize(
    ("directions", "weights", "match"),
    [
        ({"a": "high_is_worse"}, None, "direction"),
        ({}, None, "no direction"),
        ({"a": "high_is_bad"}, {"a": -1.0}, ">= 0"),
    ],
)
def test_bad_input_is_a_data_error(directions, weights, match):
    values = pd.DataFrame({"a": [1.0, 2, 3, 4, 5]}, index=ZONES)
    with pytest.raises(DataError, match=match):
        composite_index(values, directions, {"a": "t"}, weights=weights)


def test_missing_population_is_a_data_error():
    values = pd.DataFrame({"a": [1.0, 2, 3, 4, 5]}, index=ZONES)
    pop = pd.Series([1, 1, 1, 1], index=ZONES[:4])
    with pytest.raises(DataError, match="population is missing"):
        composite_index(values, {"a": "high_is_bad"}, {"a": "t"}, method="zscore", population=pop)


def test_unknown_method():
    values = pd.DataFrame({"a": [1.0, 2, 3, 4, 5]}, index=ZONES)
    with pytest.raises(ValueError):
        composite_index(values, {"a": "high_is_bad"}, {"a": "t"}, method="median")


def test_repr_and_frame():
    values, directions, themes = _table()
    res = composite_index(values, directions, themes, method="zscore")
    r = repr(res)
    assert r.startswith("CompositeIndexResult(method='zscore'") and "top=[" in r
    frame = res.to_frame()
    assert list(frame.columns[:5]) == ["score", "rank", "percentile", "n_indicators", "missing"]
    assert {"theme_levekar", "theme_miljo"} <= set(frame.columns)


# --------------------------------------------------------------------------------------------
# Burden flags
# --------------------------------------------------------------------------------------------
def test_flags_at_or_above_the_80th_and_90th_percentile():
    idx = pd.Index([f"z{i}" for i in range(11)])
    values = pd.DataFrame(
        {"bad": np.arange(11.0), "good": np.arange(11.0), "other": np.arange(11.0)}, index=idx
    )
    directions = {"bad": "high_is_bad", "good": "high_is_good", "other": "high_is_bad"}
    themes = {"bad": "levekar", "good": "levekar", "other": "miljo"}
    res = burden_flags(values, directions, themes)
    assert isinstance(res, BurdenFlagsResult)
    # percentile rank i / 10: 0.8 itself is flagged (>=)
    assert res.flags["bad"].tolist() == [False] * 8 + [True] * 3
    assert res.flags["good"].tolist() == [True] * 3 + [False] * 8
    assert res.counts["n_flags"].tolist() == [1, 1, 1, 0, 0, 0, 0, 0, 2, 2, 2]
    assert res.counts["n_flags_levekar"].tolist() == [1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1]
    assert res.counts["n_flags_miljo"].tolist() == [0] * 8 + [1] * 3
    res90 = burden_flags(values, directions, themes, percentile=0.9)
    assert res90.flags["bad"].tolist() == [False] * 9 + [True] * 2
    assert "percentile=0.9" in repr(res90)


def test_flags_with_ties_and_missing():
    values = pd.DataFrame({"a": [1.0, 2, 3, 5, 5, np.nan]}, index=list("ABCDEF"))
    res = burden_flags(values, {"a": "high_is_bad"}, {"a": "t"})
    # N = 5: ranks 1, 2, 3, 4.5, 4.5 -> 0, .25, .5, .875, .875
    assert res.percentile_ranks["a"].tolist()[:5] == [0.0, 0.25, 0.5, 0.875, 0.875]
    assert res.flags["a"].tolist() == [False, False, False, True, True, False]
    assert res.n_indicators.tolist() == [1, 1, 1, 1, 1, 0]


def test_flags_bad_percentile():
    values = pd.DataFrame({"a": [1.0, 2, 3, 4, 5]}, index=ZONES)
    with pytest.raises(DataError):
        burden_flags(values, {"a": "high_is_bad"}, {"a": "t"}, percentile=80)
