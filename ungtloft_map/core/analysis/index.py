"""Composite disadvantage index and multiple-burden flags ("Where inequality clusters").

Three ways to combine many indicators into one score per zone, which the user can compare
(see ``INDICATORS.md``). Every method returns scores where **higher = more disadvantaged**,
whatever the direction of the individual indicators, and ranks *within the municipality*.

``"percentile"`` (CDC/ATSDR Social Vulnerability Index)
    Each indicator is ranked across the zones as ``(rank - 1) / (N - 1)`` with the average
    rank for ties, direction-adjusted so that 1 = worst. Within each theme the indicator ranks
    are combined and re-ranked the same way; the overall score is the re-rank of the weighted
    combination of the theme scores. SVI *sums* the ranks; we take the weighted *mean* over the
    indicators a zone has, which orders zones exactly like the sum when nothing is missing and
    does not punish a zone for a missing value.
``"zscore"`` (Child Opportunity Index)
    Each indicator is winsorised at its 1st/99th percentile, standardised with the
    population-weighted mean and standard deviation (plain ones without ``population``), and
    its sign is flipped where high is good. The composite is the weighted mean of the z-scores,
    the weights re-normalised over the indicators each zone has (missing ones drop out).
``"ratio"`` (Oslo Bydelsfakta)
    Each indicator relative to the municipal value, 100 = the municipality. For
    ``high_is_bad``: ``100 * value / municipal``; for ``high_is_good`` the mirror image
    ``200 - 100 * value / municipal``, so that **>100 always means worse** and a zone 10 %
    below the municipal completion rate reads 110 exactly as a zone 10 % above the municipal
    low-income rate does. (The alternative ``100 * municipal / value`` was rejected: it divides
    by a zone value that can be 0 in a small zone.) The composite is the weighted mean of the
    ratios, re-normalised over the indicators each zone has.

Weights: ``weights`` per indicator (default 1) are normalised within their theme, and
``theme_weights`` (default 1) across the themes; the effective weight of an indicator is
``theme_weight * weight / sum(weights in its theme)``, normalised to sum to 1
(:attr:`CompositeIndexResult.weights_used`).

Examples
--------
>>> import pandas as pd
>>> values = pd.DataFrame({"low_income": [10.0, 20, 30, 40, 50],
...                        "vgs_completion": [90.0, 85, 80, 70, 60]},
...                       index=pd.Index(["a", "b", "c", "d", "e"], name="zone_id"))
>>> res = composite_index(values, {"low_income": "high_is_bad", "vgs_completion": "high_is_good"},
...                       {"low_income": "levekar", "vgs_completion": "levekar"})
>>> res.rank.tolist()
[5, 4, 3, 2, 1]
>>> burden_flags(values, {"low_income": "high_is_bad", "vgs_completion": "high_is_good"},
...              {"low_income": "levekar", "vgs_completion": "levekar"}).counts["n_flags"].tolist()
[0, 0, 0, 0, 2]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import AnalysisError, DataError, DataWarning

__all__ = [
    "BurdenFlagsResult",
    "CompositeIndexResult",
    "METHODS",
    "OVERLAY_INDICATORS",
    "MIN_ZONES",
    "burden_flags",
    "composite_index",
    "percentile_rank",
]

Method = Literal["percentile", "zscore", "ratio"]
METHODS: tuple[str, ...] = ("percentile", "zscore", "ratio")
DIRECTIONS: tuple[str, ...] = ("high_is_bad", "high_is_good")
#: Ranking "within the municipality" means little with fewer zones than this.
MIN_ZONES = 5
#: Indicators of the overlays that enter the composite index: (column, theme, direction). The
#: pipeline and the target-area ranking both build the index inputs from this one list.
OVERLAY_INDICATORS: tuple[tuple[str, str, str], ...] = (
    ("green_covered_pct", "green", "high_is_good"),
    ("green_m2_per_resident", "green", "high_is_good"),
    ("time_to_centre_min", "transit", "high_is_bad"),
    ("time_to_school_min", "transit", "high_is_bad"),
    ("departures_per_hour_500m", "transit", "high_is_good"),
    ("municipal_share", "housing", "high_is_bad"),
)
# Relative tolerance below which a standard deviation counts as zero: z-scores of an
# indicator that is constant up to floating-point noise would otherwise be huge random numbers.
_ZERO_SD_RTOL = 1e-12


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class CompositeIndexResult:
    """The composite index of every zone.

    Attributes
    ----------
    scores : pandas.Series
        Composite score per zone, **higher = more disadvantaged**; NaN for a zone without any
        indicator (see ``missing``). Scale depends on ``method``: 0–1 for ``"percentile"``,
        a weighted z-score for ``"zscore"``, 100 = municipality for ``"ratio"``.
    rank : pandas.Series
        ``Int64``; 1 = most disadvantaged, ties share the best rank; ``<NA>`` where missing.
    percentile : pandas.Series
        0–1 position of the score among the zones, ``(rank - 1) / (N - 1)`` ascending, so 1 =
        most disadvantaged (for ``"percentile"`` identical to ``scores``).
    theme_scores : pandas.DataFrame
        One column per theme, same scale and direction as ``scores``.
    indicator_scores : pandas.DataFrame
        One column per indicator: its percentile rank, z-score or ratio, direction-adjusted.
    n_indicators : pandas.Series
        Number of indicators (with a positive weight) each zone has a value for.
    missing : pandas.Series
        ``True`` where the zone has no indicator at all, hence no score.
    method : str
    weights_used : dict[str, float]
        Effective weight per indicator, normalised to sum to 1.
    theme_weights_used : dict[str, float]
        Theme weights, normalised to sum to 1.
    municipal_values : dict[str, float]
        The reference of each indicator for ``"ratio"`` (empty otherwise).
    warnings : list[DataWarning]
    """

    scores: pd.Series
    rank: pd.Series
    percentile: pd.Series
    theme_scores: pd.DataFrame
    indicator_scores: pd.DataFrame
    n_indicators: pd.Series
    missing: pd.Series
    method: str
    weights_used: dict[str, float]
    theme_weights_used: dict[str, float]
    municipal_values: dict[str, float] = field(default_factory=dict)
    warnings: list[DataWarning] = field(default_factory=list)

    def top(self, n: int = 5) -> pd.Series:
        """The ``n`` most disadvantaged zones with their scores."""
        return self.scores.dropna().sort_values(ascending=False, kind="stable").head(n)

    def to_frame(self) -> pd.DataFrame:
        """Scores, rank, percentile, theme scores and counts in one table (for export)."""
        out = pd.DataFrame(
            {
                "score": self.scores,
                "rank": self.rank,
                "percentile": self.percentile,
                "n_indicators": self.n_indicators,
                "missing": self.missing,
            }
        )
        themes = self.theme_scores.add_prefix("theme_")
        return out.join(themes)

    def __repr__(self) -> str:
        n = len(self.scores)
        top = ", ".join(f"{z}={v:.3g}" for z, v in self.top(3).items())
        weights = ", ".join(f"{k}={v:.2f}" for k, v in self.weights_used.items())
        return (
            f"CompositeIndexResult(method={self.method!r}, zones={n}, "
            f"missing={int(self.missing.sum())}, indicators={len(self.weights_used)}, "
            f"themes={list(self.theme_scores.columns)}, top=[{top}], weights=[{weights}], "
            f"warnings={len(self.warnings)})"
        )


@dataclass(frozen=True, repr=False)
class BurdenFlagsResult:
    """Multiple-burden flags: which zones are among the worst on which indicators.

    Attributes
    ----------
    flags : pandas.DataFrame
        bool, one column per indicator; ``True`` where the zone's direction-adjusted percentile
        rank is at or above ``percentile``. A missing value is never flagged.
    counts : pandas.DataFrame
        ``n_flags`` (all indicators) and ``n_flags_<theme>`` per theme, ints.
    percentile_ranks : pandas.DataFrame
        The direction-adjusted ``(rank - 1) / (N - 1)`` ranks the flags are based on.
    n_indicators : pandas.Series
        Number of indicators each zone has a value for (a zone with 3 flags of 3 is not the
        same as 3 of 10).
    percentile : float
        The threshold used (0.8 = 80th percentile).
    warnings : list[DataWarning]
    """

    flags: pd.DataFrame
    counts: pd.DataFrame
    percentile_ranks: pd.DataFrame
    n_indicators: pd.Series
    percentile: float
    warnings: list[DataWarning] = field(default_factory=list)

    def __repr__(self) -> str:
        n = self.counts["n_flags"]
        worst = n.sort_values(ascending=False, kind="stable").head(3)
        worst_s = ", ".join(f"{z}={v}" for z, v in worst.items())
        return (
            f"BurdenFlagsResult(percentile={self.percentile:g}, zones={len(n)}, "
            f"indicators={self.flags.shape[1]}, zones_flagged={int((n > 0).sum())}, "
            f"max_flags={int(n.max()) if len(n) else 0}, most=[{worst_s}], "
            f"warnings={len(self.warnings)})"
        )


# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------
def percentile_rank(values: pd.Series) -> pd.Series:
    """Percentile rank ``(rank - 1) / (N - 1)`` with the average rank for ties.

    ``N`` counts the non-missing values; missing values stay NaN. The lowest value gets 0, the
    highest 1, and values that are all equal get 0.5 each.

    Examples
    --------
    >>> percentile_rank(pd.Series([10.0, 20.0, 20.0, 40.0, float("nan")])).tolist()
    [0.0, 0.5, 0.5, 1.0, nan]
    """
    valid = values.dropna()
    n = len(valid)
    if n < 2:
        # (N - 1) would be 0: one value has no position among others.
        return pd.Series(np.nan, index=values.index, dtype=float)
    ranks = valid.rank(method="average")
    return ((ranks - 1.0) / (n - 1.0)).reindex(values.index)


def composite_index(
    values: pd.DataFrame,
    directions: Mapping[str, str],
    themes: Mapping[str, str],
    *,
    method: Method = "percentile",
    weights: Mapping[str, float] | None = None,
    theme_weights: Mapping[str, float] | None = None,
    population: pd.Series | None = None,
    municipal_values: Mapping[str, float] | None = None,
    winsor: tuple[float, float] | None = (0.01, 0.99),
) -> CompositeIndexResult:
    """Combine the indicators of every zone into one disadvantage score.

    Parameters
    ----------
    values
        Index ``zone_id``, one column per indicator key (rates, not counts); NaN = missing.
    directions
        ``"high_is_bad"`` or ``"high_is_good"`` per indicator key (from the catalogue).
    themes
        Theme per indicator key (from the catalogue).
    method
        ``"percentile"`` (SVI), ``"zscore"`` (COI) or ``"ratio"`` (Oslo); see the module notes.
    weights
        Weight per indicator (default 1; non-negative). Keys not in ``values`` are ignored
        with a warning; indicators not named get 1.
    theme_weights
        Weight per theme (default 1; non-negative).
    population
        Population per zone: weights of the mean and sd (``"zscore"``) and of the municipal
        mean (``"ratio"`` without ``municipal_values``).
    municipal_values
        ``"ratio"`` only: the municipal value of each indicator. Pass the true municipal rate
        (sum of counts / sum of denominators); without it the population-weighted mean of the
        zone rates is used, which is only an approximation of it.
    winsor
        ``"zscore"`` only: lower and upper quantile to clip each indicator at before
        standardising; ``None`` = no clipping.

    Returns
    -------
    CompositeIndexResult

    Raises
    ------
    DataError
        Malformed input: unknown direction, indicator without direction/theme, non-numeric
        column, negative weight, bad population.
    AnalysisError
        Fewer than 5 zones with data; weights summing to 0; all the weight on themes without
        data (named in the message); municipal value of 0 for ``"ratio"``.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"a": [1.0, 2, 3, 4, 5]}, index=list("pqrst"))
    >>> composite_index(v, {"a": "high_is_bad"}, {"a": "t"}).scores.tolist()
    [0.0, 0.25, 0.5, 0.75, 1.0]
    >>> composite_index(v, {"a": "high_is_bad"}, {"a": "t"}, method="ratio").scores.round(1).tolist()
    [33.3, 66.7, 100.0, 133.3, 166.7]
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    warnings: list[DataWarning] = []
    data = _clean_values(values, directions, themes, warnings)
    pop = _clean_population(population, data.index) if population is not None else None
    ind_w, theme_w = _resolve_weights(
        data, list(values.columns), themes, weights, theme_weights, warnings
    )
    keys = list(ind_w.index)  # indicators that take part, in column order
    data = data[keys]
    ind_themes = pd.Series({k: themes[k] for k in keys}, dtype=object)
    theme_order = list(dict.fromkeys(ind_themes))
    theme_w = theme_w.reindex(theme_order)
    eff_w = _effective_weights(ind_w, ind_themes, theme_w)

    _warn_constant(data, warnings)
    municipal: dict[str, float] = {}
    if method == "percentile":
        ind_scores = _svi_indicator_scores(data, directions)
    elif method == "zscore":
        ind_scores = _zscore_indicator_scores(data, directions, pop, winsor)
    else:
        ind_scores, municipal = _ratio_indicator_scores(data, directions, pop, municipal_values)

    # Theme scores: weighted mean over the indicators of the theme a zone has.
    theme_scores = pd.DataFrame(index=data.index, dtype=float)
    for theme in theme_order:
        cols = list(ind_themes.index[ind_themes == theme])
        theme_scores[theme] = _renormalised_mean(ind_scores[cols], ind_w[cols])

    if method == "percentile":
        # SVI: re-rank the theme combinations, then re-rank their weighted combination.
        theme_scores = theme_scores.apply(percentile_rank)
        scores = percentile_rank(_renormalised_mean(theme_scores, theme_w))
        percentile = scores.copy()
    else:
        # COI / ratio: one flat weighted mean, weights re-normalised over what the zone has.
        scores = _renormalised_mean(ind_scores, eff_w)
        percentile = percentile_rank(scores)

    used = ind_scores.notna() & (ind_w > 0)
    n_indicators = used.sum(axis=1).astype(int)
    missing = scores.isna()
    if missing.any():
        zones = ", ".join(map(str, missing.index[missing]))
        warnings.append(
            DataWarning(f"{int(missing.sum())} zone(s) have no indicator values and no score: {zones}")
        )
    rank = scores.rank(ascending=False, method="min").astype("Int64")
    return CompositeIndexResult(
        scores=scores.rename("score"),
        rank=rank.rename("rank"),
        percentile=percentile.rename("percentile"),
        theme_scores=theme_scores,
        indicator_scores=ind_scores,
        n_indicators=n_indicators.rename("n_indicators"),
        missing=missing.rename("missing"),
        method=method,
        weights_used={k: float(v) for k, v in eff_w.items()},
        theme_weights_used={t: float(v) for t, v in (theme_w / theme_w.sum()).items()},
        municipal_values=municipal,
        warnings=warnings,
    )


