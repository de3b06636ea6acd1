"""Cluster plots (#6): the Moran scatter plot and the histogram (matplotlib in Qt).

Split out of :mod:`.cluster_view` (which re-exports every name); the settings panel stays there.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.text import format_number, format_short, format_value
from .i18n import ui_lang

if TYPE_CHECKING:
    import pandas as pd

    from ..core.pipeline import ThemeResults
    from ..core.zonetable import ZoneTable


#: Points of not-significant zones: LISA_COLORS' own grey (#f0f0f0) is meant for map fills and
#: vanishes on the white plot background.
NOT_SIGNIFICANT_POINT = "#a6a6a6"
RING_COLOR = "#111111"
BAR_COLOR = "#9ecae1"  # bars when the column cannot be classified
SELECTED_BAR_COLOR = "#252525"
#: A press and release closer than this (pixels) is a click, not a drag.
CLICK_PIXELS = 4.0
FONT_SIZE = 9


def _nb(value: float, decimals: int) -> str:
    """Norwegian decimal comma (thin space for thousands); "–" for a missing value."""
    return format_number(float(value), decimals)


def _wrap(text: str, width: int = 60) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _comma_axes(ax) -> None:
    """Axis ticks written as core.text writes numbers (decimal comma, no-break space from 10 000)."""
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda x, _pos=None: format_short(x))
    ax.xaxis.set_major_formatter(fmt)
    ax.yaxis.set_major_formatter(fmt)


def _new_canvas(parent: QWidget):
    """A white matplotlib figure canvas with one axes, laid out without overlaps."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 4.5), dpi=100, facecolor="white", layout="constrained")
    canvas = FigureCanvasQTAgg(fig)
    canvas.setParent(parent)
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    canvas.setMinimumSize(240, 200)
    ax = fig.add_subplot()
    return fig, canvas, ax


def _message(ax, text: str) -> None:
    """Clear the axes and show a message in the middle (no data, not computed ...)."""
    ax.clear()
    ax.set_axis_off()
    ax.text(0.5, 0.5, _wrap(text, 50), ha="center", va="center", transform=ax.transAxes,
            fontsize=FONT_SIZE + 1, color="#555555")


def _click_distance(press, release) -> float:
    return math.hypot(release.x - press.x, release.y - press.y)


def _shift(event) -> bool:
    """Shift held during a matplotlib mouse event (Qt backend: ``modifiers``; tests: ``key``)."""
    mods = getattr(event, "modifiers", None) or frozenset()
    return "shift" in mods or (getattr(event, "key", None) or "") == "shift"


def _merge(current: Sequence[str], new: Iterable[str]) -> list[str]:
    out = list(current)
    seen = set(out)
    out.extend(z for z in new if z not in seen and not seen.add(z))
    return out


