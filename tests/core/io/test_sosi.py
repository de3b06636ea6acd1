"""Tests for the SOSI reader (hand-written files with exact geometry, plus the real files)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon

from ungtloft_map.core.errors import DataError, DataWarning
from ungtloft_map.core.io.sosi import (
    KOORDSYS_EPSG,
    SosiResult,
    arc_through_points,
    read_sosi,
    read_sosi_plan,
)

HEADER = """.HODE
..TEGNSETT {charset}
..TRANSPAR
...KOORDSYS {koordsys}
...ORIGO-NØ {origo}
...ENHET {enhet}
"""


def sosi_text(
    body: str,
    *,
    charset: str = "UTF-8",
    koordsys: int | str = 22,
    origo: str = "0 0",
    enhet: str = "1",
    slutt: bool = True,
) -> str:
    text = HEADER.format(charset=charset, koordsys=koordsys, origo=origo, enhet=enhet)
    text += body.strip("\n") + "\n"
    if slutt:
        text += ".SLUTT\n"
    return text


def write(
    tmp_path: Path, text: str | bytes, name: str = "test.sos", encoding: str = "utf-8"
) -> Path:
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return p


def messages(res_or_list) -> str:
    items = res_or_list.warnings if isinstance(res_or_list, SosiResult) else res_or_list
    return "\n".join(str(w) for w in items)


# A 10 x 10 square (x = E 0..10, y = N 0..10) in two curves, with a 2 x 2 island in two
# curves. Coordinates in SOSI are written north first.
SQUARE_WITH_HOLE = """
.FLATE 12:
..OBJTYPE Skog
..REF :1 :-2 (:3
:-4)
..NØ
5 5
.KURVE 1:
..OBJTYPE Arealbrukgrense
..NØ
0 0
0 10
10 10
.KURVE 2:
..OBJTYPE Arealbrukgrense
..NØ
0 0 10 0
10 10
.KURVE 3:
..OBJTYPE Innsjøkant
..NØ
2 2 2 4 4 4
.KURVE 4:
..OBJTYPE Innsjøkant
..NØ
2 2
4 2
4 4
"""


# --------------------------------------------------------------------------------------
# geometry
# --------------------------------------------------------------------------------------


def test_point_and_curve_exact_geometry_and_columns(tmp_path):
    body = """
.PUNKT 1:
..OBJTYPE Fastmerke
..NAVN "Store stein"
..HØYDE 12.5
..NØ
6700000 500000
.KURVE 2:
..OBJTYPE Vegkant
..NAVN 'Kort veg'
..HØYDE 3
..NØ
6700000 500000
6700010 500020
"""
    res = read_sosi(write(tmp_path, sosi_text(body)))
    f = res.features
    assert list(f.columns[:3]) == ["objtype", "sosi_type", "sosi_id"]
    assert f.crs.to_epsg() == 25832
    assert res.crs.to_epsg() == 25832
    assert f.objtype.tolist() == ["Fastmerke", "Vegkant"]
    assert f.sosi_type.tolist() == ["PUNKT", "KURVE"]
    assert f.sosi_id.tolist() == [1, 2]
    assert f.NAVN.tolist() == ["Store stein", "Kort veg"]
    assert f["HØYDE"].dtype == "float64" and f["HØYDE"].tolist() == [12.5, 3.0]
    assert f.geometry.iloc[0].equals(Point(500000, 6700000))
    assert list(f.geometry.iloc[1].coords) == [(500000, 6700000), (500020, 6700010)]
    assert res.warnings == []


def test_flate_with_hole_and_reversed_ref(tmp_path):
    res = read_sosi(write(tmp_path, sosi_text(SQUARE_WITH_HOLE)))
    f = res.features.set_index("sosi_id")
    poly = f.loc[12, "geometry"]
    assert isinstance(poly, Polygon)
    # ring = curve 1 forward (0,0)->(10,0)->(10,10), then curve 2 reversed (10,10)->(0,10)->(0,0)
    assert list(poly.exterior.coords) == [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    assert len(poly.interiors) == 1
    assert Polygon(poly.interiors[0]).equals(Polygon([(2, 2), (4, 2), (4, 4), (2, 4)]))
    assert poly.area == pytest.approx(100 - 4)
    assert poly.is_valid
    # the representation point (..NØ in the FLATE) is not part of the boundary
    assert (5, 5) not in list(poly.exterior.coords)
    assert f.loc[12, "objtype"] == "Skog"
    assert res.warnings == []


def test_flate_defined_before_its_curves_and_single_closed_curve(tmp_path):
    body = """
