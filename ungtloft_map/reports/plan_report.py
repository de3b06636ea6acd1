"""The plan assessment report (issue #7): one template, HTML or PDF, bokmål or English.

:func:`render_plan_report` lays out a :class:`~ungtloft_map.core.workflows.plan.PlanAssessment`
on A4 portrait pages: a title block (plan, file, date, data and app version), the
FICTIONAL-DATA label when the data is the demo, key figures, a static map (zones coloured by
the composite index, the plan and its buffer outlined), the findings table, the zones the buffer
touches, the buffer's levekår re-aggregated from counts, and definitions and sources.

Every count shown passes small-number suppression: residents, units and indicator counts of 1 to
the privacy threshold − 1 (1–4 by default) are shown as "–" (and the rates built on them); the zones table gets secondary suppression
through :func:`~ungtloft_map.core.analysis.privacy.suppress` so that a hidden zone cannot be
recovered from the buffer's total.

Examples
--------
>>> from ungtloft_map.core.project import Project  # doctest: +SKIP
>>> from ungtloft_map.core.workflows.plan import assess_plan  # doctest: +SKIP
>>> a = assess_plan(Project.demo(), "geodata/demo/plans/plan_b_park.sos")  # doctest: +SKIP
>>> pdf = render_plan_report(a, fmt="pdf", path="plan_b.pdf")  # doctest: +SKIP
>>> html = render_plan_report(a, lang="en").decode()  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import __version__
from ..core.analysis.privacy import suppress, threshold_or_default
from ..core.errors import AnalysisError
from ..core.text import MARMOT_PRINCIPLES, fictional_label, marmot_name, theme_name
from ..core.workflows.plan import PlanAssessment, cluster_label
from ._common import (
    MISSING_LABEL,
    check_format,
    check_lang,
    figure_png,
    finish_report,
    format_count,
    format_number,
    format_percent,
    is_suppressed_count,
    map_extent,
    place_notes_rows,
    png_data_uri,
    render_template,
    tr,
)

__all__ = ["render_plan_report", "plan_map_png", "report_context"]

TEMPLATE = "plan_report.html.j2"
MAP_COLUMN = "composite_score"

SEVERITY = {"obs": ("OBS", "NOTE"), "info": ("Info", "Info"), "ok": ("OK", "OK")}

# Zone-table columns whose definitions the report prints (when present), in this order.
_DEFINED = ("population", "composite_score", "composite_rank", "n_flags", "lisa_label", "gi_label",
            "green_covered_pct", "green_m2_per_resident", "dist_to_stop_m", "departures_per_hour_500m",
            "time_to_centre_min", "time_to_school_min", "municipal_share", "municipal_per_1000")


def render_plan_report(
    assessment: PlanAssessment,
    *,
    lang: str = "nb",
    fmt: str = "html",
    path: str | Path | None = None,
    generated: _dt.date | None = None,
    notes: list[dict] | None = None,
) -> bytes:
    """Render the plan report as HTML or PDF bytes (and write them atomically to ``path``).

    Parameters
    ----------
    assessment
        From :func:`~ungtloft_map.core.workflows.plan.assess_plan`.
    lang
        ``"nb"`` (bokmål, default) or ``"en"``.
    fmt
        ``"html"`` or ``"pdf"`` (the same HTML laid out by WeasyPrint, A4 portrait).
    path
        Where to write the report; an earlier file there is only replaced when rendering
        succeeded.
    generated
        The date printed as "generated" (default today).
    notes
        Place notes (``PlaceNote.to_dict`` dicts, from the project): those in the zones the plan
        touches are listed beside the numbers (people-driven information, "triangulering").

    Returns
    -------
    bytes
        UTF-8 HTML or the PDF.

    Raises
    ------
    AnalysisError
        Unknown ``lang``/``fmt``, or PDF requested without WeasyPrint.

    Examples
    --------
    >>> data = render_plan_report(a, fmt="pdf", path="rapport.pdf")  # doctest: +SKIP
    >>> data[:4]  # doctest: +SKIP
    b'%PDF'
    """
    check_lang(lang)
    check_format(fmt)
    ctx = report_context(assessment, lang=lang, generated=generated)
    ctx["place_notes"] = place_notes_rows(assessment.zones.index, notes)
    html = render_template(TEMPLATE, **ctx)
    return finish_report(html, fmt=fmt, path=path)


def report_context(assessment: PlanAssessment, *, lang: str = "nb",
                   generated: _dt.date | None = None) -> dict:
    """Everything the template shows, as formatted text (suppression already applied).

    Examples
    --------
    >>> ctx = report_context(a, lang="en")  # doctest: +SKIP
    >>> [r["label"] for r in ctx["findings"]][:2]  # doctest: +SKIP
    ['Residents in the plan area', 'Residents within 500 m']
    """
    a = assessment
    zt = a.zone_table

    obs = [f for f in a.findings if f.severity == "obs"]
    return {
        "lang": lang,
        "a": a,
        "title": a.plan_name,
        "file": a.path.name,
        "source_format": a.source_format,
        "plan_id": a.plan_id,
        "generated": generated or _dt.date.today(),
        "project_name": a.project_name,
        "data_version": a.data_version,
        "year": a.year,
        "app_version": __version__,
        "fictional": a.fictional,
        "fictional_label": fictional_label(lang) if a.fictional else "",
        "buffer_m": format_number(a.buffer_m, 0, lang),
        "area_ha": format_number(a.area_m2 / 1e4, 1, lang),
        "keyfigures": [
            (format_count(a.residents_plan, lang), tr(lang, "bosatte i planområdet", "residents in the plan area")),
            (format_count(a.residents_buffer, lang),
             tr(lang, f"bosatte innen {a.buffer_m:g} m", f"residents within {a.buffer_m:g} m")),
            (str(len(a.zones)), tr(lang, "levekårssoner berørt", "zones touched")),
            (str(len(obs)), tr(lang, "funn merket OBS", "findings marked NOTE")),
        ],
        "map_uri": png_data_uri(plan_map_png(a, lang=lang)),
        "map_caption": _map_caption(a, lang),
        "findings": _finding_rows(a, lang),
        "zones": _zone_rows(a, lang),
        "levekar": _levekar_rows(a, lang),
        "definitions": _definitions(zt, a, lang),
        "method": _method_notes(a, lang),
        "marmot": [(k, marmot_name(k, lang)) for k in MARMOT_PRINCIPLES],
        "notes": [en if lang == "en" else nb for nb, en in a.notes],
        "warnings": [str(w) for w in a.warnings],
        "plan_units": (a.housing.add_municipal, a.housing.add_other) if a.housing is not None else None,
    }


# --------------------------------------------------------------------------------------------
# the map


def plan_map_png(a: PlanAssessment, *, lang: str = "nb", size_px: tuple[int, int] = (1500, 1050),
                 dpi: int = 200) -> bytes:
    """The report map as PNG: zones by composite index, plan and buffer, zoomed to the buffer.

    Examples
    --------
    >>> png = plan_map_png(a)  # doctest: +SKIP
    >>> png[:4]  # doctest: +SKIP
    b'\\x89PNG'
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import patheffects
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from ..maps.static import draw_zone_map

    zt = a.zone_table
    crs = zt.gdf.crs
    fig = Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi)
    ax = fig.add_axes((0.005, 0.005, 0.99, 0.99))
    extent = map_extent(a.buffer.bounds, size_px[0] / size_px[1], margin=0.12)
    context = {"plans": gpd.GeoDataFrame(geometry=[a.geometry], crs=crs)}
    for role in ("water", "boundary"):
        if a.context.get(role) is not None:
            context[role] = a.context[role]
    column = _map_column(zt)
    if column is None:
        raise AnalysisError("the zone table has nothing to map")
    draw_zone_map(ax, zt, column, context=context, lang=lang, extent=extent)
    # The buffer as a dashed black line on a white halo: visible on light and dark classes.
    buf = gpd.GeoSeries([a.buffer.boundary], crs=crs)
    buf.plot(ax=ax, color="white", linewidth=2.6, zorder=4)
    buf.plot(ax=ax, color="#222222", linewidth=1.1, linestyle=(0, (4, 3)), zorder=4)
    roads = a.context.get("roads")
    if roads is not None and len(roads):
        near = roads[roads.intersects(_box(*extent))]
        if len(near):
            near.plot(ax=ax, color="#7a7a7a", linewidth=0.5, alpha=0.8, zorder=2)
    green = a.context.get("green_areas")
    if green is not None and len(green):
        # Outlines only: a fill would mix with the index colours underneath.
        near = green[green.intersects(_box(*extent))]
        if len(near):
            near.plot(ax=ax, facecolor="none", edgecolor="#238b45", linewidth=0.7, zorder=2)
    legend = ax.get_legend()
    extra = [
        Patch(facecolor="#cab2d6", edgecolor="#6a3d9a", linewidth=1.5, label=tr(lang, "Planområdet", "Plan area")),
        Line2D([], [], color="#222222", linestyle=(0, (4, 3)), linewidth=1.1,
               label=tr(lang, f"Buffer {a.buffer_m:g} m", f"Buffer {a.buffer_m:g} m")),
    ]
    if green is not None and len(green):
        extra.append(Patch(facecolor="none", edgecolor="#238b45", linewidth=0.9,
                           label=tr(lang, "Grøntområder", "Green areas")))
    if a.green is not None and a.green.removed is not None and not a.green.removed.is_empty:
        gpd.GeoSeries([a.green.removed], crs=crs).plot(ax=ax, facecolor="none", edgecolor="#1b7837",
                                                       hatch="////", linewidth=0.8, zorder=5)
        extra.append(Patch(facecolor="white", edgecolor="#1b7837", hatch="////",
                           label=tr(lang, "Grøntareal som bygges ned", "Green area built on")))
    if legend is not None:
        ax.add_artist(legend)
    leg2 = ax.legend(handles=extra, loc="upper left", fontsize=7, frameon=True)
    leg2.get_frame().set_alpha(0.92)
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    x0, y0, x1, y1 = extent
    for zid, row in a.zones.iterrows():
        geom = zt.gdf.geometry.get(zid)
        if geom is None:
            continue
        vis = geom.intersection(_box(x0, y0, x1, y1))
        if vis.is_empty or vis.area < 0.02 * (x1 - x0) * (y1 - y0):
            continue  # a sliver at the edge: a label would sit on the frame
        # Keep the label off the plan itself (it marks the plan's own zone otherwise).
        free = vis.difference(a.geometry.buffer(0.05 * (x1 - x0)))
        p = (free if not free.is_empty else vis).representative_point()
        ax.text(p.x, p.y, str(row.get("zone_name") or zid), fontsize=6.5, ha="center", va="center",
                color="#222222", zorder=6, path_effects=halo)
    if a.fictional:
        ax.text(0.99, 0.99, fictional_label(lang), transform=ax.transAxes,
                ha="right", va="top", fontsize=7.5, color="#b30000", fontweight="bold", zorder=7,
                bbox={"facecolor": "white", "edgecolor": "#b30000", "alpha": 0.9, "pad": 2})
    return figure_png(fig, dpi=dpi)


