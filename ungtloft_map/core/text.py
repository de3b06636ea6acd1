"""The one home of displayed text: number, percent, count and date formats, and the vocabularies.

Every layer that shows a number to a person -- the web map (legend and tooltip), the print and
PNG maps, the HTML/PDF reports, the CLI summaries and the window (zone table, identify panel,
dashboard, target areas, clusters) -- formats it here, so one value reads the same everywhere.

Convention (stated once; CLDR's ``nb`` and ``en`` symbols, Språkrådet's grouping rule)
--------------------------------------------------------------------------------------
* **bokmål** (``"nb"``): decimal comma; thousands grouped by a no-break space U+00A0 (CLDR
  ``nb`` group symbol) from five digits on (``9999`` but ``10 000``: Språkrådet's rule, which
  CLDR's ``minimumGroupingDigits`` does not express); minus sign U+2212 (CLDR ``nb``).
* **English** (``"en"``): decimal point, comma thousands (``9,999``), hyphen-minus.
* a unit follows the number after a no-break space in both languages (``12,3 %``, ``12.3 %``,
  ``29 min``), so a line break never separates them;
* a missing value (None, NaN) shows :data:`MISSING`, an en dash "–" -- the same mark as a
  suppressed one (:data:`ungtloft_map.core.analysis.privacy.SUPPRESSED_LABEL` is this constant),
  because telling them apart could reveal which cells are small;
* decimals per unit: :data:`UNIT_DECIMALS` (``%`` 1, ``min`` 0, ``m`` 0, persons 0,
  ``per 1 000`` 1, ...); counts and ranks 0 (:func:`decimals_for`);
* dates: ``26.11.2026`` (nb), ``26 November 2026`` (en); long: ``4. desember 2026``.

Vocabularies (key -> (bokmål, English)): :data:`THEME_NAMES` (and :data:`THEME_SHORT_NAMES`),
:data:`INDEX_METHODS` and :data:`INDEX_METHOD_DEFINITIONS`, :data:`MARMOT_PRINCIPLES` (the
catalogue's wording, re-exported by :mod:`ungtloft_map.core.catalogue`), :data:`CLUSTER_LABELS`
and :data:`GETIS_LABELS`, :data:`STATUS_LABELS`, :data:`FICTIONAL` and :data:`MISSING_LEGEND`,
:data:`LIFE_COURSE_NAMES` (the catalogue's life-course groups), :data:`NOTE_CATEGORY_NAMES` and
:data:`NOTE_SOURCE_NAMES` (the place notes' suggested categories and sources).

Small-number suppression is *not* done here: :mod:`ungtloft_map.core.analysis.privacy` decides
what may be shown. A count that may be small goes through
:func:`~ungtloft_map.core.analysis.privacy.format_count` (which calls :func:`format_count` here
for the counts it lets through), never straight to this module.

Examples
--------
>>> format_number(12345.678, 1), format_number(12345.678, 1, "en")
('12\\xa0345,7', '12,345.7')
>>> format_value(12345.678, "%"), format_value(12345.678, "min"), format_count(12345.678)
('12\\xa0345,7\\xa0%', '12\\xa0346\\xa0min', '12\\xa0346')
>>> format_number(float("nan"))
'–'
"""

from __future__ import annotations

import datetime as _dt
import math
from numbers import Real

__all__ = [
    "MISSING",
    "LANGS",
    "UNIT_DECIMALS",
    "DEFAULT_DECIMALS",
    "decimals_for",
    "format_number",
    "format_short",
    "format_percent",
    "format_share",
    "format_count",
    "sort_key",
    "format_value",
    "format_date",
    "unit_text",
    "FICTIONAL",
    "fictional_label",
    "MISSING_LEGEND",
    "missing_legend",
    "MARMOT_PRINCIPLES",
    "marmot_name",
    "THEME_NAMES",
    "THEME_SHORT_NAMES",
    "theme_name",
    "INDEX_METHODS",
    "INDEX_METHOD_DEFINITIONS",
    "index_method_name",
    "CLUSTER_LABELS",
    "GETIS_LABELS",
    "cluster_label",
    "STATUS_LABELS",
    "status_label",
]

