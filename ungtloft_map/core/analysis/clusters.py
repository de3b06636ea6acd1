"""Spatial clusters of disadvantage: Local Moran's I (LISA), Getis-Ord Gi* and bivariate LISA.

Thin, checked wrappers around ``esda`` and ``libpysal`` (see "Where inequality clusters" in
``INDICATORS.md``):

* :func:`spatial_weights` -- queen contiguity (default) or k nearest neighbours, row-standardised.
  A zone without a queen neighbour (an *island*, e.g. a real island in the fjord) is attached to
  its single nearest zone by centroid distance (k = 1), symmetrically, and reported in
  ``warnings``; otherwise its spatial lag would be 0 and it would look like a "Low" neighbourhood.
* :func:`local_moran`, :func:`bivariate_local_moran`, :func:`getis_ord` -- 999 conditional
  permutations with a fixed seed, so the same data and weights always give the same map; with
  the same weights and seed the numbers are identical to calling ``esda`` directly.
* Significance: pseudo p-value ``p_sim < alpha`` (esda's convention), or with ``fdr=True`` the
  Benjamini-Hochberg false-discovery-rate cut-off of :func:`esda.fdr` (which is the BH step-up
  rule with the same strict ``<``).
* Zones without a value are left out of the statistic (the weights are rebuilt on the zones that
  have data) and are labelled ``"Mangler data"``; every zone always gets a label, so a map never
  has to colour a NaN.
* **Zero variance** (all values equal) raises :class:`AnalysisError`: there is no pattern to
  find and esda would divide by zero. Fewer than 5 zones with data raises too.
* Speed: esda's permutation kernels are numba functions compiled on first use (about a minute
  on a busy 2-core machine). esda does not cache them on disk, so before the first statistic
  this module switches on numba's own disk cache for them (``Dispatcher.enable_caching``, what
  ``@njit(cache=True)`` does); later processes then start in a few seconds. Only the kernel that
  receives the statistic as a function argument cannot be cached. :func:`warm_up` compiles
  everything on a tiny lattice, for a background thread at start-up.

Label vocabulary: :data:`LISA_LABELS` are the canonical labels stored in results
(``"High-High"``, ``"Low-Low"``, ``"High-Low"``, ``"Low-High"``, ``"Ikke signifikant"``,
``"Mangler data"``); :data:`LABELS_NB` and :data:`LABELS_EN` map them to display text.

Examples
--------
>>> import geopandas as gpd, numpy as np, pandas as pd
>>> from shapely.geometry import box
>>> cells = [box(x * 250, y * 250, (x + 1) * 250, (y + 1) * 250) for y in range(6) for x in range(6)]
>>> zones = gpd.GeoDataFrame(geometry=cells, crs=25832, index=pd.Index(range(36), name="zone_id"))
>>> w = spatial_weights(zones)
>>> values = pd.Series(np.where(zones.centroid.x < 750, 10.0, 1.0), index=zones.index)
>>> res = local_moran(values, w, permutations=99)
>>> sorted(res.labels.unique())
['High-High', 'Ikke signifikant', 'Low-Low']
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
from esda import G_Local, Moran, Moran_BV, Moran_Local, Moran_Local_BV
from esda import fdr as esda_fdr
from libpysal.weights import KNN, Queen, W
from scipy.spatial import cKDTree

from ..crs import require_projected
from ..errors import AnalysisError, DataError, DataWarning

__all__ = [
    "GETIS_LABELS",
    "GETIS_LABELS_EN",
    "GETIS_LABELS_NB",
    "LABELS_EN",
    "LABELS_NB",
    "LISA_LABELS",
    "MIN_ZONES",
    "GetisOrdResult",
    "LocalMoranResult",
    "WeightsResult",
    "bivariate_local_moran",
    "cluster_members",
    "getis_ord",
    "local_moran",
    "spatial_weights",
    "summarise",
    "warm_up",
]

MIN_ZONES = 5
#: esda/PySAL quadrant codes (``geoda_quads=False``): 1 HH, 2 LH, 3 LL, 4 HL.
QUADRANTS: dict[int, str] = {1: "High-High", 2: "Low-High", 3: "Low-Low", 4: "High-Low"}
NOT_SIGNIFICANT = "Ikke signifikant"
NO_DATA = "Mangler data"
LISA_LABELS: tuple[str, ...] = (
    "High-High",
    "Low-Low",
    "High-Low",
    "Low-High",
    NOT_SIGNIFICANT,
    NO_DATA,
)
LABELS_NB: dict[str, str] = {
    "High-High": "Høy-Høy",
    "Low-Low": "Lav-Lav",
    "High-Low": "Høy-Lav",
    "Low-High": "Lav-Høy",
    NOT_SIGNIFICANT: "Ikke signifikant",
    NO_DATA: "Mangler data",
}
LABELS_EN: dict[str, str] = {
    "High-High": "High-High",
    "Low-Low": "Low-Low",
    "High-Low": "High-Low",
    "Low-High": "Low-High",
    NOT_SIGNIFICANT: "Not significant",
    NO_DATA: "No data",
}
HOT_SPOT = "Hot spot"
COLD_SPOT = "Cold spot"
GETIS_LABELS: tuple[str, ...] = (HOT_SPOT, COLD_SPOT, NOT_SIGNIFICANT, NO_DATA)
GETIS_LABELS_NB: dict[str, str] = {
    HOT_SPOT: "Varmt punkt",
    COLD_SPOT: "Kaldt punkt",
    NOT_SIGNIFICANT: "Ikke signifikant",
    NO_DATA: "Mangler data",
}
GETIS_LABELS_EN: dict[str, str] = {
    HOT_SPOT: "Hot spot",
    COLD_SPOT: "Cold spot",
    NOT_SIGNIFICANT: "Not significant",
    NO_DATA: "No data",
}
# n_jobs=1 (esda's default for Moran_Local) on the 2-core machine, measured with
# benchmarks/bench_clusters.py: 50 demo zones 0.03 s vs 0.25 s with n_jobs=-1 (joblib process
# overhead); 5,041 grid cells 0.5-0.6 s vs 0.4-3.4 s warm, and the first n_jobs=-1 call spends
# 2-3 minutes compiling numba in every worker process.
DEFAULT_N_JOBS = 1


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class WeightsResult:
    """Spatial weights of a zone layer, row-standardised.

    Attributes
    ----------
    w : libpysal.weights.W
        Row-standardised weights; ids are the zone layer's index.
    ids : pandas.Index
        Zone ids in the order of ``w`` (the layer order).
    kind : str
        ``"queen"`` or ``"knn"``.
    k : int | None
        Neighbours per zone for ``"knn"``.
    centroids : numpy.ndarray
        (n, 2) centroid coordinates in EPSG:25832, used to attach islands and rebuild kNN.
    islands : dict
        Zones that had no queen neighbour -> the nearest zone they were attached to.
    n_components : int
        Connected parts of the neighbour graph (after attaching islands).
    warnings : list[DataWarning]
    """

    w: W
    ids: pd.Index
    kind: str
    k: int | None
    centroids: np.ndarray
    islands: dict[Hashable, Hashable] = field(default_factory=dict)
    n_components: int = 1
    warnings: list[DataWarning] = field(default_factory=list)

    def neighbours(self, zone_id: Hashable) -> list[Hashable]:
        """The neighbours of ``zone_id``."""
        if zone_id not in self.w.neighbors:
            raise DataError(f"zone {zone_id!r} is not in the weights")
        return list(self.w.neighbors[zone_id])

    def __repr__(self) -> str:
        card = np.array(list(self.w.cardinalities.values()))
        k = f", k={self.k}" if self.kind == "knn" else ""
        return (
            f"WeightsResult(kind={self.kind!r}{k}, zones={len(self.ids)}, "
            f"neighbours min/mean/max={card.min()}/{card.mean():.1f}/{card.max()}, "
            f"islands_attached={len(self.islands)}, components={self.n_components}, "
            f"transform={self.w.transform!r}, warnings={len(self.warnings)})"
        )


class _ZoneLabels:
    """What the per-zone cluster results share: ``labels`` from the vocabulary ``_LABELS``,
    shown in a language, counted, and the significance rule as text for ``__repr__``."""

    _LABELS: tuple[str, ...]

    def labels_in(self, lang: Literal["nb", "en"] = "nb") -> pd.Series:
        """The labels translated for display (``"nb"`` or ``"en"``)."""
        return self.labels.map(_label_map(self, lang))

    def counts(self) -> pd.Series:
        """Number of zones per label, in vocabulary order (:data:`LISA_LABELS` or
        :data:`GETIS_LABELS`)."""
        return self.labels.value_counts().reindex(list(self._LABELS), fill_value=0)

    def _counts_text(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.counts().items() if v)

    def _alpha_text(self) -> str:
        return f"FDR({self.alpha:g})->{self.cutoff:.4g}" if self.fdr else f"{self.alpha:g}"


@dataclass(frozen=True, repr=False)
class LocalMoranResult(_ZoneLabels):
    """Local Moran's I (univariate or bivariate) per zone.

    Attributes
    ----------
    labels : pandas.Series
        Canonical label per zone, one of :data:`LISA_LABELS`; never NaN.
    quadrant : pandas.Series
        esda quadrant code 1 HH, 2 LH, 3 LL, 4 HL (0 = no data), whether significant or not.
    significant : pandas.Series
        bool; ``p_value < cutoff``.
    p_values : pandas.Series
        Pseudo p-values ``(k + 1) / (permutations + 1)`` from the conditional permutations,
        float64 (NaN for zones without data).
    local_i : pandas.Series
        Local Moran's I (NaN for zones without data).
    scatter : pandas.DataFrame
        Moran scatter plot data for the zones with data: ``z`` (standardised value; for the
        bivariate statistic the standardised ``x``) and ``lag`` (spatial lag of the
        standardised value, of ``y`` for the bivariate one).
    global_i, global_p, global_expected : float
        Global Moran's I, its permutation pseudo p-value and its expectation -1/(n-1).
    cutoff : float
        The p-value cut-off used (``alpha``, or the FDR cut-off).
    alpha, fdr, permutations, seed : as passed.
    bivariate : bool
    n : int
        Zones in the statistic (with data).
    variable : str
        Name of the variable(s) (Series name; ``"x ~ y"`` for the bivariate statistic).
    warnings : list[DataWarning]
    """

    labels: pd.Series
    quadrant: pd.Series
    significant: pd.Series
    p_values: pd.Series
    local_i: pd.Series
    scatter: pd.DataFrame
    global_i: float
    global_p: float
    global_expected: float
    cutoff: float
    alpha: float
    fdr: bool
    permutations: int
    seed: int | None
    bivariate: bool
    n: int
    variable: str
    warnings: list[DataWarning] = field(default_factory=list)
    neighbors: Mapping[Hashable, list[Hashable]] = field(default_factory=dict)

    kind = "local_moran"
    _LABELS = LISA_LABELS

    def __repr__(self) -> str:
        what = "bivariate " if self.bivariate else ""
        return (
            f"LocalMoranResult({what}{self.variable!r}, n={self.n}, global I={self.global_i:.3f} "
            f"(p={self.global_p:.3f}), alpha={self._alpha_text()}, permutations={self.permutations}, "
            f"seed={self.seed}, [{self._counts_text()}], warnings={len(self.warnings)})"
        )


@dataclass(frozen=True, repr=False)
class GetisOrdResult(_ZoneLabels):
    """Getis-Ord Gi* (or Gi) hot and cold spots per zone.

    Attributes
    ----------
    labels : pandas.Series
        ``"Hot spot"``, ``"Cold spot"``, ``"Ikke signifikant"`` or ``"Mangler data"``.
    z_scores : pandas.Series
        Standardised G (esda ``Zs``); > 0 = high values around the zone.
    p_values : pandas.Series
        Pseudo p-values from the conditional permutations.
    significant : pandas.Series
    g : pandas.Series
        The G statistic itself.
    cutoff, alpha, fdr, permutations, seed, star, n, variable, warnings : see
        :class:`LocalMoranResult`.
    """

    labels: pd.Series
    z_scores: pd.Series
    p_values: pd.Series
    significant: pd.Series
    g: pd.Series
    cutoff: float
    alpha: float
    fdr: bool
    permutations: int
    seed: int | None
    star: bool
    n: int
    variable: str
    warnings: list[DataWarning] = field(default_factory=list)
    neighbors: Mapping[Hashable, list[Hashable]] = field(default_factory=dict)

    kind = "getis_ord"
    _LABELS = GETIS_LABELS

    def __repr__(self) -> str:
        name = "Gi*" if self.star else "Gi"
        return (
            f"GetisOrdResult({name} {self.variable!r}, n={self.n}, alpha={self._alpha_text()}, "
            f"permutations={self.permutations}, seed={self.seed}, [{self._counts_text()}], "
            f"warnings={len(self.warnings)})"
        )


# --------------------------------------------------------------------------------------------
# Weights
# --------------------------------------------------------------------------------------------
def spatial_weights(
    zones: gpd.GeoDataFrame, kind: Literal["queen", "knn"] = "queen", k: int = 5
) -> WeightsResult:
    """Neighbour structure of a zone layer, row-standardised.

    Parameters
    ----------
    zones
        Polygons in EPSG:25832; the index holds the zone ids (set it to ``zone_id`` first).
    kind
        ``"queen"``: zones sharing an edge or a corner (libpysal ``Queen.from_dataframe``);
        an island is attached to its nearest zone by centroid (k = 1), both ways.
        ``"knn"``: the ``k`` nearest zones by centroid distance.
    k
        Neighbours for ``"knn"``.

    Returns
    -------
    WeightsResult

    Raises
    ------
    DataError
        Not EPSG:25832, repeated ids, empty geometries.
    AnalysisError
        Fewer than 5 zones; ``k`` not smaller than the number of zones.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> zones = gpd.GeoDataFrame(geometry=[box(i * 100, 0, (i + 1) * 100, 100) for i in range(5)],
    ...                          crs=25832, index=["a", "b", "c", "d", "e"])
    >>> sorted(spatial_weights(zones).neighbours("c"))
    ['b', 'd']
    """
    if kind not in ("queen", "knn"):
        raise ValueError(f"kind must be 'queen' or 'knn', not {kind!r}")
    require_projected(zones, what="zones")
    if zones.index.has_duplicates:
        dup = zones.index[zones.index.duplicated()].unique()[:5]
        raise DataError(f"zone ids are repeated: {', '.join(map(str, dup))}", layer="zones")
    bad = zones.geometry.isna() | zones.geometry.is_empty
    if bad.any():
        raise DataError(
            f"zone(s) without geometry: {', '.join(map(str, zones.index[bad][:5]))}",
            layer="zones",
            field="geometry",
        )
    n = len(zones)
    if n < MIN_ZONES:
        raise AnalysisError(f"only {n} zones; spatial clusters need at least {MIN_ZONES}")
    if kind == "queen" and not zones.geom_type.isin(["Polygon", "MultiPolygon"]).all():
        raise DataError(
            "queen contiguity needs polygons; use kind='knn' for points", layer="zones"
        )
    ids = zones.index
    # representative_point would stay inside odd shapes, but the centroid is what "nearest
    # zone" means to a reader and what libpysal's KNN uses.
    cent = np.column_stack([zones.geometry.centroid.x, zones.geometry.centroid.y])
    warnings: list[DataWarning] = []
    islands: dict[Hashable, Hashable] = {}
    if kind == "queen":
        wq = Queen.from_dataframe(zones, use_index=True, silence_warnings=True)
        neighbors = {i: list(wq.neighbors[i]) for i in ids}
        neighbors, islands = _attach_islands(neighbors, list(ids), cent)
        for isl, nb in islands.items():
            warnings.append(
                DataWarning(
                    f"zone {isl} has no neighbour sharing a border; it is joined to the "
                    f"nearest zone {nb} (by centroid)",
                    layer="zones",
                )
            )
        w = _make_w(neighbors, list(ids))
        kk = None
    else:
        w = _knn(cent, list(ids), k)
        kk = int(k)
    n_comp = int(w.n_components)
    if n_comp > 1:
        warnings.append(
            DataWarning(
                f"the zones form {n_comp} separate groups without neighbours between them",
                layer="zones",
            )
        )
    return WeightsResult(
        w=w,
        ids=pd.Index(ids),
        kind=kind,
        k=kk,
        centroids=cent,
        islands=islands,
        n_components=n_comp,
        warnings=warnings,
    )


def _make_w(neighbors: Mapping[Hashable, list[Hashable]], ids: list[Hashable]) -> W:
    """Binary weights from a neighbour dict, then row-standardised.

    Neighbour lists are put in layer order: libpysal's come in set order, which changes from
    one process to the next and would make lists shown to the user jump around.
    """
    pos = {z: p for p, z in enumerate(ids)}
    nbrs = {i: sorted(neighbors[i], key=pos.__getitem__) for i in ids}
    w = W(nbrs, id_order=list(ids), silence_warnings=True)
    w.transform = "r"
    return w


def _attach_islands(
    neighbors: dict[Hashable, list[Hashable]], ids: list[Hashable], cent: np.ndarray
) -> tuple[dict[Hashable, list[Hashable]], dict[Hashable, Hashable]]:
    """Join every zone without neighbours to its nearest zone by centroid, both ways."""
    islands = [i for i in ids if not neighbors[i]]
    if not islands:
        return neighbors, {}
    pos = {z: p for p, z in enumerate(ids)}
    tree = cKDTree(cent)
    out = {i: list(v) for i, v in neighbors.items()}
    attached: dict[Hashable, Hashable] = {}
    for isl in islands:
        # k=2: the nearest point is the island itself.
        _, idx = tree.query(cent[pos[isl]], k=2)
        nb = ids[int(idx[1])] if ids[int(idx[0])] == isl else ids[int(idx[0])]
        attached[isl] = nb
        if nb not in out[isl]:
            out[isl].append(nb)
        if isl not in out[nb]:
            out[nb].append(isl)
    return out, attached


def _knn(cent: np.ndarray, ids: list[Hashable], k: int) -> W:
    n = len(ids)
    if not 1 <= int(k) < n:
        raise AnalysisError(f"k = {k} nearest neighbours needs between 1 and {n - 1} (zones - 1)")
    w = KNN.from_array(cent, k=int(k), ids=list(ids), silence_warnings=True)
    w.transform = "r"
    return w


def _subset_weights(weights: WeightsResult, keep: pd.Index) -> tuple[W, list[DataWarning]]:
    """Weights restricted to the zones in ``keep`` (the ones with data).

    Queen: the contiguity among the remaining zones, islands re-attached. kNN: the ``k``
    nearest remaining zones, so every zone keeps ``k`` neighbours.
    """
    ids = list(keep)
    if len(ids) == len(weights.ids):
        return weights.w, []
    pos = weights.ids.get_indexer(keep)
    cent = weights.centroids[pos]
    if weights.kind == "knn":
        return _knn(cent, ids, min(int(weights.k or 1), len(ids) - 1)), []
    kept = set(ids)
    nbrs = {i: [j for j in weights.w.neighbors[i] if j in kept] for i in ids}
    nbrs, attached = _attach_islands(nbrs, ids, cent)
    warns = [
        DataWarning(
            f"zone {isl} has no neighbour with data; it is joined to the nearest zone {nb} "
            "(by centroid) for this statistic"
        )
        for isl, nb in attached.items()
    ]
    return _make_w(nbrs, ids), warns


# --------------------------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------------------------
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
        Use the false-discovery-rate cut-off (:func:`esda.fdr`) instead of ``alpha``.
    n_jobs
        Processes for the permutations (esda/numba); 1 is fastest at these sizes.

    Returns
    -------
    LocalMoranResult

    Raises
    ------
    AnalysisError
        Fewer than 5 zones with data; all values equal (zero variance).

    Examples
    --------
    See the module docstring.
    """
    _enable_numba_cache()
    y, keep, warnings = _prepare(
        values, weights, what=_name(values), permutations=permutations, alpha=alpha
    )
    w, more = _subset_weights(weights, keep)
    warnings.extend(more)
    lm = Moran_Local(
        y,
        w,
        transformation="r",
        permutations=permutations,
        n_jobs=n_jobs,
        keep_simulations=False,
        seed=seed,
    )
    with _seeded(seed):
        gm = Moran(y, w, transformation="r", permutations=permutations)
    lag = np.asarray(w.sparse @ lm.z).ravel()
    return _lisa_result(
        lm,
        z=lm.z,
        lag=lag,
        keep=keep,
        all_ids=weights.ids,
        global_i=float(gm.I),
        global_p=float(gm.p_sim),
        global_expected=float(gm.EI),
        alpha=alpha,
        fdr=fdr,
        permutations=permutations,
        seed=seed,
        bivariate=False,
        variable=_name(values),
        warnings=warnings,
        w=w,
    )


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
        statistic is esda's bivariate Moran ``Moran_BV``.
    """
    name = f"{_name(x)} ~ {_name(y)}"
    xa = pd.Series(x).reindex(weights.ids)
    try:
        ya = pd.to_numeric(pd.Series(y).reindex(weights.ids), errors="raise").astype(float)
    except (ValueError, TypeError) as err:
        raise DataError(f"values must be numbers ({err})", field=_name(y)) from None
    # A zone missing either variable is left out of both.
    both = xa.where(np.isfinite(ya.to_numpy()))
    _enable_numba_cache()
    xv, keep, warnings = _prepare(
        both, weights, what=_name(x), permutations=permutations, alpha=alpha
    )
    yv = ya.loc[keep].to_numpy(dtype=float)
    if np.ptp(yv) == 0:
        raise AnalysisError(f"all zones have the same value of {_name(y)!r}: there is no pattern")
    w, more = _subset_weights(weights, keep)
    warnings.extend(more)
    lm = Moran_Local_BV(
        xv,
        yv,
        w,
        transformation="r",
        permutations=permutations,
        n_jobs=n_jobs,
        keep_simulations=False,
        seed=seed,
    )
    with _seeded(seed):
        gm = Moran_BV(xv, yv, w, transformation="r", permutations=permutations)
    lag = np.asarray(w.sparse @ lm.zy).ravel()
    return _lisa_result(
        lm,
        z=lm.zx,
        lag=lag,
        keep=keep,
        all_ids=weights.ids,
        global_i=float(gm.I),
        global_p=float(gm.p_sim),
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
    """Getis-Ord Gi* hot and cold spots (esda ``G_Local``).

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
    _enable_numba_cache()
    y, keep, warnings = _prepare(
        values, weights, what=_name(values), permutations=permutations, alpha=alpha
    )
    if y.min() <= 0:
        y = y - y.min() + 1.0
    w, more = _subset_weights(weights, keep)
    warnings.extend(more)
    gl = G_Local(
        y,
        _binary_copy(w),
        transform="R",
        permutations=permutations,
        star=star,
        keep_simulations=False,
        n_jobs=n_jobs,
        seed=seed,
    )
    p = _exact_p(gl.p_sim, permutations)
    zs = np.asarray(gl.Zs, dtype=float)
    cutoff = _cutoff(p, alpha, fdr)
    sig = p < cutoff
    lab = np.full(len(keep), NOT_SIGNIFICANT, dtype=object)
    lab[sig & (zs > 0)] = HOT_SPOT
    lab[sig & (zs < 0)] = COLD_SPOT
    ids = weights.ids
    return GetisOrdResult(
        labels=_full(lab, keep, ids, NO_DATA, name="label"),
        z_scores=_full(zs, keep, ids, np.nan, name="z"),
        p_values=_full(p, keep, ids, np.nan, name="p_value"),
        significant=_full(sig, keep, ids, False, name="significant").astype(bool),
        g=_full(np.asarray(gl.Gs, dtype=float), keep, ids, np.nan, name="g"),
        cutoff=float(cutoff),
        alpha=float(alpha),
        fdr=bool(fdr),
        permutations=int(permutations),
        seed=seed,
        star=bool(star),
        n=len(keep),
        variable=_name(values),
        warnings=warnings,
        neighbors=_neighbors_of(w),
    )


