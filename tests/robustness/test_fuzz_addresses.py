"""Fuzzing the address readers: read_address_points, read_dwellings, read_housing_list and
join_housing_list (ungtloft_map.core.io.addresses / addresses_housing), and their sniffers.

The valid inputs are written by tests/standard_fixtures_tables.py: Kartverket's address CSV,
address points as GeoJSON, the matrikkel extract at leilighetsnivå (CSV) and with counts
(GeoJSON), the municipal-housing list (CSV, XLSX). The fuzz cuts and flips their bytes or puts
awkward text into one cell. Every input must load or end in a DataError naming the file (see
_fuzz.py); the sniffers must never raise.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import numpy as np
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
from tests.standard_fixtures_tables import (
    write_address_points,
    write_housing_list,
    write_kartverket_addresses_csv,
    write_matrikkel_dwellings,
)
from ungtloft_map.core.io.addresses import (
    looks_like_address_points,
    looks_like_dwellings,
    read_address_points,
    read_dwellings,
)
from ungtloft_map.core.io.addresses_housing import (
    join_housing_list,
    looks_like_housing_list,
    read_housing_list,
)

WRITERS = {
    "kartverket_csv": (".csv", lambda d: write_kartverket_addresses_csv(d / "adresser.csv")),
    "points_geojson": (".geojson", lambda d: write_address_points(d / "adresser.geojson")),
    "units_csv": (".csv", lambda d: write_matrikkel_dwellings(d / "enheter.csv", layout="units")),
    "count_geojson": (".geojson", lambda d: write_matrikkel_dwellings(d / "matrikkel.geojson")),
    "housing_csv": (".csv", lambda d: write_housing_list(d / "boliger.csv")),
    "housing_xlsx": (".xlsx", lambda d: write_housing_list(d / "boliger.xlsx")),
}
DWELLINGS = {"units_csv", "count_geojson"}
HOUSING = {"housing_csv", "housing_xlsx"}


@functools.cache
def base(kind: str) -> bytes:
    """The valid file of ``kind`` (a plain function, not a fixture, so that hypothesis does
    not print it with every failing example)."""
    folder = Path(tempfile.mkdtemp(prefix="address_base_"))
    return WRITERS[kind][1](folder).read_bytes()


@functools.cache
def register():
    """Kartverket's addresses, read once: what the housing lists are joined to."""
    folder = Path(tempfile.mkdtemp(prefix="address_register_"))
    return read_address_points(write_kartverket_addresses_csv(folder / "adresser.csv"))


def _check(kind: str, path: Path):
    if kind in HOUSING:
        looks_like_housing_list(path)  # sniffers answer, they never raise
        housing = loads_or_data_error(read_housing_list, path)
        if housing is not None:
            repr(housing)
            joined = loads_or_data_error(join_housing_list, housing, register(),
                                         names=[path.name])
            if joined is not None:
                repr(joined)
                units = joined.layer["units"].to_numpy(dtype=float)
                assert np.isfinite(units).all() and (units >= 0).all()
        return
    looks_like_address_points(path)
    looks_like_dwellings(path)
    points = loads_or_data_error(read_address_points, path)
    if points is not None:
        repr(points)
        assert points.gdf.crs.to_epsg() == 25832
        assert np.isfinite(points.gdf.total_bounds).all()
    if kind in DWELLINGS:
        dw = loads_or_data_error(read_dwellings, path)
        if dw is not None and dw.dwellings is not None:
            counts = dw.dwellings["dwellings"].to_numpy(dtype=float)
            assert np.isfinite(counts).all() and (counts >= 0).all()


SYNTAX = {
    ".csv": b";,\"\n\r0123456789.-H",
    ".geojson": b"{}[]:,\"0123456789.-e",
    ".xlsx": b"PK\x03\x04\x01\x02<>/\"= 0123456789",
}


@pytest.mark.parametrize("kind", sorted(WRITERS))
@fuzz_settings(15)
@given(data=st.data())
def test_truncated_or_flipped(fuzz_dir, kind, data):
    suffix = WRITERS[kind][0]
    raw = data.draw(truncations_and_flips(base(kind), SYNTAX[suffix]))
    _check(kind, write_bytes(fuzz_dir, suffix, raw))


CELL = st.one_of(
    st.sampled_from(NASTY_NUMBERS),
    st.sampled_from(["H0101", "H0101,H0102", "B", "A", "", "25833", "4326", "EPSG:4326", "0",
                     "99999", "abc", "Øvre", "12B", "12 b", "7011", "-7011", "1e20", "EPSG:99999",
                     "+proj=longlat", '"', "12.5", "1 000", "\u00a0"]),
)


@pytest.mark.parametrize("kind", ["kartverket_csv", "units_csv", "housing_csv"])
@fuzz_settings(15)
@given(data=st.data())
def test_bad_cell(fuzz_dir, kind, data):
    """One cell (or one whole column) of a CSV replaced by awkward text."""
    text = base(kind).decode("utf-8" if kind != "housing_csv" else "cp1252")
    rows = [line.split(";") for line in text.splitlines()]
    col = data.draw(st.integers(0, len(rows[0]) - 1))
    value = data.draw(CELL)
    every = data.draw(st.booleans())
    for row in rows[1:] if every else rows[1:2]:
        if col < len(row):
            row[col] = value
    doc = "\n".join(";".join(r) for r in rows) + "\n"
    _check(kind, write_bytes(fuzz_dir, ".csv", doc.encode("utf-8")))
