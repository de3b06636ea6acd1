"""One concrete input per bug the fuzz suite found (issue #9): each used to escape a reader as
another exception type (named in the test) and must now be a DataError naming the file -- or,
where the input is usable, load.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.factories import write_tiny_project
from tests.robustness._samples import GTFS_DATE, GTFS_MEMBERS, SOSI_PLAN, gml_plan, gtfs_zip
from ungtloft_map.core.catalogue import Catalogue
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.gtfs import load_gtfs
from ungtloft_map.core.io.plangml import read_plan_gml
from ungtloft_map.core.io.plans import read_plan
from ungtloft_map.core.io.sosi import arc_through_points, read_sosi, read_sosi_plan
from ungtloft_map.core.io.tables import read_indicator_table
from ungtloft_map.core.io.vector import read_layer
from ungtloft_map.core.project import Project

MANY_DIGITS = "9" * 5000  # int() refuses more than 4300 digits with a ValueError


def data_error(fn, path, *args, match: str | None = None, **kwargs) -> DataError:
    with pytest.raises(DataError, match=match) as info:
        fn(path, *args, **kwargs)
    assert path.name in str(info.value)
    return info.value


# --------------------------------------------------------------------------------------------
# tables.read_indicator_table


@pytest.mark.parametrize("year", ["inf", "1e30", "2024.5", "-inf"])
def test_table_year_that_is_no_year(tmp_path, year):
    # was IntCastingNaNError ("inf"); 1e30 silently wrapped around, 2024.5 became 2024
    p = tmp_path / "t.csv"
    p.write_text(f"zone_id,year,neet_count\na,{year},1\n")
    err = data_error(read_indicator_table, p, match="is not a year")
    assert err.field == "year" and err.row == 2


@pytest.mark.parametrize("value", ["inf", "-inf", "Infinity"])
def test_table_infinite_count(tmp_path, value):
    # parsed as a float and loaded: every rate from it would be inf or NaN
    p = tmp_path / "t.csv"
    p.write_text(f"zone_id,year,neet_count,neet_denom\na,2024,{value},10\n")
    err = data_error(read_indicator_table, p, match="not a .finite. number")
    assert err.field == "neet_count" and err.row == 2


def test_table_path_is_a_folder(tmp_path):
    # a manifest entry {"path": "."}: was IsADirectoryError from read_bytes()
    folder = tmp_path / "data"
    folder.mkdir()
    data_error(read_indicator_table, folder, match="not a file")


# --------------------------------------------------------------------------------------------
# catalogue.Catalogue.from_file


@pytest.mark.parametrize(
    ("text", "was"),
    [
        ("[" * 100_000, "RecursionError"),
        ('{"indicators": [], "n": ' + MANY_DIGITS + "}", "ValueError"),
    ],
)
def test_catalogue_unparseable_json(tmp_path, text, was):
    p = tmp_path / "c.json"
    p.write_text(text)
    data_error(Catalogue.from_file, p, match="cannot read the catalogue")


ENTRY = {"key": "x", "name_nb": "X", "unit": "%", "direction": "high_is_bad"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"marmot": 5}, "marmot"),  # was TypeError: 'int' object is not iterable
        ({"marmot": [["A"]]}, "marmot"),  # was TypeError: unhashable type: 'list'
        ({"key": ["x"]}, "key"),  # was TypeError: unhashable type: 'list'
        ({"count": {"a": 1}}, "count"),
        ({"sdg": [11]}, "sdg"),
    ],
)
def test_catalogue_entry_with_wrong_types(tmp_path, change, field):
    p = tmp_path / "c.json"
    p.write_text(json.dumps({"indicators": [{**ENTRY, **change}]}))
    assert data_error(Catalogue.from_file, p).field == field


# --------------------------------------------------------------------------------------------
# project.Project.load (manifest.json)


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory):
    """The dataset, written once, and its manifest (zones only); each test then writes its
    own manifest.json into the folder."""
    folder = write_tiny_project(tmp_path_factory.mktemp("regress") / "tiny", nx=2, ny=1)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    manifest["layers"] = {"zones": manifest["layers"]["zones"]}
    return folder, manifest


@pytest.fixture()
def tiny(tiny_folder):
    folder, manifest = tiny_folder

    def load(change) -> DataError:
        m = json.loads(json.dumps(manifest))
        change(m)
        (folder / "manifest.json").write_text(json.dumps(m), "utf-8")
        with pytest.raises(DataError) as info:
            Project.load(folder)
        return info.value

    return load


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda m: m["layers"]["zones"].update(path=5), "layers.zones.path"),  # TypeError
        (lambda m: m["layers"]["zones"].update(path=None), "layers.zones.path"),  # TypeError
        (lambda m: m["layers"]["zones"].update(fields=["zone_id"]), "layers.zones.fields"),
        (lambda m: m["layers"]["zones"].update(layer=["zones"]), "layers.zones.layer"),
        (lambda m: m.update(indicators="indicators.csv"), "indicators"),  # TypeError
        (lambda m: m.update(indicators={"file": "indicators.csv"}), "indicators.path"),  # KeyError
        (lambda m: m.update(indicators={"path": "indicators.csv", "fields": "x"}),
         "indicators.fields"),  # AttributeError: 'str' object has no attribute 'items'
        (lambda m: m.update(gtfs="gtfs.zip"), "gtfs"),  # TypeError
        (lambda m: m.update(gtfs={"file": "gtfs.zip"}), "gtfs.path"),  # KeyError
        (lambda m: m.update(plans={"a": {"path": "a.sos"}}), "plans"),  # TypeError
        (lambda m: m.update(plans="a.sos"), "plans"),  # TypeError
        (lambda m: m.update(plans=[{"name": "A"}]), "plans[0].path"),  # KeyError
        (lambda m: m.update(plans=["a.sos"]), "plans[0]"),  # TypeError
    ],
)
def test_manifest_entries_with_wrong_types(tiny, change, field):
    err = tiny(change)
    assert err.field == field and "manifest.json" in str(err)


def test_manifest_unparseable(tmp_path):
    folder = tmp_path  # the manifest is read first: no data files needed
    for text in ('{"layers": ' + "[" * 100_000, '{"layers": {}, "n": ' + MANY_DIGITS + "}"):
        (folder / "manifest.json").write_text(text)  # was RecursionError / ValueError
        data_error(Project.load, folder / "manifest.json", match="not valid JSON")


def test_manifest_is_a_folder(tmp_path):
    (tmp_path / "manifest.json").mkdir()  # was IsADirectoryError
    with pytest.raises(DataError, match="cannot read the manifest") as info:
        Project.load(tmp_path)
    assert "manifest.json" in str(info.value)


# --------------------------------------------------------------------------------------------
# gtfs.load_gtfs


def feed(tmp_path, **changes):
    p = tmp_path / "gtfs.zip"
    p.write_bytes(gtfs_zip(**changes))
    return p


@pytest.mark.parametrize("route_type", ["inf", "99999999999", "1e30"])
def test_gtfs_route_type_out_of_range_is_unknown(tmp_path, route_type):
    # was IntCastingNaNError ("inf") and OverflowError (int32 result array)
    routes = GTFS_MEMBERS["routes.txt"].replace("R,A,1,3", f"R,A,1,{route_type}")
    day = load_gtfs(feed(tmp_path, routes_txt=routes), GTFS_DATE)
    assert set(day.trip_route_types.tolist()) == {-1, 3}


@pytest.mark.parametrize("seq", ["inf", "1e30"])
def test_gtfs_stop_sequence_not_an_integer(tmp_path, seq):
    # was IntCastingNaNError for "inf"
    st = GTFS_MEMBERS["stop_times.txt"].replace("T1,08:00:00,08:00:00,A,1,", f"T1,08:00:00,08:00:00,A,{seq},")
    err = data_error(load_gtfs, feed(tmp_path, stop_times_txt=st), GTFS_DATE)
    assert err.field == "stop_sequence" and err.row == 2


@pytest.mark.parametrize("headway", ["inf", "0.5"])
def test_gtfs_headway_not_a_positive_number(tmp_path, headway):
    # was IntCastingNaNError ("inf") and ValueError: range() arg 3 must not be zero ("0.5")
    fq = GTFS_MEMBERS["frequencies.txt"].replace(",900", f",{headway}")
    err = data_error(load_gtfs, feed(tmp_path, frequencies_txt=fq), GTFS_DATE)
    assert err.field == "headway_secs"


def test_gtfs_utf16_member_cut_mid_character(tmp_path):
    # was UnicodeDecodeError: 'utf-16-le' codec can't decode byte ...: truncated data
    stops = b"\xff\xfe" + GTFS_MEMBERS["stops.txt"].encode("utf-16-le") + b"x"
    data_error(load_gtfs, feed(tmp_path, stops_txt=stops), GTFS_DATE)


@pytest.mark.parametrize(
    "header", ['route_id,"service_id,trip_id"', '"route_id,x",service_id,trip_id']
)
def test_gtfs_header_with_quoted_comma(tmp_path, header):
    # the header check split at every comma, pandas honours the quotes: was KeyError
    trips = header + "\nR,WK,T1\n"
    err = data_error(load_gtfs, feed(tmp_path, trips_txt=trips), GTFS_DATE,
                     match="required field is missing")
    assert err.layer == "trips.txt"


def test_gtfs_stop_with_invalid_type_and_bad_coordinate(tmp_path):
    # A stray quote shifted the fields: location_type "S" meant "no coordinates needed", and
    # the NaN position of a stop that trips use was returned in a loaded GtfsDay.
    stops = GTFS_MEMBERS["stops.txt"].replace("A,Sentrum A,63.4306,10.3950,0,S",
                                              'A,Sentrum A,63.4306"10.3950,0,S')
    err = data_error(load_gtfs, feed(tmp_path, stops_txt=stops), GTFS_DATE,
                     match="invalid coordinate")
    assert err.field == "stop_lat" and err.row == 3


def test_gtfs_trip_at_a_node_without_coordinates_is_skipped(tmp_path):
    # location_type 3 (generic node) may lack coordinates, but then no trip can use it
    stops = GTFS_MEMBERS["stops.txt"].replace("A,Sentrum A,63.4306,10.3950,0,S", "A,Node,,,3,S")
    day = load_gtfs(feed(tmp_path, stops_txt=stops), GTFS_DATE)
    assert np.isfinite(day.stop_x).all() and "A" not in day.stop_ids.tolist()
    assert any("without coordinates" in w.message for w in day.warnings)


def test_gtfs_zip_asking_for_a_newer_zip_version(tmp_path):
    # one flipped byte in a central directory entry ("version needed" 80 = 8.0): zipfile's
    # constructor raised NotImplementedError
    raw = bytearray(gtfs_zip())
    entry = raw.index(b"PK\x01\x02")
    raw[entry + 6] = 80
    p = tmp_path / "gtfs.zip"
    p.write_bytes(bytes(raw))
    data_error(load_gtfs, p, GTFS_DATE, match="not a readable zip file")


def test_gtfs_stops_without_rows(tmp_path):
    # a header and no stops: every stop_times row refers to a missing stop (was IndexError in
    # the coordinate check added for the test above)
    err = data_error(load_gtfs, feed(tmp_path, stops_txt="stop_id"), GTFS_DATE)
    assert "refer to stops not in stops.txt" in str(err)


# --------------------------------------------------------------------------------------------
# sosi.read_sosi / read_sosi_plan, plans.read_plan


def sos(tmp_path, text, name="plan.sos"):
    p = tmp_path / name
    p.write_text(text, "utf-8")
    return p


@pytest.mark.parametrize("serial", ["99999999999999999999", MANY_DIGITS])
def test_sosi_serial_number_beyond_int64(tmp_path, serial):
    # was OverflowError (Int64 column) and ValueError (int() of 5000 digits); now the object
    # is kept without a serial number and a warning says so
    res = read_sosi(sos(tmp_path, SOSI_PLAN.replace(".KURVE 6:", f".KURVE {serial}:")))
    assert res.features["sosi_id"].isna().sum() == 1
    assert any("no valid serial number" in w.message for w in res.warnings)


def test_sosi_ref_with_many_digits(tmp_path):
    # was ValueError from int(); now a bad reference, and a plan polygon must be built
    p = sos(tmp_path, SOSI_PLAN.replace("..REF :4 :5", f"..REF :4 :{MANY_DIGITS}"))
    assert any("bad reference" in w.message for w in read_sosi(p).warnings)
    data_error(read_sosi_plan, p, match="bad reference")


def test_sosi_attribute_with_many_digits_stays_text(tmp_path):
    # was ValueError from int() while typing the column
    p = sos(tmp_path, SOSI_PLAN.replace("..ANDREBOENHETER 80", f"..ANDREBOENHETER {MANY_DIGITS}"))
    res = read_sosi(p)
    assert res.features["ANDREBOENHETER"].dropna().tolist() == [MANY_DIGITS]


@pytest.mark.parametrize("code", [MANY_DIGITS, "99999999999999999999"])
def test_sosi_koordsys_with_many_digits(tmp_path, code):
    # was ValueError from int()
    p = sos(tmp_path, SOSI_PLAN.replace("KOORDSYS 22", f"KOORDSYS {code}"))
    assert data_error(read_sosi, p, match="unknown KOORDSYS").field == "KOORDSYS"


def test_sosi_arealformal_beyond_int64_is_no_code(tmp_path):
    # was OverflowError casting the arealformal column to Int64
    p = sos(tmp_path, SOSI_PLAN.replace("RPAREALFORMÅL 1110", "RPAREALFORMÅL 99999999999999999999"))
    plan = read_sosi_plan(p)
    assert plan["arealformal"].isna().sum() == 2  # the RpOmråde and the broken one
    assert any("no valid RPAREALFORMÅL" in w.message for w in plan.attrs["warnings"])


def test_sosi_enhet_that_overflows_the_coordinates(tmp_path):
    # finite numbers times ENHET 1e308 are inf; the arc through them had a NaN centre and
    # math.ceil(nan) raised ValueError
    p = sos(tmp_path, SOSI_PLAN.replace("...ENHET 0.01", "...ENHET 1e308"))
    res = read_sosi(p)
    assert len(res.features) == 0
    assert any("beyond range after ENHET" in w.message for w in res.warnings)
    data_error(read_sosi_plan, p, match="beyond range after ENHET")


def test_arc_through_points_far_apart_is_a_line():
    # squares of 1e200 overflow: was a NaN centre and ValueError
    xy = arc_through_points((0.0, 0.0), (1e200, 1e200), (2e200, 0.0))
    assert np.isfinite(xy).all() and len(xy) == 3


def test_sosi_repeated_plan_attribute(tmp_path):
    # A repeated attribute is read as a list; read_plan's contract columns called unique() on
    # it: was TypeError: unhashable type: 'list'
    text = SOSI_PLAN.replace('..PLANNAVN "Parkveien (fiktiv)"',
                             '..PLANNAVN "Parkveien (fiktiv)"\n..PLANNAVN "Parkveien 2"')
    plan = read_plan(sos(tmp_path, text))
    assert plan.features["name"].iloc[0] == ["Parkveien (fiktiv)", "Parkveien 2"]


# --------------------------------------------------------------------------------------------
# plangml.read_plan_gml


def gml(tmp_path, text, name="plan.gml"):
    p = tmp_path / name
    p.write_text(text, "utf-8")
    return p


def test_gml_deeply_nested_elements(tmp_path):
    # the srsName walk was recursive: RecursionError for elements nested 3000 deep
    deep = "<app:x>" * 3000 + "</app:x>" * 3000
    plan = read_plan_gml(gml(tmp_path, gml_plan(inner=deep)))
    assert len(plan) == 2


@pytest.mark.parametrize("code", ["9" * 30, MANY_DIGITS])
def test_gml_arealformal_too_long(tmp_path, code):
    # was OverflowError (Int64 column) and ValueError (int() of 5000 digits)
    text = gml_plan().replace("<app:arealformål>1110<", f"<app:arealformål>{code}<")
    plan = read_plan_gml(gml(tmp_path, text))
    assert plan["arealformal"].isna().all()
    assert any("no valid arealformål" in w.message for w in plan.attrs["warnings"])


@pytest.mark.parametrize("dim", ["²", MANY_DIGITS])
def test_gml_srs_dimension_not_a_small_number(tmp_path, dim):
    # was ValueError from int(): "²".isdigit() is True, and 5000 digits exceed int()'s limit
    p = gml(tmp_path, gml_plan(pos_attrs=f' srsDimension="{dim}"'))
    try:
        read_plan_gml(p)
    except DataError as err:
        assert p.name in str(err) and "srsDimension" in str(err)


def test_gml_crs_without_transformation_to_25832(tmp_path):
    # a valid CRS on Mars: was pyproj ProjError from to_crs
    p = gml(tmp_path, gml_plan(srs="IAU_2015:49900"))
    data_error(read_plan_gml, p, match="cannot reproject")


# --------------------------------------------------------------------------------------------
# plans.read_plan (GeoJSON)


def geojson(tmp_path, props: list[dict], name="plan.geojson"):
    feats = []
    for i, pr in enumerate(props):
        x = 560000 + 5000 * i
        ring = [[x, 7030000], [x + 100, 7030000], [x + 100, 7030100], [x, 7030100], [x, 7030000]]
        feats.append({"type": "Feature", "properties": pr,
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
    doc = {"type": "FeatureCollection", "features": feats,
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}}
    p = tmp_path / name
    p.write_text(json.dumps(doc))
    return p


def test_plan_arealformal_huge_number(tmp_path):
    # 1e30 is a whole number but no Int64: was TypeError (cannot safely cast)
    p = geojson(tmp_path, [{"arealformal": 1e30}])
    assert data_error(read_plan, p, match="not a whole number").field == "arealformal"


def test_plan_id_as_json_array(tmp_path):
    # GeoJSON arrays are read as ndarrays: was TypeError: unhashable type: 'numpy.ndarray'
    p = geojson(tmp_path, [{"plan_id": [1], "plannavn": ["A"]}, {"plan_id": [1], "plannavn": ["B"]}])
    plan = read_plan(p)  # one plan (same plan_id) in two parts 5 km apart
    assert len(plan.features) == 2 and plan.features["name"].map(list).tolist() == [["A"], ["B"]]


# --------------------------------------------------------------------------------------------
# vector.read_layer


def test_zone_that_collapses_to_a_line_is_refused(tmp_path):
    # All points on one line: make_valid "repaired" it into a MultiLineString and a zones
    # layer was returned with a line for a zone (silently wrong, found by fuzzing).
    p = geojson(tmp_path, [{"zone_id": "a", "zone_name": "A"}, {"zone_id": "b", "zone_name": "B"}],
                name="zones.geojson")
    doc = json.loads(p.read_text())
    doc["features"][1]["geometry"]["coordinates"] = [[[565000, 7030000], [565100, 7030000],
                                                       [565200, 7030000], [565000, 7030000]]]
    p.write_text(json.dumps(doc))
    err = data_error(read_layer, p, "zones", match="cannot be repaired into a Polygon")
    assert err.row == 2 and "MultiLineString" in str(err)


@pytest.mark.parametrize(("role", "field", "value"), [
    ("population", "population", float("inf")),  # written as the JSON literal Infinity
    ("municipal_housing", "units", "inf"),
])
def test_infinite_count_is_refused(tmp_path, role, field, value):
    # inf passed as "numeric and non-negative" and the layer loaded
    p = geojson(tmp_path, [{field: value}], name="counts.geojson")
    doc = json.loads(p.read_text())
    if role == "municipal_housing":
        doc["features"][0]["geometry"] = {"type": "Point", "coordinates": [560050, 7030050]}
    p.write_text(json.dumps(doc))
    err = data_error(read_layer, p, role, match="not a .finite. number")
    assert err.field == field and err.row == 1


# --------------------------------------------------------------------------------------------
# file names the operating system refuses (found by make fuzz in test_fuzz_project: a manifest
# path of 300 characters). Path.exists() raises OSError ENAMETOOLONG instead of returning
# False, and open() refuses a NUL byte with a ValueError.

LONG_NAME = "x" * 300  # more than the 255 bytes a file name may have (ext4, NTFS, APFS)


def _readers():
    from ungtloft_map.core.io.addresses import read_address_points
    from ungtloft_map.core.io.landcover import read_green_areas
    from ungtloft_map.core.io.ssbgrid import read_ssb_grid
    from ungtloft_map.core.io.tables import read_table
    from ungtloft_map.core.io.tables_wide import read_wide_table
    from ungtloft_map.core.io.vector import list_layers

    return {
        "read_layer": (lambda p: read_layer(p, "zones"), ".gpkg"),
        "list_layers": (list_layers, ".geojson"),
        "read_table": (read_table, ".csv"),
        "read_indicator_table": (read_indicator_table, ".csv"),
        "read_wide_table": (read_wide_table, ".csv"),
        "load_gtfs": (load_gtfs, ".zip"),
        "read_plan geojson": (read_plan, ".geojson"),
        "read_plan sosi": (read_plan, ".sos"),
        "read_plan gml": (read_plan, ".gml"),
        "read_sosi": (read_sosi, ".sos"),
        "read_plan_gml": (read_plan_gml, ".gml"),
        "read_ssb_grid": (read_ssb_grid, ".csv"),
        "read_green_areas": (read_green_areas, ".osm"),
        "read_address_points": (read_address_points, ".csv"),
    }


@pytest.mark.parametrize("name", [LONG_NAME, "a\x00b"], ids=["too long", "NUL byte"])
@pytest.mark.parametrize("reader", sorted(_readers()))
def test_file_name_the_os_refuses(tmp_path, reader, name):
    fn, suffix = _readers()[reader]
    path = tmp_path / (name + suffix)
    with pytest.raises(DataError) as info:  # was: OSError [Errno 36] / ValueError
        fn(path)
    assert path.name[:40] in str(info.value)


def test_gtfs_name_too_long_with_the_disk_cache_on(tmp_path, monkeypatch):
    # the cache wrapper asked Path.is_file() before the loader could say what is wrong
    monkeypatch.setenv("UNGTLOFT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / (LONG_NAME + ".zip")
    with pytest.raises(DataError, match="cannot open the GTFS feed"):
        load_gtfs(path)


# --------------------------------------------------------------------------------------------
# one line: the CLI prints a DataError as its one line on stderr, and pandas' parser errors end
# in a newline ("Error tokenizing data. C error: Expected 2 fields in line 3, saw 3\n"), which
# made a second stderr line ")" (found by tests/robustness/test_cli_damaged_files.py).


def test_table_parser_error_is_one_line(tmp_path):
    from ungtloft_map.core.io.tables import read_table

    path = tmp_path / "t.csv"
    path.write_text("zone_id,year\n0101,2023\n0102,2023,5,6\n")
    err = data_error(read_table, path, match="cannot parse the table")
    assert "\n" not in str(err) and str(err).endswith("saw 4)")

