"""Cold-process goals of issue 15 on the demo (scale 1): every figure is a fresh process.

Rows (best / median of 5 fresh processes; see ``benchmarks/_cold.py`` for how and the cache
states "empty cache" = first start on a dataset, "cached" = every later start):

* ``report --plan plan_a_boligfelt.geojson --out r.pdf``  (goal <= 3 s)
* ``export-zones --themes``  (goal <= 3 s)
* themes in a fresh process with and without the cluster step (``compute_clusters``), which
  separates the cluster permutations' cost (esda's numba compile) from the rest
* ``transit-matrix`` 2,000 x 20 x 120 on the real AtB feed, whole process (goal <= 1.5 s;
  "not run" without ``../shared``)
* the window: process start -> first zone map painted (goal <= 2.5 s) and -> themes ready
  (goal <= 5 s), plus the indicator switch there (goal <= 300 ms)
* ranking after a weight change (goal <= 200 ms)

Run alone with ``python -m benchmarks cold``; ``bench_scale4`` gives the same rows for a town
four times the size. ``UNGTLOFT_BENCH_REPEAT=1`` for a quick look.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks import _cold as c

SCALE = 1


def suite(scale: int, goals: dict[str, float]) -> list[dict]:
    """Every cold-process row for the town at ``scale`` against ``goals`` (seconds / MB)."""
    folder = c.scaled_demo(scale)
    tag = f"scale {scale}"
    rows: list[dict] = []
    peak = 0.0
    out = Path(tempfile.mkdtemp(prefix="ungtloft-bench-out-"))
    project = [] if scale == 1 else ["--project", str(folder)]
    plan = str(folder / "plans" / "plan_a_boligfelt.geojson")

    def both(name: str, argv, goal_key: str, value=None) -> None:
        nonlocal peak
        for cached in (False, True):
            state = "cached" if cached else "empty cache"
            try:
                figs, mb = c.measure(argv, cached=cached, value=value)
            except Exception as exc:  # noqa: BLE001 - one broken figure must not hide the rest
                rows.append(c.failed(f"{name} ({tag}, {state})", exc))
                continue
            rows.append(c.row(f"{name} ({tag}, {state})", figs, goals.get(goal_key)))
            peak = max(peak, mb)

    both("report --plan plan_a -> PDF, whole process",
         c.cli("report", *project, "--plan", plan, "--out", str(out / "r.pdf")), "report")
    both("export-zones --themes, whole process",
         c.cli("export-zones", *project, "--themes", "--out", str(out / "z.gpkg")), "export")
    for clusters in ("1", "0"):
        what = "with" if clusters == "1" else "without"
        try:
            figs, mb = c.measure(c.python(c.THEMES, str(folder), clusters), cached=True,
                                 value=lambda r: c.parse_json(r)["themes"])
        except Exception as exc:  # noqa: BLE001
            rows.append(c.failed(f"themes in a fresh process, {what} clusters ({tag})", exc))
            continue
        rows.append(c.row(f"themes in a fresh process, {what} clusters ({tag}, cached)", figs,
                          goals.get("themes_headless") if clusters == "1" else None))
        peak = max(peak, mb)

    for cached in (False, True):
        state = "cached" if cached else "empty cache"
        runs: list[dict] = []

        def value(run, runs=runs):
            got = c.parse_json(run)
            missing = {"first_map", "themes", "switch_median"} - set(got)
            if missing:
                raise RuntimeError(f"the window never reported {sorted(missing)}: "
                                   f"{run.err.strip()[-400:]}")
            runs.append(got | {"t0": run.started})
            return 0.0

        try:
            _, mb = c.measure(c.python(c.WINDOW, "-" if scale == 1 else str(folder), "10"),
                              cached=cached, value=value)
        except Exception as exc:  # noqa: BLE001
            rows.append(c.failed(f"window ({tag}, {state})", exc))
            continue
        peak = max(peak, mb)
        rows.append(c.row(f"window: start -> first zone map painted ({tag}, {state})",
                          [r["first_map"] - r["t0"] for r in runs], goals.get("first_map")))
        rows.append(c.row(f"window: start -> themes ready ({tag}, {state})",
                          [r["themes"] - r["t0"] for r in runs], goals.get("themes")))
        rows.append(c.row(f"window: of which compute_themes steps in the worker ({tag}, {state})",
                          [sum(r["theme_steps"].values()) for r in runs], None))
        if cached:
            rows.append(c.row(f"window: indicator switch, median of 10 ({tag})",
                              [r["switch_median"] * 1000 for r in runs], goals.get("switch_ms"),
                              unit="ms"))

    try:
        figs, mb = c.measure(c.python(c.RANKING, str(folder)), cached=True,
                             value=lambda r: c.parse_json(r)["median"] * 1000)
        rows.append(c.row(f"ranking after a weight change, median of 20 ({tag})", figs,
                          goals.get("ranking_ms"), unit="ms"))
        peak = max(peak, mb)
    except Exception as exc:  # noqa: BLE001
        rows.append(c.failed(f"ranking after a weight change ({tag})", exc))
    rows.append(c.mem_row(f"peak memory of any child above ({tag}; window: Python process only)",
                          peak, goals.get("memory_mb")))
    return rows


def transit_matrix_rows() -> list[dict]:
    """``transit-matrix`` 2,000 x 20 x 120 on the AtB feed, whole process (needs ../shared)."""
    points = c.atb_points()
    if points is None:
        return [{"benchmark": "transit-matrix AtB (../shared/data absent: not run)", "value": "-",
                 "unit": "", "target": "<= 1.5 s"}]
    origins, dests = points
    out = Path(tempfile.mkdtemp(prefix="ungtloft-bench-out-")) / "m.csv"
    argv = c.cli("transit-matrix", "--gtfs", str(c.ATB_FEED), "--origins", str(origins),
                 "--destinations", str(dests), "--out", str(out))
    rows = []
    for cached in (False, True):
        state = "cached" if cached else "empty cache"
        try:
            figs, _ = c.measure(argv, cached=cached)
        except Exception as exc:  # noqa: BLE001
            rows.append(c.failed(f"transit-matrix AtB ({state})", exc))
            continue
        rows.append(c.row(f"transit-matrix AtB 2,000 x 20 x 120, whole process ({state})", figs,
                          1.5))
    return rows


GOALS = {"report": 3.0, "export": 3.0, "first_map": 2.5, "themes": 5.0, "switch_ms": 300.0,
         "ranking_ms": 200.0}


def run() -> list[dict]:
    """Benchmark rows (see ``benchmarks/__main__.py``)."""
    return transit_matrix_rows() + suite(SCALE, GOALS)


if __name__ == "__main__":
    from benchmarks.__main__ import format_table

    print(format_table(run()))
    sys.exit(0)
