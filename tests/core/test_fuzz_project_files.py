"""Property-based robustness of the project loader against damaged and hostile files.

Whatever the damage, ``loads``/``load`` either return a project or raise
:class:`ProjectError` with one line of text, and loading never writes a file.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netbuilder.core import edits as E
from netbuilder.core import project as P
from netbuilder.core.analysis import Analyzer
from netbuilder.core.graph import Graph, Node, Ref


def sample_project() -> P.Project:
    g = Graph()

    def add(type_name: str, params: dict[str, Any], *srcs: str) -> str:
        node = E.make_node(g, type_name, params, pos=(len(g) * 200.0, 10.5))
        E.AddNode(node).apply(g)
        for s in srcs:
            E.Connect(s, node.id).apply(g)
        return node.id

    i = add("Input", {"shape": (5, 10)})
    j = add("Input", {"shape": (3,), "dtype": "int32"})
    b = add("Bidirectional", {"layer": {"type": "LSTM", "params": {"units": 4}}}, i)
    e = add("Embedding", {"input_dim": 20, "output_dim": 8}, j)
    f = add("Flatten", {}, e)
    c = add("Concatenate", {"axis": -1}, b, f)
    d = add("Dense", {"units": 2, "activation": "softmax"}, c)
    g.add_node(Node("generic", "KerasLayer", "custom", {"class_name": "X", "config": {"a": 1}}))
    g.set_input("generic", 0, None) if g.nodes["generic"].inputs else None
    g.insert_input("generic", 0, Ref(d))
    E.InsertOutput(d).apply(g)
    return P.Project(
        g,
        {"en": "Sample", "ru": "Пример"},
        {"en": "For fuzzing"},
        {"epochs": 2, "optimizer": {"name": "adam", "learning_rate": 0.001}},
        {"kind": "builtin", "name": "ball"},
    )


VALID_TEXT = P.dumps(sample_project())
VALID = json.loads(VALID_TEXT)


def assert_clean_outcome(load: Any) -> None:
    """``load()`` returns a usable project or raises a one-line ProjectError."""
    try:
        project = load()
    except P.ProjectError as exc:
        message = str(exc)
        assert message and "\n" not in message and "\r" not in message, message
        assert "Traceback" not in message
        return
    # A damage that still parses must give a graph that analysis and saving accept.
    Analyzer(project.graph).problems()
    P.dumps(project)


# -- damage strategies ------------------------------------------------------------------
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**30, -(10**30), 2**63, 10**400, float("nan"), float("inf"), -0.0]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=10),
    st.sampled_from(["\n", "a/b", "Input", "KerasLayer", "netbuilder-project", "", "\x00"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@st.composite
def json_paths(draw, data: Any) -> list[Any]:
    """A path of keys/indices into ``data`` (possibly empty: the root)."""
    path: list[Any] = []
    node = data
    while isinstance(node, (dict, list)) and node and draw(st.integers(0, 4)) > 0:
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        path.append(key)
        node = node[key]
    return path


def _parent(data: Any, path: list[Any]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


@st.composite
def damaged_documents(draw) -> str:
    """The valid project's JSON with one to three structural damages, as text."""
    data = copy.deepcopy(VALID)
    nests: list[tuple[str, int, Any]] = []
    for _ in range(draw(st.integers(1, 3))):
        path = draw(json_paths(data))
        action = draw(st.sampled_from(["delete", "replace", "nest", "add_key"]))
        if not path:
            data = draw(junk) if action == "replace" else data
            continue
        parent, key = _parent(data, path), path[-1]
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(junk)
        elif action == "nest":
            # Deep nesting is spliced into the text: Python objects that deep break json/repr.
            marker = f"@@nest{len(nests)}@@"
            nests.append((marker, draw(st.sampled_from([2, 60, 5000])), parent[key]))
            parent[key] = marker
        elif isinstance(parent[key], dict):
            parent[key][draw(st.text(max_size=5))] = draw(junk)
        else:
            parent[key] = {"unexpected": parent[key]}
    text = json.dumps(data, allow_nan=True, ensure_ascii=False)
    for marker, depth, value in nests:
        inner = json.dumps(value, allow_nan=True, ensure_ascii=False)
        text = text.replace(json.dumps(marker), "[" * depth + inner + "]" * depth)
    return text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_documents())
