"""Key-indicator dashboard: values and trends from counts, spread, status, filters, areas."""

from __future__ import annotations

import math

import pytest

from ungtloft_map.core.errors import DataError
from ungtloft_map.core.export import suppressed_zone_frame
from ungtloft_map.core.project import Project
from ungtloft_map.core.workflows.dashboard import (
    BETTER,
    NO_DATA,
    NO_REFERENCE,
    SAME,
    STATUS_COLORS,
    WORSE,
    Dashboard,
    compare,
    key_indicators,
)

ZONES = ["Z00", "Z01", "Z02", "Z10", "Z11", "Z12"]


@pytest.fixture()
def project(tmp_path) -> Project:
    """The tiny project with three years of unequal denominators (so averaged rates differ)."""
    from tests.factories import tiny_project_over_years

    def row(rng, year, n, zid):
        denom = int(rng.integers(60, 900))
        count = int(denom * (0.05 + 0.04 * n + 0.01 * (year - 2022)))
        neet_d = int(rng.integers(40, 300))
        return {"low_income_count": count, "low_income_denom": denom,
                "neet_count": int(neet_d * (0.2 - 0.02 * n)), "neet_denom": neet_d}

    # a small count in 2024 (primary suppression; secondary hides another zone of district D1)
    return tiny_project_over_years(tmp_path / "tiny", row, seed=4)


def _pooled(p: Project, key: str, year: int, zones=None) -> float:
    c = d = 0.0
    for _, r in p.indicators.iterrows():  # a plain loop: sum counts, then divide
        if r.year == year and (zones is None or r.zone_id in zones):
            c += r[f"{key}_count"]
            d += r[f"{key}_denom"]
    return c / d * 100


def test_values_and_trend_from_counts(project):
    db = key_indicators(project, include_no_data=False)
    t = db.tile("low_income")
    assert db.year == 2024 and t.year == 2024
    assert [y for y, _ in t.trend] == [2022, 2023, 2024]
    for y, v in t.trend:
        assert v == pytest.approx(_pooled(project, "low_income", y))
        mean_of_rates = (project.indicators.query("year == @y").eval("low_income_count / low_income_denom").mean()
                         * 100)
        assert abs(v - mean_of_rates) > 0.01  # never averaged rates
    assert t.value == pytest.approx(_pooled(project, "low_income", 2024))
    assert t.value == pytest.approx(project.zone_table(2024).municipal_value("low_income"))
    assert t.trend_change == pytest.approx(t.trend[-1][1] - t.trend[0][1])
    assert t.trend_status == "forverring"  # low income rises 1 point a year
    # an earlier year
    t22 = key_indicators(project, year=2022, keys=["low_income"]).tile("low_income")
    assert t22.value == pytest.approx(_pooled(project, "low_income", 2022)) and t22.year == 2022


def test_spread_leaves_out_suppressed_zones(project):
    db = key_indicators(project, keys=["low_income", "neet"])
    zt = project.zone_table(2024)
    _, mask = suppressed_zone_frame(zt, project.catalogue)
    for key in ("low_income", "neet"):
        t = db.tile(key)
        shown = {z: zt.gdf.loc[z, key] for z in ZONES if not mask.loc[z, key]}
        best = min(shown, key=shown.get)
        worst = max(shown, key=shown.get)
        assert t.spread.best.zone_id == best and t.spread.worst.zone_id == worst
        assert t.spread.best.zone_name == f"Sone {best}"
        assert t.spread.ratio == pytest.approx(shown[worst] / shown[best])
        assert t.spread.difference == pytest.approx(shown[worst] - shown[best])
        assert t.spread.n_zones == len(shown) and t.spread.n_left_out == 6 - len(shown)
        assert (t.zone_hidden == mask[key].reindex(t.zone_hidden.index)).all()
    assert db.tile("low_income").spread.n_left_out == 2  # Z01 (count 3) and its complement


