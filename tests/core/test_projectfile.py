"""Project files: round trip, referenced vs copied data, version checks, crash safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ungtloft_map.core.errors import DataError
from ungtloft_map.core.project import Project
from ungtloft_map.core.projectfile import ProjectState, load_project, save_project


def test_round_trip_referenced(tmp_path, tiny_project_dir):
    state = ProjectState(str(tiny_project_dir), settings={"column": "neet", "weights": {"neet": 2.0}},
                         notes=[{"text": "Mørk undergang", "zone_id": "Z01"}])
    path = save_project(state, tmp_path / "p.ulmap")
    back = load_project(path)
    assert back.settings == state.settings and back.notes == state.notes
    assert back.dataset == str(tiny_project_dir.resolve()) and not back.copy_data
    assert "referenced" in repr(back)
    Project.load(back.dataset)  # the dataset opens


def test_copied_data_survives_removing_the_original(tmp_path, tiny_project_dir):
    import shutil

    path = save_project(ProjectState(str(tiny_project_dir), copy_data=True), tmp_path / "p.ulmap")
    shutil.rmtree(tiny_project_dir)
    back = load_project(path)
    assert back.copy_data and Project.load(back.dataset).zone_table().year == 2024


def test_resave_with_new_data_drops_old_copy(tmp_path, tiny_project_dir):
    path = save_project(ProjectState(str(tiny_project_dir), copy_data=True), tmp_path / "p.ulmap")
    first = load_project(path).dataset
    csv = tiny_project_dir / "indicators.csv"
    csv.write_text(csv.read_text().replace("Z00,2024,11,", "Z00,2024,12,"))
    save_project(ProjectState(str(tiny_project_dir), copy_data=True), path)
    second = load_project(path).dataset
    assert first != second and not os.path.exists(first) and os.path.exists(second)


def test_saving_a_copied_project_again_keeps_its_copy(tmp_path, tiny_project_dir):
    path = save_project(ProjectState(str(tiny_project_dir), copy_data=True), tmp_path / "p.ulmap")
    copy = load_project(path).dataset
    mtime = (Path(copy) / "data.gpkg").stat().st_mtime_ns
    save_project(ProjectState(copy, copy_data=True, settings={"column": "neet"}), path)
    back = load_project(path)
    assert back.dataset == copy and back.settings == {"column": "neet"}
    assert (Path(copy) / "data.gpkg").stat().st_mtime_ns == mtime  # not copied again


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("{broken", "damaged"),
        (json.dumps({"format": "something else"}), "not an UngtLøft Map project"),
        (json.dumps({"format": "ungtloft-map-project", "format_version": 7, "app_version": "9.0"}), "newer version"),
        (json.dumps({"format": "ungtloft-map-project", "format_version": 1}), "where its data is"),
        (json.dumps({"format": "ungtloft-map-project", "format_version": 1, "data": {"folder": "gone"}}), "missing"),
    ],
)
def test_bad_project_files(tmp_path, content, match):
    p = tmp_path / "x.ulmap"
    p.write_text(content)
    with pytest.raises(DataError, match=match):
        load_project(p)


_SAVER = r"""
import sys, time
from ungtloft_map.core.projectfile import ProjectState, save_project
# Many big settings make each save take long enough to be killed in the middle.
settings = {"blob": ["x" * 1000] * 20000}
print("ready", flush=True)
while True:
    save_project(ProjectState(sys.argv[1], settings=settings), sys.argv[2])
"""


def test_killed_save_leaves_a_complete_project(tmp_path, tiny_project_dir):
    path = tmp_path / "p.ulmap"
    save_project(ProjectState(str(tiny_project_dir), settings={"column": "neet"}), path)
    for delay in (0.05, 0.2, 0.45, 0.8):
        proc = subprocess.Popen([sys.executable, "-c", _SAVER, str(tiny_project_dir), str(path)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = load_project(path)  # never half-written: either the old or a new complete file
        assert state.settings.get("column") == "neet" or len(state.settings["blob"]) == 20000


def test_copy_puts_every_layer_in_one_geopackage(tmp_path, tiny_project_dir):
    import pyogrio

    path = save_project(ProjectState(str(tiny_project_dir), copy_data=True), tmp_path / "p.ulmap")
    folder = Path(load_project(path).dataset)
    layers = sorted(n for n, _ in pyogrio.list_layers(folder / "data.gpkg"))
    assert layers == ["destinations", "districts", "population", "zones"]
    assert sorted(p.name for p in folder.iterdir()) == ["data.gpkg", "indicators.csv", "manifest.json"]


def test_copy_of_an_imported_dataset_no_longer_needs_the_sources(tmp_path, tiny_project_dir):
    """An imported dataset's manifest names its sources by absolute path: the copy must not."""
    import shutil

    m = json.loads((tiny_project_dir / "manifest.json").read_text())
    for spec in m["layers"].values():
        spec["path"] = str(tiny_project_dir / spec["path"])
    m["indicators"]["path"] = str(tiny_project_dir / "indicators.csv")
    imported = tmp_path / "imported"
    imported.mkdir()
    (imported / "manifest.json").write_text(json.dumps(m))
    path = save_project(ProjectState(str(imported), copy_data=True), tmp_path / "p.ulmap")
    shutil.rmtree(tiny_project_dir)
    assert len(Project.load(load_project(path).dataset).zone_table()) == 6


# Found by make fuzz (tests/robustness/test_fuzz_ulmap.py and the file-name regressions).


@pytest.mark.parametrize("text", [
    '{"format": "ungtloft-map-project", "format_version": ' + "9" * 5000 + "}",  # ValueError
    "[" * 100_000 + "]" * 100_000,  # RecursionError
])
def test_damaged_json_is_a_data_error(tmp_path, text):
    path = tmp_path / "a.ulmap"
    path.write_text(text)
    with pytest.raises(DataError, match="damaged"):
        load_project(path)


@pytest.mark.parametrize("folder", ["x" * 300, "a\x00b"])
def test_data_folder_that_is_no_usable_path(tmp_path, folder):
    path = tmp_path / "b.ulmap"
    path.write_text(json.dumps({"format": "ungtloft-map-project", "format_version": 1,
                                "data": {"folder": folder}}))
    with pytest.raises(DataError, match="not a usable path") as err:  # was: OSError / ValueError
        load_project(path)
    assert err.value.field == "data.folder"


def test_project_file_that_is_a_folder_or_too_long_a_name(tmp_path):
    (tmp_path / "dir.ulmap").mkdir()
    with pytest.raises(DataError, match="cannot read"):  # was: IsADirectoryError
        load_project(tmp_path / "dir.ulmap")
    from ungtloft_map.core.session import Session

    for name in ("y" * 300, "y" * 300 + ".ulmap"):
        with pytest.raises(DataError):  # was: OSError [Errno 36] File name too long
            Session.open(tmp_path / name)
