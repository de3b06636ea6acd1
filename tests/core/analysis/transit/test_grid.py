"""The numpy stop grid gives cKDTree's radius searches exactly."""

import numpy as np
import pytest
from scipy.spatial import cKDTree

from ungtloft_map.core.analysis.transit._grid import StopGrid


@pytest.mark.parametrize("n", [1, 7, 400, 3000])
@pytest.mark.parametrize("r", [0.0, 50.0, 400.0, 1200.0])
def test_ball_and_pairs_equal_ckdtree(n, r):
    rng = np.random.default_rng(n)
    pts = rng.uniform(0, 20000, (n, 2)).round(0)  # rounded: ties and exact-r distances occur
    q = np.r_[rng.uniform(-3000, 23000, (1500, 2)), pts[:5], pts[:5] + [r, 0], [[1e12, -1e12]]]
    grid, tree = StopGrid(pts), cKDTree(pts)
    ptr, idx = grid.ball(q, r)
    ref = tree.query_ball_point(q, r, return_sorted=True)
    assert [idx[ptr[i]:ptr[i + 1]].tolist() for i in range(len(q))] == [list(v) for v in ref]
    got = sorted(map(tuple, grid.pairs(r).tolist()))
    assert got == sorted(map(tuple, tree.query_pairs(r, output_type="ndarray").tolist()))


def test_empty_queries():
    grid = StopGrid(np.array([[0.0, 0.0]]))
    ptr, idx = grid.ball(np.zeros((0, 2)), 10.0)
    assert ptr.tolist() == [0] and idx.size == 0
    assert grid.pairs(10.0).shape == (0, 2)
