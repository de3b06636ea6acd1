"""Interface language: bokmål (the source language of every string) or English.

Every visible string is written in bokmål in the code and goes through Qt's ``tr``; English
comes from ``resources/translations/ungtloft_map_en.qm``, compiled from the ``.ts`` source by
``pyside6-lrelease`` in the build (``make translations``). The choice is kept in QSettings and,
as in QGIS, takes effect at the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings, QTranslator

from ..paths import resources_dir

LANGUAGES = {"nb": "Norsk bokmål", "en": "English"}
DEFAULT = "nb"


def current_language() -> str:
    value = QSettings("UngtLoft", "UngtLoftMap").value("language", DEFAULT)
    return value if value in LANGUAGES else DEFAULT


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    QSettings("UngtLoft", "UngtLoftMap").setValue("language", lang)


def qm_path(lang: str):
    return resources_dir() / "translations" / f"ungtloft_map_{lang}.qm"


def install_translator(app, lang: str | None = None) -> QTranslator | None:
    """Install the translator for ``lang`` (default: the saved choice); None for bokmål."""
    lang = lang or current_language()
    QLocale.setDefault(QLocale(QLocale.Language.NorwegianBokmal if lang == "nb" else QLocale.Language.English,
                               QLocale.Country.Norway))
    if lang == DEFAULT:
        return None
    translator = QTranslator(app)
    if translator.load(str(qm_path(lang))):
        app.installTranslator(translator)
        return translator
    return None


def ui_lang() -> str:
    """The language data labels, definitions, maps and reports are shown in ("nb" or "en")."""
    return current_language()
