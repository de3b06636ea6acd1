"""The English translation (#11): complete, in step with the code, and what the window shows.

Every visible string is bokmål in the code and goes through ``tr``; English comes from
``resources/translations/ungtloft_map_en.ts`` (``make translations-update`` collects the strings,
``make translations`` compiles the ``.qm``). These tests check that

* every message of the committed ``.ts`` is translated, with its placeholders (``{name}``,
  ``%p%``, ``%n``), HTML tags, accelerator and edge spaces kept;
* ``pyside6-lupdate`` run on the code today finds no string the ``.ts`` lacks (a new visible
  string without a translation fails here);
* a window built with the compiled translation installed shows no bokmål source string in its
  menus, docks, tabs, labels, buttons, placeholders and tooltips -- and without it, does. No
  exceptions are listed: a label held in a constant goes through ``QT_TRANSLATE_NOOP`` with a
  literal context (so lupdate collects it), and a bokmål data vocabulary is shown through its
  English twin in :mod:`ungtloft_map.core.text`.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "ungtloft_map_en.ts"
QT_SOURCES = ROOT / "ungtloft_map" / "_qt"
LUPDATE_ARGS = ("-no-obsolete", "-source-language", "nb_NO", "-target-language", "en_GB")

#: Placeholders that must survive translation unchanged: str.format fields, QProgressBar's %p%,
#: Qt's plural %n and numbered %1 arguments.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%p%|%n|%\d+")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
#: The bokmål menu titles of the main window (the test without a translator looks for them).
BOKMAL_MENUS = ("&Fil", "&Vis", "&Analyse", "&Hjelp")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    kind: str  # the translation's type attribute: "" when finished
    where: str

    def __str__(self) -> str:
        return f"{self.where} [{self.context}] {self.source!r} -> {self.translation!r}"


def read_ts(path: Path) -> list[Message]:
    root = ET.parse(path).getroot()
    out = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            forms = [f.text or "" for f in tr.iter("numerusform")] if tr is not None else []
            text = "\n".join(forms) if forms else ((tr.text or "") if tr is not None else "")
            loc = m.find("location")
            where = f"{Path(loc.get('filename')).name}:{loc.get('line')}" if loc is not None else "?"
            out.append(Message(name, m.findtext("source") or "", text,
                               (tr.get("type") or "") if tr is not None else "missing", where))
    return out


def _tool(name: str) -> str | None:
    """A Qt tool next to this Python (the venv's bin), else on PATH."""
    here = Path(sys.executable).with_name(name)
    return str(here) if here.exists() else shutil.which(name)


def _mnemonic(text: str) -> str | None:
    m = re.search(r"&([^&\s])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


@pytest.fixture(scope="module")
def messages() -> list[Message]:
    msgs = read_ts(TS)
    assert msgs, f"{TS} has no messages"
    return msgs


# --------------------------------------------------------------------------------------------
# the .ts itself


def test_ts_translates_bokmal_into_british_english():
    root = ET.parse(TS).getroot()
    assert root.get("sourcelanguage") == "nb_NO"
    assert root.get("language") == "en_GB"


def test_every_message_is_translated(messages):
    bad = [str(m) for m in messages if m.kind or not m.translation.strip()]
    assert not bad, f"{len(bad)} untranslated or unfinished message(s) in {TS.name}:\n" + "\n".join(bad)
    assert 'type="unfinished"' not in TS.read_text(encoding="utf-8")


def test_placeholders_are_kept(messages):
    bad = [f"{m}\n    source {sorted(PLACEHOLDER.findall(m.source))} "
           f"translation {sorted(PLACEHOLDER.findall(m.translation))}"
           for m in messages if Counter(PLACEHOLDER.findall(m.source)) != Counter(PLACEHOLDER.findall(m.translation))]
    assert not bad, "placeholders differ between source and translation:\n" + "\n".join(bad)


def test_html_tags_accelerators_and_edge_spaces_are_kept(messages):
    bad = []
    for m in messages:
        src, tr = m.source, m.translation
        if Counter(HTML_TAG.findall(src)) != Counter(HTML_TAG.findall(tr)):
            bad.append(f"HTML tags: {m}")
        if (_mnemonic(src) is None) != (_mnemonic(tr) is None) or tr.replace("&&", "").count("&") > 1:
            bad.append(f"accelerator: {m}")
        # the code glues these to other text (" – {n} advarsler", "topp ")
        if src[:1].isspace() != tr[:1].isspace() or src[-1:].isspace() != tr[-1:].isspace():
            bad.append(f"leading/trailing space: {m}")
    assert not bad, "\n".join(bad)


def test_ts_compiles_with_nothing_unfinished(tmp_path):
    lrelease = _tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease not found (PySide6 tools are not installed)")
    qm = tmp_path / "en.qm"
    run = subprocess.run([lrelease, str(TS), "-qm", str(qm)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert qm.stat().st_size > 0
    assert re.search(r"\(\d+ finished and 0 unfinished\)", run.stdout), run.stdout
    assert "untranslated" not in run.stdout, run.stdout


# --------------------------------------------------------------------------------------------
# the .ts in step with the code


def test_ts_has_every_string_of_the_code(tmp_path, messages):
    lupdate = _tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate not found (PySide6 tools are not installed): cannot collect the "
                    "code's strings")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in QT_SOURCES.rglob("*.py"))  # the tab modules of subpackages too
    run = subprocess.run([lupdate, *LUPDATE_ARGS, *sources, "-ts", str(fresh)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    found = read_ts(fresh)
    assert found, "pyside6-lupdate found no strings in ungtloft_map/_qt"
    have = {(m.context, m.source) for m in messages}
    missing = [f"{m.where} [{m.context}] {m.source!r}" for m in found if (m.context, m.source) not in have]
    assert not missing, (
        f"{len(missing)} visible string(s) in the code are not in {TS.name}; run `make translations-update` "
        "and translate them:\n" + "\n".join(missing))


# --------------------------------------------------------------------------------------------
# what the window shows


def visible_texts(win) -> list[tuple[str, str]]:
    """(where, text) of the window's menus, docks, tabs, labels, buttons, placeholders, tooltips."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QDockWidget,
        QGroupBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QSpinBox,
        QTableView,
        QTabWidget,
        QTextEdit,
        QTreeView,
        QWidget,
    )

    out: list[tuple[str, str]] = []
    data_menus = {getattr(win, "menu_recent", None)} - {None}  # file names, not words

    def walk_menu(menu, path: str) -> None:
        if menu in data_menus:
            return
        for act in menu.actions():
            if act.isSeparator():
                continue
            out.append((f"menu {path}", act.text()))
            if act.toolTip() != act.text().replace("&", ""):
                out.append((f"menu {path} tooltip", act.toolTip()))
            if act.menu() is not None:
                walk_menu(act.menu(), f"{path} > {act.text()}")

    for act in win.menuBar().actions():
        out.append(("menu bar", act.text()))
        if act.menu() is not None:
            walk_menu(act.menu(), act.text())
    for dock in win.findChildren(QDockWidget):
        out.append(("dock title", dock.windowTitle()))
    for tabs in win.findChildren(QTabWidget):
        for i in range(tabs.count()):
            out.append(("tab", tabs.tabText(i)))
            out.append(("tab tooltip", tabs.tabToolTip(i)))
    for w in win.findChildren(QLabel):
        out.append((f"label {w.objectName()}", w.text()))
    for w in win.findChildren(QAbstractButton):
        out.append((f"{type(w).__name__} {w.objectName()}", w.text()))
    for w in win.findChildren(QGroupBox):
        out.append((f"group {w.objectName()}", w.title()))
    for cls in (QLineEdit, QTextEdit, QPlainTextEdit):
        for w in win.findChildren(cls):
            out.append((f"placeholder {w.objectName()}", w.placeholderText()))
    for w in win.findChildren(QComboBox):
        for i in range(w.count()):
            out.append((f"combo {w.objectName()}", w.itemText(i)))
    for w in win.findChildren(QAbstractSpinBox):
        out.append((f"spin {w.objectName()}", w.specialValueText()))
        if isinstance(w, QSpinBox):
            out += [(f"spin {w.objectName()}", w.prefix()), (f"spin {w.objectName()}", w.suffix())]
    for view_cls in (QTableView, QTreeView):  # the views with a visible column header
        for w in win.findChildren(view_cls):
            model = w.model()
            if model is None:
                continue
            for c in range(model.columnCount(QModelIndex())):
                text = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                if isinstance(text, str):
                    out.append((f"header {w.objectName()}", text))
    for w in win.findChildren(QWidget):
        out.append((f"tooltip {type(w).__name__} {w.objectName()}", w.toolTip()))
    return [(where, text) for where, text in out if text and text.strip()]


def _close(qapp, win) -> None:
    """Close a window with a web view and delete it now, page first (QtWebEngine crashes at exit otherwise)."""
    from PySide6.QtCore import QEvent

    win.ask_to_save = False
    win.close()
    win.map_view.shutdown()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    win.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.processEvents()


def _menu_tree(actions) -> list[tuple[str, list]]:
    return [(a.text(), _menu_tree(a.menu().actions()) if a.menu() is not None else [])
            for a in actions if not a.isSeparator()]


def _walk_window(qapp) -> dict:
    from ungtloft_map._qt.main_window import MainWindow

    win = MainWindow(compute_themes_on_load=False)
    win.ask_to_save = False
    win.ensure_panels()  # the panels built after the first map, so that they are walked too
    try:
        return {"texts": visible_texts(win), "menus": _menu_tree(win.menuBar().actions())}
    finally:
        _close(qapp, win)


@contextlib.contextmanager
def _language(qapp, lang: str, qm: Path):
    """Run as the app does in ``lang``: saved choice, default locale, translator (i18n); then put back."""
    from PySide6.QtCore import QLocale, QSettings

    from ungtloft_map._qt import i18n

    settings = QSettings("UngtLoft", "UngtLoftMap")
    saved_language, saved_locale = settings.value("language"), QLocale()
    translator = None
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(i18n, "qm_path", lambda _lang: qm)
        try:
            i18n.set_language(lang)
            translator = i18n.install_translator(qapp)
            assert (translator is None) == (lang == i18n.DEFAULT), f"{qm} did not load"
            yield
        finally:
            if translator is not None:
                qapp.removeTranslator(translator)
            QLocale.setDefault(saved_locale)
            if saved_language is None:
                settings.remove("language")
            else:
                settings.setValue("language", saved_language)


@pytest.fixture(scope="module")
def walks(qapp, tmp_path_factory) -> dict:
    """What a fresh main window (no project loaded) shows in bokmål and in English.

    English is compiled from the committed .ts and installed as the app does it
    (:func:`ungtloft_map._qt.i18n.install_translator`); afterwards the translator, the default
    locale and the saved language choice are put back.
    """
    pytest.importorskip("PySide6.QtWebEngineWidgets")
    lrelease = _tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease not found (PySide6 tools are not installed)")
    qm = tmp_path_factory.mktemp("qm") / "ungtloft_map_en.qm"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(qm)], check=True, timeout=120)
    out = {}
    for lang in ("nb", "en"):
        with _language(qapp, lang, qm):
            out[lang] = _walk_window(qapp)
    return out


#: Shown alike in both languages on purpose.
NEUTRAL = {"k = "}


def _bokmal_sources(messages) -> set[str]:
    """Bokmål sources whose English differs (and is not itself some other message's English)."""
    return {m.source for m in messages if m.translation.strip() and m.translation != m.source} - {
        m.translation for m in messages}


def test_window_in_english_shows_no_bokmal_source(walks, messages):
    bokmal = _bokmal_sources(messages)
    texts = walks["en"]["texts"]
    assert len(texts) > 30, texts
    left = sorted({f"{where}: {text!r}" for where, text in texts
                   if text in bokmal})
    assert not left, "bokmål source strings left in the English window:\n" + "\n".join(left)


def test_window_in_english_shows_nothing_as_in_bokmal(walks, messages):
    """Anything with letters shown alike in both languages was not translated (the .ts may not know it)."""
    from ungtloft_map._qt.i18n import LANGUAGES

    same_by_design = {m.source for m in messages if m.translation == m.source} | set(LANGUAGES.values()) | NEUTRAL
    nb = {text for _, text in walks["nb"]["texts"]}
    left = sorted({f"{where}: {text!r}" for where, text in walks["en"]["texts"]
                   if text in nb and any(c.isalpha() for c in text)
                   and text not in same_by_design})
    assert not left, "shown in bokmål also in the English window:\n" + "\n".join(left)


def test_english_menus_with_unique_accelerators(walks, messages):
    english_of = {(m.context, m.source): m.translation for m in messages}
    bar = [text for text, _ in walks["en"]["menus"]]
    assert bar[:len(BOKMAL_MENUS)] == [english_of[("MenusMixin", t)] for t in BOKMAL_MENUS]

    def clashes(tree, path):
        keys = Counter(_mnemonic(text) for text, _ in tree)
        found = [f"{path}: &{k.upper()} used {n}×" for k, n in keys.items() if k and n > 1]
        for text, sub in tree:
            found += clashes(sub, f"{path} > {text}")
        return found

    dup = clashes(walks["en"]["menus"], "menu bar")
    assert not dup, "accelerator used twice in one English menu:\n" + "\n".join(dup)


def test_window_without_translator_is_bokmal(walks, messages):
    bar = [text for text, _ in walks["nb"]["menus"]]
    for title in BOKMAL_MENUS:
        assert title in bar
    shown = {text for _, text in walks["nb"]["texts"]}
    assert {"Sonetabell", "Identifiser", "Klassifisering", "Kartlag"} <= shown
    # the walk sees the bokmål of many messages: the English tests above are not vacuous
    assert len(shown & {m.source for m in messages}) > 30, sorted(shown)


# --------------------------------------------------------------------------------------------
# numbers


def test_numbers_have_a_decimal_comma_in_bokmal():
    # The one convention of core.text: no-break space from five digits on, true minus sign.
    from ungtloft_map.maps.zonemap import format_number

    assert format_number(1234.5, 1) == "1234,5"
    assert format_number(12345.5, 1, "nb") == "12\u00a0345,5"
    assert format_number(-0.25, 2) == "\u22120,25"
    assert format_number(1234.5, 1, "en") == "1,234.5"
