"""Wide levekår tables as a kommune publishes them (tables_wide, tables_wide_layout, tables)."""

from __future__ import annotations

import json

import numpy as np
import openpyxl
import pandas as pd
import pytest

from tests.standard_fixtures_tables import (
    SUPPRESSED,
    WIDE_YEARS,
    WIDE_ZONES,
    published_rate,
    wide_truth,
    write_wide_levekar_csv,
    write_wide_levekar_xlsx,
)
from ungtloft_map.core.analysis.livingconditions import compute_rates
from ungtloft_map.core.catalogue import Catalogue
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.tables import (
    check_zone_ids,
    looks_like_indicator_table,
    read_indicator_table,
    table_warnings,
    zone_id_mismatch,
)
from ungtloft_map.core.io.tables_wide import looks_like_wide_table, read_wide_table
from ungtloft_map.core.io.tables_wide_layout import classify_header, parse_number


def _expected(truth: pd.DataFrame, key_col: str) -> pd.Series:
    return truth.set_index(["zone_id", "year"])[key_col]


def _check_values(table: pd.DataFrame, id_of) -> None:
    """Counts and denominators equal the truth behind the fixture (rates re-derived as documented)."""
    truth = wide_truth()
    for _, t in truth.iterrows():
        row = table[(table.zone_id == id_of(t)) & (table.year == t.year)]
        assert len(row) == 1
        row = row.iloc[0]
        li_mark = SUPPRESSED.get((t.zone_id, t.year, "low_income"))
        if li_mark:
            assert np.isnan(row.low_income_count) and np.isnan(row.low_income_denom)
        else:
            # The file publishes the rate with one decimal: count = round(rate/100 x persons).
            rate = published_rate(t.low_income_count, t.persons)
            assert row.low_income_count == round(rate / 100 * t.persons)
            assert abs(row.low_income_count - t.low_income_count) <= 0.0005 * t.persons + 0.5
            assert row.low_income_denom == t.persons
        if SUPPRESSED.get((t.zone_id, t.year, "social_assistance")):
            assert np.isnan(row.social_assistance_count)
            assert np.isnan(row.social_assistance_denom)
        else:
            assert row.social_assistance_count == t.social_assistance_count
            # the 18-66 column, not 'Antall personer': matched by the age band in the definition
            assert row.social_assistance_denom == t.social_assistance_denom


def test_wide_xlsx_with_title_two_row_header_percent_cells_and_totals(tmp_path):
    path = write_wide_levekar_xlsx(tmp_path / "levekår 2022.xlsx")
    table = read_indicator_table(path)
    assert table.attrs["layout"] == "wide"
    assert table["zone_id"].tolist()[:5] == [z for z, _ in WIDE_ZONES]  # text ids, zeros kept
    assert set(table["year"]) == set(WIDE_YEARS)
    assert table.loc[table.zone_id == "0102", "zone_name"].iloc[0] == "Øya-Elgeseter"
    assert len(table) == len(WIDE_ZONES) * len(WIDE_YEARS)  # "Hele kommunen" and the note left out
    _check_values(table, lambda t: t.zone_id)
    messages = [str(w) for w in table_warnings(table)]
    assert any("3 suppressed cell(s)" in m for m in messages)
    assert any("'Hele kommunen' left out" in m for m in messages)
    assert any("Merknad" in m and "not recognised" in m for m in messages)
    assert any("round(rate / 100 × denominator)" in m for m in messages)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_wide_csv_decimal_commas_spaces_and_a_kommune_totals_row(tmp_path, encoding):
    path = write_wide_levekar_csv(tmp_path / f"levekar_{encoding}.csv", encoding=encoding)
    raw = path.read_bytes()
    assert (b"\xa0" in raw) if encoding == "cp1252" else ("\u202f".encode() in raw)
    res = read_wide_table(path)
    names = dict(WIDE_ZONES)
    # Names only: the name is the id; the row "Testby" is recognised by its sums.
    assert sorted(res.table["zone_id"].unique()) == sorted(names.values())
    assert [why for _, label, why in res.dropped_rows if label == "Testby"]
    _check_values(res.table, lambda t: names[t.zone_id])
    assert res.suppressed == 3
    assert "5 zones" in repr(res) and "suppressed cells=3" in repr(res)


