"""Target-area selection for områdesatsing teams (``INDICATORS.md``, *Target-area selection*).

Five small operations a planning team uses to pick the zones of an area-based initiative and the
zones to evaluate it against:

:func:`rank_zones`
    The zones ranked by the composite index (:func:`.index.composite_index`) under the weights
    the team chooses, with each zone's move against a baseline weighting (default: every weight
    1) as a number and an arrow. Fast enough for a slider (see ``benchmarks/bench_targeting.py``):
    the baseline ranking is cached, so a weight change costs one index computation.
:func:`stability`
    How robust "zone X is in the top N" is to the weights: the share of random weight draws
    (every indicator weight and every theme weight multiplied by its own ``U(1 - spread,
    1 + spread)``) in which the zone stays in the top N. Vectorised: the indicator scores of the
    index (percentile ranks, z-scores or ratios) do not depend on the weights, so they are
    computed once and all draws are a few matrix products.
:func:`aggregate_candidate` / :func:`compare_candidates`
    A candidate area (one or more zones) re-aggregated: levekår rates from **summed counts and
    denominators** (never an average of rates), the overlay measures by the rule documented in
    :data:`AGGREGATION_RULES`, beside the municipal value and where the merged area would rank
    among the other zones.
:func:`comparison_zones`
    The ``k`` zones most like the target on baseline indicators (standardised Euclidean
    distance), leaving out the target and the zones next to it (spillover), for a
    difference-in-differences style evaluation. :meth:`ComparisonResult.swap` replaces one by hand.
:func:`inside_zone_cells`
    The 250 m population cells inside a candidate with their green coverage and travel time to
    the centre, so inequality hidden inside a zone average becomes visible.

Adjacency is queen contiguity from :func:`.clusters.spatial_weights` (sharing an edge or a
corner; a zone without any neighbour, e.g. an island, is joined to its nearest zone).

Examples
--------
>>> from ungtloft_map.core.project import Project  # doctest: +SKIP
>>> from ungtloft_map.core.pipeline import compute_themes  # doctest: +SKIP
>>> project = Project.demo()  # doctest: +SKIP
>>> themes = compute_themes(project)  # doctest: +SKIP
>>> inputs = index_inputs(themes.zone_table, project.catalogue)  # doctest: +SKIP
>>> ranking = inputs.rank(theme_weights={"levekar": 2})  # doctest: +SKIP
>>> ranking.top(5)  # doctest: +SKIP
>>> inputs.stability(top_n=10)  # doctest: +SKIP
>>> cand = Candidate("Østbyen", ["0301", "0302"])  # doctest: +SKIP
>>> aggregate_candidate(themes.zone_table, cand, project.catalogue)  # doctest: +SKIP
>>> comparison_zones(themes.zone_table, cand.zone_ids, ["low_income", "neet"], k=5)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.stats import rankdata

from ..catalogue import Catalogue
from ..errors import AnalysisError, DataError, DataWarning
from ..zonetable import ZoneTable
from .clusters import WeightsResult, spatial_weights
from .index import METHODS, CompositeIndexResult, composite_index
from .livingconditions import rate_from_counts
from .transit.matrix import zone_values

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ..pipeline import ThemeResults
    from ..project import Project

__all__ = [
    "AGGREGATION_RULES",
    "Candidate",
    "CandidateProfile",
    "ComparisonResult",
    "IndexInputs",
    "Ranking",
    "aggregate_candidate",
    "compare_candidates",
    "comparison_zones",
    "index_inputs",
    "inside_zone_cells",
    "load_weights",
    "rank_zones",
    "stability",
    "weight_spec",
]

ARROW_UP = "↑"
ARROW_DOWN = "↓"
#: Cells with 1 to this many minus one residents have their population withheld in exports.
CELL_THRESHOLD = 5
MAX_CANDIDATES = 5


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


def index_inputs(zone_table: ZoneTable | ThemeResults, catalogue: Catalogue) -> IndexInputs:
    """The indicators of the composite index, as the pipeline chooses them.

    Levekår rates of every catalogue indicator in the table, then the overlay indicators of
    :data:`ungtloft_map.core.pipeline.OVERLAY_INDICATORS` that have at least one value.

    Examples
    --------
    >>> inputs = index_inputs(themes.zone_table, project.catalogue)  # doctest: +SKIP
    >>> inputs  # doctest: +SKIP
    IndexInputs(zones=50, indicators=16, themes={'levekar': 10, 'green': 2, ...}, population=True)
    """
    from ..pipeline import OVERLAY_INDICATORS  # the one list of overlay inputs of the index

    zt = _as_zone_table(zone_table)
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
        Every weight 0; all the weight on themes without data (the message names the themes and
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
        raise AnalysisError(f"cannot rank the zones: {err.message}", field=err.field) from None


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
        raise AnalysisError(f"baseline weights: {err.message}", field=err.field) from None
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


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A candidate target area: a name and one or more zone ids.

    Examples
    --------
    >>> Candidate("Østbyen", ["0301", "0302"])
    Candidate(name='Østbyen', zone_ids=('0301', '0302'))
    """

    name: str
    zone_ids: tuple[str, ...]

    def __post_init__(self) -> None:
        # Zone ids are text everywhere in the app ("0101"); a number from a widget becomes text.
        ids = ((self.zone_ids,) if isinstance(self.zone_ids, str)
               else tuple(str(z) for z in self.zone_ids))
        if not str(self.name).strip():
            raise DataError("a candidate needs a name", field="name")
        if not ids:
            raise DataError(f"candidate {self.name!r} has no zones", field="zone_ids")
        dup = sorted({z for z in ids if ids.count(z) > 1})
        if dup:
            raise DataError(f"candidate {self.name!r} names zone(s) twice: {', '.join(dup)}",
                            field="zone_ids")
        object.__setattr__(self, "zone_ids", ids)


