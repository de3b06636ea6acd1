"""Helpers of the cold-process benchmarks (``bench_cold``, ``bench_scale4``).

Every measurement is a fresh Python process (:func:`child`): wall time from just before the
process is spawned until it exits (or until the moment it reports, for the window), and its
peak resident memory from ``os.wait4`` (the child's own ``getrusage``). A figure is the best and
the median of :func:`repeat` runs (5; ``UNGTLOFT_BENCH_REPEAT`` overrides it).

Cache states: "empty cache" gives each run a new, empty ``UNGTLOFT_CACHE_DIR`` (what a user
waits the first time they open a dataset); "cached" shares one cache folder that an untimed run
filled first (every later start). Generated inputs (the scale-4 town, the AtB origins) live in
:func:`bench_dir`, never in the repository.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "geodata" / "demo"
SHARED = Path(os.environ.get("UNGTLOFT_SHARED_DATA", ROOT.parent / "shared" / "data"))
ATB_FEED = SHARED / "trondheim" / "atb_entur_gtfs_2020-12-14.zip"
ATB_BORDER = SHARED / "trondheim" / "trondheim_5001_kommunegrense.geojson"


def repeat() -> int:
    """Runs per figure (5, or ``UNGTLOFT_BENCH_REPEAT``)."""
    return max(1, int(os.environ.get("UNGTLOFT_BENCH_REPEAT", "5")))


def bench_dir() -> Path:
    """Folder for generated benchmark inputs (``UNGTLOFT_BENCH_DIR`` or the user cache)."""
    env = os.environ.get("UNGTLOFT_BENCH_DIR")
    if env:
        path = Path(env)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
        path = base / "ungtloft_map" / "bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def env(cache: str | Path | None) -> dict[str, str]:
    """Child environment: headless Qt, and the cache folder (None: the cache is off)."""
    out = dict(os.environ)
    out.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        out.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    out["UNGTLOFT_CACHE_DIR"] = "off" if cache is None else str(cache)
    return out


@dataclass
class Run:
    """One child process: wall seconds, peak RSS in MB, exit code, stdout, stderr tail."""

    seconds: float
    peak_mb: float
    code: int
    out: str
    err: str
    started: float


def child(argv: Sequence[str], cache: str | Path | None, timeout: float = 420.0) -> Run:
    """Run ``argv`` in a fresh process and measure it (wall time, the child's peak memory)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.time()
        proc = subprocess.Popen(list(argv), stdout=out, stderr=err, env=env(cache), cwd=ROOT)
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.time() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.time() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        # ru_maxrss is in KiB on Linux, bytes on macOS.
        peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        return Run(seconds, peak, proc.returncode, out.read(), err.read()[-1500:], t0)


def measure(
    argv: Sequence[str] | Callable[[], Sequence[str]],
    *,
    cached: bool,
    n: int | None = None,
    value: Callable[[Run], float] | None = None,
) -> tuple[list[float], float]:
    """Seconds of ``n`` fresh runs (each with an empty cache, or all sharing a warmed one).

    ``value`` turns a run into the figure (default: the wall time); returns the figures and
    the largest peak memory (MB) seen.
    """
    n = n or repeat()
    figures, peak = [], 0.0
    with tempfile.TemporaryDirectory(prefix="ungtloft-bench-cache-") as tmp:
        shared = Path(tmp) / "shared"
        args = argv() if callable(argv) else argv
        if cached:
            _check(child(args, shared))  # fills the cache; not timed
        for k in range(n):
            cache = shared if cached else Path(tmp) / f"empty{k}"
            run = _check(child(args, cache))
            figures.append(value(run) if value else run.seconds)
            peak = max(peak, run.peak_mb)
            if not cached:
                shutil.rmtree(cache, ignore_errors=True)
    return figures, peak


def _check(run: Run) -> Run:
    if run.code != 0:
        raise RuntimeError(f"child failed ({run.code}): {run.err.strip()[-600:]}")
    return run


def failed(name: str, exc: Exception) -> dict:
    """The row of a measurement that could not be made (the others still count)."""
    text = " ".join(str(exc).split())[-300:]
    out = {"benchmark": f"{name} FAILED", "value": "-", "unit": "", "target": text}
    print(f"    {out['benchmark']}: {text}", file=sys.stderr, flush=True)
    return out


def row(name: str, figures: list[float], target: float | None, unit: str = "s") -> dict:
    """A table row: best and median of ``figures`` against ``target`` (same unit)."""
    best, med = min(figures), statistics.median(figures)
    verdict = "" if target is None else (" OK" if med <= target else " SLOW")
    value = f"{best:.3g} / {med:.3g}"
    print(f"    {name}: {value} {unit} (best/median of {len(figures)})", file=sys.stderr,
          flush=True)
    return {
        "benchmark": name,
        "value": value,
        "unit": f"{unit} best/median of {len(figures)}",
        "target": "info" if target is None else f"<= {target:g} {unit}{verdict}",
        "best": best,
        "median": med,
    }


def mem_row(name: str, peak_mb: float, target_mb: float | None) -> dict:
    print(f"    {name}: {peak_mb:.0f} MB", file=sys.stderr, flush=True)
    verdict = "" if target_mb is None else (" OK" if peak_mb <= target_mb else " OVER")
    return {
        "benchmark": name,
        "value": f"{peak_mb:.0f}",
        "unit": "MB peak RSS",
        "target": "info" if target_mb is None else f"<= {target_mb:g} MB{verdict}",
        "best": peak_mb,
        "median": peak_mb,
    }


# --------------------------------------------------------------------------------------------
# generated inputs


def _generator_digest() -> str:
    h = hashlib.blake2b(digest_size=12)
    for f in [ROOT / "ungtloft_map" / "demo.py", *sorted((ROOT / "ungtloft_map" / "_demo").glob("*.py"))]:
        h.update(f.read_bytes())
    return h.hexdigest()


def scaled_demo(scale: int) -> Path:
    """The demo town at ``scale`` (1: ``geodata/demo``), generated once into :func:`bench_dir`.

    Regenerated when the generator's source changes (a stamp file holds its digest).
    """
    if scale == 1:
        return DEMO
    folder = bench_dir() / f"fjordvik-scale{scale}"
    stamp = folder / ".generator"
    digest = _generator_digest()
    if not (folder / "manifest.json").exists() or not stamp.exists() or stamp.read_text() != digest:
        print(f"  generating the scale-{scale} town into {folder} …", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "ungtloft_map.demo", "--scale", str(scale),
                        "--out", str(folder)], check=True, cwd=ROOT)
        stamp.write_text(digest)
    return folder


