"""The UNGT LØFT indicator framework in the catalogue: tags, framework entries, filtering."""

from __future__ import annotations

import json

import pytest

from ungtloft_map.core.catalogue import (
    DATA_SOURCES,
    INDICATOR_TYPES,
    LIFE_COURSE,
    MARMOT_PRINCIPLES,
    NO_DATA,
    Catalogue,
    Indicator,
)
from ungtloft_map.core.errors import DataError

LEVEKAR = ["low_income", "child_low_income", "neet", "disability_18_29", "social_assistance",
           "low_education", "not_employed", "crowding", "immigrant_short", "vgs_completion"]
GIS = ["green_covered_pct", "departures_per_hour_500m", "time_to_centre_min", "municipal_share",
       "sdg_11_2_1", "sdg_11_7_1", "dwellings_outdoor_access"]


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue.default()


def test_levekar_entries_unchanged(cat):
    # other code (demo generator, suppression, the zone table) relies on these keys and columns
    assert cat.keys() == LEVEKAR
    for ind in cat:
        assert ind.count == f"{ind.key}_count" and ind.denominator == f"{ind.key}_denom"
        assert ind.has_data and ind.from_counts and ind.theme == "levekar"


def test_every_entry_is_tagged(cat):
    for ind in cat.all():
        assert ind.marmot and set(ind.marmot) <= set(MARMOT_PRINCIPLES), ind.key
        assert ind.life_course in LIFE_COURSE, ind.key
        assert ind.type in INDICATOR_TYPES, ind.key
        assert ind.data_source in DATA_SOURCES, ind.key
        assert ind.name_nb and ind.name_en and ind.definition_nb and ind.definition_en and ind.source
        if ind.sdg is not None:
            parts = ind.sdg.split(".")
            assert len(parts) == 3 and parts[0].isdigit(), ind.key


def test_framework_entries(cat):
    assert len(cat) == 10  # iteration sees only the levekår indicators
    no_data = cat.filter(has_data=False)
    assert len(no_data) >= 15
    for ind in no_data:
        assert ind.status == NO_DATA and not ind.from_counts and ind.data_source != "GIS"
    assert {i.data_source for i in no_data} >= {"Ungdata", "Elevundersøkelsen", "FHI/Kommunehelsa",
                                                "HUNT", "microdata.no", "NAV"}
    for key in GIS:
        ind = cat[key]
        assert ind.data_source == "GIS" and ind.has_data and ind.theme in ("green", "transit", "housing")
        assert not ind.from_counts
    assert cat["sdg_11_2_1"].sdg == "11.2.1" and cat["sdg_11_7_1"].sdg == "11.7.1"
    assert cat["ungdata_safe_neighbourhood"].sdg == "16.1.4"
    assert cat["neet"].sdg == "8.6.1" and cat["crowding"].sdg == "11.1.1"
    assert set(LEVEKAR + GIS) <= set(cat.all_keys())


def test_life_course_labels_are_the_framework_ones():
    assert LIFE_COURSE == ("før fødsel–2 år", "barnehage 2–5", "barneskole 5–12",
                           "ungdomsskole/vgs 13–19", "ungt voksenliv 20–44",
                           "senere voksenliv og alderdom", "på tvers av aldersgrupper")


def test_filter_by_marmot(cat):
    a = cat.filter(marmot="A")
    assert a and all("A" in i.marmot for i in a)
    assert {"child_low_income", "fhi_kindergarten", "fhi_low_birth_weight"} <= {i.key for i in a}
    g_or_h = cat.filter(marmot=["G", "H"])
    assert all(set(i.marmot) & {"G", "H"} for i in g_or_h)
    assert {"immigrant_short", "sdg_11_2_1"} <= {i.key for i in g_or_h}
    # every principle has at least one indicator
    for letter in MARMOT_PRINCIPLES:
        assert cat.filter(marmot=letter), letter


def test_filter_by_life_course(cat):
    youth = cat.filter(life_course="ungdomsskole/vgs 13–19")
    assert {"vgs_completion", "ungdata_bullying", "ungdata_safe_neighbourhood"} <= {i.key for i in youth}
    assert all(i.life_course == "ungdomsskole/vgs 13–19" for i in youth)
    for group in LIFE_COURSE:
        assert cat.filter(life_course=group), group


