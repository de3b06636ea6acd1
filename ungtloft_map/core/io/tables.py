"""Read attribute tables (CSV, XLSX): the levekår indicator table.

Examples
--------
>>> table = read_indicator_table("geodata/demo/indicators.csv")  # doctest: +SKIP
>>> table.columns[:3].tolist()  # doctest: +SKIP
['zone_id', 'year', 'low_income_count']
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError

_ENCODINGS = ("utf-8-sig", "cp1252")
# Count and denominator columns must hold numbers; other all-text columns are kept as text.
_NUMERIC_SUFFIXES = ("_count", "_denom")


def read_table(path: str | Path, *, sheet: str | int | None = 0) -> pd.DataFrame:
    """Read a CSV (``,``/``;``/tab, UTF-8 or cp1252) or XLSX table as strings-or-numbers."""
    path = Path(path)
    if not path.exists():
        raise DataError("file not found", file=path)
    if not path.is_file():  # a folder: read_bytes() would raise IsADirectoryError
        raise DataError("not a file (a folder?)", file=path)
    if path.stat().st_size == 0:
        raise DataError("the file is empty (0 bytes)", file=path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            return pd.read_excel(path, sheet_name=sheet, engine="openpyxl", dtype={"zone_id": str})
        except Exception as exc:
            raise DataError(f"cannot read the workbook ({str(exc)[:200]})", file=path) from None
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
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        sep = dialect.delimiter
    except csv.Error:
        sep = ","
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype={"zone_id": str})
    except Exception as exc:
        raise DataError(f"cannot parse the table ({str(exc)[:200]})", file=path) from None


def read_indicator_table(
    path: str | Path, *, field_map: dict[str, str] | None = None
) -> pd.DataFrame:
    """Read a long indicator table: one row per zone and year, numeric count columns.

    Raises
    ------
    DataError
        Missing ``zone_id``/``year``, a non-numeric or negative value, a duplicate
        (zone_id, year) pair. The message names the file, the field and the row.
    """
    path = Path(path)
    df = read_table(path)
    if field_map:  # {role column: source column}, as for layers
        for target, source in field_map.items():
            if source not in df.columns:
                raise DataError("the mapped source column is not in the table", file=path, field=source)
            df[target] = df[source]
    if df.empty:
        raise DataError("the table has no rows", file=path)
    for name in ("zone_id", "year"):
        if name not in df.columns:
            raise DataError(
                f"required column is missing (the table has: {', '.join(map(str, df.columns))})",
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
