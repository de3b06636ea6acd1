"""Coordinate reference systems used by the app, and bringing a layer into the analysis CRS.

Analysis always runs in :data:`ANALYSIS_CRS` (ETRS89 / UTM 32N); web maps use :data:`WEB_CRS`.

Input CRS seen in Norwegian data, all accepted by :func:`to_analysis_crs`:

================================  ==========================================================
input                             what happens
================================  ==========================================================
EPSG:25832 (ETRS89 / UTM 32N)     kept as is
EPSG:25833, 25835 (UTM 33N, 35N)  reprojected (SSB's grid and N50 for Trøndelag come in 33N)
EPSG:4326, 4258 (geographic)      reprojected (OpenStreetMap, GeoJSON from the web)
EPSG:5972, 5973, 5975             ETRS89 / UTM 32/33/35N + NN2000 height: the horizontal part
                                  (25832/25833/25835) is used, heights are dropped
EPSG:25832+5941 etc. (compound)   the same: horizontal part, heights dropped
EPSG:4937, 4979 (3D geographic)   the same: 2D geographic part (4258/4326), heights dropped
================================  ==========================================================

Heights are dropped (geometries made 2D) because every analysis is planar; keeping a vertical
datum would only make PROJ look for geoid grids that are not needed for E/N.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import Point
>>> gdf = gpd.GeoDataFrame(geometry=[Point(270000, 7040000, 12.0)], crs="EPSG:5973")
>>> out = to_analysis_crs(gdf)
>>> out.crs.to_epsg(), out.geometry.iloc[0].has_z
(25832, False)
>>> horizontal_crs("EPSG:25833+5941").to_epsg()
25833
"""

from __future__ import annotations

import geopandas as gpd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from .errors import DataError

ANALYSIS_CRS = CRS.from_epsg(25832)
WEB_CRS = CRS.from_epsg(4326)

#: The EPSG codes a Norwegian file is expected to come in (horizontal part). Others are still
#: reprojected; this list is what the tests and the user guide promise.
KNOWN_INPUT_EPSG = (25832, 25833, 25835, 4326, 4258, 5972, 5973, 5975, 4937, 4979)


def horizontal_crs(crs) -> CRS:
    """The horizontal (2D) part of ``crs``.

    A compound CRS (e.g. EPSG:5972, ETRS89 / UTM 32N + NN2000 height) gives its horizontal
    component; a 3D geographic CRS (EPSG:4937, 4979) gives its 2D version; anything else is
    returned unchanged.

    Parameters
    ----------
    crs
        Anything :meth:`pyproj.CRS.from_user_input` understands.

    Raises
    ------
    DataError
        If ``crs`` is not a CRS pyproj can read.

    Examples
    --------
    >>> horizontal_crs(5972).to_epsg()
    25832
    >>> horizontal_crs("EPSG:4979").to_epsg()
    4326
    """
    try:
        crs = CRS.from_user_input(crs)
    except CRSError as exc:
        raise DataError(f"unknown coordinate reference system {crs!r} ({exc})") from None
    if crs.is_compound:
        for sub in crs.sub_crs_list:
            if not sub.is_vertical:
                return horizontal_crs(sub)
    if len(crs.axis_info) == 3 and (crs.is_geographic or crs.is_projected):
        try:
            flat = crs.to_2d()
        except CRSError:  # pragma: no cover - pyproj always manages for EPSG CRS
            return crs
        epsg = flat.to_epsg()
        return CRS.from_epsg(epsg) if epsg else flat
    return crs


def to_analysis_crs(
    gdf: gpd.GeoDataFrame, *, file=None, layer=None, what: str = "layer"
) -> gpd.GeoDataFrame:
    """``gdf`` in EPSG:25832 with 2D geometries, from any of the CRS in the module docstring.

    Parameters
    ----------
    gdf
        A layer with a CRS.
    file, layer, what
        Named in the error message.

    Returns
    -------
    GeoDataFrame
        A new frame (the input is not modified) in :data:`ANALYSIS_CRS`.

    Raises
    ------
    DataError
        No CRS, or the transformation fails.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> g = gpd.GeoDataFrame(geometry=[Point(10.4, 63.43)], crs=4326)
    >>> round(to_analysis_crs(g).geometry.x.iloc[0])
    569864
    """
    if gdf.crs is None:
        raise DataError(f"{what} has no coordinate reference system; none is assumed",
                        file=file, layer=layer)
    source = CRS.from_user_input(gdf.crs)
    flat = horizontal_crs(source)
    out = gdf.copy()
    if flat != source:
        out = out.set_crs(flat, allow_override=True)
    if out.geometry.has_z.any():
        out[out.geometry.name] = shapely.force_2d(out.geometry.values)
    if flat != ANALYSIS_CRS:
        try:
            out = out.to_crs(ANALYSIS_CRS)
        except Exception as exc:
            text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
            raise DataError(f"cannot reproject from {describe_crs(source)}: {text}",
                            file=file, layer=layer) from None
    return out


def describe_crs(crs) -> str:
    """A short label such as ``"EPSG:5973 (ETRS89 / UTM zone 33N + NN2000 height)"``.

    Examples
    --------
    >>> describe_crs(25833)
    'EPSG:25833 (ETRS89 / UTM zone 33N)'
    """
    crs = CRS.from_user_input(crs)
    epsg = crs.to_epsg()
    return f"EPSG:{epsg} ({crs.name})" if epsg else crs.name


def require_projected(gdf: gpd.GeoDataFrame, *, what: str = "layer", file=None, layer=None) -> None:
    """Refuse a layer that is not in the analysis CRS.

    Analysis functions call this so that a distance in degrees can never pass for metres.

    Raises
    ------
    DataError
        If ``gdf`` has no CRS or a CRS other than EPSG:25832.
    """
    if gdf.crs is None:
        raise DataError(f"{what} has no CRS", file=file, layer=layer)
    if CRS.from_user_input(gdf.crs) != ANALYSIS_CRS:
        name = CRS.from_user_input(gdf.crs).name
        raise DataError(
            f"{what} is in {name}, not EPSG:25832 (ETRS89 / UTM 32N); reproject it first",
            file=file,
            layer=layer,
        )
