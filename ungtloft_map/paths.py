"""Where the app finds its bundled files (demo data, resources), installed or frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _roots() -> list[Path]:
    roots = []
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller one-folder bundle
    if frozen:
        roots.append(Path(frozen))
    roots.append(PACKAGE_DIR.parent)  # a source checkout / editable install
    return roots


def demo_dir() -> Path:
    """The folder of the fictional demo municipality (``geodata/demo``).

    ``UNGTLOFT_DEMO_DIR`` overrides it.
    """
    env = os.environ.get("UNGTLOFT_DEMO_DIR")
    if env:
        return Path(env)
    for root in _roots():
        candidate = root / "geodata" / "demo"
        if (candidate / "manifest.json").exists():
            return candidate
    return _roots()[-1] / "geodata" / "demo"


def resources_dir() -> Path:
    """The ``resources/`` folder (icons, styles, translations)."""
    for root in _roots():
        candidate = root / "resources"
        if candidate.is_dir():
            return candidate
    return _roots()[-1] / "resources"
