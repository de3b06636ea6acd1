"""The plan report: content of the HTML, suppression, offline, the PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess

import pytest

from ungtloft_map.core.errors import AnalysisError
from ungtloft_map.core.workflows.plan import assess_plan
from ungtloft_map.reports import _common
from ungtloft_map.reports.plan_report import render_plan_report

DASH = "–"


@pytest.fixture(scope="module")
def demo(demo_project, demo_themes):
    return demo_project, demo_themes()


@pytest.fixture(scope="module")
def plan_b(demo):
    project, themes = demo
    path = next(p["path"] for p in project.plans if p["path"].endswith("plan_b_park.sos"))
    return assess_plan(project, path, themes=themes)


def _text(html: str) -> str:
    """Visible text, tags dropped, entities and no-break spaces normalised."""
    t = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    t = re.sub(r"<[^>]+>", " ", t).replace("\u00a0", " ").replace("&amp;", "&")
    return re.sub(r"\s+", " ", t)


def test_html_has_title_findings_fictional_label_and_definitions(plan_b):
    html = render_plan_report(plan_b, generated=dt.date(2026, 11, 26)).decode("utf-8")
    text = _text(html)
    assert html.startswith("<!DOCTYPE html>")
    assert "Detaljregulering Parkveien boliger (fiktiv)" in text
    assert "plan_b_park.sos" in text and "26.11.2026" in text and "fjordvik-demo 1.0" in text
    assert "FIKTIVE DEMODATA" in text
    for heading in ("Funn", "Levekårssoner som berøres", "Definisjoner og kilder", "Metode"):
        assert heading in text
    # every finding the report shows is there with its value
    cov = next(f for f in plan_b.findings if f.key == "green_coverage")
    assert cov.label_nb in text and cov.value_nb.replace("\u00a0", " ") in text
    assert "Grøntareal som bygges ned" in text
    # definitions come from the zone table's column information
    info = plan_b.zone_table.info["time_to_centre_min"]
    assert info.definition_nb.split(" (")[0][:60] in text
    # Norwegian numbers: decimal comma, e.g. the area "4,2 ha"
    assert "4,2 ha" in text
    # the map is embedded, nothing is fetched from the network
    assert 'src="data:image/png;base64,' in html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "@import" not in html


def test_english(plan_b):
    text = _text(render_plan_report(plan_b, lang="en").decode())
    assert "FICTIONAL DEMO DATA" in text and "Findings" in text and "Definitions and sources" in text
    assert "4.2 ha" in text


def test_small_counts_are_suppressed(plan_b):
    zones = plan_b.zones.copy()
    small = zones.index[-1]
    zones.loc[small, "residents_in_buffer"] = 3.0
    a = dataclasses.replace(plan_b, residents_plan=3.2, zones=zones)
    html = render_plan_report(a).decode()
    text = _text(html)
    # the key figure "residents in the plan area" is a dash, not 3
    m = re.search(r'<span class="v">([^<]*)</span><span class="l">bosatte i planområdet', html)
    assert m and m.group(1) == DASH
    # the zone row shows a dash for its residents, and a second zone is hidden too (secondary
    # suppression: the buffer total is printed)
    rows = re.findall(r"<tr>\s*<td class=\"zone[^\"]*\">(.*?)</tr>", html, flags=re.S)
    hidden = [r for r in rows if re.search(r'<td class="num">' + DASH + "</td>", r)]
    assert any(str(small) in r for r in hidden)
    assert len(hidden) >= 2
    assert "Små tall" in text


def test_pdf(plan_b, tmp_path):
    out = tmp_path / "plan_b.pdf"
    data = render_plan_report(plan_b, fmt="pdf", path=out)
    assert data[:4] == b"%PDF"
    assert out.read_bytes() == data
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert 1 <= pages <= 8
        assert "(A4)" in info and "595.276 x 841.89" in info  # A4 portrait
    else:
        assert data.count(b"/Type /Page") >= 1


def test_bad_format_leaves_existing_file(plan_b, tmp_path):
    out = tmp_path / "r.html"
    out.write_text("old")
    with pytest.raises(AnalysisError):
        render_plan_report(plan_b, fmt="docx", path=out)
    with pytest.raises(AnalysisError):
        render_plan_report(plan_b, lang="de", path=out)
    assert out.read_text() == "old"


def test_common_formatting():
    assert _common.format_number(1234567.891, 2, "nb") == "1\u00a0234\u00a0567,89"
    assert _common.format_number(1234.5, 1, "nb") == "1234,5"
    assert _common.format_number(-2.5, 1, "en") == "-2.5"
    assert _common.format_percent(57.44, 1, "nb") == "57,4\u00a0%"
    assert [_common.format_count(v) for v in (0, 4, 5, None)] == ["0", DASH, "5", DASH]
    assert _common.format_date(dt.date(2026, 11, 26), "nb") == "26.11.2026"
    assert _common.png_data_uri(b"x").startswith("data:image/png;base64,")


def test_place_notes_of_touched_zones_are_listed(demo_project, demo_themes):
    """People-driven information beside the numbers: notes in the touched zones, no others."""
    p = demo_project
    themes = demo_themes(compute_clusters=False)
    a = assess_plan(p, p.plans[0]["path"], themes=themes)
    inside = str(a.zones.index[0])
    notes = [{"zone_id": inside, "date": "2026-10-01", "category": "trygghet", "source": "befaring",
              "text": "Mørk undergang ved skolen"},
             {"zone_id": "9999", "date": "2026-10-02", "category": "annet", "source": "annet", "text": "Ikke her"}]
    html = render_plan_report(a, notes=notes).decode("utf-8")
    assert "Stedsnotater i sonene" in html and "Mørk undergang ved skolen" in html and "01.10.2026" in html
    assert "Ikke her" not in html
    assert "Stedsnotater" not in render_plan_report(a).decode("utf-8")
