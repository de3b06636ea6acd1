"""Hjelp → Brukerveiledning: the user guide shown offline from ``resources/help``."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from ..paths import resources_dir


def guide_path(lang: str = "nb"):
    """The guide file for ``lang`` (the bokmål guide when there is none in that language)."""
    folder = resources_dir() / "help"
    localized = folder / f"user_guide_{lang}.md"
    return localized if localized.exists() else folder / "brukerveiledning.md"


class HelpDialog(QDialog):
    """A Markdown browser over the bundled user guide (no network)."""

    def __init__(self, parent=None, lang: str = "nb") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Brukerveiledning – UngtLøft Map"))
        self.resize(900, 760)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(False)
        path = guide_path(lang)
        if path.exists():
            self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)
        else:
            self.browser.setPlainText(self.tr("Fant ikke brukerveiledningen i {p}.").format(p=path))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
