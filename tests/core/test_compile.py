"""Compile specs: optimizer, losses, metrics and callbacks from TrainingSettings."""

from __future__ import annotations

import inspect

import pytest

from netbuilder.core.graph import Graph, Node, Ref
from netbuilder.core.training.compile import (
    OPTIMIZER_CLASSES,
    OPTIMIZER_DEFAULTS,
    CompileError,
    callback_specs,
    is_classification,
    optimizer_spec,
    resolve_losses,
    resolve_metrics,
)
from netbuilder.core.training.settings import OPTIMIZERS, TrainingSettings


def chain(*layers: tuple[str, str, dict]) -> Graph:
    """Input(8,) followed by ``layers`` (type, name, params); the last one is the output."""
    g = Graph()
    g.nodes["in"] = Node("in", "Input", "x", {"shape": (8,)})
    prev = "in"
    for type_name, name, params in layers:
        g.nodes[name] = Node(name, type_name, name, dict(params), [Ref(prev)])
        prev = name
    g.outputs.append(prev)
    return g


def test_optimizer_spec_defaults_and_extras() -> None:
    assert optimizer_spec(TrainingSettings()) == ("Adam", {"learning_rate": 0.001})
    assert optimizer_spec(TrainingSettings(optimizer="sgd", learning_rate=0.1, momentum=0.9)) == (
        "SGD",
        {"learning_rate": 0.1, "momentum": 0.9},
    )
    assert optimizer_spec(TrainingSettings(optimizer="adamw", weight_decay=0.01)) == (
        "AdamW",
        {"learning_rate": 0.001, "weight_decay": 0.01},
    )
    # AdamW's own default weight decay is left out; momentum means nothing to Adam.
    assert optimizer_spec(TrainingSettings(optimizer="adamw", weight_decay=0.004))[1] == {
        "learning_rate": 0.001
    }
    assert optimizer_spec(TrainingSettings(optimizer="adam", momentum=0.9))[1] == {
        "learning_rate": 0.001
    }
    with pytest.raises(CompileError, match="unknown optimizer 'lion'"):
        optimizer_spec(TrainingSettings(optimizer="lion"))


def test_every_offered_optimizer_compiles() -> None:
    # settings.OPTIMIZERS (the choices in the form and the CLI) and compile's class map
    # are kept in two modules; they must name the same optimizers in the same order.
    assert tuple(OPTIMIZER_CLASSES) == OPTIMIZERS


def test_optimizer_defaults_match_keras() -> None:
    keras = pytest.importorskip("keras")
    for cls in OPTIMIZER_CLASSES.values():
        sig = inspect.signature(getattr(keras.optimizers, cls))
        for arg, default in OPTIMIZER_DEFAULTS[cls].items():
            assert sig.parameters[arg].default == default, (cls, arg)


@pytest.mark.parametrize(
    ("layers", "expected"),
    [
        ([("Dense", "d", {"units": 1, "activation": "sigmoid"})], "binary_crossentropy"),
        (
            [("Dense", "d", {"units": 3, "activation": "softmax"})],
            "sparse_categorical_crossentropy",
        ),
        (
            [("Dense", "d", {"units": 3})],
            ("SparseCategoricalCrossentropy", {"from_logits": True}),
        ),
        ([("Dense", "d", {"units": 1})], "mean_squared_error"),
        ([("Dense", "d", {"units": 4, "activation": "relu"})], "mean_squared_error"),
        (
            [
                ("Dense", "d", {"units": 3, "activation": "softmax"}),
                ("Dropout", "drop", {"rate": 0.5}),
            ],
            "sparse_categorical_crossentropy",
        ),
    ],
)
def test_auto_losses(layers: list, expected: object) -> None:
    g = chain(*layers)
    out_name = layers[-1][1]
    assert resolve_losses(g, TrainingSettings()) == {out_name: expected}


def test_explicit_loss_wins_and_gets_from_logits_without_activation() -> None:
    g = chain(("Dense", "d", {"units": 3}))
    s = TrainingSettings(loss="categorical_crossentropy")
    assert resolve_losses(g, s) == {"d": ("CategoricalCrossentropy", {"from_logits": True})}
    g2 = chain(("Dense", "d", {"units": 1, "activation": "sigmoid"}))
    assert resolve_losses(g2, TrainingSettings(loss={"d": "huber"})) == {"d": "huber"}


def test_metrics_accuracy_only_for_classification() -> None:
    reg = chain(("Dense", "d", {"units": 1}))
    cls = chain(("Dense", "d", {"units": 1, "activation": "sigmoid"}))
    s = TrainingSettings(metrics=["accuracy", "mae"])
    assert resolve_metrics(reg, s) == {"d": ["mae"]}
    assert resolve_metrics(cls, s) == {"d": ["accuracy", "mae"]}
    assert is_classification(("SparseCategoricalCrossentropy", {"from_logits": True}))
    assert not is_classification("huber")


