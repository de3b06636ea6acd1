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


# Found by trying the CLI with damaged files: export-zones on a dataset whose indicators.csv
# was cut off mid-row ran, exited 0 and wrote the export (the cut row's figures read as
# suppressed, the zones after it without data).


def test_table_cut_off_mid_row_is_refused(tmp_path, demo_dir):
    raw = (demo_dir / "indicators.csv").read_bytes()
    path = tmp_path / "indicators.csv"
    cut = raw.index(b"\n", len(raw) // 2) + 30  # 30 bytes into a row
    path.write_bytes(raw[:cut])
    line = raw[:cut].count(b"\n") + 1
    with pytest.raises(DataError, match="cut off") as err:
        read_indicator_table(path)
    assert err.value.row == line and "indicators.csv" in str(err.value)


def test_short_row_inside_the_table_is_refused_and_quoted_newlines_count(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('zone_id,year,note,neet_count,neet_denom\n0101,2023,"two\nlines",3,40\n'
                    "0102,2023,x,5\n0103,2023,y,6,50\n")
    with pytest.raises(DataError, match="line 4 has 4 of the header's 5 fields"):
        read_indicator_table(path)


def test_blank_lines_and_full_rows_of_empty_cells_still_load(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("zone_id,year,neet_count,neet_denom\n0101,2023,3,40\n\n0102,2023,,\n")
    df = read_indicator_table(path)
    assert list(df["zone_id"]) == ["0101", "0102"]


def test_header_cell_with_a_line_break_is_named_on_one_line(tmp_path):
    # found by make fuzz (test_generated_csv_with_field_map): the message listed the columns
    # with the line break in them, two lines on the CLI's stderr
    path = tmp_path / "t.csv"
    path.write_text('"sone\nnr",year\n0101,2023\n')
    with pytest.raises(DataError, match="required column is missing") as err:
        read_indicator_table(path)
    assert "\n" not in str(err.value) and "sone nr" in str(err.value)
