"""``report``: the plan assessment report (PDF/HTML) for one plan, or a CSV summary of many.

Examples
--------
::

    ungtloft-map report --plan geodata/demo/plans/plan_b_park.sos --out plan_b.pdf
    ungtloft-map report --plan plan.gml --project data/trondheim --buffer 1000 \\
        --municipal-units 20 --other-units 60 --lang en --out plan.html
    ungtloft-map report --plans geodata/demo/plans --out plans.csv

Without ``--project`` the fictional demo municipality is used. The output type follows the
suffix of ``--out`` (``.pdf``, ``.html``; ``.csv`` with ``--plans``). Files are written
atomically: on an error nothing (or the earlier file) is left at ``--out``. Errors print one
line on stderr and exit with code 2.

The CSV has one row per plan file in the folder (``plan_name, plan_id, file, area_ha,
residents_plan, residents_buffer, buffer_m, zones_touched, plan_zones, worst_composite_rank,
n_zones, cluster, green_covered_before_pct, green_covered_after_pct, green_removed_m2,
time_to_centre_min, municipal_share_before_pct, municipal_share_after_pct, n_obs, error``):
residents of 1–4 and the shares built on small counts are "–"; a plan that cannot be assessed
gets its message in ``error`` (the others are still written, and the exit code is 2).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

from ..core.errors import DataError, UngtloftError
from ._session import add_project_argument, open_session

__all__ = ["register", "run_report", "PLAN_SUFFIXES", "SUMMARY_COLUMNS"]

#: File types read as plans (as :func:`~ungtloft_map.core.io.plans.read_plan`).
PLAN_SUFFIXES = (".sos", ".sosi", ".gml", ".geojson", ".json", ".gpkg", ".shp", ".zip")
SUMMARY_COLUMNS = (
    "plan_name", "plan_id", "file", "area_ha", "residents_plan", "residents_buffer", "buffer_m",
    "zones_touched", "plan_zones", "worst_composite_rank", "n_zones", "cluster",
    "green_covered_before_pct", "green_covered_after_pct", "green_removed_m2", "time_to_centre_min",
    "municipal_share_before_pct", "municipal_share_after_pct", "n_obs", "error",
)


def register(subparsers) -> None:
    """Add the ``report`` sub-command."""
    p = subparsers.add_parser(
        "report", help="plan assessment report (PDF/HTML), or a CSV summary of a folder of plans",
        description="Assess a regulation plan against levekår, green structure, transit access and "
                    "municipal housing, and write the report (PDF or HTML, A4) -- or, with --plans, "
                    "one CSV row per plan file in a folder.")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--plan", type=Path, help="plan file (SOSI, Plan GML, GeoJSON, GeoPackage, Shapefile)")
    what.add_argument("--plans", type=Path, help="folder of plan files: write a CSV summary")
    # SUPPRESS: do not overwrite a --project given before the sub-command.
    add_project_argument(p)
    p.add_argument("--buffer", type=float, default=500.0, help="buffer around the plan in metres (default 500)")
    p.add_argument("--municipal-units", type=int, default=None,
                   help="municipal dwellings the plan adds (default: from the plan file)")
    p.add_argument("--other-units", type=int, default=None,
                   help="other dwellings the plan adds (default: from the plan file)")
    p.add_argument("--lang", choices=("nb", "en"), default="nb", help="report language (default nb)")
    p.add_argument("--out", type=Path, required=True, help="report.pdf | report.html | summary.csv")
    p.set_defaults(func=run_report)


def run_report(args) -> int:
    """Entry point of ``report``; returns the exit code (0, or 2 after an error)."""
    try:
        with warnings.catch_warnings():
            # GDAL's RuntimeWarnings ("Non closed ring detected") only repeat what the
            # DataError says, and would print a source line on the console.
            warnings.simplefilter("ignore", RuntimeWarning)
            if args.plan is not None:
                return _one(args)
            return _many(args)
    except UngtloftError as err:
        print(f"ungtloft-map: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # e.g. the output folder cannot be written
        print(f"ungtloft-map: {args.out}: {err.strerror or err}", file=sys.stderr)
        return 2


def _themes(session):
    from ..core.pipeline import compute_themes

    return compute_themes(session.project, session.year, session.analysis)


def _one(args) -> int:
    from ..core.workflows.plan import assess_plan
    from ..reports.plan_report import render_plan_report

    out = Path(args.out)
    fmt = {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(out.suffix.lower())
    if fmt is None:
        raise DataError("the report is written as .pdf or .html", file=out, field="--out")
    _check_plan_file(args.plan)
    session = open_session(args)
    project = session.project
    a = assess_plan(project, args.plan, themes=_themes(session), buffer_m=args.buffer,
                    municipal_units=args.municipal_units, other_units=args.other_units)
    # a saved project's place notes are listed for the zones the plan touches (as in the window)
    render_plan_report(a, lang=args.lang, fmt=fmt, path=out, notes=list(session.notes))
    print(f"wrote {out}: {a.plan_name}; {len(a.findings)} findings, {a.n_obs} marked obs")
    return 0


def _many(args) -> int:
    from ..core.io.atomic import atomic_path
    from ..core.workflows.plan import assess_plan

    folder, out = Path(args.plans), Path(args.out)
    if out.suffix.lower() != ".csv":
        raise DataError("the summary is written as .csv", file=out, field="--out")
    if not folder.is_dir():
        raise DataError("not a folder of plan files", file=folder, field="--plans")
    files = sorted(f for f in folder.iterdir() if f.is_file() and f.suffix.lower() in PLAN_SUFFIXES)
    if not files:
        raise DataError(f"no plan files ({', '.join(PLAN_SUFFIXES)}) in the folder", file=folder,
                        field="--plans")
    session = open_session(args)
    project = session.project
    themes = _themes(session)
    rows, failed = [], 0
    for f in files:
        try:
            a = assess_plan(project, f, themes=themes, buffer_m=args.buffer,
                            municipal_units=args.municipal_units, other_units=args.other_units)
        except UngtloftError as err:
            failed += 1
            print(f"ungtloft-map: {err}", file=sys.stderr)
            rows.append({"file": f.name, "error": str(err)})
            continue
        rows.append(summary_row(a))
        print(f"{f.name}: {a.plan_name}; {a.n_obs} obs")
    table = _frame(rows, project)
    with atomic_path(out) as tmp:
        # utf-8-sig so Excel opens æøå right (as the zone exports).
        table.to_csv(tmp, index=False, encoding="utf-8-sig")
    print(f"wrote {out}: {len(rows)} plan(s){f', {failed} could not be assessed' if failed else ''}")
    return 2 if failed else 0


def summary_row(a) -> dict:
    """The CSV row of one assessment, rounded and with small numbers suppressed ("–").

    Examples
    --------
    >>> summary_row(assessment)["residents_plan"]  # doctest: +SKIP
    51
    """
    from ..core.analysis.privacy import SUPPRESSED_LABEL as DASH
    from ..core.workflows.plan import cluster_label
    from ..reports._common import is_suppressed_count

    r = a.summary_row()
    out = dict(r)
    for col in ("residents_plan", "residents_buffer"):
        v = r[col]
        out[col] = DASH if is_suppressed_count(v) else int(round(v))
    out["area_ha"] = round(r["area_ha"], 2)
    out["cluster"] = cluster_label(r["cluster"], "en", short=True) if r["cluster"] else ""
    hide_green = is_suppressed_count(r["residents_buffer"])
    for col in ("green_covered_before_pct", "green_covered_after_pct"):
        out[col] = DASH if hide_green else _round(r[col], 1)
    out["green_removed_m2"] = _round(r["green_removed_m2"], 0)
    out["time_to_centre_min"] = _round(r["time_to_centre_min"], 1)
    h = a.housing
    w = h.what_if if h is not None else None
    hide_before = h is not None and is_suppressed_count(h.zone_municipal_units)
    hide_after = w is not None and is_suppressed_count(w.municipal_after)
    out["municipal_share_before_pct"] = DASH if hide_before else _round(r["municipal_share_before_pct"], 1)
    out["municipal_share_after_pct"] = DASH if hide_after else _round(r["municipal_share_after_pct"], 1)
    out["error"] = ""
    return out


def _round(v, d: int):
    import math

    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return ""
    return round(float(v), d) if d else int(round(float(v)))


def _frame(rows: list[dict], project):
    import pandas as pd

    from ..maps.zonemap import FICTIONAL_NB

    table = pd.DataFrame(rows).reindex(columns=list(SUMMARY_COLUMNS))
    for col in ("worst_composite_rank", "n_zones", "zones_touched", "n_obs"):
        table[col] = table[col].astype("Int64")
    if project.fictional:
        table["merknad"] = FICTIONAL_NB
    return table


def _check_plan_file(path: Path) -> None:
    if not Path(path).exists():
        raise DataError("file not found", file=path, field="--plan")
