"""Ranking zones for a target area: the composite index under chosen weights, and its stability.

:func:`rank_zones`
    The zones ranked by the composite index (:func:`..index.composite_index`) under the weights
    the team chooses, with each zone's move against a baseline weighting (default: every weight
    1) as a number and an arrow. Fast enough for a slider (see ``benchmarks/bench_targeting.py``):
    the baseline ranking is cached, so a weight change costs one index computation.
:func:`stability`
    How robust "zone X is in the top N" is to the weights: the share of random weight draws
    (every indicator weight and every theme weight multiplied by its own ``U(1 - spread,
    1 + spread)``) in which the zone stays in the top N. Vectorised: the indicator scores of the
    index (percentile ranks, z-scores or ratios) do not depend on the weights, so they are
    computed once and all draws are a few matrix products.
:func:`weight_spec` / :func:`load_weights` / :func:`has_live_weight`
    A weighting read and checked (from a dict or a weights file), and whether it gives any
    indicator a weight at all.

Operations on frames (:func:`rank_zones`, :func:`stability`) or on a :class:`ZoneTable`
(:func:`index_inputs`); never on a project.

Examples
--------
>>> inputs = index_inputs(themes.zone_table, project.catalogue)  # doctest: +SKIP
>>> inputs.rank(theme_weights={"levekar": 2}).top(5)  # doctest: +SKIP
>>> inputs.stability(top_n=10)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from ...catalogue import Catalogue
from ...errors import AnalysisError, DataError, DataWarning
from ...zonetable import ZoneTable
from ..index import METHODS, OVERLAY_INDICATORS, CompositeIndexResult, composite_index
from .contiguity import as_zone_table

__all__ = [
    "ARROW_DOWN",
    "ARROW_UP",
    "IndexInputs",
    "Ranking",
    "has_live_weight",
    "index_inputs",
    "load_weights",
    "rank_zones",
    "stability",
    "weight_spec",
]

ARROW_UP = "↑"
ARROW_DOWN = "↓"


# --------------------------------------------------------------------------------------------
# Index inputs
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class IndexInputs:
    """The indicator table behind the composite index, ready for :func:`rank_zones`.

    Build it with :func:`index_inputs` from the enriched zone table; it holds exactly the
    columns :func:`ungtloft_map.core.pipeline.compute_themes` feeds the index, so a ranking here
    matches the ``composite_rank`` on the map under the same weights.

    Attributes
    ----------
    values : pandas.DataFrame
        Index ``zone_id``, one column per indicator (rates and measures, not counts).
    directions, themes : dict[str, str]
        ``high_is_bad``/``high_is_good`` and theme per indicator.
    population : pandas.Series | None
        Residents per zone (weights of the z-score method).
    names : pandas.Series | None
        ``zone_name`` per zone, for tables.
    n_flags : pandas.Series | None
        Multiple-burden flag count per zone, when the zone table has it.
    municipal_values : dict[str, float]
        Municipal value per indicator (from counts where possible), for the ratio method.
    """

    values: pd.DataFrame
    directions: dict[str, str]
    themes: dict[str, str]
    population: pd.Series | None = None
    names: pd.Series | None = None
    n_flags: pd.Series | None = None
    municipal_values: dict[str, float] = field(default_factory=dict)

    def rank(self, *, weights: Mapping[str, float] | None = None,
             theme_weights: Mapping[str, float] | None = None, method: str = "percentile",
             baseline_weights: Mapping[str, float] | None = None,
             baseline_theme_weights: Mapping[str, float] | None = None) -> Ranking:
        """:func:`rank_zones` on these inputs (names and population filled in)."""
        return rank_zones(self.values, self.directions, self.themes, weights=weights,
                          theme_weights=theme_weights, method=method, population=self.population,
                          baseline_weights=baseline_weights,
                          baseline_theme_weights=baseline_theme_weights, names=self.names,
                          municipal_values=self.municipal_values)

    def stability(self, *, weights: Mapping[str, float] | None = None,
                  theme_weights: Mapping[str, float] | None = None, method: str = "percentile",
                  top_n: int = 10, draws: int = 1000, spread: float = 0.25,
                  seed: int = 12345) -> pd.Series:
        """:func:`stability` on these inputs."""
        return stability(self.values, self.directions, self.themes, weights=weights,
                         theme_weights=theme_weights, method=method, top_n=top_n, draws=draws,
                         spread=spread, seed=seed, population=self.population,
                         municipal_values=self.municipal_values)

    def __repr__(self) -> str:
        by_theme: dict[str, int] = {}
        for t in self.themes.values():
            by_theme[t] = by_theme.get(t, 0) + 1
        return (f"IndexInputs(zones={len(self.values)}, indicators={self.values.shape[1]}, "
                f"themes={by_theme}, population={self.population is not None})")


def index_inputs(zone_table: ZoneTable, catalogue: Catalogue) -> IndexInputs:
    """The indicators of the composite index, as the pipeline chooses them.

    Levekår rates of every catalogue indicator in the table, then the overlay indicators of
    :data:`ungtloft_map.core.analysis.index.OVERLAY_INDICATORS` that have at least one value.

    Examples
    --------
    >>> inputs = index_inputs(themes.zone_table, project.catalogue)  # doctest: +SKIP
    >>> inputs  # doctest: +SKIP
    IndexInputs(zones=50, indicators=16, themes={'levekar': 10, 'green': 2, ...}, population=True)
    """
    zt = as_zone_table(zone_table)
    gdf = zt.gdf
    cols: list[str] = []
    directions: dict[str, str] = {}
    themes: dict[str, str] = {}
    for ind in catalogue:
        if ind.key in gdf.columns:
            cols.append(ind.key)
            directions[ind.key] = ind.direction
            themes[ind.key] = ind.theme
    for col, theme, direction in OVERLAY_INDICATORS:
        if col in gdf.columns and gdf[col].notna().any():
            cols.append(col)
            directions[col] = direction
            themes[col] = theme
    if not cols:
        raise AnalysisError("the zone table has no indicators to rank the zones by")
    values = pd.DataFrame(gdf[cols]).astype(float)
    pop = gdf["population"].astype(float) if "population" in gdf.columns else None
    names = gdf["zone_name"] if "zone_name" in gdf.columns else None
    flags = gdf["n_flags"] if "n_flags" in gdf.columns else None
    municipal = {}
    for c in cols:
        try:
            municipal[c] = float(zt.municipal_value(c))
        except KeyError:
            pass
    return IndexInputs(values, directions, themes, pop, names, flags, municipal)


# --------------------------------------------------------------------------------------------
# Ranking
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class Ranking:
    """Zones ranked by the composite index under chosen weights.

    Attributes
    ----------
    table : pandas.DataFrame
        Index ``zone_id``, sorted by rank (missing last): ``zone_name`` (when names were given),
        ``score`` (higher = more disadvantaged), ``rank`` (Int64, 1 = most disadvantaged, ties
        share the best rank), ``percentile`` (0–1), ``baseline_rank`` (rank under the baseline
        weights), ``rank_change`` (Int64, ``baseline_rank - rank``: positive = moved up towards
        rank 1 because of the chosen weights), ``arrow`` (``"↑"``, ``"↓"`` or ``""``) and
        ``n_indicators`` (indicators with a weight > 0 the zone has a value for).
    method : str
    weights_used, theme_weights_used : dict[str, float]
        Effective, normalised weights (see :class:`.index.CompositeIndexResult`).
    index : CompositeIndexResult
        The full index result (theme scores, indicator scores).
    warnings : list[DataWarning]
    """

    table: pd.DataFrame
    method: str
    weights_used: dict[str, float]
    theme_weights_used: dict[str, float]
    index: CompositeIndexResult
    warnings: list[DataWarning] = field(default_factory=list)

    def top(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` best-ranked (most disadvantaged) rows; ties at the cut are all kept."""
        r = self.table["rank"]
        return self.table[r.notna() & (r <= n)]

    @property
    def moved(self) -> pd.DataFrame:
        """Rows whose rank differs from the baseline."""
        ch = self.table["rank_change"]
        return self.table[ch.notna() & (ch != 0)]

    def __repr__(self) -> str:
        top = ", ".join(f"{z}" for z in self.table.index[:5])
        return (f"Ranking(method={self.method!r}, zones={len(self.table)}, "
                f"ranked={int(self.table['rank'].notna().sum())}, top5=[{top}], "
                f"moved={len(self.moved)}, warnings={len(self.warnings)})")


