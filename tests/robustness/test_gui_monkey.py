"""A GUI monkey test: a few hundred random valid actions in the main window.

Switch layers and years, classify, select in the table and on the map, change weights, toggle
context layers, export to temp files -- with no exception escaping and memory growth within a
stated bound (150 MB over the run, after a warm-up; the page is re-styled, not reloaded, so
nothing should accumulate).
"""

from __future__ import annotations

import random

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from tests._qt.helpers import close_window
from tests._qt.helpers import spin as _spin  # noqa: E402
from ungtloft_map._qt.main_window import MainWindow  # noqa: E402

ACTIONS = 300
MEMORY_BOUND_MB = 150


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


@pytest.mark.slow
def test_random_actions(qapp, tmp_path_factory):
    from tests.factories import write_tiny_project

    folder = write_tiny_project(tmp_path_factory.mktemp("monkey"), nx=4, ny=3)
    win = MainWindow(compute_themes_on_load=False)
    win.ask_to_save = False
    win.show()
    loaded = []
    win.map_view.mapLoaded.connect(loaded.append)
    assert win.load_project(folder)
    _spin(qapp, lambda: loaded)
    errors: list[str] = []
    original = win.show_error
    win.show_error = lambda title, text: errors.append(f"{title}: {text}")  # no modal boxes
    rng = random.Random(20261126)
    out = tmp_path_factory.mktemp("exports")
    zones = win.zone_table.zone_ids

    def act(i: int) -> None:
        choice = rng.randrange(10)
        cols = win.zone_table.theme_columns()
        if choice == 0:
            win.set_column(rng.choice(cols))
        elif choice == 1:
            win.classify_panel.scheme.setCurrentIndex(rng.randrange(5))  # not user-defined
        elif choice == 2:
            win.classify_panel.k.setValue(rng.randint(2, 9))
        elif choice == 3:
            win.select_zones(rng.sample(zones, rng.randint(0, 4)))
        elif choice == 4:
            win.map_view.run_js(f"ungtloft.clickZone({rng.choice(zones)!r});")
        elif choice == 5:
            win.year_box.setCurrentIndex(rng.randrange(win.year_box.count()))
        elif choice == 6:
            win.since_box.setCurrentIndex(rng.randrange(win.since_box.count()))
        elif choice == 7:
            item = win.layer_panel.context_item(rng.choice(win.layer_panel.context_order()))
            if item is not None:
                item.setCheckState(0, item.checkState(0).__class__(2 - item.checkState(0).value))
        elif choice == 8:
            win.filter_edit.setText(rng.choice(["", "Z0", "Sone", "x"]))
        else:
            kind = rng.choice(["html", "zones"])
            win.export_to(kind, out / (f"e{i}.html" if kind == "html" else f"e{i}.csv"))
        qapp.processEvents()

    for i in range(30):  # warm-up: first classification schemes, page caches
        act(i)
    _spin(qapp, lambda: True, 1.0)
    before = _rss_mb()
    for i in range(30, ACTIONS):
        act(i)
    qapp.processEvents()
    growth = _rss_mb() - before
    print(f"monkey: {ACTIONS} actions, memory growth {growth:.1f} MB")
    win.show_error = original
    close_window(qapp, win)
    assert errors == []
    assert growth < MEMORY_BOUND_MB, f"memory grew {growth:.0f} MB over {ACTIONS} actions"
