"""Areal apportioning of population cells to zones (EJScreen)."""

from __future__ import annotations

import numpy as np
from shapely.geometry import Point, Polygon, box

from tests.factories import gdf
from ungtloft_map.core.analysis.apportion import cells_by_zone, zone_grid


def test_a_cell_across_two_zones_is_split_by_area():
    zones = gdf([box(0, 0, 300, 1000), box(300, 0, 1000, 1000)], zone_id=["A", "B"])
    cells = gdf([box(0, 0, 1000, 1000)], population=[100.0], pop_0_17=[20.0])
    res = cells_by_zone(cells, zones)
    by_zone = res.cells.groupby("zone_id")[["population", "pop_0_17"]].sum()
    assert by_zone.loc["A"].tolist() == [30.0, 6.0] and by_zone.loc["B"].tolist() == [70.0, 14.0]
    assert res.n_apportioned == 1 and res.residents_outside == 0


def test_the_part_outside_every_zone_is_reported():
    zones = gdf([box(0, 0, 500, 1000)], zone_id=["A"])
    cells = gdf([box(0, 0, 1000, 1000), box(2000, 0, 3000, 1000)], population=[100.0, 40.0])
    res = cells_by_zone(cells, zones)
    assert res.cells["population"].sum() == 50.0
    assert res.residents_outside == 90.0
    assert "90 residents live in the parts of those cells outside every zone" in res.warnings[0].message


def test_known_zone_ids_kept_unknown_ones_apportioned_and_named():
    zones = gdf([box(0, 0, 500, 500), box(500, 0, 1000, 500)], zone_id=["A", "B"])
    cells = gdf([box(0, 0, 250, 250), box(250, 0, 750, 250), box(750, 0, 1000, 250)],
                population=[10.0, 20.0, 30.0], zone_id=["B", None, "X9"])
    res = cells_by_zone(cells, zones)
    by_zone = res.cells.groupby("zone_id")["population"].sum().to_dict()
    # the first cell keeps its own zone id (B) although it lies in A: the data says so
    assert by_zone == {"A": 10.0, "B": 10.0 + 10.0 + 30.0}
    assert res.n_apportioned == 2 and "X9" in res.warnings[0].message


def test_a_cell_touching_a_zone_along_an_edge_gives_a_polygon_part():
    zone = Polygon([(0, 0), (100, 0), (100, 50), (150, 50), (150, 100), (0, 100)])
    res = cells_by_zone(gdf([box(100, 0, 200, 100)], population=[10.0]), gdf([zone], zone_id=["A"]))
    assert res.cells.geom_type.tolist() == ["Polygon"]
    assert res.cells["population"].tolist() == [2.5]


def test_points_count_whole_and_once_on_a_shared_boundary():
    zones = gdf([box(0, 0, 500, 500), box(500, 0, 1000, 500)], zone_id=["A", "B"])
    pts = gdf([Point(500, 250), Point(100, 100), Point(5000, 100)], population=[7.0, 3.0, 9.0])
    res = cells_by_zone(pts, zones)
    assert res.cells["population"].sum() == 10.0
    assert len(res.cells) == 2


def test_coarse_cells_warn_fine_cells_do_not():
    small = gdf([box(i * 500, 0, (i + 1) * 500, 500) for i in range(4)], zone_id=list("ABCD"))
    coarse = cells_by_zone(gdf([box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)], population=[5.0, 5.0]),
                           small)
    assert any("coarse" in w.message and "about 1 km across" in w.message for w in coarse.warnings)
    fine_cells = gdf([box(x, y, x + 100, y + 100) for x in range(0, 2000, 100) for y in range(0, 500, 100)],
                     population=[1.0] * 100)
    assert not any("coarse" in w.message for w in cells_by_zone(fine_cells, small).warnings)


def test_zone_grid_covers_each_zone_exactly():
    zones = gdf([box(10, 10, 610, 410), Polygon([(610, 10), (900, 10), (610, 400)])], zone_id=["A", "B"])
    grid = zone_grid(zones)
    areas = grid.groupby("zone_id")["area_m2"].sum()
    assert np.allclose(areas.to_numpy(), zones.area.to_numpy())
    assert grid.geometry.bounds["minx"].min() == 10  # cut at the zone edge ...
    assert (grid.geometry.bounds["maxx"] - grid.geometry.bounds["minx"] <= 250 + 1e-9).all()  # ... 250 m cells
