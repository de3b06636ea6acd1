"""The municipal-housing address list, joined offline to address points.

The housing department keeps municipal dwellings as a list of addresses (CSV or XLSX):
``Gateadresse``/``Husnr``/``Bokstav``/``Postnr``/``Antall boliger``, or a single ``Adresse``
column (``Kongens gate 12B, 7011 Trondheim``), often with a title row above the header.
:func:`read_housing_list` parses it; :func:`join_housing_list` finds each row's address point
(:mod:`ungtloft_map.core.io.addresses`: normalisation, matching rules, privacy) and returns a
:class:`HousingJoin` with the ``municipal_housing`` role layer (``address_id``, ``units``,
Point, EPSG:25832) and the :class:`UnmatchedAddresses` report.

Rules: without a units column every row is one unit; rows of the same address add up; a
``Sum``/``Totalt`` row is left out with a warning; a row without a house number cannot match
and is reported. No row matching at all is a :class:`DataError` naming the list, its address
field and the first rows with their reasons.

Examples
--------
>>> looks_like_housing_list("kommunale_boliger.xlsx").mapping        # doctest: +SKIP
{'street': 'Gateadresse', 'number': 'Husnr', 'letter': 'Bokstav', 'postcode': 'Postnr', 'units': 'Antall boliger'}
>>> join = join_housing_list("kommunale_boliger.xlsx", "adresser.csv")  # doctest: +SKIP
>>> join.layer.columns.tolist()                                      # doctest: +SKIP
['address_id', 'units', 'geometry']
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from ..errors import DataError, DataWarning
from .addresses import (
    _MAX_COUNT,
    AddressPoints,
    _guess,
    _letter,
    _number,
    _plain,
    _postcode,
    _read_frame,
    address_key,
    parse_address,
    read_address_points,
)
from .atomic import atomic_write_text
from .tables import Sniff, _names
from .tables_wide_layout import _cell_text, parse_number

__all__ = [
    "HousingList",
    "HousingJoin",
    "UnmatchedAddress",
    "UnmatchedAddresses",
    "looks_like_housing_list",
    "read_housing_list",
    "join_housing_list",
]

_LIST_FIELDS = ("street", "number", "letter", "postcode", "place", "address_text", "units")
_TOTAL_WORDS = {"sum", "totalt", "total", "i alt", "sum totalt", "sum boliger"}
_TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


@dataclass
class HousingList:
    """A municipal-housing list, parsed.

    ``rows``: ``row`` (row number in the file), ``text`` (the address as written), ``street``,
    ``number`` (Int64, missing when none could be read), ``letter``, ``postcode``, ``units``.
    """

    rows: pd.DataFrame
    path: Path
    mapping: dict[str, str]
    warnings: list[DataWarning] = field(default_factory=list)

    @property
    def address_field(self) -> str:
        """The source column the addresses come from (named in errors)."""
        return self.mapping.get("street") or self.mapping.get("address_text") or "adresse"

    def __repr__(self) -> str:
        return (f"HousingList({self.path.name!r}: {len(self.rows)} rows, "
                f"{int(self.rows['units'].sum()):,} units, warnings={len(self.warnings)})")


def looks_like_housing_list(path: str | Path, *, sheet: str | int | None = None) -> Sniff:
    """Whether ``path`` is a table of addresses without coordinates (a housing list). Never raises.

    It has a street and a house-number column, or an address column whose first values read as
    addresses (``Kongens gate 12B``), and no coordinate columns (those make it address points).
    The mapping guesses ``street``, ``number``, ``letter``, ``postcode``, ``address_text`` and
    ``units`` (``Antall boliger``, ``Antall``, ``Enheter`` ...).
    """
    path = Path(path)
    if path.suffix.lower() not in _TABLE_SUFFIXES:
        return Sniff(False, {}, "housing_list", "not a table (CSV/XLSX)")
    try:
        df = _read_frame(path, sheet)
    except Exception as exc:  # a sniff never fails
        return Sniff(False, {}, "housing_list", f"unreadable: {exc}")
    m = _guess(df.columns, _LIST_FIELDS)
    if {"x", "y"} <= set(_guess(df.columns, ("x", "y"))):
        return Sniff(False, m, "housing_list", "the table has coordinates: address points")
    if {"street", "number"} <= set(m):
        return Sniff(True, m, "housing_list", "street and house-number columns")
    col = m.get("address_text") or m.get("street")
    if col is not None:
        values = [v for v in df[col].head(20) if v]
        if values and sum(parse_address(v) is not None for v in values) >= max(1, len(values) // 2):
            return Sniff(True, m, "housing_list", f"addresses in '{col}'")
    return Sniff(False, m, "housing_list", "no address columns")


def read_housing_list(path: str | Path, *, field_map: dict[str, str] | None = None,
                      sheet: str | int | None = None) -> HousingList:
    """Read a municipal-housing list (CSV/XLSX) into street, number, letter, postcode, units.

    Parameters
    ----------
    field_map
        ``{field: source column}`` for ``street``, ``number``, ``letter``, ``postcode``,
        ``address_text``, ``units``; overrides the guess.

    Raises
    ------
    DataError
        No address column, a units value that is not a whole number >= 0 (file, field, row).
    """
    path = Path(path)
    df = _read_frame(path, sheet)
    header_row = int(df.attrs.get("header_row", 1))
    m = _guess(df.columns, _LIST_FIELDS)
    if field_map:
        for target, source in field_map.items():
            if source not in df.columns:
                raise DataError("the mapped source column is not in the table", file=path, field=source)
            m[target] = source
    if "street" not in m and "address_text" not in m:
        raise DataError("no address column (Gateadresse, Adresse, Adressenavn ...); the table has: "
                        + _names(df.columns), file=path, field="adresse")
    text_col = m.get("street") or m["address_text"]
    records = []
    warnings: list[DataWarning] = []
    skipped_totals = 0
    total_keys = {_plain(w) for w in _TOTAL_WORDS}
    for i, r in df.iterrows():
        row_no = header_row + 1 + int(i)
        raw = _cell_text(r[text_col])
        if not raw and not any(_cell_text(r[c]) for c in m.values()):
            continue
        if _plain(raw) in total_keys:
            skipped_totals += 1
            continue
        street, number, letter, post = raw, None, "", ""
        if "number" in m and _cell_text(r[m["number"]]):
            nr_text = _cell_text(r[m["number"]])
            parsed_nr = parse_address(f"x {nr_text}")  # "12B" in the number column
            number = parsed_nr[1] if parsed_nr else _number(nr_text)
            letter = parsed_nr[2] if parsed_nr else ""
        else:
            parsed = parse_address(raw)
            if parsed is not None:
                street, number, letter, post = parsed
        if "letter" in m and _letter(r[m["letter"]]):
            letter = _letter(r[m["letter"]])
        if "postcode" in m and _postcode(r[m["postcode"]]):
            post = _postcode(r[m["postcode"]])
        units = 1.0
        if "units" in m:
            units, status = parse_number(r[m["units"]], decimal_comma=True)
            if status != "ok" or units < 0 or not float(units).is_integer() or units > _MAX_COUNT:
                raise DataError(f"units {_cell_text(r[m['units']])!r} is not a whole number >= 0",
                                file=path, field=m["units"], row=row_no)
        shown = f"{street} {number if number is not None else ''}{letter.upper()}".strip()
        records.append({"row": row_no, "text": shown + (f", {post}" if post else ""),
                        "street": street, "number": number, "letter": letter, "postcode": post,
                        "units": int(units)})
    if skipped_totals:
        warnings.append(DataWarning(f"{skipped_totals} totals row(s) ('Sum', 'Totalt') left out",
                                    str(path), None, text_col))
    if not records:
        raise DataError("the list has no address rows", file=path, field=text_col)
    rows = pd.DataFrame(records)
    rows["number"] = pd.array(rows["number"].to_numpy(), dtype="Int64")
    if "units" not in m:
        warnings.append(DataWarning("no units column: every row counts as one municipal dwelling",
                                    str(path), None, None))
    return HousingList(rows, path, m, warnings)


# --------------------------------------------------------------------------------------------
# the unmatched report


@dataclass(frozen=True)
class UnmatchedAddress:
    """One row of the housing list that found no address point."""

    row: int
    text: str
    reason: str
    suggestion: str = ""


@dataclass
class UnmatchedAddresses:
    """The rows of a housing list that did not match, with why and a suggestion.

    Holds the user's own rows (row number, address text), never coordinates or units; the
    units are only summed (:attr:`units`).
    """

    entries: list[UnmatchedAddress]
    total_rows: int
    units: int
    total_units: int
    source: Path

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def __repr__(self) -> str:
        if not self.entries:
            return f"UnmatchedAddresses(all {self.total_rows} rows of {self.source.name!r} matched)"
        shown = "; ".join(f"row {e.row} {e.text!r} ({e.reason})" for e in self.entries[:3])
        more = f"; … (+{len(self.entries) - 3})" if len(self.entries) > 3 else ""
        return (f"UnmatchedAddresses({len(self.entries)} of {self.total_rows} rows of "
                f"{self.source.name!r} did not match, {self.units} of {self.total_units} units: "
                f"{shown}{more})")

    def to_frame(self) -> pd.DataFrame:
        """``row``, ``address``, ``reason``, ``suggestion`` per unmatched row."""
        return pd.DataFrame([{"row": e.row, "address": e.text, "reason": e.reason,
                              "suggestion": e.suggestion} for e in self.entries],
                            columns=["row", "address", "reason", "suggestion"])

    def write_csv(self, path: str | Path) -> Path:
        """Write the report as ``;``-separated UTF-8 with BOM (opens in Norwegian Excel), atomically."""
        path = Path(path)
        out = io.StringIO()
        w = csv.writer(out, delimiter=";", lineterminator="\r\n")
        w.writerow(["row", "address", "reason", "suggestion"])
        for e in self.entries:
            w.writerow([e.row, e.text, e.reason, e.suggestion])
        atomic_write_text(path, "\ufeff" + out.getvalue(), encoding="utf-8")
        return path


@dataclass
class HousingJoin:
    """The housing list joined to address points.

    Attributes
    ----------
    layer
        The ``municipal_housing`` role layer: ``address_id``, ``units`` (int), Point,
        EPSG:25832; one point per matched address (rows of the same address summed).
        Sensitive: never exported at address level.
    unmatched
        The rows that found no address (:class:`UnmatchedAddresses`).
    """

    layer: gpd.GeoDataFrame
    unmatched: UnmatchedAddresses
    matched_rows: int
    warnings: list[DataWarning] = field(default_factory=list)

    def __repr__(self) -> str:
        return (f"HousingJoin({self.matched_rows} of {self.unmatched.total_rows} rows matched -> "
                f"{len(self.layer)} addresses, {int(self.layer['units'].sum()):,} units; "
                f"unmatched {len(self.unmatched)} rows ({self.unmatched.units} units); "
                f"warnings={len(self.warnings)})")


# --------------------------------------------------------------------------------------------
# the join


class _Index:
    """Address points by (street key, number, letter), exact and ASCII-folded."""

    def __init__(self, pts: gpd.GeoDataFrame) -> None:
        self.exact: dict[tuple, list[int]] = {}
        self.folded: dict[tuple, list[int]] = {}
        self.streets: dict[str, set[tuple[int, str]]] = {}
        self.fstreets: dict[str, str] = {}
        self.names: dict[str, str] = {}
        keys: dict[str, tuple[str, str]] = {}  # a register has few streets and many numbers
        for i, (street, nr, le) in enumerate(zip(pts["street"], pts["number"], pts["letter"], strict=True)):
            if pd.isna(nr) or not street:
                continue
            if street not in keys:
                keys[street] = (address_key(street), address_key(street, ascii_fold=True))
            k, kf = keys[street]
            self.exact.setdefault((k, int(nr), le), []).append(i)
            self.folded.setdefault((kf, int(nr), le), []).append(i)
            self.streets.setdefault(k, set()).add((int(nr), le))
            self.fstreets.setdefault(kf, k)
            self.names.setdefault(k, street)


def join_housing_list(
    housing: str | Path | HousingList,
    addresses: str | Path | AddressPoints,
    *,
    field_map: dict[str, str] | None = None,
    sheet: str | int | None = None,
) -> HousingJoin:
    """Join a municipal-housing list to address points, offline.

    Parameters
    ----------
    housing
        The list (path, read with :func:`read_housing_list`, or already read).
    addresses
        Address points (path, read with
        :func:`~ungtloft_map.core.io.addresses.read_address_points`, or already read): Kartverket's
        addresses or the matrikkel extract.
    field_map, sheet
        For reading the list from a path.

    Raises
    ------
    DataError
        No row matched any address point: names the list, its address field, the address file
        and the first rows with their reasons.
    """
    if not isinstance(housing, HousingList):
        housing = read_housing_list(housing, field_map=field_map, sheet=sheet)
    if not isinstance(addresses, AddressPoints):
        addresses = read_address_points(addresses)
    pts = addresses.gdf
    index = _Index(pts)
    pcs = pts["postcode"].tolist()
    units_at: dict[int, int] = {}
    rows_at: dict[int, int] = {}
    entries: list[UnmatchedAddress] = []
    unmatched_units = 0
    folded_hits = other_postcode = 0
    for r in housing.rows.itertuples(index=False):
        hit, reason, suggestion, how = _match(r, index, pcs)
        if hit is None:
            entries.append(UnmatchedAddress(int(r.row), r.text, reason, suggestion))
            unmatched_units += int(r.units)
            continue
        folded_hits += how == "folded"
        other_postcode += how == "other postcode"
        units_at[hit] = units_at.get(hit, 0) + int(r.units)
        rows_at[hit] = rows_at.get(hit, 0) + 1
    total_units = int(housing.rows["units"].sum())
    report = UnmatchedAddresses(entries, len(housing.rows), unmatched_units, total_units, housing.path)
    if not units_at:
        shown = "; ".join(f"row {e.row} {e.text!r}: {e.reason}" for e in entries[:3])
        raise DataError(
            f"none of the {len(housing.rows)} addresses matched an address point in "
            f"{addresses.path.name} ({shown})", file=housing.path, field=housing.address_field)
    order = sorted(units_at)
    layer = gpd.GeoDataFrame(
        {"address_id": pts["address_id"].iloc[order].astype(str).to_numpy(),
         "units": np.array([units_at[i] for i in order], dtype=np.int64)},
        geometry=pts.geometry.iloc[order].to_numpy(), crs=pts.crs)
    warnings = list(housing.warnings)
    src, fld = str(housing.path), housing.address_field
    if entries:
        warnings.append(DataWarning(
            f"{len(entries)} of {len(housing.rows)} addresses ({unmatched_units} of {total_units} "
            "units) found no address point and are left out; see the list of unmatched addresses",
            src, None, fld))
    if folded_hits:
        warnings.append(DataWarning(
            f"{folded_hits} address(es) matched only without the Norwegian letters (æ, ø, å)",
            src, None, fld))
    if other_postcode:
        warnings.append(DataWarning(
            f"{other_postcode} address(es) matched a unique address in another postcode", src, None,
            housing.mapping.get("postcode", fld)))
    merged = sum(1 for n in rows_at.values() if n > 1)
    if merged:
        warnings.append(DataWarning(
            f"{merged} address(es) appear on several rows; their units are added up", src, None, fld))
    return HousingJoin(layer, report, sum(rows_at.values()), warnings)


def _match(r, index: _Index, pcs: list[str]) -> tuple[int | None, str, str, str]:
    """``(point index, reason, suggestion, how)`` for one list row."""
    if pd.isna(r.number):
        return None, "no house number", "", ""
    nr, le = int(r.number), r.letter
    k = address_key(r.street)
    how = "exact"
    cands = index.exact.get((k, nr, le))
    if not cands:
        cands = index.folded.get((address_key(r.street, ascii_fold=True), nr, le))
        how = "folded"
    if cands:
        if r.postcode:
            same = [c for c in cands if pcs[c] == r.postcode]
            if same:
                return same[0], "", "", how
            if len({pcs[c] for c in cands}) == 1:
                return cands[0], "", "", "other postcode"
            return None, (f"postcode {r.postcode} not found for this address (it exists in "
                          f"{', '.join(sorted({pcs[c] for c in cands}))})"), "", ""
        codes = sorted({pcs[c] for c in cands})
        if len(codes) == 1:
            return cands[0], "", "", how
        return None, f"ambiguous: the address exists in postcodes {', '.join(codes)}", "add the postcode", ""
    key = k if k in index.streets else index.fstreets.get(address_key(r.street, ascii_fold=True))
    if key is None:
        close = difflib.get_close_matches(k, list(index.streets), n=1, cutoff=0.75)
        return None, "street not found", (index.names[close[0]] if close else ""), ""
    have = index.streets[key]
    name = index.names[key]
    at_number = sorted(f"{n}{lt.upper()}" for n, lt in have if n == nr)
    if at_number:
        if le:
            return None, f"no letter {le.upper()} at {name} {nr}", ", ".join(f"{name} {a}" for a in at_number), ""
        return None, f"{name} {nr} has only lettered addresses", ", ".join(f"{name} {a}" for a in at_number), ""
    numbers = sorted({n for n, _ in have})
    nearest = min(numbers, key=lambda n: (abs(n - nr), n))
    return None, f"no number {nr} on {name}", f"{name} {nearest}", ""
