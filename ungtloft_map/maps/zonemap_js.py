"""The JavaScript of the zone map page (``window.ungtloft``), kept apart from the Python builder.

The page API (all functions return something JSON-serialisable, so Qt's ``runJavaScript`` can
read the result):

- ``setStyle(styles, legendHtml)``, ``select(ids, zoom)``, ``selectedIds()``,
  ``setLayer(name, visible, opacity)``, ``setOverlay(name, geojson, style, tooltipField)``,
  ``pickPoint()``, ``showPlan(plan, buffer)``, ``setOrder(names)``, ``clickZone(id)`` -- as before;
- ``fitAll()`` -- zoom to the zones with fractional zoom ("Zoom til kommunen");
- ``search(text, limit)`` -- matches from the page's search index, best first, each
  ``{kind, id, name, detail, bounds: [w, s, e, n]}`` (same ranking as :func:`ungtloft_map.maps.search.search`);
- ``zoomTo(target)`` -- ``target`` is a search hit, a ``[w, s, e, n]`` array or ``{kind, id}``;
  fits the view there, marks the place, selects the zone for a zone hit; returns true if found;
- ``labelsShown()`` -- the zone ids whose name label is visible now;
- ``basemapStatus()`` -- ``"none"``, ``"ok"``, ``"loading"`` or ``"failed"`` (after a failure
  the tile layer is removed, the vector context stays, and one notice is shown; the bridge's
  ``basemapFailed(message)`` is called once when present).
"""

from __future__ import annotations

from jinja2 import Template

