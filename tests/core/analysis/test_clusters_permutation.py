"""The conditional-permutation kernels against a plain loop written after esda's ``crand``."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy import sparse

from ungtloft_map.core.analysis.clusters import _permutation as perm


def _random_weights(n: int, seed: int, island: int | None = None) -> sparse.csr_matrix:
    """Unequal weights, a few self-weights, varying cardinality; optionally one island."""
    rng = np.random.default_rng(seed)
    dense = np.where(rng.random((n, n)) < 0.15, rng.uniform(0.1, 2.0, (n, n)), 0.0)
    np.fill_diagonal(dense, np.where(rng.random(n) < 0.3, rng.uniform(0.1, 1.0, n), 0.0))
    if island is not None:
        dense[island, :] = 0.0
    return sparse.csr_matrix(dense)


def _loop_lags(values, matrix, ids):
    """esda's _prepare_univariate per zone: others in column order, values without zone i."""
    m = sparse.csr_matrix(matrix)
    m.sort_indices()
    n = m.shape[0]
    out = np.zeros((n, ids.shape[0]))
    for i in range(n):
        cols = m.indices[m.indptr[i]:m.indptr[i + 1]]
        w = m.data[m.indptr[i]:m.indptr[i + 1]]
        others = cols != i
        cols, w = cols[others], w[others]
        if len(cols) == 0:
            continue
        z_no_i = np.delete(values, i)
        out[i] = z_no_i[ids[:, : len(cols)]] @ w
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_conditional_lags_equal_a_plain_loop(seed):
    n = 37
    m = _random_weights(n, seed, island=5 if seed == 1 else None)
    parts = perm.CsrParts(m)
    ids = perm.permutation_ids(n, parts.max_card, 53, seed)
    values = np.random.default_rng(seed + 10).normal(size=n)
    got = np.full((n, 53), np.nan)
    for rows, lags in perm.conditional_lags(values, parts, ids):
        got[rows] = lags
    assert np.allclose(got, _loop_lags(values, m, ids), rtol=1e-12, atol=1e-12)
    assert np.array_equal(parts.self_weights[parts.card > 0], m.diagonal()[parts.card > 0])
    if seed == 1:
        assert parts.card[5] == 0 and parts.self_weights[5] == 0  # esda's island handling


def test_blocks_cover_every_zone_once(monkeypatch):
    monkeypatch.setattr(perm, "BLOCK_ELEMENTS", 100)  # many small blocks
    n = 23
    parts = perm.CsrParts(_random_weights(n, 4))
    ids = perm.permutation_ids(n, parts.max_card, 17, 4)
    seen = np.concatenate([rows for rows, _ in perm.conditional_lags(np.arange(n, dtype=float), parts, ids)])
    assert np.array_equal(np.sort(seen), np.arange(n))


@pytest.mark.parametrize(("n", "k"), [(5001, 8), (50, 8), (12, 11)])
def test_permutation_ids_distinct_in_range_and_reproducible(n, k):
    ids = perm.permutation_ids(n, k, 999, 7)
    assert ids.shape == (999, k)
    assert ids.min() >= 0 and ids.max() <= n - 2
    s = np.sort(ids, axis=1)
    assert not (s[:, 1:] == s[:, :-1]).any()
    assert np.array_equal(ids, perm.permutation_ids(n, k, 999, 7))
    assert not np.array_equal(ids, perm.permutation_ids(n, k, 999, 8))


@pytest.mark.parametrize(("n", "k"), [(41, 5), (9, 6)])  # the rejection and the sorting path
def test_permutation_ids_first_columns_uniform(n, k):
    ids = perm.permutation_ids(n, k, 60_000, 3)
    m = n - 1
    for col in (0, k - 1):  # every position equally likely in the first and the last column
        counts = np.bincount(ids[:, col], minlength=m)
        expected = len(ids) / m
        chi2 = ((counts - expected) ** 2 / expected).sum()
        assert chi2 < m - 1 + 6 * np.sqrt(2 * (m - 1))  # mean + 6 sd of chi2(m - 1)
    # the pair in the first two columns is an unordered uniform pair: (a, b) as often as (b, a)
    a, b = ids[:, 0], ids[:, 1]
    assert abs((a < b).mean() - 0.5) < 0.01


def test_directed_p_is_esdas_rule():
    # 9 permutations: 7 simulated values >= observed -> the other tail (2) is the smaller one
    assert perm.directed_p(np.zeros(3), np.array([7, 2, 0]), 9).tolist() == [0.3, 0.3, 0.1]
    assert perm.directed_p(np.zeros(1), np.array([5]), 9).tolist() == [0.5]  # 4 < 5 -> 4


def test_too_many_neighbours_for_the_zones():
    with pytest.raises(ValueError):
        perm.permutation_ids(5, 5, 10, 1)


def test_the_cluster_step_pulls_in_no_esda_libpysal_or_numba():
    # neither the import nor running every statistic loads them: no JIT compile
    code = ("import sys, numpy as np, pandas as pd, geopandas as gpd, shapely\n"
            "import ungtloft_map.core.analysis.clusters as c\n"
            "x, y = np.meshgrid(np.arange(3.0), np.arange(3.0))\n"
            "z = gpd.GeoDataFrame(geometry=shapely.box(x.ravel(), y.ravel(), x.ravel() + 1, y.ravel() + 1), crs=25832)\n"
            "w = c.spatial_weights(z); v = pd.Series(np.arange(9.0) % 4, index=z.index)\n"
            "c.local_moran(v, w, permutations=9); c.getis_ord(v, w, permutations=9)\n"
            "c.bivariate_local_moran(v, v[::-1].set_axis(v.index), w, permutations=9)\n"
            "print([m for m in ('esda', 'libpysal', 'numba') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
