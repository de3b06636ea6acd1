"""A printable map page (PDF) for a case document: title, map, legend, scale bar, north arrow,
source and year, date made, the fictional label, and the suppression note.

Vector output: matplotlib's PDF backend draws the zones, the context layers and every text as
vector shapes, with TrueType fonts embedded (``pdf.fonttype`` 42, DejaVu Sans), so "æøå" are
searchable text and the map is sharp at any zoom. Values are the small-number-suppressed ones,
as in every export (:func:`ungtloft_map.maps.export._safe_values`); address-level layers are never
drawn. The file is written atomically.

The window calls :func:`print_map` from *Fil → Skriv ut kart…*; the CLI from
``export-map --paper A4|A3 [--landscape] --out map.pdf``.

Examples
--------
>>> import tempfile
>>> from ungtloft_map.core.project import Project
>>> with tempfile.TemporaryDirectory() as tmp:
...     out = print_map(Project.demo().zone_table(), "low_income", Path(tmp) / "kart.pdf", paper="A4")
...     out.name, out.read_bytes()[:5]
('kart.pdf', b'%PDF-')
"""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from ..core.analysis.privacy import threshold_or_default
from ..core.catalogue import Catalogue
from ..core.crs import ANALYSIS_CRS
from ..core.errors import DataError
from ..core.io.atomic import atomic_write_bytes
from ..core.text import format_date, format_number, format_short, missing_legend
from ..core.zonetable import ZoneTable
from .basemap import Basemap, parse_basemap
from .classify import MISSING_COLOR, SCHEMES, SCHEMES_EN
from .export import _safe_context, _safe_values
from .zonestyle import (
    FICTIONAL_EN,
    FICTIONAL_NB,
    SUPPRESSED,
    category_label,
    layer_style,
    value_decimals,
)

MM = 1 / 25.4  # inches per millimetre
PAPERS = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}

# matplotlib twins of the web map's quiet context styles (zonestyle.CONTEXT_STYLES).
_BENEATH = {
    "water": {"facecolor": "#d3e2ec", "edgecolor": "#9bb8cc", "linewidth": 0.3},
    "green_areas": {"facecolor": "#dcebd3", "edgecolor": "#a9c79a", "linewidth": 0.2},
    "buildings": {"facecolor": "#cfc9bf", "edgecolor": "#b0aaa0", "linewidth": 0.1},
}
_ROAD_WIDTH = {"motorway": 1.2, "trunk": 1.1, "primary": 1.0, "secondary": 0.7, "tertiary": 0.5}
_ABOVE = {
    "districts": {"facecolor": "none", "edgecolor": "#333333", "linewidth": 1.0},
    "boundary": {"facecolor": "none", "edgecolor": "#4d4d4d", "linewidth": 1.0, "linestyle": (0, (5, 3))},
}


def paper_size(paper: str, landscape: bool = False) -> tuple[float, float]:
    """(width, height) in millimetres.

    Raises
    ------
    DataError
        An unknown paper size (the message lists the choices).
    """
    key = str(paper).strip().upper()
    if key not in PAPERS:
        raise DataError(f"unknown paper size {paper!r}; choose one of: {', '.join(PAPERS)}", field="--paper")
    w, h = PAPERS[key]
    return (h, w) if landscape else (w, h)


def date_text(day: dt.date, lang: str = "nb") -> str:
    """``4. desember 2026`` (bokmål) or ``4 December 2026`` (:func:`core.text.format_date`)."""
    return format_date(day, lang, long=True)


def nice_length(target_m: float) -> float:
    """The 1-2-5 × 10ⁿ length not above ``target_m``."""
    exp = 10 ** math.floor(math.log10(target_m))
    for f in (5, 2, 1):
        if f * exp <= target_m:
            return f * exp
    return exp


