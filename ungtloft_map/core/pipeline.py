"""From a Project to a full ZoneTable: every theme layer the app shows, computed in one place.

:func:`compute_themes` runs the four overlays (green coverage, transit access, municipal housing
density, levekår rates) and then the "where does inequality cluster" layer on top of them
(composite index, multiple-burden flags, Local Moran and Getis-Ord Gi*). Each result becomes
ZoneTable columns with a :class:`~ungtloft_map.core.zonetable.ColumnInfo` saying what it is.
The GUI, the CLI, the reports and the benchmarks all call this function.

The slow part (transit access: a travel-time matrix over a 120-minute window) is cached on the
project by its inputs, so changing weights or the index method recomputes in well under a second.

Examples
--------
>>> from ungtloft_map.core.project import Project  # doctest: +SKIP
>>> res = compute_themes(Project.demo())  # doctest: +SKIP
>>> res.zone_table.gdf[["composite_score", "n_flags", "lisa_label"]].head()  # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .analysis import clusters as cl
from .analysis.green import green_coverage
from .analysis.housing import housing_density
from .analysis.index import burden_flags, composite_index
from .errors import AnalysisError, DataWarning
from .project import Project
from .zonetable import ColumnInfo, ZoneTable

Progress = Callable[[str, float], bool | None]

THEME_LABELS_NB = {"levekar": "Levekår", "green": "Grøntstruktur", "transit": "Kollektivtilgang",
                   "housing": "Kommunale boliger"}
THEME_LABELS_EN = {"levekar": "Living conditions", "green": "Green structure", "transit": "Transit access",
                   "housing": "Municipal housing"}

# Colours of the categorical cluster layers (ColorBrewer/GeoDa conventions).
LISA_COLORS = {"High-High": "#d7191c", "Low-Low": "#2c7bb6", "High-Low": "#fdae61", "Low-High": "#abd9e9",
               cl.NOT_SIGNIFICANT: "#f0f0f0", cl.NO_DATA: "#bdbdbd"}
GI_COLORS = {cl.HOT_SPOT: "#d7191c", cl.COLD_SPOT: "#2c7bb6", cl.NOT_SIGNIFICANT: "#f0f0f0",
             cl.NO_DATA: "#bdbdbd"}


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
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[DataWarning] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        done = [n for n in ("green", "housing", "transit", "index", "flags", "lisa", "getis") if getattr(self, n) is not None]
        t = ", ".join(f"{k}={v:.2f}s" for k, v in self.timings.items())
        return f"ThemeResults(zones={len(self.zone_table)}, computed={done}, errors={list(self.errors)}, {t})"

    def cluster_summary(self, lang: str = "nb") -> str:
        if self.lisa is None:
            return ""
        names = self.zone_table.gdf.get("district_name", self.zone_table.gdf["zone_name"])
        return cl.summarise(self.lisa, names, lang)


# Indicators of the overlays that enter the composite index: (column, theme, direction).
OVERLAY_INDICATORS: tuple[tuple[str, str, str], ...] = (
    ("green_covered_pct", "green", "high_is_good"),
    ("green_m2_per_resident", "green", "high_is_good"),
    ("time_to_centre_min", "transit", "high_is_bad"),
    ("time_to_school_min", "transit", "high_is_bad"),
    ("departures_per_hour_500m", "transit", "high_is_good"),
    ("municipal_share", "housing", "high_is_bad"),
)


def compute_themes(
    project: Project,
    year: int | None = None,
    settings: AnalysisSettings | None = None,
    *,
    progress: Progress | None = None,
) -> ThemeResults:
    """Compute every theme layer for ``year`` and return the enriched ZoneTable.

    An overlay whose input layer is missing (no GTFS feed, no green areas ...) is skipped and
    named in ``errors``; an overlay whose input is broken raises its ``DataError``.
    """
    settings = settings or AnalysisSettings()
    zt = project.zone_table(year).copy()
    res = ThemeResults(zt, settings)

    def step(name: str, frac: float, fn: Callable[[], None]) -> None:
        if progress is not None and progress(name, frac) is False:
            raise AnalysisError("cancelled")
        t0 = time.perf_counter()
        try:
            fn()
        except AnalysisError as err:
            res.errors[name] = str(err)
        res.timings[name] = time.perf_counter() - t0

    step("green", 0.05, lambda: _green(project, zt, settings, res))
    step("housing", 0.2, lambda: _housing(project, zt, res))
    step("transit", 0.3, lambda: _transit(project, zt, settings, res))
    step("index", 0.7, lambda: _index(project, zt, settings, res))
    if settings.compute_clusters:
        step("clusters", 0.8, lambda: _clusters(zt, settings, res))
    if progress is not None:
        progress("done", 1.0)
    return res


def _add(zt: ZoneTable, name: str, values: pd.Series, label_nb: str, label_en: str, unit: str, *,
         kind: str = "measure", direction: str | None = None, theme: str | None = None,
         definition_nb: str = "", definition_en: str = "", source: str = "", municipal: float | None = None,
         categories: dict[str, str] | None = None) -> None:
    info = ColumnInfo(name, label_nb, label_en, unit, kind=kind, direction=direction, theme=theme,
                      definition_nb=definition_nb, definition_en=definition_en, source=source,
                      categories=tuple(categories.items()) if categories else None)
    zt.add_column(values, info, municipal=municipal)


def _green(project: Project, zt: ZoneTable, s: AnalysisSettings, res: ThemeResults) -> None:
    pop, green = project.layer("population"), project.layer("green_areas")
    if pop is None or green is None:
        raise AnalysisError("green coverage needs a population and a green-areas layer")
    g = green_coverage(pop, green, zt.gdf[["zone_id", zt.gdf.geometry.name]].reset_index(drop=True),
                       s.green_definition, network=project.layer("paths"))
    res.green = g
    res.warnings.extend(g.warnings)
    d = g.definition
    pz = g.per_zone
    rule_nb = f"grøntområde på minst {d.min_area_m2 / 1000:g} daa innen {d.max_distance_m:g} m"
    rule_en = f"a green area of at least {d.min_area_m2 / 1000:g} decares within {d.max_distance_m:g} m"
    total_pop = pz["population"].sum()
    _add(zt, "green_covered_pct", pz["green_covered_share"] * 100, "Bosatte med grøntområde i nærheten",
         "Residents near a green area", "%", direction="high_is_good", theme="green",
         definition_nb=f"Andel av bosatte (befolkningsvektet fra 250 m-rutene) med {rule_nb} "
                       f"(definisjon: {d.label}; rettlinjet avstand til kanten, sammenhengende områder slått sammen).",
         definition_en=f"Share of residents (population-weighted from the 250 m cells) with {rule_en} "
                       f"(definition: {d.key}; straight-line distance to the edge, touching areas dissolved).",
         source="Beregnet fra grøntområder og befolkningsrutenett", municipal=g.covered_share * 100)
    _add(zt, "green_m2_per_resident", pz["green_m2_per_resident"], "Offentlig grøntareal per bosatt",
         "Public green area per resident", "m²/person", direction="high_is_good", theme="green",
         definition_nb="Areal av grøntområder i sonen (marka/skog holdt utenfor) delt på sonens bosatte.",
         definition_en="Area of green areas in the zone (forest/marka excluded) divided by the zone's residents.",
         source="Beregnet fra grøntområder og befolkningsrutenett",
         municipal=float(pz["public_green_m2"].sum() / total_pop) if total_pop > 0 else np.nan)
    _add(zt, "green_area_pct", pz["green_area_share"] * 100, "Grøntandel av arealet", "Green share of area", "%",
         direction="high_is_good", theme="green",
         definition_nb="Andel av sonens areal som er grøntområde (alle typer).",
         definition_en="Share of the zone's area that is green area (all kinds).",
         source="Beregnet fra grøntområder",
         municipal=float(pz["green_m2"].sum() / pz["zone_area_m2"].sum() * 100))


def _housing(project: Project, zt: ZoneTable, res: ThemeResults) -> None:
    mun, dw = project.layer("municipal_housing"), project.layer("dwellings")
    if mun is None or dw is None:
        raise AnalysisError("housing density needs a municipal-housing and a dwellings layer")
    h = housing_density(mun, dw, project.layer("population"),
                        zt.gdf[["zone_id", zt.gdf.geometry.name]].reset_index(drop=True))
    res.housing = h
    res.warnings.extend(h.warnings)
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
         source=src, municipal=float(tot["municipal_share"]))
    _add(zt, "municipal_per_1000", pz["municipal_per_1000"], "Kommunale boliger per 1 000 bosatte",
         "Municipal dwellings per 1,000 residents", "per 1 000", direction="high_is_bad", theme="housing",
         definition_nb="Kommunale boliger per 1 000 bosatte i sonen.",
         definition_en="Municipal dwellings per 1,000 residents of the zone.", source=src,
         municipal=float(tot["municipal_per_1000"]))
    _add(zt, "municipal_per_km2", pz["municipal_per_km2"], "Kommunale boliger per km²", "Municipal dwellings per km²",
         "per km²", direction="high_is_bad", theme="housing",
         definition_nb=f"Kommunale boliger per km² ({h.area_basis}).",
         definition_en=f"Municipal dwellings per km² ({h.area_basis}).", source=src,
         municipal=float(tot["municipal_per_km2"]))


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
    key = ("transit-network", str(project.gtfs_path), s.transit_date, s.transit_window)
    cache = project.__dict__.setdefault("_analysis_cache", {})
    if key not in cache:
        cache[key] = prepare_network(load_gtfs(project.gtfs_path, s.transit_date), s.transit_window)
    return cache[key]


def _transit(project: Project, zt: ZoneTable, s: AnalysisSettings, res: ThemeResults) -> None:
    from .analysis.transit.access import transit_access

    if project.gtfs_path is None or project.layer("population") is None or project.layer("destinations") is None:
        raise AnalysisError("transit access needs a GTFS feed, a population and a destinations layer")
    key = ("transit", str(project.gtfs_path), s.transit_date, s.transit_window)
    cache = project.__dict__.setdefault("_analysis_cache", {})
    if key not in cache:
        cache[key] = transit_access(transit_network(project, s), project.layer("population"),
                                    project.layer("destinations"), zone_ids=zt.gdf.index)
    acc = cache[key]
    res.transit = acc
    res.warnings.extend(acc.warnings)
    z = acc.zones
    cells = acc.cells
    src = f"Beregnet fra GTFS ({acc.date}, avganger {acc.window})"

    def wmed(col):  # population-weighted median over all cells: the municipal figure
        c = cells[[col, "population"]].dropna()
        if c.empty or c["population"].sum() <= 0:
            return np.nan
        c = c.sort_values(col)
        cum = c["population"].cumsum() / c["population"].sum()
        return float(c[col].to_numpy()[np.searchsorted(cum.to_numpy(), 0.5)])

    _add(zt, "dist_to_stop_m", z["dist_to_stop_m"], "Avstand til nærmeste holdeplass", "Distance to nearest stop",
         "m", direction="high_is_bad", theme="transit",
         definition_nb="Befolkningsvektet median av rettlinjet avstand fra hver 250 m-rute til nærmeste holdeplass.",
         definition_en="Population-weighted median straight-line distance from each 250 m cell to the nearest stop.",
         source=src, municipal=wmed("dist_to_stop_m"))
    _add(zt, "departures_per_hour_500m", z["departures_per_hour_500m"], "Avganger per time innen 500 m",
         "Departures per hour within 500 m", "per time", direction="high_is_good", theme="transit",
         definition_nb=f"Befolkningsvektet antall avganger per time fra holdeplasser innen 500 m, i vinduet {acc.window}.",
         definition_en=f"Population-weighted departures per hour at stops within 500 m, in the window {acc.window}.",
         source=src, municipal=wmed("departures_per_hour_500m"))
    _add(zt, "time_to_centre_min", z["time_to_centre_min"], "Reisetid til sentrum", "Travel time to the centre",
         "min", direction="high_is_bad", theme="transit",
         definition_nb="Median dør-til-dør-reisetid med kollektiv og gange til sentrum over alle avgangsminutter "
                       f"i {acc.window} (R5-definisjonen), befolkningsvektet median i sonen.",
         definition_en="Median door-to-door transit+walk travel time to the centre over every departure minute in "
                       f"{acc.window} (the R5 definition), population-weighted median in the zone.",
         source=src, municipal=wmed("time_to_centre_min"))
    _add(zt, "time_to_school_min", z["time_to_school_min"], "Reisetid til nærmeste videregående skole",
         "Travel time to the nearest upper-secondary school", "min", direction="high_is_bad", theme="transit",
         definition_nb="Som reisetid til sentrum, men til den nærmeste videregående skolen ved hvert avgangsminutt.",
         definition_en="As travel time to the centre, but to the nearest upper-secondary school at each minute.",
         source=src, municipal=wmed("time_to_school_min"))


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
        raise AnalysisError("no indicators to combine")
    weights = {k: float(s.weights.get(k, 1.0)) for k in values.columns}
    theme_w = {t: float(s.theme_weights.get(t, 1.0)) for t in set(themes.values())}
    pop = zt.gdf["population"].astype(float) if "population" in zt.gdf.columns else None
    municipal = {k: zt.municipal_value(k) for k in values.columns}
    idx = composite_index(values, directions, themes, method=s.index_method, weights=weights,
                          theme_weights=theme_w, population=pop, municipal_values=municipal)
    res.index = idx
    res.warnings.extend(idx.warnings)
    method_nb = {"percentile": "sum av persentilrangerte indikatorer per tema, rangert på nytt (SVI)",
                 "zscore": "vektede, winsoriserte og befolkningsvektede z-verdier (COI)",
                 "ratio": "forhold til kommunen, 100 = kommunens nivå (Oslo)"}[s.index_method]
    method_en = {"percentile": "sum of percentile-ranked indicators per theme, re-ranked (SVI)",
                 "zscore": "weighted, winsorised, population-weighted z-scores (COI)",
                 "ratio": "ratio to the municipality, 100 = municipal level (Oslo)"}[s.index_method]
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
        raise AnalysisError(f"no column {s.cluster_column!r} to look for clusters in")
    w = cl.spatial_weights(zt.gdf, s.cluster_weights, k=s.cluster_k)
    res.weights = w
    values = zt.gdf[s.cluster_column].astype(float)
    info = zt.info.get(s.cluster_column)
    var = info.label("nb") if info else s.cluster_column
    lisa = cl.local_moran(values, w, permutations=s.permutations, seed=s.seed, alpha=s.alpha, fdr=s.fdr)
    res.lisa = lisa
    res.warnings.extend(lisa.warnings)
    alpha_nb = f"{s.alpha:g}".replace(".", ",")
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


def with_settings(settings: AnalysisSettings, **changes) -> AnalysisSettings:
    """A copy of ``settings`` with some fields changed."""
    return replace(settings, **changes)
