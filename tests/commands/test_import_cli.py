"""``ungtloft-map import`` on the standard-source fixtures and on the real Trondheim files."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from tests import standard_fixtures as S
from tests import standard_fixtures_tables as T
from tests.factories import write_feed
from ungtloft_map.cli import main
from ungtloft_map.commands.importdata import split_layer
from ungtloft_map.core.io.sources import UNMATCHED_REPORT_NAME
from ungtloft_map.core.project import Project

ZONES = [(f"5001-{k:02d}", f"Sone {k}") for k in range(1, 9)]


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """Every standard fixture in one folder, plus a feed and a wide table for the zones."""
    folder = tmp_path_factory.mktemp("kilder")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        paths = S.write_standard_sources(folder)
    paths["dwellings"] = T.write_matrikkel_dwellings(folder / "matrikkel_boliger.geojson")
    paths["housing"] = T.write_housing_list(folder / "kommunale_boliger.xlsx")
    paths["wide"] = T.write_wide_levekar_xlsx(folder / "levekår_bred.xlsx", zones=ZONES)
    # Stops along the zones (EPSG:25832 positions of the fixture grid's corner, eastwards).
    x0, y0 = 569700.0, 7032500.0
    paths["gtfs"] = write_feed(folder / "buss.zip", [(x0 + 300 * i, y0 + 500) for i in range(7)])
    return paths


def _import(out, s, *extra):
    return main(["import", "--out", str(out), "--zones", str(s["zones_25833"]),
                 "--zone-id", "sone_id", *map(str, extra)])


def test_import_every_standard_source_then_selftest_and_export(tmp_path, sources, capsys):
    s = sources
    out = tmp_path / "datasett"
    rc = _import(out, s, "--population", s["ssb_gml_250m"], "--green", s["n50_sosi"],
                 "--dwellings", s["dwellings"], "--municipal-housing", s["housing"],
                 "--indicators", s["wide"], "--gtfs", s["gtfs"], "--name", "Standardkilder")
    text = capsys.readouterr()
    assert rc == 0, text.err
    assert "[SSB befolkning på rutenett 250 m]: ok" in text.out
    assert "[Kartverket N50/FKB Arealdekke]: ok" in text.out
    assert "[Kommunale boliger: adresseliste]: ok" in text.out
    assert "0 error(s)" in text.out
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["name"] == "Standardkilder" and manifest["format_version"] == 1
    readers = {k: v.get("reader") for k, v in manifest["layers"].items()}
    assert readers == {"zones": None, "population": "ssb_grid", "green_areas": "landcover",
                       "dwellings": "addresses", "municipal_housing": "municipal_housing_addresses"}
    assert (out / UNMATCHED_REPORT_NAME).exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".datasett")]  # no leftovers

    project = Project.load(out)
    assert project.years == list(T.WIDE_YEARS)
    assert int(project.zone_table().gdf["population"].sum()) == sum(c.pop for c in S.ssb_cells(250))

    assert main(["--project", str(out), "--selftest"]) == 0
    assert "OK" in capsys.readouterr().out
    csv_path = tmp_path / "soner.csv"
    assert main(["export-zones", "--project", str(out), "--themes", "--out", str(csv_path)]) == 0
    table = pd.read_csv(csv_path, dtype={"zone_id": str})
    assert sorted(table["zone_id"]) == [z for z, _ in ZONES]
    assert "low_income" in table.columns and "dist_to_stop_m" in table.columns


@pytest.mark.parametrize("population", ["ssb_csv_1km", "ssb_filegdb_250m", "ssb_sosi_250m",
                                        "ssb_geojson_250m"])
def test_import_other_grid_formats(tmp_path, sources, capsys, population):
    out = tmp_path / "d"
    rc = _import(out, sources, "--population", sources[population], "--green", sources["osm_pbf"])
    assert rc == 0, capsys.readouterr().err
    size = 1000 if "1km" in population else 250
    project = Project.load(out)
    assert int(project.zone_table().gdf["population"].sum()) == sum(c.pop for c in S.ssb_cells(size))
    assert set(project.layer("green_areas")["kind"]) >= {"park", "forest", "sports"}


def test_rerun_replaces_the_manifest(tmp_path, sources, capsys):
    out = tmp_path / "d"
    assert _import(out, sources) == 0
    assert _import(out, sources, "--population", sources["ssb_csv_250m"]) == 0
    assert "population" in json.loads((out / "manifest.json").read_text("utf-8"))["layers"]


def _no_output(tmp_path):
    return [p.name for p in tmp_path.iterdir() if p.name.startswith((".d", "d"))]


def test_housing_list_where_no_address_matches(tmp_path, sources, capsys):
    bad = tmp_path / "boliger_feil.csv"
    bad.write_text("Gateadresse;Husnr;Postnr;Antall boliger\nMunkegata;1;7011;3\n"
                   "Nordre gate;9;7011;2\n", encoding="utf-8")
    rc = _import(tmp_path / "d", sources, "--dwellings", sources["dwellings"],
                 "--municipal-housing", bad)
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1
    assert "boliger_feil.csv" in err[0] and "'Gateadresse'" in err[0]
    assert "none of the 2 addresses matched" in err[0] and "nothing written" in err[0]
    assert _no_output(tmp_path) == []


def test_wide_table_matching_no_zone(tmp_path, sources, capsys):
    table = T.write_wide_levekar_xlsx(tmp_path / "levekår_andre_soner.xlsx")  # ids 0101 ...
    rc = _import(tmp_path / "d", sources, "--indicators", table)
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1
    assert "levekår_andre_soner.xlsx" in err[0] and "'Sonenr'" in err[0]
    assert "'0101', '0102'" in err[0] and "'5001-01', '5001-02'" in err[0]
    assert _no_output(tmp_path) == []


@pytest.mark.parametrize("args, words", [
    (["--zone-id", "no_such_field"], ["no field 'no_such_field'", "sone_id"]),
    (["--population", "/no/such/file.gml"], ["file not found", "--population"]),
])
def test_bad_arguments_are_one_line(tmp_path, sources, capsys, args, words):
    rc = main(["import", "--out", str(tmp_path / "d"), "--zones", str(sources["zones_25833"]), *args])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1
    assert all(w in err[0] for w in words), err
    assert _no_output(tmp_path) == []


def test_split_layer(tmp_path):
    f = tmp_path / "data.gpkg"
    f.write_bytes(b"x")
    assert split_layer(f"{f}:soner") == (f, "soner")
    assert split_layer(str(f)) == (f, None)


@pytest.mark.realdata
def test_import_real_trondheim_files(tmp_path, shared_data, capsys):
    trd, sosi = shared_data / "trondheim", shared_data / "sosi"
    out = tmp_path / "trondheim"
    rc = main(["import", "--out", str(out),
               "--zones", str(trd / "levekarssoner_sentrum_5zones.geojson"), "--zone-id", "zoneName",
               "--gtfs", str(trd / "atb_entur_gtfs_2020-12-14.zip"),
               "--boundary", str(trd / "trondheim_5001_kommunegrense.geojson"),
               "--green", str(sosi / "n50_arealdekke_testfile2.sos")])
    text = capsys.readouterr()
    assert rc == 0, text.err
    assert "[Kartverket N50/FKB Arealdekke]: ok, 180 features" in text.out
    project = Project.load(out)
    assert sorted(project.zones["zone_id"]) == ["Hammersborg-Trolla", "Ila", "Midtbyen",
                                               "Singsaker", "Øya-Elgeseter"]
    green = project.layer("green_areas")
    assert set(green["kind"]) <= {"forest", "open", "wetland", "park", "sports", "lake"}
    assert green.geometry.area.sum() / 1e4 > 1000  # the sample's green: some 22,000 ha
    assert main(["--project", str(out), "--selftest"]) == 0
    assert "OK" in capsys.readouterr().out
    csv_path = tmp_path / "soner.csv"
    assert main(["export-zones", "--project", str(out), "--themes", "--out", str(csv_path)]) == 0
    table = pd.read_csv(csv_path)
    assert len(table) == 5
    # The central zones: a stop within a few hundred metres everywhere.
    assert (table["dist_to_stop_m"] < 400).all()
    assert (table["departures_per_hour_500m"] > 10).all()


def test_housing_list_joined_to_kartverket_addresses(tmp_path, sources, capsys):
    addresses = T.write_kartverket_addresses_csv(tmp_path / "adresser_5001.csv")  # EPSG:25833
    out = tmp_path / "d"
    rc = _import(out, sources, "--municipal-housing", sources["housing"], "--addresses", addresses)
    assert rc == 0, capsys.readouterr().err
    entry = json.loads((out / "manifest.json").read_text("utf-8"))["layers"]["municipal_housing"]
    assert entry["addresses"] == {"path": str(addresses)}
    project = Project.load(out)
    assert "dwellings" not in project.layers
    assert int(project.layer("municipal_housing")["units"].sum()) == sum(T.housing_truth().values())


def test_housing_list_without_address_points(tmp_path, sources, capsys):
    rc = _import(tmp_path / "d", sources, "--municipal-housing", sources["housing"])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and "dwellings" in err[0]
    assert _no_output(tmp_path) == []
