"""GTFS service days: ``calendar.txt`` + ``calendar_dates.txt``, Norwegian public holidays
(the ``holidays`` package) and the choice of a regular Tuesday.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ...errors import DataError
from .members import _Reader

#: A Tuesday counts as a regular service day when it has at least this share of the typical
#: (median) Tuesday's trips; this skips school holidays and reduced "summer" timetables that
#: the agency encodes with calendar_dates removals or separate service ids.
_REGULAR_SHARE = 0.9


def norwegian_public_holidays(year: int) -> set[dt.date]:
    """Norwegian public holidays (helligdager) of one year, from the ``holidays`` package.

    New Year's Day, Maundy Thursday, Good Friday, Easter Sunday and Monday, 1 May, 17 May,
    Ascension Day, Whit Sunday and Monday, Christmas Day and Boxing Day (lov om helligdager og
    helligdagsfred; ordinary Sundays are not listed). The package covers the years up to 2100.

    Examples
    --------
    >>> dt.date(2021, 5, 13) in norwegian_public_holidays(2021)   # Ascension Day
    True
    >>> len(norwegian_public_holidays(2024))
    12
    """
    import holidays  # ~0.1 s: only when a feed is parsed, not on a cached load

    return set(holidays.country_holidays("NO", years=year))


class _Calendar:
    def __init__(self, reader: _Reader):
        self.file = reader.file
        days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        if "calendar.txt" in reader.members:
            cal = reader.table("calendar.txt", ["service_id", *days, "start_date", "end_date"], [])
            self.start = _parse_dates(cal, "start_date", "calendar.txt", self.file)
            self.end = _parse_dates(cal, "end_date", "calendar.txt", self.file)
            flags = np.zeros((len(cal), 7), dtype=bool)
            for i, d in enumerate(days):
                v = cal[d]
                bad = ~v.isin(["0", "1"])
                if bad.any():
                    j = int(np.flatnonzero(bad.to_numpy())[0])
                    raise DataError(f"must be 0 or 1, got {v.iat[j]!r}", file=self.file,
                                    layer="calendar.txt", field=d, row=int(cal["_line"].iat[j]))
                flags[:, i] = v.to_numpy() == "1"
            self.flags = flags
            self.cal_sid = cal["service_id"].to_numpy()
        else:
            self.start = self.end = np.array([], dtype="datetime64[D]")
            self.flags = np.zeros((0, 7), dtype=bool)
            self.cal_sid = np.array([], dtype=object)
        if "calendar_dates.txt" in reader.members:
            cd = reader.table("calendar_dates.txt", ["service_id", "date", "exception_type"], [])
            self.cd_date = _parse_dates(cd, "date", "calendar_dates.txt", self.file)
            et = cd["exception_type"]
            bad = ~et.isin(["1", "2"])
            if bad.any():
                j = int(np.flatnonzero(bad.to_numpy())[0])
                raise DataError(f"must be 1 or 2, got {et.iat[j]!r}", file=self.file,
                                layer="calendar_dates.txt", field="exception_type",
                                row=int(cd["_line"].iat[j]))
            self.cd_type = et.to_numpy() == "1"  # True = added, False = removed
            self.cd_sid = cd["service_id"].to_numpy()
        else:
            self.cd_date = np.array([], dtype="datetime64[D]")
            self.cd_type = np.array([], dtype=bool)
            self.cd_sid = np.array([], dtype=object)

    def span(self) -> tuple[dt.date, dt.date] | None:
        lo = np.concatenate([self.start, self.cd_date[self.cd_type]])
        hi = np.concatenate([self.end, self.cd_date[self.cd_type]])
        if not len(lo):
            return None
        return lo.min().astype(dt.date), hi.max().astype(dt.date)

    def active(self, day: dt.date) -> set[str]:
        d = np.datetime64(day, "D")
        mask = (self.start <= d) & (self.end >= d) & self.flags[:, day.weekday()]
        on = set(self.cal_sid[mask].tolist())
        today = self.cd_date == d
        on |= set(self.cd_sid[today & self.cd_type].tolist())
        on -= set(self.cd_sid[today & ~self.cd_type].tolist())
        return on


def _parse_dates(df, col, layer, file) -> np.ndarray:
    v = df[col]
    ok = v.str.fullmatch(r"\d{8}")
    parsed = pd.to_datetime(v.where(ok, None), format="%Y%m%d", errors="coerce")
    bad = parsed.isna().to_numpy()
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        raise DataError(f"not a date YYYYMMDD: {v.iat[j]!r}", file=file, layer=layer, field=col,
                        row=int(df["_line"].iat[j]))
    return parsed.to_numpy().astype("datetime64[D]")


def _choose_date(date, cal: _Calendar, trips: pd.DataFrame, file: str, notes: list[str]):
    if date is not None:
        if isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date.strip())
            except ValueError:
                raise DataError(f"not a date YYYY-MM-DD: {date!r}", file=file) from None
        elif isinstance(date, dt.datetime):
            date = date.date()
        span = cal.span()
        if span is not None and not span[0] <= date <= span[1]:
            raise DataError(f"no trip runs on {date.isoformat()} (empty service day): the feed's "
                            f"service dates are {span[0].isoformat()} to {span[1].isoformat()}; "
                            "choose a date in that range", file=file,
                            layer="calendar.txt" if len(cal.start) else "calendar_dates.txt")
        notes.append(f"service date {date.isoformat()} (chosen by the user)")
        return date
    span = cal.span()
    if span is None:
        raise DataError("the calendar has no service dates", file=file, layer="calendar.txt")
    counts = trips["service_id"].value_counts()
    first = span[0] + dt.timedelta(days=(1 - span[0].weekday()) % 7)
    tuesdays = []
    day = first
    while day <= span[1]:
        holidays = norwegian_public_holidays(day.year)
        if day not in holidays:
            n = int(counts.reindex(list(cal.active(day))).fillna(0).sum())
            if n > 0:
                tuesdays.append((day, n))
        day += dt.timedelta(days=7)
    if not tuesdays:
        raise DataError("no Tuesday outside public holidays has any service; pass a date",
                        file=file, layer="calendar.txt")
    typical = float(np.median([n for _, n in tuesdays]))
    skipped = []
    for day, n in tuesdays:
        if n >= _REGULAR_SHARE * typical:
            msg = (f"service date {day.isoformat()}: the first Tuesday outside public holidays "
                   f"with regular service ({n} trips; typical Tuesday {typical:.0f})")
            if skipped:
                msg += "; skipped " + ", ".join(f"{d.isoformat()} ({k} trips)" for d, k in skipped)
            notes.append(msg)
            return day
        skipped.append((day, n))
    raise AssertionError("unreachable: the median Tuesday always qualifies")
