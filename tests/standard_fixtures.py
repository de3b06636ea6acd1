"""Small files in the standard Norwegian formats, written from the formats' specifications.

Each ``write_*`` function writes one small file into a folder (a pytest ``tmp_path``) and returns
its path. The files are built here, by the project's own code, from the published structure of
each product -- never copied from a download -- so that the readers in
``ungtloft_map.core.io.ssbgrid`` and ``ungtloft_map.core.io.landcover`` are tested against the
formats and not against themselves:

=============================  ===========================================================
writer                         format (specification)
=============================  ===========================================================
write_ssb_gml                  SSB *Befolkning på rutenett* GML 3.2 (SOSI product
                               specification ``BefolkningRutenett``, feature types
                               ``BefolkningPåRuter250m`` / ``BefolkningPåRuter1km``,
                               EPSG:25833), written as XML text
write_ssb_geojson              the same cells as GeoJSON (with the ``crs`` member, EPSG:25833)
write_ssb_filegdb              the same cells as an Esri FileGDB (GDAL's OpenFileGDB driver)
write_ssb_sosi                 the same cells as SOSI 4.5 (``.FLATE`` per cell)
write_ssb_csv                  the same counts as a ``;``-separated table of ``ssbid`` only
write_n50_sosi                 Kartverket N50 Arealdekke as SOSI 4.0 text (``.FLATE`` with
                               ``..REF`` to ``.KURVE``, ``KOORDSYS 23``, ISO 8859-1)
write_n50_gml                  N50 Arealdekke GML 3.2 (one feature type per ``OBJTYPE``)
write_osm_xml                  OpenStreetMap XML (``.osm``, API 0.6 schema)
write_osm_pbf                  OpenStreetMap PBF (``.osm.pbf``: the protobuf blob format of
                               wiki.openstreetmap.org/wiki/PBF_Format, encoded here by hand)
write_zones_over_grid          8 small zones (GeoJSON, EPSG:25833) under the 1 km cells
=============================  ===========================================================

:func:`write_standard_sources` writes one of each into a folder (for importer/CLI tests).

The SSB cell id is ``(E + 2 000 000) * 10**7 + N`` of the cell's lower-left corner in
EPSG:25833 (SSB, *Rutenettstatistikk*).
"""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

# --------------------------------------------------------------------------------------------
# SSB population grid
# --------------------------------------------------------------------------------------------

SSB_NAMESPACE = "http://skjema.geonorge.no/SOSI/produktspesifikasjon/BefolkningRutenett/20171201"
EPSG_25833_URI = "http://www.opengis.net/def/crs/EPSG/0/25833"

#: Lower-left corner of the fixture grid in EPSG:25833 (central Trondheim lies near here).
GRID_E0, GRID_N0 = 270_000, 7_040_000


@dataclass(frozen=True)
class Cell:
    """One SSB grid cell: lower-left corner (EPSG:25833), size and counts."""

    e: int
    n: int
    size: int
    pop: int
    fem: int
    mean_age: float

    @property
    def ssbid(self) -> int:
        return (self.e + 2_000_000) * 10**7 + self.n

    @property
    def mal(self) -> int:
        return self.pop - self.fem

    def polygon(self):
        return box(self.e, self.n, self.e + self.size, self.n + self.size)


def ssb_cells(size: int = 250) -> list[Cell]:
    """The fixture cells: 6 cells of 250 m (3 × 2) or 4 cells of 1 km (2 × 2).

    Only populated cells are published by SSB, so every count is positive.
    """
    if size == 250:
        pops = [(34, 17, 41.2), (120, 61, 37.5), (7, 3, 52.0), (56, 30, 29.8), (3, 1, 71.3),
                (88, 40, 44.0)]
        layout = [(i, j) for j in range(2) for i in range(3)]
    elif size == 1000:
        pops = [(410, 200, 40.1), (1250, 640, 36.6), (95, 44, 47.9), (2300, 1180, 33.2)]
        layout = [(i, j) for j in range(2) for i in range(2)]
    else:  # pragma: no cover - fixture misuse
        raise ValueError(size)
    return [Cell(GRID_E0 + i * size, GRID_N0 + j * size, size, p, f, a)
            for (i, j), (p, f, a) in zip(layout, pops)]


