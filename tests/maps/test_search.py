"""Search over zones, districts, destinations and addresses (offline, the dataset's own layers)."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from ungtloft_map.core.project import Project
from ungtloft_map.maps.search import build_search_index, index_json, normalize, search


@pytest.fixture(scope="module")
def index():
    p = Project.demo()
    return p, build_search_index(p.zones, districts=p.layer("districts"), destinations=p.layer("destinations"),
                                 addresses=p.layer("dwellings"))


def test_every_zone_district_destination_and_address_is_indexed(index):
    p, idx = index
    kinds = [i.kind for i in idx]
    assert kinds.count("zone") == len(p.zones)
    assert kinds.count("district") == len(p.layer("districts"))
    assert kinds.count("destination") == len(p.layer("destinations"))
    assert kinds.count("address") == len(p.layer("dwellings"))


def test_zone_hit_has_its_bounds_in_lonlat(index):
    p, idx = index
    zone = p.zones.iloc[7]
    hits = search(idx, zone["zone_name"])
    assert hits[0].kind == "zone" and hits[0].id == zone["zone_id"]
    w, s, e, n = zone.geometry.bounds
    ref = gpd.GeoSeries([box(w, s, e, n)], crs=p.zones.crs).to_crs(4326).total_bounds
    assert hits[0].bounds == pytest.approx(tuple(ref), abs=2e-3)
    # The detail line names the zone's district.
    dname = p.layer("districts").set_index("district_id").loc[zone["district_id"], "district_name"]
    assert hits[0].detail == dname


def test_ranking_exact_then_prefix_then_word_then_substring():
    zones = gpd.GeoDataFrame({"zone_id": ["1", "2", "3", "4"],
                              "zone_name": ["Lia", "Liaåsen", "Østre Lia", "Granlia"]},
                             geometry=[box(i, 0, i + 1, 1) for i in range(4)], crs=25832)
    assert [h.name for h in search(build_search_index(zones), "lia")] == ["Lia", "Liaåsen", "Østre Lia", "Granlia"]
    assert [h.name for h in search(build_search_index(zones), "ØSTRE")] == ["Østre Lia"]
    assert search(build_search_index(zones), "  ") == []


def test_accents_ignored_but_norwegian_letters_kept():
    assert normalize("Café  Bryggen") == "cafe bryggen"
    assert normalize("Åsheim") == "åsheim" and normalize("Åsheim") != normalize("Asheim")


def test_address_text_from_kartverket_fields():
    zones = gpd.GeoDataFrame({"zone_id": ["z"], "zone_name": ["Sentrum"]}, geometry=[box(0, 0, 100, 100)], crs=25832)
    adr = gpd.GeoDataFrame({"adressenavn": ["Kongens gate", "Munkegata"], "nummer": [12, 3], "bokstav": ["B", None],
                            "zone_id": ["z", "z"]}, geometry=[Point(10, 10), Point(20, 20)], crs=25832)
    hits = search(build_search_index(zones, addresses=adr), "kongens gate 12")
    assert [(h.kind, h.name, h.detail) for h in hits] == [("address", "Kongens gate 12 B", "Sentrum")]
    w, s, e, n = hits[0].bounds
    assert w == e and s == n  # a point


def test_demo_addresses_and_limit(index):
    _, idx = index
    assert [h.id for h in search(idx, "A000012")] == ["A000012"]
    assert len(search(idx, "a0000", limit=7)) == 7


def test_index_json_rows(index):
    _, idx = index
    import json

    rows = json.loads(index_json(idx[:3]))
    assert rows[0][:3] == [idx[0].kind, idx[0].id, idx[0].name] and len(rows[0]) == 8


def test_app_page_searches_addresses_export_does_not(tmp_path):
    from ungtloft_map.maps.export import export_web_map
    from ungtloft_map.maps.zonemap import build_zone_map

    p = Project.demo()
    zt = p.zone_table()
    layers = {"districts": p.layer("districts"), "destinations": p.layer("destinations"),
              "addresses": p.layer("dwellings")}
    assert '"A000012"' in build_zone_map(zt, "low_income", search_layers=layers).html()
    html = export_web_map(zt, "low_income", tmp_path / "m.html", search_layers=layers).read_text("utf-8")
    assert '"A000012"' not in html and '"district"' in html
