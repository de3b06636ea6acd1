"""Small tile files for the tests, written straight from the formats' specs.

Every tile is a 256 px PNG whose colour encodes its z/x/y (:func:`tile_colour`), so a test can
check that a reader returned *that* tile. The PMTiles writer here is independent of the reader
under test: it lays out header, root and leaf directories and tile data by the v3 spec, with the
directories plain or gzip-compressed.
"""

from __future__ import annotations

import gzip
import http.server
import io
import sqlite3
import struct
import threading
from pathlib import Path

from PIL import Image

# PMTiles directories use the protobuf varint (LEB128) the OSM PBF fixtures write.
from tests.standard_fixtures import _varint


def tile_colour(z: int, x: int, y: int) -> tuple[int, int, int]:
    return (z * 10 % 256, x % 256, y % 256)


def png(z: int, x: int, y: int, size: int = 256) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (size, size), tile_colour(z, x, y)).save(buf, "PNG")
    return buf.getvalue()


class FakeTileServer:
    """A tile server on 127.0.0.1 (nothing leaves the machine) that records every request.

    ``mode`` ``"ok"`` answers each ``/z/x/y.png`` with :func:`png` (its colour encodes z/x/y),
    ``"error"`` with HTTP 500 and ``"html"`` with an HTML page instead of a tile. ``url`` is the
    ``{z}/{x}/{y}`` template, ``paths`` the requested paths in order, ``hits`` their number.
    """

    def __init__(self, mode: str = "ok"):
        self.mode = mode
        self.paths: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                outer.paths.append(self.path)
                if outer.mode == "error":
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if outer.mode == "ok":
                    z, x, y = (int(v) for v in self.path.strip("/").split(".")[0].split("/"))
                    body, kind = png(z, x, y), "image/png"
                else:
                    body, kind = b"<html>not a tile</html>", "text/html"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def hits(self) -> int:
        return len(self.paths)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def colour_of(data: bytes) -> tuple[int, int, int]:
    return Image.open(io.BytesIO(data)).convert("RGB").getpixel((5, 5))


def write_mbtiles(path: Path, tiles: list[tuple[int, int, int]], *, meta: dict | None = None) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE metadata (name text, value text)")
    con.execute("CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)")
    md = {"name": "test", "format": "png", "attribution": "© Testkart", **(meta or {})}
    con.executemany("INSERT INTO metadata VALUES (?, ?)", list(md.items()))
    con.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                    [(z, x, (1 << z) - 1 - y, png(z, x, y)) for z, x, y in tiles])
    con.commit()
    con.close()
    return path


# -- PMTiles v3 ------------------------------------------------------------------------------
def _zxy_to_id(z: int, x: int, y: int) -> int:
    # Hilbert curve position within the level, after all tiles of the lower levels (spec 3.x).
    acc = sum(4 ** i for i in range(z))
    n = 1 << z
    d, tx, ty = 0, x, y
    s = n >> 1
    while s > 0:
        rx = 1 if tx & s else 0
        ry = 1 if ty & s else 0
        d += s * s * ((3 * rx) ^ ry)
        if ry == 0:
            if rx == 1:
                tx, ty = s - 1 - tx, s - 1 - ty
            tx, ty = ty, tx
        s >>= 1
    return acc + d


def _directory(entries: list[tuple[int, int, int, int]], compress: bool) -> bytes:
    """entries: (tile_id, offset, length, run_length)."""
    b = bytearray(_varint(len(entries)))
    last = 0
    for tid, *_ in entries:
        b += _varint(tid - last)
        last = tid
    for *_, run in entries:
        b += _varint(run)
    for _, _, length, _ in entries:
        b += _varint(length)
    for _, off, _, _ in entries:
        b += _varint(off + 1)
    return gzip.compress(bytes(b), mtime=0) if compress else bytes(b)


