"""The cluster step in a fresh process: Local Moran + Gi* + bivariate LISA, 999 permutations.

Every figure is measured in a new Python process (``subprocess``), because what issue 15 asks
about is the cost a user pays on every start: a JIT compile that is not kept would be paid again
by each process. Each row is the best and the median of 5 processes (a warm OS file cache, a
cold Python). Run alone with ``python -m benchmarks.bench_clusters``; ``python -m benchmarks``
collects :func:`run`.

Rows
----
* ``import ungtloft_map.core.analysis.clusters`` -- the import alone (``python -c``-style).
* cluster step on the demo zones (``geodata/demo``, 50 zones; a seeded synthetic 50-zone
  Voronoi layer when the demo is absent): queen weights, Local Moran, Gi* and bivariate LISA
  with 999 conditional permutations, seed 12345. Reading the data and importing the modules
  are not in the figure; everything the first statistic compiles or loads lazily is.
* the same on a seeded 71 x 71 = 5,041-cell 250 m grid (queen), and on 110 x 110 = 12,100
  cells (the populated cells of a city four times Trondheim, issue 15 point 6; info only).

Targets (issue 15, point 1): demo <= 0.3 s, grid <= 3 s.

Measured on the shared 2-core machine (best / median of 5 fresh processes; ranges over three
runs at different load), 2026-12-04:

=========================  =====================================  ==========================
what                       esda 2.9 + numba (before)              own numpy kernels (after)
=========================  =====================================  ==========================
import clusters            1.32 / 1.59 s (imports esda, libpysal)  0.6-1.5 / 0.7-1.6 s (none)
step, 50 demo zones        8.93 / 11.59 s (numba compile)          0.025-0.04 / 0.06 s
step, 5,041-cell grid      13.64 / 19.40 s                         0.70-1.02 / 0.96-1.79 s
step, 12,100-cell grid     -                                       1.91 / 2.05 s
=========================  =====================================  ==========================

``python -m benchmarks.bench_clusters --child demo|grid|grid4|import`` is the child process; it prints
one JSON line of seconds.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = ROOT / "geodata" / "demo"
CRS = "EPSG:25832"
X0, Y0 = 560_000.0, 7_020_000.0
REPEAT = 5
PERMUTATIONS = 999
SEED = 12345


# --------------------------------------------------------------------------------------------
# Inputs (built in the child, not timed)
# --------------------------------------------------------------------------------------------
def _demo_inputs():
    """Demo zones and two rates (low income, NEET), or a synthetic layer when absent."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    gpkg, csv = DEMO_DIR / "fjordvik.gpkg", DEMO_DIR / "indicators.csv"
    if gpkg.exists() and csv.exists():
        zones = gpd.read_file(gpkg, layer="zones").set_index("zone_id")
        table = pd.read_csv(csv, dtype={"zone_id": str})
        table = table[table["year"] == table["year"].max()].set_index("zone_id")
        x = 100.0 * table["low_income_count"] / table["low_income_denom"].replace(0, np.nan)
        y = 100.0 * table["neet_count"] / table["neet_denom"].replace(0, np.nan)
        return zones, x.reindex(zones.index).rename("low_income"), y.reindex(zones.index).rename("neet")
    import shapely

    rng = np.random.default_rng(42)
    pts = rng.uniform([X0, Y0], [X0 + 8000, Y0 + 8000], (50, 2))
    frame = shapely.box(X0, Y0, X0 + 8000, Y0 + 8000)
    cells = shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=frame)
    polys = shapely.intersection(np.asarray(shapely.get_parts(cells)), frame)
    zones = gpd.GeoDataFrame(geometry=polys, crs=CRS,
                             index=pd.Index([f"{i:04d}" for i in range(len(polys))], name="zone_id"))
    cx = zones.centroid.x.to_numpy()
    base = (cx - cx.min()) / np.ptp(cx)
    x = pd.Series(10 + 20 * base + rng.normal(0, 3, len(zones)), index=zones.index, name="x")
    y = pd.Series(5 + 10 * base + rng.normal(0, 3, len(zones)), index=zones.index, name="y")
    return zones, x, y


