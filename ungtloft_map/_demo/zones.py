"""Settlement density, levekårssoner (zones) and bydeler (districts) of Fjordvik.

Zones are a Voronoi tessellation of seed points clipped to the land: the tessellation tiles the
land without gaps or overlaps and every cell is convex before clipping, so zones are valid,
compact polygons. Seeds come from a population-weighted k-means, which gives small zones in
the dense centre and large ones at the rural edge, as in real levekårssoner.

Examples
--------
>>> zones, districts = make_zones(make_landscape(), np.random.default_rng(1))  # doctest: +SKIP
>>> len(zones)  # doctest: +SKIP
50
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import MultiPoint, box

from .landscape import CENTRE, PLACES, XMAX, XMIN, YMAX, YMIN, Landscape

CELL = 250.0  # SSB grid cell size (m)
N_URBAN_ZONES = 46
KMEANS_POWER = 1.2
#: Extra seeds at the rural edge: small, sparsely populated zones (small counts, suppression).
RURAL_SEEDS = [
    (547_300, 7_016_300),
    (563_800, 7_016_000),
    (557_000, 7_015_700),
    (564_200, 7_021_000),
]

#: Suburb centres: (place, weight relative to the centre, spread sd in m).
SUBURBS = [
    ("Sørmoen", 0.45, 1100.0),
    ("Østhaugen", 0.55, 950.0),
    ("Vestlia", 0.45, 850.0),
    ("Lia", 0.5, 1000.0),
    ("Vikneset", 0.3, 650.0),
    ("Heimly", 0.12, 600.0),
    ("Bygdeli", 0.08, 600.0),
]

DISTRICTS = [
    ("B1", "Midtbyen"),
    ("B2", "Østbyen"),
    ("B3", "Sørbyen"),
    ("B4", "Vestbyen"),
]

#: Fictional zone names per district, used in zone-id order after the named places.
NAME_POOL = {
    "B1": [
        "Bryggen",
        "Kirkebakken",
        "Elvebredden",
        "Festningsbakken",
        "Tollbodkaia",
        "Stasjonsbyen",
        "Sjøsiden",
        "Kvartalet",
        "Nordre Elvegate",
        "Brogata",
        "Rådhusplassen",
        "Smedgården",
        "Verftet",
        "Kaibyen",
    ],
    "B2": [
        "Solåsen",
        "Granlia",
        "Bjørkmoen",
        "Lyngheim",
        "Furuhaugen",
        "Rognstad",
        "Østre Lia",
        "Hegglia",
        "Tunet",
        "Kvernmoen",
        "Myrvang",
        "Fjordglimt",
        "Nesodden",
        "Vikstrand",
    ],
    "B3": [
        "Haugåsen",
        "Elvemoen",
        "Brattbakken",
        "Kleivan",
        "Sletta",
        "Østmo",
        "Sagmoen",
        "Engan",
        "Bekkedalen",
        "Gjerdet",
        "Nyjordet",
        "Fossheim",
        "Lerberg",
        "Dalsbygda",
    ],
    "B4": [
        "Åsheim",
        "Skogly",
        "Kollen",
        "Vestre Kyst",
        "Lundheim",
        "Kildeberg",
        "Tjernlia",
        "Furuly",
        "Markabrynet",
        "Utsikten",
        "Storvassbygda",
        "Vestbakken",
        "Svaberget",
        "Nausttangen",
    ],
}


def land_cell_centres(scape: Landscape) -> np.ndarray:
    """Centres of the 250 m grid cells whose centre lies on land, shape (n, 2).

    The grid is aligned on multiples of 250 m like SSB's statistical grid.
    """
    xs = np.arange(math.floor(XMIN / CELL) * CELL, XMAX, CELL) + CELL / 2
    ys = np.arange(math.floor(YMIN / CELL) * CELL, YMAX, CELL) + CELL / 2
    gx, gy = np.meshgrid(xs, ys)
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    on_land = shapely.contains_xy(scape.land, pts[:, 0], pts[:, 1])
    return pts[on_land]


def density(pts: np.ndarray, scape: Landscape) -> np.ndarray:
    """Relative residential density at ``pts`` (no random part; the centre cell is about 1).

    A falling exponential from the centre plus Gaussian suburbs and a thin rural floor; nobody
    lives in lakes or (apart from a few cabins) in the marka.
    """
    x, y = pts[:, 0], pts[:, 1]
    w = np.exp(-np.hypot(x - CENTRE[0], y - CENTRE[1]) / 1300.0)
    for name, a, sd in SUBURBS:
        px, py = PLACES[name]
        w = w + a * np.exp(-((x - px) ** 2 + (y - py) ** 2) / (2 * sd * sd))
    w = w + 0.006
    for _, forest in scape.marka:
        w = np.where(shapely.contains_xy(forest, x, y), w * 0.02, w)
    for _, lake in scape.lakes:
        w = np.where(shapely.contains_xy(lake, x, y), 0.0, w)
    # Rounding keeps tiny platform differences in exp() from flipping later integer steps.
    return np.round(w, 9)


def _kmeans(pts: np.ndarray, weights: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Weighted Lloyd iterations from a weighted random start (deterministic for a given rng)."""
    p = weights / weights.sum()
    seeds = pts[rng.choice(len(pts), size=k, replace=False, p=p)].copy()
    for _ in range(40):
        d2 = ((pts[:, None, :] - seeds[None, :, :]) ** 2).sum(axis=2)
        lab = d2.argmin(axis=1)
        for j in range(k):
            m = lab == j
            if m.any():
                seeds[j] = np.average(pts[m], axis=0, weights=weights[m])
    return np.round(seeds, 2)


