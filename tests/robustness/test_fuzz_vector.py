"""Fuzzing read_layer / list_layers (and read_plan for GDAL formats) with broken vector files.

Every input must load or end in a DataError naming the file (see _fuzz.py).
"""

from __future__ import annotations

import io
import json
import os
import warnings
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import grid_zones
from tests.robustness._fuzz import (
    NASTY_NUMBERS,
    fuzz_settings,
    loads_or_data_error,
    truncations_and_flips,
    write_bytes,
)
from ungtloft_map.core.io.plans import read_plan
from ungtloft_map.core.io.vector import ROLES, list_layers, read_layer

X0, Y0 = 560_000.0, 7_030_000.0
CRS_25832 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}


def _square(x: float, y: float, size: float = 500.0) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def _valid_geojson() -> bytes:
    feats = [
        {"type": "Feature",
         "properties": {"zone_id": f"0{i}", "zone_name": f"Sone Ø{i}", "population": 10 * i},
         "geometry": _square(X0 + 600 * i, Y0)}
        for i in range(1, 4)
    ]
    doc = {"type": "FeatureCollection", "crs": CRS_25832, "features": feats}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


@pytest.fixture(scope="module")
def bases(fuzz_dir):
    """Valid files of each GDAL format, as bytes (GeoPackage, zipped Shapefile)."""
    gpkg = fuzz_dir / "base.gpkg"
    grid_zones(2, 1).to_file(gpkg, layer="zones", driver="GPKG")
    shp_dir = fuzz_dir / "shp"
    shp_dir.mkdir()
    with warnings.catch_warnings():  # "district_id" is cut to 10 characters, as expected
        warnings.simplefilter("ignore")
        grid_zones(2, 1).to_file(shp_dir / "zones.shp")
    members = {p.name: p.read_bytes() for p in sorted(shp_dir.iterdir())}
    return {"gpkg": gpkg.read_bytes(), "shp_members": members}


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _check_loaded(loaded, role):
    """A layer that loads is usable: EPSG:25832, features, valid geometries of the role's
    families (a repair must not turn a zone into a line)."""
    gdf = loaded.gdf
    assert gdf.crs.to_epsg() == 25832
    assert len(gdf) > 0 and gdf.geometry.notna().all() and not gdf.geometry.is_empty.any()
    assert gdf.geometry.is_valid.all()
    assert set(gdf.geom_type.str.replace("Multi", "")) <= set(ROLES[role].geometry)
    for name in ROLES[role].numeric:
        assert (gdf[name].dropna() >= 0).all()


def _read_all_ways(path, role="zones"):
    loads_or_data_error(list_layers, path)
    loaded = loads_or_data_error(read_layer, path, role)
    if loaded is not None:
        _check_loaded(loaded, role)


# --------------------------------------------------------------------------------------------
# damaged bytes


GEOJSON = _valid_geojson()


@fuzz_settings(40)
@given(data=truncations_and_flips(GEOJSON, b'{}[]",:.-0123456789eE \n\xc3\xb8\xff'))
def test_geojson_truncated_or_flipped(fuzz_dir, data):
    _read_all_ways(write_bytes(fuzz_dir, ".geojson", data))


@fuzz_settings(25)
@given(data=st.data())
def test_geopackage_truncated_or_flipped(fuzz_dir, bases, data):
    base = bases["gpkg"]
    # Flips land anywhere; the SQLite header and the first pages matter most, so half of the
    # flips are drawn from the first 8 KiB.
    pos = st.one_of(st.integers(0, min(8191, len(base) - 1)), st.integers(0, len(base) - 1))
    flips = data.draw(st.lists(st.tuples(pos, st.integers(0, 255)), max_size=8))
    cut = data.draw(st.one_of(st.just(len(base)), st.integers(0, len(base))))
    raw = bytearray(base)
    for p, b in flips:
        raw[p] = b
    path = write_bytes(fuzz_dir, ".gpkg", bytes(raw[:cut]))
    loads_or_data_error(list_layers, path)
    loaded = loads_or_data_error(read_layer, path, "zones", "zones")
    if loaded is not None:
        _check_loaded(loaded, "zones")


@fuzz_settings(20)
@given(data=st.data())
def test_zipped_shapefile_damaged(fuzz_dir, bases, data):
    members = dict(bases["shp_members"])
    # missing members (no .dbf, no .shx, no .prj, ...), then damaged bytes of the whole zip
    keep = data.draw(st.sets(st.sampled_from(sorted(members))), label="members kept")
    raw = _zip({k: v for k, v in members.items() if k in keep})
    raw = data.draw(truncations_and_flips(raw, b"PK\x03\x04\x01\x02\x05\x06\x00\xff"), label="zip")
    path = write_bytes(fuzz_dir, ".zip", raw)
    _read_all_ways(path)
    loads_or_data_error(read_plan, path)


