"""Run every ``benchmarks/bench_*.py`` and print one table.

Usage: ``python -m benchmarks [NAME ...]`` (e.g. ``python -m benchmarks startup green``).
Each module has ``run() -> list[dict]`` with rows ``{"benchmark", "value", "unit", "target"}``.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path

import benchmarks


def format_table(rows: list[dict]) -> str:
    """A plain-text table of benchmark rows."""
    head = ("benchmark", "value", "unit", "target")
    body = []
    for r in rows:
        v = r.get("value")
        if isinstance(v, float):
            v = f"{v:.3f}" if abs(v) < 100 else f"{v:.1f}"
        body.append((str(r.get("benchmark", "")), str(v), str(r.get("unit", "")), str(r.get("target", ""))))
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(head)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(head, widths)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(b, widths)) for b in body]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    wanted = set(argv)
    mods = sorted(m.name for m in pkgutil.iter_modules([str(Path(benchmarks.__file__).parent)])
                  if m.name.startswith("bench_"))
    rows: list[dict] = []
    for name in mods:
        if wanted and name.removeprefix("bench_") not in wanted and name not in wanted:
            continue
        t0 = time.perf_counter()
        print(f"running {name} …", file=sys.stderr, flush=True)
        try:
            mod = importlib.import_module(f"benchmarks.{name}")
            rows.extend(mod.run())
        except Exception as exc:  # a broken benchmark must not hide the others' numbers
            rows.append({"benchmark": f"{name} FAILED", "value": "-", "unit": "", "target": f"{type(exc).__name__}: {exc}"})
        print(f"  {name} took {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
