"""The indicator catalogue: the UNGT LØFT indicator framework and what every indicator means.

The catalogue ships as ``core/data/catalogue.json``; a user can add their own indicators from a
JSON file of the same shape (:meth:`Catalogue.with_user_file`).

It holds two lists:

``indicators``
    The levekår indicators of the zone table: each has ``count`` and ``denominator`` columns in
    the indicator table, and rates are computed from them. Iterating a catalogue, ``len`` and
    :meth:`Catalogue.keys` see only these (the zone table, the index and the suppression rules
    are built from them).
``framework``
    The rest of the UNGT LØFT framework: the indicators the app computes from map layers
    (``data_source == "GIS"``: green coverage, transit access, municipal housing, SDG 11.2.1 and
    11.7.1 ...) and the indicators that have no data in the app yet
    (``status == "ingen data ennå"``: Ungdata, Elevundersøkelsen, FHI/Kommunehelsa, HUNT ...).

Both are looked up with ``catalogue[key]``; :meth:`Catalogue.all` and :meth:`Catalogue.filter`
see both. Every entry carries its Marmot principle(s) (:data:`MARMOT_PRINCIPLES`, A–H), one
life-course group (:data:`LIFE_COURSE`), an indicator type (:data:`INDICATOR_TYPES`), a data
source (:data:`DATA_SOURCES`) and, where one fits, an SDG target/indicator code (``"11.2.1"``).

Examples
--------
>>> cat = Catalogue.default()
>>> cat["neet"].name_nb
'Unge utenfor arbeid og utdanning (NEET) 15–29'
>>> cat["vgs_completion"].direction
'high_is_good'
>>> [i.key for i in cat.filter(sdg_goal=11, has_data=True)][:2]
['crowding', 'sdg_11_2_1']
>>> cat["ungdata_safe_neighbourhood"].has_data
False
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import DataError
from .text import MARMOT_PRINCIPLES  # the one wording (re-exported: letter -> (nb, en))

DIRECTIONS = ("high_is_bad", "high_is_good")
THEMES = ("levekar", "green", "transit", "housing")
_REQUIRED = ("key", "name_nb", "unit", "direction")
# Indicator fields that must be text when present (``sdg`` may also be a number: 11 or 11.2).
_TEXT_FIELDS = ("key", "name_nb", "name_en", "unit", "direction", "theme", "definition_nb",
                "definition_en", "source", "life_course", "type", "count", "denominator",
                "data_source", "status")

#: The life-course groups of the UNGT LØFT framework (exact bokmål labels, in life order).
LIFE_COURSE: tuple[str, ...] = (
    "før fødsel–2 år",
    "barnehage 2–5",
    "barneskole 5–12",
    "ungdomsskole/vgs 13–19",
    "ungt voksenliv 20–44",
    "senere voksenliv og alderdom",
    "på tvers av aldersgrupper",
)

#: Indicator types: process (what is done / the conditions), result (the outcome the work aims
#: at), effect (the long-term health or life-chance effect).
INDICATOR_TYPES: dict[str, tuple[str, str]] = {
    "prosess": ("prosessindikator", "process indicator"),
    "resultat": ("resultatindikator", "outcome indicator"),
    "effekt": ("effektindikator", "impact indicator"),
}

#: The data sources of the framework.
DATA_SOURCES: tuple[str, ...] = (
    "SSB", "NAV", "FHI/Kommunehelsa", "Ungdata", "HUNT", "Elevundersøkelsen", "microdata.no", "GIS",
)

#: ``status`` of a framework indicator that the app has no data for yet.
NO_DATA = "ingen data ennå"


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry.

    Attributes
    ----------
    key
        Unique key; for levekår indicators also the rate column of the zone table, for GIS
        indicators the column (or :mod:`~ungtloft_map.core.analysis.sdg` key) that holds it.
    name_nb, name_en, definition_nb, definition_en, unit
        What it is called, what it measures and in which unit.
    direction
        ``"high_is_bad"`` or ``"high_is_good"``.
    theme
        One of :data:`THEMES`.
    source
        The source in words (register, survey, year span ...).
    data_source
        One of :data:`DATA_SOURCES` (the short, filterable form of ``source``).
    marmot
        Marmot principle letters (A–H), the first is the main one.
    life_course
        One of :data:`LIFE_COURSE`.
    type
        One of :data:`INDICATOR_TYPES` (``"prosess"``, ``"resultat"``, ``"effekt"``).
    sdg
        SDG target/indicator code such as ``"11.2.1"``, or None.
    count, denominator
        Columns of the indicator table (levekår indicators only).
    status
        ``""`` (has data) or :data:`NO_DATA`.

    Examples
    --------
    >>> ind = Catalogue.default()["sdg_11_7_1"]
    >>> ind.sdg_goal, ind.data_source, ind.has_data
    ('11', 'GIS', True)
    """

    key: str
    name_nb: str
    name_en: str
    unit: str
    direction: str
    theme: str = "levekar"
    definition_nb: str = ""
    definition_en: str = ""
    source: str = ""
    marmot: tuple[str, ...] = ()
    life_course: str = ""
    type: str = ""
    sdg: str | None = None
    count: str | None = None
    denominator: str | None = None
    data_source: str = ""
    status: str = ""

    @property
    def high_is_bad(self) -> bool:
        return self.direction == "high_is_bad"

    @property
    def has_data(self) -> bool:
        """False for framework indicators marked :data:`NO_DATA`."""
        return self.status != NO_DATA

    @property
    def sdg_goal(self) -> str | None:
        """The SDG goal number of :attr:`sdg` (``"11.2.1"`` -> ``"11"``), or None."""
        return self.sdg.split(".")[0] if self.sdg else None

    @property
    def from_counts(self) -> bool:
        """True when the value is a rate computed from count and denominator columns."""
        return bool(self.count and self.denominator)

    def name(self, lang: str = "nb") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_nb

    def definition(self, lang: str = "nb") -> str:
        return self.definition_en if lang == "en" and self.definition_en else self.definition_nb

    def marmot_labels(self, lang: str = "nb") -> list[str]:
        """``"A: Gi alle barn ..."`` for each Marmot principle of the indicator."""
        i = 1 if lang == "en" else 0
        return [f"{m}: {MARMOT_PRINCIPLES[m][i]}" for m in self.marmot if m in MARMOT_PRINCIPLES]

    def type_label(self, lang: str = "nb") -> str:
        """``"resultatindikator"`` / ``"outcome indicator"``; the raw type when unknown."""
        labels = INDICATOR_TYPES.get(self.type)
        return (labels[1] if lang == "en" else labels[0]) if labels else self.type


