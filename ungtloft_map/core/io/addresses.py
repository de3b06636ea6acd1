"""Address points, dwelling counts per address, and the municipal-housing address list.

Three inputs a kommune analyst has, and the roles they fill:

**Address points** -- Kartverket's open addresses (*Matrikkelen – Adresse*, Geonorge): fields
``adressenavn``, ``nummer``, ``bokstav``, ``postnummer``, ``poststed``, ``adressekode``,
``kommunenummer``, ``lokalid``, ``adresseTekst`` ...; as GeoJSON/GPKG (a CRS in the file), or
as Kartverket's ``;``-separated CSV with ``Nord``/``Øst`` and an ``EPSG-kode`` column per row
(typically 25833 or 4258/4326). :func:`read_address_points` reads them into EPSG:25832 with
normalised ``street``/``number``/``letter``/``postcode`` columns; :func:`looks_like_address_points`
sniffs a file and guesses the mapping.

**Dwellings** (role ``dwellings``) -- the kommune's matrikkel extract of address or building
points with the number of *bruksenheter* (dwelling units): a count field (``bruksenheter``,
``antallBoliger``, ``antall_boenheter`` ...), or a text list of bruksenhetsnummer
(``H0101,H0102``), or one row per bruksenhet (*leilighetsnivå*: a ``bruksenhetsnummer`` column,
rows of the same address counted). A ``bruksenhetstype`` column, when there is one, keeps
dwelling units only (``B`` bolig, ``I`` ikke godkjent bolig; not ``F`` fritidsbolig, ``A``
annet enn bolig). :func:`read_dwellings` returns :class:`AddressPoints` whose
:attr:`~AddressPoints.dwellings` is the role layer (``address_id``, ``dwellings``, Point,
EPSG:25832); :func:`looks_like_dwellings` sniffs.

*Addresses without bruksenheter*: an address with an empty count (or no bruksenhetsnummer)
has no dwelling registered in the matrikkel -- a shop, a school, a garage -- so by default
(``missing="drop"``) it is **left out** of the dwellings layer and counted in a warning;
``missing="one"`` counts it as one dwelling instead (for extracts that leave detached houses
blank), also said in a warning. A file with no dwelling field at all is a :class:`DataError`
(Kartverket's open address file has none: the counts come from the matrikkel extract).

**Municipal housing** (role ``municipal_housing``; the code is in
:mod:`ungtloft_map.core.io.addresses_housing`) -- the housing department's list of
addresses, CSV or XLSX, Norwegian headers (``Gateadresse``, ``Husnr``, ``Bokstav``,
``Postnr``, ``Antall boliger``; or one ``Adresse`` column such as ``Kongens gate 12B, 7011
Trondheim``). :func:`read_housing_list` parses it, :func:`join_housing_list` joins it offline
to address points and returns :class:`HousingJoin`: the role layer (``address_id``, ``units``,
Point) and :class:`UnmatchedAddresses`, the rows that found no address (with a reason and a
suggestion; ``repr`` and :meth:`UnmatchedAddresses.write_csv`). No row matching at all is a
:class:`DataError` naming the list and its address field. :func:`looks_like_housing_list`
sniffs. Without a units column every row is one unit; rows of the same address add up.

Matching (:func:`address_key`): Unicode NFC, case and whitespace folded, ``gt.``/``gate``/
``gata`` and ``vn.``/``vei``/``veg``/``veien``/``vegen`` taken as the same ending, ``St.`` as
``Sankt``, spaces and punctuation ignored (``Kongensgt.`` = ``Kongens gate``), the letter
case-insensitive (``12 b`` = ``12B``), postcodes as 4 digits (Excel's ``150`` = ``0150``).
A second pass folds æ→ae, ø→o, å→a, aa→a for lists typed without Norwegian letters. A row
matches when exactly one address point has its street, number and letter -- in its postcode
when it gives one (a unique match in another postcode is taken and counted in a warning).

Privacy: the joined layer is municipal housing at address level, sensitive; it leaves the app
only aggregated (:func:`~ungtloft_map.core.analysis.housing.aggregate_for_export`). The
unmatched report lists rows of the user's own list (row number, address text, reason, a
public address as suggestion) -- no coordinates and no unit counts -- so they can correct it.

Examples
--------
>>> ok, mapping, *_ = looks_like_address_points("adresser_5001.csv")      # doctest: +SKIP
>>> points = read_address_points("adresser_5001.csv")                    # doctest: +SKIP
>>> housing = join_housing_list("kommunale_boliger.xlsx", points)         # doctest: +SKIP
>>> housing.unmatched                                                    # doctest: +SKIP
UnmatchedAddresses(2 of 40 rows did not match: row 7 'Kongens gate 99' (no number 99 ...)
>>> housing.unmatched.write_csv("ikke_funnet.csv")                       # doctest: +SKIP
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
from pyproj import CRS
from pyproj.exceptions import CRSError

from ..crs import to_analysis_crs
from ..errors import DataError, DataWarning
from .tables import Sniff, _names
from .tables_wide_layout import _cell_text, _read_grid, parse_number
from .vector import read_layer

__all__ = [
    "ADDRESS_FIELDS",
    "AddressPoints",
    "address_key",
    "parse_address",
    "looks_like_address_points",
    "looks_like_dwellings",
    "read_address_points",
    "read_dwellings",
]

#: Source field names per address field, best first (compared case-, accent- and
#: separator-insensitively: ``EPSG-kode`` = ``epsg_kode``, ``Øst`` = ``ost``).
ADDRESS_FIELDS: dict[str, tuple[str, ...]] = {
    "address_id": ("address_id", "lokalid", "adresseid", "adresse_id", "uuidadresse",
                   "bygningsnummer", "bygningsnr", "bygg_id"),
    "street": ("adressenavn", "gatenavn", "gateadresse", "gate", "street", "vegnavn", "veinavn",
               "gatenavn_og_nummer"),
    "number": ("nummer", "husnr", "husnummer", "husnr.", "nr", "number", "house_number"),
    "letter": ("bokstav", "husbokstav", "letter", "oppgang"),
    "postcode": ("postnummer", "postnr", "post_nr", "postcode", "postal_code", "zip"),
    "place": ("poststed", "sted", "place", "by"),
    "address_text": ("adressetekst", "adresse", "address", "full_adresse", "adressetekstutenadressetilleggsnavn"),
    "x": ("ost", "øst", "east", "easting", "x", "lon", "lng", "longitude", "lengdegrad"),
    "y": ("nord", "north", "northing", "y", "lat", "latitude", "breddegrad"),
    "epsg": ("epsg_kode", "epsgkode", "epsg", "koordinatsystem", "crs", "srid"),
    "dwellings": ("dwellings", "bruksenheter", "antall_bruksenheter", "antallbruksenheter",
                  "antallboliger", "antall_boliger", "boliger", "antall_boenheter",
                  "antallboenheter", "boenheter", "antall_leiligheter", "leiligheter"),
    "unit_number": ("bruksenhetsnummer", "bruksenhetsnr", "bruksenhetsnumre", "bolignummer",
                    "leilighetsnummer", "h_nummer"),
    "unit_type": ("bruksenhetstype", "bruksenhettype", "enhetstype"),
    "units": ("units", "antall_boliger", "antall", "boliger", "enheter", "boenheter",
              "antall_enheter", "antall_boenheter", "antall_leiligheter", "leiligheter",
              "kommunale_boliger", "antall_kommunale_boliger"),
}
#: Bruksenhetstype codes that are dwellings (B bolig, I ikke godkjent bolig).
DWELLING_UNIT_TYPES = frozenset({"b", "i", "bolig", "ikke godkjent bolig"})
#: Above this a count (dwellings, units) or a house number is a broken cell, not a value: a
#: float no longer holds every whole number and the Int64 columns overflow.
_MAX_COUNT = 2**53
_UNIT_NO_RE = re.compile(r"\b[HKLU]\d{4}\b", re.IGNORECASE)
_ADDRESS_RE = re.compile(
    r"""^\s*(?P<street>.*?[^\d\s,])\.?\s*,?\s*(?P<number>\d{1,4})
        \s*(?P<letter>[a-zæøåäöü])?(?![a-zæøåäöü\d])
        (?:\s*[-,]?\s*[hkul]\d{4})?                       # a bruksenhetsnummer (H0201)
        (?:\s*,?\s*(?P<postcode>\d{4})(?!\d))?
        (?:\s*,?\s*(?P<place>[^\W\d_][^,]*?))?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_ENDINGS = (  # (endings, canonical) of the last word; compared after case folding
    (("gata", "gate", "gt"), "gt"),
    (("veien", "vegen", "vei", "veg", "vn"), "vn"),
    (("plass", "pl"), "plass"),
    (("allé", "alle"), "alle"),
    (("terrasse", "terr"), "terrasse"),
)


