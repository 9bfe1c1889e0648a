"""Recurrent layers: SimpleRNN, LSTM, GRU (return_state is not modelled: always off)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..params import ACTIVATIONS, BOOL, CHOICE, INT, REQUIRED, ParamSpec
from ..shapes import Shape
from .common import activation, initializer, known_axis, rate, seed, use_bias
from .spec import LayerSpec, PortSpec

SEQUENCE_LAYOUT = "(batch, steps, features)"

# Weight blocks per cell: one for SimpleRNN, four gates for LSTM, three for GRU.
_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


def _rnn_shape(p: Mapping[str, Any], inputs: list[Shape]) -> Shape:
    shape = inputs[0]
    known_axis(shape, -1, "features")
    if p["return_sequences"]:
        return (shape[0], shape[1], p["units"])
    return (shape[0], p["units"])


def _rnn_count(gates: int, p: Mapping[str, Any], inputs: list[Shape]) -> int:
    features = known_axis(inputs[0], -1, "features")
    units = p["units"]
    weights = gates * units * (features + units)
    if p["use_bias"]:
        # GRU with reset_after keeps separate input and recurrent biases.
        weights += gates * units * (2 if p.get("reset_after") else 1)
    return weights


def _count_for(type_name: str):
    gates = _GATES[type_name]

    def count(p: Mapping[str, Any], inputs: list[Shape], out: Shape) -> int:
        return _rnn_count(gates, p, inputs)

    return count


def _rnn_params(type_name: str) -> tuple[ParamSpec, ...]:
    params: list[ParamSpec] = [
        ParamSpec(
            "units",
            INT,
            REQUIRED,
            "Size of the hidden state (output features).",
            minimum=1,
            key=True,
        ),
        activation("tanh", key=False),
    ]
    if type_name != "SimpleRNN":
        params.append(
            ParamSpec(
                "recurrent_activation",
                CHOICE,
                "sigmoid",
                "Activation of the gates.",
                choices=ACTIVATIONS,
                advanced=True,
            )
        )
    params += [
        use_bias(),
        initializer("kernel_initializer", "glorot_uniform", "the input weights"),
        initializer("recurrent_initializer", "orthogonal", "the recurrent weights"),
        initializer("bias_initializer", "zeros", "the bias"),
    ]
    if type_name == "LSTM":
        params.append(
            ParamSpec(
                "unit_forget_bias",
                BOOL,
                True,
                "Start the forget gate bias at 1 (recommended).",
                advanced=True,
            )
        )
    params += [
        rate("dropout", 0.0, "Fraction of the inputs to drop during training."),
        rate("recurrent_dropout", 0.0, "Fraction of the recurrent state to drop during training."),
    ]
    seed_param = seed()
    return_sequences = ParamSpec(
        "return_sequences",
        BOOL,
        False,
        "Return the output of every step (batch, steps, units) instead of the last (batch, units).",
        key=True,
    )
    tail = [
        return_sequences,
        ParamSpec("go_backwards", BOOL, False, "Process the sequence backwards."),
        ParamSpec(
            "unroll", BOOL, False, "Unroll the loop (faster for short sequences).", advanced=True
        ),
    ]
    # Keras orders seed before return_sequences in LSTM/GRU and after unroll in SimpleRNN.
    if type_name == "SimpleRNN":
        params += [*tail, seed_param]
    else:
        params += [seed_param, *tail]
    if type_name == "GRU":
        params.append(
            ParamSpec(
                "reset_after",
                BOOL,
                True,
                "Apply the reset gate after the matrix product (Keras/cuDNN default).",
                advanced=True,
            )
        )
    return tuple(params)


def _rnn(type_name: str, description: str, synonyms: tuple[str, ...], doc: str) -> LayerSpec:
    return LayerSpec(
        type=type_name,
        category="Recurrent",
        description=description,
        params=_rnn_params(type_name),
        shape_fn=_rnn_shape,
        count_fn=_count_for(type_name),
        ports=(PortSpec(ranks=(3,), layout=SEQUENCE_LAYOUT),),
        synonyms=synonyms,
        doc_url=f"https://keras.io/api/layers/recurrent_layers/{doc}/",
        starter_params={"units": 32},
    )


SIMPLE_RNN = _rnn(
    "SimpleRNN",
    "Fully connected recurrent layer: the output is fed back at every step.",
    ("rnn", "recurrent", "рекуррентный", "рекуррентная сеть"),
    "simple_rnn",
)
LSTM = _rnn(
    "LSTM",
    "Long short-term memory: a recurrent layer with gates that keeps long context.",
    ("long short-term memory", "rnn", "recurrent", "память", "рекуррентный", "лстм"),
    "lstm",
)
GRU = _rnn(
    "GRU",
    "Gated recurrent unit: a lighter gated recurrent layer than LSTM.",
    ("gated recurrent unit", "rnn", "recurrent", "рекуррентный", "гру"),
    "gru",
)

RNN_TYPES = ("LSTM", "GRU", "SimpleRNN")

SPECS = (SIMPLE_RNN, LSTM, GRU)
