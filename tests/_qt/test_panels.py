"""The side panels alone, with qtbot, against a real ZoneTable: model → view and view → model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ungtloft_map._qt.classification_panel import ClassificationPanel
from ungtloft_map._qt.identify_panel import IdentifyPanel
from ungtloft_map._qt.layer_panel import LayerPanel
from ungtloft_map._qt.zone_table_model import SORT_ROLE, ZoneFilterProxy, ZoneTableModel
from ungtloft_map.core.project import Project


@pytest.fixture()
def zt(tiny_project_dir):
    return Project.load(tiny_project_dir).zone_table()


def test_layer_panel_both_directions(qtbot, zt):
    panel = LayerPanel()
    qtbot.addWidget(panel)
    panel.set_layers(zt, ["water", "boundary"], {"water"}, "low_income")
    assert panel.theme_item("low_income").checkState(0) == Qt.CheckState.Checked
    # view → model: checking another theme emits it and unchecks the first
    with qtbot.waitSignal(panel.themeChosen) as sig:
        panel.theme_item("neet").setCheckState(0, Qt.CheckState.Checked)
    assert sig.args == ["neet"]
    assert panel.theme_item("low_income").checkState(0) == Qt.CheckState.Unchecked
    # model → view: set_current_theme checks without emitting
    with qtbot.assertNotEmitted(panel.themeChosen):
        panel.set_current_theme("low_income")
    assert panel.current_theme() == "low_income"
    # one theme is always shown: unchecking the current one is refused
    panel.theme_item("low_income").setCheckState(0, Qt.CheckState.Unchecked)
    assert panel.theme_item("low_income").checkState(0) == Qt.CheckState.Checked
    with qtbot.waitSignal(panel.contextChanged) as sig:
        panel.context_item("boundary").setCheckState(0, Qt.CheckState.Checked)
    assert sig.args[:2] == ["boundary", True]
    assert panel.visible_context() >= {"water", "boundary", "zones"}


def test_layer_panel_order_and_opacity(qtbot, zt):
    panel = LayerPanel()
    qtbot.addWidget(panel)
    panel.set_layers(zt, ["water", "boundary"], {"water"}, "low_income")
    assert panel.context_order() == ["boundary", "zones", "water"]
    panel.tree.setCurrentItem(panel.context_item("water"))
    with qtbot.waitSignal(panel.orderChanged) as sig:
        panel.up.click()
    assert sig.args == [["boundary", "water", "zones"]]
    with qtbot.waitSignal(panel.contextChanged) as sig:
        panel.opacity.setValue(40)
    assert sig.args == ["water", True, 0.4]


def test_classification_panel(qtbot):
    panel = ClassificationPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.changed) as sig:
        panel.scheme.setCurrentIndex(panel.scheme.findData("fisherjenks"))
    assert sig.args[0] == {"scheme": "fisherjenks", "k": 5, "bins": None}
    with qtbot.assertNotEmitted(panel.changed):
        panel.set_settings("userdefined", 4, [5.0, 10.5])
    assert panel.bins.text() == "5; 10,5" and panel.bins.isEnabled() and not panel.k.isEnabled()
    panel.bins.setText("5; abc")
    panel.bins.editingFinished.emit()
    assert "tall" in panel.message.text()
    panel.bins.setText("2,5; 7")
    with qtbot.waitSignal(panel.changed) as sig:
        panel.bins.editingFinished.emit()
    assert sig.args[0]["bins"] == [2.5, 7.0]


def test_identify_panel(qtbot, zt):
    panel = IdentifyPanel()
    qtbot.addWidget(panel)
    panel.show_zone(zt, "Z12")
    assert "Sone Z12" in panel.title.text()
    rows = {panel.table.item(r, 0).text(): r for r in range(panel.table.rowCount())}
    r = rows["Lavinntekt (EU60)"]
    assert panel.table.item(r, 1).text() == "18,0"  # 36 / 200
    assert panel.table.item(r, 3).text() == "1 av 6"
    assert panel.table.item(r, 4).text() == "100"
    panel.show_zone(zt, None)
    assert panel.table.rowCount() == 0


def test_zone_table_model_sort_filter(qtbot, zt):
    model = ZoneTableModel()
    model.set_zone_table(zt)
    proxy = ZoneFilterProxy()
    proxy.setSourceModel(model)
    col = model.column_of("low_income")
    proxy.sort(col, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, col).data(SORT_ROLE) == pytest.approx(18.0)
    proxy.setFilterFixedString("Z0")
    assert proxy.rowCount() == 3
    proxy.setFilterFixedString("")
    proxy.set_only({"Z11"})
    assert proxy.rowCount() == 1
    assert model.headerData(col, Qt.Orientation.Horizontal) == "Lavinntekt (EU60) (%)"


def test_zone_names_sort_in_norwegian_order(qtbot, zt):
    # Code-point order is Å (U+00C5), Æ (U+00C6), Ø (U+00D8) and puts lower case after Z; the
    # table must read as a Norwegian list: ... Z, Æ, Ø, Å, whatever Qt's locale is.
    names = ["Åsheim", "Østbyen", "ila", "Ærfugl", "Zahl"]
    zt.gdf = zt.gdf.iloc[: len(names)].copy()
    zt.gdf["zone_name"] = names
    model = ZoneTableModel()
    model.set_zone_table(zt, ["zone_name"])
    proxy = ZoneFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    shown = [proxy.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(proxy.rowCount())]
    assert shown == ["ila", "Zahl", "Ærfugl", "Østbyen", "Åsheim"]


def test_help_dialog_shows_the_guide(qtbot):
    from ungtloft_map._qt.help_dialog import HelpDialog

    dlg = HelpDialog()
    qtbot.addWidget(dlg)
    text = dlg.browser.toPlainText()
    assert "brukerveiledning" in text.lower() and "Tastatursnarveier" in text
