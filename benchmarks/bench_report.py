"""Plan report speed on the demo: assessment + map + PDF for one plan (target <= 3 s warm).

Run alone with ``python -m benchmarks.bench_report``; ``python -m benchmarks`` collects :func:`run`.

*Warm* means what a planner waits for after the app has computed its themes: the theme layers
(:func:`~ungtloft_map.core.pipeline.compute_themes`) and the transit network are in memory, the
plan file is read, assessed (residents, zones, levekår, green before/after, transit from the plan
centroid -- the travel-time cache is cleared so that this is routed afresh -- housing) and laid
out as an A4 PDF. *Cold* is a new process: load the project, compute the themes (the cluster
step's numba compile dominates on a first run), then the first report (which also loads the
GTFS network and imports matplotlib and WeasyPrint). When other benchmarks ran first in the same
process, the cold figure is lower than in a fresh process.
"""

from __future__ import annotations

import statistics
import sys
import time

TARGET_WARM_S = 3.0


def run() -> list[dict]:
    """Benchmark rows (see ``benchmarks/__main__.py``)."""
    from ungtloft_map.core.analysis.transit._cache import default_cache
    from ungtloft_map.core.pipeline import compute_themes
    from ungtloft_map.core.project import Project
    from ungtloft_map.core.workflows.plan import assess_plan
    from ungtloft_map.reports.plan_report import render_plan_report

    t0 = time.perf_counter()
    project = Project.demo()
    t1 = time.perf_counter()
    themes = compute_themes(project)
    t2 = time.perf_counter()
    plans = [p["path"] for p in project.plans]

    def report(path: str, fmt: str = "pdf") -> float:
        default_cache.clear()  # route from the plan centroid afresh, as for a new plan
        s = time.perf_counter()
        a = assess_plan(project, path, themes=themes)
        render_plan_report(a, fmt=fmt)
        return time.perf_counter() - s

    first = report(plans[0])
    t3 = time.perf_counter()
    warm = [report(p) for p in plans for _ in range(2)]
    html = [report(p, "html") for p in plans]
    cpu0 = time.process_time()
    report(plans[1])
    cpu = time.process_time() - cpu0
    med = statistics.median(warm)
    return [
        {"benchmark": "plan report PDF, warm (demo, median of 3 plans × 2)", "value": med, "unit": "s",
         "target": f"<= {TARGET_WARM_S:g} s {'OK' if med <= TARGET_WARM_S else 'SLOW'}"},
        {"benchmark": "plan report PDF, warm, slowest", "value": max(warm), "unit": "s",
         "target": f"<= {TARGET_WARM_S:g} s"},
        {"benchmark": "plan report PDF, warm, CPU time (plan B)", "value": cpu, "unit": "s",
         "target": "info (wall time on a loaded machine is higher)"},
        {"benchmark": "plan report HTML, warm (median)", "value": statistics.median(html), "unit": "s",
         "target": "info"},
        {"benchmark": "plan report: first PDF after themes (GTFS network, imports)", "value": first,
         "unit": "s", "target": "info"},
        {"benchmark": "plan report cold: load + themes + first PDF", "value": t3 - t0, "unit": "s",
         "target": f"info (load {t1 - t0:.1f} s, themes {t2 - t1:.1f} s)"},
    ]


if __name__ == "__main__":
    from benchmarks.__main__ import format_table

    print(format_table(run()))
    sys.exit(0)
