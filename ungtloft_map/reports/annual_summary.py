"""Annual summary of the UNGT LØFT key indicators (for the kommune's årsberetning), HTML or PDF.

:func:`render_annual_summary` lays out a :class:`~ungtloft_map.core.workflows.dashboard.Dashboard`
on A4 portrait: a title block (municipality, year, reference, date), the FICTIONAL-DATA label
when the data is the demo, key figures (how many indicators are better, the same, worse, without
data), one table per Marmot principle (each indicator under its main principle: value, a
sparkline of the trend recomputed from counts, the change, the status against the reference, the
best and worst zone), small maps of a few key indicators, *what is missing* (the framework
indicators without data, and why), and the definitions and methods.

Small numbers never leave through the report: a tile value resting on a count or denominator of
1–4 shows "–" (:attr:`Tile.suppressed`), so do the trend years in :attr:`Tile.hidden_years`
(left out of the sparkline); the best/worst zones are chosen among zones that may be shown, and
the maps grey out every zone the suppression rules hide (:attr:`Tile.zone_hidden`, from
:func:`~ungtloft_map.core.export.suppressed_zone_frame`). No counts are printed. Numbers and
dates follow Norwegian conventions (``12,3 %``, ``26.11.2026``) in bokmål.

Examples
--------
>>> from ungtloft_map.core.project import Project  # doctest: +SKIP
>>> from ungtloft_map.core.workflows.dashboard import key_indicators  # doctest: +SKIP
>>> p = Project.demo()  # doctest: +SKIP
>>> db = key_indicators(p, references={"low_income": 10.4})  # doctest: +SKIP
>>> pdf = render_annual_summary(db, p, fmt="pdf", path="aarsrapport.pdf")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from .. import __version__
from ..core.text import MARMOT_PRINCIPLES, decimals_for, fictional_label, format_value, unit_text
from ..core.workflows.dashboard import (
    BETTER,
    NO_DATA,
    NO_REFERENCE,
    SAME,
    STATUS_COLORS,
    TREND_COLORS,
    WORSE,
    Dashboard,
    Tile,
)
from ..core.zonetable import ColumnInfo, ZoneTable
from ._common import (
    MISSING_LABEL,
    check_format,
    check_lang,
    figure_png,
    finish_report,
    format_number,
    format_percent,
    png_data_uri,
    render_template,
    tr,
)

__all__ = ["render_annual_summary", "annual_summary_context", "sparkline_png", "tile_map_png",
           "DEFAULT_MAP_KEYS"]

TEMPLATE = "annual_summary.html.j2"
#: Indicators mapped by default (the first four that have zone values).
DEFAULT_MAP_KEYS = ("child_low_income", "neet", "sdg_11_2_1", "sdg_11_7_1", "low_income",
                    "dwellings_outdoor_access", "green_covered_pct", "vgs_completion")


def render_annual_summary(
    dashboard: Dashboard,
    project,
    *,
    lang: str = "nb",
    fmt: str = "html",
    path: str | Path | None = None,
    map_keys: Iterable[str] | None = None,
    max_maps: int = 4,
    generated: _dt.date | None = None,
) -> bytes:
    """The annual summary as HTML or PDF bytes (written atomically to ``path`` when given).

    Parameters
    ----------
    dashboard
        From :func:`~ungtloft_map.core.workflows.dashboard.key_indicators`.
    project
        The project the dashboard was made from (zones and context layers for the maps).
    lang
        ``"nb"`` (bokmål, default) or ``"en"``.
    fmt
        ``"html"`` or ``"pdf"`` (WeasyPrint).
    path
        Where to write the file (atomically); None: only return the bytes.
    map_keys
        Indicators to map (default :data:`DEFAULT_MAP_KEYS`, those with zone values);
        ``max_maps`` at most.
    generated
        The date printed on the report (default today).

    Raises
    ------
    AnalysisError
        Unknown ``lang`` or ``fmt``; PDF without WeasyPrint.

    Examples
    --------
    >>> html = render_annual_summary(db, project)  # doctest: +SKIP
    >>> b"Nøkkelindikatorer" in html  # doctest: +SKIP
    True
    """
    check_format(fmt)
    ctx = annual_summary_context(dashboard, project, lang=lang, map_keys=map_keys, max_maps=max_maps,
                                 generated=generated)
    return finish_report(render_template(TEMPLATE, **ctx), fmt=fmt, path=path)


def annual_summary_context(
    dashboard: Dashboard,
    project,
    *,
    lang: str = "nb",
    map_keys: Iterable[str] | None = None,
    max_maps: int = 4,
    generated: _dt.date | None = None,
) -> dict:
    """Everything the template shows, already formatted and suppressed (for tests and re-use)."""
    check_lang(lang)

    db = dashboard
    counts = db.counts()
    with_data = db.with_data
    groups = []
    for letter, tiles in db.by_marmot().items():
        rows = [_row(t, db, lang) for t in tiles if t.has_data]
        if rows:
            name = MARMOT_PRINCIPLES.get(letter, ("", ""))[1 if lang == "en" else 0]
            groups.append({"letter": letter, "name": name, "rows": rows})
    missing: dict[str, list[dict]] = {}
    for t in db.missing:
        group = t.indicator.data_source or tr(lang, "Annet", "Other")
        missing.setdefault(group, []).append({
            "name": t.name(lang),
            "source": t.indicator.source or t.indicator.data_source,
            "tags": " · ".join(x for x in (", ".join(t.marmot), t.life_course,
                                           f"SDG {t.sdg}" if t.sdg else "") if x),
            # "not there yet" goes without saying in this section; other reasons are shown
            "why": "" if t.note == "ingen data ennå" else _why_missing(t, lang),
        })
    maps = _maps(db, project, lang, map_keys, max_maps)
    ref_names = sorted({t.reference_label for t in with_data if t.reference is not None})
    area = db.area_name or (tr(lang, f"{len(db.area)} soner", f"{len(db.area)} zones") if db.area else "")
    title = tr(lang, "Nøkkelindikatorer for UNGT LØFT", "UNGT LØFT key indicators")
    if db.year:
        title += f" {db.year}"
    years = f"{db.years[0]}–{db.years[-1]}" if len(db.years) > 1 else (str(db.years[0]) if db.years else "")
    tol = format_number(db.tolerance * 100, 0 if float(db.tolerance * 100).is_integer() else 1, lang)
    return {
        "lang": lang,
        "title": title,
        "municipality": db.municipality,
        "area": area,
        "year": db.year,
        "years": years,
        "generated": generated or _dt.date.today(),
        "app_version": __version__,
        "fictional": db.fictional,
        "fictional_label": fictional_label(lang) if db.fictional else "",
        "keyfigures": [
            (str(len(with_data)), tr(lang, "indikatorer med data", "indicators with data")),
            (f"{counts[BETTER]} / {counts[SAME]} / {counts[WORSE]}",
             tr(lang, "bedre / likt / dårligere enn referansen", "better / same / worse than the reference")),
            (str(counts[NO_REFERENCE]), tr(lang, "uten referanseverdi", "without a reference value")),
            (str(counts[NO_DATA]), tr(lang, "mangler data", "without data")),
        ],
        "reference_text": _reference_text(db, ref_names, lang),
        "tolerance": tol,
        "groups": groups,
        "missing": [{"source": k, "rows": v} for k, v in missing.items()],
        "n_missing": len(db.missing),
        "maps": maps,
        "definitions": [{"name": t.name(lang),
                         # GIS tiles: the definition with the parameters used (bokmål only)
                         "definition": t.method if (t.method and lang == "nb") else t.indicator.definition(lang),
                         "source": t.indicator.source, "unit": t.unit,
                         "direction": tr(lang, "Høy verdi er bra", "High is good") if t.direction == "high_is_good"
                         else tr(lang, "Høy verdi er dårlig", "High is bad")} for t in with_data],
        "threshold": db.threshold,
        "status_colors": STATUS_COLORS,
        "filters": _filters_text(db, lang),
    }


# --------------------------------------------------------------------------------------------
# rows


def _fmt_change(v, unit: str, lang: str) -> str:
    if v is None or math.isnan(v):
        return MISSING_LABEL
    d = decimals_for(unit)
    sign = "+" if round(v, d) > 0 else ""
    unit_txt = "pp" if unit == "%" else unit_text(unit, lang)
    return f"{sign}{format_number(v, d, lang)}\u00a0{unit_txt}"


def _row(t: Tile, db: Dashboard, lang: str) -> dict:
    unit = t.unit
    # The value column is narrow: a word unit ("per time") goes on the small line below.
    if t.suppressed or t.value is None or math.isnan(t.value):
        value = MISSING_LABEL
    elif unit == "%":
        value = format_percent(t.value, 1, lang)
    else:
        value = format_number(t.value, decimals_for(unit), lang)
    unit_line = "" if unit == "%" else unit_text(unit, lang)
    # Suppressed trend years are left out of the sparkline and of the change.
    trend = [(y, (float("nan") if y in t.hidden_years else v)) for y, v in t.trend]
    shown = [(y, v) for y, v in trend if not math.isnan(v)]
    change = ""
    if len(shown) >= 2:
        change = f"{shown[0][0]}–{shown[-1][0]}:\u00a0{_fmt_change(shown[-1][1] - shown[0][1], unit, lang)}"
    spark = png_data_uri(sparkline_png(trend, t.trend_status)) if len(shown) >= 2 else ""
    sp = t.spread
    spread = None
    if sp is not None:
        ratio = "" if math.isnan(sp.ratio) or sp.ratio == 0 else f"{format_number(sp.ratio, 1, lang)}"
        spread = {"best": sp.best.zone_name, "best_value": format_value(sp.best.value, unit, lang),
                  "worst": sp.worst.zone_name, "worst_value": format_value(sp.worst.value, unit, lang),
                  "ratio": ratio, "n": sp.n_zones, "left_out": sp.n_left_out}
    ref = ""
    if t.reference is not None:
        ref = f"{format_value(t.reference, unit, lang)} ({t.reference_label})"
    tags = [t.life_course] if t.life_course else []
    if t.sdg:
        tags.append(f"SDG {t.sdg}")
    tags.append(t.indicator.data_source or t.indicator.source)
    return {
        "key": t.key,
        "name": t.name(lang),
        "tags": " · ".join(x for x in tags if x),
        "marmot": ", ".join(t.marmot),
        "value": value,
        "when": str(t.year) if t.year else tr(lang, "kartlag", "map layers"),
        "unit": unit_line,
        "spark": spark,
        "change": change,
        "trend": t.trend_label(lang),
        "reference": ref,
        "status": t.status_label(lang),
        "status_key": t.status,
        "colour": t.colour,
        "spread": spread,
        "suppressed": t.suppressed,
    }


def sparkline_png(trend: list[tuple[int, float]], trend_status: str = "", *, size_in=(1.15, 0.36),
                  dpi: int = 220) -> bytes:
    """A small line of the trend (no axes); the last point coloured by the trend status.

    Examples
    --------
    >>> sparkline_png([(2021, 10.0), (2022, 11.0), (2023, float("nan")), (2024, 12.5)])[:4]
    b'\\x89PNG'
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    years = np.array([y for y, _ in trend], dtype=float)
    vals = np.array([v for _, v in trend], dtype=float)
    fig = Figure(figsize=size_in, dpi=dpi)
    fig.patch.set_alpha(0.0)  # transparent: the table rows are striped
    ax = fig.add_axes((0.04, 0.12, 0.92, 0.76))
    ax.patch.set_alpha(0.0)
    ok = np.isfinite(vals)
    colour = TREND_COLORS.get(trend_status, "#555555")
    ax.plot(years[ok], vals[ok], color="#6a3d9a", linewidth=1.2, solid_capstyle="round")
    ax.plot(years[ok], vals[ok], "o", color="#6a3d9a", markersize=1.8)
    if ok.any():
        last = np.flatnonzero(ok)[-1]
        ax.plot([years[last]], [vals[last]], "o", color=colour, markersize=3.4)
    lo, hi = (np.nanmin(vals), np.nanmax(vals)) if ok.any() else (0.0, 1.0)
    pad = (hi - lo) * 0.15 or max(abs(hi) * 0.05, 0.5)
    ax.set_ylim(lo - pad, hi + pad)
    if len(years):
        ax.set_xlim(years.min() - 0.25, years.max() + 0.25)
    ax.set_axis_off()
    return figure_png(fig, dpi=dpi)


