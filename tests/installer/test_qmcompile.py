"""installer/qmcompile.py writes the same .qm bytes as pyside6-lrelease (the wheel's translations)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
from qmcompile import TsError, compile_ts  # noqa: E402

sys.path.pop(0)

TS = ROOT / "resources" / "translations" / "ungtloft_map_en.ts"


def _lrelease() -> str:
    here = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(here) if here.exists() else shutil.which("pyside6-lrelease")
    if not found:
        pytest.skip("pyside6-lrelease is not installed")
    return found


def _lrelease_bytes(ts: Path, tmp_path: Path) -> bytes:
    out = tmp_path / (ts.stem + ".lrelease.qm")
    proc = subprocess.run([_lrelease(), "-silent", str(ts), "-qm", str(out)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes()


def test_project_translations_byte_identical(tmp_path):
    assert compile_ts(TS) == _lrelease_bytes(TS, tmp_path)


def test_edge_cases_byte_identical(tmp_path):
    """Unfinished (empty and filled), obsolete, vanished, comments, plurals, escapes, clashes."""
    ts = tmp_path / "edge_en.ts"
    ts.write_text("""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="nb_NO">
<context><name>B</name>
  <message><source>Ja</source><translation>Yes</translation></message>
  <message><source>Ja</source><comment>knapp</comment><translation>OK</translation></message>
  <message><source>Tom</source><translation type="unfinished"></translation></message>
  <message><source>Halv</source><translation type="unfinished">Half</translation></message>
  <message><source>Gammel</source><translation type="obsolete">Old</translation></message>
  <message><source>Borte</source><translation type="vanished">Gone</translation></message>
  <message numerus="yes"><source>%n sone(r)</source>
    <translation><numerusform>%n zone</numerusform><numerusform>%n zones</numerusform></translation>
  </message>
  <message><source>&lt;b&gt;&amp;Fil&lt;/b&gt; «æøå» ✓</source><translation>&lt;b&gt;&amp;File&lt;/b&gt; “x” ✓</translation></message>
</context>
<context><name>A</name>
  <message><source>Ja</source><translation>Yes (A)</translation></message>
  <message><extracomment>note</extracomment><source>Nei</source><translation>No</translation></message>
</context>
</TS>
""", encoding="utf-8")
    assert compile_ts(ts) == _lrelease_bytes(ts, tmp_path)


def test_bad_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "bad.ts"
    bad.write_text("<TS><context>", encoding="utf-8")
    with pytest.raises(TsError, match="bad.ts"):
        compile_ts(bad)