def _extent(bounds, ax_w_mm: float, ax_h_mm: float, pad: float = 0.03):
    """Data bounds grown to the axis' aspect (centred), so the zones fill the frame."""
    x0, y0, x1, y1 = bounds
    w, h = (x1 - x0) * (1 + 2 * pad), (y1 - y0) * (1 + 2 * pad)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    aspect = ax_w_mm / ax_h_mm
    if w / h > aspect:
        h = w / aspect
    else:
        w = h * aspect
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _draw_context(ax, context: dict[str, gpd.GeoDataFrame], names, crs) -> None:
    for name in names:
        gdf = context.get(name)
        if gdf is None or len(gdf) == 0:
            continue
        g = gdf.to_crs(crs) if gdf.crs is not None and not gdf.crs.equals(crs) else gdf
        if name == "roads":
            kinds = g["kind"].astype(str) if "kind" in g.columns else pd.Series("", index=g.index)
            widths = kinds.map(_ROAD_WIDTH).fillna(0.35).to_numpy()
            colours = np.where(widths >= 1.0, "#7a7a7a", "#9a9a9a")
            g.plot(ax=ax, linewidth=widths, color=list(colours), zorder=2)
        elif name in _BENEATH:
            g.plot(ax=ax, zorder=1, **_BENEATH[name])
        elif name in _ABOVE:
            g.boundary.plot(ax=ax, color=_ABOVE[name]["edgecolor"], linewidth=_ABOVE[name]["linewidth"],
                            linestyle=_ABOVE[name].get("linestyle", "-"), zorder=5)


def _scale_bar(fig, ax, extent, ax_w_mm: float, lang: str) -> None:
    """Alternating black/white bar of a 1-2-5 length near a quarter of the map width, and the scale."""
    x0, y0, x1, y1 = extent
    ground_w = x1 - x0
    length = nice_length(ground_w / 4)
    seg = 4
    bx, by = x0 + 0.03 * ground_w, y0 + 0.035 * (y1 - y0)
    bh = 0.009 * (y1 - y0)
    from matplotlib.patches import Rectangle

    ax.add_patch(Rectangle((bx - 0.012 * ground_w, by - 0.022 * (y1 - y0)), length + 0.05 * ground_w,
                           0.075 * (y1 - y0), facecolor="white", alpha=0.85, edgecolor="none", zorder=8))
    for i in range(seg):
        ax.add_patch(Rectangle((bx + i * length / seg, by), length / seg, bh, facecolor="#222222" if i % 2 == 0 else "white",
                               edgecolor="#222222", linewidth=0.5, zorder=9))

    def lab(v):
        return format_short(v / 1000, lang) if length >= 1000 else format_short(v, lang)

    unit = "km" if length >= 1000 else "m"
    for v in (0, length / 2, length):
        ax.text(bx + v, by + bh * 1.6, lab(v), ha="center", va="bottom", fontsize=6.5, zorder=9)
    ax.text(bx + length + 0.012 * ground_w, by + bh / 2, unit, ha="left", va="center", fontsize=6.5, zorder=9)
    scale = ground_w / (ax_w_mm / 1000)  # metres on the ground per metre on paper
    rounded = nice_length(scale) if scale < 1e4 else round(scale, -3)
    text = f"{'Målestokk' if lang == 'nb' else 'Scale'} 1:{format_number(int(round(rounded)), 0, lang)}"
    ax.text(bx, by - 0.012 * (y1 - y0), text, ha="left", va="top", fontsize=6, color="#333333", zorder=9)


def _north_arrow(ax, extent, crs) -> float:
    """A north arrow in the map's top right corner, turned to true north; returns the angle used."""
    from pyproj import Proj, Transformer

    x0, y0, x1, y1 = extent
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    angle = 0.0
    try:
        lon, lat = Transformer.from_crs(crs, 4326, always_xy=True).transform(cx, cy)
        # Grid north differs from true north by the meridian convergence (about 1° in Trondheim).
        angle = float(Proj(crs).get_factors(lon, lat).meridian_convergence)
    except Exception:  # a CRS pyproj cannot build factors for: draw grid north
        angle = 0.0
    w, h = x1 - x0, y1 - y0
    ax_, ay_ = x1 - 0.06 * w, y1 - 0.13 * h
    size = 0.07 * h
    a = math.radians(angle)
    dx, dy = -math.sin(a) * size, math.cos(a) * size
    from matplotlib.patches import FancyArrow

    ax.add_patch(FancyArrow(ax_, ay_, dx, dy, width=0.012 * w, head_width=0.035 * w, head_length=0.35 * size,
                            length_includes_head=True, color="#222222", zorder=9))
    ax.text(ax_ + dx * 1.15, ay_ + dy * 1.15, "N", ha="center", va="bottom", fontsize=10, fontweight="bold",
            zorder=9, rotation=angle)
    return angle


