"""The zone map page, tested as HTML: offline, classes, colours, legend, missing values."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from ungtloft_map.core.project import Project
from ungtloft_map.maps.classify import MISSING_COLOR, classify
from ungtloft_map.maps.offline import external_references
from ungtloft_map.maps.zonemap import build_zone_map, format_number, restyle_script


@pytest.fixture()
def zt(tiny_project_dir):
    return Project.load(tiny_project_dir).zone_table()


def _styles(html: str) -> dict:
    m = re.search(r"var styles = (\{.*?\});\n", html)
    return json.loads(m.group(1))


def test_page_is_offline(zt):
    html = build_zone_map(zt, "low_income").html()
    assert external_references(html) == []
    assert not re.search(r"<script[^>]+src=[\"']https?://", html)
    assert not re.search(r"<link[^>]+href=[\"']https?://", html)
    assert "Leaflet 1.9" in html  # inlined from the installed package


def test_classes_colours_and_legend(zt):
    zm = build_zone_map(zt, "low_income", scheme="quantiles", k=3)
    html = zm.html()
    cl = zm.classification
    assert len(cl.bins) == 3 and sum(cl.counts) == 6
    styles = _styles(html)
    # Each zone's colour is its class colour; the worst zone (highest low income) is darkest.
    worst = zt.gdf["low_income"].idxmax()
    assert styles[worst]["c"] == cl.colors[-1]
    for zid, v in zt.gdf["low_income"].items():
        assert styles[zid]["c"] == cl.color_of(v)
    assert "Lavinntekt (EU60)" in zm.legend_html and "(2)" in zm.legend_html
    assert "FIKTIVE DEMODATA" in html  # the tiny project is marked fictional
    assert "mørkere = dårligere" in zm.legend_html


def test_missing_values_are_grey_dash_not_zero(zt):
    vals = zt.gdf["low_income"].copy()
    vals.iloc[0] = np.nan
    zm = build_zone_map(zt, "low_income", values=vals)
    styles = _styles(zm.html())
    assert styles[vals.index[0]] == {"c": MISSING_COLOR, "v": "–"}
    assert "– mangler / skjermet" in zm.legend_html and "(1)" in zm.legend_html


def test_high_is_good_flips_ramp():
    v = np.arange(10.0)
    bad = classify(v, "equalinterval", 5, direction="high_is_bad")
    good = classify(v, "equalinterval", 5, direction="high_is_good")
    assert bad.colors == good.colors[::-1]
    assert good.color_of(0.0) == good.colors[0] and good.colors[0] == bad.colors[-1]


@pytest.mark.parametrize("scheme", ["quantiles", "fisherjenks", "equalinterval", "percentiles", "boxplot"])
def test_every_scheme_classifies_all_values(scheme):
    v = np.random.default_rng(1).gamma(2, 2, 60)
    cl = classify(v, scheme, 5)
    assert sum(cl.counts) == 60
    assert all(cl.class_of(x) is not None for x in v)


def test_user_defined_breaks():
    cl = classify(np.array([1.0, 5, 9]), "userdefined", bins=[2, 6, 10])
    assert cl.counts == [1, 1, 1]
    with pytest.raises(Exception, match="ascending"):
        classify(np.array([1.0]), "userdefined", bins=[5, 2])


def test_restyle_script_updates_styles_and_legend(zt):
    script, cl = restyle_script(zt, "neet", scheme="equalinterval", k=4)
    assert script.startswith("ungtloft.setStyle(")
    assert "NEET" in script and len(cl.bins) == 4


def test_norwegian_number_format():
    assert format_number(12345.678, 1) == "12\u00a0345,7"  # core.text: no-break space (one convention)
    assert format_number(float("nan")) == "–"
    assert format_number(3.25, 1, "en") == "3.2" or format_number(3.25, 1, "en") == "3.3"


def test_context_layers_are_drawn(tiny_project_dir):
    p = Project.load(tiny_project_dir)
    zm = build_zone_map(p.zone_table(), "low_income", context={"districts": p.layer("districts")})
    assert zm.context_layers == ["districts"]
    assert 'layers["districts"]' in zm.html()


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("k", [3, 5, 7])
def test_numpy_schemes_equal_mapclassify(seed, k):
    import mapclassify

    rng = np.random.default_rng(seed)
    y = np.round(rng.gamma(2, 3, 53), 1 if seed % 2 else 3)  # ties on odd seeds
    q = classify(y, "quantiles", k)
    with pytest.warns(UserWarning) if len(np.unique(mapclassify.classifiers.quantile(y, k))) < k else _nullctx():
        ref_q = mapclassify.Quantiles(y, k=k)
    assert np.allclose(q.bins, ref_q.bins) and q.counts == list(ref_q.counts)
    e = classify(y, "equalinterval", k)
    ref_e = mapclassify.EqualInterval(y, k=k)
    assert np.allclose(e.bins, ref_e.bins) and e.counts == list(ref_e.counts)


def _nullctx():
    import contextlib

    return contextlib.nullcontext()
