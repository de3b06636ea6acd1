"""core.text: one convention, and every layer writes the same value the same way (golden test)."""

from __future__ import annotations

import datetime as dt
import importlib

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from ungtloft_map.core import text
from ungtloft_map.core.catalogue import MARMOT_PRINCIPLES
from ungtloft_map.core.zonetable import ColumnInfo, ZoneTable

NBSP = "\u00a0"
VALUE = 12345.678
# The golden texts: the value as a percent (1 decimal), in minutes (0) and as a count (0).
GOLDEN = {
    ("%", "nb"): f"12{NBSP}345,7",
    ("min", "nb"): f"12{NBSP}346",
    ("count", "nb"): f"12{NBSP}346",
    ("%", "en"): "12,345.7",
    ("min", "en"): "12,346",
    ("count", "en"): "12,346",
}
COLUMNS = {"%": "rate_col", "min": "time_col", "count": "count_col"}


def _zone_table() -> ZoneTable:
    ids = ["0101", "0102", "0103", "0104", "0105", "0106"]
    gdf = gpd.GeoDataFrame(
        {"zone_name": [f"Sone {i}" for i in ids],
         "rate_col": [VALUE, 1.0, 2.0, 3.0, 4.0, 5.0],
         "time_col": [VALUE, 10.0, 20.0, 30.0, 40.0, 50.0],
         "count_col": [VALUE, 10.0, 20.0, 30.0, 40.0, 50.0]},
        geometry=[box(i, 0, i + 1, 1) for i in range(len(ids))],
        index=pd.Index(ids, name="zone_id"), crs=25832)
    info = {
        "rate_col": ColumnInfo("rate_col", "Andel", "Share", "%", kind="rate", direction="high_is_bad"),
        "time_col": ColumnInfo("time_col", "Reisetid", "Travel time", "min", kind="measure",
                               direction="high_is_bad"),
        "count_col": ColumnInfo("count_col", "Antall", "Count", "personer", kind="count"),
    }
    return ZoneTable(gdf, info, year=2024, fictional=True)


def _dashboard():
    return importlib.import_module("ungtloft_map.core.workflows.dashboard")


def _plan_text():
    return importlib.import_module("ungtloft_map.core.workflows.plan_findings")


@pytest.fixture(scope="module")
def zt() -> ZoneTable:
    return _zone_table()


# --------------------------------------------------------------------------------------------
# the convention


def test_the_convention():
    assert text.format_number(VALUE, 1) == f"12{NBSP}345,7"
    assert text.format_number(VALUE, 1, "en") == "12,345.7"
    assert text.format_number(9999, 0) == "9999"  # Språkrådet: no space in four digits
    assert text.format_number(-2.5, 1) == "\u22122,5"
    assert text.format_number(-2.5, 1, "en") == "-2.5"
    assert text.format_number(-0.04, 1) == "0,0"
    assert text.format_number(None) == text.MISSING == "–"
    assert text.format_number(np.nan, 2, "en") == "–"
    assert text.format_percent(12.345) == f"12,3{NBSP}%"
    assert text.format_share(0.5) == f"50{NBSP}%"
    assert text.format_value(29.6, "min") == f"30{NBSP}min"
    assert text.format_value(4.25, "per time", "en") == f"4.2{NBSP}per hour"
    assert text.format_date(dt.date(2026, 3, 4)) == "04.03.2026"
    assert text.format_date(dt.date(2026, 3, 4), "en") == "4 March 2026"
    with pytest.raises(ValueError):
        text.format_number(1.0, 1, "sv")


def test_decimals_per_unit_table():
    assert text.decimals_for("%") == 1
    assert text.decimals_for("min") == 0
    assert text.decimals_for("m") == 0
    assert text.decimals_for("personer") == 0
    assert text.decimals_for("per 1 000") == 1
    assert text.decimals_for("%", kind="count") == 0
    assert text.decimals_for("unknown") == text.DEFAULT_DECIMALS


def test_vocabularies_have_one_home():
    from ungtloft_map.core import export, project
    from ungtloft_map.core.analysis.clusters import _labels
    from ungtloft_map.core.pipeline import THEME_LABELS_EN, THEME_LABELS_NB
    from ungtloft_map.maps import zonemap
    from ungtloft_map.reports import plan_report

    assert MARMOT_PRINCIPLES is text.MARMOT_PRINCIPLES
    assert not hasattr(plan_report, "MARMOT")  # the disagreeing copy is gone
    ctx_marmot = dict(text.MARMOT_PRINCIPLES)
    assert text.marmot_name("C") == ctx_marmot["C"][0] == "Skap rettferdig arbeid og gode jobber for alle"
    fict = {project.FICTIONAL_LABEL_NB, zonemap.FICTIONAL_NB, export.FICTIONAL_NOTE}
    assert fict == {text.fictional_label("nb")}
    assert {project.FICTIONAL_LABEL_EN, zonemap.FICTIONAL_EN, export.FICTIONAL_NOTE_EN} == {
        text.fictional_label("en")}
    for key, name in THEME_LABELS_NB.items():
        assert name == text.theme_name(key) and THEME_LABELS_EN[key] == text.theme_name(key, "en")
    assert _labels.label_map("local_moran", "nb")["High-High"] == text.cluster_label("High-High")
    assert _labels.label_map("getis_ord", "en")["Hot spot"] == text.cluster_label("Hot spot", "en")
    dashboard, plan = _dashboard(), _plan_text()
    assert plan.cluster_label("High-High") == "Høy-Høy (belastet klynge)"
    assert dashboard.STATUS_EN[dashboard.WORSE] == text.status_label("dårligere", "en") == "worse"


