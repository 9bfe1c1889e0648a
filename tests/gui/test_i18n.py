"""The Russian user interface: the .ts/.qm files, the translator, the Language menu."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox

from netbuilder.core import messages
from netbuilder.core.catalog import CATEGORIES
from netbuilder.gui import i18n

ROOT = Path(__file__).resolve().parents[2]
TS = i18n.translations_dir() / "netbuilder_ru.ts"
QM = i18n.translations_dir() / "netbuilder_ru.qm"
BIN = Path(sys.executable).parent
LUPDATE = shutil.which("pyside6-lupdate", path=str(BIN)) or shutil.which("pyside6-lupdate")
LRELEASE = shutil.which("pyside6-lrelease", path=str(BIN)) or shutil.which("pyside6-lrelease")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")
# tr()/translate() calls whose text is not a literal, each with the reason lupdate still
# sees it: the texts are marked with QT_TRANSLATE_NOOP where they are defined.
NON_LITERAL_ALLOWED = {
    ("actions.py", "self.tr(OPEN_FILTER)"),
    ("actions.py", "self.tr(MODEL_FILTER)"),
    ("actions.py", "self.tr(PROJECT_FILTER)"),
    ("palette.py", "self.tr(category)"),  # CATEGORY_NAMES in gui/i18n.py
    ("runs_panel.py", "self.tr(c)"),  # RunsPanel.COLUMNS
    ("rules.py", "QCoreApplication.translate('', text)"),  # the canvas tr() helper
    ("runs_panel.py", "QCoreApplication.translate('', text)"),  # tr passed to diff_text
}


def _messages(path: Path = TS) -> Iterator[tuple[str, ET.Element]]:
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.findall("message"):
            yield context.findtext("name") or "", message


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[str]:
    """Russian installed for the test; English (and English core texts) again afterwards."""
    code = i18n.install_translator(qapp, "ru")
    yield code
    i18n.install_translator(qapp, "en")


def _window(qtbot):
    from netbuilder.gui.main_window import MainWindow

    win = MainWindow()
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _close(win) -> None:
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()


def _menu_titles(win) -> list[str]:
    return [a.text() for a in win.menuBar().actions()]


# -- the translation files ------------------------------------------------------------
def test_every_message_is_translated_with_its_placeholders() -> None:
    count = 0
    for context, message in _messages():
        count += 1
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None, (context, source)
        assert translation.get("type") is None, (context, source, translation.get("type"))
        forms = translation.findall("numerusform")
        texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
        for text in texts:
            assert text.strip(), (context, source)
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
                context,
                source,
                text,
            )
            # One keyboard accelerator in a menu text stays one accelerator.
            assert text.count("&") == source.count("&"), (context, source, text)
    assert count > 300


def test_palette_categories_have_translations() -> None:
    palette = {m.findtext("source") for c, m in _messages() if c == "PaletteWidget"}
    assert set(CATEGORIES) <= palette
    assert set(i18n.CATEGORY_NAMES) == set(CATEGORIES)


def test_gui_tr_calls_use_literal_texts_and_their_own_context() -> None:
    """lupdate only sees literal texts, and files ``x.tr()`` under "x", not x's class."""
    bad = []
    files = [*sorted((ROOT / "netbuilder" / "gui").rglob("*.py")), ROOT / "netbuilder" / "app.py"]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstrings = {
            id(call)
            for joined in ast.walk(tree)
            if isinstance(joined, ast.JoinedStr)
            for call in ast.walk(joined)
            if isinstance(call, ast.Call)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = getattr(func, "attr", None) or getattr(func, "id", None)
            if name == "tr":
                texts = node.args[:1]
                if isinstance(func, ast.Attribute) and ast.unparse(func.value) != "self":
                    bad.append(
                        f"{path.name}:{node.lineno}: {ast.unparse(func)}() on another object"
                    )
            elif name in ("translate", "QT_TRANSLATE_NOOP"):
                texts = node.args[:2]
            else:
                continue
            if id(node) in in_fstrings:  # lupdate does not look inside f-strings
                bad.append(f"{path.name}:{node.lineno}: {ast.unparse(node)} inside an f-string")
            literal = len(texts) == (1 if name == "tr" else 2) and all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in texts
            )
            if not literal and (path.name, ast.unparse(node)) not in NON_LITERAL_ALLOWED:
                bad.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    assert not bad, "\n".join(bad)


