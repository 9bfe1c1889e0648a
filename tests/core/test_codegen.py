"""Code export: idiomatic layer lines, defaults omitted, names, determinism, the training main."""

from __future__ import annotations

import csv
import inspect
import os
import subprocess
import sys
from typing import Any

import pytest
from codegen_helpers import exec_export

from netbuilder.core.catalog import CATALOG, GENERIC_TYPE
from netbuilder.core.codegen import POSITIONAL, export_code
from netbuilder.core.codegen_text import VariableNamer, py_literal, py_str
from netbuilder.core.examples import example_names, load_example
from netbuilder.core.graph import Graph, Node, Ref, new_id
from netbuilder.core.project import Project, dumps, loads


def add(graph: Graph, type_name: str, name: str, params: dict | None = None, inputs=()) -> Node:
    node = Node(new_id(), type_name, name, dict(params or {}), [Ref(n.id) for n in inputs])
    graph.add_node(node)
    return node


def model_lines(project: Project) -> list[str]:
    code = export_code(project)
    start = code.index("def build_model()")
    end = code.index("\n\n", start)
    return [line.strip() for line in code[start:end].splitlines()[2:]]


def one_layer(type_name: str, params: dict, shape: tuple = (8,), dtype: str | None = None) -> str:
    g = Graph()
    x = add(g, "Input", "x", {"shape": shape, **({"dtype": dtype} if dtype else {})})
    node = add(g, type_name, "y", params, (x,))
    g.outputs.append(node.id)
    return model_lines(Project(g))[1]


def test_default_arguments_are_omitted():
    line = one_layer(
        "Dense",
        {
            "units": 4,
            "activation": None,
            "use_bias": True,
            "kernel_initializer": "glorot_uniform",
            "bias_initializer": "zeros",
        },
    )
    assert line == 'y = layers.Dense(4, name="y")(x)'
    line = one_layer(
        "Conv2D",
        {"filters": 32, "kernel_size": (8, 8), "strides": (1, 1), "padding": "valid"},
        shape=(28, 28, 1),
    )
    assert line == 'y = layers.Conv2D(32, 8, name="y")(x)'


def test_required_arguments_are_positional_and_tuples_stay_tuples():
    assert (
        one_layer("Conv2D", {"filters": 8, "kernel_size": (3, 5), "padding": "same"}, (9, 9, 1))
        == 'y = layers.Conv2D(8, (3, 5), padding="same", name="y")(x)'
    )
    assert (
        one_layer("Embedding", {"input_dim": 50, "output_dim": 10}, (20,), "int32")
        == 'y = layers.Embedding(50, 10, name="y")(x)'
    )
    assert (
        one_layer("Reshape", {"target_shape": (4, 2)}) == 'y = layers.Reshape((4, 2), name="y")(x)'
    )
    assert one_layer("Reshape", {"target_shape": (8,)}) == 'y = layers.Reshape((8,), name="y")(x)'
    assert (
        one_layer("MultiHeadAttention", {"num_heads": 2, "key_dim": 16}, (5, 8))
        == 'y = layers.MultiHeadAttention(num_heads=2, key_dim=16, name="y")(x)'
    )


def test_positional_table_follows_keras_signatures():
    from keras import layers

    for type_name, names in POSITIONAL.items():
        cls = getattr(layers, type_name, None)
        if cls is None or type_name == "Input":
            continue
        params = list(inspect.signature(cls.__init__).parameters)[1:]
        assert params[: len(names)] == list(names), type_name
    # Every catalog layer without a table entry passes only leading required args by position.
    for type_name, spec in CATALOG.items():
        if type_name in POSITIONAL:
            continue
        cls = getattr(layers, type_name)
        keras_params = list(inspect.signature(cls.__init__).parameters)[1:]
        required = [p.name for p in spec.params if p.required]
        assert keras_params[: len(required)] == required, type_name


