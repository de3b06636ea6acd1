"""The parsed GTFS service day (:class:`GtfsDay`): flat numpy arrays for routing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ...errors import DataWarning


@dataclass(frozen=True, repr=False, eq=False)
class GtfsDay:
    """One service day of a GTFS feed as flat arrays.

    Attributes
    ----------
    file : str
        Path of the feed zip.
    date : datetime.date
        The service date.
    stop_ids, stop_names : ndarray of str
        Stops (``location_type`` 0 or blank, plus any station a trip stops at).
    stop_lon, stop_lat, stop_x, stop_y : ndarray of float64
        Coordinates; ``x``/``y`` in EPSG:25832 metres.
    stop_station : ndarray of int32
        Station group: stops with the same ``parent_station`` share the number; a stop without a
        parent is its own group.
    trip_ids, trip_route_ids : ndarray of str
        Trips running on the day (frequency-based runs and the previous day's trips still running
        after midnight get their own entries, with a suffix on the id).
    trip_route_types : ndarray of int32
        ``route_type`` of each trip (-1 when ``routes.txt`` is missing).
    ev_trip, ev_stop : ndarray of int32
        Stop events (one per stop_time), sorted by trip then ``stop_sequence``.
    ev_arr, ev_dep : ndarray of int32
        Arrival and departure, seconds since the start of the service day.
    ev_pickup, ev_dropoff : ndarray of bool
        Whether passengers may board (``pickup_type`` != 1) and alight (``drop_off_type`` != 1).
    warnings : list of DataWarning
        Everything repaired or skipped.
    notes : list of str
        How the date was chosen and other facts worth showing.
    fingerprint : str
        Hash of the feed bytes, the date and the loader version (used by result caches).
    """

    file: str
    date: dt.date
    stop_ids: np.ndarray
    stop_names: np.ndarray
    stop_lon: np.ndarray
    stop_lat: np.ndarray
    stop_x: np.ndarray
    stop_y: np.ndarray
    stop_station: np.ndarray
    trip_ids: np.ndarray
    trip_route_ids: np.ndarray
    trip_route_types: np.ndarray
    ev_trip: np.ndarray
    ev_stop: np.ndarray
    ev_arr: np.ndarray
    ev_dep: np.ndarray
    ev_pickup: np.ndarray
    ev_dropoff: np.ndarray
    warnings: list[DataWarning] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fingerprint: str = ""

    @property
    def n_stops(self) -> int:
        return len(self.stop_ids)

    @property
    def n_trips(self) -> int:
        return len(self.trip_ids)

    def __repr__(self) -> str:
        return (
            f"GtfsDay(file={Path(self.file).name!r}, date={self.date.isoformat()}, "
            f"stops={self.n_stops}, trips={self.n_trips}, stop_events={len(self.ev_trip)}, "
            f"warnings={len(self.warnings)})"
        )
