"""A working session on a project, headless: what the window shows, what a ``.ulmap`` keeps.

A :class:`Session` holds the state a person builds up while working -- the project and its
shared :class:`~ungtloft_map.core.zonetable.ZoneTable`, the column shown, the year and the
"since" year, the classification, the analysis settings, the selected zones, the place notes,
the layer panel (visibility, opacity, order), the background map and the language -- and tells
listeners when a part changes (plain callbacks: ``session.connect("column", fn)``; psygnal is
not a dependency of the app). The window is a view of a session; the command line opens the
same session from a project file (:meth:`Session.open`), so a saved project means the same
thing in both.

The ``.ulmap`` *file* (atomic save, copied or referenced data, versions) is
:mod:`ungtloft_map.core.projectfile`; what its ``settings`` mean is here
(:meth:`Session.settings` / :meth:`Session.apply_settings`). The keys are those the window has
always written, so every existing project file opens unchanged; unknown keys are ignored.

Columns derived during a session (the live ranking's ``target_score``) are *the session's*:
they live in :attr:`Session.derived` and in the table the view shows (:meth:`shown_table`, a
copy), never in the shared zone table that the panels and the exporter read. An export writes
what the user chose (:meth:`export_table`), not the history of a weight slider.

Examples
--------
>>> s = Session.open(demo_dir())
>>> s.year, s.column
(2024, 'low_income')
>>> seen = []
>>> s.connect("column", seen.append)
>>> s.set_column("neet")
>>> seen, s.dirty
(['neet'], True)
>>> sorted(s.settings())[:3]
['analysis', 'basemap', 'classification']
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from ..paths import demo_dir
from .errors import DataError
from .project import Project
from .projectfile import SUFFIX, ProjectState, load_project, save_project
from .zonetable import ColumnInfo, ZoneTable

__all__ = ["Session", "EVENTS", "DEFAULT_CLASSIFICATION", "demo_dir"]

#: What a listener can be told about (``connect(name, fn)``); ``fn`` gets the new value.
EVENTS = ("project", "zone_table", "column", "year", "since", "classification", "analysis",
          "selection", "notes", "layers", "basemap", "language", "derived", "dirty")
DEFAULT_CLASSIFICATION = {"scheme": "quantiles", "k": 5, "bins": None}


# What a project file may hold, by type: a value of another type (a hand-edited or damaged
# .ulmap) is ignored rather than failing later inside the analysis or an export.


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and abs(v) < 2**31


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _strings(values) -> list[str]:
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def _usable_analysis(saved: dict, defaults) -> dict:
    """The entries of a saved ``analysis`` dict whose values have the type of the default."""
    out = {}
    for f in fields(defaults):
        if f.name not in saved:
            continue
        value, default = saved[f.name], getattr(defaults, f.name)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, int):
            ok = _is_int(value)
        elif isinstance(default, float):
            ok = _is_number(value)
        elif isinstance(default, dict):  # weights: {key: number}
            ok = isinstance(value, dict) and all(isinstance(k, str) and _is_number(v)
                                                 for k, v in value.items())
        else:  # str, or str | None
            ok = isinstance(value, str) or (value is None and not isinstance(default, str))
        if ok:
            out[f.name] = value
    return out


class Session:
    """The state of one working session on a project.

    Parameters
    ----------
    project
        The project, or None (nothing open yet).
    zone_table
        Its zone table (default: ``project.zone_table(year)`` for the latest year).

    Attributes
    ----------
    path
        The ``.ulmap`` file the session was opened from or saved to (None: not saved).
    copy_data
        Whether the project file keeps a copy of the data (else it refers to the folder).
    derived
        Columns computed in this session, ``{name: (values, ColumnInfo)}``.
    """

    def __init__(self, project: Project | None = None, zone_table: ZoneTable | None = None) -> None:
        self._listeners: dict[str, list[Callable[[Any], None]]] = {}
        self.path: Path | None = None
        self.copy_data = False
        self.derived: dict[str, tuple[Any, ColumnInfo]] = {}
        self._shown: ZoneTable | None = None
        self._analysis = None  # made on first use: core.pipeline imports esda/libpysal
        self._notes: list[dict] = []  # one list, updated in place: every reader sees the same notes
        self._dirty = False
        self.column: str | None = None
        self.year: int | None = None
        self.since: int | None = None
        self.classification = dict(DEFAULT_CLASSIFICATION)
        self.selection: list[str] = []
        self.layers: dict = {"visible": [], "order": [], "opacity": {}}
        self.basemap: str | None = None
        self.language: str | None = None
        self.project: Project | None = None
        self.zone_table: ZoneTable | None = None
        if project is not None:
            self.set_project(project, zone_table)

    def __repr__(self) -> str:
        name = self.project.name if self.project is not None else None
        return (f"Session(project={name!r}, year={self.year}, column={self.column!r}, "
                f"selection={len(self.selection)}, notes={len(self._notes)}, derived={sorted(self.derived)}, "
                f"dirty={self._dirty})")

    # -- events -----------------------------------------------------------------------------------
    def connect(self, event: str, callback: Callable[[Any], None]) -> None:
        """Call ``callback(new_value)`` whenever ``event`` (one of :data:`EVENTS`) happens."""
        if event not in EVENTS:
            raise ValueError(f"unknown session event {event!r}; one of {', '.join(EVENTS)}")
        self._listeners.setdefault(event, []).append(callback)

    def disconnect(self, event: str, callback: Callable[[Any], None]) -> None:
        """Stop calling ``callback`` for ``event`` (no error if it was not connected)."""
        cbs = self._listeners.get(event, [])
        if callback in cbs:
            cbs.remove(callback)

    def _emit(self, event: str, value: Any) -> None:
        for cb in list(self._listeners.get(event, ())):
            cb(value)

    def _change(self, event: str, attr: str, value: Any, *, dirty: bool = True) -> bool:
        if getattr(self, attr) == value:
            return False
        setattr(self, attr, value)
        self._emit(event, value)
        if dirty:
            self.mark_dirty()
        return True

    @property
    def dirty(self) -> bool:
        """Unsaved changes since the project was opened or saved."""
        return self._dirty

    def mark_dirty(self, dirty: bool = True) -> None:
        if self.project is None or self._dirty == dirty:
            return
        self._dirty = dirty
        self._emit("dirty", dirty)

    # -- the project and its tables -----------------------------------------------------------
    def set_project(self, project: Project, zone_table: ZoneTable | None = None) -> None:
        """Open ``project`` (latest year); the view state of the previous project is cleared."""
        zt = zone_table if zone_table is not None else project.zone_table()
        self.project = project
        self.path = None
        self.copy_data = False
        self.year = zt.year
        self.since = None
        self.selection = []
        self._notes[:] = []
        self.derived.clear()
        self._set_table(zt)
        if self.column not in zt.gdf.columns:
            self.column = "low_income" if "low_income" in zt.gdf.columns else (zt.theme_columns() or [None])[0]
        self._dirty = False
        self._emit("project", project)
        self._emit("zone_table", zt)

    def set_zone_table(self, zone_table: ZoneTable) -> None:
        """A new shared table (themes computed, another year). Derived columns stay when the
        table is of the same year and zones (they were computed on those); else they are dropped."""
        old = self.zone_table
        if old is None or old.year != zone_table.year or not old.gdf.index.equals(zone_table.gdf.index):
            if self.derived:
                self.derived.clear()
                self._emit("derived", [])
        self.year = zone_table.year
        self._set_table(zone_table)
        self._emit("zone_table", zone_table)

    def _set_table(self, zt: ZoneTable) -> None:
        self.zone_table = zt
        self._shown = None

    def shown_table(self) -> ZoneTable | None:
        """The table the view shows: the shared table plus this session's derived columns.

        Without derived columns this *is* the shared table; with them it is the session's own
        copy (made once, then updated in place), so the shared table never gets them.
        """
        if self.zone_table is None or not self.derived:
            return self.zone_table
        if self._shown is None:
            self._shown = self.zone_table.copy()
            for values, info in self.derived.values():
                self._shown.add_column(values, info)
        return self._shown

    def set_derived(self, values, info: ColumnInfo) -> bool:
        """Add or update a column derived in this session; True when the column is new."""
        new = info.name not in self.derived
        self.derived[info.name] = (values, info)
        if self._shown is not None:
            self._shown.add_column(values, info)
        self._emit("derived", sorted(self.derived))
        return new

    def export_table(self, columns: list[str] | None = None) -> ZoneTable | None:
        """The zone table to export: the shared table, plus the derived ``columns`` asked for.

        Raises
        ------
        DataError
            A column that is neither in the table nor derived in this session.
        """
        zt = self.zone_table
        if zt is None or not columns:
            return zt
        chosen = [c for c in columns if c not in zt.gdf.columns]
        unknown = [c for c in chosen if c not in self.derived]
        if unknown:
            raise DataError(f"no such column in the session: {', '.join(unknown)}", field=unknown[0])
        if not chosen:
            return zt
        out = zt.copy()
        for c in chosen:
            out.add_column(*self.derived[c])
        return out

    # -- view state ---------------------------------------------------------------------------------
    def set_column(self, column: str | None) -> None:
        self._change("column", "column", column)

    def set_year(self, year: int) -> None:
        """Work on another year of the data: the shared table of that year (derived columns go).

        Raises
        ------
        DataError
            A year the project has no data for.
        """
        if self.project is None or year == self.year:
            return
        if year not in self.project.years:
            years = ", ".join(map(str, self.project.years))
            raise DataError(f"no data for the year {year}; the project has {years}", field="year",
                            code="unknown_year", params={"year": year, "years": list(self.project.years)})
        self.set_zone_table(self.project.zone_table(year))
        self._emit("year", year)
        self.mark_dirty()

    def set_since(self, year: int | None) -> None:
        self._change("since", "since", year)

    def set_classification(self, settings: dict) -> None:
        c = {"scheme": settings.get("scheme", "quantiles"), "k": int(settings.get("k", 5)),
             "bins": settings.get("bins")}
        self._change("classification", "classification", c)

    def set_selection(self, zone_ids) -> None:
        self._change("selection", "selection", [str(z) for z in zone_ids])

    def set_layers(self, visible=None, order=None, opacity=None) -> None:
        """The layer panel: the visible context layers, their order and opacities."""
        layers = {"visible": sorted(visible if visible is not None else self.layers.get("visible", [])),
                  "order": list(order if order is not None else self.layers.get("order", [])),
                  "opacity": {str(k): float(v) for k, v in
                              (opacity if opacity is not None else self.layers.get("opacity", {})).items()}}
        self._change("layers", "layers", layers)

    def set_basemap(self, choice: str | None) -> None:
        self._change("basemap", "basemap", choice)

    def set_language(self, lang: str | None) -> None:
        self._change("language", "language", lang, dirty=False)

    @property
    def analysis(self):
        """Index and cluster choices (:class:`~ungtloft_map.core.pipeline.AnalysisSettings`)."""
        if self._analysis is None:
            from .pipeline import AnalysisSettings

            self._analysis = AnalysisSettings()
        return self._analysis

    def set_analysis(self, settings) -> None:
        if self._analysis == settings:
            return
        self._analysis = settings
        self._emit("analysis", settings)
        self.mark_dirty()

    # -- notes ------------------------------------------------------------------------------------
    @property
    def notes(self) -> list[dict]:
        """The place notes (JSON dicts, :meth:`~ungtloft_map.core.notes.PlaceNote.to_dict`).

        The same list object for the whole session: panels that keep it see every change.
        """
        return self._notes

    def set_notes(self, notes) -> None:
        new = [dict(n) for n in (notes or [])]
        if new == self._notes:
            return
        self._notes[:] = new
        self._emit("notes", self._notes)
        self.mark_dirty()

    def note_store(self):
        """The notes as a :class:`~ungtloft_map.core.notes.NoteStore` on the project's zones."""
        from .notes import NoteStore

        store = NoteStore.from_dict(self._notes, zones=self.project.zones if self.project else None)
        return store

    # -- the project file ---------------------------------------------------------------------------
    def settings(self) -> dict:
        """Everything a project file keeps about the session (JSON-serialisable)."""
        return {
            "column": self.column,
            "classification": dict(self.classification),
            "year": self.year,
            "since": self.since,
            "layers": {"visible": list(self.layers.get("visible", [])), "order": list(self.layers.get("order", [])),
                       "opacity": dict(self.layers.get("opacity", {}))},
            "selection": list(self.selection),
            "analysis": asdict(self.analysis),
            "basemap": self.basemap,
            "language": self.language,
        }

    def apply_settings(self, settings: dict) -> None:
        """Restore what :meth:`settings` wrote; unknown keys and unusable values are ignored
        (a project file from another version still opens)."""
        analysis = settings.get("analysis")
        if isinstance(analysis, dict):
            from .pipeline import AnalysisSettings

            self.set_analysis(AnalysisSettings(**_usable_analysis(analysis, AnalysisSettings())))
        year = settings.get("year")
        if self.project is not None and _is_int(year) and year in self.project.years:
            self.set_year(year)
        c = settings.get("classification")
        if isinstance(c, dict) and isinstance(c.get("scheme"), str) and c["scheme"]:
            k, bins = c.get("k", 5), c.get("bins")
            usable_bins = bins is None or (isinstance(bins, list) and all(_is_number(b) for b in bins))
            self.set_classification({"scheme": c["scheme"], "k": k if _is_int(k) and 0 < k < 100 else 5,
                                     "bins": bins if usable_bins else None})
        since = settings.get("since")
        years = self.project.years if self.project is not None else []
        self.set_since(since if _is_int(since) and since in years else None)
        layers = settings.get("layers")
        if isinstance(layers, dict):
            opacity = layers.get("opacity")
            self.set_layers(_strings(layers.get("visible")), _strings(layers.get("order")),
                            {k: v for k, v in opacity.items() if _is_number(v)}
                            if isinstance(opacity, dict) else {})
        column = settings.get("column")
        if isinstance(column, str) and column:
            self.set_column(column)
        if isinstance(settings.get("basemap"), str):
            self.set_basemap(settings["basemap"])
        if isinstance(settings.get("language"), str):
            self.set_language(settings["language"])
        selection = settings.get("selection")
        self.set_selection([z for z in selection if isinstance(z, (str, int)) and not isinstance(z, bool)]
                           if isinstance(selection, list) else [])

    def save(self, path: str | Path | None = None, *, copy_data: bool | None = None) -> Path:
        """Write the session to a ``.ulmap`` file atomically (default: where it came from).

        Raises
        ------
        DataError
            No project open, no path, or the file cannot be written.
        """
        if self.project is None:
            raise DataError("no project is open: nothing to save")
        target = Path(path) if path is not None else self.path
        if target is None:
            raise DataError("the project has not been saved yet: give a file name")
        copy = self.copy_data if copy_data is None else bool(copy_data)
        state = ProjectState(str(self.project.root), copy, self.settings(), list(self._notes))
        saved = save_project(state, target)
        self.path, self.copy_data = saved, copy
        self.mark_dirty(False)
        return saved

    @classmethod
    def open(cls, source: str | Path | None = None) -> Session:
        """A session on a dataset folder, a ``manifest.json`` or a ``.ulmap`` project file
        (None: the fictional demo). A project file brings its settings and notes.

        Raises
        ------
        DataError
            The file or folder cannot be read (see :func:`~ungtloft_map.core.projectfile.load_project`
            and :meth:`~ungtloft_map.core.project.Project.load`).
        """
        if source is None:
            return cls(Project.demo())
        source = Path(source)
        try:
            is_dir = source.is_dir()
        except OSError:  # a name too long for the file system: load_project says so
            is_dir = False
        if source.suffix == SUFFIX and not is_dir:
            state = load_project(source)
            session = cls(Project.load(state.dataset))
            session.apply_state(state, source)
            return session
        return cls(Project.load(source))

    def apply_state(self, state: ProjectState, path: str | Path | None = None) -> None:
        """Take the settings and notes of a read project file (the project is already open)."""
        self.apply_settings(state.settings)
        self.set_notes([n for n in state.notes if isinstance(n, dict)])  # a damaged entry is no note
        self.path = Path(path) if path is not None else None
        self.copy_data = state.copy_data
        self.mark_dirty(False)
