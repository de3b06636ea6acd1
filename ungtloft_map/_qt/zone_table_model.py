"""Qt item model over a :class:`~ungtloft_map.core.zonetable.ZoneTable` (read-only)."""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from ..core.text import format_value, sort_key
from ..core.zonetable import ZoneTable

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ZONE_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class ZoneTableModel(QAbstractTableModel):
    """Rows are zones, columns the ZoneTable columns chosen for display."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._zt: ZoneTable | None = None
        self._columns: list[str] = []
        from .i18n import ui_lang

        self._lang = ui_lang()

    def set_zone_table(self, zt: ZoneTable | None, columns: list[str] | None = None) -> None:
        self.beginResetModel()
        self._zt = zt
        if zt is None:
            self._columns = []
        else:
            default = ["zone_name", "district_name", "population"] + zt.theme_columns()
            self._columns = [c for c in (columns or default) if c in zt.gdf.columns]
        self.endResetModel()

    @property
    def zone_table(self) -> ZoneTable | None:
        return self._zt

    @property
    def columns(self) -> list[str]:
        return list(self._columns)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if self._zt is None or parent.isValid() else len(self._zt.gdf)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def zone_id(self, row: int) -> str:
        return str(self._zt.gdf.index[row])

    def row_of(self, zone_id: str) -> int:
        return int(self._zt.gdf.index.get_loc(zone_id))

    def column_of(self, name: str) -> int:
        return self._columns.index(name)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._zt is None:
            return None
        col = self._columns[index.column()]
        value = self._zt.gdf[col].iloc[index.row()]
        info = self._zt.info.get(col)
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(value, str):
                return value
            if value is None or (isinstance(value, float) and math.isnan(value)):
                return "–"
            # The unit's decimals (core.text, as on the map); the unit is in the header.
            return format_value(float(value), info.unit if info else None, self._lang,
                                kind=info.kind if info else None, with_unit=False)
        if role == SORT_ROLE:
            if isinstance(value, str):
                return sort_key(value)  # Norwegian order (Ø before Å), whatever the Qt locale
            return float("-inf") if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
        if role == ZONE_ID_ROLE:
            return self.zone_id(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole and not isinstance(value, str):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and info is not None:
            return info.definition(self._lang) or info.label(self._lang)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal and self._zt is not None:
            info = self._zt.info.get(self._columns[section])
            return f"{info.label(self._lang)}: {info.definition(self._lang)}" if info else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return None
        col = self._columns[section]
        info = self._zt.info.get(col) if self._zt is not None else None
        if info is None:
            return col
        return f"{info.label(self._lang)} ({info.unit})" if info.unit else info.label(self._lang)


class ZoneFilterProxy(QSortFilterProxyModel):
    """Sort by value (missing last), filter by text in any name column."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self._only: set[str] | None = None

    def set_only(self, zone_ids: set[str] | None) -> None:
        """Show only these zones (None: all)."""
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            self._only = zone_ids
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self._only = zone_ids
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.sourceModel()
        if self._only is not None and model.zone_id(source_row) not in self._only:
            return False
        return super().filterAcceptsRow(source_row, source_parent)
