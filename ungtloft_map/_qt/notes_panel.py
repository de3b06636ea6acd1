"""Place notes (issue #10): what people said about a place, kept with the project.

:class:`NotesPanel` edits a :class:`~ungtloft_map.core.notes.NoteStore`: a table of the notes
(date, category, source, zone, text), the filter "Bare valgt sone", and a form to add or edit
a note (category, date, source, free text) placed on the selected zone
(:meth:`NotesPanel.set_current_zone`) or on a point (:meth:`NotesPanel.set_point`, EPSG:25832,
e.g. from a map click).

Notes are free text and can hold personal data by accident, so the panel shows
:func:`~ungtloft_map.core.notes.privacy_warnings` live under the text box and asks before it
saves a note that has any (and before it exports such notes). The question goes through
:attr:`NotesPanel.confirm`, a callable ``(title, text) -> bool`` (a message box by default;
tests replace it).

The notes live in the project file as a list of :meth:`PlaceNote.to_dict` dicts:
:meth:`NotesPanel.set_project` reads them, :meth:`NotesPanel.notes` gives them back.
A saved note that cannot be read is not shown but kept as it was, so that saving the project
never loses it.

Examples
--------
>>> panel = NotesPanel()  # doctest: +SKIP
>>> window.projectLoaded.connect(lambda p: panel.set_project(p, window.notes))  # doctest: +SKIP
>>> panel.notesChanged.connect(lambda: setattr(window, "notes", panel.notes()))  # doctest: +SKIP
>>> panel.zoneActivated.connect(lambda z: window.select_zones([z]))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shapely.geometry import Point

from ..core.errors import DataError, UngtloftError
from ..core.notes import CATEGORIES, SOURCES, NotesExport, NoteStore, PlaceNote, export_notes_gpkg
from ..core.text import format_date, format_number, note_category_name, note_source_name
from .i18n import ui_lang

if TYPE_CHECKING:
    from ..core.project import Project

__all__ = ["NotesPanel", "ask_yes_no"]

# Table columns.
COL_DATE, COL_CATEGORY, COL_SOURCE, COL_ZONE, COL_TEXT = range(5)
NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
WARN_COLOR = "#9a4a00"
ERROR_COLOR = "#b30000"
DATE_FORMAT = "dd.MM.yyyy"
# Placement choices in the form.
KEEP, ZONE, POINT = "keep", "zone", "point"


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question with bokmål button texts (Qt ships no bokmål translation of its own)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(QMessageBox.StandardButton.Yes)
    yes.setText(parent.tr("Ja") if parent is not None else "Ja")
    no = box.addButton(QMessageBox.StandardButton.No)
    no.setText(parent.tr("Nei") if parent is not None else "Nei")
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


def _date_text(d: _dt.date) -> str:
    """Norwegian date: 04.03.2026 (core.text)."""
    return format_date(d)


def _xy_text(x: float, y: float) -> str:
    return f"{format_number(x, 0)}, {format_number(y, 0)}"


class _SortItem(QTableWidgetItem):
    """A table item that sorts by :data:`SORT_ROLE` (dates shown as dd.mm.yyyy sort as dates)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        a, b = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if a is not None and b is not None:
            return a < b
        return super().__lt__(other)


