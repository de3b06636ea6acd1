"""The app's one background Worker: results, errors, cancel, and no other thread class in _qt."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

import ungtloft_map._qt as qt_package
from ungtloft_map._qt.workers import Worker
from ungtloft_map.core.errors import AnalysisError, DataError


def test_no_other_thread_class_in_qt():
    """Every background job goes through workers.Worker (issue 17: one Worker, not three)."""
    root = Path(qt_package.__file__).parent
    pattern = re.compile(r"\bimport threading\b|\bQThread\b|\bQRunnable\b|\bQThreadPool\b|concurrent\.futures")
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if p.name != "workers.py" and pattern.search(p.read_text("utf-8"))]
    assert offenders == []


def test_result_comes_back_in_a_named_thread(qtbot):
    names = []

    def job(x, progress=None):
        names.append(threading.current_thread().name)
        progress("half", 0.5)
        return x * 2

    w = Worker(job, 21)
    with qtbot.waitSignal(w.signals.finished, timeout=5000) as got:
        w.start("ungtloft-test")
    assert got.args == [42] and names == ["ungtloft-test"]


def test_a_data_error_is_one_message(qtbot):
    def job(progress=None):
        raise DataError("required field is missing", layer="zones", field="zone_id")

    w = Worker(job)
    with qtbot.waitSignal(w.signals.failed, timeout=5000) as got:
        w.start()
    assert got.args == ["layer 'zones', field 'zone_id': required field is missing"]


def test_cancel_is_reported_as_cancelled_not_as_an_error(qtbot):
    gate = threading.Event()

    def job(progress=None):
        gate.wait(5)
        if progress("step", 0.1) is False:
            raise AnalysisError("cancelled")
        return "done"

    w = Worker(job)
    failed = []
    w.signals.failed.connect(failed.append)
    with qtbot.waitSignal(w.signals.cancelled, timeout=5000):
        w.start()
        w.cancel()
        gate.set()
    assert w.is_cancelled and failed == [] and w.wait(5)


@pytest.mark.parametrize("exc", [ValueError("a bug")])
def test_a_bug_is_a_message_not_a_crash(qtbot, exc):
    def job(progress=None):
        raise exc

    w = Worker(job)
    with qtbot.waitSignal(w.signals.failed, timeout=5000) as got:
        w.start()
    assert got.args[0].startswith("ValueError: a bug")
