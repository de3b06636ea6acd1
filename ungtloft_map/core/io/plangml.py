"""Read the plan polygons of a Plan GML file (Reguleringsplanforslag 5.0, GML 3.2).

:func:`read_plan_gml` returns ``RpOmråde`` (the plan boundary) and ``RpArealformålOmråde``
(land-use areas) as polygons in EPSG:25832. Supported geometry: ``gml:Polygon``,
``gml:Surface`` (``gml:PolygonPatch``), ``gml:MultiSurface``/``gml:CompositeSurface``,
``gml:MultiPolygon``, rings as ``gml:LinearRing`` (``posList``, ``pos`` or ``coordinates``) or
``gml:Ring`` of ``gml:Curve`` segments (``LineStringSegment``, ``Arc``, ``ArcString``;
arcs are approximated by polylines through their three points), local ``xlink:href="#id"``
references for rings, curves and surfaces, and ``srsName`` in the ``EPSG:n``,
``urn:ogc:def:crs:EPSG::n`` and ``http://www.opengis.net/def/crs/EPSG/0/n`` forms.

Axis order follows GDAL's convention: for the URN and http forms the EPSG axis order is
honoured (so a north-first CRS such as ETRS89/NTM or a geographic CRS is swapped to x/y); the
short ``EPSG:n`` form is read as x/y.

The file is parsed with :mod:`xml.etree.ElementTree`. Because ``defusedxml`` is not available,
any ``<!DOCTYPE``/``<!ENTITY`` declaration is refused (a plan never needs one, and entity
expansion is the classic XML denial-of-service).

Examples
--------
>>> plan = read_plan_gml("planforslag.gml")  # doctest: +SKIP
>>> plan[["objtype", "arealformal", "feltnavn"]]  # doctest: +SKIP
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from xml.parsers import expat

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError, ProjError
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from ..crs import ANALYSIS_CRS
from ..errors import DataError, DataWarning
from .sosi import arc_through_points

__all__ = ["read_plan_gml", "PLAN_FEATURES"]

#: Feature types returned, with the element that holds their land-use code.
PLAN_FEATURES: dict[str, str | None] = {
    "RpOmråde": None,
    "RpArealformålOmråde": "arealformål",
    "KpOmråde": None,
    "KpArealformålOmråde": "arealformål",
}

_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_DTD_RE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_EPSG_RE = re.compile(r"(?:EPSG(?::|::|/0/|:\d+(?:\.\d+)*:)|epsg\.xml#)(\d+)\s*$", re.IGNORECASE)
_GEOMETRY_TAGS = {"Polygon", "Surface", "MultiSurface", "CompositeSurface", "MultiPolygon"}
# Segments closer than this (in CRS units; metres for the plan CRSs) are joined without
# complaint. Plan GML writers round arc end points and line starts differently (1e-9 m).
_JOIN_TOLERANCE = 1e-3


@dataclass
class _Ctx:
    file: str
    ids: dict[str, ET.Element]
    feature: str = ""
    dim: int = 2  # srsDimension in force for the feature's geometry


def read_plan_gml(path: str | PathLike) -> gpd.GeoDataFrame:
    """Read ``RpOmråde`` and ``RpArealformålOmråde`` polygons from a Plan GML file.

    Parameters
    ----------
    path
        The ``.gml`` file.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``objtype`` (``"RpOmråde"``/``"RpArealformålOmråde"``), ``arealformal``
        (Int64, NA for ``RpOmråde``), ``feltnavn``, ``eierform``, ``gml_id``,
        ``planidentifikasjon`` and ``plannavn`` (from the file's ``Arealplan`` when it holds
        exactly one, else None), ``geometry`` (Polygon/MultiPolygon) in EPSG:25832. Repairs
        are listed in ``gdf.attrs["warnings"]``.

    Raises
    ------
    DataError
        For a file that is empty, not XML, has a DOCTYPE/ENTITY declaration, has no plan
        polygons, or has a polygon that cannot be read (unknown srsName, ring not closed,
        unresolved reference).

    Examples
    --------
    >>> plan = read_plan_gml("plan.gml")  # doctest: +SKIP
    >>> plan.crs.to_epsg()  # doctest: +SKIP
    25832
    """
    path = Path(path)
    file = path.name
    root = _parse(path)
    ctx = _Ctx(file=file, ids={})
    for el in root.iter():
        gid = _gml_id(el)
        if gid:
            ctx.ids[gid] = el
    default_srs = _default_srs(root)
    warnings: list[DataWarning] = []
    plan_id, plan_name = _arealplan(root)

    rows: list[dict[str, object]] = []
    for el in root.iter():
        objtype = _local(el.tag)
        if objtype not in PLAN_FEATURES:
            continue
        gid = _gml_id(el) or f"#{len(rows) + 1}"
        ctx.feature = f"{objtype} {gid}"
        geom_el, srs, ctx.dim = _find_geometry(el, default_srs, ctx)
        crs, swap = _crs(srs, ctx)
        geom = _surface(geom_el, ctx, swap)
        if not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            fixed = _polygonal(shapely.make_valid(geom))
            if fixed is None:
                raise DataError(
                    f"{ctx.feature}: the polygon is invalid ({reason})", file=file, field="område"
                )
            warnings.append(
                DataWarning(
                    f"{ctx.feature}: polygon was invalid ({reason}) and was repaired",
                    file=file,
                    field="område",
                )
            )
            geom = fixed
        code_el = PLAN_FEATURES[objtype]
        code: object = pd.NA
        if code_el is not None:
            raw = _child_text(el, code_el)
            # At most 9 digits: the code goes into an Int64 column (a 30-digit number would
            # overflow it, and int() refuses more than 4300 digits). Codes have 4 digits.
            if raw is not None and re.fullmatch(r"\s*\d{1,9}\s*", raw):
                code = int(raw)
            else:
                warnings.append(
                    DataWarning(
                        f"{ctx.feature} has no valid {code_el} ({raw!r})", file=file, field=code_el
                    )
                )
        rows.append(
            {
                "objtype": objtype,
                "arealformal": code,
                "feltnavn": _child_text(el, "feltnavn"),
                "eierform": _child_text(el, "eierform"),
                "gml_id": _gml_id(el),
                "planidentifikasjon": plan_id,
                "plannavn": plan_name,
                "geometry": geom,
                "_crs": crs,
            }
        )
    if not rows:
        raise DataError("has no plan polygons (no RpOmråde or RpArealformålOmråde)", file=file)

    parts = []
    for crs in {r["_crs"] for r in rows}:
        sub = [r for r in rows if r["_crs"] == crs]
        gdf = gpd.GeoDataFrame(
            pd.DataFrame(
                [{k: v for k, v in r.items() if k not in ("_crs", "geometry")} for r in sub]
            ),
            geometry=[r["geometry"] for r in sub],
            crs=crs,
        )
        try:
            parts.append(gdf.to_crs(ANALYSIS_CRS))
        except ProjError as exc:
            # A valid CRS with no path to EPSG:25832 (another celestial body, an engineering
            # CRS): pyproj cannot build the transformation.
            raise DataError(
                f"cannot reproject from {crs.name} to EPSG:25832 ({str(exc)[:120]})", file=file
            ) from None
    out = pd.concat(parts) if len(parts) > 1 else parts[0]
    out = gpd.GeoDataFrame(out, geometry="geometry", crs=ANALYSIS_CRS)
    # Rows keep file order within one CRS; several CRSs in one plan are exotic.
    out = out.reset_index(drop=True)
    out["arealformal"] = out["arealformal"].astype("Int64")
    cols = ["objtype", "arealformal", "feltnavn", "eierform", "gml_id"]
    cols += ["planidentifikasjon", "plannavn", "geometry"]
    out = out[cols]
    out.attrs["warnings"] = warnings
    return out


# --------------------------------------------------------------------------------------
# XML
# --------------------------------------------------------------------------------------


def _parse(path: Path) -> ET.Element:
    file = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror or exc}", file=file) from None
    except ValueError as exc:  # a NUL byte in the name (a path from a manifest, ...)
        raise DataError(f"cannot read the file: {exc}", file=file) from None
    if not raw.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise DataError("the file is empty", file=file)
    probe = raw
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        probe = raw.decode("utf-16", "replace").encode("utf-8", "replace")
    if _DTD_RE.search(probe):
        raise DataError(
            "has a DOCTYPE/ENTITY declaration; refused (plan GML never needs one, and entities "
            "can be used to attack the reader)",
            file=file,
        )

    def refuse(*_args: object) -> None:
        raise DataError("has a DOCTYPE/ENTITY declaration; refused", file=file)

    # Belt and braces: expat sees declarations in encodings the byte probe above missed.
    # (The C ElementTree parser does not expose expat's handlers, hence a separate scan.)
    scan = expat.ParserCreate()
    scan.StartDoctypeDeclHandler = refuse
    scan.EntityDeclHandler = refuse
    try:
        scan.Parse(raw, True)
        return ET.fromstring(raw)
    except (expat.ExpatError, ET.ParseError) as exc:
        raise DataError(f"is not well-formed XML ({exc})", file=file) from None
    except (LookupError, ValueError) as exc:
        # LookupError: <?xml encoding="..."?> names a codec Python does not know.
        # ValueError: expat refuses multi-byte declared encodings it cannot stream (utf-7).
        raise DataError(f"cannot be decoded ({exc})", file=file) from None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _gml_id(el: ET.Element) -> str | None:
    for key, value in el.attrib.items():
        if _local(key) == "id":
            return value
    return None


def _child_text(el: ET.Element, name: str) -> str | None:
    for child in el:
        if _local(child.tag) == name:
            text = (child.text or "").strip()
            return text or None
    return None


def _children(el: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) in names]


def _arealplan(root: ET.Element) -> tuple[str | None, str | None]:
    """Plan id and name of the file's ``Arealplan``, when it holds exactly one."""
    plans = [el for el in root.iter() if _local(el.tag) == "Arealplan"]
    if len(plans) != 1:
        return None, None
    plan_id = next(
        (
            (el.text or "").strip() or None
            for el in plans[0].iter()
            if _local(el.tag) == "planidentifikasjon"
        ),
        None,
    )
    return plan_id, _child_text(plans[0], "plannavn")


