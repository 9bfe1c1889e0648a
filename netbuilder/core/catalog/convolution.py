"""Convolution layers: Conv1D, Conv2D, Conv2DTranspose."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..messages import tr
from ..params import CHOICE, INT, INT_TUPLE, REQUIRED, ParamSpec
from ..shapes import Shape, ShapeError, conv_output_length, deconv_output_length
from .common import (
    activation,
    check_window,
    data_format,
    initializer,
    join_channels,
    known_axis,
    split_channels,
    use_bias,
)
from .spec import LayerSpec, PortSpec


def _channels(p: Mapping[str, Any], shape: Shape) -> int:
    from .common import channels_last

    return known_axis(shape, -1 if channels_last(p) else 1, "channels")


def _check_strides_dilation(p: Mapping[str, Any]) -> None:
    if max(p["strides"]) > 1 and max(p["dilation_rate"]) > 1:
        raise ShapeError(
            "param",
            tr(
                "cannot combine strides={strides} with dilation_rate={dilation}: Keras "
                "supports strides > 1 only when dilation_rate is 1. Set one of them to 1.",
                strides=p["strides"],
                dilation=p["dilation_rate"],
            ),
            param="dilation_rate",
        )


def _check_groups(p: Mapping[str, Any], channels: int) -> None:
    groups = p.get("groups", 1)
    if p["filters"] % groups:
        raise ShapeError(
            "param",
            tr(
                "has filters={filters}, which is not divisible by groups={groups}.",
                filters=p["filters"],
                groups=groups,
            ),
            param="groups",
        )
    if channels % groups:
        raise ShapeError(
            "param",
            tr(
                "receives {channels} input channels, which is not divisible by groups={groups}.",
                channels=channels,
                groups=groups,
            ),
            param="groups",
        )


def _conv_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    shape = inputs[0]
    _check_strides_dilation(p)
    _check_groups(p, _channels(p, shape))
    spatial, _ = split_channels(p, shape)
    padding = p["padding"]
    if padding == "valid":
        effective = tuple(
            d * (k - 1) + 1 for k, d in zip(p["kernel_size"], p["dilation_rate"], strict=True)
        )
        check_window("kernel_size", spatial, effective, shape)
    out = tuple(
        conv_output_length(n, k, padding, s, d)
        for n, k, s, d in zip(
            spatial, p["kernel_size"], p["strides"], p["dilation_rate"], strict=True
        )
    )
    return join_channels(p, shape[0], out, p["filters"])


def _conv_count(p: Mapping[str, Any], inputs: list[Shape], out: Shape) -> int:
    channels = _channels(p, inputs[0])
    kernel = math.prod(p["kernel_size"]) * (channels // p.get("groups", 1)) * p["filters"]
    return kernel + (p["filters"] if p["use_bias"] else 0)


def _conv_transpose_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    shape = inputs[0]
    _check_strides_dilation(p)
    _channels(p, shape)
    output_padding = p["output_padding"]
    if output_padding is not None:
        for op, s in zip(output_padding, p["strides"], strict=True):
            if op >= s:
                raise ShapeError(
                    "param",
                    tr(
                        "has output_padding={padding}, but each entry must be smaller than "
                        "the matching strides entry (strides={strides}).",
                        padding=output_padding,
                        strides=p["strides"],
                    ),
                    param="output_padding",
                )
    spatial, _ = split_channels(p, shape)
    pads = output_padding or (None,) * len(spatial)
    out = tuple(
        deconv_output_length(n, k, p["padding"], s, op, d)
        for n, k, s, op, d in zip(
            spatial, p["kernel_size"], p["strides"], pads, p["dilation_rate"], strict=True
        )
    )
    return join_channels(p, shape[0], out, p["filters"])


def _conv_transpose_count(p: Mapping[str, Any], inputs: list[Shape], out: Shape) -> int:
    kernel = math.prod(p["kernel_size"]) * _channels(p, inputs[0]) * p["filters"]
    return kernel + (p["filters"] if p["use_bias"] else 0)


def _conv_params(rank: int, transpose: bool = False) -> tuple[ParamSpec, ...]:
    # Defaults in canonical (coerced) form so that non_default() omits them.
    unit = (1,) * rank
    paddings = ("valid", "same", "causal") if rank == 1 and not transpose else ("valid", "same")
    if rank == 1:
        layout = ("(batch, steps, channels)", "(batch, channels, steps)")
    else:
        layout = ("(batch, height, width, channels)", "(batch, channels, height, width)")
    params = [
        ParamSpec(
            "filters", INT, REQUIRED, "Number of filters (output channels).", minimum=1, key=True
        ),
        ParamSpec(
            "kernel_size",
            INT_TUPLE,
            REQUIRED,
            "Size of the convolution window.",
            minimum=1,
            length=rank,
            key=True,
        ),
        ParamSpec(
            "strides",
            INT_TUPLE,
            unit,
            "Step of the window along each axis.",
            minimum=1,
            length=rank,
        ),
        ParamSpec(
            "padding",
            CHOICE,
            "valid",
            '"valid" (no padding, output shrinks), "same" (output keeps the size when '
            "strides=1)"
            + (', "causal" (no look-ahead, for sequences)' if len(paddings) > 2 else "")
            + ".",
            choices=paddings,
        ),
    ]
    if transpose:
        params.append(
            ParamSpec(
                "output_padding",
                INT_TUPLE,
                None,
                "Extra size added to one side of the output; each entry below strides.",
                minimum=0,
                length=rank,
                nullable=True,
                advanced=True,
            )
        )
    params.append(data_format(*layout))
    params.append(
        ParamSpec(
            "dilation_rate",
            INT_TUPLE,
            unit,
            "Spacing between kernel taps (atrous convolution).",
            minimum=1,
            length=rank,
            advanced=True,
        )
    )
    if not transpose:
        params.append(
            ParamSpec(
                "groups",
                INT,
                1,
                "Split channels into this many groups convolved separately.",
                minimum=1,
                advanced=True,
            )
        )
    params += [
        activation(),
        use_bias(),
        initializer("kernel_initializer", "glorot_uniform", "the kernel"),
        initializer("bias_initializer", "zeros", "the bias vector"),
    ]
    return tuple(params)


CONV1D = LayerSpec(
    type="Conv1D",
    category="Convolution",
    description="1-D convolution over sequences (text, signals, time series).",
    params=_conv_params(1),
    shape_fn=_conv_shape,
    count_fn=_conv_count,
    ports=(PortSpec(ranks=(3,), layout="(batch, steps, channels)"),),
    synonyms=("convolution", "temporal convolution", "conv", "свертка", "свёртка", "одномерная"),
    doc_url="https://keras.io/api/layers/convolution_layers/convolution1d/",
    starter_params={"filters": 32, "kernel_size": (3,)},
)

CONV2D = LayerSpec(
    type="Conv2D",
    category="Convolution",
    description="2-D convolution over images: learns local filters.",
    params=_conv_params(2),
    shape_fn=_conv_shape,
    count_fn=_conv_count,
    ports=(PortSpec(ranks=(4,), layout="(batch, height, width, channels)"),),
    synonyms=("convolution", "conv", "cnn", "filter", "свертка", "свёртка", "сверточный"),
    doc_url="https://keras.io/api/layers/convolution_layers/convolution2d/",
    starter_params={"filters": 32, "kernel_size": (3, 3)},
)

CONV2D_TRANSPOSE = LayerSpec(
    type="Conv2DTranspose",
    category="Convolution",
    description="Transposed 2-D convolution: upsamples images with learned filters.",
    params=_conv_params(2, transpose=True),
    shape_fn=_conv_transpose_shape,
    count_fn=_conv_transpose_count,
    ports=(PortSpec(ranks=(4,), layout="(batch, height, width, channels)"),),
    synonyms=(
        "deconvolution",
        "deconv",
        "upconvolution",
        "transposed convolution",
        "обратная свертка",
        "транспонированная свертка",
    ),
    doc_url="https://keras.io/api/layers/convolution_layers/convolution2d_transpose/",
    starter_params={"filters": 32, "kernel_size": (3, 3)},
)

SPECS = (CONV1D, CONV2D, CONV2D_TRANSPOSE)
