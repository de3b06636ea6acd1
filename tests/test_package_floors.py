"""The package's floors (tools/package_floors.py): no import runs back up."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("grimp")


def _tool():
    spec = importlib.util.spec_from_file_location(
        "package_floors", ROOT / "tools" / "package_floors.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def floors():
    return _tool().analyse(ROOT)


def test_every_module_has_a_floor(floors):
    assert floors.unassigned == []
    assert sum(len(f.modules) for f in floors.floors) > 100


def test_core_floors_come_from_the_layers_contract(floors):
    titles = [f.title for f in floors.floors]
    assert "pipeline" in titles
    assert titles.index("workflows | session") < titles.index("pipeline") < titles.index("analysis")
    assert titles.index("analysis") < titles.index("io") < titles.index("cache")


def test_no_arrow_runs_back_up(floors):
    assert floors.upward == {}
    assert floors.violations == []
    # The picture is not empty: the window imports the core, the core's floors import down.
    assert sum(floors.arrows.values()) > 100


def test_an_upward_import_is_found(tmp_path):
    """The analysis can fail: a module in a low floor importing a high one is an upward arrow."""
    tool = _tool()
    pkg = tmp_path / "ungtloft_map"
    (pkg / "core").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "core" / "__init__.py").write_text("")
    (pkg / "core" / "pipeline.py").write_text("")
    (pkg / "core" / "io.py").write_text("from ungtloft_map.core import pipeline\n")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.importlinter]\nroot_package = "ungtloft_map"\n'
        '[[tool.importlinter.contracts]]\nname = "floors"\ntype = "layers"\n'
        'layers = ["ungtloft_map.core.pipeline", "ungtloft_map.core.io"]\n'
    )
    saved = {
        k: v for k, v in sys.modules.items() if k == "ungtloft_map" or k.startswith("ungtloft_map.")
    }
    for name in saved:
        del sys.modules[name]
    sys.path.insert(0, str(tmp_path))
    try:
        result = tool.analyse(tmp_path)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [
            k for k in sys.modules if k == "ungtloft_map" or k.startswith("ungtloft_map.")
        ]:
            del sys.modules[name]
        sys.modules.update(saved)
    titles = [f.title for f in result.floors]
    up = {(titles[a], titles[b]) for a, b in result.upward}
    assert up == {("io", "pipeline")}
    assert result.violations == [("ungtloft_map.core.io", "ungtloft_map.core.pipeline")]
