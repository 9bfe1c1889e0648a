"""Every catalog entry against real Keras 3.

For sampled parameters and input shapes, the pure-Python output shape and
weight count (through :class:`Inference`, so port rank checks take part) must
equal what Keras gives when the layer is *called* on symbolic tensors
(``compute_output_shape`` is never trusted: it skips input checks). Inputs that
Keras refuses must be refused by us too. Parameter names and defaults are
checked against the Keras constructors' signatures.
"""

from __future__ import annotations

import inspect
import random
from dataclasses import dataclass, field
from typing import Any

import pytest

from netbuilder.core.catalog import CATALOG
from netbuilder.core.graph import Graph, Node, Ref
from netbuilder.core.inference import Inference
from netbuilder.core.keras_layers import _construct, layer_kwargs
from netbuilder.core.params import CHOICE, INT_TUPLE, LAYER
from netbuilder.core.shapes import Shape


@dataclass
class Case:
    params: dict[str, Any]
    shapes: tuple[Shape, ...]
    bad: str | None = None  # expected ShapeError code when Keras refuses the input
    dtypes: tuple[str, ...] = field(default=())
    # Keras' symbolic call lets this through; running the layer on data fails.
    runtime: bool = False


def C(
    params: dict[str, Any],
    *shapes: Shape,
    bad: str | None = None,
    dtype: str = "",
    runtime: bool = False,
) -> Case:
    return Case(params, shapes, bad, (dtype,) * len(shapes) if dtype else (), runtime)


def lstm(**p: Any) -> dict[str, Any]:
    return {"type": "LSTM", "params": {"units": 4, **p}}


