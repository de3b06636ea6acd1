"""How a zone-table column is drawn: colours, value texts and legends, shared by every map.

The Leaflet page (:mod:`ungtloft_map.maps.zonemap`), the static maps (:mod:`~ungtloft_map.maps.static`)
and the print layout (:mod:`~ungtloft_map.maps.print_layout`) style zones through
:func:`layer_style`, so a zone has the same colour and "–" everywhere. This module needs neither
folium nor matplotlib: a PDF report or a PNG export does not import the web-map stack.

Examples
--------
>>> from ungtloft_map.core.project import Project
>>> ls = layer_style(Project.demo().zone_table(), "low_income")
>>> len(ls.styles), ls.classification.scheme
(50, 'quantiles')
"""

from __future__ import annotations

import html as htmlmod
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.text import (
    DEFAULT_DECIMALS,
    FICTIONAL,
    MISSING,
    decimals_for,
    format_number,
    missing_legend,
)
from ..core.zonetable import ZoneTable
from .classify import MISSING_COLOR, SCHEMES, SCHEMES_EN, Classification, classify

__all__ = [
    "CONTEXT_BY_KIND",
    "CONTEXT_FRONT",
    "CONTEXT_LABELS_NB",
    "CONTEXT_STYLES",
    "FICTIONAL_EN",
    "FICTIONAL_NB",
    "SUPPRESSED",
    "ZONE_FILL_OPACITY",
    "LayerStyle",
    "category_label",
    "layer_style",
    "legend_html",
    "style_for",
    "value_decimals",
]

SUPPRESSED = MISSING
FICTIONAL_NB, FICTIONAL_EN = FICTIONAL

# The vector context is a quiet background map made from the dataset's own layers: pale water,
# thin grey roads (by kind) and buildings beneath the zones; boundary and district lines above
# them. The choropleth must stay the loudest thing on the page.
CONTEXT_STYLES = {
    "water": {"color": "#9bb8cc", "weight": 0.4, "fillColor": "#d3e2ec", "fillOpacity": 1.0},
    "boundary": {"color": "#4d4d4d", "weight": 1.6, "fill": False, "dashArray": "6 4"},
    "green_areas": {"color": "#a9c79a", "weight": 0.3, "fillColor": "#dcebd3", "fillOpacity": 0.7},
    "roads": {"color": "#8c8c8c", "weight": 0.6, "opacity": 0.8},
    "buildings": {"color": "#b0aaa0", "weight": 0.3, "fillColor": "#cfc9bf", "fillOpacity": 0.9},
    "plans": {"color": "#6a3d9a", "weight": 2.5, "fillColor": "#cab2d6", "fillOpacity": 0.35},
    "districts": {"color": "#333333", "weight": 1.8, "fill": False},
}
# Per-feature overrides by the layer's ``kind`` field (major roads drawn a little heavier).
CONTEXT_BY_KIND = {
    "roads": {"motorway": {"weight": 2.2, "color": "#7a7a7a"}, "trunk": {"weight": 2.0, "color": "#7a7a7a"},
              "primary": {"weight": 1.8, "color": "#7a7a7a"}, "secondary": {"weight": 1.2},
              "tertiary": {"weight": 0.9}},
}
# Drawn above the zones (lines only); everything else goes beneath.
CONTEXT_FRONT = ("boundary", "plans", "districts", "stops")
# Zone fill opacity: a little translucent so roads and water edges beneath stay readable.
ZONE_FILL_OPACITY = 0.75
CONTEXT_LABELS_NB = {"water": "Vann og sjø", "boundary": "Kommunegrense", "green_areas": "Grøntområder",
                     "roads": "Veier", "plans": "Planer", "districts": "Bydelsgrenser", "stops": "Holdeplasser",
                     "buildings": "Bygninger", "labels": "Sonenavn", "basemap": "Bakgrunnskart"}


def value_decimals(info) -> int:
    """Decimals of a zone-table column's values (its unit and kind: :func:`core.text.decimals_for`)."""
    return decimals_for(info.unit, info.kind) if info is not None else DEFAULT_DECIMALS


def category_label(label: str, lang: str = "nb") -> str:
    """Display text of a cluster/hot-spot class label."""
    from ..core.analysis import clusters

    table = {**clusters.LABELS_NB, **clusters.GETIS_LABELS_NB} if lang == "nb" else {
        **clusters.LABELS_EN, **clusters.GETIS_LABELS_EN}
    return table.get(label, label)


@dataclass
class LayerStyle:
    """How one column is drawn: per-zone styles, legend and (numeric columns) classes."""

    styles: dict[str, dict]
    legend_html: str
    classification: Classification | None


