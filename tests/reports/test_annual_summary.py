"""Annual summary report: content, Norwegian formats, suppression, fictional label, PDF."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ungtloft_map.core.errors import AnalysisError
from ungtloft_map.core.project import Project
from ungtloft_map.core.workflows.dashboard import key_indicators
from ungtloft_map.reports._common import format_percent
from ungtloft_map.reports.annual_summary import (
    annual_summary_context,
    render_annual_summary,
    sparkline_png,
    tile_map_png,
)

ZONES = ["Z00", "Z01", "Z02", "Z10", "Z11", "Z12"]
DAY = dt.date(2026, 11, 26)


@pytest.fixture()
def project(tmp_path) -> Project:
    from tests.factories import tiny_project_over_years

    def row(rng, year, n, zid):
        d = int(rng.integers(200, 900))
        return {"low_income_count": int(d * (0.06 + 0.03 * n)), "low_income_denom": d,
                "neet_count": 20 + n, "neet_denom": 180 + 7 * n}

    # Z01's small low-income count in 2024 is suppressed
    return tiny_project_over_years(tmp_path / "tiny", row, seed=9)


def _text(html: bytes) -> str:
    """The visible text (tags and data URIs removed)."""
    s = html.decode("utf-8")
    s = re.sub(r"<style>.*?</style>", " ", s, flags=re.S)
    s = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", s)
    return re.sub(r"<[^>]+>", " ", s)


def test_html_content_and_norwegian_formats(project):
    db = key_indicators(project, references={"low_income": 9.5})
    html = render_annual_summary(db, project, generated=DAY)
    text = _text(html)
    assert "Nøkkelindikatorer for UNGT LØFT 2024" in text
    assert "26.11.2026" in text  # Norwegian date
    assert "FIKTIVE DEMODATA" in text  # the tiny project is marked fictional
    v = db.tile("low_income").value
    assert format_percent(v, 1, "nb") in text  # decimal comma, no-break space before %
    assert re.search(r"\d,\d\xa0%", text)
    # the Marmot principles with indicators, and what is missing
    assert "Sikre en sunn levestandard for alle" in text
    assert "Hva mangler" in text and "Trygg i nærmiljøet" in text and "Ungdata" in text
    assert "ikke i indikatortabellen" in text  # a levekår indicator the table lacks
    assert "2022–2024:" in text  # the trend span
    # a status chip for the indicator with a reference
    assert db.tile("low_income").status in text


def test_small_numbers_never_leave(project):
    db = key_indicators(project)
    zt = project.zone_table(2024)
    small_rate = zt.gdf.loc["Z01", "low_income"]
    ctx = annual_summary_context(db, project)
    row = next(r for g in ctx["groups"] for r in g["rows"] if r["key"] == "low_income")
    assert row["spread"]["left_out"] == 2
    assert "Sone Z01" not in (row["spread"]["best"], row["spread"]["worst"])
    text = _text(render_annual_summary(db, project, generated=DAY))
    assert format_percent(small_rate, 1, "nb") not in text
    # an area whose own value rests on a count of 3
    area = key_indicators(project, area=["Z01"], area_name="Lille")
    actx = annual_summary_context(area, project)
    arow = next(r for g in actx["groups"] for r in g["rows"] if r["key"] == "low_income")
    assert arow["value"] == "–"
    assert "2024" not in arow["change"]  # the suppressed year is left out of the trend
    assert "Lille" in _text(render_annual_summary(area, project, generated=DAY))


def test_map_hides_suppressed_zones(project, monkeypatch):
    import ungtloft_map.maps.static as static

    db = key_indicators(project, keys=["low_income"])
    tile = db.tile("low_income")
    seen = {}
    real = static.draw_zone_map

    def spy(ax, zt, column, **kw):
        seen["values"] = zt.gdf[column].copy()
        return real(ax, zt, column, **kw)

    monkeypatch.setattr(static, "draw_zone_map", spy)
    png = tile_map_png(tile, project)
    assert png[:4] == b"\x89PNG"
    hidden = tile.zone_hidden[tile.zone_hidden].index
    assert len(hidden) == 2 and seen["values"][hidden].isna().all()
    assert seen["values"].drop(hidden).notna().all()


def test_english(project):
    db = key_indicators(project, references={"low_income": 9.5})
    text = _text(render_annual_summary(db, project, lang="en", generated=DAY))
    assert "UNGT LØFT key indicators 2024" in text and "26 November 2026" in text
    assert "What is missing" in text and "FICTIONAL DEMO DATA" in text
    assert re.search(r"\d\.\d\xa0%", text)


def test_bad_arguments(project):
    db = key_indicators(project, include_no_data=False)
    with pytest.raises(AnalysisError, match="format"):
        render_annual_summary(db, project, fmt="docx")
    with pytest.raises(AnalysisError, match="language"):
        render_annual_summary(db, project, lang="de")


def test_sparkline():
    png = sparkline_png([(2021, 10.0), (2022, float("nan")), (2023, 11.0), (2024, 12.5)], "forverring")
    assert png[:4] == b"\x89PNG"


def test_demo_pdf_with_maps(tmp_path, demo_project):
    p = demo_project
    db = key_indicators(p, references={"neet": 6.9})
    ctx = annual_summary_context(db, p)
    # the SDG tiles have zone values without the theme analyses: four maps
    assert [m["name"] for m in ctx["maps"]][:2] == ["Barn i lavinntektsfamilier",
                                                    "Unge utenfor arbeid og utdanning (NEET) 15–29"]
    assert len(ctx["maps"]) == 4
    out = tmp_path / "aarsrapport.pdf"
    try:
        pdf = render_annual_summary(db, p, fmt="pdf", path=out, generated=DAY)
    except AnalysisError as err:  # WeasyPrint or pango missing on this machine
        pytest.skip(str(err))
    assert pdf[:4] == b"%PDF" and out.read_bytes() == pdf
    assert len(pdf) > 100_000  # four maps and the sparklines are embedded