# --------------------------------------------------------------------------------------------
# normalisation


def _plain(name: object) -> str:
    text = unicodedata.normalize("NFKD", str(name).lower().replace("ø", "o").replace("æ", "ae"))
    return "".join(c for c in text if not unicodedata.combining(c) and c.isalnum())


def address_key(street: object, *, ascii_fold: bool = False) -> str:
    """The compare key of a street name.

    Examples
    --------
    >>> address_key("Kongens gt.") == address_key("KONGENS  GATE") == address_key("Kongensgata")
    True
    >>> address_key("Innherredsvn.") == address_key("Innherredsveien")
    True
    >>> address_key("St. Olavs gate") == address_key("Sankt Olavs gt")
    True
    >>> address_key("Østre Rosten", ascii_fold=True) == address_key("Ostre Rosten", ascii_fold=True)
    True
    """
    s = unicodedata.normalize("NFC", str(street)).casefold()
    s = re.sub(r"[.,'’´`\"()/\-–—_]", " ", s)
    words = s.split()
    if not words:
        return ""
    if words[0] == "st" and len(words) > 1:
        words[0] = "sankt"
    last = words[-1]
    for endings, canonical in _ENDINGS:
        hit = next((e for e in endings if last.endswith(e)), None)
        if hit is not None and (len(last) > len(hit) or len(words) > 1):
            words[-1] = last[: len(last) - len(hit)] + canonical
            break
    s = "".join(words)
    if ascii_fold:
        s = s.replace("æ", "ae").replace("ø", "o").replace("å", "a").replace("aa", "a")
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return s


