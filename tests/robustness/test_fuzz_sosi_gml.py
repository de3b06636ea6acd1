"""Fuzzing the plan readers: read_sosi, read_sosi_plan, read_plan_gml and read_plan.

Every input must load or end in a DataError naming the file (see _fuzz.py). The byte-level
fuzzing in tests/core/io covers random damage; here each value slot of a valid file gets the
values that break conversions, lines are repeated and dropped, and the text is re-encoded.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.robustness._fuzz import (
    NASTY_NUMBERS,
    fuzz_settings,
    loads_or_data_error,
    truncations_and_flips,
    write_bytes,
)
from tests.robustness._samples import GML_SRS, SOSI_PLAN, gml_plan
from ungtloft_map.core.io.plangml import read_plan_gml
from ungtloft_map.core.io.plans import read_plan
from ungtloft_map.core.io.sosi import read_sosi, read_sosi_plan


def _check_sosi(path):
    res = loads_or_data_error(read_sosi, path)
    if res is not None:
        assert len(res.features) == 0 or res.features.crs is not None
    loads_or_data_error(read_sosi, path, strict=True)
    plan = loads_or_data_error(read_sosi_plan, path)
    if plan is not None:
        assert plan.crs.to_epsg() == 25832
    layer = loads_or_data_error(read_plan, path)
    if layer is not None:
        assert layer.features.crs.to_epsg() == 25832 and not layer.boundary.is_empty


def _check_gml(path):
    plan = loads_or_data_error(read_plan_gml, path)
    if plan is not None:
        assert plan.crs.to_epsg() == 25832
    layer = loads_or_data_error(read_plan, path)
    if layer is not None:
        assert layer.features.crs.to_epsg() == 25832 and not layer.boundary.is_empty


# --------------------------------------------------------------------------------------------
# SOSI

#: (text in SOSI_PLAN, the same with a slot "{}" for the fuzzed value)
SOSI_SLOTS = [
    ("...KOORDSYS 22", "...KOORDSYS {}"),
    ("...ENHET 0.01", "...ENHET {}"),
    ("...ORIGO-NØ 0 0", "...ORIGO-NØ {} 0"),
    (".FLATE 2:", ".FLATE {}:"),
    (".KURVE 6:", ".KURVE {}:"),
    ("..REF :4 :5", "..REF :4 :{}"),
    ("..REF :4 :-6", "..REF {} :-6"),
    ("..RPAREALFORMÅL 1110", "..RPAREALFORMÅL {}"),
    ("..ANDREBOENHETER 80", "..ANDREBOENHETER {}"),
    ("...PLANID FJV-2026-02", "...PLANID {}"),
    ("702403000 55368000", "702403000 {}"),  # a coordinate of a plan boundary curve
    ("702381000 55341000", "{} 55341000"),  # the middle point of the arc
    ("..TEGNSETT UTF-8", "..TEGNSETT {}"),
]
SOSI_VALUES = st.sampled_from([
    *NASTY_NUMBERS, "1e200", "-1e200", "0", "1:", ":", "(", ")", '"', "'", "!", ".", "..REF",
    "ISO8859-1", "ND7", "ANSI", "UTF-16", "Ø", "\u2028", "1 2 3",
])


@pytest.mark.parametrize(("old", "slot"), SOSI_SLOTS, ids=[s[0] for s in SOSI_SLOTS])
@fuzz_settings(8)
@given(value=SOSI_VALUES)
def test_sosi_value_slots(fuzz_dir, old, slot, value):
    assert old in SOSI_PLAN
    text = SOSI_PLAN.replace(old, slot.format(value), 1)
    _check_sosi(write_bytes(fuzz_dir, ".sos", text.encode("utf-8")))


SOSI_LINES = SOSI_PLAN.splitlines()


@st.composite
def sosi_line_edits(draw):
    lines = list(SOSI_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["repeat", "drop", "swap", "indent", "merge"]))
        if op == "repeat":  # a repeated attribute is read as a list
            lines.insert(i, lines[i])
        elif op == "drop" and len(lines) > 1:
            lines.pop(i)
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = draw(st.sampled_from([" ", "\t", "."])) + lines[i]
        elif op == "merge" and i + 1 < len(lines):
            lines[i: i + 2] = [lines[i] + " " + lines[i + 1]]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    declared = draw(st.sampled_from(["UTF-8", "ISO8859-1", "ISO8859-10", "ANSI", "DOSN8", "ND7",
                                     "DECN7", "UTF-16", None]))
    if declared is None:
        text = text.replace("..TEGNSETT UTF-8", "")
    else:
        text = text.replace("..TEGNSETT UTF-8", f"..TEGNSETT {declared}")
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "cp1252", "cp865",
                                     "utf-16", "ascii"]))
    return text.encode(encoding, errors="replace")


@fuzz_settings(60)
@given(raw=sosi_line_edits())
def test_sosi_lines_repeated_dropped_and_reencoded(fuzz_dir, raw):
    _check_sosi(write_bytes(fuzz_dir, ".sos", raw))


@fuzz_settings(25)
@given(raw=truncations_and_flips(SOSI_PLAN.encode(), b".:()-!\"' \n0123456789ABNR\xc3\xd8\xff"))
def test_sosi_truncated_or_flipped(fuzz_dir, raw):
    _check_sosi(write_bytes(fuzz_dir, ".sos", raw))


# --------------------------------------------------------------------------------------------
# Plan GML

GML_SRS_VALUES = st.sampled_from([
    GML_SRS, "EPSG:25832", "urn:ogc:def:crs:EPSG::25833", "urn:ogc:def:crs:EPSG::4258",
    "http://www.opengis.net/def/crs/EPSG/0/5972", "EPSG:4326", "EPSG:0", "EPSG:999999",
    "EPSG:" + "9" * 30, "EPSG:" + "9" * 5000, "IAU_2015:49900", "EPSG:5941", "EPSG:4978",
    "", " ", "foo", "urn:ogc:def:crs:EPSG::", "+proj=longlat +a=1", "EPSG:²",
])


@st.composite
def gml_docs(draw):
    kind = draw(st.sampled_from(["srs", "dim", "coord", "code", "href", "deep"]))
    srs, pos_attrs, inner = GML_SRS, "", ""
    text = None
    if kind == "srs":
        srs = draw(GML_SRS_VALUES)
    elif kind == "dim":
        pos_attrs = f' srsDimension="{draw(st.sampled_from(NASTY_NUMBERS + ["3", "1", "4"]))}"'
    elif kind == "deep":
        n = draw(st.sampled_from([10, 1500, 4000]))
        tag = draw(st.sampled_from(["app:x", "gml:MultiSurface", "gml:surfaceMember"]))
        inner = f"<{tag}>" * n + f"</{tag}>" * n
    base = gml_plan(srs=srs, pos_attrs=pos_attrs, inner=inner)
    if kind == "coord":
        value = draw(st.sampled_from(NASTY_NUMBERS + ["1e200", "-1e200"]))
        text = base.replace("560050 7030000", f"{value} 7030000", 1)
    elif kind == "code":
        value = draw(st.sampled_from(NASTY_NUMBERS))
        text = base.replace("<app:arealformål>1110<", f"<app:arealformål>{value}<")
    elif kind == "href":  # references: to itself, to a ring, outside the file, to nothing
        target = draw(st.sampled_from(["#o1-ms", "#a1-s", "#p1", "#c1", "#nope", "x.gml#p1", "#"]))
        text = base.replace('<gml:surfaceMember><gml:Polygon gml:id="p1">',
                            f'<gml:surfaceMember xlink:href="{target}"/><gml:surfaceMember>'
                            '<gml:Polygon gml:id="p1">')
    text = text if text is not None else base
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "utf-16"]))
    if encoding != "utf-8" and draw(st.booleans()):  # declared or not
        text = text.replace('encoding="utf-8"', f'encoding="{encoding}"')
    return text.encode(encoding, errors="replace")


@fuzz_settings(70)
@given(raw=gml_docs())
def test_gml_value_slots(fuzz_dir, raw):
    _check_gml(write_bytes(fuzz_dir, ".gml", raw))


GML_BASE = gml_plan().encode()


@fuzz_settings(30)
@given(raw=truncations_and_flips(GML_BASE, b"<>/\"' =#:.-0123456789\n\xc3\xff"))
def test_gml_truncated_or_flipped(fuzz_dir, raw):
    _check_gml(write_bytes(fuzz_dir, ".gml", raw))


def test_empty_and_not_text(fuzz_dir):
    for suffix in (".sos", ".sosi", ".gml"):
        for raw in (b"", b"\x00" * 64, b"\xef\xbb\xbf", b"\xff\xfe\x00", b"PK\x03\x04"):
            path = write_bytes(fuzz_dir, suffix, raw)
            loads_or_data_error(read_plan, path)
            if suffix == ".gml":
                loads_or_data_error(read_plan_gml, path)
            else:
                _check_sosi(path)
