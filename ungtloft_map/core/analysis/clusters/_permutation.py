"""Conditional-permutation kernels in vectorised numpy (no JIT, nothing to compile).

The scheme is esda's ``crand`` (esda 2.x): one matrix of permuted ids is drawn for the whole
map, row ``p`` holding ``max_card`` distinct positions out of the ``n - 1`` *other* zones; zone
``i`` with ``c`` neighbours takes the first ``c`` of each row, mapped past itself
(position ``j`` means zone ``j`` if ``j < i``, else ``j + 1``), so its own value stays put and
its neighbours' values are drawn at random from the rest. The simulated statistic is compared
with the observed one by esda's "directed" pseudo p-value: ``k`` = the number of simulated
values ``>=`` the observed one, or of the others if those are fewer, ``p = (k + 1) / (P + 1)``.

The random numbers come from :class:`numpy.random.Generator` (PCG64), not from numba's
Mersenne Twister, so the pseudo p-values equal esda's in distribution (within Monte-Carlo
error), not draw for draw; the tests check that over many seeds. The global statistics use
:class:`numpy.random.RandomState` exactly as esda's ``Moran`` and ``Moran_BV`` use numpy's
global generator, so the global pseudo p-value for a seed is esda's own.

Why numpy and not numba with ``cache=True``: importing numba alone costs about 0.5 s in a fresh
process, a cached kernel still has to be loaded and type-checked, and the disk cache must be
writable and shipped with the installer. The vectorised form does the same arithmetic in
blocks of zones (about 4 million numbers at a time) and needs none of that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
from scipy import sparse

#: Numbers handled per block: (zones in the block) x permutations x max neighbours.
BLOCK_ELEMENTS = 1 << 22


class CsrParts:
    """A square weights matrix split the way ``crand`` needs it.

    Attributes
    ----------
    self_weights : numpy.ndarray
        (n,) the diagonal (the zone's own weight, non-zero only for Gi*).
    card : numpy.ndarray
        (n,) number of other zones with a non-zero weight.
    padded : numpy.ndarray
        (n, max_card) their weights in column order, zero-padded on the right.
    """

    def __init__(self, matrix: sparse.spmatrix):
        m = sparse.csr_matrix(matrix, dtype=float, copy=True)
        m.sort_indices()
        self.n = m.shape[0]
        self.self_weights = m.diagonal().astype(float)
        # drop the diagonal without changing the sparsity in place (no SparseEfficiencyWarning)
        m = sparse.csr_matrix(m - sparse.diags(self.self_weights))
        m.eliminate_zeros()
        m.sort_indices()
        self.card = np.diff(m.indptr).astype(np.int64)
        self.max_card = int(self.card.max()) if self.n else 0
        self.padded = np.zeros((self.n, max(self.max_card, 1)))
        if m.nnz:
            rows = np.repeat(np.arange(self.n), self.card)
            cols = np.arange(m.nnz) - np.repeat(m.indptr[:-1], self.card)
            self.padded[rows, cols] = m.data
        # an island (no other zone): esda gives it one fake neighbour of weight 0 and no self
        # weight, so its simulated lag is 0
        self.self_weights[self.card == 0] = 0.0


def permutation_ids(n: int, k: int, permutations: int, seed: int | None) -> np.ndarray:
    """``permutations`` rows of ``k`` distinct positions out of ``range(n - 1)``, in random order.

    Every row is uniform over the ordered ``k``-tuples without repetition, so its first ``c``
    entries are a uniform random ``c``-subset for any ``c <= k`` (what zones with fewer
    neighbours use).
    """
    rng = np.random.default_rng(seed)
    m = n - 1
    k = max(int(k), 1)
    if k > m:
        raise ValueError(f"{k} neighbours cannot be drawn from {m} other zones")
    if k * k <= m:
        # few draws from many: draw with replacement and redraw the rows that repeat a value
        # (rejection keeps every row uniform over the tuples without repetition)
        ids = rng.integers(0, m, size=(permutations, k))
        while True:
            s = np.sort(ids, axis=1)
            bad = np.flatnonzero((s[:, 1:] == s[:, :-1]).any(axis=1))
            if not bad.size:
                return ids
            ids[bad] = rng.integers(0, m, size=(bad.size, k))
    # many draws from few: the k smallest of random keys, ordered by key
    keys = rng.random((permutations, m))
    part = np.argpartition(keys, k - 1, axis=1)[:, :k]
    order = np.argsort(np.take_along_axis(keys, part, axis=1), axis=1)
    return np.take_along_axis(part, order, axis=1)


def conditional_lags(
    values: np.ndarray, parts: CsrParts, ids: np.ndarray
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Simulated spatial lags of ``values`` (other zones only), block by block of zones.

    Yields ``(rows, lags)``: zone positions and the (len(rows), permutations) array
    ``lags[r, p] = sum_c padded[i, c] * values[other(i, ids[p, c])]`` with ``i = rows[r]`` and
    ``other(i, j) = j + [j >= i]``. Zones with fewer than ``max_card`` neighbours have zero
    weights in the padding, so they use the first ``card`` ids of each row, as esda does.
    """
    n, perms, k = parts.n, ids.shape[0], max(parts.max_card, 1)
    ids = ids[:, :k]
    at = values[ids]  # value at position j when j < i
    past = values[np.minimum(ids + 1, n - 1)]  # value at position j when j >= i (skip i)
    step = max(1, BLOCK_ELEMENTS // (perms * k))
    for start in range(0, n, step):
        rows = np.arange(start, min(start + step, n))
        shifted = ids[None, :, :] >= rows[:, None, None]
        vals = np.where(shifted, past[None], at[None])  # (m, P, k)
        lags = np.matmul(vals, parts.padded[rows][:, :, None])[:, :, 0]
        yield rows, lags


def directed_p(observed: np.ndarray, simulated_count_ge: np.ndarray, permutations: int) -> np.ndarray:
    """esda's "directed" pseudo p-value from the count of simulated values >= observed."""
    larger = np.asarray(simulated_count_ge, dtype=np.int64).copy()
    low = (permutations - larger) < larger
    larger[low] = permutations - larger[low]
    return (larger + 1.0) / (permutations + 1.0)


def local_pseudo_p(
    values: np.ndarray,
    parts: CsrParts,
    observed: np.ndarray,
    statistic: Callable[[np.ndarray, np.ndarray], np.ndarray],
    *,
    permutations: int,
    seed: int | None,
) -> np.ndarray:
    """Pseudo p-values of a local statistic under conditional permutation.

    Parameters
    ----------
    values
        (n,) the values whose neighbours are permuted.
    parts
        The weights (:class:`CsrParts`).
    observed
        (n,) the observed local statistic.
    statistic
        ``statistic(rows, lags) -> (len(rows), P)`` turns the simulated lags of others into
        the simulated statistic (adding the self-weight term, scaling ...).
    permutations, seed
        As for the statistics.
    """
    if parts.n < 2:
        raise ValueError("conditional permutation needs at least 2 zones")
    ids = permutation_ids(parts.n, parts.max_card, permutations, seed)
    count = np.zeros(parts.n, dtype=np.int64)
    for rows, lags in conditional_lags(values, parts, ids):
        sims = statistic(rows, lags)
        count[rows] += (sims >= observed[rows, None]).sum(axis=1)
    return directed_p(observed, count, permutations)


def global_permutations(
    z: np.ndarray, permutations: int, seed: int | None, calc: Callable[[np.ndarray], np.ndarray]
) -> np.ndarray:
    """Simulated global statistics from full permutations of ``z``, esda's draws.

    esda's ``Moran``/``Moran_BV`` call ``np.random.permutation(z)`` once per permutation on
    numpy's global generator; a :class:`numpy.random.RandomState` seeded the same way draws
    the same permutations (without touching the global generator). ``calc`` maps a
    (block, n) stack of permuted ``z`` to the block's statistics.
    """
    rs = np.random.RandomState(seed)  # noqa: NPY002 -- the legacy stream esda draws from
    n = len(z)
    step = max(1, BLOCK_ELEMENTS // max(n, 1))
    out = np.empty(permutations)
    for start in range(0, permutations, step):
        stop = min(start + step, permutations)
        block = np.stack([rs.permutation(z) for _ in range(stop - start)])
        out[start:stop] = calc(block)
    return out
