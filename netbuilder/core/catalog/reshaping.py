"""Reshaping layers: Flatten, Reshape, RepeatVector, Permute, UpSampling2D."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..messages import tr
from ..params import CHOICE, INT, INT_LIST, INT_TUPLE, REQUIRED, ParamSpec
from ..shapes import Shape, ShapeError, fmt_shape, product
from .common import data_format, join_channels, split_channels
from .spec import LayerSpec, PortSpec


def _flatten_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    return (inputs[0][0], product(inputs[0][1:]))


FLATTEN = LayerSpec(
    type="Flatten",
    category="Reshaping",
    description="Flattens each sample into one vector (batch axis kept).",
    params=(
        data_format(
            "(batch, ..., channels)", "(batch, channels, ...): channels are moved last first"
        ),
    ),
    shape_fn=_flatten_shape,
    ports=(PortSpec(min_rank=2, layout="(batch, ...)"),),
    keeps_dtype=True,
    synonyms=("flat", "vectorize", "unroll", "выпрямление", "в вектор", "сплющить"),
    doc_url="https://keras.io/api/layers/reshaping_layers/flatten/",
)


def _reshape_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    target = tuple(p["target_shape"])
    shape = inputs[0]
    if not target or any(d == 0 or d < -1 for d in target) or target.count(-1) > 1:
        raise ShapeError(
            "param",
            tr(
                "has target_shape={target}: use positive sizes and at most one -1 "
                "(the size Keras works out).",
                target=target,
            ),
            param="target_shape",
        )
    size = product(shape[1:])
    if size is None:
        # Keras cannot check or resolve -1 while an input size is unknown.
        return (shape[0], *(None if d == -1 else d for d in target))
    known = product(tuple(d for d in target if d != -1))
    if -1 in target:
        if size % known:
            raise ShapeError(
                "param",
                tr(
                    "cannot reshape {shape} ({size} values per sample) into {target}: "
                    "{size} is not divisible by {known}.",
                    shape=fmt_shape(shape),
                    size=size,
                    target=target,
                    known=known,
                ),
                param="target_shape",
                size=size,
                target=target,
            )
        return (shape[0], *(size // known if d == -1 else d for d in target))
    if size != known:
        raise ShapeError(
            "param",
            tr(
                "cannot reshape {shape} ({size} values per sample) into {target} "
                "({known} values). The counts must match; use -1 for one axis to let "
                "Keras work it out.",
                shape=fmt_shape(shape),
                size=size,
                target=target,
                known=known,
            ),
            param="target_shape",
            size=size,
            target=target,
        )
    return (shape[0], *target)


RESHAPE = LayerSpec(
    type="Reshape",
    category="Reshaping",
    description="Gives each sample a new shape with the same number of values.",
    params=(
        ParamSpec(
            "target_shape",
            INT_LIST,
            REQUIRED,
            "New shape without the batch axis; one entry may be -1.",
            minimum=-1,
            key=True,
        ),
    ),
    shape_fn=_reshape_shape,
    ports=(PortSpec(min_rank=2, layout="(batch, ...)"),),
    keeps_dtype=True,
    synonyms=("resize", "view", "изменить форму", "решейп"),
    doc_url="https://keras.io/api/layers/reshaping_layers/reshape/",
    starter_params={"target_shape": (-1, 1)},
)


def _repeat_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    batch, features = inputs[0]
    return (batch, p["n"], features)


REPEAT_VECTOR = LayerSpec(
    type="RepeatVector",
    category="Reshaping",
    description="Repeats a vector n times: (batch, features) to (batch, n, features).",
    params=(ParamSpec("n", INT, REQUIRED, "Number of repetitions.", minimum=1, key=True),),
    shape_fn=_repeat_shape,
    ports=(PortSpec(ranks=(2,), layout="(batch, features)"),),
    keeps_dtype=True,
    synonyms=("repeat", "tile", "повтор", "повторить вектор"),
    doc_url="https://keras.io/api/layers/reshaping_layers/repeat_vector/",
    starter_params={"n": 2},
)


def _permute_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    dims = tuple(p["dims"])
    shape = inputs[0]
    if sorted(dims) != list(range(1, len(dims) + 1)):
        raise ShapeError(
            "param",
            tr(
                "has dims={dims}, which is not a permutation of 1..{n} (axis 0 is the batch).",
                dims=dims,
                n=len(dims),
            ),
            param="dims",
        )
    if len(shape) != len(dims) + 1:
        raise ShapeError(
            "rank",
            tr(
                "with dims={dims} needs a {rank}-D input, but receives {shape} ({got}-D).",
                dims=dims,
                rank=len(dims) + 1,
                shape=fmt_shape(shape),
                got=len(shape),
            ),
            expected=(len(dims) + 1,),
            received=shape,
            slot=0,
        )
    return (shape[0], *(shape[d] for d in dims))


PERMUTE = LayerSpec(
    type="Permute",
    category="Reshaping",
    description="Reorders the axes of each sample, e.g. dims=(2, 1) swaps two axes.",
    params=(
        ParamSpec(
            "dims",
            INT_LIST,
            REQUIRED,
            "New order of the axes, counted from 1 (the batch axis stays first).",
            minimum=1,
            key=True,
        ),
    ),
    shape_fn=_permute_shape,
    ports=(PortSpec(min_rank=2, layout="(batch, ...)"),),
    keeps_dtype=True,
    synonyms=("transpose", "swap axes", "перестановка", "транспонировать"),
    doc_url="https://keras.io/api/layers/reshaping_layers/permute/",
    starter_params={"dims": (2, 1)},
)


def _upsampling_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    shape = inputs[0]
    spatial, channels = split_channels(p, shape)
    out = tuple(None if n is None else n * s for n, s in zip(spatial, p["size"], strict=True))
    return join_channels(p, shape[0], out, channels)


UPSAMPLING_2D = LayerSpec(
    type="UpSampling2D",
    category="Reshaping",
    description="Enlarges images by repeating (or interpolating) rows and columns.",
    params=(
        ParamSpec(
            "size",
            INT_TUPLE,
            (2, 2),
            "Upsampling factors for rows and columns.",
            minimum=1,
            length=2,
            key=True,
        ),
        data_format("(batch, height, width, channels)", "(batch, channels, height, width)"),
        ParamSpec(
            "interpolation",
            CHOICE,
            "nearest",
            "How new pixels are filled in.",
            choices=("nearest", "bilinear", "bicubic", "lanczos3", "lanczos5"),
        ),
    ),
    shape_fn=_upsampling_shape,
    ports=(PortSpec(ranks=(4,), layout="(batch, height, width, channels)"),),
    synonyms=("upsample", "unpool", "enlarge", "resize", "увеличение", "апсемплинг"),
    doc_url="https://keras.io/api/layers/reshaping_layers/up_sampling2d/",
)

SPECS = (FLATTEN, RESHAPE, REPEAT_VECTOR, PERMUTE, UPSAMPLING_2D)
