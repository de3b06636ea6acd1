"""Read one service day of a GTFS feed into flat numpy arrays for routing.

The reader resolves which trips run on one date (``calendar.txt`` + ``calendar_dates.txt``,
including feeds that only have ``calendar_dates.txt``), expands ``frequencies.txt``, keeps times
past 24:00 (and the previous service day's trips that are still running after midnight),
interpolates blank times at non-timepoints, sniffs the text encoding of every member and
reprojects the stops to EPSG:25832. Whatever it repairs or skips is listed in
:attr:`GtfsDay.warnings` as :class:`~ungtloft_map.core.errors.DataWarning` objects; anything that
makes the feed unusable raises :class:`~ungtloft_map.core.errors.DataError` naming the zip, the
member (``layer``), the field and the row (the line number in the member, header = line 1).

Times are integer seconds since the start of the service day ("noon minus 12 h", as GTFS
defines it), so 25:10:00 is 90600 and a departure window "07:00-09:00" is [25200, 32400).
Because the service day starts at noon minus 12 h, GTFS times are wall-clock times even on the
days daylight saving time starts or ends (only the small hours around the switch are shifted),
so a daytime window needs no correction.

Examples
--------
>>> day = load_gtfs("gtfs.zip")                      # doctest: +SKIP
>>> day                                               # doctest: +SKIP
GtfsDay(file='gtfs.zip', date=2020-08-18, stops=9255, trips=6480, stop_events=147052, warnings=1)

Package layout: :mod:`.members` (the zip, encodings, tables), :mod:`.service_days`
(calendars, holidays), :mod:`.stop_times` (times, interpolation, frequencies), :mod:`.assemble`
(validation and the flat arrays), :mod:`.day` (:class:`GtfsDay`) and :mod:`.loader` (the cached
:func:`load_gtfs`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ungtloft_map.core.lazy import lazy_attributes

from .day import GtfsDay
from .loader import load_gtfs

if TYPE_CHECKING:
    from .service_days import norwegian_public_holidays
    from .stop_times import parse_gtfs_time

__all__ = ["GtfsDay", "load_gtfs", "norwegian_public_holidays", "parse_gtfs_time"]

#: Name -> submodule, imported on first use (PEP 562): both need pandas, which a feed read
#: back from the disk cache does not.
_LAZY = {"norwegian_public_holidays": "service_days", "parse_gtfs_time": "stop_times"}


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, globals())
