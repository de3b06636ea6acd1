"""GIS-computed standard indicators: SDG 11.2.1, SDG 11.7.1 and dwellings near outdoor areas.

All three are *shares covered*: each population cell (or dwelling address) counts with its
weight (residents or dwellings) and is covered or not. Per zone the share is the covered weight
divided by the zone's weight (population-weighted, never an average of cell shares); the
municipal value is the same ratio of the sums over every cell (cells outside all zones count in
the municipal value but in no zone, as in :mod:`.green`).

The distance work is not done here: green-area distances (with dissolving of touching parcels
and the optional path network) are :func:`.green.green_coverage` with a custom
:class:`~.green.GreenDefinition`, and stops, route types and departures come from the GTFS
service day prepared by :func:`.transit.network.prepare_network`.

SDG 11.2.1 -- convenient access to public transport (:func:`sdg_11_2_1`)
    Share of residents within 500 m of a *low-capacity* stop (bus, tram, trolleybus, cable car,
    funicular) or 1,000 m of a *high-capacity* stop (rail, metro/underground, monorail, ferry),
    the UN-Habitat metadata's distances. A stop's capacity comes from the GTFS ``route_type`` of
    the trips that board there (:func:`route_capacity`; a stop served by both counts as
    high-capacity): basic types 1 (metro), 2 (rail), 4 (ferry), 12 (monorail) and the extended
    (Entur/HVT) ranges 100–199 rail, 300–699 suburban/urban rail and metro, 1000–1099 water and
    1200–1299 ferry are high-capacity; 0, 3, 5, 6, 7, 11 and 200–299 coach, 700–999 bus,
    trolleybus and tram, 1300–1499 aerial lift and funicular, 1700 miscellaneous and an unknown
    type are low-capacity; air (1100–1199) and taxi (1500–1599) are not public-transport stops.
    BRT cannot be told from a bus in GTFS and counts as a bus (500 m). A stop counts when trips
    board there on the service day; with ``min_departures_per_hour`` only stops with at least that
    many distinct departing trips per hour in the morning window (default 07:00–09:00) count
    (UN-Habitat's optional frequency criterion). Distance: straight line from the cell centroid
    to the stop, optionally × a circuity factor (UN-Habitat asks for walking distance; the
    straight line over-estimates access, ``circuity=1.3`` approximates walking).
SDG 11.7.1 -- access to open public space (:func:`sdg_11_7_1`)
    Share of residents within 400 m of a public green or open area (UN-Habitat: 400 m walking
    distance, about 5 minutes). Every area of the green layer counts except private ones
    (``kind`` in :data:`PRIVATE_KINDS`, or a ``public`` column that is false); forest/marka
    counts (allemannsretten makes it open space). No minimum size by default (UN-Habitat sets
    none for the access sub-indicator); touching parcels are one area. Distance to the edge,
    straight line (× ``circuity``) or along a path network.
Dwellings with outdoor areas within walking distance (:func:`dwellings_outdoor_access`)
    "Andel boliger med tilgang til uteområder i gangavstand": share of *dwellings* (the dwellings
    layer's ``dwellings`` count per address) with a public green or outdoor area (as for 11.7.1)
    within 300 m walking distance, walking distance = straight line × 1.3 (the circuity of the
    transit model, so 230.8 m straight line) or, with a path network, measured along it.

Examples
--------
On the fictional demo:

>>> from ungtloft_map.core.project import Project
>>> p = Project.demo()
>>> zones = p.zones.reset_index(drop=True)[["zone_id", "geometry"]]
>>> res = sdg_11_7_1(p.population_cells(), p.layer("green_areas"), zones)
>>> res  # doctest: +NORMALIZE_WHITESPACE
SdgResult(sdg_11_7_1 [SDG 11.7.1]: 88.1 % of 201,660 residents covered; 50 zones, 0 warnings)
>>> float(res.per_zone.loc["0101", "value"])
100.0
>>> from ungtloft_map.core.analysis.transit.network import prepare_network
>>> from ungtloft_map.core.io.gtfs import load_gtfs
>>> net = prepare_network(load_gtfs(p.gtfs_path), "07:00-09:00")
>>> sdg_indicators(zones, p.population_cells(), p.layer("green_areas"), p.layer("dwellings"),
...                network=net, paths=p.layer("paths"))
SdgIndicators(sdg_11_2_1=55.2%, sdg_11_7_1=88.1%, dwellings_outdoor_access=71.3%; errors=[])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from ..crs import require_projected
from ..errors import AnalysisError, DataError, DataWarning
from ..text import format_short
from . import green as _green
from .green import GreenDefinition, green_coverage

__all__ = [
    "SdgResult", "SdgIndicators", "sdg_11_2_1", "sdg_11_7_1", "dwellings_outdoor_access",
    "transit_stops", "route_capacity", "sdg_indicators", "public_open_space",
    "PRIVATE_KINDS", "SDG_KEYS",
]

#: Catalogue keys of the indicators this module computes.
SDG_KEYS = ("sdg_11_2_1", "sdg_11_7_1", "dwellings_outdoor_access")
#: ``kind`` values (lower case) of green/open areas that are not public.
PRIVATE_KINDS = frozenset({"private", "privat", "privat_hage", "hage", "garden", "private_garden",
                           "felles_privat", "restricted"})
#: Basic GTFS route types of high-capacity transit (metro, rail, ferry, monorail).
HIGH_CAPACITY_BASIC = frozenset({1, 2, 4, 12})
#: Basic GTFS route types of low-capacity transit (tram, bus, cable tram, aerial lift,
#: funicular, trolleybus).
LOW_CAPACITY_BASIC = frozenset({0, 3, 5, 6, 7, 11})
#: Extended (HVT) route-type ranges, [start, end), and their capacity (None: not a stop).
EXTENDED_RANGES: tuple[tuple[int, int, str | None], ...] = (
    (100, 200, "high"), (200, 300, "low"), (300, 700, "high"), (700, 1000, "low"),
    (1000, 1100, "high"), (1100, 1200, None), (1200, 1300, "high"), (1300, 1500, "low"),
    (1500, 1600, None), (1600, 1800, "low"),
)
#: Distances within this of a threshold count as at the threshold (floating-point noise).
_TOL = _green.DISTANCE_TOLERANCE_M


@dataclass
class SdgResult:
    """A covered share per zone and for the municipality.

    Attributes
    ----------
    key
        Catalogue key (``"sdg_11_2_1"``, ``"sdg_11_7_1"``, ``"dwellings_outdoor_access"``).
    sdg
        SDG indicator code or None.
    label, definition
        Short name and the definition with the parameters used (bokmål).
    base
        What is counted: ``"bosatte"`` (residents) or ``"boliger"`` (dwellings).
    per_zone
        Index ``zone_id``; ``zone_name`` (when known), ``base`` (residents/dwellings),
        ``covered``, ``share`` (0–1) and ``value`` (%, NaN where ``base`` is 0).
    per_point
        The cells/addresses with ``zone_id``, ``weight``, ``covered`` and distances.
    municipal
        The municipal value in % (sum covered / sum base × 100).
    base_total, covered_total
        The sums behind it.
    parameters
        The settings used (distances, circuity, minimum departures ...).
    warnings
        Repairs and skips.
    """

    key: str
    sdg: str | None
    label: str
    definition: str
    base: str
    per_zone: pd.DataFrame
    per_point: gpd.GeoDataFrame
    municipal: float
    base_total: float
    covered_total: float
    parameters: dict = field(default_factory=dict)
    warnings: list[DataWarning] = field(default_factory=list)

    @property
    def values(self) -> pd.Series:
        """The per-zone value in %."""
        return self.per_zone["value"]

    def area_value(self, zone_ids: Iterable[str]) -> float:
        """The value (%) for a group of zones, from the summed counts (never averaged shares).

        Examples
        --------
        >>> from ungtloft_map.core.project import Project
        >>> p = Project.demo()
        >>> zones = p.zones.reset_index(drop=True)[["zone_id", "geometry"]]
        >>> res = dwellings_outdoor_access(p.layer("dwellings"), p.layer("green_areas"), zones)
        >>> round(res.area_value(["0101", "0102"]), 1)
        93.9
        """
        sel = self.per_zone.loc[self.per_zone.index.intersection(list(zone_ids))]
        b = float(sel["base"].sum())
        return float(sel["covered"].sum() / b * 100.0) if b > 0 else float("nan")

    def __repr__(self) -> str:
        code = f" [SDG {self.sdg}]" if self.sdg else ""
        val = "n/a" if np.isnan(self.municipal) else f"{self.municipal:.1f} %"
        return (f"SdgResult({self.key}{code}: {val} of {self.base_total:,.0f} {self.base_word_en} "
                f"covered; {len(self.per_zone)} zones, {len(self.warnings)} warnings)")

    @property
    def base_word_en(self) -> str:
        return "dwellings" if self.base == "boliger" else "residents"


@dataclass
class SdgIndicators:
    """The SDG/GIS indicators of a project: results by key, and why any could not be computed.

    Examples
    --------
    >>> from ungtloft_map.core.project import Project
    >>> p = Project.demo()
    >>> ind = sdg_indicators(p.zones.reset_index(drop=True), p.population_cells(),
    ...                      p.layer("green_areas"), None)
    >>> round(ind["sdg_11_7_1"].municipal, 1), ind.errors["sdg_11_2_1"]
    (88.1, 'mangler GTFS-rutedata')
    """

    results: dict[str, SdgResult] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    warnings: list[DataWarning] = field(default_factory=list)
    #: key → the project inputs it needs and lacks (``"population"``, ``"gtfs"``,
    #: ``"green_areas"``, ``"dwellings"``); those keys are in ``errors`` too, worded in bokmål.
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __getitem__(self, key: str) -> SdgResult:
        return self.results[key]

    def __contains__(self, key: object) -> bool:
        return key in self.results

    def get(self, key: str) -> SdgResult | None:
        return self.results.get(key)

    def __repr__(self) -> str:
        vals = ", ".join(f"{k}={r.municipal:.1f}%" for k, r in self.results.items())
        return f"SdgIndicators({vals}; errors={list(self.errors)})"


# --------------------------------------------------------------------------------------------
# SDG 11.2.1


def route_capacity(route_type: int) -> str | None:
    """``"high"``, ``"low"`` or None (not a public-transport stop) for a GTFS ``route_type``.

    Examples
    --------
    >>> [route_capacity(t) for t in (3, 0, 2, 1, 4, 12, 109, 401, 700, 900, 1000, 1200, 1100, -1)]
    ['low', 'low', 'high', 'high', 'high', 'high', 'high', 'high', 'low', 'low', 'high', 'high', None, 'low']
    """
    t = int(route_type)
    if t in HIGH_CAPACITY_BASIC:
        return "high"
    if t in LOW_CAPACITY_BASIC or t < 0:
        return "low"  # an unknown type (no routes.txt) gets the stricter 500 m
    for lo, hi, cap in EXTENDED_RANGES:
        if lo <= t < hi:
            return cap
    return "low"


def transit_stops(network) -> gpd.GeoDataFrame:
    """The stops of a prepared GTFS service day with capacity and morning departures.

    Parameters
    ----------
    network
        A :class:`~ungtloft_map.core.analysis.transit.network.TransitNetwork` (its window is the
        morning peak used for ``departures_per_hour``).

    Returns
    -------
    GeoDataFrame
        EPSG:25832 points, one per stop: ``stop_id``, ``stop_name``, ``route_types`` (sorted,
        comma separated, of the trips boarding there during the day), ``capacity`` (``"high"``,
        ``"low"`` or None), ``served`` (a trip departs from it on the service day) and
        ``departures_per_hour`` (distinct trips departing in the window, per hour).

    Examples
    --------
    >>> from ungtloft_map.core.analysis.transit.network import prepare_network
    >>> from ungtloft_map.core.io.gtfs import load_gtfs
    >>> from ungtloft_map.paths import demo_dir
    >>> net = prepare_network(load_gtfs(demo_dir() / "gtfs.zip"), "07:00-09:00")
    >>> stops = transit_stops(net)
    >>> len(stops), stops.columns.tolist()[:4]
    (148, ['stop_id', 'stop_name', 'route_types', 'capacity'])
    """
    day = network.day
    n = day.n_stops
    # Boardings with a next stop: the departures of the whole service day.
    has_next = np.r_[day.ev_trip[1:] == day.ev_trip[:-1], False]
    dep = has_next & day.ev_pickup
    stop_ev = day.ev_stop[dep].astype(np.int64)
    types_ev = day.trip_route_types[day.ev_trip[dep]].astype(np.int64)
    pairs = np.unique(np.column_stack([stop_ev, types_ev]), axis=0) if len(stop_ev) else np.zeros((0, 2), int)
    types: list[list[int]] = [[] for _ in range(n)]
    for s, t in pairs:
        types[int(s)].append(int(t))
    capacity = []
    for lst in types:
        caps = {route_capacity(t) for t in lst}
        capacity.append("high" if "high" in caps else "low" if "low" in caps else None)

    in_win = (network.c_dep >= network.start_s) & (network.c_dep < network.end_s) & network.c_board
    trips = np.unique(np.column_stack([network.c_from[in_win].astype(np.int64),
                                       network.c_trip[in_win].astype(np.int64)]), axis=0)
    hours = (network.end_s - network.start_s) / 3600.0
    per_hour = np.bincount(trips[:, 0], minlength=n)[:n] / hours if len(trips) else np.zeros(n)
    return gpd.GeoDataFrame(
        {
            "stop_id": day.stop_ids,
            "stop_name": day.stop_names,
            "route_types": [",".join(map(str, lst)) for lst in types],
            "capacity": capacity,
            "served": np.asarray(network.served, dtype=bool),
            "departures_per_hour": per_hour.astype(float),
        },
        geometry=gpd.points_from_xy(day.stop_x, day.stop_y),
        crs="EPSG:25832",
    )


def sdg_11_2_1(
    population: gpd.GeoDataFrame,
    stops,
    zones: gpd.GeoDataFrame,
    *,
    low_capacity_m: float = 500.0,
    high_capacity_m: float = 1000.0,
    min_departures_per_hour: float | None = None,
    circuity: float = 1.0,
) -> SdgResult:
    """SDG 11.2.1: share of residents with convenient access to public transport.

    Parameters
    ----------
    population
        Grid cells or points with ``population`` (and ``zone_id``, else located in ``zones``).
    stops
        :func:`transit_stops` output (or a ``TransitNetwork``, converted with it), or any point
        layer with ``capacity`` (``"high"``/``"low"``) and optionally ``served`` and
        ``departures_per_hour``.
    zones
        Zones with ``zone_id`` (and ``zone_name``).
    low_capacity_m, high_capacity_m
        Walking distances to low- and high-capacity stops (UN-Habitat: 500 m and 1,000 m).
    min_departures_per_hour
        Only stops with at least this many departures per hour in the window count (None: any
        stop served on the day).
    circuity
        Distance = straight line × ``circuity`` (1.0: straight line).

    Returns
    -------
    SdgResult
        ``per_point`` has ``dist_low_m`` / ``dist_high_m`` (straight line to the nearest
        eligible stop of each class; NaN when there is none).

    Raises
    ------
    DataError
        A layer not in EPSG:25832, missing fields, a minimum of departures without a
        ``departures_per_hour`` column, a circuity below 1.

    Examples
    --------
    >>> from ungtloft_map.core.analysis.transit.network import prepare_network
    >>> from ungtloft_map.core.io.gtfs import load_gtfs
    >>> from ungtloft_map.paths import demo_dir
    >>> net = prepare_network(load_gtfs(demo_dir() / "gtfs.zip"), "07:00-09:00")
    >>> from ungtloft_map.core.project import Project
    >>> p = Project.demo()
    >>> zones = p.zones.reset_index(drop=True)[["zone_id", "geometry"]]
    >>> res = sdg_11_2_1(p.population_cells(), transit_stops(net), zones, min_departures_per_hour=4)
    >>> round(res.municipal, 1)
    54.4
    """
    if not isinstance(stops, gpd.GeoDataFrame) and hasattr(stops, "day"):
        stops = transit_stops(stops)
    require_projected(population, what="the population layer", layer="population")
    require_projected(stops, what="the stops", layer="stops")
    require_projected(zones, what="the zones layer", layer="zones")
    _check_circuity(circuity)
    if "capacity" not in stops.columns:
        raise DataError("the stops have no capacity field (high/low)", layer="stops", field="capacity")
    warnings: list[DataWarning] = []
    zones_ = _green._check_zones(zones)
    cells = _green._check_population(population, zones_, warnings)
    pts = _green._centroids(cells.geometry.to_numpy())
    xy = shapely.get_coordinates(pts) if len(pts) else np.zeros((0, 2))

    ok = np.array(stops["capacity"].isin(["high", "low"]), dtype=bool)
    if "served" in stops.columns:
        ok &= stops["served"].fillna(False).astype(bool).to_numpy()
    if min_departures_per_hour is not None:
        if "departures_per_hour" not in stops.columns:
            raise DataError("a minimum of departures needs a departures_per_hour field",
                            layer="stops", field="departures_per_hour")
        ok &= stops["departures_per_hour"].fillna(0).to_numpy(dtype=float) >= float(min_departures_per_hour)
    sgeom = stops.geometry
    spts = sgeom if (sgeom.geom_type == "Point").all() else sgeom.centroid
    sxy = np.column_stack([spts.x.to_numpy(), spts.y.to_numpy()]) if len(stops) else np.zeros((0, 2))
    cap = stops["capacity"].to_numpy()
    d_low = _nearest(xy, sxy[ok & (cap == "low")])
    d_high = _nearest(xy, sxy[ok & (cap == "high")])
    if not ok.any():
        warnings.append(DataWarning("no stop qualifies (served, known capacity"
                                    + (f", ≥ {min_departures_per_hour:g} departures per hour" if min_departures_per_hour else "")
                                    + "): every resident is counted as not covered", layer="stops"))
    covered = (d_low * circuity <= low_capacity_m + _TOL) | (d_high * circuity <= high_capacity_m + _TOL)

    per_point = cells.rename(columns={"population": "weight"})
    per_point["dist_low_m"] = np.where(np.isfinite(d_low), d_low, np.nan)
    per_point["dist_high_m"] = np.where(np.isfinite(d_high), d_high, np.nan)
    per_point["covered"] = covered
    freq_nb = (f", bare holdeplasser med minst {min_departures_per_hour:g} avganger per time i morgenvinduet"
               if min_departures_per_hour else "")
    dist_nb = _distance_words(circuity, None)
    definition = (f"Andel bosatte innen {low_capacity_m:g} m fra holdeplass for buss/trikk eller "
                  f"{high_capacity_m:g} m fra stasjon/kai for tog, T-bane eller ferje ({dist_nb}{freq_nb}).")
    params = {"low_capacity_m": low_capacity_m, "high_capacity_m": high_capacity_m,
              "min_departures_per_hour": min_departures_per_hour, "circuity": circuity,
              "stops_low": int((ok & (cap == "low")).sum()), "stops_high": int((ok & (cap == "high")).sum())}
    return _result("sdg_11_2_1", "11.2.1", "Bosatte med lett tilgang til kollektivtransport",
                   definition, "bosatte", per_point, zones_, params, warnings)


def _nearest(xy: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Straight-line distance from each point to the nearest target (inf without targets)."""
    if len(targets) == 0 or len(xy) == 0:
        return np.full(len(xy), np.inf)
    return cKDTree(targets).query(xy)[0]


