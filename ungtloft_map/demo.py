"""Generate the fictional demo municipality "Fjordvik kommune (fiktiv)".

The generator is deterministic: one fixed seed drives a single
:func:`numpy.random.default_rng`, coordinates are rounded to 0.01 m before writing, CSV, GeoJSON,
SOSI and the GTFS zip are byte-identical between runs and the GeoPackage is identical in content
(its SQLite bytes may differ; ``OGR_CURRENT_DATE`` pins its timestamps anyway). See
``geodata/README.md`` for what the data holds and ``docs/DEVELOPING.md`` for the contract.

Run ``python -m ungtloft_map.demo --out geodata/demo`` (or ``make demo``); ``--scale 4`` makes
a town four times the size (about 800,000 residents, ~200 zones, ~3,000 bus stops) for the
benchmarks.

Examples
--------
>>> from pathlib import Path
>>> manifest = generate(Path("/tmp/fjordvik"))  # doctest: +SKIP
>>> manifest.name  # doctest: +SKIP
'manifest.json'
"""

from __future__ import annotations

import argparse
import json
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ._demo.green import make_green
from ._demo.landscape import PLACES, Landscape, make_landscape
from ._demo.people import (
    hot_zones,
    make_dwellings,
    make_indicators,
    make_municipal_housing,
    make_population,
)
from ._demo.plans import plan_a, plan_b_sosi, plan_c
from ._demo.transit import make_gtfs
from ._demo.zones import make_zones

#: Bumped whenever the generated data changes on purpose (the committed data must match).
GENERATOR_VERSION = "fjordvik-demo 1.0"
SEED = 20260101
NAME = "Fjordvik kommune (fiktiv demokommune)"
ATTRIBUTION = "Fiktive data laget av UngtLøft Maps egen generator"
GPKG = "fjordvik.gpkg"
#: Manifest roles in the order of docs/DEVELOPING.md; role name == GeoPackage layer name.
LAYER_ROLES = (
    "boundary",
    "water",
    "districts",
    "zones",
    "population",
    "green_areas",
    "destinations",
    "municipal_housing",
    "dwellings",
    "roads",
)
PLANS = [
    ("plans/plan_a_boligfelt.geojson", "Plan A: boligfelt med kommunale boliger (fiktiv)"),
    ("plans/plan_b_park.sos", "Plan B: boliger på del av Parkveien park, SOSI (fiktiv)"),
    ("plans/plan_c_sentrum.geojson", "Plan C: Torget sør, blandet formål (fiktiv)"),
]
#: Fixed timestamp GDAL writes into the GeoPackage metadata.
OGR_DATE = "2026-01-01T00:00:00Z"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

#: Destinations: (name, category, x, y).
DESTINATIONS = [
    ("Fjordvik sentrum (Torget)", "centre", *PLACES["Torget"]),
    ("Fjordvik katedralskole", "upper_secondary", 554_650.0, 7_025_450.0),
    ("Østhaugen videregående skole", "upper_secondary", 558_750.0, 7_024_050.0),
    ("Sørmoen videregående skole", "upper_secondary", 553_250.0, 7_019_350.0),
    ("Vestlia videregående skole", "upper_secondary", 550_250.0, 7_025_050.0),
    ("Lia videregående skole", "upper_secondary", 557_850.0, 7_021_350.0),
    ("Fjordvik universitetssykehus", "hospital", 556_300.0, 7_024_500.0),
    ("Fjordvik universitet, campus Elvemoen", "university", 555_100.0, 7_023_150.0),
    ("Havna næringsområde", "jobs", 556_900.0, 7_026_250.0),
    ("Sørmoen næringspark", "jobs", 552_800.0, 7_018_300.0),
    ("Vikbotn industriområde", "jobs", 563_050.0, 7_022_950.0),
    ("Teknologiparken", "jobs", 554_600.0, 7_022_600.0),
    ("Sentrum kontor og handel", "jobs", 555_250.0, 7_025_750.0),
]


