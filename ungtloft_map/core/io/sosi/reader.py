"""SOSI reader API: :func:`read_sosi`, :func:`read_sosi_plan` and :class:`SosiResult`."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from shapely.geometry import LineString, MultiPoint, Point
from shapely.geometry.base import BaseGeometry

from ...crs import ANALYSIS_CRS
from ...errors import DataError, DataWarning
from .geometry import (
    _CURVE_KINDS,
    _NO_GEOMETRY_KINDS,
    _POINT_KINDS,
    _coords,
    _curve_coords,
    _flate_geometry,
)
from .header import _UTF8_BOM, _decode, _norm_charset, _transform
from .parser import _FLOAT_RE, _INT_RE, _int64, _Obj, _ObjectError, _parse_text, _Warnings

#: Object types that :func:`read_sosi_plan` returns, with the attribute holding the land use.
PLAN_OBJTYPES: dict[str, str | None] = {
    "RpOmråde": None,
    "RpArealformålOmråde": "RPAREALFORMÅL",
    "KpOmråde": None,
    "KpArealformålOmråde": "KPAREALFORMÅL",
}


@dataclass
class SosiResult:
    """Everything read from one SOSI file.

    Attributes
    ----------
    path
        The file read.
    features
        One row per object with geometry (and ``.OBJEKT`` rows without). Columns
        ``objtype`` (``..OBJTYPE``), ``sosi_type`` (``"FLATE"``, ``"KURVE"``, ...), ``sosi_id``
        (the serial number after ``.FLATE``), one column per attribute (groups as
        ``GROUP.SUB``), and ``geometry`` in :attr:`crs`.
    crs
        From ``...KOORDSYS``.
    charset_declared
        The ``..TEGNSETT`` value as written, or None.
    charset_used
        The charset the text was decoded with (differs from the declared one when the bytes
        disagree, see :attr:`warnings`).
    warnings
        What was repaired or skipped.
    header
        Flattened ``.HODE`` elements, e.g. ``{"TRANSPAR.KOORDSYS": "22", ...}``.

    Examples
    --------
    >>> res = read_sosi("n50.sos")  # doctest: +SKIP
    >>> res  # doctest: +SKIP
    SosiResult('n50.sos', 1534 features: 352 FLATE, 1169 KURVE, 13 PUNKT; EPSG:25832; ...)
    """

    path: Path
    features: gpd.GeoDataFrame
    crs: CRS | None
    charset_declared: str | None
    charset_used: str
    warnings: list[DataWarning] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        counts = Counter(self.features["sosi_type"]) if len(self.features) else Counter()
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
        crs = f"EPSG:{self.crs.to_epsg()}" if self.crs is not None else "no CRS"
        charset = self.charset_used
        if self.charset_declared and _norm_charset(self.charset_declared) != _norm_charset(charset):
            charset = f"{charset} (declared {self.charset_declared})"
        return (
            f"SosiResult({self.path.name!r}, {len(self.features)} features"
            f"{': ' + kinds if kinds else ''}; {crs}; charset {charset}; "
            f"{len(self.warnings)} warnings)"
        )


def read_sosi(path: str | PathLike, *, strict: bool = False) -> SosiResult:
    """Read a SOSI file into a :class:`SosiResult`.

    Parameters
    ----------
    path
        The ``.sos`` file.
    strict
        When False (default) an object that cannot be built (broken ``..REF``, ring that
        does not close, bad coordinates) is skipped with a warning. When True it raises.

    Returns
    -------
    SosiResult

    Raises
    ------
    DataError
        If the file cannot be read, is not SOSI, has no or an unknown ``KOORDSYS`` or a bad
        ``ENHET``/``ORIGO-NØ``; with ``strict=True`` also for a broken object.

    Examples
    --------
    >>> res = read_sosi("buer.sos")  # doctest: +SKIP
    >>> res.features.sosi_type.value_counts()  # doctest: +SKIP
    KURVE    11
    BUEP     10
    """
    return _read(Path(path), strict=(lambda objtype: True) if strict else (lambda objtype: False))


def read_sosi_plan(path: str | PathLike) -> gpd.GeoDataFrame:
    """Read the plan polygons of a SOSI regulation plan, in EPSG:25832.

    ``RpOmråde`` (the plan boundary) and ``RpArealformålOmråde`` (land-use areas, with the
    code from ``RPAREALFORMÅL``) are returned; kommuneplan ``KpOmråde``/``KpArealformålOmråde``
    likewise. A file that holds only ``RpGrense`` boundary lines is polygonized (objtype
    ``"RpGrensePolygon"``, no land use) when the lines close into areas.

    Parameters
    ----------
    path
        The ``.sos`` file.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``objtype``, ``arealformal`` (Int64, NA for the plan boundary), ``feltnavn``,
        ``eierform``, ``sosi_id``, then the other SOSI attributes found on the plan polygons
        (e.g. ``NASJONALAREALPLANID.PLANID``, ``PLANNAVN``), and ``geometry``
        (Polygon/MultiPolygon), CRS EPSG:25832. The warnings of the read are in
        ``gdf.attrs["warnings"]``.

    Raises
    ------
    DataError
        If the file has no plan polygons, or a plan polygon cannot be built.

    Examples
    --------
    >>> from ungtloft_map.paths import demo_dir
    >>> plan = read_sosi_plan(demo_dir() / "plans" / "plan_b_park.sos")
    >>> sorted(int(c) for c in plan[plan.objtype == "RpArealformålOmråde"].arealformal.unique())
    [1110, 3040]
    """
    path = Path(path)
    res = _read(path, strict=lambda objtype: objtype in PLAN_OBJTYPES)
    feats = res.features
    warnings = list(res.warnings)
    is_plan = feats["objtype"].isin(list(PLAN_OBJTYPES)) & feats.geometry.notna()
    is_plan &= feats.geom_type.isin(["Polygon", "MultiPolygon"])
    plan = feats[is_plan]
    if plan.empty:
        plan = _polygonize_grense(feats, path, warnings)
    rows = []
    for rec in plan.drop(columns="geometry").to_dict("records"):
        objtype = rec["objtype"]
        attr = PLAN_OBJTYPES.get(objtype)
        code: object = pd.NA
        if attr is not None:
            raw = rec.get(attr)
            code = _as_int(raw)
            if code is pd.NA:
                warnings.append(
                    DataWarning(
                        f".FLATE {rec.get('sosi_id')} ({objtype}) has no valid {attr} ({raw!r})",
                        file=path.name,
                        field=attr,
                    )
                )
        rows.append(
            {
                "objtype": objtype,
                "arealformal": code,
                "feltnavn": _as_str(rec.get("FELTNAVN")),
                "eierform": _as_str(rec.get("EIERFORM")),
                "sosi_id": rec.get("sosi_id"),
            }
        )
    std = ["objtype", "arealformal", "feltnavn", "eierform", "sosi_id"]
    out = gpd.GeoDataFrame(
        pd.DataFrame(rows, columns=std),
        geometry=list(plan.geometry),
        crs=res.crs,
    )
    out["arealformal"] = out["arealformal"].astype("Int64")
    out["sosi_id"] = out["sosi_id"].astype("Int64")
    # Keep the other SOSI attributes (PLANID, PLANNAVN, ...) after the standard columns.
    used = {"objtype", "sosi_type", "sosi_id", "geometry", "FELTNAVN", "EIERFORM"}
    used |= {a for a in PLAN_OBJTYPES.values() if a}
    extra = [c for c in plan.columns if c not in used and plan[c].notna().any()]
    for col in extra:
        out[col] = plan[col].array
    out = out[std + extra + ["geometry"]]
    out = out.to_crs(ANALYSIS_CRS)
    out.attrs["warnings"] = warnings
    return out


def _read(path: Path, *, strict: Callable[[str | None], bool]) -> SosiResult:
    file = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror or exc}", file=file) from None
    except ValueError as exc:  # a NUL byte in the name (a path from a manifest, ...)
        raise DataError(f"cannot read the file: {exc}", file=file) from None
    if not raw.strip(b" \t\r\n\x00" + _UTF8_BOM):
        raise DataError("the file is empty", file=file)
    warn = _Warnings(file)
    text, declared, used = _decode(raw, warn)
    parsed = _parse_text(text, warn, file)
    tf = _transform(parsed.header, file)
    truncated = not parsed.ended
    if truncated:
        warn.add(
            "slutt",
            f"has no .SLUTT at the end (file truncated?); kept the "
            f"{len(parsed.objects)} objects read",
        )

    def fail(obj: _Obj, err: _ObjectError) -> None:
        if strict(obj.objtype):
            raise DataError(f"{obj.label}: {err.message}", file=file, field=err.field)
        warn.add(
            "skipped",
            f"{obj.label} ({obj.objtype or 'no OBJTYPE'}) skipped: {err.message}",
            field=err.field,
        )

    # pass 1: coordinates and curves (FLATEs refer to curves that may come later in the file)
    n_obj = len(parsed.objects)
    xys: dict[int, np.ndarray] = {}
    curves: dict[int, np.ndarray] = {}
    geoms: dict[int, BaseGeometry | None] = {}
    unsupported: Counter[str] = Counter()
    seen_ids: dict[int, str] = {}
    for idx, obj in enumerate(parsed.objects):
        if obj.sosi_id is not None:
            if obj.sosi_id in seen_ids:
                warn.add(
                    "dup",
                    f"{obj.label} on line {obj.line} repeats a serial number; "
                    "..REF uses the later object",
                )
            seen_ids[obj.sosi_id] = obj.label
        try:
            xy = _coords(obj, tf, last=idx == n_obj - 1, truncated=truncated, warn=warn)
            xys[idx] = xy
            if obj.kind in _CURVE_KINDS:
                c = _curve_coords(obj, xy)
                if obj.sosi_id is not None:
                    curves[obj.sosi_id] = c
                geoms[idx] = LineString(c)
            elif obj.kind in _POINT_KINDS:
                if len(xy) == 0:
                    raise _ObjectError(f"a {obj.kind} needs a coordinate", field="NØ")
                if obj.kind == "SVERM" or (obj.kind == "PUNKT" and len(xy) > 1):
                    geoms[idx] = MultiPoint(xy)
                else:  # TEKST: the first point places the name; the rest is the text line
                    geoms[idx] = Point(xy[0])
            elif obj.kind in _NO_GEOMETRY_KINDS:
                geoms[idx] = None
            elif obj.kind != "FLATE":
                unsupported[obj.kind] += 1
        except _ObjectError as err:
            fail(obj, err)
    for kind, n in unsupported.items():
        warn.add("unsupported", f"{n} .{kind} object(s) skipped: geometry type not supported")

    # pass 2: surfaces
    for idx, obj in enumerate(parsed.objects):
        if obj.kind != "FLATE":
            continue
        try:
            if not obj.ref:
                raise _ObjectError("a FLATE needs a ..REF", field="REF")
            geoms[idx] = _flate_geometry(obj, curves, tf.tolerance, warn)
        except _ObjectError as err:
            fail(obj, err)

    features = _frame(parsed.objects, geoms, tf.crs)
    header = {k: " ".join(v) for k, v in parsed.header.items()}
    return SosiResult(
        path=path,
        features=features,
        crs=tf.crs,
        charset_declared=declared,
        charset_used=used,
        warnings=warn.finish(),
        header=header,
    )


def _frame(
    objects: list[_Obj], geoms: dict[int, BaseGeometry | None], crs: CRS
) -> gpd.GeoDataFrame:
    rows: list[dict[str, object]] = []
    geometry: list[BaseGeometry | None] = []
    for idx, obj in enumerate(objects):
        if idx not in geoms:
            continue
        row: dict[str, object] = {
            "objtype": obj.objtype,
            "sosi_type": obj.kind,
            "sosi_id": obj.sosi_id,
        }
        groups = {k.rsplit(".", 1)[0] for k in obj.attrs if "." in k}
        for key, occurrences in obj.attrs.items():
            if key == "OBJTYPE" or (key in groups and not any(occurrences)):
                continue
            values = [" ".join(t) for t in occurrences]
            row[key] = values[0] if len(values) == 1 else values
        rows.append(row)
        geometry.append(geoms[idx])
    df = pd.DataFrame(rows, columns=None if rows else ["objtype", "sosi_type", "sosi_id"])
    for col in df.columns:
        if col in ("objtype", "sosi_type"):
            continue
        if col == "sosi_id":
            df[col] = df[col].astype("Int64")
            continue
        df[col] = _convert_column(df[col])
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geometry, crs=crs), crs=crs)


def _convert_column(col: pd.Series) -> pd.Series:
    """Turn a column of plain integers into Int64 and of decimals into float.

    Values with a leading zero (kommune numbers such as "0618") stay text.
    """
    values = col.dropna().tolist()  # plain list: iterating a pandas string array is slow
    if not values or not all(isinstance(v, str) for v in values):
        return col
    if all(_INT_RE.fullmatch(v) for v in values):
        if all(_int64(v) is not None for v in values):
            return col.map(lambda v: int(v) if isinstance(v, str) else pd.NA).astype("Int64")
        return col  # beyond int64: kept as text
    if all(_INT_RE.fullmatch(v) or _FLOAT_RE.fullmatch(v) for v in values):
        return col.map(lambda v: float(v) if isinstance(v, str) else np.nan).astype("float64")
    return col


def _as_int(v: object) -> object:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return pd.NA
    # The code goes into an Int64 column: values beyond int64 are no land-use code either.
    if isinstance(v, (int, np.integer)):
        return int(v) if -(2**63) <= int(v) < 2**63 else pd.NA
    if isinstance(v, str) and re.fullmatch(r"\s*\d+\s*", v):
        value = _int64(v)
        return pd.NA if value is None else value
    if isinstance(v, float) and v.is_integer():
        return int(v) if -(2**63) <= v < 2**63 else pd.NA
    return pd.NA


def _as_str(v: object) -> object:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    return str(v)


def _polygonize_grense(
    feats: gpd.GeoDataFrame, path: Path, warnings: list[DataWarning]
) -> gpd.GeoDataFrame:
    """Plan areas from ``RpGrense`` lines when a file has no plan polygons."""
    lines = feats[(feats["objtype"] == "RpGrense") & feats.geom_type.isin(["LineString"])]
    if lines.empty:
        raise DataError("has no plan polygons (no RpOmråde or RpArealformålOmråde)", file=path.name)
    noded = shapely.union_all(list(lines.geometry))
    polys = [p for p in shapely.get_parts(shapely.polygonize([noded])) if p.area > 0]
    if not polys:
        raise DataError(
            f"holds boundary lines only ({len(lines)} RpGrense) and they do not close into "
            "areas; no plan polygons",
            file=path.name,
        )
    warnings.append(
        DataWarning(
            f"has no plan polygons; built {len(polys)} area(s) from {len(lines)} RpGrense "
            "lines (no arealformål known)",
            file=path.name,
        )
    )
    return gpd.GeoDataFrame(
        {"objtype": ["RpGrensePolygon"] * len(polys), "sosi_id": [None] * len(polys)},
        geometry=polys,
        crs=feats.crs,
    )
