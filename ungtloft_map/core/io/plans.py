"""Read a regulation plan from any supported file: one entry point, :func:`read_plan`.

The file type is chosen by suffix:

========================================  ===========================================
``.sos``, ``.sosi``                       SOSI, :func:`~.sosi.read_sosi_plan`
``.gml``                                  Plan GML, :func:`~.plangml.read_plan_gml`
``.geojson``, ``.json``, ``.gpkg``,       GDAL via pyogrio (:func:`~.vector.read_layer`,
``.shp``, ``.zip`` (zipped shapefile)     role ``plans``); a CRS is required
========================================  ===========================================

Rules for the GDAL formats
--------------------------
* The layer must carry a CRS; none is assumed. A GeoJSON without a ``crs`` member is WGS84 by
  definition (RFC 7946), so one whose coordinates are not longitude/latitude is reported as
  having no CRS.
* A GeoPackage with several layers needs ``layer=``.
* **One plan per file.** The polygons are grouped into areas: polygons closer than
  :data:`SEPARATE_AREA_DISTANCE` (1 km) to each other belong to the same area. A file whose
  polygons form several areas is refused ("the file holds N separate areas; pick one"), unless
  every feature carries the same value in a plan id field (:data:`PLAN_ID_FIELDS`, e.g.
  ``plan_id``): then it is one plan in several parts.
* The land-use code is taken from a field named ``arealformal``/``arealformål``/
  ``RPAREALFORMÅL`` (any case) when present.

For SOSI and GML the plan id and name (``NASJONALAREALPLANID.PLANID``/``planidentifikasjon``,
``PLANNAVN``/``plannavn``) are also given as the contract columns ``plan_id`` and ``name``.

For every format the result is checked to lie in Norway in EPSG:25832, which catches a wrong
declared CRS.

Examples
--------
>>> from ungtloft_map.paths import demo_dir
>>> plan = read_plan(demo_dir() / "plans" / "plan_c_sentrum.geojson")
>>> plan
PlanLayer('plan_c_sentrum.geojson', GeoJSON, 4 polygons, boundary 3.2 ha, 0 warnings)
"""

from __future__ import annotations

import math
import warnings as pywarnings
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from ..crs import ANALYSIS_CRS
from ..errors import DataError, DataWarning
from .plangml import read_plan_gml
from .sosi import read_sosi_plan
from .vector import read_layer

__all__ = ["PlanLayer", "read_plan", "SEPARATE_AREA_DISTANCE", "PLAN_ID_FIELDS"]

#: Polygons further apart than this (metres) are separate areas.
SEPARATE_AREA_DISTANCE = 1000.0
#: Field names (compared case-insensitively) that identify the plan a feature belongs to.
PLAN_ID_FIELDS = ("plan_id", "planid", "planidentifikasjon", "arealplanid", "plannr")
_AREALFORMAL_FIELDS = ("arealformal", "arealformål", "rparealformål", "rparealformal")

# (contract column, source names lower-case, one value for the whole plan?)
_CONTRACT_SOURCES = (
    ("plan_id", ("nasjonalarealplanid.planid", "planid", "planidentifikasjon"), True),
    ("name", ("plannavn",), True),
    ("municipal_units", ("kommunaleboenheter",), False),
    ("other_units", ("andreboenheter",), False),
)
_SOSI = {".sos", ".sosi"}
_GML = {".gml"}
_VECTOR = {
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".gpkg": "GeoPackage",
    ".shp": "Shapefile",
    ".zip": "Shapefile (zip)",
}


