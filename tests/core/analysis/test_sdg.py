"""GIS-computed SDG indicators, each checked against a brute-force double loop on small layers."""

from __future__ import annotations

import math
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from pyproj import Transformer
from shapely.geometry import Point, box

from ungtloft_map.core.analysis.sdg import (
    SdgResult,
    dwellings_outdoor_access,
    public_open_space,
    route_capacity,
    sdg_11_2_1,
    sdg_11_7_1,
    transit_stops,
)
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.pipeline import compute_sdg_indicators

CRS = "EPSG:25832"
X0, Y0 = 560_000.0, 7_030_000.0


def _zones() -> gpd.GeoDataFrame:
    """Two 1.5 × 2 km zones side by side."""
    return gpd.GeoDataFrame(
        {"zone_id": ["A", "B"], "zone_name": ["Vest", "Øst"]},
        geometry=[box(X0, Y0, X0 + 1500, Y0 + 2000), box(X0 + 1500, Y0, X0 + 3000, Y0 + 2000)],
        crs=CRS,
    )


def _cells(seed: int = 1, n: int = 80) -> gpd.GeoDataFrame:
    """Random 50 m cells (polygons) with random populations, some zero; zone from x."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(X0 + 30, X0 + 2970, n)
    y = rng.uniform(Y0 + 30, Y0 + 1970, n)
    pop = rng.integers(0, 60, n)
    return gpd.GeoDataFrame(
        {"population": pop, "zone_id": np.where(x < X0 + 1500, "A", "B")},
        geometry=[box(a - 25, b - 25, a + 25, b + 25) for a, b in zip(x, y)],
        crs=CRS,
    )


def _brute_share(cells: gpd.GeoDataFrame, covered_fn, weight: str = "population") -> tuple[dict, float]:
    """Per-zone and municipal covered share (%) with a plain loop over the cells."""
    base: dict[str, float] = {}
    cov: dict[str, float] = {}
    for _, c in cells.iterrows():
        w = float(c[weight])
        base[c.zone_id] = base.get(c.zone_id, 0.0) + w
        if covered_fn(c.geometry.centroid):
            cov[c.zone_id] = cov.get(c.zone_id, 0.0) + w
    per_zone = {z: (cov.get(z, 0.0) / b * 100 if b > 0 else math.nan) for z, b in base.items()}
    total = sum(base.values())
    return per_zone, sum(cov.values()) / total * 100


def _check(res: SdgResult, per_zone: dict, municipal: float) -> None:
    for z, v in per_zone.items():
        assert res.per_zone.loc[z, "value"] == pytest.approx(v, abs=1e-9), z
    assert res.municipal == pytest.approx(municipal, abs=1e-9)
    # the municipal value comes from sums, not from averaging zone shares
    assert res.municipal == pytest.approx(res.covered_total / res.base_total * 100)


# -- SDG 11.2.1 ------------------------------------------------------------------------------


def _stops(seed: int = 2, n: int = 12) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    return gpd.GeoDataFrame(
        {
            "capacity": rng.choice(["low", "low", "high", None], n),
            "served": rng.random(n) > 0.15,
            "departures_per_hour": rng.integers(0, 12, n).astype(float),
        },
        geometry=[Point(a, b) for a, b in zip(rng.uniform(X0 - 500, X0 + 3500, n),
                                             rng.uniform(Y0 - 500, Y0 + 2500, n))],
        crs=CRS,
    )


@pytest.mark.parametrize("min_deps, circuity", [(None, 1.0), (4, 1.0), (None, 1.3), (8, 1.3)])
def test_sdg_11_2_1_against_brute_force(min_deps, circuity):
    cells, stops, zones = _cells(), _stops(), _zones()

    def covered(p: Point) -> bool:
        for _, s in stops.iterrows():
            if s.capacity not in ("low", "high") or not s.served:
                continue
            if min_deps is not None and s.departures_per_hour < min_deps:
                continue
            d = math.hypot(p.x - s.geometry.x, p.y - s.geometry.y) * circuity
            if d <= (500 if s.capacity == "low" else 1000):
                return True
        return False

    res = sdg_11_2_1(cells, stops, zones, min_departures_per_hour=min_deps, circuity=circuity)
    _check(res, *_brute_share(cells, covered))
    assert res.key == "sdg_11_2_1" and res.sdg == "11.2.1" and res.base == "bosatte"
    assert 0 < res.municipal < 100  # the random layout is neither all nor nothing
    assert "11.2.1" in repr(res)


def test_sdg_11_2_1_threshold_is_inclusive_and_high_capacity_reaches_farther():
    zones = _zones()
    cells = gpd.GeoDataFrame({"population": [10, 20, 30], "zone_id": ["A", "A", "B"]},
                             geometry=[Point(X0 + 100, Y0 + 100), Point(X0 + 100, Y0 + 900),
                                       Point(X0 + 2000, Y0 + 100)], crs=CRS)
    stops = gpd.GeoDataFrame({"capacity": ["low", "high"]},
                             geometry=[Point(X0 + 100, Y0 + 600), Point(X0 + 2000, Y0 + 1100)], crs=CRS)
    res = sdg_11_2_1(cells, stops, zones)
    # cell 1: 500 m to the bus stop (inclusive); cell 2: 300 m; cell 3: 1000 m to the rail stop
    assert res.per_point["covered"].tolist() == [True, True, True]
    stops.loc[1, "capacity"] = "low"  # the same stop as a bus stop is too far
    res = sdg_11_2_1(cells, stops, zones)
    assert res.per_point["covered"].tolist() == [True, True, False]
    assert res.per_zone.loc["B", "value"] == 0 and res.municipal == pytest.approx(50.0)


def test_sdg_11_2_1_without_stops_warns():
    cells, zones = _cells(n=5), _zones()
    stops = gpd.GeoDataFrame({"capacity": ["low"], "served": [False]}, geometry=[Point(X0, Y0)], crs=CRS)
    res = sdg_11_2_1(cells, stops, zones)
    assert res.municipal == 0 and any("no stop qualifies" in w.message for w in res.warnings)
    with pytest.raises(DataError, match="departures_per_hour"):
        sdg_11_2_1(cells, stops, zones, min_departures_per_hour=2)
    with pytest.raises(DataError, match="circuity"):
        sdg_11_2_1(cells, stops, zones, circuity=0.5)
    with pytest.raises(DataError, match="EPSG:25832"):
        sdg_11_2_1(cells.to_crs(4326), stops, zones)


def test_route_capacity():
    assert route_capacity(3) == "low" and route_capacity(0) == "low"
    assert {route_capacity(t) for t in (1, 2, 4, 12, 100, 109, 401, 1000, 1200)} == {"high"}
    assert {route_capacity(t) for t in (700, 715, 800, 900, 1300, 1400, -1)} == {"low"}
    assert route_capacity(1100) is None and route_capacity(1501) is None


def _feed(path) -> str:
    """A GTFS feed: a bus (route type 3) A–B every 20 min and a train (2) C–D once an hour."""
    to_ll = Transformer.from_crs(25832, 4326, always_xy=True)
    stops = {"A": (X0 + 200, Y0 + 200), "B": (X0 + 1200, Y0 + 200), "C": (X0 + 2500, Y0 + 1500),
             "D": (X0 + 2900, Y0 + 1500), "X": (X0 + 700, Y0 + 1700)}
    lines = ["stop_id,stop_name,stop_lat,stop_lon"]
    for sid, (x, y) in stops.items():
        lon, lat = to_ll.transform(x, y)
        lines.append(f"{sid},Stopp {sid},{lat:.9f},{lon:.9f}")
    trips, st = ["route_id,service_id,trip_id"], ["trip_id,arrival_time,departure_time,stop_id,stop_sequence"]
    for k, minute in enumerate(range(0, 120, 20)):
        t0 = 7 * 60 + minute
        trips.append(f"BUS,WK,b{k}")
        st += [f"b{k},{t0 // 60:02d}:{t0 % 60:02d}:00,{t0 // 60:02d}:{t0 % 60:02d}:00,A,1",
               f"b{k},{(t0 + 5) // 60:02d}:{(t0 + 5) % 60:02d}:00,{(t0 + 5) // 60:02d}:{(t0 + 5) % 60:02d}:00,B,2"]
    for k, hour in enumerate((7, 8)):
        trips.append(f"RAIL,WK,r{k}")
        st += [f"r{k},{hour:02d}:10:00,{hour:02d}:10:00,C,1", f"r{k},{hour:02d}:14:00,{hour:02d}:14:00,D,2"]
    files = {
        "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nA,Test,http://x,Europe/Oslo\n",
        "routes.txt": "route_id,agency_id,route_short_name,route_type\nBUS,A,1,3\nRAIL,A,R1,2\n",
        "stops.txt": "\n".join(lines) + "\n",
        "trips.txt": "\n".join(trips) + "\n",
        "stop_times.txt": "\n".join(st) + "\n",
        "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                        "WK,1,1,1,1,1,0,0,20240101,20241231\n",
    }
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return str(path)


def test_transit_stops_from_gtfs(tmp_path):
    from ungtloft_map.core.analysis.transit.network import prepare_network
    from ungtloft_map.core.io.gtfs import load_gtfs

    net = prepare_network(load_gtfs(_feed(tmp_path / "g.zip"), "2024-03-05"), "07:00-09:00")
    stops = transit_stops(net).set_index("stop_id")
    assert stops.loc["A", "capacity"] == "low" and stops.loc["C", "capacity"] == "high"
    # B and D are last stops: nobody boards there, so they are not served
    assert stops["served"].to_dict() == {"A": True, "B": False, "C": True, "D": False, "X": False}
    assert stops.loc["A", "departures_per_hour"] == pytest.approx(3.0)
    assert stops.loc["C", "departures_per_hour"] == pytest.approx(1.0)
    assert pd.isna(stops.loc["X", "capacity"])

    zones = _zones()
    cells = _cells(seed=5, n=60)
    res = sdg_11_2_1(cells, net, zones)  # a TransitNetwork is accepted as it is

    def covered(p: Point, min_deps: float = 0) -> bool:
        a = math.hypot(p.x - (X0 + 200), p.y - (Y0 + 200)) <= 500 and 3 >= min_deps
        c = math.hypot(p.x - (X0 + 2500), p.y - (Y0 + 1500)) <= 1000 and 1 >= min_deps
        return a or c

    _check(res, *_brute_share(cells, covered))
    res2 = sdg_11_2_1(cells, transit_stops(net), zones, min_departures_per_hour=2)
    _check(res2, *_brute_share(cells, lambda p: covered(p, 2)))
    assert res2.parameters["stops_high"] == 0 and res2.parameters["stops_low"] == 1


# -- SDG 11.7.1 and dwellings ------------------------------------------------------------------


def _green(seed: int = 3, n: int = 14) -> gpd.GeoDataFrame:
    """Random parks, two of them touching parcels, one private."""
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n):
        x, y = rng.uniform(X0, X0 + 3000), rng.uniform(Y0, Y0 + 2000)
        w, h = rng.uniform(20, 120), rng.uniform(20, 120)
        rows.append({"kind": "park", "geometry": box(x, y, x + w, y + h)})
    # two touching 60 × 60 parcels: 3,600 m² each, 7,200 m² as one park
    rows.append({"kind": "park", "geometry": box(X0 + 700, Y0 + 900, X0 + 760, Y0 + 960)})
    rows.append({"kind": "playground", "geometry": box(X0 + 760, Y0 + 900, X0 + 820, Y0 + 960)})
    rows.append({"kind": "private", "geometry": box(X0 + 2200, Y0 + 300, X0 + 2600, Y0 + 700)})
    rows.append({"kind": "forest", "geometry": box(X0 + 100, Y0 + 1700, X0 + 600, Y0 + 2000)})
    return gpd.GeoDataFrame(rows, crs=CRS)


def _brute_dissolve(polys: list) -> list[tuple[list, float]]:
    """Connected groups of touching polygons (double loop + union-find) and their areas."""
    parent = list(range(len(polys)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(polys)):
        for j in range(i + 1, len(polys)):
            if polys[i].distance(polys[j]) <= 0.01:
                parent[find(i)] = find(j)
    groups: dict[int, list] = {}
    for i, p in enumerate(polys):
        groups.setdefault(find(i), []).append(p)
    from shapely.ops import unary_union

    return [(g, unary_union(g).area) for g in groups.values()]


@pytest.mark.parametrize("min_area, circuity", [(0.0, 1.0), (0.0, 1.3), (5000.0, 1.0)])
def test_sdg_11_7_1_against_brute_force(min_area, circuity):
    cells, green, zones = _cells(seed=7, n=90), _green(), _zones()
    public = [g for g, k in zip(green.geometry, green["kind"]) if k != "private"]
    groups = [g for g, area in _brute_dissolve(public) if area >= min_area]

    def covered(p: Point) -> bool:
        return any(poly.distance(p) * circuity <= 400 for group in groups for poly in group)

    res = sdg_11_7_1(cells, green, zones, min_area_m2=min_area, circuity=circuity)
    _check(res, *_brute_share(cells, covered))
    assert res.parameters["private_left_out"] == 1
    assert 0 < res.municipal < 100


def test_touching_parcels_pass_the_size_test_together():
    zones = _zones()
    # a cell 300 m from the two touching 3,600 m² parcels and far from everything else
    cells = gpd.GeoDataFrame({"population": [10], "zone_id": ["A"]},
                             geometry=[Point(X0 + 760, Y0 + 600)], crs=CRS)
    green = _green().iloc[-4:-2]  # the two parcels
    assert sdg_11_7_1(cells, green, zones, min_area_m2=5000).municipal == 100
    assert sdg_11_7_1(cells, green.iloc[:1], zones, min_area_m2=5000).municipal == 0


def test_private_areas_are_left_out():
    g = gpd.GeoDataFrame({"kind": ["park", "Private", "hage", "park"], "public": [True, True, True, "nei"]},
                         geometry=[box(0, 0, 1, 1)] * 4, crs=CRS)
    assert public_open_space(g).index.tolist() == [0]


@pytest.mark.parametrize("distance, circuity", [(300.0, 1.3), (300.0, 1.0), (150.0, 1.3)])
def test_dwellings_outdoor_access_against_brute_force(distance, circuity):
    rng = np.random.default_rng(11)
    n = 120
    x, y = rng.uniform(X0 + 10, X0 + 2990, n), rng.uniform(Y0 + 10, Y0 + 1990, n)
    dw = gpd.GeoDataFrame({"address_id": [f"a{i}" for i in range(n)], "dwellings": rng.integers(1, 40, n)},
                          geometry=[Point(a, b) for a, b in zip(x, y)], crs=CRS)
    # no zone_id: every address is located in the zones
    zones, green = _zones(), _green()
    public = [g for g, k in zip(green.geometry, green["kind"]) if k != "private"]

    def covered(p: Point) -> bool:
        return any(poly.distance(p) * circuity <= distance for poly in public)

    dwz = dw.assign(zone_id=np.where(x < X0 + 1500, "A", "B"))
    res = dwellings_outdoor_access(dw, green, zones, walking_distance_m=distance, circuity=circuity)
    _check(res, *_brute_share(dwz, covered, weight="dwellings"))
    assert res.base == "boliger" and res.base_total == dw["dwellings"].sum()
    assert "dwellings" in repr(res)


def test_dwellings_bad_counts():
    zones, green = _zones(), _green()
    dw = gpd.GeoDataFrame({"dwellings": [3, -1]}, geometry=[Point(X0 + 5, Y0 + 5)] * 2, crs=CRS)
    with pytest.raises(DataError, match="layer 'dwellings', field 'dwellings', row 2"):
        dwellings_outdoor_access(dw, green, zones)
    with pytest.raises(DataError, match="no dwellings field"):
        dwellings_outdoor_access(dw.drop(columns="dwellings"), green, zones)


def test_network_distance_option():
    from shapely.geometry import LineString

    zones = _zones()
    # A resident on a path 300 m from a park across a river: the park's nearest paths are on the
    # other bank, and the only bridge is 1 km north.
    cells = gpd.GeoDataFrame({"population": [10], "zone_id": ["A"]}, geometry=[Point(X0 + 500, Y0 + 500)], crs=CRS)
    green = gpd.GeoDataFrame({"kind": ["park"]}, geometry=[box(X0 + 800, Y0 + 450, X0 + 900, Y0 + 550)], crs=CRS)
    near_bank = LineString([(X0 + 500, Y0 + 500), (X0 + 500, Y0 + 1500)])
    far_bank = LineString([(X0 + 910, Y0), (X0 + 910, Y0 + 1500)])
    bridge = LineString([(X0 + 500, Y0 + 1500), (X0 + 910, Y0 + 1500)])
    assert sdg_11_7_1(cells, green, zones).municipal == 100
    no_bridge = gpd.GeoDataFrame(geometry=[near_bank, far_bank], crs=CRS)
    assert sdg_11_7_1(cells, green, zones, network=no_bridge).municipal == 0
    with_bridge = gpd.GeoDataFrame(geometry=[near_bank, far_bank, bridge], crs=CRS)
    assert sdg_11_7_1(cells, green, zones, network=with_bridge).municipal == 0
    res = sdg_11_7_1(cells, green, zones, network=with_bridge, distance_m=2500)
    assert res.municipal == 100 and res.parameters["network"] and "gangnettet" in res.definition


def test_area_value_from_counts():
    cells, green, zones = _cells(seed=7, n=90), _green(), _zones()
    res = sdg_11_7_1(cells, green, zones)
    assert res.area_value(["A", "B"]) == pytest.approx(res.municipal)
    assert res.area_value(["A"]) == pytest.approx(res.per_zone.loc["A", "value"])


def test_demo_project(demo_project):
    p = demo_project
    ind = compute_sdg_indicators(p)
    assert set(ind.results) == {"sdg_11_2_1", "sdg_11_7_1", "dwellings_outdoor_access"} and not ind.errors
    for res in ind.results.values():
        assert len(res.per_zone) == len(p.zones) and 0 < res.municipal < 100
        assert isinstance(res.per_zone, pd.DataFrame) and res.per_zone["value"].between(0, 100).all()
    assert compute_sdg_indicators(p) is ind  # cached on the project
    strict = compute_sdg_indicators(p, min_departures_per_hour=8)
    assert strict["sdg_11_2_1"].municipal < ind["sdg_11_2_1"].municipal
    # the demo residents counted are the population grid's
    assert ind["sdg_11_7_1"].base_total == p.layer("population")["population"].sum()


def test_missing_layers_are_named(tiny_project_dir):
    from ungtloft_map.core.project import Project

    ind = compute_sdg_indicators(Project.load(tiny_project_dir))
    assert not ind.results
    assert "GTFS" in ind.errors["sdg_11_2_1"] and "grøntområder" in ind.errors["sdg_11_7_1"]
    assert "boliger" in ind.errors["dwellings_outdoor_access"]
