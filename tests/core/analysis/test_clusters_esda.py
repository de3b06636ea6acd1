"""The cluster statistics against PySAL, the reference: libpysal's weights, esda's statistics.

* weights: the same neighbours as ``libpysal.weights.Queen.from_dataframe`` / ``KNN.from_array``;
* statistics (local I, G, z-scores, quadrants, global I): equal to esda's to rounding;
* global pseudo p-values: esda's own for the same seed (the same permutations are drawn);
* local pseudo p-values: esda uses numba's random numbers, we use numpy's, so they agree within
  Monte-Carlo error; checked over 20 seeds (the mean absolute difference, and per zone the
  difference of the 20-seed means against a 5-sigma binomial bound);
* labels: equal wherever neither p-value is near the cut-off.

esda's numba kernels compile on the first call in a process (tens of seconds), hence ``slow``.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from ungtloft_map.core.analysis.clusters import (
    bivariate_local_moran,
    fdr,
    getis_ord,
    local_moran,
    spatial_weights,
)

esda = pytest.importorskip("esda")
libpysal_weights = pytest.importorskip("libpysal.weights")

pytestmark = pytest.mark.slow

X0, Y0 = 560_000.0, 7_030_000.0
SEEDS = range(20)
PERMS = 999


def _grid(side: int, seed: int = 5) -> tuple[gpd.GeoDataFrame, pd.Series, pd.Series]:
    """A side x side lattice of 250 m cells with a smooth field plus noise, and a second one."""
    rng = np.random.default_rng(seed)
    c, r = np.meshgrid(np.arange(side), np.arange(side))
    c, r = c.ravel(), r.ravel()
    geoms = shapely.box(X0 + c * 250, Y0 + r * 250, X0 + (c + 1) * 250, Y0 + (r + 1) * 250)
    idx = pd.Index([f"c{i:04d}" for i in range(len(c))], name="zone_id")
    zones = gpd.GeoDataFrame(geometry=geoms, crs=25832, index=idx)
    x = np.sin(c / 3.0) + np.cos(r / 2.5) + rng.normal(0, 0.6, len(c))
    y = 0.6 * x + rng.normal(0, 0.8, len(c))
    return zones, pd.Series(x, index=idx, name="x"), pd.Series(y, index=idx, name="y")


def _voronoi(n: int = 60, seed: int = 11) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    pts = rng.uniform([X0, Y0], [X0 + 6000, Y0 + 6000], (n, 2))
    frame = shapely.box(X0, Y0, X0 + 6000, Y0 + 6000)
    cells = shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=frame)
    polys = shapely.intersection(np.asarray(shapely.get_parts(cells)), frame)
    return gpd.GeoDataFrame(geometry=polys, crs=25832,
                            index=pd.Index([f"v{i}" for i in range(len(polys))], name="zone_id"))


@pytest.fixture(scope="module")
def grid():
    return _grid(10)


@pytest.fixture(scope="module")
def gw(grid):
    return spatial_weights(grid[0])


def _esda(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


# --------------------------------------------------------------------------------------------
# Weights
# --------------------------------------------------------------------------------------------
def _same_neighbours(ours, ref) -> None:
    assert set(ours.neighbors) == set(ref.neighbors)
    for z in ours.neighbors:
        assert sorted(ours.neighbors[z]) == sorted(ref.neighbors[z]), z


@pytest.mark.parametrize("layer", ["grid", "voronoi", "demo"])
def test_queen_equals_libpysal(layer, grid, demo_dir):
    if layer == "grid":
        zones = grid[0]
    elif layer == "voronoi":
        zones = _voronoi()
    else:
        zones = gpd.read_file(demo_dir / "fjordvik.gpkg", layer="zones").set_index("zone_id")
    ref = libpysal_weights.Queen.from_dataframe(zones, use_index=True, silence_warnings=True)
    if ref.islands:
        pytest.skip("islands are attached by us and not by libpysal")
    ours = spatial_weights(zones).w
    _same_neighbours(ours, ref)
    # the row-standardised matrix too
    ref.transform = "r"
    order = [ref.id_order.index(z) for z in ours.id_order]
    dense_ref = ref.sparse.toarray()[np.ix_(order, order)]
    assert np.allclose(ours.sparse.toarray(), dense_ref, rtol=0, atol=1e-15)
    assert ours.n_components == ref.n_components


def test_knn_equals_libpysal():
    zones = _voronoi()
    ours = spatial_weights(zones, kind="knn", k=6).w
    cent = np.column_stack([zones.centroid.x, zones.centroid.y])
    ref = libpysal_weights.KNN.from_array(cent, k=6, ids=list(zones.index), silence_warnings=True)
    _same_neighbours(ours, ref)


def test_to_libpysal_round_trip(gw):
    w = gw.w.to_libpysal()
    assert w.transform == "R" and w.id_order == list(gw.ids)
    assert np.allclose(w.sparse.toarray(), gw.w.sparse.toarray(), rtol=0, atol=1e-15)


def test_fdr_equals_esda():
    rng = np.random.default_rng(0)
    for _ in range(50):
        p = np.round(rng.uniform(0, 0.2, 40) ** 2, 3) + 0.001
        for alpha in (0.01, 0.05, 0.1):
            assert fdr(p, alpha) == pytest.approx(esda.fdr(p, alpha), rel=1e-15)


# --------------------------------------------------------------------------------------------
# Statistics: equal to esda's
# --------------------------------------------------------------------------------------------
def test_local_moran_statistic_and_global_equal_esda(grid, gw):
    _, x, _ = grid
    res = local_moran(x, gw, permutations=PERMS, seed=12345)
    w = gw.w.to_libpysal()
    ref = _esda(esda.Moran_Local, x.to_numpy(), w, permutations=0)
    assert np.allclose(res.local_i.to_numpy(), ref.Is, rtol=1e-12, atol=1e-14)
    assert np.array_equal(res.quadrant.to_numpy(), ref.q)
    assert np.allclose(res.scatter["z"].to_numpy(), ref.z, rtol=1e-12, atol=1e-14)
    np.random.seed(12345)  # noqa: NPY002 -- esda.Moran draws from numpy's global generator
    glob = _esda(esda.Moran, x.to_numpy(), w, permutations=PERMS)
    assert res.global_i == pytest.approx(glob.I, rel=1e-12)
    assert res.global_p == glob.p_sim  # the same permutations: the same pseudo p-value
    assert res.global_expected == pytest.approx(glob.EI, rel=1e-15)


def test_bivariate_statistic_and_global_equal_esda(grid, gw):
    _, x, y = grid
    res = bivariate_local_moran(x, y, gw, permutations=PERMS, seed=12345)
    w = gw.w.to_libpysal()
    ref = _esda(esda.Moran_Local_BV, x.to_numpy(), y.to_numpy(), w, permutations=0)
    assert np.allclose(res.local_i.to_numpy(), ref.Is, rtol=1e-12, atol=1e-14)
    assert np.array_equal(res.quadrant.to_numpy(), ref.q)
    np.random.seed(12345)  # noqa: NPY002
    glob = _esda(esda.Moran_BV, x.to_numpy(), y.to_numpy(), w, permutations=PERMS)
    assert res.global_i == pytest.approx(glob.I, rel=1e-12)
    assert res.global_p == glob.p_sim


@pytest.mark.parametrize("star", [True, False])
def test_getis_ord_statistic_equals_esda(grid, gw, star):
    _, x, _ = grid
    res = getis_ord(x, gw, star=star, permutations=PERMS, seed=12345)
    v = x.to_numpy() - x.min() + 1.0  # the documented shift to positive values
    binary = gw.w.to_libpysal()
    binary.transform = "b"
    ref = _esda(esda.G_Local, v, binary, transform="R", permutations=0, star=star)
    assert np.allclose(res.g.to_numpy(), ref.Gs, rtol=1e-12, atol=1e-15)
    assert np.allclose(res.z_scores.to_numpy(), ref.Zs, rtol=1e-10, atol=1e-12)


# --------------------------------------------------------------------------------------------
# Pseudo p-values: within Monte-Carlo error of esda's, over many seeds
# --------------------------------------------------------------------------------------------
def _p_pairs(kind: str, x: pd.Series, y: pd.Series, weights) -> tuple[np.ndarray, np.ndarray]:
    """(seeds, zones) p-values, ours and esda's, for seeds 0..19."""
    w = weights.w.to_libpysal()
    binary = weights.w.to_libpysal()
    binary.transform = "b"
    shifted = x.to_numpy() - x.min() + 1.0
    ours, ref = [], []
    for s in SEEDS:
        if kind == "moran":
            ours.append(local_moran(x, weights, permutations=PERMS, seed=s).p_values)
            e = _esda(esda.Moran_Local, x.to_numpy(), w, permutations=PERMS, seed=s,
                      keep_simulations=False)
        elif kind == "bivariate":
            ours.append(bivariate_local_moran(x, y, weights, permutations=PERMS, seed=s).p_values)
            e = _esda(esda.Moran_Local_BV, x.to_numpy(), y.to_numpy(), w, permutations=PERMS,
                      seed=s, keep_simulations=False)
        else:
            ours.append(getis_ord(x, weights, permutations=PERMS, seed=s).p_values)
            e = _esda(esda.G_Local, shifted, binary, transform="R", permutations=PERMS,
                      star=True, seed=s, keep_simulations=False, n_jobs=1)
        ref.append(np.asarray(e.p_sim, dtype=float))
    return np.array([o.to_numpy() for o in ours]), np.array(ref)


