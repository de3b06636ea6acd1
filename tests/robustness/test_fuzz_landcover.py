"""Fuzzing read_green_areas / looks_like_landcover with damaged land-cover files.

The valid inputs are written by tests/standard_fixtures.py: N50 Arealdekke as SOSI and GML,
FKB-AR5 as SOSI, OpenStreetMap as XML (``.osm``) and as PBF (``.osm.pbf``, GDAL's OSM driver).
The fuzz cuts and flips their bytes. Every input must load or end in a DataError naming the
file (see _fuzz.py); the sniffer ``looks_like_landcover`` must never raise at all.
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
    fuzz_settings,
    loads_or_data_error,
    truncations_and_flips,
    write_bytes,
)
from tests.standard_fixtures import write_n50_gml, write_n50_sosi, write_osm_pbf, write_osm_xml
from ungtloft_map.core.io.landcover import looks_like_landcover, read_green_areas

WRITERS = {
    "n50_sosi": (".sos", write_n50_sosi),
    "ar5_sosi": (".sos", lambda d: write_n50_sosi(d, ar5=True)),
    "n50_gml": (".gml", write_n50_gml),
    "osm_xml": (".osm", write_osm_xml),
    "osm_pbf": (".osm.pbf", write_osm_pbf),
}


@functools.cache
def base(kind: str) -> bytes:
    """The valid file of ``kind`` (a plain function, not a fixture, so that hypothesis does
    not print it with every failing example)."""
    folder = Path(tempfile.mkdtemp(prefix="landcover_base_"))
    path = WRITERS[kind][1](folder)
    read_green_areas(path)  # the base itself loads
    return path.read_bytes()


def _check(path):
    guess = looks_like_landcover(path)  # a sniffer answers, it never raises
    assert guess is None or guess.source
    green = loads_or_data_error(read_green_areas, path)
    if green is not None:
        gdf = green.gdf
        assert len(gdf) > 0
        assert gdf.crs.to_epsg() == 25832
        assert gdf["kind"].notna().all()
        assert gdf.geom_type.isin(["Polygon", "MultiPolygon"]).all()
        assert np.isfinite(gdf.total_bounds).all()
        repr(green)


SYNTAX = {
    "n50_sosi": b".:-()\n 0123456789",
    "ar5_sosi": b".:-()\n 0123456789",
    "n50_gml": b"<>/=\"' \n0123456789-.",
    "osm_xml": b"<>/=\"' \n0123456789-.",
    # protobuf: varint continuation bits, field tags and lengths
    "osm_pbf": b"\x00\x01\x02\x08\x0a\x10\x12\x1a\x22\x7f\x80\xff",
}


@pytest.mark.parametrize("kind", ["n50_sosi", "ar5_sosi", "n50_gml"])
@fuzz_settings(20)
@given(data=st.data())
def test_truncated_or_flipped(fuzz_dir, kind, data):
    raw = data.draw(truncations_and_flips(base(kind), SYNTAX[kind]))
    _check(write_bytes(fuzz_dir, WRITERS[kind][0], raw))


# GDAL's OSM driver builds a temporary index per open (~0.3 s): fewer examples per run.
@pytest.mark.parametrize("kind", ["osm_xml", "osm_pbf"])
@fuzz_settings(6)
@given(data=st.data())
def test_osm_truncated_or_flipped(fuzz_dir, kind, data):
    raw = data.draw(truncations_and_flips(base(kind), SYNTAX[kind]))
    _check(write_bytes(fuzz_dir, WRITERS[kind][0], raw))


@fuzz_settings(20)
@given(data=st.binary(min_size=1, max_size=300),
       suffix=st.sampled_from([".sos", ".gml", ".osm", ".osm.pbf", ".pbf", ".geojson"]))
def test_random_bytes(fuzz_dir, data, suffix):
    _check(write_bytes(fuzz_dir, suffix, data))


@pytest.mark.parametrize("kind", ["osm_xml", "n50_gml"])
@fuzz_settings(6)
@given(data=st.data())
def test_xml_text_values(fuzz_dir, kind, data):
    """A quoted value or a coordinate of the XML replaced by awkward text."""
    text = base(kind).decode("utf-8")
    slots = [i for i, ch in enumerate(text) if ch == '"'] if kind == "osm_xml" else \
        [i for i, ch in enumerate(text) if ch == ">" and text[i + 1: i + 2].isdigit()]
    at = data.draw(st.sampled_from(slots))
    value = data.draw(st.sampled_from(
        ["nan", "inf", "-inf", "1e308", "-1e308", "", "9" * 40, "abc", "0x10", "&amp;", "-0",
         "99999999999999999999", "-90.5", "181", "1 2 3"]))
    end = text.find('"' if kind == "osm_xml" else "<", at + 1)
    doc = text[: at + 1] + value + text[end:]
    _check(write_bytes(fuzz_dir, WRITERS[kind][0], doc.encode("utf-8")))


def _class_field_geojson(values, names) -> bytes:
    """AR5/land cover as a GeoJSON with a class field (``artype``), EPSG:25833 as the fixtures,
    one 100 m square per value."""
    import json

    feats = []
    for i, (value, name) in enumerate(zip(values, names, strict=True)):
        x0, y0 = 270_000 + 120 * i, 7_040_000
        ring = [[x0, y0], [x0 + 100, y0], [x0 + 100, y0 + 100], [x0, y0 + 100], [x0, y0]]
        feats.append({"type": "Feature", "properties": {"artype": value, "navn": name},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
    doc = {"type": "FeatureCollection",
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}},
           "features": feats}
    return json.dumps(doc, allow_nan=True).encode()


CLASS_VALUE = st.one_of(
    st.sampled_from([30, 50, 60, 81, 21, "30", "Skog", "ÅpentOmråde", "Åpent område", "Park",
                     "Innsjø", "", None, True, "30.0", "3O", " 30 ", "99"]),
    st.integers(-(2**70), 2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6),
)


@fuzz_settings(30)
@given(values=st.lists(CLASS_VALUE, min_size=1, max_size=5), data=st.data())
def test_class_field_values(fuzz_dir, values, data):
    """AR5 or land cover with a class field: any JSON value in the class field (and a name)."""
    names = data.draw(st.lists(st.one_of(st.none(), st.text(max_size=4), st.integers()),
                               min_size=len(values), max_size=len(values)))
    _check(write_bytes(fuzz_dir, ".geojson", _class_field_geojson(values, names)))
