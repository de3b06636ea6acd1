"""The exported web map, loaded in a real (headless) QtWebEngine page: how much of a 1200×800 view
is data, zone labels that fit and never cover the legend, search, and a tile URL that fails.

The tile servers here listen on 127.0.0.1 only; nothing leaves the machine."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

from tests.maps.tile_factory import FakeTileServer
from ungtloft_map.core.project import Project
from ungtloft_map.maps.export import export_web_map
from ungtloft_map.maps.search import build_search_index, search
from ungtloft_map.maps.viewfit import data_fraction, fit_view, web_bounds

pytest.importorskip("PySide6.QtWebEngineWidgets")

W, H = 1200, 800
BACKGROUND = (0xF4, 0xF1, 0xEA)


@pytest.fixture(scope="module")
def demo():
    p = Project.demo()
    return p, p.zone_table()


@pytest.fixture(scope="module")
def view(qapp):
    from PySide6.QtWebEngineCore import QWebEngineSettings
    from PySide6.QtWebEngineWidgets import QWebEngineView

    v = QWebEngineView()
    # As in a browser (and the window with online tiles switched on): a local page may load images
    # from http. QtWebEngine forbids it by default.
    v.settings().setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
    v.resize(W, H)
    v.show()
    yield v
    from PySide6.QtCore import QEvent

    v.close()
    v.page().deleteLater()  # the page before the view: QtWebEngine crashes if a page outlives its profile
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    v.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.processEvents()


def spin(qapp, check, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        qapp.processEvents()
        if check():
            return True
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def js(qapp, view, script):
    box = []
    view.page().runJavaScript(script, 0, box.append)
    spin(qapp, lambda: bool(box), 10.0)
    return box[0]


def load(qapp, view, path):
    from PySide6.QtCore import QUrl

    view.setUrl(QUrl.fromLocalFile(str(path)))
    spin(qapp, lambda: js(qapp, view, "!!(window.ungtloft && window.ungtloft.map)") is True, 30)
    spin(qapp, lambda: js(qapp, view, "document.readyState") == "complete")
    time.sleep(0.3)
    qapp.processEvents()


def grab(qapp, view) -> np.ndarray:
    from PySide6.QtGui import QImage

    img = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    arr = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.bytesPerLine() * h).reshape(h, img.bytesPerLine())
    return arr[:, : w * 3].reshape(h, w, 3).copy()


def test_zones_fill_at_least_half_of_the_view(tmp_path, qapp, view, demo):
    p, zt = demo
    out = export_web_map(zt, "low_income", tmp_path / "m.html", basemap="none")
    load(qapp, view, out)
    zoom = js(qapp, view, "ungtloft.map.getZoom()")
    size = json.loads(js(qapp, view, "JSON.stringify([ungtloft.map.getSize().x, ungtloft.map.getSize().y])"))
    assert size == [W, H]
    predicted = fit_view(web_bounds(zt.gdf), (W, H))
    assert zoom == pytest.approx(predicted.zoom, abs=0.051)  # Python mirrors Leaflet's fitBounds
    # Hide the controls (legend, banner, zoom buttons) and the labels, then count the pixels
    # that are not the page background.
    js(qapp, view, "document.querySelector('.leaflet-control-container').style.display='none';"
                   "ungtloft.setLayer('labels', false); true")
    time.sleep(0.3)
    qapp.processEvents()
    pix = grab(qapp, view)
    assert pix.shape[:2] in ((H, W), (H * 2, W * 2))
    is_bg = np.all(np.abs(pix.astype(int) - np.array(BACKGROUND)) <= 3, axis=2)
    measured = 1 - is_bg.mean()
    assert measured >= 0.5
    assert measured == pytest.approx(data_fraction(zt.gdf, predicted), abs=0.06)


def test_labels_fit_and_never_cover_the_legend(tmp_path, qapp, view, demo):
    p, zt = demo
    out = export_web_map(zt, "low_income", tmp_path / "m.html",
                         context={r: p.layer(r) for r in ("water", "roads", "districts", "boundary")},
                         search_layers={"districts": p.layer("districts"), "destinations": p.layer("destinations")})
    load(qapp, view, out)
    check = """(function () {
      var legend = document.getElementById('ul-legend').getBoundingClientRect();
      var shown = ungtloft.labelsShown(), bad = [];
      document.querySelectorAll('.ul-label').forEach(function (s) {
        var el = s.parentNode; if (el.style.display === 'none') { return; }
        var r = s.getBoundingClientRect();
        if (!(r.right <= legend.left || legend.right <= r.left || r.bottom <= legend.top || legend.bottom <= r.top)) { bad.push(s.textContent); }
      });
      return JSON.stringify({n: shown.length, bad: bad});
    })()"""
    # The quiet context: roads beneath the zones, district lines above them.
    # The context layers draw their paths a little after the page is ready: under load a first
    # call can come before (the script then throws and answers nothing), so ask until it answers.
    order_js = """(function () {
      var road = ungtloft.layers.roads.getLayers()[0]._path, zone = ungtloft.zones.getLayers()[0]._path,
          dist = ungtloft.layers.districts.getLayers()[0]._path;
      return [!!(road.compareDocumentPosition(zone) & Node.DOCUMENT_POSITION_FOLLOWING),
              !!(zone.compareDocumentPosition(dist) & Node.DOCUMENT_POSITION_FOLLOWING)].join();
    })()"""
    spin(qapp, lambda: bool(js(qapp, view, order_js)))
    assert js(qapp, view, order_js) == "true,true"
    first = json.loads(js(qapp, view, check))
    assert first["bad"] == [] and 10 <= first["n"] < len(zt)
    js(qapp, view, "ungtloft.map.setZoom(ungtloft.map.getZoom() + 1.5, {animate: false}); true")
    time.sleep(0.3)
    qapp.processEvents()
    zoomed = json.loads(js(qapp, view, check))
    assert zoomed["bad"] == []
    # Zoomed in, the labels on screen are the ones that fit; smaller zones gain a label.
    assert js(qapp, view, "ungtloft.labelsShown().filter(function (z) { return true; }).length") == zoomed["n"]
    js(qapp, view, "ungtloft.fitAll(); true")

    # Search: the page ranks like the Python search, and zoomTo goes there.
    idx = build_search_index(p.zones, districts=p.layer("districts"), destinations=p.layer("destinations"))
    for text in ("sentrum", "B", "lia", "torget"):
        page = json.loads(js(qapp, view, f"JSON.stringify(ungtloft.search({json.dumps(text)}, 8))"))
        assert [(h["kind"], h["id"]) for h in page] == [(h.kind, h.id) for h in search(idx, text, 8)], text
    zone = p.zones.iloc[3]
    z0 = js(qapp, view, "ungtloft.map.getZoom()")
    assert js(qapp, view, f"ungtloft.zoomTo({{kind: 'zone', id: {json.dumps(zone['zone_id'])}}})") is True
    spin(qapp, lambda: js(qapp, view, "ungtloft.map.getZoom()") > z0 + 0.5, 10)  # after the zoom animation
    assert json.loads(js(qapp, view, "JSON.stringify(ungtloft.selectedIds())")) == [zone["zone_id"]]
    # No address points in an exported page's search.
    assert js(qapp, view, "ungtloft.search('A000012').length") == 0


def test_failing_tile_url_one_notice_no_retry_storm(tmp_path, qapp, view, demo):
    p, zt = demo
    srv = FakeTileServer("error")
    try:
        out = export_web_map(zt, "neet", tmp_path / "m.html", basemap=srv.url, context={"water": p.layer("water")})
        load(qapp, view, out)
        spin(qapp, lambda: js(qapp, view, "ungtloft.basemapStatus()") == "failed", 20)
        time.sleep(0.5)
        qapp.processEvents()
        first = len(srv.paths)
        print(f"tile requests before the page gave up: {first}")
        # One probe tile was asked for, not a screenful (1200×800 px ≈ 24 tiles).
        assert first == 1
        notices = json.loads(js(qapp, view, "JSON.stringify([].map.call(document.querySelectorAll('.ul-notice'), "
                                            "function (n) { return n.textContent; }))"))
        assert len(notices) == 1 and "Bakgrunnskartet kunne ikke hentes" in notices[0]
        assert js(qapp, view, "ungtloft.map.hasLayer(ungtloft.layers['water'])") is True  # the vector context stays
        # Panning and zooming after the failure asks the server for nothing more.
        for script in ("ungtloft.map.panBy([300, 200], {animate: false})", "ungtloft.map.zoomIn(1, {animate: false})",
                       "ungtloft.map.panBy([-500, 0], {animate: false})"):
            js(qapp, view, script + "; true")
            time.sleep(0.3)
            qapp.processEvents()
        assert len(srv.paths) == first
    finally:
        srv.close()


def test_working_tile_url_loads_tiles(tmp_path, qapp, view, demo):
    p, zt = demo
    srv = FakeTileServer("ok")
    try:
        out = export_web_map(zt, "neet", tmp_path / "m.html", basemap=srv.url)
        load(qapp, view, out)
        spin(qapp, lambda: js(qapp, view, "ungtloft.basemapStatus()") == "ok", 20)
        z = round(js(qapp, view, "ungtloft.map.getZoom()"))
        assert srv.paths and all(p.startswith(f"/{z}/") for p in srv.paths[:5])
        assert js(qapp, view, "document.querySelectorAll('.ul-notice').length") == 0
    finally:
        srv.close()


def test_embedded_tiles_show_without_any_request(tmp_path, qapp, view, demo):
    from tests.maps.tile_factory import write_pmtiles
    from ungtloft_map.maps.tiles import tiles_for_bounds

    p, zt = demo
    b = web_bounds(zt.gdf)
    path = write_pmtiles(tmp_path / "k.pmtiles", [t for z in range(9, 13) for t in tiles_for_bounds(b, z)])
    out = export_web_map(zt, "neet", tmp_path / "m.html", basemap=str(path))
    load(qapp, view, out)
    spin(qapp, lambda: js(qapp, view, "ungtloft.basemapStatus()") == "ok", 20)
    n = js(qapp, view, "document.querySelectorAll('.leaflet-tile-loaded').length")
    srcs = json.loads(js(qapp, view, "JSON.stringify([].map.call(document.querySelectorAll('.leaflet-tile-loaded'), "
                                     "function (t) { return t.src.slice(0, 22); }))"))
    assert n >= 6 and set(srcs) == {"data:image/png;base64,"}
