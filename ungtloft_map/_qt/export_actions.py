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