def _why_missing(t: Tile, lang: str) -> str:
    note = t.note or ""
    if note == "ingen data ennå":
        return tr(lang, "ingen data i appen ennå", "no data in the app yet")
    if lang == "en":
        return {"ikke i indikatortabellen": "not in the indicator table",
                "ikke beregnet (kjør temaanalysene)": "not computed (run the theme analyses)",
                "ikke beregnet": "not computed"}.get(note, note)
    return note


def _reference_text(db: Dashboard, ref_names: list[str], lang: str) -> str:
    if db.area:
        return tr(lang, "kommunen som helhet (og brukeroppgitte verdier der de er gitt)",
                  "the municipality as a whole (and user-entered values where given)")
    if ref_names:
        return tr(lang, f"brukeroppgitte referanseverdier ({', '.join(ref_names)})",
                  f"user-entered reference values ({', '.join(ref_names)})")
    return tr(lang, "ingen referanseverdier oppgitt", "no reference values entered")


def _filters_text(db: Dashboard, lang: str) -> str:
    if not db.filters:
        return ""
    names = {"marmot": ("Marmot-prinsipp", "Marmot principle"), "life_course": ("livsløpsfase", "life-course group"),
             "sdg_goal": ("bærekraftsmål", "SDG goal"), "theme": ("tema", "theme"),
             "data_source": ("datakilde", "data source")}
    parts = []
    for k, v in db.filters.items():
        vals = v if isinstance(v, (list, tuple, set)) else [v]
        parts.append(f"{tr(lang, *names.get(k, (k, k)))}: {', '.join(map(str, vals))}")
    return "; ".join(parts)


