"""Run long core work off the GUI thread, with progress and cancel.

``Worker(fn)`` calls ``fn(progress)`` in the global QThreadPool; ``progress(label, fraction)``
returns False once the user has cancelled, which core functions turn into an error. Results and
errors come back to the GUI thread through Qt signals; a cancelled or failed run never replaces
the results already shown.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core.errors import UngtloftError


class WorkerSignals(QObject):
    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(str, float)
    cancelled = Signal()


class Worker(QRunnable):
    """A cancellable background job."""

    def __init__(self, fn, *args, **kwargs) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = WorkerSignals()
        self._cancel = False
        self.setAutoDelete(True)

    def cancel(self) -> None:
        self._cancel = True

    @property
    def is_cancelled(self) -> bool:
        return self._cancel

    def _progress(self, label: str, fraction: float) -> bool:
        if self._cancel:
            return False
        self.signals.progress.emit(label, float(fraction))
        return True

    def run(self) -> None:  # runs in a pool thread
        try:
            result = self.fn(*self.args, progress=self._progress, **self.kwargs)
        except UngtloftError as err:
            if self._cancel:
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(str(err))
            return
        except Exception as exc:  # a bug, not bad input: still never crash the window
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}\n\n{traceback.format_exc(limit=3)}")
            return
        if self._cancel:
            self.signals.cancelled.emit()
        else:
            self.signals.finished.emit(result)

    def start(self) -> Worker:
        QThreadPool.globalInstance().start(self)
        return self
