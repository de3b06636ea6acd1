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

import io
import json
import os
import re
import unicodedata
import warnings as pywarnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from pyproj import CRS

from ..errors import AnalysisError, DataError, UngtloftError
from .atomic import atomic_write_text
from .gtfs import load_gtfs
from .plans import read_plan
from .tables import read_indicator_table, read_table
from .vector import ROLES, read_layer

__all__ = [
    "SourceLayer",
    "ImportChoice",
    "Issue",
    "LayerCheck",
    "ValidationReport",
    "ROLE_FIELDS",
    "ROLES_BY_KIND",
    "FIELD_SYNONYMS",
    "inspect_source",
    "guess_role",
    "guess_fields",
    "role_fields",
    "preview_geometries",
    "validate",
    "write_manifest",
]

#: How many rows :attr:`SourceLayer.head` keeps.
HEAD_ROWS = 5

_VECTOR_SUFFIXES = {".gpkg", ".geojson", ".json", ".shp", ".fgb", ".gml", ".kml"}
_TABLE_SUFFIXES = {".csv", ".xlsx", ".xlsm"}
_PLAN_SUFFIXES = {".sos", ".sosi", ".gml"}  # read by the plan readers, not by GDAL
_ZIP_VECTOR_MEMBERS = (".shp", ".gpkg", ".geojson")
_SKIP_NAMES = {"manifest.json"}

#: Roles the user may pick for each kind of source (the first is not a default, just the order).
ROLES_BY_KIND: dict[str, tuple[str, ...]] = {
    "vector": (
        "zones", "districts", "population", "green_areas", "destinations", "municipal_housing",
        "dwellings", "plans", "boundary", "water", "roads", "context",
    ),
    "table": ("indicators",),
    "gtfs": ("gtfs",),
    "plan": ("plans",),
}
# Roles that may be given to several layers: plans go to the manifest's "plans" list and context
# layers get keys "context", "context_2", ...; every other role names exactly one layer.
_MULTI_ROLES = {"plans", "context"}

#: Fields a role can use beyond the required ones of :data:`~.vector.ROLES` (offered in the
#: mapping; mapped when a synonym is found). ``{role: (required, optional)}``.
ROLE_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    **{role: (spec.required, ()) for role, spec in ROLES.items()},
    "zones": (ROLES["zones"].required, ("district_id",)),
    "population": (ROLES["population"].required,
                   ("pop_0_17", "pop_18_29", "pop_30_66", "pop_67", "ssbid", "zone_id")),
    "green_areas": ((), ("kind", "name")),
    "municipal_housing": (ROLES["municipal_housing"].required, ("address_id",)),
    "dwellings": (ROLES["dwellings"].required, ("zone_id", "address_id")),
    "boundary": ((), ("name",)),
    "water": ((), ("kind", "name")),
    "roads": ((), ("kind",)),
    "plans": ((), ()),  # read_plan finds its own fields (plan id, arealformål)
    "indicators": (("zone_id", "year"), ("zone_name",)),
    "gtfs": ((), ()),
}

_ZONE_ID = (
    "zone_id", "sone_id", "soneid", "sonenr", "sonenummer", "levekårssone_id",
    "levekårssonenr", "levekårssonenummer", "levekårssone_nr", "grunnkrets",
    "grunnkretsnummer", "grunnkretsnr", "grunnkrets_id", "ssbid", "zone", "sone", "id",
)
#: Synonyms per role field, best first; compared case-, diacritics- and separator-insensitively
#: (``zoneName`` = ``zone_name`` = ``ZONE NAME``, ``år`` = ``ar``).
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "zone_id": _ZONE_ID,
    "zone_name": (
        "zone_name", "zoneName", "sonenavn", "sone_navn", "levekårssonenavn", "levekårssone",
        "levekarssone", "levekårssoner", "grunnkretsnavn", "navn", "name", "sone", "zone",
    ),
    "district_id": (
        "district_id", "bydel_id", "bydelid", "bydelsnr", "bydelsnummer", "bydel_nr", "bydelnr",
        "district", "bydel",
    ),
    "district_name": (
        "district_name", "bydelsnavn", "bydel_navn", "bydelnavn", "bydel", "navn", "name",
    ),
    "population": (
        "population", "befolkning", "bosatte", "antall_bosatte", "pop_tot", "poptot",
        "pop_total", "folkemengde", "folketall", "innbyggere", "personer", "antall", "pop",
        "totalt", "sum",
    ),
    "pop_0_17": ("pop_0_17", "alder_0_17", "a0_17", "barn", "pop_barn"),
    "pop_18_29": ("pop_18_29", "alder_18_29", "a18_29", "unge"),
    "pop_30_66": ("pop_30_66", "alder_30_66", "a30_66"),
    "pop_67": ("pop_67", "pop_67_", "pop_67pluss", "alder_67", "alder_67_", "a67", "eldre"),
    "ssbid": ("ssbid", "ssb_id", "ruteid", "rute_id", "rutenr", "rutenummer"),
    "units": (
        "units", "antall_boenheter", "boenheter", "kommunale_boenheter", "enheter", "antall_enheter", "antall",
        "kommunale_boliger", "antall_boliger", "boliger",
    ),
    "dwellings": (
        "dwellings", "boliger", "antall_boliger", "boligantall", "boenheter", "antall_boenheter",
        "units", "enheter", "antall",
    ),
    "address_id": (
        "address_id", "adresse_id", "adresseid", "adressenr", "adressekode", "adresse",
        "matrikkel", "matrikkelnummer", "bygningsnr", "bygningsnummer",
    ),
    "name": ("name", "navn", "stedsnavn", "tittel", "title", "label", "beskrivelse"),
    "category": ("category", "kategori", "type", "kind", "art", "klasse", "formål"),
    "kind": ("kind", "type", "kategori", "category", "art", "arealbruk", "formål", "klasse"),
    "year": ("year", "år", "aar", "årstall", "aarstall", "arstall", "periode"),
}
# When nothing else names the id, the name is used as id (the real levekårssoner file only
# carries ``zoneName``); read_layer lets one source field feed several role fields.
# Likewise a lone id serves as the name.
_FALLBACK = {"zone_id": "zone_name", "district_id": "district_name",
             "zone_name": "zone_id", "district_name": "district_id"}


