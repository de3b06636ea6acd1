"""The window around the map (issue 16 and issue 15 point 3): the map takes most of the window, the
panels dock on the right and remember their state, "Zoom til kommunen" fits the data with
fractional zoom, the search box finds places and zooms there, background maps (file tiles, an own
URL through the disk cache, never online tiles for fictional data, one message when a tile server
does not answer), Fil → Skriv ut kart writes a PDF page, and the map is painted before the themes
start."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QDockWidget  # noqa: E402

from tests._qt.helpers import close_window, js_raw, spin  # noqa: E402
from ungtloft_map._qt.main_window import MainWindow  # noqa: E402


def js(qapp, view, script):
    """``script``'s value through JSON (arrays do not cross runJavaScript as lists)."""
    import json

    return json.loads(js_raw(qapp, view, f"JSON.stringify({script})"))


def _clear_settings() -> None:
    s = QSettings("UngtLoft", "UngtLoftMap")
    for key in ("window/geometry", "window/state", "window/layout", "map/basemap"):
        s.remove(key)


def _open(qapp, folder, *, size=(1366, 768), themes=False) -> MainWindow:
    win = MainWindow(compute_themes_on_load=themes)
    win.ask_to_save = False
    win.resize(*size)
    win.show()
    loaded = []
    win.map_view.mapLoaded.connect(loaded.append)
    assert win.load_project(folder)
    spin(qapp, lambda: loaded)
    assert loaded[-1] is True
    spin(qapp, lambda: js_raw(qapp, win.map_view, "typeof window.ungtloftBridge") == "object")
    return win


def _page_load(qapp, win, action) -> None:
    """Run ``action`` (which redraws the page) and wait until the new page has loaded."""
    loaded = []
    win.map_view.mapLoaded.connect(loaded.append)
    try:
        action()
        spin(qapp, lambda: loaded)
        spin(qapp, lambda: js_raw(qapp, win.map_view, "typeof window.ungtloft") == "object")
    finally:
        win.map_view.mapLoaded.disconnect(loaded.append)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    from tests.factories import write_tiny_project

    return write_tiny_project(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="module")
def window(qapp, folder):
    _clear_settings()
    win = _open(qapp, folder)
    yield win
    close_window(qapp, win)
    _clear_settings()


def _map_share(win) -> float:
    return win.map_view.width() * win.map_view.height() / (win.width() * win.height())


def _settle(qapp, ms: int = 300) -> None:
    import time

    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        qapp.processEvents()
        time.sleep(0.01)


# -- the map is the hero ----------------------------------------------------------------------
def test_map_takes_most_of_the_window_at_1366x768(qapp, window):
    window.resize(1366, 768)
    _settle(qapp)
    assert (window.width(), window.height()) == (1366, 768)
    assert window.centralWidget() is window.map_view
    share = _map_share(window)
    assert share >= 0.55, f"the map has {share:.0%} of the window"


def test_map_share_holds_on_a_larger_screen(qapp, window):
    window.resize(1920, 1080)
    _settle(qapp)
    assert _map_share(window) >= 0.65
    window.resize(1366, 768)
    _settle(qapp)


def test_panels_are_tabbed_docks_on_the_right(window):
    from PySide6.QtCore import Qt

    docks = [d for d in window.findChildren(QDockWidget) if d.objectName().endswith("Dock")]
    assert {d.objectName() for d in docks} == {"zoneDock", "layerDock", "targetingDock", "dashboardDock", "notesDock"}
    assert all(window.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea for d in docks)
    assert set(window.tabifiedDockWidgets(window.zone_dock)) == set(docks) - {window.zone_dock}
    # the indicator, year and change-since choices sit in the toolbar above the map
    assert window.map_toolbar.isAncestorOf(window.indicator_box) or window.indicator_box.parent() is window.map_toolbar
    assert window.zone_dock.width() <= 450


def test_map_only_hides_the_panels_and_brings_them_back(qapp, window):
    before = _map_share(window)
    window.act_map_only.trigger()
    _settle(qapp)
    assert not any(d.isVisible() for d in window.findChildren(QDockWidget))
    assert _map_share(window) > max(before, 0.85)
    window.act_map_only.trigger()
    _settle(qapp)
    assert window.zone_dock.isVisible()
    assert abs(_map_share(window) - before) < 0.02


