"""The theme pipeline on the demo: every indicator the app computes is a zone-table column."""

from __future__ import annotations

import numpy as np
import pytest

from ungtloft_map.core.analysis.green import GREEN_DEFINITIONS, green_coverage
from ungtloft_map.core.pipeline import (
    AnalysisSettings,
    NotComputed,
    compute_sdg_indicators,
    compute_themes,
    default_column,
    result_of_column,
)


@pytest.fixture(scope="module")
def demo(demo_project, demo_themes):
    return demo_project, demo_themes(compute_clusters=False)


def test_demo_computes_everything(demo):
    _, res = demo
    assert res.not_computed == {} and res.describe_not_computed() == []


def test_sdg_columns_equal_the_dashboards_indicators(demo):
    p, res = demo
    ind = compute_sdg_indicators(p)
    zt = res.zone_table
    for key in ("sdg_11_2_1", "sdg_11_7_1", "dwellings_outdoor_access"):
        assert np.allclose(zt.gdf[key], ind[key].values.reindex(zt.gdf.index), equal_nan=True), key
        assert zt.municipal_value(key) == pytest.approx(ind[key].municipal)
        info = zt.info[key]
        assert info.definition_nb and info.definition_en and info.label_en
    assert zt.info["sdg_11_2_1"].label_nb.startswith("SDG 11.2.1")
    assert "500 m" in zt.info["sdg_11_2_1"].definition_en


def test_every_green_definition_is_a_column(demo):
    p, res = demo
    gdf = res.zone_table.gdf
    zones = gdf[["zone_id", "geometry"]].reset_index(drop=True)
    for key in GREEN_DEFINITIONS:
        col = "green_covered_pct" if key == "ssb_rekreasjon" else f"green_covered_pct_{key}"
        ref = green_coverage(p.population_cells(), p.layer("green_areas"), zones, key)
        assert np.allclose(gdf[col], ref.per_zone["green_covered_share"].to_numpy() * 100, equal_nan=True)
    # nærturterreng (200 daa within 500 m) is stricter than WHO (1 ha within 300 m)
    assert res.zone_table.municipal_value("green_covered_pct_ssb_narturterreng") < \
        res.zone_table.municipal_value("green_covered_pct_who")
    # the extra definitions are shown, not weighed into the index
    assert "green_covered_pct_who" not in res.index.indicator_scores.columns


def test_not_computed_text_in_both_languages():
    nc = NotComputed("transit_time_centre", "needs", ("destinations",))
    assert nc.text("nb") == "Reisetid til sentrum: ikke beregnet – mangler målpunkter"
    assert nc.text("en") == "Travel time to the centre: not computed – needs destinations"
    three = NotComputed("sdg_11_2_1", "needs", ("population", "gtfs"))
    assert three.text("en").endswith("needs a population grid and a GTFS feed")
    failed = NotComputed("clusters", "failed", detail="too few zones")
    assert failed.text("en") == "Clusters (Local Moran, Gi*): not computed – too few zones"


def test_result_of_column_and_default_column(demo):
    p, res = demo
    assert result_of_column("composite_score") == "index"
    assert result_of_column("time_to_school_min") == "transit_time_school"
    assert result_of_column("green_covered_pct_who") == "green"
    assert result_of_column("sdg_11_7_1") == "sdg_11_7_1"
    assert result_of_column("no_such_column") is None
    # the first levekår rate comes first
    zt = p.zone_table()
    rates = [c for c in zt.theme_columns() if zt.info[c].kind == "rate"]
    assert default_column(zt) == rates[0] == "low_income"


def test_session_demo_themes_are_shared_and_copies_are_own(demo_project, demo_themes):
    """conftest's factory: one result per settings for the session; ``copy=True`` for mutating."""
    res = demo_themes(compute_clusters=False)
    assert demo_themes(compute_clusters=False) is res and res.settings.compute_clusters is False
    assert res.lisa is None and res.zone_table.year == demo_project.years[-1]
    own = demo_themes(compute_clusters=False, copy=True)
    assert own is not res and own.zone_table is not res.zone_table and own.transit is res.transit
    own.zone_table.gdf["low_income"] = -1.0
    assert (res.zone_table.gdf["low_income"] >= 0).all()