def burden_flags(
    values: pd.DataFrame,
    directions: Mapping[str, str],
    themes: Mapping[str, str],
    *,
    percentile: float = 0.8,
) -> BurdenFlagsResult:
    """Flag each zone on each indicator where it is among the most disadvantaged.

    A flag is raised where the direction-adjusted percentile rank ``(rank - 1) / (N - 1)``
    (average rank for ties, 1 = worst) is ``>= percentile``. Use 0.8 (default) for the 80th
    percentile, 0.9 for the 90th.

    Parameters
    ----------
    values, directions, themes
        As for :func:`composite_index`.
    percentile
        Threshold in (0, 1).

    Returns
    -------
    BurdenFlagsResult

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"a": [1.0, 2, 3, 4, 5, 6]}, index=list("pqrstu"))
    >>> burden_flags(v, {"a": "high_is_bad"}, {"a": "t"}).flags["a"].tolist()
    [False, False, False, False, True, True]
    """
    if not 0.0 < float(percentile) < 1.0:
        raise DataError(f"the flag percentile must be between 0 and 1, not {percentile!r}")
    warnings: list[DataWarning] = []
    data = _clean_values(values, directions, themes, warnings)
    ranks = _svi_indicator_scores(data, directions)
    # A tiny tolerance so that e.g. 8/10 >= 0.8 holds however the division rounds.
    flags = (ranks >= float(percentile) - 1e-12) & ranks.notna()
    counts = pd.DataFrame({"n_flags": flags.sum(axis=1).astype(int)}, index=data.index)
    for theme in dict.fromkeys(themes[k] for k in data.columns):
        cols = [k for k in data.columns if themes[k] == theme]
        counts[f"n_flags_{theme}"] = flags[cols].sum(axis=1).astype(int)
    return BurdenFlagsResult(
        flags=flags,
        counts=counts,
        percentile_ranks=ranks,
        n_indicators=data.notna().sum(axis=1).astype(int).rename("n_indicators"),
        percentile=float(percentile),
        warnings=warnings,
    )


