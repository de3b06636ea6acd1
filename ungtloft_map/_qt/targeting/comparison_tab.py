"""The *Sammenligningssoner* tab: comparison zones proposed, swapped and accepted."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import UngtloftError
from ..widgets import compact_combo, message_label, push_button
from .common import DEFAULT_K, ZONE_ID_ROLE, _nb

if TYPE_CHECKING:
    from ...core.analysis.targeting import Candidate, ComparisonResult


class ComparisonTab:
    """The *Sammenligningssoner* tab: comparison zones proposed, swapped and accepted.

    A part of :class:`.panel.TargetingPanel` (a mixin): it uses the panel's state and
    widgets; its strings are translated in the ``ComparisonTab`` context.
    """

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
        from ...core.analysis.targeting import comparison_zones

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
