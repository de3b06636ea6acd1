"""Project actions of the main window: open a dataset or import data, open/save ``.ulmap``
project files, recent projects, the unsaved-changes question.

What a project file keeps and how it is read is the session's
(:meth:`~ungtloft_map.core.session.Session.settings`, :meth:`~ungtloft_map.core.session.Session.apply_settings`,
:meth:`~ungtloft_map.core.session.Session.save`); here the widgets are brought in line with it.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..core.errors import UngtloftError


def ask(parent, title: str, text: str, buttons: dict) -> QMessageBox.StandardButton:
    """A question with translated button texts (Qt ships no bokmål translation of its own)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    for button, label in buttons.items():
        box.addButton(button).setText(label)
    box.exec()
    return box.standardButton(box.clickedButton())


class ProjectActionsMixin:
    """Open, import, save and restore projects (mixed into the main window)."""

    def open_dataset_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Åpne datasett (mappe med manifest.json)"))
        if folder:
            self.load_project_in_background(Path(folder))

    def import_data(self) -> None:
        """Fil → Importer data: choose files, map roles and fields, check, then load."""
        from PySide6.QtCore import QStandardPaths

        from .import_dialog import ImportDialog

        base = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
        out = base / "datasets" / time.strftime("import-%Y%m%d-%H%M%S")
        dlg = ImportDialog(out, self)
        if dlg.exec() and dlg.manifest_path is not None:
            self.load_project_in_background(dlg.manifest_path.parent)

    def mark_dirty(self, dirty: bool = True) -> None:
        if self.project is None or self._dirty == dirty:
            return
        self._dirty = dirty
        self._update_title()

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _update_title(self) -> None:
        if self.project is None:
            return
        name = self.project_path.stem if self.project_path else self.project.name
        self.setWindowTitle(f"{'*' if self._dirty else ''}{name} – UngtLøft Map")

    def _sync_session(self) -> None:
        """Hand the session the view state that reaches it without an event of its own (the
        layer panel, the background map, the language); a sync is no change of the project."""
        session, panel = self.session, self.layer_panel
        was_dirty = session.dirty
        session.set_layers(panel.visible_context(), panel.context_order(), panel._opacities)
        session.set_selection(self.selected_zone_ids())
        session.set_basemap(self.basemap_choice())
        session.set_language(self.lang)
        if not was_dirty:
            session.mark_dirty(False)

    def window_settings(self) -> dict:
        """Everything a project file keeps about the view (JSON-serialisable): the session's."""
        self._sync_session()
        return self.session.settings()

    def apply_settings(self, settings: dict) -> None:
        """Restore a view saved by :meth:`window_settings` (unknown keys are ignored): the
        session reads the settings, the widgets follow it."""
        s = self.session
        analysis_before = s.analysis
        s.apply_settings(settings)
        if s.analysis != analysis_before and self.compute_themes_on_load:
            self._compute_themes_after_paint()
        i = self.year_box.findData(s.year)
        if i >= 0 and i != self.year_box.currentIndex():
            self.year_box.setCurrentIndex(i)  # the table, the lists and the themes of that year
        c = s.classification
        self.classify_panel.set_settings(c["scheme"], c["k"], c["bins"])
        self.since_box.setCurrentIndex(max(0, self.since_box.findData(s.since)) if s.since is not None else 0)
        visible = set(s.layers.get("visible") or [])
        for name in self.layer_panel.context_order():
            item = self.layer_panel.context_item(name)
            if item is not None and visible:
                item.setCheckState(0, Qt.CheckState.Checked if name in visible else Qt.CheckState.Unchecked)
        self.layer_panel._opacities.update(s.layers.get("opacity") or {})
        if isinstance(settings.get("basemap"), str) and settings["basemap"] != self.basemap_choice():
            self.set_basemap(settings["basemap"])
        if s.column:
            self.set_column(s.column)
        self.select_zones(list(s.selection))
        self.mark_dirty(False)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Åpne prosjekt"), "",
                                              self.tr("UngtLøft Map-prosjekt (*.ulmap)"))
        if path:
            self.open_project(Path(path))

    def open_project(self, path: Path) -> bool:
        from ..core.projectfile import load_project

        if not self.maybe_save():
            return False
        try:
            state = load_project(path)
        except UngtloftError as err:
            self.show_error(self.tr("Kunne ikke åpne prosjektet"), str(err))
            return False
        if not self.load_project(Path(state.dataset)):
            return False
        self.session.set_notes(state.notes)  # the panels hold the session's list
        self.notes_panel.set_project(self.project, self.notes)
        self.apply_settings(state.settings)
        self.session.path, self.session.copy_data = Path(path), state.copy_data
        self.mark_dirty(False)
        self._add_recent(self.project_path)
        self._update_title()
        return True

    def save_project(self) -> bool:
        if self.project_path is None:
            return self.save_project_as()
        return self.save_project_to(self.project_path, getattr(self, "copy_data", False))

    def save_project_as(self) -> bool:
        if self.project is None:
            return False
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lagre prosjekt"), "",
                                              self.tr("UngtLøft Map-prosjekt (*.ulmap)"))
        if not path:
            return False
        copy = ask(self, self.tr("Data i prosjektet"),
                   self.tr("Skal dataene kopieres inn i prosjektet, eller bare refereres til der de ligger?"),
                   {QMessageBox.StandardButton.Yes: self.tr("Kopier dataene"),
                    QMessageBox.StandardButton.No: self.tr("Referer til dataene")}) == QMessageBox.StandardButton.Yes
        return self.save_project_to(Path(path), copy)

    def save_project_to(self, path: Path, copy_data: bool = False) -> bool:
        """Save the project (data reference or copy + every setting) atomically."""
        if self.project is None:
            return False
        self._sync_session()
        try:
            saved = self.session.save(path, copy_data=copy_data)
        except UngtloftError as err:
            self.show_error(self.tr("Kunne ikke lagre prosjektet"), str(err))
            return False
        self._add_recent(saved)
        self.mark_dirty(False)
        self._update_title()
        self.statusBar().showMessage(self.tr("Prosjektet er lagret: {p}").format(p=saved), 6000)
        return True

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False when the user cancels."""
        if not self._dirty or not self.ask_to_save:
            return True
        answer = ask(self, self.tr("Ulagrede endringer"),
                     self.tr("Prosjektet har endringer som ikke er lagret. Lagre dem?"),
                     {QMessageBox.StandardButton.Save: self.tr("Lagre"),
                      QMessageBox.StandardButton.Discard: self.tr("Ikke lagre"),
                      QMessageBox.StandardButton.Cancel: self.tr("Avbryt")})
        if answer == QMessageBox.StandardButton.Save:
            return self.save_project()
        if answer == QMessageBox.StandardButton.Discard:
            self._dirty = False
            return True
        return False

    def _recent(self) -> list[str]:
        value = QSettings("UngtLoft", "UngtLoftMap").value("recentProjects", [])
        return [str(v) for v in (value if isinstance(value, list) else [value] if value else [])]

    def _add_recent(self, path: Path) -> None:
        items = [str(path)] + [p for p in self._recent() if p != str(path)]
        QSettings("UngtLoft", "UngtLoftMap").setValue("recentProjects", items[:8])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        for p in self._recent():
            act = self.menu_recent.addAction(Path(p).name)
            act.setToolTip(p)
            act.triggered.connect(lambda _=False, path=p: self.open_project(Path(path)))
        self.menu_recent.setEnabled(bool(self.menu_recent.actions()))
