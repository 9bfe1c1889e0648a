"""Hostile layer names and titles export to code that compiles, runs nothing else, keeps names."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from codegen_helpers import exec_export

from netbuilder.core.analysis import Analyzer
from netbuilder.core.catalog import GENERIC_TYPE
from netbuilder.core.codegen import export_code
from netbuilder.core.graph import Graph, Node, Ref, new_id
from netbuilder.core.project import Project, dumps, loads

HOSTILE_NAMES = [
    "it's",
    'say "hi"',
    "two\nlines",
    'doc """ string',
    "doc ''' string",
    "back\\slash\\",
    "# not a comment",
    "{braces} {0} %s %(prog)s",
    "слой_1",
    "层 二",
    "🙂 emoji",
    '"); import os; os.system("echo pwned") #',
    "'); open('PWNED', 'w') #",
    "odd\r\x0b\x0c\u2028\u2029\x85breaks",
    "\\N{BULLET} \\x41",
    "class",
    "keras",
    "model",
    "__import__('os').system('touch PWNED')",
]
HOSTILE_TITLE = (
    '"""\nimport os; os.system("touch PWNED")\n"""  # {title} %(prog)s \\ \'\'\' Проект 项目 🙂'
)


def hostile_project() -> Project:
    g = Graph()
    prev = Node(new_id(), "Input", HOSTILE_NAMES[0], {"shape": (6,)})
    g.add_node(prev)
    for i, name in enumerate(HOSTILE_NAMES[1:-1]):
        node = Node(new_id(), "Dense", name, {"units": 4 + i % 3}, [Ref(prev.id)])
        g.add_node(node)
        prev = node
    last = Node(
        new_id(),
        GENERIC_TYPE,
        HOSTILE_NAMES[-1],
        {"class_name": "Activation", "config": {"activation": "relu", "trainable": True}},
        [Ref(prev.id)],
    )
    g.add_node(last)
    g.outputs.append(last.id)
    return Project(
        g,
        {"en": HOSTILE_TITLE, "ru": HOSTILE_TITLE},
        {"en": HOSTILE_TITLE},
        {"loss": {HOSTILE_NAMES[-1]: "mean_squared_error"}, "tensorboard": 'logs"""\n#'},
        {"kind": "csv", "path": 'data"""\n\'.csv', "target": '")#'},
    )


def test_hostile_project_is_a_valid_graph():
    project = loads(dumps(hostile_project()))
    analyzer = Analyzer(project.graph)
    assert analyzer.errors() == []


def test_export_compiles_and_keeps_every_string_as_a_literal():
    project = hostile_project()
    code = export_code(project)
    tree = ast.parse(compile(code, "<hostile>", "exec", ast.PyCF_ONLY_AST))
    constants = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    for name in HOSTILE_NAMES:
        assert name in constants, name
    assert HOSTILE_TITLE in constants
    # Module level holds only the docstring, imports, assignments, definitions and
    # the __main__ guard: nothing runs on import.
    for stmt in tree.body:
        assert isinstance(
            stmt,
            (
                ast.Expr,
                ast.Import,
                ast.ImportFrom,
                ast.Assign,
                ast.AnnAssign,
                ast.FunctionDef,
                ast.ClassDef,
                ast.If,
            ),
        ), ast.dump(stmt)[:80]
        if isinstance(stmt, ast.Expr):
            assert isinstance(stmt.value, ast.Constant)  # docstrings only
        if isinstance(stmt, ast.If):
            assert ast.unparse(stmt.test) == "__name__ == '__main__'"
    # No comment line carries user text.
    for line in code.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            assert "pwned" not in stripped.lower() and "PWNED" not in stripped


def test_executing_the_export_runs_nothing_and_rebuilds_the_same_names(
    tmp_path, monkeypatch, keras_fresh
):
    def refuse(*args, **kwargs):
        raise AssertionError("the exported code tried to run a command")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(keras_fresh.Model, "fit", refuse)
    namespace = exec_export(hostile_project(), "hostile")
    assert namespace["TITLE"] == HOSTILE_TITLE
    model = namespace["build_model"]()
    assert [layer.name for layer in model.layers] == HOSTILE_NAMES
    assert list(tmp_path.iterdir()) == []


def test_variable_names_are_plain_identifiers():
    code = export_code(hostile_project())
    tree = ast.parse(code)
    build = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "build_model")
    targets = [t.id for s in build.body if isinstance(s, ast.Assign) for t in s.targets]
    assert len(targets) == len(set(targets)) == len(HOSTILE_NAMES)
    for var in targets:
        assert var.isascii() and var.isidentifier()
        assert var not in {"keras", "layers", "model", "class", "os", "open"}


@pytest.mark.slow
def test_running_the_script_for_help_prints_the_title(tmp_path):
    script = tmp_path / "hostile.py"
    script.write_text(export_code(hostile_project()), encoding="utf-8")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    shown = " ".join(done.stdout.split())  # argparse re-wraps the description
    assert "%(prog)s \\ ''' Проект 项目 🙂" in shown
    assert "--validation-split" in done.stdout
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["hostile.py"]
