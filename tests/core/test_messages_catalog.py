"""Russian texts of the layer catalog: complete, current, faithful to Keras identifiers."""

from __future__ import annotations

import re

import pytest
from text_helpers import fields

from netbuilder.core import messages
from netbuilder.core.catalog import CATALOG
from netbuilder.core.messages_ru import RU
from netbuilder.core.messages_ru_catalog import RU_CATALOG

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
# Words that must survive translation verbatim: snake_case names (output_dim,
# channels_last), ALL-CAPS class names (LSTM), None, quoted option values
# ("same"), keyword examples (strides=1, dims=(2, 1)) and catalog class names.
IDENTIFIER = re.compile(
    r"\b[A-Za-z]\w*_\w+\b|\b[A-Z]{2,}\b|\bNone\b|\"[^\"]+\"|\b\w+=\([^)]*\)|\b\w+=\w+"
)


def catalog_texts() -> dict[str, str]:
    """Every user-visible catalog text, mapped to where it first appears."""
    found: dict[str, str] = {}
    for type_name, spec in CATALOG.items():
        found.setdefault(spec.description, f"{type_name} description")
        for param in spec.params:
            found.setdefault(param.help, f"{type_name}.{param.name} help")
        for slot, port in enumerate(spec.ports):
            found.setdefault(port.name, f"{type_name} port {slot} name")
            found.setdefault(port.layout, f"{type_name} port {slot} layout")
    found.pop("", None)
    return found


TEXTS = catalog_texts()


def test_the_scan_covers_descriptions_help_and_ports() -> None:
    kinds = {where.split(" ", 1)[1].split(" ")[-1] for where in TEXTS.values()}
    assert kinds == {"description", "help", "name", "layout"}
    assert len(TEXTS) > 100


def test_every_catalog_text_has_a_russian_entry() -> None:
    missing = {text: where for text, where in TEXTS.items() if text not in RU_CATALOG}
    assert not missing, f"add Russian for {len(missing)} catalog texts: {missing}"


def test_no_stale_keys() -> None:
    stale = sorted(set(RU_CATALOG) - set(TEXTS))
    assert not stale, f"these keys are no longer in the catalog, remove them: {stale}"


def test_catalog_entries_agree_with_the_core_catalogue() -> None:
    clashes = {k: (RU[k], v) for k, v in RU_CATALOG.items() if k in RU and RU[k] != v}
    assert not clashes


@pytest.mark.parametrize("text", sorted(RU_CATALOG))
def test_russian_keeps_placeholders_and_identifiers(text: str) -> None:
    russian = RU_CATALOG[text]
    assert fields(russian) == fields(text)
    for token in IDENTIFIER.findall(text):
        assert token in russian, f"{token!r} lost in {russian!r}"
    for type_name in CATALOG:
        # Mid-sentence only: "Activation function ..." opens with an English word.
        if re.search(rf"[a-z,] {type_name}\b", text):
            assert re.search(rf"\b{type_name}\b", russian), f"{type_name} lost in {russian!r}"


@pytest.mark.parametrize("text", sorted(RU_CATALOG))
def test_russian_is_russian(text: str) -> None:
    russian = RU_CATALOG[text]
    assert russian.strip() == russian and russian
    assert russian != text
    assert CYRILLIC.search(russian)


def test_identifier_pattern_finds_what_it_must_keep() -> None:
    conv = CATALOG["Conv1D"]
    found = set(IDENTIFIER.findall(conv.param("padding").help))
    assert {'"valid"', '"same"', '"causal"', "strides=1"} <= found
    assert {"channels_last", "channels_first", "None"} <= set(
        IDENTIFIER.findall(conv.param("data_format").help)
    )
    assert "dims=(2, 1)" in IDENTIFIER.findall(CATALOG["Permute"].description)


def test_tr_follows_the_language_for_catalog_texts() -> None:
    dense = CATALOG["Dense"]
    old = messages.language()
    try:
        messages.set_language("ru")
        assert messages.tr(dense.description).startswith("Полносвязный слой")
        assert messages.tr(dense.param("units").help) == "Число выходных нейронов (units)."
        assert messages.tr(CATALOG["Conv2D"].port(0).layout) == "(батч, высота, ширина, каналы)"
        # The problem-message catalogue is still there alongside the catalog texts.
        some_core = next(iter(RU))
        assert messages.tr(some_core) == RU[some_core]
        messages.set_language("en")
        assert messages.tr(dense.description) == dense.description
    finally:
        messages.set_language(old)