# fmt: off
CASES: dict[str, list[Case]] = {
    "Input": [
        C({"shape": (28, 28, 1)}), C({"shape": (None, 8)}),
        C({"shape": (5,), "batch_size": 4}), C({"shape": (10,), "dtype": "int32"}),
    ],
    "Dense": [
        C({"units": 8}, (None, 4)),
        C({"units": 3, "activation": "relu", "use_bias": False}, (None, 3, 5)),
        C({"units": 2}, (None, None, 6)),
        C({"units": 2}, (None, None), bad="unknown_dim"),
        C({"units": 2}, (None,), bad="rank"),
    ],
    "Embedding": [
        C({"input_dim": 50, "output_dim": 10}, (None, 1000), dtype="int32"),
        C({"input_dim": 7, "output_dim": 3, "mask_zero": True}, (None, None), dtype="int32"),
        C({"input_dim": 5, "output_dim": 2}, (None, 3, 4), dtype="int32"),
    ],
    "Activation": [C({"activation": "relu"}, (None, 3)), C({"activation": "softmax"}, (None, 2, 5))],
    "Conv1D": [
        C({"filters": 4, "kernel_size": 3}, (None, 10, 2)),
        C({"filters": 5, "kernel_size": 4, "strides": 2, "padding": "same"}, (None, 11, 3)),
        C({"filters": 2, "kernel_size": 3, "padding": "causal", "dilation_rate": 2}, (None, 9, 3)),
        C({"filters": 4, "kernel_size": 3, "groups": 2, "use_bias": False}, (None, 10, 4)),
        C({"filters": 6, "kernel_size": 2, "strides": 3, "data_format": "channels_first"}, (None, 3, 12)),
        C({"filters": 3, "kernel_size": 5, "dilation_rate": 2}, (None, None, 3)),
        C({"filters": 2, "kernel_size": 3, "padding": "causal", "data_format": "channels_first"}, (None, 3, 7)),
        C({"filters": 2, "kernel_size": 5}, (None, 3, 2), bad="window"),
        C({"filters": 2, "kernel_size": 3, "dilation_rate": 3}, (None, 6, 2), bad="window"),
        C({"filters": 2, "kernel_size": 3, "strides": 2, "dilation_rate": 2}, (None, 9, 2), bad="param"),
        C({"filters": 6, "kernel_size": 3, "groups": 3}, (None, 9, 4), bad="param"),
        C({"filters": 2, "kernel_size": 3}, (None, 9, 4, 4), bad="rank"),
    ],
    "Conv2D": [
        C({"filters": 64, "kernel_size": 4}, (None, 64, 64, 1)),
        C({"filters": 8, "kernel_size": 3, "strides": 2, "padding": "same", "activation": "relu"}, (None, 15, 15, 3)),
        C({"filters": 4, "kernel_size": (3, 5), "dilation_rate": (2, 1)}, (None, 10, 12, 3)),
        C({"filters": 4, "kernel_size": 3, "data_format": "channels_first", "strides": (1, 2)}, (None, 3, 16, 16)),
        C({"filters": 6, "kernel_size": 2, "groups": 3, "use_bias": False}, (None, None, None, 3)),
        C({"filters": 32, "kernel_size": 8}, (None, 64, 64, 1)),
        C({"filters": 2, "kernel_size": 8}, (None, 4, 10, 1), bad="window"),
        C({"filters": 2, "kernel_size": 3}, (None, 100), bad="rank"),
        C({"filters": 2, "kernel_size": 3}, (None, 8, 8, None), bad="unknown_dim"),
    ],
    "Conv2DTranspose": [
        C({"filters": 8, "kernel_size": 3}, (None, 7, 7, 4)),
        C({"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, (None, 7, 5, 2)),
        C({"filters": 4, "kernel_size": 3, "strides": 2}, (None, 7, 7, 2)),
        C({"filters": 4, "kernel_size": 3, "strides": 2, "output_padding": 1}, (None, 6, 6, 2)),
        C({"filters": 2, "kernel_size": (2, 4), "strides": (3, 2), "output_padding": (2, 0), "padding": "same"}, (None, 5, 5, 2)),
        C({"filters": 2, "kernel_size": 3, "data_format": "channels_first", "use_bias": False}, (None, 3, 5, 6)),
        C({"filters": 2, "kernel_size": 3, "dilation_rate": 2}, (None, None, 6, 2)),
        C({"filters": 2, "kernel_size": 3, "strides": 2, "output_padding": 2}, (None, 4, 4, 2), bad="param"),
    ],
    "MaxPooling1D": [
        C({}, (None, 10, 3)),
        C({"pool_size": 3, "strides": 1, "padding": "same"}, (None, 10, 3)),
        C({"pool_size": 3, "strides": 2, "data_format": "channels_first"}, (None, 3, 11)),
        C({}, (None, None, 4)),
        C({"pool_size": 5}, (None, 3, 2), bad="window"),
    ],
    "MaxPooling2D": [
        C({}, (None, 28, 28, 3)),
        C({"pool_size": 3, "strides": 2, "padding": "same"}, (None, 9, 10, 3)),
        C({"pool_size": (2, 3), "data_format": "channels_first"}, (None, 3, 8, 9)),
        C({"strides": (1, 2)}, (None, None, 7, 2)),
        C({}, (None, 1, 5, 3), bad="window"),
        C({}, (None, 5, 3), bad="rank"),
    ],
    "AveragePooling1D": [
        C({"pool_size": 2}, (None, 10, 3)),
        C({"pool_size": 4, "strides": 3, "padding": "same"}, (None, 10, 3)),
        C({"pool_size": 2, "data_format": "channels_first"}, (None, 3, None)),
        C({"pool_size": 4}, (None, 3, 2), bad="window"),
    ],
    "AveragePooling2D": [
        C({"pool_size": 2}, (None, 28, 28, 3)),
        C({"pool_size": (3, 2), "strides": (1, 2), "padding": "same"}, (None, 7, 7, 1)),
        C({"pool_size": 2, "data_format": "channels_first"}, (None, 2, 6, None)),
        C({"pool_size": 3}, (None, 2, 9, 1), bad="window"),
    ],
    "GlobalMaxPooling1D": [
        C({}, (None, 10, 3)), C({"keepdims": True}, (None, None, 3)),
        C({"data_format": "channels_first", "keepdims": True}, (None, 4, 7)),
        C({}, (None, 4), bad="rank"),
    ],
    "GlobalMaxPooling2D": [
        C({}, (None, 8, 8, 3)), C({"keepdims": True}, (None, None, None, 3)),
        C({"data_format": "channels_first"}, (None, 4, 7, 7)),
    ],
    "GlobalAveragePooling1D": [
        C({}, (None, 10, 3)), C({"keepdims": True, "data_format": "channels_first"}, (None, 2, 9)),
    ],
    "GlobalAveragePooling2D": [
        C({}, (None, 8, 8, 3)), C({"keepdims": True}, (None, 5, 4, 3)),
        C({"data_format": "channels_first", "keepdims": True}, (None, 4, None, 7)),
        C({}, (None, 8, 3), bad="rank"),
    ],
    "UpSampling2D": [
        C({}, (None, 4, 4, 3)), C({"size": (2, 3), "interpolation": "bilinear"}, (None, 5, 4, 1)),
        C({"data_format": "channels_first", "size": 3}, (None, 2, 3, None)),
    ],
    "Flatten": [
        C({}, (None, 4, 5)), C({"data_format": "channels_first"}, (None, 3, 4, 5)),
        C({}, (None, None, 4)), C({}, (None, 7)),
    ],
    "Reshape": [
        C({"target_shape": (3, 4)}, (None, 12)),
        C({"target_shape": (-1, 2, 2)}, (None, 3, 4)),
        C({"target_shape": (-1, 4)}, (None, None, 4)),
        C({"target_shape": (2, 6)}, (None, 3, None)),
        C({"target_shape": (5,)}, (None, 12), bad="param"),
        C({"target_shape": (-1, 5)}, (None, 12), bad="param"),
        C({"target_shape": (-1, -1)}, (None, 12), bad="param"),
    ],
    "RepeatVector": [
        C({"n": 3}, (None, 5)), C({"n": 1}, (None, None)),
        C({"n": 3}, (None, 2, 5), bad="rank"),
    ],
    "Permute": [
        C({"dims": (2, 1)}, (None, 3, 4)), C({"dims": (3, 1, 2)}, (None, 2, None, 4)),
        C({"dims": (1, 3)}, (None, 3, 4), bad="param"),
        C({"dims": (2, 1)}, (None, 2, 3, 4), bad="rank"),
    ],
    "BatchNormalization": [
        C({}, (None, 10)), C({"axis": 1}, (None, 3, 8, 8)),
        C({"center": False, "momentum": 0.9}, (None, None, 6)),
        C({"scale": False, "center": False}, (None, 4, 5)),
        C({"axis": 3}, (None, 4), bad="param"),
    ],
    "LayerNormalization": [
        C({}, (None, 10)), C({"axis": 1, "scale": False}, (None, 3, 8)),
        C({"center": False, "epsilon": 1e-5}, (None, None, 6)),
        C({"axis": 3}, (None, 4), bad="param"),
    ],
    "Dropout": [C({"rate": 0.5}, (None, 3)), C({"rate": 0.1, "seed": 1}, (None, 2, None, 4))],
    "SpatialDropout1D": [
        C({"rate": 0.2}, (None, 5, 3)), C({"rate": 0.3, "seed": 3}, (None, None, 3)),
        C({"rate": 0.2}, (None, 3), bad="rank"),
    ],
    "SimpleRNN": [
        C({"units": 8}, (None, 5, 3)),
        C({"units": 4, "return_sequences": True, "use_bias": False}, (None, None, 3)),
        C({"units": 3, "go_backwards": True, "unroll": True}, (None, 5, 2)),
        C({"units": 4}, (None, 32), bad="rank"),
        C({"units": 4, "unroll": True}, (None, None, 3)),
    ],
    "LSTM": [
        C({"units": 32}, (None, 1000, 10)),
        C({"units": 4, "return_sequences": True, "dropout": 0.2}, (None, None, 3)),
        C({"units": 3, "use_bias": False, "unroll": True, "go_backwards": True}, (None, 4, 2)),
        C({"units": 4}, (None, 32), bad="rank"),
        C({"units": 4}, (None, 5, None), bad="unknown_dim"),
    ],
    "GRU": [
        C({"units": 16, "return_sequences": True}, (None, 1000, 10)),
        C({"units": 4, "reset_after": False}, (None, None, 3)),
        C({"units": 3, "use_bias": False, "recurrent_dropout": 0.1}, (None, 4, 2)),
        C({"units": 4}, (None, 2, 3, 4), bad="rank"),
    ],
    "Bidirectional": [
        C({"layer": lstm(return_sequences=True)}, (None, 5, 10)),
        C({"layer": {"type": "GRU", "params": {"units": 3}}, "merge_mode": "sum"}, (None, None, 4)),
        C({"layer": {"type": "SimpleRNN", "params": {"units": 2, "return_sequences": True}}, "merge_mode": "mul"}, (None, 6, 3)),
        C({"layer": lstm(use_bias=False), "merge_mode": "ave"}, (None, 7, 2)),
        C({"layer": lstm(return_sequences=True), "merge_mode": None}, (None, 5, 3)),
        C({"layer": {"type": "GRU", "params": {"units": 2, "reset_after": False}}}, (None, 4, 3)),
        C({"layer": lstm()}, (None, 32), bad="rank"),
    ],
    "TimeDistributed": [
        C({"layer": {"type": "Dense", "params": {"units": 4}}}, (None, 5, 3)),
        C({"layer": {"type": "Dense", "params": {"units": 2, "use_bias": False}}}, (None, None, 2, 3)),
        C({"layer": {"type": "Dense", "params": {"units": 2}}}, (None, 3), bad="rank"),
    ],
    "MultiHeadAttention": [
        C({"num_heads": 2, "key_dim": 4}, (None, 5, 8), (None, 7, 6)),
        C({"num_heads": 3, "key_dim": 2, "value_dim": 3, "output_shape": 10}, (None, 5, 8), (None, 7, 6), (None, 7, 3)),
        C({"num_heads": 1, "key_dim": 4, "use_bias": False}, (None, None, 8), (None, None, 8)),
        C({"num_heads": 2, "key_dim": 3, "output_shape": (2, 5)}, (None, 4, 6), (None, 3, 6)),
        C({"num_heads": 2, "key_dim": 4, "dropout": 0.1}, (None, 5, 8), (None, 7, 6), (None, 6, 6), bad="mismatch"),
        C({"num_heads": 2, "key_dim": 4}, (None, 8), (None, 8), bad="rank", runtime=True),
    ],
    "Attention": [
        C({}, (None, 5, 8), (None, 7, 8)),
        C({"use_scale": True, "score_mode": "concat"}, (None, 5, 8), (None, 7, 3), (None, 7, 8)),
        C({"use_scale": True, "dropout": 0.1}, (None, None, 4), (None, None, 4)),
        C({}, (None, 5, 8), (None, 7, 6), bad="mismatch", runtime=True),
    ],
    "Concatenate": [
        C({}, (None, 3), (None, 4)),
        C({"axis": 1}, (None, 2, 5), (None, 3, 5), (None, None, 5)),
        C({"axis": -2}, (None, 2, 5), (None, 3, 5)),
        C({}, (None, None, 3), (None, 2, 3)),
        C({}, (None, 2, 5), (None, 3, 5), bad="concat"),
    ],
    "Add": [C({}, (None, 4), (None, 4)), C({}, (None, 2, 3), (None, 2, 3), (None, None, 3)),
            C({}, (None, 3), (None, 4), bad="mismatch")],
    "Subtract": [C({}, (None, 4), (None, 4)), C({}, (None, 2, 3), (None, 2, 5), bad="mismatch")],
    "Multiply": [C({}, (None, 4), (None, 4)), C({}, (None, 3), (None, 4), bad="mismatch")],
    "Average": [C({}, (None, 4), (None, 4), (None, 4)), C({}, (None, 3), (None, 4), bad="mismatch")],
    "Maximum": [C({}, (None, 5, 2), (None, 5, 2)), C({}, (None, 3), (None, 4), bad="mismatch")],
}
# fmt: on


def test_every_catalog_entry_has_cases() -> None:
    assert set(CASES) == set(CATALOG)
    for type_name, cases in CASES.items():
        assert any(c.bad is None for c in cases), type_name


def ours(type_name: str, case: Case):
    """(NodeInfo of the tested node, its output shapes per port) from the real inference."""
    graph = Graph()
    refs = []
    for i, shape in enumerate(case.shapes):
        params: dict[str, Any] = {"shape": shape[1:]}
        if case.dtypes:
            params["dtype"] = case.dtypes[i]
        graph.add_node(Node(f"in{i}", "Input", f"in{i}", params))
        refs.append(Ref(f"in{i}"))
    graph.add_node(Node("n", type_name, "n", dict(case.params), refs))
    info = Inference(graph).info("n")
    return info, list(info.outputs)


def theirs(type_name: str, case: Case):
    """(output shapes, count_params()) from Keras, or the exception it raised.

    With ``case.runtime`` the layer is also run eagerly on zeros (unknown axes
    set to 3), for inputs that only fail once there is data.
    """
    import keras
    import numpy as np

    kwargs = layer_kwargs(type_name, case.params)
    try:
        if type_name == "Input":
            out = keras.Input(**kwargs)
            return [tuple(out.shape)], 0
        layer = _construct(type_name, kwargs)
        dtypes = case.dtypes or ("float32",) * len(case.shapes)
        tensors = [keras.KerasTensor(s, dtype=d) for s, d in zip(case.shapes, dtypes, strict=True)]
        style = CATALOG[type_name].call_style
        if style == "list":
            out = layer(tensors)
        elif style == "positional":
            out = layer(*tensors)
        else:
            out = layer(tensors[0])
        if case.runtime:
            data = [np.zeros([3 if d is None else d for d in s], "float32") for s in case.shapes]
            if style == "list":
                layer(data)
            elif style == "positional":
                layer(*data)
            else:
                layer(data[0])
    except Exception as exc:  # Keras raises ValueError, TypeError, tf errors...
        return exc
    outs = out if isinstance(out, (list, tuple)) else [out]
    return [tuple(t.shape) for t in outs], int(layer.count_params())


@pytest.mark.parametrize("type_name", list(CASES))
def test_shapes_and_counts_match_keras(type_name: str) -> None:
    import keras

    keras.backend.clear_session()
    for case in CASES[type_name]:
        info, outputs = ours(type_name, case)
        result = theirs(type_name, case)
        where = f"{type_name} {case.params} on {case.shapes}"
        if case.bad:
            assert isinstance(result, Exception), f"Keras accepted {where}: {result}"
            assert info.error is not None, f"we accepted {where} (Keras: {result})"
            assert info.error.code == case.bad, f"{where}: {info.error.code} {info.error.message}"
            assert info.error.message
            continue
        assert not isinstance(result, Exception), f"Keras refused {where}: {result!r}"
        assert info.error is None, f"we refused {where}: {info.error.message}"
        shapes, count = result
        assert outputs == shapes, where
        assert info.params == count, where


def _dim(rng: random.Random) -> int | None:
    return None if rng.random() < 0.15 else rng.randint(1, 12)


def sampled_cases(type_name: str, count: int = 16) -> list[Case]:
    """Seeded random parameters and inputs for windowed layers (valid or not)."""
    rng = random.Random(type_name)
    rank = 1 if "1D" in type_name else 2
    cases = []
    for _ in range(count):
        size = tuple(rng.randint(1, 4) for _ in range(rank))
        strides = tuple(rng.choice((1, 1, 2, 3)) for _ in range(rank))
        first = rng.random() < 0.3
        spatial = [_dim(rng) for _ in range(rank)]
        params: dict[str, Any] = {"padding": rng.choice(("valid", "same"))}
        if first:
            params["data_format"] = "channels_first"
        if "Pooling" in type_name:
            channels = rng.randint(1, 4)
            params.update(pool_size=size, strides=None if rng.random() < 0.3 else strides)
        else:
            channels = rng.choice((1, 2, 4))
            params.update(filters=rng.choice((1, 2, 4)), kernel_size=size, strides=strides)
            if rng.random() < 0.3:  # with strides > 1 Keras refuses: kept on purpose
                params["dilation_rate"] = tuple(rng.choice((1, 2)) for _ in range(rank))
            if type_name == "Conv2DTranspose":
                if rng.random() < 0.5:
                    params["output_padding"] = tuple(rng.randint(0, 2) for _ in range(rank))
            else:
                params["groups"] = rng.choice((1, 1, 1, 2))
                if rank == 1 and not first and rng.random() < 0.3:
                    params["padding"] = "causal"
        shape = (None, channels, *spatial) if first else (None, *spatial, channels)
        cases.append(Case(params, (shape,)))
    return cases


SAMPLED = ["Conv1D", "Conv2D", "Conv2DTranspose", "MaxPooling1D", "MaxPooling2D"]
SAMPLED += ["AveragePooling1D", "AveragePooling2D"]


@pytest.mark.parametrize("type_name", SAMPLED)
def test_sampled_windows_agree_with_keras(type_name: str) -> None:
    """Random combinations: Keras and we accept the same ones and agree on them."""
    import keras

    keras.backend.clear_session()
    accepted = 0
    for case in sampled_cases(type_name):
        info, outputs = ours(type_name, case)
        result = theirs(type_name, case)
        where = f"{type_name} {case.params} on {case.shapes}"
        if isinstance(result, Exception):
            assert info.error is not None, f"we accepted {where}; Keras: {result}"
            continue
        assert info.error is None, f"we refused {where}: {info.error.message}"
        assert (outputs, info.params) == result, where
        accepted += 1
    assert accepted >= 6, f"only {accepted} valid combinations sampled"


def test_window_error_names_the_param_and_dims() -> None:
    info, _ = ours("Conv2D", C({"filters": 2, "kernel_size": 8}, (None, 4, 10, 1)))
    assert info.error.code == "window"
    assert info.error.data["param"] == "kernel_size"
    assert info.error.data["dims"] == (4,)
    assert "window of 8" in info.error.message and "input size 4" in info.error.message
    info, _ = ours("MaxPooling2D", C({"pool_size": 3}, (None, 2, 2, 1)))
    assert info.error.data["param"] == "pool_size"
    assert info.error.data["dims"] == (2, 2)


def test_reshape_error_says_the_counts() -> None:
    info, _ = ours("Reshape", C({"target_shape": (5,)}, (None, 3, 4)))
    assert "12" in info.error.message and "5" in info.error.message


def _keras_callable(type_name: str):
    import keras

    return keras.Input if type_name == "Input" else getattr(keras.layers, type_name).__init__


def _keras_default(spec_param, value: Any) -> Any:
    """A Keras signature default in the form our specs keep (Keras' standardize_tuple)."""
    if spec_param.kind == INT_TUPLE and isinstance(value, int):
        return (value,) * spec_param.length
    if isinstance(value, list):
        return tuple(value)
    return value


# Required here although Keras has a default: keras.Input(shape=None) needs
# batch_shape instead, which netbuilder does not model.
REQUIRED_HERE = {("Input", "shape")}


@pytest.mark.parametrize("type_name", list(CATALOG))
def test_param_names_and_defaults_match_keras(type_name: str) -> None:
    signature = inspect.signature(_keras_callable(type_name)).parameters
    for p in CATALOG[type_name].params:
        assert p.name in signature, f"{type_name} has no argument {p.name!r} in Keras"
        keras_default = signature[p.name].default
        if (type_name, p.name) in REQUIRED_HERE:
            assert p.required and keras_default is None
            continue
        if p.required:
            assert keras_default is inspect.Parameter.empty, f"{type_name}.{p.name}"
            continue
        assert keras_default is not inspect.Parameter.empty, f"{type_name}.{p.name} is required"
        expected = _keras_default(p, keras_default)
        assert p.default == expected and type(p.default) is type(expected), (
            f"{type_name}.{p.name}: ours {p.default!r}, Keras {keras_default!r}"
        )
        assert p.check(p.default) is None, f"{type_name}.{p.name} default refused by its spec"


@pytest.mark.parametrize("type_name", [t for t in CATALOG if t != "Input"])
def test_every_choice_is_accepted_by_keras(type_name: str) -> None:
    spec = CATALOG[type_name]
    base = dict(spec.starter_params)
    for p in spec.params:
        if p.kind != CHOICE:
            continue
        for choice in p.choices:
            kwargs = layer_kwargs(type_name, {**base, p.name: choice})
            layer = _construct(type_name, kwargs)
            assert layer is not None, f"{type_name}({p.name}={choice!r})"


def test_wrapper_inner_layers_build_in_keras() -> None:
    for type_name, spec in CATALOG.items():
        for p in spec.params:
            if p.kind != LAYER:
                continue
            for inner in p.allowed_layers:
                value = {"type": inner, "params": dict(CATALOG[inner].starter_params)}
                layer = _construct(type_name, layer_kwargs(type_name, {p.name: value}))
                # Bidirectional keeps a copy per direction; TimeDistributed keeps .layer.
                wrapped = getattr(layer, "forward_layer", None) or layer.layer
                assert type(wrapped).__name__ == inner, f"{type_name}({inner})"
