"""A content-keyed cache on disk, shared by every process of the app.

It holds parsed GTFS feeds (:func:`cached_gtfs_day`) and the transit access of a dataset
(:func:`cached_transit_access`), the two steps of the themes that take seconds; the whole theme
results of a dataset are kept through it by :mod:`ungtloft_map.core.io.resultcache`.

Results that take seconds to compute and depend only on file contents are stored in the user's
cache directory, keyed by a hash of the inputs' *content* (never their path or timestamp), the
app version and :data:`FORMAT_VERSION`:

- ``$UNGTLOFT_CACHE_DIR`` when set (``off`` turns the cache off; tests point it at a temp dir);
- otherwise ``$XDG_CACHE_HOME/ungtloft_map``, ``~/.cache/ungtloft_map`` (Linux),
  ``~/Library/Caches/ungtloft_map`` (macOS) or ``%LOCALAPPDATA%\\ungtloft_map\\Cache`` (Windows).

An entry is one ``.npz`` file (numpy arrays, no pickle) holding its own key, app version and
format version. It is written to a temp file and renamed into place (``os.replace``), so two
processes writing the same entry leave one whole file, never a mix. A file that cannot be read
(corrupt, half-written, truncated) or that names another key, app version or format is ignored,
noted in the log (``logging``, logger ``ungtloft_map.core.cache``), removed, and rebuilt by the
caller. A cache that cannot be written (read-only home, full disk) is noted and skipped: the
cache never makes a computation fail.

Examples
--------
>>> import numpy as np, tempfile
>>> store = DiskCache("example", root=tempfile.mkdtemp())
>>> key = content_key(b"input bytes", "2020-12-15")
>>> store.get(key) is None
True
>>> store.put(key, {"x": np.arange(3)}, {"note": "hello"})
>>> arrays, meta = store.get(key)
>>> arrays["x"].tolist(), meta["note"]
([0, 1, 2], 'hello')
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import logging
import os
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .. import __version__
from .errors import DataError

__all__ = [
    "FORMAT_VERSION",
    "DiskCache",
    "cache_dir",
    "cached_gtfs_day",
    "cached_transit_access",
    "content_key",
    "file_digest",
]

log = logging.getLogger(__name__)

#: Bumped whenever the layout of a cache entry changes (old entries are then never read).
FORMAT_VERSION = "1"
ENV_DIR = "UNGTLOFT_CACHE_DIR"
#: Entries kept per namespace; beyond this the least recently used are removed on a write
#: (entries of older app versions, feeds no longer opened).
MAX_ENTRIES = 32
_META = "__meta__"


def cache_dir() -> Path | None:
    """The cache folder of this user (see the module doc), or None when the cache is off."""
    env = os.environ.get(ENV_DIR)
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "ungtloft_map" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ungtloft_map"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "ungtloft_map"


def content_key(*parts: bytes | str) -> str:
    """Hex digest of ``parts`` plus the app version and :data:`FORMAT_VERSION`.

    Examples
    --------
    >>> content_key(b"a", "b") == content_key(b"a", "b") != content_key(b"a", "c")
    True
    """
    h = hashlib.blake2b(digest_size=20)
    for part in (__version__, FORMAT_VERSION, *parts):
        data = part.encode("utf-8") if isinstance(part, str) else bytes(part)
        # Length-prefixed, so ("ab", "c") and ("a", "bc") give different keys.
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: str | Path) -> str:
    """Hex digest of a file's bytes (its content, not its name or time)."""
    h = hashlib.blake2b(digest_size=20)
    with open(path, "rb") as fh:
        for block in iter(functools.partial(fh.read, 1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class DiskCache:
    """Entries of one kind (``namespace``) in the cache folder.

    Parameters
    ----------
    namespace
        Sub-folder, e.g. ``"gtfs"``.
    root
        Cache folder; default :func:`cache_dir` (None there turns the cache off).
    max_entries
        Entries kept (least recently used removed beyond it); default :data:`MAX_ENTRIES`.
    """

    def __init__(self, namespace: str, root: str | Path | None = None, *,
                 max_entries: int | None = None) -> None:
        self.namespace = namespace
        base = Path(root) if root is not None else cache_dir()
        self.folder = None if base is None else base / namespace
        self.max_entries = max_entries

    def __repr__(self) -> str:
        return f"DiskCache({self.namespace!r}, folder={self.folder})"

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def path(self, key: str) -> Path:
        """The file of entry ``key``."""
        if self.folder is None:
            raise RuntimeError("the cache is off")
        return self.folder / f"{key}.npz"

    def get(self, key: str) -> tuple[dict[str, np.ndarray], dict] | None:
        """``(arrays, meta)`` of entry ``key``, or None when missing or unusable.

        An unreadable file, or one written for another key, app version or format, is noted in
        the log, removed and reported as missing (the caller rebuilds it).
        """
        if self.folder is None:
            return None
        path = self.path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cache entry %s cannot be read (%s); computing it again", path, exc)
            return None
        try:
            # Every member's CRC first: np.load checks a member's CRC only when it reads to the
            # member's end, so a flipped byte in an array's header (its shape) gave a shorter
            # array back, silently.
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                bad = zf.testzip()
            if bad is not None:
                raise zipfile.BadZipFile(f"Bad CRC-32 for file {bad!r}")
            with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
                arrays = {name: npz[name] for name in npz.files}
            meta = json.loads(arrays.pop(_META).tobytes().decode("utf-8"))
        # A cache entry is never worth an error: whatever a damaged file raises (zipfile's
        # NotImplementedError for an unknown zip version, numpy's header parser a
        # tokenize.TokenError or SyntaxError, ...) means "compute it again".
        except Exception as exc:
            log.warning(
                "cache entry %s is corrupt or half-written (%s: %s); ignored and rebuilt",
                path,
                type(exc).__name__,
                exc,
            )
            self._discard(path)
            return None
        stamp = (meta.get("key"), meta.get("app_version"), meta.get("format"))
        if stamp != (key, __version__, FORMAT_VERSION):
            log.warning(
                "cache entry %s was written for key %s by app version %s (format %s); "
                "ignored and rebuilt",
                path,
                *stamp,
            )
            self._discard(path)
            return None
        try:
            os.utime(path)  # recently used: kept longest by the pruning in put()
        except OSError:
            pass
        return arrays, meta.get("data", {})

    def put(self, key: str, arrays: dict[str, np.ndarray], meta: dict | None = None) -> None:
        """Store ``arrays`` (numeric or fixed-width string) and JSON-able ``meta`` as ``key``.

        Written to a temp file beside the entry and renamed onto it, so readers and concurrent
        writers only ever see a whole file. Failures are logged, never raised.
        """
        if self.folder is None:
            return
        path = self.path(key)
        stamp = {
            "key": key,
            "app_version": __version__,
            "format": FORMAT_VERSION,
            "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "data": meta or {},
        }
        payload = dict(arrays)
        payload[_META] = np.frombuffer(json.dumps(stamp).encode("utf-8"), dtype=np.uint8)
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=self.folder)
            tmp = Path(name)
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, **payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            tmp = None
        except (OSError, ValueError, TypeError) as exc:
            log.warning("cache entry %s could not be written (%s); continuing without", path, exc)
        finally:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
        self._prune()

    def _prune(self) -> None:
        """Remove the least recently used entries beyond ``max_entries`` (:data:`MAX_ENTRIES`)."""
        try:
            entries = sorted(
                self.folder.glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True
            )
        except OSError:  # a file vanished while sorting (another process pruned it)
            return
        for old in entries[self.max_entries or MAX_ENTRIES:]:
            self._discard(old)

    @staticmethod
    def _discard(path: Path) -> None:
        try:
            path.unlink(missing_ok=True)
        except OSError:  # another process may hold or have removed it; a later put replaces it
            pass


# --------------------------------------------------------------------------------------------
# parsed GTFS feeds

_GTFS_ARRAYS = (
    "stop_ids",
    "stop_names",
    "stop_lon",
    "stop_lat",
    "stop_x",
    "stop_y",
    "stop_station",
    "trip_ids",
    "trip_route_ids",
    "trip_route_types",
    "ev_trip",
    "ev_stop",
    "ev_arr",
    "ev_dep",
    "ev_pickup",
    "ev_dropoff",
)


def _gtfs_key(path: Path, date, loader_version: str) -> str:
    if isinstance(date, dt.date):
        date = date.isoformat()
    return content_key("gtfs", loader_version, str(date), file_digest(path))


def cached_gtfs_day(load: Callable) -> Callable:
    """Decorate the GTFS loader (:func:`~ungtloft_map.core.io.gtfs.load_gtfs`) with the cache.

    The key is the feed's bytes, the requested date, the loader's ``_LOADER_VERSION``, the app
    version and :data:`FORMAT_VERSION`. A feed the loader refuses (``DataError``) is never
    stored, so it fails the same way every time.
    """

    @functools.wraps(load)
    def wrapper(path, date=None):
        store = DiskCache("gtfs")
        p = Path(path)
        try:
            is_file = p.is_file()
        # Path.is_file() passes on OSErrors other than "no such file" (ENAMETOOLONG, EACCES):
        # this wrapper is the front door of load_gtfs, so it answers as the loader would.
        except OSError as exc:
            raise DataError(f"cannot open the GTFS feed ({exc.strerror or exc})",
                            file=str(p)) from None
        if not store.enabled or not is_file:
            return load(path, date)
        loader_version = str(load.__globals__.get("_LOADER_VERSION", ""))
        try:
            key = _gtfs_key(p, date, loader_version)
        except OSError:
            return load(path, date)  # the loader names the unreadable file in its DataError
        hit = store.get(key)
        if hit is not None:
            day = _gtfs_from_cache(load.__globals__["GtfsDay"], str(p), *hit)
            if day is not None:
                return day
        day = load(path, date)
        _gtfs_to_cache(store, key, day)
        return day

    return wrapper


def _gtfs_to_cache(store: DiskCache, key: str, day) -> None:
    file = day.file
    meta = {
        "date": day.date.isoformat(),
        "notes": list(day.notes),
        "fingerprint": day.fingerprint,
        # The feed's own path is put back on a hit: the same bytes may sit elsewhere then.
        "warnings": [
            {
                "message": w.message,
                "file": None if w.file == file else w.file,
                "same_file": w.file == file,
                "layer": w.layer,
                "field": w.field,
            }
            for w in day.warnings
        ],
    }
    store.put(key, {name: getattr(day, name) for name in _GTFS_ARRAYS}, meta)


def _gtfs_from_cache(cls, file: str, arrays: dict, meta: dict):
    from .errors import DataWarning

    try:
        warnings = [
            DataWarning(
                w["message"],
                file=file if w["same_file"] else w["file"],
                layer=w["layer"],
                field=w["field"],
            )
            for w in meta["warnings"]
        ]
        return cls(
            file=file,
            date=dt.date.fromisoformat(meta["date"]),
            warnings=warnings,
            notes=list(meta["notes"]),
            fingerprint=meta["fingerprint"],
            **{name: arrays[name] for name in _GTFS_ARRAYS},
        )
    except (KeyError, TypeError, ValueError) as exc:
        log.warning("cached GTFS entry for %s is incomplete (%s); reading the feed", file, exc)
        return None


# --------------------------------------------------------------------------------------------
# transit access of a dataset

#: Modules whose source is part of the transit-access key: an edited algorithm never meets an
#: old result, even without a version bump (a frozen app has no sources; its version decides).
_TRANSIT_SOURCES = ("analysis/transit", "io/gtfs")


def source_digest(*relative: str) -> str:
    """Hex digest of the source files of ``ungtloft_map.core`` under ``relative`` paths."""
    base = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=16)
    for rel in relative:
        target = base / rel
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for f in files:
            try:
                h.update(f.relative_to(base).as_posix().encode())
                h.update(f.read_bytes())
            except (OSError, ValueError):
                h.update(b"?")
    return h.hexdigest()