# --------------------------------------------------------------------------------------------
# Moran scatter plot
# --------------------------------------------------------------------------------------------
class MoranScatter(QWidget):
    """Moran scatter plot of the variable the clusters were computed on.

    Signals
    -------
    selectionChanged(list)
        Zone ids (str) the user picked: a click on a point selects it (shift toggles it in the
        current selection); a drag selects the points in the box (shift adds them); a click on
        empty space clears the selection.

    Slots / methods
    ---------------
    set_result(themes)
        Draw ``themes.lisa`` (a :class:`~ungtloft_map.core.pipeline.ThemeResults`, or None).
    set_selection(ids)
        Ring the points of these zones (no signal).
    selected_ids()
        The ringed zones.
    """

    selectionChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure, self.canvas, self.ax = _new_canvas(self)
        self.canvas.setObjectName("moranCanvas")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.canvas)
        self.ids: list[str] = []
        self.xy = np.empty((0, 2))
        self.labels: list[str] = []
        self.names: dict[str, str] = {}
        self.points = None
        self.ring = None
        self._selection: list[str] = []
        self._pick_xy: tuple[float, float] | None = None
        self._press = None
        self._order = np.empty(0, dtype=int)
        self.selector = None
        self.canvas.mpl_connect("pick_event", self._on_pick)
        self.canvas.mpl_connect("button_press_event", self._on_press)
        self.canvas.mpl_connect("button_release_event", self._on_release)
        self.canvas.mpl_connect("motion_notify_event", self._on_hover)
        self.set_result(None)

    def _make_selector(self) -> None:
        """A fresh box selector: ``ax.clear()`` removes the old one's rectangle from the axes."""
        from matplotlib.widgets import RectangleSelector

        if self.selector is not None:
            self.selector.disconnect_events()
        # Shift must add to the selection, not make the box square (its default meaning).
        self.selector = RectangleSelector(
            self.ax, self._on_box, useblit=True, button=[1], minspanx=CLICK_PIXELS,
            minspany=CLICK_PIXELS, spancoords="pixels", interactive=False,
            props={"facecolor": "#3182bd", "edgecolor": "#08519c", "alpha": 0.15, "fill": True},
            state_modifier_keys={"square": "not-applicable", "center": "not-applicable"},
        )

    # -- model → view ----------------------------------------------------------------------
    def set_result(self, themes: ThemeResults | None) -> None:
        """Draw the Moran scatter plot of ``themes.lisa`` (clears it for None)."""
        ax = self.ax
        ax.clear()
        self._make_selector()
        self.points = self.ring = None
        self.ids, self.labels, self.xy = [], [], np.empty((0, 2))
        lisa = getattr(themes, "lisa", None)
        if lisa is None:
            err = (getattr(themes, "errors", None) or {}).get("clusters")
            text = self.tr("Klyngene er ikke beregnet.")
            if err:
                text += " " + err
            _message(ax, text if themes is not None else self.tr("Ingen klyngeanalyse ennå."))
            self.canvas.draw_idle()
            return
        from ..core.analysis.clusters import LABELS_NB, LISA_LABELS, NOT_SIGNIFICANT
        from ..core.pipeline import LISA_COLORS

        ax.set_axis_on()
        zt = themes.zone_table
        column = themes.settings.cluster_column
        info = zt.info.get(column)
        var = info.label(ui_lang()) if info else column
        sc = lisa.scatter
        self.ids = [str(z) for z in sc.index]
        self.xy = sc[["z", "lag"]].to_numpy(dtype=float)
        labels = lisa.labels.reindex(sc.index)
        sig = lisa.significant.reindex(sc.index).fillna(False).astype(bool)
        self.labels = [str(lab) for lab in labels]
        colors = [LISA_COLORS.get(lab, NOT_SIGNIFICANT_POINT) if s else NOT_SIGNIFICANT_POINT
                  for lab, s in zip(self.labels, sig)]
        names = zt.gdf["zone_name"] if "zone_name" in zt.gdf.columns else None
        self.names = {str(z): str(names.get(z, z)) if names is not None else str(z) for z in sc.index}
        # Not significant first, so the coloured points are drawn on top of the grey ones.
        order = np.argsort(sig.to_numpy(), kind="stable")
        self._order = order
        self.points = ax.scatter(self.xy[order, 0], self.xy[order, 1], c=[colors[i] for i in order], s=36,
                                 edgecolors="#404040", linewidths=0.5, zorder=3, picker=True, pickradius=5)
        ax.axhline(0, color="#999999", lw=0.8, ls="--", zorder=1)
        ax.axvline(0, color="#999999", lw=0.8, ls="--", zorder=1)
        # The slope of the lag on the standardised value is the global Moran's I (row-standardised
        # weights), and both are centred, so the line runs through the origin.
        lo, hi = float(self.xy[:, 0].min()), float(self.xy[:, 0].max())
        pad = 0.08 * (hi - lo or 1.0)
        xs = np.array([lo - pad, hi + pad])
        ax.plot(xs, lisa.global_i * xs, color="#333333", lw=1.2, zorder=2)
        ax.set_xlim(xs[0], xs[1])
        ylo, yhi = float(self.xy[:, 1].min()), float(self.xy[:, 1].max())
        ypad = 0.1 * (yhi - ylo or 1.0)
        ax.set_ylim(min(ylo - ypad, -ypad), max(yhi + ypad, ypad))
        ax.set_title(self.tr("Moran's I = {i} (p = {p})").format(i=_nb(lisa.global_i, 2),
                                                                p=_nb(lisa.global_p, 3)),
                     fontsize=FONT_SIZE + 2)
        ax.set_xlabel(_wrap(self.tr("{var} (standardisert)").format(var=var)), fontsize=FONT_SIZE)
        ax.set_ylabel(_wrap(self.tr("Naboenes snitt (romlig lag)"), 40), fontsize=FONT_SIZE)
        ax.tick_params(labelsize=FONT_SIZE - 1)
        _comma_axes(ax)
        self._legend(ax, labels, sig, LISA_LABELS, LABELS_NB, LISA_COLORS, NOT_SIGNIFICANT)
        self.ring = ax.scatter([], [], s=130, facecolors="none", edgecolors=RING_COLOR, linewidths=1.6,
                               zorder=4)
        self._draw_ring()
        self.canvas.draw_idle()

    def _legend(self, ax, labels, sig, order, names_nb, colors, not_sig) -> None:
        from matplotlib.lines import Line2D

        handles = []
        shown = labels.where(sig, not_sig)
        counts = shown.value_counts()
        for lab in order:
            n = int(counts.get(lab, 0))
            if not n:
                continue
            color = colors[lab] if lab != not_sig else NOT_SIGNIFICANT_POINT
            handles.append(Line2D([], [], ls="", marker="o", markersize=6, markerfacecolor=color,
                                  markeredgecolor="#404040", markeredgewidth=0.5,
                                  label=f"{self.tr(names_nb[lab])} ({n})"))
        handles.append(Line2D([], [], color="#333333", lw=1.2, label=self.tr("Helning = Moran's I")))
        # Upper left is the Low-High quadrant: the fewest points as a rule.
        ax.legend(handles=handles, loc="upper left", fontsize=FONT_SIZE - 1, framealpha=0.9,
                  borderaxespad=0.4, handletextpad=0.4)

    def set_selection(self, ids: Iterable[str]) -> None:
        """Ring the points of ``ids`` (zones without a point are ignored); does not emit."""
        self._selection = [str(z) for z in ids]
        self._draw_ring()
        self.canvas.draw_idle()

    def selected_ids(self) -> list[str]:
        """The zones currently ringed, in the order given."""
        pos = set(self.ids)
        return [z for z in self._selection if z in pos]

    def _draw_ring(self) -> None:
        if self.ring is None:
            return
        index = {z: i for i, z in enumerate(self.ids)}
        rows = [index[z] for z in self._selection if z in index]
        self.ring.set_offsets(self.xy[rows] if rows else np.empty((0, 2)))

    # -- view → model ----------------------------------------------------------------------
    def _user_selects(self, ids: list[str]) -> None:
        self._selection = ids
        self._draw_ring()
        self.canvas.draw_idle()
        self.selectionChanged.emit(list(ids))

    def _on_press(self, event) -> None:
        self._press = event if event.inaxes is self.ax and event.button == 1 else None

    def _on_pick(self, event) -> None:
        if event.artist is not self.points or not len(event.ind):
            return
        me = event.mouseevent
        if me.button != 1:
            return
        # Several points under the cursor: the nearest one (in pixels) is the one meant.
        disp = self.ax.transData.transform(self.xy[self._order[event.ind]])
        nearest = int(event.ind[int(np.argmin(np.hypot(disp[:, 0] - me.x, disp[:, 1] - me.y)))])
        zone = self.ids[int(self._order[nearest])]
        self._pick_xy = (me.x, me.y)
        current = self.selected_ids()
        if _shift(me):
            ids = [z for z in current if z != zone] if zone in current else current + [zone]
        else:
            ids = [zone]
        self._user_selects(ids)

    def _on_release(self, event) -> None:
        press, self._press = self._press, None
        if press is None or event.button != 1 or _click_distance(press, event) > CLICK_PIXELS:
            return
        picked = self._pick_xy == (press.x, press.y)
        self._pick_xy = None
        if not picked and not _shift(press) and self.ids and self._selection:
            self._user_selects([])  # a click on empty space clears, as on the map

    def _on_box(self, eclick, erelease) -> None:
        if abs(eclick.x - erelease.x) <= CLICK_PIXELS or abs(eclick.y - erelease.y) <= CLICK_PIXELS:
            return  # a click: handled by the pick and release handlers
        x0, x1 = sorted((eclick.xdata, erelease.xdata))
        y0, y1 = sorted((eclick.ydata, erelease.ydata))
        ids = self.ids_in_box(x0, x1, y0, y1)
        if _shift(erelease) or _shift(eclick):
            ids = _merge(self.selected_ids(), ids)
        self._user_selects(ids)

    def ids_in_box(self, x0: float, x1: float, y0: float, y1: float) -> list[str]:
        """Zones whose point lies in the box (data coordinates), in plot order."""
        if not self.ids:
            return []
        x, y = self.xy[:, 0], self.xy[:, 1]
        inside = (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
        return [z for z, ok in zip(self.ids, inside) if ok]

    def _on_hover(self, event) -> None:
        if self.points is None or event.inaxes is not self.ax or self._press is not None:
            return
        hit, info = self.points.contains(event)
        if not hit:
            self.canvas.setToolTip("")
            return
        from ..maps.zonemap import category_label

        i = int(self._order[info["ind"][0]])
        z = self.ids[i]
        self.canvas.setToolTip(
            f"{self.names.get(z, z)} [{z}]\n{category_label(self.labels[i])}\n"
            + self.tr("verdi {z}, naboer {lag}").format(z=_nb(self.xy[i, 0], 2), lag=_nb(self.xy[i, 1], 2)))


# --------------------------------------------------------------------------------------------
# Histogram
# --------------------------------------------------------------------------------------------
class Histogram(QWidget):
    """Histogram of one ZoneTable column with the selected zones drawn on top.

    Signals
    -------
    selectionChanged(list)
        Zone ids (str) whose value lies in the range the user dragged on the x axis (shift
        adds them to the current selection), or in the bar the user clicked.

    Slots / methods
    ---------------
    set_data(zone_table, column, *, values=None, classification=None)
        Draw ``column`` (or ``values``, e.g. the change since a year, aligned on zone ids).
    set_classification(settings)
        ``{"scheme", "k", "bins"}`` as emitted by the ClassificationPanel: colours the bars
        like the map's classes.
    set_selection(ids)
        Draw these zones on top (no signal).
    """

    selectionChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure, self.canvas, self.ax = _new_canvas(self)
        self.canvas.setObjectName("histogramCanvas")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.canvas)
        self.zone_table: ZoneTable | None = None
        self.column: str | None = None
        self.values: pd.Series | None = None  # finite values only, indexed by zone id (str)
        self.edges = np.empty(0)
        self.classification: dict[str, Any] = {"scheme": "quantiles", "k": 5, "bins": None}
        self.bars = None
        self.selected_bars = None
        self._selection: list[str] = []
        self._press = None
        self._shift_on_release = False
        # Connected before the SpanSelector so the modifiers of the release are known when the
        # selector calls back (it does not pass the events on).
        self.canvas.mpl_connect("button_press_event", self._on_press)
        self.canvas.mpl_connect("button_release_event", self._on_release)
        self.span = None
        self._clear(self.tr("Velg en tallkolonne for histogrammet."))

    # -- model → view ----------------------------------------------------------------------
    def set_data(self, zone_table: ZoneTable | None, column: str | None, *, values: pd.Series | None = None,
                 classification: dict[str, Any] | None = None) -> None:
        """Draw the histogram of ``column`` of ``zone_table`` (or of ``values``)."""
        import pandas as pd

        self.zone_table, self.column = zone_table, column
        if classification is not None:
            self.classification = dict(classification)
        if zone_table is None or column is None or column not in zone_table.gdf.columns:
            self._clear(self.tr("Velg en tallkolonne for histogrammet."))
            return
        info = zone_table.info.get(column)
        raw = values if values is not None else zone_table.gdf[column]
        raw = pd.Series(raw).reindex(zone_table.gdf.index)
        if (info is not None and info.kind == "class") or not pd.api.types.is_numeric_dtype(raw):
            self._clear(self.tr("«{col}» er en kategori, ikke et tall: vis den i kartet.").format(
                col=info.label(ui_lang()) if info else column))
            return
        v = raw.astype(float)
        v = v[np.isfinite(v.to_numpy())]
        v.index = v.index.map(str)
        if v.empty:
            self._clear(self.tr("Ingen soner har verdi for «{col}».").format(col=info.label(ui_lang()) if info else column))
            return
        self.values = v
        self._draw()

    def set_classification(self, settings: dict[str, Any]) -> None:
        """Colour the bars with this map classification (``scheme``, ``k``, ``bins``)."""
        self.classification = dict(settings)
        if self.values is not None:
            self._draw()

    def set_selection(self, ids: Iterable[str]) -> None:
        """Draw the values of ``ids`` on top of the bars; does not emit."""
        self._selection = [str(z) for z in ids]
        if self.values is not None:
            self._draw_selected()
            self.canvas.draw_idle()

    def selected_ids(self) -> list[str]:
        """Selected zones that have a value in the histogram."""
        if self.values is None:
            return []
        return [z for z in self._selection if z in self.values.index]

    def ids_in_range(self, lo: float, hi: float) -> list[str]:
        """Zones with ``lo <= value <= hi``, in zone-table order."""
        if self.values is None:
            return []
        v = self.values
        return [str(z) for z in v.index[(v >= lo) & (v <= hi)]]

    def _make_span(self, active: bool) -> None:
        """A fresh range selector: ``ax.clear()`` removes the old one's patch from the axes."""
        from matplotlib.widgets import SpanSelector

        if self.span is not None:
            self.span.disconnect_events()
        self.span = SpanSelector(
            self.ax, self._on_span, "horizontal", useblit=True, button=[1], minspan=0.0,
            interactive=False, props={"facecolor": "#3182bd", "alpha": 0.2},
        )
        self.span.set_active(active)

    def _clear(self, text: str) -> None:
        self.values, self.bars, self.selected_bars = None, None, None
        self.edges = np.empty(0)
        _message(self.ax, text)
        self._make_span(False)
        self.canvas.draw_idle()

    def _bar_colors(self, centres: np.ndarray) -> list[str]:
        from ..core.errors import UngtloftError
        from ..maps.classify import classify

        info = self.zone_table.info.get(self.column) if self.zone_table is not None else None
        c = self.classification
        try:
            cl = classify(self.values.to_numpy(), c.get("scheme", "quantiles"), int(c.get("k", 5)),
                          direction=info.direction if info else None, bins=c.get("bins"))
        except (UngtloftError, ValueError):
            return [BAR_COLOR] * len(centres)
        # A bar takes the class of its middle: exact when the breaks fall on bar edges, and
        # close enough to read the map's colours off the distribution otherwise.
        return [cl.color_of(float(x)) for x in centres]

    def _draw(self) -> None:
        ax = self.ax
        ax.clear()
        self.selected_bars = None  # cleared with the axes: nothing left to remove
        ax.set_axis_on()
        self._make_span(True)
        v = self.values.to_numpy()
        lo, hi = float(v.min()), float(v.max())
        if np.allclose(v, np.round(v)) and hi - lo <= 40:
            # Whole numbers (number of burdens, counts): one bar per value, centred on it.
            self.edges = np.arange(lo - 0.5, hi + 1.0, 1.0)
        else:
            if lo == hi:
                lo, hi = lo - 0.5, hi + 0.5
            n_bins = int(np.clip(np.ceil(np.sqrt(len(v)) * 1.5), 5, 30))
            self.edges = np.linspace(lo, hi, n_bins + 1)
        counts, _ = np.histogram(v, self.edges)
        centres = (self.edges[:-1] + self.edges[1:]) / 2
        width = np.diff(self.edges)
        self.bars = ax.bar(centres, counts, width=width, color=self._bar_colors(centres),
                           edgecolor="#7f7f7f", linewidth=0.6, zorder=2)
        info = self.zone_table.info.get(self.column)
        label = info.label(ui_lang()) if info else self.column
        unit = info.unit if info else ""
        ax.set_title(_wrap(label, 55), fontsize=FONT_SIZE + 2)
        ax.set_xlabel(self.tr("Verdi ({unit})").format(unit=unit) if unit else self.tr("Verdi"),
                      fontsize=FONT_SIZE)
        ax.set_ylabel(self.tr("Antall soner"), fontsize=FONT_SIZE)
        ax.tick_params(labelsize=FONT_SIZE - 1)
        ax.yaxis.get_major_locator().set_params(integer=True)
        _comma_axes(ax)
        ax.set_ylim(0, max(1, int(counts.max())) * 1.4)  # room for the legend
        ax.set_xlim(self.edges[0] - width[0] * 0.5, self.edges[-1] + width[-1] * 0.5)
        if info is not None and info.kind in ("rate", "measure") and self.column in self.zone_table.gdf.columns:
            try:
                mun = float(self.zone_table.municipal_value(self.column))
            except (KeyError, ValueError, ZeroDivisionError):
                mun = float("nan")
            if math.isfinite(mun):
                ax.axvline(mun, color="#08519c", lw=1.4, ls="--", zorder=4,
                           label=self.tr("Kommunen: {v}").format(v=format_value(mun, unit)))
        ax.grid(axis="y", color="#e6e6e6", lw=0.6, zorder=0)
        ax.set_axisbelow(True)
        self._draw_selected()
        self.canvas.draw_idle()

    def _draw_selected(self) -> None:
        from matplotlib.patches import Patch

        if self.selected_bars is not None:
            try:
                self.selected_bars.remove()
            except (NotImplementedError, ValueError):
                pass  # the axes were cleared by a redraw: the old bars are already gone
            self.selected_bars = None
        ax = self.ax
        sel = self.values.reindex(self.selected_ids())
        counts, _ = np.histogram(sel.to_numpy(), self.edges)
        centres = (self.edges[:-1] + self.edges[1:]) / 2
        # Only the bars that hold a selected zone: an empty hatched bar is drawn as a thick line.
        keep = counts > 0
        # Narrower dark bars inside the full ones: both the distribution and where the selected
        # zones sit in it stay readable.
        # White hatched bars stay visible on every class colour, the darkest included.
        self.selected_bars = ax.bar(centres[keep], counts[keep], width=np.diff(self.edges)[keep] * 0.55, color="white",
                                    edgecolor=SELECTED_BAR_COLOR, hatch="////", linewidth=1.2, zorder=3,
                                    label=self.tr("Valgte soner ({n})").format(n=len(sel)))
        # A neutral swatch for all zones: the bars have the classes' colours, not one.
        everyone = Patch(facecolor="#e0e0e0", edgecolor="#7f7f7f", linewidth=0.6,
                         label=self.tr("Alle soner ({n})").format(n=len(self.values)))
        handles = [everyone, self.selected_bars] + [ln for ln in ax.get_lines() if ln.get_label()[:1] != "_"]
        ax.legend(handles=handles, loc="upper right", fontsize=FONT_SIZE - 1, framealpha=0.9)

    # -- view → model ----------------------------------------------------------------------
    def _on_press(self, event) -> None:
        self._press = event if event.inaxes is self.ax and event.button == 1 else None

    def _on_release(self, event) -> None:
        self._shift_on_release = _shift(event) or (self._press is not None and _shift(self._press))
        press, self._press = self._press, None
        if press is None or self.values is None or event.button != 1:
            return
        if _click_distance(press, event) <= CLICK_PIXELS and press.xdata is not None:
            # A click: the zones of the bar under the cursor (empty space clears).
            i = int(np.searchsorted(self.edges, press.xdata, side="right")) - 1
            if 0 <= i < len(self.edges) - 1:
                hi_edge = self.edges[i + 1]
                v = self.values
                upper = (v <= hi_edge) if i == len(self.edges) - 2 else (v < hi_edge)
                ids = [str(z) for z in v.index[(v >= self.edges[i]) & upper]]
            else:
                ids = []
            self._emit(ids)

    def _on_span(self, vmin: float, vmax: float) -> None:
        lo_px, hi_px = self.ax.transData.transform([(vmin, 0), (vmax, 0)])[:, 0]
        if abs(hi_px - lo_px) <= CLICK_PIXELS:
            return  # a click: handled in _on_release
        self._emit(self.ids_in_range(vmin, vmax))

    def _emit(self, ids: list[str]) -> None:
        if self._shift_on_release:
            ids = _merge(self.selected_ids(), ids)
        self._selection = ids
        self._draw_selected()
        self.canvas.draw_idle()
        self.selectionChanged.emit(list(ids))
