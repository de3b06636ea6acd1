"""The main window as a view of a :class:`~ungtloft_map.core.session.Session`.

The window keeps no state of its own about the work: the project, the zone table, the column,
the classes, the "since" year, the analysis settings, the notes, the project file and whether
it has unsaved changes are the session's. The attributes the window (and its tests) have
always used -- ``window.column``, ``window.classification``, ``window.notes`` ... -- read and
write the session through the properties here; ``window.zone_table`` is the table the view
shows (the shared table plus the session's derived columns, see
:meth:`~ungtloft_map.core.session.Session.shown_table`).
"""

from __future__ import annotations

from pathlib import Path

from ..core.session import Session


class SessionViewMixin:
    """Properties that read and write the window's session (mixed into the main window)."""

    session: Session

    def _init_session(self) -> None:
        self.session = Session()
        # the title shows unsaved changes, whichever part of the session changed
        self.session.connect("dirty", lambda _d: self._update_title())

    def _layers_to_session(self) -> None:
        """The layer panel changed (visibility, opacity, order): the session keeps it."""
        panel = self.layer_panel
        self.session.set_layers(panel.visible_context(), panel.context_order(), panel._opacities)
        self.mark_dirty()

    # -- the project and its tables -------------------------------------------------------------
    @property
    def project(self):
        return self.session.project

    @property
    def zone_table(self):
        """The table the window shows (with the session's derived columns, e.g. the live ranking)."""
        return self.session.shown_table()

    @zone_table.setter
    def zone_table(self, zt) -> None:
        if zt is not None:
            self.session.set_zone_table(zt)

    # -- view state -----------------------------------------------------------------------------
    @property
    def column(self) -> str | None:
        return self.session.column

    @column.setter
    def column(self, value: str | None) -> None:
        self.session.set_column(value)

    @property
    def classification(self) -> dict:
        return self.session.classification

    @classification.setter
    def classification(self, value: dict) -> None:
        self.session.set_classification(value)

    @property
    def change_since(self) -> int | None:
        return self.session.since

    @change_since.setter
    def change_since(self, value: int | None) -> None:
        self.session.set_since(value)

    @property
    def analysis_settings(self):
        """Index and cluster choices (:class:`~ungtloft_map.core.pipeline.AnalysisSettings`),
        made on first use (core.pipeline imports esda/libpysal: after the first map)."""
        return self.session.analysis

    @analysis_settings.setter
    def analysis_settings(self, value) -> None:
        self.session.set_analysis(value)

    @property
    def notes(self) -> list[dict]:
        """The place notes: the session's one list (panels that keep it see every change)."""
        return self.session.notes

    @notes.setter
    def notes(self, value) -> None:
        self.session.set_notes(value)

    # -- the project file ---------------------------------------------------------------------------
    @property
    def project_path(self) -> Path | None:
        return self.session.path

    @project_path.setter
    def project_path(self, value) -> None:
        self.session.path = Path(value) if value is not None else None

    @property
    def copy_data(self) -> bool:
        return self.session.copy_data

    @copy_data.setter
    def copy_data(self, value: bool) -> None:
        self.session.copy_data = bool(value)

    @property
    def _dirty(self) -> bool:
        return self.session.dirty

    @_dirty.setter
    def _dirty(self, value: bool) -> None:
        self.session.mark_dirty(value)
