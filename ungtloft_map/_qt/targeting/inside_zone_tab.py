"""The *Innsiden av sonen* tab: the 250 m cells inside a candidate."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from ...core.analysis.privacy import threshold_or_default
from ...core.errors import UngtloftError
from ...core.text import unit_text
from ..i18n import ui_lang
from ..widgets import compact_combo, message_label
from .common import (
    CELL_VARIABLES,
    FONT_SIZE,
    GREEN_EDGE,
    TARGET_EDGE,
    _comma_formatter,
    _figure_message,
    _nb,
    _new_canvas,
    _pct,
)


class InsideZoneTab:
    """The *Innsiden av sonen* tab: the 250 m cells inside a candidate.

    A part of :class:`.panel.TargetingPanel` (a mixin): it uses the panel's state and
    widgets; its strings are translated in the ``InsideZoneTab`` context.
    """

    def _build_inside_tab(self) -> QWidget:
        self.inside_box = compact_combo("insideCandidate", 10)
        self.inside_box.currentIndexChanged.connect(self._draw_inside)
        self.inside_variable = compact_combo("insideVariable", 14)
        for col, label, *_ in CELL_VARIABLES:
            self.inside_variable.addItem(self.tr(label), col)
        self.inside_variable.currentIndexChanged.connect(self._draw_inside)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Område:"), self.inside_box)
        form.addRow(self.tr("Farge etter:"), self.inside_variable)
        self.inside_figure, self.inside_canvas = _new_canvas(self, (6.5, 4.5))
        self.inside_canvas.setObjectName("insideMap")
        self.inside_summary = message_label("insideSummary")
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(form)
        lay.addWidget(self.inside_canvas, 1)
        lay.addWidget(self.inside_summary)
        self.inside_cells = None
        self._inside_key: tuple = (None, None, None)  # (candidate, project, themes) of inside_cells
        _figure_message(self.inside_figure, self.tr(
            "Legg til en kandidat for å se befolkningsrutene (250 m) inne i den."))
        return page

    @Slot()
    def _draw_inside(self, *_args) -> None:
        """The candidate's 250 m cells coloured by the chosen variable."""
        from ...core.workflows import inside_zone

        fig = self.inside_figure
        fig.clear()
        cand = self._candidate(self.inside_box.currentData())
        # Changing only the colour variable redraws the same cells: keep them, the overlay is slow.
        key = (cand, self.project, self.themes)
        previous, self.inside_cells = self.inside_cells, None
        if cand is None or self.project is None or self.themes is None:
            _figure_message(fig, self.tr(
                "Legg til en kandidat for å se befolkningsrutene (250 m) inne i den."))
            self.inside_summary.setText("")
            self.inside_canvas.draw_idle()
            return
        if previous is not None and all(a is b for a, b in zip(self._inside_key, key, strict=True)):
            cells = previous
        else:
            try:
                # Small cells stay withheld here too: the picture is easily copied into a report.
                cells = inside_zone.inside_zone_cells(self.project, cand, self.themes,
                                                     suppress=True)
            except UngtloftError as err:
                _figure_message(fig, str(err))
                self.inside_canvas.draw_idle()
                return
        self.inside_cells, self._inside_key = cells, key
        col = self.inside_variable.currentData()
        _, label, unit, cmap, dec = next(v for v in CELL_VARIABLES if v[0] == col)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_aspect("equal")
        values = pd.to_numeric(cells[col], errors="coerce").astype(float)
        ok = values.notna().to_numpy()
        if "water" in self._context():
            from shapely.geometry import box

            minx, miny, maxx, maxy = cells.total_bounds
            water = self._context()["water"]
            clip = water[water.intersects(box(minx - 500, miny - 500, maxx + 500, maxy + 500))]
            if len(clip):
                clip.plot(ax=ax, facecolor="#a6cee3", edgecolor="none", zorder=0)
        if (~ok).any():
            cells[~ok].plot(ax=ax, facecolor="#d9d9d9", edgecolor="#999999", hatch="///",
                            linewidth=0.3, zorder=1)
        if ok.any():
            from matplotlib import colormaps
            from matplotlib.cm import ScalarMappable
            from matplotlib.colors import Normalize

            lo, hi = float(values[ok].min()), float(values[ok].max())
            norm = Normalize(vmin=lo, vmax=hi if hi > lo else lo + 1)
            cells[ok].plot(ax=ax, color=[colormaps[cmap](norm(v)) for v in values[ok]],
                           edgecolor="#ffffff", linewidth=0.3, zorder=1)
            sm = ScalarMappable(norm=norm, cmap=colormaps[cmap])
            cb = fig.colorbar(sm, ax=ax, shrink=0.7, pad=0.02)
            cb.set_label(f"{self.tr(label)} ({unit_text(unit, ui_lang())})", fontsize=FONT_SIZE)
            cb.ax.tick_params(labelsize=FONT_SIZE)
            cb.ax.yaxis.set_major_formatter(_comma_formatter())
        if col == "green_distance_m" and cells["green_covered"].fillna(False).astype(bool).any():
            from matplotlib.patches import Patch

            near = cells[cells["green_covered"].fillna(False).astype(bool).to_numpy()]
            near.plot(ax=ax, facecolor="none", edgecolor=GREEN_EDGE, linewidth=1.4, zorder=2)
            ax.legend(handles=[Patch(facecolor="none", edgecolor=GREEN_EDGE, linewidth=1.4,
                                     label=self.tr("nær kvalifiserende grøntområde"))],
                      loc="upper left", fontsize=FONT_SIZE, framealpha=0.9)
        zones = self.zone_table.gdf.loc[list(cand.zone_ids)]
        zones.boundary.plot(ax=ax, color=TARGET_EDGE, linewidth=1.4, zorder=3)
        import matplotlib.patheffects as pe

        for zid, geom in zip(zones.index, zones.geometry):
            pt = geom.representative_point()
            ax.text(pt.x, pt.y, self._zone_name(str(zid)), ha="center", va="center",
                    fontsize=FONT_SIZE, zorder=4,
                    path_effects=[pe.withStroke(linewidth=2.5, foreground="white")])
        minx, miny, maxx, maxy = zones.total_bounds
        pad = 0.05 * max(maxx - minx, maxy - miny)
        ax.set_xlim(minx - pad, maxx + pad)
        ax.set_ylim(miny - pad, maxy + pad)
        ax.set_title(self.tr("{c}: {v}").format(c=cand.name, v=self.tr(label)),
                     fontsize=FONT_SIZE + 1)
        self.inside_canvas.draw_idle()
        self.inside_summary.setText(self._inside_text(cells))

    def _inside_text(self, cells) -> str:
        pop = pd.to_numeric(cells["population"], errors="coerce")
        n = len(cells)
        n_sup = int(cells["suppressed"].sum()) if "suppressed" in cells else 0
        parts = [self.tr("{n} ruter, {p} bosatte").format(n=n, p=_nb(pop.sum(), 0))]
        covered = cells["green_covered"]
        if covered.notna().any() and pop.sum() > 0:
            share = float(pop[covered.fillna(False).astype(bool)].sum() / pop.sum())
            parts.append(self.tr("{s} bor nær et kvalifiserende grøntområde").format(s=_pct(share)))
        t = pd.to_numeric(cells["time_to_centre_min"], errors="coerce")
        if t.notna().any():
            parts.append(self.tr("reisetid til sentrum {a}–{b} min").format(
                a=_nb(t.min(), 0), b=_nb(t.max(), 0)))
        text = "; ".join(parts) + "."
        if n_sup:
            # the range of the one small-number rule (privacy), read now: a threshold change reaches it
            text += " " + self.tr("{n} ruter med 1–{m} bosatte er skjermet (grå, skravert).").format(
                n=n_sup, m=threshold_or_default() - 1)
        return text