# --------------------------------------------------------------------------------------------
# golden: one value, every layer


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("unit", ["%", "min", "count"])
def test_map_tooltip_and_legend(zt, unit, lang):
    from ungtloft_map.maps.classify import classify
    from ungtloft_map.maps.zonemap import style_for, value_decimals

    col = COLUMNS[unit]
    vals = zt.gdf[col].astype(float)
    cl = classify(vals.to_numpy(), "equal_interval", 2)
    styles = style_for(zt, col, vals, cl, lang)
    assert styles["0101"]["v"] == GOLDEN[unit, lang]  # tooltip / value text on the page
    top = cl.labels(value_decimals(zt.info[col]), lang)[-1]  # legend: the upper bound
    assert top.endswith(" – " + GOLDEN[unit, lang])


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_report_html_filters_and_value_cells(zt, lang):
    from ungtloft_map.reports import _common, annual_summary, target_brief

    env = _common._environment()
    html = env.from_string("{{ v|pct }}|{{ v|num }}|{{ v|count }}").render(v=VALUE, lang=lang)
    pct, num, count = html.split("|")
    assert pct == GOLDEN["%", lang] + f"{NBSP}%"
    assert num == GOLDEN["count", lang] and count == GOLDEN["count", lang]
    # the tables of the target brief and the annual summary
    assert target_brief._fmt_value(VALUE, "%", lang) == GOLDEN["%", lang] + f"{NBSP}%"
    assert target_brief._fmt_value(VALUE, "min", lang) == GOLDEN["min", lang]
    assert annual_summary.format_value(VALUE, "min", lang) == GOLDEN["min", lang] + f"{NBSP}min"
    assert _common.format_count(VALUE, lang) == GOLDEN["count", lang]


def test_plan_text_and_housing_repr_use_the_same_numbers():
    from ungtloft_map.core.analysis import housing

    plan = _plan_text()

    assert plan._num(VALUE, 0, "nb") == GOLDEN["count", "nb"]
    assert plan._pct(VALUE, 1, "nb") == GOLDEN["%", "nb"] + f"{NBSP}%"
    assert plan._count(VALUE, "en") == GOLDEN["count", "en"]
    assert housing._num(VALUE, 0) == GOLDEN["count", "en"]


def test_cli_summary():
    from ungtloft_map.commands.transit import isochrone_areas_text

    assert isochrone_areas_text([15], [VALUE]) == f"15{NBSP}min {text.format_value(VALUE, 'km²', 'en')}"
    assert isochrone_areas_text([VALUE], [1.0]).startswith(GOLDEN["min", "en"] + f"{NBSP}min")


@pytest.mark.parametrize("unit", ["%", "min", "count"])
def test_window_table_identify_and_dashboard(zt, unit, monkeypatch):
    pytest.importorskip("PySide6")
    from PySide6.QtCore import Qt

    from ungtloft_map._qt import identify_panel
    from ungtloft_map._qt.dashboard_panel import format_value
    from ungtloft_map._qt.zone_table_model import ZoneTableModel

    col = COLUMNS[unit]
    model = ZoneTableModel()  # a model without a window
    model._lang = "nb"
    model.set_zone_table(zt, [col])
    shown = model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole)
    assert shown == GOLDEN[unit, "nb"]
    monkeypatch.setattr(identify_panel, "ui_lang", lambda: "nb")  # no application needed
    assert identify_panel._fmt(VALUE, zt.info[col]) == GOLDEN[unit, "nb"]
    if unit != "count":
        tail = f"{NBSP}{unit}"
        assert format_value(VALUE, unit) == GOLDEN[unit, "nb"] + tail


def test_data_vocabularies_cover_the_stored_values_in_both_languages():
    """Every life-course group and note category/source has a bokmål and a distinct English text."""
    from ungtloft_map.core import text
    from ungtloft_map.core.catalogue import LIFE_COURSE
    from ungtloft_map.core.notes import CATEGORIES, SOURCES

    for values, names, name_of in ((LIFE_COURSE, text.LIFE_COURSE_NAMES, text.life_course_name),
                                   (CATEGORIES, text.NOTE_CATEGORY_NAMES, text.note_category_name),
                                   (SOURCES, text.NOTE_SOURCE_NAMES, text.note_source_name)):
        assert set(names) == set(values)
        for v in values:
            assert name_of(v, "nb") == v
            assert name_of(v, "en") and name_of(v, "en") != v
        assert len({name_of(v, "en") for v in values}) == len(values)
    assert text.note_category_name("skolevei", "en") == "skolevei"  # free text stays as written


def test_sort_key_is_norwegian_alphabetical_order():
    names = ["Øya", "Aune", "Åsvang", "ærlig", "Zahl", "Öst", "Ärlig", "Élise", "Byåsen", "Byneset"]
    assert sorted(names, key=text.sort_key) == [
        "Aune", "Byneset", "Byåsen", "Élise", "Zahl", "ærlig", "Ärlig", "Öst", "Øya", "Åsvang",
    ]