def test_spread_is_direction_aware(project):
    cat = project.catalogue
    from dataclasses import replace

    cat.add(replace(cat["low_income"], direction="high_is_good"))
    t = key_indicators(project, keys=["low_income"]).tile("low_income")
    assert t.spread.best.value > t.spread.worst.value
    assert t.spread.ratio == pytest.approx(t.spread.worst.value / t.spread.best.value) and t.spread.ratio < 1


def test_compare_tolerance_and_direction():
    assert compare(10.4, 10.0, "high_is_bad") == SAME
    assert compare(10.5, 10.0, "high_is_bad") == SAME  # exactly 5 %
    assert compare(10.6, 10.0, "high_is_bad") == WORSE
    assert compare(9.4, 10.0, "high_is_bad") == BETTER
    assert compare(9.4, 10.0, "high_is_good") == WORSE
    assert compare(10.6, 10.0, "high_is_good") == BETTER
    assert compare(10.6, 10.0, "high_is_good", tolerance=0.1) == SAME
    assert compare(0.0, 0.0, "high_is_bad") == SAME
    assert compare(1.0, None, "high_is_bad") == NO_REFERENCE
    assert compare(float("nan"), 1.0, "high_is_bad") == NO_DATA


def test_references_give_a_status(project):
    v = key_indicators(project, keys=["low_income"]).tile("low_income").value
    db = key_indicators(project, references={"low_income": v * 1.2, "neet": 1.0}, reference_label="landet",
                        include_no_data=False)
    t = db.tile("low_income")
    assert t.status == BETTER and t.reference == pytest.approx(v * 1.2) and t.reference_label == "landet"
    assert t.colour == STATUS_COLORS[BETTER]
    assert db.tile("neet").status == WORSE
    assert db.tile("neet").status_label("en") == "worse"
    db2 = key_indicators(project, references={"low_income": v * 1.03}, keys=["low_income"])
    assert db2.tile("low_income").status == SAME
    # no reference at all: no status
    assert key_indicators(project, keys=["neet"]).tile("neet").status == NO_REFERENCE


def test_area_dashboard_compares_with_the_municipality(project):
    area = ["Z00", "Z10", "Z11"]
    db = key_indicators(project, area=area, area_name="Vest", include_no_data=False)
    t = db.tile("low_income")
    assert t.value == pytest.approx(_pooled(project, "low_income", 2024, area))
    for y, v in t.trend:
        assert v == pytest.approx(_pooled(project, "low_income", y, area))
    municipal = _pooled(project, "low_income", 2024)
    assert t.reference == pytest.approx(municipal) and t.reference_label == "kommunen"
    assert t.status == compare(t.value, municipal, "high_is_bad")
    assert t.spread.n_zones + t.spread.n_left_out == 3
    assert db.area == tuple(area) and "area=Vest" in repr(db)
    with pytest.raises(DataError, match="unknown zone"):
        key_indicators(project, area=["nope"])
    with pytest.raises(DataError, match="year 1999"):
        key_indicators(project, year=1999)


def test_small_area_value_is_marked_suppressed(project):
    t = key_indicators(project, area=["Z01"], keys=["low_income"]).tile("low_income")
    assert t.suppressed and 2024 in t.hidden_years and 2022 not in t.hidden_years
    assert t.spread is None  # one zone: no spread