def _default_srs(root: ET.Element) -> str | None:
    for el in root.iter():
        if _local(el.tag) in ("Envelope", "boundedBy") and el.get("srsName"):
            return el.get("srsName")
        if _local(el.tag) == "featureMember" or _local(el.tag) == "featureMembers":
            break
    return None


def _find_geometry(
    feature: ET.Element, default_srs: str | None, ctx: _Ctx
) -> tuple[ET.Element, str | None, int]:
    """The surface of a feature (preferring its ``område`` property), srsName, srsDimension."""
    props = _children(feature, "område") or list(feature)
    for prop in props:
        for el, srs, dim in _walk_srs(prop, feature.get("srsName") or default_srs, 2):
            if _local(el.tag) in _GEOMETRY_TAGS:
                return el, srs, dim
        href = prop.get(_XLINK_HREF)
        if href and _local(prop.tag) == "område":
            target = _resolve(href, ctx, "område")
            if _local(target.tag) in _GEOMETRY_TAGS:
                return target, target.get("srsName") or default_srs, _srs_dimension(target, 2)
    raise DataError(f"{ctx.feature} has no polygon geometry", file=ctx.file, field="område")


def _walk_srs(el: ET.Element, srs: str | None, dim: int):
    """Depth-first over ``el`` yielding ``(element, srsName, srsDimension in force)``."""
    # An explicit stack, not recursion: expat parses elements nested thousands deep, and a
    # recursive walk of such a file would end in RecursionError instead of a DataError.
    stack = [(el, srs, dim)]
    while stack:
        node, srs, dim = stack.pop()
        srs = node.get("srsName") or srs
        dim = _srs_dimension(node, dim)
        yield node, srs, dim
        stack.extend((child, srs, dim) for child in reversed(node))


