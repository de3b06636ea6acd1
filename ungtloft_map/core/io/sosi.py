"""Read SOSI files (the Norwegian exchange format for map data), written from the standard.

Two public readers:

* :func:`read_sosi` reads every object of a SOSI file into a GeoDataFrame (one row per
  ``.PUNKT``/``.KURVE``/``.BUEP``/``.FLATE``/``.TEKST``/... object) and reports the character
  set, the CRS and everything it repaired or skipped.
* :func:`read_sosi_plan` picks the plan polygons (``RpOmråde`` and ``RpArealformålOmråde``)
  out of a SOSI regulation plan and returns them in EPSG:25832.

What the reader supports (details in ``docs/SOSI.md``):

* ``.HODE`` with ``..TEGNSETT`` (UTF-8, ISO8859-1, ISO8859-10, ANSI, DOSN8, ND7, DECN7), a
  UTF-8 byte order mark before ``.HODE`` and a declared charset that disagrees with the bytes
  (the bytes win; a :class:`DataWarning` says so).
* ``..TRANSPAR`` (or SOSI 3/4 style directly under ``.HODE``) with ``...KOORDSYS``,
  ``...ORIGO-NØ`` and ``...ENHET``.
* ``..NØ`` / ``..NØH`` coordinate lists over any number of lines, ``...KP`` and other
  point-level elements after a coordinate (skipped), ``..REF`` with signed references and
  islands in parentheses, 3-point arcs (``.BUEP``, ``.SIRKELP``), quoted strings, groups
  (``..KOPIDATA`` / ``...OMRÅDEID`` become a column ``KOPIDATA.OMRÅDEID``), repeated
  attributes (a list in the cell), ``!`` comments and a missing ``.SLUTT``.

Error policy
------------
Problems with the file as a whole (not SOSI, empty, unknown ``KOORDSYS``, bad ``ENHET``)
raise :class:`~ungtloft_map.core.errors.DataError`. A problem with one object (a ``..REF`` to
a missing curve, a ring that does not close, a bad coordinate) skips that object with a
:class:`~ungtloft_map.core.errors.DataWarning` naming the object (``.FLATE 12``) and the field
(``REF``), because one broken lake should not stop a map from loading. ``strict=True`` turns
those into a :class:`DataError`; :func:`read_sosi_plan` is always strict for plan polygons,
since a plan whose area cannot be built must not be used for analysis.

Examples
--------
The demo's SOSI regulation plan:

>>> from ungtloft_map.paths import demo_dir
>>> res = read_sosi(demo_dir() / "plans" / "plan_b_park.sos")
>>> res
SosiResult('plan_b_park.sos', 6 features: 3 FLATE, 3 KURVE; EPSG:25832; charset UTF-8; 0 warnings)
>>> res.features["objtype"].tolist()[:3]
['RpOmråde', 'RpArealformålOmråde', 'RpArealformålOmråde']
>>> plan = read_sosi_plan(demo_dir() / "plans" / "plan_b_park.sos")
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from shapely.geometry import LineString, MultiPoint, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from ..crs import ANALYSIS_CRS
from ..errors import DataError, DataWarning

__all__ = [
    "SosiResult",
    "read_sosi",
    "read_sosi_plan",
    "arc_through_points",
    "KOORDSYS_EPSG",
    "PLAN_OBJTYPES",
]

# SOSI KOORDSYS codes (SOSI Del 1, "Realisering i SOSI-format", code list KOORDSYS) -> EPSG.
# EUREF89 is realised as ETRS89 in EPSG, so 21..26 are the ETRS89/UTM codes (2583x), not the
# WGS84/UTM ones (326xx) that some readers use; the difference is below a metre but the app
# must say ETRS89 to match the other layers.
KOORDSYS_EPSG: dict[int, int] = {
    **{i: 27390 + i for i in range(1, 9)},  # NGO1948 Gauss-Krüger akse I..VIII
    9: 4273,  # NGO1948 geographic
    **{20 + z: 25830 + z for z in range(1, 7)},  # 21..26 EUREF89 UTM zone 31..36
    **{z: 23000 + z for z in range(31, 37)},  # 31..36 ED50 UTM zone 31..36
    50: 4230,  # ED50 geographic
    72: 4322,  # WGS72 geographic
    84: 4258,  # EUREF89 geographic (ETRS89)
    87: 4231,  # ED87 geographic
    # 105..130: EUREF89 NTM zone 5..30 (used by Norwegian municipalities, e.g. Trondheim NTM 10)
    **{100 + z: 5100 + z for z in range(5, 31)},
}

#: Object types that :func:`read_sosi_plan` returns, with the attribute holding the land use.
PLAN_OBJTYPES: dict[str, str | None] = {
    "RpOmråde": None,
    "RpArealformålOmråde": "RPAREALFORMÅL",
    "KpOmråde": None,
    "KpArealformålOmråde": "KPAREALFORMÅL",
}

_UTF8_BOM = b"\xef\xbb\xbf"
# ND7/DECN7 are 7-bit national variants of ASCII: these six code points carry ÆØÅæøå.
_ND7_TABLE = str.maketrans({"[": "Æ", "\\": "Ø", "]": "Å", "{": "æ", "|": "ø", "}": "å"})
# normalised TEGNSETT value -> (name we report, Python codec or None for the 7-bit variants)
_CHARSETS: dict[str, tuple[str, str | None]] = {
    "UTF8": ("UTF-8", "utf-8"),
    "ISO88591": ("ISO8859-1", "latin-1"),
    "ISO885910": ("ISO8859-10", "iso8859_10"),
    "ISO885915": ("ISO8859-15", "iso8859_15"),
    "ANSI": ("ANSI", "cp1252"),
    "DOSN8": ("DOSN8", "cp865"),  # MS-DOS Nordic code page: Æ=146 Ø=157 Å=143 æ=145 ø=155 å=134
    "ND7": ("ND7", None),
    "DECN7": ("DECN7", None),
}
_TEGNSETT_RE = re.compile(rb"\.\.TEGNSETT[ \t]+[\"']?([^\s\"'!]+)")
# A value token: a quoted string (possibly unterminated: then it runs to the end of the line)
# or a bare word. Quotes only open a string at the start of a token, so O'Neil stays one word.
_TOKEN_RE = re.compile(r"\"([^\"]*)(?:\"|$)|'([^']*)(?:'|$)|(\S+)")
# An element name: one or more dots followed by something that is not a digit, so that a
# decimal number such as ".5" is never taken for an element.
_ELEMENT_RE = re.compile(r"(\.+)([^\s.\d][^\s]*)")
_INT_RE = re.compile(r"[+-]?(?:0|[1-9]\d*)")
_FLOAT_RE = re.compile(r"[+-]?(?:0|[1-9]\d*)\.\d+")
_REF_RE = re.compile(r":?([+-]?\d+)")

_POINT_KINDS = {"PUNKT", "SVERM", "TEKST"}
_CURVE_KINDS = {"KURVE", "LINJE", "BUEP", "SIRKELP"}
_NO_GEOMETRY_KINDS = {"OBJEKT"}
_COORD_DIMS = {"NØ": 2, "NØH": 3, "NØD": 3}
_MAX_WARNINGS_PER_KIND = 10


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


# --------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------
# reading: bytes -> text
# --------------------------------------------------------------------------------------


def _norm_charset(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name).upper()


def _decode(raw: bytes, warn: _Warnings) -> tuple[str, str | None, str]:
    """Decode the file bytes; returns ``(text, declared, used)``.

    The bytes win over the header: files are often re-encoded to UTF-8 by tools that leave
    ``..TEGNSETT`` alone, and decoding them with the declared 8-bit charset would turn every
    æ into two wrong letters.
    """
    has_bom = raw.startswith(_UTF8_BOM)
    if has_bom:
        raw = raw[len(_UTF8_BOM) :]
    m = _TEGNSETT_RE.search(raw, 0, 200_000)
    declared = m.group(1).decode("ascii", "replace") if m else None
    known = _CHARSETS.get(_norm_charset(declared)) if declared else None
    try:
        utf8_text: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        utf8_text = None
    ascii_only = raw.isascii()

    if has_bom:
        if utf8_text is None:
            warn.add(
                "bom",
                "starts with a UTF-8 byte order mark but is not valid UTF-8; read as ISO8859-10",
                field="TEGNSETT",
            )
            return raw.decode("iso8859_10"), declared, "ISO8859-10"
        if known is None or known[0] != "UTF-8":
            warn.add(
                "charset",
                f"declares TEGNSETT {declared} but starts with a UTF-8 byte "
                "order mark; read as UTF-8",
                field="TEGNSETT",
            )
        return utf8_text, declared, "UTF-8"

    if known is None:
        if declared is None:
            msg = "has no ..TEGNSETT in .HODE"
        else:
            msg = f"has an unknown TEGNSETT {declared}"
        guess = "UTF-8" if utf8_text is not None else "ISO8859-10"
        if not ascii_only:
            warn.add("charset", f"{msg}; read as {guess}", field="TEGNSETT")
        if utf8_text is not None:
            return utf8_text, declared, "UTF-8"
        return raw.decode("iso8859_10"), declared, "ISO8859-10"

    name, codec = known
    if name == "UTF-8":
        if utf8_text is not None:
            return utf8_text, declared, name
        warn.add(
            "charset",
            "declares TEGNSETT UTF-8 but the bytes are not valid UTF-8; read as ISO8859-10",
            field="TEGNSETT",
        )
        return raw.decode("iso8859_10"), declared, "ISO8859-10"
    if not ascii_only and utf8_text is not None:
        # Non-ASCII bytes that form valid UTF-8 are practically never 8-bit text.
        warn.add(
            "charset",
            f"declares TEGNSETT {declared} but the bytes are UTF-8; read as UTF-8",
            field="TEGNSETT",
        )
        return utf8_text, declared, "UTF-8"
    if codec is None:  # ND7 / DECN7
        if not ascii_only:
            warn.add(
                "charset",
                f"declares 7-bit TEGNSETT {declared} but has 8-bit bytes; read as ISO8859-10",
                field="TEGNSETT",
            )
            return raw.decode("iso8859_10"), declared, "ISO8859-10"
        return raw.decode("ascii").translate(_ND7_TABLE), declared, name
    try:
        return raw.decode(codec), declared, name
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; ISO8859-1 is what ANSI means in SOSI anyway.
        return raw.decode("latin-1"), declared, name


# --------------------------------------------------------------------------------------
# reading: text -> objects
# --------------------------------------------------------------------------------------


class _Warnings:
    """Collects DataWarnings, at most a few per kind, so a file with 3000 similar problems
    gives a readable list plus a count."""

    def __init__(self, file: str):
        self.file = file
        self.items: list[DataWarning] = []
        self.counts: Counter[str] = Counter()

    def add(self, kind: str, message: str, *, field: str | None = None) -> None:
        self.counts[kind] += 1
        if self.counts[kind] <= _MAX_WARNINGS_PER_KIND:
            self.items.append(DataWarning(message, file=self.file, field=field))

    def finish(self) -> list[DataWarning]:
        out = list(self.items)
        for kind, n in self.counts.items():
            if n > _MAX_WARNINGS_PER_KIND:
                out.append(
                    DataWarning(
                        f"{n - _MAX_WARNINGS_PER_KIND} more warnings of the same kind ({kind})",
                        file=self.file,
                    )
                )
        return out


@dataclass
class _Obj:
    kind: str
    sosi_id: int | None
    label: str
    line: int
    attrs: dict[str, list[list[str]]] = field(default_factory=dict)
    coords: list[tuple[int, list[str], int]] = field(default_factory=list)  # (dim, tokens, line)
    ref: list[str] = field(default_factory=list)
    ref_line: int = 0

    @property
    def objtype(self) -> str | None:
        v = self.attrs.get("OBJTYPE")
        return v[0][0] if v and v[0] else None


class _ObjectError(Exception):
    """One object cannot be built; becomes a warning or (strict) a DataError."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class _Parsed:
    header: dict[str, list[str]]
    objects: list[_Obj]
    ended: bool  # .SLUTT seen


