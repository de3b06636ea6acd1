"""The plan dialog (Analyse → Vurder reguleringsplan) with qtbot against the real demo project.

One ThemeResults for the module: the cluster step compiles esda's kernels on first use (tens of
seconds), and every assessment here reuses it, so each "Vurder" takes well under a second.
Both directions are covered: choosing in the dialog (view) changes what is assessed (model),
and setting values in code (model) shows in the widgets (view).
"""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from shapely.geometry import box

from tests._qt.helpers import js_raw, spin
from ungtloft_map._qt.plan_dialog import (
    SEVERITY_COLORS,
    SEVERITY_ROLE,
    PlanDialog,
    draw_script,
)
from ungtloft_map.core.project import Project

TIMEOUT = 60_000  # ms; an assessment takes < 1 s, but CI machines can be slow


@pytest.fixture(scope="module")
def demo():
    from ungtloft_map.core.pipeline import compute_themes

    project = Project.demo()
    themes = compute_themes(project)
    assert themes.lisa is not None, themes.errors  # the cluster finding needs the labels
    return project, themes


@pytest.fixture()
def dialog(qtbot, demo):
    project, themes = demo
    dlg = PlanDialog(project, themes)
    qtbot.addWidget(dlg)
    dlg.resize(1000, 700)
    dlg.show()
    qtbot.waitExposed(dlg)
    yield dlg
    dlg.cancel()


def _assess(qtbot, dlg, *, click: bool = True):
    """Press Vurder (or call assess) and wait for the assessment."""
    with qtbot.waitSignal(dlg.planAssessed, timeout=TIMEOUT) as sig:
        if click:
            qtbot.mouseClick(dlg.assess_button, Qt.MouseButton.LeftButton)
        else:
            dlg.assess()
    return sig.args[0]


def _table(dlg) -> list[list[str]]:
    m = dlg.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def _plan_index(project, stem: str) -> int:
    return next(i for i, p in enumerate(project.plans) if stem in p["path"])


# --------------------------------------------------------------------------------------------
# view → model


def test_opens_on_first_example_with_its_dwellings(dialog, demo):
    project, _ = demo
    assert dialog.source == PlanDialog.SOURCE_EXAMPLE
    assert dialog.example_box.count() == len(project.plans) == 3
    assert dialog.example_box.currentText() == project.plans[0]["name"]
    assert dialog.plan_layer is not None
    # plan A's file says 48 municipal and 72 other dwellings
    assert (dialog.municipal_spin.value(), dialog.other_spin.value()) == (48, 72)
    assert "planfilen" in dialog.units_hint.text()
    assert dialog.buffer_spin.value() == 500
    assert dialog.assess_button.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.model.rowCount() == 0


def test_choosing_a_demo_plan_and_pressing_vurder_fills_the_findings(qtbot, dialog, demo):
    project, _ = demo
    i = _plan_index(project, "plan_b_park")
    dialog.example_box.setCurrentIndex(i)  # as the user does
    assert dialog.plan_layer.path.name == "plan_b_park.sos"
    assert (dialog.municipal_spin.value(), dialog.other_spin.value()) == (0, 80)

    a = _assess(qtbot, dialog)
    assert dialog.assessment is a
    assert a.path.name == "plan_b_park.sos"
    assert a.buffer_m == 500
    assert a.housing.units_source == "plan file"  # unchanged spins: the file's numbers

    rows = _table(dialog)
    assert len(rows) == len(a.findings) > 5
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Tema", "Funn", "Verdi", "Sammenligning", "Marmot-prinsipp"]
    for row, f in zip(rows, a.findings, strict=True):
        assert row[1:] == [f.label_nb, f.value_nb, f.comparison_nb, f.principles]
    themes = {r[0] for r in rows}
    assert {"Befolkning", "Indeks", "Levekår", "Grønt", "Kollektiv", "Boliger"} <= themes
    # plan B builds on a park: green removed (info) and residents losing coverage (obs)
    labels = {r[1] for r in rows}
    assert "Grøntareal som bygges ned" in labels

    # rows coloured by severity: obs light red, ok light green, info none
    for r, f in enumerate(a.findings):
        idx = dialog.model.index(r, 1)
        assert idx.data(SEVERITY_ROLE) == f.severity
        brush = idx.data(Qt.ItemDataRole.BackgroundRole)
        if f.severity == "info":
            assert brush is None
        else:
            assert brush.color() == QColor(SEVERITY_COLORS[f.severity])
    assert {f.severity for f in a.findings} == {"obs", "ok", "info"}

    # the summary line: residents in plan and buffer, zones touched (Norwegian format)
    text = dialog.summary_label.text()
    assert "Bosatte: 66 i planområdet, 1861 innen 500 m" in text
    assert f"Soner berørt: {len(a.zones)}" in text
    assert "Kvartalet" in text
    assert dialog.save_button.isEnabled()
    assert not dialog.error_label.isVisible()