# --------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------
def _clean_values(
    values: pd.DataFrame,
    directions: Mapping[str, str],
    themes: Mapping[str, str],
    warnings: list[DataWarning],
) -> pd.DataFrame:
    """Check the indicator table; return it as floats without all-empty columns."""
    if not isinstance(values, pd.DataFrame):
        raise DataError("indicator values must be a table (DataFrame) with one row per zone")
    if values.index.has_duplicates:
        dup = values.index[values.index.duplicated()].unique()[:5]
        raise DataError(f"zone ids are repeated in the indicator table: {', '.join(map(str, dup))}")
    if values.shape[1] == 0:
        raise AnalysisError("no indicators were given")
    for key in values.columns:
        if key not in directions:
            raise DataError("indicator has no direction (high_is_bad/high_is_good)", field=key)
        if directions[key] not in DIRECTIONS:
            raise DataError(
                f"direction must be 'high_is_bad' or 'high_is_good', not {directions[key]!r}",
                field=key,
            )
        if key not in themes:
            raise DataError("indicator has no theme", field=key)
    try:
        data = values.apply(pd.to_numeric, errors="raise").astype(float)
    except (ValueError, TypeError) as err:
        raise DataError(f"indicator values must be numbers ({err})") from None
    # inf is as unusable as NaN (a rate with denominator 0) and must not become a colour.
    data = data.replace([np.inf, -np.inf], np.nan)
    empty = [k for k in data.columns if data[k].count() < 2]
    for key in empty:
        warnings.append(
            DataWarning("indicator has fewer than 2 zones with a value and is left out", field=key)
        )
    data = data.drop(columns=empty)
    if data.shape[1] == 0:
        raise AnalysisError("no indicator has values for 2 or more zones")
    n_zones = int(data.notna().any(axis=1).sum())
    if n_zones < MIN_ZONES:
        raise AnalysisError(
            f"only {n_zones} zone(s) have indicator values; ranking within the municipality "
            f"needs at least {MIN_ZONES}"
        )
    return data


