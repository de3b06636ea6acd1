"""Shared report helpers (:mod:`ungtloft_map.reports._common`): figure PNGs, WeasyPrint's import."""

from __future__ import annotations

import ctypes.util
import io
import shutil
import subprocess
import sys

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from ungtloft_map.reports import _common


def _matplotlib_png(fig: Figure, dpi: int) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return np.asarray(Image.open(buf))


def _figure(**kw) -> Figure:
    fig = Figure(figsize=(3.2, 2.1), **kw)
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.plot([0, 1, 2], [2, 0, 1], color="#6a3d9a")
    ax.fill_between([0, 1], [0, 1], color="#d7191c", alpha=0.4)
    ax.set_title("Østhaugen – æøå ÆØÅ")
    return fig


def test_an_opaque_figure_is_rgb_with_matplotlibs_pixels() -> None:
    fig = _figure()
    png = _common.figure_png(fig, dpi=110)
    img = Image.open(io.BytesIO(png))
    ref = _matplotlib_png(fig, 110)
    assert img.mode == "RGB" and (ref[..., 3] == 255).all()
    assert np.array_equal(np.asarray(img), ref[..., :3])
    assert img.info["dpi"] == pytest.approx((110, 110), abs=0.01)


def test_a_transparent_figure_keeps_its_alpha() -> None:
    fig = _figure(facecolor="none")
    png = _common.figure_png(fig, dpi=90)
    img = Image.open(io.BytesIO(png))
    assert img.mode == "RGBA"
    assert np.array_equal(np.asarray(img), _matplotlib_png(fig, 90))


def test_an_odd_size_falls_back_to_matplotlibs_png() -> None:
    fig = Figure(figsize=(1.3333, 0.77))
    png = _common.figure_png(fig, dpi=97)
    assert np.asarray(Image.open(io.BytesIO(png))).shape[:2] == _matplotlib_png(fig, 97).shape[:2]


WEASYPRINT_NAMES = ("libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0", "pango-1.0", "harfbuzz",
                    "harfbuzz-subset", "fontconfig-1", "fontconfig", "pangoft2-1.0", "c", "m",
                    "no-such-library-here")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the linker cache is Linux's")
def test_the_linker_cache_lookup_finds_what_find_library_finds() -> None:
    fast = _common._linux_find_library()
    assert fast is not None
    for name in WEASYPRINT_NAMES:
        assert fast(name) == ctypes.util.find_library(name), name


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the linker cache is Linux's")
def test_weasyprint_is_imported_again_the_standard_way_when_the_fast_lookup_fails() -> None:
    """A fast look-up that finds nothing: the import fails, then succeeds with find_library."""
    code = (
        "import ctypes.util, sys\n"
        "from ungtloft_map.reports import _common\n"
        "_common._linux_find_library = lambda: (lambda name: None)\n"
        "standard = ctypes.util.find_library\n"
        "w = _common._weasyprint()\n"
        "assert w.HTML is not None and 'weasyprint' in sys.modules\n"
        "assert ctypes.util.find_library is standard\n"
        "print('ok')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().endswith("ok")


@pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                    reason="needs poppler-utils")
def test_pdf_of_a_small_page_has_the_norwegian_letters_in_embedded_fonts(tmp_path) -> None:
    pytest.importorskip("weasyprint")
    pdf = _common.html_to_pdf("<html><body><p>Blåbærsyltetøy på Østhaugen</p>"
                              "<p><b>ÆØÅ – 12\u00a0345,7 − 3</b></p></body></html>")
    out = tmp_path / "small.pdf"
    out.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Blåbærsyltetøy på Østhaugen" in text and "ÆØÅ" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), fonts  # every font embedded


SAMPLE = ("<html><head><style>{css}</style></head><body><h1>Østhaugen boligfelt</h1>"
          "<p>Blåbærsyltetøy – «sitat» 12\u00a0345,7 − 3 ≥ 2 → α ± ∞ “x”</p>"
          "<p><i>kursiv æøå</i> <b>fet ÆØÅ</b> <b><i>begge</i></b> Sámi: čđŋšŧž</p>{extra}</body></html>")


def _pdf_fonts(path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0].split("+", 1)[-1] for line in out.splitlines()[2:]]


def _pages(path, tmp_path, tag) -> list[np.ndarray]:
    subprocess.run(["pdftoppm", "-r", "120", "-png", str(path), str(tmp_path / tag)], check=True)
    return [np.asarray(Image.open(p)) for p in sorted(tmp_path.glob(f"{tag}-*.png"))]


@pytest.mark.skipif(shutil.which("pdffonts") is None or shutil.which("pdftoppm") is None,
                    reason="needs poppler-utils")
@pytest.mark.parametrize("extra", ["", "<p>Жж ☃</p>"])
def test_the_report_font_draws_exactly_what_the_system_font_draws(tmp_path, monkeypatch,
                                                                   extra) -> None:
    """The cut-down DejaVu gives the same pages; a character it lacks comes from the system's."""
    pytest.importorskip("weasyprint")
    if not any("DejaVu Sans" in f for f in subprocess.run(
            ["fc-list", ":", "family"], capture_output=True, text=True).stdout.splitlines()):
        pytest.skip("the system has no DejaVu Sans to compare with")
    html = SAMPLE.format(css=_common.inline_css("base.css"), extra=extra)
    ours = tmp_path / "ours.pdf"
    ours.write_bytes(_common.html_to_pdf(html))
    monkeypatch.setattr(_common, "REPORT_FONTS", ())
    system = tmp_path / "system.pdf"
    system.write_bytes(_common.html_to_pdf(html))
    fonts = _pdf_fonts(ours)
    assert {"DejaVu-Sans-Latin", "DejaVu-Sans-Latin-Bold", "DejaVu-Sans-Latin-Italic",
            "DejaVu-Sans-Latin-Bold-Italic"} <= set(fonts)
    assert ("DejaVu-Sans" in fonts) == bool(extra)  # the system face only for what ours lacks
    assert not any("Latin" in f for f in _pdf_fonts(system))
    assert ours.stat().st_size < system.stat().st_size
    a, b = _pages(ours, tmp_path, "ours"), _pages(system, tmp_path, "system")
    assert len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b))


def test_the_report_fonts_are_installed_with_their_licence() -> None:
    for name, _, _ in _common.REPORT_FONTS:
        assert (_common.TEMPLATES_DIR / name).stat().st_size > 50_000
    assert "Bitstream" in (_common.TEMPLATES_DIR / "DejaVuSansLatin-LICENSE.txt").read_text("utf-8")
    faces = _common._font_faces()
    assert faces.count("@font-face") == 4 and "file://" in faces
