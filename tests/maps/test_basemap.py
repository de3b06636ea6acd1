"""Background map choices: none, vector, presets, URL templates, tile files."""

from __future__ import annotations

import pytest

from tests.maps.tile_factory import write_mbtiles
from ungtloft_map.core.errors import DataError
from ungtloft_map.maps.basemap import PRESETS, embed_tiles, page_spec, parse_basemap
from ungtloft_map.maps.tiles import MBTilesSource, tiles_for_bounds


def test_presets_are_xyz_templates_with_attribution():
    assert set(PRESETS) == {"kartverket-topo", "kartverket-grå", "kartverket-topo-wmts", "osm"}
    for p in PRESETS.values():
        assert p.url.startswith("https://") and "{z}" in p.url and "{x}" in p.url and "{y}" in p.url
        assert p.attribution
    assert PRESETS["kartverket-topo"].url == \
        "https://cache.kartverket.no/v1/wmts/1.0.0/topo/default/webmercator/{z}/{y}/{x}.png"
    assert "topograatone" in PRESETS["kartverket-grå"].url
    assert "TileMatrixSet=webmercator" in PRESETS["kartverket-topo-wmts"].url


@pytest.mark.parametrize(("text", "kind"), [("none", "none"), ("Vector", "vector"), (None, "vector"),
                                            ("kartverket-graa", "url"), ("OSM", "url"),
                                            ("https://t.example/{z}/{x}/{-y}.png", "url")])
def test_parse(text, kind):
    bm = parse_basemap(text)
    assert bm.kind == kind
    assert bm.vector_context == (kind != "none")


def test_bad_inputs():
    with pytest.raises(DataError, match=r"lacks \{y\}"):
        parse_basemap("https://t.example/{z}/{x}.png")
    with pytest.raises(DataError, match="no such tile file"):
        parse_basemap("/nowhere/kart.mbtiles")
    with pytest.raises(DataError, match="choose one of: none, vector"):
        parse_basemap("google")


def test_embed_stops_at_the_tile_budget(tmp_path):
    bounds = (10.2, 63.35, 10.6, 63.47)
    tiles = [t for z in range(6, 14) for t in tiles_for_bounds(bounds, z)]
    with MBTilesSource(write_mbtiles(tmp_path / "k.mbtiles", tiles)) as src:
        got, zmin, zmax = embed_tiles(src, bounds, max_tiles=60)
        assert zmin == 6 and sum(len(tiles_for_bounds(bounds, z)) for z in range(6, zmax + 1)) <= 60
        assert len(tiles_for_bounds(bounds, zmax + 1)) + len(got) > 60  # the next level would not fit
    spec = page_spec(parse_basemap(str(tmp_path / "k.mbtiles")), bounds)
    assert spec["minNativeZoom"] == 6 and len(spec["tiles"]) <= 600


def test_file_without_tiles_over_the_data(tmp_path):
    path = write_mbtiles(tmp_path / "k.mbtiles", [(5, 0, 0)])
    with pytest.raises(DataError, match="no tile over the data"):
        page_spec(parse_basemap(str(path)), (10.2, 63.35, 10.6, 63.47))
