"""The frozen desktop app: the PyInstaller one-folder build ``dist/UngtLoftMap`` (issue #11).

A build takes many minutes, so these tests run only when asked::

    UNGTLOFT_BUILD_INSTALLER=1 .venv/bin/python -m pytest -q -p no:cacheprovider tests/installer

They build the app with ``installer/ungtloft_map.spec`` (``UNGTLOFT_INSTALLER_REUSE=1``: test an
existing ``dist/UngtLoftMap`` instead) and run the *frozen* binary headless and offline -- every
proxy variable points at a dead port and, on Linux where ``unshare --net`` works, the app runs
in a network namespace with no network at all -- with an empty cache and a scratch home,
as on a planner's new PC:

* the bundle holds the demo data, resources, Leaflet, PROJ/GDAL data and the Qt WebEngine helper;
* ``--bundle-check`` finds every bundled file inside the bundle and every library works;
* ``--selftest`` exits 0 and prints ``OK`` (the map page has no network reference);
* the bundle has no numba/llvmlite (the kernels are compiled ahead of time:
  installer/aot_build.py) nor scikit-learn, and Qt's ICU data is trimmed (installer/icu_trim.py);
* the themes pipeline (the numpy cluster kernels), a transit matrix (the AOT kernels) and the
  exports (PNG via matplotlib,
  XLSX via openpyxl, GeoPackage via GDAL) work frozen;
* the window starts offscreen and launches QtWebEngineProcess (Linux).

Build time, bundle size and the selftest's wall time are printed at the end of the run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "ungtloft_map.spec"
APP = ROOT / "dist" / "UngtLoftMap"
INTERNAL = APP / "_internal"
WIN = sys.platform == "win32"
LINUX = sys.platform.startswith("linux")
GUI_EXE = APP / ("UngtLoftMap.exe" if WIN else "UngtLoftMap")
CLI_EXE = APP / ("ungtloft-map.exe" if WIN else "UngtLoftMap")  # Windows: the console twin
DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens, every request fails

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("UNGTLOFT_BUILD_INSTALLER") != "1",
        reason="builds the PyInstaller app (10+ minutes): set UNGTLOFT_BUILD_INSTALLER=1 "
        "(with UNGTLOFT_INSTALLER_REUSE=1 to test an existing dist/UngtLoftMap)",
    ),
]


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _size_mb(path: Path) -> tuple[float, int]:
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 2**20, len(files)


@pytest.fixture(scope="session")
def frozen_app(installer_metrics) -> Path:
    """``dist/UngtLoftMap``, built now unless ``UNGTLOFT_INSTALLER_REUSE=1`` and it exists."""
    if os.environ.get("UNGTLOFT_INSTALLER_REUSE") == "1" and CLI_EXE.exists():
        installer_metrics["build"] = f"reused {APP.relative_to(ROOT)}"
    else:
        try:
            import PyInstaller  # noqa: F401
        except ImportError:
            pytest.skip("PyInstaller is not installed: pip install -e '.[installer]'")
        log = ROOT / "build" / "pyinstaller-test.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build" / "pyinstaller"),
               str(SPEC)]
        t0 = time.perf_counter()
        with log.open("w", encoding="utf-8") as fh:
            proc = subprocess.run(cmd, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, timeout=4 * 3600)
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            pytest.fail(f"PyInstaller failed (exit {proc.returncode}), log {log}:\n"
                        + _tail(log.read_text("utf-8", "replace")))
        installer_metrics["build time"] = f"{seconds:.0f} s ({seconds / 60:.1f} min)"
    assert CLI_EXE.is_file(), f"{CLI_EXE} was not built"
    mb, files = _size_mb(APP)
    installer_metrics["bundle size"] = f"{mb:.0f} MB ({files} files)"
    return APP


@pytest.fixture(scope="session")
def offline_env(tmp_path_factory) -> dict:
    """Headless, no network, scratch home: numba's cache and Qt's settings start empty."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "UNGTLOFT_DEMO_DIR", "no_proxy", "NO_PROXY",
            "NUMBA_CACHE_DIR", "QTWEBENGINE_CHROMIUM_FLAGS"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    for key in ("http_proxy", "https_proxy", "all_proxy", "ftp_proxy"):
        env[key] = env[key.upper()] = DEAD_PROXY
    env["QT_QPA_PLATFORM"] = "offscreen"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    home = tmp_path_factory.mktemp("frozen-home")
    for key in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        env[key] = str(home / key.lower())
    if WIN:
        env["LOCALAPPDATA"] = str(home / "localappdata")
    return env