# --------------------------------------------------------------------------------------------
# SDG 11.7.1 and dwellings near outdoor areas


def public_open_space(green: gpd.GeoDataFrame, private_kinds: Iterable[str] = PRIVATE_KINDS) -> gpd.GeoDataFrame:
    """The rows of the green layer that are public: ``kind`` not private and ``public`` not false.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> g = gpd.GeoDataFrame({"kind": ["park", "private"]}, geometry=[box(0, 0, 1, 1)] * 2,
    ...                      crs="EPSG:25832")
    >>> public_open_space(g)["kind"].tolist()
    ['park']
    """
    keep = np.ones(len(green), dtype=bool)
    if "kind" in green.columns:
        kinds = green["kind"].astype("string").str.strip().str.lower().fillna("")
        keep &= ~kinds.isin({k.lower() for k in private_kinds}).to_numpy()
    if "public" in green.columns:
        pub = green["public"]
        if pub.dtype == object or str(pub.dtype) == "string":
            pub = pub.astype("string").str.lower().isin(["1", "true", "ja", "yes", "t"]) | pub.isna()
        keep &= pub.fillna(True).astype(bool).to_numpy()
    return green[keep]


def sdg_11_7_1(
    population: gpd.GeoDataFrame,
    green: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    *,
    distance_m: float = 400.0,
    min_area_m2: float = 0.0,
    circuity: float = 1.0,
    network: gpd.GeoDataFrame | None = None,
    private_kinds: Iterable[str] = PRIVATE_KINDS,
) -> SdgResult:
    """SDG 11.7.1 (access): share of residents within 400 m of open public space.

    Parameters
    ----------
    population
        Grid cells or points with ``population`` (and ``zone_id``).
    green
        Green/open areas; private ones are left out (:func:`public_open_space`).
    zones
        Zones with ``zone_id``.
    distance_m
        Walking distance to the edge of the area (UN-Habitat: 400 m).
    min_area_m2
        Smallest (dissolved) area that counts; 0 = any size.
    circuity
        Straight line × ``circuity`` (ignored with ``network``: that distance is walked already).
    network
        Optional path/road lines: distance along the network (see :func:`.green.green_coverage`).

    Examples
    --------
    >>> from ungtloft_map.core.project import Project
    >>> p = Project.demo()
    >>> zones = p.zones.reset_index(drop=True)[["zone_id", "geometry"]]
    >>> round(sdg_11_7_1(p.population_cells(), p.layer("green_areas"), zones).municipal, 1)
    88.1
    """
    per_point, params, warnings = _green_share(
        population, green, zones, distance_m, min_area_m2, circuity, network,
        private_kinds, "sdg_11_7_1", "SDG 11.7.1 åpne offentlige områder")
    dist_nb = _distance_words(circuity, network)
    size_nb = _size_words(min_area_m2)
    definition = (f"Andel bosatte innen {distance_m:g} m ({dist_nb}) fra et offentlig grønt- eller "
                  f"friområde ({size_nb}; sammenhengende områder slått sammen, private holdt utenfor).")
    return _result("sdg_11_7_1", "11.7.1", "Bosatte nær åpne, offentlige områder", definition,
                   "bosatte", per_point, _green._check_zones(zones), params, warnings)


