"""Vis → Bakgrunnskart: what is drawn beneath the zones, remembered between sessions.

The choices are those of :func:`ungtloft_map.maps.basemap.parse_basemap`: none, the offline vector
context from the dataset's own layers (the default), Kartverket's topographic or grey map,
OpenStreetMap, an own XYZ/WMTS URL, or an MBTiles/PMTiles/GeoPackage tile file.

The page never talks to a tile server itself: tiles come from a small server on 127.0.0.1
(:class:`ungtloft_map.maps.tiles.TileServer`) that reads them from the file, or for online maps
from a disk cache that fetches what it lacks (:class:`~ungtloft_map.maps.tiles.CachedTileFetcher`),
so a map seen once still shows offline. When the tile service does not answer, the status bar says
so once and the map shows the vector context. A fictional dataset never gets online tiles.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel

from ..core.errors import UngtloftError

SETTINGS_KEY = "map/basemap"
DEFAULT = "vector"
OFFLINE_STYLE = "color: #8a4b00; font-weight: bold;"


class BasemapMixin:
    """The background-map setting of the main window (menu, tile server, status)."""

    def _build_basemap_menu(self, menu) -> None:
        self.basemap_label = QLabel()
        self.basemap_label.setObjectName("basemapLabel")
        self.statusBar().addPermanentWidget(self.basemap_label)
        self._tile_server = None
        self._tile_fetcher = None
        self._basemap_effective = DEFAULT
        self._basemap_timer = QTimer(self)
        self._basemap_timer.setInterval(1500)
        self._basemap_timer.timeout.connect(self._poll_tile_fetcher)
        self.map_view.basemapFailed.connect(self._on_basemap_failed)

        self.menu_basemap = menu.addMenu(self.tr("Bakgrunnska&rt"))
        self._basemap_group = QActionGroup(self)
        self._basemap_actions: dict[str, QAction] = {}
        from ..maps.basemap import PRESETS

        choices = [("none", self.tr("&Ingen")), ("vector", self.tr("&Vektorkontekst fra datasettet (frakoblet)"))]
        labels = {"kartverket-topo": self.tr("Kartverket &topografisk (nett)"),
                  "kartverket-grå": self.tr("Kartverket &gråtone (nett)"),
                  "osm": self.tr("&OpenStreetMap (nett)")}
        choices += [(key, text) for key, text in labels.items() if key in PRESETS]
        for key, text in choices:
            act = QAction(text, self, checkable=True)
            act.setData(key)
            act.triggered.connect(lambda _=False, k=key: self.set_basemap(k))
            self._basemap_group.addAction(act)
            self.menu_basemap.addAction(act)
            self._basemap_actions[key] = act
        self.menu_basemap.addSeparator()
        self.act_basemap_url = QAction(self.tr("Egen &nettadresse (XYZ/WMTS) …"), self, checkable=True)
        self.act_basemap_url.triggered.connect(self.choose_basemap_url)
        self.act_basemap_file = QAction(self.tr("Kartfliser fra &fil (MBTiles, PMTiles, GeoPackage) …"), self,
                                        checkable=True)
        self.act_basemap_file.triggered.connect(self.choose_basemap_file)
        for act in (self.act_basemap_url, self.act_basemap_file):
            self._basemap_group.addAction(act)
            self.menu_basemap.addAction(act)
        self._check_basemap_action(self.basemap_choice())

    # -- the setting ----------------------------------------------------------------------------
    def basemap_choice(self) -> str:
        """The chosen background map as text for :func:`~ungtloft_map.maps.basemap.parse_basemap`."""
        value = QSettings("UngtLoft", "UngtLoftMap").value(SETTINGS_KEY, DEFAULT)
        return str(value) if value else DEFAULT

    def _check_basemap_action(self, text: str) -> None:
        act = self._basemap_actions.get(text)
        if act is None:
            act = self.act_basemap_file if text.lower().endswith((".mbtiles", ".pmtiles", ".gpkg")) else self.act_basemap_url
        act.setChecked(True)
        tip = text if act in (self.act_basemap_url, self.act_basemap_file) else ""
        for a in (self.act_basemap_url, self.act_basemap_file):
            a.setToolTip(tip if a is act else a.text().replace("&", ""))

    def set_basemap(self, text: str) -> bool:
        """Choose the background map (``none``, ``vector``, a preset, a URL or a tile file),
        remember it and redraw the map. A bad choice is one message; the old one stays."""
        from ..maps.basemap import parse_basemap

        try:
            parse_basemap(text)
        except UngtloftError as err:
            self.show_error(self.tr("Bakgrunnskart"), str(err))
            self._check_basemap_action(self.basemap_choice())
            return False
        QSettings("UngtLoft", "UngtLoftMap").setValue(SETTINGS_KEY, text)
        self._check_basemap_action(text)
        self._draw_map()
        return True

    def choose_basemap_url(self) -> None:
        current = self.basemap_choice()
        text, ok = QInputDialog.getText(
            self, self.tr("Bakgrunnskart fra nett"),
            self.tr("Adressemal for kartfliser (XYZ eller WMTS) med {z}, {x} og {y}:"),
            text=current if current.startswith(("http://", "https://")) else "https://")
        if ok and text.strip():
            self.set_basemap(text.strip())
        else:
            self._check_basemap_action(current)

    def choose_basemap_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Kartfliser fra fil"), "",
                                              self.tr("Kartfliser (*.mbtiles *.pmtiles *.gpkg)"))
        if path:
            self.set_basemap(path)
        else:
            self._check_basemap_action(self.basemap_choice())

    # -- what the page gets -----------------------------------------------------------------------
    def basemap_for_page(self):
        """``(basemap, page_spec)`` for the map about to be drawn; starts the tile server.

        Falls back to the vector context (with one status-bar message) for a fictional dataset
        and online tiles, or for a tile file that cannot be read.
        """
        from ..maps.basemap import Basemap, parse_basemap

        self._stop_tile_server()
        text = self.basemap_choice()
        try:
            basemap = parse_basemap(text)
        except UngtloftError as err:
            self._set_basemap_status(self.tr("Bakgrunnskart: vektorkontekst ({e})").format(e=err), offline=True)
            return Basemap("vector"), None
        if basemap.kind in ("none", "vector"):
            self._set_basemap_status("")
            return basemap, None
        if basemap.online and self.project is not None and self.project.fictional:
            self._set_basemap_status(self.tr("Fiktive data: bakgrunnskart fra nett brukes ikke – viser vektorkonteksten"),
                                     offline=True)
            return Basemap("vector"), None
        try:
            spec = self._start_tile_server(basemap)
        except UngtloftError as err:
            self.statusBar().showMessage(self.tr("Bakgrunnskartet kan ikke brukes: {e}").format(e=err), 15000)
            self._set_basemap_status(self.tr("Bakgrunnskart: vektorkontekst (filen kan ikke leses)"), offline=True)
            return Basemap("vector"), None
        self._set_basemap_status(self.tr("Bakgrunnskart: {name}").format(name=self._basemap_name(text, basemap)))
        return basemap, spec

    def _basemap_name(self, text: str, basemap) -> str:
        """The chosen map's name in the interface language (a preset's label, a file's or host's name)."""
        from ..maps.basemap import PRESETS

        preset = next((p for p in PRESETS.values() if basemap.kind == "url" and p.url == basemap.url), None)
        if preset is not None:
            return preset.label_nb if self.lang == "nb" else preset.label_en
        return basemap.label or text

    def _start_tile_server(self, basemap) -> dict:
        from ..maps.tiles import CachedTileFetcher, TileServer, open_tile_source

        if basemap.kind == "file":
            source = open_tile_source(basemap.path)
            attribution, max_zoom = getattr(source, "attribution", ""), getattr(source, "max_zoom", 19)
        else:
            source = self._tile_fetcher = CachedTileFetcher(basemap.url, lang=self.lang)
            attribution, max_zoom = basemap.attribution, basemap.max_zoom
            self._basemap_timer.start()
        self._tile_server = TileServer(source)
        self._tile_source = source
        self.map_view.allow_loopback_tiles(True)
        return {"url": self._tile_server.url_template, "attribution": attribution or "", "maxNativeZoom": max_zoom}

    def _stop_tile_server(self) -> None:
        self._basemap_timer.stop()
        if self._tile_server is not None:
            self._tile_server.close()
            self._tile_server = None
        source, self._tile_source = getattr(self, "_tile_source", None), None
        if source is not None and hasattr(source, "close"):
            source.close()
        self._tile_fetcher = None
        self.map_view.allow_loopback_tiles(False)

    def _set_basemap_status(self, text: str, offline: bool = False) -> None:
        self.basemap_label.setText(text)
        self.basemap_label.setStyleSheet(OFFLINE_STYLE if offline else "")

    def _poll_tile_fetcher(self) -> None:
        """The online fetcher's one "does not answer" message → the status bar."""
        fetcher = self._tile_fetcher
        if fetcher is None:
            return
        message = fetcher.take_message()
        if message:
            self._on_basemap_failed(message)

    def _on_basemap_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 20000)
        self._set_basemap_status(self.tr("Frakoblet: viser vektorkonteksten og lagrede kartfliser"), offline=True)