#: What a missing (or suppressed) value shows: an en dash.
MISSING = "–"
#: The languages of the app: bokmål and English.
LANGS = ("nb", "en")

NBSP = "\u00a0"
_MINUS = "\u2212"
_MONTHS_NB = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "desember")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")

#: Decimals shown per unit (the unit strings of the catalogue and the zone table). A unit not
#: listed gets :data:`DEFAULT_DECIMALS`.
UNIT_DECIMALS: dict[str, int] = {
    "%": 1,
    "pp": 1,  # percentage points (a change of a %)
    "min": 0,
    "m": 0,
    "m²": 0,
    "m²/person": 0,
    "personer": 0,
    "bosatte": 0,
    "boliger": 0,
    "per 1 000": 1,
    "per km²": 0,
    "per time": 1,
    "år": 1,
    "km²": 2,
    "ha": 1,
    "daa": 1,
    "0–1": 2,
    "p": 2,
    "z": 2,
}
#: Decimals of a unit not in :data:`UNIT_DECIMALS`.
DEFAULT_DECIMALS = 1
# Column kinds (ZoneTable ColumnInfo.kind) that are whole numbers whatever their unit.
_WHOLE_KINDS = frozenset({"count", "denominator", "rank"})

_UNIT_EN = {"per time": "per hour", "år": "years", "personer": "persons", "bosatte": "residents",
            "boliger": "dwellings", "per 1 000": "per 1,000"}


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be 'nb' or 'en', not {lang!r}")
    return lang


def _is_missing(v) -> bool:
    if v is None:
        return True
    try:
        return bool(isinstance(v, Real) and math.isnan(float(v)))
    except (TypeError, ValueError):
        return False


def decimals_for(unit: str | None, kind: str | None = None) -> int:
    """Decimals for a value in ``unit`` (a column ``kind`` of count/denominator/rank: 0).

    Examples
    --------
    >>> decimals_for("%"), decimals_for("min"), decimals_for("per 1 000"), decimals_for("x")
    (1, 0, 1, 1)
    >>> decimals_for("%", kind="count")
    0
    """
    if kind in _WHOLE_KINDS:
        return 0
    return UNIT_DECIMALS.get(unit or "", DEFAULT_DECIMALS)


def format_number(v, decimals: int = 0, lang: str = "nb") -> str:
    """A number with grouped thousands, ``decimals`` places and the language's separators.

    Parameters
    ----------
    v
        A number (int, float, numpy scalar); ``None``/NaN give "–". Anything else (a string
        such as an already suppressed "–") is returned as text unchanged.
    decimals
        Places after the decimal separator.
    lang
        ``"nb"`` or ``"en"`` (see the module notes).

    Examples
    --------
    >>> format_number(-0.25, 2, "nb")
    '−0,25'
    >>> format_number(1234567, 0, "en")
    '1,234,567'
    >>> format_number(9999, 0, "nb")  # four digits: no space (Norwegian convention)
    '9999'
    >>> format_number(-0.04, 1)  # no "−0,0"
    '0,0'
    """
    if _is_missing(v):
        return MISSING
    if not isinstance(v, Real):
        return str(v)
    _check_lang(lang)
    x = float(v)
    if math.isinf(x):
        return "∞" if x > 0 else ("−∞" if lang == "nb" else "-∞")
    text = f"{abs(x):,.{max(int(decimals), 0)}f}"
    negative = x < 0 and float(text.replace(",", "")) != 0.0  # no "−0,0"
    if lang == "en":
        return ("-" if negative else "") + text
    whole, _, frac = text.partition(".")
    # Norwegian groups thousands only from five digits on (9999 but 10 000).
    digits = whole.replace(",", "")
    whole = digits if len(digits) <= 4 else whole.replace(",", NBSP)
    return (_MINUS if negative else "") + whole + ("," + frac if frac else "")


def format_short(v, lang: str = "nb", max_decimals: int = 6) -> str:
    """A number with as few decimals as it needs (up to ``max_decimals``), e.g. axis ticks.

    Examples
    --------
    >>> format_short(0.05), format_short(2.0), format_short(12345.5, "en")
    ('0,05', '2', '12,345.5')
    """
    if _is_missing(v) or not isinstance(v, Real):
        return format_number(v, 0, lang)
    x = round(float(v), max_decimals)
    text = f"{abs(x):.{max_decimals}f}".rstrip("0")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return format_number(x, decimals, lang)