def dwellings_outdoor_access(
    dwellings: gpd.GeoDataFrame,
    green: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    *,
    walking_distance_m: float = 300.0,
    circuity: float = 1.3,
    min_area_m2: float = 0.0,
    network: gpd.GeoDataFrame | None = None,
    private_kinds: Iterable[str] = PRIVATE_KINDS,
) -> SdgResult:
    """Share of dwellings with a public green/outdoor area within walking distance.

    Parameters
    ----------
    dwellings
        Address points with a ``dwellings`` count (and ``zone_id``, else located in ``zones``).
    green, zones, min_area_m2, network, private_kinds
        As in :func:`sdg_11_7_1`.
    walking_distance_m
        Walking distance (default 300 m).
    circuity
        Walking distance = straight line × ``circuity`` (default 1.3, as the transit model);
        ignored with ``network``.

    Raises
    ------
    DataError
        The dwellings layer has no ``dwellings`` field, or a negative or missing count.

    Examples
    --------
    >>> from ungtloft_map.core.project import Project
    >>> p = Project.demo()
    >>> zones = p.zones.reset_index(drop=True)[["zone_id", "geometry"]]
    >>> round(dwellings_outdoor_access(p.layer("dwellings"), p.layer("green_areas"), zones).municipal, 1)
    71.3
    """
    require_projected(dwellings, what="the dwellings layer", layer="dwellings")
    if "dwellings" not in dwellings.columns:
        raise DataError("the dwellings layer has no dwellings field", layer="dwellings", field="dwellings")
    count = pd.to_numeric(dwellings["dwellings"], errors="coerce")
    if count.isna().any() or (count < 0).any():
        row = int(np.flatnonzero((count.isna() | (count < 0)).to_numpy())[0]) + 1
        raise DataError("the dwelling count must be a number of at least 0", layer="dwellings",
                        field="dwellings", row=row)
    pts = gpd.GeoDataFrame({"population": count.to_numpy(dtype=float)}, geometry=dwellings.geometry.to_numpy(),
                           crs=dwellings.crs, index=dwellings.index)
    if "zone_id" in dwellings.columns:
        pts.insert(0, "zone_id", dwellings["zone_id"].to_numpy())
    per_point, params, warnings = _green_share(
        pts, green, zones, walking_distance_m, min_area_m2, circuity, network,
        private_kinds, "dwellings_outdoor_access", "Uteområde i gangavstand")
    dist_nb = _distance_words(circuity, network)
    size_nb = _size_words(min_area_m2)
    definition = (f"Andel boliger med et offentlig grønt- eller uteområde ({size_nb}) innen "
                  f"{walking_distance_m:g} m gangavstand ({dist_nb}).")
    # green_coverage words its warnings for residents; here the weights are dwellings.
    warnings = [DataWarning(w.message.replace("resident", "dwelling").replace("population cell", "address"),
                            w.file, "dwellings" if w.layer == "population" else w.layer, w.field)
                for w in warnings]
    return _result("dwellings_outdoor_access", None, "Boliger med tilgang til uteområder i gangavstand",
                   definition, "boliger", per_point, _green._check_zones(zones), params, warnings)


