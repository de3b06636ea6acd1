"""The cluster views alone, with qtbot, against a real ThemeResults: model → view and view → model.

One ThemeResults for the module: esda's numba kernels compile on the first cluster statistic of
a process (tens of seconds), so it is computed once. The tiny project is a 5 × 4 grid whose
levekår rates rise with the zone number, so the composite index is high in the top rows (a
High-High cluster) and low in the bottom rows (Low-Low).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from PySide6.QtCore import QPoint, Qt

from tests.factories import write_tiny_project
from ungtloft_map._qt.cluster_view import ClusterPanel, Histogram, MoranScatter, index_indicators
from ungtloft_map.core.analysis.clusters import NOT_SIGNIFICANT, cluster_members
from ungtloft_map.core.pipeline import LISA_COLORS, compute_themes
from ungtloft_map.core.project import Project

NX, NY = 5, 4


@pytest.fixture(scope="module")
def themes(tmp_path_factory):
    folder = write_tiny_project(tmp_path_factory.mktemp("p"), nx=NX, ny=NY)
    res = compute_themes(Project.load(folder))
    assert res.lisa is not None and res.weights is not None, res.errors
    return res


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(600, 450)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _qt_point(widget, x: float, y: float) -> QPoint:
    """Data coordinates of the widget's axes → a point on its canvas in Qt (logical) pixels."""
    canvas = widget.canvas
    canvas.draw()  # transforms are valid only once the figure has been laid out
    px, py = widget.ax.transData.transform((x, y))
    dpr = canvas.device_pixel_ratio
    return QPoint(round(px / dpr), round(canvas.height() - py / dpr))


def _drag(qtbot, widget, start: tuple[float, float], end: tuple[float, float],
          modifier=Qt.KeyboardModifier.NoModifier) -> None:
    p0, p1 = _qt_point(widget, *start), _qt_point(widget, *end)
    canvas = widget.canvas
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, modifier, p0)
    for t in (0.25, 0.5, 0.75, 1.0):
        qtbot.mouseMove(canvas, p0 + (p1 - p0) * t)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, modifier, p1)


def _grid(zone: str) -> tuple[int, int]:
    """(row, column) of a factory zone id "Z<row><col>"."""
    return int(zone[1]), int(zone[2])


def _queen(a: str, b: str) -> bool:
    (r1, c1), (r2, c2) = _grid(a), _grid(b)
    return a != b and abs(r1 - r2) <= 1 and abs(c1 - c2) <= 1


# --------------------------------------------------------------------------------------------
# MoranScatter
# --------------------------------------------------------------------------------------------
def test_moran_scatter_draws_the_result(qtbot, themes):
    w = _show(qtbot, MoranScatter())
    w.set_result(themes)
    lisa = themes.lisa
    with_data = int(themes.zone_table.gdf["composite_score"].notna().sum())
    assert len(w.points.get_offsets()) == with_data == lisa.n == NX * NY
    # colours: the LISA colour for significant zones, grey otherwise
    faces = w.points.get_facecolors()
    for row, i in enumerate(w._order):
        zone = w.ids[i]
        label = lisa.labels[zone]
        expected = LISA_COLORS[label] if lisa.significant[zone] else "#a6a6a6"
        assert np.allclose(faces[row], to_rgba(expected)), zone
    assert {"High-High", "Low-Low"} <= set(lisa.labels)
    # regression line through the origin with slope = global Moran's I
    lines = [ln for ln in w.ax.get_lines() if len(ln.get_xdata()) == 2 and ln.get_xdata()[0] != ln.get_xdata()[1]
             and ln.get_ydata()[0] != ln.get_ydata()[1]]
    assert len(lines) == 1
    (x0, x1), (y0, y1) = lines[0].get_xdata(), lines[0].get_ydata()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(lisa.global_i)
    i_text = f"{lisa.global_i:.2f}".replace(".", ",")
    p_text = f"{lisa.global_p:.3f}".replace(".", ",")
    assert w.ax.get_title() == f"Moran's I = {i_text} (p = {p_text})"
    assert "Sammensatt belastningsindeks" in w.ax.get_xlabel()
    assert "romlig lag" in w.ax.get_ylabel()
    legend = [t.get_text() for t in w.ax.get_legend().get_texts()]
    n_hh = int((lisa.labels == "High-High").sum())
    assert f"Høy-Høy ({n_hh})" in legend and "Helning = Moran's I" in legend
    # clearing shows a message instead of points
    w.set_result(None)
    assert w.points is None and w.ids == []


