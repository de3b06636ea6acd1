"""Where the app finds its bundled files (demo data, resources): installed, editable or frozen.

Three layouts, looked up in this order:

* a PyInstaller bundle: ``geodata/demo`` and ``resources`` at ``sys._MEIPASS``
  (``installer/ungtloft_map.spec``);
* an installed wheel: ``ungtloft_map/_bundled/geodata/demo`` and ``ungtloft_map/_bundled/resources``,
  copied in by ``setup.py`` at build time (the package has no source tree around it);
* a source checkout or editable install: ``geodata/demo`` and ``resources`` beside the package.

``UNGTLOFT_DEMO_DIR`` overrides the demo folder.

>>> (demo_dir() / "manifest.json").exists()  # doctest: +SKIP
True
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: Where ``setup.py`` puts the demo data and resources inside an installed package.
BUNDLED_DIR = PACKAGE_DIR / "_bundled"


def _roots() -> list[Path]:
    roots = []
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller one-folder bundle
    if frozen:
        roots.append(Path(frozen))
    roots.append(BUNDLED_DIR)  # an installed wheel
    roots.append(PACKAGE_DIR.parent)  # a source checkout / editable install
    return roots


def _first(relative: str, marker: str) -> Path:
    """The first root holding ``relative/marker``; else the first that holds ``relative``.

    Falls back to the checkout location, so an error names the place a developer expects.
    """
    for root in _roots():
        if (root / relative / marker).exists():
            return root / relative
    for root in _roots():
        if (root / relative).is_dir():
            return root / relative
    return PACKAGE_DIR.parent / relative


def demo_dir() -> Path:
    """The folder of the fictional demo municipality (``geodata/demo``).

    ``UNGTLOFT_DEMO_DIR`` overrides it.
    """
    env = os.environ.get("UNGTLOFT_DEMO_DIR")
    if env:
        return Path(env)
    return _first("geodata/demo", "manifest.json")


def resources_dir() -> Path:
    """The ``resources/`` folder (icons, styles, help, translations)."""
    return _first("resources", "icons")