@dataclass
class PlanLayer:
    """A regulation plan read from a file, in EPSG:25832.

    Attributes
    ----------
    path
        The file read.
    features
        All plan polygons, EPSG:25832, with at least the columns ``objtype`` and
        ``arealformal`` (Int64, NA where unknown) -- SOSI/GML also ``feltnavn`` and
        ``eierform``; GDAL formats keep their own fields.
    boundary
        The plan area: the union of the ``RpOmråde`` polygons when the file has them, else
        the union of all polygons.
    warnings
        What was repaired or skipped while reading.
    source_format
        ``"SOSI"``, ``"Plan GML"``, ``"GeoJSON"``, ``"GeoPackage"``, ``"Shapefile"``, ...

    Examples
    --------
    >>> from ungtloft_map.paths import demo_dir
    >>> plan = read_plan(demo_dir() / "plans" / "plan_b_park.sos")
    >>> round(plan.boundary.area / 1e4, 2)  # hectares
    4.16
    """

    path: Path
    features: gpd.GeoDataFrame
    boundary: Polygon | MultiPolygon
    warnings: list[DataWarning] = field(default_factory=list)
    source_format: str = ""

    def __repr__(self) -> str:
        return (
            f"PlanLayer({self.path.name!r}, {self.source_format}, {len(self.features)} polygons, "
            f"boundary {self.boundary.area / 1e4:.1f} ha, {len(self.warnings)} warnings)"
        )


