"""The target-area brief (issue #8): a short HTML/PDF note of a områdesatsing selection.

:func:`render_target_brief` lays out one selection on A4 portrait: a title block (data, year,
date), the FICTIONAL-DATA label when the data is the demo, key figures, a small static map
(zones coloured by the composite index, target zones and comparison zones outlined and named),
the targets' baseline values beside the municipality (the merged target area re-aggregated from
counts), the comparison zones with their similarity, the weights used and the method.

:func:`export_selection` writes the whole selection: the GeoPackage and CSV of
:func:`ungtloft_map.core.workflows.selection_export.export_selection_data` and the brief as HTML and PDF,
every file atomically. Every figure shown has passed small-number suppression: the zone values
come from :func:`ungtloft_map.core.export.suppressed_zone_frame` and the merged area from
:func:`ungtloft_map.core.workflows.selection_export.suppressed_profile`; a withheld value shows "–".

Examples
--------
>>> from ungtloft_map.core.project import Project  # doctest: +SKIP
>>> from ungtloft_map.core.pipeline import compute_themes  # doctest: +SKIP
>>> from ungtloft_map.core.analysis.targeting import Candidate, comparison_zones  # doctest: +SKIP
>>> project = Project.demo(); themes = compute_themes(project)  # doctest: +SKIP
>>> cand = Candidate("Østhaugen", ["0203", "0206"])  # doctest: +SKIP
>>> comp = comparison_zones(themes.zone_table, cand, ["low_income", "neet"], k=4)  # doctest: +SKIP
>>> export_selection("utvalg", themes.zone_table, cand, comp, {"theme_weights": {"levekar": 2}},
...                  2024, catalogue=project.catalogue)  # doctest: +SKIP
[PosixPath('utvalg.gpkg'), PosixPath('utvalg.csv'), PosixPath('utvalg.kolonner.csv'),
 PosixPath('utvalg.html'), PosixPath('utvalg.pdf')]
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import __version__
from ..core.analysis.index import METHODS
from ..core.analysis.privacy import threshold_or_default
from ..core.analysis.targeting import Candidate, ComparisonResult, index_inputs
from ..core.catalogue import Catalogue
from ..core.errors import DataError, UngtloftError
from ..core.text import INDEX_METHOD_DEFINITIONS, fictional_label, format_value, theme_name
from ..core.workflows.selection_export import (
    ROLE_COMPARISON,
    ROLE_TARGET,
    SelectionTables,
    export_selection_data,
    selection_tables,
)
from ..core.zonetable import ZoneTable
from ._common import (
    MISSING_LABEL,
    check_format,
    check_lang,
    figure_png,
    finish_report,
    format_count,
    format_number,
    format_percent,
    map_extent,
    place_notes_rows,
    png_data_uri,
    render_template,
    tr,
)

__all__ = ["brief_context", "export_selection", "render_target_brief", "selection_map_png"]

TEMPLATE = "target_brief.html.j2"
MAP_COLUMN = "composite_score"
TARGET_COLOR = "#111111"  # black reads on every class of the red index palette
COMPARISON_COLOR = "#08519c"
#: With more target zones than this the table shows the merged area only.
MAX_ZONE_COLUMNS = 4


# --------------------------------------------------------------------------------------------
# public
# --------------------------------------------------------------------------------------------
def export_selection(
    path_stem: str | Path,
    zone_table: ZoneTable,
    targets: Candidate | Sequence[str],
    comparison: ComparisonResult | None,
    weights: Mapping | None,
    year: int | None,
    *,
    catalogue: Catalogue | None = None,
    lang: str = "nb",
    pdf: bool = True,
    generated: _dt.date | None = None,
    context: Mapping[str, gpd.GeoDataFrame] | None = None,
    threshold: int | None = None,
    notes: Sequence[dict] | None = None,
) -> list[Path]:
    """Write the selection: ``<stem>.gpkg``, ``<stem>.csv`` (+ ``.kolonner.csv``), the brief.

    Parameters
    ----------
    path_stem
        Output path without suffix.
    zone_table
        The enriched zone table (``compute_themes(...).zone_table``).
    targets
        A :class:`~ungtloft_map.core.analysis.targeting.Candidate` or the target zone ids.
    comparison
        From :func:`~ungtloft_map.core.analysis.targeting.comparison_zones`, or None.
    weights
        The weighting used to rank: ``{"weights": {...}, "theme_weights": {...},
        "method": ...}`` (the CLI's weights file) or a flat ``{indicator: weight}``.
    year
        The baseline year (must be the zone table's).
    catalogue
        Indicator catalogue (default: the app's).
    lang
        Language of the brief, ``"nb"`` or ``"en"``.
    pdf
        Also write ``<stem>.pdf`` (needs WeasyPrint).
    generated
        Date printed on the brief (default today).
    context
        Map context layers (``water``, ``boundary``) from the project.

    Returns
    -------
    list[Path]
        Every file written, in the order above.

    Raises
    ------
    DataError, AnalysisError
        As :func:`~ungtloft_map.core.workflows.selection_export.export_selection_data`; PDF requested
        without WeasyPrint (the data files and the HTML are written first).
    """
    zt = getattr(zone_table, "zone_table", zone_table)
    if year is not None and zt.year is not None and int(year) != int(zt.year):
        raise DataError(f"the zone table holds {zt.year} figures, not {year}; compute the themes "
                        f"for {year} first", field="year")
    catalogue = catalogue or Catalogue.default()
    stem = Path(path_stem)
    if stem.suffix.lower() in (".gpkg", ".csv", ".html", ".pdf"):
        stem = stem.with_suffix("")
    tables = selection_tables(zt, targets, comparison, catalogue=catalogue, weights=weights,
                              threshold=threshold)
    paths = export_selection_data(stem, zt, targets, comparison, weights, year,
                                  catalogue=catalogue, tables=tables)
    ctx = brief_context(zt, targets, comparison, weights, year, catalogue=catalogue, lang=lang,
                        generated=generated, context=context, tables=tables)
    ctx["place_notes"] = place_notes_rows(_target_ids(targets), notes)
    html = render_template(TEMPLATE, **ctx)
    finish_report(html, fmt="html", path=stem.with_suffix(".html"))
    paths.append(stem.with_suffix(".html"))
    if pdf:
        finish_report(html, fmt="pdf", path=stem.with_suffix(".pdf"))
        paths.append(stem.with_suffix(".pdf"))
    return paths


def render_target_brief(
    zone_table: ZoneTable,
    targets: Candidate | Sequence[str],
    comparison: ComparisonResult | None,
    weights: Mapping | None,
    year: int | None = None,
    *,
    catalogue: Catalogue | None = None,
    lang: str = "nb",
    fmt: str = "html",
    path: str | Path | None = None,
    generated: _dt.date | None = None,
    context: Mapping[str, gpd.GeoDataFrame] | None = None,
    notes: Sequence[dict] | None = None,
) -> bytes:
    """The brief as HTML or PDF bytes (written atomically to ``path`` when given).

    ``notes`` are the project's place notes; those in the target zones are listed.

    Raises
    ------
    AnalysisError
        Unknown ``lang``/``fmt``; PDF without WeasyPrint.

    Examples
    --------
    >>> pdf = render_target_brief(zt, cand, comp, {}, 2024, fmt="pdf")  # doctest: +SKIP
    >>> pdf[:4]  # doctest: +SKIP
    b'%PDF'
    """
    check_format(fmt)
    ctx = brief_context(zone_table, targets, comparison, weights, year, catalogue=catalogue,
                        lang=lang, generated=generated, context=context)
    ctx["place_notes"] = place_notes_rows(_target_ids(targets), notes)
    return finish_report(render_template(TEMPLATE, **ctx), fmt=fmt, path=path)


def _target_ids(targets) -> list[str]:
    return [str(z) for z in (targets.zone_ids if hasattr(targets, "zone_ids") else targets)]


def brief_context(
    zone_table: ZoneTable,
    targets: Candidate | Sequence[str],
    comparison: ComparisonResult | None,
    weights: Mapping | None,
    year: int | None = None,
    *,
    catalogue: Catalogue | None = None,
    lang: str = "nb",
    generated: _dt.date | None = None,
    context: Mapping[str, gpd.GeoDataFrame] | None = None,
    tables: SelectionTables | None = None,
) -> dict:
    """Everything the template shows, as text (suppression already applied).

    Examples
    --------
    >>> ctx = brief_context(zt, cand, comp, {}, 2024)  # doctest: +SKIP
    >>> [r["label"] for r in ctx["targets"]["rows"]][:2]  # doctest: +SKIP
    """
    check_lang(lang)

    zt = getattr(zone_table, "zone_table", zone_table)
    catalogue = catalogue or Catalogue.default()
    if year is not None and zt.year is not None and int(year) != int(zt.year):
        raise DataError(f"the zone table holds {zt.year} figures, not {year}", field="year")
    cand = targets if isinstance(targets, Candidate) else Candidate(
        tr(lang, "Målområde", "Target area"), tuple(targets))
    tables = tables or selection_tables(zt, cand, comparison, catalogue=catalogue, weights=weights)
    spec = tables.weights
    ranking, rank_error = _ranking(zt, catalogue, spec)
    prof = tables.profile
    comp_ids = comparison.zone_ids if comparison is not None else []
    comp_rank = (f"{prof.composite_rank} {tr(lang, 'av', 'of')} {prof.composite_of}"
                 if prof.composite_rank is not None else MISSING_LABEL)
    return {
        "lang": lang,
        "title": cand.name,
        "generated": generated or _dt.date.today(),
        "project_name": zt.source_name,
        "year": year if year is not None else zt.year,
        "app_version": __version__,
        "fictional": zt.fictional,
        "fictional_label": fictional_label(lang) if zt.fictional else "",
        "method_name": _method_name(spec["method"], lang),
        "keyfigures": [
            (str(len(cand.zone_ids)), tr(lang, "målsoner", "target zones")),
            (format_count(prof.population, lang), tr(lang, "bosatte i målområdet",
                                                     "residents in the target area")),
            (comp_rank, tr(lang, "målområdet i indeksen (1 = mest belastet)",
                           "target area in the index (1 = most disadvantaged)")),
            (str(len(comp_ids)), tr(lang, "sammenligningssoner", "comparison zones")),
        ],
        "map_uri": png_data_uri(selection_map_png(zt, cand.zone_ids, comp_ids, lang=lang,
                                                  context=context)),
        "map_caption": _map_caption(zt, lang),
        "targets": _target_section(zt, cand, tables, ranking, lang),
        "comparison": _comparison_section(zt, comparison, tables, lang),
        "weights": _weights_section(spec, ranking, zt, catalogue, lang),
        "rank_error": rank_error,
        "method": _method_notes(cand, comparison, spec, lang),
        "warnings": [str(w) for w in tables.warnings],
    }


def selection_map_png(
    zone_table: ZoneTable,
    target_ids: Sequence[str],
    comparison_ids: Sequence[str] = (),
    *,
    lang: str = "nb",
    context: Mapping[str, gpd.GeoDataFrame] | None = None,
    size_px: tuple[int, int] = (1500, 1050),
    dpi: int = 200,
) -> bytes:
    """The brief's map: zones by composite index, targets and comparison zones outlined.

    Examples
    --------
    >>> selection_map_png(zt, ["0203"], ["0110"])[:4]  # doctest: +SKIP
    b'\\x89PNG'
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import patheffects
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from ..maps.static import draw_zone_map

    zt = getattr(zone_table, "zone_table", zone_table)
    gdf = zt.gdf
    fig = Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi)
    ax = fig.add_axes((0.005, 0.005, 0.99, 0.99))
    column = _map_column(zt)
    ctx = {k: v for k, v in (context or {}).items() if v is not None}
    if column is not None:
        draw_zone_map(ax, zt, column, context=ctx, lang=lang, extent=map_extent(
            gdf.total_bounds, size_px[0] / size_px[1], 0.03))
    else:  # pragma: no cover - a zone table always has rates
        gdf.plot(ax=ax, color="#f0f0f0", edgecolor="#555555", linewidth=0.4)
        ax.set_axis_off()
    legend = ax.get_legend()
    tz = gdf.loc[list(target_ids)]
    cz = gdf.loc[list(comparison_ids)] if len(comparison_ids) else gdf.iloc[:0]
    # White under-stroke first so the outlines read on any class colour.
    for sel, color, hatch in ((tz, TARGET_COLOR, "xxx"), (cz, COMPARISON_COLOR, None)):
        if len(sel):
            sel.boundary.plot(ax=ax, color="white", linewidth=3.6, zorder=5)
            sel.plot(ax=ax, facecolor="none", edgecolor=color, linewidth=1.8, hatch=hatch,
                     zorder=6)
    handles = [Patch(facecolor="none", edgecolor=TARGET_COLOR, hatch="xxx", linewidth=1.8,
                     label=tr(lang, "Målsone", "Target zone"))]
    if len(cz):
        handles.append(Patch(facecolor="none", edgecolor=COMPARISON_COLOR, linewidth=1.8,
                             label=tr(lang, "Sammenligningssone", "Comparison zone")))
    if legend is not None:
        ax.add_artist(legend)
    leg2 = ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=True)
    leg2.get_frame().set_alpha(0.92)
    halo = [patheffects.withStroke(linewidth=2.4, foreground="white")]
    for sel, color in ((tz, TARGET_COLOR), (cz, COMPARISON_COLOR)):
        for zid, row in sel.iterrows():
            p = row.geometry.representative_point()
            ax.text(p.x, p.y, str(row.get("zone_name") or zid), fontsize=6.5, ha="center",
                    va="center", color=color, fontweight="bold", zorder=7, path_effects=halo,
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75, "pad": 0.6})
    if zt.fictional:

        ax.text(0.99, 0.99, fictional_label(lang), transform=ax.transAxes,
                ha="right", va="top", fontsize=7.5, color="#b30000", fontweight="bold", zorder=8,
                bbox={"facecolor": "white", "edgecolor": "#b30000", "alpha": 0.9, "pad": 2})
    return figure_png(fig, dpi=dpi)