def _array_bytes(values) -> bytes:
    arr = np.asarray(values)
    if arr.dtype == object:
        return "\x1f".join(map(str, arr.tolist())).encode("utf-8")
    return arr.dtype.str.encode() + np.ascontiguousarray(arr).tobytes()


def _points_xy(gdf) -> np.ndarray:
    geom = gdf.geometry
    pts = geom if (geom.geom_type == "Point").all() else geom.centroid
    return np.column_stack([pts.x.to_numpy(), pts.y.to_numpy()])


def _transit_key(network, cells, dests, zone_ids) -> str:
    return content_key(
        "transit-access",
        network.fingerprint,
        source_digest(*_TRANSIT_SOURCES),
        str(cells.crs),
        _array_bytes(_points_xy(cells)),
        _array_bytes(cells["population"].to_numpy()),
        _array_bytes(cells["zone_id"].to_numpy(dtype=object)),
        _array_bytes(cells.index.to_numpy()),
        str(dests.crs),
        _array_bytes(_points_xy(dests)) if len(dests) else b"",
        _array_bytes(dests["category"].to_numpy(dtype=object)),
        _array_bytes(np.asarray(list(zone_ids), dtype=object)),
    )


def _frame_arrays(df, prefix: str) -> tuple[dict[str, np.ndarray], dict]:
    """Columns and index of ``df`` as arrays; raises TypeError for what does not round-trip."""
    arrays: dict[str, np.ndarray] = {}
    cols = []
    for k, (name, series) in enumerate([("__index__", df.index), *df.items()]):
        values = np.asarray(series)
        kind = values.dtype.str
        if values.dtype == object:
            if not all(isinstance(v, str) for v in values.tolist()):
                raise TypeError(f"column {name!r} is not all text")
            values, kind = values.astype(str), "object"
        elif values.dtype.kind not in "biuf":
            raise TypeError(f"column {name!r} has dtype {values.dtype}")
        arrays[f"{prefix}{k}"] = values
        cols.append([str(name), kind])
    return arrays, {"columns": cols, "index_name": df.index.name}


