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

from .landscape import CENTRE, Landscape

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
    xmin, ymin, xmax, ymax = scape.extent
    xs = np.arange(math.floor(xmin / CELL) * CELL, xmax, CELL) + CELL / 2
    ys = np.arange(math.floor(ymin / CELL) * CELL, ymax, CELL) + CELL / 2
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
    w = np.exp(-np.hypot(x - CENTRE[0], y - CENTRE[1]) / scape.length(1300.0))
    places = scape.places
    for name, a, sd in SUBURBS:
        px, py = places[name]
        sd = scape.length(sd)
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
    """Bydel from the position of a zone relative to the centre (four contiguous sectors).

    Used at scale 1; larger towns group their zones with :func:`_district_groups`.
    """
    dx, dy = x - CENTRE[0], y - CENTRE[1]
    if math.hypot(dx, dy) < 2600:
        return "B1"
    ang = math.degrees(math.atan2(dy, dx))
    if ang > -55:
        return "B2"
    if ang > -125:
        return "B3"
    return "B4"


def _district_groups(reps: np.ndarray, weights: np.ndarray, n: int, rng) -> list[str]:
    """Bydel ids of the zones of a larger town: ``n`` compact groups, numbered from the centre.

    A weighted k-means of the zones' representative points (weights: how urban the zone is)
    gives compact, mostly contiguous groups; the group nearest the centre is "B1" (Midtbyen)
    and the rest are numbered by their distance from it.
    """
    seeds = _kmeans(reps, weights, n, rng)
    lab = ((reps[:, None, :] - seeds[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    dist = np.hypot(seeds[:, 0] - CENTRE[0], seeds[:, 1] - CENTRE[1])
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(dist, kind="stable")] = np.arange(n)
    return [f"B{rank[j] + 1}" for j in lab]


def districts_for(scale: int) -> list[tuple[str, str]]:
    """(district_id, name) of a town of ``scale``: :data:`DISTRICTS` at 1, ~4 per scale unit."""
    if scale == 1:
        return DISTRICTS
    n = min(len(BIG_DISTRICT_NAMES), 4 * scale - 1)
    return [(f"B{k + 1}", BIG_DISTRICT_NAMES[k]) for k in range(n)]


#: District names of the larger towns (B1 is the centre, the rest by distance from it).
BIG_DISTRICT_NAMES = [
    "Midtbyen",
    "Elvebyen",
    "Havnebyen",
    "Østbyen",
    "Sørbyen",
    "Vestbyen",
    "Liabyen",
    "Moebyen",
    "Nordre Åsen",
    "Søndre Åsen",
    "Vikbygda",
    "Fjellbygda",
    "Skogbygda",
    "Dalbygda",
    "Markabygda",
    "Sjøbygda",
    "Heiane",
    "Østre Dal",
    "Vestre Dal",
]

#: Zone-name parts of the larger towns (prefix + suffix: "Bjørklia", "Granmoen", ...).
_NAME_PREFIX = [
    "Bjørk",
    "Gran",
    "Furu",
    "Lyng",
    "Rogn",
    "Hegg",
    "Eike",
    "Aske",
    "Linde",
    "Selje",
    "Older",
    "Hassel",
    "Alme",
    "Ospe",
    "Vier",
    "Einer",
    "Berg",
    "Stein",
    "Sol",
    "Myr",
]
_NAME_SUFFIX = [
    "lia",
    "moen",
    "haugen",
    "åsen",
    "dalen",
    "vika",
    "heim",
    "stad",
    "bakken",
    "tunet",
    "jordet",
    "sletta",
    "kollen",
    "lunden",
    "vollen",
]


def _fix_district_contiguity(
    zones: gpd.GeoDataFrame, districts: list[tuple[str, str]] = DISTRICTS
) -> None:
    """Move zones that sit apart from the rest of their bydel to the neighbouring bydel."""
    for _ in range(10):
        moved = False
        for did, _name in districts:
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
    """Build the ~50 zones and the 4 districts (at scale ``s``: ~50 s zones, 4 s - 1 districts).

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
    n_urban = N_URBAN_ZONES if scape.scale == 1 else 50 * scape.scale - len(RURAL_SEEDS)
    seeds = _kmeans(pts, w**KMEANS_POWER + 0.01, n_urban, rng)
    seeds = np.vstack([seeds, np.asarray([scape.xy(*p) for p in RURAL_SEEDS], dtype=float)])
    xmin, ymin, xmax, ymax = scape.extent
    frame = box(xmin - 5000, ymin - 5000, xmax + 5000, ymax + 5000)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(MultiPoint(seeds), extend_to=frame, ordered=True)
    )
    cells = [shapely.intersection(c, scape.land) for c in cells]
    cells = [c for c in _merge_slivers(cells) if not c.is_empty]
    cells = [shapely.set_precision(c, 0.01) for c in cells]
    reps = [c.representative_point() for c in cells]
    districts_list = districts_for(scape.scale)
    if scape.scale == 1:
        district_ids = [_district_of(p.x, p.y) for p in reps]
    else:
        xy = np.array([(p.x, p.y) for p in reps])
        district_ids = _district_groups(xy, density(xy, scape) + 0.05, len(districts_list), rng)
    zones = gpd.GeoDataFrame(
        {
            "district_id": district_ids,
            "_dist": [round(math.hypot(p.x - CENTRE[0], p.y - CENTRE[1]), 1) for p in reps],
        },
        geometry=cells,
        crs="EPSG:25832",
    )
    _fix_district_contiguity(zones, districts_list)
    zones = zones.sort_values(["district_id", "_dist"], kind="mergesort").reset_index(drop=True)
    zones["zone_id"] = ""
    for did, _ in districts_list:
        idx = zones.index[zones["district_id"] == did]
        for k, i in enumerate(idx, start=1):
            zones.at[i, "zone_id"] = f"{int(did[1:]):02d}{k:02d}"
    zones["zone_name"] = _names(zones, scape)
    zones = zones[["zone_id", "zone_name", "district_id", "geometry"]]
    districts = gpd.GeoDataFrame(
        {
            "district_id": [d for d, _ in districts_list],
            "district_name": [n for _, n in districts_list],
        },
        geometry=[
            shapely.coverage_union_all(zones.geometry[zones["district_id"] == d].values)
            for d, _ in districts_list
        ],
        crs="EPSG:25832",
    )
    return zones, districts


def _names(zones: gpd.GeoDataFrame, scape: Landscape) -> list[str]:
    """Zone names: a zone holding a named place takes that name; the rest come from the pool.

    At scale 1 each bydel has its own pool (:data:`NAME_POOL`); larger towns draw from one
    pool of every district's names followed by composed names ("Bjørklia", "Granmoen", ...).
    """
    names = [""] * len(zones)
    for place, (x, y) in scape.places.items():
        hit = np.flatnonzero(shapely.contains_xy(zones.geometry.values, x, y))
        if len(hit) and not names[hit[0]]:
            names[hit[0]] = place
    used = set(names)
    if scape.scale == 1:
        pools = {d: [n for n in NAME_POOL[d] if n not in used] for d in NAME_POOL}
    else:
        pool = [n for d in NAME_POOL for n in NAME_POOL[d]]
        pool += [a + b for b in _NAME_SUFFIX for a in _NAME_PREFIX]
        shared = [n for n in dict.fromkeys(pool) if n not in used]
        pools = {d: shared for d in set(zones["district_id"])}
    for i, did in enumerate(zones["district_id"]):
        if not names[i]:
            names[i] = pools[did].pop(0)
    return names
