"""The ahead-of-time compiled kernels of the desktop bundle (installer/aot_build.py).

The bundle ships ``ungtloft_map/core/_aot_kernels.*.so`` instead of numba/llvmlite. These tests
compile that module from the current source (numba.pycc and the C compiler, ~20 s), load it in a
child process where importing numba or llvmlite fails, and require the same numbers as numba's
JIT for the travel-time matrix, the isochrone scan, the GTFS time parser and mapclassify's
Fisher-Jenks breaks on the demo feed and random data. The child also cannot import scikit-learn
(not bundled either): mapclassify's schemes the app offers must still work.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ungtloft_map.core import _jit

ROOT = Path(__file__).resolve().parents[2]
DEMO_FEED = ROOT / "geodata" / "demo" / "gtfs.zip"

# Runs the kernels the way the app calls them and saves what they return (npz).
CHILD = r"""
import json, os, sys
import numpy as np

if os.environ.get("UNGTLOFT_AOT_MODULE"):
    class NoNumba:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("numba", "llvmlite", "sklearn"):
                raise ImportError(f"{name} is not available (as in the bundle)")
    sys.meta_path.insert(0, NoNumba())

from ungtloft_map.core import _jit
from ungtloft_map.core.analysis.transit import _fast, compute_matrix, prepare_network
from ungtloft_map.core.io.gtfs import load_gtfs, stop_times
from ungtloft_map.maps.classify import classify

feed, out = sys.argv[1], sys.argv[2]
net = prepare_network(load_gtfs(feed), "07:00-08:00")
xy = net.stop_xy
rng = np.random.default_rng(7)
origins = xy[rng.choice(len(xy), 40, replace=False)] + rng.normal(0, 150, (40, 2))
dests = xy[rng.choice(len(xy), 6, replace=False)]
res = {}
for threads in (1, 2):
    m = compute_matrix(net, origins, dests, keep_minutes=True, cache=False, threads=threads)
    res[f"matrix_{threads}"] = m.seconds
ptr, acc_stop, acc_dur = net.walk_links(origins[:1])
n_trips = int(net.c_trip.max()) + 1
res["forward"] = _fast.forward_stop_arrivals(
    net.c_dep, net.c_arr, net.c_from, net.c_to, net.c_trip, net.c_board, net.c_alight,
    net.fp_ptr, net.fp_to, net.fp_dur, net.n_stops, n_trips, acc_stop, acc_dur,
    net.minutes.astype(np.int32), np.int32(1800))
texts = ["25:10:00", "7:05:09", "", " 08:00:00", "24:61:00", "1:2:3", "x", "123:59:59"]
res["times"] = stop_times._parse_times(np.array(texts, dtype=object))
values = np.random.default_rng(3).lognormal(size=300)
for scheme in ("fisherjenks", "percentiles", "boxplot"):
    res[scheme] = np.array(classify(values, scheme=scheme, k=5).bins, dtype=float)
np.savez(out, **res)
print(json.dumps({"aot": _jit.aot_module() is not None,
                  "numba": any(m.split(".")[0] in ("numba", "llvmlite") for m in sys.modules),
                  "sklearn": any(m.split(".")[0] == "sklearn" for m in sys.modules),
                  "kernel": getattr(_fast.target_arrivals, "__doc__", "") or ""}))
