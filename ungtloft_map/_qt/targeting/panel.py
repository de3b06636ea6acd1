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

The tabs are mixins of the panel, one module each (:mod:`.ranking_tab`, :mod:`.candidates_tab`,
:mod:`.comparison_tab`, :mod:`.inside_zone_tab`); the panel holds the state they share, the data
coming in, the export and the slots that receive background results.

Background work (stability, comparison, export) runs in the app's one
:class:`~..workers.Worker` (a plain Python thread, see :mod:`..workers` for why not Qt's pool).

Examples
--------
>>> panel = TargetingPanel()  # doctest: +SKIP
>>> window.themesReady.connect(lambda th: panel.set_themes(window.project, th))  # doctest: +SKIP
>>> panel.selectionChanged.connect(window.select_zones)  # doctest: +SKIP
>>> panel.rankingChanged.connect(lambda score: ...)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import AnalysisError, UngtloftError
from ..i18n import ui_lang
from ..widgets import message_label, norwegian_locale, push_button
from ..workers import Worker
from .candidates_tab import CandidatesTab
from .comparison_tab import ComparisonTab
from .ranking_tab import RankingTab, _WeightControl

if TYPE_CHECKING:
    from ...core.analysis.targeting import (
        Candidate,
        CandidateProfile,
        ComparisonResult,
        IndexInputs,
        Ranking,
    )
    from ...core.pipeline import ThemeResults
    from ...core.project import Project
    from ...core.zonetable import ZoneTable

from .common import (
    DEBOUNCE_MS,
    MAX_CANDIDATES,
    NARROW_WIDTH,
    _check_progress,
    _message_style,
)
from .inside_zone_tab import InsideZoneTab

__all__ = ["TargetingPanel"]


class TargetingPanel(RankingTab, CandidatesTab, ComparisonTab, InsideZoneTab, QWidget):
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
        from ...core.analysis.targeting import index_inputs

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

    def _mine(self, worker: Worker | None) -> bool:
        """True when the signal being handled comes from ``worker`` (else it is stale)."""
        return worker is not None and self.sender() is worker.signals

    # The background results of the tabs. The slots live on the panel itself: Qt names the
    # worker as ``sender()`` only for a slot of the receiver's own class (one inherited from a
    # tab mixin is called without it), and a stale worker's signal must be told apart.
    @Slot(object)
    def _on_stability_done(self, share) -> None:
        if self._mine(self._stab_worker):
            self._stability_done(share)

    @Slot(str)
    def _on_stability_failed(self, message: str) -> None:
        if self._mine(self._stab_worker):
            self._stability_failed(message)

    @Slot()
    def _on_stability_cancelled(self) -> None:
        if self._mine(self._stab_worker):
            self._stability_cancelled()

    @Slot(object)
    def _on_compare_done(self, table) -> None:
        if self._mine(self._compare_worker):
            self._compare_done(table)

    @Slot(str)
    def _on_compare_failed(self, message: str) -> None:
        if self._mine(self._compare_worker):
            self._compare_failed(message)

    @Slot()
    def _on_compare_cancelled(self) -> None:
        if self._mine(self._compare_worker):
            self._compare_cancelled()

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
        from ...reports.target_brief import export_selection

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
        from ...reports.target_brief import export_selection

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
        return worker.start("ungtloft-export")

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
