"""Raster tile sources for the background map: MBTiles, PMTiles, GeoPackage tiles, and online tiles
through a disk cache. Qt-free; every source answers ``get_tile(z, x, y)`` in the XYZ scheme
(origin top left, as Leaflet and OpenStreetMap count) with the tile's bytes or ``None``.

- :class:`MBTilesSource` -- an MBTiles 1.x SQLite file (``tiles`` table in the TMS scheme,
  ``metadata`` table).
- :class:`PMTilesSource` -- a PMTiles v3 archive: 127-byte header, root/leaf directories of
  varint-coded entries, directories optionally gzip-compressed (the ``pmtiles`` package parses
  the header and finds entries; this module decompresses per the header's internal compression).
- :class:`GpkgTileSource` -- a GeoPackage tile pyramid in EPSG:3857 on the standard web grid.
- :class:`CachedTileFetcher` -- tiles from an XYZ/WMTS URL template, kept in a disk cache so a
  tile seen once shows offline. After a failed request it stops asking the server for
  ``retry_after`` seconds (no retry storm) and keeps one message for the user.
- :class:`TileServer` -- a tiny HTTP server on 127.0.0.1 that serves any source as
  ``http://127.0.0.1:PORT/{z}/{x}/{y}``; the window points the page's tile layer at it.

For the Qt window (Fil/Innstillinger → Bakgrunnskart)::

    source = open_tile_source(path)                 # or CachedTileFetcher(url, default_cache_dir())
    server = TileServer(source)                     # starts a daemon thread; server.url_template
    zm = build_zone_map(..., basemap=Basemap.from_source(source, server.url_template).page_spec())
    ...
    msg = source.take_message()                     # CachedTileFetcher: one text when it went offline
    server.close(); source.close()

or, without a server, a ``QWebEngineUrlSchemeHandler`` that answers ``ultiles://t/{z}/{x}/{y}``
with ``source.get_tile(z, x, y)`` (run it off the GUI thread: a fetch may wait up to ``timeout``).

Examples
--------
>>> src = open_tile_source("kart.mbtiles")  # doctest: +SKIP
>>> png = src.get_tile(12, 2170, 1129)  # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import hashlib
import io
import math
import os
import sqlite3
import threading
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..core.errors import DataError

MIME = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}
_MAGIC = {b"\x89PNG": "png", b"\xff\xd8\xff": "jpg", b"RIFF": "webp"}
WEB_MERCATOR_HALF = 20037508.342789244
TILE_SIZE = 256
#: Zoom levels a tile file may name: web maps stop near 22, and ``1 << z`` of a damaged value
#: (2^62) would not fit in memory.
MAX_ZOOM = 30
#: What SQLite raises on a damaged file: sqlite3.Error, and UnicodeDecodeError when its error
#: message quotes bytes of the file that are not UTF-8 ("malformed database schema (...)").
_SQLITE_ERRORS = (sqlite3.Error, UnicodeDecodeError)
#: What a damaged gzip stream raises: BadGzipFile is an OSError, a bad deflate block zlib.error.
_GZIP_ERRORS = (OSError, EOFError, zlib.error)


def _blob(value) -> bytes | None:
    """A tile's bytes from an SQLite cell, or None when the cell holds no blob (NULL, text)."""
    return bytes(value) if isinstance(value, (bytes, memoryview)) else None


def _on_grid(z: int, x: int, y: int) -> bool:
    return 0 <= z <= MAX_ZOOM and 0 <= x < (1 << z) and 0 <= y < (1 << z)


def image_format(data: bytes) -> str | None:
    """``"png"``, ``"jpg"`` or ``"webp"`` from the first bytes of a tile, else ``None``."""
    for magic, fmt in _MAGIC.items():
        if data[: len(magic)] == magic:
            return fmt
    return None