@pytest.mark.parametrize("kind", ["moran", "bivariate", "gi_star"])
def test_pseudo_p_within_monte_carlo_error(grid, gw, kind):
    _, x, y = grid
    ours, ref = _p_pairs(kind, x, y, gw)
    # 1. on average over zones and seeds the two estimates are as close as two independent
    #    999-permutation estimates of the same p are (about 0.01 here); a kernel that permuted
    #    the zone itself in, or used the wrong neighbours, would be far off
    assert np.abs(ours - ref).mean() < 0.02
    # 2. per zone, the 20-seed means differ by less than 5 binomial standard errors
    #    (plus the 1/(P+1) granularity): 300 such checks fail together with p ~ 1e-4 by chance
    m_ours, m_ref = ours.mean(axis=0), ref.mean(axis=0)
    pooled = np.clip((m_ours + m_ref) / 2, 1.0 / (PERMS + 1), 0.5)
    se = np.sqrt(2 * pooled * (1 - pooled) / (PERMS * len(SEEDS)))
    bad = np.abs(m_ours - m_ref) > 5 * se + 2.0 / (PERMS + 1)
    assert not bad.any(), (np.flatnonzero(bad), m_ours[bad], m_ref[bad])
    # 3. the p-values spread the same way (a wrong null would shift the whole distribution)
    assert np.quantile(ours, [0.1, 0.5, 0.9]) == pytest.approx(
        np.quantile(ref, [0.1, 0.5, 0.9]), abs=0.03)


