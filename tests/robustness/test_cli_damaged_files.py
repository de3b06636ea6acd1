"""The command line as a user with damaged files: every command ends with exactly one line on
stderr naming the file (``ungtloft-map: <file>...: <what>``) and exit code 2 -- no traceback -- and leaves the
output as it was (no file, or the previous file unchanged).

Each file is damaged the two ways a user meets: cut off (a half-finished download or copy) and
garbled (bytes changed in place). The commands run in-process through ``cli.main``, so an
exception other than the app's own would fail the test as a traceback.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from tests.robustness._samples import gtfs_zip
from tests.standard_fixtures import write_n50_sosi, write_ssb_csv, write_zones_over_grid
from tests.standard_fixtures_tables import write_wide_levekar_csv
from ungtloft_map.cli import main

DAMAGES = ["cut off", "garbled"]


def damage(src: Path, how: str, dst: Path) -> Path:
    raw = src.read_bytes()
    if how == "cut off":
        out = raw[: len(raw) // 2]
    else:  # a fixed pattern: every 50th byte (at least 8) replaced, the same on every run
        rng = random.Random(1)
        b = bytearray(raw)
        for _ in range(max(8, len(b) // 50)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        out = bytes(b)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(out)
    return dst


def run_cli(argv, capsys, out: Path) -> str:
    """Run the command; check exit code 2, one stderr line, and ``out`` as it was."""
    before = out.read_bytes() if out.exists() else None
    assert main([str(a) for a in argv]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1, err
    assert "Traceback" not in err[0]
    assert (out.read_bytes() if out.exists() else None) == before, "the output was touched"
    if out.is_dir():
        assert not any(out.iterdir())
    return err[0]


# --------------------------------------------------------------------------------------------
# import


def _sources(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    gtfs = folder / "gtfs.zip"
    gtfs.write_bytes(gtfs_zip())
    return {"zones": write_zones_over_grid(folder), "population": write_ssb_csv(folder, 1000),
            "green": write_n50_sosi(folder),
            "indicators": write_wide_levekar_csv(folder / "levekar.csv"), "gtfs": gtfs}


@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("role", ["zones", "population", "green", "indicators", "gtfs"])
def test_import(tmp_path, capsys, role, how):
    files = _sources(tmp_path / "src")
    files[role] = damage(files[role], how, tmp_path / "bad" / files[role].name)
    args = [a for k, v in files.items() for a in (f"--{k}", v)]
    out = tmp_path / "dataset"
    line = run_cli(["import", "--out", out, *args], capsys, out)
    assert line.startswith("ungtloft-map import: ")


# --------------------------------------------------------------------------------------------
# export-zones and report on a damaged dataset, project file or plan


@pytest.mark.slow
@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("member", ["fjordvik.gpkg", "indicators.csv", "manifest.json"])
def test_export_zones_on_a_damaged_dataset(tmp_path, capsys, demo_dir, member, how):
    ds = tmp_path / "ds"
    shutil.copytree(demo_dir, ds)
    damage(demo_dir / member, how, ds / member)
    out = tmp_path / "zones.csv"
    out.write_text("the previous export\n")
    line = run_cli(["export-zones", "--project", ds, "--out", out], capsys, out)
    assert member in line


@pytest.mark.parametrize("how", DAMAGES)
def test_export_zones_with_a_damaged_project_file(tmp_path, capsys, tiny_project_dir, how):
    from ungtloft_map.core.session import Session

    good = Session.open(tiny_project_dir).save(tmp_path / "mitt.ulmap")
    bad = damage(good, how, tmp_path / "skadet.ulmap")
    out = tmp_path / "zones.csv"
    assert "skadet.ulmap" in run_cli(["export-zones", "--project", bad, "--out", out], capsys, out)


@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("plan", ["plan_a_boligfelt.geojson", "plan_b_park.sos"])
def test_report_with_a_damaged_plan(tmp_path, capsys, demo_dir, plan, how):
    bad = damage(demo_dir / "plans" / plan, how, tmp_path / f"skadet_{plan}")
    out = tmp_path / "rapport.pdf"
    assert bad.name in run_cli(["report", "--plan", bad, "--out", out], capsys, out)


@pytest.mark.parametrize("how", DAMAGES)
def test_transit_matrix_with_a_damaged_feed(tmp_path, capsys, demo_dir, how):
    pts = tmp_path / "p.csv"
    pts.write_text("id,lon,lat\na,10.39,63.43\n")
    bad = damage(demo_dir / "gtfs.zip", how, tmp_path / "skadet.zip")
    out = tmp_path / "m.csv"
    line = run_cli(["transit-matrix", "--gtfs", bad, "--origins", pts, "--destinations", pts,
                    "--out", out], capsys, out)
    assert "skadet.zip" in line
