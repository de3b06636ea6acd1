"""Read one role's layer with the reader its manifest entry names (the standard sources).

A manifest layer entry may name the reader that understands its file::

    "population": {"path": "Befolkning_250m.gml", "reader": "ssb_grid",
                   "fields": {"population": "popTot"}}

Without ``"reader"`` the layer goes through :func:`~ungtloft_map.core.io.vector.read_layer` as
before (old manifests stay readable). The readers:

==============================  ===================  ==========================================
``reader``                      role                 reads
==============================  ===================  ==========================================
``ssb_grid``                    population           SSB *Befolkning på rutenett* (GML,
                                                     GeoJSON, FileGDB, SOSI, CSV of ``ssbid``):
                                                     :func:`~.ssbgrid.read_ssb_grid`
``landcover``                   green_areas          N50/FKB Arealdekke (SOSI, GML), AR5, OSM:
                                                     :func:`~.landcover.read_green_areas`
``addresses``                   dwellings            address or building points with
                                                     bruksenheter: :func:`~.addresses.read_dwellings`
``municipal_housing_addresses`` municipal_housing    the housing department's address list,
                                                     joined offline to the address points of
                                                     the ``dwellings`` entry (or of the entry's
                                                     own ``"addresses": {"path": ...}``):
                                                     :func:`~.addresses_housing.join_housing_list`
==============================  ===================  ==========================================

``"fields"`` is the reader's field mapping: ``ssbid``/``population`` for the grid,
``source_class`` for land cover, ``street``/``number``/``letter``/``postcode``/``dwellings``
for addresses, ``street``/``number``/``letter``/``postcode``/``address_text``/``units`` for a
housing list.

The housing list needs the address points, whatever order the entries come in: the address
points are read once and kept (keyed by file, size and modification time) for the join. The
rows that found no address come back as :class:`~ungtloft_map.core.errors.DataWarning` objects
(a summary and the first rows with the reason); the full report is handed to ``reports``.

Examples
--------
>>> grid = read_source("Befolkning_250m.gml", "population", reader="ssb_grid")  # doctest: +SKIP
>>> grid  # doctest: +SKIP
LoadedLayer(role='population', source='Befolkning_250m.gml:BefolkningPåRuter250m', features=6, crs='EPSG:25832' (from EPSG:25833), warnings=0)
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path

from ..errors import DataError, DataWarning
from .vector import LoadedLayer, read_layer

__all__ = ["READERS", "READER_FIELDS", "DEFAULT_TABLE_READERS", "read_source",
           "UNMATCHED_REPORT_NAME"]

#: Reader name -> the role it fills.
READERS: dict[str, str] = {
    "ssb_grid": "population",
    "landcover": "green_areas",
    "addresses": "dwellings",
    "municipal_housing_addresses": "municipal_housing",
}
#: Reader name -> (required, optional) fields of its mapping (``{field: source field}``).
READER_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ssb_grid": (("population",), ("ssbid", "pop_female", "pop_male", "mean_age", "year")),
    "landcover": ((), ("source_class",)),
    "addresses": ((), ("dwellings", "unit_number", "unit_type", "street", "number", "letter",
                       "postcode", "address_text", "address_id")),
    "municipal_housing_addresses": ((), ("street", "number", "letter", "postcode",
                                         "address_text", "units")),
}
#: A table (CSV/XLSX) can only fill these roles through a reader.
DEFAULT_TABLE_READERS: dict[str, str] = {
    "population": "ssb_grid",
    "dwellings": "addresses",
    "municipal_housing": "municipal_housing_addresses",
}
#: File name of the unmatched-address report written next to the manifest.
UNMATCHED_REPORT_NAME = "kommunale_boliger_ikke_funnet.csv"
#: How many unmatched rows become a warning each (the rest are counted).
_UNMATCHED_SHOWN = 10
_ADDRESS_CACHE: OrderedDict[tuple, object] = OrderedDict()
_ADDRESS_CACHE_SIZE = 2


def read_source(
    path: str | Path,
    role: str,
    layer: str | None = None,
    *,
    reader: str | None = None,
    field_map: dict[str, str] | None = None,
    siblings: Mapping[str, object] | None = None,
    root: str | Path | None = None,
    addresses: object | None = None,
    reports: list | None = None,
) -> LoadedLayer:
    """Read the layer of ``role`` from ``path`` with ``reader`` (None: the generic reader).

    Parameters
    ----------
    path, role, layer
        The file, the role it fills, and the layer inside the file (None: the reader's choice).
    reader
        One of :data:`READERS`, or None for :func:`~.vector.read_layer`.
    field_map
        ``{field: source field}`` (see the module docstring for each reader).
    siblings, root
        The manifest's ``layers`` object and the folder its relative paths start from: a
        municipal-housing list finds its address points there (its own ``"addresses"`` entry,
        else the ``dwellings`` entry).
    addresses
        Instead of ``siblings``: the address points themselves
        (:class:`~.addresses.AddressPoints`) or ``(path, layer, field_map)``.
    reports
        When given, the unmatched-address report
        (:class:`~.addresses_housing.UnmatchedAddresses`) of a housing list is appended.

    Returns
    -------
    LoadedLayer
        In EPSG:25832, ``role`` set, the reader's warnings in ``warnings``.

    Raises
    ------
    DataError
        An unknown reader, a reader for another role, and every error of the reader itself
        (file, layer and field named).
    """
    path = Path(path)
    if reader is None:
        return read_layer(path, role, layer, field_map=field_map or None)
    if not isinstance(reader, str) or reader not in READERS:  # JSON may hold any type here
        raise DataError(f"unknown reader {reader!r}; known: {', '.join(READERS)}", file=path,
                        layer=layer, field="reader")
    if READERS[reader] != role:
        raise DataError(f"the reader {reader!r} reads the role {READERS[reader]!r}, not {role!r}",
                        file=path, layer=layer, field="reader")
    fmap = dict(field_map or {})
    if reader == "ssb_grid":
        from .ssbgrid import read_ssb_grid

        return read_ssb_grid(path, layer, id_field=fmap.get("ssbid"),
                             population_field=fmap.get("population")).as_layer()
    if reader == "landcover":
        from .landcover import read_green_areas

        return read_green_areas(path, layer, class_field=fmap.get("source_class")).as_layer()
    if reader == "addresses":
        points = _address_points(path, layer, fmap, dwellings=True)
        gdf = points.dwellings
        if gdf is None:  # read_dwellings raises first; kept for a clear message anyway
            raise DataError("no dwelling counts (bruksenheter)", file=path, layer=layer,
                            field="dwellings")
        return LoadedLayer(role, path, layer, gdf, points.source_crs, list(points.warnings))
    return _municipal_housing(path, layer, fmap, siblings, root, addresses, reports)


# --------------------------------------------------------------------------------------------
# address points, read once for the dwellings and for the housing join


def _address_points(path: Path, layer: str | None, fmap: dict[str, str], *, dwellings: bool):
    """Address points of ``path`` (cached by file identity, layer and mapping)."""
    from .addresses import read_address_points, read_dwellings

    try:
        st = path.stat()
        key = (str(path.resolve()), layer, st.st_size, st.st_mtime_ns,
               tuple(sorted(fmap.items())), dwellings)
    except OSError:
        key = None  # the reader says what is wrong with the file
    if key is not None and key in _ADDRESS_CACHE:
        _ADDRESS_CACHE.move_to_end(key)
        return _ADDRESS_CACHE[key]
    read = read_dwellings if dwellings else read_address_points
    points = read(path, layer, field_map=fmap or None)
    if key is not None:
        _ADDRESS_CACHE[key] = points
        while len(_ADDRESS_CACHE) > _ADDRESS_CACHE_SIZE:
            _ADDRESS_CACHE.popitem(last=False)
    return points


def _entry_points(entry: object, root: Path | None, where: str):
    """Address points of a manifest entry ``{"path", "layer", "fields", "reader"}``."""
    if not isinstance(entry, Mapping) or not isinstance(entry.get("path"), str):
        raise DataError("must be an object with a 'path'", field=where)
    p = Path(entry["path"])
    if root is not None and not p.is_absolute():
        p = Path(root) / p
    layer = entry.get("layer") if isinstance(entry.get("layer"), str) else None
    fields = entry.get("fields") if isinstance(entry.get("fields"), Mapping) else {}
    if not all(isinstance(v, str) for v in fields.values()):  # as Project.load checks a layer's
        raise DataError("'fields' must map field names to field names", field=f"{where}.fields")
    # The dwellings entry of a matrikkel extract (reader "addresses") is read as dwellings, so
    # both roles share one reading; any other points file is read as plain address points.
    return _address_points(p, layer, dict(fields), dwellings=entry.get("reader") == "addresses")


def _municipal_housing(path: Path, layer: str | None, fmap: dict[str, str],
                       siblings: Mapping | None, root, addresses, reports) -> LoadedLayer:
    from .addresses import AddressPoints
    from .addresses_housing import join_housing_list, read_housing_list

    root = Path(root) if root is not None else None
    if isinstance(addresses, AddressPoints):
        points = addresses
    elif isinstance(addresses, tuple):
        a_path, a_layer, a_map = (tuple(addresses) + (None, None))[:3]
        points = _address_points(Path(a_path), a_layer, dict(a_map or {}), dwellings=False)
    elif siblings is not None and isinstance(siblings.get("municipal_housing"), Mapping) \
            and siblings["municipal_housing"].get("addresses") is not None:
        points = _entry_points(siblings["municipal_housing"]["addresses"], root,
                               "layers.municipal_housing.addresses")
    elif siblings is not None and siblings.get("dwellings") is not None:
        points = _entry_points(siblings["dwellings"], root, "layers.dwellings")
    else:
        raise DataError(
            "a municipal-housing address list is joined to address points: add the address "
            "points with bruksenheter as the dwellings layer (Alle boliger)",
            file=path, layer=layer, field="dwellings")
    housing = read_housing_list(path, field_map=fmap or None, sheet=layer)
    join = join_housing_list(housing, points)
    if reports is not None:
        reports.append(join.unmatched)
    warnings = list(join.warnings)
    field = housing.address_field
    entries = list(join.unmatched)
    for e in entries[:_UNMATCHED_SHOWN]:
        hint = f" (suggestion: {e.suggestion})" if e.suggestion else ""
        warnings.append(DataWarning(f"row {e.row} {e.text!r} not found: {e.reason}{hint}",
                                    str(path), layer, field))
    if len(entries) > _UNMATCHED_SHOWN:
        warnings.append(DataWarning(
            f"… and {len(entries) - _UNMATCHED_SHOWN} more unmatched address(es); the full list "
            f"is in {UNMATCHED_REPORT_NAME} in the dataset folder", str(path), layer, field))
    return LoadedLayer("municipal_housing", path, layer, join.layer, points.source_crs, warnings)
