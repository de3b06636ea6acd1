"""The importer's data: an inspected layer, a recognised standard source, the user's choice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..sources import DEFAULT_TABLE_READERS

__all__ = ["SourceLayer", "ImportChoice", "Preset", "reader_for"]


@dataclass(repr=False)
class Preset:
    """A standard source recognised in a file, and how to read it.

    Attributes
    ----------
    key : str
        ``"ssb_grid_250m"``, ``"ssb_grid_1km"``, ``"n50"``, ``"ar5"``, ``"osm"``,
        ``"addresses"``, ``"municipal_housing_list"``, ``"levekar_wide"`` ...
    label : str
        What the dialog shows next to the role (bokmål), e.g. "SSB befolkning på rutenett 250 m".
    role : str
        The role it fills.
    reader : str or None
        The reader (:data:`~ungtloft_map.core.io.sources.READERS`); None: the generic one.
    field_map : dict of str to str
        The reader's guessed mapping ``{field: source field}``.
    detail : str
        Why it was recognised (a few words).

    Examples
    --------
    >>> Preset("ssb_grid_250m", "SSB befolkning på rutenett 250 m", "population", "ssb_grid",
    ...        {"population": "popTot"})
    Preset('ssb_grid_250m' -> population via ssb_grid, fields={'population': 'popTot'})
    """

    key: str
    label: str
    role: str
    reader: str | None
    field_map: dict[str, str] = field(default_factory=dict)
    detail: str = ""

    def __repr__(self) -> str:
        via = f" via {self.reader}" if self.reader else ""
        return f"Preset({self.key!r} -> {self.role}{via}, fields={self.field_map})"


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
    preset : Preset or None
        The standard source recognised in the file (SSB grid, N50, OSM, addresses ...), with
        the role, reader and field mapping it implies.
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
    preset: Preset | None = None

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
        if self.preset is not None:
            parts.append(f"preset={self.preset.key!r}")
        return f"SourceLayer({self.label!r}, {', '.join(parts)})"


@dataclass(repr=False)
class ImportChoice:
    """A layer, the role the user gave it and the field mapping ``{role field: source field}``.

    Unpacks like the tuple ``(source, role, field_map)``. ``reader`` names the standard-source
    reader (:data:`~ungtloft_map.core.io.sources.READERS`) or is None for the generic one.

    Examples
    --------
    >>> src = SourceLayer(Path("/d/soner.geojson"), "soner", "vector", "Polygon", 5, "EPSG:4326")
    >>> ImportChoice(src, "zones", {"zone_id": "zoneName", "zone_name": "zoneName"})
    ImportChoice('soner.geojson' as 'zones', fields={'zone_id': 'zoneName', 'zone_name': 'zoneName'})
    """

    source: SourceLayer
    role: str
    field_map: dict[str, str] = field(default_factory=dict)
    reader: str | None = None
    #: For a municipal-housing address list: the address points to join it to when they are
    #: not the dwellings layer (e.g. Kartverket's open addresses, which have no bruksenheter).
    addresses: SourceLayer | None = None

    @classmethod
    def guessed(cls, source: SourceLayer) -> ImportChoice | None:
        """The importer's guess for ``source``, or ``None`` when no role was guessed."""
        if source.guessed_role is None or source.error:
            return None
        return cls(source, source.guessed_role, dict(source.guessed_fields),
                   reader_for(source, source.guessed_role))

    def __iter__(self) -> Iterator:
        return iter((self.source, self.role, self.field_map))

    def __repr__(self) -> str:
        reader = f", reader={self.reader!r}" if self.reader else ""
        return (f"ImportChoice({self.source.label!r} as {self.role!r}{reader}, "
                f"fields={self.field_map})")




def reader_for(source: SourceLayer, role: str | None) -> str | None:
    """The reader a layer needs for ``role``: its preset's when the role is the preset's,
    the standard reader for a table in a layer role, else None (the generic reader).

    Examples
    --------
    >>> s = SourceLayer(Path("/d/b.csv"), None, "table")
    >>> reader_for(s, "population"), reader_for(s, "indicators")
    ('ssb_grid', None)
    """
    if source.preset is not None and source.preset.role == role:
        return source.preset.reader
    if source.kind == "table":
        return DEFAULT_TABLE_READERS.get(role or "")
    return None


def _family(geometry_type: str | None) -> str | None:
    if not geometry_type:
        return None
    text = geometry_type.lower()
    for fam in ("polygon", "linestring", "point"):
        if fam in text:
            return {"polygon": "Polygon", "linestring": "LineString", "point": "Point"}[fam]
    return None
