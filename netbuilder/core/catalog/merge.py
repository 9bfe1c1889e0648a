"""Merge layers: Concatenate, Add, Subtract, Multiply, Average, Maximum."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..messages import tr
from ..params import AXIS, ParamSpec
from ..shapes import Shape, ShapeError, fmt_shape
from .spec import LayerSpec, PortSpec


def _concat_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    axis = p["axis"]
    rank = len(inputs[0])
    for s in inputs[1:]:
        if len(s) != rank:
            shown = ", ".join(fmt_shape(s) for s in inputs)
            raise ShapeError(
                "concat", tr("needs inputs of the same rank, got {shown}", shown=shown), axis=axis
            )
    ax = axis + rank if axis < 0 else axis
    if not 0 < ax < rank:
        raise ShapeError(
            "param",
            tr(
                "axis={axis} is outside the valid range for rank-{rank} inputs",
                axis=axis,
                rank=rank,
            ),
            param="axis",
        )
    out = list(inputs[0])
    total: int | None = 0
    for s in inputs:
        for i in range(rank):
            if i == ax or i == 0:
                continue
            if out[i] is None or s[i] is None:
                # Keras keeps an axis unknown when any input leaves it unknown.
                out[i] = None
            elif s[i] != out[i]:
                shown = ", ".join(fmt_shape(s) for s in inputs)
                raise ShapeError(
                    "concat",
                    tr(
                        "needs inputs that match on every axis except axis={axis}, got {shown}",
                        axis=axis,
                        shown=shown,
                    ),
                    axis=axis,
                    mismatch_axis=i,
                )
        total = None if total is None or s[ax] is None else total + s[ax]
    out[ax] = total
    return tuple(out)


CONCATENATE = LayerSpec(
    type="Concatenate",
    category="Merge",
    description="Joins a list of tensors along one axis; other axes must match.",
    params=(ParamSpec("axis", AXIS, -1, "Axis along which to concatenate.", key=True),),
    shape_fn=_concat_shape,
    ports=(PortSpec(min_rank=2, layout="(batch, ...)"),),
    variadic=True,
    min_inputs=2,
    call_style="list",
    synonyms=("concat", "join", "merge", "конкатенация", "объединение"),
    doc_url="https://keras.io/api/layers/merging_layers/concatenate/",
)


def _elementwise_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    # Keras merges broadcast only when ranks differ by batch-less 1s; netbuilder
    # asks for equal shapes (what a hand-written model almost always wants).
    out = list(inputs[0])
    for s in inputs[1:]:
        if len(s) != len(out):
            shown = ", ".join(fmt_shape(s) for s in inputs)
            raise ShapeError(
                "mismatch", tr("needs inputs of the same shape, got {shown}", shown=shown)
            )
        for i, (a, b) in enumerate(zip(out, s, strict=True)):
            if a is None or b is None:
                out[i] = None  # as Keras: unknown wins
            elif a != b:
                shown = ", ".join(fmt_shape(s) for s in inputs)
                raise ShapeError(
                    "mismatch", tr("needs inputs of the same shape, got {shown}", shown=shown)
                )
    return tuple(out)


_ANY = "(batch, ...)"


def _elementwise(
    type_name: str, description: str, synonyms: tuple[str, ...], max2: bool = False
) -> LayerSpec:
    return LayerSpec(
        type=type_name,
        category="Merge",
        description=description,
        params=(),
        shape_fn=_elementwise_shape,
        ports=(
            (PortSpec(min_rank=1, layout=_ANY), PortSpec(min_rank=1, layout=_ANY))
            if max2
            else (PortSpec(min_rank=1, layout=_ANY),)
        ),
        variadic=not max2,
        min_inputs=2,
        call_style="list",
        synonyms=synonyms,
        doc_url=f"https://keras.io/api/layers/merging_layers/{type_name.lower()}/",
    )


ADD = _elementwise(
    "Add",
    "Adds a list of tensors of the same shape (residual connections).",
    ("sum", "plus", "residual", "сложение"),
)
SUBTRACT = _elementwise(
    "Subtract",
    "Subtracts the second tensor from the first.",
    ("minus", "difference", "вычитание"),
    max2=True,
)
MULTIPLY = _elementwise(
    "Multiply", "Multiplies a list of tensors element-wise.", ("product", "gate", "умножение")
)
AVERAGE = _elementwise("Average", "Averages a list of tensors element-wise.", ("mean", "среднее"))
MAXIMUM = _elementwise("Maximum", "Element-wise maximum of a list of tensors.", ("max", "максимум"))

SPECS = (CONCATENATE, ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM)