def rank_zones(
    values: pd.DataFrame,
    directions: Mapping[str, str],
    themes: Mapping[str, str],
    *,
    weights: Mapping[str, float] | None = None,
    theme_weights: Mapping[str, float] | None = None,
    method: str = "percentile",
    population: pd.Series | None = None,
    baseline_weights: Mapping[str, float] | None = None,
    baseline_theme_weights: Mapping[str, float] | None = None,
    names: pd.Series | None = None,
    municipal_values: Mapping[str, float] | None = None,
) -> Ranking:
    """Rank the zones by the composite index under ``weights`` and compare with a baseline.

    Parameters
    ----------
    values, directions, themes
        As for :func:`.index.composite_index` (see :func:`index_inputs`).
    weights, theme_weights
        Weight per indicator and per theme (default 1; >= 0).
    method
        ``"percentile"``, ``"zscore"`` or ``"ratio"``.
    population
        Residents per zone (z-score weights; ratio reference without ``municipal_values``).
    baseline_weights, baseline_theme_weights
        The weighting ``rank_change`` is measured against; default every weight 1. Its ranking
        is cached (keyed on the inputs), so moving a slider costs one index computation.
    names
        ``zone_name`` per zone, copied into the table.
    municipal_values
        Municipal value per indicator for ``"ratio"``.

    Returns
    -------
    Ranking

    Raises
    ------
    AnalysisError
        Every weight 0 (``code`` ``"weights_zero"``; ``"baseline_weights_zero"`` for the
        baseline); all the weight on themes without data (the message names the themes and
        their indicators); fewer than 5 zones with data.
    DataError
        A negative or non-numeric weight, a theme weight for a theme no indicator has.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"a": [5.0, 3, 4, 2, 1], "b": [3.0, 5, 4, 1, 2]},
    ...                  index=pd.Index(list("pqrst"), name="zone_id"))
    >>> d, t = {"a": "high_is_bad", "b": "high_is_bad"}, {"a": "A", "b": "B"}
    >>> r = rank_zones(v, d, t, theme_weights={"A": 2}, baseline_theme_weights={"B": 2})
    >>> r.table[["rank", "rank_change", "arrow"]].values.tolist()
    [[1, 2, '↑'], [2, 0, ''], [3, -2, '↓'], [4, 1, '↑'], [5, -1, '↓']]
    """
    _check_method(method)
    _check_theme_names(theme_weights, themes, values.columns)
    _check_theme_names(baseline_theme_weights, themes, values.columns)
    current = _index(values, directions, themes, method, weights, theme_weights, population,
                     municipal_values)
    base = _cached_baseline(values, directions, themes, method, baseline_weights,
                            baseline_theme_weights, population, municipal_values)
    rank = current.rank.astype("Int64")
    base_rank = base.rank.reindex(rank.index).astype("Int64")
    change = (base_rank - rank).astype("Int64")
    arrow = pd.Series(
        np.where(change.fillna(0).to_numpy() > 0, ARROW_UP,
                 np.where(change.fillna(0).to_numpy() < 0, ARROW_DOWN, "")),
        index=rank.index, dtype=object)
    table = pd.DataFrame({
        "score": current.scores,
        "rank": rank,
        "percentile": current.percentile,
        "baseline_rank": base_rank,
        "rank_change": change,
        "arrow": arrow,
        "n_indicators": current.n_indicators.astype(int),
    })
    if names is not None:
        table.insert(0, "zone_name", names.reindex(table.index))
    # Stable sort on the rank (missing last), ties in the input order.
    order = np.lexsort((np.arange(len(table)), rank.fillna(np.iinfo(np.int64).max).to_numpy()))
    table = table.iloc[order]
    table.index.name = "zone_id"
    return Ranking(table, method, current.weights_used, current.theme_weights_used, current,
                   list(current.warnings))