"""


@pytest.fixture(scope="module")
def aot_module_path(tmp_path_factory) -> Path:
    pytest.importorskip("numba.pycc")
    if not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler")
    out = tmp_path_factory.mktemp("aot")
    proc = subprocess.run([sys.executable, str(ROOT / "installer" / "aot_build.py"), str(out)],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (path,) = list(out.glob("_aot_kernels*"))
    return path


def _run_child(tmp_path: Path, tag: str, aot_path: Path | None) -> tuple[dict, dict]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNGTLOFT_AOT")}
    env["XDG_CACHE_HOME"] = str(tmp_path / f"cache-{tag}")  # no cached feed between the two
    if aot_path is None:
        env["UNGTLOFT_AOT"] = "0"
    else:
        env["UNGTLOFT_AOT_MODULE"] = str(aot_path)
    out = tmp_path / f"{tag}.npz"
    proc = subprocess.run([sys.executable, "-c", CHILD, str(DEMO_FEED), str(out)], env=env,
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    with np.load(out) as data:
        return info, {k: data[k] for k in data.files}


@pytest.mark.slow
def test_aot_kernels_equal_jit_without_numba(aot_module_path, tmp_path):
    if not DEMO_FEED.exists():
        pytest.skip("geodata/demo is missing")
    jit_info, jit = _run_child(tmp_path, "jit", None)
    aot_info, aot = _run_child(tmp_path, "aot", aot_module_path)
    assert jit_info["aot"] is False and jit_info["numba"] is True
    assert aot_info["aot"] is True and aot_info["numba"] is False, aot_info
    assert aot_info["sklearn"] is False  # as in the bundle; the placeholder left sys.modules
    assert "compiled ahead of time" in aot_info["kernel"]
    assert set(jit) == set(aot)
    # a real comparison: many distinct travel times; stops both reached and not within 30 min
    assert len(np.unique(jit["matrix_1"])) > 100
    unreached = jit["forward"] >= 1 << 29  # transit.network.INF
    assert unreached.any() and (~unreached).any()
    for key in jit:
        np.testing.assert_array_equal(aot[key], jit[key], err_msg=key)
    np.testing.assert_array_equal(jit["times"], [90600, 25509, -1, 28800, -2, -2, -2, 446399])


def test_signature_converters():
    conv = _jit.parse_signature("int32[:, ::1](int32[::1], int64, boolean[::1], float64[:, ::1])")
    assert len(conv) == 4
    a = conv[0](np.arange(10, dtype=np.int64)[::2])
    assert a.dtype == np.int32 and a.flags.c_contiguous and a.tolist() == [0, 2, 4, 6, 8]
    same = np.arange(3, dtype=np.int32)
    assert conv[0](same) is same  # the arrays the app passes are not copied
    assert conv[1](7) == 7 and isinstance(conv[1](7), np.int64)
    assert conv[2]([1, 0]).dtype == np.bool_
    assert conv[3](np.ones((2, 3), order="F")).flags.c_contiguous
    with pytest.raises(TypeError, match="2-d"):
        conv[3](np.ones(3))
    with pytest.raises(ValueError, match="C-contiguous"):
        _jit.parse_signature("int32[:](int32[:])")


def test_every_kernel_module_declares_its_exports():
    import importlib

    for name in _jit.AOT_MODULES:
        mod = importlib.import_module(name)
        assert mod.AOT_EXPORTS, name
        for export, sig in mod.AOT_EXPORTS.items():
            fn = getattr(mod, export, None) or getattr(mod, "_" + export)
            assert hasattr(fn, "py_func"), f"{name}.{export} is not a numba kernel"
            params = fn.py_func.__code__.co_argcount
            assert params == len(_jit.parse_signature(sig)), f"{name}.{export}: {sig}"


def test_mapclassify_without_sklearn_leaves_no_placeholder():
    code = r"""
import sys
class NoSklearn:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "sklearn":
            raise ImportError("not installed")
