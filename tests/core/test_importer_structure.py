"""Importer structure: Keras 2 and Keras 3 configs, call forms, nesting, shared layers, notes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from import_helpers import nodes_by_name, source_names
from keras2_configs import (
    DENSE_CONCAT,
    dense_config,
    legacy_functional,
    legacy_input,
    legacy_layer,
    legacy_lstm,
)

from netbuilder.core.catalog import GENERIC_TYPE
from netbuilder.core.importer import import_config, import_model, is_model_file

# -- Keras 2 (legacy) formats -----------------------------------------------------------


def test_keras2_functional_config_maps_to_catalog_nodes(keras_fresh: Any) -> None:
    from netbuilder.core.builder import build_model

    project = import_config(legacy_functional(*DENSE_CONCAT))
    nodes = nodes_by_name(project)
    assert nodes["x"].type == "Input" and nodes["x"].params == {"shape": (8,)}
    assert nodes["d"].type == "Dense" and nodes["d"].params == {"units": 4, "activation": "relu"}
    assert nodes["e"].params == {"units": 4}
    assert nodes["c"].type == "Concatenate" and source_names(project, "c") == ["d", "e"]
    assert [project.graph.nodes[i].name for i in project.graph.outputs] == ["c"]
    model = build_model(project.graph)
    assert tuple(model.outputs[0].shape) == (None, 8)
    assert model.count_params() == 2 * (8 * 4 + 4)


def test_keras2_h5_file(tmp_path: Path, keras_fresh: Any) -> None:
    import h5py

    path = tmp_path / "old.h5"
    with h5py.File(path, "w") as f:
        f.attrs["model_config"] = json.dumps(legacy_functional(*DENSE_CONCAT)).encode("utf-8")
        f.attrs["keras_version"] = "2.8.0"
    project = import_model(path)
    assert [n.name for n in project.graph] == ["x", "d", "e", "c"]
    assert project.extra["import"]["format"] == "h5"
    assert is_model_file(path)


def test_keras2_sequential_with_batch_input_shape_on_first_layer() -> None:
    first = dense_config("hidden", 5, "relu")
    first["batch_input_shape"] = [None, 7]
    config = {
        "class_name": "Sequential",
        "config": {
            "name": "sequential",
            "layers": [
                {"class_name": "Dense", "config": first},
                {"class_name": "Dense", "config": dense_config("out", 1, "sigmoid")},
            ],
        },
    }
    project = import_config(config)
    names = [n.name for n in project.graph]
    assert names == ["input_layer", "hidden", "out"]
    assert project.graph.by_name("input_layer").params == {"shape": (7,)}
    assert project.graph.by_name("hidden").params == {"units": 5, "activation": "relu"}
    assert source_names(project, "out") == ["hidden"]


def test_keras2_attention_kwargs_become_ordered_slots() -> None:
    mha = {
        "num_heads": 2,
        "key_dim": 4,
        "value_dim": 4,
        "dropout": 0.0,
        "use_bias": True,
        "output_shape": None,
        "attention_axes": None,
        "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
        "bias_initializer": {"class_name": "Zeros", "config": {}},
    }
    layer = legacy_layer("MultiHeadAttention", "mha", mha)
    layer["inbound_nodes"] = [[["q", 0, 0, {"value": ["v", 0, 0], "key": ["k", 0, 0]}]]]
    config = legacy_functional(
        [
            legacy_input("q", [None, 4, 8]),
            legacy_input("v", [None, 6, 8]),
            legacy_input("k", [None, 6, 8]),
            layer,
        ],
        inputs=[["q", 0, 0], ["v", 0, 0], ["k", 0, 0]],
        outputs=[["mha", 0, 0]],
    )
    project = import_config(config)
    assert project.graph.by_name("mha").type == "MultiHeadAttention"
    assert source_names(project, "mha") == ["q", "v", "k"]


def test_keras2_nested_functional_node_indices_start_at_one() -> None:
    """tf.keras counted a nested model's own node, so its first call is node 1."""
    sub = {
        "class_name": "Functional",
        "config": {
            "name": "encoder",
            "layers": [
                legacy_input("sub_in", [None, 4]),
                legacy_layer("Dense", "inner", {"units": 3}, [["sub_in", 0, 0]]),
            ],
            "input_layers": [["sub_in", 0, 0]],
            "output_layers": [["inner", 0, 0]],
        },
        "name": "encoder",
        "inbound_nodes": [[["x", 0, 0, {}]]],
    }
    config = legacy_functional(
        [
            legacy_input("x", [None, 4]),
            sub,
            legacy_layer("Dense", "after", {"units": 2}, [["encoder", 1, 0]]),
        ],
        inputs=[["x", 0, 0]],
        outputs=[["after", 0, 0], ["encoder", 1, 0]],
    )
    project = import_config(config)
    assert [n.name for n in project.graph] == ["x", "inner", "after"]
    assert source_names(project, "inner") == ["x"]
    assert source_names(project, "after") == ["inner"]
    assert [project.graph.nodes[i].name for i in project.graph.outputs] == ["after", "inner"]


