"""Read a vector layer for a role, checked and reprojected to the analysis CRS.

Every layer read by the app goes through :func:`read_layer`: the file must be readable, the
layer must exist and hold features, it must carry a CRS (none is assumed), the role's required
fields must be present, ids must be unique and geometries valid (invalid ones are repaired with
a :class:`~ungtloft_map.core.errors.DataWarning`).

Examples
--------
>>> from ungtloft_map.paths import demo_dir
>>> layer = read_layer(demo_dir() / "fjordvik.gpkg", role="zones", layer="zones")
>>> layer.gdf.crs.to_epsg()
25832
"""

from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
from pyproj import CRS
from shapely import make_valid
from shapely.errors import ShapelyError
from shapely.geometry import GeometryCollection, MultiPolygon, Polygon

from ..crs import to_analysis_crs
from ..errors import DataError, DataWarning
from .tables import _names


@dataclass(frozen=True)
class RoleSpec:
    """What a layer of a given role must hold."""

    geometry: tuple[str, ...]  # allowed geometry families ("Polygon", "Point", "LineString")
    required: tuple[str, ...] = ()
    id_field: str | None = None
    numeric: tuple[str, ...] = ()  # fields that must be numeric and non-negative


POLY = ("Polygon",)
ROLES: dict[str, RoleSpec] = {
    "zones": RoleSpec(POLY, ("zone_id", "zone_name"), "zone_id"),
    "districts": RoleSpec(POLY, ("district_id", "district_name"), "district_id"),
    "population": RoleSpec(("Polygon", "Point"), ("population",), None, ("population",)),
    "green_areas": RoleSpec(POLY),
    "destinations": RoleSpec(("Point",), ("name", "category")),
    "municipal_housing": RoleSpec(("Point",), ("units",), None, ("units",)),
    "dwellings": RoleSpec(("Point", "Polygon"), ("dwellings",), None, ("dwellings",)),
    "plans": RoleSpec(POLY),
    "boundary": RoleSpec(POLY),
    "water": RoleSpec(POLY),
    "roads": RoleSpec(("LineString",)),
    "context": RoleSpec(("Polygon", "Point", "LineString")),
}


@dataclass
class LoadedLayer:
    """A layer read for a role, in EPSG:25832, with what was repaired on the way."""

    role: str
    path: Path
    layer: str | None
    gdf: gpd.GeoDataFrame
    source_crs: str
    warnings: list[DataWarning] = field(default_factory=list)

    def __repr__(self) -> str:
        name = f"{self.path.name}:{self.layer}" if self.layer else self.path.name
        return (
            f"LoadedLayer(role={self.role!r}, source={name!r}, features={len(self.gdf)}, "
            f"crs='EPSG:25832' (from {self.source_crs}), warnings={len(self.warnings)})"
        )


def list_layers(path: str | Path) -> list[str]:
    """Names of the layers in a vector file (a GeoPackage can hold several)."""
    path = Path(path)
    _check_file(path)
    try:
        return [str(name) for name, _ in pyogrio.list_layers(path)]
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise DataError(f"cannot read the file ({_short(exc)})", file=path) from None


def read_layer(
    path: str | Path,
    role: str,
    layer: str | None = None,
    *,
    field_map: dict[str, str] | None = None,
) -> LoadedLayer:
    """Read one layer for ``role``, validate it and reproject it to EPSG:25832.

    Parameters
    ----------
    path
        GeoPackage, GeoJSON, Shapefile (or a zipped Shapefile) readable by GDAL.
    role
        One of :data:`ROLES` (``"zones"``, ``"population"``, ...).
    layer
        Layer name inside a multi-layer file.
    field_map
        ``{role field: source field}`` applied before the checks (the import dialog's field
        mapping); one source field may feed several role fields (e.g. a zone name used as id).

    Raises
    ------
    DataError
        Unreadable file, missing layer, no features, no CRS, missing or non-numeric required
        field, negative counts, duplicate ids, wrong geometry type. The message names the file,
        the layer and the field.
    """
    path = Path(path)
    if role not in ROLES:
        raise DataError(f"unknown layer role {role!r}", file=path, layer=layer)
    spec = ROLES[role]
    _check_file(path)
    gdf = _read(path, layer)
    where = {"file": path, "layer": layer or path.stem}
    warnings: list[DataWarning] = []

    if field_map:
        gdf = _apply_field_map(gdf, field_map, where)
    if len(gdf) == 0:
        raise DataError("the layer is empty (no features)", **where)
    if gdf.crs is None:
        hint = " (the .prj file is missing)" if path.suffix.lower() == ".shp" else ""
        raise DataError(
            f"the layer has no coordinate reference system{hint}; "
            "set one in the file (e.g. EPSG:25832) -- none is assumed",
            **where,
        )
    source_crs = CRS.from_user_input(gdf.crs).to_string()
    gdf = _drop_empty(gdf, warnings, where)
    _check_geometry_family(gdf, spec, where)
    _check_fields(gdf, spec, where)
    gdf = _repair(gdf, spec, warnings, where)
    # Compound/3D CRS (EPSG:5972, 25833+5941, ...) keep their horizontal part; heights dropped.
    declared = (CRS.from_user_input(gdf.crs), gdf.total_bounds)
    gdf = to_analysis_crs(gdf, **where)
    _check_coordinates(gdf, where, declared)
    return LoadedLayer(role, path, layer, gdf, source_crs, warnings)


