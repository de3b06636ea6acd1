"""Exports from the main window: web map (HTML), map image (PNG) and the zone table, written in
a background worker so the window stays responsive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ..core.errors import UngtloftError
from .workers import Worker


class ExportActionsMixin:
    """Export dialogs and jobs (mixed into the main window)."""

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
        # The zone table export is the shared table: what the user chose, not the columns a
        # session derived on the way (the live ranking of a weight slider); a map shows the
        # column on screen, derived or not.
        shared = self.session.export_table()
        context, lang, catalogue = self._context_layers(), self.lang, self.project.catalogue
        size = size or self.png_size
        basemap = self._export_basemap()
        search = {r: self.project.layer(r) for r in ("districts", "destinations") if self.project.layer(r) is not None}

        def job(progress=None):
            if kind == "html":
                export_web_map(zt, column, path, context=context, catalogue=catalogue, lang=lang, basemap=basemap,
                               search_layers=search, **c)
            elif kind == "png":
                export_png(zt, column, path, size=size, context=context, catalogue=catalogue, lang=lang, **c)
            else:
                export_zones(shared, path, catalogue=catalogue, lang=lang)
            return path

        return job

    def _export_basemap(self) -> str:
        """The background map of an exported web map: the window's choice, except online tiles
        for fictional data (the vector context instead, as on the screen)."""
        from ..maps.basemap import parse_basemap

        text = self.basemap_choice()
        try:
            bm = parse_basemap(text)
        except UngtloftError:
            return "vector"
        return "vector" if bm.online and self.project.fictional else text

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

    # -- print layout (one PDF page) --------------------------------------------------------------
    def print_map_dialog(self) -> None:
        """Fil → Skriv ut kart …: paper and orientation, then the PDF is written in the background."""
        from PySide6.QtCore import QSettings

        from .print_dialog import PrintDialog

        if self.zone_table is None or self.column is None:
            return
        s = QSettings("UngtLoft", "UngtLoftMap")
        landscape = str(s.value("print/landscape", "true")).lower() == "true"
        dlg = PrintDialog(self, paper=str(s.value("print/paper", "A4")), landscape=landscape)
        self._print_dialog = dlg
        if not dlg.exec():
            return
        path, paper, landscape, title = dlg.choices()
        s.setValue("print/paper", paper)
        s.setValue("print/landscape", "true" if landscape else "false")
        self.print_in_background(path, paper, landscape, title)

    def _print_job(self, path: Path, paper: str = "A4", landscape: bool = True, title: str | None = None):
        """A callable that writes the print page of the shown map (suppressed, as every export)."""
        from ..maps.print_layout import print_map

        zt, column, c = self.zone_table, self.column, dict(self.classification)
        context, lang, catalogue = self._context_layers(), self.lang, self.project.catalogue

        def job(progress=None):
            return print_map(zt, column, path, paper, landscape, context=context, catalogue=catalogue,
                             lang=lang, title=title, **c)

        return job

    def print_to(self, path: Path, paper: str = "A4", landscape: bool = True, title: str | None = None) -> Path | None:
        """Write the print page now (tests, batch); errors are one message."""
        try:
            out = self._print_job(path, paper, landscape, title)()
        except UngtloftError as err:
            self.show_error(self.tr("Utskriften feilet"), str(err))
            return None
        self.statusBar().showMessage(self.tr("Kartet er skrevet til {p}").format(p=out), 8000)
        return out

    def print_in_background(self, path: Path, paper: str = "A4", landscape: bool = True,
                            title: str | None = None) -> Worker:
        """The print page in a worker: a large map is drawn while the window stays usable."""
        worker = Worker(self._print_job(path, paper, landscape, title))
        worker.signals.finished.connect(
            lambda p: self.statusBar().showMessage(self.tr("Kartet er skrevet til {p}").format(p=p), 8000))
        worker.signals.failed.connect(lambda msg: self.show_error(self.tr("Utskriften feilet"), msg))
        self._exports = [w for w in getattr(self, "_exports", []) if not w.wait(0)] + [worker]
        self.statusBar().showMessage(self.tr("Skriver kartet til {p} …").format(p=path))
        return worker.start()
