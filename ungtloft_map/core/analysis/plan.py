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
   :mod:`.transit` modules; the network is loaded once per project and cached on it).
6. **Municipal housing**: units within 500 m and 1,000 m of the plan edge per 1,000 residents
   vs the municipal average (:func:`.housing.concentration_around`), and the plan zone's
   municipal share after the plan's dwellings (:func:`.housing.what_if`; the numbers of units
   come from the plan file's ``municipal_units``/``other_units`` unless given).

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
and rates built on such counts too (:mod:`.privacy`).

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

from ..crs import ANALYSIS_CRS, require_projected
from ..errors import AnalysisError, DataError, DataWarning
from ..io.plans import PlanLayer, read_plan
from ..text import cluster_label as text_cluster_label
from ..text import format_number, format_percent
from .apportion import apportion_population  # re-exported: plan users import it from here
from .privacy import format_count, is_small

__all__ = [
    "Finding",
    "PlanAssessment",
    "GreenImpact",
    "TransitAtPlan",
    "HousingAtPlan",
    "assess_plan",
    "removed_green_area",
    "apportion_population",
    "reaggregate_counts",
    "cluster_label",
    "GREEN_CODES",
    "WORST_SHARE",
]

#: SOSI RPAREALFORMÅL codes of green structure (grønnstruktur, 3000–3999).
GREEN_CODES = range(3000, 4000)
#: "Among the worst" = the worst fifth of the zones.
WORST_SHARE = 0.2
#: Nearest stop farther than this (m) is an observation.
STOP_DISTANCE_OBS_M = 500.0
#: Fewer departures per hour than this within 500 m is an observation (one every 15 minutes).
DEPARTURES_OBS_PER_HOUR = 4.0
#: Housing concentration ratio (to the municipal average) above this is an observation.
CONCENTRATION_OBS_RATIO = 1.5
#: A zone share at least this multiple of the municipal average is an observation.
SHARE_OBS_MULTIPLE = 2.0
#: Green coverage below this share of the municipal coverage is an observation (a green gap).
GREEN_GAP_SHARE = 0.5
#: A zone with this many burden flags or more is an observation.
FLAGS_OBS = 3
#: Zones are "touched" when at least this many m² of them lie in the buffer (slivers ignored).
MIN_TOUCH_M2 = 1.0

SEVERITIES = ("obs", "info", "ok")


def cluster_label(label, lang: str = "nb", *, short: bool = False) -> str:
    """A cluster label of the zone table in bokmål or English ("High-High" -> "Høy-Høy ...").

    ``short`` drops the explanation in brackets (for narrow table columns).

    Examples
    --------
    >>> cluster_label("Ikke signifikant", "en")
    'Not significant'
    >>> cluster_label("High-High", "nb", short=True)
    'Høy-Høy'
    """
    return text_cluster_label(label, lang, short=short)


_ALL_PRINCIPLES = ("A", "B", "C", "D", "E", "F", "G", "H")


# --------------------------------------------------------------------------------------------
# result objects


