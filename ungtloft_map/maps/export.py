"""Map exports that leave the app: a standalone web map (HTML) and a map image (PNG).

Both draw the small-number-suppressed values (:func:`ungtloft_map.core.export.suppressed_zone_frame`)
and never draw municipal-housing address points. The HTML file inlines Leaflet, so it opens
offline on any machine. Files are written atomically.

Examples
--------
>>> from ungtloft_map.core.project import Project  # doctest: +SKIP
>>> export_web_map(Project.demo().zone_table(), "neet", "neet.html")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from ..core.catalogue import Catalogue
from ..core.errors import DataError
from ..core.export import suppressed_zone_frame
from ..core.io.atomic import atomic_write_text
from ..core.zonetable import ZoneTable
from .offline import external_references
from .static import render_zone_png
from .zonemap import build_zone_map

# Layers that may hold address-level data never go into an exported map.
NEVER_EXPORTED = ("municipal_housing", "dwellings")


def _safe_values(zt: ZoneTable, column: str, catalogue: Catalogue | None, threshold: int):
    frame, _ = suppressed_zone_frame(zt, catalogue, threshold)
    return frame[column] if column in frame.columns else zt.gdf[column]


def _safe_context(context: dict[str, gpd.GeoDataFrame] | None) -> dict[str, gpd.GeoDataFrame]:
    return {k: v for k, v in (context or {}).items() if k not in NEVER_EXPORTED}


def export_web_map(zt: ZoneTable, column: str, path: str | Path, *, scheme: str = "quantiles", k: int = 5,
                   bins: list[float] | None = None, context: dict[str, gpd.GeoDataFrame] | None = None,
                   catalogue: Catalogue | None = None, threshold: int = 5, lang: str = "nb") -> Path:
    """Write a standalone, offline web map of ``column`` (suppressed values) to ``path``."""
    path = Path(path)
    if column not in zt.gdf.columns:
        raise DataError(f"unknown indicator {column!r}", field=column)
    zm = build_zone_map(zt, column, values=_safe_values(zt, column, catalogue, threshold), scheme=scheme, k=k,
                        bins=bins, context=_safe_context(context), lang=lang)
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
               threshold: int = 5, lang: str = "nb", dpi: int = 150) -> Path:
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