def _ssb_names(size: int) -> tuple[str, str]:
    return ("BefolkningPåRuter250m", "ssbid250m") if size == 250 else (
        "BefolkningPåRuter1km", "ssbid1000M")


def write_ssb_gml(folder: Path, size: int = 250, *, name: str | None = None,
                  bad_id_row: int | None = None, text_pop_row: int | None = None,
                  wfs: bool = False) -> Path:
    """SSB population grid as Geonorge GML 3.2 (feature type ``BefolkningPåRuter250m/1km``).

    ``bad_id_row`` writes a wrong ``ssbid`` (the id of a cell 10 km away) for that 0-based row;
    ``text_pop_row`` writes ``"ca. 40"`` as ``popTot`` for that row. ``wfs=True`` writes the
    other shape Geonorge's downloads and WFS take: a ``wfs:FeatureCollection`` of
    ``wfs:member``, ``gml:Surface``/``gml:PolygonPatch`` geometry with a URN ``srsName``, and
    the ``…Grense`` feature type (cell borders as lines) before the cells, and the year as
    ``statistikkAr``. The 250 m cells carry ``popTot`` only, the 1 km cells also ``popFem``,
    ``popMal`` and ``popAve``, as SSB publishes them.
    """
    ftype, idname = _ssb_names(size)
    cells = ssb_cells(size)
    members = []
    member = "wfs:member" if wfs else "gml:featureMember"
    year = "statistikkAr" if wfs else "statistikkÅr"  # both spellings are seen in the wild
    srs = "urn:ogc:def:crs:EPSG::25833" if wfs else EPSG_25833_URI
    if wfs:
        for k, c in enumerate(cells):
            line = f"{c.e} {c.n} {c.e + size} {c.n} {c.e + size} {c.n + size}"
            members.append(f"""  <{member}>
    <app:{ftype}Grense gml:id="{ftype}Grense.{k + 1}">
      <app:grense><gml:LineString gml:id="g{k + 1}" srsName="{srs}"><gml:posList>{line}</gml:posList></gml:LineString></app:grense>
    </app:{ftype}Grense>
  </{member}>""")
    for k, c in enumerate(cells):
        ssbid = c.ssbid + (10_000 * 10**7 if k == bad_id_row else 0)
        pop = "ca. 40" if k == text_pop_row else str(c.pop)
        ring = [(c.e, c.n), (c.e + size, c.n), (c.e + size, c.n + size), (c.e, c.n + size),
                (c.e, c.n)]
        poslist = " ".join(f"{x} {y}" for x, y in ring)
        exterior = (f"<gml:exterior><gml:LinearRing><gml:posList>{poslist}</gml:posList>"
                    "</gml:LinearRing></gml:exterior>")
        geometry = (f'<gml:Surface gml:id="{ftype}.{k + 1}.område" srsName="{srs}" '
                    f'srsDimension="2"><gml:patches><gml:PolygonPatch>{exterior}'
                    "</gml:PolygonPatch></gml:patches></gml:Surface>" if wfs else
                    f'<gml:Polygon gml:id="{ftype}.{k + 1}.område" srsName="{srs}" '
                    f'srsDimension="2">{exterior}</gml:Polygon>')
        # SSB publishes only the total on the 250 m grid; the 1 km grid adds women, men, mean age
        extra = "" if size == 250 else (f"\n      <app:popFem>{c.fem}</app:popFem>"
                                        f"\n      <app:popMal>{c.mal}</app:popMal>"
                                        f"\n      <app:popAve>{c.mean_age}</app:popAve>")
        members.append(f"""  <{member}>
    <app:{ftype} gml:id="{ftype}.{k + 1}">
      <app:identifikasjon>
        <app:Identifikasjon>
          <app:lokalId>{ssbid}</app:lokalId>
          <app:navnerom>http://data.ssb.no/befolkningrutenett</app:navnerom>
          <app:versjonId>2023-01-01</app:versjonId>
        </app:Identifikasjon>
      </app:identifikasjon>
      <app:oppdateringsdato>2023-06-01T00:00:00</app:oppdateringsdato>
      <app:datauttaksdato>2023-06-01T00:00:00</app:datauttaksdato>
      <app:opphav>Statistisk sentralbyrå</app:opphav>
      <app:område>{geometry}</app:område>
      <app:{idname}>{ssbid}</app:{idname}>
      <app:popTot>{escape(pop)}</app:popTot>{extra}
      <app:{year}>2023</app:{year}>
    </app:{ftype}>
  </{member}>""")
    root = "wfs:FeatureCollection" if wfs else "gml:FeatureCollection"
    e0 = min(c.e for c in cells)
    n0 = min(c.n for c in cells)
    e1 = max(c.e for c in cells) + size
    n1 = max(c.n for c in cells) + size
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns:gml="http://www.opengis.net/gml/3.2"
    xmlns:app="{SSB_NAMESPACE}"
    xmlns:wfs="http://www.opengis.net/wfs/2.0"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    {'numberMatched="unknown" numberReturned="0" timeStamp="2024-01-01T00:00:00Z"' if wfs
     else 'gml:id="BefolkningRutenett"'}>
  <{'wfs' if wfs else 'gml'}:boundedBy>
    <gml:Envelope srsName="{srs}" srsDimension="2">
      <gml:lowerCorner>{e0} {n0}</gml:lowerCorner>
      <gml:upperCorner>{e1} {n1}</gml:upperCorner>
    </gml:Envelope>
  </{'wfs' if wfs else 'gml'}:boundedBy>
{chr(10).join(members)}
</{root}>
"""
    path = Path(folder) / (name or f"Befolkning_{'250m' if size == 250 else '1km'}_2023.gml")
    path.write_text(text, encoding="utf-8")
    return path


def _ssb_features(size: int, *, bad_id_row: int | None = None) -> list[dict]:
    _, idname = _ssb_names(size)
    feats = []
    for k, c in enumerate(ssb_cells(size)):
        ssbid = c.ssbid + (10_000 * 10**7 if k == bad_id_row else 0)
        ring = [[c.e, c.n], [c.e + size, c.n], [c.e + size, c.n + size], [c.e, c.n + size],
                [c.e, c.n]]
        feats.append({"type": "Feature",
                      "properties": {idname: ssbid, "popTot": c.pop, "popFem": c.fem,
                                     "popMal": c.mal, "popAve": c.mean_age,
                                     "statistikkÅr": 2023},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return feats


def write_ssb_geojson(folder: Path, size: int = 250, *, name: str | None = None,
                      bad_id_row: int | None = None) -> Path:
    """SSB population grid as GeoJSON in EPSG:25833 (named with the legacy ``crs`` member)."""
    doc = {"type": "FeatureCollection", "name": _ssb_names(size)[0],
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}},
           "features": _ssb_features(size, bad_id_row=bad_id_row)}
    path = Path(folder) / (name or f"befolkning_{size}m.geojson")
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def write_ssb_filegdb(folder: Path, size: int = 250, *, name: str | None = None) -> Path:
    """SSB population grid as an Esri File Geodatabase (``.gdb`` folder), EPSG:25833.

    Uses GDAL's OpenFileGDB driver, which can write since GDAL 3.6.
    """
    ftype, idname = _ssb_names(size)
    cells = ssb_cells(size)
    gdf = gpd.GeoDataFrame(
        # FileGDB (before ArcGIS Pro 3.2) has no 64-bit integers: the 14-digit id is a Double.
        {idname: [float(c.ssbid) for c in cells],
         "popTot": pd.array([c.pop for c in cells], dtype="int32"),
         "popFem": pd.array([c.fem for c in cells], dtype="int32"),
         "popMal": pd.array([c.mal for c in cells], dtype="int32"),
         "popAve": [c.mean_age for c in cells],
         "statistikkAar": pd.array([2023] * len(cells), dtype="int32")},
        geometry=[c.polygon() for c in cells], crs="EPSG:25833")
    path = Path(folder) / (name or f"Befolkning_{size}m.gdb")
    # FileGDB table names must be ASCII letters, digits and underscores.
    gdf.to_file(path, layer=ftype.replace("å", "aa"), driver="OpenFileGDB", engine="pyogrio")
    return path


def write_ssb_sosi(folder: Path, size: int = 250, *, name: str | None = None) -> Path:
    """SSB population grid as SOSI 4.5: one ``.FLATE`` per cell with ``..REF`` to a closed
    ``.KURVE``, attributes as in the GML (upper case), ``KOORDSYS 23``, ``ENHET 1``."""
    ftype, idname = _ssb_names(size)
    lines = [".HODE", "..TEGNSETT UTF-8", "..TRANSPAR", "...KOORDSYS 23", "...ORIGO-NØ 0 0",
             "...ENHET 1", "..SOSI-VERSJON 4.5", "..SOSI-NIVÅ 4", "..EIER 'Statistisk sentralbyrå'"]
    cells = ssb_cells(size)
    for k, c in enumerate(cells, start=1):
        ring = [(c.e, c.n), (c.e + size, c.n), (c.e + size, c.n + size), (c.e, c.n + size),
                (c.e, c.n)]
        lines += [f".KURVE {k}:", f"..OBJTYPE {ftype}Grense", "..NØ"]
        lines += [f"{n} {e}" for e, n in ring]
    for k, c in enumerate(cells, start=1):
        lines += [f".FLATE {100 + k}:", f"..OBJTYPE {ftype}", f"..{idname.upper()} {c.ssbid}",
                  f"..POPTOT {c.pop}", f"..POPFEM {c.fem}", f"..POPMAL {c.mal}",
                  f"..POPAVE {c.mean_age}", "..STATISTIKKÅR 2023", f"..REF :{k}", "..NØ",
                  f"{c.n + size // 2} {c.e + size // 2}"]
    lines.append(".SLUTT")
    path = Path(folder) / (name or f"Befolkning_{size}m.sos")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_ssb_csv(folder: Path, size: int = 250, *, name: str | None = None,
                  id_header: str = "ssbid", sep: str = ";",
                  text_pop_row: int | None = None, ssb_kart: bool = False) -> Path:
    """A plain table of ``ssbid`` and counts, no geometry.

    ``ssb_kart=True`` writes the layout of SSB's own grid tables (kart.ssb.no export,
    ``NOR1000M_POP_<year>.csv``): ``SSBID250M``/``SSBID1000M;pop_tot;pop_mal;pop_fem;pop_ave2``
    with the mean age in decimal comma.
    """
    if ssb_kart:
        idh = "SSBID250M" if size == 250 else "SSBID1000M"
        rows = [f"{idh};pop_tot;pop_mal;pop_fem;pop_ave2"]
        rows += [f"{c.ssbid};{c.pop};{c.mal};{c.fem};{str(c.mean_age).replace('.', ',')}"
                 for c in ssb_cells(size)]
        path = Path(folder) / (name or f"NOR{size}M_POP_2023.csv")
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        return path
    rows = [f"{id_header}{sep}popTot{sep}popFem{sep}popMal"]
    for k, c in enumerate(ssb_cells(size)):
        pop = "ca. 40" if k == text_pop_row else str(c.pop)
        rows.append(f"{c.ssbid}{sep}{pop}{sep}{c.fem}{sep}{c.mal}")
    path = Path(folder) / (name or f"befolkning_{size}m.csv")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# N50 Arealdekke
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """One N50 area object: OBJTYPE and a rectangle (EPSG:25833 for the fixtures)."""

    objtype: str
    x0: float
    y0: float
    x1: float
    y1: float

    def polygon(self):
        return box(self.x0, self.y0, self.x1, self.y1)


#: A strip of land-cover rectangles side by side (x in metres from ``GRID_E0``).
#: Each is 200 m tall; the comments give the area of each rectangle.
_N50_LAYOUT = [
    ("Skog", 0, 400),            # 8 ha forest
    ("ÅpentOmråde", 400, 600),   # 4 ha open land
    ("Myr", 600, 700),           # 2 ha marsh
    ("DyrketMark", 700, 900),    # farmland: not green
    ("TettBebyggelse", 900, 1300),  # built-up: not green
    ("Park", 1300, 1400),        # 2 ha park
    ("SportIdrettPlass", 1400, 1450),  # 1 ha sports ground
    ("Golfbane", 1450, 1650),    # golf course: not public green
    ("Innsjø", 1650, 2150),      # 10 ha lake: not small
]
#: A small lake (20 m × 20 m = 400 m²) inside the forest, a hole in it.
_N50_SMALL_LAKE = ("Innsjø", 100, 120, 100, 120)


def n50_areas() -> list[Area]:
    """The fixture land-cover areas (EPSG:25833), including the small lake inside the forest."""
    y0 = GRID_N0
    out = [Area(t, GRID_E0 + a, y0, GRID_E0 + b, y0 + 200) for t, a, b in _N50_LAYOUT]
    t, x0, x1, yy0, yy1 = _N50_SMALL_LAKE
    out.append(Area(t, GRID_E0 + x0, y0 + yy0, GRID_E0 + x1, y0 + yy1))
    return out


#: The fixture classes as AR5 ARTYPE codes (FKB-AR5 has no park or sports class: built-up, 11).
AR5_CODES = {"Skog": 30, "ÅpentOmråde": 50, "Myr": 60, "DyrketMark": 21, "TettBebyggelse": 11,
             "Park": 11, "SportIdrettPlass": 11, "Golfbane": 11, "Innsjø": 81}


def write_n50_sosi(folder: Path, *, name: str = "N50_Arealdekke_5001.sos",
                   charset: str = "ISO8859-1", ar5: bool = False) -> Path:
    """N50 Arealdekke as SOSI 4.0: each area a ``.FLATE`` whose ``..REF`` lists ``.KURVE``s.

    Shared borders are written once as a ``.KURVE`` (``Arealbrukgrense``) and referenced with a
    sign, as SOSI does; the forest has the small lake as an island (``(:n)``). Coordinates in
    centimetres (``..ENHET 0.01``), ``KOORDSYS 23`` (EUREF89 UTM 33). ``ar5=True`` writes
    FKB-AR5 instead: ``..OBJTYPE ArealressursFlate`` with the class in ``..ARTYPE``.
    """
    areas = n50_areas()
    strip = areas[:-1]
    lake = areas[-1]
    unit = 0.01

    def c(v: float) -> int:
        return round(v / unit)

    curves: list[list[tuple[float, float]]] = []

    def add(points) -> int:
        curves.append(points)
        return len(curves)

    y0, y1 = strip[0].y0, strip[0].y1
    # vertical borders x_0 .. x_n, bottom and top edges per rectangle
    xs = [strip[0].x0] + [a.x1 for a in strip]
    vertical = [add([(x, y0), (x, y1)]) for x in xs]
    flates = []
    for k, a in enumerate(strip):
        bottom = add([(a.x0, y0), (a.x1, y0)])
        top = add([(a.x1, y1), (a.x0, y1)])
        # ring: bottom (W->E), right border (S->N), top (E->W), left border reversed (N->S)
        refs = [f":{bottom}", f":{vertical[k + 1]}", f":{top}", f":-{vertical[k]}"]
        flates.append((a, refs))
    lake_ring = add([(lake.x0, lake.y0), (lake.x1, lake.y0), (lake.x1, lake.y1),
                     (lake.x0, lake.y1), (lake.x0, lake.y0)])
    # the forest gets the lake as an island; the lake itself is a flate on the same curve
    forest, frefs = flates[0]
    flates[0] = (forest, frefs + [f"(:-{lake_ring})"])
    flates.append((lake, [f":{lake_ring}"]))

    lines = [".HODE", f"..TEGNSETT {charset}", "..TRANSPAR", "...KOORDSYS 23",
             "...ORIGO-NØ 0 0", "...ENHET 0.01", "..OMRÅDE",
             f"...MIN-NØ {y0 - 100:.0f} {xs[0] - 100:.0f}",  # in metres, not units
             f"...MAX-NØ {y1 + 100:.0f} {xs[-1] + 100:.0f}", "..SOSI-VERSJON 4.0",
             "..SOSI-NIVÅ 4", "..EIER 'Kartverket'", "..PRODUSENT 'UngtLøft test fixture'"]
    for k, pts in enumerate(curves, start=1):
        lines += [f".KURVE {k}:", "..OBJTYPE Arealbrukgrense", "..NØ"]
        lines += [f"{c(y)} {c(x)}" for x, y in pts]
    for k, (a, refs) in enumerate(flates, start=1):
        cls = (["..OBJTYPE ArealressursFlate", f"..ARTYPE {AR5_CODES[a.objtype]}"] if ar5
               else [f"..OBJTYPE {a.objtype}"])
        lines += [f".FLATE {1000 + k}:", *cls, "..OPPDATERINGSDATO 20230101",
                  f"..REF {' '.join(refs)}", "..NØ",
                  f"{c(a.polygon().representative_point().y)} "
                  f"{c(a.polygon().representative_point().x)}"]
    lines.append(".SLUTT")
    encoding = "latin-1" if charset.upper().startswith("ISO8859") else "utf-8"
    path = Path(folder) / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


N50_NAMESPACE = "http://skjema.geonorge.no/SOSI/produktspesifikasjon/N50/20170401"


def write_n50_gml(folder: Path, *, name: str = "N50_Arealdekke.gml") -> Path:
    """N50 Arealdekke as GML 3.2: one feature per area, the feature type is the OBJTYPE.

    The forest carries the small lake as an interior ring, as in Kartverket's GML.
    """
    areas = n50_areas()
    lake = areas[-1]
    members = []
    for k, a in enumerate(areas, start=1):
        ext = [(a.x0, a.y0), (a.x1, a.y0), (a.x1, a.y1), (a.x0, a.y1), (a.x0, a.y0)]
        rings = [("exterior", ext)]
        if a.objtype == "Skog":
            rings.append(("interior", [(lake.x0, lake.y0), (lake.x0, lake.y1),
                                       (lake.x1, lake.y1), (lake.x1, lake.y0),
                                       (lake.x0, lake.y0)]))
        ring_xml = "".join(
            f"<gml:{kind}><gml:LinearRing><gml:posList>"
            f"{' '.join(f'{x:.2f} {y:.2f}' for x, y in pts)}"
            f"</gml:posList></gml:LinearRing></gml:{kind}>" for kind, pts in rings)
        members.append(f"""  <gml:featureMember>
    <app:{a.objtype} gml:id="{a.objtype}.{k}">
      <app:identifikasjon><app:Identifikasjon><app:lokalId>{k}</app:lokalId><app:navnerom>N50</app:navnerom></app:Identifikasjon></app:identifikasjon>
      <app:oppdateringsdato>2023-01-01T00:00:00</app:oppdateringsdato>
      <app:område><gml:Polygon gml:id="{a.objtype}.{k}.o" srsName="{EPSG_25833_URI}" srsDimension="2">{ring_xml}</gml:Polygon></app:område>
    </app:{a.objtype}>
  </gml:featureMember>""")
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:app="{N50_NAMESPACE}" gml:id="N50Arealdekke">
{chr(10).join(members)}
</gml:FeatureCollection>
"""
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# OpenStreetMap
# --------------------------------------------------------------------------------------------

