"""Read attribute tables (CSV, XLSX): the levekår indicator table.

Two layouts are read by :func:`read_indicator_table`:

- **long** (the app's own): one row per zone and year, ``zone_id``, ``year`` and
  ``{key}_count``/``{key}_denom`` columns;
- **wide** (as a kommune publishes it): zones in rows, one column per indicator and year,
  Norwegian headers, title rows, decimal commas, suppressed cells -- read by
  :mod:`ungtloft_map.core.io.tables_wide` into the long layout.

Sniffing for the importer: :func:`looks_like_indicator_table` returns a :class:`Sniff`
(``matches``, ``mapping``, ``layout`` ``"long"``/``"wide"``, ``detail``); the mapping is the
field map to save in the manifest. :func:`zone_id_mismatch` / :func:`check_zone_ids` build the
message (first few ids of each side) for a table whose zone ids match none of the zones.

Examples
--------
>>> from ungtloft_map.paths import demo_dir
>>> table = read_indicator_table(demo_dir() / "indicators.csv")
>>> table.columns[:3].tolist()
['zone_id', 'year', 'low_income_count']
>>> table.attrs.get("warnings", [])
[]
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..errors import DataError, DataWarning

_ENCODINGS = ("utf-8-sig", "cp1252")
# Count and denominator columns must hold numbers; other all-text columns are kept as text.
_NUMERIC_SUFFIXES = ("_count", "_denom")


class Sniff(NamedTuple):
    """What a ``looks_like_*`` function found: whether the file is of that kind, and how.

    ``mapping`` is the guessed field map (``{role field: source field}``) in the shape the
    manifest stores; ``layout`` names the variant (``"long"``, ``"wide"``, ``"addresses"`` ...);
    ``detail`` says why in a few words.
    """

    matches: bool
    mapping: dict[str, str]
    layout: str | None = None
    detail: str = ""

    def __bool__(self) -> bool:
        return self.matches


def _check_file(path: Path) -> None:
    try:
        exists, is_file = path.exists(), path.is_file()
        size = path.stat().st_size if is_file else None
    # Path.exists() passes on OSErrors other than "no such file": a name longer than the file
    # system allows (ENAMETOOLONG, e.g. from a manifest), no permission on a folder, ...
    except OSError as exc:
        raise DataError(f"cannot open the file ({exc.strerror or exc})", file=path) from None
    if not exists:
        raise DataError("file not found", file=path)
    if not is_file:  # a folder: read_bytes() would raise IsADirectoryError
        raise DataError("not a file (a folder?)", file=path)
    if size == 0:
        raise DataError("the file is empty (0 bytes)", file=path)


def decode_text(path: str | Path) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), else Windows-1252; NFC-normalised.

    Raises
    ------
    DataError
        Missing, empty or unreadable file.
    """
    path = Path(path)
    _check_file(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:  # no permission, a disk error
        raise DataError(f"cannot read the file ({exc.strerror or exc})", file=path) from None
    for enc in _ENCODINGS:
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise DataError("unknown text encoding (expected UTF-8 or Windows-1252)", file=path)
    # Excel on macOS writes decomposed letters (a + combining ring); compare as composed.
    return unicodedata.normalize("NFC", text)


def read_table(path: str | Path, *, sheet: str | int | None = 0,
               text_columns: tuple[str, ...] = ("zone_id",)) -> pd.DataFrame:
    """Read a CSV (``,``/``;``/tab, UTF-8 or cp1252) or XLSX table as strings-or-numbers.

    ``text_columns`` are read as text (ids keep their leading zeros: ``0101``).
    """
    path = Path(path)
    _check_file(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            return pd.read_excel(path, sheet_name=sheet, engine="openpyxl", dtype=dict.fromkeys(text_columns, str))
        except Exception as exc:
            raise DataError(f"cannot read the workbook ({_one_line(exc)})", file=path) from None
    text = decode_text(path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        sep = dialect.delimiter
    except csv.Error:
        sep = ","
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=dict.fromkeys(text_columns, str))
    except Exception as exc:
        raise DataError(f"cannot parse the table ({_one_line(exc)})", file=path) from None
    _check_row_widths(text, sep, len(df.columns), path)
    return df


def _names(columns) -> str:
    """Column names for a message, each on one line (a header cell may hold a line break)."""
    return ", ".join(" ".join(str(c).split()) for c in columns)


def _one_line(exc: Exception) -> str:
    """An exception's text on one line (pandas' parser errors end in a newline, and the CLI
    prints a DataError as its one line on stderr)."""
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _check_row_widths(text: str, sep: str, width: int, path: Path) -> None:
    """Refuse a row with fewer fields than the header: pandas fills the missing cells with NaN,
    so a file cut off mid-row (a half-copied download) would load, its last zone's figures
    read as suppressed and the zones after it as zones without data."""
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        for cells in reader:
            if 0 < len(cells) < width and any(c.strip() for c in cells):
                line = reader.line_num  # the physical line (a quoted cell may span lines)
                raise DataError(f"line {line} has {len(cells)} of the header's {width} fields (the "
                                "file is cut off or a row is broken)", file=path, row=line)
    except csv.Error:  # what pandas parsed, the csv module may not (a NUL byte): nothing to add
        return


def looks_like_indicator_table(path: str | Path, *, catalogue=None) -> Sniff:
    """Whether ``path`` is a levekår table (long or wide), with the guessed field mapping.

    Long: a zone id column and a year column (``zone_id``/``sone``/``sonenr`` ...,
    ``year``/``år``) in the header row, mapping ``{"zone_id": ..., "year": ...}`` plus
    ``{"<key>_count"/"<key>_denom": header}`` for Norwegian count and denominator headers
    (``Lavinntekt antall``, ``Lavinntekt nevner``; see
    :func:`~ungtloft_map.core.io.tables_wide_layout.classify_header`). Wide: see
    :func:`~ungtloft_map.core.io.tables_wide.looks_like_wide_table`. Never raises.

    Examples
    --------
    >>> from ungtloft_map.paths import demo_dir
    >>> looks_like_indicator_table(demo_dir() / "indicators.csv").layout
    'long'
    """
    from .tables_wide import looks_like_wide_table
    from .tables_wide_layout import classify_header

    path = Path(path)
    try:
        head = read_table(path).columns
    except Exception:  # a sniff never fails: the reader will say what is wrong
        head = None
    if head is not None:
        mapping: dict[str, str] = {}
        for target, names in (("zone_id", _LONG_ZONE_KEYS), ("year", _LONG_YEAR_KEYS)):
            hit = next((str(c) for c in head if _plain_key(c) in names), None)
            if hit is not None:
                mapping[target] = hit
        if len(mapping) == 2:
            # Norwegian count/denominator headers ("Lavinntekt antall", "Lavinntekt nevner").
            for c in map(str, head):
                if c in mapping.values() or c.endswith(_NUMERIC_SUFFIXES):
                    continue
                col = classify_header(c, catalogue=catalogue)
                if col.role == "indicator" and col.kind in ("count", "denom"):
                    mapping.setdefault(f"{col.key}_{col.kind}", c)
            return Sniff(True, mapping, "long", "zone id and year columns")
    return looks_like_wide_table(path, catalogue=catalogue)


_LONG_ZONE_KEYS = {"zoneid", "sone", "soneid", "sonenr", "sonenummer", "levekarssone",
                   "levekarssonenr", "levekarssonenummer", "grunnkrets", "grunnkretsnummer"}
_LONG_YEAR_KEYS = {"year", "ar", "aar", "arstall", "aarstall"}


def _plain_key(name: object) -> str:
    text = str(name).lower().replace("ø", "o").replace("æ", "ae")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(c for c in text if c.isalnum())


def _wants_wide(path: Path, field_map: dict[str, str] | None, catalogue) -> bool:
    if field_map and any(":" in str(k) for k in field_map):
        return True
    if field_map and {"zone_id", "year"} <= set(field_map):
        return False
    from .tables_wide import looks_like_wide_table

    return looks_like_wide_table(path, catalogue=catalogue).matches


def read_indicator_table(
    path: str | Path, *, field_map: dict[str, str] | None = None, catalogue=None,
) -> pd.DataFrame:
    """Read an indicator table, long or wide, into the long layout.

    One row per zone and year, ``zone_id`` (text), ``year`` (int) and numeric count columns.
    A wide table (:mod:`~ungtloft_map.core.io.tables_wide`: detected, or asked for by a field map
    with ``"<key>_<kind>:<year>"`` entries) is converted; what was repaired or left out on the
    way (suppressed cells, derived counts, a totals row) is in ``table.attrs["warnings"]``
    (a list of :class:`~ungtloft_map.core.errors.DataWarning`, empty for a long table),
    ``table.attrs["layout"]`` is ``"long"`` or ``"wide"``, and ``attrs["path"]``,
    ``attrs["sheet"]``, ``attrs["zone_field"]`` say where the zone ids came from (for
    :func:`check_zone_ids`).

    Raises
    ------
    DataError
        Missing ``zone_id``/``year``, a non-numeric or negative value, a duplicate
        (zone_id, year) pair. The message names the file, the field and the row.
    """
    path = Path(path)
    _check_file(path)
    if _wants_wide(path, field_map, catalogue):
        from .tables_wide import read_wide_table

        wide = read_wide_table(path, field_map=field_map, catalogue=catalogue)
        df = _check_long(wide.table, path)
        df.attrs.update(warnings=list(wide.warnings), layout="wide", path=str(path),
                        sheet=wide.sheet, zone_field=wide.mapping.get("zone_id", "zone_id"))
        return df
    ids = ("zone_id", (field_map or {}).get("zone_id", "zone_id"))
    df = read_table(path, text_columns=ids)
    if field_map:  # {role column: source column}, as for layers
        for target, source in field_map.items():
            if source not in df.columns:
                raise DataError("the mapped source column is not in the table", file=path, field=source)
            df[target] = df[source]
    df = _check_long(df, path)
    df.attrs.update(warnings=[], layout="long", path=str(path), sheet=None,
                    zone_field=(field_map or {}).get("zone_id", "zone_id"))
    return df


def _check_long(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    if df.empty:
        raise DataError("the table has no rows", file=path)
    for name in ("zone_id", "year"):
        if name not in df.columns:
            raise DataError(
                f"required column is missing (the table has: {_names(df.columns)})",
                file=path,
                field=name,
            )
    df["zone_id"] = df["zone_id"].astype(str).str.strip()
    years = pd.to_numeric(df["year"], errors="coerce")
    # Not only text: "inf", 1e30 and 2024.5 are numbers but no year (casting "inf" to int
    # raises IntCastingNaNError, 1e30 would wrap around).
    bad_year = years.isna() | ~years.between(0, 9999) | (years % 1 != 0)
    if bad_year.any():
        row = int(bad_year.to_numpy().nonzero()[0][0])
        value = df["year"].iloc[row]
        shown = repr(value) if isinstance(value, str) else str(value)
        raise DataError(f"year {shown} is not a year (a whole number)", file=path, field="year",
                        row=row + 2)
    df["year"] = years.astype(int)
    for col in df.columns:
        if col in ("zone_id", "year", "zone_name", "district_id"):
            continue
        values = pd.to_numeric(df[col], errors="coerce")
        strict = str(col).endswith(_NUMERIC_SUFFIXES)
        if not strict and values.notna().sum() == 0 and df[col].notna().any():
            continue  # a text column (names, notes): kept as it is
        bad = values.isna() & df[col].notna() & (df[col].astype(str).str.strip() != "")
        # "inf" parses as a number, but an infinite count would make every rate inf or NaN
        bad |= np.isinf(values.astype(float))
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            value = df[col].iloc[row]
            shown = repr(value) if isinstance(value, str) else str(value)
            raise DataError(f"value {shown} is not a (finite) number", file=path, field=col,
                            row=row + 2)
        if (values < 0).any():
            row = int((values < 0).to_numpy().nonzero()[0][0])
            raise DataError(f"negative value {values.iloc[row]:g} is not allowed", file=path, field=col, row=row + 2)
        df[col] = values
    dup = df.duplicated(["zone_id", "year"])
    if dup.any():
        row = int(dup.to_numpy().nonzero()[0][0])
        raise DataError(
            f"zone {df['zone_id'].iloc[row]} appears twice for year {df['year'].iloc[row]}",
            file=path, field="zone_id", row=row + 2,
        )
    return df


# --------------------------------------------------------------------------------------------
# zone ids of a table against the zones


def zone_id_mismatch(table_ids: Iterable[object], zone_ids: Iterable[object], *, limit: int = 5,
                     what: str = "the indicator table") -> str | None:
    """The message for a table whose zone ids match none of the zones; ``None`` if any match.

    Lists the first ``limit`` ids of each side and names the likely cause (leading zeros lost
    in a spreadsheet, names against numbers).

    Examples
    --------
    >>> zone_id_mismatch(["101", "102"], ["0101", "0102"])  # doctest: +NORMALIZE_WHITESPACE
    "none of the 2 zone id(s) in the indicator table match one of the 2 zones: the table has
    '101', '102'; the zones have '0101', '0102' (the ids differ only by leading zeros: store
    the ids as text)"
    >>> zone_id_mismatch(["a"], ["a", "b"]) is None
    True
    """
    t = list(dict.fromkeys(str(i).strip() for i in table_ids if i is not None and str(i).strip()))
    z = list(dict.fromkeys(str(i).strip() for i in zone_ids if i is not None and str(i).strip()))
    if set(t) & set(z):
        return None

    def listing(ids: list[str]) -> str:
        shown = ", ".join(f"'{i}'" for i in ids[:limit])
        return shown + (f" … (+{len(ids) - limit})" if len(ids) > limit else "") if ids else "none"

    msg = (f"none of the {len(t)} zone id(s) in {what} match one of the {len(z)} zones: "
           f"the table has {listing(t)}; the zones have {listing(z)}")
    if {i.lstrip("0") for i in t} & {i.lstrip("0") for i in z}:
        msg += " (the ids differ only by leading zeros: store the ids as text)"
    elif t and z and ((_all_numbers(t) and _all_names(z)) or (_all_names(t) and _all_numbers(z))):
        msg += (" (one side has numbers, the other names: map the zone id of the zones layer "
                "or of the table to the matching column)")
    return msg


def _all_numbers(ids: list[str]) -> bool:
    return all(i.isdigit() for i in ids)


def _all_names(ids: list[str]) -> bool:
    return all(sum(c.isalpha() for c in i) >= 3 for i in ids)


def check_zone_ids(table_ids: Iterable[object], zone_ids: Iterable[object], *, file=None,
                   layer: str | None = None, field: str = "zone_id", limit: int = 5,
                   what: str = "the indicator table") -> None:
    """Raise :class:`DataError` when no zone id of a table is a zone id of the zones layer.

    Raises
    ------
    DataError
        With :func:`zone_id_mismatch`'s message, naming ``file``, ``layer`` and ``field``.
    """
    msg = zone_id_mismatch(table_ids, zone_ids, limit=limit, what=what)
    if msg is not None:
        raise DataError(msg, file=file, layer=layer, field=field)


def table_warnings(table: pd.DataFrame) -> list[DataWarning]:
    """The warnings :func:`read_indicator_table` left in ``table.attrs`` (empty if none)."""
    return list(table.attrs.get("warnings", []))