def _green_share(points, green, zones, distance_m, min_area_m2, circuity, network, private_kinds, key, label):
    """green_coverage with a custom definition: the dissolve and distance logic of :mod:`.green`."""
    _check_circuity(circuity)
    require_projected(green, what="the green areas layer", layer="green_areas")
    if distance_m <= 0 or min_area_m2 < 0:
        raise DataError("the distance must be positive and the minimum area not negative")
    public = public_open_space(green, private_kinds)
    # Straight line × circuity <= walking distance  <=>  straight line <= distance / circuity.
    limit = distance_m if network is not None else distance_m / circuity
    defn = GreenDefinition(key, label, float(min_area_m2), float(limit),
                           "UN-Habitat SDG 11.7.1 / UngtLøft Map")
    g = green_coverage(points, public, zones, defn, network=network)
    params = {"distance_m": distance_m, "straight_line_limit_m": limit, "min_area_m2": min_area_m2,
              "circuity": None if network is not None else circuity, "network": network is not None,
              "public_areas": len(public), "private_left_out": len(green) - len(public)}
    # The result's point weights are residents or dwellings: "weight" and "covered" for _result.
    per_point = g.per_cell.rename(columns={"population": "weight", "green_covered": "covered"})
    return per_point, params, list(g.warnings)


