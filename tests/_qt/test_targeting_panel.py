"""The target-area panel alone, with qtbot, on the demo municipality: model → view, view → model.

One ThemeResults for the module, with the cluster step skipped (``cluster_column=""``): the
ranking does not use LISA/Gi*, and esda's JIT compile would cost 20 s or more. Expected values
come from the core called directly (the panel must show exactly what the core computes).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from ungtloft_map._qt.targeting import TargetingPanel
from ungtloft_map._qt.targeting.common import COL_CHANGE, COL_ID, COL_RANK, COL_STABILITY
from ungtloft_map.core.analysis import targeting as tg
from ungtloft_map.core.errors import UngtloftError
from ungtloft_map.core.workflows import inside_zone


@pytest.fixture(scope="module")
def demo():
    from ungtloft_map.core.pipeline import AnalysisSettings, compute_themes
    from ungtloft_map.core.project import Project

    project = Project.demo()
    themes = compute_themes(project, settings=AnalysisSettings(cluster_column=""))
    assert themes.index is not None, themes.errors
    return project, themes


@pytest.fixture()
def panel(qtbot, demo):
    project, themes = demo
    w = TargetingPanel()
    qtbot.addWidget(w)
    w.resize(700, 600)
    w.show()
    qtbot.waitExposed(w)
    w.set_themes(project, themes)
    return w


def _touching(gdf: gpd.GeoDataFrame, ids) -> set[str]:
    """Zones sharing an edge or a corner with ``ids`` (queen), from the geometries alone."""
    area = gdf.loc[list(ids)].union_all()
    hit = gdf.index[gdf.geometry.intersects(area).to_numpy()]
    return {str(z) for z in hit} - {str(z) for z in ids}


def _column(w: TargetingPanel, col: int) -> list[str]:
    proxy = w.ranking_proxy
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def _click_row(qtbot, w: TargetingPanel, row: int, modifier=Qt.KeyboardModifier.NoModifier):
    view = w.ranking_table
    view.scrollTo(w.ranking_proxy.index(row, COL_ID))
    rect = view.visualRect(w.ranking_proxy.index(row, COL_ID))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _pair_and_apart(themes) -> tuple[list[str], str]:
    """The top-ranked zone with one neighbour, and a zone that touches neither."""
    gdf = themes.zone_table.gdf
    top = str(themes.zone_table.gdf["composite_rank"].idxmin())
    nb = sorted(_touching(gdf, [top]))[0]
    near = _touching(gdf, [top, nb]) | {top, nb}
    apart = next(str(z) for z in gdf.index if str(z) not in near)
    return [top, nb], apart


# --------------------------------------------------------------------------------------------
# model → view
# --------------------------------------------------------------------------------------------
def test_set_themes_fills_the_ranking(qtbot, demo):
    project, themes = demo
    w = TargetingPanel()
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.rankingChanged) as sig:
        w.set_themes(project, themes)
    score = sig.args[0]
    zt = themes.zone_table
    assert isinstance(score, pd.Series) and len(score) == 50
    # The default weights are the pipeline's: the scores are the map's composite score.
    np.testing.assert_allclose(score.reindex(zt.gdf.index).to_numpy(dtype=float),
                               zt.gdf["composite_score"].to_numpy(dtype=float))
    assert w.ranking_proxy.rowCount() == 50
    ids = _column(w, COL_ID)
    ranks = [int(r) for r in _column(w, COL_RANK)]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert ranks == zt.gdf.loc[ids, "composite_rank"].astype(int).tolist()
    assert set(_column(w, COL_CHANGE)) == {"0"}  # nothing moved at the default weights
    assert _column(w, COL_STABILITY) == [""] * 50  # computed on request only
    # A slider and a spin box per indicator of the index, and one per theme.
    inputs = tg.index_inputs(zt, project.catalogue)
    for key in inputs.values.columns:
        c = w.weight_control(key)
        assert c.slider.value() == 10 and c.spin.value() == pytest.approx(1.0)
        assert c.spin.textFromValue(1.0) == "1,0"  # decimal comma
    assert set(w.weights()["theme_weights"]) == set(inputs.themes.values())
    assert w.method_box.currentData() == "percentile"

    # None clears the panel (a project without themes yet).
    with qtbot.assertNotEmitted(w.rankingChanged):
        w.set_themes(None, None)
    assert w.ranking_proxy.rowCount() == 0 and w.ranking is None


def test_recompute_keeps_the_weights_tried_unless_the_settings_changed(qtbot, panel, demo):
    from dataclasses import replace

    project, themes = demo
    pair, _ = _pair_and_apart(themes)
    _add(qtbot, panel, pair, "Beholdt")
    with qtbot.waitSignal(panel.rankingChanged, timeout=3000):
        panel.weight_control("neet").slider.setValue(30)
    # The same analysis settings (another recompute): the weights being tried stay.
    with qtbot.waitSignal(panel.rankingChanged) as sig:
        panel.set_themes(project, themes)
    assert panel.weights()["weights"]["neet"] == pytest.approx(3.0)
    assert (sig.args[0] != themes.zone_table.gdf["composite_score"].reindex(
        sig.args[0].index)).any()
    assert [c.name for c in panel.candidates] == ["Beholdt"]  # its zones still exist
    # New analysis weights (from the cluster panel): the panel follows them.
    settings = replace(themes.settings, theme_weights={"green": 2.0}, index_method="ratio")
    panel.set_themes(project, replace(themes, settings=settings))
    assert panel.weights()["weights"]["neet"] == pytest.approx(1.0)
    assert panel.weights()["theme_weights"]["green"] == pytest.approx(2.0)
    assert panel.weights()["method"] == "ratio" and panel.ranking.method == "ratio"
    # No themes yet (another year is computing): the candidates wait for the next table.
    panel.set_themes(project, None)
    assert [c.name for c in panel.candidates] == ["Beholdt"]


def test_set_selection_highlights_rows_without_emitting(qtbot, panel, demo):
    _, themes = demo
    ids = [str(z) for z in themes.zone_table.gdf.index[[3, 7]]]
    with qtbot.assertNotEmitted(panel.selectionChanged):
        panel.set_selection(ids)
    rows = panel.ranking_table.selectionModel().selectedRows()
    assert sorted(panel.ranking_proxy.data(r, Qt.ItemDataRole.DisplayRole) for r in
                  [panel.ranking_proxy.index(i.row(), COL_ID) for i in rows]) == sorted(ids)
    assert "2 soner" in panel.selection_label.text()


# --------------------------------------------------------------------------------------------
# view → model: weights
# --------------------------------------------------------------------------------------------
def test_slider_move_reranks_with_arrows(qtbot, panel, demo):
    project, themes = demo
    c = panel.weight_control("neet")
    with qtbot.waitSignal(panel.rankingChanged, timeout=3000) as sig:
        c.slider.setValue(40)
    assert c.spin.value() == pytest.approx(4.0)  # the spin box follows the slider
    assert panel.weights()["weights"]["neet"] == pytest.approx(4.0)
    expected = tg.index_inputs(themes.zone_table, project.catalogue).rank(
        weights=panel.weights()["weights"], theme_weights=panel.weights()["theme_weights"])
    got = sig.args[0]
    pd.testing.assert_series_equal(got, expected.table["score"], check_names=False)
    changes = _column(panel, COL_CHANGE)
    assert any(t.startswith("↑") for t in changes) and any(t.startswith("↓") for t in changes)
    # The shown rows are the core's ranking, the arrows its rank_change.
    ids = _column(panel, COL_ID)
    for zid, text in zip(ids, changes):
        ch = expected.table.at[zid, "rank_change"]
        assert text == ("0" if ch == 0 else f"{expected.table.at[zid, 'arrow']}\u2009{abs(ch)}")

    # The spin box drives the slider too.
    with qtbot.waitSignal(panel.rankingChanged, timeout=3000):
        c.spin.setValue(2.5)
    assert c.slider.value() == 25


def test_weight_moves_are_debounced(qtbot, panel):
    seen = []
    panel.rankingChanged.connect(seen.append)
    slider = panel.theme_control("levekar").slider
    for v in (12, 15, 18, 21, 24):
        slider.setValue(v)
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=3000)
    qtbot.wait(250)
    assert len(seen) == 1  # one ranking after the user stops, not one per step
    assert panel.weights()["theme_weights"]["levekar"] == pytest.approx(2.4)


def test_reset_and_method(qtbot, panel):
    with qtbot.waitSignal(panel.rankingChanged, timeout=3000):
        panel.theme_control("transit").spin.setValue(0.0)
    assert panel.ranking.moved.shape[0] > 0
    with qtbot.waitSignal(panel.rankingChanged, timeout=3000):
        qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert all(v == 1.0 for v in panel.weights()["weights"].values())
    assert all(v == 1.0 for v in panel.weights()["theme_weights"].values())
    assert panel.theme_control("transit").slider.value() == 10
    assert set(_column(panel, COL_CHANGE)) == {"0"}
    with qtbot.waitSignal(panel.rankingChanged, timeout=3000):
        panel.method_box.setCurrentIndex(panel.method_box.findData("zscore"))
    assert panel.ranking.method == "zscore"
    assert panel.weights()["method"] == "zscore"


def test_all_weights_zero_keeps_the_last_ranking(qtbot, panel):
    before = panel.ranking
    for c in panel._theme_controls.values():
        c.set_value(0.0)
    panel.theme_control("levekar").spin.setValue(0.0)  # one user change: triggers the ranking
    panel.theme_control("levekar").spin.setValue(0.1)
    panel.theme_control("levekar").spin.setValue(0.0)
    qtbot.wait(300)
    assert panel.ranking is before
    assert panel.ranking_message.text().startswith("Kan ikke rangere")


# --------------------------------------------------------------------------------------------
# view → model: selection and stability
# --------------------------------------------------------------------------------------------
def test_selecting_rows_emits_selection(qtbot, panel):
    ids = _column(panel, COL_ID)
    with qtbot.waitSignal(panel.selectionChanged) as sig:
        _click_row(qtbot, panel, 0)
    assert sig.args == [[ids[0]]]
    with qtbot.waitSignal(panel.selectionChanged) as sig:
        _click_row(qtbot, panel, 2, Qt.KeyboardModifier.ControlModifier)
    assert sig.args == [[ids[0], ids[2]]]
    assert panel.selected_ids() == [ids[0], ids[2]]
    # A re-ranking keeps the selection and does not report it again.
    with qtbot.assertNotEmitted(panel.selectionChanged, wait=300):
        panel.weight_control("low_income").slider.setValue(30)
    selected = {panel.ranking_proxy.index(r.row(), COL_ID).data()
                for r in panel.ranking_table.selectionModel().selectedRows()}
    assert selected == {ids[0], ids[2]}


def test_stability_on_request(qtbot, panel, demo):
    project, themes = demo
    panel.top_n.setValue(8)
    qtbot.mouseClick(panel.stability_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.stability is not None, timeout=10000)
    expected = tg.index_inputs(themes.zone_table, project.catalogue).stability(top_n=8)
    pd.testing.assert_series_equal(panel.stability, expected)
    texts = _column(panel, COL_STABILITY)
    assert all(t.endswith("\u00a0%") for t in texts)
    top = _column(panel, COL_ID)[0]
    assert texts[0] == f"{round(100 * expected[top])}\u00a0%"
    assert "8 mest belastede" in panel.ranking_message.text()
    # Sorting by the column puts the most stable zones first.
    panel.ranking_table.sortByColumn(COL_STABILITY, Qt.SortOrder.DescendingOrder)
    first = _column(panel, COL_ID)[0]
    assert expected[first] == expected.max()
    # The shares belong to the weights: a move clears them.
    with qtbot.waitSignal(panel.rankingChanged, timeout=3000):
        panel.weight_control("crowding").slider.setValue(20)
    assert panel.stability is None
    assert set(_column(panel, COL_STABILITY)) == {""}


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------
def _add(qtbot, w: TargetingPanel, ids, name: str = "") -> None:
    w.set_selection(ids)
    w.candidate_name.setText(name)
    qtbot.mouseClick(w.add_candidate_button, Qt.MouseButton.LeftButton)


def test_candidates_adjacency_and_comparison(qtbot, panel, demo):
    project, themes = demo
    pair, apart = _pair_and_apart(themes)
    _add(qtbot, panel, [pair[0], apart])
    assert panel.candidates == []
    assert "grenser ikke til" in panel.candidate_message.text()
    assert "b30000" in panel.candidate_message.styleSheet()

    _add(qtbot, panel, pair, "Øst")
    _add(qtbot, panel, [apart])
    assert [c.name for c in panel.candidates] == ["Øst", panel._zone_name(apart)]
    assert panel.candidate_list.count() == 2
    assert "1 sone," in panel.candidate_list.item(1).text()
    _add(qtbot, panel, list(reversed(pair)))  # the same zones again
    assert len(panel.candidates) == 2 and "allerede" in panel.candidate_message.text()

    qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.comparison is not None, timeout=15000)
    expected = tg.compare_candidates(themes.zone_table, panel.candidates, project.catalogue,
                                     cells=themes.transit.cells)
    table = panel.compare_table
    assert table.rowCount() == len(expected)
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Måltall", "Enhet", "Kommunen", "Øst", panel._zone_name(apart)]
    row = list(expected.index).index("low_income")
    assert table.item(row, 3).text() == f"{expected.at['low_income', 'Øst']:.1f}".replace(".", ",")
    assert table.item(row, 2).text() == f"{expected.at['low_income', 'municipal']:.1f}".replace(
        ".", ",")
    rank_row = list(expected.index).index("composite_rank")
    assert table.item(rank_row, 3).text().endswith("av 49")  # two zones merged into one
    # Small multiples: one map per candidate; the profile: one line per candidate.
    assert len(panel.maps_figure.axes) == 2
    assert [ax.get_title().split("\n")[0] for ax in panel.maps_figure.axes] == [
        "Øst", panel._zone_name(apart)]
    lines = [ln for ln in panel.profile_figure.axes[0].get_lines() if ln.get_label() in
             ("Øst", panel._zone_name(apart))]
    assert len(lines) == 2
    ys = lines[0].get_xdata()
    assert np.nanmin(ys) >= 0 and np.nanmax(ys) <= 1  # percentiles
    panel.profile_kind.setCurrentIndex(panel.profile_kind.findData("ratio"))
    ratio_line = next(ln for ln in panel.profile_figure.axes[0].get_lines()
                      if ln.get_label() == "Øst")
    prof = expected.attrs["profiles"][0]
    assert ratio_line.get_xdata()[0] == pytest.approx(
        prof.table.at[expected.index[0], "ratio_to_municipal"])

    # "Velg i kartet" selects the candidate's zones in the window.
    panel.candidate_list.setCurrentRow(0)
    with qtbot.waitSignal(panel.selectionChanged) as sig:
        qtbot.mouseClick(panel.show_candidate_button, Qt.MouseButton.LeftButton)
    assert sig.args == [list(pair)]
    # Removing a compared candidate clears the comparison.
    panel.candidate_list.setCurrentRow(1)
    qtbot.mouseClick(panel.remove_candidate_button, Qt.MouseButton.LeftButton)
    assert [c.name for c in panel.candidates] == ["Øst"] and panel.comparison is None
    assert not panel.compare_button.isEnabled()


def test_at_most_five_candidates(qtbot, panel, demo):
    from ungtloft_map._qt.targeting import common as targeting_panel

    assert targeting_panel.MAX_CANDIDATES == tg.MAX_CANDIDATES == 5
    _, themes = demo
    ids = [str(z) for z in themes.zone_table.gdf.index[:6]]
    for z in ids:
        _add(qtbot, panel, [z])
    assert len(panel.candidates) == 5
    assert "høyst 5" in panel.candidate_message.text()


# --------------------------------------------------------------------------------------------
# Comparison zones
# --------------------------------------------------------------------------------------------
def test_comparison_zones_exclude_neighbours_swap_and_accept(qtbot, panel, demo):
    project, themes = demo
    gdf = themes.zone_table.gdf
    pair, apart = _pair_and_apart(themes)
    _add(qtbot, panel, pair, "Mål")
    _add(qtbot, panel, [apart], "Annen")
    panel.target_box.setCurrentIndex(panel.target_box.findData("Mål"))
    panel.k_spin.setValue(5)
    qtbot.mouseClick(panel.propose_button, Qt.MouseButton.LeftButton)
    res = panel.comparison_zones
    assert res is not None and panel.chosen_table.rowCount() == 5
    neighbours = _touching(gdf, pair)
    shown = [panel.chosen_table.item(r, 0).text() for r in range(5)]
    pool = [panel.pool_table.item(r, 0).text() for r in range(panel.pool_table.rowCount())]
    assert shown == res.zone_ids
    assert not (set(shown) | set(pool)) & (neighbours | set(pair))
    assert set(res.excluded_adjacent) == neighbours
    assert len(shown) + len(pool) == len(gdf) - len(pair) - len(neighbours)
    expected = tg.comparison_zones(themes.zone_table, pair, k=5, catalogue=project.catalogue,
                                   cells=themes.transit.cells)
    assert shown == expected.zone_ids
    assert panel.chosen_table.item(0, 2).text() == f"{expected.table.similarity[0]:.3f}".replace(
        ".", ",")
    assert "grenser til målområdet" in panel.comparison_info.text()

    # Swap: a proposed zone out, a pool zone in.
    assert not panel.swap_button.isEnabled()
    out_id, in_id = shown[-1], pool[0]
    panel.chosen_table.selectRow(4)
    panel.pool_table.selectRow(0)
    assert panel.swap_button.isEnabled()
    qtbot.mouseClick(panel.swap_button, Qt.MouseButton.LeftButton)
    now = panel.comparison_zones.zone_ids
    assert in_id in now and out_id not in now and len(now) == 5
    manual = [panel.chosen_table.item(r, 3).text() for r in range(5)
              if panel.chosen_table.item(r, 0).text() == in_id]
    assert manual == ["byttet inn"]
    pool_now = [panel.pool_table.item(r, 0).text() for r in range(panel.pool_table.rowCount())]
    assert out_id in pool_now and in_id not in pool_now

    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert panel.accepted_comparison is panel.comparison_zones
    assert "Godtatt: 5" in panel.comparison_message.text()
    with qtbot.waitSignal(panel.selectionChanged) as sig:
        qtbot.mouseClick(panel.show_comparison_button, Qt.MouseButton.LeftButton)
    assert sig.args == [list(pair) + now]

    # Another target makes the proposal stale.
    panel.target_box.setCurrentIndex(panel.target_box.findData("Annen"))
    assert panel.comparison_zones is None and panel.accepted_comparison is None
    assert panel.chosen_table.rowCount() == 0


# --------------------------------------------------------------------------------------------
# Inside a candidate
# --------------------------------------------------------------------------------------------
def test_inside_zone_cells(qtbot, panel, demo):
    project, themes = demo
    pair, _ = _pair_and_apart(themes)
    _add(qtbot, panel, pair, "Inne")
    assert panel.inside_box.currentData() == "Inne"
    cells = panel.inside_cells
    assert cells is not None and len(cells) > 0
    assert set(cells["zone_id"]) <= set(pair)
    expected = inside_zone.inside_zone_cells(project, pair, themes)
    assert len(cells) == len(expected)
    ax = panel.inside_figure.axes[0]
    assert ax.get_title() == "Inne: Bosatte"
    assert "bosatte" in panel.inside_summary.text()
    panel.inside_variable.setCurrentIndex(panel.inside_variable.findData("green_distance_m"))
    assert panel.inside_figure.axes[0].get_title() == (
        "Inne: Avstand til kvalifiserende grøntområde")
    colorbar = panel.inside_figure.axes[1]
    labels = [t.get_text() for t in colorbar.get_yticklabels() if t.get_text()]
    # Ticks as core.text writes them (decimal comma; a no-break space from 10 000 on)
    from ungtloft_map.core.text import format_short

    assert labels and set(labels) <= {format_short(v) for v in colorbar.get_yticks()}
    panel.inside_variable.setCurrentIndex(panel.inside_variable.findData("time_to_centre_min"))
    assert "Reisetid til sentrum" in panel.inside_figure.axes[0].get_title()


def test_inside_cells_are_not_recomputed_for_another_colour(qtbot, panel, demo, monkeypatch):
    _, themes = demo
    pair, _ = _pair_and_apart(themes)
    _add(qtbot, panel, pair, "Inne")
    cells = panel.inside_cells
    calls = []
    real = inside_zone.inside_zone_cells
    monkeypatch.setattr(inside_zone, "inside_zone_cells", lambda *a, **k: calls.append(a) or real(*a, **k))
    panel.inside_variable.setCurrentIndex(panel.inside_variable.findData("green_distance_m"))
    assert panel.inside_cells is cells and calls == []


# --------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------
def test_export_to_writes_the_selection(qtbot, panel, demo, tmp_path):
    _, themes = demo
    with pytest.raises(UngtloftError, match="Legg til en kandidat"):
        panel.export_to(tmp_path / "tom", pdf=False)
    pair, _ = _pair_and_apart(themes)
    _add(qtbot, panel, pair, "Østbyen")
    qtbot.mouseClick(panel.propose_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.rankingChanged, timeout=3000):
        panel.theme_control("levekar").spin.setValue(2.0)
    paths = panel.export_to(tmp_path / "utvalg", pdf=False)
    suffixes = {p.name[len("utvalg"):] for p in paths}
    assert {".gpkg", ".csv", ".html"} <= suffixes
    assert all(p.exists() and p.stat().st_size > 0 for p in paths)
    html = (tmp_path / "utvalg.html").read_text("utf-8")
    assert "Østbyen" in html
    targets = gpd.read_file(tmp_path / "utvalg.gpkg", layer="targets")
    comparison = gpd.read_file(tmp_path / "utvalg.gpkg", layer="comparison_zones")
    assert sorted(targets["zone_id"].astype(str)) == sorted(pair)
    assert sorted(comparison["zone_id"].astype(str)) == sorted(panel.accepted_comparison.zone_ids)
    text = (tmp_path / "utvalg.csv").read_text("utf-8")
    assert all(z in text for z in pair)
    # The weights used travel with the export.
    weights = gpd.read_file(tmp_path / "utvalg.gpkg", layer="vekter")
    levekar = weights[(weights["type"] == "tema") & (weights["navn"] == "levekar")]
    assert levekar["vekt"].tolist() == [2.0]
    assert len(weights[weights["type"] == "indikator"]) == 16


def test_export_button_runs_in_the_background(qtbot, panel, demo, tmp_path, monkeypatch):
    _, themes = demo
    pair, _ = _pair_and_apart(themes)
    _add(qtbot, panel, pair, "Bakgrunn")
    monkeypatch.setattr(TargetingPanel, "pdf_available", staticmethod(lambda: False))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "bak.gpkg"), "")))
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(panel.last_export), timeout=30000)
    names = {p.name for p in panel.last_export}
    assert {"bak.gpkg", "bak.csv", "bak.html"} <= names
    assert "bak.gpkg" in panel.export_label.text()
    assert panel.export_button.isEnabled()


def test_the_panel_never_crashes_without_a_project(qtbot):
    w = TargetingPanel()
    qtbot.addWidget(w)
    w.set_selection(["0101"])
    assert w.add_selection_as_candidate() is None
    assert w.propose_comparison_zones() is None
    w.compare()
    qtbot.mouseClick(w.export_button, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert w.last_export == []
