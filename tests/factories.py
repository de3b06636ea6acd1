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


def write_feed(path: Path, stops_xy: list[tuple[float, float]], *, headway_min: int = 10,
               start: str = "20240101", end: str = "20241231") -> Path:
    """A GTFS zip: one bus route through ``stops_xy`` (EPSG:25832), weekdays ``start``–``end``,
    a trip every ``headway_min`` minutes from 06:30 to 09:30, two minutes between stops."""
    import zipfile

    from pyproj import Transformer

    to_ll = Transformer.from_crs(25832, 4326, always_xy=True)
    stops = ["stop_id,stop_name,stop_lat,stop_lon"]
    for i, (x, y) in enumerate(stops_xy):
        lon, lat = to_ll.transform(x, y)
        stops.append(f"S{i},Stopp {i},{lat:.9f},{lon:.9f}")
    trips, times = ["route_id,service_id,trip_id"], ["trip_id,arrival_time,departure_time,stop_id,stop_sequence"]
    for n, t0 in enumerate(range(6 * 60 + 30, 9 * 60 + 30, headway_min)):
        trips.append(f"R,WK,T{n}")
        for i in range(len(stops_xy)):
            m = t0 + 2 * i
            times.append(f"T{n},{m // 60:02d}:{m % 60:02d}:00,{m // 60:02d}:{m % 60:02d}:00,S{i},{i + 1}")
    files = {
        "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nA,Testbuss,https://example.org,Europe/Oslo\n",
        "stops.txt": "\n".join(stops) + "\n",
        "routes.txt": "route_id,agency_id,route_short_name,route_type\nR,A,1,3\n",
        "trips.txt": "\n".join(trips) + "\n",
        "stop_times.txt": "\n".join(times) + "\n",
        "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                        f"WK,1,1,1,1,1,0,0,{start},{end}\n",
    }
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


def write_subset_project(folder: Path, *, population: str | None = None, gtfs: bool = False,
                         destinations: bool = False, indicators: bool = False,
                         green: bool = False, housing: bool = False) -> Path:
    """A dataset of the 3 × 2 square zones of :func:`grid_zones` with only some of the inputs.

    ``population``: None; ``"zoned"`` (250 m cells with ``zone_id``, 10 residents each);
    ``"grid"`` (SSB-style 250 m cells without ``zone_id``, shifted 125 m so that they straddle
    the zone edges); ``"grid_1km"`` (1 km cells without ``zone_id`` shifted 500 m west, cell
    ``k`` of row ``j`` holding ``100 (k + 1) + j`` residents: zone ``Z{j}{i}`` gets half of
    cells ``i`` and ``i + 1``); ``"grid_25833"`` (the 250 m grid written in EPSG:25833).
    ``gtfs``: a bus every 10 minutes through stops at the centres of the zones of row 0 and on
    to a terminus 500 m east of the zones (a last stop has no departures).
    """
    folder.mkdir(parents=True, exist_ok=True)
    zones = grid_zones()
    gpkg = folder / "data.gpkg"
    zones.to_file(gpkg, layer="zones", driver="GPKG")
    layers = {"zones": {"path": "data.gpkg", "layer": "zones"}}
    cells = []
    if population == "zoned":
        for z in zones.itertuples():
            minx, miny = z.geometry.bounds[:2]
            cells += [{"population": 10, "zone_id": z.zone_id,
                       "geometry": box(minx + a * 250, miny + b * 250, minx + (a + 1) * 250, miny + (b + 1) * 250)}
                      for a in range(4) for b in range(4)]
    elif population in ("grid", "grid_25833"):
        for a in range(13):
            for b in range(9):
                x, y = X0 - 125 + a * 250, Y0 - 125 + b * 250
                cells.append({"population": 10 + (a * b) % 7, "geometry": box(x, y, x + 250, y + 250)})
    elif population == "grid_1km":
        for k in range(4):
            for j in range(2):
                x, y = X0 - 500 + k * 1000, Y0 + j * 1000
                cells.append({"population": 100 * (k + 1) + j, "geometry": box(x, y, x + 1000, y + 1000)})
    if cells:
        pop = gpd.GeoDataFrame(cells, crs=CRS)
        if population == "grid_25833":
            pop = pop.to_crs(25833)
        pop.to_file(gpkg, layer="population", driver="GPKG")
        layers["population"] = {"path": "data.gpkg", "layer": "population"}
    if destinations:
        gpd.GeoDataFrame({"name": ["Sentrum", "Skolen"], "category": ["centre", "upper_secondary"]},
                         geometry=[Point(X0 + 1500, Y0 + 500), Point(X0 + 2500, Y0 + 500)],
                         crs=CRS).to_file(gpkg, layer="destinations", driver="GPKG")
        layers["destinations"] = {"path": "data.gpkg", "layer": "destinations"}
    if green:
        gpd.GeoDataFrame({"kind": ["park", "forest"]},
                         geometry=[box(X0 + 200, Y0 + 200, X0 + 400, Y0 + 400),
                                   box(X0 + 2000, Y0 + 1000, X0 + 3000, Y0 + 2000)],
                         crs=CRS).to_file(gpkg, layer="green_areas", driver="GPKG")
        layers["green_areas"] = {"path": "data.gpkg", "layer": "green_areas"}
    if housing:
        pts = [Point(X0 + 100 + 200 * i, Y0 + 100 + 150 * j) for i in range(15) for j in range(13)]
        gpd.GeoDataFrame({"dwellings": [4] * len(pts)}, geometry=pts, crs=CRS).to_file(
            gpkg, layer="dwellings", driver="GPKG")
        gpd.GeoDataFrame({"units": [6, 8, 12]}, geometry=[pts[0], pts[20], pts[100]], crs=CRS).to_file(
            gpkg, layer="municipal_housing", driver="GPKG")
        layers["dwellings"] = {"path": "data.gpkg", "layer": "dwellings"}
        layers["municipal_housing"] = {"path": "data.gpkg", "layer": "municipal_housing"}
    manifest = {"name": "Delsett", "fictional": True, "format_version": 1, "layers": layers}
    if gtfs:
        write_feed(folder / "gtfs.zip", [(X0 + 500 + 1000 * i, Y0 + 500) for i in range(4)])
        manifest["gtfs"] = {"path": "gtfs.zip"}
    if indicators:
        rows = [{"zone_id": z, "year": 2024, "low_income_count": 20 + 7 * n, "low_income_denom": 300}
                for n, z in enumerate(zones.zone_id)]
        pd.DataFrame(rows).to_csv(folder / "indicators.csv", index=False)
        manifest["indicators"] = {"path": "indicators.csv"}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return folder
