"""Key-indicator tiles: the pure parts of the dashboard (statuses, spread, tiles).

:func:`compare` gives a value's status against a reference (direction-aware, with a relative
tolerance); :func:`zone_spread` the best and worst zone among those that may be shown;
:class:`Tile` holds one indicator as the dashboard shows it. The workflow that builds the tiles
from a project is :func:`ungtloft_map.core.workflows.dashboard.key_indicators`.

Examples
--------
>>> import pandas as pd
>>> v = pd.Series({"a": 10.0, "b": 14.0, "c": 12.0})
>>> s = zone_spread(v, "high_is_bad", hidden=pd.Series({"a": False, "b": False, "c": True}))
>>> (s.best.zone_id, s.worst.zone_id, s.n_zones, s.n_left_out)
('a', 'b', 2, 1)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..catalogue import Indicator
from ..text import STATUS_LABELS

__all__ = [
    "BETTER",
    "DEFAULT_TOLERANCE",
    "NO_DATA",
    "NO_REFERENCE",
    "SAME",
    "STATUS_COLORS",
    "STATUS_EN",
    "TREND_COLORS",
    "TREND_EN",
    "WORSE",
    "Spread",
    "Tile",
    "ZoneValue",
    "compare",
    "zone_spread",
]

BETTER = "bedre"
SAME = "likt"
WORSE = "dårligere"
NO_REFERENCE = "ingen referanse"
NO_DATA = "ingen data"
#: Fill colours of the statuses (FHI's folkehelseprofil: green better, yellow same, red worse;
#: the blue/red pair reads for red-green colour-blind readers too).
STATUS_COLORS = {BETTER: "#2c7bb6", SAME: "#f2d65c", WORSE: "#d7191c", NO_REFERENCE: "#e0e0e0",
                 NO_DATA: "#f5f5f5"}
STATUS_EN = {k: STATUS_LABELS[k][1] for k in (BETTER, SAME, WORSE, NO_REFERENCE, NO_DATA)}
TREND_EN = {"bedring": "improving", "stabil": "stable", "forverring": "worsening", "": ""}
#: Line colours of the trends (the blue/red pair of :data:`STATUS_COLORS`, grey when stable).
TREND_COLORS = {"bedring": "#2c7bb6", "stabil": "#555555", "forverring": "#d7191c", "": "#555555"}
#: Default tolerance of "likt": 5 % of the reference value.
DEFAULT_TOLERANCE = 0.05


@dataclass(frozen=True)
class ZoneValue:
    """A zone and its value."""

    zone_id: str
    zone_name: str
    value: float

    def __repr__(self) -> str:
        return f"ZoneValue({self.zone_id} {self.zone_name}: {self.value:.4g})"


@dataclass(frozen=True)
class Spread:
    """Best and worst zone of a tile (direction-aware) among the zones that may be shown."""

    best: ZoneValue
    worst: ZoneValue
    ratio: float  # worst / best (NaN when best is 0)
    difference: float  # worst - best
    n_zones: int
    n_left_out: int = 0

    def __repr__(self) -> str:
        return (f"Spread(best={self.best.zone_name} {self.best.value:.4g}, worst={self.worst.zone_name} "
                f"{self.worst.value:.4g}, ratio={self.ratio:.3g}, zones={self.n_zones}, "
                f"left_out={self.n_left_out})")


@dataclass
class Tile:
    """One indicator on the dashboard.

    Attributes
    ----------
    indicator
        The catalogue entry (name, unit, direction, definition, Marmot/life-course/SDG tags).
    status
        :data:`BETTER`, :data:`SAME`, :data:`WORSE`, :data:`NO_REFERENCE` or :data:`NO_DATA`.
    value
        The value for :attr:`year` (NaN when there is none).
    year
        The data year; None for GIS indicators (the current layers).
    reference, reference_label
        What the value was compared with (None: nothing) and its name ("kommunen", "landet" ...).
    trend
        ``[(year, value), ...]`` recomputed from counts per year (levekår indicators only).
    spread
        Best/worst zone, or None (fewer than two zones with a showable value).
    zone_values
        Value per zone (index ``zone_id``, every zone of the project) for maps; raw, see
        ``zone_hidden``.
    zone_hidden
        True where a zone's value must not leave the app (suppressed).
    suppressed
        The tile's own value rests on a count of 1–4: show "–" outside the app.
    hidden_years
        Years of :attr:`trend` whose value is suppressed.
    note
        Why there is no value, or what the value is (e.g. "øyeblikksbilde fra kartlagene").
    method
        For GIS indicators: the definition with the parameters actually used (bokmål), e.g.
        the distances and the minimum of departures of SDG 11.2.1.
    """

    indicator: Indicator
    status: str
    value: float = float("nan")
    year: int | None = None
    reference: float | None = None
    reference_label: str = ""
    trend: list[tuple[int, float]] = field(default_factory=list)
    spread: Spread | None = None
    zone_values: pd.Series | None = None
    zone_hidden: pd.Series | None = None
    suppressed: bool = False
    hidden_years: tuple[int, ...] = ()
    note: str = ""
    tolerance: float = DEFAULT_TOLERANCE
    method: str = ""

    # -- convenience for widgets -------------------------------------------------------------
    @property
    def key(self) -> str:
        return self.indicator.key

    @property
    def unit(self) -> str:
        return self.indicator.unit

    @property
    def direction(self) -> str:
        return self.indicator.direction

    @property
    def has_data(self) -> bool:
        return self.status != NO_DATA

    @property
    def colour(self) -> str:
        """Fill colour of the status (:data:`STATUS_COLORS`)."""
        return STATUS_COLORS[self.status]

    def name(self, lang: str = "nb") -> str:
        return self.indicator.name(lang)

    def status_label(self, lang: str = "nb") -> str:
        return STATUS_EN[self.status] if lang == "en" else self.status

    @property
    def marmot(self) -> tuple[str, ...]:
        return self.indicator.marmot

    @property
    def life_course(self) -> str:
        return self.indicator.life_course

    @property
    def sdg(self) -> str | None:
        return self.indicator.sdg

    def tags(self, lang: str = "nb") -> list[str]:
        """Short tags for a tile: Marmot letters, life-course group, SDG code, source."""
        out = [f"Marmot {m}" for m in self.indicator.marmot]
        if self.indicator.life_course:
            out.append(self.indicator.life_course)
        if self.indicator.sdg:
            out.append(f"SDG {self.indicator.sdg}")
        if self.indicator.data_source:
            out.append(self.indicator.data_source)
        return out

    @property
    def trend_change(self) -> float:
        """Last minus first value of :attr:`trend` (NaN with fewer than two values)."""
        vals = [(y, v) for y, v in self.trend if v is not None and not math.isnan(v)]
        if len(vals) < 2:
            return float("nan")
        return vals[-1][1] - vals[0][1]

    @property
    def trend_status(self) -> str:
        """"bedring", "stabil" or "forverring" (last vs first year, same tolerance); "" if unknown."""
        vals = [v for _, v in self.trend if v is not None and not math.isnan(v)]
        if len(vals) < 2:
            return ""
        s = compare(vals[-1], vals[0], self.direction, self.tolerance)
        return {BETTER: "bedring", SAME: "stabil", WORSE: "forverring"}.get(s, "")

    def trend_label(self, lang: str = "nb") -> str:
        return TREND_EN[self.trend_status] if lang == "en" else self.trend_status

    def __repr__(self) -> str:
        val = "nan" if math.isnan(self.value) else f"{self.value:.4g}"
        ref = f", ref={self.reference:.4g} ({self.reference_label})" if self.reference is not None else ""
        yr = f" {self.year}" if self.year else ""
        extra = f", trend={len(self.trend)} years" if self.trend else ""
        note = f", note={self.note!r}" if self.note and not self.has_data else ""
        return f"Tile({self.key}: {val} {self.unit}{yr}, {self.status}{ref}{extra}{note})"


def compare(value: float, reference: float | None, direction: str, tolerance: float = DEFAULT_TOLERANCE) -> str:
    """Status of ``value`` against ``reference``, direction-aware, with a relative tolerance.

    Examples
    --------
    >>> compare(10.4, 10.0, "high_is_bad"), compare(10.6, 10.0, "high_is_bad")
    ('likt', 'dårligere')
    >>> compare(80.0, 90.0, "high_is_good"), compare(5.0, None, "high_is_bad")
    ('dårligere', 'ingen referanse')
    >>> compare(float("nan"), 3.0, "high_is_bad")
    'ingen data'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA
    if reference is None or (isinstance(reference, float) and math.isnan(reference)):
        return NO_REFERENCE
    diff = float(value) - float(reference)
    tol = abs(float(reference)) * tolerance
    if abs(diff) <= tol + 1e-12:
        return SAME
    high_is_good = direction == "high_is_good"
    return BETTER if (diff > 0) == high_is_good else WORSE


