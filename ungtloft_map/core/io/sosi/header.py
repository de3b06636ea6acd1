"""SOSI header: character set detection and decoding (``..TEGNSETT``) and the CRS, origin and unit
of ``..TRANSPAR``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from pyproj import CRS

from ...errors import DataError
from .parser import _INT_RE, _finite_float, _int64, _Warnings

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
