"""Project files: deterministic JSON, migrations, atomic save, clear errors for bad files."""

from __future__ import annotations

import json
import os

import pytest

from netbuilder.core import edits as E
from netbuilder.core import project as P
from netbuilder.core.graph import Graph, Ref


def small_project() -> P.Project:
    g = Graph()
    inp = E.make_node(g, "Input", {"shape": (4,)}, pos=(0, 0), node_id="in")
    E.AddNode(inp).apply(g)
    d = E.make_node(g, "Dense", {"units": 2, "activation": "softmax"}, pos=(220.5, 0), node_id="d")
    E.AddNode(d).apply(g)
    E.Connect("in", "d").apply(g)
    E.InsertOutput("d").apply(g)
    return P.Project(g, {"en": "Tiny", "ru": "Крошка"}, training={"epochs": 3})


def test_dumps_is_deterministic_and_roundtrips() -> None:
    p = small_project()
    text = P.dumps(p)
    assert text == P.dumps(P.loads(text))
    data = json.loads(text)
    assert data["format"] == P.FORMAT_NAME and data["version"] == P.FORMAT_VERSION
    assert list(data) == sorted(data)
    again = P.loads(text)
    assert again.graph.nodes["in"].params["shape"] == (4,)  # tuples come back as tuples
    assert again.graph.nodes["d"].inputs == [Ref("in", 0)]
    assert again.title["ru"] == "Крошка"


def test_version_1_files_are_migrated() -> None:
    v1 = {
        "format": P.FORMAT_NAME,
        "version": 1,
        "title": "Old project",
        "graph": {
            "nodes": [
                {
                    "id": "a",
                    "type": "Input",
                    "name": "inp",
                    "params": {"shape": [3]},
                    "pos": {"x": 1, "y": 2},
                },
                {
                    "id": "b",
                    "type": "Dense",
                    "name": "out",
                    "params": {"units": 1},
                    "pos": {"x": 5, "y": 2},
                },
            ],
            "edges": [{"from": "a", "to": "b", "slot": 0}],
            "outputs": ["b"],
        },
    }
    p = P.loads(json.dumps(v1))
    assert p.title == {"en": "Old project"}
    assert p.graph.nodes["b"].inputs == [Ref("a", 0)]
    assert p.graph.nodes["a"].pos == (1.0, 2.0)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "not valid JSON"),
        ("[1, 2]", "not a netbuilder project"),
        ('{"format": "something-else", "version": 1}', "not a netbuilder project"),
        (json.dumps({"format": P.FORMAT_NAME, "version": 99}), "newer netbuilder"),
        (
            json.dumps({"format": P.FORMAT_NAME, "version": 2, "graph": {"nodes": [{"id": "x"}]}}),
            "layer 'type'",
        ),
        (
            json.dumps(
                {
                    "format": P.FORMAT_NAME,
                    "version": 2,
                    "graph": {"nodes": [{"id": "x", "type": "Nope", "name": "n"}]},
                }
            ),
            "unknown layer type 'Nope'",
        ),
        (
            json.dumps(
                {
                    "format": P.FORMAT_NAME,
                    "version": 2,
                    "graph": {
                        "nodes": [
                            {"id": "x", "type": "Dense", "name": "n", "inputs": [["ghost", 0]]}
                        ]
                    },
                }
            ),
            "not in the file",
        ),
        ("[" * 100000, "nests data too deeply"),
    ],
)
def test_damaged_files_give_one_clear_sentence(text: str, fragment: str) -> None:
    with pytest.raises(P.ProjectError) as info:
        P.loads(text)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message and "Traceback" not in message


def test_load_reports_missing_binary_and_folder(tmp_path) -> None:
    with pytest.raises(P.ProjectError, match="does not exist"):
        P.load(tmp_path / "missing.nbproj")
    binary = tmp_path / "x.nbproj"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage")
    with pytest.raises(P.ProjectError, match="not a text file"):
        P.load(binary)
    with pytest.raises(P.ProjectError, match="folder"):
        P.load(tmp_path)


def test_failed_load_never_touches_disk(tmp_path) -> None:
    bad = tmp_path / "bad.nbproj"
    bad.write_text('{"format": "netbuilder-project", "version": 2, "graph": 5}')
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()}
    with pytest.raises(P.ProjectError):
        P.load(bad)
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()}
    assert before == after


def test_atomic_save_replaces_whole_file_and_leaves_no_temp(tmp_path, monkeypatch) -> None:
    path = tmp_path / "p.nbproj"
    P.save(small_project(), path)
    original = path.read_text(encoding="utf-8")

    def fail_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail_replace)
    changed = small_project()
    changed.title["en"] = "Changed"
    with pytest.raises(OSError):
        P.save(changed, path)
    assert path.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.nbproj"]