#: Origin of the OSM fixture in EPSG:25832 (central Trondheim); shapes are built in metres.
OSM_E0, OSM_N0 = 569_000.0, 7_034_000.0


@dataclass
class OsmData:
    """OSM elements: nodes ``{id: (lon, lat)}``, ways ``[(id, [node ids], tags)]``, relations
    ``[(id, [(type, ref, role)], tags)]``."""

    nodes: dict[int, tuple[float, float]]
    ways: list[tuple[int, list[int], dict[str, str]]]
    relations: list[tuple[int, list[tuple[str, int, str]], dict[str, str]]]


#: The areas of the green fixture (rectangles in metres from the origin) and their tags.
#: ``expected`` is the (kind, area m²) the reader must find, None for areas it must leave out.
OSM_AREAS = [
    ("Marinen", (0, 0, 150, 100), {"leisure": "park", "name": "Marinen"}, ("park", 15_000)),
    ("skog", (200, 0, 500, 200), {"landuse": "forest"}, ("forest", 60_000)),  # pond on top
    ("dam", (300, 100, 320, 120), {"natural": "water", "water": "pond"}, ("lake", 400)),
    ("bane", (0, 150, 100, 210), {"leisure": "pitch", "sport": "soccer"}, ("sports", 6_000)),
    ("lek", (120, 150, 150, 180), {"leisure": "playground"}, ("playground", 900)),
    ("privatpark", (0, 300, 100, 400), {"leisure": "park", "access": "private"}, None),
    ("hage", (120, 300, 160, 340), {"leisure": "garden", "garden:type": "residential"}, None),
    ("boliger", (600, 0, 800, 200), {"landuse": "residential"}, None),
    ("hus", (610, 10, 630, 30), {"building": "yes"}, None),
    ("vann", (900, 0, 1100, 100), {"natural": "water", "water": "lake"}, None),
    ("elv", (500, 0, 510, 50), {"natural": "water", "water": "river"}, None),  # small, by forest
]
#: A multipolygon relation: natural=wood 200 m × 200 m with a 50 m × 50 m hole.
OSM_WOOD = ((0, 500, 200, 700), (75, 575, 125, 625))
OSM_WOOD_AREA = 200 * 200 - 50 * 50


