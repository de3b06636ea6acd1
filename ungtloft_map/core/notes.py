"""Place notes: what people said about a place (borgerpanel, medvirkning, befaring ...).

A :class:`PlaceNote` is a point (a place) or a zone polygon with a category, a date, a source
and a free text. A :class:`NoteStore` keeps the notes of a project: it derives the zone of a
point from the zones layer, lists the notes of a zone, converts to and from a GeoDataFrame and
to and from JSON (saved inside the project file), and :func:`export_notes_gpkg` writes them to a
GeoPackage atomically.

Notes are free text typed by planners, so they can hold personal data by accident.
:func:`privacy_warnings` looks for what a note should not contain and returns warnings (it
never changes or refuses the text; the planner decides):

* **a person's name** -- two or more consecutive capitalised words (``Kari Nordmann``,
  ``Anne-Lise Berg``) that are not at the start of a sentence and are not known place names.
  Known names are the project's zone and district names (and the names of its green areas and
  destinations), word by word, plus common place-type words (``Skole``, ``Park``, ``Gate``
  ...). At the start of a sentence the first word is capitalised anyway, so it is skipped
  unless it is a common Norwegian first name (``Ola Hansen sa ...`` is still caught).
  Acronyms (``NAV``, ``FHI``) are not capitalised words. Limits: a single name (``Ola``) is not
  caught, and an unknown place name of two capitalised words is warned about (a false alarm);
* **a Norwegian phone number** -- 8 digits grouped as a phone number, ``12 34 56 78`` or
  ``123 45 678`` (spaces or hyphens), or written together when they start with 2–9 (Norwegian
  subscriber numbers do; this keeps e.g. ``12345678`` out), optionally after ``+47`` or
  ``0047``;
* **an e-mail address**;
* **a fødselsnummer** -- 11 digits, optionally with a space after the six date digits.

Examples
--------
>>> store = NoteStore(zones=zones)  # doctest: +SKIP
>>> note = store.add(Point(569_500, 7_034_200), "Mørk undergang, folk unngår den om kvelden",
...                  category="trygghet", source="befaring", date="2026-03-04")  # doctest: +SKIP
>>> note.zone_id  # doctest: +SKIP
'0203'
>>> privacy_warnings("Ring Kari Nordmann på 412 34 567")
['Mulig telefonnummer: «412 34 567»', 'Mulig personnavn: «Kari Nordmann»']
>>> privacy_warnings("Benken ved Torget er ødelagt", place_names=["Torget"])
[]
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from .crs import ANALYSIS_CRS, require_projected
from .errors import DataError
from .io.atomic import atomic_path

__all__ = [
    "PlaceNote", "NoteStore", "NotesExport", "export_notes_gpkg", "read_notes_gpkg",
    "privacy_warnings", "SOURCES", "CATEGORIES",
]

#: Where a note comes from.
SOURCES = ("borgerpanel", "medvirkning", "befaring", "annet")
#: Suggested categories (free text is allowed).
CATEGORIES = ("trygghet", "møteplass", "grøntområde", "lek og aktivitet", "trafikk", "bolig",
              "tilbud og tjenester", "annet")
FORMAT = "ungtloft-map-notes"
FORMAT_VERSION = 1
#: Layers of the GeoPackage export.
POINT_LAYER = "notater_punkter"
AREA_LAYER = "notater_soner"
_COLUMNS = ("note_id", "zone_id", "category", "date", "source", "text", "author")


@dataclass(frozen=True)
class PlaceNote:
    """One note about a place.

    Attributes
    ----------
    note_id
        Unique id (a UUID unless given).
    geometry
        A Point (a place) or a (Multi)Polygon (a zone), EPSG:25832.
    zone_id
        The zone the note is about (derived from the zones for points).
    category
        What it is about (see :data:`CATEGORIES`; free text allowed).
    date
        When it was said or seen.
    source
        One of :data:`SOURCES`.
    text
        The note.
    author
        Who wrote it down (optional).
    """

    note_id: str
    geometry: BaseGeometry
    zone_id: str | None
    category: str
    date: _dt.date
    source: str
    text: str
    author: str | None = None

    @property
    def is_point(self) -> bool:
        return self.geometry.geom_type == "Point"

    def to_dict(self) -> dict:
        """JSON-ready dict (GeoJSON geometry in EPSG:25832 metres, ISO date)."""
        return {"note_id": self.note_id, "geometry": mapping(self.geometry), "zone_id": self.zone_id,
                "category": self.category, "date": self.date.isoformat(), "source": self.source,
                "text": self.text, "author": self.author}

    def __repr__(self) -> str:
        where = "point" if self.is_point else "area"
        zone = f" in {self.zone_id}" if self.zone_id else ""
        text = self.text if len(self.text) <= 40 else self.text[:39] + "…"
        return (f"PlaceNote({self.note_id!r}, {where}{zone}, {self.category}, {self.date.isoformat()}, "
                f"{self.source}: {text!r})")


@dataclass(frozen=True)
class NotesExport:
    """What :func:`export_notes_gpkg` wrote, and the notes that may hold personal data."""

    path: Path
    n_points: int
    n_areas: int
    warnings: dict[str, list[str]] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"NotesExport({self.path.name!r}, points={self.n_points}, areas={self.n_areas}, "
                f"notes_with_privacy_warnings={len(self.warnings)})")


class NoteStore:
    """The place notes of a project.

    Parameters
    ----------
    notes
        Initial notes.
    zones
        Zones (``zone_id``, EPSG:25832) used to find the zone of a point note; optional.
    place_names
        Known place names for :func:`privacy_warnings` (zone/district names ...).

    Examples
    --------
    >>> store = NoteStore.for_project(Project.demo())  # doctest: +SKIP
    >>> n = store.add_for_zone("0101", "Ungdommene savner et sted å være", source="medvirkning")  # doctest: +SKIP
    >>> store.list_for_zone("0101")  # doctest: +SKIP
    [PlaceNote('…', area in 0101, annet, 2026-11-26, medvirkning: 'Ungdommene savner et sted å være')]
    """

    def __init__(self, notes: Iterable[PlaceNote] = (), *, zones: gpd.GeoDataFrame | None = None,
                 place_names: Iterable[str] = ()) -> None:
        if zones is not None:
            require_projected(zones, what="the zones layer", layer="zones")
            if "zone_id" not in zones.columns:
                raise DataError("the zones layer has no zone id field", layer="zones", field="zone_id")
        self._zones = zones.reset_index(drop=True) if zones is not None else None
        self.place_names = list(place_names)
        if self._zones is not None and "zone_name" in self._zones.columns:
            self.place_names += [str(n) for n in self._zones["zone_name"].dropna()]
        self._notes: dict[str, PlaceNote] = {}
        for n in notes:
            if n.note_id in self._notes:
                raise DataError(f"note id {n.note_id!r} occurs more than once", field="note_id")
            self._notes[n.note_id] = n

    @classmethod
    def for_project(cls, project, notes: Iterable[PlaceNote] = ()) -> NoteStore:
        """A store with the project's zones and its zone, district, green-area and destination names."""
        names: list[str] = []
        for role, col in (("districts", "district_name"), ("green_areas", "name"), ("destinations", "name")):
            layer = project.layer(role)
            if layer is not None and col in layer.columns:
                names += [str(v) for v in layer[col].dropna().unique()]
        names.append(str(project.name))
        return cls(notes, zones=project.zones, place_names=names)

    # -- collection -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._notes)

    def __iter__(self) -> Iterator[PlaceNote]:
        return iter(self._notes.values())

    def __contains__(self, note_id: object) -> bool:
        return note_id in self._notes

    def __repr__(self) -> str:
        zones = len({n.zone_id for n in self if n.zone_id})
        return f"NoteStore({len(self)} notes in {zones} zones)"

    def get(self, note_id: str) -> PlaceNote:
        try:
            return self._notes[note_id]
        except KeyError:
            raise DataError(f"no note with id {note_id!r}", field="note_id") from None

    def list_for_zone(self, zone_id: str) -> list[PlaceNote]:
        """The notes about a zone (points in it and notes on the zone itself), oldest first."""
        return sorted((n for n in self if n.zone_id == str(zone_id)), key=lambda n: (n.date, n.note_id))

    # -- editing ----------------------------------------------------------------------------------
    def add(self, geometry: BaseGeometry, text: str, *, category: str = "annet", source: str = "annet",
            date: _dt.date | str | None = None, author: str | None = None, zone_id: str | None = None,
            note_id: str | None = None) -> PlaceNote:
        """Add a note; a point's zone is derived from the zones (``zone_id`` is then ignored).

        Raises
        ------
        DataError
            An unknown source, an empty text, a geometry that is not a point or polygon, looks
            like longitude/latitude or is empty, a bad date, a duplicate ``note_id``.
        """
        note_id = str(note_id) if note_id else uuid.uuid4().hex
        if note_id in self._notes:
            raise DataError(f"note id {note_id!r} occurs more than once", field="note_id")
        note = self._build(note_id, geometry, text, category, source, date, author, zone_id)
        self._notes[note_id] = note
        return note

    def add_for_zone(self, zone_id: str, text: str, **kwargs) -> PlaceNote:
        """Add a note about a whole zone (its polygon from the zones layer)."""
        if self._zones is None:
            raise DataError("the store has no zones layer", field="zone_id")
        sel = self._zones[self._zones["zone_id"].astype(str) == str(zone_id)]
        if sel.empty:
            raise DataError(f"unknown zone id {zone_id!r}", layer="zones", field="zone_id")
        return self.add(sel.geometry.iloc[0], text, zone_id=str(zone_id), **kwargs)

    def update(self, note_id: str, **changes) -> PlaceNote:
        """Change fields of a note (``geometry``, ``text``, ``category``, ``source``, ``date``,
        ``author``, ``zone_id``); a moved point gets its zone again."""
        old = self.get(note_id)
        unknown = set(changes) - {"geometry", "text", "category", "source", "date", "author", "zone_id"}
        if unknown:
            raise DataError(f"cannot change {', '.join(sorted(unknown))} of a note")
        vals = {"geometry": old.geometry, "text": old.text, "category": old.category, "source": old.source,
                "date": old.date, "author": old.author, "zone_id": old.zone_id}
        if "geometry" in changes and "zone_id" not in changes:
            vals["zone_id"] = None  # derive again
        vals.update(changes)
        note = self._build(note_id, vals["geometry"], vals["text"], vals["category"], vals["source"],
                           vals["date"], vals["author"], vals["zone_id"])
        self._notes[note_id] = note
        return note

    def remove(self, note_id: str) -> PlaceNote:
        note = self.get(note_id)
        del self._notes[note_id]
        return note

    def _build(self, note_id, geometry, text, category, source, date, author, zone_id) -> PlaceNote:
        geometry = _check_geometry(geometry)
        if not isinstance(text, str) or not text.strip():
            raise DataError("a note needs a text", field="text")
        if source not in SOURCES:
            raise DataError(f"source must be one of {', '.join(SOURCES)}, not {source!r}", field="source")
        category = str(category or "annet").strip()
        if self._zones is not None and (geometry.geom_type == "Point" or zone_id is None):
            # a point's zone is where it is; a zone polygon keeps the zone it was given
            zone_id = self._zone_of(geometry)
        return PlaceNote(note_id, geometry, None if zone_id is None else str(zone_id), category, _to_date(date),
                         source, text.strip(), None if author in (None, "") else str(author))

    def _zone_of(self, geom: BaseGeometry) -> str | None:
        """The zone holding a point (first zone on a shared edge), or overlapping a polygon most."""
        if self._zones is None:
            return None
        zg = self._zones.geometry.to_numpy()
        if geom.geom_type == "Point":
            hit = np.flatnonzero(shapely.intersects(zg, geom))
            return str(self._zones["zone_id"].iloc[hit[0]]) if len(hit) else None
        area = shapely.area(shapely.intersection(zg, geom))
        return str(self._zones["zone_id"].iloc[int(np.argmax(area))]) if area.max() > 0 else None

    # -- privacy ----------------------------------------------------------------------------------
    def privacy_warnings(self, note: PlaceNote | str, *, lang: str = "nb") -> list[str]:
        """:func:`privacy_warnings` with the store's known place names."""
        text = note.text if isinstance(note, PlaceNote) else note
        return privacy_warnings(text, self.place_names, lang=lang)

    def warnings_by_note(self, *, lang: str = "nb") -> dict[str, list[str]]:
        """Privacy warnings of every note that has any, by note id."""
        out = {}
        for n in self:
            w = self.privacy_warnings(n, lang=lang)
            if w:
                out[n.note_id] = w
        return out

    # -- conversion -------------------------------------------------------------------------------
    def to_geodataframe(self) -> gpd.GeoDataFrame:
        """One row per note: ``note_id``, ``zone_id``, ``category``, ``date`` (ISO text),
        ``source``, ``text``, ``author``, geometry (EPSG:25832)."""
        rows = [{"note_id": n.note_id, "zone_id": n.zone_id, "category": n.category, "date": n.date.isoformat(),
                 "source": n.source, "text": n.text, "author": n.author} for n in self]
        df = pd.DataFrame(rows, columns=list(_COLUMNS))
        return gpd.GeoDataFrame(df, geometry=[n.geometry for n in self], crs=ANALYSIS_CRS)

    @classmethod
    def from_geodataframe(cls, gdf: gpd.GeoDataFrame, *, zones: gpd.GeoDataFrame | None = None,
                          place_names: Iterable[str] = ()) -> NoteStore:
        """Notes from a GeoDataFrame with the columns of :meth:`to_geodataframe`.

        Missing ``note_id`` values get new ids; a missing ``zone_id`` is derived.

        Raises
        ------
        DataError
            Not EPSG:25832, a missing ``text`` column, or a row that is not a valid note (row named).
        """
        require_projected(gdf, what="the notes layer", layer="notes")
        if "text" not in gdf.columns:
            raise DataError("required field is missing", layer="notes", field="text")
        store = cls(zones=zones, place_names=place_names)
        for n, (_, row) in enumerate(gdf.iterrows(), start=1):
            def val(col, default=None, row=row):
                v = row.get(col, default) if col in gdf.columns else default
                return default if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT else v
            try:
                store.add(row.geometry, val("text", ""), category=val("category", "annet"),
                          source=val("source", "annet"), date=val("date"), author=val("author"),
                          zone_id=val("zone_id"), note_id=val("note_id"))
            except DataError as err:
                raise DataError(err.message, layer="notes", field=err.field, row=n) from None
        return store

    def to_dict(self) -> dict:
        """The notes as a JSON-ready dict (for the project file)."""
        return {"format": FORMAT, "version": FORMAT_VERSION, "crs": "EPSG:25832",
                "notes": [n.to_dict() for n in self]}

    def to_json(self, *, indent: int | None = 1) -> str:
        """The notes as JSON text (``from_json`` reads it back exactly)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data, *, zones: gpd.GeoDataFrame | None = None,
                  place_names: Iterable[str] = ()) -> NoteStore:
        """Notes from :meth:`to_dict` output (or a bare list of note dicts).

        Stored zone ids are kept as they were saved (the zones may have changed since); a missing
        one is derived.
        """
        if isinstance(data, dict):
            if data.get("format", FORMAT) != FORMAT:
                raise DataError("not an UngtLøft Map notes document", field="format")
            version = data.get("version", 1)
            if not isinstance(version, int) or version > FORMAT_VERSION:
                raise DataError(f"notes made by a newer version of UngtLøft Map (format {version})",
                                field="version")
            if data.get("crs", "EPSG:25832") != "EPSG:25832":
                raise DataError("notes must be in EPSG:25832", field="crs")
            entries = data.get("notes", [])
        else:
            entries = data
        if not isinstance(entries, list):
            raise DataError("'notes' must be a list", field="notes")
        store = cls(zones=zones, place_names=place_names)
        for n, raw in enumerate(entries, start=1):
            if not isinstance(raw, dict):
                raise DataError("a note is not an object", row=n)
            try:
                geom = shape(raw["geometry"])
            # IndexError: shape() of {"type": "Point", "coordinates": ""} (a damaged file)
            except (KeyError, TypeError, ValueError, AttributeError, IndexError,
                    shapely.errors.ShapelyError):
                raise DataError("a note has no valid geometry", field="geometry", row=n) from None
            zid = raw.get("zone_id")
            try:
                note = store._build(str(raw.get("note_id") or uuid.uuid4().hex), geom, raw.get("text", ""),
                                    raw.get("category", "annet"), raw.get("source", "annet"), raw.get("date"),
                                    raw.get("author"), zid)
            except DataError as err:
                raise DataError(err.message, field=err.field, row=n) from None
            if zid is not None and note.zone_id != str(zid):
                note = replace(note, zone_id=str(zid))  # keep what was saved
            if note.note_id in store._notes:
                raise DataError(f"note id {note.note_id!r} occurs more than once", field="note_id", row=n)
            store._notes[note.note_id] = note
        return store

    @classmethod
    def from_json(cls, text: str, *, zones: gpd.GeoDataFrame | None = None,
                  place_names: Iterable[str] = ()) -> NoteStore:
        """Notes from :meth:`to_json` text.

        Raises
        ------
        DataError
            Not valid JSON, not a notes document, or an invalid note (row named).
        """
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise DataError(f"the notes are not valid JSON ({str(exc)[:120]})") from None
        return cls.from_dict(data, zones=zones, place_names=place_names)


def _check_geometry(geom) -> BaseGeometry:
    if not isinstance(geom, BaseGeometry):
        raise DataError("a note needs a point or polygon geometry", field="geometry")
    if geom.is_empty:
        raise DataError("the note's geometry is empty", field="geometry")
    if geom.geom_type not in ("Point", "Polygon", "MultiPolygon"):
        raise DataError(f"a note is a point or a zone polygon, not a {geom.geom_type}", field="geometry")
    minx, miny, maxx, maxy = geom.bounds
    if max(abs(minx), abs(maxx)) <= 180 and max(abs(miny), abs(maxy)) <= 90:
        raise DataError("the note's coordinates look like longitude/latitude; notes are in EPSG:25832 "
                        "(metres)", field="geometry")
    if not all(np.isfinite(geom.bounds)):
        raise DataError("the note's coordinates are not finite", field="geometry")
    return geom


def _to_date(value) -> _dt.date:
    if value is None or value == "":
        return _dt.date.today()
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise DataError(f"not a date (YYYY-MM-DD): {value!r}", field="date") from None


# --------------------------------------------------------------------------------------------
# GeoPackage


def export_notes_gpkg(store: NoteStore, path: str | Path, *, include_author: bool = True) -> NotesExport:
    """Write the notes to a GeoPackage (atomically): points and zone notes in two layers.

    Layers :data:`POINT_LAYER` (Point) and :data:`AREA_LAYER` (polygons; written only when there
    are zone notes). The notes are written as they are; the notes that look like they hold
    personal data are listed in the result's ``warnings`` so that the caller can ask first.

    Raises
    ------
    DataError
        The file cannot be written (an earlier file at ``path`` is left intact).

    Examples
    --------
    >>> export_notes_gpkg(store, "notater.gpkg")  # doctest: +SKIP
    NotesExport('notater.gpkg', points=12, areas=3, notes_with_privacy_warnings=1)
    """
    path = Path(path)
    gdf = store.to_geodataframe()
    if not include_author:
        gdf = gdf.drop(columns="author")
    is_point = gdf.geom_type == "Point"
    points, areas = gdf[is_point], gdf[~is_point]
    try:
        with atomic_path(path, suffix=".gpkg") as tmp:
            points.to_file(tmp, layer=POINT_LAYER, driver="GPKG", engine="pyogrio", geometry_type="Point")
            if len(areas):
                # "Unknown" (GEOMETRY) keeps Polygon and MultiPolygon as they are
                areas.to_file(tmp, layer=AREA_LAYER, driver="GPKG", engine="pyogrio", geometry_type="Unknown",
                              promote_to_multi=False)
    except (OSError, ValueError, RuntimeError) as exc:
        raise DataError(f"cannot write the notes: {exc}", file=path) from None
    return NotesExport(path, int(is_point.sum()), int((~is_point).sum()), store.warnings_by_note())


def read_notes_gpkg(path: str | Path, *, zones: gpd.GeoDataFrame | None = None,
                    place_names: Iterable[str] = ()) -> NoteStore:
    """Read a GeoPackage written by :func:`export_notes_gpkg` back into a store.

    Raises
    ------
    DataError
        The file cannot be read or holds no notes layer.
    """
    import pyogrio

    path = Path(path)
    try:
        layers = [name for name, _ in pyogrio.list_layers(path)]
    except (OSError, pyogrio.errors.DataSourceError) as exc:
        raise DataError(f"cannot read the notes: {exc}", file=path) from None
    parts = []
    for name in (POINT_LAYER, AREA_LAYER):
        if name not in layers:
            continue
        try:
            parts.append(gpd.read_file(path, layer=name, engine="pyogrio"))
        # a damaged GeoPackage fails per feature ("database disk image is malformed")
        except (OSError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
                pyogrio.errors.FeatureError, pyogrio.errors.FieldError) as exc:
            raise DataError(f"cannot read the notes: {str(exc).splitlines()[0][:200]}",
                            file=path, layer=name) from None
    if not parts:
        raise DataError(f"no {POINT_LAYER!r} layer: not a notes file", file=path)
    gdf = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    gdf = gpd.GeoDataFrame(gdf, geometry="geometry", crs=parts[0].crs)
    try:
        return NoteStore.from_geodataframe(gdf, zones=zones, place_names=place_names)
    except DataError as err:
        raise DataError(err.message, file=path, layer=err.layer, field=err.field, row=err.row) from None


# --------------------------------------------------------------------------------------------
# privacy


#: Capitalised place-type words that are no part of a person's name.
PLACE_WORDS = frozenset("""
skole skolen barneskole ungdomsskole videregående barnehage barnehagen park parken plass plassen torg
torget gate gata gaten vei veien veg vegen allé kirke kirka kirken senter senteret sentrum stasjon
stasjonen bru brua brygge brygga kai kaia havn hamn marka skog skogen vann vannet elv elva elva bekk
bydel bydelen kommune kommunen fylke nav hus huset hall hallen bibliotek biblioteket fritidsklubb
fritidsklubben ungdomsklubb ungdomshus idrettsplass idrettspark stadion arena flerbrukshall butikk
kafé kafe sykehus legevakt helsestasjon rådhus rådhuset nord sør øst vest nordre søndre østre vestre
øvre nedre store lille gamle nye sankt st
""".split())

#: Common Norwegian first names: a capitalised sentence-start word that is one of these still
#: counts as the start of a name (``Ola Hansen sa ...``).
FIRST_NAMES = frozenset("""
anne inger kari marit ingrid liv eva berit astrid bjørg hilde anna solveig marianne randi ida
nina maria elisabeth kristin bente heidi silje hanne gerd linda tone monica ragnhild sara emma
nora sofie thea ingeborg julie camilla mari line ellen lise kristine wenche
jan per bjørn ole ola lars kjell knut arne svein thomas hans geir tor morten terje odd martin erik
andreas john anders rune trond tore jon harald olav espen gunnar jørgen nils petter stian magnus
kristian jonas henrik daniel emil filip markus mathias sander oliver william noah lukas jakob
ali mohammed ahmed fatima aisha omar hassan yusuf amina muhammad
""".split())

_CAP = r"[A-ZÆØÅÄÖÜÉÈÁÓÚÍÑ][a-zæøåäöüéèáóúíñß]+"
_WORD_RE = re.compile(rf"{_CAP}(?:-{_CAP})*(?![\w])|[\w][\w'’-]*")
_CAP_RE = re.compile(rf"^{_CAP}(?:-{_CAP})*$")
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_FNR_RE = re.compile(r"(?<![\d+])\d{6}\s?\d{5}(?!\d)")
_PHONE_RE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)\s?47[\s-]?(?:\d{8}|\d{2}[\s-]\d{2}[\s-]\d{2}[\s-]\d{2}|\d{3}[\s-]\d{2}[\s-]\d{3})"
    r"|[2-9]\d{7}|\d{2}[\s-]\d{2}[\s-]\d{2}[\s-]\d{2}|\d{3}[\s-]\d{2}[\s-]\d{3})(?![\d])"
)
_SPACE_RE = re.compile(r"^[ \t\u00a0]+$")
_SENTENCE_END = re.compile(r"(^|[.!?…:;\n]|^\s*[-–•*])\s*[«\"'(\[]*\s*$")

_MESSAGES = {
    "name": ("Mulig personnavn: «{}»", "Possible person's name: “{}”"),
    "phone": ("Mulig telefonnummer: «{}»", "Possible phone number: “{}”"),
    "email": ("Mulig e-postadresse: «{}»", "Possible e-mail address: “{}”"),
    "fnr": ("Mulig fødselsnummer (11 sifre): «{}»", "Possible national identity number (11 digits): “{}”"),
}


def privacy_warnings(text: str, place_names: Iterable[str] = (), *, lang: str = "nb") -> list[str]:
    """Warnings when a note looks like it holds personal data (see the module docstring).

    Parameters
    ----------
    text
        The note.
    place_names
        Known place names (the project's zone and district names): their words are not names.
    lang
        ``"nb"`` or ``"en"`` for the messages.

    Returns
    -------
    list of str
        One message per finding, in the order: fødselsnummer, phone, e-mail, names. A
        fødselsnummer is masked in the message.

    Examples
    --------
    >>> privacy_warnings("Jeg heter Per Olsen, ring 0047 41234567 eller skriv til per@example.no")
    ['Mulig telefonnummer: «0047 41234567»', 'Mulig e-postadresse: «per@example.no»', 'Mulig personnavn: «Per Olsen»']
    >>> privacy_warnings("Lekeplassen i Nordre Elvegate mangler lys", ["Nordre Elvegate"])
    []
    """
    if not text:
        return []
    i = 1 if lang == "en" else 0
    rest = text
    found: dict[str, list[str]] = {"fnr": [], "phone": [], "email": []}
    # Each finding is blanked before the next search: the digits of a fødselsnummer or of an
    # e-mail address are not also a phone number.
    for kind, rx in (("fnr", _FNR_RE), ("email", _EMAIL_RE), ("phone", _PHONE_RE)):
        for m in rx.finditer(rest):
            found[kind].append(m.group(0))
        rest = rx.sub(lambda m: " " * len(m.group(0)), rest)
    out = [_MESSAGES["fnr"][i].format(v[:6] + " *****") for v in found["fnr"]]
    out += [_MESSAGES["phone"][i].format(v) for v in found["phone"]]
    out += [_MESSAGES["email"][i].format(v) for v in found["email"]]
    out += [_MESSAGES["name"][i].format(n) for n in _names(rest, place_names)]
    return out


def _names(text: str, place_names: Iterable[str]) -> list[str]:
    known = set(PLACE_WORDS)
    for name in place_names:
        known.update(w.lower() for w in re.findall(r"[\wæøåÆØÅ'’-]+", str(name)))
    found: list[str] = []
    run: list[tuple[str, int]] = []  # (word, start) of consecutive capitalised words

    def flush():
        if len(run) >= 2:
            words = [w for w, _ in run]
            if _at_sentence_start(text, run[0][1]) and words[0].lower() not in FIRST_NAMES:
                words = words[1:]  # capitalised because it starts the sentence
            unknown = [w.lower() not in known and not all(p.lower() in known for p in w.split("-")) for w in words]
            k = 0
            while k < len(words) - 1:
                if unknown[k] and unknown[k + 1]:
                    j = k
                    while j + 1 < len(words) and unknown[j + 1]:
                        j += 1
                    found.append(" ".join(words[k:j + 1]))
                    k = j + 1
                else:
                    k += 1
        run.clear()

    prev_end = None
    for m in _WORD_RE.finditer(text):
        word = m.group(0)
        gap = text[prev_end:m.start()] if prev_end is not None else ""
        if _CAP_RE.match(word) and (not run or _SPACE_RE.match(gap)):
            run.append((word, m.start()))
        else:
            flush()
            if _CAP_RE.match(word):
                run.append((word, m.start()))
        prev_end = m.end()
    flush()
    return list(dict.fromkeys(found))


def _at_sentence_start(text: str, pos: int) -> bool:
    return bool(_SENTENCE_END.search(text[:pos]))