def test_callback_specs() -> None:
    s = TrainingSettings(
        early_stopping={"patience": 3, "restore_best_weights": True},
        reduce_lr={"factor": 0.5},
        checkpoint=True,
        tensorboard="logs/run1",
    )
    specs = callback_specs(s, run_dir="/tmp/r")
    assert specs == [
        ("EarlyStopping", {"patience": 3, "restore_best_weights": True}),
        ("ReduceLROnPlateau", {"factor": 0.5}),
        ("ModelCheckpoint", {"filepath": "/tmp/r/best.keras", "save_best_only": True}),
        ("TensorBoard", {"log_dir": "logs/run1"}),
    ]
    no_val = callback_specs(TrainingSettings(validation_split=0.0, early_stopping={}))
    assert no_val == [("EarlyStopping", {"monitor": "loss"})]
    with pytest.raises(CompileError, match="pateince"):
        callback_specs(TrainingSettings(early_stopping={"pateince": 3}))


def test_callback_specs_construct_in_keras() -> None:
    keras = pytest.importorskip("keras")
    s = TrainingSettings(
        early_stopping={"patience": 2}, reduce_lr={"min_lr": 1e-5}, checkpoint=True
    )
    for name, kwargs in callback_specs(s, run_dir="/tmp"):
        getattr(keras.callbacks, name)(**kwargs)


def test_losses_for_targets_swaps_sparse_and_categorical() -> None:
    import numpy as np

    from netbuilder.core.training.compile import losses_for_targets

    one_hot = np.eye(3)[[0, 1, 2, 1]]
    labels = np.array([0, 1, 2, 1])
    assert losses_for_targets({"d": "sparse_categorical_crossentropy"}, {"d": one_hot}) == {
        "d": "categorical_crossentropy"
    }
    assert losses_for_targets({"d": "categorical_crossentropy"}, {"d": labels[:, None]}) == {
        "d": "sparse_categorical_crossentropy"
    }
    logits = ("SparseCategoricalCrossentropy", {"from_logits": True})
    assert losses_for_targets({"d": logits}, {"d": one_hot}) == {
        "d": ("CategoricalCrossentropy", {"from_logits": True})
    }
    # Matching encodings, other losses and outputs without targets stay as they are.
    assert losses_for_targets({"d": logits}, {"d": labels}) == {"d": logits}
    assert losses_for_targets({"d": "huber", "e": "categorical_crossentropy"}, {"d": one_hot}) == {
        "d": "huber",
        "e": "categorical_crossentropy",
    }


def two_output_project():
    from netbuilder.core.project import Project

    g = chain(("Dense", "hidden", {"units": 4, "activation": "relu"}))
    g.nodes["cls"] = Node("cls", "Dense", "cls", {"units": 3}, [Ref("hidden")])
    g.nodes["reg"] = Node("reg", "Dense", "reg", {"units": 1}, [Ref("hidden")])
    g.outputs[:] = ["cls", "reg"]
    settings = TrainingSettings(optimizer="sgd", learning_rate=0.05, momentum=0.9, seed=3)
    return Project(g, training=settings.to_dict())


def test_build_and_compile_multi_output_with_strategy(keras_fresh) -> None:
    import numpy as np
    import tensorflow as tf

    from netbuilder.core.training.compile import build_and_compile
    from netbuilder.core.training.evaluation import evaluate, predict_one

    project = two_output_project()
    strategy = tf.distribute.MirroredStrategy(["/cpu:0"])
    model = build_and_compile(project, strategy=strategy)
    assert type(model.optimizer).__name__ == "SGD"
    config = model.optimizer.get_config()
    assert config["learning_rate"] == pytest.approx(0.05)
    assert config["momentum"] == pytest.approx(0.9)
    assert model.distribute_strategy is strategy
    again = build_and_compile(project)  # the seed makes the initial weights repeatable
    for a, b in zip(model.get_weights(), again.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    x = np.random.default_rng(0).normal(size=(32, 8)).astype("float32")
    y = {"cls": np.arange(32) % 3, "reg": x[:, :1]}
    history = again.fit(x, y, epochs=1, batch_size=16, verbose=0).history
    assert {"cls_loss", "reg_loss", "cls_accuracy", "reg_mae"} <= set(history)
    losses = {"cls": ("SparseCategoricalCrossentropy", {"from_logits": True}), "reg": "mse"}
    result = evaluate(again, x, y, losses, {"cls": ["a", "b", "c"]})
    assert result["output"] == "cls" and result["class_names"] == ["a", "b", "c"]
    assert np.array(result["confusion_matrix"]).sum() == 32
    one = predict_one(again, x[0], losses)
    assert set(one) == {"cls", "reg"} and 0 <= one["cls"]["class"] < 3
    assert sum(one["cls"]["probabilities"]) == pytest.approx(1.0)
    assert "class" not in one["reg"] and len(one["reg"]["values"]) == 1


def test_tensorboard_without_its_package_fails_before_training(monkeypatch) -> None:
    import importlib.util

    from netbuilder.core.training.compile import make_callbacks

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "tensorboard" else real(name, *a),
    )
    specs = callback_specs(TrainingSettings(tensorboard="logs"))
    with pytest.raises(CompileError, match="TensorBoard logs need the tensorboard package"):
        make_callbacks(specs)
    assert make_callbacks(callback_specs(TrainingSettings(early_stopping={}))) != []
