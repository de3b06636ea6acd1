"""Import dialog (Fil → Importer data): map the user's own files onto the app's layer roles.

The dialog is a thin view over :mod:`ungtloft_map.core.io.importer`: it lists the layers that
:func:`~ungtloft_map.core.io.importer.inspect_source` finds, lets the user confirm or change the
guessed role and field mapping of each, runs
:func:`~ungtloft_map.core.io.importer.validate` in a worker thread ("Kontroller") and, when the
report is clean, writes a ``manifest.json`` that references the files where they are
(:func:`~ungtloft_map.core.io.importer.write_manifest`).

Examples
--------
>>> dlg = ImportDialog(out_dir=app_data / "import")          # doctest: +SKIP
>>> if dlg.exec():                                           # doctest: +SKIP
...     project = Project.load(dlg.manifest_path.parent)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import UngtloftError
from ..core.io.importer import (
    ROLES_BY_KIND,
    ImportChoice,
    Issue,
    SourceLayer,
    ValidationReport,
    guess_fields,
    inspect_source,
    mapping_fields,
    preview_geometries,
    reader_for,
    write_manifest,
)
from ..core.text import format_number
from .import_support import (
    ERROR_COLOR,
    FIELD_LABELS,
    FILE_FILTER,
    OK_COLOR,
    PRESET_LABELS,
    ROLE_LABELS,
    WARNING_COLOR,
    count_text,
    date_text,
    draw_thumbnail,
    esc,
    ids_text,
    isna,
    validation_worker,
)
from .workers import Worker

COL_INCLUDE, COL_FILE, COL_LAYER, COL_GEOMETRY, COL_COUNT, COL_CRS, COL_ROLE, COL_SOURCE = range(8)


@dataclass
class _Row:
    """One found layer and what the user chose for it (the dialog's model)."""

    source: SourceLayer
    role: str | None
    field_map: dict[str, str] = field(default_factory=dict)
    include: bool = False
    reader: str | None = None  # the standard-source reader (SSB grid, N50, addresses ...)

    @property
    def key(self) -> tuple[str, str | None]:
        return (str(self.source.path), self.source.layer)


class ImportDialog(QDialog):
    """Choose files, confirm roles and fields, check them, and write a dataset manifest.

    Parameters
    ----------
    out_dir
        Folder for the new dataset's ``manifest.json`` (created when needed). The sources are
        referenced where they are, never copied.
    parent
        Parent widget.

    Attributes
    ----------
    manifest_path : Path or None
        The manifest written on accept.
    report : ValidationReport or None
        The last validation of the current choices (``None`` after any change).

    Signals
    -------
    validated(object)
        A validation finished (the :class:`ValidationReport`), or failed (``None``).
    """

    validated = Signal(object)

    def __init__(self, out_dir: str | os.PathLike, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportDialog")
        self.setWindowTitle(self.tr("Importer data"))
        self.out_dir = Path(out_dir)
        self.manifest_path: Path | None = None
        self.report: ValidationReport | None = None
        self._rows: list[_Row] = []
        self._generation = 0  # bumped on every change; a stale validation is ignored
        self._checked_generation = -1
        self._worker: Worker | None = None
        self._thumbs: dict[tuple[str, str | None], QPixmap | None] = {}
        self._build()
        self.resize(1100, 820)
        self._show_report_hint(self.tr("Legg til filer, kontroller rollene og trykk «Kontroller»."))
        self._sync_buttons()

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.files_button = QPushButton(self.tr("Velg filer…"))
        self.files_button.setObjectName("chooseFiles")
        self.folder_button = QPushButton(self.tr("Velg mappe…"))
        self.folder_button.setObjectName("chooseFolder")
        self.remove_button = QPushButton(self.tr("Fjern valgt lag"))
        self.remove_button.setObjectName("removeLayer")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("datasetName")
        self.name_edit.setPlaceholderText(self.tr("Importerte data"))
        top = QHBoxLayout()
        for b in (self.files_button, self.folder_button, self.remove_button):
            top.addWidget(b)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Navn på datasettet:")))
        top.addWidget(self.name_edit, 1)

        self.layers_table = QTableWidget(0, 8)
        self.layers_table.setObjectName("layersTable")
        self.layers_table.setHorizontalHeaderLabels([
            self.tr("Ta med"), self.tr("Fil"), self.tr("Lag"), self.tr("Geometri"),
            self.tr("Objekter"), self.tr("Koordinatsystem"), self.tr("Rolle"),
            self.tr("Gjenkjent kilde"),
        ])
        self.layers_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.layers_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.layers_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.layers_table.verticalHeader().setVisible(False)
        header = self.layers_table.horizontalHeader()
        for col in range(8):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        # Cell widgets do not count for ResizeToContents: give the role combo room for its
        # longest label ("Kollektivtrafikk (GTFS)").
        header.setSectionResizeMode(COL_ROLE, QHeaderView.ResizeMode.Interactive)
        self.layers_table.setColumnWidth(COL_ROLE, 230)
        layers_box = QGroupBox(self.tr("Lag funnet"))
        QVBoxLayout(layers_box).addWidget(self.layers_table)

        self.fields_table = QTableWidget(0, 2)
        self.fields_table.setObjectName("fieldsTable")
        self.fields_table.setHorizontalHeaderLabels([self.tr("Felt i appen"), self.tr("Felt i kilden")])
        self.fields_table.verticalHeader().setVisible(False)
        self.fields_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.fields_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.fields_note = QLabel()
        self.fields_note.setObjectName("fieldsNote")
        self.fields_note.setWordWrap(True)
        fields_box = QGroupBox(self.tr("Feltkobling"))
        fl = QVBoxLayout(fields_box)
        fl.addWidget(self.fields_note)
        fl.addWidget(self.fields_table, 1)

        self.thumbnail = QLabel()
        self.thumbnail.setObjectName("thumbnail")
        self.thumbnail.setFixedSize(240, 180)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setStyleSheet("background: white; border: 1px solid #c8c8c8;")
        self.head_table = QTableWidget(0, 0)
        self.head_table.setObjectName("headTable")
        self.head_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.head_table.verticalHeader().setVisible(False)
        self.preview_message = QLabel()
        self.preview_message.setObjectName("previewMessage")
        self.preview_message.setWordWrap(True)
        preview_box = QGroupBox(self.tr("Forhåndsvisning"))
        pl = QHBoxLayout(preview_box)
        pl.addWidget(self.thumbnail, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addWidget(self.preview_message)
        right.addWidget(self.head_table, 1)
        pl.addLayout(right, 1)

        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(fields_box)
        middle.addWidget(preview_box)
        middle.setStretchFactor(0, 2)
        middle.setStretchFactor(1, 3)

        self.report_view = QTextBrowser()
        self.report_view.setObjectName("reportView")
        self.report_view.setOpenLinks(False)
        report_box = QGroupBox(self.tr("Kontroll"))
        QVBoxLayout(report_box).addWidget(self.report_view)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(layers_box)
        split.addWidget(middle)
        split.addWidget(report_box)
        split.setSizes([300, 260, 220])

        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.check_button = QPushButton(self.tr("Kontroller"))
        self.check_button.setObjectName("checkButton")
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("Importer"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.cancel_button = self.buttons.addButton(self.tr("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.check_button)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self.files_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.check_button.clicked.connect(self.run_validation)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layers_table.itemSelectionChanged.connect(self._on_selection)
        self.layers_table.itemChanged.connect(self._on_item_changed)
        self.name_edit.textChanged.connect(self._sync_buttons)

    # -- model access ------------------------------------------------------------------------
    def sources(self) -> list[SourceLayer]:
        """Every layer found so far, in table order."""
        return [r.source for r in self._rows]

    def choices(self) -> list[ImportChoice]:
        """The included layers with a role, as the core takes them."""
        return [ImportChoice(r.source, r.role, dict(r.field_map), r.reader)
                for r in self._rows if r.include and r.role]

    def dataset_name(self) -> str:
        return self.name_edit.text().strip() or self.name_edit.placeholderText()

    def role_combo(self, row: int) -> QComboBox:
        """The role combo box of table row ``row``."""
        return self.layers_table.cellWidget(row, COL_ROLE)

    def field_combo(self, role_field: str) -> QComboBox | None:
        """The source-field combo of ``role_field`` for the selected layer (None if absent)."""
        for i in range(self.fields_table.rowCount()):
            item = self.fields_table.item(i, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == role_field:
                return self.fields_table.cellWidget(i, 1)
        return None

    def row_of(self, label: str) -> int:
        """Table row of the layer with :attr:`SourceLayer.label` ``label`` (-1 if absent)."""
        return next((i for i, r in enumerate(self._rows) if r.source.label == label), -1)

    def is_included(self, row: int) -> bool:
        return self._rows[row].include

    def set_included(self, row: int, include: bool) -> None:
        item = self.layers_table.item(row, COL_INCLUDE)
        item.setCheckState(Qt.CheckState.Checked if include else Qt.CheckState.Unchecked)

    # -- adding files ------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Velg filer"), self._last_dir(), self.tr(FILE_FILTER))
        if paths:
            self._remember_dir(Path(paths[0]).parent)
            self.add_paths(paths)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Velg mappe"), self._last_dir())
        if folder:
            self._remember_dir(Path(folder))
            self.add_paths([folder])

    def add_paths(self, paths) -> int:
        """Inspect files or folders and add their layers (duplicates skipped); returns how many.

        Examples
        --------
        >>> dlg.add_paths(["/data/soner.geojson", "/data/gtfs.zip"])  # doctest: +SKIP
        2
        """
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            found: list[SourceLayer] = []
            for p in paths:
                found.extend(inspect_source(p))
        finally:
            self.unsetCursor()
        known = {r.key for r in self._rows}
        taken = {r.role for r in self._rows if r.include and r.role}
        added = 0
        for src in found:
            row = _Row(src, src.guessed_role, dict(src.guessed_fields),
                       reader=reader_for(src, src.guessed_role))
            if row.key in known:
                continue
            # A second layer guessed as the same single role (two "zones") starts unticked:
            # the user picks which one; plans and context layers may be many.
            row.include = bool(row.role) and not src.error and (
                row.role in ("plans", "context") or row.role not in taken)
            if row.include:
                taken.add(row.role)
            self._rows.append(row)
            known.add(row.key)
            self._append_table_row(row)
            added += 1
        if added:
            self._refresh_file_names()
            self._changed()
            if not self.layers_table.selectedItems():
                self.layers_table.selectRow(self.layers_table.rowCount() - added)
        self.status.setText(self.tr("{n} lag funnet").format(n=len(self._rows)))
        return added

    def remove_selected(self) -> None:
        row = self.layers_table.currentRow()
        if row < 0:
            return
        del self._rows[row]
        self.layers_table.removeRow(row)
        self._changed()
        self._on_selection()

    def _refresh_file_names(self) -> None:
        # Two files of the same name from different folders (two "indicators.csv") are told
        # apart by their folder.
        folders: dict[str, set[Path]] = {}
        for r in self._rows:
            folders.setdefault(r.source.path.name, set()).add(r.source.path.parent)
        for i, r in enumerate(self._rows):
            p = r.source.path
            text = p.name if len(folders[p.name]) == 1 else f"{p.parent.name}/{p.name}"
            item = self.layers_table.item(i, COL_FILE)
            if item is not None and item.text() != text:
                self.layers_table.blockSignals(True)
                item.setText(text)
                self.layers_table.blockSignals(False)

    def _append_table_row(self, row: _Row) -> None:
        src = row.source
        t = self.layers_table
        t.blockSignals(True)
        i = t.rowCount()
        t.insertRow(i)
        inc = QTableWidgetItem()
        inc.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        inc.setCheckState(Qt.CheckState.Checked if row.include else Qt.CheckState.Unchecked)
        inc.setToolTip(self.tr("Ta med dette laget i datasettet"))
        t.setItem(i, COL_INCLUDE, inc)
        file_item = QTableWidgetItem(src.path.name)
        file_item.setToolTip(str(src.path))
        t.setItem(i, COL_FILE, file_item)
        t.setItem(i, COL_LAYER, QTableWidgetItem(src.layer if src.layers_in_file > 1 else "–"))
        if src.error:
            geom = QTableWidgetItem(self.tr("Kan ikke leses"))
            geom.setForeground(QBrush(QColor(ERROR_COLOR)))
            for col in (COL_FILE, COL_LAYER):
                t.item(i, col).setToolTip(src.error)
            geom.setToolTip(src.error)
            t.setItem(i, COL_GEOMETRY, geom)
            inc.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        else:
            t.setItem(i, COL_GEOMETRY, QTableWidgetItem(self._geometry_text(src)))
        count = QTableWidgetItem(count_text(src.feature_count))
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        t.setItem(i, COL_COUNT, count)
        crs = QTableWidgetItem(src.crs or ("" if src.kind == "table" or src.error else self.tr("mangler")))
        if not src.crs and src.kind != "table" and not src.error:
            crs.setForeground(QBrush(QColor(ERROR_COLOR)))
            crs.setToolTip(self.tr("Laget har ikke noe koordinatsystem; ingen antas"))
        t.setItem(i, COL_CRS, crs)
        combo = QComboBox()
        combo.addItem(self.tr("– ingen –"), None)
        for role in ROLES_BY_KIND.get(src.kind, ()):
            combo.addItem(self.tr(ROLE_LABELS.get(role, role)), role)
        combo.setCurrentIndex(max(0, combo.findData(row.role)))
        combo.setEnabled(not src.error)
        combo.currentIndexChanged.connect(lambda _i, r=row, c=combo: self._on_role_changed(r, c.currentData()))
        t.setCellWidget(i, COL_ROLE, combo)
        t.setItem(i, COL_SOURCE, QTableWidgetItem())
        self._show_source(i, row)
        t.blockSignals(False)

    def preset_text(self, row: int) -> str:
        """The recognised standard source shown next to the role of table row ``row``."""
        item = self.layers_table.item(row, COL_SOURCE)
        return item.text() if item is not None else ""

    def _show_source(self, i: int, row: _Row) -> None:
        """The preset's name next to the role ("SSB befolkning på rutenett 250 m"), while the
        role is the preset's (another role reads the file with the generic reader)."""
        item = self.layers_table.item(i, COL_SOURCE)
        if item is None:
            return
        preset = row.source.preset
        if preset is not None and row.role == preset.role:
            item.setText(self.tr(PRESET_LABELS.get(preset.key, preset.label)))
            item.setToolTip(preset.detail)
        else:
            item.setText("")
            item.setToolTip("")

    def _geometry_text(self, src: SourceLayer) -> str:
        if src.kind == "table":
            return self.tr("Tabell")
        if src.kind == "gtfs":
            return self.tr("GTFS-rutedata")
        return src.geometry_type or "–"

    # -- view → model ------------------------------------------------------------------------
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != COL_INCLUDE or item.row() >= len(self._rows):
            return
        row = self._rows[item.row()]
        include = item.checkState() == Qt.CheckState.Checked
        if include != row.include:
            row.include = include
            self._changed()

    def _on_role_changed(self, row: _Row, role: str | None) -> None:
        if role == row.role:
            return
        row.role = role
        # A new role needs other fields; start from the importer's guess for it (the
        # preset's reader and mapping when the role is the recognised source's again).
        row.reader = reader_for(row.source, role)
        preset = row.source.preset
        if preset is not None and preset.role == role:
            row.field_map = dict(preset.field_map)
        else:
            row.field_map = guess_fields(role, row.source.field_names)
        i = self._rows.index(row)
        self.layers_table.blockSignals(True)
        self._show_source(i, row)
        self.layers_table.blockSignals(False)
        if role and not row.include:
            row.include = True
            self.set_included(i, True)
        self._changed()
        if self._current_row() is row:
            self._show_fields(row)

    def _on_field_changed(self, row: _Row, role_field: str, source_field: str | None) -> None:
        if source_field:
            row.field_map[role_field] = source_field
        else:
            row.field_map.pop(role_field, None)
        self._changed()

    def _changed(self) -> None:
        """The choices changed: the last report no longer applies."""
        self._generation += 1
        if self.report is not None:
            self.report = None
            self._show_report_hint(self.tr("Valgene er endret – trykk «Kontroller» på nytt."))
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        busy = self._worker is not None
        self.check_button.setEnabled(bool(self.choices()) and not busy)
        ok = (self.report is not None and self.report.ok
              and self._checked_generation == self._generation and not busy)
        self.import_button.setEnabled(ok)
        self.remove_button.setEnabled(self.layers_table.currentRow() >= 0 and not busy)

    # -- selection: mapping and preview ------------------------------------------------------
    def _current_row(self) -> _Row | None:
        i = self.layers_table.currentRow()
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def _on_selection(self) -> None:
        row = self._current_row()
        self._show_fields(row)
        self._show_preview(row)
        self._sync_buttons()

    def _show_fields(self, row: _Row | None) -> None:
        t = self.fields_table
        t.setRowCount(0)
        if row is None:
            self.fields_note.setText(self.tr("Velg et lag i listen over."))
            return
        if row.source.error:
            self.fields_note.setText(self.tr("Laget kan ikke leses."))
            return
        required, optional = mapping_fields(row.source, row.role, row.reader)
        if not row.role:
            self.fields_note.setText(self.tr("Velg en rolle for laget først."))
            return
        if not required and not optional:
            self.fields_note.setText(self.tr("Rollen «{role}» trenger ingen feltkobling.").format(
                role=self.tr(ROLE_LABELS.get(row.role, row.role))))
            return
        note = self.tr("Felt merket * må kobles. Forslagene kan endres.")
        preset = row.source.preset
        if preset is not None and preset.role == row.role:
            note = self.tr("Gjenkjent som {source}.").format(
                source=self.tr(PRESET_LABELS.get(preset.key, preset.label))) + " " + note
        self.fields_note.setText(note)
        for target in (*required, *optional):
            i = t.rowCount()
            t.insertRow(i)
            label = self.tr(FIELD_LABELS.get(target, target))
            item = QTableWidgetItem(f"{label} *" if target in required else label)
            item.setData(Qt.ItemDataRole.UserRole, target)
            item.setToolTip(target)
            t.setItem(i, 0, item)
            combo = QComboBox()
            combo.addItem(self.tr("– ikke koblet –"), None)
            # A wide table's mapped headers sit below its title rows, not in its first row.
            mapped = [v for v in row.field_map.values() if v not in row.source.fields]
            for name in dict.fromkeys([*row.source.field_names, *mapped]):
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(row.field_map.get(target))))
            combo.currentIndexChanged.connect(
                lambda _i, r=row, f=target, c=combo: self._on_field_changed(r, f, c.currentData()))
            t.setCellWidget(i, 1, combo)

    def _show_preview(self, row: _Row | None) -> None:
        self.head_table.clear()
        self.head_table.setRowCount(0)
        self.head_table.setColumnCount(0)
        self.thumbnail.clear()
        self.preview_message.setText("")
        if row is None:
            return
        src = row.source
        if src.error:
            self.preview_message.setText(
                f"<span style='color:{ERROR_COLOR}'>{esc(src.error)}</span>")
            return
        pix = self._thumbnail(src)
        if pix is not None:
            self.thumbnail.setPixmap(pix)
        else:
            self.thumbnail.setText(self.tr("Tabell – ingen kartvisning") if src.kind == "table"
                                   else self.tr("Ingen forhåndsvisning"))
        what = {"gtfs": self.tr("De første stoppene (stops.txt):")}.get(
            src.kind, self.tr("De første radene:"))
        self.preview_message.setText(what)
        head = src.head
        self.head_table.setColumnCount(len(head.columns))
        self.head_table.setHorizontalHeaderLabels([str(c) for c in head.columns])
        self.head_table.setRowCount(len(head))
        for r in range(len(head)):
            for c in range(len(head.columns)):
                value = head.iat[r, c]
                self.head_table.setItem(r, c, QTableWidgetItem("" if isna(value) else str(value)))
        self.head_table.resizeColumnsToContents()

    def _thumbnail(self, src: SourceLayer) -> QPixmap | None:
        key = (str(src.path), src.layer)
        if key not in self._thumbs:
            self._thumbs[key] = draw_thumbnail(preview_geometries(src), self.thumbnail.size())
        return self._thumbs[key]

    # -- validation (model → view) -----------------------------------------------------------
    def run_validation(self) -> None:
        """Check the current choices with the core's readers, in a worker thread."""
        choices = self.choices()
        if not choices or self._worker is not None:
            return
        worker = validation_worker(choices)
        gen = self._generation
        worker.signals.progress.connect(self._on_progress)
        worker.signals.finished.connect(lambda rep, w=worker, g=gen: self._on_validated(rep, w, g))
        worker.signals.failed.connect(lambda msg, w=worker: self._on_failed(msg, w))
        worker.signals.cancelled.connect(lambda w=worker: self._on_failed("", w))
        self._worker = worker
        self.status.setText(self.tr("Kontrollerer …"))
        self._show_report_hint(self.tr("Kontrollerer lagene (et GTFS-datasett kan ta noen sekunder) …"))
        self._sync_buttons()
        worker.start("ungtloft-import-validate")

    def _on_progress(self, label: str, _fraction: float) -> None:
        if label:
            self.status.setText(self.tr("Kontrollerer {what} …").format(what=label))

    def _on_validated(self, report: ValidationReport, worker: Worker, generation: int) -> None:
        if worker is not self._worker:
            return
        self._worker = None
        if generation == self._generation:
            self.show_report(report)
            self._checked_generation = generation
        else:  # the user changed something meanwhile: this report is about other choices
            self._show_report_hint(self.tr("Valgene er endret – trykk «Kontroller» på nytt."))
        self.status.setText("")
        self._sync_buttons()
        self.validated.emit(report if generation == self._generation else None)

    def _on_failed(self, message: str, worker: Worker) -> None:
        if worker is not self._worker:
            return
        self._worker = None
        self.report = None
        self.status.setText("")
        if message:
            self.report_view.setHtml(
                f"<p style='color:{ERROR_COLOR}'><b>{self.tr('Kontrollen feilet')}</b></p>"
                f"<pre>{esc(message)}</pre>")
        self._sync_buttons()
        self.validated.emit(None)

    def show_report(self, report: ValidationReport) -> None:
        """Show a validation report (errors in red, warnings, ids that do not join)."""
        self.report = report
        self.report_view.setHtml(self._report_html(report))
        self._sync_buttons()

    def _report_html(self, report: ValidationReport) -> str:
        h: list[str] = []
        n_err, n_warn = len(report.errors), len(report.warnings)
        if report.ok:
            head = self.tr("Klar til import")
            if n_warn:
                head += " – " + (self.tr("1 advarsel") if n_warn == 1
                                 else self.tr("{n} advarsler").format(n=n_warn))
            h.append(f"<p style='color:{OK_COLOR}'><b>✔ {esc(head)}</b></p>")
        else:
            head = self.tr("{n} feil må rettes før import").format(n=n_err) if n_err else \
                self.tr("Kan ikke importeres ennå")
            h.append(f"<p style='color:{ERROR_COLOR}'><b>✖ {esc(head)}</b></p>")
        for issue in report.issues:
            h.append(self._issue_html(issue, report))
        h.append("<ul>")
        for check in report.checks:
            role = self.tr(ROLE_LABELS.get(check.role, check.role))
            mark = f"<span style='color:{OK_COLOR}'>✔</span>" if check.ok else \
                f"<span style='color:{ERROR_COLOR}'>✖</span>"
            line = f"{mark} <b>{esc(check.source.label)}</b> {self.tr('som')} {esc(role)}"
            summary = self._facts_text(check.facts)
            if summary:
                line += f": {esc(summary)}"
            items = "".join(f"<li>{self._issue_html(i, report, inline=True)}</li>" for i in check.issues)
            h.append(f"<li>{line}{'<ul>' + items + '</ul>' if items else ''}</li>")
        h.append("</ul>")
        return "".join(h)

    def _facts_text(self, facts: dict) -> str:
        if "features" in facts:
            crs = facts.get("source_crs") or ""
            reproj = "" if crs == "EPSG:25832" else self.tr(", omregnet fra {crs}").format(crs=crs)
            n = facts["features"]
            text = self.tr("1 objekt") if n == 1 else self.tr("{n} objekter").format(n=count_text(n))
            return text + self.tr(" i EPSG:25832{reproj}").format(reproj=reproj)
        if "stops" in facts:
            return self.tr("{stops} stopp, {trips} turer (dag {date})").format(
                stops=count_text(facts["stops"]), trips=count_text(facts["trips"]),
                date=date_text(str(facts["date"])))
        if "rows" in facts:
            years = facts.get("years") or ()
            span = (f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])) if years else "–"
            return self.tr("{rows} rader, {zones} soner, år {span}").format(
                rows=count_text(facts["rows"]), zones=facts["zones"], span=span)
        if "polygons" in facts:
            return self.tr("{n} flater, {ha} daa").format(
                n=facts["polygons"], ha=format_number(facts["hectares"] * 10, 1))
        return ""

    def _issue_html(self, issue: Issue, report: ValidationReport, *, inline: bool = False) -> str:
        color = ERROR_COLOR if issue.level == "error" else WARNING_COLOR
        prefix = self.tr("Feil") if issue.level == "error" else self.tr("Advarsel")
        text = esc(self._issue_text(issue, report))
        body = f"<span style='color:{color}'><b>{prefix}:</b> {text}</span>"
        return body if inline else f"<p>{body}</p>"

    def _issue_text(self, issue: Issue, report: ValidationReport) -> str:
        d = issue.detail
        if issue.code == "no_zones":
            return self.tr("Ingen lag har rollen «Levekårssoner». Velg ett lag med sonene.")
        if issue.code == "duplicate_role" and d:
            return self.tr("Rollen «{role}» er valgt for flere lag ({layers}); velg ett.").format(
                role=self.tr(ROLE_LABELS.get(d[0], d[0])), layers=", ".join(d[1:]))
        if issue.code == "wrong_role" and len(d) == 2:
            return self.tr("Rollen «{role}» passer ikke for denne typen kilde.").format(
                role=self.tr(ROLE_LABELS.get(d[1], d[1])))
        if issue.code == "unmatched_ids":
            return self.tr("{n} sone-ID-er i indikatortabellen finnes ikke i sonelaget: {ids}").format(
                n=len(d), ids=ids_text(d))
        if issue.code == "zones_without_indicators":
            named = [f"{z} ({report.zone_names[z]})" if report.zone_names.get(z, z) != z else z for z in d]
            return self.tr("{n} soner har ingen rader i indikatortabellen: {ids}").format(
                n=len(d), ids=ids_text(named))
        if issue.code == "leading_zeros":
            return self.tr("Noen ID-er skiller seg bare ved innledende nuller (f.eks. «101» og "
                           "«0101»). Lagre ID-ene som tekst i tabellen.")
        if issue.code == "needs_addresses":
            return self.tr("En adresseliste over kommunale boliger kobles til adressepunkter: "
                           "legg til adressepunktene med bruksenheter med rollen «Alle boliger».")
        if issue.code == "no_matching_ids":
            return self.tr("Ingen sone-ID-er i indikatortabellen finnes i sonelaget") + f" ({issue})"
        if issue.code == "no_count_columns":
            return self.tr("Tabellen har ingen *_count-kolonner (antall), så den gir ingen indikatorer.")
        return str(issue)  # a reader's own message: file, layer, field and what is wrong

    def _show_report_hint(self, text: str) -> None:
        self.report_view.setHtml(f"<p style='color:#555555'>{esc(text)}</p>")

    # -- accept ------------------------------------------------------------------------------
    def accept(self) -> None:
        """Write the manifest (only after a clean check of the current choices) and close."""
        if not self.import_button.isEnabled():
            return
        try:
            self.manifest_path = write_manifest(self.choices(), self.out_dir, self.dataset_name(),
                                                report=self.report)
        except (UngtloftError, OSError) as err:
            self.report_view.append(
                f"<p style='color:{ERROR_COLOR}'><b>{self.tr('Kunne ikke lagre datasettet')}:</b> "
                f"{esc(str(err))}</p>")
            return
        super().accept()

    def done(self, result: int) -> None:
        # A validation still running must not report into a closed dialog.
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None
        super().done(result)

    # -- settings ----------------------------------------------------------------------------
    def _last_dir(self) -> str:
        return str(QSettings().value("import/lastDir", str(Path.home())))

    def _remember_dir(self, folder: Path) -> None:
        QSettings().setValue("import/lastDir", str(folder))
