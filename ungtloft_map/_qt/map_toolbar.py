"""The map toolbar: what the map shows (indicator, year, change since), "Zoom til kommunen",
"Bare kartet" (hide the panels) and the search box that finds a zone, a district, a destination or
an address in the dataset's own layers (offline) and zooms there.

The search index and its ranking are Qt-free (:mod:`ungtloft_map.maps.search`); the box only shows
the hits in a :class:`QCompleter` popup and asks the page to zoom (``ungtloft.zoomTo``).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QRect, QStringListModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCompleter,
    QDockWidget,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from .workers import Worker

SEARCH_LIMIT = 12
MAX_UNNAMED_ADDRESSES = 20_000  # address points without street text: indexed up to this many
POPUP_WIDTH = 460  # px: room for "name – kind, district" without eliding
# The demo's and the importer's destination categories, as a planner says them.
CATEGORY_NAMES = {"centre": ("sentrum", "centre"), "upper_secondary": ("videregående skole", "upper secondary school"),
                  "hospital": ("sykehus", "hospital"), "university": ("universitet", "university"),
                  "jobs": ("arbeidsplasser", "jobs")}


def search_text(item) -> str:
    """The line a search hit shows in the popup: name, kind and detail (e.g. the district)."""
    from ..maps.search import KIND_LABELS_EN, KIND_LABELS_NB
    from .i18n import ui_lang

    lang = ui_lang()
    kinds = KIND_LABELS_NB if lang == "nb" else KIND_LABELS_EN
    detail = item.detail
    if item.kind == "destination" and detail in CATEGORY_NAMES:
        detail = CATEGORY_NAMES[detail][0 if lang == "nb" else 1]
    detail = f", {detail}" if detail else ""
    return f"{item.name} – {kinds.get(item.kind, item.kind)}{detail}"


class MapToolbarMixin:
    """Toolbar, zoom actions and map search of the main window."""

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Kartverktøy"), self)
        bar.setObjectName("mapToolbar")
        bar.setMovable(False)
        self.map_toolbar = bar
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        for text, box in ((self.tr("Vis:"), self.indicator_box), (self.tr("År:"), self.year_box),
                          (self.tr("Endring siden:"), self.since_box)):
            label = QLabel(text)
            label.setContentsMargins(6, 0, 3, 0)
            bar.addWidget(label)
            bar.addWidget(box)
        self.indicator_box.setMinimumContentsLength(22)
        self.indicator_box.setSizeAdjustPolicy(self.indicator_box.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        bar.addSeparator()
        bar.addAction(self.act_zoom_all)
        bar.addAction(self.act_map_only)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Søk etter sone, bydel, målpunkt eller adresse …"))
        self.search_box.setToolTip(self.tr("Finn et sted i datasettet og zoom dit (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(240)
        self.search_box.setMaximumWidth(360)
        self._search_model = QStringListModel(self)
        self.search_completer = QCompleter(self._search_model, self)
        self.search_completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.search_completer.setMaxVisibleItems(SEARCH_LIMIT)
        self.search_completer.setWidget(self.search_box)
        self.search_completer.activated[str].connect(self._on_search_chosen)
        self.search_box.textEdited.connect(self._on_search_edited)
        self.search_box.returnPressed.connect(self._on_search_return)
        bar.addWidget(self.search_box)
        self.act_search = QAction(self.tr("&Søk i kartet"), self)
        self.act_search.setShortcut(QKeySequence.StandardKey.Find)
        self.act_search.triggered.connect(lambda: (self.search_box.setFocus(), self.search_box.selectAll()))
        self.addAction(self.act_search)
        self._search_index: list | None = None
        self._search_hits: list = []
        self._search_worker: Worker | None = None

    def _make_view_actions(self) -> None:
        """The Vis menu's map actions (also on the toolbar)."""
        self.act_zoom_all = QAction(self.tr("Zoom til ko&mmunen"), self)
        self.act_zoom_all.setObjectName("actZoomAll")
        self.act_zoom_all.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.act_zoom_all.setToolTip(self.tr("Vis hele datasettet i kartet (Ctrl+Shift+F)"))
        self.act_zoom_all.triggered.connect(self.zoom_to_data)
        self.act_map_only = QAction(self.tr("&Bare kartet"), self, checkable=True)
        self.act_map_only.setObjectName("actMapOnly")
        self.act_map_only.setShortcut(QKeySequence("Ctrl+0"))
        self.act_map_only.setToolTip(self.tr("Skjul sidepanelene så kartet fyller vinduet (Ctrl+0)"))
        self.act_map_only.toggled.connect(self.set_map_only)

    # -- view -----------------------------------------------------------------------------------
    def zoom_to_data(self) -> None:
        """Fit the view to the zones with fractional zoom ("Zoom til kommunen")."""
        self.map_view.fit_all()

    def set_map_only(self, on: bool) -> None:
        """Hide every side panel (on) or bring back the ones that were open (off)."""
        docks = [d for d in self.findChildren(QDockWidget) if d.objectName().endswith("Dock")]
        if on:
            self._docks_before_map_only = [d for d in docks if d.isVisible()]
            for d in docks:
                d.hide()
        else:
            for d in getattr(self, "_docks_before_map_only", None) or [self.zone_dock]:
                d.show()
        if self.act_map_only.isChecked() != on:
            self.act_map_only.blockSignals(True)
            self.act_map_only.setChecked(on)
            self.act_map_only.blockSignals(False)

    # -- search ---------------------------------------------------------------------------------
    def _search_layers(self, project) -> dict:
        """The layers searched: zones, districts, destinations and the address/dwelling points
        (never the sensitive municipal housing)."""
        from ..maps.search import ADDRESS_FIELDS

        addresses = project.layer("addresses")
        if addresses is None:
            addresses = project.layer("dwellings")
        named = addresses is not None and any(c in addresses.columns for c in (*ADDRESS_FIELDS, "adressenavn"))
        if addresses is not None and not named and len(addresses) > MAX_UNNAMED_ADDRESSES:
            # Points with only an id ("A000123") are not worth seconds of indexing in a large city.
            addresses = None
        return {"zones": project.zones, "districts": project.layer("districts"),
                "destinations": project.layer("destinations"), "addresses": addresses}

    def build_search_index_in_background(self) -> Worker | None:
        """Index the project's named places in a worker (an address layer can have 100,000 rows)."""
        if self.project is None:
            return None
        try:
            from ..maps.search import build_search_index
        except ImportError:  # pragma: no cover - the maps package always has it once merged
            return None
        layers, project = self._search_layers(self.project), self.project
        worker = Worker(lambda progress=None: build_search_index(**layers))
        worker.signals.finished.connect(lambda idx, p=project: self._on_search_index(idx, p))
        worker.signals.failed.connect(lambda msg: self.statusBar().showMessage(
            self.tr("Søket er ikke tilgjengelig: {m}").format(m=msg), 8000))
        self._search_worker = worker
        return worker.start()

    def _on_search_index(self, index: list, project) -> None:
        if project is self.project:
            self._search_index = index

    def search_index(self) -> list:
        """The project's search index (built now if the background build has not finished)."""
        if self._search_index is None and self.project is not None:
            from ..maps.search import build_search_index

            self._search_index = build_search_index(**self._search_layers(self.project))
        return self._search_index or []

    def search(self, text: str) -> list:
        """The hits for ``text`` (best first), as :class:`~ungtloft_map.maps.search.SearchItem`."""
        from ..maps.search import search

        return search(self.search_index(), text, SEARCH_LIMIT)

    def _on_search_edited(self, text: str) -> None:
        self._search_hits = self.search(text) if len(text.strip()) >= 2 else []
        self._search_model.setStringList([search_text(h) for h in self._search_hits])
        if self._search_hits:
            # Wider than the box, right-aligned with it (the box sits at the toolbar's right end).
            width = max(self.search_box.width(), POPUP_WIDTH)
            self.search_completer.complete(QRect(self.search_box.width() - width, 0, width, self.search_box.height()))
        else:
            self.search_completer.popup().hide()

    def _on_search_chosen(self, text: str) -> None:
        for hit in self._search_hits:
            if search_text(hit) == text:
                self.zoom_to_hit(hit)
                return

    def _on_search_return(self) -> None:
        popup = self.search_completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # the completer's own activated() handles the highlighted row
        hits = self.search(self.search_box.text())
        if hits:
            self.zoom_to_hit(hits[0])
        else:
            self.statusBar().showMessage(self.tr("Fant ikke «{t}» i datasettet.").format(t=self.search_box.text()), 6000)

    def zoom_to_hit(self, hit) -> None:
        """Zoom the map to a search hit; a zone hit is also selected (table, identify, panels)."""
        self.search_completer.popup().hide()
        self.map_view.zoom_to(list(hit.bounds), json.dumps({"kind": hit.kind, "id": hit.id}))
        if hit.kind == "zone":
            self.select_zones([hit.id])
        self.statusBar().showMessage(search_text(hit), 6000)
