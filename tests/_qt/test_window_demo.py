"""End to end on the fictional demo: the window computes every theme in the background, and the
panels (index and clusters, target areas, dashboard, plan assessment) work on the result."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from tests._qt.helpers import close_window  # noqa: E402
from tests._qt.helpers import js_raw as _js_raw  # noqa: E402
from tests._qt.helpers import spin as _spin  # noqa: E402
from ungtloft_map._qt.main_window import MainWindow  # noqa: E402


@pytest.fixture(scope="module")
def demo_window(qapp):
    win = MainWindow()
    win.ask_to_save = False
    win.resize(1500, 900)
    win.show()
    ready = []
    win.themesReady.connect(ready.append)
    assert win.load_project(None)
    _spin(qapp, lambda: ready, timeout=600)
    yield win
    if getattr(win, "plan_dialog", None) is not None:
        win.plan_dialog.close()
    close_window(qapp, win)


def test_every_theme_is_computed(demo_window):
    res = demo_window.themes
    assert res.errors == {}, res.errors
    for col in ("green_covered_pct", "time_to_centre_min", "municipal_share", "composite_score", "lisa_label"):
        assert col in demo_window.zone_table.gdf.columns
    assert "Høy-Høy" in res.cluster_summary("nb")
    assert "fiktive demodata" in demo_window.fiction_label.text().lower()


def test_panels_receive_the_themes(demo_window):
    assert demo_window.targeting.ranking_table.model().rowCount() == 50
    assert demo_window.dashboard.wait_ready(300)  # the tiles are computed in a worker
    assert len(demo_window.dashboard.visible_keys()) > 5
    demo_window.tabs.setCurrentWidget(demo_window._charts)  # the histogram draws when it is seen
    demo_window.select_zones(["0203"])
    assert demo_window.moran.selected_ids() == ["0203"]
    assert demo_window.histogram.selected_ids() == ["0203"]


def test_dashboard_tile_shows_indicator_on_map(qapp, demo_window):
    demo_window.dashboard.showIndicator.emit("neet")
    assert demo_window.column == "neet"


def test_plan_dialog_outlines_plan_on_map(qapp, demo_window):
    demo_window.open_plan_dialog()
    dlg = demo_window.plan_dialog
    dlg.select_example(0)
    got = []
    dlg.planAssessed.connect(got.append)
    dlg.assess()
    _spin(qapp, lambda: got, timeout=300)
    assert got[0].n_zones >= 1
    _spin(qapp, lambda: _js_raw(qapp, demo_window.map_view, "'plan' in ungtloft.layers") is True)


def test_isochrone_from_a_map_click(qapp, demo_window):
    zones = demo_window.zone_table.gdf.to_crs(4326)
    c = zones.loc["0101"].geometry.representative_point()
    demo_window.map_view.run_js("ungtloft.pickPoint();")
    demo_window.map_view.run_js(f"ungtloft.map.fire('click', {{latlng: L.latLng({c.y}, {c.x})}});")
    _spin(qapp, lambda: getattr(demo_window, "last_isochrone", None) is not None, timeout=300)
    res = demo_window.last_isochrone
    assert list(res.polygons["minutes"]) == [45, 30, 15]
    areas = res.polygons.set_index("minutes")["area_km2"]
    assert areas[15] <= areas[30] <= areas[45]
    _spin(qapp, lambda: _js_raw(qapp, demo_window.map_view, "'isochrones' in ungtloft.layers") is True)


def test_green_gap_overlay(qapp, demo_window):
    demo_window.act_gap.setChecked(True)
    _spin(qapp, lambda: _js_raw(qapp, demo_window.map_view, "'green_gap' in ungtloft.layers") is True)
    demo_window.act_gap.setChecked(False)
    _spin(qapp, lambda: _js_raw(qapp, demo_window.map_view, "'green_gap' in ungtloft.layers") is False)


def test_png_export_at_a_chosen_size(demo_window, tmp_path):
    import struct

    out = demo_window.export_to("png", tmp_path / "kart.png", size=(900, 700))
    assert struct.unpack(">II", out.read_bytes()[16:24]) == (900, 700)


def test_notes_become_a_map_layer(qapp, demo_window):
    from ungtloft_map.core.notes import NoteStore

    store = NoteStore.for_project(demo_window.project)
    store.add_for_zone("0203", "Mørk gangvei bak skolen", category="trygghet", source="befaring")
    demo_window.notes = store.to_dict()["notes"]
    demo_window.show_notes_layer()
    _spin(qapp, lambda: _js_raw(qapp, demo_window.map_view, "'notes' in ungtloft.layers") is True)


def test_a_weight_slider_never_reaches_the_exported_zone_table(qtbot, demo_window, tmp_path):
    """The live ranking is the session's derived column: the map shows it, the shared zone
    table (panels, exporter) never gets it, and the zone export holds it only when chosen."""
    import pandas as pd

    from ungtloft_map.core.export import export_zones

    panel = demo_window.targeting
    with qtbot.waitSignal(panel.rankingChanged, timeout=3000):
        panel.weight_control("neet").slider.setValue(30)
    assert "target_score" in demo_window.zone_table.gdf.columns  # the view can show it
    demo_window.set_column("target_score")
    assert demo_window.column == "target_score"
    assert "target_score" not in demo_window.themes.zone_table.gdf.columns
    assert "target_score" not in demo_window.session.zone_table.gdf.columns
    assert "target_score" not in panel.zone_table.gdf.columns
    out = demo_window.export_to("zones", tmp_path / "soner.csv")
    assert "target_score" not in pd.read_csv(out, encoding="utf-8-sig").columns
    chosen = export_zones(demo_window.session.export_table(["target_score"]), tmp_path / "valgt.csv")
    assert "target_score" in pd.read_csv(chosen.path, encoding="utf-8-sig").columns
    with qtbot.waitSignal(panel.rankingChanged, timeout=3000):
        panel.weight_control("neet").slider.setValue(10)
    demo_window.set_column("low_income")


def test_the_panels_hold_the_sessions_notes(demo_window):
    """Notes live in one place: the targeting panel and the plan dialog keep the session's list."""
    assert demo_window.targeting.notes is demo_window.session.notes
    demo_window.notes = [{"note_id": "x", "zone_id": "0101", "text": "Ny benk", "geometry": None}]
    assert demo_window.targeting.notes == demo_window.session.notes == demo_window.notes
    demo_window.notes = []
