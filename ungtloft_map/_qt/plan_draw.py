"""Drawing a plan polygon on the map page: the injected JavaScript, split out of :mod:`.plan_dialog`."""

from __future__ import annotations

import html
import json

from .plan_findings import _t

# --------------------------------------------------------------------------------------------
# drawing on the map page

_DRAW_JS = r"""
(function () {
  var api = window.ungtloft;
  if (!api || !api.map) { return false; }
  var map = api.map;
  if (window.ungtloftDraw && window.ungtloftDraw.active) { window.ungtloftDraw.cancel(); }
  if (api.layers["plan_draft"]) { map.removeLayer(api.layers["plan_draft"]); delete api.layers["plan_draft"]; }
  var pts = [];
  var draft = L.polygon([], {color: "#c2185b", weight: 2, dashArray: "6 4", fillColor: "#c2185b",
                             fillOpacity: 0.15, interactive: false}).addTo(map);
  var band = L.polyline([], {color: "#c2185b", weight: 1.5, dashArray: "2 4", interactive: false}).addTo(map);
  var marks = L.layerGroup().addTo(map);
  api.layers["plan_draft"] = draft;
  var hintDiv = null;
  var hint = L.control({position: "topleft"});
  hint.onAdd = function () {
    hintDiv = L.DomUtil.create("div", "ul-draw-hint");
    hintDiv.style.cssText = "background:#fff;padding:4px 8px;border:1px solid #999;border-radius:3px;" +
      "font:12px 'DejaVu Sans',Arial,sans-serif;max-width:260px";
    hintDiv.innerHTML = __HINT__;
    return hintDiv;
  };
  hint.addTo(map);
  var dblZoom = map.doubleClickZoom.enabled();
  map.doubleClickZoom.disable();
  var box = map.getContainer();
  var cursor = box.style.cursor;
  box.style.cursor = "crosshair";
  // Zone polygons would take the clicks (and select zones) while the user draws.
  var muted = [];
  Object.keys(api.layers).forEach(function (n) {
    var l = api.layers[n];
    if (!l || l === draft || !l.eachLayer) { return; }
    l.eachLayer(function (x) {
      var el = x.getElement ? x.getElement() : null;
      if (el) { muted.push([el, el.style.pointerEvents]); el.style.pointerEvents = "none"; }
    });
  });
  function redraw(mouse) {
    draft.setLatLngs(pts);
    band.setLatLngs(pts.length && mouse ? [pts[pts.length - 1], mouse, pts[0]] : []);
  }
  function onClick(e) {
    if (pts.length) {
      // The two clicks of a double-click land on the same spot: one vertex, not two.
      var a = map.latLngToContainerPoint(e.latlng), b = map.latLngToContainerPoint(pts[pts.length - 1]);
      if (a.distanceTo(b) < 4) { return; }
    }
    pts.push(e.latlng);
    L.circleMarker(e.latlng, {radius: 3, color: "#c2185b", weight: 1, fillOpacity: 1, interactive: false}).addTo(marks);
    redraw(null);
  }
  function onMove(e) { if (pts.length) { redraw(e.latlng); } }
  function onDbl() { finish(); }
  function onKey(e) {
    if (e.key === "Escape") { cancel(); }
    else if (e.key === "Enter") { finish(); }
    else if (e.key === "Backspace" && pts.length) {
      pts.pop(); var ms = marks.getLayers(); if (ms.length) { marks.removeLayer(ms[ms.length - 1]); }
      redraw(null);
    }
  }
  function cleanup() {
    map.off("click", onClick); map.off("mousemove", onMove); map.off("dblclick", onDbl);
    document.removeEventListener("keydown", onKey);
    map.removeLayer(band); map.removeLayer(marks); map.removeControl(hint);
    if (dblZoom) { map.doubleClickZoom.enable(); }
    box.style.cursor = cursor;
    muted.forEach(function (m) { m[0].style.pointerEvents = m[1]; });
    state.active = false;
  }
  function finish() {
    if (!state.active) { return false; }
    if (pts.length < 3) { if (hintDiv) { hintDiv.innerHTML = __TOO_FEW__; } return false; }
    cleanup();
    draft.setStyle({dashArray: null});
    var coords = pts.map(function (ll) { return [ll.lng, ll.lat]; });
    window.ungtloftLastDrawn = coords;
    document.dispatchEvent(new CustomEvent("ungtloft:plandrawn", {detail: coords}));
    if (window.ungtloftBridge && window.ungtloftBridge.planDrawn) {
      window.ungtloftBridge.planDrawn(JSON.stringify(coords));
    }
    return true;
  }
  function cancel() {
    if (state.active) { cleanup(); }
    map.removeLayer(draft); delete api.layers["plan_draft"];
    return true;
  }
  var state = {active: true, finish: finish, cancel: cancel,
               points: function () { return pts.map(function (ll) { return [ll.lng, ll.lat]; }); }};
  window.ungtloftDraw = state;
  map.on("click", onClick); map.on("mousemove", onMove); map.on("dblclick", onDbl);
  document.addEventListener("keydown", onKey);
  return true;
})();
"""


def draw_script(hint: str | None = None) -> str:
    """JavaScript that lets the user draw a plan polygon on the zone map page.

    Run it in the page (``map_view.run_js(draw_script())``). On ``ungtloft.map`` a click adds a
    vertex, a double-click (or Enter) finishes, Backspace removes the last vertex and Escape
    cancels; a dashed ``L.polygon`` previews the shape. While drawing, double-click zoom is off
    and the zone polygons ignore the mouse (so clicks do not select zones). On finishing (3 or
    more vertices) the script:

    * calls ``window.ungtloftBridge.planDrawn(JSON.stringify(coords))`` when the bridge is there,
      ``coords`` being ``[[lon, lat], ...]`` (EPSG:4326, ring not closed) -- connect
      ``MapView.polygonDrawn`` to :meth:`PlanDialog.set_drawn_polygon`;
    * sets ``window.ungtloftLastDrawn = coords`` and fires the DOM event ``ungtloft:plandrawn``
      (``event.detail = coords``);
    * leaves the polygon on the map as ``ungtloft.layers["plan_draft"]`` (remove it with
      ``ungtloft.map.removeLayer(ungtloft.layers.plan_draft)`` once the plan is outlined).

    ``window.ungtloftDraw`` controls a drawing in progress: ``.finish()``, ``.cancel()``
    (also removes the preview), ``.points()``, ``.active``. Running the script again cancels a
    drawing in progress. The script evaluates to ``true`` (``false`` when the page has no
    ``window.ungtloft`` map yet).

    Parameters
    ----------
    hint
        Text of the small help box shown on the map while drawing (default: bokmål, translated).

    Examples
    --------
    >>> "planDrawn" in draw_script()
    True
    """
    hint = hint or _t("Klikk i kartet for å sette hjørner. Dobbeltklikk eller Enter avslutter, "
                      "Backspace angrer siste hjørne, Esc avbryter.")
    too_few = _t("Sett minst tre hjørner før du avslutter.")
    return (_DRAW_JS.replace("__HINT__", json.dumps(html.escape(hint), ensure_ascii=False))
            .replace("__TOO_FEW__", json.dumps(html.escape(too_few), ensure_ascii=False)))