def _index(values, directions, themes, method, weights, theme_weights, population,
           municipal_values) -> CompositeIndexResult:
    """composite_index with messages that say what the user can do."""
    _explain_dead_weights(values, themes, weights, theme_weights)
    try:
        return composite_index(values, directions, themes, method=method, weights=weights,
                               theme_weights=theme_weights, population=population,
                               municipal_values=municipal_values)
    except AnalysisError as err:
        raise AnalysisError(f"cannot rank the zones: {err.message}", field=err.field,
                            code=err.code, params=err.params) from None


def _explain_dead_weights(values: pd.DataFrame, themes: Mapping[str, str],
                          weights: Mapping[str, float] | None,
                          theme_weights: Mapping[str, float] | None) -> None:
    """Raise a clear error when all the weight sits on themes whose indicators have no data.

    composite_index refuses this too; here the message also names the empty indicators, which
    is what a user moving sliders needs to see.
    """
    weights = dict(weights or {})
    theme_weights = dict(theme_weights or {})
    try:
        w = {k: float(weights.get(k, 1.0)) for k in values.columns}
        tw = {t: float(theme_weights.get(t, 1.0)) for t in set(themes[k] for k in values.columns
                                                              if k in themes)}
    except (TypeError, ValueError):
        return  # composite_index reports the bad weight
    try:
        arr = values.to_numpy(dtype=float)
    except (TypeError, ValueError):
        return  # composite_index reports non-numeric values
    counts = dict(zip(values.columns, np.isfinite(arr).sum(axis=0)))
    on: dict[str, list[str]] = {}
    for k in values.columns:
        if k in themes and w[k] > 0 and tw.get(themes[k], 0) > 0:
            on.setdefault(themes[k], []).append(k)
    if not on:
        return  # "weights add up to 0" from composite_index is already clear
    live = [t for t, keys in on.items() if any(counts[k] >= 2 for k in keys)]
    if live:
        return
    parts = "; ".join(f"'{t}' ({', '.join(keys)})" for t, keys in on.items())
    others = sorted({themes[k] for k in values.columns if k in themes and counts[k] >= 2})
    hint = f" such as {', '.join(repr(t) for t in others)}" if others else ""
    raise AnalysisError(
        f"cannot rank the zones: all the weight is on theme(s) whose indicators have no values: "
        f"{parts}; give weight to a theme with data{hint}"
    )


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise DataError(f"unknown index method {method!r}; use one of {', '.join(METHODS)}",
                        field="method")


