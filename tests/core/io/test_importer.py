"""Importer: inspection of files and folders, role and field guesses, validation, manifest."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from tests.factories import grid_zones, write_tiny_project
from ungtloft_map.core.errors import AnalysisError, DataError
from ungtloft_map.core.io.importer import (
    ImportChoice,
    SourceLayer,
    guess_fields,
    guess_role,
    inspect_source,
    preview_geometries,
    role_fields,
    validate,
    write_manifest,
)
from ungtloft_map.core.project import Project

STOPS = ("stop_id,stop_name,stop_lat,stop_lon\nA,Sentrum,63.4305,10.3951\n"
         "B,Lade,63.4430,10.4400\nC,Ranheim,63.4290,10.5300\n")
GTFS = {
    "stops.txt": STOPS,
    "routes.txt": "route_id,route_short_name,route_type\nR,1,3\n",
    "trips.txt": "route_id,service_id,trip_id\nR,WK,T1\n",
    "calendar.txt": ("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
                     "start_date,end_date\nWK,1,1,1,1,1,0,0,20240101,20241231\n"),
    "stop_times.txt": ("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                       "T1,08:00:00,08:00:00,A,1\nT1,08:10:00,08:10:00,B,2\n"
                       "T1,08:20:00,08:20:00,C,3\n"),
}


def write_gtfs(path: Path, folder: str = "") -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in GTFS.items():
            zf.writestr(folder + name, text)
    return path


def src(kind="vector", geom="Polygon", fields=(), layer="x", path="/d/x.gpkg", count=10, n=1):
    return SourceLayer(Path(path), layer, kind, geom if kind == "vector" else None, count,
                       "EPSG:25832", fields={f: "object" for f in fields}, layers_in_file=n)


def norwegian_zones(folder: Path) -> Path:
    """Zones with Norwegian field names, as a user's own file would have them."""
    zones = grid_zones().rename(columns={"zone_id": "Levekårssone_ID", "zone_name": "Sonenavn",
                                         "district_id": "Bydel"})
    path = folder / "soner.geojson"
    zones.to_crs(4326).to_file(path, driver="GeoJSON")
    return path


# -- guesses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "names", "expected"),
    [
        ("zones", ["zoneName"], {"zone_id": "zoneName", "zone_name": "zoneName"}),
        ("zones", ["SONE_ID", "SONENAVN"], {"zone_id": "SONE_ID", "zone_name": "SONENAVN"}),
        ("zones", ["levekårssone_id", "levekårssone"],
         {"zone_id": "levekårssone_id", "zone_name": "levekårssone"}),
        ("zones", ["grunnkretsnummer", "navn", "bydelsnr"],
         {"zone_id": "grunnkretsnummer", "zone_name": "navn", "district_id": "bydelsnr"}),
        ("zones", ["id", "name"], {"zone_id": "id", "zone_name": "name"}),
        ("population", ["SSBID", "pop_tot"], {"population": "pop_tot", "ssbid": "SSBID"}),
        ("population", ["Befolkning"], {"population": "Befolkning"}),
        ("population", ["bosatte", "sone_id"], {"population": "bosatte", "zone_id": "sone_id"}),
        ("municipal_housing", ["adresse", "antall"], {"units": "antall", "address_id": "adresse"}),
        ("municipal_housing", ["Boenheter"], {"units": "Boenheter"}),
        ("dwellings", ["antall_boliger"], {"dwellings": "antall_boliger"}),
        ("destinations", ["Navn", "Kategori"], {"name": "Navn", "category": "Kategori"}),
        ("districts", ["bydel", "bydelsnavn"], {"district_id": "bydel", "district_name": "bydelsnavn"}),
        ("indicators", ["sone", "År", "low_income_count"], {"zone_id": "sone", "year": "År"}),
        ("indicators", ["Zone ID", "aar"], {"zone_id": "Zone ID", "year": "aar"}),
        ("gtfs", ["stop_id"], {}),
        (None, ["zone_id"], {}),
    ],
)
def test_guess_fields_synonyms(role, names, expected):
    assert guess_fields(role, names) == expected