def _number(value: object) -> int | None:
    v, status = parse_number(value, decimal_comma=True)
    if status != "ok" or v is None or not float(v).is_integer() or v < 0 or v > _MAX_COUNT:
        return None
    return int(v)


def _letter(value: object) -> str:
    text = unicodedata.normalize("NFC", _cell_text(value)).strip().casefold()
    return text if len(text) == 1 and text.isalpha() else ""


def _postcode(value: object) -> str:
    text = _cell_text(value).strip()
    return text.zfill(4) if text.isdigit() and len(text) <= 4 else ""


def parse_address(text: object) -> tuple[str, int, str, str] | None:
    """Split ``"Kongens gate 12B, 7011 Trondheim"`` into ``(street, number, letter, postcode)``.

    Returns ``None`` for text without a house number.

    Examples
    --------
    >>> parse_address("Kongens gate 12B, 7011 Trondheim")
    ('Kongens gate', 12, 'b', '7011')
    >>> parse_address("Innherredsvn. 7 c")
    ('Innherredsvn', 7, 'c', '')
    >>> parse_address("7. juni-plassen 3 H0201, 0150 Oslo")
    ('7. juni-plassen', 3, '', '0150')
    >>> parse_address("Marka") is None
    True
    """
    m = _ADDRESS_RE.match(unicodedata.normalize("NFC", str(text)))
    if not m:
        return None
    return (m.group("street").strip(), int(m.group("number")), (m.group("letter") or "").casefold(),
            m.group("postcode") or "")


def _find(columns, synonyms) -> str | None:
    by_key: dict[str, str] = {}
    for c in columns:
        by_key.setdefault(_plain(c), str(c))
    for syn in synonyms:
        hit = by_key.get(_plain(syn))
        if hit is not None:
            return hit
    return None


def _guess(columns, wanted) -> dict[str, str]:
    out: dict[str, str] = {}
    used: set[str] = set()
    for target in wanted:
        hit = _find([c for c in columns if str(c) not in used], ADDRESS_FIELDS[target])
        if hit is not None:
            out[target] = hit
            used.add(hit)
    return out


# --------------------------------------------------------------------------------------------
# address points and dwellings


