"""numba JIT vs the ahead-of-time kernels of the desktop bundle (installer/aot_build.py).

    python -m benchmarks.bench_aot [AOT_MODULE.so]     (default: builds into build/aot/)

Interleaved A/B in fresh processes (JIT with a warm numba disk cache, ``UNGTLOFT_AOT=0``;
AOT through ``UNGTLOFT_AOT_MODULE``), best and median of 5:

* ``transit-matrix`` 2,000 x 20 x 120 on the real AtB feed, whole process, GTFS cache warm;
* the matrix compute alone in one process (feed from the cache), with 1 and 2 threads: the
  AOT wrappers release the GIL like ``nogil=True``, so 2 threads should scale alike;
* ``transit-matrix`` on the demo feed, whole process (the start-up cost of numba's import).

Needs ../shared/data for the AtB rows. Results: benchmarks/results_installer.md.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import _cold as c

ROOT = Path(__file__).resolve().parents[1]

COMPUTE = r"""
import json, sys, time
import numpy as np
import pandas as pd
from ungtloft_map.core import _jit
from ungtloft_map.core.analysis.transit import compute_matrix, prepare_network
from ungtloft_map.core.io.gtfs import load_gtfs
net = prepare_network(load_gtfs(sys.argv[1]), "07:00-09:00")
o = pd.read_csv(sys.argv[2])[["x", "y"]].to_numpy()
d = pd.read_csv(sys.argv[3])[["x", "y"]].to_numpy()
out = {"aot": _jit.aot_module() is not None}
for threads in (1, 2, 1, 2):
    t = time.perf_counter()
    compute_matrix(net, o, d, cache=False, threads=threads)
    out[f"t{threads}"] = min(out.get(f"t{threads}", 1e9), time.perf_counter() - t)
print(json.dumps(out))
"""


def _env(mode: str, aot_path: Path, cache: Path) -> dict:
    env = {k: v for k, v in c.env(cache).items() if not k.startswith("UNGTLOFT_AOT")}
    if mode == "jit":
        env["UNGTLOFT_AOT"] = "0"
    else:
        env["UNGTLOFT_AOT_MODULE"] = str(aot_path)
    return env


def _run(argv: list[str], env: dict) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-2000:])
    return time.perf_counter() - t0, proc.stdout


def _fmt(xs: list[float]) -> str:
    return f"best {min(xs):.2f} s, median {statistics.median(xs):.2f} s"


def main() -> None:
    if len(sys.argv) > 1:
        aot_path = Path(sys.argv[1]).resolve()
    else:
        subprocess.run([sys.executable, str(ROOT / "installer" / "aot_build.py"),
                        str(ROOT / "build" / "aot")], check=True)
        aot_path = next((ROOT / "build" / "aot").glob("_aot_kernels*"))
    print(f"load average: {os.getloadavg()}")
    tmp = Path(tempfile.mkdtemp(prefix="ungtloft-bench-aot-"))
    cache = tmp / "cache"
    out_csv = tmp / "m.csv"
    cases = []
    points = c.atb_points()
    if points:
        o, d = points
        cases.append(("transit-matrix AtB 2,000 x 20 x 120, whole process (GTFS cached)",
                      c.cli("transit-matrix", "--gtfs", str(c.ATB_FEED), "--origins", str(o),
                            "--destinations", str(d), "--out", str(out_csv)), None))
        cases.append(("AtB matrix compute in-process", c.python(COMPUTE, str(c.ATB_FEED), str(o),
                                                                str(d)), "json"))
    demo = ROOT / "geodata" / "demo" / "gtfs.zip"
    stops = tmp / "stops.csv"
    import csv
    import io
    import zipfile

    rows = list(csv.DictReader(io.StringIO(zipfile.ZipFile(demo).read("stops.txt")
                                           .decode("utf-8-sig"))))
    stops.write_text("id,lon,lat\n" + "".join(f"{r['stop_id']},{r['stop_lon']},{r['stop_lat']}\n"
                                              for r in rows), encoding="utf-8")
    cases.append(("transit-matrix demo, all stops x all stops, whole process (GTFS cached)",
                  c.cli("transit-matrix", "--gtfs", str(demo), "--origins", str(stops),
                        "--destinations", str(stops), "--out", str(out_csv)), None))
    for label, argv, kind in cases:
        for mode in ("jit", "aot"):  # warm numba's disk cache and the GTFS cache
            _run(argv, _env(mode, aot_path, cache))
        res: dict[str, list] = {"jit": [], "aot": []}
        for _ in range(5):
            for mode in ("jit", "aot"):
                secs, stdout = _run(argv, _env(mode, aot_path, cache))
                res[mode].append(json.loads(stdout.strip().splitlines()[-1]) if kind else secs)
        if kind:
            for mode in ("jit", "aot"):
                for t in ("t1", "t2"):
                    xs = [r[t] for r in res[mode]]
                    print(f"| {label}, {t[1]} thread(s) | {mode} | {_fmt(xs)} |")
        else:
            for mode in ("jit", "aot"):
                print(f"| {label} | {mode} | {_fmt(res[mode])} |")
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
