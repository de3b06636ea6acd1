"""Reading a GTFS zip: its members (in the root or one sub-folder), the text encoding of each CSV,
the tables with required/optional fields, and the stops and route types.
"""

from __future__ import annotations

import io
import zipfile
import zlib

import numpy as np
import pandas as pd

from ...errors import DataError, DataWarning

_REQUIRED = ("stops.txt", "trips.txt", "stop_times.txt")


def _members(zf: zipfile.ZipFile) -> dict[str, str]:
    """Map base names (``stops.txt``) to member names; feeds are sometimes zipped in a folder."""
    out: dict[str, str] = {}
    for info in zf.infolist():
        if info.is_dir():
            continue
        base = info.filename.rsplit("/", 1)[-1]
        if base.lower().endswith(".txt") and not base.startswith("._"):
            out.setdefault(base.lower(), info.filename)
    return out


def _decode(data: bytes) -> tuple[str, str | None]:
    """Decode a member, returning the text and a note when it was not plain UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # errors="replace": a member cut after an odd number of bytes (or with a lone
        # surrogate) must not raise UnicodeDecodeError; the CSV checks report what is broken.
        return data.decode("utf-16", errors="replace"), "encoded as UTF-16; decoded"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        # Windows exports (Excel) are the usual reason; cp1252 covers Norwegian letters.
        return data.decode("cp1252", errors="replace"), "not UTF-8; read as Windows-1252 (cp1252)"


class _Reader:
    """Reads members as string DataFrames with blanks as '' and a ``_line`` column."""

    def __init__(self, zf, members, file, warnings):
        self.zf, self.members, self.file, self.warnings = zf, members, file, warnings

    def table(self, name: str, required: list[str], optional: list[str]) -> pd.DataFrame:
        try:
            data = self.zf.read(self.members[name])
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as exc:
            raise DataError(f"cannot read the member from the zip ({exc})", file=self.file,
                            layer=name) from None
        text, note = _decode(data)
        if note:
            self.warnings.append(DataWarning(note, file=self.file, layer=name))
        if not text.strip():
            raise DataError("member is empty (no header row)", file=self.file, layer=name)
        header = [h.strip().lstrip("\ufeff") for h in next(iter(io.StringIO(text))).split(",")]
        header = [h.strip('"') for h in header]
        for col in required:
            if col not in header:
                raise DataError("required field is missing", file=self.file, layer=name,
                                field=col)
        wanted = [c for c in required + optional if c in header]
        try:
            df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                             na_filter=False, skipinitialspace=True,
                             usecols=lambda c: c.strip().lstrip("\ufeff").strip('"') in wanted)
        except (pd.errors.ParserError, ValueError) as exc:
            raise DataError(f"cannot parse CSV ({exc})", file=self.file, layer=name) from None
        df.columns = [c.strip().lstrip("\ufeff").strip('"') for c in df.columns]
        # The check on the header line above splits at every comma; pandas honours quotes, so a
        # header such as `route_id,"service_id,trip_id"` passes that check but has no trip_id.
        for col in required:
            if col not in df.columns:
                raise DataError("required field is missing", file=self.file, layer=name,
                                field=col)
        for col in optional:
            if col not in df.columns:
                df[col] = ""
        # Padded values (" 08:00:00") are rare; one regex over the raw text decides whether the
        # (slow, per value) stripping is needed at all, which keeps 30 MB members fast.
        if _padded(text):
            for col in df.columns:
                df[col] = df[col].str.strip()
        # header is line 1, so data row i (0-based) is line i + 2 (no embedded newlines assumed)
        df["_line"] = np.arange(2, len(df) + 2)
        return df


def _padded(text: str) -> bool:
    """Whether any value might start or end with blanks (plain substring tests are fast)."""
    return (text[:1] in (" ", "\t") or text.rstrip("\r\n")[-1:] in (" ", "\t")
            or any(p in text for p in (" ,", ", ", " \n", "\n ", " \r", "\t")))


def _check_unique(df, col, layer, file):
    dup = df[col].duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise DataError(f"duplicate {col} {df[col].iat[i]!r}", file=file, layer=layer, field=col,
                        row=int(df["_line"].iat[i]))


def _route_types(reader: _Reader, members) -> dict[str, int]:
    if "routes.txt" not in members:
        reader.warnings.append(DataWarning("routes.txt is missing; route types unknown",
                                           file=reader.file, layer="routes.txt"))
        return {}
    routes = reader.table("routes.txt", ["route_id"], ["route_type"])
    rt = pd.to_numeric(routes["route_type"], errors="coerce")
    # Like text, a value that is no int32 ("inf", 1e30, 99999999999) means an unknown type;
    # casting it would raise (IntCastingNaNError, OverflowError in the int32 result array).
    rt = rt.where(rt.abs() < 2**31, -1).fillna(-1).astype(np.int64)
    return dict(zip(routes["route_id"], rt))


def _read_stops(reader: _Reader, file: str, warnings) -> pd.DataFrame:
    stops = reader.table("stops.txt", ["stop_id"],
                         ["stop_name", "stop_lat", "stop_lon", "location_type", "parent_station"])
    _check_unique(stops, "stop_id", "stops.txt", file)
    lt = stops["location_type"].replace("", "0")
    stops["location_type"] = lt
    # Only generic nodes (3) and boarding areas (4) may lack coordinates. Stops, stations and
    # entrances need them, and so does a stop with an invalid type ("S", "9"): a trip may
    # stop there, and its NaN position would pass silently into the routing arrays.
    need_xy = ~lt.isin(["3", "4"]).to_numpy()
    lat = pd.to_numeric(stops["stop_lat"], errors="coerce").to_numpy()
    lon = pd.to_numeric(stops["stop_lon"], errors="coerce").to_numpy()
    for col, v, lim in (("stop_lat", lat, 90.0), ("stop_lon", lon, 180.0)):
        bad = need_xy & ~(np.abs(v) <= lim)  # NaN fails the comparison too
        if bad.any():
            j = int(np.flatnonzero(bad)[0])
            raw = stops[col].iat[j]
            what = "missing coordinate" if raw == "" else f"invalid coordinate {raw!r}"
            raise DataError(f"stop {stops['stop_id'].iat[j]!r}: {what}", file=file,
                            layer="stops.txt", field=col, row=int(stops["_line"].iat[j]))
    stops["lat"], stops["lon"] = lat, lon
    zero = need_xy & (lat == 0) & (lon == 0)
    if zero.any():
        warnings.append(DataWarning(f"{int(zero.sum())} stops at 0,0 (probably missing "
                                    "coordinates); kept but they are unreachable on foot",
                                    file=file, layer="stops.txt", field="stop_lat"))
    return stops
