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

The scatter plot and the histogram live in :mod:`.cluster_plots`; every name is re-exported here.

Examples
--------
>>> scatter = MoranScatter()  # doctest: +SKIP
>>> window.themesReady.connect(scatter.set_result)  # doctest: +SKIP
>>> scatter.selectionChanged.connect(window.select_zones)  # doctest: +SKIP
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

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
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.text import INDEX_METHODS as TEXT_INDEX_METHODS
from ..core.text import format_number, index_method_name, theme_name
from .cluster_plots import (  # noqa: F401 (re-exported: the old import path keeps working)
    BAR_COLOR,
    CLICK_PIXELS,
    FONT_SIZE,
    NOT_SIGNIFICANT_POINT,
    RING_COLOR,
    SELECTED_BAR_COLOR,
    Histogram,
    MoranScatter,
    _nb,
)
from .i18n import ui_lang
from .widgets import compact_combo, norwegian_locale

if TYPE_CHECKING:

    from ..core.pipeline import AnalysisSettings, ThemeResults

__all__ = ["ClusterPanel", "Histogram", "MoranScatter", "index_indicators"]

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