def test_empty_files_and_empty_zips(fuzz_dir):
    for suffix in (".geojson", ".gpkg", ".shp", ".zip", ".json"):
        path = write_bytes(fuzz_dir, suffix, b"")
        _read_all_ways(path)
        loads_or_data_error(read_plan, path)
    for members in ({}, {"readme.txt": b"no shapefile here"}, {"zones.shp": b""}):
        path = write_bytes(fuzz_dir, ".zip", _zip(members))
        _read_all_ways(path)
        loads_or_data_error(read_plan, path)


# --------------------------------------------------------------------------------------------
# well-formed JSON with bad content


def _coord(projected: bool):
    near = (st.floats(X0 - 2e5, X0 + 2e5), st.floats(Y0 - 2e5, Y0 + 2e5)) if projected else (
        st.floats(4, 31), st.floats(57, 71))
    nasty = st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308, -1e308, 0.0,
                             5e-324, 1e15])
    return st.tuples(st.one_of(near[0], nasty), st.one_of(near[1], nasty))


def _geometry(projected: bool):
    c = _coord(projected)
    ring = st.lists(c, min_size=0, max_size=6).map(lambda r: [list(p) for p in r] + (
        [list(r[0])] if r else []))
    good_square = st.builds(
        lambda x, y: _square(x, y) if projected else _square(x, y, 0.01),
        st.floats(X0, X0 + 5e4) if projected else st.floats(8, 12),
        st.floats(Y0, Y0 + 5e4) if projected else st.floats(60, 64),
    )
    simple = st.one_of(
        good_square,
        st.builds(lambda p: {"type": "Point", "coordinates": list(p)}, c),
        st.builds(lambda r: {"type": "LineString", "coordinates": [list(p) for p in r]},
                  st.lists(c, max_size=4)),
        st.builds(lambda r: {"type": "Polygon", "coordinates": [r]}, ring),
        st.builds(lambda rs: {"type": "MultiPolygon", "coordinates": [[r] for r in rs]},
                  st.lists(ring, max_size=3)),
        # bow tie: invalid, make_valid gives a MultiPolygon
        st.just({"type": "Polygon", "coordinates": [[[X0, Y0], [X0 + 100, Y0 + 100],
                                                      [X0 + 100, Y0], [X0, Y0 + 100],
                                                      [X0, Y0]]]}),
        st.just({"type": "Polygon", "coordinates": []}),
        st.just({"type": "Polygon", "coordinates": [[1, 2, 3]]}),  # wrong nesting
        st.just({"type": "Unknown", "coordinates": [1, 2]}),
        st.just(None),
    )
    return st.one_of(simple, st.builds(
        lambda gs: {"type": "GeometryCollection", "geometries": [g for g in gs if g]},
        st.lists(simple, max_size=3)))


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(),
    st.text(max_size=12), st.sampled_from(["0101", "abc", "", "NaN", "-5", "1e400", "Ø"]),
    st.lists(st.integers(0, 3), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(),
                                                              max_size=2),
)
FIELD_NAMES = sorted({f for spec in ROLES.values() for f in spec.required}
                     | {"name", "kind", "arealformal", "plan_id", "sønn", "", "fid", "id"})
CRS_MEMBERS = st.sampled_from([
    "keep", None, {"type": "name", "properties": {"name": "EPSG:4326"}},
    {"type": "name", "properties": {"name": "EPSG:999999"}},
    {"type": "name", "properties": {"name": "not a crs"}},
    {"type": "name", "properties": {"name": "IAU_2015:49900"}},
    {"type": "name", "properties": 5}, "urn:ogc:def:crs:EPSG::25832", [],
])


# Strategies are built once: building them inside the composite costs far more than drawing.
GEOMETRIES = {True: _geometry(True), False: _geometry(False)}
PROPERTIES = st.dictionaries(st.sampled_from(FIELD_NAMES), VALUES, max_size=5)
IDS = st.one_of(st.sampled_from(["a", "b", 1, 1.0, None]), VALUES)


@st.composite
def geojson_docs(draw):
    crs = draw(CRS_MEMBERS)
    projected = crs in ("keep",) or draw(st.booleans())
    n = draw(st.integers(0, 5))
    feats = []
    for _ in range(n):
        props = draw(PROPERTIES)
        if draw(st.booleans()):  # often give the ids (duplicates are likely)
            props["zone_id"] = draw(IDS)
            props["zone_name"] = draw(VALUES)
        feats.append({"type": "Feature", "properties": props, "geometry": draw(GEOMETRIES[projected])})
    doc: dict = {"type": "FeatureCollection", "features": feats}
    if crs == "keep":
        doc["crs"] = CRS_25832
    elif crs is not None:
        doc["crs"] = crs
    text = json.dumps(doc, ensure_ascii=False, allow_nan=True)
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-8-sig"]))
    return text.encode(encoding, errors="replace")


