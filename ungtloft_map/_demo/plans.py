"""Three example regulation plans and a minimal SOSI 4.5 writer.

- ``plan_a_boligfelt.geojson``: housing (RPAREALFORMÅL 1110) with 48 municipal and 72 other
  dwellings in the zone that already has the highest municipal share;
- ``plan_b_park.sos``: SOSI; turns the western 55 % of "Parkveien park" into housing (1110, 80
  other dwellings) and keeps the rest as friområde (3040, green structure);
- ``plan_c_sentrum.geojson``: a mixed central plan (1130 sentrumsformål with 12 municipal and
  140 other dwellings, 2011 kjøreveg, 1160 tjenesteyting, 3050 park).

SOSI has no standard attribute for planned dwellings; the writer adds ``..KOMMUNALEBOENHETER``
and ``..ANDREBOENHETER`` to the arealformål areas (documented in ``geodata/README.md``).

Examples
--------
>>> text = sosi_text([SosiObject("KURVE", 1, ["..OBJTYPE RpGrense"], coords=[(0, 0), (1, 1)])])
>>> text.splitlines()[0]
'.HODE'
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import geopandas as gpd
import shapely
from shapely.geometry import Polygon, box

from .green import PARKS, PLAN_B_PARK, placed
from .landscape import Landscape

KOMM = "9999"  # not a real kommune number: the demo municipality is fictional


@dataclass
class SosiObject:
    """One SOSI group: ``.FLATE``/``.KURVE`` with serial number, attribute lines, refs, coords."""

    kind: str
    serial: int
    attributes: list[str]
    refs: list[int] = field(default_factory=list)
    coords: list[tuple[float, float]] = field(default_factory=list)  # (x=east, y=north) metres


def _no(x: float, y: float) -> str:
    """A coordinate line: north then east, in units of ENHET 0.01 m."""
    return f"{int(round(y * 100))} {int(round(x * 100))}"


def sosi_text(objects: list[SosiObject]) -> str:
    """Serialise ``objects`` as a SOSI 4.5 file (UTF-8, KOORDSYS 22 = EUREF89 UTM 32).

    The ``.HODE`` carries ``..OMRÅDE`` (bounding box, whole metres), ``..TRANSPAR`` with
    ``...KOORDSYS 22``, ``...ORIGO-NØ 0 0`` and ``...ENHET 0.01``; each object lists its
    attributes, then ``..REF`` (for surfaces: the serial numbers of its boundary curves, negative
    when a curve is used backwards) and ``..NØ`` coordinates; the file ends with ``.SLUTT``.
    """
    xs = [x for o in objects for x, _ in o.coords]
    ys = [y for o in objects for _, y in o.coords]
    lines = [
        ".HODE",
        "..TEGNSETT UTF-8",
        "..OMRÅDE",
        f"...MIN-NØ {math.floor(min(ys))} {math.floor(min(xs))}",
        f"...MAX-NØ {math.ceil(max(ys))} {math.ceil(max(xs))}",
        "..SOSI-VERSJON 4.5",
        "..SOSI-NIVÅ 4",
        "..TRANSPAR",
        "...KOORDSYS 22",
        "...ORIGO-NØ 0 0",
        "...ENHET 0.01",
        "..OBJEKTKATALOG Reguleringsplan 4.5",
        "! Fiktive data laget av UngtLøft Maps egen generator (Fjordvik kommune, fiktiv)",
    ]
    for o in objects:
        lines.append(f".{o.kind} {o.serial}:")
        lines += o.attributes
        if o.refs:
            lines.append("..REF " + " ".join(f":{r}" for r in o.refs))
        lines.append("..NØ")
        lines += [_no(x, y) for x, y in o.coords]
    lines.append(".SLUTT")
    return "\n".join(lines) + "\n"


def _plan_ids(plan_id: str) -> list[str]:
    return ["..NASJONALAREALPLANID", f"...KOMM {KOMM}", f"...PLANID {plan_id}"]


def plan_b_sosi(scape: Landscape | None = None) -> tuple[str, Polygon, Polygon]:
    """The park plan as SOSI text plus its housing part and its green part (for the README).

    Topology: curves 4 and 5 (RpGrense) run clockwise around the plan from the south end of the
    split, curve 6 (RpFormålGrense) is the split from south to north. Surfaces list their
    curves clockwise: the plan 4, 5; housing 4, -6; friområde 5, 6.
    """
    spec = PARKS[PLAN_B_PARK]
    cx, cy, w, h, _ = spec if scape is None else placed(scape, spec)
    x0, x1, y0, y1 = cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2
    xm = round(x0 + 0.55 * w, 2)
    a, b, c, d = (x0, y0), (x1, y0), (x1, y1), (x0, y1)
    m1, m2 = (xm, y0), (xm, y1)
    plan_id, name = "FJV-2026-02", "Detaljregulering Parkveien boliger (fiktiv)"
    ids = _plan_ids(plan_id)
    housing = box(x0, y0, xm, y1)
    green = box(xm, y0, x1, y1)
    objects = [
        SosiObject(
            "FLATE",
            1,
            [
                "..OBJTYPE RpOmråde",
                *ids,
                f'..PLANNAVN "{name}"',
                "..PLANTYPE 35",
                "..PLANSTAT 2",
                "..PLANBEST 1",
            ],
            refs=[4, 5],
            coords=[(cx, cy)],
        ),
        SosiObject(
            "FLATE",
            2,
            [
                "..OBJTYPE RpArealformålOmråde",
                *ids,
                "..RPAREALFORMÅL 1110",
                "..EIERFORM 3",
                '..FELTNAVN "B1"',
                '..BESKRIVELSE "Boligbebyggelse på del av Parkveien park"',
                "..KOMMUNALEBOENHETER 0",
                "..ANDREBOENHETER 80",
            ],
            refs=[4, -6],
            coords=[(round((x0 + xm) / 2, 2), cy)],
        ),
        SosiObject(
            "FLATE",
            3,
            [
                "..OBJTYPE RpArealformålOmråde",
                *ids,
                "..RPAREALFORMÅL 3040",
                "..EIERFORM 1",
                '..FELTNAVN "GF1"',
                '..BESKRIVELSE "Friområde, resten av parken"',
                "..KOMMUNALEBOENHETER 0",
                "..ANDREBOENHETER 0",
            ],
            refs=[5, 6],
            coords=[(round((xm + x1) / 2, 2), cy)],
        ),
        SosiObject("KURVE", 4, ["..OBJTYPE RpGrense", *ids], coords=[m1, a, d, m2]),
        SosiObject("KURVE", 5, ["..OBJTYPE RpGrense", *ids], coords=[m2, c, b, m1]),
        SosiObject("KURVE", 6, ["..OBJTYPE RpFormålGrense", *ids], coords=[m1, m2]),
    ]
    return sosi_text(objects), housing, green


def plan_a(zones: gpd.GeoDataFrame, hot_zone: str) -> gpd.GeoDataFrame:
    """Housing plan in ``hot_zone`` (the zone with the most municipal housing)."""
    zone = zones.geometry[zones["zone_id"] == hot_zone].iloc[0]
    p = zone.representative_point()
    x, y = round(p.x, 0), round(p.y, 0)
    poly = shapely.set_precision(box(x - 80, y - 55, x + 80, y + 55).intersection(zone), 0.01)
    return gpd.GeoDataFrame(
        {
            "plan_id": ["FJV-2026-01"],
            "name": [
                f"Detaljregulering {zones.loc[zones['zone_id'] == hot_zone, 'zone_name'].iloc[0]} boligfelt (fiktiv)"
            ],
            "arealformal": [1110],
            "municipal_units": [48],
            "other_units": [72],
        },
        geometry=[poly],
        crs="EPSG:25832",
    )


def plan_c(scape: Landscape | None = None) -> gpd.GeoDataFrame:
    """A mixed plan on a block south-east of Torget (moved with the town of ``scape``)."""
    x0, y0 = 555_150.0, 7_025_370.0
    if scape is not None:
        x0, y0 = scape.xy(x0, y0)
    parts = [
        (1130, 12, 140, box(x0, y0, x0 + 110, y0 + 160)),
        (2011, 0, 0, box(x0 + 110, y0, x0 + 125, y0 + 160)),
        (1160, 0, 0, box(x0 + 125, y0 + 80, x0 + 200, y0 + 160)),
        (3050, 0, 0, box(x0 + 125, y0, x0 + 200, y0 + 80)),
    ]
    return gpd.GeoDataFrame(
        {
            "plan_id": ["FJV-2026-03"] * len(parts),
            "name": ["Områderegulering Torget sør (fiktiv)"] * len(parts),
            "arealformal": [p[0] for p in parts],
            "municipal_units": [p[1] for p in parts],
            "other_units": [p[2] for p in parts],
        },
        geometry=[p[3] for p in parts],
        crs="EPSG:25832",
    )
