"""From a Project to a full ZoneTable: every theme layer the app shows, computed in one place.

:func:`compute_themes` runs the four overlays (green coverage, transit access, municipal housing
density, levekår rates), the standard indicators beside them (SDG 11.2.1 and 11.7.1, dwellings
near outdoor areas, green coverage by every definition) and then the "where does inequality
cluster" layer on top of them (composite index, multiple-burden flags, Local Moran and Getis-Ord
Gi*). Each result becomes ZoneTable columns with a
:class:`~ungtloft_map.core.zonetable.ColumnInfo` saying what it is. The GUI, the CLI, the
reports and the benchmarks all call this function.

Any subset of inputs works: a result whose inputs are missing is listed in
:attr:`ThemeResults.not_computed` as a :class:`NotComputed` naming what it needs (text in bokmål
and English), and what can be computed is. Transit access needs only the feed: without a
population grid it is averaged over a 250 m grid over the zones by area (said in the column's
definition); without destinations the travel times are the part not computed.

The slow part (transit access: a travel-time matrix over a 120-minute window) is cached on the
project by its inputs, so changing weights or the index method recomputes in well under a second.
Across processes the whole results are kept in the user's cache folder, keyed by the data's
content, the year, the settings and the code (:mod:`ungtloft_map.core.io.resultcache`).

Examples
--------
>>> from ungtloft_map.core.project import Project
>>> res = compute_themes(Project.demo())
>>> res.not_computed
{}
>>> zone = res.zone_table.gdf.loc["0101"]
>>> round(float(zone["composite_score"]), 3), int(zone["n_flags"]), zone["lisa_label"]
(0.429, 0, 'Low-Low')
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from .analysis import clusters as cl
from .analysis.green import GREEN_DEFINITIONS, green_coverage
from .analysis.housing import housing_density
from .analysis.index import OVERLAY_INDICATORS, burden_flags, composite_index
from .errors import AnalysisError, DataWarning
from .project import Project
from .text import INDEX_METHOD_DEFINITIONS, THEME_NAMES, format_short
from .zonetable import ColumnInfo, ZoneTable

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .analysis.sdg import SdgIndicators
    from .analysis.transit.access import TransitAccess
    from .analysis.transit.network import TransitNetwork

Progress = Callable[[str, float], bool | None]

# Colours of the categorical cluster layers (ColorBrewer/GeoDa conventions).
LISA_COLORS = {"High-High": "#d7191c", "Low-Low": "#2c7bb6", "High-Low": "#fdae61", "Low-High": "#abd9e9",
               cl.NOT_SIGNIFICANT: "#f0f0f0", cl.NO_DATA: "#bdbdbd"}
GI_COLORS = {cl.HOT_SPOT: "#d7191c", cl.COLD_SPOT: "#2c7bb6", cl.NOT_SIGNIFICANT: "#f0f0f0",
             cl.NO_DATA: "#bdbdbd"}

#: What each result is called when it is listed as computed or not computed: key → (nb, en).
RESULT_NAMES: dict[str, tuple[str, str]] = {
    "levekar": THEME_NAMES["levekar"],
    "green": THEME_NAMES["green"],
    "housing": THEME_NAMES["housing"],
    "housing_per_1000": ("Kommunale boliger per 1 000 bosatte", "Municipal dwellings per 1,000 residents"),
    "transit": THEME_NAMES["transit"],
    "transit_time_centre": ("Reisetid til sentrum", "Travel time to the centre"),
    "transit_time_school": ("Reisetid til videregående skole", "Travel time to upper-secondary school"),
    "sdg_11_2_1": ("SDG 11.2.1 lett tilgang til kollektivtransport",
                   "SDG 11.2.1 convenient access to public transport"),
    "sdg_11_7_1": ("SDG 11.7.1 tilgang til åpne, offentlige områder",
                   "SDG 11.7.1 access to open public space"),
    "dwellings_outdoor_access": ("Boliger med uteområde i gangavstand",
                                 "Dwellings with an outdoor area within walking distance"),
    "index": THEME_NAMES["index"],
    "clusters": ("Klynger (Local Moran, Gi*)", "Clusters (Local Moran, Gi*)"),
}
#: The four themes of the index, by name (the same words as :data:`RESULT_NAMES`).
THEME_LABELS_NB = {k: RESULT_NAMES[k][0] for k in ("levekar", "green", "transit", "housing")}
THEME_LABELS_EN = {k: RESULT_NAMES[k][1] for k in ("levekar", "green", "transit", "housing")}
#: The inputs a result can need: key → (nb, en).
INPUT_NAMES: dict[str, tuple[str, str]] = {
    "indicators": ("en levekårstabell", "a levekår table"),
    "population": ("et befolkningsrutenett", "a population grid"),
    "green_areas": ("grøntområder", "green areas"),
    "gtfs": ("GTFS-rutedata", "a GTFS feed"),
    "destinations": ("målpunkter", "destinations"),
    "destinations_centre": ("et målpunkt av kategorien «centre»", "a destination of category 'centre'"),
    "destinations_school": ("et målpunkt av kategorien «upper_secondary»",
                            "a destination of category 'upper_secondary'"),
    "municipal_housing": ("kommunale boliger", "municipal housing"),
    "dwellings": ("boliger (adressepunkter med antall)", "dwellings (address points with counts)"),
    "index_inputs": ("minst én indikator (en levekårstabell eller et beregnet tema)",
                     "at least one indicator (a levekår table or a computed theme)"),
    "index": ("den sammensatte indeksen", "the composite index"),
    "min_zones": ("minst {n} soner (med færre gir permutasjonstesten ingen holdbar p-verdi)",
                  "at least {n} zones (with fewer the permutation test gives no meaningful p-value)"),
}

#: Fewer zones than this and LISA/Gi* are not run: with a handful of zones a conditional
#: permutation can only draw a few distinct neighbour sets, so pseudo p-values of 0.001 appear
#: from ties alone (seen on the 5 real Trondheim zones). GeoDa warns in the same situation.
MIN_CLUSTER_ZONES = 10


@dataclass(frozen=True)
class NotComputed:
    """Why one result is missing: the inputs it needs (``code="needs"``) or a failure.

    Examples
    --------
    >>> NotComputed("green", "needs", ("population", "green_areas")).text("en")
    'Green structure: not computed – needs a population grid and green areas'
    """

    key: str
    code: str = "needs"  # "needs": inputs missing | "failed": the analysis could not run
    needs: tuple[str, ...] = ()
    detail: str = ""

    def text(self, lang: str = "nb") -> str:
        """One line in bokmål (``"nb"``) or English (``"en"``)."""
        i = 1 if lang == "en" else 0
        name = RESULT_NAMES.get(self.key, (self.key, self.key))[i]
        if self.code == "needs":
            parts = [INPUT_NAMES.get(n, (n, n))[i].replace("{n}", str(MIN_CLUSTER_ZONES))
                     for n in self.needs]
            joined = (", ".join(parts[:-1]) + (" and " if i else " og ") + parts[-1]
                      if len(parts) > 1 else "".join(parts))
            return f"{name}: " + ("not computed – needs " if i else "ikke beregnet – mangler ") + joined
        return f"{name}: " + ("not computed – " if i else "ikke beregnet – ") + self.detail


class _Missing(AnalysisError):
    """Raised by a step whose inputs are not in the project (becomes a :class:`NotComputed`)."""

    def __init__(self, key: str, *needs: str) -> None:
        self.not_computed = NotComputed(key, "needs", tuple(needs))
        super().__init__(self.not_computed.text("en"))


@dataclass
class AnalysisSettings:
    """Every choice the analyses depend on (saved with a project)."""

    green_definition: str = "ssb_rekreasjon"
    transit_date: str | None = None
    transit_window: str = "07:00-09:00"
    index_method: str = "percentile"
    weights: dict[str, float] = field(default_factory=dict)  # indicator key → weight (default 1)
    theme_weights: dict[str, float] = field(default_factory=dict)  # theme → weight (default 1)
    burden_percentile: float = 0.8
    compute_clusters: bool = True  # False: skip LISA/Gi* (batch ranking needs no permutations)
    cluster_column: str = "composite_score"
    cluster_weights: str = "queen"
    cluster_k: int = 5
    permutations: int = 999
    alpha: float = 0.05
    fdr: bool = False
    seed: int = 12345


@dataclass
class ThemeResults:
    """The full ZoneTable and the analysis results behind its columns."""

    zone_table: ZoneTable
    settings: AnalysisSettings
    green: object | None = None
    housing: object | None = None
    transit: object | None = None
    index: object | None = None
    flags: object | None = None
    lisa: object | None = None
    getis: object | None = None
    weights: object | None = None
    sdg: object | None = None
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[DataWarning] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    not_computed: dict[str, NotComputed] = field(default_factory=dict)
    #: How a result was computed when the data made the app choose, as (bokmål, English).
    notes: list[tuple[str, str]] = field(default_factory=list)

    def __repr__(self) -> str:
        done = [n for n in ("green", "housing", "transit", "sdg", "index", "flags", "lisa", "getis")
                if getattr(self, n) is not None]
        t = ", ".join(f"{k}={v:.2f}s" for k, v in self.timings.items())
        return (f"ThemeResults(zones={len(self.zone_table)}, computed={done}, "
                f"not_computed={list(self.not_computed)}, errors={list(self.errors)}, {t})")

    def describe_not_computed(self, lang: str = "nb") -> list[str]:
        """One line per result that is not computed and why, in bokmål or English.

        Examples
        --------
        >>> compute_themes(project).describe_not_computed("en")  # doctest: +SKIP
        ['Living conditions: not computed – needs a levekår table', ...]
        """
        return [nc.text(lang) for nc in self.not_computed.values()]

    def describe_notes(self, lang: str = "nb") -> list[str]:
        """How results were computed where the data decided it (e.g. transit without residents)."""
        return [en if lang == "en" else nb for nb, en in self.notes]

    def _record(self, nc: NotComputed) -> None:
        self.not_computed[nc.key] = nc
        # The window shows ``errors``; keep it saying the same.
        self.errors[nc.key] = nc.text("nb")

    def cluster_summary(self, lang: str = "nb") -> str:
        return " ".join(s.text for s in self.cluster_summary_sentences(lang))

    def cluster_summary_sentences(self, lang: str = "nb") -> list:
        """The cluster summary as findings (:class:`~.analysis.clusters.Sentence`: code, params,
        text), one per line in a view; empty without clusters."""
        if self.lisa is None:
            return []
        names = self.zone_table.gdf.get("district_name", self.zone_table.gdf["zone_name"])
        return cl.summary_sentences(self.lisa, names, lang)


# OVERLAY_INDICATORS (the overlay columns of the composite index) lives with the index in
# analysis/index.py: one list for the pipeline and the target-area ranking.


def compute_themes(
    project: Project,
    year: int | None = None,
    settings: AnalysisSettings | None = None,
    *,
    progress: Progress | None = None,
    on_step: Callable[[str, ThemeResults], None] | None = None,
) -> ThemeResults:
    """Compute every theme layer for ``year`` and return the enriched ZoneTable.

    ``on_step(name, results)`` (optional) is called after each step with the results so far, so
    a window can show the theme layers as they arrive (it runs in the computing thread).

    Each result is computed when its inputs are in the project; otherwise it is listed in
    ``not_computed`` with the inputs it needs (:meth:`ThemeResults.describe_not_computed`), and
    an analysis that cannot run on the data it has is listed there with its message. Broken
    input (a bad layer, a feed without the chosen date) raises its ``DataError``.
    """
    from .analysis.privacy import threshold_or_default
    from .io.resultcache import cached_themes

    settings = settings or AnalysisSettings()
    # Kept across processes in the user's cache folder, keyed by the data's content, the
    # settings and the code (core/io/resultcache.py); a hit reports its steps like a computation.
    return cached_themes(
        project, year, settings,
        lambda: _compute_themes(project, year, settings, progress=progress, on_step=on_step),
        resolve=_result_class, threshold=threshold_or_default(),
        replay=lambda res, steps: _replay(res, steps, progress, on_step))


def _result_class(name: str) -> type | None:
    """The class ``"module:qualname"`` of a stored result: only the app's own core classes."""
    import importlib

    module, _, qual = name.partition(":")
    if not module.startswith("ungtloft_map.core.") or not qual.isidentifier():
        return None
    try:
        obj = getattr(importlib.import_module(module), qual, None)
    except ImportError:
        return None
    return obj if isinstance(obj, type) and obj.__module__ == module else None


