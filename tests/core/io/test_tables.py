"""Indicator tables: CSV dialects and encodings, XLSX, bad values."""

from __future__ import annotations

import pandas as pd
import pytest

from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.tables import read_indicator_table


def test_semicolon_cp1252(tmp_path):
    p = tmp_path / "t.csv"
    p.write_bytes("zone_id;year;sonenavn;neet_count;neet_denom\n01;2024;Bakklandet;3;40\n".encode("cp1252"))
    df = read_indicator_table(p)
    assert df.loc[0, "zone_id"] == "01"  # leading zero kept: ids are text
    assert df.loc[0, "neet_count"] == 3


def test_xlsx(tmp_path):
    p = tmp_path / "t.xlsx"
    pd.DataFrame({"zone_id": ["a"], "year": [2024], "neet_count": [2], "neet_denom": [9]}).to_excel(p, index=False)
    assert read_indicator_table(p).loc[0, "neet_denom"] == 9


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("zone_id,neet_count\na,1\n", "field 'year'"),
        ("zone_id,year,neet_count\na,2024,abc\n", "field 'neet_count', row 2: value 'abc'"),
        ("zone_id,year,neet_count\na,2024,-1\n", "negative"),
        ("zone_id,year,neet_count\na,2024,1\na,2024,2\n", "appears twice"),
        ("zone_id,year,neet_count\n", "no rows"),
    ],
)
def test_bad_tables(tmp_path, text, match):
    p = tmp_path / "t.csv"
    p.write_text(text)
    with pytest.raises(DataError, match=match):
        read_indicator_table(p)


def test_empty_file(tmp_path):
    p = tmp_path / "t.csv"
    p.write_bytes(b"")
    with pytest.raises(DataError, match="empty"):
        read_indicator_table(p)
