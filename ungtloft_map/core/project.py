"""Project: the loaded data and the settings -- the headless "application".

A project folder holds a ``manifest.json`` that names each layer's file and role (see
``docs/DEVELOPING.md``). :class:`Project` reads and checks every layer, reads the indicator
table and builds :class:`~ungtloft_map.core.zonetable.ZoneTable` objects. The GUI and the CLI
both work through it.

Examples
--------
>>> p = Project.demo()
>>> p
Project('Fjordvik kommune (fiktiv demokommune)', fictional=True, layers=10, years=2021–2024)
>>> p.zone_table().year, len(p.zones)
(2024, 50)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from ..paths import demo_dir
from .analysis.apportion import cells_by_zone
from .analysis.livingconditions import compute_rates
from .catalogue import Catalogue
from .errors import DataError, DataWarning
from .io.sources import read_source
from .io.tables import check_zone_ids, read_indicator_table
from .io.vector import LoadedLayer
from .text import FICTIONAL
from .zonetable import ColumnInfo, ZoneTable

MANIFEST = "manifest.json"
MANIFEST_VERSION_MAX = 1
FICTIONAL_LABEL_NB, FICTIONAL_LABEL_EN = FICTIONAL  # the one wording (core.text)


@dataclass
class Project:
    """Loaded layers, indicator table and catalogue of one dataset."""

    root: Path
    name: str
    fictional: bool
    layers: dict[str, LoadedLayer]
    indicators: pd.DataFrame | None
    catalogue: Catalogue
    gtfs_path: Path | None = None
    plans: list[dict] = field(default_factory=list)
    version: str = ""
    warnings: list[DataWarning] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._zone_tables: dict[int | None, ZoneTable] = {}

    def __repr__(self) -> str:
        yrs = self.years
        span = f"{yrs[0]}–{yrs[-1]}" if yrs else "none"
        return f"Project({self.name!r}, fictional={self.fictional}, layers={len(self.layers)}, years={span})"

    # -- loading ----------------------------------------------------------------------------
    @classmethod
    def demo(cls) -> Project:
        """The fictional demo municipality shipped in ``geodata/demo``."""
        return cls.load(demo_dir())

    @classmethod
    def load(cls, folder: str | Path, *, catalogue: Catalogue | None = None) -> Project:
        """Load every layer named in ``folder/manifest.json``.

        Raises
        ------
        DataError
            No manifest, a manifest that cannot be parsed or comes from a newer version, a
            missing zones layer, or any layer that fails its checks.
        """
        root = Path(folder)
        try:
            mpath = root / MANIFEST if root.is_dir() else root
            found = mpath.exists()
        except OSError as exc:  # a name too long for the file system (ENAMETOOLONG), ...
            raise DataError(f"cannot open the folder ({exc.strerror or exc})", file=root) from None
        root = mpath.parent
        if not found:
            raise DataError("no manifest.json here: not an UngtLøft Map dataset folder", file=mpath)
        try:
            manifest = json.loads(mpath.read_text("utf-8"))
        except OSError as exc:  # a folder named manifest.json, no permission, ...
            raise DataError(f"cannot read the manifest ({exc.strerror or exc})", file=mpath) from None
        # ValueError covers JSONDecodeError and UnicodeDecodeError, and also an integer of more
        # than 4300 digits; RecursionError is what json raises for arrays nested ~1000 deep.
        except (ValueError, RecursionError) as exc:
            raise DataError(f"the manifest is not valid JSON ({str(exc)[:200]})", file=mpath) from None
        if not isinstance(manifest, dict) or not isinstance(manifest.get("layers"), dict):
            raise DataError("the manifest has no 'layers' object", file=mpath, field="layers")
        fmt = manifest.get("format_version", 1)
        if not isinstance(fmt, int) or fmt > MANIFEST_VERSION_MAX:
            raise DataError(
                f"made by a newer version of UngtLøft Map (format {fmt}); update the app to open it",
                file=mpath, field="format_version",
            )
        if "zones" not in manifest["layers"]:
            raise DataError("the manifest names no zones layer", file=mpath, field="layers.zones")
        catalogue = catalogue or Catalogue.default()
        layers: dict[str, LoadedLayer] = {}
        warnings: list[DataWarning] = []
        for role, spec in manifest["layers"].items():
            where = f"layers.{role}"
            path = _entry_path(root, spec, mpath, where)
            layer = spec.get("layer")
            if layer is not None and not isinstance(layer, str):
                raise DataError("'layer' must be a layer name (text)", file=mpath, field=f"{where}.layer")
            loaded = read_source(path, role if role in _ROLE_ALIASES else "context", layer,
                                 reader=spec.get("reader"), field_map=_field_map(spec, mpath, where),
                                 siblings=manifest["layers"], root=root)
            loaded.role = role
            layers[role] = loaded
            warnings.extend(loaded.warnings)
        indicators = None
        if manifest.get("indicators"):
            ispec = manifest["indicators"]
            indicators = read_indicator_table(_entry_path(root, ispec, mpath, "indicators"),
                                              field_map=_field_map(ispec, mpath, "indicators"),
                                              catalogue=catalogue)
            warnings.extend(indicators.attrs.get("warnings", []))  # a wide table's notes
        gtfs = manifest.get("gtfs")
        gtfs_path = _entry_path(root, gtfs, mpath, "gtfs") if gtfs else None
        plans = manifest.get("plans") or []
        if not isinstance(plans, list):
            raise DataError("'plans' must be a list", file=mpath, field="plans")
        plans = [dict(p, path=str(_entry_path(root, p, mpath, f"plans[{i}]")))
                 for i, p in enumerate(plans)]
        project = cls(
            root=root,
            name=str(manifest.get("name", root.name)),
            fictional=bool(manifest.get("fictional", False)),
            layers=layers,
            indicators=indicators,
            catalogue=catalogue,
            gtfs_path=gtfs_path,
            plans=plans,
            version=str(manifest.get("version", "")),
            warnings=warnings,
        )
        project._check_indicator_ids(mpath)
        return project

    def _check_indicator_ids(self, mpath: Path) -> None:
        if self.indicators is None:
            return
        zone_ids = set(self.zones.index)
        # No id in common: one clear error listing the first ids of each side.
        attrs = self.indicators.attrs
        check_zone_ids(self.indicators["zone_id"], self.zones.index, file=attrs.get("path", mpath),
                       layer=attrs.get("sheet"), field=attrs.get("zone_field", "zone_id"))
        unknown = sorted(set(self.indicators["zone_id"]) - zone_ids)
        if unknown:
            self.warnings.append(DataWarning(
                f"{len(unknown)} zone id(s) in the indicator table match no zone and are ignored: "
                f"{', '.join(unknown[:10])}", str(mpath), "indicators", "zone_id",
            ))

    # -- accessors --------------------------------------------------------------------------
    @property
    def zones(self) -> gpd.GeoDataFrame:
        """The zones layer, index ``zone_id`` (indexed once: many analyses ask for it)."""
        gdf = self.layers["zones"].gdf
        if gdf.index.name != "zone_id":
            gdf = gdf.set_index("zone_id", drop=False)
            self.layers["zones"].gdf = gdf
        return gdf

    def layer(self, role: str) -> gpd.GeoDataFrame | None:
        loaded = self.layers.get(role)
        return loaded.gdf if loaded is not None else None

    @property
    def years(self) -> list[int]:
        if self.indicators is None:
            return []
        return sorted(int(y) for y in self.indicators["year"].unique())

    @property
    def fictional_label(self) -> str:
        return FICTIONAL_LABEL_NB if self.fictional else ""

    # -- the zone table ---------------------------------------------------------------------
    def zone_table(self, year: int | None = None) -> ZoneTable:
        """Zones with population, area and the levekår rates for ``year`` (default: latest).

        Built once per year and cached; callers that add columns should work on ``.copy()``.
        """
        if year is None and self.years:
            year = self.years[-1]
        if year not in self._zone_tables:
            self._zone_tables[year] = self._build_zone_table(year)
        return self._zone_tables[year]

    def _build_zone_table(self, year: int | None) -> ZoneTable:
        zones = self.zones
        keep = [c for c in ("zone_id", "zone_name", "district_id") if c in zones.columns]
        gdf = gpd.GeoDataFrame(zones[keep].copy(), geometry=zones.geometry.values, crs=zones.crs, index=zones.index)
        gdf.index.name = "zone_id"
        info: dict[str, ColumnInfo] = {
            "zone_id": ColumnInfo("zone_id", "Sone-ID", "Zone id", kind="id"),
            "zone_name": ColumnInfo("zone_name", "Levekårssone", "Zone", kind="name"),
        }
        if "districts" in self.layers and "district_id" in gdf.columns:
            d = self.layers["districts"].gdf.set_index("district_id")["district_name"]
            gdf["district_name"] = gdf["district_id"].map(d)
            info["district_name"] = ColumnInfo("district_name", "Bydel", "District", kind="name")
        gdf["area_km2"] = gdf.geometry.area / 1e6
        info["area_km2"] = ColumnInfo("area_km2", "Areal", "Area", "km²", kind="measure",
                                      definition_nb="Sonens flateareal (EPSG:25832).",
                                      definition_en="Zone area (EPSG:25832).")
        pop = self._population_by_zone(gdf)
        if pop is not None:
            gdf["population"] = pop
            info["population"] = ColumnInfo(
                "population", "Befolkning", "Population", "personer", kind="count",
                definition_nb="Bosatte i sonen, summert fra befolkningsrutenettet (ruter uten sone-ID "
                              "fordelt på sonene etter arealandel).",
                definition_en="Residents in the zone, summed from the population grid (cells without "
                              "a zone id apportioned to the zones by area share).",
                source="Befolkningsrutenett",
            )
        municipal: dict[str, float] = {}
        if self.indicators is not None and year is not None:
            res = compute_rates(self.indicators, self.catalogue, year=year, source="indicators")
            self.warnings.extend(w for w in res.warnings if w not in self.warnings)
            for col in res.counts.columns:
                gdf[col] = res.counts[col].reindex(gdf.index)
            for key in res.rates.columns:
                ind = self.catalogue[key]
                gdf[key] = res.rates[key].reindex(gdf.index)
                info[key] = ColumnInfo(
                    key, ind.name_nb, ind.name_en, ind.unit, kind="rate", direction=ind.direction,
                    theme=ind.theme, definition_nb=ind.definition_nb, definition_en=ind.definition_en,
                    source=f"{ind.source} {year}", count_col=ind.count, denom_col=ind.denominator,
                )
                info[ind.count] = ColumnInfo(ind.count, f"{ind.name_nb} (antall)", f"{ind.name_en} (count)",
                                             "personer", kind="count", theme=ind.theme)
                info[ind.denominator] = ColumnInfo(ind.denominator, f"{ind.name_nb} (nevner)",
                                                   f"{ind.name_en} (denominator)", "personer",
                                                   kind="denominator", theme=ind.theme)
                municipal[key] = res.municipal[key]
        return ZoneTable(gdf, info, year=year, fictional=self.fictional, source_name=self.name,
                         municipal=municipal)

    def population_cells(self) -> gpd.GeoDataFrame | None:
        """The population cells, each in one zone (None without a population layer).

        Cells with a known ``zone_id`` stay as they are; cells without one (SSB's grid carries
        none) are split over the zones by area, their residents apportioned by the share of the
        cell's area in each zone (:func:`~.analysis.apportion.cells_by_zone`), so that no one is
        lost because a cell's centre lies in water or outside the zones. Computed once; what
        was apportioned (and a warning when the cells are coarse) goes to :attr:`warnings`.
        """
        if "_zone_cells" not in self.__dict__:
            pop = self.layer("population")
            if pop is None:
                self._zone_cells = None
            else:
                res = cells_by_zone(pop, self.zones)
                src = self.layers["population"]
                for w in res.warnings:
                    w = DataWarning(w.message, str(src.path), src.layer or src.path.stem, w.field)
                    if w not in self.warnings:
                        self.warnings.append(w)
                self._zone_cells = res.cells
        return self._zone_cells

    def _population_by_zone(self, zones: gpd.GeoDataFrame) -> pd.Series | None:
        cells = self.population_cells()
        if cells is None:
            return None
        s = cells.groupby("zone_id")["population"].sum().reindex(zones.index).fillna(0.0)
        return _round_keeping_total(s)


def _round_keeping_total(values: pd.Series) -> pd.Series:
    """Whole numbers that add up to the rounded total (largest remainders get the rest).

    Apportioned residents are fractions; rounding each zone on its own could make the zones
    add up to more or fewer residents than the grid holds.
    """
    v = values.to_numpy(dtype=float)
    floor = np.floor(v)
    rest = int(round(v.sum() - floor.sum()))
    if rest > 0:
        order = np.argsort(-(v - floor), kind="stable")
        floor[order[:rest]] += 1
    return pd.Series(floor.astype(np.int64), index=values.index)


def _entry_path(root: Path, spec: object, mpath: Path, where: str) -> Path:
    """The file of one manifest entry (``{"path": "...", ...}``), relative to the folder.

    JSON allows any type here; without this check a number or null as path would end in a
    TypeError (``root / 5``) and a missing one in a KeyError.
    """
    if not isinstance(spec, dict):
        raise DataError("must be an object with a 'path'", file=mpath, field=where)
    path = spec.get("path")
    if not isinstance(path, str) or not path.strip():
        raise DataError("needs a 'path' (text)", file=mpath, field=f"{where}.path")
    return root / path


def _field_map(spec: dict, mpath: Path, where: str) -> dict[str, str] | None:
    fields = spec.get("fields")
    if fields is None:
        return None
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        raise DataError("'fields' must map field names to field names",
                        file=mpath, field=f"{where}.fields")
    return fields


# Layer roles known to the reader; any other role in a manifest is loaded as context.
_ROLE_ALIASES = {
    "zones", "districts", "population", "green_areas", "destinations", "municipal_housing",
    "dwellings", "plans", "boundary", "water", "roads",
}
