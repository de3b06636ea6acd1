"""Dashboard tiles (issue #10): the tile widget, its sparkline and the value formatting.

Split out of :mod:`.dashboard_panel` (which re-exports every name); the panel lays the tiles out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.analysis.privacy import threshold_or_default
from ..core.catalogue import MARMOT_PRINCIPLES
from ..core.text import format_number, status_label
from ..core.text import format_value as _format_value
from ..core.workflows.dashboard import (
    BETTER,
    NO_DATA,
    NO_REFERENCE,
    SAME,
    STATUS_COLORS,
    TREND_COLORS,
    UNIT_DECIMALS,
    WORSE,
    Tile,
)

if TYPE_CHECKING:
    pass


#: The 17 SDGs: (official Norwegian name (FN-sambandet), UN English short name), for the SDG
#: filter. Data with an English twin, chosen by the interface language (as
#: ``MARMOT_PRINCIPLES``), not ``tr`` strings.
SDG_GOALS: dict[str, tuple[str, str]] = {
    "1": ("Utrydde fattigdom", "No poverty"),
    "2": ("Utrydde sult", "Zero hunger"),
    "3": ("God helse og livskvalitet", "Good health and well-being"),
    "4": ("God utdanning", "Quality education"),
    "5": ("Likestilling mellom kjønnene", "Gender equality"),
    "6": ("Rent vann og gode sanitærforhold", "Clean water and sanitation"),
    "7": ("Ren energi til alle", "Affordable and clean energy"),
    "8": ("Anstendig arbeid og økonomisk vekst", "Decent work and economic growth"),
    "9": ("Industri, innovasjon og infrastruktur", "Industry, innovation and infrastructure"),
    "10": ("Mindre ulikhet", "Reduced inequalities"),
    "11": ("Bærekraftige byer og lokalsamfunn", "Sustainable cities and communities"),
    "12": ("Ansvarlig forbruk og produksjon", "Responsible consumption and production"),
    "13": ("Stoppe klimaendringene", "Climate action"),
    "14": ("Livet i havet", "Life below water"),
    "15": ("Livet på land", "Life on land"),
    "16": ("Fred, rettferdighet og velfungerende institusjoner", "Peace, justice and strong institutions"),
    "17": ("Samarbeid for å nå målene", "Partnerships for the goals"),
}
#: Decimals shown per unit (shared with the annual summary).
DECIMALS = UNIT_DECIMALS
#: Frame colour of a tile without a status colour to show (no reference, no data).
NEUTRAL_BORDER = "#c8c8c8"
#: Text colours of the badge on each status fill (dark on the light fills).
BADGE_TEXT = {BETTER: "#ffffff", SAME: "#3a3000", WORSE: "#ffffff", NO_REFERENCE: "#444444",
              NO_DATA: "#777777"}
GREY_TEXT = "#6b6b6b"
ERROR_COLOR = "#b30000"
TILE_WIDTH = 205  # minimum tile width: three columns fit a 700 px panel
OTHER_GROUP = "–"  # tiles without a Marmot principle


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------
def _finite(v) -> bool:
    return v is not None and isinstance(v, (int, float)) and math.isfinite(float(v))


def format_value(value: float | None, unit: str) -> str:
    """``12,0 %``, ``29 min``, ``4,0 per time`` (no-break space before the unit); "–" if missing.

    Examples
    --------
    >>> format_value(12.0123, "%")
    '12,0\\xa0%'
    >>> format_value(float("nan"), "min")
    '–'
    """
    return _format_value(float(value) if _finite(value) else None, unit)


def parse_number(text: str) -> float | None:
    """A number typed the Norwegian way (``10,4``, ``1 234,5``, ``−2``); None if empty.

    Raises
    ------
    ValueError
        Not a number.

    Examples
    --------
    >>> parse_number(" 10,4 "), parse_number(""), parse_number("1\\u00a0234,5")
    (10.4, None, 1234.5)
    """
    t = (text or "").strip()
    if not t:
        return None
    for space in (" ", "\u00a0", "\u2009", "\u202f"):
        t = t.replace(space, "")
    t = t.replace("\u2212", "-").replace(",", ".")
    v = float(t)
    if not math.isfinite(v):
        raise ValueError(text)
    return v


def _main_marmot(tile: Tile) -> str:
    return tile.marmot[0] if tile.marmot and tile.marmot[0] in MARMOT_PRINCIPLES else OTHER_GROUP


# --------------------------------------------------------------------------------------------
# Sparkline
# --------------------------------------------------------------------------------------------
class Sparkline(QWidget):
    """A small line of ``[(year, value), ...]`` with the first and last year under it.

    Drawn with QPainter: a dashboard has up to ~40 of them and a matplotlib canvas each would
    cost seconds to build.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[tuple[int, float]] = []
        self._colour = QColor(TREND_COLORS[""])
        self._empty = ""
        self.setMinimumHeight(34)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return QSize(120, 34)

    def set_trend(self, trend: Iterable[tuple[int, float]], colour: str = TREND_COLORS[""],
                  empty_text: str = "") -> None:
        """The points (NaN years are skipped), the line colour, the text shown without a line."""
        self._points = [(int(y), float(v)) for y, v in trend if _finite(v)]
        self._colour = QColor(colour)
        self._empty = empty_text
        self.update()

    def points(self) -> list[tuple[int, float]]:
        return list(self._points)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() - 1.5))
        p.setFont(font)
        fm = p.fontMetrics()
        if len(self._points) < 2:
            p.setPen(QColor(GREY_TEXT))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._empty)
            return
        label_h = fm.height()
        area = QRectF(self.rect()).adjusted(4, 4, -4, -label_h - 1)
        years = [y for y, _ in self._points]
        vals = [v for _, v in self._points]
        lo, hi = min(vals), max(vals)
        if hi - lo < 1e-9:  # a flat line sits in the middle
            lo, hi = lo - 1, hi + 1
        y0, y1 = years[0], years[-1]

        def at(year: int, v: float) -> QPointF:
            x = area.left() + (year - y0) / (y1 - y0) * area.width() if y1 != y0 else area.center().x()
            return QPointF(x, area.bottom() - (v - lo) / (hi - lo) * area.height())

        path = QPainterPath(at(*self._points[0]))
        for pt in self._points[1:]:
            path.lineTo(at(*pt))
        p.setPen(QPen(self._colour, 1.8))
        p.drawPath(path)
        p.setBrush(self._colour)
        p.setPen(Qt.PenStyle.NoPen)
        for pt in self._points[:-1]:
            p.drawEllipse(at(*pt), 1.6, 1.6)
        p.drawEllipse(at(*self._points[-1]), 3.0, 3.0)  # the current year stands out
        p.setPen(QColor(GREY_TEXT))
        base = self.rect().bottom()
        p.drawText(QPointF(area.left() - 2, base - fm.descent()), str(y0))
        last = str(y1)
        p.drawText(QPointF(area.right() + 2 - fm.horizontalAdvance(last), base - fm.descent()), last)