@dataclass(frozen=True)
class AggregationRule:
    """How one measure of a merged area is computed from its zones.

    ``how``: ``"ratio"`` = ``scale * sum(num) / sum(den)`` over the zones (exact);
    ``"weighted"`` = mean of the zone values weighted by ``weight`` (zones without a value drop
    out); ``"cells_median"`` / ``"cells_mean"`` = recomputed from the population cells when they
    are given (exact), else the population-weighted mean of the zone values.
    """

    how: str
    num: str | None = None
    den: str | None = None
    scale: float = 1.0
    weight: str | None = None
    note_nb: str = ""
    note_en: str = ""
    fallback_nb: str = ""
    fallback_en: str = ""


_CELLS_MEAN_FALLBACK = ("befolkningsvektet snitt av sonenes verdier",
                        "population-weighted mean of the zone values")
_CELLS_MEDIAN_FALLBACK = ("befolkningsvektet snitt av sonenes medianer (tilnærming til medianen)",
                          "population-weighted mean of the zone medians (approximates the median)")

#: The transit measures are computed per grid cell: a merged area takes them from its cells.
_CELLS_MEAN_RULE = AggregationRule(
    "cells_mean", weight="population",
    note_nb="befolkningsvektet snitt av rutene (eksakt)",
    note_en="population-weighted mean over the cells (exact)",
    fallback_nb=_CELLS_MEAN_FALLBACK[0], fallback_en=_CELLS_MEAN_FALLBACK[1])
_CELLS_MEDIAN_RULE = AggregationRule(
    "cells_median", weight="population",
    note_nb="befolkningsvektet median av rutene (eksakt)",
    note_en="population-weighted median over the cells (exact)",
    fallback_nb=_CELLS_MEDIAN_FALLBACK[0], fallback_en=_CELLS_MEDIAN_FALLBACK[1])

#: Aggregation rule of each overlay measure of a merged area (levekår rates are always
#: sum of counts / sum of denominators x 100).
AGGREGATION_RULES: dict[str, AggregationRule] = {
    "green_covered_pct": AggregationRule(
        "weighted", weight="population",
        note_nb="befolkningsvektet snitt av sonene (eksakt: dekkede bosatte / bosatte)",
        note_en="population-weighted mean of the zones (exact: covered residents / residents)"),
    "green_m2_per_resident": AggregationRule(
        "weighted", weight="population",
        note_nb="befolkningsvektet snitt (eksakt: offentlig grøntareal / bosatte)",
        note_en="population-weighted mean (exact: public green m² / residents)"),
    "green_area_pct": AggregationRule(
        "weighted", weight="area_km2",
        note_nb="arealvektet snitt (eksakt: grøntareal / sonenes areal)",
        note_en="area-weighted mean (exact: green area / zone area)"),
    "dist_to_stop_m": _CELLS_MEAN_RULE,
    "departures_per_hour_500m": _CELLS_MEAN_RULE,
    "time_to_centre_min": _CELLS_MEDIAN_RULE,
    "time_to_school_min": _CELLS_MEDIAN_RULE,
    "municipal_share": AggregationRule(
        "ratio", num="municipal_units", den="dwellings", scale=100.0,
        note_nb="sum kommunale boliger / sum boliger", note_en="sum of municipal / all dwellings"),
    "municipal_per_1000": AggregationRule(
        "ratio", num="municipal_units", den="population", scale=1000.0,
        note_nb="sum kommunale boliger / sum bosatte x 1000",
        note_en="sum of municipal dwellings / residents x 1000"),
    "municipal_per_km2": AggregationRule(
        "weighted", weight="area_km2",
        note_nb="arealvektet snitt (eksakt når tettheten er per km² soneareal)",
        note_en="area-weighted mean (exact when density is per km² of zone area)"),
}

_COUNT_NOTE_NB = "sum tellere / sum nevnere (aldri snitt av rater)"
_COUNT_NOTE_EN = "sum of counts / sum of denominators (never an average of rates)"


