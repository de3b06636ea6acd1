"""The printable map page: one vector PDF page of the right size with title, legend, scale, north
arrow, source, date, fictional label and suppression; Norwegian letters as embedded text.

The PDF is read back with Qt's PDF module (PySide6 is a dependency; no poppler needed)."""

from __future__ import annotations

import datetime as dt
import re
import zlib

import pytest

from ungtloft_map.core.errors import DataError
from ungtloft_map.core.project import Project
from ungtloft_map.maps.print_layout import nice_length, paper_size, print_map


@pytest.fixture(scope="module")
def demo():
    p = Project.demo()
    ctx = {r: p.layer(r) for r in ("water", "roads", "districts", "boundary", "dwellings", "municipal_housing")}
    return p, p.zone_table(), ctx


def read_pdf(path):
    """(page count, [(width, height) pt], text of page 1) via QtPdf."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    # A QApplication (not a QGuiApplication): later tests in the same process make widgets.
    _app = QApplication.instance() or QApplication([])
    doc = QPdfDocument()
    doc.load(str(path))
    assert doc.status() == QPdfDocument.Status.Ready
    sizes = [(doc.pagePointSize(i).width(), doc.pagePointSize(i).height()) for i in range(doc.pageCount())]
    text = doc.getAllText(0).text()
    doc.close()
    return len(sizes), sizes, text


@pytest.mark.parametrize(("paper", "landscape", "size"), [
    ("A4", False, (595.3, 841.9)), ("A3", False, (841.9, 1190.6)), ("a4", True, (841.9, 595.3)),
])
def test_page_size_and_count(tmp_path, demo, paper, landscape, size):
    p, zt, ctx = demo
    out = print_map(zt, "low_income", tmp_path / "m.pdf", paper=paper, landscape=landscape, context=ctx,
                    catalogue=p.catalogue)
    n, sizes, _ = read_pdf(out)
    assert n == 1
    assert sizes[0] == pytest.approx(size, abs=0.6)


def test_page_text_has_everything_a_case_file_needs(tmp_path, demo):
    p, zt, ctx = demo
    out = print_map(zt, "disability_18_29", tmp_path / "m.pdf", context=ctx, catalogue=p.catalogue,
                    made=dt.date(2026, 3, 5))
    _, _, text = read_pdf(out)
    text = " ".join(text.split())
    info = zt.info["disability_18_29"]
    assert f"{info.label_nb} {zt.year}" in text  # title with year
    assert "FIKTIVE DEMODATA – ikke virkelige tall" in text
    assert "Kvantiler, 5 klasser" in text and "Mørkere farge = dårligere" in text
    assert f"Kilde: {info.source}" in text
    assert "Laget 5. mars 2026 med UngtLøft Map" in text
    assert re.search(r"Målestokk 1:\d[\d\u00a0 ]*000", text)
    assert " km" in text and "N" in text.split()
    assert "Små tall (under 5)" in text and "skjermet" in text
    # Class counts: the zones in the classes plus the suppressed ones add up to all zones.
    counts = [int(n) for n in re.findall(r"(\d+) soner", text)]
    assert sum(counts) == len(zt)
    assert "– mangler / skjermet" in text  # this indicator has small counts → suppressed zones
    # Norwegian letters are real text, in an embedded TrueType font (not Type 3 glyph drawings).
    assert "æ" in text or "ø" in text or "å" in text
    raw = out.read_bytes()
    assert b"/FontFile2" in raw and b"/Subtype /Type3" not in raw


def test_suppressed_zones_are_grey_not_their_value(tmp_path, demo):
    """The legend counts of a suppressed indicator match the export's suppression."""
    from ungtloft_map.maps.export import _safe_values

    p, zt, ctx = demo
    safe = _safe_values(zt, "disability_18_29", p.catalogue, 5)
    n_suppressed = int(safe.isna().sum())
    assert n_suppressed > 0
    _, _, text = read_pdf(print_map(zt, "disability_18_29", tmp_path / "m.pdf", catalogue=p.catalogue))
    m = re.search(r"– mangler / skjermet\s+(\d+) soner", text)
    assert m and int(m.group(1)) == n_suppressed


def test_map_is_vector(tmp_path, demo):
    """No raster image on the page: the zones are paths (sharp at any zoom)."""
    p, zt, ctx = demo
    out = print_map(zt, "low_income", tmp_path / "m.pdf", context=ctx, catalogue=p.catalogue)
    raw = out.read_bytes()
    assert b"/Subtype /Image" not in raw
    # Uncompress the content streams and count path fills: at least one per zone.
    fills = 0
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        try:
            fills += len(re.findall(rb"\n(?:f\*?|B\*?)\n", zlib.decompress(m.group(1))))
        except zlib.error:
            continue
    assert fills >= len(zt)


def test_english_page(tmp_path, demo):
    p, zt, ctx = demo
    _, _, text = read_pdf(print_map(zt, "low_income", tmp_path / "m.pdf", lang="en", catalogue=p.catalogue,
                                    made=dt.date(2026, 3, 5)))
    assert "FICTIONAL DEMO DATA" in text and "Scale 1:" in text and "Made 5 March 2026" in text


def test_unknown_paper_lists_the_choices(tmp_path, demo):
    with pytest.raises(DataError, match="A4, A3"):
        print_map(demo[1], "low_income", tmp_path / "m.pdf", paper="Letter")
    assert not (tmp_path / "m.pdf").exists()
    assert paper_size("a3", landscape=True) == (420.0, 297.0)


def test_unknown_column_writes_nothing(tmp_path, demo):
    with pytest.raises(DataError, match="unknown indicator"):
        print_map(demo[1], "no_such", tmp_path / "m.pdf")
    assert not list(tmp_path.iterdir())


def test_nice_lengths():
    assert [nice_length(v) for v in (3700, 999, 12, 5000, 0.7)] == [2000, 500, 10, 5000, 0.5]


def test_tile_file_beneath_the_print(tmp_path, demo):
    from pyproj import Transformer

    from tests.maps.tile_factory import write_mbtiles
    from ungtloft_map.maps.tiles import tiles_for_bounds

    p, zt, ctx = demo
    x0, y0, x1, y1 = zt.gdf.total_bounds
    lons, lats = Transformer.from_crs(25832, 4326, always_xy=True).transform([x0, x1], [y0, y1])
    b = (lons[0] - 0.2, lats[0] - 0.1, lons[1] + 0.2, lats[1] + 0.1)
    mb = write_mbtiles(tmp_path / "k.mbtiles", [t for z in range(8, 13) for t in tiles_for_bounds(b, z)])
    out = print_map(zt, "low_income", tmp_path / "m.pdf", context=ctx, catalogue=p.catalogue, basemap=str(mb))
    raw = out.read_bytes()
    assert raw.count(b"/Subtype /Image") == 1  # the background only; the zones stay vector
    _, _, text = read_pdf(out)
    assert "Kartgrunnlag: © Testkart" in text


def test_fictional_never_printed_on_online_tiles(tmp_path, demo):
    with pytest.raises(DataError, match="fictional"):
        print_map(demo[1], "low_income", tmp_path / "m.pdf", basemap="kartverket-topo")
    assert not (tmp_path / "m.pdf").exists()
