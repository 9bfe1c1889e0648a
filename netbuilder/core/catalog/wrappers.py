"""Wrapper layers: Bidirectional (around an RNN) and TimeDistributed (around a Dense).

Shapes and weight counts come from the wrapped layer's own catalog entry, so a
wrapper is always exactly as right as the layer inside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..messages import tr
from ..params import CHOICE, LAYER, REQUIRED, ParamError, ParamSpec
from ..shapes import Shape, ShapeError
from .recurrent import RNN_TYPES, SEQUENCE_LAYOUT
from .spec import LayerSpec, PortSpec


def inner_layer(p: Mapping[str, Any], name: str = "layer") -> tuple[LayerSpec, dict[str, Any]]:
    """The wrapped layer's spec and its effective (defaulted, coerced) params.

    Raises ShapeError("param") naming the inner parameter when one is missing or
    refused, so the wrapper node shows a clear problem.
    """
    from . import get_spec

    value = p[name]
    spec = get_spec(value["type"])
    if spec is None:
        raise ShapeError(
            "param",
            tr("wraps an unknown layer type {type}.", type=value["type"]),
            param=name,
        )
    params = spec.resolve(value.get("params", {}))
    for ps in spec.params:
        if ps.name not in params:
            raise ShapeError(
                "param",
                tr(
                    "wraps a {type} without its required parameter '{inner}'.",
                    type=spec.type,
                    inner=ps.name,
                ),
                param=name,
                inner_param=ps.name,
            )
        try:
            params[ps.name] = ps.coerce(params[ps.name])
        except ParamError as exc:
            raise ShapeError(
                "param",
                tr("wraps a {type} with a bad parameter: {reason}", type=spec.type, reason=exc),
                param=name,
                inner_param=ps.name,
            ) from None
    return spec, params


def _directions(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    spec, params = inner_layer(p)
    return spec.shape_fn(params, inputs)


def _bidirectional_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    out = _directions(p, inputs)
    if p["merge_mode"] == "concat":
        return (*out[:-1], out[-1] * 2)
    return out


def _bidirectional_outputs(p: Mapping[str, Any], inputs: list[Shape]) -> list[Shape]:
    if p["merge_mode"] is None:
        out = _directions(p, inputs)
        return [out, out]
    return [_bidirectional_shape(p, inputs)]


def _bidirectional_count(p: Mapping[str, Any], inputs: list[Shape], out: Shape) -> int:
    spec, params = inner_layer(p)
    inner_out = spec.shape_fn(params, inputs)
    return 2 * spec.count_fn(params, inputs, inner_out)


BIDIRECTIONAL = LayerSpec(
    type="Bidirectional",
    category="Recurrent",
    description="Runs a recurrent layer forwards and backwards and merges both outputs.",
    params=(
        ParamSpec(
            "layer",
            LAYER,
            REQUIRED,
            "The recurrent layer to run in both directions.",
            key=True,
            allowed_layers=RNN_TYPES,
        ),
        ParamSpec(
            "merge_mode",
            CHOICE,
            "concat",
            "How to combine both directions; None returns two outputs.",
            choices=("concat", "sum", "mul", "ave", None),
            key=True,
        ),
    ),
    shape_fn=_bidirectional_shape,
    count_fn=_bidirectional_count,
    outputs_fn=_bidirectional_outputs,
    ports=(PortSpec(ranks=(3,), layout=SEQUENCE_LAYOUT),),
    wrapper_param="layer",
    synonyms=("bidirectional rnn", "birnn", "bilstm", "двунаправленный", "двунаправленная"),
    doc_url="https://keras.io/api/layers/recurrent_layers/bidirectional/",
    starter_params={"layer": {"type": "LSTM", "params": {"units": 32}}},
)


def _time_distributed_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    spec, params = inner_layer(p)
    shape = inputs[0]
    step = spec.shape_fn(params, [(shape[0], *shape[2:])])
    return (step[0], shape[1], *step[1:])


def _time_distributed_count(p: Mapping[str, Any], inputs: list[Shape], out: Shape) -> int:
    spec, params = inner_layer(p)
    shape = inputs[0]
    step_in = (shape[0], *shape[2:])
    return spec.count_fn(params, [step_in], spec.shape_fn(params, [step_in]))


TIME_DISTRIBUTED = LayerSpec(
    type="TimeDistributed",
    category="Recurrent",
    description="Applies the same Dense layer to every time step of a sequence.",
    params=(
        ParamSpec(
            "layer",
            LAYER,
            REQUIRED,
            "The layer applied to each step.",
            key=True,
            allowed_layers=("Dense",),
        ),
    ),
    shape_fn=_time_distributed_shape,
    count_fn=_time_distributed_count,
    ports=(PortSpec(min_rank=3, layout="(batch, steps, ...)"),),
    wrapper_param="layer",
    synonyms=("per step", "each timestep", "распределенный по времени", "каждый шаг"),
    doc_url="https://keras.io/api/layers/recurrent_layers/time_distributed/",
    starter_params={"layer": {"type": "Dense", "params": {"units": 32}}},
)

SPECS = (BIDIRECTIONAL, TIME_DISTRIBUTED)