@dataclass(frozen=True, repr=False)
class CandidateProfile:
    """A candidate area's figures, re-aggregated from its zones.

    Attributes
    ----------
    name : str
    zone_ids : tuple[str, ...]
    population, area_km2 : float
        Sums over the zones.
    table : pandas.DataFrame
        Index = measure key. Columns: ``label``, ``unit``, ``direction``, ``theme``, ``value``
        (the merged area), ``municipal``, ``ratio_to_municipal`` (100 = the municipality),
        ``count`` and ``denom`` (summed, levekår only), ``rank`` (where the merged area would
        rank against the zones outside it, 1 = worst, direction-aware), ``of`` (how many it is
        ranked among), ``method`` (how the value was aggregated).
    composite_rank : int | None
        Rank of the merged area in the composite index with its zones replaced by it (1 = most
        disadvantaged), among ``composite_of`` areas; None when it cannot be computed.
    composite_of : int | None
    warnings : list[DataWarning]
    """

    name: str
    zone_ids: tuple[str, ...]
    population: float
    area_km2: float
    table: pd.DataFrame
    composite_rank: int | None = None
    composite_of: int | None = None
    warnings: list[DataWarning] = field(default_factory=list)

    @property
    def values(self) -> pd.Series:
        """The merged area's value per measure."""
        return self.table["value"].rename(self.name)

    def __repr__(self) -> str:
        shown = []
        for key in ("low_income", "green_covered_pct", "time_to_centre_min"):
            if key in self.table.index and pd.notna(self.table.at[key, "value"]):
                r = self.table.loc[key]
                shown.append(f"{key}={r['value']:.3g} (municipal {r['municipal']:.3g})")
        comp = (f", composite rank {self.composite_rank} of {self.composite_of}"
                if self.composite_rank is not None else "")
        return (f"CandidateProfile({self.name!r}, zones={len(self.zone_ids)}, "
                f"population={self.population:,.0f}, measures={len(self.table)}"
                f"{', ' if shown else ''}{', '.join(shown)}{comp}, warnings={len(self.warnings)})")


def aggregate_candidate(
    zone_table: ZoneTable | ThemeResults,
    candidate: Candidate | Sequence[str],
    catalogue: Catalogue,
    *,
    require_adjacent: bool = True,
    weights: WeightsResult | None = None,
    cells: pd.DataFrame | None = None,
    method: str | None = "percentile",
    index_weights: Mapping[str, float] | None = None,
    theme_weights: Mapping[str, float] | None = None,
) -> CandidateProfile:
    """Re-aggregate a candidate area's figures from its zones.

    Levekår rates are ``sum(counts) / sum(denominators) x 100`` over the zones (never an average
    of the zone rates); overlay measures follow :data:`AGGREGATION_RULES` (population-weighted
    for shares of residents, area-weighted for shares of area, counts for housing). Each value
    stands beside the municipal value and its rank among the zones outside the candidate.

    Parameters
    ----------
    zone_table
        The enriched zone table (``compute_themes(...).zone_table``) or the ThemeResults.
    candidate
        A :class:`Candidate` or a list of zone ids.
    catalogue
        The indicator catalogue (which columns are levekår counts and denominators).
    require_adjacent
        Refuse zones that do not form one connected area (queen contiguity).
    weights
        Queen spatial weights of the zones (e.g. ``themes.weights``) to reuse; computed when
        None or not queen.
    cells
        Population cells with ``zone_id``, ``population`` and the transit columns
        (``themes.transit.cells``): travel times and stop measures are then recomputed from the
        cells exactly, instead of a population-weighted mean of zone values.
    method, index_weights, theme_weights
        The composite index the merged area is ranked in; ``method=None`` skips that ranking
        (one index computation less).

    Returns
    -------
    CandidateProfile

    Raises
    ------
    DataError
        Zone ids not in the table.
    AnalysisError
        Zones that are not adjacent when ``require_adjacent`` (the message names them).

    Examples
    --------
    >>> prof = aggregate_candidate(themes.zone_table, Candidate("Øst", ["0301", "0302"]),
    ...                            project.catalogue)  # doctest: +SKIP
    >>> prof.table.loc["low_income", ["value", "municipal", "rank", "of"]]  # doctest: +SKIP
    """
    zt = _as_zone_table(zone_table)
    cand = candidate if isinstance(candidate, Candidate) else Candidate("Kandidat", tuple(candidate))
    gdf = zt.gdf
    _check_ids(gdf, cand.zone_ids, f"candidate {cand.name!r}")
    warnings: list[DataWarning] = []
    if require_adjacent and len(cand.zone_ids) > 1:
        _require_connected(gdf, cand, weights)
    members = gdf.loc[list(cand.zone_ids)]
    others = gdf.drop(index=list(cand.zone_ids))
    rows: dict[str, dict[str, Any]] = {}

    for ind in catalogue:
        count_col, denom_col = ind.count or f"{ind.key}_count", ind.denominator or f"{ind.key}_denom"
        if ind.key not in gdf.columns or count_col not in gdf.columns or denom_col not in gdf.columns:
            continue
        c = pd.to_numeric(members[count_col], errors="coerce")
        d = pd.to_numeric(members[denom_col], errors="coerce")
        ok = c.notna() & d.notna() & (d > 0)
        if (~ok).any():
            warnings.append(DataWarning(
                f"{ind.key}: zone(s) {', '.join(map(str, c.index[~ok]))} have no count or "
                "denominator and are left out of the sum", field=ind.key))
        cs, ds = float(c[ok].sum()), float(d[ok].sum())
        value = float(rate_from_counts(cs, ds)) if ok.any() else np.nan
        rows[ind.key] = _row(zt, ind.key, value, others, note=(_COUNT_NOTE_NB, _COUNT_NOTE_EN),
                             count=cs if ok.any() else np.nan, denom=ds if ok.any() else np.nan)

    pop_w = pd.to_numeric(members.get("population"), errors="coerce") if "population" in members else None
    for key, rule in AGGREGATION_RULES.items():
        if key not in gdf.columns or not gdf[key].notna().any():
            continue
        value, note = _apply_rule(rule, key, members, cand.zone_ids, cells, pop_w, warnings)
        rows[key] = _row(zt, key, value, others, note=note)

    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "measure"
    population = float(members["population"].sum()) if "population" in members else np.nan
    area = float(members["area_km2"].sum()) if "area_km2" in members else float(
        members.geometry.area.sum() / 1e6)
    comp_rank, comp_of = (None, None) if method is None else _composite_rank(
        zt, catalogue, cand, table, population, method, index_weights, theme_weights, warnings)
    return CandidateProfile(cand.name, cand.zone_ids, population, area, table, comp_rank, comp_of,
                            warnings)


