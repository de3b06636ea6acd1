"""The main window's menu bar (Fil, Vis, Analyse, Hjelp) and the small Help/View actions.

:class:`MenusMixin` is mixed into :class:`~ungtloft_map._qt.main_window.MainWindow`; it only
builds actions and connects them to the window's methods.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from .. import __version__


class MenusMixin:
    """Menus and help actions of the main window."""

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
        self.act_print = QAction(self.tr("Skriv &ut kart …"), self)
        self.act_print.setShortcut(QKeySequence.StandardKey.Print)
        self.act_print.triggered.connect(self.print_map_dialog)
        self.menu_file.addAction(self.act_print)
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
        self.menu_view.addAction(self.act_zoom_all)
        self.menu_view.addAction(self.act_zoom_sel)
        self.menu_view.addAction(self.act_clear_sel)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_map_only)
        zone_toggle = self.zone_dock.toggleViewAction()
        zone_toggle.setText(self.tr("S&onepanel"))
        zone_toggle.setShortcut(QKeySequence("Ctrl+1"))
        self.menu_view.addAction(zone_toggle)
        self.menu_view.addAction(self.layer_dock_toggle())
        for n, key in enumerate(("targeting", "dashboard", "notes"), start=2):
            act = self.panel_docks[key].toggleViewAction()
            act.setShortcut(QKeySequence(f"Ctrl+{n}"))
            self.menu_view.addAction(act)
        self.menu_view.addSeparator()
        self._build_basemap_menu(self.menu_view)
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
        self.act_plan.setShortcut(QKeySequence("Ctrl+Shift+P"))  # Ctrl+P prints the map
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

    def show_warnings(self) -> None:
        warnings = [str(w) for w in (self.project.warnings if self.project else [])]
        if self.themes is not None:
            warnings += [str(w) for w in self.themes.warnings]
        QMessageBox.information(self, self.tr("Advarsler"), "\n".join(warnings) or self.tr("Ingen advarsler."))

    def choose_language(self, code: str) -> None:
        from .i18n import set_language

        set_language(code)
        QMessageBox.information(self, self.tr("Språk"),
                                self.tr("Språket byttes neste gang UngtLøft Map startes."))

    def _show_dock(self, key: str) -> None:
        dock = self.panel_docks[key]
        dock.show()
        dock.raise_()

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
