"""Graph primitives and invertible edits: every edit's inverse restores the exact graph."""

from __future__ import annotations

import pytest

from netbuilder.core import edits as E
from netbuilder.core.graph import Graph, GraphError, Ref, name_problem, snake_case
from netbuilder.core.project import graph_to_dict


def mlp() -> tuple[Graph, dict[str, str]]:
    g = Graph()
    ids = {}
    for key, type_name, params in [
        ("inp", "Input", {"shape": (8,)}),
        ("d1", "Dense", {"units": 4}),
        ("d2", "Dense", {"units": 4}),
        ("cat", "Concatenate", {}),
        ("out", "Dense", {"units": 1, "activation": "sigmoid"}),
    ]:
        n = E.make_node(g, type_name, params)
        E.AddNode(n).apply(g)
        ids[key] = n.id
    for src, dst in [("inp", "d1"), ("inp", "d2"), ("d1", "cat"), ("d2", "cat"), ("cat", "out")]:
        E.Connect(ids[src], ids[dst]).apply(g)
    E.InsertOutput(ids["out"]).apply(g)
    return g, ids


def roundtrip(g: Graph, edit: E.Edit) -> Graph:
    """Apply, undo, redo, undo: each state must be exact; ends where it started."""
    before = graph_to_dict(g)
    inverse = edit.apply(g)
    after = graph_to_dict(g)
    assert after != before, "the edit changed nothing"
    redo = inverse.apply(g)
    assert graph_to_dict(g) == before
    undo_again = redo.apply(g)
    assert graph_to_dict(g) == after
    undo_again.apply(g)
    assert graph_to_dict(g) == before
    return g


def test_default_names_follow_keras() -> None:
    g, ids = mlp()
    names = [n.name for n in g]
    assert names == ["input_layer", "dense", "dense_1", "concatenate", "dense_2"]
    assert snake_case("MaxPooling2D") == "max_pooling2d"
    assert snake_case("SimpleRNN") == "simple_rnn"
    assert snake_case("Conv2DTranspose") == "conv2d_transpose"


def test_remove_node_restores_slot_order_and_outputs() -> None:
    g, ids = mlp()
    roundtrip(g, E.RemoveNode(ids["d1"]))
    roundtrip(g, E.RemoveNode(ids["out"]))
    roundtrip(g, E.RemoveNode(ids["inp"]))
    # Removing the first concat input closes the gap on the variadic merge.
    E.RemoveNode(ids["d1"]).apply(g)
    assert g.nodes[ids["cat"]].inputs == [Ref(ids["d2"], 0)]


def test_connect_disconnect_roundtrip() -> None:
    g, ids = mlp()
    roundtrip(g, E.Connect(ids["inp"], ids["cat"], slot=0))
    E.Connect(ids["inp"], ids["cat"], slot=0).apply(g)
    assert g.nodes[ids["cat"]].inputs[0] == Ref(ids["inp"], 0)
    assert len(g.nodes[ids["cat"]].inputs) == 3
    roundtrip(g, E.Disconnect(ids["cat"], 1))
    roundtrip(g, E.Connect(ids["d2"], ids["d1"], slot=0))
    E.Connect(ids["d2"], ids["d1"], slot=0).apply(g)  # replaces the wire on a one-slot layer
    assert g.nodes[ids["d1"]].inputs == [Ref(ids["d2"], 0)]


def test_param_rename_move_and_compound() -> None:
    g, ids = mlp()
    roundtrip(g, E.SetParam(ids["d1"], "units", 32))
    roundtrip(g, E.SetParam(ids["d1"], "units", E.UNSET))
    roundtrip(g, E.Rename(ids["d1"], "hidden"))
    roundtrip(g, E.Move({ids["d1"]: (100, 50), ids["d2"]: (100, 150)}))
    new = E.make_node(g, "Dropout", {"rate": 0.5})
    roundtrip(g, E.insert_on_edge(g, new, ids["out"], 0))


def test_rename_refuses_invalid_and_duplicate_names() -> None:
    g, ids = mlp()
    with pytest.raises(GraphError, match="already used"):
        E.Rename(ids["d1"], "dense_1").apply(g)
    with pytest.raises(GraphError, match="'/'"):
        E.Rename(ids["d1"], "a/b").apply(g)
    assert name_problem("") is not None


def test_failed_compound_rolls_back() -> None:
    g, ids = mlp()
    before = graph_to_dict(g)
    bad = E.Compound([E.SetParam(ids["d1"], "units", 7), E.Connect("missing", ids["d2"])])
    with pytest.raises(GraphError):
        bad.apply(g)
    assert graph_to_dict(g) == before


def test_add_nodes_pastes_a_connected_branch() -> None:
    g, ids = mlp()
    copies = [g.nodes[ids["d1"]].copy(), g.nodes[ids["d2"]].copy()]
    copies[0].id, copies[1].id = "c1", "c2"
    copies[0].name, copies[1].name = "p1", "p2"
    copies[1].inputs = [Ref("c1", 0)]
    roundtrip(g, E.add_nodes(copies))
    E.add_nodes(copies).apply(g)
    assert g.nodes["c2"].inputs == [Ref("c1", 0)]


def test_listeners_see_structural_revisions() -> None:
    g, ids = mlp()
    seen = []
    g.subscribe(lambda event, nids: seen.append(event))
    rev = g.structure_revision
    E.SetParam(ids["d1"], "units", 9).apply(g)
    assert g.structure_revision == rev and seen == ["param"]
    E.Disconnect(ids["cat"], 0).apply(g)
    assert g.structure_revision > rev