def _apply_rule(rule: AggregationRule, key: str, members: pd.DataFrame, ids: Sequence[str],
                cells: pd.DataFrame | None, pop_w: pd.Series | None,
                warnings: list[DataWarning]) -> tuple[float, tuple[str, str]]:
    if rule.how == "ratio":
        note = (rule.note_nb, rule.note_en)
        if rule.num not in members or rule.den not in members:
            return np.nan, note
        num = pd.to_numeric(members[rule.num], errors="coerce").sum()
        den = pd.to_numeric(members[rule.den], errors="coerce").sum()
        return (float(rule.scale * num / den) if den > 0 else np.nan), note
    if rule.how in ("cells_median", "cells_mean"):
        if cells is not None and key in cells.columns:
            sel = cells[cells["zone_id"].astype(str).isin([str(i) for i in ids])]
            how = "median" if rule.how == "cells_median" else "mean"
            # All the candidate's cells as one "zone": exactly how a zone value is made.
            v = zone_values(sel[key].to_numpy(), sel["population"].to_numpy(),
                            np.zeros(len(sel), dtype=int), how=how)
            return (float(v.iloc[0]) if len(v) else np.nan), (rule.note_nb, rule.note_en)
        note = (rule.fallback_nb, rule.fallback_en)
    else:
        note = (rule.note_nb, rule.note_en)
    wcol = rule.weight or "population"
    w = pd.to_numeric(members[wcol], errors="coerce") if wcol in members else pop_w
    if w is None:
        w = pd.Series(1.0, index=members.index)
    v = pd.to_numeric(members[key], errors="coerce")
    counted = w.notna() & (w > 0)
    lost = counted & v.isna()
    if lost.any():
        warnings.append(DataWarning(
            f"{key}: zone(s) {', '.join(map(str, v.index[lost]))} have no value and are left out "
            "of the weighted mean", field=key))
    ok = counted & v.notna()
    if not ok.any():
        return np.nan, note
    value = float(np.average(v[ok].to_numpy(dtype=float), weights=w[ok].to_numpy(dtype=float)))
    return value, note


def _row(zt: ZoneTable, key: str, value: float, others: pd.DataFrame, *,
         note: tuple[str, str], count: float = np.nan, denom: float = np.nan) -> dict[str, Any]:
    info = zt.info.get(key)
    direction = info.direction if info else None
    try:
        municipal = float(zt.municipal_value(key))
    except KeyError:
        municipal = np.nan
    rank, of = _rank_against(value, pd.to_numeric(others[key], errors="coerce"), direction)
    return {
        "label": info.label("nb") if info else key,
        "label_en": info.label("en") if info else key,
        "unit": info.unit if info else "",
        "direction": direction,
        "theme": info.theme if info else None,
        "value": value,
        "municipal": municipal,
        "ratio_to_municipal": (100.0 * value / municipal
                               if np.isfinite(value) and np.isfinite(municipal) and municipal != 0
                               else np.nan),
        "count": count,
        "denom": denom,
        "rank": rank,
        "of": of,
        "method": note[0],
        "method_en": note[1],
    }


def _rank_against(value: float, others: pd.Series, direction: str | None) -> tuple[Any, Any]:
    """1 + the number of other zones strictly worse; among the others with a value + 1."""
    others = others.dropna()
    if direction not in ("high_is_bad", "high_is_good") or not np.isfinite(value):
        return pd.NA, pd.NA
    worse = (others > value) if direction == "high_is_bad" else (others < value)
    return int(worse.sum()) + 1, len(others) + 1


def _composite_rank(zt: ZoneTable, catalogue: Catalogue, cand: Candidate, table: pd.DataFrame,
                    population: float, method: str, index_weights, theme_weights,
                    warnings: list[DataWarning]) -> tuple[int | None, int | None]:
    """Rank of the merged area in the composite index, its zones replaced by it."""
    try:
        inp = index_inputs(zt, catalogue)
    except AnalysisError:
        return None, None
    merged_id = "\x00candidate"  # cannot clash with a zone id read from a file
    vals = inp.values.drop(index=list(cand.zone_ids), errors="ignore")
    merged = table["value"].reindex(inp.values.columns).astype(float)
    vals = pd.concat([vals, merged.to_frame(merged_id).T])
    pop = None
    if inp.population is not None:
        pop = pd.concat([inp.population.drop(index=list(cand.zone_ids), errors="ignore"),
                         pd.Series({merged_id: population})])
    try:
        res = composite_index(vals, inp.directions, inp.themes, method=method,
                              weights=index_weights, theme_weights=theme_weights, population=pop,
                              municipal_values=inp.municipal_values)
    except (AnalysisError, DataError) as err:
        warnings.append(DataWarning(f"the merged area cannot be ranked in the index: {err}"))
        return None, None
    r = res.rank.get(merged_id)
    if r is None or pd.isna(r):
        return None, None
    return int(r), int(res.rank.notna().sum())


