"""Background maps for the web map: none, the offline vector context, online tiles, or a tile file.

``--basemap`` (CLI) and the window's setting take one text, parsed by :func:`parse_basemap`:

- ``none`` -- the zones only;
- ``vector`` (the default) -- the quiet vector context from the dataset's own layers (water,
  roads, boundary, districts, buildings when given), always offline;
- a preset name (:data:`PRESETS`): ``kartverket-topo``, ``kartverket-grå`` (alias
  ``kartverket-graa``), ``kartverket-topo-wmts``, ``osm``;
- an XYZ or WMTS (KVP, web-mercator matrix set) URL template with ``{z}``, ``{x}``, ``{y}``
  (``{-y}`` for TMS, ``{s}`` for subdomains) -- the exported page requests its tiles from that
  URL, the vector context stays beneath as the fallback;
- a ``.mbtiles``/``.pmtiles``/``.gpkg`` file -- the tiles covering the data are **embedded in
  the HTML** (base64 data URIs), so the page stays one file that opens offline.

Online tiles are always optional and off by default; the fictional demo never uses them.

Kartverket's open cache (CC BY 4.0, attribution "© Kartverket"):

- ``https://cache.kartverket.no/v1/wmts/1.0.0/topo/default/webmercator/{z}/{y}/{x}.png`` (topographic)
- ``https://cache.kartverket.no/v1/wmts/1.0.0/topograatone/default/webmercator/{z}/{y}/{x}.png`` (grey)
- WMTS KVP: ``https://cache.kartverket.no/v1/service?Service=WMTS&Version=1.0.0&Request=GetTile
  &Format=image/png&Style=default&Layer=topo&TileMatrixSet=webmercator&TileMatrix={z}&TileCol={x}&TileRow={y}``

Examples
--------
>>> parse_basemap("osm").kind
'url'
>>> parse_basemap("vector").kind
'vector'
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import DataError
from .tiles import MIME, image_format, open_tile_source, tiles_for_bounds

_KV = "https://cache.kartverket.no/v1/wmts/1.0.0/{layer}/default/webmercator/{{z}}/{{y}}/{{x}}.png"
KARTVERKET_ATTRIBUTION = '© <a href="https://www.kartverket.no/">Kartverket</a> (CC BY 4.0)'
OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bidragsytere'


@dataclass(frozen=True)
class Preset:
    """A named online tile service."""

    key: str
    label_nb: str
    label_en: str
    url: str
    attribution: str
    max_zoom: int = 18


PRESETS: dict[str, Preset] = {p.key: p for p in (
    Preset("kartverket-topo", "Kartverket topografisk", "Kartverket topographic",
           _KV.format(layer="topo"), KARTVERKET_ATTRIBUTION),
    Preset("kartverket-grå", "Kartverket gråtone", "Kartverket grey",
           _KV.format(layer="topograatone"), KARTVERKET_ATTRIBUTION),
    Preset("kartverket-topo-wmts", "Kartverket topografisk (WMTS)", "Kartverket topographic (WMTS)",
           "https://cache.kartverket.no/v1/service?Service=WMTS&Version=1.0.0&Request=GetTile&Format=image/png"
           "&Style=default&Layer=topo&TileMatrixSet=webmercator&TileMatrix={z}&TileCol={x}&TileRow={y}",
           KARTVERKET_ATTRIBUTION),
    Preset("osm", "OpenStreetMap", "OpenStreetMap", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
           OSM_ATTRIBUTION, 19),
)}
_ALIASES = {"kartverket-graa": "kartverket-grå", "kartverket-gra": "kartverket-grå", "kartverket": "kartverket-topo",
            "openstreetmap": "osm"}
TILE_FILE_SUFFIXES = (".mbtiles", ".pmtiles", ".gpkg")
# An embedded basemap must keep the page openable: at most this many tiles / bytes.
MAX_EMBED_TILES = 600
MAX_EMBED_BYTES = 40 * 1024 * 1024


@dataclass(frozen=True)
class Basemap:
    """What is drawn beneath the zones: ``kind`` is ``none``, ``vector``, ``url`` or ``file``."""

    kind: str
    url: str = ""
    attribution: str = ""
    path: Path | None = None
    max_zoom: int = 19
    label: str = ""

    @property
    def vector_context(self) -> bool:
        """Whether the dataset's own layers are drawn (everything but ``none``)."""
        return self.kind != "none"

    @property
    def online(self) -> bool:
        return self.kind == "url" and not self.url.startswith("http://127.0.0.1")


def parse_basemap(text: str | None) -> Basemap:
    """A :class:`Basemap` from ``none``/``vector``/a preset/a URL template/a tile file path.

    Raises
    ------
    DataError
        An unknown word, a URL without ``{z}``/``{x}``/``{y}``, a tile file that does not exist.
    """
    t = (text or "vector").strip()
    low = t.lower()
    if low in ("none", "ingen"):
        return Basemap("none")
    if low in ("vector", "vektor"):
        return Basemap("vector")
    key = _ALIASES.get(low, low)
    if key in PRESETS:
        p = PRESETS[key]
        return Basemap("url", p.url, p.attribution, max_zoom=p.max_zoom, label=p.label_nb)
    if low.startswith(("http://", "https://")):
        missing = [k for k in ("{z}", "{x}") if k not in t] + ([] if ("{y}" in t or "{-y}" in t) else ["{y}"])
        if missing:
            raise DataError(f"the tile URL lacks {', '.join(missing)}: write it like "
                            "https://server/{z}/{x}/{y}.png", field="--basemap")
        return Basemap("url", t, "", label=t.split("/")[2])
    if Path(t).suffix.lower() in TILE_FILE_SUFFIXES:
        if not Path(t).is_file():
            raise DataError("no such tile file", file=t, field="--basemap")
        return Basemap("file", path=Path(t), label=Path(t).name)
    choices = ", ".join(["none", "vector", *PRESETS])
    raise DataError(f"unknown basemap {t!r}; choose one of: {choices}, a URL template with {{z}}/{{x}}/{{y}}, "
                    "or a .mbtiles/.pmtiles/.gpkg file", field="--basemap")