def _grid_inputs(n_side: int = 71, seed: int = 1):
    """A 250 m grid with a smooth field plus noise (so that LISA has clusters to find)."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    rng = np.random.default_rng(seed)
    c, r = np.meshgrid(np.arange(n_side), np.arange(n_side))
    c, r = c.ravel(), r.ravel()
    geoms = shapely.box(X0 + c * 250, Y0 + r * 250, X0 + (c + 1) * 250, Y0 + (r + 1) * 250)
    grid = gpd.GeoDataFrame(geometry=geoms, crs=CRS, index=pd.Index([str(i) for i in range(len(c))]))
    x = np.sin(c / 9.0) + np.cos(r / 7.0) + rng.normal(0, 0.7, len(c))
    y = np.sin(c / 9.0 + 0.5) + rng.normal(0, 0.7, len(c))
    return grid, pd.Series(x, index=grid.index, name="x"), pd.Series(y, index=grid.index, name="y")


def _child(case: str) -> dict:
    if case == "import":
        t0 = time.perf_counter()
        import ungtloft_map.core.analysis.clusters  # noqa: F401

        return {"seconds": time.perf_counter() - t0,
                "esda_imported": "esda" in sys.modules, "numba_imported": "numba" in sys.modules}
    if case == "demo":
        zones, x, y = _demo_inputs()
    else:  # "grid": 71 x 71 = 5,041 cells; "grid4": 110 x 110 = 12,100 (a city 4x Trondheim)
        zones, x, y = _grid_inputs(110 if case == "grid4" else 71)
    from ungtloft_map.core.analysis import clusters as cl

    t0 = time.perf_counter()
    w = cl.spatial_weights(zones)
    t1 = time.perf_counter()
    cl.local_moran(x, w, permutations=PERMUTATIONS, seed=SEED)
    t2 = time.perf_counter()
    cl.getis_ord(x, w, permutations=PERMUTATIONS, seed=SEED)
    t3 = time.perf_counter()
    cl.bivariate_local_moran(x, y, w, permutations=PERMUTATIONS, seed=SEED)
    t4 = time.perf_counter()
    return {"seconds": t4 - t0, "weights": t1 - t0, "local_moran": t2 - t1, "getis_ord": t3 - t2,
            "bivariate": t4 - t3, "n": len(zones), "esda_imported": "esda" in sys.modules,
            "numba_imported": "numba" in sys.modules}


# --------------------------------------------------------------------------------------------
# Parent: one fresh process per measurement
# --------------------------------------------------------------------------------------------
def measure(case: str, repeat: int = REPEAT) -> list[dict]:
    """Run the child ``case`` in ``repeat`` fresh processes; their JSON results."""
    out = []
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_clusters", "--child", case],
                              capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
        if proc.returncode != 0:
            raise RuntimeError(f"bench child {case!r} failed: {proc.stderr[-800:]}")
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def _row(name: str, results: list[dict], target: str, key: str = "seconds") -> dict:
    vals = [r[key] for r in results]
    return {"benchmark": f"{name} (best of {len(vals)})", "value": min(vals), "unit": "s",
            "target": target, "median": statistics.median(vals)}


def run() -> list[dict]:
    """Benchmark rows ``{"benchmark", "value", "unit", "target"}`` (best and median of 5)."""
    rows: list[dict] = []
    imp = measure("import")
    rows.append(_row("clusters: import ungtloft_map.core.analysis.clusters, fresh process", imp,
                     "info (no esda)" if not imp[0]["esda_imported"] else "info (imports esda)"))
    for case, target in (("demo", "<= 0.3 s"), ("grid", "<= 3 s"), ("grid4", "info (scale 4)")):
        res = measure(case)
        what = f"{res[0]['n']} zones" if case == "demo" else f"{res[0]['n']}-cell grid"
        rows.append(_row(f"clusters: weights+LISA+Gi*+BV LISA, 999 perm, fresh process, {what}",
                         res, target))
        if case == "grid4":
            continue
        for part in ("weights", "local_moran", "getis_ord", "bivariate"):
            rows.append(_row(f"clusters:   of which {part}, {what}", res, "info", key=part))
    for r in rows:  # the median goes into the target column so that format_table shows it
        r["target"] = f"{r['target']}; median {r.pop('median'):.3f} s"
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2])))
    else:
        from benchmarks.__main__ import format_table

        print(format_table(run()))
