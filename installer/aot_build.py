"""Compile the app's numba kernels ahead of time into ``_aot_kernels.*.so`` (for the bundle).

    python installer/aot_build.py OUT_DIR        -> OUT_DIR/_aot_kernels.cpython-*.so

The desktop bundle ships this small extension module (under ``ungtloft_map/core/``) instead of
numba and llvmlite (156 MB): ``ungtloft_map/core/_jit.py`` finds it and the kernel modules use
its functions. What is compiled is the same Python source the JIT compiles -- every module in
``_jit.AOT_MODULES`` lists its kernels and their signatures in ``AOT_EXPORTS`` -- plus
mapclassify's Fisher-Jenks kernel. Compiled with ``numba.pycc`` (deprecated in numba, but
present in 0.68) and the machine's C compiler; the Python wrappers release the GIL around the
call, as ``nogil=True`` does for the JIT (the travel-time matrix runs its kernels on threads).
``tests/installer/test_aot.py`` checks the module gives the JIT's results without numba loaded.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def exports() -> list[tuple[str, str, object]]:
    """(name in the module, numba signature, Python function) for every AOT kernel."""
    os.environ["UNGTLOFT_AOT"] = "0"  # the JIT dispatchers, never an existing AOT module
    os.environ.pop("UNGTLOFT_AOT_MODULE", None)
    sys.path.insert(0, str(ROOT))
    from ungtloft_map.core import _jit

    out = []
    for modname in _jit.AOT_MODULES:
        mod = importlib.import_module(modname)
        for name, sig in mod.AOT_EXPORTS.items():
            fn = getattr(mod, name, None) or getattr(mod, "_" + name)
            out.append((name, sig, fn.py_func))
    from mapclassify import classifiers

    for name, sig in _jit.MAPCLASSIFY_EXPORTS.items():
        out.append((name, sig, classifiers._fisher_jenks_means.py_func))
    # which sources these are: _jit ignores a module whose hash differs from the files beside it
    digest = _jit.kernel_source_hash()
    namespace: dict = {}
    exec(f"def source_hash():\n    return {digest}\n", namespace)  # noqa: S102 - a constant
    out.append(("source_hash", "int64()", namespace["source_hash"]))
    return out


def build(out_dir: Path) -> Path:
    """Compile the module into ``out_dir``; returns its path."""
    import numba.pycc.compiler as pycc_compiler
    from numba.core.compiler import Flags
    from numba.pycc import CC

    class ReleaseGilFlags(Flags):
        """pycc's flags, with the Python wrapper releasing the GIL (like ``nogil=True``)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.release_gil = True

    entries = exports()
    pycc_compiler.Flags = ReleaseGilFlags
    out_dir.mkdir(parents=True, exist_ok=True)
    cc = CC("_aot_kernels")
    cc.output_dir = str(out_dir)
    cc.verbose = False
    for name, sig, fn in entries:
        cc.export(name, sig)(fn)
    for old in out_dir.glob("_aot_kernels*"):
        old.unlink()
    cc.compile()
    built = sorted(out_dir.glob("_aot_kernels*.so")) + sorted(out_dir.glob("_aot_kernels*.pyd"))
    if not built:
        raise SystemExit(f"aot_build: no module was written to {out_dir}")
    return built[0]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    path = build(Path(args[0]).resolve())
    print(f"aot_build: {path.name}, {path.stat().st_size / 1e6:.1f} MB, "
          f"{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