def tiles_for_bounds(bounds: tuple[float, float, float, float], z: int) -> list[tuple[int, int, int]]:
    """XYZ tiles at zoom ``z`` that cover lon/lat ``bounds`` (w, s, e, n)."""
    w, s, e, n = bounds

    def xy(lon, lat):
        lat = max(min(lat, 85.0511), -85.0511)
        nt = 2 ** z
        x = int((lon + 180.0) / 360.0 * nt)
        y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * nt)
        return min(max(x, 0), nt - 1), min(max(y, 0), nt - 1)

    x0, y0 = xy(w, n)
    x1, y1 = xy(e, s)
    return [(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


@dataclass
class _Meta:
    name: str = ""
    attribution: str = ""
    format: str = "png"
    min_zoom: int = 0
    max_zoom: int = 19
    bounds: tuple[float, float, float, float] | None = None


class _FileSource:
    """Shared bits of the file sources."""

    path: Path
    meta: _Meta

    @property
    def attribution(self) -> str:
        return self.meta.attribution

    @property
    def min_zoom(self) -> int:
        return self.meta.min_zoom

    @property
    def max_zoom(self) -> int:
        return self.meta.max_zoom

    @property
    def bounds(self):
        return self.meta.bounds

    @property
    def format(self) -> str:
        return self.meta.format

    def take_message(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.path.name!r}, zoom {self.min_zoom}–{self.max_zoom}, {self.format})"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _connect(path: Path, what: str) -> sqlite3.Connection:
    if not path.is_file():
        raise DataError(f"no such {what} file", file=path)
    try:
        # as_uri() percent-encodes '#', '?' and '%' in the name: in "file:{path}" SQLite read
        # "kart#1.mbtiles" as the file "kart" (creating it) with the rest a URI fragment.
        con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True,
                              check_same_thread=False)
        # Text that is not UTF-8 (a damaged file) must not raise UnicodeDecodeError on fetch.
        con.text_factory = lambda b: b.decode("utf-8", "replace")
        con.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
    except _SQLITE_ERRORS as exc:
        raise DataError(f"not a readable {what} file (SQLite: {exc})", file=path) from None
    return con


