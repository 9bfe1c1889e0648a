"""Pooling layers: windowed Max/Average pooling and global pooling, 1-D and 2-D."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..params import BOOL, CHOICE, INT_TUPLE, REQUIRED, ParamSpec
from ..shapes import Shape, pool_output_length
from .common import check_window, data_format, join_channels, split_channels
from .spec import LayerSpec, PortSpec

_LAYOUTS = {
    1: ("(batch, steps, features)", "(batch, features, steps)"),
    2: ("(batch, height, width, channels)", "(batch, channels, height, width)"),
}


def _pool_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    shape = inputs[0]
    spatial, channels = split_channels(p, shape)
    pool = p["pool_size"]
    strides = p["strides"] or pool
    if p["padding"] == "valid":
        check_window("pool_size", spatial, pool, shape)
    out = tuple(
        pool_output_length(n, k, p["padding"], s)
        for n, k, s in zip(spatial, pool, strides, strict=True)
    )
    return join_channels(p, shape[0], out, channels)


def _pool_params(rank: int, default_pool: tuple[int, ...] | None) -> tuple[ParamSpec, ...]:
    return (
        ParamSpec(
            "pool_size",
            INT_TUPLE,
            REQUIRED if default_pool is None else default_pool,
            "Size of the pooling window.",
            minimum=1,
            length=rank,
            key=True,
        ),
        ParamSpec(
            "strides",
            INT_TUPLE,
            None,
            "Step of the window; empty means the same as pool_size.",
            minimum=1,
            length=rank,
            nullable=True,
        ),
        ParamSpec(
            "padding",
            CHOICE,
            "valid",
            '"valid" (drop what does not fit) or "same" (pad so every input is covered).',
            choices=("valid", "same"),
        ),
        data_format(*_LAYOUTS[rank]),
    )


def _pool(
    kind: str, rank: int, default_pool: tuple[int, ...] | None, synonyms: tuple[str, ...]
) -> LayerSpec:
    type_name = f"{kind}Pooling{rank}D"
    what = "maximum" if kind == "Max" else "average"
    data = "a sequence" if rank == 1 else "an image"
    return LayerSpec(
        type=type_name,
        category="Pooling",
        description=f"Downsamples {data} by taking the {what} over each window.",
        params=_pool_params(rank, default_pool),
        shape_fn=_pool_shape,
        ports=(PortSpec(ranks=(rank + 2,), layout=_LAYOUTS[rank][0]),),
        synonyms=synonyms,
        doc_url=f"https://keras.io/api/layers/pooling_layers/{kind.lower()}_pooling{rank}d/",
        starter_params={} if default_pool else {"pool_size": (2,) * rank},
    )


_MAX_WORDS = ("max pool", "maxpool", "subsampling", "downsampling", "пулинг", "подвыборка")
_AVG_WORDS = ("average pool", "avgpool", "mean pool", "downsampling", "пулинг", "усреднение")

MAX_POOLING_1D = _pool("Max", 1, (2,), _MAX_WORDS)
MAX_POOLING_2D = _pool("Max", 2, (2, 2), _MAX_WORDS)
# Keras 3 gives AveragePooling no default pool_size (MaxPooling has one).
AVERAGE_POOLING_1D = _pool("Average", 1, None, _AVG_WORDS)
AVERAGE_POOLING_2D = _pool("Average", 2, None, _AVG_WORDS)


def _global_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    shape = inputs[0]
    spatial, channels = split_channels(p, shape)
    if p["keepdims"]:
        return join_channels(p, shape[0], (1,) * len(spatial), channels)
    return (shape[0], channels)


def _global(kind: str, rank: int, synonyms: tuple[str, ...]) -> LayerSpec:
    what = "maximum" if kind == "Max" else "average"
    axes = "steps" if rank == 1 else "height and width"
    return LayerSpec(
        type=f"Global{kind}Pooling{rank}D",
        category="Pooling",
        description=f"Takes the {what} over all {axes}: one value per channel.",
        params=(
            data_format(*_LAYOUTS[rank]),
            ParamSpec(
                "keepdims",
                BOOL,
                False,
                "Keep the pooled axes with size 1 instead of dropping them.",
            ),
        ),
        shape_fn=_global_shape,
        ports=(PortSpec(ranks=(rank + 2,), layout=_LAYOUTS[rank][0]),),
        synonyms=synonyms,
        doc_url=(
            f"https://keras.io/api/layers/pooling_layers/global_{kind.lower()}_pooling{rank}d/"
        ),
    )


_GMAX_WORDS = ("global max", "gmp", "глобальный пулинг", "максимум")
_GAVG_WORDS = ("global average", "gap", "mean", "глобальный пулинг", "среднее")

GLOBAL_MAX_POOLING_1D = _global("Max", 1, _GMAX_WORDS)
GLOBAL_MAX_POOLING_2D = _global("Max", 2, _GMAX_WORDS)
GLOBAL_AVERAGE_POOLING_1D = _global("Average", 1, _GAVG_WORDS)
GLOBAL_AVERAGE_POOLING_2D = _global("Average", 2, _GAVG_WORDS)

SPECS = (
    MAX_POOLING_1D,
    MAX_POOLING_2D,
    AVERAGE_POOLING_1D,
    AVERAGE_POOLING_2D,
    GLOBAL_MAX_POOLING_1D,
    GLOBAL_MAX_POOLING_2D,
    GLOBAL_AVERAGE_POOLING_1D,
    GLOBAL_AVERAGE_POOLING_2D,
)
