"""Compile a Qt Linguist ``.ts`` file to the binary ``.qm`` that ``QTranslator`` loads.

A pure-Python twin of ``pyside6-lrelease`` (default mode, "save everything"), for the wheel
build: ``setup.py`` runs in pip's isolated build environment, which has setuptools but not
PySide6, so ``lrelease`` is not there. The output is byte-for-byte what ``pyside6-lrelease``
writes for the same ``.ts`` (``tests/installer/test_qmcompile.py`` compares the two).

Covered: contexts, plain and numerus messages, disambiguation comments, unfinished (skipped
when empty, as lrelease does), obsolete/vanished (dropped), ``&amp;``-style escapes. Not
covered (the app does not use them): id-based translations, ``<byte>`` escapes, dependencies.

Usage::

    python installer/qmcompile.py resources/translations/ungtloft_map_en.ts out.qm

>>> qm = compile_ts(Path("resources/translations/ungtloft_map_en.ts"))  # doctest: +SKIP
"""

from __future__ import annotations

import struct
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

# The .qm file format (Qt: src/linguist/shared/qm.cpp and src/corelib/kernel/qtranslator.cpp).
MAGIC = bytes([0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95,
               0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD])
SECTION_HASHES, SECTION_MESSAGES, SECTION_LANGUAGE, SECTION_NUMERUS = 0x42, 0x69, 0xA7, 0x88
TAG_END, TAG_TRANSLATION, TAG_SOURCE, TAG_CONTEXT, TAG_COMMENT = 1, 3, 6, 7, 8

# Plural rules of the target language (Qt's numerus.cpp); English-style: "one" if n == 1.
# Only what a .ts of this project can name; anything else is refused rather than guessed.
_NUMERUS_RULES = {"en": bytes([0x01, 0x01]), "nb": bytes([0x01, 0x01]), "no": bytes([0x01, 0x01]),
                  "nn": bytes([0x01, 0x01]), "sv": bytes([0x01, 0x01]), "da": bytes([0x01, 0x01]),
                  "de": bytes([0x01, 0x01])}


class TsError(ValueError):
    """The .ts file cannot be compiled (bad XML, an unsupported language or feature)."""


@dataclass(frozen=True, order=True)
class _Message:
    # Field order = the sort order of lrelease's ByteTranslatorMessage (context, source, comment).
    context: bytes
    source: bytes
    comment: bytes
    translations: tuple[str, ...]


def _elf_hash(data: bytes) -> int:
    """Qt's ``elfHash`` of source text + comment (the lookup key in the Hashes section)."""
    h = 0
    for byte in data:
        if byte == 0:
            break
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def _bytes_field(tag: int, value: bytes) -> bytes:
    return struct.pack(">BI", tag, len(value)) + value


def _string_field(tag: int, value: str) -> bytes:
    data = value.encode("utf-16-be")
    return struct.pack(">BI", tag, len(data)) + data


def _text(element: ET.Element | None) -> str:
    return "" if element is None else "".join(element.itertext())


def read_ts(path: Path) -> tuple[str, list[_Message]]:
    """The target language and the messages lrelease would compile, from a ``.ts`` file."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise TsError(f"{path}: cannot read the .ts file: {err}") from err
    if root.tag != "TS":
        raise TsError(f"{path}: not a Qt Linguist .ts file (root element <{root.tag}>)")
    language = root.get("language", "")
    messages: dict[tuple[bytes, bytes, bytes], _Message] = {}
    for context in root.iter("context"):
        name = _text(context.find("name")).encode("utf-8")
        for msg in context.iter("message"):
            if msg.get("id"):
                raise TsError(f"{path}: id-based translations are not supported")
            translation = msg.find("translation")
            kind = "" if translation is None else translation.get("type", "")
            if kind in ("obsolete", "vanished"):
                continue
            if msg.get("numerus") == "yes":
                forms = [] if translation is None else translation.findall("numerusform")
                texts = tuple(_text(f) for f in forms)
                empty = not any(texts)
            else:
                texts = (_text(translation),)
                empty = not texts[0]
            if kind == "unfinished" and empty:
                continue  # lrelease leaves untranslated strings out: Qt shows the source text
            source = _text(msg.find("source")).encode("utf-8")
            comment = _text(msg.find("comment")).encode("utf-8")
            key = (name, source, comment)
            messages[key] = _Message(name, source, comment, texts)
    return language, sorted(messages.values())


def compile_ts(path: Path) -> bytes:
    """The ``.qm`` bytes of the ``.ts`` file at ``path`` (what ``pyside6-lrelease`` writes)."""
    language, messages = read_ts(Path(path))
    body = bytearray()
    offsets: list[tuple[int, int]] = []
    for msg in messages:
        offsets.append((_elf_hash(msg.source + msg.comment), len(body)))
        for text in msg.translations:
            body += _string_field(TAG_TRANSLATION, text)
        body += _bytes_field(TAG_COMMENT, msg.comment)
        body += _bytes_field(TAG_SOURCE, msg.source)
        body += _bytes_field(TAG_CONTEXT, msg.context)
        body.append(TAG_END)
    out = bytearray(MAGIC)
    if language:
        out += _bytes_field(SECTION_LANGUAGE, language.encode("utf-8"))
    if offsets:
        table = b"".join(struct.pack(">II", h, o) for h, o in sorted(offsets))
        out += _bytes_field(SECTION_HASHES, table)
        out += _bytes_field(SECTION_MESSAGES, bytes(body))
    if language:
        lang = language.split("_")[0].lower()
        if lang not in _NUMERUS_RULES:
            raise TsError(f"{path}: no plural rules known for language {language!r}")
        out += _bytes_field(SECTION_NUMERUS, _NUMERUS_RULES[lang])
    return bytes(out)


def write_qm(ts: Path, qm: Path) -> None:
    """Compile ``ts`` to ``qm`` (written to a temporary name, then renamed)."""
    data = compile_ts(ts)
    qm.parent.mkdir(parents=True, exist_ok=True)
    tmp = qm.with_name(qm.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(qm)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python installer/qmcompile.py FILE.ts FILE.qm")
    try:
        write_qm(Path(sys.argv[1]), Path(sys.argv[2]))
    except TsError as err:
        sys.exit(str(err))
