"""Tests of the fictional demo municipality generator (:mod:`ungtloft_map.demo`).

The committed ``geodata/demo`` must be exactly what the generator makes: CSV, GeoJSON, SOSI,
manifest and GTFS zip byte for byte, the GeoPackage by content (attributes + WKB per layer),
because SQLite file bytes are not reproducible.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from ungtloft_map import demo

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "geodata" / "demo"
KEYS = [
    i["key"]
    for i in json.loads((ROOT / "ungtloft_map/core/data/catalogue.json").read_text("utf-8"))[
        "indicators"
    ]
]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly generated copy of the demo data."""
    out = tmp_path_factory.mktemp("fjordvik")
    demo.generate(out)
    return out


@pytest.fixture(scope="module")
def layers(fresh: Path) -> dict[str, gpd.GeoDataFrame]:
    return {role: gpd.read_file(fresh / demo.GPKG, layer=role) for role in demo.LAYER_ROLES}


@pytest.fixture(scope="module")
def indicators(fresh: Path) -> pd.DataFrame:
    return pd.read_csv(fresh / "indicators.csv", dtype={"zone_id": str})


def layer_digest(path: Path, layer: str) -> str:
    """Order-independent content hash of one GeoPackage layer (schema, attributes, WKB)."""
    gdf = gpd.read_file(path, layer=layer)
    frame = pd.DataFrame(gdf.drop(columns="geometry"))
    frame["_wkb"] = shapely.to_wkb(gdf.geometry.values, hex=True, byte_order=1)
    frame = frame.sort_values(list(frame.columns), kind="mergesort").reset_index(drop=True)
    text = (
        str(gdf.crs.to_epsg())
        + "|"
        + str(list(gdf.dtypes.astype(str)))
        + "|"
        + frame.to_csv(index=False)
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- determinism ---------------------------------------------------------------------------


def test_committed_demo_matches_the_generator(fresh: Path) -> None:
    assert (COMMITTED / "manifest.json").exists(), "run `make demo` and commit geodata/demo"
    committed = sorted(
        p.relative_to(COMMITTED).as_posix() for p in COMMITTED.rglob("*") if p.is_file()
    )
    generated = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file())
    assert committed == generated
    for rel in generated:
        if rel == demo.GPKG:
            continue
        assert (fresh / rel).read_bytes() == (COMMITTED / rel).read_bytes(), (
            f"{rel} differs: run `make demo`"
        )
    assert [n for n, _ in pyogrio.list_layers(fresh / demo.GPKG)] == [
        n for n, _ in pyogrio.list_layers(COMMITTED / demo.GPKG)
    ]
    for role in demo.LAYER_ROLES:
        assert layer_digest(fresh / demo.GPKG, role) == layer_digest(COMMITTED / demo.GPKG, role), (
            role
        )


# -- manifest and layers ---------------------------------------------------------------------


def test_manifest(fresh: Path) -> None:
    m = json.loads((fresh / "manifest.json").read_text("utf-8"))
    assert m["fictional"] is True and m["crs"] == "EPSG:25832"
    assert m["name"] == "Fjordvik kommune (fiktiv demokommune)"
    assert list(m["layers"]) == list(demo.LAYER_ROLES)
    assert all(v == {"path": "fjordvik.gpkg", "layer": k} for k, v in m["layers"].items())
    assert m["indicators"] == {"path": "indicators.csv"} and m["gtfs"] == {"path": "gtfs.zip"}
    assert len(m["plans"]) == 3 and all(
        (fresh / p["path"]).is_file() and p["name"] for p in m["plans"]
    )
    assert m["attribution"] and m["version"]


def test_every_layer_is_in_epsg_25832(layers: dict[str, gpd.GeoDataFrame], fresh: Path) -> None:
    for role, gdf in layers.items():
        assert gdf.crs is not None and gdf.crs.to_epsg() == 25832, role
        assert len(gdf) > 0 and gdf.is_valid.all(), role
    for name in ("plan_a_boligfelt.geojson", "plan_c_sentrum.geojson"):
        plan = gpd.read_file(fresh / "plans" / name)
        assert plan.crs.to_epsg() == 25832
        assert {"plan_id", "name", "arealformal", "municipal_units", "other_units"} <= set(
            plan.columns
        )


