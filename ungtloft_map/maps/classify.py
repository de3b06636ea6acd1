"""Choropleth classification (mapclassify) and colour-blind-safe, direction-aware ramps.

Start-up note: importing mapclassify costs several seconds here (it pulls in scipy.stats,
scikit-learn and matplotlib, and eagerly JIT-compiles its Fisher-Jenks kernel). The first map
must show quickly, so the two schemes that are plain percentile arithmetic -- quantiles (the
default) and equal interval -- are computed here with numpy exactly as mapclassify computes them
(tests compare both on random data), and mapclassify is imported on first use of the other
schemes.

"Dark means worse" on every map: for an indicator where high is bad the ramp runs light → dark
with the value; where high is good it is flipped, so the darkest class holds the lowest values.
Missing or suppressed values are never given a class colour: they get :data:`MISSING_COLOR`
and the legend label "–".

Examples
--------
>>> import numpy as np
>>> c = classify(np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10]), scheme="quantiles", k=5)
>>> c.counts
[2, 2, 2, 2, 2]
>>> c.color_of(10.0) == c.colors[-1]
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.errors import AnalysisError
from ..core.text import format_number

MISSING_COLOR = "#d9d9d9"
SCHEMES = {
    "quantiles": "Kvantiler",
    "fisherjenks": "Fisher-Jenks (naturlige brudd)",
    "equalinterval": "Like intervaller",
    "percentiles": "Persentiler (1/10/50/90/99)",
    "boxplot": "Boksplott",
    "userdefined": "Egendefinerte grenser",
}
SCHEMES_EN = {
    "quantiles": "Quantiles",
    "fisherjenks": "Fisher-Jenks (natural breaks)",
    "equalinterval": "Equal interval",
    "percentiles": "Percentiles (1/10/50/90/99)",
    "boxplot": "Box map",
    "userdefined": "User-defined breaks",
}

# ColorBrewer sequential ramps (colour-blind safe, print friendly), light → dark, 3–7 classes
# interpolated from the 9-class definitions.
RAMPS: dict[str, list[str]] = {
    "OrRd": ["#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000"],
    "PuBu": ["#fff7fb", "#ece7f2", "#d0d1e6", "#a6bddb", "#74a9cf", "#3690c0", "#0570b0", "#045a8d", "#023858"],
    "YlGnBu": ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"],
    "Purples": ["#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#54278f", "#3f007d"],
}
DEFAULT_RAMP = "OrRd"
# The box map and percentile map are diverging by nature (low outliers, middle, high outliers).
DIVERGING = ["#2166ac", "#67a9cf", "#d1e5f0", "#fddbc7", "#ef8a62", "#b2182b"]


@dataclass
class Classification:
    """Class breaks, colours and counts for one choropleth."""

    scheme: str
    bins: list[float]  # upper bounds, ascending
    lower: float
    colors: list[str]
    counts: list[int]
    n_missing: int
    direction: str | None = None

    def __repr__(self) -> str:
        return f"Classification({self.scheme!r}, k={len(self.bins)}, bins={[round(b, 3) for b in self.bins]})"

    def class_of(self, value: float) -> int | None:
        if value is None or not np.isfinite(value):
            return None
        return int(min(np.searchsorted(self.bins, value, side="left"), len(self.bins) - 1))

    def color_of(self, value: float) -> str:
        k = self.class_of(value)
        return MISSING_COLOR if k is None else self.colors[k]

    def labels(self, decimals: int = 1, lang: str | None = None, *,
               decimal_comma: bool = True) -> list[str]:
        """Class bounds as text ("lower – upper"), formatted by :func:`ungtloft_map.core.text.format_number`.

        ``lang`` ("nb"/"en") wins over ``decimal_comma`` (True: bokmål).
        """
        lang = lang or ("nb" if decimal_comma else "en")
        out = []
        lo = self.lower
        for hi in self.bins:
            out.append(f"{format_number(lo, decimals, lang)} – {format_number(hi, decimals, lang)}")
            lo = hi
        return out


def _mapclassify():
    """mapclassify, imported once with its kernels compiled lazily and cached on disk."""
    from ..core._jit import import_cached

    return import_cached("mapclassify")



def _quantile_bins(y: np.ndarray, k: int) -> np.ndarray:
    # mapclassify.classifiers.quantile: scoreatpercentile at 100/k steps (linear interpolation),
    # then unique.
    w = 100.0 / k
    p = np.arange(w, 100 + w, w)
    if p[-1] > 100.0:
        p[-1] = 100.0
    return np.unique(np.percentile(y, p[:k] if len(p) > k else p))


def _equal_interval_bins(y: np.ndarray, k: int) -> np.ndarray:
    # mapclassify.EqualInterval._set_bins
    max_y, min_y = float(np.max(y)), float(np.min(y))
    width = (max_y - min_y) / k
    cuts = np.arange(min_y + width, max_y + width, width)
    if len(cuts) > k:
        cuts = cuts[0:k]
    cuts[-1] = max_y
    return cuts


def _counts(y: np.ndarray, bins: np.ndarray) -> list[int]:
    idx = np.searchsorted(bins, y, side="left")
    return np.bincount(np.minimum(idx, len(bins) - 1), minlength=len(bins)).tolist()


def ramp(name: str, k: int) -> list[str]:
    """``k`` colours spread over a 9-class ColorBrewer ramp, light → dark."""
    base = RAMPS.get(name, RAMPS[DEFAULT_RAMP])
    if k <= 1:
        return [base[-3]]
    idx = np.round(np.linspace(1, len(base) - 1, k)).astype(int)
    return [base[i] for i in idx]


def classify(
    values,
    scheme: str = "quantiles",
    k: int = 5,
    *,
    direction: str | None = "high_is_bad",
    bins: list[float] | None = None,
    ramp_name: str = DEFAULT_RAMP,
) -> Classification:
    """Classify ``values`` with mapclassify and colour the classes so dark = worse.

    Raises
    ------
    AnalysisError
        No finite value to classify, an unknown scheme, or user breaks that do not ascend.
    """
    y = np.asarray(values, dtype=float)
    finite = y[np.isfinite(y)]
    n_missing = int(len(y) - len(finite))
    if len(finite) == 0:
        raise AnalysisError("no values to classify (all missing or suppressed)")
    scheme = scheme.lower().replace("_", "").replace("-", "")
    if scheme not in SCHEMES:
        raise AnalysisError(f"unknown classification {scheme!r}; choose one of {', '.join(SCHEMES)}")
    uniq = np.unique(finite)
    if scheme == "userdefined":
        if not bins or any(b2 <= b1 for b1, b2 in zip(bins, bins[1:])):
            raise AnalysisError("user-defined breaks must be given in ascending order")
        mc = _mapclassify().UserDefined(finite, bins=list(bins))
        b, counts = [float(x) for x in mc.bins], [int(c) for c in mc.counts]
    elif len(uniq) == 1:
        # One distinct value: a single class; mapclassify would warn and invent empty classes.
        b, counts = [float(uniq[0])], [len(finite)]
    elif scheme in ("quantiles", "equalinterval"):
        kk = min(k, len(uniq)) if scheme == "quantiles" else k
        arr = _quantile_bins(finite, kk) if scheme == "quantiles" else _equal_interval_bins(finite, kk)
        b, counts = [float(x) for x in arr], _counts(finite, arr)
    else:
        lib = _mapclassify()
        if scheme == "fisherjenks":
            mc = lib.FisherJenks(finite, k=min(k, len(uniq)))
        elif scheme == "percentiles":
            mc = lib.Percentiles(finite, pct=[1, 10, 50, 90, 99, 100])
        else:
            mc = lib.BoxPlot(finite)
        b, counts = [float(x) for x in mc.bins], [int(c) for c in mc.counts]
    # Drop classes that cannot hold a value (duplicate bounds from heavy ties).
    keep = [i for i in range(len(b)) if i == 0 or b[i] > b[i - 1]]
    b = [b[i] for i in keep]
    counts = [counts[i] for i in keep]
    if scheme in ("boxplot", "percentiles"):
        colors = [DIVERGING[round(i)] for i in np.linspace(0, len(DIVERGING) - 1, len(b))]
    else:
        colors = ramp(ramp_name, len(b))
    if direction == "high_is_good":
        colors = colors[::-1]
    return Classification(scheme, b, float(finite.min()), colors, counts, n_missing, direction)