sys.meta_path.insert(0, NoSklearn())
from ungtloft_map.core import _jit
mc = _jit._import_without_sklearn("mapclassify")
assert "sklearn" not in sys.modules and "sklearn.cluster" not in sys.modules
try:
    mc.KClassifiers([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
except ImportError as exc:
    print("ImportError:", exc)
print(mc.BoxPlot([1.0, 2.0, 3.0, 4.0, 5.0, 9.0]).bins.tolist())
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNGTLOFT_AOT")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "ImportError: scikit-learn is not installed" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1].startswith("[")


def test_no_kernel_runs_as_plain_python_in_the_bundle():
    """Where the AOT module is used, ``kernel`` leaves functions as plain Python: only the
    exported ones are replaced by compiled code. So every ``@kernel`` lives in a module of
    ``AOT_MODULES``, and a kernel that is not exported is called only from other kernels (inside
    the compiled code), never from Python -- else the bundle would run it ~60x slower, silently.
    """
    import ast
    import importlib

    package = ROOT / "ungtloft_map"
    trees = {p: ast.parse(p.read_text("utf-8")) for p in package.rglob("*.py")}

    def is_kernel(fn: ast.AST) -> bool:
        return any(isinstance(d, ast.Call) and getattr(d.func, "id", None) == "kernel"
                   for d in getattr(fn, "decorator_list", []))

    with_kernels = {".".join(p.relative_to(ROOT).with_suffix("").parts)
                    for p, tree in trees.items() if any(is_kernel(n) for n in ast.walk(tree))}
    assert with_kernels == set(_jit.AOT_MODULES), "modules with @kernel vs _jit.AOT_MODULES"

    for name in _jit.AOT_MODULES:
        mod = importlib.import_module(name)
        exported = {e for e in mod.AOT_EXPORTS} | {"_" + e for e in mod.AOT_EXPORTS}
        internal = {k for k, v in vars(mod).items() if hasattr(v, "py_func")} - exported
        path = ROOT / (name.replace(".", "/") + ".py")
        for file, tree in trees.items():
            for node in ast.walk(tree):
                if file != path:  # another module: no reference at all
                    ref = (node.attr if isinstance(node, ast.Attribute) else None) or \
                        (node.id if isinstance(node, ast.Name) else None)
                    assert ref not in internal, f"{file}: uses {name}.{ref}, not exported"
                    continue
                if isinstance(node, ast.FunctionDef) and not is_kernel(node):
                    called = {c.func.id for c in ast.walk(node)
                              if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)}
                    assert not called & internal, (
                        f"{name}.{node.name} (Python) calls {called & internal}: not exported")


def test_a_stale_module_is_not_used(aot_module_path, monkeypatch):
    """A module compiled from other kernel sources: an error when asked for by path, ignored
    (numba's JIT instead) when found installed in the package."""
    import importlib

    monkeypatch.setattr(_jit, "_aot_state", {})
    monkeypatch.setattr(_jit, "kernel_source_hash", lambda: 12345)
    monkeypatch.setenv("UNGTLOFT_AOT_MODULE", str(aot_module_path))
    try:
        with pytest.raises(ImportError, match="other kernel sources"):
            _jit.aot_module()
        assert _jit.AOT_MODULE_NAME not in sys.modules
        # installed in the package (import by name finds it): ignored with a warning
        mod = _jit._load_from(str(aot_module_path))
        monkeypatch.setattr(_jit, "_aot_state", {})
        monkeypatch.delenv("UNGTLOFT_AOT_MODULE")
        real_import = importlib.import_module
        monkeypatch.setattr(_jit.importlib, "import_module",
                            lambda name: mod if name == _jit.AOT_MODULE_NAME else real_import(name))
        with pytest.warns(RuntimeWarning, match="other kernel sources"):
            assert _jit.aot_module() is None
        # the same module, with the sources it was compiled from: used
        monkeypatch.setattr(_jit, "_aot_state", {})
        monkeypatch.setattr(_jit, "kernel_source_hash", lambda: int(mod.source_hash()))
        assert _jit.aot_module() is mod
    finally:
        sys.modules.pop(_jit.AOT_MODULE_NAME, None)


def test_module_built_from_these_sources(aot_module_path, monkeypatch):
    monkeypatch.setattr(_jit, "_aot_state", {})
    monkeypatch.setenv("UNGTLOFT_AOT_MODULE", str(aot_module_path))
    try:
        mod = _jit.aot_module()
        assert mod is not None and int(mod.source_hash()) == _jit.kernel_source_hash()
    finally:
        sys.modules.pop(_jit.AOT_MODULE_NAME, None)
