"""Importer on the standard sources: inspect -> preset -> validate -> write_manifest -> Project.

Every fixture is written by ``tests/standard_fixtures*.py`` from the format's specification;
the expected values come from those writers' truths, not from the readers.
"""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import pytest

from tests import standard_fixtures as S
from tests import standard_fixtures_tables as T
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.importer import (
    ImportChoice,
    inspect_source,
    role_fields,
    validate,
    write_manifest,
)
from ungtloft_map.core.io.sources import UNMATCHED_REPORT_NAME, read_source
from ungtloft_map.core.project import Project


def _one(path: Path):
    found = inspect_source(path)
    assert len(found) == 1, found
    return found[0]


def _zones(folder: Path):
    return ImportChoice.guessed(_one(S.write_zones_over_grid(folder)))


def _load(choices, out: Path, report=None) -> Project:
    manifest = write_manifest(choices, out, "Standardkilder", report=report)
    data = json.loads(manifest.read_text("utf-8"))
    assert data["format_version"] == 1
    return Project.load(out)


def _gdb(folder, size):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return S.write_ssb_filegdb(folder, size)


# --------------------------------------------------------------------------------------------
# SSB population grid


SSB_WRITERS = {
    "gml_250m": (lambda f: S.write_ssb_gml(f, 250), 250, "ssb_grid_250m"),
    "gml_1km": (lambda f: S.write_ssb_gml(f, 1000), 1000, "ssb_grid_1km"),
    "geojson_250m": (lambda f: S.write_ssb_geojson(f, 250), 250, "ssb_grid_250m"),
    "filegdb_250m": (lambda f: _gdb(f, 250), 250, "ssb_grid_250m"),
    "sosi_250m": (lambda f: S.write_ssb_sosi(f, 250), 250, "ssb_grid_250m"),
    "csv_250m": (lambda f: S.write_ssb_csv(f, 250), 250, "ssb_grid_250m"),
    "csv_1km": (lambda f: S.write_ssb_csv(f, 1000), 1000, "ssb_grid_1km"),
}


@pytest.mark.parametrize("fmt", sorted(SSB_WRITERS))
def test_ssb_grid_through_the_importer(tmp_path, fmt):
    write, size, key = SSB_WRITERS[fmt]
    src = _one(write(tmp_path))
    assert src.preset is not None and src.preset.key == key
    assert src.preset.label == "SSB befolkning på rutenett " + ("250 m" if size == 250 else "1 km")
    assert src.guessed_role == "population" and src.preset.reader == "ssb_grid"
    assert src.guessed_fields["population"].lower() == "poptot"
    choice = ImportChoice.guessed(src)
    assert choice.reader == "ssb_grid"
    report = validate([_zones(tmp_path), choice])
    assert report.ok, [str(i) for i in report.errors]
    project = _load([_zones(tmp_path), choice], tmp_path / "out")
    entry = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))["layers"]["population"]
    assert entry["reader"] == "ssb_grid"
    cells = S.ssb_cells(size)
    pop = project.layer("population")
    assert pop.crs.to_epsg() == 25832
    assert sorted(pop["ssbid"].astype(str)) == sorted(str(c.ssbid) for c in cells)
    # Every cell lies under the zones: the zones hold exactly the grid's residents.
    assert int(project.zone_table().gdf["population"].sum()) == sum(c.pop for c in cells)
    # Cells rebuilt from the ids in EPSG:25833, seen in EPSG:25832 (a little smaller there).
    assert pop.geometry.area.to_numpy() == pytest.approx(size * size, rel=0.005)


# --------------------------------------------------------------------------------------------
# green structure


GREEN_WRITERS = {
    "n50_sosi": (S.write_n50_sosi, "n50"),
    "n50_gml": (S.write_n50_gml, "n50"),
    "osm_xml": (S.write_osm_xml, "osm"),
    "osm_pbf": (S.write_osm_pbf, "osm"),
}
N50_GREEN_M2 = (8 + 4 + 2 + 2 + 1) * 10_000  # forest, open, marsh, park, sports (the fixture)


