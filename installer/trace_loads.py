"""Which shared libraries and Python modules the app loads: the evidence behind the spec's trims.

Runs one ``ungtloft-map`` invocation in this process (in the development venv, Linux) and, at
exit, appends the shared objects mapped into the process (``/proc/self/maps``) and the imported
module names to a JSON-lines file::

    python installer/trace_loads.py OUT.jsonl -- export-zones --themes --out z.xlsx
    python installer/trace_loads.py OUT.jsonl --gui-seconds 40 --      # the window, then quit
    python installer/trace_loads.py --summary OUT.jsonl               # union, sizes by package

``installer/ungtloft_map.spec`` keeps only the PySide6 modules this shows in use (and the Qt
libraries they, the kept plugins and the Chromium helper link to). ``installer/trace_all.sh``
runs every sub-command and the window into ``build/trace-loads.jsonl`` and prints the summary.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
from pathlib import Path


def _loaded_objects() -> list[str]:
    found = set()
    with open("/proc/self/maps", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(maxsplit=5)
            if len(parts) == 6:
                path = parts[5].strip()
                if ".so" in Path(path).name and path.startswith("/"):
                    found.add(os.path.realpath(path))
    return sorted(found)


def _record(out: Path, label: str) -> None:
    row = {"run": label, "objects": _loaded_objects(), "modules": sorted(sys.modules)}
    with out.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")


def _stop_gui_after(seconds: float, out: Path) -> None:
    """Record and leave after ``seconds`` (window shown, themes and map page loaded).

    A timer thread rather than ``QApplication.quit``: the window asks before closing and waits
    for its workers, which is not what is being measured here.
    """
    import threading

    def stop() -> None:
        _record(out, "(window)")
        os._exit(0)

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()


def summary(path: Path) -> None:
    """The union of every run: loaded objects with their sizes, by site-packages package."""
    objects: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        objects.update(json.loads(line)["objects"])
    by_pkg: dict[str, int] = {}
    for obj in objects:
        marker = "site-packages/"
        pkg = obj.split(marker, 1)[1].split("/", 1)[0] if marker in obj else "(system)"
        by_pkg[pkg] = by_pkg.get(pkg, 0) + os.path.getsize(obj)
    for pkg, size in sorted(by_pkg.items(), key=lambda kv: kv[1]):
        print(f"{size / 2**20:8.1f} MB  {pkg}")
    print(f"{sum(by_pkg.values()) / 2**20:8.1f} MB  loaded shared objects in total ({len(objects)})")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--summary"]:
        summary(Path(argv[1]))
        return 0
    out = Path(argv[0])
    rest = argv[1:]
    gui_seconds = None
    if rest[:1] == ["--gui-seconds"]:
        gui_seconds = float(rest[1])
        rest = rest[2:]
    if rest[:1] == ["--"]:
        rest = rest[1:]
    if gui_seconds is not None:
        _stop_gui_after(gui_seconds, out)
    else:
        atexit.register(_record, out, " ".join(rest))
    from ungtloft_map.cli import main as cli_main

    return cli_main(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
