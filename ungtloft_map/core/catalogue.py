"""The indicator catalogue: what every levekår indicator means and how it is computed.

The catalogue ships as ``core/data/catalogue.json``; a user can add their own indicators from a
JSON file of the same shape (:meth:`Catalogue.with_user_file`).

Examples
--------
>>> cat = Catalogue.default()
>>> cat["neet"].name_nb
'Unge utenfor arbeid og utdanning (NEET) 15–29'
>>> cat["vgs_completion"].direction
'high_is_good'
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import DataError

DIRECTIONS = ("high_is_bad", "high_is_good")
THEMES = ("levekar", "green", "transit", "housing")
_REQUIRED = ("key", "name_nb", "unit", "direction")


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry."""

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

    @property
    def high_is_bad(self) -> bool:
        return self.direction == "high_is_bad"

    def name(self, lang: str = "nb") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_nb

    def definition(self, lang: str = "nb") -> str:
        return self.definition_en if lang == "en" and self.definition_en else self.definition_nb


@dataclass
class Catalogue:
    """An ordered collection of :class:`Indicator` entries."""

    indicators: list[Indicator] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_key = {i.key: i for i in self.indicators}

    def __getitem__(self, key: str) -> Indicator:
        return self._by_key[key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def __repr__(self) -> str:
        return f"Catalogue({len(self)} indicators: {', '.join(self.keys())})"

    def keys(self) -> list[str]:
        return [i.key for i in self.indicators]

    def add(self, indicator: Indicator) -> None:
        """Add or replace one indicator (a user's own definition wins over the shipped one)."""
        self.indicators = [i for i in self.indicators if i.key != indicator.key] + [indicator]
        self._by_key[indicator.key] = indicator

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
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DataError(f"cannot read the catalogue: {exc}", file=path) from None
        return cls.from_json(data, source=path)

    def with_user_file(self, path: str | Path) -> Catalogue:
        """A copy with the indicators of a user's catalogue file added (or replacing)."""
        merged = Catalogue(list(self.indicators))
        for ind in Catalogue.from_file(path):
            merged.add(ind)
        return merged

    @classmethod
    def from_json(cls, data: dict, source: str | Path = "catalogue") -> Catalogue:
        if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
            raise DataError("a catalogue is an object with a list 'indicators'", file=source)
        out = []
        for n, raw in enumerate(data["indicators"], start=1):
            if not isinstance(raw, dict):
                raise DataError("entry is not an object", file=source, row=n)
            for name in _REQUIRED:
                if not raw.get(name):
                    raise DataError("required entry is missing", file=source, field=name, row=n)
            if raw["direction"] not in DIRECTIONS:
                raise DataError(
                    f"direction must be one of {', '.join(DIRECTIONS)}", file=source, field="direction", row=n
                )
            known = {f for f in Indicator.__dataclass_fields__}
            kwargs = {k: v for k, v in raw.items() if k in known}
            kwargs.setdefault("name_en", raw["name_nb"])
            kwargs["marmot"] = tuple(raw.get("marmot") or ())
            out.append(Indicator(**kwargs))
        return cls(out)