def test_moran_scatter_selection_model_to_view(qtbot, themes):
    w = _show(qtbot, MoranScatter())
    w.set_result(themes)
    with qtbot.assertNotEmitted(w.selectionChanged):
        w.set_selection(["Z33", "Z00", "nope"])
    assert w.selected_ids() == ["Z33", "Z00"]
    rings = w.ring.get_offsets()
    expected = themes.lisa.scatter.loc[["Z33", "Z00"], ["z", "lag"]].to_numpy()
    assert np.allclose(rings, expected)
    # the ring survives a new result
    w.set_result(themes)
    assert len(w.ring.get_offsets()) == 2


def test_moran_scatter_click_and_shift_click(qtbot, themes):
    w = _show(qtbot, MoranScatter())
    w.set_result(themes)
    sc = themes.lisa.scatter
    with qtbot.waitSignal(w.selectionChanged) as sig:
        qtbot.mouseClick(w.canvas, Qt.MouseButton.LeftButton, pos=_qt_point(w, *sc.loc["Z12"]))
    assert sig.args == [["Z12"]]
    shift = Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(w.selectionChanged) as sig:
        qtbot.mouseClick(w.canvas, Qt.MouseButton.LeftButton, shift, _qt_point(w, *sc.loc["Z00"]))
    assert sig.args == [["Z12", "Z00"]]
    assert w.selected_ids() == ["Z12", "Z00"]
    # shift-click on a selected point takes it out again
    with qtbot.waitSignal(w.selectionChanged) as sig:
        qtbot.mouseClick(w.canvas, Qt.MouseButton.LeftButton, shift, _qt_point(w, *sc.loc["Z12"]))
    assert sig.args == [["Z00"]]
    # a click on empty space (the Low-High corner has no point here) clears
    x, y = -1.0, 0.3
    assert not ((sc["z"] < 0) & (sc["lag"] > 0)).any()
    with qtbot.waitSignal(w.selectionChanged) as sig:
        qtbot.mouseClick(w.canvas, Qt.MouseButton.LeftButton, pos=_qt_point(w, x, y))
    assert sig.args == [[]]


def test_moran_scatter_drag_box(qtbot, themes):
    w = _show(qtbot, MoranScatter())
    w.set_result(themes)
    sc = themes.lisa.scatter
    x0, x1, y0, y1 = 0.5, sc["z"].max() + 0.05, 0.3, sc["lag"].max() + 0.05
    inside = sc.index[(sc["z"] >= x0) & (sc["z"] <= x1) & (sc["lag"] >= y0) & (sc["lag"] <= y1)]
    assert 3 <= len(inside) < len(sc)
    with qtbot.waitSignal(w.selectionChanged) as sig:
        _drag(qtbot, w, (x0, y0), (x1, y1))
    assert sig.args == [list(inside)]
    # shift-drag adds the zones of a second box
    lo = sc.index[(sc["z"] <= -1.2) & (sc["lag"] <= -0.7)]
    assert len(lo)
    with qtbot.waitSignal(w.selectionChanged) as sig:
        _drag(qtbot, w, (sc["z"].min() - 0.05, sc["lag"].min() - 0.05), (-1.2, -0.7),
              Qt.KeyboardModifier.ShiftModifier)
    assert sig.args == [list(inside) + list(lo)]
    assert w.ids_in_box(x0, x1, y0, y1) == list(inside)


def test_moran_scatter_without_clusters(qtbot, themes):
    w = _show(qtbot, MoranScatter())
    failed = replace(themes, lisa=None, errors={"clusters": "all zones have the same value"})
    w.set_result(failed)
    assert w.points is None
    texts = [" ".join(t.get_text().split()) for t in w.ax.texts]  # the message is wrapped
    assert any("ikke beregnet" in t and "same value" in t for t in texts)