def test_contract_fields(layers: dict[str, gpd.GeoDataFrame]) -> None:
    fields = {
        "boundary": {"name"},
        "water": {"kind", "name"},
        "districts": {"district_id", "district_name"},
        "zones": {"zone_id", "zone_name", "district_id"},
        "population": {
            "ssbid",
            "population",
            "pop_0_17",
            "pop_18_29",
            "pop_30_66",
            "pop_67",
            "zone_id",
        },
        "green_areas": {"green_id", "kind", "name"},
        "destinations": {"dest_id", "name", "category"},
        "municipal_housing": {"address_id", "units"},
        "dwellings": {"address_id", "dwellings", "zone_id"},
        "roads": {"kind"},
    }
    for role, names in fields.items():
        assert names <= set(layers[role].columns), role
    assert set(layers["water"]["kind"]) == {"sea", "fjord", "river", "lake"}
    assert set(layers["green_areas"]["kind"]) == {
        "forest",
        "park",
        "pocket_park",
        "sports",
        "playground",
    }
    assert set(layers["destinations"]["category"]) == {
        "centre",
        "upper_secondary",
        "hospital",
        "university",
        "jobs",
    }
    assert 4 <= (layers["destinations"]["category"] == "upper_secondary").sum() <= 6
    assert set(layers["roads"].geom_type) == {"LineString"}


# -- zones, districts, population --------------------------------------------------------------


def test_zones_tile_the_land(layers: dict[str, gpd.GeoDataFrame]) -> None:
    zones = layers["zones"]
    assert 45 <= len(zones) <= 55 and zones["zone_id"].is_unique
    assert zones["zone_id"].str.fullmatch(r"0[1-4]\d\d").all()
    assert set(zones.geom_type) == {"Polygon"} and zones.is_valid.all()
    union = shapely.union_all(zones.geometry.values)
    assert abs(zones.area.sum() - union.area) < 1.0  # no overlaps
    assert abs(union.area - layers["boundary"].area.sum()) < 1.0  # no gaps
    assert shapely.coverage_is_valid(zones.geometry.values)


def test_districts_are_unions_of_their_zones(layers: dict[str, gpd.GeoDataFrame]) -> None:
    districts, zones = layers["districts"], layers["zones"]
    assert list(districts["district_id"]) == ["B1", "B2", "B3", "B4"]
    assert set(zones["district_id"]) == {"B1", "B2", "B3", "B4"}
    for _, d in districts.iterrows():
        part = shapely.union_all(zones.geometry[zones["district_id"] == d["district_id"]].values)
        assert d.geometry.geom_type == "Polygon"
        assert (
            abs(part.area - d.geometry.area) < 1.0
            and part.symmetric_difference(d.geometry).area < 1.0
        )


def test_population(layers: dict[str, gpd.GeoDataFrame]) -> None:
    cells, zones = layers["population"], layers["zones"]
    assert 180_000 <= cells["population"].sum() <= 220_000
    bands = cells[["pop_0_17", "pop_18_29", "pop_30_66", "pop_67"]].sum(axis=1)
    assert (bands == cells["population"]).all() and (cells["population"] > 0).all()
    assert cells["ssbid"].is_unique and cells["ssbid"].str.fullmatch(r"\d{14}").all()
    assert np.allclose(cells.area, 62_500.0)
    per_zone = cells.groupby("zone_id")["population"].sum()
    assert set(per_zone.index) == set(zones["zone_id"]) and (per_zone > 0).all()
    # zone_id is the zone that holds the cell centre
    joined = gpd.sjoin(
        cells.set_geometry(cells.centroid), zones[["zone_id", "geometry"]], predicate="within"
    )
    assert (joined["zone_id_left"] == joined["zone_id_right"]).all() and len(joined) == len(cells)
    # density falls from the centre: central cells are far denser than outer ones
    c = cells.centroid
    dist = np.hypot(c.x - 555_000, c.y - 7_026_000)
    assert cells["population"][dist < 1_500].mean() > 3 * cells["population"][dist > 4_000].mean()