def osm_data(*, green: bool = True) -> OsmData:
    """The fixture elements (``green=False``: only the non-green areas, no relation)."""
    from pyproj import Transformer

    to_ll = Transformer.from_crs(25832, 4326, always_xy=True)
    nodes: dict[int, tuple[float, float]] = {}
    ways: list = []
    relations: list = []

    def ring(x0, y0, x1, y1, reverse=False) -> list[int]:
        pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        if reverse:
            pts = pts[::-1]
        ids = []
        for x, y in pts:
            nid = 1000 + len(nodes)
            lon, lat = to_ll.transform(OSM_E0 + x, OSM_N0 + y)
            nodes[nid] = (round(lon, 7), round(lat, 7))
            ids.append(nid)
        return ids + ids[:1]

    for _label, rect, tags, expected in OSM_AREAS:
        if not green and expected is not None:
            continue
        ways.append((100 + len(ways), ring(*rect), dict(tags)))
    if green:
        outer, inner = OSM_WOOD
        wo = 100 + len(ways)
        ways.append((wo, ring(*outer), {}))
        wi = 100 + len(ways)
        ways.append((wi, ring(*inner, reverse=True), {}))
        relations.append((9001, [("way", wo, "outer"), ("way", wi, "inner")],
                          {"type": "multipolygon", "natural": "wood", "name": "Lille skog"}))
    return OsmData(nodes, ways, relations)


