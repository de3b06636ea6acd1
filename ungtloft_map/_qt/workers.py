"""Run long core work off the GUI thread, with progress and cancel: the app's one worker.

Every background job of the window, its panels and dialogs (themes, project reading, exports,
print, search index, overlays, the import check, the plan assessment and report, the dashboard,
the targeting stability, comparison and export) runs in a :class:`Worker`; there is no other
thread class in ``_qt``.

``Worker(fn, *args)`` calls ``fn(*args, progress=cb)`` in a background thread;
``cb(label, fraction)`` returns False once the user has cancelled, which core functions turn
into an error. Results and errors come back to the GUI thread through Qt signals (queued
across threads); a cancelled or failed run never replaces the results already shown.

The thread is a plain Python thread, not a QThreadPool runnable: pyproj 3.7 crashes when a
second CRS object is created on a reused pooled QThread (pyproj issue #1509), and every
analysis here touches pyproj.
"""

from __future__ import annotations

import threading
import traceback

from PySide6.QtCore import QObject, Signal

from ..core.errors import UngtloftError


class WorkerSignals(QObject):
    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(str, float)
    cancelled = Signal()


class Worker:
    """A cancellable background job."""

    def __init__(self, fn, *args, **kwargs) -> None:
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, label: str, fraction: float) -> bool:
        if self._cancel.is_set():
            return False
        self.signals.progress.emit(label, float(fraction))
        return True

    def run(self) -> None:  # runs in the background thread
        try:
            result = self.fn(*self.args, progress=self._progress, **self.kwargs)
        except UngtloftError as err:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(str(err))
            return
        except Exception as exc:  # a bug, not bad input: still never crash the window
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}\n\n{traceback.format_exc(limit=3)}")
            return
        if self._cancel.is_set():
            self.signals.cancelled.emit()
        else:
            self.signals.finished.emit(result)

    def start(self, name: str = "ungtloft-worker") -> Worker:
        """Start the job in a new Python thread called ``name`` (seen in a debugger or a
        profiler); returns the worker."""
        # daemon: a computation still running when the window closes must not keep the app alive
        self._thread = threading.Thread(target=self.run, name=name, daemon=True)
        self._thread.start()
        return self

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends (for tests and shutdown); True if it ended."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()