def test_housing(layers: dict[str, gpd.GeoDataFrame]) -> None:
    mun, dw, cells = layers["municipal_housing"], layers["dwellings"], layers["population"]
    boundary = layers["boundary"].geometry.iloc[0]
    assert 2_000 <= mun["units"].sum() <= 6_000 and 100 <= len(mun) <= 900
    assert shapely.contains(boundary, mun.geometry.values).all()
    assert shapely.contains(boundary, dw.geometry.values).all()
    merged = mun.merge(
        dw[["address_id", "dwellings", "zone_id"]], on="address_id", validate="one_to_one"
    )
    assert len(merged) == len(mun) and (merged["units"] <= merged["dwellings"]).all()
    share = merged.groupby("zone_id")["units"].sum() / dw.groupby("zone_id")["dwellings"].sum()
    share = share.fillna(0)
    assert 3 <= (share >= 0.10).sum() <= 5 and share.max() <= 0.20
    assert (share.between(0.005, 0.045)).sum() >= 35
    ppd = cells["population"].sum() / dw["dwellings"].sum()
    assert 1.9 < ppd < 2.3


def test_green_has_touching_parcels_that_pass_only_when_dissolved(
    layers: dict[str, gpd.GeoDataFrame],
) -> None:
    green = layers["green_areas"]
    parts = green[green["name"].str.startswith("Elveparken")]
    assert len(parts) == 2 and (parts.area < 5_000).all()
    a, b = parts.geometry.values
    assert a.touches(b) and shapely.union(a, b).area >= 5_000
    assert (green.loc[green["kind"] == "forest"].area.max()) > 2_000_000  # marka >> 200 daa
    parks = green[green["kind"] == "park"].area
    assert ((parks >= 10_000) & (parks <= 100_000)).sum() >= 5
    assert (green.loc[green["kind"] == "pocket_park"].area < 5_000).all()
    others = green[~green["name"].str.startswith("Elveparken")]
    assert abs(others.area.sum() - shapely.union_all(others.geometry.values).area) < 1.0


def test_some_zones_well_served_by_green_some_poorly(layers: dict[str, gpd.GeoDataFrame]) -> None:
    green, cells = layers["green_areas"], layers["population"]
    qualifying = [
        p for p in shapely.get_parts(shapely.union_all(green.geometry.values)) if p.area >= 5_000
    ]
    near = shapely.dwithin(shapely.union_all(qualifying), cells.centroid.values, 200.0)
    covered = (
        cells.assign(c=cells["population"] * near).groupby("zone_id")[["c", "population"]].sum()
    )
    share = covered["c"] / covered["population"]
    urban = share[covered["population"] > 2_000]
    assert (urban >= 0.75).sum() >= 3 and (urban <= 0.15).sum() >= 1


# -- indicators -------------------------------------------------------------------------------


def test_indicator_table(indicators: pd.DataFrame, layers: dict[str, gpd.GeoDataFrame]) -> None:
    expected = ["zone_id", "year"] + [f"{k}_{s}" for k in KEYS for s in ("count", "denom")]
    assert list(indicators.columns) == expected
    assert sorted(indicators["year"].unique()) == [2021, 2022, 2023, 2024]
    assert set(indicators["zone_id"]) == set(layers["zones"]["zone_id"])
    counts = indicators[[f"{k}_count" for k in KEYS]].to_numpy()
    denoms = indicators[[f"{k}_denom" for k in KEYS]].to_numpy()
    assert (counts >= 0).all() and (counts <= denoms).all() and (denoms > 0).all()
    assert (counts < 5).sum() > 10  # suppression has work to do
    latest = indicators[indicators["year"] == 2024].set_index("zone_id")
    bands = layers["population"].groupby("zone_id")[["pop_0_17", "pop_18_29"]].sum()
    assert (latest["child_low_income_denom"] == bands["pop_0_17"].reindex(latest.index)).all()
    assert (latest["disability_18_29_denom"] == bands["pop_18_29"].reindex(latest.index)).all()
    # vgs_completion is high-is-good: most pupils complete
    assert (latest["vgs_completion_count"].sum() / latest["vgs_completion_denom"].sum()) > 0.7