def test_guess_fields_prefers_an_id_over_the_name():
    # zoneName is only used as id when nothing else names one
    assert guess_fields("zones", ["zoneName", "sone_id"])["zone_id"] == "sone_id"
    assert list(guess_fields("zones", ["Bydel", "zone_name", "zone_id"])) == [
        "zone_id", "zone_name", "district_id"]  # required fields first


def test_role_fields():
    assert role_fields("zones") == (("zone_id", "zone_name"), ("district_id",))
    assert role_fields("indicators")[0] == ("zone_id", "year")
    assert role_fields("nonsense") == ((), ())


@pytest.mark.parametrize(
    ("source", "role"),
    [
        (src(fields=["zoneName"]), "zones"),
        (src(fields=["grunnkrets", "navn"]), "zones"),
        (src(fields=["navn"], layer="levekårssoner", path="/d/lk.geojson"), "zones"),
        (src(fields=["ssbid", "pop_tot"], layer="ruter"), "population"),
        (src(fields=["befolkning"], layer="x"), "population"),
        (src(fields=["bydelsnr", "bydelsnavn"]), "districts"),
        (src(fields=["navn"], layer="grøntområder", n=3), "green_areas"),
        (src(fields=["type"], layer="parker_og_friområder", n=3), "green_areas"),
        (src(fields=["navn"], layer="friområde"), "green_areas"),
        (src(fields=["kommunenummer", "navn"], count=1), "boundary"),
        (src(fields=["kommunenummer", "navn"], count=357), None),  # all of Norway is not *the* boundary
        (src(fields=["navn"], layer="kommunegrense"), "boundary"),
        (src(fields=["navn"], layer="innsjøer"), "water"),
        (src(fields=["planid", "arealformål"]), "plans"),
        (src(geom="Point", fields=["adresse", "antall"], layer="kommunale_boliger"), "municipal_housing"),
        (src(geom="Point", fields=["Kommunale boenheter"]), "municipal_housing"),
        (src(geom="Point", fields=["antall"], layer="adresser"), None),
        (src(geom="Point", fields=["boliger"]), "dwellings"),
        (src(geom="Point", fields=["navn", "kategori"]), "destinations"),
        (src(geom="MultiPoint", fields=["navn"], layer="skoler"), "destinations"),
        (src(geom="LineString", fields=["vegkategori"], layer="vegnett"), "roads"),
        (src(geom="LineString", fields=["a"], layer="x"), None),
        (src(kind="table", fields=["zone_id", "year", "low_income_count"]), "indicators"),
        (src(kind="table", fields=["Sone", "År", "antall_lavinntekt"]), "indicators"),
        (src(kind="table", fields=["a", "b"]), None),
        (src(kind="gtfs"), "gtfs"),
        (src(kind="plan"), "plans"),
        (SourceLayer(Path("/d/x.gpkg"), "x", "vector", error="broken"), None),
    ],
)
def test_guess_role(source, role):
    assert guess_role(source) == role


def test_guess_role_uses_the_layer_name_not_the_file_name_in_a_multilayer_file():
    # a GeoPackage called "soner.gpkg" holding a "bydeler" layer: the layer decides
    layer = src(fields=["navn"], layer="bydeler", path="/d/soner.gpkg", n=2)
    assert guess_role(layer) == "districts"


# -- inspection ------------------------------------------------------------------------------


def test_inspect_multilayer_gpkg(tmp_path):
    folder = write_tiny_project(tmp_path / "tiny")
    layers = inspect_source(folder / "tiny.gpkg")
    assert [s.layer for s in layers] == ["zones", "districts", "population", "destinations"]
    assert [s.guessed_role for s in layers] == ["zones", "districts", "population", "destinations"]
    zones = layers[0]
    assert zones.kind == "vector" and zones.geometry_type == "Polygon"
    assert zones.feature_count == 6 and zones.crs == "EPSG:25832"
    assert zones.fields == {"zone_id": "object", "zone_name": "object", "district_id": "object"}
    assert list(zones.head.columns) == ["zone_id", "zone_name", "district_id"]
    assert len(zones.head) == 5  # the first rows, no geometry
    assert zones.guessed_fields == {"zone_id": "zone_id", "zone_name": "zone_name",
                                    "district_id": "district_id"}
    assert zones.label == "tiny.gpkg:zones" and zones.layers_in_file == 4
    assert repr(zones) == ("SourceLayer('tiny.gpkg:zones', vector, Polygon, 6 features, "
                           "EPSG:25832, role='zones')")
    gdf = preview_geometries(zones)
    assert len(gdf) == 6 and gdf.crs.to_epsg() == 25832