def _check_theme_names(theme_weights: Mapping[str, float] | None, themes: Mapping[str, str],
                       columns: Iterable[str]) -> None:
    if not theme_weights:
        return
    known = list(dict.fromkeys(themes[k] for k in columns if k in themes))
    unknown = [t for t in theme_weights if t not in known]
    if unknown:
        raise DataError(
            f"weight given for unknown theme(s) {', '.join(map(repr, unknown))}; the themes are "
            f"{', '.join(known)}", field="theme_weights")


# A few baselines are enough: a panel changes weights, not the baseline or the data.
_BASELINE_CACHE: OrderedDict[bytes, CompositeIndexResult] = OrderedDict()
_BASELINE_CACHE_SIZE = 8


def _fingerprint(*parts: Any) -> bytes:
    h = hashlib.blake2b(digest_size=20)
    for p in parts:
        if isinstance(p, pd.DataFrame):
            h.update(repr((list(p.columns), list(p.index))).encode())
            h.update(np.ascontiguousarray(p.to_numpy(dtype=float)).tobytes())
        elif isinstance(p, pd.Series):
            h.update(repr(list(p.index)).encode())
            h.update(np.ascontiguousarray(p.to_numpy(dtype=float)).tobytes())
        elif isinstance(p, Mapping):
            h.update(repr(sorted((str(k), repr(v)) for k, v in p.items())).encode())
        else:
            h.update(repr(p).encode())
        h.update(b"|")
    return h.digest()