def _clean_population(population: pd.Series, index: pd.Index) -> pd.Series:
    """Population per zone aligned to ``index``; refuse missing or negative values."""
    pop = pd.to_numeric(pd.Series(population), errors="coerce").reindex(index)
    bad = pop.isna() | ~np.isfinite(pop.to_numpy(dtype=float, na_value=np.nan))
    if bad.any():
        zones = ", ".join(map(str, pop.index[bad][:5]))
        raise DataError(f"population is missing for zone(s) {zones}", field="population")
    if (pop < 0).any():
        zones = ", ".join(map(str, pop.index[pop < 0][:5]))
        raise DataError(f"population is negative for zone(s) {zones}", field="population")
    if pop.sum() <= 0:
        raise DataError("population is 0 in every zone", field="population")
    return pop.astype(float)


def _resolve_weights(
    data: pd.DataFrame,
    all_keys: list[str],
    themes: Mapping[str, str],
    weights: Mapping[str, float] | None,
    theme_weights: Mapping[str, float] | None,
    warnings: list[DataWarning],
) -> tuple[pd.Series, pd.Series]:
    """Indicator and theme weights for the indicators that have data.

    ``all_keys`` are the columns given (including ones dropped for lack of data), so that
    weight put on an indicator without data can be reported under its theme.

    Returns the indicator weights (indicators of themes that keep a positive weight, in
    column order) and the theme weights of those themes.
    """
    weights = dict(weights or {})
    theme_weights = dict(theme_weights or {})
    for name, w in [*weights.items(), *theme_weights.items()]:
        try:
            ok = np.isfinite(float(w)) and float(w) >= 0
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise DataError(f"weight of {name!r} must be a number >= 0, not {w!r}")
    unknown = [k for k in weights if k not in all_keys]
    if unknown:
        warnings.append(
            DataWarning(f"weights given for unknown indicators are ignored: {', '.join(unknown)}")
        )
    given_w = pd.Series({k: float(weights.get(k, 1.0)) for k in all_keys}, dtype=float)
    given_theme = pd.Series({k: themes[k] for k in all_keys}, dtype=object)
    has_data = given_w.index.isin(data.columns)
    all_themes = list(dict.fromkeys([*given_theme, *theme_weights]))
    th_w = pd.Series({t: float(theme_weights.get(t, 1.0)) for t in all_themes}, dtype=float)
    # Weight "on" a theme: the theme weight is positive and so is some indicator weight in it.
    mass_all = given_w.groupby(given_theme, sort=False).sum()
    mass_data = given_w[has_data].groupby(given_theme[has_data], sort=False).sum()
    on = [t for t in all_themes if th_w[t] > 0 and mass_all.get(t, 0.0) > 0]
    on_explicit = [t for t in theme_weights if th_w[t] > 0 and t not in mass_all.index]
    live = [t for t in on if mass_data.get(t, 0.0) > 0]
    dead = [t for t in [*on, *on_explicit] if t not in live]
    if not on and not on_explicit:
        raise AnalysisError("the weights add up to 0: give at least one indicator a weight > 0",
                            code="weights_zero")
    if not live:
        names = ", ".join(f"'{t}'" for t in dead)
        raise AnalysisError(
            f"all the weight is on theme(s) without data: {names}; give weight to a theme "
            "whose indicators have values"
        )
    for theme in dead:
        warnings.append(
            DataWarning(f"theme '{theme}' has weight but no indicator with data; left out")
        )
    ind_w = given_w[has_data]
    keep = given_theme[has_data].isin(live)
    return ind_w[keep], th_w[live]


