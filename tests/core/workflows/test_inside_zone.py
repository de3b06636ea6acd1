"""Inside-zone cells (core/workflows/inside_zone.py): the population cells of a candidate with
their access figures, small counts withheld by the one privacy rule."""

from __future__ import annotations

from types import SimpleNamespace

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import box

from ungtloft_map.core.analysis import privacy
from ungtloft_map.core.analysis.targeting import Candidate
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.workflows.inside_zone import inside_zone_cells

X0, Y0 = 560_000.0, 7_030_000.0


def grid(nx: int, ny: int, size: float = 1000.0) -> gpd.GeoDataFrame:
    """nx x ny square zones, ids "r{row}c{col}", index zone_id."""
    rows = []
    for j in range(ny):
        for i in range(nx):
            zid = f"r{j}c{i}"
            rows.append({"zone_id": zid, "zone_name": f"Sone {zid}",
                         "geometry": box(X0 + i * size, Y0 + j * size,
                                         X0 + (i + 1) * size, Y0 + (j + 1) * size)})
    return gpd.GeoDataFrame(rows, crs="EPSG:25832").set_index("zone_id", drop=False)


def _project_and_themes(pops=(0, 3, 12, 40)):
    zones = grid(3, 2)
    cells = []
    for zid, z in zones.iterrows():
        minx, miny = z.geometry.bounds[:2]
        for a in range(2):
            for b in range(2):
                cells.append({"ssbid": f"{zid}{a}{b}", "zone_id": zid, "population": pops[2 * a + b],
                              "geometry": box(minx + a * 250, miny + b * 250,
                                              minx + (a + 1) * 250, miny + (b + 1) * 250)})
    pop = gpd.GeoDataFrame(cells, crs="EPSG:25832")
    project = SimpleNamespace(layer=lambda role: pop if role == "population" else None, zones=zones)
    themes = SimpleNamespace(green=None, transit=None)
    return project, themes


def test_inside_zone_cells_suppresses_small_cells():
    project, _ = _project_and_themes()
    zones, pop = project.zones, project.layer("population")
    per_cell = pop[["zone_id", "population"]].assign(green_distance_m=np.arange(len(pop)) * 100.0,
                                                      green_covered=np.arange(len(pop)) % 2 == 0)
    tcells = pop[["zone_id", "population"]].assign(time_to_centre_min=np.arange(len(pop)) + 10.0)
    themes = SimpleNamespace(green=SimpleNamespace(per_cell=per_cell),
                             transit=SimpleNamespace(cells=tcells))
    out = inside_zone_cells(project, ["r0c0", "r0c1"], themes)
    assert len(out) == 8 and set(out["zone_id"]) == {"r0c0", "r0c1"}
    assert out["suppressed"].tolist() == [False, True, False, False] * 2
    assert out["population"].isna().tolist() == [False, True, False, False] * 2
    assert out["population"].tolist()[:1] == [0.0]  # 0 is shown, as SSB does
    assert out["green_distance_m"].tolist()[:4] == [0.0, 100.0, 200.0, 300.0]
    assert out["time_to_centre_min"].tolist()[4] == 14.0
    assert out["dist_to_stop_m"].isna().all()  # not in the transit cells given
    assert out.crs == pop.crs and list(out.columns)[:3] == ["ssbid", "zone_id", "population"]
    raw = inside_zone_cells(project, Candidate("A", ["r0c0"]), themes, suppress=False)
    assert raw["population"].tolist() == [0.0, 3.0, 12.0, 40.0]
    assert raw["suppressed"].tolist() == [False, True, False, False]
    with pytest.raises(DataError, match="not in the zone table: zz"):
        inside_zone_cells(project, ["zz"], themes)
    # Cells without a zone id are placed by their centroid.
    bare = pop.drop(columns="zone_id")
    project2 = SimpleNamespace(layer=lambda role: bare if role == "population" else None,
                               zones=zones)
    out2 = inside_zone_cells(project2, ["r1c2"], themes)
    assert out2["zone_id"].tolist() == ["r1c2"] * 4
    assert out2.index.tolist() == [20, 21, 22, 23]  # the layer's own row index


# --------------------------------------------------------------------------------------------
# On the demo municipality
# --------------------------------------------------------------------------------------------


def test_inside_zone_cells_follow_the_privacy_threshold(monkeypatch):
    # Cells of 0, 3, 12 and 40 residents: with the threshold at 5 only the 3 is withheld, at
    # 13 the 12 too -- the threshold is read from privacy at call time, never a local literal.
    project, themes = _project_and_themes()
    out = inside_zone_cells(project, ["r0c0"], themes)
    assert out["suppressed"].tolist() == [False, True, False, False]
    monkeypatch.setattr(privacy, "DEFAULT_THRESHOLD", 13)
    out = inside_zone_cells(project, ["r0c0"], themes)
    assert out["suppressed"].tolist() == [False, True, True, False]
    assert out["population"].isna().tolist() == [False, True, True, False]


def test_inside_zone_cells_without_population_layer():
    project, themes = _project_and_themes()
    project.layer = lambda role: None
    with pytest.raises(DataError, match="no population layer"):
        inside_zone_cells(project, ["r0c0"], themes)
