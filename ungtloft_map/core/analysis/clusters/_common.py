"""What the statistics share: checking and aligning the values, significance, result assembly."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...errors import AnalysisError, DataError, DataWarning
from ._labels import MIN_ZONES, NO_DATA, NOT_SIGNIFICANT, QUADRANTS
from .results import LocalMoranResult, WeightsResult

if TYPE_CHECKING:
    from .weights import SpatialWeights


def fdr(pvalues: np.ndarray, alpha: float = 0.05) -> float:
    """Benjamini-Hochberg false-discovery-rate cut-off, as :func:`esda.fdr`.

    The largest ``k * alpha / n`` with the ``k``-th smallest p-value strictly below it (the
    step-up rule with esda's strict ``<``); ``alpha / n`` (Bonferroni) when there is none.

    Examples
    --------
    >>> fdr(np.array([0.001, 0.002, 0.04, 0.5]), 0.05)
    0.025
    """
    p = np.asarray(pvalues, dtype=float)
    n = len(p)
    p_sort = np.sort(p)[::-1]
    p_fdr = np.arange(n, 0, -1) * alpha / n
    hits = np.flatnonzero(p_sort < p_fdr)
    return float(alpha / n) if hits.size == 0 else float(p_fdr[hits[0]])


def cutoff_for(p: np.ndarray, alpha: float, use_fdr: bool) -> float:
    """The p-value cut-off: ``alpha``, or the FDR cut-off of ``p`` at ``alpha``."""
    if not 0.0 < float(alpha) < 1.0:
        raise ValueError(f"alpha must be between 0 and 1, not {alpha!r}")
    return fdr(p, alpha) if use_fdr else float(alpha)


def quadrants(z: np.ndarray, lag: np.ndarray) -> np.ndarray:
    """esda's quadrant codes (``geoda_quads=False``): 1 HH, 2 LH, 3 LL, 4 HL."""
    zp, lp = z > 0, lag > 0
    return np.select([zp & lp, ~zp & lp, ~zp & ~lp], [1, 2, 3], default=4)


def name_of(s: pd.Series) -> str:
    name = getattr(s, "name", None)
    return str(name) if name is not None else "value"


def prepare(
    values: pd.Series,
    weights: WeightsResult,
    *,
    what: str,
    permutations: int = 999,
    alpha: float = 0.05,
) -> tuple[np.ndarray, pd.Index, list[DataWarning]]:
    """Values aligned to the weights; the ids with data; warnings about the rest."""
    if not isinstance(weights, WeightsResult):
        raise TypeError("weights must come from spatial_weights()")
    if int(permutations) < 1:
        raise ValueError(f"permutations must be at least 1, not {permutations!r}")
    if not 0.0 < float(alpha) < 1.0:
        raise ValueError(f"alpha must be between 0 and 1, not {alpha!r}")
    s = pd.Series(values)
    if s.index.has_duplicates:
        raise DataError(f"zone ids are repeated in {what!r}")
    warnings: list[DataWarning] = list(weights.warnings)
    extra = s.index.difference(weights.ids)
    if len(extra):
        warnings.append(
            DataWarning(
                f"{len(extra)} value(s) for zones not in the zone layer are ignored: "
                f"{', '.join(map(str, extra[:5]))}",
                field=what,
            )
        )
    try:
        s = pd.to_numeric(s.reindex(weights.ids), errors="raise").astype(float)
    except (ValueError, TypeError) as err:
        raise DataError(f"values must be numbers ({err})", field=what) from None
    ok = np.isfinite(s.to_numpy())
    if (~ok).any():
        missing = s.index[~ok]
        warnings.append(
            DataWarning(
                f"{len(missing)} zone(s) without a value are left out and shown as "
                f"'{NO_DATA}': {', '.join(map(str, missing[:10]))}"
                + (" ..." if len(missing) > 10 else ""),
                field=what,
            )
        )
    keep = s.index[ok]
    if len(keep) < MIN_ZONES:
        raise AnalysisError(
            f"only {len(keep)} zone(s) have a value; spatial clusters need at least {MIN_ZONES}",
            field=what,
        )
    y = s.loc[keep].to_numpy(dtype=float)
    if np.ptp(y) == 0:
        raise AnalysisError(
            "all zones have the same value: there is no spatial pattern to look for",
            field=what,
        )
    return y, keep, warnings


def full(arr, keep: pd.Index, ids: pd.Index, fill, *, name: str) -> pd.Series:
    """Values for the zones in ``keep`` spread onto all ``ids`` with ``fill`` elsewhere."""
    out = pd.Series(fill, index=ids, name=name, dtype=object if isinstance(fill, str) else None)
    out.loc[keep] = np.asarray(arr)
    return out


def lisa_result(
    *,
    local_i: np.ndarray,
    quadrant: np.ndarray,
    p: np.ndarray,
    z: np.ndarray,
    lag: np.ndarray,
    keep: pd.Index,
    all_ids: pd.Index,
    global_i: float,
    global_p: float,
    global_expected: float,
    alpha: float,
    fdr: bool,
    permutations: int,
    seed: int | None,
    bivariate: bool,
    variable: str,
    warnings: list[DataWarning],
    w: SpatialWeights,
) -> LocalMoranResult:
    """Labels from the quadrants where ``p < cutoff``, spread onto all zones."""
    q = np.asarray(quadrant, dtype=int)
    cutoff = cutoff_for(p, alpha, fdr)
    sig = p < cutoff
    lab = np.where(sig, [QUADRANTS[int(c)] for c in q], NOT_SIGNIFICANT).astype(object)
    return LocalMoranResult(
        labels=full(lab, keep, all_ids, NO_DATA, name="label"),
        quadrant=full(q, keep, all_ids, 0, name="quadrant").astype(int),
        significant=full(sig, keep, all_ids, False, name="significant").astype(bool),
        p_values=full(p, keep, all_ids, np.nan, name="p_value"),
        local_i=full(np.asarray(local_i, dtype=float), keep, all_ids, np.nan, name="local_i"),
        scatter=pd.DataFrame({"z": z, "lag": lag}, index=keep),
        global_i=global_i,
        global_p=global_p,
        global_expected=global_expected,
        cutoff=cutoff,
        alpha=float(alpha),
        fdr=bool(fdr),
        permutations=int(permutations),
        seed=seed,
        bivariate=bivariate,
        n=len(keep),
        variable=variable,
        warnings=warnings,
        neighbors={i: list(v) for i, v in w.neighbors.items()},
    )


