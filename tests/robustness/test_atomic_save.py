"""Never a half-written output: a save killed part-way leaves the previous file intact.

A child process writes a large file through ``core.io.atomic`` (and, once, a zone export
through ``core.export.export_zones``) and is killed with SIGKILL at several points: at fixed
delays, as soon as its temp file appears, and when the temp file is part-written. Every time
the target must hold either the previous bytes or the complete new file -- never a partial
file -- and when the kill came before the write finished, exactly the previous bytes.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyogrio
import pytest

from ungtloft_map.core.io.atomic import atomic_path

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

ROOT = Path(__file__).resolve().parents[2]
SIZE = 64 * 1024 * 1024  # large enough that writing and fsyncing it takes a while

CHILD_BYTES = r"""
import sys
from ungtloft_map.core.io.atomic import atomic_write_bytes
target, size = sys.argv[1], int(sys.argv[2])
data = bytes([78]) * size  # "N" * size, allocated before the parent starts its clock
print("ready", flush=True)
atomic_write_bytes(target, data)
print("done", flush=True)
"""

CHILD_EXPORT = r"""
import sys
from ungtloft_map.core.export import export_zones
from ungtloft_map.core.project import Project
zt = Project.demo().zone_table()
print("ready", flush=True)
export_zones(zt, sys.argv[1])
print("done", flush=True)
"""


def _start(script: str, *args: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )
    line = proc.stdout.readline().strip()
    if line != "ready":
        proc.kill()
        pytest.fail(f"child did not start: {line!r} {proc.stderr.read()[-2000:]}")
    return proc


def _temps(target: Path) -> list[Path]:
    """atomic_path's temp files beside ``target`` (``.name.XXXX.suffix``)."""
    return sorted(target.parent.glob(f".{target.name}.*"))


def _kill_when(proc: subprocess.Popen, target: Path, when: tuple[str, float]) -> dict:
    """SIGKILL the child at ``when``; returns what was seen at that moment."""
    kind, arg = when
    seen = {"temp_size": None}
    if kind == "delay":
        time.sleep(arg)
    else:  # "temp": once the temp file exists and holds at least ``arg`` of the payload
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            temps = _temps(target)
            if temps:
                try:
                    size = temps[0].stat().st_size
                except FileNotFoundError:  # renamed away this instant
                    continue
                if size >= arg * SIZE:
                    seen["temp_size"] = size
                    break
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    seen["done"] = "done" in out
    seen["killed"] = proc.returncode == -signal.SIGKILL
    return seen


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


KILL_POINTS = [
    ("delay", 0.0), ("delay", 0.02), ("delay", 0.1), ("delay", 0.4),
    ("temp", 0.0), ("temp", 0.25), ("temp", 0.6),
]


def test_killed_atomic_write_bytes_leaves_previous_file(tmp_path):
    target = tmp_path / "zones.bin"
    old = b"previous file " * 100_000
    new_sha = hashlib.sha256(b"N" * SIZE).hexdigest()
    mid_write = 0
    for when in KILL_POINTS:
        target.write_bytes(old)
        for t in _temps(target):  # a killed writer leaves its temp file; start clean
            t.unlink()
        proc = _start(CHILD_BYTES, str(target), str(SIZE))
        seen = _kill_when(proc, target, when)
        assert target.exists(), f"{when}: the target disappeared"
        content = target.read_bytes()
        if content != old:
            # only a write that got as far as the rename may change the target, and then the
            # whole new file is there
            assert hashlib.sha256(content).hexdigest() == new_sha, f"{when}: partial file"
            assert seen["temp_size"] is None or seen["temp_size"] == SIZE, when
        if seen["temp_size"] is not None and seen["temp_size"] < SIZE and seen["killed"]:
            assert content == old, f"{when}: killed mid-write but the target changed"
            mid_write += 1
    for t in _temps(target):  # 64 MB each: do not leave them in pytest's kept tmp folders
        t.unlink()
    # the test is only worth something if some kills landed in the middle of a write
    assert mid_write >= 1


def test_killed_export_zones_leaves_previous_file(tmp_path, demo_dir):
    target = tmp_path / "soner.gpkg"
    old = b"previous export, not a GeoPackage " * 1000
    for when in (("temp", 0.0), ("delay", 0.15)):
        target.write_bytes(old)
        for t in _temps(target):
            t.unlink()
        proc = _start(CHILD_EXPORT, str(target))
        seen = _kill_when(proc, target, when)
        if seen["temp_size"] is not None and seen["killed"]:
            # killed while the GeoPackage was being written beside the target
            assert target.read_bytes() == old, f"{when}: killed mid-write but the target changed"
        elif target.read_bytes() != old:
            # the export got as far as the rename before the kill: the file must be complete
            layers = [str(n) for n, _ in pyogrio.list_layers(target)]
            assert layers == ["levekarssoner", "kolonner"], when
            assert pyogrio.read_info(target, layer="levekarssoner")["features"] > 0


def test_failed_write_keeps_previous_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "table.csv"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half of the new")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert _temps(target) == [] and os.listdir(tmp_path) == ["table.csv"]
