"""Analyse → Vurder reguleringsplan: assess a regulation plan and save the report (issue #7).

The dialog is a thin view over :func:`~ungtloft_map.core.workflows.plan.assess_plan` and
:func:`~ungtloft_map.reports.plan_report.render_plan_report`:

* the plan comes from one of the project's example plans, a file (SOSI, Plan GML, GeoJSON,
  GeoPackage, Shapefile; read with :func:`~ungtloft_map.core.io.plans.read_plan`) or a polygon
  drawn on the map (:meth:`PlanDialog.set_drawn_polygon`; :func:`draw_script` is the JavaScript
  that lets the user draw it on the Leaflet page);
* buffer and added dwellings are set in spin boxes (the dwellings default to the plan file's
  ``municipal_units``/``other_units`` columns);
* "Vurder" runs the assessment in a :class:`~ungtloft_map._qt.workers.Worker`; the findings
  appear in a table coloured by severity, errors in red in the dialog;
* "Lagre rapport…" writes a PDF or HTML report (chosen by suffix) in a worker.

The findings table (:mod:`.plan_findings`), the worker jobs into the core (:mod:`.plan_jobs`) and
the drawing script (:mod:`.plan_draw`) live in their own modules; every name is re-exported here.

Examples
--------
>>> dlg = PlanDialog(window.project, window.themes, window)          # doctest: +SKIP
>>> dlg.drawRequested.connect(lambda: window.map_view.run_js(draw_script()))  # doctest: +SKIP
>>> window.map_view.polygonDrawn.connect(dlg.set_drawn_polygon)      # doctest: +SKIP
>>> dlg.planAssessed.connect(window.outline_plan)                    # doctest: +SKIP
>>> dlg.show()                                                       # doctest: +SKIP
"""

from __future__ import annotations