def test_no_data_tiles_and_filters(project):
    db = key_indicators(project)
    assert isinstance(db, Dashboard)
    nd = db.tile("ungdata_safe_neighbourhood")
    assert nd.status == NO_DATA and nd.note == "ingen data ennå" and math.isnan(nd.value)
    assert not nd.has_data and nd in db.missing
    # levekår indicators that the table lacks, and GIS tiles without themes/layers
    assert db.tile("crowding").status == NO_DATA and db.tile("crowding").note == "ikke i indikatortabellen"
    assert db.tile("green_covered_pct").status == NO_DATA and "temaanalysene" in db.tile("green_covered_pct").note
    assert "GTFS" in db.tile("sdg_11_2_1").note
    assert len(db) == len(project.catalogue.all())
    assert sum(db.counts().values()) == len(db)

    a = key_indicators(project, marmot="A")
    assert a.keys() and all("A" in t.marmot for t in a)
    youth = key_indicators(project, life_course="ungdomsskole/vgs 13–19")
    assert all(t.life_course == "ungdomsskole/vgs 13–19" for t in youth)
    eleven = key_indicators(project, sdg_goal=11)
    assert set(eleven.keys()) == {"crowding", "sdg_11_2_1", "sdg_11_7_1"}
    assert eleven.filters == {"sdg_goal": 11}
    only_data = key_indicators(project, include_no_data=False)
    assert all(t.indicator.has_data for t in only_data)
    assert key_indicators(project, keys=["neet", "low_income"]).keys() == ["neet", "low_income"]


def test_grouping_and_frame(project):
    db = key_indicators(project)
    groups = db.by_marmot()
    assert list(groups) == sorted(groups)
    assert sum(len(v) for v in groups.values()) == len(db)
    assert all(t.marmot[0] == letter for letter, ts in groups.items() for t in ts)
    df = db.to_frame()
    assert list(df["key"]) == db.keys()
    row = df.set_index("key").loc["low_income"]
    assert row["value"] == pytest.approx(db.tile("low_income").value)
    assert row["best_zone"] == db.tile("low_income").spread.best.zone_name
    assert "Marmot D" in db.tile("low_income").tags() and "SDG 10.2.1" in db.tile("low_income").tags()
    assert "low_income" in repr(db.tile("low_income"))


# -- the demo with every theme computed ------------------------------------------------------


@pytest.fixture(scope="module")
def demo(demo_project, demo_themes):
    return demo_project, demo_themes()


def test_gis_tiles_from_the_themes(demo):
    p, th = demo
    db = key_indicators(p, th, references={"sdg_11_2_1": 70.0})
    zt = th.zone_table
    for key in ("green_covered_pct", "departures_per_hour_500m", "time_to_centre_min", "municipal_share"):
        t = db.tile(key)
        assert t.has_data and t.value == pytest.approx(zt.municipal_value(key)), key
        assert t.trend == [] and t.year is None
        assert t.spread is not None and t.spread.n_zones >= 40
        # an "area" of every zone gives the municipal value (same aggregation)
        whole = key_indicators(p, th, area=list(p.zones.index), keys=[key]).tile(key)
        assert whole.value == pytest.approx(t.value), key
        assert whole.status == SAME
    from ungtloft_map.core.pipeline import compute_sdg_indicators

    sdg = compute_sdg_indicators(p)
    for key in ("sdg_11_2_1", "sdg_11_7_1", "dwellings_outdoor_access"):
        assert db.tile(key).value == pytest.approx(sdg[key].municipal)
    t = db.tile("sdg_11_2_1")
    assert t.status == WORSE and t.reference == 70.0  # 55 % in the demo
    # the green tile's best and worst zone agree with the zone table
    g = zt.gdf["green_covered_pct"]
    assert db.tile("green_covered_pct").spread.worst.value == pytest.approx(g.min())
    assert db.tile("green_covered_pct").spread.best.value == pytest.approx(g.max())


def test_demo_district_dashboard(demo):
    p, th = demo
    b1 = p.zones.index[p.zones["district_id"] == "B1"].tolist()
    db = key_indicators(p, th, area=b1, area_name="B1", include_no_data=False)
    t = db.tile("green_covered_pct")
    pz = th.green.per_zone.loc[b1]
    assert t.value == pytest.approx(pz["covered_population"].sum() / pz["population"].sum() * 100)
    assert t.reference == pytest.approx(th.zone_table.municipal_value("green_covered_pct"))
    assert all(tl.status in (BETTER, SAME, WORSE) for tl in db.tiles)
