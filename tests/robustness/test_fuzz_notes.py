"""Fuzzing the place-note readers (ungtloft_map.core.notes): read_notes_gpkg (Stedsnotater →
importer en notatfil) and NoteStore.from_json / from_dict (the notes of a project file).

The valid inputs are written by the app itself (``export_notes_gpkg``, ``NoteStore.to_json``)
from four notes on the test grid. The fuzz cuts and flips the GeoPackage's bytes, and puts any
JSON value into one field of one note. Every input must load or end in a DataError.
"""

from __future__ import annotations

import copy
import functools
import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import Point, box

from tests.factories import X0, Y0, grid_zones
from tests.robustness._fuzz import (
    NASTY_NUMBERS,
    fuzz_settings,
    loads_or_data_error,
    truncations_and_flips,
    write_bytes,
)
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.notes import NoteStore, export_notes_gpkg, read_notes_gpkg


@functools.cache
def store() -> NoteStore:
    s = NoteStore(zones=grid_zones())
    s.add(Point(X0 + 100, Y0 + 100), "Møteplass ved skolen", note_id="n1")
    s.add(Point(X0 + 1500, Y0 + 700), "Mørk sti", category="trygghet", note_id="n2")
    s.add(box(X0 + 10, Y0 + 10, X0 + 300, Y0 + 300), "Område", note_id="n3")
    return s


@functools.cache
def gpkg() -> bytes:
    path = Path(tempfile.mkdtemp(prefix="notes_base_")) / "notater.gpkg"
    export_notes_gpkg(store(), path)
    assert len(read_notes_gpkg(path)) == 3
    return path.read_bytes()


@fuzz_settings(30)
@given(data=st.data())
def test_gpkg_truncated_or_flipped(fuzz_dir, data):
    raw = data.draw(truncations_and_flips(gpkg(), b"\x00\x01\x7f\x80\xff"))
    loads_or_data_error(read_notes_gpkg, write_bytes(fuzz_dir, ".gpkg", raw))


VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
              st.floats(allow_nan=True, allow_infinity=True),
              st.sampled_from(["", "2026-02-30", "2026-01-07", "annet", "Point", "Polygon",
                               *NASTY_NUMBERS[:8]]),
              st.text(max_size=5)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(["type", "coordinates", "x"]), inner,
                                            max_size=3)),
    max_leaves=8,
)


@fuzz_settings(40)
@given(data=st.data())
def test_note_field_values(data):
    doc = json.loads(store().to_json())
    notes = doc["notes"]
    note = notes[data.draw(st.integers(0, len(notes) - 1))]
    key = data.draw(st.sampled_from(sorted({*note, "geometry", "date", "zone_id"})))
    if data.draw(st.booleans()) and isinstance(note.get("geometry"), dict):
        note["geometry"]["coordinates"] = copy.deepcopy(data.draw(VALUE))
    else:
        note[key] = data.draw(VALUE)
    try:
        text = json.dumps(doc, allow_nan=True)
    except ValueError:  # an integer json cannot write (more than 4300 digits)
        return
    try:
        back = NoteStore.from_json(text, zones=grid_zones())
    except DataError as err:
        assert err.message.strip() and "\n" not in str(err).strip()
        return
    assert all(n.note_id for n in back)
