"""Input and the core layers: Dense, Embedding, Activation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..messages import tr
from ..params import ACTIVATIONS, BOOL, CHOICE, INT, REQUIRED, SHAPE, ParamSpec
from ..shapes import Shape, ShapeError
from .common import activation, initializer, known_axis, same_shape, use_bias
from .spec import LayerSpec, PortSpec

DTYPES = ("float32", "float16", "bfloat16", "float64", "int32", "int64", "uint8", "bool", "string")


def _input_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    shape = p.get("shape")
    if shape is None:
        raise ShapeError("param", tr("needs a shape, e.g. (28, 28, 1)"), param="shape")
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
        # keras.Input's default is None (treated as False).
        ParamSpec(
            "sparse",
            BOOL,
            None,
            "Whether the input is a sparse tensor.",
            nullable=True,
            advanced=True,
        ),
    ),
    shape_fn=_input_shape,
    ports=(),
    call_style="input",
    synonyms=("input layer", "placeholder", "вход", "входной слой"),
    doc_url="https://keras.io/api/layers/core_layers/input/",
    starter_params={"shape": (32,)},
)


def _dense_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    # Keras cannot build a kernel for an unknown number of input features.
    known_axis(inputs[0], -1, "input features")
    return (*inputs[0][:-1], p["units"])


def _dense_count(p: Mapping[str, Any], inputs: list[Shape], out: Shape) -> int:
    fan_in = known_axis(inputs[0], -1, "input features")
    return fan_in * p["units"] + (p["units"] if p["use_bias"] else 0)


DENSE = LayerSpec(
    type="Dense",
    category="Core",
    description="Fully connected layer: activation(dot(x, kernel) + bias).",
    params=(
        ParamSpec("units", INT, REQUIRED, "Number of output units (neurons).", minimum=1, key=True),
        activation(),
        use_bias(),
        initializer("kernel_initializer", "glorot_uniform", "the weight matrix"),
        initializer("bias_initializer", "zeros", "the bias vector"),
    ),
    shape_fn=_dense_shape,
    count_fn=_dense_count,
    ports=(PortSpec(min_rank=2, layout="(batch, ..., features)"),),
    synonyms=(
        "fully connected",
        "linear",
        "fc",
        "perceptron",
        "полносвязный",
        "плотный",
        "нейроны",
    ),
    doc_url="https://keras.io/api/layers/core_layers/dense/",
    starter_params={"units": 32},
)


def _embedding_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    return (*inputs[0], p["output_dim"])


def _embedding_count(p: Mapping[str, Any], inputs: list[Shape], out: Shape) -> int:
    return p["input_dim"] * p["output_dim"]


EMBEDDING = LayerSpec(
    type="Embedding",
    category="Core",
    description="Turns integer token ids into dense vectors of size output_dim.",
    params=(
        ParamSpec(
            "input_dim",
            INT,
            REQUIRED,
            "Vocabulary size: largest token id + 1.",
            minimum=1,
            key=True,
        ),
        ParamSpec(
            "output_dim", INT, REQUIRED, "Size of each embedding vector.", minimum=1, key=True
        ),
        initializer("embeddings_initializer", "uniform", "the embedding matrix"),
        ParamSpec(
            "mask_zero",
            BOOL,
            False,
            "Treat token id 0 as padding and mask it for later layers.",
        ),
    ),
    shape_fn=_embedding_shape,
    count_fn=_embedding_count,
    ports=(PortSpec(min_rank=1, layout="(batch, steps) of token ids", integer=True),),
    synonyms=("word vectors", "embeddings", "lookup", "эмбеддинг", "векторное представление"),
    doc_url="https://keras.io/api/layers/core_layers/embedding/",
    starter_params={"input_dim": 1000, "output_dim": 32},
)


ACTIVATION = LayerSpec(
    type="Activation",
    category="Activation",
    description="Applies an activation function (relu, softmax, ...) element-wise.",
    params=(
        ParamSpec(
            "activation",
            CHOICE,
            REQUIRED,
            "Activation function to apply.",
            choices=tuple(a for a in ACTIVATIONS if a is not None),
            key=True,
        ),
    ),
    shape_fn=same_shape,
    ports=(PortSpec(min_rank=1, layout="(batch, ...)"),),
    synonyms=("nonlinearity", "relu", "softmax", "sigmoid", "функция активации", "активация"),
    doc_url="https://keras.io/api/layers/core_layers/activation/",
    starter_params={"activation": "relu"},
)

SPECS = (INPUT, DENSE, EMBEDDING, ACTIVATION)
