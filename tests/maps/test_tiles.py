"""Tile sources: MBTiles, PMTiles (plain/gzip directories, leaves), GeoPackage tiles, the cached
online fetcher (against a local server on 127.0.0.1 only) and the loopback tile server."""

from __future__ import annotations

import urllib.request

import pytest

from tests.maps.tile_factory import (
    FakeTileServer,
    _zxy_to_id,
    colour_of,
    png,
    tile_colour,
    write_gpkg_tiles,
    write_mbtiles,
    write_pmtiles,
)
from ungtloft_map.core.errors import DataError
from ungtloft_map.maps.tiles import (
    CachedTileFetcher,
    MBTilesSource,
    PMTilesSource,
    TileServer,
    open_tile_source,
    tile_url,
    tiles_for_bounds,
)

TILES = [(0, 0, 0), (1, 1, 0), (1, 0, 1)] + [(3, x, y) for x in range(8) for y in range(8)]


def test_hilbert_ids_of_the_factory_match_the_spec_package():
    from pmtiles.tile import zxy_to_tileid

    for z, x, y in TILES + [(7, 100, 33), (12, 2170, 1129)]:
        assert _zxy_to_id(z, x, y) == zxy_to_tileid(z, x, y)


def test_mbtiles_flips_rows_and_reads_metadata(tmp_path):
    src = MBTilesSource(write_mbtiles(tmp_path / "t.mbtiles", TILES))
    assert (src.min_zoom, src.max_zoom, src.format, src.attribution) == (0, 3, "png", "© Testkart")
    assert colour_of(src.get_tile(3, 2, 5)) == tile_colour(3, 2, 5)
    assert colour_of(src.get_tile(1, 1, 0)) == tile_colour(1, 1, 0)
    assert src.get_tile(1, 1, 1) is None and src.get_tile(9, 0, 0) is None
    src.close()


@pytest.mark.parametrize("gzip_dirs", [True, False])
@pytest.mark.parametrize("leaves", [False, True])
def test_pmtiles_reads_every_tile(tmp_path, gzip_dirs, leaves):
    path = write_pmtiles(tmp_path / "t.pmtiles", TILES, gzip_dirs=gzip_dirs, leaves=leaves)
    with open_tile_source(path) as src:
        assert isinstance(src, PMTilesSource)
        assert (src.min_zoom, src.max_zoom, src.format) == (0, 3, "png")
        assert src.attribution == "© Testkart"
        for z, x, y in TILES:
            assert colour_of(src.get_tile(z, x, y)) == tile_colour(z, x, y)
        assert src.get_tile(1, 1, 1) is None and src.get_tile(4, 0, 0) is None and src.get_tile(3, 9, 0) is None


def test_pmtiles_written_by_the_pmtiles_package(tmp_path):
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import write

    path = tmp_path / "pkg.pmtiles"
    with write(path) as w:
        for z, x, y in sorted(TILES, key=lambda t: zxy_to_tileid(*t)):
            w.write_tile(zxy_to_tileid(z, x, y), png(z, x, y))
        w.finalize({"tile_type": TileType.PNG, "tile_compression": Compression.NONE, "min_lon_e7": 90000000,
                    "min_lat_e7": 630000000, "max_lon_e7": 110000000, "max_lat_e7": 640000000,
                    "center_zoom": 2, "center_lon_e7": 0, "center_lat_e7": 0}, {"attribution": "x"})
    with PMTilesSource(path) as src:
        assert colour_of(src.get_tile(3, 7, 1)) == tile_colour(3, 7, 1)
        assert src.bounds == (9.0, 63.0, 11.0, 64.0)


def test_gpkg_tiles(tmp_path):
    with open_tile_source(write_gpkg_tiles(tmp_path / "t.gpkg", TILES)) as src:
        assert (src.min_zoom, src.max_zoom) == (0, 3)
        assert colour_of(src.get_tile(3, 6, 2)) == tile_colour(3, 6, 2)
        w, s, e, n = src.bounds
        assert 8.9 < w < 9.0 and 10.7 < e < 10.8 and s < n