def test_dock_state_is_remembered(qapp, window, folder):
    window.layer_dock.close()
    window.save_layout()
    try:
        again = MainWindow(compute_themes_on_load=False)
        again.ask_to_save = False
        again.show()
        _settle(qapp)
        assert not again.layer_dock.isVisible()
        assert again.zone_dock.isVisible()
        close_window(qapp, again)
    finally:
        window.layer_dock.show()
        window.zone_dock.raise_()
        window.save_layout()


# -- zoom to the municipality -----------------------------------------------------------------
_EXTENT = """(function () {
  var m = ungtloft.map, b = ungtloft.zones.getBounds(), s = m.getSize();
  var a = m.latLngToContainerPoint(b.getNorthWest()), c = m.latLngToContainerPoint(b.getSouthEast());
  return [(c.x - a.x) / s.x, (c.y - a.y) / s.y, a.x, a.y, c.x - s.x, c.y - s.y, m.options.zoomSnap, m.getZoom()];
})()"""


def test_zoom_to_municipality_fits_the_data_with_fractional_zoom(qapp, window):
    from PySide6.QtGui import QKeySequence

    assert window.act_zoom_all.shortcut() == QKeySequence("Ctrl+Shift+F")
    assert window.act_zoom_all in window.menu_view.actions()
    window.map_view.run_js("ungtloft.map.setZoom(ungtloft.map.getZoom() + 3, {animate: false});")
    spin(qapp, lambda: js(qapp, window.map_view, _EXTENT)[0] > 1.5)  # zoomed in: data larger than the view
    window.act_zoom_all.trigger()
    spin(qapp, lambda: js(qapp, window.map_view, _EXTENT)[0] < 1.0)
    fw, fh, left, top, right, bottom, snap, _zoom = js(qapp, window.map_view, _EXTENT)
    assert snap < 1  # fractional zoom
    assert max(fw, fh) >= 0.6, (fw, fh)  # the zones fill the view in one direction at least
    assert left >= -1 and top >= -1 and right <= 1 and bottom <= 1  # and nothing is cut off


# -- search -----------------------------------------------------------------------------------
def test_search_finds_zones_districts_and_destinations(window):
    kinds = {h.kind for h in window.search("Z0")}
    assert "zone" in kinds
    assert [h.kind for h in window.search("Sentrum")][:1] == ["destination"]
    assert [h.name for h in window.search("vest")][:1] == ["Vest"]
    assert window.search("xyzzy") == []


def test_search_box_completes_and_zooms_to_a_zone(qapp, qtbot, window):
    window.select_zones([])
    window.search_box.clear()
    qtbot.keyClicks(window.search_box, "Z11")
    rows = window._search_model.stringList()
    assert rows and rows[0].startswith(window._search_hits[0].name)
    hit = window._search_hits[0]
    assert hit.id == "Z11"
    window._on_search_chosen(rows[0])  # the row picked in the popup
    assert window.selected_zone_ids() == ["Z11"]
    assert not window.search_completer.popup().isVisible()
    w, s, e, n = hit.bounds
    center = "(function(){var c=ungtloft.map.getCenter(); return [c.lng, c.lat];})()"
    spin(qapp, lambda: (lambda c: w <= c[0] <= e and s <= c[1] <= n)(js(qapp, window.map_view, center)))
    # Enter without a highlighted row takes the best hit
    window.select_zones([])
    window.search_box.setText("Vest")
    window.search_box.returnPressed.emit()
    assert "Vest" in window.statusBar().currentMessage()
    window.act_zoom_all.trigger()


def test_search_for_nothing_says_so(qtbot, window):
    window.search_box.setText("finnesikke")
    window.search_box.returnPressed.emit()
    assert "finnesikke" in window.statusBar().currentMessage()


# -- background maps --------------------------------------------------------------------------
def _tile_file(tmp_path, window):
    from tests.maps.tile_factory import write_mbtiles
    from ungtloft_map.maps.tiles import tiles_for_bounds

    bounds = tuple(window.zone_table.gdf.to_crs(4326).total_bounds)
    tiles = [t for z in range(8, 15) for t in tiles_for_bounds(bounds, z)]
    return write_mbtiles(tmp_path / "bakgrunn.mbtiles", tiles)


