"""Address points, matrikkel dwellings and the municipal-housing list (addresses, addresses_housing)."""

from __future__ import annotations

import csv
import unicodedata

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import box

from tests.standard_fixtures_tables import (
    ADDRESS_REGISTER,
    HOUSING_ROWS,
    address_xy,
    housing_truth,
    write_address_points,
    write_housing_list,
    write_kartverket_addresses_csv,
    write_matrikkel_dwellings,
)
from ungtloft_map.core.analysis.housing import aggregate_for_export
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.addresses import (
    address_key,
    looks_like_address_points,
    looks_like_dwellings,
    parse_address,
    read_address_points,
    read_dwellings,
)
from ungtloft_map.core.io.addresses_housing import (
    join_housing_list,
    looks_like_housing_list,
    read_housing_list,
)
from ungtloft_map.core.io.vector import read_layer

REGISTER_DWELLINGS = {str(lid): units for lid, *_r, units in ADDRESS_REGISTER if units is not None}
WITHOUT_DWELLINGS = [str(lid) for lid, *_r, units in ADDRESS_REGISTER if units is None]


def _positions_ok(points, tol: float) -> None:
    by_id = points.gdf.set_index("address_id")
    assert points.gdf.crs.to_epsg() == 25832
    for i, (lid, *_r) in enumerate(ADDRESS_REGISTER):
        g = by_id.loc[str(lid), "geometry"]
        x, y = address_xy(i)
        assert abs(g.x - x) < tol and abs(g.y - y) < tol, lid


@pytest.mark.parametrize("crs", [25833, 25832, 4326])
def test_kartverket_csv_in_any_crs(tmp_path, crs):
    path = write_kartverket_addresses_csv(tmp_path / f"adresser_{crs}.csv", crs=crs)
    points = read_address_points(path)
    assert len(points.gdf) == len(ADDRESS_REGISTER)
    _positions_ok(points, 0.05)
    row = points.gdf.set_index("address_id").loc["300003"]
    assert (row.street, row.number, row.letter, row.postcode) == ("Kongens gate", 12, "b", "7011")
    assert "dwellings" not in points.gdf and points.dwellings is None
    assert f"EPSG:{crs}" in points.source_crs and "21 points" in repr(points)


@pytest.mark.parametrize("name", ["adresser.geojson", "adresser.gpkg"])
def test_address_points_as_vector_files_in_25833(tmp_path, name):
    points = read_address_points(write_address_points(tmp_path / name, crs=25833))
    _positions_ok(points, 0.01)
    assert points.gdf["postcode"].str.len().eq(4).all()


def test_sniff_address_points(tmp_path):
    csv_path = write_kartverket_addresses_csv(tmp_path / "adresser.csv")
    s = looks_like_address_points(csv_path)
    assert s.matches and s.layout == "addresses"
    assert {k: s.mapping[k] for k in ("street", "number", "letter", "postcode", "x", "y", "epsg")} == {
        "street": "adressenavn", "number": "nummer", "letter": "bokstav", "postcode": "postnummer",
        "x": "Øst", "y": "Nord", "epsg": "EPSG-kode"}
    assert looks_like_address_points(write_address_points(tmp_path / "a.gpkg", with_dwellings=True)).layout == "dwellings"
    assert not looks_like_address_points(write_housing_list(tmp_path / "liste.csv"))  # no coordinates
    zones = tmp_path / "zones.geojson"
    gpd.GeoDataFrame({"adressenavn": ["x"], "nummer": [1]}, geometry=[box(0, 0, 1, 1)],
                     crs=25832).to_file(zones, driver="GeoJSON")
    assert not looks_like_address_points(zones)  # polygons
    for junk in (tmp_path / "missing.csv", tmp_path):
        assert not looks_like_address_points(junk) and not looks_like_dwellings(junk)


@pytest.mark.parametrize("layout", ["count", "units", "buildings"])
def test_dwellings_from_a_matrikkel_extract(tmp_path, layout):
    path = write_matrikkel_dwellings(tmp_path / ("m.gpkg" if layout == "count" else f"m_{layout}.csv"),
                                     layout=layout)
    assert looks_like_dwellings(path).matches
    res = read_dwellings(path)
    layer = res.dwellings
    assert list(layer.columns) == ["address_id", "dwellings", "geometry"]
    assert layer["dwellings"].dtype == np.int64
    key = (lambda i: i[1:]) if layout == "buildings" else (lambda i: i)  # bygningsnummer = "1" + lokalid
    got = {key(a): int(d) for a, d in zip(layer["address_id"], layer["dwellings"], strict=True)}
    assert got == REGISTER_DWELLINGS
    assert res.without_dwellings == len(WITHOUT_DWELLINGS)
    assert any("no dwelling registered" in str(w) and "left out" in str(w) for w in res.warnings)