ZONE_JS = Template("""
{% macro script(this, kwargs) %}
window.ungtloft = (function () {
  var map = {{ this._parent.get_name() }};
  var styles = {{ this.styles_json }};
  var selected = {};
  var layers = {};
  var opacity = {{ this.fill_opacity }};
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
  function notice(text) {
    var n = document.getElementById("ul-notice");
    if (!n) {
      var c = L.control({position: "bottomleft"});
      c.onAdd = function () { var d = L.DomUtil.create("div", "ul-notice"); d.id = "ul-notice"; return d; };
      c.addTo(map); n = document.getElementById("ul-notice");
    }
    n.textContent = text;
  }
  // -- background map (optional tiles) ------------------------------------------------------
  var basemapState = "none";
  var startBasemap = null;
  {% if this.basemap %}
  (function () {
    var bm = {{ this.basemap_json }};
    var opts = {attribution: bm.attribution || "", maxZoom: 20, maxNativeZoom: bm.maxNativeZoom || 19,
                minNativeZoom: bm.minNativeZoom || 0, tms: !!bm.tms, crossOrigin: false};
    if (bm.bounds) { opts.bounds = L.latLngBounds([bm.bounds[1], bm.bounds[0]], [bm.bounds[3], bm.bounds[2]]); }
    var layer;
    if (bm.tiles) {
      // Tiles embedded in the page (from an MBTiles/PMTiles file): no request leaves the page.
      var Embedded = L.TileLayer.extend({
        getTileUrl: function (c) {
          var z = this._getZoomForUrl();
          return bm.tiles[z + "/" + c.x + "/" + c.y] || "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";
        }
      });
      layer = new Embedded("", opts);
    } else {
      layer = L.tileLayer(bm.url, opts);
    }
    var loads = 0, errors = 0;
    basemapState = "loading";
    function fail() {
      if (basemapState === "failed") { return; }
      basemapState = "failed";
      if (map.hasLayer(layer)) { map.removeLayer(layer); }  // cancels its pending requests
      var msg = {{ this.basemap_fail_json }};
      notice(msg);
      document.dispatchEvent(new CustomEvent("ungtloft:basemapfailed", {detail: {message: msg}}));
      if (window.ungtloftBridge && window.ungtloftBridge.basemapFailed) { window.ungtloftBridge.basemapFailed(msg); }
    }
    layer.on("tileload", function () { loads++; if (basemapState === "loading") { basemapState = "ok"; } });
    layer.on("tileerror", function () {
      // Leaflet never retries a tile; give up when most tiles fail (server went away).
      errors++;
      if ((loads === 0 && errors >= 2) || (errors >= 8 && errors > loads)) { fail(); }
    });
    layers["basemap"] = layer;
    startBasemap = function () {
      if (bm.tiles) { layer.addTo(map); return; }
      // One probe tile at the view's centre first: a wrong or unreachable URL costs one
      // request and one notice, not a screenful of failing tiles.
      var z = Math.max(0, Math.min(Math.round(map.getZoom()), opts.maxNativeZoom));
      var p = map.project(map.getCenter(), z).divideBy(256).floor();
      var data = {z: z, x: p.x, y: p.y, s: "a", r: ""};
      data["-y"] = Math.pow(2, z) - 1 - p.y;
      var probe = new Image();
      probe.onload = function () { if (basemapState === "loading") { layer.addTo(map); } };
      probe.onerror = fail;
      probe.src = L.Util.template(bm.url, data);
    };
  })();
  {% endif %}
  // -- vector context from the dataset's own layers ------------------------------------------
  {% for name, spec in this.context %}
  layers[{{ name|tojson }}] = (function () {
    var base = {{ spec.style }}, byKind = {{ spec.by_kind }};
    return L.geoJSON({{ spec.data }}, {
      style: function (f) { var k = f && f.properties ? f.properties.kind : null; return Object.assign({}, base, byKind[k] || {}); },
      interactive: false,
      pointToLayer: function (f, ll) { return L.circleMarker(ll, {radius: 3, color: "#1f3a93", weight: 1, fillOpacity: 0.8}); }
    });
  })(){% if spec.visible %}.addTo(map){% endif %};
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
  // No animation: a jump is what "Zoom til kommunen" and a search hit should do (and a hidden or
  // offscreen view never finishes a zoom animation).
  function fitAll() { map.fitBounds(zones.getBounds(), {padding: [{{ this.fit_padding }}, {{ this.fit_padding }}], animate: false}); return map.getZoom(); }
  if (map.getSize().x > 0 && map.getSize().y > 0) { fitAll(); }
  else { map.setView(zones.getBounds().getCenter(), 11); map.once("resize", fitAll); }
  if (startBasemap) { startBasemap(); }
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
  // -- zone name labels: shown where the zone is big enough on screen, never over a control ---
  var labelData = {{ this.labels_json }};
  var labelLayer = L.layerGroup();
  var labelMarkers = {};
  labelData.forEach(function (d) {
    var icon = L.divIcon({className: "ul-label-icon", html: '<span class="ul-label">' + d[3] + '</span>', iconSize: null});
    labelMarkers[d[0]] = L.marker([d[2], d[1]], {icon: icon, interactive: false, keyboard: false});
    labelMarkers[d[0]].addTo(labelLayer);
  });
  var zoneLayerById = {};
  zones.eachLayer(function (l) { zoneLayerById[l.feature.properties.zone_id] = l; });
  var shownLabels = [];
  function rectsOverlap(a, b) { return !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top); }
  function updateLabels() {
    shownLabels = [];
    if (!map.hasLayer(labelLayer) || map.getSize().x === 0) { return; }
    var blockers = [];
    document.querySelectorAll(".leaflet-control").forEach(function (c) { var r = c.getBoundingClientRect(); if (r.width > 0) { blockers.push(r); } });
    var placed = [], box = map.getContainer().getBoundingClientRect();
    labelData.forEach(function (d) {  // biggest zones first (sorted in Python)
      var m = labelMarkers[d[0]], el = m.getElement(); if (!el) { return; }
      var span = el.firstChild; el.style.display = "";
      var zl = zoneLayerById[d[0]], ok = false;
      if (zl) {
        var b = zl.getBounds(), p1 = map.latLngToContainerPoint(b.getNorthWest()), p2 = map.latLngToContainerPoint(b.getSouthEast());
        var r = span.getBoundingClientRect();
        // The label must fit inside the zone's on-screen size, with a margin.
        ok = (p2.x - p1.x) >= r.width * 1.1 + 4 && (p2.y - p1.y) >= r.height * 1.6 &&
             r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
        if (ok) { for (var i = 0; i < blockers.length && ok; i++) { if (rectsOverlap(r, blockers[i])) { ok = false; } } }
        if (ok) { for (var j = 0; j < placed.length && ok; j++) { if (rectsOverlap(r, placed[j])) { ok = false; } } }
        if (ok) { placed.push(r); shownLabels.push(d[0]); }
      }
      el.style.display = ok ? "" : "none";
    });
  }
  {% if this.labels %}labelLayer.addTo(map);{% endif %}
  layers["labels"] = labelLayer;
  map.on("zoomend moveend resize", updateLabels);
  labelLayer.on("add", function () { setTimeout(updateLabels, 0); });
  setTimeout(updateLabels, 0);
  // -- search -------------------------------------------------------------------------------
  var searchIndex = {{ this.search_json }};
  var KINDS = ["zone", "district", "destination", "address"];
  function norm(t) {
    t = String(t).toLowerCase();
    var out = "";
    for (var i = 0; i < t.length; i++) {
      var ch = t[i];
      out += "æøå".indexOf(ch) >= 0 ? ch : ch.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "");
    }
    return out.split(/\\s+/).filter(function (w) { return w; }).join(" ");
  }
  searchIndex.forEach(function (r) { r.push(norm(r[2]), norm(r[1])); });
  function rank(r, q) {
    var name = r[8], id = r[9];
    if (name === q || id === q) { return 0; }
    if (name.indexOf(q) === 0 || id.indexOf(q) === 0) { return 1; }
    var words = name.replace(/-/g, " ").split(" ");
    for (var i = 0; i < words.length; i++) { if (words[i].indexOf(q) === 0) { return 2; } }
    return name.indexOf(q) >= 0 ? 3 : -1;
  }
  function hit(r) { return {kind: r[0], id: r[1], name: r[2], detail: r[3], bounds: [r[4], r[5], r[6], r[7]]}; }
  var marker = null;
  var api = {
    map: map, zones: zones, layers: layers,
    fitAll: fitAll,
    search: function (text, limit) {
      var q = norm(text || ""); if (!q) { return []; }
      var scored = [];
      searchIndex.forEach(function (r) { var k = rank(r, q); if (k >= 0) { scored.push([k, KINDS.indexOf(r[0]), r[8], r]); } });
      scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
      return scored.slice(0, limit || 10).map(function (s) { return hit(s[3]); });
    },
    zoomTo: function (target) {
      var b = null, h = null;
      if (Array.isArray(target)) { b = target; }
      else if (target && target.bounds) { b = target.bounds; h = target; }
      else if (target && target.id !== undefined) {
        searchIndex.forEach(function (r) { if (!h && r[1] === String(target.id) && (!target.kind || r[0] === target.kind)) { h = hit(r); } });
        if (h) { b = h.bounds; }
      }
      if (!b || map.getSize().x === 0) { return false; }
      var bounds = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
      if (marker) { map.removeLayer(marker); }
      if (b[0] === b[2] && b[1] === b[3]) {
        map.setView(bounds.getCenter(), Math.max(map.getZoom(), 16), {animate: false});
        marker = L.circleMarker(bounds.getCenter(), {radius: 10, color: "#00b4ff", weight: 3, fill: false, interactive: false}).addTo(map);
      } else {
        map.fitBounds(bounds, {padding: [40, 40], maxZoom: 16, animate: false});
        marker = L.rectangle(bounds, {color: "#00b4ff", weight: 2, dashArray: "4 4", fill: false, interactive: false}).addTo(map);
      }
      if (h && h.kind === "zone") { api.select([h.id], false); }
      return true;
    },
    labelsShown: function () { return shownLabels.slice(); },
    basemapStatus: function () { return basemapState; },
    setStyle: function (newStyles, legendHtml) {
      styles = newStyles; zones.setStyle(zoneStyle);
      if (legendHtml !== undefined && legendHtml !== null) { document.getElementById("ul-legend").innerHTML = legendHtml; }
      updateLabels();
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
      else if (op !== undefined && op !== null && l.setOpacity) { l.setOpacity(op); }
      else if (op !== undefined && op !== null && l.setStyle) { l.setStyle({opacity: op, fillOpacity: op * 0.9}); }
      if (visible && !map.hasLayer(l)) { l.addTo(map); } else if (!visible && map.hasLayer(l)) { map.removeLayer(l); }
      if (name === "labels") { updateLabels(); }
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
