"""The main window: map, layer panel, zone table, identify and classification, menus, status bar.

The window never computes: it is a view of a :class:`~ungtloft_map.core.session.Session` (the
project, its :class:`ZoneTable`, the column, year, classes, notes ...; see
:mod:`.session_view`), asks the core for the theme layers (:func:`compute_themes`, in a worker
with progress and cancel), asks :mod:`ungtloft_map.maps` for the page, and shows them.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import UngtloftError
from ..core.project import FICTIONAL_LABEL_EN, FICTIONAL_LABEL_NB, Project
from ..core.text import format_value
from ..maps.zonemap import build_zone_map, restyle_script
from .basemap_settings import BasemapMixin
from .classification_panel import ClassificationPanel
from .export_actions import ExportActionsMixin
from .i18n import ui_lang
from .identify_panel import IdentifyPanel
from .layer_panel import LayerPanel
from .map_toolbar import MapToolbarMixin
from .map_view import MapView
from .menus import MenusMixin
from .overlays import OverlaysMixin
from .project_actions import ProjectActionsMixin, ask  # noqa: F401 (ask: re-exported)
from .session_view import SessionViewMixin
from .theme_actions import DEFERRED_AT_THE_LATEST_MS, ThemeActionsMixin
from .window_docks import DOCK_WIDTH, LAYOUT_VERSION, DocksMixin  # noqa: F401 (re-exported)
from .workers import Worker
from .zone_table_model import ZONE_ID_ROLE, ZoneFilterProxy, ZoneTableModel

CONTEXT_ROLES = ("water", "boundary", "green_areas", "roads", "districts", "buildings")
# The quiet vector background shown until the user chooses otherwise in the layer panel.
DEFAULT_VISIBLE = ("water", "boundary", "roads", "districts", "buildings")


class MainWindow(SessionViewMixin, DocksMixin, ThemeActionsMixin, BasemapMixin, MapToolbarMixin, MenusMixin,
                 ProjectActionsMixin, OverlaysMixin, ExportActionsMixin, QMainWindow):
    """UngtLøft Map's main window.

    Signals
    -------
    projectLoaded(object)
        A project was loaded (the :class:`Project`).
    themesReady(object)
        The theme layers were computed (the :class:`ThemeResults`).
    themeLayersArrived(list)
        Columns of theme layers that arrived while the rest are still being computed.
    """

    projectLoaded = Signal(object)
    themesReady = Signal(object)
    themeLayersArrived = Signal(list)
    _partial_themes = Signal(object, object)  # (worker, ZoneTable so far), from the worker thread

    def __init__(self, parent=None, *, compute_themes_on_load: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("UngtLøft Map"))
        # project, zone table, column, classes, since, analysis settings, notes, project file:
        # the session's (see session_view); core.pipeline is imported on first use of the
        # analysis settings, after the first map is painted.
        self._init_session()
        self.themes = None
        self.t_first_map: float | None = None
        self.compute_themes_on_load = compute_themes_on_load
        self._worker: Worker | None = None
        self._selecting = False
        self.last_error = ""
        self.ask_to_save = True  # tests and batch use turn the close question off
        self._page_pending = False
        self._deferred_jobs = False
        self._partial_themes.connect(self._on_partial_themes)

        self.map_view = MapView(self)
        self.map_view.zoneClicked.connect(self._on_map_click)
        self.map_view.mapLoaded.connect(self._on_map_loaded)
        self.map_view.pointPicked.connect(self.compute_isochrone)
        # The map is the hero: the central widget is the map alone; every panel is a dock.
        self.setCentralWidget(self.map_view)

        self._build_side()
        self.layer_panel = LayerPanel(self)
        self.layer_panel.themeChosen.connect(self.set_column)
        self.layer_panel.contextChanged.connect(lambda n, v, o: self.map_view.set_layer(n, v, o))
        self.layer_panel.zoneOpacityChanged.connect(lambda o: self.map_view.set_layer("zones", True, o))
        self.layer_panel.orderChanged.connect(self._on_order)
        for sig in (self.layer_panel.contextChanged, self.layer_panel.zoneOpacityChanged, self.layer_panel.orderChanged):
            sig.connect(lambda *_: self._layers_to_session())
        self.setDockNestingEnabled(True)
        self.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.East)
        self.zone_dock = self._add_dock("zoneDock", self.tr("Soner"), self.side)
        self.layer_dock = self._add_dock("layerDock", self.tr("Kartlag"), self.layer_panel)
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
        self.not_computed_label = QLabel()
        self.not_computed_label.setObjectName("notComputedLabel")
        self.statusBar().addPermanentWidget(self.not_computed_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.statusBar().addPermanentWidget(self.fiction_label)
        self._make_view_actions()
        self._build_menus()
        self._build_toolbar()
        self.resize(1366, 768)
        self._restore_geometry()

    def _on_ranking(self, scores) -> None:
        """The ranking panel's live score becomes a theme layer the map can show.

        It is a column derived in this session: the view's table gets it, the shared zone
        table (the panels', the exporter's) never does, so an export holds what the user chose
        and not the history of a weight slider.
        """
        from ..core.zonetable import ColumnInfo

        if self.session.zone_table is None or scores is None:
            return
        new = self.session.set_derived(scores, ColumnInfo(
            "target_score", self.tr("Rangering med egne vekter"), "Ranking with own weights", "",
            kind="score", direction="high_is_bad",
            definition_nb=self.tr("Sammensatt indeks med vektene i Områdesatsing-panelet; høyere = mer belastet."),
            definition_en="Composite index with the weights of the area-based initiative panel; higher = more disadvantaged."))
        if new:
            self._refresh_lists()
        if self.column == "target_score":
            self._restyle()



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

        self.definition_label = QLabel()
        self.definition_label.setWordWrap(True)
        self.definition_label.setObjectName("definitionLabel")

        table_page = QWidget()
        tl = QVBoxLayout(table_page)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.filter_edit)
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
        from .cluster_view import ClusterPanel

        self.cluster_panel = ClusterPanel()
        self.cluster_panel.settingsChanged.connect(self.set_analysis_settings)
        self.cluster_panel.selectionChanged.connect(self.select_zones)
        self._moran = self._histogram = self._dashboard = self._targeting = None
        charts = QSplitter(Qt.Orientation.Vertical)  # the Moran scatter and histogram (ensure_panels)
        self.tabs.addTab(self.cluster_panel, self.tr("Indeks og klynger"))
        self.tabs.addTab(charts, self.tr("Diagrammer"))
        self._charts = charts
        self._histogram_stale = False
        # Drawing the histogram costs a matplotlib render: only when it can be seen.
        self.tabs.currentChanged.connect(
            lambda _i: self.ensure_panels() if self.tabs.currentWidget() is self._charts else None)
        self.tabs.currentChanged.connect(lambda _i: self._sync_histogram())

        self.side = QWidget()
        lay = QVBoxLayout(self.side)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.definition_label)
        lay.addWidget(self.tabs, 1)



    # -- loading ------------------------------------------------------------------------------


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
            self._compute_themes_after_paint()
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
            self._compute_themes_after_paint()

    def set_project(self, project: Project, zt) -> None:
        # the session starts over: latest year, no since, no selection or notes, not dirty
        self.session.set_project(project, zt)
        self._search_index = None
        self.not_computed_label.setText("")
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
        self.year_box.setCurrentIndex(self.year_box.findData(zt.year))
        for box in (self.year_box, self.since_box):
            box.blockSignals(False)
        # The page first: Chromium builds and paints it in its own process while this thread
        # fills the lists and the table.
        self._draw_map()
        self._refresh_lists()
        n_warn = len(project.warnings)
        msg = self.tr("{n} soner lastet fra {name}").format(n=len(zt), name=project.name)
        if n_warn:
            msg += self.tr(" – {n} advarsler (Hjelp → Vis advarsler)").format(n=n_warn)
        self.statusBar().showMessage(msg)
        self._update_title()
        self.notes_panel.set_project(project, [])
        self._column_is_default = True  # until the user picks one (see ThemeActionsMixin._on_themes)
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
        missing = self.not_computed_lines()
        if missing:  # listed after the themes, greyed out: what the data could not give, and why
            self.indicator_box.insertSeparator(self.indicator_box.count())
            for line in missing:
                self.indicator_box.addItem(line, None)
                item = self.indicator_box.model().item(self.indicator_box.count() - 1)
                item.setEnabled(False)
                item.setToolTip(line)
        if self.column in cols:
            self.indicator_box.setCurrentIndex(cols.index(self.column))
        self.indicator_box.blockSignals(False)
        context = [r for r in CONTEXT_ROLES if self.project.layer(r) is not None]
        visible = self.layer_panel.visible_context() or set(DEFAULT_VISIBLE)
        self.layer_panel.set_layers(zt, context, visible, self.column)
        selected = self.selected_zone_ids()
        self.model.set_zone_table(zt)
        self._fit_table_columns()
        if selected:
            self.select_zones(selected)

    def _fit_table_columns(self) -> None:
        """Column widths from the header and the first rows (measuring every cell of a large
        table costs the first map a noticeable fraction of a second)."""
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(12)
        self.table.resizeColumnsToContents()
        for i in range(header.count()):  # long indicator names: the full name is in the tooltip
            header.resizeSection(i, min(header.sectionSize(i), 170))


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
        basemap, spec = self.basemap_for_page()
        try:
            zm = build_zone_map(self.zone_table, self.column, values=self._shown_values(), scheme=c["scheme"],
                                k=c["k"], bins=c["bins"],
                                context=self._context_layers() if basemap.vector_context else {},
                                visible_context=tuple(self.layer_panel.visible_context() or DEFAULT_VISIBLE),
                                lang=self.lang, basemap=spec)
        except UngtloftError as err:
            self.classify_panel.show_error(str(err))
            return
        self._update_definition()
        self._page_pending = True
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
        if column != self.column:
            self._column_is_default = False
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
        if not self._histogram_stale or self.zone_table is None or self._histogram is None:
            return
        if self.tabs.currentWidget() is not self._charts and self.isVisible():
            return
        self._histogram_stale = False
        self.histogram.set_classification(self.classification)
        self.histogram.set_data(self.zone_table, self.column)

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
            text += "<br>" + self.tr("Kommunen: {v} {u}").format(
                v=format_value(muni, info.unit, self.lang, kind=info.kind, with_unit=False), u=info.unit)
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
            self.session.set_year(int(year))  # that year's table; the session's derived columns go
        except UngtloftError as err:
            self.show_error(self.tr("Kunne ikke bytte år"), str(err))
            return
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
        if self._page_pending:
            self._page_pending = False
            if ok:
                self.map_view.fit_all()
            # Then the themes; the heavy panels and the search index after them (they would take
            # the interpreter from the theme computation), or when first used.
            self._deferred_jobs = True
            if getattr(self, "_themes_pending", False):
                QTimer.singleShot(0, self._start_pending_themes)
                QTimer.singleShot(DEFERRED_AT_THE_LATEST_MS, self._run_deferred_jobs)
            else:
                QTimer.singleShot(0, self._run_deferred_jobs)
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
        for view in (self._moran, self._histogram):
            if view is not None:
                view.set_selection(ids)
        self.cluster_panel.set_current_zone(ids[-1] if ids else None)
        if self._targeting is not None:
            self._targeting.set_selection(ids)
        if self._dashboard is not None:
            self._dashboard.set_selection(ids)
        self.notes_panel.set_current_zone(ids[-1] if ids else None)
        if self.only_selected.isChecked():
            self.proxy.set_only(set(ids))
        if ids:
            self.identify.show_zone(self.zone_table, ids[-1])

    def _on_table_selection(self, *_args) -> None:
        if not self._selecting:
            self._after_selection()
        self.session.set_selection(self.selected_zone_ids())
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














    # -- exports ------------------------------------------------------------------------------





    # -- misc ---------------------------------------------------------------------------------
    def show_error(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.open()
        self.last_error = text


    @property
    def lang(self) -> str:
        from .i18n import current_language

        return current_language()











    def closeEvent(self, event) -> None:  # noqa: N802 (Qt)
        if not self.maybe_save():
            event.ignore()
            return
        self.cancel_work()
        self.save_layout()
        self._stop_tile_server()
        super().closeEvent(event)
        self.map_view.shutdown()


def start_loading(window: MainWindow, folder: Path | None) -> None:
    """Load after the window is shown, off the GUI thread, so the user sees it at once.

    ``folder`` is a dataset folder, its manifest.json, or a saved project (``.ulmap``, opened
    with its settings and notes); None: the demo.
    """
    from ..core.projectfile import SUFFIX

    if folder is not None and Path(folder).suffix == SUFFIX and not Path(folder).is_dir():
        QTimer.singleShot(0, lambda: window.open_project(Path(folder)))
        return
    QTimer.singleShot(0, lambda: window.load_project_in_background(folder))