def _box(x0, y0, x1, y1):
    from shapely.geometry import box

    return box(x0, y0, x1, y1)


def _map_column(zt) -> str | None:
    """The index when it was computed, else the first indicator the data has (partial data)."""
    from ..core.pipeline import default_column

    if MAP_COLUMN in zt.gdf:
        return MAP_COLUMN
    return default_column(zt) or (zt.theme_columns() or [None])[0]


def _map_caption(a: PlanAssessment, lang: str) -> str:
    column = _map_column(a.zone_table) or MAP_COLUMN
    info = a.zone_table.info.get(column)
    what = info.label(lang) if info else column
    yr = f" {a.year}" if a.year else ""
    return tr(
        lang,
        f"Levekårssonene farget etter {what.lower()}{yr} (mørkere = mer belastet, kvantiler). "
        f"Planområdet er fylt, buffersonen på {a.buffer_m:g} m stiplet; veier i grått.",
        f"Zones coloured by {what.lower()}{yr} (darker = more disadvantaged, quantiles). "
        f"The plan area is filled, the {a.buffer_m:g} m buffer dashed; roads in grey.",
    )


# --------------------------------------------------------------------------------------------
# tables


def _finding_rows(a: PlanAssessment, lang: str) -> list[dict]:
    rows = []
    prev = None
    for f in a.findings:
        if f.key.startswith("levekar_") and f.key != "levekar_summary":
            continue  # each indicator is a row of the levekår table instead
        rows.append({
            "theme": theme_name(f.theme, lang) if f.theme != prev else "",
            "new_theme": f.theme != prev,
            "label": f.label(lang),
            "value": f.value_text(lang),
            "comparison": f.comparison(lang) + (
                tr(lang, " (se tabellen «Levekår» under)", " (see the living-conditions table below)")
                if f.key == "levekar_summary" else ""),
            "marmot": f.principles,
            "severity": f.severity,
            "severity_label": SEVERITY[f.severity][1 if lang == "en" else 0],
        })
        prev = f.theme
    return rows