def atb_points() -> tuple[Path, Path] | None:
    """2,000 origins and 20 destinations on the AtB feed as CSV (None without ../shared)."""
    if not ATB_FEED.exists() or not ATB_BORDER.exists():
        return None
    folder = bench_dir() / "atb"
    folder.mkdir(exist_ok=True)
    origins, dests = folder / "origins_2000.csv", folder / "destinations_20.csv"
    if origins.exists() and dests.exists():
        return origins, dests
    import numpy as np

    from benchmarks.bench_transit import sample_points
    from ungtloft_map.core.analysis.transit import prepare_network
    from ungtloft_map.core.io.gtfs import load_gtfs

    net = prepare_network(load_gtfs(ATB_FEED), "07:00-09:00")
    o, d = sample_points(net)
    for path, xy in ((origins, o), (dests, d)):
        lines = ["id,x,y"] + [f"P{k},{x:.2f},{y:.2f}" for k, (x, y) in enumerate(np.asarray(xy))]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return origins, dests


def cli(*args: str) -> list[str]:
    """``ungtloft-map ARGS`` as a child command line."""
    return [sys.executable, "-m", "ungtloft_map", *args]


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


def parse_json(run: Run) -> dict:
    """The last stdout line of a child that prints one JSON object."""
    lines = [ln for ln in run.out.splitlines() if ln.strip().startswith("{")]
    if not lines:
        raise RuntimeError(f"child printed no result: {run.err.strip()[-600:]}")
    return json.loads(lines[-1])


# --------------------------------------------------------------------------------------------
# child scripts