def _size_words(min_area_m2: float) -> str:
    return "alle størrelser" if min_area_m2 <= 0 else f"minst {min_area_m2 / 1000:g} daa"


def _distance_words(circuity: float, network) -> str:
    if network is not None:
        return "langs gangnettet"
    return "rettlinjet avstand" + (f" × omveisfaktor {format_short(circuity)}" if circuity != 1 else "")


def _check_circuity(circuity: float) -> None:
    if not circuity >= 1.0:
        raise DataError(f"circuity must be at least 1 (straight line), got {circuity!r}")


# --------------------------------------------------------------------------------------------
# shared aggregation


def _result(key, sdg, label, definition, base, per_point, zones_, params, warnings) -> SdgResult:
    w = per_point["weight"].to_numpy(dtype=float)
    cov = per_point["covered"].to_numpy(dtype=bool)
    zid = zones_["zone_id"]
    z = per_point["zone_id"]
    b = pd.Series(w, index=per_point.index).groupby(z.to_numpy()).sum().reindex(zid, fill_value=0.0)
    c = pd.Series(np.where(cov, w, 0.0), index=per_point.index).groupby(z.to_numpy()).sum().reindex(zid, fill_value=0.0)
    bv, cv = b.to_numpy(dtype=float), c.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(bv > 0, cv / bv, np.nan)
    per_zone = pd.DataFrame({"base": bv, "covered": cv, "share": share, "value": share * 100.0},
                            index=pd.Index(zid.to_numpy(), name="zone_id"))
    if "zone_name" in zones_.columns:
        per_zone.insert(0, "zone_name", zones_["zone_name"].to_numpy())
    total, covered = float(w.sum()), float(w[cov].sum())
    municipal = covered / total * 100.0 if total > 0 else float("nan")
    return SdgResult(key, sdg, label, definition, base, per_zone, per_point, municipal, total, covered,
                     params, list(warnings))


