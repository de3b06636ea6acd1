"""Helpers shared by the Qt tests: spin the event loop, run JavaScript on a web view, close a
window that holds a web view."""

from __future__ import annotations

import time


def spin(qapp, check, timeout=20.0):
    """Process events until ``check()`` is true; fail after ``timeout`` seconds.

    Unlike ``qtbot.waitUntil`` this may be nested (``check`` may itself wait for JavaScript).
    """
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        qapp.processEvents()
        if check():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def js_raw(qapp, view, script):
    """Run ``script`` on the page of ``view`` and return its result."""
    box = []
    view.page().runJavaScript(script, 0, box.append)
    spin(qapp, lambda: bool(box), 10.0)
    return box[0]


def eventually(qtbot, check, timeout=10000):
    """Poll ``check`` (which may itself wait for JavaScript) without nesting waitUntil."""
    for _ in range(timeout // 100):
        if check():
            return
        qtbot.wait(100)
    raise AssertionError("condition not met in time")


def close_window(qapp, win):
    """Close and delete a window with a web view *now*, page first (else Qt crashes at exit)."""
    from PySide6.QtCore import QEvent

    win.ask_to_save = False
    win.close()
    win.map_view.shutdown()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    win.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.processEvents()
