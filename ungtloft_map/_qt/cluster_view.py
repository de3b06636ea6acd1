"""Cluster views (#6): Moran scatter plot, histogram and the cluster settings panel.

Three standalone widgets for the side tabs of the main window. Each one is driven from the
model by plain methods (``set_result``, ``set_data``, ``set_selection``, ``set_settings`` ...,
none of which emits) and reports what the user does through signals:

* :class:`MoranScatter` -- the Moran scatter plot of the variable the clusters were computed on
  (standardised value against its spatial lag, coloured by LISA label, the regression line whose
  slope is the global Moran's I). Click a point (shift toggles it) or drag a box (shift adds) to
  emit ``selectionChanged(list[str])``.
* :class:`Histogram` -- a ZoneTable column as a histogram, bars coloured like the map's classes,
  the selected zones drawn on top. Drag a range on the x axis (shift adds) or click a bar to emit
  ``selectionChanged(list[str])``.
* :class:`ClusterPanel` -- every choice of the index and the cluster analysis, the indicator and
  theme weights, and the plain-language summary. Emits ``settingsChanged(AnalysisSettings)``
  300 ms after the user's last change, and ``selectionChanged(list[str])`` from "Velg klyngen".

Start-up: ``core.pipeline`` (esda, libpysal) and matplotlib take seconds to import, so this
module imports them only when a widget is built or a result arrives; importing it is cheap.

Examples
--------
>>> scatter = MoranScatter()  # doctest: +SKIP
>>> window.themesReady.connect(scatter.set_result)  # doctest: +SKIP
>>> scatter.selectionChanged.connect(window.select_zones)  # doctest: +SKIP
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.text import INDEX_METHODS as TEXT_INDEX_METHODS
from ..core.text import format_number, format_short, format_value, index_method_name, theme_name
from .i18n import ui_lang
from .widgets import compact_combo, norwegian_locale

if TYPE_CHECKING:
    import pandas as pd

    from ..core.pipeline import AnalysisSettings, ThemeResults
    from ..core.zonetable import ZoneTable

__all__ = ["ClusterPanel", "Histogram", "MoranScatter", "index_indicators"]

#: Points of not-significant zones: LISA_COLORS' own grey (#f0f0f0) is meant for map fills and
#: vanishes on the white plot background.
NOT_SIGNIFICANT_POINT = "#a6a6a6"
RING_COLOR = "#111111"
BAR_COLOR = "#9ecae1"  # bars when the column cannot be classified
SELECTED_BAR_COLOR = "#252525"
#: A press and release closer than this (pixels) is a click, not a drag.
CLICK_PIXELS = 4.0
FONT_SIZE = 9
#: The index methods: (key, bokmål name) from core.text, shown in the interface language.
INDEX_METHODS = tuple((key, names[0]) for key, names in TEXT_INDEX_METHODS.items())
#: The labels of the weight choices, in bokmål (run through ``tr`` when shown).
WEIGHT_KINDS = (("queen", QT_TRANSLATE_NOOP("ClusterPanel", "Dronning (grense eller hjørne)")),
                ("knn", QT_TRANSLATE_NOOP("ClusterPanel", "k nærmeste")))
PERMUTATIONS = (99, 999, 9999)
ALPHAS = (0.05, 0.01)
BURDEN_PERCENTILES = (0.8, 0.9)
WEIGHT_MAX = 5.0
WEIGHT_STEP = 0.5
DEBOUNCE_MS = 300


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


# --------------------------------------------------------------------------------------------
# Settings and summary panel
# --------------------------------------------------------------------------------------------
def index_indicators(themes: ThemeResults) -> list[tuple[str, str, str]]:
    """The indicators that entered the composite index: ``(key, label, theme)`` each.

    From ``themes.index`` when the index was computed; otherwise (e.g. every weight set to 0)
    the ZoneTable columns that carry a theme and a direction, so the weights can be repaired.
    """
    zt = themes.zone_table
    if themes.index is not None:
        keys = list(themes.index.indicator_scores.columns)
    else:
        from ..core.analysis.index import OVERLAY_INDICATORS

        overlay = {c for c, _, _ in OVERLAY_INDICATORS}
        keys = [c for c, i in zt.info.items() if i.theme and i.direction
                and (i.count_col or c in overlay) and c in zt.gdf.columns and zt.gdf[c].notna().any()]
    out = []
    for k in keys:
        info = zt.info.get(k)
        out.append((k, info.label(ui_lang()) if info else k, (info.theme if info else None) or ""))
    return out


def _paragraphs(sentences: Sequence[str]) -> str:
    """The summary as HTML, one paragraph per finding (the core gives them one by one:
    :meth:`~ungtloft_map.core.pipeline.ThemeResults.cluster_summary_sentences`)."""
    return "".join(f'<p style="margin:0 0 4px 0">{html.escape(p)}</p>' for p in sentences if p)


def _combo(name: str) -> QComboBox:
    # Long labels must not widen a narrow side panel: the combo elides, the popup shows all.
    return compact_combo(name, 8)


def _select_data(combo: QComboBox, value: Any, label: str) -> None:
    """Select the item holding ``value``, adding it first if it is not among the choices."""
    i = combo.findData(value)
    if i < 0:
        combo.addItem(label, value)
        i = combo.count() - 1
    combo.setCurrentIndex(i)


class ClusterPanel(QWidget):
    """Choices of the composite index and the clusters, the weights, and the cluster summary.

    Signals
    -------
    settingsChanged(object)
        An :class:`~ungtloft_map.core.pipeline.AnalysisSettings` with the user's choices, 300 ms
        after the last change (a spin box held down or typed into emits once).
    selectionChanged(list)
        "Velg klyngen": the zone ids (str) of the current zone's cluster
        (:func:`~ungtloft_map.core.analysis.clusters.cluster_members`).

    Slots / methods
    ---------------
    set_result(themes)
        Show the settings, indicators and summary of a ThemeResults (no signal).
    set_settings(settings, indicators)
        Show ``settings``; ``indicators`` is a list of ``(key, label, theme)`` (no signal).
    set_current_zone(zone_id)
        The zone "Velg klyngen" works on (None: none); the button is enabled only when that
        zone is significant in the current result.
    settings()
        The AnalysisSettings the controls show now.
    """

    settingsChanged = Signal(object)
    selectionChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base: AnalysisSettings | None = None
        self._indicators: list[tuple[str, str, str]] = []
        self._themes: ThemeResults | None = None
        self._zone: str | None = None
        self._members: list[str] = []
        self._locale = norwegian_locale()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit_settings)

        self.method = _combo("indexMethod")
        for key, _label in INDEX_METHODS:  # names in the interface language (core.text)
            self.method.addItem(index_method_name(key, ui_lang()), key)
        self.burden = _combo("burdenPercentile")
        for p in BURDEN_PERCENTILES:
            self.burden.addItem(self.tr("{n}. persentil").format(n=round(p * 100)), p)
        self.column = _combo("clusterColumn")
        self.weights_kind = _combo("weightsKind")
        for key, label in WEIGHT_KINDS:
            self.weights_kind.addItem(self.tr(label), key)
        self.k = QSpinBox()
        self.k.setObjectName("clusterK")
        self.k.setRange(1, 30)
        self.k.setValue(5)
        self.k.setPrefix("k = ")
        self.permutations = _combo("permutations")
        for n in PERMUTATIONS:
            self.permutations.addItem(format_number(n, 0), n)
        self.alpha = _combo("alpha")
        for a in ALPHAS:
            self.alpha.addItem(_nb(a, 2), a)
        self.fdr = QCheckBox(self.tr("Korriger for mange tester (FDR)"))
        self.fdr.setObjectName("fdr")
        self.fdr.setToolTip(self.tr("Benjamini–Hochberg: færre soner blir signifikante ved en tilfeldighet."))

        form = QFormLayout()
        form.setContentsMargins(4, 4, 4, 4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Indeksmetode:"), self.method)
        form.addRow(self.tr("Belastningsgrense:"), self.burden)
        form.addRow(self.tr("Klynger i:"), self.column)
        nb_row = QHBoxLayout()
        nb_row.addWidget(self.weights_kind, 1)
        nb_row.addWidget(self.k)
        form.addRow(self.tr("Naboer:"), nb_row)
        form.addRow(self.tr("Permutasjoner:"), self.permutations)
        form.addRow(self.tr("Signifikansnivå (α):"), self.alpha)
        form.addRow("", self.fdr)
        method_box = QGroupBox(self.tr("Metode"))
        method_box.setLayout(form)

        self.weights_table = QTableWidget(0, 3)
        self.weights_table.setObjectName("indicatorWeights")
        self.weights_table.setHorizontalHeaderLabels([self.tr("Indikator"), self.tr("Tema"), self.tr("Vekt")])
        self.theme_table = QTableWidget(0, 2)
        self.theme_table.setObjectName("themeWeights")
        self.theme_table.setHorizontalHeaderLabels([self.tr("Tema"), self.tr("Vekt")])
        for t in (self.weights_table, self.theme_table):
            t.verticalHeader().setVisible(False)
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            t.horizontalHeader().setSectionResizeMode(t.columnCount() - 1, QHeaderView.ResizeMode.ResizeToContents)
        self.weights_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._weight_spins: dict[str, QDoubleSpinBox] = {}
        self._theme_spins: dict[str, QDoubleSpinBox] = {}
        weights_box = QGroupBox(self.tr("Vekter (0 = ikke med)"))
        wl = QVBoxLayout(weights_box)
        wl.setContentsMargins(4, 4, 4, 4)
        wl.addWidget(self.weights_table)
        wl.addWidget(self.theme_table)

        controls = QWidget()
        cl = QVBoxLayout(controls)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(method_box)
        cl.addWidget(weights_box)
        cl.addStretch(1)
        self._controls = controls
        self._scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(controls)

        self.summary = QTextBrowser()
        self.summary.setObjectName("clusterSummary")
        self.summary.setReadOnly(True)
        self.summary.setOpenLinks(False)
        self.summary.setPlaceholderText(self.tr("Oppsummeringen av klyngene kommer når temaene er beregnet."))
        self.zone_label = QLabel()
        self.zone_label.setObjectName("clusterZone")
        self.zone_label.setWordWrap(True)
        self.select_cluster = QPushButton(self.tr("Velg klyngen"))
        self.select_cluster.setObjectName("selectCluster")
        self.select_cluster.setToolTip(self.tr(
            "Velger de sammenhengende signifikante sonene av samme type som den valgte sonen, "
            "og naboene deres."))
        self.select_cluster.clicked.connect(self._on_select_cluster)
        summary_box = QGroupBox(self.tr("Klyngene"))
        sl = QVBoxLayout(summary_box)
        sl.setContentsMargins(4, 4, 4, 4)
        sl.addWidget(self.summary, 1)
        row = QHBoxLayout()
        row.addWidget(self.zone_label, 1)
        row.addWidget(self.select_cluster, 0, Qt.AlignmentFlag.AlignTop)
        sl.addLayout(row)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(summary_box)
        # The controls get the room as the panel grows; the summary keeps a few readable lines.
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        summary_box.setMinimumHeight(130)
        self.splitter.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.splitter)

        for combo in (self.method, self.burden, self.column, self.weights_kind, self.permutations, self.alpha):
            combo.currentIndexChanged.connect(self._changed)
        self.k.valueChanged.connect(self._changed)
        self.fdr.toggled.connect(self._changed)
        self._sync_enabled()
        self._update_zone()
        self._fit_controls()

    # -- model → view ----------------------------------------------------------------------
    def set_result(self, themes: ThemeResults | None) -> None:
        """Show the settings, indicators and cluster summary of ``themes`` (no signal)."""
        self._themes = themes
        if themes is None:
            self.summary.clear()
            self._update_zone()
            return
        indicators = index_indicators(themes)
        # A failed index (all weights 0) has no indicator list: keep the table to repair it.
        self.set_settings(themes.settings, indicators or self._indicators)
        sentences = [s.text for s in themes.cluster_summary_sentences(ui_lang())]
        if not sentences:
            err = themes.errors.get("clusters") or themes.errors.get("index")
            sentences = [self.tr("Klyngene er ikke beregnet.") + (f" {err}" if err else "")]
        self.summary.setHtml(_paragraphs(sentences))
        self._update_zone()

    def set_settings(self, settings: AnalysisSettings, indicators: Sequence[tuple[str, str, str]]) -> None:
        """Show ``settings`` and a weight row per ``(key, label, theme)``; emits nothing."""
        self._timer.stop()  # the model's settings win over a change not yet sent
        self._base = settings
        blockers = [QSignalBlocker(w) for w in (self.method, self.burden, self.column, self.weights_kind,
                                                self.k, self.permutations, self.alpha, self.fdr)]
        try:
            _select_data(self.method, settings.index_method, settings.index_method)
            _select_data(self.burden, float(settings.burden_percentile),
                         self.tr("{n}. persentil").format(n=round(settings.burden_percentile * 100)))
            _select_data(self.weights_kind, settings.cluster_weights, settings.cluster_weights)
            self.k.setValue(int(settings.cluster_k))
            _select_data(self.permutations, int(settings.permutations), format_number(settings.permutations, 0))
            _select_data(self.alpha, float(settings.alpha), _nb(settings.alpha, 3).rstrip("0"))
            self.fdr.setChecked(bool(settings.fdr))
            self._fill_columns(indicators, settings.cluster_column)
            self._fill_weights(indicators, settings)
        finally:
            for b in blockers:
                b.unblock()
        self._sync_enabled()

    def set_current_zone(self, zone_id: str | None) -> None:
        """The zone "Velg klyngen" acts on; enables the button when it is significant."""
        self._zone = None if zone_id is None else str(zone_id)
        self._update_zone()

    def settings(self) -> AnalysisSettings:
        """The settings the controls show (fields without a control are kept from the model)."""
        base = self._base
        if base is None:
            from ..core.pipeline import AnalysisSettings

            base = AnalysisSettings()
        weights = dict(base.weights)
        weights.update({k: float(s.value()) for k, s in self._weight_spins.items()})
        theme_weights = dict(base.theme_weights)
        theme_weights.update({t: float(s.value()) for t, s in self._theme_spins.items()})
        return replace(
            base,
            index_method=self.method.currentData(),
            weights=weights,
            theme_weights=theme_weights,
            burden_percentile=float(self.burden.currentData()),
            cluster_column=self.column.currentData() or base.cluster_column,
            cluster_weights=self.weights_kind.currentData(),
            cluster_k=int(self.k.value()),
            permutations=int(self.permutations.currentData()),
            alpha=float(self.alpha.currentData()),
            fdr=self.fdr.isChecked(),
        )

    def weight_spin(self, key: str) -> QDoubleSpinBox:
        """The weight spin box of indicator ``key``."""
        return self._weight_spins[key]

    def theme_spin(self, theme: str) -> QDoubleSpinBox:
        """The weight spin box of ``theme``."""
        return self._theme_spins[theme]

    def _fill_columns(self, indicators: Sequence[tuple[str, str, str]], current: str) -> None:
        self.column.clear()
        self.column.addItem(self.tr("Sammensatt belastningsindeks"), "composite_score")
        themes = list(dict.fromkeys(t for _, _, t in indicators if t))
        if themes:
            self.column.insertSeparator(self.column.count())
        for t in themes:
            self.column.addItem(self.tr("Indeks: {theme}").format(theme=theme_name(t, ui_lang())),
                                f"theme_{t}")
        if indicators:
            self.column.insertSeparator(self.column.count())
        for key, label, _ in indicators:
            self.column.addItem(label, key)
        _select_data(self.column, current, current)

    def _fill_weights(self, indicators: Sequence[tuple[str, str, str]], settings: AnalysisSettings) -> None:
        new = [tuple(i) for i in indicators]
        if new != self._indicators:
            self._indicators = new
            self._weight_spins.clear()
            self._theme_spins.clear()
            self.weights_table.setRowCount(len(new))
            for r, (key, label, theme) in enumerate(new):
                item = QTableWidgetItem(label)
                item.setToolTip(f"{label} ({key})")  # the column is narrow: the full name
                self.weights_table.setItem(r, 0, item)
                self.weights_table.setItem(r, 1, QTableWidgetItem(theme_name(theme, ui_lang())))
                spin = self._spin(f"weight_{key}")
                self.weights_table.setCellWidget(r, 2, spin)
                self._weight_spins[key] = spin
            themes = list(dict.fromkeys(t for _, _, t in new if t))
            self.theme_table.setRowCount(len(themes))
            for r, theme in enumerate(themes):
                self.theme_table.setItem(r, 0, QTableWidgetItem(theme_name(theme, ui_lang())))
                spin = self._spin(f"themeWeight_{theme}")
                self.theme_table.setCellWidget(r, 1, spin)
                self._theme_spins[theme] = spin
            for t in (self.weights_table, self.theme_table):
                t.resizeColumnsToContents()
                t.resizeRowsToContents()
                t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
                # Tall enough for every row: the panel scrolls as a whole, not each table.
                h = t.horizontalHeader().height() + sum(t.rowHeight(r) for r in range(t.rowCount()))
                t.setFixedHeight(h + 2 * t.frameWidth())
            self._fit_controls()
        for key, spin in self._weight_spins.items():
            spin.blockSignals(True)
            spin.setValue(float(settings.weights.get(key, 1.0)))
            spin.blockSignals(False)
        for theme, spin in self._theme_spins.items():
            spin.blockSignals(True)
            spin.setValue(float(settings.theme_weights.get(theme, 1.0)))
            spin.blockSignals(False)

    def _fit_controls(self) -> None:
        # Never taller than its content: room the controls do not need goes to the summary.
        self._controls.adjustSize()
        self._scroll.setMaximumHeight(self._controls.sizeHint().height() + 2 * self._scroll.frameWidth())

    def _spin(self, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setLocale(self._locale)
        spin.setRange(0.0, WEIGHT_MAX)
        spin.setSingleStep(WEIGHT_STEP)
        spin.setDecimals(1)
        spin.setValue(1.0)
        spin.setFrame(False)
        spin.setMinimumWidth(64)
        spin.valueChanged.connect(self._changed)
        return spin

    # -- view → model ----------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        self._sync_enabled()
        self._timer.start()  # restarts: one recompute after the user stops

    def _emit_settings(self) -> None:
        self.settingsChanged.emit(self.settings())

    def _sync_enabled(self) -> None:
        self.k.setEnabled(self.weights_kind.currentData() == "knn")

    def _update_zone(self) -> None:
        self._members = []
        themes, zone = self._themes, self._zone
        lisa = getattr(themes, "lisa", None)
        if zone is None:
            self.zone_label.setText(self.tr("Velg en sone i kartet for å velge klyngen dens."))
        elif lisa is None or zone not in lisa.labels.index:
            self.zone_label.setText(self.tr("Sone {z}: ingen klyngeanalyse.").format(z=zone))
        else:
            from ..core.analysis.clusters import NO_DATA, NOT_SIGNIFICANT, cluster_members
            from ..maps.zonemap import category_label

            label = str(lisa.labels[zone])
            name = self._zone_name(zone)
            if label == NO_DATA:
                self.zone_label.setText(self.tr("{name} mangler data for klyngeanalysen.").format(name=name))
            elif label == NOT_SIGNIFICANT:
                self.zone_label.setText(self.tr("{name} er ikke i en signifikant klynge.").format(name=name))
            else:
                self._members = [str(z) for z in cluster_members(lisa, zone, themes.weights)]
                p = float(lisa.p_values[zone])
                self.zone_label.setText(self.tr("{name}: {what} (p = {p}), {n} soner med naboene.").format(
                    name=name, what=category_label(label), p=_nb(p, 3), n=len(self._members)))
        self.select_cluster.setEnabled(bool(self._members))

    def _zone_name(self, zone: str) -> str:
        gdf = self._themes.zone_table.gdf
        if "zone_name" in gdf.columns and zone in gdf.index:
            return f"{gdf.at[zone, 'zone_name']} [{zone}]"
        return self.tr("Sone {z}").format(z=zone)

    def _on_select_cluster(self) -> None:
        if self._members:
            self.selectionChanged.emit(list(self._members))
