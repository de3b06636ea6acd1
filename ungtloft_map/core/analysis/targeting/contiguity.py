"""Contiguity of zones for target areas: queen neighbours and connected candidate areas.

Queen contiguity comes from :func:`..clusters.spatial_weights` (sharing an edge or a corner; a
zone without any neighbour, e.g. an island, is joined to its nearest zone). Whether a set of
zones forms one area is read from :func:`scipy.sparse.csgraph.connected_components` on the
weights' 0/1 matrix restricted to those zones -- the helper behind libpysal's
``W.component_labels`` -- not from an own traversal.

Examples
--------
>>> from shapely.geometry import box
>>> import geopandas as gpd
>>> gdf = gpd.GeoDataFrame(geometry=[box(i, 0, i + 1, 1) for i in range(5)],
...                        index=list("abcde"), crs="EPSG:25832")
>>> w = queen_weights(gdf)
>>> sorted(adjacency(gdf, w)["b"])
['a', 'c']
>>> disconnected(["a", "b", "c"], w), disconnected(["a", "c", "d"], w)
([], ['c', 'd'])
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import geopandas as gpd
import pandas as pd
from scipy.sparse.csgraph import connected_components

from ...errors import AnalysisError, DataError
from ...zonetable import ZoneTable
from ..clusters import WeightsResult, spatial_weights

__all__ = ["adjacency", "check_ids", "disconnected", "queen_weights", "require_connected"]


def as_zone_table(obj) -> ZoneTable:
    """The :class:`ZoneTable` itself, or the one a ThemeResults holds."""
    zt = getattr(obj, "zone_table", obj)
    if not isinstance(zt, ZoneTable):
        raise DataError("expected a ZoneTable (or the ThemeResults holding one)")
    return zt


def check_ids(gdf: pd.DataFrame, ids: Iterable[Hashable], what: str) -> None:
    """Raise a :class:`DataError` naming the ids of ``ids`` that are not zones of ``gdf``."""
    known = set(map(str, gdf.index))
    unknown = [str(i) for i in ids if str(i) not in known]
    if unknown:
        raise DataError(f"{what} names zone(s) that are not in the zone table: "
                        f"{', '.join(unknown)}", field="zone_id")


def queen_weights(gdf: gpd.GeoDataFrame, weights: WeightsResult | None = None) -> WeightsResult:
    """Queen weights of the zones of ``gdf`` (ids as text); ``weights`` reused when they fit.

    ``weights`` (e.g. ``themes.weights``) is returned as it is when it is queen contiguity over
    exactly these zones; otherwise the weights are computed.
    """
    if (weights is not None and weights.kind == "queen"
            and set(map(str, weights.ids)) == set(map(str, gdf.index))):
        return weights
    return spatial_weights(gpd.GeoDataFrame(geometry=gdf.geometry.values, crs=gdf.crs,
                                            index=gdf.index.astype(str)), "queen")


def adjacency(gdf: gpd.GeoDataFrame, weights: WeightsResult | None = None) -> dict[str, set[str]]:
    """Zone id -> the ids of the zones bordering it (queen), all as text."""
    w = queen_weights(gdf, weights)
    return {str(z): {str(n) for n in nb} for z, nb in w.w.neighbors.items()}


def disconnected(ids: Sequence[Hashable], weights: WeightsResult) -> list[str]:
    """The zones of ``ids`` not connected to the first one through zones of ``ids``.

    Empty when the zones form one area (or there is at most one). Zones unknown to the weights
    count as not connected.
    """
    ids = [str(z) for z in dict.fromkeys(ids)]
    if len(ids) < 2:
        return []
    w = weights.w
    pos = {str(z): p for p, z in enumerate(w.id_order)}
    if ids[0] not in pos:
        return ids[1:]
    known = [z for z in ids if z in pos]
    rows = [pos[z] for z in known]
    sub = w.binary[rows][:, rows]
    _, labels = connected_components(sub, directed=False)
    first = labels[0]
    joined = {z for z, lab in zip(known, labels, strict=True) if lab == first}
    return [z for z in ids if z not in joined]


def require_connected(gdf: gpd.GeoDataFrame, name: str, zone_ids: Sequence[Hashable],
                      weights: WeightsResult | None = None) -> None:
    """Raise unless the zones form one connected area (queen contiguity).

    Raises
    ------
    AnalysisError
        Names the zones that do not border the rest (with their names when ``gdf`` has
        ``zone_name``); ``code`` ``"zones_not_connected"``, ``params`` ``candidate``, ``apart``
        and ``joined`` (zone ids) for a window's own sentence.
    """
    ids = [str(z) for z in zone_ids]
    apart = disconnected(ids, queen_weights(gdf, weights))
    if not apart:
        return
    names = gdf["zone_name"] if "zone_name" in gdf.columns else None
    names = None if names is None else pd.Series(names.to_numpy(), index=gdf.index.astype(str))

    def label(zs: list[str]) -> str:
        if names is None:
            return ", ".join(zs)
        return ", ".join(f"{z} {names.get(z, '')}".strip() for z in zs)

    joined = [z for z in ids if z not in apart]
    raise AnalysisError(
        f"the zones of candidate {name!r} do not form one connected area: "
        f"{label(apart)} {'does' if len(apart) == 1 else 'do'} not border "
        f"{label(joined)}; add the zones between them, or allow a candidate of separate zones",
        code="zones_not_connected", params={"candidate": name, "apart": apart, "joined": joined})
