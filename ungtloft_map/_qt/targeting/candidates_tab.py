"""The *Kandidater* tab: candidate areas from the selection, compared side by side."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import UngtloftError
from ..widgets import message_label, push_button
from ..workers import Worker
from .common import (
    CANDIDATE_COLORS,
    EXTRA_ROWS,
    FONT_SIZE,
    MAX_CANDIDATES,
    TARGET_EDGE,
    WORSE_TINT,
    _check_progress,
    _comma_formatter,
    _decimals,
    _figure_message,
    _nb,
    _new_canvas,
    _short,
)

if TYPE_CHECKING:
    from ...core.analysis.targeting import Candidate, CandidateProfile


class CandidatesTab:
    """The *Kandidater* tab: candidate areas from the selection, compared side by side.

    A part of :class:`.panel.TargetingPanel` (a mixin): it uses the panel's state and
    widgets; its strings are translated in the ``CandidatesTab`` context.
    """

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
        """Queen contiguity of the zones, once per ThemeResults (the themes' own when queen).

        From :func:`ungtloft_map.core.analysis.targeting.queen_weights`.
        """
        if self._queen is None and self.zone_table is not None:
            from ...core.analysis.targeting import queen_weights

            self._queen = queen_weights(self.zone_table.gdf, getattr(self.themes, "weights", None))
        return self._queen

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
        from ...core.analysis.targeting import Candidate

        cand = Candidate(name, tuple(ids))
        try:
            # The core checks that the zones hang together (queen contiguity) and says which
            # do not; the window says it in its own words from the error's code and params.
            profile = self._profile(cand, strict=True)
        except UngtloftError as err:
            if err.code == "zones_not_connected":
                return self._refuse(self.tr(
                    "Sonene henger ikke sammen: {a} grenser ikke til {b}. Et kandidatområde må "
                    "være sammenhengende – legg til sonene imellom, eller velg bare naboer.").format(
                        a=self._label(err.params["apart"]), b=self._label(err.params["joined"])))
            return self._refuse(str(err))
        self.candidates.append(cand)
        self.candidate_name.clear()
        self._refresh_candidates()
        self._say(self.candidate_message, self.tr("La til «{c}»: {z}, {p} bosatte.").format(
            c=cand.name, z=self._n_zones(len(cand.zone_ids)), p=_nb(profile.population, 0)))
        return cand

    def _profile(self, cand: Candidate, *, strict: bool = False) -> CandidateProfile | None:
        """Re-aggregate ``cand`` (population for the list); errors raised only when ``strict``."""
        from ...core.analysis.targeting import aggregate_candidate

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
        from ...core.analysis.targeting import compare_candidates

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
        worker.start("ungtloft-compare")

    def _compare_done(self, table) -> None:
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

    def _compare_failed(self, message: str) -> None:
        self._compare_worker = None
        self.compare_progress.hide()
        self._say(self.candidate_message, message, error=True)
        self._set_enabled()

    def _compare_cancelled(self) -> None:
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
        from ...maps.static import draw_zone_map

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