def test_result_feeds_compute_rates(tmp_path):
    table = read_indicator_table(write_wide_levekar_xlsx(tmp_path / "w.xlsx"))
    res = compute_rates(table, Catalogue.default(), year=2022)
    truth = wide_truth().query("year == 2022").set_index("zone_id")
    sa = res.rates["social_assistance"]
    for zid in truth.index:
        if SUPPRESSED.get((zid, 2022, "social_assistance")):
            assert np.isnan(sa[zid])
        else:
            expect = truth.social_assistance_count[zid] / truth.social_assistance_denom[zid] * 100
            assert sa[zid] == pytest.approx(expect)
    # Municipal figure over the zones whose count is known, on both sides of the fraction.
    known = truth.drop(index=[z for (z, y, k) in SUPPRESSED if y == 2022 and k == "social_assistance"])
    assert res.municipal["social_assistance"] == pytest.approx(
        known.social_assistance_count.sum() / known.social_assistance_denom.sum() * 100)


def test_sniff_mapping_round_trips_and_is_shown_to_the_user(tmp_path):
    path = write_wide_levekar_xlsx(tmp_path / "w.xlsx")
    sniff = looks_like_wide_table(path)
    assert sniff and sniff.layout == "wide"
    assert sniff.mapping["zone_id"] == "Sonenr" and sniff.mapping["zone_name"] == "Levekårssone"
    assert sniff.mapping["low_income_rate:2022"] == "Lavinntekt (EU60), andel (%) 2022"
    assert sniff.mapping["denom_18-66:2021"] == "Befolkning 18–66 år 2021"
    guessed = read_indicator_table(path)
    mapped = read_indicator_table(path, field_map=sniff.mapping)
    pd.testing.assert_frame_equal(guessed, mapped)
    # The user narrows the mapping: only the low-income columns of 2022 are read.
    narrow = {k: v for k, v in sniff.mapping.items()
              if k in ("zone_id", "low_income_rate:2022", "denom:2022")}
    t = read_indicator_table(path, field_map=narrow)
    assert set(t.year) == {2022} and "social_assistance_count" not in t
    # A manifest round-trip keeps the mapping readable (plain strings).
    assert json.loads(json.dumps(sniff.mapping)) == sniff.mapping


def test_sniffers_tell_long_from_wide_and_never_raise(tmp_path, demo_dir):
    long = looks_like_indicator_table(demo_dir / "indicators.csv")
    assert long.matches and long.layout == "long" and long.mapping == {"zone_id": "zone_id", "year": "year"}
    assert not looks_like_wide_table(demo_dir / "indicators.csv")
    assert read_indicator_table(demo_dir / "indicators.csv").attrs["layout"] == "long"
    wide = looks_like_indicator_table(write_wide_levekar_csv(tmp_path / "w.csv"))
    assert wide.layout == "wide" and wide.matches
    for junk in (tmp_path / "missing.csv", tmp_path):
        assert not looks_like_wide_table(junk)
    text = tmp_path / "notes.csv"
    text.write_text("Møtereferat\nIngen tabell her\n", encoding="utf-8")
    assert not looks_like_indicator_table(text)


@pytest.mark.parametrize(("cell", "expected"), [
    ("1\u00a0234", (1234.0, "ok")), ("1\u2009234,5", (1234.5, "ok")), ("1\u202f234", (1234.0, "ok")),
    ("12,3 %", (12.3, "ok")), ("0,5", (0.5, "ok")), ("1.234,5", (1234.5, "ok")),
    ("..", (None, "suppressed")), (":", (None, "suppressed")), ("–", (None, "suppressed")),
    ("x", (None, "suppressed")), ("", (None, "empty")), (None, (None, "empty")),
    ("n/a", (None, "bad")), (7, (7.0, "ok")), (float("nan"), (None, "empty")),
])
def test_parse_number(cell, expected):
    assert parse_number(cell) == expected


def test_parse_number_point_decimals_when_the_table_has_no_commas():
    assert parse_number("12.5", decimal_comma=False) == (12.5, "ok")
    assert parse_number("1,234", decimal_comma=False) == (1234.0, "ok")


