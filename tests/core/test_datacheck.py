"""Data-aware set-up checks: each mismatch gives its sentence, and its fix resolves it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from netbuilder.core.edits import AddNode, Connect, InsertOutput, make_node
from netbuilder.core.graph import Graph
from netbuilder.core.training.datacheck import DataProblem, check_data, setup_from_data
from netbuilder.core.training.settings import TrainingSettings
from netbuilder.core.training.standalone import BUILTIN_DATASETS, load_data


def chain(*layers: tuple[str, str, dict[str, Any]]) -> Graph:
    """A straight graph of (type, name, params); the last node is the model output."""
    g = Graph()
    prev = None
    for type_name, name, params in layers:
        node = make_node(g, type_name, params, name=name)
        AddNode(node).apply(g)
        if prev is not None:
            Connect(prev, node.id).apply(g)
        prev = node.id
    InsertOutput(prev).apply(g)
    return g


def mlp(shape=(1000,), units=1, activation="sigmoid") -> Graph:
    return chain(
        ("Input", "x", {"shape": shape}),
        ("Dense", "dense", {"units": 16, "activation": "relu"}),
        ("Dense", "dense_3", {"units": units, "activation": activation}),
    )


def embedding_model(input_dim=50, dtype=None, length=1000) -> Graph:
    params: dict[str, Any] = {"shape": (length,)}
    if dtype:
        params["dtype"] = dtype
    return chain(
        ("Input", "tokens", params),
        ("Embedding", "embedding", {"input_dim": input_dim, "output_dim": 8}),
        ("GlobalAveragePooling1D", "pool", {}),
        ("Dense", "out", {"units": 1, "activation": "sigmoid"}),
    )


def only(problems: list[DataProblem], code: str) -> DataProblem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [p.message for p in problems]
    return found[0]


def fix_and_recheck(graph: Graph, settings: TrainingSettings, problem: DataProblem, x, y):
    if problem.fix_edit is not None:
        problem.fix_edit.apply(graph)
    if problem.fix_settings:
        settings = replace(settings, **problem.fix_settings)
    return check_data(graph, settings, x, y), settings


SETTINGS = TrainingSettings()
BOW = BUILTIN_DATASETS["bag_of_words"](50, seed=0)


def test_fitting_data_has_no_problems() -> None:
    x, y = {"x": BOW[0][0]}, {"dense_3": BOW[1][0]}
    assert check_data(mlp(), SETTINGS, x, y) == []
    (tokens,), (label,) = BUILTIN_DATASETS["long_memory"](40, seed=0)
    graph = embedding_model(dtype="int32")
    assert check_data(graph, SETTINGS, {"tokens": tokens}, {"out": label}) == []


def test_input_shape_mismatch() -> None:
    graph = mlp(shape=(28, 28, 1))
    images = np.zeros((10, 64, 64, 1), dtype="float32")
    x, y = {"x": images}, {"dense_3": np.zeros((10, 1), dtype="int32")}
    problem = only(check_data(graph, SETTINGS, x, y), "input_shape")
    assert problem.message == (
        "Input 'x' expects (28, 28, 1) per sample, but the data has (64, 64, 1). "
        "Set Input 'x' to (64, 64, 1)."
    )
    assert problem.node_id == graph.by_name("x").id
    after, _ = fix_and_recheck(graph, SETTINGS, problem, x, y)
    assert not [p for p in after if p.code == "input_shape"]
    assert tuple(graph.by_name("x").params["shape"]) == (64, 64, 1)


def test_units_for_integer_classes() -> None:
    graph = mlp(units=1, activation="sigmoid")
    (x_ball,), (y_ball,) = BUILTIN_DATASETS["flying_ball"](60, seed=0)
    x, y = {"x": x_ball.reshape(60, 50)}, {"dense_3": y_ball}
    graph.by_name("x").params["shape"] = (50,)
    problems = check_data(graph, SETTINGS, x, y)
    problem = only(problems, "units")
    assert problem.message == (
        "'dense_3' has 1 unit(s) but the targets have 10 classes. "
        "Set 'dense_3' units to 10 for 10 classes."
    )
    after, _ = fix_and_recheck(graph, SETTINGS, problem, x, y)
    assert after == []
    dense = graph.by_name("dense_3").params
    assert dense["units"] == 10 and dense["activation"] == "softmax"


def test_categorical_loss_with_integer_labels() -> None:
    graph = mlp(units=10, activation="softmax", shape=(50,))
    settings = replace(SETTINGS, loss="categorical_crossentropy")
    x = {"x": np.zeros((20, 50), dtype="float32")}
    y = {"dense_3": np.arange(20, dtype="int32") % 10}
    problem = only(check_data(graph, settings, x, y), "loss")
    assert "Use sparse_categorical_crossentropy for integer labels." in problem.message
    assert "(0..9)" in problem.message and problem.fix_edit is None
    after, settings = fix_and_recheck(graph, settings, problem, x, y)
    assert after == [] and settings.loss == "sparse_categorical_crossentropy"


def test_one_hot_targets() -> None:
    graph = mlp(units=3, activation="softmax", shape=(4,))
    settings = replace(SETTINGS, loss="sparse_categorical_crossentropy")
    x = {"x": np.zeros((6, 4), dtype="float32")}
    y = {"dense_3": np.eye(5, dtype="float32")[np.arange(6) % 5]}
    problems = check_data(graph, settings, x, y)
    units = only(problems, "units")
    assert units.message == (
        "'dense_3' has 3 unit(s) but the targets have 5 classes (one-hot). "
        "Set 'dense_3' units to 5."
    )
    loss = only(problems, "loss")
    assert "Use categorical_crossentropy for one-hot labels." in loss.message
    edit, fixed = setup_from_data(graph, settings, x, y)
    edit.apply(graph)
    assert graph.by_name("dense_3").params["units"] == 5
    assert fixed.loss == "categorical_crossentropy"
    assert check_data(graph, fixed, x, y) == []


def test_sigmoid_on_integer_classes_with_auto_loss() -> None:
    graph = mlp(units=10, activation="sigmoid", shape=(50,))
    x = {"x": np.zeros((20, 50), dtype="float32")}
    y = {"dense_3": np.arange(20, dtype="int32") % 10}
    problem = only(check_data(graph, SETTINGS, x, y), "activation")
    assert problem.message.endswith("one class per sample. Use softmax.")
    after, settings = fix_and_recheck(graph, SETTINGS, problem, x, y)
    assert after == [] and settings.loss == "auto"


def test_binary_softmax_and_sparse_loss() -> None:
    graph = mlp(units=1, activation="softmax")
    settings = replace(SETTINGS, loss="sparse_categorical_crossentropy")
    x, y = {"x": BOW[0][0]}, {"dense_3": BOW[1][0]}
    problems = check_data(graph, settings, x, y)
    assert "always outputs 1" in only(problems, "activation").message
    assert "Use binary_crossentropy for 0/1 labels." in only(problems, "loss").message
    edit, fixed = setup_from_data(graph, settings, x, y)
    edit.apply(graph)
    assert graph.by_name("dense_3").params["activation"] == "sigmoid"
    assert check_data(graph, fixed, x, y) == []


def test_continuous_targets_under_crossentropy() -> None:
    graph = mlp(units=1, activation="sigmoid", shape=(3,))
    x = {"x": np.zeros((8, 3), dtype="float32")}
    y = {"dense_3": np.linspace(-2.5, 7.0, 8, dtype="float32")[:, None]}
    problem = only(check_data(graph, SETTINGS, x, y), "loss")
    assert problem.message.startswith(
        "The targets of 'dense_3' are continuous values from -2.5 to 7, but the loss is "
        "binary_crossentropy"
    )
    after, settings = fix_and_recheck(graph, SETTINGS, problem, x, y)
    assert after == [] and settings.loss == "mean_squared_error"
    assert "activation" not in graph.by_name("dense_3").params


def test_regression_width() -> None:
    graph = mlp(units=1, activation=None, shape=(3,))
    x = {"x": np.zeros((8, 3), dtype="float32")}
    y = {"dense_3": np.random.default_rng(0).normal(size=(8, 2)).astype("float32")}
    problem = only(check_data(graph, SETTINGS, x, y), "units")
    assert "the targets have 2 values per sample. Set 'dense_3' units to 2." in problem.message
    # Two linear units would read as class logits under loss "auto": the set-up also
    # chooses mean_squared_error.
    edit, fixed = setup_from_data(graph, SETTINGS, x, y)
    edit.apply(graph)
    assert graph.by_name("dense_3").params["units"] == 2
    assert fixed.loss == "mean_squared_error"
    assert check_data(graph, fixed, x, y) == []


def test_integer_tokens_into_float_input() -> None:
    graph = embedding_model()
    (tokens,), (label,) = BUILTIN_DATASETS["long_memory"](30, seed=0)
    x, y = {"tokens": tokens}, {"out": label}
    problem = only(check_data(graph, SETTINGS, x, y), "input_dtype")
    assert problem.message == (
        "Input 'tokens' is float32, but it feeds Embedding 'embedding', which needs integer "
        "token ids, and the data holds whole numbers. Set the dtype of Input 'tokens' to int32."
    )
    after, _ = fix_and_recheck(graph, SETTINGS, problem, x, y)
    assert after == [] and graph.by_name("tokens").params["dtype"] == "int32"


def test_fractions_into_embedding_have_no_fix() -> None:
    graph = embedding_model(dtype="int32", length=4)
    x = {"tokens": np.full((5, 4), 0.5, dtype="float32")}
    problem = only(check_data(graph, SETTINGS, x, {"out": np.zeros((5, 1))}), "input_fractions")
    assert "holds fractions (e.g. 0.5)" in problem.message
    assert not problem.fixable


def test_vocabulary_larger_than_input_dim() -> None:
    graph = embedding_model(input_dim=20, dtype="int32", length=10)
    x = {"tokens": np.arange(40, dtype="int32").reshape(4, 10)}
    y = {"out": np.array([0, 1, 0, 1], dtype="int32")}
    problem = only(check_data(graph, SETTINGS, x, y), "vocabulary")
    assert problem.message == (
        "Embedding 'embedding' has input_dim=20, but the data for Input 'tokens' holds token "
        "ids up to 39. Set input_dim of 'embedding' to 40."
    )
    after, _ = fix_and_recheck(graph, SETTINGS, problem, x, y)
    assert after == []


def test_missing_arrays_and_sample_counts() -> None:
    graph = mlp(shape=(3,))
    problems = check_data(graph, SETTINGS, {"other": np.zeros((4, 3))}, {"dense_3": np.zeros(5)})
    assert "no array for Input 'x'" in only(problems, "missing_input").message
    assert "'other' 4, 'dense_3' 5" in only(problems, "samples").message
    problems = check_data(graph, SETTINGS, {"x": np.zeros((4, 3))}, {})
    assert "no targets for output 'dense_3'" in only(problems, "missing_target").message
    assert not any(p.fixable for p in problems)


def test_setup_from_data_fixes_everything_in_one_undoable_edit() -> None:
    """Several problems at once, on a two-output model; undo restores the graph."""
    g = Graph()
    nodes = {
        "features": make_node(g, "Input", {"shape": (8,)}, name="features"),
        "tokens": make_node(g, "Input", {"shape": (7,)}, name="tokens"),
    }
    for node in nodes.values():
        AddNode(node).apply(g)
    emb = make_node(g, "Embedding", {"input_dim": 10, "output_dim": 4}, name="embedding")
    pool = make_node(g, "GlobalAveragePooling1D", {}, name="pool")
    cat = make_node(g, "Concatenate", {}, name="cat")
    score = make_node(g, "Dense", {"units": 1}, name="score")
    label = make_node(g, "Dense", {"units": 1, "activation": "sigmoid"}, name="label")
    for node in (emb, pool, cat, score, label):
        AddNode(node).apply(g)
    Connect(nodes["tokens"].id, emb.id).apply(g)
    Connect(emb.id, pool.id).apply(g)
    Connect(nodes["features"].id, cat.id).apply(g)
    Connect(pool.id, cat.id).apply(g)
    Connect(cat.id, score.id).apply(g)
    Connect(cat.id, label.id).apply(g)
    InsertOutput(score.id).apply(g)
    InsertOutput(label.id).apply(g)
    settings = replace(SETTINGS, loss={"score": "mean_squared_error", "label": "auto"})
    (features, tokens), (score_y, label_y) = BUILTIN_DATASETS["multi_io"](40, seed=0)
    label_y = np.arange(40, dtype="int32") % 3  # three classes now
    x, y = {"features": features, "tokens": tokens}, {"score": score_y, "label": label_y}
    problems = check_data(g, settings, x, y)
    codes = sorted(p.code for p in problems)
    assert codes == ["input_dtype", "input_shape", "input_shape", "units", "vocabulary"], [
        p.message for p in problems
    ]
    before = g.copy()
    edit, fixed = setup_from_data(g, settings, x, y)
    inverse = edit.apply(g)
    assert check_data(g, fixed, x, y) == []
    assert g.by_name("tokens").params == {"shape": (20,), "dtype": "int32"}
    assert g.by_name("features").params == {"shape": (16,)}
    assert g.by_name("embedding").params["input_dim"] == 30
    assert g.by_name("label").params == {"units": 3, "activation": "softmax"}
    assert fixed.loss == settings.loss
    inverse.apply(g)
    assert {n.name: n.params for n in g} == {n.name: n.params for n in before}


@pytest.mark.parametrize("name", ["bag_of_words", "shapes_64", "flying_ball", "keywords"])
def test_setup_from_data_builds_a_working_head(name: str) -> None:
    """A generic starter graph set up from each dataset has no problems left."""
    inputs, targets = BUILTIN_DATASETS[name](30, seed=0)
    graph = mlp(shape=(5,), units=1, activation="sigmoid")
    if inputs[0].ndim > 2:
        graph = chain(
            ("Input", "x", {"shape": (5,)}),
            ("Flatten", "flat", {}),
            ("Dense", "dense_3", {"units": 1, "activation": "sigmoid"}),
        )
    x, y = {"x": inputs[0]}, {"dense_3": targets[0]}
    edit, fixed = setup_from_data(graph, SETTINGS, x, y)
    edit.apply(graph)
    assert check_data(graph, fixed, x, y) == []
    assert tuple(graph.by_name("x").params["shape"]) == inputs[0].shape[1:]


EXAMPLES = sorted((Path(__file__).parents[2] / "resources" / "examples").glob("*.nbproj"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_fits_its_builtin_data(path: Path) -> None:
    """No false alarms: each shipped example and its own dataset pass the check."""
    from netbuilder.core.project import load

    project = load(path)
    graph = project.graph
    x, y = load_data(
        {**project.data, "samples": 64},
        [n.name for n in graph.input_nodes()],
        [n.name for n in graph.output_nodes()],
    )
    settings = TrainingSettings.from_dict(project.training)
    assert check_data(graph, settings, x, y) == []
