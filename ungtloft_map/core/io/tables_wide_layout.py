"""How a wide levekår table is laid out: cells, numbers, header rows, what each column holds.

The parsing half of :mod:`ungtloft_map.core.io.tables_wide` (which pairs the columns into
counts and denominators): the raw cell grid of a CSV or a workbook, Norwegian number text
(:func:`parse_number`), the header row(s) above the data (:func:`find_layout`), and the
meaning of one header (:func:`classify_header`: indicator key, year, count/denominator/rate).

Examples
--------
>>> parse_number("1\u00a0234,5")
(1234.5, 'ok')
>>> classify_header("Befolkning 18–66 år 2022").band
'18-66'
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..catalogue import Catalogue
from ..errors import DataError
from .tables import _one_line, decode_text

#: Norwegian (and English) header words per catalogue indicator key, besides the catalogue's
#: own ``name_nb``/``name_en``/``key``. Compared folded (lower case, æ→ae, ø→o, å→a, no
#: punctuation); the longest synonym that occurs in a header wins.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "low_income": ("lavinntekt", "lav inntekt", "eu60", "eu 60", "inntekt under 60",
                   "lavinntektshusholdning"),
    "child_low_income": ("barn i lavinntekt", "barn i lavinntektsfamilier",
                         "barn i familier med lavinntekt", "barn i husholdninger med lavinntekt",
                         "barn i husholdninger med vedvarende lavinntekt",
                         "vedvarende lavinntekt barn", "barnefattigdom", "lavinntekt barn"),
    "neet": ("neet", "utenfor arbeid og utdanning", "utenfor arbeid utdanning",
             "verken i arbeid eller utdanning", "unge utenfor"),
    "disability_18_29": ("uforetrygd", "ufore", "uforestonad", "uforetrygdede"),
    "social_assistance": ("sosialhjelp", "sosialhjelpsmottakere", "okonomisk sosialhjelp",
                          "sosialstonad"),
    "low_education": ("lav utdanning", "grunnskole som hoyeste", "kun grunnskole",
                      "grunnskoleniva", "grunnskole hoyeste", "lavt utdanningsniva"),
    "not_employed": ("ikke sysselsatt", "ikke sysselsatte", "ikke i arbeid",
                     "utenfor arbeidslivet", "ikke yrkesaktiv"),
    "crowding": ("trangbodd", "trangboddhet", "trangt bodd", "trangbodde"),
    "immigrant_short": ("kort botid", "innvandrere med kort botid", "botid under 5",
                        "botid under fem"),
    "vgs_completion": ("fullfort videregaende", "fullfort vgs", "gjennomfort videregaende",
                       "gjennomforing videregaende", "gjennomforing vgs", "fullfort og bestatt"),
}

#: Labels of a totals row (folded); also any label ending in `` kommune`` or starting with
#: ``sum ``/``hele ``.
TOTAL_LABELS = frozenset({
    "hele kommunen", "kommunen", "kommune", "totalt", "total", "i alt", "sum", "alle",
    "alle soner", "hele byen", "byen", "kommunen totalt", "kommunen i alt", "samlet",
})

#: Cell texts that mean "suppressed / not published" (SSB and kommune conventions).
SUPPRESSED_MARKS = frozenset({"-", "–", "—", "−", "..", "...", "…", ":", "x", "X", "*", "."})

_RATE_CUES = ("%", "andel", "prosent", "pst", "rate", "share", "percent")
_DENOM_CUES = ("nevner", "grunnlag", "befolkning", "innbyggere", "folkemengde", "denominator",
               "population", "bosatte", "personer i alt", "i alt", "totalt", "personer totalt")
_GENERIC_DENOM_CUES = ("antall personer", "personer")  # only when no indicator is named
_COUNT_CUES = ("antall", "count", "mottakere", "number")
_ZONE_KEYS = {
    "sone", "sonenr", "sonenummer", "soneid", "sonekode", "sonenavn", "levekarssone",
    "levekarssonenr", "levekarssonenummer", "levekarssoneid", "levekarssonenavn",
    "levekarssoner", "levekarsomrade", "zone", "zoneid", "zonename", "grunnkrets",
    "grunnkretsnr", "grunnkretsnummer", "grunnkretsnavn", "delomrade", "omrade", "omradenavn",
    "navn", "name",
}
_ID_HINTS = ("nr", "nummer", "id", "kode")
_LONG_YEAR_KEYS = {"year", "ar", "aar", "arstall", "aarstall", "periode"}
_YEAR_RE = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
_SPAN_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—/]\s*((?:19|20)\d{2})(?!\d)")
_KOMMUNE_RE = re.compile(r"\b([A-ZÆØÅ][\w-]+(?:[ -][A-ZÆØÅ][\w-]+)?) kommune\b")
_BAND_RE = re.compile(r"(?<!\d)(\d{1,2})\s*[-–—]\s*(\d{1,2})(?!\d)")
_SPACES = "\u00a0\u2009\u202f\u2007 '"
_DECIMAL_COMMA_RE = re.compile(r"^[-−]?\d[\d\u00a0\u2009\u202f\u2007 .]*,\d+\s*%?$")
_HEADER_SCAN_ROWS = 40


def _fold(text: object) -> str:
    """Lower case, æ→ae ø→o å→a, accents off, punctuation to spaces (``%`` kept), one space."""
    s = unicodedata.normalize("NFC", str(text)).casefold()
    s = s.replace("æ", "ae").replace("ø", "o").replace("å", "a")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9%]+", " ", s)
    return f" {s.strip()} "


def _key(text: object) -> str:
    return _fold(text).replace(" ", "").replace("%", "")


def _has(folded: str, cues) -> bool:
    return any(_fold(c) in folded if c != "%" else "%" in folded for c in cues)


# --------------------------------------------------------------------------------------------
# numbers


def parse_number(value: object, *, decimal_comma: bool = True) -> tuple[float | None, str]:
    """Parse one cell: ``(value, status)``, status ``ok``, ``empty``, ``suppressed`` or ``bad``.

    Examples
    --------
    >>> parse_number("1\u202f234,5")
    (1234.5, 'ok')
    >>> parse_number("12,3 %")
    (12.3, 'ok')
    >>> parse_number("..")
    (None, 'suppressed')
    >>> parse_number("1.234", decimal_comma=True)
    (1234.0, 'ok')
    """
    if value is None:
        return None, "empty"
    if isinstance(value, bool):
        return None, "bad"
    if isinstance(value, (int, float, np.integer, np.floating)):
        v = float(value)
        if math.isnan(v):
            return None, "empty"
        return (v, "ok") if math.isfinite(v) else (None, "bad")
    text = unicodedata.normalize("NFC", str(value)).strip()
    if not text:
        return None, "empty"
    if text in SUPPRESSED_MARKS:
        return None, "suppressed"
    s = text.rstrip("%").strip()
    for ch in _SPACES:
        s = s.replace(ch, "")
    s = s.replace("−", "-")
    if decimal_comma:
        s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        s = s.replace(",", "") if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", s) else s.replace(",", ".")
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", s):
        return None, "bad"
    v = float(s)  # more than ~309 digits is inf, not an error
    return (v, "ok") if math.isfinite(v) else (None, "bad")


# --------------------------------------------------------------------------------------------
# the raw grid


@dataclass
class _Grid:
    rows: list[list[object]]
    sheet: str | None


def _read_grid(path: Path, sheet: str | int | None) -> _Grid:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx_grid(path, sheet)
    text = decode_text(path)
    lines = [ln for ln in text.splitlines()]
    best: tuple[int, int, str] = (0, 0, ",")
    for delim in (";", "\t", ",", "|"):
        try:
            lengths = [len(r) for r in csv.reader(lines, delimiter=delim)]
        except csv.Error:
            continue
        counts: dict[int, int] = {}
        for n in lengths:
            if n > 1:
                counts[n] = counts.get(n, 0) + 1
        if counts:
            modal = max(counts, key=lambda n: (counts[n], n))
            score = (counts[modal], modal, delim)
            if score[:2] > best[:2]:
                best = score
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=best[2])]
    except csv.Error as exc:  # a stray quote or a NUL byte
        raise DataError(f"cannot parse the table ({_one_line(exc)})", file=path) from None
    return _Grid(rows, None)


def _read_xlsx_grid(path: Path, sheet: str | int | None) -> _Grid:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise DataError(f"cannot read the workbook ({_one_line(exc)})", file=path) from None
    try:
        names = wb.sheetnames
        if sheet is None or sheet == 0:
            name = names[0]
        elif isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise DataError(f"the workbook has {len(names)} sheet(s)", file=path, layer=str(sheet))
            name = names[sheet]
        elif sheet in names:
            name = sheet
        else:
            raise DataError(f"no such sheet (the workbook has: {', '.join(names)})", file=path,
                            layer=str(sheet))
        rows: list[list[object]] = []
        for cells in wb[name].iter_rows():
            row: list[object] = []
            for cell in cells:
                v = getattr(cell, "value", None)
                fmt = getattr(cell, "number_format", "") or ""
                # A cell formatted as percent stores 0.123 for 12.3 %.
                if isinstance(v, (int, float)) and not isinstance(v, bool) and "%" in fmt:
                    v = float(v) * 100.0
                row.append(v)
            rows.append(row)
    except DataError:
        raise
    # read_only parses the sheet while iterating: a damaged member raises there, as anything
    # (IndexError for a style index past the styles, KeyError, XML and zlib errors).
    except Exception as exc:
        raise DataError(f"cannot read the workbook ({_one_line(exc)})", file=path) from None
    finally:
        wb.close()
    return _Grid(rows, name)


def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return unicodedata.normalize("NFC", str(v)).strip()


# --------------------------------------------------------------------------------------------
# headers


@dataclass(frozen=True)
class WideColumn:
    """How one column of a wide table is read.

    ``role`` is ``zone_id``, ``zone_name``, ``indicator``, ``denom`` (a denominator that names
    no indicator) or ``ignored``; ``kind`` is ``count``, ``denom``, ``rate`` or ``None`` (decided
    from the values).
    """

    index: int
    header: str
    role: str
    key: str | None = None
    year: int | None = None
    kind: str | None = None
    band: str | None = None
    span: str | None = None  # "2020–2022" when the header names a period (a multi-year figure)

    @property
    def mapping_key(self) -> str | None:
        """The field-map key of this column (``low_income_rate:2022``, ``denom:2022``)."""
        if self.role == "indicator" and self.kind and self.year:
            return f"{self.key}_{self.kind}:{self.year}"
        if self.role == "denom" and self.year:
            return f"denom{'_' + self.band if self.band else ''}:{self.year}"
        if self.role in ("zone_id", "zone_name"):
            return self.role
        return None


def _synonyms(catalogue: Catalogue) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for ind in catalogue:
        names = [ind.key, ind.name_nb, getattr(ind, "name_en", None), *HEADER_SYNONYMS.get(ind.key, ())]
        for n in names:
            if n:
                f = _fold(n).strip()
                if f:
                    pairs.append((f, ind.key))
    pairs.sort(key=lambda p: -len(p[0]))
    return pairs


def _band(text: str) -> str | None:
    m = _BAND_RE.search(text)
    return f"{int(m.group(1))}-{int(m.group(2))}" if m else None


def classify_header(header: str, *, catalogue: Catalogue | None = None,
                    default_year: int | None = None) -> WideColumn:
    """Guess what a wide-table header holds (indicator, year, kind). ``index`` is 0.

    Examples
    --------
    >>> c = classify_header("Andel med lav inntekt 2021 (%)")
    >>> (c.role, c.key, c.year, c.kind)
    ('indicator', 'low_income', 2021, 'rate')
    >>> c = classify_header("Antall personer 2022")
    >>> (c.role, c.year, c.kind)
    ('denom', 2022, 'denom')
    """
    catalogue = catalogue or Catalogue.default()
    return _classify(0, header, _synonyms(catalogue), default_year)


def _classify(index: int, header: str, synonyms, default_year: int | None) -> WideColumn:
    years = _YEAR_RE.findall(header)
    year = int(years[-1]) if years else default_year
    period = _SPAN_RE.search(header)
    span = f"{period.group(1)}–{period.group(2)}" if period else None
    rest = _YEAR_RE.sub(" ", header)
    folded = _fold(rest)
    if _key(rest) in _ZONE_KEYS:
        role = "zone_id" if any(_key(rest).endswith(h) for h in _ID_HINTS) else "zone"
        return WideColumn(index, header, role)
    key = next((k for syn, k in synonyms if f" {syn} " in folded), None)
    band = _band(rest)
    if key is None:
        if _has(folded, _DENOM_CUES) or _has(folded, _GENERIC_DENOM_CUES):
            return WideColumn(index, header, "denom", None, year, "denom", band, span)
        return WideColumn(index, header, "ignored", None, year)
    if _has(folded, _RATE_CUES):
        kind: str | None = "rate"
    elif _has(folded, _DENOM_CUES):
        kind = "denom"
    elif _has(folded, _COUNT_CUES):
        kind = "count"
    else:
        kind = None
    return WideColumn(index, header, "indicator", key, year, kind, band, span)


@dataclass
class _Layout:
    header_rows: tuple[int, ...]
    headers: list[str]
    title_year: int | None
    kommune: str | None = None  # "Trondheim" from a title such as "Levekår i Trondheim kommune"


def find_layout(grid: _Grid, synonyms, zone_header: str | None) -> _Layout | None:
    rows = grid.rows
    width = max((len(r) for r in rows[:_HEADER_SCAN_ROWS + 5]), default=0)

    def texts(i: int) -> list[str]:
        r = rows[i] if i < len(rows) else []
        return [_cell_text(v) for v in r] + [""] * (width - len(r))

    for i in range(min(len(rows), _HEADER_SCAN_ROWS)):
        cells = texts(i)
        if zone_header is not None:
            zone_cols = [j for j, c in enumerate(cells) if c == zone_header]
        else:
            zone_cols = [j for j, c in enumerate(cells) if c and _key(_YEAR_RE.sub("", c)) in _ZONE_KEYS]
        if not zone_cols:
            continue
        others = [j for j, c in enumerate(cells) if c and j not in zone_cols]
        if not others:
            continue
        header_rows: tuple[int, ...] = (i,)
        headers = cells
        below = texts(i + 1)
        above = texts(i - 1) if i > 0 else [""] * width
        # Two-row header: indicators in merged cells, years in the row below (or above).
        if any(_key(c) in _LONG_YEAR_KEYS for c in cells):
            return _Layout((i,), cells, None)  # a long table: the caller tells it apart
        if _year_only_count(below, zone_cols) >= 2 and not any(below[j] for j in zone_cols):
            headers = _combine(cells, below)
            header_rows = (i, i + 1)
        elif _year_only_count(cells, zone_cols) >= 2 and any(above):
            headers = _combine(above, cells)
            header_rows = (i - 1, i)
        title_year = kommune = None
        for r in range(header_rows[0]):
            found = [y for c in texts(r) for y in _YEAR_RE.findall(c)]
            if found:
                title_year = int(found[-1])
            named = [m.group(1) for c in texts(r) for m in _KOMMUNE_RE.finditer(c)]
            if named and kommune is None:
                kommune = named[0]
        return _Layout(header_rows, headers, title_year, kommune)
    return None


def _year_only_count(cells: list[str], skip: list[int]) -> int:
    return sum(1 for j, c in enumerate(cells) if j not in skip and re.fullmatch(r"(19|20)\d{2}", c))


def _combine(upper: list[str], lower: list[str]) -> list[str]:
    out: list[str] = []
    last = ""
    for u, lo in zip(upper, lower, strict=False):
        if u:
            last = u
        top = u or (last if lo else "")
        out.append(f"{top} {lo}".strip() if lo else top)
    return out


def assign_zone_columns(cols: list[WideColumn], data: list[list[object]]) -> list[WideColumn]:
    zone_like = [c for c in cols if c.role in ("zone", "zone_id")]
    if not zone_like:
        return cols
    ids = [c for c in zone_like if c.role == "zone_id"]
    if not ids and len(zone_like) > 1:
        # The column of mostly digit values is the id, the other the name.
        def digits(c: WideColumn) -> float:
            vals = [_cell_text(r[c.index]) for r in data if c.index < len(r) and _cell_text(r[c.index])]
            return sum(v.isdigit() for v in vals) / max(len(vals), 1)
        ids = [max(zone_like, key=digits)]
    id_col = ids[0] if ids else zone_like[0]
    name_col = next((c for c in zone_like if c.index != id_col.index), None)
    out = []
    for c in cols:
        if c.index == id_col.index:
            out.append(WideColumn(c.index, c.header, "zone_id"))
        elif name_col is not None and c.index == name_col.index:
            out.append(WideColumn(c.index, c.header, "zone_name"))
        elif c.role in ("zone", "zone_id"):
            out.append(WideColumn(c.index, c.header, "ignored"))
        else:
            out.append(c)
    return out


def _uses_decimal_comma(rows: list[list[object]], cols: list[WideColumn]) -> bool:
    idx = [c.index for c in cols if c.role in ("indicator", "denom")]
    for row in rows:
        for j in idx:
            if j < len(row) and isinstance(row[j], str) and _DECIMAL_COMMA_RE.match(row[j].strip()):
                return True
    return False


def _resolve_kind(c: WideColumn, rows: list[list[object]], decimal_comma: bool) -> WideColumn:
    if c.role != "indicator" or c.kind is not None:
        return c
    vals = [parse_number(r[c.index], decimal_comma=decimal_comma)[0] for r in rows if c.index < len(r)]
    vals = [v for v in vals if v is not None]
    kind = "rate" if any(not float(v).is_integer() for v in vals) else "count"
    return dataclasses.replace(c, kind=kind)