def _strip_comment(line: str) -> str:
    """Cut a ``!`` comment, but not a ``!`` inside a quoted string."""
    quote = ""
    prev = " "
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'" and prev in " \t":
            quote = ch
        elif ch == "!":
            return line[:i]
        prev = ch
    return line


def _tokens(text: str) -> list[str]:
    if '"' not in text and "'" not in text:  # the common case, and much faster
        return text.split()
    return [
        m.group(1)
        if m.group(1) is not None
        else m.group(2)
        if m.group(2) is not None
        else m.group(3)
        for m in _TOKEN_RE.finditer(text)
    ]


def _split_elements(line: str) -> list[tuple[int, str, str]]:
    """Split a line that starts with a dot into ``(level, name, rest)`` elements.

    Several elements may share a line (``674759383 47234049 ...KP 1`` or
    ``..OBJTYPE Skog ..KVALITET 64``); an element starts at a dotted word that is not inside
    quotes.
    """
    out: list[tuple[int, str, str]] = []
    if " ." not in line and "\t." not in line:
        m = _ELEMENT_RE.match(line)
        if m is None:
            return [(0, "", line)]
        return [(len(m.group(1)), m.group(2), line[m.end() :].strip())]
    starts: list[int] = []
    for m in _TOKEN_RE.finditer(line):
        if m.group(3) is not None and _ELEMENT_RE.fullmatch(m.group(3)):
            starts.append(m.start())
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(line)
        piece = line[s:e].strip()
        m = _ELEMENT_RE.match(piece)
        if m is None:
            out.append((0, "", piece))
        else:
            out.append((len(m.group(1)), m.group(2), piece[m.end() :].strip()))
    return out


