"""One small-number rule: changing privacy.DEFAULT_THRESHOLD changes every output that shows counts.

Each check runs twice, with the shipped threshold (5) and with the module constant raised to 10
(``monkeypatch``), and asserts that the output differs in the way the rule says: a count of 7
is shown under 5 and withheld under 10. No output may keep a threshold of its own.
"""

from __future__ import annotations

import importlib
import types

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from ungtloft_map.core.analysis import privacy
from ungtloft_map.core.zonetable import ColumnInfo, ZoneTable

SMALL_UNDER_10 = 7  # shown at threshold 5, withheld at threshold 10


@pytest.fixture(params=[5, 10], ids=["threshold5", "threshold10"])
def threshold(request, monkeypatch) -> int:
    monkeypatch.setattr(privacy, "DEFAULT_THRESHOLD", request.param)
    return request.param


def _zone_table() -> ZoneTable:
    ids = ["0101", "0102", "0103", "0104", "0105", "0106"]
    count = [3, SMALL_UNDER_10, 8, 40, 60, 80]
    denom = [200, 210, 220, 230, 240, 250]
    gdf = gpd.GeoDataFrame(
        {"zone_name": ids, "low_income_count": count, "low_income_denom": denom,
         "low_income": [100 * c / d for c, d in zip(count, denom)]},
        geometry=[box(i * 100, 0, i * 100 + 100, 100) for i in range(len(ids))],
        index=pd.Index(ids, name="zone_id"), crs=25832)
    info = {
        "low_income_count": ColumnInfo("low_income_count", "Antall", unit="personer", kind="count"),
        "low_income_denom": ColumnInfo("low_income_denom", "Nevner", unit="personer",
                                       kind="denominator"),
        "low_income": ColumnInfo("low_income", "Lavinntekt", unit="%", kind="rate",
                                 direction="high_is_bad", count_col="low_income_count",
                                 denom_col="low_income_denom"),
    }
    return ZoneTable(gdf, info, year=2024, fictional=True)


def test_the_rule_itself(threshold):
    assert privacy.is_small(SMALL_UNDER_10) is (threshold == 10)
    assert privacy.small_mask([SMALL_UNDER_10, 0, 3]).tolist() == [threshold == 10, False, True]
    assert privacy.format_count(SMALL_UNDER_10) == ("–" if threshold == 10 else "7")
    assert privacy.is_small(SMALL_UNDER_10, threshold=10)  # an explicit threshold still wins


def test_zone_export_and_web_map_values(threshold):
    from ungtloft_map.core.export import suppressed_zone_frame
    from ungtloft_map.maps.export import _safe_values

    zt = _zone_table()
    frame, mask = suppressed_zone_frame(zt)
    hidden = set(frame.index[frame["low_income_count"].isna()])
    # 5: 3 (primary) and 7 (its complement); 10: 3, 7 and 8 (all primary)
    assert hidden == ({"0101", "0102", "0103"} if threshold == 10 else {"0101", "0102"})
    web = _safe_values(zt, "low_income", None, None)  # what the web/PNG/print map draws
    assert set(web.index[web.isna()]) == hidden


def test_reports(threshold):
    from ungtloft_map.reports import _common, target_brief

    assert _common.format_count(SMALL_UNDER_10) == ("–" if threshold == 10 else "7")
    assert _common.is_suppressed_count(SMALL_UNDER_10) is (threshold == 10)
    env = _common._environment()
    assert env.from_string("{{ n|count }}").render(n=SMALL_UNDER_10) == (
        "–" if threshold == 10 else "7")
    assert env.from_string("{{ small_counts() }}").render() == f"1–{threshold - 1}"
    cand = types.SimpleNamespace()
    notes = target_brief._method_notes(cand, None, {"method": "percentile"}, "nb")
    assert any(f"antall fra 1 til {threshold - 1} " in n for n in notes)


def test_plan_texts(threshold):
    plan = importlib.import_module("ungtloft_map.core.workflows.plan_findings")
    assert plan._count(SMALL_UNDER_10) == ("–" if threshold == 10 else "7")
    small = getattr(plan, "_small", None) or plan.is_small
    assert small is privacy.is_small or small(SMALL_UNDER_10) is (threshold == 10)
    assert small(SMALL_UNDER_10) is (threshold == 10)


def test_targeting_cells_use_the_rule(threshold):
    inside = importlib.import_module("ungtloft_map.core.workflows.inside_zone")
    # The inside-zone cells mark and blank their small cells with privacy.small_mask.
    assert inside.small_mask is privacy.small_mask
    assert privacy.small_mask([SMALL_UNDER_10])[0] is np.bool_(threshold == 10)


