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