# --------------------------------------------------------------------------------------------
# sections
# --------------------------------------------------------------------------------------------
def _ranking(zt: ZoneTable, catalogue: Catalogue, spec: dict):
    """The ranking under the weights used, or (None, message) when it cannot be computed."""
    try:
        inputs = index_inputs(zt, catalogue)
        return inputs.rank(weights=spec["weights"], theme_weights=spec["theme_weights"],
                           method=spec["method"]), ""
    except UngtloftError as err:
        return None, str(err)


def _fmt_value(v, unit: str, lang: str) -> str:
    if v is None or (isinstance(v, float) and not np.isfinite(v)) or pd.isna(v):
        return MISSING_LABEL
    # The unit's decimals (core.text); only "%" is written after the number in these tables.
    return format_value(float(v), unit, lang, with_unit=unit == "%")


def _is_worse(v, ref, direction) -> bool:
    try:
        v, ref = float(v), float(ref)
    except (TypeError, ValueError):
        return False
    if not (np.isfinite(v) and np.isfinite(ref)) or ref == 0:
        return False
    # "Clearly worse": 20 % past the municipal value in the bad direction.
    if direction == "high_is_bad":
        return v > 1.2 * ref
    if direction == "high_is_good":
        return v < ref / 1.2
    return False


def _target_section(zt: ZoneTable, cand: Candidate, tables: SelectionTables, ranking,
                    lang: str) -> dict:
    zones = tables.zones[tables.zones["role"] == ROLE_TARGET].set_index("zone_id")
    show_zones = len(cand.zone_ids) <= MAX_ZONE_COLUMNS
    merged = len(cand.zone_ids) > 1
    sup = tables.published
    prof = tables.profile.table
    heads = []
    if show_zones:
        heads += [str(zones.at[z, "zone_name"]) if "zone_name" in zones.columns else z
                  for z in cand.zone_ids]
    if merged:
        heads.append(tr(lang, "Målområdet samlet", "Target area (merged)"))
    rows, theme_prev = [], None
    for key in prof.index:
        r = prof.loc[key]
        unit, direction = r["unit"], r["direction"]
        cells = []
        if show_zones:
            for z in cand.zone_ids:
                v = zones.at[z, key] if key in zones.columns else np.nan
                cells.append({"text": _fmt_value(v, unit, lang),
                              "worse": _is_worse(v, r["municipal"], direction)})
        if merged:
            v = sup.at[key, "value"]
            cells.append({"text": _fmt_value(v, unit, lang),
                          "worse": _is_worse(v, r["municipal"], direction)})
        main = sup.loc[key]
        rank = (f"{int(main['rank'])} {tr(lang, 'av', 'of')} {int(main['of'])}"
                if pd.notna(main["rank"]) else MISSING_LABEL)
        theme = r["theme"] or ""
        rows.append({
            "label": r["label_en"] if lang == "en" else r["label"],
            "unit": unit,
            "good": direction == "high_is_good",
            "cells": cells,
            "municipal": _fmt_value(r["municipal"], unit, lang),
            "rank": rank,
            "theme": _theme_name(theme, lang) if theme != theme_prev else "",
        })
        theme_prev = theme
    zone_rank = []
    if ranking is not None:
        for z in cand.zone_ids:
            row = ranking.table.loc[z]
            ch = row["rank_change"]
            change = "" if pd.isna(ch) or int(ch) == 0 else f"{row['arrow']} {abs(int(ch))}"
            zone_rank.append({
                "zone": f"{z} {row.get('zone_name', '')}".strip(),
                "rank": MISSING_LABEL if pd.isna(row["rank"]) else str(int(row["rank"])),
                "change": change,
                "flags": (format_number(zones.at[z, "n_flags"], 0, lang)
                          if "n_flags" in zones.columns else MISSING_LABEL),
            })
    return {"heads": heads, "rows": rows, "zone_rank": zone_rank,
            "n_zones": len(zt.gdf), "hidden_zone_columns": not show_zones}


