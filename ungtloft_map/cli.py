"""``ungtloft-map``: the desktop app, and the same core from the command line.

``ungtloft-map`` opens the window on the demo data; ``ungtloft-map --project DIR`` on a dataset;
``ungtloft-map --selftest`` loads the demo headless, builds the map page and exits 0 (the
installer's smoke test). Sub-commands (``export-map``, ``transit-matrix``, ``report`` ...) are
discovered from the modules in :mod:`ungtloft_map.commands`, each with a ``register(subparsers)``
function.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from pathlib import Path

from . import __version__
from .core.errors import UngtloftError


def _add_commands(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    try:
        from . import commands
    except ImportError:  # pragma: no cover - the package is part of the app
        return
    for mod in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{mod.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(sub)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ungtloft-map",
        description="UngtLøft Map – levekår, grøntstruktur, kollektivtilgang og kommunale boliger per levekårssone.",
    )
    parser.add_argument("--version", action="version", version=f"UngtLøft Map {__version__}")
    parser.add_argument("--project", type=Path, help="dataset folder (with manifest.json), its manifest.json, or a "
                        "saved project (.ulmap); default: the fictional demo")
    parser.add_argument("--selftest", action="store_true",
                        help="load the data headless, build the map page, print a summary and exit")
    _add_commands(parser)
    return parser


def selftest(project_dir: Path | None = None) -> int:
    """Load a dataset, compute the themes its data allows, build the zone map page, check it is
    offline; 0 on success. Results the data cannot give are listed with what they need."""
    import dataclasses

    from .core.pipeline import compute_themes, default_column, result_of_column
    from .core.session import Session
    from .maps.offline import external_references
    from .maps.zonemap import build_zone_map

    t0 = time.perf_counter()
    session = Session.open(project_dir)  # a folder, a manifest.json or a .ulmap
    project = session.project
    zt = session.zone_table
    t1 = time.perf_counter()
    # Clusters are left out: their permutation kernel compiles for seconds and the map needs none.
    themes = compute_themes(project, session.year,
                            settings=dataclasses.replace(session.analysis, compute_clusters=False))
    t2 = time.perf_counter()
    zt = themes.zone_table
    column = default_column(zt) or "area_km2"
    html = build_zone_map(zt, column).html()
    t3 = time.perf_counter()
    ext = external_references(html)
    new = [c for c in zt.theme_columns() if c not in session.zone_table.gdf.columns]
    computed = list(dict.fromkeys(result_of_column(c) or c for c in new))
    if project.indicators is not None:
        computed.insert(0, "levekar")
    print(f"UngtLøft Map {__version__} selftest")
    print(f"  dataset:   {project.name}{' (fiktiv)' if project.fictional else ''}")
    print(f"  zones:     {len(zt)}   years: {', '.join(map(str, project.years)) or '-'}")
    print(f"  layers:    {', '.join(sorted(project.layers))}{', GTFS' if project.gtfs_path else ''}")
    print(f"  computed:  {', '.join(computed) or '-'} ({len(new)} theme columns)")
    for line in themes.describe_not_computed("en") + themes.describe_notes("en"):
        print(f"  {line}")
    print(f"  map page:  {column}, {len(html) / 1e6:.2f} MB, {len(ext)} network references")
    print(f"  load {t1 - t0:.2f} s, themes {t2 - t1:.2f} s (clusters not run), map {t3 - t2:.2f} s")
    if ext:
        print("FAILED: the map page references the network: " + "; ".join(ext[:3]), file=sys.stderr)
        return 1
    print("OK")
    return 0


#: Collection thresholds while a command-line process imports and runs (``gc`` defaults to
#: (700, 10, 10)): importing pandas, geopandas, matplotlib and WeasyPrint allocates millions of
#: long-lived objects, and the default thresholds walk them all again and again (~0.25 s of a
#: ``report``). Garbage is still collected, in larger batches; the window keeps the defaults.
COMMAND_LINE_GC = (20_000, 20, 20)


def _exiting(code: int, argv: list[str] | None) -> int:
    """A sub-command run from the command line (``argv`` None) is the whole process.

    Its garbage is collected now (finalizers run: WeasyPrint's temporary font folders ...) and
    what is left is frozen, so the interpreter's shutdown does not walk every object of pandas,
    matplotlib and WeasyPrint again (0.3-0.4 s of a ``report``). Called with ``argv`` (tests,
    scripts) nothing changes.
    """
    if argv is None:
        import gc

        gc.collect()
        gc.freeze()
    return code


def main(argv: list[str] | None = None) -> int:
    import gc

    default_gc = gc.get_threshold()
    if argv is None:
        gc.set_threshold(*COMMAND_LINE_GC)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "func", None) is not None:
            return _exiting(int(args.func(args) or 0), argv)
        if args.selftest:
            return selftest(args.project)
    except UngtloftError as err:
        print(f"ungtloft-map: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    from ._qt.app import run_gui

    gc.set_threshold(*default_gc)
    return run_gui(args.project)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
