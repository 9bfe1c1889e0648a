"""The core message catalogue: every template has Russian, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from text_helpers import fields

from netbuilder.core import edits as E
from netbuilder.core import messages
from netbuilder.core.analysis import Analyzer
from netbuilder.core.graph import Graph
from netbuilder.core.messages_ru import RU

CORE = Path(messages.__file__).parent
# Functions whose literal argument is a tr() template (position of that argument).
TEMPLATE_CALLS = {"tr": 0, "_fail": 0, "_expect": 1}
# Templates whose Russian may equal the English (pure placeholders and punctuation).
SAME_IN_RUSSIAN = {"{who} {detail}"}


def core_templates() -> dict[str, str]:
    """Every literal template passed to tr() (or the loader's _fail/_expect) in core."""
    found: dict[str, str] = {}
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            index = TEMPLATE_CALLS.get(name or "")
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.setdefault(arg.value, f"{path.relative_to(CORE)}:{node.lineno}")
    return found


TEMPLATES = core_templates()


def test_the_scan_finds_templates_in_every_part_of_core() -> None:
    where = {loc.split(":")[0] for loc in TEMPLATES.values()}
    assert {"validation.py", "node_checks.py", "fixes.py", "project.py"} <= where
    assert len(TEMPLATES) > 100


def test_every_core_template_has_a_russian_entry() -> None:
    missing = [f"{loc}: {t!r}" for t, loc in TEMPLATES.items() if t not in RU]
    assert not missing, "add these to netbuilder/core/messages_ru.py:\n" + "\n".join(missing)


@pytest.mark.parametrize("template", sorted(RU))
def test_russian_keeps_the_placeholders(template: str) -> None:
    assert fields(RU[template]) == fields(template)


@pytest.mark.parametrize("template", sorted(RU))
def test_russian_is_russian(template: str) -> None:
    if template in SAME_IN_RUSSIAN or not re.search("[A-Za-z]{3}", template):
        return
    assert re.search("[а-яё]", RU[template], re.IGNORECASE), RU[template]


def test_tr_switches_language_and_falls_back() -> None:
    old = messages.language()
    try:
        messages.set_language("ru")
        assert messages.tr("Delete '{name}'", name="x") == "Удалить 'x'"
        assert messages.tr("not in the catalogue {a}", a=1) == "not in the catalogue 1"
        messages.set_language("fr")
        assert messages.language() == "en"
        assert messages.tr("Delete '{name}'", name="x") == "Delete 'x'"
    finally:
        messages.set_language(old)


def test_validation_messages_and_fix_labels_in_russian() -> None:
    g = Graph()
    inp = E.make_node(g, "Input", {"shape": (12,)})
    E.AddNode(inp).apply(g)
    dense = E.make_node(g, "Dense", {"units": 6})
    E.AddNode(dense).apply(g)
    E.Connect(inp.id, dense.id).apply(g)
    lstm = E.make_node(g, "LSTM", {"units": 4})
    E.AddNode(lstm).apply(g)
    E.Connect(dense.id, lstm.id).apply(g)
    E.InsertOutput(lstm.id).apply(g)
    old = messages.language()
    try:
        messages.set_language("ru")
        [problem] = Analyzer(g).problems()
    finally:
        messages.set_language(old)
    assert problem.message.startswith(
        "LSTM 'lstm' ожидает вход размерности 3-D (батч, шаги, признаки), но 'dense' "
        "выдаёт (None, 6). Вставьте RepeatVector"
    )
    assert problem.fixes[0].label == "Вставить Reshape в (6, 1) перед 'lstm'"
