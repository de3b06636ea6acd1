"""Spatial weights of a zone layer: queen contiguity or k nearest neighbours, row-standardised.

Built with shapely, numpy and scipy, not libpysal: importing libpysal costs 1-5 s in a fresh
process on the 2-core machine (it pulls in scikit-learn, scipy.stats and its graph module),
ten times the budget of the whole cluster step. The definitions are libpysal's and the tests
check them against it:

* queen: two polygons are neighbours when they share at least one vertex (libpysal's
  ``Queen.from_dataframe``, which hashes vertices the same way);
* kNN: the ``k`` nearest centroids by Euclidean distance (libpysal's ``KNN.from_array``);
* connected parts with :func:`scipy.sparse.csgraph.connected_components` (what libpysal's
  ``W.n_components`` and ``component_labels`` call).

:class:`SpatialWeights` offers the part of ``libpysal.weights.W`` the app and its callers use
(``neighbors``, ``weights``, ``cardinalities``, ``sparse``, ``islands``, ``n_components``,
``transform``) and converts with :meth:`SpatialWeights.to_libpysal` when PySAL is wanted.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from functools import cached_property
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ...crs import require_projected
from ...errors import AnalysisError, DataError, DataWarning
from ._labels import MIN_ZONES
from .results import WeightsResult

__all__ = ["SpatialWeights", "spatial_weights"]


class SpatialWeights:
    """Row-standardised neighbour weights (every neighbour of a zone weighs ``1 / neighbours``).

    Parameters
    ----------
    neighbors
        Zone id -> neighbour ids (symmetric for queen, not for kNN).
    id_order
        The zone ids in layer order; rows and columns of :attr:`sparse` follow it.

    Examples
    --------
    >>> w = SpatialWeights({"a": ["b"], "b": ["a", "c"], "c": ["b"]}, ["a", "b", "c"])
    >>> w.weights["b"], w.cardinalities["b"], w.n_components
    ([0.5, 0.5], 2, 1)
    """

    transform = "R"

    def __init__(self, neighbors: Mapping[Hashable, list[Hashable]], id_order: list[Hashable]):
        self.id_order = list(id_order)
        self.neighbors = {i: list(neighbors.get(i, ())) for i in self.id_order}

    @property
    def n(self) -> int:
        return len(self.id_order)

    @cached_property
    def cardinalities(self) -> dict[Hashable, int]:
        return {i: len(v) for i, v in self.neighbors.items()}

    @cached_property
    def weights(self) -> dict[Hashable, list[float]]:
        return {i: [1.0 / len(v)] * len(v) for i, v in self.neighbors.items()}

    @property
    def max_neighbors(self) -> int:
        return max(self.cardinalities.values(), default=0)

    @property
    def islands(self) -> list[Hashable]:
        """Zones without a neighbour."""
        return [i for i, c in self.cardinalities.items() if c == 0]

    @cached_property
    def binary(self) -> sparse.csr_matrix:
        """0/1 neighbour matrix in :attr:`id_order` (sorted column indices)."""
        pos = {z: p for p, z in enumerate(self.id_order)}
        rows = np.repeat(np.arange(self.n), [len(self.neighbors[i]) for i in self.id_order])
        cols = np.fromiter((pos[j] for i in self.id_order for j in self.neighbors[i]),
                           dtype=np.int64, count=len(rows))
        m = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(self.n, self.n))
        m.sum_duplicates()
        m.data[:] = 1.0
        m.sort_indices()
        return m

    @cached_property
    def sparse(self) -> sparse.csr_matrix:
        """Row-standardised matrix (rows of islands are zero)."""
        b = self.binary
        card = np.diff(b.indptr)
        scale = np.divide(1.0, card, out=np.zeros(self.n), where=card > 0)
        return sparse.csr_matrix(sparse.diags(scale) @ b)

    @cached_property
    def component_labels(self) -> np.ndarray:
        return connected_components(self.binary, directed=False)[1]

    @property
    def n_components(self) -> int:
        return int(self.component_labels.max()) + 1 if self.n else 0

    def to_libpysal(self):
        """The same weights as a row-standardised ``libpysal.weights.W`` (imports libpysal)."""
        from libpysal.weights import W

        w = W(self.neighbors, id_order=self.id_order, silence_warnings=True)
        w.transform = "r"
        return w

    def __repr__(self) -> str:
        return f"SpatialWeights(n={self.n}, transform={self.transform!r})"


def spatial_weights(
    zones: gpd.GeoDataFrame, kind: Literal["queen", "knn"] = "queen", k: int = 5
) -> WeightsResult:
    """Neighbour structure of a zone layer, row-standardised.

    Parameters
    ----------
    zones
        Polygons in EPSG:25832; the index holds the zone ids (set it to ``zone_id`` first).
    kind
        ``"queen"``: zones sharing an edge or a corner (a vertex, as libpysal's
        ``Queen.from_dataframe``); an island is attached to its nearest zone by centroid
        (k = 1), both ways. ``"knn"``: the ``k`` nearest zones by centroid distance.
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
    ids = list(zones.index)
    # the centroid is what "nearest zone" means to a reader and what libpysal's KNN uses
    c = shapely.centroid(zones.geometry.to_numpy())
    cent = np.column_stack([shapely.get_x(c), shapely.get_y(c)])
    warnings: list[DataWarning] = []
    islands: dict[Hashable, Hashable] = {}
    if kind == "queen":
        neighbors = _queen(zones.geometry.to_numpy(), ids)
        neighbors, islands = _attach_islands(neighbors, ids, cent)
        for isl, nb in islands.items():
            warnings.append(
                DataWarning(
                    f"zone {isl} has no neighbour sharing a border; it is joined to the "
                    f"nearest zone {nb} (by centroid)",
                    layer="zones",
                )
            )
        w = _make_w(neighbors, ids)
        kk = None
    else:
        w = _knn(cent, ids, k)
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


