"""Target-area selection for områdesatsing teams (issue #8): the panel.

:class:`TargetingPanel` drives :mod:`ungtloft_map.core.analysis.targeting` and
:func:`ungtloft_map.reports.target_brief.export_selection`; it computes nothing itself. Four tabs:

*Rangering*
    The zones ranked by the composite index. Every theme and indicator weight has a slider
    (0–50 = 0,0–5,0) and a spin box; the ranking follows 100 ms after the last move
    (:meth:`IndexInputs.rank <ungtloft_map.core.analysis.targeting.IndexInputs.rank>` takes
    about 50 ms on the demo). "Endring" is the move since the default weights (every weight 1).
    "Stabilitet" is computed on request in a worker: the share of 1 000 random weightings
    (each weight ±25 %) in which the zone stays in the top N.
*Kandidater*
    The current selection (map or table) becomes a candidate area (its zones must border each
    other); 2–5 candidates are compared side by side: a table re-aggregated from counts, one
    small map per candidate and a profile chart.
*Sammenligningssoner*
    The k zones most like the target candidate (bordering zones left out), one of which can be
    swapped by hand for a zone from the pool before the proposal is accepted.
*Innsiden av sonen*
    The 250 m population cells inside a candidate coloured by residents, distance to a
    qualifying green area, or travel time to the centre.

Below the tabs, "Eksporter utvalget …" writes the GeoPackage, CSV and brief of the selection.

Background work (stability, comparison, export) runs the app's :class:`~.workers.Worker` in a
plain Python thread, not Qt's thread pool: pyproj 3.7 segfaults on the second CRS made on a
pooled QThread (see ``import_dialog._Validation``), and the comparison and the export make CRS
objects (geopandas, the GeoPackage).

Examples
--------
>>> panel = TargetingPanel()  # doctest: +SKIP
>>> window.themesReady.connect(lambda th: panel.set_themes(window.project, th))  # doctest: +SKIP
>>> panel.selectionChanged.connect(window.select_zones)  # doctest: +SKIP
>>> panel.rankingChanged.connect(lambda score: ...)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QSignalBlocker,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import AnalysisError, UngtloftError
from ..core.text import (
    INDEX_METHODS,
    decimals_for,
    format_number,
    format_share,
    format_short,
    index_method_name,
)
from .i18n import ui_lang
from .widgets import ERROR_COLOR, compact_combo, message_label, norwegian_locale, push_button
from .workers import Worker

if TYPE_CHECKING:
    from ..core.analysis.targeting import (
        Candidate,
        CandidateProfile,
        ComparisonResult,
        IndexInputs,
        Ranking,
    )
    from ..core.pipeline import ThemeResults
    from ..core.project import Project
    from ..core.zonetable import ZoneTable

__all__ = ["TargetingPanel"]

#: :data:`ungtloft_map.core.analysis.targeting.MAX_CANDIDATES` (the tests check they agree). The
#: core module is imported only when the panel gets data: it pulls in esda/libpysal (seconds),
#: and the window builds this panel at start-up.
MAX_CANDIDATES = 5
#: Slider steps per weight unit: a slider 0–50 is a weight 0,0–5,0 in steps of 0,1.
SLIDER_SCALE = 10
WEIGHT_MAX = 5.0
DEBOUNCE_MS = 100
#: Below this width (pixels) the comparison-zone lists are stacked, not side by side.
NARROW_WIDTH = 600
STABILITY_DRAWS = 1000
STABILITY_SPREAD = 0.25
DEFAULT_TOP_N = 10
DEFAULT_K = 5
ZONE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
FONT_SIZE = 8
TARGET_EDGE = "#111111"
GREEN_EDGE = "#1a7f37"
#: Light tint of a candidate value worse than the municipality (direction-aware).
WORSE_TINT = "#fbe3e0"
ARROW_UP_COLOR = "#b30000"  # moved towards rank 1 = more disadvantaged
ARROW_DOWN_COLOR = "#1f5fa8"
#: Line colours of the candidates in the profile chart (ColorBrewer Dark2, readable on white).
CANDIDATE_COLORS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e")

#: Index methods: (key, bokmål name) from core.text, shown in the interface language.
METHODS = tuple((key, names[0]) for key, names in INDEX_METHODS.items())
#: Variables of the inside-zone map: (column, label, unit, colour map, decimals).
CELL_VARIABLES = (
    ("population", "Bosatte", "personer", "YlGnBu", 0),
    ("green_distance_m", "Avstand til kvalifiserende grøntområde", "m", "YlOrRd", 0),
    ("time_to_centre_min", "Reisetid til sentrum", "min", "YlOrRd", decimals_for("min")),
)
#: Rows of the comparison table that are not indicators (no profile point).
EXTRA_ROWS = ("population", "area_km2", "n_zones", "composite_rank")

# Ranking table columns.
COL_RANK, COL_ID, COL_NAME, COL_SCORE, COL_CHANGE, COL_STABILITY = range(6)


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------
def _nb(value: Any, decimals: int = 1) -> str:
    """A number as core.text writes it in bokmål; "–" for missing."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "–"
    return format_number(v, decimals)


def _pct(share: Any) -> str:
    """A share 0–1 as "87 %" (bokmål puts a space before the sign)."""
    try:
        v = float(share)
    except (TypeError, ValueError):
        return "–"
    return format_share(v, 0)


def _decimals(unit: str) -> int:
    # core.text's decimals per unit; a value without a unit here is a count (zones, flags).
    return decimals_for(unit) if unit else 0


def _start_in_thread(worker: Worker, name: str) -> Worker:
    """Run ``worker`` in a Python thread (see the module docstring for why not the pool)."""
    threading.Thread(target=worker.run, name=name, daemon=True).start()
    return worker


def _check_progress(progress, label: str, fraction: float) -> None:
    if progress is not None and progress(label, fraction) is False:
        raise AnalysisError("cancelled")


