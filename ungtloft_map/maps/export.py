"""Map exports that leave the app: a standalone web map (HTML) and a map image (PNG); the
printable PDF page is :func:`ungtloft_map.maps.print_layout.print_map`.

Both draw the small-number-suppressed values (:func:`ungtloft_map.core.export.suppressed_zone_frame`)
and never draw municipal-housing address points. The HTML file inlines Leaflet, so it opens
offline on any machine. Files are written atomically.

Examples
--------
>>> import tempfile
>>> from ungtloft_map.core.project import Project
>>> from ungtloft_map.maps.offline import external_references
>>> with tempfile.TemporaryDirectory() as tmp:
...     out = export_web_map(Project.demo().zone_table(), "neet", Path(tmp) / "neet.html")
...     out.name, external_references(out.read_text("utf-8"))  # a page that works offline
('neet.html', [])
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from ..core.catalogue import Catalogue
from ..core.errors import DataError
from ..core.export import suppressed_zone_frame
from ..core.io.atomic import atomic_write_text
from ..core.zonetable import ZoneTable
from .basemap import Basemap, page_spec, parse_basemap
from .static import render_zone_png
from .viewfit import web_bounds

# Layers that may hold address-level data never go into an exported map.
NEVER_EXPORTED = ("municipal_housing", "dwellings", "addresses")


def _safe_values(zt: ZoneTable, column: str, catalogue: Catalogue | None, threshold: int | None):
    frame, _ = suppressed_zone_frame(zt, catalogue, threshold)
    return frame[column] if column in frame.columns else zt.gdf[column]


def _safe_context(context: dict[str, gpd.GeoDataFrame] | None) -> dict[str, gpd.GeoDataFrame]:
    return {k: v for k, v in (context or {}).items() if k not in NEVER_EXPORTED}


def export_web_map(zt: ZoneTable, column: str, path: str | Path, *, scheme: str = "quantiles", k: int = 5,
                   bins: list[float] | None = None, context: dict[str, gpd.GeoDataFrame] | None = None,
                   catalogue: Catalogue | None = None, threshold: int | None = None, lang: str = "nb",
                   basemap: Basemap | str | None = None,
                   search_layers: dict[str, gpd.GeoDataFrame] | None = None) -> Path:
    """Write a standalone web map of ``column`` (suppressed values) to ``path``.

    The page opens offline. ``basemap`` (a :class:`~ungtloft_map.maps.basemap.Basemap` or its
    text, see :func:`~ungtloft_map.maps.basemap.parse_basemap`): ``none`` draws no context,
    ``vector`` (default) the given context layers, a URL template makes the page request its
    tiles from that URL (the context stays beneath as the fallback), a tile file embeds the tiles
    covering the data. Fictional data is never put on an online background map (it would look
    real). ``search_layers`` (``districts``, ``destinations``) feed the page's search; address
    layers are never exported.
    """
    # folium/branca only here, for the web page: the PNG export and the print layout need neither.
    from .offline import external_references
    from .zonemap import build_zone_map

    path = Path(path)
    if column not in zt.gdf.columns:
        raise DataError(f"unknown indicator {column!r}", field=column)
    bm = basemap if isinstance(basemap, Basemap) else parse_basemap(basemap)
    if bm.online and zt.fictional:
        raise DataError("the fictional demo data is never drawn on an online background map (it would look "
                        "real); use --basemap vector", field="--basemap")
    ctx = _safe_context(context) if bm.vector_context else {}
    spec = page_spec(bm, web_bounds(zt.gdf)) if bm.kind == "file" else page_spec(bm)
    zm = build_zone_map(zt, column, values=_safe_values(zt, column, catalogue, threshold), scheme=scheme, k=k,
                        bins=bins, context=ctx, visible_context=tuple(ctx), lang=lang,
                        search_layers=_safe_context(search_layers), basemap=spec)
    html = zm.html()
    if external_references(html):  # the promise is offline; never write a page that breaks it
        raise DataError("the map page would need the network; not written", file=path)
    try:
        atomic_write_text(path, html)
    except OSError as exc:
        raise DataError(f"cannot write the file ({exc.strerror or exc})", file=path) from None
    return path


def export_png(zt: ZoneTable, column: str, path: str | Path, *, size: tuple[int, int] = (1600, 1200),
               scheme: str = "quantiles", k: int = 5, bins: list[float] | None = None,
               context: dict[str, gpd.GeoDataFrame] | None = None, catalogue: Catalogue | None = None,
               threshold: int | None = None, lang: str = "nb", dpi: int = 150) -> Path:
    """Write a PNG map of ``column`` (suppressed values) at ``size`` pixels to ``path``."""
    path = Path(path)
    if column not in zt.gdf.columns:
        raise DataError(f"unknown indicator {column!r}", field=column)
    if not (200 <= size[0] <= 10000 and 200 <= size[1] <= 10000):
        raise DataError(f"image size {size[0]}×{size[1]} px is outside 200–10,000 px", file=path)
    try:
        render_zone_png(zt, column, path, size=size, dpi=dpi, lang=lang, scheme=scheme, k=k, bins=bins,
                        values=_safe_values(zt, column, catalogue, threshold), context=_safe_context(context))
    except OSError as exc:
        raise DataError(f"cannot write the file ({exc.strerror or exc})", file=path) from None
    return path
