"""Theme results kept across processes (:mod:`ungtloft_map.core.io.resultcache`).

The same results with the cache off, on a first run (computed, then stored) and read back from
the disk, down to every frame's dtypes, index, CRS and geometry bytes; a corrupt or half-written
entry, one of another app version and one of changed data or settings are never used.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import threading
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, Polygon

from ungtloft_map.core import cache, pipeline
from ungtloft_map.core.io import resultcache
from ungtloft_map.core.pipeline import AnalysisSettings, ThemeResults, compute_themes
from ungtloft_map.core.project import Project


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(root))
    return root


@pytest.fixture(scope="module")
def project() -> Project:
    return Project.demo()


@pytest.fixture(scope="module")
def uncached(project: Project) -> ThemeResults:
    mp = pytest.MonkeyPatch()
    mp.setenv(cache.ENV_DIR, "off")
    try:
        return compute_themes(project)
    finally:
        mp.undo()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the real computations (cache misses)."""
    calls: list[int] = []
    real = pipeline._compute_themes

    def compute(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_compute_themes", compute)
    return calls


def _entries(root: Path) -> list[Path]:
    return sorted((root / "themes").glob("*.npz"))


# -- exact equality of result trees -----------------------------------------------------------


def assert_same(a, b, where: str = "results") -> None:  # noqa: C901, PLR0912
    """``a`` and ``b`` equal in every part: types, dtypes, index, CRS, geometry bytes."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, gpd.GeoDataFrame):
        assert a.crs == b.crs, where
        assert a._geometry_column_name == b._geometry_column_name, where
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True, check_index_type=True,
                                      check_column_type=True, check_frame_type=True, obj=where)
        for col in a.columns[[str(t) == "geometry" for t in a.dtypes]]:
            assert _wkb(a[col]) == _wkb(b[col]), f"{where}.{col}"
        assert_same(dict(a.attrs), dict(b.attrs), f"{where}.attrs")
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_exact=True, check_index_type=True,
                                       check_series_type=True, obj=where)
        if str(a.dtype) == "geometry":
            assert a.crs == b.crs and _wkb(a) == _wkb(b), where
    elif isinstance(a, pd.Index):
        pd.testing.assert_index_equal(a, b, exact=True, obj=where)
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape, where
        if a.dtype == object:
            for k, (x, y) in enumerate(zip(a.tolist(), b.tolist())):
                assert_same(x, y, f"{where}[{k}]")
        else:
            assert np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"), where
    elif type(a).__name__ in ("csr_matrix", "csr_array"):
        assert a.dtype == b.dtype and a.shape == b.shape, where
        assert np.array_equal(a.toarray(), b.toarray()), where
    elif isinstance(a, dict):
        assert list(a) == list(b), f"{where}: keys {list(a)} != {list(b)}"
        for k in a:
            assert_same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for k, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{where}[{k}]")
    elif isinstance(a, float):
        assert (math.isnan(a) and math.isnan(b)) or a == b, f"{where}: {a} != {b}"
    elif isinstance(a, (str, int, bool, type(None), Path, np.generic)):
        assert a == b or (isinstance(a, np.floating) and np.isnan(a) and np.isnan(b)), where
    else:  # an object of the app: every attribute, dataclass fields included
        state_a, state_b = dict(vars(a)), dict(vars(b))
        if dataclasses.is_dataclass(a):
            for f in dataclasses.fields(a):
                state_a.setdefault(f.name, getattr(a, f.name))
                state_b.setdefault(f.name, getattr(b, f.name))
        assert_same(state_a, state_b, f"{where}<{type(a).__name__}>")


def _wkb(s) -> list:
    return [None if g is None else shapely.to_wkb(g, output_dimension=3)
            for g in np.asarray(s, dtype=object)]


def _without_timings(res: ThemeResults) -> ThemeResults:
    return dataclasses.replace(res, timings={})


# -- the theme results --------------------------------------------------------------------------


def test_off_first_and_read_back_are_equal(project, uncached, cache_root, counted) -> None:
    first = compute_themes(project)
    assert len(counted) == 1 and len(_entries(cache_root)) == 1
    again = compute_themes(project)
    assert len(counted) == 1, "the second run must come from the disk cache"
    # a hit's timings are what it spent, not the stored run's steps
    assert list(again.timings) == ["from_cache"] and "from_cache" not in first.timings
    assert_same(_without_timings(uncached), _without_timings(first))
    assert_same(_without_timings(uncached), _without_timings(again))
    # what the consumers use: the zone table and the objects behind it
    assert again.zone_table.gdf.crs == uncached.zone_table.gdf.crs
    assert list(again.zone_table.gdf.columns) == list(uncached.zone_table.gdf.columns)
    assert again.cluster_summary("en") == uncached.cluster_summary("en")
    assert again.describe_not_computed("en") == uncached.describe_not_computed("en")


def test_a_fresh_project_object_reads_the_same_entry(project, cache_root, counted) -> None:
    compute_themes(project)
    compute_themes(Project.demo())
    assert len(counted) == 1


def test_not_computed_and_warnings_survive(cache_root, counted, tmp_path) -> None:
    """A project without a feed or destinations: what is not computed comes back the same."""
    demo = Project.demo()
    bare = dataclasses.replace(demo, gtfs_path=None,
                               layers={k: v for k, v in demo.layers.items() if k != "destinations"})
    off = _off(lambda: compute_themes(bare))
    first, again = compute_themes(bare), compute_themes(bare)
    assert len(counted) == 2  # the run with the cache off, then the first: the third is a hit
    assert off.not_computed and "transit" in off.not_computed
    assert_same(_without_timings(off), _without_timings(again))
    assert_same(_without_timings(first), _without_timings(again))


def test_settings_year_and_data_are_in_the_key(project, cache_root, counted) -> None:
    base = compute_themes(project)
    other = compute_themes(project, settings=AnalysisSettings(index_method="zscore"))
    assert len(counted) == 2
    assert not base.zone_table.gdf["composite_score"].equals(other.zone_table.gdf["composite_score"])
    compute_themes(project, year=project.years[0])
    assert len(counted) == 3
    # one changed resident in one cell of an in-memory copy of the data: a new entry
    changed = dataclasses.replace(project, layers=dict(project.layers))
    pop = changed.layers["population"]
    gdf = pop.gdf.copy()
    gdf.loc[gdf.index[0], "population"] += 1
    changed.layers["population"] = dataclasses.replace(pop, gdf=gdf)
    assert resultcache.project_digest(changed) != resultcache.project_digest(project)
    compute_themes(changed)
    assert len(counted) == 4
    compute_themes(project)  # the original is still there
    assert len(counted) == 4


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_corrupt_or_half_written_entry_is_rebuilt(project, uncached, cache_root, counted,
                                                    damage, caplog) -> None:
    compute_themes(project)
    (entry,) = _entries(cache_root)
    raw = entry.read_bytes()
    entry.write_bytes({"garbage": b"not a cache entry" * 50, "truncated": raw[: len(raw) // 2],
                       "empty": b""}[damage])
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        res = compute_themes(project)
    assert len(counted) == 2
    assert "ignored and rebuilt" in caplog.text
    assert_same(_without_timings(uncached), _without_timings(res))
    again = compute_themes(project)  # the rebuilt entry is whole
    assert len(counted) == 2
    assert_same(_without_timings(uncached), _without_timings(again))


def test_an_entry_whose_tree_does_not_fit_is_rebuilt(project, cache_root, counted, caplog) -> None:
    compute_themes(project)
    (entry,) = _entries(cache_root)
    key = entry.stem
    arrays, meta = cache.DiskCache("themes").get(key)
    arrays.pop(sorted(arrays)[0])  # a whole npz, but an array missing
    cache.DiskCache("themes").put(key, arrays, meta)
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        compute_themes(project)
    assert len(counted) == 2 and "cannot be rebuilt" in caplog.text


def test_an_older_app_version_is_never_used(project, cache_root, counted, monkeypatch,
                                            caplog) -> None:
    real = cache.__version__
    compute_themes(project)
    monkeypatch.setattr(cache, "__version__", "0.0.0-older")
    compute_themes(project)  # another version: another key
    assert len(counted) == 2
    # an entry stamped by an older version under this version's key: ignored and rebuilt
    monkeypatch.setattr(cache, "__version__", real)
    store = cache.DiskCache("themes")
    key = resultcache._themes_key(project, None, AnalysisSettings(), 5)
    arrays, meta = store.get(key)
    monkeypatch.setattr(cache, "__version__", "0.0.0-older")
    store.put(key, arrays, meta)
    monkeypatch.setattr(cache, "__version__", real)
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        compute_themes(project)
    assert len(counted) == 3 and "0.0.0-older" in caplog.text


def test_edited_core_source_changes_the_key(project, monkeypatch) -> None:
    key = resultcache._themes_key(project, None, AnalysisSettings(), 5)
    monkeypatch.setattr(resultcache, "source_digest", lambda *parts: "edited")
    assert resultcache._themes_key(project, None, AnalysisSettings(), 5) != key


def test_concurrent_writers_leave_one_whole_entry(project, uncached, cache_root) -> None:
    results: list[ThemeResults] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(compute_themes(project))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    (entry,) = _entries(cache_root)
    assert not list((cache_root / "themes").glob("*.tmp"))
    arrays, meta = cache.DiskCache("themes").get(entry.stem)
    back = resultcache.decode(arrays, meta["tree"], resolve=pipeline._result_class)
    assert_same(_without_timings(uncached), _without_timings(back))


def test_a_hit_reports_the_steps(project, cache_root) -> None:
    seen_first, seen_hit = [], []
    compute_themes(project, progress=lambda name, f: seen_first.append(name))
    steps: list[str] = []
    res = compute_themes(project, progress=lambda name, f: seen_hit.append(name),
                         on_step=lambda name, r: steps.append(name))
    assert seen_hit == seen_first and seen_hit[-1] == "done"
    assert steps == [n for n in seen_first if n != "done"]
    assert "from_cache" in res.timings


def test_cancel_on_a_hit(project, cache_root) -> None:
    compute_themes(project)
    with pytest.raises(pipeline.AnalysisError, match="cancelled"):
        compute_themes(project, progress=lambda name, f: False)


def test_cache_off_computes_every_time(project, counted, monkeypatch) -> None:
    monkeypatch.setenv(cache.ENV_DIR, "off")
    compute_themes(project)
    compute_themes(project)
    assert len(counted) == 2


def _off(fn):
    mp = pytest.MonkeyPatch()
    mp.setenv(cache.ENV_DIR, "off")
    try:
        return fn()
    finally:
        mp.undo()


# -- the codec ---------------------------------------------------------------------------------


def _resolve(name: str):
    return None


def _round_trip(obj):
    arrays, tree = resultcache.encode(obj, resolve=_resolve)
    return resultcache.decode(arrays, tree, resolve=_resolve)


def test_codec_round_trips_pandas_kinds() -> None:
    idx = pd.Index(["0101", "0102", "0103"], name="zone_id")
    df = pd.DataFrame({
        "f": [1.5, np.nan, -0.0],
        "i": np.array([1, 2, 3], dtype=np.int32),
        "b": [True, False, True],
        "nullable": pd.array([1, None, 3], dtype="Int64"),
        "text": pd.array(["a", None, "c"], dtype="str"),
        "labels": np.array(["High-High", None, np.nan], dtype=object),
    }, index=idx)
    df.attrs["note"] = ("kept", 1)
    back = _round_trip(df)
    assert_same(df, back)
    # None stays None and NaN stays NaN in an object column (as the cluster labels have them)
    assert [type(v) for v in back["labels"]] == [type(v) for v in df["labels"]]
    labels = pd.Series(np.array(["a", None, np.nan], dtype=object), dtype=object)
    assert [type(v) for v in _round_trip(labels)] == [str, type(None), float]
    s = pd.Series([3, 1], index=pd.RangeIndex(5, 7), name=("a", 1))
    assert_same(s, _round_trip(s))
    empty = pd.DataFrame({"x": pd.Series([], dtype=float)})
    assert_same(empty, _round_trip(empty))
    tree = {"n": np.float64("nan"), "k": np.int64(7), (1, "x"): [1, 2.0, "3", None, True],
            "p": Path("a/b.gpkg"), "a": np.arange(6, dtype=np.uint16).reshape(2, 3)}
    assert_same(tree, _round_trip(tree))


def test_codec_round_trips_geodataframes() -> None:
    gdf = gpd.GeoDataFrame(
        {"zone_id": ["a", "b", "c"], "v": [1.0, 2.0, 3.0]},
        geometry=[Point(0.1, 0.2), None, Polygon([(0, 0), (1, 0), (1, 1.000000000001)])],
        crs="EPSG:25832")
    back = _round_trip(gdf)
    assert_same(gdf, back)
    assert back.crs.to_epsg() == 25832 and back.geometry.iloc[1] is None
    odd = gpd.GeoDataFrame({"g2": gpd.GeoSeries([Point(1, 2, 3)])}, geometry="g2",
                           crs="+proj=utm +zone=33 +ellps=GRS80 +units=m")
    assert_same(odd, _round_trip(odd))


@pytest.mark.parametrize("value", [
    pd.DataFrame({"when": pd.to_datetime(["2026-01-01"])}),
    pd.DataFrame({"mixed": np.array(["a", 1], dtype=object)}),
    pd.DataFrame({"cat": pd.Categorical(["a"])}),
    pd.DataFrame({"x": [1]}, index=pd.MultiIndex.from_tuples([("a", 1)])),
    {"set": {1, 2}},
    object(),
    threading.Lock(),
])
def test_codec_refuses_what_it_cannot_bring_back(value) -> None:
    with pytest.raises(TypeError):
        resultcache.encode(value, resolve=_resolve)


def test_codec_rebuilds_only_classes_it_is_given() -> None:
    @dataclasses.dataclass
    class Local:
        x: int

    with pytest.raises(TypeError):
        resultcache.encode(Local(1), resolve=_resolve)
    arrays, tree = resultcache.encode(
        AnalysisSettings(), resolve=pipeline._result_class)
    assert resultcache.decode(arrays, tree, resolve=pipeline._result_class) == AnalysisSettings()
    assert pipeline._result_class("os:system") is None
    assert pipeline._result_class("ungtloft_map.core.pipeline:Path") is None  # imported, not ours
    with pytest.raises(TypeError):
        resultcache.decode(arrays, tree, resolve=_resolve)


def _digest(df) -> str:
    import hashlib

    h = hashlib.blake2b(digest_size=20)
    resultcache._frame_digest(h, df)
    return h.hexdigest()


def test_the_content_digest_sees_every_change() -> None:
    base = gpd.GeoDataFrame({"name": ["a\x1fb", "c"], "n": [1, 2]},
                            geometry=[Point(0, 0), Polygon([(0, 0), (1, 0), (1, 1)])], crs="EPSG:25832")
    same = gpd.GeoDataFrame({"name": ["a\x1fb", "c"], "n": [1, 2]},
                            geometry=[Point(0, 0), Polygon([(0, 0), (1, 0), (1, 1)])], crs="EPSG:25832")
    assert _digest(base) == _digest(same)
    changed = [
        base.assign(name=["a", "b\x1fc"]),  # the same characters split otherwise
        base.assign(name=["a\x1fb", None]),
        base.assign(n=[1, 3]),
        base.assign(n=[1.0, 2.0]),  # dtype
        base.set_geometry([Point(0, 0), None]),
        base.set_geometry([Point(0, 1e-9), Polygon([(0, 0), (1, 0), (1, 1)])]),
        base.to_crs("EPSG:25833"),
        base.set_axis([5, 6]),
        base.rename(columns={"n": "m"}),
    ]
    digests = {_digest(c) for c in changed}
    assert len(digests) == len(changed) and _digest(base) not in digests


def test_only_the_last_used_theme_results_are_kept(project, cache_root, monkeypatch) -> None:
    monkeypatch.setattr(resultcache, "MAX_THEME_ENTRIES", 2)
    for method in ("percentile", "zscore", "ratio"):
        compute_themes(project, settings=AnalysisSettings(index_method=method, compute_clusters=False))
    assert len(_entries(cache_root)) == 2


def test_a_tree_that_fails_in_any_way_is_computed_again(project, cache_root, counted, monkeypatch,
                                                        caplog) -> None:
    compute_themes(project)

    def broken(*args, **kwargs):
        raise RuntimeError("a damaged geometry, say")

    monkeypatch.setattr(resultcache, "decode", broken)
    with caplog.at_level(logging.WARNING, logger="ungtloft_map.core.cache"):
        res = compute_themes(project)
    assert len(counted) == 2 and "cannot be rebuilt" in caplog.text
    assert res.zone_table is not None


def test_a_result_the_codec_chokes_on_is_returned_not_stored(project, cache_root, counted,
                                                             monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(resultcache, "encode", broken)
    res = compute_themes(project)
    assert res.zone_table is not None and not _entries(cache_root)
