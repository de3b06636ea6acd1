"""The plan point's transit access is kept in the disk cache: equal results with and without it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ungtloft_map.core.pipeline import compute_themes
from ungtloft_map.core.project import Project
from ungtloft_map.core.workflows.plan import assess_plan

DEMO = Path(__file__).resolve().parents[3] / "geodata" / "demo"
PLAN = DEMO / "plans" / "plan_a_boligfelt.geojson"


@pytest.fixture(scope="module")
def demo():
    project = Project.load(DEMO)
    return project, compute_themes(project)


def _transit(a):
    t = a.transit
    return (t.dist_to_stop_m, t.departures_per_hour, t.time_to_centre_min, t.time_to_school_min,
            t.rank, t.n_zones, t.window, t.date)


def test_transit_at_plan_equal_with_and_without_cache(demo, tmp_path, monkeypatch):
    project, themes = demo
    monkeypatch.setenv("UNGTLOFT_CACHE_DIR", "off")
    ref = _transit(assess_plan(project, PLAN, themes=themes))
    monkeypatch.setenv("UNGTLOFT_CACHE_DIR", str(tmp_path))
    first = _transit(assess_plan(project, PLAN, themes=themes))  # computes and stores
    assert list((tmp_path / "transit-access").glob("*")), "the plan point's access was not stored"
    second = _transit(assess_plan(project, PLAN, themes=themes))  # read back
    for got in (first, second):
        np.testing.assert_equal(got, ref)