def read_plan(path: str | PathLike, *, layer: str | None = None) -> PlanLayer:
    """Read a regulation plan (SOSI, Plan GML, GeoJSON, GeoPackage or Shapefile).

    Parameters
    ----------
    path
        The plan file; its suffix chooses the reader (see the module docstring).
    layer
        Layer name, for a GeoPackage holding several layers.

    Returns
    -------
    PlanLayer

    Raises
    ------
    DataError
        Naming the file and the problem: unsupported suffix, empty or corrupt file, unknown
        SOSI ``KOORDSYS``, broken ``..REF``, ring not closed, no plan polygons, no CRS, several
        separate areas in one file, coordinates outside Norway.

    Examples
    --------
    >>> plan = read_plan("plan.gml")  # doctest: +SKIP
    >>> plan.features.groupby("arealformal").area.sum()  # doctest: +SKIP
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _SOSI:
        gdf, fmt = read_sosi_plan(path), "SOSI"
    elif suffix in _GML:
        gdf, fmt = read_plan_gml(path), "Plan GML"
    elif suffix in _VECTOR:
        gdf, fmt = _read_vector(path, layer), _VECTOR[suffix]
    else:
        known = ", ".join(sorted(_SOSI | _GML | set(_VECTOR)))
        raise DataError(
            f"unsupported plan file type {suffix or '(none)'!r}; expected {known}", file=path.name
        )
    warnings = list(gdf.attrs.get("warnings", []))
    gdf.attrs = {}
    gdf = _keep_polygons(gdf, path, warnings)
    gdf = _contract_columns(gdf)
    _check_in_norway(gdf, path)
    return PlanLayer(
        path=path, features=gdf, boundary=_boundary(gdf, path), warnings=warnings, source_format=fmt
    )


# --------------------------------------------------------------------------------------
# GDAL formats
# --------------------------------------------------------------------------------------


def _read_vector(path: Path, layer: str | None) -> gpd.GeoDataFrame:
    file = path.name
    try:
        exists = path.exists()
        empty = exists and path.is_file() and path.stat().st_size == 0
    except OSError as exc:  # a name too long for the file system (ENAMETOOLONG), ...
        raise DataError(f"cannot open the file ({exc.strerror or exc})", file=file) from None
    if not exists:
        raise DataError("file not found", file=file)
    if empty:
        raise DataError("the file is empty", file=file)
    target = f"/vsizip/{path}" if path.suffix.lower() == ".zip" else str(path)
    try:
        with pywarnings.catch_warnings():
            # GDAL's RuntimeWarnings ("bad application_id") only repeat what the error says.
            pywarnings.simplefilter("ignore", RuntimeWarning)
            layers = [str(n) for n, _ in pyogrio.list_layers(target)]
        if layer is None and len(layers) > 1:
            raise DataError(f"holds several layers ({', '.join(layers)}); pick one", file=file)
        info = pyogrio.read_info(target, layer=layer, force_total_bounds=True)
    except DataError:
        raise
    except Exception as exc:  # pyogrio raises several types for unreadable files
        text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise DataError(f"cannot read the file ({text})", file=file, layer=layer) from None
    if info.get("crs") is None:
        raise DataError(
            "has no CRS; set one in the file (e.g. EPSG:25832) -- none is assumed",
            file=file,
            layer=layer,
        )
    _check_geographic_bounds(info, file, layer)

    loaded = read_layer(path, "plans", layer)
    gdf = loaded.gdf.copy()
    gdf = _check_separate_areas(gdf, file)
    gdf = _standard_columns(gdf, file)
    gdf.attrs["warnings"] = list(loaded.warnings)
    return gdf


def _check_geographic_bounds(info: dict, file: str, layer: str | None) -> None:
    try:
        crs = CRS.from_user_input(info["crs"])
    except CRSError:
        raise DataError(f"has an unknown CRS {info['crs']!r}", file=file, layer=layer) from None
    bounds = info.get("total_bounds")
    if not crs.is_geographic or bounds is None:
        return
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    if not all(math.isfinite(v) for v in (minx, miny, maxx, maxy)):
        return
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise DataError(
            "has no CRS for its coordinates: they are not longitude/latitude, but the file "
            f"says {crs.name} (a GeoJSON without a 'crs' member is WGS84 by definition); "
            "add the right CRS (e.g. EPSG:25832)",
            file=file,
            layer=layer,
        )


def _check_separate_areas(gdf: gpd.GeoDataFrame, file: str) -> gpd.GeoDataFrame:
    """Refuse a file whose polygons form several areas more than 1 km apart (see module doc)."""
    geoms = [g for g in gdf.geometry if g is not None and not g.is_empty]
    if len(geoms) < 2:
        return gdf
    # Buffering by half the distance and counting the parts of the union is single-linkage
    # clustering at that distance, done by GEOS instead of an O(n^2) loop.
    merged = shapely.union_all(shapely.buffer(geoms, SEPARATE_AREA_DISTANCE / 2, quad_segs=2))
    n = len(shapely.get_parts(merged))
    if n <= 1:
        return gdf
    id_col = _find_column(gdf, PLAN_ID_FIELDS)
    if id_col is not None:
        values = gdf[id_col]
        distinct = values.dropna().astype(str).unique()
        if values.notna().all() and len(distinct) == 1:
            return gdf
        ids = f" (field {id_col!r} has {len(distinct)} values: {', '.join(distinct[:5])})"
    else:
        ids = " and no plan id field ties them together"
    raise DataError(
        f"the file holds {n} separate areas (more than {SEPARATE_AREA_DISTANCE:.0f} m apart)"
        f"{ids}; pick one",
        file=file,
    )


def _find_column(gdf: gpd.GeoDataFrame, names: tuple[str, ...]) -> str | None:
    lower = {str(c).lower(): c for c in gdf.columns if c != gdf.geometry.name}
    for name in names:
        if name in lower:
            return lower[name]
    return None


def _standard_columns(gdf: gpd.GeoDataFrame, file: str) -> gpd.GeoDataFrame:
    if "objtype" not in gdf.columns:
        gdf["objtype"] = pd.Series([pd.NA] * len(gdf), index=gdf.index, dtype="object")
    col = _find_column(gdf, _AREALFORMAL_FIELDS)
    if col is None:
        codes = pd.Series([pd.NA] * len(gdf), index=gdf.index, dtype="Int64")
    else:
        raw = gdf[col]
        codes = pd.to_numeric(raw, errors="coerce")
        bad = (codes.isna() & raw.notna()) | (codes.notna() & (codes % 1 != 0))
        # Codes are 4-digit numbers; a huge float (1e30) passes the whole-number test but
        # cannot become Int64 (astype raises TypeError).
        bad |= codes.notna() & (codes.abs() >= 2**31)
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(
                f"land-use code {raw.iloc[row]!r} is not a whole number (or is far too large)",
                file=file,
                field=col,
                row=row + 1,
            )
        codes = codes.astype("Int64")
        if col != "arealformal":
            gdf = gdf.drop(columns=col)
    gdf["arealformal"] = codes
    first = ["objtype", "arealformal"]
    rest = [c for c in gdf.columns if c not in first]
    return gdf[first + rest]


# --------------------------------------------------------------------------------------
# all formats
# --------------------------------------------------------------------------------------


def _contract_columns(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Add the plan columns of the app's data contract (``plan_id``, ``name``,
    ``municipal_units``, ``other_units``) when the file has them under SOSI/GML names.

    ``plan_id`` and ``name`` describe the whole plan; SOSI puts them on the ``RpOmråde`` only,
    so a single value is copied to every polygon.
    """
    lower = {str(c).lower(): c for c in gdf.columns}
    for target, sources, plan_level in _CONTRACT_SOURCES:
        if target in gdf.columns:
            continue
        col = next((lower[s] for s in sources if s in lower), None)
        if col is None:
            continue
        values = gdf[col]
        try:
            distinct = values.dropna().unique()
        except TypeError:
            # Unhashable cells: a SOSI attribute repeated on one object is read as a list, a
            # GeoJSON array as an ndarray. Such a column holds no single plan-level value.
            distinct = []
        if plan_level and len(distinct) == 1:
            gdf[target] = distinct[0]
        else:
            gdf[target] = values
    return gdf


