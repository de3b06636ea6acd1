"""Import numba-accelerated libraries so that their kernels are compiled once, not every start.

mapclassify decorates its Fisher-Jenks kernel with ``numba.njit`` and an eager signature, so
every new process spends seconds compiling it at import, before the first map. Importing it
through :func:`import_cached` makes that compile lazy (on first use) and turns on numba's
on-disk cache, so the cost is paid once per installation. Behaviour is unchanged: the same
functions, compiled the same way, only kept. (The cluster statistics need no JIT at all:
:mod:`ungtloft_map.core.analysis.clusters` computes them with vectorised numpy and does not
import esda, whose conditional-permutation kernel takes a function argument and could not be
reloaded from numba's disk cache.)
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