def warm_up() -> float:
    """Compile esda's numba kernels now, on a tiny lattice; returns the seconds it took.

    The first statistic in a process otherwise pays the compilation. Call this from a
    background thread when the app starts; later calls return almost at once.

    Examples
    --------
    >>> seconds = warm_up()  # doctest: +SKIP
    """
    import time

    from shapely.geometry import box

    t0 = time.perf_counter()
    cells = [box(x * 100.0, y * 100.0, x * 100.0 + 100, y * 100.0 + 100)
             for y in range(3) for x in range(3)]
    zones = gpd.GeoDataFrame(geometry=cells, crs=25832, index=pd.RangeIndex(9))
    w = spatial_weights(zones)
    v = pd.Series(np.arange(9.0) % 4, index=zones.index)
    local_moran(v, w, permutations=9)
    getis_ord(v, w, permutations=9)
    bivariate_local_moran(v, v[::-1].set_axis(v.index), w, permutations=9)
    return time.perf_counter() - t0


_CACHE_LOCK = threading.Lock()
_CACHE_ENABLED = False
# esda kernels whose arguments are only numbers and arrays, so numba can key a disk cache on
# them. Never ``crand.compute_chunk``: it takes the statistic as a function argument, and a
# cache entry keyed on a function object from another process fails to load (ReferenceError).
_CACHEABLE = {
    "esda.crand": ("vec_permutations", "_prepare_univariate", "_prepare_bivariate"),
    "esda.significance": ("_permutation_significance",),
    "esda.moran": ("_moran_local_crand", "_moran_local_bv_crand"),
    "esda.getisord": ("_g_local_crand", "_g_local_star_crand"),
}


