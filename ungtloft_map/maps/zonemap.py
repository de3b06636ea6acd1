"""The zone map: a folium (Leaflet) page with the levekårssoner as a choropleth.

The page is built once per dataset; changing the indicator, the year or the classification only
re-styles the features through the page's small JavaScript API (``window.ungtloft``), so the GUI
never reloads the page for a style change:

- ``ungtloft.setStyle(styles, legendHtml)`` -- ``styles`` maps zone id → ``{"c": fill colour,
  "v": value text}``;
- ``ungtloft.select(ids, zoom)`` -- highlight zones (and zoom to them);
- ``ungtloft.setLayer(name, visible, opacity)`` -- context and theme layers;
- a click on a zone calls ``ungtloftBridge.zoneClicked(id)`` when the Qt web channel is there
  (set up by :mod:`ungtloft_map._qt`), and always fires a DOM event ``ungtloft:zoneclick``.

Examples
--------
>>> from ungtloft_map.core.project import Project
>>> from ungtloft_map.maps.offline import external_references
>>> zm = build_zone_map(Project.demo().zone_table(), "low_income")
>>> zm
ZoneMap(column='low_income', zones=50, Classification('quantiles', k=5, bins=[6.994, 8.472, 9.348, 12.962, 27.742]))
>>> "setStyle: function" in zm.html(), external_references(zm.html())  # the page API; offline
(True, [])
"""

from __future__ import annotations

import html as htmlmod
import json
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement

from ..core.crs import WEB_CRS
from ..core.text import format_number  # noqa: F401 - re-exported for callers of this module
from ..core.zonetable import ZoneTable
from .classify import MISSING_COLOR, Classification
from .offline import OfflineMap
from .viewfit import FIT_PADDING, ZOOM_SNAP
from .zonemap_js import ZONE_JS

# The styles and legends live in zonestyle (no folium there, so the static maps and the PDF
# reports do not import the web-map stack); these names stay importable from here.
from .zonestyle import (  # noqa: F401 - re-exported
    CONTEXT_BY_KIND,
    CONTEXT_FRONT,
    CONTEXT_LABELS_NB,
    CONTEXT_STYLES,
    FICTIONAL_EN,
    FICTIONAL_NB,
    SUPPRESSED,
    ZONE_FILL_OPACITY,
    LayerStyle,
    category_label,
    layer_style,
    legend_html,
    style_for,
    value_decimals,
)


@dataclass
class ZoneMap:
    """A built zone map page and what it shows."""

    map: OfflineMap
    column: str
    classification: Classification | None
    styles: dict[str, dict]
    legend_html: str
    context_layers: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"ZoneMap(column={self.column!r}, zones={len(self.styles)}, {self.classification!r})"

    def html(self) -> str:
        return self.map.get_root().render()

    def save(self, path) -> None:
        """Write the page atomically (temp file, then rename)."""
        from ..core.io.atomic import atomic_write_text

        atomic_write_text(path, self.html())


def _to_web_geojson(gdf: gpd.GeoDataFrame, props: list[str], simplify_m: float = 0.0) -> dict:
    g = gdf
    if simplify_m > 0:
        g = g.copy()
        g["geometry"] = g.geometry.simplify(simplify_m, preserve_topology=True)
    g = g[props + [g.geometry.name]].to_crs(WEB_CRS)
    data = json.loads(g.to_json(drop_id=True, to_wgs84=False))
    _round_coords(data)
    return data


def _round_coords(obj, nd: int = 6):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "coordinates":
                obj[k] = _round_list(v, nd)
            else:
                _round_coords(v, nd)
    elif isinstance(obj, list):
        for v in obj:
            _round_coords(v, nd)


def _round_list(v, nd):
    if isinstance(v, list):
        return [_round_list(x, nd) for x in v]
    return round(v, nd)


