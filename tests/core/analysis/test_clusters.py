"""Spatial weights, LISA, Gi* and bivariate LISA on synthetic lattices in EPSG:25832: behaviour.

The comparison with esda/libpysal (the reference implementation) is in
``test_clusters_esda.py``; the permutation kernels alone in ``test_clusters_permutation.py``.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from ungtloft_map.core.analysis.clusters import (
    LABELS_EN,
    LABELS_NB,
    LISA_LABELS,
    GetisOrdResult,
    LocalMoranResult,
    WeightsResult,
    bivariate_local_moran,
    cluster_members,
    getis_ord,
    local_moran,
    spatial_weights,
    summarise,
)
from ungtloft_map.core.errors import AnalysisError, DataError

SIDE = 250.0
X0, Y0 = 560_000.0, 7_030_000.0  # Trondheim-ish, metres in EPSG:25832
BLOCK = [(r, c) for r in range(3, 6) for c in range(3, 6)]  # the planted 3x3 block


def _zid(r: int, c: int) -> str:
    return f"{r}{c}"


def lattice(nrows: int = 10, ncols: int = 10, crs=25832) -> gpd.GeoDataFrame:
    cells, ids = [], []
    for r in range(nrows):
        for c in range(ncols):
            x, y = X0 + c * SIDE, Y0 + r * SIDE
            cells.append(box(x, y, x + SIDE, y + SIDE))
            ids.append(_zid(r, c))
    return gpd.GeoDataFrame(
        {"district": ["Bydel Øst" if c >= 5 else "Bydel Vest" for r in range(nrows)
                      for c in range(ncols)]},
        geometry=cells,
        crs=crs,
        index=pd.Index(ids, name="zone_id"),
    )


@pytest.fixture(scope="module")
def zones() -> gpd.GeoDataFrame:
    return lattice()


@pytest.fixture(scope="module")
def weights(zones) -> WeightsResult:
    return spatial_weights(zones)


@pytest.fixture(scope="module")
def planted(zones) -> pd.Series:
    """Noise around 0 with a block of values around 10: an unmistakable hot spot."""
    rng = np.random.default_rng(7)
    v = pd.Series(rng.normal(0.0, 1.0, len(zones)), index=zones.index, name="score")
    for r, c in BLOCK:
        v[_zid(r, c)] += 10.0
    return v


@pytest.fixture(scope="module")
def shuffled(planted) -> pd.Series:
    rng = np.random.default_rng(2024)
    return pd.Series(rng.permutation(planted.to_numpy()), index=planted.index, name="score")


@pytest.fixture(scope="module")
def lisa(planted, weights) -> LocalMoranResult:
    return local_moran(planted, weights, permutations=999, seed=12345)


# --------------------------------------------------------------------------------------------
# Weights
# --------------------------------------------------------------------------------------------
def test_queen_weights_on_lattice(weights):
    assert weights.kind == "queen"
    assert weights.w.transform.lower() == "r"
    assert sorted(weights.neighbours("00")) == ["01", "10", "11"]
    assert len(weights.neighbours("44")) == 8
    row = weights.w.weights["44"]
    assert sum(row) == pytest.approx(1.0)
    assert weights.islands == {} and weights.n_components == 1
    assert "kind='queen'" in repr(weights)


def test_knn_weights(zones):
    wk = spatial_weights(zones, kind="knn", k=4)
    assert wk.kind == "knn" and wk.k == 4
    assert all(len(v) == 4 for v in wk.w.neighbors.values())
    assert sorted(wk.neighbours("44")) == ["34", "43", "45", "54"]


def test_island_is_attached_to_nearest_zone():
    z = lattice(5, 5)
    far = gpd.GeoDataFrame(
        geometry=[box(X0 + 7 * SIDE, Y0, X0 + 8 * SIDE, Y0 + SIDE)],
        crs=25832,
        index=pd.Index(["island"], name="zone_id"),
    )
    z = pd.concat([z, far])
    w = spatial_weights(z)
    # nearest by centroid: the lattice cell (row 0, col 4)
    assert w.islands == {"island": "04"}
    assert w.neighbours("island") == ["04"]
    assert "island" in w.neighbours("04")  # symmetric
    assert any("island" in str(m) and "nearest" in str(m) for m in w.warnings)
    v = pd.Series(np.arange(len(z), dtype=float), index=z.index)
    res = local_moran(v, w, permutations=99)
    assert res.labels.notna().all() and np.isfinite(res.local_i["island"])


def test_weights_refuse_geographic_crs():
    with pytest.raises(DataError, match="EPSG:25832"):
        spatial_weights(lattice(3, 3).to_crs(4326))


def test_weights_need_five_zones():
    with pytest.raises(AnalysisError, match="at least 5"):
        spatial_weights(lattice(2, 2))


def test_knn_k_too_large():
    with pytest.raises(AnalysisError, match="nearest"):
        spatial_weights(lattice(2, 3), kind="knn", k=6)


# --------------------------------------------------------------------------------------------
# Local Moran
# --------------------------------------------------------------------------------------------
def test_same_seed_same_result_and_global_rng_untouched(planted, weights, lisa):
    state = np.random.get_state()[1].copy()  # noqa: NPY002 -- checking it is left alone
    again = local_moran(planted, weights, permutations=999, seed=12345)
    assert np.random.get_state()[1].tolist() == state.tolist()  # noqa: NPY002
    pd.testing.assert_series_equal(again.labels, lisa.labels)
    pd.testing.assert_series_equal(again.p_values, lisa.p_values)
    assert again.global_p == lisa.global_p


@pytest.mark.parametrize("fdr", [False, True])
def test_planted_cluster_is_high_high(planted, weights, fdr):
    res = local_moran(planted, weights, permutations=999, seed=12345, alpha=0.05, fdr=fdr)
    hh = set(res.labels.index[res.labels == "High-High"])
    block = {_zid(r, c) for r, c in BLOCK}
    assert _zid(4, 4) in hh  # the centre of the block
    assert len(hh & block) >= 5
    # High-High cores sit in the block or its ring of neighbours (a rim cell with a value
    # above the mean next to the block is High-High too), never elsewhere
    ring = {n for z in block for n in weights.neighbours(z)}
    assert hh <= block | ring
    assert res.global_i > 0.3 and res.global_p < 0.01
    if fdr:
        assert res.cutoff <= 0.05 and res.fdr


@pytest.mark.parametrize("fdr", [False, True])
def test_shuffled_values_show_no_cluster(shuffled, weights, fdr):
    res = local_moran(shuffled, weights, permutations=999, seed=12345, alpha=0.05, fdr=fdr)
    assert res.global_p > 0.05
    hh = set(res.labels.index[res.labels == "High-High"])
    assert len(hh) <= 1  # at most a stray single false positive, never a block
    if fdr:
        assert not res.significant.any()


def test_labels_scatter_and_translations(lisa, planted):
    assert set(lisa.labels.unique()) <= set(LISA_LABELS)
    assert lisa.labels.notna().all()
    assert list(lisa.scatter.columns) == ["z", "lag"]
    assert lisa.scatter["z"].to_numpy() == pytest.approx(
        ((planted - planted.mean()) / planted.std(ddof=0)).to_numpy()
    )
    # slope of the Moran scatter (lag on z) is the global I for row-standardised weights
    slope = np.polyfit(lisa.scatter["z"], lisa.scatter["lag"], 1)[0]
    assert slope == pytest.approx(lisa.global_i)
    nb = lisa.labels_in("nb")
    assert set(nb.unique()) <= set(LABELS_NB.values()) and "Høy-Høy" in set(nb)
    assert "High-High" in set(lisa.labels_in("en"))
    assert LABELS_EN["Ikke signifikant"] == "Not significant"
    assert "LocalMoranResult('score'" in repr(lisa)


def test_missing_values_left_out_and_labelled(planted, weights):
    v = planted.copy()
    v[["00", "99", "44"]] = np.nan
    res = local_moran(v, weights, permutations=199)
    assert res.n == 97
    assert (res.labels[["00", "99", "44"]] == "Mangler data").all()
    assert res.labels.notna().all()
    assert res.p_values[["00", "99", "44"]].isna().all()
    assert res.significant[["00", "99", "44"]].eq(False).all()
    assert any("Mangler data" in w.message for w in res.warnings)
    assert "44" not in res.scatter.index
    # the block is still found without its centre (its corners have only two block cells as
    # neighbours left and sit near p = 0.05, so count the whole remaining block)
    block = [_zid(r, c) for r, c in BLOCK if _zid(r, c) != "44"]
    assert (res.labels[block] == "High-High").sum() >= 3


def test_values_missing_for_a_zone_index(planted, weights):
    res = local_moran(planted.drop(["00"]), weights, permutations=99)
    assert res.labels["00"] == "Mangler data"


def test_zero_variance_is_an_analysis_error(weights):
    v = pd.Series(3.0, index=weights.ids)
    with pytest.raises(AnalysisError, match="same value"):
        local_moran(v, weights)
    with pytest.raises(AnalysisError, match="same value"):
        getis_ord(v, weights)


def test_fewer_than_five_zones_with_values(weights):
    v = pd.Series(np.nan, index=weights.ids)
    v.iloc[:4] = [1.0, 2.0, 3.0, 4.0]
    with pytest.raises(AnalysisError, match="at least 5"):
        local_moran(v, weights)


# --------------------------------------------------------------------------------------------
# Getis-Ord Gi* and bivariate LISA
# --------------------------------------------------------------------------------------------
def test_getis_ord_hot_spot(planted, weights):
    res = getis_ord(planted, weights, permutations=999, seed=12345)
    assert isinstance(res, GetisOrdResult) and res.star
    hot = set(res.labels.index[res.labels == "Hot spot"])
    assert _zid(4, 4) in hot
    assert {_zid(r, c) for r, c in BLOCK} & hot
    assert res.z_scores["44"] > 2
    assert res.labels_in("nb")["44"] == "Varmt punkt"
    assert "Gi*" in repr(res)


def test_getis_ord_shift_does_not_change_labels(planted, weights):
    a = getis_ord(planted, weights, permutations=199)
    b = getis_ord(planted + 100.0, weights, permutations=199)
    pd.testing.assert_series_equal(a.labels, b.labels)
    assert a.z_scores.to_numpy() == pytest.approx(b.z_scores.to_numpy())


def test_bivariate_finds_coincidence(planted, weights):
    rng = np.random.default_rng(3)
    y = planted * 0.5 + pd.Series(rng.normal(0, 0.5, len(planted)), index=planted.index)
    res = bivariate_local_moran(planted, y.rename("green_gap"), weights, permutations=999)
    assert res.bivariate and res.variable == "score ~ green_gap"
    assert res.labels["44"] == "High-High"


# --------------------------------------------------------------------------------------------
# Selecting and describing clusters
# --------------------------------------------------------------------------------------------
def test_cluster_members_core_plus_neighbours(lisa, weights):
    members = cluster_members(lisa, "44", weights)
    hh = lisa.labels[lisa.labels == "High-High"].index
    assert set(hh) <= set(members)  # the block cores are connected
    # plus the neighbours of the cores (a ring around the block), nothing farther away
    for z in members:
        assert z in hh or any(z in weights.neighbours(c) for c in hh)
    assert "22" in members or "23" in members
    assert "00" not in members
    assert members == [z for z in weights.ids if z in set(members)]  # layer order


def test_cluster_members_of_insignificant_zone_is_empty(lisa, weights):
    quiet = lisa.labels.index[lisa.labels == "Ikke signifikant"][0]
    assert cluster_members(lisa, quiet, weights) == []
    with pytest.raises(DataError):
        cluster_members(lisa, "nope", weights)


def test_summarise_nb_and_en(lisa, zones):
    n_hh = int((lisa.labels == "High-High").sum())
    text = summarise(lisa, zones["district"], lang="nb")
    assert f"{n_hh} soner danner en Høy-Høy-klynge av belastning i Bydel" in text
    assert "Globalt Moran's I = " in text and "999 permutasjoner" in text
    en = summarise(lisa, zones["district"], lang="en")
    assert f"{n_hh} zones form a High-High cluster of disadvantage in Bydel" in en
    assert "Global Moran's I" in en


def test_summary_sentences_carry_code_and_params(lisa, zones):
    from ungtloft_map.core.analysis.clusters import summary_sentences

    for lang in ("nb", "en"):
        sentences = summary_sentences(lisa, zones["district"], lang=lang)
        assert " ".join(s.text for s in sentences) == summarise(lisa, zones["district"], lang=lang)
        codes = [s.code for s in sentences]
        assert codes[-2:] == ["global", "method"] and set(codes[:-2]) == {"cluster"}
        hh = [s for s in sentences if s.code == "cluster" and s.params["label"] == "High-High"]
        assert sum(len(s.params["zones"]) for s in hh) == int((lisa.labels == "High-High").sum())
        assert sentences[-1].params["permutations"] == 999 and sentences[-2].params["clustered"]


def test_summarise_without_clusters(shuffled, weights, zones):
    res = local_moran(shuffled, weights, fdr=True)
    text = summarise(res, zones["district"], lang="nb")
    assert "ingen tydelige klynger" in text
    from ungtloft_map.core.analysis.clusters import summary_sentences

    assert summary_sentences(res, zones["district"])[0].code == "no_clusters"


def test_getis_ord_without_star(planted, weights):
    res = getis_ord(planted, weights, star=False, permutations=199)
    assert not res.star and "Gi " in repr(res)
    assert res.labels["44"] == "Hot spot"


def test_knn_with_missing_values_keeps_k_neighbours(zones, planted):
    wk = spatial_weights(zones, kind="knn", k=4)
    v = planted.copy()
    v[["44", "45"]] = np.nan
    res = local_moran(v, wk, permutations=199)
    assert res.n == 98
    assert all(len(nb) == 4 for nb in res.neighbors.values())
    assert "44" not in res.neighbors and (res.labels[["44", "45"]] == "Mangler data").all()


def test_single_zone_wording(lisa, zones):
    text = summarise(lisa, zones["district"], lang="en")
    assert "1 zones" not in text


def test_bivariate_zone_missing_y_is_left_out(planted, weights):
    y = planted.copy().rename("y")
    y["00"] = np.nan
    res = bivariate_local_moran(planted, y, weights, permutations=99)
    assert res.labels["00"] == "Mangler data" and res.n == 99


def test_bad_parameters(planted, weights):
    with pytest.raises(ValueError):
        local_moran(planted, weights, permutations=0)
    with pytest.raises(ValueError):
        local_moran(planted, weights, alpha=5)
    points = lattice(3, 3).set_geometry(lattice(3, 3).centroid)
    with pytest.raises(DataError, match="polygons"):
        spatial_weights(points)
    assert spatial_weights(points, kind="knn", k=3).k == 3
