"""Getis-Ord Gi* (and Gi) hot and cold spots with conditional permutations.

The same statistic as esda's ``G_Local(y, w_binary, transform="R", star=True)``: binary
weights with the zone itself added (weight 1) and row-standardised, ``G_i = lag_i / sum(y)``;
for Gi (``star=False``) without the zone, ``G_i = lag_i / (sum(y) - y_i)``. ``z_scores`` are
esda's analytical ``Zs``; the pseudo p-values come from the conditional permutations of the raw
values (esda's scheme and "directed" rule, numpy's random numbers).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from . import _permutation as perm
from ._common import cutoff_for, full, name_of, prepare
from ._labels import COLD_SPOT, HOT_SPOT, NO_DATA, NOT_SIGNIFICANT
from .local_moran import DEFAULT_N_JOBS
from .results import GetisOrdResult, WeightsResult
from .weights import SpatialWeights, subset_weights

__all__ = ["getis_ord", "getis_ord_arrays"]


def getis_ord_arrays(
    y: np.ndarray, w: SpatialWeights, *, star: bool, permutations: int, seed: int | None
) -> dict[str, np.ndarray]:
    """Gi* (or Gi) of an array of positive values: ``g``, ``z`` (esda's ``Zs``), ``p``."""
    y = np.asarray(y, dtype=float)
    n = len(y)
    b = w.binary
    if star:
        b = sparse.csr_matrix(b + sparse.identity(n, format="csr"))
    card = np.asarray(b.sum(axis=1)).ravel()
    m = sparse.csr_matrix(
        sparse.diags(np.divide(1.0, card, out=np.zeros(n), where=card > 0)) @ b
    )
    m.sort_indices()
    remove_self = not star
    total = y.sum()
    g = (m @ y) / (total - y * remove_self)
    big_n = n - remove_self
    mean = (total - y * remove_self) / big_n
    mean_sq = ((y**2).sum() - (y**2) * remove_self) / big_n
    var = mean_sq - mean**2
    rowsum = np.asarray(m.sum(axis=1)).ravel()
    ev = rowsum / big_n
    vg = rowsum * (big_n - rowsum) / (big_n - 1) * (1 / big_n**2) * (var / mean**2)
    z = (g - ev) / np.sqrt(vg)
    parts = perm.CsrParts(m)
    if star:
        self_w = parts.self_weights

        def stat(rows, lags):
            return (lags + (self_w[rows] * y[rows])[:, None]) / total
    else:

        def stat(rows, lags):
            return lags / (total - y[rows])[:, None]

    p = perm.local_pseudo_p(y, parts, g, stat, permutations=permutations, seed=seed)
    return {"g": g, "z": z, "p": p}


def getis_ord(
    values: pd.Series,
    weights: WeightsResult,
    *,
    star: bool = True,
    permutations: int = 999,
    seed: int | None = 12345,
    alpha: float = 0.05,
    fdr: bool = False,
    n_jobs: int = DEFAULT_N_JOBS,
) -> GetisOrdResult:
    """Getis-Ord Gi* hot and cold spots (the statistic of esda's ``G_Local``).

    Gi* (``star=True``) includes the zone itself in its neighbourhood sum, with the same weight
    as each neighbour (binary weights with a self-link, then row-standardised).

    G is a ratio of sums and needs positive values; indicators that can be 0 or negative (a
    z-score composite) are shifted by a constant first so that the smallest value is 1. The
    standardised G (``z_scores``) and the permutation p-values do not change under such a
    shift, so neither do the labels.

    Parameters
    ----------
    values, weights, permutations, seed, alpha, fdr, n_jobs
        As for :func:`local_moran`.
    star
        Gi* (True) or Gi (False).

    Returns
    -------
    GetisOrdResult
        ``"Hot spot"`` where significant with ``z_scores > 0``, ``"Cold spot"`` where
        significant with ``z_scores < 0``.
    """
    del n_jobs
    y, keep, warnings = prepare(
        values, weights, what=name_of(values), permutations=permutations, alpha=alpha
    )
    if y.min() <= 0:
        y = y - y.min() + 1.0
    w, more = subset_weights(weights, keep)
    warnings.extend(more)
    gl = getis_ord_arrays(y, w, star=star, permutations=permutations, seed=seed)
    p, zs = gl["p"], gl["z"]
    cutoff = cutoff_for(p, alpha, fdr)
    sig = p < cutoff
    lab = np.full(len(keep), NOT_SIGNIFICANT, dtype=object)
    lab[sig & (zs > 0)] = HOT_SPOT
    lab[sig & (zs < 0)] = COLD_SPOT
    ids = weights.ids
    return GetisOrdResult(
        labels=full(lab, keep, ids, NO_DATA, name="label"),
        z_scores=full(zs, keep, ids, np.nan, name="z"),
        p_values=full(p, keep, ids, np.nan, name="p_value"),
        significant=full(sig, keep, ids, False, name="significant").astype(bool),
        g=full(gl["g"], keep, ids, np.nan, name="g"),
        cutoff=float(cutoff),
        alpha=float(alpha),
        fdr=bool(fdr),
        permutations=int(permutations),
        seed=seed,
        star=bool(star),
        n=len(keep),
        variable=name_of(values),
        warnings=warnings,
        neighbors={i: list(v) for i, v in w.neighbors.items()},
    )
