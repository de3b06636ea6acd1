"""``UngtLoftMap --bundle-check``: is every file the frozen app needs in the bundle?

Bundled with the frozen app (see ``installer/entry.py``). Prints one line per check --
where the demo data, resources, Leaflet, folium/branca templates, PROJ and GDAL data, the Qt
WebEngine helper and its resources were found, and whether the compiled kernels, the cluster kernels, matplotlib (Agg),
openpyxl and WeasyPrint work -- and exits 1 when something is missing. The support answer to
"the installed app does not start". Runs from a source checkout too (``python
installer/bundle_check.py``), where it checks the development environment instead.
"""

from __future__ import annotations

import io
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

BUNDLE = Path(getattr(sys, "_MEIPASS", "")) if getattr(sys, "frozen", False) else None


def _inside(path: str | os.PathLike) -> str:
    """``path``, marked when a frozen app finds it outside its own bundle."""
    p = Path(path)
    if BUNDLE is not None:
        try:
            return str(p.resolve().relative_to(BUNDLE.resolve()))
        except ValueError:
            raise AssertionError(f"{p} is outside the bundle {BUNDLE}") from None
    return str(p)


def _exists(path: Path) -> str:
    if not path.exists():
        raise AssertionError(f"missing: {path}")
    return _inside(path)


# ------------------------------------------------------------------------------------------
def check_demo() -> str:
    from ungtloft_map.paths import demo_dir

    return _exists(demo_dir() / "manifest.json")


def check_resources() -> str:
    from ungtloft_map.paths import resources_dir

    res = resources_dir()
    _exists(res / "icons" / "ungtloft-map.png")
    qm = sorted(p.name for p in (res / "translations").glob("*.qm"))
    return f"{_inside(res)} (translations: {', '.join(qm) or 'none'})"


def check_package_data() -> str:
    from importlib import resources

    from ungtloft_map.reports._common import TEMPLATES_DIR

    cat = resources.files("ungtloft_map.core").joinpath("data/catalogue.json").read_text("utf-8")
    templates = sorted(p.name for p in TEMPLATES_DIR.iterdir())
    if not templates:
        raise AssertionError(f"no report templates in {TEMPLATES_DIR}")
    return f"catalogue.json {len(cat)} chars; templates: {', '.join(templates)}"


def check_commands() -> str:
    import pkgutil

    from ungtloft_map import commands

    names = sorted(m.name for m in pkgutil.iter_modules(commands.__path__))
    if not {"export", "transit"} <= set(names):
        raise AssertionError(f"sub-command modules not discoverable: {names}")
    return ", ".join(names)


def check_leaflet() -> str:
    import xstatic.pkg.leaflet as xl

    from ungtloft_map.maps.offline import OfflineMap, external_references, leaflet_assets

    version, js, css = leaflet_assets()
    html = OfflineMap(location=[63.43, 10.39], zoom_start=11).get_root().render()
    ext = external_references(html)
    if ext:
        raise AssertionError(f"page references the network: {ext[:2]}")
    return f"Leaflet {version} from {_inside(xl.BASE_DIR)} ({len(js) // 1000} kB JS); folium/branca templates render"


def check_xyzservices() -> str:
    import xyzservices.providers as xyz

    return f"{len(xyz.flatten())} tile providers"


def check_proj() -> str:
    import pyproj

    data = Path(pyproj.datadir.get_data_dir())
    _exists(data / "proj.db")
    x, y = pyproj.Transformer.from_crs(25832, 4326, always_xy=True).transform(569000, 7034000)
    if not (10 < x < 11 and 63 < y < 64):
        raise AssertionError(f"EPSG:25832 -> 4326 gave {x}, {y}")
    return f"PROJ {pyproj.proj_version_str}, data {_inside(data)}"


def check_gdal() -> str:
    import pyogrio
    from pyogrio._ogr import has_gdal_data, has_proj_data

    from ungtloft_map.paths import demo_dir

    gdal_data = pyogrio.get_gdal_data_path()
    if not (gdal_data and has_gdal_data()):
        raise AssertionError("GDAL_DATA not found")
    if not has_proj_data():
        raise AssertionError("GDAL's PROJ has no proj.db")
    info = pyogrio.read_info(demo_dir() / "fjordvik.gpkg", layer="zones")
    if "25832" not in str(info["crs"]):
        raise AssertionError(f"zones CRS read as {info['crs']!r}")
    return f"GDAL {pyogrio.__gdal_version_string__}, data {_inside(gdal_data)}; demo CRS {info['crs']}"


