"""Spatial clusters of disadvantage: Local Moran's I (LISA), Getis-Ord Gi* and bivariate LISA.

The statistics of PySAL's ``esda`` on the weights of ``libpysal`` (see "Where inequality
clusters" in ``INDICATORS.md``), computed by this package in vectorised numpy so that a fresh
process pays no JIT compile and imports neither esda, libpysal nor numba; the tests compare
every number with esda's. The modules, one responsibility each:

* :mod:`.weights` -- :func:`spatial_weights`: queen contiguity (default) or k nearest
  neighbours, row-standardised. A zone without a queen neighbour (an *island*, e.g. a real
  island in the fjord) is attached to its single nearest zone by centroid distance (k = 1),
  symmetrically, and reported in ``warnings``; otherwise its spatial lag would be 0 and it
  would look like a "Low" neighbourhood.
* :mod:`.local_moran`, :mod:`.bivariate`, :mod:`.getis_ord` -- :func:`local_moran`,
  :func:`bivariate_local_moran`, :func:`getis_ord`: 999 conditional permutations with a fixed
  seed, so the same data and weights always give the same map. The statistics equal esda's
  (``Moran_Local``, ``Moran_Local_BV``, ``G_Local``, ``Moran``, ``Moran_BV``) to rounding; the
  local pseudo p-values equal esda's within Monte-Carlo error (different random numbers, the
  same scheme), the global ones are esda's own for the same seed.
* :mod:`._permutation` -- the conditional-permutation kernels (esda's ``crand`` scheme).
* :mod:`.summary` -- :func:`cluster_members` and :func:`summarise`.
* Significance: pseudo p-value ``p < alpha`` (esda's convention), or with ``fdr=True`` the
  Benjamini-Hochberg false-discovery-rate cut-off (esda's ``fdr``: the step-up rule with the
  same strict ``<``).
* Zones without a value are left out of the statistic (the weights are rebuilt on the zones that
  have data) and are labelled ``"Mangler data"``; every zone always gets a label, so a map never
  has to colour a NaN.
* **Zero variance** (all values equal) raises :class:`AnalysisError`: there is no pattern to
  find. Fewer than 5 zones with data raises too.

Label vocabulary: :data:`LISA_LABELS` are the canonical labels stored in results
(``"High-High"``, ``"Low-Low"``, ``"High-Low"``, ``"Low-High"``, ``"Ikke signifikant"``,
``"Mangler data"``); :data:`LABELS_NB` and :data:`LABELS_EN` map them to display text.

Examples
--------
>>> import geopandas as gpd, numpy as np, pandas as pd
>>> from shapely.geometry import box
>>> cells = [box(x * 250, y * 250, (x + 1) * 250, (y + 1) * 250) for y in range(6) for x in range(6)]
>>> zones = gpd.GeoDataFrame(geometry=cells, crs=25832, index=pd.Index(range(36), name="zone_id"))
>>> w = spatial_weights(zones)
>>> values = pd.Series(np.where(zones.centroid.x < 750, 10.0, 1.0), index=zones.index)
>>> res = local_moran(values, w, permutations=99)
>>> sorted(res.labels.unique())
['High-High', 'Ikke signifikant', 'Low-Low']
"""

from __future__ import annotations

from ._common import fdr
from ._labels import (
    COLD_SPOT,
    GETIS_LABELS,
    GETIS_LABELS_EN,
    GETIS_LABELS_NB,
    HOT_SPOT,
    LABELS_EN,
    LABELS_NB,
    LISA_LABELS,
    MIN_ZONES,
    NO_DATA,
    NOT_SIGNIFICANT,
    QUADRANTS,
)
from .bivariate import bivariate_local_moran
from .getis_ord import getis_ord
from .local_moran import DEFAULT_N_JOBS, local_moran
from .results import GetisOrdResult, LocalMoranResult, WeightsResult
from .summary import Sentence, cluster_members, summarise, summary_sentences
from .weights import SpatialWeights, spatial_weights

__all__ = [
    "COLD_SPOT",
    "DEFAULT_N_JOBS",
    "GETIS_LABELS",
    "GETIS_LABELS_EN",
    "GETIS_LABELS_NB",
    "HOT_SPOT",
    "LABELS_EN",
    "LABELS_NB",
    "LISA_LABELS",
    "MIN_ZONES",
    "NOT_SIGNIFICANT",
    "NO_DATA",
    "QUADRANTS",
    "GetisOrdResult",
    "LocalMoranResult",
    "SpatialWeights",
    "WeightsResult",
    "bivariate_local_moran",
    "cluster_members",
    "fdr",
    "getis_ord",
    "local_moran",
    "spatial_weights",
    "summarise",
    "summary_sentences",
    "Sentence",
]