def _comparison_section(zt: ZoneTable, comparison: ComparisonResult | None,
                        tables: SelectionTables, lang: str) -> dict | None:
    if comparison is None or not len(comparison.table):
        return None
    comp = tables.zones[tables.zones["role"] == ROLE_COMPARISON].set_index("zone_id")
    zones = []
    for r in comparison.table.itertuples():
        zones.append({
            "zone": r.zone_id,
            "name": r.zone_name,
            "district": (str(comp.at[r.zone_id, "district_name"])
                         if "district_name" in comp.columns else ""),
            "similarity": format_number(r.similarity, 2, lang),
            "distance": format_number(r.distance, 2, lang),
            "chosen": tr(lang, "manuelt", "manual") if r.chosen == "manual" else tr(lang, "forslag",
                                                                                  "proposed"),
        })
    pub = tables.published
    rows = []
    for key in comparison.indicators:
        info = zt.info.get(key)
        unit = info.unit if info else ""
        label = info.label(lang) if info else key
        if len(comparison.target_ids) == 1:
            tz = tables.zones.set_index("zone_id")
            target = tz.at[comparison.target_ids[0], key] if key in tz.columns else np.nan
        elif key in pub.index:
            target = pub.at[key, "value"]  # the merged target as published
        else:
            target = np.nan
        vals = [_fmt_value(comp.at[z, key] if key in comp.columns else np.nan, unit, lang)
                for z in comparison.zone_ids]
        municipal = np.nan
        try:
            municipal = zt.municipal_value(key)
        except KeyError:
            pass
        rows.append({"label": label, "target": _fmt_value(target, unit, lang), "values": vals,
                     "municipal": _fmt_value(municipal, unit, lang)})
    names = comparison.table.set_index("zone_id")["zone_name"]
    return {"zones": zones, "rows": rows,
            "heads": [str(names.get(z) or z) for z in comparison.zone_ids],
            "excluded": len(comparison.excluded_adjacent),
            "indicators": [zt.info[k].label(lang) if k in zt.info else k
                           for k in comparison.indicators]}


