"""Transit travel-time speed on the real AtB feed (../shared/data; rows say "not run" without it).

Run alone with ``python -m benchmarks.bench_transit``; ``python -m benchmarks`` collects :func:`run`.

* feed load (``load_gtfs``) and preparation (``prepare_network``) of the 07:00-09:00 window;
* a matrix of 2,000 origins × 20 destinations × 120 departure minutes with the fast kernel
  (origins: random points within the Trondheim kommune boundary, within ~300 m of a stop;
  destinations: random stops), and the same with the reference kernel on a sample of origins,
  extrapolated linearly (its cost is proportional to the number of origins);
* the second, cached call; one isochrone (15/30/45 min) from Trondheim sentrum.

Seeds are fixed; times are the best of a few runs after a warm-up (numba compiles once and
caches the machine code on disk).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from ungtloft_map.core.analysis.transit import compute_matrix, prepare_network
from ungtloft_map.core.analysis.transit._cache import default_cache
from ungtloft_map.core.analysis.transit.access import transit_access
from ungtloft_map.core.analysis.transit.isochrone import isochrones
from ungtloft_map.core.io.gtfs import load_gtfs

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UNGTLOFT_SHARED_DATA", ROOT.parent / "shared" / "data"))
FEED = SHARED / "trondheim" / "atb_entur_gtfs_2020-12-14.zip"
BORDER = SHARED / "trondheim" / "trondheim_5001_kommunegrense.geojson"
DEMO = ROOT / "geodata" / "demo"
N_ORIGINS, N_DEST, N_REF = 2000, 20, 40


@contextlib.contextmanager
def _cache_dir(value: str):
    """Point the cross-process cache (``UNGTLOFT_CACHE_DIR``) at ``value`` for a while."""
    old = os.environ.get("UNGTLOFT_CACHE_DIR")
    os.environ["UNGTLOFT_CACHE_DIR"] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("UNGTLOFT_CACHE_DIR", None)
        else:
            os.environ["UNGTLOFT_CACHE_DIR"] = old


def _best_of(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def sample_points(net, n_origins: int = N_ORIGINS, n_dest: int = N_DEST, seed: int = 7):
    """Random origins near stops inside the kommune boundary, and random stops as destinations."""
    area = gpd.read_file(BORDER).to_crs(25832).geometry.union_all()
    stops = net.stop_xy[net.active_stops]
    inside = stops[shapely.contains_xy(area, stops[:, 0], stops[:, 1])]
    rng = np.random.default_rng(seed)
    origins = np.empty((0, 2))
    while len(origins) < n_origins:
        cand = inside[rng.integers(0, len(inside), n_origins)] + rng.normal(0, 300,
                                                                           (n_origins, 2))
        cand = cand[shapely.contains_xy(area, cand[:, 0], cand[:, 1])]
        origins = np.vstack([origins, cand])[:n_origins]
    dests = inside[rng.choice(len(inside), n_dest, replace=False)]
    return origins, dests


def _demo_rows() -> list[dict]:
    """Access measures on the fictional demo (load + prepare + all four measures)."""
    gpkg, feed = DEMO / "fjordvik.gpkg", DEMO / "gtfs.zip"
    if not gpkg.is_file() or not feed.is_file():
        return [{"benchmark": "transit_access demo (geodata/demo missing: not run)",
                 "value": float("nan"), "unit": "s", "target": "-"}]
    cells = gpd.read_file(gpkg, layer="population")
    dests = gpd.read_file(gpkg, layer="destinations")

    def once():
        default_cache.clear()
        net = prepare_network(load_gtfs(feed), "07:00-09:00")
        return transit_access(net, cells, dests)

    with _cache_dir("off"):
        once()
        t, _ = _best_of(once, 2)
    return [{"benchmark": f"transit_access demo (load feed + {len(cells):,} cells, 4 measures)",
             "value": round(t, 3), "unit": "s", "target": "-"}]


def run() -> list[dict]:
    """Benchmark rows ``{"benchmark", "value", "unit", "target"}``."""
    rows: list[dict] = _demo_rows()
    if not FEED.is_file() or not BORDER.is_file():
        return rows + [{"benchmark": "transit (real AtB feed missing: not run)",
                        "value": float("nan"), "unit": "s", "target": "-"}]
    with _cache_dir("off"):  # parsing, not the cross-process cache (core/cache.py)
        load_gtfs(FEED)  # warm-up: numba compile / disk cache, OS file cache
        t_load, day = _best_of(lambda: load_gtfs(FEED), 2)
    rows.append({"benchmark": f"transit load AtB GTFS ({day.date}, {day.n_trips:,} trips, "
                 f"{len(day.ev_trip):,} stop events)", "value": round(t_load, 3), "unit": "s",
                 "target": "-"})
    with tempfile.TemporaryDirectory() as tmp, _cache_dir(tmp):
        load_gtfs(FEED)  # parses and writes the entry
        t_hit, _ = _best_of(lambda: load_gtfs(FEED), 3)
    rows.append({"benchmark": "transit load AtB GTFS from the cross-process cache",
                 "value": round(t_hit, 3), "unit": "s", "target": "-"})
    t_prep, net = _best_of(lambda: prepare_network(day, "07:00-09:00"), 3)
    rows.append({"benchmark": f"transit prepare 07:00-09:00 ({len(net.c_dep):,} connections, "
                 f"{len(net.fp_to):,} footpaths)", "value": round(t_prep, 3), "unit": "s",
                 "target": "-"})
    origins, dests = sample_points(net)
    label = f"{len(origins):,} x {len(dests)} x {len(net.minutes)} min"
    compute_matrix(net, origins[:50], dests, cache=False)  # warm-up
    t_fast, fast = _best_of(lambda: compute_matrix(net, origins, dests, cache=False), 2)
    rows.append({"benchmark": f"transit matrix fast kernel ({label}, {os.cpu_count()} cores)",
                 "value": round(t_fast, 3), "unit": "s", "target": "<= 10 s"})
    t_fast1, _ = _best_of(lambda: compute_matrix(net, origins, dests, cache=False, threads=1), 1)
    rows.append({"benchmark": f"transit matrix fast kernel, 1 thread ({label})",
                 "value": round(t_fast1, 3), "unit": "s", "target": "-"})
    sub = origins[:N_REF]
    t_ref, ref = _best_of(lambda: compute_matrix(net, sub, dests, kernel="reference",
                                                 keep_minutes=True, cache=False), 1)
    t_ref_full = t_ref * len(origins) / len(sub)
    rows.append({"benchmark": f"transit matrix reference kernel (measured on {len(sub)} origins, "
                 f"extrapolated to {len(origins):,})", "value": round(t_ref_full, 1), "unit": "s",
                 "target": "-"})
    rows.append({"benchmark": "transit matrix reference / fast time ratio",
                 "value": round(t_ref_full / t_fast, 1), "unit": "x", "target": "-"})
    same = compute_matrix(net, sub, dests, keep_minutes=True, cache=False)
    rows.append({"benchmark": f"transit fast == reference on the {len(sub)}-origin sample "
                 "(1 = identical to the second)",
                 "value": float(np.array_equal(same.seconds, ref.seconds)), "unit": "bool",
                 "target": "1"})
    rows.append({"benchmark": "transit matrix share of origin-destination pairs with a p50",
                 "value": round(float(np.isfinite(fast.p50).mean()), 3), "unit": "share",
                 "target": "-"})
    default_cache.clear()
    compute_matrix(net, origins, dests)
    t_hit, _ = _best_of(lambda: compute_matrix(net, origins, dests), 3)
    rows.append({"benchmark": f"transit matrix second call, cached ({label})",
                 "value": round(t_hit, 4), "unit": "s", "target": "instant"})
    centre = (10.3951, 63.4305)
    isochrones(net, centre, crs=4326)  # warm-up
    t_iso, iso = _best_of(lambda: isochrones(net, centre, crs=4326), 3)
    areas = ", ".join(f"{m}: {a:.0f} km²" for m, a in zip(iso.polygons["minutes"],
                                                          iso.polygons["area_km2"]))
    rows.append({"benchmark": f"transit isochrone 15/30/45 min from sentrum ({areas})",
                 "value": round(t_iso, 3), "unit": "s", "target": "<= 1 s"})
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['benchmark']:<95} {row['value']:>9.4f} {row['unit']:<5} "
              f"target {row['target']}")