_CSS = """
<style>
.ul-legend{background:rgba(255,255,255,.94);padding:8px 10px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.35);
 font:12px/1.35 'DejaVu Sans',Arial,sans-serif;max-width:260px;color:#222}
.ul-title{font-weight:bold;margin-bottom:2px}.ul-unit{font-weight:normal;color:#555}
.ul-scheme,.ul-dir,.ul-src{color:#555;font-size:11px}.ul-row{margin:1px 0;white-space:nowrap}
.ul-sw{display:inline-block;width:14px;height:12px;margin-right:6px;vertical-align:-2px;border:1px solid #999}
.ul-n{color:#777}.ul-fict{margin-top:4px;font-weight:bold;color:#b30000;font-size:11px}
.ul-banner{background:#b30000;color:#fff;font:bold 12px 'DejaVu Sans',Arial,sans-serif;padding:3px 8px;border-radius:3px;opacity:.9}
.ul-tip b{font-size:12px}
.ul-label-icon{background:none;border:none}
.ul-label{position:absolute;transform:translate(-50%,-50%);white-space:nowrap;pointer-events:none;
 font:600 11px 'DejaVu Sans',Arial,sans-serif;color:#1a1a1a;
 text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,0 0 4px #fff}
.ul-notice{background:rgba(255,255,255,.95);padding:4px 8px;border-radius:3px;border-left:4px solid #b36b00;
 font:12px 'DejaVu Sans',Arial,sans-serif;color:#222;max-width:420px}
</style>
"""



class _ZoneLayer(MacroElement):
    _template = ZONE_JS

    def __init__(self, zones_geojson, styles, legend, unit, context, banner, *, labels_rows, labels,
                 search_json, basemap, basemap_fail):
        super().__init__()
        self._name = "UngtloftZones"
        self.zones_json = json.dumps(zones_geojson, ensure_ascii=False, separators=(",", ":"))
        self.styles_json = json.dumps(styles, ensure_ascii=False)
        self.legend_json = json.dumps(legend, ensure_ascii=False)
        self.unit = htmlmod.escape(unit)
        self.context = context
        self.banner = bool(banner)
        self.banner_json = json.dumps(banner, ensure_ascii=False)
        self.missing = MISSING_COLOR
        self.suppressed = SUPPRESSED
        self.fill_opacity = ZONE_FILL_OPACITY
        self.fit_padding = FIT_PADDING
        self.labels_json = json.dumps(labels_rows, ensure_ascii=False, separators=(",", ":"))
        self.labels = bool(labels)
        self.search_json = search_json
        self.basemap = basemap is not None
        self.basemap_json = json.dumps(basemap or {}, ensure_ascii=False, separators=(",", ":"))
        self.basemap_fail_json = json.dumps(basemap_fail, ensure_ascii=False)


def _label_rows(zones: gpd.GeoDataFrame) -> list[list]:
    """[zone_id, lon, lat, escaped name, area] per zone, biggest first (they get a label first)."""
    pts = zones.geometry.representative_point()
    pts = gpd.GeoSeries(pts, crs=zones.crs).to_crs(WEB_CRS)
    area = zones.geometry.area if zones.crs is not None and zones.crs.is_projected else zones.geometry.area * 1e10
    rows = [[str(z), round(float(p.x), 6), round(float(p.y), 6), htmlmod.escape(str(n)), float(a)]
            for z, n, p, a in zip(zones["zone_id"], zones["zone_name"], pts, area)]
    rows.sort(key=lambda r: -r[4])
    return [r[:4] for r in rows]


BASEMAP_FAIL_NB = "Bakgrunnskartet kunne ikke hentes (frakoblet eller feil adresse). Viser kartgrunnlaget fra datasettet."
BASEMAP_FAIL_EN = "The background map could not be loaded (offline or wrong address). Showing the dataset's own map layers."