def check_kernels() -> str:
    """The transit scans and the GTFS time parser on a two-stop trip, and how they are compiled.

    Frozen, they must come from the ahead-of-time module (``installer/aot_build.py``) and
    numba/llvmlite must not be loaded (the bundle does not ship them); from a checkout they are
    numba's JIT.
    """
    import numpy as np

    from ungtloft_map.core import _jit
    from ungtloft_map.core.analysis.transit import _fast
    from ungtloft_map.core.io.gtfs.stop_times import parse_gtfs_time

    def i4(*v):
        return np.array(v, dtype=np.int32)

    # one trip 0 -> 1 -> 2 (dep 100 arr 200, dep 250 arr 300), no footpaths, 10 s walk to stop 0
    conn = (i4(100, 250), i4(200, 300), i4(0, 1), i4(1, 2), i4(0, 0), np.ones(2, bool),
            np.ones(2, bool), np.zeros(4, np.int64), i4(), i4())
    inf = 1 << 29
    fwd = _fast.forward_stop_arrivals(*conn, 3, 1, i4(0), i4(10), i4(50), np.int32(1000))
    tgt = _fast.target_arrivals(*conn, i4(inf, inf, 0), 1, np.array([0, 1, 2, 2]),
                                np.int32(10000), np.array([0, 1]), i4(0), i4(10), i4(inf),
                                i4(50, 95), 0, 1)
    if fwd.tolist() != [[inf, 200, 300]] or tgt.tolist() != [[300, inf]]:
        raise AssertionError(f"transit kernels gave {fwd.tolist()} and {tgt.tolist()}")
    if parse_gtfs_time("25:10:00") != 90600:
        raise AssertionError("GTFS time parser gave a wrong answer")
    mod = _jit.aot_module()
    loaded = sorted(m for m in ("numba", "llvmlite") if m in sys.modules)
    if BUNDLE is not None:
        if mod is None:
            raise AssertionError("the ahead-of-time kernels (ungtloft_map/core/_aot_kernels) "
                                 "are not in the bundle")
        if loaded:
            raise AssertionError(f"{', '.join(loaded)} imported in the frozen app")
    if mod is not None:
        return f"ahead-of-time module {_inside(mod.__file__)}; numba not loaded" if not loaded \
            else f"ahead-of-time module {mod.__file__}"
    import numba

    return f"numba {numba.__version__} JIT (no ahead-of-time module here)"


def check_spatial_stats() -> str:
    """The app's own cluster kernels (numpy/scipy) on a 6 x 6 lattice, and mapclassify's schemes.

    Frozen, mapclassify runs without scikit-learn (not bundled; core/_jit.py) and Fisher-Jenks
    comes from the ahead-of-time kernels.
    """
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    from shapely.geometry import box

    from ungtloft_map.core.analysis.clusters import local_moran, spatial_weights
    from ungtloft_map.maps.classify import _mapclassify, classify

    cells = [box(x * 250, y * 250, (x + 1) * 250, (y + 1) * 250) for y in range(6) for x in range(6)]
    zones = gpd.GeoDataFrame(geometry=cells, crs=25832, index=pd.Index(range(36), name="zone_id"))
    values = pd.Series(np.where(zones.centroid.x < 750, 10.0, 1.0), index=zones.index)
    res = local_moran(values, spatial_weights(zones), permutations=99)
    labels = sorted(res.labels.unique())
    if labels != ["High-High", "Ikke signifikant", "Low-Low"]:
        raise AssertionError(f"local_moran on a 6 x 6 lattice gave labels {labels}")
    for name in ("esda", "libpysal"):
        if name in sys.modules:
            raise AssertionError(f"{name} was imported (the app's cluster kernels must not need it)")
    mc = _mapclassify()
    data = [1.0, 1.1, 1.2, 5.0, 5.1, 5.2, 9.0, 9.1, 9.2, 9.3]
    fj = classify(data, scheme="fisherjenks", k=3).bins
    if [round(b, 1) for b in fj] != [1.2, 5.2, 9.3]:
        raise AssertionError(f"Fisher-Jenks on three clusters gave breaks {fj}")
    classify(data, scheme="boxplot")
    classify(data, scheme="percentiles")
    sklearn = "scikit-learn not loaded" if "sklearn" not in sys.modules else "scikit-learn loaded"
    return (f"local_moran on 36 cells: {', '.join(labels)}; mapclassify {mc.__version__} "
            f"(Fisher-Jenks, box plot, percentiles), {sklearn}")