def format_percent(v, decimals: int = 1, lang: str = "nb") -> str:
    """A percentage (the value is already in %) with a no-break space before "%".

    Examples
    --------
    >>> format_percent(12.345), format_percent(12.345, 1, "en"), format_percent(None)
    ('12,3\\xa0%', '12.3\\xa0%', '–')
    """
    if _is_missing(v) or not isinstance(v, Real):
        return format_number(v, decimals, lang)
    return f"{format_number(v, decimals, lang)}{NBSP}%"


def format_share(v, decimals: int = 0, lang: str = "nb") -> str:
    """A share 0–1 as a percentage (``0.873`` -> ``87 %``).

    Examples
    --------
    >>> format_share(0.873), format_share(float("nan"))
    ('87\\xa0%', '–')
    """
    if _is_missing(v) or not isinstance(v, Real):
        return format_number(v, decimals, lang)
    return format_percent(100.0 * float(v), decimals, lang)


def format_count(v, lang: str = "nb") -> str:
    """A count (people, dwellings, zones) as a whole number; rounding, no suppression.

    What may be shown is decided by :func:`ungtloft_map.core.analysis.privacy.format_count`,
    which calls this for the counts it lets through.

    Examples
    --------
    >>> format_count(12345.678), format_count(3), format_count(None, "en")
    ('12\\xa0346', '3', '–')
    """
    return format_number(v, 0, lang)


def unit_text(unit: str | None, lang: str = "nb") -> str:
    """The unit as written after a number (English words for the bokmål unit names).

    Examples
    --------
    >>> unit_text("per time", "en"), unit_text("%", "en"), unit_text("per 1 000", "nb")
    ('per hour', '%', 'per 1\\xa0000')
    """
    unit = unit or ""
    if lang == "en":
        unit = _UNIT_EN.get(unit, unit)
    # A space inside a unit ("per 1 000") must not break either.
    return unit.replace("1 000", f"1{NBSP}000")


def format_value(v, unit: str | None, lang: str = "nb", *, decimals: int | None = None,
                 kind: str | None = None, with_unit: bool = True) -> str:
    """A value in its unit: the unit's decimals (:func:`decimals_for`) and the unit after it.

    Parameters
    ----------
    v
        The value (missing: "–", with no unit after it).
    unit
        The unit string of the catalogue / zone table (``"%"``, ``"min"``, ``"per 1 000"`` ...).
    decimals
        Override the unit's decimals.
    kind
        The zone-table column kind (count/denominator/rank are whole numbers).
    with_unit
        False: the number alone (a table cell whose header carries the unit).

    Examples
    --------
    >>> format_value(12.0123, "%"), format_value(29.4, "min"), format_value(4.04, "per time", "en")
    ('12,0\\xa0%', '29\\xa0min', '4.0\\xa0per hour')
    >>> format_value(12345.678, "%", with_unit=False)
    '12\\xa0345,7'
    >>> format_value(float("nan"), "min")
    '–'
    """
    d = decimals_for(unit, kind) if decimals is None else decimals
    text = format_number(v, d, lang)
    if not with_unit or not unit or _is_missing(v) or not isinstance(v, Real):
        return text
    return f"{text}{NBSP}{unit_text(unit, lang)}"


def format_date(d: _dt.date | _dt.datetime | str | None = None, lang: str = "nb", *,
                long: bool = False) -> str:
    """A date: ``26.11.2026`` (nb) / ``26 November 2026`` (en); ``long``: ``26. november 2026``.

    ``None`` means today; a string is read as an ISO date. English always writes the month.

    Examples
    --------
    >>> format_date(_dt.date(2026, 1, 5), "nb"), format_date("2026-01-05", "en")
    ('05.01.2026', '5 January 2026')
    >>> format_date(_dt.date(2026, 12, 4), long=True)
    '4. desember 2026'
    """
    if d is None:
        d = _dt.date.today()
    if isinstance(d, str):
        d = _dt.date.fromisoformat(d[:10])
    if _check_lang(lang) == "en":
        return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    if long:
        return f"{d.day}. {_MONTHS_NB[d.month - 1]} {d.year}"
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


