"""Importer: hostile and damaged files, Keras 2 formats, shared layers, nesting, call forms.

Every hostile input must end in a :class:`ModelImportError` (one sentence) or a
generic node, never in code execution or another exception type.
"""

from __future__ import annotations

import copy
import json
import os
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netbuilder.core.catalog import GENERIC_TYPE
from netbuilder.core.importer import ModelImportError, import_config, import_model, is_model_file

MARKER = "NETBUILDER_IMPORT_MARKER"


def _names(project: Any) -> dict[str, Any]:
    return {n.name: n for n in project.graph}


def _sources(project: Any, name: str) -> list[str]:
    graph = project.graph
    return [graph.nodes[r.node].name for r in graph.by_name(name).inputs if r is not None]


# -- hostile files ----------------------------------------------------------------------
def _lambda_model(keras: Any) -> Any:
    def side_effect(x):  # runs once while the model is built below
        __import__("os").environ["NETBUILDER_IMPORT_MARKER"] = "ran"
        return x * 2.0

    inp = keras.Input((3,), name="x")
    out = keras.layers.Lambda(side_effect, name="evil")(inp)
    out = keras.layers.Dense(2, name="after")(out)
    return keras.Model(inp, out)


@pytest.mark.parametrize("fmt", ["keras", "json"])
def test_lambda_bytecode_is_never_run(fmt: str, tmp_path: Path, keras_fresh: Any) -> None:
    from netbuilder.core.keras_layers import keras_oracle
    from netbuilder.core.shapes import ShapeError

    model = _lambda_model(keras_fresh)
    path = tmp_path / f"lambda.{fmt}"
    if fmt == "json":
        path.write_text(model.to_json(), encoding="utf-8")
    else:
        model.save(path)
    os.environ.pop(MARKER, None)
    project = import_model(path)
    evil = project.graph.by_name("evil")
    assert evil.type == GENERIC_TYPE and evil.params["class_name"] == "Lambda"
    assert project.graph.by_name("after").type == "Dense"
    # Shape inference of the generic node deserializes in safe mode: refused, not run.
    with pytest.raises(ShapeError):
        keras_oracle(evil, [(None, 3)])
    assert MARKER not in os.environ


def test_corrupt_zip(tmp_path: Path) -> None:
    path = tmp_path / "broken.keras"
    path.write_bytes(b"PK\x03\x04" + os.urandom(200))
    with pytest.raises(ModelImportError, match="broken.keras"):
        import_model(path)


def test_zip_without_config(tmp_path: Path) -> None:
    path = tmp_path / "model.keras"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("metadata.json", "{}")
        zf.writestr("model.weights.h5", b"\0" * 10)
    with pytest.raises(ModelImportError) as info:
        import_model(path)
    assert str(info.value) == (
        "model.keras: the archive has no config.json, so it is not a Keras 3 model file"
    )


def _patch_declared_size(path: Path, size: int) -> None:
    """Rewrite config.json's uncompressed size in the central directory (a lying header)."""
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, at + 24, size)
    path.write_bytes(bytes(data))


def test_zip_bomb_declared_size_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.keras"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("config.json", json.dumps({"class_name": "Sequential", "config": {}}))
    _patch_declared_size(path, 0xFFFF_0000)
    with pytest.raises(ModelImportError, match="too large"):
        import_model(path)


def test_zip_bomb_highly_compressed_config(tmp_path: Path) -> None:
    path = tmp_path / "bomb2.keras"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("config.json", b" " * (80 * 1024 * 1024))
    with pytest.raises(ModelImportError, match="too large"):
        import_model(path)


def test_deeply_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"class_name": "Sequential", "config": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(ModelImportError):
        import_model(path)