def _effective_weights(ind_w: pd.Series, ind_themes: pd.Series, theme_w: pd.Series) -> pd.Series:
    """``theme_weight * weight / sum(weights in theme)``, normalised to sum to 1."""
    within = ind_w / ind_w.groupby(ind_themes, sort=False).transform("sum")
    eff = within.fillna(0.0) * ind_themes.map(theme_w).astype(float)
    return eff / eff.sum()


def _warn_constant(data: pd.DataFrame, warnings: list[DataWarning]) -> None:
    for key in data.columns:
        col = data[key].dropna()
        if col.nunique() == 1:
            warnings.append(
                DataWarning(
                    "indicator has the same value in every zone and cannot tell zones apart "
                    "(z-score 0, percentile 0.5)",
                    field=key,
                )
            )


# --------------------------------------------------------------------------------------------
# The three methods
# --------------------------------------------------------------------------------------------
def _adjusted(data: pd.DataFrame, directions: Mapping[str, str]) -> pd.DataFrame:
    """Flip the sign of ``high_is_good`` indicators so that higher = worse everywhere."""
    sign = pd.Series({k: -1.0 if directions[k] == "high_is_good" else 1.0 for k in data.columns})
    return data * sign


def _svi_indicator_scores(data: pd.DataFrame, directions: Mapping[str, str]) -> pd.DataFrame:
    return _adjusted(data, directions).apply(percentile_rank)


