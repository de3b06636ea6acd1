"""Green areas of Fjordvik: marka, city parks, pocket parks, sports grounds, playgrounds.

Sizes span the thresholds the green-coverage analysis uses: forests of hundreds of hectares
(SSB nærturterreng, 200 daa), city parks of 1-10 ha (WHO 1 ha), neighbourhood friområder of
0.55-2 ha spread where people live, pocket parks below SSB's 5 daa and playgrounds far below it. **Elveparken** is two touching parcels of about 3.2 daa each
("Elveparken nord" and "Elveparken sør"): each fails the 5 daa test alone, the dissolved park
passes it. Østhaugen, the deprived suburb with much municipal housing, deliberately gets only
a ball court, playgrounds and no park of 5 daa or more.

Examples
--------
>>> green = make_green(scape, cells, zones, rng)  # doctest: +SKIP
>>> sorted(green["kind"].unique())  # doctest: +SKIP
['forest', 'park', 'playground', 'pocket_park', 'sports']
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, Polygon, box

from .landscape import Landscape

#: City parks: name -> (centre x, centre y, width, height, rotation degrees).
PARKS = {
    "Byparken": (554_250, 7_025_650, 300, 180, 10),
    "Festningsparken": (556_550, 7_025_350, 220, 170, -15),
    "Parkveien park": (553_550, 7_023_950, 260, 160, 0),
    "Vestlia park": (549_450, 7_024_900, 170, 120, 20),
    "Sørmoen park": (552_950, 7_020_100, 200, 150, 0),
    "Lia friområde": (556_900, 7_021_000, 300, 200, 30),
    "Strandparken": (551_250, 7_026_950, 260, 140, 0),
    "Vikneset friområde": (562_250, 7_026_250, 190, 150, 0),
}

#: Sports grounds (same layout as PARKS).
SPORTS = {
    "Fjordvik stadion": (553_950, 7_025_050, 180, 120, 5),
    "Sørmoen idrettspark": (553_700, 7_018_900, 150, 100, 0),
    "Lia kunstgress": (558_050, 7_022_000, 120, 80, 30),
    "Vestlia idrettsplass": (550_500, 7_025_750, 120, 80, 0),
    "Vikneset ballplass": (563_000, 7_025_500, 100, 65, 0),
    "Heimly idrettsplass": (561_450, 7_019_550, 110, 70, 0),
    "Østhaugen ballbinge": (559_250, 7_024_350, 40, 25, 0),
}

#: Parks the plan examples refer to.
PLAN_B_PARK = "Parkveien park"


def rect(cx: float, cy: float, w: float, h: float, angle: float) -> Polygon:
    """A ``w`` x ``h`` rectangle centred on (cx, cy), rotated ``angle`` degrees."""
    r = box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    return shapely.affinity.rotate(r, angle, origin=(cx, cy)) if angle else r


def placed(scape: Landscape, spec: tuple[float, float, float, float, float]) -> tuple:
    """A PARKS/SPORTS spec moved into the town of ``scape`` (position only; same size)."""
    cx, cy, w, h, angle = spec
    return (*scape.xy(cx, cy), w, h, angle)


def _elveparken(scape: Landscape) -> list[tuple[str, Polygon]]:
    """Two touching parcels on the west bank of the river, about 3.2 daa each."""
    x_lo, y0 = scape.xy(554_000, 7_024_640.0)
    x_hi, _ = scape.xy(557_000, 7_024_640.0)
    cut = scape.river_line.intersection(LineString([(x_lo, y0), (x_hi, y0)]))
    rx = min(p.x for p in shapely.get_parts(cut))
    x1 = round(rx - 50.0, 0)
    x0 = x1 - 80.0
    north = box(x0, y0, x1, y0 + 40.0)
    south = box(x0, y0 - 40.0, x1, y0)
    return [("Elveparken nord", north), ("Elveparken sør", south)]


def make_green(
    scape: Landscape, cells: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, rng: np.random.Generator
) -> gpd.GeoDataFrame:
    """All green areas: ``green_id``, ``kind``, ``name`` (Polygons, no mutual overlaps).

    Named parks and sports grounds come from fixed lists; pocket parks and playgrounds are
    scattered in populated cells, each tried until it fits on land, off the water and clear of
    the other green areas and the roads' centre lines.
    """
    water = shapely.union_all([scape.river] + [lake for _, lake in scape.lakes])
    usable = scape.land.difference(water)
    items: list[tuple[str, str, Polygon]] = [("forest", name, poly) for name, poly in scape.marka]
    for name, spec in PARKS.items():
        items.append(("park", name, rect(*placed(scape, spec)).intersection(usable)))
    items += [("park", name, poly) for name, poly in _elveparken(scape)]
    for name, spec in SPORTS.items():
        items.append(("sports", name, rect(*placed(scape, spec)).intersection(usable)))
    taken = shapely.union_all([g for _, _, g in items])

    roads = shapely.union_all([line for _, kind, line in scape.roads if kind != "local"]).buffer(
        8.0
    )
    cx = cells.geometry.centroid.x.to_numpy()
    cy = cells.geometry.centroid.y.to_numpy()
    pop = cells["population"].to_numpy()
    hx, hy = scape.places["Østhaugen"]
    # keep Østhaugen short of parks
    far_from_hot = np.hypot(cx - hx, cy - hy) > scape.length(1100)
    s = scape.scale
    # (kind, name suffix, how many, side lengths m, allowed cells, min area, max area, clearance
    # from other qualifying green in m). Neighbourhood green (friområder, small woods) is spread
    # over the suburbs so that most residents have 5 daa within 200 m, as in real Norwegian
    # towns; pocket parks stay under 5 daa and playgrounds far under it.
    specs = [
        (
            "forest",
            "skogen",
            6 * s,
            (150.0, 260.0),
            far_from_hot & (pop >= 20),
            20_000.0,
            1e9,
            250.0,
        ),
        (
            "park",
            "friområde",
            230 * s,
            (65.0, 140.0),
            far_from_hot & (pop >= 50),
            5_500.0,
            1e9,
            100.0,
        ),
        (
            "pocket_park",
            "lommepark",
            14 * s,
            (30.0, 65.0),
            far_from_hot & (pop >= 150),
            0.0,
            4_800.0,
            0.0,
        ),
        ("playground", "lekeplass", 24 * s, (18.0, 32.0), pop >= 150, 0.0, 4_800.0, 0.0),
    ]
    used: set[str] = set()
    big = shapely.union_all([g for k, _, g in items if g.area >= 5_000])
    covered = shapely.dwithin(big, shapely.points(cx, cy), 200.0)
    for kind, suffix, n, (lo, hi), allowed, amin, amax, clear in specs:
        n_placed = tries = 0
        while n_placed < n and tries < 4000 * s:
            tries += 1
            # Qualifying green goes where people live and are not yet within 200 m of any.
            cand = np.flatnonzero(allowed & ~covered) if clear else np.flatnonzero(allowed)
            if not len(cand):
                break
            i = cand[int(rng.choice(len(cand), p=pop[cand] / pop[cand].sum()))]
            w, h = (float(v) for v in np.round(rng.uniform(lo, hi, 2), 0))
            ox, oy = (float(v) for v in np.round(rng.uniform(-90, 90, 2), 0))
            angle = float(np.round(rng.uniform(-30, 30), 0))
            poly = rect(float(cx[i]) + ox, float(cy[i]) + oy, w, h, angle)
            if not amin <= poly.area < amax:
                continue
            if (
                not usable.contains(poly)
                or poly.buffer(15).intersects(taken)
                or (clear and poly.buffer(clear).intersects(big))
                or poly.intersects(roads)
            ):
                continue
            n_placed += 1
            c = poly.centroid
            hit = np.flatnonzero(shapely.contains_xy(zones.geometry.values, c.x, c.y))
            zone = zones["zone_name"].iloc[int(hit[0])]
            name = (
                f"{zone}{suffix}" if suffix == "skogen" and " " not in zone else f"{zone} {suffix}"
            )
            k = 2
            while name in used:  # "Granlia lekeplass 2" for the second one in a zone
                name, k = f"{zone} {suffix} {k}", k + 1
            used.add(name)
            items.append((kind, name, poly))
            taken = shapely.union(taken, poly)
            if poly.area >= 5_000:
                big = shapely.union(big, poly)
                covered |= shapely.dwithin(poly, shapely.points(cx, cy), 200.0)

    geoms = [shapely.set_precision(g, 0.01) for _, _, g in items]
    return gpd.GeoDataFrame(
        {
            "green_id": [f"G{k + 1:03d}" for k in range(len(items))],
            "kind": [k for k, _, _ in items],
            "name": [n for _, n, _ in items],
        },
        geometry=geoms,
        crs="EPSG:25832",
    )