# Norwegian alphabetical order (Språkrådet): ... x y z æ ø å; ä sorts as æ, ö as ø, ü as y, and
# other accented letters as their base letter. Mapped onto characters past "z" so that a plain
# code-point comparison (what a Qt sort or sorted() does) gives that order.
_SORT_FOLD = str.maketrans({
    "æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}", "ü": "y",
    "é": "e", "è": "e", "ê": "e", "á": "a", "à": "a", "ó": "o", "ò": "o", "ô": "o", "í": "i",
    "ú": "u", "ç": "c", "ñ": "n",
})


def sort_key(name: str) -> str:
    """A key that sorts names in Norwegian alphabetical order, case-insensitively.

    Examples
    --------
    >>> sorted(["Åsheim", "Østbyen", "Ila", "Ærfugl", "Zahl"], key=sort_key)
    ['Ila', 'Zahl', 'Ærfugl', 'Østbyen', 'Åsheim']
    """
    return str(name).casefold().translate(_SORT_FOLD)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if _check_lang(lang) == "en" else pair[0]


# --------------------------------------------------------------------------------------------
# vocabularies: key -> (bokmål, English)

#: The label every map, export, report and the status bar carry on fictional (demo) data.
FICTIONAL: tuple[str, str] = ("FIKTIVE DEMODATA – ikke virkelige tall",
                              "FICTIONAL DEMO DATA – not real figures")


#: The legend entry of zones without a value (missing or suppressed, told apart nowhere).
MISSING_LEGEND: tuple[str, str] = ("mangler / skjermet", "missing / suppressed")


def missing_legend(lang: str = "nb") -> str:
    """The legend entry of zones without a value, after the dash.

    Examples
    --------
    >>> missing_legend(), missing_legend("en")
    ('mangler / skjermet', 'missing / suppressed')
    """
    return _pick(MISSING_LEGEND, lang)


def fictional_label(lang: str = "nb") -> str:
    """The fictional-data label.

    Examples
    --------
    >>> fictional_label("en")
    'FICTIONAL DEMO DATA – not real figures'
    """
    return _pick(FICTIONAL, lang)


#: The eight Marmot principles of the UNGT LØFT report: letter -> (bokmål, English).
MARMOT_PRINCIPLES: dict[str, tuple[str, str]] = {
    "A": ("Gi alle barn den beste starten i livet", "Give every child the best start in life"),
    "B": ("Gi barn, unge og voksne mulighet til å utvikle evner og ha kontroll over eget liv",
          "Enable all children, young people and adults to maximise their capabilities and "
          "have control over their lives"),
    "C": ("Skap rettferdig arbeid og gode jobber for alle", "Create fair employment and good work for all"),
    "D": ("Sikre en sunn levestandard for alle", "Ensure a healthy standard of living for all"),
    "E": ("Skap og utvikle sunne og bærekraftige steder og lokalsamfunn",
          "Create and develop healthy and sustainable places and communities"),
    "F": ("Styrk forebygging av sykdom", "Strengthen the role and impact of ill-health prevention"),
    "G": ("Bekjemp rasisme, diskriminering og følgene av dem",
          "Tackle racism, discrimination and their outcomes"),
    "H": ("Arbeid for miljømessig bærekraft og helselikhet samtidig",
          "Pursue environmental sustainability and health equity together"),
}


def marmot_name(letter: str, lang: str = "nb") -> str:
    """The wording of Marmot principle ``letter`` (A–H); the letter itself when unknown.

    Examples
    --------
    >>> marmot_name("C")
    'Skap rettferdig arbeid og gode jobber for alle'
    """
    return _pick(MARMOT_PRINCIPLES[letter], lang) if letter in MARMOT_PRINCIPLES else letter


#: The themes of the index (and the composite index itself): key -> (bokmål, English).
THEME_NAMES: dict[str, tuple[str, str]] = {
    "levekar": ("Levekår", "Living conditions"),
    "green": ("Grøntstruktur", "Green structure"),
    "transit": ("Kollektivtilgang", "Transit access"),
    "housing": ("Kommunale boliger", "Municipal housing"),
    "index": ("Sammensatt belastningsindeks", "Composite disadvantage index"),
    "population": ("Befolkning", "Population"),
}


