"""Key-indicator dashboard: one tile per UNGT LØFT indicator, with trend, spread and status.

:func:`key_indicators` turns a project (and, when computed, its
:class:`~ungtloft_map.core.pipeline.ThemeResults`) into a :class:`Dashboard` of :class:`Tile`
objects that a widget, a report or a CLI can show as they are. Every catalogue entry that passes
the filters gets a tile, including the framework indicators without data (status
:data:`NO_DATA`), so that what is missing is as visible as what is there.

What a tile holds
-----------------
value
    The indicator for the chosen year, for the municipality or for an *area* (a group of zones,
    e.g. a district or a target area). Levekår rates are summed counts ÷ summed denominators
    (never averaged rates). GIS indicators are shares of summed residents/dwellings (SDG
    indicators, green coverage, municipal-housing share) or, for the transit measures, the
    population-weighted median over the grid cells (as the pipeline's municipal value).
trend
    ``[(year, value), ...]`` over every year of the indicator table, each recomputed from that
    year's counts. GIS indicators come from the current map layers (a snapshot): no trend.
spread
    The best and the worst zone (names and values, direction-aware), the ratio worst/best and the
    difference worst − best, among the zones of the area (all zones by default). Zones whose value
    may not be shown (a count or denominator of 1–4, or secondary suppression, see
    :mod:`ungtloft_map.core.analysis.privacy`; for GIS shares a base of 1–4 residents/dwellings) are left out, so a tile
    can be exported as it is; ``n_left_out`` says how many.
status
    The value against a reference, direction-aware: :data:`BETTER`, :data:`SAME`,
    :data:`WORSE`; :data:`NO_REFERENCE` without one; :data:`NO_DATA` without a value. The
    reference is a user-entered value (``references``, e.g. the national figure in FHI's
    *folkehelseprofil*) or, for an area, the municipal value. "Likt" (the same) means within the
    *tolerance*: ``|value − reference| ≤ tolerance × |reference|`` (default 5 % of the reference,
    so 10.4 % vs 10.0 % is "likt", 10.6 % is "dårligere" when high is bad). FHI marks
    differences by statistical significance; without the underlying counts for the reference a
    relative tolerance is the transparent substitute.
trend_status
    The last year against the first with the same tolerance: "bedring", "stabil", "forverring".

Examples
--------
Without the theme results the GIS tiles have no data:

>>> from ungtloft_map.core.project import Project
>>> p = Project.demo()
>>> db = key_indicators(p, references={"low_income": 10.4})
>>> db
Dashboard('Fjordvik kommune (fiktiv demokommune)', year=2024, 39 tiles: 1 dårligere, 12 ingen referanse, 26 ingen data)
>>> [(year, round(value, 1)) for year, value in db.tile("low_income").trend]
[(2021, 11.7), (2022, 11.8), (2023, 11.8), (2024, 12.0)]
>>> [t.key for t in key_indicators(p, marmot="A", include_no_data=False).tiles]
['child_low_income']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..analysis.key_indicator import (  # re-exported: the panel and the report read them here
    BETTER,
    DEFAULT_TOLERANCE,
    NO_DATA,
    NO_REFERENCE,
    SAME,
    STATUS_COLORS,
    STATUS_EN,
    TREND_COLORS,
    TREND_EN,
    WORSE,
    Spread,
    Tile,
    ZoneValue,
    compare,
    zone_spread,
)
from ..analysis.privacy import DEFAULT_THRESHOLD, is_small, threshold_or_default
from ..analysis.sdg import SDG_KEYS, SdgIndicators
from ..catalogue import MARMOT_PRINCIPLES, Indicator
from ..errors import AnalysisError, DataError, DataWarning
from ..text import UNIT_DECIMALS  # re-exported: decimals per unit (the panel and the report)

__all__ = [
    "Dashboard", "Tile", "Spread", "ZoneValue", "key_indicators", "compare", "BETTER", "SAME",
    "WORSE", "NO_REFERENCE", "NO_DATA", "STATUS_COLORS", "DEFAULT_TOLERANCE",
    "TREND_COLORS", "UNIT_DECIMALS", "STATUS_EN", "TREND_EN", "zone_spread",
]


# GIS indicators computed by the pipeline: zone-table column -> (ThemeResults attribute, base
# column of the zone table used to hide zones with 1–4 residents/dwellings).
_THEME_KEYS = {
    "green_covered_pct": ("green", "population"),
    "departures_per_hour_500m": ("transit", "population"),
    "time_to_centre_min": ("transit", "population"),
    "time_to_school_min": ("transit", "population"),
    "municipal_share": ("housing", "dwellings"),
}


@dataclass
class Dashboard:
    """The tiles of :func:`key_indicators` and what they were computed for."""

    tiles: list[Tile]
    municipality: str
    year: int | None
    years: list[int]
    fictional: bool = False
    area: tuple[str, ...] | None = None
    area_name: str = ""
    tolerance: float = DEFAULT_TOLERANCE
    threshold: int = DEFAULT_THRESHOLD
    filters: dict = field(default_factory=dict)
    warnings: list[DataWarning] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        counts = self.counts()
        parts = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        where = f", area={self.area_name or len(self.area)}" if self.area else ""
        return f"Dashboard({self.municipality!r}, year={self.year}{where}, {len(self.tiles)} tiles: {parts})"

    def __iter__(self):
        return iter(self.tiles)

    def __len__(self) -> int:
        return len(self.tiles)

    def keys(self) -> list[str]:
        return [t.key for t in self.tiles]

    def tile(self, key: str) -> Tile:
        for t in self.tiles:
            if t.key == key:
                return t
        raise KeyError(key)

    @property
    def with_data(self) -> list[Tile]:
        return [t for t in self.tiles if t.has_data]

    @property
    def missing(self) -> list[Tile]:
        """Tiles without data (framework indicators not yet available, layers not loaded ...)."""
        return [t for t in self.tiles if not t.has_data]

    def counts(self) -> dict[str, int]:
        """Number of tiles per status (every status, in display order)."""
        out = dict.fromkeys((BETTER, SAME, WORSE, NO_REFERENCE, NO_DATA), 0)
        for t in self.tiles:
            out[t.status] += 1
        return out

    def by_marmot(self) -> dict[str, list[Tile]]:
        """Tiles grouped by their *first* (main) Marmot principle, A–H, empty groups left out."""
        out: dict[str, list[Tile]] = {}
        for letter in MARMOT_PRINCIPLES:
            sel = [t for t in self.tiles if t.marmot and t.marmot[0] == letter]
            if sel:
                out[letter] = sel
        rest = [t for t in self.tiles if not t.marmot]
        if rest:
            out["–"] = rest
        return out

    def to_frame(self, lang: str = "nb") -> pd.DataFrame:
        """One row per tile (for a table widget or a CSV)."""
        rows = []
        for t in self.tiles:
            sp = t.spread
            rows.append({
                "key": t.key, "name": t.name(lang), "unit": t.unit, "value": t.value, "year": t.year,
                "status": t.status_label(lang), "reference": t.reference, "reference_label": t.reference_label,
                "trend_change": t.trend_change, "trend": t.trend_label(lang),
                "best_zone": sp.best.zone_name if sp else None, "best_value": sp.best.value if sp else np.nan,
                "worst_zone": sp.worst.zone_name if sp else None, "worst_value": sp.worst.value if sp else np.nan,
                "ratio_worst_best": sp.ratio if sp else np.nan,
                "marmot": ",".join(t.marmot), "life_course": t.life_course, "sdg": t.sdg or "",
                "data_source": t.indicator.data_source, "suppressed": t.suppressed, "note": t.note,
            })
        return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------


def key_indicators(
    project,
    themes=None,
    *,
    year: int | None = None,
    references: Mapping[str, float] | None = None,
    reference_label: str = "landet",
    marmot: str | Iterable[str] | None = None,
    life_course: str | Iterable[str] | None = None,
    sdg_goal: int | str | Iterable[int | str] | None = None,
    theme: str | Iterable[str] | None = None,
    data_source: str | Iterable[str] | None = None,
    keys: Iterable[str] | None = None,
    include_no_data: bool = True,
    area: Iterable[str] | None = None,
    area_name: str = "",
    tolerance: float = DEFAULT_TOLERANCE,
    threshold: int | None = None,
    sdg: SdgIndicators | None = None,
) -> Dashboard:
    """The key-indicator dashboard of a project.

    Parameters
    ----------
    project
        The loaded :class:`~ungtloft_map.core.project.Project` (its catalogue decides the tiles).
    themes
        :class:`~ungtloft_map.core.pipeline.ThemeResults` when the theme analyses have run:
        gives the green, transit and housing tiles. Without it those tiles say "ikke beregnet".
    year
        The data year (default: the latest in the indicator table).
    references
        Reference values by indicator key (e.g. the national value from FHI's folkehelseprofil),
        named ``reference_label``. Without one, an *area* dashboard compares with the municipality
        and a municipal dashboard has no reference (:data:`NO_REFERENCE`).
    marmot, life_course, sdg_goal, theme, data_source
        Filters, as :meth:`~ungtloft_map.core.catalogue.Catalogue.filter`.
    keys
        Only these indicator keys (in this order).
    include_no_data
        Include the framework indicators marked "ingen data ennå" (status :data:`NO_DATA`).
    area, area_name
        Zone ids of an area (a district, a target area): values, trend and spread are for it.
    tolerance
        Relative tolerance of "likt" (see the module docstring).
    threshold
        Small-number threshold (counts 1 to ``threshold - 1`` are suppressed).
    sdg
        Precomputed :func:`~ungtloft_map.core.pipeline.compute_sdg_indicators` (default: computed, cached on the project).

    Returns
    -------
    Dashboard

    Raises
    ------
    DataError
        A year not in the indicator table, an unknown zone id in ``area``, a bad filter value.

    Examples
    --------
    >>> db = key_indicators(project, themes, references={"neet": 8.9}, sdg_goal=11)  # doctest: +SKIP
    >>> db.tile("sdg_11_7_1").spread  # doctest: +SKIP
    """
    cat = project.catalogue
    years = list(project.years)
    if year is None:
        year = years[-1] if years else None
    elif years and year not in years:
        raise DataError(f"year {year} is not in the indicator table (it has {', '.join(map(str, years))})",
                        field="year")
    zones = project.zones
    area_ids: tuple[str, ...] | None = None
    if area is not None:
        area_ids = tuple(str(z) for z in area)
        unknown = [z for z in area_ids if z not in zones.index]
        if unknown:
            raise DataError(f"unknown zone id(s) in the area: {', '.join(unknown[:10])}", field="zone_id")
        if not area_ids:
            raise DataError("the area has no zones", field="zone_id")
    scope = list(area_ids) if area_ids else list(zones.index)
    names = zones["zone_name"].astype(str) if "zone_name" in zones.columns else pd.Series(zones.index, index=zones.index)

    entries = cat.filter(marmot, life_course, sdg_goal, None if include_no_data else True, theme=theme,
                         data_source=data_source)
    if keys is not None:
        wanted = list(keys)
        by_key = {i.key: i for i in entries}
        entries = [by_key[k] for k in wanted if k in by_key]
    refs = dict(references or {})
    threshold = threshold_or_default(threshold)
    ctx = _Context(project, themes, year, years, scope, area_ids, names, tolerance, threshold)
    if sdg is None and any(i.key in SDG_KEYS for i in entries):
        from ..pipeline import AnalysisSettings, compute_sdg_indicators

        settings = getattr(themes, "settings", None) or AnalysisSettings()
        sdg = compute_sdg_indicators(project, transit_date=settings.transit_date,
                                     window=settings.transit_window)
    ctx.sdg = sdg

    tiles = []
    for ind in entries:
        tile = _tile(ctx, ind)
        if tile.has_data:
            if ind.key in refs and refs[ind.key] is not None:
                tile.reference, tile.reference_label = float(refs[ind.key]), reference_label
            elif area_ids:
                tile.reference, tile.reference_label = ctx.municipal_reference(ind), "kommunen"
            tile.status = compare(tile.value, tile.reference, ind.direction, tolerance)
        tiles.append(tile)

    filters = {k: v for k, v in (("marmot", marmot), ("life_course", life_course), ("sdg_goal", sdg_goal),
                                  ("theme", theme), ("data_source", data_source)) if v is not None}
    warnings = list(sdg.warnings) if sdg is not None else []
    errors = dict(sdg.errors) if sdg is not None else {}
    if themes is not None:
        errors.update(getattr(themes, "errors", {}) or {})
    return Dashboard(tiles, project.name, year, years, fictional=project.fictional, area=area_ids,
                     area_name=area_name, tolerance=tolerance, threshold=threshold, filters=filters,
                     warnings=warnings, errors=errors)


# --------------------------------------------------------------------------------------------


@dataclass
class _Context:
    project: object
    themes: object
    year: int | None
    years: list[int]
    scope: list[str]
    area: tuple[str, ...] | None
    names: pd.Series
    tolerance: float
    threshold: int
    sdg: SdgIndicators | None = None
    _hidden: pd.DataFrame | None = None
    _municipal_cache: dict = field(default_factory=dict)

    def small(self, v: float) -> bool:
        return is_small(v, self.threshold)

    def hidden_mask(self) -> pd.DataFrame:
        """Which zone-table cells of the year are suppressed (primary and secondary)."""
        if self._hidden is None:
            from ..export import suppressed_zone_frame

            zt = self.project.zone_table(self.year)
            _, self._hidden = suppressed_zone_frame(zt, self.project.catalogue, self.threshold)
        return self._hidden

    def municipal_reference(self, ind: Indicator) -> float | None:
        """The municipal value of ``ind`` (the reference of an area dashboard)."""
        if ind.key not in self._municipal_cache:
            whole = _Context(self.project, self.themes, self.year, self.years, list(self.project.zones.index),
                             None, self.names, self.tolerance, self.threshold, self.sdg, self._hidden)
            t = _tile(whole, ind)
            self._municipal_cache[ind.key] = t.value if t.has_data and not math.isnan(t.value) else None
        return self._municipal_cache[ind.key]


def _tile(ctx: _Context, ind: Indicator) -> Tile:
    if not ind.has_data:
        return Tile(ind, NO_DATA, note=ind.status, tolerance=ctx.tolerance)
    if ind.from_counts:
        return _levekar_tile(ctx, ind)
    if ind.key in SDG_KEYS:
        return _sdg_tile(ctx, ind)
    if ind.key in _THEME_KEYS:
        return _theme_tile(ctx, ind)
    return Tile(ind, NO_DATA, note="ingen beregning for denne indikatoren i appen", tolerance=ctx.tolerance)


def _levekar_tile(ctx: _Context, ind: Indicator) -> Tile:
    table = ctx.project.indicators
    if table is None or ind.count not in table.columns or ind.denominator not in table.columns:
        return Tile(ind, NO_DATA, note="ikke i indikatortabellen", tolerance=ctx.tolerance)
    rows = table if ctx.area is None else table[table["zone_id"].astype(str).isin(ctx.area)]
    trend, hidden_years = [], []
    value, suppressed = float("nan"), False
    for y, t in rows.groupby("year", sort=True):
        c, d = t[ind.count], t[ind.denominator]
        ok = d > 0  # as compute_rates: rows with no denominator do not count
        cs, ds = float(c[ok].sum()), float(d[ok].sum())
        v = cs / ds * 100.0 if ds > 0 else float("nan")
        small = ctx.small(cs) or ctx.small(ds)
        trend.append((int(y), v))
        if small:
            hidden_years.append(int(y))
        if int(y) == ctx.year:
            value, suppressed = v, small
    zt = ctx.project.zone_table(ctx.year)
    zv = zt.gdf[ind.key].astype(float) if ind.key in zt.gdf.columns else None
    hidden = None
    if zv is not None:
        mask = ctx.hidden_mask()
        hidden = (mask[ind.key].reindex(zv.index).fillna(False).astype(bool) if ind.key in mask.columns
                  else pd.Series(False, index=zv.index))
    tile = Tile(ind, NO_REFERENCE, value, ctx.year, trend=trend, zone_values=zv, zone_hidden=hidden,
                suppressed=suppressed, hidden_years=tuple(hidden_years), tolerance=ctx.tolerance)
    tile.spread = _spread(ctx, ind, zv, hidden)
    if math.isnan(value):
        tile.status, tile.note = NO_DATA, f"ingen tall for {ctx.year}"
    return tile


def _sdg_tile(ctx: _Context, ind: Indicator) -> Tile:
    res = ctx.sdg.get(ind.key) if ctx.sdg is not None else None
    if res is None:
        why = ctx.sdg.errors.get(ind.key, "ikke beregnet") if ctx.sdg is not None else "ikke beregnet"
        return Tile(ind, NO_DATA, note=why, tolerance=ctx.tolerance)
    value = res.municipal if ctx.area is None else res.area_value(ctx.area)
    base = res.per_zone["base"].reindex(ctx.project.zones.index)
    zv = res.per_zone["value"].reindex(ctx.project.zones.index)
    hidden = base.fillna(0).map(ctx.small).astype(bool)
    base_sum = res.base_total if ctx.area is None else float(base.reindex(list(ctx.area)).sum())
    tile = Tile(ind, NO_REFERENCE, value, None, zone_values=zv, zone_hidden=hidden,
                suppressed=ctx.small(base_sum), note="øyeblikksbilde fra kartlagene", tolerance=ctx.tolerance,
                method=res.definition)
    tile.spread = _spread(ctx, ind, zv, hidden)
    if math.isnan(value):
        tile.status = NO_DATA
    return tile


def _theme_tile(ctx: _Context, ind: Indicator) -> Tile:
    th = ctx.themes
    attr, base_col = _THEME_KEYS[ind.key]
    if th is None:
        return Tile(ind, NO_DATA, note="ikke beregnet (kjør temaanalysene)", tolerance=ctx.tolerance)
    zt = th.zone_table
    if ind.key not in zt.gdf.columns or getattr(th, attr, None) is None:
        why = (getattr(th, "errors", {}) or {}).get(attr, "ikke beregnet")
        return Tile(ind, NO_DATA, note=why, tolerance=ctx.tolerance)
    zv = zt.gdf[ind.key].astype(float).reindex(ctx.project.zones.index)
    base = (zt.gdf[base_col].astype(float).reindex(ctx.project.zones.index) if base_col in zt.gdf.columns
            else pd.Series(np.nan, index=ctx.project.zones.index))
    hidden = base.fillna(0).map(ctx.small).astype(bool)
    try:
        value = zt.municipal_value(ind.key) if ctx.area is None else _theme_area_value(th, ind.key, list(ctx.area))
    except (KeyError, AnalysisError):
        value = float("nan")
    base_sum = float(base.sum()) if ctx.area is None else float(base.reindex(list(ctx.area)).sum())
    info = zt.info.get(ind.key)
    tile = Tile(ind, NO_REFERENCE, float(value), None, zone_values=zv, zone_hidden=hidden,
                suppressed=ctx.small(base_sum), note="øyeblikksbilde fra kartlagene", tolerance=ctx.tolerance,
                method=info.definition_nb if info is not None else "")
    tile.spread = _spread(ctx, ind, zv, hidden)
    if math.isnan(tile.value):
        tile.status = NO_DATA
    return tile


def _theme_area_value(th, key: str, area: list[str]) -> float:
    """The value of a pipeline GIS indicator for a group of zones, from its underlying sums."""
    if key == "green_covered_pct":
        pz = th.green.per_zone.reindex(area)
        p = float(pz["population"].sum())
        return float(pz["covered_population"].sum() / p * 100.0) if p > 0 else float("nan")
    if key == "municipal_share":
        g = th.zone_table.gdf.reindex(area)
        d = float(g["dwellings"].sum())
        return float(g["municipal_units"].sum() / d * 100.0) if d > 0 else float("nan")
    # Transit: the population-weighted median over the area's grid cells, as the pipeline's
    # municipal value (unreachable cells, NaN, are left out there too).
    cells = th.transit.cells
    c = cells[cells["zone_id"].astype(str).isin(area)][[key, "population"]].dropna()
    if c.empty or c["population"].sum() <= 0:
        return float("nan")
    c = c.sort_values(key)
    cum = (c["population"].cumsum() / c["population"].sum()).to_numpy()
    return float(c[key].to_numpy()[np.searchsorted(cum, 0.5)])


def _spread(ctx: _Context, ind: Indicator, zv: pd.Series | None, hidden: pd.Series | None) -> Spread | None:
    if zv is None:
        return None
    return zone_spread(zv, ind.direction, hidden=hidden, scope=ctx.scope, names=ctx.names)
