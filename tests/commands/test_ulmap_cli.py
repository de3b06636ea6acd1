"""``--project file.ulmap`` on every sub-command that reads a project: the saved session is used."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ungtloft_map.cli import main
from ungtloft_map.commands._session import open_session
from ungtloft_map.core.projectfile import ProjectState, save_project


def _ulmap(tmp_path, dataset, name="p", **settings):
    notes = settings.pop("notes", [])
    return save_project(ProjectState(str(dataset), settings=settings, notes=notes), tmp_path / f"{name}.ulmap")


def _read(path):
    return pd.read_csv(path, dtype={"zone_id": str}, encoding="utf-8-sig")


@pytest.mark.parametrize("kind", ["folder", "manifest", "ulmap"])
def test_one_helper_opens_a_folder_a_manifest_and_a_project_file(tmp_path, tiny_project_dir, kind):
    import argparse

    source = {"folder": tiny_project_dir, "manifest": tiny_project_dir / "manifest.json",
              "ulmap": _ulmap(tmp_path, tiny_project_dir, year=2023,
                              analysis={"index_method": "zscore"})}[kind]
    s = open_session(argparse.Namespace(project=source))
    assert s.project.root == tiny_project_dir.resolve()
    if kind == "ulmap":
        assert s.year == 2023 and s.analysis.index_method == "zscore" and s.path == source
    else:
        assert s.year == max(s.project.years) and s.analysis.index_method == "percentile"


def test_export_zones_uses_the_saved_year(tmp_path, tiny_project_dir, capsys):
    path = _ulmap(tmp_path, tiny_project_dir, year=2023)
    out = tmp_path / "z.csv"
    assert main(["export-zones", "--project", str(path), "--out", str(out)]) == 0, capsys.readouterr().err
    assert set(_read(out)["aar"]) == {2023}
    # --year on the command line wins over the saved year; --project before the sub-command too
    assert main(["--project", str(path), "export-zones", "--year", "2024", "--out", str(out)]) == 0
    assert set(_read(out)["aar"]) == {2024}


def test_export_map_uses_the_saved_column_and_classes(tmp_path, tiny_project_dir):
    path = _ulmap(tmp_path, tiny_project_dir, column="neet",
                  classification={"scheme": "equalinterval", "k": 3, "bins": None})
    out = tmp_path / "m.html"
    assert main(["export-map", "--project", str(path), "--out", str(out)]) == 0
    html = out.read_text("utf-8")
    plain = tmp_path / "plain.html"
    assert main(["export-map", "--project", str(tiny_project_dir), "--indicator", "neet", "--scheme",
                 "equalinterval", "--k", "3", "--out", str(plain)]) == 0
    default = tmp_path / "default.html"
    assert main(["export-map", "--project", str(tiny_project_dir), "--indicator", "neet",
                 "--out", str(default)]) == 0

    def legend(text):  # the legend's class boundaries, whatever the ids of the page
        import re

        return re.findall(r"\d+,\d\s*–\s*\d+,\d", text)

    assert legend(html) and legend(html) == legend(plain.read_text("utf-8"))
    assert legend(html) != legend(default.read_text("utf-8"))


def test_rank_uses_the_saved_weights_and_method(tmp_path, tiny_project_dir, capsys):
    weights = {"weights": {"neet": 5.0}, "method": "zscore"}
    path = _ulmap(tmp_path, tiny_project_dir, analysis={"index_method": "zscore", "weights": {"neet": 5.0}})
    wfile = tmp_path / "w.json"
    wfile.write_text(json.dumps(weights), "utf-8")
    saved, given, plain = tmp_path / "saved.csv", tmp_path / "given.csv", tmp_path / "plain.csv"
    assert main(["rank", "--project", str(path), "--out", str(saved)]) == 0, capsys.readouterr().err
    assert "(zscore)" in capsys.readouterr().out
    assert main(["rank", "--project", str(tiny_project_dir), "--weights", str(wfile), "--out", str(given)]) == 0
    assert main(["rank", "--project", str(tiny_project_dir), "--out", str(plain)]) == 0
    pd.testing.assert_frame_equal(_read(saved), _read(given))
    assert not _read(saved)["score"].equals(_read(plain)["score"])


def test_report_lists_the_saved_notes(tmp_path, demo_dir, demo_project):
    notes = [{"note_id": f"n{z}", "geometry": None, "zone_id": str(z), "category": "trygghet",
              "date": "2026-03-04", "source": "befaring", "text": f"Notat om sone {z}", "author": None}
             for z in demo_project.zones["zone_id"]]
    # no clusters: the report needs none, and their kernel takes long to compile
    path = _ulmap(tmp_path, demo_dir, notes=notes, analysis={"compute_clusters": False})
    out = tmp_path / "plan.html"
    assert main(["report", "--project", str(path), "--plan", str(demo_dir / "plans" / "plan_c_sentrum.geojson"),
                 "--out", str(out)]) == 0
    assert "Notat om sone" in out.read_text("utf-8")


def test_transit_takes_the_feed_of_the_project(tmp_path, demo_dir, capsys):
    import zipfile

    with zipfile.ZipFile(demo_dir / "gtfs.zip") as z:
        stop = pd.read_csv(z.open("stops.txt")).iloc[0]
    path = _ulmap(tmp_path, demo_dir, analysis={"transit_window": "07:00-07:30"})
    out = tmp_path / "iso.geojson"
    code = main(["isochrone", "--project", str(path), "--lon", str(stop["stop_lon"]), "--lat", str(stop["stop_lat"]),
                 "--minutes", "15", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert json.loads(out.read_text("utf-8"))["features"]


def test_transit_without_a_feed_is_one_clear_error(tmp_path, capsys):
    code = main(["isochrone", "--lon", "10.4", "--lat", "63.4", "--out", str(tmp_path / "i.geojson")])
    assert code == 2
    assert "--gtfs" in capsys.readouterr().err


def test_a_damaged_project_file_is_one_line_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.ulmap"
    bad.write_text("{broken", "utf-8")
    assert main(["export-zones", "--project", str(bad), "--out", str(tmp_path / "z.csv")]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
