"""Map interaction speed on the demo: switching the shown indicator or the classification.

Measured in the real window (offscreen Qt + QtWebEngine): from the call that changes the
indicator (or scheme) until the page has applied the new style -- the page's ``setStyle``
returns and its callback reaches Python. Median over 20 switches, after one warm-up.
Run alone with ``python -m benchmarks.bench_map``.
"""

from __future__ import annotations

import os
import subprocess
import sys

from ._cold import TIMED_RESTYLE

_SCRIPT = r"""
import statistics, sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ungtloft_map._qt.main_window import MainWindow
w = MainWindow(compute_themes_on_load=False); w.ask_to_save = False; w.resize(1400, 900); w.show()
loaded = []
w.map_view.mapLoaded.connect(loaded.append)
w.load_project(None)
while not loaded:
    app.processEvents(); time.sleep(0.01)

"""+TIMED_RESTYLE+r"""

cols = [c for c in w.zone_table.theme_columns() if w.zone_table.info[c].kind == "rate"]
schemes = ["fisherjenks", "quantiles", "equalinterval", "boxplot"]
timed(lambda: w.set_column(cols[1]))
timed(lambda: w.set_classification({"scheme": "fisherjenks", "k": 5, "bins": None}))
ind = [timed(lambda c=cols[i % len(cols)]: w.set_column(c)) for i in range(20)]
cls = [timed(lambda s=schemes[i % len(schemes)]: w.set_classification({"scheme": s, "k": 5, "bins": None})) for i in range(20)]
print(statistics.median(ind), max(ind), statistics.median(cls), max(cls))
w.ask_to_save = False; w.close(); w.map_view.shutdown()
"""


def run() -> list[dict]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    out = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, env=env, timeout=600)
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    if out.returncode not in (0, -11) or not lines:
        raise RuntimeError(out.stderr[-800:])
    ind_med, ind_max, cls_med, cls_max = (float(v) * 1000 for v in lines[-1].split())
    return [
        {"benchmark": "switch indicator on the demo map (median of 20)", "value": ind_med, "unit": "ms", "target": "≤ 300 ms"},
        {"benchmark": "switch indicator, slowest of 20", "value": ind_max, "unit": "ms", "target": "-"},
        {"benchmark": "switch classification (median of 20)", "value": cls_med, "unit": "ms", "target": "≤ 300 ms"},
        {"benchmark": "switch classification, slowest of 20", "value": cls_max, "unit": "ms", "target": "-"},
    ]


if __name__ == "__main__":
    from benchmarks.__main__ import format_table

    print(format_table(run()))