def test_every_demo_plan_assesses(qtbot, dialog, demo):
    project, _ = demo
    names = []
    for i in range(len(project.plans)):
        dialog.select_example(i)
        a = _assess(qtbot, dialog)
        names.append(a.plan_name)
        assert dialog.model.rowCount() == len(a.findings)
    assert len(set(names)) == 3
    # plan A lies in a High-High cluster: the cluster finding is there and marked obs
    dialog.select_example(_plan_index(project, "plan_a"))
    a = _assess(qtbot, dialog)
    cluster = next(f for f in a.findings if f.key == "cluster")
    assert cluster.severity == "obs" and "Høy-Høy" in cluster.value_nb


def test_editing_the_spins_is_used(qtbot, dialog):
    dialog.select_example(0)
    dialog.buffer_spin.setFocus()
    dialog.buffer_spin.selectAll()
    qtbot.keyClicks(dialog.buffer_spin, "750")
    qtbot.keyClick(dialog.buffer_spin, Qt.Key.Key_Tab)
    assert dialog.buffer_m == 750
    dialog.municipal_spin.setValue(10)
    a = _assess(qtbot, dialog)
    assert a.buffer_m == 750
    assert a.housing.add_municipal == 10 and a.housing.add_other == 72
    assert a.housing.units_source == "argument and plan file"
    assert any(f.label_nb == "Bosatte innen 750 m" for f in a.findings)


# --------------------------------------------------------------------------------------------
# model → view


def test_set_buffer_updates_the_spin_and_is_used(qtbot, dialog):
    dialog.set_buffer(300)
    assert dialog.buffer_spin.value() == 300
    assert dialog.buffer_spin.text() == "300 m"
    dialog.set_units(5, 0)
    assert (dialog.municipal_spin.value(), dialog.other_spin.value()) == (5, 0)
    a = _assess(qtbot, dialog, click=False)
    assert a.buffer_m == 300
    assert (a.housing.add_municipal, a.housing.add_other) == (5, 0)
    assert a.housing.units_source == "argument"
    assert "innen 300 m" in dialog.summary_label.text()
    assert any(r[1] == "Bosatte innen 300 m" for r in _table(dialog))


def test_show_assessment_and_lang(qtbot, dialog):
    a = _assess(qtbot, dialog)
    dialog.lang = "en"
    dialog.show_assessment(a)
    assert _table(dialog)[0][1] == "Residents in the plan area"
    assert _table(dialog)[0][0] == "Befolkning"  # the interface itself stays in its language


# --------------------------------------------------------------------------------------------
# errors