#: Short theme names for narrow table columns (the plan assessment's findings).
THEME_SHORT_NAMES: dict[str, tuple[str, str]] = {
    "levekar": ("Levekår", "Living cond."),
    "green": ("Grønt", "Green"),
    "transit": ("Kollektiv", "Transit"),
    "housing": ("Boliger", "Housing"),
    "index": ("Indeks", "Index"),
    "population": ("Befolkning", "Population"),
}


def theme_name(key: str, lang: str = "nb", *, short: bool = False) -> str:
    """The name of theme ``key`` (``short``: for a narrow column); the key itself when unknown.

    Examples
    --------
    >>> theme_name("green"), theme_name("transit", "en"), theme_name("green", short=True)
    ('Grøntstruktur', 'Transit access', 'Grønt')
    """
    names = THEME_SHORT_NAMES if short else THEME_NAMES
    return _pick(names[key], lang) if key in names else key


#: The index methods (:data:`ungtloft_map.core.analysis.index.METHODS`): key -> (bokmål, English).
INDEX_METHODS: dict[str, tuple[str, str]] = {
    "percentile": ("Persentilrangering (SVI)", "Percentile ranking (SVI)"),
    "zscore": ("Vektede z-verdier (COI)", "Weighted z-scores (COI)"),
    "ratio": ("Forhold til kommunen (Oslo)", "Ratio to the municipality (Oslo)"),
}
#: What each index method computes (for definitions and report method notes).
INDEX_METHOD_DEFINITIONS: dict[str, tuple[str, str]] = {
    "percentile": ("sum av persentilrangerte indikatorer per tema, rangert på nytt (SVI)",
                   "sum of percentile-ranked indicators per theme, re-ranked (SVI)"),
    "zscore": ("vektede, winsoriserte og befolkningsvektede z-verdier (COI)",
               "weighted, winsorised, population-weighted z-scores (COI)"),
    "ratio": ("forhold til kommunen, 100 = kommunens nivå (Oslo)",
              "ratio to the municipality, 100 = municipal level (Oslo)"),
}


def index_method_name(key: str, lang: str = "nb") -> str:
    """The name of index method ``key``; the key itself when unknown.

    Examples
    --------
    >>> index_method_name("zscore", "en")
    'Weighted z-scores (COI)'
    """
    return _pick(INDEX_METHODS[key], lang) if key in INDEX_METHODS else key


#: Local Moran cluster labels of the zone table (stored in English / bokmål codes) -> display.
CLUSTER_LABELS: dict[str, tuple[str, str]] = {
    "High-High": ("Høy-Høy", "High-High"),
    "Low-Low": ("Lav-Lav", "Low-Low"),
    "High-Low": ("Høy-Lav", "High-Low"),
    "Low-High": ("Lav-Høy", "Low-High"),
    "Ikke signifikant": ("Ikke signifikant", "Not significant"),
    "Mangler data": ("Mangler data", "No data"),
}
#: Getis-Ord Gi* labels -> display.
GETIS_LABELS: dict[str, tuple[str, str]] = {
    "Hot spot": ("Varmt punkt", "Hot spot"),
    "Cold spot": ("Kaldt punkt", "Cold spot"),
    "Ikke signifikant": ("Ikke signifikant", "Not significant"),
    "Mangler data": ("Mangler data", "No data"),
}
# What the long form of a cluster label adds in brackets.
_CLUSTER_NOTES: dict[str, tuple[str, str]] = {
    "High-High": ("belastet klynge", "disadvantaged cluster"),
    "High-Low": ("avvik", "outlier"),
    "Low-High": ("avvik", "outlier"),
}