def _parse_text(text: str, warn: _Warnings, file: str) -> _Parsed:
    """One pass over the lines; builds raw objects (tokens only, no geometry yet)."""
    header: dict[str, list[str]] = {}
    objects: list[_Obj] = []
    ended = False
    seen_hode = False
    obj: _Obj | None = None
    in_header = False
    # What continuation lines (lines not starting with a dot) belong to:
    mode = ""  # "coord", "ref", "attr", "header", ""
    coord_tokens: list[str] = []
    attr_tokens: list[str] = []
    stack: list[str] = ["", "", ""]  # element names by level, for GROUP.SUB keys

    for lineno, raw in enumerate(text.split("\n"), 1):
        line = _strip_comment(raw) if "!" in raw else raw
        line = line.strip()
        if not line:
            continue
        if line[0] != ".":
            if mode == "coord":
                if " ." in line or "\t." in line:  # point-level info such as "...KP 1"
                    parts = _split_elements(line)
                    line = parts[0][2] if parts[0][0] == 0 else ""
                coord_tokens.extend(line.split())
            elif mode == "ref":
                obj.ref.extend(line.replace("(", " ( ").replace(")", " ) ").split())  # type: ignore[union-attr]
            elif mode in ("attr", "header"):
                attr_tokens.extend(_tokens(line))
            elif not seen_hode:
                raise DataError(
                    f"not a SOSI file: expected .HODE, found {line[:40]!r} on line {lineno}",
                    file=file,
                )
            elif obj is not None:
                warn.add(
                    "stray", f"{obj.label}: unexpected text {line[:40]!r} on line {lineno} ignored"
                )
            continue

        for level, name, rest in _split_elements(line):
            if level == 0:  # text before the first element on a dotted line: cannot happen
                continue
            if level == 1:
                mode = ""
                obj = None
                in_header = False
                key = name.upper()
                if key == "HODE":
                    if seen_hode:
                        warn.add("hode", f"a second .HODE on line {lineno} was ignored")
                        mode = "skip"
                        continue
                    seen_hode = True
                    in_header = True
                    continue
                if not seen_hode:
                    raise DataError(
                        f"not a SOSI file: expected .HODE, found .{name} on line {lineno}",
                        file=file,
                    )
                if key == "SLUTT":
                    ended = True
                    break
                sid = _parse_id(rest)
                label = f".{key} {sid}" if sid is not None else f".{key} (line {lineno})"
                if rest and sid is None:
                    warn.add(
                        "id", f".{key} on line {lineno} has no valid serial number ({rest[:20]!r})"
                    )
                obj = _Obj(kind=key, sosi_id=sid, label=label, line=lineno)
                objects.append(obj)
                continue
            if ended:
                break
            if not seen_hode:
                raise DataError(
                    f"not a SOSI file: expected .HODE, found {'.' * level}{name} on line {lineno}",
                    file=file,
                )
            if mode == "skip" and obj is None and not in_header:
                continue
            if level == 2:
                stack = ["", "", name]
            elif len(stack) > level:
                stack = stack[:level] + [name]
            else:
                stack = stack + [""] * (level - len(stack)) + [name]

            if in_header:
                attr_tokens = _tokens(rest)
                header[".".join(s for s in stack[2:] if s)] = attr_tokens
                mode = "header"
                continue
            if obj is None:  # element after a skipped second .HODE
                continue
            upper = name.upper()
            if level == 2 and upper in _COORD_DIMS:
                coord_tokens = rest.split() if rest else []
                obj.coords.append((_COORD_DIMS[upper], coord_tokens, lineno))
                mode = "coord"
            elif level == 2 and upper == "REF":
                obj.ref.extend(rest.replace("(", " ( ").replace(")", " ) ").split())
                obj.ref_line = obj.ref_line or lineno
                mode = "ref"
            elif level >= 3 and mode == "coord":
                # point-level information after a coordinate (...KP node marker, ...KVALITET)
                continue
            else:
                attr_tokens = _tokens(rest)
                obj.attrs.setdefault(".".join(s for s in stack[2:] if s), []).append(attr_tokens)
                mode = "attr"
        if ended:
            break

    if not seen_hode:
        raise DataError("not a SOSI file: no .HODE", file=file)
    return _Parsed(header={k: v for k, v in header.items()}, objects=objects, ended=ended)


