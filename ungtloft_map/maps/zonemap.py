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
>>> from ungtloft_map.core.project import Project  # doctest: +SKIP
>>> zm = build_zone_map(Project.demo().zone_table(), "low_income")  # doctest: +SKIP
>>> "ungtloft.setStyle" in zm.html()  # doctest: +SKIP
True
"""

from __future__ import annotations

import html as htmlmod
import json
import math
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from ..core.crs import WEB_CRS
from ..core.zonetable import ZoneTable
from .classify import MISSING_COLOR, SCHEMES, SCHEMES_EN, Classification, classify
from .offline import OfflineMap

SUPPRESSED = "–"
FICTIONAL_NB = "FIKTIVE DEMODATA – ikke virkelige tall"
FICTIONAL_EN = "FICTIONAL DEMO DATA – not real figures"

CONTEXT_STYLES = {
    "water": {"color": "#4a90c2", "weight": 0.5, "fillColor": "#a6cee3", "fillOpacity": 0.9},
    "boundary": {"color": "#333333", "weight": 2.0, "fill": False, "dashArray": "6 4"},
    "green_areas": {"color": "#33a02c", "weight": 0.5, "fillColor": "#b2df8a", "fillOpacity": 0.55},
    "roads": {"color": "#888888", "weight": 1.0},
    "plans": {"color": "#6a3d9a", "weight": 2.5, "fillColor": "#cab2d6", "fillOpacity": 0.35},
    "districts": {"color": "#222222", "weight": 2.2, "fill": False},
}
CONTEXT_LABELS_NB = {"water": "Vann og sjø", "boundary": "Kommunegrense", "green_areas": "Grøntområder",
                     "roads": "Veier", "plans": "Planer", "districts": "Bydelsgrenser", "stops": "Holdeplasser"}


def format_number(value: float, decimals: int = 1, lang: str = "nb") -> str:
    """Norwegian number format in bokmål (decimal comma, thin space thousands); "–" for missing."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return SUPPRESSED
    text = f"{value:,.{decimals}f}"
    if lang == "nb":
        text = text.replace(",", "\u2009").replace(".", ",")
    return text


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
    decimals = 0 if info is not None and info.kind in ("count", "rank") else (2 if info is not None and info.unit in ("0–1", "p", "z") else 1)
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
        for color, label, count in zip(classification.colors, classification.labels(decimal_comma=lang == "nb"),
                                       classification.counts):
            rows.append(f'<div class="ul-row"><span class="ul-sw" style="background:{color}"></span>'
                        f'{htmlmod.escape(label)} <span class="ul-n">({count})</span></div>')
        n_missing = classification.n_missing
    else:
        n_missing = len(zt)
    if n_missing:
        missing = "mangler / skjermet" if lang == "nb" else "missing / suppressed"
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
</style>
"""

_JS = Template("""
{% macro script(this, kwargs) %}
window.ungtloft = (function () {
  var map = {{ this._parent.get_name() }};
  var styles = {{ this.styles_json }};
  var selected = {};
  var layers = {};
  var opacity = 0.8;
  function zoneStyle(f) {
    var s = styles[f.properties.zone_id] || {c: "{{ this.missing }}"};
    var sel = selected[f.properties.zone_id];
    return {fillColor: s.c, fillOpacity: opacity, color: sel ? "#00b4ff" : "#555555",
            weight: sel ? 4 : 0.8, opacity: 1};
  }
  function tipHtml(p) {
    var s = styles[p.zone_id] || {v: "{{ this.suppressed }}"};
    return '<div class="ul-tip"><b>' + p.zone_name + '</b><br>' + s.v + ' {{ this.unit }}</div>';
  }
  {% for name, spec in this.context %}
  layers[{{ name|tojson }}] = L.geoJSON({{ spec.data }}, {
      style: function () { return {{ spec.style }}; }, interactive: false,
      pointToLayer: function (f, ll) { return L.circleMarker(ll, {radius: 3, color: "#1f3a93", weight: 1, fillOpacity: 0.8}); }
  }){% if spec.visible %}.addTo(map){% endif %};
  {% endfor %}
  var zones = L.geoJSON({{ this.zones_json }}, {
    style: zoneStyle,
    onEachFeature: function (f, layer) {
      layer.bindTooltip(function () { return tipHtml(f.properties); }, {sticky: true});
      layer.on("click", function (e) {
        var id = f.properties.zone_id;
        document.dispatchEvent(new CustomEvent("ungtloft:zoneclick", {detail: {id: id, shift: e.originalEvent.shiftKey}}));
        if (window.ungtloftBridge) { window.ungtloftBridge.zoneClicked(id, !!e.originalEvent.shiftKey); }
      });
    }
  }).addTo(map);
  layers["zones"] = zones;
  L.control.scale({imperial: false, metric: true}).addTo(map);
  {% for name, spec in this.context %}{% if spec.front %}
  if (map.hasLayer(layers[{{ name|tojson }}])) { layers[{{ name|tojson }}].bringToFront(); }
  {% endif %}{% endfor %}
  // A hidden view has size 0 and fitBounds would compute NaN zoom: fit once the map has a size.
  function fitAll() { map.fitBounds(zones.getBounds(), {padding: [10, 10]}); }
  if (map.getSize().x > 0 && map.getSize().y > 0) { fitAll(); }
  else { map.setView(zones.getBounds().getCenter(), 11); map.once("resize", fitAll); }
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "ul-legend"); div.id = "ul-legend";
    div.innerHTML = {{ this.legend_json }}; return div;
  };
  legend.addTo(map);
  {% if this.banner %}
  var banner = L.control({position: "topright"});
  banner.onAdd = function () { var d = L.DomUtil.create("div", "ul-banner"); d.innerHTML = {{ this.banner_json }}; return d; };
  banner.addTo(map);
  {% endif %}
  var api = {
    map: map, zones: zones, layers: layers,
    setStyle: function (newStyles, legendHtml) {
      styles = newStyles; zones.setStyle(zoneStyle);
      if (legendHtml !== undefined && legendHtml !== null) { document.getElementById("ul-legend").innerHTML = legendHtml; }
      return true;
    },
    select: function (ids, zoom) {
      selected = {}; (ids || []).forEach(function (i) { selected[i] = true; });
      zones.setStyle(zoneStyle);
      var b = null;
      zones.eachLayer(function (l) {
        if (selected[l.feature.properties.zone_id]) {
          l.bringToFront();
          b = b ? b.extend(l.getBounds()) : L.latLngBounds(l.getBounds().getSouthWest(), l.getBounds().getNorthEast());
        }
      });
      if (zoom && b && map.getSize().x > 0) { map.fitBounds(b, {padding: [30, 30], maxZoom: 15}); }
      return Object.keys(selected).length;
    },
    selectedIds: function () { return Object.keys(selected); },
    setLayer: function (name, visible, op) {
      var l = layers[name]; if (!l) { return false; }
      if (name === "zones" && op !== undefined && op !== null) { opacity = op; zones.setStyle(zoneStyle); }
      else if (op !== undefined && op !== null && l.setStyle) { l.setStyle({opacity: op, fillOpacity: op * 0.9}); }
      if (visible && !map.hasLayer(l)) { l.addTo(map); } else if (!visible && map.hasLayer(l)) { map.removeLayer(l); }
      return true;
    },
    setOverlay: function (name, geojson, style, tooltipField) {
      // A layer computed after the page was built (isochrones, coverage gaps, notes): replaces
      // any layer of the same name; null geojson removes it.
      if (layers[name]) { map.removeLayer(layers[name]); delete layers[name]; }
      if (!geojson) { return true; }
      layers[name] = L.geoJSON(geojson, {
        style: function (f) { return (f.properties && f.properties._style) || style || {}; },
        pointToLayer: function (f, ll) { return L.circleMarker(ll, Object.assign({radius: 6}, style || {})); },
        onEachFeature: function (f, l) {
          if (tooltipField && f.properties && f.properties[tooltipField]) { l.bindTooltip(String(f.properties[tooltipField])); }
        }
      }).addTo(map);
      return true;
    },
    pickPoint: function () {
      // One click on the map reports its position to Qt (isochrones, notes); Esc cancels.
      map.getContainer().style.cursor = "crosshair";
      zones.eachLayer(function (l) { if (l.options) { l.options.interactive = false; } });
      var done = function () {
        map.getContainer().style.cursor = "";
        map.off("click", onClick);
      };
      var onClick = function (e) {
        done();
        if (window.ungtloftBridge && window.ungtloftBridge.pointPicked) {
          window.ungtloftBridge.pointPicked(e.latlng.lng, e.latlng.lat);
        }
        document.dispatchEvent(new CustomEvent("ungtloft:pointpicked", {detail: {lon: e.latlng.lng, lat: e.latlng.lat}}));
      };
      map.on("click", onClick);
      return true;
    },
    showPlan: function (planGeojson, bufferGeojson) {
      if (layers["plan"]) { map.removeLayer(layers["plan"]); }
      if (layers["plan_buffer"]) { map.removeLayer(layers["plan_buffer"]); }
      layers["plan_buffer"] = L.geoJSON(bufferGeojson, {interactive: false,
        style: function () { return {color: "#6a3d9a", weight: 2, dashArray: "6 5", fill: false}; }}).addTo(map);
      layers["plan"] = L.geoJSON(planGeojson, {interactive: false,
        style: function () { return {color: "#6a3d9a", weight: 3, fillColor: "#cab2d6", fillOpacity: 0.6}; }}).addTo(map);
      if (map.getSize().x > 0) { map.fitBounds(layers["plan_buffer"].getBounds(), {padding: [30, 30]}); }
      return true;
    },
    setOrder: function (topToBottom) {
      topToBottom.slice().reverse().forEach(function (n) {
        var l = layers[n]; if (l && map.hasLayer(l) && l.bringToFront) { l.bringToFront(); }
      });
      return true;
    },
    clickZone: function (id) {
      zones.eachLayer(function (l) { if (l.feature.properties.zone_id === id) { l.fire("click", {originalEvent: {shiftKey: false}}); } });
    }
  };
  document.dispatchEvent(new CustomEvent("ungtloft:ready"));
  return api;
})();
{% endmacro %}
""")


class _ZoneLayer(MacroElement):
    _template = _JS

    def __init__(self, zones_geojson, styles, legend, unit, context, banner):
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
        Context layers by name (``water``, ``boundary``, ``green_areas``, ``roads``, ``plans``,
        ``stops``...) in any CRS; drawn beneath (water, green) or above (boundary) the zones.
    """
    ls = layer_style(zt, column, values=values, scheme=scheme, k=k, bins=bins, lang=lang)
    info = zt.info.get(column)
    classification, styles, legend = ls.classification, ls.styles, ls.legend_html

    zones = zt.gdf.reset_index(drop=True)[["zone_id", "zone_name", zt.gdf.geometry.name]]
    zones_geo = _to_web_geojson(gpd.GeoDataFrame(zones, geometry=zt.gdf.geometry.name, crs=zt.gdf.crs),
                                ["zone_id", "zone_name"])
    ctx_specs = []
    for name, gdf in (context or {}).items():
        if gdf is None or len(gdf) == 0:
            continue
        style = CONTEXT_STYLES.get(name, {"color": "#444444", "weight": 1.0, "fillOpacity": 0.2})
        data = _to_web_geojson(gdf, [], simplify_m=2.0 if name != "stops" else 0.0)
        ctx_specs.append((name, {
            "data": json.dumps(data, separators=(",", ":")),
            "style": json.dumps(style),
            "visible": name in visible_context,
            "front": name in ("boundary", "plans", "districts", "stops"),
        }))
    bounds = zt.gdf.to_crs(WEB_CRS).total_bounds
    center = [(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2]
    m = OfflineMap(location=center, zoom_start=11, control_scale=False)
    # Sea-coloured background: with no tile basemap the page would otherwise be white.
    m.get_root().header.add_child(Element(_CSS + "<style>.leaflet-container{background:#f4f1ea}</style>"),
                                  name="ungtloft_css")
    banner = (FICTIONAL_NB if lang == "nb" else FICTIONAL_EN) if zt.fictional else ""
    m.add_child(_ZoneLayer(zones_geo, styles, legend, info.unit if info else "", ctx_specs, banner))
    return ZoneMap(m, column, classification, styles, legend, [n for n, _ in ctx_specs])


def restyle_script(zt: ZoneTable, column: str, *, values: pd.Series | None = None, scheme: str = "quantiles",
                   k: int = 5, bins: list[float] | None = None, lang: str = "nb") -> tuple[str, Classification | None]:
    """JavaScript that re-styles an already loaded page for another column or classification."""
    ls = layer_style(zt, column, values=values, scheme=scheme, k=k, bins=bins, lang=lang)
    return (f"ungtloft.setStyle({json.dumps(ls.styles, ensure_ascii=False)}, "
            f"{json.dumps(ls.legend_html, ensure_ascii=False)});"), ls.classification