# --------------------------------------------------------------------------------------------
# Histogram
# --------------------------------------------------------------------------------------------
def test_histogram_model_to_view(qtbot, themes):
    zt = themes.zone_table
    w = _show(qtbot, Histogram())
    w.set_data(zt, "low_income")
    assert sum(b.get_height() for b in w.bars) == len(zt)
    # bars take the map's class colours (quantiles, 5 classes): more than one colour
    assert len({tuple(b.get_facecolor()) for b in w.bars}) > 1
    assert w.ax.get_title() == zt.info["low_income"].label("nb")
    assert "Kommunen: " in " ".join(t.get_text() for t in w.ax.get_legend().get_texts())
    with qtbot.assertNotEmitted(w.selectionChanged):
        w.set_selection(["Z00", "Z34", "Z33"])
    assert sum(b.get_height() for b in w.selected_bars) == 3
    assert "Valgte soner (3)" in [t.get_text() for t in w.ax.get_legend().get_texts()]
    # redrawn with a selection (another column, a new classification): the selection is kept
    w.set_data(zt, "neet")
    w.set_classification({"scheme": "equalinterval", "k": 4, "bins": None})
    assert sum(b.get_height() for b in w.selected_bars) == 3
    assert w.selected_bars.patches[0].axes is w.ax
    # a categorical column cannot be a histogram: a message, no bars
    w.set_data(zt, "lisa_label")
    assert w.bars is None and any("kategori" in t.get_text() for t in w.ax.texts)
    # a one-colour fallback when the classification cannot be made
    w.set_data(zt, "neet", classification={"scheme": "userdefined", "k": 5, "bins": [3.0, 1.0]})
    assert len({tuple(b.get_facecolor()) for b in w.bars}) == 1


def test_histogram_span_selects_zones_in_range(qtbot, themes):
    zt = themes.zone_table
    v = zt.gdf["low_income"]
    w = _show(qtbot, Histogram())
    w.set_data(zt, "low_income")
    # bounds between two values (they step by 2.5), so pixel rounding cannot change the answer
    lo, hi = 19.2, 39.2
    expected = [str(z) for z in v.index[(v >= lo) & (v <= hi)]]
    assert 3 <= len(expected) < len(v)
    with qtbot.waitSignal(w.selectionChanged) as sig:
        _drag(qtbot, w, (lo, 1.0), (hi, 1.0))
    assert sig.args == [expected]
    assert w.selected_ids() == expected
    # shift adds a second range
    top = [str(z) for z in v.index[v >= 49.0]]
    with qtbot.waitSignal(w.selectionChanged) as sig:
        _drag(qtbot, w, (49.0, 1.0), (v.max() + 0.5, 1.0), Qt.KeyboardModifier.ShiftModifier)
    assert sig.args == [expected + top]


def test_histogram_click_selects_a_bar(qtbot, themes):
    zt = themes.zone_table
    v = zt.gdf["low_income"]
    w = _show(qtbot, Histogram())
    w.set_data(zt, "low_income")
    lo, hi = w.edges[0], w.edges[1]
    expected = [str(z) for z in v.index[(v >= lo) & (v < hi)]]
    assert expected
    with qtbot.waitSignal(w.selectionChanged) as sig:
        qtbot.mouseClick(w.canvas, Qt.MouseButton.LeftButton, pos=_qt_point(w, (lo + hi) / 2, 0.5))
    assert sig.args == [expected]


# --------------------------------------------------------------------------------------------
# ClusterPanel
# --------------------------------------------------------------------------------------------
def test_index_indicators(themes):
    assert index_indicators(themes) == [("low_income", "Lavinntekt (EU60)", "levekar"),
                                        ("neet", themes.zone_table.info["neet"].label("nb"), "levekar")]
    # without an index (e.g. every weight 0) the indicators come from the ZoneTable
    assert [k for k, _, _ in index_indicators(replace(themes, index=None))] == ["low_income", "neet"]


def test_cluster_panel_model_to_view(qtbot, themes):
    panel = _show(qtbot, ClusterPanel())
    with qtbot.assertNotEmitted(panel.settingsChanged, wait=500):
        panel.set_result(themes)
        s = replace(themes.settings, index_method="zscore", weights={"low_income": 2.5}, theme_weights={"levekar": 3.0},
                    burden_percentile=0.9, cluster_column="theme_levekar", cluster_weights="knn", cluster_k=4,
                    permutations=99, alpha=0.01, fdr=True)
        panel.set_settings(s, index_indicators(themes))
    assert panel.method.currentData() == "zscore"
    assert panel.weight_spin("low_income").value() == 2.5
    assert panel.weight_spin("neet").value() == 1.0
    assert panel.theme_spin("levekar").value() == 3.0
    assert panel.weight_spin("low_income").text() == "2,5"  # decimal comma
    assert panel.burden.currentData() == 0.9
    assert panel.column.currentData() == "theme_levekar"
    assert panel.column.currentText() == "Indeks: Levekår"
    assert panel.k.isEnabled() and panel.k.value() == 4
    assert panel.permutations.currentData() == 99
    assert panel.alpha.currentText() == "0,01"
    assert panel.fdr.isChecked()
    # what the controls show is exactly what was set
    assert panel.settings() == replace(s, weights={"low_income": 2.5, "neet": 1.0})
    assert "Høy-Høy-klynge" in panel.summary.toPlainText()
    # one paragraph per sentence, the words as the core wrote them
    assert panel.summary.toPlainText().split() == themes.cluster_summary("nb").split()
    assert panel.summary.document().blockCount() >= 4
    # one paragraph per finding of the core, in either language (no parsing of the bokmål text)
    assert panel.summary.document().blockCount() == len(themes.cluster_summary_sentences("nb"))
    # the cluster variable offers the composite, the theme indices and the indicators
    keys = [panel.column.itemData(i) for i in range(panel.column.count()) if panel.column.itemData(i)]
    assert keys == ["composite_score", "theme_levekar", "low_income", "neet"]
    assert panel.column.itemText(0) == "Sammensatt belastningsindeks"