def test_addresses_without_bruksenheter_can_count_as_one(tmp_path):
    path = write_matrikkel_dwellings(tmp_path / "m.geojson")
    res = read_dwellings(path, missing="one")
    got = dict(zip(res.dwellings["address_id"], res.dwellings["dwellings"], strict=True))
    assert all(got[a] == 1 for a in WITHOUT_DWELLINGS)
    assert sum(got.values()) == sum(REGISTER_DWELLINGS.values()) + len(WITHOUT_DWELLINGS)
    assert any("counted as one dwelling" in str(w) for w in res.warnings)
    with pytest.raises(DataError, match="'drop' or 'one'"):
        read_dwellings(path, missing="zero")


def test_dwellings_layer_passes_the_role_checks(tmp_path):
    layer = read_dwellings(write_matrikkel_dwellings(tmp_path / "m.gpkg")).dwellings
    out = tmp_path / "dwellings.gpkg"
    layer.to_file(out, layer="dwellings", driver="GPKG")
    loaded = read_layer(out, "dwellings", "dwellings")
    assert int(loaded.gdf["dwellings"].sum()) == sum(REGISTER_DWELLINGS.values())


def test_open_addresses_have_no_dwellings(tmp_path):
    with pytest.raises(DataError, match="field 'dwellings'.*matrikkel extract"):
        read_dwellings(write_kartverket_addresses_csv(tmp_path / "adresser.csv"))


@pytest.mark.parametrize(("name", "kw"), [
    ("liste_cp1252.csv", {"encoding": "cp1252"}),
    ("liste_utf8.csv", {"encoding": "utf-8-sig"}),
    ("liste.xlsx", {}),
    ("liste_adresse.xlsx", {"single_column": True}),
    ("liste_adresse.csv", {"single_column": True, "encoding": "utf-8-sig"}),
])
def test_housing_list_joins_to_the_address_points(tmp_path, name, kw):
    points = read_address_points(write_kartverket_addresses_csv(tmp_path / "adresser.csv"))
    path = write_housing_list(tmp_path / name, **kw)
    sniff = looks_like_housing_list(path)
    assert sniff.matches and ("units" in sniff.mapping)
    join = join_housing_list(path, points)
    got = dict(zip(join.layer["address_id"], join.layer["units"], strict=True))
    assert got == {str(k): v for k, v in housing_truth().items()}
    assert list(join.layer.columns) == ["address_id", "units", "geometry"]  # nothing else leaks
    assert join.layer.crs.to_epsg() == 25832
    expected = {s: why for s, *_c, lid, why in HOUSING_ROWS if lid is None and why != "totals"}
    assert len(join.unmatched) == len(expected)
    for entry in join.unmatched:
        street = next(s for s in expected if entry.text.startswith(s))
        assert expected[street] in entry.reason, (entry, expected[street])
    units_unmatched = sum(u for s, *_c, u, lid, why in HOUSING_ROWS if lid is None and why != "totals")
    assert join.unmatched.units == units_unmatched
    assert f"{len(expected)} of 15 rows" in repr(join.unmatched)
    assert "11 of 15 rows matched -> 10 addresses, 26 units" in repr(join)
    messages = " | ".join(str(w) for w in join.warnings)
    assert "without the Norwegian letters" in messages and "another postcode" in messages
    assert "totals row" in messages


