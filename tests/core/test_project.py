"""Project loading from a manifest folder, ZoneTable building, bad manifests."""

from __future__ import annotations

import json

import pytest

from ungtloft_map.core.errors import DataError
from ungtloft_map.core.project import Project


def test_load_tiny_project(tiny_project_dir):
    p = Project.load(tiny_project_dir)
    assert p.fictional and p.years == [2023, 2024]
    assert "Testkommune" in repr(p)
    zt = p.zone_table()
    assert zt.year == 2024 and len(zt) == 6
    # Population summed from the 16 cells of each zone: sum over a,b of 10*(a+b+1) = 640.
    assert (zt.gdf["population"] == 640).all()
    # rate = count / denom × 100, from the counts of 2024 (10 + 5n + 1) / 200.
    assert zt.gdf.loc["Z00", "low_income"] == pytest.approx(11 / 200 * 100)
    assert zt.gdf.loc["Z00", "district_name"] == "Vest"
    # The municipal value is re-aggregated from counts, not the mean of the rates.
    counts = sum(10 + 5 * n + 1 for n in range(6))
    assert zt.municipal_value("low_income") == pytest.approx(counts / 1200 * 100)
    assert zt.info["low_income"].direction == "high_is_bad"


def test_zone_table_per_year_is_cached(tiny_project_dir):
    p = Project.load(tiny_project_dir)
    assert p.zone_table(2023) is p.zone_table(2023)
    assert p.zone_table(2023).gdf.loc["Z00", "low_income_count"] == 10


def test_rank_and_percentile_are_direction_aware(tiny_project_dir):
    zt = Project.load(tiny_project_dir).zone_table()
    rank = zt.rank("low_income")
    assert rank.loc["Z12"] == 1  # the highest low-income share is the worst
    pct = zt.percentile("low_income")
    assert pct.loc["Z12"] == 1.0 and pct.loc["Z00"] == 0.0


def test_no_manifest(tmp_path):
    with pytest.raises(DataError, match="manifest.json"):
        Project.load(tmp_path)


def test_manifest_from_newer_version(tiny_project_dir):
    m = json.loads((tiny_project_dir / "manifest.json").read_text())
    m["format_version"] = 99
    (tiny_project_dir / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(DataError, match="newer version"):
        Project.load(tiny_project_dir)


def test_broken_manifest(tiny_project_dir):
    (tiny_project_dir / "manifest.json").write_text("{not json")
    with pytest.raises(DataError, match="not valid JSON"):
        Project.load(tiny_project_dir)


def test_unknown_indicator_zone_ids_are_reported(tiny_project_dir):
    csv = tiny_project_dir / "indicators.csv"
    csv.write_text(csv.read_text() + "ZZZ,2024,1,10,1,10\n")
    p = Project.load(tiny_project_dir)
    assert any("ZZZ" in str(w) for w in p.warnings)


def test_count_larger_than_denominator(tiny_project_dir):
    csv = tiny_project_dir / "indicators.csv"
    csv.write_text(csv.read_text().replace("Z00,2024,11,200", "Z00,2024,500,200"))
    with pytest.raises(DataError, match="larger than its denominator"):
        Project.load(tiny_project_dir).zone_table(2024)


def test_denominator_zero_is_missing_not_zero(tiny_project_dir):
    csv = tiny_project_dir / "indicators.csv"
    csv.write_text(csv.read_text().replace("Z00,2024,11,200", "Z00,2024,0,0"))
    p = Project.load(tiny_project_dir)
    zt = p.zone_table(2024)
    assert zt.gdf["low_income"].isna().loc["Z00"]
    assert any("denominator is 0" in str(w) for w in p.warnings)


def test_profile_and_change_since(tiny_project_dir):
    p = Project.load(tiny_project_dir)
    zt = p.zone_table(2024)
    prof = zt.profile("Z12").set_index("column")
    row = prof.loc["low_income"]
    assert row["value"] == pytest.approx(36 / 200 * 100)
    assert row["rank"] == 1 and row["n"] == 6 and row["percentile"] == 1.0
    assert row["municipal"] == pytest.approx(zt.municipal_value("low_income"))
    change = zt.change_since(p.zone_table(2023), "low_income")
    assert change.loc["Z00"] == pytest.approx(0.5)  # 10 → 11 of 200: +0.5 percentage points