@dataclass
class Catalogue:
    """The levekår :attr:`indicators` (iterated) and the rest of the :attr:`framework`."""

    indicators: list[Indicator] = field(default_factory=list)
    framework: list[Indicator] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._reindex()

    def _reindex(self) -> None:
        self._by_key = {i.key: i for i in self.framework}
        self._by_key.update({i.key: i for i in self.indicators})

    def __getitem__(self, key: str) -> Indicator:
        return self._by_key[key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def __repr__(self) -> str:
        return (f"Catalogue({len(self)} indicators: {', '.join(self.keys())}; "
                f"+{len(self.framework)} framework entries)")

    def keys(self) -> list[str]:
        """Keys of the levekår indicators (the ones iterated); :meth:`all_keys` for every entry."""
        return [i.key for i in self.indicators]

    def all(self) -> list[Indicator]:
        """Every entry: the levekår indicators, then the framework entries."""
        return list(self.indicators) + list(self.framework)

    def all_keys(self) -> list[str]:
        return [i.key for i in self.all()]

    def add(self, indicator: Indicator) -> None:
        """Add or replace one indicator (a user's own definition wins over the shipped one).

        A replacement keeps its place; an entry with count and denominator columns always
        belongs to :attr:`indicators` (a user who brings data for a framework indicator moves
        it there), a new entry without them goes to :attr:`framework` when it is GIS-computed or
        marked :data:`NO_DATA` and to :attr:`indicators` otherwise (so that suppression still
        looks for its ``{key}_count`` column).
        """
        in_ind = any(i.key == indicator.key for i in self.indicators)
        in_fw = any(i.key == indicator.key for i in self.framework)
        if indicator.from_counts:
            to_framework = False
        elif in_ind or in_fw:
            to_framework = in_fw and not in_ind
        else:
            to_framework = not indicator.has_data or indicator.data_source == "GIS"
        target = self.framework if to_framework else self.indicators
        other = self.indicators if to_framework else self.framework
        other[:] = [i for i in other if i.key != indicator.key]
        for n, i in enumerate(target):
            if i.key == indicator.key:
                target[n] = indicator
                break
        else:
            target.append(indicator)
        self._reindex()

    def filter(
        self,
        marmot: str | Iterable[str] | None = None,
        life_course: str | Iterable[str] | None = None,
        sdg_goal: int | str | Iterable[int | str] | None = None,
        has_data: bool | None = None,
        *,
        theme: str | Iterable[str] | None = None,
        data_source: str | Iterable[str] | None = None,
        type: str | Iterable[str] | None = None,
    ) -> list[Indicator]:
        """Entries (levekår and framework) matching every given criterion, in catalogue order.

        Parameters
        ----------
        marmot
            Principle letter(s); an indicator matches when it has any of them.
        life_course
            Life-course label(s) from :data:`LIFE_COURSE`.
        sdg_goal
            SDG goal number(s) (``11`` or ``"11"``), or a full code (``"11.2.1"``) which must
            match exactly; indicators without an SDG code never match.
        has_data
            True: only indicators with data (levekår and GIS); False: only the ones marked
            :data:`NO_DATA`.
        theme, data_source, type
            As the :class:`Indicator` fields.

        Raises
        ------
        DataError
            An unknown Marmot letter or life-course label (a typo would silently give nothing).

        Examples
        --------
        >>> cat = Catalogue.default()
        >>> [i.key for i in cat.filter(marmot="A", life_course="før fødsel–2 år")]
        ['fhi_low_birth_weight', 'fhi_smoking_pregnancy', 'fhi_health_visit_newborn']
        """
        marmots = _as_set(marmot)
        if marmots and not marmots <= set(MARMOT_PRINCIPLES):
            raise DataError(f"unknown Marmot principle {sorted(marmots - set(MARMOT_PRINCIPLES))}; "
                            "use the letters A–H", field="marmot")
        lcs = _as_set(life_course)
        if lcs and not lcs <= set(LIFE_COURSE):
            raise DataError(f"unknown life-course group {sorted(lcs - set(LIFE_COURSE))}; use one of "
                            + ", ".join(LIFE_COURSE), field="life_course")
        goals = {str(g) for g in _as_set(sdg_goal)}
        themes, sources, types = _as_set(theme), _as_set(data_source), _as_set(type)
        out = []
        for ind in self.all():
            if marmots and not marmots & set(ind.marmot):
                continue
            if lcs and ind.life_course not in lcs:
                continue
            if goals and not (ind.sdg and (ind.sdg_goal in goals or ind.sdg in goals)):
                continue
            if has_data is not None and ind.has_data != bool(has_data):
                continue
            if themes and ind.theme not in themes:
                continue
            if sources and ind.data_source not in sources:
                continue
            if types and ind.type not in types:
                continue
            out.append(ind)
        return out

    @classmethod
    def default(cls) -> Catalogue:
        """The catalogue shipped with the app."""
        text = resources.files("ungtloft_map.core").joinpath("data/catalogue.json").read_text("utf-8")
        return cls.from_json(json.loads(text), source="catalogue.json")

    @classmethod
    def from_file(cls, path: str | Path) -> Catalogue:
        path = Path(path)
        try:
            data = json.loads(path.read_text("utf-8"))
        # ValueError covers JSONDecodeError and UnicodeDecodeError, and also an integer of more
        # than 4300 digits; RecursionError is what json raises for arrays nested ~1000 deep.
        except (OSError, ValueError, RecursionError) as exc:
            raise DataError(f"cannot read the catalogue: {str(exc)[:200]}", file=path) from None
        return cls.from_json(data, source=path)

    def with_user_file(self, path: str | Path) -> Catalogue:
        """A copy with the indicators of a user's catalogue file added (or replacing)."""
        merged = Catalogue(list(self.indicators), list(self.framework))
        for ind in Catalogue.from_file(path).all():
            merged.add(ind)
        return merged

    @classmethod
    def from_json(cls, data: dict, source: str | Path = "catalogue") -> Catalogue:
        """Build a catalogue from the parsed JSON (``indicators`` and optional ``framework``).

        Raises
        ------
        DataError
            A missing required entry, an unknown direction, Marmot letter, life-course group,
            type or data source (the entry's row and field are named).
        """
        if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
            raise DataError("a catalogue is an object with a list 'indicators'", file=source)
        framework = data.get("framework", [])
        if not isinstance(framework, list):
            raise DataError("'framework' must be a list", file=source, field="framework")
        lists = []
        seen: set[str] = set()
        for section, entries in (("indicators", data["indicators"]), ("framework", framework)):
            out = []
            for n, raw in enumerate(entries, start=1):
                layer = None if section == "indicators" else "framework"
                ind = _parse_entry(raw, source, n, layer)
                if ind.key in seen:
                    raise DataError(f"key {ind.key!r} occurs more than once", file=source, layer=layer,
                                    field="key", row=n)
                seen.add(ind.key)
                out.append(ind)
            lists.append(out)
        return cls(lists[0], lists[1])


def _parse_entry(raw, source, row: int, layer: str | None) -> Indicator:
    if not isinstance(raw, dict):
        raise DataError("entry is not an object", file=source, layer=layer, row=row)
    for name in _REQUIRED:
        if not raw.get(name):
            raise DataError("required entry is missing", file=source, layer=layer, field=name, row=row)
    # JSON gives any type; a list as key or a number as marmot would fail later with TypeError
    # (unhashable key, iterating an int), far from the file.
    for name in _TEXT_FIELDS:
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            raise DataError(f"must be text, not {type(value).__name__}", file=source, layer=layer,
                            field=name, row=row)
    marmot_raw = raw.get("marmot")
    if marmot_raw is not None and not isinstance(marmot_raw, str) and not (
        isinstance(marmot_raw, list) and all(isinstance(m, str) for m in marmot_raw)
    ):
        raise DataError("must be a letter or a list of letters (A–H)", file=source, layer=layer,
                        field="marmot", row=row)
    if raw["direction"] not in DIRECTIONS:
        raise DataError(
            f"direction must be one of {', '.join(DIRECTIONS)}", file=source, layer=layer, field="direction", row=row
        )
    known = {f for f in Indicator.__dataclass_fields__}
    kwargs = {k: v for k, v in raw.items() if k in known}
    kwargs.setdefault("name_en", raw["name_nb"])
    marmot = raw.get("marmot") or ()
    if isinstance(marmot, str):
        marmot = [marmot]
    kwargs["marmot"] = tuple(marmot)
    bad = [m for m in kwargs["marmot"] if m not in MARMOT_PRINCIPLES]
    if bad:
        raise DataError(f"unknown Marmot principle {bad[0]!r}; use the letters A–H", file=source, layer=layer,
                        field="marmot", row=row)
    # Empty vocabulary fields are allowed (a user's quick entry); a wrong one is a typo.
    checks = (("life_course", LIFE_COURSE), ("type", tuple(INDICATOR_TYPES)),
              ("data_source", DATA_SOURCES), ("theme", THEMES))
    for name, allowed in checks:
        value = kwargs.get(name)
        if value and value not in allowed:
            raise DataError(f"{name} {value!r} is not one of: {', '.join(allowed)}", file=source, layer=layer,
                            field=name, row=row)
    status = kwargs.get("status") or ""
    if status and status != NO_DATA:
        raise DataError(f"status must be empty or {NO_DATA!r}", file=source, layer=layer, field="status", row=row)
    if kwargs.get("sdg") is not None:
        if isinstance(kwargs["sdg"], bool) or not isinstance(kwargs["sdg"], (str, int, float)):
            raise DataError("must be an SDG code such as \"11.2.1\"", file=source, layer=layer,
                            field="sdg", row=row)
        kwargs["sdg"] = str(kwargs["sdg"]) or None
    return Indicator(**kwargs)


def _as_set(value) -> set:
    if value is None:
        return set()
    if isinstance(value, (str, int)):
        return {value}
    return set(value)