def _replay(res: ThemeResults, steps: list[str], progress: Progress | None, on_step) -> None:
    """Report the steps of results read from the disk cache, as a computation would."""
    for name in (n for n in steps if n in _STEP_FRACTIONS):
        if progress is not None and progress(name, _STEP_FRACTIONS[name]) is False:
            raise AnalysisError("cancelled")
        if on_step is not None:
            on_step(name, res)
    if progress is not None:
        progress("done", 1.0)


#: The steps of :func:`compute_themes` and where each starts on the progress bar.
_STEP_FRACTIONS = {"green": 0.05, "housing": 0.2, "transit": 0.3, "sdg": 0.6, "index": 0.7,
                   "clusters": 0.8}


def _compute_themes(project: Project, year: int | None, settings: AnalysisSettings, *,
                    progress: Progress | None, on_step) -> ThemeResults:
    zt = project.zone_table(year).copy()
    res = ThemeResults(zt, settings)
    if project.indicators is None:
        res._record(NotComputed("levekar", "needs", ("indicators",)))

    def step(name: str, frac: float, fn: Callable[[], None]) -> None:
        if progress is not None and progress(name, frac) is False:
            raise AnalysisError("cancelled")
        t0 = time.perf_counter()
        try:
            fn()
        except _Missing as err:
            res._record(err.not_computed)
        except AnalysisError as err:
            res._record(NotComputed(name, "failed", detail=str(err)))
        res.timings[name] = time.perf_counter() - t0
        if on_step is not None:
            on_step(name, res)

    f = _STEP_FRACTIONS
    step("green", f["green"], lambda: _green(project, zt, settings, res))
    step("housing", f["housing"], lambda: _housing(project, zt, res))
    step("transit", f["transit"], lambda: _transit(project, zt, settings, res))
    step("sdg", f["sdg"], lambda: _sdg(project, zt, settings, res))
    step("index", f["index"], lambda: _index(project, zt, settings, res))
    if settings.compute_clusters:
        step("clusters", f["clusters"], lambda: _clusters(zt, settings, res))
    if progress is not None:
        progress("done", 1.0)
    return res


