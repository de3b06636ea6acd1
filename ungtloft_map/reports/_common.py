"""Shared helpers of the HTML/PDF reports: number and date formats, images, templates, PDF.

Every report is one jinja2 template (``ungtloft_map/reports/templates/*.html.j2``) rendered to
HTML; the PDF is the same HTML laid out by WeasyPrint. Nothing in a report is fetched from the
network: the style sheet is inlined (:func:`inline_css`) and images are ``data:`` URIs
(:func:`png_data_uri`).

Conventions (bokmål is the default language, ``lang="en"`` gives English): the numbers, percents
and dates are those of :mod:`ungtloft_map.core.text` (re-exported here for the templates); counts
pass :func:`ungtloft_map.core.analysis.privacy.format_count`, so a count of 1 to 4 (below
:data:`~ungtloft_map.core.analysis.privacy.DEFAULT_THRESHOLD`) is shown as "–", as in every export.

Templates get the filters ``num``, ``pct``, ``count`` and ``date`` (they read ``lang`` from the
template context) and the globals ``tr(nb, en)``, ``inline_css(name)`` and ``small_counts()``
(``"1–4"``: the counts the small-number rule withholds).

Examples
--------
>>> format_number(12345.678, 1, "nb")
'12\\xa0345,7'
>>> format_number(12345.678, 1, "en")
'12,345.7'
>>> format_count(3)
'–'
>>> import datetime
>>> format_date(datetime.date(2026, 11, 26), "nb")
'26.11.2026'
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path

from ..core.analysis.privacy import SUPPRESSED_LABEL, format_count, is_small, threshold_or_default
from ..core.errors import AnalysisError
from ..core.io.atomic import atomic_write_bytes
from ..core.text import format_date, format_number, format_percent

__all__ = [
    "TEMPLATES_DIR",
    "MISSING_LABEL",
    "format_number",
    "format_percent",
    "format_count",
    "is_suppressed_count",
    "format_date",
    "png_data_uri",
    "figure_png",
    "html_to_pdf",
    "render_template",
    "inline_css",
    "tr",
    "finish_report",
    "check_lang",
    "check_format",
    "map_extent",
]

#: Folder of the report templates and style sheets.
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: What a missing value shows (the same dash as a suppressed one: readers need not tell them
#: apart, and telling them apart could reveal which cells are small).
MISSING_LABEL = SUPPRESSED_LABEL

def is_suppressed_count(v, threshold: int | None = None) -> bool:
    """True when :func:`format_count` would hide ``v`` (:func:`~ungtloft_map.core.analysis.privacy.is_small`).

    Examples
    --------
    >>> is_suppressed_count(3.2), is_suppressed_count(0)
    (True, False)
    """
    return is_small(v, threshold)


def png_data_uri(data: bytes, mime: str = "image/png") -> str:
    """Embed image bytes in HTML: ``<img src="{{ uri }}">`` works offline and in the PDF.

    Examples
    --------
    >>> png_data_uri(b"\\x89PNG")[:30]
    'data:image/png;base64,iVBORw=='
    """
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def figure_png(fig, dpi: int = 150) -> bytes:
    """PNG bytes of a matplotlib ``Figure`` (made with ``matplotlib.figure.Figure``, no pyplot).

    An opaque figure (the reports' maps and charts: white background) is written as RGB, not
    RGBA: the pixels are the same, and WeasyPrint then embeds the image as it is instead of
    splitting off an all-opaque alpha channel into a second image (one decode and two encodes,
    about 0.1 s per map).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(1, 1))
    >>> figure_png(fig, dpi=20)[:4]
    b'\\x89PNG'
    """
    import io

    import matplotlib
    import numpy as np
    from PIL import Image, PngImagePlugin

    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=dpi)  # the rendered pixels, before any PNG encoding
    w, h = int(fig.get_figwidth() * dpi), int(fig.get_figheight() * dpi)
    data = raw.getvalue()
    if len(data) != w * h * 4:  # a size matplotlib rounded otherwise: let it write the PNG
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi)
        return buf.getvalue()
    rgba = np.frombuffer(data, dtype=np.uint8).reshape(h, w, 4)
    img = (Image.fromarray(np.ascontiguousarray(rgba[..., :3]), "RGB") if (rgba[..., 3] == 255).all()
           else Image.fromarray(rgba, "RGBA"))
    info = PngImagePlugin.PngInfo()  # what matplotlib's own PNG says
    info.add_text("Software", f"Matplotlib version{matplotlib.__version__}, https://matplotlib.org/")
    out = io.BytesIO()
    img.save(out, format="png", dpi=(dpi, dpi), pnginfo=info)
    return out.getvalue()


def html_to_pdf(html: str, base_url: str | Path | None = None, *, full_fonts: bool | None = None) -> bytes:
    """Lay out ``html`` as a PDF with WeasyPrint (page size and margins come from the CSS).

    Parameters
    ----------
    html
        A complete HTML document (as :func:`render_template` returns).
    base_url
        Where relative links resolve; default the templates folder. Reports use only
        ``data:`` URIs, so nothing is fetched.
    full_fonts
        Embed whole fonts instead of the glyphs used. Default (None): only when the system has
        no HarfBuzz-Subset library -- WeasyPrint then subsets with fontTools, which costs about
        half a second per report. The reports' own font (:data:`REPORT_FONTS`, 140 kB a face)
        is small enough to embed whole; a system font used for a character it lacks is embedded
        whole too.

    Raises
    ------
    AnalysisError
        WeasyPrint (or its system libraries, pango) is not available.

    Examples
    --------
    >>> pdf = html_to_pdf("<html><body><p>Hei</p></body></html>")  # doctest: +SKIP
    >>> pdf[:4]  # doctest: +SKIP
    b'%PDF'
    """
    try:
        weasyprint = _weasyprint()
        from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as exc:  # OSError: pango/cairo libraries missing
        raise AnalysisError(f"PDF output needs WeasyPrint and its system libraries ({exc}); "
                            "save the report as HTML instead") from None
    base = str(base_url if base_url is not None else TEMPLATES_DIR)
    if full_fonts is None:
        full_fonts = not _fast_subsetting()
    fetcher = _offline_fetcher()
    fonts = FontConfiguration()
    faces = _font_faces()
    sheets = [weasyprint.CSS(string=faces, font_config=fonts, url_fetcher=fetcher)] if faces else []
    return weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).write_pdf(
        stylesheets=sheets, font_config=fonts, full_fonts=full_fonts)


#: The PDF reports' font (family "DejaVu Sans Latin" in base.css): DejaVu Sans cut down to Latin,
#: Greek and the symbols the reports print, made by tools/make_report_fonts.py. Embedding it
#: whole costs a fraction of embedding the system's 0.7 MB faces; a character outside it is drawn
#: from the system's DejaVu Sans, the next family in base.css.
REPORT_FONTS = (("DejaVuSansLatin.ttf", "normal", "normal"), ("DejaVuSansLatin-Bold.ttf", "bold", "normal"),
                ("DejaVuSansLatin-Oblique.ttf", "normal", "italic"),
                ("DejaVuSansLatin-BoldOblique.ttf", "bold", "italic"))


def _font_faces() -> str:
    """The ``@font-face`` rules of :data:`REPORT_FONTS` that are installed (file URLs)."""
    rules = []
    for name, weight, style in REPORT_FONTS:
        path = TEMPLATES_DIR / name
        if path.is_file():
            rules.append(f'@font-face {{ font-family: "DejaVu Sans Latin"; src: url("{path.as_uri()}"); '
                         f"font-weight: {weight}; font-style: {style}; }}")
    return "\n".join(rules)


def _weasyprint():
    """Import WeasyPrint, finding its system libraries in the linker cache in one look.

    WeasyPrint opens pango, harfbuzz, fontconfig... under several names each, Windows and macOS
    names first, and cffi asks ``ctypes.util.find_library`` for every name that does not load
    at once; on Linux each miss runs ``gcc`` and ``ld`` (26 look-ups, 0.2-0.5 s of every PDF).
    While WeasyPrint imports, :func:`_linux_find_library` answers from one ``ldconfig -p`` and
    ``LD_LIBRARY_PATH`` instead -- the first thing ``find_library`` itself consults, so every name
    it finds is the same library. Should the import fail that way (a library only the compiler's
    search path knows), it is imported again with the standard look-up.
    """
    import sys

    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    import ctypes.util

    fast = _linux_find_library()
    if fast is None:
        import weasyprint

        return weasyprint
    standard = ctypes.util.find_library
    ctypes.util.find_library = fast
    try:
        import weasyprint

        return weasyprint
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = standard
    import weasyprint

    return weasyprint


def _linux_find_library():
    """``find_library`` answering from the linker cache and ``LD_LIBRARY_PATH``; None off Linux.

    The same match as CPython's own first step (``_findSoname_ldconfig``): ``lib<name>.<...>``
    of this machine's ABI in ``ldconfig -p``, read once.
    """
    import os
    import re
    import struct
    import subprocess
    import sys

    if not sys.platform.startswith("linux") or getattr(sys, "frozen", False):
        return None
    ldconfig = next((p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.path.exists(p)), None)
    if ldconfig is None:
        return None
    try:
        listing = subprocess.run([ldconfig, "-p"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, env={"LC_ALL": "C", "LANG": "C"},
                                 timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
           "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(machine, "libc6")
    dirs = [d for d in os.environ.get("LD_LIBRARY_PATH", "").split(":") if d]

    def find_library(name: str) -> str | None:
        found = re.search(os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}"), listing)
        if found:
            return os.fsdecode(found.group(1))
        for d in dirs:  # what find_library's last step (ld -L...) would search
            try:
                hits = sorted(f for f in os.listdir(d) if f.startswith(f"lib{name}.so"))
            except OSError:
                continue
            if hits:
                return os.path.join(d, hits[0])
        return None

    return find_library


@functools.lru_cache(maxsize=1)
def _fast_subsetting() -> bool:
    """True when WeasyPrint can subset fonts with HarfBuzz (fast) rather than fontTools."""
    try:
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

        return bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0))
    except (ImportError, AttributeError, OSError):  # older WeasyPrint: let it decide
        return True


def _offline_fetcher():
    """Reports are self-contained: ``data:`` URIs and local files only, never the network."""
    try:
        from weasyprint.urls import URLFetcher  # WeasyPrint >= 66: a class
    except ImportError:  # pragma: no cover - older WeasyPrint takes a function
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args, **kwargs):
            if not url.startswith(("data:", "file:")):
                raise ValueError(f"reports do not fetch network resources ({url})")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch
    return URLFetcher(allowed_protocols=("data", "file"))


def tr(lang: str, nb: str, en: str) -> str:
    """The bokmål or the English text.

    Examples
    --------
    >>> tr("en", "Funn", "Findings")
    'Findings'
    """
    return en if lang == "en" else nb


def inline_css(name: str = "base.css") -> str:
    """The text of a style sheet in the templates folder (to inline it in ``<style>``).

    Examples
    --------
    >>> "@page" in inline_css("base.css")
    True
    """
    return (TEMPLATES_DIR / name).read_text("utf-8")


@functools.lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=jinja2.select_autoescape(["html", "j2", "htm", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,  # a typo in a template is an error, not a blank
    )

    def lang_of(ctx) -> str:
        return ctx.get("lang", "nb")

    env.filters["num"] = jinja2.pass_context(lambda ctx, v, d=0: format_number(v, d, lang_of(ctx)))
    env.filters["pct"] = jinja2.pass_context(lambda ctx, v, d=1: format_percent(v, d, lang_of(ctx)))
    env.filters["count"] = jinja2.pass_context(lambda ctx, v: format_count(v, lang_of(ctx)))
    env.filters["date"] = jinja2.pass_context(lambda ctx, v: format_date(v, lang_of(ctx)))
    env.globals["tr"] = jinja2.pass_context(lambda ctx, nb, en: tr(lang_of(ctx), nb, en))
    env.globals["inline_css"] = lambda name="base.css": jinja2.utils.markupsafe.Markup(inline_css(name))
    # "1–4": the counts the one small-number rule withholds, read when the report is rendered.
    env.globals["small_counts"] = lambda: f"1–{threshold_or_default() - 1}"
    return env


def render_template(name: str, **ctx) -> str:
    """Render ``templates/<name>`` with ``ctx`` (pass ``lang="nb"|"en"``; default ``"nb"``).

    HTML is autoescaped; the filters and globals listed in the module docstring are available.

    Examples
    --------
    >>> html = render_template("plan_report.html.j2", lang="nb", **context)  # doctest: +SKIP
    """
    ctx.setdefault("lang", "nb")
    return _environment().get_template(name).render(**ctx)


def finish_report(html: str, *, fmt: str = "html", path: str | Path | None = None,
                  base_url: str | Path | None = None) -> bytes:
    """The report's bytes in ``fmt`` (``"html"`` or ``"pdf"``), written atomically to ``path``.

    A failure (e.g. WeasyPrint missing) leaves any earlier file at ``path`` untouched.

    Examples
    --------
    >>> data = finish_report("<html></html>", fmt="html")
    >>> data
    b'<html></html>'
    """
    check_format(fmt)
    data = html.encode("utf-8") if fmt == "html" else html_to_pdf(html, base_url)
    if path is not None:
        atomic_write_bytes(path, data)
    return data


def check_lang(lang: str) -> None:
    """Refuse a report language other than ``"nb"`` and ``"en"`` (:class:`AnalysisError`).

    Examples
    --------
    >>> check_lang("nb")
    """
    if lang not in ("nb", "en"):
        raise AnalysisError(f"unknown report language {lang!r}; use 'nb' or 'en'")


def check_format(fmt: str) -> None:
    """Refuse a report format other than ``"html"`` and ``"pdf"`` (:class:`AnalysisError`).

    Examples
    --------
    >>> check_format("pdf")
    """
    if fmt not in ("html", "pdf"):
        raise AnalysisError(f"unknown report format {fmt!r}; use 'html' or 'pdf'")


def map_extent(bounds, aspect: float, margin: float) -> tuple[float, float, float, float]:
    """``bounds`` (x0, y0, x1, y1) grown by ``margin`` (a share of each side) and widened or
    heightened to the figure's ``aspect`` (width / height), around the same centre.

    Examples
    --------
    >>> map_extent((0, 0, 10, 10), 2.0, 0.0)
    (-5.0, 0.0, 15.0, 10.0)
    """
    x0, y0, x1, y1 = (float(b) for b in bounds)
    w, h = (x1 - x0) * (1 + 2 * margin), (y1 - y0) * (1 + 2 * margin)
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def place_notes_rows(zone_ids, notes) -> list[dict]:
    """Place notes (``PlaceNote.to_dict`` dicts) in ``zone_ids``, newest first, for a report table.

    Notes are what people said or saw (borgerpanel, medvirkning, befaring); reports list them
    beside the numbers for the zones they are about.
    """
    import datetime as _dtm

    wanted = {str(z) for z in zone_ids}
    rows = []
    for n in notes or []:
        if str(n.get("zone_id")) not in wanted:
            continue
        raw = str(n.get("date") or "")[:10]
        try:
            day = _dtm.date.fromisoformat(raw)
        except ValueError:
            day = None
        rows.append({"day": day, "date": day.strftime("%d.%m.%Y") if day else "", "zone": str(n.get("zone_id")),
                     "category": str(n.get("category") or ""), "source": str(n.get("source") or ""),
                     "text": str(n.get("text") or "")})
    return sorted(rows, key=lambda r: r["day"] or _dtm.date.min, reverse=True)