def zone_spread(values: pd.Series, direction: str, *, hidden: pd.Series | None = None,
                scope: Sequence[str] | None = None,
                names: Mapping[str, str] | None = None) -> Spread | None:
    """Best and worst zone of ``values`` (direction-aware) among those that may be shown.

    Parameters
    ----------
    values
        Value per zone (index zone id).
    direction
        ``"high_is_bad"`` or ``"high_is_good"``.
    hidden
        True for a zone whose value must not be shown (suppressed): left out and counted.
    scope
        The zones to look at (default: all of ``values``).
    names
        Zone id -> name, for the result (default: the id).

    Returns
    -------
    Spread | None
        None when fewer than two zones have a value that may be shown.
    """
    v = (values if scope is None else values.reindex(list(scope))).astype(float)
    ok = v.notna() & v.map(math.isfinite)
    left_out = 0
    if hidden is not None:
        h = hidden.reindex(v.index).fillna(False).astype(bool)
        left_out = int((ok & h).sum())
        ok &= ~h
    v = v[ok]
    if len(v) < 2:
        return None
    names = names if names is not None else {}
    high_good = direction == "high_is_good"
    best_id = v.idxmax() if high_good else v.idxmin()
    worst_id = v.idxmin() if high_good else v.idxmax()
    best = ZoneValue(str(best_id), str(names.get(best_id, best_id)), float(v[best_id]))
    worst = ZoneValue(str(worst_id), str(names.get(worst_id, worst_id)), float(v[worst_id]))
    ratio = worst.value / best.value if best.value != 0 else float("nan")
    return Spread(best, worst, ratio, worst.value - best.value, int(len(v)), left_out)
