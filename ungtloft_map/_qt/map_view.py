"""The map view: a QWebEngineView showing the folium page, linked to Qt by a QWebChannel."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from PySide6.QtCore import QFile, QIODevice, QObject, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEngineScript, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView

from ..maps.zonemap import ZoneMap


class _Bridge(QObject):
    """The object the page calls: ``ungtloftBridge.zoneClicked(id, shift)`` and
    ``ungtloftBridge.planDrawn(json_of_lonlat_pairs)``."""

    clicked = Signal(str, bool)
    drawn = Signal(str)

    @Slot(str, bool)
    def zoneClicked(self, zone_id: str, shift: bool) -> None:  # noqa: N802 (the JS-facing name)
        self.clicked.emit(zone_id, bool(shift))

    @Slot(str)
    def planDrawn(self, coords_json: str) -> None:  # noqa: N802 (the JS-facing name)
        self.drawn.emit(coords_json)

    picked = Signal(float, float)

    @Slot(float, float)
    def pointPicked(self, lon: float, lat: float) -> None:  # noqa: N802 (the JS-facing name)
        self.picked.emit(lon, lat)

    failed = Signal(str)

    @Slot(str)
    def basemapFailed(self, message: str) -> None:  # noqa: N802 (the JS-facing name)
        self.failed.emit(message)


def _qwebchannel_js() -> str:
    f = QFile(":/qtwebchannel/qwebchannel.js")
    if not f.open(QIODevice.OpenModeFlag.ReadOnly):
        return ""
    try:
        return bytes(f.readAll()).decode("utf-8")
    finally:
        f.close()


_CONNECT = """
(function () {
  function connect() {
    if (typeof QWebChannel === "undefined" || typeof qt === "undefined") { return; }
    new QWebChannel(qt.webChannelTransport, function (ch) { window.ungtloftBridge = ch.objects.bridge; });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", connect); } else { connect(); }
})();
"""


# Fit with fractional zoom (zoomSnap 0.1) so the zones fill the view; the page's own fitAll when
# it has one (it also knows the legend), else Leaflet's fitBounds directly.
_FIT_ALL = """
(function () {
  var u = window.ungtloft; if (!u || !u.map) { return false; }
  var map = u.map;
  if (map.getSize().x === 0) { return false; }
  map.options.zoomSnap = 0.1; map.options.zoomDelta = 0.5;
  function fit() { if (u.fitAll) { u.fitAll(); } else { map.fitBounds(u.zones.getBounds(), {padding: [8, 8]}); } }
  if (!u._qtAutoFit) {
    // Until the user pans or zooms, the view follows the window: a resized map (a panel
    // closed, the window maximised) is fitted again.
    u._qtAutoFit = {on: true};
    var off = function () { u._qtAutoFit.on = false; };
    map.on("dragstart", off);
    var box = map.getContainer();
    box.addEventListener("wheel", off, {passive: true});
    box.addEventListener("dblclick", off);
    box.querySelectorAll(".leaflet-control-zoom a").forEach(function (a) { a.addEventListener("click", off); });
    map.on("resize", function () { if (u._qtAutoFit.on) { fit(); } });
  }
  u._qtAutoFit.on = true;
  fit();
  return map.getZoom();
})();
"""

_ZOOM_TO = """
(function () {
  var u = window.ungtloft; if (!u || !u.map) { return false; }
  var b = __BOUNDS__, t = __TARGET__ || {};
  if (u._qtAutoFit) { u._qtAutoFit.on = false; }
  if (u.zoomTo) { return u.zoomTo({kind: t.kind, id: t.id, bounds: b}); }
  var bounds = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
  if (b[0] === b[2] && b[1] === b[3]) { u.map.setView(bounds.getCenter(), Math.max(u.map.getZoom(), 16)); }
  else { u.map.fitBounds(bounds, {padding: [40, 40], maxZoom: 16}); }
  return true;
})();
"""


class MapView(QWebEngineView):
    """Shows a :class:`~ungtloft_map.maps.zonemap.ZoneMap` page and relays clicks.

    Signals
    -------
    zoneClicked(str, bool)
        A zone was clicked on the map (zone id, shift held).
    polygonDrawn(str)
        The user finished drawing a polygon (JSON list of [lon, lat] pairs).
    mapLoaded(bool)
        The page finished loading (``True`` on success).
    """

    zoneClicked = Signal(str, bool)
    mapLoaded = Signal(bool)
    polygonDrawn = Signal(str)
    pointPicked = Signal(float, float)
    basemapFailed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._tmpdir = tempfile.TemporaryDirectory(prefix="ungtloft-map-")
        self._page_no = 0
        self._ready = False
        page = self.page()
        s = page.settings()
        # The page is local and must never fetch anything: the app works offline by design.
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        self._bridge = _Bridge(self)
        self._bridge.clicked.connect(self.zoneClicked)
        self._bridge.drawn.connect(self.polygonDrawn)
        self._bridge.picked.connect(self.pointPicked)
        self._bridge.failed.connect(self.basemapFailed)
        self._channel = QWebChannel(page)
        self._channel.registerObject("bridge", self._bridge)
        page.setWebChannel(self._channel)
        script = QWebEngineScript()
        script.setName("ungtloft-webchannel")
        script.setSourceCode(_qwebchannel_js() + _CONNECT)
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
        script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
        script.setRunsOnSubFrames(False)
        page.scripts().insert(script)
        self.loadFinished.connect(self._on_loaded)
        self._map_url: QUrl | None = None
        # Start Chromium's page process now, with an empty page, so that it is up by the time
        # the first zone map is ready (it would otherwise start only then).
        self.setHtml("<!doctype html><html><body></body></html>")

    def allow_loopback_tiles(self, on: bool) -> None:
        """Let the (local file) page load tiles over http: only ever from the app's own tile
        server on 127.0.0.1, whose address is the only one the page is given."""
        self.page().settings().setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, on)

    @property
    def ready(self) -> bool:
        return self._ready

    def show_map(self, zone_map: ZoneMap) -> Path:
        """Write the page to a temp file and load it (setHtml is limited to 2 MB)."""
        self._ready = False
        self._page_no += 1
        path = Path(self._tmpdir.name) / f"map-{self._page_no}.html"
        path.write_text(zone_map.html(), encoding="utf-8")
        self._map_url = QUrl.fromLocalFile(str(path))
        self.setUrl(self._map_url)
        return path

    def run_js(self, script: str, callback=None) -> None:
        if callback is None:
            self.page().runJavaScript(script)
        else:
            self.page().runJavaScript(script, 0, callback)

    def select(self, zone_ids: list[str], zoom: bool = False) -> None:
        if self._ready:
            if zoom:
                self.run_js("if (window.ungtloft && ungtloft._qtAutoFit) { ungtloft._qtAutoFit.on = false; }")
            self.run_js(f"ungtloft.select({json.dumps(list(zone_ids))}, {'true' if zoom else 'false'});")

    def set_layer(self, name: str, visible: bool, opacity: float | None = None) -> None:
        if self._ready:
            op = "null" if opacity is None else f"{opacity:.3f}"
            self.run_js(f"ungtloft.setLayer({json.dumps(name)}, {'true' if visible else 'false'}, {op});")

    def set_overlay(self, name: str, geojson: str | None, style: dict | None = None,
                    tooltip_field: str | None = None) -> None:
        """Draw (or with None remove) a computed layer on the page, e.g. isochrones."""
        if self._ready:
            self.run_js(f"ungtloft.setOverlay({json.dumps(name)}, {geojson or 'null'}, "
                        f"{json.dumps(style or {})}, {json.dumps(tooltip_field)});")

    def fit_all(self) -> None:
        """Fit the view to the zones with fractional zoom ("Zoom til kommunen")."""
        if self._ready:
            self.run_js(_FIT_ALL)

    def zoom_to(self, bounds: list[float], target_json: str = "null") -> None:
        """Zoom to ``[west, south, east, north]`` (lon/lat); ``target_json`` names the search hit
        (``{"kind": ..., "id": ...}``) so the page can mark it."""
        if self._ready:
            self.run_js(_ZOOM_TO.replace("__BOUNDS__", json.dumps([float(b) for b in bounds]))
                        .replace("__TARGET__", target_json))

    def _on_loaded(self, ok: bool) -> None:
        if self._map_url is None or self.url() != self._map_url:
            return  # the empty warm-up page, or a page replaced by a newer map
        self._ready = ok
        self.mapLoaded.emit(ok)

    def shutdown(self) -> None:
        """Delete the page now: QtWebEngine crashes at exit if a page outlives its profile."""
        page = self.page()
        if page is not None:
            page.deleteLater()
