"""``rank``: the zones ranked by the composite index under chosen weights, as CSV.

Examples
--------
::

    ungtloft-map rank --out ranking.csv
    ungtloft-map rank --project data/trondheim --weights vekter.json --method zscore \\
        --top 10 --stability --out ranking.csv

The weights file is JSON: ``{"weights": {"neet": 2}, "theme_weights": {"levekar": 2},
"method": "percentile"}`` (every part optional; what is not named weighs 1; ``--method``
overrides the file's method). The CSV has ``zone_id, zone_name, rank, score, rank_change,
stability (with --stability), n_flags``, sorted by rank (1 = most disadvantaged). ``rank_change``
is the move against equal weights (positive = up towards rank 1); ``stability`` is the share of
1,000 random weightings (each weight ±25 %) that keep the zone in the top N (``--top``, default
10). ``--project`` may be a saved project (``.ulmap``): without ``--weights`` its saved weights
and index method are used, and its year without ``--year``. Errors go to stderr with exit code 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import DataError, UngtloftError
from ._session import add_project_argument, analysis_of, open_session, year_of

if TYPE_CHECKING:  # pandas and the index module are imported when ``rank`` runs, not when
    import pandas as pd  # the CLI builds its parser for another sub-command


__all__ = ["register", "run_rank"]

DEFAULT_TOP = 10
COLUMNS = ("zone_id", "zone_name", "rank", "score", "rank_change", "stability", "n_flags")


def register(subparsers) -> None:
    """Add the ``rank`` sub-command."""
    p = subparsers.add_parser(
        "rank", help="rank the zones by the composite index (CSV), with weight stability",
        description="Rank the zones by the composite disadvantage index under chosen weights "
                    "(1 = most disadvantaged) and write a CSV.")
    # SUPPRESS: do not overwrite a --project given before the sub-command.
    add_project_argument(p)
    p.add_argument("--year", type=int, help="indicator year (default: the latest)")
    p.add_argument("--weights", type=Path, help='JSON: {"weights": {key: w}, "theme_weights": '
                                                '{theme: w}}')
    p.add_argument("--method", choices=_Methods(), metavar="METHOD",
                   help="index method, one of %(choices)s (default: the weights file's, else "
                        "percentile)")
    p.add_argument("--top", type=int, help="write only the top N zones (ties kept); also the N "
                                           f"of --stability (default {DEFAULT_TOP})")
    p.add_argument("--stability", action="store_true",
                   help="add the share of random weightings that keep each zone in the top N")
    p.add_argument("--draws", type=int, default=1000, help="weightings for --stability (1000)")
    p.add_argument("--spread", type=float, default=0.25,
                   help="each weight multiplied by U(1-s, 1+s) for --stability (0.25)")
    p.add_argument("--seed", type=int, default=12345, help="random seed for --stability")
    p.add_argument("--out", required=True, type=Path, help="output CSV")
    p.set_defaults(func=run_rank)


class _Methods:
    """:data:`~ungtloft_map.core.analysis.index.METHODS`, read when the parser checks or lists
    them (the index module imports pandas)."""

    def _all(self) -> tuple[str, ...]:
        from ..core.analysis.index import METHODS

        return METHODS

    def __iter__(self):
        return iter(self._all())

    def __contains__(self, value) -> bool:
        return value in self._all()


def run_rank(args) -> int:
    """Entry point of ``rank``; returns the exit code."""
    import pandas as pd

    from ..core.analysis.targeting import index_inputs, load_weights, weight_spec

    try:
        if args.top is not None and args.top < 1:
            raise DataError(f"--top must be 1 or more, not {args.top}", field="top")
        session = open_session(args)
        if args.weights:
            spec = load_weights(args.weights)
        elif session.path is not None:  # a saved project: the weights and method it was saved with
            a = session.analysis
            spec = weight_spec({"weights": a.weights, "theme_weights": a.theme_weights, "method": a.index_method})
        else:
            spec = weight_spec({})
        method = args.method or spec["method"]
        themes, catalogue = _themes(session, year_of(args, session))
        for line in themes.describe_not_computed("en") + themes.describe_notes("en"):
            print(f"note: {line}", file=sys.stderr)
        if "index" in themes.not_computed:
            # Nothing to rank by: the zones are written without rank, and the reason is given.
            _write(_unranked(themes.zone_table), args.out)
            print(f"{len(themes.zone_table)} zones written to {args.out} without a rank: "
                  f"{themes.not_computed['index'].text('en')}")
            return 0
        inputs = index_inputs(themes.zone_table, catalogue)
        ranking = inputs.rank(weights=spec["weights"], theme_weights=spec["theme_weights"],
                              method=method)
        tab = ranking.table
        out = pd.DataFrame({"zone_id": tab.index.astype(str)}, index=tab.index)
        out["zone_name"] = tab["zone_name"] if "zone_name" in tab.columns else ""
        out["rank"] = tab["rank"]
        out["score"] = tab["score"]
        out["rank_change"] = tab["rank_change"]
        top_n = args.top or DEFAULT_TOP
        if args.stability:
            out["stability"] = inputs.stability(
                weights=spec["weights"], theme_weights=spec["theme_weights"], method=method,
                top_n=top_n, draws=args.draws, spread=args.spread, seed=args.seed)
        flags = inputs.n_flags
        out["n_flags"] = (flags.reindex(out.index).astype("Int64") if flags is not None
                          else pd.array([pd.NA] * len(out), dtype="Int64"))
        if args.top is not None:
            out = out[out["rank"].notna() & (out["rank"] <= args.top)]
        out = out[[c for c in COLUMNS if c in out.columns]]
        _write(out, args.out)
    except UngtloftError as err:
        print(f"ungtloft-map rank: {err}", file=sys.stderr)
        return 2
    for w in ranking.warnings:
        print(f"warning: {w}", file=sys.stderr)
    # Real zone layers often use the name as the id (Trondheim's levekårssoner): say it once.
    top = ", ".join((str(r.zone_id) if str(r.zone_name) in ("", "nan", str(r.zone_id))
                     else f"{r.zone_id} {r.zone_name}") for r in out.head(5).itertuples())
    print(f"{len(out)} zones written to {args.out} ({method}); top: {top}")
    return 0


def _themes(session, year: int | None):
    """The themes of the session's project (every one but the clusters) and its catalogue."""
    from ..core.pipeline import compute_themes

    project = session.project
    # No clusters: the ranking does not use LISA/Gi*, and esda's permutation kernel costs
    # tens of seconds to compile in a fresh process.
    return compute_themes(project, year, analysis_of(session, compute_clusters=False)), project.catalogue


def _unranked(zt) -> pd.DataFrame:
    import pandas as pd

    gdf = zt.gdf
    out = pd.DataFrame({"zone_id": gdf.index.astype(str)})
    out["zone_name"] = gdf["zone_name"].to_numpy() if "zone_name" in gdf.columns else ""
    for col in ("rank", "score", "rank_change", "n_flags"):
        out[col] = pd.array([pd.NA] * len(out), dtype="Int64")
    return out


def _write(table: pd.DataFrame, path: Path) -> None:
    from ..core.io.atomic import atomic_path

    try:
        # utf-8-sig so Excel opens æøå right, as every export of the app.
        with atomic_path(path) as tmp:
            table.to_csv(tmp, index=False, encoding="utf-8-sig", float_format="%.6g")
    except OSError as exc:
        raise DataError(f"cannot write the file ({exc.strerror or exc})", file=path) from None
