"""The cross-process, content-keyed disk cache (:mod:`ungtloft_map.core.cache`)."""

from __future__ import annotations

import logging
import multiprocessing as mp
import shutil
from pathlib import Path

import numpy as np
import pytest

from ungtloft_map.core import cache
from ungtloft_map.core.io.gtfs import load_gtfs

DEMO_FEED = Path(__file__).resolve().parents[2] / "geodata" / "demo" / "gtfs.zip"


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(root))
    return root


def _arrays(n: int = 1000, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "x": rng.random(n),
        "ids": np.array([f"S{k:05d}" for k in range(n)]),
        "flag": rng.random(n) < 0.5,
    }


def _same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


# -- location and keys ----------------------------------------------------------------------


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "here"))
    assert cache.cache_dir() == tmp_path / "here"
    monkeypatch.setenv(cache.ENV_DIR, "off")
    assert cache.cache_dir() is None
    assert not cache.DiskCache("gtfs").enabled
    monkeypatch.delenv(cache.ENV_DIR)
    monkeypatch.setattr(cache.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "ungtloft_map"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path.home() / ".cache" / "ungtloft_map"


def test_key_changes_when_content_or_version_changes(monkeypatch, tmp_path) -> None:
    a = tmp_path / "a.bin"
    a.write_bytes(b"feed one")
    k1 = cache.content_key("gtfs", cache.file_digest(a))
    assert cache.content_key("gtfs", cache.file_digest(a)) == k1
    a.write_bytes(b"feed two")
    k2 = cache.content_key("gtfs", cache.file_digest(a))
    assert k2 != k1
    b = tmp_path / "elsewhere.bin"  # the same bytes under another name: the same key
    b.write_bytes(b"feed two")
    assert cache.content_key("gtfs", cache.file_digest(b)) == k2
    assert cache.content_key("ab", "c") != cache.content_key("a", "bc")
    monkeypatch.setattr(cache, "__version__", "0.0.0-old")
    assert cache.content_key("gtfs", cache.file_digest(b)) != k2
    monkeypatch.setattr(cache, "__version__", cache.__version__)
    monkeypatch.setattr(cache, "FORMAT_VERSION", "0")
    assert cache.content_key("gtfs", cache.file_digest(b)) != k2


# -- entries ---------------------------------------------------------------------------------


def test_round_trip(cache_root: Path) -> None:
    store = cache.DiskCache("t")
    key = cache.content_key("x")
    assert store.get(key) is None
    store.put(key, _arrays(), {"date": "2026-01-06", "notes": ["a"]})
    arrays, meta = store.get(key)
    assert _same(arrays, _arrays())
    assert meta == {"date": "2026-01-06", "notes": ["a"]}
    assert [p.name for p in (cache_root / "t").iterdir()] == [f"{key}.npz"]


@pytest.mark.parametrize("damage", ["garbage", "half", "empty", "wrong_meta"])
def test_a_corrupt_or_half_written_entry_is_ignored_logged_and_removed(
    cache_root: Path, caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    store = cache.DiskCache("t")
    key = cache.content_key("x")
    store.put(key, _arrays(), {"n": 1})
    path = store.path(key)
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x00not a zip at all" * 50)
    elif damage == "half":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # a whole zip whose arrays are fine but whose meta is not JSON
        np.savez(path, x=np.arange(3), __meta__=np.frombuffer(b"{not json", dtype=np.uint8))
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        assert store.get(key) is None
    assert "ignored and rebuilt" in caplog.text
    assert not path.exists()
    store.put(key, _arrays(), {"n": 1})  # rebuilt
    assert _same(store.get(key)[0], _arrays())


def test_a_flipped_byte_is_caught(cache_root: Path, caplog) -> None:
    store = cache.DiskCache("t")
    key = cache.content_key("x")
    store.put(key, {"x": np.arange(100_000, dtype=np.int64)})
    path = store.path(key)
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0xFF  # inside the stored array: the zip CRC no longer matches
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        hit = store.get(key)
    assert hit is None or np.array_equal(hit[0]["x"], np.arange(100_000))
    if hit is None:
        assert "corrupt" in caplog.text


def test_an_entry_from_an_older_app_version_is_never_used(
    cache_root: Path, monkeypatch, caplog
) -> None:
    store = cache.DiskCache("t")
    key = cache.content_key("x")
    monkeypatch.setattr(cache, "__version__", "0.0.1")
    store.put(key, _arrays(), {"n": 1})  # the same key, written by another version
    monkeypatch.undo()
    monkeypatch.setenv(cache.ENV_DIR, str(cache_root))
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        assert store.get(key) is None
    assert "0.0.1" in caplog.text
    assert not store.path(key).exists()


def test_an_entry_of_another_format_is_never_used(cache_root: Path, monkeypatch) -> None:
    store = cache.DiskCache("t")
    key = cache.content_key("x")
    monkeypatch.setattr(cache, "FORMAT_VERSION", "0")
    store.put(key, _arrays())
    monkeypatch.setattr(cache, "FORMAT_VERSION", "1")
    assert store.get(key) is None


def test_an_unwritable_cache_never_fails(tmp_path: Path, caplog) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    store = cache.DiskCache("t", root=blocker)
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        store.put("k", _arrays())
    assert "could not be written" in caplog.text
    assert store.get("k") is None


def _writer(root: str, key: str, rounds: int, seed: int) -> None:
    store = cache.DiskCache("t", root=root)
    for _ in range(rounds):
        store.put(key, _arrays(20_000, seed=0), {"writer": "any"})
        hit = store.get(key)
        # A reader sees a whole entry or none, never a broken one.
        assert hit is None or _same(hit[0], _arrays(20_000, seed=0)), seed


def test_concurrent_writers_leave_one_whole_entry(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    key = cache.content_key("shared")
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    procs = [ctx.Process(target=_writer, args=(str(root), key, 15, s)) for s in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    files = sorted(p.name for p in (root / "t").iterdir())
    assert files == [f"{key}.npz"]  # no temp files left behind
    arrays, meta = cache.DiskCache("t", root=root).get(key)
    assert _same(arrays, _arrays(20_000, seed=0)) and meta == {"writer": "any"}


# -- the GTFS loader ------------------------------------------------------------------------


def _assert_same_day(a, b) -> None:
    for name in cache._GTFS_ARRAYS:
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype and np.array_equal(x, y), name
    assert (a.date, a.notes, a.fingerprint, a.file) == (b.date, b.notes, b.fingerprint, b.file)
    assert a.warnings == b.warnings


def test_gtfs_is_cached_by_content(cache_root: Path, tmp_path: Path, monkeypatch) -> None:
    feed = tmp_path / "feed.zip"
    shutil.copyfile(DEMO_FEED, feed)
    first = load_gtfs(feed)
    entries = list((cache_root / "gtfs").glob("*.npz"))
    assert len(entries) == 1
    calls = []
    monkeypatch.setattr(
        "ungtloft_map.core.io.gtfs.loader._assemble", lambda *a, **k: calls.append(1) or {}
    )
    second = load_gtfs(feed)  # from the cache: the parser is not reached
    assert calls == []
    _assert_same_day(first, second)
    moved = tmp_path / "moved.zip"
    shutil.copyfile(feed, moved)
    third = load_gtfs(moved)
    assert third.file == str(moved) and calls == []
    assert len(list((cache_root / "gtfs").glob("*.npz"))) == 1
    monkeypatch.undo()
    monkeypatch.setenv(cache.ENV_DIR, str(cache_root))
    other_day = load_gtfs(feed, "2026-03-10")
    assert other_day.date.isoformat() == "2026-03-10"
    assert len(list((cache_root / "gtfs").glob("*.npz"))) == 2


def test_gtfs_cache_rebuilds_a_corrupt_entry(cache_root: Path, tmp_path: Path, caplog) -> None:
    feed = tmp_path / "feed.zip"
    shutil.copyfile(DEMO_FEED, feed)
    first = load_gtfs(feed)
    (entry,) = (cache_root / "gtfs").glob("*.npz")
    entry.write_bytes(entry.read_bytes()[:1000])
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        again = load_gtfs(feed)
    assert "half-written" in caplog.text
    _assert_same_day(first, again)
    assert cache.DiskCache("gtfs").get(entry.stem) is not None  # written again, whole


def test_gtfs_cache_follows_the_feed_content(cache_root: Path, tmp_path: Path) -> None:
    import zipfile

    feed = tmp_path / "feed.zip"
    shutil.copyfile(DEMO_FEED, feed)
    before = load_gtfs(feed)
    with zipfile.ZipFile(DEMO_FEED) as src, zipfile.ZipFile(feed, "w") as dst:
        for name in src.namelist():
            text = src.read(name).decode("utf-8")
            if name == "stops.txt":  # rename every stop: same structure, new content
                text = text.replace("Torget", "Storgata")
            dst.writestr(name, text)
    after = load_gtfs(feed)
    assert any("Storgata" in n for n in after.stop_names)
    assert not any("Storgata" in n for n in before.stop_names)
    assert len(list((cache_root / "gtfs").glob("*.npz"))) == 2


def test_a_bad_feed_is_never_cached(cache_root: Path, tmp_path: Path) -> None:
    from ungtloft_map.core.errors import DataError

    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    for _ in range(2):
        with pytest.raises(DataError, match="not a readable zip"):
            load_gtfs(bad)
    assert not (cache_root / "gtfs").exists() or not any((cache_root / "gtfs").iterdir())
    with pytest.raises(DataError, match="not found"):
        load_gtfs(tmp_path / "missing.zip")


# -- transit access --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def access_inputs():
    import geopandas as gpd

    from ungtloft_map.core.analysis.transit.network import prepare_network

    demo = DEMO_FEED.parent
    cells = gpd.read_file(demo / "fjordvik.gpkg", layer="population").iloc[::10]
    dests = gpd.read_file(demo / "fjordvik.gpkg", layer="destinations")
    zones = gpd.read_file(demo / "fjordvik.gpkg", layer="zones")["zone_id"]
    net = prepare_network(load_gtfs(DEMO_FEED), "07:00-09:00")
    return net, cells, dests, pd_index(zones)


def pd_index(values):
    import pandas as pd

    return pd.Index(values, name="zone_id")


def test_transit_access_is_cached_by_content(cache_root: Path, access_inputs) -> None:
    import pandas as pd

    from ungtloft_map.core.analysis.transit.access import TransitAccess, transit_access

    net, cells, dests, zones = access_inputs
    calls = []

    def compute(*a, **k):
        calls.append(1)
        return transit_access(*a, **k)

    first = cache.cached_transit_access(net, cells, dests, zones, compute, result_type=TransitAccess)
    second = cache.cached_transit_access(net, cells, dests, zones, compute, result_type=TransitAccess)
    assert len(calls) == 1
    pd.testing.assert_frame_equal(first.zones, second.zones)
    pd.testing.assert_frame_equal(first.cells, second.cells)
    assert (first.window, first.date, first.warnings) == (
        second.window,
        second.date,
        second.warnings,
    )
    moved = cells.copy()
    moved.loc[moved.index[0], "population"] += 1  # one more resident: another entry
    third = cache.cached_transit_access(net, moved, dests, zones, compute,
                                        result_type=TransitAccess)
    assert len(calls) == 2
    assert third.cells["population"].sum() == first.cells["population"].sum() + 1
    no_school = dests[dests["category"] != "upper_secondary"]
    cache.cached_transit_access(net, cells, no_school, zones, compute, result_type=TransitAccess)
    assert len(calls) == 3
    assert len(list((cache_root / "transit-access").glob("*.npz"))) == 3


def test_transit_access_cache_passes_bad_input_to_the_analysis(cache_root, access_inputs):
    from ungtloft_map.core.analysis.transit.access import TransitAccess, transit_access
    from ungtloft_map.core.errors import DataError

    net, cells, dests, zones = access_inputs
    for _ in range(2):
        with pytest.raises(DataError, match="population"):
            cache.cached_transit_access(
                net, cells.drop(columns="population"), dests, zones, transit_access,
                result_type=TransitAccess,
            )
    assert not (cache_root / "transit-access").exists()


def test_transit_key_follows_the_source(access_inputs, monkeypatch) -> None:
    net, cells, dests, zones = access_inputs
    key = cache._transit_key(net, cells, dests, zones)
    monkeypatch.setattr(cache, "source_digest", lambda *a: "edited algorithm")
    assert cache._transit_key(net, cells, dests, zones) != key


def test_old_entries_are_pruned(cache_root: Path, monkeypatch) -> None:
    import os

    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    store = cache.DiskCache("t")
    keys = [cache.content_key(str(k)) for k in range(5)]
    for age, key in enumerate(keys):
        store.put(key, {"x": np.arange(3)})
        os.utime(store.path(key), (1000 + age, 1000 + age))
    assert store.get(keys[0]) is None and store.get(keys[1]) is None  # removed on later puts
    assert store.get(keys[2]) is not None  # a hit counts as a use
    os.utime(store.path(keys[3]), (1, 1))
    store.put(cache.content_key("new"), {"x": np.arange(3)})
    left = {p.stem for p in (cache_root / "t").glob("*.npz")}
    assert left == {keys[2], keys[4], cache.content_key("new")}


@pytest.mark.slow
def test_themes_are_the_same_with_and_without_the_cache(cache_root: Path, monkeypatch) -> None:
    import pandas as pd

    from ungtloft_map.core.pipeline import AnalysisSettings, compute_themes
    from ungtloft_map.core.project import Project

    settings = AnalysisSettings(compute_clusters=False)
    filled = compute_themes(Project.demo(), settings=settings).zone_table.gdf
    from_cache = compute_themes(Project.demo(), settings=settings).zone_table.gdf
    assert len(list((cache_root / "transit-access").glob("*.npz"))) == 1
    assert len(list((cache_root / "gtfs").glob("*.npz"))) == 1
    monkeypatch.setenv(cache.ENV_DIR, "off")
    computed = compute_themes(Project.demo(), settings=settings).zone_table.gdf
    pd.testing.assert_frame_equal(filled, computed)
    pd.testing.assert_frame_equal(from_cache, computed)


def test_an_entry_asking_for_an_unknown_zip_version_is_rebuilt(cache_root: Path, caplog) -> None:
    # found by fuzzing DiskCache.get: a flipped byte in the central directory's "version needed
    # to extract" made zipfile raise NotImplementedError ("zip file version 21.2") out of get()
    store = cache.DiskCache("t")
    key = cache.content_key("x")
    store.put(key, _arrays(), {"n": 1})
    path = store.path(key)
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 6] = 0xD4  # version needed to extract: 21.2
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        assert store.get(key) is None
    assert "ignored and rebuilt" in caplog.text and not path.exists()


def test_an_array_header_with_a_flipped_shape_is_not_served(cache_root: Path, caplog) -> None:
    # found by tests/robustness/test_fuzz_cache.py: np.load checks a member's CRC only when it
    # reads to the member's end, so "(100000,)" flipped to "( 10000,)" gave a tenth of the array
    store = cache.DiskCache("t")
    key = cache.content_key("x")
    store.put(key, {"x": np.arange(100_000, dtype=np.int64)})
    path = store.path(key)
    data = path.read_bytes()
    assert data.count(b"(100000,)") == 1
    path.write_bytes(data.replace(b"(100000,)", b"( 10000,)"))
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        assert store.get(key) is None
    assert "corrupt" in caplog.text and not path.exists()