def _zone_rows(a: PlanAssessment, lang: str) -> list[dict]:
    z = a.zones
    if z.empty:
        return []
    # Residents of each zone inside the buffer, with secondary suppression: the buffer's total
    # is printed, so one hidden zone would be recoverable by subtraction.
    t = pd.DataFrame({"residents": z["residents_in_buffer"].round().to_numpy(),
                      "share": z["buffer_population_share"].to_numpy()}, index=z.index)
    hidden = suppress(t, {"residents": ["share"]}).suppressed
    rows = []
    for zid, r in z.iterrows():
        rank = r.get("composite_rank")
        hide = bool(hidden.at[zid, "residents"])
        rows.append({
            "zone": f"{r.get('zone_name') or zid} ({zid})",
            "district": r.get("district_name") or "",
            "in_plan": bool(r["in_plan"]),
            "plan_share": format_percent(r["plan_area_share"] * 100, 0, lang) if r["in_plan"] else "",
            "residents": MISSING_LABEL if hide else format_count(r["residents_in_buffer"], lang),
            "buffer_share": MISSING_LABEL if hide else format_percent(r["buffer_population_share"] * 100, 0, lang),
            "zone_share": MISSING_LABEL if hide else format_percent(r["zone_population_share"] * 100, 0, lang),
            "rank": (f"{int(rank)} / {a.n_zones}" if rank is not None and np.isfinite(rank) else MISSING_LABEL),
            "worst": rank is not None and np.isfinite(rank) and (rank - 1) < 0.2 * a.n_zones,
            "flags": format_number(r.get("n_flags"), 0, lang),
            "cluster": cluster_label(r.get("lisa_label"), lang, short=True),
            "hot": str(r.get("lisa_label")) == "High-High",
        })
    return rows


