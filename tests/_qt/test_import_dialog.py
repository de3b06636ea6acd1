"""Import dialog with qtbot: view → model (roles, fields, include) and model → view (report)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from tests import standard_fixtures as S
from tests import standard_fixtures_tables as T
from tests.factories import grid_zones, write_tiny_project
from ungtloft_map._qt.import_dialog import COL_CRS, COL_GEOMETRY, ImportDialog
from ungtloft_map.core.io.importer import (
    ImportChoice,
    Issue,
    LayerCheck,
    SourceLayer,
    ValidationReport,
)
from ungtloft_map.core.project import Project
from ungtloft_map.core.text import format_count

VALIDATE_TIMEOUT = 60_000


@pytest.fixture()
def data_dir(tmp_path):
    """The tiny dataset plus a zones file with Norwegian field names."""
    folder = write_tiny_project(tmp_path / "data")
    zones = grid_zones().rename(columns={"zone_id": "sone_id", "zone_name": "sonenavn"})
    zones.to_crs(4326).to_file(folder / "soner.geojson", driver="GeoJSON")
    return folder


@pytest.fixture()
def dialog(qtbot, tmp_path):
    dlg = ImportDialog(tmp_path / "out")
    qtbot.addWidget(dlg)
    return dlg


def validate_in(qtbot, dlg) -> ValidationReport:
    with qtbot.waitSignal(dlg.validated, timeout=VALIDATE_TIMEOUT) as sig:
        dlg.check_button.click()
    return sig.args[0]


def test_adding_files_fills_the_table_with_guessed_roles(dialog, data_dir):
    assert not dialog.check_button.isEnabled() and not dialog.import_button.isEnabled()
    added = dialog.add_paths([data_dir / "tiny.gpkg", data_dir / "indicators.csv"])
    assert added == 5
    assert dialog.add_paths([data_dir / "tiny.gpkg"]) == 0  # the same layers again are skipped
    t = dialog.layers_table
    assert t.rowCount() == 5
    roles = [dialog.role_combo(i).currentData() for i in range(5)]
    assert roles == ["zones", "districts", "population", "destinations", "indicators"]
    assert [t.item(i, 2).text() for i in range(4)] == ["zones", "districts", "population", "destinations"]
    assert t.item(4, COL_GEOMETRY).text() == "Tabell"
    assert t.item(0, COL_CRS).text() == "EPSG:25832"
    assert dialog.role_combo(0).currentText() == "Levekårssoner"
    # a table is indicators, or a layer role a standard reader makes points/cells of (SSB ssbid
    # CSV, address CSV, housing list); a vector layer gets every vector role
    assert [dialog.role_combo(4).itemData(i) for i in range(dialog.role_combo(4).count())] == [
        None, "indicators", "population", "dwellings", "municipal_housing"]
    assert dialog.role_combo(0).findData("gtfs") == -1
    assert all(dialog.is_included(i) for i in range(5))
    assert [c.role for c in dialog.choices()] == roles
    assert dialog.check_button.isEnabled() and not dialog.import_button.isEnabled()
    assert dialog.status.text() == "5 lag funnet"


def test_selected_layer_shows_mapping_and_preview(dialog, data_dir):
    dialog.add_paths([data_dir / "soner.geojson"])
    dialog.layers_table.selectRow(0)
    assert dialog.fields_table.rowCount() == 3
    assert dialog.fields_table.item(0, 0).text() == "Sone-ID *"
    assert dialog.field_combo("zone_id").currentData() == "sone_id"
    assert dialog.field_combo("zone_name").currentData() == "sonenavn"
    assert dialog.field_combo("district_id").currentData() == "district_id"
    assert not dialog.thumbnail.pixmap().isNull()  # drawn with matplotlib
    assert dialog.head_table.rowCount() == 5
    assert [dialog.head_table.horizontalHeaderItem(i).text() for i in range(3)] == [
        "sone_id", "sonenavn", "district_id"]
    assert dialog.head_table.item(0, 0).text() == "Z00"


def test_view_to_model_role_fields_and_include(dialog, data_dir):
    dialog.add_paths([data_dir / "tiny.gpkg"])
    dialog.layers_table.selectRow(1)  # districts
    # the role combo changes the choice, with a new field guess for the new role
    dialog.role_combo(1).setCurrentIndex(dialog.role_combo(1).findData("context"))
    choice = dialog.choices()[1]
    assert (choice.source.layer, choice.role, choice.field_map) == ("districts", "context", {})
    assert "trenger ingen feltkobling" in dialog.fields_note.text()
    dialog.role_combo(1).setCurrentIndex(dialog.role_combo(1).findData("zones"))
    assert dialog.choices()[1].field_map == {"district_id": "district_id"}
    assert dialog.field_combo("zone_id").currentIndex() == 0  # "– ikke koblet –"
    # the field combos change the mapping
    for target, source in (("zone_id", "district_id"), ("zone_name", "district_name")):
        combo = dialog.field_combo(target)
        combo.setCurrentIndex(combo.findData(source))
    assert dialog.choices()[1].field_map == {
        "district_id": "district_id", "zone_id": "district_id", "zone_name": "district_name"}
    dialog.field_combo("district_id").setCurrentIndex(0)
    assert dialog.choices()[1].field_map == {"zone_id": "district_id", "zone_name": "district_name"}
    # "– ingen –" leaves the layer out; choosing a role ticks it again
    dialog.role_combo(3).setCurrentIndex(0)
    assert [c.source.layer for c in dialog.choices()] == ["zones", "districts", "population"]
    dialog.role_combo(3).setCurrentIndex(dialog.role_combo(3).findData("destinations"))
    assert dialog.is_included(3)
    # the include checkbox
    dialog.set_included(2, False)
    assert not dialog.is_included(2)
    assert [c.source.layer for c in dialog.choices()] == ["zones", "districts", "destinations"]
    dialog.layers_table.selectRow(2)
    dialog.remove_button.click()
    assert [s.layer for s in dialog.sources()] == ["zones", "districts", "destinations"]


def test_second_layer_guessed_as_zones_starts_unticked(dialog, data_dir):
    dialog.add_paths([data_dir / "tiny.gpkg", data_dir / "soner.geojson"])
    row = dialog.row_of("soner.geojson")
    assert dialog.role_combo(row).currentData() == "zones"
    assert not dialog.is_included(row)
    assert [c.role for c in dialog.choices()].count("zones") == 1


def test_model_to_view_validation_report(qtbot, dialog, data_dir):
    df = pd.read_csv(data_dir / "indicators.csv", dtype={"zone_id": str})
    df.loc[df.zone_id == "Z00", "zone_id"] = "Z99"
    df.to_csv(data_dir / "indicators.csv", index=False)
    dialog.add_paths([data_dir / "soner.geojson", data_dir / "indicators.csv"])
    report = validate_in(qtbot, dialog)
    assert report is dialog.report and report.ok
    assert report.unmatched_indicator_ids == ["Z99"] and report.zones_without_indicators == ["Z00"]
    html = dialog.report_view.toPlainText()
    assert "Klar til import – 2 advarsler" in html
    assert "1 sone-ID-er i indikatortabellen finnes ikke i sonelaget: Z99" in html
    assert "1 soner har ingen rader i indikatortabellen: Z00 (Sone Z00)" in html
    assert "soner.geojson som Levekårssoner: 6 objekter i EPSG:25832, omregnet fra EPSG:4326" in html
    assert "12 rader, 6 soner, år 2023–2024" in html
    assert dialog.import_button.isEnabled()
    # any change makes the report stale and disables Importer until checked again
    dialog.set_included(1, False)
    assert dialog.report is None and not dialog.import_button.isEnabled()
    assert "Valgene er endret" in dialog.report_view.toPlainText()


def test_errors_shown_in_red_and_import_disabled(qtbot, dialog, data_dir):
    grid_zones().drop(columns="district_id").to_file(data_dir / "uten_crs.shp")
    (data_dir / "uten_crs.prj").unlink()
    dialog.add_paths([data_dir / "uten_crs.shp"])
    assert dialog.layers_table.item(0, COL_CRS).text() == "mangler"
    report = validate_in(qtbot, dialog)
    assert not report.ok
    text = dialog.report_view.toPlainText()
    assert "1 feil må rettes før import" in text
    assert "no coordinate reference system" in text
    assert "#b30000" in dialog.report_view.toHtml().lower()  # red
    assert not dialog.import_button.isEnabled()
    dialog.accept()  # refused: nothing written, still open
    assert dialog.manifest_path is None and dialog.result() == 0


def test_dataset_level_messages_are_norwegian(dialog):
    src = SourceLayer(Path("/d/a.gpkg"), "a", "vector", "Polygon", 1, "EPSG:25832")
    report = ValidationReport(
        checks=[LayerCheck(src, "districts")],
        issues=[Issue("error", "x", None, "no_zones"),
                Issue("error", "x", None, "duplicate_role", ("districts", "a.gpkg", "b.gpkg"))])
    dialog.show_report(report)
    text = dialog.report_view.toPlainText()
    assert "Ingen lag har rollen «Levekårssoner»" in text
    assert "Rollen «Bydeler» er valgt for flere lag (a.gpkg, b.gpkg); velg ett." in text
    assert "2 feil må rettes før import" in text


def test_same_file_name_in_two_folders_shows_the_folder(dialog, data_dir, demo_dir):
    dialog.add_paths([data_dir / "indicators.csv", demo_dir / "indicators.csv"])
    names = [dialog.layers_table.item(i, 1).text() for i in range(2)]
    assert names == ["data/indicators.csv", "demo/indicators.csv"]
    # both guessed as indicators: only the first is ticked
    assert [dialog.is_included(i) for i in range(2)] == [True, False]


def test_unreadable_file_is_listed_not_fatal(dialog, tmp_path):
    bad = tmp_path / "ødelagt.geojson"
    bad.write_text("{nope")
    assert dialog.add_paths([bad]) == 1
    assert dialog.layers_table.item(0, COL_GEOMETRY).text() == "Kan ikke leses"
    assert not dialog.role_combo(0).isEnabled() and not dialog.is_included(0)
    dialog.layers_table.selectRow(0)
    assert "cannot read" in dialog.preview_message.text()
    assert dialog.choices() == []


def test_accept_writes_a_manifest_that_project_load_opens(qtbot, dialog, data_dir, tmp_path):
    dialog.add_paths([data_dir])
    # the folder holds two zones layers: use the GeoJSON one
    dialog.set_included(dialog.row_of("tiny.gpkg:zones"), False)
    dialog.set_included(dialog.row_of("soner.geojson"), True)
    dialog.name_edit.setText("Testimport")
    assert validate_in(qtbot, dialog).ok
    with qtbot.waitSignal(dialog.accepted):
        dialog.import_button.click()
    assert dialog.manifest_path == tmp_path / "out" / "manifest.json"
    manifest = json.loads(dialog.manifest_path.read_text("utf-8"))
    assert manifest["name"] == "Testimport" and manifest["fictional"] is False
    assert manifest["layers"]["zones"]["fields"] == {"zone_id": "sone_id", "zone_name": "sonenavn"}
    project = Project.load(dialog.manifest_path.parent)
    assert len(project.zones) == 6 and project.years == [2023, 2024]
    assert set(project.layers) == {"zones", "districts", "population", "destinations"}


def test_closing_while_checking_is_safe(qtbot, dialog, data_dir):
    dialog.add_paths([data_dir / "tiny.gpkg"])
    dialog.check_button.click()
    assert not dialog.check_button.isEnabled()  # busy
    dialog.reject()
    qtbot.wait(300)  # the worker finishes into nothing
    assert dialog.report is None


@pytest.mark.realdata
def test_real_trondheim_files(qtbot, dialog, shared_data, tmp_path):
    folder = shared_data / "trondheim"
    dialog.add_paths([folder / "levekarssoner_sentrum_5zones.geojson",
                      folder / "trondheim_5001_kommunegrense.geojson",
                      folder / "atb_entur_gtfs_2020-12-14.zip"])
    assert [dialog.role_combo(i).currentData() for i in range(3)] == ["zones", "boundary", "gtfs"]
    dialog.layers_table.selectRow(0)
    assert dialog.field_combo("zone_id").currentData() == "zoneName"
    assert dialog.field_combo("zone_name").currentData() == "zoneName"
    dialog.layers_table.selectRow(2)
    assert not dialog.thumbnail.pixmap().isNull()  # the stops
    assert dialog.layers_table.item(2, 4).text() == "14\u00a0039"
    with qtbot.waitSignal(dialog.validated, timeout=120_000) as sig:
        dialog.check_button.click()
    assert sig.args[0].ok, [str(e) for e in sig.args[0].errors]
    # 9255 as core.text writes counts (Språkrådet: no space in a four-digit number)
    assert f"{format_count(9255)} stopp" in dialog.report_view.toPlainText()
    dialog.import_button.click()
    project = Project.load(dialog.manifest_path.parent)
    assert len(project.zones) == 5 and project.zones.crs.to_epsg() == 25832
    assert project.gtfs_path == folder / "atb_entur_gtfs_2020-12-14.zip"
    assert dialog.result() == 1


@pytest.mark.realdata
def test_real_n50_sample_is_green_areas(qtbot, dialog, shared_data):
    dialog.add_paths([shared_data / "trondheim" / "levekarssoner_sentrum_5zones.geojson",
                      shared_data / "sosi" / "n50_arealdekke_testfile2.sos"])
    assert dialog.role_combo(1).currentData() == "green_areas"
    assert dialog.preset_text(1) == "Kartverket N50/FKB Arealdekke"
    dialog.layers_table.selectRow(1)
    assert dialog.field_combo("source_class").currentData() == "OBJTYPE"
    assert not dialog.thumbnail.pixmap().isNull()
    report = validate_in(qtbot, dialog)
    assert report.ok, [str(e) for e in report.errors]
    assert report.checks[1].facts["features"] == 180  # 76 forest, 91 open, 12 marsh, 1 lake


def test_choices_match_the_core_guess(dialog, data_dir):
    from ungtloft_map.core.io.importer import inspect_source

    dialog.add_paths([data_dir / "soner.geojson"])
    expected = ImportChoice.guessed(inspect_source(data_dir / "soner.geojson")[0])
    (got,) = dialog.choices()
    assert (got.role, got.field_map) == (expected.role, expected.field_map)
    assert dialog.layers_table.item(0, 0).checkState() == Qt.CheckState.Checked


def test_standard_sources_show_their_preset_and_import(qtbot, dialog, tmp_path):
    src = tmp_path / "kilder"
    src.mkdir()
    zones = S.write_zones_over_grid(src)
    grid = S.write_ssb_gml(src, 250)
    n50 = S.write_n50_sosi(src)
    dwellings = T.write_matrikkel_dwellings(src / "matrikkel_boliger.geojson")
    housing = T.write_housing_list(src / "kommunale_boliger.csv")
    dialog.add_paths([zones, grid, n50, dwellings, housing])
    rows = {p.name: dialog.row_of(p.name) for p in (zones, grid, n50, dwellings, housing)}
    shown = {name: (dialog.role_combo(i).currentData(), dialog.preset_text(i))
             for name, i in rows.items()}
    assert shown == {
        zones.name: ("zones", ""),
        grid.name: ("population", "SSB befolkning på rutenett 250 m"),
        n50.name: ("green_areas", "Kartverket N50/FKB Arealdekke"),
        dwellings.name: ("dwellings", "Adressepunkter med bruksenheter (matrikkel)"),
        housing.name: ("municipal_housing", "Kommunale boliger: adresseliste"),
    }
    # The preset's mapping is shown and editable: the reader's own fields.
    dialog.layers_table.selectRow(rows[grid.name])
    assert dialog.field_combo("population").currentData() == "popTot"
    assert dialog.field_combo("ssbid").currentData() == "ssbid250m"
    assert "SSB befolkning på rutenett 250 m" in dialog.fields_note.text()
    dialog.layers_table.selectRow(rows[housing.name])
    assert dialog.field_combo("street").currentData() == "Gateadresse"
    # Another role drops the preset (generic reader); back to its role brings it back.
    combo = dialog.role_combo(rows[grid.name])
    combo.setCurrentIndex(combo.findData("context"))
    assert dialog.preset_text(rows[grid.name]) == ""
    combo.setCurrentIndex(combo.findData("population"))
    assert dialog.preset_text(rows[grid.name]) == "SSB befolkning på rutenett 250 m"
    readers = {c.role: c.reader for c in dialog.choices()}
    assert readers == {"zones": None, "population": "ssb_grid", "green_areas": "landcover",
                       "dwellings": "addresses", "municipal_housing": "municipal_housing_addresses"}
    assert validate_in(qtbot, dialog).ok
    with qtbot.waitSignal(dialog.accepted):
        dialog.import_button.click()
    out = dialog.manifest_path.parent
    assert (out / "kommunale_boliger_ikke_funnet.csv").exists()
    project = Project.load(out)
    assert int(project.zone_table().gdf["population"].sum()) == sum(c.pop for c in S.ssb_cells(250))
    assert int(project.layer("municipal_housing")["units"].sum()) == sum(T.housing_truth().values())


def test_wide_levekar_table_shows_its_columns(dialog, tmp_path):
    path = T.write_wide_levekar_xlsx(tmp_path / "levekår_bred.xlsx")
    dialog.add_paths([path])
    assert dialog.role_combo(0).currentData() == "indicators"
    assert dialog.preset_text(0) == "Levekårstabell (bred: soner i rader)"
    dialog.layers_table.selectRow(0)
    assert dialog.field_combo("zone_id").currentData() == "Sonenr"
    assert dialog.field_combo("year") is None  # a wide table has its years in the headers
    combo = dialog.field_combo("low_income_rate:2022")
    assert combo.currentData() == "Lavinntekt (EU60), andel (%) 2022"
    (choice,) = dialog.choices()
    assert choice.field_map["social_assistance_count:2021"].startswith("Mottakere av sosialhjelp")
