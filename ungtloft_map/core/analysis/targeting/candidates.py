"""Candidate target areas: one or more zones re-aggregated from their counts, side by side.

:func:`aggregate_candidate` / :func:`compare_candidates`
    A candidate area (one or more zones) re-aggregated: levekår rates from **summed counts and
    denominators** (never an average of rates), the overlay measures by the rule documented in
    :data:`AGGREGATION_RULES`, beside the municipal value and where the merged area would rank
    among the other zones.

Operations on a :class:`ZoneTable` (and, for exact travel times, the transit cells frame);
never on a project.

Examples
--------
>>> cand = Candidate("Østbyen", ["0301", "0302"])  # doctest: +SKIP
>>> aggregate_candidate(themes.zone_table, cand, project.catalogue)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ...catalogue import Catalogue
from ...errors import AnalysisError, DataError, DataWarning
from ...zonetable import ZoneTable
from ..clusters import WeightsResult
from ..index import composite_index
from ..livingconditions import rate_from_counts
from ..transit.matrix import zone_values
from .contiguity import as_zone_table, check_ids, queen_weights, require_connected
from .ranking import index_inputs

__all__ = [
    "AGGREGATION_RULES",
    "MAX_CANDIDATES",
    "AggregationRule",
    "Candidate",
    "CandidateProfile",
    "aggregate_candidate",
    "compare_candidates",
]

#: Candidates shown side by side at most.
MAX_CANDIDATES = 5


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
    zone_table: ZoneTable,
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
    zt = as_zone_table(zone_table)
    cand = candidate if isinstance(candidate, Candidate) else Candidate("Kandidat", tuple(candidate))
    gdf = zt.gdf
    check_ids(gdf, cand.zone_ids, f"candidate {cand.name!r}")
    warnings: list[DataWarning] = []
    if require_adjacent and len(cand.zone_ids) > 1:
        require_connected(gdf, cand.name, cand.zone_ids, weights)
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
    zone_table: ZoneTable,
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
    zt = as_zone_table(zone_table)
    if weights is None or weights.kind != "queen":
        weights = queen_weights(zt.gdf)
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
