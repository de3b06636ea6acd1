"""Fixtures of the robustness suite: one input folder per test module."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory) -> Path:
    """Where a module's fuzzed inputs are written (each under a fresh name, see _fuzz.py)."""
    return tmp_path_factory.mktemp("fuzz")
