"""Access measures per zone and isochrones, on hand-made feeds."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from ungtloft_map.core.analysis.transit import prepare_network
from ungtloft_map.core.analysis.transit.access import ZONE_COLUMNS, transit_access
from ungtloft_map.core.analysis.transit.isochrone import isochrones
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.io.gtfs import load_gtfs

DAY = "2024-05-14"
STOPS = {"A": (0, 0), "A2": (100, 0), "B": (9000, 0), "C": (18000, 0)}


def network(feed, window="08:00-09:00"):
    path = feed(STOPS, [
        # two trips leaving A in the window, one of them also calls at A2 (counted once)
        ("T1", "WK", [("A", "08:05:00", "08:05:00"), ("A2", "08:06:00", "08:06:00"),
                      ("B", "08:15:00", "08:15:00")]),
        ("T2", "WK", [("A", "08:35:00", "08:35:00"), ("B", "08:45:00", "08:45:00")]),
        ("T3", "WK", [("A2", "10:00:00", "10:00:00"), ("C", "10:20:00", "10:20:00")]),
        ("T4", "WK", [("B", "08:20:00", "08:20:00"), ("C", "08:30:00", "08:30:00")]),
    ])
    return prepare_network(load_gtfs(path, DAY), window)


def test_access_measures(feed):
    net = network(feed)
    cells = gpd.GeoDataFrame(
        {"zone_id": ["z1", "z1", "z2"], "population": [10, 30, 5]},
        geometry=[shapely.box(*(np.r_[feed.xy(-250, -50), feed.xy(-150, 50)])),  # centre -200,0
                  shapely.Point(feed.xy(0, 300)), shapely.Point(feed.xy(-4000, 0))],
        crs=25832)
    dests = gpd.GeoDataFrame({"category": ["centre", "upper_secondary", "hospital"]},
                             geometry=[shapely.Point(feed.xy(9000, 0)),
                                       shapely.Point(feed.xy(18000, 0)),
                                       shapely.Point(feed.xy(0, 0))], crs=25832)
    acc = transit_access(net, cells, dests, zone_ids=["z1", "z2", "z3"])
    c = acc.cells
    assert c["dist_to_stop_m"].round(2).tolist() == [200.0, 300.0, 4000.0]
    # T1 (A and A2 count once) + T2 in one hour; the far cell has none
    assert c["departures_per_hour_500m"].tolist() == [2.0, 2.0, 0.0]
    t = c["time_to_centre_min"]
    assert t.iloc[2] != t.iloc[2]  # 4 km from A: beyond the 20 min access walk, 150 min walk
    # T1 or T2 can be caught leaving 08:00..08:31 (200 s walk to A), later nothing: 32/60
    assert c.loc[0, "share_reachable_centre"] == pytest.approx(32 / 60)
    # tt: 08:00 -> 15, 08:01 -> 14 (T1); 08:02..08:31 -> 43..14 (T2 at 08:45); 28 x unreachable
    # nearest-rank median = 30th smallest of 60 = 41 (values 14,14,15,15,16,17,...,43)
    assert t.iloc[0] == 41.0
    z = acc.zones
    assert list(z.columns) == list(ZONE_COLUMNS)
    assert list(z.index) == ["z1", "z2", "z3"]
    assert z.loc["z1", "population"] == 40
    # population-weighted mean: (10*200 + 30*300) / 40
    assert z.loc["z1", "dist_to_stop_m"] == pytest.approx(275.0)
    # weighted median of the two cells of z1 is the 30-person cell's value
    assert z.loc["z1", "time_to_centre_min"] == c.loc[1, "time_to_centre_min"]
    assert np.isnan(z.loc["z3", "dist_to_stop_m"])
    assert np.isnan(z.loc["z2", "time_to_school_min"])
    assert "TransitAccess(zones=3" in repr(acc)


def test_access_refuses_bad_input(feed):
    net = network(feed)
    cells = gpd.GeoDataFrame({"zone_id": ["z"]}, geometry=[shapely.Point(feed.xy(0))], crs=25832)
    dests = gpd.GeoDataFrame({"category": ["centre"]}, geometry=[shapely.Point(feed.xy(0))],
                             crs=25832)
    with pytest.raises(DataError, match="field 'population'"):
        transit_access(net, cells, dests)
    cells["population"] = [1]
    with pytest.raises(DataError, match="EPSG:25832"):
        transit_access(net, cells.to_crs(4326), dests)
    acc = transit_access(net, cells, dests)
    assert any("upper_secondary" in w.message for w in acc.warnings)


def test_isochrone_by_hand(feed):
    net = network(feed, window="08:00-08:02")
    iso = isochrones(net, feed.xy(0), minutes=(15, 30, 45))
    p = iso.polygons.set_index("minutes")
    # within 15 min: only the walking disc of 900 m around the point (T1 reaches B after 15)
    assert p.loc[15, "geometry"].area == pytest.approx(np.pi * 900**2, rel=0.02)
    # B: leave 08:00 → arrive 08:15 (15 min), 08:01 → 14 min; median (nearest rank) = 14 min
    assert iso.stop_minutes[list(net.day.stop_ids).index("B")] == 14.0
    b = shapely.Point(feed.xy(9000))
    assert p.loc[30, "geometry"].contains(b)
    # 30 min budget leaves 16 min = 960 m around B
    assert p.loc[30, "geometry"].contains(shapely.Point(feed.xy(9000 + 950)))
    assert not p.loc[30, "geometry"].contains(shapely.Point(feed.xy(9000 + 970)))
    # T4 leaves B 08:20 (> 60 s after 08:15) to C at 08:30: 30/29 min, median 29
    assert iso.stop_minutes[list(net.day.stop_ids).index("C")] == 29.0
    assert p.loc[45, "geometry"].contains(shapely.Point(feed.xy(18000 + 900)))
    # egress walks are capped at 20 min
    assert not p.loc[45, "geometry"].contains(shapely.Point(feed.xy(9000 + 1250)))
    assert list(iso.polygons["minutes"]) == [45, 30, 15]
    assert "IsochroneResult(" in repr(iso)
    ref = isochrones(net, feed.xy(0), minutes=(15, 30, 45), kernel="reference")
    np.testing.assert_array_equal(ref.stop_minutes, iso.stop_minutes)


def test_isochrone_lonlat_input(feed):
    from pyproj import Transformer

    net = network(feed, window="08:00-08:02")
    lon, lat = Transformer.from_crs(25832, 4326, always_xy=True).transform(*feed.xy(0))
    iso = isochrones(net, (lon, lat), crs=4326, minutes=(30,))
    assert iso.origin_xy == pytest.approx(feed.xy(0), abs=1e-3)
    with pytest.raises(DataError):
        isochrones(net, (500000.0, 7000000.0), crs=4326)


def test_access_on_the_demo(demo_dir):
    gpkg = demo_dir / "fjordvik.gpkg"
    cells = gpd.read_file(gpkg, layer="population")
    dests = gpd.read_file(gpkg, layer="destinations")
    zones = gpd.read_file(gpkg, layer="zones")
    net = prepare_network(load_gtfs(demo_dir / "gtfs.zip"), "07:00-09:00")
    acc = transit_access(net, cells, dests, zone_ids=zones["zone_id"])
    assert list(acc.zones.index) == list(zones["zone_id"])
    assert len(acc.cells) == len(cells)
    populated = acc.zones[acc.zones["population"] > 0]
    assert populated["dist_to_stop_m"].notna().all()
    assert populated["time_to_centre_min"].notna().mean() > 0.5
    assert (populated["departures_per_hour_500m"] >= 0).all()
    iso = isochrones(net, tuple(acc.cells[["x", "y"]].iloc[0]))
    assert (iso.polygons["area_km2"] > 0).all()
