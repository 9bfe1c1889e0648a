"""The interface language: Qt translators for the GUI, the core catalogue for problem texts.

The language comes from (first match wins) an explicit argument, the
``language`` setting (View ▸ Language), the ``NETBUILDER_LANG`` environment
variable, or the system locale. English is the source language and needs no
file; Russian loads ``resources/translations/netbuilder_ru.qm`` plus Qt's own
``qtbase_ru.qm`` (standard dialog buttons such as Yes/No/Cancel).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from ..core import messages
from ..core.resources import resource_dir

SETTINGS_KEY = "language"
ENV_VAR = "NETBUILDER_LANG"
DEFAULT = "en"
# Each language under its own name, as language menus usually show them.
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский"}

# Palette category names come from the core catalog (plain English) and are
# translated where the palette shows them (``self.tr(category)`` in
# PaletteWidget); these marks put them into the .ts file.
CATEGORY_NAMES = (
    QT_TRANSLATE_NOOP("PaletteWidget", "Input"),
    QT_TRANSLATE_NOOP("PaletteWidget", "Core"),
    QT_TRANSLATE_NOOP("PaletteWidget", "Convolution"),
    QT_TRANSLATE_NOOP("PaletteWidget", "Pooling"),
    QT_TRANSLATE_NOOP("PaletteWidget", "Recurrent"),
    QT_TRANSLATE_NOOP("PaletteWidget", "Attention"),
    QT_TRANSLATE_NOOP("PaletteWidget", "Merge"),
    QT_TRANSLATE_NOOP("PaletteWidget", "Reshaping"),
    QT_TRANSLATE_NOOP("PaletteWidget", "Normalization"),
    QT_TRANSLATE_NOOP("PaletteWidget", "Regularization"),
    QT_TRANSLATE_NOOP("PaletteWidget", "Activation"),
    QT_TRANSLATE_NOOP("PaletteWidget", "Other"),
)

# The translators installed by install_translator, so that a switch removes them,
# and the language they are for.
_installed: list[QTranslator] = []
_current = DEFAULT


def normalize(value: object) -> str | None:
    """``"ru"``/``"en"`` for a language name such as ``"ru_RU.UTF-8"``; ``None`` if unknown."""
    text = str(value or "").strip().lower().replace("-", "_")
    code = text.split("_", 1)[0].split(".", 1)[0]
    return code if code in LANGUAGES else None


def system_language() -> str:
    """The language of the system locale, if netbuilder has it; else English."""
    if QLocale.system().language() == QLocale.Language.Russian:
        return "ru"
    return DEFAULT


def choose_language(language: str | None = None) -> str:
    """The language to use: argument, then QSettings, then the environment, then the system."""
    for candidate in (language, QSettings().value(SETTINGS_KEY), os.environ.get(ENV_VAR)):
        code = normalize(candidate)
        if code is not None:
            return code
    return system_language()


def translations_dir() -> Path:
    """The folder that holds ``netbuilder_<lang>.qm``."""
    return resource_dir("translations")


def qm_path(language: str) -> Path:
    return translations_dir() / f"netbuilder_{language}.qm"


def _load(path: Path) -> QTranslator | None:
    translator = QTranslator()
    return translator if path.is_file() and translator.load(str(path)) else None


def install_translator(app: QCoreApplication, language: str | None = None) -> str:
    """Install the translators for ``language`` (or the chosen one) and return its code.

    Translators from an earlier call are removed first, so this also switches
    back to English. Widgets built afterwards show the new language; the core
    messages (problems, CLI texts) switch at once.
    """
    global _current
    code = choose_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if code != DEFAULT:
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        for path in (qt_dir / f"qtbase_{code}.qm", qm_path(code)):
            translator = _load(path)
            if translator is not None:
                app.installTranslator(translator)
                _installed.append(translator)
    messages.set_language(code)
    _current = code
    return code


def current_language() -> str:
    """The language of the installed translators (English until one is installed)."""
    return _current


def build_language_menu(window: QMainWindow, parent_menu: QMenu) -> QMenu:
    """Add View ▸ Language (English / Русский); a choice is saved and applies after a restart.

    Every window builds its menus, docks and panels once with ``tr()``, so a
    live switch would need each of them to rebuild its texts; a restart is
    simpler and cannot leave half-translated widgets behind.
    """
    menu = parent_menu.addMenu(QCoreApplication.translate("Language", "&Language"))
    group = QActionGroup(menu)
    current = current_language()
    for code, name in LANGUAGES.items():
        action = QAction(name, menu)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        group.addAction(action)
        menu.addAction(action)
    group.triggered.connect(lambda action: _language_chosen(window, str(action.data()), current))
    return menu


def _language_chosen(window: QMainWindow, code: str, running: str) -> None:
    QSettings().setValue(SETTINGS_KEY, code)
    if code == running:
        return
    QMessageBox.information(
        window,
        QCoreApplication.translate("Language", "Language"),
        QCoreApplication.translate(
            "Language", "The interface language changes to {language} when netbuilder is restarted."
        ).format(language=LANGUAGES[code]),
    )