def test_keras2_lstm_configs() -> None:
    """Keras 2 keys Keras 3 dropped are harmless at their old defaults; real settings are kept."""
    layers = [
        legacy_input("x", [None, 5, 3]),
        legacy_layer("LSTM", "plain", legacy_lstm("plain", return_sequences=True), [["x", 0, 0]]),
        legacy_layer("LSTM", "stateful", legacy_lstm("stateful", stateful=True), [["plain", 0, 0]]),
    ]
    project = import_config(legacy_functional(layers, [["x", 0, 0]], [["stateful", 0, 0]]))
    plain = project.graph.by_name("plain")
    assert plain.type == "LSTM"
    assert plain.params == {"units": 4, "return_sequences": True}
    stateful = project.graph.by_name("stateful")
    assert stateful.type == GENERIC_TYPE
    assert stateful.params["config"]["stateful"] is True
    assert "stateful" in project.extra["import"]["generic"]["stateful"]


# -- Keras 3 structures -----------------------------------------------------------------


def test_input_and_output_order_is_kept(keras_fresh: Any) -> None:
    keras = keras_fresh
    a = keras.Input((2,), name="a")
    b = keras.Input((3,), name="b")
    c = keras.Input((4,), name="c")
    joined = keras.layers.Concatenate(name="j")([c, a, b])
    o1 = keras.layers.Dense(1, name="o1")(joined)
    o2 = keras.layers.Dense(2, name="o2")(joined)
    model = keras.Model([b, c, a], [o2, o1])
    project = import_config(json.loads(model.to_json()))
    assert [n.name for n in project.graph.input_nodes()] == ["b", "c", "a"]
    assert [project.graph.nodes[i].name for i in project.graph.outputs] == ["o2", "o1"]
    assert source_names(project, "j") == ["c", "a", "b"]


def test_mha_key_keyword_goes_to_the_key_slot(keras_fresh: Any) -> None:
    keras = keras_fresh
    q = keras.Input((4, 8), name="q")
    v = keras.Input((6, 8), name="v")
    k = keras.Input((6, 8), name="k")
    out = keras.layers.MultiHeadAttention(2, 4, name="mha")(q, v, key=k)
    project = import_config(json.loads(keras.Model([q, v, k], out).to_json()))
    assert project.graph.by_name("mha").type == "MultiHeadAttention"
    assert source_names(project, "mha") == ["q", "v", "k"]


def test_mha_called_with_keywords_only(keras_fresh: Any) -> None:
    keras = keras_fresh
    q = keras.Input((4, 8), name="q")
    v = keras.Input((6, 8), name="v")
    out = keras.layers.MultiHeadAttention(2, 4, name="mha")(query=q, value=v, key=v)
    project = import_config(json.loads(keras.Model([q, v], out).to_json()))
    assert project.graph.by_name("mha").type == "MultiHeadAttention"
    assert source_names(project, "mha") == ["q", "v", "v"]


def test_single_input_passed_by_keyword(keras_fresh: Any) -> None:
    keras = keras_fresh
    x = keras.Input((3,), name="x")
    y = keras.layers.Dense(2, name="d")(inputs=x)
    z = keras.layers.GaussianNoise(0.1, name="noise")(inputs=y)
    project = import_config(json.loads(keras.Model(x, z).to_json()))
    assert project.graph.by_name("d").type == "Dense"
    assert source_names(project, "d") == ["x"]
    assert source_names(project, "noise") == ["d"]
    assert "call_arguments" not in project.extra["import"]


