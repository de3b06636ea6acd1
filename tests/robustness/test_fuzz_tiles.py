"""Fuzzing the background-map tile files: MBTiles, PMTiles and GeoPackage tiles
(ungtloft_map.maps.tiles.open_tile_source and get_tile).

The valid files are written by tests/maps/tile_factory.py. The fuzz cuts and flips their bytes
(PMTiles: header, directories, tiles), or, for the SQLite formats, puts an awkward value into
one column of the tables the reader queries (NULL, text, a negative or huge number, a blob).
Opening must succeed or raise a DataError naming the file; a tile request on an opened source
must give bytes, None or a DataError -- the tile server runs it on a thread, where anything
else would be a traceback in the log and a grey square.
"""

from __future__ import annotations

import functools
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.maps.tile_factory import write_gpkg_tiles, write_mbtiles, write_pmtiles
from tests.robustness._fuzz import (
    fuzz_settings,
    loads_or_data_error,
    truncations_and_flips,
    unique_path,
    write_bytes,
)
from ungtloft_map.core.errors import DataError
from ungtloft_map.maps.tiles import open_tile_source

TILES = [(0, 0, 0), (1, 0, 0), (1, 1, 0), (1, 0, 1), (1, 1, 1), (2, 2, 1)]
ASKED = [*TILES, (2, 0, 0), (3, 4, 2), (40, 1, 1), (62, 5, 5)]

WRITERS = {
    "mbtiles": (".mbtiles", lambda p: write_mbtiles(p, TILES)),
    "pmtiles": (".pmtiles", lambda p: write_pmtiles(p, TILES, gzip_dirs=False)),
    "pmtiles_gzip_leaves": (".pmtiles", lambda p: write_pmtiles(p, TILES, leaves=True)),
    "gpkg": (".gpkg", lambda p: write_gpkg_tiles(p, TILES)),
}


@functools.cache
def base(kind: str) -> bytes:
    """The valid file of ``kind`` (a plain function, not a fixture, so that hypothesis does
    not print it with every failing example)."""
    suffix, write = WRITERS[kind]
    path = Path(tempfile.mkdtemp(prefix="tiles_base_")) / f"base{suffix}"
    write(path)
    with open_tile_source(path) as src:  # the base itself opens and serves its tiles
        assert all(src.get_tile(*t) for t in TILES)
    return path.read_bytes()


def _check(path: Path):
    src = loads_or_data_error(open_tile_source, path)
    if src is None:
        return
    with src:
        repr(src)
        assert src.format in ("png", "jpg", "webp")
        for z, x, y in ASKED:
            try:
                tile = src.get_tile(z, x, y)
            except DataError as err:
                assert path.name in str(err)
                continue
            assert tile is None or isinstance(tile, bytes)


@pytest.mark.parametrize("kind", sorted(WRITERS))
@fuzz_settings(15)
@given(data=st.data())
def test_truncated_or_flipped(fuzz_dir, kind, data):
    suffix = WRITERS[kind][0]
    raw = data.draw(truncations_and_flips(base(kind), b"\x00\x01\x02\x03\x7f\x80\xff"))
    _check(write_bytes(fuzz_dir, suffix, raw))


@fuzz_settings(25)
@given(data=st.data())
def test_pmtiles_header_fields(fuzz_dir, data):
    """One byte of the 127-byte header (offsets, lengths, compression, tile type, zooms)."""
    raw = bytearray(base("pmtiles_gzip_leaves"))
    for _ in range(data.draw(st.integers(1, 3))):
        raw[data.draw(st.integers(8, 126))] = data.draw(st.integers(0, 255))
    _check(write_bytes(fuzz_dir, ".pmtiles", bytes(raw)))


SQL_VALUE = st.sampled_from([None, "abc", "", -1, -5, 0, 2**62, 2**63 - 1, 1e308, float("nan"),
                             b"", b"\x89PNG", b"not an image", 3.5, "EPSG", "3857", '"x"'])

# (table, column) pairs the readers query
MBTILES_SLOTS = [("tiles", "zoom_level"), ("tiles", "tile_column"), ("tiles", "tile_row"),
                 ("tiles", "tile_data"), ("metadata", "value"), ("metadata", "name")]
GPKG_SLOTS = [("gpkg_contents", c) for c in ("table_name", "data_type", "identifier", "min_x",
                                              "max_y", "srs_id")] + \
             [("gpkg_tile_matrix_set", c) for c in ("table_name", "srs_id", "min_x", "max_y")] + \
             [("gpkg_tile_matrix", c) for c in ("table_name", "zoom_level", "matrix_width",
                                                "matrix_height")] + \
             [("gpkg_spatial_ref_sys", c) for c in ("srs_id", "organization",
                                                    "organization_coordsys_id")] + \
             [("kart", c) for c in ("zoom_level", "tile_column", "tile_row", "tile_data")]


def _edit_sqlite(fuzz_dir: Path, kind: str, table: str, column: str, value, *, every_row: bool,
                 delete: bool) -> Path | None:
    """``path`` with ``column`` of the first row (or every row) of ``table`` set to ``value``,
    or that row (or every row) deleted."""
    path = unique_path(fuzz_dir, WRITERS[kind][0])
    path.write_bytes(base(kind))
    con = sqlite3.connect(path)
    where = "" if every_row else f" WHERE rowid = (SELECT MIN(rowid) FROM {table})"
    try:
        if delete:
            con.execute(f"DELETE FROM {table}{where}")
        else:
            con.execute(f"UPDATE {table} SET {column} = ?{where}", (value,))
        con.commit()
    except sqlite3.IntegrityError:  # an INTEGER PRIMARY KEY takes only integers
        path = None
    con.close()
    return path


@pytest.mark.parametrize("kind,slots", [("mbtiles", MBTILES_SLOTS), ("gpkg", GPKG_SLOTS)])
@fuzz_settings(30)
@given(data=st.data())
def test_sqlite_values(fuzz_dir, kind, slots, data):
    table, column = data.draw(st.sampled_from(slots))
    path = _edit_sqlite(fuzz_dir, kind, table, column, data.draw(SQL_VALUE),
                        every_row=data.draw(st.booleans()), delete=data.draw(st.booleans()))
    assume(path is not None)
    _check(path)