@pytest.mark.parametrize(("header", "key", "year", "kind"), [
    ("Lavinntekt (EU60) 2022", "low_income", 2022, None),
    ("Andel med lav inntekt 2021 (%)", "low_income", 2021, "rate"),
    ("Barn i lavinntektsfamilier, andel 2020", "child_low_income", 2020, "rate"),
    ("Antall sosialhjelpsmottakere 2023", "social_assistance", 2023, "count"),
    ("Uføretrygdede 18–29 år 2022", "disability_18_29", 2022, None),
    ("Trangbodde, prosent 2019", "crowding", 2019, "rate"),
    ("Fullført videregående innen 5 år 2022 (%)", "vgs_completion", 2022, "rate"),
])
def test_classify_indicator_headers(header, key, year, kind):
    c = classify_header(header)
    assert (c.role, c.key, c.year, c.kind) == ("indicator", key, year, kind)


def test_classify_denominators_zones_and_others():
    c = classify_header("Befolkning 0–17 år 2022")
    assert (c.role, c.band, c.year) == ("denom", "0-17", 2022)
    assert classify_header("Levekårssone").role == "zone"
    assert classify_header("Sone-nr").role == "zone_id"
    assert classify_header("Bydel").role == "ignored"


def _write_csv(path, lines, encoding="utf-8"):
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def test_year_from_the_title_and_count_plus_rate_gives_the_denominator(tmp_path):
    p = _write_csv(tmp_path / "t.csv", [
        "Levekår 2023;;",
        "Sone;Antall med lavinntekt;Lavinntekt (%)",
        "A;50;10,0",
        "B;30;7,5",
        "C;..;..",
    ])
    res = read_wide_table(p)
    t = res.table.set_index("zone_id")
    assert set(t.year) == {2023}
    assert t.loc["A", "low_income_denom"] == 500 and t.loc["B", "low_income_denom"] == 400
    assert np.isnan(t.loc["C", "low_income_count"])
    assert any("round(count × 100 / rate)" in str(w) for w in res.warnings)


def test_child_indicator_takes_the_0_17_denominator(tmp_path):
    p = _write_csv(tmp_path / "t.csv", [
        "Sonenr;Barn i lavinntekt 2022;Antall personer 2022;Befolkning 0–17 år 2022",
        "1;12;1000;200",
        "2;30;1500;300",
    ])
    t = read_indicator_table(p).set_index("zone_id")
    assert t.loc["1", "child_low_income_denom"] == 200  # not the 1000 persons


@pytest.mark.parametrize(("lines", "field", "match"), [
    (["Sone;Lavinntekt antall 2022;Befolkning 2022", "A;n/a;100"],
     "Lavinntekt antall 2022", "row 2: value 'n/a' is not a number"),
    (["Sone;Lavinntekt (%) 2022;Befolkning 2022", "A;120,5;100"],
     "Lavinntekt (%) 2022", "rate 120.5 is above 100"),
    (["Sone;Lavinntekt antall 2022;Befolkning 2022", "A;-3;100"],
     "Lavinntekt antall 2022", "negative value -3"),
    (["Sone;Lavinntekt (%) 2022;Sosialhjelp (%) 2022", "A;12,0;3,1", "B;9,0;2,0"],
     "Lavinntekt (%) 2022", "no indicator has both a count and a denominator"),
    (["Sone;Lavinntekt antall 2022;Befolkning 2022", "A;5;100", "A;6;100"],
     "Sone", "zone A appears twice"),
])
def test_bad_wide_tables_name_file_field_and_row(tmp_path, lines, field, match):
    p = _write_csv(tmp_path / "bad.csv", lines)
    with pytest.raises(DataError, match=match) as err:
        read_indicator_table(p)
    assert err.value.field == field and "bad.csv" in str(err.value)


def test_mapping_to_a_missing_column_names_it(tmp_path):
    path = write_wide_levekar_xlsx(tmp_path / "w.xlsx")
    with pytest.raises(DataError, match="'Lavinntekt 1999'.*not in the table"):
        read_indicator_table(path, field_map={"zone_id": "Sonenr", "low_income_rate:1999": "Lavinntekt 1999"})


def test_sheet_choice_and_missing_sheet(tmp_path):
    path = write_wide_levekar_xlsx(tmp_path / "w.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Forside", 0).append(["Ingen tall her"])
    wb.save(path)
    assert read_wide_table(path, sheet="Levekår 2022").sheet == "Levekår 2022"
    with pytest.raises(DataError, match="no such sheet"):
        read_wide_table(path, sheet="2019")


