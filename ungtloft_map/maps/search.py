"""Find a zone, a district, a destination or an address in the dataset's own layers (offline).

:func:`build_search_index` lists every named thing with its bounds in lon/lat;
:func:`search` ranks the entries that match a typed text. The web map carries the same index as
JSON and the same ranking in JavaScript (``ungtloft.search(text)``), so the Qt search box may call
either; the Python one is the reference and is what the tests check.

Ranking: exact name (or id) match first, then a name that starts with the text, then a word of the
name that starts with it, then the text anywhere in the name; within a rank, zones before
districts before destinations before addresses, then alphabetically. Matching ignores case and
accents (é → e) but keeps æ, ø and å as letters of their own.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import box
>>> zones = gpd.GeoDataFrame({"zone_id": ["01"], "zone_name": ["Øvre Bakklandet"]},
...                          geometry=[box(569000, 7034000, 570000, 7035000)], crs=25832)
>>> [h.name for h in search(build_search_index(zones), "bakk")]
['Øvre Bakklandet']
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass

import geopandas as gpd
import pandas as pd

from ..core.crs import WEB_CRS

KINDS = ("zone", "district", "destination", "address")
KIND_LABELS_NB = {"zone": "Levekårssone", "district": "Bydel", "destination": "Målpunkt", "address": "Adresse"}
KIND_LABELS_EN = {"zone": "Zone", "district": "District", "destination": "Destination", "address": "Address"}
# Address text fields in the order they are tried (Kartverket's open address points first).
ADDRESS_FIELDS = ("adressetekst", "address", "adresse", "addr")


@dataclass(frozen=True)
class SearchItem:
    """One thing that can be found: its kind, id, display name, a detail line and lon/lat bounds."""

    kind: str
    id: str
    name: str
    detail: str
    bounds: tuple[float, float, float, float]  # west, south, east, north

    def __repr__(self) -> str:
        return f"SearchItem({self.kind}, {self.name!r})"


def normalize(text: str) -> str:
    """Lower case, accents removed except on æ/ø/å (which are letters in Norwegian)."""
    out = []
    for ch in str(text).casefold():
        if ch in "æøå":
            out.append(ch)
            continue
        out.append("".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)))
    return " ".join("".join(out).split())


def _items(gdf: gpd.GeoDataFrame | None, kind: str, id_col: str | None, name_cols: list[str],
           detail_col: str | None = None, details: dict | None = None) -> list[SearchItem]:
    if gdf is None or len(gdf) == 0:
        return []
    g = gdf[~gdf.geometry.is_empty & gdf.geometry.notna()]
    if g.crs is not None and not g.crs.equals(WEB_CRS):
        g = g.to_crs(WEB_CRS)
    b = g.geometry.bounds.to_numpy()
    items = []
    for i, (_, row) in enumerate(g.iterrows()):
        name = " ".join(str(row[c]) for c in name_cols if c in g.columns and pd.notna(row[c]) and str(row[c]) != "").strip()
        ident = str(row[id_col]) if id_col and id_col in g.columns and pd.notna(row[id_col]) else name
        if not name:
            name = ident
        if not name:
            continue
        detail = ""
        if detail_col and detail_col in g.columns and pd.notna(row[detail_col]):
            detail = str((details or {}).get(str(row[detail_col]), row[detail_col]))
        items.append(SearchItem(kind, ident, name, detail,
                                (round(float(b[i, 0]), 6), round(float(b[i, 1]), 6),
                                 round(float(b[i, 2]), 6), round(float(b[i, 3]), 6))))
    return items


def _address_columns(gdf: gpd.GeoDataFrame) -> list[str]:
    for c in ADDRESS_FIELDS:
        if c in gdf.columns:
            return [c]
    if "adressenavn" in gdf.columns:  # Kartverket's split fields: street, number, letter
        return [c for c in ("adressenavn", "nummer", "bokstav") if c in gdf.columns]
    return ["address_id"] if "address_id" in gdf.columns else []


def build_search_index(zones: gpd.GeoDataFrame, *, districts: gpd.GeoDataFrame | None = None,
                       destinations: gpd.GeoDataFrame | None = None,
                       addresses: gpd.GeoDataFrame | None = None) -> list[SearchItem]:
    """Every zone, district, destination and address point as a :class:`SearchItem`.

    ``addresses`` is the dataset's address or dwelling point layer; its text is taken from
    ``adressetekst``/``address``/``adresse``, else ``adressenavn nummer bokstav``, else the
    ``address_id``. Never pass municipal housing (sensitive) here.
    """
    district_names = {}
    if districts is not None and "district_id" in districts.columns and "district_name" in districts.columns:
        district_names = dict(zip(districts["district_id"].astype(str), districts["district_name"].astype(str)))
    zcols = zones.reset_index(drop=True) if zones.index.name in zones.columns else zones
    zname = "zone_name" if "zone_name" in zcols.columns else "zone_id"
    items = _items(zcols, "zone", "zone_id", [zname], "district_id", district_names)
    if districts is not None:
        items += _items(districts, "district", "district_id",
                        ["district_name" if "district_name" in districts.columns else "district_id"])
    if destinations is not None:
        items += _items(destinations, "destination", "dest_id" if "dest_id" in destinations.columns else None,
                        ["name"] if "name" in destinations.columns else [], "category")
    if addresses is not None:
        cols = _address_columns(addresses)
        if cols:
            zone_names = dict(zip(zcols["zone_id"].astype(str), zcols[zname].astype(str)))
            items += _items(addresses, "address", "address_id" if "address_id" in addresses.columns else None,
                            cols, "zone_id" if "zone_id" in addresses.columns else None, zone_names)
    return items


def _rank(item: SearchItem, q: str) -> int | None:
    name, ident = normalize(item.name), normalize(item.id)
    if name == q or ident == q:
        return 0
    if name.startswith(q) or ident.startswith(q):
        return 1
    if any(w.startswith(q) for w in name.replace("-", " ").split()):
        return 2
    if q in name:
        return 3
    return None


def search(index: list[SearchItem], text: str, limit: int = 10) -> list[SearchItem]:
    """The entries of ``index`` that match ``text``, best first (at most ``limit``)."""
    q = normalize(text)
    if not q:
        return []
    scored = []
    for item in index:
        r = _rank(item, q)
        if r is not None:
            scored.append((r, KINDS.index(item.kind) if item.kind in KINDS else 9, normalize(item.name), item))
    scored.sort(key=lambda t: t[:3])
    return [t[3] for t in scored[:limit]]


def index_json(index: list[SearchItem]) -> str:
    """The index as compact JSON rows ``[kind, id, name, detail, w, s, e, n]`` for the web page."""
    rows = [[i.kind, i.id, i.name, i.detail, *i.bounds] for i in index]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def item_dict(item: SearchItem) -> dict:
    """A plain dict of ``item`` (the shape ``ungtloft.search`` returns in the page)."""
    d = asdict(item)
    d["bounds"] = list(item.bounds)
    return d
