"""Fuzzing project files (``.ulmap``): projectfile.load_project and Session.open, the path of
``ungtloft-map --project mitt.ulmap`` and of Fil → Åpne prosjekt.

The valid project file is written by the app itself (``Session.save``) over the tiny dataset of
tests/factories.py, with every setting set away from its default and two place notes. The fuzz
cuts and flips its bytes, or puts an awkward JSON value into one setting. A project file must
open or end in a DataError naming it; an opened session must hold settings of the types the
rest of the app uses (the docstring of ``Session.apply_settings``: unusable values are ignored),
so a damaged file cannot fail later, inside the analysis or an export.
"""

from __future__ import annotations

import copy
import functools
import json
import math
import tempfile
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import write_tiny_project
from tests.robustness._fuzz import (
    NASTY_NUMBERS,
    fuzz_settings,
    loads_or_data_error,
    truncations_and_flips,
    unique_path,
)
from ungtloft_map.core.pipeline import AnalysisSettings
from ungtloft_map.core.projectfile import load_project
from ungtloft_map.core.session import Session


@functools.cache
def base() -> tuple[Path, bytes]:
    """(dataset folder, bytes of a valid project file that references it by absolute path)."""
    root = Path(tempfile.mkdtemp(prefix="ulmap_base_"))
    folder = write_tiny_project(root / "tiny", nx=2, ny=1)
    s = Session.open(folder)
    s.set_classification({"scheme": "fisherjenks", "k": 4, "bins": None})
    s.set_layers(["roads"], ["roads", "water"], {"roads": 0.5})
    s.set_selection(list(s.zone_table.gdf["zone_id"])[:1]) if s.zone_table is not None else None
    s.set_basemap("none")
    s.set_notes([{"id": "n1", "text": "Møteplass", "lon": 10.4, "lat": 63.4},
                 {"id": "n2", "text": "x", "zone_id": "z1"}])
    s.set_analysis(AnalysisSettings(weights={"low_income": 2.0}, theme_weights={"green": 0.5},
                                    permutations=99, transit_date="2026-01-07"))
    doc = json.loads(s.save(root / "mitt.ulmap").read_text("utf-8"))
    # absolute, so that the copies the fuzz writes elsewhere still find the dataset
    doc["data"]["folder"] = str(folder)
    raw = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    probe = root / "probe.ulmap"
    probe.write_bytes(raw)
    _check_session(Session.open(probe))  # the base itself opens
    return folder, raw


def _check_session(s: Session) -> None:
    settings = s.settings()
    json.dumps(settings)  # what the next save writes
    a = s.analysis
    for f in fields(AnalysisSettings):
        value, default = getattr(a, f.name), f.default if f.default is not f.default_factory \
            else None
        if isinstance(default, bool):
            assert isinstance(value, bool), (f.name, value)
        elif isinstance(default, int):
            assert isinstance(value, int) and not isinstance(value, bool), (f.name, value)
        elif isinstance(default, float):
            assert isinstance(value, (int, float)) and not isinstance(value, bool) \
                and math.isfinite(value), (f.name, value)
        elif isinstance(default, str):
            assert isinstance(value, str), (f.name, value)
    for name in ("weights", "theme_weights"):
        w = getattr(a, name)
        assert isinstance(w, dict) and all(
            isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool)
            and math.isfinite(v) for k, v in w.items()), (name, w)
    c = s.classification
    assert isinstance(c["k"], int) and isinstance(c["scheme"], str)
    assert all(isinstance(z, str) for z in s.selection)
    assert all(isinstance(n, dict) for n in s.notes)
    layers = s.layers
    assert all(isinstance(v, str) for v in layers["visible"] + layers["order"])
    assert all(isinstance(v, float) and math.isfinite(v) for v in layers["opacity"].values())


def _open(path: Path) -> None:
    state = loads_or_data_error(load_project, path)
    if state is None:
        return
    session = loads_or_data_error(Session.open, path)
    if session is not None:
        _check_session(session)


@fuzz_settings(40)
@given(data=st.data())
def test_truncated_or_flipped(fuzz_dir, data):
    raw = data.draw(truncations_and_flips(base()[1], b'{}[]:,"0123456789-.etrufalsn\\'))
    path = unique_path(fuzz_dir, ".ulmap")
    path.write_bytes(raw)
    _open(path)


JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
              st.floats(allow_nan=True, allow_infinity=True),
              st.sampled_from(["", "abc", "2024", "999", "-1", "0.5", "nan", *NASTY_NUMBERS[:6],
                               "quantiles", "percentile", "queen", "07:00-09:00", "2026-13-45"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["a", "k", "scheme", "x", "1"]), inner,
                                            max_size=3)),
    max_leaves=5,
)


def _slots(doc) -> list[tuple]:
    """Paths (tuples of keys) to every value under ``settings`` and ``notes``."""
    out, stack = [], [(("settings",), doc["settings"]), (("notes",), doc["notes"])]
    while stack:
        where, node = stack.pop()
        out.append(where)
        if isinstance(node, dict):
            stack.extend((where + (k,), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((where + (i,), v) for i, v in enumerate(node))
    return sorted(out, key=str)


@fuzz_settings(30)  # a Session.open each (~0.15 s): under 5 s a run
@given(data=st.data())
def test_setting_values(fuzz_dir, data):
    doc = json.loads(base()[1])
    slot = data.draw(st.sampled_from(_slots(doc)))
    value = data.draw(JSON_VALUE)
    target = doc
    for key in slot[:-1]:
        target = target[key]
    if len(slot) == 1:
        doc[slot[0]] = value
    else:
        target[slot[-1]] = copy.deepcopy(value)
    path = unique_path(fuzz_dir, ".ulmap")
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    _open(path)


@pytest.mark.parametrize("field", ["format", "format_version", "data", "app_version"])
@fuzz_settings(10)
@given(value=JSON_VALUE)
def test_header_values(fuzz_dir, field, value):
    doc = json.loads(base()[1])
    doc[field] = value
    path = unique_path(fuzz_dir, ".ulmap")
    path.write_text(json.dumps(doc), "utf-8")
    _open(path)
