"""Small widget helpers shared by the panels and dialogs.

The helpers take text that is already translated: ``self.tr(...)`` stays in the calling class
so that pyside6-lupdate files each string under that class's context.

Example
-------
>>> combo = compact_combo("zoneBox", 12)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

__all__ = ["ERROR_COLOR", "compact_combo", "message_label", "norwegian_locale", "push_button"]

#: Text colour of error messages in the panels.
ERROR_COLOR = "#b30000"


def norwegian_locale() -> QLocale:
    """Bokmål in Norway: decimal comma in spin boxes whatever the system locale is."""
    return QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway)


def compact_combo(name: str = "", min_chars: int = 8) -> QComboBox:
    """A combo box that elides long items instead of widening a narrow panel (the popup shows
    them whole). The policy is set before first use: QComboBox caches its minimum size hint."""
    combo = QComboBox()
    if name:
        combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min_chars)
    return combo


def message_label(name: str) -> QLabel:
    """An empty, word-wrapped label for messages, named ``name`` (tests find it by name)."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def push_button(text: str, name: str, slot: Callable | None = None, tooltip: str = "") -> QPushButton:
    """A named button with an optional tooltip, ``clicked`` connected to ``slot``."""
    button = QPushButton(text)
    button.setObjectName(name)
    if tooltip:
        button.setToolTip(tooltip)
    if slot is not None:
        button.clicked.connect(slot)
    return button
