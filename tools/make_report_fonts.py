"""Make the PDF reports' font: DejaVu Sans cut down to the scripts and symbols the reports print.

WeasyPrint embeds every font a PDF uses. With the system's whole DejaVu Sans (6,000 glyphs,
0.7 MB a face) that means reading all its glyphs and compressing 1.4 MB for every report; the
HarfBuzz subsetter that would cut it per report is missing on most Linux systems, and fontTools'
costs more than it saves. The reports therefore ship DejaVu Sans with the Unicode blocks below
(Latin with Norwegian and Sámi letters, Greek, punctuation, arrows, mathematical operators ...),
the same outlines, metrics and kerning (fontTools' subsetter keeps the layout features);
a character outside them is drawn from the system's DejaVu Sans (the next family in base.css),
so nothing is lost, only that report embeds the whole face again.

Run from the repository root after a DejaVu or fontTools upgrade::

    python tools/make_report_fonts.py [/usr/share/fonts/truetype/dejavu]

DejaVu's licence (Bitstream Vera, DejaVu changes public domain) allows modified copies whose
names contain neither "Bitstream" nor "Vera"; it is written beside the fonts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

OUT = Path(__file__).resolve().parents[1] / "ungtloft_map" / "reports" / "templates"
SOURCES = {"DejaVuSansLatin.ttf": "DejaVuSans.ttf", "DejaVuSansLatin-Bold.ttf": "DejaVuSans-Bold.ttf",
           "DejaVuSansLatin-Oblique.ttf": "DejaVuSans-Oblique.ttf",
           "DejaVuSansLatin-BoldOblique.ttf": "DejaVuSans-BoldOblique.ttf"}
UNICODES = (
    "U+0020-007E,U+00A0-024F,"  # Basic Latin, Latin-1, Latin Extended-A/B (æøå, Sámi č đ ŋ š ŧ ž)
    "U+02B0-02FF,U+0300-036F,"  # spacing modifiers, combining diacritics
    "U+0370-03FF,"  # Greek (α in the method notes)
    "U+2000-206F,U+2070-209F,U+20A0-20CF,"  # punctuation (– “ ” …), super/subscripts, currency
    "U+2100-214F,U+2150-218F,U+2190-21FF,U+2200-22FF,"  # letterlike, number forms, arrows, math (− ≥ ∞)
    "U+FB00-FB06,U+FFFD"  # ligatures, replacement character
)
LICENSE = "DejaVuSansLatin-LICENSE.txt"


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else Path("/usr/share/fonts/truetype/dejavu")
    for name, source in SOURCES.items():
        opts = subset.Options()
        opts.layout_features = ["*"]  # kerning and the rest, as in the whole font
        opts.name_IDs = ["*"]
        opts.name_languages = ["*"]
        opts.notdef_outline = True
        opts.hinting = False  # PDF viewers do not use TrueType hinting; WeasyPrint drops it too
        font = subset.load_font(str(src / source), opts)
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=subset.parse_unicodes(UNICODES))
        sub.subset(font)
        subset.save_font(font, str(OUT / name), opts)
        print(f"{OUT / name}: {(OUT / name).stat().st_size:,} bytes")
    copyright_file = Path("/usr/share/doc/fonts-dejavu-core/copyright")
    text = copyright_file.read_text("utf-8") if copyright_file.exists() else ""
    (OUT / LICENSE).write_text(
        "DejaVuSansLatin*.ttf are DejaVu Sans (https://dejavu-fonts.github.io/)\n"
        "cut down to some Unicode blocks by tools/make_report_fonts.py; the outlines are unchanged.\n\n"
        + text.split("\nFiles: debian/*")[0] + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
