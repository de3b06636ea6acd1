"""Fuzzing read_table / read_indicator_table with broken CSV and XLSX files.

Every input must load or end in a DataError naming the file (see _fuzz.py).
"""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.robustness._fuzz import (
    NASTY_NUMBER_TEXT,
    NASTY_NUMBERS,
    fuzz_settings,
    loads_or_data_error,
    truncations_and_flips,
    write_bytes,
)
from ungtloft_map.core.io.tables import read_indicator_table, read_table

VALID_CSV = (
    "zone_id,year,zone_name,neet_count,neet_denom,low_income_count,low_income_denom\n"
    "0101,2023,Bakklandet,3,40,12,180\n"
    "0102,2023,Øya,5,52,20,210\n"
    "0101,2024,Bakklandet,4,41,11,182\n"
    "0102,2024,Øya,6,50,19,205\n"
).encode()


def _check(path):
    loads_or_data_error(read_table, path)
    df = loads_or_data_error(read_indicator_table, path)
    if df is not None:
        assert len(df) > 0
        assert df["year"].dtype.kind == "i"
        assert not df.duplicated(["zone_id", "year"]).any()
        for col in df.columns:  # count columns: finite, non-negative numbers
            if str(col).endswith(("_count", "_denom")):
                values = df[col].dropna()
                assert values.dtype.kind in "iufb", col
                assert np.isfinite(values.astype(float)).all() and (values >= 0).all(), col


@fuzz_settings(50)
@given(data=truncations_and_flips(VALID_CSV, b',;\t"\n\r0123456789-.e\xff\xc3\xd8'))
def test_csv_truncated_or_flipped(fuzz_dir, data):
    _check(write_bytes(fuzz_dir, ".csv", data))


COLUMN_VALUES = st.sampled_from([*NASTY_NUMBERS, "2024", "0101", "abc", "Øya", '"', "NA"])


@pytest.mark.parametrize("column", ["zone_id", "year", "zone_name", "neet_count", "neet_denom"])
@fuzz_settings(10)
@given(value=COLUMN_VALUES, every_row=st.booleans(), sep=st.sampled_from([",", ";", "\t"]))
def test_bad_value_in_each_column(fuzz_dir, column, value, every_row, sep):
    lines = VALID_CSV.decode().splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    c = header.index(column)
    for i, row in enumerate(rows):
        if every_row or i == 0:
            row[c] = value
    text = "\n".join(sep.join(r) for r in [header, *rows]) + "\n"
    _check(write_bytes(fuzz_dir, ".csv", text.encode()))


CELL = st.one_of(
    NASTY_NUMBER_TEXT,
    st.integers(-5, 3000).map(str),
    st.sampled_from(["0101", "0102", "2024", "2023", "abc", "Øya", '"quoted, comma"', '"', "'",
                     "NA", "null", "#N/A", "TRUE"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8),
)
COLUMNS = st.lists(
    st.sampled_from(["zone_id", "year", "zone_name", "district_id", "neet_count", "neet_denom",
                     "crowding_count", "notes", "", "year", "sønn", "Unnamed: 0"]),
    min_size=0, max_size=6,
)


@st.composite
def csv_files(draw):
    columns = draw(COLUMNS)
    rows = draw(st.lists(st.lists(CELL, min_size=len(columns), max_size=len(columns) + 1),
                         max_size=6))
    sep = draw(st.sampled_from([",", ";", "\t", "|", " ", ",;"]))  # wrong delimiters too
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(sep.join(r) for r in [columns, *rows]) + draw(st.sampled_from(["", newline]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]))
    return text.encode(encoding, errors="replace")


@fuzz_settings(60)
@given(data=csv_files())
def test_generated_csv(fuzz_dir, data):
    _check(write_bytes(fuzz_dir, ".csv", data))


@fuzz_settings(40)
@given(data=csv_files(), field_map=st.dictionaries(
    st.sampled_from(["zone_id", "year", "neet_count"]),
    st.sampled_from(["zone_id", "year", "zone_name", "missing", ""]), max_size=2))
def test_generated_csv_with_field_map(fuzz_dir, data, field_map):
    path = write_bytes(fuzz_dir, ".csv", data)
    loads_or_data_error(read_indicator_table, path, field_map=field_map)


# --------------------------------------------------------------------------------------------
# XLSX


@pytest.fixture(scope="module")
def valid_xlsx() -> bytes:
    buf = io.BytesIO()
    pd.read_csv(io.BytesIO(VALID_CSV), dtype={"zone_id": str}).to_excel(buf, index=False)
    return buf.getvalue()


@fuzz_settings(30)
@given(data=st.data())
def test_xlsx_truncated_or_flipped(fuzz_dir, valid_xlsx, data):
    raw = data.draw(truncations_and_flips(valid_xlsx, b"PK\x03\x04\x01\x02<>/\"= 0123456789"))
    _check(write_bytes(fuzz_dir, ".xlsx", raw))


@fuzz_settings(20)
@given(data=st.data())
def test_xlsx_that_is_not_a_workbook(fuzz_dir, valid_xlsx, data):
    kind = data.draw(st.sampled_from(["csv bytes", "random", "empty zip", "other zip",
                                      "members dropped"]))
    if kind == "csv bytes":
        raw = VALID_CSV
    elif kind == "random":
        raw = data.draw(st.binary(min_size=1, max_size=300))
    else:
        with zipfile.ZipFile(io.BytesIO(valid_xlsx)) as zf:
            members = {i.filename: zf.read(i) for i in zf.infolist()}
        if kind == "empty zip":
            members = {}
        elif kind == "other zip":
            members = {"hello.txt": b"not a workbook", "xl/workbook.xml": b"<not xml"}
        else:
            keep = data.draw(st.sets(st.sampled_from(sorted(members))))
            members = {k: v for k, v in members.items() if k in keep}
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name, content in members.items():
                zf.writestr(name, content)
        raw = buf.getvalue()
    _check(write_bytes(fuzz_dir, ".xlsx", raw))


XLSX_CELL = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**40), 2**40),
    st.floats(allow_nan=True, allow_infinity=False),
    st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=6),  # openpyxl-safe
    st.sampled_from(["inf", "1e400", "2024", "0101", "=1/0", "=A1", "#DIV/0!"]),
    st.datetimes(min_value=pd.Timestamp("1900-03-01").to_pydatetime(),
                 max_value=pd.Timestamp("2100-01-01").to_pydatetime()),
)


@fuzz_settings(20)
@given(
    header=st.lists(st.one_of(st.sampled_from(["zone_id", "year", "neet_count", "neet_denom"]),
                              st.integers(0, 3), st.none()), min_size=1, max_size=4),
    rows=st.lists(st.lists(XLSX_CELL, min_size=4, max_size=4), max_size=4),
)
def test_generated_xlsx(fuzz_dir, header, rows):
    # Written cell by cell with openpyxl so the header may hold numbers, blanks and repeats.
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append([v if not isinstance(v, float) or np.isfinite(v) else None for v in r][: len(header)])
    buf = io.BytesIO()
    wb.save(buf)
    _check(write_bytes(fuzz_dir, ".xlsx", buf.getvalue()))
