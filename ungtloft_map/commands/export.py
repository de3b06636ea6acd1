"""``export-map`` and ``export-zones``: the GUI's exports for batch use and scripting."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.errors import DataError
from ._session import add_project_argument, open_session, year_of


def _zone_table(project, column: str | None, year: int | None, *, themes: bool = False, lang: str = "nb",
                analysis=None):
    """The ZoneTable; theme columns (index, clusters, green …) are computed only when asked for.

    ``themes`` computes every theme; a ``column`` that is not a column of the plain table
    computes them too (clusters only when the column is a cluster layer). What could not be
    computed is printed, one line each, in ``lang``. ``analysis``: the session's settings
    (a saved project's index method, weights ...); default: the app's defaults.
    """
    import dataclasses

    zt = project.zone_table(year)
    if not themes and (column is None or column in zt.gdf.columns):
        return zt
    from ..core.pipeline import AnalysisSettings, compute_themes, result_of_column

    clusters = themes or result_of_column(column) == "clusters"
    settings = dataclasses.replace(analysis or AnalysisSettings(), compute_clusters=clusters)
    res = compute_themes(project, year, settings)
    for line in res.describe_not_computed(lang) + res.describe_notes(lang):
        print(line)
    if column is not None and column not in res.zone_table.gdf.columns:
        why = res.not_computed.get(result_of_column(column) or "")
        if why is not None:
            raise DataError(why.text("en"), field="--indicator")
        known = ", ".join(res.zone_table.theme_columns())
        raise DataError(f"unknown indicator {column!r}; choose one of: {known}", field="--indicator")
    return res.zone_table


def _default_indicator(project, year: int | None, lang: str, analysis=None):
    """The zone table and its first indicator that exists (levekår first, then the themes)."""
    import dataclasses

    from ..core.pipeline import AnalysisSettings, compute_themes, default_column

    zt = project.zone_table(year)
    column = default_column(zt)
    if column is None:  # no levekår table: the theme layers the data allows
        settings = dataclasses.replace(analysis or AnalysisSettings(), compute_clusters=False)
        res = compute_themes(project, year, settings)
        for line in res.describe_not_computed(lang) + res.describe_notes(lang):
            print(line)
        zt = res.zone_table
        column = default_column(zt) or "area_km2"
    return zt, column


def _context(project) -> dict:
    roles = ("water", "green_areas", "buildings", "roads", "districts", "boundary")
    return {r: project.layer(r) for r in roles if project.layer(r) is not None}


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("size must look like 1600x1200") from None
    return w, h


def export_map(args) -> int:
    from ..maps.export import export_png, export_web_map

    session = open_session(args)
    project, year = session.project, year_of(args, session)
    saved = session.path is not None  # a .ulmap: its column and classes unless given here
    if args.indicator is None and saved and session.column:
        args.indicator = session.column
    if args.indicator is None:
        zt, args.indicator = _default_indicator(project, year, args.lang, session.analysis)
        print(f"indicator: {args.indicator} ({zt.info[args.indicator].label(args.lang)})")
    else:
        zt = _zone_table(project, args.indicator, year, lang=args.lang, analysis=session.analysis)
    out = Path(args.out)
    c = session.classification if saved else {}
    scheme = args.scheme or c.get("scheme") or "quantiles"
    k = args.k if args.k is not None else int(c.get("k") or 5)
    bins = [float(b) for b in args.bins.split(",")] if args.bins else (c.get("bins") if args.scheme is None else None)
    opts = {"scheme": scheme, "k": k, "bins": bins, "context": _context(project),
            "catalogue": project.catalogue, "threshold": args.threshold, "lang": args.lang}
    if out.suffix.lower() == ".html":
        search = {r: project.layer(r) for r in ("districts", "destinations") if project.layer(r) is not None}
        export_web_map(zt, args.indicator, out, basemap=args.basemap, search_layers=search, **opts)
    elif out.suffix.lower() == ".png":
        export_png(zt, args.indicator, out, size=args.size, **opts)
    elif out.suffix.lower() == ".pdf":
        from ..maps.print_layout import print_map

        print_map(zt, args.indicator, out, paper=args.paper, landscape=args.landscape, basemap=args.basemap,
                  **opts)
    else:
        raise DataError("the map is written as .html, .png or .pdf", file=out)
    print(f"wrote {out}")
    return 0


def export_zones_cmd(args) -> int:
    from ..core.export import export_zones

    session = open_session(args)
    project = session.project
    zt = _zone_table(project, None, year_of(args, session), themes=args.themes, lang=args.lang,
                     analysis=session.analysis)
    res = export_zones(zt, args.out, catalogue=project.catalogue, threshold=args.threshold, lang=args.lang)
    print(f"wrote {res.path} ({res.rows} zones, {res.columns} columns, {res.suppressed_cells} cells suppressed)")
    return 0


class _Help(argparse.HelpFormatter):
    """Fills in privacy's default threshold when help is shown: importing privacy (pandas) to
    build the parser would cost every other sub-command's start ~0.2 s."""

    def _get_help_string(self, action) -> str:
        text = super()._get_help_string(action) or ""
        if "{threshold}" in text:
            from ..core.analysis.privacy import DEFAULT_THRESHOLD

            text = text.replace("{threshold}", str(DEFAULT_THRESHOLD))
        return text


def register(subparsers) -> None:
    common = argparse.ArgumentParser(add_help=False)
    add_project_argument(common)
    common.add_argument("--year", type=int, help="indicator year (default: the latest)")
    common.add_argument("--threshold", type=int, default=None,
                        help="small-number suppression threshold (default {threshold})")
    common.add_argument("--lang", choices=("nb", "en"), default="nb")

    p = subparsers.add_parser("export-map", parents=[common], formatter_class=_Help, help="write a web map (.html), a map image (.png) or a print page (.pdf)")
    p.add_argument("--indicator", help="ZoneTable column, e.g. low_income or composite_score "
                                       "(default: the first indicator the data has)")
    p.add_argument("--scheme", default=None,
                   choices=("quantiles", "fisherjenks", "equalinterval", "percentiles", "boxplot", "userdefined"),
                   help="classification (default: a saved project's, else quantiles)")
    p.add_argument("--k", type=int, default=None, help="number of classes (default: a saved project's, else 5)")
    p.add_argument("--bins", help="user-defined upper bounds, comma-separated (with --scheme userdefined)")
    p.add_argument("--size", type=_size, default=(1600, 1200), help="PNG size in pixels, e.g. 1600x1200")
    p.add_argument("--basemap", default="vector",
                   help="background of the web map and the PDF: none, vector (the dataset's own layers; default), a preset "
                        "(kartverket-topo, kartverket-grå, kartverket-topo-wmts, osm), an XYZ/WMTS URL template "
                        "with {z}/{x}/{y} (the page fetches its tiles there), or a .mbtiles/.pmtiles/.gpkg file "
                        "(the tiles over the data are embedded in the HTML; warped beneath the zones in a PDF)")
    p.add_argument("--paper", type=str.upper, default="A4", choices=("A4", "A3"), help="PDF paper size (default A4)")
    p.add_argument("--landscape", action="store_true", help="PDF in landscape (default portrait)")
    p.add_argument("--out", required=True)
    p.set_defaults(func=export_map)

    z = subparsers.add_parser("export-zones", parents=[common], formatter_class=_Help,
                              help="write every ZoneTable column to .gpkg, .csv or .xlsx (suppressed)")
    z.add_argument("--themes", action="store_true",
                   help="include the theme layers (green, transit, housing, index, clusters); slower")
    z.add_argument("--out", required=True)
    z.set_defaults(func=export_zones_cmd)