def _apply_field_map(gdf: gpd.GeoDataFrame, field_map: dict[str, str], where: dict) -> gpd.GeoDataFrame:
    gdf = gdf.copy()
    for target, source in field_map.items():
        if source not in gdf.columns:
            raise DataError("the mapped source field is not in the layer", field=source, **where)
        gdf[target] = gdf[source]
    return gdf


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _check_file(path: Path) -> None:
    try:
        exists = path.exists()
        empty = exists and path.is_file() and path.stat().st_size == 0
    # Path.exists() passes on OSErrors other than "no such file": a name longer than the file
    # system allows (ENAMETOOLONG, e.g. from a manifest), no permission on a folder, ...
    except OSError as exc:
        raise DataError(f"cannot open the file ({exc.strerror or exc})", file=path) from None
    if not exists:
        raise DataError("file not found", file=path)
    if empty:
        raise DataError("the file is empty (0 bytes)", file=path)
    if path.suffix.lower() == ".zip" and not zipfile.is_zipfile(path):
        raise DataError("not a valid zip archive (corrupt or truncated)", file=path)


def _read(path: Path, layer: str | None) -> gpd.GeoDataFrame:
    target = f"/vsizip/{path}" if path.suffix.lower() == ".zip" else path
    try:
        if layer is not None:
            available = [str(n) for n, _ in pyogrio.list_layers(target)]
            if layer not in available:
                raise DataError(
                    f"layer not found; the file has: {', '.join(available) or 'no layers'}",
                    file=path,
                    layer=layer,
                )
        gdf = gpd.read_file(target, layer=layer, engine="pyogrio")
    except DataError:
        raise
    except Exception as exc:
        raise DataError(f"cannot read the layer ({_short(exc)})", file=path, layer=layer) from None
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry is None:
        raise DataError("the layer has no geometry", file=path, layer=layer)
    return gdf


def _drop_empty(gdf: gpd.GeoDataFrame, warnings: list[DataWarning], where: dict) -> gpd.GeoDataFrame:
    empty = gdf.geometry.isna() | gdf.geometry.is_empty
    if empty.all():
        raise DataError("every feature has an empty geometry", **where)
    if empty.any():
        warnings.append(
            DataWarning(f"{int(empty.sum())} feature(s) without geometry were skipped",
                        str(where["file"]), where["layer"])
        )
        gdf = gdf.loc[~empty].copy()
    return gdf


def _check_geometry_family(gdf: gpd.GeoDataFrame, spec: RoleSpec, where: dict) -> None:
    families = {t.replace("Multi", "") for t in gdf.geom_type.dropna().unique()}
    wrong = families - set(spec.geometry)
    if wrong:
        raise DataError(
            f"geometry type {', '.join(sorted(wrong))} is not allowed here "
            f"(expected {' or '.join(spec.geometry)})",
            **where,
        )