def check_qt_icu() -> str:
    """Qt's ICU data (trimmed in the bundle: installer/icu_trim.py): Norwegian collation, code pages."""
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder

    order = sorted(["Aas", "Zeta", "Åfjord", "Ørland", "Oslo"], key=QCollator(QLocale("nb_NO")).sortKey)
    if order != ["Oslo", "Zeta", "Ørland", "Åfjord", "Aas"]:
        raise AssertionError(f"Norwegian collation gave {order}")
    for codec in ("windows-1252", "ISO-8859-15"):
        if not QStringDecoder(codec).isValid():
            raise AssertionError(f"no {codec} decoder")
    return "nb collation (… Ø, Å, Aa), windows-1252 and ISO-8859-15 decoders"


def check_matplotlib() -> str:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(1, 1))
    fig.add_subplot().plot([0, 1], [0, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return f"matplotlib {matplotlib.__version__} {matplotlib.get_backend()}, data {_inside(matplotlib.get_data_path())}"


def check_openpyxl() -> str:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "Fjordvik"
    wb.save(io.BytesIO())
    return f"openpyxl {openpyxl.__version__}"


def check_weasyprint() -> str:
    import weasyprint

    pdf = weasyprint.HTML(string="<h1>UngtLøft</h1><p>æøå</p>").write_pdf()
    if not pdf.startswith(b"%PDF"):
        raise AssertionError("WeasyPrint did not write a PDF")
    return f"WeasyPrint {weasyprint.__version__}: {len(pdf)} byte PDF"


def check_qtwebengine() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QFile, QLibraryInfo
    from PySide6.QtWebChannel import QWebChannel  # noqa: F401 -- loads qwebchannel.js resource
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401

    lp = QLibraryInfo.LibraryPath
    exe_dir = Path(QLibraryInfo.path(lp.LibraryExecutablesPath))
    helper = exe_dir / ("QtWebEngineProcess.exe" if sys.platform == "win32" else "QtWebEngineProcess")
    if sys.platform == "darwin":  # inside the QtWebEngineCore framework
        helper = next(Path(QLibraryInfo.path(lp.LibrariesPath)).rglob("QtWebEngineProcess"), helper)
    _exists(helper)
    data = Path(QLibraryInfo.path(lp.DataPath)) / "resources"
    for name in ("qtwebengine_resources.pak", "icudtl.dat"):
        _exists(data / name)
    locales = Path(QLibraryInfo.path(lp.TranslationsPath)) / "qtwebengine_locales"
    _exists(locales / "en-US.pak")
    if not QFile(":/qtwebchannel/qwebchannel.js").exists():
        raise AssertionError("qrc:/qtwebchannel/qwebchannel.js missing")
    return f"PySide6 {pyside_version}, helper {_inside(helper)}"


CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("demo data", check_demo),
    ("resources", check_resources),
    ("package data", check_package_data),
    ("sub-commands", check_commands),
    ("leaflet+folium", check_leaflet),
    ("xyzservices", check_xyzservices),
    ("PROJ (pyproj)", check_proj),
    ("GDAL (pyogrio)", check_gdal),
    ("kernels", check_kernels),
    ("clusters+classify", check_spatial_stats),
    ("matplotlib", check_matplotlib),
    ("openpyxl", check_openpyxl),
    ("WeasyPrint", check_weasyprint),
    ("QtWebEngine", check_qtwebengine),
    ("Qt ICU", check_qt_icu),
]


def main() -> int:
    where = f"bundle {BUNDLE}" if BUNDLE is not None else f"source, Python {sys.executable}"
    print(f"UngtLoft Map bundle check ({where})")
    failed = 0
    for name, check in CHECKS:
        try:
            detail = check()
            print(f"  ok    {name:<16} {detail}")
        except Exception as err:  # noqa: BLE001 -- report every failure, go on
            failed += 1
            print(f"  FAIL  {name:<16} {type(err).__name__}: {err}")
            if os.environ.get("UNGTLOFT_BUNDLE_CHECK_TRACE"):
                traceback.print_exc()
    print("OK" if not failed else f"FAILED: {failed} check(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
