"""ungtloft_map/paths.py: the demo and resources are found frozen, installed and in a checkout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ungtloft_map import paths


def _layout(root: Path) -> Path:
    (root / "geodata" / "demo").mkdir(parents=True)
    (root / "geodata" / "demo" / "manifest.json").write_text("{}", encoding="utf-8")
    (root / "resources" / "icons").mkdir(parents=True)
    return root


@pytest.fixture()
def roots(tmp_path, monkeypatch):
    """A fake checkout (package inside it) and a fake installed _bundled folder, both empty."""
    checkout = tmp_path / "checkout"
    package = checkout / "ungtloft_map"
    package.mkdir(parents=True)
    monkeypatch.setattr(paths, "PACKAGE_DIR", package)
    monkeypatch.setattr(paths, "BUNDLED_DIR", package / "_bundled")
    monkeypatch.delenv("UNGTLOFT_DEMO_DIR", raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    return {"checkout": checkout, "bundled": package / "_bundled", "frozen": tmp_path / "frozen"}


def test_checkout(roots):
    _layout(roots["checkout"])
    assert paths.demo_dir() == roots["checkout"] / "geodata" / "demo"
    assert paths.resources_dir() == roots["checkout"] / "resources"


def test_installed_wheel_wins_over_checkout_path(roots):
    _layout(roots["bundled"])
    assert paths.demo_dir() == roots["bundled"] / "geodata" / "demo"
    assert paths.resources_dir() == roots["bundled"] / "resources"


def test_frozen_bundle_first(roots, monkeypatch):
    _layout(roots["checkout"])
    _layout(roots["frozen"])
    monkeypatch.setattr(sys, "_MEIPASS", str(roots["frozen"]), raising=False)
    assert paths.demo_dir() == roots["frozen"] / "geodata" / "demo"
    assert paths.resources_dir() == roots["frozen"] / "resources"


def test_demo_without_manifest_is_skipped(roots):
    """An empty geodata/demo (e.g. half-copied) does not hide a complete one further down."""
    (roots["bundled"] / "geodata" / "demo").mkdir(parents=True)
    _layout(roots["checkout"])
    assert paths.demo_dir() == roots["checkout"] / "geodata" / "demo"


def test_nothing_found_points_at_the_checkout(roots):
    assert paths.demo_dir() == roots["checkout"] / "geodata" / "demo"
    assert paths.resources_dir() == roots["checkout"] / "resources"


def test_env_override(roots, monkeypatch, tmp_path):
    monkeypatch.setenv("UNGTLOFT_DEMO_DIR", str(tmp_path / "mine"))
    assert paths.demo_dir() == tmp_path / "mine"
