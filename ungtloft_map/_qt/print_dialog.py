"""Fil → Skriv ut kart …: paper size, orientation, title and the PDF file to write.

The page itself (map, legend, scale bar, north arrow, source, date, fictional label) is made by
:func:`ungtloft_map.maps.print_layout.print_map`; this dialog only collects the choices.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

PAPERS = ("A4", "A3")


class PrintDialog(QDialog):
    """Choices for a one-page PDF map: :meth:`choices` gives ``(path, paper, landscape, title)``."""

    def __init__(self, parent=None, *, title: str = "", path: Path | None = None, paper: str = "A4",
                 landscape: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("printDialog")
        self.setWindowTitle(self.tr("Skriv ut kart"))
        self.paper = QComboBox()
        self.paper.setObjectName("paperBox")
        for p in PAPERS:
            self.paper.addItem(p, p)
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        self.portrait = QRadioButton(self.tr("&Stående"))
        self.portrait.setObjectName("portraitButton")
        self.landscape = QRadioButton(self.tr("&Liggende"))
        self.landscape.setObjectName("landscapeButton")
        group = QButtonGroup(self)
        group.addButton(self.portrait)
        group.addButton(self.landscape)
        (self.landscape if landscape else self.portrait).setChecked(True)
        orientation = QWidget()
        row = QHBoxLayout(orientation)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.portrait)
        row.addWidget(self.landscape)
        row.addStretch(1)
        self.title = QLineEdit(title)
        self.title.setObjectName("printTitle")
        self.title.setPlaceholderText(self.tr("Indikator og år (standard)"))
        self.path = QLineEdit(str(path) if path else "")
        self.path.setObjectName("printPath")
        self.path.setPlaceholderText(self.tr("Velg hvor PDF-filen skal lagres"))
        browse = QPushButton(self.tr("&Velg …"))
        browse.setObjectName("printBrowse")
        browse.clicked.connect(self._browse)
        file_row = QWidget()
        fl = QHBoxLayout(file_row)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(self.path, 1)
        fl.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Papir:"), self.paper)
        form.addRow(self.tr("Retning:"), orientation)
        form.addRow(self.tr("Tittel:"), self.title)
        form.addRow(self.tr("Fil:"), file_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Skriv PDF"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Skriv ut kart til PDF"), self.path.text(),
                                              self.tr("PDF (*.pdf)"))
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def _accept(self) -> None:
        if not self.path.text().strip():
            self._browse()
        if self.path.text().strip():
            self.accept()

    def choices(self) -> tuple[Path, str, bool, str | None]:
        """``(pdf path, paper, landscape, title or None for the default)``."""
        path = Path(self.path.text().strip())
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return path, self.paper.currentData(), self.landscape.isChecked(), self.title.text().strip() or None
