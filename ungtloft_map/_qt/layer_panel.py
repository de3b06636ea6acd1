"""Layer panel: theme layers (one shown as the choropleth) and context layers (on/off, opacity, order)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.zonetable import ZoneTable
from .i18n import ui_lang

ROLE_KEY = Qt.ItemDataRole.UserRole
ROLE_KIND = Qt.ItemDataRole.UserRole + 1

THEME_GROUPS = (
    ("levekar", "Levekår"),
    ("green", "Grøntstruktur"),
    ("transit", "Kollektivtilgang"),
    ("housing", "Kommunale boliger"),
    ("index", "Ulikhet og klynger"),
    ("other", "Annet"),
)
# Default draw order, top → bottom (as in QGIS: the top of the list is drawn on top).
DEFAULT_ORDER = ("boundary", "districts", "plans", "stops", "zones", "buildings", "roads", "green_areas", "water")
CONTEXT_NAMES = {"zones": "Soner (valgt tema)", "water": "Vann og sjø", "boundary": "Kommunegrense", "green_areas": "Grøntområder",
                 "roads": "Veier", "districts": "Bydelsgrenser", "plans": "Planer", "stops": "Holdeplasser",
                 "buildings": "Bygninger"}


class LayerPanel(QWidget):
    """Signals: ``themeChosen(column)``, ``contextChanged(name, visible, opacity)``,
    ``orderChanged(list_of_context_names_bottom_to_top)``, ``zoneOpacityChanged(opacity)``."""

    themeChosen = Signal(str)
    contextChanged = Signal(str, bool, float)
    orderChanged = Signal(list)
    zoneOpacityChanged = Signal(float)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setObjectName("layerTree")
        self.tree.setHeaderHidden(True)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.currentItemChanged.connect(self._on_current)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(80)
        self.opacity.valueChanged.connect(self._on_opacity)
        self.up = QPushButton(self.tr("Opp"))
        self.down = QPushButton(self.tr("Ned"))
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Gjennomsiktighet:")))
        row.addWidget(self.opacity, 1)
        row.addWidget(self.up)
        row.addWidget(self.down)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.tree, 1)
        lay.addLayout(row)
        self._theme_items: dict[str, QTreeWidgetItem] = {}
        self._context_root: QTreeWidgetItem | None = None
        self._opacities: dict[str, float] = {"zones": 0.8}
        self._current_theme: str | None = None
        self._filling = False

    # -- content ------------------------------------------------------------------------------
    def set_layers(self, zt: ZoneTable, context: list[str], visible: set[str], current: str | None) -> None:
        self._filling = True
        try:
            self.tree.clear()
            self._theme_items.clear()
            groups = {}
            for key, label in THEME_GROUPS:
                item = QTreeWidgetItem([self.tr(label)])
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[key] = item
            for col in zt.theme_columns():
                info = zt.info[col]
                group = info.theme if info.theme in groups else ("index" if info.kind in ("score", "class", "rank") else "other")
                child = QTreeWidgetItem([info.label(ui_lang())])
                child.setData(0, ROLE_KEY, col)
                child.setData(0, ROLE_KIND, "theme")
                child.setToolTip(0, info.definition(ui_lang()))
                child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Checked if col == current else Qt.CheckState.Unchecked)
                groups[group].addChild(child)
                self._theme_items[col] = child
            for key, _ in THEME_GROUPS:
                if groups[key].childCount():
                    self.tree.addTopLevelItem(groups[key])
                    groups[key].setExpanded(key in ("levekar", "index"))
            root = QTreeWidgetItem([self.tr("Bakgrunnslag")])
            root.setFlags(Qt.ItemFlag.ItemIsEnabled)
            order = [n for n in DEFAULT_ORDER if n in context or n == "zones"]
            order += [n for n in context if n not in order]
            for name in order:
                child = QTreeWidgetItem([self.tr(CONTEXT_NAMES.get(name, name))])
                child.setData(0, ROLE_KEY, name)
                child.setData(0, ROLE_KIND, "context")
                child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Checked if name in visible or name == "zones"
                                    else Qt.CheckState.Unchecked)
                root.addChild(child)
            self.tree.addTopLevelItem(root)
            root.setExpanded(True)
            self._context_root = root
            self._current_theme = current
        finally:
            self._filling = False

    def current_theme(self) -> str | None:
        return self._current_theme

    def set_current_theme(self, column: str) -> None:
        """Check ``column`` (and uncheck the others) without emitting ``themeChosen``."""
        self._filling = True
        try:
            for col, item in self._theme_items.items():
                item.setCheckState(0, Qt.CheckState.Checked if col == column else Qt.CheckState.Unchecked)
            self._current_theme = column
        finally:
            self._filling = False

    def context_order(self) -> list[str]:
        root = self._context_root
        return [root.child(i).data(0, ROLE_KEY) for i in range(root.childCount())] if root else []

    def visible_context(self) -> set[str]:
        root = self._context_root
        if root is None:
            return set()
        return {root.child(i).data(0, ROLE_KEY) for i in range(root.childCount())
                if root.child(i).checkState(0) == Qt.CheckState.Checked}

    def context_item(self, name: str) -> QTreeWidgetItem | None:
        root = self._context_root
        for i in range(root.childCount() if root else 0):
            if root.child(i).data(0, ROLE_KEY) == name:
                return root.child(i)
        return None

    def theme_item(self, column: str) -> QTreeWidgetItem | None:
        return self._theme_items.get(column)

    # -- events -------------------------------------------------------------------------------
    def _on_item_changed(self, item: QTreeWidgetItem, _col: int) -> None:
        if self._filling:
            return
        kind, key = item.data(0, ROLE_KIND), item.data(0, ROLE_KEY)
        if kind == "theme":
            if item.checkState(0) == Qt.CheckState.Checked:
                self.set_current_theme(key)
                self.themeChosen.emit(key)
            elif key == self._current_theme:  # one theme is always shown
                self._filling = True
                item.setCheckState(0, Qt.CheckState.Checked)
                self._filling = False
        elif kind == "context":
            self.contextChanged.emit(key, item.checkState(0) == Qt.CheckState.Checked,
                                     self._opacities.get(key, 1.0))

    def _on_current(self, item, _prev) -> None:
        key = item.data(0, ROLE_KEY) if item is not None else None
        kind = item.data(0, ROLE_KIND) if item is not None else None
        name = "zones" if kind == "theme" or key == "zones" else key
        self.opacity.blockSignals(True)
        self.opacity.setValue(round(self._opacities.get(name, 1.0 if kind == "context" else 0.8) * 100))
        self.opacity.blockSignals(False)
        self.up.setEnabled(kind == "context")
        self.down.setEnabled(kind == "context")

    def _on_opacity(self, value: int) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        kind, key = item.data(0, ROLE_KIND), item.data(0, ROLE_KEY)
        if kind == "theme" or key == "zones":
            self._opacities["zones"] = value / 100
            self.zoneOpacityChanged.emit(value / 100)
        elif kind == "context":
            self._opacities[key] = value / 100
            self.contextChanged.emit(key, item.checkState(0) == Qt.CheckState.Checked, value / 100)

    def _move(self, step: int) -> None:
        item = self.tree.currentItem()
        root = self._context_root
        if item is None or root is None or item.parent() is not root:
            return
        i = root.indexOfChild(item)
        j = i + step
        if not 0 <= j < root.childCount():
            return
        self._filling = True
        root.takeChild(i)
        root.insertChild(j, item)
        self.tree.setCurrentItem(item)
        self._filling = False
        self.orderChanged.emit(self.context_order())
