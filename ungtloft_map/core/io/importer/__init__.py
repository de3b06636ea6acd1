"""Import a user's own files: inspect them, guess roles and fields, validate, write a manifest.

This is the Qt-free core of the import dialog (Fil → Importer data). The steps are:

1. :func:`inspect_source` lists every layer in a file or a folder (GeoPackage layers, GeoJSON,
   Shapefiles -- also zipped --, CSV/XLSX tables, GTFS zips, SOSI/GML plans) as
   :class:`SourceLayer` objects, each with a guessed role (:func:`guess_role`) and a guessed
   field mapping (:func:`guess_fields`). A file that cannot be read becomes a
   :class:`SourceLayer` with an ``error``; the inspection never fails as a whole.
2. The user confirms or changes the role and the mapping of each layer: an
   :class:`ImportChoice`.
3. :func:`validate` runs the app's real readers on the choices and returns a
   :class:`ValidationReport` (errors, warnings, and the zone ids that do not join between the
   indicator table and the zones layer).
4. :func:`write_manifest` writes a dataset folder with a ``manifest.json`` that references the
   source files by absolute path (nothing is copied), which
   :meth:`~ungtloft_map.core.project.Project.load` opens.

The standard sources (SSB population grid, N50/FKB Arealdekke, AR5, OSM, address points with
bruksenheter, a municipal-housing address list, a wide levekår table) are recognised from their
content: :attr:`SourceLayer.preset` holds the role, reader and field mapping
(:mod:`.presets`), and the chosen reader goes to the manifest (``"reader"``;
:mod:`ungtloft_map.core.io.sources`).

The package, by responsibility: :mod:`.model` (the data classes), :mod:`.guess` (role and field
guesses from names), :mod:`.presets` (standard sources from content), :mod:`.inspect`
(files and folders), :mod:`.validate`, :mod:`.manifest`.

Examples
--------
>>> layers = inspect_source("geodata/demo")                       # doctest: +SKIP
>>> choices = [ImportChoice.guessed(s) for s in layers if s.guessed_role]  # doctest: +SKIP
>>> report = validate(choices)                                     # doctest: +SKIP
>>> report.ok                                                      # doctest: +SKIP
True
>>> write_manifest(choices, "/tmp/mydata", "Mine data")            # doctest: +SKIP
PosixPath('/tmp/mydata/manifest.json')
"""

from __future__ import annotations

from .guess import (
    FIELD_SYNONYMS,
    ROLE_FIELDS,
    ROLES_BY_KIND,
    guess_fields,
    guess_role,
    mapping_fields,
    role_fields,
)
from .inspect import HEAD_ROWS, inspect_source, preview_geometries
from .manifest import write_manifest
from .model import ImportChoice, Preset, SourceLayer, reader_for
from .presets import detect_preset
from .validate import Issue, LayerCheck, ValidationReport, validate

__all__ = [
    "SourceLayer",
    "ImportChoice",
    "Preset",
    "Issue",
    "LayerCheck",
    "ValidationReport",
    "ROLE_FIELDS",
    "ROLES_BY_KIND",
    "FIELD_SYNONYMS",
    "HEAD_ROWS",
    "inspect_source",
    "guess_role",
    "guess_fields",
    "role_fields",
    "mapping_fields",
    "reader_for",
    "detect_preset",
    "preview_geometries",
    "validate",
    "write_manifest",
]
