"""The place-notes panel alone, with qtbot, on the demo municipality: model → view, view → model.

Notes are added through the form as a user would (type, pick, click); what the panel hands back
(:meth:`NotesPanel.notes`) must read back with the core's :class:`NoteStore`, and the export
must be a GeoPackage that pyogrio reads.
"""

from __future__ import annotations

import datetime as dt
import json

import pyogrio
import pytest
from PySide6.QtCore import QDate, Qt

from ungtloft_map._qt.notes_panel import (
    COL_CATEGORY,
    COL_DATE,
    COL_SOURCE,
    COL_TEXT,
    COL_ZONE,
    NotesPanel,
)
from ungtloft_map.core.notes import AREA_LAYER, POINT_LAYER, NoteStore


@pytest.fixture(scope="module")
def project():
    from ungtloft_map.core.project import Project

    return Project.demo()


class Recorder:
    """A stand-in for the message box: records the questions, answers ``answer``."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str) -> bool:
        self.asked.append((title, text))
        return self.answer


@pytest.fixture()
def panel(qtbot, project):
    w = NotesPanel()
    qtbot.addWidget(w)
    w.resize(700, 700)
    w.show()
    qtbot.waitExposed(w)
    w.set_project(project, [])
    w.confirm = Recorder(True)
    return w


def _type_note(qtbot, w: NotesPanel, text: str, *, category: str = "trygghet", source: str = "befaring",
               date: dt.date = dt.date(2026, 3, 4)) -> None:
    w.category_box.setCurrentText(category)
    w.source_box.setCurrentIndex(w.source_box.findData(source))
    w.date_edit.setDate(QDate(date.year, date.month, date.day))
    w.text_edit.setFocus()
    w.text_edit.clear()
    qtbot.keyClicks(w.text_edit, text)


def _add(qtbot, w: NotesPanel, text: str, **kw) -> None:
    _type_note(qtbot, w, text, **kw)
    qtbot.mouseClick(w.save_button, Qt.MouseButton.LeftButton)


def _zone_name(project, zone_id: str) -> str:
    return str(project.zones.loc[zone_id, "zone_name"])


# -- view -> model ------------------------------------------------------------------------------
def test_add_a_note_for_the_selected_zone(qtbot, panel, project):
    panel.set_current_zone("0101")
    assert panel.place_box.currentText() == f"Valgt sone: 0101 {_zone_name(project, '0101')}"
    with qtbot.waitSignal(panel.notesChanged, timeout=1000):
        _add(qtbot, panel, "Mørk undergang, folk unngår den om kvelden")
    notes = panel.notes()
    assert len(notes) == 1
    n = notes[0]
    assert (n["zone_id"], n["category"], n["source"], n["date"]) == ("0101", "trygghet", "befaring", "2026-03-04")
    assert n["text"] == "Mørk undergang, folk unngår den om kvelden"
    assert n["geometry"]["type"] == "Polygon"
    # the table shows it, Norwegian date, zone with name
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, COL_DATE).text() == "04.03.2026"
    assert panel.table.item(0, COL_ZONE).text() == f"0101 {_zone_name(project, '0101')}"
    assert panel.text_edit.toPlainText() == ""  # the form is ready for the next one
    assert panel.confirm.asked == []  # nothing personal: no question


def test_add_a_note_at_a_point(qtbot, panel, project):
    p = project.zones.geometry.loc["0203"].representative_point()
    panel.set_point(p.x, p.y)
    assert panel.place_box.currentData() == "point"
    assert "(sone 0203" in panel.place_box.currentText()
    with qtbot.waitSignal(panel.notesChanged, timeout=1000):
        _add(qtbot, panel, "Benken ved lekeplassen er ødelagt", category="møteplass", source="borgerpanel")
    (n,) = panel.notes()
    assert n["geometry"]["type"] == "Point" and n["zone_id"] == "0203"
    assert panel.table.item(0, COL_ZONE).text().endswith("(punkt)")
    assert panel.place_box.currentData() is None  # one click, one note


def test_phone_number_warns_live_and_asks_on_save(qtbot, panel):
    panel.set_current_zone("0102")
    _type_note(qtbot, panel, "Ring 412 34 567 for nøkkel til klubbhuset")
    assert panel.warning_label.isVisible()
    assert "Mulig telefonnummer: «412 34 567»" in panel.warning_label.text()
    panel.confirm = Recorder(False)  # "Nei": nothing saved, the text stays
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert len(panel.confirm.asked) == 1
    title, text = panel.confirm.asked[0]
    assert text.startswith("Notatet ser ut til å inneholde personopplysninger:")
    assert "412 34 567" in text and text.endswith("Lagre likevel?")
    assert panel.notes() == []
    assert "412 34 567" in panel.text_edit.toPlainText()
    panel.confirm = Recorder(True)  # "Ja": saved as written, marked in the table
    with qtbot.waitSignal(panel.notesChanged, timeout=1000):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert len(panel.notes()) == 1
    assert not panel.table.item(0, COL_TEXT).icon().isNull()
    assert "Mulige personopplysninger" in panel.table.item(0, COL_TEXT).toolTip()


def test_warning_clears_when_the_text_is_fixed(qtbot, panel):
    panel.set_current_zone("0101")
    _type_note(qtbot, panel, "Kari Nordmann sier at lyset er borte")
    assert "Kari Nordmann" in panel.warning_label.text()
    _type_note(qtbot, panel, "En beboer sier at lyset er borte")
    assert not panel.warning_label.isVisible()
    assert panel.privacy_warnings() == []


def test_empty_text_or_no_place_is_refused(qtbot, panel):
    _type_note(qtbot, panel, "Noe om et sted")
    assert panel.place_box.currentData() is None
    assert not panel.save_button.isEnabled()
    assert panel.save_form() is None and panel.notes() == []
    panel.set_current_zone("0101")
    panel.text_edit.clear()
    assert panel.save_form() is None
    assert panel.form_error.text() == "Skriv en tekst."


def test_edit_a_note(qtbot, panel):
    panel.set_current_zone("0101")
    _add(qtbot, panel, "Ballbingen har hull i nettet")
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert panel.form_box.title() == "Rediger notat"
    assert panel.place_box.currentData() == "keep"
    assert panel.text_edit.toPlainText() == "Ballbingen har hull i nettet"
    _type_note(qtbot, panel, "Ballbingen er reparert", category="lek og aktivitet", source="medvirkning",
               date=dt.date(2026, 5, 17))
    with qtbot.waitSignal(panel.notesChanged, timeout=1000):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    (n,) = panel.notes()
    assert (n["text"], n["category"], n["source"], n["date"], n["zone_id"]) == (
        "Ballbingen er reparert", "lek og aktivitet", "medvirkning", "2026-05-17", "0101")
    assert panel.form_box.title() == "Nytt notat"


def test_remove_a_note(qtbot, panel):
    panel.set_current_zone("0101")
    _add(qtbot, panel, "Første notat")
    _add(qtbot, panel, "Andre notat", date=dt.date(2026, 3, 5))
    assert len(panel.notes()) == 2
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, COL_TEXT).text() == "Første notat")
    panel.table.selectRow(row)
    panel.confirm = Recorder(False)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert len(panel.notes()) == 2 and panel.confirm.asked[0][0] == "Slette notatet?"
    panel.confirm = Recorder(True)
    with qtbot.waitSignal(panel.notesChanged, timeout=1000):
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert [n["text"] for n in panel.notes()] == ["Andre notat"]
    assert panel.table.rowCount() == 1


def test_only_selected_zone_filter(qtbot, panel):
    for zone, text in (("0101", "Om 0101"), ("0102", "Om 0102"), ("0101", "Mer om 0101")):
        panel.set_current_zone(zone)
        _add(qtbot, panel, text)
    assert panel.table.rowCount() == 3
    panel.set_current_zone("0101")
    panel.only_zone.setChecked(True)
    shown = {panel.table.item(r, COL_TEXT).text() for r in range(panel.table.rowCount())}
    assert shown == {"Om 0101", "Mer om 0101"}
    panel.set_current_zone("0102")
    assert [panel.table.item(r, COL_TEXT).text() for r in range(panel.table.rowCount())] == ["Om 0102"]
    panel.set_current_zone(None)
    assert panel.table.rowCount() == 0 and panel.count_label.text() == "Ingen sone valgt"
    panel.only_zone.setChecked(False)
    assert panel.table.rowCount() == 3


def test_double_click_activates_the_zone(qtbot, panel):
    panel.set_current_zone("0104")
    _add(qtbot, panel, "Gatelyset mangler")
    item = panel.table.item(0, COL_TEXT)
    rect = panel.table.visualItemRect(item)
    # Qt's item views see a double click only after the press of the first click
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.zoneActivated, timeout=1000) as sig:
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == ["0104"]


# -- model -> view ------------------------------------------------------------------------------
def test_set_project_restores_saved_notes(qtbot, panel, project):
    store = NoteStore.for_project(project)
    a = store.add_for_zone("0101", "Ungdommene savner et sted å være", source="medvirkning", date="2025-09-01")
    p = project.zones.geometry.loc["0203"].representative_point()
    b = store.add(p, "Benken er ødelagt", category="møteplass", source="befaring", date="2025-10-12")
    saved = json.loads(json.dumps([n.to_dict() for n in store]))  # as read from the project file
    got = []
    panel.notesChanged.connect(lambda: got.append(1))
    panel.set_project(project, saved)
    assert got == []  # loading is no change
    assert sorted(panel.shown_note_ids()) == sorted([a.note_id, b.note_id])
    assert panel.count_label.text() == "2 notater"
    dates = {panel.table.item(r, COL_DATE).text() for r in range(panel.table.rowCount())}
    assert dates == {"01.09.2025", "12.10.2025"}
    # what the panel hands back reads back to the same notes
    back = NoteStore.from_dict(panel.notes(), zones=project.zones)
    assert {n.note_id: (n.zone_id, n.text, n.date) for n in back} == {
        n.note_id: (n.zone_id, n.text, n.date) for n in store}


def test_unreadable_saved_note_is_kept_not_shown(qtbot, panel, project):
    store = NoteStore.for_project(project)
    good = store.add_for_zone("0101", "Et godt notat").to_dict()
    bad = {"note_id": "x", "geometry": {"type": "Point", "coordinates": [10.4, 63.4]}, "text": "lon/lat"}
    panel.set_project(project, json.loads(json.dumps([good, bad])))
    assert panel.shown_note_ids() == [good["note_id"]]
    assert panel.status_label.isVisible() and "kunne ikke leses" in panel.status_label.text()
    assert panel.notes()[-1] == bad  # saving the project does not lose it


def test_export_writes_a_geopackage(qtbot, panel, project, tmp_path):
    panel.set_current_zone("0101")
    _add(qtbot, panel, "Et notat om sonen")
    p = project.zones.geometry.loc["0203"].representative_point()
    panel.set_point(p.x, p.y)
    _add(qtbot, panel, "Et notat om et punkt", source="borgerpanel")
    path = tmp_path / "notater.gpkg"
    result = panel.export_to(path)
    assert result is not None and (result.n_points, result.n_areas) == (1, 1)
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {POINT_LAYER, AREA_LAYER}
    points = pyogrio.read_dataframe(path, layer=POINT_LAYER)
    assert list(points["text"]) == ["Et notat om et punkt"] and points.crs.to_epsg() == 25832
    areas = pyogrio.read_dataframe(path, layer=AREA_LAYER)
    assert list(areas["zone_id"]) == ["0101"]
    assert panel.confirm.asked == []  # nothing personal: no question
    assert "Skrev 2 notater" in panel.status_label.text()


def test_export_asks_when_notes_look_personal(qtbot, panel, tmp_path):
    panel.set_current_zone("0101")
    _add(qtbot, panel, "Skriv til ola@example.no om saken")  # confirm says yes to saving
    panel.confirm = Recorder(False)
    assert panel.export_to(tmp_path / "n.gpkg") is None
    assert not (tmp_path / "n.gpkg").exists()
    assert "1 av 1 notater" in panel.confirm.asked[0][1]


def test_empty_panel(qtbot):
    w = NotesPanel()
    qtbot.addWidget(w)
    assert w.notes() == [] and not w.form_box.isEnabled() and not w.export_button.isEnabled()


def test_english_interface_shows_english_categories_and_stores_bokmal(qtbot, project, monkeypatch):
    """Suggested categories and sources read in English; the notes keep the bokmål keys of core.notes."""
    import ungtloft_map._qt.notes_panel as notes_panel

    monkeypatch.setattr(notes_panel, "ui_lang", lambda: "en")
    w = NotesPanel()
    qtbot.addWidget(w)
    w.set_project(project, [])
    w.confirm = Recorder(True)
    assert w.category_box.itemText(0) == "safety" and w.category_box.itemData(0) == "trygghet"
    assert w.source_box.itemText(w.source_box.findData("befaring")) == "site visit"
    w.set_current_zone("0101")
    _add(qtbot, w, "Mørk undergang", category="safety")
    _add(qtbot, w, "Skoleveien mangler fortau", category="skolevei")  # free text, stored as typed
    assert sorted(n["category"] for n in w.notes()) == ["skolevei", "trygghet"]
    assert {n["source"] for n in w.notes()} == {"befaring"}
    shown = {w.table.item(r, COL_CATEGORY).text() for r in range(w.table.rowCount())}
    assert shown == {"safety", "skolevei"}
    assert {w.table.item(r, COL_SOURCE).text() for r in range(w.table.rowCount())} == {"site visit"}
    # editing the note picks its category's English suggestion; saving keeps the bokmål key
    row = next(r for r in range(w.table.rowCount()) if w.table.item(r, COL_CATEGORY).text() == "safety")
    w.table.selectRow(row)
    qtbot.mouseClick(w.edit_button, Qt.MouseButton.LeftButton)
    assert w.category_box.currentText() == "safety"
    qtbot.mouseClick(w.save_button, Qt.MouseButton.LeftButton)
    assert sorted(n["category"] for n in w.notes()) == ["skolevei", "trygghet"]
