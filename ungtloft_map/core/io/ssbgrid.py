"""Read SSB's population grid (*Befolkning på rutenett*, 250 m and 1 km) for the population role.

SSB publishes resident counts on a fixed grid in EPSG:25833 (ETRS89 / UTM 33N), through
Geonorge (GML, FileGDB, GeoJSON, SOSI) and as plain tables. Every cell has an id built from its
lower-left corner::

    ssbid = (E + 2 000 000) * 10**7 + N        (E, N in metres, EPSG:25833)

so ``22700007040000`` is the cell whose lower-left corner is E 270 000, N 7 040 000. A table of
ids alone therefore rebuilds the cells; the cell size (250 m, 1 km, 5 km) comes from the id
field's name (``ssbid250m``, ``ssbid1000M``), from the geometry, or from the ids themselves.

Public functions
----------------
:func:`read_ssb_grid`
    Any of the formats below into a :class:`SsbGrid`: a GeoDataFrame in EPSG:25832 with
    ``ssbid`` (str), ``population`` (int), ``cell_size_m`` and, when the source has them,
    ``pop_female``, ``pop_male``, ``mean_age``, ``year`` and age bands (``pop_0_17`` ...).
    :meth:`SsbGrid.as_layer` gives the :class:`~ungtloft_map.core.io.vector.LoadedLayer` the
    population role expects.
:func:`looks_like_ssb_grid`
    A cheap look at a file (header and schema only): ``None`` when it is not an SSB grid,
    otherwise an :class:`SsbGridGuess` with the layer, the id and population fields, the cell
    size and the field mapping ``{role field: source field}`` for the import dialog.
:func:`cells_from_ssbid`, :func:`ssbid_from_corner`
    The id arithmetic, usable on their own.

Formats and the fields recognised
---------------------------------
============================  ==========================================================
source                        recognised
============================  ==========================================================
GML (Geonorge, SOSI-GML)      feature types ``BefolkningPåRuter250m`` / ``…1km`` (the
                              ``…Grense`` line layer is skipped); ``ssbid250m`` /
                              ``ssbid1000M``, ``popTot``, ``popFem``, ``popMal``,
                              ``popAve``, ``statistikkÅr``
GeoJSON, GeoPackage, FileGDB  the same fields, any layer name
SOSI (``.sos``)               ``.FLATE`` cells of OBJTYPE ``BefolkningPåRuter250m/1km``
                              with the same attributes (any letter case, e.g. ``..POPTOT``)
CSV (``;`` or ``,``)          an id column (``ssbid``, ``SSBID250M``, ``ru250m``, ``ruteid``
                              …) and a count column (``popTot``, ``pop_tot``, ``population``,
                              ``befolkning``, ``bosatte`` …); no geometry. SSB's own tables
                              (``SSBID1000M;pop_tot;pop_mal;pop_fem;pop_ave2``, mean age
                              with a decimal comma) are read as they come
============================  ==========================================================

Input in another CRS (25832, 4326, 32633 as in SSB's map exports, 3D/NN2000 variants) is
accepted: the geometry is only used to check the ids, the output cells are always rebuilt from
the ids.

Bad input raises one :class:`~ungtloft_map.core.errors.DataError` naming file, layer, field and
the first bad row: an id that is not an SSB id, an id that does not match its geometry (the
cell's centre is not inside the cell the id names), duplicate ids, and a count that is text,
negative or fractional.

Examples
--------
>>> grid = read_ssb_grid("Befolkning_250m_2023.gml")  # doctest: +SKIP
>>> grid  # doctest: +SKIP
SsbGrid('Befolkning_250m_2023.gml', layer 'BefolkningPåRuter250m', 6 cells of 250 m, 308 residents, from EPSG:25833 (ETRS89 / UTM zone 33N), 0 warnings)
>>> guess = looks_like_ssb_grid("befolkning.csv")  # doctest: +SKIP
>>> guess.field_map  # doctest: +SKIP
{'ssbid': 'ssbid', 'population': 'popTot'}
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from ..crs import ANALYSIS_CRS, describe_crs, horizontal_crs
from ..errors import DataError, DataWarning
from .sosi import read_sosi
from .tables import _names
from .vector import LoadedLayer, _check_file, _read, _short

__all__ = [
    "SsbGrid",
    "SsbGridGuess",
    "read_ssb_grid",
    "looks_like_ssb_grid",
    "cells_from_ssbid",
    "ssbid_from_corner",
    "SSB_GRID_CRS",
    "CELL_SIZES",
]

#: The grid is defined in ETRS89 / UTM 33N.
SSB_GRID_CRS = CRS.from_epsg(25833)
#: Cell sizes SSB publishes, in metres.
CELL_SIZES = (250, 1000, 5000)
_E_OFFSET = 2_000_000
_N_FACTOR = 10**7
#: Northings of mainland Norway and Svalbard lie well inside this band (EPSG:25833).
_N_RANGE = (6_000_000, 9_500_000)
_E_RANGE = (-1_000_000, 2_000_000)
#: Above this a float no longer holds every whole number (and int64 soon overflows): no count of
#: people in a cell is near it, so a larger value is a broken file, not a count.
_MAX_COUNT = 2**53

_TABLE_SUFFIXES = {".csv", ".txt", ".tsv"}

# Field names are compared after _norm(): lower case, å -> aa, ø -> o, æ -> ae, no separators.
_ID_NAMES = ("ssbid", "ssbid250m", "ssbid1000m", "ssbid1km", "ssbid5000m", "ssbid5km", "ru250m",
             "ru1000m", "ru1km", "ru5km", "ruteid", "rutenettid", "rute", "celleid", "gridid")
_POP_NAMES = ("poptot", "population", "befolkning", "bosatte", "antallbosatte", "antbosatte",
              "folkemengde", "pop", "totalt", "antall", "popsum")
_OPTIONAL = {  # output column -> accepted source names
    "pop_female": ("popfem", "kvinner", "female"),
    "pop_male": ("popmal", "menn", "male"),
    "mean_age": ("popave", "popave2", "gjsnalder", "snittalder", "meanage"),
    "year": ("statistikkaar", "statistikkar", "aar", "year", "ar"),
}
_AGE_BAND = re.compile(r"^pop_\d+(_\d+)?$")


@dataclass
class SsbGridGuess:
    """What :func:`looks_like_ssb_grid` found: enough to preset the import dialog."""

    layer: str | None
    id_field: str | None
    population_field: str
    cell_size_m: int | None
    has_geometry: bool
    field_map: dict[str, str] = field(default_factory=dict)


@dataclass
class SsbGrid:
    """An SSB population grid read for the population role (EPSG:25832).

    Attributes
    ----------
    path, layer
        Where it was read from (``layer`` is None for a CSV).
    gdf
        One row per cell: ``ssbid``, ``population``, ``cell_size_m``, optional fields, geometry
        (the cell square rebuilt from the id, reprojected to EPSG:25832).
    cell_size_m
        250, 1000 or 5000.
    id_field, population_field
        The source fields used.
    source_crs
        The CRS of the file (``"none (table)"`` for a CSV).
    warnings
        What was guessed or is worth knowing (e.g. coarse 1 km cells).
    """

    path: Path
    layer: str | None
    gdf: gpd.GeoDataFrame
    cell_size_m: int
    id_field: str | None
    population_field: str
    source_crs: str
    warnings: list[DataWarning] = field(default_factory=list)

    def __repr__(self) -> str:
        where = f", layer {self.layer!r}" if self.layer else ""
        return (
            f"SsbGrid({self.path.name!r}{where}, {len(self.gdf)} cells of {self.cell_size_m} m, "
            f"{int(self.gdf['population'].sum()):,} residents, from {self.source_crs}, "
            f"{len(self.warnings)} warnings)"
        )

    def as_layer(self) -> LoadedLayer:
        """The grid as the :class:`LoadedLayer` the population role uses."""
        return LoadedLayer("population", self.path, self.layer, self.gdf, self.source_crs,
                           list(self.warnings))


# --------------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------------


def ssbid_from_corner(e, n) -> np.ndarray:
    """SSB ids (int64) of the cells whose lower-left corners are ``(e, n)`` in EPSG:25833.

    Examples
    --------
    >>> int(ssbid_from_corner(270000, 7040000))
    22700007040000
    """
    e = np.asarray(e, dtype=np.int64)
    n = np.asarray(n, dtype=np.int64)
    return (e + _E_OFFSET) * _N_FACTOR + n


def cells_from_ssbid(ids, cell_size_m: int) -> gpd.GeoSeries:
    """The cell squares (EPSG:25833) of SSB ids.

    Parameters
    ----------
    ids
        Integer ids (or strings/floats holding whole numbers).
    cell_size_m
        250, 1000 or 5000.

    Examples
    --------
    >>> cells_from_ssbid([22700007040000], 250).total_bounds.tolist()
    [270000.0, 7040000.0, 270250.0, 7040250.0]
    """
    e, n = _corners(np.asarray(ids, dtype=np.int64))
    geoms = shapely.box(e, n, e + cell_size_m, n + cell_size_m)
    return gpd.GeoSeries(geoms, crs=SSB_GRID_CRS)


def looks_like_ssb_grid(path: str | Path, layer: str | None = None) -> SsbGridGuess | None:
    """Whether ``path`` (``layer``) is an SSB population grid, and its guessed field mapping.

    Only the schema (or a CSV's header) is read, so this is cheap on a national file.
    Returns None when no population field is found, or neither an id field nor polygon cells.

    Examples
    --------
    >>> looks_like_ssb_grid("Befolkning_1km_2023.gml").field_map  # doctest: +SKIP
    {'ssbid': 'ssbid1000M', 'population': 'popTot', 'pop_female': 'popFem', ...}
    """
    path = Path(path)
    try:
        if _is_table(path):
            columns = list(_read_table(path, nrows=0).columns)
            return _guess(columns, None, has_geometry=False)
        if path.suffix.lower() == ".sos":
            gdf, name = _read_sosi_grid(path, layer, [])
            return _guess([c for c in gdf.columns if c != "geometry"], name, has_geometry=True)
        layers = _layers(path)
        candidates = [layer] if layer is not None else _preferred(layers)
        for name in candidates:
            info = pyogrio.read_info(path, layer=name)
            geom = str(info.get("geometry_type") or "")
            guess = _guess(list(info["fields"]), name, has_geometry="Polygon" in geom)
            if guess is not None:
                return guess
    except Exception:  # a sniffer answers "no" for anything it cannot read
        return None
    return None


def read_ssb_grid(
    path: str | Path,
    layer: str | None = None,
    *,
    id_field: str | None = None,
    population_field: str | None = None,
    cell_size_m: int | None = None,
) -> SsbGrid:
    """Read an SSB population grid (GML, GeoJSON, GeoPackage, FileGDB, SOSI or CSV of ids).

    Parameters
    ----------
    path
        The file (a ``.gdb`` folder for FileGDB).
    layer
        Layer name (the OBJTYPE for SOSI); by default the first layer that looks like a
        population grid.
    id_field, population_field
        Source fields; guessed (see the module docstring) when not given.
    cell_size_m
        250, 1000 or 5000; guessed from the id field's name, the geometry or the ids.

    Returns
    -------
    SsbGrid

    Raises
    ------
    DataError
        Unreadable file, no id/population field, an id that is not an SSB id or does not match
        the cell's geometry, duplicate ids, a count that is not a non-negative whole number.

    Examples
    --------
    >>> grid = read_ssb_grid("befolkning_250m.csv")  # doctest: +SKIP
    >>> grid.gdf.crs.to_epsg(), grid.cell_size_m  # doctest: +SKIP
    (25832, 250)
    """
    path = Path(path)
    _check_file(path)
    warnings: list[DataWarning] = []
    if _is_table(path):
        frame = _read_table(path)
        geoms = None
        layer = None
        source_crs = "none (table)"
    else:
        if path.suffix.lower() == ".sos":
            gdf, layer = _read_sosi_grid(path, layer, warnings)
        else:
            if layer is None:
                layer = _pick_layer(path)
            gdf = _read(path, layer)
        if gdf.crs is None and len(gdf):
            raise DataError("the layer has no coordinate reference system; none is assumed",
                            file=path, layer=layer)
        source_crs = describe_crs(gdf.crs) if gdf.crs is not None else "no CRS"
        frame = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
        geoms = gdf.geometry
    where = {"file": path, "layer": layer}
    if len(frame) == 0:
        raise DataError("the grid has no cells", **where)

    columns = list(frame.columns)
    id_field = id_field or _find(columns, _ID_NAMES, prefixes=("ssbid",))
    population_field = population_field or _find(columns, _POP_NAMES)
    for name, kind in ((id_field, "cell id"), (population_field, "population")):
        if name is not None and name not in frame.columns:
            raise DataError(f"the {kind} field is not in the file (it has: {_names(columns)})",
                            field=name, **where)
    if population_field is None:
        raise DataError(
            "no population field found (expected popTot, population, befolkning or bosatte; "
            f"the file has: {_names(columns)})", **where)
    if id_field is None and geoms is None:
        raise DataError(f"no SSB cell id field found (expected ssbid, ssbid250m, ssbid1000M; "
                        f"the file has: {_names(columns)})", **where)

    geoms25833 = _to_grid_crs(geoms, where) if geoms is not None else None
    if id_field is not None:
        ids = _parse_ids(frame[id_field], where | {"field": id_field})
    else:
        ids = None
    size = _cell_size(cell_size_m, id_field, geoms25833, ids, warnings, where)
    if ids is None:
        ids = _ids_from_geometry(geoms25833, size, where)
        warnings.append(DataWarning("no cell id field: ids computed from the cell geometry",
                                    str(path), layer))
    _check_grid_alignment(ids, size, where | {"field": id_field})
    if geoms25833 is not None and id_field is not None:
        _check_ids_match_geometry(ids, geoms25833, size, where | {"field": id_field})
    _check_duplicates(ids, where | {"field": id_field})

    out = pd.DataFrame({"ssbid": ids.astype(str),
                        "population": _counts(frame[population_field],
                                              where | {"field": population_field})})
    out["cell_size_m"] = size
    for target, names in _OPTIONAL.items():
        src = _find(columns, names)
        if src is None:
            continue
        if target == "year":
            out[target] = _years(frame[src], warnings, where | {"field": src})
        elif target == "mean_age":
            out[target] = _numbers(frame[src])
        else:
            out[target] = _optional_counts(frame[src], warnings, where | {"field": src})
    for col in columns:
        if _AGE_BAND.match(str(col)) and col not in out.columns:
            out[col] = _optional_counts(frame[col], warnings, where | {"field": col})
    cells = cells_from_ssbid(ids, size).to_crs(ANALYSIS_CRS)
    result = gpd.GeoDataFrame(out, geometry=cells.values, crs=ANALYSIS_CRS)
    if size >= 1000:
        warnings.append(DataWarning(
            f"{size // 1000} km cells are coarse next to a levekårssone; their residents are "
            "apportioned to zones by area", str(path), layer))
    return SsbGrid(path, layer, result, size, id_field, population_field, source_crs, warnings)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _norm(name: str) -> str:
    s = str(name).strip().lower()
    for a, b in (("å", "aa"), ("ø", "o"), ("æ", "ae")):
        s = s.replace(a, b)
    return re.sub(r"[^a-z0-9]", "", s)


def _find(columns: list[str], names: tuple[str, ...], prefixes: tuple[str, ...] = ()) -> str | None:
    normed = {_norm(c): c for c in columns}
    wanted = [_norm(n) for n in names]
    for n in wanted:
        if n in normed:
            return normed[n]
    for p in prefixes:
        for k, c in normed.items():
            if k.startswith(p):
                return c
    return None


def _size_from_name(name: str | None) -> int | None:
    if not name:
        return None
    n = _norm(name)
    if n.endswith(("5km", "5000m")):
        return 5000
    if n.endswith(("1km", "1000m")):
        return 1000
    if n.endswith("250m"):
        return 250
    return None


def _guess(columns: list[str], layer: str | None, *, has_geometry: bool) -> SsbGridGuess | None:
    id_field = _find(columns, _ID_NAMES, prefixes=("ssbid",))
    pop = _find(columns, _POP_NAMES)
    if pop is None or (id_field is None and not has_geometry):
        return None
    # a generic "pop"/"antall" column alone is not enough to call a file an SSB grid
    if id_field is None and _norm(pop) not in ("poptot",) and "ruter" not in _norm(layer or ""):
        return None
    mapping = {"population": pop}
    if id_field is not None:
        mapping = {"ssbid": id_field, **mapping}
    for target, names in _OPTIONAL.items():
        src = _find(columns, names)
        if src is not None:
            mapping[target] = src
    size = _size_from_name(id_field) or _size_from_name(layer)
    return SsbGridGuess(layer, id_field, pop, size, has_geometry, mapping)


def _is_table(path: Path) -> bool:
    return path.suffix.lower() in _TABLE_SUFFIXES


def _read_table(path: Path, nrows: int | None = None) -> pd.DataFrame:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:  # Excel on Windows writes cp1252; latin-1 never fails
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    first = text.splitlines()[0] if text.strip() else ""
    try:
        sep = csv.Sniffer().sniff(first, delimiters=";,\t").delimiter
    except csv.Error:
        sep = ";" if first.count(";") >= first.count(",") else ","
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, nrows=nrows,
                           keep_default_na=False, na_values=[""])
    except Exception as exc:
        raise DataError(f"cannot read the table ({_short(exc)})", file=path) from None


def _layers(path: Path) -> list[str]:
    try:
        return [str(n) for n, _ in pyogrio.list_layers(path)]
    except Exception as exc:
        raise DataError(f"cannot read the file ({_short(exc)})", file=path) from None


def _preferred(layers: list[str]) -> list[str]:
    def rank(name: str) -> int:
        n = _norm(name)
        if n.endswith("grense"):
            return 2
        return 0 if "befolkning" in n or "ruter" in n else 1

    return sorted(layers, key=rank)


def _pick_layer(path: Path) -> str:
    layers = _layers(path)
    for name in _preferred(layers):
        try:
            info = pyogrio.read_info(path, layer=name)
        except Exception as exc:  # GDAL/pyogrio raise several types (even UnicodeDecodeError)
            raise DataError(f"cannot read the layer ({_short(exc)})", file=path,
                            layer=name) from None
        geom = str(info.get("geometry_type") or "")
        if _guess(list(info["fields"]), name, has_geometry="Polygon" in geom) is not None:
            return name
    raise DataError(
        "no layer looks like a population grid (an SSB id field such as ssbid250m and a count "
        f"such as popTot); the file has: {', '.join(layers) or 'no layers'}", file=path)


def _read_sosi_grid(path: Path, objtype: str | None,
                    warnings: list[DataWarning]) -> tuple[gpd.GeoDataFrame, str]:
    """The ``.FLATE`` cells of a SOSI grid file; the OBJTYPE plays the role of the layer."""
    res = read_sosi(path, strict=True)
    warnings.extend(res.warnings)
    feats = res.features
    cells = feats[(feats["sosi_type"] == "FLATE") & feats["objtype"].notna()]
    types = list(dict.fromkeys(cells["objtype"].astype(str)))
    if objtype is None:
        preferred = _preferred(types)
        objtype = preferred[0] if preferred else None
    if objtype is None or objtype not in types:
        raise DataError(f"no .FLATE objects of OBJTYPE {objtype or 'BefolkningPåRuter…'}; the "
                        f"file has: {', '.join(types) or 'no areas'}", file=path, field="OBJTYPE")
    cells = cells[cells["objtype"] == objtype]
    keep = [c for c in cells.columns if c not in ("objtype", "sosi_type", "sosi_id")
            and cells[c].notna().any()]
    return gpd.GeoDataFrame(cells[keep].reset_index(drop=True), geometry="geometry",
                            crs=res.crs), objtype


def _to_grid_crs(geoms: gpd.GeoSeries, where: dict) -> gpd.GeoSeries:
    src = horizontal_crs(geoms.crs)
    geoms = geoms.set_crs(src, allow_override=True)
    if src == SSB_GRID_CRS:
        return geoms
    try:
        return geoms.to_crs(SSB_GRID_CRS)
    except Exception as exc:
        raise DataError(f"cannot reproject from {describe_crs(src)}: {_short(exc)}",
                        **where) from None


def _parse_ids(col: pd.Series, where: dict) -> np.ndarray:
    text = col.astype("string").str.strip()
    # FileGDB stores the 14-digit id as a Double: "22700007040000.0" is still a whole number.
    text = text.str.replace(r"\.0+$", "", regex=True)
    ok = text.str.fullmatch(r"\d{13,14}").fillna(False)
    if not ok.all():
        row = int(np.flatnonzero(~ok.to_numpy())[0])
        raise DataError(f"value {col.iloc[row]!r} is not an SSB cell id "
                        "((E + 2000000) * 10^7 + N, 13-14 digits)", row=row + 1, **where)
    ids = text.astype("int64").to_numpy()
    e, n = _corners(ids)
    bad = (n < _N_RANGE[0]) | (n > _N_RANGE[1]) | (e < _E_RANGE[0]) | (e > _E_RANGE[1])
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise DataError(f"value {col.iloc[row]!r} is not an SSB cell id: it names E {e[row]}, "
                        f"N {n[row]} (EPSG:25833), outside Norway", row=row + 1, **where)
    return ids


def _corners(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return ids // _N_FACTOR - _E_OFFSET, ids % _N_FACTOR


def _cell_size(given, id_field, geoms, ids, warnings, where) -> int:
    if given is not None:
        if int(given) not in CELL_SIZES:
            raise DataError(f"cell size {given} m is not an SSB grid size "
                            f"({', '.join(map(str, CELL_SIZES))})", **where)
        return int(given)
    size = _size_from_name(id_field) or _size_from_name(where.get("layer"))
    if size:
        return size
    if geoms is not None and geoms.geom_type.str.contains("Polygon").all():
        side = float(np.median(np.sqrt(geoms.area)))
        size = min(CELL_SIZES, key=lambda s: abs(s - side))
        if abs(size - side) > 0.05 * size:
            raise DataError(f"the cells are about {side:.0f} m wide, not an SSB grid size "
                            f"({', '.join(map(str, CELL_SIZES))} m)", **where)
        return size
    e, n = _corners(ids)
    if ((e % 1000) != 0).any() or ((n % 1000) != 0).any():
        return 250
    size = 5000 if (((e % 5000) == 0) & ((n % 5000) == 0)).all() and len(ids) >= 8 else 1000
    warnings.append(DataWarning(
        f"cell size not named in the file: {size} m guessed from the ids (every corner is on "
        f"the {size} m grid); give the cell size if that is wrong",
        str(where["file"]), where.get("layer"), id_field))
    return size


def _check_grid_alignment(ids: np.ndarray, size: int, where: dict) -> None:
    e, n = _corners(ids)
    bad = ((e % size) != 0) | ((n % size) != 0)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise DataError(f"id {ids[row]} (E {e[row]}, N {n[row]}) is not on the {size} m SSB grid",
                        row=row + 1, **where)


def _check_ids_match_geometry(ids, geoms: gpd.GeoSeries, size: int, where: dict) -> None:
    e, n = _corners(ids)
    pts = geoms.representative_point() if not geoms.geom_type.eq("Point").all() else geoms
    x = pts.x.to_numpy()
    y = pts.y.to_numpy()
    tol = 1.0  # metres: rounding in a reprojected file
    inside = ((x >= e - tol) & (x <= e + size + tol) & (y >= n - tol) & (y <= n + size + tol))
    inside &= ~(np.isnan(x) | np.isnan(y))
    if not inside.all():
        row = int(np.flatnonzero(~inside)[0])
        found = ssbid_from_corner(np.floor(x[row] / size) * size, np.floor(y[row] / size) * size)
        raise DataError(
            f"ssbid {ids[row]} does not match the cell's geometry: the id names the cell at "
            f"E {e[row]}, N {n[row]} but the geometry lies at E {x[row]:.0f}, N {y[row]:.0f} "
            f"(EPSG:25833), whose id is {int(found)}", row=row + 1, **where)


def _ids_from_geometry(geoms: gpd.GeoSeries, size: int, where: dict) -> np.ndarray:
    pts = geoms.representative_point()
    e = np.floor(pts.x.to_numpy() / size) * size
    n = np.floor(pts.y.to_numpy() / size) * size
    return ssbid_from_corner(e, n)


def _check_duplicates(ids: np.ndarray, where: dict) -> None:
    s = pd.Series(ids)
    dup = s[s.duplicated()]
    if len(dup):
        row = int(dup.index[0])
        raise DataError(f"duplicate cell ids: {', '.join(map(str, dup.unique()[:5]))} "
                        "(a cell counted twice would double its residents)", row=row + 1, **where)


def _numbers(col: pd.Series) -> pd.Series:
    """Numbers from a column that may hold text with a decimal comma; NaN where not a number."""
    text = col.astype("string").str.strip().str.replace(",", ".", regex=False)
    return pd.to_numeric(text, errors="coerce").astype(float)


def _years(col: pd.Series, warnings: list[DataWarning], where: dict) -> pd.Series:
    """The statistics year: a value that is no year (text, ``inf``, ``1e30``) is left empty with
    a warning, as an optional field does (see :func:`_optional_counts`)."""
    values = _numbers(col).round()
    bad = col.notna() & ~values.between(1000, 9999)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        warnings.append(DataWarning(
            f"{int(bad.sum())} value(s) are not years (first: row {row + 1}, "
            f"{col.iloc[row]!r}); left empty", str(where["file"]), where.get("layer"),
            where.get("field")))
    return values.where(~bad & values.notna()).astype("Int64")


def _optional_counts(col: pd.Series, warnings: list[DataWarning], where: dict) -> pd.Series:
    """Counts of an optional field (women, men, age bands): a bad value is left empty with a
    warning instead of stopping the import, since ``population`` alone carries the analysis."""
    values = _numbers(col)
    bad = values.isna() | (values < 0) | (values != values.round()) | (values.abs() > _MAX_COUNT)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        warnings.append(DataWarning(
            f"{int(bad.sum())} value(s) are not counts (first: row {row + 1}, "
            f"{col.iloc[row]!r}); left empty", str(where["file"]), where.get("layer"),
            where.get("field")))
    return values.where(~bad).round().astype("Int64")


def _counts(col: pd.Series, where: dict) -> np.ndarray:
    text = col.astype("string").str.strip().str.replace("\u00a0", "", regex=False)
    values = pd.to_numeric(text, errors="coerce")
    bad = values.isna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        shown = col.iloc[row]
        shown = "an empty value" if pd.isna(shown) or str(shown).strip() == "" else repr(shown)
        raise DataError(f"{shown} is not a count of residents (a whole number)", row=row + 1,
                        **where)
    arr = values.to_numpy(dtype=float)
    bad = ~np.isfinite(arr) | (arr < 0) | (arr != np.round(arr)) | (arr > _MAX_COUNT)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise DataError(f"{col.iloc[row]!r} is not a count of residents (a non-negative whole "
                        "number of plausible size)", row=row + 1, **where)
    return arr.astype(np.int64)