def _water(scape: Landscape) -> gpd.GeoDataFrame:
    rows = [
        ("sea", "Storfjorden", scape.sea),
        ("fjord", "Vikfjorden", scape.fjord),
        ("river", "Fjordelva", scape.river),
    ]
    rows += [("lake", name, poly) for name, poly in scape.lakes]
    return gpd.GeoDataFrame(
        {"kind": [r[0] for r in rows], "name": [r[1] for r in rows]},
        geometry=[r[2] for r in rows],
        crs="EPSG:25832",
    )


def _roads(scape: Landscape) -> gpd.GeoDataFrame:
    kinds = [kind for _, kind, _ in scape.roads]
    return gpd.GeoDataFrame(
        {"road_id": [f"R{k + 1:04d}" for k in range(len(kinds))], "kind": kinds},
        geometry=[line for _, _, line in scape.roads],
        crs="EPSG:25832",
    )


def _destinations(scape: Landscape) -> gpd.GeoDataFrame:
    xy = [scape.xy(x, y) for _, _, x, y in DESTINATIONS]
    for (name, *_), (x, y) in zip(DESTINATIONS, xy):
        if not scape.land.contains(shapely.Point(x, y)):
            raise AssertionError(f"destination {name} is not on land")
    return gpd.GeoDataFrame(
        {
            "dest_id": [f"D{k + 1:02d}" for k in range(len(DESTINATIONS))],
            "name": [d[0] for d in DESTINATIONS],
            "category": [d[1] for d in DESTINATIONS],
        },
        geometry=shapely.points(xy),
        crs="EPSG:25832",
    )