@pytest.mark.parametrize("kind", ["moran", "bivariate", "gi_star"])
def test_labels_equal_where_p_is_not_near_the_cutoff(grid, gw, kind):
    _, x, y = grid
    w = gw.w.to_libpysal()
    if kind == "moran":
        res = local_moran(x, gw, seed=12345)
        e = _esda(esda.Moran_Local, x.to_numpy(), w, permutations=PERMS, seed=12345)
        ref_sig = e.p_sim < 0.05
        ref_lab = np.where(ref_sig, e.q, 0)
        ours_lab = np.where(res.significant, res.quadrant, 0)
    elif kind == "bivariate":
        res = bivariate_local_moran(x, y, gw, seed=12345)
        e = _esda(esda.Moran_Local_BV, x.to_numpy(), y.to_numpy(), w, permutations=PERMS,
                  seed=12345)
        ref_sig = e.p_sim < 0.05
        ref_lab = np.where(ref_sig, e.q, 0)
        ours_lab = np.where(res.significant, res.quadrant, 0)
    else:
        res = getis_ord(x, gw, seed=12345)
        binary = gw.w.to_libpysal()
        binary.transform = "b"
        e = _esda(esda.G_Local, x.to_numpy() - x.min() + 1.0, binary, transform="R",
                  permutations=PERMS, star=True, seed=12345, n_jobs=1)
        ref_sig = e.p_sim < 0.05
        ref_lab = np.where(ref_sig, np.sign(e.Zs), 0)
        ours_lab = np.where(res.significant, np.sign(res.z_scores), 0)
    p_ours, p_ref = res.p_values.to_numpy(), np.asarray(e.p_sim, dtype=float)
    # "near": within 3 Monte-Carlo standard errors of 0.05 (about +-0.02 at 999 permutations)
    near = (np.abs(p_ours - 0.05) < 0.021) | (np.abs(p_ref - 0.05) < 0.021)
    assert (~near).sum() >= 0.7 * len(near)  # the comparison covers most zones
    assert np.array_equal(ours_lab[~near], ref_lab[~near])
    assert ref_sig.any()  # there is something to agree on
