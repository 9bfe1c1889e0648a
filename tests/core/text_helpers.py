"""Helpers shared by the tests of the English and Russian message catalogues."""

from __future__ import annotations

import string


def fields(template: str) -> set[tuple[str, str | None]]:
    """The ``{placeholders}`` of a template, with their conversions (``!r``)."""
    return {
        (name, conversion)
        for _text, name, _spec, conversion in string.Formatter().parse(template)
        if name is not None
    }
