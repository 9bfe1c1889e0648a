"""The Keras builder: input/output order, generic nodes, clear errors, hand-written configs."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from codegen_helpers import assert_same_model, exec_export, strip_names

from netbuilder.core.builder import build_model, build_order
from netbuilder.core.catalog import GENERIC_TYPE
from netbuilder.core.edits import InsertOutput, PopOutput
from netbuilder.core.examples import load_example
from netbuilder.core.graph import Graph, Node, Ref, new_id
from netbuilder.core.keras_layers import BuildError
from netbuilder.core.project import Project


def add(
    graph: Graph, type_name: str, name: str, params: dict | None = None, inputs: tuple = ()
) -> Node:
    refs = [None if n is None else Ref(n.id) for n in inputs]
    node = Node(new_id(), type_name, name, dict(params or {}), refs)
    graph.add_node(node)
    return node


def two_in_two_out() -> tuple[Graph, dict[str, Node]]:
    g = Graph()
    zeta = add(g, "Input", "zeta", {"shape": (3,)})
    alpha = add(g, "Input", "alpha", {"shape": (2,)})
    merge = add(g, "Concatenate", "merge", {}, (zeta, alpha))
    out_b = add(g, "Dense", "out_b", {"units": 4}, (merge,))
    out_a = add(g, "Dense", "out_a", {"units": 1, "activation": "sigmoid"}, (merge,))
    g.outputs.extend([out_a.id, out_b.id])
    return g, {n.name: n for n in g}


def input_names(model: Any) -> list[str]:
    return [t._keras_history.operation.name for t in model.inputs]


def test_several_inputs_and_outputs_keep_graph_order(keras_fresh):
    g, nodes = two_in_two_out()
    model = build_model(g, name="two")
    assert model.name == "two"
    assert input_names(model) == ["zeta", "alpha"]  # node order, not alphabetical
    assert model.output_names == ["out_a", "out_b"]  # graph.outputs order
    assert [tuple(t.shape) for t in model.outputs] == [(None, 1), (None, 4)]
    # Reordering the outputs with edits reorders the model's outputs.
    PopOutput(0).apply(g)
    InsertOutput(nodes["out_a"].id, 1).apply(g)
    keras_fresh.backend.clear_session()
    assert build_model(g).output_names == ["out_b", "out_a"]


def test_single_input_and_output_are_not_lists(keras_fresh):
    g = Graph()
    x = add(g, "Input", "x", {"shape": (8,)})
    y = add(g, "Dense", "y", {"units": 2}, (x,))
    g.outputs.append(y.id)
    model = build_model(g)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Keras warns when the input structure differs
        out = model(np.zeros((2, 8), dtype="float32"))
    assert tuple(out.shape) == (2, 2)


def test_build_order_skips_nothing_needed_and_follows_node_order():
    g, nodes = two_in_two_out()
    order = [g.nodes[i].name for i in build_order(g)]
    assert order == ["zeta", "alpha", "merge", "out_b", "out_a"]


def generic_noise_graph() -> Graph:
    g = Graph()
    x = add(g, "Input", "x", {"shape": (8,)})
    noise = add(
        g,
        GENERIC_TYPE,
        "noise",
        {
            "class_name": "GaussianNoise",
            "config": {"name": "ignored", "stddev": 0.25, "seed": 7, "trainable": True},
            "module": "keras.layers",
            "registered_name": None,
        },
        (x,),
    )
    head = add(g, "Dense", "head", {"units": 3}, (noise,))
    g.outputs.append(head.id)
    return g


def test_generic_node_is_rebuilt_from_its_config(keras_fresh):
    keras = keras_fresh
    model = build_model(generic_noise_graph())
    layer = model.get_layer("noise")
    assert type(layer).__name__ == "GaussianNoise"
    want = keras.layers.GaussianNoise(0.25, seed=7)
    assert strip_names(layer.get_config()) == strip_names(want.get_config())


def test_generic_node_export_rebuilds_the_same_layer(keras_fresh):
    graph = generic_noise_graph()
    built = build_model(graph)
    namespace = exec_export(Project(graph, {"en": "noise"}, training={"loss": "mse"}))
    exported = namespace["build_model"]()
    assert_same_model(exported, built)
    assert exported.get_layer("noise").stddev == 0.25


# -- errors -------------------------------------------------------------------------------
def test_graph_with_a_rank_error_names_the_node_and_shape():
    g = Graph()
    x = add(g, "Input", "x", {"shape": (8,)})
    lstm = add(g, "LSTM", "memory", {"units": 4}, (x,))
    g.outputs.append(lstm.id)
    with pytest.raises(BuildError) as info:
        build_model(g)
    message = str(info.value)
    assert "problem" in message and "'memory'" in message and "(None, 8)" in message


def test_several_problems_are_counted():
    g = Graph()
    x = add(g, "Input", "x", {"shape": (8,)})
    a = add(g, "LSTM", "first_bad", {"units": 4}, (x,))
    b = add(g, "Dense", "second_bad", {"units": 0}, (x,))
    merge = add(g, "Concatenate", "merge", {}, (a, b))
    g.outputs.append(merge.id)
    with pytest.raises(BuildError, match=r"the graph has \d+ problems; first: .*first_bad"):
        build_model(g)


def test_no_input_or_no_output_is_refused():
    g = Graph()
    with pytest.raises(BuildError, match="no Input"):
        build_model(g)
    add(g, "Input", "x", {"shape": (8,)})
    with pytest.raises(BuildError, match="no model output"):
        build_model(g)


def test_cycle_is_refused():
    g = Graph()
    x = add(g, "Input", "x", {"shape": (8,)})
    a = add(g, "Add", "a", {}, (x, None))
    b = add(g, "Dense", "b", {"units": 8}, (a,))
    a.inputs[1] = Ref(b.id)
    g.outputs.append(b.id)
    with pytest.raises(BuildError, match="cycle"):
        build_model(g)


def test_unknown_generic_class_names_the_node():
    g = Graph()
    x = add(g, "Input", "x", {"shape": (8,)})
    odd = add(g, GENERIC_TYPE, "odd", {"class_name": "NoSuchLayer", "config": {}}, (x,))
    g.outputs.append(odd.id)
    with pytest.raises(BuildError, match="'odd'.*NoSuchLayer"):
        build_model(g)


def test_keras_refusing_a_call_names_the_node(keras_fresh):
    g = Graph()
    x = add(g, "Input", "x", {"shape": (8,)})
    conv = add(
        g,
        GENERIC_TYPE,
        "conv",
        {"class_name": "Conv2D", "config": {"filters": 2, "kernel_size": [3, 3]}},
        (x,),
    )
    g.outputs.append(conv.id)
    with pytest.raises(BuildError, match="Conv2D 'conv' was refused by Keras"):
        build_model(g)


# -- configs equal hand-written Keras -----------------------------------------------------
def hand_multi_io() -> Any:
    import keras
    from keras import layers

    features = keras.Input(shape=(16,))
    tokens = keras.Input(shape=(20,), dtype="int32")
    f = layers.Dense(32, activation="relu")(features)
    t = layers.GlobalAveragePooling1D()(layers.Embedding(30, 8)(tokens))
    h = layers.Dense(32, activation="relu")(layers.Concatenate()([f, t]))
    score = layers.Dense(1)(h)
    label = layers.Dense(1, activation="sigmoid")(h)
    return keras.Model([features, tokens], [score, label])


def hand_attention() -> Any:
    import keras
    from keras import layers

    tokens = keras.Input(shape=(64,), dtype="int32")
    x = layers.Embedding(50, 16)(tokens)
    x = layers.MultiHeadAttention(num_heads=2, key_dim=16)(x, x)
    x = layers.GlobalAveragePooling1D()(x)
    return keras.Model(tokens, layers.Dense(1, activation="sigmoid")(x))


def hand_residual_cnn() -> Any:
    import keras
    from keras import layers

    image = keras.Input(shape=(64, 64, 1))
    stem = layers.Conv2D(16, 3, strides=2, activation="relu")(image)
    x = layers.Conv2D(16, 3, padding="same", activation="relu")(stem)
    x = layers.Conv2D(16, 3, padding="same")(x)
    x = layers.Activation("relu")(layers.Add()([stem, x]))
    x = layers.GlobalAveragePooling2D()(x)
    return keras.Model(image, layers.Dense(1, activation="sigmoid")(x))


@pytest.mark.parametrize(
    ("name", "hand"),
    [
        ("multi_io", hand_multi_io),
        ("attention", hand_attention),
        ("residual_cnn", hand_residual_cnn),
    ],
)
def test_built_examples_equal_hand_written_keras(name, hand, keras_fresh):
    assert_same_model(build_model(load_example(name).graph), hand())


def test_attention_key_slot_may_stay_empty(keras_fresh):
    g = Graph()
    q = add(g, "Input", "q", {"shape": (5, 4)})
    v = add(g, "Input", "v", {"shape": (7, 4)})
    att = add(g, "MultiHeadAttention", "att", {"num_heads": 2, "key_dim": 3}, (q, v, None))
    g.outputs.append(att.id)
    model = build_model(g)
    assert tuple(model.output.shape) == (None, 5, 4)