def _zscore_indicator_scores(
    data: pd.DataFrame,
    directions: Mapping[str, str],
    pop: pd.Series | None,
    winsor: tuple[float, float] | None,
) -> pd.DataFrame:
    if winsor is not None:
        lo, hi = (float(q) for q in winsor)
        if not 0.0 <= lo < hi <= 1.0:
            raise DataError(f"winsor quantiles must satisfy 0 <= low < high <= 1, not {winsor!r}")
    # Plain numpy per column: pandas' boolean-mask assignment costs more than the arithmetic.
    values = data.to_numpy(dtype=float)
    weights = pop.to_numpy(dtype=float) if pop is not None else np.ones(len(data))
    out = np.full(values.shape, np.nan)
    for j, key in enumerate(data.columns):
        valid = ~np.isnan(values[:, j])
        x = values[valid, j]
        if winsor is not None:
            # Clip outliers so that one extreme small zone cannot dominate the sd.
            q_lo, q_hi = np.quantile(x, [lo, hi])
            x = np.clip(x, q_lo, q_hi)
        w = weights[valid]
        if w.sum() <= 0:
            raise DataError("population is 0 in every zone with a value", field=key)
        mean = float(np.average(x, weights=w))
        sd = float(np.sqrt(np.average((x - mean) ** 2, weights=w)))
        if sd <= _ZERO_SD_RTOL * max(1.0, abs(mean)):
            z = np.zeros_like(x)  # a constant indicator says nothing about any zone
        else:
            z = (x - mean) / sd
        if directions[key] == "high_is_good":
            z = -z
        out[valid, j] = z + 0.0  # turn -0.0 into 0.0
    return pd.DataFrame(out, index=data.index, columns=data.columns)