# --------------------------------------------------------------------------------------------
# inspected layers


@dataclass(repr=False)
class SourceLayer:
    """One layer found in a file: what it holds and what the importer guesses it is.

    Attributes
    ----------
    path : Path
        The file (absolute).
    layer : str or None
        Layer name inside the file (GeoPackage, zipped shapefile); ``None`` for tables, GTFS
        feeds and plan files.
    kind : str
        ``"vector"``, ``"table"``, ``"gtfs"`` or ``"plan"`` (a SOSI/GML regulation plan).
    geometry_type : str or None
        ``"MultiPolygon"``, ``"Point"``, ... (``None`` for tables).
    feature_count : int or None
        Features, table rows, or stops for a GTFS feed; ``None`` when unknown.
    crs : str or None
        ``"EPSG:4326"`` or the CRS name; ``None`` when the layer has none (or is a table).
    fields : dict of str to str
        Field name → dtype (GTFS: the fields of ``stops.txt``).
    head : DataFrame
        The first rows, without geometry.
    guessed_role : str or None
        :func:`guess_role`.
    guessed_fields : dict of str to str
        :func:`guess_fields` for the guessed role, ``{role field: source field}``.
    error : str or None
        Why the layer could not be inspected (the other attributes are then mostly empty).
    layers_in_file : int
        How many layers the file holds (1 for single-layer files).

    Examples
    --------
    >>> SourceLayer(Path("/data/soner.geojson"), "soner", "vector", "Polygon", 5, "EPSG:4326")
    SourceLayer('soner.geojson', vector, Polygon, 5 features, EPSG:4326, role=None)
    """

    path: Path
    layer: str | None
    kind: str
    geometry_type: str | None = None
    feature_count: int | None = None
    crs: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    head: pd.DataFrame = field(default_factory=pd.DataFrame)
    guessed_role: str | None = None
    guessed_fields: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    layers_in_file: int = 1

    @property
    def label(self) -> str:
        """``file.gpkg:layer`` for a multi-layer file, else the file name."""
        if self.layer and self.layers_in_file > 1:
            return f"{self.path.name}:{self.layer}"
        return self.path.name

    @property
    def field_names(self) -> list[str]:
        return list(self.fields)

    @property
    def geometry_family(self) -> str | None:
        """``"Polygon"``, ``"Point"``, ``"LineString"`` or ``None`` (Multi- and Z dropped)."""
        return _family(self.geometry_type)

    def __repr__(self) -> str:
        if self.error:
            return f"SourceLayer({self.label!r}, {self.kind}, error={self.error!r})"
        parts = [self.kind]
        if self.geometry_type:
            parts.append(self.geometry_type)
        if self.feature_count is not None:
            unit = {"table": "rows", "gtfs": "stops"}.get(self.kind, "features")
            parts.append(f"{self.feature_count} {unit}")
        if self.kind != "table":
            parts.append(self.crs or "no CRS")
        parts.append(f"role={self.guessed_role!r}")
        return f"SourceLayer({self.label!r}, {', '.join(parts)})"


@dataclass(repr=False)
class ImportChoice:
    """A layer, the role the user gave it and the field mapping ``{role field: source field}``.

    Unpacks like the tuple ``(source, role, field_map)``.

    Examples
    --------
    >>> src = SourceLayer(Path("/d/soner.geojson"), "soner", "vector", "Polygon", 5, "EPSG:4326")
    >>> ImportChoice(src, "zones", {"zone_id": "zoneName", "zone_name": "zoneName"})
    ImportChoice('soner.geojson' as 'zones', fields={'zone_id': 'zoneName', 'zone_name': 'zoneName'})
    """

    source: SourceLayer
    role: str
    field_map: dict[str, str] = field(default_factory=dict)

    @classmethod
    def guessed(cls, source: SourceLayer) -> ImportChoice | None:
        """The importer's guess for ``source``, or ``None`` when no role was guessed."""
        if source.guessed_role is None or source.error:
            return None
        return cls(source, source.guessed_role, dict(source.guessed_fields))

    def __iter__(self) -> Iterator:
        return iter((self.source, self.role, self.field_map))

    def __repr__(self) -> str:
        return f"ImportChoice({self.source.label!r} as {self.role!r}, fields={self.field_map})"


# --------------------------------------------------------------------------------------------
# name matching


def _key(name: str) -> str:
    """Compare key: lower case, no diacritics (å→a, ø→o, æ→ae), letters and digits only."""
    text = str(name).lower().replace("ø", "o").replace("æ", "ae")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text)