@dataclass
class AddressPoints:
    """Address (or building) points in EPSG:25832 with normalised address parts.

    Attributes
    ----------
    gdf
        ``address_id`` (text), ``street``, ``number`` (Int64), ``letter``, ``postcode``,
        ``dwellings`` (Int64, only when the file has a dwelling field), geometry (Point).
    mapping
        ``{address field: source field}`` used (see :data:`ADDRESS_FIELDS`).
    without_dwellings
        Addresses with no dwelling count (left out of, or counted once in, :attr:`dwellings`).
    """

    gdf: gpd.GeoDataFrame
    path: Path
    layer: str | None
    source_crs: str
    mapping: dict[str, str]
    missing: str = "drop"
    without_dwellings: int = 0
    warnings: list[DataWarning] = field(default_factory=list)

    @property
    def dwellings(self) -> gpd.GeoDataFrame | None:
        """The ``dwellings`` role layer: ``address_id``, ``dwellings`` (int), Point, EPSG:25832.

        ``None`` when the file has no dwelling counts. Addresses without a count are left out
        (``missing="drop"``) or count as one (``missing="one"``).
        """
        if "dwellings" not in self.gdf:
            return None
        d = self.gdf[["address_id", "dwellings", self.gdf.geometry.name]]
        if self.missing == "one":
            d = d.assign(dwellings=d["dwellings"].fillna(1))
        d = d[d["dwellings"].notna()].copy()
        d["dwellings"] = d["dwellings"].astype(np.int64)
        return d.reset_index(drop=True)

    def __repr__(self) -> str:
        name = f"{self.path.name}:{self.layer}" if self.layer else self.path.name
        extra = ""
        if "dwellings" in self.gdf:
            extra = (f", dwellings={int(self.gdf['dwellings'].sum()):,} "
                     f"(addresses without a count: {self.without_dwellings}, {self.missing})")
        return (f"AddressPoints({name!r}: {len(self.gdf):,} points from {self.source_crs}{extra}, "
                f"warnings={len(self.warnings)})")


def _read_points_frame(path: Path, layer: str | None, crs) -> tuple[gpd.GeoDataFrame, str, list[DataWarning]]:
    """Any address file as a GeoDataFrame in EPSG:25832 (CSV: coordinates from columns)."""
    if path.suffix.lower() in (".csv", ".txt", ".xlsx", ".xlsm"):
        df = _read_frame(path, layer)
        return _points_from_columns(df, path, crs)
    if crs is not None:
        raise DataError("a CRS can only be given for a table; this file carries its own", file=path)
    loaded = read_layer(path, "context", layer)
    gdf = loaded.gdf
    if not gdf.geometry.geom_type.isin(["Point", "MultiPoint"]).all():
        raise DataError("address points must be points (the layer has "
                        f"{', '.join(sorted(set(gdf.geometry.geom_type)))})", file=path,
                        layer=layer or path.stem)
    if gdf.geometry.geom_type.eq("MultiPoint").any():
        gdf = gdf.set_geometry(gdf.geometry.representative_point())
    return gdf, loaded.source_crs, list(loaded.warnings)


def _read_frame(path: Path, sheet) -> pd.DataFrame:
    """A table (CSV/XLSX) as text cells, its header row found below any title rows."""
    grid = _read_grid(path, sheet if sheet is not None else 0)
    rows = [[_cell_text(v) for v in r] for r in grid.rows]
    known = {_plain(s) for syns in ADDRESS_FIELDS.values() for s in syns}
    header = next((i for i, r in enumerate(rows[:30]) if sum(_plain(c) in known for c in r if c) >= 2), None)
    if header is None:
        header = next((i for i, r in enumerate(rows[:30]) if any(_plain(c) in known for c in r if c)), 0)
    if not rows:
        raise DataError("the table has no rows", file=path)
    names = [c or f"column {j + 1}" for j, c in enumerate(rows[header])]
    width = len(names)
    body = [r[:width] + [""] * (width - len(r)) for r in rows[header + 1:] if any(r)]
    df = pd.DataFrame(body, columns=names)
    df.attrs["header_row"] = header + 1
    return df