def _resolve(href: str, ctx: _Ctx, what: str) -> ET.Element:
    if not href.startswith("#"):
        raise DataError(
            f"{ctx.feature}: {what} refers to {href!r} outside this file; not supported",
            file=ctx.file,
            field=what,
        )
    target = ctx.ids.get(href[1:])
    if target is None:
        raise DataError(
            f"{ctx.feature}: {what} refers to {href!r}, which is not in the file",
            file=ctx.file,
            field=what,
        )
    return target


def _crs(srs: str | None, ctx: _Ctx) -> tuple[CRS, bool]:
    """``(CRS, swap axes)`` for an srsName."""
    if not srs:
        raise DataError(f"{ctx.feature}: no srsName, so the CRS is unknown", file=ctx.file)
    m = _EPSG_RE.search(srs.strip())
    try:
        crs = CRS.from_epsg(int(m.group(1))) if m else CRS.from_user_input(srs)
    except (CRSError, ValueError, OverflowError):
        raise DataError(f"{ctx.feature}: unknown srsName {srs!r}", file=ctx.file) from None
    uri_form = srs.lower().startswith(("urn:", "http"))
    swap = False
    if uri_form and crs.axis_info:
        swap = crs.axis_info[0].direction.lower() in ("north", "south")
    return crs, swap