def _queen(geoms: np.ndarray, ids: list[Hashable]) -> dict[Hashable, list[Hashable]]:
    """Polygons sharing at least one vertex (exact coordinates), in layer order."""
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    _, vertex = np.unique(coords, axis=0, return_inverse=True)
    vertex = vertex.ravel()
    incidence = sparse.csr_matrix(
        (np.ones(len(owner)), (owner, vertex)), shape=(len(ids), int(vertex.max()) + 1)
    )
    incidence.data[:] = 1.0
    shared = sparse.csr_matrix(incidence @ incidence.T)
    shared.setdiag(0)
    shared.eliminate_zeros()
    shared.sort_indices()
    ind, ptr = shared.indices, shared.indptr
    return {z: [ids[j] for j in ind[ptr[p]:ptr[p + 1]]] for p, z in enumerate(ids)}


def _make_w(neighbors: Mapping[Hashable, list[Hashable]], ids: list[Hashable]) -> SpatialWeights:
    """Row-standardised weights; neighbour lists in layer order (stable across processes)."""
    pos = {z: p for p, z in enumerate(ids)}
    return SpatialWeights({i: sorted(neighbors[i], key=pos.__getitem__) for i in ids}, ids)


def _attach_islands(
    neighbors: dict[Hashable, list[Hashable]], ids: list[Hashable], cent: np.ndarray
) -> tuple[dict[Hashable, list[Hashable]], dict[Hashable, Hashable]]:
    """Join every zone without neighbours to its nearest zone by centroid, both ways."""
    islands = SpatialWeights(neighbors, ids).islands
    if not islands:
        return neighbors, {}
    from scipy.spatial import cKDTree  # only when there is an island (import ~0.5 s)

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


def _knn(cent: np.ndarray, ids: list[Hashable], k: int) -> SpatialWeights:
    """The ``k`` nearest other zones by centroid, nearest first (libpysal's ``KNN``)."""
    n = len(ids)
    if not 1 <= int(k) < n:
        raise AnalysisError(f"k = {k} nearest neighbours needs between 1 and {n - 1} (zones - 1)")
    from scipy.spatial import cKDTree

    _, idx = cKDTree(cent).query(cent, k=int(k) + 1)
    nbrs = {}
    for p, z in enumerate(ids):
        row = [int(j) for j in idx[p] if j != p][: int(k)]
        nbrs[z] = [ids[j] for j in row]
    return SpatialWeights(nbrs, ids)


def subset_weights(weights: WeightsResult, keep: pd.Index) -> tuple[SpatialWeights, list[DataWarning]]:
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
