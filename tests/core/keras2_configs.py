"""Hand-written Keras 2 (tf.keras) model configs for the importer tests.

Keras 3 cannot write the old format, so these builders produce what tf.keras
2.x saved: ``batch_input_shape``, dtype strings, initializers without
``module`` and ``inbound_nodes`` as ``[[[layer, node, tensor, kwargs]]]``.
"""

from __future__ import annotations

from typing import Any


def legacy_input(name: str, batch_shape: list) -> dict[str, Any]:
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


def dense_config(name: str, units: int, activation: str = "linear") -> dict[str, Any]:
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


def legacy_layer(cls: str, name: str, config: dict[str, Any], *calls: list) -> dict[str, Any]:
    inbound = [[[*ref, {}] for ref in call] for call in calls]
    if cls == "Dense" and "units" in config and "use_bias" not in config:
        config = dense_config(name, **config)
    return {
        "class_name": cls,
        "config": {"name": name, **config},
        "name": name,
        "inbound_nodes": inbound,
    }


def legacy_functional(layers: list, inputs: list, outputs: list) -> dict[str, Any]:
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


DENSE_CONCAT = (
    [
        legacy_input("x", [None, 8]),
        legacy_layer("Dense", "d", {"units": 4, "activation": "relu"}, [["x", 0, 0]]),
        legacy_layer("Dense", "e", {"units": 4}, [["x", 0, 0]]),
        legacy_layer(
            "Concatenate",
            "c",
            {"trainable": True, "dtype": "float32", "axis": -1},
            [["d", 0, 0], ["e", 0, 0]],
        ),
    ],
    [["x", 0, 0]],
    [["c", 0, 0]],
)


def legacy_lstm(name: str, **changes: Any) -> dict[str, Any]:
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
