"""Small hand-made datasets for tests (written to a temp folder, never shipped)."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point, box

X0, Y0 = 560_000.0, 7_030_000.0
CRS = "EPSG:25832"


def gdf(geoms, crs=CRS, **cols) -> gpd.GeoDataFrame:
    """A GeoDataFrame of ``geoms`` with the columns ``cols`` (lists), EPSG:25832 by default."""
    return gpd.GeoDataFrame(cols, geometry=list(geoms), crs=crs)


def read_demo_layers(demo_dir: Path, *roles: str) -> tuple[gpd.GeoDataFrame, ...]:
    """The demo layers of ``roles`` (e.g. "zones"), read as the manifest of ``demo_dir`` says."""
    layers = json.loads((demo_dir / "manifest.json").read_text("utf-8"))["layers"]
    return tuple(gpd.read_file(demo_dir / layers[r]["path"], layer=layers[r].get("layer"))
                 for r in roles)


def grid_zones(nx: int = 3, ny: int = 2, size: float = 1000.0) -> gpd.GeoDataFrame:
    """``nx`` × ``ny`` square zones of ``size`` m, ids "Z00".., in EPSG:25832."""
    rows = []
    for j in range(ny):
        for i in range(nx):
            zid = f"Z{j}{i}"
            rows.append({"zone_id": zid, "zone_name": f"Sone {zid}", "district_id": "D1" if i < nx / 2 else "D2",
                         "geometry": box(X0 + i * size, Y0 + j * size, X0 + (i + 1) * size, Y0 + (j + 1) * size)})
    return gpd.GeoDataFrame(rows, crs="EPSG:25832")


def write_tiny_project(folder: Path, *, nx: int = 3, ny: int = 2) -> Path:
    """A complete little dataset folder with a manifest; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    zones = grid_zones(nx, ny)
    gpkg = folder / "tiny.gpkg"
    zones.to_file(gpkg, layer="zones", driver="GPKG")
    districts = zones.dissolve("district_id").reset_index()[["district_id", "geometry"]]
    districts["district_name"] = districts["district_id"].map({"D1": "Vest", "D2": "Øst"})
    districts.to_file(gpkg, layer="districts", driver="GPKG")
    cells = []
    for _, z in zones.iterrows():
        minx, miny, _, _ = z.geometry.bounds
        for a in range(4):
            for b in range(4):
                cells.append({"population": 10 * (a + b + 1), "zone_id": z.zone_id,
                              "geometry": box(minx + a * 250, miny + b * 250, minx + (a + 1) * 250, miny + (b + 1) * 250)})
    gpd.GeoDataFrame(cells, crs="EPSG:25832").to_file(gpkg, layer="population", driver="GPKG")
    gpd.GeoDataFrame({"name": ["Sentrum"], "category": ["centre"]},
                     geometry=[Point(X0 + 500, Y0 + 500)], crs="EPSG:25832").to_file(gpkg, layer="destinations", driver="GPKG")
    rows = []
    for year in (2023, 2024):
        for n, zid in enumerate(zones.zone_id):
            rows.append({"zone_id": zid, "year": year, "low_income_count": 10 + n * 5 + (year - 2023),
                         "low_income_denom": 200, "neet_count": 3 + n, "neet_denom": 50})
    pd.DataFrame(rows).to_csv(folder / "indicators.csv", index=False)
    manifest = {
        "name": "Testkommune", "fictional": True, "crs": "EPSG:25832",
        "layers": {"zones": {"path": "tiny.gpkg", "layer": "zones"},
                   "districts": {"path": "tiny.gpkg", "layer": "districts"},
                   "population": {"path": "tiny.gpkg", "layer": "population"},
                   "destinations": {"path": "tiny.gpkg", "layer": "destinations"}},
        "indicators": {"path": "indicators.csv"},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return folder


def tiny_project_over_years(folder: Path, row, *, seed: int, years=(2022, 2023, 2024)):
    """The tiny project (:func:`write_tiny_project`) with indicators for ``years``, loaded.

    ``row(rng, year, n, zone_id)`` gives the indicator columns of zone number ``n`` in ``year``
    (``rng`` is seeded with ``seed``). The low-income count of zone Z01 in the last year is then
    set to 3, a small count that suppression must hide.
    """
    import numpy as np

    from ungtloft_map.core.project import Project

    folder = write_tiny_project(folder)
    zone_ids = grid_zones()["zone_id"].tolist()
    rng = np.random.default_rng(seed)
    rows = [{"zone_id": zid, "year": year, **row(rng, year, n, zid)}
            for year in years for n, zid in enumerate(zone_ids)]
    t = pd.DataFrame(rows)
    t.loc[(t.year == years[-1]) & (t.zone_id == "Z01"), "low_income_count"] = 3
    t.to_csv(folder / "indicators.csv", index=False)
    return Project.load(folder)
