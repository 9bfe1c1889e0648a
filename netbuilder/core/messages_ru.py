"""Russian catalogue for :mod:`netbuilder.core.messages` (English template -> Russian)."""

from __future__ import annotations

RU: dict[str, str] = {
    "error": "ошибка",
    "warning": "предупреждение",
}
