"""Inside a candidate area: its 250 m population cells with their access figures.

A workflow, not an operation: it reads the project's population layer and the computed themes
(:func:`ungtloft_map.core.pipeline.compute_themes`) and joins them cell by cell, so inequality
hidden inside a zone average becomes visible. Small counts follow the one privacy rule
(:func:`ungtloft_map.core.analysis.privacy.small_mask`).

Examples
--------
>>> cells = inside_zone_cells(project, ["0405", "0406"], themes)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from ..analysis.privacy import small_mask
from ..analysis.targeting import Candidate
from ..analysis.targeting.contiguity import check_ids
from ..errors import DataError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ..pipeline import ThemeResults
    from ..project import Project

__all__ = ["inside_zone_cells"]


def inside_zone_cells(
    project: Project,
    zone_ids: Sequence[str] | Candidate,
    themes: ThemeResults,
    *,
    suppress: bool = True,
) -> gpd.GeoDataFrame:
    """The 250 m population cells of the candidate zones with their access figures.

    Columns: ``ssbid`` (when the layer has it), ``zone_id``, ``population``,
    ``green_distance_m`` and ``green_covered`` (from ``themes.green.per_cell``),
    ``time_to_centre_min``, ``dist_to_stop_m`` and ``departures_per_hour_500m`` (from
    ``themes.transit.cells``; missing columns are NaN when that theme was not computed), and
    ``suppressed``: True for a cell with 1 to :data:`privacy.DEFAULT_THRESHOLD` - 1 residents
    (:func:`privacy.small_mask`). With ``suppress`` (the default, for
    export and web maps) their population is NaN; inside the app a planner may pass False to see
    it, still flagged.

    Raises
    ------
    DataError
        No population layer, or zone ids not in the project.

    Examples
    --------
    >>> cells = inside_zone_cells(project, ["0405", "0406"], themes)  # doctest: +SKIP
    >>> cells.groupby("green_covered")["population"].sum()  # doctest: +SKIP
    """
    ids = list(zone_ids.zone_ids if isinstance(zone_ids, Candidate)
               else ([zone_ids] if isinstance(zone_ids, str) else zone_ids))
    pop = project.layer("population")
    if pop is None:
        raise DataError("the project has no population layer", layer="population")
    zones = project.zones
    check_ids(zones, ids, "the candidate")
    if "zone_id" in pop.columns:
        zid = pop["zone_id"].astype(str)
    else:  # cells without zone ids: the zone holding the centroid, as the zone table does
        pts = gpd.GeoDataFrame(geometry=pop.geometry.centroid.values, crs=pop.crs, index=pop.index)
        zz = gpd.GeoDataFrame({"_zone": zones.index.astype(str)}, geometry=zones.geometry.values,
                              crs=zones.crs)
        j = gpd.sjoin(pts, zz, predicate="within", how="left")
        zid = j["_zone"].groupby(level=0).first().reindex(pop.index).fillna("").astype(str)
    sel = zid.isin([str(i) for i in ids]).to_numpy()
    keep = [c for c in ("ssbid",) if c in pop.columns]
    out = gpd.GeoDataFrame(pop.loc[sel, keep].copy(), geometry=pop.geometry[sel].values,
                           crs=pop.crs, index=pop.index[sel])
    out.insert(len(keep), "zone_id", zid[sel].to_numpy())
    out.insert(len(keep) + 1, "population", pd.to_numeric(pop.loc[sel, "population"]).astype(float))
    green = getattr(themes, "green", None)
    per_cell = getattr(green, "per_cell", None)
    for col in ("green_distance_m", "green_covered"):
        if per_cell is not None and col in per_cell.columns:
            out[col] = per_cell[col].reindex(out.index)
        else:
            out[col] = np.nan
    transit = getattr(themes, "transit", None)
    tcells = getattr(transit, "cells", None)
    for col in ("time_to_centre_min", "dist_to_stop_m", "departures_per_hour_500m"):
        if tcells is not None and col in tcells.columns:
            out[col] = tcells[col].reindex(out.index)
        else:
            out[col] = np.nan
    small = small_mask(out["population"].to_numpy())
    out["suppressed"] = small
    if suppress:
        out.loc[small, "population"] = np.nan
    cols = [c for c in out.columns if c != out.geometry.name] + [out.geometry.name]
    return out[cols]
