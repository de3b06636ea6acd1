"""Tests for the Plan GML reader."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon

from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.plangml import read_plan_gml

SRS = "http://www.opengis.net/def/crs/EPSG/0/25832"


def gml(members: str, *, envelope_srs: str | None = SRS) -> str:
    bounded = (
        f'<gml:boundedBy><gml:Envelope srsName="{envelope_srs}" srsDimension="2">'
        "<gml:lowerCorner>0 0</gml:lowerCorner><gml:upperCorner>1 1</gml:upperCorner>"
        "</gml:Envelope></gml:boundedBy>"
        if envelope_srs
        else ""
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2"
  xmlns:app="http://skjema.geonorge.no/SOSI/produktspesifikasjon/Reguleringsplanforslag/5.0"
  xmlns:xlink="http://www.w3.org/1999/xlink" gml:id="fc">
  {bounded}
  {members}
</gml:FeatureCollection>
"""


def feature(objtype: str, gid: str, surface: str, extra: str = "", srs: str | None = SRS) -> str:
    srs_attr = f' srsName="{srs}"' if srs else ""
    return f"""<gml:featureMember>
  <app:{objtype} gml:id="{gid}">
    <app:område>
      <gml:MultiSurface gml:id="{gid}-ms"{srs_attr} srsDimension="2">
        <gml:surfaceMember>{surface}</gml:surfaceMember>
      </gml:MultiSurface>
    </app:område>
    {extra}
  </app:{objtype}>
</gml:featureMember>"""


def linear_polygon(coords: list[tuple[float, float]], holes=(), gid: str = "p") -> str:
    def ring(cs):
        return (
            "<gml:LinearRing><gml:posList>"
            + " ".join(f"{x} {y}" for x, y in cs)
            + "</gml:posList></gml:LinearRing>"
        )

    inner = "".join(f"<gml:interior>{ring(h)}</gml:interior>" for h in holes)
    return f'<gml:Polygon gml:id="{gid}"><gml:exterior>{ring(coords)}</gml:exterior>{inner}</gml:Polygon>'