def _frame_from(arrays: dict, prefix: str, meta: dict):
    import pandas as pd

    out = {}
    for k, (name, kind) in enumerate(meta["columns"]):
        values = arrays[f"{prefix}{k}"]
        out[name] = values.astype(object) if kind == "object" else values.astype(kind)
    index = pd.Index(out.pop("__index__"), name=meta["index_name"])
    return pd.DataFrame(out, index=index)


def cached_transit_access(network, cells, dests, zone_ids, compute: Callable, *,
                          result_type: Callable):
    """``compute(network, cells, dests, zone_ids=zone_ids)``, kept in the disk cache.

    Keyed by the network's fingerprint (feed bytes, date, window, routing parameters), the
    source of the transit and GTFS modules, the cells' points, residents, zone ids and index,
    the destinations' points and categories, the zone list, the app version and the format.
    Invalid input is passed to ``compute`` untouched, so its ``DataError`` is raised as before.

    Parameters
    ----------
    network, cells, dests, zone_ids
        As for :func:`~ungtloft_map.core.analysis.transit.access.transit_access`.
    compute
        That function (passed in, so tests can count its calls).
    result_type
        Its result class (:class:`~ungtloft_map.core.analysis.transit.access.TransitAccess`),
        called with ``zones``, ``cells``, ``window``, ``date`` and ``warnings`` to rebuild a
        stored result. Passed in: the cache sits below the analysis in the import layers.
    """
    store = DiskCache("transit-access")
    if not store.enabled:
        return compute(network, cells, dests, zone_ids=zone_ids)
    try:
        key = _transit_key(network, cells, dests, zone_ids)
    except Exception:  # noqa: BLE001 - any oddity in the input: let compute() judge it
        return compute(network, cells, dests, zone_ids=zone_ids)
    hit = store.get(key)
    if hit is not None:
        arrays, meta = hit
        try:
            from .errors import DataWarning

            return result_type(
                zones=_frame_from(arrays, "z", meta["zones"]),
                cells=_frame_from(arrays, "c", meta["cells"]),
                window=meta["window"],
                date=meta["date"],
                warnings=[DataWarning(**w) for w in meta["warnings"]],
            )
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("cached transit access %s is incomplete (%s); computing it", key, exc)
    acc = compute(network, cells, dests, zone_ids=zone_ids)
    try:
        za, zm = _frame_arrays(acc.zones, "z")
        ca, cm = _frame_arrays(acc.cells, "c")
    except TypeError as exc:
        log.info("transit access not cached: %s", exc)
        return acc
    meta = {
        "zones": zm,
        "cells": cm,
        "window": acc.window,
        "date": acc.date,
        "warnings": [
            {"message": w.message, "file": w.file, "layer": w.layer, "field": w.field}
            for w in acc.warnings
        ],
    }
    store.put(key, {**za, **ca}, meta)
    return acc
