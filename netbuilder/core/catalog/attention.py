"""Attention layers: MultiHeadAttention and (dot-product) Attention.

Both take a query and a value sequence and an optional key (the value when
empty); MultiHeadAttention is called as ``mha(query, value, key)``, Attention
as ``attention([query, value, key])``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..messages import tr
from ..params import BOOL, CHOICE, INT, INT_LIST, REQUIRED, ParamSpec
from ..shapes import Shape, ShapeError, fmt_shape
from .common import initializer, known_axis, rate, seed, use_bias
from .spec import LayerSpec, PortSpec

_ATTENTION_WORDS = ("attention", "transformer", "self-attention", "внимание", "механизм внимания")


def _query_value_key(inputs: list[Shape]) -> tuple[Shape, Shape, Shape]:
    query, value = inputs[0], inputs[1]
    key = inputs[2] if len(inputs) > 2 else value
    return query, value, key


def _mismatch(text: str, **values: Any) -> ShapeError:
    shown = {k: fmt_shape(v) if isinstance(v, tuple) else v for k, v in values.items()}
    return ShapeError("mismatch", tr(text, **shown), **values)


def _mha_out_dims(p: Mapping[str, Any], query: Shape) -> tuple[int | None, ...]:
    if p["output_shape"]:
        return tuple(p["output_shape"])
    return (query[-1],)


def _mha_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    query, value, key = _query_value_key(inputs)
    if not len(query) == len(value) == len(key):
        raise _mismatch(
            "needs query, value and key of the same rank, got query {query}, value {value} "
            "and key {key}.",
            query=query,
            value=value,
            key=key,
        )
    if any(
        a is not None and b is not None and a != b
        for a, b in zip(value[1:-1], key[1:-1], strict=True)
    ):
        raise _mismatch(
            "needs value and key that match on every axis but the last, got value {value} "
            "and key {key}.",
            value=value,
            key=key,
        )
    return (*query[:-1], *_mha_out_dims(p, query))


def _mha_count(p: Mapping[str, Any], inputs: list[Shape], out: Shape) -> int:
    query, value, key = _query_value_key(inputs)
    heads, key_dim = p["num_heads"], p["key_dim"]
    value_dim = p["value_dim"] or key_dim
    bias = p["use_bias"]
    dq = known_axis(query, -1, "query features")
    dv = known_axis(value, -1, "value features")
    dk = known_axis(key, -1, "key features")
    out_dims = _mha_out_dims(p, query)
    out_size = math.prod(d for d in out_dims if d is not None)
    total = (dq + dk) * heads * key_dim + (2 * heads * key_dim if bias else 0)
    total += dv * heads * value_dim + (heads * value_dim if bias else 0)
    total += heads * value_dim * out_size + (out_size if bias else 0)
    return total


def _ports(rank: tuple[int, ...] = (), min_rank: int = 0) -> tuple[PortSpec, ...]:
    layout = "(batch, steps, features)"
    return (
        PortSpec("query", ranks=rank, min_rank=min_rank, layout=layout),
        PortSpec("value", ranks=rank, min_rank=min_rank, layout=layout),
        PortSpec("key", ranks=rank, min_rank=min_rank, layout=layout, optional=True),
    )


MULTI_HEAD_ATTENTION = LayerSpec(
    type="MultiHeadAttention",
    category="Attention",
    description="Multi-head attention (transformers): the query attends to the value sequence.",
    params=(
        ParamSpec("num_heads", INT, REQUIRED, "Number of attention heads.", minimum=1, key=True),
        ParamSpec(
            "key_dim", INT, REQUIRED, "Size of each head for query and key.", minimum=1, key=True
        ),
        ParamSpec(
            "value_dim",
            INT,
            None,
            "Size of each head for the value; empty means key_dim.",
            minimum=1,
            nullable=True,
            advanced=True,
        ),
        rate("dropout", 0.0, "Dropout on the attention weights while training."),
        use_bias(),
        ParamSpec(
            "output_shape",
            INT_LIST,
            None,
            "Output features besides batch and steps; empty means the query's features.",
            minimum=1,
            nullable=True,
            advanced=True,
        ),
        initializer("kernel_initializer", "glorot_uniform", "the projection kernels"),
        initializer("bias_initializer", "zeros", "the projection biases"),
        seed(),
    ),
    shape_fn=_mha_shape,
    count_fn=_mha_count,
    ports=_ports(min_rank=3),
    call_style="positional",
    synonyms=("mha", "multi-head", "self attention", *_ATTENTION_WORDS, "многоголовое внимание"),
    doc_url="https://keras.io/api/layers/attention_layers/multi_head_attention/",
    starter_params={"num_heads": 2, "key_dim": 16},
)


def _attention_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    query, value, key = _query_value_key(inputs)
    if value[1] is not None and key[1] is not None and value[1] != key[1]:
        raise _mismatch(
            "needs value and key with the same number of steps, got value {value} and key {key}.",
            value=value,
            key=key,
        )
    if query[-1] is not None and key[-1] is not None and query[-1] != key[-1]:
        raise _mismatch(
            "needs query and key with the same number of features, got query {query} "
            "and key {key}. Project one of them with a Dense layer.",
            query=query,
            key=key,
        )
    return (query[0], query[1], value[-1])


def _attention_count(p: Mapping[str, Any], inputs: list[Shape], out: Shape) -> int:
    # One learned scalar each: the score scale and, in concat mode, the score weight.
    return int(p["use_scale"]) + int(p["score_mode"] == "concat")


ATTENTION = LayerSpec(
    type="Attention",
    category="Attention",
    description="Dot-product (Luong) attention: each query step takes a weighted mix of values.",
    params=(
        ParamSpec("use_scale", BOOL, False, "Learn a scale for the attention scores.", key=True),
        ParamSpec(
            "score_mode",
            CHOICE,
            "dot",
            '"dot" product scores or "concat" (additive, tanh of the sum).',
            choices=("dot", "concat"),
            key=True,
        ),
        rate("dropout", 0.0, "Dropout on the attention weights while training."),
        seed(),
    ),
    shape_fn=_attention_shape,
    count_fn=_attention_count,
    ports=_ports(rank=(3,)),
    call_style="list",
    synonyms=("luong attention", "dot-product attention", *_ATTENTION_WORDS),
    doc_url="https://keras.io/api/layers/attention_layers/attention/",
)

SPECS = (MULTI_HEAD_ATTENTION, ATTENTION)
