"""Screenshots for the user guide, made by the app itself on the fictional demo.

``python -m ungtloft_map._qt.screenshots resources/help/images`` opens the real window offscreen at
1366×768 (a common laptop screen), waits for the themes, and grabs the views the guide shows: the
main window, the search box with its hits, clusters, target areas, the dashboard, the plan
assessment and page 1 of a printed map (PDF rendered to PNG).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

SIZE = (1366, 768)


def _spin(app, check, timeout: float = 600.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if check():
            return
        time.sleep(0.02)
    raise TimeoutError("the window did not get there in time")


def _with_popup(win, anchor, popup):
    """The window's picture with a popup (a separate top-level widget) painted below ``anchor``,
    right-aligned with it (the offscreen platform does not place top-level popups)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter

    image = win.grab()
    if popup.isVisible():
        painter = QPainter(image)
        painter.drawPixmap(anchor.mapTo(win, QPoint(anchor.width() - popup.width(), anchor.height())), popup.grab())
        painter.end()
    return image


def _pdf_page_png(pdf: Path, out: Path, width: int = 1400) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(pdf))
    size = doc.pagePointSize(0)
    image = doc.render(0, QSize(width, round(width * size.height() / size.width())))
    image.save(str(out))
    doc.close()


def main(out_dir: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    # The screenshots show the default layout, not the one saved by whoever runs this.
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="ungtloft-shots-")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from .app import apply_look
    from .main_window import MainWindow

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    apply_look(app)
    win = MainWindow()
    win.ask_to_save = False
    win.resize(*SIZE)
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

    def wide(dock, width: int = 640) -> None:
        dock.show()
        dock.raise_()
        win.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

    def legend_shows(text: str) -> bool:
        box: list = []
        win.map_view.page().runJavaScript("document.getElementById('ul-legend').innerText", 0, box.append)
        _spin(app, lambda: box, 10)
        return text in (box[0] or "")

    win.set_column("composite_score")
    _spin(app, lambda: legend_shows(win.zone_table.info["composite_score"].label("nb")), 30)
    win.select_zones(["0203"])
    win.zoom_to_data()
    shot("hovedvindu.png")

    win.select_zones([])
    win.search_box.setFocus()
    win.search_box.setText("sk")
    win._on_search_edited("sk")
    settle()
    _with_popup(win, win.search_box, win.search_completer.popup()).save(str(out / "sok.png"))
    print("wrote", out / "sok.png")
    win.search_completer.popup().hide()
    win.search_box.clear()

    win.set_column("lisa_label")
    win.zone_dock.raise_()
    win.tabs.setCurrentWidget(win._charts)
    wide(win.zone_dock, 560)
    shot("klynger.png")
    win.set_column("composite_score")
    wide(win.panel_docks["targeting"])
    shot("omradesatsing.png")
    wide(win.panel_docks["dashboard"])
    win.dashboard.wait_ready(300)
    shot("nokkeltall.png")
    win.zone_dock.raise_()
    wide(win.zone_dock, 380)

    with tempfile.TemporaryDirectory() as tmp:
        pdf = win.print_to(Path(tmp) / "kart.pdf", "A4", landscape=True)
        if pdf is not None:
            _pdf_page_png(pdf, out / "utskrift.png")
            print("wrote", out / "utskrift.png")

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