.FLATE 1:
..OBJTYPE Innsjø
..REF :7
.KURVE 7:
..OBJTYPE Innsjøkant
..NØ
0 0 0 5 5 5 5 0 0 0
"""
    f = read_sosi(write(tmp_path, sosi_text(body))).features
    poly = f[f.sosi_type == "FLATE"].geometry.iloc[0]
    assert poly.equals(Polygon([(0, 0), (5, 0), (5, 5), (0, 5)]))


def test_enhet_and_origo_are_applied(tmp_path):
    body = """
.PUNKT 1:
..OBJTYPE P
..NØ
100 250
.PUNKT 2:
..OBJTYPE P
..NØH
-5 7 123456
"""
    text = sosi_text(body, origo="7000000 500000", enhet="0.01")
    f = read_sosi(write(tmp_path, text)).features
    assert f.geometry.iloc[0].equals(Point(500002.5, 7000001.0))
    # NØH: the height is ignored, the output is 2D
    p = f.geometry.iloc[1]
    assert (p.x, p.y) == (500000.07, 6999999.95) and not p.has_z


def test_enhet_0_001_keeps_millimetres(tmp_path):
    body = ".PUNKT 1:\n..OBJTYPE P\n..NØ\n6740223648 398638783\n"
    f = read_sosi(write(tmp_path, sosi_text(body, enhet="0.001"))).features
    assert f.geometry.iloc[0].equals(Point(398638.783, 6740223.648))


def test_kp_markers_and_several_coordinate_blocks(tmp_path):
    body = """
.KURVE 6:
..OBJTYPE RpGrense
..NØ
10 20 ...KP 1
..NØ
30 40 50 60
70 80 ...KP 1
90 100
"""
    f = read_sosi(write(tmp_path, sosi_text(body))).features
    assert list(f.geometry.iloc[0].coords) == [(20, 10), (40, 30), (60, 50), (80, 70), (100, 90)]


def test_buep_arc_lies_on_circle_and_keeps_its_three_points(tmp_path):
    # centre E=100, N=200, radius 50: from east of the centre, via north, to west
    body = """
.BUEP 1:
..OBJTYPE RpGrense
..NØ
200 150
250 100
200 50
"""
    f = read_sosi(write(tmp_path, sosi_text(body))).features
    line = f.geometry.iloc[0]
    assert isinstance(line, LineString)
    xy = np.asarray(line.coords)
    assert len(xy) >= 17
    assert tuple(xy[0]) == (150, 200) and tuple(xy[-1]) == (50, 200)
    assert (100, 250) in [tuple(p) for p in xy]  # the middle point is a vertex
    assert np.allclose(np.hypot(xy[:, 0] - 100, xy[:, 1] - 200), 50)
    assert (xy[:, 1] >= 200 - 1e-9).all()  # the northern half, not the southern one
    assert line.length == pytest.approx(math.pi * 50, rel=1e-2)


def test_buep_chains_into_a_flate(tmp_path):
    # half disc: straight diameter from W to E plus an arc over the north
    body = """
