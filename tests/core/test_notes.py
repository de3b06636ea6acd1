"""Place notes: store, zone derivation, JSON and GeoPackage round trips, privacy warnings."""

from __future__ import annotations

import datetime as dt
import json

import geopandas as gpd
import pytest
from shapely.geometry import LineString, MultiPolygon, Point, box

from tests.factories import X0, Y0, grid_zones
from ungtloft_map.core.errors import DataError
from ungtloft_map.core.notes import (
    AREA_LAYER,
    POINT_LAYER,
    NoteStore,
    PlaceNote,
    export_notes_gpkg,
    privacy_warnings,
    read_notes_gpkg,
)

PLACES = ["Torget", "Nordre Elvegate", "Østhaugen", "Kirkebakken", "Sone Z00"]


@pytest.fixture()
def store() -> NoteStore:
    s = NoteStore(zones=grid_zones(), place_names=PLACES)
    s.add(Point(X0 + 300, Y0 + 400), "Mørk undergang, folk unngår den om kvelden", category="trygghet",
          source="befaring", date="2026-03-04", author="Planavdelingen", note_id="n1")
    s.add(Point(X0 + 2500, Y0 + 1500), "Ungdommene ønsker en ballbinge ved Torget", category="møteplass",
          source="medvirkning", date=dt.date(2026, 4, 1), note_id="n2")
    s.add_for_zone("Z01", "Mange nevner mangel på lekeplass i hele sonen", category="lek og aktivitet",
                   source="borgerpanel", date="2026-02-10", note_id="n3")
    s.add(MultiPolygon([box(X0 + 100, Y0 + 100, X0 + 200, Y0 + 200), box(X0 + 300, Y0 + 100, X0 + 400, Y0 + 200)]),
          "To små parker som bør kobles sammen", source="annet", date="2025-09-30", note_id="n4")
    return s


def test_zone_is_derived_for_points(store):
    assert store.get("n1").zone_id == "Z00"
    assert store.get("n2").zone_id == "Z12"
    assert store.get("n3").zone_id == "Z01" and not store.get("n3").is_point
    assert store.get("n4").zone_id == "Z00"  # a polygon without zone: the zone it overlaps most
    # an explicit zone id on a point is ignored: the point's position decides
    n = store.add(Point(X0 + 1500 + 10, Y0 + 10), "ved grensen", zone_id="Z00")
    assert n.zone_id == "Z01"
    # outside every zone
    assert store.add(Point(X0 - 500, Y0 - 500), "utenfor").zone_id is None


def test_list_update_remove(store):
    assert [n.note_id for n in store.list_for_zone("Z00")] == ["n4", "n1"]  # oldest first
    moved = store.update("n1", geometry=Point(X0 + 2500, Y0 + 1200))
    assert moved.zone_id == "Z12" and moved.text.startswith("Mørk")
    assert [n.note_id for n in store.list_for_zone("Z12")] == ["n1", "n2"]
    store.update("n2", text="Ny tekst", category="trafikk")
    assert store.get("n2").text == "Ny tekst" and store.get("n2").category == "trafikk"
    removed = store.remove("n3")
    assert removed.note_id == "n3" and "n3" not in store and len(store) == 3
    with pytest.raises(DataError, match="no note"):
        store.remove("n3")
    with pytest.raises(DataError, match="cannot change"):
        store.update("n1", colour="red")
    assert "PlaceNote('n1', point in Z12, trygghet, 2026-03-04, befaring" in repr(store.get("n1"))


def test_validation(store):
    with pytest.raises(DataError, match="source"):
        store.add(Point(X0, Y0), "x", source="facebook")
    with pytest.raises(DataError, match="text"):
        store.add(Point(X0, Y0), "   ")
    with pytest.raises(DataError, match="point or a zone polygon"):
        store.add(LineString([(X0, Y0), (X0 + 1, Y0)]), "linje")
    with pytest.raises(DataError, match="longitude/latitude"):
        store.add(Point(10.4, 63.4), "Trondheim i grader")
    with pytest.raises(DataError, match="more than once"):
        store.add(Point(X0, Y0), "dobbel", note_id="n1")
    with pytest.raises(DataError, match="date"):
        store.add(Point(X0, Y0), "x", date="i går")
    with pytest.raises(DataError, match="unknown zone"):
        store.add_for_zone("Z99", "x")


