"""``ungtloft-map report``: one plan to PDF/HTML, a folder of plans to CSV, errors exit 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from ungtloft_map.cli import main
from ungtloft_map.commands import report

X0, Y0 = 553_000.0, 7_023_500.0  # inside Fjordvik


@pytest.fixture(autouse=True)
def reuse_demo(monkeypatch, demo_project, demo_themes):
    """The commands on the demo reuse the session's demo and its themes (conftest: loaded and
    computed once, with the default settings, as ``report._themes`` computes them); any other
    project goes through the real functions."""
    from ungtloft_map.core.session import Session

    real_open, real_themes = report.open_session, report._themes

    def open_session(args):
        folder = getattr(args, "project", None)
        if folder is None or Path(folder).resolve() == demo_project.root.resolve():
            return Session(demo_project)
        return real_open(args)

    def themes(session):
        return demo_themes() if session.project is demo_project else real_themes(session)

    monkeypatch.setattr(report, "open_session", open_session)
    monkeypatch.setattr(report, "_themes", themes)


def _plan(demo_dir, name):
    return str(demo_dir / "plans" / name)


def _geojson(path, coords, name="x"):
    path.write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "features": [{"type": "Feature", "properties": {"name": name, "arealformal": 1110},
                      "geometry": {"type": "Polygon", "coordinates": [coords]}}]}), "utf-8")
    return path


def test_pdf_report_for_a_demo_plan(demo_dir, tmp_path, capsys):
    out = tmp_path / "plan_c.pdf"
    assert main(["report", "--plan", _plan(demo_dir, "plan_c_sentrum.geojson"), "--out", str(out)]) == 0
    assert out.read_bytes()[:4] == b"%PDF"
    assert "wrote" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["plan_c.pdf"]  # no temp files left


def test_html_report_english_project_before_subcommand(demo_dir, tmp_path):
    out = tmp_path / "plan_b.html"
    code = main(["--project", str(demo_dir), "report", "--plan", _plan(demo_dir, "plan_b_park.sos"),
                 "--lang", "en", "--buffer", "300", "--municipal-units", "10", "--other-units", "5",
                 "--out", str(out)])
    assert code == 0
    html = out.read_text("utf-8")
    assert "FICTIONAL DEMO DATA" in html and "Findings" in html
    assert "+10 municipal, +5 other" in html
    assert "within 300 m" in html


def test_summary_csv_for_the_demo_plans(demo_dir, tmp_path):
    out = tmp_path / "plans.csv"
    assert main(["report", "--plans", str(demo_dir / "plans"), "--out", str(out)]) == 0
    df = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(df.columns) == list(report.SUMMARY_COLUMNS) + ["merknad"]
    assert sorted(df["file"]) == ["plan_a_boligfelt.geojson", "plan_b_park.sos", "plan_c_sentrum.geojson"]
    assert (df["error"] == "").all()
    rows = df.set_index("file")
    b = rows.loc["plan_b_park.sos"]
    assert float(b["green_covered_after_pct"]) < float(b["green_covered_before_pct"])
    a = rows.loc["plan_a_boligfelt.geojson"]
    assert a["cluster"] == "High-High" and int(a["n_obs"]) > 0
    assert float(a["municipal_share_after_pct"]) > float(a["municipal_share_before_pct"])
    assert int(a["worst_composite_rank"]) <= 10 and a["n_zones"] == "50"
    assert rows["merknad"].str.contains("FIKTIVE").all()


def test_summary_suppresses_small_residents(demo_dir, tmp_path):
    # A 1 m × 1 m plan in a populated place: a fraction of a resident -> shown as 0 or "–",
    # never as a small number.
    folder = tmp_path / "plans"
    folder.mkdir()
    x, y = 555_010.0, 7_025_990.0
    _geojson(folder / "tiny.geojson", [[x, y], [x + 30, y], [x + 30, y + 30], [x, y + 30], [x, y]])
    out = tmp_path / "s.csv"
    assert main(["report", "--plans", str(folder), "--out", str(out)]) == 0
    df = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    v = df.loc[0, "residents_plan"]
    assert v == "–" or v == "0" or int(v) >= 5


def test_bad_plan_exits_2_without_output(demo_dir, tmp_path, capsys):
    bad = _geojson(tmp_path / "open.geojson", [[X0, Y0], [X0 + 100, Y0], [X0 + 100, Y0 + 100]])
    out = tmp_path / "r.pdf"
    assert main(["report", "--plan", str(bad), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "open.geojson" in err and "Traceback" not in err and "Warning" not in err
    assert not out.exists()


def test_plan_outside_municipality_exits_2_and_keeps_old_file(demo_dir, tmp_path, capsys):
    far = _geojson(tmp_path / "far.geojson", [[300_000, 6_700_000], [300_100, 6_700_000],
                                              [300_100, 6_700_100], [300_000, 6_700_000]])
    out = tmp_path / "r.html"
    out.write_text("earlier report")
    assert main(["report", "--plan", str(far), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "far.geojson" in err and "outside the municipality" in err
    assert out.read_text() == "earlier report"


def test_argument_errors_exit_2(demo_dir, tmp_path, capsys):
    plan = _plan(demo_dir, "plan_c_sentrum.geojson")
    assert main(["report", "--plan", plan, "--out", str(tmp_path / "r.docx")]) == 2
    assert main(["report", "--plan", str(tmp_path / "missing.sos"), "--out", str(tmp_path / "r.pdf")]) == 2
    assert main(["report", "--plans", str(tmp_path / "nowhere"), "--out", str(tmp_path / "s.csv")]) == 2
    assert main(["report", "--plans", str(demo_dir / "plans"), "--out", str(tmp_path / "s.pdf")]) == 2
    err = capsys.readouterr().err
    assert ".pdf or .html" in err and "missing.sos" in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())
    with pytest.raises(SystemExit) as exc:  # argparse: --plan or --plans is required
        main(["report", "--out", str(tmp_path / "r.pdf")])
    assert exc.value.code == 2


def test_batch_with_a_bad_file_writes_the_others_and_exits_2(demo_dir, tmp_path, capsys):
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(demo_dir / "plans" / "plan_c_sentrum.geojson", folder)
    _geojson(folder / "open.geojson", [[X0, Y0], [X0 + 100, Y0], [X0 + 100, Y0 + 100]])
    (folder / "notes.txt").write_text("not a plan")
    out = tmp_path / "s.csv"
    assert main(["report", "--plans", str(folder), "--out", str(out)]) == 2
    df = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False).set_index("file")
    assert list(df.index) == ["open.geojson", "plan_c_sentrum.geojson"]
    assert df.loc["open.geojson", "error"] != "" and df.loc["plan_c_sentrum.geojson", "error"] == ""
    assert "open.geojson" in capsys.readouterr().err


def test_a_command_line_run_cleans_up_and_writes_a_whole_pdf(demo_dir, tmp_path):
    """The whole process from the command line, cache on (cli._exiting collects and freezes the
    garbage at the end): a whole PDF, no WeasyPrint temporary folder left, a second run (themes
    from the disk cache) gives the same pages."""
    import os
    import subprocess
    import sys

    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "UNGTLOFT_CACHE_DIR": str(tmp_path / "cache")}
    outs = []
    for k in range(2):
        out = tmp_path / f"r{k}.pdf"
        run = subprocess.run([sys.executable, "-m", "ungtloft_map", "report", "--plan",
                              str(_plan(demo_dir, "plan_a_boligfelt.geojson")), "--out", str(out)],
                             capture_output=True, text=True, env=env, timeout=600)
        assert run.returncode == 0, run.stderr[-2000:]
        assert out.read_bytes()[:4] == b"%PDF" and out.read_bytes().rstrip().endswith(b"%%EOF")
        outs.append(out)
    assert list((tmp_path / "cache" / "themes").glob("*.npz"))
    assert not [p.name for p in temp.iterdir() if p.name.startswith("weasyprint-")]
    if shutil.which("pdftotext"):
        texts = [subprocess.run(["pdftotext", str(o), "-"], capture_output=True, text=True,
                                check=True).stdout for o in outs]
        assert texts[0] == texts[1] and "Østhaugen" in texts[0]


def test_main_called_with_arguments_leaves_the_garbage_collector_alone(demo_dir, tmp_path):
    import gc

    frozen, thresholds = gc.get_freeze_count(), gc.get_threshold()
    assert main(["report", "--plan", str(_plan(demo_dir, "plan_b_park.sos")),
                 "--out", str(tmp_path / "b.html")]) == 0
    assert gc.get_freeze_count() == frozen and gc.get_threshold() == thresholds