def test_input_dtype_sparse_and_batch_size(keras_fresh: Any) -> None:
    keras = keras_fresh
    ids = keras.Input((5,), dtype="int32", batch_size=8, name="ids")
    bag = keras.Input((7,), sparse=True, name="bag")
    emb = keras.layers.Embedding(10, 3, name="emb")(ids)
    flat = keras.layers.Flatten(name="flat")(emb)
    out = keras.layers.Concatenate(name="cat")([flat, keras.layers.Dense(2, name="d")(bag)])
    project = import_config(json.loads(keras.Model([ids, bag], out).to_json()))
    assert project.graph.by_name("ids").params == {"shape": (5,), "batch_size": 8, "dtype": "int32"}
    assert project.graph.by_name("bag").params == {"shape": (7,), "sparse": True}


def test_shared_layer_becomes_copies_with_a_note(keras_fresh: Any) -> None:
    from netbuilder.core.builder import build_model

    keras = keras_fresh
    x = keras.Input((3,), name="x")
    shared = keras.layers.Dense(3, name="sh")
    y = keras.layers.Dense(3, name="sh_call2")(shared(shared(x)))  # a name that clashes
    project = import_config(json.loads(keras.Model(x, y).to_json()))
    names = [n.name for n in project.graph]
    assert names == ["x", "sh", "sh_call2_1", "sh_call2"]
    assert source_names(project, "sh_call2_1") == ["sh"]
    assert project.extra["import"]["shared_layers"] == {"sh": ["sh", "sh_call2_1"]}
    assert "shared" in project.description["en"] and "'sh'" in project.description["en"]
    assert build_model(project.graph).count_params() == 3 * 12


def test_nested_functional_with_clashing_names_is_expanded(keras_fresh: Any) -> None:
    keras = keras_fresh
    si = keras.Input((4,), name="sub_in")
    sub = keras.Model(si, keras.layers.Dense(3, name="dense")(si), name="encoder")
    x = keras.Input((4,), name="x")
    h = keras.layers.Dense(4, name="dense")(x)
    out = sub(h)
    after = keras.layers.Dense(1, name="after")(out)
    project = import_config(json.loads(keras.Model(x, [out, after]).to_json()))
    names = [n.name for n in project.graph]
    assert names == ["x", "dense", "encoder_dense", "after"]
    assert source_names(project, "encoder_dense") == ["dense"]
    assert source_names(project, "after") == ["encoder_dense"]
    outputs = [project.graph.nodes[i].name for i in project.graph.outputs]
    assert outputs == ["encoder_dense", "after"]


def test_sub_model_called_twice_is_copied_with_a_note(keras_fresh: Any) -> None:
    keras = keras_fresh
    tower = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="t")], name="tower")
    a = keras.Input((3,), name="a")
    b = keras.Input((3,), name="b")
    out = keras.layers.Add(name="add")([tower(a), tower(b)])
    project = import_config(json.loads(keras.Model([a, b], out).to_json()))
    assert [n.name for n in project.graph] == ["a", "b", "t", "tower_t", "add"]
    assert source_names(project, "add") == ["t", "tower_t"]
    assert project.extra["import"]["shared_layers"]["tower"] == ["t", "tower_t"]


def test_output_of_a_nested_functional_second_call(keras_fresh: Any) -> None:
    keras = keras_fresh
    si = keras.Input((4,), name="sub_in")
    sub = keras.Model(si, keras.layers.Dense(3, name="inner")(si), name="encoder")
    x = keras.Input((4,), name="x")
    first = sub(x)
    second = sub(keras.layers.Dense(4, name="pre")(x))
    project = import_config(json.loads(keras.Model(x, [second, first]).to_json()))
    outputs = [project.graph.nodes[i].name for i in project.graph.outputs]
    assert outputs == ["encoder_inner", "inner"]
    assert source_names(project, outputs[0]) == ["pre"]
    assert source_names(project, "inner") == ["x"]


