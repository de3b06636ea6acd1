"""numba, compiled once: kernels cached on disk, or compiled ahead of time for the installer.

Two jobs:

* :func:`import_cached` imports a numba-accelerated library (mapclassify) so that its kernels
  compile lazily and go to numba's on-disk cache, instead of every process compiling them at
  import. (The cluster statistics need no JIT at all: :mod:`ungtloft_map.core.analysis.clusters`
  computes them with vectorised numpy.)
* :func:`kernel` and :func:`aot` let the app's own kernels (the transit scans in
  ``core/analysis/transit/_fast.py``, the GTFS time parser in ``core/io/gtfs/stop_times.py``)
  run from an extension module compiled ahead of time, ``ungtloft_map.core._aot_kernels``,
  when one is installed. ``installer/aot_build.py`` compiles it from the same Python source
  with ``numba.pycc`` (GIL released like ``nogil=True``) for the desktop bundle, which then ships
  neither numba nor llvmlite (156 MB). A development or pip install has no such module and
  keeps numba's JIT; ``UNGTLOFT_AOT=0`` ignores the module even when present, and
  ``UNGTLOFT_AOT_MODULE=/path/_aot_kernels.*.so`` loads one from elsewhere (the tests use it).

The bundle also leaves out scikit-learn, which mapclassify imports for a scheme the app does
not offer (:func:`_import_without_sklearn`).

Each module with kernels lists them in ``AOT_EXPORTS`` (name in the extension -> numba
signature); :data:`AOT_MODULES` names those modules for the build. The AOT functions accept
only the exact types of their signature (they do not check dtypes: an int64 array where uint8 is
declared crashes the process), so :func:`aot` returns a wrapper that converts every argument to
them first (a no-op for the arrays the app passes).
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np

_LOCK = threading.Lock()

#: The modules whose ``AOT_EXPORTS`` installer/aot_build.py compiles.
AOT_MODULES = ("ungtloft_map.core.analysis.transit._fast", "ungtloft_map.core.io.gtfs.stop_times")
#: mapclassify's Fisher-Jenks kernel, compiled into the same extension (name -> signature).
MAPCLASSIFY_EXPORTS = {"fisher_jenks_means": "float64[::1](float64[::1], uint16)"}
AOT_MODULE_NAME = "ungtloft_map.core._aot_kernels"

_aot_state: dict[str, ModuleType | None] = {}


def aot_module() -> ModuleType | None:
    """The ahead-of-time compiled kernels, or None (not installed, or ``UNGTLOFT_AOT=0``).

    A module compiled from other kernel sources than the ones beside this file is stale: an
    installed one is ignored with a warning (numba's JIT runs instead), one asked for with
    ``UNGTLOFT_AOT_MODULE`` is an ImportError. (The bundle has no sources to compare with; the
    spec compiles its module from the tree it bundles.)
    """
    if "module" not in _aot_state:
        mod = None
        path = os.environ.get("UNGTLOFT_AOT_MODULE")
        if os.environ.get("UNGTLOFT_AOT", "1") == "0":
            pass
        elif path:
            mod = _load_from(path)
            if not _is_fresh(mod):
                sys.modules.pop(AOT_MODULE_NAME, None)
                raise ImportError(f"UNGTLOFT_AOT_MODULE={path} was compiled from other kernel "
                                  "sources: rebuild it with installer/aot_build.py")
        else:
            try:
                mod = importlib.import_module(AOT_MODULE_NAME)
            except ImportError:
                mod = None
            if mod is not None and not _is_fresh(mod):
                import warnings

                warnings.warn(f"{mod.__file__} was compiled from other kernel sources; "
                              "using numba's JIT", RuntimeWarning, stacklevel=2)
                mod = None
        _aot_state["module"] = mod
    return _aot_state["module"]


def kernel_source_hash() -> int | None:
    """A 56-bit hash of the kernel sources the AOT module is compiled from (None: not on disk).

    The files of :data:`AOT_MODULES` and this one (which holds the mapclassify signature), and
    mapclassify's version. ``installer/aot_build.py`` compiles it into the module as
    ``source_hash()``.
    """
    import hashlib

    root = Path(__file__).resolve().parents[2]
    files = [root / (name.replace(".", "/") + ".py") for name in AOT_MODULES]
    files.append(Path(__file__).resolve())
    if not all(f.is_file() for f in files):
        return None
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.read_bytes())
    try:
        from importlib.metadata import version

        digest.update(version("mapclassify").encode())
    except Exception:  # noqa: BLE001 - no metadata (frozen): the files decide
        pass
    return int.from_bytes(digest.digest()[:7], "big")


def _is_fresh(mod: ModuleType) -> bool:
    expected = kernel_source_hash()
    if expected is None:
        return True
    built = getattr(mod, "source_hash", None)
    return built is not None and int(built()) == expected


def _load_from(path: str) -> ModuleType:
    """The AOT extension module at ``path`` (an explicit request: failing to load is an error)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(AOT_MODULE_NAME, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"UNGTLOFT_AOT_MODULE: not an extension module: {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sys.modules[AOT_MODULE_NAME] = mod
    return mod


def kernel(**options) -> Callable[[Callable], Callable]:
    """``numba.njit(cache=True, **options)``; the plain function when the AOT module is used.

    With the AOT module present numba is not imported at all (the bundle does not have it);
    the Python function stays defined as the source of truth the build compiles. A kernel
    called from Python must therefore be in its module's ``AOT_EXPORTS`` (others are only
    called from kernels, inside the compiled code); ``tests/installer/test_aot.py`` checks it.
    """

    def decorate(fn: Callable) -> Callable:
        if aot_module() is not None:
            return fn
        import numba

        return numba.njit(cache=True, **options)(fn)

    return decorate


_NUMPY_NAMES = {"boolean": "bool", "b1": "bool", "f8": "float64", "u2": "uint16"}


def _split_args(text: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def _converter(arg: str) -> Callable:
    """A function giving a value of numba type ``arg`` (``int32``, ``int64[::1]``, ...)."""
    name = arg.split("[", 1)[0].strip()
    dtype = np.dtype(_NUMPY_NAMES.get(name, name))
    if "[" not in arg:
        return dtype.type
    dims = arg.split("[", 1)[1].rstrip("]").split(",")
    ndim = len(dims)
    if not dims[-1].strip().endswith("::1"):
        raise ValueError(f"AOT signatures take C-contiguous arrays (X[..., ::1]), not {arg!r}")

    def to_array(value):
        out = np.ascontiguousarray(value, dtype=dtype)
        if out.ndim != ndim:
            raise TypeError(f"expected a {ndim}-d array for {arg}, got {out.ndim}-d")
        return out

    return to_array


def parse_signature(signature: str) -> list[Callable]:
    """Argument converters for a numba signature ``"ret(arg, arg, ...)"``."""
    args = signature.split("(", 1)[1].rsplit(")", 1)[0]
    return [_converter(a) for a in _split_args(args)]


def aot(name: str, signature: str) -> Callable | None:
    """The AOT-compiled ``name`` behind a wrapper that converts arguments to ``signature``.

    None when there is no AOT module (or it lacks ``name``, e.g. an older build).
    """
    mod = aot_module()
    fn = getattr(mod, name, None) if mod is not None else None
    if fn is None:
        return None
    converters = parse_signature(signature)

    def call(*args):
        if len(args) != len(converters):
            raise TypeError(f"{name}() takes {len(converters)} arguments ({len(args)} given)")
        return fn(*[c(a) for c, a in zip(converters, args)])

    call.__name__ = name
    call.__doc__ = f"{name}{signature[signature.index('('):]} (compiled ahead of time)"
    call.aot = fn  # type: ignore[attr-defined]
    return call


def _use_aot_fisher_jenks(mapclassify: ModuleType) -> None:
    """Give mapclassify the AOT Fisher-Jenks kernel (the bundle has no numba to compile it)."""
    fast = aot("fisher_jenks_means", MAPCLASSIFY_EXPORTS["fisher_jenks_means"])
    classifiers = getattr(mapclassify, "classifiers", None)
    if fast is None or classifiers is None or not hasattr(classifiers, "_fisher_jenks_means"):
        return

    def fisher_jenks_means(values, classes=5):
        return fast(values, classes)

    classifiers._fisher_jenks_means = fisher_jenks_means
    # Compiled after all: mapclassify's "Numba not installed. Using slow pure python" warning
    # would be false.
    classifiers.HAS_NUMBA = True


def _import_without_sklearn(name: str) -> ModuleType:
    """Import mapclassify where scikit-learn is not installed (the desktop bundle).

    mapclassify's classifiers module imports ``sklearn.cluster.KMeans`` at import, but only its
    ``KClassifiers`` scheme uses it, which the app never offers (maps/classify.py: quantiles,
    equal interval, Fisher-Jenks, percentiles, box plot, user-defined). For the import only,
    ``sklearn.cluster`` is a placeholder whose ``KMeans`` raises ImportError when used; the
    placeholder leaves ``sys.modules`` right after, so nothing else ever sees a fake scikit-learn.
    """
    import importlib.util

    try:
        have_sklearn = importlib.util.find_spec("sklearn") is not None
    except (ImportError, ValueError):
        have_sklearn = False
    if name != "mapclassify" or have_sklearn:
        return importlib.import_module(name)

    class KMeans:  # noqa: D101 - placeholder
        def __init__(self, *args, **kwargs):
            raise ImportError("scikit-learn is not installed (k-means classes are unavailable)")

    fake = ModuleType("sklearn")
    fake_cluster = ModuleType("sklearn.cluster")
    fake_cluster.KMeans = KMeans
    fake.cluster = fake_cluster
    sys.modules["sklearn"], sys.modules["sklearn.cluster"] = fake, fake_cluster
    try:
        return importlib.import_module(name)
    finally:
        for key in ("sklearn", "sklearn.cluster"):
            if sys.modules.get(key) in (fake, fake_cluster):
                del sys.modules[key]


def import_cached(name: str) -> ModuleType:
    """Import module ``name`` with numba's ``njit``/``jit`` defaulting to ``cache=True``.

    mapclassify decorates its Fisher-Jenks kernel with ``numba.njit`` and an eager signature,
    so every new process would spend seconds compiling it at import, before the first map;
    through here that compile is lazy (on first use) and kept on disk. Behaviour is unchanged:
    the same functions, compiled the same way, only kept. Where the AOT module is installed
    (the desktop bundle, without numba) mapclassify gets its kernel from there instead.
    """
    if name in sys.modules:
        return sys.modules[name]
    with _LOCK:
        if name in sys.modules:
            return sys.modules[name]
        if aot_module() is not None:
            mod = _import_without_sklearn(name)
            if name == "mapclassify":
                _use_aot_fisher_jenks(mod)
            return mod
        try:
            import numba
        except ImportError:  # pragma: no cover - numba is a dependency
            return _import_without_sklearn(name)
        originals = {"njit": numba.njit, "jit": numba.jit}

        def wrap(orig):
            def decorator(*args, **kwargs):
                if args and isinstance(args[0], str):
                    # an eager signature: compile lazily on first call instead, then cache
                    return orig(cache=True, **kwargs)
                kwargs.setdefault("cache", True)
                return orig(*args, **kwargs)

            return decorator

        numba.njit = wrap(originals["njit"])
        numba.jit = wrap(originals["jit"])
        try:
            return importlib.import_module(name)
        finally:
            numba.njit = originals["njit"]
            numba.jit = originals["jit"]
