"""The main window: map, zone table, menus (Fil / Vis / Analyse / Hjelp) and status bar.

The window never computes: it holds a :class:`~ungtloft_map.core.project.Project`, asks the
core for a :class:`ZoneTable`, asks :mod:`ungtloft_map.maps` for the page, and shows both.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.errors import UngtloftError
from ..core.project import FICTIONAL_LABEL_NB, Project
from ..maps.zonemap import build_zone_map, restyle_script
from .map_view import MapView
from .zone_table_model import ZONE_ID_ROLE, ZoneFilterProxy, ZoneTableModel

CONTEXT_ROLES = ("water", "boundary", "green_areas", "roads", "districts")


class MainWindow(QMainWindow):
    """UngtLøft Map's main window.

    Signals
    -------
    projectLoaded(object)
        A project was loaded (the :class:`Project`).
    """

    projectLoaded = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("UngtLøft Map"))
        self.project: Project | None = None
        self.zone_table = None
        self.column: str | None = None
        self.t_first_map: float | None = None
        self._selecting = False

        self.map_view = MapView(self)
        self.map_view.zoneClicked.connect(self._on_map_click)
        self.map_view.mapLoaded.connect(self._on_map_loaded)

        self.indicator_box = QComboBox()
        self.indicator_box.setObjectName("indicatorBox")
        self.indicator_box.currentIndexChanged.connect(self._on_indicator_changed)
        self.year_box = QComboBox()
        self.year_box.setObjectName("yearBox")
        self.year_box.currentIndexChanged.connect(self._on_year_changed)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filtrer soner …"))
        self.filter_edit.setClearButtonEnabled(True)

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
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)

        side = QWidget()
        form = QFormLayout()
        form.addRow(self.tr("Indikator:"), self.indicator_box)
        form.addRow(self.tr("År:"), self.year_box)
        form.addRow(self.tr("Søk:"), self.filter_edit)
        lay = QVBoxLayout(side)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(form)
        self.definition_label = QLabel()
        self.definition_label.setWordWrap(True)
        self.definition_label.setObjectName("definitionLabel")
        lay.addWidget(self.definition_label)
        lay.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.map_view)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(self.splitter)

        self.fiction_label = QLabel()
        self.fiction_label.setObjectName("fictionLabel")
        self.fiction_label.setStyleSheet("color: #b30000; font-weight: bold;")
        self.statusBar().addPermanentWidget(self.fiction_label)
        self._build_menus()
        self.resize(1400, 860)
        self._restore_geometry()

    # -- menus --------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.menu_file = mb.addMenu(self.tr("&Fil"))
        self.act_open = QAction(self.tr("&Åpne datasett …"), self)
        self.act_open.setShortcut(QKeySequence.StandardKey.Open)
        self.act_open.triggered.connect(self.open_dataset_dialog)
        self.act_demo = QAction(self.tr("Åpne &demodata (fiktiv kommune)"), self)
        self.act_demo.triggered.connect(lambda: self.load_project(None))
        self.act_quit = QAction(self.tr("&Avslutt"), self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        for a in (self.act_open, self.act_demo):
            self.menu_file.addAction(a)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)

        self.menu_view = mb.addMenu(self.tr("&Vis"))
        self.act_zoom_sel = QAction(self.tr("&Zoom til valgte soner"), self)
        self.act_zoom_sel.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.act_zoom_sel.triggered.connect(lambda: self.map_view.select(self.selected_zone_ids(), zoom=True))
        self.menu_view.addAction(self.act_zoom_sel)
        self.menu_context = self.menu_view.addMenu(self.tr("&Kartlag"))

        self.menu_analysis = mb.addMenu(self.tr("&Analyse"))
        self.menu_indicators = self.menu_analysis.addMenu(self.tr("&Levekårsindikator"))
        self._indicator_group = QActionGroup(self)
        self._indicator_group.setExclusive(True)

        self.menu_help = mb.addMenu(self.tr("&Hjelp"))
        self.act_about = QAction(self.tr("&Om UngtLøft Map"), self)
        self.act_about.triggered.connect(self.show_about)
        self.menu_help.addAction(self.act_about)

    # -- loading ------------------------------------------------------------------------------
    def open_dataset_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Åpne datasett (mappe med manifest.json)"))
        if folder:
            self.load_project(Path(folder))

    def load_project(self, folder: Path | None) -> bool:
        """Load a dataset folder (None: the demo). Errors are shown, the window keeps running."""
        self.statusBar().showMessage(self.tr("Laster data …"))
        try:
            project = Project.demo() if folder is None else Project.load(folder)
            zt = project.zone_table()
        except UngtloftError as err:
            self.statusBar().clearMessage()
            self.show_error(self.tr("Kunne ikke åpne datasettet"), str(err))
            return False
        self.set_project(project, zt)
        return True

    def set_project(self, project: Project, zt) -> None:
        self.project = project
        self.zone_table = zt
        self.fiction_label.setText(FICTIONAL_LABEL_NB if project.fictional else "")
        self.setWindowTitle(f"{project.name} – UngtLøft Map")
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in project.years:
            self.year_box.addItem(str(y), y)
        self.year_box.setCurrentIndex(self.year_box.count() - 1)
        self.year_box.blockSignals(False)
        self._fill_indicators(zt)
        self._fill_context_menu(project)
        self.model.set_zone_table(zt)
        self.table.resizeColumnsToContents()
        n_warn = len(project.warnings)
        msg = self.tr("{n} soner lastet fra {name}").format(n=len(zt), name=project.name)
        if n_warn:
            msg += self.tr(" – {n} advarsler (se Hjelp)").format(n=n_warn)
        self.statusBar().showMessage(msg)
        self._draw_map()
        self.projectLoaded.emit(project)

    def _fill_indicators(self, zt) -> None:
        cols = zt.theme_columns()
        self.indicator_box.blockSignals(True)
        self.indicator_box.clear()
        for a in self._indicator_group.actions():
            self._indicator_group.removeAction(a)
        self.menu_indicators.clear()
        for c in cols:
            label = zt.info[c].label("nb")
            self.indicator_box.addItem(label, c)
            act = QAction(label, self, checkable=True)
            act.setData(c)
            act.triggered.connect(lambda _=False, col=c: self.set_column(col))
            self._indicator_group.addAction(act)
            self.menu_indicators.addAction(act)
        start = self.column if self.column in cols else ("low_income" if "low_income" in cols else (cols[0] if cols else None))
        self.column = start
        if start is not None:
            self.indicator_box.setCurrentIndex(cols.index(start))
            self._indicator_group.actions()[cols.index(start)].setChecked(True)
        self.indicator_box.blockSignals(False)

    def _fill_context_menu(self, project: Project) -> None:
        self.menu_context.clear()
        for role in CONTEXT_ROLES:
            if project.layer(role) is None:
                continue
            act = QAction(_CONTEXT_NAMES.get(role, role), self, checkable=True)
            act.setChecked(role in ("water", "boundary"))
            act.toggled.connect(lambda on, r=role: self.map_view.set_layer(r, on))
            self.menu_context.addAction(act)

    # -- map ----------------------------------------------------------------------------------
    def _context_layers(self) -> dict:
        p = self.project
        return {r: p.layer(r) for r in CONTEXT_ROLES if p.layer(r) is not None}

    def _draw_map(self) -> None:
        if self.zone_table is None or self.column is None:
            return
        zm = build_zone_map(self.zone_table, self.column, context=self._context_layers())
        self._update_definition()
        self.map_view.show_map(zm)

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
        self._update_definition()
        if self.map_view.ready:
            script, _ = restyle_script(self.zone_table, column)
            self.map_view.run_js(script)
        else:
            self._draw_map()

    def _update_definition(self) -> None:
        info = self.zone_table.info.get(self.column) if self.zone_table else None
        if info is None:
            self.definition_label.clear()
            return
        muni = self.zone_table.municipal_value(self.column)
        from ..maps.zonemap import format_number

        self.definition_label.setText(
            f"<b>{info.label('nb')}</b> – {info.definition('nb')}<br>"
            + self.tr("Kommunen: {v} {u}").format(v=format_number(muni), u=info.unit)
        )

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
        selected = self.selected_zone_ids()
        self.model.set_zone_table(zt)
        self.select_zones(selected)
        self.set_column(self.column)

    def _on_map_loaded(self, ok: bool) -> None:
        if ok and self.t_first_map is None:
            self.t_first_map = time.perf_counter()
        if ok:
            self.map_view.select(self.selected_zone_ids())

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
        self.map_view.select(self.selected_zone_ids())

    def _on_table_selection(self, *_args) -> None:
        if not self._selecting:
            self.map_view.select(self.selected_zone_ids())

    def _on_map_click(self, zone_id: str, shift: bool) -> None:
        ids = self.selected_zone_ids()
        if shift:
            ids = [i for i in ids if i != zone_id] if zone_id in ids else ids + [zone_id]
        else:
            ids = [zone_id]
        self.select_zones(ids)

    # -- misc ---------------------------------------------------------------------------------
    def show_error(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.open()
        self.last_error = text

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
        state = s.value("window/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt)
        s = QSettings("UngtLoft", "UngtLoftMap")
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/splitter", self.splitter.saveState())
        super().closeEvent(event)


_CONTEXT_NAMES = {
    "water": "Vann og sjø",
    "boundary": "Kommunegrense",
    "green_areas": "Grøntområder",
    "roads": "Veier",
    "districts": "Bydeler",
}


def start_loading(window: MainWindow, folder: Path | None) -> None:
    """Load after the window is shown so the user sees it at once."""
    QTimer.singleShot(0, lambda: window.load_project(folder))