@pytest.mark.parametrize("fmt", sorted(GREEN_WRITERS))
def test_landcover_through_the_importer(tmp_path, fmt):
    write, key = GREEN_WRITERS[fmt]
    src = _one(write(tmp_path))
    assert src.preset is not None and src.preset.key == key
    assert src.guessed_role == "green_areas" and src.preset.reader == "landcover"
    choices = [_zones(tmp_path), ImportChoice.guessed(src)]
    report = validate(choices)
    assert report.ok, [str(i) for i in report.errors]
    green = _load(choices, tmp_path / "out").layer("green_areas")
    assert green.crs.to_epsg() == 25832
    area = green.geometry.area.groupby(green["kind"]).sum()
    if key == "n50":
        # Farmland, built-up land, the golf course and the 10 ha lake are not green.
        assert set(area.index) <= {"forest", "open", "wetland", "park", "sports", "lake"}
        assert area.sum() == pytest.approx(N50_GREEN_M2, rel=0.01)
    else:
        want = {kind: m2 for *_x, exp in S.OSM_AREAS if exp for kind, m2 in [exp]}
        for kind in ("park", "sports", "playground"):
            assert area[kind] == pytest.approx(want[kind], rel=0.02)
        assert area["forest"] == pytest.approx(want["forest"] + S.OSM_WOOD_AREA, rel=0.02)


# --------------------------------------------------------------------------------------------
# dwellings and the municipal-housing list


def _register_units() -> int:
    return sum(u for *_r, u in T.ADDRESS_REGISTER if u is not None)