@dataclass(frozen=True)
class Finding:
    """One line of the assessment: what was found, how it compares, why it matters.

    Attributes
    ----------
    theme
        ``"population"``, ``"index"``, ``"levekar"``, ``"green"``, ``"transit"`` or ``"housing"``.
    key
        Stable machine id, e.g. ``"zone_rank"``, ``"levekar_low_income"``, ``"green_coverage"``.
    label_nb, label_en
        What the finding is about.
    value_nb, value_en
        The value as text (numbers in the language's format; small counts shown as "–").
    comparison_nb, comparison_en
        What it is compared with (the municipality, the zones, before/after).
    marmot
        Marmot principle letters (A–H) the finding speaks to; empty for context.
    severity
        ``"obs"``, ``"ok"`` or ``"info"`` (rules in the module docstring).
    value
        The raw number behind the text (None when there is none); for sorting and exports.
    """

    theme: str
    key: str
    label_nb: str
    label_en: str
    value_nb: str
    value_en: str
    comparison_nb: str
    comparison_en: str
    marmot: tuple[str, ...]
    severity: str
    value: float | None = None

    def label(self, lang: str = "nb") -> str:
        return self.label_en if lang == "en" else self.label_nb

    def value_text(self, lang: str = "nb") -> str:
        return self.value_en if lang == "en" else self.value_nb

    def comparison(self, lang: str = "nb") -> str:
        return self.comparison_en if lang == "en" else self.comparison_nb

    @property
    def principles(self) -> str:
        """The Marmot letters as text: ``"E"``, ``"D, E"``, ``"A–H"`` (ranges of 3+ joined)."""
        return _principles_text(self.marmot)

    def __repr__(self) -> str:
        p = f" [{self.principles}]" if self.marmot else ""
        return f"Finding({self.severity}: {self.label_en} = {self.value_en}; {self.comparison_en}{p})"


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
                f"{_pct_en(self.covered_before * 100)} -> {_pct_en(self.covered_after * 100)} of "
                f"{self.residents:,.0f} residents; municipal {_pct_en(self.municipal_share * 100)})")


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

    def __repr__(self) -> str:
        return (f"TransitAtPlan(stop {_num_en(self.dist_to_stop_m)} m, "
                f"{_num_en(self.departures_per_hour, 1)} departures/h within 500 m, centre "
                f"{_num_en(self.time_to_centre_min)} min, school {_num_en(self.time_to_school_min)} "
                f"min; {self.date} {self.window})")


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
        r = ", ".join(f"{int(k)} m: {_num_en(v, 2)}×" for k, v in self.around["ratio_to_average"].items())
        return (f"HousingAtPlan(+{self.add_municipal} municipal, +{self.add_other} other "
                f"({self.units_source}); ratio to the municipal average {r}; {self.what_if!r})")


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
            f"{_count_en(self.residents_plan)} in the plan / {_count_en(self.residents_buffer)} in "
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
        cells = _cells(pop_layer, zones_gdf)
    frac_plan = apportion_population(cells, geom)
    frac_buf = apportion_population(cells, buffer)
    age_cols = [c for c in cells.columns if c.startswith("pop_")]
    residents_plan = float((cells["population"] * frac_plan).sum()) if pop_layer is not None else np.nan
    residents_buffer = float((cells["population"] * frac_buf).sum()) if pop_layer is not None else np.nan
    age_plan = {c: float((cells[c] * frac_plan).sum()) for c in age_cols}
    age_buffer = {c: float((cells[c] * frac_buf).sum()) for c in age_cols}

    # -- zones touched ------------------------------------------------------------------------
    zones = _touched_zones(zt, geom, buffer, cells, frac_buf, in_plan_area)
    primary = str(zones["plan_area_share"].idxmax())
    n_zones = int(zt.gdf["composite_rank"].notna().sum()) if "composite_rank" in zt.gdf else len(zt)

    # -- levekår of the buffer from counts --------------------------------------------------
    weights = zones["zone_population_share"].reindex(zt.gdf.index).fillna(0.0)
    levekar = reaggregate_counts(zt, weights, catalogue=project.catalogue)

    # -- green ----------------------------------------------------------------------------------
    green = None
    if themes.green is not None and project.layer("green_areas") is not None:
        removed = (removed_green_area(layer, project.layer("green_areas")) if removed_green is None
                   else _as_geometry(removed_green))
        green = _green_impact(cells, frac_buf, buffer, project.layer("green_areas"), removed,
                              themes.green, warnings)
    else:
        notes.append(("Grøntdekning er ikke vurdert: prosjektet mangler grøntområder eller befolkning.",
                      "Green coverage not assessed: the project has no green areas or population."))

    # -- transit --------------------------------------------------------------------------------
    transit = None
    if themes.transit is not None:
        transit = _transit_at(project, themes, geom.centroid, zt, primary, warnings)
    if transit is None and project.gtfs_path is not None and project.layer("destinations") is None:
        notes.append(("Kollektivtilgang ved planen er ikke vurdert: prosjektet mangler målpunkter "
                      "(sentrum, videregående skoler).",
                      "Transit access at the plan not assessed: the project has no destinations "
                      "(centre, upper-secondary schools)."))
    elif transit is None:
        notes.append(("Kollektivtilgang er ikke vurdert: prosjektet mangler GTFS-rutedata eller målpunkter.",
                      "Transit access not assessed: the project has no GTFS feed or destinations."))

    # -- housing --------------------------------------------------------------------------------
    housing = None
    add_m, add_o, source = _units(layer, municipal_units, other_units)
    if themes.housing is not None and project.layer("municipal_housing") is not None and pop_layer is not None:
        housing = _housing_at(themes.housing, project.layer("municipal_housing"), pop_layer, geom,
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
    assessment.findings = _findings(assessment)
    return assessment


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
        rank, n = _position(rate, zt.gdf[col].astype(float), info.direction)
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
            "rank": rank, "n_zones": n, "worst": _in_worst(rank, n),
            "suppressed": _small(count) or _small(denom), "marmot": marmot,
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


def _as_geometry(obj) -> BaseGeometry:
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


def _cells(pop: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
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


def _touched_zones(zt, geom, buffer, cells, frac_buf, in_plan_area) -> pd.DataFrame:
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
# helpers: ranks and small numbers


def _position(value: float, zone_values: pd.Series, direction: str | None, *,
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


def _in_worst(rank, n: int, share: float = WORST_SHARE) -> bool:
    """Rank (1 = worst) among the worst ``share`` of ``n`` zones."""
    if rank is None or (isinstance(rank, float) and not np.isfinite(rank)) or n <= 0:
        return False
    return (float(rank) - 1) < share * n


def _small(v) -> bool:
    """A count that must not be shown (:func:`~ungtloft_map.core.analysis.privacy.is_small`)."""
    return is_small(v)


# --------------------------------------------------------------------------------------------
# helpers: themes


def _green_impact(cells, frac_buf, buffer, green_layer, removed, green_result, warnings) -> GreenImpact:
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


def _network(project, settings):
    """The transit network of the project's feed (shared with the pipeline's cache)."""
    from ..pipeline import transit_network

    return transit_network(project, settings)


def _transit_at(project, themes, point, zt, primary, warnings) -> TransitAtPlan | None:
    from .transit.access import transit_access

    if project.gtfs_path is None or project.layer("destinations") is None:
        return None
    net = _network(project, themes.settings)
    origin = gpd.GeoDataFrame({"population": [1.0], "zone_id": ["plan"]}, geometry=[point], crs=ANALYSIS_CRS)
    acc = transit_access(net, origin, project.layer("destinations"), zone_ids=["plan"])
    warnings.extend(w for w in acc.warnings if w not in warnings)
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
        rank[col], n[col] = _position(float(row[col]), vals, info.direction, missing_is_worst=unreachable)
    return TransitAtPlan(
        dist_to_stop_m=float(row["dist_to_stop_m"]), departures_per_hour=float(row["departures_per_hour_500m"]),
        time_to_centre_min=float(row["time_to_centre_min"]), time_to_school_min=float(row["time_to_school_min"]),
        zone=zone, municipal=municipal, rank=rank, n_zones=n, window=acc.window, date=acc.date,
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


def _housing_at(hres, municipal, population, geom, primary, add_m, add_o, source) -> HousingAtPlan:
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


# --------------------------------------------------------------------------------------------
# findings


def _findings(a: PlanAssessment) -> list[Finding]:
    out: list[Finding] = []
    out += _population_findings(a)
    out += _zone_findings(a)
    out += _levekar_findings(a)
    if a.green is not None:
        out += _green_findings(a)
    if a.transit is not None:
        out += _transit_findings(a)
    if a.housing is not None:
        out += _housing_findings(a)
    return out


def _f(theme, key, label, value, comparison, marmot, severity, raw=None) -> Finding:
    return Finding(theme, key, label[0], label[1], value[0], value[1], comparison[0], comparison[1],
                   tuple(marmot), severity, None if raw is None or not np.isfinite(raw) else float(raw))


def _both(fn, *args, **kw) -> tuple[str, str]:
    return fn(*args, lang="nb", **kw), fn(*args, lang="en", **kw)


def _population_findings(a: PlanAssessment) -> list[Finding]:
    youth = sum(a.age_buffer.get(c, 0.0) for c in ("pop_0_17", "pop_18_29"))
    has_age = any(c in a.age_buffer for c in ("pop_0_17", "pop_18_29"))
    zt = a.zone_table
    comp_nb = comp_en = ""
    if has_age:
        share = youth / a.residents_buffer * 100 if a.residents_buffer > 0 else np.nan
        if _small(youth) or _small(a.residents_buffer):
            share = np.nan
        comp_nb = f"herav 0–29 år: {_count(youth, 'nb')} ({_pct(share, 0, 'nb')})"
        comp_en = f"of whom aged 0–29: {_count(youth, 'en')} ({_pct(share, 0, 'en')})"
    muni = float(zt.gdf["population"].sum()) if "population" in zt.gdf else np.nan
    return [
        _f("population", "residents_plan", ("Bosatte i planområdet", "Residents in the plan area"),
           _both(_count, a.residents_plan),
           (f"planområdet er {_num(a.area_m2 / 1e4, 1, 'nb')} ha",
            f"the plan area is {_num(a.area_m2 / 1e4, 1, 'en')} ha"), (), "info", a.residents_plan),
        _f("population", "residents_buffer",
           (f"Bosatte innen {a.buffer_m:g} m", f"Residents within {a.buffer_m:g} m"),
           _both(_count, a.residents_buffer),
           (comp_nb or f"kommunen: {_count(muni, 'nb')}", comp_en or f"municipality: {_count(muni, 'en')}"),
           (), "info", a.residents_buffer),
    ]


def _zone_findings(a: PlanAssessment) -> list[Finding]:
    out = []
    pz = a.plan_zones
    every = _ALL_PRINCIPLES
    if "composite_rank" in pz and pz["composite_rank"].notna().any():
        zid = pz["composite_rank"].idxmin()
        rank = int(pz.at[zid, "composite_rank"])
        name = pz.at[zid, "zone_name"]
        worst = _in_worst(rank, a.n_zones)
        cut = math.ceil(WORST_SHARE * a.n_zones)
        out.append(_f(
            "index", "zone_rank", ("Sammensatt belastning, plansonen", "Composite disadvantage, plan zone"),
            (f"{name}: rang {rank} av {a.n_zones}", f"{name}: rank {rank} of {a.n_zones}"),
            (f"{'blant' if worst else 'ikke blant'} de {cut} mest belastede sonene (1 = mest belastet)",
             f"{'among' if worst else 'not among'} the {cut} most disadvantaged zones (1 = most)"),
            every, "obs" if worst else "ok", rank))
    if "lisa_label" in pz and pz["lisa_label"].notna().any():
        labels = [str(v) for v in pz["lisa_label"]]
        gi = [str(v) for v in pz.get("gi_label", pd.Series(dtype=object)).dropna()]
        hh = "High-High" in labels or "Hot spot" in gi
        outlier = any(lab in ("High-Low", "Low-High") for lab in labels)
        main = next((lab for lab in ("High-High", "High-Low", "Low-High", "Low-Low") if lab in labels), labels[0])
        nb, en = cluster_label(main, "nb"), cluster_label(main, "en")
        gi_nb = ", ".join(sorted({cluster_label(x, "nb") for x in gi}))
        gi_en = ", ".join(sorted({cluster_label(x, "en") for x in gi}))
        out.append(_f(
            "index", "cluster", ("Klynge (Local Moran)", "Cluster (Local Moran)"), (nb, en),
            ("sammensatt indeks blant nabosonene" + (f"; Gi*: {gi_nb}" if gi else ""),
             "composite index among the neighbouring zones" + (f"; Gi*: {gi_en}" if gi else "")),
            every, "obs" if hh else ("info" if outlier else "ok")))
    if "n_flags" in pz and pd.notna(pz["n_flags"].get(a.primary_zone, np.nan)):
        n = int(pz.at[a.primary_zone, "n_flags"])
        out.append(_f(
            "index", "flags", ("Antall belastninger, plansonen", "Number of burdens, plan zone"),
            (f"{n}", f"{n}"),
            ("indikatorer der sonen er blant de 20 % mest belastede",
             "indicators on which the zone is among the worst 20 %"),
            every, "obs" if n >= FLAGS_OBS else ("info" if n > 0 else "ok"), n))
    return out


def _levekar_findings(a: PlanAssessment) -> list[Finding]:
    lk = a.levekar
    if lk.empty:
        return []
    shown = lk[~lk["suppressed"]]
    worst = shown[shown["worst"]]
    out = [_f(
        "levekar", "levekar_summary",
        (f"Levekår innen {a.buffer_m:g} m (fra antall)", f"Living conditions within {a.buffer_m:g} m (from counts)"),
        (f"{len(worst)} av {len(lk)} indikatorer blant de 20 % mest belastede",
         f"{len(worst)} of {len(lk)} indicators among the worst 20 %"),
        ("rater regnet på nytt fra fordelte antall, plassert blant sonene",
         "rates recomputed from apportioned counts, placed among the zones"),
        sorted({m for ms in lk["marmot"] for m in ms}), "obs" if len(worst) else "ok", len(worst))]
    for key, r in worst.iterrows():
        out.append(_f(
            "levekar", f"levekar_{key}", (r["label_nb"], r["label_en"]),
            (_pct(r["rate"], 1, "nb"), _pct(r["rate"], 1, "en")),
            (f"ville vært nr. {int(r['rank'])} av {r['n_zones']} soner; kommunen {_pct(r['municipal'], 1, 'nb')}",
             f"would rank {int(r['rank'])} of {r['n_zones']} zones; municipality {_pct(r['municipal'], 1, 'en')}"),
            r["marmot"], "obs", r["rate"]))
    return out


def _green_findings(a: PlanAssessment) -> list[Finding]:
    g = a.green
    out = []
    if g.removed_m2 > 0:
        out.append(_f(
            "green", "green_removed", ("Grøntareal som bygges ned", "Green area built on"),
            (f"{_num(g.removed_m2, 0, 'nb')} m²", f"{_num(g.removed_m2, 0, 'en')} m²"),
            (f"{_num(g.public_m2_per_resident_before, 0, 'nb')} → {_num(g.public_m2_per_resident_after, 0, 'nb')} m² "
             f"offentlig grønt per bosatt innen {a.buffer_m:g} m",
             f"{_num(g.public_m2_per_resident_before, 0, 'en')} → {_num(g.public_m2_per_resident_after, 0, 'en')} m² "
             f"public green per resident within {a.buffer_m:g} m"),
            ("E",), "info", g.removed_m2))
    hidden = _small(g.residents)
    before = np.nan if hidden else g.covered_before * 100
    after = np.nan if hidden else g.covered_after * 100
    lost = g.lost_residents >= 0.5
    muni = g.municipal_share * 100
    if lost or (np.isfinite(after) and after < GREEN_GAP_SHARE * muni):
        sev = "obs"
    elif np.isfinite(after) and after < muni:
        sev = "info"
    else:
        sev = "ok"
    rule_nb = f"≥ {g.min_area_m2 / 1000:g} daa innen {g.max_distance_m:g} m"
    rule_en = f"≥ {g.min_area_m2 / 1000:g} decares within {g.max_distance_m:g} m"
    lost_nb = f"; {_count(g.lost_residents, 'nb')} bosatte mister dekning" if lost else ""
    lost_en = f"; {_count(g.lost_residents, 'en')} residents lose coverage" if lost else ""
    out.append(_f(
        "green", "green_coverage",
        (f"Bosatte innen {a.buffer_m:g} m med grøntområde ({rule_nb})",
         f"Residents within {a.buffer_m:g} m near green ({rule_en})"),
        (f"{_pct(before, 0, 'nb')} → {_pct(after, 0, 'nb')}", f"{_pct(before, 0, 'en')} → {_pct(after, 0, 'en')}"),
        (f"før → etter planen; kommunen {_pct(g.municipal_share * 100, 0, 'nb')}{lost_nb}",
         f"before → after the plan; municipality {_pct(g.municipal_share * 100, 0, 'en')}{lost_en}"),
        ("E",), sev, after))
    return out


def _transit_findings(a: PlanAssessment) -> list[Finding]:
    t = a.transit
    out = []
    d = t.dist_to_stop_m
    out.append(_f(
        "transit", "stop_distance", ("Nærmeste holdeplass fra plansenteret", "Nearest stop from the plan centre"),
        (f"{_num(d, 0, 'nb')} m", f"{_num(d, 0, 'en')} m"),
        (f"sonen {_num(t.zone['dist_to_stop_m'], 0, 'nb')} m; kommunen {_num(t.municipal['dist_to_stop_m'], 0, 'nb')} m",
         f"zone {_num(t.zone['dist_to_stop_m'], 0, 'en')} m; municipality {_num(t.municipal['dist_to_stop_m'], 0, 'en')} m"),
        ("H",), "obs" if not np.isfinite(d) or d > STOP_DISTANCE_OBS_M else "ok", d))
    dep = t.departures_per_hour
    m_dep = t.municipal["departures_per_hour_500m"]
    sev = ("obs" if not np.isfinite(dep) or dep < DEPARTURES_OBS_PER_HOUR
           else "info" if np.isfinite(m_dep) and dep < m_dep else "ok")
    out.append(_f(
        "transit", "departures", ("Avganger per time innen 500 m", "Departures per hour within 500 m"),
        (_num(dep, 1, "nb"), _num(dep, 1, "en")),
        (f"{t.window}; sonen {_num(t.zone['departures_per_hour_500m'], 1, 'nb')}; kommunen {_num(m_dep, 1, 'nb')}",
         f"{t.window}; zone {_num(t.zone['departures_per_hour_500m'], 1, 'en')}; municipality {_num(m_dep, 1, 'en')}"),
        ("H",), sev, dep))
    for col, key, nb, en in (("time_to_centre_min", "time_centre", "Reisetid til sentrum", "Travel time to the centre"),
                             ("time_to_school_min", "time_school", "Reisetid til nærmeste videregående skole",
                              "Travel time to the nearest upper-secondary school")):
        v = getattr(t, col)
        rank, n, muni = t.rank[col], t.n_zones[col], t.municipal[col]
        sev = ("obs" if not np.isfinite(v) or _in_worst(rank, n)
               else "info" if np.isfinite(muni) and v > muni else "ok")
        val_nb = f"{_num(v, 0, 'nb')} min" if np.isfinite(v) else "over 120 min"
        val_en = f"{_num(v, 0, 'en')} min" if np.isfinite(v) else "over 120 min"
        pos_nb = f"; ville vært nr. {rank} av {n} soner" if rank else ""
        pos_en = f"; would rank {rank} of {n} zones" if rank else ""
        out.append(_f(
            "transit", key, (f"{nb} (median, {t.window})", f"{en} (median, {t.window})"), (val_nb, val_en),
            (f"sonen {_num(t.zone[col], 0, 'nb')} min; kommunen {_num(muni, 0, 'nb')} min{pos_nb}",
             f"zone {_num(t.zone[col], 0, 'en')} min; municipality {_num(muni, 0, 'en')} min{pos_en}"),
            ("H",), sev, v))
    return out


def _housing_findings(a: PlanAssessment) -> list[Finding]:
    h = a.housing
    out = []
    avg = h.average_per_1000
    for r, row in h.around.iterrows():
        units, per, ratio = row["municipal_units"], row["municipal_per_1000"], row["ratio_to_average"]
        if _small(units) or _small(row["population"]):
            per = ratio = np.nan
        sev = ("info" if not np.isfinite(ratio) else "obs" if ratio > CONCENTRATION_OBS_RATIO
               else "info" if ratio > 1 else "ok")
        out.append(_f(
            "housing", f"concentration_{int(r)}",
            (f"Kommunale boliger innen {_num(r, 0, 'nb')} m", f"Municipal dwellings within {_num(r, 0, 'en')} m"),
            (f"{_count(units, 'nb')} ({_num(per, 1, 'nb')} per 1000 bosatte)",
             f"{_count(units, 'en')} ({_num(per, 1, 'en')} per 1,000 residents)"),
            (f"{_num(ratio, 1, 'nb')} × kommunesnittet ({_num(avg, 1, 'nb')} per 1000)",
             f"{_num(ratio, 1, 'en')} × the municipal average ({_num(avg, 1, 'en')} per 1,000)"),
            ("E",), sev, ratio))
    w = h.what_if
    if w is not None:
        name = a.zones.at[a.primary_zone, "zone_name"] if a.primary_zone in a.zones.index else a.primary_zone
        before, after = w.share_before, w.share_after
        if _small(h.zone_municipal_units):
            before = np.nan
        if _small(w.municipal_after):
            after = np.nan
        zone_rank = a.zones.at[a.primary_zone, "composite_rank"] if a.primary_zone in a.zones.index else None
        burdened = h.add_municipal > 0 and _in_worst(zone_rank, a.n_zones)
        if h.add_municipal == 0 and h.add_other == 0:
            sev = "info"
        elif (np.isfinite(w.share_after) and w.share_after >= SHARE_OBS_MULTIPLE * w.average_after) or burdened:
            sev = "obs"
        elif np.isfinite(w.share_after) and w.share_after > w.average_after:
            sev = "info"
        else:
            sev = "ok"
        extra_nb = "; sonen er blant de 20 % mest belastede" if burdened else ""
        extra_en = "; the zone is among the worst 20 %" if burdened else ""
        out.append(_f(
            "housing", "municipal_share",
            (f"Kommunal andel av boligene i {name}", f"Municipal share of dwellings in {name}"),
            (f"{_pct(before, 1, 'nb')} → {_pct(after, 1, 'nb')}", f"{_pct(before, 1, 'en')} → {_pct(after, 1, 'en')}"),
            (f"planen: +{h.add_municipal} kommunale, +{h.add_other} andre boliger; kommunen "
             f"{_pct(w.average_after, 1, 'nb')}{extra_nb}",
             f"plan: +{h.add_municipal} municipal, +{h.add_other} other dwellings; municipality "
             f"{_pct(w.average_after, 1, 'en')}{extra_en}"),
            ("E",), sev, after))
    return out


# --------------------------------------------------------------------------------------------
# text


# One home for every format (core.text) and for what may be shown (privacy); short local names.
_num = format_number
_pct = format_percent
_count = format_count


def _num_en(v, decimals: int = 0) -> str:
    return format_number(v, decimals, "en")


def _pct_en(v) -> str:
    return format_percent(v, 1, "en")


def _count_en(v) -> str:
    return format_count(v, "en")


def _principles_text(letters) -> str:
    ls = sorted(set(letters), key=_ALL_PRINCIPLES.index) if letters else []
    if not ls:
        return ""
    out, run = [], [ls[0]]
    for x in ls[1:]:
        if _ALL_PRINCIPLES.index(x) == _ALL_PRINCIPLES.index(run[-1]) + 1:
            run.append(x)
        else:
            out.append(run)
            run = [x]
    out.append(run)
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) >= 3 else ", ".join(r) for r in out)