def _same(a: NoteStore, b: NoteStore) -> None:
    assert [n.note_id for n in a] == [n.note_id for n in b]
    for n in a:
        m = b.get(n.note_id)
        assert isinstance(m, PlaceNote)
        assert m.geometry.equals_exact(n.geometry, 1e-9) and m.geometry.geom_type == n.geometry.geom_type
        assert (m.zone_id, m.category, m.date, m.source, m.text, m.author) == (
            n.zone_id, n.category, n.date, n.source, n.text, n.author)


def test_json_round_trip(store):
    text = store.to_json()
    data = json.loads(text)
    assert data["format"] == "ungtloft-map-notes" and data["crs"] == "EPSG:25832" and len(data["notes"]) == 4
    back = NoteStore.from_json(text, zones=grid_zones())
    _same(store, back)
    # without zones the saved zone ids are kept as they are
    _same(store, NoteStore.from_json(text))
    # embedded in a project file as a dict
    _same(store, NoteStore.from_dict(store.to_dict()))
    assert NoteStore.from_json(NoteStore().to_json()).__len__() == 0


def test_bad_json():
    with pytest.raises(DataError, match="not valid JSON"):
        NoteStore.from_json("{nope")
    with pytest.raises(DataError, match="newer version"):
        NoteStore.from_json(json.dumps({"format": "ungtloft-map-notes", "version": 99, "notes": []}))
    bad = {"notes": [{"note_id": "a", "text": "x", "geometry": {"type": "Point", "coordinates": [X0, Y0]}},
                     {"note_id": "b", "text": "y", "geometry": {"type": "Nope"}}]}
    with pytest.raises(DataError, match="row 2"):
        NoteStore.from_json(json.dumps(bad))


def test_geodataframe_round_trip(store):
    gdf = store.to_geodataframe()
    assert list(gdf.columns) == ["note_id", "zone_id", "category", "date", "source", "text", "author", "geometry"]
    assert gdf.crs.to_epsg() == 25832 and len(gdf) == 4
    _same(store, NoteStore.from_geodataframe(gdf, zones=grid_zones()))
    with pytest.raises(DataError, match="EPSG:25832"):
        NoteStore.from_geodataframe(gdf.to_crs(4326))


def test_geopackage_round_trip(store, tmp_path):
    out = tmp_path / "notater.gpkg"
    res = export_notes_gpkg(store, out)
    assert res.n_points == 2 and res.n_areas == 2 and out.exists()
    assert gpd.read_file(out, layer=POINT_LAYER).crs.to_epsg() == 25832
    assert len(gpd.read_file(out, layer=AREA_LAYER)) == 2
    back = read_notes_gpkg(out, zones=grid_zones())
    # the GeoPackage holds points first, then areas
    order = {n.note_id: n for n in back}
    _same(NoteStore([store.get(k) for k in order]), back)
    # without the author column
    export_notes_gpkg(store, out, include_author=False)
    assert all(n.author is None for n in read_notes_gpkg(out))
    # an empty store still writes a readable file
    export_notes_gpkg(NoteStore(), tmp_path / "tom.gpkg")
    assert len(read_notes_gpkg(tmp_path / "tom.gpkg")) == 0


def test_export_lists_privacy_warnings(store, tmp_path):
    store.add(Point(X0 + 50, Y0 + 50), "Kari Nordmann (tlf 412 34 567) klaget på støy", note_id="n5")
    res = export_notes_gpkg(store, tmp_path / "n.gpkg")
    assert list(res.warnings) == ["n5"] and len(res.warnings["n5"]) == 2