def _weights_section(spec: dict, ranking, zt: ZoneTable, catalogue: Catalogue, lang: str) -> dict:
    themes = []
    used = ranking.theme_weights_used if ranking is not None else {}
    ind_used = ranking.weights_used if ranking is not None else {}
    try:
        inputs = index_inputs(zt, catalogue)
        by_theme: dict[str, list[str]] = {}
        for k, t in inputs.themes.items():
            by_theme.setdefault(t, []).append(k)
    except UngtloftError:
        by_theme = {}
    for theme, keys in by_theme.items():
        w = spec["theme_weights"].get(theme, 1.0)
        changed = [f"{zt.info[k].label(lang) if k in zt.info else k}: "
                   f"{format_number(spec['weights'][k], 2, lang)}"
                   for k in keys if k in spec["weights"] and spec["weights"][k] != 1.0]
        themes.append({
            "theme": _theme_name(theme, lang),
            "weight": format_number(w, 2, lang),
            "share": format_percent(100 * used[theme], 0, lang) if theme in used else MISSING_LABEL,
            "n": len([k for k in keys if k in ind_used]),
            "changed": "; ".join(changed),
        })
    unknown = [k for k in spec["weights"] if not any(k in v for v in by_theme.values())]
    return {"themes": themes, "method": _method_name(spec["method"], lang),
            "default": not spec["weights"] and not spec["theme_weights"], "unknown": unknown}


