"""Leaflet served from the installed ``xstatic-leaflet`` package, inlined in the page.

folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs by default. The planners'
PCs may be offline and a case attachment must open years later, so :class:`OfflineMap` drops
every CDN link and inlines Leaflet's JS and CSS (its images as data URIs). The page then has no
external ``<script src>`` or ``<link href>`` at all.

Examples
--------
>>> m = OfflineMap(location=[63.43, 10.39], zoom_start=11)
>>> html = m.get_root().render()
>>> "cdn.jsdelivr" in html
False
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path

import folium
from branca.element import Element

_SRC_RE = re.compile(r"<(?:script|link)[^>]+(?:src|href)\s*=\s*[\"'](https?:)?//", re.I)


@lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str, str]:
    """(version, leaflet.js, leaflet.css with images inlined) from the installed package."""
    import xstatic.pkg.leaflet as xl

    base = Path(xl.BASE_DIR)
    js = (base / "leaflet.js").read_text("utf-8")
    css = (base / "leaflet.css").read_text("utf-8")

    def inline(match: re.Match) -> str:
        img = base / match.group(1)
        if not img.exists():
            return "none"
        return "url(data:image/png;base64," + base64.b64encode(img.read_bytes()).decode("ascii") + ")"

    css = re.sub(r"url\((images/[^)]+\.png)\)", inline, css)
    # A literal "</script>" inside inlined code would end the tag early.
    js = js.replace("</script", "<\\/script")
    return xl.VERSION, js, css


class OfflineMap(folium.Map):
    """A :class:`folium.Map` whose page needs no network: Leaflet inlined, no CDN links."""

    default_js: list = []
    default_css: list = []

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("tiles", None)
        kwargs.setdefault("prefer_canvas", False)
        super().__init__(*args, **kwargs)
        version, js, css = leaflet_assets()
        header = self.get_root().header
        header.add_child(Element(f"<style>/* Leaflet {version} */\n{css}</style>"), name="leaflet_css", index=0)
        header.add_child(Element(f"<script>/* Leaflet {version} */\n{js}</script>"), name="leaflet_js", index=0)


def external_references(html: str) -> list[str]:
    """``<script src>``/``<link href>`` tags in ``html`` that point to the network."""
    return [m.group(0) for m in _SRC_RE.finditer(html)]
