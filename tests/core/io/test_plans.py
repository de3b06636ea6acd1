"""Tests for the plan dispatcher :func:`read_plan`."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point, Polygon, box

from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.plans import PlanLayer, read_plan

SOSI_PLAN = """.HODE
..TEGNSETT {charset}
..TRANSPAR
...KOORDSYS {koordsys}
...ORIGO-NØ 0 0
...ENHET 1
.FLATE 1:
..OBJTYPE RpOmråde
..NASJONALAREALPLANID
...KOMM 5001
...PLANID "2024-07"
..PLANNAVN "Detaljregulering Ørneveien"
..REF :10
.FLATE 2:
..OBJTYPE RpArealformålOmråde
..NASJONALAREALPLANID
...KOMM 5001
...PLANID "2024-07"
..RPAREALFORMÅL 1110
..FELTNAVN "B1"
..KOMMUNALEBOENHETER 12
..ANDREBOENHETER 30
..REF {ref}
.FLATE 3:
..OBJTYPE RpArealformålOmråde
..RPAREALFORMÅL 3040
..FELTNAVN "GF1"
..REF :-12 :13
.KURVE 10:
..OBJTYPE RpGrense
..NØ
7030000 570000 7030000 570100 7030100 570100 7030100 570000 7030000 570000
.KURVE 11:
..OBJTYPE RpFormålGrense
..NØ
7030000 570050 7030000 570000 7030100 570000 7030100 570050
.KURVE 12:
..OBJTYPE RpFormålGrense
..NØ
7030100 570050 7030000 570050
.KURVE 13:
..OBJTYPE RpFormålGrense
..NØ
7030100 570050 7030100 570100 7030000 570100 7030000 570050
.SLUTT
"""


def sosi_plan(
    tmp_path: Path,
    *,
    charset="UTF-8",
    koordsys=22,
    ref=":11 :12",
    encoding="utf-8",
    name="plan.sos",
) -> Path:
    p = tmp_path / name
    text = SOSI_PLAN.format(charset=charset, koordsys=koordsys, ref=ref)
    p.write_bytes(text.encode(encoding))
    return p


def geojson(
    tmp_path: Path,
    features: list[dict],
    *,
    crs: str | None = "EPSG:25832",
    name: str = "plan.geojson",
) -> Path:
    fc: dict = {"type": "FeatureCollection", "features": features}
    if crs:
        fc["crs"] = {"type": "name", "properties": {"name": crs}}
    p = tmp_path / name
    p.write_text(json.dumps(fc), encoding="utf-8")
    return p


def feat(geom: Polygon, **props) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geom.__geo_interface__}


X0, Y0 = 570000, 7030000


# --------------------------------------------------------------------------------------
# SOSI and GML through the dispatcher
# --------------------------------------------------------------------------------------


def test_sosi_plan(tmp_path):
    plan = read_plan(sosi_plan(tmp_path))
    assert isinstance(plan, PlanLayer)
    f = plan.features
    assert plan.source_format == "SOSI" and f.crs.to_epsg() == 25832
    assert f.objtype.tolist() == ["RpOmråde", "RpArealformålOmråde", "RpArealformålOmråde"]
    assert f.arealformal.isna().tolist() == [True, False, False]
    assert f.arealformal.iloc[1:].tolist() == [1110, 3040]
    assert plan.boundary.equals(box(X0, Y0, X0 + 100, Y0 + 100))
    # the contract columns: plan-level values copied to every polygon
    assert f.plan_id.tolist() == ["2024-07"] * 3
    assert f.name.tolist() == ["Detaljregulering Ørneveien"] * 3
    assert f.municipal_units.iloc[1] == 12 and f.other_units.iloc[1] == 30
    assert plan.warnings == []
    assert repr(plan) == "PlanLayer('plan.sos', SOSI, 3 polygons, boundary 1.0 ha, 0 warnings)"


def test_sosi_wrong_charset_is_a_warning(tmp_path):
    plan = read_plan(sosi_plan(tmp_path, charset="ISO8859-1"))
    assert plan.features.name.iloc[0] == "Detaljregulering Ørneveien"
    assert any(w.field == "TEGNSETT" for w in plan.warnings)


def test_sosi_unknown_koordsys(tmp_path):
    with pytest.raises(DataError, match="unknown KOORDSYS 77") as exc:
        read_plan(sosi_plan(tmp_path, koordsys=77))
    assert "plan.sos" in str(exc.value)


def test_sosi_broken_ref(tmp_path):
    with pytest.raises(DataError, match=r"\.FLATE 2: .*:99") as exc:
        read_plan(sosi_plan(tmp_path, ref=":11 :99"))
    assert "plan.sos" in str(exc.value) and "'REF'" in str(exc.value)


def test_sosi_ring_not_closed(tmp_path):
    with pytest.raises(DataError, match="does not close"):
        read_plan(sosi_plan(tmp_path, ref=":11"))


def test_sosi_plan_without_polygons(tmp_path):
    p = tmp_path / "points.sos"
    p.write_text(
        ".HODE\n..TEGNSETT UTF-8\n..TRANSPAR\n...KOORDSYS 22\n...ENHET 1\n"
        ".PUNKT 1:\n..OBJTYPE P\n..NØ\n7030000 570000\n.SLUTT\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="no plan polygons"):
        read_plan(p)


def test_gml_plan(tmp_path):
    ring = " ".join(f"{x} {y}" for x, y in box(X0, Y0, X0 + 100, Y0 + 50).exterior.coords)
    text = f"""<?xml version="1.0" encoding="utf-8"?>