def cluster_label(label, lang: str = "nb", *, short: bool = True) -> str:
    """Display text of a cluster label (Local Moran or Gi*); "–" for a missing one.

    ``short=False`` adds the explanation in brackets ("Høy-Høy (belastet klynge)").

    Examples
    --------
    >>> cluster_label("High-High"), cluster_label("High-High", "en", short=False)
    ('Høy-Høy', 'High-High (disadvantaged cluster)')
    >>> cluster_label("Hot spot"), cluster_label(None)
    ('Varmt punkt', '–')
    """
    if _is_missing(label):
        return MISSING
    key = str(label)
    pair = CLUSTER_LABELS.get(key) or GETIS_LABELS.get(key) or (key, key)
    text = _pick(pair, lang)
    if not short and key in _CLUSTER_NOTES:
        text += f" ({_pick(_CLUSTER_NOTES[key], lang)})"
    return text


#: Dashboard statuses (the bokmål word is the stored value) -> display.
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "bedre": ("bedre", "better"),
    "likt": ("likt", "same"),
    "dårligere": ("dårligere", "worse"),
    "ingen referanse": ("ingen referanse", "no reference"),
    "ingen data": ("ingen data", "no data"),
}


def status_label(status: str, lang: str = "nb") -> str:
    """Display text of a dashboard status.

    Examples
    --------
    >>> status_label("dårligere", "en")
    'worse'
    """
    return _pick(STATUS_LABELS[status], lang) if status in STATUS_LABELS else status


#: Life-course groups of the catalogue (the bokmål text is the stored value,
#: :data:`ungtloft_map.core.catalogue.LIFE_COURSE`) -> display.
LIFE_COURSE_NAMES: dict[str, tuple[str, str]] = {
    "før fødsel–2 år": ("før fødsel–2 år", "before birth–2 years"),
    "barnehage 2–5": ("barnehage 2–5", "kindergarten 2–5"),
    "barneskole 5–12": ("barneskole 5–12", "primary school 5–12"),
    "ungdomsskole/vgs 13–19": ("ungdomsskole/vgs 13–19", "lower/upper secondary 13–19"),
    "ungt voksenliv 20–44": ("ungt voksenliv 20–44", "young adulthood 20–44"),
    "senere voksenliv og alderdom": ("senere voksenliv og alderdom", "later adulthood and old age"),
    "på tvers av aldersgrupper": ("på tvers av aldersgrupper", "across age groups"),
}


def life_course_name(group: str, lang: str = "nb") -> str:
    """Display text of a life-course group (an unknown group is shown as it is).

    Examples
    --------
    >>> life_course_name("barnehage 2–5", "en")
    'kindergarten 2–5'
    """
    return _pick(LIFE_COURSE_NAMES[group], lang) if group in LIFE_COURSE_NAMES else group


#: Suggested note categories (the bokmål word is the stored value,
#: :data:`ungtloft_map.core.notes.CATEGORIES`; free text is allowed) -> display.
NOTE_CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "trygghet": ("trygghet", "safety"),
    "møteplass": ("møteplass", "meeting place"),
    "grøntområde": ("grøntområde", "green area"),
    "lek og aktivitet": ("lek og aktivitet", "play and activity"),
    "trafikk": ("trafikk", "traffic"),
    "bolig": ("bolig", "housing"),
    "tilbud og tjenester": ("tilbud og tjenester", "facilities and services"),
    "annet": ("annet", "other"),
}

#: Where a note comes from (the stored value, :data:`ungtloft_map.core.notes.SOURCES`) -> display.
NOTE_SOURCE_NAMES: dict[str, tuple[str, str]] = {
    "borgerpanel": ("borgerpanel", "citizens' panel"),
    "medvirkning": ("medvirkning", "public participation"),
    "befaring": ("befaring", "site visit"),
    "annet": ("annet", "other"),
}


def note_category_name(category: str, lang: str = "nb") -> str:
    """Display text of a note category; a free-text category is shown as it is.

    Examples
    --------
    >>> note_category_name("trygghet", "en"), note_category_name("skolevei", "en")
    ('safety', 'skolevei')
    """
    return _pick(NOTE_CATEGORY_NAMES[category], lang) if category in NOTE_CATEGORY_NAMES else category


def note_source_name(source: str, lang: str = "nb") -> str:
    """Display text of a note source.

    Examples
    --------
    >>> note_source_name("befaring", "en")
    'site visit'
    """
    return _pick(NOTE_SOURCE_NAMES[source], lang) if source in NOTE_SOURCE_NAMES else source