def _add(zt: ZoneTable, name: str, values: pd.Series, label_nb: str, label_en: str, unit: str, *,
         kind: str = "measure", direction: str | None = None, theme: str | None = None,
         definition_nb: str = "", definition_en: str = "", source: str = "", municipal: float | None = None,
         categories: dict[str, str] | None = None, count_col: str | None = None,
         denom_col: str | None = None) -> None:
    # denom_col names the count a measure is built on (residents, dwellings): the exports
    # suppress the measure wherever that count is small.
    info = ColumnInfo(name, label_nb, label_en, unit, kind=kind, direction=direction, theme=theme,
                      definition_nb=definition_nb, definition_en=definition_en, source=source,
                      count_col=count_col, denom_col=denom_col,
                      categories=tuple(categories.items()) if categories else None)
    zt.add_column(values, info, municipal=municipal)


def _green(project: Project, zt: ZoneTable, s: AnalysisSettings, res: ThemeResults) -> None:
    pop, green = project.population_cells(), project.layer("green_areas")
    needs = [n for n, v in (("population", pop), ("green_areas", green)) if v is None]
    if needs:
        raise _Missing("green", *needs)
    zones = zt.gdf[["zone_id", zt.gdf.geometry.name]].reset_index(drop=True)
    g = green_coverage(pop, green, zones, s.green_definition, network=project.layer("paths"))
    res.green = g
    res.warnings.extend(g.warnings)
    d = g.definition
    pz = g.per_zone
    total_pop = pz["population"].sum()
    _add(zt, "green_covered_pct", pz["green_covered_share"] * 100, "Bosatte med grøntområde i nærheten",
         "Residents near a green area", "%", direction="high_is_good", theme="green",
         definition_nb=f"Andel av bosatte (befolkningsvektet fra 250 m-rutene) med {_rule_nb(d)} "
                       f"(definisjon: {d.label}; rettlinjet avstand til kanten, sammenhengende områder slått sammen).",
         definition_en=f"Share of residents (population-weighted from the 250 m cells) with {_rule_en(d)} "
                       f"(definition: {d.key}; straight-line distance to the edge, touching areas dissolved).",
         source="Beregnet fra grøntområder og befolkningsrutenett", municipal=g.covered_share * 100,
         denom_col="population")
    _add(zt, "green_m2_per_resident", pz["green_m2_per_resident"], "Offentlig grøntareal per bosatt",
         "Public green area per resident", "m²/person", direction="high_is_good", theme="green",
         definition_nb="Areal av grøntområder i sonen (marka/skog holdt utenfor) delt på sonens bosatte.",
         definition_en="Area of green areas in the zone (forest/marka excluded) divided by the zone's residents.",
         source="Beregnet fra grøntområder og befolkningsrutenett",
         municipal=float(pz["public_green_m2"].sum() / total_pop) if total_pop > 0 else np.nan,
         denom_col="population")
    _add(zt, "green_area_pct", pz["green_area_share"] * 100, "Grøntandel av arealet", "Green share of area", "%",
         direction="high_is_good", theme="green",
         definition_nb="Andel av sonens areal som er grøntområde (alle typer).",
         definition_en="Share of the zone's area that is green area (all kinds).",
         source="Beregnet fra grøntområder",
         municipal=float(pz["green_m2"].sum() / pz["zone_area_m2"].sum() * 100))
    # The other standard definitions beside the chosen one (SSB nærturterreng, WHO ...): shown
    # and exported, not part of the index.
    for key, other in GREEN_DEFINITIONS.items():
        if key == d.key:
            continue
        o = green_coverage(pop, green, zones, other, network=project.layer("paths"))
        _add(zt, f"green_covered_pct_{key}", o.per_zone["green_covered_share"] * 100,
             f"Bosatte med grøntområde i nærheten ({other.label})",
             f"Residents near a green area ({other.label})", "%", direction="high_is_good", theme="green",
             definition_nb=f"Andel av bosatte med {_rule_nb(other)} ({other.source}; rettlinjet avstand "
                           "til kanten, sammenhengende områder slått sammen).",
             definition_en=f"Share of residents with {_rule_en(other)} ({other.source}; straight-line "
                           "distance to the edge, touching areas dissolved).",
             source="Beregnet fra grøntområder og befolkningsrutenett", municipal=o.covered_share * 100,
             denom_col="population")