def test_structural_damage_gives_a_clear_error(text: str) -> None:
    assert_clean_outcome(lambda: P.loads(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(VALID_TEXT)))
def test_truncated_files_give_a_clear_error(cut: int) -> None:
    assert_clean_outcome(lambda: P.loads(VALID_TEXT[:cut]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID_TEXT.encode()) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=6,
    )
)
def test_flipped_bytes_give_a_clear_error(flips: list[tuple[int, int]]) -> None:
    raw = bytearray(VALID_TEXT.encode())
    for pos, value in flips:
        raw[pos] = value
    text = raw.decode("utf-8", errors="replace")
    assert_clean_outcome(lambda: P.loads(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "null",
        "[]",
        '"netbuilder-project"',
        "[" * 100_000 + "]" * 100_000,
        '{"format": "netbuilder-project", "version": ' + "9" * 5000 + "}",
        '{"format": "netbuilder-project", "version": 1e999}',
        '{"format": "netbuilder-project", "version": NaN}',
        '{"format": "netbuilder-project", "version": 2, "graph": {"nodes": [{"id": "a", '
        '"type": "Dense", "name": "d", "pos": [1e400, 0]}]}}',
        '{"format": "netbuilder-project", "version": 2, "graph": {"nodes": [{"id": "a", '
        '"type": "Dense", "name": "d", "pos": [' + "9" * 400 + ", 0]}]}}",
        '{"format": "netbuilder-project", "version": 1, "graph": [[1, 2]]}',
        '{"format": "netbuilder-project", "version": 1, "graph": {"nodes": 5}}',
        '{"format": "netbuilder-project", "version": 1, "graph": {"nodes": [{"id": [1]}], '
        '"edges": [{"to": [1]}]}}',
        '{"format": "netbuilder-project", "version": 1, "graph": {"nodes": [{"id": "a", '
        '"inputs": "x"}], "edges": [{"to": "a", "from": "a"}]}}',
        '{"format": "netbuilder-project", "version": 2, "training": {"a\\nb": NaN}}',
    ],
    ids=lambda t: t[:40],
)
def test_hostile_texts(text: str) -> None:
    assert_clean_outcome(lambda: P.loads(text))


def test_huge_numbers_in_params_are_reported_not_raised() -> None:
    data = copy.deepcopy(VALID)
    dense = next(n for n in data["graph"]["nodes"] if n["type"] == "Dense")
    dense["params"]["units"] = 10**300
    data["graph"]["nodes"][0]["params"]["batch_size"] = 10**300
    bi = next(n for n in data["graph"]["nodes"] if n["type"] == "Bidirectional")
    bi["params"]["layer"]["params"]["dropout"] = 10**400
    project = P.loads(json.dumps(data))
    Analyzer(project.graph).problems()


def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(folder.rglob("*"))
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    damage=st.one_of(
        st.binary(max_size=64),
        st.just(b"\xff\xfe\x00garbage"),
        st.just(VALID_TEXT.encode()[:100] + b"\xc3\x28" + VALID_TEXT.encode()[100:]),
        st.just(VALID_TEXT.encode("utf-16")),
        damaged_documents().map(str.encode),
    )
)
def test_loading_files_never_writes(tmp_path_factory, damage: bytes) -> None:
    folder = tmp_path_factory.mktemp("proj")
    path = folder / "model.nbproj"
    path.write_bytes(damage)
    (folder / "keep.txt").write_text("untouched")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = _listing(folder)
    assert_clean_outcome(lambda: P.load(path))
    assert_clean_outcome(lambda: P.load(folder))  # a folder, not a file
    assert_clean_outcome(lambda: P.load(folder / "missing.nbproj"))
    assert _listing(folder) == before
    assert path.read_bytes() == damage


def test_valid_sample_loads() -> None:
    project = P.loads(VALID_TEXT)
    assert P.dumps(project) == VALID_TEXT
    assert Analyzer(project.graph).infos()