def _keep_polygons(
    gdf: gpd.GeoDataFrame, path: Path, warnings: list[DataWarning]
) -> gpd.GeoDataFrame:
    if len(gdf) == 0:
        raise DataError("has no plan polygons", file=path.name)
    is_poly = gdf.geom_type.isin(["Polygon", "MultiPolygon"]) & ~gdf.geometry.is_empty
    if not is_poly.any():
        raise DataError("has no plan polygons", file=path.name)
    if not is_poly.all():
        warnings.append(
            DataWarning(f"{int((~is_poly).sum())} non-polygon feature(s) skipped", file=path.name)
        )
    gdf = gdf[is_poly].reset_index(drop=True)
    return gpd.GeoDataFrame(gdf, geometry=gdf.geometry.name, crs=ANALYSIS_CRS)


def _check_in_norway(gdf: gpd.GeoDataFrame, path: Path) -> None:
    # Norway (with Svalbard margins) in EPSG:25832: eastings roughly -100 km..1.2 Mm,
    # northings 6.4..8.0 Mm. Far outside means the declared CRS is wrong.
    minx, miny, maxx, maxy = (float(v) for v in gdf.total_bounds)
    if not all(math.isfinite(v) for v in (minx, miny, maxx, maxy)):
        raise DataError("coordinates are not finite numbers", file=path.name)
    if minx < -1_000_000 or maxx > 2_000_000 or miny < 5_500_000 or maxy > 9_000_000:
        raise DataError(
            f"coordinates ({minx:.0f}, {miny:.0f})-({maxx:.0f}, {maxy:.0f}) in EPSG:25832 are "
            "far outside Norway; is the declared CRS right?",
            file=path.name,
        )


def _boundary(gdf: gpd.GeoDataFrame, path: Path) -> Polygon | MultiPolygon:
    is_omrade = [isinstance(v, str) and v == "RpOmråde" for v in gdf.get("objtype", [])]
    omrade = gdf[is_omrade] if any(is_omrade) else gdf.iloc[:0]
    source = omrade if len(omrade) else gdf
    geom: BaseGeometry = shapely.union_all(list(source.geometry))
    if not isinstance(geom, (Polygon, MultiPolygon)):
        polys = [g for g in shapely.get_parts(geom) if isinstance(g, (Polygon, MultiPolygon))]
        geom = shapely.union_all(polys) if polys else Polygon()
    if geom.is_empty:
        raise DataError("the plan boundary is empty", file=path.name)
    return geom