def _rule_nb(d) -> str:
    return f"grøntområde på minst {d.min_area_m2 / 1000:g} daa innen {d.max_distance_m:g} m"


def _rule_en(d) -> str:
    return f"a green area of at least {d.min_area_m2 / 1000:g} decares within {d.max_distance_m:g} m"


def _housing(project: Project, zt: ZoneTable, res: ThemeResults) -> None:
    mun, dw = project.layer("municipal_housing"), project.layer("dwellings")
    needs = [n for n, v in (("municipal_housing", mun), ("dwellings", dw)) if v is None]
    if needs:
        raise _Missing("housing", *needs)
    pop = project.population_cells()
    if pop is None:  # the shares need no residents; the rate per 1,000 residents does
        res._record(NotComputed("housing_per_1000", "needs", ("population",)))
        pop = gpd.GeoDataFrame({"zone_id": [], "population": []}, geometry=[], crs=zt.gdf.crs)
    h = housing_density(mun, dw, pop, zt.gdf[["zone_id", zt.gdf.geometry.name]].reset_index(drop=True))
    res.housing = h
    res.warnings.extend(w for w in h.warnings
                        if "housing_per_1000" not in res.not_computed or w.layer != "population")
    pz, tot = h.per_zone, h.totals
    src = "Beregnet fra kommunale boliger og boligregister"
    _add(zt, "municipal_units", pz["municipal_units"], "Kommunale boliger", "Municipal dwellings", "boliger",
         kind="count", theme="housing", source=src)
    _add(zt, "dwellings", pz["dwellings"], "Boliger i alt", "All dwellings", "boliger", kind="denominator",
         theme="housing", source=src)
    _add(zt, "municipal_share", pz["municipal_share"], "Kommunale boliger, andel av boligene",
         "Municipal dwellings, share of dwellings", "%", direction="high_is_bad", theme="housing",
         definition_nb="Kommunalt disponerte boliger delt på alle boliger i sonen (som Oslo bydelsfakta). "
                       "Høy konsentrasjon regnes som belastning i indeksen.",
         definition_en="Municipal dwellings divided by all dwellings in the zone (as Oslo Bydelsfakta). "
                       "A high concentration counts as a burden in the index.",
         source=src, municipal=float(tot["municipal_share"]), count_col="municipal_units",
         denom_col="dwellings")
    if "housing_per_1000" not in res.not_computed:
        _add(zt, "municipal_per_1000", pz["municipal_per_1000"], "Kommunale boliger per 1 000 bosatte",
             "Municipal dwellings per 1,000 residents", "per 1 000", direction="high_is_bad", theme="housing",
             definition_nb="Kommunale boliger per 1 000 bosatte i sonen.",
             definition_en="Municipal dwellings per 1,000 residents of the zone.", source=src,
             municipal=float(tot["municipal_per_1000"]), count_col="municipal_units")
    _add(zt, "municipal_per_km2", pz["municipal_per_km2"], "Kommunale boliger per km²", "Municipal dwellings per km²",
         "per km²", direction="high_is_bad", theme="housing",
         definition_nb=f"Kommunale boliger per km² ({h.area_basis}).",
         definition_en=f"Municipal dwellings per km² ({h.area_basis}).", source=src,
         municipal=float(tot["municipal_per_km2"]), count_col="municipal_units")


