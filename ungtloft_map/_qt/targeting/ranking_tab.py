"""The *Rangering* tab: weights, the ranking table and its stability."""

from __future__ import annotations

from collections.abc import Sequence
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
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSlider,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import UngtloftError
from ...core.text import index_method_name
from ..i18n import ui_lang
from ..widgets import message_label, push_button
from ..workers import Worker
from .common import (
    ARROW_DOWN_COLOR,
    ARROW_UP_COLOR,
    COL_CHANGE,
    COL_ID,
    COL_NAME,
    COL_RANK,
    COL_SCORE,
    COL_STABILITY,
    DEFAULT_TOP_N,
    METHODS,
    SLIDER_SCALE,
    SORT_ROLE,
    STABILITY_DRAWS,
    STABILITY_SPREAD,
    WEIGHT_MAX,
    ZONE_ID_ROLE,
    _check_progress,
    _nb,
    _pct,
)

if TYPE_CHECKING:
    from ...core.analysis.targeting import Ranking


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


class RankingTab:
    """The *Rangering* tab: weights, the ranking table and its stability.

    A part of :class:`.panel.TargetingPanel` (a mixin): it uses the panel's state and
    widgets; its strings are translated in the ``RankingTab`` context.
    """

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
        from ...core.pipeline import THEME_LABELS_NB

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
        spec = self.weights()
        try:
            ranking = self.inputs.rank(weights=spec["weights"], theme_weights=spec["theme_weights"],
                                       method=spec["method"])
        except UngtloftError as err:
            if err.code == "weights_zero":  # the usual case: said in the window's own words
                self._say(self.ranking_message, self.tr(
                    "Kan ikke rangere: alle vektene er 0. Gi minst én indikator og temaet dens en "
                    "vekt over 0. Rangeringen under er den forrige."), error=True)
            else:
                self._say(self.ranking_message, self.tr(
                    "Kan ikke rangere med disse vektene: {e}").format(e=err), error=True)
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
        worker.start("ungtloft-stability")

    def _stability_done(self, share) -> None:
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

    def _stability_failed(self, message: str) -> None:
        self._stab_worker = None
        self.stability_progress.hide()
        self._say(self.ranking_message,
                  self.tr("Stabiliteten kunne ikke beregnes: {e}").format(e=message), error=True)
        self._set_enabled()

    def _stability_cancelled(self) -> None:
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
