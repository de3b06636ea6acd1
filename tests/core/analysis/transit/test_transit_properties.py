"""Property tests on random small networks, and fast == reference on the real AtB feed."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ungtloft_map.core.analysis.transit import TransitParams, compute_matrix, prepare_network
from ungtloft_map.core.io.gtfs import GtfsDay, load_gtfs

X0, Y0 = 570000.0, 7034000.0


@st.composite
def networks(draw):
    n_stops = draw(st.integers(2, 7))
    xy = np.array(draw(st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 3000)),
                                min_size=n_stops, max_size=n_stops)), dtype=float)
    station = np.array(draw(st.lists(st.integers(0, n_stops - 1), min_size=n_stops,
                                     max_size=n_stops)), dtype=np.int32)
    n_trips = draw(st.integers(1, 8))
    ev = []
    for t in range(n_trips):
        calls = draw(st.lists(st.integers(0, n_stops - 1), min_size=2, max_size=5))
        time = draw(st.integers(7 * 3600 + 3000, 8 * 3600 + 1800))
        for k, s in enumerate(calls):
            if k:
                time += draw(st.integers(0, 600))
            arr = time
            time += draw(st.sampled_from([0, 0, 30, 60]))
            pick, drop = draw(st.sampled_from([(True, True)] * 4 + [(False, True), (True, False)]))
            ev.append((t, s, arr, time, pick, drop))
    ev = np.array(ev, dtype=np.int64)
    day = GtfsDay(
        file="random.zip", date=dt.date(2024, 5, 14), stop_ids=np.array([f"S{i}" for i in
                                                                          range(n_stops)]),
        stop_names=np.array([f"S{i}" for i in range(n_stops)]), stop_lon=np.zeros(n_stops),
        stop_lat=np.zeros(n_stops), stop_x=X0 + xy[:, 0], stop_y=Y0 + xy[:, 1],
        stop_station=station, trip_ids=np.array([f"T{i}" for i in range(n_trips)]),
        trip_route_ids=np.array(["R"] * n_trips), trip_route_types=np.full(n_trips, 3),
        ev_trip=ev[:, 0].astype(np.int32), ev_stop=ev[:, 1].astype(np.int32),
        ev_arr=ev[:, 2].astype(np.int32), ev_dep=ev[:, 3].astype(np.int32),
        ev_pickup=ev[:, 4].astype(bool), ev_dropoff=ev[:, 5].astype(bool),
        fingerprint=f"random-{draw(st.integers(0, 10**12))}")
    params = TransitParams(min_transfer_s=draw(st.sampled_from([0, 60, 120])),
                           max_travel_s=draw(st.sampled_from([1800, 7200])))
    net = prepare_network(day, "08:00-08:10", params)
    pts = np.array(draw(st.lists(st.tuples(st.integers(-500, 3500), st.integers(-500, 3500)),
                                 min_size=4, max_size=4)), dtype=float) + [X0, Y0]
    return net, pts[:2], pts[2:]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_kernels_agree_and_travel_times_are_consistent(case):
    net, origins, dests = case
    fast = compute_matrix(net, origins, dests, keep_minutes=True, cache=False).seconds
    ref = compute_matrix(net, origins, dests, kernel="reference", keep_minutes=True,
                         cache=False).seconds
    np.testing.assert_array_equal(fast, ref)
    group = compute_matrix(net, origins, {"g": dests}, keep_minutes=True, cache=False).seconds
    tt = fast.astype(np.int64)
    reach = tt >= 0
    best_single = np.where(reach, tt, 10**9).min(axis=1)
    np.testing.assert_array_equal(group[:, 0], np.where(best_single == 10**9, -1, best_single))
    limit = net.params.max_travel_s
    for o in range(2):
        for d in range(2):
            walk = int(net.params.walk_seconds(np.hypot(*(origins[o] - dests[d]))))
            row = tt[o, d]
            # never slower than walking the whole way
            if walk <= limit:
                assert reach[o, d].all() and (row <= walk).all()
            # leaving a minute earlier never arrives later (arrival is monotone in departure)
            for m in range(len(row) - 1):
                if row[m + 1] >= 0 and row[m + 1] + 60 <= limit:
                    assert 0 <= row[m] <= row[m + 1] + 60


@pytest.mark.realdata
@pytest.mark.slow
def test_fast_equals_reference_on_atb(shared_data):
    import geopandas as gpd
    import shapely

    day = load_gtfs(shared_data / "trondheim" / "atb_entur_gtfs_2020-12-14.zip")
    net = prepare_network(day, "07:00-09:00")
    border = gpd.read_file(shared_data / "trondheim" / "trondheim_5001_kommunegrense.geojson")
    area = border.to_crs(25832).geometry.union_all()
    stops = net.stop_xy[net.active_stops]
    inside = stops[shapely.contains_xy(area, stops[:, 0], stops[:, 1])]
    rng = np.random.default_rng(42)
    origins = inside[rng.choice(len(inside), 50, replace=False)] + rng.normal(0, 300, (50, 2))
    dests = inside[rng.choice(len(inside), 4, replace=False)]
    targets = {f"d{i}": dests[i:i + 1] for i in range(4)}
    targets["nearest"] = inside[rng.choice(len(inside), 5, replace=False)]
    fast = compute_matrix(net, origins, targets, keep_minutes=True, cache=False)
    ref = compute_matrix(net, origins, targets, kernel="reference", keep_minutes=True,
                         cache=False)
    np.testing.assert_array_equal(fast.seconds, ref.seconds)
    assert (fast.seconds >= 0).mean() > 0.5  # the comparison is not vacuous
