"""The import dialog's labels, its validation worker and small view helpers.

Split from :mod:`ungtloft_map._qt.import_dialog` (the dialog itself); the translation context
stays ``ImportDialog``.
"""

from __future__ import annotations

import io

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QPixmap

from ..core.io.importer import ImportChoice, validate
from ..core.text import format_count, format_date
from .workers import Worker

__all__ = ["ROLE_LABELS", "FIELD_LABELS", "PRESET_LABELS", "FILE_FILTER"]

# The context is spelled out in every QT_TRANSLATE_NOOP: lupdate cannot resolve a variable.
#: Role names shown to the user.
ROLE_LABELS: dict[str, str] = {
    "zones": QT_TRANSLATE_NOOP("ImportDialog", "Levekårssoner"),
    "districts": QT_TRANSLATE_NOOP("ImportDialog", "Bydeler"),
    "population": QT_TRANSLATE_NOOP("ImportDialog", "Befolkning (rutenett)"),
    "green_areas": QT_TRANSLATE_NOOP("ImportDialog", "Grøntområder"),
    "destinations": QT_TRANSLATE_NOOP("ImportDialog", "Målpunkter"),
    "municipal_housing": QT_TRANSLATE_NOOP("ImportDialog", "Kommunale boliger"),
    "dwellings": QT_TRANSLATE_NOOP("ImportDialog", "Alle boliger"),
    "plans": QT_TRANSLATE_NOOP("ImportDialog", "Reguleringsplan"),
    "boundary": QT_TRANSLATE_NOOP("ImportDialog", "Kommunegrense"),
    "water": QT_TRANSLATE_NOOP("ImportDialog", "Vann og sjø"),
    "roads": QT_TRANSLATE_NOOP("ImportDialog", "Veger"),
    "context": QT_TRANSLATE_NOOP("ImportDialog", "Bakgrunnslag"),
    "indicators": QT_TRANSLATE_NOOP("ImportDialog", "Levekårsindikatorer"),
    "gtfs": QT_TRANSLATE_NOOP("ImportDialog", "Kollektivtrafikk (GTFS)"),
}
#: Role fields shown in the mapping table.
FIELD_LABELS: dict[str, str] = {
    "zone_id": QT_TRANSLATE_NOOP("ImportDialog", "Sone-ID"),
    "zone_name": QT_TRANSLATE_NOOP("ImportDialog", "Sonenavn"),
    "district_id": QT_TRANSLATE_NOOP("ImportDialog", "Bydel-ID"),
    "district_name": QT_TRANSLATE_NOOP("ImportDialog", "Bydelsnavn"),
    "population": QT_TRANSLATE_NOOP("ImportDialog", "Antall bosatte"),
    "pop_0_17": QT_TRANSLATE_NOOP("ImportDialog", "Bosatte 0–17 år"),
    "pop_18_29": QT_TRANSLATE_NOOP("ImportDialog", "Bosatte 18–29 år"),
    "pop_30_66": QT_TRANSLATE_NOOP("ImportDialog", "Bosatte 30–66 år"),
    "pop_67": QT_TRANSLATE_NOOP("ImportDialog", "Bosatte 67 år og eldre"),
    "ssbid": QT_TRANSLATE_NOOP("ImportDialog", "SSB-rute-ID"),
    "units": QT_TRANSLATE_NOOP("ImportDialog", "Antall boenheter"),
    "dwellings": QT_TRANSLATE_NOOP("ImportDialog", "Antall boliger"),
    "address_id": QT_TRANSLATE_NOOP("ImportDialog", "Adresse-ID"),
    "name": QT_TRANSLATE_NOOP("ImportDialog", "Navn"),
    "category": QT_TRANSLATE_NOOP("ImportDialog", "Kategori"),
    "kind": QT_TRANSLATE_NOOP("ImportDialog", "Type"),
    "year": QT_TRANSLATE_NOOP("ImportDialog", "År"),
    "pop_female": QT_TRANSLATE_NOOP("ImportDialog", "Bosatte kvinner"),
    "pop_male": QT_TRANSLATE_NOOP("ImportDialog", "Bosatte menn"),
    "mean_age": QT_TRANSLATE_NOOP("ImportDialog", "Gjennomsnittsalder"),
    "source_class": QT_TRANSLATE_NOOP("ImportDialog", "Arealklasse (OBJTYPE/ARTYPE)"),
    "street": QT_TRANSLATE_NOOP("ImportDialog", "Gatenavn"),
    "number": QT_TRANSLATE_NOOP("ImportDialog", "Husnummer"),
    "letter": QT_TRANSLATE_NOOP("ImportDialog", "Bokstav"),
    "postcode": QT_TRANSLATE_NOOP("ImportDialog", "Postnummer"),
    "address_text": QT_TRANSLATE_NOOP("ImportDialog", "Adresse (hel tekst)"),
    "unit_number": QT_TRANSLATE_NOOP("ImportDialog", "Bruksenhetsnummer"),
    "unit_type": QT_TRANSLATE_NOOP("ImportDialog", "Bruksenhetstype"),
}
#: The standard sources the importer recognises (:attr:`SourceLayer.preset`), by preset key.
PRESET_LABELS: dict[str, str] = {
    "ssb_grid_250m": QT_TRANSLATE_NOOP("ImportDialog", "SSB befolkning på rutenett 250 m"),
    "ssb_grid_1km": QT_TRANSLATE_NOOP("ImportDialog", "SSB befolkning på rutenett 1 km"),
    "ssb_grid_5km": QT_TRANSLATE_NOOP("ImportDialog", "SSB befolkning på rutenett 5 km"),
    "ssb_grid": QT_TRANSLATE_NOOP("ImportDialog", "SSB befolkning på rutenett"),
    "n50": QT_TRANSLATE_NOOP("ImportDialog", "Kartverket N50/FKB Arealdekke"),
    "ar5": QT_TRANSLATE_NOOP("ImportDialog", "Kartverket AR5 arealressurskart"),
    "osm": QT_TRANSLATE_NOOP("ImportDialog", "OpenStreetMap (grøntområder)"),
    "addresses": QT_TRANSLATE_NOOP("ImportDialog", "Adressepunkter med bruksenheter (matrikkel)"),
    "municipal_housing_list": QT_TRANSLATE_NOOP("ImportDialog", "Kommunale boliger: adresseliste"),
    "levekar_wide": QT_TRANSLATE_NOOP("ImportDialog", "Levekårstabell (bred: soner i rader)"),
}
FILE_FILTER = QT_TRANSLATE_NOOP(
    "ImportDialog",
    "Kartdata og tabeller (*.gpkg *.geojson *.json *.shp *.zip *.csv *.xlsx *.sos *.sosi *.gml "
    "*.osm *.pbf);;"
    "Alle filer (*)",
)
ERROR_COLOR = "#b30000"
WARNING_COLOR = "#8a5a00"
OK_COLOR = "#1b7a1b"
_MAX_IDS_SHOWN = 30


