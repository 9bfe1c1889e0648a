"""Validation: one test per problem class (code, severity, message names and values)."""

from __future__ import annotations

import time

import pytest
from graph_builders import Net

from netbuilder.core import edits as E
from netbuilder.core import validation
from netbuilder.core.analysis import Analyzer
from netbuilder.core.graph import Node, Ref


def mlp() -> tuple[Net, str, str]:
    n = Net()
    i = n.add("Input", {"shape": (1000,)})
    d = n.add("Dense", {"units": 16, "activation": "relu"}, i)
    return n, i, d


def test_valid_graph_has_no_problems() -> None:
    n, _i, d = mlp()
    o = n.add("Dense", {"units": 1, "activation": "sigmoid"}, d)
    n.out(o)
    assert n.problems() == []


def test_empty_graph() -> None:
    p = Net().only("empty")
    assert p.severity == "error" and "empty" in p.message


def test_cycle_names_the_nodes_in_order() -> None:
    n, i, d = mlp()
    a = n.add("Dense", {"units": 16}, d, name="loop_a")
    b = n.add("Add", {}, a, name="loop_b")
    E.Connect(b, n.add("Dense", {"units": 4}, name="side")).apply(n.g)
    E.Connect(i, b).apply(n.g)  # a legal second input for Add...
    E.Connect(b, d, slot=1).apply(n.g)  # ...and the wire that closes the loop
    n.out(b)
    cycles = [p for p in n.problems() if p.code == "cycle"]
    assert len(cycles) == 1
    p = cycles[0]
    assert p.severity == "error"
    assert "'dense' → 'loop_a' → 'loop_b' → 'dense'" in p.message
    assert set(p.data["nodes"]) == {d, a, b}
    assert p.edge == (d, 1)


def test_self_loop_is_a_cycle() -> None:
    n, _i, d = mlp()
    c = n.add("Concatenate", {}, d)
    E.Connect(c, c).apply(n.g)
    n.out(c)
    p = n.only("cycle", c)
    assert "'concatenate' → 'concatenate'" in p.message


def test_no_input() -> None:
    n = Net()
    d = n.add("Dense", {"units": 3}, name="lonely")
    n.out(d)
    p = n.only("no_input")
    assert p.severity == "error" and "no Input" in p.message


def test_no_output_names_the_sinks() -> None:
    n, _i, d = mlp()
    p = n.only("no_output")
    assert p.severity == "error"
    assert "'dense'" in p.message
    assert p.data["sinks"] == [d]


def test_dangling_output_is_a_warning() -> None:
    n, _i, d = mlp()
    o = n.add("Dense", {"units": 1}, d, name="head")
    extra = n.add("Dense", {"units": 2}, d, name="forgotten")
    n.out(o)
    p = n.only("dangling", extra)
    assert p.severity == "warning"
    assert "Dense 'forgotten' feeds nothing" in p.message
    assert [f.label for f in p.fixes] == [
        "Mark 'forgotten' as a model output",
        "Delete 'forgotten'",
    ]


def test_not_connected_to_any_input() -> None:
    n, _i, d = mlp()
    n.out(d)
    stray_in = n.add("Dense", {"units": 4}, name="stray")
    stray = n.add("Dense", {"units": 4}, stray_in, name="stray_2")
    n.out(stray)
    p = n.only("unreachable", stray)
    assert p.severity == "error"
    assert "Dense 'stray_2' is not connected to any Input" in p.message
    # The head of the stray chain has nothing connected: that is its own problem.
    e = n.only("empty_input", stray_in)
    assert "Dense 'stray' has no input" in e.message


def test_non_merge_layer_with_two_inputs() -> None:
    n, i, d = mlp()
    j = n.add("Input", {"shape": (1000,)}, name="second")
    E.Connect(j, d, slot=1).apply(n.g)
    n.out(d)
    p = n.only("too_many_inputs", d)
    assert p.severity == "error"
    assert "Dense 'dense' takes one input, but 2 are connected ('input_layer', 'second')" in (
        p.message
    )
    assert p.edge == (d, 1)


def test_input_layer_with_an_input() -> None:
    n, i, d = mlp()
    n.out(d)
    j = n.add("Input", {"shape": (3,)}, name="fed")
    E.Connect(d, j).apply(n.g)
    p = n.only("too_many_inputs", j)
    assert "Input 'fed' is a model input and takes no inputs" in p.message