@pytest.mark.parametrize(
    "text",
    [
        '{"foo": 1}',
        "[1, 2, 3]",
        "not json at all",
        '{"format": "netbuilder-project", "version": 2}',
        '{"class_name": "MySubclassedModel", "config": {"units": 3}}',
        '{"class_name": "Functional", "config": {"layers": "nope"}}',
        '{"class_name": "Functional", "config": {"layers": [], "output_layers": []}}',
        '{"class_name": "Sequential", "config": {"layers": []}}',
        '{"class_name": "Functional", "config": {"layers": [], "input_layers": [["x", 0, 0]],'
        ' "output_layers": [["y", 0, 0]]}}',
    ],
)
def test_json_that_is_not_a_model(text: str, tmp_path: Path) -> None:
    path = tmp_path / "thing.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ModelImportError, match=r"^thing\.json: "):
        import_model(path)


def test_binary_garbage_and_missing_files(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\xff\xfe\x00" * 50)
    with pytest.raises(ModelImportError):
        import_model(garbage)
    with pytest.raises(ModelImportError, match="does not exist"):
        import_model(tmp_path / "missing.keras")
    with pytest.raises(ModelImportError, match="folder"):
        import_model(tmp_path)


def test_h5_without_model_config(tmp_path: Path) -> None:
    import h5py

    path = tmp_path / "weights.h5"
    with h5py.File(path, "w") as f:
        f.create_dataset("kernel", data=[1.0, 2.0])
    with pytest.raises(ModelImportError, match="model_config"):
        import_model(path)
    fake = tmp_path / "fake.h5"
    fake.write_bytes(b"\x89HDF\r\n\x1a\n" + b"\0" * 64)
    with pytest.raises(ModelImportError, match="fake.h5"):
        import_model(fake)


def test_nonsense_class_names_become_generic_nodes() -> None:
    config = _functional(
        [
            _input("x", [None, 4]),
            _layer("__import__('os').system('false')", "odd", {"units": 3}, [["x", 0, 0]]),
            _layer("TotallyNotALayer", "weird", {}, [["odd", 0, 0]]),
        ],
        inputs=[["x", 0, 0]],
        outputs=[["weird", 0, 0]],
    )
    project = import_config(config)
    nodes = _names(project)
    assert nodes["odd"].type == GENERIC_TYPE
    assert nodes["odd"].params["class_name"] == "__import__('os').system('false')"
    assert nodes["weird"].type == GENERIC_TYPE
    assert _sources(project, "weird") == ["odd"]


def test_custom_class_with_a_keras_name_stays_generic() -> None:
    layer = _layer("Dense", "mine", {"units": 3}, [["x", 0, 0]])
    layer["module"] = "my_package.layers"
    layer["registered_name"] = "my_package>Dense"
    project = import_config(
        _functional([_input("x", [None, 4]), layer], [["x", 0, 0]], [["mine", 0, 0]])
    )
    node = project.graph.by_name("mine")
    assert node.type == GENERIC_TYPE
    assert node.params["module"] == "my_package.layers"
    assert node.params["registered_name"] == "my_package>Dense"
    assert "custom class" in project.extra["import"]["generic"]["mine"]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 300) | st.floats(-10, 10) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
_BASE: dict[str, Any] = {}


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_paths(v, (*prefix, i)))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(choices=st.lists(st.tuples(st.integers(0, 10_000), _JSON), min_size=1, max_size=3))
def test_mutated_configs_give_a_project_or_a_clear_error(choices: list[tuple[int, Any]]) -> None:
    if not _BASE:
        _BASE.update(_functional(*_DENSE_CONCAT))
    config = copy.deepcopy(_BASE)
    for index, value in choices:
        paths = _paths(config)
        path = paths[index % len(paths)]
        if not path:
            config = value
            continue
        target = config
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    try:
        project = import_config(config)
    except ModelImportError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert len(project.graph) >= 1


# -- Keras 2 (legacy) formats -----------------------------------------------------------
def _input(name: str, batch_shape: list) -> dict[str, Any]:
    return {
        "class_name": "InputLayer",
        "config": {
            "batch_input_shape": batch_shape,
            "dtype": "float32",
            "sparse": False,
            "ragged": False,
            "name": name,
        },
        "name": name,
        "inbound_nodes": [],
    }