.FLATE 1:
..OBJTYPE RpOmråde
..REF :2 :-3
.KURVE 2:
..OBJTYPE RpGrense
..NØ
200 50
200 150
.BUEP 3:
..OBJTYPE RpGrense
..NØ
200 50
250 100
200 150
"""
    f = read_sosi(write(tmp_path, sosi_text(body))).features
    poly = f[f.sosi_type == "FLATE"].geometry.iloc[0]
    assert poly.is_valid
    assert poly.area == pytest.approx(math.pi * 50**2 / 2, rel=1e-2)


def test_arc_through_points_collinear_is_a_straight_line():
    xy = arc_through_points((0, 0), (1, 1), (2, 2))
    assert xy.tolist() == [[0, 0], [1, 1], [2, 2]]


def test_arc_through_points_clockwise():
    xy = arc_through_points((-1, 0), (0, 1), (1, 0))
    assert np.allclose(np.hypot(xy[:, 0], xy[:, 1]), 1)
    assert (xy[:, 1] >= -1e-12).all()
    assert tuple(xy[-1]) == (1, 0)


def test_sirkelp_is_a_closed_circle(tmp_path):
    body = ".SIRKELP 1:\n..OBJTYPE Sirkel\n..NØ\n0 10\n10 0\n0 -10\n"
    line = read_sosi(write(tmp_path, sosi_text(body))).features.geometry.iloc[0]
    assert line.is_closed
    assert np.allclose(np.hypot(*np.asarray(line.coords).T), 10)


# --------------------------------------------------------------------------------------
# syntax
# --------------------------------------------------------------------------------------


def test_comments_quotes_groups_and_repeated_attributes(tmp_path):
    body = """
! a comment line
.PUNKT 1: ! comment after the id
..OBJTYPE Bygning ! trailing comment
..NAVN "Kafé ! ikke kommentar"
..ADRESSE 'Gate 1'
..KOPIDATA
...OMRÅDEID 0618
...ORIGINALDATAVERT "Hemsedal kommune"
..MERKNAD første
..MERKNAD andre
..KVALITET 82 5000
..NØ
1 2 ! comment after coordinates
"""
    res = read_sosi(write(tmp_path, sosi_text(body)))
    row = res.features.iloc[0]
    assert row.objtype == "Bygning"
    assert row.NAVN == "Kafé ! ikke kommentar"
    assert row.ADRESSE == "Gate 1"
    assert row["KOPIDATA.OMRÅDEID"] == "0618"  # leading zero kept: stays text
    assert row["KOPIDATA.ORIGINALDATAVERT"] == "Hemsedal kommune"
    assert "KOPIDATA" not in res.features.columns
    assert row.MERKNAD == ["første", "andre"]
    assert row.KVALITET == "82 5000"
    assert row.geometry.equals(Point(2, 1))


def test_several_elements_on_one_line(tmp_path):
    body = ".PUNKT 1:\n..OBJTYPE Tre ..HØYDE 7\n..NØ 1 2\n"
    row = read_sosi(write(tmp_path, sosi_text(body))).features.iloc[0]
    assert row.objtype == "Tre" and row["HØYDE"] == 7
    assert row.geometry.equals(Point(2, 1))


def test_sosi4_header_without_transpar(tmp_path):
    text = """.HODE
