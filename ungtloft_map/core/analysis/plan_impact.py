"""Operations of a plan assessment: the pieces :func:`ungtloft_map.core.workflows.plan.assess_plan`
puts together, each on frames and geometries (never a project).

:func:`reaggregate_counts`
    Levekår of an area made of parts of zones, from apportioned counts and denominators.
:func:`removed_green_area`
    The green area a plan removes (its non-green land-use polygons over the green areas).
:func:`plan_cells` / :func:`touched_zones`
    The population cells with their zone, and the zones a plan and its buffer touch.
:func:`green_impact` / :func:`housing_at`
    Green coverage of the buffer's residents before and after the plan; municipal housing around
    the plan and in its zone after it.
:func:`position_among` / :func:`in_worst`
    Where a value would rank among the zones, and whether that is among the worst fifth.

Examples
--------
>>> position_among(30.0, pd.Series([10.0, 20.0, 40.0]), "high_is_bad")
(2, 3)
>>> in_worst(1, 10), in_worst(3, 10)
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from ..crs import require_projected
from ..errors import DataError
from ..io.plans import PlanLayer
from ..text import format_number, format_percent
from .privacy import is_small

__all__ = [
    "GREEN_CODES",
    "MIN_TOUCH_M2",
    "WORST_SHARE",
    "GreenImpact",
    "HousingAtPlan",
    "as_geometry",
    "green_impact",
    "housing_at",
    "in_worst",
    "plan_cells",
    "position_among",
    "reaggregate_counts",
    "removed_green_area",
    "touched_zones",
]

#: SOSI RPAREALFORMÅL codes of green structure (grønnstruktur, 3000–3999).
GREEN_CODES = range(3000, 4000)
#: "Among the worst" = the worst fifth of the zones.
WORST_SHARE = 0.2
#: Zones are "touched" when at least this many m² of them lie in the buffer (slivers ignored).
MIN_TOUCH_M2 = 1.0


@dataclass
class GreenImpact:
    """Green coverage of the buffer's residents before and after the plan.

    Attributes
    ----------
    definition
        Label of the green definition used (e.g. "SSB rekreasjonsareal").
    min_area_m2, max_distance_m
        Its size and distance rules.
    removed_m2
        Green area the plan removes (m²).
    residents
        Residents in the buffer (apportioned).
    covered_before, covered_after
        Share (0–1) of those residents with qualifying green within reach.
    lost_residents
        Residents covered before and not after.
    public_m2_per_resident_before, public_m2_per_resident_after
        Public green (forest excluded) inside the buffer per buffer resident.
    municipal_share
        The municipality's covered share (0–1), for comparison.
    removed
        The removed green area as a geometry (may be empty).
    """

    definition: str
    min_area_m2: float
    max_distance_m: float
    removed_m2: float
    residents: float
    covered_before: float
    covered_after: float
    lost_residents: float
    public_m2_per_resident_before: float
    public_m2_per_resident_after: float
    municipal_share: float
    removed: BaseGeometry = field(repr=False, default=None)

    def __repr__(self) -> str:
        return (f"GreenImpact({self.definition}: {self.removed_m2:,.0f} m² removed; covered "
                f"{format_percent(self.covered_before * 100, 1, 'en')} -> "
                f"{format_percent(self.covered_after * 100, 1, 'en')} of {self.residents:,.0f} "
                f"residents; municipal {format_percent(self.municipal_share * 100, 1, 'en')})")


@dataclass
class HousingAtPlan:
    """Municipal housing around the plan and in its zone after the plan.

    Attributes
    ----------
    around
        One row per radius (500, 1000): ``municipal_units``, ``population``,
        ``municipal_per_1000``, ``ratio_to_average``.
    average_per_1000
        The municipal average of units per 1,000 residents.
    what_if
        :class:`~.housing.WhatIf` for the plan zone (None without dwellings data).
    add_municipal, add_other
        Units the plan adds; ``units_source`` says where they came from.
    zone_municipal_units
        Municipal units in the plan zone before the plan (for suppression of its share).
    """

    around: pd.DataFrame
    average_per_1000: float
    what_if: object | None
    add_municipal: int
    add_other: int
    units_source: str
    zone_municipal_units: float = float("nan")

    def __repr__(self) -> str:
        r = ", ".join(f"{int(k)} m: {format_number(v, 2, 'en')}×"
                      for k, v in self.around["ratio_to_average"].items())
        return (f"HousingAtPlan(+{self.add_municipal} municipal, +{self.add_other} other "
                f"({self.units_source}); ratio to the municipal average {r}; {self.what_if!r})")


def reaggregate_counts(zt, weights: pd.Series, *, catalogue=None) -> pd.DataFrame:
    """Levekår of an area made of parts of zones: apportioned counts, recomputed rates, rank.

    For each rate column of the zone table with a count and a denominator column:
    ``count = Σ w_z × count_z``, ``denom = Σ w_z × denom_z``, ``rate = count / denom × 100``.
    The rate is then placed among the zone rates: ``rank`` = 1 + the number of zones that are
    worse (direction-aware), of ``n_zones`` zones with a value.

    Parameters
    ----------
    zt
        A :class:`~ungtloft_map.core.zonetable.ZoneTable`.
    weights
        Per zone, the share (0–1) of the zone's residents inside the area.
    catalogue
        Optional :class:`~ungtloft_map.core.catalogue.Catalogue` for the Marmot letters.

    Examples
    --------
    Two zones, half of A and all of B: counts 10 and 30, denominators 100 and 100 give
    (5 + 30) / (50 + 100) = 23.3 %, not the average of 10 % and 30 %:

    >>> from ungtloft_map.core.zonetable import ZoneTable, ColumnInfo
    >>> gdf = gpd.GeoDataFrame({"x_count": [10, 30], "x_denom": [100, 100], "x": [10.0, 30.0]},
    ...                        index=pd.Index(["A", "B"], name="zone_id"), geometry=[None, None])
    >>> zt = ZoneTable(gdf, {"x": ColumnInfo("x", "X", "X", "%", direction="high_is_bad",
    ...                count_col="x_count", denom_col="x_denom")}, year=2024, fictional=True)
    >>> r = reaggregate_counts(zt, pd.Series({"A": 0.5, "B": 1.0}))
    >>> round(float(r.loc["x", "rate"]), 2), int(r.loc["x", "rank"])
    (23.33, 2)
    """
    w = weights.reindex(zt.gdf.index).fillna(0.0).astype(float)
    rows = []
    for col, info in zt.info.items():
        if info.kind != "rate" or not info.count_col or not info.denom_col:
            continue
        if info.count_col not in zt.gdf or info.denom_col not in zt.gdf or col not in zt.gdf:
            continue
        c = zt.gdf[info.count_col].astype(float)
        d = zt.gdf[info.denom_col].astype(float)
        ok = c.notna() & d.notna()
        count = float((c[ok] * w[ok]).sum())
        denom = float((d[ok] * w[ok]).sum())
        rate = count / denom * 100.0 if denom > 0 else np.nan
        rank, n = position_among(rate, zt.gdf[col].astype(float), info.direction)
        marmot = ()
        if catalogue is not None and col in catalogue:
            marmot = tuple(catalogue[col].marmot)
        try:
            municipal = float(zt.municipal_value(col))
        except (KeyError, ZeroDivisionError):
            municipal = np.nan
        rows.append({
            "key": col, "label_nb": info.label_nb, "label_en": info.label_en or info.label_nb,
            "unit": info.unit, "direction": info.direction, "theme": info.theme,
            "count": count, "denom": denom, "rate": rate, "municipal": municipal,
            "rank": rank, "n_zones": n, "worst": in_worst(rank, n),
            "suppressed": is_small(count) or is_small(denom), "marmot": marmot,
        })
    cols = ["label_nb", "label_en", "unit", "direction", "theme", "count", "denom", "rate",
            "municipal", "rank", "n_zones", "worst", "suppressed", "marmot"]
    if not rows:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="key"))
    return pd.DataFrame(rows).set_index("key")[cols]


def removed_green_area(plan: PlanLayer, green: gpd.GeoDataFrame) -> BaseGeometry:
    """Green area the plan removes: plan polygons with a land-use code outside green structure
    (SOSI ``RPAREALFORMÅL`` 3000–3999) intersected with the existing green areas.

    The plan boundary polygon (``RpOmråde``) and polygons without a code remove nothing; a
    green-structure polygon keeps the green under it.

    Examples
    --------
    >>> removed = removed_green_area(read_plan("plan_b_park.sos"), green_areas)  # doctest: +SKIP
    >>> removed.area  # doctest: +SKIP
    24000.0
    """
    require_projected(green, what="the green areas layer", layer="green_areas")
    f = plan.features
    codes = pd.to_numeric(f["arealformal"], errors="coerce") if "arealformal" in f else pd.Series(np.nan, index=f.index)
    is_green = codes.between(GREEN_CODES.start, GREEN_CODES.stop - 1)
    is_boundary = f["objtype"].astype("string").eq("RpOmråde").fillna(False) if "objtype" in f else False
    building = f[codes.notna() & ~is_green & ~is_boundary]
    if building.empty or green.empty:
        return shapely.Polygon()
    area = shapely.union_all(shapely.make_valid(building.geometry.to_numpy()))
    g = green.geometry.to_numpy()
    g = g[~(shapely.is_missing(g) | shapely.is_empty(g))]
    hit = shapely.STRtree(g).query(area, predicate="intersects")
    if len(hit) == 0:
        return shapely.Polygon()
    green_union = shapely.union_all(shapely.make_valid(g[hit]))
    return _polygonal(shapely.intersection(area, green_union))


# --------------------------------------------------------------------------------------------
# helpers: geometry and residents


def as_geometry(obj) -> BaseGeometry:
    if isinstance(obj, BaseGeometry):
        return _polygonal(obj)
    if isinstance(obj, gpd.GeoSeries):
        obj = gpd.GeoDataFrame(geometry=obj)
    if isinstance(obj, gpd.GeoDataFrame):
        require_projected(obj, what="the removed green area", layer="removed_green")
        geoms = obj.geometry.to_numpy()
        geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
        return _polygonal(shapely.union_all(shapely.make_valid(geoms))) if len(geoms) else shapely.Polygon()
    raise DataError("removed_green must be a shapely geometry, a GeoSeries or a GeoDataFrame",
                    field="removed_green")


def _polygonal(g: BaseGeometry) -> BaseGeometry:
    """The areal part of a geometry (intersections can add stray lines and points)."""
    if g is None or g.is_empty:
        return shapely.Polygon()
    parts = [p for p in shapely.get_parts(g) if shapely.get_type_id(p) in (3, 6)]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def plan_cells(pop: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Population cells with ``zone_id`` (the cell's own, else the zone of its centroid)."""
    require_projected(pop, what="the population layer", layer="population")
    keep = ["population"] + [c for c in pop.columns if str(c).startswith("pop_")]
    out = gpd.GeoDataFrame(pop[keep].apply(pd.to_numeric, errors="coerce").fillna(0.0),
                           geometry=pop.geometry.to_numpy(), crs=pop.crs, index=pop.index)
    if "zone_id" in pop.columns:
        out["zone_id"] = pop["zone_id"].astype(str).to_numpy()
    else:
        pts = shapely.centroid(out.geometry.to_numpy())
        pi, zi = shapely.STRtree(zones.geometry.to_numpy()).query(pts, predicate="intersects")
        z = np.full(len(pts), None, dtype=object)
        first = np.unique(pi, return_index=True)[1]
        z[pi[first]] = zones.index.to_numpy()[zi[first]]
        out["zone_id"] = z
    return out


