"""Start the desktop application."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _prepare_environment() -> None:
    # QtWebEngine's Chromium refuses to run as root without --no-sandbox; planners never run as
    # root, CI and containers do.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def run_gui(project: Path | None = None, argv: list[str] | None = None) -> int:
    """Open the main window on ``project`` (None: the fictional demo) and run the event loop."""
    _prepare_environment()
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("UngtLøft Map")
    app.setOrganizationName("UngtLoft")
    app.setDesktopFileName("ungtloft-map")  # matches installer/ungtloft-map.desktop
    apply_look(app)
    from .i18n import install_translator

    app._ungtloft_translator = install_translator(app)  # keep a reference: Qt does not own it
    from .main_window import MainWindow, start_loading

    win = MainWindow()
    win.show()
    start_loading(win, project)
    return app.exec()


def apply_look(app) -> None:
    """The app's one style sheet and icon from ``resources/`` (missing files are skipped)."""
    from PySide6.QtGui import QIcon

    from ..paths import resources_dir

    qss = resources_dir() / "styles" / "ungtloft.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text("utf-8"))
    for name in ("ungtloft-map.svg", "ungtloft-map.png"):
        icon = resources_dir() / "icons" / name
        if icon.exists():
            app.setWindowIcon(QIcon(str(icon)))
            break