def _points_from_columns(df: pd.DataFrame, path: Path, crs) -> tuple[gpd.GeoDataFrame, str, list[DataWarning]]:
    m = _guess(df.columns, ("x", "y", "epsg"))
    for f in ("x", "y"):
        if f not in m:
            raise DataError("no coordinate column (Øst/Nord, x/y, lon/lat) in the table", file=path,
                            field="Øst" if f == "x" else "Nord")
    text = pd.concat([df[m["x"]], df[m["y"]]])
    comma = text.str.contains(",", regex=False).any() and not text.str.contains(".", regex=False).any()
    xs, ys = (_coordinates(df[m[c]], comma) for c in ("x", "y"))
    bad = np.isnan(xs) | np.isnan(ys)
    warnings: list[DataWarning] = []
    if bad.all():
        raise DataError("no row has numeric coordinates", file=path, field=m["x"])
    if bad.any():
        warnings.append(DataWarning(f"{int(bad.sum())} row(s) without coordinates were skipped",
                                    str(path), None, m["x"]))
    if crs is not None:
        codes = pd.Series([str(crs)] * len(df))
    elif "epsg" in m:
        codes = df[m["epsg"]].astype(str).str.strip()
    elif _plain(m["x"]) in ("lon", "lng", "longitude", "lengdegrad"):
        codes = pd.Series(["EPSG:4326"] * len(df))  # the column names say it
    else:
        raise DataError("the table has no CRS: add an 'EPSG-kode' column or give the CRS "
                        "(Kartverket's CSV carries one per row) -- none is assumed", file=path,
                        field="EPSG-kode")
    frames = []
    keep = ~bad
    source_crs = []
    for code in sorted(set(codes[keep])):
        sel = keep & (codes == code).to_numpy()
        try:
            src = CRS.from_user_input(int(code) if code.isdigit() else code)
        except (CRSError, ValueError):
            raise DataError(f"unknown coordinate system {code!r}", file=path,
                            field=m.get("epsg", "crs")) from None
        part = gpd.GeoDataFrame(df[sel].copy(), geometry=gpd.points_from_xy(xs[sel], ys[sel]), crs=src)
        part = to_analysis_crs(part, file=path, what="the address table")
        # Metres under a degree code (or the reverse) come out of pyproj as inf, not an error.
        lost = ~(np.isfinite(part.geometry.x) & np.isfinite(part.geometry.y)).to_numpy()
        if lost.any():
            i = int(part.index[lost][0])
            raise DataError(f"coordinates ({xs[i]:g}, {ys[i]:g}) are outside the range of "
                            f"{code!r}; is the row's coordinate system right?", file=path,
                            field=m.get("epsg", "crs"), row=i + 1)
        frames.append(part)
        source_crs.append(src.to_string())
    gdf = gpd.GeoDataFrame(pd.concat(frames), crs=frames[0].crs).sort_index()
    return gdf, ", ".join(source_crs), warnings


def _coordinates(values: pd.Series, decimal_comma: bool) -> np.ndarray:
    """Numbers of a coordinate column; plain ``123.45`` fast, Norwegian text cell by cell."""
    fast = pd.to_numeric(values.where(values.str.strip() != ""), errors="coerce") if not decimal_comma \
        else pd.Series(np.nan, index=values.index)
    out = fast.to_numpy(dtype=float, copy=True)
    slow = np.isnan(out) & (values.str.strip() != "").to_numpy()
    for i in np.flatnonzero(slow):
        v = parse_number(values.iloc[i], decimal_comma=decimal_comma)[0]
        out[i] = np.nan if v is None else v
    out[~np.isfinite(out)] = np.nan
    return out


