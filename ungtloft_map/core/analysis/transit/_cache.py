"""Result cache for travel-time matrices: in-memory LRU plus an optional folder of ``.npz`` files.

Keys are hashes of everything that determines a result (network fingerprint, points, kernel,
options), so a stale entry can never be returned for changed inputs.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

__all__ = ["MatrixCache", "hash_key", "default_cache"]


def hash_key(*parts) -> str:
    """Stable hex digest of strings, numbers and numpy arrays (dtype and shape included)."""
    h = hashlib.blake2b(digest_size=20)
    for p in parts:
        if isinstance(p, np.ndarray):
            a = np.ascontiguousarray(p)
            h.update(f"{a.dtype.str}{a.shape}".encode())
            if a.dtype.kind in "OU":
                h.update("\x1f".join(map(str, a.ravel().tolist())).encode())
            else:
                h.update(a.tobytes())
        else:
            h.update(repr(p).encode())
        h.update(b"\x1e")
    return h.hexdigest()


class MatrixCache:
    """LRU of dicts of numpy arrays, optionally mirrored to ``.npz`` files in a folder.

    Examples
    --------
    >>> c = MatrixCache(maxsize=2)
    >>> c.put("k", {"a": np.arange(3)})
    >>> c.get("k")["a"].tolist()
    [0, 1, 2]
    """

    def __init__(self, maxsize: int = 16):
        self.maxsize = maxsize
        self._items: OrderedDict[str, dict[str, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, cache_dir: str | Path | None = None) -> dict[str, np.ndarray] | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        if cache_dir is not None:
            path = Path(cache_dir) / f"transit-matrix-{key}.npz"
            if path.is_file():
                try:
                    with np.load(path, allow_pickle=False) as z:
                        value = {k: z[k] for k in z.files}
                except (OSError, ValueError):
                    return None  # a damaged cache file is just a miss
                self._remember(key, value)
                return value
        return None

    def put(self, key: str, value: dict[str, np.ndarray],
            cache_dir: str | Path | None = None) -> None:
        self._remember(key, value)
        if cache_dir is not None:
            folder = Path(cache_dir)
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".npz.tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    np.savez(fh, **value)
                os.replace(tmp, folder / f"transit-matrix-{key}.npz")
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    def _remember(self, key, value):
        # Cached arrays are shared by every later hit: freeze them so a caller cannot
        # change the answer another caller gets.
        for arr in value.values():
            if isinstance(arr, np.ndarray):
                arr.setflags(write=False)
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)


default_cache = MatrixCache()
