"""Export a target-area selection (targets, comparison zones, baseline values) as GPKG and CSV.

The tables a områdesatsing team takes away after choosing its target zones
(:mod:`ungtloft_map.core.analysis.targeting`): one row per target zone and per comparison zone
with a ``role`` column and the baseline values, and -- when the target has several zones -- one
row for the merged target area re-aggregated from counts. The brief (HTML/PDF) is written by
:func:`ungtloft_map.reports.target_brief.export_selection`, which calls this module: ``core`` may
not import the report layer.

Small numbers: the zone rows come from :func:`ungtloft_map.core.export.suppressed_zone_frame`
(the one suppression function of the app, with secondary suppression over districts and the
municipality). The merged target area is a new published total, so a merged count is withheld
when it is 1–4 (primary) and also whenever any member zone's count or denominator of that
indicator is withheld: otherwise the hidden zone value could be recovered by subtracting the
published members from the merged total. Files are written atomically.

Examples
--------
>>> tables = selection_tables(themes.zone_table, Candidate("Øst", ["0301", "0302"]),
...                           comparison, catalogue=project.catalogue)  # doctest: +SKIP
>>> export_selection_data("utvalg", themes.zone_table, targets, comparison,
...                       {"theme_weights": {"levekar": 2}}, 2024,
...                       catalogue=project.catalogue)  # doctest: +SKIP
[PosixPath('utvalg.gpkg'), PosixPath('utvalg.csv')]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.ops import unary_union

from ..analysis.privacy import is_small
from ..analysis.targeting import (
    AGGREGATION_RULES,
    Candidate,
    CandidateProfile,
    ComparisonResult,
    aggregate_candidate,
    weight_spec,
)
from ..catalogue import Catalogue
from ..errors import DataError, DataWarning
from ..export import FICTIONAL_NOTE, column_dictionary, suppressed_zone_frame
from ..io.atomic import atomic_path
from ..zonetable import ZoneTable

__all__ = ["ROLE_COMPARISON", "ROLE_TARGET", "ROLE_TARGET_AREA", "SelectionTables",
           "export_selection_data", "selection_tables", "suppressed_profile"]

ROLE_TARGET = "target"
ROLE_COMPARISON = "comparison"
ROLE_TARGET_AREA = "target_area"
ROLE_LABELS_NB = {ROLE_TARGET: "målsone", ROLE_COMPARISON: "sammenligningssone",
                  ROLE_TARGET_AREA: "målområdet samlet"}

# Identity and index columns first, in this order, when the zone table has them.
_LEAD = ("zone_id", "zone_name", "district_id", "district_name", "population", "area_km2",
         "composite_score", "composite_rank", "n_flags", "lisa_label")


@dataclass(repr=False)
class SelectionTables:
    """What an export of a selection writes, before it is written.

    Attributes
    ----------
    zones : geopandas.GeoDataFrame
        One row per target and comparison zone, ``role`` first, then identity, index columns,
        ``distance``/``similarity``/``chosen`` (comparison rows) and the baseline values;
        suppressed cells are NaN.
    target_area : geopandas.GeoDataFrame | None
        The merged target area (one row, dissolved geometry) when the target has two or more
        zones; suppressed as described in the module notes.
    profile : CandidateProfile
        The re-aggregated target area (not suppressed: for use inside the app only).
    published : pandas.DataFrame
        ``profile.table`` as it may be published (:func:`suppressed_profile`).
    value_columns : list[str]
        The baseline value columns, in order.
    weights : dict
        ``{"method", "weights", "theme_weights"}`` as used.
    suppressed_cells : int
    warnings : list[DataWarning]
    """

    zones: gpd.GeoDataFrame
    target_area: gpd.GeoDataFrame | None
    profile: CandidateProfile
    published: pd.DataFrame
    value_columns: list[str]
    weights: dict
    suppressed_cells: int = 0
    warnings: list[DataWarning] = field(default_factory=list)

    def __repr__(self) -> str:
        roles = self.zones["role"].value_counts().to_dict()
        return (f"SelectionTables(target={self.profile.name!r}, roles={roles}, "
                f"target_area={self.target_area is not None}, values={len(self.value_columns)}, "
                f"suppressed_cells={self.suppressed_cells}, warnings={len(self.warnings)})")


def selection_tables(
    zone_table: ZoneTable,
    targets: Candidate | Sequence[str],
    comparison: ComparisonResult | None,
    *,
    catalogue: Catalogue | None = None,
    weights: Mapping | None = None,
    threshold: int | None = None,
) -> SelectionTables:
    """Build the suppressed export tables of a selection.

    Parameters
    ----------
    zone_table
        The enriched zone table (``compute_themes(...).zone_table``).
    targets
        A :class:`Candidate` or the target zone ids.
    comparison
        From :func:`~ungtloft_map.core.analysis.targeting.comparison_zones` (or None).
    catalogue
        Indicator catalogue (default: the app's).
    weights
        The weighting used to rank (see :func:`~.targeting.weight_spec`); stored with the export.
    threshold
        Small-number threshold (default: :data:`~ungtloft_map.core.analysis.privacy.DEFAULT_THRESHOLD`).

    Raises
    ------
    DataError
        Unknown zone ids; a zone that is both a target and a comparison zone.
    """
    catalogue = catalogue or Catalogue.default()
    zt = getattr(zone_table, "zone_table", zone_table)
    cand = targets if isinstance(targets, Candidate) else Candidate("Målområde", tuple(targets))
    comp_ids = comparison.zone_ids if comparison is not None else []
    both = sorted(set(cand.zone_ids) & set(comp_ids))
    if both:
        raise DataError(f"zone(s) {', '.join(both)} are both target and comparison zones",
                        field="zone_id")
    # Adjacency is the analysis' concern (aggregate_candidate with require_adjacent); an export
    # writes whatever the team chose.
    profile = aggregate_candidate(zt, cand, catalogue, require_adjacent=False)
    frame, mask = suppressed_zone_frame(zt, catalogue, threshold)
    values = _value_columns(zt, catalogue)
    lead = [c for c in _LEAD if c in frame.columns]
    geom = frame.geometry.name

    rows = []
    t = frame.loc[list(cand.zone_ids), lead + values + [geom]].copy()
    t.insert(0, "role", ROLE_TARGET)
    rows.append(t)
    if comparison is not None and comp_ids:
        c = frame.loc[comp_ids, lead + values + [geom]].copy()
        info = comparison.table.set_index("zone_id")
        c.insert(0, "role", ROLE_COMPARISON)
        for col in ("distance", "similarity", "chosen"):
            c[col] = info[col].reindex(c.index).to_numpy()
        rows.append(c)
    zones = gpd.GeoDataFrame(pd.concat(rows), geometry=geom, crs=frame.crs)
    for col in ("distance", "similarity", "chosen"):
        if col not in zones.columns:
            zones[col] = np.nan if col != "chosen" else ""
    order = ["role", *lead, "distance", "similarity", "chosen", *values, geom]
    zones = zones[order].reset_index(drop=True)
    n_masked = int(mask.reindex(index=list(cand.zone_ids) + list(comp_ids)).to_numpy().sum())

    target_area = None
    warnings = list(profile.warnings)
    sup = suppressed_profile(profile, mask, catalogue, threshold)
    if len(cand.zone_ids) > 1:
        row = {"role": ROLE_TARGET_AREA, "zone_id": "+".join(cand.zone_ids),
               "zone_name": cand.name, "population": profile.population,
               "area_km2": profile.area_km2,
               "composite_rank": profile.composite_rank if profile.composite_rank else np.nan}
        for col in values:
            if col in sup.index:
                row[col] = sup.at[col, "value"]
            elif col.endswith("_count") and col[:-6] in sup.index:
                row[col] = sup.at[col[:-6], "count"]
            elif col.endswith("_denom") and col[:-6] in sup.index:
                row[col] = sup.at[col[:-6], "denom"]
        n_masked += int(sup[["value", "count", "denom"]].isna().to_numpy().sum()
                        - profile.table[["value", "count", "denom"]].isna().to_numpy().sum())
        shape = unary_union(list(zt.gdf.loc[list(cand.zone_ids)].geometry))
        target_area = gpd.GeoDataFrame([row], geometry=[shape], crs=zt.gdf.crs)
        cols = [c for c in ["role", *lead, *values] if c in target_area.columns]
        target_area = target_area[cols + ["geometry"]]
    return SelectionTables(zones, target_area, profile, sup, values, weight_spec(weights or {}),
                           n_masked, warnings)


def suppressed_profile(profile: CandidateProfile, zone_mask: pd.DataFrame,
                       catalogue: Catalogue | None = None,
                       threshold: int | None = None) -> pd.DataFrame:
    """The candidate's table with the merged counts and rates withheld where they disclose.

    A levekår indicator of the merged area is withheld (``value``, ``count``, ``denom`` NaN,
    ``suppressed`` True) when its summed count or denominator is 1 to ``threshold - 1``, or when
    any member zone's count or denominator of it is suppressed in ``zone_mask`` (from
    :func:`~ungtloft_map.core.export.suppressed_zone_frame`): the merged total minus the
    published members would give it away.

    Examples
    --------
    >>> frame, mask = suppressed_zone_frame(zt)  # doctest: +SKIP
    >>> suppressed_profile(profile, mask)[["value", "suppressed"]]  # doctest: +SKIP
    """
    catalogue = catalogue or Catalogue.default()
    out = profile.table.copy()
    out["suppressed"] = False
    members = [z for z in profile.zone_ids if z in zone_mask.index]
    for ind in catalogue:
        if ind.key not in out.index:
            continue
        cols = [c for c in (ind.count or f"{ind.key}_count", ind.denominator or f"{ind.key}_denom")
                if c in zone_mask.columns]
        hidden_member = bool(zone_mask.loc[members, cols].to_numpy().any()) if cols else False
        small = any(is_small(out.at[ind.key, c], threshold)
                    for c in ("count", "denom") if pd.notna(out.at[ind.key, c]))
        if hidden_member or small:
            out.loc[ind.key, ["value", "count", "denom", "ratio_to_municipal", "rank"]] = np.nan
            out.at[ind.key, "suppressed"] = True
    return out


def export_selection_data(
    path_stem: str | Path,
    zone_table: ZoneTable,
    targets: Candidate | Sequence[str],
    comparison: ComparisonResult | None,
    weights: Mapping | None,
    year: int | None,
    *,
    catalogue: Catalogue | None = None,
    threshold: int | None = None,
    tables: SelectionTables | None = None,
) -> list[Path]:
    """Write ``<stem>.gpkg`` and ``<stem>.csv`` (plus ``<stem>.kolonner.csv``), suppressed.

    GeoPackage layers: ``targets``, ``comparison_zones`` (when there are any), ``target_area``
    (merged, when the target has several zones), and the tables ``kolonner`` (what each column
    means) and ``vekter`` (the weights used). The CSV has every row with its ``role``.

    Parameters
    ----------
    path_stem
        Output path without suffix (a suffix given is dropped).
    zone_table, targets, comparison, catalogue, threshold
        As for :func:`selection_tables`.
    weights
        The weighting used (``{"weights": {...}, "theme_weights": {...}, "method": ...}`` or a
        flat ``{indicator: weight}``).
    year
        The baseline year; must match the zone table's year.
    tables
        Already built tables (to write exactly what a brief shows).

    Returns
    -------
    list[Path]
        The files written.

    Raises
    ------
    DataError
        A year other than the zone table's; a file that cannot be written.
    """
    zt = getattr(zone_table, "zone_table", zone_table)
    _check_year(zt, year)
    stem = Path(path_stem)
    if stem.suffix.lower() in (".gpkg", ".csv", ".html", ".pdf"):
        stem = stem.with_suffix("")
    tables = tables or selection_tables(zt, targets, comparison, catalogue=catalogue,
                                        weights=weights, threshold=threshold)
    catalogue = catalogue or Catalogue.default()
    zones = tables.zones.copy()
    extra = {"aar": year if year is not None else zt.year}
    if zt.fictional:
        extra["merknad"] = FICTIONAL_NOTE
    for k, v in extra.items():
        zones[k] = v
    area = tables.target_area.copy() if tables.target_area is not None else None
    if area is not None:
        for k, v in extra.items():
            area[k] = v
    geom = zones.geometry.name
    attr_cols = [c for c in zones.columns if c != geom]
    cols = column_dictionary(zt, attr_cols)
    for name, text in (("role", "Rolle: target = målsone, comparison = sammenligningssone, "
                                "target_area = målområdet samlet (summert fra tellere)"),
                       ("distance", "Standardisert euklidsk avstand til målområdet (z-verdier)"),
                       ("similarity", "Likhet = 1 / (1 + avstand); 1 = lik målområdet"),
                       ("chosen", "auto = foreslått av appen, manual = byttet inn for hånd")):
        cols.loc[cols["kolonne"] == name, "definisjon"] = text
    wt = _weights_table(tables.weights)
    gpkg, csv, side = (stem.with_suffix(".gpkg"), stem.with_suffix(".csv"),
                       stem.with_name(stem.name + ".kolonner.csv"))
    try:
        with atomic_path(gpkg) as tmp:
            tz = zones[zones["role"] == ROLE_TARGET].reset_index(drop=True)
            tz.to_file(tmp, layer="targets", driver="GPKG", engine="pyogrio")
            cz = zones[zones["role"] == ROLE_COMPARISON].reset_index(drop=True)
            if len(cz):
                cz.to_file(tmp, layer="comparison_zones", driver="GPKG", engine="pyogrio")
            if area is not None:
                area.to_file(tmp, layer="target_area", driver="GPKG", engine="pyogrio")
            gpd.GeoDataFrame(cols).to_file(tmp, layer="kolonner", driver="GPKG", engine="pyogrio")
            gpd.GeoDataFrame(wt).to_file(tmp, layer="vekter", driver="GPKG", engine="pyogrio")
        flat = pd.DataFrame(zones[attr_cols])
        if area is not None:
            flat = pd.concat([flat, pd.DataFrame(area.drop(columns=area.geometry.name))],
                             ignore_index=True)[attr_cols]
        # utf-8-sig so Excel opens æøå right; suppressed cells are empty, as missing data is.
        with atomic_path(csv) as tmp:
            flat.to_csv(tmp, index=False, encoding="utf-8-sig")
        with atomic_path(side) as tmp:
            cols.to_csv(tmp, index=False, encoding="utf-8-sig")
    except OSError as exc:
        raise DataError(f"cannot write the file ({exc.strerror or exc})", file=stem) from None
    return [gpkg, csv, side]


def _check_year(zt: ZoneTable, year: int | None) -> None:
    if year is not None and zt.year is not None and int(year) != int(zt.year):
        raise DataError(f"the zone table holds {zt.year} figures, not {year}; compute the themes "
                        f"for {year} first", field="year")


def _value_columns(zt: ZoneTable, catalogue: Catalogue) -> list[str]:
    """Levekår rate, count and denominator per indicator, then the overlay measures."""
    cols: list[str] = []
    g = zt.gdf
    for ind in catalogue:
        if ind.key in g.columns:
            cols.append(ind.key)
            for c in (ind.count or f"{ind.key}_count", ind.denominator or f"{ind.key}_denom"):
                if c in g.columns:
                    cols.append(c)
    cols += [k for k in AGGREGATION_RULES if k in g.columns]
    return cols


def _weights_table(spec: dict) -> pd.DataFrame:
    rows = [{"type": "metode", "navn": "index_method", "vekt": np.nan,
             "verdi": str(spec.get("method", "percentile"))}]
    for t, w in sorted(spec.get("theme_weights", {}).items()):
        rows.append({"type": "tema", "navn": t, "vekt": float(w), "verdi": ""})
    for k, w in sorted(spec.get("weights", {}).items()):
        rows.append({"type": "indikator", "navn": k, "vekt": float(w), "verdi": ""})
    rows.append({"type": "merknad", "navn": "standard", "vekt": 1.0,
                 "verdi": "indikatorer og temaer som ikke er nevnt har vekt 1"})
    return pd.DataFrame(rows)