def test_inspect_csv(tmp_path):
    path = tmp_path / "levekår.csv"
    # semicolon and Windows-1252, as Excel in Norway writes it
    path.write_bytes("Sone;År;lavinntekt_count;lavinntekt_denom\nZ00;2023;5;100\nZ01;2023;7;90\n"
                     .encode("cp1252"))
    (table,) = inspect_source(path)
    assert table.kind == "table" and table.error is None
    assert table.feature_count == 2 and table.crs is None and table.geometry_type is None
    assert table.field_names == ["Sone", "År", "lavinntekt_count", "lavinntekt_denom"]
    assert table.guessed_role == "indicators"
    assert table.guessed_fields == {"zone_id": "Sone", "year": "År"}
    assert table.head["Sone"].tolist() == ["Z00", "Z01"]
    assert preview_geometries(table) is None


def test_inspect_xlsx(tmp_path):
    path = tmp_path / "indikatorer.xlsx"
    pd.DataFrame({"zone_id": ["Z00"], "year": [2024], "neet_count": [3]}).to_excel(path, index=False)
    (table,) = inspect_source(path)
    assert table.kind == "table" and table.guessed_role == "indicators"


@pytest.mark.parametrize("folder", ["", "feed/"])
def test_inspect_gtfs_zip(tmp_path, folder):
    (feed,) = inspect_source(write_gtfs(tmp_path / "rutedata.zip", folder))
    assert feed.kind == "gtfs" and feed.guessed_role == "gtfs"
    assert feed.feature_count == 3  # stops
    assert feed.crs == "EPSG:4326"
    assert feed.field_names == ["stop_id", "stop_name", "stop_lat", "stop_lon"]
    assert feed.head["stop_name"].tolist() == ["Sentrum", "Lade", "Ranheim"]
    stops = preview_geometries(feed)
    assert len(stops) == 3 and stops.crs.to_epsg() == 4326


def test_inspect_zipped_shapefile(tmp_path):
    grid_zones().drop(columns="district_id").to_file(tmp_path / "soner.shp")
    zpath = tmp_path / "soner.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for p in tmp_path.glob("soner.*"):
            if p.suffix != ".zip":
                zf.write(p, p.name)
    (layer,) = inspect_source(zpath)
    assert layer.kind == "vector" and layer.layer == "soner" and layer.guessed_role == "zones"
    assert layer.feature_count == 6 and layer.crs == "EPSG:25832"
    check = validate([ImportChoice.guessed(layer)]).checks[0]
    assert check.ok, check.issues


def test_inspect_folder_collects_errors_per_file(tmp_path):
    write_tiny_project(tmp_path)
    norwegian_zones(tmp_path)
    (tmp_path / "broken.geojson").write_text("{not json")
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "other.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip
    (tmp_path / "notes.txt").write_text("ignored")
    (tmp_path / "settings.json").write_text('{"theme": "dark"}')  # not GeoJSON: skipped
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.csv").write_text("a\n1\n")
    layers = inspect_source(tmp_path)
    by_label = {s.label: s for s in layers}
    assert set(by_label) == {
        "broken.geojson", "empty.csv", "indicators.csv", "other.zip", "soner.geojson",
        "tiny.gpkg:zones", "tiny.gpkg:districts", "tiny.gpkg:population", "tiny.gpkg:destinations",
    }  # manifest.json, notes.txt and hidden folders are skipped
    assert "cannot read" in by_label["broken.geojson"].error
    assert "empty" in by_label["empty.csv"].error
    assert "neither a GTFS feed" in by_label["other.zip"].error
    assert by_label["broken.geojson"].guessed_role is None
    assert "error=" in repr(by_label["broken.geojson"])
    soner = by_label["soner.geojson"]
    assert soner.guessed_role == "zones" and soner.crs == "EPSG:4326"
    assert soner.guessed_fields == {"zone_id": "Levekårssone_ID", "zone_name": "Sonenavn",
                                    "district_id": "Bydel"}


