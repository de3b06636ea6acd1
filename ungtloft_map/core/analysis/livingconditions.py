"""Levekår indicators: rates computed from counts and denominators.

Never average rates across zones: a municipal (or district, or merged-candidate) figure is the
sum of the counts divided by the sum of the denominators.

Examples
--------
>>> import pandas as pd
>>> from ungtloft_map.core.catalogue import Catalogue
>>> t = pd.DataFrame({"zone_id": ["a", "b"], "year": [2024, 2024],
...                   "neet_count": [10, 30], "neet_denom": [100, 200]})
>>> res = compute_rates(t, Catalogue.default(), year=2024)
>>> res.rates["neet"].tolist()
[10.0, 15.0]
>>> round(res.municipal["neet"], 3)
13.333
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..catalogue import Catalogue
from ..errors import DataError, DataWarning


@dataclass
class LivingConditionsResult:
    """Rates per zone for one year, with the counts they come from."""

    year: int
    rates: pd.DataFrame  # index zone_id, one column per indicator key (percent)
    counts: pd.DataFrame  # index zone_id, {key}_count and {key}_denom
    municipal: dict[str, float]  # sum(count) / sum(denom) x 100 per key
    warnings: list[DataWarning] = field(default_factory=list)

    def __repr__(self) -> str:
        return (
            f"LivingConditionsResult(year={self.year}, zones={len(self.rates)}, "
            f"indicators={list(self.rates.columns)}, warnings={len(self.warnings)})"
        )


def available_indicators(table: pd.DataFrame, catalogue: Catalogue) -> list[str]:
    """Catalogue keys whose count and denominator columns are both in ``table``."""
    return [
        ind.key
        for ind in catalogue
        if ind.count and ind.denominator and ind.count in table and ind.denominator in table
    ]


def rate_from_counts(count, denom) -> np.ndarray:
    """``count / denom x 100``; NaN where the denominator is 0 or missing (never 0 %)."""
    count = np.asarray(count, dtype=float)
    denom = np.asarray(denom, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom > 0, count / denom * 100.0, np.nan)


def compute_rates(
    table: pd.DataFrame, catalogue: Catalogue, *, year: int | None = None, source: str = "indicators"
) -> LivingConditionsResult:
    """Rates for every catalogue indicator present in ``table`` for ``year`` (default: latest).

    Raises
    ------
    DataError
        A count larger than its denominator, or a year that is not in the table.
    """
    years = sorted(table["year"].unique())
    if year is None:
        year = int(years[-1])
    if year not in years:
        raise DataError(f"year {year} is not in the table (it has {', '.join(map(str, years))})", file=source, field="year")
    t = table[table["year"] == year].set_index("zone_id")
    keys = available_indicators(table, catalogue)
    warnings: list[DataWarning] = []
    rates = pd.DataFrame(index=t.index)
    counts = pd.DataFrame(index=t.index)
    municipal: dict[str, float] = {}
    for key in keys:
        ind = catalogue[key]
        c, d = t[ind.count], t[ind.denominator]
        over = (c > d) & d.notna()
        if over.any():
            zone = over[over].index[0]
            raise DataError(
                f"count {c[zone]:g} is larger than its denominator {d[zone]:g} for zone {zone} in {year}",
                file=source, field=ind.count,
            )
        zero = (d == 0) & c.notna()
        if zero.any():
            warnings.append(DataWarning(
                f"{ind.key}: denominator is 0 in {int(zero.sum())} zone(s) "
                f"({', '.join(map(str, zero[zero].index[:5]))}); their rate is shown as missing, not 0",
                source, None, ind.denominator,
            ))
        rates[key] = rate_from_counts(c, d)
        counts[ind.count] = c
        counts[ind.denominator] = d
        total_d = d[d > 0].sum()
        municipal[key] = float(c[d > 0].sum() / total_d * 100.0) if total_d > 0 else float("nan")
    return LivingConditionsResult(int(year), rates, counts, municipal, warnings)