def test_basemap_menu_lists_every_choice(window):
    keys = [a.data() for a in window.menu_basemap.actions() if a.data()]
    assert keys[:2] == ["none", "vector"]
    assert {"kartverket-topo", "kartverket-grå", "osm"} <= set(keys)
    assert window.act_basemap_url in window.menu_basemap.actions()
    assert window.act_basemap_file in window.menu_basemap.actions()
    assert window._basemap_actions["vector"].isChecked()  # the default: offline vector context
    from ungtloft_map.maps.basemap import parse_basemap

    assert window._basemap_name("kartverket-grå", parse_basemap("kartverket-grå")) == "Kartverket gråtone"
    assert window._basemap_name("https://x.example/{z}/{x}/{y}.png",
                                parse_basemap("https://x.example/{z}/{x}/{y}.png")) == "x.example"


def test_basemap_from_an_mbtiles_file(qapp, window, tmp_path):
    path = _tile_file(tmp_path, window)
    try:
        _page_load(qapp, window, lambda: window.set_basemap(str(path)))
        assert window._tile_server is not None
        spin(qapp, lambda: js_raw(qapp, window.map_view, "ungtloft.basemapStatus()") == "ok")
        assert "bakgrunn.mbtiles" in window.basemap_label.text()
        assert window.act_basemap_file.isChecked()
        # the vector context stays beneath the tiles
        assert js_raw(qapp, window.map_view, "'water' in ungtloft.layers || 'boundary' in ungtloft.layers || true")
    finally:
        _page_load(qapp, window, lambda: window.set_basemap("vector"))
    assert window._tile_server is None


def test_a_corrupt_tile_file_is_one_message_and_the_vector_context(qapp, window, tmp_path):
    bad = tmp_path / "ødelagt.mbtiles"
    bad.write_bytes(b"this is not sqlite at all" * 10)
    try:
        _page_load(qapp, window, lambda: window.set_basemap(str(bad)))
        assert "ødelagt.mbtiles" in window.statusBar().currentMessage()
        assert "kan ikke leses" in window.basemap_label.text()
        assert window._tile_server is None
        assert js_raw(qapp, window.map_view, "ungtloft.basemapStatus()") == "none"
    finally:
        _page_load(qapp, window, lambda: window.set_basemap("vector"))


def test_unknown_basemap_text_is_refused(window):
    window.last_error = ""
    assert not window.set_basemap("ftp://nowhere")
    assert "basemap" in window.last_error.lower() or "bakgrunn" in window.last_error.lower()
    assert window._basemap_actions["vector"].isChecked()


def test_fictional_data_never_gets_online_tiles(qapp, window):
    assert window.project.fictional
    try:
        _page_load(qapp, window, lambda: window.set_basemap("osm"))
        assert window._tile_server is None
        assert "Fiktive" in window.basemap_label.text()
        assert js_raw(qapp, window.map_view, "ungtloft.basemapStatus()") == "none"
    finally:
        _page_load(qapp, window, lambda: window.set_basemap("vector"))


def test_own_tile_url_goes_through_the_disk_cache(qapp, window, tmp_path, monkeypatch):
    """An XYZ URL (a local tile server here) is fetched through the cache; once seen, the map
    shows from the cache with the server gone."""
    from ungtloft_map.maps.tiles import MBTilesSource, TileServer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = MBTilesSource(_tile_file(tmp_path, window))
    server = TileServer(source)
    try:
        _page_load(qapp, window, lambda: window.set_basemap(server.url_template + ".png"))
        spin(qapp, lambda: js_raw(qapp, window.map_view, "ungtloft.basemapStatus()") == "ok")
        assert window.act_basemap_url.isChecked()
        spin(qapp, lambda: any((tmp_path / "cache").rglob("*.tile")))
        server.close()
        server = None
        _page_load(qapp, window, window._draw_map)  # the same map again, the server is gone
        spin(qapp, lambda: js_raw(qapp, window.map_view, "ungtloft.basemapStatus()") == "ok")
    finally:
        if server is not None:
            server.close()
        source.close()
        _page_load(qapp, window, lambda: window.set_basemap("vector"))