#: The window on a dataset (argv: folder or "-" for the demo, number of indicator switches):
#: prints the wall-clock moments of the first painted zone map and of the themes being ready,
#: then the median and slowest indicator switch (set_column until the page has restyled).
#: Child-script piece shared with ``bench_map``: seconds from a change in window ``w`` until the
#: page has applied it (a no-op script queued after the restyle returns to Python).
TIMED_RESTYLE = r"""
def timed(change):
    done = []
    t0 = time.perf_counter()
    change()
    w.map_view.page().runJavaScript("1", 0, lambda _: done.append(time.perf_counter()))
    while not done:
        app.processEvents(); time.sleep(0.001)
    return done[0] - t0
"""

WINDOW = r"""
import json, statistics, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ungtloft_map._qt.main_window import MainWindow
folder = None if sys.argv[1] == "-" else Path(sys.argv[1])
switches = int(sys.argv[2])
out = {}
w = MainWindow(); w.ask_to_save = False; w.resize(1400, 900); w.show()

def on_map(ok):
    if ok and "first_map" not in out:
        out["first_map"] = time.time()

"""+TIMED_RESTYLE+r"""

def after():
    while not w.map_view.ready:
        app.processEvents(); time.sleep(0.005)
    if switches:
        zt = w.zone_table
        cols = [c for c in zt.theme_columns() if zt.info[c].kind == "rate"]
        timed(lambda: w.set_column(cols[1]))
        ts = [timed(lambda c=cols[i % len(cols)]: w.set_column(c)) for i in range(switches)]
        out["switch_median"], out["switch_max"] = statistics.median(ts), max(ts)
    out["zones"] = len(w.zone_table.gdf)
    print(json.dumps(out), flush=True)
    w.ask_to_save = False; w.close(); w.map_view.shutdown(); app.quit()

def on_themes(res):
    out["themes"] = time.time()
    out["theme_steps"] = dict(getattr(res, "timings", {}))
    QTimer.singleShot(0, after)

w.map_view.mapLoaded.connect(on_map)
w.themesReady.connect(on_themes)
QTimer.singleShot(0, lambda: w.load_project(folder))
def give_up():  # themes never came (an error in the window): say so instead of hanging
    print(json.dumps(out), flush=True); app.quit()

QTimer.singleShot(300000, give_up)
app.exec()
"""

#: Themes in a fresh process (argv: folder, compute_clusters 0/1): prints load and theme seconds.
THEMES = r"""
import json, sys, time
t0 = time.perf_counter()
from ungtloft_map.core.pipeline import AnalysisSettings, compute_themes
from ungtloft_map.core.project import Project
t1 = time.perf_counter()
project = Project.load(sys.argv[1])
res = compute_themes(project, settings=AnalysisSettings(compute_clusters=sys.argv[2] == "1"))
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "themes": t2 - t1, "steps": res.timings}), flush=True)
"""

#: Ranking after a weight change (argv: folder): themes without the cluster step (not timed),
#: a first ranking (builds the baseline), then 20 random weightings as a slider would give.
RANKING = r"""
import json, statistics, sys, time
import numpy as np
from ungtloft_map.core.analysis import targeting as tg
from ungtloft_map.core.pipeline import AnalysisSettings, compute_themes
from ungtloft_map.core.project import Project
project = Project.load(sys.argv[1])
themes = compute_themes(project, settings=AnalysisSettings(compute_clusters=False))
inputs = tg.index_inputs(themes.zone_table, project.catalogue)
t = time.perf_counter(); inputs.rank(theme_weights={"levekar": 1.5}); first = time.perf_counter() - t
rng = np.random.default_rng(8)
names = sorted(set(inputs.themes.values()))
times = []
for _ in range(20):
    tw = {k: float(v) for k, v in zip(names, rng.uniform(0.2, 3.0, len(names)))}
    wt = {k: float(rng.uniform(0.5, 2.0)) for k in rng.choice(inputs.values.columns, 3)}
    t = time.perf_counter(); inputs.rank(weights=wt, theme_weights=tw)
    times.append(time.perf_counter() - t)
print(json.dumps({"first": first, "median": statistics.median(times), "max": max(times),
                  "zones": len(inputs.values)}), flush=True)
"""
