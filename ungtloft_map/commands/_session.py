"""What every sub-command that reads a project shares: ``--project`` and opening it.

``--project`` takes a dataset folder, its ``manifest.json`` or a saved project (``.ulmap``);
without it the fictional demo is used. A project file brings the session it saved -- the year,
the analysis settings (index method, weights, green definition, transit window ...), the shown
column and classes, the notes -- so a command run on it computes what the window showed; an
option given on the command line wins over the saved setting.

This module has no ``register``: the CLI's command discovery skips it.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the session pulls in geopandas: import it only when a command opens one
    from ..core.session import Session

PROJECT_HELP = ("dataset folder, its manifest.json, or a saved project (.ulmap) whose year, analysis "
                "settings and notes are used; default: the fictional demo")


def add_project_argument(parser: argparse.ArgumentParser) -> None:
    """``--project`` on a sub-command (SUPPRESS: a ``--project`` given before the sub-command
    is not overwritten by the sub-command's default)."""
    parser.add_argument("--project", type=Path, default=argparse.SUPPRESS, help=PROJECT_HELP)


def open_session(args: argparse.Namespace) -> Session:
    """The session of ``args.project`` (a folder, a manifest or a ``.ulmap``; None: the demo).

    Raises
    ------
    DataError
        The project cannot be read.
    """
    from ..core.session import Session

    return Session.open(getattr(args, "project", None))


def year_of(args: argparse.Namespace, session: Session) -> int | None:
    """``--year`` if given, else the session's year (a project file's saved year, or the latest)."""
    year = getattr(args, "year", None)
    return year if year is not None else session.year


def analysis_of(session: Session, **overrides):
    """The session's :class:`~ungtloft_map.core.pipeline.AnalysisSettings` with ``overrides``
    (e.g. ``compute_clusters=False`` for a command that needs no clusters)."""
    return dataclasses.replace(session.analysis, **overrides)
