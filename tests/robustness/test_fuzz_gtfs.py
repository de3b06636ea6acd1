"""Fuzzing load_gtfs with broken feeds: damaged zips, missing members, bad times and values,
odd encodings and delimiters.

Every input must load or end in a DataError naming the zip (see _fuzz.py).
"""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.robustness._fuzz import (
    NASTY_NUMBER_TEXT,
    NASTY_NUMBERS,
    fuzz_settings,
    loads_or_data_error,
    truncations_and_flips,
    write_bytes,
)
from tests.robustness._samples import GTFS_DATE, GTFS_MEMBERS, gtfs_zip
from ungtloft_map.core.io.gtfs import load_gtfs

DATES = st.sampled_from([GTFS_DATE, None])


def _check(path, date):
    day = loads_or_data_error(load_gtfs, path, date)
    if day is not None:
        n = len(day.ev_trip)
        assert n > 0 and len(day.ev_arr) == len(day.ev_dep) == len(day.ev_stop) == n
        assert (day.ev_dep >= day.ev_arr).all()
        assert np.isfinite(day.stop_x).all() and np.isfinite(day.stop_y).all()
        assert ((day.ev_stop >= 0) & (day.ev_stop < day.n_stops)).all()


BASE_ZIP = gtfs_zip()


@fuzz_settings(25)
@given(raw=truncations_and_flips(BASE_ZIP, b"PK\x01\x02\x03\x04\x05\x06\x08\x00\xff,\n:"),
       date=DATES)
def test_zip_truncated_or_flipped(fuzz_dir, raw, date):
    _check(write_bytes(fuzz_dir, ".zip", raw), date)


@fuzz_settings(15)
@given(keep=st.sets(st.sampled_from(sorted(GTFS_MEMBERS))), empty=st.sets(st.sampled_from(
    sorted(GTFS_MEMBERS)), max_size=2), folder=st.sampled_from(["", "feed/", "__MACOSX/._"]),
    date=DATES)
def test_members_missing_empty_or_in_a_folder(fuzz_dir, keep, empty, folder, date):
    members = {folder + k: ("" if k in empty else v) for k, v in GTFS_MEMBERS.items() if k in keep}
    _check(write_bytes(fuzz_dir, ".zip", gtfs_zip(members)), date)


# --------------------------------------------------------------------------------------------
# one member changed


BAD_VALUES = st.one_of(
    NASTY_NUMBER_TEXT,
    st.sampled_from([
        "25:61:00", "24:00:60", "8:00", "08:00:00:00", "-1:00:00", "1000:00:00", "99:59:59",
        "08:0O:00", "٠٨:٠٠:٠٠", "08:00:00 ", " ", "\t08:00:00", "0:00:00", "999:59:59",
        "20240230", "00000000", "99991231", "2024-05-14", "2", "1", "0", "3", "T1", "S", "WK",
        "A", "D", '"', '"A"', "x,y", "Øst", "\ufeff", "\x00",
    ]),
    st.text(max_size=6),
)


@st.composite
def member_edits(draw):
    """One member with some of its cells replaced by bad values, then re-encoded."""
    name = draw(st.sampled_from(sorted(GTFS_MEMBERS)))
    lines = GTFS_MEMBERS[name].splitlines()
    rows = [line.split(",") for line in lines]
    for _ in range(draw(st.integers(1, 4))):
        r = draw(st.integers(0, len(rows) - 1))
        c = draw(st.integers(0, len(rows[r]) - 1))
        rows[r][c] = draw(BAD_VALUES)
    if draw(st.booleans()):  # also drop or duplicate a row
        r = draw(st.integers(1, len(rows) - 1))
        rows.insert(r, rows[r]) if draw(st.booleans()) else rows.pop(r)
    sep = draw(st.sampled_from([",", ",", ",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(sep.join(r) for r in rows) + newline
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16",
                                     "utf-16-be"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # cut the member short
        data = data[: draw(st.integers(0, len(data)))]
    return name, data


@fuzz_settings(30)
@given(edit=member_edits(), date=DATES)
def test_member_with_bad_values(fuzz_dir, edit, date):
    name, data = edit
    _check(write_bytes(fuzz_dir, ".zip", gtfs_zip(**{name.replace(".", "_"): data})), date)


# Every column the reader converts to numbers, times or dates, each fuzzed on its own with the
# values that break conversions: random cells anywhere in the feed would rarely put "inf"
# into route_type within a modest number of examples. (Ids and names get the random-cell test.)
COLUMNS = [
    ("stops.txt", "stop_lat"), ("stops.txt", "stop_lon"), ("stops.txt", "location_type"),
    ("routes.txt", "route_type"),
    ("calendar.txt", "tuesday"), ("calendar.txt", "start_date"), ("calendar.txt", "end_date"),
    ("calendar_dates.txt", "date"), ("calendar_dates.txt", "exception_type"),
    ("stop_times.txt", "arrival_time"), ("stop_times.txt", "departure_time"),
    ("stop_times.txt", "stop_sequence"), ("stop_times.txt", "shape_dist_traveled"),
    ("frequencies.txt", "start_time"), ("frequencies.txt", "end_time"),
    ("frequencies.txt", "headway_secs"),
]
COLUMN_VALUES = st.sampled_from([
    *NASTY_NUMBERS, "25:61:00", "8:00", "-1:00:00", "999:59:59", "1000:00:00", "٠٨:٠٠:٠٠",
    "20240230", "00000000", "99991231", "2024-05-14", "2", "abc",
])


@pytest.mark.parametrize(("member", "column"), COLUMNS)
@fuzz_settings(6)
@given(value=COLUMN_VALUES, every_row=st.booleans())
def test_bad_value_in_each_column(fuzz_dir, member, column, value, every_row):
    lines = GTFS_MEMBERS[member].splitlines()
    header = lines[0].split(",")
    c = header.index(column)
    rows = [line.split(",") for line in lines[1:]]
    for i, row in enumerate(rows):
        if every_row or i == 0:
            row[c] = value
    text = "\n".join(",".join(r) for r in [header, *rows]) + "\n"
    raw = gtfs_zip(**{member.replace(".", "_"): text})
    _check(write_bytes(fuzz_dir, ".zip", raw), GTFS_DATE)


@fuzz_settings(20)
@given(data=st.data(), date=DATES)
def test_member_truncated_or_flipped(fuzz_dir, data, date):
    name = data.draw(st.sampled_from(sorted(GTFS_MEMBERS)))
    raw = data.draw(truncations_and_flips(GTFS_MEMBERS[name].encode(), b',\n":0123456789 \xff'))
    _check(write_bytes(fuzz_dir, ".zip", gtfs_zip(**{name.replace(".", "_"): raw})), date)


def test_not_a_zip_and_empty(fuzz_dir):
    for raw in (b"", b"stop_id,stop_name\n", b"PK\x05\x06" + b"\x00" * 18, _empty_zip()):
        _check(write_bytes(fuzz_dir, ".zip", raw), GTFS_DATE)


def _empty_zip() -> bytes:
    buf = io.BytesIO()
    zipfile.ZipFile(buf, "w").close()
    return buf.getvalue()