def _dense_config(name: str, units: int, activation: str = "linear") -> dict[str, Any]:
    return {
        "name": name,
        "trainable": True,
        "dtype": "float32",
        "units": units,
        "activation": activation,
        "use_bias": True,
        "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
        "bias_initializer": {"class_name": "Zeros", "config": {}},
        "kernel_regularizer": None,
        "bias_regularizer": None,
        "activity_regularizer": None,
        "kernel_constraint": None,
        "bias_constraint": None,
    }


def _layer(cls: str, name: str, config: dict[str, Any], *calls: list) -> dict[str, Any]:
    inbound = [[[*ref, {}] for ref in call] for call in calls]
    if cls == "Dense" and "units" in config and "use_bias" not in config:
        config = _dense_config(name, **config)
    return {
        "class_name": cls,
        "config": {"name": name, **config},
        "name": name,
        "inbound_nodes": inbound,
    }


def _functional(layers: list, inputs: list, outputs: list) -> dict[str, Any]:
    return {
        "class_name": "Functional",
        "config": {
            "name": "model",
            "layers": layers,
            "input_layers": inputs,
            "output_layers": outputs,
        },
        "keras_version": "2.8.0",
        "backend": "tensorflow",
    }


_DENSE_CONCAT = (
    [
        _input("x", [None, 8]),
        _layer("Dense", "d", {"units": 4, "activation": "relu"}, [["x", 0, 0]]),
        _layer("Dense", "e", {"units": 4}, [["x", 0, 0]]),
        _layer(
            "Concatenate",
            "c",
            {"trainable": True, "dtype": "float32", "axis": -1},
            [["d", 0, 0], ["e", 0, 0]],
        ),
    ],
    [["x", 0, 0]],
    [["c", 0, 0]],
)


def test_keras2_functional_config_maps_to_catalog_nodes(keras_fresh: Any) -> None:
    from netbuilder.core.builder import build_model

    project = import_config(_functional(*_DENSE_CONCAT))
    nodes = _names(project)
    assert nodes["x"].type == "Input" and nodes["x"].params == {"shape": (8,)}
    assert nodes["d"].type == "Dense" and nodes["d"].params == {"units": 4, "activation": "relu"}
    assert nodes["e"].params == {"units": 4}
    assert nodes["c"].type == "Concatenate" and _sources(project, "c") == ["d", "e"]
    assert [project.graph.nodes[i].name for i in project.graph.outputs] == ["c"]
    model = build_model(project.graph)
    assert tuple(model.outputs[0].shape) == (None, 8)
    assert model.count_params() == 2 * (8 * 4 + 4)


def test_keras2_h5_file(tmp_path: Path, keras_fresh: Any) -> None:
    import h5py

    path = tmp_path / "old.h5"
    with h5py.File(path, "w") as f:
        f.attrs["model_config"] = json.dumps(_functional(*_DENSE_CONCAT)).encode("utf-8")
        f.attrs["keras_version"] = "2.8.0"
    project = import_model(path)
    assert [n.name for n in project.graph] == ["x", "d", "e", "c"]
    assert project.extra["import"]["format"] == "h5"
    assert is_model_file(path)


