"""The GTFS feed of Fjordvik Kollektiv (fictional).

Lines follow the road corridors of :mod:`.landscape`: a tram (T1) and three trunk bus lines
radiating from the hub Torget, a ring line (10, run from ``frequencies.txt``), and three
low-frequency feeders from the suburban hubs. Stops are placed along each line every
350-600 m, shared where lines cross (transfers) and grouped under parent stations at the hubs.
Peak headway is 10 min, off-peak 15-30 min; service runs about 05:30-24:45, so some times are
past 24:00 (e.g. ``24:15:00``). Feeder trips leave intermediate non-timepoints blank
(``timepoint`` 0), as real feeds do.

Examples
--------
>>> files = make_gtfs(scape, zones)  # doctest: +SKIP
>>> sorted(files)[:3]  # doctest: +SKIP
['agency.txt', 'calendar.txt', 'calendar_dates.txt']
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Point

from .landscape import CENTRE, PLACES, Landscape
from .zones import density

START_DATE, END_DATE = "20260101", "20261231"
#: Norwegian public holidays on weekdays in 2026 (17 May 2026 is a Sunday, so the weekday
#: service loses these days and the Sunday timetable runs instead).
HOLIDAYS = [
    "20260101",
    "20260402",
    "20260403",
    "20260406",
    "20260501",
    "20260514",
    "20260525",
    "20261225",
]

#: Hubs with a parent station: name -> point; each line calling there gets its own platform.
HUBS = {
    "Torget": CENTRE,
    "Sørmoen": PLACES["Sørmoen"],
    "Lia": PLACES["Lia"],
    "Vikbotn": PLACES["Vikbotn"],
}

#: Larger towns (scale > 1) add a grid of local bus lines: spacing of the parallel lines (m),
#: stop spacing (m) and the least relative density where a local line stops (not in the marka).
LOCAL_GRID_SPACING = 1_000.0
LOCAL_STOP_SPACING = 400.0
LOCAL_MIN_DENSITY = 0.01

#: Headway bands (start minute, end minute exclusive, headway minutes) for departures.
BANDS = {
    ("trunk", "HVERDAG"): [
        (330, 390, 20),
        (390, 540, 10),
        (540, 870, 15),
        (870, 1050, 10),
        (1050, 1200, 15),
        (1200, 1421, 30),
    ],
    ("trunk", "HELG"): [(420, 600, 30), (600, 1140, 20), (1140, 1421, 30)],
    ("tram", "HVERDAG"): [
        (330, 390, 15),
        (390, 540, 10),
        (540, 900, 15),
        (900, 1080, 10),
        (1080, 1200, 20),
        (1215, 1456, 30),
    ],
    ("tram", "HELG"): [(420, 1200, 20), (1215, 1456, 30)],
    ("feeder", "HVERDAG"): [
        (360, 420, 60),
        (420, 540, 30),
        (540, 900, 60),
        (900, 1020, 30),
        (1020, 1381, 60),
    ],
    ("feeder", "HELG"): [(480, 1321, 120)],
    ("local", "HVERDAG"): [(360, 540, 20), (540, 900, 30), (900, 1080, 20), (1080, 1381, 60)],
    ("local", "HELG"): [(480, 1321, 60)],
}
#: The ring runs from frequencies.txt: (start, end, headway seconds), exact_times=1.
RING_FREQ = {
    "HVERDAG": [
        ("06:00:00", "09:00:00", 600),
        ("09:00:00", "15:00:00", 1200),
        ("15:00:00", "18:00:00", 600),
        ("18:00:00", "23:00:00", 1800),
    ],
    "HELG": [("08:00:00", "23:00:00", 1800)],
}


@dataclass(frozen=True)
class Line:
    """One route: id, names, GTFS route_type, colour, corridors it runs along, service kind."""

    route_id: str
    short: str
    long: str
    route_type: int
    color: str
    corridors: tuple[tuple[str, bool], ...]  # (corridor name, reversed?)
    kind: str  # trunk, tram, feeder, ring, local (local: corridors name a key of local lines)


LINES = [
    Line("T1", "T1", "Torget – Fjellseter", 0, "2E7D32", (("southwest", False),), "tram"),
    Line(
        "1",
        "1",
        "Vestlia – Torget – Østhaugen – Vikbotn",
        3,
        "C62828",
        (("west", True), ("east", False)),
        "trunk",
    ),
    Line("2", "2", "Torget – Sørmoen – Sørgrensa", 3, "1565C0", (("south", False),), "trunk"),
    Line("3", "3", "Torget – Lia – Østmarka", 3, "6A1B9A", (("southeast", False),), "trunk"),
    Line("10", "10", "Ringen", 3, "EF6C00", (("ring", False),), "ring"),
    Line("21", "21", "Vikbotn – Vikneset", 3, "757575", (("feeder_vik", False),), "feeder"),
    Line("22", "22", "Sørmoen – Bygdeli", 3, "757575", (("feeder_bygdeli", False),), "feeder"),
    Line("23", "23", "Lia – Heimly", 3, "757575", (("feeder_heimly", False),), "feeder"),
]


@dataclass
class _Stops:
    """Stop registry: merges stops of different lines within 60 m (shared transfer stops)."""

    zones: gpd.GeoDataFrame
    hubs: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(HUBS))
    rows: list[dict] = field(default_factory=list)
    used_names: set[str] = field(default_factory=lambda: set(HUBS))  # hub names are taken
    platforms: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Plain stops by 60 m bucket -> row positions (a spatial hash; same answer as a scan).
    _buckets: dict[tuple[int, int], list[int]] = field(default_factory=dict)

    def _name(self, x: float, y: float) -> str:
        hit = np.flatnonzero(shapely.contains_xy(self.zones.geometry.values, x, y))
        base = self.zones["zone_name"].iloc[hit[0]] if len(hit) else "Fjordvik"
        for suffix in (
            "",
            " senter",
            " skole",
            " nord",
            " sør",
            " øst",
            " vest",
            " kirke",
            " gård",
            " bru",
            " allé",
            " torg",
        ):
            name = base + suffix
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        return f"{base} {len(self.rows)}"

    def at(self, x: float, y: float) -> str:
        """The plain stop within 60 m of (x, y) made first, or a new one."""
        bx, by = math.floor(x / 60), math.floor(y / 60)
        near = [
            i
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for i in self._buckets.get((bx + dx, by + dy), ())
            if math.hypot(self.rows[i]["_x"] - x, self.rows[i]["_y"] - y) < 60
        ]
        if near:
            return self.rows[min(near)]["stop_id"]
        sid = f"S{len(self.rows) + 1:04d}"
        self._buckets.setdefault((bx, by), []).append(len(self.rows))
        self.rows.append(
            {
                "stop_id": sid,
                "stop_name": self._name(x, y),
                "_x": x,
                "_y": y,
                "location_type": "0",
                "parent_station": "",
                "platform_code": "",
            }
        )
        return sid

    def platform(self, hub: str, route_id: str, at: Point) -> str:
        """The platform of ``route_id`` at ``hub`` (created at ``at`` on first use)."""
        key = (hub, route_id)
        if key in self.platforms:
            return self.platforms[key]
        parent = f"HUB_{hub.upper().replace('Ø', 'O')}"
        if not any(r["stop_id"] == parent for r in self.rows):
            hx, hy = self.hubs[hub]
            self.rows.append(
                {
                    "stop_id": parent,
                    "stop_name": hub,
                    "_x": hx,
                    "_y": hy,
                    "location_type": "1",
                    "parent_station": "",
                    "platform_code": "",
                }
            )
        k = sum(1 for (h, _) in self.platforms if h == hub)
        # Platforms of lines meeting at the same point are fanned out 12 m so they do not coincide.
        ang = 2 * math.pi * k / 6
        x, y = round(at.x + 12 * math.cos(ang), 2), round(at.y + 12 * math.sin(ang), 2)
        code = chr(ord("A") + k)
        sid = f"{parent}_{code}"
        self.rows.append(
            {
                "stop_id": sid,
                "stop_name": hub,
                "_x": x,
                "_y": y,
                "location_type": "0",
                "parent_station": parent,
                "platform_code": code,
            }
        )
        self.platforms[key] = sid
        return sid


def _geometry(scape: Landscape, line: Line, local: dict[str, LineString]) -> LineString:
    if line.kind == "local":
        return local[line.corridors[0][0]]
    coords: list[tuple[float, float]] = []
    for name, rev in line.corridors:
        c = list(scape.corridors[name].coords)
        coords += (c[::-1] if rev else c)[1 if coords else 0 :]
    return LineString(coords)


def _stop_positions(
    geom: LineString, forced: list[float], central_m: float = 2500.0
) -> list[float]:
    """Distances along the line: forced points plus evenly filled gaps (closer in the centre)."""
    marks = sorted({0.0, geom.length, *[round(f, 2) for f in forced]})
    out: list[float] = []
    for a, b in zip(marks[:-1], marks[1:]):
        mid = geom.interpolate((a + b) / 2)
        central = math.hypot(mid.x - CENTRE[0], mid.y - CENTRE[1]) < central_m
        spacing = 380.0 if central else 580.0
        n = max(1, round((b - a) / spacing))
        out += [a + (b - a) * k / n for k in range(n)]
    out.append(geom.length)
    return out


def _fmt(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _departures(bands: list[tuple[int, int, int]], shift: int) -> list[int]:
    return [60 * (m + shift) for a, b, h in bands for m in range(a, b, h)]


def _local_lines(scape: Landscape, zones: gpd.GeoDataFrame) -> tuple[list[Line], dict]:
    """The grid of local bus lines of a larger town (none at scale 1).

    East-west and north-south lines every :data:`LOCAL_GRID_SPACING` metres across the land;
    each land crossing of 3 km or more is a line, named after the zones at its two ends.
    """
    if scape.scale == 1:
        return [], {}
    xmin, ymin, xmax, ymax = scape.extent
    g = LOCAL_GRID_SPACING
    cuts = [LineString([(xmin, y), (xmax, y)]) for y in np.arange(ymin + g / 2, ymax, g)]
    cuts += [LineString([(x, ymax), (x, ymin)]) for x in np.arange(xmin + g / 2, xmax, g)]
    lines: list[Line] = []
    geoms: dict[str, LineString] = {}
    for cut in cuts:
        for part in shapely.get_parts(cut.intersection(scape.land)):
            if part.geom_type != "LineString" or part.length < 3000:
                continue
            ends = []
            for x, y in (part.coords[0], part.coords[-1]):
                hit = np.flatnonzero(shapely.dwithin(zones.geometry.values, Point(x, y), 1.0))
                ends.append(zones["zone_name"].iloc[hit[0]] if len(hit) else "Fjordvik")
            route_id = f"L{len(lines) + 1}"
            geoms[route_id] = LineString(np.round(np.asarray(part.coords), 2))
            lines.append(
                Line(
                    route_id,
                    route_id,
                    f"{ends[0]} – {ends[1]}",
                    3,
                    "546E7A",
                    ((route_id, False),),
                    "local",
                )
            )
    return lines, geoms


def make_gtfs(scape: Landscape, zones: gpd.GeoDataFrame) -> dict[str, str]:
    """Build the feed. Returns ``{file name: CSV text}`` in the order it is zipped."""
    places = scape.places
    hubs = {name: places[name] if name != "Torget" else CENTRE for name in HUBS}
    stops = _Stops(zones, hubs)
    local, local_geoms = _local_lines(scape, zones)
    all_lines = LINES + local
    geoms = {ln.route_id: _geometry(scape, ln, local_geoms) for ln in all_lines}
    patterns: dict[str, list[tuple[str, float]]] = {}
    for ln in all_lines:
        geom = geoms[ln.route_id]
        forced: list[float] = []
        hub_at: dict[float, str] = {}
        # Lines pass near, not exactly through, the hub points (corners are smoothed); a line
        # within 250 m of a hub calls there, at the nearest point of the line.
        for hub, (hx, hy) in hubs.items():
            if geom.distance(Point(hx, hy)) < 250:
                d = round(geom.project(Point(hx, hy)), 2)
                forced.append(d)
                hub_at[d] = hub
        crossing = (
            [geoms["10"]]
            if ln.route_id != "10"
            else [geoms[o.route_id] for o in LINES if o.route_id != "10"]
        )
        for other in crossing:
            for part in shapely.get_parts(geom.intersection(other)):
                if (
                    part.geom_type == "Point"
                    and min((abs(geom.project(part) - h) for h in hub_at), default=1e9) > 200
                ):
                    forced.append(geom.project(part))
        seq: list[tuple[str, float]] = []
        if ln.kind == "local":
            n = max(1, round(geom.length / LOCAL_STOP_SPACING))
            positions = [geom.length * k / n for k in range(n + 1)]
            xy = np.array([geom.interpolate(d).coords[0] for d in positions])
            served = density(xy, scape) >= LOCAL_MIN_DENSITY
            positions = [d for d, ok in zip(positions, served) if ok]
            if len(positions) < 2:
                continue
        else:
            positions = _stop_positions(geom, forced, scape.length(2500.0))
        for dist in positions:
            p = geom.interpolate(dist)
            hub = hub_at.get(round(dist, 2))
            if hub:
                sid = stops.platform(hub, ln.route_id, geom.interpolate(dist))
            elif min((abs(dist - h) for h in hub_at), default=1e9) < 150:
                continue  # a regular stop this close to a hub platform is redundant
            elif scape.land.contains(p):
                sid = stops.at(round(p.x, 2), round(p.y, 2))
            else:
                continue
            if not seq or seq[-1][0] != sid:
                seq.append((sid, dist))
        if len(seq) >= 2:
            patterns[ln.route_id] = seq

    all_lines = [ln for ln in all_lines if ln.route_id in patterns]
    names = {r["stop_id"]: r["stop_name"] for r in stops.rows}
    central_m = scape.length(2500.0)
    trips: list[list[str]] = []
    stop_times: list[list[str]] = []
    frequencies: list[list[str]] = []
    for ln in all_lines:
        seq = patterns[ln.route_id]
        for direction in (0, 1):
            pat = seq if direction == 0 else [(s, seq[-1][1] - d) for s, d in reversed(seq)]
            offsets = _run_times(ln, pat, geoms[ln.route_id], direction, central_m)
            headsign = names[pat[-1][0]]
            for service in ("HVERDAG", "HELG"):
                prefix = f"{ln.route_id}_{service}_{direction}"
                if ln.kind == "ring":
                    # One template trip per direction; frequencies.txt repeats it. Its stop times
                    # start at the first window so that they read as a real run too.
                    shift = 300 * direction
                    runs = [(f"{prefix}_F", _seconds(RING_FREQ[service][0][0]) + shift)]
                    frequencies += [
                        [
                            runs[0][0],
                            _fmt(_seconds(a) + shift),
                            _fmt(_seconds(b) + shift),
                            str(hw),
                            "1",
                        ]
                        for a, b, hw in RING_FREQ[service]
                    ]
                else:
                    departures = _departures(BANDS[(ln.kind, service)], 7 * direction)
                    runs = [(f"{prefix}_{k + 1:03d}", t0) for k, t0 in enumerate(departures)]
                for trip_id, t0 in runs:
                    trips.append([ln.route_id, service, trip_id, headsign, str(direction)])
                    for i, ((sid, _), (arr, dep)) in enumerate(zip(pat, offsets)):
                        # Feeders give times only at every other stop, like many real feeds.
                        blank = ln.kind == "feeder" and 0 < i < len(pat) - 1 and i % 2 == 1
                        a = "" if blank else _fmt(t0 + arr)
                        d = "" if blank else _fmt(t0 + dep)
                        stop_times.append([trip_id, a, d, sid, str(i + 1), "0" if blank else "1"])

    to_wgs = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)
    stop_rows = []
    for r in stops.rows:
        lon, lat = to_wgs.transform(r["_x"], r["_y"])
        stop_rows.append(
            [
                r["stop_id"],
                r["stop_name"],
                f"{lat:.6f}",
                f"{lon:.6f}",
                r["location_type"],
                r["parent_station"],
                r["platform_code"],
            ]
        )
    stop_rows.sort(key=lambda row: row[0])
    holidays_off = [["HVERDAG", d, "2"] for d in HOLIDAYS]
    holidays_on = [["HELG", d, "1"] for d in HOLIDAYS]
    return {
        "agency.txt": _csv(
            ["agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang"],
            [
                [
                    "FJV",
                    "Fjordvik Kollektiv (fiktiv)",
                    "https://example.org/fjordvik-kollektiv",
                    "Europe/Oslo",
                    "nb",
                ]
            ],
        ),
        "calendar.txt": _csv(
            [
                "service_id",
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
                "start_date",
                "end_date",
            ],
            [
                ["HVERDAG", "1", "1", "1", "1", "1", "0", "0", START_DATE, END_DATE],
                ["HELG", "0", "0", "0", "0", "0", "1", "1", START_DATE, END_DATE],
            ],
        ),
        "calendar_dates.txt": _csv(
            ["service_id", "date", "exception_type"], holidays_off + holidays_on
        ),
        "feed_info.txt": _csv(
            [
                "feed_publisher_name",
                "feed_publisher_url",
                "feed_lang",
                "feed_start_date",
                "feed_end_date",
                "feed_version",
            ],
            [
                [
                    "UngtLøft Map demo generator (fiktive data)",
                    "https://example.org/ungtloft-map",
                    "nb",
                    START_DATE,
                    END_DATE,
                    "fjordvik-2026",
                ]
            ],
        ),
        "frequencies.txt": _csv(
            ["trip_id", "start_time", "end_time", "headway_secs", "exact_times"], frequencies
        ),
        "routes.txt": _csv(
            [
                "route_id",
                "agency_id",
                "route_short_name",
                "route_long_name",
                "route_type",
                "route_color",
                "route_text_color",
            ],
            [
                [ln.route_id, "FJV", ln.short, ln.long, str(ln.route_type), ln.color, "FFFFFF"]
                for ln in all_lines
            ],
        ),
        "stops.txt": _csv(
            [
                "stop_id",
                "stop_name",
                "stop_lat",
                "stop_lon",
                "location_type",
                "parent_station",
                "platform_code",
            ],
            stop_rows,
        ),
        "stop_times.txt": _csv(
            ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence", "timepoint"],
            stop_times,
        ),
        "trips.txt": _csv(
            ["route_id", "service_id", "trip_id", "trip_headsign", "direction_id"], trips
        ),
    }


def _seconds(hms: str) -> int:
    h, m, sec = (int(v) for v in hms.split(":"))
    return 3600 * h + 60 * m + sec


def _run_times(
    ln: Line,
    pat: list[tuple[str, float]],
    geom: LineString,
    direction: int,
    central_m: float = 2500.0,
) -> list[tuple[int, int]]:
    """(arrival, departure) offsets in seconds from the first departure, whole minutes.

    Buses run at ~23 km/h within 2.5 km of the centre and ~34 km/h outside, the tram at
    ~27 km/h; 20 s dwell per stop. Through line 1 waits 1 min at Torget.
    """
    out: list[tuple[int, int]] = []
    t = 0.0
    prev = pat[0][1]
    for i, (sid, dist) in enumerate(pat):
        seg = dist - prev
        prev = dist
        pos = geom.interpolate(dist if direction == 0 else geom.length - dist)
        central = math.hypot(pos.x - CENTRE[0], pos.y - CENTRE[1]) < central_m
        speed = 7.5 if ln.kind == "tram" else (6.4 if central else 9.4)
        if i:
            t += seg / speed + 20.0
        arr = max(int(round(t / 60.0)) * 60, out[-1][1] if out else 0)
        dep = arr + (60 if ln.route_id == "1" and sid.startswith("HUB_TORGET") else 0)
        t = max(t, float(dep))
        out.append((arr, dep))
    return out


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()
