"""ZoneTable: columns and what they mean, copies, the municipal value from counts, ranks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.factories import grid_zones
from ungtloft_map.core.zonetable import ColumnInfo, ZoneTable


def _table() -> ZoneTable:
    """Four zones: a rate with its count and denominator (one denominator 0), a measure, a class."""
    gdf = grid_zones(2, 2).set_index("zone_id", drop=False)  # Z00, Z01, Z10, Z11
    gdf["neet_count"] = [10, 30, 0, 7]
    gdf["neet_denom"] = [100, 200, 0, 700]
    gdf["neet"] = [10.0, 15.0, np.nan, 1.0]
    gdf["green_m2"] = [4.0, 8.0, 12.0, np.nan]
    gdf["lisa_label"] = ["High-High", "Low-Low", "High-High", "Ikke signifikant"]
    info = {
        "zone_id": ColumnInfo("zone_id", "Sone-ID", "Zone id", kind="id"),
        "zone_name": ColumnInfo("zone_name", "Levekårssone", "Zone", kind="name"),
        "neet": ColumnInfo("neet", "Unge utenfor", "NEET", "%", kind="rate", direction="high_is_bad",
                           theme="levekar", definition_nb="Andel 15–29 år", definition_en="Share aged 15–29",
                           count_col="neet_count", denom_col="neet_denom"),
        "neet_count": ColumnInfo("neet_count", "Unge utenfor (antall)", "NEET (count)", kind="count"),
        "neet_denom": ColumnInfo("neet_denom", "Unge utenfor (nevner)", "", kind="denominator"),
        "green_m2": ColumnInfo("green_m2", "Grøntareal", "Green area", "m²", kind="measure",
                               direction="high_is_good", theme="green"),
        "lisa_label": ColumnInfo("lisa_label", "Klynge", "Cluster", kind="class",
                                 categories=(("High-High", "#d7191c"), ("Low-Low", "#2c7bb6"))),
    }
    return ZoneTable(gdf, info, year=2024, fictional=True, source_name="Testkommune (fiktiv)")


def test_repr_len_and_ids():
    zt = _table()
    assert repr(zt) == "ZoneTable(zones=4, year=2024, columns=7, fictional=True)"
    assert len(zt) == 4 and zt.zone_ids == ["Z00", "Z01", "Z10", "Z11"]
    assert zt.values("neet").tolist()[:2] == [10.0, 15.0]
    real = ZoneTable(zt.gdf, {}, year=None, fictional=False)
    assert repr(real) == "ZoneTable(zones=4, year=None, columns=0, fictional=False)"


def test_info_labels_and_definitions_by_language():
    zt = _table()
    neet = zt.info["neet"]
    assert neet.label() == "Unge utenfor" and neet.label("en") == "NEET"
    assert neet.definition("nb") == "Andel 15–29 år" and neet.definition("en") == "Share aged 15–29"
    # no English text: the bokmål one, never an empty label
    assert zt.info["neet_denom"].label("en") == "Unge utenfor (nevner)"
    assert zt.info["green_m2"].definition("en") == ""
    # the info dict is the table's own: the caller's dict is not shared
    info = {"zone_id": ColumnInfo("zone_id", "Sone-ID", kind="id")}
    t = ZoneTable(zt.gdf, info, year=2024, fictional=True)
    info["x"] = ColumnInfo("x", "X")
    assert "x" not in t.info


def test_theme_columns_are_rates_measures_scores_and_classes_in_order():
    zt = _table()
    assert zt.theme_columns() == ["neet", "green_m2", "lisa_label"]
    zt.add_column(pd.Series(1.0, index=zt.gdf.index), ColumnInfo("score", "Poeng", kind="score"))
    assert zt.theme_columns()[-1] == "score"


def test_add_column_aligns_on_zone_id_and_records_info_and_municipal():
    zt = _table()
    # values in another order, one zone missing and one zone unknown to the table
    values = pd.Series({"Z11": 4.0, "Z00": 1.0, "Z01": 2.0, "NOPE": 99.0})
    info = ColumnInfo("minutes", "Reisetid", "Travel time", "min", kind="measure", direction="high_is_bad")
    zt.add_column(values, info, municipal=2.5)
    got = zt.gdf["minutes"]
    assert got.index.tolist() == zt.zone_ids
    assert got.tolist()[:2] == [1.0, 2.0] and np.isnan(got["Z10"]) and got["Z11"] == 4.0
    assert zt.info["minutes"] is info and zt.municipal_value("minutes") == 2.5
    # replacing a column replaces its values and info, and keeps the stored municipal value
    info2 = ColumnInfo("minutes", "Reisetid (ny)", kind="measure")
    zt.add_column(pd.Series(7.0, index=zt.gdf.index), info2)
    assert (zt.gdf["minutes"] == 7.0).all() and zt.info["minutes"].label_nb == "Reisetid (ny)"
    assert zt.municipal["minutes"] == 2.5
    assert list(zt.gdf.columns).count("minutes") == 1


def test_copy_is_independent():
    zt = _table()
    zt.municipal["green_m2"] = 6.0
    c = zt.copy()
    assert repr(c) == repr(zt) and c.source_name == zt.source_name
    assert c.gdf is not zt.gdf and c.gdf.equals(zt.gdf)
    c.add_column(pd.Series(1.0, index=c.gdf.index), ColumnInfo("target_score", "Mål", kind="score"),
                 municipal=1.0)
    c.gdf.loc["Z00", "neet"] = 99.0
    # the original sees none of it (a session's derived columns never reach a shared table)
    assert "target_score" not in zt.gdf.columns and "target_score" not in zt.info
    assert "target_score" not in zt.municipal
    assert zt.gdf.at["Z00", "neet"] == 10.0
    assert c.info["neet"] == zt.info["neet"]


def test_municipal_value_of_a_rate_is_computed_from_counts():
    zt = _table()
    # (10 + 30 + 7) / (100 + 200 + 700) -- not the mean of the zone rates (8.67); the zone with
    # denominator 0 is left out
    assert zt.municipal_value("neet") == pytest.approx(4.7)
    assert zt.municipal_value("neet") != pytest.approx(zt.gdf["neet"].mean())
    assert zt.municipal_value("neet_count") == 47.0  # a count: the sum
    assert zt.municipal_value("green_m2") == pytest.approx(8.0)  # a measure: the mean of the zones
    zt.municipal["green_m2"] = 5.5  # a stored value (an analysis's own aggregate) wins
    assert zt.municipal_value("green_m2") == 5.5


def test_municipal_value_without_any_denominator_is_missing_not_zero():
    zt = _table()
    zt.gdf["neet_denom"] = 0
    assert np.isnan(zt.municipal_value("neet"))


def test_rank_and_percentile_are_direction_aware():
    zt = _table()
    # high is bad: the highest rate ranks 1 (worst); NaN stays NaN
    r = zt.rank("neet")
    assert r["Z01"] == 1 and r["Z00"] == 2 and r["Z11"] == 3 and np.isnan(r["Z10"])
    p = zt.percentile("neet")
    assert p["Z01"] == 1.0 and p["Z11"] == 0.0 and p["Z00"] == 0.5
    # high is good: the lowest value ranks 1
    g = zt.rank("green_m2")
    assert g["Z00"] == 1 and g["Z10"] == 3
    assert zt.percentile("green_m2")["Z00"] == 1.0


def test_profile_and_change_since():
    zt = _table()
    prof = zt.profile("Z01", "en").set_index("column")
    assert prof.index.tolist() == ["neet", "green_m2", "lisa_label"]
    assert prof.at["neet", "indicator"] == "NEET" and prof.at["neet", "rank"] == 1
    assert prof.at["neet", "n"] == 3 and prof.at["neet", "municipal"] == pytest.approx(4.7)
    assert prof.at["lisa_label", "value"] == "Low-Low" and np.isnan(prof.at["lisa_label", "rank"])
    earlier = zt.copy()
    earlier.gdf["neet"] = [8.0, 15.0, 1.0, np.nan]
    ch = zt.change_since(earlier, "neet")
    assert ch.name == "neet_change" and ch["Z00"] == 2.0 and ch["Z01"] == 0.0
    assert np.isnan(ch["Z10"]) and np.isnan(ch["Z11"])