def test_progress_on_step_and_cancel(tiny_project_dir):
    from ungtloft_map.core.errors import AnalysisError
    from ungtloft_map.core.project import Project

    p = Project.load(tiny_project_dir)
    seen, steps = [], []
    res = compute_themes(p, progress=lambda name, frac: seen.append((name, frac)) or True,
                         on_step=lambda name, r: steps.append((name, r is not None and len(r.zone_table))))
    names = [n for n, _ in seen]
    assert names == ["green", "housing", "transit", "sdg", "index", "clusters", "done"]
    fracs = [f for _, f in seen]
    assert fracs == sorted(fracs) and fracs[-1] == 1.0
    # on_step after every step, with the results so far (the window draws them as they arrive)
    assert steps == [(n, 6) for n in names[:-1]] and list(res.timings) == names[:-1]
    # what the tiny project lacks is listed, not raised; the index is computed from the rates
    assert {"green", "housing", "transit"} <= set(res.not_computed)
    assert "composite_score" in res.zone_table.gdf.columns
    # the six zones are too few for clusters: said, not computed
    assert res.not_computed["clusters"].needs == ("min_zones",)
    with pytest.raises(AnalysisError, match="cancelled"):
        compute_themes(p, progress=lambda name, frac: name != "transit")


def test_year_and_the_projects_own_table_is_left_alone(tiny_project_dir):
    from ungtloft_map.core.project import Project

    p = Project.load(tiny_project_dir)
    before = list(p.zone_table(2023).gdf.columns)
    res = compute_themes(p, 2023, AnalysisSettings(compute_clusters=False))
    zt = res.zone_table
    assert zt.year == 2023 and zt is not p.zone_table(2023)
    assert np.allclose(zt.gdf["low_income"], p.zone_table(2023).gdf["low_income"])
    assert not np.allclose(zt.gdf["low_income"], p.zone_table(2024).gdf["low_income"])
    # the derived columns live in the result, never in the project's shared table
    assert "composite_score" in zt.gdf.columns and list(p.zone_table(2023).gdf.columns) == before
    assert "composite_score" not in p.zone_table(2023).info


def test_clusters_with_the_default_settings(demo_themes):
    res = demo_themes()  # the defaults: LISA and Gi* on the composite score
    zt = res.zone_table
    assert res.lisa is not None and res.getis is not None and "clusters" not in res.not_computed
    for col in ("lisa_label", "gi_label"):
        info = zt.info[col]
        assert info.kind == "class" and info.categories and col in zt.theme_columns()
        assert set(zt.gdf[col].dropna()) <= {label for label, _ in info.categories}
    assert zt.gdf["lisa_p"].between(0, 1).all()
    assert "999 permutasjoner" in zt.info["lisa_label"].definition_nb
    assert "999 permutations" in zt.info["lisa_label"].definition_en
    # the demo has a real High-High cluster (the plan tests rely on it) and the summary says so
    assert (zt.gdf["lisa_label"] == "High-High").any()
    assert res.cluster_summary("en")
    assert "'lisa', 'getis'" in repr(res) and "zones=50" in repr(res)


def test_one_typed_cache_reads_the_feed_once(monkeypatch):
    from ungtloft_map.core.io import gtfs
    from ungtloft_map.core.pipeline import AnalysisCache, analysis_cache, transit_network
    from ungtloft_map.core.project import Project

    p = Project.demo()  # a fresh project: an empty cache
    real, reads = gtfs.load_gtfs, []
    monkeypatch.setattr(gtfs, "load_gtfs", lambda *a, **k: reads.append(a) or real(*a, **k))
    res = compute_themes(p, settings=AnalysisSettings(cluster_column=""))
    assert res.transit is not None and res.sdg is not None
    # The SDG step, the dashboard's indicators and a plan's network all reuse the one network.
    assert compute_sdg_indicators(p) is res.sdg
    assert transit_network(p) is transit_network(p, AnalysisSettings())
    assert len(reads) == 1
    cache = analysis_cache(p)
    assert isinstance(cache, AnalysisCache) and analysis_cache(p) is cache
    assert (len(cache.networks), len(cache.transit), len(cache.sdg)) == (1, 1, 1)
