"""Start-up: import time of the core, and process start → first map shown in the window.

Each figure is the median of fresh processes (a warm OS file cache, a cold Python). The map is
"shown" when the window's QWebEngineView reports ``loadFinished`` for the zone map page.
Run alone with ``python -m benchmarks.bench_startup``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

_IMPORT = "import time; t=time.perf_counter(); import ungtloft_map.core.project, ungtloft_map.core.analysis.livingconditions; print(time.perf_counter()-t)"

_FIRST_MAP = r"""
import time, sys
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
app = QApplication([])
from ungtloft_map._qt.main_window import MainWindow
w = MainWindow(); w.show()
def done(ok):
    print(time.time(), ok, flush=True); app.quit()
w.map_view.mapLoaded.connect(done)
QTimer.singleShot(0, lambda: w.load_project(None))
QTimer.singleShot(120000, app.quit)
app.exec()
"""


def _env() -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    return env


def core_import_seconds(repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _IMPORT], capture_output=True, text=True, check=True, env=_env())
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def first_map_seconds(repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", _FIRST_MAP], capture_output=True, text=True, env=_env(), timeout=180)
        lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
        if not lines or not lines[-1].endswith("True"):
            raise RuntimeError(f"the window did not show a map: {out.stderr[-500:]}")
        times.append(float(lines[-1].split()[0]) - t0)
    return statistics.median(times)


def run() -> list[dict]:
    return [
        {"benchmark": "core import (ungtloft_map.core)", "value": core_import_seconds(), "unit": "s",
         "target": "as low as possible"},
        {"benchmark": "process start → first map shown (demo)", "value": first_map_seconds(), "unit": "s",
         "target": "as low as possible"},
    ]


if __name__ == "__main__":
    from benchmarks.__main__ import format_table

    print(format_table(run()))
