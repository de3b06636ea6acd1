"""Build hook: the demo data and the resources travel inside the wheel.

The source tree keeps ``geodata/demo/`` and ``resources/`` at the top level (the user's layout).
A plain (non-editable) install has no source tree, so ``build_py`` copies them into the built
package as ``ungtloft_map/_bundled/geodata/demo/`` and ``ungtloft_map/_bundled/resources/``,
where ``ungtloft_map/paths.py`` looks first. The Qt translations are compiled from ``.ts`` to
``.qm`` here with ``installer/qmcompile.py`` (a pure-Python twin of ``pyside6-lrelease``,
byte-identical output): pip's isolated build environment has no PySide6, so ``lrelease`` is not
available there, and the ``.qm`` files are build products that are not committed.

Editable installs (``pip install -e .``) skip the copy: there ``paths.py`` finds the checkout.
Everything else (metadata, dependencies, entry points) is in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = "_bundled"  # ungtloft_map/_bundled/ in the wheel; keep in step with paths.py
# (source folder, folder under ungtloft_map/_bundled/)
TREES = [(ROOT / "geodata" / "demo", "geodata/demo"), (ROOT / "resources", "resources")]
SKIP_SUFFIXES = {".ts", ".pro", ".qm"}  # .qm: compiled fresh below, never a stale local copy


def _files(src: Path) -> list[Path]:
    return sorted(p for p in src.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
                  and p.suffix not in SKIP_SUFFIXES)


class BuildWithData(build_py):
    """``build_py`` plus the demo data, resources and compiled translations."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "ungtloft_map" / BUNDLED
        if target.exists():
            shutil.rmtree(target)  # a build/ left over from an older tree must not leak files
        if not (ROOT / "geodata" / "demo" / "manifest.json").exists():
            raise SystemExit("setup.py: geodata/demo/manifest.json is missing "
                             "(python -m ungtloft_map.demo --out geodata/demo)")
        for src, dest in TREES:
            for path in _files(src):
                out = target / dest / path.relative_to(src)
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, out)
        sys.path.insert(0, str(ROOT / "installer"))
        try:
            from qmcompile import write_qm
        finally:
            sys.path.pop(0)
        for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
            write_qm(ts, target / "resources" / "translations" / ts.with_suffix(".qm").name)


setup(cmdclass={"build_py": BuildWithData})
