"""Render the app icon: ``resources/icons/ungtloft-map.svg`` -> ``.png`` (256 px) and ``.ico``.

The SVG is the source; the PNG (Linux desktop entry, window icon) and the multi-size ICO (the
Windows executable and the installer) are rendered from it so the three never drift apart.

Usage (from the repository root)::

    python installer/make_icons.py

Needs ``rsvg-convert`` (Debian: ``apt-get install librsvg2-bin``) or the ``cairosvg`` package
for the rasterising, and Pillow (a matplotlib dependency) for the ICO. Every size is rendered
from the vector, not scaled down from 256 px, so the small sizes stay sharp.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "ungtloft-map.svg"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render(size: int) -> bytes:
    """The SVG as a ``size`` x ``size`` PNG."""
    exe = shutil.which("rsvg-convert")
    if exe:
        return subprocess.run([exe, "-w", str(size), "-h", str(size), str(SVG)],
                              check=True, capture_output=True).stdout
    try:
        import cairosvg
    except ImportError:
        sys.exit("make_icons: needs rsvg-convert (apt-get install librsvg2-bin) or cairosvg")
    return cairosvg.svg2png(url=str(SVG), output_width=size, output_height=size)


def main() -> int:
    from PIL import Image

    png = render(256)
    (ICONS / "ungtloft-map.png").write_bytes(png)
    frames = [Image.open(io.BytesIO(render(s))).convert("RGBA") for s in ICO_SIZES]
    # Pillow writes one ICO entry per size, taking each from the frame of that size.
    frames[-1].save(ICONS / "ungtloft-map.ico", format="ICO",
                    sizes=[(s, s) for s in ICO_SIZES], append_images=frames[:-1])
    print(f"wrote {ICONS / 'ungtloft-map.png'} and {ICONS / 'ungtloft-map.ico'} ({len(ICO_SIZES)} sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
