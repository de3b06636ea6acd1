"""Inspect files and folders: every layer, with what it holds and the guessed role and fields."""

from __future__ import annotations

import io
import os
import warnings as pywarnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from pyproj import CRS

from ...errors import DataError, UngtloftError
from ..plans import read_plan
from ..sosi import read_sosi
from ..tables import read_table
from .guess import guess_fields, guess_role
from .model import SourceLayer, _family
from .presets import (
    detect_preset,
    landcover_preset,
    n50_layer_file,
    ssb_preset,
    wide_table_preset,
)

__all__ = ["inspect_source", "preview_geometries", "HEAD_ROWS"]

#: How many rows :attr:`SourceLayer.head` keeps.
HEAD_ROWS = 5

_VECTOR_SUFFIXES = {".gpkg", ".geojson", ".json", ".shp", ".fgb", ".gml", ".kml", ".gdb"}
_OSM_SUFFIXES = {".osm", ".pbf"}  # ".osm.pbf" ends in ".pbf"
_TABLE_SUFFIXES = {".csv", ".xlsx", ".xlsm"}
_PLAN_SUFFIXES = {".sos", ".sosi", ".gml"}  # read by the plan readers, not by GDAL
_ZIP_VECTOR_MEMBERS = (".shp", ".gpkg", ".geojson")
_SKIP_NAMES = {"manifest.json"}


def inspect_source(path: str | os.PathLike) -> list[SourceLayer]:
    """Every layer in a file, or in the files of a folder (walked, hidden entries skipped).

    Parameters
    ----------
    path
        A GeoPackage (one :class:`SourceLayer` per layer), GeoJSON, Shapefile (``.shp`` or a
        ``.zip`` holding one), CSV/XLSX table, GTFS zip (recognised by ``stops.txt`` and
        ``stop_times.txt``), SOSI/GML plan, or one of the standard sources (SSB population
        grid as GML/GeoJSON/FileGDB ``.gdb``/SOSI/CSV, N50/FKB Arealdekke SOSI/GML, AR5, OSM
        ``.osm``/``.osm.pbf``, address points, a municipal-housing list, a wide levekår
        table: :mod:`~ungtloft_map.core.io.importer.presets`) -- or a folder holding such files. In a folder,
        files of other types (and ``.json`` files that are not GeoJSON) are skipped; a file
        given by itself always yields at least one entry (with ``error`` set when it cannot be
        read).

    Returns
    -------
    list of SourceLayer
        With the guessed role and fields filled in (from the preset when a standard source
        was recognised: :attr:`SourceLayer.preset`). Nothing raises for bad input: a layer that
        cannot be read carries the message in ``error``.

    Examples
    --------
    >>> [s.label for s in inspect_source("geodata/demo")][:2]   # doctest: +SKIP
    ['fjordvik.gpkg:boundary', 'fjordvik.gpkg:water']
    """
    path = Path(path).expanduser().absolute()
    if path.is_dir() and path.suffix.lower() != ".gdb":
        files = list(_walk(path))
        out: list[SourceLayer] = []
        for f in files:
            out.extend(_inspect_file(f))
        return out
    return _inspect_file(path)


def _walk(folder: Path) -> Iterator[Path]:
    known = _VECTOR_SUFFIXES | _TABLE_SUFFIXES | _PLAN_SUFFIXES | _OSM_SUFFIXES | {".zip"}
    for root, dirs, files in os.walk(folder):
        # Hidden folders (.git, .venv) and __pycache__ never hold the user's data; a FileGDB
        # is a folder that is one source.
        gdbs = sorted(d for d in dirs if d.lower().endswith(".gdb"))
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")) and d not in gdbs)
        for name in gdbs:
            yield Path(root) / name
        for name in sorted(files):
            p = Path(root) / name
            if name.startswith((".", "~$")) or name.lower() in _SKIP_NAMES:
                continue
            if p.suffix.lower() == ".json" and not _looks_like_geojson(p):
                continue  # settings and metadata files are not layers
            if p.suffix.lower() in known:
                yield p