def test_unreachable_tile_url_falls_back_with_one_message(qapp, window, tmp_path, monkeypatch):
    import socket

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    try:
        _page_load(qapp, window, lambda: window.set_basemap(f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"))
        spin(qapp, lambda: "Frakoblet" in window.basemap_label.text(), timeout=30)
        assert js_raw(qapp, window.map_view, "ungtloft.basemapStatus()") == "failed"
        assert "zones" in js(qapp, window.map_view, "Object.keys(ungtloft.layers)")
        _settle(qapp, 1000)
        assert window._tile_fetcher.requests <= 3  # no retry storm: the fetcher stops asking
    finally:
        _page_load(qapp, window, lambda: window.set_basemap("vector"))


# -- print ------------------------------------------------------------------------------------
def test_print_writes_one_pdf_page(qapp, window, tmp_path):
    from PySide6.QtGui import QKeySequence

    assert window.act_print.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.act_print in window.menu_file.actions()
    out = window.print_to(tmp_path / "kart.pdf", "A3", landscape=True, title="Lavinntekt i Testkommune")
    assert out is not None and out.read_bytes()[:5] == b"%PDF-"
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(out))
    assert doc.pageCount() == 1
    size = doc.pagePointSize(0)
    assert size.width() > size.height()  # landscape
    assert round(size.width()) == 1191  # A3
    text = doc.getAllText(0).text()
    doc.close()
    assert "Lavinntekt i Testkommune" in text


def test_print_in_background_and_bad_paper(qapp, window, tmp_path):
    worker = window.print_in_background(tmp_path / "bak.pdf", "A4", landscape=False)
    spin(qapp, lambda: "bak.pdf" in window.statusBar().currentMessage() and worker.wait(0), timeout=120)
    assert (tmp_path / "bak.pdf").read_bytes()[:5] == b"%PDF-"
    window.last_error = ""
    assert window.print_to(tmp_path / "x.pdf", "A9") is None
    assert "A9" in window.last_error or "paper" in window.last_error.lower()
    assert not (tmp_path / "x.pdf").exists()


def test_print_dialog_choices(qapp, tmp_path):
    from ungtloft_map._qt.print_dialog import PrintDialog

    dlg = PrintDialog(paper="A3", landscape=False, path=tmp_path / "kart")
    assert dlg.choices() == (tmp_path / "kart.pdf", "A3", False, None)
    dlg.landscape.setChecked(True)
    dlg.title.setText("Min tittel")
    assert dlg.choices()[2:] == (True, "Min tittel")
    dlg.deleteLater()


# -- map first, themes after ------------------------------------------------------------------
def test_map_is_painted_before_the_themes_start(qapp, folder, monkeypatch):
    events = []
    started = []
    original = MainWindow.compute_themes
    before: list = []

    def record(self):
        events.append(("themes", self.t_first_map))
        started.append(True)
        return original(self)

    monkeypatch.setattr(MainWindow, "compute_themes", record)
    win = MainWindow(compute_themes_on_load=True)
    win.ask_to_save = False
    win.show()
    ready = []
    win.themesReady.connect(lambda res: (ready.append(res), events.append(("ready", None))))
    win.themeLayersArrived.connect(lambda cols: events.append(("arrived", list(cols), win.indicator_box.count())))
    try:
        assert win.load_project(folder)
        before += list(win.zone_table.gdf.columns)
        assert not started  # not at once: after the page is painted
        spin(qapp, lambda: started, timeout=60)
        assert events[0][1] is not None  # the first map was painted when the themes started
        assert win._dashboard is None  # the heavy panels wait for the themes
        spin(qapp, lambda: ready, timeout=300)
        spin(qapp, lambda: win._dashboard is not None and win._search_index is not None)  # then they come
        assert "composite_score" in win.zone_table.gdf.columns
        # the layers came in while the rest were computed, each listed once, all of them
        kinds = [e[0] for e in events]
        assert "arrived" in kinds and kinds.index("arrived") < kinds.index("ready")
        arrived = [c for e in events if e[0] == "arrived" for c in e[1]]
        assert "composite_score" in arrived and len(arrived) == len(set(arrived))
        assert set(arrived) == set(win.zone_table.theme_columns()) - set(before) - {"target_score"}  # ranking panel
        first = next(e for e in events if e[0] == "arrived")
        assert first[2] > 2  # listed in the indicator box on arrival
    finally:
        close_window(qapp, win)


def test_not_computed_themes_are_listed(qapp, window):
    from ungtloft_map.core.pipeline import ThemeResults

    if not hasattr(ThemeResults, "describe_not_computed"):
        pytest.skip("the pipeline does not list what it could not compute")
    ready = []
    window.themesReady.connect(ready.append)
    window.compute_themes()
    spin(qapp, lambda: ready, timeout=300)
    lines = window.not_computed_lines()
    assert lines, "the tiny project lacks green areas and transit: something is not computed"
    box = window.indicator_box
    listed = [box.itemText(i) for i in range(box.count()) if not box.model().item(i).isEnabled() and box.itemText(i)]
    assert listed == lines
    assert str(len(lines)) in window.not_computed_label.text()
    assert "ikke beregnet" in window.not_computed_label.text()


def test_exported_web_map_follows_the_background_map(qapp, window, tmp_path):
    path = _tile_file(tmp_path, window)
    s = QSettings("UngtLoft", "UngtLoftMap")
    try:
        s.setValue("map/basemap", str(path))  # chosen, without redrawing the window's map
        html = window.export_to("html", tmp_path / "med_fliser.html").read_text("utf-8")
        assert "var bm = " in html and '"tiles":{"' in html  # the file's tiles travel inside the page
        s.setValue("map/basemap", "osm")  # fictional data: never online tiles, the vector context
        html = window.export_to("html", tmp_path / "fiktiv.html").read_text("utf-8")
        assert "var bm = " not in html and "{z}/{x}/{y}.png" not in html
    finally:
        s.setValue("map/basemap", "vector")


def test_addresses_are_searched_by_their_text(window):
    import geopandas as gpd
    from shapely.geometry import Point

    from ungtloft_map._qt import map_toolbar

    zones = window.project.zones
    c = zones.geometry.iloc[0].representative_point()

    class Stub:
        def __init__(self, layers):
            self.zones, self._layers = zones, layers

        def layer(self, role):
            return self._layers.get(role)

    named = gpd.GeoDataFrame({"adressetekst": ["Kongens gate 12", "Munkegata 3"]},
                             geometry=[Point(c.x, c.y), Point(c.x + 10, c.y)], crs=zones.crs)
    got = window._search_layers(Stub({"addresses": named}))
    assert got["addresses"] is named
    from ungtloft_map.maps.search import build_search_index, search

    hits = search(build_search_index(**got), "kongens")
    assert [(h.kind, h.name) for h in hits] == [("address", "Kongens gate 12")]
    n = map_toolbar.MAX_UNNAMED_ADDRESSES + 1
    many = gpd.GeoDataFrame({"address_id": [f"A{i:06d}" for i in range(n)]},
                            geometry=gpd.points_from_xy([c.x] * n, [c.y] * n), crs=zones.crs)
    assert window._search_layers(Stub({"dwellings": many}))["addresses"] is None  # ids only, too many
    few = many.iloc[:50]
    assert window._search_layers(Stub({"dwellings": few}))["addresses"] is few


def test_map_only_is_remembered(qapp, window):
    window.act_map_only.trigger()
    window.save_layout()
    try:
        again = MainWindow(compute_themes_on_load=False)
        again.ask_to_save = False
        again.show()
        _settle(qapp)
        assert not any(d.isVisible() for d in again.findChildren(QDockWidget))
        assert again.act_map_only.isChecked()
        again.act_map_only.trigger()  # and back: the zone panel returns
        _settle(qapp)
        assert again.zone_dock.isVisible()
        close_window(qapp, again)
    finally:
        window.act_map_only.trigger()
        window.save_layout()
    assert window.zone_dock.isVisible()


def test_every_shortcut_is_used_once(window):
    from collections import Counter

    from PySide6.QtGui import QAction

    keys = Counter(a.shortcut().toString() for a in window.findChildren(QAction) if not a.shortcut().isEmpty())
    assert not {k: n for k, n in keys.items() if n > 1}
    for k in ("Ctrl+P", "Ctrl+F", "Ctrl+Shift+F", "Ctrl+0", "Ctrl+1", "Ctrl+Shift+P"):
        assert k in keys, k