def _cached_baseline(values, directions, themes, method, weights, theme_weights, population,
                     municipal_values) -> CompositeIndexResult:
    try:
        key = _fingerprint(values, directions, themes, method, weights or {}, theme_weights or {},
                           population if population is not None else "none",
                           municipal_values or {})
    except (TypeError, ValueError):
        key = None  # unhashable oddities: just compute
    if key is not None and key in _BASELINE_CACHE:
        _BASELINE_CACHE.move_to_end(key)
        return _BASELINE_CACHE[key]
    try:
        res = _index(values, directions, themes, method, weights, theme_weights, population,
                     municipal_values)
    except AnalysisError as err:
        raise AnalysisError(f"baseline weights: {err.message}", field=err.field,
                            code=err.code and f"baseline_{err.code}", params=err.params) from None
    if key is not None:
        _BASELINE_CACHE[key] = res
        while len(_BASELINE_CACHE) > _BASELINE_CACHE_SIZE:
            _BASELINE_CACHE.popitem(last=False)
    return res


def weight_spec(obj: Mapping | None, *, source=None) -> dict:
    """A weighting as ``{"method", "weights", "theme_weights"}`` with float weights >= 0.

    Accepts the weights-file shape ``{"weights": {key: w}, "theme_weights": {theme: w},
    "method": "percentile"}`` (every part optional) or a flat ``{indicator: weight}``.

    Raises
    ------
    DataError
        A weight that is not a number >= 0, an unknown method, a part that is not an object.

    Examples
    --------
    >>> weight_spec({"theme_weights": {"levekar": 2}})
    {'method': 'percentile', 'weights': {}, 'theme_weights': {'levekar': 2.0}}
    >>> weight_spec({"neet": 3})["weights"]
    {'neet': 3.0}
    """
    obj = dict(obj or {})
    if not set(obj) & {"weights", "theme_weights", "method"}:
        obj = {"weights": obj}
    out: dict[str, Any] = {"method": obj.get("method") or "percentile"}
    if out["method"] not in METHODS:
        raise DataError(f"unknown index method {out['method']!r}; use one of {', '.join(METHODS)}",
                        file=source, field="method")
    for part in ("weights", "theme_weights"):
        given = obj.get(part) or {}
        if not isinstance(given, Mapping):
            raise DataError(f"'{part}' must be an object of name: weight", file=source, field=part)
        clean = {}
        for name, w in given.items():
            try:
                ok = not isinstance(w, bool) and np.isfinite(float(w)) and float(w) >= 0
            except (TypeError, ValueError):
                ok = False
            if not ok:
                raise DataError(f"the weight of {name!r} must be a number >= 0, not {w!r}",
                                file=source, field=f"{part}.{name}")
            clean[str(name)] = float(w)
        out[part] = clean
    return out


def load_weights(path) -> dict:
    """Read a weights file (JSON, see :func:`weight_spec`).

    Raises
    ------
    DataError
        The file is missing, not JSON, or holds a bad weight (file and key named).

    Examples
    --------
    >>> load_weights("vekter.json")  # doctest: +SKIP
    {'method': 'percentile', 'weights': {'neet': 2.0}, 'theme_weights': {}}
    """
    p = Path(path)
    try:
        data = json.loads(p.read_text("utf-8"))
    except FileNotFoundError:
        raise DataError("the weights file does not exist", file=p) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"the weights file is not valid JSON ({exc})", file=p) from None
    if not isinstance(data, Mapping):
        raise DataError('the weights file must hold an object such as {"weights": {"neet": 2}}',
                        file=p)
    return weight_spec(data, source=p)


