"""The dashboard's reference-value table (issue #10), split out of :mod:`.dashboard_panel`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.text import format_number
from ..core.workflows.dashboard import (
    Tile,
)
from .dashboard_tiles import ERROR_COLOR, format_value, parse_number

if TYPE_CHECKING:
    pass



# --------------------------------------------------------------------------------------------
# Reference values
# --------------------------------------------------------------------------------------------
class ReferenceDialog(QDialog):
    """A table of reference values (e.g. the national figures of FHI's folkehelseprofil).

    One row per indicator with data: name, the current value, the reference (typed the
    Norwegian way; empty = none). The name of the reference ("landet") is asked for once.
    """

    def __init__(self, tiles: Iterable[Tile], references: Mapping[str, float], label: str,
                 parent: QWidget | None = None, *, focus_key: str | None = None, lang: str = "nb") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Referanseverdier"))
        self.resize(620, 520)
        self._keys: list[str] = []
        self._bad: set[int] = set()
        intro = QLabel(self.tr(
            "Skriv inn referanseverdier, for eksempel landets tall fra folkehelseprofilen. "
            "Tomt felt betyr ingen referanse. For valgte soner er kommunen referansen når "
            "feltet er tomt."))
        intro.setWordWrap(True)
        self.label_edit = QLineEdit(label)
        self.label_edit.setObjectName("referenceLabel")
        self.label_edit.setPlaceholderText(self.tr("landet"))
        form = QFormLayout()
        form.addRow(self.tr("Referansen gjelder:"), self.label_edit)

        tiles = [t for t in tiles if t.has_data]
        self.table = QTableWidget(len(tiles), 3)
        self.table.setObjectName("referenceTable")
        self.table.setHorizontalHeaderLabels([self.tr("Indikator"), self.tr("Verdi nå"), self.tr("Referanse")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        fixed = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        focus_row = 0
        for r, t in enumerate(tiles):
            self._keys.append(t.key)
            name = QTableWidgetItem(f"{t.name(lang)} ({t.unit})" if t.unit else t.name(lang))
            name.setFlags(fixed)
            name.setToolTip(t.name(lang))
            now = QTableWidgetItem(format_value(t.value, t.unit))
            now.setFlags(fixed)
            now.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            ref = references.get(t.key)
            cell = QTableWidgetItem("" if ref is None else format_number(float(ref), 2).rstrip("0").rstrip(","))
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, now)
            self.table.setItem(r, 2, cell)
            if t.key == focus_key:
                focus_row = r
        self.table.itemChanged.connect(self._check)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(self.tr("OK"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        clear = self.buttons.addButton(self.tr("Tøm alle"), QDialogButtonBox.ButtonRole.ResetRole)
        clear.clicked.connect(self.clear)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.error_label)
        lay.addWidget(self.buttons)
        if tiles:
            self.table.setCurrentCell(focus_row, 2)

    def _check(self, item: QTableWidgetItem) -> None:
        if item.column() != 2:
            return
        try:
            parse_number(item.text())
            self._bad.discard(item.row())
            item.setBackground(QColor("#ffffff"))
            item.setToolTip("")
        except ValueError:
            self._bad.add(item.row())
            item.setBackground(QColor("#fbe3e0"))
            item.setToolTip(self.tr("Ikke et tall"))
        self.ok_button.setEnabled(not self._bad)
        self.error_label.setText(self.tr("Skriv tall med desimalkomma, for eksempel 10,4.") if self._bad else "")

    def set_value(self, key: str, text: str) -> None:
        """Type ``text`` into the reference cell of ``key`` (as a user would)."""
        self.table.item(self._keys.index(key), 2).setText(text)

    def clear(self) -> None:
        for r in range(self.table.rowCount()):
            self.table.item(r, 2).setText("")

    def values(self) -> dict[str, float]:
        """The reference values entered (valid numbers only), by indicator key."""
        out = {}
        for r, key in enumerate(self._keys):
            try:
                v = parse_number(self.table.item(r, 2).text())
            except ValueError:
                continue
            if v is not None:
                out[key] = v
        return out

    def label(self) -> str:
        return self.label_edit.text().strip() or "landet"
