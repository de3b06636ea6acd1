"""read_green_areas / looks_like_landcover: N50/FKB SOSI and GML, AR5, OSM XML and PBF."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from shapely.geometry import box

from tests import standard_fixtures as sf
from ungtloft_map.core.analysis.green import MARKA_KINDS, green_coverage
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.landcover import (
    N50_CLASSES,
    green_kind,
    looks_like_landcover,
    read_green_areas,
)
from ungtloft_map.core.io.sosi import read_sosi
from ungtloft_map.core.io.ssbgrid import read_ssb_grid

#: What the N50 fixture must give: source class -> (kind, area in m², EPSG:25833).
N50_EXPECTED = {
    "Skog": ("forest", 80_000 - 400),  # the small lake is a hole in the forest
    "ÅpentOmråde": ("open", 40_000),
    "Myr": ("wetland", 20_000),
    "Park": ("park", 20_000),
    "SportIdrettPlass": ("sports", 10_000),
    "Innsjø": ("lake", 400),  # the small lake only; the 10 ha lake is not green
}


def _areas_25833(green) -> dict[str, tuple[str, float]]:
    back = green.gdf.to_crs(25833)
    out = {}
    for cls, kind, area in zip(back["source_class"], back["kind"], back.geometry.area):
        assert cls not in out, f"{cls} twice"
        out[cls] = (kind, area)
    return out


def _check_n50(green):
    assert green.gdf.crs.to_epsg() == 25832
    got = _areas_25833(green)
    assert set(got) == set(N50_EXPECTED)
    for cls, (kind, area) in N50_EXPECTED.items():
        assert got[cls][0] == kind
        assert got[cls][1] == pytest.approx(area, abs=1.0), cls
    assert green.not_green == {"DyrketMark": 1, "TettBebyggelse": 1, "Golfbane": 1,
                               "Innsjø (not a small lake in green)": 1}
    assert any("lake(s) left out" in w.message for w in green.warnings)


def test_n50_sosi(tmp_path):
    green = read_green_areas(sf.write_n50_sosi(tmp_path))
    _check_n50(green)
    assert green.source == "N50/FKB SOSI" and green.source_crs.startswith("EPSG:25833")


def test_n50_sosi_in_utf8(tmp_path):
    _check_n50(read_green_areas(sf.write_n50_sosi(tmp_path, charset="UTF-8")))


def test_n50_gml_one_feature_type_per_class(tmp_path):
    green = read_green_areas(sf.write_n50_gml(tmp_path))
    _check_n50(green)
    assert green.source == "N50/FKB GML"


def test_small_lake_threshold_is_a_parameter(tmp_path):
    # With a 20 ha threshold the 10 ha lake still does not count: it touches no green
    # (it lies next to the golf course), which is the "in green" half of the rule.
    path = sf.write_n50_sosi(tmp_path)
    green = read_green_areas(path, small_lake_max_m2=200_000)
    assert (green.gdf["kind"] == "lake").sum() == 1
    # and with a threshold below 400 m² the small lake is left out too
    assert (read_green_areas(path, small_lake_max_m2=100).gdf["kind"] == "lake").sum() == 0


def test_ar5_codes_in_a_class_field(tmp_path):
    codes = [30, 50, 60, 21, 11, 81]
    gdf = gpd.GeoDataFrame({"ARTYPE": codes},
                           geometry=[box(569_000 + 100 * i, 7_034_000, 569_100 + 100 * i,
                                         7_034_100) for i in range(6)], crs=25832)
    path = tmp_path / "ar5.gpkg"
    gdf.to_file(path, layer="ArealressursFlate")
    assert looks_like_landcover(path).source == "ar5"
    green = read_green_areas(path)
    # the lake (81) is 1 ha: too big to count
    assert sorted(green.gdf["kind"]) == ["forest", "open", "wetland"]
    assert green.not_green == {"21": 1, "11": 1, "81 (not a small lake in green)": 1}


def test_ar5_in_sosi(tmp_path):
    green = read_green_areas(sf.write_n50_sosi(tmp_path, name="AR5.sos", ar5=True))
    got = sorted(zip(green.gdf["source_class"], green.gdf["kind"]))
    assert got == [("30", "forest"), ("50", "open"), ("60", "wetland"), ("81", "lake")]
    assert green.not_green == {"11": 4, "21": 1, "81 (not a small lake in green)": 1}


def _check_osm(green):
    assert green.gdf.crs.to_epsg() == 25832 and green.source == "OSM"
    found = sorted(zip(green.gdf["kind"], green.gdf.geometry.area.round(-1)))
    expected = [e for *_, e in sf.OSM_AREAS if e is not None] + [("forest", sf.OSM_WOOD_AREA)]
    assert len(found) == len(expected)
    for (k, a), (ek, ea) in zip(found, sorted(expected)):
        assert k == ek and a == pytest.approx(ea, rel=0.002)  # lon/lat rounded to 1e-7°
    assert "Marinen" in set(green.gdf["name"]) and "Lille skog" in set(green.gdf["name"])
    # closed to the public or private gardens are not green
    assert green.not_green["leisure=park (access=private)"] == 1
    assert green.not_green["leisure=garden (garden:type=residential)"] == 1
    assert green.not_green["building=yes"] == 1
    assert green.not_green["natural=water (water=river)"] == 1  # a river is no tjern
    assert any(w.field == "access" for w in green.warnings)


def test_osm_xml(tmp_path):
    _check_osm(read_green_areas(sf.write_osm_xml(tmp_path)))


def test_osm_pbf_written_from_the_spec(tmp_path):
    path = sf.write_osm_pbf(tmp_path)
    assert path.read_bytes()[4:20].find(b"OSMHeader") >= 0
    _check_osm(read_green_areas(path))
    assert looks_like_landcover(path).source == "osm"


def test_sniff(tmp_path):
    s = looks_like_landcover(sf.write_n50_sosi(tmp_path))
    assert s.source == "n50_sosi" and s.class_field == "OBJTYPE"
    assert "Skog" in s.green_classes and "DyrketMark" not in s.green_classes
    g = looks_like_landcover(sf.write_n50_gml(tmp_path))
    assert g.source == "n50_layers" and set(g.classes) >= {"Skog", "Innsjø"}
    assert looks_like_landcover(sf.write_ssb_gml(tmp_path)) is None
    assert looks_like_landcover(sf.write_ssb_sosi(tmp_path)) is None
    assert looks_like_landcover(sf.write_ssb_csv(tmp_path)) is None
    assert looks_like_landcover(tmp_path / "missing.gpkg") is None


def test_mapping_is_documented_for_every_class():
    doc = (sf.Path(__file__).resolve().parents[3] / "docs" / "GREEN_MAPPING.md").read_text("utf-8")
    for cls in N50_CLASSES:
        if cls in ("Tettbebyggelse", "FerskvannTørrfall", "Kystkontur", "Rullebane", "Elv"):
            continue  # spelling variants and rare classes, listed under "everything else"
        assert f"`{cls}`" in doc, cls
    assert green_kind("Åpent område") == "open" and green_kind("30") == "forest"
    assert green_kind("Golfbane") is None and green_kind("Ukjent") is None


def test_output_feeds_green_coverage(tmp_path):
    """The kinds are the ones the green analysis understands: forest is marka, the rest is not."""
    green = read_green_areas(sf.write_n50_sosi(tmp_path)).gdf
    assert set(green["kind"]) & set(MARKA_KINDS) == {"forest"}
    pop = read_ssb_grid(sf.write_ssb_gml(tmp_path)).gdf
    zones = gpd.GeoDataFrame({"zone_id": ["A"], "zone_name": ["Sone A"]},
                             geometry=[pop.union_all().envelope.buffer(500)], crs=25832)
    res = green_coverage(pop, green, zones)
    # every fixture cell lies within 200 m of the 8 ha forest or the other green strip
    assert res.per_zone.loc["A", "green_covered_share"] == pytest.approx(1.0)


# ------------------------------------------------------------------------------ bad input


def test_osm_without_green_tags(tmp_path):
    path = sf.write_osm_xml(tmp_path, name="bare_hus.osm", green=False)
    with pytest.raises(DataError) as err:
        read_green_areas(path)
    msg = str(err.value)
    assert "bare_hus.osm" in msg and "layer 'multipolygons'" in msg
    assert "field 'leisure/landuse/natural'" in msg and "no green tags" in msg
    assert "landuse=residential" in msg  # says what the file does hold


def test_land_cover_without_green(tmp_path):
    gdf = gpd.GeoDataFrame({"objtype": ["DyrketMark", "TettBebyggelse"]},
                           geometry=[box(0, 0, 10, 10), box(10, 0, 20, 10)], crs=25833)
    # move into Norway
    gdf = gdf.set_geometry(gdf.translate(270_000, 7_040_000))
    path = tmp_path / "bare_jorder.geojson"
    gdf.to_file(path)
    with pytest.raises(DataError, match="no green land-cover class") as err:
        read_green_areas(path)
    assert "field 'objtype'" in str(err.value) and "DyrketMark (1)" in str(err.value)


def test_wrong_declared_crs(tmp_path):
    # lon/lat numbers labelled as UTM 33N: after reprojection they lie nowhere near Norway
    gdf = gpd.GeoDataFrame({"objtype": ["Skog"]}, geometry=[box(10.39, 63.42, 10.40, 63.43)],
                           crs=25833)
    path = tmp_path / "skog_feil_crs.geojson"
    gdf.to_file(path)
    with pytest.raises(DataError, match="far outside Norway") as err:
        read_green_areas(path)
    assert "skog_feil_crs.geojson" in str(err.value)


def test_file_without_classes(tmp_path):
    path = tmp_path / "soner.geojson"
    gpd.GeoDataFrame({"zone_id": ["a"]}, geometry=[box(0, 0, 1, 1)], crs=25832).to_file(path)
    with pytest.raises(DataError, match="no land-cover class found"):
        read_green_areas(path)
    with pytest.raises(DataError, match="class field is not in the layer"):
        read_green_areas(path, class_field="objtype")


# ------------------------------------------------------------------------------ real data


@pytest.mark.realdata
def test_real_n50_sample_loads_as_green(shared_data):
    path = shared_data / "sosi" / "n50_arealdekke_testfile2.sos"
    green = read_green_areas(path)
    gdf = green.gdf
    assert gdf.crs.to_epsg() == 25832
    counts = gdf["source_class"].value_counts().to_dict()
    # the sample's areas by OBJTYPE: 76 Skog, 91 ÅpentOmråde, 12 Myr, 97 Innsjø
    assert counts["Skog"] == 76 and counts["ÅpentOmråde"] == 91 and counts["Myr"] == 12
    assert set(gdf["kind"]) <= {"forest", "open", "wetland", "lake"}
    assert green.not_green["DyrketMark"] == 18 and green.not_green["TettBebyggelse"] == 32
    assert green.not_green["Havflate"] == 18
    # the green area equals the sum of the green classes read straight from the SOSI file
    raw = read_sosi(path).features
    raw = raw[raw["sosi_type"] == "FLATE"]
    for cls, kind in (("Skog", "forest"), ("ÅpentOmråde", "open"), ("Myr", "wetland")):
        expected = raw.loc[raw["objtype"] == cls].geometry.area.sum()
        assert gdf.loc[gdf["kind"] == kind].geometry.area.sum() == pytest.approx(expected)
    ha = gdf.geometry.area.sum() / 1e4
    assert 20_000 < ha < 25_000  # ~206 km² forest, ~18 km² open land, ~1 km² marsh
    lakes = gdf[gdf["kind"] == "lake"]
    assert (lakes.geometry.area < 1_000).all()


def test_class_of_only_blanks_is_named_on_one_line(tmp_path):
    # found by make fuzz (test_fuzz_landcover.test_class_field_values): "the file holds: \n (1)"
    ring = [[270000, 7040000], [270100, 7040000], [270100, 7040100], [270000, 7040000]]
    doc = {"type": "FeatureCollection",
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}},
           "features": [{"type": "Feature", "properties": {"artype": "\n"},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}
    path = tmp_path / "ar5.geojson"
    path.write_text(json.dumps(doc))
    with pytest.raises(DataError, match="no green land-cover class") as err:
        read_green_areas(path)
    assert "\n" not in str(err.value) and "'\\n' (1)" in str(err.value)


def test_class_field_without_values_names_what_it_holds(tmp_path):
    # found by make fuzz: a null class (kept as a missing value by astype(str) in this pandas)
    # made the message itself fail with AttributeError
    ring = [[270000, 7040000], [270100, 7040000], [270100, 7040100], [270000, 7040000]]
    doc = {"type": "FeatureCollection",
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}},
           "features": [{"type": "Feature", "properties": {"artype": None},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}
    path = tmp_path / "ar5.geojson"
    path.write_text(json.dumps(doc))
    with pytest.raises(DataError, match="no green land-cover class"):
        read_green_areas(path)