def compare_candidates(
    zone_table: ZoneTable | ThemeResults,
    candidates: Sequence[Candidate],
    catalogue: Catalogue,
    *,
    require_adjacent: bool = True,
    weights: WeightsResult | None = None,
    cells: pd.DataFrame | None = None,
    method: str = "percentile",
    index_weights: Mapping[str, float] | None = None,
    theme_weights: Mapping[str, float] | None = None,
    lang: str = "nb",
) -> pd.DataFrame:
    """Two to five candidates side by side, with the municipal value.

    Returns
    -------
    pandas.DataFrame
        Index = measure key, then ``population``, ``area_km2``, ``n_zones`` and
        ``composite_rank``. Columns: ``label``, ``unit``, ``direction``, one column per candidate
        (its name) with the re-aggregated value, ``municipal``. The profiles are in
        ``attrs["profiles"]``.

    Raises
    ------
    AnalysisError
        Fewer than 2 or more than 5 candidates; as :func:`aggregate_candidate`.
    DataError
        Two candidates with the same name.

    Examples
    --------
    >>> compare_candidates(zt, [Candidate("A", ["0301"]), Candidate("B", ["0405", "0406"])],
    ...                    catalogue)  # doctest: +SKIP
    """
    cands = [c if isinstance(c, Candidate) else Candidate(f"Kandidat {i + 1}", tuple(c))
             for i, c in enumerate(candidates)]
    if not 2 <= len(cands) <= MAX_CANDIDATES:
        raise AnalysisError(
            f"compare 2 to {MAX_CANDIDATES} candidates side by side, not {len(cands)}")
    names = [c.name for c in cands]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise DataError(f"two candidates are called {', '.join(map(repr, dup))}; give each its "
                        "own name", field="name")
    zt = _as_zone_table(zone_table)
    if weights is None or weights.kind != "queen":
        weights = _queen(zt.gdf, None)
    profiles = [aggregate_candidate(zt, c, catalogue, require_adjacent=require_adjacent,
                                    weights=weights, cells=cells, method=method,
                                    index_weights=index_weights, theme_weights=theme_weights)
                for c in cands]
    first = profiles[0].table
    label_col = "label_en" if lang == "en" else "label"
    out = pd.DataFrame({"label": first[label_col], "unit": first["unit"],
                        "direction": first["direction"]})
    for p in profiles:
        out[p.name] = p.table["value"].reindex(out.index)
    out["municipal"] = first["municipal"]
    extra = pd.DataFrame(
        {
            "label": (["Bosatte", "Areal", "Antall soner", "Rang i indeksen"] if lang != "en"
                      else ["Residents", "Area", "Zones", "Index rank"]),
            "unit": ["personer" if lang != "en" else "persons", "km²", "", ""],
            "direction": [None] * 4,
            **{p.name: [p.population, p.area_km2, len(p.zone_ids),
                        p.composite_rank if p.composite_rank is not None else np.nan]
               for p in profiles},
            "municipal": [float(zt.gdf["population"].sum()) if "population" in zt.gdf else np.nan,
                          float(zt.gdf["area_km2"].sum()) if "area_km2" in zt.gdf else np.nan,
                          len(zt.gdf), np.nan],
        },
        index=pd.Index(["population", "area_km2", "n_zones", "composite_rank"]),
    )
    out = pd.concat([out, extra])
    out.index.name = "measure"
    out.attrs["profiles"] = profiles
    return out