def _normalised(gdf: gpd.GeoDataFrame, m: dict[str, str]) -> gpd.GeoDataFrame:
    """Add ``address_id``, ``street``, ``number``, ``letter``, ``postcode`` from the mapping."""
    out = gpd.GeoDataFrame(index=gdf.index, geometry=gdf.geometry.values, crs=gdf.crs)
    n = len(gdf)
    street = gdf[m["street"]].map(_cell_text) if "street" in m else pd.Series([""] * n, index=gdf.index)
    number = gdf[m["number"]].map(_number) if "number" in m else pd.Series([None] * n, index=gdf.index)
    letter = gdf[m["letter"]].map(_letter) if "letter" in m else pd.Series([""] * n, index=gdf.index)
    post = gdf[m["postcode"]].map(_postcode) if "postcode" in m else pd.Series([""] * n, index=gdf.index)
    if "address_text" in m and ("street" not in m or "number" not in m):
        parsed = gdf[m["address_text"]].map(parse_address)
        street = pd.Series([p[0] if p else "" for p in parsed], index=gdf.index)
        number = pd.Series([p[1] if p else None for p in parsed], index=gdf.index)
        letter = pd.Series([p[2] if p else "" for p in parsed], index=gdf.index)
        post = post.where(post != "", pd.Series([p[3] if p else "" for p in parsed], index=gdf.index))
    out["street"] = street.to_numpy()
    out["number"] = pd.array(number.to_numpy(), dtype="Int64")
    out["letter"] = letter.to_numpy()
    out["postcode"] = post.to_numpy()
    if "address_id" in m:
        ids = gdf[m["address_id"]].map(_cell_text)
    else:  # no id field: the address itself
        ids = pd.Series([f"{s} {nr if nr is not None else ''}{le.upper()}, {p}".strip(" ,")
                         for s, nr, le, p in zip(street, number, letter, post, strict=True)],
                        index=gdf.index)
    out.insert(0, "address_id", ids.to_numpy())
    return out


def _dwelling_counts(gdf: gpd.GeoDataFrame, m: dict[str, str], path: Path) -> tuple[pd.Series, list[str]]:
    """Dwellings per row (NaN where none is registered) and notes on how they were counted."""
    notes: list[str] = []
    if "unit_type" in m:
        types = gdf[m["unit_type"]].map(lambda v: _cell_text(v).casefold())
        is_dwelling = types.isin(DWELLING_UNIT_TYPES)
    else:
        is_dwelling = pd.Series(True, index=gdf.index)
    if "dwellings" in m:
        src = gdf[m["dwellings"]]
        counts = []
        for i, v in enumerate(src):
            num, status = parse_number(v, decimal_comma=True)
            if status == "ok":
                if num < 0 or not float(num).is_integer() or num > _MAX_COUNT:
                    raise DataError(f"dwelling count {num:g} is not a whole number >= 0 of "
                                    "plausible size", file=path, field=m["dwellings"], row=i + 1)
                counts.append(num)
            elif status in ("empty", "suppressed"):
                counts.append(np.nan)
            else:  # a list of bruksenhetsnummer in one cell
                units = _UNIT_NO_RE.findall(_cell_text(v))
                if not units:
                    raise DataError(f"dwelling count {_cell_text(v)!r} is neither a number nor a "
                                    "list of bruksenhetsnummer (H0101, ...)", file=path,
                                    field=m["dwellings"], row=i + 1)
                counts.append(float(len(units)))
        s = pd.Series(counts, index=gdf.index, dtype=float)
        if "unit_type" in m:
            s = s.where(is_dwelling)
        return s, notes
    if "unit_number" in m:
        has_unit = gdf[m["unit_number"]].map(lambda v: bool(_UNIT_NO_RE.search(_cell_text(v))))
        s = pd.Series(np.where(has_unit & is_dwelling, 1.0, np.nan), index=gdf.index)
        notes.append(f"dwellings counted as the rows with a bruksenhetsnummer ('{m['unit_number']}')"
                     + (f" of a dwelling type ('{m['unit_type']}': B, I)" if "unit_type" in m else ""))
        return s, notes
    raise DataError("no dwelling count: the file has no bruksenheter field (bruksenheter, "
                    "antall_boliger, bruksenhetsnummer ...). Kartverket's open address points carry "
                    "none; use the kommune's matrikkel extract", file=path, field="dwellings")


def _address_mapping(columns, field_map: dict[str, str] | None, path: Path) -> dict[str, str]:
    m = _guess(columns, ("address_id", "street", "number", "letter", "postcode", "place",
                         "address_text", "dwellings", "unit_number", "unit_type"))
    if field_map:
        for target, source in field_map.items():
            if source not in columns:
                raise DataError("the mapped source field is not in the file", file=path, field=source)
            m[target] = source
    return m


