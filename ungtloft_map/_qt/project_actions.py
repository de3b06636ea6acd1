"""Project actions of the main window: open a dataset or import data, open/save ``.ulmap``
project files, recent projects, unsaved-changes question, and the view settings a project keeps.
"""

from __future__ import annotations

import time
from dataclasses import asdict
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

    def window_settings(self) -> dict:
        """Everything a project file keeps about the view (JSON-serialisable)."""
        panel = self.layer_panel
        return {
            "column": self.column,
            "classification": dict(self.classification),
            "year": self.year_box.currentData(),
            "since": self.change_since,
            "layers": {"visible": sorted(panel.visible_context()), "order": panel.context_order(),
                       "opacity": dict(panel._opacities)},
            "selection": self.selected_zone_ids(),
            "analysis": asdict(self.analysis_settings),
        }

    def apply_settings(self, settings: dict) -> None:
        """Restore a view saved by :meth:`window_settings` (unknown keys are ignored)."""
        from ..core.pipeline import AnalysisSettings

        analysis = settings.get("analysis")
        if isinstance(analysis, dict):
            known = {k: v for k, v in analysis.items() if k in AnalysisSettings.__dataclass_fields__}
            self.analysis_settings = AnalysisSettings(**known)
            if self.compute_themes_on_load:
                self._compute_themes_after_paint()
        year = settings.get("year")
        if year is not None and self.year_box.findData(year) >= 0:
            self.year_box.setCurrentIndex(self.year_box.findData(year))
        c = settings.get("classification")
        if isinstance(c, dict) and c.get("scheme"):
            self.classification = {"scheme": c["scheme"], "k": int(c.get("k", 5)), "bins": c.get("bins")}
            self.classify_panel.set_settings(self.classification["scheme"], self.classification["k"],
                                             self.classification["bins"])
        since = settings.get("since")
        self.since_box.setCurrentIndex(max(0, self.since_box.findData(since)) if since is not None else 0)
        layers = settings.get("layers") or {}
        visible = set(layers.get("visible") or [])
        for name in self.layer_panel.context_order():
            item = self.layer_panel.context_item(name)
            if item is not None and visible:
                item.setCheckState(0, Qt.CheckState.Checked if name in visible else Qt.CheckState.Unchecked)
        self.layer_panel._opacities.update({k: float(v) for k, v in (layers.get("opacity") or {}).items()})
        column = settings.get("column")
        if column:
            self.set_column(column)
        self.select_zones(list(settings.get("selection") or []))
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
        self.project_path = Path(path)
        self.copy_data = state.copy_data
        self.notes = list(state.notes)
        if self._targeting is not None:
            self._targeting.notes = list(self.notes)
        self.notes_panel.set_project(self.project, self.notes)
        self.apply_settings(state.settings)
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
        from ..core.projectfile import ProjectState, save_project

        if self.project is None:
            return False
        state = ProjectState(str(self.project.root), copy_data, self.window_settings(), list(self.notes))
        try:
            saved = save_project(state, path)
        except UngtloftError as err:
            self.show_error(self.tr("Kunne ikke lagre prosjektet"), str(err))
            return False
        self.project_path = saved
        self.copy_data = copy_data
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
