"""Fuzzing read_wide_table / looks_like_wide_table with damaged wide levekår tables.

The valid inputs are written by tests/standard_fixtures_tables.py: a kommune's wide workbook
(title rows, a header per indicator and year, a totals row) and the wide ``;`` CSV in
Windows-1252 with decimal commas. The fuzz cuts and flips their bytes or puts awkward text into
one cell. Every input must load or end in a DataError naming the file (see _fuzz.py); the
sniffer must never raise.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.robustness._fuzz import (
    NASTY_NUMBERS,
    fuzz_settings,
    loads_or_data_error,
    truncations_and_flips,
    write_bytes,
)
from tests.standard_fixtures_tables import write_wide_levekar_csv, write_wide_levekar_xlsx
from ungtloft_map.core.io.tables_wide import looks_like_wide_table, read_wide_table

WRITERS = {
    "csv": (".csv", lambda d: write_wide_levekar_csv(d / "levekar.csv")),
    "xlsx": (".xlsx", lambda d: write_wide_levekar_xlsx(d / "levekar.xlsx")),
}


@functools.cache
def base(kind: str) -> bytes:
    """The valid file of ``kind`` (a plain function, not a fixture, so that hypothesis does
    not print it with every failing example)."""
    folder = Path(tempfile.mkdtemp(prefix="wide_base_"))
    path = WRITERS[kind][1](folder)
    read_wide_table(path)  # the base itself loads
    return path.read_bytes()


def _check(path: Path):
    sniff = looks_like_wide_table(path)  # never raises
    assert isinstance(sniff.matches, bool)
    wide = loads_or_data_error(read_wide_table, path)
    if wide is not None:
        repr(wide)
        df = wide.table
        assert len(df) > 0
        assert df["year"].dtype.kind == "i"
        for col in df.columns:
            if str(col).endswith(("_count", "_denom")):
                values = df[col].dropna().to_numpy(dtype=float)
                assert np.isfinite(values).all() and (values >= 0).all(), col


@pytest.mark.parametrize("kind", sorted(WRITERS))
@fuzz_settings(20)
@given(data=st.data())
def test_truncated_or_flipped(fuzz_dir, kind, data):
    suffix = WRITERS[kind][0]
    flips = b";,\"\n\r0123456789-.%\xa0" if kind == "csv" else b"PK\x03\x04<>/\"= 0123456789"
    raw = data.draw(truncations_and_flips(base(kind), flips))
    _check(write_bytes(fuzz_dir, suffix, raw))


CELL = st.sampled_from([*NASTY_NUMBERS, "..", ":", "-", "x", "12,5 %", "150,0", "1 234", "abc",
                        "Sone", "Sum", "Lavinntekt 2022", "2022", "", '"', "0101", "−5"])


@fuzz_settings(40)
@given(data=st.data())
def test_bad_cell(fuzz_dir, data):
    """One cell, or one whole column of the body, of the CSV replaced by awkward text."""
    text = base("csv").decode("cp1252")
    rows = [line.split(";") for line in text.splitlines()]
    r = data.draw(st.integers(0, len(rows) - 1))
    c = data.draw(st.integers(0, max(len(rows[r]) - 1, 0)))
    value = data.draw(CELL)
    if data.draw(st.booleans()):
        for row in rows[r:]:
            if c < len(row):
                row[c] = value
    elif c < len(rows[r]):
        rows[r][c] = value
    doc = "\n".join(";".join(row) for row in rows) + "\n"
    _check(write_bytes(fuzz_dir, ".csv", doc.encode("cp1252", errors="replace")))
