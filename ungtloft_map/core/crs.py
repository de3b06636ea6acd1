"""Coordinate reference systems used by the app.

Analysis always runs in :data:`ANALYSIS_CRS` (ETRS89 / UTM 32N); web maps use :data:`WEB_CRS`.
"""

from __future__ import annotations

import geopandas as gpd
from pyproj import CRS

from .errors import DataError

ANALYSIS_CRS = CRS.from_epsg(25832)
WEB_CRS = CRS.from_epsg(4326)


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
