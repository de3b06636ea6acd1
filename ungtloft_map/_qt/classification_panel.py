"""Classification panel: scheme, number of classes and user-defined breaks for the shown layer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from ..maps.classify import SCHEMES, SCHEMES_EN
from .i18n import ui_lang


class ClassificationPanel(QWidget):
    """Emits ``changed(dict)`` with ``scheme``, ``k`` and ``bins`` (list or None)."""

    changed = Signal(dict)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.scheme = QComboBox()
        self.scheme.setObjectName("schemeBox")
        names = SCHEMES_EN if ui_lang() == "en" else SCHEMES  # the scheme names of maps.classify
        for key in SCHEMES:
            self.scheme.addItem(names[key], key)
        self.k = QSpinBox()
        self.k.setObjectName("classCount")
        self.k.setRange(2, 9)
        self.k.setValue(5)
        self.bins = QLineEdit()
        self.bins.setObjectName("userBreaks")
        self.bins.setPlaceholderText(self.tr("f.eks. 5; 10; 15; 20"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #b30000;")
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(4, 4, 4, 4)
        form.addRow(self.tr("Metode:"), self.scheme)
        form.addRow(self.tr("Antall klasser:"), self.k)
        form.addRow(self.tr("Egne grenser:"), self.bins)
        form.addRow(self.message)
        self.scheme.currentIndexChanged.connect(self._emit)
        self.k.valueChanged.connect(self._emit)
        self.bins.editingFinished.connect(self._emit)
        self._sync_enabled()

    def settings(self) -> dict:
        """The current choice, or raises ValueError for unreadable breaks."""
        scheme = self.scheme.currentData()
        bins = None
        if scheme == "userdefined":
            text = self.bins.text().replace(",", ".").replace(";", " ")
            try:
                bins = [float(t) for t in text.split()]
            except ValueError:
                raise ValueError(self.tr("Grensene må være tall, skilt med semikolon")) from None
            if not bins:
                raise ValueError(self.tr("Skriv inn minst én grense"))
        return {"scheme": scheme, "k": self.k.value(), "bins": bins}

    def set_settings(self, scheme: str, k: int, bins: list[float] | None = None) -> None:
        """Show a classification without emitting ``changed``."""
        for w in (self.scheme, self.k, self.bins):
            w.blockSignals(True)
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(scheme)))
        self.k.setValue(k)
        self.bins.setText("; ".join(f"{b:g}".replace(".", ",") for b in bins) if bins else "")
        for w in (self.scheme, self.k, self.bins):
            w.blockSignals(False)
        self._sync_enabled()

    def show_error(self, text: str) -> None:
        self.message.setText(text)

    def _sync_enabled(self) -> None:
        scheme = self.scheme.currentData()
        self.k.setEnabled(scheme in ("quantiles", "fisherjenks", "equalinterval"))
        self.bins.setEnabled(scheme == "userdefined")

    def _emit(self, *_args) -> None:
        self._sync_enabled()
        try:
            s = self.settings()
        except ValueError as err:
            self.message.setText(str(err))
            return
        if s["scheme"] == "userdefined" and s["bins"] is None:
            return
        self.message.clear()
        self.changed.emit(s)