def read_address_points(
    path: str | Path,
    layer: str | None = None,
    *,
    field_map: dict[str, str] | None = None,
    crs: str | int | None = None,
    missing: str = "drop",
) -> AddressPoints:
    """Read address points (Kartverket's addresses, a matrikkel extract) into EPSG:25832.

    Parameters
    ----------
    path
        GeoJSON/GPKG/Shapefile (CRS from the file) or CSV/XLSX with coordinate columns
        (``Nord``/``Øst`` and ``EPSG-kode`` as Kartverket writes them, or ``lat``/``lon``).
    layer
        Layer of a GeoPackage, or sheet of a workbook.
    field_map
        ``{address field: source field}`` overriding the guess (fields of
        :data:`ADDRESS_FIELDS`: ``street``, ``number``, ``letter``, ``postcode``,
        ``address_id``, ``dwellings`` ...).
    crs
        CRS of a table's coordinates when it has no ``EPSG-kode`` column (none is assumed).
    missing
        ``"drop"`` or ``"one"``: addresses without a dwelling count (module docstring).

    Raises
    ------
    DataError
        Unreadable file, no CRS, no street and number (nor an address text), no coordinates.
    """
    path = Path(path)
    _check_missing(missing, path)
    gdf, source_crs, warnings = _read_points_frame(path, layer, crs)
    m = _address_mapping(list(gdf.columns), field_map, path)
    return _address_points(gdf, m, path, layer, source_crs, warnings, missing)


def _check_missing(missing: str, path: Path) -> None:
    if missing not in ("drop", "one"):
        raise DataError(f"missing must be 'drop' or 'one', not {missing!r}", file=path)


def _address_points(gdf: gpd.GeoDataFrame, m: dict[str, str], path: Path, layer: str | None,
                    source_crs: str, warnings: list[DataWarning], missing: str) -> AddressPoints:
    if not ({"street", "number"} <= set(m) or "address_text" in m):
        have = _names(c for c in gdf.columns if c != gdf.geometry.name)
        raise DataError(f"no street and house number fields (adressenavn, nummer) nor an address "
                        f"text (the file has: {have})", file=path, layer=layer,
                        field="adressenavn")
    out = _normalised(gdf, m)
    without = 0
    if "dwellings" in m or "unit_number" in m:
        counts, notes = _dwelling_counts(gdf, m, path)
        out["dwellings"] = counts.to_numpy()
        warnings.extend(DataWarning(n, str(path), layer, None) for n in notes)
        out, without = _per_address(out)
        if without:
            what = ("left out of the dwellings layer" if missing == "drop"
                    else "counted as one dwelling each")
            warnings.append(DataWarning(
                f"{without} address(es) have no dwelling registered (no bruksenheter): {what}",
                str(path), layer, m.get("dwellings") or m.get("unit_number")))
        out["dwellings"] = pd.array(out["dwellings"].to_numpy(), dtype="Int64")
    no_number = out["number"].isna()
    if no_number.any():
        warnings.append(DataWarning(
            f"{int(no_number.sum())} point(s) have no house number (matrikkel addresses such as "
            "'33/2'); they cannot be matched to a street address", str(path), layer, m.get("number")))
    return AddressPoints(out.reset_index(drop=True), path, layer, source_crs, m, missing, without,
                         warnings)


def _per_address(out: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, int]:
    """One point per address: the rows of an address (leilighetsnivå) add up their dwellings."""
    if out["address_id"].is_unique:
        return out, int(out["dwellings"].isna().sum())
    sums = out.groupby("address_id", sort=False)["dwellings"].sum(min_count=1)
    first = out.drop_duplicates("address_id").set_index("address_id", drop=False)
    first["dwellings"] = sums.reindex(first.index).to_numpy()
    first = first.reset_index(drop=True)
    return first, int(first["dwellings"].isna().sum())