def _zone_labels(ax, gdf: gpd.GeoDataFrame, extent, ax_w_mm: float, fontsize: float = 5.5) -> int:
    """Zone names where they fit inside the zone's width on paper; returns how many were drawn."""
    import matplotlib.patheffects as pe

    if "zone_name" not in gdf.columns:
        return 0
    m_per_mm = (extent[2] - extent[0]) / ax_w_mm
    char_mm = fontsize * 0.55 * 25.4 / 72  # average DejaVu Sans glyph width
    pts = gdf.geometry.representative_point()
    drawn = 0
    for (_, row), pt in zip(gdf.iterrows(), pts):
        name = str(row["zone_name"])
        x0, y0, x1, y1 = row.geometry.bounds
        text_w = len(name) * char_mm * m_per_mm
        text_h = fontsize * 25.4 / 72 * m_per_mm
        if (x1 - x0) >= text_w * 1.15 and (y1 - y0) >= text_h * 2.2:
            ax.text(pt.x, pt.y, name, fontsize=fontsize, ha="center", va="center", color="#1a1a1a", zorder=6,
                    path_effects=[pe.withStroke(linewidth=1.6, foreground="white")])
            drawn += 1
    return drawn


def _legend(fig, rect, zt: ZoneTable, column: str, ls, lang: str, definition_rect=None) -> None:
    """The legend block in figure coordinates ``rect`` = (left, bottom, width, height)."""
    from matplotlib.patches import Rectangle

    info = zt.info.get(column)
    cl = ls.classification
    lax = fig.add_axes(rect)
    lax.set_axis_off()
    lax.set_xlim(0, 1)
    lax.set_ylim(0, 1)
    fig_h_in = fig.get_figheight() * rect[3]
    w_mm = fig.get_figwidth() * rect[2] * 25.4
    sw, tx, cx = 6.0 / w_mm, 8.5 / w_mm, min(0.98, 62.0 / w_mm)  # swatch width, text x, count x (mm → axis)
    line = 0.16 / fig_h_in  # one text line (~11.5 pt) in axis units
    y = 1.0
    title = info.label(lang) if info else column
    if info is not None and info.unit:
        title += f" ({info.unit})"
    lax.text(0, y, title, fontsize=9, fontweight="bold", va="top", wrap=True)
    y -= line * 1.25
    if cl is not None:
        names = SCHEMES if lang == "nb" else SCHEMES_EN
        k = len(cl.bins)
        lax.text(0, y, f"{names.get(cl.scheme, cl.scheme)}, {k} {'klasser' if lang == 'nb' else 'classes'}",
                 fontsize=7, color="#444444", va="top")
        y -= line * 1.05
    rows = []
    if info is not None and info.kind == "class":
        counts: dict[str, int] = {}
        for zid in zt.gdf.index:
            counts[ls.styles[str(zid)]["c"]] = counts.get(ls.styles[str(zid)]["c"], 0) + 1
        rows = [(c, category_label(lab, lang), counts.get(c, 0)) for lab, c in (info.categories or ())]
    elif cl is not None:
        rows = list(zip(cl.colors, cl.labels(value_decimals(info), lang), cl.counts))
    n_missing = sum(1 for z in zt.gdf.index if ls.styles[str(z)]["v"] == SUPPRESSED)
    if n_missing and (info is None or info.kind != "class"):
        rows.append((MISSING_COLOR, f"{SUPPRESSED} {missing_legend(lang)}",
                     n_missing))
    zone_word = ("soner" if lang == "nb" else "zones")
    for colour, label, n in rows:
        lax.add_patch(Rectangle((0, y - line * 0.8), sw, line * 0.7, facecolor=colour, edgecolor="#888888",
                                linewidth=0.4))
        lax.text(tx, y - line * 0.45, f"{label}", fontsize=7.5, va="center")
        lax.text(cx, y - line * 0.45, f"{n} {zone_word}", fontsize=7, va="center", ha="right", color="#555555")
        y -= line
    if info is not None and info.direction:
        y -= line * 0.2
        lax.text(0, y, "Mørkere farge = dårligere" if lang == "nb" else "Darker colour = worse", fontsize=7,
                 va="top", color="#333333", style="italic")
        y -= line
    definition = info.definition(lang) if info is not None else ""
    if definition:
        import textwrap

        if definition_rect is None:  # beneath the classes
            x, top, width_in = 0.0, y - line * 0.4, fig.get_figwidth() * rect[2]
            ax_def = lax
        else:  # a column of its own
            ax_def = fig.add_axes(definition_rect)
            ax_def.set_axis_off()
            ax_def.set_xlim(0, 1)
            ax_def.set_ylim(0, 1)
            x, top, width_in = 0.0, 1.0, fig.get_figwidth() * definition_rect[2]
        chars = max(30, int(width_in * 72 / (6.5 * 0.56)))
        lines = textwrap.wrap(("Definisjon: " if lang == "nb" else "Definition: ") + definition, chars)[:8]
        ax_def.text(x, top, "\n".join(lines), fontsize=6.5, va="top", color="#444444", linespacing=1.35)


