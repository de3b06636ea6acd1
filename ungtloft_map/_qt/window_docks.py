"""The main window's docks: every panel is a dock in one narrow, tabbed column on the right of
the map; the heavy panels (target areas, dashboard, charts) are built after the first map; the
docks' places, sizes and open/closed state are remembered between sessions.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget

LAYOUT_VERSION = 4  # bump when docks are added or removed (4: every panel docked on the right)
DOCK_WIDTH = 380  # px: the right-hand panel column at 1366×768


class DocksMixin:
    """Docks, late-built panels and the remembered layout (mixed into the main window)."""

    @staticmethod
    def _dock_content(name: str, widget: QWidget) -> QWidget:
        """``widget``, in a scroll area when it is wider than the panel column (it then scrolls
        instead of pushing the map aside)."""
        if widget.minimumSizeHint().width() <= DOCK_WIDTH:
            return widget
        scroll = QScrollArea()
        scroll.setObjectName(f"{name}Scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(widget)
        return scroll


    def _add_dock(self, name: str, title: str, widget) -> QDockWidget:
        """A dock on the right, tabbed with the others: narrow, closable, floatable, remembered."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(self._dock_content(name, widget))
        dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        first = next((d for d in self.findChildren(QDockWidget) if d is not dock and d.objectName().endswith("Dock")
                      and self.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea), None)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        if first is not None:
            self.tabifyDockWidget(first, dock)
        return dock

    def _build_panel_docks(self) -> None:
        """Områdesatsing, Nøkkeltall and Stedsnotater: docks tabbed with the zone and layer docks."""
        from .notes_panel import NotesPanel

        self.notes_panel = NotesPanel()
        self.notes_panel.notesChanged.connect(self._on_notes_changed)
        self.notes_panel.zoneActivated.connect(lambda z: self.select_zones([z]))
        self.panel_docks = {}
        for key, title, widget in (("targeting", self.tr("Områdesatsing"), QWidget()),  # filled by ensure_panels
                                   ("dashboard", self.tr("Nøkkeltall"), QWidget()),  # filled by ensure_panels
                                   ("notes", self.tr("Stedsnotater"), self.notes_panel)):
            self.panel_docks[key] = self._add_dock(f"{key}Dock", title, widget)
        for key in ("targeting", "dashboard"):
            self.panel_docks[key].visibilityChanged.connect(lambda on: on and self.ensure_panels())
        self.zone_dock.raise_()

    # -- panels built after the first map ------------------------------------------------------
    # The target-area panel and the charts (matplotlib canvases) and the dashboard (its import
    # pulls in scipy) cost seconds to build; the map comes first, they are built right after it
    # is painted, or when first used.
    @property
    def targeting(self):
        self.ensure_panels()
        return self._targeting


    @property
    def dashboard(self):
        self.ensure_panels()
        return self._dashboard


    @property
    def moran(self):
        self.ensure_panels()
        return self._moran


    @property
    def histogram(self):
        self.ensure_panels()
        return self._histogram


    def ensure_panels(self) -> None:
        """Build the dashboard and the chart panels now (once) and give them the current state."""
        if self._dashboard is not None:
            return
        from .cluster_view import Histogram, MoranScatter
        from .dashboard_panel import DashboardPanel
        from .targeting import TargetingPanel

        self._targeting = TargetingPanel()
        self._targeting.selectionChanged.connect(self.select_zones)
        self._targeting.rankingChanged.connect(self._on_ranking)
        self._targeting.notes = self.session.notes  # the session's list, not a copy
        self.panel_docks["targeting"].setWidget(self._dock_content("targetingDock", self._targeting))

        self._moran = MoranScatter()
        self._moran.selectionChanged.connect(self.select_zones)
        self._histogram = Histogram()
        self._histogram.selectionChanged.connect(self.select_zones)
        self._charts.addWidget(self._moran)
        self._charts.addWidget(self._histogram)
        self._dashboard = DashboardPanel()
        self._dashboard.showIndicator.connect(self.set_column)
        self.panel_docks["dashboard"].setWidget(self._dock_content("dashboardDock", self._dashboard))
        if self.themes is not None:
            self._targeting.set_themes(self.project, self.themes)
            self._moran.set_result(self.themes)
            self._dashboard.set_project(self.project, self.themes)
        ids = self.selected_zone_ids()
        for view in (self._moran, self._histogram):
            view.set_selection(ids)
        self._dashboard.set_selection(ids)
        self._targeting.set_selection(ids)
        self._histogram_stale = True
        self._sync_histogram()


    def _restore_geometry(self) -> None:
        """Window size and the docks' places, sizes and open/closed state from the last session."""
        s = QSettings("UngtLoft", "UngtLoftMap")
        geo = s.value("window/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        state = s.value("window/state")
        try:
            layout = int(s.value("window/layout", 0) or 0)  # the INI backend gives it back as text
        except (TypeError, ValueError):
            layout = 0
        # A state saved by a layout with other docks would scatter the new ones: only restore a
        # state of this layout version.
        self._state_restored = bool(state is not None and layout == LAYOUT_VERSION
                                    and self.restoreState(state, LAYOUT_VERSION))


    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if not getattr(self, "_docks_sized", False):
            self._docks_sized = True
            if not self._state_restored:
                # Docks only take a width once the window is laid out: give the panel column
                # its narrow width now, the map the rest.
                self.resizeDocks([self.zone_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
            elif not any(d.isVisible() for d in self.findChildren(QDockWidget)):
                # Closed with every panel hidden: it opens as it was left, in "Bare kartet".
                self.act_map_only.blockSignals(True)
                self.act_map_only.setChecked(True)
                self.act_map_only.blockSignals(False)


    def save_layout(self) -> None:
        """Remember the window size and the docks (done on close; also callable by tests)."""
        s = QSettings("UngtLoft", "UngtLoftMap")
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(LAYOUT_VERSION))
        s.setValue("window/layout", LAYOUT_VERSION)
