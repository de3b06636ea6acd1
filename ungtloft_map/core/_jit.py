"""Import numba-accelerated libraries so that their kernels are compiled once, not every start.

esda and mapclassify decorate their kernels with ``numba.njit`` without ``cache=True`` (and
mapclassify with an eager signature), so every new process spends tens of seconds on this
2-core machine compiling them before the first LISA or Fisher-Jenks result. Importing them
through :func:`import_cached` turns on numba's on-disk cache for their functions (and makes
eager compiles lazy), so the cost is paid once per installation. Behaviour is unchanged: the
same functions, compiled the same way, only kept.
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType

_LOCK = threading.Lock()


def import_cached(name: str) -> ModuleType:
    """Import module ``name`` with numba's ``njit``/``jit`` defaulting to ``cache=True``."""
    if name in sys.modules:
        return sys.modules[name]
    with _LOCK:
        if name in sys.modules:
            return sys.modules[name]
        try:
            import numba
        except ImportError:  # pragma: no cover - numba is a dependency
            return importlib.import_module(name)
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