def test_housing_export(threshold):
    from ungtloft_map.core.analysis.housing import aggregate_for_export

    zones = gpd.GeoDataFrame({"zone_id": ["a", "b", "c"]},
                             geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100),
                                       box(200, 0, 300, 100)], crs=25832)
    units = {"a": SMALL_UNDER_10, "b": 20, "c": 30}
    x = {"a": 50, "b": 150, "c": 250}
    municipal = gpd.GeoDataFrame({"address_id": list(units), "units": list(units.values())},
                                 geometry=[Point(x[k], 50) for k in units], crs=25832)
    out = aggregate_for_export(municipal, zones)
    # 10: 7 withheld, and 20 too so that 7 cannot be had from the total; 5: all shown
    assert sorted(out["zone_id"]) == (["c"] if threshold == 10 else ["a", "b", "c"])


def test_cli_plan_summary(threshold):
    from ungtloft_map.commands.report import summary_row

    row = {"residents_plan": SMALL_UNDER_10, "residents_buffer": 400.0, "area_ha": 1.234,
           "cluster": "", "green_covered_before_pct": 50.0, "green_covered_after_pct": 40.0,
           "green_removed_m2": 100.0, "time_to_centre_min": 12.0,
           "municipal_share_before_pct": 5.0, "municipal_share_after_pct": 6.0}
    a = types.SimpleNamespace(summary_row=lambda: dict(row), housing=None)
    out = summary_row(a)
    assert out["residents_plan"] == ("–" if threshold == 10 else SMALL_UNDER_10)


def test_cli_threshold_option_defaults_to_the_rule(threshold):
    import argparse

    from ungtloft_map.commands import export as export_cmd

    parser = argparse.ArgumentParser()
    export_cmd.register(parser.add_subparsers(dest="cmd"))
    args = parser.parse_args(["export-zones", "--out", "x.csv"])
    assert args.threshold is None  # resolved by privacy at call time, never a literal


def test_green_gap_overlay(threshold):
    pytest.importorskip("PySide6")
    from ungtloft_map._qt.overlays import OverlaysMixin

    gap = gpd.GeoDataFrame({"population": [SMALL_UNDER_10, 40.0]},
                           geometry=[box(270000, 7040000, 270250, 7040250),
                                     box(270250, 7040000, 270500, 7040250)], crs=25832)
    shown = {}

    class View:
        def set_overlay(self, name, geojson, style=None, label=None):
            shown[name] = geojson

    stub = types.SimpleNamespace(
        themes=types.SimpleNamespace(green=types.SimpleNamespace(gap=gap)),
        map_view=View(), tr=lambda s: s, lang="nb",
        statusBar=lambda: types.SimpleNamespace(showMessage=lambda *a: None))
    OverlaysMixin.show_green_gap(stub, True)
    import json

    labels = [f["properties"]["label"] for f in json.loads(shown["green_gap"])["features"]]
    assert labels[0] == ("–" if threshold == 10 else "7 bosatte uten grøntområde i nærheten")
    assert labels[1] == "40 bosatte uten grøntområde i nærheten"


def test_plan_report_method_note(threshold):
    from ungtloft_map.reports import plan_report

    a = types.SimpleNamespace(green=None, buffer_m=500.0, transit=None, housing=None)
    for lang, words in (("nb", f"antall fra 1 til {threshold - 1} "), ("en", f"counts from 1 to {threshold - 1} ")):
        assert any(words in n for n in plan_report._method_notes(a, lang)), lang


def test_inside_zone_summary(threshold):
    pytest.importorskip("PySide6")
    from ungtloft_map._qt.targeting.inside_zone_tab import InsideZoneTab

    cells = pd.DataFrame({"population": [np.nan, 40.0], "suppressed": [True, False],
                          "green_covered": [None, True], "time_to_centre_min": [np.nan, 12.0]})
    text = InsideZoneTab._inside_text(types.SimpleNamespace(tr=lambda s: s), cells)
    assert f"1 ruter med 1–{threshold - 1} bosatte er skjermet" in text


def test_dashboard_tile_tooltip(threshold, qapp):
    pytest.importorskip("PySide6")
    from ungtloft_map._qt.dashboard_panel import TileWidget
    from ungtloft_map.core.analysis.key_indicator import Tile
    from ungtloft_map.core.catalogue import Catalogue

    tile = Tile(indicator=Catalogue.default()["neet"], status="ingen referanse", value=3.0, year=2024,
                suppressed=True)
    assert f"færre enn {threshold} personer" in TileWidget(tile).value_label.toolTip()
    # a dashboard computed with its own threshold says so
    assert "færre enn 8 personer" in TileWidget(tile, threshold=8).value_label.toolTip()
