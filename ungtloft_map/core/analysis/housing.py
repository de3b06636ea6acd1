"""Municipal housing density: share, per resident, per km², around a site, and what-if.

Definitions (``shared/design/INDICATORS.md``, *Municipal housing density*):

- ``municipal_share``: municipal dwellings ÷ all dwellings × 100 (%), as Oslo Bydelsfakta.
  A zone with no dwellings gets NaN (with a warning), never 0.
- ``municipal_per_1000``: municipal dwellings per 1,000 residents.
- ``municipal_per_km2``: municipal dwellings per km² of the zone's *land area* (the zone polygon;
  zones are assumed to be land only, as the demo's are). When a ``built_up`` layer is given, the
  area is the built-up area inside the zone instead, which is the fairer basis for zones with
  much forest or farmland.
- Municipal averages always sum counts first, then divide (never an average of zone rates).

Rules for points:

- A housing point belongs to the zone it lies in; a point on the shared edge of two zones goes
  to the first of them (zone-table order), so it is never counted twice.
- Points outside every zone (outside the municipality, or mis-geocoded) are **dropped** and
  reported in a :class:`~ungtloft_map.core.errors.DataWarning` with their number and units.

Municipal housing is sensitive: :func:`aggregate_for_export` is the only way housing may leave
the app (web maps, exports) -- aggregated to zones or grid cells with at least ``min_units``
units, never address points.

Examples
--------
On the fictional demo:

>>> from ungtloft_map.core.project import Project
>>> p = Project.demo()
>>> zones = p.zones.reset_index(drop=True)[["zone_id", "geometry"]]
>>> res = housing_density(p.layer("municipal_housing"), p.layer("dwellings"),
...                       p.population_cells(), zones)
>>> res  # doctest: +NORMALIZE_WHITESPACE
HousingDensityResult(50 zones; 3,434 municipal of 96,294 dwellings = 3.6 %, 17.0 per 1,000 residents, 15.8 per km² of zone land area; 0 warnings)
>>> res.per_zone.loc["0101", ["municipal_units", "dwellings"]].tolist()
[114.0, 3560.0]
>>> what_if(res, "0101", add_municipal=40, add_other=60)  # doctest: +NORMALIZE_WHITESPACE
WhatIf(zone 0101: +40 municipal, +60 other; municipal share 3.2 % -> 4.2 % (+1.0 points); municipal average 3.57 % -> 3.60 %; rank 15 -> 5 of 50)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from ..crs import require_projected
from ..errors import DataError, DataWarning
from ..text import format_number, format_percent
from .privacy import suppress, threshold_or_default

#: The radii (metres) the plan assessment uses around a site.
STANDARD_RADII_M = (500.0, 1000.0)


@dataclass
class HousingDensityResult:
    """Municipal housing per zone.

    Attributes
    ----------
    per_zone
        Index ``zone_id``; columns ``zone_name`` (when the zones have it), ``municipal_units``,
        ``dwellings``, ``population``, ``area_km2``, ``municipal_share`` (%),
        ``municipal_per_1000``, ``municipal_per_km2``.
    totals
        The same measures for the whole municipality (counts summed, then divided).
    area_basis
        ``"zone land area"`` or ``"built-up area"``: what ``area_km2`` measures.
    warnings
        Points dropped, zones without dwellings or residents, more municipal units than dwellings.
    """

    per_zone: pd.DataFrame
    totals: pd.Series
    area_basis: str = "zone land area"
    warnings: list[DataWarning] = field(default_factory=list)

    def __repr__(self) -> str:
        t = self.totals
        return (
            f"HousingDensityResult({len(self.per_zone)} zones; {t['municipal_units']:,.0f} municipal "
            f"of {t['dwellings']:,.0f} dwellings = {_pct(t['municipal_share'])}, "
            f"{_num(t['municipal_per_1000'])} per 1,000 residents, "
            f"{_num(t['municipal_per_km2'])} per km² of {self.area_basis}; "
            f"{len(self.warnings)} warnings)"
        )


@dataclass
class ConcentrationResult:
    """Municipal housing around one or more sites, compared with the municipal average.

    Attributes
    ----------
    per_site
        One row per site (index as the input's): ``radius_m``, ``municipal_units``,
        ``population`` (residents within the radius, area-apportioned from grid cells),
        ``municipal_per_1000`` and ``ratio_to_average`` (1.0 = the municipal average; NaN when
        nobody lives within the radius).
    average_per_1000
        The municipal average: units per 1,000 residents (see ``reference``).
    radius_m
        The radius used.
    """

    per_site: pd.DataFrame
    average_per_1000: float
    radius_m: float
    warnings: list[DataWarning] = field(default_factory=list)

    def __repr__(self) -> str:
        ratios = self.per_site["ratio_to_average"]
        rtxt = ", ".join(_num(r, 2) for r in ratios.head(5))
        more = ", ..." if len(ratios) > 5 else ""
        return (
            f"ConcentrationResult({len(self.per_site)} site(s) within {self.radius_m:g} m; "
            f"ratio to the municipal average ({_num(self.average_per_1000)} per 1,000): "
            f"{rtxt}{more})"
        )


@dataclass(frozen=True)
class WhatIf:
    """A zone's municipal share before and after a plan adds dwellings."""

    zone_id: object
    add_municipal: int
    add_other: int
    municipal_before: float
    dwellings_before: float
    share_before: float
    share_after: float
    average_before: float
    average_after: float
    rank_before: int | None
    rank_after: int | None
    n_zones: int

    @property
    def municipal_after(self) -> float:
        return self.municipal_before + self.add_municipal

    @property
    def dwellings_after(self) -> float:
        return self.dwellings_before + self.add_municipal + self.add_other

    @property
    def change_points(self) -> float:
        """Change of the zone's share in percentage points."""
        return self.share_after - self.share_before

    def __repr__(self) -> str:
        rank = ""
        if self.rank_before is not None and self.rank_after is not None:
            rank = f"; rank {self.rank_before} -> {self.rank_after} of {self.n_zones}"
        return (
            f"WhatIf(zone {self.zone_id}: +{self.add_municipal} municipal, +{self.add_other} other; "
            f"municipal share {_pct(self.share_before)} -> {_pct(self.share_after)} "
            f"({self.change_points:+.1f} points); municipal average {_pct(self.average_before, 2)} "
            f"-> {_pct(self.average_after, 2)}{rank})"
        )


# --------------------------------------------------------------------------------------------
# public functions


def housing_density(
    municipal: gpd.GeoDataFrame,
    dwellings: gpd.GeoDataFrame | pd.DataFrame,
    population: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    *,
    built_up: gpd.GeoDataFrame | None = None,
) -> HousingDensityResult:
    """Municipal dwellings per zone: share of all dwellings, per 1,000 residents, per km².

    Parameters
    ----------
    municipal
        Municipal housing points with ``units`` (dwellings at the address).
    dwellings
        All dwellings: points with ``dwellings``, or a plain table with ``zone_id`` and
        ``dwellings`` (already per zone).
    population
        Population cells/points with ``population`` (and ``zone_id``; without it a cell belongs to
        the zone containing its centroid).
    zones
        Zones with ``zone_id`` (and optionally ``zone_name``).
    built_up
        Optional built-up area polygons; when given, ``municipal_per_km2`` uses the built-up area
        inside each zone instead of the zone's land area.

    Returns
    -------
    HousingDensityResult

    Raises
    ------
    DataError
        A layer not in EPSG:25832; a missing, non-numeric or negative ``units``, ``dwellings``
        or ``population``; zones without ``zone_id`` or with duplicates.

    Examples
    --------
    >>> from ungtloft_map.core.project import Project
    >>> p = Project.demo()
    >>> zones = p.zones.reset_index(drop=True)[["zone_id", "geometry"]]
    >>> res = housing_density(p.layer("municipal_housing"), p.layer("dwellings"),
    ...                       p.population_cells(), zones)
    >>> top = res.per_zone.sort_values("municipal_share", ascending=False)
    >>> top.index[:3].tolist(), top["municipal_share"].head(3).round(1).tolist()
    (['0203', '0206', '0202'], [18.0, 14.0, 12.0])
    """
    require_projected(municipal, what="the municipal housing layer", layer="municipal_housing")
    if isinstance(dwellings, gpd.GeoDataFrame):
        require_projected(dwellings, what="the dwellings layer", layer="dwellings")
    require_projected(population, what="the population layer", layer="population")
    require_projected(zones, what="the zones layer", layer="zones")
    if built_up is not None:
        require_projected(built_up, what="the built-up area layer", layer="built_up")
    warnings: list[DataWarning] = []
    zones_ = _check_zones(zones)
    zid = zones_["zone_id"]

    units = _counts(municipal, "units", "municipal_housing")
    m_zone = _zone_of_points(municipal, zones_, "municipal_housing", units, warnings)
    mun = _sum_by_zone(m_zone, units, zid)

    if isinstance(dwellings, gpd.GeoDataFrame):
        dw = _counts(dwellings, "dwellings", "dwellings")
        d_zone = _zone_of_points(dwellings, zones_, "dwellings", dw, warnings)
    else:
        if "zone_id" not in dwellings.columns:
            raise DataError("a dwellings table without geometry needs a zone id", layer="dwellings",
                            field="zone_id")
        dw = _counts(dwellings, "dwellings", "dwellings")
        d_zone = dwellings["zone_id"].to_numpy(dtype=object)
        unknown = ~pd.Series(d_zone).isin(zid).to_numpy()
        if unknown.any():
            warnings.append(DataWarning(
                f"{int(unknown.sum())} dwellings row(s) ({dw[unknown].sum():,.0f} dwellings) have a "
                "zone id that is not among the zones; dropped", layer="dwellings", field="zone_id",
            ))
            d_zone = np.where(unknown, None, d_zone)
    dwell = _sum_by_zone(d_zone, dw, zid)

    pop_v = _counts(population, "population", "population")
    if "zone_id" in population.columns:
        p_zone = population["zone_id"].to_numpy(dtype=object)
    else:
        p_zone = _locate(_centroids(population.geometry.to_numpy()), zones_)
    pop = _sum_by_zone(p_zone, pop_v, zid)

    zgeoms = zones_.geometry.to_numpy()
    if built_up is None:
        area_km2 = shapely.area(zgeoms) / 1e6
        basis = "zone land area"
    else:
        area_km2 = _area_in_zones(zgeoms, built_up.geometry.to_numpy()) / 1e6
        basis = "built-up area"

    per_zone = pd.DataFrame(
        {
            "municipal_units": mun,
            "dwellings": dwell,
            "population": pop,
            "area_km2": area_km2,
        },
        index=pd.Index(zid.to_numpy(), name="zone_id"),
    )
    _add_rates(per_zone)
    _warn_zero(per_zone, warnings, basis)
    if "zone_name" in zones_.columns:
        per_zone.insert(0, "zone_name", zones_["zone_name"].to_numpy())

    totals = per_zone[["municipal_units", "dwellings", "population", "area_km2"]].sum()
    totals = _add_rates(totals.to_frame().T).iloc[0]
    totals.name = "total"
    return HousingDensityResult(per_zone, totals, basis, warnings)


def concentration_around(
    points_or_geom,
    municipal: gpd.GeoDataFrame,
    population: gpd.GeoDataFrame,
    radius_m: float = 500.0,
    *,
    reference: HousingDensityResult | float | None = None,
) -> ConcentrationResult:
    """Municipal units per 1,000 residents within ``radius_m`` of a site vs the municipal average.

    Parameters
    ----------
    points_or_geom
        A shapely geometry (point or plan polygon, in EPSG:25832), a GeoSeries or a
        GeoDataFrame of sites; a polygon's radius is measured from its edge.
    municipal
        Municipal housing points with ``units``.
    population
        Population cells (apportioned by the share of each cell's area inside the radius, as
        EJScreen does) or points (counted when inside) with ``population``.
    radius_m
        Radius in metres; the plan assessment uses 500 and 1,000 (:data:`STANDARD_RADII_M`).
    reference
        The municipal average to compare with: a :class:`HousingDensityResult` (its
        ``totals["municipal_per_1000"]``, which leaves out points outside the municipality) or a
        number of units per 1,000 residents. Default: all units ÷ all residents in the layers.

    Returns
    -------
    ConcentrationResult
        ``ratio_to_average`` above 1 means more municipal housing per resident than the
        municipality as a whole.

    Examples
    --------
    Around the middle of the demo zone with the highest municipal share (0203):

    >>> from shapely.geometry import Point
    >>> from ungtloft_map.core.project import Project
    >>> p = Project.demo()
    >>> res = concentration_around(Point(559_100, 7_024_600), p.layer("municipal_housing"),
    ...                            p.population_cells(), 1000)
    >>> round(float(res.per_site["ratio_to_average"].iloc[0]), 1)
    3.3
    """
    if not (isinstance(radius_m, (int, float, np.number)) and math.isfinite(radius_m) and radius_m > 0):
        raise DataError(f"the radius must be a positive number of metres, not {radius_m!r}",
                        field="radius_m")
    sites = _sites(points_or_geom)
    require_projected(municipal, what="the municipal housing layer", layer="municipal_housing")
    require_projected(population, what="the population layer", layer="population")
    warnings: list[DataWarning] = []
    units = _counts(municipal, "units", "municipal_housing")
    pop = _counts(population, "population", "population")

    site_geoms = sites.geometry.to_numpy()
    n = len(site_geoms)
    # Points by exact distance (a buffer polygon is only an approximation of the circle).
    si, mi = shapely.STRtree(municipal.geometry.to_numpy()).query(
        site_geoms, predicate="dwithin", distance=radius_m)
    units_in = np.bincount(si, weights=units[mi], minlength=n)
    buffers = shapely.buffer(site_geoms, radius_m, quad_segs=32)

    pgeoms = population.geometry.to_numpy()
    ptree = shapely.STRtree(pgeoms)
    if len(pgeoms) and (shapely.get_type_id(pgeoms) == 0).all():
        si, pi = ptree.query(site_geoms, predicate="dwithin", distance=radius_m)
        frac = np.ones(len(pi))
    else:
        si, pi = ptree.query(buffers, predicate="intersects")
        cell_area = shapely.area(pgeoms[pi])
        with np.errstate(divide="ignore", invalid="ignore"):
            frac = np.where(
                cell_area > 0,
                shapely.area(shapely.intersection(buffers[si], pgeoms[pi])) / cell_area,
                1.0,  # points (and degenerate cells) count whole when inside
            )
    pop_in = np.bincount(si, weights=pop[pi] * frac, minlength=n)

    if isinstance(reference, HousingDensityResult):
        average = float(reference.totals["municipal_per_1000"])
    elif reference is not None:
        average = float(reference)
    else:
        total_pop = pop.sum()
        average = units.sum() / total_pop * 1000 if total_pop > 0 else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        per_1000 = np.where(pop_in > 0, units_in / pop_in * 1000, np.nan)
        ratio = per_1000 / average if average > 0 else np.full(n, np.nan)
    empty = pop_in <= 0
    if empty.any():
        warnings.append(DataWarning(
            f"{int(empty.sum())} site(s) have no residents within {radius_m:g} m: their rate is "
            "missing, not 0", layer="population",
        ))
    if not (average > 0):
        warnings.append(DataWarning("the municipal average is 0 or unknown: no ratio can be given",
                                    layer="municipal_housing"))
    per_site = pd.DataFrame(
        {
            "radius_m": float(radius_m),
            "municipal_units": units_in,
            "population": pop_in,
            "municipal_per_1000": per_1000,
            "ratio_to_average": ratio,
        },
        index=sites.index,
    )
    return ConcentrationResult(per_site, float(average), float(radius_m), warnings)


def what_if(
    result: HousingDensityResult, zone_id, add_municipal: int = 0, add_other: int = 0
) -> WhatIf:
    """The zone's municipal share (and the municipal average) after a plan adds dwellings.

    Parameters
    ----------
    result
        From :func:`housing_density`.
    zone_id
        The zone the plan is in.
    add_municipal, add_other
        New municipal and other dwellings (>= 0).

    Returns
    -------
    WhatIf
        Shares in %; ranks are 1 for the zone with the highest share (zones without dwellings
        are not ranked).

    Examples
    --------
    >>> from ungtloft_map.core.project import Project
    >>> p = Project.demo()
    >>> zones = p.zones.reset_index(drop=True)[["zone_id", "geometry"]]
    >>> res = housing_density(p.layer("municipal_housing"), p.layer("dwellings"),
    ...                       p.population_cells(), zones)
    >>> w = what_if(res, "0101", add_municipal=40, add_other=60)
    >>> round(w.share_before, 1), round(w.share_after, 1)
    (3.2, 4.2)
    """
    pz = result.per_zone
    if zone_id not in pz.index:
        raise DataError(f"zone {zone_id!r} is not in the result", field="zone_id")
    for name, value in (("add_municipal", add_municipal), ("add_other", add_other)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 0:
            raise DataError(f"{name} must be a whole number >= 0, not {value!r}", field=name)
    m0 = float(pz.at[zone_id, "municipal_units"])
    d0 = float(pz.at[zone_id, "dwellings"])
    m1, d1 = m0 + add_municipal, d0 + add_municipal + add_other
    tm, td = float(result.totals["municipal_units"]), float(result.totals["dwellings"])

    shares = pz["municipal_share"].copy()
    before_rank = _rank(shares, zone_id)
    shares.loc[zone_id] = _share(m1, d1)
    after_rank = _rank(shares, zone_id)
    return WhatIf(
        zone_id=zone_id,
        add_municipal=int(add_municipal),
        add_other=int(add_other),
        municipal_before=m0,
        dwellings_before=d0,
        share_before=_share(m0, d0),
        share_after=_share(m1, d1),
        average_before=_share(tm, td),
        average_after=_share(tm + add_municipal, td + add_municipal + add_other),
        rank_before=before_rank,
        rank_after=after_rank,
        n_zones=int(shares.notna().sum()),
    )


def aggregate_for_export(
    municipal: gpd.GeoDataFrame,
    grid_or_zones: gpd.GeoDataFrame | float,
    min_units: int | None = None,
) -> gpd.GeoDataFrame:
    """Municipal housing aggregated to polygons, keeping only those with >= ``min_units`` units.

    This is the one function every web map and export must use for municipal housing: it never
    returns address points or any attribute of them, only polygons and their unit totals.
    Polygons with 1 to ``min_units - 1`` units are withheld; when that leaves exactly one
    withheld, the smallest shown polygon is withheld too (secondary suppression, as
    :func:`~ungtloft_map.core.analysis.privacy.suppress`), so that the municipal total minus the
    shown polygons cannot reveal it. Polygons with 0 units are left out (nothing to show).

    Parameters
    ----------
    municipal
        Municipal housing points with ``units``.
    grid_or_zones
        Polygons to aggregate to (zones, or a grid), or a cell size in metres to build a square
        grid aligned to multiples of that size (SSB style, e.g. 250 or 500).
    min_units
        Polygons with fewer units (including 0) are left out; default the app's one
        small-number threshold (:data:`~ungtloft_map.core.analysis.privacy.DEFAULT_THRESHOLD`).

    Returns
    -------
    geopandas.GeoDataFrame
        ``zone_id`` (zones), the polygons' own id column (``ssbid``/``cell_id``/``id`` if
        present) or ``cell_id``; ``municipal_units``; geometry. ``attrs["warnings"]`` lists
        points dropped outside every polygon and ``attrs["n_withheld"]`` the number of polygons
        with units that were left out (small, or withheld to protect a small one).

    Examples
    --------
    >>> from ungtloft_map.core.project import Project
    >>> p = Project.demo()
    >>> web = aggregate_for_export(p.layer("municipal_housing"), p.zones.reset_index(drop=True))
    >>> len(web), int(web["municipal_units"].min()), web.attrs["n_withheld"]
    (43, 5, 7)
    >>> grid = aggregate_for_export(p.layer("municipal_housing"), 500)  # a 500 m grid
    >>> grid.columns.tolist()
    ['cell_id', 'municipal_units', 'geometry']
    """
    require_projected(municipal, what="the municipal housing layer", layer="municipal_housing")
    if min_units is None:
        min_units = threshold_or_default()
    if isinstance(min_units, bool) or not isinstance(min_units, (int, np.integer)) or min_units < 1:
        raise DataError(f"min_units must be a whole number >= 1, not {min_units!r}", field="min_units")
    units = _counts(municipal, "units", "municipal_housing")
    if isinstance(grid_or_zones, gpd.GeoDataFrame):
        require_projected(grid_or_zones, what="the aggregation layer", layer="zones")
        id_col = next((c for c in ("zone_id", "ssbid", "cell_id", "id") if c in grid_or_zones.columns),
                      None)
        polys = gpd.GeoDataFrame(
            {(id_col or "cell_id"): (grid_or_zones[id_col].to_numpy() if id_col
                                     else np.arange(len(grid_or_zones)))},
            geometry=grid_or_zones.geometry.to_numpy(), crs=grid_or_zones.crs,
        )
    else:
        polys = _square_grid(municipal, float(grid_or_zones))
    id_col = polys.columns[0]
    warnings: list[DataWarning] = []
    where = _locate(municipal.geometry.to_numpy(), polys.assign(zone_id=np.arange(len(polys))))
    inside = pd.notna(where)
    if (~inside).any():
        warnings.append(DataWarning(
            f"{int((~inside).sum())} municipal housing point(s) ({units[~inside].sum():,.0f} units) "
            "lie outside every polygon and were dropped", layer="municipal_housing",
        ))
    totals = np.bincount(where[inside].astype(int), weights=units[inside], minlength=len(polys))
    polys["municipal_units"] = totals.astype(np.int64) if np.all(totals == np.round(totals)) else totals
    # The small-number rules of privacy.suppress: 1..min_units-1 withheld, and when only one
    # polygon is withheld the next smallest goes too, so that a published municipal total minus
    # the shown polygons cannot reveal it.
    hidden = suppress(pd.DataFrame({"municipal_units": totals}), {"municipal_units": []},
                      threshold=int(min_units)).suppressed["municipal_units"].to_numpy()
    keep = (totals >= min_units) & ~hidden
    out = polys[keep].reset_index(drop=True)[[id_col, "municipal_units", "geometry"]]
    out.attrs["warnings"] = warnings
    out.attrs["n_withheld"] = int(((totals > 0) & ~keep).sum())
    out.attrs["min_units"] = int(min_units)
    return out


# --------------------------------------------------------------------------------------------
# helpers


def _pct(x: float, digits: int = 1) -> str:
    # Developer-facing repr text: core.text's English number, a plain space before "%".
    return format_percent(x, digits, "en").replace("\u00a0", " ")


def _num(x: float, digits: int = 1) -> str:
    return format_number(x, digits, "en")


def _share(municipal: float, dwellings: float) -> float:
    return municipal / dwellings * 100 if dwellings > 0 else float("nan")


def _rank(shares: pd.Series, zone_id) -> int | None:
    if pd.isna(shares.loc[zone_id]):
        return None
    return int((shares > shares.loc[zone_id]).sum()) + 1


def _check_zones(zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if "zone_id" not in zones.columns:
        raise DataError("the zones layer has no zone id field", layer="zones", field="zone_id")
    dup = zones["zone_id"].duplicated()
    if dup.any():
        raise DataError(f"zone id {zones['zone_id'][dup].iloc[0]!r} occurs more than once",
                        layer="zones", field="zone_id")
    cols = ["zone_id"] + (["zone_name"] if "zone_name" in zones.columns else [])
    return gpd.GeoDataFrame(zones[cols].reset_index(drop=True), geometry=zones.geometry.to_numpy(),
                            crs=zones.crs)


def _counts(df: pd.DataFrame, col: str, layer: str) -> np.ndarray:
    """A non-negative count column as floats; DataError naming the field and row otherwise."""
    if col not in df.columns:
        raise DataError(f"the {layer} layer has no {col} field", layer=layer, field=col)
    s = df[col]
    v = pd.to_numeric(s, errors="coerce")
    bad = v.isna().to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        what = "missing" if pd.isna(s.iloc[i]) else f"not a number ({s.iloc[i]!r})"
        raise DataError(f"{col} is {what}", layer=layer, field=col, row=i + 1)
    neg = (v < 0).to_numpy()
    if neg.any():
        i = int(np.flatnonzero(neg)[0])
        raise DataError(f"{col} is negative ({v.iloc[i]:g})", layer=layer, field=col, row=i + 1)
    return v.to_numpy(dtype=float)


def _centroids(geoms: np.ndarray) -> np.ndarray:
    if len(geoms) and (shapely.get_type_id(geoms) == 0).all():
        return geoms
    return shapely.centroid(geoms)


def _locate(points: np.ndarray, zones: gpd.GeoDataFrame) -> np.ndarray:
    """``zone_id`` of the zone each point is in (the first one on a shared edge); None outside."""
    out = np.full(len(points), None, dtype=object)
    if len(points) == 0 or len(zones) == 0:
        return out
    pi, zi = shapely.STRtree(zones.geometry.to_numpy()).query(points, predicate="intersects")
    order = np.lexsort((zi, pi))  # per point, the first zone in table order
    pi, zi = pi[order], zi[order]
    first = np.unique(pi, return_index=True)[1]
    out[pi[first]] = zones["zone_id"].to_numpy()[zi[first]]
    return out


def _zone_of_points(
    points: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, layer: str, weights: np.ndarray,
    warnings: list[DataWarning],
) -> np.ndarray:
    geoms = points.geometry.to_numpy()
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    where = _locate(np.where(missing, None, geoms), zones)
    outside = pd.isna(where) & ~missing
    if outside.any():
        warnings.append(DataWarning(
            f"{int(outside.sum())} point(s) ({weights[outside].sum():,.0f} {'units' if layer == 'municipal_housing' else 'dwellings'}) "
            "lie outside every zone (outside the municipality) and were dropped", layer=layer,
        ))
    if missing.any():
        warnings.append(DataWarning(
            f"{int(missing.sum())} point(s) without geometry were dropped", layer=layer,
        ))
    return where


def _sum_by_zone(zone_of: np.ndarray, weights: np.ndarray, zone_ids: pd.Series) -> np.ndarray:
    s = pd.Series(weights).groupby(pd.Series(zone_of, dtype=object)).sum()
    return s.reindex(zone_ids.to_numpy(), fill_value=0.0).to_numpy(dtype=float)


def _add_rates(df: pd.DataFrame) -> pd.DataFrame:
    m = df["municipal_units"].to_numpy(dtype=float)
    d = df["dwellings"].to_numpy(dtype=float)
    p = df["population"].to_numpy(dtype=float)
    a = df["area_km2"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        df["municipal_share"] = np.where(d > 0, m / d * 100, np.nan)
        df["municipal_per_1000"] = np.where(p > 0, m / p * 1000, np.nan)
        df["municipal_per_km2"] = np.where(a > 0, m / a, np.nan)
    return df


def _warn_zero(per_zone: pd.DataFrame, warnings: list[DataWarning], basis: str) -> None:
    def ids(mask) -> str:
        z = per_zone.index[mask]
        return ", ".join(map(str, z[:10])) + (", ..." if len(z) > 10 else "")

    no_dw = (per_zone["dwellings"] <= 0).to_numpy()
    if no_dw.any():
        warnings.append(DataWarning(
            f"{int(no_dw.sum())} zone(s) have no dwellings ({ids(no_dw)}): their municipal share "
            "is missing, not 0", layer="dwellings", field="dwellings",
        ))
    no_pop = (per_zone["population"] <= 0).to_numpy()
    if no_pop.any():
        warnings.append(DataWarning(
            f"{int(no_pop.sum())} zone(s) have no residents ({ids(no_pop)}): municipal units per "
            "1,000 residents is missing, not 0", layer="population", field="population",
        ))
    no_area = (per_zone["area_km2"] <= 0).to_numpy()
    if no_area.any():
        warnings.append(DataWarning(
            f"{int(no_area.sum())} zone(s) have no {basis} ({ids(no_area)}): units per km² is "
            "missing", layer="zones",
        ))
    over = (per_zone["municipal_units"] > per_zone["dwellings"]).to_numpy() & ~no_dw
    if over.any():
        warnings.append(DataWarning(
            f"{int(over.sum())} zone(s) have more municipal units than dwellings ({ids(over)}): "
            "check that the two layers are from the same year", layer="dwellings",
            field="dwellings",
        ))


def _area_in_zones(zgeoms: np.ndarray, geoms: np.ndarray) -> np.ndarray:
    out = np.zeros(len(zgeoms))
    geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    if len(geoms) == 0 or len(zgeoms) == 0:
        return out
    # Overlapping built-up polygons must not be counted twice.
    merged = shapely.get_parts(shapely.union_all(shapely.make_valid(geoms)))
    zi, gi = shapely.STRtree(merged).query(zgeoms, predicate="intersects")
    np.add.at(out, zi, shapely.area(shapely.intersection(zgeoms[zi], merged[gi])))
    return out


def _sites(points_or_geom) -> gpd.GeoDataFrame:
    if isinstance(points_or_geom, BaseGeometry):
        # A bare shapely geometry has no CRS: it is taken to be in EPSG:25832.
        return gpd.GeoDataFrame(geometry=[points_or_geom], crs="EPSG:25832")
    if isinstance(points_or_geom, gpd.GeoSeries):
        points_or_geom = gpd.GeoDataFrame(geometry=points_or_geom)
    if not isinstance(points_or_geom, gpd.GeoDataFrame):
        raise DataError("the site must be a shapely geometry, a GeoSeries or a GeoDataFrame",
                        layer="site")
    require_projected(points_or_geom, what="the site layer", layer="site")
    geoms = points_or_geom.geometry.to_numpy()
    if (shapely.is_missing(geoms) | shapely.is_empty(geoms)).any():
        raise DataError("a site has no geometry", layer="site")
    return points_or_geom


def _square_grid(points: gpd.GeoDataFrame, size: float) -> gpd.GeoDataFrame:
    if not (math.isfinite(size) and size > 0):
        raise DataError(f"the grid cell size must be a positive number of metres, not {size!r}",
                        field="grid_or_zones")
    xy = shapely.get_coordinates(points.geometry.to_numpy())
    if len(xy) == 0:
        return gpd.GeoDataFrame({"cell_id": []}, geometry=[], crs=points.crs)
    # Only cells that hold a point are built; cells are aligned on multiples of ``size``.
    ij = np.unique(np.floor(xy / size).astype(np.int64), axis=0)
    x0, y0 = ij[:, 0] * size, ij[:, 1] * size
    ids = [f"{size:g}m_{x:.0f}_{y:.0f}" for x, y in zip(x0, y0)]
    return gpd.GeoDataFrame(
        {"cell_id": ids}, geometry=shapely.box(x0, y0, x0 + size, y0 + size), crs=points.crs
    )