def _enable_numba_cache() -> None:
    """Switch on numba's disk cache for esda's kernels, once per process.

    An optimisation only: where caching is impossible (no writable cache location, a frozen
    app without sources, numba disabled, a kernel renamed in another esda version) the
    kernels are simply compiled in memory as esda does by default. numba checks the source
    file's timestamp, so an esda upgrade invalidates the cache by itself.
    """
    global _CACHE_ENABLED
    with _CACHE_LOCK:
        if _CACHE_ENABLED:
            return
        _CACHE_ENABLED = True
        try:
            from importlib import import_module

            from numba.core.dispatcher import Dispatcher
        except ImportError:
            return
        for mod_name, names in _CACHEABLE.items():
            try:
                mod = import_module(mod_name)
            except ImportError:
                continue
            for name in names:
                obj = getattr(mod, name, None)
                if not isinstance(obj, Dispatcher):
                    continue
                if type(getattr(obj, "_cache", None)).__name__ != "NullCache":
                    continue  # esda already caches it
                try:
                    obj.enable_caching()
                except Exception:  # noqa: BLE001 -- any failure just means no disk cache
                    continue


# --------------------------------------------------------------------------------------------
# Reading the result
# --------------------------------------------------------------------------------------------
def cluster_members(
    result: LocalMoranResult | GetisOrdResult, zone_id: Hashable, weights: WeightsResult
) -> list[Hashable]:
    """"Select the cluster" of a zone: its significant core and the core's neighbours.

    For a zone that is significant (any quadrant, or a hot/cold spot), the zones reachable from
    it through neighbours that are significant *with the same label* form the core; the result
    is the core plus all neighbours of the core (the LISA cluster is the core with its
    neighbourhood). For a zone that is not significant (or has no data) the list is empty.

    Parameters
    ----------
    result
        From :func:`local_moran`, :func:`bivariate_local_moran` or :func:`getis_ord`.
    zone_id
        The zone clicked.
    weights
        The weights the result was computed with.

    Returns
    -------
    list
        Zone ids in layer order.

    Examples
    --------
    >>> # members = cluster_members(res, "0304", w)
    """
    if zone_id not in result.labels.index:
        raise DataError(f"zone {zone_id!r} is not in the result")
    label = result.labels[zone_id]
    if label in (NOT_SIGNIFICANT, NO_DATA):
        return []
    core = _component(result.labels, zone_id, weights.w.neighbors)
    members = set(core)
    for z in core:
        members.update(weights.w.neighbors.get(z, []))
    return [z for z in weights.ids if z in members]


