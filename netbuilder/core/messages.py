"""The core message catalogue: user-visible texts of the CLI and of problems.

Texts are written in English with ``{named}`` placeholders and passed through
:func:`tr`, which looks the template up in the catalogue of the current
language before formatting (gettext style: the English text is the key). The
GUI uses Qt's ``tr()`` for its own strings and :func:`set_language` to switch
these.
"""

from __future__ import annotations

import os
from typing import Any

from .messages_ru import RU
from .messages_ru_catalog import RU_CATALOG

# Layer catalog texts (descriptions, parameter help, ports) live in their own file.
_CATALOGUES: dict[str, dict[str, str]] = {"ru": {**RU, **RU_CATALOG}}
_language = "en"


def _initial_language() -> str:
    value = os.environ.get("NETBUILDER_LANG") or ""
    return "ru" if value.lower().startswith("ru") else "en"


def set_language(language: str) -> None:
    """Switch core messages to ``"en"`` or ``"ru"`` (others fall back to English)."""
    global _language
    _language = language if language in _CATALOGUES else "en"


def language() -> str:
    return _language


def tr(template: str, /, **values: Any) -> str:
    """Translate ``template`` and fill in its ``{placeholders}``."""
    text = _CATALOGUES.get(_language, {}).get(template, template)
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return template.format(**values)


def show(name: Any) -> str:
    """A name as it appears in messages: control characters escaped, one line."""
    text = name if isinstance(name, str) else repr(name)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


set_language(_initial_language())