def test_cluster_panel_weight_change_is_debounced(qtbot, themes):
    panel = _show(qtbot, ClusterPanel())
    panel.set_result(themes)
    got = []
    panel.settingsChanged.connect(got.append)
    spin = panel.weight_spin("low_income")
    # three quick changes (a spin arrow held down) → one recompute with the last value
    with qtbot.waitSignal(panel.settingsChanged, timeout=3000) as sig:
        spin.stepBy(1)
        spin.stepBy(1)
        spin.stepBy(1)
        assert got == []  # nothing before the debounce timer fires
    s = sig.args[0]
    assert s.weights == {"low_income": 2.5, "neet": 1.0}
    # every field without a control is carried over from the model
    assert replace(s, weights={}, theme_weights={}) == themes.settings
    qtbot.wait(DEBOUNCE_WAIT)
    assert len(got) == 1


DEBOUNCE_WAIT = 450  # ms: longer than the 300 ms debounce


def test_cluster_panel_other_controls_emit(qtbot, themes):
    panel = _show(qtbot, ClusterPanel())
    panel.set_result(themes)
    with qtbot.waitSignal(panel.settingsChanged, timeout=3000) as sig:
        panel.method.setCurrentIndex(panel.method.findData("ratio"))
        panel.weights_kind.setCurrentIndex(panel.weights_kind.findData("knn"))
        panel.k.setValue(3)
        panel.alpha.setCurrentIndex(panel.alpha.findData(0.01))
        panel.fdr.setChecked(True)
        panel.theme_spin("levekar").setValue(0.5)
    s = sig.args[0]
    assert (s.index_method, s.cluster_weights, s.cluster_k, s.alpha, s.fdr) == ("ratio", "knn", 3, 0.01, True)
    assert s.theme_weights == {"levekar": 0.5}
    assert panel.k.isEnabled()
    # the model's settings win over a user change not yet sent
    panel.weight_spin("neet").setValue(4.0)
    with qtbot.assertNotEmitted(panel.settingsChanged, wait=DEBOUNCE_WAIT):
        panel.set_settings(themes.settings, index_indicators(themes))
    assert panel.weight_spin("neet").value() == 1.0 and not panel.k.isEnabled()


def test_cluster_panel_select_cluster(qtbot, themes):
    lisa = themes.lisa
    panel = _show(qtbot, ClusterPanel())
    panel.set_result(themes)
    assert not panel.select_cluster.isEnabled()  # no zone yet
    hh = [str(z) for z, lab in lisa.labels.items() if lab == "High-High"]
    assert hh, "the tiny grid should have a High-High cluster"
    zone = hh[0]
    panel.set_current_zone(zone)
    assert panel.select_cluster.isEnabled()
    assert "Høy-Høy" in panel.zone_label.text()
    with qtbot.waitSignal(panel.selectionChanged) as sig:
        qtbot.mouseClick(panel.select_cluster, Qt.MouseButton.LeftButton)
    members = sig.args[0]
    assert members == [str(z) for z in cluster_members(lisa, zone, themes.weights)]
    # by hand on the grid: the High-High zones connected to the zone (queen), plus their neighbours
    core, todo = {zone}, [zone]
    while todo:
        z = todo.pop()
        for other in hh:
            if other not in core and _queen(z, other):
                core.add(other)
                todo.append(other)
    everyone = [f"Z{r}{c}" for r in range(NY) for c in range(NX)]
    expected = core | {z for z in everyone if any(_queen(z, c) for c in core)}
    assert set(members) == expected
    assert len(members) > len(core)
    # a zone that is not significant: no cluster to select
    ns = next(str(z) for z, lab in lisa.labels.items() if lab == NOT_SIGNIFICANT)
    panel.set_current_zone(ns)
    assert not panel.select_cluster.isEnabled()
    assert "ikke i en signifikant klynge" in panel.zone_label.text()
    panel.set_current_zone(None)
    assert not panel.select_cluster.isEnabled()
