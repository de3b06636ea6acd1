"""Composite index + burden flags + LISA speed: the demo municipality and a 250 m grid.

Run alone with ``python -m benchmarks.bench_clusters``; ``python -m benchmarks`` collects
:func:`run`. Reading files is not timed. esda's permutation kernel is compiled by numba on the
first call in a process (it is not cached on disk), so the first call is reported on its own
row ("cold") and the targets apply to warm calls (best of a few runs).

Inputs: ``geodata/demo/fjordvik.gpkg`` layer ``zones`` and ``indicators.csv`` (latest year,
rates = count / denominator x 100) when they exist, else a seeded synthetic 50-zone Voronoi
layer; a seeded synthetic 71 x 71 = 5,041-cell 250 m grid.

``UNGTLOFT_BENCH_PARALLEL=1`` adds rows for esda's ``n_jobs=-1`` (joblib worker processes).
They are off by default because each worker compiles the numba kernels again, which takes
minutes on the first call; they are what the choice of ``n_jobs=1`` in ``clusters.py`` rests on.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ungtloft_map.core.analysis.clusters import local_moran, spatial_weights
from ungtloft_map.core.analysis.index import burden_flags, composite_index

ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = ROOT / "geodata" / "demo"
CATALOGUE = ROOT / "ungtloft_map" / "core" / "data" / "catalogue.json"
CRS = "EPSG:25832"
X0, Y0 = 560_000.0, 7_020_000.0


def _time(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _best_of(fn: Callable[[], object], repeat: int) -> float:
    return min(_time(fn) for _ in range(repeat))


def _catalogue() -> tuple[dict[str, str], dict[str, str]]:
    entries = json.loads(CATALOGUE.read_text("utf-8"))["indicators"]
    return {e["key"]: e["direction"] for e in entries}, {e["key"]: e["theme"] for e in entries}


def _demo() -> tuple[gpd.GeoDataFrame, pd.DataFrame, str] | None:
    """Demo zones (index zone_id) and the latest year's rates, or None when absent."""
    gpkg, csv = DEMO_DIR / "fjordvik.gpkg", DEMO_DIR / "indicators.csv"
    if not (gpkg.exists() and csv.exists()):
        return None
    zones = gpd.read_file(gpkg, layer="zones").set_index("zone_id")
    table = pd.read_csv(csv, dtype={"zone_id": str})
    table = table[table["year"] == table["year"].max()].set_index("zone_id")
    directions, _ = _catalogue()
    rates = pd.DataFrame(
        {
            k: 100.0 * table[f"{k}_count"] / table[f"{k}_denom"].replace(0, np.nan)
            for k in directions
            if f"{k}_count" in table
        }
    )
    return zones, rates.reindex(zones.index), "demo"


def _synthetic_zones(n: int = 50, seed: int = 42) -> tuple[gpd.GeoDataFrame, pd.DataFrame, str]:
    """Seeded Voronoi zones over 8 x 8 km with spatially smooth random indicator rates."""
    rng = np.random.default_rng(seed)
    pts = rng.uniform([X0, Y0], [X0 + 8000, Y0 + 8000], (n, 2))
    frame = shapely.box(X0, Y0, X0 + 8000, Y0 + 8000)
    cells = shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=frame)
    polys = shapely.intersection(np.asarray(shapely.get_parts(cells)), frame)
    ids = [f"{i:04d}" for i in range(len(polys))]
    zones = gpd.GeoDataFrame(geometry=polys, crs=CRS, index=pd.Index(ids, name="zone_id"))
    directions, _ = _catalogue()
    cx = zones.centroid.x.to_numpy()
    base = (cx - cx.min()) / np.ptp(cx)  # an east-west gradient of disadvantage
    rates = pd.DataFrame(
        {k: 10 + 20 * base + rng.normal(0, 3, len(zones)) for k in directions}, index=zones.index
    )
    return zones, rates, "synthetic Voronoi"


