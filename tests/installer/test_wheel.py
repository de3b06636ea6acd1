"""A plain package (issue #15, point 4): the wheel works without the source checkout.

``python -m build`` makes the sdist and, from it, the wheel (so ``MANIFEST.in`` and the
``setup.py`` hook that copies ``geodata/demo`` and ``resources/`` into
``ungtloft_map/_bundled/`` are both exercised). The wheel is installed, not editable, into a
fresh venv, and every command runs from a scratch directory outside the checkout.

The fresh venv must not download the ~1 GB of dependencies again: it is made with
``--without-pip`` from the same interpreter, gets a ``.pth`` file naming the project venv's
site-packages (a plain path line: ``.pth`` files *inside* that folder, such as the editable
install's finder hook, are not processed, so the checkout stays invisible), and the wheel goes
in with ``pip --python VENV install --no-deps --no-index``. The venv's own site-packages comes
first on ``sys.path``, so ``ungtloft_map`` is the installed wheel's -- the tests check
``ungtloft_map.__file__`` to be sure.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = "Scripts" if sys.platform == "win32" else "bin"
EXE = ".exe" if sys.platform == "win32" else ""

pytestmark = pytest.mark.slow


def _explain(proc: subprocess.CompletedProcess) -> str:
    tail = lambda text: "\n".join(text.splitlines()[-40:])  # noqa: E731
    return f"exit {proc.returncode}\n--- stdout\n{tail(proc.stdout)}\n--- stderr\n{tail(proc.stderr)}"


def _run(cmd: list[str], *, cwd: Path, env: dict | None = None, timeout: float = 600):
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel ``python -m build`` makes from the checkout (via the sdist)."""
    pytest.importorskip("build", reason="the `build` package (test extra) is not installed")
    out = tmp_path_factory.mktemp("dist")
    proc = _run([sys.executable, "-m", "build", "--outdir", out, ROOT], cwd=out, timeout=900)
    assert proc.returncode == 0, "python -m build failed: " + _explain(proc)
    wheels = list(out.glob("ungtloft_map-*.whl"))
    assert len(wheels) == 1, list(out.iterdir())
    assert len(list(out.glob("ungtloft_map-*.tar.gz"))) == 1, list(out.iterdir())
    return wheels[0]


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed (not editable) over the project venv's packages."""
    root = tmp_path_factory.mktemp("venv")
    proc = _run([sys.executable, "-m", "venv", "--without-pip", root], cwd=root)
    assert proc.returncode == 0, _explain(proc)
    python = root / BIN / f"python{EXE}"
    proc = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=root)
    assert proc.returncode == 0, _explain(proc)
    site = Path(proc.stdout.strip())
    deps = sysconfig.get_paths()["purelib"]  # this venv's: PySide6, geopandas, numba ...
    (site / "_ungtloft_test_deps.pth").write_text(deps + "\n", encoding="utf-8")
    ours = sorted(Path(deps).glob("ungtloft_map-*.dist-info"))
    proc = _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
                 "--no-index", "--disable-pip-version-check", wheel], cwd=root)
    assert proc.returncode == 0, "pip install of the wheel failed: " + _explain(proc)
    # pip sees the project's own (editable) install through the .pth and must leave it alone
    # ("Not uninstalling ..., outside environment").
    assert sorted(Path(deps).glob("ungtloft_map-*.dist-info")) == ours
    assert all(p.exists() for p in ours)
    assert (root / BIN / f"ungtloft-map{EXE}").exists(), "no ungtloft-map command was installed"
    return root


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict:
    """No PYTHONPATH or demo override leaking the checkout in; scratch caches and settings."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "UNGTLOFT_DEMO_DIR", "PYTHONSTARTUP"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    home = tmp_path_factory.mktemp("home")
    for key in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        env[key] = str(home / key.lower())
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@pytest.fixture()
def app(venv, env, tmp_path):
    """Run ``ungtloft-map ARGS`` of the installed wheel in ``tmp_path`` (outside the checkout)."""

    def run(*args: str | Path, timeout: float = 600) -> subprocess.CompletedProcess:
        return _run([venv / BIN / f"ungtloft-map{EXE}", *args], cwd=tmp_path, env=env,
                    timeout=timeout)

    return run


@pytest.fixture(scope="module")
def installed(venv, env, tmp_path_factory) -> dict:
    """Where the installed package and its bundled folders are, as the package itself says."""
    code = ("import json, ungtloft_map, ungtloft_map.paths as p; print(json.dumps({"
            "'package': ungtloft_map.__file__, 'demo': str(p.demo_dir()), "
            "'resources': str(p.resources_dir())}))")
    cwd = tmp_path_factory.mktemp("where")
    proc = _run([venv / BIN / f"python{EXE}", "-c", code], cwd=cwd, env=env)
    assert proc.returncode == 0, _explain(proc)
    return {k: Path(v) for k, v in json.loads(proc.stdout.strip().splitlines()[-1]).items()}


# ------------------------------------------------------------------------------------------------
def test_wheel_holds_demo_and_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("geodata/demo/manifest.json", "geodata/demo/fjordvik.gpkg",
                 "geodata/demo/gtfs.zip", "geodata/demo/plans/plan_a_boligfelt.geojson",
                 "resources/icons/ungtloft-map.png", "resources/styles/ungtloft.qss",
                 "resources/help/brukerveiledning.md",
                 "resources/translations/ungtloft_map_en.qm"):
        assert f"ungtloft_map/_bundled/{name}" in names, name
    assert "ungtloft_map/core/data/catalogue.json" in names
    assert any(n.startswith("ungtloft_map/reports/templates/") for n in names)
    assert not any(n.endswith(".ts") for n in names), "the .ts sources stay out of the wheel"
    # Every file of the committed demo is in the wheel, byte for byte.
    demo = ROOT / "geodata" / "demo"
    with zipfile.ZipFile(wheel) as zf:
        for path in demo.rglob("*"):
            if path.is_file():
                rel = path.relative_to(demo).as_posix()
                assert zf.read(f"ungtloft_map/_bundled/geodata/demo/{rel}") == path.read_bytes(), rel


def test_installed_package_is_not_the_checkout(venv, installed):
    for key, path in installed.items():
        assert venv in path.parents, f"{key} comes from {path}, not from the installed wheel"
        assert ROOT not in path.parents, f"{key} comes from the checkout: {path}"
    assert (installed["demo"] / "manifest.json").is_file()
    assert installed["demo"].parts[-3:] == ("_bundled", "geodata", "demo")


def test_selftest(app):
    proc = app("--selftest")
    assert proc.returncode == 0, _explain(proc)
    assert proc.stdout.splitlines()[-1].strip() == "OK", _explain(proc)
    assert "0 network references" in proc.stdout and "fiktiv" in proc.stdout, _explain(proc)


def test_export_map_and_zones(app, tmp_path):
    proc = app("export-map", "--indicator", "low_income", "--scheme", "fisherjenks", "--k", "5",
               "--out", "map.html")
    assert proc.returncode == 0, _explain(proc)
    page = (tmp_path / "map.html").read_text("utf-8")
    assert "L.map" in page or "leaflet" in page.lower()
    assert "fiktiv" in page.lower()  # the fictional-data label on every map

    proc = app("export-zones", "--out", "zones.csv")
    assert proc.returncode == 0, _explain(proc)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "zones.csv").read_text("utf-8-sig"))))
    assert len(rows) == 50
    assert "zone_id" in rows[0]


def test_rank(app, tmp_path):
    proc = app("rank", "--top", "10", "--out", "ranking.csv")
    assert proc.returncode == 0, _explain(proc)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "ranking.csv").read_text("utf-8-sig"))))
    assert 10 <= len(rows) < 50  # the top 10, ties kept
    assert "zone_id" in rows[0]


def test_report_on_bundled_plans(app, installed, tmp_path):
    plans = installed["demo"] / "plans"
    proc = app("report", "--plan", plans / "plan_a_boligfelt.geojson", "--out", "report.pdf")
    assert proc.returncode == 0, _explain(proc)
    assert (tmp_path / "report.pdf").read_bytes()[:5] == b"%PDF-"

    proc = app("report", "--plans", plans, "--out", "plans.csv")
    assert proc.returncode == 0, _explain(proc)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "plans.csv").read_text("utf-8-sig"))))
    assert len(rows) == 3


def _stops(feed: Path, n: int) -> list[tuple[str, float, float]]:
    with zipfile.ZipFile(feed) as zf:
        reader = csv.DictReader(io.StringIO(zf.read("stops.txt").decode("utf-8-sig")))
        stops = [(r["stop_id"], float(r["stop_lon"]), float(r["stop_lat"])) for r in reader]
    step = max(1, len(stops) // n)
    return stops[::step][:n]


def test_transit_on_bundled_feed(app, installed, tmp_path):
    feed = installed["demo"] / "gtfs.zip"
    stops = _stops(feed, 6)
    for name, part in (("origins.csv", stops[:4]), ("destinations.csv", stops[4:])):
        text = "id,lon,lat\n" + "".join(f"{sid},{lon},{lat}\n" for sid, lon, lat in part)
        (tmp_path / name).write_text(text, encoding="utf-8")
    proc = app("transit-matrix", "--gtfs", feed, "--origins", "origins.csv",
               "--destinations", "destinations.csv", "--out", "matrix.csv")
    assert proc.returncode == 0, _explain(proc)
    rows = list(csv.reader(io.StringIO((tmp_path / "matrix.csv").read_text("utf-8-sig"))))
    assert len(rows) > 1

    _, lon, lat = stops[0]
    proc = app("isochrone", "--gtfs", feed, "--lon", str(lon), "--lat", str(lat),
               "--minutes", "15,30", "--out", "iso.geojson")
    assert proc.returncode == 0, _explain(proc)
    iso = json.loads((tmp_path / "iso.geojson").read_text("utf-8"))
    assert iso["type"] == "FeatureCollection" and len(iso["features"]) == 2


def test_translations_and_resources_load_in_qt(venv, env, tmp_path):
    """The compiled .qm in the wheel loads in QTranslator and translates a menu title."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication, QTranslator\n"
        "from ungtloft_map._qt.i18n import qm_path\n"
        "from ungtloft_map.paths import resources_dir\n"
        "app = QCoreApplication(sys.argv)\n"
        "t = QTranslator()\n"
        "assert t.load(str(qm_path('en'))), qm_path('en')\n"
        "print(qm_path('en'))\n"
        "print(t.translate('MenusMixin', '&Fil'))\n"
        "print((resources_dir() / 'styles' / 'ungtloft.qss').is_file())\n"
    )
    proc = _run([venv / BIN / f"python{EXE}", "-c", code], cwd=tmp_path, env=env)
    assert proc.returncode == 0, _explain(proc)
    qm, title, qss = proc.stdout.strip().splitlines()[-3:]
    assert venv in Path(qm).parents
    assert title == "&File"
    assert qss == "True"
