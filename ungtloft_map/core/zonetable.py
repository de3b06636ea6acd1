"""ZoneTable: one row per levekårssone with every figure the app shows, and what it means.

Each column carries a :class:`ColumnInfo` (label, unit, direction, kind, definition) so that the
map legend, the table header, the identify panel and the exports all describe a number the same
way. Counts and denominators are kept beside rates so that any aggregate can be recomputed from
counts (never by averaging rates).

Examples
--------
>>> from ungtloft_map.core.project import Project
>>> zt = Project.demo().zone_table()
>>> zt
ZoneTable(zones=50, year=2024, columns=35, fictional=True)
>>> zt.info["low_income"].label("en"), zt.info["low_income"].unit
('Low income (EU60)', '%')
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import pandas as pd


@dataclass(frozen=True)
class ColumnInfo:
    """What a ZoneTable column means."""

    name: str
    label_nb: str
    label_en: str = ""
    unit: str = ""
    kind: str = "rate"  # id | name | count | denominator | rate | measure | score | class
    direction: str | None = None  # high_is_bad | high_is_good | None (neutral)
    theme: str | None = None
    definition_nb: str = ""
    definition_en: str = ""
    source: str = ""
    count_col: str | None = None
    denom_col: str | None = None
    categories: tuple[tuple[str, str], ...] | None = None  # (label, colour) of a "class" column

    def label(self, lang: str = "nb") -> str:
        return self.label_en if lang == "en" and self.label_en else self.label_nb

    def definition(self, lang: str = "nb") -> str:
        return self.definition_en if lang == "en" and self.definition_en else self.definition_nb


class ZoneTable:
    """Zones (index ``zone_id``) with their figures for one year.

    Parameters
    ----------
    gdf
        Zones in EPSG:25832, index ``zone_id``.
    info
        :class:`ColumnInfo` per column that the app may show.
    year
        The indicator year the rates are for.
    fictional
        True when the data is the fictional demo (labelled as such wherever it is shown).
    """

    def __init__(
        self,
        gdf: gpd.GeoDataFrame,
        info: dict[str, ColumnInfo],
        *,
        year: int | None,
        fictional: bool,
        source_name: str = "",
        municipal: dict[str, float] | None = None,
    ) -> None:
        self.gdf = gdf
        self.info = dict(info)
        self.year = year
        self.fictional = fictional
        self.source_name = source_name
        self.municipal = dict(municipal or {})

    def __repr__(self) -> str:
        return (
            f"ZoneTable(zones={len(self.gdf)}, year={self.year}, columns={len(self.info)}, "
            f"fictional={self.fictional})"
        )

    def __len__(self) -> int:
        return len(self.gdf)

    @property
    def zone_ids(self) -> list[str]:
        return self.gdf.index.tolist()

    def values(self, column: str) -> pd.Series:
        return self.gdf[column]

    def theme_columns(self) -> list[str]:
        """Columns that can be drawn as a theme layer (rates, measures, scores)."""
        return [c for c, i in self.info.items() if i.kind in ("rate", "measure", "score", "class")]

    def add_column(self, values: pd.Series, info: ColumnInfo, *, municipal: float | None = None) -> None:
        """Add (or replace) a column computed by an analysis; aligned on ``zone_id``."""
        self.gdf[info.name] = values.reindex(self.gdf.index)
        self.info[info.name] = info
        if municipal is not None:
            self.municipal[info.name] = municipal

    def municipal_value(self, column: str) -> float:
        """The municipality's value: from counts when the column is a rate, else as stored."""
        if column in self.municipal:
            return self.municipal[column]
        info = self.info[column]
        if info.count_col and info.denom_col:
            d = self.gdf[info.denom_col]
            ok = d > 0
            return float(self.gdf[info.count_col][ok].sum() / d[ok].sum() * 100.0) if ok.any() else np.nan
        if info.kind == "count":
            return float(self.gdf[column].sum())
        return float(self.gdf[column].mean())

    def rank(self, column: str) -> pd.Series:
        """Rank among the zones, 1 = the worst (direction-aware); NaN stays NaN."""
        info = self.info[column]
        worse_high = info.direction != "high_is_good"
        return self.gdf[column].rank(ascending=not worse_high, method="min")

    def percentile(self, column: str) -> pd.Series:
        """Percentile rank (rank−1)/(N−1) where 1 is the worst zone (direction-aware)."""
        info = self.info[column]
        v = self.gdf[column]
        v = v if info.direction != "high_is_good" else -v
        r = v.rank(method="average")
        n = v.notna().sum()
        return (r - 1) / (n - 1) if n > 1 else r * np.nan

    def profile(self, zone_id: str, lang: str = "nb") -> pd.DataFrame:
        """Identify: every figure of one zone with its rank, percentile and the municipal value.

        Rows are the theme columns (rates, measures, scores, classes); columns ``indicator``,
        ``value``, ``unit``, ``rank`` (1 = worst, "of N" in ``n``), ``percentile`` (1 = worst)
        and ``municipal``.
        """
        rows = []
        for col in self.theme_columns():
            info = self.info[col]
            value = self.gdf.at[zone_id, col]
            row = {"column": col, "indicator": info.label(lang), "value": value, "unit": info.unit,
                   "rank": np.nan, "n": np.nan, "percentile": np.nan, "municipal": np.nan}
            if info.kind != "class":
                ranks = self.rank(col) if info.direction else None
                if ranks is not None:
                    row["rank"] = ranks.get(zone_id, np.nan)
                    row["n"] = int(self.gdf[col].notna().sum())
                    row["percentile"] = self.percentile(col).get(zone_id, np.nan)
                row["municipal"] = self.municipal_value(col) if info.kind in ("rate", "measure") else np.nan
            rows.append(row)
        return pd.DataFrame(rows)

    def change_since(self, earlier: ZoneTable, column: str) -> pd.Series:
        """Change of ``column`` from ``earlier`` to this table (percentage points for rates)."""
        return (self.gdf[column].astype(float) - earlier.gdf[column].reindex(self.gdf.index).astype(float)).rename(
            f"{column}_change")

    def copy(self) -> ZoneTable:
        return ZoneTable(
            self.gdf.copy(), {k: replace(v) for k, v in self.info.items()}, year=self.year,
            fictional=self.fictional, source_name=self.source_name, municipal=self.municipal,
        )
