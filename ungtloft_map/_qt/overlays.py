"""Map overlays computed after the page was built: place notes, transit isochrones from a map
click, the green coverage gap, and the outline of an assessed regulation plan.
"""

from __future__ import annotations

from ..core.analysis.privacy import SUPPRESSED_LABEL, is_small
from ..core.text import format_count, format_value
from .workers import Worker


class OverlaysMixin:
    """Overlays on the map page (mixed into the main window)."""

    def _on_notes_changed(self) -> None:
        # the session's one list is updated in place: the targeting panel and the plan dialog
        # hold that list, so they see the change without a copy of their own
        self.notes = self.notes_panel.notes()
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
        polys["label"] = [self.tr("{m} min: {a} km²").format(m=int(m), a=format_value(a, "km²", self.lang, with_unit=False))
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
        # Cells of 1–4 residents are drawn but their count is not shown (privacy.is_small).
        cells["label"] = [SUPPRESSED_LABEL if is_small(p) else self.tr(
            "{n} bosatte uten grøntområde i nærheten").format(n=format_count(p, self.lang))
            for p in cells["population"]]
        style = {"color": "#7f2704", "weight": 0.5, "fillColor": "#fd8d3c", "fillOpacity": 0.55}
        self.map_view.set_overlay("green_gap", cells.drop(columns="population").to_json(), style, "label")

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
        self.plan_dialog.notes = self.session.notes
        self.plan_dialog.show()
        self.plan_dialog.raise_()

    def _show_plan(self, assessment) -> None:
        """Outline the assessed plan and its buffer on the map."""
        import geopandas as gpd

        from ..core.crs import ANALYSIS_CRS, WEB_CRS

        plan = gpd.GeoSeries([assessment.geometry], crs=ANALYSIS_CRS).to_crs(WEB_CRS)
        buffer = gpd.GeoSeries([assessment.buffer], crs=ANALYSIS_CRS).to_crs(WEB_CRS)
        self.map_view.run_js(f"ungtloft.showPlan({plan.to_json()}, {buffer.to_json()});")
