"""Plan assessment (byplan): what a regulation plan means for the people around it.

For a plan polygon and a buffer around it (default 500 m), :func:`assess_plan` puts together
(``shared/design/INDICATORS.md``, *Plan assessment*):

1. **Residents** inside the plan and the buffer, apportioned from the 250 m population grid by
   the share of each cell's area that lies inside (EJScreen's method): a cell of 100 residents
   with 30 % of its area inside counts 30.
2. **Zones touched**: every zone with area or residents in the buffer, with the share of the
   plan's area and of the buffer's residents in it, the share of the zone's own residents that
   live in the buffer, its composite rank (1 = most disadvantaged, of N), its number of burden
   flags and its cluster label (Local Moran: High-High ...; Getis-Ord Gi*).
3. **Levekår of the buffer**, re-aggregated from *counts*: each zone's count and denominator
   are apportioned by the share of the zone's residents inside the buffer, summed, and the rate
   recomputed (count ÷ denominator × 100). The rate is then placed in the zone distribution
   ("it would rank 4th of 50 zones"). Rates and percentiles are never averaged.
4. **Green coverage** of the buffer's residents before and after the plan: green coverage is
   re-run on the buffer's cells (their in-buffer residents as weights) with the green layer as
   it is, and with the removed green area cut out. By default the removed area is where plan
   polygons whose land-use code (SOSI ``RPAREALFORMÅL``) is *not* green structure (3000–3999)
   overlap existing green areas; polygons with no code are not assumed to remove anything.
5. **Transit at the plan**: from the plan centroid, the straight-line distance to the nearest
   stop with departures, departures per hour within 500 m, and the median door-to-door time to
   the centre and to the nearest upper-secondary school over the departure window (the
   :mod:`ungtloft_map.core.analysis.transit` modules; the network is loaded once per project and cached on it).
6. **Municipal housing**: units within 500 m and 1,000 m of the plan edge per 1,000 residents
   vs the municipal average (:func:`ungtloft_map.core.analysis.housing.concentration_around`), and the plan zone's
   municipal share after the plan's dwellings (:func:`ungtloft_map.core.analysis.housing.what_if`; the numbers of units
   come from the plan file's ``municipal_units``/``other_units`` unless given).

A workflow: it reads the project's layers and runs the pipeline when no themes are given; the
computations are operations on frames in :mod:`ungtloft_map.core.analysis.plan_impact`, the
findings and their thresholds are in :mod:`.plan_findings`.

Each result becomes one or more :class:`Finding` objects naming the Marmot principle they speak
to (E healthy places and communities: green, housing; H sustainability: transit; the levekår
indicators' own letters from the catalogue, e.g. D for income).

Severity rules
--------------
``"obs"`` (worth a closer look), ``"ok"`` (no concern by this rule) or ``"info"`` (context):

* zone composite rank: a zone the plan lies in is among the worst 20 % of zones → obs, else ok;
* cluster: a zone the plan lies in is a High-High cluster or a Gi* hot spot → obs; Low-High or
  High-Low outlier → info; otherwise ok;
* burden flags: the plan zone has 3 or more flags → obs; 1–2 → info; 0 → ok;
* levekår of the buffer: the recomputed rate would fall among the worst 20 % of zones → obs
  (one finding per such indicator, plus a summary finding: obs when any indicator is);
* green: residents in the buffer lose coverage, or coverage after the plan is below half the
  municipal share (a green gap) → obs; below the municipal share → info; else ok. Green area removed: info (its effect is the coverage rule);
* transit: nearest stop farther than 500 m → obs; fewer than 4 departures per hour within 500 m
  → obs, fewer than the municipal median → info; travel time unreachable or among the worst
  20 % of zones → obs, longer than the municipal median → info; else ok;
* housing: units per 1,000 residents around the plan above 1.5 × the municipal average → obs,
  above the average → info, else ok; after the plan the zone's municipal share is at least
  twice the municipal average, or the plan adds municipal units in a zone among the worst 20 %
  → obs; above the average → info; else ok.

Small numbers: every count in the findings' text (residents, units) of 1–4 is shown as "–",
and rates built on such counts too (:mod:`ungtloft_map.core.analysis.privacy`).

Examples
--------
>>> from ungtloft_map.core.project import Project  # doctest: +SKIP
>>> p = Project.demo()  # doctest: +SKIP
>>> a = assess_plan(p, p.plans[0]["path"])  # doctest: +SKIP
>>> a  # doctest: +SKIP
PlanAssessment('Detaljregulering Østhaugen boligfelt (fiktiv)', 1.8 ha, 1 zone(s) in the plan ...)
>>> [f.label_en for f in a.findings if f.severity == "obs"]  # doctest: +SKIP
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from ..analysis.apportion import apportion_population
from ..analysis.plan_impact import (
    GREEN_CODES,
    MIN_TOUCH_M2,
    WORST_SHARE,
    GreenImpact,
    HousingAtPlan,
    as_geometry,
    green_impact,
    housing_at,
    plan_cells,
    position_among,
    reaggregate_counts,
    removed_green_area,
    touched_zones,
)
from ..analysis.privacy import format_count
from ..crs import ANALYSIS_CRS
from ..errors import AnalysisError, DataError, DataWarning
from ..io.plans import PlanLayer, read_plan
from ..text import format_number
from .plan_findings import SEVERITIES, Finding, cluster_label, plan_findings

__all__ = [
    "GREEN_CODES",
    "SEVERITIES",
    "WORST_SHARE",
    "Finding",
    "GreenImpact",
    "HousingAtPlan",
    "PlanAssessment",
    "TransitAtPlan",
    "apportion_population",
    "assess_plan",
    "cluster_label",
    "reaggregate_counts",
    "removed_green_area",
]


@dataclass
class TransitAtPlan:
    """Transit access measured from the plan centroid (R5/Tennøy definitions).

    ``zone_*`` are the plan zone's values and ``municipal_*`` the municipality's
    (population-weighted medians); ``rank_*`` where the plan's time would fall among the zones
    (1 = the longest), of ``n_zones``.
    """

    dist_to_stop_m: float
    departures_per_hour: float
    time_to_centre_min: float
    time_to_school_min: float
    zone: dict[str, float]
    municipal: dict[str, float]
    rank: dict[str, int | None]
    n_zones: dict[str, int]
    window: str
    date: str
    #: False when the project has no destinations: the two travel times were not computed
    #: (NaN means "not assessed" then, not "over 120 min").
    times_assessed: bool = True

    def __repr__(self) -> str:
        return (f"TransitAtPlan(stop {format_number(self.dist_to_stop_m, 0, 'en')} m, "
                f"{format_number(self.departures_per_hour, 1, 'en')} departures/h within 500 m, centre "
                f"{format_number(self.time_to_centre_min, 0, 'en')} min, school {format_number(self.time_to_school_min, 0, 'en')} "
                f"min; {self.date} {self.window})")


@dataclass
class PlanAssessment:
    """Everything :func:`assess_plan` found for one plan.

    Attributes
    ----------
    plan_name, plan_id, path, source_format
        The plan and its file.
    plan
        The :class:`~ungtloft_map.core.io.plans.PlanLayer` read.
    geometry, buffer
        The plan boundary and the buffer polygon (EPSG:25832); ``buffer_m`` its width.
    residents_plan, residents_buffer
        Apportioned residents (floats; round and suppress before showing).
    age_plan, age_buffer
        Apportioned residents by age group (``pop_0_17`` ... when the grid has them).
    zones
        Zones touched by the buffer (index ``zone_id``): ``zone_name``, ``district_name``,
        ``in_plan`` (the plan lies partly in it), ``plan_area_share``, ``buffer_area_share``,
        ``residents_in_buffer``, ``buffer_population_share`` (of the buffer's residents),
        ``zone_population_share`` (of the zone's residents), ``population``,
        ``composite_score``, ``composite_rank``, ``n_flags``, ``lisa_label``, ``gi_label``.
        Sorted: plan zones first, then by residents in the buffer.
    primary_zone
        The zone holding the largest part of the plan (used for the what-if).
    n_zones
        Zones with a composite rank (the N in "rank r of N").
    levekar
        One row per levekår indicator (index key): ``label_nb``, ``label_en``, ``unit``,
        ``direction``, ``count``, ``denom``, ``rate``, ``municipal``, ``rank`` (where the rate
        would fall among the zones, 1 = worst), ``n_zones``, ``worst`` (in the worst 20 %),
        ``suppressed`` (count or denominator 1–4), ``marmot``.
    green, transit, housing
        :class:`GreenImpact`, :class:`TransitAtPlan`, :class:`HousingAtPlan` (None when the
        project lacks the layers; see ``notes``).
    findings
        :class:`Finding` list, in report order.
    zone_table
        The full ZoneTable the assessment used (for maps and definitions).
    project_name, fictional, data_version, year
        About the data.
    notes
        What could not be assessed and why, in both languages as ``(nb, en)`` pairs.
    warnings
        Repairs while reading the plan and running the analyses.
    context
        The project's context layers for maps (``water``, ``boundary``, ``green_areas``,
        ``roads`` when present).
    """

    plan_name: str
    plan_id: str
    path: Path
    source_format: str
    plan: PlanLayer = field(repr=False)
    geometry: BaseGeometry = field(repr=False)
    buffer: BaseGeometry = field(repr=False)
    buffer_m: float
    residents_plan: float
    residents_buffer: float
    age_plan: dict[str, float]
    age_buffer: dict[str, float]
    zones: pd.DataFrame
    primary_zone: str
    n_zones: int
    levekar: pd.DataFrame
    green: GreenImpact | None
    transit: TransitAtPlan | None
    housing: HousingAtPlan | None
    findings: list[Finding]
    zone_table: object = field(repr=False)
    project_name: str = ""
    fictional: bool = False
    data_version: str = ""
    year: int | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[DataWarning] = field(default_factory=list)
    context: dict[str, gpd.GeoDataFrame] = field(default_factory=dict, repr=False)

    @property
    def area_m2(self) -> float:
        return float(self.geometry.area)

    @property
    def plan_zones(self) -> pd.DataFrame:
        """The touched zones the plan itself lies in."""
        return self.zones[self.zones["in_plan"]]

    @property
    def n_obs(self) -> int:
        return sum(f.severity == "obs" for f in self.findings)

    def __repr__(self) -> str:
        pz = self.plan_zones
        ranks = pz["composite_rank"].dropna() if "composite_rank" in pz else pd.Series(dtype=float)
        rank = f"worst rank {int(ranks.min())} of {self.n_zones}" if len(ranks) else "no rank"
        clusters = sorted({str(v) for v in pz["lisa_label"].dropna()}) if "lisa_label" in pz else []
        return (
            f"PlanAssessment({self.plan_name!r}, {self.area_m2 / 1e4:.1f} ha, "
            f"{len(pz)} zone(s) in the plan ({rank}; {', '.join(clusters) or 'no cluster'}), "
            f"{len(self.zones)} within {self.buffer_m:g} m; residents "
            f"{format_count(self.residents_plan, 'en')} in the plan / {format_count(self.residents_buffer, 'en')} in "
            f"the buffer; {len(self.findings)} findings ({self.n_obs} obs))"
        )

    def summary_row(self) -> dict:
        """One row of numbers for a table of many plans (raw values; suppress before showing)."""
        pz = self.plan_zones
        ranks = pz["composite_rank"].dropna() if "composite_rank" in pz else pd.Series(dtype=float)
        worst = int(ranks.min()) if len(ranks) else None
        cluster = ""
        if worst is not None:
            cluster = str(pz.loc[pz["composite_rank"] == worst, "lisa_label"].iloc[0]) if "lisa_label" in pz else ""
        w = self.housing.what_if if self.housing is not None else None
        return {
            "plan_name": self.plan_name,
            "plan_id": self.plan_id,
            "file": self.path.name,
            "area_ha": self.area_m2 / 1e4,
            "residents_plan": self.residents_plan,
            "residents_buffer": self.residents_buffer,
            "buffer_m": self.buffer_m,
            "zones_touched": len(self.zones),
            "plan_zones": ", ".join(map(str, pz.index)),
            "worst_composite_rank": worst,
            "n_zones": self.n_zones,
            "cluster": cluster,
            "green_covered_before_pct": self.green.covered_before * 100 if self.green else np.nan,
            "green_covered_after_pct": self.green.covered_after * 100 if self.green else np.nan,
            "green_removed_m2": self.green.removed_m2 if self.green else np.nan,
            "time_to_centre_min": self.transit.time_to_centre_min if self.transit else np.nan,
            "municipal_share_before_pct": w.share_before if w is not None else np.nan,
            "municipal_share_after_pct": w.share_after if w is not None else np.nan,
            "n_obs": self.n_obs,
        }


# --------------------------------------------------------------------------------------------
# public functions


def assess_plan(
    project,
    plan: PlanLayer | str | PathLike,
    *,
    themes=None,
    buffer_m: float = 500.0,
    municipal_units: int | None = None,
    other_units: int | None = None,
    removed_green=None,
    year: int | None = None,
) -> PlanAssessment:
    """Assess a regulation plan against levekår, green, transit and municipal housing.

    Parameters
    ----------
    project
        The loaded :class:`~ungtloft_map.core.project.Project`.
    plan
        A :class:`~ungtloft_map.core.io.plans.PlanLayer` or the path of a plan file (SOSI, Plan
        GML, GeoJSON, GeoPackage, Shapefile; read with :func:`~..io.plans.read_plan`).
    themes
        :class:`~ungtloft_map.core.pipeline.ThemeResults` already computed for the project;
        computed here when None (the slow part of a first call: the cluster step compiles).
    buffer_m
        Width of the buffer around the plan, metres (> 0).
    municipal_units, other_units
        Dwellings the plan adds; default the sums of the plan file's ``municipal_units`` and
        ``other_units`` columns (0 when it has none).
    removed_green
        Green area the plan removes (a shapely geometry, GeoSeries or GeoDataFrame in
        EPSG:25832; an empty geometry means none). Default: :func:`removed_green_area`.
    year
        Indicator year (default: the latest, or the year of ``themes``).

    Returns
    -------
    PlanAssessment

    Raises
    ------
    DataError
        The plan file cannot be read (see ``read_plan``: unclosed ring, several separate areas,
        no CRS ...); the plan lies outside the municipality (touches no zone); bad units or
        buffer; ``removed_green`` not in EPSG:25832.
    AnalysisError
        ``themes`` is for another year than ``year``.

    Examples
    --------
    >>> a = assess_plan(project, "plans/plan_b_park.sos", themes=res)  # doctest: +SKIP
    >>> a.green.covered_before, a.green.covered_after  # doctest: +SKIP
    (0.91, 0.84)
    >>> a.levekar.loc["low_income", ["count", "denom", "rate", "rank"]]  # doctest: +SKIP
    """
    if not (isinstance(buffer_m, (int, float, np.number)) and math.isfinite(buffer_m) and buffer_m > 0):
        raise DataError(f"the buffer must be a positive number of metres, not {buffer_m!r}", field="buffer")
    layer = plan if isinstance(plan, PlanLayer) else read_plan(plan)
    file = layer.path.name
    geom = layer.boundary
    if not geom.is_valid:  # read_plan repairs, but a PlanLayer may be built by hand
        geom = shapely.make_valid(geom)
    if themes is None:
        from ..pipeline import compute_themes

        themes = compute_themes(project, year)
    elif year is not None and themes.zone_table.year is not None and themes.zone_table.year != year:
        raise AnalysisError(f"the theme results are for {themes.zone_table.year}, not {year}")
    zt = themes.zone_table
    zones_gdf = zt.gdf
    warnings = list(layer.warnings)
    notes: list[tuple[str, str]] = []

    # -- where the plan is ------------------------------------------------------------------
    zgeoms = zones_gdf.geometry.to_numpy()
    in_plan_area = shapely.area(shapely.intersection(zgeoms, geom))
    if not (in_plan_area > MIN_TOUCH_M2).any():
        raise DataError(
            "the plan lies outside the municipality: it touches none of its zones", file=file
        )
    buffer = shapely.buffer(geom, float(buffer_m), quad_segs=16)

    # -- residents (EJScreen apportioning) --------------------------------------------------
    pop_layer = project.layer("population")
    if pop_layer is None:  # the rest of the assessment needs no residents
        notes.append(("Bosatte er ikke talt: prosjektet mangler befolkningsrutenett.",
                      "Residents not counted: the project has no population grid."))
        cells = gpd.GeoDataFrame({"population": [], "zone_id": []}, geometry=[], crs=ANALYSIS_CRS)
    else:
        cells = plan_cells(pop_layer, zones_gdf)
    frac_plan = apportion_population(cells, geom)
    frac_buf = apportion_population(cells, buffer)
    age_cols = [c for c in cells.columns if c.startswith("pop_")]
    residents_plan = float((cells["population"] * frac_plan).sum()) if pop_layer is not None else np.nan
    residents_buffer = float((cells["population"] * frac_buf).sum()) if pop_layer is not None else np.nan
    age_plan = {c: float((cells[c] * frac_plan).sum()) for c in age_cols}
    age_buffer = {c: float((cells[c] * frac_buf).sum()) for c in age_cols}

    # -- zones touched ------------------------------------------------------------------------
    zones = touched_zones(zt, geom, buffer, cells, frac_buf, in_plan_area)
    primary = str(zones["plan_area_share"].idxmax())
    n_zones = int(zt.gdf["composite_rank"].notna().sum()) if "composite_rank" in zt.gdf else len(zt)

    # -- levekår of the buffer from counts --------------------------------------------------
    weights = zones["zone_population_share"].reindex(zt.gdf.index).fillna(0.0)
    levekar = reaggregate_counts(zt, weights, catalogue=project.catalogue)

    # -- green ----------------------------------------------------------------------------------
    green = None
    if themes.green is not None and project.layer("green_areas") is not None:
        removed = (removed_green_area(layer, project.layer("green_areas")) if removed_green is None
                   else as_geometry(removed_green))
        green = green_impact(cells, frac_buf, buffer, project.layer("green_areas"), removed,
                              themes.green, warnings)
    else:
        notes.append(("Grøntdekning er ikke vurdert: prosjektet mangler grøntområder eller befolkning.",
                      "Green coverage not assessed: the project has no green areas or population."))

    # -- transit --------------------------------------------------------------------------------
    transit = None
    if themes.transit is not None:
        transit = _transit_at(project, themes, geom.centroid, zt, primary, warnings)
    if transit is not None and project.layer("destinations") is None:
        notes.append(("Reisetid fra planen er ikke vurdert: prosjektet mangler målpunkter "
                      "(sentrum, videregående skoler); avstand til holdeplass og avganger er vurdert.",
                      "Travel time from the plan not assessed: the project has no destinations "
                      "(centre, upper-secondary schools); distance to a stop and departures are."))
    elif transit is None:
        notes.append(("Kollektivtilgang er ikke vurdert: prosjektet mangler GTFS-rutedata eller målpunkter.",
                      "Transit access not assessed: the project has no GTFS feed or destinations."))

    # -- housing --------------------------------------------------------------------------------
    housing = None
    add_m, add_o, source = _units(layer, municipal_units, other_units)
    if themes.housing is not None and project.layer("municipal_housing") is not None and pop_layer is not None:
        housing = housing_at(themes.housing, project.layer("municipal_housing"), pop_layer, geom,
                              primary, add_m, add_o, source)
    elif themes.housing is not None and pop_layer is None:
        notes.append(("Kommunale boliger er ikke vurdert: prosjektet mangler befolkningsrutenett.",
                      "Municipal housing not assessed: the project has no population grid."))
    else:
        notes.append(("Kommunale boliger er ikke vurdert: prosjektet mangler boliglagene.",
                      "Municipal housing not assessed: the project has no housing layers."))

    # What the themes could not give at all (no levekår table, no index) is said, not left blank.
    for key in ("levekar", "index"):
        nc = getattr(themes, "not_computed", {}).get(key)
        if nc is not None:
            notes.append((nc.text("nb") + ".", nc.text("en") + "."))

    name, plan_id = _plan_name(layer, project)
    assessment = PlanAssessment(
        plan_name=name, plan_id=plan_id, path=layer.path, source_format=layer.source_format,
        plan=layer, geometry=geom, buffer=buffer, buffer_m=float(buffer_m),
        residents_plan=residents_plan, residents_buffer=residents_buffer, age_plan=age_plan,
        age_buffer=age_buffer, zones=zones, primary_zone=primary, n_zones=n_zones,
        levekar=levekar, green=green, transit=transit, housing=housing, findings=[],
        zone_table=zt, project_name=project.name, fictional=bool(project.fictional),
        data_version=project.version, year=zt.year, notes=notes, warnings=warnings,
        context={r: project.layer(r) for r in ("water", "boundary", "green_areas", "roads")
                 if project.layer(r) is not None},
    )
    assessment.findings = plan_findings(assessment)
    return assessment


# --------------------------------------------------------------------------------------------
# helpers


def _network(project, settings):
    """The transit network of the project's feed (shared with the pipeline's cache)."""
    from ..pipeline import transit_network

    return transit_network(project, settings)


def _transit_at(project, themes, point, zt, primary, warnings) -> TransitAtPlan | None:
    from ..analysis.transit.access import TransitAccess, transit_access
    from ..cache import cached_transit_access

    if project.gtfs_path is None:
        return None
    net = _network(project, themes.settings)
    origin = gpd.GeoDataFrame({"population": [1.0], "zone_id": ["plan"]}, geometry=[point], crs=ANALYSIS_CRS)
    dests = project.layer("destinations")
    if dests is None:  # as in the pipeline: the stop measures need no destinations (times stay NaN)
        dests = gpd.GeoDataFrame({"name": [], "category": []}, geometry=[], crs=ANALYSIS_CRS)
    # Kept across processes like the pipeline's (keyed by the feed, the plan point, the
    # destinations and the code): a repeated report skips the routing and numba's start-up.
    acc = cached_transit_access(net, origin, dests, ["plan"], transit_access, result_type=TransitAccess)
    warnings.extend(w for w in acc.warnings if w not in warnings and w.layer != "destinations")
    row = acc.cells.iloc[0]
    cols = ("dist_to_stop_m", "departures_per_hour_500m", "time_to_centre_min", "time_to_school_min")
    zone, municipal, rank, n = {}, {}, {}, {}
    for col in cols:
        zone[col] = float(zt.gdf.at[primary, col]) if col in zt.gdf else np.nan
        municipal[col] = float(zt.municipal.get(col, np.nan))
        info = zt.info.get(col)
        if col not in zt.gdf or info is None:
            rank[col], n[col] = None, 0
            continue
        vals = zt.gdf[col].astype(float)
        # A zone with residents but no travel time cannot reach the place within 120 min.
        unreachable = vals.isna() & (zt.gdf["population"] > 0) if col.startswith("time_") and "population" in zt.gdf else None
        rank[col], n[col] = position_among(float(row[col]), vals, info.direction, missing_is_worst=unreachable)
    return TransitAtPlan(
        dist_to_stop_m=float(row["dist_to_stop_m"]), departures_per_hour=float(row["departures_per_hour_500m"]),
        time_to_centre_min=float(row["time_to_centre_min"]), time_to_school_min=float(row["time_to_school_min"]),
        zone=zone, municipal=municipal, rank=rank, n_zones=n, window=acc.window, date=acc.date,
        times_assessed=project.layer("destinations") is not None,
    )


def _units(layer: PlanLayer, municipal_units, other_units) -> tuple[int, int, str]:
    out = []
    from_file = False
    for name, given in (("municipal_units", municipal_units), ("other_units", other_units)):
        if given is not None:
            if isinstance(given, bool) or not isinstance(given, (int, np.integer)) or given < 0:
                raise DataError(f"{name} must be a whole number >= 0, not {given!r}", field=name)
            out.append(int(given))
            continue
        col = layer.features.get(name)
        if col is None:
            out.append(0)
            continue
        v = pd.to_numeric(col, errors="coerce")
        bad = v.notna() & ((v < 0) | (v % 1 != 0))
        if bad.any():
            raise DataError(f"{name} must be whole numbers >= 0", file=layer.path.name, field=name,
                            row=int(np.flatnonzero(bad.to_numpy())[0]) + 1)
        out.append(int(v.fillna(0).sum()))
        from_file = True
    given = municipal_units is not None or other_units is not None
    source = "argument" if given and not from_file else ("plan file" if from_file and not given else
                                                         "argument and plan file" if given else "none")
    return out[0], out[1], source


def _plan_name(layer: PlanLayer, project) -> tuple[str, str]:
    f = layer.features
    plan_id = ""
    if "plan_id" in f and f["plan_id"].notna().any():
        plan_id = str(f["plan_id"].dropna().iloc[0])
    if "name" in f and f["name"].notna().any():
        return str(f["name"].dropna().iloc[0]), plan_id
    for p in getattr(project, "plans", []) or []:
        try:
            if Path(p["path"]).resolve() == layer.path.resolve() and p.get("name"):
                return str(p["name"]), plan_id
        except OSError:
            continue
    return layer.path.stem, plan_id
