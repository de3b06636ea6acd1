"""export-map --basemap none|vector|URL|FILE and --paper/--landscape (PDF) from the command line."""

from __future__ import annotations

import json
import re

import pytest

from tests.maps.tile_factory import write_gpkg_tiles, write_mbtiles, write_pmtiles
from ungtloft_map.cli import main
from ungtloft_map.maps.offline import external_references
from ungtloft_map.maps.tiles import tiles_for_bounds
from ungtloft_map.maps.viewfit import web_bounds


@pytest.fixture(scope="module")
def demo_bounds(demo_project):
    return web_bounds(demo_project.zones)


def _basemap(html: str) -> dict:
    m = re.search(r"var bm = (\{.*?\});\n", html)
    return json.loads(m.group(1)) if m else {}


def test_vector_is_the_default_and_none_draws_no_context(tmp_path):
    assert main(["export-map", "--indicator", "low_income", "--out", str(tmp_path / "v.html")]) == 0
    html = (tmp_path / "v.html").read_text("utf-8")
    for layer in ("water", "roads", "districts", "boundary"):
        assert f'layers["{layer}"] = ' in html
    assert "var bm =" not in html and external_references(html) == []
    assert main(["export-map", "--indicator", "low_income", "--basemap", "none", "--out", str(tmp_path / "n.html")]) == 0
    html = (tmp_path / "n.html").read_text("utf-8")
    assert 'layers["water"] = ' not in html and 'layers["roads"] = ' not in html


def test_url_template_is_requested_by_the_page(tmp_path):
    url = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # loopback only: nothing leaves the machine
    assert main(["export-map", "--indicator", "neet", "--basemap", url, "--out", str(tmp_path / "u.html")]) == 0
    html = (tmp_path / "u.html").read_text("utf-8")
    assert _basemap(html)["url"] == url
    assert 'layers["water"] = ' in html  # the vector context stays beneath as the fallback
    assert external_references(html) == []  # tiles are images, not scripts: the page still opens offline


def test_fictional_demo_never_gets_online_tiles(tmp_path, capsys):
    for preset in ("kartverket-topo", "osm", "https://tiles.example.org/{z}/{x}/{y}.png"):
        assert main(["export-map", "--indicator", "neet", "--basemap", preset, "--out", str(tmp_path / "o.html")]) == 2
        assert "fictional" in capsys.readouterr().err
    assert not (tmp_path / "o.html").exists()


@pytest.mark.parametrize("kind", ["mbtiles", "pmtiles", "gpkg"])
def test_tile_file_is_embedded(tmp_path, demo_bounds, kind):
    tiles = [t for z in range(8, 12) for t in tiles_for_bounds(demo_bounds, z)]
    tiles += [(8, 0, 0)]  # far away: must not be embedded
    path = tmp_path / f"kart.{kind}"
    {"mbtiles": write_mbtiles, "pmtiles": write_pmtiles, "gpkg": write_gpkg_tiles}[kind](path, tiles)
    out = tmp_path / "f.html"
    assert main(["export-map", "--indicator", "neet", "--basemap", str(path), "--out", str(out)]) == 0
    bm = _basemap(out.read_text("utf-8"))
    assert set(bm["tiles"]) == {f"{z}/{x}/{y}" for z, x, y in tiles if (z, x, y) != (8, 0, 0)}
    assert all(v.startswith("data:image/png;base64,") for v in bm["tiles"].values())
    assert (bm["minNativeZoom"], bm["maxNativeZoom"]) == (8, 11)
    assert bm["attribution"] == ("" if kind == "gpkg" else "© Testkart")  # GeoPackage has no attribution field


@pytest.mark.parametrize("name", ["bad.mbtiles", "bad.pmtiles"])
def test_corrupt_tile_file_is_one_message(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(b"\x00garbage" * 50)
    assert main(["export-map", "--indicator", "neet", "--basemap", str(path), "--out", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err.strip()
    assert name in err and "\n" not in err and "Traceback" not in err
    assert not (tmp_path / "x.html").exists()


def test_unknown_basemap_lists_the_choices(tmp_path, capsys):
    assert main(["export-map", "--indicator", "neet", "--basemap", "satellite", "--out", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert "none, vector, kartverket-topo" in err and "osm" in err


def test_pdf_a3_landscape(tmp_path, capsys):
    from tests.maps.test_print_layout import read_pdf

    out = tmp_path / "kart.pdf"
    assert main(["export-map", "--indicator", "low_income", "--paper", "A3", "--landscape", "--out", str(out)]) == 0
    n, sizes, text = read_pdf(out)
    assert n == 1 and sizes[0] == pytest.approx((1190.6, 841.9), abs=0.6)
    assert "FIKTIVE DEMODATA" in text and "Lavinntekt" in text


def test_unknown_paper_is_a_cli_error_listing_the_choices(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export-map", "--indicator", "low_income", "--paper", "A5", "--out", str(tmp_path / "k.pdf")])
    assert exc.value.code == 2
    assert "'A4', 'A3'" in capsys.readouterr().err
    assert not (tmp_path / "k.pdf").exists()