def _local_moran_high_high(zones: gpd.GeoDataFrame, y: np.ndarray, seed: int = 7) -> int:
    """Number of significant (p < 0.05, 999 conditional permutations) High-High zones.

    A small numpy Local Moran on queen contiguity: the analysis module has its own (esda)
    implementation; this keeps the data test fast and independent of it.
    """
    geoms = zones.geometry.values
    src, dst = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    keep = src != dst
    src, dst = src[keep], dst[keep]
    z = (y - y.mean()) / y.std()
    rng = np.random.default_rng(seed)
    n, hh = len(z), 0
    for i in range(n):
        nb = dst[src == i]
        lag = z[nb].mean()
        if not (z[i] > 0 and lag > 0):
            continue
        others = np.delete(z, i)
        perms = np.array(
            [others[rng.choice(n - 1, len(nb), replace=False)].mean() for _ in range(999)]
        )
        p = ((perms >= lag).sum() + 1) / 1000
        hh += p < 0.05
    return hh


def test_disadvantage_is_spatially_clustered(
    indicators: pd.DataFrame, layers: dict[str, gpd.GeoDataFrame]
) -> None:
    latest = indicators[indicators["year"] == 2024]
    zones = layers["zones"].merge(latest, on="zone_id")
    rate = (zones["low_income_count"] / zones["low_income_denom"]).to_numpy()
    assert _local_moran_high_high(zones, rate) >= 2  # real High-High hot spots
    other = (zones["social_assistance_count"] / zones["social_assistance_denom"]).to_numpy()
    assert np.corrcoef(rate, other)[0, 1] > 0.5  # indicators move together


# -- GTFS and plans ---------------------------------------------------------------------------


def test_gtfs_reads_with_gtfs_kit(fresh: Path) -> None:
    gk = pytest.importorskip("gtfs_kit")
    feed = gk.read_feed(fresh / "gtfs.zip", dist_units="km")
    assert len(feed.trips) > 500 and len(feed.stop_times) > 10_000
    assert set(feed.routes["route_type"]) == {0, 3}
    assert (feed.stops["location_type"] == 1).sum() >= 2
    assert feed.frequencies is not None and len(feed.frequencies) > 0
    st = feed.stop_times
    blank = st[st["arrival_time"].isna()]
    assert len(blank) > 0 and (blank["timepoint"] == 0).all()
    assert (st["departure_time"].dropna() >= "24:00:00").any()
    assert set(feed.calendar["service_id"]) == {"HVERDAG", "HELG"}
    assert (
        (feed.calendar_dates["service_id"] == "HVERDAG")
        & (feed.calendar_dates["exception_type"] == 2)
    ).any()
    assert set(st["stop_id"]) <= set(feed.stops["stop_id"]) and set(st["trip_id"]) <= set(
        feed.trips["trip_id"]
    )


def test_gtfs_zip_is_deterministic(fresh: Path) -> None:
    with zipfile.ZipFile(fresh / "gtfs.zip") as zf:
        infos = zf.infolist()
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)
    assert [i.filename for i in infos][:3] == ["agency.txt", "calendar.txt", "calendar_dates.txt"]


def test_sosi_plan(fresh: Path) -> None:
    text = (fresh / "plans" / "plan_b_park.sos").read_text("utf-8")
    lines = text.splitlines()
    assert lines[0] == ".HODE" and "..TEGNSETT UTF-8" in lines and lines[-1] == ".SLUTT"
    assert "...KOORDSYS 22" in lines and "...ENHET 0.01" in lines and "...ORIGO-NØ 0 0" in lines
    assert "..OBJTYPE RpOmråde" in lines and lines.count("..OBJTYPE RpArealformålOmråde") == 2
    assert "..RPAREALFORMÅL 1110" in lines and "..RPAREALFORMÅL 3040" in lines
    assert any(line.startswith("..REF :") for line in lines)