def test_unbuilt_sequential_gets_an_input_without_shape(keras_fresh: Any) -> None:
    keras = keras_fresh
    model = keras.Sequential([keras.layers.Dense(2, name="only")], name="unbuilt")
    project = import_config(json.loads(model.to_json()))
    inp = project.graph.by_name("input_layer")
    assert inp.type == "Input" and "shape" not in inp.params
    assert "input shape" in project.description["en"]


def test_sequential_with_build_input_shape_but_no_input_layer(keras_fresh: Any) -> None:
    """Keras 3.0-3.3 wrote built Sequential models without an InputLayer entry."""
    from netbuilder.core.builder import build_model

    keras = keras_fresh
    model = keras.Sequential([keras.layers.Dense(4, name="hidden")], name="old_style")
    model.build((None, 6))
    config = json.loads(model.to_json())
    config["config"]["layers"] = [
        e for e in config["config"]["layers"] if e["class_name"] != "InputLayer"
    ]
    assert config["config"]["build_input_shape"] == [None, 6]
    project = import_config(config)
    names = [n.name for n in project.graph]
    assert names == ["input_layer", "hidden"]
    assert project.graph.by_name("input_layer").params == {"shape": (6,)}
    assert build_model(project.graph).count_params() == model.count_params()


def test_call_arguments_are_recorded(keras_fresh: Any) -> None:
    keras = keras_fresh
    x = keras.Input((3,), name="x")
    y = keras.layers.Dropout(0.5, name="drop")(x, training=True)
    project = import_config(json.loads(keras.Model(x, y).to_json()))
    assert project.graph.by_name("drop").type == "Dropout"
    assert project.extra["import"]["call_arguments"] == {"drop": {"training": True}}
    assert "training=True" in project.description["en"]


def test_state_outputs_ports_and_unwired_tensor_arguments(keras_fresh: Any) -> None:
    keras = keras_fresh
    x = keras.Input((5, 3), name="x", batch_size=4)
    seq, h, c = keras.layers.LSTM(2, return_state=True, return_sequences=True, name="enc")(x)
    dec = keras.layers.LSTM(2, name="dec")(seq, initial_state=[h, c])
    joined = keras.layers.Concatenate(name="both")([dec, c])
    project = import_config(json.loads(keras.Model(x, joined).to_json()))
    graph = project.graph
    assert graph.by_name("x").params == {"shape": (5, 3), "batch_size": 4}
    assert graph.by_name("enc").type == GENERIC_TYPE  # return_state is outside the catalog
    assert graph.by_name("dec").type == "LSTM"
    both = graph.by_name("both")
    assert [(graph.nodes[r.node].name, r.port) for r in both.inputs] == [("dec", 0), ("enc", 2)]
    recorded = project.extra["import"]["call_arguments"]
    assert recorded == {"dec": {"initial_state": "<tensors: 'enc' output 1, 'enc' output 2>"}}
    assert "initial_state" in project.description["en"]
    # Arguments Keras records at their defaults (training=False on recurrent layers) are no news.
    assert "enc" not in recorded


def test_frozen_layers_stay_generic(keras_fresh: Any) -> None:
    keras = keras_fresh
    x = keras.Input((3,), name="x")
    frozen = keras.layers.Dense(2, name="frozen")
    frozen.trainable = False
    project = import_config(json.loads(keras.Model(x, frozen(x)).to_json()))
    node = project.graph.by_name("frozen")
    assert node.type == GENERIC_TYPE and node.params["config"]["trainable"] is False


def test_compile_config_fills_training_settings(tmp_path: Path, keras_fresh: Any) -> None:
    keras = keras_fresh
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(
        optimizer=keras.optimizers.RMSprop(0.01), loss="binary_crossentropy", metrics=["accuracy"]
    )
    model.save(tmp_path / "compiled.keras")
    project = import_model(tmp_path / "compiled.keras")
    assert project.training["optimizer"] == "rmsprop"
    assert project.training["learning_rate"] == pytest.approx(0.01)
    assert project.training["loss"] == "binary_crossentropy"
    assert project.training["metrics"] == ["accuracy"]
    assert project.title == {"en": "compiled"}
