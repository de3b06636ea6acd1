"""Points in and the travel-time matrix out for ``transit-matrix``, without pandas.

The command's whole run is a fresh process, and importing pandas (~0.2 s) would be a large
share of it; plain :mod:`csv` and numpy read the points and write the matrix with the same
result as ``pandas.read_csv`` / ``DataFrame.to_csv`` (tested byte for byte).

Examples
--------
>>> xy, ids = read_points(Path("origins.csv"))            # doctest: +SKIP
>>> write_matrix_csv(Path("m.csv"), matrix)                # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path

import numpy as np

from ..core.errors import DataError

__all__ = ["read_points", "matrix_rows", "write_matrix_csv"]

MATRIX_COLUMNS = ("origin_id", "destination_id", "p10", "p50", "p90", "reachable_share")


def read_points(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Read points as EPSG:25832 ``(xy, ids)`` from CSV (id,lon,lat | id,x,y) or GeoJSON.

    Examples
    --------
    >>> xy, ids = read_points(Path("origins.csv"))   # doctest: +SKIP
    """
    path = Path(path)
    if not path.is_file():
        raise DataError("file not found", file=path)
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        return _read_geojson(path)
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    raise DataError("points must be a .csv or .geojson file", file=path)


def _csv_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header (stripped, lower case) and ``(line number, fields)`` of the data rows.

    UTF-8 (with or without BOM), else cp1252; blank lines are skipped (as pandas does).
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise DataError(f"cannot read CSV (neither UTF-8 nor cp1252: {exc.reason})",
                            file=path) from None
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for fields in reader:
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue
            rows.append((reader.line_num, fields))
    except csv.Error as exc:
        raise DataError(f"cannot read CSV ({exc})", file=path, row=reader.line_num) from None
    if not rows:
        raise DataError("cannot read CSV (the file is empty)", file=path)
    header = [c.strip().lower() for c in rows[0][1]]
    body = rows[1:]
    for line, fields in body:
        if len(fields) != len(header):
            raise DataError(f"cannot read CSV (expected {len(header)} fields, saw "
                            f"{len(fields)})", file=path, row=line)
    return header, body


def _number(value: str) -> float:
    """A number as ``pandas.to_numeric`` reads it; NaN for anything else (never raises)."""
    s = value.strip()
    if "_" in s:  # float() allows digit grouping with underscores, pandas does not
        return math.nan
    try:
        return float(s)
    except ValueError:
        return math.nan


def _read_csv(path: Path):
    header, body = _csv_rows(path)
    if {"lon", "lat"} <= set(header):
        cx, cy, crs = "lon", "lat", 4326
    elif {"x", "y"} <= set(header):
        cx, cy, crs = "x", "y", 25832
    else:
        raise DataError("needs columns id,lon,lat (WGS84) or id,x,y (EPSG:25832)", file=path)
    vals = []
    for col in (cx, cy):
        k = header.index(col)
        raw = [fields[k] for _, fields in body]
        v = np.array([_number(s) for s in raw], dtype=np.float64)
        bad = ~np.isfinite(v)
        if bad.any():
            j = int(np.flatnonzero(bad)[0])
            raise DataError(f"not a number: {raw[j]!r}", file=path, field=col, row=body[j][0])
        vals.append(v)
    x, y = vals
    if crs == 4326:
        bad = (np.abs(x) > 180) | (np.abs(y) > 90)
        if bad.any():
            j = int(np.flatnonzero(bad)[0])
            raise DataError("not a longitude/latitude (use columns x,y for EPSG:25832)",
                            file=path, field=cx, row=body[j][0])
        from pyproj import Transformer

        x, y = Transformer.from_crs(4326, 25832, always_xy=True).transform(x, y)
    if "id" in header:
        k = header.index("id")
        ids = np.empty(len(body), dtype=object)
        ids[:] = [fields[k] for _, fields in body]
    else:
        ids = np.arange(len(body))
    return np.column_stack([x, y]), ids


def _read_geojson(path: Path):
    import geopandas as gpd

    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # noqa: BLE001 - pyogrio raises several types for bad files
        raise DataError(f"cannot read GeoJSON ({exc})", file=path) from None
    if gdf.crs is None:
        gdf = gdf.set_crs(4326)  # RFC 7946: GeoJSON is WGS84
    geom = gdf.geometry
    if geom.isna().any() or geom.is_empty.any() or not (geom.geom_type == "Point").all():
        raise DataError("every feature must be a Point", file=path, field="geometry")
    gdf = gdf.to_crs(25832)
    ids = gdf["id"].to_numpy() if "id" in gdf.columns else np.arange(len(gdf))
    return np.column_stack([gdf.geometry.x.to_numpy(), gdf.geometry.y.to_numpy()]), ids


# --------------------------------------------------------------------------------------------


def _texts(values: np.ndarray) -> np.ndarray:
    """Cells as ``DataFrame.to_csv(na_rep="")`` writes them: the shortest repr for floats,
    ``str`` for the rest, an empty cell for a missing value.

    pandas writes float64 through ``astype(str)``; Python's ``repr`` gives the same text (both
    the shortest string that reads back to the same double, tested) about ten times faster.
    """
    values = np.asarray(values)
    if values.dtype.kind == "f":
        out = np.empty(len(values), dtype=object)
        out[:] = [repr(v) if v == v else "" for v in values.astype(np.float64).tolist()]
        return out
    if values.dtype.kind == "O":
        out = np.empty(len(values), dtype=object)
        out[:] = ["" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
                  for v in values.tolist()]
        return out
    return values.astype(str).astype(object)


def matrix_rows(matrix) -> list[np.ndarray]:
    """The columns of the long table (:data:`MATRIX_COLUMNS`) as text, one row per origin ×
    destination: times in minutes rounded to 2 decimals, the share to 4 (as numpy rounds)."""
    n_o, n_d = matrix.shape
    return [
        _texts(np.repeat(np.asarray(matrix.origin_ids), n_d)),
        _texts(np.tile(np.asarray(matrix.destination_ids), n_o)),
        *(_texts(np.round(np.asarray(getattr(matrix, p), dtype=np.float64).ravel(), 2))
          for p in ("p10", "p50", "p90")),
        _texts(np.round(np.asarray(matrix.reachable_share, dtype=np.float64).ravel(), 4)),
    ]


def write_matrix_csv(path: str | Path, matrix) -> None:
    """Write the matrix as CSV: :data:`MATRIX_COLUMNS`, unreachable percentiles empty.

    The bytes equal ``matrix.to_frame()`` rounded and written by ``to_csv(index=False,
    na_rep="")``: the same :mod:`csv` dialect (minimal quoting, ``os.linesep``, UTF-8).
    """
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator=os.linesep, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(MATRIX_COLUMNS)
        writer.writerows(zip(*matrix_rows(matrix)))
