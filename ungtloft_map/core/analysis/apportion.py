"""Areal apportioning of population cells (EJScreen's method): residents follow the cell's area.

A population cell (a 250 m or 1 km SSB grid square) that lies partly in an area contributes the
share of its residents equal to the share of its area inside: a cell of 100 residents with 30 %
of its area in a zone gives that zone 30. The plan assessment uses it for the plan and its buffer
(:func:`apportion_population`), the project for attributing cells that carry no ``zone_id`` to
the zones (:func:`cells_by_zone`): unlike "the zone holding the cell's centre", no resident is
lost because a centre lies in water or just outside the zones, and a cell across a zone boundary
is split between the zones. A point (not a polygon) counts whole in the zone it lies in.

The grid's total over the zones' area is kept: the residents the zones receive add up to
``sum(cell population × share of the cell's area inside the zones)``.

Examples
--------
>>> from shapely.geometry import box
>>> import geopandas as gpd
>>> cells = gpd.GeoDataFrame({"population": [100.0]}, geometry=[box(0, 0, 1000, 1000)],
...                          crs="EPSG:25832")
>>> zones = gpd.GeoDataFrame({"zone_id": ["A", "B"]},
...                          geometry=[box(0, 0, 300, 1000), box(300, 0, 1000, 1000)], crs="EPSG:25832")
>>> res = cells_by_zone(cells, zones)
>>> res.cells.groupby("zone_id")["population"].sum().round(1).to_dict()
{'A': 30.0, 'B': 70.0}
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from ..errors import DataWarning

__all__ = ["apportion_population", "cells_by_zone", "zone_grid", "ZoneCells", "COARSE_CELL_SHARE"]

#: Cells whose median area is at least this share of the median zone area are "coarse": a zone
#: then spans fewer than about four cells and the even spread of residents over a cell's area
#: decides much of the zone figure.
COARSE_CELL_SHARE = 0.25


def apportion_population(cells: gpd.GeoDataFrame, area: BaseGeometry) -> np.ndarray:
    """Share (0–1) of each cell's area inside ``area`` -- the weight of its residents (EJScreen).

    A point (not a polygon) counts whole when inside. Multiply by the cell's population to get
    the residents it contributes.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> cells = gpd.GeoDataFrame(geometry=[box(0, 0, 250, 250), box(250, 0, 500, 250)],
    ...                          crs="EPSG:25832")
    >>> apportion_population(cells, box(125, 0, 300, 250)).round(2).tolist()
    [0.5, 0.2]
    """
    g = cells.geometry.to_numpy()
    out = np.zeros(len(g))
    if len(g) == 0 or area.is_empty:
        return out
    idx = shapely.STRtree(g).query(area, predicate="intersects")
    if len(idx) == 0:
        return out
    out[idx] = _area_share(g[idx], shapely.intersection(g[idx], area))
    return out


def _area_share(cells: np.ndarray, parts: np.ndarray) -> np.ndarray:
    """Area of ``parts`` over the area of ``cells`` (pairwise), 1 for points, clipped to 0–1."""
    cell_area = shapely.area(cells)
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(cell_area > 0, shapely.area(parts) / cell_area, 1.0)
    return np.clip(frac, 0.0, 1.0)


@dataclass
class ZoneCells:
    """Population cells that each belong to one zone.

    Attributes
    ----------
    cells
        ``zone_id``, ``population`` and the other count columns (``pop_*``), geometry; cells
        that had a known ``zone_id`` as they were, the others split into their parts in each
        zone with the counts apportioned by area (``apportioned`` is True on those rows).
    n_apportioned
        Input cells that were apportioned (no or an unknown ``zone_id``).
    residents_outside
        Residents of the apportioned cells in their parts outside every zone (not in any zone).
    warnings
        What was apportioned, what lies outside, and a warning when the cells are coarse
        compared with the zones.
    """

    cells: gpd.GeoDataFrame
    n_apportioned: int = 0
    residents_outside: float = 0.0
    warnings: list[DataWarning] = field(default_factory=list)

    def __repr__(self) -> str:
        return (f"ZoneCells(rows={len(self.cells)}, apportioned={self.n_apportioned}, "
                f"residents={self.cells['population'].sum():,.0f}, "
                f"outside={self.residents_outside:,.0f}, warnings={len(self.warnings)})")


def cells_by_zone(population: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> ZoneCells:
    """Give every population cell a zone: its own ``zone_id``, else split by area over the zones.

    Parameters
    ----------
    population
        Cells (polygons) or points in the zones' CRS with a numeric ``population`` column,
        optionally ``zone_id`` and other counts named ``pop_*`` (apportioned the same way).
    zones
        Zones with ``zone_id`` (column or index name) and polygon geometry.

    Returns
    -------
    ZoneCells

    Examples
    --------
    The demo grid without its ``zone_id`` (as SSB's grid comes), so every cell is split by area:

    >>> from ungtloft_map.core.project import Project
    >>> p = Project.demo()
    >>> res = cells_by_zone(p.layer("population").drop(columns="zone_id"), p.zones)
    >>> res
    ZoneCells(rows=2946, apportioned=2284, residents=200,353, outside=1,307, warnings=1)
    >>> res.cells.groupby("zone_id")["population"].sum().round().head(3).tolist()
    [5902.0, 6445.0, 5315.0]
    """
    zone_ids = (zones["zone_id"] if "zone_id" in zones.columns else zones.index.to_series()).astype(str)
    zone_ids = zone_ids.to_numpy()
    counts = ["population"] + [c for c in population.columns if str(c).startswith("pop_")]
    table = population[counts].apply(pd.to_numeric, errors="coerce").fillna(0.0).astype(float)
    geoms = population.geometry.to_numpy()
    own = np.full(len(population), "", dtype=object)
    if "zone_id" in population.columns:
        z = population["zone_id"]
        own = np.where(z.notna().to_numpy(), z.astype(str).str.strip().to_numpy(), "")
    known = np.isin(own, zone_ids)
    warnings: list[DataWarning] = []
    kept = gpd.GeoDataFrame(table[known], geometry=geoms[known], crs=population.crs)
    kept.insert(0, "zone_id", own[known])
    kept["apportioned"] = False
    todo = np.flatnonzero(~known)
    if len(todo) == 0:
        return ZoneCells(kept)

    unknown_ids = sorted(set(own[todo]) - {""})
    zgeoms = zones.geometry.to_numpy()
    cg = geoms[todo]
    ci, zi = shapely.STRtree(zgeoms).query(cg, predicate="intersects")
    is_point = shapely.get_type_id(cg[ci]) == 0
    # A point on a shared boundary counts once, in the first zone it touches.
    first = np.zeros(len(ci), dtype=bool)
    first[np.unique(ci, return_index=True)[1]] = True
    keep = ~is_point | first
    ci, zi, is_point = ci[keep], zi[keep], is_point[keep]
    parts = cg[ci].copy()
    if (~is_point).any():
        poly = np.flatnonzero(~is_point)
        parts[poly] = shapely.intersection(cg[ci[poly]], zgeoms[zi[poly]])
        # Cells that only touch a zone along an edge add stray lines to a collection.
        mixed = shapely.get_type_id(parts) == 7
        parts[mixed] = [_polygonal(g) for g in parts[mixed]]
    frac = _area_share(cg[ci], parts)
    frac[is_point] = 1.0
    use = frac > 0
    ci, zi, parts, frac = ci[use], zi[use], parts[use], frac[use]
    src = table.iloc[todo].to_numpy()
    pieces = gpd.GeoDataFrame(pd.DataFrame(src[ci] * frac[:, None], columns=counts),
                              geometry=parts, crs=population.crs)
    pieces.insert(0, "zone_id", zone_ids[zi])
    pieces["apportioned"] = True
    total = float(src[:, 0].sum())
    received = float(pieces["population"].sum())
    outside = max(total - received, 0.0)
    msg = (f"{len(todo)} population cell(s) with {total:,.0f} residents had "
           + ("no zone id" if not unknown_ids else
              f"no zone id or one that matches no zone ({', '.join(unknown_ids[:5])}"
              f"{', …' if len(unknown_ids) > 5 else ''})")
           + ": their residents are apportioned to the zones by the share of each cell's area "
             "in each zone (areal weighting, as EJScreen)")
    if outside >= 0.5:
        msg += (f"; {outside:,.0f} residents live in the parts of those cells outside every zone "
                "(other kommuner, sea) and count in no zone")
    warnings.append(DataWarning(msg, layer="population", field="zone_id"))
    coarse = _coarseness(cg, zgeoms)
    if coarse is not None:
        warnings.append(coarse)
    cells = pd.concat([kept, pieces], ignore_index=True)
    cells = gpd.GeoDataFrame(cells, geometry=cells.geometry.name, crs=population.crs)
    return ZoneCells(cells, len(todo), outside, warnings)


def _polygonal(g):
    polys = [p for p in shapely.get_parts(g) if shapely.get_type_id(p) in (3, 6)]
    return shapely.union_all(polys) if polys else shapely.Polygon()


def _coarseness(cells: np.ndarray, zones: np.ndarray) -> DataWarning | None:
    cell_area = shapely.area(cells)
    cell_area = cell_area[cell_area > 0]
    zone_area = shapely.area(zones)
    zone_area = zone_area[zone_area > 0]
    if not len(cell_area) or not len(zone_area):
        return None
    c, z = float(np.median(cell_area)), float(np.median(zone_area))
    if c < COARSE_CELL_SHARE * z:
        return None
    side = np.sqrt(c)  # reprojected cells are not quite square: round what the user reads
    side_txt = f"{round(side / 1000, 1):g} km" if side >= 950 else f"{round(side, -1):.0f} m"
    return DataWarning(
        f"the population cells are coarse compared with the zones (cells about {side_txt} "
        f"across, {c / 1e6:.2f} km²; median zone {z / 1e6:.2f} km²): residents are spread evenly "
        "over each cell's area, so the zone figures are approximate; use a finer grid "
        "(SSB 250 m) if you have it", layer="population", field="population")


def zone_grid(zones: gpd.GeoDataFrame, size_m: float = 250.0) -> gpd.GeoDataFrame:
    """A regular grid over the zones, cut at the zone edges: ``zone_id``, ``area_m2``, geometry.

    Used where a measure is wanted per zone but no population grid exists (transit access from
    a feed alone): each part then weighs by its area. The grid is aligned on multiples of
    ``size_m`` in the zones' CRS, as SSB's grid is on its own.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> z = gpd.GeoDataFrame({"zone_id": ["A"]}, geometry=[box(0, 0, 500, 300)], crs="EPSG:25832")
    >>> g = zone_grid(z)
    >>> len(g), round(g["area_m2"].sum())
    (4, 150000)
    """
    zone_ids = (zones["zone_id"] if "zone_id" in zones.columns else zones.index.to_series()).astype(str)
    zgeoms = zones.geometry.to_numpy()
    minx, miny, maxx, maxy = zones.total_bounds
    x0, y0 = np.floor(minx / size_m) * size_m, np.floor(miny / size_m) * size_m
    xs = np.arange(x0, maxx, size_m)
    ys = np.arange(y0, maxy, size_m)
    gx, gy = np.meshgrid(xs, ys)
    squares = shapely.box(gx.ravel(), gy.ravel(), gx.ravel() + size_m, gy.ravel() + size_m)
    si, zi = shapely.STRtree(zgeoms).query(squares, predicate="intersects")
    parts = shapely.intersection(squares[si], zgeoms[zi])
    mixed = shapely.get_type_id(parts) == 7
    parts[mixed] = [_polygonal(g) for g in parts[mixed]]
    area = shapely.area(parts)
    keep = area > 0
    return gpd.GeoDataFrame({"zone_id": zone_ids.to_numpy()[zi[keep]], "area_m2": area[keep]},
                            geometry=parts[keep], crs=zones.crs)