def test_merge_with_fewer_than_two_inputs() -> None:
    n, _i, d = mlp()
    c = n.add("Concatenate", {}, d)
    n.out(c)
    p = n.only("too_few_inputs", c)
    assert p.severity == "error"
    assert "Concatenate 'concatenate'" in p.message and "at least 2 inputs, but has 1" in p.message


def test_subtract_takes_at_most_two() -> None:
    n, i, d = mlp()
    s = n.add("Subtract", {}, d, d, i)
    n.out(s)
    p = n.only("too_many_inputs", s)
    assert "at most 2 inputs, but 3 are connected" in p.message


def test_required_slot_left_empty_names_the_slot() -> None:
    n = Net()
    i = n.add("Input", {"shape": (5, 8)})
    att = n.add("Attention", {}, i, name="attention")
    n.out(att)
    p = n.only("empty_input", att)
    assert p.severity == "error"
    assert p.message.startswith("The 'value' input of Attention 'attention' is empty")
    assert p.edge == (att, 1)


def test_lstm_after_dense_reports_rank_with_source_and_shape() -> None:
    n = Net()
    i = n.add("Input", {"shape": (5, 10)})
    l1 = n.add("LSTM", {"units": 32}, i, name="lstm_1")
    l2 = n.add("LSTM", {"units": 8}, l1, name="lstm_2")
    n.out(l2)
    p = n.only("rank", l2)
    assert p.severity == "error"
    assert p.message == (
        "LSTM 'lstm_2' needs a 3-D input (batch, steps, features), but 'lstm_1' gives "
        "(None, 32). Set return_sequences=True on 'lstm_1', or insert a RepeatVector."
    )
    assert p.edge == (l2, 0)
    assert p.fixes[0].label == "Set return_sequences=True on 'lstm_1'"


def test_lstm_after_plain_dense() -> None:
    n, _i, d = mlp()
    lstm = n.add("LSTM", {"units": 4}, d)
    n.out(lstm)
    p = n.only("rank", lstm)
    assert "but 'dense' gives (None, 16)" in p.message
    assert [f.label for f in p.fixes] == ["Insert Reshape to (16, 1) before 'lstm'"]


def test_conv2d_after_flatten() -> None:
    n = Net()
    i = n.add("Input", {"shape": (64, 64, 1)})
    f = n.add("Flatten", {}, i)
    c = n.add("Conv2D", {"filters": 8, "kernel_size": 3}, f)
    n.out(c)
    p = n.only("rank", c)
    assert "Conv2D 'conv2d' needs a 4-D input" in p.message
    assert "'flatten' gives (None, 4096)" in p.message
    assert [f.label for f in p.fixes] == ["Insert Reshape to (64, 64, 1) before 'conv2d'"]


def test_dense_on_4d_is_a_warning_with_two_fixes() -> None:
    n = Net()
    i = n.add("Input", {"shape": (8, 8, 3)})
    d = n.add("Dense", {"units": 10}, i)
    n.out(d)
    p = n.only("dense_nd", d)
    assert p.severity == "warning"
    assert "(None, 8, 8, 3)" in p.message and "(None, 8, 8, 10)" in p.message
    assert [f.label for f in p.fixes] == [
        "Insert Flatten before 'dense'",
        "Insert GlobalAveragePooling2D before 'dense'",
    ]


def test_embedding_after_float_tensor() -> None:
    n, _i, d = mlp()
    e = n.add("Embedding", {"input_dim": 50, "output_dim": 10}, d)
    n.out(e)
    p = n.only("dtype", e)
    assert p.severity == "error"
    assert "Embedding 'embedding' needs integer token ids, but 'dense' gives a float tensor" in (
        p.message
    )
    assert "(None, 16)" in p.message
    assert p.fixes == ()


def test_embedding_after_float_input_offers_int_dtype() -> None:
    n = Net()
    i = n.add("Input", {"shape": (1000,)}, name="tokens")
    e = n.add("Embedding", {"input_dim": 50, "output_dim": 10}, i)
    n.out(e)
    p = n.only("dtype", e)
    assert [f.label for f in p.fixes] == ["Set dtype='int32' on 'tokens'"]


def test_concatenate_mismatch_outside_axis() -> None:
    n = Net()
    a = n.add("Input", {"shape": (8, 4)}, name="a")
    b = n.add("Input", {"shape": (8, 6)}, name="b")
    c = n.add("Concatenate", {"axis": 1}, a, b)
    n.out(c)
    p = n.only("concat", c)
    assert "Concatenate 'concatenate' (axis=1)" in p.message
    assert "'a' (None, 8, 4), 'b' (None, 8, 6)" in p.message
    assert [f.label for f in p.fixes] == ["Set axis=-1 on 'concatenate'"]