def test_a_file_without_crs_shows_the_error_and_keeps_the_findings(qtbot, dialog, tmp_path):
    before = _assess(qtbot, dialog)
    rows = _table(dialog)
    bad = tmp_path / "uten_crs.geojson"
    geom = box(559000, 7024400, 559200, 7024600).__geo_interface__
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "x"}, "geometry": geom}]}))

    assert dialog.set_plan_file(bad) is False
    assert dialog.source == PlanDialog.SOURCE_FILE
    assert dialog.error_label.isVisible()
    text = dialog.error_label.text()
    assert "uten_crs.geojson" in text and "CRS" in text
    assert "Traceback" not in text
    assert dialog.error_label.styleSheet().replace(" ", "").startswith("color:#b00020")
    assert not dialog.assess_button.isEnabled()
    # the previous findings stay
    assert dialog.assessment is before
    assert _table(dialog) == rows
    assert dialog.save_button.isEnabled()


def test_a_plan_outside_the_municipality_fails_in_red(qtbot, dialog, tmp_path):
    before = _assess(qtbot, dialog)
    far = tmp_path / "langt_unna.geojson"
    gpd.GeoDataFrame({"name": ["Langt unna"]}, geometry=[box(300000, 6600000, 300200, 6600200)],
                     crs="EPSG:25832").to_file(far, driver="GeoJSON")
    assert dialog.set_plan_file(far)
    emitted = []
    dialog.planAssessed.connect(emitted.append)
    dialog.assess()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=TIMEOUT)
    assert emitted == []
    assert "touches none of its zones" in dialog.error_label.text()
    assert dialog.error_label.text().startswith("Vurderingen feilet")
    assert dialog.assessment is before
    assert dialog.model.rowCount() == len(before.findings)
    assert not dialog.progress.isVisible() and dialog.assess_button.isEnabled()
    # a good run clears the error
    dialog.select_example(0)
    _assess(qtbot, dialog)
    assert not dialog.error_label.isVisible() and dialog.last_error == ""


def test_cancel_keeps_the_previous_findings(qtbot, dialog):
    before = _assess(qtbot, dialog)
    dialog.set_buffer(1000)
    worker = dialog.assess()
    assert dialog.cancel_button.isVisible() and dialog.progress.isVisible()
    assert not dialog.assess_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.cancel_button.isVisible() and dialog.assess_button.isEnabled()
    assert worker.wait(60)
    qtbot.wait(100)  # let a late finished signal arrive: it must be ignored
    assert dialog.assessment is before
    assert dialog.model.rowCount() == len(before.findings)


def test_without_themes_the_first_run_computes_them(qtbot, demo):
    """The window may have no ThemeResults yet: the worker computes them, with progress and
    cancel, and the dialog keeps them for the next run."""
    project, _ = demo
    dlg = PlanDialog(project, None)
    qtbot.addWidget(dlg)
    dlg.show()
    # cancelled while the themes are computed: nothing shown, nothing kept
    worker = dlg.assess()
    assert dlg.status_label.isVisible() and "Beregner temaer" in dlg.status_label.text()
    dlg.cancel()
    assert worker.wait(120)
    qtbot.wait(100)
    assert dlg.assessment is None and dlg.themes is None and dlg.model.rowCount() == 0
    # a full run
    steps = []
    dlg.progress.valueChanged.connect(lambda _v: steps.append(dlg.status_label.text()))
    with qtbot.waitSignal(dlg.planAssessed, timeout=180_000):
        dlg.assess()
    assert dlg.themes is not None
    assert any("grøntdekning" in s for s in steps)
    assert not dlg.status_label.isVisible() and not dlg.progress.isVisible()
    assert dlg.model.rowCount() > 0


# --------------------------------------------------------------------------------------------
# report