class MBTilesSource(_FileSource):
    """Tiles from an MBTiles file (raster PNG/JPEG/WebP).

    Raises
    ------
    DataError
        Not an SQLite file, no ``tiles`` table with ``zoom_level``/``tile_column``/``tile_row``/
        ``tile_data``, or vector (pbf) tiles.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._con = _connect(self.path, "MBTiles")
        self._lock = threading.Lock()
        try:
            cols = {r[1] for r in self._con.execute("PRAGMA table_info(tiles)")}
            need = {"zoom_level", "tile_column", "tile_row", "tile_data"}
            if not need <= cols:
                missing = ", ".join(sorted(need - cols)) if cols else "the whole table"
                raise DataError(f"not an MBTiles file: the tiles table lacks {missing}", file=self.path,
                                layer="tiles", field=", ".join(sorted(need - cols)) or None)
            meta = {}
            if self._con.execute("SELECT 1 FROM sqlite_master WHERE name='metadata'").fetchone():
                meta = {str(k): str(v) for k, v in self._con.execute("SELECT name, value FROM metadata")}
            zr = self._con.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
            first = self._con.execute("SELECT tile_data FROM tiles LIMIT 1").fetchone()
        except _SQLITE_ERRORS as exc:
            self._con.close()
            raise DataError(f"not a readable MBTiles file (SQLite: {exc})", file=self.path, layer="tiles") from None
        if zr[0] is None or first is None:
            self._con.close()
            raise DataError("the MBTiles file holds no tiles", file=self.path, layer="tiles")
        if not all(isinstance(v, int) and 0 <= v <= MAX_ZOOM for v in zr):
            self._con.close()
            raise DataError(f"zoom levels must be whole numbers 0–{MAX_ZOOM} (the file has "
                            f"{zr[0]!r}–{zr[1]!r})", file=self.path, layer="tiles", field="zoom_level")
        fmt = (meta.get("format") or image_format(_blob(first[0]) or b"") or "").lower()
        if fmt in ("pbf", "mvt") or fmt not in MIME:
            self._con.close()
            raise DataError(f"the MBTiles file holds {fmt or 'unknown'} tiles; a background map needs PNG, JPEG "
                            "or WebP raster tiles", file=self.path, layer="metadata", field="format")
        bounds = None
        if meta.get("bounds"):
            try:
                b = [float(v) for v in meta["bounds"].split(",")]
                bounds = (b[0], b[1], b[2], b[3]) if len(b) == 4 else None
            except ValueError:
                bounds = None
        self.meta = _Meta(meta.get("name", self.path.stem), meta.get("attribution", ""), fmt,
                          int(zr[0]), int(zr[1]), bounds)

    def get_tile(self, z: int, x: int, y: int) -> bytes | None:
        if not _on_grid(z, x, y):  # a request from the tile server's URL may be anything
            return None
        row = (1 << z) - 1 - y  # MBTiles counts rows from the bottom (TMS)
        try:
            with self._lock:
                r = self._con.execute("SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                                      (z, x, row)).fetchone()
        except _SQLITE_ERRORS as exc:
            raise DataError(f"cannot read a tile (SQLite: {exc})", file=self.path, layer="tiles") from None
        return _blob(r[0]) if r else None

    def close(self) -> None:
        self._con.close()


class PMTilesSource(_FileSource):
    """Tiles from a PMTiles v3 archive (raster tiles; directories plain or gzip-compressed).

    Raises
    ------
    DataError
        Not a PMTiles v3 file, a truncated or corrupt directory, vector tiles, or a compression
        this reader does not handle (brotli, zstd).
    """

    def __init__(self, path: str | Path):
        from pmtiles.tile import Compression, TileType, deserialize_header

        self.path = Path(path)
        if not self.path.is_file():
            raise DataError("no such PMTiles file", file=self.path)
        self._f = open(self.path, "rb")  # noqa: SIM115 -- kept open for the source's life
        self._lock = threading.Lock()
        try:
            self._size = os.fstat(self._f.fileno()).st_size
            head = self._read(0, 127)
            try:
                h = deserialize_header(head)
            except Exception:  # MagicNumberNotFound, SpecVersionUnsupported, short file
                raise DataError("not a PMTiles version 3 file (bad header)", file=self.path, layer="header") from None
            for key in ("root", "leaf_directory", "tile_data", "metadata"):
                off, length = h[f"{key}_offset"], h[f"{key}_length"]
                if off + length > self._size:
                    raise DataError(f"the PMTiles file is truncated or corrupt ({key} beyond the end)",
                                    file=self.path, layer="header", field=key)
            if h["internal_compression"] not in (Compression.NONE, Compression.GZIP):
                raise DataError(f"PMTiles directories compressed with {h['internal_compression'].name.lower()} "
                                "are not supported (use gzip or none)", file=self.path, layer="header",
                                field="internal_compression")
            if h["tile_compression"] not in (Compression.NONE, Compression.GZIP, Compression.UNKNOWN):
                raise DataError(f"PMTiles tiles compressed with {h['tile_compression'].name.lower()} are not supported",
                                file=self.path, layer="header", field="tile_compression")
            fmt = {TileType.PNG: "png", TileType.JPEG: "jpg", TileType.WEBP: "webp"}.get(h["tile_type"])
            if fmt is None:
                raise DataError(f"the PMTiles file holds {h['tile_type'].name.lower()} tiles; a background map needs "
                                "PNG, JPEG or WebP raster tiles", file=self.path, layer="header", field="tile_type")
            self._h = h
            self._gzip_dirs = h["internal_compression"] == Compression.GZIP
            self._gzip_tiles = h["tile_compression"] == Compression.GZIP
            self._root = self._directory(h["root_offset"], h["root_length"])
            meta = {}
            if h["metadata_length"]:
                raw = self._read(h["metadata_offset"], h["metadata_length"])
                try:
                    import json

                    meta = json.loads(gzip.decompress(raw) if self._gzip_dirs else raw)
                except (ValueError, *_GZIP_ERRORS):
                    meta = {}
            bounds = (h["min_lon_e7"] / 1e7, h["min_lat_e7"] / 1e7, h["max_lon_e7"] / 1e7, h["max_lat_e7"] / 1e7)
            self.meta = _Meta(str(meta.get("name", self.path.stem)), str(meta.get("attribution", "")), fmt,
                              int(h["min_zoom"]), int(h["max_zoom"]),
                              bounds if bounds[2] > bounds[0] and bounds[3] > bounds[1] else None)
        except BaseException:
            self._f.close()
            raise

    def _read(self, offset: int, length: int) -> bytes:
        with self._lock:
            self._f.seek(offset)
            data = self._f.read(length)
        if len(data) != length:
            raise DataError("the PMTiles file is truncated", file=self.path)
        return data

    def _directory(self, offset: int, length: int):
        from pmtiles.tile import Entry, read_varint

        raw = self._read(offset, length)
        try:
            buf = io.BytesIO(gzip.decompress(raw) if self._gzip_dirs else raw)
            n = read_varint(buf)
            if n > length * 8 + 16:  # an entry takes at least 4 bytes before compression
                raise ValueError("entry count")
            entries, last = [], 0
            for _ in range(n):
                last += read_varint(buf)
                entries.append(Entry(last, 0, 0, 0))
            for e in entries:
                e.run_length = read_varint(buf)
            for e in entries:
                e.length = read_varint(buf)
            for i, e in enumerate(entries):
                v = read_varint(buf)
                e.offset = entries[i - 1].offset + entries[i - 1].length if i > 0 and v == 0 else v - 1
        except (ValueError, *_GZIP_ERRORS):
            raise DataError("the PMTiles file has a corrupt directory", file=self.path, layer="directory") from None
        return entries

    def get_tile(self, z: int, x: int, y: int) -> bytes | None:
        from pmtiles.tile import find_tile, zxy_to_tileid

        if not (0 <= z <= 31 and 0 <= x < (1 << z) and 0 <= y < (1 << z)):
            return None
        tid = zxy_to_tileid(z, x, y)
        entries = self._root
        for _ in range(4):  # the spec allows at most 3 levels of leaves
            e = find_tile(entries, tid)
            if e is None:
                return None
            if e.run_length == 0:
                entries = self._directory(self._h["leaf_directory_offset"] + e.offset, e.length)
                continue
            data = self._read(self._h["tile_data_offset"] + e.offset, e.length)
            if self._gzip_tiles:
                try:
                    data = gzip.decompress(data)
                except _GZIP_ERRORS:
                    raise DataError("the PMTiles file has a corrupt tile", file=self.path, layer="tiles") from None
            return data
        return None

    def close(self) -> None:
        self._f.close()


class GpkgTileSource(_FileSource):
    """Tiles from a GeoPackage tile layer on the web-mercator grid (EPSG:3857, one tile per
    ``2^z × 2^z`` matrix, as "GoogleMapsCompatible").

    Raises
    ------
    DataError
        No tile layer (or not the one named), a layer in another CRS or grid.
    """

    def __init__(self, path: str | Path, layer: str | None = None):
        self.path = Path(path)
        self._con = _connect(self.path, "GeoPackage")
        self._lock = threading.Lock()
        try:
            self._init(layer)
        except _SQLITE_ERRORS as exc:
            self._con.close()
            raise DataError(f"not a readable GeoPackage tile layer (SQLite: {exc})", file=self.path, layer=layer) from None
        # A row missing from gpkg_tile_matrix_set / gpkg_spatial_ref_sys (None), text where
        # the standard has a number, a negative or huge zoom level in gpkg_tile_matrix.
        except (TypeError, ValueError, OverflowError) as exc:
            self._con.close()
            raise DataError(f"the GeoPackage's tile tables are damaged ({exc})", file=self.path,
                            layer=layer) from None
        except DataError:
            self._con.close()
            raise

    def _init(self, layer: str | None) -> None:
        c = self._con
        names = [r[0] for r in c.execute("SELECT table_name FROM gpkg_contents WHERE data_type='tiles'")]
        if not names:
            raise DataError("the GeoPackage has no tile layer", file=self.path, layer="gpkg_contents")
        if layer is not None and layer not in names:
            raise DataError(f"no tile layer {layer!r}; tile layers: {', '.join(names)}", file=self.path, layer=layer)
        self.layer = layer or names[0]
        srs, minx, miny, maxx, maxy = c.execute(
            "SELECT srs_id, min_x, min_y, max_x, max_y FROM gpkg_tile_matrix_set WHERE table_name=?", (self.layer,)).fetchone()
        org = c.execute("SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id=?",
                        (srs,)).fetchone()
        epsg = int(org[1]) if org and str(org[0]).upper() == "EPSG" else int(srs)
        tol = 1.0
        world = (-WEB_MERCATOR_HALF, -WEB_MERCATOR_HALF, WEB_MERCATOR_HALF, WEB_MERCATOR_HALF)
        if epsg != 3857 or any(abs(a - b) > tol for a, b in zip((minx, miny, maxx, maxy), world)):
            raise DataError(f"the tile layer is in EPSG:{epsg} on its own grid; only the web-mercator grid "
                            "(EPSG:3857, GoogleMapsCompatible) can be shown", file=self.path, layer=self.layer,
                            field="gpkg_tile_matrix_set")
        self._zoom = {}
        for z, mw, mh in c.execute("SELECT zoom_level, matrix_width, matrix_height FROM gpkg_tile_matrix WHERE table_name=?",
                                   (self.layer,)):
            if not (isinstance(z, int) and 0 <= z <= MAX_ZOOM):
                raise DataError(f"zoom level {z!r} is not a whole number 0–{MAX_ZOOM}", file=self.path,
                                layer=self.layer, field="gpkg_tile_matrix")
            if mw != 1 << int(z) or mh != 1 << int(z):
                raise DataError(f"zoom level {z} is not on the web-mercator grid ({mw}×{mh} tiles)",
                                file=self.path, layer=self.layer, field="gpkg_tile_matrix")
            self._zoom[int(z)] = True
        if not self._zoom:
            raise DataError("the tile layer has no zoom levels", file=self.path, layer=self.layer, field="gpkg_tile_matrix")
        first = c.execute(f'SELECT tile_data FROM "{self.layer}" LIMIT 1').fetchone()
        fmt = image_format(_blob(first[0]) or b"") if first else None
        if fmt is None:
            raise DataError("the tile layer holds no PNG/JPEG/WebP tiles", file=self.path, layer=self.layer)
        bounds = None
        b = c.execute("SELECT min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents WHERE table_name=?", (self.layer,)).fetchone()
        if b and None not in b[:4] and int(b[4]) == int(srs):
            from .viewfit import pixel_to_lonlat

            def ll(mx, my):
                px = (mx / WEB_MERCATOR_HALF + 1) / 2 * 256
                py = (1 - my / WEB_MERCATOR_HALF) / 2 * 256
                lon, lat = pixel_to_lonlat(px, py, 0)
                return float(lon), float(lat)

            w, s = ll(b[0], b[1])
            e, n = ll(b[2], b[3])
            bounds = (w, s, e, n)
        ident = c.execute("SELECT identifier FROM gpkg_contents WHERE table_name=?", (self.layer,)).fetchone()
        self.meta = _Meta(str(ident[0] or self.layer) if ident else self.layer, "", fmt,
                          min(self._zoom), max(self._zoom), bounds)

    def get_tile(self, z: int, x: int, y: int) -> bytes | None:
        if z not in self._zoom or not _on_grid(z, x, y):
            return None
        try:
            with self._lock:
                r = self._con.execute(f'SELECT tile_data FROM "{self.layer}" WHERE zoom_level=? AND tile_column=? AND tile_row=?',
                                      (z, x, y)).fetchone()  # GeoPackage rows count from the top, like XYZ
        except _SQLITE_ERRORS as exc:
            raise DataError(f"cannot read a tile (SQLite: {exc})", file=self.path, layer=self.layer) from None
        return _blob(r[0]) if r else None

    def close(self) -> None:
        self._con.close()


def open_tile_source(path: str | Path, layer: str | None = None):
    """The tile source for an ``.mbtiles``, ``.pmtiles`` or ``.gpkg`` file (by its suffix)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".mbtiles":
        return MBTilesSource(path)
    if suffix == ".pmtiles":
        return PMTilesSource(path)
    if suffix == ".gpkg":
        return GpkgTileSource(path, layer)
    raise DataError("a tile file must be .mbtiles, .pmtiles or .gpkg", file=path)


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/ungtloft_map/tiles`` (``~/.cache/...`` by default; ``%LOCALAPPDATA%`` on Windows)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA") or str(Path.home() / ".cache")
    return Path(base) / "ungtloft_map" / "tiles"