@pytest.mark.parametrize("text, expected", [
    ("Vi snakket med Kari Nordmann om lekeplassen", ["Mulig personnavn: «Kari Nordmann»"]),
    ("Møte med Anne-Lise Berg og Per Olsen på Torget",
     ["Mulig personnavn: «Anne-Lise Berg»", "Mulig personnavn: «Per Olsen»"]),
    ("Ola Hansen mener at stien er for mørk", ["Mulig personnavn: «Ola Hansen»"]),  # a first name starts the sentence
    ("Ring meg på 412 34 567", ["Mulig telefonnummer: «412 34 567»"]),
    ("tlf. 41 23 45 67 eller +47 92345678", ["Mulig telefonnummer: «41 23 45 67»",
                                             "Mulig telefonnummer: «+47 92345678»"]),
    ("0047 412-34-567", ["Mulig telefonnummer: «0047 412-34-567»"]),
    ("Svar til ola.hansen@example.no", ["Mulig e-postadresse: «ola.hansen@example.no»"]),
    ("Fødselsnummer 01019012345 ble oppgitt", ["Mulig fødselsnummer (11 sifre): «010190 *****»"]),
    ("fnr 010190 12345", ["Mulig fødselsnummer (11 sifre): «010190 *****»"]),
])
def test_privacy_warnings_find_personal_data(text, expected):
    assert privacy_warnings(text, PLACES) == expected


@pytest.mark.parametrize("text", [
    "Benken ved Torget er ødelagt og lyset virker ikke.",
    "Lekeplassen i Nordre Elvegate mangler lys om vinteren",
    "Mange unge i Østhaugen savner et sted å være etter skolen. Kirkebakken Skole har ballbinge.",
    "Parken ved Elva er fin. Stien opp til Kirkebakken er bratt.",
    "NAV og FHI har tall for sonen; befaring 04.03.2026 kl. 18.30.",
    "Bussen går hvert 20. minutt, 7030 innbyggere i 2024 og 2025.",
    "",
])
def test_no_warning_for_plain_place_descriptions(text):
    assert privacy_warnings(text, PLACES) == []


def test_known_place_names_are_not_names():
    text = "Møtestedet ved Haugen Gård brukes mye"
    assert privacy_warnings(text) == ["Mulig personnavn: «Haugen Gård»"]  # Haugen is also a surname
    assert privacy_warnings(text, ["Haugen gård"]) == []


def test_store_uses_project_place_names(demo_project):
    p = demo_project
    s = NoteStore.for_project(p)
    assert {"Nordre Elvegate", "Granlia", "Midtbyen"} <= set(s.place_names)
    assert s.privacy_warnings("Ungdom fra Granlia Furuhaugen og Nordre Elvegate møtes i Midtbyen") == []
    assert privacy_warnings("Ungdom fra Granlia Furuhaugen møtes") != []  # unknown without the names
    n = s.add(p.zones.geometry.iloc[0].representative_point(), "Trangt fortau", source="befaring")
    assert n.zone_id == p.zones.index[0]
    assert privacy_warnings("Ring Kari Nordmann", lang="en") == ["Possible person's name: “Kari Nordmann”"]


# Found by tests/robustness/test_fuzz_notes.py (make fuzz).


def test_damaged_notes_geopackage_is_a_data_error(tmp_path):
    import sqlite3

    store = NoteStore(zones=grid_zones())
    store.add(Point(X0 + 100, Y0 + 100), "Møteplass", note_id="n1")
    path = tmp_path / "notater.gpkg"
    export_notes_gpkg(store, path)
    con = sqlite3.connect(path)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (POINT_LAYER,)).fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    raw = bytearray(path.read_bytes())
    raw[(root - 1) * size] = 0xFF  # the page type of the points table: not a b-tree page
    path.write_bytes(bytes(raw))
    with pytest.raises(DataError, match="cannot read the notes") as err:  # was: FeatureError
        read_notes_gpkg(path)
    assert err.value.layer == POINT_LAYER


def test_note_geometry_with_text_for_coordinates_is_a_data_error():
    data = [{"note_id": "n1", "text": "x", "geometry": {"type": "Point", "coordinates": ""}}]
    with pytest.raises(DataError, match="no valid geometry") as err:  # was: IndexError
        NoteStore.from_dict(data)
    assert err.value.row == 1
