"""Fuzzing the importer (ungtloft_map.core.io.importer): inspect_source and validate on
damaged files of every kind a user brings to Fil → Importer data or ``ungtloft-map import``.

The valid files are written by the project's fixture code (tests/standard_fixtures*.py, the
robustness samples): SSB grid (GML, CSV), N50 Arealdekke (SOSI), levekår zones (GeoJSON),
Kartverket's address CSV, a wide levekår table, a SOSI plan and a GTFS feed. The fuzz cuts and
flips one of them. ``inspect_source`` must never raise (an unreadable layer carries its message
in ``error``); ``validate`` of the importer's own guess must report every problem as the
reader's DataError -- an "unexpected error" in the report is a reader bug that ``validate``
only caught on its way out.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.robustness._fuzz import fuzz_settings, truncations_and_flips, write_bytes
from tests.robustness._samples import SOSI_PLAN, gtfs_zip
from tests.standard_fixtures import (
    write_n50_sosi,
    write_ssb_csv,
    write_ssb_gml,
    write_zones_over_grid,
)
from tests.standard_fixtures_tables import write_kartverket_addresses_csv, write_wide_levekar_csv
from ungtloft_map.core.io.importer import ImportChoice, inspect_source, validate


def _write_plan(d: Path) -> Path:
    path = d / "plan.sos"
    path.write_text(SOSI_PLAN, encoding="utf-8")
    return path


def _write_gtfs(d: Path) -> Path:
    path = d / "gtfs.zip"
    path.write_bytes(gtfs_zip())
    return path


WRITERS = {
    "ssb_gml": lambda d: write_ssb_gml(d, 250),
    "ssb_csv": lambda d: write_ssb_csv(d, 1000),
    "n50_sosi": write_n50_sosi,
    "zones": write_zones_over_grid,
    "addresses": lambda d: write_kartverket_addresses_csv(d / "adresser.csv"),
    "wide": lambda d: write_wide_levekar_csv(d / "levekar.csv"),
    "plan": _write_plan,
    "gtfs": _write_gtfs,
}


@functools.cache
def base(kind: str) -> tuple[str, str, bytes]:
    """(stem, suffix, bytes) of the valid file of ``kind``; the importer reads each (and
    guesses a role for all but Kartverket's addresses, which are the housing list's points)."""
    folder = Path(tempfile.mkdtemp(prefix="import_base_"))
    path = WRITERS[kind](folder)
    found = inspect_source(path)
    assert found and all(s.error is None for s in found), found
    assert kind == "addresses" or all(s.guessed_role for s in found), found
    suffix = "".join(path.suffixes[-1:])
    return path.name[: -len(suffix)], suffix, path.read_bytes()


def _check(path: Path) -> None:
    sources = inspect_source(path)  # never raises
    assert sources, "a file given by itself yields at least one entry"
    choices = [c for c in (ImportChoice.guessed(s) for s in sources) if c is not None]
    for choice in choices:
        report = validate([choice])
        for check in report.checks:
            for issue in check.issues:
                assert not issue.message.startswith("unexpected error"), issue.message


@pytest.mark.parametrize("kind", sorted(WRITERS))
@fuzz_settings(12)
@given(data=st.data())
def test_truncated_or_flipped(fuzz_dir, kind, data):
    stem, suffix, raw = base(kind)
    damaged = data.draw(truncations_and_flips(raw, b";,<>\"{}[]:.\n 0123456789-\x00\xff"))
    _check(write_bytes(fuzz_dir, suffix, damaged, stem=stem + "_"))