@dataclass
class AnalysisCache:
    """The pipeline's in-memory cache of one project: each slow result made once per key.

    The one place the pipeline keeps results between runs (:func:`analysis_cache`); across
    processes, ``core/cache.py`` keeps the parsed feed and the transit access on disk.

    Attributes
    ----------
    networks
        (feed path, date, window) -> the prepared transit network: read once, used by transit
        access, SDG 11.2.1, the plan assessment and isochrones.
    transit
        (feed path, date, window, by area, has destinations) -> the transit access.
    sdg
        (keys, date, window, minimum departures, options) -> the SDG indicators.
    """

    networks: dict[tuple, TransitNetwork] = field(default_factory=dict)
    transit: dict[tuple, TransitAccess] = field(default_factory=dict)
    sdg: dict[tuple, SdgIndicators] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"AnalysisCache(networks={len(self.networks)}, transit={len(self.transit)}, "
                f"sdg={len(self.sdg)})")


def analysis_cache(project: Project) -> AnalysisCache:
    """The :class:`AnalysisCache` of ``project``, made on first use and kept on the project."""
    cache = project.__dict__.get("_analysis_cache")
    if not isinstance(cache, AnalysisCache):
        cache = project.__dict__["_analysis_cache"] = AnalysisCache()
    return cache


def transit_network(project: Project, settings: AnalysisSettings | None = None):
    """The transit network of the project's feed for the settings' day and window.

    Loaded once per (feed, date, window) and kept on the project: the feed takes seconds to read,
    and transit access, plan assessment and isochrones all need the same network.
    """
    from .analysis.transit.network import prepare_network
    from .io.gtfs import load_gtfs

    s = settings or AnalysisSettings()
    if project.gtfs_path is None:
        raise AnalysisError("the project has no GTFS feed")
    key = (str(project.gtfs_path), s.transit_date, s.transit_window)
    networks = analysis_cache(project).networks
    if key not in networks:
        networks[key] = prepare_network(load_gtfs(project.gtfs_path, s.transit_date),
                                        s.transit_window)
    return networks[key]


def compute_sdg_indicators(
    project: Project,
    *,
    transit_date: str | None = None,
    window: str = "07:00-09:00",
    min_departures_per_hour: float | None = None,
    keys=None,
    options=None,
):
    """SDG 11.2.1, 11.7.1 and dwellings near outdoor areas from a project's layers.

    :func:`ungtloft_map.core.analysis.sdg.sdg_indicators` on the project's zones, population
    cells (as the zone table counts them), green areas, dwellings and paths, with the transit
    network of :func:`transit_network` (the feed is read once per day and window). Cached on the
    project by the settings; an indicator whose layers are missing is named in ``errors``.

    Parameters
    ----------
    transit_date, window
        The GTFS service day (None: the loader's default weekday) and the morning window.
    min_departures_per_hour, keys, options
        As for :func:`~ungtloft_map.core.analysis.sdg.sdg_indicators` (``keys`` None: all).

    Examples
    --------
    >>> ind = compute_sdg_indicators(Project.demo(), min_departures_per_hour=4)
    >>> ind["dwellings_outdoor_access"].per_zone.loc["0101", ["base", "covered"]].tolist()
    [3560.0, 3338.0]
    """
    from .analysis.sdg import SDG_KEYS, sdg_indicators

    keys = tuple(SDG_KEYS if keys is None else keys)
    options = {k: dict(v) for k, v in (options or {}).items()}
    cache = analysis_cache(project).sdg
    ck = (keys, transit_date, window, min_departures_per_hour, repr(sorted(options.items())))
    if ck not in cache:
        settings = AnalysisSettings(transit_date=transit_date, transit_window=window)
        network = (None if project.gtfs_path is None
                   else (lambda: transit_network(project, settings)))
        cache[ck] = sdg_indicators(
            project.zones.reset_index(drop=True), project.population_cells(),
            project.layer("green_areas"), project.layer("dwellings"), network=network,
            paths=project.layer("paths"), min_departures_per_hour=min_departures_per_hour,
            keys=keys, options=options)
    return cache[ck]