# --------------------------------------------------------------------------------------------
# all three from the layers


def sdg_indicators(
    zones: gpd.GeoDataFrame,
    population: gpd.GeoDataFrame | None,
    green_areas: gpd.GeoDataFrame | None,
    dwellings: gpd.GeoDataFrame | None,
    *,
    network=None,
    paths: gpd.GeoDataFrame | None = None,
    min_departures_per_hour: float | None = None,
    keys: Iterable[str] = SDG_KEYS,
    options: Mapping[str, Mapping] | None = None,
) -> SdgIndicators:
    """The three indicators from the layers that are there.

    An indicator whose inputs are missing (None) is left out and named in ``errors`` (bokmål)
    and ``missing`` (the input names); one that cannot be computed on the data is named in
    ``errors`` with the reason. The project-level entry, cached on the project and using the
    pipeline's transit network, is :func:`ungtloft_map.core.pipeline.compute_sdg_indicators`.

    Parameters
    ----------
    zones
        The zones (``zone_id`` column).
    population, green_areas, dwellings
        The population cells (``zone_id``, ``population``), the green areas and the dwelling
        points; None when the project has none.
    network
        The prepared transit network of the feed (or a function returning it, called only when
        SDG 11.2.1 is computed); None when there is no feed.
    paths
        The path network (role ``paths``) for the green-based distances, when loaded.
    min_departures_per_hour
        Passed to :func:`sdg_11_2_1`.
    keys
        Which of :data:`SDG_KEYS` to compute.
    options
        Extra keyword arguments per key, e.g. ``{"sdg_11_7_1": {"min_area_m2": 5000}}``.

    Examples
    --------
    >>> ind = sdg_indicators(zones, cells, green, None, keys=["sdg_11_7_1"])  # doctest: +SKIP
    >>> ind.errors  # doctest: +SKIP
    {}
    """
    keys = tuple(keys)
    options = {k: dict(v) for k, v in (options or {}).items()}
    out = SdgIndicators()

    def run(key, needs, fn):
        if key not in keys:
            return
        missing = [n for n, v in needs.items() if v is None]
        if missing:
            out.errors[key] = f"mangler {', '.join(_INPUT_NB[n] for n in missing)}"
            out.missing[key] = tuple(missing)
            return
        try:
            res = fn()
        except (AnalysisError, DataError) as err:
            out.errors[key] = str(err)
            return
        out.results[key] = res
        out.warnings.extend(res.warnings)

    def transit():
        net = network() if callable(network) else network
        return sdg_11_2_1(population, transit_stops(net), zones,
                          min_departures_per_hour=min_departures_per_hour,
                          **options.get("sdg_11_2_1", {}))

    run("sdg_11_2_1", {"population": population, "gtfs": network}, transit)
    run("sdg_11_7_1", {"population": population, "green_areas": green_areas},
        lambda: sdg_11_7_1(population, green_areas, zones, network=paths,
                           **options.get("sdg_11_7_1", {})))
    run("dwellings_outdoor_access", {"dwellings": dwellings, "green_areas": green_areas},
        lambda: dwellings_outdoor_access(dwellings, green_areas, zones, network=paths,
                                         **options.get("dwellings_outdoor_access", {})))
    return out