def _new_canvas(parent: QWidget, size: tuple[float, float] = (6.0, 4.0)):
    """A white matplotlib figure canvas (matplotlib is imported on first use: start-up time)."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=100, facecolor="white", layout="constrained")
    canvas = FigureCanvasQTAgg(fig)
    canvas.setParent(parent)
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    canvas.setMinimumSize(200, 160)
    return fig, canvas


def _figure_message(fig, text: str) -> None:
    """Clear the figure and say why there is nothing to draw."""
    import textwrap

    fig.clear()
    fig.text(0.5, 0.5, "\n".join(textwrap.wrap(text, 55)), ha="center", va="center",
             fontsize=FONT_SIZE + 1, color="#555555")


def _comma_formatter():
    """A matplotlib tick formatter that writes a decimal comma."""
    from matplotlib.ticker import FuncFormatter

    def fmt(x: float, _pos: int | None = None) -> str:
        return format_short(float(x))

    return FuncFormatter(fmt)


def _message_style(label: QLabel, error: bool) -> None:
    label.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")


# --------------------------------------------------------------------------------------------
# A weight: slider and spin box kept in step
# --------------------------------------------------------------------------------------------
class _WeightControl(QWidget):
    """A slider 0–50 (weight 0,0–5,0) and a spin box showing the same weight.

    Emits ``valueChanged(float)`` once per user change, whichever of the two moved.
    """

    valueChanged = Signal(float)

    def __init__(self, name: str, locale: QLocale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName(f"slider_{name}")
        self.slider.setRange(0, int(WEIGHT_MAX * SLIDER_SCALE))
        self.slider.setSingleStep(1)
        self.slider.setPageStep(5)
        self.slider.setValue(SLIDER_SCALE)
        self.slider.setMinimumWidth(90)
        self.spin = QDoubleSpinBox()
        self.spin.setObjectName(f"spin_{name}")
        self.spin.setLocale(locale)
        self.spin.setRange(0.0, WEIGHT_MAX)
        self.spin.setDecimals(1)
        self.spin.setSingleStep(1.0 / SLIDER_SCALE)
        self.spin.setValue(1.0)
        self.spin.setKeyboardTracking(False)  # typing "2,5" is one change, not "2" then "2,5"
        self.spin.setMinimumWidth(58)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.spin)
        self.slider.valueChanged.connect(self._on_slider)
        self.spin.valueChanged.connect(self._on_spin)

    def value(self) -> float:
        return round(float(self.spin.value()), 1)

    def set_value(self, value: float) -> None:
        """Show ``value`` without emitting."""
        with QSignalBlocker(self.slider), QSignalBlocker(self.spin):
            self.spin.setValue(float(value))
            self.slider.setValue(round(float(value) * SLIDER_SCALE))

    def _on_slider(self, pos: int) -> None:
        with QSignalBlocker(self.spin):
            self.spin.setValue(pos / SLIDER_SCALE)
        self.valueChanged.emit(self.value())

    def _on_spin(self, value: float) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setValue(round(value * SLIDER_SCALE))
        self.valueChanged.emit(self.value())


# --------------------------------------------------------------------------------------------
# The ranking table
# --------------------------------------------------------------------------------------------
class _RankingModel(QAbstractTableModel):
    """The rows of a :class:`Ranking` table, with the stability shares when computed.

    The cells are turned into plain lists once per ranking: ``data`` is called thousands of
    times per repaint, and a pandas row lookup there would cost more than the ranking itself.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.ids: list[str] = []
        self.text: list[list[str]] = []
        self.sort: list[list[Any]] = []
        self.change: list[float] = []
        self.base_rank: list[str] = []
        self.stability: pd.Series | None = None
        self.headers = ["", "", "", "", "", ""]
        self.header_tips = ["", "", "", "", "", ""]
        self.change_tip = "{n}"

    def set_ranking(self, ranking: Ranking | None, stability: pd.Series | None) -> None:
        self.beginResetModel()
        self.ids, self.text, self.sort, self.change, self.base_rank = [], [], [], [], []
        self.stability = stability
        if ranking is not None:
            t = ranking.table
            big = 1e12  # missing values sort last
            dec = 1 if ranking.method == "ratio" else 2
            names = (t["zone_name"].astype(str).tolist() if "zone_name" in t.columns
                     else [""] * len(t))
            rank = t["rank"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            score = t["score"].to_numpy(dtype=float)
            change = t["rank_change"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            base = t["baseline_rank"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            arrows = t["arrow"].astype(str).tolist()
            for i, zid in enumerate(map(str, t.index)):
                ch = change[i]
                if np.isnan(ch):
                    ch_text = "–"
                elif ch == 0:
                    ch_text = "0"
                else:
                    ch_text = f"{arrows[i]}\u2009{abs(int(ch))}"
                self.ids.append(zid)
                self.text.append([_nb(rank[i], 0), zid, names[i], _nb(score[i], dec), ch_text])
                # Plain Python floats: a numpy float reaches Qt as an object it cannot order.
                self.sort.append([float(rank[i]) if np.isfinite(rank[i]) else big, zid, names[i],
                                  float(score[i]) if np.isfinite(score[i]) else -big,
                                  float(ch) if np.isfinite(ch) else -big])
                self.change.append(float(ch))
                self.base_rank.append(_nb(base[i], 0))
        self.endResetModel()

    def set_stability(self, stability: pd.Series | None) -> None:
        self.stability = stability
        if self.rowCount():
            self.dataChanged.emit(self.index(0, COL_STABILITY),
                                  self.index(self.rowCount() - 1, COL_STABILITY))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips[section] or None
        return None

    def _stability_of(self, row: int) -> float:
        if self.stability is None:
            return np.nan
        v = self.stability.get(self.ids[row], np.nan)
        return float(v) if pd.notna(v) else np.nan

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_STABILITY:
                return "" if self.stability is None else _pct(self._stability_of(r))
            return self.text[r][col]
        if role == ZONE_ID_ROLE:
            return self.ids[r]
        if role == SORT_ROLE:
            if col == COL_STABILITY:
                v = self._stability_of(r)
                return float(v) if np.isfinite(v) else -1e12
            return self.sort[r][col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (COL_NAME, COL_ID):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_CHANGE:
            ch = self.change[r]
            if np.isfinite(ch) and ch != 0:
                return QColor(ARROW_UP_COLOR if ch > 0 else ARROW_DOWN_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_CHANGE:
            return self.change_tip.format(n=self.base_rank[r])
        return None


# --------------------------------------------------------------------------------------------
# The panel
# --------------------------------------------------------------------------------------------
class TargetingPanel(QWidget):
    """Rank zones, compare candidate areas, choose comparison zones, and export (issue #8).

    Signals
    -------
    selectionChanged(list)
        Zone ids (str) the user picked: rows of the ranking table, "Velg i kartet" on a
        candidate, "Vis i kartet" on the comparison zones (target and comparison zones).
    rankingChanged(object)
        A :class:`pandas.Series` of the composite score per ``zone_id`` under the weights shown,
        after every re-ranking (set_themes, a weight or the method moved, "Tilbakestill
        vekter"); higher = more disadvantaged. For the live score on the map.

    Slots / methods
    ---------------
    set_themes(project, themes)
        Take a :class:`~ungtloft_map.core.pipeline.ThemeResults` (None clears the ranking);
        emits ``rankingChanged``, never ``selectionChanged``. The weights follow
        ``themes.settings`` when those changed, else the weights being tried are kept;
        candidates whose zones all exist are kept (all of them while ``themes`` is None).
    set_selection(ids)
        The zones selected in the window: highlighted in the ranking table, and what "Legg til
        utvalget som kandidat" adds (no signal).
    export_to(path_stem, pdf=None) -> list[Path]
        Write the selection (target candidate, comparison zones, weights, year) with
        :func:`~ungtloft_map.reports.target_brief.export_selection`; what the export button does
        after its file dialog.

    Attributes
    ----------
    ranking : Ranking | None
    stability : pandas.Series | None
        Shares for the weights shown (None when not computed for them).
    candidates : list[Candidate]
    comparison : pandas.DataFrame | None
        The last :func:`~ungtloft_map.core.analysis.targeting.compare_candidates` table.
    comparison_zones : ComparisonResult | None
        The proposal shown (after any swap); ``accepted_comparison`` once accepted.
    """

    selectionChanged = Signal(list)
    rankingChanged = Signal(object)
    #: The project's place notes (set by the window); the brief lists those in the target zones.
    notes: list = []

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("targetingPanel")
        self._locale = norwegian_locale()
        self.project: Project | None = None
        self.themes: ThemeResults | None = None
        self.zone_table: ZoneTable | None = None
        self.inputs: IndexInputs | None = None
        self.ranking: Ranking | None = None
        self.stability: pd.Series | None = None
        self.candidates: list[Candidate] = []
        self.profiles: dict[str, CandidateProfile] = {}
        self.comparison: pd.DataFrame | None = None
        self.comparison_zones: ComparisonResult | None = None
        self.accepted_comparison: ComparisonResult | None = None
        self.last_export: list[Path] = []
        self._queen = None
        self._selection: list[str] = []
        self._updating_selection = False
        self._weight_controls: dict[str, _WeightControl] = {}
        self._theme_controls: dict[str, _WeightControl] = {}
        self._indicator_keys: list[str] = []
        self._settings_spec: tuple | None = None
        self._stab_worker: Worker | None = None
        self._compare_worker: Worker | None = None
        self._export_worker: Worker | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._rerank)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("targetingTabs")
        self.tabs.addTab(self._build_ranking_tab(), self.tr("Rangering"))
        self.tabs.addTab(self._build_candidates_tab(), self.tr("Kandidater"))
        self.tabs.addTab(self._build_comparison_tab(), self.tr("Sammenligningssoner"))
        self.tabs.addTab(self._build_inside_tab(), self.tr("Innsiden av sonen"))

        self.export_button = push_button(
            self.tr("Eksporter utvalget …"), "exportSelection", self._on_export_clicked,
            tooltip=self.tr(
            "Skriver GeoPackage, CSV og et kort notat (HTML/PDF) med målområdet valgt under "
            "«Sammenligningssoner», sammenligningssonene, vektene og året."))
        self.export_progress = QProgressBar()
        self.export_progress.setRange(0, 0)
        self.export_progress.setMaximumWidth(120)
        self.export_progress.hide()
        self.export_label = message_label("exportLabel")
        self.export_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.export_progress, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.export_label, 1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(bottom)
        self._set_enabled()

    # ========================================================================================
    # Building the tabs
    # ========================================================================================
    def _build_ranking_tab(self) -> QWidget:
        self.method_box = QComboBox()
        self.method_box.setObjectName("rankingMethod")
        for key, _label in METHODS:  # names in the interface language (core.text)
            self.method_box.addItem(index_method_name(key, ui_lang()), key)
        self.method_box.setToolTip(self.tr(
            "SVI: persentilrang per indikator, snitt per tema, rangert på nytt. COI: vektede, "
            "befolkningsvektede z-verdier. Oslo: forhold til kommunens nivå (100 = kommunen)."))
        self.method_box.currentIndexChanged.connect(self._on_weights_changed)
        self.reset_button = push_button(
            self.tr("Tilbakestill vekter"), "resetWeights", self.reset_weights,
            tooltip=self.tr("Setter alle vekter tilbake til 1,0 (standard)."))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Metode:")))
        top.addWidget(self.method_box, 1)
        top.addWidget(self.reset_button)

        self.weights_area = QWidget()
        self.weights_layout = QVBoxLayout(self.weights_area)
        self.weights_layout.setContentsMargins(0, 0, 4, 0)
        self.weights_layout.setSpacing(4)
        self.weights_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("weightsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.weights_area)
        self.weights_scroll = scroll

        self.ranking_model = _RankingModel(self)
        self.ranking_model.headers = [self.tr("Rang"), self.tr("Sone-ID"), self.tr("Sone"),
                                      self.tr("Indeks"), self.tr("Endring"),
                                      self.tr("Stabilitet")]
        self.ranking_model.header_tips = [
            self.tr("1 = mest belastede sone med vektene over"),
            "",
            "",
            self.tr("Sammensatt belastningsindeks; høyere = mer belastet"),
            self.tr("Plasser sonen har flyttet seg siden standardvektene (alle 1): ↑ = mot "
                    "rang 1 (mer belastet), ↓ = nedover"),
            self.tr("Andel av 1 000 tilfeldige vektinger (hver vekt ±25 %) der sonen er blant "
                    "de N mest belastede"),
        ]
        self.ranking_model.change_tip = self.tr("Rang med standardvektene (alle 1): {n}")
        self.ranking_proxy = QSortFilterProxyModel(self)
        self.ranking_proxy.setSourceModel(self.ranking_model)
        self.ranking_proxy.setSortRole(SORT_ROLE)
        self.ranking_table = QTableView()
        self.ranking_table.setObjectName("rankingTable")
        self.ranking_table.setModel(self.ranking_proxy)
        self.ranking_table.setSortingEnabled(True)
        self.ranking_table.sortByColumn(COL_RANK, Qt.SortOrder.AscendingOrder)
        self.ranking_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ranking_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.ranking_table.setAlternatingRowColors(True)
        self.ranking_table.verticalHeader().setVisible(False)
        self.ranking_table.verticalHeader().setDefaultSectionSize(22)
        header = self.ranking_table.horizontalHeader()
        # Fixed widths sized once (see _size_ranking_columns), not ResizeToContents: that mode
        # asks every cell for its size after each re-ranking, a visible share of a slider step.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.ranking_table.selectionModel().selectionChanged.connect(self._on_ranking_selection)

        self.top_n = QSpinBox()
        self.top_n.setObjectName("stabilityTopN")
        self.top_n.setRange(1, 49)
        self.top_n.setValue(DEFAULT_TOP_N)
        self.top_n.setPrefix(self.tr("topp "))
        self.top_n.valueChanged.connect(self._clear_stability)
        self.stability_button = push_button(
            self.tr("Beregn stabilitet"), "computeStability", self.compute_stability,
            tooltip=self.ranking_model.header_tips[COL_STABILITY])
        self.stability_progress = QProgressBar()
        self.stability_progress.setObjectName("stabilityProgress")
        self.stability_progress.setRange(0, 0)  # busy: one core call, no steps to report
        self.stability_progress.setMaximumWidth(90)
        self.stability_progress.hide()
        self.ranking_message = message_label("rankingMessage")
        stab = QHBoxLayout()
        stab.addWidget(QLabel(self.tr("Stabilitet for")))
        stab.addWidget(self.top_n)
        stab.addWidget(self.stability_button)
        stab.addWidget(self.stability_progress)
        stab.addStretch(1)

        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(stab)
        ll.addWidget(self.ranking_message)
        ll.addWidget(self.ranking_table, 1)

        self.ranking_splitter = QSplitter(Qt.Orientation.Vertical)
        self.ranking_splitter.addWidget(scroll)
        self.ranking_splitter.addWidget(lower)
        self.ranking_splitter.setChildrenCollapsible(False)
        self.ranking_splitter.setStretchFactor(0, 1)
        self.ranking_splitter.setStretchFactor(1, 1)
        self.ranking_splitter.setSizes([260, 300])

        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.ranking_splitter, 1)
        return page

    def _build_candidates_tab(self) -> QWidget:
        self.selection_label = message_label("selectionLabel")
        self.candidate_name = QLineEdit()
        self.candidate_name.setObjectName("candidateName")
        self.candidate_name.setPlaceholderText(self.tr("Navn (valgfritt), f.eks. Østbyen"))
        self.add_candidate_button = push_button(
            self.tr("Legg til utvalget som kandidat"), "addCandidate", self.add_selection_as_candidate,
            tooltip=self.tr(
            "De valgte sonene blir ett kandidatområde. Sonene må grense til hverandre."))
        self.candidate_name.returnPressed.connect(self.add_selection_as_candidate)
        self.candidate_message = message_label("candidateMessage")
        add_row = QHBoxLayout()
        add_row.addWidget(self.candidate_name, 1)
        add_row.addWidget(self.add_candidate_button)

        self.candidate_list = QListWidget()
        self.candidate_list.setObjectName("candidateList")
        self.candidate_list.setMaximumHeight(96)
        self.candidate_list.itemSelectionChanged.connect(self._set_enabled)
        self.remove_candidate_button = push_button(
            self.tr("Fjern"), "removeCandidate", self._on_remove_candidate)
        self.show_candidate_button = push_button(
            self.tr("Velg i kartet"), "showCandidate", self._on_show_candidate,
            tooltip=self.tr("Velger kandidatens soner i kartet og tabellen."))
        self.compare_button = push_button(self.tr("Sammenlign"), "compareCandidates", self.compare,
            tooltip=self.tr("Sammenligner 2–5 kandidater side om side."))
        self.compare_progress = QProgressBar()
        self.compare_progress.setRange(0, 0)
        self.compare_progress.setMaximumWidth(90)
        self.compare_progress.hide()
        buttons = QVBoxLayout()
        buttons.addWidget(self.remove_candidate_button)
        buttons.addWidget(self.show_candidate_button)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.compare_progress)
        buttons.addStretch(1)
        list_row = QHBoxLayout()
        list_row.addWidget(self.candidate_list, 1)
        list_row.addLayout(buttons)

        self.compare_table = QTableWidget(0, 0)
        self.compare_table.setObjectName("compareTable")
        self.compare_table.verticalHeader().setVisible(False)
        self.compare_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare_table.setAlternatingRowColors(False)
        self.compare_table.setWordWrap(False)
        self.compare_table.verticalHeader().setDefaultSectionSize(22)

        self.maps_figure, self.maps_canvas = _new_canvas(self, (6.5, 3.5))
        self.maps_canvas.setObjectName("candidateMaps")
        self.profile_kind = QComboBox()
        self.profile_kind.setObjectName("profileKind")
        self.profile_kind.addItem(self.tr("Persentil blant sonene (1 = mest belastet)"), "percentile")
        self.profile_kind.addItem(self.tr("Forhold til kommunen (100 = kommunen)"), "ratio")
        self.profile_kind.currentIndexChanged.connect(self._draw_profile)
        self.profile_figure, self.profile_canvas = _new_canvas(self, (6.5, 4.5))
        self.profile_canvas.setObjectName("profileChart")
        profile_page = QWidget()
        pl = QVBoxLayout(profile_page)
        pl.setContentsMargins(0, 4, 0, 0)
        prow = QHBoxLayout()
        prow.addWidget(QLabel(self.tr("Vis:")))
        prow.addWidget(self.profile_kind, 1)
        pl.addLayout(prow)
        pl.addWidget(self.profile_canvas, 1)

        self.compare_tabs = QTabWidget()
        self.compare_tabs.setObjectName("compareTabs")
        self.compare_tabs.addTab(self.compare_table, self.tr("Tabell"))
        self.compare_tabs.addTab(self.maps_canvas, self.tr("Kart"))
        self.compare_tabs.addTab(profile_page, self.tr("Profil"))

        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.selection_label)
        lay.addLayout(add_row)
        lay.addWidget(self.candidate_message)
        lay.addLayout(list_row)
        lay.addWidget(self.compare_tabs, 1)
        self._update_selection_label()
        self._clear_comparison_views()
        return page

    def _build_comparison_tab(self) -> QWidget:
        self.target_box = compact_combo("comparisonTarget", 12)
        self.target_box.currentIndexChanged.connect(self._on_target_changed)
        self.k_spin = QSpinBox()
        self.k_spin.setObjectName("comparisonK")
        self.k_spin.setRange(1, 20)
        self.k_spin.setValue(DEFAULT_K)
        self.propose_button = push_button(
            self.tr("Foreslå"), "proposeComparison", self.propose_comparison_zones,
            tooltip=self.tr(
            "Finner sonene som ligner mest på målområdet i levekårsindikatorene "
            "(standardisert avstand). Soner som grenser til målområdet holdes utenfor."))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Målområde:")))
        top.addWidget(self.target_box, 1)
        top.addWidget(QLabel(self.tr("Antall:")))
        top.addWidget(self.k_spin)
        top.addWidget(self.propose_button)

        self.comparison_info = message_label("comparisonInfo")

        self.chosen_table = self._small_table("chosenZones", [
            self.tr("Sone-ID"), self.tr("Sone"), self.tr("Likhet"), self.tr("Valgt")])
        self.pool_table = self._small_table("poolZones", [
            self.tr("Sone-ID"), self.tr("Sone"), self.tr("Likhet")])
        for t in (self.chosen_table, self.pool_table):
            t.itemSelectionChanged.connect(self._set_enabled)
            t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        chosen_box = QGroupBox(self.tr("Foreslåtte sammenligningssoner"))
        cl = QVBoxLayout(chosen_box)
        cl.setContentsMargins(4, 4, 4, 4)
        cl.addWidget(self.chosen_table)
        pool_box = QGroupBox(self.tr("Andre mulige soner"))
        pl = QVBoxLayout(pool_box)
        pl.setContentsMargins(4, 4, 4, 4)
        pl.addWidget(self.pool_table)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("comparisonSplit")
        split.addWidget(chosen_box)
        split.addWidget(pool_box)
        split.setChildrenCollapsible(False)
        self.comparison_split = split

        self.swap_button = push_button(self.tr("Bytt"), "swapComparison", self._on_swap_clicked,
            tooltip=self.tr(
            "Bytter den valgte foreslåtte sonen med den valgte sonen fra listen til høyre."))
        self.accept_button = push_button(
            self.tr("Godta"), "acceptComparison", self.accept_comparison,
            tooltip=self.tr("Bruker disse sonene i eksporten."))
        self.show_comparison_button = push_button(
            self.tr("Vis i kartet"), "showComparison", self._on_show_comparison,
            tooltip=self.tr(
            "Velger målområdet og sammenligningssonene i kartet og tabellen."))
        self.comparison_message = message_label("comparisonMessage")
        buttons = QHBoxLayout()
        buttons.addWidget(self.swap_button)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.show_comparison_button)
        buttons.addStretch(1)

        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.comparison_info)
        lay.addWidget(split, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.comparison_message)
        return page

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

    def _small_table(self, name: str, headers: list[str]) -> QTableWidget:
        t = QTableWidget(0, len(headers))
        t.setObjectName(name)
        t.setHorizontalHeaderLabels(headers)
        t.verticalHeader().setVisible(False)
        t.verticalHeader().setDefaultSectionSize(22)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setAlternatingRowColors(True)
        h = t.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return t

    # ========================================================================================
    # Model → view
    # ========================================================================================
    def set_themes(self, project: Project | None, themes: ThemeResults | None) -> None:
        """Show the ranking of ``themes`` (None clears the panel); emits ``rankingChanged``.

        Parameters
        ----------
        project
            The project (population cells for the inside-zone view, map context).
        themes
            From :func:`~ungtloft_map.core.pipeline.compute_themes`; the cluster step is not
            needed.
        """
        from ..core.analysis.targeting import index_inputs

        self._timer.stop()
        self._cancel_workers()
        self.project, self.themes = project, themes
        self.zone_table = None if themes is None else themes.zone_table
        self.inputs = None
        self.ranking = None
        self.stability = None
        self.comparison = None
        self.comparison_zones = None
        self.accepted_comparison = None
        self._queen = None
        message = ""
        if themes is not None and project is not None:
            try:
                self.inputs = index_inputs(themes.zone_table, project.catalogue)
            except UngtloftError as err:
                message = self.tr("Kan ikke rangere sonene: {e}").format(e=err)
        elif themes is None:
            message = self.tr("Rangeringen kommer når temaene er beregnet.")
        self._fill_weights()
        # Candidates survive a recompute (another year, other settings) when their zones exist.
        if self.zone_table is not None:  # without a table there is nothing to check them on
            known = set(map(str, self.zone_table.gdf.index))
            self.candidates = [c for c in self.candidates if set(c.zone_ids) <= known]
        self.profiles = {}
        for c in self.candidates:  # their figures are the new table's (another year ...)
            self._profile(c)
        self._refresh_candidates()
        self._clear_comparison_views()
        self._show_comparison_zones()
        for label in (self.candidate_message, self.comparison_message):
            self._say(label, "")  # about the previous results
        self._update_selection_label()
        self.top_n.setMaximum(max(1, (len(self.inputs.values) - 1) if self.inputs else 1))
        if self.inputs is not None:
            self._rerank()
        else:
            self.ranking_model.set_ranking(None, None)
            self._say(self.ranking_message, message, error=bool(themes is not None))
        self._draw_inside()
        self._set_enabled()

    def set_selection(self, ids: Iterable[str]) -> None:
        """The zones selected in the window (highlighted in the ranking); does not emit."""
        self._selection = [str(z) for z in ids]
        self._select_rows(self._selection)
        self._update_selection_label()
        self._set_enabled()

    def selected_ids(self) -> list[str]:
        """The zones this panel considers selected (the last ``set_selection`` or user pick)."""
        return list(self._selection)

    # -- weights ------------------------------------------------------------------------------
    def weight_control(self, key: str) -> _WeightControl:
        """The slider + spin box of indicator ``key`` (``.slider``, ``.spin``)."""
        return self._weight_controls[key]

    def theme_control(self, theme: str) -> _WeightControl:
        """The slider + spin box of ``theme``'s weight."""
        return self._theme_controls[theme]

    def weights(self) -> dict[str, Any]:
        """The weighting shown: ``{"method", "weights", "theme_weights"}`` (a weights file)."""
        return {
            "method": self.method_box.currentData(),
            "weights": {k: c.value() for k, c in self._weight_controls.items()},
            "theme_weights": {t: c.value() for t, c in self._theme_controls.items()},
        }

    def reset_weights(self) -> None:
        """Every weight back to 1,0 (the default, what "Endring" is measured against)."""
        for c in (*self._weight_controls.values(), *self._theme_controls.values()):
            c.set_value(1.0)
        self._on_weights_changed()

    def _fill_weights(self) -> None:
        """One group per theme: the theme's weight, then a row per indicator."""
        from ..core.pipeline import THEME_LABELS_NB

        inp = self.inputs
        keys = [] if inp is None else list(inp.values.columns)
        settings = getattr(self.themes, "settings", None)
        spec = (None if settings is None else
                (settings.index_method, dict(settings.weights), dict(settings.theme_weights)))
        if keys == self._indicator_keys and keys and spec == self._settings_spec:
            # A recompute for another reason (year, clusters): the weights the user is trying
            # out stay; only new analysis weights replace them.
            return
        self._settings_spec = spec
        with QSignalBlocker(self.method_box):
            method = getattr(settings, "index_method", None) or "percentile"
            i = self.method_box.findData(method)
            self.method_box.setCurrentIndex(max(i, 0))
        if keys == self._indicator_keys and keys:
            for k, c in self._weight_controls.items():  # same indicators: keep the layout
                c.set_value(float((settings.weights if settings else {}).get(k, 1.0)))
            for t, c in self._theme_controls.items():
                c.set_value(float((settings.theme_weights if settings else {}).get(t, 1.0)))
            return
        self._indicator_keys = keys
        while self.weights_layout.count() > 1:  # keep the final stretch
            item = self.weights_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._weight_controls.clear()
        self._theme_controls.clear()
        if inp is None:
            return
        zt = self.zone_table
        by_theme: dict[str, list[str]] = {}
        for k in keys:
            by_theme.setdefault(inp.themes[k], []).append(k)
        bold = QFont()
        bold.setBold(True)
        for theme, members in by_theme.items():
            box = QGroupBox(self.tr(THEME_LABELS_NB.get(theme, theme)))
            box.setObjectName(f"themeGroup_{theme}")
            grid = QGridLayout(box)
            grid.setContentsMargins(6, 4, 6, 4)
            grid.setHorizontalSpacing(8)
            grid.setVerticalSpacing(2)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(1, 2)
            tc = _WeightControl(f"theme_{theme}", self._locale)
            tc.set_value(float((settings.theme_weights if settings else {}).get(theme, 1.0)))
            tc.valueChanged.connect(self._on_weights_changed)
            tl = QLabel(self.tr("Vekt for hele temaet"))
            tl.setFont(bold)
            grid.addWidget(tl, 0, 0)
            grid.addWidget(tc, 0, 1)
            self._theme_controls[theme] = tc
            for r, key in enumerate(members, start=1):
                info = zt.info.get(key) if zt is not None else None
                label = QLabel(info.label("nb") if info else key)
                label.setToolTip(info.definition("nb") if info and info.definition("nb") else key)
                label.setWordWrap(True)
                label.setMinimumWidth(120)
                c = _WeightControl(key, self._locale)
                c.set_value(float((settings.weights if settings else {}).get(key, 1.0)))
                c.valueChanged.connect(self._on_weights_changed)
                grid.addWidget(label, r, 0)
                grid.addWidget(c, r, 1)
                self._weight_controls[key] = c
            self.weights_layout.insertWidget(self.weights_layout.count() - 1, box)

    @Slot()
    def _on_weights_changed(self, *_args) -> None:
        self._clear_stability()
        self._timer.start()  # restarts: one ranking 100 ms after the user stops

    # -- ranking ------------------------------------------------------------------------------
    @Slot()
    def _rerank(self) -> None:
        """Rank with the weights shown; errors (e.g. every weight 0) keep the last ranking."""
        if self.inputs is None:
            return
        from ..core.analysis.targeting import has_live_weight

        spec = self.weights()
        if not has_live_weight(self.inputs.values.columns, self.inputs.themes, spec["weights"],
                               spec["theme_weights"]):
            # The core says so too, in English; this is the usual case and deserves bokmål.
            self._say(self.ranking_message, self.tr(
                "Kan ikke rangere: alle vektene er 0. Gi minst én indikator og temaet dens en "
                "vekt over 0. Rangeringen under er den forrige."), error=True)
            return
        try:
            ranking = self.inputs.rank(weights=spec["weights"], theme_weights=spec["theme_weights"],
                                       method=spec["method"])
        except UngtloftError as err:
            self._say(self.ranking_message,
                      self.tr("Kan ikke rangere med disse vektene: {e}").format(e=err), error=True)
            return
        first = self.ranking is None
        self.ranking = ranking
        self.ranking_model.set_ranking(ranking, self.stability)
        if first:
            self._size_ranking_columns()
        self._select_rows(self._selection)
        moved = len(ranking.moved)
        text = (self.tr("{n} soner har flyttet seg siden standardvektene.").format(n=moved)
                if moved else self.tr("Rangeringen med standardvektene (alle 1)."))
        if self.stability is None:
            text += " " + self.tr("Stabiliteten er ikke beregnet for disse vektene.")
        self._say(self.ranking_message, text)
        self.rankingChanged.emit(ranking.table["score"].copy())

    def _size_ranking_columns(self) -> None:
        view = self.ranking_table
        fm = view.fontMetrics()
        pad = 18
        for col in (COL_RANK, COL_ID, COL_SCORE, COL_CHANGE, COL_STABILITY):
            texts = [self.ranking_model.headers[col], "100\u00a0%", "↑\u200920", "0,00"]
            texts += [view.model().index(r, col).data() or "" for r in range(
                min(view.model().rowCount(), 60))]
            # Header text plus the sort arrow; the widest cell otherwise.
            width = max(fm.horizontalAdvance(t) for t in texts) + pad
            view.horizontalHeader().resizeSection(col, width + (12 if col == COL_RANK else 0))

    # -- stability ----------------------------------------------------------------------------
    def compute_stability(self) -> None:
        """Start the stability computation (1 000 draws) in the background."""
        if self.inputs is None:
            return
        if self._stab_worker is not None:
            self._stab_worker.cancel()
        spec = self.weights()
        inputs, top_n = self.inputs, int(self.top_n.value())

        def job(progress=None):
            _check_progress(progress, "stability", 0.0)
            share = inputs.stability(weights=spec["weights"], theme_weights=spec["theme_weights"],
                                     method=spec["method"], top_n=top_n, draws=STABILITY_DRAWS,
                                     spread=STABILITY_SPREAD)
            _check_progress(progress, "stability", 1.0)
            return share

        worker = Worker(job)
        worker.signals.finished.connect(self._on_stability_done)
        worker.signals.failed.connect(self._on_stability_failed)
        worker.signals.cancelled.connect(self._on_stability_cancelled)
        self._stab_worker = worker
        self.stability_progress.show()
        self.stability_button.setEnabled(False)
        _start_in_thread(worker, "ungtloft-stability")

    def _mine(self, worker: Worker | None) -> bool:
        """True when the signal being handled comes from ``worker`` (else it is stale)."""
        return worker is not None and self.sender() is worker.signals

    @Slot(object)
    def _on_stability_done(self, share) -> None:
        if not self._mine(self._stab_worker):
            return
        self._stab_worker = None
        self.stability_progress.hide()
        self.stability = share
        self.ranking_model.set_stability(share)
        n = share.attrs.get("top_n", self.top_n.value())
        always = int((share >= 1.0).sum())
        self._say(self.ranking_message, self.tr(
            "Stabilitet: andel av {d} tilfeldige vektinger (hver vekt ±{s} %) der sonen er "
            "blant de {n} mest belastede. {a} soner er med i alle.").format(
                d=_nb(STABILITY_DRAWS, 0), s=_nb(STABILITY_SPREAD * 100, 0), n=n, a=always))
        self._set_enabled()

    @Slot(str)
    def _on_stability_failed(self, message: str) -> None:
        if not self._mine(self._stab_worker):
            return
        self._stab_worker = None
        self.stability_progress.hide()
        self._say(self.ranking_message,
                  self.tr("Stabiliteten kunne ikke beregnes: {e}").format(e=message), error=True)
        self._set_enabled()

    @Slot()
    def _on_stability_cancelled(self) -> None:
        if not self._mine(self._stab_worker):
            return
        self._stab_worker = None
        self.stability_progress.hide()
        self._set_enabled()

    @Slot()
    def _clear_stability(self, *_args) -> None:
        """The shares belong to the weights and N they were drawn for: drop them on a change."""
        if self._stab_worker is not None:
            self._stab_worker.cancel()
        if self.stability is not None:
            self.stability = None
            self.ranking_model.set_stability(None)

    # -- ranking selection --------------------------------------------------------------------
    def _select_rows(self, ids: Sequence[str]) -> None:
        model, proxy = self.ranking_model, self.ranking_proxy
        pos = {z: i for i, z in enumerate(model.ids)}
        sel = QItemSelection()
        first = None
        for z in ids:
            if z in pos:
                idx = proxy.mapFromSource(model.index(pos[z], 0))
                sel.select(idx, idx)
                first = first or idx
        self._updating_selection = True
        try:
            self.ranking_table.selectionModel().select(
                sel, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._updating_selection = False
        if first is not None:
            self.ranking_table.scrollTo(first)

    def _ranking_selected_ids(self) -> list[str]:
        rows = sorted(self.ranking_table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.ranking_proxy.data(r, ZONE_ID_ROLE) for r in rows]

    @Slot()
    def _on_ranking_selection(self, *_args) -> None:
        if self._updating_selection:
            return
        ids = self._ranking_selected_ids()
        self._selection = ids
        self._update_selection_label()
        self._set_enabled()
        self.selectionChanged.emit(list(ids))

    # ========================================================================================
    # Candidates
    # ========================================================================================
    def _zone_name(self, zid: str) -> str:
        gdf = None if self.zone_table is None else self.zone_table.gdf
        if gdf is not None and "zone_name" in gdf.columns and zid in gdf.index:
            return str(gdf.at[zid, "zone_name"])
        return zid

    def _label(self, ids: Sequence[str]) -> str:
        return ", ".join(f"{self._zone_name(z)} ({z})" for z in ids)

    def _n_zones(self, n: int) -> str:
        return self.tr("1 sone") if n == 1 else self.tr("{n} soner").format(n=n)

    def _update_selection_label(self) -> None:
        ids = self._selection
        if not ids:
            text = self.tr("Ingen soner valgt. Velg sonene i kartet, sonetabellen eller "
                           "rangeringen (Ctrl/Shift for flere).")
        elif len(ids) <= 4:
            text = self.tr("Utvalg: {n} – {z}").format(n=self._n_zones(len(ids)),
                                                      z=self._label(ids))
        else:
            text = self.tr("Utvalg: {n} – {z} …").format(n=self._n_zones(len(ids)),
                                                        z=self._label(ids[:4]))
        self.selection_label.setText(text)

    def _queen_weights(self):
        """Queen contiguity of the zones (:func:`core...targeting.queen_weights`), once per
        ThemeResults; the themes' own weights are reused when they are queen."""
        if self._queen is None and self.zone_table is not None:
            from ..core.analysis.targeting import queen_weights

            self._queen = queen_weights(self.zone_table.gdf, getattr(self.themes, "weights", None))
        return self._queen

    def neighbours(self, zone_id: str) -> set[str]:
        """The zones bordering ``zone_id`` (queen: an edge or a corner)."""
        w = self._queen_weights()
        return {str(n) for n in w.w.neighbors.get(str(zone_id), ())} if w is not None else set()

    def _disconnected(self, ids: Sequence[str]) -> list[str]:
        """The zones of ``ids`` not connected to the first through zones of ``ids`` (core)."""
        from ..core.analysis.targeting import disconnected

        w = self._queen_weights()
        return [] if w is None else disconnected(ids, w)

    def _auto_name(self, ids: Sequence[str]) -> str:
        names = [self._zone_name(z) for z in ids]
        if len(names) == 1:
            base = names[0]
        elif len(names) == 2:
            base = self.tr("{a} og {b}").format(a=names[0], b=names[1])
        else:
            base = self.tr("{a} m.fl. ({n} soner)").format(a=names[0], n=len(names))
        taken = {c.name for c in self.candidates}
        name, i = base, 2
        while name in taken:
            name, i = f"{base} ({i})", i + 1
        return name

    def add_selection_as_candidate(self) -> Candidate | None:
        """Make the selected zones one candidate area; a problem is shown, not raised.

        Returns
        -------
        Candidate | None
            The new candidate, or None when it was refused (the message says why).
        """
        ids = list(dict.fromkeys(self._selection))
        if self.zone_table is None:
            return None
        if not ids:
            return self._refuse(self.tr(
                "Velg først en eller flere sammenhengende soner i kartet, sonetabellen eller "
                "rangeringen."))
        if len(self.candidates) >= MAX_CANDIDATES:
            return self._refuse(self.tr(
                "Det kan være høyst {n} kandidater. Fjern en før du legger til en ny.").format(
                    n=MAX_CANDIDATES))
        same = [c.name for c in self.candidates if set(c.zone_ids) == set(ids)]
        if same:
            return self._refuse(self.tr("Disse sonene er allerede kandidaten «{c}».").format(
                c=same[0]))
        name = self.candidate_name.text().strip() or self._auto_name(ids)
        if name in {c.name for c in self.candidates}:
            return self._refuse(self.tr("Det finnes allerede en kandidat som heter «{c}». Velg "
                                        "et annet navn.").format(c=name))
        apart = self._disconnected(ids) if len(ids) > 1 else []
        if apart:
            joined = [z for z in ids if z not in apart]
            return self._refuse(self.tr(
                "Sonene henger ikke sammen: {a} grenser ikke til {b}. Et kandidatområde må være "
                "sammenhengende – legg til sonene imellom, eller velg bare naboer.").format(
                    a=self._label(apart), b=self._label(joined)))
        from ..core.analysis.targeting import Candidate

        cand = Candidate(name, tuple(ids))
        try:
            profile = self._profile(cand, strict=True)
        except UngtloftError as err:
            return self._refuse(str(err))
        self.candidates.append(cand)
        self.candidate_name.clear()
        self._refresh_candidates()
        self._say(self.candidate_message, self.tr("La til «{c}»: {z}, {p} bosatte.").format(
            c=cand.name, z=self._n_zones(len(cand.zone_ids)), p=_nb(profile.population, 0)))
        return cand

    def _profile(self, cand: Candidate, *, strict: bool = False) -> CandidateProfile | None:
        """Re-aggregate ``cand`` (population for the list); errors raised only when ``strict``."""
        from ..core.analysis.targeting import aggregate_candidate

        if self.zone_table is None or self.project is None:
            return None
        try:
            prof = aggregate_candidate(self.zone_table, cand, self.project.catalogue,
                                       require_adjacent=True, weights=self._queen_weights(),
                                       cells=self._cells(), method=None)
        except UngtloftError:
            if strict:
                raise
            return None
        self.profiles[cand.name] = prof
        return prof

    def _refuse(self, text: str) -> None:
        self._say(self.candidate_message, text, error=True)
        return None

    def remove_candidate(self, name: str) -> None:
        """Drop the candidate called ``name`` (and results that depended on it)."""
        self.candidates = [c for c in self.candidates if c.name != name]
        self.profiles.pop(name, None)
        if self.comparison is not None and name in self.comparison.columns:
            self.comparison = None
            self._clear_comparison_views()
        self._refresh_candidates()

    def _on_remove_candidate(self) -> None:
        item = self.candidate_list.currentItem()
        if item is not None:
            self.remove_candidate(item.data(Qt.ItemDataRole.UserRole))
            self._say(self.candidate_message, "")

    def _on_show_candidate(self) -> None:
        item = self.candidate_list.currentItem()
        cand = self._candidate(item.data(Qt.ItemDataRole.UserRole)) if item else None
        if cand is not None:
            self._selection = list(cand.zone_ids)
            self._select_rows(self._selection)
            self._update_selection_label()
            self.selectionChanged.emit(list(cand.zone_ids))

    def _candidate(self, name: str | None) -> Candidate | None:
        for c in self.candidates:
            if c.name == name:
                return c
        return None

    def _cells(self) -> pd.DataFrame | None:
        return getattr(getattr(self.themes, "transit", None), "cells", None)

    def _refresh_candidates(self) -> None:
        """The list and the two candidate combos follow ``self.candidates``."""
        current = self.candidate_list.currentItem()
        current_name = current.data(Qt.ItemDataRole.UserRole) if current else None
        self.candidate_list.clear()
        for c in self.candidates:
            prof = self.profiles.get(c.name)
            pop = f", {_nb(prof.population, 0)} " + self.tr("bosatte") if prof else ""
            item = QListWidgetItem(self.tr("{c} – {z}{p}").format(
                c=c.name, z=self._n_zones(len(c.zone_ids)), p=pop))
            item.setData(Qt.ItemDataRole.UserRole, c.name)
            item.setToolTip(self._label(c.zone_ids))
            self.candidate_list.addItem(item)
            if c.name == current_name:
                self.candidate_list.setCurrentItem(item)
        if self.candidate_list.currentItem() is None and self.candidates:
            self.candidate_list.setCurrentRow(len(self.candidates) - 1)
        for box in (self.target_box, self.inside_box):
            keep = box.currentData()
            with QSignalBlocker(box):
                box.clear()
                for c in self.candidates:
                    box.addItem(c.name, c.name)
                i = box.findData(keep)
                box.setCurrentIndex(i if i >= 0 else 0 if self.candidates else -1)
            if box.currentData() != keep:
                (self._on_target_changed if box is self.target_box else self._draw_inside)()
        self._set_enabled()

    # -- comparison of candidates -------------------------------------------------------------
    def compare(self) -> None:
        """Compare the candidates (2–5) in the background; fills the table, maps and profile."""
        from ..core.analysis.targeting import compare_candidates

        if self.zone_table is None or not 2 <= len(self.candidates) <= MAX_CANDIDATES:
            self._say(self.candidate_message, self.tr(
                "Legg til 2–{n} kandidater for å sammenligne dem.").format(n=MAX_CANDIDATES),
                error=True)
            return
        spec = self.weights()
        # A copy: the window adds the live score to the shared table while the worker reads it.
        zt, cands, catalogue = self.zone_table.copy(), list(self.candidates), self.project.catalogue
        weights, cells = self._queen_weights(), self._cells()

        def job(progress=None):
            _check_progress(progress, "compare", 0.0)
            return compare_candidates(zt, cands, catalogue, weights=weights, cells=cells,
                                      method=spec["method"], index_weights=spec["weights"],
                                      theme_weights=spec["theme_weights"])

        if self._compare_worker is not None:
            self._compare_worker.cancel()
        worker = Worker(job)
        worker.signals.finished.connect(self._on_compare_done)
        worker.signals.failed.connect(self._on_compare_failed)
        worker.signals.cancelled.connect(self._on_compare_cancelled)
        self._compare_worker = worker
        self.compare_progress.show()
        self.compare_button.setEnabled(False)
        self._say(self.candidate_message, self.tr("Sammenligner {n} kandidater …").format(
            n=len(cands)))
        _start_in_thread(worker, "ungtloft-compare")

    @Slot(object)
    def _on_compare_done(self, table) -> None:
        if not self._mine(self._compare_worker):
            return
        self._compare_worker = None
        self.compare_progress.hide()
        self.comparison = table
        for p in table.attrs.get("profiles", []):
            self.profiles[p.name] = p
        self._fill_compare_table()
        self._draw_small_maps()
        self._draw_profile()
        self._say(self.candidate_message, self.tr(
            "Sammenlignet {n} kandidater. Verdiene er regnet ut på nytt fra tellere og nevnere "
            "for hele området.").format(n=len(table.attrs.get("profiles", []))))
        self._set_enabled()

    @Slot(str)
    def _on_compare_failed(self, message: str) -> None:
        if not self._mine(self._compare_worker):
            return
        self._compare_worker = None
        self.compare_progress.hide()
        self._say(self.candidate_message, message, error=True)
        self._set_enabled()

    @Slot()
    def _on_compare_cancelled(self) -> None:
        if self._mine(self._compare_worker):
            self._compare_worker = None
            self.compare_progress.hide()
            self._set_enabled()

    def _compared_names(self) -> list[str]:
        if self.comparison is None:
            return []
        return [p.name for p in self.comparison.attrs.get("profiles", [])]

    def _fill_compare_table(self) -> None:
        t, table = self.compare_table, self.comparison
        names = self._compared_names()
        # The municipality next to the labels: with five candidates the table scrolls
        # sideways, and the reference must stay in view.
        headers = [self.tr("Måltall"), self.tr("Enhet"), self.tr("Kommunen"), *names]
        t.clear()
        t.setColumnCount(len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.setRowCount(len(table))
        profiles = {p.name: p for p in table.attrs.get("profiles", [])}
        tint = QColor(WORSE_TINT)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, (key, row) in enumerate(table.iterrows()):
            unit = str(row["unit"] or "")
            label = QTableWidgetItem(str(row["label"]))
            label.setToolTip(str(row["label"]))
            t.setItem(r, 0, label)
            t.setItem(r, 1, QTableWidgetItem(unit))
            dec = 0 if key in EXTRA_ROWS and key != "area_km2" else _decimals(unit)
            municipal = row["municipal"]
            mitem = QTableWidgetItem(_nb(municipal, dec))
            mitem.setTextAlignment(right)
            t.setItem(r, 2, mitem)
            for c, name in enumerate(names, start=3):
                value = row[name]
                text = _nb(value, dec)
                prof = profiles.get(name)
                if key == "composite_rank" and prof is not None and prof.composite_of:
                    text = self.tr("{r} av {n}").format(r=_nb(value, 0), n=prof.composite_of)
                item = QTableWidgetItem(text)
                item.setTextAlignment(right)
                direction = row["direction"]
                if (direction in ("high_is_bad", "high_is_good") and pd.notna(value)
                        and pd.notna(municipal)):
                    worse = value > municipal if direction == "high_is_bad" else value < municipal
                    if worse:
                        item.setBackground(tint)
                if prof is not None and key in prof.table.index:
                    p = prof.table.loc[key]
                    tip = self.tr("Regnet ut som: {m}").format(m=p["method"])
                    if pd.notna(p["rank"]):
                        tip += "\n" + self.tr("Ville vært nr. {r} av {n} soner (1 = mest "
                                              "belastet)").format(r=p["rank"], n=p["of"])
                    item.setToolTip(tip)
                t.setItem(r, c, item)
        for c, name in enumerate(names, start=3):
            t.horizontalHeaderItem(c).setToolTip(name)
        h = t.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.resizeColumnsToContents()
        # Long candidate names must not push the other candidates out of sight: the header
        # elides (full name in its tooltip) and the user can widen a column.
        h.resizeSection(0, min(h.sectionSize(0), 200))
        for c in range(2, len(headers)):
            h.resizeSection(c, max(70, min(h.sectionSize(c), 120)))
        t.setToolTip(self.tr("Rosa felt: verre enn kommunen (retningen på indikatoren tatt "
                             "med)."))

    def _score(self) -> pd.Series | None:
        """The composite score under the weights shown (the map's score without a ranking)."""
        if self.ranking is not None:
            return self.ranking.table["score"]
        gdf = None if self.zone_table is None else self.zone_table.gdf
        return gdf["composite_score"] if gdf is not None and "composite_score" in gdf else None

    def _context(self) -> dict:
        if self.project is None:
            return {}
        out = {}
        for role in ("water", "boundary"):
            layer = self.project.layer(role)
            if layer is not None:
                out[role] = layer
        return out

    def _draw_small_maps(self) -> None:
        """One small composite-index map per compared candidate, its zones outlined."""
        from ..maps.static import draw_zone_map

        fig = self.maps_figure
        fig.clear()
        names = self._compared_names()
        zt, score = self.zone_table, self._score()
        if not names or zt is None or score is None or "composite_score" not in zt.gdf.columns:
            _figure_message(fig, self.tr("Sammenlign kandidatene for å se dem på kartet."))
            self.maps_canvas.draw_idle()
            return
        n = len(names)
        ncols = n if n <= 3 else 3
        nrows = 1 if n <= 3 else 2
        water = {k: v for k, v in self._context().items() if k == "water"}
        for i, name in enumerate(names):
            ax = fig.add_subplot(nrows, ncols, i + 1)
            draw_zone_map(ax, zt, "composite_score", values=score, legend=False, context=water)
            cand = self._candidate(name)
            prof = self.profiles.get(name)
            if cand is not None:
                edge = zt.gdf.loc[list(cand.zone_ids)].boundary
                # A white halo under the black line: it must read on the darkest red class too.
                edge.plot(ax=ax, color="white", linewidth=3.4, zorder=6)
                edge.plot(ax=ax, color=TARGET_EDGE, linewidth=1.6, zorder=7)
            title = name
            if prof is not None and prof.composite_rank is not None:
                title += "\n" + self.tr("rang {r} av {n}").format(r=prof.composite_rank,
                                                                  n=prof.composite_of)
            ax.set_title(title, fontsize=FONT_SIZE + 1)
        fig.suptitle(self.tr("Sammensatt indeks med vektene i «Rangering» (mørkere = mer "
                             "belastet); kandidaten svart omrisset"), fontsize=FONT_SIZE)
        self.maps_canvas.draw_idle()

    def _draw_profile(self, *_args) -> None:
        """Per indicator: each candidate's percentile among the zones, or ratio to the kommune."""
        fig = self.profile_figure
        fig.clear()
        names = self._compared_names()
        if not names:
            _figure_message(fig, self.tr("Sammenlign kandidatene for å se profilen."))
            self.profile_canvas.draw_idle()
            return
        kind = self.profile_kind.currentData()
        table = self.comparison
        keys = [k for k in table.index if k not in EXTRA_ROWS
                and table.at[k, "direction"] in ("high_is_bad", "high_is_good")]
        labels = [_short(str(table.at[k, "label"]), 34) for k in keys]
        if kind == "ratio":  # above 100 is worse except for these: mark them
            labels = [f"{lab} *" if table.at[k, "direction"] == "high_is_good" else lab
                      for k, lab in zip(keys, labels)]
        ax = fig.add_subplot()
        y = np.arange(len(keys))
        for i, name in enumerate(names):
            prof = self.profiles.get(name)
            if prof is None:
                continue
            vals = []
            for k in keys:
                if k not in prof.table.index:
                    vals.append(np.nan)
                    continue
                row = prof.table.loc[k]
                if kind == "ratio":
                    r = float(row["ratio_to_municipal"])
                    vals.append(r if r > 0 else np.nan)  # a log axis has no 0
                elif pd.notna(row["rank"]) and pd.notna(row["of"]) and int(row["of"]) > 1:
                    # rank 1 = worst of "of" areas → percentile 1 (as ZoneTable.percentile)
                    vals.append(1.0 - (int(row["rank"]) - 1) / (int(row["of"]) - 1))
                else:
                    vals.append(np.nan)
            color = CANDIDATE_COLORS[i % len(CANDIDATE_COLORS)]
            ax.plot(vals, y, marker="o", markersize=4.5, linewidth=1.1, color=color, label=name,
                    alpha=0.9)
        ref = 100.0 if kind == "ratio" else 0.5
        ax.axvline(ref, color="#888888", linewidth=0.9, linestyle="--", zorder=0)
        ax.set_yticks(y)
        ax.set_yticklabels(labels, fontsize=FONT_SIZE - 0.5)
        ax.invert_yaxis()
        ax.tick_params(axis="x", labelsize=FONT_SIZE)
        ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
        if kind == "ratio":
            # Log scale: half and double the municipal level lie equally far from 100, and one
            # extreme ratio (a housing density of 1 400) does not squash the rest.
            from matplotlib.ticker import FixedLocator, NullLocator

            ax.set_xscale("log")
            lo, hi = ax.get_xlim()
            ticks = [t for t in (5, 10, 25, 50, 100, 200, 400, 1000, 2000, 5000) if lo <= t <= hi]
            ax.xaxis.set_major_locator(FixedLocator(ticks))
            ax.xaxis.set_minor_locator(NullLocator())
            ax.set_xlabel(self.tr("Forhold til kommunen, logaritmisk (100 = kommunen; "
                                  "* = høyt er bra)"), fontsize=FONT_SIZE)
        else:
            ax.set_xlim(-0.03, 1.03)
            ax.set_xlabel(self.tr("Persentil blant sonene: 1 = mest belastet, 0,5 = midt på"),
                          fontsize=FONT_SIZE)
        ax.xaxis.set_major_formatter(_comma_formatter())
        # A figure legend "outside" is one constrained layout makes room for; long candidate
        # names get two columns.
        longest = max(len(n) for n in names)
        ncol = min(len(names), 3 if longest <= 18 else 2)
        fig.legend(fontsize=FONT_SIZE, loc="outside upper center", ncol=ncol, frameon=False)
        self.profile_canvas.draw_idle()

    def _clear_comparison_views(self) -> None:
        self.compare_table.clear()
        self.compare_table.setRowCount(0)
        self.compare_table.setColumnCount(0)
        _figure_message(self.maps_figure, self.tr("Sammenlign kandidatene for å se dem på kartet."))
        self.maps_canvas.draw_idle()
        _figure_message(self.profile_figure, self.tr("Sammenlign kandidatene for å se profilen."))
        self.profile_canvas.draw_idle()

    # ========================================================================================
    # Comparison zones
    # ========================================================================================
    def target(self) -> Candidate | None:
        """The candidate chosen as target area (the "Målområde" box)."""
        return self._candidate(self.target_box.currentData())

    @Slot()
    def _on_target_changed(self, *_args) -> None:
        cz = self.comparison_zones
        t = self.target()
        if cz is not None and (t is None or tuple(cz.target_ids) != tuple(t.zone_ids)):
            self.comparison_zones = None
            self.accepted_comparison = None
            self._show_comparison_zones()
        self._set_enabled()

    def propose_comparison_zones(self) -> ComparisonResult | None:
        """The k most similar zones to the target (bordering zones left out); shown and returned."""
        from ..core.analysis.targeting import comparison_zones

        target = self.target()
        if target is None or self.zone_table is None:
            self._say(self.comparison_message, self.tr("Legg til en kandidat under «Kandidater» "
                                                       "først."), error=True)
            return None
        try:
            res = comparison_zones(self.zone_table, target, k=int(self.k_spin.value()),
                                   exclude_adjacent=True, weights=self._queen_weights(),
                                   catalogue=self.project.catalogue, cells=self._cells())
        except UngtloftError as err:
            self._say(self.comparison_message, str(err), error=True)
            return None
        self.comparison_zones = res
        self.accepted_comparison = None
        self._show_comparison_zones()
        self._say(self.comparison_message, self.tr(
            "Velg en foreslått sone og en sone fra listen til høyre for å bytte, og trykk "
            "«Godta» når du er fornøyd."))
        return res

    def swap(self, out_id: str, in_id: str) -> ComparisonResult | None:
        """Replace comparison zone ``out_id`` by ``in_id`` from the pool; shown and returned."""
        if self.comparison_zones is None:
            return None
        try:
            res = self.comparison_zones.swap(out_id, in_id)
        except UngtloftError as err:
            self._say(self.comparison_message, str(err), error=True)
            return None
        self.comparison_zones = res
        self.accepted_comparison = None
        self._show_comparison_zones()
        self._say(self.comparison_message, self.tr("Byttet {a} med {b}.").format(
            a=self._label([str(out_id)]), b=self._label([str(in_id)])))
        return res

    def _on_swap_clicked(self) -> None:
        out_id = self._table_zone(self.chosen_table)
        in_id = self._table_zone(self.pool_table)
        if out_id is None or in_id is None:
            self._say(self.comparison_message, self.tr(
                "Velg én foreslått sone og én sone fra listen til høyre."), error=True)
            return
        self.swap(out_id, in_id)

    def accept_comparison(self) -> None:
        """Use the zones shown as the comparison zones of the export."""
        if self.comparison_zones is None:
            return
        self.accepted_comparison = self.comparison_zones
        self._say(self.comparison_message, self.tr(
            "Godtatt: {n} sammenligningssoner for «{t}» – {z}.").format(
                n=len(self.accepted_comparison.zone_ids), t=self.target_box.currentText(),
                z=", ".join(self.accepted_comparison.zone_ids)))
        self._set_enabled()

    def _on_show_comparison(self) -> None:
        t = self.target()
        ids = list(t.zone_ids) if t else []
        if self.comparison_zones is not None:
            ids += self.comparison_zones.zone_ids
        if ids:
            self._selection = ids
            self._select_rows(ids)
            self._update_selection_label()
            self.selectionChanged.emit(ids)

    @staticmethod
    def _table_zone(table: QTableWidget) -> str | None:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        item = table.item(rows[0].row(), 0)
        return None if item is None else item.data(ZONE_ID_ROLE)

    def _show_comparison_zones(self) -> None:
        res = self.comparison_zones
        pool = None
        for table in (self.chosen_table, self.pool_table):
            table.setRowCount(0)
        if res is None:
            self.comparison_info.setText(self.tr(
                "Velg målområdet og trykk «Foreslå» for å finne sonene som ligner mest på det "
                "(til en før–etter-evaluering)."))
            self._set_enabled()
            return
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        chosen_text = {"auto": self.tr("forslag"), "manual": self.tr("byttet inn")}

        def fill(table: QTableWidget, frame: pd.DataFrame, with_chosen: bool) -> None:
            table.setRowCount(len(frame))
            for r, row in enumerate(frame.itertuples()):
                zid = QTableWidgetItem(str(row.zone_id))
                zid.setData(ZONE_ID_ROLE, str(row.zone_id))
                table.setItem(r, 0, zid)
                table.setItem(r, 1, QTableWidgetItem(str(row.zone_name)))
                sim = QTableWidgetItem(_nb(row.similarity, 3))
                sim.setTextAlignment(right)
                sim.setToolTip(self.tr("Likhet = 1 / (1 + avstand); avstand {d} (standardisert)"
                                       ).format(d=_nb(row.distance, 2)))
                table.setItem(r, 2, sim)
                if with_chosen:
                    table.setItem(r, 3, QTableWidgetItem(chosen_text.get(row.chosen, row.chosen)))

        fill(self.chosen_table, res.table, True)
        pool = res.pool[~res.pool["zone_id"].isin(res.zone_ids)]
        fill(self.pool_table, pool, False)
        n_ind = len(res.indicators)
        adj = list(res.excluded_adjacent)
        text = self.tr("Målområde: {t}. Matchet på {n} indikatorer.").format(
            t=self._label(res.target_ids), n=n_ind)
        if adj:
            text += " " + self.tr("Holdt utenfor fordi de grenser til målområdet ({n}): {z}."
                                  ).format(n=len(adj), z=", ".join(adj))
        if res.warnings:
            text += " " + "; ".join(str(w) for w in res.warnings[:2])
        self.comparison_info.setText(text)
        self._set_enabled()

    # ========================================================================================
    # Inside a candidate
    # ========================================================================================
    @Slot()
    def _draw_inside(self, *_args) -> None:
        """The candidate's 250 m cells coloured by the chosen variable."""
        from ..core.workflows import inside_zone

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
            cb.set_label(f"{self.tr(label)} ({self.tr(unit)})", fontsize=FONT_SIZE)
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
            text += " " + self.tr("{n} ruter med 1–4 bosatte er skjermet (grå, skravert).").format(
                n=n_sup)
        return text

    # ========================================================================================
    # Export
    # ========================================================================================
    def _export_comparison(self) -> ComparisonResult | None:
        """The accepted comparison zones, else the proposal shown, when they are the target's."""
        t = self.target()
        for res in (self.accepted_comparison, self.comparison_zones):
            if res is not None and t is not None and tuple(res.target_ids) == tuple(t.zone_ids):
                return res
        return None

    def _export_args(self) -> dict[str, Any]:
        target = self.target()
        if self.zone_table is None or target is None:
            raise AnalysisError(self.tr("Legg til en kandidat og velg den som målområde under "
                                        "«Sammenligningssoner» før du eksporterer."))
        return {
            "zone_table": self.zone_table.copy(),  # see compare(): read in another thread
            "targets": target,
            "comparison": self._export_comparison(),
            "weights": self.weights(),
            "year": self.zone_table.year,
            "catalogue": self.project.catalogue,
            "context": self._context(),
            "lang": ui_lang(),
            "notes": list(self.notes),
        }

    @staticmethod
    def pdf_available() -> bool:
        """True when WeasyPrint is installed (the brief can also be written as PDF)."""
        return importlib.util.find_spec("weasyprint") is not None

    def export_to(self, path_stem: str | Path, *, pdf: bool | None = None) -> list[Path]:
        """Write the selection to ``<path_stem>.gpkg/.csv/.kolonner.csv/.html`` (and ``.pdf``).

        Parameters
        ----------
        path_stem
            Output path without suffix (a ``.gpkg``/``.csv``/``.html``/``.pdf`` suffix is
            dropped).
        pdf
            Also write the PDF; None = when WeasyPrint is installed.

        Returns
        -------
        list[pathlib.Path]
            Every file written.

        Raises
        ------
        UngtloftError
            No target candidate; as :func:`~ungtloft_map.reports.target_brief.export_selection`.
        """
        from ..reports.target_brief import export_selection

        args = self._export_args()
        pdf = self.pdf_available() if pdf is None else bool(pdf)
        paths = export_selection(Path(path_stem), pdf=pdf, **args)
        self.last_export = list(paths)
        return paths

    def _on_export_clicked(self) -> None:
        try:
            args = self._export_args()
        except UngtloftError as err:
            self._say(self.export_label, str(err), error=True)
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Eksporter utvalget"), "utvalg",
            self.tr("Utvalg: GeoPackage, CSV og notat (*.gpkg)"))
        if path:
            self.export_in_background(path, args)

    def export_in_background(self, path_stem: str | Path,
                             args: Mapping[str, Any] | None = None) -> Worker:
        """:meth:`export_to` in a worker; the files written are shown below the tabs."""
        from ..reports.target_brief import export_selection

        args = dict(args or self._export_args())
        pdf = self.pdf_available()

        def job(progress=None):
            _check_progress(progress, "export", 0.0)
            return export_selection(Path(path_stem), pdf=pdf, **args)

        worker = Worker(job)
        worker.signals.finished.connect(self._on_export_done)
        worker.signals.failed.connect(self._on_export_failed)
        self._export_worker = worker
        self.export_progress.show()
        self.export_button.setEnabled(False)
        self._say(self.export_label, self.tr("Eksporterer …"))
        return _start_in_thread(worker, "ungtloft-export")

    @Slot(object)
    def _on_export_done(self, paths) -> None:
        if not self._mine(self._export_worker):
            return
        self._export_worker = None
        self.export_progress.hide()
        self.last_export = list(paths)
        folder = Path(paths[0]).parent if paths else Path()
        self._say(self.export_label, self.tr("Skrev {n} filer i {d}: {f}").format(
            n=len(paths), d=folder, f=", ".join(Path(p).name for p in paths)))
        self._set_enabled()

    @Slot(str)
    def _on_export_failed(self, message: str) -> None:
        if not self._mine(self._export_worker):
            return
        self._export_worker = None
        self.export_progress.hide()
        self._say(self.export_label, self.tr("Eksporten feilet: {e}").format(e=message),
                  error=True)
        self._set_enabled()

    # ========================================================================================
    # Misc
    # ========================================================================================
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        # In a narrow dock the two zone lists side by side would cut the zone names: stack them.
        narrow = event.size().width() < NARROW_WIDTH
        self.comparison_split.setOrientation(
            Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal)
        super().resizeEvent(event)

    def _say(self, label: QLabel, text: str, *, error: bool = False) -> None:
        label.setText(text)
        _message_style(label, error)

    def _cancel_workers(self) -> None:
        for w in (self._stab_worker, self._compare_worker):
            if w is not None:
                w.cancel()
        self._stab_worker = self._compare_worker = None
        self.stability_progress.hide()
        self.compare_progress.hide()

    @Slot()
    def _set_enabled(self, *_args) -> None:
        have = self.inputs is not None
        for w in (self.method_box, self.reset_button, self.top_n):
            w.setEnabled(have)
        self.stability_button.setEnabled(have and self._stab_worker is None)
        self.add_candidate_button.setEnabled(self.zone_table is not None and bool(self._selection))
        has_item = self.candidate_list.currentItem() is not None
        self.remove_candidate_button.setEnabled(has_item)
        self.show_candidate_button.setEnabled(has_item)
        self.compare_button.setEnabled(2 <= len(self.candidates) <= MAX_CANDIDATES
                                       and self._compare_worker is None)
        self.propose_button.setEnabled(self.target() is not None)
        res = self.comparison_zones
        self.swap_button.setEnabled(res is not None
                                    and bool(self.chosen_table.selectionModel().selectedRows())
                                    and bool(self.pool_table.selectionModel().selectedRows()))
        self.accept_button.setEnabled(res is not None and res is not self.accepted_comparison)
        self.show_comparison_button.setEnabled(self.target() is not None)
        self.export_button.setEnabled(self.target() is not None and self._export_worker is None)


def _short(text: str, width: int) -> str:
    """Cut a long indicator label for an axis (the full label is in the comparison table)."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
