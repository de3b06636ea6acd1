"""Fuzzing read_ssb_grid / looks_like_ssb_grid with damaged SSB population grids.

The valid inputs are written by tests/standard_fixtures.py (GML, GeoJSON, SOSI, CSV, SSB's own
kart table); the fuzz cuts and flips their bytes or puts awkward values into one field. Every
input must load or end in a DataError naming the file (see _fuzz.py); the sniffer
``looks_like_ssb_grid`` must never raise at all.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.robustness._fuzz import (
    NASTY_NUMBER_TEXT,
    fuzz_settings,
    loads_or_data_error,
    truncations_and_flips,
    write_bytes,
)
from tests.standard_fixtures import (
    write_ssb_csv,
    write_ssb_geojson,
    write_ssb_gml,
    write_ssb_sosi,
)
from ungtloft_map.core.io.ssbgrid import looks_like_ssb_grid, read_ssb_grid

WRITERS = {
    "gml": (".gml", lambda d: write_ssb_gml(d, 1000)),
    "wfs_gml": (".gml", lambda d: write_ssb_gml(d, 250, wfs=True)),
    "geojson": (".geojson", lambda d: write_ssb_geojson(d, 1000)),
    "sosi": (".sos", lambda d: write_ssb_sosi(d, 1000)),
    "csv": (".csv", lambda d: write_ssb_csv(d, 250)),
    "kart_csv": (".csv", lambda d: write_ssb_csv(d, 1000, ssb_kart=True)),
}


@functools.cache
def base(kind: str) -> bytes:
    """The valid file of ``kind`` (a plain function, not a fixture: hypothesis prints the
    fixtures of a failing example, and these files are long)."""
    folder = Path(tempfile.mkdtemp(prefix="ssb_base_"))
    path = WRITERS[kind][1](folder)
    read_ssb_grid(path)  # the base itself loads
    return path.read_bytes()


def _check(path):
    guess = looks_like_ssb_grid(path)  # a sniffer answers, it never raises
    assert guess is None or guess.population_field
    grid = loads_or_data_error(read_ssb_grid, path)
    if grid is not None:
        gdf = grid.gdf
        assert len(gdf) > 0
        assert gdf.crs.to_epsg() == 25832
        pop = gdf["population"].to_numpy()
        assert pop.dtype.kind == "i" and (pop >= 0).all()
        assert not gdf["ssbid"].duplicated().any()
        assert np.isfinite(gdf.total_bounds).all()
        repr(grid)


SYNTAX = b"<>/=\"' ;,.:\n0123456789-"


@pytest.mark.parametrize("kind", sorted(WRITERS))
@fuzz_settings(20)
@given(data=st.data())
def test_truncated_or_flipped(fuzz_dir, kind, data):
    raw = data.draw(truncations_and_flips(base(kind), SYNTAX))
    _check(write_bytes(fuzz_dir, WRITERS[kind][0], raw))


CSV_VALUE = st.one_of(NASTY_NUMBER_TEXT, st.sampled_from(
    ["22700007040000", "22700007040250", "2270000704000", "22700007040000.0", "-1", "0",
     "ca. 40", "1\u00a0000", "12,5", '"', "NA"]))


@pytest.mark.parametrize("column", [0, 1, 2, 3, 4])
@fuzz_settings(15)
@given(value=CSV_VALUE, every_row=st.booleans())
def test_kart_csv_bad_value_in_each_column(fuzz_dir, column, value, every_row):
    lines = base("kart_csv").decode().splitlines()
    rows = [line.split(";") for line in lines]
    for i, row in enumerate(rows[1:]):
        if every_row or i == 0:
            row[column] = value
    text = "\n".join(";".join(r) for r in rows) + "\n"
    _check(write_bytes(fuzz_dir, ".csv", text.encode()))


@pytest.mark.parametrize("tag", ["ssbid1000M", "popTot", "popFem", "popAve", "statistikkÅr"])
@fuzz_settings(10)
@given(value=CSV_VALUE)
def test_gml_bad_value_in_each_field(fuzz_dir, tag, value):
    text = base("gml").decode()
    head, sep, rest = text.partition(f"<app:{tag}>")
    old, sep2, tail = rest.partition(f"</app:{tag}>")
    assert sep and sep2
    from xml.sax.saxutils import escape

    doc = head + sep + escape(value) + sep2 + tail
    _check(write_bytes(fuzz_dir, ".gml", doc.encode()))


@fuzz_settings(20)
@given(data=st.binary(max_size=200), suffix=st.sampled_from([".csv", ".gml", ".geojson", ".sos"]))
def test_random_bytes(fuzz_dir, data, suffix):
    if data:
        _check(write_bytes(fuzz_dir, suffix, data))
