"""Recognise the standard Norwegian sources in an inspected layer: role, reader, field mapping.

The sniffers of the readers look at the content (schema, header, class values), so a file is
recognised whatever it is called:

==============================================  =================  ======================
source                                          role               reader
==============================================  =================  ======================
SSB *Befolkning på rutenett* 250 m / 1 km       population         ``ssb_grid``
(GML, GeoJSON, FileGDB, SOSI, CSV of ``ssbid``)
Kartverket N50/FKB Arealdekke (SOSI, GML),      green_areas        ``landcover``
AR5, OpenStreetMap (``.osm``, ``.osm.pbf``)
address/building points with bruksenheter       dwellings          ``addresses``
(matrikkel; GeoJSON/GPKG or CSV with Nord/Øst)
municipal-housing address list (CSV/XLSX        municipal_housing  ``municipal_housing_addresses``
without coordinates)
wide levekår table (zones in rows)              indicators         (the table reader)
==============================================  =================  ======================

A layer in the app's own layout (a ``zone_id`` field, as in the demo) gets no preset: the
generic reader keeps its extra fields.
"""

from __future__ import annotations

import re

import pandas as pd

from ..sources import READER_FIELDS
from .model import Preset, SourceLayer

__all__ = ["detect_preset", "n50_layer_file", "SIZE_LABELS"]

SIZE_LABELS = {250: "250 m", 1000: "1 km", 5000: "5 km"}
#: A table larger than this is not read whole just to name its cell size in the label.
_MAX_SNIFF_BYTES = 50_000_000
_LANDCOVER_LABELS = {
    "n50_sosi": ("n50", "Kartverket N50/FKB Arealdekke"),
    "n50_layers": ("n50", "Kartverket N50/FKB Arealdekke"),
    "class_field": ("n50", "Kartverket N50/FKB Arealdekke"),
    "ar5": ("ar5", "Kartverket AR5 arealressurskart"),
    "osm": ("osm", "OpenStreetMap (grøntområder)"),
}


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


def _own_layout(src: SourceLayer) -> bool:
    """A layer that already carries the app's zone_id (the demo's, an earlier export)."""
    return any(_norm(f) == "zoneid" for f in src.fields)


def _only(fmap: dict[str, str], reader: str) -> dict[str, str]:
    required, optional = READER_FIELDS[reader]
    keep = (*required, *optional)
    return {k: v for k, v in fmap.items() if k in keep}


def ssb_preset(src: SourceLayer) -> Preset | None:
    """The SSB grid preset of a polygon layer or a table, or None."""
    from ..ssbgrid import looks_like_ssb_grid

    guess = looks_like_ssb_grid(src.path, src.layer)
    if guess is None:
        return None
    size = SIZE_LABELS.get(guess.cell_size_m or _size_from_ids(src, guess.id_field) or 0)
    key = f"ssb_grid_{size.replace(' ', '')}" if size else "ssb_grid"
    label = "SSB befolkning på rutenett" + (f" {size}" if size else "")
    what = "ssbid" if guess.id_field else "cells"
    return Preset(key, label, "population", "ssb_grid", _only(guess.field_map, "ssb_grid"),
                  f"{what} and {guess.population_field}")


def _size_from_ids(src: SourceLayer, id_field: str | None) -> int | None:
    """Cell size of a table of SSB ids, from the ids' corners (as the reader guesses it)."""
    if src.kind != "table" or not id_field or src.path.stat().st_size > _MAX_SNIFF_BYTES:
        return None
    from ..ssbgrid import _read_table

    ids = pd.to_numeric(_read_table(src.path)[id_field], errors="coerce").dropna()
    if ids.empty:
        return None
    ids = ids.astype("int64")
    e, n = ids // 10**7 - 2_000_000, ids % 10**7
    if ((e % 1000) != 0).any() or ((n % 1000) != 0).any():
        return 250
    return 5000 if ((e % 5000 == 0) & (n % 5000 == 0)).all() and len(ids) >= 8 else 1000


def landcover_preset(src: SourceLayer) -> Preset | None:
    """The land-cover preset (N50/FKB, AR5, OSM) of a file or layer, or None."""
    from ..landcover import looks_like_landcover

    guess = looks_like_landcover(src.path, src.layer)
    if guess is None or not guess.green_classes and guess.source != "osm":
        return None
    key, label = _LANDCOVER_LABELS.get(guess.source, ("landcover", "Arealdekke"))
    classes = ", ".join(guess.green_classes[:4]) or "leisure/landuse/natural"
    return Preset(key, label, "green_areas", "landcover", _only(guess.field_map, "landcover"),
                  f"green classes: {classes}")


def dwellings_preset(src: SourceLayer) -> Preset | None:
    """Address or building points with bruksenheter, or None."""
    from ..addresses import looks_like_address_points, looks_like_dwellings

    sniff = looks_like_dwellings(src.path, src.layer)
    if not sniff:
        return None
    if src.kind == "table" and not looks_like_address_points(src.path, src.layer):
        return None  # a table needs coordinates (Nord/Øst) to be points
    return Preset("addresses", "Adressepunkter med bruksenheter (matrikkel)", "dwellings",
                  "addresses", _only(sniff.mapping, "addresses"), sniff.detail)


def housing_preset(src: SourceLayer) -> Preset | None:
    """The municipal-housing address list (a table without coordinates), or None."""
    from ..addresses_housing import looks_like_housing_list

    sniff = looks_like_housing_list(src.path)
    if not sniff:
        return None
    return Preset("municipal_housing_list", "Kommunale boliger: adresseliste", "municipal_housing",
                  "municipal_housing_addresses",
                  _only(sniff.mapping, "municipal_housing_addresses"), sniff.detail)


def wide_table_preset(src: SourceLayer) -> Preset | None:
    """A wide levekår table (zones in rows, indicator-year columns), or None."""
    from ..tables_wide import looks_like_wide_table

    sniff = looks_like_wide_table(src.path)
    if not sniff:
        return None
    return Preset("levekar_wide", "Levekårstabell (bred: soner i rader)", "indicators", None,
                  dict(sniff.mapping), sniff.detail)


def detect_preset(src: SourceLayer) -> Preset | None:
    """The standard source ``src`` is, or None (the generic guess applies).

    Never raises: the sniffers answer "no" for anything they cannot read.

    Examples
    --------
    >>> detect_preset(inspect_source("Befolkning_250m.gml")[0])  # doctest: +SKIP
    Preset('ssb_grid_250m' -> population via ssb_grid, fields={'ssbid': 'ssbid250m', ...})
    """
    if src.error or src.kind in ("gtfs", "plan") or _own_layout(src):
        return None
    if src.path.suffix.lower() == ".zip":
        return None  # zipped shapefiles: the sniffers read plain files
    family = src.geometry_family
    try:
        if src.kind == "table":
            checks = (ssb_preset, dwellings_preset, housing_preset, wide_table_preset)
        elif family == "Polygon":
            checks = (ssb_preset, landcover_preset)
        elif family == "Point":
            checks = (dwellings_preset,)
        else:
            checks = ()
        for check in checks:
            preset = check(src)
            if preset is not None:
                return preset
    except Exception:  # a preset is a convenience; the generic guess still applies
        return None
    return None


def n50_layer_file(layer_names: list[str]) -> bool:
    """Whether a file's layers are N50/FKB classes (one layer per OBJTYPE, as in N50 GML)."""
    from ..landcover import N50_CLASSES

    known = {re.sub(r"[\s_-]", "", k).lower() for k in N50_CLASSES}
    return sum(re.sub(r"[\s_-]", "", n).lower() in known for n in layer_names) >= 2
