"""Fuzzing Project.load (manifest.json variations) and Catalogue.from_file.

Every manifest must load or end in a DataError naming the manifest or the file it points at
(see _fuzz.py): missing keys, wrong types, paths outside the folder, nonexistent files,
folders, damaged and re-encoded JSON.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import write_tiny_project
from tests.robustness._fuzz import (
    NASTY_NUMBERS,
    fuzz_settings,
    loads_or_data_error,
    truncations_and_flips,
    unique_path,
)
from ungtloft_map.core.catalogue import Catalogue
from ungtloft_map.core.project import Project


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    """The tiny dataset written once, plus a copy of its GeoPackage outside the folder."""
    root = tmp_path_factory.mktemp("project")
    folder = write_tiny_project(root / "tiny", nx=2, ny=1)
    shutil.copy(folder / "tiny.gpkg", root / "outside.gpkg")
    (folder / "empty.csv").write_bytes(b"")
    (folder / "sub").mkdir()
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    # zones + population + indicators: enough for every code path, quicker than all layers
    manifest["layers"] = {k: manifest["layers"][k] for k in ("zones", "population")}
    manifest["gtfs"] = {"path": "gtfs.zip"}
    manifest["plans"] = [{"path": "plans/a.sos", "name": "A"}]
    return folder, manifest


def _names(folder: Path, manifest_bytes: bytes) -> list[str]:
    """Names an error may point at: the manifest, the folder, a file in it, or any file the
    manifest names (``"tiny.gpkg/zones"`` is reported as the missing file ``zones``)."""
    names = ["manifest.json", folder.name, *(p.name for p in folder.iterdir())]
    try:
        doc = json.loads(manifest_bytes.decode("utf-8"))
    except (ValueError, RecursionError):
        return names
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str) and node.strip():
            names.append(Path(node).name or node)
    return names


def _load(folder: Path, manifest_bytes: bytes):
    (folder / "manifest.json").write_bytes(manifest_bytes)
    project = loads_or_data_error(Project.load, folder, names=_names(folder, manifest_bytes))
    if project is not None:
        assert "zones" in project.layers
        assert project.zones.crs.to_epsg() == 25832
    return project


PATHS = st.sampled_from([
    "tiny.gpkg", "indicators.csv", "../outside.gpkg", "../../nope.gpkg", "/etc/hosts",
    "/etc/passwd", "", " ", ".", "..", "sub", "sub/", "empty.csv", "nope.gpkg", "manifest.json",
    "tiny.gpkg/zones", "ti\x00ny.gpkg", "C:\\data\\tiny.gpkg", "~/tiny.gpkg", "tiny.GPKG",
    "%s.gpkg", "x" * 300,
])
JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(),
    st.sampled_from([s for s in NASTY_NUMBERS if len(s) < 100]), st.text(max_size=8), PATHS,
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["path", "layer", "fields", "name",
                                                             "zone_id", "x"]), inner, max_size=3)),
    max_leaves=6,
)

#: Where in the manifest a value is replaced (or deleted): (keys..., ) from the top.
SLOTS = [
    (), ("layers",), ("layers", "zones"), ("layers", "zones", "path"),
    ("layers", "zones", "layer"), ("layers", "zones", "fields"), ("layers", "population"),
    ("layers", "population", "path"), ("layers", "population", "fields"), ("layers", "roads"),
    ("indicators",), ("indicators", "path"), ("indicators", "fields"), ("gtfs",),
    ("gtfs", "path"), ("plans",), ("plans", 0), ("plans", 0, "path"), ("format_version",),
    ("name",), ("fictional",), ("version",), ("crs",),
]


def _set(doc, keys, value, delete: bool):
    if not keys:
        return value
    node = doc
    for k in keys[:-1]:
        node = node[k]
    if delete:
        if isinstance(node, dict):
            node.pop(keys[-1], None)
        else:
            node.pop(keys[-1])
    else:
        node[keys[-1]] = value
    return doc


@fuzz_settings(60)
@given(slot=st.sampled_from(SLOTS), value=st.one_of(PATHS, JSON_VALUES),
       delete=st.booleans(), field_values=st.sampled_from([None, {"zone_id": "zone_name"},
                                                            {"population": "zone_id"},
                                                            {"zone_id": "nope"}]))
def test_manifest_values(dataset, slot, value, delete, field_values):
    folder, base = dataset
    doc = json.loads(json.dumps(base))
    if field_values is not None:
        doc["layers"]["zones"]["fields"] = field_values
    doc = _set(doc, slot, value, delete and bool(slot))
    _load(folder, json.dumps(doc, allow_nan=True).encode())


@fuzz_settings(30)
@given(raw=st.data())
def test_manifest_bytes_damaged_or_reencoded(dataset, raw):
    folder, base = dataset
    text = json.dumps(base, ensure_ascii=False, indent=1)
    text = text.replace('"name": "Testkommune"', '"name": "Tæstkommune Ø"')
    encoding = raw.draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    data = raw.draw(truncations_and_flips(text.encode(encoding), b'{}[]":,\\ 0123456789\xff'))
    _load(folder, data)


def test_manifest_nesting_and_numbers(dataset):
    folder, _ = dataset
    for text in ("[" * 100_000, '{"layers": ' + "{" * 5000, '{"format_version": ' + "9" * 5000 + "}",
                 "NaN", "null", "[]", '""', '{"layers": {}}', '{"layers": {"zones": null}}'):
        _load(folder, text.encode())


# --------------------------------------------------------------------------------------------
# Catalogue.from_file

ENTRY = {"key": "x", "name_nb": "X", "name_en": "X", "unit": "%", "direction": "high_is_bad",
         "theme": "levekar", "marmot": ["A"], "life_course": "", "type": "resultat",
         "data_source": "SSB", "sdg": "1.2.1", "count": "x_count", "denominator": "x_denom",
         "status": ""}


@fuzz_settings(60)
@given(field=st.sampled_from([*ENTRY, "extra"]), value=JSON_VALUES, delete=st.booleans(),
       section=st.sampled_from(["indicators", "framework"]))
def test_catalogue_entry_values(fuzz_dir, field, value, delete, section):
    entry = dict(ENTRY)
    if delete:
        entry.pop(field, None)
    else:
        entry[field] = value
    doc = {"indicators": [], "framework": []}
    doc[section] = [entry, dict(ENTRY, key="y")]
    path = unique_path(fuzz_dir, ".json", "catalogue")
    path.write_text(json.dumps(doc, allow_nan=True))
    cat = loads_or_data_error(Catalogue.from_file, path)
    if cat is not None:
        assert all(isinstance(k, str) for k in cat.all_keys())
        cat.filter(marmot="A")  # the loaded entries are usable


@fuzz_settings(30)
@given(raw=st.data())
def test_catalogue_file_damaged(fuzz_dir, raw):
    base = json.dumps({"indicators": [ENTRY], "framework": [dict(ENTRY, key="y")]}).encode()
    data = raw.draw(st.one_of(
        truncations_and_flips(base, b'{}[]":,\\ 0123456789\xff'),
        st.sampled_from([b"", b"[" * 100_000, b'{"indicators": ' + b"9" * 5000 + b"}",
                         b'{"indicators": {}}', b'{"indicators": [null]}', b"\xff\xfe{"]),
    ))
    path = unique_path(fuzz_dir, ".json", "catalogue")
    path.write_bytes(data)
    loads_or_data_error(Catalogue.from_file, path)


# --------------------------------------------------------------------------------------------
# manifest entries that name a standard-source reader (io/sources.py): "reader", its "fields"
# and, for the housing list, its own "addresses" entry


@pytest.fixture(scope="module")
def standard_dataset(tmp_path_factory):
    """The tiny dataset plus an SSB grid, N50 land cover, a matrikkel extract and a housing
    list joined to Kartverket's addresses, each through its reader, as the importer writes them."""
    from tests.standard_fixtures import write_n50_sosi, write_ssb_csv
    from tests.standard_fixtures_tables import (
        write_housing_list,
        write_kartverket_addresses_csv,
        write_matrikkel_dwellings,
    )

    root = tmp_path_factory.mktemp("standard")
    folder = write_tiny_project(root / "tiny", nx=2, ny=1)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    write_ssb_csv(folder, 1000)
    write_n50_sosi(folder)
    write_matrikkel_dwellings(folder / "enheter.csv", layout="units")
    write_housing_list(folder / "boliger.csv")
    write_kartverket_addresses_csv(folder / "adresser.csv")
    manifest["layers"] = {
        "zones": manifest["layers"]["zones"],
        "population": {"path": "befolkning_1000m.csv", "reader": "ssb_grid",
                       "fields": {"ssbid": "ssbid", "population": "popTot"}},
        "green_areas": {"path": "N50_Arealdekke_5001.sos", "reader": "landcover"},
        "dwellings": {"path": "enheter.csv", "reader": "addresses"},
        "municipal_housing": {"path": "boliger.csv", "reader": "municipal_housing_addresses",
                              "addresses": {"path": "adresser.csv"}},
    }
    for key in ("gtfs", "plans"):
        manifest.pop(key, None)
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    Project.load(folder)  # the base itself loads
    return folder, manifest


STANDARD_SLOTS = [
    ("layers", role, key) for role in ("population", "green_areas", "dwellings",
                                       "municipal_housing")
    for key in ("reader", "fields", "layer", "path")
] + [("layers", "population", "fields", "population"), ("layers", "population", "fields", "ssbid"),
     ("layers", "municipal_housing", "addresses"), ("layers", "municipal_housing", "addresses", "path"),
     ("layers", "municipal_housing", "addresses", "fields"),
     ("layers", "municipal_housing", "addresses", "layer")]
READER_NAMES = st.sampled_from(["ssb_grid", "landcover", "addresses",
                                "municipal_housing_addresses", "SSB_GRID", "", "vector"])


@fuzz_settings(25)
@given(slot=st.sampled_from(STANDARD_SLOTS), value=st.one_of(READER_NAMES, JSON_VALUES),
       delete=st.booleans())
def test_manifest_standard_reader_entries(standard_dataset, slot, value, delete):
    folder, base = standard_dataset
    doc = json.loads(json.dumps(base))
    node = doc
    for key in slot[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    if delete:
        node.pop(slot[-1], None)
    else:
        node[slot[-1]] = value
    _load(folder, json.dumps(doc, allow_nan=True).encode())
