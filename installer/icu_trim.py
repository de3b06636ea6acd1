"""A smaller ICU data library for the bundle: Qt's ``libicudata.so.73`` (32 MB) without the parts
the app never reaches.

    python installer/icu_trim.py LIBICUDATA OUT_DIR      -> OUT_DIR/libicudata.so.73

Qt Core uses ICU for collation (``QCollator``, locale-aware sorting), case mapping, text
converters and locale fallbacks; Chromium (Qt WebEngine) has its own ICU data (``icudtl.dat``)
and does not use this library. The data is an ICU package (``icudt73l.dat`` inside the library's
``icudt73_dat`` symbol); ``icupkg`` (Debian: icu-devtools) removes items from it:

* locale data (top level, ``coll/``, ``curr/``, ``lang/``, ``region/``, ``unit/``, ``zone/``,
  ``rbnf/``) for languages other than the app's and its neighbours' (nb, nn, no, en, sv, da) --
  ICU falls back to the root locale for the others, as it does for any locale it lacks;
* the dictionaries for Chinese/Japanese, Thai, Lao, Khmer and Burmese word breaking
  (``brkitr/*.dict``; the rule-based break iterators stay);
* the multi-byte (CJK) conversion tables: every ``.cnv`` of 24 KB or more; the single-byte code
  pages (Windows-125x, ISO-8859-x, ...) and the converter alias table stay.

Everything else (root, pool, supplemental data, time zones, normalization, properties,
character names) is kept. The result is assembled with the C compiler into a library with the
same name and symbol. ``bundle_check.py`` checks Norwegian collation (``Aa`` after ``Å``) and a
code-page decoder in the frozen app.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LANGUAGES = {"root", "en", "nb", "nn", "no", "sv", "da"}
LOCALE_FOLDERS = {"", "coll", "curr", "lang", "region", "unit", "zone", "rbnf"}
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]+)*\.res$")
MAX_CNV_BYTES = 24 * 1024


def _symbol(lib: Path) -> tuple[str, bytes]:
    """(name, bytes) of the ``icudtNN_dat`` symbol in ``lib``."""
    syms = subprocess.run(["readelf", "-sW", str(lib)], capture_output=True, text=True,
                          check=True).stdout
    for line in syms.splitlines():
        f = line.split()
        if len(f) >= 8 and re.fullmatch(r"icudt\d+_dat", f[7]):
            name, value, size = f[7], int(f[1], 16), int(f[2], 0)
            break
    else:
        raise ValueError(f"{lib}: no icudtNN_dat symbol")
    secs = subprocess.run(["readelf", "-SW", str(lib)], capture_output=True, text=True,
                          check=True).stdout
    data = lib.read_bytes()
    for line in secs.splitlines():
        if "]" not in line:
            continue
        f = line.split("]", 1)[1].split()
        if len(f) >= 5 and f[1] == "PROGBITS":
            addr, off, sec_size = int(f[2], 16), int(f[3], 16), int(f[4], 16)
            if addr <= value < addr + sec_size:
                start = off + value - addr
                return name, data[start:start + size]
    raise ValueError(f"{lib}: {name} is in no PROGBITS section")


def dropped_items(items: list[str], sizes: dict[str, int]) -> list[str]:
    """The package items to remove (paths as ``icupkg -l`` lists them)."""
    out = []
    for item in items:
        folder, _, name = item.rpartition("/")
        m = _LOCALE.match(name)
        if folder in LOCALE_FOLDERS and m and m.group(1) not in KEEP_LANGUAGES:
            out.append(item)
        elif folder == "brkitr" and name.endswith(".dict"):
            out.append(item)
        elif not folder and name.endswith(".cnv") and sizes.get(item, 0) >= MAX_CNV_BYTES:
            out.append(item)
    return out


def trim(lib: Path, out_dir: Path) -> Path:
    """Write the trimmed library to ``out_dir/<lib's name>``; returns its path."""
    icupkg, cc = shutil.which("icupkg"), shutil.which("cc") or shutil.which("gcc")
    if not icupkg or not cc:
        raise RuntimeError("icupkg (icu-devtools) and a C compiler are needed")
    symbol, blob = _symbol(lib)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        pkg = tmp / (symbol.replace("_dat", "") + "l.dat")
        pkg.write_bytes(blob)
        items = subprocess.run([icupkg, "-l", str(pkg)], capture_output=True, text=True,
                               check=True).stdout.split()
        (tmp / "all.txt").write_text("\n".join(items) + "\n")
        (tmp / "x").mkdir()
        subprocess.run([icupkg, "-x", str(tmp / "all.txt"), "-d", str(tmp / "x"), str(pkg)],
                       check=True, capture_output=True)
        sizes = {i: (tmp / "x" / i).stat().st_size for i in items if (tmp / "x" / i).exists()}
        drop = dropped_items(items, sizes)
        small = tmp / "out" / pkg.name  # the file name is the items' prefix in the package
        small.parent.mkdir()
        # Items that need a dropped item go too (CJK extension tables, "de_" collation
        # aliases ...), except the root break-iterator table's references to the dictionaries:
        # ICU runs without them (a supported data filter), the words of those scripts are
        # then broken by the rules alone.
        while True:
            (tmp / "drop.txt").write_text("\n".join(drop) + "\n")
            proc = subprocess.run([icupkg, "--ignore-deps", "-r", str(tmp / "drop.txt"),
                                   str(pkg), str(small)], capture_output=True, text=True)
            if proc.returncode:
                raise RuntimeError(f"icupkg failed: {proc.stderr[-2000:]}")
            needs = set(re.findall(r"Item (\S+) depends on missing item (\S+)",
                                   proc.stdout + proc.stderr))
            more = sorted({a for a, b in needs
                           if not (a == "brkitr/root.res" and b.endswith(".dict"))} - set(drop))
            if not more:
                break
            drop += more
        asm = tmp / "data.S"
        asm.write_text(f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n'
                       f'.balign 16\n{symbol}:\n.incbin "{small}"\n.size {symbol}, .-{symbol}\n'
                       '.section .note.GNU-stack,"",@progbits\n')
        out = out_dir / lib.name
        subprocess.run([cc, "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-o", str(out),
                        str(asm)], check=True)
        print(f"icu_trim: {lib.name} {lib.stat().st_size / 1e6:.1f} MB -> "
              f"{out.stat().st_size / 1e6:.1f} MB ({len(drop)} of {len(items)} items left out)")
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[3].strip())
    trim(Path(sys.argv[1]), Path(sys.argv[2]))