def test_inspect_missing_file_and_unknown_type(tmp_path):
    (missing,) = inspect_source(tmp_path / "nope.gpkg")
    assert "not found" in missing.error
    (tmp_path / "a.docx").write_text("x")
    (unknown,) = inspect_source(tmp_path / "a.docx")
    assert "unsupported file type" in unknown.error


def test_inspect_demo_folder_guesses_every_role(demo_dir):
    layers = inspect_source(demo_dir)
    assert not [s for s in layers if s.error]
    for s in layers:
        if s.path.suffix == ".gpkg":
            assert s.guessed_role == s.layer, s
    roles = {s.label: s.guessed_role for s in layers}
    assert roles["gtfs.zip"] == "gtfs" and roles["indicators.csv"] == "indicators"
    assert {roles[k] for k in roles if k.startswith("plan_")} == {"plans"}


# -- validation ------------------------------------------------------------------------------


def test_validate_catches_a_missing_crs(tmp_path):
    grid_zones().drop(columns="district_id").to_file(tmp_path / "soner.shp")
    (tmp_path / "soner.prj").unlink()
    (layer,) = inspect_source(tmp_path / "soner.shp")
    assert layer.crs is None and layer.guessed_role == "zones"
    report = validate([ImportChoice.guessed(layer)])
    assert not report.ok
    (err,) = report.errors
    assert "no coordinate reference system" in err.message and ".prj" in err.message
    assert err.source == "soner.shp"
    assert report.checks[0].ok is False


def test_validate_lists_unmatched_indicator_ids(tmp_path):
    folder = write_tiny_project(tmp_path)
    df = pd.read_csv(folder / "indicators.csv", dtype={"zone_id": str})
    df = df[df.zone_id != "Z00"]  # a zone without rows
    extra = df.iloc[:2].assign(zone_id=["Z99", "X1"])  # ids that match no zone
    pd.concat([df, extra]).to_csv(folder / "indicators.csv", index=False)
    layers = {s.label: s for s in inspect_source(folder)}
    choices = [ImportChoice.guessed(layers["tiny.gpkg:zones"]),
               ImportChoice.guessed(layers["indicators.csv"])]
    report = validate(choices)
    assert report.ok  # the project loads; the gaps are warnings
    assert report.unmatched_indicator_ids == ["X1", "Z99"]
    assert report.zones_without_indicators == ["Z00"]
    assert report.zone_names["Z00"] == "Sone Z00"
    codes = {i.code for i in report.warnings}
    assert {"unmatched_ids", "zones_without_indicators"} <= codes
    assert "leading_zeros" not in codes
    assert "unmatched_ids=2" in repr(report) and "zones_without_indicators=1" in repr(report)
    assert "6 features, EPSG:25832 → EPSG:25832" == report.checks[0].summary
    assert report.checks[1].summary.startswith("12 rows, 7 zones, years 2023–2024")


def test_validate_hints_at_lost_leading_zeros(tmp_path):
    zones = grid_zones()
    zones["zone_id"] = [f"0{i}01" for i in range(1, 7)]
    zones.to_file(tmp_path / "z.gpkg", layer="zones")
    # numbers in a spreadsheet: the leading zero is gone
    pd.DataFrame({"sone": [101, 201], "aar": [2024, 2024], "neet_count": [1, 2]}).to_csv(
        tmp_path / "ind.csv", index=False)
    choices = [ImportChoice.guessed(s) for s in inspect_source(tmp_path)]
    assert [c.field_map for c in choices] == [{"zone_id": "sone", "year": "aar"},
                                             {"zone_id": "zone_id", "zone_name": "zone_name",
                                              "district_id": "district_id"}]
    report = validate(choices)
    assert report.unmatched_indicator_ids == ["101", "201"]
    # No id in common: the project would not load, so it is one error naming file and field,
    # listing the first ids of each side and the likely cause.
    (err,) = [i for i in report.errors if i.code == "no_matching_ids"]
    assert not report.ok
    text = str(err)
    assert "ind.csv" in text and "sone" in text and "'101', '201'" in text and "'0101'" in text
    assert "leading zeros" in text