..TEGNSETT ISO8859-1
..KOORDSYS 23
..ORIGO-NØ 0 0
..ENHET 0.1
.PUNKT 1:
..OBJTYPE P
..NØ
10 20
.SLUTT
"""
    res = read_sosi(write(tmp_path, text, encoding="latin-1"))
    assert res.crs.to_epsg() == 25833
    assert res.features.geometry.iloc[0].equals(Point(2, 1))


@pytest.mark.parametrize("code, epsg", [(22, 25832), (23, 25833), (25, 25835), (110, 5110)])
def test_koordsys_codes(tmp_path, code, epsg):
    body = ".PUNKT 1:\n..OBJTYPE P\n..NØ\n1 2\n"
    res = read_sosi(write(tmp_path, sosi_text(body, koordsys=code)))
    assert res.crs.to_epsg() == epsg
    assert KOORDSYS_EPSG[code] == epsg


def test_repr_is_clear(tmp_path):
    res = read_sosi(write(tmp_path, sosi_text(SQUARE_WITH_HOLE), name="plan.sos"))
    text = repr(res)
    assert "plan.sos" in text and "5 features" in text and "1 FLATE" in text
    assert "4 KURVE" in text and "EPSG:25832" in text and "UTF-8" in text


# --------------------------------------------------------------------------------------
# charsets
# --------------------------------------------------------------------------------------

NAME_BODY = '.PUNKT 1:\n..OBJTYPE Sted\n..NAVN "{name}"\n..NØ\n1 2\n'


@pytest.mark.parametrize(
    "declared, codec",
    [
        ("ISO8859-1", "latin-1"),
        ("ISO8859-10", "iso8859_10"),
        ("DOSN8", "cp865"),
        ("ANSI", "cp1252"),
        ("UTF-8", "utf-8"),
    ],
)
def test_charsets_decode_norwegian_letters(tmp_path, declared, codec):
    name = "Ærøskøbing Åsgård æøå"
    text = sosi_text(NAME_BODY.format(name=name), charset=declared)
    res = read_sosi(write(tmp_path, text, encoding=codec))
    assert res.features.NAVN.iloc[0] == name
    assert res.charset_declared == declared
    assert res.charset_used == declared
    assert res.warnings == []


def test_dosn8_uses_the_standard_byte_codes(tmp_path):
    # SOSI TEGNSETT code list: DOSN8 Æ=146 Ø=157 Å=143 æ=145 ø=155 å=134
    raw = sosi_text(NAME_BODY.format(name="@"), charset="DOSN8").encode("cp865")
    assert bytes([157]) in raw  # "..NØ" and "ORIGO-NØ" are DOSN8 too
    raw = raw.replace(b"@", bytes([146, 157, 143, 145, 155, 134]))
    res = read_sosi(write(tmp_path, raw))
    assert res.features.NAVN.iloc[0] == "ÆØÅæøå"


@pytest.mark.parametrize("declared", ["ND7", "DECN7"])
def test_seven_bit_norwegian(tmp_path, declared):
    # In a 7-bit file even the element names are 7-bit: "..NØ" is written "..N\\".
    text = sosi_text(NAME_BODY.format(name="[r|sk|bing }sg}rd {"), charset=declared)
    text = text.replace("Ø", "\\")
    res = read_sosi(write(tmp_path, text, encoding="ascii"))
    assert res.features.NAVN.iloc[0] == "Ærøskøbing åsgård æ"
    assert res.charset_used == declared


def test_bom_with_declared_iso8859_10_reads_utf8_and_warns(tmp_path):
    text = sosi_text(NAME_BODY.format(name="Ærøskøbing"), charset="ISO8859-10")
    res = read_sosi(write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert res.features.NAVN.iloc[0] == "Ærøskøbing"
    assert res.charset_declared == "ISO8859-10" and res.charset_used == "UTF-8"
    assert "byte order mark" in messages(res)
    assert all(isinstance(w, DataWarning) for w in res.warnings)


def test_declared_latin1_but_utf8_bytes(tmp_path):
    text = sosi_text(NAME_BODY.format(name="Ærøskøbing"), charset="ISO8859-1")
    res = read_sosi(write(tmp_path, text, encoding="utf-8"))
    assert res.features.NAVN.iloc[0] == "Ærøskøbing"
    assert res.charset_used == "UTF-8"
    assert "bytes are UTF-8" in messages(res)
    assert res.warnings[0].field == "TEGNSETT"


def test_declared_utf8_but_latin_bytes_falls_back(tmp_path):
    text = sosi_text(NAME_BODY.format(name="Ærøskøbing"), charset="UTF-8")
    res = read_sosi(write(tmp_path, text, encoding="latin-1"))
    assert res.features.NAVN.iloc[0] == "Ærøskøbing"
    assert res.charset_used == "ISO8859-10"
    assert "not valid UTF-8" in messages(res)


def test_missing_tegnsett_is_guessed_with_a_warning(tmp_path):
    text = sosi_text(NAME_BODY.format(name="Ærøskøbing")).replace("..TEGNSETT UTF-8\n", "")
    res = read_sosi(write(tmp_path, text, encoding="latin-1"))
    assert res.features.NAVN.iloc[0] == "Ærøskøbing"
    assert res.charset_declared is None
    assert "no ..TEGNSETT" in messages(res)


# --------------------------------------------------------------------------------------
# damaged files
# --------------------------------------------------------------------------------------


def test_missing_slutt_warns_and_keeps_objects(tmp_path):
    res = read_sosi(write(tmp_path, sosi_text(SQUARE_WITH_HOLE, slutt=False)))
    assert len(res.features) == 5
    assert ".SLUTT" in messages(res)


def test_truncated_inside_a_coordinate(tmp_path):
    body = ".KURVE 1:\n..OBJTYPE L\n..NØ\n0 0\n10 10\n20"
    res = read_sosi(write(tmp_path, sosi_text(body, slutt=False)))
    assert list(res.features.geometry.iloc[0].coords) == [(0, 0), (10, 10)]
    assert "incomplete" in messages(res)


def test_unknown_koordsys_is_an_error(tmp_path):
    body = ".PUNKT 1:\n..OBJTYPE P\n..NØ\n1 2\n"
    with pytest.raises(DataError, match="unknown KOORDSYS 999") as exc:
        read_sosi(write(tmp_path, sosi_text(body, koordsys=999), name="bad.sos"))
    assert "bad.sos" in str(exc.value) and exc.value.field == "KOORDSYS"


def test_missing_koordsys_is_an_error(tmp_path):
    text = ".HODE\n..TEGNSETT UTF-8\n.PUNKT 1:\n..OBJTYPE P\n..NØ\n1 2\n.SLUTT\n"
    with pytest.raises(DataError, match="KOORDSYS"):
        read_sosi(write(tmp_path, text))


@pytest.mark.parametrize("enhet", ["0", "-1", "abc", "nan"])
def test_bad_enhet_is_an_error(tmp_path, enhet):
    with pytest.raises(DataError, match="ENHET"):
        read_sosi(write(tmp_path, sosi_text("", enhet=enhet)))


BROKEN_REF = """
.FLATE 12:
..OBJTYPE Skog
..REF :1 :99
.FLATE 13:
..OBJTYPE Myr
..REF :1 :2
.KURVE 1:
..OBJTYPE Grense
..NØ
0 0 0 10 10 10
.KURVE 2:
..OBJTYPE Grense
..NØ
10 10 10 0 0 0
"""


def test_broken_ref_is_skipped_with_a_warning(tmp_path):
    res = read_sosi(write(tmp_path, sosi_text(BROKEN_REF), name="ref.sos"))
    f = res.features
    assert 12 not in f.sosi_id.tolist()
    assert set(f.sosi_id) == {1, 2, 13}
    w = [w for w in res.warnings if ".FLATE 12" in w.message]
    assert len(w) == 1 and w[0].field == "REF" and w[0].file == "ref.sos"
    assert ":99" in w[0].message


def test_broken_ref_is_an_error_when_strict(tmp_path):
    with pytest.raises(DataError) as exc:
        read_sosi(write(tmp_path, sosi_text(BROKEN_REF), name="ref.sos"), strict=True)
    text = str(exc.value)
    assert "ref.sos" in text and ".FLATE 12" in text and "'REF'" in text


def test_ring_that_does_not_close(tmp_path):
    body = """
