"""Web-map and PNG exports: offline, suppressed, no address points."""

from __future__ import annotations

import json
import re

import pytest

from ungtloft_map.core.project import Project
from ungtloft_map.maps.export import export_png, export_web_map
from ungtloft_map.maps.offline import external_references


@pytest.fixture(scope="module")
def demo():
    p = Project.demo()
    return p, p.zone_table()


def test_web_map_is_offline_and_suppressed(tmp_path, demo):
    p, zt = demo
    small = zt.gdf.index[(zt.gdf["disability_18_29_count"] > 0) & (zt.gdf["disability_18_29_count"] < 5)]
    assert len(small)
    out = export_web_map(zt, "disability_18_29", tmp_path / "m.html",
                         context={"water": p.layer("water"), "municipal_housing": p.layer("municipal_housing")})
    html = out.read_text("utf-8")
    assert external_references(html) == []
    styles = json.loads(re.search(r"var styles = (\{.*?\});\n", html).group(1))
    for zone in small:
        assert styles[zone]["v"] == "–"
    assert 'layers["municipal_housing"]' not in html  # never address points in an export
    assert "FIKTIVE DEMODATA" in html


def test_png_export(tmp_path, demo):
    _, zt = demo
    out = export_png(zt, "neet", tmp_path / "m.png", size=(640, 480))
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    import struct

    w, h = struct.unpack(">II", data[16:24])
    assert (w, h) == (640, 480)


def test_bad_size(tmp_path, demo):
    from ungtloft_map.core.errors import DataError

    with pytest.raises(DataError, match="outside"):
        export_png(demo[1], "neet", tmp_path / "m.png", size=(10, 10))
