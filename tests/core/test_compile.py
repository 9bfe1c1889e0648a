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
from netbuilder.core.training.settings import TrainingSettings


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