.FLATE 12:
..OBJTYPE Skog
..REF :1
.KURVE 1:
..OBJTYPE Grense
..NØ
0 0 0 10 10 10
"""
    with pytest.raises(DataError, match=r"\.FLATE 12.*does not close"):
        read_sosi(write(tmp_path, sosi_text(body)), strict=True)
    res = read_sosi(write(tmp_path, sosi_text(body)))
    assert res.features.sosi_type.tolist() == ["KURVE"]


@pytest.mark.parametrize("ref", [":1 (:2", ":1 :2)", ":1 ((:2))", ":abc", "(:2)"])
def test_malformed_ref_tokens(tmp_path, ref):
    body = BROKEN_REF.replace("..REF :1 :99", f"..REF {ref}")
    with pytest.raises(DataError, match="REF"):
        read_sosi(write(tmp_path, sosi_text(body)), strict=True)


def test_bad_coordinate_skips_the_object(tmp_path):
    body = (
        ".PUNKT 1:\n..OBJTYPE P\n..NØ\n1 x\n.PUNKT 2:\n..OBJTYPE P\n..NØ\n1 2 3\n"
        ".PUNKT 3:\n..OBJTYPE P\n..NØ\n5 6\n"
    )
    res = read_sosi(write(tmp_path, sosi_text(body)))
    assert res.features.sosi_id.tolist() == [3]
    assert "bad coordinate 'x'" in messages(res) and "not a multiple of 2" in messages(res)


def test_self_intersecting_flate_is_repaired(tmp_path):
    body = (
        ".FLATE 1:\n..OBJTYPE F\n..REF :2\n.KURVE 2:\n..OBJTYPE G\n..NØ\n0 0 10 10 0 10 10 0 0 0\n"
    )
    res = read_sosi(write(tmp_path, sosi_text(body)))
    geom = res.features[res.features.sosi_type == "FLATE"].geometry.iloc[0]
    assert geom.is_valid and geom.area == pytest.approx(50)
    assert "make_valid" in messages(res)


@pytest.mark.parametrize(
    "content, match",
    [
        (b"", "empty"),
        (b"   \r\n\n", "empty"),
        (b"hello world\n", "not a SOSI file"),
        (b".PUNKT 1:\n..NO\n1 2\n", "not a SOSI file"),
        (b"\xef\xbb\xbf", "empty"),
        (b"\x00\xff\xfe garbage", "not a SOSI file"),
    ],
)
def test_not_sosi(tmp_path, content, match):
    with pytest.raises(DataError, match=match):
        read_sosi(write(tmp_path, content))


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        read_sosi(tmp_path / "nope.sos")


def test_unsupported_geometry_type_is_skipped(tmp_path):
    body = ".BUE 1:\n..OBJTYPE B\n..RADIUS 5\n..NØ\n0 0 5 5\n.PUNKT 2:\n..OBJTYPE P\n..NØ\n1 2\n"
    res = read_sosi(write(tmp_path, sosi_text(body)))
    assert res.features.sosi_id.tolist() == [2]
    assert ".BUE" in messages(res)


# --------------------------------------------------------------------------------------
# read_sosi_plan
# --------------------------------------------------------------------------------------

PLAN = """
.FLATE 1:
..OBJTYPE RpOmråde
..REF :10
.FLATE 2:
..OBJTYPE RpArealformålOmråde
..RPAREALFORMÅL 1110
..FELTNAVN "B1"
..EIERFORM 3
..REF :11 :12
.FLATE 3:
..OBJTYPE RpArealformålOmråde
..RPAREALFORMÅL 3040
..FELTNAVN "G1"
..REF :-12 :13
.KURVE 10:
..OBJTYPE RpGrense
..NØ
7000000 500000 7000000 500100 7000100 500100 7000100 500000 7000000 500000
.KURVE 11:
..OBJTYPE RpFormålGrense
..NØ
7000000 500050 7000000 500000 7000100 500000 7000100 500050
.KURVE 12:
..OBJTYPE RpFormålGrense
..NØ
7000100 500050 7000000 500050
.KURVE 13:
..OBJTYPE RpFormålGrense
..NØ
7000100 500050 7000100 500100 7000000 500100 7000000 500050
"""


def test_read_sosi_plan(tmp_path):
    plan = read_sosi_plan(write(tmp_path, sosi_text(PLAN)))
    assert plan.crs.to_epsg() == 25832
    assert list(plan.columns) == [
        "objtype",
        "arealformal",
        "feltnavn",
        "eierform",
        "sosi_id",
        "geometry",
    ]
    assert plan.objtype.tolist() == ["RpOmråde", "RpArealformålOmråde", "RpArealformålOmråde"]
    assert str(plan.arealformal.dtype) == "Int64"
    assert plan.arealformal.isna().tolist() == [True, False, False]
    assert plan.arealformal.iloc[1:].tolist() == [1110, 3040]
    assert plan.feltnavn.isna().tolist() == [True, False, False]
    assert plan.feltnavn.iloc[1:].tolist() == ["B1", "G1"]
    assert plan.eierform.tolist()[1] == "3"
    assert plan.geometry.iloc[0].area == pytest.approx(100 * 100)
    assert plan.geometry.iloc[1].area == pytest.approx(50 * 100)
    assert plan.geometry.iloc[1].union(plan.geometry.iloc[2]).equals(plan.geometry.iloc[0])


def test_read_sosi_plan_reprojects_to_25832(tmp_path):
    plan = read_sosi_plan(write(tmp_path, sosi_text(PLAN, koordsys=23)))
    assert plan.crs.to_epsg() == 25832
    x, y = plan.geometry.iloc[0].centroid.coords[0]
    assert 500_000 < x < 1_000_000 and 6_900_000 < y < 7_100_000  # moved west by a zone


def test_read_sosi_plan_broken_plan_polygon_is_an_error(tmp_path):
    text = sosi_text(PLAN.replace("..REF :11 :12", "..REF :11 :99"))
    with pytest.raises(DataError, match=r"\.FLATE 2.*:99"):
        read_sosi_plan(write(tmp_path, text))


def test_read_sosi_plan_without_plan_polygons(tmp_path):
    body = ".KURVE 1:\n..OBJTYPE RpGrense\n..NØ\n0 0\n0 10\n"
    with pytest.raises(DataError, match="boundary lines only"):
        read_sosi_plan(write(tmp_path, sosi_text(body)))
    body = ".PUNKT 1:\n..OBJTYPE P\n..NØ\n0 0\n"
    with pytest.raises(DataError, match="no plan polygons"):
        read_sosi_plan(write(tmp_path, sosi_text(body)))


def test_read_sosi_plan_polygonizes_closed_rpgrense(tmp_path):
    body = """