# --------------------------------------------------------------------------------------
# geometry
# --------------------------------------------------------------------------------------


def _surface(el: ET.Element, ctx: _Ctx, swap: bool, depth: int = 0) -> BaseGeometry:
    if depth > 20:
        raise DataError(f"{ctx.feature}: references nest too deep", file=ctx.file, field="område")
    name = _local(el.tag)
    href = el.get(_XLINK_HREF)
    if href and len(el) == 0:
        return _surface(_resolve(href, ctx, "område"), ctx, swap, depth + 1)
    if name in ("Polygon", "PolygonPatch"):
        return _polygon(el, ctx, swap, depth)
    if name == "Surface":
        polys = [
            _polygon(p, ctx, swap, depth)
            for patches in _children(el, "patches")
            for p in _children(patches, "PolygonPatch", "Polygon")
        ]
        return _combine(polys, ctx)
    if name in ("MultiSurface", "CompositeSurface", "MultiPolygon"):
        polys: list[BaseGeometry] = []
        for member in _children(
            el, "surfaceMember", "surfaceMembers", "polygonMember", "polygonMembers"
        ):
            href = member.get(_XLINK_HREF)
            if href and len(member) == 0:
                polys.append(_surface(_resolve(href, ctx, "område"), ctx, swap, depth + 1))
            for child in member:
                polys.append(_surface(child, ctx, swap, depth + 1))
        return _combine(polys, ctx)
    raise DataError(
        f"{ctx.feature}: geometry gml:{name} is not supported", file=ctx.file, field="område"
    )


def _combine(polys: list[BaseGeometry], ctx: _Ctx) -> BaseGeometry:
    flat: list[Polygon] = []
    for p in polys:
        flat.extend(p.geoms if isinstance(p, MultiPolygon) else [p])
    if not flat:
        raise DataError(f"{ctx.feature}: empty surface", file=ctx.file, field="område")
    return flat[0] if len(flat) == 1 else MultiPolygon(flat)


def _polygon(el: ET.Element, ctx: _Ctx, swap: bool, depth: int) -> Polygon:
    ext = _children(el, "exterior", "outerBoundaryIs")
    if len(ext) != 1:
        raise DataError(
            f"{ctx.feature}: a polygon needs one exterior ring, has {len(ext)}",
            file=ctx.file,
            field="område",
        )
    shell = _ring_of(ext[0], ctx, swap, depth)
    holes = [_ring_of(i, ctx, swap, depth) for i in _children(el, "interior", "innerBoundaryIs")]
    try:
        return Polygon(shell, holes)
    except (ValueError, shapely.errors.GEOSException) as exc:
        raise DataError(
            f"{ctx.feature}: cannot build the polygon ({exc})", file=ctx.file, field="område"
        ) from None


def _ring_of(boundary: ET.Element, ctx: _Ctx, swap: bool, depth: int) -> np.ndarray:
    href = boundary.get(_XLINK_HREF)
    rings = list(boundary)
    if href and not rings:
        rings = [_resolve(href, ctx, "område")]
    if len(rings) != 1:
        raise DataError(
            f"{ctx.feature}: a polygon boundary needs one ring, has {len(rings)}",
            file=ctx.file,
            field="område",
        )
    ring = rings[0]
    name = _local(ring.tag)
    if name == "LinearRing":
        xy = _positions(ring, ctx, swap)
    elif name == "Ring":
        pieces = []
        for member in _children(ring, "curveMember"):
            curve_href = member.get(_XLINK_HREF)
            curves = list(member) or ([_resolve(curve_href, ctx, "område")] if curve_href else [])
            for curve in curves:
                pieces.append(_curve(curve, ctx, swap, depth + 1))
        xy = _join(pieces, ctx)
    else:
        raise DataError(
            f"{ctx.feature}: ring type gml:{name} is not supported", file=ctx.file, field="område"
        )
    if len(xy) < 4:
        raise DataError(
            f"{ctx.feature}: a ring needs at least 4 positions, has {len(xy)}",
            file=ctx.file,
            field="område",
        )
    gap = float(np.hypot(*(xy[0] - xy[-1])))
    if gap > _JOIN_TOLERANCE:
        raise DataError(
            f"{ctx.feature}: polygon ring is not closed (first and last position are "
            f"{gap:.3f} apart)",
            file=ctx.file,
            field="område",
        )
    xy = xy.copy()
    xy[-1] = xy[0]
    return xy


