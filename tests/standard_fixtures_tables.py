"""Fixtures in the standard table formats a kommune analyst receives, written by our own code.

Built from the formats' descriptions (``shared/design/DATA.md``; Kartverket's address CSV
column order; how kommuner publish levekår tables), small and deterministic:

- :func:`write_wide_levekar_xlsx`: a wide levekår workbook -- title and source rows, a
  two-row header (indicator in a merged cell, years below), ids as text with leading zeros,
  rates in percent-formatted cells, suppressed cells (``..``, ``:``, ``–``), a totals row
  ``Hele kommunen`` and a footnote;
- :func:`write_wide_levekar_csv`: the same kind of table as ``;``-separated CSV with decimal
  commas and no-break/thin spaces as thousands separators, in ``cp1252`` or ``utf-8-sig``,
  names only (no id column) and a totals row labelled with the kommune's name;
- :func:`write_kartverket_addresses_csv`, :func:`write_address_points` (GeoJSON/GPKG),
  :func:`write_matrikkel_dwellings`, :func:`write_housing_list`: address points, dwelling
  counts and a municipal-housing list (see ``tests/core/io/test_addresses.py``).

Every writer returns the path; the true values behind each file are module constants or
returned by ``*_truth`` functions so the tests compare against the spec, not the reader.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

# --------------------------------------------------------------------------------------------
# levekår tables

#: (zone id, zone name) of the fixtures' zones. The names are real Trondheim levekårssoner
#: (those of ../shared/data/trondheim/levekarssoner_sentrum_5zones.geojson); the ids are made up.
WIDE_ZONES: list[tuple[str, str]] = [
    ("0101", "Midtbyen"), ("0102", "Øya-Elgeseter"), ("0103", "Singsaker"), ("0104", "Ila"),
    ("0105", "Hammersborg-Trolla"),
]
WIDE_YEARS = (2021, 2022)
#: Cells (zone id, year, indicator) published as suppressed in the fixtures, with their mark.
SUPPRESSED = {("0103", 2022, "social_assistance"): "..", ("0104", 2021, "social_assistance"): ":",
              ("0105", 2022, "low_income"): "–"}


def wide_truth(zones=None, years=WIDE_YEARS) -> pd.DataFrame:
    """The true values behind the wide fixtures: persons, low-income and social-assistance counts.

    Columns ``zone_id, zone_name, year, persons, low_income_count, social_assistance_count,
    social_assistance_denom`` (the 18–66 population). Deterministic (seeded).
    """
    zones = zones or WIDE_ZONES
    rng = np.random.default_rng(1402)
    rows = []
    for year in years:
        for n, (zid, name) in enumerate(zones):
            persons = int(1500 + 900 * n + rng.integers(0, 400))
            adults = int(persons * 0.7)
            rows.append({
                "zone_id": zid, "zone_name": name, "year": year, "persons": persons,
                "low_income_count": int(persons * (0.06 + 0.03 * n) + rng.integers(0, 20)),
                "social_assistance_count": int(adults * (0.02 + 0.01 * n) + rng.integers(0, 5)),
                "social_assistance_denom": adults,
            })
    return pd.DataFrame(rows)


def published_rate(count: float, denom: float) -> float:
    """A rate as a kommune publishes it: percent, one decimal."""
    return round(count / denom * 100.0, 1)


def _nb(x: float, decimals: int = 1, thousands: str = "\u00a0") -> str:
    """Norwegian number text: decimal comma, ``thousands`` between groups of three."""
    text = f"{x:,.{decimals}f}" if decimals else f"{int(round(x)):,}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", thousands)


def write_wide_levekar_xlsx(path: str | Path, zones=None) -> Path:
    """A wide levekår workbook as a kommune publishes it (see the module docstring).

    Columns: ``Sonenr`` (text ids), ``Levekårssone``, then two-row headers
    ``Lavinntekt (EU60), andel (%)`` / years (2021 plain decimals, 2022 a percent-formatted
    cell), ``Antall personer`` / years, ``Mottakere av sosialhjelp 18–66 år, antall`` / years,
    ``Befolkning 18–66 år`` / years, and a ``Merknad`` text column.
    """
    import openpyxl

    truth = wide_truth(zones)
    path = Path(path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Levekår 2022"
    ws.append(["Levekår i Testby kommune (fiktive tall)"])
    ws.append(["Kilde: SSB, bearbeidet av kommunen. Prikket: .. og : og –"])
    ws.append([])
    groups = ["Lavinntekt (EU60), andel (%)", "Antall personer",
              "Mottakere av sosialhjelp 18–66 år, antall", "Befolkning 18–66 år"]
    top = ["Sonenr", "Levekårssone"]
    for g in groups:
        top += [g, None]
    top.append("Merknad")
    ws.append(top)
    ws.append([None, None] + [y for _ in groups for y in WIDE_YEARS] + [None])
    for k in range(len(groups)):
        col = 3 + 2 * k
        ws.merge_cells(start_row=4, start_column=col, end_row=4, end_column=col + 1)
    for zid, name in (zones or WIDE_ZONES):
        z = truth[truth.zone_id == zid].set_index("year")
        row: list[object] = [zid, name]
        pct_cells = []
        for y in WIDE_YEARS:
            mark = SUPPRESSED.get((zid, y, "low_income"))
            if mark:
                row.append(mark)
            elif y == 2022:
                row.append(published_rate(z.loc[y, "low_income_count"], z.loc[y, "persons"]) / 100)
                pct_cells.append(len(row))
            else:
                row.append(published_rate(z.loc[y, "low_income_count"], z.loc[y, "persons"]))
        row += [int(z.loc[y, "persons"]) for y in WIDE_YEARS]
        row += [SUPPRESSED.get((zid, y, "social_assistance")) or int(z.loc[y, "social_assistance_count"])
                for y in WIDE_YEARS]
        row += [int(z.loc[y, "social_assistance_denom"]) for y in WIDE_YEARS]
        row.append("ny sonegrense 2022" if zid.endswith("2") else None)
        ws.append(row)
        for c in pct_cells:
            ws.cell(row=ws.max_row, column=c).number_format = "0.0%"
    tot = truth.groupby("year").sum(numeric_only=True)
    ws.append([None, "Hele kommunen"]
              + [published_rate(tot.loc[y, "low_income_count"], tot.loc[y, "persons"]) for y in WIDE_YEARS]
              + [int(tot.loc[y, "persons"]) for y in WIDE_YEARS]
              + [int(tot.loc[y, "social_assistance_count"]) for y in WIDE_YEARS]
              + [int(tot.loc[y, "social_assistance_denom"]) for y in WIDE_YEARS])
    ws.append([])
    ws.append([".. = prikket av personvernhensyn (færre enn 5)"])
    wb.save(path)
    return path


def write_wide_levekar_csv(path: str | Path, *, encoding: str = "cp1252", zones=None) -> Path:
    """A wide ``;``-separated levekår CSV, names only, decimal commas, a totals row.

    Header: ``Levekårssone;Andel med lav inntekt 2021 (%);Lavinntekt (EU60) 2022;Antall
    personer 2021;Antall personer 2022;Sosialhjelp antall 2021;Sosialhjelp antall 2022;Befolkning
    18–66 år 2021;Befolkning 18–66 år 2022``, one title line above it. Thousands separators:
    no-break space in ``cp1252`` (it has no thin space), narrow no-break/thin space in UTF-8.
    The totals row is labelled ``Testby`` (the kommune's name): only its sums mark it.
    """
    truth = wide_truth(zones)
    thousands = "\u00a0" if encoding.lower() in ("cp1252", "windows-1252") else "\u202f"
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(["Levekårsindikatorer for Testby, 2021–2022"])
    w.writerow(["Levekårssone", "Andel med lav inntekt 2021 (%)", "Lavinntekt (EU60) 2022",
                "Antall personer 2021", "Antall personer 2022", "Sosialhjelp antall 2021",
                "Sosialhjelp antall 2022", "Befolkning 18–66 år 2021", "Befolkning 18–66 år 2022"])

    def line(name, zid, z):
        cells = [name]
        for y in WIDE_YEARS:
            mark = SUPPRESSED.get((zid, y, "low_income"))
            cells.append(mark or _nb(published_rate(z["low_income_count"][y], z["persons"][y])))
        cells += [_nb(z["persons"][y], 0, thousands) for y in WIDE_YEARS]
        cells += [SUPPRESSED.get((zid, y, "social_assistance"))
                  or _nb(z["social_assistance_count"][y], 0, thousands) for y in WIDE_YEARS]
        cells += [_nb(z["social_assistance_denom"][y], 0, thousands) for y in WIDE_YEARS]
        return cells

    for zid, name in (zones or WIDE_ZONES):
        z = truth[truth.zone_id == zid].set_index("year")
        w.writerow(line(name, zid, {c: z[c].to_dict() for c in z.columns}))
    tot = truth.groupby("year").sum(numeric_only=True)
    w.writerow(line("Testby", None, {c: tot[c].to_dict() for c in tot.columns}))
    path = Path(path)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


# --------------------------------------------------------------------------------------------
# addresses, dwellings and the municipal-housing list

#: The fixture address register: (lokalid, street, number, letter, postcode, poststed,
#: bruksenheter or None for an address without dwellings). Trondheim street names; the
#: numbers, postcodes and dwelling counts are made up. "Skolegata 5" exists in two postcodes.
ADDRESS_REGISTER: list[tuple[int, str, int, str, str, str, int | None]] = [
    (300001, "Kongens gate", 12, "", "7011", "TRONDHEIM", 6),
    (300002, "Kongens gate", 12, "A", "7011", "TRONDHEIM", 8),
    (300003, "Kongens gate", 12, "B", "7011", "TRONDHEIM", 10),
    (300004, "Kongens gate", 14, "", "7011", "TRONDHEIM", 12),
    (300005, "Kongens gate", 30, "", "7012", "TRONDHEIM", 4),
    (300006, "Prinsens gate", 1, "", "7011", "TRONDHEIM", 20),
    (300007, "Prinsens gate", 1, "A", "7011", "TRONDHEIM", 3),
    (300008, "Prinsens gate", 3, "", "7011", "TRONDHEIM", None),  # a shop
    (300009, "Olav Tryggvasons gate", 5, "", "7011", "TRONDHEIM", 9),
    (300010, "Olav Tryggvasons gate", 7, "", "7011", "TRONDHEIM", None),  # offices
    (300011, "Innherredsveien", 7, "", "7014", "TRONDHEIM", 15),
    (300012, "Innherredsveien", 7, "C", "7014", "TRONDHEIM", 18),
    (300013, "Innherredsveien", 9, "", "7014", "TRONDHEIM", 2),
    (300014, "Elgeseter gate", 10, "", "7030", "TRONDHEIM", 30),
    (300015, "Elgeseter gate", 12, "", "7030", "TRONDHEIM", 24),
    (300016, "Øvre Bakklandet", 66, "A", "7013", "TRONDHEIM", 1),
    (300017, "Øvre Bakklandet", 68, "", "7013", "TRONDHEIM", 2),
    (300018, "St. Olavs gate", 4, "", "7012", "TRONDHEIM", 7),
    (300019, "Skolegata", 5, "", "7010", "TRONDHEIM", 5),
    (300020, "Skolegata", 5, "", "7020", "TRONDHEIM", 3),
    (300021, "Åsveien", 2, "", "7020", "TRONDHEIM", 1),
]
#: Lower-left of the fixture addresses in EPSG:25832 (central Trondheim).
ADDRESS_ORIGIN = (569200.0, 7034300.0)
#: The first 23 columns of Kartverket's address CSV, in its order (the ones Entur's geocoder
#: reads by position: lokalid 0, adressenavn 7, nummer 8, bokstav 9, EPSG-kode 16, Nord 17,
#: Øst 18, postnummer 19, poststed 20, grunnkretsnummer 21, grunnkretsnavn 22).
KARTVERKET_CSV_COLUMNS = [
    "lokalid", "kommunenummer", "kommunenavn", "adressetype", "adressetilleggsnavn",
    "adressetilleggsnavnKilde", "adressekode", "adressenavn", "nummer", "bokstav", "gardsnummer",
    "bruksnummer", "festenummer", "undernummer", "adresseTekst",
    "adresseTekstUtenAdressetilleggsnavn", "EPSG-kode", "Nord", "Øst", "postnummer", "poststed",
    "grunnkretsnummer", "grunnkretsnavn",
]


def address_xy(i: int) -> tuple[float, float]:
    """EPSG:25832 position of register entry ``i`` (a 5-column grid, 40 m apart)."""
    return ADDRESS_ORIGIN[0] + 40.0 * (i % 5), ADDRESS_ORIGIN[1] + 40.0 * (i // 5)


def _register_frame(crs: int):
    import geopandas as gpd
    from shapely.geometry import Point

    rows = []
    codes = {s: 1000 + n for n, s in enumerate(dict.fromkeys(r[1] for r in ADDRESS_REGISTER))}
    for i, (lid, street, nr, letter, post, place, units) in enumerate(ADDRESS_REGISTER):
        rows.append({"lokalid": lid, "kommunenummer": "5001", "adressekode": codes[street],
                     "adressenavn": street, "nummer": nr, "bokstav": letter, "postnummer": post,
                     "poststed": place, "adresseTekst": f"{street} {nr}{letter}",
                     "bruksenheter": units, "geometry": Point(*address_xy(i))})
    return gpd.GeoDataFrame(rows, crs="EPSG:25832").to_crs(crs)


def write_kartverket_addresses_csv(path: str | Path, *, crs: int = 25833, encoding: str = "utf-8") -> Path:
    """Kartverket's address CSV: ``;``-separated, ``EPSG-kode`` per row, ``Nord``/``Øst``."""
    gdf = _register_frame(crs)
    dec = 8 if crs in (4326, 4258) else 2  # degrees need more decimals than metres
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    w.writerow(KARTVERKET_CSV_COLUMNS)
    for (_, r), (lid, *_rest) in zip(gdf.iterrows(), ADDRESS_REGISTER, strict=True):
        w.writerow([r.lokalid, "5001", "TRONDHEIM", "vegadresse", "", "", r.adressekode, r.adressenavn,
                    r.nummer, r.bokstav, 400 + lid % 7, lid % 50, 0, 0, r.adresseTekst, r.adresseTekst,
                    crs, f"{r.geometry.y:.{dec}f}", f"{r.geometry.x:.{dec}f}", r.postnummer, r.poststed,
                    "50010101", "Midtbyen"])
    path = Path(path)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def write_address_points(path: str | Path, *, crs: int = 25833, with_dwellings: bool = False,
                         layer: str = "vegadresse") -> Path:
    """The register as GeoJSON or GPKG (by suffix) in ``crs``; ``bruksenheter`` when asked."""
    gdf = _register_frame(crs)
    if not with_dwellings:
        gdf = gdf.drop(columns="bruksenheter")
    path = Path(path)
    if path.suffix.lower() == ".gpkg":
        gdf.to_file(path, layer=layer, driver="GPKG")
    else:
        gdf.to_file(path, driver="GeoJSON")
    return path


def write_matrikkel_dwellings(path: str | Path, *, layout: str = "count") -> Path:
    """A matrikkel extract with dwellings, EPSG:25832.

    ``layout="count"``: address points with ``bruksenheter`` (GPKG or GeoJSON by suffix);
    ``"units"``: a CSV at leilighetsnivå, one row per bruksenhet (``bruksenhetsnummer``
    H0101..., ``bruksenhetstype`` B, plus one ``A`` commercial unit at Prinsens gate 3);
    ``"buildings"``: building points (``bygningsnummer``, ``bruksenheter``) without addresses.
    """
    path = Path(path)
    if layout == "count":
        gdf = _register_frame(25832)
        gdf.to_file(path, driver="GPKG" if path.suffix.lower() == ".gpkg" else "GeoJSON")
        return path
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    if layout == "units":
        w.writerow(["lokalid", "adressenavn", "nummer", "bokstav", "postnummer", "bruksenhetsnummer",
                    "bruksenhetstype", "EPSG-kode", "Nord", "Øst"])
        for i, (lid, street, nr, letter, post, _place, units) in enumerate(ADDRESS_REGISTER):
            x, y = address_xy(i)
            if units is None:
                w.writerow([lid, street, nr, letter, post, "H0101", "A", 25832, y, x])
                continue
            for u in range(units):
                floor, flat = divmod(u, 4)
                w.writerow([lid, street, nr, letter, post, f"H0{floor + 1}0{flat + 1}", "B", 25832, y, x])
    elif layout == "buildings":
        w.writerow(["bygningsnummer", "bruksenheter", "nord", "øst", "epsg"])
        for i, (lid, *_r, units) in enumerate(ADDRESS_REGISTER):
            x, y = address_xy(i)
            w.writerow([f"1{lid}", "" if units is None else units, y, x, 25832])
    else:
        raise ValueError(layout)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


#: The housing list rows: (Gateadresse, Husnr, Bokstav, Postnr, Antall boliger, matched lokalid
#: or None, a fragment of the reason when unmatched). Written the ways lists are written.
HOUSING_ROWS: list[tuple[str, str, str, str, int, int | None, str]] = [
    ("Kongens gt.", "12", "B", "7011", 4, 300003, ""),
    ("KONGENS  GATE", "12", "a", "7011", 2, 300002, ""),
    ("Kongens gate", "12B", "", "7011", 1, 300003, ""),           # letter in the number column
    ("Kongensgata", "12", "", "7011", 3, 300001, ""),
    ("Innherredsvn.", "7C", "", "7014", 5, 300012, ""),
    ("Prinsens gate", "1", "", "7011", 2, 300006, ""),
    ("Olav Tryggvasons gt", "5", "", "", 3, 300009, ""),           # no postcode, unique
    ("Sankt Olavs gate", "4", "", "7012", 2, 300018, ""),
    ("Øvre Bakklandet", "66 A", "", "7013", 1, 300016, ""),
    ("Kongens gate", "14", "", "7099", 2, 300004, ""),             # wrong postcode, unique
    ("Asveien", "2", "", "7020", 1, 300021, ""),                   # typed without å
    ("Elgeseter gate", "99", "", "7030", 6, None, "no number 99"),
    ("Kongens gate", "12", "C", "7011", 2, None, "no letter C"),
    ("Munkegata", "1", "", "7011", 4, None, "street not found"),
    ("Skolegata", "5", "", "", 2, None, "ambiguous"),
    ("Sum", "", "", "", 40, None, "totals"),
]


def housing_truth() -> dict[int, int]:
    """Units per matched lokalid, as the join must find them."""
    out: dict[int, int] = {}
    for *_cells, units, lid, _why in HOUSING_ROWS:
        if lid is not None:
            out[lid] = out.get(lid, 0) + units
    return out


def write_housing_list(path: str | Path, *, encoding: str = "cp1252", single_column: bool = False) -> Path:
    """The municipal-housing list: CSV (``;``, ``encoding``) or XLSX (by suffix).

    Columns ``Gateadresse;Husnr;Bokstav;Postnr;Antall boliger``, or with ``single_column`` one
    ``Adresse`` column (``Kongens gt. 12B, 7011 Trondheim``) and ``Antall``. The XLSX has a
    title row above the header and postcodes as numbers.
    """
    path = Path(path)
    if single_column:
        header = ["Adresse", "Antall"]
        body = []
        for street, nr, letter, post, units, *_ in HOUSING_ROWS:
            if street == "Sum":
                body.append(["Sum", units])
                continue
            text = f"{street} {nr}{letter}" + (f", {post} Trondheim" if post else "")
            body.append([text, units])
    else:
        header = ["Gateadresse", "Husnr", "Bokstav", "Postnr", "Antall boliger"]
        body = [[s, n, le, p, u] for s, n, le, p, u, *_ in HOUSING_ROWS]
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Kommunale boliger"
        ws.append(["Kommunale utleieboliger per 1.1.2024 (fiktive tall)"])
        ws.append(header)
        for row in body:
            ws.append([int(c) if isinstance(c, str) and c.isdigit() and len(c) == 4 else c for c in row])
        wb.save(path)
        return path
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([header, *body])
    path.write_bytes(out.getvalue().encode(encoding))
    return path