def _transit(project: Project, zt: ZoneTable, s: AnalysisSettings, res: ThemeResults) -> None:
    from .analysis.apportion import zone_grid
    from .analysis.transit.access import TransitAccess, transit_access
    from .cache import cached_transit_access

    if project.gtfs_path is None:
        raise _Missing("transit", "gtfs")
    cells = project.population_cells()
    dests = project.layer("destinations")
    has_dests = dests is not None
    by_area = cells is None
    key = (str(project.gtfs_path), s.transit_date, s.transit_window, by_area, has_dests)
    cache = analysis_cache(project).transit
    if key not in cache:
        if by_area:
            # No population grid: a 250 m grid over the zones, each part weighing by its area.
            grid = zone_grid(zt.gdf)
            cells = grid.assign(population=grid["area_m2"])[["zone_id", "population", "geometry"]]
        if not has_dests:  # the stop measures need no destinations
            dests = gpd.GeoDataFrame({"name": [], "category": []}, geometry=[], crs=zt.gdf.crs)
        # Also kept across processes in the user's cache folder, keyed by content (core/cache.py).
        cache[key] = cached_transit_access(transit_network(project, s), cells, dests, zt.gdf.index,
                                           transit_access, result_type=TransitAccess)
    acc = cache[key]
    res.transit = acc
    # "no destination of category ..." is said once, as a result not computed (below).
    res.warnings.extend(w for w in acc.warnings if w.layer != "destinations")
    z = acc.zones
    cells = acc.cells
    src = f"Beregnet fra GTFS ({acc.date}, avganger {acc.window})"
    if by_area:
        res.notes.append(("Kollektivtilgang: arealvektet over et generert 250 m-rutenett over sonene "
                          "(prosjektet har ikke befolkningsrutenett).",
                          "Transit access: area-weighted over a generated 250 m grid over the zones "
                          "(the project has no population grid)."))
        basis_nb = ("arealvektet gjennomsnitt over et generert 250 m-rutenett over sonene (prosjektet "
                    "har ikke befolkningsrutenett), fra midtpunktet av hver rutes del i sonen")
        basis_en = ("area-weighted mean over a generated 250 m grid over the zones (the project has no "
                    "population grid), from the centre of each cell's part in the zone")
        median_nb, median_en = "arealvektet median", "area-weighted median"
    else:
        basis_nb = "befolkningsvektet gjennomsnitt over 250 m-rutene i sonen, fra rutenes midtpunkt"
        basis_en = "population-weighted mean over the zone's 250 m cells, from the cell centres"
        median_nb, median_en = "befolkningsvektet median", "population-weighted median"
    denom = None if by_area else "population"

    def wmed(col):  # weighted median over all cells: the municipal figure
        c = cells[[col, "population"]].dropna()
        if c.empty or c["population"].sum() <= 0:
            return np.nan
        c = c.sort_values(col)
        cum = c["population"].cumsum() / c["population"].sum()
        return float(c[col].to_numpy()[np.searchsorted(cum.to_numpy(), 0.5)])

    _add(zt, "dist_to_stop_m", z["dist_to_stop_m"], "Avstand til nærmeste holdeplass", "Distance to nearest stop",
         "m", direction="high_is_bad", theme="transit",
         definition_nb=f"Rettlinjet avstand til nærmeste holdeplass med avganger i {acc.window}; {basis_nb}.",
         definition_en=f"Straight-line distance to the nearest stop with departures in {acc.window}; {basis_en}.",
         source=src, municipal=wmed("dist_to_stop_m"), denom_col=denom)
    _add(zt, "departures_per_hour_500m", z["departures_per_hour_500m"], "Avganger per time innen 500 m",
         "Departures per hour within 500 m", "per time", direction="high_is_good", theme="transit",
         definition_nb=f"Avganger per time fra holdeplasser innen 500 m i vinduet {acc.window} (en tur telles "
                       f"én gang); {basis_nb}.",
         definition_en=f"Departures per hour at stops within 500 m in the window {acc.window} (a trip counts "
                       f"once); {basis_en}.",
         source=src, municipal=wmed("departures_per_hour_500m"), denom_col=denom)
    for col, cat_key, cat, label_nb, label_en, what_nb, what_en in (
            ("time_to_centre_min", "destinations_centre", "centre", "Reisetid til sentrum",
             "Travel time to the centre", "til sentrum", "to the centre"),
            ("time_to_school_min", "destinations_school", "upper_secondary",
             "Reisetid til nærmeste videregående skole", "Travel time to the nearest upper-secondary school",
             "til den nærmeste videregående skolen ved hvert avgangsminutt",
             "to the nearest upper-secondary school at each minute")):
        result = "transit_time_centre" if cat == "centre" else "transit_time_school"
        if not has_dests:
            res._record(NotComputed(result, "needs", ("destinations",)))
            continue
        if not (dests["category"] == cat).any():
            res._record(NotComputed(result, "needs", (cat_key,)))
            continue
        _add(zt, col, z[col], label_nb, label_en, "min", direction="high_is_bad", theme="transit",
             definition_nb=f"Median dør-til-dør-reisetid med kollektiv og gange {what_nb} over alle "
                           f"avgangsminutter i {acc.window} (R5-definisjonen), {median_nb} i sonen.",
             definition_en=f"Median door-to-door transit+walk travel time {what_en} over every departure "
                           f"minute in {acc.window} (the R5 definition), {median_en} in the zone.",
             source=src, municipal=wmed(col), denom_col=denom)


