"""Read SOSI files (the Norwegian exchange format for map data), written from the standard.

Two public readers:

* :func:`read_sosi` reads every object of a SOSI file into a GeoDataFrame (one row per
  ``.PUNKT``/``.KURVE``/``.BUEP``/``.FLATE``/``.TEKST``/... object) and reports the character
  set, the CRS and everything it repaired or skipped.
* :func:`read_sosi_plan` picks the plan polygons (``RpOmråde`` and ``RpArealformålOmråde``)
  out of a SOSI regulation plan and returns them in EPSG:25832.

What the reader supports (details in ``docs/SOSI.md``):

* ``.HODE`` with ``..TEGNSETT`` (UTF-8, ISO8859-1, ISO8859-10, ANSI, DOSN8, ND7, DECN7), a
  UTF-8 byte order mark before ``.HODE`` and a declared charset that disagrees with the bytes
  (the bytes win; a :class:`DataWarning` says so).
* ``..TRANSPAR`` (or SOSI 3/4 style directly under ``.HODE``) with ``...KOORDSYS``,
  ``...ORIGO-NØ`` and ``...ENHET``.
* ``..NØ`` / ``..NØH`` coordinate lists over any number of lines, ``...KP`` and other
  point-level elements after a coordinate (skipped), ``..REF`` with signed references and
  islands in parentheses, 3-point arcs (``.BUEP``, ``.SIRKELP``), quoted strings, groups
  (``..KOPIDATA`` / ``...OMRÅDEID`` become a column ``KOPIDATA.OMRÅDEID``), repeated
  attributes (a list in the cell), ``!`` comments and a missing ``.SLUTT``.

Error policy
------------
Problems with the file as a whole (not SOSI, empty, unknown ``KOORDSYS``, bad ``ENHET``)
raise :class:`~ungtloft_map.core.errors.DataError`. A problem with one object (a ``..REF`` to
a missing curve, a ring that does not close, a bad coordinate) skips that object with a
:class:`~ungtloft_map.core.errors.DataWarning` naming the object (``.FLATE 12``) and the field
(``REF``), because one broken lake should not stop a map from loading. ``strict=True`` turns
those into a :class:`DataError`; :func:`read_sosi_plan` is always strict for plan polygons,
since a plan whose area cannot be built must not be used for analysis.

Examples
--------
The demo's SOSI regulation plan:

>>> from ungtloft_map.paths import demo_dir
>>> res = read_sosi(demo_dir() / "plans" / "plan_b_park.sos")
>>> res
SosiResult('plan_b_park.sos', 6 features: 3 FLATE, 3 KURVE; EPSG:25832; charset UTF-8; 0 warnings)
>>> res.features["objtype"].tolist()[:3]
['RpOmråde', 'RpArealformålOmråde', 'RpArealformålOmråde']
>>> plan = read_sosi_plan(demo_dir() / "plans" / "plan_b_park.sos")


Package layout: :mod:`.parser` (tokens, elements, objects), :mod:`.header` (character set,
``..TRANSPAR``), :mod:`.geometry` (coordinates, arcs, ``..REF`` surfaces) and :mod:`.reader`
(the public readers).
"""

from .geometry import arc_through_points
from .header import KOORDSYS_EPSG
from .reader import PLAN_OBJTYPES, SosiResult, read_sosi, read_sosi_plan

__all__ = [
    "SosiResult",
    "read_sosi",
    "read_sosi_plan",
    "arc_through_points",
    "KOORDSYS_EPSG",
    "PLAN_OBJTYPES",
]
