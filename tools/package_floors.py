"""Draw the floors of the ``ungtloft_map`` package from its real import graph.

The floors of ``core/`` are read from the import-linter "layers" contract in
``pyproject.toml`` (``[tool.importlinter]``); the packages around core (the entry points, the
window and the CLI commands, reports, maps) and the package base are stacked around them by
:data:`OUTER_TOP` and :data:`OUTER_BOTTOM`. The import graph is built by grimp, the library
import-linter itself uses, with the same settings (imports inside functions and under
``TYPE_CHECKING`` count), so the picture shows what ``lint-imports`` checks.

Every import between two floors is an arrow from the importing floor to the imported one,
labelled with the number of (importing module, imported module) pairs. An arrow that runs back
up (a lower floor importing a higher one), or one between two floor members that the contract
keeps independent (``|`` in a layer), is drawn red and makes the script exit 1.

Run it from the repository root::

    .venv/bin/python tools/package_floors.py            # writes docs/package_floors.png/.svg
    .venv/bin/python tools/package_floors.py --check    # analysis only, no drawing

Exit status: 0 no arrow runs up; 1 an arrow runs up (listed on stderr); 2 a module belongs to
no floor (the floors below need a new entry).
"""

from __future__ import annotations

import argparse
import math
import sys
import textwrap
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "ungtloft_map"

#: Floors above core, top first: (title, members, members independent of each other).
OUTER_TOP: list[tuple[str, list[str], bool]] = [
    (
        "entry points",
        ["ungtloft_map.__main__", "ungtloft_map.cli", "ungtloft_map.demo", "ungtloft_map._demo"],
        False,
    ),
    ("front ends: window | CLI commands", ["ungtloft_map._qt", "ungtloft_map.commands"], True),
    ("reports (HTML/PDF)", ["ungtloft_map.reports"], False),
    ("maps (folium, print)", ["ungtloft_map.maps"], False),
]
#: Floors below core, top first. The package root only carries the version; ``paths`` and
#: ``core._jit`` are leaf helpers every floor may use.
OUTER_BOTTOM: list[tuple[str, list[str], bool]] = [
    (
        "package base",
        ["ungtloft_map", "ungtloft_map.paths", "ungtloft_map.core", "ungtloft_map.core._jit"],
        False,
    ),
]


@dataclass
class Floor:
    """One floor: its title, the packages/modules it holds, and the modules found in them."""

    title: str
    members: list[str]
    independent: bool
    modules: list[str] = field(default_factory=list)


@dataclass
class Floors:
    """The result of :func:`analyse`: floors top first and the arrows between them."""

    floors: list[Floor]
    #: (from floor index, to floor index) -> number of importing/imported module pairs.
    arrows: dict[tuple[int, int], int]
    #: Imports inside a floor (same index), for the box's caption.
    inside: dict[int, int]
    #: Imports that break the order: (importer, imported) module names.
    violations: list[tuple[str, str]]
    unassigned: list[str]

    @property
    def upward(self) -> dict[tuple[int, int], int]:
        """Arrows that run back up (from a lower floor to a higher one)."""
        return {k: n for k, n in self.arrows.items() if k[0] > k[1]}