def test_validate_dataset_level_errors(tmp_path):
    folder = write_tiny_project(tmp_path)
    layers = {s.label: s for s in inspect_source(folder / "tiny.gpkg")}
    districts = ImportChoice.guessed(layers["tiny.gpkg:districts"])
    report = validate([districts])
    assert not report.ok and not report.has_zones
    assert [i.code for i in report.errors] == ["no_zones"]
    # one role for two layers
    zones = ImportChoice.guessed(layers["tiny.gpkg:zones"])
    twice = ImportChoice(layers["tiny.gpkg:districts"], "zones", {"zone_id": "district_id",
                                                                 "zone_name": "district_name"})
    report = validate([zones, twice])
    assert [i.code for i in report.errors] == ["duplicate_role"]
    # a role that does not fit the kind of source, and a wrong mapping
    pop = layers["tiny.gpkg:population"]
    report = validate([zones, ImportChoice(pop, "gtfs"), ImportChoice(pop, "population", {"population": "nope"})])
    assert [i.code for i in report.errors] == ["wrong_role", "data"]
    assert "field 'nope'" in report.errors[1].message


def test_validate_reads_wrong_geometry_and_missing_fields(tmp_path):
    points = gpd.GeoDataFrame({"navn": ["a"]}, geometry=[Point(560_000, 7_030_000)], crs=25832)
    points.to_file(tmp_path / "p.gpkg", layer="p")
    (layer,) = inspect_source(tmp_path / "p.gpkg")
    report = validate([ImportChoice(layer, "zones", {"zone_id": "navn"})])
    assert "geometry type Point is not allowed" in report.errors[0].message
    report = validate([ImportChoice(layer, "destinations", {"name": "navn"})])
    assert "field 'category'" in report.errors[0].message


def test_validate_gtfs_and_progress_cancel(tmp_path):
    folder = write_tiny_project(tmp_path)
    zones = ImportChoice.guessed(inspect_source(folder / "tiny.gpkg")[0])
    feed = ImportChoice.guessed(inspect_source(write_gtfs(tmp_path / "g.zip"))[0])
    seen = []
    report = validate([zones, feed], progress=lambda label, f: seen.append((label, f)) or True)
    assert report.ok, report.errors
    assert report.checks[1].summary.startswith("3 stops, 1 trips on 2024-")
    assert seen[0] == ("tiny.gpkg:zones", 0.0) and seen[-1][1] == 1.0
    with pytest.raises(AnalysisError, match="cancelled"):
        validate([zones, feed], progress=lambda label, f: False)


def test_validate_never_raises_for_a_broken_source(tmp_path):
    (tmp_path / "x.gpkg").write_bytes(b"garbage" * 100)
    (broken,) = inspect_source(tmp_path / "x.gpkg")
    report = validate([ImportChoice(broken, "zones")])
    assert not report.ok and not report.has_zones
    (err,) = report.errors
    assert err.message.startswith("x.gpkg: cannot read the file (")


# -- manifest --------------------------------------------------------------------------------


def test_write_manifest_and_project_load(tmp_path):
    data = tmp_path / "data"
    write_tiny_project(data)
    soner = norwegian_zones(data)
    write_gtfs(data / "ruter.zip")
    layers = {s.label: s for s in inspect_source(data)}
    choices = [
        ImportChoice.guessed(layers["soner.geojson"]),
        ImportChoice.guessed(layers["tiny.gpkg:population"]),
        ImportChoice.guessed(layers["tiny.gpkg:destinations"]),
        ImportChoice.guessed(layers["indicators.csv"]),
        ImportChoice.guessed(layers["ruter.zip"]),
        ImportChoice(layers["tiny.gpkg:districts"], "context"),
        ImportChoice(layers["tiny.gpkg:zones"], "context"),
    ]
    assert validate(choices).ok
    out = tmp_path / "appdata" / "import1"
    path = write_manifest(choices, out, "Mine soner")
    assert path == out / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    assert manifest["fictional"] is False and manifest["name"] == "Mine soner"
    assert manifest["layers"]["zones"] == {
        "path": str(soner), "layer": "soner",
        "fields": {"zone_id": "Levekårssone_ID", "zone_name": "Sonenavn", "district_id": "Bydel"},
    }
    assert "fields" not in manifest["layers"]["population"]  # identity mappings are left out
    assert set(manifest["layers"]) == {"zones", "population", "destinations", "context", "context_2"}
    assert Path(manifest["gtfs"]["path"]) == data / "ruter.zip"
    assert all(Path(e["path"]).is_absolute() for e in manifest["layers"].values())
    assert not list(out.glob("*.gpkg")) and not list(out.glob(".*"))  # nothing copied, no temp
    project = Project.load(out)
    assert project.fictional is False and project.name == "Mine soner"
    assert len(project.zones) == 6 and project.zones.crs.to_epsg() == 25832
    assert project.zones.index.tolist() == grid_zones().zone_id.tolist()
    assert project.years == [2023, 2024]
    assert project.gtfs_path == data / "ruter.zip"
    zt = project.zone_table()
    assert zt.gdf["population"].sum() > 0


