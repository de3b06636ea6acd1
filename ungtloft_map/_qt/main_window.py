"""The main window: map, layer panel, zone table, identify and classification, menus, status bar.

The window never computes: it holds a :class:`~ungtloft_map.core.project.Project`, asks the core
for the :class:`ZoneTable` (at once) and the theme layers (:func:`compute_themes`, in a worker
with progress and cancel), asks :mod:`ungtloft_map.maps` for the page, and shows them.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.errors import UngtloftError
from ..core.project import FICTIONAL_LABEL_EN, FICTIONAL_LABEL_NB, Project
from ..maps.zonemap import build_zone_map, format_number, restyle_script
from .classification_panel import ClassificationPanel
from .i18n import ui_lang
from .identify_panel import IdentifyPanel
from .layer_panel import LayerPanel
from .map_view import MapView
from .workers import Worker
from .zone_table_model import ZONE_ID_ROLE, ZoneFilterProxy, ZoneTableModel

CONTEXT_ROLES = ("water", "boundary", "green_areas", "roads", "districts")
LAYOUT_VERSION = 3  # bump when docks are added or removed


class MainWindow(QMainWindow):
    """UngtLøft Map's main window.

    Signals
    -------
    projectLoaded(object)
        A project was loaded (the :class:`Project`).
    themesReady(object)
        The theme layers were computed (the :class:`ThemeResults`).
    """

    projectLoaded = Signal(object)
    themesReady = Signal(object)

    def __init__(self, parent=None, *, compute_themes_on_load: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("UngtLøft Map"))
        self.project: Project | None = None
        self.zone_table = None
        self.themes = None
        self.column: str | None = None
        self.classification = {"scheme": "quantiles", "k": 5, "bins": None}
        self.change_since: int | None = None
        self.t_first_map: float | None = None
        self.compute_themes_on_load = compute_themes_on_load
        self._worker: Worker | None = None
        self._selecting = False
        self.last_error = ""
        self.project_path: Path | None = None
        self._dirty = False
        self.ask_to_save = True  # tests and batch use turn the close question off
        self.notes: list = []
        from ..core.pipeline import AnalysisSettings

        self.analysis_settings = AnalysisSettings()

        self.map_view = MapView(self)
        self.map_view.zoneClicked.connect(self._on_map_click)
        self.map_view.mapLoaded.connect(self._on_map_loaded)
        self.map_view.pointPicked.connect(self.compute_isochrone)

        self._build_side()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.map_view)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(self.splitter)

        self.layer_panel = LayerPanel(self)
        self.layer_panel.themeChosen.connect(self.set_column)
        self.layer_panel.contextChanged.connect(lambda n, v, o: self.map_view.set_layer(n, v, o))
        self.layer_panel.zoneOpacityChanged.connect(lambda o: self.map_view.set_layer("zones", True, o))
        self.layer_panel.orderChanged.connect(self._on_order)
        for sig in (self.layer_panel.contextChanged, self.layer_panel.zoneOpacityChanged, self.layer_panel.orderChanged):
            sig.connect(lambda *_: self.mark_dirty())
        self.layer_dock = QDockWidget(self.tr("Kartlag"), self)
        self.layer_dock.setObjectName("layerDock")
        self.layer_dock.setWidget(self.layer_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.layer_dock)
        self._build_panel_docks()

        self.fiction_label = QLabel()
        self.fiction_label.setObjectName("fictionLabel")
        self.fiction_label.setStyleSheet("color: #b30000; font-weight: bold;")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Avbryt"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_work)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.statusBar().addPermanentWidget(self.fiction_label)
        self._build_menus()
        self.resize(1500, 900)
        self._restore_geometry()

    # -- widgets ------------------------------------------------------------------------------
    def _build_panel_docks(self) -> None:
        """Områdesatsing, Nøkkeltall and Stedsnotater: docks tabbed with the layer panel."""
        from .dashboard_panel import DashboardPanel
        from .notes_panel import NotesPanel
        from .targeting_panel import TargetingPanel

        self.targeting = TargetingPanel()
        self.targeting.selectionChanged.connect(self.select_zones)
        self.targeting.rankingChanged.connect(self._on_ranking)
        self.dashboard = DashboardPanel()
        self.dashboard.showIndicator.connect(self.set_column)
        self.notes_panel = NotesPanel()
        self.notes_panel.notesChanged.connect(self._on_notes_changed)
        self.notes_panel.zoneActivated.connect(lambda z: self.select_zones([z]))
        self.panel_docks = {}
        for key, title, widget in (("targeting", self.tr("Områdesatsing"), self.targeting),
                                   ("dashboard", self.tr("Nøkkeltall"), self.dashboard),
                                   ("notes", self.tr("Stedsnotater"), self.notes_panel)):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"{key}Dock")
            dock.setWidget(widget)
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
            self.tabifyDockWidget(self.layer_dock, dock)
            self.panel_docks[key] = dock
        self.layer_dock.raise_()
        # The panels ask for room; the map keeps most of the window.
        self.resizeDocks([self.layer_dock], [360], Qt.Orientation.Horizontal)

    def _on_ranking(self, scores) -> None:
        """The ranking panel's live score becomes a theme layer the map can show."""
        from ..core.zonetable import ColumnInfo

        if self.zone_table is None or scores is None:
            return
        new = "target_score" not in self.zone_table.gdf.columns
        self.zone_table.add_column(scores, ColumnInfo(
            "target_score", self.tr("Rangering med egne vekter"), "Ranking with own weights", "",
            kind="score", direction="high_is_bad",
            definition_nb=self.tr("Sammensatt indeks med vektene i Områdesatsing-panelet; høyere = mer belastet."),
            definition_en="Composite index with the weights of the area-based initiative panel; higher = more disadvantaged."))
        if new:
            self._refresh_lists()
        if self.column == "target_score":
            self._restyle()

    def _on_notes_changed(self) -> None:
        self.notes = self.notes_panel.notes()
        self.targeting.notes = list(self.notes)
        self.mark_dirty()
        self.show_notes_layer()

    def show_notes_layer(self) -> None:
        """Place notes as a map layer: a marker per note (a zone note at a point inside its zone)."""
        from ..core.errors import UngtloftError
        from ..core.notes import NoteStore

        if self.project is None:
            return
        try:
            store = NoteStore.from_dict(self.notes, zones=self.project.zones)
        except (UngtloftError, ValueError, TypeError):
            return
        gdf = store.to_geodataframe()
        if gdf.empty:
            self.map_view.set_overlay("notes", None)
            return
        gdf["geometry"] = gdf.geometry.representative_point()
        gdf["label"] = [f"{c} ({d}): {t[:120]}" for c, d, t in zip(gdf["category"], gdf["date"], gdf["text"])]
        style = {"color": "#5e3c99", "weight": 2, "fillColor": "#b2abd2", "fillOpacity": 0.9}
        self.map_view.set_overlay("notes", gdf[["label", "geometry"]].to_crs(4326).to_json(), style, "label")

    def _build_side(self) -> None:
        self.indicator_box = QComboBox()
        self.indicator_box.setObjectName("indicatorBox")
        self.indicator_box.currentIndexChanged.connect(self._on_indicator_changed)
        self.year_box = QComboBox()
        self.year_box.setObjectName("yearBox")
        self.year_box.currentIndexChanged.connect(self._on_year_changed)
        self.since_box = QComboBox()
        self.since_box.setObjectName("sinceBox")
        self.since_box.currentIndexChanged.connect(self._on_since_changed)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filtrer soner …"))
        self.filter_edit.setClearButtonEnabled(True)
        self.only_selected = QCheckBox(self.tr("Vis bare valgte"))
        self.only_selected.toggled.connect(self._on_only_selected)

        self.model = ZoneTableModel(self)
        self.proxy = ZoneFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("zoneTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)

        form = QFormLayout()
        form.addRow(self.tr("Vis:"), self.indicator_box)
        form.addRow(self.tr("År:"), self.year_box)
        form.addRow(self.tr("Endring siden:"), self.since_box)
        self.definition_label = QLabel()
        self.definition_label.setWordWrap(True)
        self.definition_label.setObjectName("definitionLabel")

        table_page = QWidget()
        tl = QVBoxLayout(table_page)
        tl.setContentsMargins(0, 0, 0, 0)
        row = QFormLayout()
        row.addRow(self.tr("Søk:"), self.filter_edit)
        tl.addLayout(row)
        tl.addWidget(self.only_selected)
        tl.addWidget(self.table, 1)

        self.identify = IdentifyPanel()
        self.classify_panel = ClassificationPanel()
        self.classify_panel.changed.connect(self.set_classification)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sideTabs")
        self.tabs.addTab(table_page, self.tr("Sonetabell"))
        self.tabs.addTab(self.identify, self.tr("Identifiser"))
        self.tabs.addTab(self.classify_panel, self.tr("Klassifisering"))
        from .cluster_view import ClusterPanel, Histogram, MoranScatter

        self.cluster_panel = ClusterPanel()
        self.cluster_panel.settingsChanged.connect(self.set_analysis_settings)
        self.cluster_panel.selectionChanged.connect(self.select_zones)
        self.moran = MoranScatter()
        self.moran.selectionChanged.connect(self.select_zones)
        self.histogram = Histogram()
        self.histogram.selectionChanged.connect(self.select_zones)
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.moran)
        charts.addWidget(self.histogram)
        self.tabs.addTab(self.cluster_panel, self.tr("Indeks og klynger"))
        self.tabs.addTab(charts, self.tr("Diagrammer"))
        self._charts = charts
        self._histogram_stale = False
        # Drawing the histogram costs a matplotlib render: only when it can be seen.
        self.tabs.currentChanged.connect(lambda _i: self._sync_histogram())

        self.side = QWidget()
        lay = QVBoxLayout(self.side)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(form)
        lay.addWidget(self.definition_label)
        lay.addWidget(self.tabs, 1)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.menu_file = mb.addMenu(self.tr("&Fil"))
        self.act_open_project = QAction(self.tr("&Åpne prosjekt …"), self)
        self.act_open_project.setShortcut(QKeySequence.StandardKey.Open)
        self.act_open_project.triggered.connect(self.open_project_dialog)
        self.menu_recent = QMenu(self.tr("&Nylige prosjekter"), self)
        self.act_save = QAction(self.tr("&Lagre prosjekt"), self)
        self.act_save.setShortcut(QKeySequence.StandardKey.Save)
        self.act_save.triggered.connect(self.save_project)
        self.act_save_as = QAction(self.tr("Lagre prosjekt &som …"), self)
        self.act_save_as.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.act_save_as.triggered.connect(self.save_project_as)
        self.act_open = QAction(self.tr("Åpne &datasett (mappe) …"), self)
        self.act_open.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.act_open.triggered.connect(self.open_dataset_dialog)
        self.act_demo = QAction(self.tr("Åpne d&emodata (fiktiv kommune)"), self)
        self.act_demo.triggered.connect(lambda: self.load_project_in_background(None))
        for a in (self.act_open_project,):
            self.menu_file.addAction(a)
        self.menu_file.addMenu(self.menu_recent)
        for a in (self.act_save, self.act_save_as):
            self.menu_file.addAction(a)
        self.menu_file.addSeparator()
        self.act_import = QAction(self.tr("&Importer data …"), self)
        self.act_import.setShortcut(QKeySequence("Ctrl+I"))
        self.act_import.triggered.connect(self.import_data)
        self.menu_file.addAction(self.act_import)
        self.menu_file.addAction(self.act_open)
        self.menu_file.addAction(self.act_demo)
        self._fill_recent()
        self.menu_export = self.menu_file.addMenu(self.tr("&Eksporter"))
        self.act_export_web = QAction(self.tr("&Nettkart (HTML) …"), self)
        self.act_export_web.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.act_export_web.triggered.connect(lambda: self.export_dialog("html"))
        self.act_export_png = QAction(self.tr("&Kartbilde (PNG) …"), self)
        self.act_export_png.triggered.connect(lambda: self.export_dialog("png"))
        self.act_export_zones = QAction(self.tr("&Sonetabell (GeoPackage, CSV, XLSX) …"), self)
        self.act_export_zones.triggered.connect(lambda: self.export_dialog("zones"))
        for a in (self.act_export_web, self.act_export_png, self.act_export_zones):
            self.menu_export.addAction(a)
        self.menu_file.addSeparator()
        self.act_quit = QAction(self.tr("&Avslutt"), self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        self.menu_file.addAction(self.act_quit)

        self.menu_view = mb.addMenu(self.tr("&Vis"))
        self.act_zoom_sel = QAction(self.tr("&Zoom til valgte soner"), self)
        self.act_zoom_sel.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.act_zoom_sel.triggered.connect(lambda: self.map_view.select(self.selected_zone_ids(), zoom=True))
        self.act_clear_sel = QAction(self.tr("&Fjern utvalg"), self)
        self.act_clear_sel.setShortcut(QKeySequence("Esc"))
        self.act_clear_sel.triggered.connect(lambda: self.select_zones([]))
        self.menu_view.addAction(self.act_zoom_sel)
        self.menu_view.addAction(self.act_clear_sel)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.layer_dock_toggle())
        for n, key in enumerate(("targeting", "dashboard", "notes"), start=2):
            act = self.panel_docks[key].toggleViewAction()
            act.setShortcut(QKeySequence(f"Ctrl+{n}"))
            self.menu_view.addAction(act)
        self.menu_language = self.menu_view.addMenu(self.tr("&Språk"))
        from .i18n import LANGUAGES, current_language

        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            act = QAction(name, self, checkable=True)
            act.setChecked(code == current_language())
            act.setData(code)
            act.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            group.addAction(act)
            self.menu_language.addAction(act)

        self.menu_analysis = mb.addMenu(self.tr("&Analyse"))
        self.menu_indicators = self.menu_analysis.addMenu(self.tr("&Vis tema"))
        self._indicator_group = QActionGroup(self)
        self._indicator_group.setExclusive(True)
        self.act_plan = QAction(self.tr("Vurder &reguleringsplan …"), self)
        self.act_plan.setShortcut(QKeySequence("Ctrl+P"))
        self.act_plan.triggered.connect(self.open_plan_dialog)
        self.menu_analysis.addAction(self.act_plan)
        self.act_dashboard = QAction(self.tr("&Nøkkeltall"), self)
        self.act_dashboard.triggered.connect(lambda: self._show_dock("dashboard"))
        self.act_targets = QAction(self.tr("Velg &innsatsområder"), self)
        self.act_targets.triggered.connect(lambda: self._show_dock("targeting"))
        self.act_isochrone = QAction(self.tr("&Isokroner fra et punkt i kartet …"), self)
        self.act_isochrone.setShortcut(QKeySequence("Ctrl+K"))
        self.act_isochrone.triggered.connect(self.pick_isochrone_point)
        self.act_gap = QAction(self.tr("Vis &dekningshull for grøntområder"), self, checkable=True)
        self.act_gap.toggled.connect(self.show_green_gap)
        self.menu_analysis.addAction(self.act_isochrone)
        self.menu_analysis.addAction(self.act_gap)
        self.menu_analysis.addAction(self.act_targets)
        self.menu_analysis.addAction(self.act_dashboard)
        self.menu_analysis.addSeparator()
        self.act_recompute = QAction(self.tr("&Beregn temaer på nytt"), self)
        self.act_recompute.setShortcut(QKeySequence("F5"))
        self.act_recompute.triggered.connect(self.compute_themes)
        self.menu_analysis.addAction(self.act_recompute)

        self.menu_help = mb.addMenu(self.tr("&Hjelp"))
        self.act_warnings = QAction(self.tr("Vis &advarsler fra innlesingen"), self)
        self.act_warnings.triggered.connect(self.show_warnings)
        self.act_about = QAction(self.tr("&Om UngtLøft Map"), self)
        self.act_about.triggered.connect(self.show_about)
        self.act_guide = QAction(self.tr("&Brukerveiledning"), self)
        self.act_guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.act_guide.triggered.connect(self.show_guide)
        self.menu_help.addAction(self.act_guide)
        self.menu_help.addAction(self.act_warnings)
        self.menu_help.addSeparator()
        self.menu_help.addAction(self.act_about)

    def layer_dock_toggle(self) -> QAction:
        act = self.layer_dock.toggleViewAction()
        act.setText(self.tr("&Kartlagpanel"))
        act.setShortcut(QKeySequence("Ctrl+L"))
        return act

    # -- loading ------------------------------------------------------------------------------
    def open_dataset_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Åpne datasett (mappe med manifest.json)"))
        if folder:
            self.load_project_in_background(Path(folder))

    def import_data(self) -> None:
        """Fil → Importer data: choose files, map roles and fields, check, then load."""
        from PySide6.QtCore import QStandardPaths

        from .import_dialog import ImportDialog

        base = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
        out = base / "datasets" / time.strftime("import-%Y%m%d-%H%M%S")
        dlg = ImportDialog(out, self)
        if dlg.exec() and dlg.manifest_path is not None:
            self.load_project_in_background(dlg.manifest_path.parent)

    def load_project(self, folder: Path | None) -> bool:
        """Load a dataset folder (None: the demo). Errors are shown, the window keeps running."""
        if not self.maybe_save():
            return False
        self.statusBar().showMessage(self.tr("Laster data …"))
        try:
            project = Project.demo() if folder is None else Project.load(folder)
            zt = project.zone_table()
        except UngtloftError as err:
            self.statusBar().clearMessage()
            self.show_error(self.tr("Kunne ikke åpne datasettet"), str(err))
            return False
        self.cancel_work()
        self.themes = None
        self.set_project(project, zt)
        if self.compute_themes_on_load:
            self.compute_themes()
        return True

    def load_project_in_background(self, folder: Path | None) -> Worker | None:
        """Read a dataset (None: the demo) in a worker; the window stays usable meanwhile."""
        if not self.maybe_save():
            return None

        def job(progress=None):
            project = Project.demo() if folder is None else Project.load(folder)
            return project, project.zone_table()

        self.cancel_work()
        worker = Worker(job)
        worker.signals.finished.connect(lambda res, w=worker: self._on_project_read(res, w))
        worker.signals.failed.connect(lambda msg, w=worker: self._on_work_failed(msg, w))
        self._worker = worker
        self.progress.setRange(0, 0)  # reading has no steps to count: a busy bar
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage(self.tr("Laster data …"))
        return worker.start()

    def _on_project_read(self, result, worker: Worker) -> None:
        if worker is not self._worker:
            return
        self._on_work_done(worker)
        self.progress.setRange(0, 100)
        project, zt = result
        self.themes = None
        self.set_project(project, zt)
        if self.compute_themes_on_load:
            self.compute_themes()

    def set_project(self, project: Project, zt) -> None:
        self.project = project
        self.zone_table = zt
        self.project_path = None
        self._dirty = False
        label = FICTIONAL_LABEL_NB if self.lang == "nb" else FICTIONAL_LABEL_EN
        self.fiction_label.setText(label if project.fictional else "")
        self.setWindowTitle(f"{project.name} – UngtLøft Map")
        for box in (self.year_box, self.since_box):
            box.blockSignals(True)
            box.clear()
        self.since_box.addItem(self.tr("(ingen)"), None)
        for y in project.years:
            self.year_box.addItem(str(y), y)
            self.since_box.addItem(str(y), y)
        self.year_box.setCurrentIndex(self.year_box.count() - 1)
        self.change_since = None
        for box in (self.year_box, self.since_box):
            box.blockSignals(False)
        if self.column not in zt.gdf.columns:
            self.column = "low_income" if "low_income" in zt.gdf.columns else (zt.theme_columns() or [None])[0]
        self._refresh_lists()
        n_warn = len(project.warnings)
        msg = self.tr("{n} soner lastet fra {name}").format(n=len(zt), name=project.name)
        if n_warn:
            msg += self.tr(" – {n} advarsler (Hjelp → Vis advarsler)").format(n=n_warn)
        self.statusBar().showMessage(msg)
        self._draw_map()
        self._update_title()
        self.notes = []
        self.notes_panel.set_project(project, [])
        self.projectLoaded.emit(project)

    def _refresh_lists(self) -> None:
        """Fill the indicator box, the Analyse menu, the layer panel and the table from the ZoneTable."""
        zt = self.zone_table
        cols = zt.theme_columns()
        self.indicator_box.blockSignals(True)
        self.indicator_box.clear()
        for a in self._indicator_group.actions():
            self._indicator_group.removeAction(a)
        self.menu_indicators.clear()
        for c in cols:
            label = zt.info[c].label(ui_lang())
            self.indicator_box.addItem(label, c)
            act = QAction(label, self, checkable=True)
            act.setData(c)
            act.setChecked(c == self.column)
            act.triggered.connect(lambda _=False, col=c: self.set_column(col))
            self._indicator_group.addAction(act)
            self.menu_indicators.addAction(act)
        if self.column in cols:
            self.indicator_box.setCurrentIndex(cols.index(self.column))
        self.indicator_box.blockSignals(False)
        context = [r for r in CONTEXT_ROLES if self.project.layer(r) is not None]
        visible = self.layer_panel.visible_context() or {"water", "boundary"}
        self.layer_panel.set_layers(zt, context, visible, self.column)
        selected = self.selected_zone_ids()
        self.model.set_zone_table(zt)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for i in range(header.count()):  # long indicator names: the full name is in the tooltip
            header.resizeSection(i, min(header.sectionSize(i), 170))
        if selected:
            self.select_zones(selected)

    # -- themes (worker) ----------------------------------------------------------------------
    def compute_themes(self) -> None:
        """Compute the theme layers in the background; the window stays usable."""
        if self.project is None:
            return
        from ..core.pipeline import compute_themes

        self.cancel_work()
        year = self.year_box.currentData()
        worker = Worker(compute_themes, self.project, year, self.analysis_settings)
        worker.signals.progress.connect(self._on_progress)
        worker.signals.finished.connect(lambda res, w=worker: self._on_themes(res, w))
        worker.signals.failed.connect(lambda msg, w=worker: self._on_work_failed(msg, w))
        worker.signals.cancelled.connect(lambda w=worker: self._on_work_done(w, self.tr("Avbrutt")))
        self._worker = worker
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage(self.tr("Beregner temaer (grønt, kollektiv, boliger, indeks, klynger) …"))
        worker.start()

    def cancel_work(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None
        self.progress.hide()
        self.cancel_button.hide()

    def _on_progress(self, label: str, frac: float) -> None:
        self.progress.setValue(round(frac * 100))
        names = {"green": "grøntdekning", "housing": "kommunale boliger", "transit": "kollektivtilgang",
                 "index": "indeks og belastninger", "clusters": "klynger (999 permutasjoner)", "done": "ferdig"}
        self.progress.setFormat(self.tr("{what} – %p%").format(what=names.get(label, label)))

    def _on_work_done(self, worker: Worker, message: str = "") -> None:
        if worker is not self._worker:
            return
        self._worker = None
        self.progress.hide()
        self.cancel_button.hide()
        if message:
            self.statusBar().showMessage(message, 5000)

    def _on_work_failed(self, message: str, worker: Worker) -> None:
        if worker is not self._worker:
            return
        self._on_work_done(worker)
        self.progress.setRange(0, 100)
        self.show_error(self.tr("Beregningen feilet"), message)

    def _on_themes(self, res, worker: Worker) -> None:
        if worker is not self._worker:  # a stale run (cancelled, or another project)
            return
        self._on_work_done(worker)
        if res.zone_table.year != (self.zone_table.year if self.zone_table else None):
            return
        self.themes = res
        self.zone_table = res.zone_table
        self._refresh_lists()
        self.set_column(self.column)
        summary = res.cluster_summary(ui_lang())
        text = self.tr("Temaer beregnet.")
        if res.errors:
            text += " " + self.tr("Ikke beregnet: {x}").format(x="; ".join(f"{k}: {v}" for k, v in res.errors.items()))
        self.statusBar().showMessage(text, 10000)
        if summary:
            self.identify.title.setToolTip(summary)
        self.cluster_panel.set_result(res)
        self.moran.set_result(res)
        self.targeting.set_themes(self.project, res)
        self.dashboard.set_project(self.project, res)
        if getattr(self, "plan_dialog", None) is not None:
            self.plan_dialog.set_themes(res)
        self._histogram_stale = True
        self._sync_histogram()
        self.themesReady.emit(res)

    # -- map ----------------------------------------------------------------------------------
    def _context_layers(self) -> dict:
        p = self.project
        return {r: p.layer(r) for r in CONTEXT_ROLES if p.layer(r) is not None}

    def _shown_values(self):
        """The values drawn: the column, or its change since the chosen year."""
        if self.change_since is None or self.column is None:
            return None
        info = self.zone_table.info.get(self.column)
        if info is None or info.kind not in ("rate", "count", "measure"):
            return None
        try:
            earlier = self.project.zone_table(self.change_since)
        except UngtloftError:
            return None
        if self.column not in earlier.gdf.columns:
            return None
        return self.zone_table.change_since(earlier, self.column)

    def _draw_map(self) -> None:
        if self.zone_table is None or self.column is None:
            return
        c = self.classification
        try:
            zm = build_zone_map(self.zone_table, self.column, values=self._shown_values(), scheme=c["scheme"],
                                k=c["k"], bins=c["bins"], context=self._context_layers(),
                                visible_context=tuple(self.layer_panel.visible_context() or ("water", "boundary")),
                                lang=self.lang)
        except UngtloftError as err:
            self.classify_panel.show_error(str(err))
            return
        self._update_definition()
        self.map_view.show_map(zm)

    def _restyle(self) -> None:
        if self.zone_table is None or self.column is None:
            return
        if not self.map_view.ready:
            self._draw_map()
            return
        c = self.classification
        try:
            script, _ = restyle_script(self.zone_table, self.column, values=self._shown_values(),
                                       scheme=c["scheme"], k=c["k"], bins=c["bins"], lang=self.lang)
        except UngtloftError as err:
            self.classify_panel.show_error(str(err))
            return
        self.classify_panel.show_error("")
        self.map_view.run_js(script)

    def set_column(self, column: str) -> None:
        """Show ``column`` on the map (a re-style, not a page reload)."""
        if self.zone_table is None or column not in self.zone_table.gdf.columns:
            return
        self.column = column
        cols = self.zone_table.theme_columns()
        if column in cols and self.indicator_box.currentIndex() != cols.index(column):
            self.indicator_box.blockSignals(True)
            self.indicator_box.setCurrentIndex(cols.index(column))
            self.indicator_box.blockSignals(False)
        for a in self._indicator_group.actions():
            a.setChecked(a.data() == column)
        if self.layer_panel.current_theme() != column:
            self.layer_panel.set_current_theme(column)
        self.mark_dirty()
        self._update_definition()
        self._restyle()
        self._histogram_stale = True
        self._sync_histogram()

    def _sync_histogram(self) -> None:
        """Redraw the histogram for the shown column and classes, if its tab is visible."""
        if not self._histogram_stale or self.zone_table is None:
            return
        if self.tabs.currentWidget() is not self._charts and self.isVisible():
            return
        self._histogram_stale = False
        self.histogram.set_classification(self.classification)
        self.histogram.set_data(self.zone_table, self.column)

    def set_analysis_settings(self, settings) -> None:
        """New index/cluster choices from the panel: recompute the themes in the background."""
        self.analysis_settings = settings
        self.mark_dirty()
        self.compute_themes()

    def set_classification(self, settings: dict) -> None:
        self.classification = dict(settings)
        self._histogram_stale = True
        self._sync_histogram()
        self.mark_dirty()
        self._restyle()

    def _update_definition(self) -> None:
        info = self.zone_table.info.get(self.column) if self.zone_table else None
        if info is None:
            self.definition_label.clear()
            return
        text = f"<b>{info.label(self.lang)}</b> – {info.definition(self.lang)}"
        if info.kind in ("rate", "measure"):
            muni = self.zone_table.municipal_value(self.column)
            text += "<br>" + self.tr("Kommunen: {v} {u}").format(v=format_number(muni), u=info.unit)
        if self.change_since is not None and info.kind in ("rate", "count", "measure"):
            unit = self.tr("prosentpoeng") if info.unit == "%" else info.unit
            text += "<br>" + self.tr("Kartet viser endring fra {a} til {b} ({u}).").format(
                a=self.change_since, b=self.zone_table.year, u=unit)
        self.definition_label.setText(text)

    def _on_indicator_changed(self, index: int) -> None:
        col = self.indicator_box.itemData(index)
        if col:
            self.set_column(col)

    def _on_year_changed(self, index: int) -> None:
        year = self.year_box.itemData(index)
        if self.project is None or year is None:
            return
        try:
            zt = self.project.zone_table(int(year))
        except UngtloftError as err:
            self.show_error(self.tr("Kunne ikke bytte år"), str(err))
            return
        self.zone_table = zt
        self.themes = None
        self._refresh_lists()
        self.set_column(self.column)
        self.identify.show_zone(self.zone_table, self.identify.zone_id)
        if self.compute_themes_on_load:
            self.compute_themes()

    def _on_since_changed(self, index: int) -> None:
        self.change_since = self.since_box.itemData(index)
        self._update_definition()
        self._restyle()

    def _on_order(self, names: list) -> None:
        import json

        if self.map_view.ready:
            self.map_view.run_js(f"ungtloft.setOrder({json.dumps(names)});")

    def _on_map_loaded(self, ok: bool) -> None:
        if ok and self.t_first_map is None:
            self.t_first_map = time.perf_counter()
        if ok:
            self.map_view.select(self.selected_zone_ids())
            if self.notes:
                self.show_notes_layer()

    # -- selection (linked both ways) ---------------------------------------------------------
    def selected_zone_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(r, ZONE_ID_ROLE) for r in rows]

    def select_zones(self, zone_ids: list[str]) -> None:
        """Select zones in the table (which highlights them on the map)."""
        sm = self.table.selectionModel()
        self._selecting = True
        try:
            sm.clearSelection()
            first = None
            for zid in zone_ids:
                try:
                    src = self.model.index(self.model.row_of(zid), 0)
                except KeyError:
                    continue
                idx = self.proxy.mapFromSource(src)
                if idx.isValid():
                    sm.select(idx, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
                    first = first or idx
            if first is not None:
                self.table.scrollTo(first)
        finally:
            self._selecting = False
        self._after_selection()

    def _after_selection(self) -> None:
        ids = self.selected_zone_ids()
        self.map_view.select(ids)
        for view in (self.moran, self.histogram):
            view.set_selection(ids)
        self.cluster_panel.set_current_zone(ids[-1] if ids else None)
        self.targeting.set_selection(ids)
        self.dashboard.set_selection(ids)
        self.notes_panel.set_current_zone(ids[-1] if ids else None)
        if self.only_selected.isChecked():
            self.proxy.set_only(set(ids))
        if ids:
            self.identify.show_zone(self.zone_table, ids[-1])

    def _on_table_selection(self, *_args) -> None:
        if not self._selecting:
            self._after_selection()
        self.mark_dirty()

    def _on_only_selected(self, on: bool) -> None:
        self.proxy.set_only(set(self.selected_zone_ids()) if on else None)

    def _on_map_click(self, zone_id: str, shift: bool) -> None:
        ids = self.selected_zone_ids()
        if shift:
            ids = [i for i in ids if i != zone_id] if zone_id in ids else ids + [zone_id]
        else:
            ids = [zone_id]
        self.select_zones(ids)
        self.identify.show_zone(self.zone_table, zone_id)

    # -- projects -----------------------------------------------------------------------------
    def mark_dirty(self, dirty: bool = True) -> None:
        if self.project is None or self._dirty == dirty:
            return
        self._dirty = dirty
        self._update_title()

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _update_title(self) -> None:
        if self.project is None:
            return
        name = self.project_path.stem if self.project_path else self.project.name
        self.setWindowTitle(f"{'*' if self._dirty else ''}{name} – UngtLøft Map")

    def window_settings(self) -> dict:
        """Everything a project file keeps about the view (JSON-serialisable)."""
        panel = self.layer_panel
        return {
            "column": self.column,
            "classification": dict(self.classification),
            "year": self.year_box.currentData(),
            "since": self.change_since,
            "layers": {"visible": sorted(panel.visible_context()), "order": panel.context_order(),
                       "opacity": dict(panel._opacities)},
            "selection": self.selected_zone_ids(),
            "analysis": asdict(self.analysis_settings),
        }

    def apply_settings(self, settings: dict) -> None:
        """Restore a view saved by :meth:`window_settings` (unknown keys are ignored)."""
        from ..core.pipeline import AnalysisSettings

        analysis = settings.get("analysis")
        if isinstance(analysis, dict):
            known = {k: v for k, v in analysis.items() if k in AnalysisSettings.__dataclass_fields__}
            self.analysis_settings = AnalysisSettings(**known)
            if self.compute_themes_on_load:
                self.compute_themes()
        year = settings.get("year")
        if year is not None and self.year_box.findData(year) >= 0:
            self.year_box.setCurrentIndex(self.year_box.findData(year))
        c = settings.get("classification")
        if isinstance(c, dict) and c.get("scheme"):
            self.classification = {"scheme": c["scheme"], "k": int(c.get("k", 5)), "bins": c.get("bins")}
            self.classify_panel.set_settings(self.classification["scheme"], self.classification["k"],
                                             self.classification["bins"])
        since = settings.get("since")
        self.since_box.setCurrentIndex(max(0, self.since_box.findData(since)) if since is not None else 0)
        layers = settings.get("layers") or {}
        visible = set(layers.get("visible") or [])
        for name in self.layer_panel.context_order():
            item = self.layer_panel.context_item(name)
            if item is not None and visible:
                item.setCheckState(0, Qt.CheckState.Checked if name in visible else Qt.CheckState.Unchecked)
        self.layer_panel._opacities.update({k: float(v) for k, v in (layers.get("opacity") or {}).items()})
        column = settings.get("column")
        if column:
            self.set_column(column)
        self.select_zones(list(settings.get("selection") or []))
        self.mark_dirty(False)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Åpne prosjekt"), "",
                                              self.tr("UngtLøft Map-prosjekt (*.ulmap)"))
        if path:
            self.open_project(Path(path))

    def open_project(self, path: Path) -> bool:
        from ..core.projectfile import load_project

        if not self.maybe_save():
            return False
        try:
            state = load_project(path)
        except UngtloftError as err:
            self.show_error(self.tr("Kunne ikke åpne prosjektet"), str(err))
            return False
        if not self.load_project(Path(state.dataset)):
            return False
        self.project_path = Path(path)
        self.copy_data = state.copy_data
        self.notes = list(state.notes)
        self.targeting.notes = list(self.notes)
        self.notes_panel.set_project(self.project, self.notes)
        self.apply_settings(state.settings)
        self._add_recent(self.project_path)
        self._update_title()
        return True

    def save_project(self) -> bool:
        if self.project_path is None:
            return self.save_project_as()
        return self.save_project_to(self.project_path, getattr(self, "copy_data", False))

    def save_project_as(self) -> bool:
        if self.project is None:
            return False
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lagre prosjekt"), "",
                                              self.tr("UngtLøft Map-prosjekt (*.ulmap)"))
        if not path:
            return False
        copy = ask(self, self.tr("Data i prosjektet"),
                   self.tr("Skal dataene kopieres inn i prosjektet, eller bare refereres til der de ligger?"),
                   {QMessageBox.StandardButton.Yes: self.tr("Kopier dataene"),
                    QMessageBox.StandardButton.No: self.tr("Referer til dataene")}) == QMessageBox.StandardButton.Yes
        return self.save_project_to(Path(path), copy)

    def save_project_to(self, path: Path, copy_data: bool = False) -> bool:
        """Save the project (data reference or copy + every setting) atomically."""
        from ..core.projectfile import ProjectState, save_project

        if self.project is None:
            return False
        state = ProjectState(str(self.project.root), copy_data, self.window_settings(), list(self.notes))
        try:
            saved = save_project(state, path)
        except UngtloftError as err:
            self.show_error(self.tr("Kunne ikke lagre prosjektet"), str(err))
            return False
        self.project_path = saved
        self.copy_data = copy_data
        self._add_recent(saved)
        self.mark_dirty(False)
        self._update_title()
        self.statusBar().showMessage(self.tr("Prosjektet er lagret: {p}").format(p=saved), 6000)
        return True

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False when the user cancels."""
        if not self._dirty or not self.ask_to_save:
            return True
        answer = ask(self, self.tr("Ulagrede endringer"),
                     self.tr("Prosjektet har endringer som ikke er lagret. Lagre dem?"),
                     {QMessageBox.StandardButton.Save: self.tr("Lagre"),
                      QMessageBox.StandardButton.Discard: self.tr("Ikke lagre"),
                      QMessageBox.StandardButton.Cancel: self.tr("Avbryt")})
        if answer == QMessageBox.StandardButton.Save:
            return self.save_project()
        if answer == QMessageBox.StandardButton.Discard:
            self._dirty = False
            return True
        return False

    def _recent(self) -> list[str]:
        value = QSettings("UngtLoft", "UngtLoftMap").value("recentProjects", [])
        return [str(v) for v in (value if isinstance(value, list) else [value] if value else [])]

    def _add_recent(self, path: Path) -> None:
        items = [str(path)] + [p for p in self._recent() if p != str(path)]
        QSettings("UngtLoft", "UngtLoftMap").setValue("recentProjects", items[:8])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        for p in self._recent():
            act = self.menu_recent.addAction(Path(p).name)
            act.setToolTip(p)
            act.triggered.connect(lambda _=False, path=p: self.open_project(Path(path)))
        self.menu_recent.setEnabled(bool(self.menu_recent.actions()))

    # -- exports ------------------------------------------------------------------------------
    def export_dialog(self, kind: str) -> None:
        if self.zone_table is None:
            return
        filters = {"html": self.tr("Nettkart (*.html)"), "png": self.tr("PNG-bilde (*.png)"),
                   "zones": self.tr("GeoPackage (*.gpkg);;CSV (*.csv);;Excel (*.xlsx)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Eksporter"), "", filters[kind])
        if not path:
            return
        size = None
        if kind == "png":
            from PySide6.QtWidgets import QInputDialog

            text, ok = QInputDialog.getText(self, self.tr("Bildestørrelse"), self.tr("Bredde × høyde i piksler:"),
                                            text=f"{self.png_size[0]}x{self.png_size[1]}")
            if not ok:
                return
            try:
                w, h = (int(v) for v in text.lower().replace("×", "x").split("x"))
            except ValueError:
                self.show_error(self.tr("Eksporten feilet"), self.tr("Skriv størrelsen som 2000x1500."))
                return
            size = self.png_size = (w, h)
        self.export_in_background(kind, Path(path), size)

    png_size = (2000, 1500)

    def _export_job(self, kind: str, path: Path, size: tuple[int, int] | None = None):
        """A callable that writes the export; it holds its own references, so it can run in a worker."""
        from ..core.export import export_zones
        from ..maps.export import export_png, export_web_map

        zt, column, c = self.zone_table, self.column, dict(self.classification)
        context, lang, catalogue = self._context_layers(), self.lang, self.project.catalogue
        size = size or self.png_size

        def job(progress=None):
            if kind == "html":
                export_web_map(zt, column, path, context=context, lang=lang, **c)
            elif kind == "png":
                export_png(zt, column, path, size=size, context=context, lang=lang, **c)
            else:
                export_zones(zt, path, catalogue=catalogue, lang=lang)
            return path

        return job

    def export_to(self, kind: str, path: Path, size: tuple[int, int] | None = None) -> Path | None:
        """Export the shown map or the zone table to ``path`` now (suppression applied)."""
        try:
            self._export_job(kind, path, size)()
        except UngtloftError as err:
            self.show_error(self.tr("Eksporten feilet"), str(err))
            return None
        self.statusBar().showMessage(self.tr("Lagret {p}").format(p=path), 8000)
        return path

    def export_in_background(self, kind: str, path: Path, size: tuple[int, int] | None = None) -> Worker:
        """The same export in a worker: the window stays responsive while a large file is written."""
        worker = Worker(self._export_job(kind, path, size))
        worker.signals.finished.connect(
            lambda p: self.statusBar().showMessage(self.tr("Lagret {p}").format(p=p), 8000))
        worker.signals.failed.connect(lambda msg: self.show_error(self.tr("Eksporten feilet"), msg))
        self._exports = [w for w in getattr(self, "_exports", []) if not w.wait(0)] + [worker]
        self.statusBar().showMessage(self.tr("Eksporterer til {p} …").format(p=path))
        return worker.start()

    # -- misc ---------------------------------------------------------------------------------
    def show_error(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.open()
        self.last_error = text

    def show_warnings(self) -> None:
        warnings = [str(w) for w in (self.project.warnings if self.project else [])]
        if self.themes is not None:
            warnings += [str(w) for w in self.themes.warnings]
        QMessageBox.information(self, self.tr("Advarsler"), "\n".join(warnings) or self.tr("Ingen advarsler."))

    @property
    def lang(self) -> str:
        from .i18n import current_language

        return current_language()

    def choose_language(self, code: str) -> None:
        from .i18n import set_language

        set_language(code)
        QMessageBox.information(self, self.tr("Språk"),
                                self.tr("Språket byttes neste gang UngtLøft Map startes."))

    def pick_isochrone_point(self) -> None:
        """Analyse → Isokroner: the next click on the map is the starting point."""
        if self.project is None or self.project.gtfs_path is None:
            self.show_error(self.tr("Isokroner"), self.tr("Datasettet har ingen rutetabell (GTFS)."))
            return
        self.statusBar().showMessage(self.tr("Klikk i kartet der reisen starter (Esc avbryter)."))
        self.map_view.run_js("ungtloft.pickPoint();")

    def compute_isochrone(self, lon: float, lat: float) -> None:
        """15/30/45-minute transit + walk reach from (lon, lat), in the background."""
        from ..core.analysis.transit.isochrone import isochrones
        from ..core.pipeline import transit_network

        project, settings = self.project, self.analysis_settings

        def job(progress):
            progress("transit", 0.2)
            net = transit_network(project, settings)
            progress("isochrone", 0.6)
            return isochrones(net, (lon, lat), (15, 30, 45), crs=4326)

        worker = Worker(job)
        worker.signals.finished.connect(lambda res, w=worker: self._on_isochrone(res, w))
        worker.signals.failed.connect(lambda msg, w=worker: self._on_work_failed(msg, w))
        worker.signals.progress.connect(self._on_progress)
        self.cancel_work()
        self._worker = worker
        self.progress.show()
        self.cancel_button.show()
        worker.start()

    def _on_isochrone(self, res, worker) -> None:
        if worker is not self._worker:
            return
        self._on_work_done(worker)
        colors = {15: "#1a9850", 30: "#fee08b", 45: "#d73027"}
        polys = res.polygons.to_crs(4326).copy()
        polys["_style"] = [{"color": colors.get(int(m), "#555555"), "weight": 1.5,
                            "fillColor": colors.get(int(m), "#999999"), "fillOpacity": 0.25} for m in polys["minutes"]]
        polys["label"] = [self.tr("{m} min: {a} km²").format(m=int(m), a=format_number(a))
                          for m, a in zip(polys["minutes"], polys["area_km2"])]
        self.map_view.set_overlay("isochrones", polys.to_json(), None, "label")
        self.last_isochrone = res
        self.statusBar().showMessage(self.tr("Isokroner for {d}, avganger {w}: {t}").format(
            d=res.date, w=res.window, t="; ".join(polys["label"])), 15000)

    def show_green_gap(self, on: bool) -> None:
        """The populated 250 m cells without green coverage (from the computed themes)."""
        gap = getattr(getattr(self.themes, "green", None), "gap", None)
        if not on or gap is None or len(gap) == 0:
            self.map_view.set_overlay("green_gap", None)
            if on:
                self.statusBar().showMessage(self.tr("Temaene er ikke beregnet ennå."), 5000)
            return
        cells = gap[[gap.geometry.name, "population"]].to_crs(4326)
        # Cells of 1–4 residents are drawn but their count is not shown (small-number rule).
        cells["label"] = [self.tr("{n} bosatte uten grøntområde i nærheten").format(n=int(p)) if p >= 5 else "–"
                          for p in cells["population"]]
        style = {"color": "#7f2704", "weight": 0.5, "fillColor": "#fd8d3c", "fillOpacity": 0.55}
        self.map_view.set_overlay("green_gap", cells.drop(columns="population").to_json(), style, "label")

    def _show_dock(self, key: str) -> None:
        dock = self.panel_docks[key]
        dock.show()
        dock.raise_()

    def open_plan_dialog(self) -> None:
        """Analyse → Vurder reguleringsplan: the dialog, linked to the map for drawing and outlining."""
        import json

        from .plan_dialog import PlanDialog, draw_script

        if self.project is None:
            return
        if getattr(self, "plan_dialog", None) is None or self.plan_dialog.project is not self.project:
            dlg = PlanDialog(self.project, self.themes, self)
            dlg.lang = self.lang
            dlg.drawRequested.connect(lambda: self.map_view.run_js(draw_script()))
            self.map_view.polygonDrawn.connect(lambda text, d=dlg: d.set_drawn_polygon(json.loads(text)))
            dlg.planAssessed.connect(self._show_plan)
            self.plan_dialog = dlg
        self.plan_dialog.notes = list(self.notes)
        self.plan_dialog.show()
        self.plan_dialog.raise_()

    def _show_plan(self, assessment) -> None:
        """Outline the assessed plan and its buffer on the map."""
        import geopandas as gpd

        from ..core.crs import ANALYSIS_CRS, WEB_CRS

        plan = gpd.GeoSeries([assessment.geometry], crs=ANALYSIS_CRS).to_crs(WEB_CRS)
        buffer = gpd.GeoSeries([assessment.buffer], crs=ANALYSIS_CRS).to_crs(WEB_CRS)
        self.map_view.run_js(f"ungtloft.showPlan({plan.to_json()}, {buffer.to_json()});")

    def show_guide(self) -> None:
        from .help_dialog import HelpDialog

        self._guide = HelpDialog(self)
        self._guide.show()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Om UngtLøft Map"),
            self.tr(
                "<h3>UngtLøft Map {v}</h3><p>Planverktøy for UNGT LØFT, Trondheim kommune: levekår, "
                "grøntstruktur, kollektivtilgang og kommunale boliger per levekårssone.</p>"
                "<p>Demodataene er en <b>fiktiv kommune</b> laget av programmets egen generator.</p>"
                "<p>Kart: Leaflet (BSD-2), folium (MIT). Analyse: geopandas, shapely, pyproj (BSD/MIT), "
                "PySAL esda/libpysal (BSD-3), mapclassify (BSD-3). Grensesnitt: Qt for Python (LGPLv3).</p>"
            ).format(v=__version__),
        )

    def _restore_geometry(self) -> None:
        s = QSettings("UngtLoft", "UngtLoftMap")
        geo = s.value("window/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        state = s.value("window/state")
        # A state saved by a layout with other docks would scatter the new ones: only restore a
        # state of this layout version.
        if state is not None and s.value("window/layout") == LAYOUT_VERSION:
            self.restoreState(state, LAYOUT_VERSION)
        split = s.value("window/splitter")
        if split is not None:
            self.splitter.restoreState(split)
        sizes = self.splitter.sizes()
        # A state saved by an older layout can collapse the map: the map always gets room.
        if not sizes or sizes[0] < 300:
            self.splitter.setSizes([900, 600])

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt)
        if not self.maybe_save():
            event.ignore()
            return
        self.cancel_work()
        s = QSettings("UngtLoft", "UngtLoftMap")
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(LAYOUT_VERSION))
        s.setValue("window/layout", LAYOUT_VERSION)
        s.setValue("window/splitter", self.splitter.saveState())
        super().closeEvent(event)
        self.map_view.shutdown()


def ask(parent, title: str, text: str, buttons: dict) -> QMessageBox.StandardButton:
    """A question with translated button texts (Qt ships no bokmål translation of its own)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    for button, label in buttons.items():
        box.addButton(button).setText(label)
    box.exec()
    return box.standardButton(box.clickedButton())


def start_loading(window: MainWindow, folder: Path | None) -> None:
    """Load after the window is shown, off the GUI thread, so the user sees it at once."""
    QTimer.singleShot(0, lambda: window.load_project_in_background(folder))