class NotesPanel(QWidget):
    """Place notes of the project: list, filter, add/edit/remove, privacy warnings, export.

    Signals
    -------
    notesChanged()
        A note was added, changed or removed (:meth:`notes` has the new list).
    zoneActivated(str)
        A note was double-clicked: its zone id (select the zone in the window).

    Attributes
    ----------
    confirm
        ``(title, text) -> bool``: asks before saving or exporting a note that looks like it
        holds personal data, and before removing a note. A message box by default.
    """

    notesChanged = Signal()
    zoneActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.project: Project | None = None
        self.store = NoteStore()
        self.confirm: Callable[[str, str], bool] = lambda title, text: ask_yes_no(self, title, text)
        self._zone_names: dict[str, str] = {}
        self._current_zone: str | None = None
        self._point: tuple[float, float] | None = None
        self._editing: str | None = None  # note id in the form, None: a new note
        self._unreadable: list = []  # saved notes that could not be read: kept as they were
        self.last_export: NotesExport | None = None
        self._build()
        self._refresh_placement()
        self._set_enabled()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.only_zone = QCheckBox(self.tr("Bare valgt sone"))
        self.only_zone.setObjectName("onlyZone")
        self.only_zone.toggled.connect(self._refresh_table)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        top = QHBoxLayout()
        top.addWidget(self.only_zone)
        top.addStretch(1)
        top.addWidget(self.count_label)

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("notesTable")
        self.table.setHorizontalHeaderLabels([self.tr("Dato"), self.tr("Kategori"), self.tr("Kilde"),
                                              self.tr("Sone"), self.tr("Tekst")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        for c in (COL_DATE, COL_CATEGORY, COL_SOURCE, COL_ZONE):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.itemSelectionChanged.connect(self._set_enabled)
        self.table.itemDoubleClicked.connect(self._on_double_click)

        self.new_button = QPushButton(self.tr("Nytt notat"))
        self.new_button.setObjectName("newButton")
        self.new_button.clicked.connect(self.new_note)
        self.edit_button = QPushButton(self.tr("Rediger"))
        self.edit_button.setObjectName("editButton")
        self.edit_button.clicked.connect(lambda: self.edit_note(self.selected_note_id()))
        self.remove_button = QPushButton(self.tr("Slett"))
        self.remove_button.setObjectName("removeButton")
        self.remove_button.clicked.connect(lambda: self.remove_note(self.selected_note_id()))
        self.export_button = QPushButton(self.tr("Eksporter notater (GeoPackage) …"))
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self._on_export_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)

        # -- the form
        self.form_box = QGroupBox(self.tr("Nytt notat"))
        self.form_box.setObjectName("noteForm")
        self.place_box = QComboBox()
        self.place_box.setObjectName("placeBox")
        self.place_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.place_box.setMinimumContentsLength(20)
        self.category_box = QComboBox()
        self.category_box.setObjectName("categoryBox")
        self.category_box.setEditable(True)  # the core allows any category; these are suggestions
        for c in CATEGORIES:  # shown in the interface language, stored in bokmål (the item data)
            self.category_box.addItem(note_category_name(c, ui_lang()), c)
        self.category_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("dateEdit")
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setCalendarPopup(True)
        self.source_box = QComboBox()
        self.source_box.setObjectName("sourceBox")
        for s in SOURCES:
            self.source_box.addItem(note_source_name(s, ui_lang()), s)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("noteText")
        self.text_edit.setPlaceholderText(self.tr("Hva ble sagt eller sett? Skriv ikke navn, telefonnumre "
                                                  "eller andre personopplysninger."))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(60)
        self.text_edit.setMaximumHeight(110)
        self.text_edit.textChanged.connect(self._update_warnings)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("privacyWarnings")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(f"color: {WARN_COLOR};")
        self.warning_label.hide()
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.form_error.hide()
        self.save_button = QPushButton(self.tr("Legg til"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_form)
        self.cancel_button = QPushButton(self.tr("Avbryt"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.new_note)

        two = QHBoxLayout()
        two.addWidget(self.date_edit)
        two.addSpacing(8)
        two.addWidget(QLabel(self.tr("Kilde:")))
        two.addWidget(self.source_box, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Plassering:"), self.place_box)
        form.addRow(self.tr("Kategori:"), self.category_box)
        form.addRow(self.tr("Dato:"), two)
        form.addRow(self.tr("Tekst:"), self.text_edit)
        form.addRow("", self.warning_label)
        form.addRow("", self.form_error)
        form_buttons = QHBoxLayout()
        form_buttons.addStretch(1)
        form_buttons.addWidget(self.cancel_button)
        form_buttons.addWidget(self.save_button)
        fl = QVBoxLayout(self.form_box)
        fl.addLayout(form)
        fl.addLayout(form_buttons)

        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.hide()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.status_label)
        lay.addWidget(self.form_box)

    # -- public API ---------------------------------------------------------------------------
    def set_project(self, project: Project | None, notes: Iterable[dict] | dict | None = None) -> None:
        """Show the notes of ``project`` (the list of note dicts saved in the project file).

        Notes that cannot be read are left out of the list, kept as they were for
        :meth:`notes`, and reported under the table.
        """
        self.project = project
        self._current_zone, self._point, self._editing = None, None, None
        self._unreadable = []
        self._zone_names = {}
        problems: list[str] = []
        if project is None:
            self.store = NoteStore()
        else:
            zones = project.zones
            if "zone_name" in zones.columns:
                self._zone_names = {str(k): str(v) for k, v in zones["zone_name"].items()}
            base = NoteStore.for_project(project)
            loaded: list[PlaceNote] = []
            entries = notes.get("notes", []) if isinstance(notes, dict) else list(notes or [])
            for n, raw in enumerate(entries, start=1):
                # One at a time: one bad note must not hide the others.
                try:
                    one = NoteStore.from_dict([raw], zones=zones)
                    note = next(iter(one))
                    if any(x.note_id == note.note_id for x in loaded):
                        raise DataError(f"note id {note.note_id!r} occurs more than once")
                    loaded.append(note)
                except (UngtloftError, StopIteration) as err:
                    self._unreadable.append(raw)
                    problems.append(self.tr("notat {n}: {e}").format(n=n, e=err))
            self.store = NoteStore(loaded, zones=zones, place_names=base.place_names)
        self._refresh_table()
        self._refresh_placement()
        self.new_note()
        if problems:
            self._say(self.tr("{n} notater i prosjektfilen kunne ikke leses og vises ikke (de beholdes i "
                              "filen): {p}").format(n=len(problems), p="; ".join(problems[:3])), error=True)
        else:
            self._say("")

    def notes(self) -> list[dict]:
        """Every note as a JSON-ready dict (:meth:`PlaceNote.to_dict`), for the project file."""
        return [n.to_dict() for n in self.store] + list(self._unreadable)

    def set_current_zone(self, zone_id: str | None) -> None:
        """The selected zone: where a new note is placed, and the "Bare valgt sone" filter."""
        self._current_zone = None if zone_id in (None, "") else str(zone_id)
        self._refresh_placement()
        if self.only_zone.isChecked():
            self._refresh_table()
        self._set_enabled()

    def set_selection(self, zone_ids: Iterable[str]) -> None:
        """The window's selection: its first zone becomes the current zone."""
        ids = [str(z) for z in zone_ids]
        self.set_current_zone(ids[0] if ids else None)

    def set_point(self, x: float, y: float) -> None:
        """A point (EPSG:25832 metres, e.g. a map click) for the next note; chosen in the form."""
        self._point = (float(x), float(y))
        self._refresh_placement(prefer=POINT)

    def clear_point(self) -> None:
        self._point = None
        self._refresh_placement()

    def current_zone(self) -> str | None:
        return self._current_zone

    def selected_note_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.table.item(rows[0].row(), COL_DATE).data(NOTE_ID_ROLE)

    def shown_note_ids(self) -> list[str]:
        """Ids of the notes in the table, top to bottom."""
        return [self.table.item(r, COL_DATE).data(NOTE_ID_ROLE) for r in range(self.table.rowCount())]

    # -- table --------------------------------------------------------------------------------
    def _zone_text(self, zone_id: str | None) -> str:
        if not zone_id:
            return self.tr("(utenfor sonene)")
        name = self._zone_names.get(zone_id)
        return f"{zone_id} {name}" if name else zone_id

    def _rows(self) -> list[PlaceNote]:
        if self.only_zone.isChecked():
            return self.store.list_for_zone(self._current_zone) if self._current_zone else []
        return sorted(self.store, key=lambda n: (n.date, n.note_id))

    @Slot()
    def _refresh_table(self, *_args, select: str | None = None) -> None:
        keep = select or self.selected_note_id()
        warn_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        rows = self._rows()
        lang = ui_lang()
        self.table.setSortingEnabled(False)  # filling a sorting table moves rows under our feet
        with QSignalBlocker(self.table):
            self.table.clearContents()
            self.table.setRowCount(len(rows))
            for r, n in enumerate(rows):
                place = self._zone_text(n.zone_id)
                if n.is_point:
                    place += " " + self.tr("(punkt)")
                cells = {COL_DATE: (_date_text(n.date), n.date.isoformat()),
                         COL_CATEGORY: (note_category_name(n.category, lang),
                                        note_category_name(n.category, lang).lower()),
                         COL_SOURCE: (note_source_name(n.source, lang), n.source),
                         COL_ZONE: (place, n.zone_id or ""),
                         COL_TEXT: (n.text.replace("\n", " "), n.text.lower())}
                for c, (text, key) in cells.items():
                    item = _SortItem(text)
                    item.setData(SORT_ROLE, key)
                    item.setData(NOTE_ID_ROLE, n.note_id)
                    self.table.setItem(r, c, item)
                tip = n.text
                if n.is_point:
                    tip += "\n\n" + self.tr("Punkt: {xy} (EPSG:25832)").format(xy=_xy_text(n.geometry.x, n.geometry.y))
                warnings = self.store.privacy_warnings(n)
                if warnings:
                    self.table.item(r, COL_TEXT).setIcon(warn_icon)
                    tip += "\n\n" + self.tr("Mulige personopplysninger:") + "\n" + "\n".join(warnings)
                self.table.item(r, COL_TEXT).setToolTip(tip)
        self.table.setSortingEnabled(True)
        if keep:
            self._select(keep)
        total = len(self.store)
        if self.only_zone.isChecked():
            if self._current_zone:
                self.count_label.setText(self.tr("{n} av {t} notater i sone {z}").format(
                    n=len(rows), t=total, z=self._zone_text(self._current_zone)))
            else:
                self.count_label.setText(self.tr("Ingen sone valgt"))
        else:
            self.count_label.setText(self.tr("{n} notater").format(n=total) if total != 1 else self.tr("1 notat"))
        self._set_enabled()

    def _select(self, note_id: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, COL_DATE).data(NOTE_ID_ROLE) == note_id:
                self.table.selectRow(r)
                self.table.scrollToItem(self.table.item(r, COL_DATE))
                return

    @Slot(QTableWidgetItem)
    def _on_double_click(self, item: QTableWidgetItem) -> None:
        note_id = item.data(NOTE_ID_ROLE)
        if note_id in self.store:
            zone = self.store.get(note_id).zone_id
            if zone:
                self.zoneActivated.emit(zone)

    # -- form ---------------------------------------------------------------------------------
    def _refresh_placement(self, prefer: str | None = None) -> None:
        """The placement choices: unchanged (editing), the selected zone, the point."""
        current = prefer or self.place_box.currentData()
        with QSignalBlocker(self.place_box):
            self.place_box.clear()
            if self._editing and self._editing in self.store:
                n = self.store.get(self._editing)
                where = (self.tr("punkt i sone {z}").format(z=self._zone_text(n.zone_id)) if n.is_point
                         else self.tr("sone {z}").format(z=self._zone_text(n.zone_id)))
                self.place_box.addItem(self.tr("Uendret: {w}").format(w=where), KEEP)
            if self._current_zone:
                self.place_box.addItem(self.tr("Valgt sone: {z}").format(z=self._zone_text(self._current_zone)), ZONE)
            if self._point is not None:
                x, y = self._point
                zone = self._zone_of_point(x, y)
                text = self.tr("Punkt: {xy}").format(xy=_xy_text(x, y))
                text += " " + (self.tr("(sone {z})").format(z=self._zone_text(zone)) if zone
                               else self.tr("(utenfor sonene)"))
                self.place_box.addItem(text, POINT)
            if self.place_box.count() == 0:
                self.place_box.addItem(self.tr("Velg en sone i kartet eller tabellen"), None)
            idx = self.place_box.findData(current) if current else -1
            self.place_box.setCurrentIndex(idx if idx >= 0 else 0)
        self.place_box.setToolTip(self.place_box.currentText())
        self._set_enabled()

    def _zone_of_point(self, x: float, y: float) -> str | None:
        if self.project is None:
            return None
        zones = self.project.zones
        hit = zones[zones.geometry.intersects(Point(x, y))]
        return str(hit.index[0]) if len(hit) else None

    @Slot()
    def new_note(self) -> None:
        """Empty the form for a new note (category, source and date stay: notes come in series)."""
        self._editing = None
        self.form_box.setTitle(self.tr("Nytt notat"))
        self.save_button.setText(self.tr("Legg til"))
        self.text_edit.clear()
        self._form_error("")
        self._refresh_placement()

    def edit_note(self, note_id: str | None) -> None:
        """Load a note into the form; "Lagre endringer" writes it back."""
        if not note_id or note_id not in self.store:
            return
        n = self.store.get(note_id)
        self._editing = note_id
        self.form_box.setTitle(self.tr("Rediger notat"))
        self.save_button.setText(self.tr("Lagre endringer"))
        i = self.category_box.findData(n.category)
        if i < 0:
            self.category_box.addItem(n.category, n.category)
            i = self.category_box.count() - 1
        self.category_box.setCurrentIndex(i)
        self.date_edit.setDate(QDate(n.date.year, n.date.month, n.date.day))
        self.source_box.setCurrentIndex(max(0, self.source_box.findData(n.source)))
        self.text_edit.setPlainText(n.text)
        self._form_error("")
        self._refresh_placement(prefer=KEEP)

    def _update_warnings(self) -> None:
        warnings = self.store.privacy_warnings(self.text_edit.toPlainText())
        self.warning_label.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warning_label.setVisible(bool(warnings))

    def privacy_warnings(self) -> list[str]:
        """The warnings shown under the text box now."""
        return self.store.privacy_warnings(self.text_edit.toPlainText())

    @Slot()
    def save_form(self) -> PlaceNote | None:
        """Add the note in the form (or save the changes); None when nothing was saved."""
        if self.project is None:
            return None
        text = self.text_edit.toPlainText().strip()
        if not text:
            self._form_error(self.tr("Skriv en tekst."))
            return None
        place = self.place_box.currentData()
        if place is None:
            self._form_error(self.tr("Velg en sone i kartet eller tabellen, eller klikk et punkt."))
            return None
        warnings = self.store.privacy_warnings(text)
        if warnings and not self.confirm(
                self.tr("Personopplysninger?"),
                self.tr("Notatet ser ut til å inneholde personopplysninger:\n{w}\n\nLagre likevel?").format(
                    w="\n".join(f"• {w}" for w in warnings))):
            return None
        fields = {"category": self._category(),
                  "source": self.source_box.currentData(),
                  "date": self.date_edit.date().toPython()}
        try:
            if self._editing:
                changes = dict(fields, text=text)
                if place == ZONE:
                    changes["geometry"] = self._zone_geometry(self._current_zone)
                    changes["zone_id"] = self._current_zone
                elif place == POINT:
                    changes["geometry"] = Point(*self._point)
                note = self.store.update(self._editing, **changes)
            elif place == ZONE:
                note = self.store.add_for_zone(self._current_zone, text, **fields)
            else:
                note = self.store.add(Point(*self._point), text, **fields)
        except UngtloftError as err:
            self._form_error(str(err))
            return None
        if place == POINT:
            self._point = None  # one click, one note
        self.new_note()
        self._refresh_table(select=note.note_id)
        self._say(self.tr("Notatet er lagret."))
        self.notesChanged.emit()
        return note

    def _zone_geometry(self, zone_id: str):
        zones = self.project.zones
        if zone_id not in zones.index:
            raise DataError(f"unknown zone id {zone_id!r}", layer="zones", field="zone_id")
        return zones.geometry.loc[zone_id]

    def remove_note(self, note_id: str | None, *, ask: bool = True) -> bool:
        """Remove a note (after a question unless ``ask`` is False); True when removed."""
        if not note_id or note_id not in self.store:
            return False
        n = self.store.get(note_id)
        short = n.text if len(n.text) <= 60 else n.text[:59] + "…"
        if ask and not self.confirm(self.tr("Slette notatet?"),
                                    self.tr("Slette notatet fra {d}?\n\n«{t}»").format(d=_date_text(n.date), t=short)):
            return False
        self.store.remove(note_id)
        if self._editing == note_id:
            self.new_note()
        self._refresh_table()
        self._say(self.tr("Notatet er slettet."))
        self.notesChanged.emit()
        return True

    # -- export -------------------------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Eksporter notater"), "notater.gpkg",
                                              self.tr("GeoPackage (*.gpkg)"))
        if path:
            if not path.lower().endswith(".gpkg"):
                path += ".gpkg"
            self.export_to(path)

    def export_to(self, path: str | Path) -> NotesExport | None:
        """Write every note to a GeoPackage (points and zone notes in two layers).

        Notes that look like they hold personal data are listed and :attr:`confirm` is asked
        first. Returns what was written, or None (nothing to write, the user said no, an error:
        shown under the table).
        """
        if len(self.store) == 0:
            self._say(self.tr("Ingen notater å eksportere."), error=True)
            return None
        flagged = self.store.warnings_by_note()
        if flagged and not self.confirm(
                self.tr("Personopplysninger?"),
                self.tr("{n} av {t} notater ser ut til å inneholde personopplysninger. "
                        "Eksportere likevel?").format(n=len(flagged), t=len(self.store))):
            return None
        try:
            result = export_notes_gpkg(self.store, path)
        except UngtloftError as err:
            self._say(self.tr("Eksporten feilet: {e}").format(e=err), error=True)
            return None
        self.last_export = result
        self._say(self.tr("Skrev {n} notater til {f} ({p} punkter, {a} soner).").format(
            n=result.n_points + result.n_areas, f=result.path.name, p=result.n_points, a=result.n_areas))
        return result

    # -- misc ---------------------------------------------------------------------------------
    def _say(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")
        self.status_label.setVisible(bool(text))

    def _category(self) -> str:
        """The category in the form as stored: a suggestion's bokmål key, else the free text typed."""
        text = self.category_box.currentText().strip()
        i = self.category_box.findText(text)
        data = self.category_box.itemData(i) if i >= 0 else None
        return str(data) if data else (text or "annet")

    def _form_error(self, text: str) -> None:
        self.form_error.setText(text)
        self.form_error.setVisible(bool(text))

    def _set_enabled(self, *_args) -> None:
        have = self.project is not None
        selected = self.selected_note_id() is not None
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)
        self.export_button.setEnabled(len(self.store) > 0)
        self.form_box.setEnabled(have)
        self.save_button.setEnabled(have and self.place_box.currentData() is not None)
        self.only_zone.setEnabled(have)
