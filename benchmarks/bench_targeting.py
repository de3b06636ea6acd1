"""Target-area selection speed on the demo municipality (issue #8).

Run alone with ``python -m benchmarks.bench_targeting``; ``python -m benchmarks`` collects
:func:`run`. Setting up (loading the demo and computing the themes, the cluster step skipped)
is not timed.

Rows:

* weight change -> new ranking: :func:`rank_zones` with 20 different weightings after a first
  call (the baseline ranking is cached then, as in a panel with a slider); the median, target
  <= 200 ms. The first call, which also computes the baseline, is its own row.
* stability, 1,000 random weightings, top 10, for each index method; target < 1 s.
* a merged 3-zone candidate re-aggregated from counts, and 5 comparison zones (info).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np

from ungtloft_map.core.analysis import targeting as tg


def _ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000.0


def _setup():
    from ungtloft_map.core.pipeline import AnalysisSettings, compute_themes
    from ungtloft_map.core.project import Project

    project = Project.demo()
    themes = compute_themes(project, settings=AnalysisSettings(cluster_column=""))
    return project, themes


def run() -> list[dict]:
    """Benchmark rows ``{"benchmark", "value", "unit", "target"}``."""
    project, themes = _setup()
    zt = themes.zone_table
    inputs = tg.index_inputs(zt, project.catalogue)
    n = len(inputs.values)
    rows: list[dict] = []

    tg.ranking._BASELINE_CACHE.clear()
    first = _ms(lambda: inputs.rank(theme_weights={"levekar": 1.5}))
    rows.append({"benchmark": f"targeting: first ranking incl. baseline (demo, {n} zones)",
                 "value": first, "unit": "ms", "target": "info"})
    rng = np.random.default_rng(8)
    themes_ = sorted(set(inputs.themes.values()))
    times = []
    for _ in range(20):
        tw = {t: float(w) for t, w in zip(themes_, rng.uniform(0.2, 3.0, len(themes_)))}
        w = {k: float(rng.uniform(0.5, 2.0)) for k in rng.choice(inputs.values.columns, 3)}
        times.append(_ms(lambda tw=tw, w=w: inputs.rank(weights=w, theme_weights=tw)))
    rows.append({"benchmark": f"targeting: weight change -> new ranking, median of 20 (demo, "
                              f"{n} zones)",
                 "value": statistics.median(times), "unit": "ms", "target": "<= 200 ms"})
    rows.append({"benchmark": "targeting: weight change -> new ranking, slowest of 20",
                 "value": max(times), "unit": "ms", "target": "info"})

    for method in ("percentile", "zscore", "ratio"):
        inputs.stability(method=method, top_n=10, draws=50)  # imports and first-call costs
        t = min(_ms(lambda m=method: inputs.stability(method=m, top_n=10, draws=1000))
                for _ in range(3))
        rows.append({"benchmark": f"targeting: stability 1,000 draws, top 10, {method} (demo)",
                     "value": t, "unit": "ms", "target": "< 1000 ms"})

    ranking = inputs.rank()
    top = ranking.table.index[0]
    adj = tg.adjacency(zt.gdf, None)
    cand = tg.Candidate("bench", [top, *sorted(adj[top])[:2]])
    weights = tg.queen_weights(zt.gdf)
    t = min(_ms(lambda: tg.aggregate_candidate(zt, cand, project.catalogue, weights=weights,
                                               cells=themes.transit.cells))
            for _ in range(3))
    rows.append({"benchmark": "targeting: 3-zone candidate re-aggregated from counts (demo)",
                 "value": t, "unit": "ms", "target": "info"})
    keys = [k for k in ("low_income", "neet", "child_low_income", "green_covered_pct")
            if k in zt.gdf.columns]
    t = min(_ms(lambda: tg.comparison_zones(zt, cand, keys, k=5, weights=weights,
                                            cells=themes.transit.cells))
            for _ in range(3))
    rows.append({"benchmark": "targeting: 5 comparison zones for a 3-zone target (demo)",
                 "value": t, "unit": "ms", "target": "info"})
    return rows


if __name__ == "__main__":  # pragma: no cover
    from benchmarks.__main__ import format_table

    print(format_table(run()))