def write_osm_xml(folder: Path, *, name: str = "omraade.osm", green: bool = True) -> Path:
    """OSM XML (API 0.6): nodes, closed ways with area tags and one multipolygon relation."""
    data = osm_data(green=green)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<osm version="0.6" generator="ungtloft-map test fixture">']
    for nid, (lon, lat) in data.nodes.items():
        out.append(f'  <node id="{nid}" version="1" lat="{lat:.7f}" lon="{lon:.7f}"/>')

    def tag_xml(tags):
        return [f'    <tag k="{escape(k)}" v="{escape(v)}"/>' for k, v in tags.items()]

    for wid, refs, tags in data.ways:
        out.append(f'  <way id="{wid}" version="1">')
        out += [f'    <nd ref="{r}"/>' for r in refs]
        out += tag_xml(tags)
        out.append("  </way>")
    for rid, members, tags in data.relations:
        out.append(f'  <relation id="{rid}" version="1">')
        out += [f'    <member type="{t}" ref="{r}" role="{role}"/>' for t, r, role in members]
        out += tag_xml(tags)
        out.append("  </relation>")
    out.append("</osm>")
    path = Path(folder) / name
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


# OSM PBF, encoded from the specification (wiki.openstreetmap.org/wiki/PBF_Format and the
# fileformat.proto / osmformat.proto messages it documents). Protocol buffers: a field is a
# varint key ``(number << 3) | wire type`` (0 varint, 2 length-delimited) followed by its value;
# ``sint64`` values are zigzag-encoded; ``packed`` repeated fields are one length-delimited run.


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _zigzag(n: int) -> int:
    return (n << 1) ^ (n >> 63)