def test_zone_id_mismatch_lists_both_sides():
    msg = zone_id_mismatch(["101", "102", "103"], ["0101", "0102", "0103", "0104"], limit=2)
    assert "the table has '101', '102' … (+1)" in msg
    assert "the zones have '0101', '0102' … (+2)" in msg and "leading zeros" in msg
    assert "numbers, the other names" in zone_id_mismatch(["1", "2"], ["Ila", "Midtbyen"])
    assert zone_id_mismatch(["Ila", "X"], ["Ila"]) is None
    with pytest.raises(DataError, match="field 'Sonenr': none of the 2 zone id") as err:
        check_zone_ids(["1", "2"], ["Ila"], file="levekår.xlsx", field="Sonenr")
    assert err.value.file == "levekår.xlsx"


@pytest.mark.realdata
def test_wide_table_on_the_real_trondheim_zones(shared_data, tmp_path):
    """A wide table keyed by the real levekårssone names joins the real zones through a Project."""
    from ungtloft_map.core.project import Project

    zones = shared_data / "trondheim" / "levekarssoner_sentrum_5zones.geojson"
    names = [n for _, n in WIDE_ZONES]
    write_wide_levekar_csv(tmp_path / "levekar.csv", encoding="cp1252")
    manifest = {"name": "Trondheim sentrum", "crs": "EPSG:25832",
                "layers": {"zones": {"path": str(zones),
                                     "fields": {"zone_id": "zoneName", "zone_name": "zoneName"}}},
                "indicators": {"path": "levekar.csv"}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    project = Project.load(tmp_path)
    assert sorted(project.zones.index) == sorted(names)
    assert project.years == list(WIDE_YEARS)
    table = project.zone_table(2022)
    df = table.gdf
    truth = wide_truth().query("year == 2022").set_index("zone_name")
    for name in names:
        expect = truth.social_assistance_count[name] / truth.social_assistance_denom[name] * 100
        got = df.loc[name, "social_assistance"]
        if name == "Singsaker":  # suppressed in 2022
            assert np.isnan(got)
        else:
            assert got == pytest.approx(expect)


def _tiny_with_table(tmp_path, table_path):
    from tests.factories import write_tiny_project

    folder = write_tiny_project(tmp_path / "tiny")
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    manifest["indicators"] = {"path": str(table_path)}
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    return folder


def test_project_loads_a_wide_table_and_keeps_its_warnings(tmp_path):
    from tests.factories import grid_zones
    from ungtloft_map.core.project import Project

    zones = [(z, f"Sone {z}") for z in grid_zones()["zone_id"]]
    folder = _tiny_with_table(tmp_path, write_wide_levekar_xlsx(tmp_path / "w.xlsx", zones=zones))
    project = Project.load(folder)
    assert project.years == list(WIDE_YEARS)
    assert any("'Hele kommunen' left out" in str(w) for w in project.warnings)
    rates = project.zone_table(2021).gdf["social_assistance"]
    assert rates.notna().sum() == 6


def test_project_refuses_a_wide_table_whose_ids_match_no_zone(tmp_path):
    from ungtloft_map.core.project import Project

    folder = _tiny_with_table(tmp_path, write_wide_levekar_xlsx(tmp_path / "levekår.xlsx"))
    with pytest.raises(DataError) as err:
        Project.load(folder)
    msg = str(err.value)
    assert msg.startswith("levekår.xlsx, layer 'Levekår 2022', field 'Sonenr': none of the 5 zone id(s)")
    assert "the table has '0101', '0102', '0103', '0104', '0105'" in msg
    assert "the zones have 'Z00', 'Z01', 'Z02', 'Z10', 'Z11' … (+1)" in msg
    assert "numbers, the other names" not in msg  # 'Z01' is a code, not a name


def test_long_table_with_norwegian_headers_is_mapped_by_the_sniff(tmp_path):
    p = _write_csv(tmp_path / "lang.csv", [
        "Sonenr;År;Lavinntekt antall;Lavinntekt nevner;Sosialhjelp, antall mottakere;Befolkning 18–66",
        "0101;2022;12;200;5;150",
        "0102;2022;30;300;8;260",
    ], encoding="cp1252")
    sniff = looks_like_indicator_table(p)
    assert sniff.layout == "long"
    assert sniff.mapping == {"zone_id": "Sonenr", "year": "År", "low_income_count": "Lavinntekt antall",
                             "low_income_denom": "Lavinntekt nevner",
                             "social_assistance_count": "Sosialhjelp, antall mottakere"}
    t = read_indicator_table(p, field_map=sniff.mapping).set_index("zone_id")
    assert t.loc["0102", "low_income_count"] == 30 and t.loc["0101", "low_income_denom"] == 200
    assert t.attrs["layout"] == "long" and t.attrs["zone_field"] == "Sonenr"


def test_totals_rows_with_an_id_and_periods(tmp_path):
    p = _write_csv(tmp_path / "t.csv", [
        "Sonenr;Navn;Sosialhjelp antall 2020–2022;Befolkning 18–66 år 2020–2022",
        "11;Nord;10;100",
        "12;Sør;20;250",
        "13;Vest;..;80",
        "14;Øst;7;90",
        "5001;Trondheim;40;520",          # an id, but the sums give it away
        "99;Hele kommunen;40;520",        # and a label
    ])
    res = read_wide_table(p)
    assert res.table["zone_id"].tolist() == ["11", "12", "13", "14"]
    assert {label for _, label, _ in res.dropped_rows} == {"5001", "99"}
    assert set(res.table.year) == {2022}
    assert any("covers 2020–2022" in str(w) for w in res.warnings)


def test_published_rates_check_counts_and_denominators(tmp_path):
    p = _write_csv(tmp_path / "t.csv", [
        "Sone;Lavinntekt antall 2022;Lavinntekt (%) 2022;Befolkning 2022",
        "A;50;10,0;500",
        "B;30;7,5;400",
        "C;20;9,0;400",   # 20/400 = 5 %, not 9 %
    ])
    res = read_wide_table(p)
    assert res.table.set_index("zone_id").loc["C", "low_income_count"] == 20  # counts win
    hits = [str(w) for w in res.warnings if "differs from count ÷ denominator" in str(w)]
    assert len(hits) == 1 and "in 1 zone(s)" in hits[0]


def test_totals_row_named_after_the_kommune_in_the_title(tmp_path):
    p = _write_csv(tmp_path / "t.csv", [
        "Levekårsindikatorer, Trondheim kommune 2022",
        "Levekårssone;Lavinntekt antall;Befolkning",
        "Ila;50;500",
        "Midtbyen;30;400",
        "Trondheim;..;..",      # suppressed totals: no sums to recognise it by, but the name
    ])
    res = read_wide_table(p)
    assert res.table["zone_id"].tolist() == ["Ila", "Midtbyen"]
    assert set(res.table.year) == {2022}
    assert [label for _, label, _ in res.dropped_rows] == ["Trondheim"]


# Found by tests/robustness/test_fuzz_wide_tables.py (make fuzz).


def test_parse_number_with_more_digits_than_a_float_holds_is_bad():
    assert parse_number("9" * 400) == (None, "bad")  # was: (inf, "ok")
    assert parse_number("9" * 300) == (float("9" * 300), "ok")


def test_count_with_more_digits_than_a_float_holds_is_refused(tmp_path):
    path = write_wide_levekar_csv(tmp_path / "l.csv")
    lines = path.read_text("cp1252").splitlines()
    cells = lines[2].split(";")
    cells[3] = "9" * 400  # "Antall personer 2021" of Midtbyen
    lines[2] = ";".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    # was: loaded with an infinite number of persons in the zone
    with pytest.raises(DataError, match="is not a number") as err:
        read_wide_table(path)
    assert err.value.field == "Antall personer 2021" and err.value.row == 3


def test_workbook_cell_with_a_style_past_the_styles_is_a_data_error(tmp_path):
    # found by make fuzz (test_fuzz_wide_tables, a flipped byte): openpyxl's read-only sheet
    # raised IndexError while iterating the rows
    import io
    import re
    import zipfile

    path = write_wide_levekar_xlsx(tmp_path / "l.xlsx")
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    members["xl/worksheets/sheet1.xml"] = re.sub(r'<c r="A1"( s="\d+")?', '<c r="A1" s="999"',
                                                 sheet, count=1).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())
    with pytest.raises(DataError, match="cannot read the workbook"):
        read_wide_table(path)