def test_filter_by_sdg_goal(cat):
    eleven = cat.filter(sdg_goal=11)
    assert {i.key for i in eleven} == {"crowding", "sdg_11_2_1", "sdg_11_7_1"}
    assert [i.key for i in cat.filter(sdg_goal="16")] == ["ungdata_safe_neighbourhood"]
    assert [i.key for i in cat.filter(sdg_goal="11.2.1")] == ["sdg_11_2_1"]
    assert {i.key for i in cat.filter(sdg_goal=[8, 16])} >= {"neet", "ungdata_safe_neighbourhood"}


def test_filter_combined_and_order(cat):
    got = cat.filter(marmot="E", sdg_goal=11, has_data=True, theme="green")
    assert [i.key for i in got] == ["sdg_11_7_1"]
    assert cat.filter(data_source="Ungdata", has_data=True) == []
    everything = cat.filter()
    assert [i.key for i in everything] == cat.all_keys()


def test_filter_rejects_typos(cat):
    with pytest.raises(DataError, match="Marmot"):
        cat.filter(marmot="Z")
    with pytest.raises(DataError, match="life-course"):
        cat.filter(life_course="barnehage 2-5")  # a hyphen instead of the en dash


def test_bad_vocabulary_in_a_file(tmp_path):
    for field, value in (("life_course", "unge"), ("marmot", ["X"]), ("data_source", "Facebook"),
                         ("type", "output"), ("status", "kommer")):
        p = tmp_path / f"{field}.json"
        entry = {"key": "x", "name_nb": "X", "unit": "%", "direction": "high_is_bad", field: value}
        p.write_text(json.dumps({"indicators": [], "framework": [entry]}))
        with pytest.raises(DataError, match=f"layer 'framework', field '{field}', row 1"):
            Catalogue.from_file(p)


def test_duplicate_keys_refused(tmp_path):
    p = tmp_path / "dup.json"
    e = {"key": "x", "name_nb": "X", "unit": "%", "direction": "high_is_bad"}
    p.write_text(json.dumps({"indicators": [e], "framework": [e]}))
    with pytest.raises(DataError, match="more than once"):
        Catalogue.from_file(p)


def test_user_data_for_a_framework_indicator_moves_it_to_the_indicators(tmp_path):
    p = tmp_path / "mine.json"
    p.write_text(json.dumps({"indicators": [
        {"key": "ungdata_bullying", "name_nb": "Mobbing (egne tall)", "unit": "%",
         "direction": "high_is_bad", "count": "ungdata_bullying_count",
         "denominator": "ungdata_bullying_denom", "marmot": ["B"]},
    ], "framework": [
        {"key": "my_gis", "name_nb": "Mitt GIS-mål", "unit": "%", "direction": "high_is_good",
         "data_source": "GIS"},
    ]}), "utf-8")
    cat = Catalogue.default().with_user_file(p)
    assert "ungdata_bullying" in cat.keys() and cat["ungdata_bullying"].has_data
    assert "ungdata_bullying" not in [i.key for i in cat.framework]
    assert "my_gis" in [i.key for i in cat.framework] and "my_gis" not in cat.keys()
    # the shipped catalogue is untouched
    assert not Catalogue.default()["ungdata_bullying"].has_data


def test_add_replaces_in_place(cat):
    c = Catalogue(list(cat.indicators), list(cat.framework))
    new = Indicator("sdg_11_7_1", "Ny", "New", "%", "high_is_good", theme="green", data_source="GIS")
    c.add(new)
    assert c["sdg_11_7_1"].name_nb == "Ny"
    assert c.all_keys() == cat.all_keys()


def test_labels(cat):
    ind = cat["neet"]
    assert ind.marmot_labels()[0].startswith("B: ")
    assert ind.marmot_labels("en")[1].startswith("C: Create fair employment")
    assert ind.type_label() == "resultatindikator" and ind.type_label("en") == "outcome indicator"
    assert ind.sdg_goal == "8" and cat["disability_18_29"].sdg_goal is None
    assert "framework entries" in repr(cat)