def test_keras2_sequential_with_batch_input_shape_on_first_layer() -> None:
    first = _dense_config("hidden", 5, "relu")
    first["batch_input_shape"] = [None, 7]
    config = {
        "class_name": "Sequential",
        "config": {
            "name": "sequential",
            "layers": [
                {"class_name": "Dense", "config": first},
                {"class_name": "Dense", "config": _dense_config("out", 1, "sigmoid")},
            ],
        },
    }
    project = import_config(config)
    names = [n.name for n in project.graph]
    assert names == ["input_layer", "hidden", "out"]
    assert project.graph.by_name("input_layer").params == {"shape": (7,)}
    assert project.graph.by_name("hidden").params == {"units": 5, "activation": "relu"}
    assert _sources(project, "out") == ["hidden"]


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
    layer = _layer("MultiHeadAttention", "mha", mha)
    layer["inbound_nodes"] = [[["q", 0, 0, {"value": ["v", 0, 0], "key": ["k", 0, 0]}]]]
    config = _functional(
        [_input("q", [None, 4, 8]), _input("v", [None, 6, 8]), _input("k", [None, 6, 8]), layer],
        inputs=[["q", 0, 0], ["v", 0, 0], ["k", 0, 0]],
        outputs=[["mha", 0, 0]],
    )
    project = import_config(config)
    assert project.graph.by_name("mha").type == "MultiHeadAttention"
    assert _sources(project, "mha") == ["q", "v", "k"]


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
    assert _sources(project, "j") == ["c", "a", "b"]


def test_mha_key_keyword_goes_to_the_key_slot(keras_fresh: Any) -> None:
    keras = keras_fresh
    q = keras.Input((4, 8), name="q")
    v = keras.Input((6, 8), name="v")
    k = keras.Input((6, 8), name="k")
    out = keras.layers.MultiHeadAttention(2, 4, name="mha")(q, v, key=k)
    project = import_config(json.loads(keras.Model([q, v, k], out).to_json()))
    assert project.graph.by_name("mha").type == "MultiHeadAttention"
    assert _sources(project, "mha") == ["q", "v", "k"]


def test_shared_layer_becomes_copies_with_a_note(keras_fresh: Any) -> None:
    from netbuilder.core.builder import build_model

    keras = keras_fresh
    x = keras.Input((3,), name="x")
    shared = keras.layers.Dense(3, name="sh")
    y = keras.layers.Dense(3, name="sh_call2")(shared(shared(x)))  # a name that clashes
    project = import_config(json.loads(keras.Model(x, y).to_json()))
    names = [n.name for n in project.graph]
    assert names == ["x", "sh", "sh_call2_1", "sh_call2"]
    assert _sources(project, "sh_call2_1") == ["sh"]
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
    assert _sources(project, "encoder_dense") == ["dense"]
    assert _sources(project, "after") == ["encoder_dense"]
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
    assert _sources(project, "add") == ["t", "tower_t"]
    assert project.extra["import"]["shared_layers"]["tower"] == ["t", "tower_t"]


def test_unbuilt_sequential_gets_an_input_without_shape(keras_fresh: Any) -> None:
    keras = keras_fresh
    model = keras.Sequential([keras.layers.Dense(2, name="only")], name="unbuilt")
    project = import_config(json.loads(model.to_json()))
    inp = project.graph.by_name("input_layer")
    assert inp.type == "Input" and "shape" not in inp.params
    assert "input shape" in project.description["en"]


def test_call_arguments_are_recorded(keras_fresh: Any) -> None:
    keras = keras_fresh
    x = keras.Input((3,), name="x")
    y = keras.layers.Dropout(0.5, name="drop")(x, training=True)
    project = import_config(json.loads(keras.Model(x, y).to_json()))
    assert project.graph.by_name("drop").type == "Dropout"
    assert project.extra["import"]["call_arguments"] == {"drop": {"training": True}}
    assert "training=True" in project.description["en"]


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


def test_is_model_file(tmp_path: Path) -> None:
    (tmp_path / "a.keras").write_bytes(b"")
    (tmp_path / "m.json").write_text('{"class_name": "Sequential", "config": {}}')
    (tmp_path / "p.json").write_text('{"format": "netbuilder-project", "class_name": "x"}')
    (tmp_path / "p.nbproj").write_text('{"format": "netbuilder-project"}')
    (tmp_path / "noext").write_bytes(b"\x89HDF\r\n\x1a\n")
    assert is_model_file(tmp_path / "a.keras")
    assert is_model_file(tmp_path / "m.json")
    assert is_model_file(tmp_path / "noext")
    assert not is_model_file(tmp_path / "p.json")
    assert not is_model_file(tmp_path / "p.nbproj")
    assert not is_model_file(tmp_path / "missing.txt")


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
    assert _sources(project, outputs[0]) == ["pre"]
    assert _sources(project, "inner") == ["x"]


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