def touched_zones(zt, geom, buffer, cells, frac_buf, in_plan_area) -> pd.DataFrame:
    gdf = zt.gdf
    zg = gdf.geometry.to_numpy()
    buf_area = shapely.area(shapely.intersection(zg, buffer))
    res_by_zone = (pd.Series(cells["population"].to_numpy() * frac_buf, index=cells["zone_id"].to_numpy())
                   .groupby(level=0).sum())
    res = res_by_zone.reindex(gdf.index).fillna(0.0)
    touched = (buf_area > MIN_TOUCH_M2) | (res.to_numpy() > 0)
    zpop = (gdf["population"].astype(float) if "population" in gdf
            else cells.groupby("zone_id")["population"].sum().reindex(gdf.index).fillna(0.0))
    total_res = float(res.sum())
    out = pd.DataFrame(index=gdf.index[touched])
    out.index.name = "zone_id"
    for col in ("zone_name", "district_name"):
        out[col] = gdf.loc[touched, col].to_numpy() if col in gdf else ""
    out["in_plan"] = in_plan_area[touched] > MIN_TOUCH_M2
    out["plan_area_share"] = in_plan_area[touched] / geom.area
    out["buffer_area_share"] = buf_area[touched] / buffer.area
    out["residents_in_buffer"] = res.to_numpy()[touched]
    out["buffer_population_share"] = out["residents_in_buffer"] / total_res if total_res > 0 else np.nan
    zp = zpop.to_numpy()[touched]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["zone_population_share"] = np.where(zp > 0, out["residents_in_buffer"] / zp, 0.0)
    out["population"] = zp
    for col in ("composite_score", "composite_rank", "n_flags", "lisa_label", "gi_label"):
        out[col] = gdf.loc[touched, col].to_numpy() if col in gdf else np.nan
    return out.sort_values(["in_plan", "plan_area_share", "residents_in_buffer"],
                           ascending=[False, False, False])


