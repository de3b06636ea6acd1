"""SOSI tokenizer and parser: comments, quoted tokens, dotted elements, number tokens, the object
list and the capped warning collector.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ...errors import DataError, DataWarning

# A value token: a quoted string (possibly unterminated: then it runs to the end of the line)
# or a bare word. Quotes only open a string at the start of a token, so O'Neil stays one word.
_TOKEN_RE = re.compile(r"\"([^\"]*)(?:\"|$)|'([^']*)(?:'|$)|(\S+)")


# An element name: one or more dots followed by something that is not a digit, so that a
# decimal number such as ".5" is never taken for an element.
_ELEMENT_RE = re.compile(r"(\.+)([^\s.\d][^\s]*)")


_INT_RE = re.compile(r"[+-]?(?:0|[1-9]\d*)")
_FLOAT_RE = re.compile(r"[+-]?(?:0|[1-9]\d*)\.\d+")
_COORD_DIMS = {"NØ": 2, "NØH": 3, "NØD": 3}
_MAX_WARNINGS_PER_KIND = 10


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