def test_dwellings_and_housing_list_through_the_importer(tmp_path):
    d_src = _one(T.write_matrikkel_dwellings(tmp_path / "matrikkel_boliger.geojson"))
    h_src = _one(T.write_housing_list(tmp_path / "kommunale_boliger.csv"))
    assert (d_src.preset.key, d_src.guessed_role, d_src.preset.reader) == (
        "addresses", "dwellings", "addresses")
    assert d_src.guessed_fields["dwellings"] == "bruksenheter"
    assert (h_src.preset.key, h_src.guessed_role, h_src.preset.reader) == (
        "municipal_housing_list", "municipal_housing", "municipal_housing_addresses")
    assert h_src.guessed_fields["street"] == "Gateadresse"
    assert set(h_src.guessed_fields) <= set(role_fields("municipal_housing",
                                                        "municipal_housing_addresses")[1])
    # The housing list comes first: the join still finds the dwellings' address points.
    choices = [_zones(tmp_path), ImportChoice.guessed(h_src), ImportChoice.guessed(d_src)]
    report = validate(choices)
    assert report.ok, [str(i) for i in report.errors]
    unmatched = [h for h in T.HOUSING_ROWS if h[5] is None and h[0] != "Sum"]
    assert len(report.unmatched_addresses) == len(unmatched)
    out = tmp_path / "out"
    project = _load(choices, out, report)
    assert int(project.layer("dwellings")["dwellings"].sum()) == _register_units()
    housing = project.layer("municipal_housing")
    assert int(housing["units"].sum()) == sum(T.housing_truth().values())
    # The unmatched rows: a CSV next to the manifest, and warnings naming the list and field.
    entry = json.loads((out / "manifest.json").read_text("utf-8"))["layers"]["municipal_housing"]
    assert entry["unmatched_report"] == UNMATCHED_REPORT_NAME
    with open(out / UNMATCHED_REPORT_NAME, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert len(rows) == len(unmatched)
    assert any("no number 99" in r["reason"] for r in rows)
    texts = [str(w) for w in project.warnings]
    assert any("kommunale_boliger.csv" in t and "Gateadresse" in t and "no number 99" in t
               for t in texts)


def test_housing_list_without_dwellings_is_one_error(tmp_path):
    h_src = _one(T.write_housing_list(tmp_path / "kommunale_boliger.csv"))
    report = validate([_zones(tmp_path), ImportChoice.guessed(h_src)])
    assert not report.ok
    (err,) = report.errors
    assert err.code == "needs_addresses" and "dwellings" in str(err)


def test_housing_list_where_no_address_matches(tmp_path):
    d_src = _one(T.write_matrikkel_dwellings(tmp_path / "matrikkel_boliger.geojson"))
    bad = tmp_path / "boliger_feil.csv"
    bad.write_text("Gateadresse;Husnr;Postnr;Antall boliger\nMunkegata;1;7011;3\n"
                   "Nordre gate;9;7011;2\n", encoding="utf-8")
    h_src = _one(bad)
    assert h_src.guessed_role == "municipal_housing"
    report = validate([_zones(tmp_path), ImportChoice.guessed(h_src), ImportChoice.guessed(d_src)])
    assert not report.ok
    (err,) = report.errors
    text = str(err)
    assert "boliger_feil.csv" in text and "'Gateadresse'" in text
    assert "none of the 2 addresses matched" in text and "street not found" in text
    # Project.load says the same.
    with pytest.raises(DataError, match="none of the 2 addresses matched"):
        read_source(bad, "municipal_housing", reader="municipal_housing_addresses",
                    siblings={"dwellings": {"path": str(d_src.path), "reader": "addresses"}})


# --------------------------------------------------------------------------------------------
# levekår tables


def _wide_zones(folder: Path, ids) -> Path:
    import geopandas as gpd
    from shapely.geometry import box

    gdf = gpd.GeoDataFrame(
        {"Sonenr": [i for i, _ in ids], "Levekårssone": [n for _, n in ids]},
        geometry=[box(S.GRID_E0 + k * 500, S.GRID_N0, S.GRID_E0 + (k + 1) * 500, S.GRID_N0 + 500)
                  for k in range(len(ids))], crs="EPSG:25833")
    path = folder / "levekårssoner.geojson"
    gdf.to_file(path, driver="GeoJSON")
    return path


def test_wide_levekar_table_through_the_importer(tmp_path):
    table = _one(T.write_wide_levekar_xlsx(tmp_path / "levekår_bred.xlsx"))
    assert table.preset is not None and table.preset.key == "levekar_wide"
    assert table.guessed_role == "indicators" and table.preset.reader is None
    assert table.guessed_fields["zone_id"] == "Sonenr"
    zones = ImportChoice.guessed(_one(_wide_zones(tmp_path, T.WIDE_ZONES)))
    assert zones.field_map["zone_id"] == "Sonenr"
    choices = [zones, ImportChoice.guessed(table)]
    report = validate(choices)
    assert report.ok, [str(i) for i in report.errors]
    project = _load(choices, tmp_path / "out")
    assert project.years == list(T.WIDE_YEARS)
    truth = T.wide_truth()
    got = project.indicators.set_index(["zone_id", "year"])
    want = truth.set_index(["zone_id", "year"])["social_assistance_count"]
    have = got["social_assistance_count"].reindex(want.index)
    # Suppressed cells ("..", ":") stay missing; every published count is read as published.
    suppressed = {(z, y) for (z, y, key) in T.SUPPRESSED if key == "social_assistance"}
    assert {k for k, v in have.items() if v != v} == suppressed
    keep = [k for k in want.index if k not in suppressed]
    assert have[keep].tolist() == want[keep].tolist()


def test_wide_table_matching_no_zone_is_one_clear_error(tmp_path):
    table = _one(T.write_wide_levekar_xlsx(tmp_path / "levekår_bred.xlsx"))
    zones = _zones(tmp_path)  # ids 5001-01 ... 5001-08
    report = validate([zones, ImportChoice.guessed(table)])
    assert not report.ok
    (err,) = [e for e in report.errors if e.code == "no_matching_ids"]
    text = str(err)
    assert "levekår_bred.xlsx" in text and "'Sonenr'" in text
    assert "'0101', '0102'" in text and "'5001-01', '5001-02'" in text


def test_wide_levekar_csv_with_a_title_row_is_recognised(tmp_path):
    # Found by tests/robustness/test_fuzz_importer.py: the kommune's ;-separated CSV with a
    # title row above the header was "cannot parse the table (Error tokenizing data ...)" in
    # the import dialog, though read_indicator_table reads it.
    table = _one(T.write_wide_levekar_csv(tmp_path / "levekar.csv"))
    assert table.error is None
    assert table.preset is not None and table.preset.key == "levekar_wide"
    choice = ImportChoice.guessed(table)
    assert choice is not None and choice.role == "indicators"
    report = validate([choice])
    assert not [i for c in report.checks for i in c.issues if i.level == "error"]
    assert report.checks[0].facts["zones"] == len(T.WIDE_ZONES)


def test_damaged_n50_sosi_is_not_reported_as_a_plan_only(tmp_path):
    # Trying `ungtloft-map import --green` with an N50 file cut in half said only "has no plan
    # polygons (no RpOmråde ...)": the land-cover sniffer said no, and the plan reader spoke last.
    path = S.write_n50_sosi(tmp_path)
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    src = _one(path)
    assert src.error is not None and "land cover" in src.error and "N50" in src.error
    assert path.name in src.error
