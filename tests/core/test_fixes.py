"""One-click fixes: every offered fix resolves its problem, and undo brings it back."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from graph_builders import Net

from netbuilder.core import edits as E
from netbuilder.core import fixes as F
from netbuilder.core.analysis import Analyzer
from netbuilder.core.graph import Graph, Node, Ref
from netbuilder.core.problems import Problem
from netbuilder.core.project import graph_to_dict

Scenario = Callable[[], tuple[Graph, str, str | None, int]]


def cycle():
    n = Net()
    i = n.add("Input", {"shape": (4,)})
    a = n.add("Add", {}, i)
    d = n.add("Dense", {"units": 4}, a)
    E.Connect(d, a).apply(n.g)
    n.out(d)
    return n.g, "cycle", a, 1


def dangling():
    n = Net()
    i = n.add("Input", {"shape": (4,)})
    d = n.add("Dense", {"units": 4}, i)
    spare = n.add("Dense", {"units": 2}, i)
    n.out(d)
    return n.g, "dangling", spare, 2


def dangling_input():
    n = Net()
    i = n.add("Input", {"shape": (4,)})
    n.add("Input", {"shape": (4,)})
    d = n.add("Dense", {"units": 4}, i)
    n.out(d)
    return n.g, "dangling", list(n.g.nodes)[1], 1


def no_output():
    n = Net()
    i = n.add("Input", {"shape": (4,)})
    n.add("Dense", {"units": 4}, i)
    n.add("Dense", {"units": 1}, i)
    return n.g, "no_output", None, 1


def dense_with_two_inputs():
    n = Net()
    i = n.add("Input", {"shape": (4,)})
    j = n.add("Input", {"shape": (6,)})
    d = n.add("Dense", {"units": 4}, i)
    E.Connect(j, d, slot=1).apply(n.g)
    n.out(d)
    return n.g, "too_many_inputs", d, 2


def dense_with_a_gap_and_two_inputs():
    n = Net()
    i = n.add("Input", {"shape": (4,)})
    d = n.add("Dense", {"units": 4}, i)
    E.Connect(i, d, slot=2).apply(n.g)  # slot 1 stays empty
    n.out(d)
    return n.g, "too_many_inputs", d, 2


def input_with_an_input():
    n = Net()
    i = n.add("Input", {"shape": (4,)})
    d = n.add("Dense", {"units": 4}, i)
    j = n.add("Input", {"shape": (4,)})
    E.Connect(d, j).apply(n.g)
    e = n.add("Dense", {"units": 1}, j)
    n.out(e)
    return n.g, "too_many_inputs", j, 1


def subtract_with_three():
    n = Net()
    i = n.add("Input", {"shape": (4,)})
    s = n.add("Subtract", {}, i, i)
    E.Connect(i, s, slot=2).apply(n.g)
    n.out(s)
    return n.g, "too_many_inputs", s, 1


def merge_with_an_empty_slot():
    n = Net()
    i = n.add("Input", {"shape": (4,)})
    c = n.add("Concatenate", {}, i, i)
    n.g.insert_input(c, 1, None)
    n.out(c)
    return n.g, "empty_input", c, 1


def lstm_after_lstm():
    n = Net()
    i = n.add("Input", {"shape": (5, 10)})
    a = n.add("LSTM", {"units": 8}, i)
    b = n.add("LSTM", {"units": 4}, a)
    n.out(b)
    return n.g, "rank", b, 2


def bidirectional_stack():
    n = Net()
    i = n.add("Input", {"shape": (5, 10)})
    a = n.add("Bidirectional", {"layer": {"type": "LSTM", "params": {"units": 8}}}, i)
    b = n.add("Bidirectional", {"layer": {"type": "GRU", "params": {"units": 4}}}, a)
    n.out(b)
    return n.g, "rank", b, 2


def lstm_after_dense():
    n = Net()
    i = n.add("Input", {"shape": (12,)})
    d = n.add("Dense", {"units": 6}, i)
    lstm = n.add("LSTM", {"units": 4}, d)
    n.out(lstm)
    return n.g, "rank", lstm, 1


def conv2d_after_flatten():
    n = Net()
    i = n.add("Input", {"shape": (16, 16, 1)})
    f = n.add("Flatten", {}, i)
    c = n.add("Conv2D", {"filters": 4, "kernel_size": 3}, f)
    n.out(c)
    return n.g, "rank", c, 1


def repeat_vector_after_sequence():
    n = Net()
    i = n.add("Input", {"shape": (5, 3)})
    r = n.add("RepeatVector", {"n": 2}, i)
    n.out(r)
    return n.g, "rank", r, 2


def dense_on_images():
    n = Net()
    i = n.add("Input", {"shape": (8, 8, 3)})
    d = n.add("Dense", {"units": 10}, i)
    n.out(d)
    return n.g, "dense_nd", d, 2


def embedding_after_float_input():
    n = Net()
    i = n.add("Input", {"shape": (20,)})
    e = n.add("Embedding", {"input_dim": 50, "output_dim": 4}, i)
    n.out(e)
    return n.g, "dtype", e, 1


def concat_axis():
    n = Net()
    a = n.add("Input", {"shape": (8, 4)})
    b = n.add("Input", {"shape": (6, 4)})
    c = n.add("Concatenate", {}, a, b)
    n.out(c)
    return n.g, "concat", c, 1


def concat_of_image_and_vector():
    n = Net()
    a = n.add("Input", {"shape": (4, 4, 2)})
    b = n.add("Input", {"shape": (5,)})
    c = n.add("Concatenate", {}, a, b)
    n.out(c)
    return n.g, "concat", c, 1


def add_of_different_widths():
    n = Net()
    a = n.add("Input", {"shape": (6, 8)})
    b = n.add("Dense", {"units": 3}, a)
    c = n.add("Dense", {"units": 5}, a)
    s = n.add("Add", {}, a, b, c)
    n.out(s)
    return n.g, "mismatch", s, 1


def conv_window():
    n = Net()
    i = n.add("Input", {"shape": (4, 4, 1)})
    c = n.add("Conv2D", {"filters": 2, "kernel_size": 5}, i)
    n.out(c)
    return n.g, "window", c, 1


def pool_window():
    n = Net()
    i = n.add("Input", {"shape": (3, 2)})
    p = n.add("AveragePooling1D", {"pool_size": 4}, i)
    n.out(p)
    return n.g, "window", p, 1


def bad_activation():
    n = Net()
    i = n.add("Input", {"shape": (3,)})
    d = n.add("Dense", {"units": 2, "activation": "wiggle"}, i)
    n.out(d)
    return n.g, "param", d, 1


def concat_axis_out_of_range():
    n = Net()
    i = n.add("Input", {"shape": (3,)})
    c = n.add("Concatenate", {"axis": 5}, i, i)
    n.out(c)
    return n.g, "param", c, 1


def duplicate_name():
    n = Net()
    i = n.add("Input", {"shape": (3,)})
    d = n.add("Dense", {"units": 2}, i)
    n.g.rename(d, "input_layer")
    n.out(d)
    return n.g, "duplicate_name", d, 1


def invalid_name():
    n = Net()
    i = n.add("Input", {"shape": (3,)})
    d = n.add("Dense", {"units": 2}, i)
    n.g.rename(d, "  ")
    n.out(d)
    return n.g, "invalid_name", d, 1


def unknown_param():
    n = Net()
    i = n.add("Input", {"shape": (3,)})
    d = n.add("Dense", {"units": 2, "neurons": 3}, i)
    n.out(d)
    return n.g, "unknown_param", d, 1


SCENARIOS: list[Scenario] = [
    cycle,
    dangling,
    dangling_input,
    no_output,
    dense_with_two_inputs,
    dense_with_a_gap_and_two_inputs,
    input_with_an_input,
    subtract_with_three,
    merge_with_an_empty_slot,
    lstm_after_lstm,
    bidirectional_stack,
    lstm_after_dense,
    conv2d_after_flatten,
    repeat_vector_after_sequence,
    dense_on_images,
    embedding_after_float_input,
    concat_axis,
    concat_of_image_and_vector,
    add_of_different_widths,
    conv_window,
    pool_window,
    bad_activation,
    concat_axis_out_of_range,
    duplicate_name,
    invalid_name,
    unknown_param,
]


def find(problems: list[Problem], code: str, node_id: str | None) -> list[Problem]:
    return [p for p in problems if p.code == code and p.node_id == node_id]


def messages(problems: list[Problem]) -> list[tuple[str, str | None, str]]:
    return [(p.code, p.node_id, p.message) for p in problems]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_every_fix_resolves_its_problem_and_undo_restores_it(scenario: Scenario) -> None:
    graph, code, node_id, n_fixes = scenario()
    analyzer = Analyzer(graph)
    [problem] = find(analyzer.problems(), code, node_id)
    assert len(problem.fixes) == n_fixes, [f.label for f in problem.fixes]
    before = graph_to_dict(graph)
    for fix in problem.fixes:
        inverse = fix.edit.apply(graph)
        after = analyzer.problems()
        assert not find(after, code, node_id), (fix.label, messages(after))
        # The incremental analyzer agrees with a fresh one.
        assert messages(after) == messages(Analyzer(graph).problems())
        redo = inverse.apply(graph)
        assert graph_to_dict(graph) == before, fix.label
        again = find(analyzer.problems(), code, node_id)
        assert [p.message for p in again] == [problem.message]
        # Redo (the inverse of the inverse) resolves it again; undo once more.
        redo.apply(graph).apply(graph)
        assert graph_to_dict(graph) == before


def test_fix_labels_name_what_they_do() -> None:
    graph, code, node_id, _ = bidirectional_stack()
    [p] = find(Analyzer(graph).problems(), code, node_id)
    assert [f.label for f in p.fixes] == [
        "Set return_sequences=True on 'bidirectional'",
        "Insert Reshape to (16, 1) before 'bidirectional_1'",
    ]
    graph, code, node_id, _ = dense_with_two_inputs()
    [p] = find(Analyzer(graph).problems(), code, node_id)
    assert [f.label for f in p.fixes] == [
        "Join the inputs of 'dense' with a Concatenate layer",
        "Disconnect the extra input(s) of 'dense' ('input_layer_1')",
    ]


def test_merge_fix_labels_and_inserted_layers() -> None:
    graph, code, node_id, _ = add_of_different_widths()
    [p] = find(Analyzer(graph).problems(), code, node_id)
    assert [f.label for f in p.fixes] == [
        "Insert Dense(8) before 'add' on the inputs of another size"
    ]
    p.fixes[0].edit.apply(graph)
    added = [n for n in graph.nodes.values() if n.name in ("dense_2", "dense_3")]
    assert [(n.type, n.params) for n in added] == [("Dense", {"units": 8})] * 2
    graph, code, node_id, _ = concat_of_image_and_vector()
    [p] = find(Analyzer(graph).problems(), code, node_id)
    assert [f.label for f in p.fixes] == [
        "Insert Flatten before 'concatenate' on its higher-rank inputs"
    ]


def test_no_fix_when_it_would_not_help() -> None:
    n = Net()
    i = n.add("Input", {"shape": (None,)})
    lstm = n.add("LSTM", {"units": 4}, i)
    n.out(lstm)
    [p] = find(Analyzer(n.g).problems(), "rank", lstm)
    # An unknown length cannot be reshaped and Input has no return_sequences.
    assert p.fixes == ()
    n2 = Net()
    j = n2.add("Input", {"shape": (5, 3)})
    seq = n2.add("LSTM", {"units": 4, "return_sequences": True}, j)
    rv = n2.add("RepeatVector", {"n": 2}, seq)
    n2.out(rv)
    [p] = find(Analyzer(n2.g).problems(), "rank", rv)
    assert all("return_sequences" not in f.label for f in p.fixes)


def test_simulate_reports_shapes_and_errors() -> None:
    info = F.simulate("Dense", {"units": 3}, [((None, 5), "float")])
    assert info.error is None and info.output == (None, 3)
    bad = F.simulate("LSTM", {"units": 3}, [((None, 5), "float")])
    assert bad.error is not None and bad.error.code == "rank"
    emb = F.simulate("Embedding", {"input_dim": 5, "output_dim": 2}, [((None, 7), "int")])
    assert emb.output == (None, 7, 2)


def test_reshape_targets() -> None:
    assert list(F.reshape_targets((None, 4096), 4)) == [(64, 64, 1), (4096, 1, 1)]
    assert list(F.reshape_targets((None, 10), 3)) == [(10, 1)]
    assert list(F.reshape_targets((None, 4, 5, 6), 3)) == [(4, 30)]
    assert list(F.reshape_targets((None, None, 5), 2)) == []


def test_generic_nodes_get_no_shape_fixes() -> None:
    g = Graph()
    i = E.make_node(g, "Input", {"shape": (3,)})
    E.AddNode(i).apply(g)
    g.add_node(Node("k", "KerasLayer", "custom", {"class_name": "X", "config": {}}, [Ref(i.id)]))
    g.insert_output(0, "k")
    assert Analyzer(g).problems() == []
