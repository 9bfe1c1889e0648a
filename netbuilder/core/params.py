"""Typed parameter specifications for layer catalog entries.

A :class:`ParamSpec` describes one Keras constructor argument: its name (exactly
as Keras spells it), kind, default (exactly as Keras 3 has it), allowed range or
choices and a one-line help text. The inspector form, validation, the builder,
code export and the project encoding are all derived from these specs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

# Parameter kinds. Values are plain JSON-able Python objects; tuples are kept as
# tuples in memory and become lists in JSON.
INT = "int"  # int, optionally bounded
FLOAT = "float"  # float, optionally bounded
BOOL = "bool"
CHOICE = "choice"  # one of ``choices`` (strings or None)
STR = "str"  # free text (e.g. a dtype name)
INT_TUPLE = "int_tuple"  # an int or a tuple of ``length`` ints (kernel_size=3 or (3, 3))
SHAPE = "shape"  # a tuple of positive ints or None entries, batch excluded (Input.shape)
INT_LIST = "int_list"  # tuple of ints of any length (Permute.dims, axis lists)
AXIS = "axis"  # an int axis (may be negative)
LAYER = "layer"  # a nested layer {"type": ..., "params": {...}} (wrappers)

ACTIVATIONS = (
    None,
    "relu",
    "sigmoid",
    "softmax",
    "tanh",
    "linear",
    "elu",
    "selu",
    "gelu",
    "silu",
    "swish",
    "softplus",
    "softsign",
    "leaky_relu",
    "relu6",
    "hard_sigmoid",
    "exponential",
    "mish",
    "log_softmax",
)

INITIALIZERS = (
    "glorot_uniform",
    "glorot_normal",
    "he_uniform",
    "he_normal",
    "lecun_uniform",
    "lecun_normal",
    "orthogonal",
    "random_uniform",
    "random_normal",
    "truncated_normal",
    "variance_scaling",
    "zeros",
    "ones",
    "identity",
)

REGULARIZERS = (None, "l1", "l2", "l1_l2", "orthogonal_regularizer")

CONSTRAINTS = (None, "max_norm", "non_neg", "unit_norm", "min_max_norm")


class ParamError(ValueError):
    """A parameter value that the spec does not accept."""


@dataclass(frozen=True)
class ParamSpec:
    """One constructor argument of a Keras layer.

    Attributes:
        name: The Keras keyword argument name.
        kind: One of the kind constants in this module.
        default: The Keras 3 default. ``REQUIRED`` for arguments without one.
        help: One-line help text (English; translated through the catalogue).
        minimum: Inclusive lower bound for numbers (tuple entries too).
        maximum: Inclusive upper bound for numbers.
        exclusive_max: When True, ``maximum`` is exclusive (dropout rates).
        choices: Allowed values for ``CHOICE``.
        length: Tuple length for ``INT_TUPLE`` (a bare int is broadcast).
        nullable: Whether None is accepted in addition to the kind.
        advanced: Hidden behind "More" in the inspector.
        key: Shown on the node card (e.g. ``Dense 64 relu``).
    """

    name: str
    kind: str
    default: Any = None
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    exclusive_max: bool = False
    choices: tuple[Any, ...] = ()
    length: int = 0
    nullable: bool = False
    advanced: bool = False
    key: bool = False
    allowed_layers: tuple[str, ...] = field(default=())

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def check(self, value: Any) -> str | None:
        """Return why ``value`` is not acceptable, or None when it is."""
        try:
            self.coerce(value)
        except ParamError as exc:
            return str(exc)
        return None

    def coerce(self, value: Any) -> Any:
        """Return ``value`` in canonical form (tuples, ints) or raise ParamError."""
        if value is None:
            if (
                self.nullable
                or self.default is None
                or (self.kind == CHOICE and None in self.choices)
            ):
                return None
            raise ParamError(f"'{self.name}' must not be empty")
        kind = self.kind
        if kind == BOOL:
            if isinstance(value, bool):
                return value
            raise ParamError(f"'{self.name}' must be True or False, got {value!r}")
        if kind in (INT, AXIS):
            if isinstance(value, bool) or not isinstance(value, int):
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                else:
                    raise ParamError(f"'{self.name}' must be an integer, got {value!r}")
            self._check_range(value)
            return value
        if kind == FLOAT:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ParamError(f"'{self.name}' must be a number, got {value!r}")
            try:
                value = float(value)
            except OverflowError:
                raise ParamError(f"'{self.name}' must be a finite number, got {value!r}") from None
            if math.isnan(value) or math.isinf(value):
                raise ParamError(f"'{self.name}' must be a finite number, got {value!r}")
            self._check_range(value)
            return value
        if kind == CHOICE:
            if value in self.choices:
                return value
            shown = ", ".join(repr(c) for c in self.choices)
            raise ParamError(f"'{self.name}' must be one of {shown}; got {value!r}")
        if kind == STR:
            if isinstance(value, str):
                return value
            raise ParamError(f"'{self.name}' must be text, got {value!r}")
        if kind == INT_TUPLE:
            if isinstance(value, int) and not isinstance(value, bool):
                value = (value,) * max(self.length, 1)
            if not isinstance(value, (list, tuple)) or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in value
            ):
                raise ParamError(
                    f"'{self.name}' must be an integer or a tuple of integers, got {value!r}"
                )
            if self.length and len(value) != self.length:
                raise ParamError(
                    f"'{self.name}' must have {self.length} entries, got {tuple(value)!r}"
                )
            for v in value:
                self._check_range(v)
            return tuple(value)
        if kind == SHAPE:
            if not isinstance(value, (list, tuple)):
                raise ParamError(f"'{self.name}' must be a tuple like (28, 28, 1), got {value!r}")
            out = []
            for v in value:
                if v is None:
                    out.append(None)
                elif isinstance(v, int) and not isinstance(v, bool) and v > 0:
                    out.append(v)
                else:
                    raise ParamError(
                        f"'{self.name}' entries must be positive integers or None, got {tuple(value)!r}"
                    )
            return tuple(out)
        if kind == INT_LIST:
            if isinstance(value, int) and not isinstance(value, bool):
                value = (value,)
            if not isinstance(value, (list, tuple)) or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in value
            ):
                raise ParamError(f"'{self.name}' must be a tuple of integers, got {value!r}")
            for v in value:
                self._check_range(v)
            return tuple(value)
        if kind == LAYER:
            if not isinstance(value, dict) or not isinstance(value.get("type"), str):
                raise ParamError(f"'{self.name}' must be a layer, got {value!r}")
            if self.allowed_layers and value["type"] not in self.allowed_layers:
                allowed = ", ".join(self.allowed_layers)
                raise ParamError(f"'{self.name}' must be one of {allowed}; got {value['type']}")
            params = value.get("params", {})
            if not isinstance(params, dict):
                raise ParamError(f"'{self.name}' params must be a mapping, got {params!r}")
            return {"type": value["type"], "params": dict(params)}
        raise ParamError(f"unknown parameter kind {kind!r}")

    def _check_range(self, value: float) -> None:
        if self.minimum is not None and value < self.minimum:
            raise ParamError(f"'{self.name}' must be at least {self.minimum:g}, got {value!r}")
        if self.maximum is not None:
            if self.exclusive_max and value >= self.maximum:
                raise ParamError(f"'{self.name}' must be below {self.maximum:g}, got {value!r}")
            if not self.exclusive_max and value > self.maximum:
                raise ParamError(f"'{self.name}' must be at most {self.maximum:g}, got {value!r}")


class _Required:
    """Marker for arguments without a Keras default (e.g. Dense.units)."""

    _instance: _Required | None = None

    def __new__(cls) -> _Required:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "REQUIRED"

    def __reduce__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()


def to_json_value(value: Any) -> Any:
    """Turn tuples into lists recursively (JSON has no tuples)."""
    if isinstance(value, tuple):
        return [to_json_value(v) for v in value]
    if isinstance(value, list):
        return [to_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json_value(v) for k, v in value.items()}
    return value