def read_dwellings(
    path: str | Path,
    layer: str | None = None,
    *,
    field_map: dict[str, str] | None = None,
    crs: str | int | None = None,
    missing: str = "drop",
) -> AddressPoints:
    """Read a matrikkel extract of address/building points with bruksenheter.

    Like :func:`read_address_points` but a dwelling field is required, and a building-point
    file without street fields is accepted (``bygningsnummer`` as id). The ``dwellings`` role
    layer is :attr:`AddressPoints.dwellings`.

    Raises
    ------
    DataError
        No dwelling field (``bruksenheter``, ``antall_boliger``, ``bruksenhetsnummer`` ...),
        a count that is no whole number, and :func:`read_address_points`'s errors.
    """
    path = Path(path)
    _check_missing(missing, path)
    gdf, source_crs, warnings = _read_points_frame(path, layer, crs)
    m = _address_mapping(list(gdf.columns), field_map, path)
    if "dwellings" not in m and "unit_number" not in m:
        _dwelling_counts(gdf, m, path)  # raises the "no dwelling count" error
    if {"street", "number"} <= set(m) or "address_text" in m:
        return _address_points(gdf, m, path, layer, source_crs, warnings, missing)
    if "address_id" not in m:
        raise DataError("no id field (bygningsnummer, lokalid, address_id) nor street and "
                        "number fields", file=path, layer=layer, field="address_id")
    out = gpd.GeoDataFrame({"address_id": gdf[m["address_id"]].map(_cell_text).to_numpy()},
                           geometry=gdf.geometry.values, crs=gdf.crs)
    counts, notes = _dwelling_counts(gdf, m, path)
    out["dwellings"] = counts.to_numpy()
    out, without = _per_address(out)
    warnings.extend(DataWarning(n, str(path), layer, None) for n in notes)
    if without:
        warnings.append(DataWarning(
            f"{without} point(s) have no dwelling registered: "
            + ("left out" if missing == "drop" else "counted as one dwelling each"),
            str(path), layer, m.get("dwellings") or m.get("unit_number")))
    out["dwellings"] = pd.array(out["dwellings"].to_numpy(), dtype="Int64")
    return AddressPoints(out, path, layer, source_crs, m, missing, without, warnings)


def _columns_of(path: Path, layer: str | None) -> list[str]:
    if path.suffix.lower() in (".csv", ".txt", ".xlsx", ".xlsm"):
        return [str(c) for c in _read_frame(path, layer).columns]
    info = pyogrio.read_info(path, layer=layer)
    return [str(f) for f in info["fields"]]


def looks_like_address_points(path: str | Path, layer: str | None = None) -> Sniff:
    """Whether ``path`` holds address points, with the guessed mapping. Never raises.

    Address points have a street and a house number (or an address text) and are points
    (a vector file) or carry coordinate columns (a table). ``layout`` is ``"dwellings"``
    when there is also a dwelling field (:func:`looks_like_dwellings`), else ``"addresses"``.
    """
    path = Path(path)
    try:
        cols = _columns_of(path, layer)
        if path.suffix.lower() not in (".csv", ".txt", ".xlsx", ".xlsm"):
            geom = pyogrio.read_info(path, layer=layer).get("geometry_type") or ""
            if "Point" not in geom:
                return Sniff(False, {}, "addresses", f"geometry is {geom or 'missing'}, not points")
            coords: dict[str, str] = {}
        else:
            coords = _guess(cols, ("x", "y", "epsg"))
            if not {"x", "y"} <= set(coords):
                return Sniff(False, {}, "addresses", "no coordinate columns (Nord/Øst, lat/lon)")
    except Exception as exc:  # a sniff never fails
        return Sniff(False, {}, "addresses", f"unreadable: {exc}")
    m = _guess(cols, ("address_id", "street", "number", "letter", "postcode", "place",
                      "address_text", "dwellings", "unit_number", "unit_type"))
    if not ({"street", "number"} <= set(m) or "address_text" in m):
        return Sniff(False, m, "addresses", "no street and house number fields")
    layout = "dwellings" if ("dwellings" in m or "unit_number" in m) else "addresses"
    return Sniff(True, {**m, **coords}, layout, f"{len(cols)} fields")


def looks_like_dwellings(path: str | Path, layer: str | None = None) -> Sniff:
    """Whether ``path`` holds points with dwelling counts (bruksenheter). Never raises."""
    path = Path(path)
    try:
        cols = _columns_of(path, layer)
    except Exception as exc:
        return Sniff(False, {}, "dwellings", f"unreadable: {exc}")
    m = _guess(cols, ("address_id", "street", "number", "letter", "postcode", "address_text",
                      "dwellings", "unit_number", "unit_type"))
    if "dwellings" not in m and "unit_number" not in m:
        return Sniff(False, m, "dwellings", "no bruksenheter/bruksenhetsnummer field")
    if not ({"street", "number"} <= set(m) or "address_text" in m or "address_id" in m):
        return Sniff(False, m, "dwellings", "no address or building id")
    return Sniff(True, m, "dwellings", "dwelling count field '"
                 + (m.get("dwellings") or m["unit_number"]) + "'")