def summarise(
    result: LocalMoranResult | GetisOrdResult,
    names: pd.Series,
    lang: Literal["nb", "en"] = "nb",
    *,
    high_is_bad: bool = True,
) -> str:
    """A plain-language summary of the clusters, one sentence per cluster.

    Parameters
    ----------
    result
        From :func:`local_moran`, :func:`bivariate_local_moran` or :func:`getis_ord`.
    names
        A place name per zone id (e.g. the district name) used to say where each cluster is.
    lang
        ``"nb"`` (Norwegian bokmål) or ``"en"``.
    high_is_bad
        Whether high values of the variable mean disadvantage (true for the composite index);
        only changes the wording ("av belastning" / "of disadvantage").

    Returns
    -------
    str

    Examples
    --------
    >>> # summarise(res, zones["district_name"])
    >>> # '7 soner danner en Høy-Høy-klynge av belastning i Bydel Øst (0101, 0102, ...). ...'
    """
    if lang not in ("nb", "en"):
        raise ValueError(f"lang must be 'nb' or 'en', not {lang!r}")
    nb = lang == "nb"
    names = pd.Series(names)
    lines: list[str] = []
    groups = _components(result.labels, result.neighbors)
    order = (
        [HOT_SPOT, COLD_SPOT] if result.kind == "getis_ord" else list(LISA_LABELS[:4])
    )
    groups.sort(key=lambda g: (order.index(g[0]), -len(g[1])))
    for label, zones in groups:
        lines.append(_cluster_sentence(label, zones, names, nb, high_is_bad, result.kind))
    if not groups:
        lines.append(
            "Ingen soner er statistisk signifikante; det er ingen tydelige klynger."
            if nb
            else "No zone is statistically significant; there are no clear clusters."
        )
    if result.kind == "local_moran":
        lines.append(_global_sentence(result, nb))
    nodata = int((result.labels == NO_DATA).sum())
    if nodata:
        lines.append(
            f"{nodata} {'sone' if nodata == 1 else 'soner'} mangler data og er holdt utenfor."
            if nb
            else f"{nodata} zone{'s' if nodata != 1 else ''} without data left out."
        )
    lines.append(_method_sentence(result, nb))
    return " ".join(lines)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------