<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2"
  xmlns:app="http://skjema.geonorge.no/SOSI/produktspesifikasjon/Reguleringsplanforslag/5.0">
 <gml:featureMember><app:RpArealformålOmråde gml:id="a1"><app:område>
  <gml:Polygon gml:id="p" srsName="EPSG:25832"><gml:exterior><gml:LinearRing>
   <gml:posList>{ring}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
 </app:område><app:arealformål>1110</app:arealformål></app:RpArealformålOmråde>
 </gml:featureMember>
</gml:FeatureCollection>"""
    p = tmp_path / "plan.gml"
    p.write_text(text, encoding="utf-8")
    plan = read_plan(p)
    assert plan.source_format == "Plan GML"
    assert plan.features.arealformal.tolist() == [1110]
    # no RpOmråde: the boundary is the union of all polygons
    assert plan.boundary.equals(box(X0, Y0, X0 + 100, Y0 + 50))


def test_gml_ring_not_closed(tmp_path):
    text = """<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2"
  xmlns:app="urn:x"><gml:featureMember><app:RpOmråde gml:id="o"><app:område>
  <gml:Polygon srsName="EPSG:25832"><gml:exterior><gml:LinearRing><gml:posList>
  570000 7030000 570100 7030000 570100 7030100 570000 7030100</gml:posList>
  </gml:LinearRing></gml:exterior></gml:Polygon></app:område></app:RpOmråde>
  </gml:featureMember></gml:FeatureCollection>"""
    p = tmp_path / "open.gml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="not closed") as exc:
        read_plan(p)
    assert "open.gml" in str(exc.value)


# --------------------------------------------------------------------------------------
# GDAL formats
# --------------------------------------------------------------------------------------


def test_geojson_plan(tmp_path):
    p = geojson(
        tmp_path,
        [
            feat(box(X0, Y0, X0 + 50, Y0 + 100), plan_id="P1", arealformal=1110, municipal_units=4),
            feat(
                box(X0 + 50, Y0, X0 + 100, Y0 + 100),
                plan_id="P1",
                arealformal=3040,
                municipal_units=0,
            ),
        ],
    )
    plan = read_plan(p)
    assert plan.source_format == "GeoJSON"
    f = plan.features
    assert list(f.columns[:2]) == ["objtype", "arealformal"]
    assert str(f.arealformal.dtype) == "Int64" and f.arealformal.tolist() == [1110, 3040]
    assert f.plan_id.tolist() == ["P1", "P1"] and f.municipal_units.tolist() == [4, 0]
    assert plan.boundary.equals(box(X0, Y0, X0 + 100, Y0 + 100))
    assert f.crs.to_epsg() == 25832


def test_geojson_in_wgs84_is_reprojected(tmp_path):
    lonlat = box(10.39, 63.43, 10.391, 63.4305)
    plan = read_plan(geojson(tmp_path, [feat(lonlat, arealformal="1110")], crs=None))
    x, y = plan.boundary.centroid.coords[0]
    assert 569_000 < x < 570_000 and 7_034_000 < y < 7_035_000
    assert plan.features.arealformal.tolist() == [1110]


def test_geojson_in_utm_without_crs_member(tmp_path):
    p = geojson(tmp_path, [feat(box(X0, Y0, X0 + 10, Y0 + 10))], crs=None, name="nocrs.geojson")
    with pytest.raises(DataError, match="has no CRS") as exc:
        read_plan(p)
    assert "nocrs.geojson" in str(exc.value)


@pytest.mark.filterwarnings("ignore::UserWarning", "ignore::RuntimeWarning")
def test_gpkg_and_shapefile_without_crs(tmp_path):
    gdf = gpd.GeoDataFrame({"arealformal": [1110]}, geometry=[box(X0, Y0, X0 + 10, Y0 + 10)])
    gdf.to_file(tmp_path / "nocrs.gpkg", engine="pyogrio")
    with pytest.raises(DataError, match="has no CRS"):
        read_plan(tmp_path / "nocrs.gpkg")
    gdf.to_file(tmp_path / "nocrs.shp", engine="pyogrio")
    (tmp_path / "nocrs.prj").unlink(missing_ok=True)
    with pytest.raises(DataError, match="has no CRS"):
        read_plan(tmp_path / "nocrs.shp")


def test_gpkg_with_several_layers_needs_a_layer(tmp_path):
    path = tmp_path / "two.gpkg"
    a = gpd.GeoDataFrame(
        {"arealformal": [1110]}, geometry=[box(X0, Y0, X0 + 10, Y0 + 10)], crs=25832
    )
    a.to_file(path, layer="a", engine="pyogrio")
    a.to_file(path, layer="b", engine="pyogrio")
    with pytest.raises(DataError, match="several layers"):
        read_plan(path)
    assert read_plan(path, layer="b").source_format == "GeoPackage"


def test_far_apart_features_are_refused(tmp_path):
    p = geojson(
        tmp_path,
        [
            feat(box(X0, Y0, X0 + 10, Y0 + 10), name="a"),
            feat(box(X0 + 5000, Y0, X0 + 5010, Y0 + 10), name="b"),
            feat(box(X0 + 5500, Y0, X0 + 5510, Y0 + 10), name="c"),
        ],
    )
    with pytest.raises(DataError, match="holds 2 separate areas.*pick one") as exc:
        read_plan(p)
    assert "plan.geojson" in str(exc.value)


def test_far_apart_features_with_a_common_plan_id_are_one_plan(tmp_path):
    p = geojson(
        tmp_path,
        [
            feat(box(X0, Y0, X0 + 10, Y0 + 10), plan_id="P1"),
            feat(box(X0 + 5000, Y0, X0 + 5010, Y0 + 10), plan_id="P1"),
        ],
    )
    plan = read_plan(p)
    assert plan.boundary.geom_type == "MultiPolygon" and len(plan.features) == 2


def test_far_apart_features_with_different_plan_ids(tmp_path):
    p = geojson(
        tmp_path,
        [
            feat(box(X0, Y0, X0 + 10, Y0 + 10), plan_id="P1"),
            feat(box(X0 + 5000, Y0, X0 + 5010, Y0 + 10), plan_id="P2"),
        ],
    )
    with pytest.raises(DataError, match="2 separate areas.*'plan_id' has 2 values"):
        read_plan(p)


def test_features_closer_than_a_km_are_one_area(tmp_path):
    p = geojson(
        tmp_path, [feat(box(X0, Y0, X0 + 10, Y0 + 10)), feat(box(X0 + 900, Y0, X0 + 910, Y0 + 10))]
    )
    assert len(read_plan(p).features) == 2


def test_point_layer_is_refused(tmp_path):
    p = tmp_path / "points.geojson"
    p.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "EPSG:25832"}},
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": Point(X0, Y0).__geo_interface__,
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="Point"):
        read_plan(p)


def test_bad_arealformal_value(tmp_path):
    p = geojson(tmp_path, [feat(box(X0, Y0, X0 + 10, Y0 + 10), arealformal="bolig")])
    with pytest.raises(DataError, match="not a whole number") as exc:
        read_plan(p)
    assert exc.value.field == "arealformal" and exc.value.row == 1


def test_coordinates_outside_norway(tmp_path):
    p = geojson(tmp_path, [feat(box(10, 10, 20, 20))])
    # degrees under a metre CRS label: the message says what the coordinates look like
    with pytest.raises(DataError, match="look like degrees"):
        read_plan(p)


# --------------------------------------------------------------------------------------
# empty, corrupt, unknown
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["plan.sos", "plan.gml", "plan.geojson", "plan.gpkg", "plan.shp"])
def test_empty_file(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(b"")
    with pytest.raises(DataError, match="empty") as exc:
        read_plan(p)
    assert name in str(exc.value)


@pytest.mark.parametrize(
    "name, content",
    [
        ("plan.sos", b"\x00\x01garbage\xff"),
        ("plan.gml", b"<gml:FeatureCollection><unclosed>"),
        ("plan.geojson", b'{"type": "FeatureCollection", "features": [ {'),
        ("plan.gpkg", b"SQLite format 3\x00 but then nothing useful" * 10),
        ("plan.json", b"this is not json"),
    ],
)
def test_corrupt_file(tmp_path, name, content):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(DataError) as exc:
        read_plan(p)
    assert name in str(exc.value)


def test_missing_file_and_unknown_suffix(tmp_path):
    with pytest.raises(DataError, match="not found|cannot read"):
        read_plan(tmp_path / "nope.geojson")
    with pytest.raises(DataError, match="cannot read"):
        read_plan(tmp_path / "nope.sos")
    p = tmp_path / "plan.dxf"
    p.write_text("0\nSECTION\n")
    with pytest.raises(DataError, match="unsupported plan file type '.dxf'"):
        read_plan(p)


# --------------------------------------------------------------------------------------
# real files
# --------------------------------------------------------------------------------------


@pytest.mark.realdata
def test_real_files_through_the_dispatcher(shared_data):
    folder = shared_data / "sosi"
    plan = read_plan(folder / "planforslag_arendal_4203_rpomrade_arc.gml")
    assert plan.features.objtype.tolist() == ["RpOmråde"]
    assert plan.features.plan_id.tolist() == ["09062018-2"]
    xmin, ymin, xmax, ymax = plan.boundary.bounds
    assert 484_802 < xmin < xmax < 485_248 and 6_476_862 < ymin < ymax < 6_477_342
    # the synthetic file's coordinates are tiny local numbers: not a place in Norway
    with pytest.raises(DataError, match="outside Norway"):
        read_plan(folder / "planforslag_synthetic_rparealformalomrade.gml")
    with pytest.raises(DataError, match="boundary lines only"):
        read_plan(folder / "regplan_hemsedal_0618_rpgrense_buer.sos")
    with pytest.raises(DataError, match="no plan polygons"):
        read_plan(folder / "n50_arealdekke_testfile2.sos")
