"""Normalization layers: BatchNormalization, LayerNormalization."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..messages import tr
from ..params import AXIS, BOOL, FLOAT, ParamSpec
from ..shapes import Shape, ShapeError, fmt_shape
from .common import initializer, known_axis
from .spec import LayerSpec, PortSpec


def _axis_size(p: Mapping[str, Any], shape: Shape) -> int:
    axis = p["axis"]
    rank = len(shape)
    if not -rank <= axis < rank or axis in (0, -rank):
        raise ShapeError(
            "param",
            tr(
                "has axis={axis}, which is not a feature axis of its input {shape} "
                "(use 1..{last} or -1 for the last axis).",
                axis=axis,
                shape=fmt_shape(shape),
                last=rank - 1,
            ),
            param="axis",
        )
    return known_axis(shape, axis, "features")


def _same_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    _axis_size(p, inputs[0])
    return inputs[0]


def _batch_norm_count(p: Mapping[str, Any], inputs: list[Shape], out: Shape) -> int:
    size = _axis_size(p, inputs[0])
    # gamma/beta are trainable; the moving mean and variance are not, but count.
    return size * (int(p["center"]) + int(p["scale"]) + 2)


def _layer_norm_count(p: Mapping[str, Any], inputs: list[Shape], out: Shape) -> int:
    size = _axis_size(p, inputs[0])
    return size * (int(p["center"]) + int(p["scale"]))


def _common(momentum: bool) -> list[ParamSpec]:
    params = [ParamSpec("axis", AXIS, -1, "The features axis to normalize (-1 = last).")]
    if momentum:
        params.append(
            ParamSpec(
                "momentum",
                FLOAT,
                0.99,
                "Momentum of the moving mean and variance.",
                minimum=0.0,
                maximum=1.0,
                advanced=True,
            )
        )
    params += [
        ParamSpec(
            "epsilon",
            FLOAT,
            0.001,
            "Small number added to the variance to avoid dividing by zero.",
            minimum=0.0,
            advanced=True,
        ),
        ParamSpec("center", BOOL, True, "Learn an offset (beta)."),
        ParamSpec("scale", BOOL, True, "Learn a scale (gamma)."),
        initializer("beta_initializer", "zeros", "the offset beta"),
        initializer("gamma_initializer", "ones", "the scale gamma"),
    ]
    return params


BATCH_NORMALIZATION = LayerSpec(
    type="BatchNormalization",
    category="Normalization",
    description="Normalizes each feature over the batch; keeps moving statistics for inference.",
    params=(
        *_common(momentum=True),
        initializer("moving_mean_initializer", "zeros", "the moving mean"),
        initializer("moving_variance_initializer", "ones", "the moving variance"),
    ),
    shape_fn=_same_shape,
    count_fn=_batch_norm_count,
    ports=(PortSpec(min_rank=2, layout="(batch, ..., features)"),),
    synonyms=("batchnorm", "bn", "normalize", "нормализация", "батч-нормализация"),
    doc_url="https://keras.io/api/layers/normalization_layers/batch_normalization/",
)

LAYER_NORMALIZATION = LayerSpec(
    type="LayerNormalization",
    category="Normalization",
    description="Normalizes each sample over its features (used in transformers).",
    params=tuple(_common(momentum=False)),
    shape_fn=_same_shape,
    count_fn=_layer_norm_count,
    ports=(PortSpec(min_rank=2, layout="(batch, ..., features)"),),
    synonyms=("layernorm", "ln", "normalize", "нормализация слоя", "нормализация"),
    doc_url="https://keras.io/api/layers/normalization_layers/layer_normalization/",
)

SPECS = (BATCH_NORMALIZATION, LAYER_NORMALIZATION)