def _levekar_rows(a: PlanAssessment, lang: str) -> list[dict]:
    rows = []
    for _key, r in a.levekar.iterrows():
        # A small count or denominator (privacy rule) hides the row's count, denominator and rate (as
        # suppress_zone_table does: with so few people even the other numbers disclose).
        hide = bool(r["suppressed"]) or is_suppressed_count(r["count"]) or is_suppressed_count(r["denom"])
        label = r["label_en"] if lang == "en" else r["label_nb"]
        rank = r["rank"]
        rows.append({
            "label": label,
            "count": MISSING_LABEL if hide else format_count(r["count"], lang),
            "denom": MISSING_LABEL if hide else format_count(r["denom"], lang),
            "rate": MISSING_LABEL if hide else format_percent(r["rate"], 1, lang),
            "municipal": format_percent(r["municipal"], 1, lang),
            "rank": MISSING_LABEL if hide or rank is None or pd.isna(rank) else f"{int(rank)} / {int(r['n_zones'])}",
            "worst": bool(r["worst"]) and not hide,
            "good": r["direction"] == "high_is_good",
            "marmot": ", ".join(r["marmot"]),
        })
    return rows


def _definitions(zt, a: PlanAssessment, lang: str) -> list[dict]:
    cols = [c for c in _DEFINED if c in zt.info]
    cols += [k for k in a.levekar.index if k in zt.info]
    out = []
    for c in cols:
        info = zt.info[c]
        label = info.label(lang) + (f" ({info.unit})" if info.unit and info.unit not in ("", "rang") else "")
        out.append({"label": label, "definition": info.definition(lang) or MISSING_LABEL,
                    "source": info.source})
    return out


