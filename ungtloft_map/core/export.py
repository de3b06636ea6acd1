"""Export the zone table (GeoPackage, CSV, XLSX) with small-number suppression applied.

Every export goes through :func:`suppressed_zone_frame`, which calls the one suppression
function of the app (:func:`ungtloft_map.core.analysis.privacy.suppress_zone_table`): counts
below the threshold, the rates built on them and the cells that would let a reader recover them
(secondary suppression) are withheld. Files are written atomically.

Column names are the ZoneTable names; their label, unit and definition travel with the file
(a ``kolonner`` sheet in XLSX, a ``kolonner`` table in the GeoPackage, a ``.kolonner.csv``
beside a CSV).

Examples
--------
>>> import tempfile
>>> from ungtloft_map.core.project import Project
>>> with tempfile.TemporaryDirectory() as tmp:
...     export_zones(Project.demo().zone_table(), Path(tmp) / "levekar.gpkg")
ExportResult('levekar.gpkg', rows=50, columns=38, suppressed_cells=96)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .analysis.privacy import SUPPRESSED_LABEL, suppress_zone_table
from .catalogue import Catalogue
from .errors import DataError
from .io.atomic import atomic_path
from .text import FICTIONAL
from .zonetable import ZoneTable

FORMATS = (".gpkg", ".csv", ".xlsx")
FICTIONAL_NOTE, FICTIONAL_NOTE_EN = FICTIONAL


@dataclass
class ExportResult:
    """What an export wrote."""

    path: Path
    rows: int
    columns: int
    suppressed_cells: int

    def __repr__(self) -> str:
        return (f"ExportResult({self.path.name!r}, rows={self.rows}, columns={self.columns}, "
                f"suppressed_cells={self.suppressed_cells})")


def suppressed_zone_frame(
    zt: ZoneTable, catalogue: Catalogue | None = None, threshold: int | None = None
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """The zone table as it may leave the app: suppressed cells are NaN.

    Returns the frame and the boolean mask of suppressed cells (same index, the masked columns).
    """
    catalogue = catalogue or Catalogue.default()
    df = zt.gdf.copy()
    group = "district_id" if "district_id" in df.columns else None
    entries = list(catalogue) + _count_based(zt, catalogue)
    res = suppress_zone_table(pd.DataFrame(df.drop(columns=df.geometry.name)), entries, threshold, group)
    for col in res.table.columns:
        if col in df.columns and res.suppressed[col].any():
            df[col] = res.table[col]
    return df, res.suppressed


def _count_based(zt: ZoneTable, catalogue) -> list[dict]:
    """Suppression entries for the computed columns built on a count (residents, dwellings,
    municipal units): the measure is withheld wherever that count is small, as a rate is.

    The count is the column's ``count_col``, else its ``denom_col`` (a share of residents is
    built on the zone's residents).
    """
    known = {getattr(e, "key", None) for e in catalogue}
    out = []
    for col, info in zt.info.items():
        base = info.count_col or info.denom_col
        if col in known or base is None or base not in zt.gdf.columns or col not in zt.gdf.columns:
            continue
        out.append({"key": col, "count": base,
                    "denominator": info.denom_col if info.count_col else None})
    return out


_DIRECTION = {"nb": {"high_is_bad": "høy er dårlig", "high_is_good": "høy er bra"},
              "en": {"high_is_bad": "high is bad", "high_is_good": "high is good"}}


def localise_classes(df: pd.DataFrame, zt: ZoneTable, lang: str = "nb") -> pd.DataFrame:
    """``df`` with the class columns (cluster labels ...) in ``lang`` ("nb" or "en")."""
    from .analysis import clusters as cl  # esda is slow to import: only when exporting

    labels = ({**cl.LABELS_EN, **cl.GETIS_LABELS_EN} if lang == "en"
              else {**cl.LABELS_NB, **cl.GETIS_LABELS_NB})
    df = df.copy()
    for col, info in zt.info.items():
        if info.kind == "class" and col in df.columns:
            df[col] = df[col].map(lambda v: labels.get(v, v))
    return df


def column_dictionary(zt: ZoneTable, columns: list[str], lang: str = "nb") -> pd.DataFrame:
    """Name, label, unit, kind, direction, definition and source of each exported column."""
    direction = _DIRECTION["en" if lang == "en" else "nb"]
    rows = []
    for c in columns:
        info = zt.info.get(c)
        rows.append({
            "kolonne": c,
            "navn": info.label(lang) if info else c,
            "enhet": info.unit if info else "",
            "type": info.kind if info else "",
            "retning": direction.get(info.direction, "") if info else "",
            "definisjon": info.definition(lang) if info else "",
            "kilde": info.source if info else "",
        })
    return pd.DataFrame(rows)


def export_zones(
    zt: ZoneTable,
    path: str | Path,
    *,
    catalogue: Catalogue | None = None,
    threshold: int | None = None,
    lang: str = "nb",
) -> ExportResult:
    """Write every ZoneTable column to ``path`` (.gpkg, .csv or .xlsx), suppression applied.

    Raises
    ------
    DataError
        An unknown file type, or the file cannot be written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise DataError(f"unknown export type {suffix!r}; use {', '.join(FORMATS)}", file=path)
    df, mask = suppressed_zone_frame(zt, catalogue, threshold)
    df = localise_classes(df, zt, lang)
    columns = [c for c in df.columns if c != df.geometry.name]
    df = df.reset_index(drop=True)
    if zt.fictional:
        df["merknad"] = FICTIONAL_NOTE_EN if lang == "en" else FICTIONAL_NOTE
        columns.append("merknad")
    if zt.year is not None:
        df["aar"] = zt.year
        columns.append("aar")
    cols = column_dictionary(zt, columns, lang)
    try:
        if suffix == ".gpkg":
            with atomic_path(path) as tmp:
                df[columns + [df.geometry.name]].to_file(tmp, layer="levekarssoner", driver="GPKG", engine="pyogrio")
                gpd.GeoDataFrame(cols).to_file(tmp, layer="kolonner", driver="GPKG", engine="pyogrio")
        elif suffix == ".csv":
            # utf-8-sig so Excel opens æøå right; suppressed cells are empty, as missing data is.
            with atomic_path(path) as tmp:
                pd.DataFrame(df[columns]).to_csv(tmp, index=False, encoding="utf-8-sig")
            side = path.with_name(path.stem + ".kolonner.csv")
            with atomic_path(side) as tmp:
                cols.to_csv(tmp, index=False, encoding="utf-8-sig")
        else:
            table = pd.DataFrame(df[columns]).astype(object)
            shown = mask.reindex(columns=columns, fill_value=False).reset_index(drop=True)
            table = table.mask(shown.astype(bool), SUPPRESSED_LABEL)
            with atomic_path(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                table.to_excel(xw, sheet_name="levekarssoner", index=False)
                cols.to_excel(xw, sheet_name="kolonner", index=False)
    except DataError:
        raise
    except OSError as exc:
        raise DataError(f"cannot write the file ({exc.strerror or exc})", file=path) from None
    return ExportResult(path, len(df), len(columns), int(mask.to_numpy().sum()))