def embed_tiles(source, bounds: tuple[float, float, float, float], *, zooms: range | None = None,
                max_tiles: int = MAX_EMBED_TILES, max_bytes: int = MAX_EMBED_BYTES) -> tuple[dict[str, str], int, int]:
    """Data URIs of the tiles of ``source`` that cover ``bounds`` (lon/lat), by ``"z/x/y"``.

    Takes the zoom levels from the source's lowest upward while the total stays within
    ``max_tiles`` and ``max_bytes`` (the page must stay reasonable); returns the tiles and the
    lowest and highest zoom level embedded (the page scales the highest one further in).
    """
    zs = list(zooms if zooms is not None else range(source.min_zoom, source.max_zoom + 1))
    out: dict[str, str] = {}
    total, count, zmin, zmax = 0, 0, None, None
    for z in zs:
        want = tiles_for_bounds(bounds, z)
        if count + len(want) > max_tiles:
            break
        level = {}
        size = 0
        for (zz, x, y) in want:
            data = source.get_tile(zz, x, y)
            if data is None:
                continue
            fmt = image_format(data)
            if fmt is None:
                continue
            uri = f"data:{MIME[fmt]};base64," + base64.b64encode(data).decode("ascii")
            level[f"{zz}/{x}/{y}"] = uri
            size += len(uri)
        if total + size > max_bytes:
            break
        if level:
            out.update(level)
            total += size
            count += len(want)
            zmin = z if zmin is None else zmin
            zmax = z
    return out, (zmin if zmin is not None else 0), (zmax if zmax is not None else 0)


def page_spec(basemap: Basemap, bounds: tuple[float, float, float, float] | None = None) -> dict | None:
    """The ``basemap`` argument of :func:`ungtloft_map.maps.zonemap.build_zone_map`.

    ``None`` for ``none``/``vector``; ``{url, attribution, maxNativeZoom}`` for a URL; for a file
    the embedded tiles covering ``bounds`` (lon/lat of the data). A file without a tile over the
    data raises :class:`DataError`, as does a corrupt one.
    """
    if basemap.kind in ("none", "vector"):
        return None
    if basemap.kind == "url":
        return {"url": basemap.url, "attribution": basemap.attribution, "maxNativeZoom": basemap.max_zoom}
    if bounds is None:
        raise ValueError("bounds are needed to embed tiles from a file")
    with open_tile_source(basemap.path) as src:
        tiles, zmin, zmax = embed_tiles(src, bounds)
        attribution = src.attribution
    if not tiles:
        raise DataError("the tile file has no tile over the data's area", file=basemap.path, field="--basemap")
    return {"tiles": tiles, "attribution": attribution, "minNativeZoom": zmin, "maxNativeZoom": zmax,
            "bounds": list(bounds)}


@dataclass
class ServedBasemap:
    """A background map served to the window's page from 127.0.0.1 (see :func:`serve_basemap`)."""

    spec: dict
    server: object
    source: object

    def take_message(self) -> str:
        """One user message when the online source went offline (else empty)."""
        return self.source.take_message()

    def close(self) -> None:
        self.server.close()
        self.source.close()


def serve_basemap(basemap: Basemap | str, *, cache_dir: Path | None = None, lang: str = "nb",
                  fictional: bool = False) -> ServedBasemap | None:
    """Serve an online or file basemap to the window's page through a loopback tile server.

    For a URL/preset the tiles go through :class:`~ungtloft_map.maps.tiles.CachedTileFetcher`
    (disk cache: a tile seen once shows offline; after a failure no request for a minute and one
    message); for a file, straight from the file. ``None`` for ``none``/``vector``, and for an
    online map under ``fictional`` data (the demo never uses online tiles: it would look real). Pass
    ``served.spec`` as ``build_zone_map(..., basemap=served.spec)`` and call ``served.close()``
    when the map changes or the window closes. The page must be allowed to load
    ``http://127.0.0.1`` images (``LocalContentCanAccessRemoteUrls``).

    Examples
    --------
    >>> served = serve_basemap("kartverket-grå")  # doctest: +SKIP
    >>> zm = build_zone_map(zt, "low_income", basemap=served.spec)  # doctest: +SKIP
    """
    from .tiles import CachedTileFetcher, TileServer, default_cache_dir

    bm = basemap if isinstance(basemap, Basemap) else parse_basemap(basemap)
    if bm.kind in ("none", "vector") or (fictional and bm.online):
        return None
    if bm.kind == "url":
        source = CachedTileFetcher(bm.url, cache_dir=cache_dir or default_cache_dir(), lang=lang)
        attribution, max_zoom, min_zoom = bm.attribution, bm.max_zoom, 0
    else:
        source = open_tile_source(bm.path)
        attribution, max_zoom, min_zoom = source.attribution, source.max_zoom, source.min_zoom
    server = TileServer(source)
    spec = {"url": server.url_template, "attribution": attribution, "maxNativeZoom": max_zoom,
            "minNativeZoom": min_zoom}
    return ServedBasemap(spec, server, source)