def test_merges_wrappers_and_attention_calls():
    g = Graph()
    a = add(g, "Input", "a", {"shape": (5, 4)})
    b = add(g, "Input", "b", {"shape": (5, 4)})
    cat = add(g, "Concatenate", "cat", {"axis": 1}, (a, b))
    bi = add(
        g,
        "Bidirectional",
        "bi",
        {"layer": {"type": "LSTM", "params": {"units": 3, "return_sequences": True}}},
        (cat,),
    )
    att = add(g, "MultiHeadAttention", "att", {"num_heads": 1, "key_dim": 2}, (bi, bi))
    g.outputs.append(att.id)
    lines = model_lines(Project(g))
    assert 'cat = layers.Concatenate(axis=1, name="cat")([a, b])' in lines
    assert (
        'bi = layers.Bidirectional(layers.LSTM(3, return_sequences=True), name="bi")(cat)' in lines
    )
    assert 'att = layers.MultiHeadAttention(num_heads=1, key_dim=2, name="att")(bi, bi)' in lines
    assert lines[-1] == 'return keras.Model(inputs=[a, b], outputs=att, name="model")'


def test_generic_nodes_are_deserialized_from_a_config_literal():
    g = Graph()
    x = add(g, "Input", "x", {"shape": (8,)})
    noise = add(
        g, GENERIC_TYPE, "noise", {"class_name": "GaussianNoise", "config": {"stddev": 0.5}}, (x,)
    )
    g.outputs.append(noise.id)
    code = export_code(Project(g))
    assert "noise = keras.saving.deserialize_keras_object(" in code
    assert '"config": {"stddev": 0.5, "name": "noise"}' in code


def test_literals_round_trip():
    for value in [
        None,
        True,
        3,
        -1.5e-7,
        "a'b\"c\n\\",
        (1,),
        (2, 3),
        [],
        {"k": [1, (2, None)], "ß": {"nested": "ü"}},
        float("inf"),
    ]:
        assert eval(py_literal(value)) == value  # noqa: S307 - our own literal
    assert py_str("relu") == '"relu"'
    assert eval(py_literal(float("nan"))) != eval(py_literal(float("nan")))  # noqa: S307


def test_variable_names_are_sanitised_unique_and_shadow_nothing():
    namer = VariableNamer()
    got = [
        namer.name(n, "dense")
        for n in [
            "1st layer",
            "a b",
            "a_b",
            "a-b",
            "вход",
            "Слой 2",
            "class",
            "print",
            "keras",
            "layers",
            "model",
            "层",
            "层",
            "MaxPool2",
        ]
    ]
    assert got == [
        "dense_1st_layer",
        "a_b",
        "a_b_2",
        "a_b_3",
        "vkhod",
        "Sloy_2",
        "class_",
        "print_",
        "keras_",
        "layers_",
        "model_",
        "dense",
        "dense_2",
        "MaxPool2",
    ]


def test_names_of_the_data_module_are_not_shadowed():
    g = Graph()
    x = add(g, "Input", "load_data", {"shape": (8,)})
    y = add(g, "Dense", "parse_data_arg", {"units": 1}, (x,))
    g.outputs.append(y.id)
    lines = model_lines(Project(g))
    assert lines[0].startswith("load_data_ = keras.Input(")
    assert lines[1].startswith("parse_data_arg_ = layers.Dense(1,")


@pytest.mark.parametrize("name", example_names())
def test_export_is_deterministic_and_survives_a_save_load_round_trip(name):
    project = load_example(name)
    first = export_code(project)
    assert export_code(project) == first
    assert export_code(loads(dumps(project))) == first
    compile(first, name, "exec")


def test_training_main_uses_the_project_settings(keras_fresh, monkeypatch, tmp_path):
    keras = keras_fresh
    project = load_example("mlp")
    project.training.update(
        {
            "optimizer": "sgd",
            "learning_rate": 0.05,
            "momentum": 0.9,
            "epochs": 7,
            "batch_size": 16,
            "validation_split": 0.25,
            "early_stopping": {"patience": 2},
            "checkpoint": True,
        }
    )
    code = export_code(project)
    assert "return keras.optimizers.SGD(learning_rate=learning_rate, momentum=0.9)" in code
    assert "keras.callbacks.EarlyStopping(patience=2)" in code
    assert 'keras.callbacks.ModelCheckpoint(filepath="best.keras", save_best_only=True)' in code
    assert 'model = keras.saving.load_model("best.keras")' in code
    calls: list[tuple[Any, dict]] = []

    def record_fit(self, *args, **kwargs):
        calls.append((self, kwargs | {"x": args[0], "y": args[1]}))

    monkeypatch.setattr(keras.Model, "fit", record_fit)
    namespace = exec_export(project)
    monkeypatch.chdir(tmp_path)
    namespace["main"](["--data", "bag_of_words:samples=40", "--lr", "0.02"])
    ((model, kwargs),) = calls
    assert kwargs["epochs"] == 7 and kwargs["batch_size"] == 16
    assert kwargs["validation_split"] == 0.25 and kwargs["shuffle"] is True
    assert kwargs["x"].shape == (40, 1000) and kwargs["y"].shape == (40, 1)
    assert type(model.optimizer).__name__ == "SGD"
    assert float(model.optimizer.learning_rate) == pytest.approx(0.02)
    assert float(model.optimizer.momentum) == pytest.approx(0.9)
    assert [type(c).__name__ for c in kwargs["callbacks"]] == ["EarlyStopping", "ModelCheckpoint"]
    assert model.loss == "binary_crossentropy"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["mlp", "multi_io", "bidirectional"])