def _curve(el: ET.Element, ctx: _Ctx, swap: bool, depth: int) -> np.ndarray:
    if depth > 20:
        raise DataError(f"{ctx.feature}: references nest too deep", file=ctx.file, field="område")
    name = _local(el.tag)
    href = el.get(_XLINK_HREF)
    if href and len(el) == 0:
        return _curve(_resolve(href, ctx, "område"), ctx, swap, depth + 1)
    if name in ("LineString", "LineStringSegment"):
        return _positions(el, ctx, swap)
    if name in ("Arc", "ArcString"):
        xy = _positions(el, ctx, swap)
        if len(xy) < 3 or len(xy) % 2 == 0:
            raise DataError(
                f"{ctx.feature}: gml:{name} needs 3, 5, 7, ... positions, has {len(xy)}",
                file=ctx.file,
                field="område",
            )
        parts = [arc_through_points(xy[i], xy[i + 1], xy[i + 2]) for i in range(0, len(xy) - 2, 2)]
        return _join(parts, ctx)
    if name == "Curve":
        pieces = [
            _curve(seg, ctx, swap, depth + 1)
            for segments in _children(el, "segments")
            for seg in segments
        ]
        return _join(pieces, ctx)
    raise DataError(
        f"{ctx.feature}: curve type gml:{name} is not supported", file=ctx.file, field="område"
    )


def _join(pieces: list[np.ndarray], ctx: _Ctx) -> np.ndarray:
    if not pieces:
        raise DataError(f"{ctx.feature}: empty ring", file=ctx.file, field="område")
    out = [pieces[0]]
    for piece in pieces[1:]:
        gap = float(np.hypot(*(out[-1][-1] - piece[0])))
        if gap > _JOIN_TOLERANCE:
            raise DataError(
                f"{ctx.feature}: ring segments do not connect (gap {gap:.3f})",
                file=ctx.file,
                field="område",
            )
        out.append(piece[1:])
    return np.concatenate(out)


def _positions(el: ET.Element, ctx: _Ctx, swap: bool) -> np.ndarray:
    """Coordinates of a LinearRing/LineString/segment from posList, pos or coordinates."""
    dim = _srs_dimension(el, ctx.dim)
    pos_list = _children(el, "posList")
    values: list[str] = []
    if pos_list:
        dim = _srs_dimension(pos_list[0], dim)
        values = (pos_list[0].text or "").split()
    elif _children(el, "pos", "pointProperty"):
        pts = []
        for p in _children(el, "pos"):
            vals = (p.text or "").split()
            pts.append(vals[:2])
        values = [v for p in pts for v in p]
        dim = 2
    elif _children(el, "coordinates"):  # GML 2: "x,y x,y"
        text = _children(el, "coordinates")[0].text or ""
        values = [v for tup in text.split() for v in tup.split(",")[:2]]
        dim = 2
    if dim not in (2, 3):
        raise DataError(
            f"{ctx.feature}: srsDimension {dim} is not supported", file=ctx.file, field="område"
        )
    try:
        arr = np.array(values, dtype=np.float64)
    except ValueError:
        raise DataError(
            f"{ctx.feature}: a position is not a number", file=ctx.file, field="område"
        ) from None
    if arr.size == 0 or arr.size % dim or not np.isfinite(arr).all():
        raise DataError(
            f"{ctx.feature}: bad coordinate list ({arr.size} numbers, dimension {dim})",
            file=ctx.file,
            field="område",
        )
    xy = arr.reshape(-1, dim)[:, :2]
    return xy[:, ::-1].copy() if swap else xy


def _srs_dimension(el: ET.Element, default: int) -> int:
    value = el.get("srsDimension")
    # ASCII digits only (str.isdigit also accepts "²", which int() refuses), and few of them:
    # int() raises ValueError beyond 4300 digits. A long number is as unsupported as 4 (-> 0).
    if value and re.fullmatch(r"\s*[0-9]+\s*", value):
        return int(value) if len(value.strip()) <= 6 else 0
    return default


def _polygonal(geom: BaseGeometry) -> BaseGeometry | None:
    if isinstance(geom, (Polygon, MultiPolygon)):
        return None if geom.is_empty else geom
    polys = [g for g in getattr(geom, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    if not polys:
        return None
    u = shapely.union_all(polys)
    return None if u.is_empty else u
