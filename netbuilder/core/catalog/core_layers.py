"""Input and the core layers: Dense, Activation, Embedding."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..params import ACTIVATIONS, BOOL, CHOICE, INITIALIZERS, INT, REQUIRED, SHAPE, STR, ParamSpec
from ..shapes import Shape, ShapeError
from .spec import LayerSpec, PortSpec

DTYPES = ("float32", "float16", "bfloat16", "float64", "int32", "int64", "uint8", "bool", "string")


def _input_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    shape = p.get("shape")
    if shape is None:
        raise ShapeError("param", "needs a shape, e.g. (28, 28, 1)", param="shape")
    return (p.get("batch_size"), *shape)


INPUT = LayerSpec(
    type="Input",
    category="Input",
    description="Model input: the shape of one sample (batch axis excluded).",
    params=(
        ParamSpec(
            "shape", SHAPE, REQUIRED, "Shape of one sample, without the batch axis.", key=True
        ),
        ParamSpec(
            "batch_size",
            INT,
            None,
            "Fixed batch size (usually left empty).",
            minimum=1,
            nullable=True,
            advanced=True,
        ),
        ParamSpec(
            "dtype",
            CHOICE,
            None,
            "Data type of the input; None means float32.",
            choices=(None, *DTYPES),
        ),
        ParamSpec("sparse", BOOL, False, "Whether the input is a sparse tensor.", advanced=True),
    ),
    shape_fn=_input_shape,
    ports=(),
    call_style="input",
    synonyms=("input layer", "placeholder", "вход", "входной слой"),
    doc_url="https://keras.io/api/layers/core_layers/input/",
)


def _dense_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    return (*inputs[0][:-1], p["units"])


def _dense_count(p: Mapping[str, Any], inputs: list[Shape], out: Shape) -> int:
    fan_in = inputs[0][-1]
    if fan_in is None:
        return 0
    return fan_in * p["units"] + (p["units"] if p["use_bias"] else 0)


DENSE = LayerSpec(
    type="Dense",
    category="Core",
    description="Fully connected layer: activation(dot(x, kernel) + bias).",
    params=(
        ParamSpec("units", INT, REQUIRED, "Number of output units (neurons).", minimum=1, key=True),
        ParamSpec(
            "activation",
            CHOICE,
            None,
            "Activation function; None means linear.",
            choices=ACTIVATIONS,
            key=True,
        ),
        ParamSpec("use_bias", BOOL, True, "Whether to add a bias vector."),
        ParamSpec(
            "kernel_initializer",
            CHOICE,
            "glorot_uniform",
            "Initializer of the weight matrix.",
            choices=INITIALIZERS,
            advanced=True,
        ),
        ParamSpec(
            "bias_initializer",
            CHOICE,
            "zeros",
            "Initializer of the bias vector.",
            choices=INITIALIZERS,
            advanced=True,
        ),
    ),
    shape_fn=_dense_shape,
    count_fn=_dense_count,
    ports=(PortSpec(min_rank=2, layout="(batch, ..., features)"),),
    synonyms=("fully connected", "linear", "fc", "perceptron", "полносвязный"),
    doc_url="https://keras.io/api/layers/core_layers/dense/",
)

_ = STR  # kept for entries added below that take free text

SPECS = (INPUT, DENSE)
