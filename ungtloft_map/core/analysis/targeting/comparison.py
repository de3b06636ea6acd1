"""Comparison zones: the zones most like a target area, leaving out its neighbours.

:func:`comparison_zones`
    The ``k`` zones most like the target on baseline indicators (standardised Euclidean
    distance), leaving out the target and the zones next to it (spillover), for a
    difference-in-differences style evaluation. :meth:`ComparisonResult.swap` replaces one by hand.

An operation on a :class:`ZoneTable`; never on a project.

Examples
--------
>>> comparison_zones(themes.zone_table, ["0301", "0302"], ["low_income", "neet"], k=5)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ...catalogue import Catalogue
from ...errors import AnalysisError, DataError, DataWarning
from ...zonetable import ZoneTable
from ..clusters import WeightsResult
from .candidates import Candidate, aggregate_candidate
from .contiguity import adjacency, as_zone_table, check_ids

__all__ = ["ComparisonResult", "comparison_zones"]


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
    zone_table: ZoneTable,
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
    zt = as_zone_table(zone_table)
    gdf = zt.gdf
    catalogue = catalogue or Catalogue.default()
    targets = tuple(str(z) for z in (target_ids.zone_ids if isinstance(target_ids, Candidate)
                                     else ([target_ids] if isinstance(target_ids, str) else target_ids)))
    if not targets:
        raise DataError("choose at least one target zone", field="zone_id")
    check_ids(gdf, targets, "the target")
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
        adj = adjacency(gdf, weights)
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
