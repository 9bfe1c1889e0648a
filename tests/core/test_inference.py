"""Inference: shapes and counts, incremental recomputation with early cut-off."""

from __future__ import annotations

from netbuilder.core import edits as E
from netbuilder.core.analysis import Analyzer
from netbuilder.core.graph import Graph


def chain(n: int) -> tuple[Graph, list[str]]:
    g = Graph()
    inp = E.make_node(g, "Input", {"shape": (16,)})
    E.AddNode(inp).apply(g)
    ids = [inp.id]
    for _ in range(n):
        d = E.make_node(g, "Dense", {"units": 16})
        E.AddNode(d).apply(g)
        E.Connect(ids[-1], d.id).apply(g)
        ids.append(d.id)
    E.InsertOutput(ids[-1]).apply(g)
    return g, ids


def test_shapes_and_counts_match_keras_arithmetic() -> None:
    g, ids = chain(2)
    a = Analyzer(g)
    infos = a.infos()
    assert infos[ids[0]].output == (None, 16)
    assert infos[ids[1]].output == (None, 16)
    assert infos[ids[1]].params == 16 * 16 + 16
    assert a.total_params() == 2 * (16 * 16 + 16)
    assert a.problems() == []


def test_param_edit_recomputes_only_what_changes() -> None:
    g, ids = chain(50)
    a = Analyzer(g)
    a.infos()
    # units of a middle layer change its output and its successor's count only.
    E.SetParam(ids[25], "units", 32).apply(g)
    infos = a.infos()
    assert a.inference.last_recomputed == 2
    assert infos[ids[25]].output == (None, 32)
    assert infos[ids[26]].params == 32 * 16 + 16
    # use_bias changes the count but not the shape: nothing downstream recomputes.
    E.SetParam(ids[10], "use_bias", False).apply(g)
    a.infos()
    assert a.inference.last_recomputed == 1


def test_input_change_propagates_downstream() -> None:
    g, ids = chain(3)
    a = Analyzer(g)
    a.infos()
    E.SetParam(ids[0], "shape", (5, 16)).apply(g)
    assert a.infos()[ids[3]].output == (None, 5, 16)


def test_cycle_leaves_shapes_unknown_and_is_reported() -> None:
    g, ids = chain(3)
    a = Analyzer(g)
    E.Connect(ids[3], ids[2], slot=1).apply(g)
    infos = a.infos()
    assert infos[ids[2]].output is None
    assert any(p.code == "cycle" for p in a.problems())
