"""Issue 15 at scale 4: the cold-process rows of ``bench_cold`` on a town four times the size.

The town (about 800,000 residents, 200 zones in 15 districts, ~12,000 populated cells,
~380,000 dwellings, ~2,900 stops) is made by ``python -m ungtloft_map.demo --scale 4`` into the
benchmark cache folder (``benchmarks/_cold.py``: ``bench_dir``) on the first run, never into the
repository. Goals: themes <= 15 s, first map <= 3 s, indicator switch <= 300 ms, plan report
<= 5 s, ranking after a weight change <= 200 ms, peak memory <= 2 GB.

Run alone with ``python -m benchmarks scale4``.
"""

from __future__ import annotations

import sys

from benchmarks.bench_cold import suite

SCALE = 4
GOALS = {"report": 5.0, "first_map": 3.0, "themes": 15.0, "themes_headless": 15.0,
         "switch_ms": 300.0, "ranking_ms": 200.0, "memory_mb": 2048.0}


def run() -> list[dict]:
    """Benchmark rows (see ``benchmarks/__main__.py``)."""
    return suite(SCALE, GOALS)


if __name__ == "__main__":
    from benchmarks.__main__ import format_table

    print(format_table(run()))
    sys.exit(0)
