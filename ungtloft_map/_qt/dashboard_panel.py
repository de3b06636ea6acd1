"""Key-indicator dashboard (issue #10): the municipality's UNGT LØFT indicators as tiles.

:class:`DashboardPanel` shows :func:`~ungtloft_map.core.workflows.dashboard.key_indicators` as a
scrollable grid of small framed tiles, grouped by main Marmot principle. It computes nothing
itself. A tile holds

* the indicator's name, its value with unit (decimal comma) and the data year;
* a sparkline of the trend over the years loaded (QPainter: 39 matplotlib canvases would cost
  seconds and a lot of memory), with the trend in words (bedring / stabil / forverring);
* the spread between zones: best and worst zone and the ratio worst/best (the difference when
  the best is 0);
* the status against a reference as the frame colour and a badge (bedre / likt / dårligere):
  the reference is a user-entered value (e.g. the national figure, :meth:`set_references`, the
  "Referanseverdier …" table) or, when the dashboard is for the selected zones, the
  municipality;
* tags (Marmot, life-course group, SDG code, data source).

Framework indicators without data are greyed out ("ingen data ennå"). The filters (Marmot
principle, life-course group, SDG goal, with/without data) use
:meth:`~ungtloft_map.core.catalogue.Catalogue.filter`, so they mean exactly what the core and the
report mean; they only hide tiles, no recomputation. Clicking a tile whose indicator is a zone
table column (levekår rates, GIS columns) emits :attr:`DashboardPanel.showIndicator`.

"Eksporter årsoversikt …" writes :func:`~ungtloft_map.reports.annual_summary.render_annual_summary`
(PDF or HTML, by the file suffix) for what is shown: the same year, area, references and
filters.

The dashboard and the export run in the app's :class:`~.workers.Worker` (a Python thread; the
first dashboard of a project computes the SDG indicators, about 2 s on the demo).

The tiles (:mod:`.dashboard_tiles`) and the reference table (:mod:`.dashboard_references`)
live in their own modules; every name is re-exported here.

Examples
--------
>>> panel = DashboardPanel()  # doctest: +SKIP
>>> window.projectLoaded.connect(lambda p: panel.set_project(p, None))  # doctest: +SKIP
>>> window.themesReady.connect(lambda th: panel.set_project(window.project, th))  # doctest: +SKIP
>>> panel.showIndicator.connect(window.set_column)  # doctest: +SKIP
>>> panel.set_references({"low_income": 10.4})  # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QPoint,
    QSignalBlocker,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.catalogue import LIFE_COURSE, MARMOT_PRINCIPLES
from ..core.errors import UngtloftError
from ..core.text import life_course_name
from ..core.workflows.dashboard import (
    BETTER,
    NO_DATA,
    NO_REFERENCE,
    SAME,
    WORSE,
    Dashboard,
)
from .dashboard_references import (  # noqa: F401 (re-exported: the old import path keeps working)
    ReferenceDialog,
)
from .dashboard_tiles import (  # noqa: F401 (re-exported: the old import path keeps working)
    BADGE_TEXT,
    DECIMALS,
    ERROR_COLOR,
    GREY_TEXT,
    NEUTRAL_BORDER,
    OTHER_GROUP,
    SDG_GOALS,
    TILE_WIDTH,
    Sparkline,
    TileWidget,
    _finite,
    _main_marmot,
    format_value,
    parse_number,
)
from .i18n import current_language
from .workers import Worker

if TYPE_CHECKING:
    from ..core.pipeline import ThemeResults
    from ..core.project import Project

__all__ = ["DashboardPanel", "TileWidget", "Sparkline", "ReferenceDialog", "SDG_GOALS",
           "parse_number"]

# --------------------------------------------------------------------------------------------
# The panel
# --------------------------------------------------------------------------------------------
class DashboardPanel(QWidget):
    """The key indicators of the loaded project as tiles.

    Signals
    -------
    showIndicator(str)
        A tile of a zone-table column was clicked: the column (connect to
        ``MainWindow.set_column``).
    dashboardReady(object)
        A new :class:`~ungtloft_map.core.workflows.dashboard.Dashboard` is shown.
    exported(str)
        The annual summary was written: the path.
    exportFailed(str)
        The export failed: the message.

    Examples
    --------
    >>> panel = DashboardPanel()  # doctest: +SKIP
    >>> panel.set_project(Project.demo(), None)  # doctest: +SKIP
    >>> panel.visible_keys()[:2]  # doctest: +SKIP
    ['child_low_income', 'fhi_low_birth_weight']
    """

    showIndicator = Signal(str)
    dashboardReady = Signal(object)
    exported = Signal(str)
    exportFailed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPanel")
        # Data with an English twin (Marmot principles, SDG names, indicator names) follows the
        # interface language; everything else goes through tr.
        self.lang = current_language()
        self._li = 1 if self.lang == "en" else 0
        self.project: Project | None = None
        self.themes: ThemeResults | None = None
        self.dashboard: Dashboard | None = None
        self._references: dict[str, float] = {}
        self._reference_label = "landet"
        self._selection: list[str] = []
        self._columns: set[str] = set()
        self._tiles: dict[str, TileWidget] = {}
        self._headers: dict[str, QLabel] = {}
        self._worker: Worker | None = None
        self._export_worker: Worker | None = None
        self._ncols = 0
        self.last_export: Path | None = None
        self._build()
        self._set_enabled()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.marmot_box = QComboBox()
        self.marmot_box.setObjectName("marmotBox")
        self.marmot_box.addItem(self.tr("Alle Marmot-prinsipper"), None)
        for letter, names in MARMOT_PRINCIPLES.items():
            self.marmot_box.addItem(f"{letter} – {names[self._li]}", letter)
            self.marmot_box.setItemData(self.marmot_box.count() - 1, f"{letter}: {names[self._li]}",
                                        Qt.ItemDataRole.ToolTipRole)
        self.life_box = QComboBox()
        self.life_box.setObjectName("lifeCourseBox")
        self.life_box.addItem(self.tr("Alle livsfaser"), None)
        for lc in LIFE_COURSE:
            self.life_box.addItem(life_course_name(lc, self.lang), lc)
        self.sdg_box = QComboBox()
        self.sdg_box.setObjectName("sdgBox")
        self.sdg_box.addItem(self.tr("Alle bærekraftsmål"), None)
        for box in (self.marmot_box, self.life_box, self.sdg_box):
            # long principle names must not widen the panel: elide in the box, full in the list
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(12)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            box.view().setTextElideMode(Qt.TextElideMode.ElideNone)
            box.currentIndexChanged.connect(self._apply_filters)
        self.marmot_box.view().setMinimumWidth(520)
        self.sdg_box.view().setMinimumWidth(340)

        self.year_box = QComboBox()
        self.year_box.setObjectName("dashboardYearBox")
        self.year_box.currentIndexChanged.connect(self._on_year_changed)
        self.area_box = QComboBox()
        self.area_box.setObjectName("areaBox")
        self.area_box.addItem(self.tr("Hele kommunen"), False)
        self.area_box.addItem(self.tr("Valgte soner (0)"), True)
        self.area_box.setToolTip(self.tr("Valgte soner sammenlignes med kommunen når ingen referanseverdi er oppgitt."))
        self.area_box.currentIndexChanged.connect(self._on_area_changed)
        self.no_data_check = QCheckBox(self.tr("Vis indikatorer uten data"))
        self.no_data_check.setObjectName("showNoData")
        self.no_data_check.setChecked(True)
        self.no_data_check.toggled.connect(self._apply_filters)
        self.reference_button = QPushButton(self.tr("Referanseverdier …"))
        self.reference_button.setObjectName("referenceButton")
        self.reference_button.clicked.connect(lambda: self.edit_references())
        self.export_button = QPushButton(self.tr("Eksporter årsoversikt …"))
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self._on_export_clicked)

        filters = QGridLayout()
        filters.setHorizontalSpacing(6)
        filters.setVerticalSpacing(4)
        filters.addWidget(QLabel(self.tr("Marmot:")), 0, 0)
        filters.addWidget(self.marmot_box, 0, 1, 1, 3)
        filters.addWidget(QLabel(self.tr("Livsløp:")), 1, 0)
        filters.addWidget(self.life_box, 1, 1)
        filters.addWidget(QLabel(self.tr("Bærekraftsmål:")), 1, 2)
        filters.addWidget(self.sdg_box, 1, 3)
        filters.addWidget(QLabel(self.tr("År:")), 2, 0)
        row = QHBoxLayout()
        row.addWidget(self.year_box)
        row.addSpacing(8)
        row.addWidget(QLabel(self.tr("Område:")))
        row.addWidget(self.area_box, 1)
        row.addWidget(self.no_data_check)
        filters.addLayout(row, 2, 1, 1, 3)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)

        buttons = QHBoxLayout()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        buttons.addWidget(self.summary_label, 1)
        buttons.addWidget(self.reference_button)
        buttons.addWidget(self.export_button)

        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: neither core call reports progress
        self.progress.setMaximumHeight(10)
        self.progress.setTextVisible(False)
        self.progress.hide()

        self.content = QWidget()
        self.content.setObjectName("tileArea")
        self.grid = QGridLayout(self.content)
        self.grid.setContentsMargins(4, 4, 4, 4)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(8)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("tileScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.content)
        self.scroll.viewport().installEventFilter(self)
        self.empty_label = QLabel(self.tr("Last inn et datasett for å se nøkkelindikatorene."))
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(f"color: {GREY_TEXT};")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)
        lay.addLayout(filters)
        lay.addLayout(buttons)
        lay.addWidget(self.progress)
        lay.addWidget(self.status_label)
        lay.addWidget(self.empty_label)
        lay.addWidget(self.scroll, 1)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt)
        if (obj is self.scroll.viewport() and event.type() == event.Type.Resize
                and event.size().width() != event.oldSize().width()):
            self._relayout()
        return super().eventFilter(obj, event)

    def _columns_for(self, width: int) -> int:
        spacing = self.grid.horizontalSpacing()
        m = self.grid.contentsMargins()
        return max(1, (width - m.left() - m.right() + spacing) // (TILE_WIDTH + spacing))

    # -- public API ---------------------------------------------------------------------------
    def set_project(self, project: Project | None, themes: ThemeResults | None = None) -> None:
        """Show the key indicators of ``project`` (with the GIS tiles of ``themes`` when given).

        The dashboard is computed in a worker; :attr:`dashboardReady` fires when it is shown.
        """
        same = project is not None and project is self.project
        self.project, self.themes = project, themes
        if not same:
            self._selection = []
            self._update_area_item()
            with QSignalBlocker(self.area_box):
                self.area_box.setCurrentIndex(0)
            with QSignalBlocker(self.year_box):
                self.year_box.clear()
                for y in (project.years if project is not None else []):
                    self.year_box.addItem(str(y), int(y))
                self.year_box.setCurrentIndex(self.year_box.count() - 1)
            self._fill_sdg_box()
        if project is None:
            self._show(None)
            return
        self.recompute()

    def set_references(self, references: Mapping[str, float | None], label: str | None = None) -> None:
        """User-entered reference values by indicator key (None or a missing key: no reference).

        ``label`` names the reference ("landet", "fylket" ...); unchanged when None.
        """
        self._references = {str(k): float(v) for k, v in dict(references).items()
                            if v is not None and _finite(float(v))}
        if label is not None:
            self._reference_label = label.strip() or "landet"
        if self.project is not None:
            self.recompute()

    def references(self) -> dict[str, float]:
        """The user-entered reference values (for the project file)."""
        return dict(self._references)

    def reference_label(self) -> str:
        return self._reference_label

    def set_selection(self, zone_ids: Iterable[str]) -> None:
        """The selected zones (the "Valgte soner" area); recomputes when that area is shown."""
        ids = [str(z) for z in zone_ids]
        if ids == self._selection:
            return
        self._selection = ids
        self._update_area_item()
        if self.area_box.currentData():
            if ids:
                self.recompute()
            else:
                self.area_box.setCurrentIndex(0)  # nothing selected: back to the municipality

    def visible_keys(self) -> list[str]:
        """The indicator keys of the tiles shown now, in display order."""
        return [k for k in self._ordered_keys() if self._tiles[k].isVisibleTo(self)]

    def tile_widget(self, key: str) -> TileWidget:
        return self._tiles[key]

    def is_busy(self) -> bool:
        """True while a dashboard is being computed (the tiles shown are the previous ones)."""
        return self._worker is not None

    def wait_ready(self, timeout: float = 60.0) -> bool:
        """Process events until the dashboard being computed is shown; True when it is.

        :meth:`set_project` returns at once (the core runs in a worker); a script or a test that
        needs the tiles calls this, or waits for :attr:`dashboardReady`.
        """
        end = time.monotonic() + timeout
        while self._worker is not None and time.monotonic() < end:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)
        return self._worker is None

    # -- computing ----------------------------------------------------------------------------
    def _args(self) -> dict:
        area = self._selection if (self.area_box.currentData() and self._selection) else None
        return {"year": self.year_box.currentData(), "references": dict(self._references),
                "reference_label": self._reference_label, "area": area,
                "area_name": self._area_name() if area else ""}

    def _area_name(self) -> str:
        zones = self.project.zones if self.project is not None else None
        if zones is not None and "zone_name" in zones.columns and len(self._selection) <= 3:
            names = [str(zones["zone_name"].get(z, z)) for z in self._selection]
            return self.tr("Valgte soner: {names}").format(names=", ".join(names))
        return self.tr("{n} valgte soner").format(n=len(self._selection))

    def recompute(self) -> Worker | None:
        """Compute the dashboard again (year, area, references) in a worker."""
        if self.project is None:
            return None
        from ..core.workflows.dashboard import key_indicators

        project, themes, args = self.project, self.themes, self._args()

        def job(progress=None):
            db = key_indicators(project, themes, **args)
            zt = themes.zone_table if themes is not None else project.zone_table(args["year"])
            return db, set(zt.theme_columns())

        worker = Worker(job)
        worker.signals.finished.connect(self._on_done)
        worker.signals.failed.connect(self._on_failed)
        self._worker = worker
        self.progress.show()
        self._say(self.tr("Beregner nøkkelindikatorer …"))
        self._set_enabled()
        return worker.start()

    def _mine(self, worker: Worker | None) -> bool:
        """True when the signal being handled comes from ``worker`` (else it is stale)."""
        return worker is not None and self.sender() is worker.signals

    @Slot(object)
    def _on_done(self, result) -> None:
        if not self._mine(self._worker):
            return
        self._worker = None
        self.progress.setVisible(self._export_worker is not None)
        db, columns = result
        self._columns = columns
        self._say("")
        self._show(db)
        self.dashboardReady.emit(db)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if not self._mine(self._worker):
            return
        self._worker = None
        self.progress.setVisible(self._export_worker is not None)
        self._say(self.tr("Nøkkelindikatorene kunne ikke beregnes: {e}").format(e=message), error=True)
        self._set_enabled()

    # -- tiles ---------------------------------------------------------------------------------
    def _show(self, db: Dashboard | None) -> None:
        self.dashboard = db
        self._take_all()
        for w in self._tiles.values():
            w.hide()
            w.deleteLater()
        self._tiles = {}
        if db is not None:
            for t in db.tiles:
                w = TileWidget(t, clickable=t.key in self._columns, lang=self.lang, threshold=db.threshold,
                               parent=self.content)
                w.activated.connect(self._on_tile_activated)
                w.menuRequested.connect(self._on_tile_menu)
                self._tiles[t.key] = w
        self.empty_label.setVisible(db is None)
        self._apply_filters()

    def _visible_set(self) -> set[str]:
        """Keys passing the filters (Catalogue.filter: the core's meaning of each filter)."""
        if self.dashboard is None or self.project is None:
            return set()
        try:
            entries = self.project.catalogue.filter(self.marmot_box.currentData(), self.life_box.currentData(),
                                                    self.sdg_box.currentData())
        except UngtloftError as err:
            self._say(str(err), error=True)
            return set()
        keys = {i.key for i in entries}
        if not self.no_data_check.isChecked():
            keys = {k for k in keys if k in self._tiles and self._tiles[k].tile.has_data}
        return keys

    def _ordered_keys(self) -> list[str]:
        """Tiles grouped by main Marmot principle (A–H), catalogue order inside a group."""
        letters = list(MARMOT_PRINCIPLES) + [OTHER_GROUP]
        return sorted(self._tiles, key=lambda k: letters.index(_main_marmot(self._tiles[k].tile)))

    @Slot()
    def _apply_filters(self, *_args) -> None:
        for box in (self.marmot_box, self.life_box, self.sdg_box):
            box.setToolTip(box.currentText())  # the box may be too narrow for the whole name
        self._relayout()
        self.scroll.verticalScrollBar().setValue(0)  # a shorter list must not leave a blank view
        self._update_summary()
        self._set_enabled()

    def _take_all(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0)
        for r in range(self.grid.rowCount()):
            self.grid.setRowStretch(r, 0)

    def _header(self, letter: str) -> QLabel:
        if letter not in self._headers:
            text = (f"{letter}  {MARMOT_PRINCIPLES[letter][self._li]}" if letter in MARMOT_PRINCIPLES
                    else self.tr("Uten Marmot-prinsipp"))
            label = QLabel(text, self.content)
            label.setObjectName(f"header_{letter}")
            label.setWordWrap(True)
            f = QFont(label.font())
            f.setBold(True)
            f.setPointSizeF(f.pointSizeF() + 1)
            label.setFont(f)
            label.setStyleSheet("color: #1f3b57; padding-top: 4px;")
            self._headers[letter] = label
        return self._headers[letter]

    def _relayout(self) -> None:
        """Put the visible tiles in the grid: a header per principle, as many columns as fit."""
        self._take_all()
        ncols = self._columns_for(self.scroll.viewport().width())
        self._ncols = ncols
        visible = self._visible_set()
        chosen = self.marmot_box.currentData()
        groups: dict[str, list[str]] = {}
        for key in self._ordered_keys():
            w = self._tiles[key]
            if key not in visible:
                w.hide()
                continue
            # With a principle chosen every tile shown belongs to it, also where it is not the
            # tile's main principle: one heading, not a heading per main principle.
            groups.setdefault(chosen or _main_marmot(w.tile), []).append(key)
        for letter, label in self._headers.items():
            if letter not in groups:
                label.hide()
        width = self.scroll.viewport().width()
        m = self.grid.contentsMargins()
        spacing = self.grid.horizontalSpacing()
        col_w = max(TILE_WIDTH, (width - m.left() - m.right() - spacing * (ncols - 1)) // ncols)
        row = 0
        for letter, keys in groups.items():
            header = self._header(letter)
            self.grid.addWidget(header, row, 0, 1, ncols)
            header.show()
            row += 1
            for i, key in enumerate(keys):
                tile = self._tiles[key]
                # A grid in a scroll area sizes rows from size hints, not from the height the
                # word-wrapped labels need at the real column width: ask the tile for it.
                tile.setMinimumHeight(tile.layout().totalHeightForWidth(col_w))
                self.grid.addWidget(tile, row + i // ncols, i % ncols)
                tile.show()
            row += (len(keys) + ncols - 1) // ncols
        for c in range(max(ncols, self.grid.columnCount())):
            self.grid.setColumnStretch(c, 1 if c < ncols else 0)
        self.grid.setRowStretch(row, 1)  # tiles stay at the top when there are few
        if self.dashboard is not None and not groups:
            self._say(self.tr("Ingen indikatorer passer filtrene."))
        elif self.status_label.text() == self.tr("Ingen indikatorer passer filtrene."):
            self._say("")

    def _update_summary(self) -> None:
        if self.dashboard is None:
            self.summary_label.setText("")
            return
        visible = self._visible_set()
        counts = dict.fromkeys((BETTER, SAME, WORSE, NO_REFERENCE, NO_DATA), 0)
        for t in self.dashboard.tiles:
            if t.key in visible:
                counts[t.status] += 1
        with_data = sum(counts.values()) - counts[NO_DATA]
        where = self.dashboard.area_name or self.dashboard.municipality
        text = self.tr("<b>{where}</b>, {year}: {n} med data ({b} bedre, {s} likt, {w} dårligere, "
                       "{r} uten referanse), {m} uten data").format(
            where=where, year=self.dashboard.year or "–", n=with_data, b=counts[BETTER], s=counts[SAME],
            w=counts[WORSE], r=counts[NO_REFERENCE], m=counts[NO_DATA])
        self.summary_label.setText(text)

    def _fill_sdg_box(self) -> None:
        with QSignalBlocker(self.sdg_box):
            self.sdg_box.clear()
            self.sdg_box.addItem(self.tr("Alle bærekraftsmål"), None)
            if self.project is None:
                return
            goals = {i.sdg_goal for i in self.project.catalogue.all() if i.sdg_goal}
            for g in sorted(goals, key=lambda g: (not g.isdigit(), int(g) if g.isdigit() else 0, g)):
                name = SDG_GOALS[g][self._li] if g in SDG_GOALS else ""
                self.sdg_box.addItem(f"{g} – {name}" if name else g, g)

    def _update_area_item(self) -> None:
        self.area_box.setItemText(1, self.tr("Valgte soner ({n})").format(n=len(self._selection)))
        item = self.area_box.model().item(1)
        if item is not None:
            item.setEnabled(bool(self._selection))

    # -- slots --------------------------------------------------------------------------------
    @Slot(str)
    def _on_tile_activated(self, key: str) -> None:
        if key in self._columns:
            self.showIndicator.emit(key)

    @Slot(str, QPoint)
    def _on_tile_menu(self, key: str, pos: QPoint) -> None:
        menu = QMenu(self)
        show = menu.addAction(self.tr("Vis i kartet"))
        show.setEnabled(key in self._columns)
        show.triggered.connect(lambda: self.showIndicator.emit(key))
        ref = menu.addAction(self.tr("Referanseverdi …"))
        ref.setEnabled(self._tiles[key].tile.has_data)
        ref.triggered.connect(lambda: self.edit_references(key))
        menu.exec(pos)

    @Slot(int)
    def _on_year_changed(self, _index: int) -> None:
        if self.project is not None and self.year_box.currentData() is not None:
            self.recompute()

    @Slot(int)
    def _on_area_changed(self, _index: int) -> None:
        if self.project is not None:
            self.recompute()

    def edit_references(self, focus_key: str | None = None) -> bool:
        """The reference-value table; True when the user pressed OK (the dashboard then updates)."""
        if self.dashboard is None:
            return False
        dlg = ReferenceDialog(self.dashboard.tiles, self._references, self._reference_label, self,
                              focus_key=focus_key, lang=self.lang)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        self.set_references(dlg.values(), dlg.label())
        return True

    # -- export --------------------------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        if self.project is None:
            return
        year = self.year_box.currentData() or ""
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Eksporter årsoversikt"), f"aarsoversikt_{year}",
            self.tr("PDF (*.pdf);;HTML (*.html)"))
        if not path:
            return
        p = Path(path)
        if p.suffix.lower() not in (".pdf", ".html", ".htm"):
            p = p.with_suffix(".html" if "html" in chosen.lower() else ".pdf")
        self.export_to(p)

    def export_to(self, path: str | Path) -> Worker | None:
        """Write the annual summary of what is shown to ``path`` in a worker.

        PDF for a ``.pdf`` suffix, HTML otherwise. :attr:`exported` (the path) or
        :attr:`exportFailed` (the message) fires when done. The year, area, references and
        filters are the panel's at the time of the call.

        Returns
        -------
        Worker or None
            The running job; None without a project.
        """
        if self.project is None:
            return None
        from ..core.workflows.dashboard import key_indicators
        from ..reports.annual_summary import render_annual_summary

        path = Path(path)
        fmt = "pdf" if path.suffix.lower() == ".pdf" else "html"
        project, themes, args, lang = self.project, self.themes, self._args(), self.lang
        args.update(marmot=self.marmot_box.currentData(), life_course=self.life_box.currentData(),
                    sdg_goal=self.sdg_box.currentData(), include_no_data=self.no_data_check.isChecked())

        def job(progress=None):
            db = key_indicators(project, themes, **args)
            render_annual_summary(db, project, lang=lang, fmt=fmt, path=path)
            return path

        worker = Worker(job)
        worker.signals.finished.connect(self._on_export_done)
        worker.signals.failed.connect(self._on_export_failed)
        self._export_worker = worker
        self.progress.show()
        self._say(self.tr("Skriver årsoversikten ({fmt}) …").format(fmt=fmt.upper()))
        self._set_enabled()
        return worker.start()

    @Slot(object)
    def _on_export_done(self, path) -> None:
        if not self._mine(self._export_worker):
            return
        self._export_worker = None
        self.progress.setVisible(self._worker is not None)
        self.last_export = Path(path)
        self._say(self.tr("Årsoversikten er lagret: {p}").format(p=path))
        self._set_enabled()
        self.exported.emit(str(path))

    @Slot(str)
    def _on_export_failed(self, message: str) -> None:
        if not self._mine(self._export_worker):
            return
        self._export_worker = None
        self.progress.setVisible(self._worker is not None)
        self._say(self.tr("Eksporten feilet: {e}").format(e=message), error=True)
        self._set_enabled()
        self.exportFailed.emit(message)

    # -- misc ---------------------------------------------------------------------------------
    def _say(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")
        self.status_label.setVisible(bool(text))

    def _set_enabled(self) -> None:
        have = self.dashboard is not None
        for w in (self.marmot_box, self.life_box, self.sdg_box, self.no_data_check, self.year_box,
                  self.area_box, self.reference_button):
            w.setEnabled(self.project is not None)
        self.reference_button.setEnabled(have)
        self.export_button.setEnabled(have and self._export_worker is None)
