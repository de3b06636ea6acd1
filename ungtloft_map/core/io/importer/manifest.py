"""Write the dataset folder's ``manifest.json`` for the chosen layers."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from ...errors import DataError
from ..atomic import atomic_write_text
from ..sources import UNMATCHED_REPORT_NAME
from .model import ImportChoice, SourceLayer, reader_for
from .validate import ValidationReport, _check_roles, address_entry

__all__ = ["write_manifest"]

def write_manifest(choices: Iterable[ImportChoice], folder: str | os.PathLike, name: str, *,
                   report: ValidationReport | None = None) -> Path:
    """Write ``folder/manifest.json`` for the chosen layers; returns its path.

    The manifest references each source by absolute path (nothing is copied), keeps the field
    mappings (``"fields"``, identity mappings left out) and the standard-source reader
    (``"reader"``), and is marked ``"fictional": false``. With the :func:`validate` ``report``
    of the same choices, the rows of a municipal-housing list that found no address are
    written next to it as ``kommunale_boliger_ikke_funnet.csv`` (named in the entry's
    ``"unmatched_report"``).
    Plans go to the ``"plans"`` list, extra context layers get the keys ``context``,
    ``context_2``, .... The file is written atomically. Run :func:`validate` first: this only
    checks that the manifest would name one zones layer.

    Raises
    ------
    DataError
        No zones layer, or a role (other than plans/context) given to several layers.

    Examples
    --------
    >>> path = write_manifest(choices, "/tmp/trondheim", "Trondheim sentrum")  # doctest: +SKIP
    >>> Project.load(path.parent).zones.crs.to_epsg()  # doctest: +SKIP
    25832
    """
    choices = list(choices)
    folder = Path(folder).expanduser().absolute()
    roles = ValidationReport()
    _check_roles(choices, roles)
    if roles.issues:
        raise DataError("; ".join(i.message for i in roles.issues), file=folder / "manifest.json")
    manifest: dict = {
        "name": str(name).strip() or "Importerte data",
        "fictional": False,
        "format_version": 1,
        "crs": "EPSG:25832",
        "created_by": "UngtLøft Map import",
        "layers": {},
    }
    plans: list[dict] = []
    unmatched = report.unmatched_addresses if report is not None else None
    for choice in choices:
        src, role = choice.source, choice.role
        path = str(src.path.expanduser().absolute())
        fields = {k: v for k, v in (choice.field_map or {}).items() if k != v}
        if role == "gtfs":
            manifest["gtfs"] = {"path": path}
        elif role == "indicators":
            manifest["indicators"] = {"path": path, **({"fields": fields} if fields else {})}
        elif role == "plans":
            entry = {"path": path, "name": _plan_name(src)}
            if src.layer and src.layers_in_file > 1:
                entry["layer"] = src.layer
            plans.append(entry)
        else:
            key = role
            if role == "context":
                n = 1
                while key in manifest["layers"]:
                    n += 1
                    key = f"context_{n}"
            entry = {"path": path}
            if src.layer:
                entry["layer"] = src.layer
            reader = choice.reader if choice.reader is not None else reader_for(src, role)
            if reader:
                entry["reader"] = reader
            if fields:
                entry["fields"] = fields
            if role == "municipal_housing" and choice.addresses is not None:
                entry["addresses"] = address_entry(choice.addresses)
            if role == "municipal_housing" and unmatched is not None and len(unmatched):
                entry["unmatched_report"] = UNMATCHED_REPORT_NAME
            manifest["layers"][key] = entry
    if plans:
        manifest["plans"] = plans
    target = folder / "manifest.json"
    if unmatched is not None and len(unmatched):
        unmatched.write_csv(folder / UNMATCHED_REPORT_NAME)
    atomic_write_text(target, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return target


def _plan_name(src: SourceLayer) -> str:
    if "name" in src.head.columns:
        values = src.head["name"].dropna().astype(str)
        values = values[values.str.strip() != ""]
        if len(values):
            return values.iloc[0]
    return src.layer if src.layer and src.layers_in_file > 1 else src.path.stem