def _grid(n_side: int = 71, seed: int = 1) -> tuple[gpd.GeoDataFrame, pd.Series]:
    """A 250 m grid with a smooth field plus noise (so that LISA has clusters to find)."""
    rng = np.random.default_rng(seed)
    c, r = np.meshgrid(np.arange(n_side), np.arange(n_side))
    c, r = c.ravel(), r.ravel()
    geoms = shapely.box(X0 + c * 250, Y0 + r * 250, X0 + (c + 1) * 250, Y0 + (r + 1) * 250)
    ids = [f"{i}" for i in range(len(geoms))]
    grid = gpd.GeoDataFrame(geometry=geoms, crs=CRS, index=pd.Index(ids))
    field = np.sin(c / 9.0) + np.cos(r / 7.0) + rng.normal(0, 0.7, len(c))
    return grid, pd.Series(field, index=grid.index, name="field")


def run() -> list[dict]:
    """Benchmark rows ``{"benchmark", "value", "unit", "target"}``."""
    rows: list[dict] = []
    directions, themes = _catalogue()
    zones, rates, source = _demo() or _synthetic_zones()
    n = len(zones)

    def recompute() -> None:
        res = composite_index(rates, directions, themes, method="zscore")
        burden_flags(rates, directions, themes)
        local_moran(res.scores, w, permutations=999, seed=12345)

    t_w = _time(lambda: spatial_weights(zones))
    w = spatial_weights(zones)
    cold = _time(recompute)  # includes numba compiling esda's permutation kernel
    rows.append(
        {
            "benchmark": f"clusters: first recompute incl. numba compile ({source}, {n} zones)",
            "value": cold,
            "unit": "s",
            "target": "info (once per process)",
        }
    )
    rows.append(
        {
            "benchmark": f"clusters: queen weights ({source}, {n} zones)",
            "value": t_w,
            "unit": "s",
            "target": "info",
        }
    )
    rows.append(
        {
            "benchmark": f"clusters: index+flags+LISA 999 perm, warm ({source}, {n} zones)",
            "value": _best_of(recompute, 5),
            "unit": "s",
            "target": "<= 0.5 s",
        }
    )
    for method in ("percentile", "zscore", "ratio"):
        rows.append(
            {
                "benchmark": f"clusters: composite_index {method} ({n} zones)",
                "value": _best_of(
                    lambda m=method: composite_index(rates, directions, themes, method=m), 5
                ),
                "unit": "s",
                "target": "info",
            }
        )

    grid, field = _grid()
    t_gw = _time(lambda: spatial_weights(grid))
    gw = spatial_weights(grid)
    rows.append(
        {
            "benchmark": f"clusters: queen weights, 250 m grid ({len(grid)} cells)",
            "value": t_gw,
            "unit": "s",
            "target": "info",
        }
    )
    first = _time(lambda: local_moran(field, gw, permutations=999, n_jobs=1))
    rows.append(
        {
            "benchmark": f"clusters: LISA 999 perm, {len(grid)} cells, first call",
            "value": first,
            "unit": "s",
            "target": "info",
        }
    )
    rows.append(
        {
            "benchmark": f"clusters: LISA 999 perm, {len(grid)} cells, warm",
            "value": _best_of(lambda: local_moran(field, gw, permutations=999, n_jobs=1), 3),
            "unit": "s",
            "target": "<= 5 s",
        }
    )
    if os.environ.get("UNGTLOFT_BENCH_PARALLEL") == "1":
        rows.extend(_parallel_rows(field, gw, w, rates, directions, themes))
    return rows


def _parallel_rows(field, gw, w, rates, directions, themes) -> list[dict]:
    """The same LISA runs with ``n_jobs=-1`` (all cores, joblib processes)."""
    scores = composite_index(rates, directions, themes, method="zscore").scores
    rows = []
    cases = [
        (f"{len(gw.ids)} cells", lambda: local_moran(field, gw, permutations=999, n_jobs=-1)),
        (f"{len(w.ids)} zones", lambda: local_moran(scores, w, permutations=999, n_jobs=-1)),
    ]
    for what, fn in cases:
        first = _time(fn)
        warm = _best_of(fn, 3)
        for label, value in (("first", first), ("warm", warm)):
            rows.append(
                {
                    "benchmark": f"clusters: LISA 999 perm, {what}, n_jobs=-1, {label}",
                    "value": value,
                    "unit": "s",
                    "target": "info",
                }
            )
    return rows


if __name__ == "__main__":
    from benchmarks.__main__ import format_table

    print(format_table(run()))
