"""Project files (``.ulmap``): the data (referenced or copied) and every setting, saved safely.

A project file is JSON. It names the dataset -- either by reference (the path of a dataset
folder with a ``manifest.json``) or as a copy (every layer copied into one GeoPackage beside
the project file, the indicator table into the same GeoPackage, the GTFS feed beside it) --
and stores the settings: analysis settings, the layer shown and its classification, the year,
the layer panel (visibility, opacity, order), selections, weights and place notes.

Saving never destroys the previous project: copied data is written to new files whose names
carry a content hash, the JSON is written to a temp file, fsynced and renamed over the old one,
and only then are data files that the new JSON no longer names removed. A crash or kill at any
point leaves either the old project or the new one, complete.

Examples
--------
>>> state = ProjectState(dataset="geodata/demo", settings={"column": "neet"})  # doctest: +SKIP
>>> save_project(state, "mitt.ulmap")  # doctest: +SKIP
>>> load_project("mitt.ulmap").settings["column"]  # doctest: +SKIP
'neet'
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from .errors import DataError
from .io.atomic import atomic_write_text

FORMAT = "ungtloft-map-project"
FORMAT_VERSION = 1
SUFFIX = ".ulmap"


@dataclass
class ProjectState:
    """What a project file holds.

    Attributes
    ----------
    dataset
        Path of the dataset folder (with ``manifest.json``); relative paths are resolved against
        the project file's folder.
    copy_data
        True: the data is copied next to the project file on save; False: referenced.
    settings
        Every setting, JSON-serialisable (analysis settings, view, layers, selections, weights).
    notes
        Place notes as JSON-serialisable dicts.
    """

    dataset: str
    copy_data: bool = False
    settings: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    app_version: str = __version__

    def __repr__(self) -> str:
        mode = "copied" if self.copy_data else "referenced"
        return f"ProjectState(dataset={self.dataset!r} ({mode}), settings={sorted(self.settings)}, notes={len(self.notes)})"


def save_project(state: ProjectState, path: str | Path) -> Path:
    """Save ``state`` to ``path`` atomically (see the module docstring for the guarantees).

    Raises
    ------
    DataError
        The dataset folder does not exist, or the file cannot be written.
    """
    path = Path(path)
    if path.suffix != SUFFIX:
        path = path.with_suffix(SUFFIX)
    dataset = _resolve(state.dataset, path.parent)
    if not (dataset / "manifest.json").exists():
        raise DataError("the project's dataset folder has no manifest.json", file=dataset)
    previous = _referenced_files(path)
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": state.app_version,
        "settings": state.settings,
        "notes": state.notes,
    }
    try:
        if state.copy_data:
            doc["data"] = {"mode": "copied", "folder": _copy_dataset(dataset, path)}
        else:
            doc["data"] = {"mode": "referenced", "folder": os.path.relpath(dataset, path.parent)}
        text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True, default=_json_default)
        atomic_write_text(path, text)
    except OSError as exc:
        raise DataError(f"cannot save the project ({exc.strerror or exc})", file=path) from None
    # The new file is on disk: data folders it no longer names can go.
    now = _referenced_files(path)
    for old in previous - now:
        shutil.rmtree(old, ignore_errors=True)
    return path


def load_project(path: str | Path) -> ProjectState:
    """Read a project file.

    Raises
    ------
    DataError
        Not a project file, broken JSON, a newer format version, or a dataset that is gone.
    """
    path = Path(path)
    if not path.exists():
        raise DataError("project file not found", file=path)
    try:
        doc = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"the project file is damaged (not valid JSON: {exc})", file=path) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise DataError("not an UngtLøft Map project file", file=path)
    version = doc.get("format_version")
    if not isinstance(version, int):
        raise DataError("the project file has no valid format version", file=path, field="format_version")
    if version > FORMAT_VERSION:
        raise DataError(
            f"made by a newer version of UngtLøft Map (project format {version}, app "
            f"{doc.get('app_version', '?')}); update the app to open it", file=path, field="format_version")
    data = doc.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("folder"), str):
        raise DataError("the project file does not say where its data is", file=path, field="data")
    folder = _resolve(data["folder"], path.parent)
    if not (folder / "manifest.json").exists():
        raise DataError(f"the project's data folder is missing: {folder}", file=path, field="data.folder")
    settings = doc.get("settings") or {}
    notes = doc.get("notes") or []
    if not isinstance(settings, dict) or not isinstance(notes, list):
        raise DataError("the project's settings are damaged", file=path, field="settings")
    return ProjectState(str(folder), data.get("mode") == "copied", settings, notes,
                        str(doc.get("app_version", "")))


def _resolve(folder: str, base: Path) -> Path:
    p = Path(folder)
    return (p if p.is_absolute() else base / p).resolve()


def _referenced_files(path: Path) -> set[Path]:
    """Copied-data folders that the project file at ``path`` names (empty if none/unreadable)."""
    try:
        doc = json.loads(path.read_text("utf-8"))
        data = doc["data"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    if data.get("mode") != "copied":
        return set()
    return {_resolve(data["folder"], path.parent)}


def _dataset_digest(dataset: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(p for p in dataset.rglob("*") if p.is_file()):
        h.update(str(f.relative_to(dataset)).encode())
        with open(f, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()[:10]


def _copy_dataset(dataset: Path, project_path: Path) -> str:
    """Copy the dataset into ``<stem>_data_<hash>/`` beside the project; return its relative path.

    The hash makes a re-save with changed data write a new folder instead of overwriting the one
    the current project file points to.
    """
    target = project_path.parent / f"{project_path.stem}_data_{_dataset_digest(dataset)}"
    if target.resolve() == dataset.resolve() or (target / "manifest.json").exists():
        return target.name
    tmp = target.with_name(f".{target.name}.partial")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        shutil.copytree(dataset, tmp)
        for f in tmp.rglob("*"):
            if f.is_file():
                with open(f, "rb+") as fh:
                    os.fsync(fh.fileno())
        os.replace(tmp, target)  # a folder appears complete or not at all
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target.name


def _json_default(obj):
    if hasattr(obj, "tolist"):
        return obj.tolist()
    if hasattr(obj, "__fspath__"):
        return os.fspath(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")