def _contract_layers(pyproject: Path) -> list[tuple[str, list[str], bool]]:
    """The core floors of the import-linter layers contract, top first."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layered = [c for c in contracts if c.get("type") == "layers"]
    if len(layered) != 1:
        raise SystemExit(f"expected one layers contract in {pyproject}, found {len(layered)}")
    floors = []
    for layer in layered[0]["layers"]:
        # import-linter: "a | b" are independent siblings, "a : b" may import each other.
        independent = "|" in layer
        members = [m.strip() for m in layer.replace("|", ":").split(":") if m.strip()]
        title = (" | " if independent else " : ").join(
            m.removeprefix("ungtloft_map.core.") for m in members
        )
        floors.append((title, members, independent))
    return floors


def _floor_of(module: str, floors: list[Floor]) -> tuple[int, str] | None:
    """The floor index and member a module belongs to (longest matching member wins)."""
    best: tuple[int, str] | None = None
    for index, floor in enumerate(floors):
        for member in floor.members:
            if (module == member or module.startswith(member + ".")) and (
                best is None or len(member) > len(best[1])
            ):
                best = (index, member)
    return best


def analyse(root: Path = ROOT) -> Floors:
    """Build the import graph with grimp and sort its imports into floors and arrows.

    Examples
    --------
    >>> result = analyse()  # doctest: +SKIP
    >>> result.upward  # doctest: +SKIP
    {}
    """
    import grimp

    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    spec = OUTER_TOP + _contract_layers(root / "pyproject.toml") + OUTER_BOTTOM
    floors = [Floor(title, members, independent) for title, members, independent in spec]
    graph = grimp.build_graph(PACKAGE, include_external_packages=False)

    where: dict[str, tuple[int, str]] = {}
    unassigned = []
    for module in sorted(graph.modules):
        found = _floor_of(module, floors)
        if found is None:
            unassigned.append(module)
            continue
        where[module] = found
        floors[found[0]].modules.append(module)

    arrows: Counter[tuple[int, int]] = Counter()
    inside: Counter[int] = Counter()
    violations = []
    for importer, (src, src_member) in where.items():
        for imported in graph.find_modules_directly_imported_by(importer):
            if imported not in where:
                continue
            dst, dst_member = where[imported]
            if src == dst:
                inside[src] += 1
                if floors[src].independent and src_member != dst_member:
                    violations.append((importer, imported))
                continue
            arrows[(src, dst)] += 1
            if src > dst:
                violations.append((importer, imported))
    return Floors(floors, dict(arrows), dict(inside), sorted(violations), unassigned)


# --- drawing ------------------------------------------------------------------------------

_BOX_W = 10.0
_LINE_H = 0.22
_GAP = 0.9
_LANE_W = 0.42


def _short(module: str, floor: Floor) -> str:
    """A module's name as shown in its floor's box (relative to the package)."""
    name = module.removeprefix(PACKAGE + ".")
    return name.removeprefix("core.") if floor.members[0].startswith(PACKAGE + ".core.") else name


def _assign_lanes(spans: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """Give each arrow a vertical lane; arrows whose floor ranges do not overlap share one.

    Longer arrows are placed first so they end up on the outer lanes.
    """
    lanes: list[list[tuple[int, int]]] = []
    result = {}
    for span in sorted(spans, key=lambda s: (abs(s[1] - s[0]), s[0]), reverse=False):
        low, high = sorted(span)
        for index, taken in enumerate(lanes):
            if all(high <= lo or low >= hi for lo, hi in taken):
                taken.append((low, high))
                result[span] = index
                break
        else:
            lanes.append([(low, high)])
            result[span] = len(lanes) - 1
    return result


def draw(result: Floors, out_base: Path) -> list[Path]:
    """Draw one box per floor and the arrows between floors; save a PNG and an SVG."""
    import matplotlib

    matplotlib.use("Agg")
    # The same graph gives the same files (no date, fixed SVG ids), so git shows real changes only.
    matplotlib.rcParams["svg.hashsalt"] = "package_floors"
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    # Box contents: the modules' names, wrapped to the box's width.
    contents = []
    for floor in result.floors:
        names = ", ".join(_short(m, floor) for m in floor.modules)
        contents.append(textwrap.wrap(names, width=150) or ["(no modules)"])
    # A box is tall enough for its names and for one port per arrow that leaves or enters it
    # beside the box (arrows to a neighbouring floor go straight down between the boxes).
    ports = Counter()
    for src, dst in result.arrows:
        if abs(dst - src) > 1 or src > dst:
            ports[src] += 1
            ports[dst] += 1
    heights = [
        max(0.55 + _LINE_H * len(lines), 0.3 + 0.2 * ports[index])
        for index, lines in enumerate(contents)
    ]

    tops = []
    y = 0.0
    for h in heights:
        tops.append(y)
        y -= h + _GAP
    bottom = y + _GAP

    down = {k: n for k, n in result.arrows.items() if k[0] < k[1]}
    up = result.upward
    down_lanes = _assign_lanes(list(down))
    up_lanes = _assign_lanes(list(up))
    n_down = max(down_lanes.values(), default=-1) + 1
    n_up = max(up_lanes.values(), default=-1) + 1

    left = -0.6 - n_up * _LANE_W
    right = _BOX_W + 0.6 + n_down * _LANE_W
    width_in = (right - left) * 1.05
    height_in = (-bottom + 1.6) * 1.05
    fig, ax = plt.subplots(figsize=(width_in, height_in))
    ax.set_xlim(left, right)
    ax.set_ylim(bottom - 0.3, 1.3)
    ax.axis("off")
    n_modules = sum(len(f.modules) for f in result.floors)
    verdict = (
        "no import runs back up"
        if not result.violations
        else f"{len(result.violations)} import(s) break the floors (red)"
    )
    ax.text(
        left + 0.1,
        1.0,
        f"ungtloft_map: floors and the imports between them ({n_modules} modules; {verdict})",
        fontsize=13,
        fontweight="bold",
        va="center",
    )
    ax.text(
        left + 0.1,
        0.6,
        "Generated by tools/package_floors.py from the grimp import graph and the layers contract "
        "in pyproject.toml. An arrow A→B with n: n module pairs in floor A import a module of "
        "floor B.",
        fontsize=8,
        va="center",
        color="#444444",
    )

    core_floors = {
        f.title for f in result.floors[len(OUTER_TOP) : len(result.floors) - len(OUTER_BOTTOM)]
    }
    for index, (floor, lines) in enumerate(zip(result.floors, contents, strict=True)):
        top, h = tops[index], heights[index]
        bad_inside = any(
            _floor_of(a, result.floors)[0] == index == _floor_of(b, result.floors)[0]
            for a, b in result.violations
        )
        face = "#e8f0fb" if floor.title in core_floors else "#f3f3f3"
        ax.add_patch(
            FancyBboxPatch(
                (0, top - h),
                _BOX_W,
                h,
                boxstyle="round,pad=0.02,rounding_size=0.12",
                facecolor=face,
                edgecolor="#c0392b" if bad_inside else "#555555",
                linewidth=1.2,
            )
        )
        sep = " (members independent)" if floor.independent else ""
        inner = result.inside.get(index, 0)
        ax.text(
            0.15, top - 0.22, f"{floor.title}{sep}", fontsize=10, fontweight="bold", va="center"
        )
        ax.text(
            _BOX_W - 0.15,
            top - 0.22,
            f"{len(floor.modules)} modules, {inner} imports inside",
            fontsize=7.5,
            va="center",
            ha="right",
            color="#444444",
        )
        for row, line in enumerate(lines):
            ax.text(
                0.15,
                top - 0.5 - row * _LINE_H,
                line,
                fontsize=6.2,
                va="center",
                family="DejaVu Sans Mono",
                color="#222222",
            )

    # Straight arrows between neighbouring floors sit between the boxes; the others run in
    # lanes beside the boxes (down on the right, up on the left), each entering and leaving
    # its boxes at its own height so no two share a stub.
    def width_for(n: int) -> float:
        return 0.8 + 0.9 * math.log10(1 + n)

    # Neighbour arrows (down only; an up arrow always goes into the left lanes).
    for (src, dst), n in sorted(down.items()):
        if dst - src != 1:
            continue
        y0 = tops[src] - heights[src]
        y1 = tops[dst]
        ax.add_patch(
            FancyArrowPatch(
                (_BOX_W / 2, y0),
                (_BOX_W / 2, y1),
                arrowstyle="-|>",
                mutation_scale=12,
                linewidth=width_for(n),
                color="#555555",
            )
        )
        ax.text(_BOX_W / 2 + 0.12, (y0 + y1) / 2, str(n), fontsize=8, va="center")

    for arrows_, lanes, side, colour in (
        (down, down_lanes, 1, "#555555"),
        (up, up_lanes, -1, "#c0392b"),
    ):
        long = {k: n for k, n in arrows_.items() if abs(k[1] - k[0]) > 1 or side < 0}
        # One port per arrow end, spread down the box's side.
        ends: dict[int, list[tuple[tuple[int, int], str]]] = {}
        for k in long:
            ends.setdefault(k[0], []).append((k, "out"))
            ends.setdefault(k[1], []).append((k, "in"))
        port_y = {}
        for index, items in ends.items():
            items.sort(key=lambda item: -lanes[item[0]])
            top, h = tops[index], heights[index]
            for i, item in enumerate(items):
                port_y[item] = top - h * 0.12 - h * 0.76 * (i + 1) / (len(items) + 1)
        edge = _BOX_W if side > 0 else 0.0
        for k, n in sorted(long.items(), key=lambda kv: lanes[kv[0]]):
            x = edge + side * (0.45 + lanes[k] * _LANE_W)
            y0, y1 = port_y[(k, "out")], port_y[(k, "in")]
            lw = width_for(n)
            ax.plot(
                [edge, x, x],
                [y0, y0, y1],
                color=colour,
                linewidth=lw,
                solid_capstyle="butt",
                solid_joinstyle="miter",
            )
            ax.add_patch(
                FancyArrowPatch(
                    (x, y1),
                    (edge, y1),
                    arrowstyle="-|>",
                    mutation_scale=10,
                    linewidth=lw,
                    color=colour,
                    shrinkA=0,
                    shrinkB=0,
                )
            )
            ax.text(
                x,
                y0,
                str(n),
                fontsize=6.5,
                ha="center",
                va="center",
                color=colour,
                bbox={
                    "boxstyle": "round,pad=0.12",
                    "facecolor": "white",
                    "edgecolor": colour,
                    "linewidth": 0.5,
                },
            )

    out_base.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, kwargs in ((".png", {"dpi": 110}), (".svg", {"metadata": {"Date": None}})):
        path = out_base.with_suffix(suffix)
        tmp = path.with_name(path.name + ".tmp")
        fig.savefig(tmp, format=suffix[1:], bbox_inches="tight", **kwargs)
        tmp.replace(path)
        written.append(path)
    plt.close(fig)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: analyse, report, draw unless ``--check``; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="analyse only, draw nothing")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs" / "package_floors",
        help="output path without suffix (default docs/package_floors)",
    )
    args = parser.parse_args(argv)
    result = analyse()
    for index, floor in enumerate(result.floors):
        print(f"{index:2d} {floor.title}: {len(floor.modules)} modules")
    for (src, dst), n in sorted(result.arrows.items()):
        mark = "  UP" if src > dst else ""
        print(f"   {src:2d} -> {dst:2d}: {n}{mark}")
    if result.unassigned:
        print("modules in no floor: " + ", ".join(result.unassigned), file=sys.stderr)
        return 2
    if not args.check:
        for path in draw(result, args.out):
            print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if result.violations:
        for importer, imported in result.violations:
            print(f"breaks the floors: {importer} imports {imported}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
