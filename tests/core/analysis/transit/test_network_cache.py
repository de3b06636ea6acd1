"""The built transit network in the content-keyed disk cache
(``core/analysis/transit/_network_cache.py``): equal to a fresh build, keyed by what it is
built from, safe against a corrupt, foreign or incomplete entry."""

from __future__ import annotations

import dataclasses
import logging
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest

from ungtloft_map.core import cache
from ungtloft_map.core.analysis.transit import _network_cache, network
from ungtloft_map.core.analysis.transit.matrix import compute_matrix
from ungtloft_map.core.analysis.transit.network import TransitParams, prepare_network
from ungtloft_map.core.io.gtfs import load_gtfs

DEMO_FEED = Path(__file__).resolve().parents[4] / "geodata" / "demo" / "gtfs.zip"
ORIGINS = np.array([[559_100.0, 7_024_600.0], [553_000.0, 7_019_000.0]])
DESTS = np.array([[555_000.0, 7_026_000.0], [556_300.0, 7_024_500.0]])


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(root))
    return root


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Counts the real network builds (cache misses)."""
    calls: list[tuple] = []
    real = network._build

    def counting(day, start, end, params):
        calls.append((start, end, params))
        return real(day, start, end, params)

    monkeypatch.setattr(network, "_build", counting)
    return calls


def _entries(root: Path) -> list[Path]:
    return sorted((root / _network_cache.NAMESPACE).glob("*.npz"))


def _assert_same(a, b) -> None:
    for name in _network_cache.ARRAYS:
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype and np.array_equal(x, y), name
    assert np.array_equal(a.tree.data, b.tree.data)
    assert (a.fingerprint, a.start_s, a.end_s, a.params, repr(a)) == (
        b.fingerprint, b.start_s, b.end_s, b.params, repr(b))
    assert a.day is b.day
    for wa, wb in zip(a.walk_links(ORIGINS), b.walk_links(ORIGINS)):
        assert np.array_equal(wa, wb)


def _fresh(day, window="07:00-09:00", params=None):
    """The network built with the cache off."""
    mp = pytest.MonkeyPatch()
    mp.setenv(cache.ENV_DIR, "off")
    try:
        return prepare_network(day, window, params)
    finally:
        mp.undo()


def test_a_cached_network_equals_a_fresh_build(cache_root: Path, builds: list) -> None:
    day = load_gtfs(DEMO_FEED)
    reference = _fresh(day)
    assert len(builds) == 1
    first = prepare_network(day, "07:00-09:00")  # built and written
    assert len(builds) == 2 and len(_entries(cache_root)) == 1
    second = prepare_network(day, "07:00-09:00")  # read back: no build
    assert len(builds) == 2
    _assert_same(reference, first)
    _assert_same(reference, second)
    # routing on the read-back network gives the same matrix
    m1 = compute_matrix(reference, ORIGINS, DESTS, cache=False, threads=1)
    m2 = compute_matrix(second, ORIGINS, DESTS, cache=False, threads=1)
    for p in ("p10", "p50", "p90", "reachable_share"):
        assert np.array_equal(getattr(m1, p), getattr(m2, p), equal_nan=True)


def test_the_key_follows_window_parameters_and_feed(cache_root: Path, tmp_path: Path,
                                                    builds: list) -> None:
    day = load_gtfs(DEMO_FEED)
    prepare_network(day, "07:00-09:00")
    prepare_network(day, "07:00-08:00")
    slow = TransitParams(walk_speed=1.0)
    net = prepare_network(day, "07:00-09:00", slow)
    assert len(builds) == 3 and len(_entries(cache_root)) == 3
    _assert_same(_fresh(day, "07:00-09:00", slow), net)
    # another feed (one trip less): another fingerprint, another entry, never the old network
    feed = tmp_path / "feed.zip"
    with zipfile.ZipFile(DEMO_FEED) as src, zipfile.ZipFile(feed, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "stop_times.txt":
                lines = data.decode("utf-8").splitlines(keepends=True)
                first_trip = lines[1].split(",")[0]
                data = "".join(ln for ln in lines if not ln.startswith(first_trip + ","))
                data = data.encode("utf-8")
            dst.writestr(info, data)
    other = load_gtfs(feed)
    assert other.fingerprint != day.fingerprint
    net2 = prepare_network(other, "07:00-09:00")
    assert len(builds) == 5 and len(_entries(cache_root)) == 4  # _fresh above built one more
    _assert_same(_fresh(other), net2)


def test_an_edited_algorithm_never_meets_an_old_network(cache_root: Path, builds: list,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    day = load_gtfs(DEMO_FEED)
    prepare_network(day)
    key = _network_cache.network_key(day, 25200, 32400, TransitParams())
    assert key is not None and _entries(cache_root)[0].stem == key
    monkeypatch.setattr(_network_cache, "source_digest", lambda *rel: "edited source")
    assert _network_cache.network_key(day, 25200, 32400, TransitParams()) != key
    prepare_network(day)
    assert len(builds) == 2 and len(_entries(cache_root)) == 2


def test_a_corrupt_entry_is_logged_and_rebuilt(cache_root: Path, builds: list, caplog) -> None:
    day = load_gtfs(DEMO_FEED)
    reference = prepare_network(day)
    (entry,) = _entries(cache_root)
    entry.write_bytes(entry.read_bytes()[:500])  # half-written
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        again = prepare_network(day)
    assert "half-written" in caplog.text
    assert len(builds) == 2
    _assert_same(reference, again)
    assert cache.DiskCache(_network_cache.NAMESPACE).get(entry.stem) is not None  # whole again


def test_an_entry_of_another_key_is_not_used(cache_root: Path, builds: list, caplog) -> None:
    day = load_gtfs(DEMO_FEED)
    prepare_network(day, "07:00-09:00")
    prepare_network(day, "15:00-16:00")
    a, b = _entries(cache_root)
    shutil.copyfile(a, b)  # an entry that names another key sits under this one's name
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        for window in ("07:00-09:00", "15:00-16:00"):
            _assert_same(_fresh(day, window), prepare_network(day, window))
    assert "was written for key" in caplog.text


def test_an_incomplete_entry_is_rebuilt(cache_root: Path, builds: list, caplog) -> None:
    day = load_gtfs(DEMO_FEED)
    reference = prepare_network(day)
    key = _entries(cache_root)[0].stem
    store = cache.DiskCache(_network_cache.NAMESPACE)
    arrays, meta = store.get(key)
    del arrays["fp_to"]
    store.put(key, arrays, meta)
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.analysis.transit"):
        again = prepare_network(day)
    assert "incomplete" in caplog.text and len(builds) == 2
    _assert_same(reference, again)
    assert "fp_to" in store.get(key)[0]  # written again, whole


def test_a_day_without_fingerprint_and_a_cache_that_is_off_store_nothing(
        cache_root: Path, builds: list, monkeypatch: pytest.MonkeyPatch) -> None:
    day = dataclasses.replace(load_gtfs(DEMO_FEED), fingerprint="")
    prepare_network(day)
    prepare_network(day)
    assert len(builds) == 2 and not _entries(cache_root)
    monkeypatch.setenv(cache.ENV_DIR, "off")
    prepare_network(load_gtfs(DEMO_FEED))
    assert len(builds) == 3 and not _entries(cache_root)