def build_zone_map(
    zt: ZoneTable,
    column: str,
    *,
    values: pd.Series | None = None,
    scheme: str = "quantiles",
    k: int = 5,
    bins: list[float] | None = None,
    context: dict[str, gpd.GeoDataFrame] | None = None,
    visible_context: tuple[str, ...] = ("water", "boundary"),
    lang: str = "nb",
    labels: bool = True,
    search_layers: dict[str, gpd.GeoDataFrame] | None = None,
    basemap: dict | None = None,
) -> ZoneMap:
    """Build the zone choropleth page for ``column`` of ``zt``.

    Parameters
    ----------
    zt
        The zone table.
    column
        The column to draw (a rate, measure or score).
    values
        The values to draw instead of ``zt.gdf[column]`` -- the small-number-suppressed ones for
        an export. Missing values are drawn grey and labelled "–", never as 0.
    scheme, k, bins
        Classification (see :func:`ungtloft_map.maps.classify.classify`).
    context
        Context layers by name (``water``, ``boundary``, ``green_areas``, ``roads``,
        ``buildings``, ``districts``, ``plans``, ``stops``...) in any CRS: the quiet vector
        background, drawn beneath (water, green, roads, buildings) or above (boundary,
        districts) the zones. ``visible_context`` names the ones shown at first.
    labels
        Show zone names where they fit (layer ``"labels"``; ``ungtloft.setLayer`` toggles it).
    search_layers
        ``districts``, ``destinations`` and ``addresses`` (address or dwelling points) for the
        page's search index; zones are always in it. Leave ``addresses`` out of exports.
    basemap
        Optional tile layer from :meth:`ungtloft_map.maps.basemap.Basemap.page_spec` (``url``
        template or embedded ``tiles``, ``attribution``...); ``None`` for none. When its tiles
        fail the page removes it and shows one notice; the vector context stays.
    """
    from .search import build_search_index, index_json

    ls = layer_style(zt, column, values=values, scheme=scheme, k=k, bins=bins, lang=lang)
    info = zt.info.get(column)
    classification, styles, legend = ls.classification, ls.styles, ls.legend_html

    zones = zt.gdf.reset_index(drop=True)[["zone_id", "zone_name", zt.gdf.geometry.name]]
    zones = gpd.GeoDataFrame(zones, geometry=zt.gdf.geometry.name, crs=zt.gdf.crs)
    zones_geo = _to_web_geojson(zones, ["zone_id", "zone_name"])
    ctx_specs = []
    for name, gdf in (context or {}).items():
        if gdf is None or len(gdf) == 0:
            continue
        style = CONTEXT_STYLES.get(name, {"color": "#444444", "weight": 1.0, "fillOpacity": 0.2})
        props = ["kind"] if name in CONTEXT_BY_KIND and "kind" in gdf.columns else []
        data = _to_web_geojson(gdf, props, simplify_m=2.0 if name != "stops" else 0.0)
        ctx_specs.append((name, {
            "data": json.dumps(data, separators=(",", ":")),
            "style": json.dumps(style),
            "by_kind": json.dumps(CONTEXT_BY_KIND.get(name, {})),
            "visible": name in visible_context,
            "front": name in CONTEXT_FRONT,
        }))
    sl = search_layers or {}
    index = build_search_index(zones, districts=sl.get("districts"), destinations=sl.get("destinations"),
                               addresses=sl.get("addresses"))
    bounds = zt.gdf.to_crs(WEB_CRS).total_bounds
    center = [(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2]
    m = OfflineMap(location=center, zoom_start=11, control_scale=False, zoom_snap=ZOOM_SNAP, zoom_delta=0.5)
    # A light land colour behind everything: with no tile basemap the page would otherwise be white.
    m.get_root().header.add_child(Element(_CSS + "<style>.leaflet-container{background:#f4f1ea}</style>"),
                                  name="ungtloft_css")
    banner = (FICTIONAL_NB if lang == "nb" else FICTIONAL_EN) if zt.fictional else ""
    m.add_child(_ZoneLayer(zones_geo, styles, legend, info.unit if info else "", ctx_specs, banner,
                           labels_rows=_label_rows(zones), labels=labels, search_json=index_json(index),
                           basemap=basemap, basemap_fail=BASEMAP_FAIL_NB if lang == "nb" else BASEMAP_FAIL_EN))
    return ZoneMap(m, column, classification, styles, legend, [n for n, _ in ctx_specs])


def restyle_script(zt: ZoneTable, column: str, *, values: pd.Series | None = None, scheme: str = "quantiles",
                   k: int = 5, bins: list[float] | None = None, lang: str = "nb") -> tuple[str, Classification | None]:
    """JavaScript that re-styles an already loaded page for another column or classification."""
    ls = layer_style(zt, column, values=values, scheme=scheme, k=k, bins=bins, lang=lang)
    return (f"ungtloft.setStyle({json.dumps(ls.styles, ensure_ascii=False)}, "
            f"{json.dumps(ls.legend_html, ensure_ascii=False)});"), ls.classification
