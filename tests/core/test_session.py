"""The headless session: state and events, .ulmap round trip, derived columns kept out of exports."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ungtloft_map.core.errors import DataError
from ungtloft_map.core.export import export_zones
from ungtloft_map.core.project import Project
from ungtloft_map.core.projectfile import ProjectState, load_project, save_project
from ungtloft_map.core.session import Session
from ungtloft_map.core.zonetable import ColumnInfo

SCORE = ColumnInfo("target_score", "Rangering med egne vekter", "Ranking with own weights", kind="score",
                   direction="high_is_bad")


def _note(zone_id="Z01", text="Mørk undergang"):
    return {"note_id": "n1", "geometry": {"type": "Point", "coordinates": [0.0, 0.0]}, "zone_id": zone_id,
            "category": "trygghet", "date": "2026-03-04", "source": "befaring", "text": text, "author": None}


def test_open_folder_manifest_and_default(tiny_project_dir):
    by_folder = Session.open(tiny_project_dir)
    by_manifest = Session.open(tiny_project_dir / "manifest.json")
    assert by_folder.project.root == by_manifest.project.root
    assert by_folder.year == max(by_folder.project.years) and by_folder.path is None
    assert by_folder.column in by_folder.zone_table.gdf.columns
    assert not by_folder.dirty and by_folder.notes == []


def test_events_fire_once_per_change_and_mark_dirty(tiny_project_dir):
    s = Session.open(tiny_project_dir)
    seen: list = []
    for event in ("column", "since", "classification", "selection", "layers", "dirty"):
        s.connect(event, lambda v, e=event: seen.append((e, v)))
    s.set_column("neet")
    s.set_column("neet")  # no change, no event
    s.set_since(2023)
    s.set_classification({"scheme": "equal_interval", "k": "4"})
    s.set_selection(["Z01", "Z02"])
    s.set_layers(visible={"roads"}, order=["roads"], opacity={"roads": "0.5"})
    assert seen == [("column", "neet"), ("dirty", True), ("since", 2023),
                    ("classification", {"scheme": "equal_interval", "k": 4, "bins": None}),
                    ("selection", ["Z01", "Z02"]),
                    ("layers", {"visible": ["roads"], "order": ["roads"], "opacity": {"roads": 0.5}})]
    with pytest.raises(ValueError, match="unknown session event"):
        s.connect("colour", print)


def test_ulmap_round_trip_keeps_every_setting_and_notes(tmp_path, tiny_project_dir):
    from ungtloft_map.core.pipeline import AnalysisSettings

    s = Session.open(tiny_project_dir)
    s.set_column("neet")
    s.set_since(min(s.project.years))
    s.set_classification({"scheme": "equal_interval", "k": 3})
    s.set_selection(["Z01"])
    s.set_layers(visible=["roads"], order=["roads", "water"], opacity={"roads": 0.4})
    s.set_analysis(AnalysisSettings(index_method="zscore", weights={"neet": 2.0}))
    s.set_basemap("osm")
    s.set_notes([_note()])
    path = s.save(tmp_path / "mitt")
    assert path.suffix == ".ulmap" and not s.dirty and s.path == path

    back = Session.open(path)
    assert back.settings() == s.settings()
    assert back.notes == s.notes and back.notes is not s.notes
    assert back.analysis.index_method == "zscore" and back.analysis.weights == {"neet": 2.0}
    assert back.path == path and not back.dirty
    # the file is the format core.projectfile reads (and the keys the window has always written)
    state = load_project(path)
    assert {"column", "classification", "year", "since", "layers", "selection", "analysis"} <= set(state.settings)


def test_an_older_project_file_opens(tmp_path, tiny_project_dir):
    """A file written before the session (no basemap/language, an unknown key, a gone year)."""
    settings = {"column": "neet", "classification": {"scheme": "quantiles", "k": 4, "bins": None},
                "year": 2024, "since": 1999, "layers": {"visible": [], "order": [], "opacity": {}},
                "selection": ["Z02"], "analysis": {"index_method": "zscore", "no_longer_a_setting": 1},
                "weights": {"neet": 2.0}}
    path = save_project(ProjectState(str(tiny_project_dir), settings=settings), tmp_path / "old.ulmap")
    s = Session.open(path)
    assert s.column == "neet" and s.classification["k"] == 4 and s.selection == ["Z02"]
    assert s.since is None  # 1999 is no year of the data
    assert s.analysis.index_method == "zscore" and s.basemap is None


def test_another_year_from_the_file_loads_that_years_table(tmp_path, tiny_project_dir):
    years = Project.load(tiny_project_dir).years
    path = save_project(ProjectState(str(tiny_project_dir), settings={"year": years[0]}), tmp_path / "y.ulmap")
    s = Session.open(path)
    assert s.year == years[0] and s.zone_table.year == years[0]


def test_set_year_loads_that_years_table_and_refuses_an_unknown_year(tiny_project_dir):
    s = Session.open(tiny_project_dir)
    first = min(s.project.years)
    seen = []
    s.connect("year", seen.append)
    s.set_year(first)
    assert s.zone_table.year == first and seen == [first] and s.dirty
    with pytest.raises(DataError, match="no data for the year 1999") as err:
        s.set_year(1999)
    assert err.value.code == "unknown_year" and err.value.params["years"] == s.project.years


def test_saving_without_a_project_or_path_is_a_data_error(tiny_project_dir):
    with pytest.raises(DataError, match="no project"):
        Session().save("x.ulmap")
    with pytest.raises(DataError, match="not been saved"):
        Session.open(tiny_project_dir).save()


def test_derived_columns_never_reach_the_shared_table(tiny_project_dir):
    s = Session.open(tiny_project_dir)
    shared = s.zone_table
    assert s.shown_table() is shared  # nothing derived: no copy
    score = pd.Series(range(len(shared)), index=shared.gdf.index, dtype=float)
    assert s.set_derived(score, SCORE) is True
    shown = s.shown_table()
    assert "target_score" in shown.gdf.columns and "target_score" not in shared.gdf.columns
    assert "target_score" not in shared.info
    # a slider moved again: the same shown copy is updated, still not the shared table
    assert s.set_derived(score * 2, SCORE) is False
    assert s.shown_table() is shown and shown.gdf["target_score"].max() == 2 * score.max()
    assert "target_score" not in s.export_table().gdf.columns
    chosen = s.export_table(["target_score"])
    assert "target_score" in chosen.gdf.columns and "target_score" not in shared.gdf.columns
    with pytest.raises(DataError, match="no such column"):
        s.export_table(["slider_history"])


def test_export_after_moving_a_slider_has_no_target_score_unless_chosen(tmp_path, tiny_project_dir):
    s = Session.open(tiny_project_dir)
    score = pd.Series(1.0, index=s.zone_table.gdf.index)
    s.set_derived(score, SCORE)
    plain = export_zones(s.export_table(), tmp_path / "plain.csv")
    chosen = export_zones(s.export_table(["target_score"]), tmp_path / "chosen.csv")
    assert "target_score" not in pd.read_csv(plain.path).columns
    assert "target_score" in pd.read_csv(chosen.path).columns


def test_a_new_year_drops_derived_columns(tiny_project_dir):
    s = Session.open(tiny_project_dir)
    s.set_derived(pd.Series(1.0, index=s.zone_table.gdf.index), SCORE)
    dropped = []
    s.connect("derived", dropped.append)
    s.set_zone_table(s.project.zone_table(min(s.project.years)))
    assert s.derived == {} and dropped == [[]]
    assert "target_score" not in s.shown_table().gdf.columns


def test_notes_are_one_list_for_the_session(tiny_project_dir):
    s = Session.open(tiny_project_dir)
    held = s.notes  # a panel keeps this
    s.set_notes([_note()])
    assert held == [_note()] and held is s.notes
    s.set_project(Project.load(tiny_project_dir))
    assert held == [] and not s.dirty


def test_settings_are_json(tiny_project_dir):
    s = Session.open(tiny_project_dir)
    json.dumps(s.settings())


# Found by tests/robustness/test_fuzz_ulmap.py (make fuzz): a damaged or hand-edited .ulmap
# either raised TypeError/ValueError on open or handed values of the wrong type to the analysis.


@pytest.mark.parametrize(("key", "value"), [
    ("cluster_k", None), ("permutations", "999"), ("permutations", 2**70), ("alpha", float("inf")),
    ("compute_clusters", None), ("cluster_column", 5), ("weights", {"neet": "2"}),
    ("weights", [1, 2]), ("burden_percentile", True), ("transit_date", 20260107),
])
def test_analysis_value_of_the_wrong_type_is_ignored(tmp_path, tiny_project_dir, key, value):
    from ungtloft_map.core.pipeline import AnalysisSettings

    settings = {"analysis": {key: value, "index_method": "zscore"}}
    path = save_project(ProjectState(str(tiny_project_dir), settings=settings), tmp_path / "a.ulmap")
    s = Session.open(path)  # was: opened, and the analysis got None/"999"/inf for a number
    assert getattr(s.analysis, key) == getattr(AnalysisSettings(), key)
    assert s.analysis.index_method == "zscore"  # the usable values are kept


@pytest.mark.parametrize(("settings", "check"), [
    ({"classification": {"scheme": "quantiles", "k": None}}, lambda s: s.classification["k"] == 5),
    ({"classification": {"scheme": "quantiles", "k": "abc"}}, lambda s: s.classification["k"] == 5),
    ({"classification": {"scheme": 3, "k": 4}}, lambda s: s.classification["scheme"] == "quantiles"),
    ({"layers": {"visible": ["roads", None, 3], "order": "roads", "opacity": {"roads": None}}},
     lambda s: s.layers == {"visible": ["roads"], "order": [], "opacity": {}}),
    ({"layers": {"opacity": [0.5]}}, lambda s: s.layers["opacity"] == {}),
    ({"selection": 5}, lambda s: s.selection == []),
    ({"selection": ["Z01", None, {"a": 1}, 7]}, lambda s: s.selection == ["Z01", "7"]),
])
def test_view_setting_of_the_wrong_type_is_ignored(tmp_path, tiny_project_dir, settings, check):
    path = save_project(ProjectState(str(tiny_project_dir), settings=settings), tmp_path / "b.ulmap")
    s = Session.open(path)  # was: TypeError/ValueError/AttributeError from the setters
    assert check(s)


def test_note_that_is_no_object_is_left_out(tmp_path, tiny_project_dir):
    note = _note()
    path = save_project(ProjectState(str(tiny_project_dir), notes=[None, note, "x"]), tmp_path / "c.ulmap")
    assert Session.open(path).notes == [note]  # was: TypeError from dict(None)
