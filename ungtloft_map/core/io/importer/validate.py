"""Validate the user's choices with the app's real readers: errors, warnings, the id join."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from ...errors import AnalysisError, DataError, UngtloftError
from ..gtfs import load_gtfs
from ..plans import read_plan
from ..sources import DEFAULT_TABLE_READERS, read_source
from ..tables import check_zone_ids, read_indicator_table
from ..vector import ROLES
from .guess import _MULTI_ROLES, ROLES_BY_KIND
from .model import ImportChoice, SourceLayer

__all__ = ["Issue", "LayerCheck", "ValidationReport", "validate"]

@dataclass(frozen=True)
class Issue:
    """One finding of :func:`validate`.

    ``code`` lets a GUI phrase the dataset-level findings in its own language: ``"data"`` (a
    reader's :class:`~ungtloft_map.core.errors.DataError` or warning, ``message`` is its text),
    ``"no_zones"``, ``"duplicate_role"``, ``"wrong_role"``, ``"unmatched_ids"``,
    ``"zones_without_indicators"``, ``"leading_zeros"``, ``"no_count_columns"``,
    ``"no_matching_ids"`` (no zone id of the table is a zone: an error), ``"needs_addresses"``
    (a housing list without address points to join to). ``detail``
    holds the values the message names (``(role, *labels)`` for ``duplicate_role``, the ids
    for the join findings, ``(kind, role)`` for ``wrong_role``).
    """

    level: str  # "error" or "warning"
    message: str
    source: str | None = None  # SourceLayer.label
    code: str = "data"
    detail: tuple[str, ...] = ()  # the values the message names (role and labels, ids, ...)

    def __str__(self) -> str:
        # Reader messages already start with the file name; do not repeat it.
        if not self.source or self.message.startswith(self.source.split(":")[0]):
            return self.message
        return f"{self.source}: {self.message}"


@dataclass(repr=False)
class LayerCheck:
    """What the reader said about one chosen layer."""

    source: SourceLayer
    role: str
    summary: str = ""  # e.g. "5 features, EPSG:4326 → EPSG:25832"
    # The same as numbers, for a GUI to phrase: features + source_crs (layers), stops + trips +
    # date (GTFS), rows + zones + years (indicators), polygons + hectares (plans).
    facts: dict[str, object] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(i.level == "error" for i in self.issues)

    def __repr__(self) -> str:
        return f"LayerCheck({self.source.label!r} as {self.role!r}, ok={self.ok}, {self.summary!r})"


@dataclass(repr=False)
class ValidationReport:
    """The result of :func:`validate`: per-layer checks and dataset-level findings.

    Attributes
    ----------
    checks : list of LayerCheck
        One per choice, in order.
    issues : list of Issue
        Dataset-level findings (no zones layer, a role chosen twice, the indicator join).
    unmatched_indicator_ids : list of str
        Zone ids in the indicator table that match no zone.
    zones_without_indicators : list of str
        Zone ids (of the zones layer) that have no row in the indicator table.
    zone_names : dict of str to str
        ``zone_id → zone_name`` of the zones layer, to show the ids with their names.
    unmatched_addresses : UnmatchedAddresses or None
        The rows of a municipal-housing list that found no address point
        (:class:`~ungtloft_map.core.io.addresses_housing.UnmatchedAddresses`);
        :func:`~ungtloft_map.core.io.importer.write_manifest` writes it as a CSV.
    """

    checks: list[LayerCheck] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    unmatched_indicator_ids: list[str] = field(default_factory=list)
    zones_without_indicators: list[str] = field(default_factory=list)
    zone_names: dict[str, str] = field(default_factory=dict)
    unmatched_addresses: object | None = None

    @property
    def all_issues(self) -> list[Issue]:
        return [i for c in self.checks for i in c.issues] + self.issues

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.all_issues if i.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.all_issues if i.level == "warning"]

    @property
    def has_zones(self) -> bool:
        return any(c.role == "zones" and c.ok for c in self.checks)

    @property
    def ok(self) -> bool:
        """True only with a readable zones layer and no errors anywhere."""
        return self.has_zones and not self.errors

    def __repr__(self) -> str:
        return (
            f"ValidationReport(ok={self.ok}, layers={len(self.checks)}, errors={len(self.errors)}, "
            f"warnings={len(self.warnings)}, unmatched_ids={len(self.unmatched_indicator_ids)}, "
            f"zones_without_indicators={len(self.zones_without_indicators)})"
        )


Progress = Callable[[str, float], bool]


def validate(choices: Iterable[ImportChoice], *, progress: Progress | None = None) -> ValidationReport:
    """Read every chosen layer with the app's own readers and report what they say.

    Vector layers go through :func:`~.vector.read_layer` (with the field mapping), plans
    through :func:`~.plans.read_plan`, the indicator table through
    :func:`~.tables.read_indicator_table` and a GTFS feed through :func:`~.gtfs.load_gtfs`
    (which takes a few seconds on a city's feed). Then the indicator table is joined to the
    zones: ids that match no zone and zones without rows are listed (warnings: the project
    loads, but those zones have no levekår figures).

    Parameters
    ----------
    choices
        The layers to import with their roles and field mappings.
    progress
        ``progress(label, fraction) -> bool``; returning False cancels
        (:class:`~ungtloft_map.core.errors.AnalysisError` is raised).

    Returns
    -------
    ValidationReport
        ``ok`` is True only with a zones layer and no errors.

    Examples
    --------
    >>> report = validate([ImportChoice(src, "zones", {"zone_id": "zoneName",
    ...                                                "zone_name": "zoneName"})])  # doctest: +SKIP
    >>> report.ok  # doctest: +SKIP
    True
    """
    choices = list(choices)
    report = ValidationReport()
    zones = None
    indicators: pd.DataFrame | None = None
    siblings = _siblings(choices)
    reports: list = []
    checks: dict[int, LayerCheck] = {}
    # The municipal-housing list is joined to the dwellings' address points: read those first.
    order = sorted(range(len(choices)), key=lambda i: choices[i].role == "municipal_housing")
    for n, i in enumerate(order):
        choice = choices[i]
        if progress is not None and not progress(choice.source.label, n / max(len(choices), 1)):
            raise AnalysisError("cancelled")
        check, loaded = _check_choice(choice, siblings, reports)
        checks[i] = check
        if choice.role == "zones" and check.ok:
            zones = loaded
        elif choice.role == "indicators" and check.ok:
            indicators = loaded
    report.checks = [checks[i] for i in range(len(choices))]
    report.unmatched_addresses = reports[-1] if reports else None
    _check_roles(choices, report)
    if zones is not None:
        names = zones["zone_name"].astype(str) if "zone_name" in zones.columns else zones["zone_id"]
        report.zone_names = dict(zip(zones["zone_id"].astype(str), names))
    if zones is not None and indicators is not None:
        _check_join(zones, indicators, report)
    if progress is not None:
        progress("", 1.0)
    return report


def _siblings(choices: list[ImportChoice]) -> dict[str, dict]:
    """The layer entries the manifest will hold (for the housing list's address points)."""
    out: dict[str, dict] = {}
    for c in choices:
        if c.role in ("dwellings", "municipal_housing") and not c.source.error:
            entry = {"path": str(c.source.path), "fields": dict(c.field_map or {})}
            if c.source.layer:
                entry["layer"] = c.source.layer
            if _reader(c):
                entry["reader"] = _reader(c)
            if c.role == "municipal_housing" and c.addresses is not None:
                entry["addresses"] = address_entry(c.addresses)
            out.setdefault(c.role, entry)
    return out


def address_entry(src: SourceLayer) -> dict:
    """The manifest entry of a housing list's own address points."""
    entry = {"path": str(src.path.expanduser().absolute())}
    if src.layer:
        entry["layer"] = src.layer
    return entry


def _reader(choice: ImportChoice) -> str | None:
    if choice.reader is not None:
        return choice.reader
    return DEFAULT_TABLE_READERS.get(choice.role) if choice.source.kind == "table" else None


def _check_choice(choice: ImportChoice, siblings: dict | None = None,
                  reports: list | None = None) -> tuple[LayerCheck, object]:
    src, role, fmap = choice.source, choice.role, dict(choice.field_map or {})
    check = LayerCheck(src, role)
    label = src.label
    if src.error:
        check.issues.append(Issue("error", src.error, label))
        return check, None
    if role not in ROLES_BY_KIND.get(src.kind, ()):
        check.issues.append(Issue(
            "error", f"a {src.kind} source cannot have the role {role!r}", label, "wrong_role",
            (src.kind, role)))
        return check, None
    loaded = None
    try:
        if role == "gtfs":
            day = load_gtfs(src.path)
            loaded = day
            check.summary = f"{day.n_stops} stops, {day.n_trips} trips on {day.date.isoformat()}"
            check.facts = {"stops": day.n_stops, "trips": day.n_trips, "date": day.date.isoformat()}
            warns = day.warnings
        elif role == "indicators":
            df = read_indicator_table(src.path, field_map=fmap or None)
            loaded = df
            years = sorted(df["year"].unique())
            span = f"{years[0]}–{years[-1]}" if years else "no years"
            check.summary = f"{len(df)} rows, {df['zone_id'].nunique()} zones, years {span}"
            check.facts = {"rows": len(df), "zones": int(df["zone_id"].nunique()),
                           "years": tuple(int(y) for y in years)}
            warns = list(df.attrs.get("warnings", []))  # a wide table's notes (suppressed cells ...)
            if not any(str(c).endswith("_count") for c in df.columns):
                check.issues.append(Issue(
                    "warning", "no *_count columns: the table holds no indicator counts", label,
                    "no_count_columns"))
        elif role == "plans":
            plan = read_plan(src.path, layer=src.layer if src.layers_in_file > 1 else None)
            loaded = plan
            check.summary = f"{len(plan.features)} polygons, {plan.boundary.area / 1e4:.1f} ha"
            check.facts = {"polygons": len(plan.features), "hectares": plan.boundary.area / 1e4}
            warns = plan.warnings
        else:
            reader = _reader(choice)
            own = ((siblings or {}).get("municipal_housing") or {}).get("addresses")
            if role == "municipal_housing" and reader and "dwellings" not in (siblings or {}) \
                    and own is None:
                check.issues.append(Issue(
                    "error", "a municipal-housing address list is joined to address points: "
                    "add the address points with bruksenheter as the dwellings layer", label,
                    "needs_addresses"))
                return check, None
            lay = read_source(src.path, role if role in ROLES else "context", src.layer,
                              reader=reader, field_map=fmap or None, siblings=siblings,
                              reports=reports)
            loaded = lay.gdf
            check.summary = f"{len(lay.gdf)} features, {lay.source_crs} → EPSG:25832"
            check.facts = {"features": len(lay.gdf), "source_crs": lay.source_crs}
            warns = lay.warnings
    except UngtloftError as err:
        check.issues.append(Issue("error", str(err), label))
        return check, None
    except Exception as exc:  # a reader bug must still end as a message, not a crash
        check.issues.append(Issue("error", f"unexpected error: {type(exc).__name__}: {exc}", label))
        return check, None
    check.issues.extend(Issue("warning", str(w), label) for w in warns)
    return check, loaded


def _check_roles(choices: list[ImportChoice], report: ValidationReport) -> None:
    seen: dict[str, list[str]] = {}
    for c in choices:
        seen.setdefault(c.role, []).append(c.source.label)
    for role, labels in seen.items():
        if len(labels) > 1 and role not in _MULTI_ROLES:
            report.issues.append(Issue(
                "error", f"the role {role!r} is given to {len(labels)} layers: {', '.join(labels)}",
                None, "duplicate_role", (role, *labels)))
    if "zones" not in seen:
        report.issues.append(Issue("error", "no layer has the role 'zones' (levekårssoner)",
                                   None, "no_zones"))


def _check_join(zones: gpd.GeoDataFrame, indicators: pd.DataFrame, report: ValidationReport) -> None:
    zone_ids = set(zones["zone_id"].astype(str))
    table_ids = set(indicators["zone_id"].astype(str))
    attrs = indicators.attrs
    try:
        check_zone_ids(indicators["zone_id"], zones["zone_id"], file=attrs.get("path"),
                       layer=attrs.get("sheet"), field=attrs.get("zone_field", "zone_id"))
    except DataError as err:
        # No id in common: the project would not load. One message with the first ids of
        # each side, naming the table's file, sheet and zone field.
        report.issues.append(Issue("error", str(err), None, "no_matching_ids",
                                   tuple(sorted(table_ids))))
        report.unmatched_indicator_ids = sorted(table_ids)
        report.zones_without_indicators = list(zones["zone_id"].astype(str))
        return
    unmatched = sorted(table_ids - zone_ids)
    missing = [z for z in zones["zone_id"].astype(str) if z not in table_ids]
    report.unmatched_indicator_ids = unmatched
    report.zones_without_indicators = missing
    if unmatched:
        report.issues.append(Issue(
            "warning", f"{len(unmatched)} zone id(s) in the indicator table match no zone: "
            f"{_listing(unmatched)}", None, "unmatched_ids", tuple(unmatched)))
    if missing:
        report.issues.append(Issue(
            "warning", f"{len(missing)} zone(s) have no row in the indicator table: "
            f"{_listing(missing)}", None, "zones_without_indicators", tuple(missing)))
    # "101" vs "0101" is the usual reason when a spreadsheet dropped the leading zeros.
    if unmatched and {u.lstrip("0") for u in unmatched} & {z.lstrip("0") for z in zone_ids}:
        report.issues.append(Issue(
            "warning", "some ids differ only by leading zeros (e.g. '101' vs '0101'); "
            "store the ids as text in the table", None, "leading_zeros"))


def _listing(ids: list[str], limit: int = 10) -> str:
    more = f" … (+{len(ids) - limit})" if len(ids) > limit else ""
    return ", ".join(ids[:limit]) + more
