"""Identify panel: every figure of the clicked zone with rank, percentile and municipal value."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.text import format_value
from ..core.zonetable import ZoneTable
from ..maps.zonemap import category_label
from .i18n import ui_lang


def _fmt(v, info) -> str:
    """A value of column ``info`` as in the table and on the map (core.text; unit in its column)."""
    return format_value(v, info.unit, ui_lang(), kind=info.kind, with_unit=False)


class IdentifyPanel(QWidget):
    """Shows :meth:`ZoneTable.profile` of one zone."""

    #: Column headers (bokmål; translated by ``self.tr``: the literal context lets lupdate collect them).
    HEADERS = (QT_TRANSLATE_NOOP("IdentifyPanel", "Indikator"), QT_TRANSLATE_NOOP("IdentifyPanel", "Verdi"),
               QT_TRANSLATE_NOOP("IdentifyPanel", "Enhet"), QT_TRANSLATE_NOOP("IdentifyPanel", "Rang"),
               QT_TRANSLATE_NOOP("IdentifyPanel", "Persentil"), QT_TRANSLATE_NOOP("IdentifyPanel", "Kommunen"))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Klikk på en sone i kartet"))
        self.title.setObjectName("identifyTitle")
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("identifyTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.title)
        lay.addWidget(self.table, 1)
        self.zone_id: str | None = None

    def show_zone(self, zt: ZoneTable, zone_id: str | None) -> None:
        self.zone_id = zone_id
        if zt is None or zone_id is None or zone_id not in zt.gdf.index:
            self.title.setText(self.tr("Klikk på en sone i kartet"))
            self.table.setRowCount(0)
            return
        g = zt.gdf.loc[zone_id]
        where = f" – {g['district_name']}" if "district_name" in zt.gdf.columns else ""
        year = f" ({zt.year})" if zt.year else ""
        self.title.setText(f"<b>{g['zone_name']}</b> [{zone_id}]{where}{year}")
        prof = zt.profile(zone_id)
        self.table.setRowCount(len(prof))
        for r, row in enumerate(prof.itertuples(index=False)):
            info = zt.info[row.column]
            if info.kind == "class":
                value = category_label(str(row.value))
            else:
                value = _fmt(row.value, info)
            rank = "–" if math.isnan(row.rank) else f"{int(row.rank)} av {int(row.n)}"
            pct = "–" if math.isnan(row.percentile) else f"{round(row.percentile * 100)}"
            cells = (row.indicator, value, row.unit, rank, pct, _fmt(row.municipal, info))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setToolTip(info.definition(ui_lang()))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
