"""Green-structure coverage: how many residents have a large enough green area close by.

The method follows SSB's *tilgang til rekreasjonsareal og nærturterreng* and the WHO urban green
space indicator (see ``shared/design/INDICATORS.md``):

1. **Dissolve.** Green polygons that touch or overlap (within :data:`CONNECT_TOLERANCE_M`, a
   digitising tolerance of 1 cm) are merged into one green area before the size test: a park
   split into two touching parcels is one park. Duplicates and overlaps are merged, never counted
   twice, and reported as a :class:`~ungtloft_map.core.errors.DataWarning`. Parts that only share
   a corner point are also one area (they are connected).
2. **Size test.** Green areas of at least ``min_area_m2`` qualify.
3. **Distance.** From each population point (the centroid of a grid cell) to the nearest
   qualifying polygon *edge*; 0 when the point is inside. Straight-line by default; along a path
   network when ``network`` is given. A cell exactly at the threshold is covered (``<=``, with a
   1 µm tolerance for floating-point noise).
4. **Per zone.** Population-weighted share of residents covered, m² of public green per resident
   (all green clipped to the zone, *marka/forest excluded* as Trondheim's friluftsliv plan does:
   rows whose ``kind`` is in :data:`MARKA_KINDS`), and the green share of the zone's area (all
   green, forest included: it describes land cover).

Examples
--------
On the fictional demo municipality:

>>> from ungtloft_map.core.project import Project
>>> p = Project.demo()
>>> zones = p.zones.reset_index(drop=True)[["zone_id", "geometry"]]
>>> res = green_coverage(p.population_cells(), p.layer("green_areas"), zones)
>>> res
GreenCoverageResult(ssb_rekreasjon: >= 5000 m² within 200 m straight-line; 50 zones, 57.4 % of 201,660 residents covered, 1516 gap cells, 254 qualifying areas, 0 warnings)
>>> round(float(res.per_zone.loc["0101", "green_covered_share"]), 2)
0.79
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from ..crs import require_projected
from ..errors import DataError, DataWarning


@dataclass(frozen=True)
class GreenDefinition:
    """One definition of "a resident has green nearby".

    Parameters
    ----------
    key
        Registry key, e.g. ``"ssb_rekreasjon"``.
    label
        Short human name.
    min_area_m2
        Smallest (dissolved) green area that counts, in m².
    max_distance_m
        Largest distance from the resident to the green area's edge, in metres (inclusive).
    source
        Where the definition comes from.
    """

    key: str
    label: str
    min_area_m2: float
    max_distance_m: float
    source: str = ""


#: The definitions the app offers; the first one is the default.
GREEN_DEFINITIONS: Mapping[str, GreenDefinition] = MappingProxyType(
    {
        "ssb_rekreasjon": GreenDefinition(
            "ssb_rekreasjon", "SSB rekreasjonsareal", 5_000.0, 200.0,
            "SSB: rekreasjonsareal >= 5 daa innen 200 m",
        ),
        "ssb_narturterreng": GreenDefinition(
            "ssb_narturterreng", "SSB nærturterreng", 200_000.0, 500.0,
            "SSB: nærturterreng >= 200 daa innen 500 m",
        ),
        "who": GreenDefinition(
            "who", "WHO urban green space", 10_000.0, 300.0,
            "WHO Europe (2016): >= 1 ha public green within 300 m straight-line",
        ),
    }
)

#: ``kind`` values treated as marka/forest and left out of "m² public green per resident".
MARKA_KINDS = frozenset({"forest", "marka", "skog"})
#: Green polygons closer than this (metres) are one green area (digitising noise between parcels).
CONNECT_TOLERANCE_M = 0.01
#: Distances within this of the threshold count as at the threshold (floating-point noise).
DISTANCE_TOLERANCE_M = 1e-6
#: Boundaries are sampled at this spacing to bound the search for the nearest edge (speed only;
#: the distances are exact).
SAMPLE_SPACING_M = 20.0
#: Network mode: network nodes this close to a qualifying green area are entrances to it.
SNAP_RADIUS_M = 25.0
#: Network mode: green boundaries are densified to this spacing before snapping to the network.
BOUNDARY_SPACING_M = 25.0
#: Network mode: lines are split into segments of at most this length so that a cell snaps to
#: a node near it, not to a far vertex at the end of a long straight road.
NETWORK_SPACING_M = 25.0
#: Network mode: line vertices closer than this are the same node (1 cm grid).
NODE_TOLERANCE_M = 0.01


@dataclass
class GreenCoverageResult:
    """Green coverage per zone and per population cell.

    Attributes
    ----------
    definition
        The :class:`GreenDefinition` used (with any size/distance overrides applied).
    per_zone
        Index ``zone_id``; columns ``zone_name`` (when the zones have it), ``population``,
        ``covered_population``, ``green_covered_share`` (0–1, population-weighted),
        ``green_m2`` (all green in the zone), ``public_green_m2`` (marka/forest excluded),
        ``green_m2_per_resident`` (public green / population), ``zone_area_m2``,
        ``green_area_share`` (``green_m2`` / ``zone_area_m2``, 0–1). NaN where the zone has no
        residents.
    per_cell
        The population layer (its geometry) with ``zone_id``, ``population``,
        ``green_distance_m`` (to the nearest qualifying edge; NaN when there is none or, with a
        network, when it is farther than the threshold) and ``green_covered`` (bool).
    gap
        The populated cells that are not covered (the "coverage gap" layer).
    qualifying
        The dissolved green areas that pass the size test: ``green_part_id``, ``area_m2``,
        ``n_parcels``, ``kinds``.
    warnings
        Repairs and skips (duplicates dissolved, empty layers, unzoned cells, ...).
    network
        True when distances were measured along a path network.
    """

    definition: GreenDefinition
    per_zone: pd.DataFrame
    per_cell: gpd.GeoDataFrame
    gap: gpd.GeoDataFrame
    qualifying: gpd.GeoDataFrame
    warnings: list[DataWarning] = field(default_factory=list)
    network: bool = False

    @property
    def covered_share(self) -> float:
        """Population-weighted share covered over all cells (the municipal figure), 0–1."""
        pop = self.per_cell["population"].to_numpy(dtype=float)
        total = pop.sum()
        if total <= 0:
            return float("nan")
        return float(pop[self.per_cell["green_covered"].to_numpy(dtype=bool)].sum() / total)

    def __repr__(self) -> str:
        d = self.definition
        mode = "network" if self.network else "straight-line"
        total = float(self.per_cell["population"].sum()) if len(self.per_cell) else 0.0
        share = self.covered_share
        share_txt = "n/a" if np.isnan(share) else f"{share * 100:.1f} %"
        return (
            f"GreenCoverageResult({d.key}: >= {d.min_area_m2:g} m² within {d.max_distance_m:g} m "
            f"{mode}; {len(self.per_zone)} zones, {share_txt} of {total:,.0f} residents covered, "
            f"{len(self.gap)} gap cells, {len(self.qualifying)} qualifying areas, "
            f"{len(self.warnings)} warnings)"
        )


def green_coverage(
    population: gpd.GeoDataFrame,
    green: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    definition: str | GreenDefinition = "ssb_rekreasjon",
    *,
    min_area_m2: float | None = None,
    max_distance_m: float | None = None,
    network: gpd.GeoDataFrame | None = None,
) -> GreenCoverageResult:
    """Share of residents with a qualifying green area within reach, per zone.

    Parameters
    ----------
    population
        Grid cells (Polygon) or points with an integer ``population`` column and optionally
        ``zone_id``; without ``zone_id`` a cell belongs to the zone containing its centroid.
    green
        Green polygons; optional ``kind`` (``forest`` rows are marka, see :data:`MARKA_KINDS`).
    zones
        Zones with ``zone_id`` (and optionally ``zone_name``).
    definition
        A key of :data:`GREEN_DEFINITIONS` or a :class:`GreenDefinition`.
    min_area_m2, max_distance_m
        Override the definition's size and distance.
    network
        Optional path/road LineStrings: distances are then measured along the network (nodes
        are shared vertices; lines that cross without a shared vertex are not connected).

    Returns
    -------
    GreenCoverageResult

    Raises
    ------
    DataError
        A layer not in EPSG:25832, a missing ``population`` or ``zone_id`` field, negative or
        missing population, duplicate zone ids, an unknown definition.

    Examples
    --------
    The WHO definition on the demo:

    >>> from ungtloft_map.core.project import Project
    >>> p = Project.demo()
    >>> zones = p.zones.reset_index(drop=True)[["zone_id", "geometry"]]
    >>> res = green_coverage(p.population_cells(), p.layer("green_areas"), zones, "who")
    >>> res.per_zone.loc[["0101", "0203"], ["green_covered_share", "green_m2_per_resident"]].round(2)  # doctest: +NORMALIZE_WHITESPACE
             green_covered_share  green_m2_per_resident
    zone_id
    0101                    0.84                   8.45
    0203                    0.04                   0.33
    >>> len(res.gap)  # the cells of residents without a qualifying area close by
    1435
    >>> res.gap.to_file("gap.gpkg")  # doctest: +SKIP
    """
    defn = _resolve_definition(definition, min_area_m2, max_distance_m)
    require_projected(population, what="the population layer", layer="population")
    require_projected(green, what="the green areas layer", layer="green_areas")
    require_projected(zones, what="the zones layer", layer="zones")
    if network is not None:
        require_projected(network, what="the path network layer", layer="network")
    warnings: list[DataWarning] = []

    zones_ = _check_zones(zones)
    cells = _check_population(population, zones_, warnings)
    green_geoms, kinds = _clean_green(green, warnings)
    parts, label = _dissolve(green_geoms, kinds, green.crs, warnings=warnings)
    qualifying = parts[parts["area_m2"] >= defn.min_area_m2].reset_index(drop=True)
    if len(green_geoms) == 0:
        warnings.append(DataWarning(
            "the green areas layer is empty: every resident is counted as not covered",
            layer="green_areas",
        ))
    elif len(qualifying) == 0:
        warnings.append(DataWarning(
            f"no green area is {defn.min_area_m2:g} m² or larger after dissolving: every resident "
            "is counted as not covered",
            layer="green_areas",
        ))

    points = _centroids(cells.geometry.to_numpy())
    qgeoms = qualifying.geometry.to_numpy()
    if network is None:
        dist = _straight_distance(points, qgeoms)
    else:
        dist = _network_distance(points, qgeoms, network, defn.max_distance_m, warnings)
    covered = np.isfinite(dist) & (dist <= defn.max_distance_m + DISTANCE_TOLERANCE_M)

    per_cell = cells.copy()
    per_cell["green_distance_m"] = np.where(np.isfinite(dist), dist, np.nan)
    per_cell["green_covered"] = covered
    gap = per_cell[(per_cell["population"] > 0) & ~per_cell["green_covered"]].copy()

    public = ~np.isin(kinds, list(MARKA_KINDS))
    public_geoms = _public_parts(parts, label, green_geoms, public)
    per_zone = _per_zone(per_cell, zones_, parts.geometry.to_numpy(), public_geoms, warnings)
    return GreenCoverageResult(defn, per_zone, per_cell, gap, qualifying, warnings,
                               network=network is not None)


# --------------------------------------------------------------------------------------------
# input checks


def _resolve_definition(
    definition: str | GreenDefinition, min_area_m2: float | None, max_distance_m: float | None
) -> GreenDefinition:
    if isinstance(definition, GreenDefinition):
        defn = definition
    elif definition in GREEN_DEFINITIONS:
        defn = GREEN_DEFINITIONS[definition]
    else:
        raise DataError(
            f"unknown green definition {definition!r}; choose one of {', '.join(GREEN_DEFINITIONS)}",
            field="definition",
        )
    changes = {}
    for name, value in (("min_area_m2", min_area_m2), ("max_distance_m", max_distance_m)):
        if value is None:
            continue
        if not np.isfinite(value) or value < 0:
            raise DataError(f"{name} must be a number >= 0, not {value!r}", field=name)
        changes[name] = float(value)
    return dataclasses.replace(defn, **changes) if changes else defn


def _check_zones(zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if "zone_id" not in zones.columns:
        raise DataError("the zones layer has no zone id field", layer="zones", field="zone_id")
    dup = zones["zone_id"].duplicated()
    if dup.any():
        raise DataError(
            f"zone id {zones['zone_id'][dup].iloc[0]!r} occurs more than once", layer="zones",
            field="zone_id",
        )
    cols = ["zone_id"] + (["zone_name"] if "zone_name" in zones.columns else [])
    return gpd.GeoDataFrame(
        zones[cols].reset_index(drop=True), geometry=zones.geometry.to_numpy(), crs=zones.crs
    )


def _check_population(
    population: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, warnings: list[DataWarning]
) -> gpd.GeoDataFrame:
    """Validated cells: ``zone_id``, ``population`` (float), geometry; empty geometries dropped."""
    if "population" not in population.columns:
        raise DataError("the population layer has no population field", layer="population",
                        field="population")
    pop = pd.to_numeric(population["population"], errors="coerce")
    bad = pop.isna() & population["population"].notna()
    if bad.any():
        raise DataError(
            f"population is not a number ({population['population'][bad].iloc[0]!r})",
            layer="population", field="population", row=_first_row(bad),
        )
    if pop.isna().any():
        raise DataError("population is missing", layer="population", field="population",
                        row=_first_row(pop.isna()))
    if (pop < 0).any():
        row = _first_row(pop < 0)
        raise DataError(f"population is negative ({pop.iloc[row - 1]:g})", layer="population",
                        field="population", row=row)

    geom = population.geometry
    empty = (geom.isna() | geom.is_empty).to_numpy()
    cells = gpd.GeoDataFrame(
        {"population": pop.to_numpy(dtype=float)}, geometry=geom.to_numpy(), crs=population.crs,
        index=population.index,
    )
    if "zone_id" in population.columns:
        cells.insert(0, "zone_id", population["zone_id"].to_numpy())
    else:
        cells.insert(0, "zone_id", _zone_of(_centroids(geom.to_numpy()), zones))
    if empty.any():
        warnings.append(DataWarning(
            f"{int(empty.sum())} population cell(s) without geometry skipped "
            f"({pop[empty].sum():,.0f} residents)", layer="population",
        ))
        cells = cells[~empty]
    unzoned = ~cells["zone_id"].isin(zones["zone_id"]).to_numpy()
    if unzoned.any():
        warnings.append(DataWarning(
            f"{int(unzoned.sum())} population cell(s) ({cells['population'][unzoned].sum():,.0f} "
            "residents) are in no zone: they count in the per-cell results and the municipal "
            "share but in no zone", layer="population", field="zone_id",
        ))
    return cells


def _centroids(geoms: np.ndarray) -> np.ndarray:
    """Cell centroids (SSB's population point); points are returned as they are."""
    if len(geoms) and (shapely.get_type_id(geoms) == 0).all():
        return geoms
    return shapely.centroid(geoms)


def _first_row(mask: pd.Series) -> int:
    """1-based position of the first True row (what a user sees in a GIS attribute table)."""
    return int(np.flatnonzero(mask.to_numpy())[0]) + 1


def _zone_of(points: np.ndarray, zones: gpd.GeoDataFrame) -> np.ndarray:
    """Zone id of the zone each point falls in (first zone on a shared boundary); None outside."""
    out = np.full(len(points), None, dtype=object)
    if len(points) == 0 or len(zones) == 0:
        return out
    pi, zi = zones.sindex.query(points, predicate="intersects")
    first = np.unique(pi, return_index=True)[1]
    out[pi[first]] = zones["zone_id"].to_numpy()[zi[first]]
    return out


def _clean_green(green: gpd.GeoDataFrame, warnings: list[DataWarning]) -> tuple[np.ndarray, np.ndarray]:
    """Valid, non-empty single polygons (multi-parts exploded) and their ``kind`` (lower case)."""
    geoms = green.geometry.to_numpy()
    kinds = (green["kind"].astype("string").str.lower().fillna("").to_numpy(dtype=object)
             if "kind" in green.columns else np.full(len(green), "", dtype=object))
    keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if (~keep).any():
        warnings.append(DataWarning(f"{int((~keep).sum())} green area(s) without geometry skipped",
                                    layer="green_areas"))
    geoms, kinds = geoms[keep], kinds[keep]
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        geoms = geoms.copy()
        geoms[invalid] = shapely.make_valid(geoms[invalid])
        warnings.append(DataWarning(f"{int(invalid.sum())} invalid green polygon(s) repaired",
                                    layer="green_areas"))
    parts, idx = shapely.get_parts(geoms, return_index=True)
    # make_valid can return collections with lines; only areas count as green.
    poly = shapely.get_type_id(parts) == 3
    nonpoly = np.setdiff1d(np.arange(len(geoms)), idx[poly])
    if len(nonpoly):
        warnings.append(DataWarning(
            f"{len(nonpoly)} green feature(s) are not polygons and were skipped", layer="green_areas"
        ))
    return parts[poly], kinds[idx[poly]]


# --------------------------------------------------------------------------------------------
# dissolving


def _dissolve(
    geoms: np.ndarray, kinds: np.ndarray, crs, *, warnings: list[DataWarning] | None = None
) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """Merge touching/overlapping polygons into connected green areas (with their area).

    Returns the areas and, per input polygon, the index of the area it ended in.
    """
    cols = {"green_part_id": [], "area_m2": [], "n_parcels": [], "kinds": []}
    if len(geoms) == 0:
        return gpd.GeoDataFrame(cols, geometry=[], crs=crs), np.zeros(0, dtype=int)
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms, predicate="dwithin", distance=CONNECT_TOLERANCE_M)
    upper = a < b
    a, b = a[upper], b[upper]
    if warnings is not None and len(a):
        _warn_overlaps(geoms, a, b, warnings)
    n = len(geoms)
    graph = sparse.coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    n_comp, label = csgraph.connected_components(graph, directed=False)
    out, sizes = _union_by_label(geoms, label, n_comp)

    # Kinds per area; only multi-parcel areas need joining (a short Python loop over slices).
    kind_txt = np.empty(n_comp, dtype=object)
    multi = sizes[label] > 1
    kind_txt[label[~multi]] = kinds[~multi]
    if multi.any():
        pairs = (pd.DataFrame({"c": label[multi], "k": kinds[multi]})
                 .drop_duplicates().query("k != ''").sort_values(["c", "k"]))
        c, k = pairs["c"].to_numpy(), pairs["k"].to_numpy()
        first = np.flatnonzero(np.r_[True, c[1:] != c[:-1]]) if len(c) else np.zeros(0, int)
        ends = np.r_[first[1:], len(c)]
        kind_txt[np.unique(label[multi])] = ""
        kind_txt[c[first]] = [",".join(k[i:j]) for i, j in zip(first, ends)]
    parts = gpd.GeoDataFrame(
        {
            "green_part_id": np.arange(n_comp),
            "area_m2": shapely.area(out),
            "n_parcels": sizes,
            "kinds": kind_txt,
        },
        geometry=out,
        crs=crs,
    )
    return parts, label


