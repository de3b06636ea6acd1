"""The main window against a real Project: map page, table, selection linked both ways."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from tests._qt.helpers import close_window, eventually, js_raw, spin  # noqa: E402
from ungtloft_map._qt.main_window import MainWindow  # noqa: E402


def _js(qtbot, view, script):
    box = []
    view.page().runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return box[0]


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    """One window for the module: QtWebEngine pages are costly to create and tear down."""
    from tests.factories import write_tiny_project

    folder = write_tiny_project(tmp_path_factory.mktemp("tiny"))
    win = MainWindow(compute_themes_on_load=False)
    win.ask_to_save = False
    win.show()
    loaded = []
    win.map_view.mapLoaded.connect(loaded.append)
    assert win.load_project(folder)
    spin(qapp, lambda: loaded)
    assert loaded == [True]
    spin(qapp, lambda: js_raw(qapp, win.map_view, "typeof window.ungtloftBridge") == "object")
    yield win
    close_window(qapp, win)


def test_window_shows_project(window):
    assert window.model.rowCount() == 6
    assert window.indicator_box.currentData() == "low_income"
    assert "fiktive demodata" in window.fiction_label.text().lower()
    assert [window.year_box.itemText(i) for i in range(window.year_box.count())] == ["2023", "2024"]
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&Fil", "&Vis", "&Analyse", "&Hjelp"]
    assert window.t_first_map is not None


def test_table_selection_highlights_on_map(qtbot, window):
    window.select_zones(["Z01", "Z10"])
    got = lambda: _js(qtbot, window.map_view, "JSON.stringify(ungtloft.selectedIds().sort())")  # noqa: E731
    eventually(qtbot, lambda: got() == "[\"Z01\",\"Z10\"]")


def test_map_click_selects_in_table(qtbot, window):
    with qtbot.waitSignal(window.map_view.zoneClicked, timeout=5000) as sig:
        window.map_view.run_js("ungtloft.clickZone('Z11');")
    assert sig.args == ["Z11", False]
    assert window.selected_zone_ids() == ["Z11"]


def test_switching_indicator_restyles_without_reload(qtbot, window):
    loads = []
    window.map_view.loadFinished.connect(loads.append)
    window.indicator_box.setCurrentIndex(window.indicator_box.findData("neet"))
    assert window.column == "neet"
    legend = lambda: _js(qtbot, window.map_view, "document.getElementById('ul-legend').innerText")  # noqa: E731
    eventually(qtbot, lambda: "NEET" in legend())
    assert loads == []  # a style change, not a page reload
    # and the view → model direction: the menu action follows the combo box
    checked = [a.data() for a in window._indicator_group.actions() if a.isChecked()]
    assert checked == ["neet"]
    # view → model: choosing in the Analyse menu moves the combo box and the map
    low = next(a for a in window._indicator_group.actions() if a.data() == "low_income")
    low.trigger()
    assert window.indicator_box.currentData() == "low_income"
    eventually(qtbot, lambda: "Lavinntekt" in legend())


def test_year_change_updates_table(qtbot, window):
    window.year_box.setCurrentIndex(0)
    assert window.zone_table.year == 2023
    assert window.zone_table.year == 2023
    col = window.model.column_of("low_income")
    row = window.model.row_of("Z00")
    assert window.model.index(row, col).data() == "5,0"  # 10 / 200 in 2023
    window.year_box.setCurrentIndex(1)
    assert window.model.index(row, col).data() == "5,5"  # 11 / 200 in 2024


def test_bad_dataset_shows_message_and_keeps_running(qtbot, window, tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"layers": {}}))
    assert not window.load_project(tmp_path)
    assert "zones" in window.last_error
    assert window.model.rowCount() == 6  # the previous data is still shown


def test_identify_follows_map_click(qtbot, window):
    window.map_view.run_js("ungtloft.clickZone('Z02');")
    eventually(qtbot, lambda: window.identify.zone_id == "Z02")
    assert "Sone Z02" in window.identify.title.text()


def test_classification_panel_restyles_map(qtbot, window):
    window.set_column("low_income")
    legend = lambda: _js(qtbot, window.map_view, "document.getElementById('ul-legend').innerText")  # noqa: E731
    window.classify_panel.scheme.setCurrentIndex(window.classify_panel.scheme.findData("equalinterval"))
    window.classify_panel.k.setValue(3)
    eventually(qtbot, lambda: "Like intervaller" in legend() and legend().count("(") >= 3)
    assert window.classification == {"scheme": "equalinterval", "k": 3, "bins": None}


def test_change_since_draws_differences(qtbot, window):
    window.set_column("low_income")
    window.since_box.setCurrentIndex(window.since_box.findData(2023))
    assert "endring fra 2023 til 2024" in window.definition_label.text()
    tip = lambda: _js(qtbot, window.map_view, "JSON.stringify(ungtloft.map && Object.keys(ungtloft.layers))")  # noqa: E731
    assert "zones" in tip()
    window.since_box.setCurrentIndex(0)


def test_export_from_window(qtbot, window, tmp_path):
    out = window.export_to("html", tmp_path / "kart.html")
    assert out is not None and "Leaflet" in out.read_text("utf-8")
    assert window.export_to("zones", tmp_path / "soner.csv") is not None
    assert window.export_to("zones", tmp_path / "soner.doc") is None  # refused with a message
    assert "unknown export type" in window.last_error


def test_themes_computed_in_worker(qtbot, window):
    with qtbot.waitSignal(window.themesReady, timeout=300000) as sig:
        window.compute_themes()
        assert window.progress.isVisible()
    res = sig.args[0]
    assert "composite_score" in window.zone_table.gdf.columns
    assert res.errors.keys() >= {"green", "housing", "transit"}  # the tiny project has no such layers
    assert window.layer_panel.theme_item("composite_score") is not None
    assert not window.progress.isVisible()
    window.set_column("composite_score")
    legend = lambda: _js(qtbot, window.map_view, "document.getElementById('ul-legend').innerText")  # noqa: E731
    eventually(qtbot, lambda: "belastningsindeks" in legend())
    # six zones are too few for the permutation test: the clusters are listed as not computed
    assert "lisa_label" not in window.zone_table.gdf.columns
    assert "clusters" in res.not_computed
    assert any("Klynger" in line for line in window.not_computed_lines())


def test_cancel_keeps_previous_results(qtbot, window):
    before = window.zone_table
    window.compute_themes()
    window.cancel_work()
    qtbot.wait(200)
    assert window.zone_table is before and not window.progress.isVisible()


def test_project_save_and_reopen_restores_the_view(qtbot, window, tmp_path):
    window.set_column("neet")
    window.classify_panel.scheme.setCurrentIndex(window.classify_panel.scheme.findData("fisherjenks"))
    window.select_zones(["Z01", "Z11"])
    assert window.dirty and window.windowTitle().startswith("*")
    assert window.save_project_to(tmp_path / "mitt.ulmap")
    assert not window.dirty and not window.windowTitle().startswith("*")
    window.set_column("low_income")
    window.select_zones([])
    assert window.open_project(tmp_path / "mitt.ulmap")
    assert window.column == "neet"
    assert window.classification["scheme"] == "fisherjenks"
    assert sorted(window.selected_zone_ids()) == ["Z01", "Z11"]
    assert window.project_path.name == "mitt.ulmap" and not window.dirty
    assert str(tmp_path / "mitt.ulmap") in window._recent()


def test_window_and_headless_session_read_one_project_file(qtbot, window, tmp_path):
    """The window is a view of a core Session: what it saves, a headless session reads the
    same, and what a headless session saves, the window shows."""
    from ungtloft_map.core.session import Session

    window.year_box.setCurrentIndex(window.year_box.findData(2023))
    window.set_column("neet")
    window.select_zones(["Z10"])
    assert window.zone_table.year == 2023 and window.session.year == 2023
    assert window.save_project_to(tmp_path / "w.ulmap")
    s = Session.open(tmp_path / "w.ulmap")
    assert s.settings() == window.window_settings()
    assert (s.year, s.column, s.selection) == (2023, "neet", ["Z10"])
    s.set_column("low_income")
    s.set_classification({"scheme": "equalinterval", "k": 3})
    s.set_year(2024)
    s.save()
    assert window.open_project(tmp_path / "w.ulmap")
    assert window.column == "low_income" and window.year_box.currentData() == 2024
    assert window.classification == {"scheme": "equalinterval", "k": 3, "bins": None}
    assert window.classify_panel.k.value() == 3 and not window.dirty


def test_the_layer_panel_reaches_the_session(window):
    panel = window.layer_panel
    name = panel.context_order()[0]
    item = panel.context_item(name)
    from PySide6.QtCore import Qt

    was = item.checkState(0)
    other = Qt.CheckState.Unchecked if was == Qt.CheckState.Checked else Qt.CheckState.Checked
    item.setCheckState(0, other)
    try:
        assert (name in window.session.layers["visible"]) == (other == Qt.CheckState.Checked)
        assert window.session.layers["order"] == panel.context_order() and window.dirty
    finally:
        item.setCheckState(0, was)


def test_start_loading_opens_a_project_file(qapp, window, tmp_path):
    """``ungtloft-map --project mitt.ulmap``: the window opens the project with its view."""
    from ungtloft_map._qt.main_window import start_loading

    window.set_column("neet")
    assert window.save_project_to(tmp_path / "start.ulmap")
    window.set_column("low_income")
    start_loading(window, tmp_path / "start.ulmap")
    spin(qapp, lambda: window.project_path == tmp_path / "start.ulmap" and window.column == "neet")
    assert not window.dirty


def test_unsaved_changes_are_asked_about(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    import ungtloft_map._qt.project_actions as mw

    window.ask_to_save = True
    try:
        window.set_column("neet")
        window.set_column("low_income")
        assert window.dirty
        monkeypatch.setattr(mw, "ask", lambda *a, **k: QMessageBox.StandardButton.Cancel)
        assert window.maybe_save() is False
        monkeypatch.setattr(mw, "ask", lambda *a, **k: QMessageBox.StandardButton.Discard)
        assert window.maybe_save() is True and not window.dirty
    finally:
        window.ask_to_save = False


def test_broken_project_file_is_a_message(qtbot, window, tmp_path):
    bad = tmp_path / "x.ulmap"
    bad.write_text("{")
    assert not window.open_project(bad)
    assert "damaged" in window.last_error


def test_export_in_background(qtbot, window, tmp_path):
    window.export_in_background("zones", tmp_path / "soner.xlsx")
    qtbot.waitUntil(lambda: "Lagret" in window.statusBar().currentMessage(), timeout=60000)
    assert (tmp_path / "soner.xlsx").exists()
    window.last_error = ""
    window.export_in_background("zones", tmp_path / "soner.doc")
    qtbot.waitUntil(lambda: "unknown export type" in window.last_error, timeout=60000)


def test_dataset_read_in_background(qtbot, window, tiny_project_dir, tmp_path):
    loaded = []
    window.projectLoaded.connect(loaded.append)
    window.load_project_in_background(tiny_project_dir)
    qtbot.waitUntil(lambda: bool(loaded), timeout=60000)
    assert window.model.rowCount() == 6 and not window.progress.isVisible()
    window.last_error = ""
    window.load_project_in_background(tmp_path)  # no manifest: a message, the data stays
    qtbot.waitUntil(lambda: "manifest.json" in window.last_error, timeout=60000)
    assert window.model.rowCount() == 6


def test_zones_and_feed_only_show_the_index_once_themes_are_in(qtbot, window, tmp_path):
    # A kommune's first dataset (zones + a GTFS feed, no levekår table) paints its zone area, the
    # only column before the themes; once they are in, the first real indicator is shown.
    from tests.factories import write_subset_project

    folder = write_subset_project(tmp_path / "feed", gtfs=True)
    assert window.load_project(folder)
    assert window.column == "area_km2"
    with qtbot.waitSignal(window.themesReady, timeout=300000):
        window.compute_themes()
    assert window.column == "composite_score"
    assert "dist_to_stop_m" in window.zone_table.gdf.columns
    window.set_column("area_km2")  # a column the user picks stays picked
    with qtbot.waitSignal(window.themesReady, timeout=300000):
        window.compute_themes()
    assert window.column == "area_km2"


@pytest.mark.realdata
def test_real_trondheim_files_in_the_window(qtbot, window, shared_data, tmp_path):
    # The 5 real levekårssoner (CRS84, zone id = zoneName), the real AtB feed and the kommune
    # boundary, as the CLI import writes them: open, themes in the worker, no error, the index shown.
    from ungtloft_map.cli import main

    d = shared_data / "trondheim"
    out = tmp_path / "trd"
    assert main(["import", "--out", str(out), "--zones", str(d / "levekarssoner_sentrum_5zones.geojson"),
                 "--zone-id", "zoneName", "--gtfs", str(d / "atb_entur_gtfs_2020-12-14.zip"),
                 "--boundary", str(d / "trondheim_5001_kommunegrense.geojson")]) == 0
    window.last_error = ""
    assert window.load_project(out)
    assert window.model.rowCount() == 5
    with qtbot.waitSignal(window.themesReady, timeout=300000) as sig:
        window.compute_themes()
    res = sig.args[0]
    assert window.last_error == ""
    assert window.column == "composite_score"
    stops = window.zone_table.gdf["dist_to_stop_m"]
    assert stops.notna().all() and (stops < 400).all()
    assert "levekar" in res.not_computed and window.not_computed_lines()