def _parse_id(rest: str) -> int | None:
    tok = rest.split()[0] if rest.split() else ""
    tok = tok.rstrip(":")
    if _INT_RE.fullmatch(tok):
        return _int64(tok)  # out of range: reported like any other bad serial number
    return None


def _int64(tok: str) -> int | None:
    """``int(tok)`` for a string of digits when it fits in an int64, else None.

    Serial numbers and attribute values end in pandas ``Int64`` columns, which overflow beyond
    int64; and ``int()`` itself raises ValueError for strings of more than 4300 digits, so the
    length is tested first (an int64 has at most 19 digits plus a sign).
    """
    tok = tok.strip()
    if len(tok) > 20:
        return None
    value = int(tok)
    return value if -(2**63) <= value < 2**63 else None


# --------------------------------------------------------------------------------------
# header -> coordinate system
# --------------------------------------------------------------------------------------


@dataclass
class _Transform:
    crs: CRS
    scale: float  # 1/ENHET when that is an integer (exact division), else 0
    enhet: float
    origo_n: float
    origo_e: float

    def apply(self, n: np.ndarray, e: np.ndarray) -> np.ndarray:
        # Dividing by an integer 100 is correctly rounded; multiplying by 0.01 is not, and
        # then shared nodes of two curves could differ in the last bit.
        if self.scale:
            x = e / self.scale + self.origo_e
            y = n / self.scale + self.origo_n
        else:
            x = e * self.enhet + self.origo_e
            y = n * self.enhet + self.origo_n
        return np.column_stack([x, y])

    @property
    def tolerance(self) -> float:
        return self.enhet / 2