# --------------------------------------------------------------------------------------------
# Comparison zones
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class ComparisonResult:
    """Comparison zones for evaluating an initiative in the target zones.

    Attributes
    ----------
    table : pandas.DataFrame
        The chosen zones, most similar first: ``zone_id``, ``zone_name``, ``distance``
        (standardised Euclidean, see :func:`comparison_zones`), ``similarity`` = 1 / (1 +
        distance) (1 = identical), ``chosen`` (``"auto"`` or ``"manual"`` after a swap), then the
        value of each matching indicator.
    target_ids : tuple[str, ...]
    indicators : list[str]
    target_values : pandas.Series
        The target's value per indicator (re-aggregated when it has several zones).
    pool : pandas.DataFrame
        Every eligible zone (not a target, not adjacent when excluded) with its distance,
        similarity and values, most similar first; :meth:`swap` picks from it.
    excluded_adjacent : tuple[str, ...]
        Zones left out because they touch a target zone.
    k : int
    warnings : list[DataWarning]
    """

    table: pd.DataFrame
    target_ids: tuple[str, ...]
    indicators: list[str]
    target_values: pd.Series
    pool: pd.DataFrame
    excluded_adjacent: tuple[str, ...]
    k: int
    warnings: list[DataWarning] = field(default_factory=list)

    @property
    def zone_ids(self) -> list[str]:
        """The chosen comparison zones, most similar first."""
        return self.table["zone_id"].tolist()

    def swap(self, out_id: str, in_id: str) -> ComparisonResult:
        """A new result with ``out_id`` replaced by ``in_id`` (marked ``"manual"``).

        Raises
        ------
        DataError
            ``out_id`` is not a chosen comparison zone; ``in_id`` is already chosen.
        AnalysisError
            ``in_id`` is a target zone, adjacent to one, or not a zone with values.
        """
        out_id, in_id = str(out_id), str(in_id)
        chosen = self.zone_ids
        if out_id not in chosen:
            raise DataError(f"zone {out_id} is not one of the comparison zones "
                            f"({', '.join(chosen)})", field="zone_id")
        if in_id in chosen:
            raise DataError(f"zone {in_id} is already a comparison zone", field="zone_id")
        if in_id in self.target_ids:
            raise AnalysisError(f"zone {in_id} is a target zone and cannot be its own comparison")
        if in_id in self.excluded_adjacent:
            raise AnalysisError(f"zone {in_id} borders the target area; it is left out to limit "
                                "spillover (run with exclude_adjacent=False to allow it)")
        pool_ids = self.pool["zone_id"].tolist()
        if in_id not in pool_ids:
            raise AnalysisError(f"zone {in_id} cannot be compared: it is not a zone with values "
                                "for the matching indicators")
        keep = self.table[self.table["zone_id"] != out_id]
        new = self.pool[self.pool["zone_id"] == in_id].assign(chosen="manual")
        table = pd.concat([keep, new]).sort_values("distance", kind="stable").reset_index(drop=True)
        return ComparisonResult(table, self.target_ids, self.indicators, self.target_values,
                                self.pool, self.excluded_adjacent, self.k, list(self.warnings))

    def __repr__(self) -> str:
        parts = ", ".join(f"{r.zone_id} ({r.similarity:.2f})" for r in self.table.itertuples())
        return (f"ComparisonResult(targets={list(self.target_ids)}, k={len(self.table)}, "
                f"indicators={self.indicators}, zones=[{parts}], "
                f"excluded_adjacent={len(self.excluded_adjacent)}, warnings={len(self.warnings)})")