def _words(name: str) -> str:
    """Like :func:`_key` but keeps word breaks as ``_`` (for hints such as ``kommunale_boliger``)."""
    text = re.sub(r"([a-z])([A-Z])", r"\1_\2", str(name))  # camelCase → camel_case
    text = text.lower().replace("ø", "o").replace("æ", "ae")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "_" + re.sub(r"[^a-z0-9]+", "_", text).strip("_") + "_"


def _find(names: Iterable[str], synonyms: Iterable[str]) -> str | None:
    by_key: dict[str, str] = {}
    for n in names:
        by_key.setdefault(_key(n), n)
    for syn in synonyms:
        hit = by_key.get(_key(syn))
        if hit is not None:
            return hit
    return None


def role_fields(role: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(required, optional)`` role fields of ``role`` (empty for unknown roles).

    Examples
    --------
    >>> role_fields("zones")
    (('zone_id', 'zone_name'), ('district_id',))
    """
    return ROLE_FIELDS.get(role or "", ((), ()))


def guess_fields(role: str | None, field_names: Iterable[str]) -> dict[str, str]:
    """Guess the mapping ``{role field: source field}`` for ``role`` from the source's names.

    Each role field (required and optional, :data:`ROLE_FIELDS`) takes the first of its
    :data:`FIELD_SYNONYMS` present in ``field_names``, compared case-, diacritics- and
    separator-insensitively; a source field is used once. ``zone_id`` falls back to the field
    used as ``zone_name`` when nothing else names an id, and the other way round (likewise
    ``district_id``/``district_name``). Fields not found are left out.

    Examples
    --------
    >>> guess_fields("zones", ["zoneName"])
    {'zone_id': 'zoneName', 'zone_name': 'zoneName'}
    >>> guess_fields("zones", ["Levekårssone_ID", "Navn", "Bydel"])
    {'zone_id': 'Levekårssone_ID', 'zone_name': 'Navn', 'district_id': 'Bydel'}
    >>> guess_fields("indicators", ["sone", "År", "low_income_count"])
    {'zone_id': 'sone', 'year': 'År'}
    """
    names = [str(n) for n in field_names]
    required, optional = role_fields(role)
    out: dict[str, str] = {}
    used: set[str] = set()
    for target in (*required, *optional):
        synonyms = FIELD_SYNONYMS.get(target, (target,))
        if target == "zone_id" and role not in ("zones", "indicators"):
            # On a grid cell or an address "id"/"ssbid" is the feature's own id, not its zone.
            synonyms = tuple(s for s in synonyms if s not in ("id", "ssbid"))
        # One source field feeds one role field, so "ssbid" is not also taken as zone_id.
        hit = _find([n for n in names if n not in used], synonyms)
        if hit is not None:
            out[target] = hit
            used.add(hit)
    for target, other in _FALLBACK.items():
        if target in required and target not in out and other in out:
            out[target] = out[other]
    # Keep the role's order (required first) after the fallbacks were added.
    order = {t: i for i, t in enumerate((*required, *optional))}
    return dict(sorted(out.items(), key=lambda kv: order[kv[0]]))


_RE_ZONE_HINT = re.compile(r"_(levekar[a-z0-9]*|soner?|zones?|grunnkrets[a-z0-9]*)_")
_RE_DISTRICT_HINT = re.compile(r"_(bydel[a-z0-9]*|districts?)_")
_RE_BOUNDARY_HINT = re.compile(r"_([a-z0-9]*grense[a-z0-9]*|boundary|kommune|municipality|admin[a-z0-9]*)_")
_RE_GREEN_HINT = re.compile(
    r"(gront|gronn|park|friomrade|friluft|skog|marka|green|forest|lekeplass|idrett|natur)"
)
_RE_WATER_HINT = re.compile(r"_([a-z0-9]*vann|sjo|hav|fjord|elv[a-z0-9]*|innsjo[a-z0-9]*|water|lakes?|sea|rivers?)_")
_RE_PLAN_HINT = re.compile(r"_([a-z0-9]*plan[a-z0-9]*|regulering[a-z0-9]*)_")
_RE_ROAD_HINT = re.compile(r"_(veg[a-z0-9]*|vei[a-z0-9]*|gate[a-z0-9]*|roads?|streets?)_")
_RE_POP_HINT = re.compile(r"(befolkning|rutenett|bosatte|population|grid|ruter?_)")
_RE_MUNICIPAL_HINT = re.compile(r"(kommunal|municipal)")
_RE_DEST_HINT = re.compile(r"(destinasjon|destination|malpunkt|skole|sykehus|school|hospital)")
# Field names that by themselves say what a polygon layer is ("antall", "navn" or "id" do not).
_POP_SPECIFIC = tuple(s for s in FIELD_SYNONYMS["population"]
                      if s not in {"antall", "pop", "totalt", "sum", "personer"})
_DISTRICT_SPECIFIC = tuple(s for s in FIELD_SYNONYMS["district_id"] + FIELD_SYNONYMS["district_name"]
                           if s not in {"navn", "name"})
_ZONE_SPECIFIC = tuple(s for s in _ZONE_ID + FIELD_SYNONYMS["zone_name"]
                       if _key(s) not in {"id", "name", "navn", "ssbid"})


def guess_role(layer: SourceLayer) -> str | None:
    """Guess the role of an inspected layer from its kind, geometry and names.

    The rules, first match wins (the *hint* is the layer name, plus the file name for a
    single-layer file; field names are compared as in :func:`guess_fields`):

    ==========================  ===============================================================
    kind / geometry             rule → role
    ==========================  ===============================================================
    GTFS zip                    → ``gtfs``
    SOSI / GML plan             → ``plans``
    table (CSV/XLSX)            a year field and ``*_count`` columns or a zone id → ``indicators``
    Point                       "kommunal"/"municipal" in the hint or a field, and a units field
                                → ``municipal_housing``; a dwellings field (``boliger``) →
                                ``dwellings``; a population field → ``population``; name and
                                category fields, or a destination hint (skole, sykehus) →
                                ``destinations``
    Polygon                     ``ssbid`` or a population field with a grid/befolkning hint, or
                                a population field and no zone field → ``population``; a plan
                                id / ``arealformål`` field or a plan hint → ``plans``; a zone
                                id/name field (``sone_id``, ``zoneName``, ``grunnkrets``, ...)
                                or a levekår/sone hint → ``zones``; a bydel field or hint →
                                ``districts``; a grense/kommune hint, or ``kommunenummer``
                                and at most 3 features → ``boundary``; grønt/park/friområde/
                                skog in the hint or a field → ``green_areas``; vann/sjø/fjord/
                                elv → ``water``; a dwellings field → ``dwellings``
    LineString                  veg/vei/gate/road hint → ``roads``
    ==========================  ===============================================================

    Anything else gives ``None`` (the user chooses).

    Examples
    --------
    >>> src = SourceLayer(Path("/d/x.geojson"), "x", "vector", "MultiPolygon", 5, "EPSG:4326",
    ...                   fields={"zoneName": "object"})
    >>> guess_role(src)
    'zones'
    """
    if layer.error:
        return None
    if layer.kind in ("gtfs", "plan"):
        return "gtfs" if layer.kind == "gtfs" else "plans"
    names = layer.field_names
    keys = {_key(n) for n in names}
    if layer.kind == "table":
        has_year = _find(names, FIELD_SYNONYMS["year"]) is not None
        counts = any(k.endswith(("count", "antall", "denom")) for k in keys)
        if has_year and (counts or _find(names, _ZONE_ID) is not None):
            return "indicators"
        return None
    hint_source = layer.layer or ""
    if layer.layers_in_file <= 1:
        hint_source = f"{layer.path.stem} {hint_source}"
    hint = _words(hint_source)
    fields_text = _words(" ".join(names))

    def has(target: str) -> bool:
        return _find(names, FIELD_SYNONYMS[target]) is not None

    family = layer.geometry_family
    if family == "Point":
        if (_RE_MUNICIPAL_HINT.search(hint) or _RE_MUNICIPAL_HINT.search(fields_text)) and has("units"):
            return "municipal_housing"
        if _find(names, ("dwellings", "boliger", "antall_boliger", "boligantall")):
            return "dwellings"
        if _find(names, _POP_SPECIFIC):
            return "population"
        if (has("name") and has("category")) or _RE_DEST_HINT.search(hint):
            return "destinations"
        return None
    if family == "Polygon":
        pop_field = _find(names, _POP_SPECIFIC)
        zone_field = _find(names, _ZONE_SPECIFIC) is not None
        if "ssbid" in keys or (pop_field and (_RE_POP_HINT.search(hint) or not zone_field)):
            return "population"
        if keys & {"planid", "arealformal", "rparealformal", "planidentifikasjon"} or _RE_PLAN_HINT.search(hint):
            return "plans"
        if zone_field or _RE_ZONE_HINT.search(hint):
            return "zones"
        if _find(names, _DISTRICT_SPECIFIC) or _RE_DISTRICT_HINT.search(hint):
            return "districts"
        # The boundary is the kommune polygon; a file of all of Norway's kommuner is not.
        few = layer.feature_count is None or layer.feature_count <= 3
        if _RE_BOUNDARY_HINT.search(hint) or ("kommunenummer" in keys and few):
            return "boundary"
        if _RE_GREEN_HINT.search(hint) or _RE_GREEN_HINT.search(fields_text):
            return "green_areas"
        if _RE_WATER_HINT.search(hint):
            return "water"
        if _find(names, ("dwellings", "boliger", "antall_boliger")):
            return "dwellings"
        return None
    if family == "LineString" and _RE_ROAD_HINT.search(hint):
        return "roads"
    return None


def _family(geometry_type: str | None) -> str | None:
    if not geometry_type:
        return None
    text = geometry_type.lower()
    for fam in ("polygon", "linestring", "point"):
        if fam in text:
            return {"polygon": "Polygon", "linestring": "LineString", "point": "Point"}[fam]
    return None


# --------------------------------------------------------------------------------------------
# inspection


def inspect_source(path: str | os.PathLike) -> list[SourceLayer]:
    """Every layer in a file, or in the files of a folder (walked, hidden entries skipped).

    Parameters
    ----------
    path
        A GeoPackage (one :class:`SourceLayer` per layer), GeoJSON, Shapefile (``.shp`` or a
        ``.zip`` holding one), CSV/XLSX table, GTFS zip (recognised by ``stops.txt`` and
        ``stop_times.txt``), SOSI/GML plan -- or a folder holding such files. In a folder,
        files of other types (and ``.json`` files that are not GeoJSON) are skipped; a file
        given by itself always yields at least one entry (with ``error`` set when it cannot be
        read).

    Returns
    -------
    list of SourceLayer
        With the guessed role and fields filled in. Nothing raises for bad input: a layer that
        cannot be read carries the message in ``error``.

    Examples
    --------
    >>> [s.label for s in inspect_source("geodata/demo")][:2]   # doctest: +SKIP
    ['fjordvik.gpkg:boundary', 'fjordvik.gpkg:water']
    """
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        files = list(_walk(path))
        out: list[SourceLayer] = []
        for f in files:
            out.extend(_inspect_file(f))
        return out
    return _inspect_file(path)


def _walk(folder: Path) -> Iterator[Path]:
    known = _VECTOR_SUFFIXES | _TABLE_SUFFIXES | _PLAN_SUFFIXES | {".zip"}
    for root, dirs, files in os.walk(folder):
        # Hidden folders (.git, .venv) and __pycache__ never hold the user's data.
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(files):
            p = Path(root) / name
            if name.startswith((".", "~$")) or name.lower() in _SKIP_NAMES:
                continue
            if p.suffix.lower() == ".json" and not _looks_like_geojson(p):
                continue  # settings and metadata files are not layers
            if p.suffix.lower() in known:
                yield p


def _looks_like_geojson(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            start = fh.read(4096)
    except OSError:
        return True  # let the inspection report the problem
    return b'"type"' in start and (b"Feature" in start or b"coordinates" in start)


def _inspect_file(path: Path) -> list[SourceLayer]:
    suffix = path.suffix.lower()
    try:
        if not path.exists():
            raise DataError("file not found", file=path)
        if path.is_file() and path.stat().st_size == 0:
            raise DataError("the file is empty (0 bytes)", file=path)
        if suffix == ".zip":
            found = _inspect_zip(path)
        elif suffix in _TABLE_SUFFIXES:
            found = [_inspect_table(path)]
        elif suffix in {".sos", ".sosi"} or (suffix == ".gml" and _is_plan_gml(path)):
            found = [_inspect_plan(path)]
        elif suffix in _VECTOR_SUFFIXES:
            found = _inspect_vector(path, str(path))
        else:
            raise DataError(f"unsupported file type {suffix or '(none)'!r}", file=path)
    except Exception as exc:  # never let one file stop the inspection of the others
        kind = "table" if suffix in _TABLE_SUFFIXES else "vector"
        found = [SourceLayer(path, None, kind, error=_message(exc))]
    for src in found:
        if src.error is None:
            src.guessed_role = guess_role(src)
            src.guessed_fields = guess_fields(src.guessed_role, src.field_names)
    return found


def _message(exc: BaseException) -> str:
    if isinstance(exc, UngtloftError):
        return str(exc)
    return f"cannot read ({_short(exc)})"


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _is_plan_gml(path: Path) -> bool:
    # A Plan GML (SOSI-based) has its own reader; other GML goes through GDAL.
    with open(path, "rb") as fh:
        start = fh.read(4096).lower()
    return b"arealplan" in start or b"rpomrade" in start or b"rpomr" in start


def _gtfs_members(zf: zipfile.ZipFile) -> dict[str, str]:
    out: dict[str, str] = {}
    for info in zf.infolist():
        base = info.filename.rsplit("/", 1)[-1].lower()
        if not info.is_dir() and not base.startswith("._"):
            out.setdefault(base, info.filename)
    return out


def _inspect_zip(path: Path) -> list[SourceLayer]:
    try:
        with zipfile.ZipFile(path) as zf:
            members = _gtfs_members(zf)
            if "stops.txt" in members and "stop_times.txt" in members:
                return [_inspect_gtfs(path, zf, members)]
    except zipfile.BadZipFile:
        raise DataError("not a valid zip archive (corrupt or truncated)", file=path) from None
    if not any(m.endswith(_ZIP_VECTOR_MEMBERS) for m in members):
        raise DataError(
            "the zip holds neither a GTFS feed (stops.txt, stop_times.txt) nor a shapefile",
            file=path,
        )
    return _inspect_vector(path, f"/vsizip/{path}")


def _inspect_gtfs(path: Path, zf: zipfile.ZipFile, members: dict[str, str]) -> SourceLayer:
    raw = zf.read(members["stops.txt"])
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    stops = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    stops.columns = [c.strip() for c in stops.columns]
    return SourceLayer(
        path, None, "gtfs", geometry_type="Point", feature_count=len(stops),
        crs="EPSG:4326",  # GTFS coordinates are WGS84 by definition
        fields={c: "str" for c in stops.columns}, head=stops.head(HEAD_ROWS).reset_index(drop=True),
    )


def _inspect_table(path: Path) -> SourceLayer:
    df = read_table(path)
    return SourceLayer(
        path, None, "table", feature_count=len(df),
        fields={str(c): str(t) for c, t in df.dtypes.items()},
        head=df.head(HEAD_ROWS).reset_index(drop=True),
    )


def _inspect_plan(path: Path) -> SourceLayer:
    plan = read_plan(path)
    gdf = plan.features
    attrs = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    return SourceLayer(
        path, None, "plan", geometry_type="Polygon", feature_count=len(gdf),
        crs=_crs_text(gdf.crs),
        fields={str(c): str(t) for c, t in attrs.dtypes.items()},
        head=attrs.head(HEAD_ROWS).reset_index(drop=True),
    )


def _inspect_vector(path: Path, target: str) -> list[SourceLayer]:
    with pywarnings.catch_warnings():
        pywarnings.simplefilter("ignore", RuntimeWarning)  # GDAL repeats its errors as warnings
        try:
            listed = pyogrio.list_layers(target)
        except Exception as exc:
            raise DataError(f"cannot read the file ({_short(exc)})", file=path) from None
        names = [(str(n), g) for n, g in listed]
        out = []
        for name, _geom in names:
            try:
                out.append(_inspect_vector_layer(path, target, name, len(names)))
            except Exception as exc:  # one broken layer must not hide the others
                out.append(SourceLayer(path, name, "vector", error=_message(exc),
                                       layers_in_file=len(names)))
    if not out:
        raise DataError("the file holds no layers", file=path)
    return out


def _inspect_vector_layer(path: Path, target: str, name: str, n_layers: int) -> SourceLayer:
    info = pyogrio.read_info(target, layer=name)
    geometry_type = info.get("geometry_type")
    head = pyogrio.read_dataframe(target, layer=name, max_features=HEAD_ROWS,
                                  read_geometry=bool(geometry_type))
    if isinstance(head, gpd.GeoDataFrame):
        if str(geometry_type).lower() in ("unknown", "geometry", "geometrycollection"):
            # GeoJSON mixing Polygon and MultiPolygon reports "Unknown"; the first features
            # tell the family, which is all the role guess needs.
            types = set(head.geom_type.dropna())
            if len({_family(t) for t in types}) == 1:
                geometry_type = sorted(types, key=len)[-1]  # MultiPolygon over Polygon
        head = pd.DataFrame(head.drop(columns=head.geometry.name))
    src = SourceLayer(
        path, name, "vector",
        geometry_type=str(geometry_type) if geometry_type else None,
        feature_count=int(info["features"]) if info.get("features", -1) >= 0 else None,
        crs=_crs_text(info.get("crs")),
        fields={str(f): str(t) for f, t in zip(info["fields"], info["dtypes"])},
        head=pd.DataFrame(head).reset_index(drop=True),
        layers_in_file=n_layers,
    )
    if src.geometry_type is None:
        # A GeoPackage attribute table: the indicator reader takes CSV/XLSX only.
        src.error = "the layer has no geometry (an attribute table); export it to CSV or XLSX"
    return src


def _crs_text(crs) -> str | None:
    if crs is None:
        return None
    try:
        c = CRS.from_user_input(crs)
    except Exception:
        return str(crs)[:80]
    auth = c.to_authority()
    if auth is not None:
        return f"{auth[0]}:{auth[1]}"
    return c.name


def preview_geometries(source: SourceLayer, max_features: int = 5000) -> gpd.GeoDataFrame | None:
    """The layer's geometries for a thumbnail (source CRS; GTFS stops in EPSG:4326).

    Returns ``None`` for tables and layers that cannot be read. Only the first
    ``max_features`` features are read, so large layers stay quick to preview.

    Examples
    --------
    >>> gdf = preview_geometries(inspect_source("zones.geojson")[0])  # doctest: +SKIP
    """
    if source.error or source.kind == "table":
        return None
    try:
        if source.kind == "gtfs":
            with zipfile.ZipFile(source.path) as zf:
                raw = zf.read(_gtfs_members(zf)["stops.txt"])
            stops = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", encoding_errors="replace",
                                dtype=str, keep_default_na=False, nrows=max_features)
            stops.columns = [c.strip() for c in stops.columns]
            lon = pd.to_numeric(stops.get("stop_lon"), errors="coerce")
            lat = pd.to_numeric(stops.get("stop_lat"), errors="coerce")
            ok = lon.notna() & lat.notna()
            return gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon[ok], lat[ok]), crs="EPSG:4326")
        if source.kind == "plan":
            feats = read_plan(source.path).features
            return gpd.GeoDataFrame(geometry=feats.geometry.values, crs=feats.crs)
        target = f"/vsizip/{source.path}" if source.path.suffix.lower() == ".zip" else str(source.path)
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore", RuntimeWarning)
            gdf = pyogrio.read_dataframe(target, layer=source.layer, max_features=max_features,
                                         columns=[])
        return gdf if isinstance(gdf, gpd.GeoDataFrame) else None
    except Exception:  # a preview is optional; the validation reports the real problem
        return None


# --------------------------------------------------------------------------------------------
# validation


@dataclass(frozen=True)
class Issue:
    """One finding of :func:`validate`.

    ``code`` lets a GUI phrase the dataset-level findings in its own language: ``"data"`` (a
    reader's :class:`~ungtloft_map.core.errors.DataError` or warning, ``message`` is its text),
    ``"no_zones"``, ``"duplicate_role"``, ``"wrong_role"``, ``"unmatched_ids"``,
    ``"zones_without_indicators"``, ``"leading_zeros"``, ``"no_count_columns"``. ``detail``
    holds the values the message names (``(role, *labels)`` for ``duplicate_role``, the ids
    for the join findings, ``(kind, role)`` for ``wrong_role``).
    """

    level: str  # "error" or "warning"
    message: str
    source: str | None = None  # SourceLayer.label
    code: str = "data"
    detail: tuple[str, ...] = ()  # the values the message names (role and labels, ids, ...)

    def __str__(self) -> str:
        # Reader messages already start with the file name; do not repeat it.
        if not self.source or self.message.startswith(self.source.split(":")[0]):
            return self.message
        return f"{self.source}: {self.message}"


@dataclass(repr=False)
class LayerCheck:
    """What the reader said about one chosen layer."""

    source: SourceLayer
    role: str
    summary: str = ""  # e.g. "5 features, EPSG:4326 → EPSG:25832"
    # The same as numbers, for a GUI to phrase: features + source_crs (layers), stops + trips +
    # date (GTFS), rows + zones + years (indicators), polygons + hectares (plans).
    facts: dict[str, object] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(i.level == "error" for i in self.issues)

    def __repr__(self) -> str:
        return f"LayerCheck({self.source.label!r} as {self.role!r}, ok={self.ok}, {self.summary!r})"


@dataclass(repr=False)
class ValidationReport:
    """The result of :func:`validate`: per-layer checks and dataset-level findings.

    Attributes
    ----------
    checks : list of LayerCheck
        One per choice, in order.
    issues : list of Issue
        Dataset-level findings (no zones layer, a role chosen twice, the indicator join).
    unmatched_indicator_ids : list of str
        Zone ids in the indicator table that match no zone.
    zones_without_indicators : list of str
        Zone ids (of the zones layer) that have no row in the indicator table.
    zone_names : dict of str to str
        ``zone_id → zone_name`` of the zones layer, to show the ids with their names.
    """

    checks: list[LayerCheck] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    unmatched_indicator_ids: list[str] = field(default_factory=list)
    zones_without_indicators: list[str] = field(default_factory=list)
    zone_names: dict[str, str] = field(default_factory=dict)

    @property
    def all_issues(self) -> list[Issue]:
        return [i for c in self.checks for i in c.issues] + self.issues

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.all_issues if i.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.all_issues if i.level == "warning"]

    @property
    def has_zones(self) -> bool:
        return any(c.role == "zones" and c.ok for c in self.checks)

    @property
    def ok(self) -> bool:
        """True only with a readable zones layer and no errors anywhere."""
        return self.has_zones and not self.errors

    def __repr__(self) -> str:
        return (
            f"ValidationReport(ok={self.ok}, layers={len(self.checks)}, errors={len(self.errors)}, "
            f"warnings={len(self.warnings)}, unmatched_ids={len(self.unmatched_indicator_ids)}, "
            f"zones_without_indicators={len(self.zones_without_indicators)})"
        )


Progress = Callable[[str, float], bool]


def validate(choices: Iterable[ImportChoice], *, progress: Progress | None = None) -> ValidationReport:
    """Read every chosen layer with the app's own readers and report what they say.

    Vector layers go through :func:`~.vector.read_layer` (with the field mapping), plans
    through :func:`~.plans.read_plan`, the indicator table through
    :func:`~.tables.read_indicator_table` and a GTFS feed through :func:`~.gtfs.load_gtfs`
    (which takes a few seconds on a city's feed). Then the indicator table is joined to the
    zones: ids that match no zone and zones without rows are listed (warnings: the project
    loads, but those zones have no levekår figures).

    Parameters
    ----------
    choices
        The layers to import with their roles and field mappings.
    progress
        ``progress(label, fraction) -> bool``; returning False cancels
        (:class:`~ungtloft_map.core.errors.AnalysisError` is raised).

    Returns
    -------
    ValidationReport
        ``ok`` is True only with a zones layer and no errors.

    Examples
    --------
    >>> report = validate([ImportChoice(src, "zones", {"zone_id": "zoneName",
    ...                                                "zone_name": "zoneName"})])  # doctest: +SKIP
    >>> report.ok  # doctest: +SKIP
    True
    """
    choices = list(choices)
    report = ValidationReport()
    zones = None
    indicators: pd.DataFrame | None = None
    for n, choice in enumerate(choices):
        if progress is not None and not progress(choice.source.label, n / max(len(choices), 1)):
            raise AnalysisError("cancelled")
        check, loaded = _check_choice(choice)
        report.checks.append(check)
        if choice.role == "zones" and check.ok:
            zones = loaded
        elif choice.role == "indicators" and check.ok:
            indicators = loaded
    _check_roles(choices, report)
    if zones is not None:
        names = zones["zone_name"].astype(str) if "zone_name" in zones.columns else zones["zone_id"]
        report.zone_names = dict(zip(zones["zone_id"].astype(str), names))
    if zones is not None and indicators is not None:
        _check_join(zones, indicators, report)
    if progress is not None:
        progress("", 1.0)
    return report


def _check_choice(choice: ImportChoice) -> tuple[LayerCheck, object]:
    src, role, fmap = choice.source, choice.role, dict(choice.field_map or {})
    check = LayerCheck(src, role)
    label = src.label
    if src.error:
        check.issues.append(Issue("error", src.error, label))
        return check, None
    if role not in ROLES_BY_KIND.get(src.kind, ()):
        check.issues.append(Issue(
            "error", f"a {src.kind} source cannot have the role {role!r}", label, "wrong_role",
            (src.kind, role)))
        return check, None
    loaded = None
    try:
        if role == "gtfs":
            day = load_gtfs(src.path)
            loaded = day
            check.summary = f"{day.n_stops} stops, {day.n_trips} trips on {day.date.isoformat()}"
            check.facts = {"stops": day.n_stops, "trips": day.n_trips, "date": day.date.isoformat()}
            warns = day.warnings
        elif role == "indicators":
            df = read_indicator_table(src.path, field_map=fmap or None)
            loaded = df
            years = sorted(df["year"].unique())
            span = f"{years[0]}–{years[-1]}" if years else "no years"
            check.summary = f"{len(df)} rows, {df['zone_id'].nunique()} zones, years {span}"
            check.facts = {"rows": len(df), "zones": int(df["zone_id"].nunique()),
                           "years": tuple(int(y) for y in years)}
            warns = []
            if not any(str(c).endswith("_count") for c in df.columns):
                check.issues.append(Issue(
                    "warning", "no *_count columns: the table holds no indicator counts", label,
                    "no_count_columns"))
        elif role == "plans":
            plan = read_plan(src.path, layer=src.layer if src.layers_in_file > 1 else None)
            loaded = plan
            check.summary = f"{len(plan.features)} polygons, {plan.boundary.area / 1e4:.1f} ha"
            check.facts = {"polygons": len(plan.features), "hectares": plan.boundary.area / 1e4}
            warns = plan.warnings
        else:
            lay = read_layer(src.path, role if role in ROLES else "context", src.layer,
                             field_map=fmap or None)
            loaded = lay.gdf
            check.summary = f"{len(lay.gdf)} features, {lay.source_crs} → EPSG:25832"
            check.facts = {"features": len(lay.gdf), "source_crs": lay.source_crs}
            warns = lay.warnings
    except UngtloftError as err:
        check.issues.append(Issue("error", str(err), label))
        return check, None
    except Exception as exc:  # a reader bug must still end as a message, not a crash
        check.issues.append(Issue("error", f"unexpected error: {type(exc).__name__}: {exc}", label))
        return check, None
    check.issues.extend(Issue("warning", str(w), label) for w in warns)
    return check, loaded


def _check_roles(choices: list[ImportChoice], report: ValidationReport) -> None:
    seen: dict[str, list[str]] = {}
    for c in choices:
        seen.setdefault(c.role, []).append(c.source.label)
    for role, labels in seen.items():
        if len(labels) > 1 and role not in _MULTI_ROLES:
            report.issues.append(Issue(
                "error", f"the role {role!r} is given to {len(labels)} layers: {', '.join(labels)}",
                None, "duplicate_role", (role, *labels)))
    if "zones" not in seen:
        report.issues.append(Issue("error", "no layer has the role 'zones' (levekårssoner)",
                                   None, "no_zones"))


def _check_join(zones: gpd.GeoDataFrame, indicators: pd.DataFrame, report: ValidationReport) -> None:
    zone_ids = set(zones["zone_id"].astype(str))
    table_ids = set(indicators["zone_id"].astype(str))
    unmatched = sorted(table_ids - zone_ids)
    missing = [z for z in zones["zone_id"].astype(str) if z not in table_ids]
    report.unmatched_indicator_ids = unmatched
    report.zones_without_indicators = missing
    if unmatched:
        report.issues.append(Issue(
            "warning", f"{len(unmatched)} zone id(s) in the indicator table match no zone: "
            f"{_listing(unmatched)}", None, "unmatched_ids", tuple(unmatched)))
    if missing:
        report.issues.append(Issue(
            "warning", f"{len(missing)} zone(s) have no row in the indicator table: "
            f"{_listing(missing)}", None, "zones_without_indicators", tuple(missing)))
    # "101" vs "0101" is the usual reason when a spreadsheet dropped the leading zeros.
    if unmatched and {u.lstrip("0") for u in unmatched} & {z.lstrip("0") for z in zone_ids}:
        report.issues.append(Issue(
            "warning", "some ids differ only by leading zeros (e.g. '101' vs '0101'); "
            "store the ids as text in the table", None, "leading_zeros"))


def _listing(ids: list[str], limit: int = 10) -> str:
    more = f" … (+{len(ids) - limit})" if len(ids) > limit else ""
    return ", ".join(ids[:limit]) + more


# --------------------------------------------------------------------------------------------
# manifest


def write_manifest(choices: Iterable[ImportChoice], folder: str | os.PathLike, name: str) -> Path:
    """Write ``folder/manifest.json`` for the chosen layers; returns its path.

    The manifest references each source by absolute path (nothing is copied), keeps the field
    mappings (``"fields"``, identity mappings left out) and is marked ``"fictional": false``.
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
    report = ValidationReport()
    _check_roles(choices, report)
    if report.issues:
        raise DataError("; ".join(i.message for i in report.issues), file=folder / "manifest.json")
    manifest: dict = {
        "name": str(name).strip() or "Importerte data",
        "fictional": False,
        "format_version": 1,
        "crs": "EPSG:25832",
        "created_by": "UngtLøft Map import",
        "layers": {},
    }
    plans: list[dict] = []
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
            if fields:
                entry["fields"] = fields
            manifest["layers"][key] = entry
    if plans:
        manifest["plans"] = plans
    target = folder / "manifest.json"
    atomic_write_text(target, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return target


def _plan_name(src: SourceLayer) -> str:
    if "name" in src.head.columns:
        values = src.head["name"].dropna().astype(str)
        values = values[values.str.strip() != ""]
        if len(values):
            return values.iloc[0]
    return src.layer if src.layer and src.layers_in_file > 1 else src.path.stem
