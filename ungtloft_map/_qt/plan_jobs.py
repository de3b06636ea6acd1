"""The plan dialog's calls into the core, run in workers (no Qt use here: they run in a Python
thread), and the parsing of a polygon drawn on the map. Split out of :mod:`.plan_dialog`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from ..core.errors import AnalysisError
from ..core.io.plans import PlanLayer
from ..core.workflows.plan import PlanAssessment, assess_plan

# --------------------------------------------------------------------------------------------
# jobs run in workers (no Qt here: they run in a Python thread)


def _assess_job(project, layer: PlanLayer, themes, buffer_m: float, municipal_units: int | None,
                other_units: int | None, progress=None) -> tuple[PlanAssessment, Any]:
    """Compute the themes when missing (with progress), then assess; returns (assessment, themes)."""

    def step(label: str, frac: float) -> None:
        if progress is not None and progress(label, frac) is False:
            raise AnalysisError("cancelled")

    if themes is None:
        from ..core.pipeline import compute_themes

        # The themes are most of the work of a first run; the plan itself takes a second.
        themes = compute_themes(
            project,
            progress=None if progress is None else (lambda lab, f: progress(lab, 0.9 * f)),
        )
    step("plan", 0.9)
    a = assess_plan(project, layer, themes=themes, buffer_m=buffer_m,
                    municipal_units=municipal_units, other_units=other_units)
    return a, themes


def _report_job(assessment: PlanAssessment, lang: str, fmt: str, path: Path,
                notes: list | None = None, progress=None) -> Path:
    from ..reports.plan_report import render_plan_report

    if progress is not None and progress("report", 0.0) is False:
        raise AnalysisError("cancelled")
    render_plan_report(assessment, lang=lang, fmt=fmt, path=path, notes=notes)  # atomic write in the core
    return path


def _first_paragraph(message: str) -> str:
    """A worker's message without the traceback it appends for unexpected errors."""
    return message.split("\n\n", 1)[0].strip()


def _parse_lonlat(coords) -> list[tuple[float, float]]:
    """``[(lon, lat), ...]`` (or their JSON) → distinct finite points, ring not closed.

    Raises
    ------
    ValueError
        Not a list of number pairs, or a point outside longitude/latitude ranges.
    """
    if isinstance(coords, (str, bytes)):
        coords = json.loads(coords)
    pts: list[tuple[float, float]] = []
    for p in coords:
        if len(p) != 2:
            raise ValueError("not a (lon, lat) pair")
        lon, lat = float(p[0]), float(p[1])
        if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lon) > 180 or abs(lat) > 90:
            raise ValueError("not longitude/latitude")
        if not pts or (lon, lat) != pts[-1]:
            pts.append((lon, lat))
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    return pts
