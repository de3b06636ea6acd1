"""Theme computation in the main window: started after the first map is painted, in a worker with
progress and cancel; the theme layers are listed as they arrive, and what the data could not give
is listed as "not computed" with what it needs.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from .i18n import ui_lang
from .workers import Worker

DEFERRED_AT_THE_LATEST_MS = 30000  # panels and search index, if the themes take longer than this
THEMES_AT_THE_LATEST_MS = 4000  # start the themes even if the page has not reported loading


class ThemeActionsMixin:
    """Themes in the background (mixed into the main window)."""
    def compute_themes(self) -> None:
        """Compute the theme layers in the background; the window stays usable."""
        if self.project is None:
            return
        from ..core.pipeline import compute_themes

        self._themes_pending = False
        self.cancel_work()
        year = self.year_box.currentData()
        arrived, this_run = self._partial_themes, []

        def on_step(_name, res):
            # In the computing thread: hand the GUI a copy of the table so far (the next step
            # goes on changing the original).
            arrived.emit(this_run[0], res.zone_table.copy())

        worker = Worker(compute_themes, self.project, year, self.analysis_settings, on_step=on_step)
        this_run.append(worker)
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


    def _on_partial_themes(self, worker, zt) -> None:
        """Theme layers computed so far: listed (indicator box, layer panel, table) at once."""
        if worker is not self._worker or self.zone_table is None or zt.year != self.zone_table.year:
            return
        new = [c for c in zt.theme_columns() if c not in self.zone_table.gdf.columns]
        if not new:
            return
        self.zone_table = zt  # the session keeps its derived columns (the live ranking) in the view
        self._refresh_lists()
        self.themeLayersArrived.emit(new)


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


    def _run_deferred_jobs(self) -> None:
        """Build the panels and the search index that waited for the map and the themes."""
        if not self._deferred_jobs:
            return
        self._deferred_jobs = False
        if self._search_index is None:
            self.build_search_index_in_background()
        self.ensure_panels()


    def _on_work_done(self, worker: Worker, message: str = "") -> None:
        if self._deferred_jobs:
            QTimer.singleShot(0, self._run_deferred_jobs)
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


    def _compute_themes_after_paint(self) -> None:
        """Map first, themes after: the themes start once the zone map is painted (they would
        otherwise compete with the page for the CPU), or after a few seconds at the latest."""
        self._themes_pending = True
        if self.map_view.ready and self.t_first_map is not None and not self._page_pending:
            QTimer.singleShot(0, self._start_pending_themes)
        QTimer.singleShot(THEMES_AT_THE_LATEST_MS, self._start_pending_themes)


    def _start_pending_themes(self) -> None:
        if getattr(self, "_themes_pending", False) and self.project is not None:
            self._themes_pending = False
            self.compute_themes()


    def _on_themes(self, res, worker: Worker) -> None:
        if worker is not self._worker:  # a stale run (cancelled, or another project)
            return
        self._on_work_done(worker)
        if res.zone_table.year != (self.zone_table.year if self.zone_table else None):
            return
        from ..core.pipeline import default_column  # loaded by the theme worker by now

        self.themes = res
        self.zone_table = res.zone_table
        self._refresh_lists()
        column = self.column
        # A dataset with no levekår table (zones + a feed, say) paints its zone area first, the
        # only column it has before the themes: once they are in, show the first real indicator.
        base = self.project.zone_table(res.zone_table.year) if self.project is not None else None
        if (getattr(self, "_column_is_default", False) and base is not None and column == _first(base)
                and default_column(base) is None):
            column = default_column(res.zone_table) or column
        self.set_column(column)
        summary = res.cluster_summary(ui_lang())
        text = self.tr("Temaer beregnet.")
        missing = self.not_computed_lines()
        if missing:
            text += " " + "; ".join(missing)
        elif res.errors:
            text += " " + self.tr("Ikke beregnet: {x}").format(x="; ".join(f"{k}: {v}" for k, v in res.errors.items()))
        self.statusBar().showMessage(text, 15000)
        self.not_computed_label.setText(self.tr("{n} tema ikke beregnet").format(n=len(missing)) if missing else "")
        self.not_computed_label.setToolTip("\n".join(missing))
        if summary:
            self.identify.title.setToolTip(summary)
        self.cluster_panel.set_result(res)
        if self._dashboard is not None:
            self._targeting.set_themes(self.project, res)
            self._moran.set_result(res)
            self._dashboard.set_project(self.project, res)
        if getattr(self, "plan_dialog", None) is not None:
            self.plan_dialog.set_themes(res)
        self._histogram_stale = True
        self._sync_histogram()
        self.themesReady.emit(res)


    def not_computed_lines(self) -> list[str]:
        """One line per theme the data could not give (e.g. "… ikke beregnet – mangler …")."""
        res = self.themes
        if res is None or not getattr(res, "not_computed", None):
            return []
        return list(res.describe_not_computed(self.lang))


    def set_analysis_settings(self, settings) -> None:
        """New index/cluster choices from the panel: recompute the themes in the background."""
        self.analysis_settings = settings
        self.mark_dirty()
        self.compute_themes()


def _first(zt) -> str | None:
    cols = zt.theme_columns()
    return cols[0] if cols else None