def test_concatenate_without_a_working_axis() -> None:
    n = Net()
    a = n.add("Input", {"shape": (8, 4)}, name="a")
    b = n.add("Input", {"shape": (7, 6)}, name="b")
    c = n.add("Concatenate", {}, a, b)
    n.out(c)
    p = n.only("concat", c)
    assert p.fixes == ()
    assert "(None, 7, 6)" in p.message


def test_add_of_different_shapes() -> None:
    n = Net()
    a = n.add("Input", {"shape": (32,)}, name="a")
    b = n.add("Input", {"shape": (16,)}, name="b")
    s = n.add("Add", {}, a, b)
    n.out(s)
    p = n.only("mismatch", s)
    assert p.severity == "error"
    assert "Add 'add' needs inputs of the same shape, but gets 'a' (None, 32), 'b' (None, 16)" in (
        p.message
    )


def test_window_larger_than_input() -> None:
    n = Net()
    i = n.add("Input", {"shape": (2, 2, 1)})
    c = n.add("Conv2D", {"filters": 4, "kernel_size": 3}, i)
    n.out(c)
    p = n.only("window", c)
    assert "Conv2D 'conv2d'" in p.message and "(None, 2, 2, 1)" in p.message
    assert [f.label for f in p.fixes] == ["Set padding='same' on 'conv2d'"]


def test_pooling_window_larger_than_input() -> None:
    n = Net()
    i = n.add("Input", {"shape": (3, 3)})
    c = n.add("MaxPooling1D", {"pool_size": 5}, i)
    n.out(c)
    p = n.only("window", c)
    assert "MaxPooling1D 'max_pooling1d'" in p.message
    assert [f.label for f in p.fixes] == ["Set padding='same' on 'max_pooling1d'"]


@pytest.mark.parametrize(
    ("type_name", "params", "param", "value_text", "expected"),
    [
        ("Dense", {"units": 0}, "units", "0", "an integer ≥ 1"),
        ("Dense", {"units": -5}, "units", "-5", "an integer ≥ 1"),
        ("Dense", {"units": "64"}, "units", "'64'", "an integer ≥ 1"),
        ("Conv1D", {"filters": 0, "kernel_size": 3}, "filters", "0", "an integer ≥ 1"),
        ("Dropout", {"rate": 1.0}, "rate", "1.0", "a number in [0, 1)"),
        ("Dropout", {"rate": -0.1}, "rate", "-0.1", "a number in [0, 1)"),
        ("Dense", {"units": 2, "use_bias": 1}, "use_bias", "1", "True or False"),
    ],
)
def test_invalid_parameter_values(type_name, params, param, value_text, expected) -> None:
    n = Net()
    i = n.add("Input", {"shape": (10, 4)})
    x = n.add(type_name, params, i)
    n.out(x)
    p = n.only("param", x)
    assert p.severity == "error"
    assert f"has an invalid value for '{param}': {value_text}. Expected {expected}." in (p.message)
    assert p.data["param"] == param


def test_huge_invalid_values_are_shortened() -> None:
    n, _i, d = mlp()
    x = n.add("Dense", {"units": list(range(500))}, d)
    n.out(x)
    p = n.only("param", x)
    assert "…" in p.message and len(p.message) < 200


def test_invalid_input_shape_entry() -> None:
    n = Net()
    i = n.add("Input", {"shape": (0, 4)})
    n.out(n.add("Dense", {"units": 2}, i))
    p = n.only("param", i)
    assert "Input 'input_layer' has an invalid value for 'shape': (0, 4)" in p.message


def test_invalid_param_with_a_valid_default_offers_reset() -> None:
    n, _i, d = mlp()
    x = n.add("Dense", {"units": 3, "activation": "nonsense"}, d)
    n.out(x)
    p = n.only("param", x)
    assert [f.label for f in p.fixes] == ["Reset 'activation' to its default (None)"]


def test_missing_required_param() -> None:
    n, _i, d = mlp()
    x = n.add("Dense", {}, d)
    n.out(x)
    p = n.only("param", x)
    assert "needs a value for 'units'" in p.message