def _ratio_indicator_scores(
    data: pd.DataFrame,
    directions: Mapping[str, str],
    pop: pd.Series | None,
    municipal_values: Mapping[str, float] | None,
) -> tuple[pd.DataFrame, dict[str, float]]:
    municipal_values = dict(municipal_values or {})
    out = pd.DataFrame(index=data.index, dtype=float)
    used: dict[str, float] = {}
    for key in data.columns:
        col = data[key]
        valid = col.notna()
        if key in municipal_values and municipal_values[key] is not None:
            ref = float(municipal_values[key])
        else:
            w = pop[valid].to_numpy() if pop is not None else np.ones(int(valid.sum()))
            ref = float(np.average(col[valid].to_numpy(), weights=w)) if w.sum() > 0 else np.nan
        if not np.isfinite(ref) or ref <= 0:
            raise AnalysisError(
                f"the municipal value is {ref:g}; a ratio to the municipality needs a value > 0",
                field=key,
            )
        used[key] = ref
        rel = 100.0 * col / ref
        # Mirror around 100 for high_is_good so that >100 is always worse (module notes).
        out[key] = rel if directions[key] == "high_is_bad" else 200.0 - rel
    return out, used


def _renormalised_mean(scores: pd.DataFrame, weights: pd.Series) -> pd.Series:
    """Weighted mean per row over the non-missing cells, weights re-normalised per row.

    A row whose available cells all have weight 0 (or no cells) gets NaN.
    """
    w = weights.reindex(scores.columns).astype(float).to_numpy()
    vals = scores.to_numpy(dtype=float)
    avail = ~np.isnan(vals)
    wmat = np.where(avail, w, 0.0)
    den = wmat.sum(axis=1)
    num = np.where(avail, vals, 0.0) @ w
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return pd.Series(out, index=scores.index, dtype=float)
