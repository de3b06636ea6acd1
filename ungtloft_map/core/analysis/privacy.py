"""Small-number suppression ("prikking") for every export, report and web map.

Rules (``shared/design/INDICATORS.md``, *Small numbers*):

- **Primary suppression.** A count of 1 to ``threshold - 1`` (default 1–4, as SSB and
  microdata.no practise) is suppressed, and so is every rate built on it. A count of **0 is
  shown**: SSB shows zeros, and suppressing them would hide most of a sparse table. (A zero can
  be disclosive -- "nobody in this zone receives X" -- which is why a zero is never chosen as the
  complementary cell when a positive one exists, see below.)
- **Secondary (complementary) suppression.** When a group whose total may be published (a
  district, and always the whole table = the municipal total) has exactly one suppressed cell in
  a column, the smallest *positive* unsuppressed cell of that group is suppressed too, so the
  hidden value cannot be recovered from the total by subtraction. A zero is only chosen when no
  positive cell is left: hiding a zero next to a small count protects nothing, because the pair
  would sum to the small count. Likewise, with ``totals`` (a total column and its component
  columns, e.g. ``population = pop_0_17 + ... + pop_67``), a row with exactly one suppressed
  cell among them gets a second one. The rules are applied until nothing changes, so a
  complementary cell that creates a new lone suppression elsewhere is itself protected.
- A group where no second cell can be suppressed (a district of one zone, say) is reported in
  ``warnings``: its total must not be published.

This is the standard "at least two hidden cells in every published margin" heuristic, not a full
linear-programming audit (as τ-ARGUS does); it is enough for one-level tables of zones within
districts within a municipality.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"n": [3, 12, 40, 7], "rate": [1.5, 6.0, 20.0, 3.5]},
...                  index=["a", "b", "c", "d"])
>>> res = suppress(t, {"n": ["rate"]})
>>> res.table["n"].tolist()  # 3 is primary; 7, the next smallest, is secondary
[nan, 12.0, 40.0, nan]
>>> res.reason["n"].tolist()
['primary', '', '', 'secondary']
>>> res.labelled()["rate"].tolist()
['–', 6.0, 20.0, '–']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import DataError, DataWarning
from ..text import MISSING
from ..text import format_count as _format_count

#: What a suppressed cell shows in exports, reports and web maps (an en dash, the same mark as
#: a missing value: :data:`ungtloft_map.core.text.MISSING`).
SUPPRESSED_LABEL = MISSING
#: Counts below this (and above 0) are suppressed. The one threshold of the app: every export,
#: report, map, overlay and CLI summary reads it (at call time, so changing it changes them all).
DEFAULT_THRESHOLD = 5

PRIMARY = "primary"
SECONDARY = "secondary"


@dataclass
class SuppressionResult:
    """A table with its small numbers suppressed.

    Attributes
    ----------
    table
        The input table with suppressed cells set to NaN (their columns become float).
    suppressed
        Boolean mask, same index and columns as ``table``.
    reason
        ``"primary"``, ``"secondary"`` or ``""`` per cell, same shape as ``table``. A rate takes
        the reason of the count (or denominator) it was suppressed for; primary wins.
    threshold
        Counts from 1 to ``threshold - 1`` were primary-suppressed.
    warnings
        Groups whose lone suppressed cell could not be protected (do not publish their total).
    """

    table: pd.DataFrame
    suppressed: pd.DataFrame
    reason: pd.DataFrame
    threshold: int
    warnings: list[DataWarning] = field(default_factory=list)

    @property
    def n_primary(self) -> int:
        """Number of cells suppressed as primary (counts and rates)."""
        return int((self.reason == PRIMARY).to_numpy().sum())

    @property
    def n_secondary(self) -> int:
        """Number of cells suppressed as secondary (counts and rates)."""
        return int((self.reason == SECONDARY).to_numpy().sum())

    def labelled(self, label: str = SUPPRESSED_LABEL) -> pd.DataFrame:
        """The table for display: suppressed cells hold ``label`` ("–") instead of NaN."""
        out = self.table.astype(object)
        out = out.mask(self.suppressed, label)
        return out

    def __repr__(self) -> str:
        cols = [c for c in self.suppressed.columns if self.suppressed[c].any()]
        return (
            f"SuppressionResult(threshold={self.threshold}, rows={len(self.table)}, "
            f"{self.n_primary} primary + {self.n_secondary} secondary cells suppressed in "
            f"{len(cols)} column(s), warnings={len(self.warnings)})"
        )


def threshold_or_default(threshold: int | None = None) -> int:
    """``threshold``, or :data:`DEFAULT_THRESHOLD` as it is now when None (checked either way).

    Callers that take ``threshold=None`` read the module constant at call time, so one change
    of :data:`DEFAULT_THRESHOLD` reaches every output.

    Examples
    --------
    >>> threshold_or_default(), threshold_or_default(10)
    (5, 10)
    """
    return _check_threshold(DEFAULT_THRESHOLD if threshold is None else threshold)


def is_small(v, threshold: int | None = None) -> bool:
    """True when a count must not be shown: ``1 <= round(v) < threshold`` (0 is shown).

    Apportioned counts (fractions of people) are rounded first, so 4.4 is small and 4.6 is not.
    Missing values and text are not small (they show "–" anyway).

    Examples
    --------
    >>> [is_small(v) for v in (0, 1, 4.4, 4.6, None)]
    [False, True, True, False, False]
    >>> is_small(7, threshold=10)
    True
    """
    if v is None or isinstance(v, (str, bool)):
        return False
    try:
        x = float(v)
    except (TypeError, ValueError):
        return False
    if not np.isfinite(x):
        return False
    return 0 < round(x) < threshold_or_default(threshold)


def small_mask(values, threshold: int | None = None) -> np.ndarray:
    """Vectorised :func:`is_small`: a boolean array, True for counts ``1 <= round(v) < threshold``.

    Examples
    --------
    >>> small_mask([0, 3, 4.6, float("nan")]).tolist()
    [False, True, False, False]
    """
    x = np.round(np.asarray(values, dtype=float))
    with np.errstate(invalid="ignore"):
        return (x > 0) & (x < threshold_or_default(threshold))


def format_count(v, lang: str = "nb", *, threshold: int | None = None) -> str:
    """A count as it may be shown: "–" for a small one (:func:`is_small`), else the whole number.

    Examples
    --------
    >>> [format_count(v) for v in (0, 1, 4.4, 4.6, 12345)]
    ['0', '–', '–', '5', '12\xa0345']
    """
    return SUPPRESSED_LABEL if is_small(v, threshold) else _format_count(v, lang)


def suppress(
    table: pd.DataFrame,
    count_cols_to_rate_cols: Mapping[str, Iterable[str]],
    threshold: int | None = None,
    *,
    totals: Mapping[str, Iterable[str]] | None = None,
    groups: pd.Series | None = None,
) -> SuppressionResult:
    """Suppress small counts, the rates built on them, and enough other cells to protect them.

    Parameters
    ----------
    table
        One row per zone (or any unit); counts are non-negative numbers.
    count_cols_to_rate_cols
        Each count column and the columns computed from it (rates, shares), which are suppressed
        wherever the count is. E.g. ``{"neet_count": ["neet"], "neet_denom": ["neet"]}``.
    threshold
        Counts ``0 < n < threshold`` are suppressed (default :data:`DEFAULT_THRESHOLD`, 5: 1–4
        are suppressed, 0 is shown).
    totals
        Row-wise totals: ``{total_col: [component_cols]}`` where the components add up to the
        total in every row. Columns not in ``count_cols_to_rate_cols`` are added as counts.
    groups
        Group label per row (aligned on the index), e.g. ``district_id``: each group's total is
        assumed published. The whole table (the municipal total) is always a group too. Rows with
        a missing label only belong to the whole table.

    Returns
    -------
    SuppressionResult

    Raises
    ------
    DataError
        A missing or non-numeric column, a negative count (field and row named), a bad threshold.

    Examples
    --------
    >>> t = pd.DataFrame({"district": ["B1", "B1", "B1", "B2", "B2"],
    ...                   "n": [2, 9, 30, 50, 60], "pct": [1.0, 4.5, 15.0, 25.0, 30.0]})
    >>> res = suppress(t, {"n": ["pct"]}, groups=t["district"])
    >>> res.suppressed["n"].tolist()  # 2 (primary) and 9 (secondary, same district)
    [True, True, False, False, False]
    """
    threshold = threshold_or_default(threshold)
    mapping = {str(c): [str(r) for r in rates] for c, rates in count_cols_to_rate_cols.items()}
    total_sets = _total_sets(totals, mapping)
    counts = list(mapping)
    values = _count_values(table, counts)
    primary = (values > 0) & (values < threshold)
    return _run(table, mapping, values, primary, threshold, _levels(table, groups), total_sets)


def suppress_zone_table(
    df: pd.DataFrame,
    catalogue,
    threshold: int | None = None,
    group_col: str | None = "district_id",
) -> SuppressionResult:
    """Suppress a zone table with ``{key}_count``, ``{key}_denom`` and ``{key}`` (rate) columns.

    For each catalogue indicator found in ``df``: a count of 1 to ``threshold - 1`` suppresses
    the count and the rate; a denominator of 1 to ``threshold - 1`` suppresses the denominator,
    the count and the rate (with so few people even a count of 0 is disclosive). Secondary
    suppression then works on counts and denominators within ``group_col`` (districts) and within
    the municipality; a rate is suppressed wherever its count or its denominator is. When ``df``
    has a ``year`` column each year is protected on its own.

    Parameters
    ----------
    df
        The zone table (one row per zone, or per zone and year).
    catalogue
        A :class:`~ungtloft_map.core.catalogue.Catalogue`, the catalogue JSON (a dict with
        ``indicators``), or an iterable of entries (objects or dicts with ``key`` and optionally
        ``count``/``denominator``) or of plain keys.
    threshold
        As in :func:`suppress`.
    group_col
        Column with the group (district) of each zone, or None to protect only the municipal
        total.

    Raises
    ------
    DataError
        ``group_col`` is not in ``df``; a negative count or denominator.

    Examples
    --------
    >>> from ungtloft_map.core.catalogue import Catalogue
    >>> from ungtloft_map.core.project import Project
    >>> res = suppress_zone_table(Project.demo().zone_table().gdf, Catalogue.default())
    >>> res
    SuppressionResult(threshold=5, rows=50, 88 primary + 8 secondary cells suppressed in 11 column(s), warnings=0)
    >>> res.labelled().to_csv("levekar.csv")  # doctest: +SKIP
    """
    threshold = threshold_or_default(threshold)
    if group_col is not None and group_col not in df.columns:
        raise DataError(
            f"the zone table has no {group_col!r} column to group zones by; pass group_col=None "
            "to protect only the municipal total", field=group_col,
        )
    mapping: dict[str, list[str]] = {}
    denom_of: dict[str, str] = {}
    for key, count_col, denom_col in _catalogue_columns(catalogue):
        if count_col not in df.columns:
            continue
        rates = [key] if key in df.columns else []
        mapping.setdefault(count_col, []).extend(rates)
        if denom_col in df.columns:
            mapping.setdefault(denom_col, []).extend(rates)
            denom_of[count_col] = denom_col
    warnings: list[DataWarning] = []
    if not mapping:
        warnings.append(DataWarning("no catalogue indicator counts found in the table: nothing "
                                    "was suppressed"))
    counts = list(mapping)
    values = _count_values(df, counts)
    small = (values > 0) & (values < threshold)
    primary = small.copy()
    pos = {c: j for j, c in enumerate(counts)}
    for count_col, denom_col in denom_of.items():
        # A tiny denominator discloses its count even when the count is 0.
        primary[:, pos[count_col]] |= small[:, pos[denom_col]]

    # Each year is its own table: margins are (year, district) and year.
    year = df["year"] if "year" in df.columns else None
    groups = df[group_col] if group_col is not None else None
    res = _run(df, mapping, values, primary, threshold, _levels(df, groups, year), [])
    res.warnings[:0] = warnings
    return res


# --------------------------------------------------------------------------------------------
# helpers


def _check_threshold(threshold) -> int:
    if isinstance(threshold, bool) or not isinstance(threshold, (int, np.integer)) or threshold < 1:
        raise DataError(f"the suppression threshold must be a whole number >= 1, not {threshold!r}",
                        field="threshold")
    return int(threshold)


def _total_sets(totals, mapping: dict[str, list[str]]) -> list[list[str]]:
    sets = []
    for total, parts in (totals or {}).items():
        cols = [str(total)] + [str(p) for p in parts]
        for c in cols:
            mapping.setdefault(c, [])
        sets.append(cols)
    return sets


def _count_values(table: pd.DataFrame, counts: list[str]) -> np.ndarray:
    """Counts as a float array (rows x count columns); refuses missing, text and negatives."""
    out = np.empty((len(table), len(counts)))
    for j, col in enumerate(counts):
        if col not in table.columns:
            raise DataError("count column is missing from the table", field=col)
        s = table[col]
        v = pd.to_numeric(s, errors="coerce")
        text = v.isna() & s.notna()
        if text.any():
            raise DataError(f"count is not a number ({s[text].iloc[0]!r})", field=col,
                            row=int(np.flatnonzero(text.to_numpy())[0]) + 1)
        neg = (v < 0).to_numpy()
        if neg.any():
            i = int(np.flatnonzero(neg)[0])
            raise DataError(f"count is negative ({v.iloc[i]:g})", field=col, row=i + 1)
        out[:, j] = v.to_numpy(dtype=float)
    return out


def _aligned(table: pd.DataFrame, labels, what: str) -> pd.Series:
    if not isinstance(labels, pd.Series):
        labels = pd.Series(labels, index=table.index)
    if len(labels) == len(table) and labels.index.equals(table.index):
        return labels
    if table.index.is_unique and labels.index.is_unique:
        return labels.reindex(table.index)
    raise DataError(f"{what} must be aligned with the table's rows", field=what)


def _levels(
    table: pd.DataFrame, groups: pd.Series | None, stratum: pd.Series | None = None
) -> list[tuple[np.ndarray, list]]:
    """Margin levels: (code per row, label per code); code -1 means "not in this level".

    The groups (districts) and the whole table, each within a stratum (a year) if given.
    """
    n = len(table)
    strat = _aligned(table, stratum, "year") if stratum is not None else pd.Series(
        np.zeros(n, dtype=int), index=table.index)
    top_codes, top_labels = pd.factorize(strat, use_na_sentinel=True)
    levels = []
    if groups is not None:
        g = _aligned(table, groups, "groups")
        key = pd.Series(list(zip(strat, g)), index=table.index).where(g.notna().to_numpy())
        codes, labels = pd.factorize(key, use_na_sentinel=True)
        names = [f"group {lab[1]!r}" + (f" in {lab[0]}" if stratum is not None else "")
                 for lab in labels]
        levels.append((np.asarray(codes), names))
    names = ["the whole table" + (f" in {lab}" if stratum is not None else "") for lab in top_labels]
    levels.append((np.asarray(top_codes), names))
    return levels


def _catalogue_columns(catalogue) -> list[tuple[str, str, str]]:
    """(key, count column, denominator column) for each entry of any catalogue shape."""
    if isinstance(catalogue, Mapping) and "indicators" in catalogue:
        catalogue = catalogue["indicators"]
    out = []
    for entry in catalogue:
        if isinstance(entry, str):
            key, count, denom = entry, None, None
        elif isinstance(entry, Mapping):
            key, count, denom = entry.get("key"), entry.get("count"), entry.get("denominator")
        else:
            key = getattr(entry, "key", None)
            count, denom = getattr(entry, "count", None), getattr(entry, "denominator", None)
        if not key:
            raise DataError("catalogue entry without a key", field="key")
        out.append((key, count or f"{key}_count", denom or f"{key}_denom"))
    return out


def _run(
    table: pd.DataFrame,
    mapping: dict[str, list[str]],
    values: np.ndarray,
    primary: np.ndarray,
    threshold: int,
    levels: list[tuple[np.ndarray, list]],
    total_sets: list[list[str]],
) -> SuppressionResult:
    counts = list(mapping)
    pos = {c: j for j, c in enumerate(counts)}
    hidden, warnings = _protect(values, primary, levels, [[pos[c] for c in s] for s in total_sets],
                                counts)

    mask = pd.DataFrame(False, index=table.index, columns=table.columns)
    reason = pd.DataFrame("", index=table.index, columns=table.columns, dtype=object)
    for j, col in enumerate(counts):
        why = np.where(primary[:, j], PRIMARY, np.where(hidden[:, j], SECONDARY, ""))
        mask[col] = hidden[:, j]
        reason[col] = why
    for col, rates in mapping.items():
        j = pos[col]
        for rate in rates:
            if rate not in table.columns:
                raise DataError("rate column is missing from the table", field=rate)
            m = mask[rate].to_numpy() | hidden[:, j]
            r = reason[rate].to_numpy(dtype=object).copy()
            r[primary[:, j]] = PRIMARY
            r[(r == "") & hidden[:, j]] = SECONDARY
            mask[rate] = m
            reason[rate] = r
    out = table.copy()
    for col in mask.columns[mask.any().to_numpy()]:
        col_mask = mask[col].to_numpy()
        s = out[col]
        if not (pd.api.types.is_float_dtype(s) or pd.api.types.is_object_dtype(s)):
            s = s.astype(float)
        out[col] = s.mask(col_mask, np.nan)
    return SuppressionResult(out, mask, reason, threshold, warnings)


def _protect(
    values: np.ndarray,
    primary: np.ndarray,
    levels: list[tuple[np.ndarray, list]],
    total_sets: list[list[int]],
    counts: list[str],
) -> tuple[np.ndarray, list[DataWarning]]:
    """Add complementary suppressions until no published margin has exactly one hidden cell."""
    hidden = primary.copy()
    n_rows, n_cols = values.shape
    # Margins are sets of (row, column) cells whose sum may be published: each group's rows per
    # column, the whole table per column, and each row's total with its components.
    margins: list[tuple[np.ndarray, np.ndarray, str]] = []
    for codes, names in levels:
        members = [np.flatnonzero(codes == g) for g in range(len(names))]
        for j in range(n_cols):
            for rows, name in zip(members, names):
                margins.append((rows, np.full(len(rows), j), f"{name}, column '{counts[j]}'"))
    for cols in total_sets:
        for i in range(n_rows):
            margins.append((np.full(len(cols), i), np.asarray(cols),
                            f"row {i + 1}, total '{counts[cols[0]]}'"))

    unprotectable: dict[str, None] = {}
    changed = True
    while changed:
        changed = False
        for rows, cols, label in margins:
            h = hidden[rows, cols]
            if h.sum() != 1:
                continue
            v = values[rows, cols]
            free = ~h & np.isfinite(v)
            if not free.any():
                unprotectable[label] = None
                continue
            # Smallest positive cell first; a zero only when nothing positive is left.
            key = np.where(free, np.where(v > 0, v, np.inf), np.nan)
            if np.isfinite(key).any():
                k = int(np.nanargmin(key))
            else:
                k = int(np.flatnonzero(free)[0])
            hidden[rows[k], cols[k]] = True
            changed = True
    warnings = [
        DataWarning(f"{label}: the only suppressed cell cannot be protected by a second one; "
                    "do not publish this total")
        for label in unprotectable
        if _still_single(label, margins, hidden)
    ]
    return hidden, warnings


def _still_single(label: str, margins, hidden: np.ndarray) -> bool:
    for rows, cols, lab in margins:
        if lab == label:
            return int(hidden[rows, cols].sum()) == 1
    return False