#: The project inputs in the bokmål wording of :attr:`SdgIndicators.errors`.
_INPUT_NB = {"population": "befolkning", "gtfs": "GTFS-rutedata", "green_areas": "grøntområder",
             "dwellings": "boliger"}


def _definition_en_11_2_1(p: dict) -> str:
    freq = (f", only stops with at least {p['min_departures_per_hour']:g} departures per hour in the "
            "morning window" if p.get("min_departures_per_hour") else "")
    circ = f" × circuity {p['circuity']:g}" if p.get("circuity", 1) != 1 else ""
    return (f"Share of residents within {p['low_capacity_m']:g} m of a bus/tram stop or "
            f"{p['high_capacity_m']:g} m of a rail, metro or ferry station (straight line{circ}{freq}).")


def _definition_en_green(what: str, distance_key: str):
    def text(p: dict) -> str:
        how = ("along the path network" if p.get("network") else
               "straight line" + (f" × circuity {p['circuity']:g}" if p.get("circuity", 1) != 1 else ""))
        size = "any size" if not p.get("min_area_m2") else f"at least {p['min_area_m2'] / 1000:g} decares"
        return (f"Share of {what} within {p[distance_key]:g} m ({how}) of a public green or open area "
                f"({size}; touching areas dissolved, private ones left out).")
    return text


#: English definitions of the three indicators from their :attr:`SdgResult.parameters`.
SDG_DEFINITIONS_EN = {
    "sdg_11_2_1": _definition_en_11_2_1,
    "sdg_11_7_1": _definition_en_green("residents", "distance_m"),
    "dwellings_outdoor_access": _definition_en_green("dwellings", "distance_m"),
}