def _merge_slivers(cells: list) -> list:
    """Make every clipped Voronoi cell a single Polygon.

    Clipping a cell to a bendy coast can leave it in two pieces; each piece but the largest goes
    to the neighbour that shares the longest border with it, so the tiling stays gap-free.
    """
    cells = list(cells)
    changed = True
    while changed:
        changed = False
        for i, cell in enumerate(cells):
            parts = sorted(shapely.get_parts(cell), key=lambda g: -g.area)
            if len(parts) <= 1:
                continue
            cells[i] = parts[0]
            for piece in parts[1:]:
                shared = [
                    (piece.boundary.intersection(c.boundary).length, j)
                    for j, c in enumerate(cells)
                    if j != i
                ]
                _, j = max(shared)
                cells[j] = shapely.union(cells[j], piece)
            changed = True
    return cells


def _district_of(x: float, y: float) -> str:
    """Bydel from the position of a zone relative to the centre (four contiguous sectors)."""
    dx, dy = x - CENTRE[0], y - CENTRE[1]
    if math.hypot(dx, dy) < 2600:
        return "B1"
    ang = math.degrees(math.atan2(dy, dx))
    if ang > -55:
        return "B2"
    if ang > -125:
        return "B3"
    return "B4"


def _fix_district_contiguity(zones: gpd.GeoDataFrame) -> None:
    """Move zones that sit apart from the rest of their bydel to the neighbouring bydel."""
    for _ in range(10):
        moved = False
        for did, _name in DISTRICTS:
            mask = zones["district_id"] == did
            union = shapely.union_all(zones.geometry[mask].values)
            parts = sorted(shapely.get_parts(union), key=lambda g: -g.area)
            for piece in parts[1:]:
                for idx in zones.index[mask]:
                    geom = zones.at[idx, "geometry"]
                    if not piece.contains(geom.representative_point()):
                        continue
                    best = max(
                        (
                            geom.boundary.intersection(zones.at[j, "geometry"].boundary).length,
                            zones.at[j, "district_id"],
                        )
                        for j in zones.index
                        if zones.at[j, "district_id"] != did
                    )
                    zones.at[idx, "district_id"] = best[1]
                    moved = True
        if not moved:
            return


def make_zones(
    scape: Landscape, rng: np.random.Generator
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Build the ~50 zones and the 4 districts.

    Returns
    -------
    zones : GeoDataFrame
        ``zone_id`` ("0101", "0102", ...: bydel number + running number from the centre out),
        ``zone_name``, ``district_id``; Polygons tiling ``scape.land`` exactly, coordinates on a
        0.01 m grid.
    districts : GeoDataFrame
        ``district_id``, ``district_name``; each the union of its zones (a single Polygon).
    """
    pts = land_cell_centres(scape)
    w = density(pts, scape)
    seeds = _kmeans(pts, w**KMEANS_POWER + 0.01, N_URBAN_ZONES, rng)
    seeds = np.vstack([seeds, np.asarray(RURAL_SEEDS, dtype=float)])
    frame = box(XMIN - 5000, YMIN - 5000, XMAX + 5000, YMAX + 5000)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(MultiPoint(seeds), extend_to=frame, ordered=True)
    )
    cells = [shapely.intersection(c, scape.land) for c in cells]
    cells = [c for c in _merge_slivers(cells) if not c.is_empty]
    cells = [shapely.set_precision(c, 0.01) for c in cells]
    reps = [c.representative_point() for c in cells]
    zones = gpd.GeoDataFrame(
        {
            "district_id": [_district_of(p.x, p.y) for p in reps],
            "_dist": [round(math.hypot(p.x - CENTRE[0], p.y - CENTRE[1]), 1) for p in reps],
        },
        geometry=cells,
        crs="EPSG:25832",
    )
    _fix_district_contiguity(zones)
    zones = zones.sort_values(["district_id", "_dist"], kind="mergesort").reset_index(drop=True)
    zones["zone_id"] = ""
    for did, _ in DISTRICTS:
        idx = zones.index[zones["district_id"] == did]
        for k, i in enumerate(idx, start=1):
            zones.at[i, "zone_id"] = f"{int(did[1:]):02d}{k:02d}"
    zones["zone_name"] = _names(zones)
    zones = zones[["zone_id", "zone_name", "district_id", "geometry"]]
    districts = gpd.GeoDataFrame(
        {
            "district_id": [d for d, _ in DISTRICTS],
            "district_name": [n for _, n in DISTRICTS],
        },
        geometry=[
            shapely.coverage_union_all(zones.geometry[zones["district_id"] == d].values)
            for d, _ in DISTRICTS
        ],
        crs="EPSG:25832",
    )
    return zones, districts


def _names(zones: gpd.GeoDataFrame) -> list[str]:
    """Zone names: a zone holding a named place takes that name; the rest come from the pool."""
    names = [""] * len(zones)
    for place, (x, y) in PLACES.items():
        hit = np.flatnonzero(shapely.contains_xy(zones.geometry.values, x, y))
        if len(hit) and not names[hit[0]]:
            names[hit[0]] = place
    used = set(names)
    pools = {d: [n for n in NAME_POOL[d] if n not in used] for d in NAME_POOL}
    for i, did in enumerate(zones["district_id"]):
        if not names[i]:
            names[i] = pools[did].pop(0)
    return names
