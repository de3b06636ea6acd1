"""Small-number suppression: primary, secondary, recoverability and bad input."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ungtloft_map.core.analysis.privacy import (
    SUPPRESSED_LABEL,
    SuppressionResult,
    suppress,
    suppress_zone_table,
)
from ungtloft_map.core.catalogue import Catalogue
from ungtloft_map.core.errors import DataError


def assert_protected(res: SuppressionResult, counts, groups=None):
    """For every column and every published margin: 0 or >= 2 suppressed cells."""
    mask = res.suppressed
    for c in counts:
        n = int(mask[c].sum())
        assert n != 1, f"column {c}: a lone suppressed cell is recoverable from the total"
        if groups is not None:
            per_group = mask[c].groupby(groups.to_numpy()).sum()
            assert not (per_group == 1).any(), f"column {c}: {per_group[per_group == 1]}"


# ------------------------------------------------------------------------------------------
# primary


def test_label_is_an_en_dash():
    assert SUPPRESSED_LABEL == "\u2013"


def test_primary_suppresses_one_to_four_and_their_rates_but_not_zero():
    t = pd.DataFrame({"n": [0, 1, 4, 5, 20, 30], "rate": [0.0, 1.0, 4.0, 5.0, 20.0, 30.0],
                      "other": list("abcdef")})
    res = suppress(t, {"n": ["rate"]})
    assert res.reason["n"].tolist()[:5] == ["", "primary", "primary", "", ""]
    assert res.suppressed["rate"].tolist()[:3] == [False, True, True]
    assert res.table.loc[0, "n"] == 0  # a zero is shown (SSB practice)
    assert np.isnan(res.table.loc[1, "n"]) and np.isnan(res.table.loc[2, "rate"])
    assert not res.suppressed["other"].any()
    assert res.table["other"].tolist() == list("abcdef")
    # Input untouched.
    assert t["n"].tolist() == [0, 1, 4, 5, 20, 30]


def test_threshold_is_configurable():
    t = pd.DataFrame({"n": [2, 9, 10, 11, 40]})
    res = suppress(t, {"n": []}, threshold=10)
    assert res.reason["n"].tolist() == ["primary", "primary", "", "", ""]
    res = suppress(t, {"n": []}, threshold=1)
    assert not res.suppressed.any().any()


def test_labelled_shows_the_dash_and_repr_counts():
    t = pd.DataFrame({"n": [3, 12, 40, 7], "rate": [1.5, 6.0, 20.0, 3.5]})
    res = suppress(t, {"n": ["rate"]})
    lab = res.labelled()
    assert lab["n"].tolist() == ["–", 12.0, 40.0, "–"]
    assert lab["rate"].tolist() == ["–", 6.0, 20.0, "–"]
    assert res.n_primary == 2 and res.n_secondary == 2
    assert "2 primary + 2 secondary" in repr(res)


# ------------------------------------------------------------------------------------------
# secondary


def test_secondary_within_the_whole_table():
    t = pd.DataFrame({"n": [3, 12, 40, 7], "rate": [1.5, 6.0, 20.0, 3.5]}, index=list("abcd"))
    res = suppress(t, {"n": ["rate"]})
    assert res.reason["n"].tolist() == ["primary", "", "", "secondary"]
    assert res.reason["rate"].tolist() == ["primary", "", "", "secondary"]
    assert_protected(res, ["n"])


def test_two_primaries_need_no_secondary():
    t = pd.DataFrame({"n": [3, 2, 40, 7]})
    res = suppress(t, {"n": []})
    assert res.reason["n"].tolist() == ["primary", "primary", "", ""]


def test_secondary_by_district():
    t = pd.DataFrame({
        "district": ["B1", "B1", "B1", "B2", "B2", "B2"],
        "n": [2, 9, 30, 50, 6, 60],
        "pct": [1.0, 4.5, 15.0, 25.0, 3.0, 30.0],
    })
    res = suppress(t, {"n": ["pct"]}, groups=t["district"])
    # B1: 2 is primary, 9 is the next smallest in B1 (not 6, which is in B2).
    assert res.reason["n"].tolist() == ["primary", "secondary", "", "", "", ""]
    assert_protected(res, ["n"], t["district"])


def test_secondary_in_one_district_and_the_municipal_total():
    # B2 has one primary; B1 none. Protecting B2 makes two hidden in the whole table too.
    t = pd.DataFrame({"district": ["B1", "B1", "B2", "B2", "B2"], "n": [10, 20, 3, 8, 11]})
    res = suppress(t, {"n": []}, groups=t["district"])
    assert res.suppressed["n"].tolist() == [False, False, True, True, False]
    assert_protected(res, ["n"], t["district"])


def test_secondary_prefers_a_positive_cell_over_a_zero():
    t = pd.DataFrame({"n": [3, 0, 0, 25, 9]})
    res = suppress(t, {"n": []})
    assert res.suppressed["n"].tolist() == [True, False, False, False, True]


def test_district_of_one_zone_warns_that_its_total_must_not_be_published():
    t = pd.DataFrame({"district": ["B1", "B2", "B2"], "n": [3, 40, 50]})
    res = suppress(t, {"n": []}, groups=t["district"])
    # B1 cannot be protected inside itself; the municipal total still can (40 is hidden), and
    # then B2 has a lone hidden cell, so 50 goes too.
    assert res.suppressed["n"].tolist() == [True, True, True]
    assert len(res.warnings) == 1
    assert "'B1'" in str(res.warnings[0]) and "do not publish" in str(res.warnings[0])
    assert res.suppressed["n"].sum() >= 2


def test_rows_without_a_group_are_protected_at_the_municipal_level():
    t = pd.DataFrame({"n": [3, 40, 50, 12]})
    groups = pd.Series(["B1", "B1", None, None])
    res = suppress(t, {"n": []}, groups=groups)
    assert res.suppressed["n"].tolist() == [True, True, False, False]


def test_groups_are_aligned_on_the_index():
    t = pd.DataFrame({"n": [3, 40, 50, 12]}, index=["a", "b", "c", "d"])
    groups = pd.Series({"d": "B1", "c": "B2", "b": "B2", "a": "B1"})
    res = suppress(t, {"n": []}, groups=groups)
    assert res.suppressed["n"].tolist() == [True, False, False, True]


def test_secondary_cascades_until_stable():
    # Two count columns linked by a row total; a secondary in one dimension creates a lone
    # suppression in the other, which must be protected in turn.
    t = pd.DataFrame({
        "girls": [3, 20, 30, 40],
        "boys": [30, 25, 35, 45],
        "total": [33, 45, 65, 85],
    })
    res = suppress(t, {"girls": [], "boys": []}, totals={"total": ["girls", "boys"]})
    mask = res.suppressed
    assert_protected(res, ["girls", "boys", "total"])
    row_hidden = mask[["girls", "boys", "total"]].sum(axis=1)
    assert not (row_hidden == 1).any()
    assert mask.loc[0, "girls"] and mask.loc[0, "boys"]  # 3 and its complement in row 0


def test_totals_check_the_suppressed_value_cannot_be_derived_from_the_total_column():
    t = pd.DataFrame({
        "pop_0_17": [4, 120, 80],
        "pop_18_66": [50, 400, 300],
        "pop_67": [20, 90, 70],
        "population": [74, 610, 450],
    })
    parts = ["pop_0_17", "pop_18_66", "pop_67"]
    res = suppress(t, {}, totals={"population": parts})
    shown = res.table
    for i in range(len(t)):
        hidden = res.suppressed.loc[i, parts + ["population"]]
        # Subtracting the shown components from the shown total must not isolate one cell.
        assert hidden.sum() != 1
        if not hidden["population"]:
            unknown = hidden[parts]
            assert unknown.sum() in (0,) or unknown.sum() >= 2
    assert np.isnan(shown.loc[0, "pop_0_17"])
    assert res.suppressed.loc[0, "pop_67"]  # the smallest positive complement (20 < 50)
    assert_protected(res, parts + ["population"])


def test_nothing_to_suppress_leaves_the_table_alone():
    t = pd.DataFrame({"n": [0, 10, 20], "rate": [0.0, 1.0, 2.0]})
    res = suppress(t, {"n": ["rate"]})
    pd.testing.assert_frame_equal(res.table, t)
    assert res.n_primary == res.n_secondary == 0


# ------------------------------------------------------------------------------------------
# bad input


def test_negative_count_names_the_field_and_row():
    t = pd.DataFrame({"n": [3, -1, 5]})
    with pytest.raises(DataError) as err:
        suppress(t, {"n": []})
    assert err.value.field == "n" and err.value.row == 2


def test_missing_or_text_columns_are_refused():
    with pytest.raises(DataError) as err:
        suppress(pd.DataFrame({"n": [3]}), {"m": []})
    assert err.value.field == "m"
    with pytest.raises(DataError) as err:
        suppress(pd.DataFrame({"n": [3]}), {"n": ["rate"]})
    assert err.value.field == "rate"
    with pytest.raises(DataError) as err:
        suppress(pd.DataFrame({"n": ["three"]}), {"n": []})
    assert err.value.field == "n"


@pytest.mark.parametrize("bad", [0, -5, 2.5, True])
def test_bad_threshold_is_refused(bad):
    with pytest.raises(DataError):
        suppress(pd.DataFrame({"n": [3]}), {"n": []}, threshold=bad)


def test_missing_counts_stay_missing_and_are_not_suppressed():
    t = pd.DataFrame({"n": [np.nan, 3, 40, 50]})
    res = suppress(t, {"n": []})
    assert res.suppressed["n"].tolist() == [False, True, True, False]


# ------------------------------------------------------------------------------------------
# property-based: the invariants hold on random tables


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["B1", "B2", "B3"]), st.integers(0, 30), st.integers(0, 12)),
        min_size=1,
        max_size=25,
    )
)
def test_random_tables_are_always_protected(rows):
    t = pd.DataFrame(rows, columns=["district", "a", "b"])
    t["a_rate"] = t["a"] / 2
    res = suppress(t, {"a": ["a_rate"], "b": []}, groups=t["district"])
    for c in ("a", "b"):
        visible = res.table[c].dropna()
        assert not ((visible > 0) & (visible < 5)).any()
        primary = (t[c] > 0) & (t[c] < 5)
        assert res.suppressed[c][primary].all()
    assert (res.suppressed["a_rate"] == res.suppressed["a"]).all()
    unprotectable = {str(w) for w in res.warnings}
    for c in ("a", "b"):
        per_group = res.suppressed[c].groupby(t["district"]).sum()
        for g, n in per_group.items():
            assert n != 1 or any(f"'{g}'" in w and f"'{c}'" in w for w in unprotectable)
        assert res.suppressed[c].sum() != 1 or any("whole table" in w for w in unprotectable)


# ------------------------------------------------------------------------------------------
# zone tables


def _zone_table():
    return pd.DataFrame({
        "zone_id": ["0101", "0102", "0103", "0201", "0202", "0203"],
        "district_id": ["B1", "B1", "B1", "B2", "B2", "B2"],
        "neet_count": [3, 40, 25, 60, 70, 80],
        "neet_denom": [200, 400, 300, 600, 700, 800],
        "neet": [1.5, 10.0, 25 / 3, 10.0, 10.0, 10.0],
        "crowding_count": [0, 50, 60, 70, 80, 90],
        "crowding_denom": [3, 500, 600, 700, 800, 900],
        "crowding": [0.0, 10.0, 10.0, 10.0, 10.0, 10.0],
    })


def test_zone_table_with_the_catalogue():
    df = _zone_table()
    res = suppress_zone_table(df, Catalogue.default())
    m, r = res.suppressed, res.reason
    # neet: 3 is primary; 25 is the next smallest in B1.
    assert m["neet_count"].tolist() == [True, False, True, False, False, False]
    assert m["neet"].tolist() == m["neet_count"].tolist()
    assert r.loc[2, "neet_count"] == "secondary"
    assert not m["neet_denom"].any()  # 200 is not a small number
    # crowding: a denominator of 3 hides its count (even 0), its rate and itself.
    assert m.loc[0, ["crowding_count", "crowding_denom", "crowding"]].all()
    assert r.loc[0, "crowding_denom"] == "primary" and r.loc[0, "crowding_count"] == "primary"
    assert_protected(res, ["neet_count", "neet_denom", "crowding_count", "crowding_denom"],
                     df["district_id"])
    # The rate is hidden wherever its count or its denominator is.
    for key in ("neet", "crowding"):
        assert (m[key] == (m[f"{key}_count"] | m[f"{key}_denom"])).all()
    assert res.labelled().loc[0, "neet"] == "–"
    assert res.table["zone_id"].tolist() == df["zone_id"].tolist()


def test_zone_table_with_a_zero_denominator_keeps_the_missing_rate_missing():
    df = _zone_table()
    df.loc[3, ["neet_count", "neet_denom", "neet"]] = [0, 0, np.nan]
    res = suppress_zone_table(df, ["neet"])
    assert not res.suppressed.loc[3, ["neet_count", "neet_denom", "neet"]].any()
    assert np.isnan(res.table.loc[3, "neet"]) and res.table.loc[3, "neet_denom"] == 0
    assert res.labelled().loc[3, "neet"] != SUPPRESSED_LABEL  # missing, not suppressed


def test_zone_table_protects_each_year_on_its_own():
    a, b = _zone_table().assign(year=2023), _zone_table().assign(year=2024)
    b.loc[0, "neet_count"] = 30
    df = pd.concat([a, b], ignore_index=True)
    res = suppress_zone_table(df, Catalogue.default())
    assert res.suppressed["neet_count"].tolist() == [True, False, True] + [False] * 9
    for _year, idx in df.groupby("year").groups.items():
        sub = res.suppressed.loc[idx]
        assert_protected(SuppressionResult(res.table.loc[idx], sub, res.reason.loc[idx], 5),
                         ["neet_count", "crowding_count", "crowding_denom"],
                         df.loc[idx, "district_id"])


def test_zone_table_accepts_json_catalogue_keys_and_no_groups():
    df = _zone_table().drop(columns="district_id")
    with pytest.raises(DataError) as err:
        suppress_zone_table(df, ["neet"])
    assert err.value.field == "district_id"
    res = suppress_zone_table(df, {"indicators": [{"key": "neet"}]}, group_col=None)
    assert res.suppressed["neet_count"].sum() == 2
    assert not res.suppressed["crowding_count"].any()  # not in that catalogue


def test_zone_table_without_any_indicator_warns():
    res = suppress_zone_table(pd.DataFrame({"zone_id": ["a"], "district_id": ["B1"]}), ["neet"])
    assert res.n_primary == 0 and res.warnings


# ------------------------------------------------------------------------------------------
# the demo data


def test_demo_indicator_table_is_protected(demo_dir):
    manifest = json.loads((demo_dir / "manifest.json").read_text("utf-8"))
    ind = pd.read_csv(demo_dir / manifest["indicators"]["path"], dtype={"zone_id": str})
    zones = gpd.read_file(demo_dir / manifest["layers"]["zones"]["path"],
                          layer=manifest["layers"]["zones"].get("layer"))
    df = ind.merge(zones[["zone_id", "district_id"]], on="zone_id", how="left")
    cat = Catalogue.default()
    for key in cat.keys():
        if f"{key}_count" in df:
            df[key] = df[f"{key}_count"] / df[f"{key}_denom"].where(df[f"{key}_denom"] > 0) * 100
    res = suppress_zone_table(df, cat)
    assert res.n_primary > 0  # the demo has small counts on purpose
    counts = [c for c in df.columns if c.endswith(("_count", "_denom"))]
    for c in counts:
        visible = res.table[c].dropna()
        assert not ((visible > 0) & (visible < 5)).any()
        per_group = res.suppressed[c].groupby([df["year"], df["district_id"]]).sum()
        assert not (per_group == 1).any(), c
        assert not (res.suppressed[c].groupby(df["year"]).sum() == 1).any(), c
