"""Result objects of the cluster statistics: weights, Local Moran (also bivariate), Gi*."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from ...errors import DataError, DataWarning
from ._labels import GETIS_LABELS, LISA_LABELS, label_map

if TYPE_CHECKING:
    from .weights import SpatialWeights

__all__ = ["GetisOrdResult", "LocalMoranResult", "WeightsResult"]


@dataclass(frozen=True, repr=False)
class WeightsResult:
    """Spatial weights of a zone layer, row-standardised.

    Attributes
    ----------
    w : SpatialWeights
        Row-standardised weights; ids are the zone layer's index (``w.to_libpysal()`` gives a
        ``libpysal.weights.W``).
    ids : pandas.Index
        Zone ids in the order of ``w`` (the layer order).
    kind : str
        ``"queen"`` or ``"knn"``.
    k : int | None
        Neighbours per zone for ``"knn"``.
    centroids : numpy.ndarray
        (n, 2) centroid coordinates in EPSG:25832, used to attach islands and rebuild kNN.
    islands : dict
        Zones that had no queen neighbour -> the nearest zone they were attached to.
    n_components : int
        Connected parts of the neighbour graph (after attaching islands).
    warnings : list[DataWarning]
    """

    w: SpatialWeights
    ids: pd.Index
    kind: str
    k: int | None
    centroids: np.ndarray
    islands: dict[Hashable, Hashable] = field(default_factory=dict)
    n_components: int = 1
    warnings: list[DataWarning] = field(default_factory=list)

    def neighbours(self, zone_id: Hashable) -> list[Hashable]:
        """The neighbours of ``zone_id``."""
        if zone_id not in self.w.neighbors:
            raise DataError(f"zone {zone_id!r} is not in the weights")
        return list(self.w.neighbors[zone_id])

    def __repr__(self) -> str:
        card = np.array(list(self.w.cardinalities.values()))
        k = f", k={self.k}" if self.kind == "knn" else ""
        return (
            f"WeightsResult(kind={self.kind!r}{k}, zones={len(self.ids)}, "
            f"neighbours min/mean/max={card.min()}/{card.mean():.1f}/{card.max()}, "
            f"islands_attached={len(self.islands)}, components={self.n_components}, "
            f"transform={self.w.transform!r}, warnings={len(self.warnings)})"
        )


class _ZoneLabels:
    """What the per-zone cluster results share: ``labels`` from the vocabulary ``_LABELS``,
    shown in a language, counted, and the significance rule as text for ``__repr__``."""

    _LABELS: tuple[str, ...]

    def labels_in(self, lang: Literal["nb", "en"] = "nb") -> pd.Series:
        """The labels translated for display (``"nb"`` or ``"en"``)."""
        return self.labels.map(label_map(self.kind, lang))

    def counts(self) -> pd.Series:
        """Number of zones per label, in vocabulary order (:data:`LISA_LABELS` or
        :data:`GETIS_LABELS`)."""
        return self.labels.value_counts().reindex(list(self._LABELS), fill_value=0)

    def _counts_text(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.counts().items() if v)

    def _alpha_text(self) -> str:
        return f"FDR({self.alpha:g})->{self.cutoff:.4g}" if self.fdr else f"{self.alpha:g}"


@dataclass(frozen=True, repr=False)
class LocalMoranResult(_ZoneLabels):
    """Local Moran's I (univariate or bivariate) per zone.

    Attributes
    ----------
    labels : pandas.Series
        Canonical label per zone, one of :data:`LISA_LABELS`; never NaN.
    quadrant : pandas.Series
        esda quadrant code 1 HH, 2 LH, 3 LL, 4 HL (0 = no data), whether significant or not.
    significant : pandas.Series
        bool; ``p_value < cutoff``.
    p_values : pandas.Series
        Pseudo p-values ``(k + 1) / (permutations + 1)`` from the conditional permutations
        (esda's "directed" rule), float64 (NaN for zones without data).
    local_i : pandas.Series
        Local Moran's I (NaN for zones without data).
    scatter : pandas.DataFrame
        Moran scatter plot data for the zones with data: ``z`` (standardised value; for the
        bivariate statistic the standardised ``x``) and ``lag`` (spatial lag of the
        standardised value, of ``y`` for the bivariate one).
    global_i, global_p, global_expected : float
        Global Moran's I, its permutation pseudo p-value and its expectation -1/(n-1).
    cutoff : float
        The p-value cut-off used (``alpha``, or the FDR cut-off).
    alpha, fdr, permutations, seed : as passed.
    bivariate : bool
    n : int
        Zones in the statistic (with data).
    variable : str
        Name of the variable(s) (Series name; ``"x ~ y"`` for the bivariate statistic).
    warnings : list[DataWarning]
    """

    labels: pd.Series
    quadrant: pd.Series
    significant: pd.Series
    p_values: pd.Series
    local_i: pd.Series
    scatter: pd.DataFrame
    global_i: float
    global_p: float
    global_expected: float
    cutoff: float
    alpha: float
    fdr: bool
    permutations: int
    seed: int | None
    bivariate: bool
    n: int
    variable: str
    warnings: list[DataWarning] = field(default_factory=list)
    neighbors: Mapping[Hashable, list[Hashable]] = field(default_factory=dict)

    kind = "local_moran"
    _LABELS = LISA_LABELS

    def __repr__(self) -> str:
        what = "bivariate " if self.bivariate else ""
        return (
            f"LocalMoranResult({what}{self.variable!r}, n={self.n}, global I={self.global_i:.3f} "
            f"(p={self.global_p:.3f}), alpha={self._alpha_text()}, permutations={self.permutations}, "
            f"seed={self.seed}, [{self._counts_text()}], warnings={len(self.warnings)})"
        )


@dataclass(frozen=True, repr=False)
class GetisOrdResult(_ZoneLabels):
    """Getis-Ord Gi* (or Gi) hot and cold spots per zone.

    Attributes
    ----------
    labels : pandas.Series
        ``"Hot spot"``, ``"Cold spot"``, ``"Ikke signifikant"`` or ``"Mangler data"``.
    z_scores : pandas.Series
        Standardised G (esda's ``Zs``); > 0 = high values around the zone.
    p_values : pandas.Series
        Pseudo p-values from the conditional permutations.
    significant : pandas.Series
    g : pandas.Series
        The G statistic itself.
    cutoff, alpha, fdr, permutations, seed, star, n, variable, warnings : see
        :class:`LocalMoranResult`.
    """

    labels: pd.Series
    z_scores: pd.Series
    p_values: pd.Series
    significant: pd.Series
    g: pd.Series
    cutoff: float
    alpha: float
    fdr: bool
    permutations: int
    seed: int | None
    star: bool
    n: int
    variable: str
    warnings: list[DataWarning] = field(default_factory=list)
    neighbors: Mapping[Hashable, list[Hashable]] = field(default_factory=dict)

    kind = "getis_ord"
    _LABELS = GETIS_LABELS

    def __repr__(self) -> str:
        name = "Gi*" if self.star else "Gi"
        return (
            f"GetisOrdResult({name} {self.variable!r}, n={self.n}, alpha={self._alpha_text()}, "
            f"permutations={self.permutations}, seed={self.seed}, [{self._counts_text()}], "
            f"warnings={len(self.warnings)})"
        )