def write(tmp_path: Path, text: str, name: str = "plan.gml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


X0, Y0 = 500000, 7000000
SQUARE = [(X0, Y0), (X0 + 100, Y0), (X0 + 100, Y0 + 100), (X0, Y0 + 100), (X0, Y0)]
LEFT = [(X0, Y0), (X0 + 50, Y0), (X0 + 50, Y0 + 100), (X0, Y0 + 100), (X0, Y0)]
RIGHT = [(X0 + 50, Y0), (X0 + 100, Y0), (X0 + 100, Y0 + 100), (X0 + 50, Y0 + 100), (X0 + 50, Y0)]


def simple_plan() -> str:
    return gml(
        feature("RpOmråde", "o1", linear_polygon(SQUARE, gid="p1"))
        + feature(
            "RpArealformålOmråde",
            "a1",
            linear_polygon(LEFT, gid="p2"),
            "<app:arealformål>1110</app:arealformål><app:feltnavn>B1</app:feltnavn>"
            "<app:eierform>3</app:eierform>",
        )
        + feature(
            "RpArealformålOmråde",
            "a2",
            linear_polygon(RIGHT, gid="p3"),
            "<app:arealformål>3040</app:arealformål><app:feltnavn>G1</app:feltnavn>",
        )
        + "<gml:featureMember><app:Arealplan gml:id='ap'><app:plannavn>X</app:plannavn>"
        "</app:Arealplan></gml:featureMember>"
    )


def test_linear_rings_and_attributes(tmp_path):
    plan = read_plan_gml(write(tmp_path, simple_plan()))
    assert plan.crs.to_epsg() == 25832
    assert list(plan.columns) == [
        "objtype",
        "arealformal",
        "feltnavn",
        "eierform",
        "gml_id",
        "planidentifikasjon",
        "plannavn",
        "geometry",
    ]
    assert plan.objtype.tolist() == ["RpOmråde", "RpArealformålOmråde", "RpArealformålOmråde"]
    assert str(plan.arealformal.dtype) == "Int64"
    assert plan.arealformal.isna().tolist() == [True, False, False]
    assert plan.arealformal.iloc[1:].tolist() == [1110, 3040]
    assert plan.feltnavn.iloc[1:].tolist() == ["B1", "G1"]
    assert plan.eierform.iloc[1] == "3" and plan.eierform.isna().iloc[2]
    assert plan.gml_id.tolist() == ["o1", "a1", "a2"]
    assert list(plan.geometry.iloc[0].exterior.coords) == SQUARE
    assert plan.geometry.iloc[1].equals(Polygon(LEFT))
    assert plan.attrs["warnings"] == []


def test_polygon_with_hole(tmp_path):
    hole = [(X0 + 10, Y0 + 10), (X0 + 20, Y0 + 10), (X0 + 20, Y0 + 20), (X0 + 10, Y0 + 10)]
    text = gml(feature("RpOmråde", "o1", linear_polygon(SQUARE, [hole])))
    geom = read_plan_gml(write(tmp_path, text)).geometry.iloc[0]
    assert len(geom.interiors) == 1 and geom.area == pytest.approx(10000 - 50)


def curve_polygon(segments: str, gid: str = "cp") -> str:
    return (
        f'<gml:Polygon gml:id="{gid}"><gml:exterior><gml:Ring><gml:curveMember>'
        f'<gml:Curve gml:id="{gid}-c"><gml:segments>{segments}</gml:segments></gml:Curve>'
        "</gml:curveMember></gml:Ring></gml:exterior></gml:Polygon>"
    )


def test_ring_of_curve_segments_with_arc(tmp_path):
    # half disc, centre (X0, Y0), radius 50: diameter W->E, then an arc back over the north
    segs = (
        f"<gml:LineStringSegment><gml:posList>{X0 - 50} {Y0} {X0 + 50} {Y0}"
        "</gml:posList></gml:LineStringSegment>"
        f"<gml:Arc><gml:posList>{X0 + 50} {Y0} {X0} {Y0 + 50} {X0 - 50} {Y0}"
        "</gml:posList></gml:Arc>"
    )
    plan = read_plan_gml(write(tmp_path, gml(feature("RpOmråde", "o1", curve_polygon(segs)))))
    geom = plan.geometry.iloc[0]
    xy = np.asarray(geom.exterior.coords)
    assert geom.is_valid
    assert geom.area == pytest.approx(math.pi * 50**2 / 2, rel=1e-2)
    arc = xy[1:-1]  # everything but the two diameter ends
    assert np.allclose(np.hypot(arc[:, 0] - X0, arc[:, 1] - Y0), 50)
    assert (X0, Y0 + 50) in [tuple(p) for p in xy]  # the arc's middle point is kept


def test_surface_with_patches_and_pos_elements(tmp_path):
    pos = "".join(f"<gml:pos>{x} {y}</gml:pos>" for x, y in SQUARE)
    surface = (
        '<gml:Surface gml:id="s"><gml:patches><gml:PolygonPatch><gml:exterior>'
        f"<gml:LinearRing>{pos}</gml:LinearRing></gml:exterior></gml:PolygonPatch>"
        "</gml:patches></gml:Surface>"
    )
    geom = read_plan_gml(write(tmp_path, gml(feature("RpOmråde", "o1", surface)))).geometry
    assert geom.iloc[0].equals(Polygon(SQUARE))


def test_xlink_href_to_a_curve(tmp_path):
    curve = (
        '<gml:Curve gml:id="shared"><gml:segments><gml:LineStringSegment><gml:posList>'
        + " ".join(f"{x} {y}" for x, y in SQUARE)
        + "</gml:posList></gml:LineStringSegment></gml:segments></gml:Curve>"
    )
    grense = (
        '<gml:featureMember><app:RpGrense gml:id="g1"><app:grense>'
        f"{curve}</app:grense></app:RpGrense></gml:featureMember>"
    )
    polygon = (
        '<gml:Polygon gml:id="pp"><gml:exterior><gml:Ring>'
        '<gml:curveMember xlink:href="#shared"/></gml:Ring></gml:exterior></gml:Polygon>'
    )
    plan = read_plan_gml(write(tmp_path, gml(grense + feature("RpOmråde", "o1", polygon))))
    assert plan.geometry.iloc[0].equals(Polygon(SQUARE))


@pytest.mark.parametrize(
    "srs",
    ["EPSG:25832", "urn:ogc:def:crs:EPSG::25832", "http://www.opengis.net/gml/srs/epsg.xml#25832"],
)
def test_srsname_forms(tmp_path, srs):
    text = gml(feature("RpOmråde", "o1", linear_polygon(SQUARE), srs=srs), envelope_srs=None)
    assert read_plan_gml(write(tmp_path, text)).geometry.iloc[0].equals(Polygon(SQUARE))


def test_other_utm_zone_is_reprojected(tmp_path):
    text = gml(feature("RpOmråde", "o1", linear_polygon(SQUARE), srs="urn:ogc:def:crs:EPSG::25833"))
    plan = read_plan_gml(write(tmp_path, text))
    assert plan.crs.to_epsg() == 25832
    assert plan.geometry.iloc[0].centroid.x > 600_000  # zone 33 easting 500 km is far east in 32
    assert plan.geometry.iloc[0].area == pytest.approx(10000, rel=0.01)


def test_north_first_crs_in_urn_form_is_swapped(tmp_path):
    # ETRS89 / NTM zone 10 (Trondheim) has north-east axis order in EPSG
    # Trondheim sentrum is about N 1605036, E 94508 in NTM 10; written north first.
    ntm = [(1_605_000 + y, 94_500 + x) for x, y in [(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)]]
    text = gml(
        feature("RpOmråde", "o1", linear_polygon(ntm), srs="urn:ogc:def:crs:EPSG::5110"),
        envelope_srs=None,
    )
    geom = read_plan_gml(write(tmp_path, text)).geometry.iloc[0]
    assert 550_000 < geom.centroid.x < 600_000 and 7_000_000 < geom.centroid.y < 7_100_000
    assert geom.area == pytest.approx(10000, rel=0.01)


def test_srs_from_envelope_when_geometry_has_none(tmp_path):
    text = gml(feature("RpOmråde", "o1", linear_polygon(SQUARE), srs=None))
    assert read_plan_gml(write(tmp_path, text)).crs.to_epsg() == 25832


def test_bom_is_accepted(tmp_path):
    p = tmp_path / "bom.gml"
    p.write_bytes(b"\xef\xbb\xbf" + simple_plan().encode())
    assert len(read_plan_gml(p)) == 3


def test_invalid_polygon_is_repaired_with_a_warning(tmp_path):
    bowtie = [(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10), (X0, Y0)]
    plan = read_plan_gml(write(tmp_path, gml(feature("RpOmråde", "o1", linear_polygon(bowtie)))))
    assert plan.geometry.iloc[0].is_valid
    assert "repaired" in str(plan.attrs["warnings"][0])


# --------------------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2">&lol2;</gml:FeatureCollection>
"""


@pytest.mark.parametrize(
    "text, match",
    [
        ("", "empty"),
        ("<gml:FeatureCollection", "not well-formed"),
        ("not xml at all", "not well-formed"),
        (BILLION_LAUGHS, "DOCTYPE"),
        ('<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>', "DOCTYPE"),
        (gml(""), "no plan polygons"),
    ],
)
def test_bad_files(tmp_path, text, match):
    with pytest.raises(DataError, match=match) as exc:
        read_plan_gml(write(tmp_path, text, name="bad.gml"))
    assert "bad.gml" in str(exc.value)


def test_doctype_in_utf16_is_refused(tmp_path):
    p = tmp_path / "u16.gml"
    p.write_bytes(BILLION_LAUGHS.replace('"1.0"?', '"1.0" encoding="utf-16"?').encode("utf-16"))
    with pytest.raises(DataError, match="DOCTYPE"):
        read_plan_gml(p)


def test_ring_not_closed(tmp_path):
    open_ring = SQUARE[:-1] + [(X0 + 1, Y0)]
    text = gml(feature("RpOmråde", "o1", linear_polygon(open_ring)))
    with pytest.raises(DataError, match="not closed") as exc:
        read_plan_gml(write(tmp_path, text))
    assert "RpOmråde o1" in str(exc.value) and "område" in str(exc.value)


def test_missing_srs(tmp_path):
    text = gml(feature("RpOmråde", "o1", linear_polygon(SQUARE), srs=None), envelope_srs=None)
    with pytest.raises(DataError, match="no srsName"):
        read_plan_gml(write(tmp_path, text))


def test_unknown_srs(tmp_path):
    text = gml(feature("RpOmråde", "o1", linear_polygon(SQUARE), srs="EPSG:999999"))
    with pytest.raises(DataError, match="unknown srsName"):
        read_plan_gml(write(tmp_path, text))


@pytest.mark.parametrize("href, match", [("#nope", "not in the file"), ("other.gml#c", "outside")])
def test_unresolved_href(tmp_path, href, match):
    polygon = (
        '<gml:Polygon gml:id="pp"><gml:exterior><gml:Ring>'
        f'<gml:curveMember xlink:href="{href}"/></gml:Ring></gml:exterior></gml:Polygon>'
    )
    with pytest.raises(DataError, match=match):
        read_plan_gml(write(tmp_path, gml(feature("RpOmråde", "o1", polygon))))


def test_bad_numbers_and_segment_gap(tmp_path):
    text = gml(feature("RpOmråde", "o1", linear_polygon([(X0, "abc")] * 4)))
    with pytest.raises(DataError, match="not a number"):
        read_plan_gml(write(tmp_path, text))
    segs = (
        f"<gml:LineStringSegment><gml:posList>{X0} {Y0} {X0 + 10} {Y0}</gml:posList>"
        "</gml:LineStringSegment><gml:LineStringSegment><gml:posList>"
        f"{X0 + 20} {Y0} {X0} {Y0 + 10} {X0} {Y0}</gml:posList></gml:LineStringSegment>"
    )
    with pytest.raises(DataError, match="do not connect"):
        read_plan_gml(write(tmp_path, gml(feature("RpOmråde", "o1", curve_polygon(segs)))))


def test_feature_without_geometry(tmp_path):
    text = gml(
        "<gml:featureMember><app:RpOmråde gml:id='o1'><app:x>1</app:x></app:RpOmråde>"
        "</gml:featureMember>"
    )
    with pytest.raises(DataError, match="no polygon geometry"):
        read_plan_gml(write(tmp_path, text))


# --------------------------------------------------------------------------------------
# real files
# --------------------------------------------------------------------------------------


@pytest.mark.realdata
def test_real_arendal_rpomrade_with_arcs(shared_data):
    plan = read_plan_gml(shared_data / "sosi" / "planforslag_arendal_4203_rpomrade_arc.gml")
    assert plan.objtype.tolist() == ["RpOmråde"]
    assert plan.arealformal.isna().all()
    assert plan.gml_id.iloc[0] == "_bf872b4e-c1b7-40eb-b949-fdb0ca19c6aa"
    geom = plan.geometry.iloc[0]
    assert geom.geom_type == "Polygon" and geom.is_valid
    xmin, ymin, xmax, ymax = geom.bounds
    # the file's Envelope: E 484802.23-485247.70, N 6476862.91-6477341.71
    assert xmin == pytest.approx(484802.23001) and xmax == pytest.approx(485247.702504169)
    assert ymin == pytest.approx(6476862.90567807) and ymax == pytest.approx(6477341.70996)
    # the two gml:Arc segments became polylines: many more vertices than the posLists hold
    assert len(geom.exterior.coords) > 200 + 2 * 16
    assert plan.attrs["warnings"] == []


@pytest.mark.realdata
def test_real_synthetic_rparealformalomrade_attributes(shared_data):
    # SYNTHETIC file: tiny coordinates, so only attributes are tested, never geometry or CRS.
    plan = read_plan_gml(shared_data / "sosi" / "planforslag_synthetic_rparealformalomrade.gml")
    formal = plan[plan.objtype == "RpArealformålOmråde"]
    assert len(formal) == 3 and (plan.objtype == "RpOmråde").sum() == 1
    assert formal.arealformal.tolist() == [1169, 1169, 1169]
    assert formal.feltnavn.tolist() == ["o_BTAN1", "o_BTAN2", "o_BTAN3"]
    assert formal.eierform.tolist() == ["1", "1", "1"]


# --------------------------------------------------------------------------------------
# fuzzing: a damaged file may only ever raise DataError
# --------------------------------------------------------------------------------------

FUZZ_BASE = simple_plan().encode()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(min_value=0, max_value=len(FUZZ_BASE)),
    flips=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(FUZZ_BASE) - 1),
            st.sampled_from(list(b"<>/\"' =#:.-0123456789f\n")),
        ),
        max_size=6,
    ),
)
def test_fuzz_truncated_and_mutated(tmp_path, cut, flips):
    raw = bytearray(FUZZ_BASE)
    for pos, byte in flips:
        raw[pos] = byte
    p = tmp_path / "fuzz.gml"
    p.write_bytes(bytes(raw[:cut]))
    try:
        plan = read_plan_gml(p)
    except DataError:
        return
    assert plan.crs.to_epsg() == 25832


def test_multibyte_declared_encoding_is_a_clear_error(tmp_path):
    # Found by the fuzz test above: expat raises ValueError, not ExpatError, for utf-7.
    p = tmp_path / "enc7.gml"
    p.write_bytes(simple_plan().replace('encoding="utf-8"', 'encoding="utf-7"').encode())
    with pytest.raises(DataError, match="cannot be decoded"):
        read_plan_gml(p)


def test_unknown_xml_encoding(tmp_path):
    p = tmp_path / "enc.gml"
    p.write_bytes(simple_plan().replace('encoding="utf-8"', 'encoding="utf-f"').encode())
    with pytest.raises(DataError, match="cannot be decoded"):
        read_plan_gml(p)