def tile_url(template: str, z: int, x: int, y: int, subdomains: str = "abc") -> str:
    """Fill an XYZ/WMTS-KVP URL template: ``{z} {x} {y}``, ``{-y}`` (TMS) and ``{s}`` (subdomain)."""
    return (template.replace("{z}", str(z)).replace("{x}", str(x)).replace("{-y}", str((1 << z) - 1 - y))
            .replace("{y}", str(y)).replace("{s}", subdomains[(x + y) % len(subdomains)] if subdomains else ""))


@dataclass
class CachedTileFetcher:
    """Online tiles from ``template`` through a disk cache.

    ``get_tile`` returns the cached tile when there is one (no request); else it fetches it
    (``timeout`` seconds at most), stores it and returns it. When a request fails (no network,
    DNS, HTTP error, not an image) the fetcher goes *offline*: for ``retry_after`` seconds it
    makes no request at all and serves only the cache, and :meth:`take_message` returns one
    message for the user (once per offline spell). Thread-safe.
    """

    template: str
    cache_dir: Path = field(default_factory=default_cache_dir)
    timeout: float = 5.0
    retry_after: float = 60.0
    user_agent: str = "UngtLoftMap/1.0 (+tile cache)"
    lang: str = "nb"
    requests: int = 0
    offline_since: float | None = None
    _message: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self):
        if not self.template.startswith(("http://", "https://")) or "{z}" not in self.template:
            raise DataError("a tile URL must start with http:// or https:// and contain {z}, {x} and {y}",
                            field="basemap")
        self.cache_dir = Path(self.cache_dir) / hashlib.sha1(self.template.encode()).hexdigest()[:16]

    @property
    def online(self) -> bool:
        return self.offline_since is None or time.monotonic() - self.offline_since >= self.retry_after

    def cache_path(self, z: int, x: int, y: int) -> Path:
        return self.cache_dir / str(z) / str(x) / f"{y}.tile"

    def cached(self, z: int, x: int, y: int) -> bytes | None:
        p = self.cache_path(z, x, y)
        try:
            return p.read_bytes()
        except OSError:
            return None

    def get_tile(self, z: int, x: int, y: int) -> bytes | None:
        data = self.cached(z, x, y)
        if data is not None:
            return data
        with self._lock:
            if not self.online:
                return None
            self.requests += 1
        url = tile_url(self.template, z, x, y)
        try:
            req = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 -- http(s) only, checked
                data = resp.read(8 * 1024 * 1024)
            if image_format(data) is None:
                raise ValueError("not an image")
        except (OSError, ValueError, urllib.error.URLError) as exc:
            self._went_offline(exc)
            return None
        with self._lock:
            self.offline_since = None
        self._store(z, x, y, data)
        return data

    def _went_offline(self, exc: Exception) -> None:
        with self._lock:
            if self.offline_since is None or self.online:
                reason = getattr(exc, "reason", None) or getattr(exc, "code", None) or exc
                host = self.template.split("/")[2]
                self._message = (f"Bakgrunnskartet fra {host} svarer ikke ({reason}); viser kartgrunnlaget fra "
                                 "datasettet og tidligere hentede kartfliser." if self.lang == "nb" else
                                 f"The background map at {host} does not answer ({reason}); showing the dataset's "
                                 "own map layers and tiles fetched before.")
            self.offline_since = time.monotonic()

    def take_message(self) -> str:
        """The one message about going offline (empty when there is none, or it was taken)."""
        with self._lock:
            msg, self._message = self._message, ""
        return msg

    def _store(self, z: int, x: int, y: int, data: bytes) -> None:
        from ..core.io.atomic import atomic_write_bytes

        try:
            p = self.cache_path(z, x, y)
            p.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(p, data)
        except OSError:
            pass  # a full or read-only cache only costs a later re-fetch

    def close(self) -> None:
        pass


class TileServer:
    """Serve a tile source on ``http://127.0.0.1:PORT/{z}/{x}/{y}`` (a daemon thread).

    Unknown tiles are 404 (the page shows its background through them); the server binds the
    loopback address only.
    """

    def __init__(self, source, port: int = 0):
        src = source

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 -- http.server's name
                parts = self.path.split("?")[0].strip("/").split("/")
                data = None
                try:
                    if len(parts) == 3:
                        z, x, y = int(parts[0]), int(parts[1]), int(parts[2].split(".")[0])
                        data = src.get_tile(z, x, y)
                except (ValueError, DataError):
                    data = None
                if data is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", MIME.get(image_format(data) or "png", "image/png"))
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "max-age=3600")
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.url_template = f"http://127.0.0.1:{self.port}/{{z}}/{{x}}/{{y}}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="ungtloft-tiles", daemon=True)
        self._thread.start()

    def __repr__(self) -> str:
        return f"TileServer({self.url_template!r})"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)
