"""Static maps (PNG/SVG/PDF) drawn with matplotlib, for exports, reports and the CLI.

The colours, classes and "–" for missing values are the same as on the Leaflet map: both use
:func:`ungtloft_map.maps.classify.classify`.

Examples
--------
Without a path the PNG comes back as bytes:

>>> from ungtloft_map.core.project import Project
>>> png = render_zone_png(Project.demo().zone_table(), "low_income", size=(1200, 900))
>>> png[1:4]
b'PNG'
"""

from __future__ import annotations

import io
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from ..core.io.atomic import atomic_write_bytes
from ..core.text import missing_legend
from ..core.zonetable import ZoneTable
from .classify import MISSING_COLOR
from .zonestyle import (
    FICTIONAL_EN,
    FICTIONAL_NB,
    SUPPRESSED,
    category_label,
    layer_style,
    value_decimals,
)

_CONTEXT = {
    "water": {"facecolor": "#a6cee3", "edgecolor": "#4a90c2", "linewidth": 0.3, "zorder": 0},
    "boundary": {"facecolor": "none", "edgecolor": "#333333", "linewidth": 1.2, "linestyle": "--", "zorder": 3},
    "plans": {"facecolor": "#cab2d6", "edgecolor": "#6a3d9a", "linewidth": 1.8, "alpha": 0.6, "zorder": 4},
    "buffer": {"facecolor": "none", "edgecolor": "#6a3d9a", "linewidth": 1.2, "linestyle": ":", "zorder": 4},
}


def _figure(size_px: tuple[int, int], dpi: int):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    return Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi)


def draw_zone_map(
    ax,
    zt: ZoneTable,
    column: str,
    *,
    values: pd.Series | None = None,
    scheme: str = "quantiles",
    k: int = 5,
    bins: list[float] | None = None,
    context: dict[str, gpd.GeoDataFrame] | None = None,
    lang: str = "nb",
    legend: bool = True,
    extent=None,
):
    """Draw the choropleth of ``column`` on a matplotlib axis; returns the Classification."""
    from matplotlib.patches import Patch

    info = zt.info.get(column)
    ls = layer_style(zt, column, values=values, scheme=scheme, k=k, bins=bins, lang=lang)
    cl = ls.classification
    colors = [ls.styles[str(z)]["c"] for z in zt.gdf.index]
    for name, gdf in (context or {}).items():
        if gdf is not None and len(gdf) and name in _CONTEXT and name != "boundary":
            gdf.plot(ax=ax, **_CONTEXT[name])
    zt.gdf.plot(ax=ax, color=colors, edgecolor="#555555", linewidth=0.4, zorder=1)
    if context and context.get("boundary") is not None:
        context["boundary"].plot(ax=ax, **_CONTEXT["boundary"])
    ax.set_axis_off()
    ax.set_aspect("equal")
    if extent is not None:
        ax.set_xlim(extent[0], extent[2])
        ax.set_ylim(extent[1], extent[3])
    if legend:
        handles = []
        if info is not None and info.kind == "class":
            shown = {ls.styles[str(z)]["c"] for z in zt.gdf.index}
            for label, color in info.categories or ():
                if color in shown:
                    handles.append(Patch(facecolor=color, edgecolor="#999999", label=category_label(label, lang)))
        elif cl is not None:
            for color, label, n in zip(cl.colors, cl.labels(value_decimals(info), lang), cl.counts):
                handles.append(Patch(facecolor=color, edgecolor="#999999", label=f"{label}  ({n})"))
        n_missing = sum(1 for z in zt.gdf.index if ls.styles[str(z)]["v"] == SUPPRESSED)
        if n_missing and (info is None or info.kind != "class"):
            word = missing_legend(lang)
            handles.append(Patch(facecolor=MISSING_COLOR, edgecolor="#999999", label=f"{SUPPRESSED} {word}  ({n_missing})"))
        title = info.label(lang) if info else column
        if info is not None and info.unit:
            title += f" ({info.unit})"
        leg = ax.legend(handles=handles, title=title, loc="lower right", fontsize=7, title_fontsize=8, frameon=True)
        leg.get_frame().set_alpha(0.92)
    _scale_bar(ax)
    return cl


def _scale_bar(ax) -> None:
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    width = x1 - x0
    length = 10 ** np.floor(np.log10(width / 4))
    if width / length > 8:
        length *= 2
    xs, ys = x0 + 0.04 * width, y0 + 0.04 * (y1 - y0)
    ax.plot([xs, xs + length], [ys, ys], color="#222222", linewidth=2.5, zorder=5)
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    ax.text(xs + length / 2, ys + 0.012 * (y1 - y0), label, ha="center", va="bottom", fontsize=7, zorder=5)


def render_zone_png(
    zt: ZoneTable,
    column: str,
    path: str | Path | None = None,
    *,
    size: tuple[int, int] = (1600, 1200),
    dpi: int = 150,
    title: str | None = None,
    lang: str = "nb",
    fmt: str = "png",
    **kwargs,
) -> bytes:
    """Render the zone map to PNG (or ``fmt``) bytes; written atomically to ``path`` if given."""
    fig = _figure(size, dpi)
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.90))
    draw_zone_map(ax, zt, column, lang=lang, **kwargs)
    info = zt.info.get(column)
    head = title or (info.label(lang) if info else column)
    if zt.year:
        head += f" – {zt.year}"
    fig.text(0.02, 0.965, head, fontsize=12, fontweight="bold", va="top")
    sub = zt.source_name
    if info is not None and info.source:
        sub += f" · {'Kilde' if lang == 'nb' else 'Source'}: {info.source}"
    fig.text(0.02, 0.925, sub, fontsize=8, color="#444444", va="top")
    if zt.fictional:
        fig.text(0.98, 0.965, FICTIONAL_NB if lang == "nb" else FICTIONAL_EN, fontsize=9, color="#b30000",
                 fontweight="bold", ha="right", va="top")
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=dpi)
    data = buf.getvalue()
    if path is not None:
        atomic_write_bytes(path, data)
    return data
