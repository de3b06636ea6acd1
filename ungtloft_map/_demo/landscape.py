"""Coast, fjord, river, lakes, the kommune boundary and the road network of Fjordvik.

Everything here is drawn from fixed numbers (no random draws) so that the map keeps its shape
when other parts of the generator change. Coordinates are EPSG:25832 metres.

Examples
--------
>>> land = make_landscape()  # doctest: +SKIP
>>> land.land.geom_type  # doctest: +SKIP
'Polygon'
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon, box

#: Extent of the municipality (the brief: around E 545000-565000, N 7015000-7030000).
XMIN, YMIN, XMAX, YMAX = 545_000.0, 7_015_000.0, 565_000.0, 7_030_000.0

#: The town square at the river mouth; every "distance from the centre" is measured from here.
CENTRE = (555_000.0, 7_026_000.0)

#: Named places (suburb centres, termini) used for zone names, stops and density bumps:
#: name -> (x, y).
PLACES: dict[str, tuple[float, float]] = {
    "Torget": CENTRE,
    "Østhaugen": (559_300.0, 7_024_700.0),
    "Sørmoen": (553_600.0, 7_019_600.0),
    "Vestlia": (549_900.0, 7_025_300.0),
    "Lia": (557_500.0, 7_021_600.0),
    "Vikneset": (562_700.0, 7_025_900.0),
    "Fjellseter": (550_300.0, 7_021_300.0),
    "Bygdeli": (550_600.0, 7_016_900.0),
    "Heimly": (561_800.0, 7_019_200.0),
    "Vikbotn": (563_600.0, 7_023_300.0),
    "Sørgrensa": (553_300.0, 7_016_000.0),
}


def chaikin(coords: list[tuple[float, float]], iterations: int = 3) -> list[tuple[float, float]]:
    """Round the corners of a polyline (Chaikin's corner cutting), keeping both end points.

    Roads and rivers drawn from a few way points look hand-made; corner cutting makes them
    read as real curves without any random input.
    """
    pts = np.asarray(coords, dtype=float)
    for _ in range(iterations):
        q = 0.75 * pts[:-1] + 0.25 * pts[1:]
        r = 0.25 * pts[:-1] + 0.75 * pts[1:]
        mid = np.empty((2 * len(q), 2))
        mid[0::2] = q
        mid[1::2] = r
        pts = np.vstack([pts[:1], mid, pts[-1:]])
    return [(float(x), float(y)) for x, y in np.round(pts, 2)]


def _coast_y(x: np.ndarray) -> np.ndarray:
    """Northing of the coastline at easting ``x`` (sea to the north)."""
    t = (x - XMIN) / 1000.0
    waves = 260.0 * np.sin(2 * math.pi * t / 7.3 + 0.4) + 120.0 * np.sin(
        2 * math.pi * t / 2.1 + 1.3
    )
    # A headland west of the centre, a bay beyond it and a wide bay east of the river mouth
    # break the regular waves into a plausible shoreline.
    headland = 650.0 * np.exp(-(((x - 551_300.0) / 700.0) ** 2))
    bay = -700.0 * np.exp(-(((x - 547_600.0) / 1100.0) ** 2))
    east_bay = -450.0 * np.exp(-(((x - 557_800.0) / 900.0) ** 2))
    return 7_026_800.0 + waves + headland + bay + east_bay


def _wiggle(n: int, amp: float, phase: float) -> np.ndarray:
    """A smooth deterministic wiggle of ``n`` values for the land boundary."""
    t = np.linspace(0.0, 1.0, n)
    return amp * (
        np.sin(2 * math.pi * (2.3 * t + phase)) + 0.5 * np.sin(2 * math.pi * (5.1 * t + 2 * phase))
    )


@dataclass
class Landscape:
    """The physical map: land (the kommune polygon), water bodies, green reserves, roads.

    ``scale`` is the size of the municipality relative to the committed demo (area and
    residents); a town of scale ``s`` is the scale-1 town stretched by ``sqrt(s)`` about the
    centre. :meth:`xy` and :meth:`length` map the scale-1 numbers of the other generator modules
    (positions and distances in metres) into this town; at scale 1 they return their input
    unchanged, so the committed demo stays byte-identical.
    """

    land: Polygon
    sea: Polygon
    fjord: Polygon
    river_line: LineString
    river: Polygon
    lakes: list[tuple[str, Polygon]]
    marka: list[tuple[str, Polygon]] = field(default_factory=list)
    roads: list[tuple[str, str, LineString]] = field(default_factory=list)  # (name, kind, line)
    corridors: dict[str, LineString] = field(default_factory=dict)
    scale: int = 1

    @property
    def stretch(self) -> float:
        """Linear stretch factor: ``sqrt(scale)``."""
        return math.sqrt(self.scale)

    def xy(self, x: float, y: float) -> tuple[float, float]:
        """A scale-1 position mapped into this town (identity at scale 1)."""
        if self.scale == 1:
            return x, y
        k = self.stretch
        return CENTRE[0] + (x - CENTRE[0]) * k, CENTRE[1] + (y - CENTRE[1]) * k

    def length(self, metres: float) -> float:
        """A scale-1 distance (decay length, spread, radius) in this town (identity at 1)."""
        return metres if self.scale == 1 else metres * self.stretch

    @property
    def places(self) -> dict[str, tuple[float, float]]:
        """:data:`PLACES` in this town."""
        return {name: self.xy(*p) for name, p in PLACES.items()}

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) of the municipality."""
        return (*self.xy(XMIN, YMIN), *self.xy(XMAX, YMAX))


def _outline() -> Polygon:
    """The kommune outline before the sea is cut away (north edge lies in the sea)."""
    n = 41
    south = np.column_stack(
        [np.linspace(XMIN + 300, XMAX - 300, n), YMIN + 350 + _wiggle(n, 260, 0.1)]
    )
    east = np.column_stack([XMAX - 350 + _wiggle(n, 240, 0.6), np.linspace(YMIN + 300, YMAX, n)])
    west = np.column_stack([XMIN + 350 + _wiggle(n, 250, 0.35), np.linspace(YMAX, YMIN + 300, n)])
    ring = np.vstack([south, east, [[XMAX - 300, YMAX]], [[XMIN + 300, YMAX]], west])
    return shapely.make_valid(Polygon(np.round(ring, 2))).buffer(0)


def make_landscape(scale: int = 1) -> Landscape:
    """Build land, water and roads of Fjordvik.

    Parameters
    ----------
    scale
        Size relative to the committed demo (1). Larger towns are the scale-1 map stretched by
        ``sqrt(scale)`` about the centre; the local street grids keep their street spacing (so
        they get more streets) and the river and forests stretch with the map.

    Returns
    -------
    Landscape
        ``land`` is a single valid Polygon: the outline minus the sea and the fjord arm. The
        river and the lakes lie on the land (they belong to the kommune and to its zones).
    """
    xs = np.arange(XMIN - 1000, XMAX + 1001, 200.0)
    coast = np.column_stack([xs, _coast_y(xs)])
    sea = Polygon(np.vstack([coast, [[XMAX + 1000, YMAX + 1000], [XMIN - 1000, YMAX + 1000]]]))
    # The fjord arm "Vikfjorden" cuts south from the open fjord east of the centre; it gives the
    # east a second shoreline and makes a few zones and the ring road bend around water.
    arm_line = LineString(
        chaikin(
            [
                (560_900, 7_027_600),
                (560_600, 7_025_600),
                (561_000, 7_024_400),
                (560_800, 7_023_700),
            ],
            2,
        )
    )
    fjord = arm_line.buffer(320.0, quad_segs=8).difference(sea)
    outline = _outline()
    land = outline.difference(sea).difference(fjord)
    land = shapely.set_precision(land, 0.01)
    if land.geom_type != "Polygon":  # keep only the main land mass; no islands in the demo
        land = max(land.geoms, key=lambda g: g.area)

    river_line = LineString(
        chaikin(
            [
                (552_700, YMIN - 200),
                (553_700, 7_017_100),
                (554_500, 7_018_800),
                (554_150, 7_020_700),
                (555_250, 7_022_300),
                (555_950, 7_023_800),
                (555_500, 7_025_150),
                (555_750, 7_026_200),
                (555_650, 7_027_600),
            ],
            3,
        )
    )
    river = river_line.buffer(32.0, quad_segs=4).intersection(land)
    lakes = [
        (
            "Storvatnet",
            shapely.affinity.scale(Point(548_300, 7_018_700).buffer(520, quad_segs=16), 1.5, 0.8),
        ),
        ("Tjernet", Point(561_300, 7_016_600).buffer(180, quad_segs=12)),
    ]
    lakes = [(name, shapely.set_precision(poly.intersection(land), 0.01)) for name, poly in lakes]
    scape = Landscape(
        land=land,
        sea=shapely.set_precision(sea.intersection(box(XMIN, YMIN, XMAX, YMAX)), 0.01),
        fjord=shapely.set_precision(fjord.intersection(box(XMIN, YMIN, XMAX, YMAX)), 0.01),
        river_line=river_line,
        river=shapely.set_precision(river, 0.01),
        lakes=lakes,
    )
    _add_marka(scape)
    if scale != 1:
        return _stretched(scape, scale)
    scape.corridors = {name: LineString(chaikin(pts, 2)) for name, pts in _CORRIDORS.items()}
    _add_roads(scape, _GRIDS)
    return scape


def _stretched(base: Landscape, scale: int) -> Landscape:
    """The scale-1 ``base`` (without roads) stretched by ``sqrt(scale)`` about the centre."""
    k = math.sqrt(scale)

    def s(geom):
        return shapely.set_precision(
            shapely.affinity.scale(geom, k, k, origin=(*CENTRE, 0.0)), 0.01
        )

    scape = Landscape(
        land=s(base.land),
        sea=s(base.sea),
        fjord=s(base.fjord),
        river_line=shapely.affinity.scale(base.river_line, k, k, origin=(*CENTRE, 0.0)),
        river=s(base.river),
        lakes=[(name, s(poly)) for name, poly in base.lakes],
        marka=[(name, s(poly)) for name, poly in base.marka],
        scale=scale,
    )
    scape.corridors = {
        name: LineString(chaikin([scape.xy(*p) for p in pts], 2))
        for name, pts in _CORRIDORS.items()
    }
    # Same neighbourhood street plans, moved with their centres and grown with the town, at the
    # same street spacing.
    grids = [(*scape.xy(cx, cy), half * k, step) for cx, cy, half, step in _GRIDS]
    _add_roads(scape, grids)
    return scape


#: Forests at the edges: the big "marka" in the west, a smaller one in the south-east and a
#: wooded hill between two suburbs (so one suburb zone has forest close by).
_MARKA: dict[str, list[tuple[float, float]]] = {
    "Fjordvikmarka": [
        (544_000, 7_014_000),
        (549_000, 7_014_000),
        (549_350, 7_016_000),
        (549_900, 7_018_400),
        (549_700, 7_020_400),
        (549_650, 7_021_900),
        (549_100, 7_023_100),
        (547_600, 7_023_900),
        (544_000, 7_024_000),
    ],
    "Østmarka": [
        (560_700, 7_014_000),
        (566_000, 7_014_000),
        (566_000, 7_017_900),
        (563_900, 7_018_300),
        (562_400, 7_017_800),
        (561_300, 7_017_100),
        (560_600, 7_015_800),
    ],
}


def _add_marka(scape: Landscape) -> None:
    """Forest polygons on land, minus lakes and river (green area is land, not water)."""
    water = shapely.union_all([scape.river] + [lake for _, lake in scape.lakes])
    forests = [(name, Polygon(chaikin(pts + pts[:1], 2))) for name, pts in _MARKA.items()]
    forests.append(
        (
            "Haugåsen",
            shapely.affinity.scale(Point(555_900, 7_019_900).buffer(430, quad_segs=12), 1.3, 0.9),
        )
    )
    for name, poly in forests:
        part = shapely.set_precision(poly.intersection(scape.land).difference(water), 0.01)
        scape.marka.append((name, part))


#: Main road corridors (way points); transit lines follow them. All start at the centre.
_CORRIDORS: dict[str, list[tuple[float, float]]] = {
    "west": [
        CENTRE,
        (553_700, 7_025_900),
        (552_300, 7_025_700),
        (550_900, 7_025_350),
        PLACES["Vestlia"],
        (548_200, 7_025_100),
        (545_500, 7_024_700),
    ],
    "east": [
        CENTRE,
        (556_300, 7_026_100),
        (557_600, 7_025_500),
        (558_500, 7_025_000),
        PLACES["Østhaugen"],
        (560_200, 7_023_700),
        (561_400, 7_023_000),
        (562_600, 7_023_300),
        PLACES["Vikbotn"],
        (564_600, 7_023_700),
    ],
    "south": [
        CENTRE,
        (554_800, 7_025_100),
        (554_700, 7_023_600),
        (554_000, 7_022_300),
        (553_700, 7_021_000),
        PLACES["Sørmoen"],
        (553_400, 7_018_000),
        PLACES["Sørgrensa"],
        (553_100, 7_015_300),
    ],
    "southeast": [
        CENTRE,
        (555_600, 7_025_300),
        (556_300, 7_024_000),
        (556_900, 7_022_800),
        PLACES["Lia"],
        (558_700, 7_020_300),
        (560_000, 7_018_600),
        (561_500, 7_016_700),
        (562_300, 7_015_500),
    ],
    "southwest": [
        CENTRE,
        (554_300, 7_025_300),
        (553_300, 7_024_300),
        (552_400, 7_023_200),
        (551_300, 7_022_200),
        PLACES["Fjellseter"],
    ],
    "ring": [
        (551_600, 7_026_200),
        (551_800, 7_024_900),
        (552_500, 7_023_700),
        (553_700, 7_022_900),
        (555_000, 7_022_700),
        (556_500, 7_023_000),
        (557_700, 7_023_700),
        (558_500, 7_024_500),
        (558_900, 7_025_600),
    ],
    "feeder_vik": [
        PLACES["Vikbotn"],
        (563_100, 7_024_200),
        (562_800, 7_025_200),
        PLACES["Vikneset"],
    ],
    "feeder_bygdeli": [
        PLACES["Sørmoen"],
        (552_500, 7_019_000),
        (551_500, 7_018_000),
        PLACES["Bygdeli"],
        (549_500, 7_016_000),
    ],
    "feeder_heimly": [
        PLACES["Lia"],
        (559_000, 7_021_400),
        (560_600, 7_020_300),
        PLACES["Heimly"],
        (563_300, 7_019_000),
    ],
}

#: Which corridors are main roads; the others are collector roads.
_PRIMARY = ("west", "east", "south", "southeast", "southwest", "ring")

#: Local street grids: (centre x, centre y, half size m, spacing m).
_GRIDS = [
    (CENTRE[0] - 100, CENTRE[1] - 300, 900, 200),
    (*PLACES["Østhaugen"], 600, 250),
    (*PLACES["Sørmoen"], 650, 250),
    (*PLACES["Vestlia"], 550, 250),
    (*PLACES["Lia"], 600, 250),
    (*PLACES["Vikneset"], 400, 250),
]


def _add_roads(scape: Landscape, grids: list[tuple[float, float, float, float]]) -> None:
    """Draw the corridors, collector roads and local street grids, clipped to the land."""
    roads: list[tuple[str, str, LineString]] = []
    for name, line in scape.corridors.items():
        kind = "primary" if name in _PRIMARY else "secondary"
        roads.append((name, kind, line))
    for k, (cx, cy, half, step) in enumerate(grids):
        # A slightly rotated grid per neighbourhood reads as separate street plans.
        angle = (-12.0, 8.0, 20.0, -5.0, 15.0, -20.0)[k]
        offsets = np.arange(-half, half + 1, step)
        for j, off in enumerate(offsets):
            for line in (
                LineString([(cx - half, cy + off), (cx + half, cy + off)]),
                LineString([(cx + off, cy - half), (cx + off, cy + half)]),
            ):
                rotated = shapely.affinity.rotate(line, angle, origin=(cx, cy))
                roads.append((f"grid{k}_{j}", "local", rotated))
    out: list[tuple[str, str, LineString]] = []
    water = shapely.union_all([scape.sea, scape.fjord] + [lake for _, lake in scape.lakes])
    for name, kind, line in roads:
        clipped = line.intersection(scape.land).difference(water if kind == "local" else scape.sea)
        for part in shapely.get_parts(
            shapely.line_merge(clipped) if not clipped.is_empty else clipped
        ):
            if part.geom_type == "LineString" and part.length > 50:
                out.append((name, kind, part))
    scape.roads = out
