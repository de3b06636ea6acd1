"""The target-area brief and the selection export (GPKG, CSV, HTML, PDF) with suppression."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import box

from ungtloft_map.core.analysis import targeting as tg
from ungtloft_map.core.catalogue import Catalogue
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.workflows.selection_export import selection_tables
from ungtloft_map.core.zonetable import ColumnInfo, ZoneTable
from ungtloft_map.reports.target_brief import (
    brief_context,
    export_selection,
    render_target_brief,
)

X0, Y0 = 560_000.0, 7_030_000.0
DATE = dt.date(2026, 3, 1)


def grid_table() -> ZoneTable:
    """3 x 3 zones; zone r0c0 has a low-income count of 3 (suppressed: 1–4)."""
    rows = []
    for j in range(3):
        for i in range(3):
            zid = f"r{j}c{i}"
            rows.append({"zone_id": zid, "zone_name": f"Sone {zid}",
                         "district_id": "D1" if i < 2 else "D2",
                         "geometry": box(X0 + i * 1000, Y0 + j * 1000, X0 + (i + 1) * 1000,
                                         Y0 + (j + 1) * 1000)})
    g = gpd.GeoDataFrame(rows, crs="EPSG:25832").set_index("zone_id", drop=False)
    g["population"] = [100, 300, 200, 400, 150, 100, 200, 300, 300]
    g["low_income_count"] = [3, 30, 20, 80, 15, 12, 40, 30, 9]
    g["low_income_denom"] = [100, 200, 200, 400, 150, 100, 200, 300, 300]
    g["neet_count"] = [10, 12, 8, 20, 9, 6, 15, 11, 7]
    g["neet_denom"] = [50, 60, 40, 80, 45, 30, 60, 55, 35]
    g["area_km2"] = 1.0
    cat = Catalogue.default()
    info = {"zone_id": ColumnInfo("zone_id", "Sone-ID", kind="id"),
            "zone_name": ColumnInfo("zone_name", "Sone", kind="name")}
    for key in ("low_income", "neet"):
        g[key] = 100.0 * g[f"{key}_count"] / g[f"{key}_denom"]
        ind = cat[key]
        info[key] = ColumnInfo(key, ind.name_nb, ind.name_en, "%", kind="rate",
                               direction=ind.direction, theme=ind.theme,
                               count_col=f"{key}_count", denom_col=f"{key}_denom")
    return ZoneTable(g, info, year=2024, fictional=True, source_name="Testkommune (fiktiv)")


@pytest.fixture(scope="module")
def demo(demo_project, demo_themes):
    # The brief does not need LISA/Gi*: the cluster step skipped.
    return demo_project, demo_themes(compute_clusters=False)


def test_selection_tables_suppress_zone_and_merged_area():
    zt = grid_table()
    cand = tg.Candidate("Vest", ["r0c0", "r0c1"])
    comp = tg.comparison_zones(zt, cand, ["low_income", "neet"], k=2)
    t = selection_tables(zt, cand, comp, catalogue=Catalogue.default(),
                         weights={"theme_weights": {"levekar": 2}})
    z = t.zones.set_index("zone_id")
    assert z.loc[["r0c0", "r0c1"], "role"].tolist() == ["target", "target"]
    assert set(z.index[z["role"] == "comparison"]) == set(comp.zone_ids)
    assert np.isnan(z.at["r0c0", "low_income"]) and np.isnan(z.at["r0c0", "low_income_count"])
    # The merged area would reveal the hidden count (33 - 30 = 3): withheld too ...
    area = t.target_area.iloc[0]
    assert area["role"] == "target_area" and area["zone_id"] == "r0c0+r0c1"
    assert np.isnan(area["low_income"]) and np.isnan(area["low_income_count"])
    assert t.published.at["low_income", "suppressed"]
    # ... while the other indicator is summed from counts: (10 + 12) / (50 + 60) = 20 %.
    assert area["neet"] == pytest.approx(20.0)
    assert area["neet_count"] == 22
    assert t.profile.table.at["low_income", "value"] == pytest.approx(100 * 33 / 300)  # in-app
    assert t.weights == {"method": "percentile", "weights": {}, "theme_weights": {"levekar": 2.0}}
    with pytest.raises(DataError, match="both target and comparison"):
        selection_tables(zt, ["r0c0", comp.zone_ids[0]], comp)


def test_brief_html_on_a_small_table():
    zt = grid_table()
    cand = tg.Candidate("Vestområdet", ["r0c0", "r0c1"])
    comp = tg.comparison_zones(zt, cand, ["low_income", "neet"], k=2)
    html = render_target_brief(zt, cand, comp, {"theme_weights": {"levekar": 2}}, 2024,
                               generated=DATE).decode()
    assert "FIKTIVE DEMODATA" in html
    assert "Vestområdet" in html and "Sone r0c0" in html and "Sone r0c1" in html
    for zid in comp.zone_ids:
        assert f"Sone {zid}" in html
    assert "01.03.2026" in html and "2,00" in html  # the date and the theme weight
    assert "Målområdet samlet" in html
    ctx = brief_context(zt, cand, comp, {}, 2024, generated=DATE)
    li = next(r for r in ctx["targets"]["rows"] if r["label"].startswith("Lavinntekt"))
    assert li["cells"][0]["text"] == "–"  # r0c0: count 3 is suppressed
    assert li["cells"][2]["text"] == "–"  # and so is the merged area
    neet = next(r for r in ctx["targets"]["rows"] if "NEET" in r["label"])
    assert neet["cells"][2]["text"] == "20,0\xa0%"
    en = render_target_brief(zt, cand, comp, {}, 2024, lang="en", generated=DATE).decode()
    assert "FICTIONAL DEMO DATA" in en and "Comparison zones for evaluation" in en
    with pytest.raises(DataError, match="holds 2024 figures, not 2023"):
        brief_context(zt, cand, comp, {}, 2023)


def test_export_selection_on_the_demo(demo, tmp_path):
    project, themes = demo
    zt = themes.zone_table
    inputs = tg.index_inputs(zt, project.catalogue)
    first = inputs.rank(theme_weights={"levekar": 2}).table.index[0]
    nb = sorted(tg.adjacency(zt.gdf, None)[first])[0]
    cand = tg.Candidate("Østområdet", [first, nb])
    comp = tg.comparison_zones(zt, cand, ["low_income", "neet", "green_covered_pct"], k=4)
    paths = export_selection(tmp_path / "utvalg", zt, cand, comp,
                             {"theme_weights": {"levekar": 2}}, zt.year,
                             catalogue=project.catalogue, generated=DATE,
                             context={"water": project.layer("water"),
                                      "boundary": project.layer("boundary")})
    names = [p.name for p in paths]
    assert names == ["utvalg.gpkg", "utvalg.csv", "utvalg.kolonner.csv", "utvalg.html",
                     "utvalg.pdf"]
    assert all(p.exists() for p in paths)
    assert paths[4].read_bytes()[:4] == b"%PDF"
    layers = {name for name, _ in pyogrio.list_layers(paths[0])}
    assert {"targets", "comparison_zones", "target_area", "kolonner", "vekter"} <= layers
    targets = gpd.read_file(paths[0], layer="targets")
    assert targets["role"].eq("target").all() and set(targets["zone_id"]) == {first, nb}
    assert "low_income" in targets.columns and targets["merknad"].str.contains("FIKTIVE").all()
    comp_layer = gpd.read_file(paths[0], layer="comparison_zones")
    assert comp_layer["zone_id"].tolist() == comp.zone_ids
    assert comp_layer["similarity"].between(0, 1).all()
    csv = pd.read_csv(paths[1], dtype={"zone_id": str}, encoding="utf-8-sig")
    assert csv["role"].tolist() == ["target"] * 2 + ["comparison"] * 4 + ["target_area"]
    assert (csv["aar"] == zt.year).all()
    html = paths[3].read_text("utf-8")
    assert "FIKTIVE DEMODATA – ikke virkelige tall" in html
    for zid in [first, nb, *comp.zone_ids]:
        assert str(zt.gdf.at[zid, "zone_name"]) in html
    assert "data:image/png;base64," in html


def test_export_selection_refuses_another_year(demo, tmp_path):
    project, themes = demo
    zt = themes.zone_table
    with pytest.raises(DataError, match=f"holds {zt.year} figures"):
        export_selection(tmp_path / "x", zt, [zt.zone_ids[0]], None, {}, zt.year - 1,
                         catalogue=project.catalogue, pdf=False)
    assert not list(tmp_path.iterdir())


def test_brief_lists_place_notes_in_the_target_zones(tmp_path, demo_project):
    from ungtloft_map.reports.target_brief import render_target_brief

    zt = demo_project.zone_table()
    notes = [{"zone_id": "0203", "date": "2026-09-30", "category": "møteplasser", "source": "medvirkning",
              "text": "Ungdommene savner et sted å være om kvelden"},
             {"zone_id": "0101", "date": "2026-09-30", "category": "annet", "source": "annet", "text": "Utenfor"}]
    html = render_target_brief(zt, ["0203", "0205"], None, {}, zt.year, notes=notes).decode("utf-8")
    assert "Ungdommene savner et sted" in html and "30.09.2026" in html and "Utenfor" not in html