def comparison_zones(
    zone_table: ZoneTable | ThemeResults,
    target_ids: Sequence[str] | Candidate,
    indicators: Sequence[str] | None = None,
    *,
    k: int = 5,
    exclude_adjacent: bool = True,
    weights: WeightsResult | None = None,
    catalogue: Catalogue | None = None,
    cells: pd.DataFrame | None = None,
) -> ComparisonResult:
    """The ``k`` zones most similar to the target on baseline indicators.

    Every indicator is standardised over all zones (z = (x - mean) / sd, plain mean and sd of
    the zone values) and the distance is Euclidean on the z-values: one standard deviation on
    any indicator counts the same. A zone missing some indicators is compared on the ones it has
    and the sum scaled up by ``n_indicators / n_available`` (it needs at least half of them). A
    target of several zones is the merged area (levekår from summed counts, see
    :func:`aggregate_candidate`). The targets, and with ``exclude_adjacent`` every zone that
    touches a target (queen), are left out: a neighbour shares the initiative's spillover.

    Parameters
    ----------
    zone_table
        The enriched zone table (or the ThemeResults).
    target_ids
        The target zones (or a :class:`Candidate`).
    indicators
        Columns to match on; default the levekår rates in the table.
    k
        Number of comparison zones.
    exclude_adjacent
        Leave out the zones bordering the target.
    weights
        Queen spatial weights to reuse (computed when None or not queen).
    catalogue
        For re-aggregating a multi-zone target (default: the app's catalogue).
    cells
        ``themes.transit.cells`` for exact travel times of a merged target.

    Returns
    -------
    ComparisonResult

    Raises
    ------
    AnalysisError
        ``k`` larger than the zones left; no usable indicator; an indicator that cannot be
        re-aggregated for a multi-zone target.
    DataError
        Unknown zone ids or indicator columns, ``k`` below 1.

    Examples
    --------
    >>> res = comparison_zones(zt, ["0405"], ["low_income", "neet", "crowding"], k=3)  # doctest: +SKIP
    >>> res.table[["zone_id", "similarity"]]  # doctest: +SKIP
    >>> res = res.swap(res.zone_ids[-1], "0210")  # doctest: +SKIP
    """
    zt = _as_zone_table(zone_table)
    gdf = zt.gdf
    catalogue = catalogue or Catalogue.default()
    targets = tuple(str(z) for z in (target_ids.zone_ids if isinstance(target_ids, Candidate)
                                     else ([target_ids] if isinstance(target_ids, str) else target_ids)))
    if not targets:
        raise DataError("choose at least one target zone", field="zone_id")
    _check_ids(gdf, targets, "the target")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise DataError(f"the number of comparison zones must be a whole number >= 1, not {k!r}",
                        field="k")
    if indicators is None:
        indicators = [ind.key for ind in catalogue if ind.key in gdf.columns]
    indicators = list(dict.fromkeys(indicators))
    if not indicators:
        raise AnalysisError("choose at least one indicator to match the comparison zones on")
    missing = [c for c in indicators if c not in gdf.columns]
    if missing:
        raise DataError(f"unknown indicator column(s): {', '.join(missing)}", field="indicators")
    warnings: list[DataWarning] = []
    data = pd.DataFrame(gdf[indicators]).apply(pd.to_numeric, errors="coerce").astype(float)
    data = data.replace([np.inf, -np.inf], np.nan)

    if len(targets) == 1:
        target = data.loc[targets[0]]
    else:
        prof = aggregate_candidate(zt, Candidate("target", targets), catalogue,
                                   require_adjacent=False, weights=weights, cells=cells,
                                   method=None)
        cannot = [c for c in indicators if c not in prof.table.index]
        if cannot:
            raise AnalysisError(
                f"{', '.join(cannot)} cannot be re-aggregated for a target of several zones "
                "(only levekår rates and the overlay measures can); match on those, or on one zone")
        target = prof.table["value"].reindex(indicators).astype(float)

    mean = data.mean()
    sd = data.std(ddof=0)
    usable = []
    for c in indicators:
        if pd.isna(target[c]):
            warnings.append(DataWarning("the target has no value for this indicator; it is not "
                                        "used for matching", field=c))
        elif data[c].count() < 2 or not sd[c] > 0:
            warnings.append(DataWarning("the indicator has the same value in every zone and "
                                        "cannot tell zones apart; not used", field=c))
        else:
            usable.append(c)
    if not usable:
        raise AnalysisError("no indicator can be used to match comparison zones: the target has "
                            "no values or the indicators do not vary")
    z = (data[usable] - mean[usable]) / sd[usable]
    zt_target = (target[usable] - mean[usable]) / sd[usable]
    diff2 = (z - zt_target) ** 2
    n_avail = diff2.notna().sum(axis=1)
    enough = n_avail * 2 >= len(usable)
    with np.errstate(invalid="ignore", divide="ignore"):
        dist = np.sqrt(diff2.sum(axis=1) * len(usable) / n_avail.where(n_avail > 0))

    neighbours: set[str] = set()
    if exclude_adjacent:
        adj = _adjacency(gdf, weights)
        for t in targets:
            neighbours |= {str(n) for n in adj.get(t, ())}
        neighbours -= set(targets)
    excluded_adj = tuple(z_ for z_ in gdf.index.astype(str) if z_ in neighbours)
    eligible = ~gdf.index.astype(str).isin(set(targets) | neighbours)
    no_data = eligible & ~enough.to_numpy()
    if no_data.any():
        warnings.append(DataWarning(
            f"{int(no_data.sum())} zone(s) have values for fewer than half of the matching "
            f"indicators and cannot be compared: {', '.join(gdf.index[no_data].astype(str)[:10])}"))
    ok = eligible & enough.to_numpy()
    available = int(ok.sum())
    if k > available:
        parts = [f"{len(targets)} target zone(s)"]
        if exclude_adjacent:
            parts.append(f"{len(excluded_adj)} zone(s) bordering them")
        if no_data.any():
            parts.append(f"{int(no_data.sum())} without enough data")
        raise AnalysisError(
            f"asked for {k} comparison zones, but only {available} of the {len(gdf)} zones are "
            f"left after leaving out {' and '.join(parts)}; choose k <= {available}"
            + ("" if not exclude_adjacent else " or allow bordering zones"))
    names = gdf["zone_name"] if "zone_name" in gdf.columns else pd.Series(gdf.index, index=gdf.index)
    pool = pd.DataFrame({
        "zone_id": gdf.index.astype(str),
        "zone_name": names.to_numpy(),
        "distance": dist.to_numpy(dtype=float),
        "similarity": 1.0 / (1.0 + dist.to_numpy(dtype=float)),
        "chosen": "",
    })
    for c in indicators:
        pool[c] = data[c].to_numpy()
    pool = pool[ok].sort_values(["distance", "zone_id"], kind="stable").reset_index(drop=True)
    table = pool.head(k).assign(chosen="auto")
    target_values = target.reindex(indicators).rename("target")
    return ComparisonResult(table, targets, indicators, target_values, pool, excluded_adj, int(k),
                            warnings)