def test_gpkg_in_another_grid_is_refused(tmp_path):
    with pytest.raises(DataError, match="EPSG:25833") as exc:
        open_tile_source(write_gpkg_tiles(tmp_path / "t.gpkg", TILES, srs=25833))
    assert exc.value.layer == "kart"


@pytest.mark.parametrize("suffix", [".mbtiles", ".pmtiles", ".gpkg"])
@pytest.mark.parametrize("content", [b"", b"this is not a tile file at all" * 10, b"PMTiles\x03" + b"\xff" * 200])
def test_corrupt_tile_files_give_one_data_error(tmp_path, suffix, content):
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    with pytest.raises(DataError) as exc:
        open_tile_source(path)
    assert str(path) in str(exc.value) or path.name in str(exc.value)


def test_pmtiles_with_a_corrupt_directory(tmp_path):
    path = write_pmtiles(tmp_path / "t.pmtiles", TILES)
    raw = bytearray(path.read_bytes())
    raw[127:140] = b"\x00" * 13  # smash the root directory's gzip header
    path.write_bytes(bytes(raw))
    with pytest.raises(DataError, match="corrupt directory"):
        PMTilesSource(path)
    path.write_bytes(bytes(raw[:200]))  # truncated
    with pytest.raises(DataError, match="truncated|corrupt"):
        PMTilesSource(path)


def test_mbtiles_of_vector_tiles_is_refused(tmp_path):
    path = write_mbtiles(tmp_path / "v.mbtiles", [(0, 0, 0)], meta={"format": "pbf"})
    with pytest.raises(DataError, match="raster"):
        MBTilesSource(path)


