"""The app's own error and warning types.

Every problem with user input ends as a :class:`DataError` whose message names the
file, the layer and the field (when known). The GUI and CLI catch :class:`UngtloftError`
and show ``str(err)``; no other exception type is allowed to reach the user for bad input.

Examples
--------
>>> err = DataError("required field is missing", file="zones.gpkg", layer="zones", field="zone_id")
>>> str(err)
"zones.gpkg, layer 'zones', field 'zone_id': required field is missing"
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike
from pathlib import Path


def _where(file, layer, field, row) -> str:
    parts = []
    if file is not None:
        parts.append(Path(file).name if isinstance(file, (str, PathLike)) else str(file))
    if layer is not None:
        parts.append(f"layer '{layer}'")
    if field is not None:
        parts.append(f"field '{field}'")
    if row is not None:
        parts.append(f"row {row}")
    return ", ".join(parts)


class UngtloftError(Exception):
    """Base class of every error the app reports to the user.

    Parameters
    ----------
    message
        What is wrong, in plain words.
    file, layer, field, row
        Where it is wrong; each part that is known is named in ``str(err)``.
    code, params
        For the errors a window says in its own words: a stable name of the case (e.g.
        ``"zones_not_connected"``) and the values its sentence needs. The window translates by
        ``code`` instead of checking the case again itself; ``str(err)`` stays the English text.

    Examples
    --------
    >>> err = AnalysisError("zones apart", code="zones_not_connected", params={"apart": ["02"]})
    >>> err.code, err.params["apart"]
    ('zones_not_connected', ['02'])
    """

    def __init__(self, message: str, *, file=None, layer=None, field=None, row=None,
                 code: str | None = None, params: dict | None = None):
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.layer = layer
        self.field = field
        self.row = row
        self.code = code
        self.params = dict(params or {})

    def __str__(self) -> str:
        where = _where(self.file, self.layer, self.field, self.row)
        return f"{where}: {self.message}" if where else self.message


class DataError(UngtloftError):
    """Input data cannot be used (unreadable file, missing CRS, missing field, ...)."""


class AnalysisError(UngtloftError):
    """An analysis cannot be computed on valid data (too few zones, zero variance, ...)."""


@dataclass(frozen=True)
class DataWarning:
    """Something was repaired or skipped while loading; shown to the user, not fatal."""

    message: str
    file: str | None = None
    layer: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = _where(self.file, self.layer, self.field, None)
        return f"{where}: {self.message}" if where else self.message
