"""Whole result objects in the disk cache: an exact codec, and the theme results of a dataset.

:func:`encode` turns a tree of result objects -- dataclasses and plain objects of the app,
``DataFrame``/``GeoDataFrame``/``Series``/``Index``, numpy arrays, scipy CSR matrices, lists,
tuples, dicts and scalars -- into numpy arrays plus a JSON tree, and :func:`decode` builds an
equal tree back: the same classes, dtypes (numpy, nullable ``Int64``, pandas' ``str``), index,
column order, ``attrs``, geometries (WKB, exact coordinates) and CRS. Anything it cannot bring back
exactly (an object column of mixed types, a datetime, a categorical, a MultiIndex, a class the
caller's ``resolve`` does not give back) raises :class:`TypeError` when *encoding*, so such a
result is simply not stored; nothing is pickled.

:func:`cached_themes` keeps :class:`~ungtloft_map.core.pipeline.ThemeResults` across processes in
:class:`~ungtloft_map.core.cache.DiskCache` ``"themes"``. The key is the *content* of what the
themes read -- every layer (geometry and columns), the indicator table, the catalogue, the GTFS
feed's bytes, the project's name/version/folder (warnings name its files) -- plus the year, the
analysis settings, the small-number threshold, the source of ``ungtloft_map/core`` (an edited
algorithm never meets an old result), the app version and the cache format. It sits on the
cache floor and takes the project duck-typed; the pipeline passes in ``resolve`` (class name ->
class) for the classes of its results.

Examples
--------
>>> import numpy as np, pandas as pd
>>> frame = pd.DataFrame({"a": [1.5, np.nan], "b": ["x", "y"]}, index=pd.Index(["0101", "0102"]))
>>> arrays, tree = encode({"t": frame, "n": (1, 2.0)}, resolve=lambda name: None)
>>> back = decode(arrays, tree, resolve=lambda name: None)
>>> back["t"].equals(frame), back["n"]
(True, (1, 2.0))
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path, PurePath

import numpy as np

from ..cache import DiskCache, file_digest, source_digest

__all__ = ["cached_themes", "decode", "encode", "project_digest"]

log = logging.getLogger("ungtloft_map.core.cache")

#: Bumped when the layout of a stored tree changes.
TREE_VERSION = "1"

Resolve = Callable[[str], type | None]

#: Theme results kept per user (a scale-4 town's are ~11 MB): the datasets, years and settings
#: last used; older ones are removed on a write.
MAX_THEME_ENTRIES = 8


# --------------------------------------------------------------------------------------------
# the codec


class _Writer:
    def __init__(self, resolve: Resolve) -> None:
        self.arrays: dict[str, np.ndarray] = {}
        self.resolve = resolve

    def array(self, values: np.ndarray) -> str:
        name = f"a{len(self.arrays)}"
        self.arrays[name] = values
        return name

    def node(self, obj) -> dict:  # noqa: C901, PLR0911, PLR0912 - one branch per kind of node
        import pandas as pd

        if obj is None or isinstance(obj, (bool, int, float, str)) and type(obj) in (bool, int, float, str):
            return {"t": "v", "v": obj}
        if isinstance(obj, np.generic):
            if obj.dtype.kind not in "biuf":
                raise TypeError(f"numpy scalar of dtype {obj.dtype}")
            return {"t": "npv", "d": obj.dtype.str, "v": obj.item()}
        if type(obj) in (list, tuple):
            return {"t": type(obj).__name__, "i": [self.node(v) for v in obj]}
        if type(obj) is dict:
            return {"t": "dict", "i": [[self.node(k), self.node(v)] for k, v in obj.items()]}
        if isinstance(obj, PurePath):
            return {"t": "path", "v": str(obj)}
        if isinstance(obj, np.ndarray):
            return {"t": "nd", **self._ndarray(obj)}
        if _is_csr(obj):
            return {"t": "csr", "c": type(obj).__name__, "shape": list(obj.shape),
                    "data": self.array(obj.data), "indices": self.array(obj.indices),
                    "indptr": self.array(obj.indptr)}
        if isinstance(obj, pd.DataFrame):
            return self._frame(obj)
        if isinstance(obj, pd.Series):
            return self._series(obj)
        if isinstance(obj, pd.Index):
            return self._index(obj)
        return self._object(obj)

    # -- pandas and numpy -------------------------------------------------------------------
    def _ndarray(self, arr: np.ndarray) -> dict:
        if arr.dtype.kind in "biufU":
            return {"a": self.array(np.ascontiguousarray(arr))}
        items = arr.tolist() if arr.dtype == object and arr.ndim == 1 else None
        if items is not None and all(type(v) is str for v in items):
            return {"a": self.array(_text_array(items)), "obj": True}
        raise TypeError(f"array of dtype {arr.dtype} is not stored")

    def _values(self, values) -> dict:
        """A 1-d column (numpy or pandas extension array) as a node."""
        import pandas as pd
        from pandas.api.extensions import ExtensionArray

        if type(values).__name__ == "NumpyExtensionArray":
            values = values.to_numpy()
        dtype = values.dtype
        if isinstance(values, np.ndarray):
            if dtype.kind == "O":
                return self._object_column(values)
            return {"k": "np", **self._ndarray(values)}
        if not isinstance(values, ExtensionArray):  # pragma: no cover - defensive
            raise TypeError(f"column of type {type(values).__name__}")
        if dtype.name == "geometry":
            import shapely

            geoms = np.asarray(values, dtype=object)
            missing = np.array([g is None for g in geoms], dtype=bool)
            wkb = shapely.to_wkb(geoms[~missing], hex=False, output_dimension=3, include_srid=False)
            lengths = np.fromiter((len(b) for b in wkb), dtype=np.int64, count=len(wkb))
            blob = np.frombuffer(b"".join(wkb), dtype=np.uint8) if len(wkb) else np.zeros(0, np.uint8)
            return {"k": "geom", "wkb": self.array(blob), "len": self.array(lengths),
                    "na": self.array(missing), "crs": _crs_text(getattr(values, "crs", None))}
        if isinstance(dtype, pd.StringDtype):
            na = np.asarray(values.isna(), dtype=bool)
            strs = _text_array([v if not m else "" for v, m in zip(values.tolist(), na)])
            na_kind = "nan" if dtype.na_value is not pd.NA else "NA"
            return {"k": "string", "s": self.array(strs), "na": self.array(na),
                    "storage": dtype.storage, "na_value": na_kind}
        if isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.name in (
                "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64",
                "Float32", "Float64", "boolean"):
            na = np.asarray(values.isna(), dtype=bool)
            data = values.to_numpy(dtype=dtype.numpy_dtype, na_value=dtype.numpy_dtype.type(0))
            return {"k": "masked", "d": dtype.name, "data": self.array(data), "na": self.array(na)}
        raise TypeError(f"column of dtype {dtype} is not stored")

    def _object_column(self, values: np.ndarray) -> dict:
        """An object column of text with missing values (None or NaN), as the cluster labels."""
        items = values.tolist()
        kinds = []
        for v in items:
            if type(v) is str:
                kinds.append(0)
            elif v is None:
                kinds.append(1)
            elif type(v) is float and v != v:
                kinds.append(2)
            else:
                raise TypeError(f"object column holding {type(v).__name__}")
        strs = _text_array([v if k == 0 else "" for v, k in zip(items, kinds)])
        return {"k": "object", "s": self.array(strs), "kind": self.array(np.asarray(kinds, np.int8))}

    def _index(self, idx) -> dict:
        import pandas as pd

        if isinstance(idx, pd.MultiIndex):
            raise TypeError("MultiIndex is not stored")
        if type(idx) is pd.RangeIndex:
            return {"t": "range", "r": [idx.start, idx.stop, idx.step], "name": self.node(idx.name)}
        return {"t": "index", "v": self._values(idx.array), "name": self.node(idx.name)}

    def _series(self, s) -> dict:
        import geopandas as gpd

        geo = isinstance(s, gpd.GeoSeries)
        return {"t": "gseries" if geo else "series", "v": self._values(_column_values(s)),
                "index": self._index(s.index), "name": self.node(s.name),
                "attrs": self.node(dict(s.attrs))}

    def _frame(self, df) -> dict:
        import geopandas as gpd

        out = {"t": "frame", "index": self._index(df.index), "columns": self._index(df.columns),
               "cols": [self._values(_column_values(df.iloc[:, i])) for i in range(df.shape[1])],
               "attrs": self.node(dict(df.attrs))}
        if isinstance(df, gpd.GeoDataFrame):
            out["t"] = "gframe"
            name = df._geometry_column_name
            if name is not None and name not in df.columns:
                raise TypeError("GeoDataFrame without its geometry column")
            out["geometry"] = self.node(name)
        return out

    # -- objects ----------------------------------------------------------------------------
    def _object(self, obj) -> dict:
        cls = type(obj)
        name = f"{cls.__module__}:{cls.__qualname__}"
        if self.resolve(name) is not cls:
            raise TypeError(f"{name} is not a class the cache may rebuild")
        if "__slots__" in cls.__dict__ or not hasattr(obj, "__dict__"):
            raise TypeError(f"{name} has no __dict__")
        state = dict(vars(obj))
        if dataclasses.is_dataclass(obj):  # every field, even one the instance has no copy of
            for f in dataclasses.fields(obj):
                state.setdefault(f.name, getattr(obj, f.name))
        return {"t": "obj", "c": name, "d": self.node(state)}


def _column_values(s):
    """The values of a Series: numpy for numpy dtypes, else the pandas extension array."""
    arr = s.array
    if hasattr(arr, "_ndarray") and type(arr).__name__ == "NumpyExtensionArray":
        return arr.to_numpy()
    return arr


def _text_array(items: list[str]) -> np.ndarray:
    """Texts as a fixed-width numpy array (no pickle); refuses what would not come back equal."""
    # numpy's fixed-width text drops trailing NULs.
    if any(v.endswith("\x00") for v in items):
        raise TypeError("text ending in NUL is not stored")
    return np.asarray(items, dtype=str) if items else np.zeros(0, dtype="<U1")


def _is_csr(obj) -> bool:
    return type(obj).__name__ in ("csr_matrix", "csr_array") and type(obj).__module__.startswith(
        "scipy.sparse")


def _crs_text(crs) -> str | None:
    if crs is None:
        return None
    code = crs.to_epsg(min_confidence=100)
    if code is not None:
        from pyproj import CRS

        if CRS.from_epsg(code) == crs and CRS.from_epsg(code).to_wkt() == crs.to_wkt():
            return f"EPSG:{code}"
    return crs.to_wkt()


class _Reader:
    def __init__(self, arrays: dict[str, np.ndarray], resolve: Resolve) -> None:
        self.arrays = arrays
        self.resolve = resolve

    def node(self, n: dict):  # noqa: C901, PLR0911, PLR0912 - one branch per kind of node
        import pandas as pd

        t = n["t"]
        if t == "v":
            return n["v"]
        if t == "npv":
            return np.dtype(n["d"]).type(n["v"])
        if t == "list":
            return [self.node(v) for v in n["i"]]
        if t == "tuple":
            return tuple(self.node(v) for v in n["i"])
        if t == "dict":
            return {self.node(k): self.node(v) for k, v in n["i"]}
        if t == "path":
            return Path(n["v"])
        if t == "nd":
            return self._ndarray(n)
        if t == "csr":
            from scipy import sparse

            cls = getattr(sparse, n["c"])
            return cls((self.arrays[n["data"]], self.arrays[n["indices"]], self.arrays[n["indptr"]]),
                       shape=tuple(n["shape"]))
        if t in ("frame", "gframe"):
            return self._frame(n)
        if t in ("series", "gseries"):
            values = self._values(n["v"])
            index = self.node(n["index"])
            if t == "gseries":
                import geopandas as gpd

                s = gpd.GeoSeries(values, index=index, name=self.node(n["name"]))
            else:
                s = pd.Series(values, index=index, name=self.node(n["name"]), dtype=_dtype_of(values),
                              copy=False)
            s.attrs.update(self.node(n["attrs"]))
            return s
        if t == "range":
            return pd.RangeIndex(*n["r"], name=self.node(n["name"]))
        if t == "index":
            values = self._values(n["v"])
            return pd.Index(values, name=self.node(n["name"]), dtype=_dtype_of(values), copy=False)
        if t == "obj":
            cls = self.resolve(n["c"])
            if cls is None:
                raise TypeError(f"{n['c']} is not a class the cache may rebuild")
            obj = cls.__new__(cls)
            obj.__dict__.update(self.node(n["d"]))
            return obj
        raise ValueError(f"unknown node {t!r}")

    def _ndarray(self, n: dict) -> np.ndarray:
        arr = self.arrays[n["a"]]
        return arr.astype(object) if n.get("obj") else arr

    def _values(self, v: dict):
        import pandas as pd

        k = v["k"]
        if k == "np":
            return self._ndarray(v)
        if k == "object":
            strs = self.arrays[v["s"]].tolist()
            kinds = self.arrays[v["kind"]].tolist()
            out = np.empty(len(strs), dtype=object)
            out[:] = [s if kd == 0 else (None if kd == 1 else float("nan"))
                      for s, kd in zip(strs, kinds)]
            return out
        if k == "string":
            na_value = np.nan if v["na_value"] == "nan" else pd.NA
            dtype = pd.StringDtype(storage=v["storage"], na_value=na_value)
            strs = self.arrays[v["s"]].astype(object)
            strs[self.arrays[v["na"]]] = None
            return pd.array(strs, dtype=dtype)
        if k == "masked":
            arr = pd.array(self.arrays[v["data"]], dtype=v["d"])
            arr[self.arrays[v["na"]]] = pd.NA
            return arr
        if k == "geom":
            import shapely
            from geopandas.array import from_shapely

            blob = self.arrays[v["wkb"]].tobytes()
            ends = np.cumsum(self.arrays[v["len"]])
            starts = ends - self.arrays[v["len"]]
            na = self.arrays[v["na"]]
            geoms = np.empty(len(na), dtype=object)
            geoms[~na] = shapely.from_wkb([blob[a:b] for a, b in zip(starts, ends)])
            return from_shapely(geoms, crs=v["crs"])
        raise ValueError(f"unknown column kind {k!r}")

    def _frame(self, n: dict):
        import pandas as pd

        index = self.node(n["index"])
        columns = self.node(n["columns"])
        data = {}
        for i, v in enumerate(n["cols"]):
            values = self._values(v)
            data[i] = pd.Series(values, index=index, dtype=_dtype_of(values), copy=False)
        df = pd.DataFrame(data, index=index, copy=False)
        df.columns = columns
        if n["t"] == "gframe":
            import geopandas as gpd

            name = self.node(n["geometry"])
            df = gpd.GeoDataFrame(df, geometry=name) if name is not None else gpd.GeoDataFrame(df)
        df.attrs.update(self.node(n["attrs"]))
        return df


def _dtype_of(values):
    """The dtype to build a pandas object with, so object columns are not re-inferred as text."""
    return object if isinstance(values, np.ndarray) and values.dtype == object else None


def encode(obj, *, resolve: Resolve) -> tuple[dict[str, np.ndarray], dict]:
    """``obj`` as ``(arrays, tree)``: numpy arrays and a JSON-able tree that :func:`decode` reads.

    ``resolve(name)`` gives the class named ``"module:qualname"`` (None: not allowed); an object
    of any other class, or a value that would not come back exactly, raises :class:`TypeError`.
    """
    w = _Writer(resolve)
    tree = w.node(obj)
    return w.arrays, tree


def decode(arrays: dict[str, np.ndarray], tree: dict, *, resolve: Resolve):
    """The object :func:`encode` stored as ``(arrays, tree)``.

    Raises ``KeyError``/``TypeError``/``ValueError`` for a tree that does not fit its arrays
    (the caller treats the entry as unusable).
    """
    return _Reader(arrays, resolve).node(tree)


# --------------------------------------------------------------------------------------------
# content digests


def _frame_digest(h, df) -> None:
    """Feed ``df``'s content (index, column names, dtypes, values, geometry as WKB, CRS) to ``h``.

    Vectorised where it can be: a town's 400,000 dwelling points take tens of milliseconds.
    """
    import pandas as pd
    import shapely

    def put(data: bytes) -> None:
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)

    put(type(df).__name__.encode())
    put(repr(list(df.columns)).encode("utf-8"))
    crs = getattr(df, "crs", None) if hasattr(df, "geometry") else None
    put((crs.to_wkt() if crs is not None else "").encode())
    for name, values in [("__index__", df.index), *df.items()]:
        put(f"{name}|{values.dtype}".encode())
        if str(values.dtype) == "geometry":
            wkb = shapely.to_wkb(np.asarray(values, dtype=object), hex=False, output_dimension=3)
            # WKB is self-delimiting, so the concatenation is unambiguous; "N" (no valid first
            # byte of a WKB) marks a missing geometry.
            wkb[pd.isna(wkb)] = b"N"
            put(b"".join(wkb.tolist()))
            continue
        arr = np.asarray(values)
        if arr.dtype.kind in "biufcmM":
            put(np.ascontiguousarray(arr).tobytes())
            continue
        items = arr.tolist()
        missing = np.asarray(pd.isna(arr), dtype=bool)
        put(missing.tobytes())
        present = [v for v, m in zip(items, missing) if not m]
        if all(type(v) is str for v in present):
            put(np.fromiter(map(len, present), dtype=np.int64, count=len(present)).tobytes())
            put("".join(present).encode("utf-8", "surrogatepass"))
        else:
            put("\x1f".join(f"{type(v).__name__}:{v!r}" for v in items).encode("utf-8", "surrogatepass"))


def project_digest(project) -> str:
    """Hex digest of what the themes read from ``project`` (its content, plus its folder/name).

    Raises :class:`TypeError` (or ``OSError``) for a project that cannot be keyed this way.
    """
    h = hashlib.blake2b(digest_size=20)
    head = {
        "root": str(getattr(project, "root", "")),
        "name": project.name,
        "fictional": bool(project.fictional),
        "version": str(getattr(project, "version", "")),
        "gtfs": str(project.gtfs_path) if project.gtfs_path is not None else None,
        "catalogue": repr(list(project.catalogue.indicators)) + repr(list(project.catalogue.framework)),
    }
    h.update(json.dumps(head, sort_keys=True).encode("utf-8"))
    if project.gtfs_path is not None:
        h.update(file_digest(project.gtfs_path).encode())
    for role in sorted(project.layers):
        layer = project.layers[role]
        h.update(f"layer|{role}|{getattr(layer, 'path', '')}|{getattr(layer, 'layer', '')}".encode())
        _frame_digest(h, layer.gdf)
    if project.indicators is not None:
        h.update(b"indicators")
        _frame_digest(h, project.indicators)
    return h.hexdigest()


# --------------------------------------------------------------------------------------------
# the theme results


def _themes_key(project, year, settings, threshold: int) -> str:
    from ..cache import content_key

    return content_key(
        "themes",
        TREE_VERSION,
        source_digest("."),  # all of ungtloft_map/core: any change to an analysis
        project_digest(project),
        json.dumps(year),
        json.dumps(dataclasses.asdict(settings), sort_keys=True, default=str),
        str(threshold),
    )


def cached_themes(project, year, settings, compute: Callable, *, resolve: Resolve,
                  threshold: int, replay: Callable | None = None):
    """``compute()`` (the theme results), kept in the disk cache ``"themes"``.

    Parameters
    ----------
    project, year, settings
        What :func:`~ungtloft_map.core.pipeline.compute_themes` got; part of the key.
    compute
        Computes the results when the cache has none (its errors pass through untouched).
    resolve
        Class name (``"module:qualname"``) -> class, for the classes of the results.
    threshold
        The small-number threshold in force (part of the key).
    replay
        Called with results read from the cache and the names of the steps that made them
        (the pipeline reports those steps); their ``timings`` then hold ``from_cache`` only.

    A result that the codec cannot store exactly is logged and returned, never stored; a stored
    entry that cannot be read back is logged, removed and computed again.
    """
    store = DiskCache("themes", max_entries=MAX_THEME_ENTRIES)
    if not store.enabled:
        return compute()
    t0 = time.perf_counter()
    try:
        key = _themes_key(project, year, settings, threshold)
    except Exception as exc:  # noqa: BLE001 - a project that cannot be keyed is computed
        log.info("theme results not cached: the project cannot be keyed (%s)", exc)
        return compute()
    hit = store.get(key)
    if hit is not None:
        arrays, meta = hit
        try:
            res = decode(arrays, meta["tree"], resolve=resolve)
        except Exception as exc:  # noqa: BLE001 - whatever a damaged tree raises: compute instead
            log.warning("cached theme results %s cannot be rebuilt (%s: %s); computing them",
                        key, type(exc).__name__, exc)
            store._discard(store.path(key))
        else:
            # The timings say what this run spent; the steps the stored run made are replayed.
            steps = list(res.timings)
            res.timings = {"from_cache": time.perf_counter() - t0}
            if replay is not None:
                replay(res, steps)
            return res
    res = compute()
    try:
        arrays, tree = encode(res, resolve=resolve)
    except TypeError as exc:  # a value the codec would not bring back exactly
        log.info("theme results not cached: %s", exc)
        return res
    except Exception as exc:  # noqa: BLE001 - the cache never makes a computation fail
        log.warning("theme results not cached (%s: %s)", type(exc).__name__, exc)
        return res
    store.put(key, arrays, {"tree": tree})
    return res
