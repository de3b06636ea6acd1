"""The check every reader makes before opening an input file: there, readable, not empty."""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError


def check_input_file(
    path: Path,
    *,
    file: str | Path | None = None,
    folders: bool = True,
    empty: str = "the file is empty (0 bytes)",
) -> None:
    """Raise one clear :class:`DataError` when ``path`` cannot be an input file.

    Parameters
    ----------
    path
        The file (or, with ``folders``, a folder such as a FileGDB).
    file
        How the message names it (default: ``path``).
    folders
        Accept a folder; otherwise a folder is "not a file".
    empty
        The message for a file of 0 bytes.

    Examples
    --------
    >>> check_input_file(Path("no/such/file.csv"))
    Traceback (most recent call last):
    ...
    ungtloft_map.core.errors.DataError: file.csv: file not found
    """
    name = path if file is None else file
    try:
        exists = path.exists()
        is_file = exists and path.is_file()
        size = path.stat().st_size if is_file else None
    # Path.exists() passes on OSErrors other than "no such file": a name longer than the file
    # system allows (ENAMETOOLONG, e.g. from a manifest), no permission on a folder, ...
    except OSError as exc:
        raise DataError(f"cannot open the file ({exc.strerror or exc})", file=name) from None
    if not exists:
        raise DataError("file not found", file=name)
    if not is_file and not folders:  # a folder: read_bytes() would raise IsADirectoryError
        raise DataError("not a file (a folder?)", file=name)
    if size == 0:
        raise DataError(empty, file=name)