def test_unmatched_report_csv_and_suggestions(tmp_path):
    points = read_address_points(write_address_points(tmp_path / "a.gpkg"))
    join = join_housing_list(write_housing_list(tmp_path / "liste.csv"), points)
    by_text = {e.text: e for e in join.unmatched}
    assert by_text["Elgeseter gate 99, 7030"].suggestion == "Elgeseter gate 12"
    assert by_text["Kongens gate 12C, 7011"].suggestion == "Kongens gate 12, Kongens gate 12A, Kongens gate 12B"
    assert by_text["Skolegata 5"].reason == "ambiguous: the address exists in postcodes 7010, 7020"
    out = join.unmatched.write_csv(tmp_path / "ikke_funnet.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["row", "address", "reason", "suggestion"]
    assert [r[1] for r in rows[1:]] == [e.text for e in join.unmatched]
    assert all(r[0].isdigit() for r in rows[1:])
    # no coordinates and no unit counts of municipal housing in the report
    assert "569" not in out.read_text("utf-8-sig") and "units" not in rows[0]
    assert not list(tmp_path.glob("*.tmp*"))


def test_joined_housing_only_leaves_aggregated(tmp_path):
    points = read_address_points(write_kartverket_addresses_csv(tmp_path / "adresser.csv"))
    join = join_housing_list(write_housing_list(tmp_path / "liste.csv"), points)
    zone = gpd.GeoDataFrame({"zone_id": ["Z1"]}, geometry=[join.layer.union_all().buffer(100).envelope],
                            crs=25832)
    agg = aggregate_for_export(join.layer, zone)
    assert int(agg["municipal_units"].sum()) == sum(housing_truth().values())
    assert "address_id" not in agg.columns


def test_no_address_matching_names_the_list_and_its_field(tmp_path):
    points = read_address_points(write_kartverket_addresses_csv(tmp_path / "adresser.csv"))
    bad = tmp_path / "boliger.csv"
    bad.write_text("Gateadresse;Husnr;Antall boliger\nMunkegata;1;3\nDronningens gate;5;2\n", "utf-8")
    with pytest.raises(DataError) as err:
        join_housing_list(bad, points)
    msg = str(err.value)
    assert msg.startswith("boliger.csv, field 'Gateadresse': none of the 2 addresses matched")
    assert "adresser.csv" in msg and "row 2 'Munkegata 1': street not found" in msg


@pytest.mark.parametrize(("text", "field", "match"), [
    ("Gateadresse;Husnr;Antall boliger\nKongens gate;12;to\n", "Antall boliger", "row 2: units 'to'"),
    ("Gateadresse;Husnr;Antall boliger\nKongens gate;12;1,5\n", "Antall boliger", "row 2: units '1,5'"),
    ("Navn;Telefon\nOla;123\n", "adresse", "no address column"),
])
def test_bad_housing_lists(tmp_path, text, field, match):
    p = tmp_path / "liste.csv"
    p.write_text(text, "utf-8")
    with pytest.raises(DataError, match=match) as err:
        read_housing_list(p)
    assert err.value.field == field and err.value.file.endswith("liste.csv")


@pytest.mark.parametrize(("text", "match"), [
    ("adressenavn;nummer;Nord;Øst\nKongens gate;12;7034300;569200\n", "field 'EPSG-kode'.*none is assumed"),
    ("adressenavn;nummer;Nord;Øst;EPSG-kode\nKongens gate;12;7034300;569200;99999\n",
     "unknown coordinate system '99999'"),
    ("adressenavn;nummer;EPSG-kode\nKongens gate;12;25833\n", "no coordinate column"),
    ("navn;Nord;Øst;EPSG-kode\nx;7034300;569200;25833\n", "no street and house number"),
])
def test_bad_address_tables(tmp_path, text, match):
    p = tmp_path / "adresser.csv"
    p.write_text(text, "utf-8")
    with pytest.raises(DataError, match=match):
        read_address_points(p)


def test_address_table_with_a_crs_argument_and_lat_lon_columns(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("adressenavn;nummer;Nord;Øst\nKongens gate;12;7034300;569200\n", "utf-8")
    g = read_address_points(p, crs=25832).gdf.geometry.iloc[0]
    assert (round(g.x), round(g.y)) == (569200, 7034300)
    q = tmp_path / "b.csv"
    q.write_text("adresse,lat,lon\n\"Kongens gate 12, 7011\",63.43,10.39\n", "utf-8")
    pts = read_address_points(q)
    assert pts.gdf.loc[0, "street"] == "Kongens gate" and 560000 < pts.gdf.geometry.x.iloc[0] < 580000


def test_polygons_are_not_address_points(tmp_path):
    zones = tmp_path / "zones.geojson"
    gpd.GeoDataFrame({"adressenavn": ["x"], "nummer": [1]},
                     geometry=[box(569000, 7034000, 569100, 7034100)],
                     crs=25832).to_file(zones, driver="GeoJSON")
    with pytest.raises(DataError, match="must be points"):
        read_address_points(zones)


def test_address_key_normalisation():
    assert address_key("Kongens gt.") == address_key(" KONGENS   GATE ") == address_key("Kongensgata")
    assert address_key("Innherredsvn.") == address_key("Innherredsveien") == address_key("Innherredsvegen")
    assert address_key("St. Olavs gate") == address_key("Sankt Olavs gt")
    nfd = unicodedata.normalize("NFD", "Åsveien")
    assert nfd != "Åsveien" and address_key(nfd) == address_key("Åsveien")
    assert address_key("Asveien") != address_key("Åsveien")
    assert address_key("Aasveien", ascii_fold=True) == address_key("Åsveien", ascii_fold=True)
    assert address_key("Prinsens gate") != address_key("Kongens gate")


@pytest.mark.parametrize(("text", "expected"), [
    ("Kongens gate 12B, 7011", ("Kongens gate", 12, "b", "7011")),
    ("Kongens gt. 12 b", ("Kongens gt", 12, "b", "")),
    ("Øvre Bakklandet 66A 7013 Trondheim", ("Øvre Bakklandet", 66, "a", "7013")),
    ("Elgeseter gate 10, H0203", ("Elgeseter gate", 10, "", "")),
    ("Marka", None),
])
def test_parse_address(text, expected):
    assert parse_address(text) == expected


@pytest.mark.realdata
def test_joined_layers_feed_housing_density_on_the_real_zones(shared_data, tmp_path):
    """Dwellings and municipal housing from our readers, in the real Trondheim zones."""
    from ungtloft_map.core.analysis.housing import housing_density

    zones = read_layer(shared_data / "trondheim" / "levekarssoner_sentrum_5zones.geojson", "zones",
                       field_map={"zone_id": "zoneName", "zone_name": "zoneName"}).gdf
    addresses = read_address_points(write_kartverket_addresses_csv(tmp_path / "adresser.csv", crs=25833))
    dwellings = read_dwellings(write_matrikkel_dwellings(tmp_path / "m.csv", layout="units")).dwellings
    municipal = join_housing_list(write_housing_list(tmp_path / "liste.xlsx"), addresses).layer
    population = gpd.GeoDataFrame({"population": [1000] * len(zones)},
                                  geometry=zones.geometry.representative_point().to_numpy(), crs=25832)
    res = housing_density(municipal, dwellings, population, zones)
    mid = res.per_zone.loc["Midtbyen"]  # every fixture address lies in Midtbyen
    assert mid["municipal_units"] == sum(housing_truth().values())
    assert mid["dwellings"] == sum(REGISTER_DWELLINGS.values())
    assert mid["municipal_share"] == pytest.approx(26 / 180 * 100)
    assert res.per_zone.drop(index="Midtbyen")["municipal_units"].sum() == 0


def test_municipal_housing_layer_passes_the_role_checks(tmp_path):
    points = read_address_points(write_kartverket_addresses_csv(tmp_path / "adresser.csv"))
    layer = join_housing_list(write_housing_list(tmp_path / "liste.csv"), points).layer
    out = tmp_path / "kommunale.gpkg"
    layer.to_file(out, layer="municipal_housing", driver="GPKG")
    loaded = read_layer(out, "municipal_housing", "municipal_housing")
    assert int(loaded.gdf["units"].sum()) == sum(housing_truth().values())
    assert not loaded.warnings


# Found by tests/robustness/test_fuzz_addresses.py (make fuzz).


def _edit_cell(path, row: int, column: str, value: str, encoding: str = "utf-8"):
    rows = list(csv.reader(path.read_text(encoding=encoding).splitlines(), delimiter=";"))
    rows[row][rows[0].index(column)] = value
    path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding=encoding)
    return path


@pytest.mark.parametrize("code", ["4326", "+proj=longlat"])
def test_row_with_a_degree_code_under_metre_coordinates(tmp_path, code):
    path = _edit_cell(write_kartverket_addresses_csv(tmp_path / "a.csv"), 1, "EPSG-kode", code)
    # was: loaded, with the first address at POINT (inf inf)
    with pytest.raises(DataError, match="outside the range of") as err:
        read_address_points(path)
    assert err.value.field == "EPSG-kode" and err.value.row == 1


def test_house_number_beyond_int64_is_no_number(tmp_path):
    path = _edit_cell(write_housing_list(tmp_path / "b.csv"), 1, "Husnr", "9" * 30, "cp1252")
    housing = read_housing_list(path)  # was: OverflowError (Python int too large for Int64)
    assert housing.rows["number"].isna().sum() == 1


def test_units_beyond_int64_are_refused(tmp_path):
    path = _edit_cell(write_housing_list(tmp_path / "b.csv"), 1, "Antall boliger", "9" * 30,
                      "cp1252")
    with pytest.raises(DataError, match="not a whole number") as err:
        read_housing_list(path)
    assert err.value.field == "Antall boliger" and err.value.row == 2


def test_dwelling_count_beyond_int64_is_refused(tmp_path):
    path = write_matrikkel_dwellings(tmp_path / "m.csv", layout="buildings")
    path = _edit_cell(path, 1, "bruksenheter", "9" * 30)
    with pytest.raises(DataError, match="plausible size") as err:  # was: OverflowError
        read_dwellings(path)
    assert err.value.field == "bruksenheter" and err.value.row == 1
