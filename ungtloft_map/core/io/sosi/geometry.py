"""SOSI geometry: coordinates (``..NØ``/``..NØH``), curves and arcs (``.KURVE``, ``.BUEP``),
surfaces from ``..REF`` (``.FLATE``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from .header import _Transform
from .parser import _int64, _Obj, _ObjectError, _Warnings

_REF_RE = re.compile(r":?([+-]?\d+)")
_POINT_KINDS = {"PUNKT", "SVERM", "TEKST"}
_CURVE_KINDS = {"KURVE", "LINJE", "BUEP", "SIRKELP"}
_NO_GEOMETRY_KINDS = {"OBJEKT"}


def arc_through_points(
    p1: Sequence[float], p2: Sequence[float], p3: Sequence[float], *, segments: int = 32
) -> np.ndarray:
    """Approximate the circular arc from ``p1`` through ``p2`` to ``p3`` by a polyline.

    The start, middle and end points are kept exactly (so arcs chain into rings without
    gaps); the other vertices lie on the circle. Collinear points give the straight line.

    Parameters
    ----------
    p1, p2, p3
        ``(x, y)`` points on the arc, in order.
    segments
        Segments for a half circle; shorter arcs get proportionally fewer, but never fewer
        than 16 in all.

    Returns
    -------
    numpy.ndarray
        ``(n, 2)`` array from ``p1`` to ``p3``.

    Examples
    --------
    >>> xy = arc_through_points((1, 0), (0, 1), (-1, 0))
    >>> bool(np.allclose(np.hypot(xy[:, 0], xy[:, 1]), 1.0))
    True
    """
    a = np.asarray(p1, dtype=float)[:2]
    b = np.asarray(p2, dtype=float)[:2]
    c = np.asarray(p3, dtype=float)[:2]
    centre = _circumcentre(a, b, c)
    if centre is None:
        return np.array([a, b, c])
    ang = [math.atan2(p[1] - centre[1], p[0] - centre[0]) for p in (a, b, c)]
    # Orientation of a->b->c decides the sweep direction (counter-clockwise if positive).
    ccw = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) > 0
    sweep1 = _sweep(ang[0], ang[1], ccw)
    sweep2 = _sweep(ang[1], ang[2], ccw)
    radius = float(np.hypot(*(a - centre)))
    half_segments = max(8, segments)
    n1 = max(8, math.ceil(abs(sweep1) / math.pi * half_segments))
    n2 = max(8, math.ceil(abs(sweep2) / math.pi * half_segments))
    t1 = ang[0] + sweep1 * np.arange(1, n1) / n1
    t2 = ang[1] + sweep2 * np.arange(1, n2) / n2
    mid1 = centre + radius * np.column_stack([np.cos(t1), np.sin(t1)])
    mid2 = centre + radius * np.column_stack([np.cos(t2), np.sin(t2)])
    return np.vstack([a, mid1, b, mid2, c])


def _coords(
    obj: _Obj, tf: _Transform, *, last: bool, truncated: bool, warn: _Warnings
) -> np.ndarray:
    """All ``..NØ``/``..NØH`` blocks of an object as an ``(n, 2)`` array of (x=E, y=N)."""
    parts = []
    for i, (dim, tokens, line) in enumerate(obj.coords):
        if not tokens:
            continue
        try:
            arr = np.array(tokens, dtype=np.float64)
        except ValueError:
            bad = next(t for t in tokens if not _is_number(t))
            raise _ObjectError(
                f"bad coordinate {bad[:30]!r} in ..NØ on line {line}", field="NØ"
            ) from None
        if not np.isfinite(arr).all():
            raise _ObjectError(f"non-finite coordinate in ..NØ on line {line}", field="NØ")
        if arr.size % dim:
            if last and truncated and i == len(obj.coords) - 1:
                warn.add(
                    "truncated",
                    f"{obj.label}: the last coordinate is incomplete (file "
                    "truncated) and was dropped",
                    field="NØ",
                )
                arr = arr[: arr.size - arr.size % dim]
            else:
                raise _ObjectError(
                    f"..NØ{'H' if dim == 3 else ''} on line {line} has {arr.size} numbers, "
                    f"not a multiple of {dim}",
                    field="NØ",
                )
        arr = arr.reshape(-1, dim)
        parts.append(arr)
    if not parts:
        return np.empty((0, 2))
    nn = np.concatenate(parts) if len(parts) > 1 else parts[0]
    with np.errstate(over="ignore"):
        xy = tf.apply(nn[:, 0], nn[:, 1])
    if not np.isfinite(xy).all():  # finite numbers, but ENHET/ORIGO-NØ scale them past 1e308
        line = obj.coords[0][2]
        raise _ObjectError(f"coordinates beyond range after ENHET/ORIGO-NØ (..NØ on line {line})",
                           field="NØ")
    return xy


def _is_number(tok: str) -> bool:
    try:
        float(tok)
    except ValueError:
        return False
    return True


def _curve_coords(obj: _Obj, xy: np.ndarray) -> np.ndarray:
    kind = obj.kind
    if kind in ("KURVE", "LINJE"):
        if len(xy) < 2:
            raise _ObjectError(f"a {kind} needs at least 2 coordinates, has {len(xy)}", field="NØ")
        return xy
    if len(xy) != 3:
        raise _ObjectError(f"a {kind} needs exactly 3 coordinates, has {len(xy)}", field="NØ")
    if kind == "BUEP":
        return arc_through_points(xy[0], xy[1], xy[2])
    # SIRKELP: full circle through 3 points, closed at the first point
    centre = _circumcentre(xy[0], xy[1], xy[2])
    if centre is None:
        raise _ObjectError("the 3 points of the SIRKELP are on a line", field="NØ")
    r = float(np.hypot(*(xy[0] - centre)))
    a0 = math.atan2(xy[0][1] - centre[1], xy[0][0] - centre[0])
    t = a0 + 2 * math.pi * np.arange(0, 65) / 64
    ring = centre + r * np.column_stack([np.cos(t), np.sin(t)])
    ring[0] = ring[-1] = xy[0]
    return ring


def _circumcentre(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray | None:
    # Work relative to a so that UTM-sized coordinates do not eat the precision.
    bx, by = b[0] - a[0], b[1] - a[1]
    cx, cy = c[0] - a[0], c[1] - a[1]
    # Points ~1e154 apart overflow the squares (inf, then NaN): no usable centre, and a NaN
    # centre would end in math.ceil(nan) (ValueError) in arc_through_points.
    with np.errstate(over="ignore", invalid="ignore"):
        d = 2 * (bx * cy - by * cx)
        scale = max(bx * bx + by * by, cx * cx + cy * cy)
        if not (math.isfinite(d) and math.isfinite(scale)):
            return None
        if scale == 0 or abs(d) <= 1e-12 * scale:
            return None
        ux = (cy * (bx * bx + by * by) - by * (cx * cx + cy * cy)) / d
        uy = (bx * (cx * cx + cy * cy) - cx * (bx * bx + by * by)) / d
    centre = np.array([a[0] + ux, a[1] + uy])
    return centre if np.isfinite(centre).all() else None


def _sweep(a0: float, a1: float, ccw: bool) -> float:
    d = (a1 - a0) % (2 * math.pi)
    return d if ccw else d - 2 * math.pi if d else 0.0


def _parse_ref(obj: _Obj) -> list[list[tuple[int, bool]]]:
    """``..REF`` tokens -> rings, each a list of ``(curve id, reversed)``; ring 0 is outer."""
    rings: list[list[tuple[int, bool]]] = [[]]
    in_hole = False
    for tok in obj.ref:
        if tok == "(":
            if in_hole:
                raise _ObjectError("nested '(' in ..REF", field="REF")
            in_hole = True
            rings.append([])
        elif tok == ")":
            if not in_hole:
                raise _ObjectError("')' without '(' in ..REF", field="REF")
            in_hole = False
        else:
            m = _REF_RE.fullmatch(tok)
            n = _int64(m.group(1)) if m is not None else None
            if n is None:
                raise _ObjectError(f"bad reference {tok[:20]!r} in ..REF", field="REF")
            rings[-1].append((abs(n), n < 0))
    if in_hole:
        raise _ObjectError("'(' without ')' in ..REF", field="REF")
    rings = [rings[0]] + [r for r in rings[1:] if r]
    if not rings[0]:
        raise _ObjectError("..REF has no outer boundary", field="REF")
    return rings


def _chain(
    refs: list[tuple[int, bool]], curves: dict[int, np.ndarray], tol: float, what: str
) -> list[np.ndarray]:
    """Chain the referenced curves into closed rings (usually one)."""
    rings: list[np.ndarray] = []
    pieces: list[np.ndarray] = []

    def close(p: np.ndarray, q: np.ndarray) -> bool:
        return abs(p[0] - q[0]) <= tol and abs(p[1] - q[1]) <= tol

    for cid, rev in refs:
        c = curves.get(cid)
        if c is None:
            raise _ObjectError(
                f"..REF :{'-' if rev else ''}{cid} refers to a curve that is not in the file",
                field="REF",
            )
        seg = c[::-1] if rev else c
        if pieces:
            end = pieces[-1][-1]
            if close(end, seg[0]):
                pass
            elif close(end, seg[-1]):
                seg = seg[::-1]  # sign wrong in the file; the geometry is still clear
            elif len(pieces) == 1 and close(pieces[0][0], seg[0]):
                pieces[0] = pieces[0][::-1]
            elif len(pieces) == 1 and close(pieces[0][0], seg[-1]):
                pieces[0] = pieces[0][::-1]
                seg = seg[::-1]
            else:
                raise _ObjectError(
                    f"{what}: curve :{cid} does not connect to the curve before it "
                    f"(gap at {end[0]:.2f}, {end[1]:.2f})",
                    field="REF",
                )
            pieces.append(seg[1:])
        else:
            pieces.append(seg)
        ring = np.concatenate(pieces)
        if len(ring) >= 4 and close(ring[0], ring[-1]):
            ring[-1] = ring[0]
            rings.append(ring)
            pieces = []
    if pieces:
        ring = np.concatenate(pieces)
        raise _ObjectError(
            f"{what} does not close (starts at {ring[0][0]:.2f}, {ring[0][1]:.2f}, ends at "
            f"{ring[-1][0]:.2f}, {ring[-1][1]:.2f})",
            field="REF",
        )
    return rings


def _flate_geometry(
    obj: _Obj, curves: dict[int, np.ndarray], tol: float, warn: _Warnings
) -> BaseGeometry:
    rings = _parse_ref(obj)
    shells = _chain(rings[0], curves, tol, "the outer ring")
    holes: list[np.ndarray] = []
    for i, hole_refs in enumerate(rings[1:], 1):
        holes.extend(_chain(hole_refs, curves, tol, f"island {i}"))
    try:
        if len(shells) == 1:
            geom: BaseGeometry = Polygon(shells[0], holes)
        else:
            geom = shapely.union_all([Polygon(s) for s in shells])
            if holes:
                geom = geom.difference(shapely.union_all([Polygon(h) for h in holes]))
    except (ValueError, shapely.errors.GEOSException) as exc:
        raise _ObjectError(f"cannot build the polygon: {exc}", field="REF") from None
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        fixed = _polygonal(shapely.make_valid(geom))
        if fixed is None:
            raise _ObjectError(
                f"the polygon is invalid ({reason}) and cannot be repaired", field="REF"
            )
        warn.add(
            "invalid",
            f"{obj.label}: polygon was invalid ({reason}) and was repaired with make_valid",
            field="REF",
        )
        geom = fixed
    if geom.is_empty:
        raise _ObjectError("the polygon is empty", field="REF")
    return geom


def _polygonal(geom: BaseGeometry) -> BaseGeometry | None:
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom if not geom.is_empty else None
    polys = [g for g in getattr(geom, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    if not polys:
        return None
    u = shapely.union_all(polys)
    return u if not u.is_empty else None