def test_script_trains_when_run(name, tmp_path):
    script = tmp_path / f"{name}.py"
    project = load_example(name)
    project.training["checkpoint"] = name == "mlp"
    script.write_text(export_code(project), encoding="utf-8")
    data = {"mlp": "bag_of_words", "multi_io": "multi_io", "bidirectional": "flying_ball"}[name]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="")
    done = subprocess.run(
        [
            sys.executable,
            str(script),
            "--data",
            f"{data}:samples=64",
            "--epochs",
            "1",
            "--batch-size",
            "16",
            "--save",
            "trained.keras",
            "--history",
            "history.csv",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "trained.keras").stat().st_size > 0
    with open(tmp_path / "history.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1 and float(rows[0]["loss"]) > 0 and "val_loss" in rows[0]
    assert (tmp_path / "best.keras").exists() == (name == "mlp")


def test_generic_layer_with_several_outputs_is_indexed_by_port(keras_fresh):
    from codegen_helpers import assert_same_model

    from netbuilder.core.builder import build_model

    g = Graph()
    x = add(g, "Input", "x", {"shape": (5, 3)})
    lstm = add(
        g,
        GENERIC_TYPE,
        "lstm",
        {"class_name": "LSTM", "config": {"units": 4, "return_state": True}},
        (x,),
    )
    state_h = Node(new_id(), "Dense", "from_h", {"units": 2}, [Ref(lstm.id, 1)])
    g.add_node(state_h)
    both = Node(new_id(), "Concatenate", "both", {}, [Ref(lstm.id, 0), Ref(lstm.id, 2)])
    g.add_node(both)
    g.outputs.extend([state_h.id, both.id])
    project = Project(g, training={"loss": "mse"})
    lines = model_lines(project)
    assert 'from_h = layers.Dense(2, name="from_h")(lstm[1])' in lines
    assert 'both = layers.Concatenate(name="both")([lstm[0], lstm[2]])' in lines
    built = build_model(g)
    exported = exec_export(project)["build_model"]()
    assert_same_model(exported, built)
    assert [tuple(t.shape) for t in built.outputs] == [(None, 2), (None, 8)]


def test_export_errors_name_the_node():
    from netbuilder.core.keras_layers import BuildError

    g = Graph()
    x = add(g, "Input", "inp", {})
    d = add(g, "Dense", "head", {"activation": "relu"}, (x,))
    g.outputs.append(d.id)
    with pytest.raises(BuildError, match="Input 'inp': Input needs shape"):
        export_code(Project(g))
    g.nodes[x.id].params["shape"] = (3,)
    with pytest.raises(BuildError, match="Dense 'head': Dense needs units"):
        export_code(Project(g))
    g.outputs.clear()
    with pytest.raises(BuildError, match="model output"):
        export_code(Project(g))


def test_all_imports_sit_at_the_top_once():
    import ast

    code = export_code(load_example("mlp"))
    tree = ast.parse(code)
    kinds = [isinstance(s, (ast.Import, ast.ImportFrom)) for s in tree.body]
    first_other = kinds.index(False, 1)  # after the module docstring
    assert not any(kinds[first_other:]), "an import below the header"
    imports = [ast.unparse(s) for s, is_import in zip(tree.body, kinds, strict=True) if is_import]
    assert len(imports) == len(set(imports))
    assert imports[0] == "from __future__ import annotations"
    assert {"import keras", "from keras import layers", "import numpy as np"} <= set(imports)