# --------------------------------------------------------------------------------------------
# Tile
# --------------------------------------------------------------------------------------------
class TileWidget(QFrame):
    """One indicator: a framed card, coloured by its status against the reference.

    Signals
    -------
    activated(str)
        The tile was clicked (or Enter/Space pressed on it): the indicator key.
    menuRequested(str, QPoint)
        Right click: the key and the global position.
    """

    activated = Signal(str)
    menuRequested = Signal(str, QPoint)

    def __init__(self, tile: Tile, *, clickable: bool = False, lang: str = "nb",
                 threshold: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile = tile
        self.lang = lang
        #: The small-number threshold the tile was computed with (None: the privacy rule's now).
        self.threshold = threshold_or_default(threshold)
        self.key = tile.key
        self.clickable = clickable
        self.setObjectName("tile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if clickable else Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(TILE_WIDTH)
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(2)
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() - 1.5))

        self.name_label = QLabel(tile.name(lang))
        self.name_label.setObjectName("tileName")
        self.name_label.setWordWrap(True)
        bold = QFont(self.font())
        bold.setBold(True)
        self.name_label.setFont(bold)
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.name_label)
        # The badge sits on the value row: beside the name it would squeeze long one-word
        # names ("lavinntektsfamilier") out of the tile.
        self.badge = QLabel(self._status_text(tile.status))
        self.badge.setObjectName("tileBadge")
        self.badge.setFont(small)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setStyleSheet(
            f"background: {STATUS_COLORS[tile.status]}; color: {BADGE_TEXT[tile.status]};"
            "border-radius: 3px; padding: 1px 4px;")
        self.badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self.value_label = QLabel()
        self.value_label.setObjectName("tileValue")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() + 5)
        big.setBold(True)
        self.value_label.setFont(big)
        self.year_label = QLabel()
        self.year_label.setFont(small)
        self.year_label.setStyleSheet(f"color: {GREY_TEXT};")
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.value_label)
        row.addWidget(self.year_label, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        lay.addLayout(row)

        self.sparkline = Sparkline()
        self.sparkline.setFont(small)
        self.trend_label = QLabel()
        self.trend_label.setFont(small)
        self.spread_label = QLabel()
        self.spread_label.setObjectName("tileSpread")
        self.spread_label.setWordWrap(True)
        self.spread_label.setFont(small)
        self.reference_label = QLabel()
        self.reference_label.setObjectName("tileReference")
        self.reference_label.setWordWrap(True)
        self.reference_label.setFont(small)
        self.tags_label = QLabel(" · ".join(tile.tags(lang)))
        self.tags_label.setObjectName("tileTags")
        self.tags_label.setWordWrap(True)
        self.tags_label.setFont(small)
        self.tags_label.setStyleSheet(f"color: {GREY_TEXT};")
        for w in (self.sparkline, self.trend_label, self.spread_label, self.reference_label):
            lay.addWidget(w)
        lay.addStretch(1)
        lay.addWidget(self.tags_label)
        self._fill(tile)

    # -- content ----------------------------------------------------------------------------
    def _status_text(self, status: str) -> str:
        return status_label(status, self.lang)  # the one vocabulary (core.text)

    def _fill(self, t: Tile) -> None:
        has_data = t.has_data
        border = STATUS_COLORS[t.status] if t.status in (BETTER, SAME, WORSE) else NEUTRAL_BORDER
        width = 3 if t.status in (BETTER, SAME, WORSE) else 1
        background = "#ffffff" if has_data else STATUS_COLORS[NO_DATA]
        # The ID selector keeps the frame style off the labels inside the tile.
        self.setStyleSheet(
            f"QFrame#tile {{ background: {background}; border: {width}px solid {border}; border-radius: 5px; }}"
            f"QFrame#tile:focus {{ border: {max(width, 2)}px solid #1f5fa8; }}")
        tips = [f"<b>{t.name(self.lang)}</b>"]
        # the method text (with the parameters used) exists in bokmål only
        definition = (t.method if self.lang == "nb" else "") or t.indicator.definition(self.lang)
        if definition:
            tips.append(definition)
        if not has_data:
            self.name_label.setStyleSheet(f"color: {GREY_TEXT};")
            self.value_label.setText(self.tr("ingen data ennå") if t.note in ("", "ingen data ennå")
                                     else self.tr("ingen data"))
            f = QFont(self.value_label.font())
            f.setPointSizeF(self.font().pointSizeF() + 1)
            f.setBold(False)
            f.setItalic(True)
            self.value_label.setFont(f)
            self.value_label.setStyleSheet(f"color: {GREY_TEXT};")
            note = t.note if t.note and t.note != "ingen data ennå" else ""
            self.year_label.setText("")
            self.spread_label.setText(note)
            self.spread_label.setStyleSheet(f"color: {GREY_TEXT};")
            self.spread_label.setVisible(bool(note))
            self.sparkline.hide()
            self.trend_label.hide()
            self.reference_label.hide()
            if t.indicator.source:
                tips.append(self.tr("Kilde: {s}").format(s=t.indicator.source))
            self.setToolTip("<br>".join(tips))
            return

        self.value_label.setText(format_value(t.value, t.unit) + ("*" if t.suppressed else ""))
        self.year_label.setText(str(t.year) if t.year else self.tr("nå"))
        if t.suppressed:
            self.value_label.setToolTip(self.tr("* Bygger på færre enn {n} personer: vises som «–» i eksport.").format(
                n=self.threshold))
        if t.trend:
            colour = TREND_COLORS.get(t.trend_status, TREND_COLORS[""])
            self.sparkline.set_trend(t.trend, colour)
            self.sparkline.setToolTip("<br>".join(f"{y}: {format_value(v, t.unit)}" for y, v in t.trend))
            words = {"bedring": self.tr("bedring"), "stabil": self.tr("stabil"),
                     "forverring": self.tr("forverring")}
            if t.trend_status:
                y0, y1 = t.trend[0][0], t.trend[-1][0]
                self.trend_label.setText(self.tr("Utvikling {a}–{b}: {w}").format(
                    a=y0, b=y1, w=words.get(t.trend_status, t.trend_status)))
                self.trend_label.setStyleSheet(f"color: {colour};")
            else:
                self.trend_label.hide()
        else:
            # GIS indicators come from the current map layers: there is no time series
            self.sparkline.hide()
            self.trend_label.setWordWrap(True)
            self.trend_label.setText(self.tr("Øyeblikksbilde fra kartlagene (ingen tidsserie)"))
            self.trend_label.setStyleSheet(f"color: {GREY_TEXT};")

        sp = t.spread
        if sp is not None:
            # worst/best as the core defines it; below 1 for "high is good" indicators. With a
            # best zone at 0 the ratio means nothing and the worst value says it all.
            gap = ""
            if _finite(sp.ratio) and sp.ratio != 0:
                gap = " " + self.tr("({r}× best)").format(r=format_number(sp.ratio, 1 if sp.ratio >= 1 else 2))
            self.spread_label.setText(self.tr("Best: {b} {bv}<br>Verst: {w} {wv}{gap}").format(
                b=sp.best.zone_name, bv=format_value(sp.best.value, t.unit),
                w=sp.worst.zone_name, wv=format_value(sp.worst.value, t.unit), gap=gap))
            tip = self.tr("Spredning mellom {n} soner: verst/best = {r}, forskjell {d}.").format(
                n=sp.n_zones, r=format_number(sp.ratio, 2) if _finite(sp.ratio) else "–",
                d=format_value(abs(sp.difference), t.unit))
            if sp.n_left_out:
                tip += " " + self.tr("{n} soner med små tall er utelatt.").format(n=sp.n_left_out)
            self.spread_label.setToolTip(tip)
        else:
            self.spread_label.setText(self.tr("Ingen spredning (færre enn to soner med verdi)"))
            self.spread_label.setStyleSheet(f"color: {GREY_TEXT};")

        if t.reference is not None:
            label = t.reference_label or self.tr("referansen")
            self.reference_label.setText(self.tr("Referanse ({label}): {v}").format(
                label=label, v=format_value(t.reference, t.unit)))
        else:
            self.reference_label.setText(self.tr("Ingen referanseverdi"))
            self.reference_label.setStyleSheet(f"color: {GREY_TEXT};")
        direction = self.tr("Høy verdi er bra") if t.direction == "high_is_good" else self.tr("Høy verdi er dårlig")
        tips.append(direction)
        if t.indicator.source:
            tips.append(self.tr("Kilde: {s}").format(s=t.indicator.source))
        if self.clickable:
            tips.append(f"<i>{self.tr('Klikk for å vise indikatoren i kartet')}</i>")
        self.setToolTip("<br>".join(tips))

    # -- interaction --------------------------------------------------------------------------
    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.activated.emit(self.key)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.key)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt)
        self.menuRequested.emit(self.key, event.globalPos())
