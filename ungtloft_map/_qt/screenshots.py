"""Screenshots for the user guide, made by the app itself on the fictional demo.

``python -m ungtloft_map._qt.screenshots resources/help/images`` opens the real window offscreen,
waits for the themes, and grabs the views the guide shows.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def _spin(app, check, timeout: float = 600.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if check():
            return
        time.sleep(0.02)
    raise TimeoutError("the window did not get there in time")


def main(out_dir: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtWidgets import QApplication

    from .app import apply_look
    from .main_window import MainWindow

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    apply_look(app)
    win = MainWindow()
    win.ask_to_save = False
    win.resize(1500, 900)
    win.show()
    ready: list = []
    win.themesReady.connect(ready.append)
    win.load_project(None)
    _spin(app, lambda: ready)

    def settle(seconds: float = 1.5) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    def shot(name: str, widget=None) -> None:
        settle()
        (widget or win).grab().save(str(out / name))
        print("wrote", out / name)

    win.set_column("composite_score")
    win.select_zones(["0203"])
    shot("hovedvindu.png")
    win.set_column("lisa_label")
    win.tabs.setCurrentIndex(win.tabs.indexOf(win.tabs.widget(4)))  # Diagrammer
    shot("klynger.png")
    win.panel_docks["targeting"].raise_()
    win.set_column("composite_score")
    shot("omradesatsing.png")
    win.panel_docks["dashboard"].raise_()
    win.dashboard.wait_ready(300)
    shot("nokkeltall.png")
    win.open_plan_dialog()
    dlg = win.plan_dialog
    dlg.select_example(0)
    got: list = []
    dlg.planAssessed.connect(got.append)
    dlg.assess()
    _spin(app, lambda: got)
    dlg.resize(1100, 760)
    shot("planvurdering.png", dlg)
    dlg.close()
    win.close()
    win.map_view.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "resources/help/images"))
