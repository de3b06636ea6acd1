"""Transit access measures per zone (Tennøy): stop distance, frequency, door-to-door times.

Per population cell (its centroid) we compute

``dist_to_stop_m``
    straight-line metres to the nearest stop with at least one departure in the window;
``departures_per_hour_500m``
    distinct trips departing from any stop within 500 m (straight line) during the window,
    per hour (a bus calling at three nearby stops counts once);
``time_to_centre_min`` / ``time_to_school_min``
    median door-to-door travel time (minutes, R5 definition, see :mod:`.matrix`) to the nearest
    ``centre`` / ``upper_secondary`` destination over the window's departure minutes; ``NaN``
    when it is unreachable within 120 min in at least half of the minutes.

Zone values are population-weighted: the mean for the two stop measures, the median for the
two times (unreachable counting as longest, so a zone gets ``NaN`` when most of its residents
cannot get there).

Examples
--------
On the demo (its feed, population grid and destinations):

>>> from ungtloft_map.core.analysis.transit.network import prepare_network
>>> from ungtloft_map.core.io.gtfs import load_gtfs
>>> from ungtloft_map.paths import demo_dir
>>> net = prepare_network(load_gtfs(demo_dir() / "gtfs.zip"), window="07:00-09:00")
>>> from ungtloft_map.core.project import Project
>>> p = Project.demo()
>>> acc = transit_access(net, p.population_cells(), p.layer("destinations"))
>>> acc.zones.loc[["0101", "0203"], ["dist_to_stop_m", "time_to_centre_min"]].round(1)  # doctest: +NORMALIZE_WHITESPACE
         dist_to_stop_m  time_to_centre_min
zone_id
0101              421.7                10.6
0203              328.7                25.2
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from ...crs import require_projected
from ...errors import DataError, DataWarning
from .matrix import Progress, compute_matrix, zone_values
from .network import TransitNetwork

__all__ = ["TransitAccess", "transit_access", "ZONE_COLUMNS"]

#: Columns of :attr:`TransitAccess.zones`, in order.
ZONE_COLUMNS = ("population", "dist_to_stop_m", "departures_per_hour_500m",
                "time_to_centre_min", "time_to_school_min")


@dataclass(frozen=True, repr=False, eq=False)
class TransitAccess:
    """Access measures per zone and per population cell.

    Attributes
    ----------
    zones : DataFrame
        Indexed by ``zone_id``; columns :data:`ZONE_COLUMNS` (see the module docstring).
    cells : DataFrame
        One row per population cell (same index as the input): ``zone_id``, ``population``,
        ``x``, ``y``, the four measures and ``share_reachable_centre`` /
        ``share_reachable_school`` (share of departure minutes with a trip within 120 min).
    window, date : str
    warnings : list of DataWarning
    """

    zones: pd.DataFrame
    cells: pd.DataFrame
    window: str
    date: str
    warnings: list[DataWarning] = field(default_factory=list)

    def __repr__(self) -> str:
        z = self.zones
        def med(col):
            v = z[col].median()
            return "nan" if pd.isna(v) else f"{v:.1f}"
        return (f"TransitAccess(zones={len(z)}, cells={len(self.cells)}, date={self.date}, "
                f"window={self.window}, median dist_to_stop_m={med('dist_to_stop_m')}, "
                f"departures_per_hour_500m={med('departures_per_hour_500m')}, "
                f"time_to_centre_min={med('time_to_centre_min')}, "
                f"time_to_school_min={med('time_to_school_min')})")


def transit_access(network: TransitNetwork, population: gpd.GeoDataFrame,
                   destinations: gpd.GeoDataFrame, *, zone_ids=None, radius_m: float = 500.0,
                   centre: str = "centre", school: str = "upper_secondary",
                   kernel: str = "fast", progress: Progress | None = None) -> TransitAccess:
    """Compute the four access measures per cell and per zone.

    Parameters
    ----------
    network
        From :func:`.network.prepare_network` (its window is the departure window).
    population
        Cells (polygons or points) in EPSG:25832 with ``population`` and ``zone_id``.
    destinations
        Points in EPSG:25832 with a ``category`` column (``centre``, ``upper_secondary``, ...).
    zone_ids
        All zones to report (zones without residents get ``NaN``); default: those in
        ``population``.
    radius_m
        Radius for counting departures.
    centre, school
        Category names of the two destination types.
    kernel, progress
        Passed to :func:`.matrix.compute_matrix`.

    Returns
    -------
    TransitAccess

    Examples
    --------
    >>> from ungtloft_map.core.analysis.transit.network import prepare_network
    >>> from ungtloft_map.core.io.gtfs import load_gtfs
    >>> from ungtloft_map.paths import demo_dir
    >>> net = prepare_network(load_gtfs(demo_dir() / "gtfs.zip"), window="07:00-09:00")
    >>> from ungtloft_map.core.project import Project
    >>> p = Project.demo()
    >>> acc = transit_access(net, p.population_cells(), p.layer("destinations"),
    ...                      zone_ids=p.zones["zone_id"])
    >>> len(acc.zones), round(float(acc.zones.loc["0101", "time_to_centre_min"]), 1)
    (50, 10.6)
    """
    require_projected(population, what="population")
    require_projected(destinations, what="destinations")
    for col in ("population", "zone_id"):
        if col not in population.columns:
            raise DataError("required field is missing", layer="population", field=col)
    if "category" not in destinations.columns:
        raise DataError("required field is missing", layer="destinations", field="category")
    pop = pd.to_numeric(population["population"], errors="coerce")
    if pop.isna().any() or (pop < 0).any():
        raise DataError("population must be a non-negative number", layer="population",
                        field="population")
    geom = population.geometry
    if geom.isna().any() or geom.is_empty.any():
        raise DataError("population has empty geometries", layer="population")
    pts = geom if (geom.geom_type == "Point").all() else geom.centroid
    xy = np.column_stack([pts.x.to_numpy(), pts.y.to_numpy()])
    warnings: list[DataWarning] = []

    cells = pd.DataFrame({"zone_id": population["zone_id"].to_numpy(),
                          "population": pop.to_numpy(), "x": xy[:, 0], "y": xy[:, 1]},
                         index=population.index)
    dist, deps = _stop_measures(network, xy, radius_m)
    cells["dist_to_stop_m"] = dist
    cells["departures_per_hour_500m"] = deps

    dxy = destinations.geometry
    groups = {}
    for key, cat in (("centre", centre), ("school", school)):
        sel = destinations[destinations["category"] == cat]
        if len(sel):
            g = dxy.loc[sel.index]
            g = g if (g.geom_type == "Point").all() else g.centroid
            groups[key] = np.column_stack([g.x.to_numpy(), g.y.to_numpy()])
        else:
            warnings.append(DataWarning(f"no destination of category {cat!r}; its travel "
                                        "times are left empty", layer="destinations",
                                        field="category"))
    for key in ("centre", "school"):
        cells[f"time_to_{key}_min"] = np.nan
        cells[f"share_reachable_{key}"] = np.nan
    if groups and len(xy):
        m = compute_matrix(network, xy, groups, kernel=kernel, progress=progress)
        for j, key in enumerate(groups):
            cells[f"time_to_{key}_min"] = m.p50[:, j]
            cells[f"share_reachable_{key}"] = m.reachable_share[:, j]

    zones = list(pd.unique(cells["zone_id"])) if zone_ids is None else list(zone_ids)
    w, z = cells["population"].to_numpy(), cells["zone_id"].to_numpy()
    out = pd.DataFrame(index=pd.Index(zones, name="zone_id"))
    out["population"] = cells.groupby("zone_id")["population"].sum().reindex(out.index)
    out["population"] = out["population"].fillna(0)
    for col, how in (("dist_to_stop_m", "mean"), ("departures_per_hour_500m", "mean"),
                     ("time_to_centre_min", "median"), ("time_to_school_min", "median")):
        out[col] = zone_values(cells[col].to_numpy(), w, z, how=how, zones=zones).to_numpy()
    unknown = set(cells["zone_id"]) - set(zones)
    if unknown:
        warnings.append(DataWarning(f"{len(unknown)} zone ids of population cells are not in "
                                    "the zone list; those cells only appear in `cells`",
                                    layer="population", field="zone_id"))
    return TransitAccess(zones=out, cells=cells, window=network.window_label,
                         date=network.day.date.isoformat(), warnings=warnings)


def _stop_measures(net: TransitNetwork, xy: np.ndarray, radius_m: float):
    """Nearest-stop distance and distinct departing trips per hour within ``radius_m``."""
    in_win = (net.c_dep >= net.start_s) & (net.c_dep < net.end_s) & net.c_board
    stop = net.c_from[in_win].astype(np.int64)
    trip = net.c_trip[in_win].astype(np.int64)
    if not len(stop) or not len(xy):
        return np.full(len(xy), np.nan), np.zeros(len(xy))
    stops = np.unique(stop)
    tree = cKDTree(np.column_stack([net.day.stop_x[stops], net.day.stop_y[stops]]))
    dist, _ = tree.query(xy)
    # (stop, trip) pairs, grouped by stop in tree order
    local = np.searchsorted(stops, stop)
    pair = np.unique(local * (int(trip.max()) + 1) + trip)
    p_stop, p_trip = pair // (int(trip.max()) + 1), pair % (int(trip.max()) + 1)
    p_ptr = np.zeros(len(stops) + 1, dtype=np.int64)
    np.cumsum(np.bincount(p_stop, minlength=len(stops)), out=p_ptr[1:])
    hours = (net.end_s - net.start_s) / 3600.0
    near = tree.query_ball_point(xy, r=radius_m)
    deps = np.zeros(len(xy))
    for i, lst in enumerate(near):
        if not lst:
            continue
        if len(lst) == 1:
            s = lst[0]
            deps[i] = p_ptr[s + 1] - p_ptr[s]
            continue
        trips = np.concatenate([p_trip[p_ptr[s]:p_ptr[s + 1]] for s in lst])
        deps[i] = len(np.unique(trips))
    return dist, deps / hours