def _rounded(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Coordinates on a 0.01 m grid so that a re-read gives exactly the written values."""
    geoms = gdf.geometry.values
    poly = np.isin(shapely.get_type_id(geoms), [3, 6])
    out = np.array(geoms, dtype=object)
    if poly.any():
        out[poly] = shapely.set_precision(out[poly], 0.01, mode="valid_output")
    if (~poly).any():
        out[~poly] = shapely.set_precision(out[~poly], 0.01, mode="pointwise")
    return gdf.set_geometry(gpd.GeoSeries(out, crs=gdf.crs, index=gdf.index))


@contextmanager
def _ogr_date() -> Iterator[None]:
    """Pin GDAL's notion of "now" while writing (GeoPackage last_change fields)."""
    old = os.environ.get("OGR_CURRENT_DATE")
    os.environ["OGR_CURRENT_DATE"] = OGR_DATE
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("OGR_CURRENT_DATE", None)
        else:
            os.environ["OGR_CURRENT_DATE"] = old


def _write_zip(path: Path, files: dict[str, str]) -> None:
    """Write a byte-deterministic zip: fixed entry order, date, permissions and compression."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"), compresslevel=9)


def build(seed: int = SEED, scale: int = 1) -> dict[str, object]:
    """Build every dataset in memory, without writing files.

    Parameters
    ----------
    seed
        Seed of the single random generator; the committed data uses :data:`SEED`.
    scale
        Size of the town relative to the committed demo (1): ``scale`` times the residents,
        zones, cells and dwellings on ``scale`` times the area, about ``4 * scale - 1``
        districts and a denser bus network (see :mod:`ungtloft_map._demo.transit`).

    Returns
    -------
    dict
        ``layers`` (role -> GeoDataFrame, coordinates on a 0.01 m grid), ``indicators``
        (DataFrame), ``gtfs`` (file name -> CSV text), ``plan_a``/``plan_c`` (GeoDataFrames) and
        ``plan_b`` (SOSI text).

    Examples
    --------
    >>> data = build()  # doctest: +SKIP
    >>> len(data["layers"]["zones"])  # doctest: +SKIP
    50
    """
    if int(scale) != scale or scale < 1:
        raise ValueError(f"scale must be a whole number >= 1, not {scale!r}")
    rng = np.random.default_rng(seed)
    scape = make_landscape(int(scale))
    zones, districts = make_zones(scape, rng)
    cells = make_population(scape, zones, rng)
    green = make_green(scape, cells, zones, rng)
    dwellings = make_dwellings(scape, zones, cells, green, rng)
    municipal = make_municipal_housing(zones, dwellings, rng, scape.places)
    indicators = make_indicators(zones, cells, dwellings, municipal, rng, scape)
    boundary = gpd.GeoDataFrame(
        {"name": ["Fjordvik kommune (fiktiv)"]},
        geometry=[shapely.coverage_union_all(zones.geometry.values)],
        crs="EPSG:25832",
    )
    layers = {
        "boundary": boundary,
        "water": _water(scape),
        "districts": districts,
        "zones": zones,
        "population": cells,
        "green_areas": green,
        "destinations": _destinations(scape),
        "municipal_housing": municipal,
        "dwellings": dwellings,
        "roads": _roads(scape),
    }
    sosi, _, _ = plan_b_sosi(scape)
    return {
        "layers": {k: _rounded(v) for k, v in layers.items()},
        "indicators": indicators,
        "gtfs": make_gtfs(scape, zones),
        "plan_a": _rounded(plan_a(zones, hot_zones(zones, scape.places)[0])),
        "plan_b": sosi,
        "plan_c": _rounded(plan_c(scape)),
    }


def manifest(scale: int = 1) -> dict[str, object]:
    """The manifest dict written to ``manifest.json`` (a larger town says its scale)."""
    return {
        "name": NAME if scale == 1 else f"{NAME}, skala {scale}",
        "fictional": True,
        "version": GENERATOR_VERSION if scale == 1 else f"{GENERATOR_VERSION} scale {scale}",
        "crs": "EPSG:25832",
        "layers": {role: {"path": GPKG, "layer": role} for role in LAYER_ROLES},
        "indicators": {"path": "indicators.csv"},
        "gtfs": {"path": "gtfs.zip"},
        "plans": [{"path": p, "name": n} for p, n in PLANS],
        "attribution": ATTRIBUTION,
    }


def generate(out_dir: Path, scale: int = 1) -> Path:
    """Write the demo municipality into ``out_dir`` and return the manifest path.

    Parameters
    ----------
    out_dir
        Target folder (created if needed). Files the generator owns are replaced; other files
        in the folder are left alone.
    scale
        Size relative to the committed demo (see :func:`build`); 1 writes exactly
        ``geodata/demo``.

    Returns
    -------
    Path
        ``out_dir / "manifest.json"``.

    Examples
    --------
    >>> generate(Path("/tmp/fjordvik")).name  # doctest: +SKIP
    'manifest.json'
    """
    out_dir = Path(out_dir)
    (out_dir / "plans").mkdir(parents=True, exist_ok=True)
    data = build(scale=scale)
    gpkg = out_dir / GPKG
    for stale in (gpkg, *(out_dir / p for p, _ in PLANS)):
        stale.unlink(missing_ok=True)
    with _ogr_date():
        for role in LAYER_ROLES:
            data["layers"][role].to_file(gpkg, layer=role, driver="GPKG", engine="pyogrio")
        data["plan_a"].to_file(out_dir / PLANS[0][0], driver="GeoJSON", engine="pyogrio")
        data["plan_c"].to_file(out_dir / PLANS[2][0], driver="GeoJSON", engine="pyogrio")
    (out_dir / PLANS[1][0]).write_text(data["plan_b"], encoding="utf-8", newline="\n")
    table: pd.DataFrame = data["indicators"]
    table.to_csv(out_dir / "indicators.csv", index=False, lineterminator="\n")
    _write_zip(out_dir / "gtfs.zip", data["gtfs"])
    path = out_dir / "manifest.json"
    path.write_text(
        json.dumps(manifest(scale), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
        newline="\n",
    )
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m ungtloft_map.demo --out DIR``."""
    parser = argparse.ArgumentParser(
        prog="python -m ungtloft_map.demo", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("geodata/demo"),
        help="output folder (default geodata/demo)",
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="size relative to the committed demo: 4 makes a town of ~800,000 residents "
        "(default 1, the committed data)",
    )
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be 1 or more")
    path = generate(args.out, args.scale)
    print(f"wrote {path.parent}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
