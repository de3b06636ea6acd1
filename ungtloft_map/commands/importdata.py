"""``import``: make a dataset folder (``manifest.json``) from a kommune's own files, as the dialog does.

Examples
--------
::

    ungtloft-map import --out data/trondheim \\
        --zones levekarssoner.geojson --zone-id zoneName \\
        --population Befolkning_250m_2023.gml --green n50_arealdekke.sos \\
        --dwellings matrikkel_boliger.geojson --municipal-housing kommunale_boliger.xlsx \\
        --indicators levekår.xlsx --gtfs atb.zip --boundary kommunegrense.geojson

``FILE:LAYER`` picks a layer of a multi-layer file (GeoPackage, GML). A municipal-housing
address list is joined to the ``--dwellings`` address points, or to ``--addresses`` (e.g.
Kartverket's open addresses, which carry no dwelling counts) when there is no dwellings file. What is not given is
guessed as in the import dialog (Fil → Importer data): the standard sources are recognised
from their content (SSB grid, N50/FKB Arealdekke, AR5, OSM, address points with bruksenheter,
a municipal-housing address list, a wide levekår table) with their reader and field mapping;
other files get the field mapping guessed from their field names. The validation report is
printed; with an error nothing is written and the exit code is 2 (one line on stderr naming
the file, layer and field). The folder is written whole or not at all: the manifest (and the
list of municipal-housing addresses that found no address point,
``kommunale_boliger_ikke_funnet.csv``) are made in a temporary folder next to ``--out`` and
moved in at the end.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..core.errors import DataError, UngtloftError

__all__ = ["register", "run_import", "split_layer"]

#: (option, role) in the order the report lists them.
_ROLE_OPTIONS = (
    ("zones", "zones"), ("population", "population"), ("green", "green_areas"),
    ("dwellings", "dwellings"), ("municipal_housing", "municipal_housing"),
    ("indicators", "indicators"), ("gtfs", "gtfs"), ("boundary", "boundary"),
)


def register(subparsers) -> None:
    """Add the ``import`` sub-command."""
    p = subparsers.add_parser(
        "import", help="make a dataset folder (manifest.json) from your own files",
        description="Make a dataset folder (manifest.json) from a kommune's own files, as "
                    "Fil → Importer data does: roles, readers and field mappings not given are "
                    "guessed, the files are checked with the app's readers, and the report is "
                    "printed. The files are referenced where they are (nothing is copied).")
    p.add_argument("--out", required=True, type=Path, help="the dataset folder to write")
    p.add_argument("--zones", required=True, metavar="FILE[:LAYER]",
                   help="levekårssoner/grunnkretser (polygons)")
    p.add_argument("--zone-id", metavar="FIELD", help="the zones' id field (default: guessed)")
    p.add_argument("--zone-name", metavar="FIELD", help="the zones' name field (default: guessed, "
                                                        "else the id)")
    p.add_argument("--population", metavar="FILE[:LAYER]",
                   help="population grid (SSB Befolkning på rutenett: GML, GeoJSON, FileGDB, "
                        "SOSI, CSV of ssbid)")
    p.add_argument("--population-field", metavar="FIELD",
                   help="the residents count field (default: guessed, e.g. popTot)")
    p.add_argument("--green", metavar="FILE[:LAYER]",
                   help="green areas: N50/FKB Arealdekke (SOSI/GML), AR5, OSM .osm/.osm.pbf, or "
                        "your own polygons")
    p.add_argument("--dwellings", metavar="FILE[:LAYER]",
                   help="address or building points with bruksenheter (matrikkel)")
    p.add_argument("--municipal-housing", metavar="FILE",
                   help="municipal housing: a list of addresses (CSV/XLSX), joined to the "
                        "--dwellings points; or points with a units field")
    p.add_argument("--addresses", metavar="FILE[:LAYER]",
                   help="address points to join --municipal-housing to when --dwellings is not "
                        "given (e.g. Kartverket's open addresses, CSV or GeoJSON)")
    p.add_argument("--indicators", metavar="FILE", help="levekår table (CSV/XLSX, long or wide)")
    p.add_argument("--gtfs", metavar="FILE", help="GTFS feed (zip), e.g. from Entur")
    p.add_argument("--boundary", metavar="FILE[:LAYER]", help="the kommune boundary (polygon)")
    p.add_argument("--name", help="dataset name (default: the folder's name)")
    p.set_defaults(func=run_import)


def split_layer(text: str) -> tuple[Path, str | None]:
    """``FILE[:LAYER]`` -> ``(path, layer)``; a path that exists as given has no layer.

    Examples
    --------
    >>> split_layer("/no/such/data.gpkg:soner")
    (PosixPath('/no/such/data.gpkg'), 'soner')
    """
    path = Path(text).expanduser()
    if path.exists() or ":" not in text:
        return path, None
    head, _, layer = text.rpartition(":")
    if not head or not layer or "/" in layer or "\\" in layer:
        return path, None  # "C:\\data\\x.gpkg" and the like: a path, not a layer
    return Path(head).expanduser(), layer


def run_import(args) -> int:
    """Entry point of ``import``; returns the exit code."""
    try:
        choices = _choices(args)
        from ..core.io.importer import validate

        report = validate(choices)
        _print_report(report)
        if report.errors:
            first = report.errors[0]
            more = len(report.errors) - 1
            print(f"ungtloft-map import: {first}" + (f" (+{more} more error(s) above)" if more else "")
                  + "; nothing written", file=sys.stderr)
            return 2
        manifest = _write(choices, args.out, args.name or args.out.name, report)
    except UngtloftError as err:
        print(f"ungtloft-map import: {err}", file=sys.stderr)
        return 2
    print(f"wrote {manifest} ({len(choices)} layer(s)); open it with: ungtloft-map --project "
          f"{manifest.parent}")
    return 0


def _choices(args) -> list:
    from ..core.io.importer import ImportChoice, SourceLayer

    out: list[ImportChoice] = []
    for option, role in _ROLE_OPTIONS:
        value = getattr(args, option, None)
        if not value:
            continue
        path, layer = split_layer(str(value))
        src = _pick(path, layer, role, "--" + option.replace("_", "-"))
        out.append(_choice(src, role, args))
    if getattr(args, "addresses", None):
        housing = [c for c in out if c.role == "municipal_housing"]
        if not housing:
            raise DataError("--addresses is only used with --municipal-housing", field="addresses")
        path, layer = split_layer(str(args.addresses))
        if not path.exists():
            raise DataError("file not found (given as --addresses)", file=path)
        kind = "table" if path.suffix.lower() in (".csv", ".txt", ".xlsx", ".xlsm") else "vector"
        housing[0].addresses = SourceLayer(path.absolute(), layer, kind)
    return out


def _pick(path: Path, layer: str | None, role: str, option: str):
    """The inspected layer of ``path`` for ``role`` (the named one, the only one, the guessed one)."""
    from ..core.io.importer import inspect_source

    if not path.exists():
        raise DataError(f"file not found (given as {option})", file=path)
    found = inspect_source(path)
    if layer is not None:
        hits = [s for s in found if s.layer == layer]
        if not hits:
            names = ", ".join(str(s.layer) for s in found if s.layer) or "none"
            raise DataError(f"no layer {layer!r} (the file has: {names})", file=path, layer=layer)
        src = hits[0]
    elif len(found) == 1:
        src = found[0]
    else:
        fits = [s for s in found if s.guessed_role == role and not s.error]
        if len(fits) != 1:
            names = ", ".join(str(s.layer) for s in found)
            raise DataError(f"the file has {len(found)} layers ({names}); name one as "
                            f"{option} FILE:LAYER", file=path)
        src = fits[0]
    if src.error:  # the inspection's message; it names the file when the reader did
        raise DataError(src.error if path.name in src.error else f"{path.name}: {src.error}")
    return src


def _choice(src, role: str, args):
    from ..core.io.importer import ImportChoice, guess_fields, reader_for

    if src.guessed_role == role:
        fmap = dict(src.guessed_fields)
    else:
        fmap = guess_fields(role, src.field_names)
    given: dict[str, str] = {}
    if role == "zones":
        if args.zone_id:
            given["zone_id"] = args.zone_id
        if args.zone_name:
            given["zone_name"] = args.zone_name
        elif args.zone_id and fmap.get("zone_name") in (None, fmap.get("zone_id")):
            given["zone_name"] = args.zone_id  # a lone id is also the name
    if role == "population" and args.population_field:
        given["population"] = args.population_field
    for source in given.values():
        if src.fields and source not in src.fields:
            raise DataError(f"no field {source!r} (the layer has: {', '.join(src.fields)})",
                            file=src.path, layer=src.layer, field=source)
    fmap.update(given)
    return ImportChoice(src, role, fmap, reader_for(src, role))


def _print_report(report) -> None:
    for check in report.checks:
        preset = check.source.preset
        via = f" [{preset.label}]" if preset is not None and preset.role == check.role else ""
        state = "ok" if check.ok else "ERROR"
        print(f"{check.role:<18} {check.source.label}{via}: {state}"
              + (f", {check.summary}" if check.summary else ""))
        for issue in check.issues:
            print(f"  {issue.level}: {issue}")
    for issue in report.issues:
        print(f"{issue.level}: {issue}")
    print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)")


def _write(choices, out: Path, name: str, report) -> Path:
    """The manifest in a temporary folder next to ``out``, then moved in (whole or nothing)."""
    from ..core.io.importer import write_manifest

    out = out.expanduser().absolute()
    if out.exists() and not out.is_dir():
        raise DataError("--out must be a folder (a file has this name)", file=out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o777 & ~umask)  # mkdtemp makes it private; the dataset folder is not
    except OSError as exc:
        raise DataError(f"cannot write here ({exc.strerror or exc})", file=out) from None
    try:
        write_manifest(choices, tmp, name, report=report)
        # The manifest references absolute paths, so it does not care where it was written.
        if not out.exists():
            os.replace(tmp, out)
        else:
            for f in sorted(tmp.iterdir(), key=lambda p: p.name == "manifest.json"):
                os.replace(f, out / f.name)  # the manifest last: it is what makes a dataset
    except OSError as exc:
        raise DataError(f"cannot write the dataset folder ({exc.strerror or exc})", file=out) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out / "manifest.json"