def layer_style(zt: ZoneTable, column: str, *, values: pd.Series | None = None, scheme: str = "quantiles",
                k: int = 5, bins: list[float] | None = None, lang: str = "nb") -> LayerStyle:
    """Colours, value texts and legend for ``column``; categorical columns use their palette."""
    if column not in zt.gdf.columns:
        raise KeyError(f"{column!r} is not a column of the zone table")
    info = zt.info.get(column)
    raw = (values if values is not None else zt.gdf[column]).reindex(zt.gdf.index)
    if info is not None and info.kind == "class":
        palette = dict(info.categories or ())
        styles = {}
        counts: dict[str, int] = {}
        for zid, v in raw.items():
            label = str(v) if v is not None and not (isinstance(v, float) and math.isnan(v)) else ""
            styles[str(zid)] = {"c": palette.get(label, MISSING_COLOR),
                                "v": category_label(label, lang) if label else SUPPRESSED}
            counts[label] = counts.get(label, 0) + 1
        return LayerStyle(styles, _category_legend(zt, column, palette, counts, lang), None)
    vals = raw.astype(float)
    finite = np.isfinite(vals.to_numpy())
    cl = classify(vals.to_numpy(), scheme, k, direction=info.direction if info else None, bins=bins) if finite.any() else None
    return LayerStyle(style_for(zt, column, vals, cl, lang), legend_html(zt, column, cl, lang=lang), cl)


def _category_legend(zt: ZoneTable, column: str, palette: dict[str, str], counts: dict[str, int], lang: str) -> str:
    info = zt.info.get(column)
    rows = []
    for label, color in palette.items():
        rows.append(f'<div class="ul-row"><span class="ul-sw" style="background:{color}"></span>'
                    f'{htmlmod.escape(category_label(label, lang))} <span class="ul-n">({counts.get(label, 0)})</span></div>')
    fict = ""
    if zt.fictional:
        fict = f'<div class="ul-fict">{FICTIONAL_NB if lang == "nb" else FICTIONAL_EN}</div>'
    src = f'<div class="ul-src">{"Kilde" if lang == "nb" else "Source"}: {htmlmod.escape(info.source)}</div>' if info and info.source else ""
    title = info.label(lang) if info else column
    return f'<div class="ul-title">{htmlmod.escape(title)}</div>{"".join(rows)}{src}{fict}'


def style_for(zt: ZoneTable, column: str, values: pd.Series, classification: Classification | None,
              lang: str = "nb") -> dict[str, dict]:
    """Per-zone fill colour and formatted value for ``column`` (missing → grey, "–")."""
    info = zt.info.get(column)
    decimals = value_decimals(info)
    out = {}
    for zid, v in values.items():
        v = float(v) if v is not None and not pd.isna(v) else float("nan")
        color = classification.color_of(v) if classification is not None else MISSING_COLOR
        out[str(zid)] = {"c": color, "v": format_number(v, decimals, lang)}
    return out


def legend_html(zt: ZoneTable, column: str, classification: Classification | None, *,
                lang: str = "nb", scheme_label: str | None = None) -> str:
    """The legend block: title, unit, classes with counts, "–" for missing, source, fictional label."""
    info = zt.info.get(column)
    title = info.label(lang) if info else column
    unit = info.unit if info else ""
    rows = []
    if classification is not None:
        for color, label, count in zip(classification.colors, classification.labels(value_decimals(info), lang),
                                       classification.counts):
            rows.append(f'<div class="ul-row"><span class="ul-sw" style="background:{color}"></span>'
                        f'{htmlmod.escape(label)} <span class="ul-n">({count})</span></div>')
        n_missing = classification.n_missing
    else:
        n_missing = len(zt)
    if n_missing:
        missing = missing_legend(lang)
        rows.append(f'<div class="ul-row"><span class="ul-sw" style="background:{MISSING_COLOR}"></span>'
                    f'{SUPPRESSED} {missing} <span class="ul-n">({n_missing})</span></div>')
    direction = ""
    if info is not None and info.direction:
        worse = "mørkere = dårligere" if lang == "nb" else "darker = worse"
        direction = f'<div class="ul-dir">{worse}</div>'
    scheme = ""
    if classification is not None:
        names = SCHEMES if lang == "nb" else SCHEMES_EN
        scheme = scheme_label or names.get(classification.scheme, classification.scheme)
    source = info.source if info and info.source else ""
    year = f" {zt.year}" if zt.year and info is not None and info.kind in ("rate", "count") and str(zt.year) not in source else ""
    src_label = "Kilde" if lang == "nb" else "Source"
    fict = ""
    if zt.fictional:
        fict = f'<div class="ul-fict">{FICTIONAL_NB if lang == "nb" else FICTIONAL_EN}</div>'
    unit_html = f' <span class="ul-unit">({htmlmod.escape(unit)})</span>' if unit else ""
    return (
        f'<div class="ul-title">{htmlmod.escape(title)}{unit_html}</div>'
        f'<div class="ul-scheme">{htmlmod.escape(scheme)}</div>{"".join(rows)}{direction}'
        f'<div class="ul-src">{src_label}: {htmlmod.escape(source + year) if (source or year) else htmlmod.escape(zt.source_name)}</div>{fict}'
    )