def _check_fields(gdf: gpd.GeoDataFrame, spec: RoleSpec, where: dict) -> None:
    for name in spec.required:
        if name not in gdf.columns:
            have = _names(c for c in gdf.columns if c != gdf.geometry.name)
            raise DataError(f"required field is missing (the layer has: {have})", field=name, **where)
    for name in spec.numeric:
        values = pd.to_numeric(gdf[name], errors="coerce")
        # inf is numeric to pandas, but a count of inf people would flow into every sum
        bad = (values.isna() & gdf[name].notna()) | np.isinf(values.astype(float))
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            value = gdf[name].iloc[row]
            shown = repr(value) if isinstance(value, str) else str(value)
            raise DataError(f"value {shown} is not a (finite) number", field=name, row=row + 1,
                            **where)
        if (values < 0).any():
            row = int((values < 0).to_numpy().nonzero()[0][0])
            raise DataError(f"negative value {values.iloc[row]} is not allowed", field=name, row=row + 1, **where)
        gdf[name] = values
    if spec.id_field is not None:
        ids = gdf[spec.id_field]
        if ids.isna().any():
            raise DataError("some features have no id", field=spec.id_field, **where)
        gdf[spec.id_field] = ids.astype(str)
        dup = gdf[spec.id_field][gdf[spec.id_field].duplicated()].unique()
        if len(dup):
            raise DataError(f"duplicate ids: {', '.join(map(str, dup[:10]))}", field=spec.id_field, **where)


def _repair(gdf: gpd.GeoDataFrame, spec: RoleSpec, warnings: list[DataWarning], where: dict) -> gpd.GeoDataFrame:
    invalid = ~gdf.geometry.is_valid
    if not invalid.any():
        return gdf
    gdf = gdf.copy()
    try:
        repaired = gdf.geometry[invalid].apply(make_valid)
    except ShapelyError as exc:
        raise DataError(f"invalid geometry cannot be repaired ({_short(exc)})", **where) from None
    # make_valid can turn a bow-tie polygon into a GeometryCollection with stray lines; keep the
    # polygonal part so a zone stays a zone.
    if spec.geometry == POLY:
        repaired = repaired.apply(_polygonal_part)
    # A polygon whose points all lie on a line is "repaired" into lines: that is no zone (or
    # area) any more, and the geometry family was checked before the repair.
    family = repaired.geom_type.fillna("").str.replace("Multi", "")
    collapsed = ~family.isin(spec.geometry) | repaired.is_empty
    if collapsed.any():
        label = collapsed.index[collapsed.to_numpy()][0]
        raise DataError(
            f"invalid geometry cannot be repaired into a {' or '.join(spec.geometry)} "
            f"(it collapses to {repaired[label].geom_type})",
            row=int(label) + 1 if isinstance(label, (int, np.integer)) else None,
            **where,
        )
    gdf.loc[invalid, gdf.geometry.name] = repaired
    ids = gdf.index[invalid][:5].tolist()
    warnings.append(
        DataWarning(
            f"{int(invalid.sum())} invalid geometr{'y was' if invalid.sum() == 1 else 'ies were'} "
            f"repaired (rows {', '.join(str(i + 1) for i in ids)}{'…' if invalid.sum() > 5 else ''})",
            str(where["file"]),
            where["layer"],
        )
    )
    return gdf


def _polygonal_part(geom):
    if isinstance(geom, GeometryCollection) and not isinstance(geom, MultiPolygon):
        polys = [g for g in geom.geoms if isinstance(g, (Polygon, MultiPolygon))]
        if polys:
            parts = []
            for p in polys:
                parts.extend(p.geoms if isinstance(p, MultiPolygon) else [p])
            return MultiPolygon(parts) if len(parts) > 1 else parts[0]
    return geom


def _check_coordinates(gdf: gpd.GeoDataFrame, where: dict, declared=None) -> None:
    # UTM 32N eastings in Norway lie within a few hundred km of 500,000 and northings 6.4–8 M m;
    # anything far outside means a wrong declared CRS, not a place in Norway.
    minx, miny, maxx, maxy = gdf.total_bounds
    if not all(math.isfinite(v) for v in (minx, miny, maxx, maxy)):
        raise DataError("coordinates are not finite numbers (NaN or infinite)", **where)
    if minx < -1_000_000 or maxx > 2_000_000 or miny < 5_500_000 or maxy > 9_000_000:
        if declared is not None:
            crs, (x0, y0, x1, y1) = declared
            # Degrees under a metre label (GeoJSON from the web marked EPSG:25833, ...).
            if crs.is_projected and -180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90:
                raise DataError(
                    f"the coordinates ({x0:.4f}, {y0:.4f})–({x1:.4f}, {y1:.4f}) look like degrees "
                    f"(longitude/latitude, EPSG:4326), but the file declares {crs.to_string()} "
                    f"({crs.name}), a CRS in metres; set the file's CRS to EPSG:4326", **where)
        raise DataError(
            f"coordinates ({minx:.0f}, {miny:.0f})–({maxx:.0f}, {maxy:.0f}) in EPSG:25832 are far "
            "outside Norway; is the declared CRS right?",
            **where,
        )