@pytest.mark.skipif(LUPDATE is None, reason="pyside6-lupdate is not installed")
def test_ts_covers_every_current_gui_text(tmp_path: Path) -> None:
    """lupdate over today's sources finds nothing new: run update.sh and translate if it does."""
    ts = tmp_path / "netbuilder_ru.ts"
    shutil.copy(TS, ts)
    sources = [str(ROOT / "netbuilder" / "gui"), str(ROOT / "netbuilder" / "app.py")]
    subprocess.run(
        [LUPDATE, "-extensions", "py", "-no-obsolete", "-silent", *sources, "-ts", str(ts)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    untranslated = [
        (context, m.findtext("source"))
        for context, m in _messages(ts)
        if m.find("translation").get("type") is not None
    ]
    assert not untranslated, untranslated


@pytest.mark.skipif(LRELEASE is None, reason="pyside6-lrelease is not installed")
def test_committed_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [LRELEASE, "-silent", str(TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert QM.read_bytes() == fresh.read_bytes()


# -- choosing and installing ----------------------------------------------------------
def test_language_comes_from_argument_settings_env_then_system(monkeypatch) -> None:
    monkeypatch.setenv(i18n.ENV_VAR, "ru_RU.UTF-8")
    assert i18n.choose_language() == "ru"
    QSettings().setValue(i18n.SETTINGS_KEY, "en")
    assert i18n.choose_language() == "en"
    assert i18n.choose_language("ru") == "ru"
    QSettings().remove(i18n.SETTINGS_KEY)
    monkeypatch.setenv(i18n.ENV_VAR, "klingon")
    assert i18n.choose_language() == i18n.system_language()
    monkeypatch.delenv(i18n.ENV_VAR)
    assert i18n.choose_language() == i18n.system_language()


def test_install_switches_qt_and_core_texts(qapp: QApplication) -> None:
    try:
        assert i18n.install_translator(qapp, "ru") == "ru"
        assert messages.language() == "ru"
        assert qapp.translate("MainWindow", "&File") == "&Файл"
        # Qt's own translations: the standard buttons of message boxes.
        assert qapp.translate("QPlatformTheme", "Cancel") == "Отмена"
    finally:
        assert i18n.install_translator(qapp, "en") == "en"
    assert messages.language() == "en"
    assert qapp.translate("MainWindow", "&File") == "&File"
    assert qapp.translate("QPlatformTheme", "Cancel") == "Cancel"


# -- the window in Russian ------------------------------------------------------------
def test_russian_main_window(qtbot, russian: str) -> None:
    win = _window(qtbot)
    try:
        assert _menu_titles(win) == ["&Файл", "&Правка", "&Вид", "&Обучение", "&Справка"]
        docks = {d.objectName(): d.windowTitle() for d in win.findChildren(QDockWidget)}
        assert docks["PaletteDock"] == "Слои"
        assert docks["ProblemsDock"] == "Проблемы"
        assert docks["SummaryDock"] == "Сводка"
        assert win.training_dock.windowTitle() == "Обучение"
        assert win.act_save_as.text() == "Сохранить &как…"
        # The empty model's problem comes from the core catalogue, in Russian too.
        first = win.problems.tree.topLevelItem(0)
        assert first is not None and first.text(1).startswith("Модель пуста.")
        assert "слоёв: 0" in win.stats_label.text()
        categories = [
            win.palette_widget.tree.topLevelItem(i).text(0)
            for i in range(win.palette_widget.tree.topLevelItemCount())
        ]
        assert "Свёрточные" in categories and "Convolution" not in categories
        english, russian = win.language_menu.actions()
        assert (english.text(), russian.text()) == ("English", "Русский")
        assert russian.isChecked() and not english.isChecked()  # the running language
    finally:
        _close(win)


def test_switching_back_to_english(qtbot, qapp: QApplication) -> None:
    i18n.install_translator(qapp, "ru")
    i18n.install_translator(qapp, "en")
    win = _window(qtbot)
    try:
        assert _menu_titles(win)[:3] == ["&File", "&Edit", "&View"]
        first = win.problems.tree.topLevelItem(0)
        assert first is not None and first.text(1).startswith("The model is empty.")
    finally:
        _close(win)


def test_language_menu_stores_the_choice_and_asks_for_a_restart(
    qtbot, qapp: QApplication, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text, *a: shown.append(text))
    i18n.install_translator(qapp, "en")
    win = _window(qtbot)
    try:
        english, russian = win.language_menu.actions()
        assert english.isChecked() and not russian.isChecked()
        russian.trigger()
        assert QSettings().value(i18n.SETTINGS_KEY) == "ru"
        assert russian.isChecked()
        assert len(shown) == 1 and "Русский" in shown[0]
        english.trigger()  # back to the running language: nothing to restart
        assert QSettings().value(i18n.SETTINGS_KEY) == "en"
        assert len(shown) == 1
    finally:
        _close(win)


def test_create_window_uses_the_saved_language(qtbot, qapp: QApplication) -> None:
    from netbuilder.app import create_window

    QSettings().setValue(i18n.SETTINGS_KEY, "ru")
    QSettings().setValue("firstStartDone", True)
    try:
        win = create_window(None)
        try:
            assert _menu_titles(win)[0] == "&Файл"
        finally:
            _close(win)
    finally:
        i18n.install_translator(qapp, "en")