import html
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from PySide6.QtCore import (
    QSettings,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.crs import ANALYSIS_CRS
from ..core.errors import UngtloftError
from ..core.io.plans import PlanLayer, read_plan
from ..core.workflows.plan import PlanAssessment
from ..reports._common import format_count, format_number
from .plan_draw import (  # noqa: F401 (re-exported: the old import path keeps working)
    draw_script,
)
from .plan_findings import (  # noqa: F401 (re-exported: the old import path keeps working)
    _NB_LOCALE,
    HEADERS,
    PLAN_FILE_SUFFIXES,
    SEVERITY_COLORS,
    SEVERITY_LABELS,
    SEVERITY_ROLE,
    STEP_LABELS,
    FindingsModel,
    _t,
)
from .plan_jobs import (  # noqa: F401 (re-exported: the old import path keeps working)
    _assess_job,
    _first_paragraph,
    _parse_lonlat,
    _report_job,
)
from .widgets import compact_combo
from .workers import Worker

__all__ = ["PlanDialog", "FindingsModel", "draw_script", "SEVERITY_COLORS", "SEVERITY_ROLE"]


# --------------------------------------------------------------------------------------------
# the dialog


class PlanDialog(QDialog):
    """Vurder reguleringsplan: plan source, buffer and dwellings, findings, report.

    Parameters
    ----------
    project
        The loaded :class:`~ungtloft_map.core.project.Project` (its ``plans`` fill the examples).
    themes
        The window's :class:`~ungtloft_map.core.pipeline.ThemeResults`; when None the first
        assessment computes them (slow) and keeps them in :attr:`themes`.
    parent
        Parent widget.

    Attributes
    ----------
    assessment
        The last :class:`PlanAssessment` shown (None before the first).
    plan_layer
        The plan the next "Vurder" assesses (None when the source gives none).
    lang
        Language of the findings text and the report, ``"nb"`` (default) or ``"en"``.
    last_error
        The error text shown in red ("" when none).
    report_path
        The last report written.

    Signals
    -------
    planAssessed(object)
        A new :class:`PlanAssessment` is shown.
    drawRequested()
        The user pressed "Tegn i kartet": run :func:`draw_script` on the map page.
    reportSaved(str)
        A report was written (its path).
    """

    planAssessed = Signal(object)
    drawRequested = Signal()
    reportSaved = Signal(str)

    SOURCE_EXAMPLE, SOURCE_FILE, SOURCE_DRAWN = 0, 1, 2

    def __init__(self, project, themes=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PlanDialog")
        self.setWindowTitle(self.tr("Vurder reguleringsplan"))
        self.project = project
        self.themes = themes
        self.notes: list = []  # the project's place notes, listed in the report for the touched zones
        self.lang = "nb"
        self.assessment: PlanAssessment | None = None
        self.plan_layer: PlanLayer | None = None
        self.drawn_layer: PlanLayer | None = None
        self.last_error = ""
        self.report_path: Path | None = None
        self._file_units: tuple[int, int] = (0, 0)
        self._worker: Worker | None = None
        self._report_worker: Worker | None = None
        self._build()
        self.resize(1000, 700)
        self.set_project(project, themes)

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        # plan source
        src = QGroupBox(self.tr("Plan"))
        grid = QGridLayout(src)
        self.source_group = QButtonGroup(self)
        self.example_radio = QRadioButton(self.tr("Eksempelplan"))
        self.file_radio = QRadioButton(self.tr("Planfil"))
        self.drawn_radio = QRadioButton(self.tr("Tegnet i kartet"))
        for i, r in enumerate((self.example_radio, self.file_radio, self.drawn_radio)):
            self.source_group.addButton(r, i)
            grid.addWidget(r, i, 0)
        self.example_box = compact_combo(min_chars=30)
        grid.addWidget(self.example_box, 0, 1, 1, 2)
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(self.tr("Ingen fil valgt"))
        self.file_button = QPushButton(self.tr("Velg planfil…"))
        grid.addWidget(self.file_edit, 1, 1)
        grid.addWidget(self.file_button, 1, 2)
        self.drawn_label = QLabel(self.tr("Ingen flate tegnet ennå"))
        self.drawn_label.setStyleSheet("color: #555;")
        self.draw_button = QPushButton(self.tr("Tegn i kartet"))
        self.draw_button.setToolTip(self.tr(
            "Klikk i kartet for å sette hjørner, dobbeltklikk for å avslutte (Esc avbryter)."))
        grid.addWidget(self.drawn_label, 2, 1)
        grid.addWidget(self.draw_button, 2, 2)
        self.plan_info = QLabel()
        self.plan_info.setWordWrap(True)
        self.plan_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.plan_info, 3, 0, 1, 3)
        grid.setColumnStretch(1, 1)

        # assumptions
        opts = QGroupBox(self.tr("Forutsetninger"))
        form = QFormLayout(opts)
        self.buffer_spin = QSpinBox()
        self.buffer_spin.setLocale(_NB_LOCALE)
        self.buffer_spin.setRange(50, 5000)
        self.buffer_spin.setSingleStep(50)
        self.buffer_spin.setValue(500)
        self.buffer_spin.setSuffix(" m")
        self.buffer_spin.setToolTip(self.tr("Sonen rundt planen der bosatte og levekår telles"))
        self.municipal_spin = QSpinBox()
        self.other_spin = QSpinBox()
        for s in (self.municipal_spin, self.other_spin):
            s.setLocale(_NB_LOCALE)
            s.setRange(0, 100_000)
            s.setGroupSeparatorShown(True)
        self.units_hint = QLabel()
        self.units_hint.setStyleSheet("color: #555;")
        self.units_hint.setWordWrap(True)
        form.addRow(self.tr("Buffer rundt planen:"), self.buffer_spin)
        form.addRow(self.tr("Nye kommunale boliger:"), self.municipal_spin)
        form.addRow(self.tr("Andre nye boliger:"), self.other_spin)
        form.addRow(self.units_hint)

        top = QHBoxLayout()
        top.addWidget(src, 3)
        top.addWidget(opts, 2)

        # run row
        self.assess_button = QPushButton(self.tr("Vurder"))
        self.assess_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Avbryt"))
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(True)
        self.progress.hide()
        # A busy bar (assess_plan reports no steps) shows no text: the step is named beside it.
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #444;")
        self.status_label.hide()
        run = QHBoxLayout()
        run.addWidget(self.assess_button)
        run.addWidget(self.cancel_button)
        run.addWidget(self.status_label)
        run.addWidget(self.progress, 1)

        self.error_label = QLabel()
        self.error_label.setObjectName("planError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.summary_label = QLabel()
        self.summary_label.setObjectName("planSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # findings
        self.model = FindingsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(False)  # the colour means severity; no zebra stripes
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col, width in ((0, 85), (1, 270), (2, 190), (4, 120)):
            self.table.setColumnWidth(col, width)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        # Qt's rich text draws no borders, so the swatches are small framed labels.
        legend = QHBoxLayout()
        legend.setSpacing(6)
        for sev in ("obs", "ok", "info"):
            swatch = QLabel()
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background: {SEVERITY_COLORS.get(sev, '#ffffff')}; border: 1px solid #888;")
            legend.addWidget(swatch)
            text = QLabel(_t(SEVERITY_LABELS[sev]))
            text.setStyleSheet("color: #444;")
            legend.addWidget(text)
            legend.addSpacing(14)
        legend.addStretch(1)

        # report row
        self.save_button = QPushButton(self.tr("Lagre rapport…"))
        self.save_button.setEnabled(False)
        self.report_label = QLabel()
        self.report_label.setObjectName("reportLabel")
        self.report_label.setWordWrap(True)
        self.report_label.setTextFormat(Qt.TextFormat.RichText)
        self.report_label.setOpenExternalLinks(True)
        self.report_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Lukk"))
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.report_label, 1)
        bottom.addWidget(self.buttons)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(run)
        lay.addWidget(self.error_label)
        lay.addWidget(self.summary_label)
        lay.addWidget(self.table, 1)
        lay.addLayout(legend)
        lay.addLayout(bottom)

        self.source_group.idClicked.connect(self._on_source_clicked)
        self.example_box.currentIndexChanged.connect(self._on_example_changed)
        self.file_button.clicked.connect(self._on_choose_file)
        self.file_edit.editingFinished.connect(self._on_file_edited)
        self.draw_button.clicked.connect(self._on_draw_clicked)
        self.assess_button.clicked.connect(self.assess)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self._on_save_clicked)

    # -- project -------------------------------------------------------------------------------
    def set_project(self, project, themes=None) -> None:
        """Show another project: examples refilled, findings cleared, first example loaded."""
        self.cancel()
        self.project = project
        self.themes = themes
        self.assessment = None
        self.drawn_layer = None
        self.model.set_findings([], self.lang)
        self.summary_label.clear()
        self.report_label.clear()
        self.drawn_label.setText(self.tr("Ingen flate tegnet ennå"))
        plans = list(getattr(project, "plans", None) or [])
        self.example_box.blockSignals(True)
        self.example_box.clear()
        for p in plans:
            self.example_box.addItem(str(p.get("name") or Path(p["path"]).name), str(p["path"]))
            self.example_box.setItemData(self.example_box.count() - 1, str(p["path"]),
                                         Qt.ItemDataRole.ToolTipRole)
        if not plans:
            self.example_box.addItem(self.tr("(prosjektet har ingen eksempelplaner)"), None)
        self.example_box.blockSignals(False)
        self.example_box.setEnabled(bool(plans))
        self.example_radio.setEnabled(bool(plans))
        self._set_source(self.SOURCE_EXAMPLE if plans else self.SOURCE_FILE)
        self._update_buttons()

    def set_themes(self, themes) -> None:
        """Use newer theme results (e.g. connect the window's ``themesReady``)."""
        self.themes = themes

    # -- sources ---------------------------------------------------------------------------------
    @property
    def source(self) -> int:
        """The chosen source: :attr:`SOURCE_EXAMPLE`, :attr:`SOURCE_FILE` or :attr:`SOURCE_DRAWN`."""
        return self.source_group.checkedId()

    def _set_source(self, which: int) -> None:
        button = self.source_group.button(which)
        if not button.isChecked():
            button.setChecked(True)
        self._load_source()

    def _on_source_clicked(self, which: int) -> None:
        self._load_source()

    def _on_example_changed(self, index: int) -> None:
        if self.source != self.SOURCE_EXAMPLE:
            self.example_radio.setChecked(True)
        self._load_source()

    def select_example(self, index: int) -> None:
        """Choose the project's example plan number ``index`` (0-based) as the source."""
        self.example_box.blockSignals(True)
        self.example_box.setCurrentIndex(index)
        self.example_box.blockSignals(False)
        self._set_source(self.SOURCE_EXAMPLE)

    def set_plan_file(self, path: str | Path) -> bool:
        """Use the plan file at ``path``; False (and the error in red) when it cannot be read."""
        self.file_edit.setText(str(path))
        self._set_source(self.SOURCE_FILE)
        return self.plan_layer is not None

    def _on_choose_file(self) -> None:
        settings = QSettings("UngtLoft", "UngtLoftMap")
        start = str(settings.value("plan_dialog/plan_dir", "") or "")
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Velg planfil"), start,
            self.tr("Reguleringsplaner ({patterns});;Alle filer (*)").format(
                patterns=" ".join(PLAN_FILE_SUFFIXES)))
        if path:
            settings.setValue("plan_dialog/plan_dir", str(Path(path).parent))
            self.set_plan_file(path)

    def _on_file_edited(self) -> None:
        if self.file_edit.isModified():
            self.file_edit.setModified(False)
            self._set_source(self.SOURCE_FILE)

    def _on_draw_clicked(self) -> None:
        self.drawn_radio.setChecked(True)
        self._load_source()
        self.drawn_label.setText(self.tr("Tegn i kartet: klikk for hjørner, dobbeltklikk for å avslutte"))
        self.drawRequested.emit()

    def _load_source(self) -> None:
        """Read the chosen plan (small files: on the GUI thread) and default the dwellings."""
        self._clear_error()
        layer: PlanLayer | None = None
        which = self.source
        try:
            if which == self.SOURCE_EXAMPLE:
                path = self.example_box.currentData()
                layer = read_plan(path) if path else None
            elif which == self.SOURCE_FILE:
                text = self.file_edit.text().strip()
                layer = read_plan(text) if text else None
            else:
                layer = self.drawn_layer
        except UngtloftError as err:
            self._show_error(self.tr("Planen kan ikke leses: {e}").format(e=str(err)))
        self.plan_layer = layer
        self._show_plan_info(layer)
        self._default_units(layer)
        self._update_buttons()

    def set_drawn_polygon(self, coords_lonlat, *, assess: bool = True) -> bool:
        """Use a polygon drawn on the map as the plan, and assess it.

        Parameters
        ----------
        coords_lonlat
            The vertices as ``[(lon, lat), ...]`` in EPSG:4326 (the ring may be closed or
            not), or the JSON text of such a list (what the map page's
            ``ungtloftBridge.planDrawn`` sends, so ``MapView.polygonDrawn`` connects directly).
        assess
            Start the assessment at once (default).

        Returns
        -------
        bool
            False (and the reason in red) when the points make no usable polygon.
        """
        self.drawn_radio.setChecked(True)
        try:
            pts = _parse_lonlat(coords_lonlat)
            layer = self._drawn_plan(pts)
        except (ValueError, TypeError, UngtloftError) as err:
            self.drawn_layer = None
            self._load_source()
            self.drawn_label.setText(self.tr("Ingen flate tegnet ennå"))
            detail = str(err) if isinstance(err, UngtloftError) else self.tr(
                "forventet en liste med (lengdegrad, breddegrad)-par")
            self._show_error(self.tr("Flaten fra kartet kan ikke brukes: {e}").format(e=detail))
            return False
        self.drawn_layer = layer
        self._load_source()
        self.drawn_label.setText(self.tr("Tegnet flate: {n} hjørner, {ha} ha").format(
            n=len(pts), ha=format_number(layer.boundary.area / 1e4, 1, "nb")))
        if assess:
            self.assess()
        return True

    def _drawn_plan(self, pts: list[tuple[float, float]]) -> PlanLayer:
        """The drawn points (lon, lat) as a one-polygon plan in EPSG:25832, without land use."""
        from pyproj import Transformer

        if len(pts) < 3:
            raise UngtloftError(self.tr("den har færre enn tre hjørner"))
        tf = Transformer.from_crs("EPSG:4326", ANALYSIS_CRS, always_xy=True)
        xs, ys = tf.transform([p[0] for p in pts], [p[1] for p in pts])
        poly = shapely.Polygon(list(zip(xs, ys, strict=True)))
        if not poly.is_valid:
            # A ring that crosses itself (a bow tie) becomes its parts rather than an error.
            parts = [g for g in shapely.get_parts(shapely.make_valid(poly))
                     if g.geom_type in ("Polygon", "MultiPolygon")]
            poly = shapely.union_all(parts) if parts else shapely.Polygon()
        if poly.is_empty or poly.area < 1.0:
            raise UngtloftError(self.tr("flaten har ikke noe areal"))
        name = self.tr("Tegnet plan")
        features = gpd.GeoDataFrame(
            {"objtype": pd.array([pd.NA], dtype="string"),
             "arealformal": pd.array([pd.NA], dtype="Int64"),  # no land use: removes no green
             "name": [name]},
            geometry=[poly], crs=ANALYSIS_CRS)
        return PlanLayer(path=Path(self.tr("ingen fil")), features=features, boundary=poly,
                         warnings=[], source_format=self.tr("tegnet i kartet"))

    def _show_plan_info(self, layer: PlanLayer | None) -> None:
        if layer is None:
            if self.last_error:
                text = ""
            elif self.source == self.SOURCE_DRAWN:
                text = self.tr("Trykk «Tegn i kartet» og tegn planområdet i kartet.")
            else:
                text = self.tr("Velg en plan.")
            self.plan_info.setText(text)
            self.plan_info.setToolTip("")
            return
        f = layer.features
        name = str(f["name"].dropna().iloc[0]) if "name" in f and f["name"].notna().any() else layer.path.stem
        parts = self.tr("1 flate") if len(f) == 1 else self.tr("{n} flater").format(n=len(f))
        text = self.tr("{name} – {fmt}, {ha} ha, {parts}").format(
            name=name, fmt=layer.source_format, ha=format_number(layer.boundary.area / 1e4, 1, "nb"),
            parts=parts)
        if layer.warnings:
            text += " – " + self.tr("{n} merknader ved lesing").format(n=len(layer.warnings))
        self.plan_info.setText(text)
        self.plan_info.setToolTip("\n".join(str(w) for w in layer.warnings))

    def _default_units(self, layer: PlanLayer | None) -> None:
        """Spins = the file's dwellings (0 when it has none); remembered to tell edits apart."""
        values, found = [], []
        for col in ("municipal_units", "other_units"):
            v = pd.to_numeric(layer.features[col], errors="coerce") if layer is not None and col in layer.features else None
            found.append(v is not None)
            ok = v is not None and v.notna().any() and bool(((v.fillna(0) >= 0) & (v.fillna(0) % 1 == 0)).all())
            values.append(int(v.fillna(0).sum()) if ok else 0)
        self._file_units = (values[0], values[1])
        self.municipal_spin.setValue(values[0])
        self.other_spin.setValue(values[1])
        if layer is None:
            self.units_hint.setText("")
        elif any(found):
            self.units_hint.setText(self.tr("Antall boliger er hentet fra planfilen; endre dem ved behov."))
        else:
            self.units_hint.setText(self.tr("Planen oppgir ingen boliger; fyll inn antallet planen gir."))

    # -- model → view --------------------------------------------------------------------------
    @property
    def buffer_m(self) -> int:
        return self.buffer_spin.value()

    def set_buffer(self, metres: int) -> None:
        """Set the buffer width (m); the spin box shows it and the next "Vurder" uses it."""
        self.buffer_spin.setValue(int(round(metres)))

    def set_units(self, municipal: int | None = None, other: int | None = None) -> None:
        """Set the dwellings the plan adds (None leaves a number as it is)."""
        if municipal is not None:
            self.municipal_spin.setValue(int(municipal))
        if other is not None:
            self.other_spin.setValue(int(other))

    def _units_args(self) -> tuple[int | None, int | None]:
        # An unchanged number is left to the core, so the report says it came from the file.
        m, o = self.municipal_spin.value(), self.other_spin.value()
        return (None if m == self._file_units[0] else m, None if o == self._file_units[1] else o)

    # -- assessment ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._worker is not None

    def assess(self) -> Worker | None:
        """Run the assessment of :attr:`plan_layer` in a worker; None when there is no plan."""
        if self.plan_layer is None or self.project is None:
            self._show_error(self.tr("Velg en plan først."))
            return None
        self.cancel()
        self._clear_error()
        m, o = self._units_args()
        worker = Worker(_assess_job, self.project, self.plan_layer, self.themes,
                        float(self.buffer_m), m, o)
        worker.signals.progress.connect(lambda lab, f, w=worker: self._on_progress(lab, f, w))
        worker.signals.finished.connect(lambda res, w=worker: self._on_assessed(res, w))
        worker.signals.failed.connect(lambda msg, w=worker: self._on_failed(msg, w))
        worker.signals.cancelled.connect(lambda w=worker: self._on_stopped(w))
        self._worker = worker
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.status_label.setText(self._step_text("plan" if self.themes is not None else "green"))
        self.progress.show()
        self.status_label.show()
        self.cancel_button.show()
        self._update_buttons()
        return worker.start()

    def cancel(self) -> None:
        """Stop the running assessment; the findings shown stay."""
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None
        self.progress.hide()
        self.status_label.hide()
        self.cancel_button.hide()
        self._update_buttons()

    def _step_text(self, label: str) -> str:
        name = _t(STEP_LABELS[label]) if label in STEP_LABELS else label
        if label in ("plan", "report"):
            return name[:1].upper() + name[1:] + " …"
        return self.tr("Beregner temaer: {step} …").format(step=name)

    def _on_progress(self, label: str, frac: float, worker: Worker) -> None:
        if worker is not self._worker:
            return
        if label == "done":  # the themes are done: the plan itself is next
            label = "plan"
        if label == "plan":
            self.progress.setRange(0, 0)  # assess_plan reports no steps: a busy bar
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(round(frac * 100))
        self.status_label.setText(self._step_text(label))

    def _on_stopped(self, worker: Worker) -> None:
        if worker is self._worker:
            self.cancel()

    def _on_failed(self, message: str, worker: Worker) -> None:
        if worker is not self._worker:
            return
        self.cancel()
        self._show_error(self.tr("Vurderingen feilet: {e}").format(e=_first_paragraph(message)))

    def _on_assessed(self, result, worker: Worker) -> None:
        if worker is not self._worker:  # cancelled, or replaced by a newer run
            return
        assessment, themes = result
        self.cancel()
        if self.themes is None:
            self.themes = themes  # the next run skips the slow part
        self.show_assessment(assessment)
        self.planAssessed.emit(assessment)

    def show_assessment(self, assessment: PlanAssessment) -> None:
        """Fill the findings table and the summary line from ``assessment``."""
        self.assessment = assessment
        self.model.set_findings(assessment.findings, self.lang)
        self.summary_label.setText(self._summary_html(assessment))
        self.report_label.clear()
        self._update_buttons()

    def _summary_html(self, a: PlanAssessment) -> str:
        lang = self.lang
        zones = ", ".join(str(v) for v in a.plan_zones["zone_name"]) if len(a.plan_zones) else ""
        head = self.tr("{name} ({ha} ha)").format(
            name=html.escape(a.plan_name), ha=format_number(a.area_m2 / 1e4, 1, lang))
        line = self.tr(
            "Bosatte: {plan} i planområdet, {buffer} innen {m} m · Soner berørt: {n} "
            "(planen ligger i {zones}) · Funn verdt en nærmere titt: {obs} av {total}").format(
            plan=format_count(a.residents_plan, lang), buffer=format_count(a.residents_buffer, lang),
            m=format_number(a.buffer_m, 0, lang), n=len(a.zones), zones=html.escape(zones),
            obs=a.n_obs, total=len(a.findings))
        out = f"<b>{head}</b><br>{line}"
        notes = [n[1] if lang == "en" else n[0] for n in a.notes]
        if notes:
            out += '<br><span style="color:#555;">' + html.escape(" ".join(notes)) + "</span>"
        if a.fictional:
            out += ('<br><span style="color:#b30000;">'
                    + html.escape(self.tr("Fiktive demodata – ikke virkelige personer eller steder.")) + "</span>")
        return out

    # -- report ------------------------------------------------------------------------------------
    def _on_save_clicked(self) -> None:
        if self.assessment is None:
            return
        settings = QSettings("UngtLoft", "UngtLoftMap")
        folder = str(settings.value("plan_dialog/report_dir", "") or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        stem = self.assessment.path.stem if self.source != self.SOURCE_DRAWN else "tegnet_plan"
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Lagre planrapport"), str(Path(folder) / f"{stem}_vurdering.pdf"),
            self.tr("PDF (*.pdf);;HTML (*.html *.htm)"))
        if not path:
            return
        if Path(path).suffix.lower() not in (".pdf", ".html", ".htm"):
            path += ".html" if "HTML" in chosen else ".pdf"
        settings.setValue("plan_dialog/report_dir", str(Path(path).parent))
        self.save_report(path)

    def save_report(self, path: str | Path) -> Worker | None:
        """Write the report of :attr:`assessment` to ``path`` in a worker (PDF or HTML by suffix).

        Returns None (and the reason in red) when there is nothing to save or the suffix is
        neither ``.pdf`` nor ``.html``/``.htm``.
        """
        if self.assessment is None:
            self._show_error(self.tr("Vurder en plan før du lagrer rapporten."))
            return None
        path = Path(path)
        fmt = {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(path.suffix.lower())
        if fmt is None:
            self._show_error(self.tr("Rapporten lagres som .pdf eller .html, ikke {s}").format(
                s=path.suffix or self.tr("(uten endelse)")))
            return None
        self._clear_error()
        worker = Worker(_report_job, self.assessment, self.lang, fmt, path, list(self.notes))
        worker.signals.finished.connect(lambda p, w=worker: self._on_report_done(p, w))
        worker.signals.failed.connect(lambda msg, w=worker: self._on_report_failed(msg, w))
        self._report_worker = worker
        self.report_label.setText(html.escape(self.tr("Skriver rapporten …")))
        self._update_buttons()
        return worker.start()

    def _on_report_done(self, path: Path, worker: Worker) -> None:
        if worker is not self._report_worker:
            return
        self._report_worker = None
        self.report_path = Path(path)
        url = QUrl.fromLocalFile(str(path)).toString()
        self.report_label.setText(self.tr("Rapporten er lagret: {link}").format(
            link=f'<a href="{html.escape(url)}">{html.escape(str(path))}</a>'))
        self._update_buttons()
        self.reportSaved.emit(str(path))

    def _on_report_failed(self, message: str, worker: Worker) -> None:
        if worker is not self._report_worker:
            return
        self._report_worker = None
        self.report_label.clear()
        self._show_error(self.tr("Rapporten ble ikke lagret: {e}").format(e=_first_paragraph(message)))
        self._update_buttons()

    # -- misc ------------------------------------------------------------------------------------
    def _show_error(self, text: str) -> None:
        self.last_error = text
        self.error_label.setText(text)
        self.error_label.show()

    def _clear_error(self) -> None:
        self.last_error = ""
        self.error_label.clear()
        self.error_label.hide()

    def _update_buttons(self) -> None:
        self.assess_button.setEnabled(self.plan_layer is not None and self._worker is None)
        self.save_button.setEnabled(self.assessment is not None and self._report_worker is None)

    def done(self, result: int) -> None:
        # A run still going must not deliver into a closed dialog; a report write finishes.
        self.cancel()
        super().done(result)


