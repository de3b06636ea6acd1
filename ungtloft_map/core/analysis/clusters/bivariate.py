"""Bivariate Local Moran's I: a zone's ``x`` against its neighbours' ``y``.

The same statistic as esda's ``Moran_Local_BV(x, y, w, transformation="r")``:
``zx``, ``zy`` standardised with the population std, ``I_i = (n - 1) zx_i lag(zy)_i / sum(zx^2)``;
in the conditional permutations the zone's ``x`` stays and its neighbours' ``y`` are drawn from
the other zones. The global statistic is esda's ``Moran_BV`` (``zx``, ``zy`` with ``ddof=1``,
``I = sum(zx lag(zy)) / (n - 1)``, permuting ``zy``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...errors import AnalysisError, DataError
from . import _permutation as perm
from ._common import lisa_result, name_of, prepare
from .local_moran import DEFAULT_N_JOBS, lisa_arrays
from .results import LocalMoranResult, WeightsResult
from .weights import SpatialWeights, subset_weights

__all__ = ["bivariate_local_moran", "global_moran_bv", "local_moran_bv_arrays"]


def local_moran_bv_arrays(
    x: np.ndarray, y: np.ndarray, w: SpatialWeights, *, permutations: int, seed: int | None
) -> dict[str, np.ndarray]:
    """Bivariate local Moran of arrays: ``zx``, ``zy``, ``lag`` (of ``zy``), ``local_i``,
    ``quadrant``, ``p``."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    zx = (x - x.mean()) / x.std()
    zy = (y - y.mean()) / y.std()
    return {"zx": zx, "zy": zy, **lisa_arrays(zx, zy, w, permutations=permutations, seed=seed)}


def global_moran_bv(
    x: np.ndarray, y: np.ndarray, w: SpatialWeights, *, permutations: int, seed: int | None
) -> tuple[float, float]:
    """Global bivariate Moran's I and its permutation pseudo p-value, as esda's ``Moran_BV``."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(x)
    zx = (x - x.mean()) / x.std(ddof=1)
    zy = (y - y.mean()) / y.std(ddof=1)
    m = w.sparse

    def calc(zz: np.ndarray) -> np.ndarray:  # (block, n) permuted zy -> (block,)
        return (zx @ (m @ np.ascontiguousarray(zz.T))) / (n - 1.0)

    observed = float(calc(zy[None, :])[0])
    sims = perm.global_permutations(zy, permutations, seed, calc)
    p = float(perm.directed_p(np.array([observed]), [(sims >= observed).sum()], permutations)[0])
    return observed, p


def bivariate_local_moran(
    x: pd.Series,
    y: pd.Series,
    weights: WeightsResult,
    *,
    permutations: int = 999,
    seed: int | None = 12345,
    alpha: float = 0.05,
    fdr: bool = False,
    n_jobs: int = DEFAULT_N_JOBS,
) -> LocalMoranResult:
    """Bivariate Local Moran's I: a zone's ``x`` against its neighbours' ``y``.

    "High-High" = high ``x`` in the zone and high ``y`` around it, e.g. ``x`` = low income and
    ``y`` = lack of green coverage: disadvantage and poor access coincide. Orient both so that
    high = bad to read "High-High" as a double burden.

    Parameters
    ----------
    x, y
        One value per zone each, indexed by zone id; a zone missing either is left out.
    weights, permutations, seed, alpha, fdr, n_jobs
        As for :func:`local_moran`.

    Returns
    -------
    LocalMoranResult
        ``scatter`` holds standardised ``x`` and the lag of standardised ``y``; the global
        statistic is the bivariate Moran's I of esda's ``Moran_BV``.
    """
    del n_jobs
    name = f"{name_of(x)} ~ {name_of(y)}"
    xa = pd.Series(x).reindex(weights.ids)
    try:
        ya = pd.to_numeric(pd.Series(y).reindex(weights.ids), errors="raise").astype(float)
    except (ValueError, TypeError) as err:
        raise DataError(f"values must be numbers ({err})", field=name_of(y)) from None
    # A zone missing either variable is left out of both.
    both = xa.where(np.isfinite(ya.to_numpy()))
    xv, keep, warnings = prepare(
        both, weights, what=name_of(x), permutations=permutations, alpha=alpha
    )
    yv = ya.loc[keep].to_numpy(dtype=float)
    if np.ptp(yv) == 0:
        raise AnalysisError(f"all zones have the same value of {name_of(y)!r}: there is no pattern")
    w, more = subset_weights(weights, keep)
    warnings.extend(more)
    lm = local_moran_bv_arrays(xv, yv, w, permutations=permutations, seed=seed)
    gi = global_moran_bv(xv, yv, w, permutations=permutations, seed=seed)
    return lisa_result(
        local_i=lm["local_i"],
        quadrant=lm["quadrant"],
        p=lm["p"],
        z=lm["zx"],
        lag=lm["lag"],
        keep=keep,
        all_ids=weights.ids,
        global_i=gi[0],
        global_p=gi[1],
        global_expected=float(-1.0 / (len(keep) - 1)),
        alpha=alpha,
        fdr=fdr,
        permutations=permutations,
        seed=seed,
        bivariate=True,
        variable=name,
        warnings=warnings,
        w=w,
    )


