"""Guess a layer's role and field mapping from its kind, geometry and names.

:func:`guess_role` and :func:`guess_fields` work on the names only (layer, file and field
names, compared case-, diacritics- and separator-insensitively); the standard sources (SSB
grid, N50, OSM, addresses ...) are recognised from their content by
:mod:`~ungtloft_map.core.io.importer.presets`, which takes precedence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..sources import READER_FIELDS
from ..vector import ROLES
from .model import SourceLayer

__all__ = ["ROLES_BY_KIND", "ROLE_FIELDS", "FIELD_SYNONYMS", "guess_role", "guess_fields",
           "role_fields", "mapping_fields"]

#: Roles the user may pick for each kind of source (the first is not a default, just the order).
ROLES_BY_KIND: dict[str, tuple[str, ...]] = {
    "vector": (
        "zones", "districts", "population", "green_areas", "destinations", "municipal_housing",
        "dwellings", "plans", "boundary", "water", "roads", "context",
    ),
    # A table fills a layer role only through a standard-source reader (SSB ssbid CSV,
    # address CSV with bruksenheter, the municipal-housing address list).
    "table": ("indicators", "population", "dwellings", "municipal_housing"),
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


def role_fields(role: str | None, reader: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(required, optional)`` fields of ``role`` (empty for unknown roles).

    With a standard-source ``reader`` the fields are the reader's
    (:data:`~ungtloft_map.core.io.sources.READER_FIELDS`).

    Examples
    --------
    >>> role_fields("zones")
    (('zone_id', 'zone_name'), ('district_id',))
    >>> role_fields("population", "ssb_grid")[0]
    ('population',)
    """
    if reader is not None and reader in READER_FIELDS:
        return READER_FIELDS[reader]
    return ROLE_FIELDS.get(role or "", ((), ()))


def mapping_fields(source: SourceLayer, role: str | None,
                   reader: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(required, optional)`` fields to show in a mapping for ``source`` in ``role``.

    :func:`role_fields`, except for a wide levekår table recognised as such: its zone column is
    required and each indicator-year column of the preset (``low_income_rate:2022`` ...) is
    listed, since a wide table has no year column.

    Examples
    --------
    >>> from pathlib import Path
    >>> mapping_fields(SourceLayer(Path("/d/z.geojson"), "z", "vector"), "zones")
    (('zone_id', 'zone_name'), ('district_id',))
    """
    preset = source.preset
    if role == "indicators" and preset is not None and preset.role == role \
            and preset.key == "levekar_wide":
        extra = tuple(k for k in preset.field_map if k not in ("zone_id", "zone_name"))
        return ("zone_id",), ("zone_name", *extra)
    return role_fields(role, reader)


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
    >>> from pathlib import Path
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