def _header_value(header: dict[str, list[str]], name: str) -> list[str] | None:
    for key, value in header.items():
        if key.rsplit(".", 1)[-1].upper() == name:
            return value
    return None


def _transform(header: dict[str, list[str]], file: str) -> _Transform:
    ks = _header_value(header, "KOORDSYS")
    if ks is None:
        if _header_value(header, "GEOSYS") is not None:
            raise DataError(
                "GEOSYS coordinates are not supported; need ..TRANSPAR ...KOORDSYS",
                file=file,
                field="GEOSYS",
            )
        raise DataError(
            "has no ...KOORDSYS in .HODE, so its coordinates cannot be placed",
            file=file,
            field="KOORDSYS",
        )
    if len(ks) < 1 or not _INT_RE.fullmatch(ks[0]):
        raise DataError(f"KOORDSYS {' '.join(ks)!r} is not a number", file=file, field="KOORDSYS")
    code = _int64(ks[0])
    if code not in KOORDSYS_EPSG:
        raise DataError(f"unknown KOORDSYS {ks[0][:30]}", file=file, field="KOORDSYS")
    crs = CRS.from_epsg(KOORDSYS_EPSG[code])

    en = _header_value(header, "ENHET")
    enhet = 1.0
    if en is not None:
        enhet = _finite_float(en[0] if en else "", "ENHET", file)
        if enhet <= 0:
            raise DataError(f"ENHET {enhet} must be positive", file=file, field="ENHET")
    og = _header_value(header, "ORIGO-NØ")
    origo_n = origo_e = 0.0
    if og is not None:
        if len(og) < 2:
            raise DataError(
                f"ORIGO-NØ needs two numbers, got {' '.join(og)!r}", file=file, field="ORIGO-NØ"
            )
        origo_n = _finite_float(og[0], "ORIGO-NØ", file)
        origo_e = _finite_float(og[1], "ORIGO-NØ", file)
    inv = 1.0 / enhet
    scale = float(round(inv)) if round(inv) >= 1 and abs(round(inv) * enhet - 1) < 1e-12 else 0.0
    return _Transform(crs=crs, scale=scale, enhet=enhet, origo_n=origo_n, origo_e=origo_e)


def _finite_float(tok: str, fieldname: str, file: str) -> float:
    try:
        v = float(tok)
    except ValueError:
        raise DataError(
            f"{fieldname} {tok!r} is not a number", file=file, field=fieldname
        ) from None
    if not math.isfinite(v):
        raise DataError(f"{fieldname} {tok!r} is not a finite number", file=file, field=fieldname)
    return v


# --------------------------------------------------------------------------------------
# objects -> geometry
# --------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------
# putting it together
# --------------------------------------------------------------------------------------


def _read(path: Path, *, strict: Callable[[str | None], bool]) -> SosiResult:
    file = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror or exc}", file=file) from None
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