def _sdg(project: Project, zt: ZoneTable, s: AnalysisSettings, res: ThemeResults) -> None:
    """SDG 11.2.1, 11.7.1 and dwellings near outdoor areas (as on the dashboard), as columns."""
    from .analysis.sdg import SDG_DEFINITIONS_EN

    ind = compute_sdg_indicators(project, transit_date=s.transit_date, window=s.transit_window)
    res.sdg = ind
    res.warnings.extend(w for w in ind.warnings if w not in res.warnings)
    for key, needs in ind.missing.items():
        res._record(NotComputed(key, "needs", tuple(needs)))
    for key, err in ind.errors.items():
        if key not in ind.missing:
            res._record(NotComputed(key, "failed", detail=err))
    for key, r in ind.results.items():
        name_en = RESULT_NAMES[key][1]
        code = f"SDG {r.sdg}: " if r.sdg else ""
        _add(zt, key, r.values, f"{code}{r.label}" if r.sdg else r.label, name_en, "%",
             direction="high_is_good", theme="sdg", definition_nb=r.definition,
             definition_en=SDG_DEFINITIONS_EN[key](r.parameters),
             source="Beregnet i UngtLøft Map (UN-Habitat-metadata)", municipal=r.municipal,
             denom_col="population" if r.base == "bosatte" else "dwellings")


def _index_inputs(project: Project, zt: ZoneTable) -> tuple[pd.DataFrame, dict, dict]:
    cols, directions, themes = [], {}, {}
    for ind in project.catalogue:
        if ind.key in zt.gdf.columns:
            cols.append(ind.key)
            directions[ind.key] = ind.direction
            themes[ind.key] = ind.theme
    for col, theme, direction in OVERLAY_INDICATORS:
        if col in zt.gdf.columns and zt.gdf[col].notna().any():
            cols.append(col)
            directions[col] = direction
            themes[col] = theme
    return pd.DataFrame(zt.gdf[cols]).astype(float), directions, themes


def _index(project: Project, zt: ZoneTable, s: AnalysisSettings, res: ThemeResults) -> None:
    values, directions, themes = _index_inputs(project, zt)
    if values.empty:
        raise _Missing("index", "index_inputs")
    weights = {k: float(s.weights.get(k, 1.0)) for k in values.columns}
    theme_w = {t: float(s.theme_weights.get(t, 1.0)) for t in set(themes.values())}
    pop = zt.gdf["population"].astype(float) if "population" in zt.gdf.columns else None
    municipal = {k: zt.municipal_value(k) for k in values.columns}
    idx = composite_index(values, directions, themes, method=s.index_method, weights=weights,
                          theme_weights=theme_w, population=pop, municipal_values=municipal)
    res.index = idx
    res.warnings.extend(idx.warnings)
    method_nb, method_en = INDEX_METHOD_DEFINITIONS[s.index_method]
    unit = {"percentile": "0–1", "zscore": "z", "ratio": "indeks"}[s.index_method]
    _add(zt, "composite_score", idx.scores, "Sammensatt belastningsindeks", "Composite disadvantage index", unit,
         kind="score", direction="high_is_bad",
         definition_nb=f"Samlet belastning: {method_nb}; høyere = mer belastet. Temaer: "
                       + ", ".join(THEME_LABELS_NB.get(t, t) for t in idx.theme_scores.columns) + ".",
         definition_en=f"Overall disadvantage: {method_en}; higher = more disadvantaged. Themes: "
                       + ", ".join(THEME_LABELS_EN.get(t, t) for t in idx.theme_scores.columns) + ".",
         source="Beregnet i UngtLøft Map")
    _add(zt, "composite_rank", idx.rank.astype(float), "Rang i indeksen", "Index rank", "rang", kind="rank",
         definition_nb="1 = mest belastede sone.", definition_en="1 = most disadvantaged zone.")
    for theme in idx.theme_scores.columns:
        _add(zt, f"theme_{theme}", idx.theme_scores[theme], f"Indeks: {THEME_LABELS_NB.get(theme, theme)}",
             f"Index: {THEME_LABELS_EN.get(theme, theme)}", unit, kind="score", direction="high_is_bad",
             definition_nb=f"Temaets delindeks ({method_nb}).", definition_en=f"The theme's sub-index ({method_en}).",
             source="Beregnet i UngtLøft Map")
    fl = burden_flags(values, directions, themes, percentile=s.burden_percentile)
    res.flags = fl
    pct = round(s.burden_percentile * 100)
    _add(zt, "n_flags", fl.counts["n_flags"].astype(float), "Antall belastninger", "Number of burdens", "antall",
         kind="score", direction="high_is_bad",
         definition_nb=f"Antall indikatorer der sonen er blant de mest belastede (persentilrang ≥ {pct}).",
         definition_en=f"Number of indicators on which the zone is among the most disadvantaged (percentile rank ≥ {pct}).",
         source="Beregnet i UngtLøft Map")


