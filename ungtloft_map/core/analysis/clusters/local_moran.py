"""Local Moran's I (LISA) with conditional permutations, and the global Moran's I.

The same statistic as esda's ``Moran_Local(y, w, transformation="r")`` and ``Moran``:
``z = (y - mean) / std`` (population std), ``I_i = (n - 1) z_i lag_i / sum(z^2)`` with the
row-standardised lag of ``z``; the pseudo p-values come from the conditional permutations of
:mod:`._permutation` (esda's scheme and "directed" rule, numpy's random numbers).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _permutation as perm
from ._common import lisa_result, name_of, prepare, quadrants
from .results import LocalMoranResult, WeightsResult
from .weights import SpatialWeights, subset_weights

__all__ = ["global_moran", "local_moran", "local_moran_arrays"]

#: kept for callers that passed it; the numpy kernels run in this process (no joblib workers)
DEFAULT_N_JOBS = 1


def lisa_arrays(
    zx: np.ndarray, zy: np.ndarray, w: SpatialWeights, *, permutations: int, seed: int | None
) -> dict[str, np.ndarray]:
    """The local Moran kernel: a zone's ``zx`` against the lag of ``zy`` (both standardised).

    ``I_i = (n - 1) zx_i lag(zy)_i / sum(zx^2)``; in the conditional permutations the zone's
    ``zx`` stays and its neighbours' ``zy`` are drawn from the other zones. With ``zx is zy``
    this is the univariate LISA, with two variables the bivariate one (one kernel for both).
    Returns ``lag``, ``local_i``, ``quadrant`` and ``p``.
    """
    n = len(zx)
    m = w.sparse
    lag = m @ zy
    den = (zx * zx).sum()
    local_i = (n - 1) * zx * lag / den
    scaling = (n - 1) / den
    p = perm.local_pseudo_p(
        zy, perm.CsrParts(m), local_i,
        lambda rows, lags: zx[rows, None] * lags * scaling,
        permutations=permutations, seed=seed,
    )
    return {"lag": lag, "local_i": local_i, "quadrant": quadrants(zx, lag), "p": p}


def local_moran_arrays(
    y: np.ndarray, w: SpatialWeights, *, permutations: int, seed: int | None
) -> dict[str, np.ndarray]:
    """Local Moran of an array: ``z``, ``lag``, ``local_i``, ``quadrant``, ``p`` (esda's numbers)."""
    y = np.asarray(y, dtype=float)
    z = y - y.mean()
    z /= y.std()
    return {"z": z, **lisa_arrays(z, z, w, permutations=permutations, seed=seed)}


def global_moran(
    y: np.ndarray, w: SpatialWeights, *, permutations: int, seed: int | None
) -> tuple[float, float, float]:
    """Global Moran's I, its permutation pseudo p-value and expectation, as esda's ``Moran``.

    The permutations are drawn as esda draws them (``np.random.permutation`` after
    ``np.random.seed(seed)``) but from a private generator, so for a seed the p-value is
    esda's and the caller's global random state is untouched.
    """
    y = np.asarray(y, dtype=float)
    n = len(y)
    z = y - y.mean()
    z2ss = (z * z).sum()
    m = w.sparse
    s0 = float(m.sum())

    def calc(zz: np.ndarray) -> np.ndarray:  # (block, n) -> (block,)
        cols = np.ascontiguousarray(zz.T)  # sparse @ C-ordered dense is the fast case
        return n / s0 * np.einsum("ij,ij->j", m @ cols, cols) / z2ss

    observed = float(calc(z[None, :])[0])
    sims = perm.global_permutations(z, permutations, seed, calc)
    p = float(perm.directed_p(np.array([observed]), [(sims >= observed).sum()], permutations)[0])
    return observed, p, -1.0 / (n - 1)


def local_moran(
    values: pd.Series,
    weights: WeightsResult,
    *,
    permutations: int = 999,
    seed: int | None = 12345,
    alpha: float = 0.05,
    fdr: bool = False,
    n_jobs: int = DEFAULT_N_JOBS,
) -> LocalMoranResult:
    """Local Moran's I (LISA): where high values sit among high values, and low among low.

    Parameters
    ----------
    values
        One value per zone, indexed by zone id (ids missing from ``values`` count as no data).
    weights
        From :func:`spatial_weights`.
    permutations
        Conditional permutations for the pseudo p-values.
    seed
        Seed of the permutations (same seed, same result).
    alpha
        Significance level.
    fdr
        Use the false-discovery-rate cut-off (Benjamini-Hochberg, as ``esda.fdr``) instead of
        ``alpha``.
    n_jobs
        Ignored (kept for compatibility): the vectorised kernels use one process.

    Returns
    -------
    LocalMoranResult

    Raises
    ------
    AnalysisError
        Fewer than 5 zones with data; all values equal (zero variance).

    Examples
    --------
    See the package docstring.
    """
    del n_jobs
    y, keep, warnings = prepare(
        values, weights, what=name_of(values), permutations=permutations, alpha=alpha
    )
    w, more = subset_weights(weights, keep)
    warnings.extend(more)
    lm = local_moran_arrays(y, w, permutations=permutations, seed=seed)
    gi, gp, ge = global_moran(y, w, permutations=permutations, seed=seed)
    return lisa_result(
        local_i=lm["local_i"],
        quadrant=lm["quadrant"],
        p=lm["p"],
        z=lm["z"],
        lag=lm["lag"],
        keep=keep,
        all_ids=weights.ids,
        global_i=gi,
        global_p=gp,
        global_expected=ge,
        alpha=alpha,
        fdr=fdr,
        permutations=permutations,
        seed=seed,
        bivariate=False,
        variable=name_of(values),
        warnings=warnings,
        w=w,
    )