def _field_varint(number: int, value: int) -> bytes:
    return _varint(number << 3) + _varint(value)


def _field_bytes(number: int, payload: bytes) -> bytes:
    return _varint((number << 3) | 2) + _varint(len(payload)) + payload


def _packed(number: int, values, *, signed: bool = False) -> bytes:
    body = b"".join(_varint(_zigzag(v) if signed else v) for v in values)
    return _field_bytes(number, body) if values else b""


def _fileblock(kind: str, message: bytes) -> bytes:
    blob = _field_varint(2, len(message)) + _field_bytes(3, zlib.compress(message))
    header = _field_bytes(1, kind.encode()) + _field_varint(3, len(blob))
    return struct.pack(">I", len(header)) + header + blob


def write_osm_pbf(folder: Path, *, name: str = "omraade.osm.pbf", green: bool = True) -> Path:
    """The OSM fixture as ``.osm.pbf``: an ``OSMHeader`` block and one ``OSMData`` block with
    plain (non-dense) nodes, ways with delta-coded refs and a multipolygon relation."""
    data = osm_data(green=green)
    strings: dict[str, int] = {"": 0}

    def sid(text: str) -> int:
        return strings.setdefault(text, len(strings))

    def tags(t: dict[str, str]) -> bytes:
        keys = [sid(k) for k in t]
        vals = [sid(v) for v in t.values()]
        return _packed(2, keys) + _packed(3, vals)

    def deltas(values):
        prev, out = 0, []
        for v in values:
            out.append(v - prev)
            prev = v
        return out

    # granularity 100 nanodegrees (the default): stored value = round(degrees * 1e7)
    nodes = b"".join(
        _field_bytes(1, _field_varint(1, _zigzag(nid)) + _field_varint(8, _zigzag(round(lat * 1e7)))
                     + _field_varint(9, _zigzag(round(lon * 1e7))))
        for nid, (lon, lat) in data.nodes.items())
    ways = b"".join(
        _field_bytes(3, _field_varint(1, wid) + tags(t) + _packed(8, deltas(refs), signed=True))
        for wid, refs, t in data.ways)
    relations = b"".join(
        _field_bytes(4, _field_varint(1, rid) + tags(t)
                     + _packed(8, [sid(role) for _, _, role in members])
                     + _packed(9, deltas([ref for _, ref, _ in members]), signed=True)
                     + _packed(10, [{"node": 0, "way": 1, "relation": 2}[k]
                                    for k, _, _ in members]))
        for rid, members, t in data.relations)
    groups = [g for g in (nodes, ways, relations) if g]
    table = b"".join(_field_bytes(1, s.encode("utf-8")) for s in strings)
    block = _field_bytes(1, table) + b"".join(_field_bytes(2, g) for g in groups)
    header = (_field_bytes(4, b"OsmSchema-V0.6")
              + _field_bytes(16, b"ungtloft-map test fixture"))
    path = Path(folder) / name
    path.write_bytes(_fileblock("OSMHeader", header) + _fileblock("OSMData", block))
    return path