def test_write_manifest_plans_and_refusals(tmp_path, demo_dir):
    layers = {s.label: s for s in inspect_source(demo_dir)}
    zones = ImportChoice.guessed(layers["fjordvik.gpkg:zones"])
    plans = [ImportChoice.guessed(s) for s in layers.values() if s.guessed_role == "plans"]
    assert len(plans) == 3
    report = validate([zones, *plans])
    assert report.ok, report.errors
    path = write_manifest([zones, *plans], tmp_path / "p", "Planer")
    manifest = json.loads(path.read_text("utf-8"))
    assert [Path(p["path"]).name for p in manifest["plans"]] == [
        "plan_a_boligfelt.geojson", "plan_b_park.sos", "plan_c_sentrum.geojson"]
    assert all(p["name"] for p in manifest["plans"])
    assert len(Project.load(path.parent).plans) == 3
    with pytest.raises(DataError, match="no layer has the role 'zones'"):
        write_manifest(plans, tmp_path / "q", "x")
    with pytest.raises(DataError, match="given to 2 layers"):
        write_manifest([zones, zones], tmp_path / "q", "x")
    assert not (tmp_path / "q" / "manifest.json").exists()


def test_import_choice_unpacks_and_reprs():
    layer = src(fields=["zoneName"])
    layer.guessed_role, layer.guessed_fields = "zones", {"zone_id": "zoneName"}
    choice = ImportChoice.guessed(layer)
    source, role, fmap = choice
    assert (source, role, fmap) == (layer, "zones", {"zone_id": "zoneName"})
    assert repr(choice) == "ImportChoice('x.gpkg' as 'zones', fields={'zone_id': 'zoneName'})"
    fmap["zone_name"] = "x"  # the guess is copied, not shared
    assert layer.guessed_fields == {"zone_id": "zoneName"}
    assert ImportChoice.guessed(src()) is None


# -- real data -------------------------------------------------------------------------------


@pytest.mark.realdata
def test_real_trondheim_files_import(shared_data, tmp_path):
    folder = shared_data / "trondheim"
    layers = [
        *inspect_source(folder / "levekarssoner_sentrum_5zones.geojson"),
        *inspect_source(folder / "trondheim_5001_kommunegrense.geojson"),
        *inspect_source(folder / "atb_entur_gtfs_2020-12-14.zip"),
    ]
    assert [s.guessed_role for s in layers] == ["zones", "boundary", "gtfs"]
    assert layers[0].guessed_fields == {"zone_id": "zoneName", "zone_name": "zoneName"}
    assert layers[0].crs == "EPSG:4326" and layers[0].feature_count == 5
    assert layers[2].feature_count == 14039
    choices = [ImportChoice.guessed(s) for s in layers]
    report = validate(choices)
    assert report.ok, [str(e) for e in report.errors]
    assert report.checks[2].summary.startswith("9255 stops")
    path = write_manifest(choices, tmp_path / "trondheim", "Trondheim sentrum")
    project = Project.load(path.parent)
    assert len(project.zones) == 5 and project.zones.crs.to_epsg() == 25832
    assert set(project.zones.index) == {"Hammersborg-Trolla", "Ila", "Midtbyen", "Singsaker",
                                        "Øya-Elgeseter"}
    assert project.layer("boundary").crs.to_epsg() == 25832
    assert project.gtfs_path == folder / "atb_entur_gtfs_2020-12-14.zip"
    assert project.fictional is False
