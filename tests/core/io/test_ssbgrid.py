"""read_ssb_grid / looks_like_ssb_grid on fixtures written from SSB's format (tests/standard_fixtures)."""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
from shapely.geometry import Point

from tests import standard_fixtures as sf
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.ssbgrid import (
    cells_from_ssbid,
    looks_like_ssb_grid,
    read_ssb_grid,
    ssbid_from_corner,
)


def _expected(size):
    cells = sf.ssb_cells(size)
    return {str(c.ssbid): c for c in cells}


def _check_grid(grid, size):
    exp = _expected(size)
    gdf = grid.gdf
    assert gdf.crs.to_epsg() == 25832
    assert grid.cell_size_m == size
    assert set(gdf["ssbid"]) == set(exp)
    assert gdf["population"].dtype == np.int64
    for row in gdf.itertuples():
        cell = exp[row.ssbid]
        assert row.population == cell.pop
        # the cell square, rebuilt from the id, back in EPSG:25833 is the cell written
        back = gpd.GeoSeries([row.geometry], crs=25832).to_crs(25833).iloc[0]
        assert back.symmetric_difference(cell.polygon()).area < 0.01 * size
        assert abs(back.area - size * size) < 1e-3 * size * size
    assert gdf["population"].sum() == sum(c.pop for c in exp.values())


def test_ssbid_arithmetic_follows_ssb_definition():
    # (E + 2 000 000) * 10^7 + N of the lower-left corner
    assert int(ssbid_from_corner(270_000, 7_040_000)) == 22_700_007_040_000
    assert int(ssbid_from_corner(-50_000, 6_600_000)) == 19_500_006_600_000
    box = cells_from_ssbid([22_700_007_040_000], 1000).iloc[0]
    assert box.bounds == (270_000, 7_040_000, 271_000, 7_041_000)


@pytest.mark.parametrize("size", [250, 1000])
def test_gml_from_geonorge(tmp_path, size):
    path = sf.write_ssb_gml(tmp_path, size)
    grid = read_ssb_grid(path)
    _check_grid(grid, size)
    assert grid.layer == ("BefolkningPåRuter250m" if size == 250 else "BefolkningPåRuter1km")
    assert grid.id_field == ("ssbid250m" if size == 250 else "ssbid1000M")
    assert grid.source_crs.startswith("EPSG:25833")
    exp = _expected(size)
    assert grid.gdf["year"].tolist() == [2023] * len(exp)
    if size == 250:  # the 250 m product has the total only
        assert "pop_female" not in grid.gdf.columns and "mean_age" not in grid.gdf.columns
    else:
        for row in grid.gdf.itertuples():
            assert row.pop_female == exp[row.ssbid].fem
            assert row.pop_male == exp[row.ssbid].mal
            assert row.mean_age == pytest.approx(exp[row.ssbid].mean_age)
    coarse = [w for w in grid.warnings if "coarse" in w.message]
    assert bool(coarse) == (size == 1000)


@pytest.mark.parametrize("size", [250, 1000])
def test_sosi(tmp_path, size):
    path = sf.write_ssb_sosi(tmp_path, size)
    grid = read_ssb_grid(path)
    _check_grid(grid, size)
    assert grid.layer == sf._ssb_names(size)[0]  # the OBJTYPE
    assert grid.gdf["pop_female"].tolist() == [c.fem for c in sf.ssb_cells(size)]
    guess = looks_like_ssb_grid(path)
    assert guess.field_map["population"] == "POPTOT" and guess.cell_size_m == size


def test_wfs_shaped_gml_with_a_grense_layer(tmp_path):
    path = sf.write_ssb_gml(tmp_path, 250, wfs=True)
    layers = [n for n, _ in pyogrio.list_layers(path)]
    assert layers[0] == "BefolkningPåRuter250mGrense"  # the border lines come first
    grid = read_ssb_grid(path)
    _check_grid(grid, 250)
    assert grid.layer == "BefolkningPåRuter250m"
    assert grid.gdf["year"].tolist() == [2023] * 6  # from statistikkAr
    assert looks_like_ssb_grid(path).layer == "BefolkningPåRuter250m"


def test_geojson(tmp_path):
    _check_grid(read_ssb_grid(sf.write_ssb_geojson(tmp_path)), 250)