def validation_worker(choices: list[ImportChoice]) -> Worker:
    """:func:`validate` of ``choices`` in the app's :class:`~.workers.Worker` (not started)."""
    return Worker(validate, choices)


# --------------------------------------------------------------------------------------------
# helpers


def esc(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))


def ids_text(ids) -> str:
    ids = list(ids)
    more = f" … (+{len(ids) - _MAX_IDS_SHOWN})" if len(ids) > _MAX_IDS_SHOWN else ""
    return ", ".join(ids[:_MAX_IDS_SHOWN]) + more


def count_text(n: int | None) -> str:
    return "" if n is None else format_count(n)


def date_text(iso: str) -> str:
    # 2020-08-18 → 18.08.2020, the Norwegian way (core.text)
    return format_date(iso)


def isna(value) -> bool:
    try:
        return bool(value != value) or value is None  # NaN is the only value unequal to itself
    except (TypeError, ValueError):
        return False


def draw_thumbnail(gdf, size) -> QPixmap | None:
    """Draw the geometries small with matplotlib (Agg) and return them as a pixmap."""
    if gdf is None or len(gdf) == 0:
        return None
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    try:
        # Draw in metres so a layer in degrees is not stretched east–west at 63° N.
        if gdf.crs is not None and gdf.crs.is_geographic:
            gdf = gdf.to_crs(25832)
    except Exception:  # a strange CRS: draw the raw coordinates rather than nothing
        pass
    gdf = gdf[~(gdf.geometry.isna() | gdf.geometry.is_empty)]
    if len(gdf) == 0:
        return None
    dpi = 100
    fig = Figure(figsize=(size.width() / dpi, size.height() / dpi), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.02, 0.02, 0.96, 0.96))
    kinds = set(gdf.geom_type)
    if kinds <= {"Point", "MultiPoint"}:
        gdf.plot(ax=ax, markersize=2 if len(gdf) > 200 else 8, color="#1f78b4")
    elif kinds <= {"LineString", "MultiLineString"}:
        gdf.plot(ax=ax, linewidth=0.6, color="#555555")
    else:
        gdf.plot(ax=ax, facecolor="#a6cee3", edgecolor="#1f4e79", linewidth=0.5)
    ax.set_axis_off()
    ax.set_aspect("equal")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    pix = QPixmap()
    pix.loadFromData(buf.getvalue(), "PNG")
    return pix
