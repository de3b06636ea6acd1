"""Green structure from land-cover maps: Kartverket N50/FKB Arealdekke, AR5 and OpenStreetMap.

The green-areas role wants polygons of land a resident can use for recreation. The national
maps describe land cover instead; this module picks the classes that count as green in SSB's
access statistics (*Rekreasjonsareal og nærturterreng*: "skog, åpen fastmark, våtmark, bart
fjell, grus- og blokkmark, park- og idrettsområder ... innsjøer og tjern som er mindre enn 1
dekar"; sports grounds not normally open to the public are left out) and gives each polygon a
``kind`` the analysis understands (:mod:`ungtloft_map.core.analysis.green`).

Public functions
----------------
:func:`read_green_areas`
    A SOSI file (``.sos``), an OSM file (``.osm``, ``.osm.pbf``) or any vector file GDAL reads
    (N50/FKB GML with one layer per class, GeoPackage, FileGDB, GeoJSON with a class field)
    into a :class:`GreenAreas`: a GeoDataFrame in EPSG:25832 with ``kind``, ``source_class``
    and ``name`` (when the source has names). :meth:`GreenAreas.as_layer` gives the
    :class:`~ungtloft_map.core.io.vector.LoadedLayer` of the green-areas role.
:func:`looks_like_landcover`
    A cheap look at a file: ``None`` when it holds no recognisable land-cover classes, else a
    :class:`LandcoverGuess` (source, layer, class field, the classes seen and which are green,
    and the field mapping for the import dialog).
:func:`green_kind`
    The mapping below for one class value.

The mapping
-----------
The same table is in ``docs/GREEN_MAPPING.md`` (linked from the user guide).

========================================  =============  ====================================
source class                              ``kind``       why
========================================  =============  ====================================
N50/FKB ``Skog``; AR5 ``30``              forest         SSB: skog
N50 ``ÅpentOmråde``; AR5 ``50``           open           SSB: åpen fastmark, bart fjell, grus
N50 ``Myr``; AR5 ``60``                   wetland        SSB: våtmark counts
N50 ``Park``                              park           SSB: parkområder
N50 ``SportIdrettPlass``                  sports         SSB: idrettsområder
N50 ``Alpinbakke``                        sports         idrettsområde, open land in summer
N50 ``Innsjø``, ``InnsjøRegulert``;       lake           only a *small* lake (< 1 000 m²,
AR5 ``81``                                               SSB's 1 dekar) that touches green
N50 ``Golfbane``                          (not green)    not normally open to the public
N50 ``Gravplass``                         (not green)    a cemetery is not a recreation area
N50 ``DyrketMark``; AR5 ``21``–``23``     (not green)    farmland
N50 ``TettBebyggelse``,                   (not green)    built-up land
``BymessigBebyggelse``, ``Industriområde``,
``Hyttefelt``; AR5 ``11``, ``12``
N50 ``ElvBekk``, ``Havflate``,            (not green)    water other than small lakes,
``Lufthavn``, ``Steinbrudd``,                            traffic, quarries, glaciers
``Steintipp``, ``SnøIsbre``, ...;
AR5 ``70``, ``82``, ``99``
OSM ``leisure=park|garden``,              park           (``garden:type=residential|private``
``leisure=recreation_ground``,                           gardens are private: not green)
``landuse=recreation_ground``,
``landuse=village_green``
OSM ``leisure=pitch|track``               sports
OSM ``leisure=playground``                playground
OSM ``landuse=forest``, ``natural=wood``  forest
OSM ``leisure=nature_reserve``,           open
``landuse=grass|meadow``,
``natural=scrub|heath|grassland|bare_rock``
OSM ``natural=wetland``                   wetland
OSM ``natural=water`` (pond, lake;        lake           small-lake rule as above
no ``water=river|canal|...``)
OSM ``access=private|no``                 (not green)    closed to the public
========================================  =============  ====================================

``forest`` is what :data:`ungtloft_map.core.analysis.green.MARKA_KINDS` leaves out of "m² of
public green per resident"; ``open`` and ``wetland`` are counted there as public green.

Errors: a file with no green class at all raises one
:class:`~ungtloft_map.core.errors.DataError` naming the file, layer and class field and listing
the classes (or tags) it does hold.

Examples
--------
>>> green = read_green_areas("n50_arealdekke_testfile2.sos")  # doctest: +SKIP
>>> green  # doctest: +SKIP
GreenAreas('n50_arealdekke_testfile2.sos', N50/FKB SOSI: 180 green polygons (forest 76, lake 1, open 91, wetland 12), 22,479.8 ha; 172 not green; 2 warnings)
>>> looks_like_landcover("omrade.osm.pbf").source  # doctest: +SKIP
'osm'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from ..crs import describe_crs, to_analysis_crs
from ..errors import DataError, DataWarning
from .sosi import read_sosi
from .tables import _names
from .vector import (
    LoadedLayer,
    _check_coordinates,
    _check_file,
    _polygonal_part,
    _read,
    _short,
)

__all__ = [
    "GreenAreas",
    "LandcoverGuess",
    "read_green_areas",
    "looks_like_landcover",
    "green_kind",
    "N50_CLASSES",
    "AR5_CLASSES",
    "SMALL_LAKE_MAX_M2",
]

#: SSB counts lakes and ponds smaller than 1 dekar as part of the green area around them.
SMALL_LAKE_MAX_M2 = 1_000.0
#: A small lake within this distance of a green polygon "lies in green" (digitising gaps).
LAKE_TOUCH_M = 1.0
_LAKE = "lake"

#: N50 / FKB Arealdekke OBJTYPE -> kind (None: known, not green).
N50_CLASSES: dict[str, str | None] = {
    "Skog": "forest", "ÅpentOmråde": "open", "Myr": "wetland", "Park": "park",
    "SportIdrettPlass": "sports", "Alpinbakke": "sports", "Innsjø": _LAKE,
    "InnsjøRegulert": _LAKE, "Golfbane": None, "Gravplass": None, "DyrketMark": None,
    "TettBebyggelse": None, "BymessigBebyggelse": None, "Industriområde": None,
    "Hyttefelt": None, "ElvBekk": None, "Havflate": None, "Lufthavn": None,
    "Rullebane": None, "Steinbrudd": None, "Steintipp": None, "SnøIsbre": None,
    "FerskvannTørrfall": None, "Kystkontur": None, "Tettbebyggelse": None, "Elv": None,
}
#: AR5 ARTYPE code -> kind (None: known, not green).
AR5_CLASSES: dict[int, str | None] = {
    11: None, 12: None, 21: None, 22: None, 23: None, 30: "forest", 50: "open", 60: "wetland",
    70: None, 81: _LAKE, 82: None, 99: None,
}
_OSM_TAG_KIND: list[tuple[str, str, str]] = [  # (key, value, kind), first match wins
    ("leisure", "park", "park"), ("leisure", "garden", "park"),
    ("leisure", "recreation_ground", "park"), ("leisure", "pitch", "sports"),
    ("leisure", "track", "sports"), ("leisure", "playground", "playground"),
    ("leisure", "nature_reserve", "open"), ("landuse", "recreation_ground", "park"),
    ("landuse", "village_green", "park"), ("landuse", "forest", "forest"),
    ("landuse", "grass", "open"), ("landuse", "meadow", "open"), ("natural", "wood", "forest"),
    ("natural", "scrub", "open"), ("natural", "heath", "open"), ("natural", "grassland", "open"),
    ("natural", "bare_rock", "open"), ("natural", "wetland", "wetland"),
    ("natural", "water", _LAKE),
]
_OSM_CLOSED_ACCESS = {"private", "no"}
#: ``natural=water`` that can be an "innsjø eller tjern" (no water=* tag: assumed a pond).
_OSM_SMALL_WATER = {"pond", "lake", "oxbow", "lagoon"}
_OSM_PRIVATE_GARDEN = {"residential", "private"}
_CLASS_FIELDS = ("objtype", "arealdekke", "arealtype", "artype", "arealklasse", "klasse",
                 "landcover", "arealbruk")
_N50_NORM = {re.sub(r"[\s_-]", "", k).lower(): k for k in N50_CLASSES}


@dataclass
class LandcoverGuess:
    """What :func:`looks_like_landcover` found."""

    source: str  # "n50_sosi", "n50_layers", "class_field", "ar5", "osm"
    layer: str | None
    class_field: str | None
    classes: list[str]
    green_classes: list[str]
    field_map: dict[str, str] = field(default_factory=dict)


@dataclass
class GreenAreas:
    """Green polygons read from a land-cover source (EPSG:25832).

    Attributes
    ----------
    path, layer
        Where they came from (``layer`` is None for SOSI, ``"multipolygons"`` for OSM).
    source
        ``"N50/FKB SOSI"``, ``"N50/FKB GML"``, ``"AR5"``, ``"OSM"``, ...
    gdf
        ``kind``, ``source_class``, ``name`` (may be empty), geometry (Polygon/MultiPolygon).
    not_green
        Number of polygons per source class that were left out.
    warnings
        What was repaired or skipped (e.g. lakes too large to count).
    """

    path: Path
    layer: str | None
    source: str
    gdf: gpd.GeoDataFrame
    source_crs: str
    not_green: dict[str, int] = field(default_factory=dict)
    warnings: list[DataWarning] = field(default_factory=list)

    def __repr__(self) -> str:
        kinds = Counter(self.gdf["kind"])
        text = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        ha = self.gdf.geometry.area.sum() / 1e4
        return (f"GreenAreas({self.path.name!r}, {self.source}: {len(self.gdf)} green polygons "
                f"({text}), {ha:,.1f} ha; {sum(self.not_green.values())} not green; "
                f"{len(self.warnings)} warnings)")

    def as_layer(self) -> LoadedLayer:
        """The green areas as the :class:`LoadedLayer` of the green-areas role."""
        return LoadedLayer("green_areas", self.path, self.layer, self.gdf, self.source_crs,
                           list(self.warnings))


# --------------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------------


def green_kind(value) -> str | None:
    """The app's ``kind`` for an N50/FKB OBJTYPE or an AR5 ARTYPE code; None when not green.

    Examples
    --------
    >>> green_kind("Skog"), green_kind("Åpent område"), green_kind(60), green_kind("DyrketMark")
    ('forest', 'open', 'wetland', None)
    """
    code = _as_code(value)
    if code is not None:
        return AR5_CLASSES.get(code)
    key = _N50_NORM.get(re.sub(r"[\s_-]", "", str(value)).lower())
    return N50_CLASSES.get(key) if key else None


def looks_like_landcover(path: str | Path, layer: str | None = None) -> LandcoverGuess | None:
    """Whether ``path`` holds land-cover classes this module maps to green, and how.

    SOSI files are read (they have no schema to peek at); other files only by their schema
    and, for a class field, the values of that field.

    Examples
    --------
    >>> looks_like_landcover("N50_Arealdekke.gml").source  # doctest: +SKIP
    'n50_layers'
    """
    path = Path(path)
    try:
        if _is_osm(path):
            if "multipolygons" not in [str(n) for n, _ in pyogrio.list_layers(path)]:
                return None
            return LandcoverGuess("osm", "multipolygons", None, [], [],
                                  {"kind": "leisure/landuse/natural"})
        if path.suffix.lower() == ".sos":
            res = read_sosi(path)
            classes = sorted(set(res.features.loc[res.features["sosi_type"] == "FLATE",
                                                  "objtype"].dropna().astype(str)))
            return _classes_guess("n50_sosi", None, "OBJTYPE", classes)
        layers = [str(n) for n, _ in pyogrio.list_layers(path)]
        if layer is None:
            named = [n for n in layers if n in N50_CLASSES or _N50_NORM.get(n.lower())]
            if named:
                return _classes_guess("n50_layers", None, None, named)
        for name in [layer] if layer is not None else layers:
            fields = list(pyogrio.read_info(path, layer=name)["fields"])
            cf = _class_field(fields)
            if cf is None:
                continue
            values = pyogrio.read_dataframe(path, layer=name, columns=[cf],
                                            read_geometry=False)[cf]
            guess = _classes_guess("class_field", name, cf,
                                   sorted(set(values.dropna().astype(str))))
            if guess is not None:
                return guess
    except Exception:  # a sniffer answers "no" for anything it cannot read
        return None
    return None


def read_green_areas(
    path: str | Path,
    layer: str | None = None,
    *,
    class_field: str | None = None,
    small_lake_max_m2: float = SMALL_LAKE_MAX_M2,
) -> GreenAreas:
    """Read the green areas of a land-cover file (N50/FKB SOSI or GML, AR5, OSM, ...).

    Parameters
    ----------
    path
        ``.sos``, ``.osm``, ``.osm.pbf``, or a vector file readable by GDAL.
    layer
        For a vector file whose classes are in a field: the layer (default: the first layer
        with a class field). N50 GML with one layer per class reads every class layer.
    class_field
        The field holding the class (``OBJTYPE``, ``arealtype``, ``ARTYPE``...); guessed when
        not given.
    small_lake_max_m2
        Lakes smaller than this that touch a green polygon count as green (``kind="lake"``).

    Returns
    -------
    GreenAreas

    Raises
    ------
    DataError
        Unreadable file, no class field, or no green class at all (the message lists what the
        file does hold).

    Examples
    --------
    >>> read_green_areas("map.osm").gdf["kind"].value_counts()  # doctest: +SKIP
    """
    path = Path(path)
    _check_file(path)
    warnings: list[DataWarning] = []
    if _is_osm(path):
        frame, source, layer = _read_osm(path, warnings), "OSM", "multipolygons"
        cf = "leisure/landuse/natural"
    elif path.suffix.lower() == ".sos":
        frame, source, cf = _read_sosi_classes(path, warnings), "N50/FKB SOSI", "OBJTYPE"
        layer = None
    else:
        frame, source, layer, cf = _read_vector_classes(path, layer, class_field)
    where = {"file": path, "layer": layer, "field": cf}
    if frame.crs is None:
        raise DataError("the layer has no coordinate reference system; none is assumed",
                        file=path, layer=layer)
    source_crs = describe_crs(frame.crs)
    frame = to_analysis_crs(frame, file=path, layer=layer)
    frame = _polygons_only(frame, warnings, where)

    green = frame[frame["kind"].notna()].copy()
    not_green = Counter(frame.loc[frame["kind"].isna(), "source_class"].astype(str))
    green = _small_lakes(green, small_lake_max_m2, not_green, warnings, where)
    if green.empty:
        # each class on one line (the CLI prints the message as one line); a blank one quoted
        held = ", ".join(f"{' '.join(str(k).split()) or repr(k)} ({n})"
                         for k, n in not_green.most_common(12)) or "nothing"
        what = ("no green tags (leisure=park|pitch|playground|..., landuse=forest|grass|..., "
                "natural=wood|scrub|heath|...) open to the public"
                if source == "OSM" else "no green land-cover class (Skog, ÅpentOmråde, Myr, "
                "Park, SportIdrettPlass, ...)")
        raise DataError(f"{what}; the file holds: {held}", **where)
    out = gpd.GeoDataFrame(
        {"kind": green["kind"].astype(str).to_numpy(),
         "source_class": green["source_class"].astype(str).to_numpy(),
         "name": green["name"].to_numpy() if "name" in green.columns else None},
        geometry=green.geometry.to_numpy(), crs=frame.crs)
    _check_coordinates(out, {"file": path, "layer": layer})  # a wrong declared CRS
    return GreenAreas(path, layer, source, out.reset_index(drop=True), source_crs,
                      dict(not_green), warnings)


# --------------------------------------------------------------------------------------------
# readers per source
# --------------------------------------------------------------------------------------------


def _is_osm(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".osm", ".osm.pbf", ".pbf"))


def _as_code(value) -> int | None:
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)
    text = str(value).strip()
    return int(text) if re.fullmatch(r"\d{2}", text) else None


def _class_field(fields: list[str]) -> str | None:
    normed = {re.sub(r"[^a-z]", "", f.lower()): f for f in fields}
    for name in _CLASS_FIELDS:
        if name in normed:
            return normed[name]
    return None


def _classes_guess(source, layer, cf, classes) -> LandcoverGuess | None:
    known = [c for c in classes if _known(c)]
    if not known:
        return None
    green = [c for c in known if green_kind(c) is not None]
    if any(_as_code(c) is not None for c in known) and source == "class_field":
        source = "ar5"
    mapping = {"source_class": cf} if cf else {}
    return LandcoverGuess(source, layer, cf, classes, green, mapping)


def _known(value) -> bool:
    code = _as_code(value)
    if code is not None:
        return code in AR5_CLASSES
    return re.sub(r"[\s_-]", "", str(value)).lower() in _N50_NORM


def _with_kinds(gdf: gpd.GeoDataFrame, classes: pd.Series) -> gpd.GeoDataFrame:
    gdf = gdf.copy()
    gdf["source_class"] = classes.astype(str).to_numpy()
    gdf["kind"] = [green_kind(c) for c in classes]
    return gdf


def _read_sosi_classes(path: Path, warnings: list[DataWarning]) -> gpd.GeoDataFrame:
    res = read_sosi(path)
    warnings.extend(res.warnings)
    feats = res.features
    flater = feats[(feats["sosi_type"] == "FLATE") & feats["objtype"].notna()]
    if flater.empty:
        raise DataError("the SOSI file has no .FLATE objects (areas); is it Arealdekke?",
                        file=path, field="OBJTYPE")
    # AR5 in SOSI: OBJTYPE ArealressursFlate with the class in ..ARTYPE
    classes = flater["objtype"].astype(str)
    if "ARTYPE" in flater.columns:
        classes = flater["ARTYPE"].where(flater["ARTYPE"].notna(), classes).astype(str)
    gdf = gpd.GeoDataFrame(flater[["geometry"]], geometry="geometry", crs=res.crs)
    if "NAVN" in flater.columns:
        gdf["name"] = flater["NAVN"].to_numpy()
    return _with_kinds(gdf, classes)


def _read_vector_classes(path: Path, layer: str | None, class_field: str | None):
    try:
        layers = [str(n) for n, _ in pyogrio.list_layers(path)]
    except Exception as exc:
        raise DataError(f"cannot read the file ({_short(exc)})", file=path) from None
    if layer is None and class_field is None:
        named = [n for n in layers if _N50_NORM.get(re.sub(r"[\s_-]", "", n).lower())]
        if named:  # N50/FKB GML: one feature type (layer) per OBJTYPE
            parts = []
            for name in named:
                part = _read(path, name)
                if part.crs is None:
                    raise DataError("the layer has no coordinate reference system; none is "
                                    "assumed", file=path, layer=name)
                part = to_analysis_crs(part, file=path, layer=name)
                parts.append(_with_kinds(_geom_only(part), pd.Series([name] * len(part))))
            frame = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry",
                                     crs=parts[0].crs)
            return frame, "N50/FKB GML", None, "feature type"
    candidates = [layer] if layer is not None else layers
    for name in candidates:
        try:
            fields = list(pyogrio.read_info(path, layer=name)["fields"])
        except Exception as exc:
            raise DataError(f"cannot read the layer ({_short(exc)})", file=path,
                            layer=name) from None
        cf = class_field or _class_field(fields)
        if cf is None:
            continue
        if cf not in fields:
            raise DataError(f"the class field is not in the layer (it has: {_names(fields)})",
                            file=path, layer=name, field=cf)
        gdf = _read(path, name)
        out = _with_kinds(_geom_only(gdf), gdf[cf])
        names = [c for c in gdf.columns if c.lower() in ("navn", "name", "områdenavn")]
        if names:
            out["name"] = gdf[names[0]].to_numpy()
        source = "AR5" if gdf[cf].map(_as_code).notna().any() else "land cover"
        return out, source, name, cf
    raise DataError(
        "no land-cover class found: expected N50/FKB feature types (Skog, ÅpentOmråde, ...) as "
        f"layers or a class field ({', '.join(_CLASS_FIELDS)}); the file has layers: "
        f"{', '.join(layers)}", file=path, layer=layer, field=class_field)


def _geom_only(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(geometry=gdf.geometry.to_numpy(), crs=gdf.crs)


def _parse_other_tags(text) -> dict[str, str]:
    """GDAL's OSM ``other_tags`` (hstore: ``"k"=>"v","k2"=>"v2"``) as a dict."""
    if not isinstance(text, str) or not text:
        return {}
    pairs = re.findall(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"', text)
    return {k.replace('\\"', '"'): v.replace('\\"', '"') for k, v in pairs}


def _read_osm(path: Path, warnings: list[DataWarning]) -> gpd.GeoDataFrame:
    try:
        layers = [str(n) for n, _ in pyogrio.list_layers(path)]
    except Exception as exc:
        raise DataError(f"cannot read the OSM file ({_short(exc)})", file=path) from None
    if "multipolygons" not in layers:
        raise DataError(f"not an OSM file GDAL can read (layers: {', '.join(layers)})",
                        file=path, layer="multipolygons")
    gdf = _read(path, "multipolygons")
    kinds, classes, closed = [], [], 0
    for row in gdf.itertuples(index=False):
        tags = _parse_other_tags(getattr(row, "other_tags", None))
        for key in ("leisure", "landuse", "natural", "amenity", "building"):
            value = getattr(row, key, None)
            if isinstance(value, str) and value:
                tags[key] = value
        kind, label = None, _first_tag(tags)
        for key, value, k in _OSM_TAG_KIND:
            if tags.get(key) == value:
                kind, label = k, f"{key}={value}"
                break
        if kind == _LAKE and tags.get("water", "pond") not in _OSM_SMALL_WATER:
            kind, label = None, f"{label} (water={tags['water']})"
        if kind is not None and tags.get("access") in _OSM_CLOSED_ACCESS:
            kind, label = None, f"{label} (access={tags['access']})"
            closed += 1
        if kind == "park" and tags.get("garden:type") in _OSM_PRIVATE_GARDEN:
            kind, label = None, f"{label} (garden:type={tags['garden:type']})"
        kinds.append(kind)
        classes.append(label)
    out = gpd.GeoDataFrame({"kind": kinds, "source_class": classes,
                            "name": gdf["name"].to_numpy() if "name" in gdf.columns else None},
                           geometry=gdf.geometry.to_numpy(), crs=gdf.crs)
    if closed:
        warnings.append(DataWarning(f"{closed} green polygon(s) with access=private/no left out",
                                    str(path), "multipolygons", "access"))
    return out


def _first_tag(tags: dict[str, str]) -> str:
    for key in ("leisure", "landuse", "natural", "amenity", "building"):
        if key in tags:
            return f"{key}={tags[key]}"
    return "untagged"


# --------------------------------------------------------------------------------------------
# geometry and the small-lake rule
# --------------------------------------------------------------------------------------------


def _polygons_only(frame: gpd.GeoDataFrame, warnings, where) -> gpd.GeoDataFrame:
    geoms = frame.geometry.to_numpy()
    ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    invalid = ok & ~shapely.is_valid(geoms)
    if invalid.any():
        geoms = geoms.copy()
        geoms[invalid] = [_polygonal_part(g) for g in shapely.make_valid(geoms[invalid])]
        warnings.append(DataWarning(f"{int(invalid.sum())} invalid polygon(s) repaired",
                                    str(where["file"]), where["layer"]))
    poly = ok & np.isin(shapely.get_type_id(geoms), (3, 6))
    frame = frame.copy()
    frame[frame.geometry.name] = geoms
    return frame[poly]


def _small_lakes(green: gpd.GeoDataFrame, max_m2: float, not_green: Counter,
                 warnings: list[DataWarning], where: dict) -> gpd.GeoDataFrame:
    lakes = green["kind"] == _LAKE
    if not lakes.any():
        return green
    land = green[~lakes]
    lake_rows = green[lakes]
    small = lake_rows.geometry.area < max_m2
    if len(land):
        tree = shapely.STRtree(land.geometry.to_numpy())
        near = np.zeros(len(lake_rows), dtype=bool)
        idx, _ = tree.query(lake_rows.geometry.to_numpy(), predicate="dwithin",
                            distance=LAKE_TOUCH_M)
        near[np.unique(idx)] = True
    else:
        near = np.zeros(len(lake_rows), dtype=bool)
    keep = small.to_numpy() & near
    for cls in lake_rows.loc[~keep, "source_class"].astype(str):
        not_green[f"{cls} (not a small lake in green)"] += 1
    if (~keep).any():
        warnings.append(DataWarning(
            f"{int((~keep).sum())} lake(s) left out: only lakes under {max_m2:,.0f} m² that "
            "touch green count as green (SSB)", str(where["file"]), where["layer"]))
    return pd.concat([land, lake_rows[keep]]).sort_index()
