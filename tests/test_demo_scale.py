"""Larger fictional towns from the demo generator (``python -m ungtloft_map.demo --scale N``).

Scale 1 is the committed demo (``tests/test_demo.py`` compares it byte for byte); here a scale-2
town is built in memory and checked for the same structure at twice the size.
"""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pandas as pd
import pytest
import shapely

from ungtloft_map import demo


@pytest.fixture(scope="module")
def towns() -> dict[int, dict]:
    return {1: demo.build(scale=1), 2: demo.build(scale=2)}


def _stops(data: dict) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(data["gtfs"]["stops.txt"]), dtype=str)


@pytest.mark.slow
def test_scale_two_has_twice_the_town(towns: dict[int, dict]) -> None:
    one, two = towns[1]["layers"], towns[2]["layers"]
    for role in ("zones", "population", "dwellings"):
        ratio = len(two[role]) / len(one[role])
        assert 1.6 < ratio < 2.6, (role, len(one[role]), len(two[role]))
    residents = [int(t["population"]["population"].sum()) for t in (one, two)]
    assert abs(residents[1] - 2 * residents[0]) < 0.01 * residents[0]
    dwellings = [int(t["dwellings"]["dwellings"].sum()) for t in (one, two)]
    assert 1.8 < dwellings[1] / dwellings[0] < 2.2
    assert len(two["districts"]) == 7
    area = [t["boundary"].area.iloc[0] for t in (one, two)]
    assert area[1] / area[0] == pytest.approx(2.0, rel=0.02)
    assert len(_stops(towns[2])) > 3 * len(_stops(towns[1]))


@pytest.mark.slow
def test_scale_two_keeps_the_contract(towns: dict[int, dict]) -> None:
    layers = towns[2]["layers"]
    zones = layers["zones"]
    assert zones["zone_id"].is_unique and zones["zone_name"].is_unique
    assert zones["zone_id"].str.fullmatch(r"\d{4}").all()
    assert set(zones["district_id"]) == set(layers["districts"]["district_id"])
    assert (layers["districts"].geom_type == "Polygon").all()  # contiguous bydeler
    assert zones.geometry.is_valid.all()
    union = shapely.coverage_union_all(zones.geometry.values)
    assert union.area == pytest.approx(layers["boundary"].area.iloc[0], rel=1e-9)
    cells = layers["population"]
    assert set(cells["zone_id"]) <= set(zones["zone_id"])
    bands = cells[["pop_0_17", "pop_18_29", "pop_30_66", "pop_67"]].sum(axis=1)
    assert (bands == cells["population"]).all()
    assert cells["ssbid"].is_unique
    table = towns[2]["indicators"]
    assert set(table["zone_id"]) == set(zones["zone_id"])
    counts = table.filter(like="_count").to_numpy()
    denoms = table.filter(like="_denom").to_numpy()
    assert (counts <= denoms).all() and (counts >= 0).all()
    # Every plan lies on land in the larger town too.
    land = layers["boundary"].geometry.iloc[0]
    for key in ("plan_a", "plan_c"):
        assert towns[2][key].geometry.within(land.buffer(1.0)).all()
    stops = _stops(towns[2])
    assert stops["stop_id"].is_unique
    stop_ids = set(stops["stop_id"])
    times = pd.read_csv(io.StringIO(towns[2]["gtfs"]["stop_times.txt"]), dtype=str)
    assert set(times["stop_id"]) <= stop_ids
    dest = layers["destinations"]
    assert shapely.within(dest.geometry.values, land).all()


@pytest.mark.slow
def test_scale_four_has_about_12000_populated_cells() -> None:
    """Issue 15: a town four times the size has ~800,000 residents in ~12,000 populated cells.

    Only the steps up to the population grid are run, with the random draws of ``build``.
    """
    from ungtloft_map._demo.landscape import make_landscape
    from ungtloft_map._demo.people import make_population
    from ungtloft_map._demo.zones import make_zones

    rng = np.random.default_rng(demo.SEED)
    scape = make_landscape(4)
    zones, districts = make_zones(scape, rng)
    cells = make_population(scape, zones, rng)
    assert 11_400 <= len(cells) <= 12_600
    assert 0.99 < cells["population"].sum() / 800_000 < 1.01
    assert (cells["population"] > 0).all() and cells["ssbid"].is_unique
    assert len(zones) == 200 and 14 <= len(districts) <= 16


def test_scale_must_be_a_whole_number() -> None:
    with pytest.raises(ValueError, match="scale"):
        demo.build(scale=0)
    with pytest.raises(SystemExit):
        demo.main(["--scale", "0", "--out", "/nonexistent-never-written"])


@pytest.mark.slow
def test_zip_is_readable_at_scale_two(towns: dict[int, dict], tmp_path) -> None:
    path = tmp_path / "gtfs.zip"
    demo._write_zip(path, towns[2]["gtfs"])
    with zipfile.ZipFile(path) as zf:
        assert "stop_times.txt" in zf.namelist()
        assert np.isfinite(pd.read_csv(zf.open("stops.txt"))["stop_lat"]).all()