def _clusters(zt: ZoneTable, s: AnalysisSettings, res: ThemeResults) -> None:
    if s.cluster_column not in zt.gdf.columns:
        if s.cluster_column == "composite_score":
            raise _Missing("clusters", "index")
        raise AnalysisError(f"no column {s.cluster_column!r} to look for clusters in")
    if len(zt.gdf) < MIN_CLUSTER_ZONES:
        raise _Missing("clusters", "min_zones")
    w = cl.spatial_weights(zt.gdf, s.cluster_weights, k=s.cluster_k)
    res.weights = w
    values = zt.gdf[s.cluster_column].astype(float)
    info = zt.info.get(s.cluster_column)
    var = info.label("nb") if info else s.cluster_column
    lisa = cl.local_moran(values, w, permutations=s.permutations, seed=s.seed, alpha=s.alpha, fdr=s.fdr)
    res.lisa = lisa
    res.warnings.extend(lisa.warnings)
    alpha_nb = format_short(s.alpha)
    sig = f"{s.permutations} permutasjoner, α = {alpha_nb}{', FDR' if s.fdr else ''}"
    _add(zt, "lisa_label", lisa.labels, "Klynger (Local Moran)", "Clusters (Local Moran)", "", kind="class",
         definition_nb=f"Lokal Moran's I for «{var}», {'dronning' if s.cluster_weights == 'queen' else 'k nærmeste'}-naboer, "
                       f"{sig}. Høy-Høy = belastet sone omgitt av belastede soner.",
         definition_en=f"Local Moran's I of '{info.label('en') if info else var}', {s.cluster_weights} weights, "
                       f"{s.permutations} permutations, α = {s.alpha:g}. High-High = a burdened zone among burdened zones.",
         source="esda/libpysal", categories=LISA_COLORS)
    _add(zt, "lisa_p", lisa.p_values, "Signifikans (pseudo p-verdi)", "Significance (pseudo p-value)", "p",
         kind="measure", definition_nb="Pseudo p-verdi fra betingede permutasjoner.",
         definition_en="Pseudo p-value from conditional permutations.")
    gi = cl.getis_ord(values, w, permutations=s.permutations, seed=s.seed, alpha=s.alpha, fdr=s.fdr)
    res.getis = gi
    _add(zt, "gi_label", gi.labels, "Varme og kalde punkter (Gi*)", "Hot and cold spots (Gi*)", "", kind="class",
         definition_nb=f"Getis-Ord Gi* for «{var}», {sig}.",
         definition_en=f"Getis-Ord Gi* of '{info.label('en') if info else var}', {s.permutations} permutations.",
         source="esda/libpysal", categories=GI_COLORS)


#: Result key (of :data:`RESULT_NAMES`) of the columns that are not named after their result.
_COLUMN_RESULTS = {
    "composite_score": "index", "composite_rank": "index", "n_flags": "index",
    "lisa_label": "clusters", "lisa_p": "clusters", "gi_label": "clusters",
    "dist_to_stop_m": "transit", "departures_per_hour_500m": "transit",
    "time_to_centre_min": "transit_time_centre", "time_to_school_min": "transit_time_school",
    "municipal_per_1000": "housing_per_1000",
}


def result_of_column(column: str | None) -> str | None:
    """The result (a key of :data:`RESULT_NAMES`) that makes ``column``, or None.

    Examples
    --------
    >>> result_of_column("composite_score"), result_of_column("green_covered_pct_who")
    ('index', 'green')
    """
    if not column:
        return None
    if column in _COLUMN_RESULTS or column in RESULT_NAMES:
        return _COLUMN_RESULTS.get(column, column)
    for prefix, key in (("theme_", "index"), ("green_", "green"), ("municipal_", "housing")):
        if column.startswith(prefix):
            return key
    return None


def default_column(zt: ZoneTable) -> str | None:
    """The first indicator of the table that has a value: a levekår rate, else the index, else
    the first theme measure (the zone area does not count); None when there is none.

    Examples
    --------
    >>> default_column(Project.demo().zone_table())
    'low_income'
    """
    cols = zt.theme_columns()
    has = {c for c in cols if c in zt.gdf.columns and zt.gdf[c].notna().any()}
    for wanted in (lambda c, i: i.kind == "rate", lambda c, i: c == "composite_score",
                   lambda c, i: i.kind in ("measure", "score") and c != "area_km2"):
        for c in cols:
            if c in has and wanted(c, zt.info[c]):
                return c
    return None


def with_settings(settings: AnalysisSettings, **changes) -> AnalysisSettings:
    """A copy of ``settings`` with some fields changed."""
    return replace(settings, **changes)
