"""The findings table of the plan dialog: labels, colours and the table model.

Split out of :mod:`.plan_dialog` (which re-exports every name).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ..core.catalogue import MARMOT_PRINCIPLES
from ..core.text import theme_name
from ..core.workflows.plan import Finding
from .i18n import ui_lang
from .widgets import norwegian_locale

_CTX = "PlanDialog"

#: Row background by finding severity ("info" rows keep the table's own background).
SEVERITY_COLORS: dict[str, str] = {"obs": "#f9d6d5", "ok": "#d9f0d3"}
#: Model role holding a row's severity ("obs", "ok", "info").
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1

SEVERITY_LABELS: dict[str, str] = {
    "obs": QT_TRANSLATE_NOOP(_CTX, "Verdt en nærmere titt"),
    "ok": QT_TRANSLATE_NOOP(_CTX, "Ingen bekymring etter regelen"),
    "info": QT_TRANSLATE_NOOP(_CTX, "Til orientering"),
}
HEADERS = (
    QT_TRANSLATE_NOOP(_CTX, "Tema"),
    QT_TRANSLATE_NOOP(_CTX, "Funn"),
    QT_TRANSLATE_NOOP(_CTX, "Verdi"),
    QT_TRANSLATE_NOOP(_CTX, "Sammenligning"),
    QT_TRANSLATE_NOOP(_CTX, "Marmot-prinsipp"),
)
#: Progress labels of :func:`~ungtloft_map.core.pipeline.compute_themes` and of the dialog.
STEP_LABELS: dict[str, str] = {
    "green": QT_TRANSLATE_NOOP(_CTX, "grøntdekning"),
    "housing": QT_TRANSLATE_NOOP(_CTX, "kommunale boliger"),
    "transit": QT_TRANSLATE_NOOP(_CTX, "kollektivtilgang"),
    "index": QT_TRANSLATE_NOOP(_CTX, "indeks og belastninger"),
    "clusters": QT_TRANSLATE_NOOP(_CTX, "klynger"),
    "plan": QT_TRANSLATE_NOOP(_CTX, "vurderer planen"),
    "report": QT_TRANSLATE_NOOP(_CTX, "skriver rapporten"),
}
PLAN_FILE_SUFFIXES = ("*.sos", "*.gml", "*.geojson", "*.json", "*.gpkg", "*.shp")
_NB_LOCALE = norwegian_locale()


def _t(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


# --------------------------------------------------------------------------------------------
# the findings table


class FindingsModel(QAbstractTableModel):
    """The findings of a :class:`PlanAssessment` as a read-only table.

    Columns: Tema, Funn, Verdi, Sammenligning, Marmot-prinsipp. Rows are coloured by severity
    (:data:`SEVERITY_COLORS`); :data:`SEVERITY_ROLE` gives the severity itself and the tooltip
    names it, so the colour is never the only carrier of the information.

    Examples
    --------
    >>> m = FindingsModel()                                # doctest: +SKIP
    >>> m.set_findings(assessment.findings, "nb")          # doctest: +SKIP
    >>> m.index(0, 1).data()                               # doctest: +SKIP
    'Bosatte i planområdet'
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []
        self.lang = "nb"

    def set_findings(self, findings: Sequence[Finding], lang: str = "nb") -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self.lang = lang
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _t(HEADERS[section]) if 0 <= section < len(HEADERS) else None
        return None

    def cell_text(self, row: int, col: int) -> str:
        f = self.findings[row]
        if col == 0:
            # The interface's own language (core.text has both), not the data language.
            return theme_name(f.theme, ui_lang(), short=True)
        if col == 1:
            return f.label(self.lang)
        if col == 2:
            return f.value_text(self.lang)
        if col == 3:
            return f.comparison(self.lang)
        return f.principles

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.findings):
            return None
        f = self.findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(index.row(), index.column())
        if role == SEVERITY_ROLE:
            return f.severity
        if role == Qt.ItemDataRole.BackgroundRole:
            color = SEVERITY_COLORS.get(f.severity)
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.ForegroundRole and f.severity in SEVERITY_COLORS:
            # The light row colours need dark text also under a dark desktop theme.
            return QBrush(QColor("#1a1a1a"))
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"<b>{html.escape(_t(SEVERITY_LABELS.get(f.severity, f.severity)))}</b><br>"
            tip += html.escape(self.cell_text(index.row(), index.column()))
            if index.column() == 4 and f.marmot:
                i = 1 if self.lang == "en" else 0
                tip += "<br>" + "<br>".join(
                    f"{m}: {html.escape(MARMOT_PRINCIPLES[m][i])}" for m in f.marmot
                    if m in MARMOT_PRINCIPLES)
            return tip
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