def _draw_raster(ax, bm, extent, crs, width_mm: float, lang: str) -> str | None:
    """Draw the tiles of ``bm`` beneath the zones; returns their attribution text (None if none drawn)."""
    import re

    from .print_basemap import warp_tiles
    from .tiles import CachedTileFetcher, default_cache_dir, open_tile_source

    src = open_tile_source(bm.path) if bm.kind == "file" else CachedTileFetcher(bm.url, default_cache_dir(), lang=lang)
    try:
        res = warp_tiles(src, extent, crs, width_px=int(width_mm / 25.4 * 150))
        attribution = src.attribution if bm.kind == "file" else bm.attribution
    finally:
        src.close()
    if res is None:
        return None
    img, ext = res
    ax.imshow(img, extent=ext, zorder=0.5, interpolation="nearest", origin="upper")
    text = re.sub(r"<[^>]+>", "", attribution or "") or (bm.label or "")
    return text or ("bakgrunnskart" if lang == "nb" else "background map")


def _base_text(attribution: str | None, lang: str) -> str:
    if attribution:
        return attribution
    return "datasettets egne lag" if lang == "nb" else "the dataset’s own layers"


def print_map(zt: ZoneTable, column: str, path: str | Path, paper: str = "A4", landscape: bool = False, *,
              scheme: str = "quantiles", k: int = 5, bins: list[float] | None = None,
              context: dict[str, gpd.GeoDataFrame] | None = None, catalogue: Catalogue | None = None,
              threshold: int | None = None, lang: str = "nb", title: str | None = None, subtitle: str | None = None,
              made: dt.date | None = None, basemap=None) -> Path:
    """Write a one-page vector PDF map of ``column`` (suppressed values) to ``path``.

    Parameters
    ----------
    zt, column
        The zone table and the column drawn.
    paper, landscape
        ``"A4"`` or ``"A3"``, portrait unless ``landscape``.
    scheme, k, bins
        Classification, as on the screen map.
    context
        The dataset's context layers (``water``, ``green_areas``, ``roads``, ``buildings``,
        ``districts``, ``boundary``); address-level layers are dropped.
    catalogue, threshold
        Small-number suppression (counts below ``threshold`` and rates built on them).
    title, subtitle
        Default: the indicator and year; the dataset and the classification.
    made
        The date printed as "Laget" (default today).
    basemap
        ``None``/``"vector"`` (the context layers), ``"none"``, or a tile file / URL / preset
        (:func:`~ungtloft_map.maps.basemap.parse_basemap`): its tiles are warped to the map's CRS
        and drawn as a raster beneath the vector zones; its attribution goes in the footer.
        Fictional data is never printed on an online map.

    Raises
    ------
    DataError
        Unknown column or paper size, or the file cannot be written.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    path = Path(path)
    if column not in zt.gdf.columns:
        raise DataError(f"unknown indicator {column!r}", field=column)
    w_mm, h_mm = paper_size(paper, landscape)
    threshold = threshold_or_default(threshold)
    values = _safe_values(zt, column, catalogue, threshold)
    ls = layer_style(zt, column, values=values, scheme=scheme, k=k, bins=bins, lang=lang)
    info = zt.info.get(column)
    made = made or dt.date.today()
    gdf = zt.gdf
    crs = gdf.crs if gdf.crs is not None and gdf.crs.is_projected else ANALYSIS_CRS
    if gdf.crs is not None and not gdf.crs.equals(crs):
        gdf = gdf.to_crs(crs)
    ctx = _safe_context(context)
    bm = basemap if isinstance(basemap, Basemap) else parse_basemap(basemap)
    if bm.online and zt.fictional:
        raise DataError("the fictional demo data is never drawn on an online background map (it would look "
                        "real); use --basemap vector", field="--basemap")
    if bm.kind == "none":
        ctx = {}

    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans", "pdf.compression": 6}):
        fig = Figure(figsize=(w_mm * MM, h_mm * MM))
        m = 12.0  # margin, mm
        head_h, foot_h = 22.0, 16.0
        if landscape:
            legend_w = 62.0
            map_rect_mm = (m, m + foot_h, w_mm - 2 * m - legend_w - 5, h_mm - 2 * m - head_h - foot_h)
            legend_rect_mm = (w_mm - m - legend_w, m + foot_h, legend_w, map_rect_mm[3])
            definition_rect_mm = None
        else:
            legend_h = 52.0
            avail_h = h_mm - 2 * m - head_h - foot_h - legend_h - 4
            # The frame takes the page's height (the context layers fill around a wide area); a
            # frame cut to a wide area's shape would leave a third of the sheet blank.
            map_h = avail_h
            top = h_mm - m - head_h
            map_rect_mm = (m, top - map_h, w_mm - 2 * m, map_h)
            legend_rect_mm = (m, top - map_h - 4 - legend_h, 80.0, legend_h)
            definition_rect_mm = (m + 88.0, top - map_h - 4 - legend_h, w_mm - 2 * m - 88.0, legend_h)

        def frac(r):
            return (r[0] / w_mm, r[1] / h_mm, r[2] / w_mm, r[3] / h_mm)

        # Header: title, subtitle, fictional label.
        year = f" {zt.year}" if zt.year and info is not None and info.kind in ("rate", "count") else ""
        head = title or ((info.label(lang) if info else column) + year)
        fig.text(m / w_mm, 1 - m / h_mm, head, fontsize=16 if not landscape else 15, fontweight="bold", va="top")
        sub = subtitle or zt.source_name
        fig.text(m / w_mm, 1 - (m + 9) / h_mm, sub, fontsize=9, color="#444444", va="top")
        if zt.fictional:
            fig.text(1 - m / w_mm, 1 - (m + 15.5) / h_mm, FICTIONAL_NB if lang == "nb" else FICTIONAL_EN,
                     fontsize=9, fontweight="bold", color="#b30000", ha="right", va="top")

        # The map.
        ax = fig.add_axes(frac(map_rect_mm))
        extent = _extent(gdf.total_bounds, map_rect_mm[2], map_rect_mm[3])
        ax.set_facecolor("#f4f1ea")
        attribution = _draw_raster(ax, bm, extent, crs, map_rect_mm[2], lang) if bm.kind in ("url", "file") else None
        if attribution is None:  # no raster: the quiet vector context beneath the zones
            _draw_context(ax, ctx, ("water", "green_areas", "buildings", "roads"), crs)
        colours = [ls.styles[str(z)]["c"] for z in gdf.index]
        gdf.plot(ax=ax, color=colours, edgecolor="#555555", linewidth=0.35,
                 alpha=0.85 if attribution is None else 0.7, zorder=3)
        _draw_context(ax, ctx, ("districts", "boundary"), crs)
        ax.set_xlim(extent[0], extent[2])
        ax.set_ylim(extent[1], extent[3])
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("")
        ax.set_ylabel("")
        _zone_labels(ax, gdf, extent, map_rect_mm[2], 5.5 if paper.upper() == "A4" else 7.0)
        for s in ax.spines.values():
            s.set_linewidth(0.6)
            s.set_color("#333333")
        _scale_bar(fig, ax, extent, map_rect_mm[2], lang)
        _north_arrow(ax, extent, crs)

        _legend(fig, frac(legend_rect_mm), zt, column, ls, lang,
                frac(definition_rect_mm) if definition_rect_mm else None)

        # Footer: source and year, suppression, CRS, date made.
        src_word = "Kilde" if lang == "nb" else "Source"
        source = (info.source if info is not None and info.source else zt.source_name) or zt.source_name
        if year.strip() and year.strip() not in source:
            source += year
        supp = (f"Små tall (under {threshold}) og andeler bygd på dem er skjermet og vist som «{SUPPRESSED}»."
                if lang == "nb" else
                f"Small numbers (below {threshold}) and rates built on them are suppressed, shown as \u201c{SUPPRESSED}\u201d.")
        crs_name = crs.name if hasattr(crs, "name") else str(crs)
        made_word = "Laget" if lang == "nb" else "Made"
        lines = [f"{src_word}: {source}", supp,
                 f"{'Kartgrunnlag' if lang == 'nb' else 'Base map'}: "
                 f"{_base_text(attribution, lang)} · {crs_name}",
                 f"{made_word} {date_text(made, lang)} med UngtLøft Map" if lang == "nb"
                 else f"{made_word} {date_text(made, lang)} with UngtLøft Map"]
        for i, text in enumerate(lines):
            fig.text(m / w_mm, (m + foot_h - 2 - i * 3.9) / h_mm, text, fontsize=7, color="#333333", va="top")

        buf = io.BytesIO()
        fig.savefig(buf, format="pdf", metadata={"Title": head, "Creator": "UngtLøft Map"})
    try:
        atomic_write_bytes(path, buf.getvalue())
    except OSError as exc:
        raise DataError(f"cannot write the file ({exc.strerror or exc})", file=path) from None
    return path