def test_tiles_for_bounds_cover_trondheim():
    tiles = tiles_for_bounds((10.2, 63.35, 10.6, 63.47), 12)
    xs = {t[1] for t in tiles}
    ys = {t[2] for t in tiles}
    assert xs == set(range(min(xs), max(xs) + 1)) and 2160 <= min(xs) <= max(xs) <= 2170
    from ungtloft_map.maps.viewfit import lonlat_to_pixel

    # Same tiles as Leaflet's projection gives (pixel // 256) at the corners.
    x0, y0 = lonlat_to_pixel(10.2, 63.47, 12)
    x1, y1 = lonlat_to_pixel(10.6, 63.35, 12)
    assert (min(xs), max(xs), min(ys), max(ys)) == (int(x0 // 256), int(x1 // 256), int(y0 // 256), int(y1 // 256))


def test_tile_url_fills_templates():
    assert tile_url("https://a/{z}/{x}/{y}.png", 3, 2, 1) == "https://a/3/2/1.png"
    assert tile_url("https://a/{z}/{x}/{-y}.png", 3, 2, 1) == "https://a/3/2/6.png"
    assert tile_url("https://cache/topo/default/webmercator/{z}/{y}/{x}.png", 12, 2170, 1129).endswith("/12/1129/2170.png")


# -- online tiles through the cache, against a local server ----------------------------------
@pytest.fixture()
def server():
    s = FakeTileServer()
    yield s
    s.close()


def test_cached_tile_shows_offline(tmp_path, server):
    f = CachedTileFetcher(server.url, cache_dir=tmp_path, timeout=2)
    for t in [(3, 1, 2), (3, 2, 2)]:
        assert colour_of(f.get_tile(*t)) == tile_colour(*t)
    assert server.hits == 2
    assert f.get_tile(3, 1, 2) is not None and server.hits == 2  # from the cache, no request
    server.close()  # now offline
    f2 = CachedTileFetcher(server.url, cache_dir=tmp_path, timeout=2)
    assert colour_of(f2.get_tile(3, 2, 2)) == tile_colour(3, 2, 2)  # seen once: still shows
    assert f2.get_tile(3, 5, 5) is None  # never seen: nothing, and one message
    assert "svarer ikke" in f2.take_message() and f2.take_message() == ""


@pytest.mark.parametrize("mode", ["error", "html"])
def test_bad_server_means_one_request_one_message_no_storm(tmp_path, mode):
    s = FakeTileServer(mode)
    try:
        f = CachedTileFetcher(s.url, cache_dir=tmp_path, timeout=2, retry_after=60)
        results = [f.get_tile(4, x, y) for x in range(6) for y in range(6)]
        assert results == [None] * 36
        assert s.hits == 1 and f.requests == 1  # the first failure stops further requests
        assert not f.online
        msg = f.take_message()
        assert "127.0.0.1" in msg and f.take_message() == ""
        assert not list(tmp_path.rglob("*.tile"))  # an error page is never cached as a tile
    finally:
        s.close()


def test_unreachable_port_is_offline_fast(tmp_path):
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    f = CachedTileFetcher(f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png", cache_dir=tmp_path, timeout=2)
    assert [f.get_tile(2, x, 0) for x in range(4)] == [None] * 4
    assert f.requests == 1 and f.take_message()


def test_fetcher_refuses_non_http_templates(tmp_path):
    with pytest.raises(DataError, match="http"):
        CachedTileFetcher("file:///etc/{z}/{x}/{y}", cache_dir=tmp_path)


def test_tile_server_serves_a_file_source(tmp_path):
    src = MBTilesSource(write_mbtiles(tmp_path / "t.mbtiles", TILES))
    srv = TileServer(src)
    try:
        assert srv.url_template.startswith("http://127.0.0.1:")
        data = urllib.request.urlopen(tile_url(srv.url_template, 3, 4, 4), timeout=5).read()
        assert colour_of(data) == tile_colour(3, 4, 4)
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(tile_url(srv.url_template, 5, 0, 0), timeout=5)
        assert exc.value.code == 404
    finally:
        srv.close()
        src.close()


def test_serve_basemap_caches_online_tiles_for_offline_use(tmp_path, server):
    from ungtloft_map.maps.basemap import serve_basemap

    served = serve_basemap(server.url, cache_dir=tmp_path)
    try:
        url = served.spec["url"]
        assert url.startswith("http://127.0.0.1:") and url != server.url
        data = urllib.request.urlopen(tile_url(url, 5, 3, 4), timeout=5).read()
        assert colour_of(data) == tile_colour(5, 3, 4) and server.hits == 1
        server.close()  # the upstream goes away
        again = urllib.request.urlopen(tile_url(url, 5, 3, 4), timeout=5).read()
        assert again == data  # from the disk cache
        for x in range(5):  # unseen tiles: 404 at once, one upstream attempt in all, one message
            with pytest.raises(urllib.error.HTTPError):
                urllib.request.urlopen(tile_url(url, 5, 10 + x, 4), timeout=5)
        assert served.source.requests == 2
        assert served.take_message() and served.take_message() == ""
    finally:
        served.close()


def test_serve_basemap_none_and_vector_serve_nothing():
    from ungtloft_map.maps.basemap import serve_basemap

    assert serve_basemap("none") is None and serve_basemap("vector") is None
    assert serve_basemap("kartverket-topo", fictional=True) is None  # the demo never goes online


# Found by tests/robustness/test_fuzz_tiles.py (make fuzz): each was another exception type.

FUZZ_TILES = [(0, 0, 0), (1, 0, 0), (1, 1, 0), (1, 0, 1), (1, 1, 1)]


def test_pmtiles_directory_with_a_bad_deflate_block(tmp_path):
    import struct

    path = write_pmtiles(tmp_path / "a.pmtiles", FUZZ_TILES, gzip_dirs=True)
    raw = bytearray(path.read_bytes())
    root_off = struct.unpack("<Q", raw[8:16])[0]
    raw[root_off + 10] = 0  # first byte after the gzip header: a stored block of bad length
    path.write_bytes(bytes(raw))
    with pytest.raises(DataError, match="corrupt directory"):  # was: zlib.error
        open_tile_source(path)


def _sql(path, statement, *args):
    import sqlite3

    con = sqlite3.connect(path)
    con.execute(statement, args)
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("value", ["abc", -1, 2**62])
def test_mbtiles_zoom_level_that_is_no_zoom(tmp_path, value):
    path = write_mbtiles(tmp_path / "a.mbtiles", FUZZ_TILES)
    _sql(path, "UPDATE tiles SET zoom_level = ? WHERE rowid = 1", value)
    with pytest.raises(DataError, match="zoom levels must be whole numbers") as err:
        open_tile_source(path)  # was: ValueError from int('abc'); -1 and 2^62 were accepted
    assert err.value.field == "zoom_level"


@pytest.mark.parametrize("suffix", [".mbtiles", ".gpkg"])
def test_tile_without_a_blob_is_no_tile(tmp_path, suffix):
    write = write_mbtiles if suffix == ".mbtiles" else write_gpkg_tiles
    path = write(tmp_path / f"a{suffix}", FUZZ_TILES)
    table = "tiles" if suffix == ".mbtiles" else "kart"
    _sql(path, f"UPDATE {table} SET tile_data = NULL WHERE rowid = 2")
    with open_tile_source(path) as src:
        served = [src.get_tile(*t) for t in FUZZ_TILES]  # was: TypeError from bytes(None)
    assert served.count(None) == 1 and all(isinstance(t, bytes) for t in served if t)


@pytest.mark.parametrize("suffix", [".mbtiles", ".gpkg", ".pmtiles"])
def test_tile_request_off_the_grid_is_none(tmp_path, suffix):
    write = {".mbtiles": write_mbtiles, ".gpkg": write_gpkg_tiles, ".pmtiles": write_pmtiles}[suffix]
    path = write(tmp_path / f"a{suffix}", FUZZ_TILES)
    with open_tile_source(path) as src:
        # was (MBTiles): OverflowError, SQLite integers are 64-bit; a URL of the tile server
        for z, x, y in [(64, 0, 0), (1, 5, 0), (1, 0, -1), (-1, 0, 0)]:
            assert src.get_tile(z, x, y) is None


@pytest.mark.parametrize(("statement", "match"), [
    ("DELETE FROM gpkg_tile_matrix_set", "tile tables are damaged"),  # was: TypeError
    ("UPDATE gpkg_tile_matrix_set SET srs_id = 'abc'", "tile tables are damaged"),  # ValueError
    ("UPDATE gpkg_tile_matrix SET zoom_level = 4611686018427387904", "not a whole number"),  # MemoryError
    ("UPDATE gpkg_tile_matrix SET zoom_level = -1", "not a whole number"),  # ValueError
])
def test_gpkg_tile_tables_damaged(tmp_path, statement, match):
    path = _sql(write_gpkg_tiles(tmp_path / "a.gpkg", FUZZ_TILES), statement)
    with pytest.raises(DataError, match=match):
        open_tile_source(path)


def test_text_that_is_not_utf8_does_not_break_opening(tmp_path):
    # found by make fuzz (a flipped byte in sqlite_master): UnicodeDecodeError on fetch
    path = write_mbtiles(tmp_path / "a.mbtiles", FUZZ_TILES)
    _sql(path, "UPDATE metadata SET value = CAST(x'4b61727480' AS TEXT) WHERE name = 'name'")
    with open_tile_source(path) as src:
        assert src.meta.name == "Kart\ufffd" and src.get_tile(0, 0, 0)


@pytest.mark.parametrize("name", ["kart#1", "kart?x", "kart%20a"])
@pytest.mark.parametrize("suffix", [".mbtiles", ".gpkg"])
def test_file_name_with_uri_characters(tmp_path, name, suffix):
    # "file:{path}?mode=ro" made SQLite open (and create) "kart" for "kart#1.mbtiles"
    write = write_mbtiles if suffix == ".mbtiles" else write_gpkg_tiles
    path = write(tmp_path / f"{name}{suffix}", FUZZ_TILES)
    with open_tile_source(path) as src:
        assert src.get_tile(1, 1, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_schema_that_is_not_utf8_is_a_data_error(tmp_path):
    # found by make fuzz: SQLite's "malformed database schema" message quotes the damaged
    # bytes, and Python's sqlite3 raised UnicodeDecodeError decoding that message
    path = write_mbtiles(tmp_path / "a.mbtiles", FUZZ_TILES)
    raw = bytearray(path.read_bytes())
    raw[raw.find(b"CREATE TABLE metadata") + 2] = 0x80
    path.write_bytes(bytes(raw))
    with pytest.raises(DataError, match="not a readable MBTiles file"):
        open_tile_source(path)