# --------------------------------------------------------------------------------------------
# maps


def _maps(db: Dashboard, project, lang: str, map_keys, max_maps: int) -> list[dict]:
    keys = list(map_keys) if map_keys is not None else list(DEFAULT_MAP_KEYS)
    chosen = []
    for key in keys:
        try:
            t = db.tile(key)
        except KeyError:
            continue
        if t.has_data and t.zone_values is not None and t.zone_values.notna().any():
            chosen.append(t)
        if len(chosen) >= max_maps:
            break
    out = []
    for t in chosen:
        png = tile_map_png(t, project, lang=lang, year=db.year)
        when = str(db.year) if t.year else tr(lang, "kartlag", "map layers")
        hidden = int(t.zone_hidden.sum()) if t.zone_hidden is not None else 0
        cap = f"{t.name(lang)} ({when})."
        if hidden:
            cap += tr(lang, f" {hidden} soner skjermet (små tall).", f" {hidden} zones suppressed (small numbers).")
        out.append({"uri": png_data_uri(png), "caption": cap, "name": t.name(lang)})
    return out


def tile_map_png(tile: Tile, project, *, lang: str = "nb", year: int | None = None,
                 size_px: tuple[int, int] = (820, 700), dpi: int = 200) -> bytes:
    """A small choropleth of a tile's zone values; suppressed zones are grey ("–").

    Examples
    --------
    >>> tile_map_png(db.tile("neet"), project)[:4]  # doctest: +SKIP
    b'\\x89PNG'
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from ..maps.static import draw_zone_map

    zones = project.zones
    values = tile.zone_values.reindex(zones.index).astype(float)
    if tile.zone_hidden is not None:
        # what may not leave the app is not drawn
        values = values.mask(tile.zone_hidden.reindex(zones.index).fillna(False).astype(bool))
    ind = tile.indicator
    gdf = zones[[c for c in ("zone_id", "zone_name") if c in zones.columns]].copy()
    gdf = gdf.set_geometry(zones.geometry.values, crs=zones.crs)
    gdf[ind.key] = values.to_numpy()
    info = ColumnInfo(ind.key, ind.name_nb, ind.name_en, ind.unit, kind="rate", direction=ind.direction,
                      theme=ind.theme, source=ind.source)
    zt = ZoneTable(gdf, {ind.key: info}, year=tile.year or year, fictional=project.fictional,
                   source_name=project.name)
    fig = Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi)
    ax = fig.add_axes((0.005, 0.005, 0.99, 0.99))
    context = {k: project.layer(k) for k in ("water", "boundary") if project.layer(k) is not None}
    draw_zone_map(ax, zt, ind.key, context=context, lang=lang, k=5)
    leg = ax.get_legend()
    if leg is not None:
        # a short legend title: the caption under the map names the indicator
        leg.set_title(ind.unit if ind.unit else "")
        for text in leg.get_texts():
            text.set_fontsize(6)
    return figure_png(fig, dpi=dpi)