def test_filegdb_written_by_openfilegdb(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        path = sf.write_ssb_filegdb(tmp_path, 1000)
    assert path.is_dir()
    grid = read_ssb_grid(path)
    _check_grid(grid, 1000)
    assert grid.id_field == "ssbid1000M"  # a Double in the FileGDB: still read as exact ids


@pytest.mark.parametrize("sep", [";", ","])
def test_csv_of_ids_only_rebuilds_the_cells(tmp_path, sep):
    path = sf.write_ssb_csv(tmp_path, 250, sep=sep)
    grid = read_ssb_grid(path)
    _check_grid(grid, 250)
    assert grid.layer is None and grid.warnings == []  # 250 m is evident from the ids


@pytest.mark.parametrize("size", [250, 1000])
def test_ssb_own_table_layout(tmp_path, size):
    path = sf.write_ssb_csv(tmp_path, size, ssb_kart=True)
    grid = read_ssb_grid(path)
    _check_grid(grid, size)
    assert grid.id_field == ("SSBID250M" if size == 250 else "SSBID1000M")
    assert not any("guessed" in w.message for w in grid.warnings)
    exp = _expected(size)
    for row in grid.gdf.itertuples():
        assert row.mean_age == pytest.approx(exp[row.ssbid].mean_age)  # "41,2" -> 41.2
        assert row.pop_male == exp[row.ssbid].mal


def test_csv_of_1km_ids_guesses_the_size_and_says_so(tmp_path):
    grid = read_ssb_grid(sf.write_ssb_csv(tmp_path, 1000))
    _check_grid(grid, 1000)
    assert any("guessed from the ids" in w.message for w in grid.warnings)
    # the id field's name settles the size without a guess
    named = read_ssb_grid(sf.write_ssb_csv(tmp_path, 1000, name="n.csv", id_header="ssbid1000M"))
    assert not any("guessed" in w.message for w in named.warnings)
    # so does an explicit size
    assert read_ssb_grid(sf.write_ssb_csv(tmp_path, 1000), cell_size_m=1000).cell_size_m == 1000


def test_grid_in_25832_and_4326_is_checked_against_the_ids(tmp_path):
    src = read_ssb_grid(sf.write_ssb_geojson(tmp_path)).gdf
    for epsg in (25832, 4326, 5972, 32633):  # 32633: WGS 84 / UTM 33N, kart.ssb.no exports
        p = tmp_path / f"grid_{epsg}.gpkg"
        src.rename(columns={"ssbid": "ssbid250m", "population": "popTot"})[
            ["ssbid250m", "popTot", "geometry"]].to_crs(epsg).to_file(p, layer="ruter")
        _check_grid(read_ssb_grid(p), 250)


def test_cells_without_an_id_field_get_their_ids_from_the_geometry(tmp_path):
    cells = sf.ssb_cells(1000)
    p = tmp_path / "ruter_uten_id.geojson"
    gpd.GeoDataFrame({"popTot": [c.pop for c in cells]}, geometry=[c.polygon() for c in cells],
                     crs=25833).to_file(p)
    grid = read_ssb_grid(p)
    _check_grid(grid, 1000)
    assert grid.id_field is None
    assert any("ids computed from the cell geometry" in w.message for w in grid.warnings)


def test_cp1252_csv(tmp_path):
    p = tmp_path / "bosatte_rutenett.csv"
    p.write_bytes("rute_id;Bosatte;År\n22700007040000;12;2023\n".encode("cp1252"))
    grid = read_ssb_grid(p, cell_size_m=250)
    assert grid.gdf["population"].tolist() == [12] and grid.gdf["year"].tolist() == [2023]


def test_bad_optional_counts_are_left_empty_with_a_warning(tmp_path):
    p = tmp_path / "b.csv"
    p.write_text("ssbid;popTot;popFem;popAve\n22700007040000;12;;41,5\n22702507040000;3;1;50\n",
                 encoding="utf-8")
    grid = read_ssb_grid(p)
    assert grid.gdf["population"].tolist() == [12, 3]
    assert grid.gdf["pop_female"].isna().tolist() == [True, False]
    assert grid.gdf["mean_age"].tolist() == [41.5, 50.0]  # decimal comma
    (w,) = [w for w in grid.warnings if w.field == "popFem"]
    assert "row 1" in w.message and "left empty" in w.message


def test_as_layer_is_a_population_layer(tmp_path):
    layer = read_ssb_grid(sf.write_ssb_gml(tmp_path)).as_layer()
    assert layer.role == "population"
    assert layer.gdf.crs.to_epsg() == 25832
    assert "population" in layer.gdf.columns


def test_sniff_guesses_the_field_mapping(tmp_path):
    g = looks_like_ssb_grid(sf.write_ssb_gml(tmp_path, 1000))
    assert g.layer == "BefolkningPåRuter1km" and g.cell_size_m == 1000
    assert g.field_map["ssbid"] == "ssbid1000M" and g.field_map["population"] == "popTot"
    assert g.field_map["year"] == "statistikkÅr"
    c = looks_like_ssb_grid(sf.write_ssb_csv(tmp_path))
    assert c.layer is None and not c.has_geometry and c.field_map["population"] == "popTot"
    # not a grid: zones, an N50 file, a table without ids
    z = tmp_path / "zones.geojson"
    gpd.GeoDataFrame({"zone_id": ["a"], "pop": [3]}, geometry=[Point(0, 0).buffer(1)],
                     crs=25832).to_file(z)
    assert looks_like_ssb_grid(z) is None
    assert looks_like_ssb_grid(sf.write_n50_gml(tmp_path)) is None
    assert looks_like_ssb_grid(sf.write_n50_sosi(tmp_path)) is None
    t = tmp_path / "t.csv"
    t.write_text("sone;bosatte\n1;4\n", encoding="utf-8")
    assert looks_like_ssb_grid(t) is None


# ------------------------------------------------------------------------------ bad input


def test_id_that_does_not_match_its_geometry(tmp_path):
    path = sf.write_ssb_gml(tmp_path, bad_id_row=2)
    with pytest.raises(DataError) as err:
        read_ssb_grid(path)
    msg = str(err.value)
    assert path.name in msg and "layer 'BefolkningPåRuter250m'" in msg
    assert "field 'ssbid250m'" in msg and "row 3" in msg
    assert "does not match" in msg and str(sf.ssb_cells()[2].ssbid) in msg  # the right id


def test_population_field_with_text(tmp_path):
    for path in (sf.write_ssb_gml(tmp_path, text_pop_row=1),
                 sf.write_ssb_csv(tmp_path, text_pop_row=1)):
        with pytest.raises(DataError) as err:
            read_ssb_grid(path)
        msg = str(err.value)
        assert path.name in msg and "field 'popTot'" in msg and "row 2" in msg
        assert "'ca. 40'" in msg


def test_other_bad_ids_and_counts(tmp_path):
    cases = {
        "ssbid;popTot\nabc;3\n": "not an SSB cell id",
        "ssbid;popTot\n22700007040000;3\n22700007040000;5\n": "duplicate cell ids",
        "ssbid;popTot\n22700107040000;3\n": "not on the 250 m SSB grid",
        "ssbid;popTot\n22700007040000;-3\n": "non-negative whole number",
        "ssbid;popTot\n22700007040000;2.5\n": "non-negative whole number",
        "ssbid;popTot\n22700007040000;\n": "an empty value",
        "ssbid;popTot\n22700000000000;3\n": "outside Norway",
        "rute;antall_personer\n1;3\n": "no population field",
    }
    for k, (text, expected) in enumerate(cases.items()):
        p = tmp_path / f"bad{k}.csv"
        p.write_text(text, encoding="utf-8")
        with pytest.raises(DataError, match=expected) as err:
            read_ssb_grid(p, cell_size_m=250 if "2270010" in text else None)
        assert p.name in str(err.value)


def test_missing_file_and_layer_without_grid(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        read_ssb_grid(tmp_path / "nope.gml")
    with pytest.raises(DataError, match="no layer looks like a population grid"):
        read_ssb_grid(sf.write_n50_gml(tmp_path))


def test_every_standard_source_is_recognised_by_exactly_one_reader(tmp_path):
    """The sniffers the import dialog uses: a grid is no land cover and the other way round."""
    from ungtloft_map.core.io.landcover import looks_like_landcover

    files = sf.write_standard_sources(tmp_path)
    for label, path in files.items():
        grid, cover = looks_like_ssb_grid(path), looks_like_landcover(path)
        if label.startswith("ssb_"):
            assert grid is not None and cover is None, label
            assert read_ssb_grid(path).gdf["population"].sum() in (308, 4055), label
        elif label.startswith(("n50_", "osm_")):
            assert grid is None and cover is not None, label
        else:
            assert grid is None and cover is None, label


def test_1km_cells_over_small_zones_fixture(tmp_path):
    grid = read_ssb_grid(sf.write_ssb_gml(tmp_path, 1000)).gdf.to_crs(25833)
    zones = gpd.read_file(sf.write_zones_over_grid(tmp_path))
    assert len(zones) == 8 and zones.crs.to_epsg() == 25833
    # every 1 km cell is split over exactly two zones, half and half (areas in EPSG:25833,
    # where the cells are exact squares)
    pieces = gpd.overlay(grid, zones, how="intersection", keep_geom_type=False)
    pieces = pieces[pieces.geom_type.str.contains("Polygon") & (pieces.area > 1.0)]
    assert pieces.groupby("ssbid").size().eq(2).all()
    assert np.allclose(pieces.area, 500_000, rtol=1e-3)


# Found by tests/robustness/test_fuzz_ssbgrid.py (make fuzz): values beyond int64 and field
# names that are not UTF-8.


@pytest.mark.parametrize("value", ["1e308", "1e30", "9" * 30])
def test_count_too_large_is_refused_not_wrapped(tmp_path, value):
    path = sf.write_ssb_csv(tmp_path, 1000, ssb_kart=True)
    lines = path.read_text().splitlines()
    first = lines[1].split(";")
    first[1] = value
    lines[1] = ";".join(first)
    path.write_text("\n".join(lines) + "\n")
    # was: int64 overflow into -9,223,372,036,854,775,808 residents, no error
    with pytest.raises(DataError, match="not a count of residents") as err:
        read_ssb_grid(path)
    assert err.value.field == "pop_tot" and err.value.row == 1


@pytest.mark.parametrize("column", [2, 3])
@pytest.mark.parametrize("value", ["inf", "1e308"])
def test_optional_count_too_large_is_left_empty(tmp_path, column, value):
    path = sf.write_ssb_csv(tmp_path, 1000, ssb_kart=True)
    lines = path.read_text().splitlines()
    first = lines[1].split(";")
    first[column] = value
    lines[1] = ";".join(first)
    path.write_text("\n".join(lines) + "\n")
    grid = read_ssb_grid(path)  # was: OverflowError
    target = {2: "pop_male", 3: "pop_female"}[column]
    assert grid.gdf[target].isna().sum() == 1
    assert any("not counts" in w.message for w in grid.warnings)


@pytest.mark.parametrize("value", ["inf", "1e308", "-5", "abc"])
def test_year_that_is_no_year_is_left_empty(tmp_path, value):
    path = sf.write_ssb_gml(tmp_path, 1000)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<app:statistikkÅr>2023<", f"<app:statistikkÅr>{value}<", 1),
                    encoding="utf-8")
    grid = read_ssb_grid(path)  # was: OverflowError for inf and 1e308
    assert grid.gdf["year"].isna().sum() == 1
    assert set(grid.gdf["year"].dropna()) == {2023}
    assert any("not years" in w.message for w in grid.warnings)


def test_field_name_that_is_not_utf8(tmp_path):
    path = sf.write_ssb_geojson(tmp_path, 1000)
    path.write_bytes(path.read_bytes().replace(b'"popFem"', b'"\x80opFem"'))
    # was: UnicodeDecodeError from pyogrio.read_info while picking the layer
    with pytest.raises(DataError, match="cannot read the layer") as err:
        read_ssb_grid(path)
    assert err.value.layer == "BefolkningPåRuter1km"


def test_header_with_a_line_break_is_named_on_one_line(tmp_path):
    path = tmp_path / "befolkning.csv"
    path.write_text('ssbid;"antall\nbeboere"\n22700007040000;5\n')
    with pytest.raises(DataError, match="no population field") as err:
        read_ssb_grid(path)
    assert "\n" not in str(err.value) and "antall beboere" in str(err.value)
