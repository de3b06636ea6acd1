"""Import numba-accelerated libraries so that their kernels are compiled once, not every start.

mapclassify decorates its Fisher-Jenks kernel with ``numba.njit`` and an eager signature, so
every new process spends seconds compiling it at import, before the first map. Importing it
through :func:`import_cached` makes that compile lazy (on first use) and turns on numba's
on-disk cache, so the cost is paid once per installation. Behaviour is unchanged: the same
functions, compiled the same way, only kept. (esda is not imported this way: one of its kernels
takes a function argument and cannot be reloaded from the cache; clusters.py keeps its own
allow-list.)
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
