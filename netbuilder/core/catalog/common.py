"""Parameter factories and shape helpers shared by several catalog modules.

Each factory returns a :class:`ParamSpec` with the Keras 3 name and default, so
that the same argument (``activation``, ``data_format``, ``seed``...) reads the
same everywhere in the inspector and in messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..messages import tr
from ..params import (
    ACTIVATIONS,
    BOOL,
    CHOICE,
    FLOAT,
    INITIALIZERS,
    INT,
    ParamSpec,
)
from ..shapes import Shape, ShapeError, fmt_shape

DATA_FORMATS = (None, "channels_last", "channels_first")


def activation(default: str | None = None, key: bool = True) -> ParamSpec:
    return ParamSpec(
        "activation",
        CHOICE,
        default,
        "Activation function; None means linear.",
        choices=ACTIVATIONS,
        key=key,
    )


def use_bias() -> ParamSpec:
    return ParamSpec("use_bias", BOOL, True, "Whether to add a bias vector.")


def initializer(name: str, default: str, what: str) -> ParamSpec:
    choices = INITIALIZERS if default in INITIALIZERS else (default, *INITIALIZERS)
    return ParamSpec(
        name, CHOICE, default, f"Initializer of {what}.", choices=choices, advanced=True
    )


def data_format(layout_last: str, layout_first: str) -> ParamSpec:
    return ParamSpec(
        "data_format",
        CHOICE,
        None,
        f"Axis order: channels_last {layout_last} or channels_first {layout_first}; "
        "None means channels_last.",
        choices=DATA_FORMATS,
        advanced=True,
    )


def rate(name: str, default: float | None, text: str, key: bool = False) -> ParamSpec:
    """A dropout-like fraction in [0, 1)."""
    from ..params import REQUIRED

    return ParamSpec(
        name,
        FLOAT,
        REQUIRED if default is None else default,
        text,
        minimum=0.0,
        maximum=1.0,
        exclusive_max=True,
        key=key,
    )


def seed() -> ParamSpec:
    return ParamSpec(
        "seed",
        INT,
        None,
        "Random seed for reproducible dropout masks (empty = random).",
        minimum=0,
        nullable=True,
        advanced=True,
    )


def same_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    """Shape function of layers that keep their input's shape."""
    return inputs[0]


def channels_last(p: Mapping[str, Any]) -> bool:
    """Whether the effective data_format is channels_last (Keras' default)."""
    return p.get("data_format") in (None, "channels_last")


def split_channels(p: Mapping[str, Any], shape: Shape) -> tuple[tuple, Any]:
    """(spatial dims, channel dim) of a batch-first image/sequence shape."""
    if channels_last(p):
        return tuple(shape[1:-1]), shape[-1]
    return tuple(shape[2:]), shape[1]


def join_channels(p: Mapping[str, Any], batch: Any, spatial: tuple, channels: Any) -> Shape:
    if channels_last(p):
        return (batch, *spatial, channels)
    return (batch, channels, *spatial)


def known_axis(shape: Shape, axis: int, what: str) -> int:
    """The size of ``shape[axis]``; ShapeError when it is unknown (None).

    Layers with weights need it: Keras cannot create a kernel for an unknown size.
    """
    size = shape[axis]
    if size is None:
        raise ShapeError(
            "unknown_dim",
            tr(
                "needs a known number of {what} (axis {axis}), but receives {shape}. "
                "Give the Input a fixed size on that axis.",
                what=what,
                axis=axis,
                shape=fmt_shape(shape),
            ),
            axis=axis,
            received=shape,
        )
    return size


def check_window(param: str, spatial: tuple, window: tuple[int, ...], shape: Shape) -> None:
    """Raise ShapeError("window") when a window is larger than the known input dims.

    ``window`` is the effective size (dilation included). The message states the
    fact only; validation adds the input's source and the padding="same" fix
    from ``data`` (param, dims, window, axes).
    """
    too_big = [
        (i, d, w)
        for i, (d, w) in enumerate(zip(spatial, window, strict=True))
        if d is not None and w > d
    ]
    if not too_big:
        return
    dims = tuple(d for _, d, _ in too_big)
    wins = tuple(w for _, _, w in too_big)
    raise ShapeError(
        "window",
        tr(
            "has a {param} window of {window}, larger than its input size {dims}; "
            "the output would be empty",
            param=param,
            window=_one(wins),
            dims=_one(dims),
        ),
        param=param,
        dims=dims,
        window=window,
        axes=tuple(i for i, _, _ in too_big),
        received=shape,
    )


def _one(values: tuple) -> Any:
    """A 1-tuple shown as its only value, longer tuples as they are."""
    return values[0] if len(values) == 1 else values