# --------------------------------------------------------------------------------------------
# Inside a candidate: the population cells
# --------------------------------------------------------------------------------------------
def inside_zone_cells(
    project: Project,
    zone_ids: Sequence[str] | Candidate,
    themes: ThemeResults,
    *,
    suppress: bool = True,
) -> gpd.GeoDataFrame:
    """The 250 m population cells of the candidate zones with their access figures.

    Columns: ``ssbid`` (when the layer has it), ``zone_id``, ``population``,
    ``green_distance_m`` and ``green_covered`` (from ``themes.green.per_cell``),
    ``time_to_centre_min``, ``dist_to_stop_m`` and ``departures_per_hour_500m`` (from
    ``themes.transit.cells``; missing columns are NaN when that theme was not computed), and
    ``suppressed``: True for a cell with 1–4 residents. With ``suppress`` (the default, for
    export and web maps) their population is NaN; inside the app a planner may pass False to see
    it, still flagged.

    Raises
    ------
    DataError
        No population layer, or zone ids not in the project.

    Examples
    --------
    >>> cells = inside_zone_cells(project, ["0405", "0406"], themes)  # doctest: +SKIP
    >>> cells.groupby("green_covered")["population"].sum()  # doctest: +SKIP
    """
    ids = list(zone_ids.zone_ids if isinstance(zone_ids, Candidate)
               else ([zone_ids] if isinstance(zone_ids, str) else zone_ids))
    pop = project.layer("population")
    if pop is None:
        raise DataError("the project has no population layer", layer="population")
    zones = project.zones
    _check_ids(zones, ids, "the candidate")
    if "zone_id" in pop.columns:
        zid = pop["zone_id"].astype(str)
    else:  # cells without zone ids: the zone holding the centroid, as the zone table does
        pts = gpd.GeoDataFrame(geometry=pop.geometry.centroid.values, crs=pop.crs, index=pop.index)
        zz = gpd.GeoDataFrame({"_zone": zones.index.astype(str)}, geometry=zones.geometry.values,
                              crs=zones.crs)
        j = gpd.sjoin(pts, zz, predicate="within", how="left")
        zid = j["_zone"].groupby(level=0).first().reindex(pop.index).fillna("").astype(str)
    sel = zid.isin([str(i) for i in ids]).to_numpy()
    keep = [c for c in ("ssbid",) if c in pop.columns]
    out = gpd.GeoDataFrame(pop.loc[sel, keep].copy(), geometry=pop.geometry[sel].values,
                           crs=pop.crs, index=pop.index[sel])
    out.insert(len(keep), "zone_id", zid[sel].to_numpy())
    out.insert(len(keep) + 1, "population", pd.to_numeric(pop.loc[sel, "population"]).astype(float))
    green = getattr(themes, "green", None)
    per_cell = getattr(green, "per_cell", None)
    for col in ("green_distance_m", "green_covered"):
        if per_cell is not None and col in per_cell.columns:
            out[col] = per_cell[col].reindex(out.index)
        else:
            out[col] = np.nan
    transit = getattr(themes, "transit", None)
    tcells = getattr(transit, "cells", None)
    for col in ("time_to_centre_min", "dist_to_stop_m", "departures_per_hour_500m"):
        if tcells is not None and col in tcells.columns:
            out[col] = tcells[col].reindex(out.index)
        else:
            out[col] = np.nan
    small = (out["population"] > 0) & (out["population"] < CELL_THRESHOLD)
    out["suppressed"] = small.to_numpy()
    if suppress:
        out.loc[small, "population"] = np.nan
    cols = [c for c in out.columns if c != out.geometry.name] + [out.geometry.name]
    return out[cols]


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------
def _as_zone_table(obj: ZoneTable | ThemeResults) -> ZoneTable:
    zt = getattr(obj, "zone_table", obj)
    if not isinstance(zt, ZoneTable):
        raise DataError("expected a ZoneTable (or the ThemeResults holding one)")
    return zt


def _check_ids(gdf: pd.DataFrame, ids: Iterable[Hashable], what: str) -> None:
    known = set(map(str, gdf.index))
    unknown = [str(i) for i in ids if str(i) not in known]
    if unknown:
        raise DataError(f"{what} names zone(s) that are not in the zone table: "
                        f"{', '.join(unknown)}", field="zone_id")


def _queen(gdf: gpd.GeoDataFrame, weights: WeightsResult | None) -> WeightsResult:
    if (weights is not None and weights.kind == "queen"
            and set(map(str, weights.ids)) == set(map(str, gdf.index))):
        return weights
    return spatial_weights(gpd.GeoDataFrame(geometry=gdf.geometry.values, crs=gdf.crs,
                                            index=gdf.index.astype(str)), "queen")


def _adjacency(gdf: gpd.GeoDataFrame, weights: WeightsResult | None) -> dict[str, set[str]]:
    w = _queen(gdf, weights)
    return {str(z): {str(n) for n in nb} for z, nb in w.w.neighbors.items()}


def _require_connected(gdf: gpd.GeoDataFrame, cand: Candidate,
                       weights: WeightsResult | None) -> None:
    """Raise unless the candidate's zones form one connected area (queen contiguity)."""
    adj = _adjacency(gdf, weights)
    ids = [str(z) for z in cand.zone_ids]
    inside = set(ids)
    seen = {ids[0]}
    stack = [ids[0]]
    while stack:
        z = stack.pop()
        for n in adj.get(z, ()):
            if n in inside and n not in seen:
                seen.add(n)
                stack.append(n)
    if len(seen) == len(ids):
        return
    apart = [z for z in ids if z not in seen]
    names = gdf["zone_name"] if "zone_name" in gdf.columns else None

    def label(zs: list[str]) -> str:
        if names is None:
            return ", ".join(zs)
        return ", ".join(f"{z} {names.get(z, '')}".strip() for z in zs)

    raise AnalysisError(
        f"the zones of candidate {cand.name!r} do not form one connected area: "
        f"{label(apart)} {'does' if len(apart) == 1 else 'do'} not border "
        f"{label([z for z in ids if z in seen])}; add the zones between them, or allow a "
        "candidate of separate zones")