def test_saving_the_report_writes_pdf_and_html(qtbot, dialog, tmp_path):
    a = _assess(qtbot, dialog)
    pdf = tmp_path / "rapport.pdf"
    with qtbot.waitSignal(dialog.reportSaved, timeout=120_000) as sig:
        dialog.save_report(pdf)
        assert not dialog.save_button.isEnabled()  # one write at a time
    assert sig.args == [str(pdf)]
    assert pdf.read_bytes()[:4] == b"%PDF"
    assert dialog.report_path == pdf
    assert "Rapporten er lagret" in dialog.report_label.text()
    assert str(pdf) in dialog.report_label.text()
    assert dialog.save_button.isEnabled()

    page = tmp_path / "rapport.html"
    with qtbot.waitSignal(dialog.reportSaved, timeout=120_000):
        dialog.save_report(page)
    text = page.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html")
    assert a.plan_name in text
    assert 'lang="nb"' in text


def test_english_report_follows_lang(qtbot, dialog, tmp_path):
    _assess(qtbot, dialog)
    dialog.lang = "en"
    page = tmp_path / "report.htm"
    with qtbot.waitSignal(dialog.reportSaved, timeout=120_000):
        dialog.save_report(page)
    assert 'lang="en"' in page.read_text(encoding="utf-8")


def test_report_with_a_wrong_suffix_or_no_assessment(qtbot, dialog, tmp_path):
    assert dialog.save_report(tmp_path / "x.pdf") is None
    assert "Vurder en plan" in dialog.error_label.text()
    _assess(qtbot, dialog)
    assert dialog.save_report(tmp_path / "rapport.docx") is None
    assert ".docx" in dialog.error_label.text()
    assert not (tmp_path / "rapport.docx").exists()


# --------------------------------------------------------------------------------------------
# drawn polygon


def _square_lonlat(project, half_m: float = 300.0) -> list[tuple[float, float]]:
    """A square of 2 × ``half_m`` around the centre of the zones' bounds, as (lon, lat)."""
    x0, y0, x1, y1 = project.layer("zones").total_bounds
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    sq = gpd.GeoSeries([box(cx - half_m, cy - half_m, cx + half_m, cy + half_m)], crs="EPSG:25832")
    return [tuple(p) for p in sq.to_crs("EPSG:4326").iloc[0].exterior.coords]


def test_set_drawn_polygon_assesses_it(qtbot, dialog, demo):
    project, _ = demo
    coords = _square_lonlat(project)
    with qtbot.waitSignal(dialog.planAssessed, timeout=TIMEOUT) as sig:
        assert dialog.set_drawn_polygon(coords)
    a = sig.args[0]
    assert dialog.source == PlanDialog.SOURCE_DRAWN and dialog.drawn_radio.isChecked()
    assert a.area_m2 == pytest.approx(600 * 600, rel=0.01)
    assert a.plan_name == "Tegnet plan"
    assert a.residents_buffer > 0 and len(a.zones) >= 1
    assert a.green is None or a.green.removed_m2 == 0  # no land use: nothing assumed built
    assert a.housing.units_source == "none"
    assert (dialog.municipal_spin.value(), dialog.other_spin.value()) == (0, 0)
    assert "4 hjørner" in dialog.drawn_label.text() and "36,0 ha" in dialog.drawn_label.text()
    assert dialog.model.rowCount() == len(a.findings)


def test_set_drawn_polygon_accepts_the_bridge_json(qtbot, dialog, demo):
    project, _ = demo
    text = json.dumps([list(p) for p in _square_lonlat(project, 200)])
    with qtbot.waitSignal(dialog.planAssessed, timeout=TIMEOUT) as sig:
        dialog.set_drawn_polygon(text)
    assert sig.args[0].area_m2 == pytest.approx(400 * 400, rel=0.01)


def test_a_bad_drawn_polygon_shows_the_error(qtbot, dialog, demo):
    before = _assess(qtbot, dialog)
    project, _ = demo
    two = _square_lonlat(project)[:2]
    assert dialog.set_drawn_polygon(two) is False
    assert "tre hjørner" in dialog.error_label.text()
    assert dialog.set_drawn_polygon("not json") is False
    assert "lengdegrad" in dialog.error_label.text()
    assert dialog.set_drawn_polygon([(500000.0, 7000000.0)] * 3) is False  # metres, not degrees
    assert dialog.plan_layer is None and not dialog.assess_button.isEnabled()
    assert dialog.assessment is before