def _name(s: pd.Series) -> str:
    name = getattr(s, "name", None)
    return str(name) if name is not None else "value"


def _prepare(
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


def _exact_p(p_sim, permutations: int) -> np.ndarray:
    """Pseudo p-values as the exact float64 fractions ``(k + 1) / (permutations + 1)``.

    Without kept simulations esda returns them as float32 (0.048999999 for 49/1000), which
    could flip a comparison with ``alpha``; the count ``k + 1`` is recovered exactly by
    rounding, and the division is then the one esda does when it keeps the simulations.
    """
    m = permutations + 1.0
    return np.round(np.asarray(p_sim, dtype=float) * m) / m


def _cutoff(p: np.ndarray, alpha: float, fdr: bool) -> float:
    if not 0.0 < float(alpha) < 1.0:
        raise ValueError(f"alpha must be between 0 and 1, not {alpha!r}")
    return float(esda_fdr(p, alpha)) if fdr else float(alpha)


class _seeded:
    """Seed numpy's global generator for esda's global Moran (it has no ``seed`` argument)
    and restore the previous state afterwards, so callers' random streams are untouched."""

    def __init__(self, seed: int | None):
        self.seed = seed

    def __enter__(self):
        self.state = np.random.get_state()  # noqa: NPY002 -- esda.Moran draws from it
        if self.seed is not None:
            np.random.seed(self.seed)  # noqa: NPY002

    def __exit__(self, *exc):
        np.random.set_state(self.state)  # noqa: NPY002
        return False


def _binary_copy(w: W) -> W:
    """A fresh binary copy of ``w`` (G_Local adds the self-link and standardises it)."""
    b = W({i: list(w.neighbors[i]) for i in w.id_order}, id_order=list(w.id_order),
          silence_warnings=True)
    b.transform = "b"
    return b


def _neighbors_of(w: W) -> dict[Hashable, list[Hashable]]:
    return {i: list(v) for i, v in w.neighbors.items()}


def _full(arr, keep: pd.Index, ids: pd.Index, fill, *, name: str) -> pd.Series:
    """Values for the zones in ``keep`` spread onto all ``ids`` with ``fill`` elsewhere."""
    out = pd.Series(fill, index=ids, name=name, dtype=object if isinstance(fill, str) else None)
    out.loc[keep] = np.asarray(arr)
    return out


def _lisa_result(
    lm,
    *,
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
    w: W,
) -> LocalMoranResult:
    p = _exact_p(lm.p_sim, permutations)
    q = np.asarray(lm.q, dtype=int)
    cutoff = _cutoff(p, alpha, fdr)
    sig = p < cutoff
    lab = np.where(sig, [QUADRANTS[int(c)] for c in q], NOT_SIGNIFICANT).astype(object)
    return LocalMoranResult(
        labels=_full(lab, keep, all_ids, NO_DATA, name="label"),
        quadrant=_full(q, keep, all_ids, 0, name="quadrant").astype(int),
        significant=_full(sig, keep, all_ids, False, name="significant").astype(bool),
        p_values=_full(p, keep, all_ids, np.nan, name="p_value"),
        local_i=_full(np.asarray(lm.Is, dtype=float), keep, all_ids, np.nan, name="local_i"),
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
        neighbors=_neighbors_of(w),
    )


def _label_map(result, lang: str) -> dict[str, str]:
    if lang not in ("nb", "en"):
        raise ValueError(f"lang must be 'nb' or 'en', not {lang!r}")
    if result.kind == "getis_ord":
        return GETIS_LABELS_NB if lang == "nb" else GETIS_LABELS_EN
    return LABELS_NB if lang == "nb" else LABELS_EN


def _component(
    labels: pd.Series, start: Hashable, neighbors: Mapping[Hashable, list[Hashable]]
) -> list[Hashable]:
    """Zones connected to ``start`` through neighbours with the same label (breadth first)."""
    label = labels[start]
    seen = {start}
    queue = deque([start])
    while queue:
        z = queue.popleft()
        for nb in neighbors.get(z, []):
            if nb not in seen and labels.get(nb) == label:
                seen.add(nb)
                queue.append(nb)
    return [z for z in labels.index if z in seen]


def _components(
    labels: pd.Series, neighbors: Mapping[Hashable, list[Hashable]]
) -> list[tuple[str, list[Hashable]]]:
    """Connected groups of significant zones with the same label."""
    done: set[Hashable] = set()
    out: list[tuple[str, list[Hashable]]] = []
    for z, lab in labels.items():
        if z in done or lab in (NOT_SIGNIFICANT, NO_DATA):
            continue
        comp = _component(labels, z, neighbors)
        done.update(comp)
        out.append((lab, comp))
    return out


def _fmt(x: float, nb: bool, digits: int = 2) -> str:
    s = f"{x:.{digits}f}"
    return s.replace(".", ",") if nb else s


def _where(zones: list[Hashable], names: pd.Series, nb: bool) -> str:
    """'in Bydel Øst' / 'i Bydel Øst og Bydel Sør' from the most frequent names."""
    found = names.reindex(zones).dropna().astype(str)
    if found.empty:
        return ""
    top = found.value_counts(sort=True).index.tolist()
    shown = top[:3]
    if len(shown) == 1:
        place = shown[0]
    else:
        joiner = " og " if nb else " and "
        place = ", ".join(shown[:-1]) + joiner + shown[-1]
    if len(top) > 3:
        place += " m.fl." if nb else " and others"
    return (" i " if nb else " in ") + place


_LISA_NB = {
    "High-High": "en Høy-Høy-klynge",
    "Low-Low": "en Lav-Lav-klynge",
    "High-Low": "en Høy-Lav-avviker (høy verdi blant lave)",
    "Low-High": "en Lav-Høy-avviker (lav verdi blant høye)",
    HOT_SPOT: "et varmt punkt (Gi*)",
    COLD_SPOT: "et kaldt punkt (Gi*)",
}
_LISA_EN = {
    "High-High": "a High-High cluster",
    "Low-Low": "a Low-Low cluster",
    "High-Low": "a High-Low outlier (high value among low)",
    "Low-High": "a Low-High outlier (low value among high)",
    HOT_SPOT: "a hot spot (Gi*)",
    COLD_SPOT: "a cold spot (Gi*)",
}


def _cluster_sentence(
    label: str, zones: list[Hashable], names: pd.Series, nb: bool, high_is_bad: bool, kind: str
) -> str:
    n = len(zones)
    what = (_LISA_NB if nb else _LISA_EN)[label]
    high = label in ("High-High", HOT_SPOT)
    low = label in ("Low-Low", COLD_SPOT)
    if high or low:
        bad = high == high_is_bad
        if nb:
            what += " av belastning" if bad else " med lav belastning"
        else:
            what += " of disadvantage" if bad else " of low disadvantage"
    ids = ", ".join(map(str, zones[:8])) + (", …" if n > 8 else "")
    where = _where(zones, names, nb)
    # A single significant zone is the core of a cluster (with its neighbours), not a cluster.
    if nb:
        subject = "1 sone er kjernen i" if n == 1 else f"{n} soner danner"
        return f"{subject} {what}{where} ({ids})."
    subject = "1 zone is the core of" if n == 1 else f"{n} zones form"
    return f"{subject} {what}{where} ({ids})."


def _global_sentence(result: LocalMoranResult, nb: bool) -> str:
    i = _fmt(result.global_i, nb, 2)
    p = _fmt(result.global_p, nb, 3)
    clustered = result.global_p < result.alpha and result.global_i > result.global_expected
    if nb:
        tail = (
            "verdiene klumper seg romlig." if clustered
            else "ingen signifikant romlig klumping samlet sett."
        )
        return f"Globalt Moran's I = {i} (p = {p}): {tail}"
    tail = "values cluster in space." if clustered else "no significant overall clustering."
    return f"Global Moran's I = {i} (p = {p}): {tail}"


def _method_sentence(result, nb: bool) -> str:
    alpha = _fmt(result.alpha, nb, 2)
    if nb:
        sig = f"FDR-korrigert ved α = {alpha}" if result.fdr else f"α = {alpha}"
        return f"({result.permutations} permutasjoner, {sig}, frø {result.seed}, n = {result.n}.)"
    sig = f"FDR-corrected at α = {alpha}" if result.fdr else f"α = {alpha}"
    return f"({result.permutations} permutations, {sig}, seed {result.seed}, n = {result.n}.)"