.KURVE 1:
..OBJTYPE RpGrense
..NØ
0 0 0 10 10 10
.BUEP 2:
..OBJTYPE RpGrense
..NØ
10 10
5 -2
0 0
"""
    plan = read_sosi_plan(write(tmp_path, sosi_text(body)))
    assert plan.objtype.tolist() == ["RpGrensePolygon"]
    assert plan.arealformal.isna().all()
    assert plan.geometry.iloc[0].is_valid and plan.geometry.iloc[0].area > 50
    assert "RpGrense" in messages(plan.attrs["warnings"])


# --------------------------------------------------------------------------------------
# fuzzing: bad input may only ever raise DataError
# --------------------------------------------------------------------------------------

FUZZ_BASE = sosi_text(SQUARE_WITH_HOLE + '.PUNKT 20:\n..OBJTYPE P\n..NAVN "Ærø"\n..NØ\n1 2\n')


def _read_or_data_error(path: Path) -> None:
    try:
        res = read_sosi(path)
    except DataError:
        return
    assert isinstance(res, SosiResult)
    read_or_plan = None
    try:
        read_or_plan = read_sosi_plan(path)
    except DataError:
        pass
    assert read_or_plan is None or read_or_plan.crs.to_epsg() == 25832


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400))
def test_fuzz_random_bytes(tmp_path, data):
    _read_or_data_error(write(tmp_path, data))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(min_value=0, max_value=len(FUZZ_BASE.encode())),
    flips=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(FUZZ_BASE.encode()) - 1),
            st.sampled_from(list(b".:()-!\"' \n0123456789ABN\xd8\xff\xc3")),
        ),
        max_size=6,
    ),
)
def test_fuzz_truncated_and_mutated(tmp_path, cut, flips):
    raw = bytearray(FUZZ_BASE.encode())
    for pos, byte in flips:
        raw[pos] = byte
    _read_or_data_error(write(tmp_path, bytes(raw[:cut])))


# --------------------------------------------------------------------------------------
# real files (see ../shared/data/sosi/PROVENANCE.txt)
# --------------------------------------------------------------------------------------


@pytest.mark.realdata
def test_real_hemsedal_buer(shared_data):
    res = read_sosi(shared_data / "sosi" / "regplan_hemsedal_0618_rpgrense_buer.sos")
    f = res.features
    assert res.charset_declared == "ISO8859-10" and res.charset_used == "UTF-8"
    text = messages(res)
    assert "byte order mark" in text and ".SLUTT" in text
    assert len(f) == 21 and (f.objtype == "RpGrense").all()
    assert f.sosi_type.value_counts().to_dict() == {"KURVE": 11, "BUEP": 10}
    assert f["KOPIDATA.OMRÅDEID"].eq("0618").all()
    assert f["KOPIDATA.ORIGINALDATAVERT"].eq("Hemsedal kommune").all()
    assert res.crs.to_epsg() == 25832
    # The file's own coordinates (ENHET 0.01): E 472317-474319, N 6747150-6747776 (Hemsedal).
    xmin, ymin, xmax, ymax = f.total_bounds
    assert 470_000 < xmin < xmax < 476_000 and 6_745_000 < ymin < ymax < 6_750_000
    # the first KURVE starts at ..NØ 674759383 47234049
    assert f.geometry.iloc[0].coords[0] == pytest.approx((472340.49, 6747593.83))
    with pytest.raises(DataError, match="boundary lines only"):
        read_sosi_plan(shared_data / "sosi" / "regplan_hemsedal_0618_rpgrense_buer.sos")


@pytest.mark.realdata
def test_real_n50_arealdekke(shared_data):
    res = read_sosi(shared_data / "sosi" / "n50_arealdekke_testfile2.sos")
    f = res.features
    assert f.sosi_type.value_counts().to_dict() == {"FLATE": 352, "KURVE": 1169, "PUNKT": 13}
    assert res.charset_declared == "ISO8859-1" and res.charset_used == "UTF-8"
    assert len(res.warnings) == 1 and res.warnings[0].field == "TEGNSETT"
    flater = f[f.sosi_type == "FLATE"]
    assert flater.geom_type.eq("Polygon").all() and flater.is_valid.all()
    holes = flater.geometry.apply(lambda g: len(g.interiors))
    # PROVENANCE counts 12 from the ..REF lines that start an island; islands also start
    # on continuation lines, and 27 FLATEs have them (158 islands in all).
    assert (holes > 0).sum() == 27 and holes.sum() == 158
    assert holes.loc[flater.index[flater.sosi_id == 12]].iloc[0] >= 1
    assert set(f.objtype) >= {"Skog", "Innsjø", "ÅpentOmråde", "Havflate", "Innsjøkant"}
    assert "Kristiansand lufthavn, Kjevik" in f.NAVN.tolist()
    assert f["TETTSTEDID.TSTED"].dropna().astype(int).tolist()[:1] == [4005]
    xmin, ymin, xmax, ymax = f.total_bounds
    assert 431_000 < xmin < xmax < 464_000 and 6_411_000 < ymin < ymax < 6_462_000


@pytest.mark.realdata
def test_real_ssr_names_iso8859_10(shared_data):
    res = read_sosi(shared_data / "sosi" / "ssr_navn_1421_iso8859-10.sos")
    f = res.features
    assert res.charset_used == "ISO8859-10"
    assert not any(w.field == "TEGNSETT" for w in res.warnings)
    assert len(f) == 3055 and (f.sosi_type == "TEKST").all()
    assert (f.objtype == "Skrivemåte").all()
    names = set(f.STRENG)
    assert {"Holaåsen", "Nærøyfjorden", "Øyestølen"} <= names
    assert not any("Ã" in n for n in names)
    first = f.iloc[0]
    assert first.STRENG == "Upsedalen" and first["SSR.SNAVN"] == "Upsedalen"
    # ENHET 0.001: ..NØ 6740223648 398638783 -> millimetres
    assert first.geometry.equals(Point(398638.783, 6740223.648))


@pytest.mark.realdata
def test_real_nvdb_origo_and_noh(shared_data):
    res = read_sosi(shared_data / "sosi" / "nvdb_kantstein_iso8859-1_noh.sos")
    f = res.features
    assert res.charset_used == "ISO8859-1" and res.warnings == []
    assert len(f) == 14 and (f.sosi_type == "PUNKT").all()
    assert (f.objtype == "NedsenkaKantstein_10").all()
    # ORIGO-NØ 7034307 569377, ENHET 0.010, first ..NØH 666 966 934
    assert f.geometry.iloc[0].coords[0] == pytest.approx((569386.66, 7034313.66))
    assert (f.geometry.x >= 569377).all() and (f.geometry.y >= 7034307).all()
    assert (f.geometry.x <= 569490).all() and (f.geometry.y <= 7034417).all()
    assert f.PTEMA.eq("0999").all()
    assert f["Dybde_1656"].iloc[0] == pytest.approx(0.11)
