"""The manifest's reader dispatch (core/io/sources.py): readers, order, address points, errors."""

from __future__ import annotations

import json

import pytest

from tests import standard_fixtures as S
from tests import standard_fixtures_tables as T
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io import addresses
from ungtloft_map.core.io.sources import READERS, read_source
from ungtloft_map.core.project import Project


@pytest.fixture
def folder(tmp_path):
    S.write_zones_over_grid(tmp_path)
    T.write_matrikkel_dwellings(tmp_path / "matrikkel.geojson")
    T.write_housing_list(tmp_path / "kommunale_boliger.csv")
    T.write_kartverket_addresses_csv(tmp_path / "adresser.csv")
    return tmp_path


def _manifest(folder, layers: dict) -> Project:
    doc = {"name": "Kilder", "format_version": 1,
           "layers": {"zones": {"path": "levekårssoner_25833.geojson",
                                "fields": {"zone_id": "sone_id", "zone_name": "sonenavn"}},
                      **layers}}
    (folder / "manifest.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return Project.load(folder)


HOUSING = {"path": "kommunale_boliger.csv", "reader": "municipal_housing_addresses"}
DWELLINGS = {"path": "matrikkel.geojson", "reader": "addresses"}


def test_housing_before_dwellings_reads_the_address_points_once(folder, monkeypatch):
    calls = []
    real = addresses.read_dwellings

    def counting(*a, **k):
        calls.append(a[0])
        return real(*a, **k)

    monkeypatch.setattr(addresses, "read_dwellings", counting)
    project = _manifest(folder, {"municipal_housing": HOUSING, "dwellings": DWELLINGS})
    assert len(calls) == 1  # the join and the dwellings layer share one reading
    assert int(project.layer("municipal_housing")["units"].sum()) == sum(T.housing_truth().values())
    assert int(project.layer("dwellings")["dwellings"].sum()) == sum(
        u for *_r, u in T.ADDRESS_REGISTER if u is not None)


def test_housing_joined_to_its_own_address_file(folder):
    # Kartverket's open addresses (no bruksenheter): only the join uses them.
    housing = dict(HOUSING, addresses={"path": "adresser.csv"})
    project = _manifest(folder, {"municipal_housing": housing})
    assert "dwellings" not in project.layers
    assert int(project.layer("municipal_housing")["units"].sum()) == sum(T.housing_truth().values())
    assert project.layer("municipal_housing").crs.to_epsg() == 25832


def test_housing_without_address_points_is_one_error(folder):
    with pytest.raises(DataError) as exc:
        _manifest(folder, {"municipal_housing": HOUSING})
    text = str(exc.value)
    assert "kommunale_boliger.csv" in text and "address points" in text and "'dwellings'" in text


def test_unknown_reader_and_wrong_role(folder):
    with pytest.raises(DataError, match="unknown reader 'sbb_grid'.*field 'reader'|field 'reader'.*unknown reader"):
        _manifest(folder, {"population": {"path": "matrikkel.geojson", "reader": "sbb_grid"}})
    with pytest.raises(DataError, match="reads the role 'population', not 'dwellings'"):
        read_source(folder / "matrikkel.geojson", "dwellings", reader="ssb_grid")
    assert set(READERS) == {"ssb_grid", "landcover", "addresses", "municipal_housing_addresses"}


def test_no_reader_is_the_generic_reader(folder):
    loaded = read_source(folder / "levekårssoner_25833.geojson", "zones",
                         field_map={"zone_id": "sone_id", "zone_name": "sonenavn"})
    assert list(loaded.gdf["zone_id"])[:2] == ["5001-01", "5001-02"]
    assert loaded.gdf.crs.to_epsg() == 25832


@pytest.mark.parametrize("reader", [5, [], {"a": 1}, ""])
def test_a_reader_that_is_no_name_is_one_error(folder, reader):
    with pytest.raises(DataError, match="unknown reader"):
        _manifest(folder, {"dwellings": dict(DWELLINGS, reader=reader)})


def test_housing_addresses_entry_with_fields_that_are_not_names(tmp_path):
    # found by make fuzz (test_manifest_standard_reader_entries): TypeError: unhashable 'list'
    housing = T.write_housing_list(tmp_path / "boliger.csv")
    T.write_kartverket_addresses_csv(tmp_path / "adresser.csv")
    siblings = {"municipal_housing": {"path": "boliger.csv", "addresses": {
        "path": "adresser.csv", "fields": {"street": ["adressenavn"]}}}}
    with pytest.raises(DataError, match="'fields' must map field names") as err:
        read_source(housing, "municipal_housing", reader="municipal_housing_addresses",
                    siblings=siblings, root=tmp_path)
    assert err.value.field == "layers.municipal_housing.addresses.fields"
