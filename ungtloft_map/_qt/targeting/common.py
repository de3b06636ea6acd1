"""Shared pieces of the target-area panel's tabs: constants, number text, figures, threads."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ...core.errors import AnalysisError
from ...core.text import INDEX_METHODS, decimals_for, format_number, format_share, format_short
from ..widgets import ERROR_COLOR

#: :data:`ungtloft_map.core.analysis.targeting.MAX_CANDIDATES` (the tests check they agree). The
#: core module is imported only when the panel gets data: it pulls in esda/libpysal (seconds),
#: and the window builds this panel at start-up.
MAX_CANDIDATES = 5
#: Slider steps per weight unit: a slider 0–50 is a weight 0,0–5,0 in steps of 0,1.
SLIDER_SCALE = 10
WEIGHT_MAX = 5.0
DEBOUNCE_MS = 100
#: Below this width (pixels) the comparison-zone lists are stacked, not side by side.
NARROW_WIDTH = 600
STABILITY_DRAWS = 1000
STABILITY_SPREAD = 0.25
DEFAULT_TOP_N = 10
DEFAULT_K = 5
ZONE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
FONT_SIZE = 8
TARGET_EDGE = "#111111"
GREEN_EDGE = "#1a7f37"
#: Light tint of a candidate value worse than the municipality (direction-aware).
WORSE_TINT = "#fbe3e0"
ARROW_UP_COLOR = "#b30000"  # moved towards rank 1 = more disadvantaged
ARROW_DOWN_COLOR = "#1f5fa8"
#: Line colours of the candidates in the profile chart (ColorBrewer Dark2, readable on white).
CANDIDATE_COLORS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e")

#: Index methods: (key, bokmål name) from core.text, shown in the interface language.
METHODS = tuple((key, names[0]) for key, names in INDEX_METHODS.items())
#: Variables of the inside-zone map: (column, label, unit, colour map, decimals).
CELL_VARIABLES = (
    # labels translated by the tab's self.tr (the literal context lets lupdate collect them)
    ("population", QT_TRANSLATE_NOOP("InsideZoneTab", "Bosatte"), "personer", "YlGnBu", 0),
    ("green_distance_m", QT_TRANSLATE_NOOP("InsideZoneTab", "Avstand til kvalifiserende grøntområde"), "m",
     "YlOrRd", 0),
    ("time_to_centre_min", QT_TRANSLATE_NOOP("InsideZoneTab", "Reisetid til sentrum"), "min", "YlOrRd",
     decimals_for("min")),
)
#: Rows of the comparison table that are not indicators (no profile point).
EXTRA_ROWS = ("population", "area_km2", "n_zones", "composite_rank")

# Ranking table columns.
COL_RANK, COL_ID, COL_NAME, COL_SCORE, COL_CHANGE, COL_STABILITY = range(6)

# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------
def _nb(value: Any, decimals: int = 1) -> str:
    """A number as core.text writes it in bokmål; "–" for missing."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "–"
    return format_number(v, decimals)


def _pct(share: Any) -> str:
    """A share 0–1 as "87 %" (bokmål puts a space before the sign)."""
    try:
        v = float(share)
    except (TypeError, ValueError):
        return "–"
    return format_share(v, 0)


def _decimals(unit: str) -> int:
    # core.text's decimals per unit; a value without a unit here is a count (zones, flags).
    return decimals_for(unit) if unit else 0


def _check_progress(progress, label: str, fraction: float) -> None:
    if progress is not None and progress(label, fraction) is False:
        raise AnalysisError("cancelled")


def _new_canvas(parent: QWidget, size: tuple[float, float] = (6.0, 4.0)):
    """A white matplotlib figure canvas (matplotlib is imported on first use: start-up time)."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=100, facecolor="white", layout="constrained")
    canvas = FigureCanvasQTAgg(fig)
    canvas.setParent(parent)
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    canvas.setMinimumSize(200, 160)
    return fig, canvas


def _figure_message(fig, text: str) -> None:
    """Clear the figure and say why there is nothing to draw."""
    import textwrap

    fig.clear()
    fig.text(0.5, 0.5, "\n".join(textwrap.wrap(text, 55)), ha="center", va="center",
             fontsize=FONT_SIZE + 1, color="#555555")


def _comma_formatter():
    """A matplotlib tick formatter that writes a decimal comma."""
    from matplotlib.ticker import FuncFormatter

    def fmt(x: float, _pos: int | None = None) -> str:
        return format_short(float(x))

    return FuncFormatter(fmt)


def _message_style(label: QLabel, error: bool) -> None:
    label.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")


def _short(text: str, width: int) -> str:
    """Cut a long indicator label for an axis (the full label is in the comparison table)."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