def write_pmtiles(path: Path, tiles: list[tuple[int, int, int]], *, gzip_dirs: bool = True,
                  leaves: bool = False, bounds=(9.0, 63.0, 11.0, 64.0)) -> Path:
    items = sorted((_zxy_to_id(z, x, y), png(z, x, y)) for z, x, y in tiles)
    data = bytearray()
    entries = []
    for tid, blob in items:
        entries.append((tid, len(data), len(blob), 1))
        data += blob
    if leaves:  # two leaf directories, the root points at them (run_length 0)
        half = len(entries) // 2 or 1
        parts = [entries[:half], entries[half:]] if len(entries) > 1 else [entries]
        leaf_bytes = bytearray()
        root = []
        for part in parts:
            d = _directory(part, gzip_dirs)
            root.append((part[0][0], len(leaf_bytes), len(d), 0))
            leaf_bytes += d
        root_bytes = _directory(root, gzip_dirs)
    else:
        root_bytes, leaf_bytes = _directory(entries, gzip_dirs), b""
    meta = b'{"name": "test", "attribution": "\xc2\xa9 Testkart"}'
    meta = gzip.compress(meta, mtime=0) if gzip_dirs else meta
    root_off = 127
    meta_off = root_off + len(root_bytes)
    leaf_off = meta_off + len(meta)
    data_off = leaf_off + len(leaf_bytes)
    zs = [z for z, _, _ in tiles]
    header = b"PMTiles" + bytes([3]) + struct.pack(
        "<QQQQQQQQQQQ", root_off, len(root_bytes), meta_off, len(meta), leaf_off, len(leaf_bytes),
        data_off, len(data), len(items), len(items), len(items))
    header += bytes([1, 2 if gzip_dirs else 1, 1, 2, min(zs), max(zs)])  # clustered, compression, tile compr., PNG
    header += struct.pack("<iiii", *(int(v * 1e7) for v in bounds))
    header += bytes([min(zs)]) + struct.pack("<ii", 0, 0)
    assert len(header) == 127
    path.write_bytes(header + root_bytes + meta + bytes(leaf_bytes) + bytes(data))
    return path


def write_gpkg_tiles(path: Path, tiles: list[tuple[int, int, int]], *, srs: int = 3857) -> Path:
    half = 20037508.342789244
    con = sqlite3.connect(path)
    con.executescript("""
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT,
      organization_coordsys_id INTEGER, definition TEXT, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT, description TEXT,
      last_change TEXT, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
    CREATE TABLE gpkg_tile_matrix_set (table_name TEXT PRIMARY KEY, srs_id INTEGER, min_x DOUBLE, min_y DOUBLE,
      max_x DOUBLE, max_y DOUBLE);
    CREATE TABLE gpkg_tile_matrix (table_name TEXT, zoom_level INTEGER, matrix_width INTEGER, matrix_height INTEGER,
      tile_width INTEGER, tile_height INTEGER, pixel_x_size DOUBLE, pixel_y_size DOUBLE);
    CREATE TABLE kart (id INTEGER PRIMARY KEY, zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
    """)
    con.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 / Pseudo-Mercator', ?, 'EPSG', ?, '', '')", (srs, srs))
    con.execute("INSERT INTO gpkg_contents VALUES ('kart', 'tiles', 'Testkart', '', '', ?, ?, ?, ?, ?)",
                (1000000.0, 9000000.0, 1200000.0, 9200000.0, srs))
    con.execute("INSERT INTO gpkg_tile_matrix_set VALUES ('kart', ?, ?, ?, ?, ?)", (srs, -half, -half, half, half))
    for z in sorted({t[0] for t in tiles}):
        n = 1 << z
        con.execute("INSERT INTO gpkg_tile_matrix VALUES ('kart', ?, ?, ?, 256, 256, ?, ?)",
                    (z, n, n, 2 * half / n / 256, 2 * half / n / 256))
    con.executemany("INSERT INTO kart (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)",
                    [(z, x, y, png(z, x, y)) for z, x, y in tiles])
    con.commit()
    con.close()
    return path
