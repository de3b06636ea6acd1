"""Helpers for the robustness (fuzz) suite, issue #9.

The contract under test (docs/DEVELOPING.md, "Errors"): a reader given bad input either
loads it or raises the app's own :class:`~ungtloft_map.core.errors.UngtloftError` (in practice
``DataError``) whose message is not empty and names the file. Any other exception type --
KeyError, TypeError, UnicodeDecodeError, a pyogrio/GDAL error, GEOSException, ParserError,
BadZipFile, RecursionError, ... -- escapes the helper below and fails the test, with
hypothesis printing the smallest input that does it.

Inputs are written to folders from ``tmp_path_factory`` with a fresh file name per example:
GDAL caches what it learnt about a path (``/vsizip/`` directory listings in particular), so
rewriting one name with different bytes could test a stale view of the file.
"""

from __future__ import annotations

import itertools
import os
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from ungtloft_map.core.errors import UngtloftError

_counter = itertools.count()


def fuzz_settings(max_examples: int):
    """Settings for every fuzz test: few examples (the suite must stay well under a minute on
    a busy 2-core machine), no deadline (GDAL calls vary a lot in time), and the
    function-scoped-fixture check off because the folders are per module, not per example.

    ``UNGTLOFT_FUZZ_SCALE=20`` multiplies every example count, for a long hunt now and then
    (hypothesis keeps what fails in ``.hypothesis/`` and tries it first in the next run).
    """
    scale = float(os.environ.get("UNGTLOFT_FUZZ_SCALE", "1"))
    return settings(
        max_examples=max(1, round(max_examples * scale)),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def unique_path(folder: Path, suffix: str, stem: str = "fuzz") -> Path:
    """A file name never used before in this test session."""
    return folder / f"{stem}{next(_counter)}{suffix}"


def write_bytes(folder: Path, suffix: str, data: bytes, stem: str = "fuzz") -> Path:
    path = unique_path(folder, suffix, stem)
    path.write_bytes(data)
    return path


def loads_or_data_error(
    fn: Callable[..., Any], *args: Any, names: Iterable[str] = (), **kwargs: Any
) -> Any:
    """Call ``fn``; return its result, or None when it raised an UngtloftError that is usable.

    Usable means: a non-empty message of one line that names one of ``names`` (file names; by
    default the name of the first argument when it is a path). Any other exception propagates.
    """
    wanted = list(names)
    if not wanted and args and isinstance(args[0], (str, Path)):
        wanted = [Path(args[0]).name]
    with warnings.catch_warnings():
        # numpy/shapely/GDAL RuntimeWarnings on absurd coordinates are not the contract.
        warnings.simplefilter("ignore")
        try:
            return fn(*args, **kwargs)
        except UngtloftError as err:
            text = str(err)
            assert err.message.strip(), f"empty error message: {err!r}"
            # the CLI prints it as its one line on stderr (a pandas error ends in a newline)
            assert "\n" not in text.strip(), f"the message is more than one line: {text!r}"
            assert any(name in text for name in wanted), (
                f"the message does not name the file ({', '.join(wanted)}): {text!r}"
            )
            return None


def truncations_and_flips(base: bytes, flip_bytes: bytes, max_flips: int = 6):
    """Strategy: ``base`` with up to ``max_flips`` bytes replaced, then cut at a random offset.

    The replacement bytes are drawn from ``flip_bytes`` (the bytes that matter to the format)
    or from all 256 values.
    """
    n = len(base)
    byte = st.one_of(st.sampled_from(list(flip_bytes)), st.integers(0, 255))
    flips = st.lists(st.tuples(st.integers(0, n - 1), byte), max_size=max_flips)

    @st.composite
    def build(draw):
        raw = bytearray(base)
        for pos, b in draw(flips):
            raw[pos] = b
        cut = draw(st.one_of(st.just(n), st.integers(0, n)))
        return bytes(raw[:cut])

    return build()


#: Number-like text that breaks conversions: non-finite, huge (beyond int32/int64, or more
#: than the 4300 digits int() accepts), fractions and negatives where counts are expected,
#: non-ASCII digits (str.isdigit() is True for "²", int() refuses it), blanks and near-numbers.
NASTY_NUMBERS = [
    "nan", "NaN", "inf", "-inf", "Infinity", "1e308", "-1e308", "1e400", "1e-400", "-0",
    "99999999999", "9223372036854775808", "-9223372036854775809", "1e30", "0.5", "-1",
    "9" * 30, "9" * 5000, "0x10", "1_000", "١٢٣", "²", "", " ", "1,5", "1.5.5", "+", "e5",
]
NASTY_NUMBER_TEXT = st.sampled_from(NASTY_NUMBERS)