# --------------------------------------------------------------------------------------------
# zones over the fixture grid, and everything at once
# --------------------------------------------------------------------------------------------


def write_zones_over_grid(folder: Path, *, name: str = "levekårssoner_25833.geojson") -> Path:
    """Eight small zones (500 m × 1 km) over the 1 km fixture grid, GeoJSON in EPSG:25833.

    Fields ``sone_id`` ("5001-01".."5001-08") and ``sonenavn``: each 1 km cell is split over two
    zones, so apportioning by area matters, and the 250 m cells lie in zones 1 and 2.
    """
    feats = []
    for k in range(8):
        i, j = k % 4, k // 4
        x0, y0 = GRID_E0 + i * 500, GRID_N0 + j * 1000
        ring = [[x0, y0], [x0 + 500, y0], [x0 + 500, y0 + 1000], [x0, y0 + 1000], [x0, y0]]
        feats.append({"type": "Feature",
                      "properties": {"sone_id": f"5001-{k + 1:02d}", "sonenavn": f"Sone {k + 1}"},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
    doc = {"type": "FeatureCollection", "name": "levekårssoner",
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}},
           "features": feats}
    path = Path(folder) / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def write_standard_sources(folder: Path) -> dict[str, Path]:
    """One file of each standard format in ``folder``; returns ``{label: path}``."""
    import warnings

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's FileGDB type notes
        gdb = write_ssb_filegdb(folder, 250)
    return {
        "ssb_gml_250m": write_ssb_gml(folder, 250),
        "ssb_gml_1km": write_ssb_gml(folder, 1000),
        "ssb_geojson_250m": write_ssb_geojson(folder, 250),
        "ssb_filegdb_250m": gdb,
        "ssb_sosi_250m": write_ssb_sosi(folder, 250),
        "ssb_csv_250m": write_ssb_csv(folder, 250),
        "ssb_csv_1km": write_ssb_csv(folder, 1000),
        "n50_sosi": write_n50_sosi(folder),
        "n50_gml": write_n50_gml(folder),
        "osm_xml": write_osm_xml(folder),
        "osm_pbf": write_osm_pbf(folder),
        "zones_25833": write_zones_over_grid(folder),
    }