@fuzz_settings(60)
@given(doc=geojson_docs(), role=st.sampled_from(sorted(ROLES)),
       field_map=st.one_of(st.none(), st.just({"zone_id": "zone_name"}),
                           st.just({"population": "name"})))
def test_generated_geojson(fuzz_dir, doc, role, field_map):
    path = write_bytes(fuzz_dir, ".geojson", doc)
    loaded = loads_or_data_error(read_layer, path, role, field_map=field_map)
    if loaded is not None:
        _check_loaded(loaded, role)


@fuzz_settings(40)
@given(doc=geojson_docs())
def test_generated_geojson_as_plan(fuzz_dir, doc):
    path = write_bytes(fuzz_dir, ".geojson", doc)
    plan = loads_or_data_error(read_plan, path)
    if plan is not None:
        assert plan.features.crs.to_epsg() == 25832
        assert plan.features.geometry.is_valid.all() and not plan.boundary.is_empty
        assert set(plan.features.geom_type) <= {"Polygon", "MultiPolygon"}


# --------------------------------------------------------------------------------------------
# one slot of a valid file at a time

JSON_NASTY = st.one_of(
    st.sampled_from(NASTY_NUMBERS),  # as text
    st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308, 1e30, -1.0, 0.5, 2**63,
                     2**70, -(2**64), True, None, [], [1, 2], {"a": 1}, ""]),
)
#: (role for read_layer or "plan" for read_plan, property name)
PROPERTY_SLOTS = [("population", "population"), ("municipal_housing", "units"),
                  ("dwellings", "dwellings"), ("zones", "zone_id"), ("zones", "zone_name"),
                  ("plan", "arealformal"), ("plan", "plan_id"), ("plan", "plannavn")]


@pytest.mark.parametrize(("role", "prop"), PROPERTY_SLOTS)
@fuzz_settings(8)
@given(value=JSON_NASTY, every_feature=st.booleans())
def test_bad_property_value(fuzz_dir, role, prop, value, every_feature):
    doc = json.loads(GEOJSON)
    point = role in ("municipal_housing", "dwellings")
    for i, feat in enumerate(doc["features"]):
        feat["properties"].update(units=3, dwellings=2, arealformal=1110, plan_id="P1",
                                  plannavn="Plan")
        if point:
            x, y = feat["geometry"]["coordinates"][0][0]
            feat["geometry"] = {"type": "Point", "coordinates": [x, y]}
        if every_feature or i == 0:
            feat["properties"][prop] = value
    path = write_bytes(fuzz_dir, ".geojson", json.dumps(doc, allow_nan=True).encode())
    if role == "plan":
        loads_or_data_error(read_plan, path)
    else:
        _read_all_ways(path, role)


@fuzz_settings(25)
@given(value=st.one_of(st.sampled_from(NASTY_NUMBERS), st.sampled_from(
    [float("nan"), float("inf"), 1e308, -1e308, 1e20, 5e-324, None, "x", [], [1, 2, 3]])),
    corner=st.integers(0, 4), axis=st.integers(0, 1))
def test_bad_coordinate(fuzz_dir, value, corner, axis):
    doc = json.loads(GEOJSON)
    doc["features"][0]["geometry"]["coordinates"][0][corner][axis] = value
    path = write_bytes(fuzz_dir, ".geojson", json.dumps(doc, allow_nan=True).encode())
    _read_all_ways(path)
    loads_or_data_error(read_plan, path)


@pytest.mark.skipif(os.name != "posix", reason="only POSIX file names may be any bytes")
def test_file_names_that_are_not_utf8(fuzz_dir):
    """A latin-1 byte in a file name (Python sees a surrogate escape): every reader loads the
    file or says which file it cannot read."""
    from tests.robustness._samples import GTFS_DATE, SOSI_PLAN, gml_plan, gtfs_zip
    from ungtloft_map.core.io.gtfs import load_gtfs
    from ungtloft_map.core.io.tables import read_indicator_table

    def named(stem: bytes, suffix: str, data: bytes):
        path = fuzz_dir / os.fsdecode(stem + suffix.encode())
        path.write_bytes(data)
        return path

    loads = [
        (read_layer, named(b"s\xf8ner", ".geojson", GEOJSON), ("zones",)),
        (list_layers, named(b"s\xf8ner2", ".geojson", GEOJSON), ()),
        (read_plan, named(b"pl\xe6n", ".sos", SOSI_PLAN.encode()), ()),
        (read_plan, named(b"pl\xe6n", ".gml", gml_plan().encode()), ()),
        (read_indicator_table, named(b"levek\xe5r", ".csv", b"zone_id,year,neet_count\na,2024,1\n"), ()),
        (load_gtfs, named(b"rute\xf8", ".zip", gtfs_zip()), (GTFS_DATE,)),
    ]
    for fn, path, args in loads:
        loads_or_data_error(fn, path, *args)
