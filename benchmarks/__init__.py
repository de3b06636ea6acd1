"""Benchmarks: `python -m benchmarks` prints every `benchmarks/bench_*.py` `run()` as a table."""