@pytest.fixture(scope="session")
def offline_prefix() -> list[str]:
    """``unshare --net`` (no network interface but loopback-down) where it works, else nothing."""
    if LINUX and shutil.which("unshare"):
        cmd = ["unshare", "--net", "--map-root-user"]
        if subprocess.run([*cmd, "true"], capture_output=True).returncode == 0:
            return cmd
    return []


def run_frozen(args: list[str], env: dict, prefix: list[str], cwd: Path, timeout: float = 1800):
    t0 = time.perf_counter()
    proc = subprocess.run([*prefix, str(CLI_EXE), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=timeout)
    return proc, time.perf_counter() - t0


def _explain(proc) -> str:
    return f"exit {proc.returncode}\n--- stdout\n{_tail(proc.stdout)}\n--- stderr\n{_tail(proc.stderr)}"


# ------------------------------------------------------------------------------------------------
def test_bundle_layout(frozen_app):
    """paths.py expects geodata/demo and resources/ at the bundle root (sys._MEIPASS)."""
    expected = [
        "geodata/demo/manifest.json",
        "geodata/demo/fjordvik.gpkg",
        "resources/icons/ungtloft-map.png",
        "resources/translations/ungtloft_map_en.qm",  # compiled by the spec (installer/qmcompile.py)
        "ungtloft_map/core/data/catalogue.json",
        "ungtloft_map/reports/templates/base.css",
        "xstatic/pkg/leaflet/data/leaflet.js",
        "xstatic/pkg/leaflet/data/leaflet.css",
        "pyproj/proj_dir/share/proj/proj.db",
        "pyogrio/gdal_data",
        "pyogrio/proj_data/proj.db",
        "matplotlib/mpl-data/matplotlibrc",
    ]
    if LINUX:
        expected += ["PySide6/Qt/libexec/QtWebEngineProcess",
                     "PySide6/Qt/resources/qtwebengine_resources.pak",
                     "PySide6/Qt/translations/qtwebengine_locales/en-US.pak"]
    elif WIN:
        expected += ["PySide6/QtWebEngineProcess.exe", "PySide6/resources/qtwebengine_resources.pak"]
    missing = [p for p in expected if not (INTERNAL / p).exists()]
    assert not missing, f"missing from {INTERNAL}: {missing}"
    # Left out on purpose (size): the Tk GUI toolkit, test suites, the dev tools (esda/libpysal are
    # only the cluster kernels' test references), and the Qt modules, libraries, plugins and
    # resources the app never loads (installer/ungtloft_map.spec).
    unwanted = [p for p in ("tkinter", "_tcl_data", "pytest", "hypothesis", "pyogrio/tests",
                            "numba", "llvmlite", "sklearn", "scikit_learn.libs", "zopfli", "esda",
                            "libpysal", "matplotlib/mpl-data/sample_data")
                if (INTERNAL / p).exists()]
    unwanted += [p.name for p in (INTERNAL / "PIL").glob("_avif*")]
    aot = list((INTERNAL / "ungtloft_map" / "core").glob("_aot_kernels*"))
    assert len(aot) == 1, "the ahead-of-time kernels (installer/aot_build.py) are not bundled"
    if LINUX:
        unwanted += [p for p in ("PySide6/Qt/qml", "PySide6/QtQml.abi3.so", "PySide6/QtQuick.abi3.so",
                                 "PySide6/Qt3DCore.abi3.so", "PySide6/QtMultimedia.abi3.so",
                                 "PySide6/Qt/lib/libQt6Quick3D.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6",
                                 "PySide6/Qt/lib/libQt6Multimedia.so.6",
                                 "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
                                 "PySide6/Qt/plugins/sqldrivers", "PySide6/Qt/plugins/multimedia",
                                 "PySide6/Qt/plugins/platforms/libqeglfs.so",
                                 "PySide6/Qt/resources/qtwebengine_devtools_resources.pak",
                                 "pyphen/dictionaries/hyph_de_DE.dic")
                     if (INTERNAL / p).exists()]
        if shutil.which("icupkg"):  # the spec trims Qt's ICU data where icu-devtools is there
            icu = INTERNAL / "PySide6" / "Qt" / "lib" / "libicudata.so.73"
            assert icu.stat().st_size < 12e6, f"ICU data not trimmed: {icu.stat().st_size / 1e6:.0f} MB"
    assert not unwanted, f"should not be bundled: {unwanted}"


@pytest.mark.skipif(not LINUX, reason="ELF symbol tables (the spec strips them on Linux)")
def test_binaries_stripped(frozen_app):
    """Shared libraries lose their symbol tables (~70 MB); only those whose stripped copy the
    loader rejects keep them (patchelf-edited OpenBLAS, a few of Python's own modules that a
    plain dlopen cannot load -- the spec checks each copy)."""
    for big in ("libpython3.11.so.1.0",):
        assert not _has_symtab(INTERNAL / big), f"{big} still has its symbol table"
    assert any(not _has_symtab(p) for p in (INTERNAL / "pyogrio.libs").glob("libgdal*"))
    allowed = ("libscipy_openblas", "python3.11/lib-dynload/")
    with_symbols = [p.relative_to(INTERNAL).as_posix() for p in INTERNAL.rglob("*.so*")
                    if p.is_file() and not p.is_symlink() and _has_symtab(p)]
    unexpected = [p for p in with_symbols if not any(a in p for a in allowed)]
    assert not unexpected, f"not stripped: {unexpected[:10]}"


def _has_symtab(path: Path) -> bool:
    import struct

    with path.open("rb") as fh:
        head = fh.read(64)
        if len(head) < 64 or head[:4] != b"\x7fELF" or head[4] != 2 or head[5] != 1:
            return False
        (shoff,) = struct.unpack_from("<Q", head, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", head, 0x3A)
        if not shoff or not shnum:
            return False
        fh.seek(shoff)
        table = fh.read(shentsize * shnum)
    return any(struct.unpack_from("<I", table, i * shentsize + 4)[0] == 2
               for i in range(len(table) // shentsize))


def test_selftest_offline(frozen_app, offline_env, offline_prefix, tmp_path, installer_metrics):
    proc, seconds = run_frozen(["--selftest"], offline_env, offline_prefix, tmp_path, timeout=900)
    assert proc.returncode == 0, _explain(proc)
    lines = proc.stdout.splitlines()
    assert lines and lines[-1].strip() == "OK", _explain(proc)
    assert "0 network references" in proc.stdout, _explain(proc)
    assert "fiktiv" in proc.stdout, _explain(proc)
    network = "no network (unshare --net)" if offline_prefix else "dead proxy"
    installer_metrics["selftest wall time"] = f"{seconds:.1f} s (frozen, offline: {network})"


def test_bundle_check(frozen_app, offline_env, offline_prefix, tmp_path):
    """Every bundled file is found inside the bundle; numba, the cluster kernels, WeasyPrint, Qt ... work."""
    proc, _ = run_frozen(["--bundle-check"], offline_env, offline_prefix, tmp_path, timeout=900)
    assert proc.returncode == 0 and proc.stdout.rstrip().endswith("OK"), _explain(proc)
    assert "FAIL" not in proc.stdout, _explain(proc)


def test_themes_and_exports(frozen_app, offline_env, offline_prefix, tmp_path, installer_metrics):
    """The themes pipeline (numpy cluster kernels) and the PNG/XLSX/GeoPackage exports, frozen."""
    xlsx, png, gpkg = tmp_path / "soner.xlsx", tmp_path / "kart.png", tmp_path / "soner.gpkg"
    proc, first = run_frozen(["export-zones", "--themes", "--out", str(xlsx)],
                             offline_env, offline_prefix, tmp_path)
    assert proc.returncode == 0, _explain(proc)
    assert xlsx.read_bytes()[:2] == b"PK", "not an XLSX (zip) file"

    proc, second = run_frozen(["export-map", "--indicator", "composite_score", "--out", str(png)],
                              offline_env, offline_prefix, tmp_path)
    assert proc.returncode == 0, _explain(proc)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"

    proc, _ = run_frozen(["export-zones", "--out", str(gpkg)], offline_env, offline_prefix, tmp_path)
    assert proc.returncode == 0, _explain(proc)
    import pyogrio

    info = pyogrio.read_info(gpkg, layer=0)  # the zones; a second layer describes the columns
    assert info["features"] == 50
    assert "25832" in str(info["crs"])
    installer_metrics["themes+XLSX, cold cache"] = f"{first:.0f} s"
    installer_metrics["map PNG"] = f"{second:.0f} s"


def test_transit_matrix_frozen(frozen_app, offline_env, offline_prefix, tmp_path, installer_metrics):
    """The travel-time matrix and isochrones on the demo feed: the AOT kernels, frozen."""
    import csv
    import io
    import zipfile

    feed = INTERNAL / "geodata" / "demo" / "gtfs.zip"
    rows = list(csv.DictReader(io.StringIO(zipfile.ZipFile(feed).read("stops.txt")
                                           .decode("utf-8-sig"))))
    stops = tmp_path / "stops.csv"
    stops.write_text("id,lon,lat\n" + "".join(f"{r['stop_id']},{r['stop_lon']},{r['stop_lat']}\n"
                                              for r in rows[:30]), encoding="utf-8")
    out = tmp_path / "tm.csv"
    proc, seconds = run_frozen(["transit-matrix", "--gtfs", str(feed), "--origins", str(stops),
                                "--destinations", str(stops), "--out", str(out)],
                               offline_env, offline_prefix, tmp_path)
    assert proc.returncode == 0, _explain(proc)
    table = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(table) == 30 * 30, f"{len(table)} rows"
    # the same numbers as numba's JIT in the development environment
    dev_out = tmp_path / "tm_dev.csv"
    dev_env = {k: v for k, v in offline_env.items() if not k.startswith("UNGTLOFT_AOT")}
    dev = subprocess.run([sys.executable, "-m", "ungtloft_map", "transit-matrix", "--gtfs",
                          str(feed), "--origins", str(stops), "--destinations", str(stops),
                          "--out", str(dev_out)], env=dev_env | {"UNGTLOFT_AOT": "0"}, cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert dev.returncode == 0, dev.stderr[-2000:]
    assert out.read_text("utf-8") == dev_out.read_text("utf-8")
    iso = tmp_path / "iso.geojson"
    proc, _ = run_frozen(["isochrone", "--gtfs", str(feed), "--lon", rows[0]["stop_lon"], "--lat",
                          rows[0]["stop_lat"], "--minutes", "15,30", "--out", str(iso)],
                         offline_env, offline_prefix, tmp_path)
    assert proc.returncode == 0, _explain(proc)
    assert len(json.loads(iso.read_text("utf-8"))["features"]) == 2
    installer_metrics["transit-matrix 30x30 demo"] = f"{seconds:.1f} s"


def _children(pid: int) -> list[tuple[int, str]]:
    """(pid, executable) of the processes whose parent is ``pid`` (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            ppid = int(text.rsplit(")", 1)[1].split()[1])
            if ppid != pid:
                continue
            child = int(stat.parent.name)
            try:
                exe = os.readlink(stat.parent / "exe")
            except OSError:
                exe = text.split("(", 1)[1].rsplit(")", 1)[0]
            out.append((child, exe))
        except (OSError, ValueError, IndexError):
            continue
    return out


@pytest.mark.skipif(not LINUX, reason="watches the QtWebEngineProcess child through /proc (Linux)")
def test_window_starts_offscreen(frozen_app, offline_env, offline_prefix, tmp_path, installer_metrics):
    """The window opens offscreen, Chromium's helper process starts, nothing crashes."""
    log = tmp_path / "gui.log"
    helpers: list[int] = []
    with log.open("w", encoding="utf-8") as fh:
        t0 = time.perf_counter()
        proc = subprocess.Popen([*offline_prefix, str(GUI_EXE)], env=offline_env, cwd=tmp_path,
                                stdout=fh, stderr=subprocess.STDOUT)
        try:
            found = None
            while time.perf_counter() - t0 < 300 and found is None:
                assert proc.poll() is None, f"the app exited ({proc.returncode}):\n{log.read_text()}"
                found = next((c for c in _children(proc.pid) if "QtWebEngineProc" in c[1]), None)
                time.sleep(1)
            assert found is not None, f"no QtWebEngineProcess after 300 s:\n{_tail(log.read_text())}"
            started = time.perf_counter() - t0
            helpers = [found[0]]
            time.sleep(10)  # the page loads, the themes worker runs
            assert proc.poll() is None, f"the app exited ({proc.returncode}):\n{log.read_text()}"
            assert found[1].startswith(str(APP)) or not found[1].startswith("/"), found
            helpers += [c for c, _ in _children(found[0])]
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            deadline = time.time() + 15
            for pid in helpers:  # Chromium's helpers leave with their parent; make sure
                while Path(f"/proc/{pid}").exists() and time.time() < deadline:
                    time.sleep(0.5)
                if Path(f"/proc/{pid}").exists():
                    try:
                        os.kill(pid, 9)
                    except OSError:
                        pass
    output = log.read_text("utf-8", "replace")
    assert "Traceback" not in output, output
    installer_metrics["window -> QtWebEngineProcess"] = f"{started:.1f} s"
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "frozen-gui.log").write_text(output, encoding="utf-8")


def test_metrics_written(frozen_app, installer_metrics):
    """Keep the numbers of this run next to the build (build/ is not committed)."""
    out = ROOT / "build" / "frozen-metrics.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(installer_metrics, indent=1, ensure_ascii=False), encoding="utf-8")
