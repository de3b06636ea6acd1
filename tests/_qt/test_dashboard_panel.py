"""The key-indicator dashboard panel alone, with qtbot, on the demo municipality.

Both directions: the model fills the tiles (set_project, references, area) and the view drives
the model (filters, a click on a tile, the reference table, the export). One ThemeResults for
the module without the cluster step (``compute_clusters=False``): the dashboard does not use
LISA/Gi*, and esda's JIT compile would cost 20 s or more. Expected values come from the core
called directly: the panel must show what the core computes.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from ungtloft_map._qt.dashboard_panel import (
    DashboardPanel,
    ReferenceDialog,
    format_value,
    parse_number,
)
from ungtloft_map.core.workflows.dashboard import (
    BETTER,
    NO_DATA,
    SAME,
    STATUS_COLORS,
    WORSE,
    key_indicators,
)

TIMEOUT = 60_000


@pytest.fixture(scope="module")
def demo():
    from ungtloft_map.core.pipeline import AnalysisSettings, compute_themes
    from ungtloft_map.core.project import Project

    project = Project.demo()
    themes = compute_themes(project, settings=AnalysisSettings(compute_clusters=False))
    return project, themes


@pytest.fixture()
def panel(qtbot, demo):
    project, themes = demo
    w = DashboardPanel()
    qtbot.addWidget(w)
    w.resize(700, 700)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.dashboardReady, timeout=TIMEOUT):
        w.set_project(project, themes)
    return w


def _set_box(qtbot, w: DashboardPanel, box, data) -> None:
    box.setCurrentIndex(box.findData(data))
    qtbot.wait(10)


# -- model -> view ------------------------------------------------------------------------------
def test_set_project_fills_a_tile_per_indicator(panel, demo):
    project, themes = demo
    expected = key_indicators(project, themes)
    assert panel.dashboard.keys() == expected.keys()
    assert sorted(panel.visible_keys()) == sorted(expected.keys())
    tile = panel.tile_widget("low_income")
    t = expected.tile("low_income")
    assert tile.value_label.text() == format_value(t.value, "%")
    assert "," in tile.value_label.text() and tile.value_label.text().endswith("\u00a0%")  # decimal comma
    assert tile.year_label.text() == str(expected.year)
    assert tile.sparkline.points() == [(y, v) for y, v in t.trend]
    assert t.spread.best.zone_name in tile.spread_label.text()
    assert t.spread.worst.zone_name in tile.spread_label.text()
    assert panel.year_box.currentData() == expected.year
    assert f"{len(expected.with_data)} med data" in panel.summary_label.text()


def test_tiles_without_data_are_greyed_and_say_so(panel):
    missing = [k for k in panel.visible_keys() if not panel.tile_widget(k).tile.has_data]
    assert missing, "the framework indicators without data must have tiles"
    w = panel.tile_widget(missing[0])
    assert w.value_label.text() == "ingen data ennå"
    assert STATUS_COLORS[NO_DATA] in w.styleSheet()
    assert not w.sparkline.isVisibleTo(w)


def test_gis_tiles_are_snapshots_without_a_sparkline(panel):
    w = panel.tile_widget("sdg_11_2_1")
    assert w.tile.has_data and not w.tile.trend
    assert not w.sparkline.isVisibleTo(w)
    assert "Øyeblikksbilde" in w.trend_label.text()


def test_references_colour_the_tiles(qtbot, panel, demo):
    project, themes = demo
    value = panel.dashboard.tile("low_income").value
    refs = {"low_income": value * 0.8, "neet": panel.dashboard.tile("neet").value, "vgs_completion": 50.0}
    with qtbot.waitSignal(panel.dashboardReady, timeout=TIMEOUT):
        panel.set_references(refs, "landet")
    expected = key_indicators(project, themes, references=refs, reference_label="landet")
    for key, status in (("low_income", WORSE), ("neet", SAME), ("vgs_completion", BETTER)):
        assert expected.tile(key).status == status
        w = panel.tile_widget(key)
        assert w.tile.status == status
        assert STATUS_COLORS[status] in w.styleSheet()
        assert w.badge.text() == status
        assert "Referanse (landet)" in w.reference_label.text()
    assert panel.references() == refs


def test_selected_zones_are_compared_with_the_municipality(qtbot, panel, demo):
    project, themes = demo
    ids = list(project.zones.index[:3])
    panel.set_selection(ids)
    assert panel.area_box.itemText(1) == "Valgte soner (3)"
    with qtbot.waitSignal(panel.dashboardReady, timeout=TIMEOUT):
        panel.area_box.setCurrentIndex(1)
    assert panel.dashboard.area == tuple(ids)
    expected = key_indicators(project, themes, area=ids)
    t = panel.tile_widget("low_income").tile
    assert t.reference_label == "kommunen"
    assert t.status == expected.tile("low_income").status
    assert "Referanse (kommunen)" in panel.tile_widget("low_income").reference_label.text()


# -- view -> model ------------------------------------------------------------------------------
def test_marmot_filter_reduces_the_tiles(qtbot, panel, demo):
    project, _ = demo
    before = set(panel.visible_keys())
    _set_box(qtbot, panel, panel.marmot_box, "A")
    shown = set(panel.visible_keys())
    assert shown == {i.key for i in project.catalogue.filter(marmot="A")}
    assert shown < before
    assert all("A" in panel.tile_widget(k).tile.marmot for k in shown)
    assert panel._headers["A"].isVisibleTo(panel)
    # without the no-data tiles, only the levekår tile of principle A is left
    panel.no_data_check.setChecked(False)
    assert panel.visible_keys() == [k for k in key_indicators(project, marmot="A", include_no_data=False).keys()]
    _set_box(qtbot, panel, panel.marmot_box, None)
    panel.no_data_check.setChecked(True)
    assert set(panel.visible_keys()) == before


def test_life_course_and_sdg_filters(qtbot, panel, demo):
    project, _ = demo
    _set_box(qtbot, panel, panel.life_box, "ungdomsskole/vgs 13–19")
    assert set(panel.visible_keys()) == {i.key for i in project.catalogue.filter(life_course="ungdomsskole/vgs 13–19")}
    _set_box(qtbot, panel, panel.life_box, None)
    _set_box(qtbot, panel, panel.sdg_box, "11")
    assert panel.sdg_box.currentText() == "11 – Bærekraftige byer og lokalsamfunn"
    assert set(panel.visible_keys()) == {i.key for i in project.catalogue.filter(sdg_goal=11)}
    assert "crowding" in panel.visible_keys()


def test_clicking_a_zone_table_tile_shows_the_indicator(qtbot, panel):
    for key in ("neet", "green_covered_pct"):  # a levekår rate and a GIS column
        w = panel.tile_widget(key)
        assert w.clickable
        panel.scroll.ensureWidgetVisible(w)
        with qtbot.waitSignal(panel.showIndicator, timeout=2000) as sig:
            qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=QPoint(20, 10))
        assert sig.args == [key]


def test_clicking_a_tile_that_is_no_column_emits_nothing(qtbot, panel):
    got = []
    panel.showIndicator.connect(got.append)
    # SDG 11.2.1 is a zone-table column since the themes carry it (clickable); an entry with
    # no data is not
    assert panel.tile_widget("sdg_11_2_1").clickable
    for key in ("fhi_low_birth_weight",):
        w = panel.tile_widget(key)
        assert not w.clickable
        panel.scroll.ensureWidgetVisible(w)
        qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=QPoint(20, 10))
    assert got == []


def test_year_box_recomputes_for_that_year(qtbot, panel, demo):
    project, themes = demo
    first = project.years[0]
    with qtbot.waitSignal(panel.dashboardReady, timeout=TIMEOUT):
        panel.year_box.setCurrentIndex(panel.year_box.findData(first))
    assert panel.dashboard.year == first
    v = key_indicators(project, themes, year=first).tile("neet").value
    assert panel.tile_widget("neet").value_label.text() == format_value(v, "%")


def test_reference_table_sets_the_references(qtbot, panel):
    dlg = ReferenceDialog(panel.dashboard.tiles, {}, "landet", panel)
    qtbot.addWidget(dlg)
    dlg.set_value("low_income", "10,4")
    dlg.set_value("neet", "abc")
    assert not dlg.ok_button.isEnabled()  # a bad number blocks OK
    dlg.set_value("neet", "")
    assert dlg.ok_button.isEnabled()
    assert dlg.values() == {"low_income": 10.4}
    assert parse_number("1\u00a0234,5") == 1234.5


def test_edit_references_through_the_dialog(qtbot, panel, monkeypatch):
    def fake_exec(self):
        self.set_value("low_income", "10,4")
        self.label_edit.setText("Trøndelag")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReferenceDialog, "exec", fake_exec)
    with qtbot.waitSignal(panel.dashboardReady, timeout=TIMEOUT):
        assert panel.edit_references("low_income")
    assert panel.references() == {"low_income": 10.4}
    assert panel.tile_widget("low_income").reference_label.text() == "Referanse (Trøndelag): 10,4\u00a0%"


def test_export_writes_the_annual_summary_pdf(qtbot, panel, tmp_path):
    path = tmp_path / "aarsoversikt.pdf"
    _set_box(qtbot, panel, panel.marmot_box, "D")  # the export is for what is shown
    with qtbot.waitSignal(panel.exported, timeout=120_000) as sig:
        panel.export_to(path)
    assert sig.args == [str(path)]
    assert path.read_bytes()[:4] == b"%PDF"
    assert panel.last_export == path
    assert panel.export_button.isEnabled()


def test_export_html(qtbot, panel, tmp_path):
    path = tmp_path / "aarsoversikt.html"
    with qtbot.waitSignal(panel.exported, timeout=TIMEOUT):
        panel.export_to(path)
    html = path.read_text(encoding="utf-8")
    assert "Nøkkelindikatorer" in html and "Fjordvik" in html


def test_empty_panel_without_project(qtbot):
    w = DashboardPanel()
    qtbot.addWidget(w)
    assert w.visible_keys() == []
    assert not w.export_button.isEnabled()
    assert w.export_to("x.pdf") is None


def test_english_interface_shows_the_english_twins(qtbot, monkeypatch, demo):
    """Marmot and SDG names are data with an English twin: chosen by the interface language."""
    import ungtloft_map._qt.dashboard_panel as dp

    project, themes = demo
    monkeypatch.setattr(dp, "current_language", lambda: "en")
    w = DashboardPanel()
    qtbot.addWidget(w)
    assert w.marmot_box.itemText(1) == "A – Give every child the best start in life"
    with qtbot.waitSignal(w.dashboardReady, timeout=TIMEOUT):
        w.set_project(project, themes)
    assert w.sdg_box.itemText(w.sdg_box.findData("11")) == "11 – Sustainable cities and communities"
    assert w.tile_widget("neet").name_label.text() == project.catalogue["neet"].name_en


def test_wait_ready_blocks_until_the_tiles_are_shown(panel, demo):
    project, themes = demo
    panel.set_project(project, themes)  # returns at once: the core runs in a worker
    assert panel.is_busy()
    assert panel.wait_ready(TIMEOUT / 1000)
    assert not panel.is_busy() and len(panel.visible_keys()) == len(panel.dashboard.tiles)