def _method_notes(cand: Candidate, comparison: ComparisonResult | None, spec: dict,
                  lang: str) -> list[str]:
    notes = [
        tr(lang,
           "Målområdets andeler er regnet fra summen av tellere delt på summen av nevnere i sonene "
           "(aldri snitt av sonenes andeler). Grøntdekning, grøntareal og reisetider er "
           "befolkningsvektede (reisetid: median over 250 m-rutene når de er med, ellers snitt av "
           "sonenes medianer); kommunale boliger er summert fra antall.",
           "The target area's rates are the sum of counts over the sum of denominators of its "
           "zones (never an average of zone rates). Green coverage, green area and travel times are "
           "population-weighted (travel time: median over the 250 m cells when given, otherwise the "
           "mean of the zone medians); municipal housing is summed from counts."),
        tr(lang,
           "«Plass» = hvor målområdet ville ligget blant de andre sonene (1 = mest belastet). "
           "Rødt = minst 20 % dårligere enn kommunen.",
           "'Place' = where the target area would rank among the other zones (1 = most "
           "disadvantaged). Red = at least 20 % worse than the municipality."),
        tr(lang,
           f"Indeksen: {_method_name(spec['method'], 'nb')}. Vekter som ikke er nevnt er 1; "
           "vekten av en indikator deles på summen av vektene i temaet.",
           f"The index: {_method_name(spec['method'], 'en')}. Weights not listed are 1; an "
           "indicator's weight is divided by the sum of the weights in its theme."),
        tr(lang,
           f"Skjerming: antall fra 1 til {threshold_or_default() - 1} og andeler regnet fra dem vises "
           "som «–», og nok andre celler skjermes til at de ikke kan regnes ut fra summer. En "
           "andel for målområdet skjules også når en av sonene er skjermet for den.",
           f"Suppression: counts from 1 to {threshold_or_default() - 1} and the rates built on them show "
           "as '–', and enough other cells are hidden that they cannot be worked out from totals. "
           "A rate of the target area is also hidden when one of its zones is hidden for it."),
    ]
    if comparison is not None:
        notes.insert(2, tr(
            lang,
            "Sammenligningssoner: de sonene som ligner mest på målområdet i utgangsåret, målt som "
            "euklidsk avstand på standardiserte indikatorer (z-verdier over alle soner); likhet = "
            "1 / (1 + avstand). Soner som grenser til målområdet er holdt utenfor for å begrense "
            "smitteeffekter." if comparison.excluded_adjacent else
            "Sammenligningssoner: de sonene som ligner mest på målområdet i utgangsåret, målt som "
            "euklidsk avstand på standardiserte indikatorer (z-verdier over alle soner); likhet = "
            "1 / (1 + avstand).",
            "Comparison zones: the zones most like the target area in the baseline year, by "
            "Euclidean distance on standardised indicators (z-scores over all zones); similarity = "
            "1 / (1 + distance). Zones bordering the target area are left out to limit spillover."
            if comparison.excluded_adjacent else
            "Comparison zones: the zones most like the target area in the baseline year, by "
            "Euclidean distance on standardised indicators (z-scores over all zones); similarity = "
            "1 / (1 + distance)."))
    return notes


def _method_name(method: str, lang: str) -> str:
    if method not in METHODS or method not in INDEX_METHOD_DEFINITIONS:
        return method
    nb, en = INDEX_METHOD_DEFINITIONS[method]
    return en if lang == "en" else nb


def _theme_name(theme: str, lang: str) -> str:
    return theme_name(theme, lang)


def _map_column(zt: ZoneTable) -> str | None:
    """The composite index when computed, else the first theme column (a bare zone table)."""
    if MAP_COLUMN in zt.gdf.columns:
        return MAP_COLUMN
    return next(iter(zt.theme_columns()), None)


def _map_caption(zt: ZoneTable, lang: str) -> str:
    column = _map_column(zt) or MAP_COLUMN
    info = zt.info.get(column)
    what = info.label(lang) if info else column
    yr = f" {zt.year}" if zt.year else ""
    return tr(lang,
              f"Sonene farget etter «{what}»{yr} (mørkere = mer belastet). Målsoner med svart kant og "
              "skravur, sammenligningssoner med blå kant.",
              f"Zones coloured by '{what}'{yr} (darker = more disadvantaged). Target zones outlined "
              "and hatched black, comparison zones outlined blue.")