def _method_notes(a: PlanAssessment, lang: str) -> list[str]:
    g = a.green
    notes = [
        tr(lang,
           "Bosatte i planområdet og buffersonen er fordelt fra 250 m-befolkningsrutene etter hvor stor "
           "andel av hver rutes areal som ligger innenfor (EJScreens metode).",
           "Residents in the plan area and the buffer are apportioned from the 250 m population grid by "
           "the share of each cell's area inside (EJScreen's method)."),
        tr(lang,
           f"Levekår innen {a.buffer_m:g} m: hver sones antall og nevner fordeles etter andelen av sonens "
           "bosatte som bor i buffersonen, summeres, og raten regnes på nytt (antall ÷ nevner). Raten "
           "plasseres blant sonenes rater («nr. 3 av 50», 1 = mest belastet). Rater og persentiler "
           "gjennomsnittes aldri.",
           f"Living conditions within {a.buffer_m:g} m: each zone's count and denominator are apportioned "
           "by the share of the zone's residents living in the buffer, summed, and the rate recomputed "
           "(count ÷ denominator). The rate is placed among the zone rates ('3rd of 50', 1 = most "
           "disadvantaged). Rates and percentiles are never averaged."),
        tr(lang,
           "Grøntareal som bygges ned: planens formålsflater med annet arealformål enn grønnstruktur "
           "(RPAREALFORMÅL 3000–3999) der de overlapper eksisterende grøntområder. Grøntdekningen regnes "
           "på nytt for buffersonens bosatte uten dette arealet.",
           "Green area built on: the plan's land-use polygons whose code is not green structure "
           "(RPAREALFORMÅL 3000–3999) where they overlap existing green areas. Green coverage is "
           "recomputed for the buffer's residents without that area."),
        tr(lang,
           "Kollektivtilgang måles fra planområdets sentroide: rettlinjet avstand til nærmeste holdeplass med "
           "avganger, avganger per time innen 500 m og median dør-til-dør-reisetid over hvert "
           "avgangsminutt i vinduet (R5-definisjonen).",
           "Transit access is measured from the plan's centroid: straight-line distance to the nearest "
           "stop with departures, departures per hour within 500 m and the median door-to-door time over "
           "every departure minute of the window (the R5 definition)."),
        tr(lang,
           "Kommunale boliger innen 500 og 1000 m fra plangrensen per 1000 bosatte sammenlignes med "
           "kommunesnittet; sonens kommunale andel etter planen legger til planens boliger.",
           "Municipal dwellings within 500 and 1,000 m of the plan edge per 1,000 residents are compared "
           "with the municipal average; the zone's municipal share after the plan adds the plan's dwellings."),
        tr(lang,
           "OBS: sonen er blant de 20 % mest belastede, ligger i en Høy-Høy-klynge, har 3 eller flere "
           "belastninger; bufferens rate ville vært blant de 20 % mest belastede sonene; bosatte mister "
           "grøntdekning eller dekningen er under halvparten av kommunens; holdeplass lenger unna enn 500 m, "
           "under 4 avganger i timen eller reisetid blant de 20 % lengste; kommunale boliger over 1,5 × "
           "kommunesnittet rundt planen, eller sonens andel etter planen minst 2 × snittet.",
           "NOTE: the zone is among the worst 20 %, in a High-High cluster, or has 3 or more burdens; the "
           "buffer's rate would be among the worst 20 % of zones; residents lose green coverage or coverage "
           "is below half the municipal level; nearest stop beyond 500 m, under 4 departures per hour or a "
           "travel time among the longest 20 %; municipal housing above 1.5 × the municipal average around "
           "the plan, or the zone's share after the plan at least 2 × the average."),
        tr(lang,
           f"Små tall: antall fra 1 til {threshold_or_default() - 1} (og rater bygd på dem) vises som «–». "
           "Fordelte antall er avrundet før denne regelen brukes.",
           f"Small numbers: counts from 1 to {threshold_or_default() - 1} (and rates built on them) are shown "
           "as '–'. Apportioned counts are rounded before this rule is applied."),
    ]
    if g is not None:
        notes.insert(3, tr(lang, f"Grøntdefinisjon: {g.definition} (grøntområde på minst "
                                 f"{format_number(g.min_area_m2 / 1000, 0, lang)} daa innen "
                                 f"{format_number(g.max_distance_m, 0, lang)} m).",
                           f"Green definition: {g.definition} (a green area of at least "
                           f"{format_number(g.min_area_m2 / 1000, 0, lang)} decares within "
                           f"{format_number(g.max_distance_m, 0, lang)} m)."))
    if a.transit is not None:
        notes.append(tr(lang, f"Rutedata: avganger {a.transit.date}, {a.transit.window}.",
                        f"Timetable: departures on {a.transit.date}, {a.transit.window}."))
    if a.housing is not None:
        src = {"plan file": ("fra planfilen", "from the plan file"),
               "argument": ("oppgitt av brukeren", "given by the user"),
               "argument and plan file": ("delvis oppgitt av brukeren", "partly given by the user"),
               "none": ("planfilen oppgir ingen boliger", "the plan file gives no dwellings")}
        s = src.get(a.housing.units_source, (a.housing.units_source, a.housing.units_source))
        notes.append(tr(lang, f"Boliger i planen: {a.housing.add_municipal} kommunale og {a.housing.add_other} "
                              f"andre ({s[0]}).",
                        f"Dwellings in the plan: {a.housing.add_municipal} municipal and {a.housing.add_other} "
                        f"other ({s[1]})."))
    return notes