def _union_by_label(geoms: np.ndarray, label: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Union of the polygons of each label (0..n-1) and the number of polygons per label."""
    order = np.argsort(label, kind="stable")
    sizes = np.bincount(label, minlength=n)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    out = np.empty(n, dtype=object)
    single = sizes == 1
    out[single] = geoms[order[starts[single]]]
    # Only labels with several polygons need a (costly) union.
    for c in np.flatnonzero(sizes > 1):
        out[c] = shapely.union_all(geoms[order[starts[c]:starts[c] + sizes[c]]])
    return out, sizes


def _public_parts(
    parts: gpd.GeoDataFrame, label: np.ndarray, geoms: np.ndarray, public: np.ndarray
) -> np.ndarray:
    """Green areas without marka/forest, reusing the dissolved areas that have none of it."""
    n = len(parts)
    if n == 0:
        return np.zeros(0, dtype=object)
    n_marka = np.bincount(label, weights=~public, minlength=n)
    n_public = np.bincount(label, weights=public, minlength=n)
    keep = parts.geometry.to_numpy()[(n_marka == 0) & (n_public > 0)]
    mixed = (n_marka > 0) & (n_public > 0)
    if not mixed.any():
        return keep
    # An area mixing forest and park: the union of its public parcels (no double counting).
    sel = public & mixed[label]
    lab = np.unique(label[sel], return_inverse=True)[1].ravel()
    rebuilt, _ = _union_by_label(geoms[sel], lab, int(lab.max()) + 1)
    return np.concatenate([keep, rebuilt])


def _warn_overlaps(geoms: np.ndarray, a: np.ndarray, b: np.ndarray, warnings: list[DataWarning]) -> None:
    dup = shapely.equals(geoms[a], geoms[b])
    # "T********": the interiors share area (not merely a shared edge): an overlap.
    over = ~dup & shapely.relate_pattern(geoms[a], geoms[b], "T********")
    n_dup = len(np.unique(b[dup]))
    n_over = int(over.sum())
    if n_dup or n_over:
        warnings.append(DataWarning(
            f"{n_dup} duplicate green polygon(s) and {n_over} overlapping pair(s) were dissolved "
            "into one green area each (their area is counted once)", layer="green_areas",
        ))


# --------------------------------------------------------------------------------------------
# distances


def _straight_distance(points: np.ndarray, qgeoms: np.ndarray) -> np.ndarray:
    """Distance from each point to the nearest polygon edge (0 inside); inf without polygons.

    Exact, but computed in three vectorised steps because an STRtree nearest-neighbour query
    per point is slow (~15 µs) for 100,000 points: points inside a polygon get 0; the nearest
    vertex of the densified boundaries (a k-d tree) gives an upper bound on the distance; the
    exact distance is the minimum over the few polygons within that bound.
    """
    dist = np.full(len(points), np.inf)
    if len(points) == 0 or len(qgeoms) == 0:
        return dist
    tree = shapely.STRtree(qgeoms)
    inside = np.zeros(len(points), dtype=bool)
    inside[tree.query(points, predicate="intersects")[0]] = True
    dist[inside] = 0.0
    rest = np.flatnonzero(~inside)
    if len(rest) == 0:
        return dist
    pts = points[rest]
    bxy = shapely.get_coordinates(shapely.segmentize(shapely.boundary(qgeoms), SAMPLE_SPACING_M))
    bound, _ = cKDTree(bxy).query(shapely.get_coordinates(pts))
    pi, qi = tree.query(pts, predicate="dwithin", distance=bound + 1e-6)
    best = np.full(len(rest), np.inf)
    np.minimum.at(best, pi, shapely.distance(pts[pi], qgeoms[qi]))
    dist[rest] = best
    return dist


def _network_distance(
    points: np.ndarray,
    qgeoms: np.ndarray,
    network: gpd.GeoDataFrame,
    max_distance: float,
    warnings: list[DataWarning],
) -> np.ndarray:
    """Distance along the network from each point to the nearest qualifying green area.

    A resident walks straight to the nearest network node (or straight into the green area when
    that is closer than the node), then along the network to a node that is an entrance to a
    qualifying area, then straight to its edge. Distances beyond ``max_distance`` are not
    computed (inf).
    """
    dist = np.full(len(points), np.inf)
    lines = shapely.get_parts(network.geometry.to_numpy())
    lines = lines[np.isin(shapely.get_type_id(lines), [1, 2]) & ~shapely.is_empty(lines)]
    if len(lines) == 0:
        warnings.append(DataWarning("the path network has no lines: network distance is unknown",
                                    layer="network"))
        return dist
    if len(points) == 0 or len(qgeoms) == 0:
        return dist
    node_xy, graph = _build_graph(shapely.segmentize(lines, NETWORK_SPACING_M))
    n = len(node_xy)
    node_pts = shapely.points(node_xy)
    kdtree = cKDTree(node_xy)

    # Entrances: (a) nodes near a qualifying area, at their distance to it (0 inside) ...
    qtree = shapely.STRtree(qgeoms)
    ni, qi = qtree.query(node_pts, predicate="dwithin", distance=SNAP_RADIUS_M)
    src_nodes = [ni]
    src_w = [shapely.distance(node_pts[ni], qgeoms[qi])]
    # ... and (b) every area's boundary (densified) snapped to its nearest node, so that an area
    # with no node nearby is still reachable.
    bpts = shapely.get_coordinates(shapely.segmentize(shapely.boundary(qgeoms), BOUNDARY_SPACING_M))
    bd, bn = kdtree.query(bpts)
    src_nodes.append(bn)
    src_w.append(bd)
    src_nodes = np.concatenate(src_nodes)
    src_w = np.concatenate(src_w)
    best = np.full(n, np.inf)
    np.minimum.at(best, src_nodes, src_w)
    entries = np.flatnonzero(np.isfinite(best))

    # A virtual source node linked to every entrance by its offset makes one Dijkstra run the
    # multi-source search with unequal start distances.
    src = n
    eps = 1e-9  # csgraph drops explicit zeros; keep zero-offset entrances as edges
    extra = sparse.coo_matrix(
        (best[entries] + eps, (np.full(len(entries), src), entries)), shape=(n + 1, n + 1)
    )
    g = sparse.block_diag([graph, sparse.coo_matrix((1, 1))], format="csr") + extra.tocsr()
    node_dist = csgraph.dijkstra(g, directed=True, indices=src, limit=max_distance + 1.0,
                                 min_only=True)[:n]

    snap_d, snap_n = kdtree.query(shapely.get_coordinates(points))
    along = snap_d + node_dist[snap_n]
    straight = _straight_distance(points, qgeoms)
    # Walking straight into the green area is allowed when it is nearer than the network.
    dist = np.where(straight <= snap_d, np.minimum(straight, along), along)
    dist[dist > max_distance + DISTANCE_TOLERANCE_M] = np.inf
    return dist


def _build_graph(lines: np.ndarray) -> tuple[np.ndarray, sparse.csr_matrix]:
    """Nodes (shared vertices on a 1 cm grid) and an undirected, length-weighted graph."""
    coords, line_idx = shapely.get_coordinates(lines, return_index=True)
    keys = np.round(coords / NODE_TOLERANCE_M).astype(np.int64)
    _, first, inv = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    inv = inv.ravel()
    node_xy = coords[first]
    same = line_idx[1:] == line_idx[:-1]
    a, b = inv[:-1][same], inv[1:][same]
    w = np.hypot(*(coords[1:][same] - coords[:-1][same]).T)
    keep = a != b
    a, b, w = a[keep], b[keep], w[keep]
    rows, cols, wts = np.concatenate([a, b]), np.concatenate([b, a]), np.concatenate([w, w])
    # Parallel segments between the same two nodes: keep the shortest (coo -> csr would sum them).
    order = np.lexsort((wts, cols, rows))
    rows, cols, wts = rows[order], cols[order], wts[order]
    firsts = np.ones(len(rows), dtype=bool)
    firsts[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    n = len(node_xy)
    graph = sparse.csr_matrix((wts[firsts] + 1e-9, (rows[firsts], cols[firsts])), shape=(n, n))
    return node_xy, graph


# --------------------------------------------------------------------------------------------
# per zone


def _per_zone(
    per_cell: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    green_geoms: np.ndarray,
    public_geoms: np.ndarray,
    warnings: list[DataWarning],
) -> pd.DataFrame:
    zid = zones["zone_id"]
    pop = per_cell.groupby("zone_id")["population"].sum().reindex(zid, fill_value=0.0)
    cov = (per_cell.loc[per_cell["green_covered"]].groupby("zone_id")["population"].sum()
           .reindex(zid, fill_value=0.0))
    zgeoms = zones.geometry.to_numpy()
    green_m2 = _area_in_zones(zgeoms, green_geoms)
    public_m2 = _area_in_zones(zgeoms, public_geoms)
    zone_area = shapely.area(zgeoms)
    popv = pop.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(popv > 0, cov.to_numpy() / popv, np.nan)
        per_res = np.where(popv > 0, public_m2 / popv, np.nan)
        area_share = np.where(zone_area > 0, green_m2 / zone_area, np.nan)
    empty = zid[popv <= 0]
    if len(empty):
        warnings.append(DataWarning(
            f"{len(empty)} zone(s) have no residents ({', '.join(map(str, empty[:10]))}"
            f"{', ...' if len(empty) > 10 else ''}): their coverage and m² per resident are "
            "missing, not 0", layer="population",
        ))
    out = pd.DataFrame(
        {
            "population": popv,
            "covered_population": cov.to_numpy(dtype=float),
            "green_covered_share": share,
            "green_m2": green_m2,
            "public_green_m2": public_m2,
            "green_m2_per_resident": per_res,
            "zone_area_m2": zone_area,
            "green_area_share": area_share,
        },
        index=pd.Index(zid.to_numpy(), name="zone_id"),
    )
    if "zone_name" in zones.columns:
        out.insert(0, "zone_name", zones["zone_name"].to_numpy())
    return out


def _area_in_zones(zgeoms: np.ndarray, pgeoms: np.ndarray) -> np.ndarray:
    """Area of the (non-overlapping) polygons ``pgeoms`` inside each zone."""
    out = np.zeros(len(zgeoms))
    if len(zgeoms) == 0 or len(pgeoms) == 0:
        return out
    zi, pi = shapely.STRtree(pgeoms).query(zgeoms, predicate="intersects")
    # Whole parts inside a zone need no intersection (the common case: small parks).
    inside = shapely.contains_properly(zgeoms[zi], pgeoms[pi])
    area = np.empty(len(zi))
    area[inside] = shapely.area(pgeoms[pi[inside]])
    cut = ~inside
    area[cut] = shapely.area(shapely.intersection(zgeoms[zi[cut]], pgeoms[pi[cut]]))
    np.add.at(out, zi, area)
    return out
