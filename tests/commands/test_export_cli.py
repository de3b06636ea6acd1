"""export-map / export-zones from the command line."""

from __future__ import annotations

import pyogrio

from ungtloft_map.cli import main


def test_export_map_html_and_png(tmp_path, capsys):
    assert main(["export-map", "--indicator", "neet", "--scheme", "fisherjenks", "--k", "4",
                 "--out", str(tmp_path / "m.html")]) == 0
    assert "Leaflet" in (tmp_path / "m.html").read_text("utf-8")
    assert main(["export-map", "--indicator", "neet", "--out", str(tmp_path / "m.png"), "--size", "500x400"]) == 0
    assert (tmp_path / "m.png").read_bytes()[:4] == b"\x89PNG"


def test_export_zones(tmp_path, capsys):
    assert main(["export-zones", "--out", str(tmp_path / "z.gpkg")]) == 0
    assert "cells suppressed" in capsys.readouterr().out
    assert len(pyogrio.read_dataframe(tmp_path / "z.gpkg")) == 50


def test_bad_arguments_are_messages(tmp_path, capsys):
    assert main(["export-map", "--indicator", "neet", "--out", str(tmp_path / "m.txt")]) == 2
    assert ".html, .png or .pdf" in capsys.readouterr().err
    assert main(["export-zones", "--project", str(tmp_path), "--out", str(tmp_path / "z.csv")]) == 2
    assert "manifest.json" in capsys.readouterr().err