def test_draw_button_asks_for_the_map(qtbot, dialog):
    with qtbot.waitSignal(dialog.drawRequested, timeout=1000):
        qtbot.mouseClick(dialog.draw_button, Qt.MouseButton.LeftButton)
    assert dialog.source == PlanDialog.SOURCE_DRAWN
    assert "dobbeltklikk" in dialog.drawn_label.text()


def test_draw_script_contract():
    js = draw_script()
    assert "window.ungtloftBridge.planDrawn(JSON.stringify(coords))" in js
    assert 'api.layers["plan_draft"]' in js and "window.ungtloftLastDrawn = coords" in js
    assert "Dobbeltklikk" in js
    assert "<b>" not in draw_script("<b>x</b>")  # the hint is escaped


# --------------------------------------------------------------------------------------------
# the draw script on a real map page, through the web channel into the dialog


def test_drawing_on_the_map_reaches_the_dialog(qapp, qtbot, dialog, demo):
    pytest.importorskip("PySide6.QtWebEngineWidgets")
    from PySide6.QtCore import QEvent

    from ungtloft_map._qt.map_view import MapView
    from ungtloft_map.maps.zonemap import build_zone_map

    project, themes = demo
    view = MapView()
    try:
        view.resize(800, 600)
        view.show()
        loaded = []
        view.mapLoaded.connect(loaded.append)
        view.show_map(build_zone_map(themes.zone_table, "low_income"))
        spin(qapp, lambda: loaded)
        assert loaded == [True]
        spin(qapp, lambda: js_raw(qapp, view, "typeof window.ungtloftBridge") == "object")
        view.polygonDrawn.connect(dialog.set_drawn_polygon)
        pointer = "ungtloft.zones.getLayers()[0].getElement().style.pointerEvents"

        assert js_raw(qapp, view, draw_script()) is True
        assert js_raw(qapp, view, "window.ungtloftDraw.active && !ungtloft.map.doubleClickZoom.enabled()")
        assert js_raw(qapp, view, pointer) == "none"  # zones do not take the clicks while drawing
        pts = _square_lonlat(project)[:4]
        clicks = "".join(f"ungtloft.map.fire('click', {{latlng: L.latLng({lat}, {lon})}});"
                         for lon, lat in pts)
        # a double-click: two clicks on the last spot, then dblclick -- one vertex, not two
        lon, lat = pts[-1]
        clicks += f"ungtloft.map.fire('click', {{latlng: L.latLng({lat}, {lon})}});"
        assert js_raw(qapp, view, clicks + "JSON.stringify(ungtloftDraw.points().length)") == "4"
        with qtbot.waitSignal(dialog.planAssessed, timeout=TIMEOUT) as sig:
            view.run_js(f"ungtloft.map.fire('dblclick', {{latlng: L.latLng({lat}, {lon})}});")
        a = sig.args[0]
        assert a.area_m2 == pytest.approx(600 * 600, rel=0.01)
        assert js_raw(qapp, view, "window.ungtloftDraw.active") is False
        assert js_raw(qapp, view, "ungtloft.map.doubleClickZoom.enabled()") is True
        assert js_raw(qapp, view, "JSON.stringify(window.ungtloftLastDrawn.length)") == "4"
        assert js_raw(qapp, view, "ungtloft.map.hasLayer(ungtloft.layers.plan_draft)") is True
        assert js_raw(qapp, view, pointer) == ""

        # a new drawing replaces the old preview; cancelling it leaves none
        js_raw(qapp, view, draw_script())
        assert js_raw(qapp, view, "ungtloftDraw.cancel() && !('plan_draft' in ungtloft.layers)") is True
    finally:
        view.hide()
        view.shutdown()
        qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        view.deleteLater()
        qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.processEvents()
