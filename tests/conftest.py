"""Shared fixtures.

``shared_data`` points at ``../shared/data`` (the real public files); tests that use it are
marked ``realdata`` and skip cleanly when the folder is absent.

``demo_project`` and ``demo_themes`` share one loaded demo and its theme results across the whole
session (``compute_themes`` once per settings), for tests that only read them. A test that
changes a project loads its own (``Project.demo()``); one that changes the zone table asks for
``demo_themes(..., copy=True)``.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("UNGTLOFT_SHARED_DATA", ROOT.parent / "shared" / "data"))
DEMO_DIR = ROOT / "geodata" / "demo"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")
# Window geometry and other QSettings written by tests must not leak into the user's settings.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="ungtloft-test-config-")
# The cross-process cache (ungtloft_map/core/cache.py) is off in tests, so a test sees what the
# code computes and never the user's cache; tests/core/test_cache.py turns it on in a temp dir.
os.environ.setdefault("UNGTLOFT_CACHE_DIR", "off")

# Property and fuzz tests: `make test` (and so CI) runs them derandomized, so a commit's result
# does not depend on the seed of the day; `make fuzz` explores fresh random examples (that is
# how the utf-7 plan GML crash was found) and what it finds becomes a plain regression test.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("fuzz", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("UNGTLOFT_HYPOTHESIS", "ci"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data folder {SHARED_DATA} is absent")
    return SHARED_DATA


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    if not (DEMO_DIR / "manifest.json").exists():
        pytest.fail("geodata/demo is missing: run `python -m ungtloft_map.demo --out geodata/demo`")
    return DEMO_DIR


@pytest.fixture(scope="session")
def demo_project(demo_dir):
    """The fictional demo :class:`Project`, loaded once for the session. Read it, never change it."""
    from ungtloft_map.core.project import Project

    return Project.demo()


@pytest.fixture(scope="session")
def demo_themes(demo_project):
    """A factory: ``demo_themes(**settings)`` -> the demo's ``ThemeResults`` for those settings.

    The keywords are :class:`~ungtloft_map.core.pipeline.AnalysisSettings` fields (none: the
    defaults, clusters included; ``compute_clusters=False`` skips the permutations). Each set
    of settings is computed once per session on :func:`demo_project`; the same object is
    returned again, so a test that adds or changes columns passes ``copy=True`` and gets a
    result with its own copy of the zone table.
    """
    from ungtloft_map.core.pipeline import AnalysisSettings, compute_themes

    memo: dict[str, object] = {}

    def get(*, copy: bool = False, **settings):
        key = repr(sorted(settings.items()))
        if key not in memo:
            memo[key] = compute_themes(demo_project, settings=AnalysisSettings(**settings))
        res = memo[key]
        return dataclasses.replace(res, zone_table=res.zone_table.copy()) if copy else res

    return get


@pytest.fixture()
def tiny_project_dir(tmp_path) -> Path:
    """A small hand-made dataset folder (6 square zones, 2 districts, 2 years)."""
    from tests.factories import write_tiny_project

    return write_tiny_project(tmp_path / "tiny")