def test_duplicate_names() -> None:
    n, _i, d = mlp()
    x = n.add("Dense", {"units": 2}, d)
    E.Rename(x, "dense_x").apply(n.g)
    n.g.rename(x, "dense")  # imported graphs can hold duplicates; edits refuse them
    n.out(x)
    p = n.only("duplicate_name", x)
    assert "Dense 'dense' has the same name as Dense 'dense'" in p.message
    assert [f.label for f in p.fixes] == ["Rename 'dense' to 'dense_1'"]


def test_illegal_names() -> None:
    n, _i, d = mlp()
    n.g.rename(d, "a/b")
    n.out(d)
    p = n.only("invalid_name", d)
    assert "'a/b'" in p.message and "'/'" in p.message
    assert [f.label for f in p.fixes] == ["Rename 'a/b' to 'a_b'"]


def test_unknown_type_and_unknown_param() -> None:
    n, _i, d = mlp()
    n.out(d)
    n.g.add_node(Node("x1", "NoSuchLayer", "weird", {}, [Ref(d, 0)]))
    n.g.set_param(d, "colour", "red")
    assert "'NoSuchLayer'" in n.only("unknown_type", "x1").message
    w = n.only("unknown_param", d)
    assert w.severity == "warning" and "'colour'" in w.message


def test_rename_updates_messages_of_downstream_layers() -> None:
    n, _i, d = mlp()
    lstm = n.add("LSTM", {"units": 4}, d)
    n.out(lstm)
    a = Analyzer(n.g)
    assert "'dense' gives" in next(p for p in a.problems() if p.code == "rank").message
    E.Rename(d, "features").apply(n.g)
    assert "'features' gives" in next(p for p in a.problems() if p.code == "rank").message


def test_a_failing_check_becomes_an_internal_problem(monkeypatch) -> None:
    n, _i, d = mlp()
    n.out(d)

    def boom(graph):
        raise RuntimeError("kaput")

    monkeypatch.setattr(validation, "_names", boom)
    problems = n.problems()
    internal = [p for p in problems if p.code == "internal"]
    assert len(internal) == 1 and "kaput" in internal[0].message


def test_structural_checks_are_fast_for_1000_nodes() -> None:
    n = Net()
    i = n.add("Input", {"shape": (16,)})
    prev = [i]
    for k in range(999):
        # A branched graph: every node reads one of the last few nodes.
        prev.append(n.add("Dense", {"units": 16}, prev[-1 - (k % 3)]))
    n.out(prev[-1])
    a = Analyzer(n.g)
    a.problems()
    best = min(_timed(lambda: validation._structural(n.g, a.inference)) for _ in range(5))
    assert best < 0.02, f"structural checks took {best * 1000:.1f} ms"
    # A parameter edit reruns the analyzer's structural step: it is served from the cache.
    times = []
    for units in (8, 16, 8):
        E.SetParam(prev[10], "units", units).apply(n.g)
        times.append(_timed(a.problems))
    assert min(times) < 0.005, f"problems after a parameter edit took {min(times) * 1000:.1f} ms"
    assert a.problems() == Analyzer(n.g).problems()


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def test_wrapped_layer_parameters_are_checked_once() -> None:
    n = Net()
    i = n.add("Input", {"shape": (5, 3)})
    b = n.add("Bidirectional", {"layer": {"type": "LSTM", "params": {"units": 0}}}, i)
    n.out(b)
    p = n.only("param", b)
    assert (
        "Bidirectional 'bidirectional' wraps a LSTM with an invalid value for 'units': 0. "
        "Expected an integer ≥ 1."
    ) in p.message
    assert p.data == {"param": "layer", "inner_param": "units"}


def test_names_with_line_breaks_stay_on_one_line() -> None:
    n, _i, d = mlp()
    n.g.rename(d, "two\nlines")
    lstm = n.add("LSTM", {"units": 2}, d)
    n.out(lstm)
    for p in n.problems():
        assert "\n" not in p.message
    assert "'two\\nlines' gives (None, 16)" in n.only("rank", lstm).message


def test_generic_layer_errors_from_the_oracle_name_the_layer() -> None:
    from netbuilder.core.shapes import ShapeError

    def oracle(node, shapes):
        raise ShapeError("keras", "was refused by Keras: bad config")

    n, _i, d = mlp()
    n.g.add_node(Node("k", "KerasLayer", "custom", {"class_name": "X", "config": {}}, [Ref(d)]))
    n.out("k")
    problems = Analyzer(n.g, oracle).problems()
    [p] = [p for p in problems if p.node_id == "k"]
    assert p.code == "keras"
    assert p.message.startswith("X 'custom' was refused by Keras: bad config")
