"""Project files (``.ulmap``): the data (referenced or copied) and every setting, saved safely.

A project file is JSON. It names the dataset -- either by reference (the path of a dataset
folder with a ``manifest.json``) or as a copy (every vector layer copied into one GeoPackage
in a folder beside the project file, with the indicator table, the GTFS feed and the plan files
copied next to it) --
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
    try:
        found = path.exists()
        text = path.read_text("utf-8") if found else ""
    # a name too long for the file system, a NUL byte, a folder named x.ulmap, no permission
    except (OSError, ValueError) as exc:
        if isinstance(exc, UnicodeDecodeError):
            raise DataError(f"the project file is damaged (not valid JSON: {exc})", file=path) from None
        raise DataError(f"cannot read the project file ({getattr(exc, 'strerror', None) or exc})",
                        file=path) from None
    if not found:
        raise DataError("project file not found", file=path)
    try:
        doc = json.loads(text)
    # ValueError: JSONDecodeError, and an integer of more than 4300 digits; RecursionError:
    # arrays nested ~1000 deep
    except (ValueError, RecursionError) as exc:
        raise DataError(f"the project file is damaged (not valid JSON: {str(exc)[:200]})",
                        file=path) from None
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
    try:
        folder = _resolve(data["folder"], path.parent)
        has_manifest = (folder / "manifest.json").exists()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        raise DataError("the project's data folder is not a usable path", file=path,
                        field="data.folder") from None
    if not has_manifest:
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


def _manifest_files(dataset: Path) -> tuple[dict, list[Path]]:
    """The dataset's manifest and every file it references (resolved), in a stable order."""
    manifest = json.loads((dataset / "manifest.json").read_text("utf-8"))
    files = []
    for spec in (manifest.get("layers") or {}).values():
        files.append(_resolve(spec["path"], dataset))
    for key in ("indicators", "gtfs"):
        if manifest.get(key):
            files.append(_resolve(manifest[key]["path"], dataset))
    for plan in manifest.get("plans") or []:
        files.append(_resolve(plan["path"], dataset))
    return manifest, files


def _dataset_digest(dataset: Path) -> str:
    h = hashlib.sha256((dataset / "manifest.json").read_bytes())
    _, files = _manifest_files(dataset)
    for f in sorted(set(files)):
        h.update(str(f).encode())
        with open(f, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()[:10]


def _copy_dataset(dataset: Path, project_path: Path) -> str:
    """Copy the dataset beside the project; return the copy's folder (relative path).

    Every vector layer goes into ONE GeoPackage (``data.gpkg``, a layer per role); the indicator
    table, the GTFS feed and the plan files, which are not vector layers, are copied beside it;
    the new manifest points at the copies, so the project no longer depends on the original
    files. The folder name carries a content hash, so a re-save with changed data writes a new
    folder instead of overwriting the one the current project file points to.
    """
    import geopandas as gpd
    import pyogrio

    prefix = f"{project_path.stem}_data_"
    if dataset.parent == project_path.parent.resolve() and dataset.name.startswith(prefix):
        # Already this project's own copy (saving a copied project again): hashing and copying
        # it would only write the same data again under a new name.
        return dataset.name
    target = project_path.parent / f"{prefix}{_dataset_digest(dataset)}"
    if target.resolve() == dataset.resolve() or (target / "manifest.json").exists():
        return target.name
    manifest, _ = _manifest_files(dataset)
    tmp = target.with_name(f".{target.name}.partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        new_layers = {}
        for role, spec in (manifest.get("layers") or {}).items():
            src = _resolve(spec["path"], dataset)
            try:
                gdf = gpd.read_file(src, layer=spec.get("layer"), engine="pyogrio")
                gdf.to_file(tmp / "data.gpkg", layer=role, driver="GPKG", engine="pyogrio")
            except (OSError, ValueError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
                raise DataError(f"cannot copy the layer into the project ({exc})", file=src, layer=role) from None
            new_layers[role] = {k: v for k, v in spec.items() if k not in ("path", "layer")}
            new_layers[role].update({"path": "data.gpkg", "layer": role})
        manifest["layers"] = new_layers
        for key in ("indicators", "gtfs"):
            if manifest.get(key):
                src = _resolve(manifest[key]["path"], dataset)
                shutil.copy2(src, tmp / src.name)
                manifest[key] = dict(manifest[key], path=src.name)
        plans = []
        for plan in manifest.get("plans") or []:
            src = _resolve(plan["path"], dataset)
            (tmp / "plans").mkdir(exist_ok=True)
            shutil.copy2(src, tmp / "plans" / src.name)
            plans.append(dict(plan, path=f"plans/{src.name}"))
        if plans:
            manifest["plans"] = plans
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
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
