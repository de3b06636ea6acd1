"""Every command on datasets with only some of the inputs: it works and says what it could not do."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from tests.factories import X0, Y0, write_subset_project
from ungtloft_map.cli import main


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.geojson"
    gpd.GeoDataFrame({"plan_id": ["P1"], "name": ["Testplan"]},
                     geometry=[box(X0 + 1400, Y0 + 400, X0 + 1600, Y0 + 600)], crs=25832).to_file(path)
    return path


SUBSETS = {
    "zones": {},
    "zones+gtfs": {"gtfs": True},
    "zones+population": {"population": "grid"},
    "zones+population+gtfs": {"population": "grid", "gtfs": True, "destinations": True},
    "everything": {"population": "grid", "gtfs": True, "destinations": True, "indicators": True,
                   "green": True, "housing": True},
}


@pytest.mark.parametrize("subset", list(SUBSETS))
def test_every_command_succeeds(tmp_path, plan, capsys, subset):
    d = write_subset_project(tmp_path / subset, **SUBSETS[subset])
    assert main(["--project", str(d), "--selftest"]) == 0
    out = capsys.readouterr().out
    assert "OK" in out
    if subset != "everything":
        assert "not computed – needs" in out
    assert main(["export-zones", "--project", str(d), "--themes", "--out", str(d / "z.csv")]) == 0
    assert len(pd.read_csv(d / "z.csv")) == 6
    assert main(["export-map", "--project", str(d), "--out", str(d / "m.html")]) == 0
    assert "Leaflet" in (d / "m.html").read_text("utf-8")
    assert main(["rank", "--project", str(d), "--out", str(d / "r.csv")]) == 0
    assert len(pd.read_csv(d / "r.csv")) == 6
    assert main(["report", "--plan", str(plan), "--project", str(d), "--out", str(d / "r.html")]) == 0
    assert "Testplan" in (d / "r.html").read_text("utf-8")
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_zones_only_says_why_there_is_no_index(tmp_path, capsys):
    d = write_subset_project(tmp_path / "z")
    assert main(["--project", str(d), "--selftest"]) == 0
    out = capsys.readouterr().out
    assert "Composite disadvantage index: not computed – needs at least one indicator" in out
    assert "map page:  area_km2" in out
    assert main(["export-map", "--project", str(d), "--out", str(d / "m.html")]) == 0
    assert "indicator: area_km2" in capsys.readouterr().out
    assert main(["rank", "--project", str(d), "--out", str(d / "r.csv")]) == 0
    cap = capsys.readouterr()
    assert "without a rank" in cap.out and "needs at least one indicator" in cap.out
    table = pd.read_csv(d / "r.csv", encoding="utf-8-sig")
    assert list(table.columns[:4]) == ["zone_id", "zone_name", "rank", "score"]
    assert table["rank"].isna().all()
    # asking for the index by name: why it is missing, not a list of what exists
    assert main(["export-map", "--project", str(d), "--indicator", "composite_score",
                 "--out", str(d / "i.html")]) == 2
    err = capsys.readouterr().err
    assert "not computed – needs at least one indicator" in err and "choose one of" not in err
    assert not (d / "i.html").exists()


def test_zones_and_gtfs_export_the_transit_measures(tmp_path, capsys):
    d = write_subset_project(tmp_path / "g", gtfs=True)
    assert main(["export-map", "--project", str(d), "--out", str(d / "m.html")]) == 0
    assert "indicator: composite_score" in capsys.readouterr().out
    assert main(["export-zones", "--project", str(d), "--themes", "--lang", "en",
                 "--out", str(d / "z.csv")]) == 0
    out = capsys.readouterr().out
    assert "Travel time to the centre: not computed – needs destinations" in out
    assert "Transit access: area-weighted over a generated 250 m grid over the zones" in out
    z = pd.read_csv(d / "z.csv", encoding="utf-8-sig").set_index("zone_id")
    assert z.loc["Z00", "dist_to_stop_m"] < 450 and z.loc["Z10", "dist_to_stop_m"] > 900
    assert "time_to_centre_min" not in z.columns
    cols = pd.read_csv(d / "z.kolonner.csv", encoding="utf-8-sig").set_index("kolonne")
    assert "250 m grid over the zones" in cols.at["dist_to_stop_m", "definisjon"]
    assert cols.at["dist_to_stop_m", "retning"] == "high is bad"


def test_export_zones_carries_every_indicator(tmp_path, capsys):
    d = write_subset_project(tmp_path / "e", population="grid", gtfs=True, destinations=True,
                             indicators=True, green=True, housing=True)
    out = d / "z.csv"
    assert main(["export-zones", "--project", str(d), "--themes", "--out", str(out)]) == 0
    z = pd.read_csv(out, encoding="utf-8-sig")
    for col in ("sdg_11_2_1", "sdg_11_7_1", "green_covered_pct_ssb_narturterreng",
                "green_covered_pct_who", "green_covered_pct", "dwellings_outdoor_access"):
        assert col in z.columns, col
    # six zones are too few for permutation inference: no cluster columns, and it says why
    assert "lisa_label" not in z.columns
    assert "minst 10 soner" in capsys.readouterr().out


def test_export_zones_labels_follow_the_language(tmp_path, capsys):
    # the demo (50 zones) has real clusters, so both label sets are exercised
    labels = {}
    for lang in ("nb", "en"):
        out = tmp_path / f"z_{lang}.csv"
        assert main(["export-zones", "--themes", "--lang", lang, "--out", str(out)]) == 0
        z = pd.read_csv(out, encoding="utf-8-sig")
        labels[lang] = set(z["lisa_label"]) | set(z["gi_label"])
    nb_words = {"Ikke signifikant", "Høy-Høy", "Lav-Lav", "Høy-Lav", "Lav-Høy", "Varmt punkt",
                "Kaldt punkt", "Mangler data"}
    en_words = {"Not significant", "High-High", "Low-Low", "High-Low", "Low-High", "Hot spot",
                "Cold spot", "No data"}
    assert labels["nb"] <= nb_words, labels["nb"]
    assert labels["en"] <= en_words, labels["en"]
    assert {"Høy-Høy", "Ikke signifikant"} <= labels["nb"]
    assert {"High-High", "Not significant"} <= labels["en"]
    assert (pd.read_csv(tmp_path / "z_en.csv", encoding="utf-8-sig")["merknad"]
            == "FICTIONAL DEMO DATA – not real figures").all()


def test_suppression_covers_measures_built_on_few_residents(tmp_path, capsys):
    d = write_subset_project(tmp_path / "s", population="zoned", gtfs=True, green=True)
    # zone Z11 gets 3 residents: its count and every share of its residents must be withheld
    pop = gpd.read_file(d / "data.gpkg", layer="population")
    pop.loc[pop["zone_id"] == "Z11", "population"] = 0
    pop.loc[pop.index[pop["zone_id"] == "Z11"][0], "population"] = 3
    pop.to_file(d / "data.gpkg", layer="population", driver="GPKG")
    assert main(["export-zones", "--project", str(d), "--themes", "--out", str(d / "z.csv")]) == 0
    z = pd.read_csv(d / "z.csv", encoding="utf-8-sig").set_index("zone_id")
    for col in ("population", "green_covered_pct", "green_covered_pct_who", "dist_to_stop_m",
                "departures_per_hour_500m", "sdg_11_2_1"):
        assert pd.isna(z.at["Z11", col]), col
    # and a second zone, so the municipal total does not give it away
    assert z["population"].isna().sum() == 2