def _looks_like_geojson(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            start = fh.read(4096)
    except OSError:
        return True  # let the inspection report the problem
    return b'"type"' in start and (b"Feature" in start or b"coordinates" in start)


def _inspect_file(path: Path) -> list[SourceLayer]:
    suffix = path.suffix.lower()
    try:
        if not path.exists():
            raise DataError("file not found", file=path)
        if path.is_file() and path.stat().st_size == 0:
            raise DataError("the file is empty (0 bytes)", file=path)
        if suffix in _OSM_SUFFIXES:
            found = [_inspect_osm(path)]
        elif suffix in {".sos", ".sosi"}:
            found = [_inspect_sosi(path)]
        elif suffix == ".zip":
            found = _inspect_zip(path)
        elif suffix in _TABLE_SUFFIXES:
            found = [_inspect_table(path)]
        elif suffix == ".gml" and _is_plan_gml(path):
            found = [_inspect_plan(path)]
        elif suffix in _VECTOR_SUFFIXES:
            found = _inspect_vector(path, str(path))
        else:
            raise DataError(f"unsupported file type {suffix or '(none)'!r}", file=path)
    except Exception as exc:  # never let one file stop the inspection of the others
        kind = "table" if suffix in _TABLE_SUFFIXES else "vector"
        found = [SourceLayer(path, None, kind, error=_message(exc))]
    for src in found:
        if src.error is None:
            if src.preset is None:
                src.preset = detect_preset(src)
            if src.preset is not None:
                src.guessed_role = src.preset.role
                src.guessed_fields = dict(src.preset.field_map)
            else:
                src.guessed_role = guess_role(src)
                src.guessed_fields = guess_fields(src.guessed_role, src.field_names)
    return found


def _message(exc: BaseException) -> str:
    if isinstance(exc, UngtloftError):
        return str(exc)
    return f"cannot read ({_short(exc)})"


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _is_plan_gml(path: Path) -> bool:
    # A Plan GML (SOSI-based) has its own reader; other GML goes through GDAL.
    with open(path, "rb") as fh:
        start = fh.read(4096).lower()
    return b"arealplan" in start or b"rpomrade" in start or b"rpomr" in start


def _gtfs_members(zf: zipfile.ZipFile) -> dict[str, str]:
    out: dict[str, str] = {}
    for info in zf.infolist():
        base = info.filename.rsplit("/", 1)[-1].lower()
        if not info.is_dir() and not base.startswith("._"):
            out.setdefault(base, info.filename)
    return out


def _inspect_zip(path: Path) -> list[SourceLayer]:
    try:
        with zipfile.ZipFile(path) as zf:
            members = _gtfs_members(zf)
            if "stops.txt" in members and "stop_times.txt" in members:
                return [_inspect_gtfs(path, zf, members)]
    except zipfile.BadZipFile:
        raise DataError("not a valid zip archive (corrupt or truncated)", file=path) from None
    if not any(m.endswith(_ZIP_VECTOR_MEMBERS) for m in members):
        raise DataError(
            "the zip holds neither a GTFS feed (stops.txt, stop_times.txt) nor a shapefile",
            file=path,
        )
    return _inspect_vector(path, f"/vsizip/{path}")


def _inspect_gtfs(path: Path, zf: zipfile.ZipFile, members: dict[str, str]) -> SourceLayer:
    raw = zf.read(members["stops.txt"])
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    stops = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    stops.columns = [c.strip() for c in stops.columns]
    return SourceLayer(
        path, None, "gtfs", geometry_type="Point", feature_count=len(stops),
        crs="EPSG:4326",  # GTFS coordinates are WGS84 by definition
        fields={c: "str" for c in stops.columns}, head=stops.head(HEAD_ROWS).reset_index(drop=True),
    )


def _inspect_table(path: Path) -> SourceLayer:
    try:
        df = read_table(path)
    except DataError:
        # A kommune's wide levekår CSV has a title row above the header, which the plain table
        # reader takes for the header ("Expected 2 fields in line 3"); its own reader knows it.
        preset = wide_table_preset(SourceLayer(path, None, "table"))
        if preset is None:
            raise
        return SourceLayer(path, None, "table", preset=preset)
    return SourceLayer(
        path, None, "table", feature_count=len(df),
        fields={str(c): str(t) for c, t in df.dtypes.items()},
        head=df.head(HEAD_ROWS).reset_index(drop=True),
    )


def _inspect_osm(path: Path) -> SourceLayer:
    """An OSM extract as one green-areas source (GDAL's OSM driver, EPSG:4326)."""
    preset = landcover_preset(SourceLayer(path, None, "vector"))
    if preset is None:
        raise DataError("GDAL's OSM driver cannot read this file (no multipolygons layer)",
                        file=path)
    return SourceLayer(path, None, "vector", geometry_type="MultiPolygon", crs="EPSG:4326",
                       preset=preset)


def _inspect_sosi(path: Path) -> SourceLayer:
    """A SOSI file: N50/FKB land cover, an SSB grid, else a regulation plan."""
    probe = SourceLayer(path, None, "vector", geometry_type="Polygon")
    preset = landcover_preset(probe) or ssb_preset(probe)
    if preset is None:
        try:
            return _inspect_plan(path)
        except DataError as err:
            # The plan reader has the last word, so say what was tried first: a damaged N50
            # file given as --green was otherwise reported as a plan "without plan polygons".
            raise DataError("not recognised as land cover (N50/FKB Arealdekke, AR5) or an SSB "
                            f"grid, nor as a regulation plan: {err.message}", file=err.file,
                            layer=err.layer, field=err.field, row=err.row) from None
    res = read_sosi(path)
    gdf = res.features
    attrs = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    return SourceLayer(
        path, None, "vector", geometry_type="Polygon", feature_count=len(gdf),
        crs=_crs_text(gdf.crs), fields={str(c): str(t) for c, t in attrs.dtypes.items()},
        head=attrs.head(HEAD_ROWS).reset_index(drop=True), preset=preset,
    )


def _inspect_plan(path: Path) -> SourceLayer:
    plan = read_plan(path)
    gdf = plan.features
    attrs = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    return SourceLayer(
        path, None, "plan", geometry_type="Polygon", feature_count=len(gdf),
        crs=_crs_text(gdf.crs),
        fields={str(c): str(t) for c, t in attrs.dtypes.items()},
        head=attrs.head(HEAD_ROWS).reset_index(drop=True),
    )


def _inspect_vector(path: Path, target: str) -> list[SourceLayer]:
    with pywarnings.catch_warnings():
        pywarnings.simplefilter("ignore", RuntimeWarning)  # GDAL repeats its errors as warnings
        try:
            listed = pyogrio.list_layers(target)
        except Exception as exc:
            raise DataError(f"cannot read the file ({_short(exc)})", file=path) from None
        names = [(str(n), g) for n, g in listed]
        if len(names) > 1 and n50_layer_file([n for n, _ in names]):
            # N50 GML: one layer per land-cover class, read together as one green source.
            merged = _inspect_n50_layers(path, target, [n for n, _ in names])
            if merged is not None:
                return [merged]
        out = []
        for name, _geom in names:
            try:
                out.append(_inspect_vector_layer(path, target, name, len(names)))
            except Exception as exc:  # one broken layer must not hide the others
                out.append(SourceLayer(path, name, "vector", error=_message(exc),
                                       layers_in_file=len(names)))
    if not out:
        raise DataError("the file holds no layers", file=path)
    return out


def _inspect_n50_layers(path: Path, target: str, names: list[str]) -> SourceLayer | None:
    preset = landcover_preset(SourceLayer(path, None, "vector"))
    if preset is None:
        return None
    count, crs = 0, None
    for name in names:
        info = pyogrio.read_info(target, layer=name)
        count += max(int(info.get("features", 0)), 0)
        crs = crs or _crs_text(info.get("crs"))
    return SourceLayer(path, None, "vector", geometry_type="MultiPolygon", feature_count=count,
                       crs=crs, fields={}, preset=preset)


def _inspect_vector_layer(path: Path, target: str, name: str, n_layers: int) -> SourceLayer:
    info = pyogrio.read_info(target, layer=name)
    geometry_type = info.get("geometry_type")
    head = pyogrio.read_dataframe(target, layer=name, max_features=HEAD_ROWS,
                                  read_geometry=bool(geometry_type))
    if isinstance(head, gpd.GeoDataFrame):
        if str(geometry_type).lower() in ("unknown", "geometry", "geometrycollection"):
            # GeoJSON mixing Polygon and MultiPolygon reports "Unknown"; the first features
            # tell the family, which is all the role guess needs.
            types = set(head.geom_type.dropna())
            if len({_family(t) for t in types}) == 1:
                geometry_type = sorted(types, key=len)[-1]  # MultiPolygon over Polygon
        head = pd.DataFrame(head.drop(columns=head.geometry.name))
    src = SourceLayer(
        path, name, "vector",
        geometry_type=str(geometry_type) if geometry_type else None,
        feature_count=int(info["features"]) if info.get("features", -1) >= 0 else None,
        crs=_crs_text(info.get("crs")),
        fields={str(f): str(t) for f, t in zip(info["fields"], info["dtypes"])},
        head=pd.DataFrame(head).reset_index(drop=True),
        layers_in_file=n_layers,
    )
    if src.geometry_type is None:
        # A GeoPackage attribute table: the indicator reader takes CSV/XLSX only.
        src.error = "the layer has no geometry (an attribute table); export it to CSV or XLSX"
    return src


def _crs_text(crs) -> str | None:
    if crs is None:
        return None
    try:
        c = CRS.from_user_input(crs)
    except Exception:
        return str(crs)[:80]
    auth = c.to_authority()
    if auth is not None:
        return f"{auth[0]}:{auth[1]}"
    return c.name


def preview_geometries(source: SourceLayer, max_features: int = 5000) -> gpd.GeoDataFrame | None:
    """The layer's geometries for a thumbnail (source CRS; GTFS stops in EPSG:4326).

    Returns ``None`` for tables and layers that cannot be read. Only the first
    ``max_features`` features are read, so large layers stay quick to preview.

    Examples
    --------
    >>> gdf = preview_geometries(inspect_source("zones.geojson")[0])  # doctest: +SKIP
    """
    if source.error or source.kind == "table":
        return None
    try:
        if source.kind == "gtfs":
            with zipfile.ZipFile(source.path) as zf:
                raw = zf.read(_gtfs_members(zf)["stops.txt"])
            stops = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", encoding_errors="replace",
                                dtype=str, keep_default_na=False, nrows=max_features)
            stops.columns = [c.strip() for c in stops.columns]
            lon = pd.to_numeric(stops.get("stop_lon"), errors="coerce")
            lat = pd.to_numeric(stops.get("stop_lat"), errors="coerce")
            ok = lon.notna() & lat.notna()
            return gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon[ok], lat[ok]), crs="EPSG:4326")
        if source.kind == "plan":
            feats = read_plan(source.path).features
            return gpd.GeoDataFrame(geometry=feats.geometry.values, crs=feats.crs)
        suffix = source.path.suffix.lower()
        if suffix in {".sos", ".sosi"}:  # N50/FKB land cover or an SSB grid in SOSI
            feats = read_sosi(source.path).features
            return gpd.GeoDataFrame(geometry=feats.geometry.values[:max_features], crs=feats.crs)
        layer = source.layer
        if suffix in _OSM_SUFFIXES:
            layer = "multipolygons"  # the OSM driver's areas (its default layer is points)
        elif layer is None and source.preset is not None and source.preset.key == "n50":
            layer = "Skog"  # N50 GML, one layer per class: the forest shows the shape of it
        target = f"/vsizip/{source.path}" if suffix == ".zip" else str(source.path)
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore", RuntimeWarning)
            gdf = pyogrio.read_dataframe(target, layer=layer, max_features=max_features,
                                         columns=[])
        return gdf if isinstance(gdf, gpd.GeoDataFrame) else None
    except Exception:  # a preview is optional; the validation reports the real problem
        return None