# --------------------------------------------------------------------------------------------
# ranks


def position_among(value: float, zone_values: pd.Series, direction: str | None, *,
                   missing_is_worst: pd.Series | None = None) -> tuple[int | None, int]:
    """Where ``value`` would fall among the zones: 1 + zones worse than it, of N with a value.

    ``missing_is_worst`` marks zones whose missing value means "worse than any" (a travel time
    unreachable within 120 min); they count as worse and in N.
    """
    v = zone_values.dropna().to_numpy(dtype=float)
    extra = int(missing_is_worst.sum()) if missing_is_worst is not None else 0
    n = len(v) + extra
    if value is None or not np.isfinite(value) or n == 0:
        return None, n
    worse = (v < value).sum() if direction == "high_is_good" else (v > value).sum()
    return int(worse) + extra + 1, n


def in_worst(rank, n: int, share: float = WORST_SHARE) -> bool:
    """Rank (1 = worst) among the worst ``share`` of ``n`` zones."""
    if rank is None or (isinstance(rank, float) and not np.isfinite(rank)) or n <= 0:
        return False
    return (float(rank) - 1) < share * n


# --------------------------------------------------------------------------------------------
# themes


def green_impact(cells, frac_buf, buffer, green_layer, removed, green_result, warnings) -> GreenImpact:
    from .green import green_coverage

    defn = green_result.definition
    sel = frac_buf > 0
    sub = gpd.GeoDataFrame(
        {"zone_id": "buffer", "population": cells["population"].to_numpy()[sel] * frac_buf[sel]},
        geometry=cells.geometry.to_numpy()[sel], crs=cells.crs,
    )
    zone = gpd.GeoDataFrame({"zone_id": ["buffer"]}, geometry=[buffer], crs=cells.crs)
    green = green_layer[["kind", green_layer.geometry.name]] if "kind" in green_layer else green_layer[[green_layer.geometry.name]]
    before = green_coverage(sub, green, zone, defn)
    removed_m2 = float(removed.area) if removed is not None and not removed.is_empty else 0.0
    if removed_m2 > 0:
        cut = shapely.difference(green.geometry.to_numpy(), removed)
        keep = ~shapely.is_empty(cut)
        after_green = gpd.GeoDataFrame(green.drop(columns=green.geometry.name)[keep].reset_index(drop=True),
                                       geometry=cut[keep], crs=green.crs)
        after = green_coverage(sub, after_green, zone, defn)
    else:
        after = before
    warnings.extend(w for w in before.warnings if w not in warnings)
    pc_b, pc_a = before.per_cell, after.per_cell
    lost = float(pc_b["population"][pc_b["green_covered"].to_numpy() & ~pc_a["green_covered"].to_numpy()].sum())
    res = float(sub["population"].sum())
    pz_b, pz_a = before.per_zone.iloc[0], after.per_zone.iloc[0]
    return GreenImpact(
        definition=defn.label, min_area_m2=defn.min_area_m2, max_distance_m=defn.max_distance_m,
        removed_m2=removed_m2, residents=res,
        covered_before=before.covered_share if res > 0 else np.nan,
        covered_after=after.covered_share if res > 0 else np.nan,
        lost_residents=lost,
        public_m2_per_resident_before=float(pz_b["green_m2_per_resident"]),
        public_m2_per_resident_after=float(pz_a["green_m2_per_resident"]),
        municipal_share=float(green_result.covered_share), removed=removed,
    )


def housing_at(hres, municipal, population, geom, primary, add_m, add_o, source) -> HousingAtPlan:
    from .housing import STANDARD_RADII_M, concentration_around, what_if

    rows = {}
    for r in STANDARD_RADII_M:
        c = concentration_around(geom, municipal, population, r, reference=hres)
        rows[r] = c.per_site.iloc[0][["municipal_units", "population", "municipal_per_1000", "ratio_to_average"]]
    around = pd.DataFrame(rows).T
    around.index.name = "radius_m"
    w = what_if(hres, primary, add_m, add_o) if primary in hres.per_zone.index else None
    zm = float(hres.per_zone.at[primary, "municipal_units"]) if primary in hres.per_zone.index else np.nan
    return HousingAtPlan(around=around, average_per_1000=float(hres.totals["municipal_per_1000"]),
                         what_if=w, add_municipal=add_m, add_other=add_o, units_source=source,
                         zone_municipal_units=zm)
