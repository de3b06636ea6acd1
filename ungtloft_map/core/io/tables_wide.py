"""Read levekår tables as a kommune publishes them: *wide* (zones in rows, indicator-year columns).

A kommune's levekår table is usually a spreadsheet made for people, not for programs:

- a title and a source line above the table, sometimes a two-row header (the indicator in a
  merged cell, the years in the row below);
- one row per zone, the zone in a column called ``Sone``, ``Levekårssone``, ``Sonenr`` ...
  (an id column and a name column, or only names);
- one column per indicator and year, Norwegian headers such as ``Lavinntekt (EU60) 2022``,
  ``Andel med lav inntekt 2021 (%)``, ``Antall personer 2022``;
- decimal commas, spaces/no-break/thin spaces as thousands separators, ``%`` signs,
  Excel cells formatted as percent (stored as 0.123);
- suppressed cells written as ``–``, ``-``, ``..``, ``:``, ``x`` or ``*``;
- a totals row (``Hele kommunen``, ``Trondheim``, ``Sum``) and footnotes below.

:func:`read_wide_table` turns such a table into the app's long format (one row per zone and
year, ``{key}_count`` and ``{key}_denom`` columns per catalogue indicator -- what
:func:`~ungtloft_map.core.io.tables.read_indicator_table` returns for a long table and what
:func:`~ungtloft_map.core.analysis.livingconditions.compute_rates` consumes).

How columns are understood (:func:`classify_header`):

- **year**: the last 4-digit year (19xx/20xx) in the header; a header without one takes the
  year found in the title rows above the table, else the ``year`` argument.
- **indicator**: the header is matched (case-, accent- and punctuation-insensitively) against
  :data:`HEADER_SYNONYMS` and the catalogue's own names (``name_nb``, ``name_en``, ``key``),
  the longest synonym first (``Barn i lavinntekt`` is ``child_low_income``, not ``low_income``).
- **kind**: ``rate`` when the header says ``%``, ``andel``, ``prosent``, ``rate``; ``denom``
  when it says ``befolkning``, ``innbyggere``, ``nevner``, ``i alt`` ...; ``count`` when it
  says ``antall``. With no cue, a column holding decimals is a rate and one holding whole
  numbers a count.
- a **denominator** column that names no indicator (``Antall personer 2022``,
  ``Befolkning 18–29 år 2022``) serves the indicators of that year without their own: one
  with an age band serves the indicators whose definition has the same band.

How values become counts and denominators (per indicator and year):

- count + denominator: taken as they are;
- rate + denominator: ``count = round(rate / 100 × denominator)``, said in a warning (the
  rates the app shows then differ from the published ones by the rounding);
- count + rate: ``denominator = round(count × 100 / rate)``, said in a warning;
- a rate or a count alone cannot give a rate the app may show (it never averages rates): the
  column is left out with a warning. No usable indicator at all is a :class:`DataError`.

Suppressed cells become missing values (NaN), counted in one warning; where a count is missing
its denominator is set missing too, so that the municipal figure (sum of counts ÷ sum of
denominators) is taken over the same zones on both sides; empty rows and note rows
(a label and nothing else) are left out; a totals row -- its label (:data:`TOTAL_LABELS`, ``…
kommune``), an empty id beside a name, or values that are the sum of the other rows -- is left
out with a warning; so is a row labelled with the kommune's name when the title names it
(``Trondheim`` under ``Levekår i Trondheim kommune``).

Field mapping (the import dialog's, saved in the manifest): ``{"zone_id": header,
"zone_name": header, "<key>_<kind>:<year>": header, "denom:<year>": header}`` with ``kind`` in
``count``/``denom``/``rate``. :func:`looks_like_wide_table` returns the guessed mapping in
that shape; passing a mapping with indicator entries to :func:`read_wide_table` uses exactly
those columns.

Examples
--------
>>> sniff = looks_like_wide_table("levekar_2022.xlsx")       # doctest: +SKIP
>>> sniff.matches, sniff.mapping["zone_id"]                  # doctest: +SKIP
(True, 'Sonenr')
>>> res = read_wide_table("levekar_2022.xlsx")               # doctest: +SKIP
>>> res.table.columns[:4].tolist()                           # doctest: +SKIP
['zone_id', 'zone_name', 'year', 'low_income_count']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..catalogue import Catalogue
from ..errors import DataError, DataWarning
from .tables import Sniff
from .tables_wide_layout import (
    _LONG_YEAR_KEYS,
    HEADER_SYNONYMS,
    SUPPRESSED_MARKS,
    TOTAL_LABELS,
    WideColumn,
    _band,
    _cell_text,
    _classify,
    _fold,
    _Grid,
    _key,
    _Layout,
    _read_grid,
    _resolve_kind,
    _synonyms,
    _uses_decimal_comma,
    assign_zone_columns,
    classify_header,
    find_layout,
    parse_number,
)

__all__ = [
    "HEADER_SYNONYMS",
    "TOTAL_LABELS",
    "SUPPRESSED_MARKS",
    "WideColumn",
    "WideTable",
    "classify_header",
    "looks_like_wide_table",
    "read_wide_table",
    "parse_number",
]

# --------------------------------------------------------------------------------------------
# sniffing


@dataclass
class _Parsed:
    grid: _Grid
    layout: _Layout
    columns: list[WideColumn]
    data_start: int


def _parse_layout(path: Path, sheet, catalogue: Catalogue, year: int | None,
                  field_map: dict[str, str] | None) -> _Parsed | None:
    grid = _read_grid(path, sheet)
    synonyms = _synonyms(catalogue)
    zone_header = (field_map or {}).get("zone_id")
    layout = find_layout(grid, synonyms, zone_header)
    if layout is None:
        return None
    default_year = layout.title_year if layout.title_year is not None else year
    start = layout.header_rows[-1] + 1
    data = grid.rows[start:]
    cols = [_classify(j, h, synonyms, default_year) if h else WideColumn(j, h, "ignored")
            for j, h in enumerate(layout.headers)]
    if field_map:
        cols = _apply_field_map(cols, field_map, path)
    else:
        cols = assign_zone_columns(cols, data)
    return _Parsed(grid, layout, cols, start)


def _apply_field_map(cols: list[WideColumn], field_map: dict[str, str], path: Path) -> list[WideColumn]:
    by_header = {c.header: c for c in cols}
    explicit = any(":" in k for k in field_map)
    out = {c.index: (c if not explicit and c.role not in ("zone", "zone_id", "zone_name")
                     else WideColumn(c.index, c.header, "ignored")) for c in cols}
    for target, source in field_map.items():
        col = by_header.get(source)
        if col is None:
            raise DataError("the mapped source column is not in the table", file=path, field=source)
        if target in ("zone_id", "zone_name"):
            out[col.index] = WideColumn(col.index, col.header, target)
            continue
        m = re.fullmatch(r"(?:(?P<key>\w+?)_(?P<kind>count|denom|rate)|denom(?:_(?P<band>\d+-\d+))?)"
                         r":(?P<year>\d{4})", target)
        if m is None:
            raise DataError("a wide-table mapping must look like 'low_income_rate:2022', "
                            "'low_income_count:2022' or 'denom:2022'", file=path, field=target)
        y = int(m.group("year"))
        if m.group("key"):
            out[col.index] = WideColumn(col.index, col.header, "indicator", m.group("key"), y, m.group("kind"))
        else:
            out[col.index] = WideColumn(col.index, col.header, "denom", None, y, "denom", m.group("band"))
    return [out[i] for i in sorted(out)]


def looks_like_wide_table(path: str | Path, *, sheet: str | int | None = None,
                          catalogue: Catalogue | None = None) -> Sniff:
    """Whether ``path`` is a wide levekår table, with the guessed field mapping.

    A wide table has a zone column (``Sone``, ``Levekårssone``, ``Sonenr`` ...) in one of its
    first 40 rows, at least one column naming a catalogue indicator with a year (in the header
    or in the title above), and no ``year`` column (that would be the long format). Never raises:
    an unreadable file is ``matches=False`` with the reason in ``detail``.

    Examples
    --------
    >>> s = looks_like_wide_table("levekar.csv")                 # doctest: +SKIP
    >>> s.mapping                                                # doctest: +SKIP
    {'zone_id': 'Sonenr', 'zone_name': 'Levekårssone', 'low_income_rate:2022': 'Lavinntekt 2022 (%)'}
    """
    path = Path(path)
    try:
        parsed = _parse_layout(path, sheet, catalogue or Catalogue.default(), None, None)
    except Exception as exc:  # a sniff never fails: the reader will say what is wrong
        return Sniff(False, {}, "wide", f"unreadable: {exc}")
    if parsed is None:
        return Sniff(False, {}, "wide", "no zone column (Sone, Levekårssone, Sonenr ...) in the first rows")
    if any(_key(h) in _LONG_YEAR_KEYS for h in parsed.layout.headers):
        return Sniff(False, {}, "wide", "the table has a year column: it is a long table")
    inds = [c for c in parsed.columns if c.role == "indicator" and c.year is not None]
    if not inds:
        return Sniff(False, {}, "wide", "no column names a catalogue indicator with a year")
    data = parsed.grid.rows[parsed.data_start:]
    decimal_comma = _uses_decimal_comma(data, parsed.columns)
    mapping: dict[str, str] = {}
    for c in parsed.columns:
        c = _resolve_kind(c, data, decimal_comma)
        mk = c.mapping_key
        if mk and mk not in mapping:
            mapping[mk] = c.header
    return Sniff(True, mapping, "wide",
                 f"header row {parsed.layout.header_rows[0] + 1}, {len(inds)} indicator column(s)")


# --------------------------------------------------------------------------------------------
# reading


@dataclass
class WideTable:
    """A wide levekår table read into the long format.

    Attributes
    ----------
    table
        ``zone_id`` (text), ``zone_name`` (when the table has names), ``year`` (int), then
        ``{key}_count`` and ``{key}_denom`` (float, NaN where suppressed or missing).
    columns
        How each source column was read (:class:`WideColumn`).
    mapping
        The field mapping used, in the manifest's shape.
    suppressed
        Number of suppressed cells (read as missing).
    dropped_rows
        ``(sheet row number, label, why)`` of totals and note rows left out.
    warnings
        Suppressed cells, derived counts/denominators, columns left out, rows left out.
    """

    table: pd.DataFrame
    columns: list[WideColumn]
    mapping: dict[str, str]
    suppressed: int
    dropped_rows: list[tuple[int, str, str]]
    path: Path
    sheet: str | None = None
    warnings: list[DataWarning] = field(default_factory=list)

    def __repr__(self) -> str:
        keys = sorted({c[:-6] for c in self.table.columns if c.endswith("_count")})
        years = sorted(self.table["year"].unique().tolist()) if len(self.table) else []
        return (f"WideTable({self.path.name!r}: {self.table['zone_id'].nunique()} zones, "
                f"years {years}, indicators {keys}, suppressed cells={self.suppressed}, "
                f"rows left out={len(self.dropped_rows)}, warnings={len(self.warnings)})")


def read_wide_table(
    path: str | Path,
    *,
    field_map: dict[str, str] | None = None,
    sheet: str | int | None = None,
    year: int | None = None,
    catalogue: Catalogue | None = None,
) -> WideTable:
    """Read a wide levekår table (CSV or XLSX) into the long format.

    Parameters
    ----------
    path
        ``.csv`` (``;``/``,``/tab, UTF-8 with or without BOM, or Windows-1252) or ``.xlsx``.
    field_map
        ``{"zone_id": header, "<key>_<kind>:<year>": header, ...}``; entries with ``:`` replace
        the guessed indicator columns entirely. Default: guessed (:func:`looks_like_wide_table`).
    sheet
        Sheet name or index of a workbook (default the first).
    year
        Year of the columns whose header and title name none.
    catalogue
        Indicator catalogue (default :meth:`Catalogue.default`).

    Raises
    ------
    DataError
        No zone column, a value that is no number, a negative value, a rate above 100, a year
        missing, or no indicator with both a count and a denominator (or a rate to derive one).
    """
    path = Path(path)
    catalogue = catalogue or Catalogue.default()
    parsed = _parse_layout(path, sheet, catalogue, year, field_map)
    layer = parsed.grid.sheet if parsed else None
    if parsed is None:
        raise DataError("no zone column found in the first 40 rows (a header such as 'Sone', "
                        "'Levekårssone' or 'Sonenr'); map the zone column", file=path, field="zone_id")
    cols = parsed.columns
    if not any(c.role == "zone_id" for c in cols):
        raise DataError("no zone column: map one to zone_id", file=path, layer=layer, field="zone_id")
    data_rows = parsed.grid.rows[parsed.data_start:]
    decimal_comma = _uses_decimal_comma(data_rows, cols)
    cols = [_resolve_kind(c, data_rows, decimal_comma) for c in cols]
    for c in cols:
        if c.role in ("indicator", "denom") and c.year is None:
            raise DataError("no year in the header or the title above the table; pass the year",
                            file=path, layer=layer, field=c.header)
        if c.role == "indicator" and c.key not in catalogue.keys():
            raise DataError(f"unknown indicator '{c.key}'", file=path, layer=layer, field=c.header)
    warnings: list[DataWarning] = []
    zone_col = next(c for c in cols if c.role == "zone_id")
    name_col = next((c for c in cols if c.role == "zone_name"), None)
    value_cols = [c for c in cols if c.role in ("indicator", "denom")]
    kommune = parsed.layout.kommune

    # Parse the values row by row.
    records: list[tuple[int, str, str | None, dict[int, float]]] = []
    dropped: list[tuple[int, str, str]] = []
    suppressed = 0
    for offset, row in enumerate(data_rows):
        sheet_row = parsed.data_start + offset + 1
        zid = _cell_text(_at(row, zone_col))
        zname = _cell_text(_at(row, name_col)) if name_col else None
        values: dict[int, float] = {}
        row_suppressed = 0
        for c in value_cols:
            v, status = parse_number(_at(row, c), decimal_comma=decimal_comma)
            if status == "bad":
                if not zid and not zname:
                    break  # a note row under the table ("Kilde: SSB; .. = skjult")
                raise DataError(f"value {_at(row, c)!r} is not a number (nor a suppression mark "
                                f"such as '..', ':', '–')", file=path, layer=layer, field=c.header,
                                row=sheet_row)
            if status == "suppressed":
                row_suppressed += 1
            elif status == "ok":
                if v < 0:
                    raise DataError(f"negative value {v:g} is not allowed", file=path, layer=layer,
                                    field=c.header, row=sheet_row)
                if c.kind == "rate" and v > 100:
                    raise DataError(f"rate {v:g} is above 100 %", file=path, layer=layer,
                                    field=c.header, row=sheet_row)
                values[c.index] = v
        label = zid or zname or ""
        if not values and not row_suppressed:
            if label:
                dropped.append((sheet_row, label, "no values (a note?)"))
            continue
        if not zid:
            dropped.append((sheet_row, label, "no zone id (a totals row?)"))
            continue
        if _is_total_label(zid, kommune) or (zname and _is_total_label(zname, kommune)):
            dropped.append((sheet_row, label, "totals row"))
            continue
        suppressed += row_suppressed
        records.append((sheet_row, zid, zname, values))
    records, by_sum = _drop_sum_rows(records, value_cols)
    dropped.extend(by_sum)
    if not records:
        raise DataError("the table has no zone rows", file=path, layer=layer, field=zone_col.header)
    seen: dict[str, int] = {}
    for sheet_row, zid, _, _ in records:
        if zid in seen:
            raise DataError(f"zone {zid} appears twice (rows {seen[zid]} and {sheet_row})",
                            file=path, layer=layer, field=zone_col.header, row=sheet_row)
        seen[zid] = sheet_row

    table, notes = _to_long(records, value_cols, catalogue, name_col is not None)
    if not any(c.endswith("_count") for c in table.columns):
        listed = ", ".join(f"'{c.header}'" for c in value_cols[:6]) or "none"
        raise DataError(
            "no indicator has both a count and a denominator (or a rate with a denominator): "
            f"the app computes rates itself and never averages published rates. Columns read: {listed}",
            file=path, layer=layer, field=value_cols[0].header if value_cols else None)
    for msg, fld in notes:
        warnings.append(DataWarning(msg, str(path), layer, fld))
    if suppressed:
        warnings.append(DataWarning(
            f"{suppressed} suppressed cell(s) ('..', ':', '–', 'x') read as missing values",
            str(path), layer, None))
    for sheet_row, label, why in dropped:
        if why != "no values (a note?)":
            warnings.append(DataWarning(f"row {sheet_row} '{label}' left out: {why}",
                                        str(path), layer, zone_col.header))
    for c in value_cols:
        if c.span:
            warnings.append(DataWarning(
                f"the column covers {c.span} (a figure for a period, not one year); read as {c.year}",
                str(path), layer, c.header))
    ignored = [c.header for c in cols if c.role == "ignored" and c.header]
    if ignored:
        warnings.append(DataWarning(
            f"{len(ignored)} column(s) not recognised and left out: {', '.join(ignored[:8])}"
            + (" …" if len(ignored) > 8 else ""), str(path), layer, None))
    mapping = {c.mapping_key: c.header for c in cols if c.mapping_key}
    return WideTable(table, cols, mapping, suppressed, dropped, path, parsed.grid.sheet, warnings)


def _at(row: list[object], col: WideColumn) -> object:
    return row[col.index] if col.index < len(row) else None


def _is_total_label(label: str, kommune: str | None = None) -> bool:
    f = _fold(label).strip()
    if kommune and f == _fold(kommune).strip():  # "Trondheim" under "Levekår i Trondheim kommune"
        return True
    return f in TOTAL_LABELS or f.endswith(" kommune") or f.startswith(("sum ", "hele ", "totalt "))


def _drop_sum_rows(records, value_cols):
    """Leave out rows whose counts are the sum of all the other rows (a totals row)."""
    sum_cols = [c for c in value_cols if c.kind in ("count", "denom")]
    if len(records) < 3 or not sum_cols:
        return records, []
    keep, dropped = [], []
    for i, rec in enumerate(records):
        checked = 0
        is_sum = True
        for c in sum_cols:
            v = rec[3].get(c.index)
            others = [r[3].get(c.index) for j, r in enumerate(records) if j != i]
            known = [o for o in others if o is not None]
            if v is None or len(known) < 2:
                continue
            total = sum(known)
            tol = max(1.0, 0.005 * total)
            if len(known) == len(others):
                checked += 1
                ok = v > 0 and abs(v - total) <= tol
            else:  # suppressed cells in the zones are counted in a published total
                ok = v >= total - tol
            if not ok:
                is_sum = False
                break
        if is_sum and checked:
            dropped.append((rec[0], rec[1] or (rec[2] or ""),
                            "totals row (its values are the sums of the other rows)"))
        else:
            keep.append(rec)
    return keep, dropped


def _to_long(records, value_cols: list[WideColumn], catalogue: Catalogue, with_names: bool):
    """Pair counts, denominators and rates per (indicator, year); build the long table."""
    notes: list[tuple[str, str | None]] = []
    by: dict[tuple[str, int], dict[str, WideColumn]] = {}
    generic: dict[int, list[WideColumn]] = {}
    for c in value_cols:
        if c.role == "denom":
            generic.setdefault(c.year, []).append(c)
        else:
            by.setdefault((c.key, c.year), {}).setdefault(c.kind, c)
    bands = {ind.key: {b for b in (_band(ind.name_nb), _band(ind.definition_nb or "")) if b}
             for ind in catalogue}
    years = sorted({y for _, y in by})
    zone_rows = [(rec[1], rec[2]) for rec in records]
    frames = []
    for y in years:
        out = {"zone_id": [z for z, _ in zone_rows]}
        if with_names:
            out["zone_name"] = [n for _, n in zone_rows]
        out["year"] = [y] * len(zone_rows)
        frames.append(pd.DataFrame(out))
    long = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["zone_id", "year"])
    nz = len(zone_rows)

    def series(col: WideColumn) -> np.ndarray:
        return np.array([rec[3].get(col.index, np.nan) for rec in records], dtype=float)

    for (key, y), kinds in sorted(by.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        count_c, denom_c, rate_c = kinds.get("count"), kinds.get("denom"), kinds.get("rate")
        if denom_c is None and y in generic:
            cands = generic[y]
            banded = [g for g in cands if g.band and g.band in bands.get(key, set())]
            plain = [g for g in cands if not g.band]
            denom_c = (banded or plain or [None])[0]
            shared = " (the denominator column names no indicator)" if denom_c is not None else ""
        else:
            shared = ""
        if count_c is not None and denom_c is not None:
            count, denom = series(count_c), series(denom_c)
            if shared:
                notes.append((f"{key} {y}: denominator taken from '{denom_c.header}'{shared}",
                              denom_c.header))
            if rate_c is not None:  # the published rate is a check on count and denominator
                with np.errstate(divide="ignore", invalid="ignore"):
                    off = np.abs(count / denom * 100.0 - series(rate_c)) > 0.55
                if off.any():
                    notes.append((f"{key} {y}: in {int(off.sum())} zone(s) the published rate "
                                  f"'{rate_c.header}' differs from count ÷ denominator by more than "
                                  "rounding; the app uses count ÷ denominator", rate_c.header))
        elif rate_c is not None and denom_c is not None:
            rate, denom = series(rate_c), series(denom_c)
            count = np.round(rate / 100.0 * denom)
            notes.append((f"{key} {y}: counts computed as round(rate / 100 × denominator) from "
                          f"'{rate_c.header}' and '{denom_c.header}'{shared}; the rates shown differ "
                          "from the published ones by the rounding", rate_c.header))
        elif count_c is not None and rate_c is not None:
            count, rate = series(count_c), series(rate_c)
            with np.errstate(divide="ignore", invalid="ignore"):
                denom = np.where(rate > 0, np.round(count * 100.0 / rate), np.nan)
            notes.append((f"{key} {y}: denominators computed as round(count × 100 / rate) from "
                          f"'{count_c.header}' and '{rate_c.header}' (missing where the rate is 0)",
                          rate_c.header))
        else:
            only = count_c or rate_c or denom_c
            notes.append((f"{key} {y}: left out, the column '{only.header}' has no "
                          f"{'denominator' if only is not denom_c else 'count or rate'} beside it "
                          "(the app needs count and denominator to compute a rate)", only.header))
            continue
        # A suppressed count hides the zone from the municipal figure too: keeping its
        # denominator would bias sum(counts) / sum(denominators) downwards.
        denom = np.where(np.isnan(count), np.nan, denom)
        pos = years.index(y) * nz
        for suffix, values in (("_count", count), ("_denom", denom)):
            name = key + suffix
            if name not in long:
                long[name] = np.nan
            long.loc[pos:pos + nz - 1, name] = values
    return long, notes
