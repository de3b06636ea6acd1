"""Green-structure coverage speed: the demo municipality and a synthetic stress case.

Run alone with ``python -m benchmarks.bench_green``; ``python -m benchmarks`` collects :func:`run`.
Times are the best of a few runs of :func:`~ungtloft_map.core.analysis.green.green_coverage`
(reading files is not timed).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from ungtloft_map.core.analysis.green import green_coverage

ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = ROOT / "geodata" / "demo"
CRS = "EPSG:25832"


def _best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _demo_layers() -> dict[str, gpd.GeoDataFrame] | None:
    manifest = DEMO_DIR / "manifest.json"
    if not manifest.exists():
        return None
    layers = json.loads(manifest.read_text("utf-8"))["layers"]
    out = {}
    for role in ("population", "green_areas", "zones", "roads"):
        if role in layers:
            spec = layers[role]
            out[role] = gpd.read_file(DEMO_DIR / spec["path"], layer=spec.get("layer"))
    return out


def _stress_layers(n_points: int = 100_000, n_green: int = 10_000, seed: int = 42):
    """Seeded synthetic layers: points over 40 x 40 km, parks of 20-150 m, 30 % split in two."""
    rng = np.random.default_rng(seed)
    x0, y0, size = 560_000.0, 7_020_000.0, 40_000.0
    pts = shapely.points(rng.uniform([x0, y0], [x0 + size, y0 + size], (n_points, 2)))
    population = gpd.GeoDataFrame({"population": rng.integers(0, 60, n_points)}, geometry=pts, crs=CRS)
    n_split = int(n_green * 0.3) // 2
    n_whole = n_green - 2 * n_split
    c = rng.uniform([x0, y0], [x0 + size, y0 + size], (n_whole + n_split, 2))
    wh = rng.uniform(20, 150, (n_whole + n_split, 2))
    whole = shapely.box(c[:n_whole, 0], c[:n_whole, 1], c[:n_whole, 0] + wh[:n_whole, 0],
                        c[:n_whole, 1] + wh[:n_whole, 1])
    cs, ws = c[n_whole:], wh[n_whole:]
    # Touching parcel pairs: only their union may pass the size test.
    left = shapely.box(cs[:, 0], cs[:, 1], cs[:, 0] + ws[:, 0], cs[:, 1] + ws[:, 1])
    right = shapely.box(cs[:, 0] + ws[:, 0], cs[:, 1], cs[:, 0] + 2 * ws[:, 0], cs[:, 1] + ws[:, 1])
    geoms = np.concatenate([whole, left, right])
    kinds = rng.choice(["park", "forest", "sports", "playground"], len(geoms), p=[0.6, 0.1, 0.2, 0.1])
    green = gpd.GeoDataFrame({"kind": kinds}, geometry=geoms, crs=CRS)
    step = size / 7
    zx, zy = np.meshgrid(np.arange(7) * step + x0, np.arange(7) * step + y0)
    zx, zy = zx.ravel(), zy.ravel()
    zones = gpd.GeoDataFrame({"zone_id": [f"{i:04d}" for i in range(len(zx))]},
                             geometry=shapely.box(zx, zy, zx + step, zy + step), crs=CRS)
    return population, green, zones


def run() -> list[dict]:
    """Benchmark rows ``{"benchmark", "value", "unit", "target"}``."""
    rows: list[dict] = []
    demo = _demo_layers()
    if demo is not None:
        pop, green, zones = demo["population"], demo["green_areas"], demo["zones"]
        for key in ("ssb_rekreasjon", "who"):
            t = _best_of(lambda key=key: green_coverage(pop, green, zones, key), 3)
            rows.append({"benchmark": f"green_coverage demo ({key}, {len(pop):,} cells, "
                         f"{len(green):,} green polygons)",
                         "value": round(t, 4), "unit": "s", "target": "<= 0.5 s"})
        if "roads" in demo:
            roads = demo["roads"]
            t = _best_of(lambda: green_coverage(pop, green, zones, network=roads), 3)
            rows.append({"benchmark": f"green_coverage demo network ({len(roads):,} road lines)",
                         "value": round(t, 4), "unit": "s", "target": "-"})
    else:
        rows.append({"benchmark": "green_coverage demo (geodata/demo missing: not run)",
                     "value": float("nan"), "unit": "s", "target": "<= 0.5 s"})

    pop, green, zones = _stress_layers()
    t = _best_of(lambda: green_coverage(pop, green, zones), 2)
    rows.append({"benchmark": "green_coverage stress (100,000 points, 10,000 green polygons)",
                 "value": round(t, 4), "unit": "s", "target": "<= 5 s"})
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['benchmark']:<75} {row['value']:>9.4f} {row['unit']:<3} target {row['target']}")