# --------------------------------------------------------------------------------------------
# Stability under random weights
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Engine:
    """Weight-independent parts of the index, to score many weightings at once."""

    method: str
    zone_ids: pd.Index
    keys: list[str]
    scores: np.ndarray  # zones x indicators, NaN = missing (direction-adjusted indicator scores)
    ind_theme: np.ndarray  # theme position of each indicator
    theme_names: list[str]
    weights: np.ndarray  # the centre indicator weights (len keys)
    theme_weights: np.ndarray  # the centre theme weights (len themes)

    @classmethod
    def build(cls, res: CompositeIndexResult, weights, theme_weights, themes) -> _Engine:
        keys = list(res.indicator_scores.columns)
        theme_names = list(res.theme_scores.columns)
        pos = {t: i for i, t in enumerate(theme_names)}
        w = np.array([float((weights or {}).get(k, 1.0)) for k in keys])
        tw = np.array([float((theme_weights or {}).get(t, 1.0)) for t in theme_names])
        return cls(res.method, res.indicator_scores.index, keys,
                   res.indicator_scores.to_numpy(dtype=float),
                   np.array([pos[themes[k]] for k in keys]), theme_names, w, tw)

    def draw(self, draws: int, spread: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
        """Indicator weights (draws x K) and theme weights (draws x T), each multiplied by U."""
        rng = np.random.default_rng(seed)
        k, t = len(self.keys), len(self.theme_names)
        u = rng.uniform(1.0 - spread, 1.0 + spread, size=(draws, k + t))
        return self.weights * u[:, :k], self.theme_weights * u[:, k:]

    def composite(self, w: np.ndarray, tw: np.ndarray) -> np.ndarray:
        """Zones x draws composite values, ordered like composite_index's scores.

        For ``"percentile"`` the final re-rank is left out: it keeps the order, and the order is
        all a top-N needs.
        """
        avail = ~np.isnan(self.scores)
        filled = np.where(avail, self.scores, 0.0)
        n_z, n_d = self.scores.shape[0], w.shape[0]
        if self.method == "percentile":
            num = np.zeros((n_z, n_d))
            den = np.zeros((n_z, n_d))
            for t in range(len(self.theme_names)):
                cols = self.ind_theme == t
                tn = filled[:, cols] @ w[:, cols].T
                td = avail[:, cols].astype(float) @ w[:, cols].T
                with np.errstate(invalid="ignore", divide="ignore"):
                    ts = np.where(td > 0, tn / np.where(td > 0, td, 1.0), np.nan)
                ts = _percentile_rank_columns(ts)
                ok = ~np.isnan(ts)
                num += np.where(ok, ts, 0.0) * tw[:, t]
                den += ok * tw[:, t]
        else:
            # Effective weight: theme weight x indicator weight / sum of weights in the theme.
            sums = np.zeros((n_d, len(self.theme_names)))
            for t in range(len(self.theme_names)):
                sums[:, t] = w[:, self.ind_theme == t].sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                within = np.where(sums[:, self.ind_theme] > 0, w / sums[:, self.ind_theme], 0.0)
            eff = within * tw[:, self.ind_theme]
            num = filled @ eff.T
            den = avail.astype(float) @ eff.T
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def _percentile_rank_columns(x: np.ndarray) -> np.ndarray:
    """:func:`.index.percentile_rank` of every column at once (average rank for ties)."""
    n = (~np.isnan(x)).sum(axis=0)
    ranks = rankdata(x, axis=0, method="average", nan_policy="omit")
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (ranks - 1.0) / (n - 1.0)
    out[:, n < 2] = np.nan
    return out


def _in_top(composite: np.ndarray, top_n: int) -> np.ndarray:
    """Zones x draws: rank ("min" ties, as composite_index) <= top_n."""
    finite = np.isfinite(composite)
    s = np.where(finite, composite, -np.inf)
    # A zone's "min" rank is <= N exactly when its value reaches the N-th largest value.
    kth = -np.partition(-s, top_n - 1, axis=0)[top_n - 1]
    return finite & (s >= kth)


def stability(
    values: pd.DataFrame,
    directions: Mapping[str, str],
    themes: Mapping[str, str],
    *,
    weights: Mapping[str, float] | None = None,
    theme_weights: Mapping[str, float] | None = None,
    method: str = "percentile",
    top_n: int = 10,
    draws: int = 1000,
    spread: float = 0.25,
    seed: int = 12345,
    population: pd.Series | None = None,
    municipal_values: Mapping[str, float] | None = None,
) -> pd.Series:
    """Share of random weightings in which each zone stays in the top ``top_n``.

    Each draw multiplies every indicator weight and every theme weight by its own independent
    ``U(1 - spread, 1 + spread)`` factor; a weight of 0 stays 0. A zone is in the top N when its
    rank (1 = most disadvantaged, ties share the best rank) is at most N, so with ties more than
    N zones can be "in". 1.0 = in the top N under every draw; 0.0 = never.

    Parameters
    ----------
    values, directions, themes, weights, theme_weights, method, population, municipal_values
        As for :func:`rank_zones`; the weights are the centre of the draws.
    top_n
        The size of the shortlist.
    draws
        Number of random weightings.
    spread
        Half-width of the multiplier, 0 <= spread <= 1 (0.25 = each weight ±25 %).
    seed
        Seed of the random generator: the same inputs always give the same shares.

    Returns
    -------
    pandas.Series
        Name ``stability``, index ``zone_id``, values 0–1 (NaN for a zone without a score);
        ``attrs`` holds ``top_n``, ``draws``, ``spread``, ``seed`` and ``method``.

    Raises
    ------
    DataError
        ``top_n`` or ``draws`` below 1, ``spread`` outside 0–1.
    AnalysisError
        As :func:`rank_zones`; ``top_n`` not smaller than the number of zones with a score.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"a": [5.0, 3, 4, 2, 1], "b": [3.0, 5, 4, 1, 2]},
    ...                  index=pd.Index(list("pqrst"), name="zone_id"))
    >>> s = stability(v, {"a": "high_is_bad", "b": "high_is_bad"}, {"a": "A", "b": "B"}, top_n=2)
    >>> s[["r", "s"]].tolist(), round(float(s["p"] + s["q"]), 6)
    ([1.0, 0.0], 1.0)
    """
    _check_method(method)
    if isinstance(top_n, bool) or not isinstance(top_n, (int, np.integer)) or top_n < 1:
        raise DataError(f"top N must be a whole number >= 1, not {top_n!r}", field="top_n")
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws < 1:
        raise DataError(f"the number of draws must be a whole number >= 1, not {draws!r}",
                        field="draws")
    if not (np.isfinite(float(spread)) and 0.0 <= float(spread) <= 1.0):
        raise DataError(f"spread must be between 0 and 1 (0.25 = ±25 %), not {spread!r}",
                        field="spread")
    _check_theme_names(theme_weights, themes, values.columns)
    res = _index(values, directions, themes, method, weights, theme_weights, population,
                 municipal_values)
    n_scored = int(res.scores.notna().sum())
    if top_n >= n_scored:
        raise AnalysisError(
            f"top N = {top_n} is not smaller than the {n_scored} zones with a score: every zone "
            "would always be in the top; choose a smaller N")
    engine = _Engine.build(res, weights, theme_weights, themes)
    w, tw = engine.draw(int(draws), float(spread), int(seed))
    inside = _in_top(engine.composite(w, tw), int(top_n))
    share = inside.mean(axis=1)
    out = pd.Series(share, index=engine.zone_ids, name="stability", dtype=float)
    out[res.scores.reindex(out.index).isna().to_numpy()] = np.nan
    out.index.name = "zone_id"
    out.attrs.update(top_n=int(top_n), draws=int(draws), spread=float(spread), seed=int(seed),
                     method=method)
    return out



def has_live_weight(columns: Iterable[str], themes: Mapping[str, str],
                    weights: Mapping[str, float] | None = None,
                    theme_weights: Mapping[str, float] | None = None) -> bool:
    """True when at least one indicator has a weight > 0 in a theme with a weight > 0.

    Missing weights count as 1 (as in :func:`rank_zones`). When this is False a ranking is
    refused ("the weights add up to 0"); a window can say so before asking for one.

    Examples
    --------
    >>> has_live_weight(["a", "b"], {"a": "A", "b": "B"}, {"a": 0}, {"B": 0})
    False
    >>> has_live_weight(["a", "b"], {"a": "A", "b": "B"}, {"a": 0})
    True
    """
    weights = dict(weights or {})
    theme_weights = dict(theme_weights or {})
    return any(float(weights.get(k, 1.0)) > 0 and float(theme_weights.get(themes[k], 1.0)) > 0
               for k in columns if k in themes)