def test_keras2_nested_functional_node_indices_start_at_one() -> None:
    """tf.keras counted a nested model's own node, so its first call is node 1."""
    sub = {
        "class_name": "Functional",
        "config": {
            "name": "encoder",
            "layers": [
                _input("sub_in", [None, 4]),
                _layer("Dense", "inner", {"units": 3}, [["sub_in", 0, 0]]),
            ],
            "input_layers": [["sub_in", 0, 0]],
            "output_layers": [["inner", 0, 0]],
        },
        "name": "encoder",
        "inbound_nodes": [[["x", 0, 0, {}]]],
    }
    config = _functional(
        [
            _input("x", [None, 4]),
            sub,
            _layer("Dense", "after", {"units": 2}, [["encoder", 1, 0]]),
        ],
        inputs=[["x", 0, 0]],
        outputs=[["after", 0, 0], ["encoder", 1, 0]],
    )
    project = import_config(config)
    assert [n.name for n in project.graph] == ["x", "inner", "after"]
    assert _sources(project, "inner") == ["x"]
    assert _sources(project, "after") == ["inner"]
    assert [project.graph.nodes[i].name for i in project.graph.outputs] == ["after", "inner"]


def test_unzipped_keras_folder(tmp_path: Path, keras_fresh: Any) -> None:
    keras = keras_fresh
    model = keras.Sequential([keras.Input((3,), name="x"), keras.layers.Dense(2, name="d")])
    folder = tmp_path / "unzipped"
    keras.saving.save_model(model, folder, zipped=False)
    assert folder.is_dir()
    project = import_model(folder)
    assert [n.name for n in project.graph] == ["x", "d"]
    assert project.extra["import"]["format"] == "keras"
    assert is_model_file(folder)
    assert not is_model_file(tmp_path)


def _legacy_lstm(name: str, **changes: Any) -> dict[str, Any]:
    config = {
        "name": name,
        "trainable": True,
        "dtype": "float32",
        "return_sequences": False,
        "return_state": False,
        "go_backwards": False,
        "stateful": False,
        "unroll": False,
        "time_major": False,
        "units": 4,
        "activation": "tanh",
        "recurrent_activation": "sigmoid",
        "use_bias": True,
        "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
        "recurrent_initializer": {
            "class_name": "Orthogonal",
            "config": {"gain": 1.0, "seed": None},
        },
        "bias_initializer": {"class_name": "Zeros", "config": {}},
        "unit_forget_bias": True,
        "kernel_regularizer": None,
        "recurrent_regularizer": None,
        "bias_regularizer": None,
        "activity_regularizer": None,
        "kernel_constraint": None,
        "recurrent_constraint": None,
        "bias_constraint": None,
        "dropout": 0.0,
        "recurrent_dropout": 0.0,
        "implementation": 2,
    }
    config.update(changes)
    return config


def test_keras2_lstm_configs() -> None:
    """Keras 2 keys Keras 3 dropped are harmless at their old defaults; real settings are kept."""
    layers = [
        _input("x", [None, 5, 3]),
        _layer("LSTM", "plain", _legacy_lstm("plain", return_sequences=True), [["x", 0, 0]]),
        _layer("LSTM", "stateful", _legacy_lstm("stateful", stateful=True), [["plain", 0, 0]]),
    ]
    project = import_config(_functional(layers, [["x", 0, 0]], [["stateful", 0, 0]]))
    plain = project.graph.by_name("plain")
    assert plain.type == "LSTM"
    assert plain.params == {"units": 4, "return_sequences": True}
    stateful = project.graph.by_name("stateful")
    assert stateful.type == GENERIC_TYPE
    assert stateful.params["config"]["stateful"] is True
    assert "stateful" in project.extra["import"]["generic"]["stateful"]
