"""The declarative layer specification: one frozen entry per Keras layer.

From one :class:`LayerSpec` come the palette entry, the inspector form,
validation, shape inference, the Keras layer, the exported code and the
project-file encoding. Adding a layer to netbuilder means adding one entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..params import REQUIRED, ParamError, ParamSpec
from ..shapes import Shape

# Categories in palette order.
CATEGORIES = (
    "Input",
    "Core",
    "Convolution",
    "Pooling",
    "Recurrent",
    "Attention",
    "Merge",
    "Reshaping",
    "Normalization",
    "Regularization",
    "Activation",
    "Other",
)

# How the builder and code export call the layer on its inputs:
#   "single":      layer(x)
#   "list":        layer([a, b, ...])        (merges, Attention)
#   "positional":  layer(query, value, key)  (MultiHeadAttention)
#   "input":       keras.Input(...)          (no call)
CALL_STYLES = ("single", "list", "positional", "input")

ShapeFn = Callable[[Mapping[str, Any], list[Shape]], Shape]
OutputsFn = Callable[[Mapping[str, Any], list[Shape]], list[Shape]]
CountFn = Callable[[Mapping[str, Any], list[Shape], Shape], int]


@dataclass(frozen=True)
class PortSpec:
    """One input slot of a layer, like Keras' ``InputSpec``.

    Attributes:
        name: Slot name shown on the node ("input", "query", "value", ...).
        ranks: Accepted ranks including the batch axis; empty means any.
        min_rank: Minimum rank including the batch axis (0 = no minimum).
        optional: The slot may stay empty (e.g. the ``key`` of attention).
        layout: Human description of the expected axes, used in messages
            ("(batch, steps, features)").
        integer: The slot expects integer data (Embedding).
    """

    name: str = "input"
    ranks: tuple[int, ...] = ()
    min_rank: int = 0
    optional: bool = False
    layout: str = ""
    integer: bool = False

    def accepts_rank(self, rank: int) -> bool:
        if self.ranks and rank not in self.ranks:
            return False
        return rank >= self.min_rank


def _no_params(params: Mapping[str, Any], inputs: list[Shape], output: Shape) -> int:
    return 0


@dataclass(frozen=True)
class LayerSpec:
    """A Keras layer as netbuilder knows it.

    Attributes:
        type: The Keras class name (``"Dense"``); also the node type.
        category: One of :data:`CATEGORIES`.
        description: One line for the palette.
        params: Constructor arguments in Keras order.
        ports: Fixed input slots; for variadic merges, the spec of each slot.
        variadic: Any number of inputs (at least ``min_inputs``) of ``ports[0]``.
        min_inputs: Least number of connected inputs.
        shape_fn: Pure-Python output shape from effective params and input
            shapes (batch axis included). Raises ``ShapeError``.
        count_fn: Number of weights (trainable and not) given the same.
        call_style: See :data:`CALL_STYLES`.
        synonyms: Extra words the palette search matches.
        wrapper_param: Name of the LAYER param for wrappers (Bidirectional).
        keeps_dtype: Output dtype equals the input's (Reshape, Dropout...);
            otherwise the output is float.
        doc_url: Keras documentation page.
        starter_params: Values for required params that a node newly added
            from the palette starts with (``{"units": 32}`` for Dense), so it
            shows a shape at once; never used as Keras defaults.
        outputs_fn: For layers that can have several outputs (Bidirectional
            with ``merge_mode=None`` returns [forward, backward]): the shapes of
            every output port. ``shape_fn`` still gives port 0. None means one.
    """

    type: str
    category: str
    description: str
    params: tuple[ParamSpec, ...]
    shape_fn: ShapeFn
    count_fn: CountFn = _no_params
    ports: tuple[PortSpec, ...] = (PortSpec(),)
    variadic: bool = False
    min_inputs: int = 1
    call_style: str = "single"
    synonyms: tuple[str, ...] = ()
    wrapper_param: str | None = None
    keeps_dtype: bool = False
    doc_url: str = ""
    starter_params: Mapping[str, Any] = field(default_factory=dict, compare=False)
    outputs_fn: OutputsFn | None = None
    _by_name: dict[str, ParamSpec] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name.update({p.name: p for p in self.params})

    # -- parameters -----------------------------------------------------------------
    def param(self, name: str) -> ParamSpec:
        return self._by_name[name]

    def has_param(self, name: str) -> bool:
        return name in self._by_name

    def defaults(self) -> dict[str, Any]:
        """Defaults of all params; REQUIRED ones are left out."""
        return {p.name: p.default for p in self.params if not p.required}

    def resolve(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Effective parameters: defaults overlaid with ``values`` (unknown keys dropped)."""
        out = self.defaults()
        for key, value in values.items():
            if key in self._by_name:
                out[key] = value
        return out

    def check_params(self, values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(param name, reason) for every value the spec refuses, missing required ones too."""
        problems: list[tuple[str, str]] = []
        for p in self.params:
            if p.name not in values:
                if p.required:
                    problems.append((p.name, f"'{p.name}' is required"))
                continue
            reason = p.check(values[p.name])
            if reason:
                problems.append((p.name, reason))
        return problems

    def coerce_params(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Canonical copies of the known params that pass their spec; others kept as is."""
        out: dict[str, Any] = {}
        for key, value in values.items():
            spec = self._by_name.get(key)
            if spec is None:
                continue
            try:
                out[key] = spec.coerce(value)
            except ParamError:
                out[key] = value
        return out

    def non_default(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Params (in spec order) whose value differs from the Keras default."""
        out: dict[str, Any] = {}
        for p in self.params:
            if p.name not in values:
                continue
            value = values[p.name]
            if p.required or not _same(value, p.default):
                out[p.name] = value
        return out

    @property
    def key_params(self) -> tuple[ParamSpec, ...]:
        return tuple(p for p in self.params if p.key)

    # -- ports --------------------------------------------------------------------
    def port(self, slot: int) -> PortSpec:
        if self.variadic:
            return self.ports[0]
        return self.ports[slot] if slot < len(self.ports) else self.ports[-1]

    @property
    def max_inputs(self) -> int | None:
        """Most inputs the layer accepts; None for variadic merges."""
        if self.call_style == "input":
            return 0
        return None if self.variadic else len(self.ports)

    @property
    def required_inputs(self) -> int:
        if self.call_style == "input":
            return 0
        if self.variadic:
            return self.min_inputs
        return sum(1 for p in self.ports if not p.optional)

    @property
    def is_input(self) -> bool:
        return self.call_style == "input"

    @property
    def is_merge(self) -> bool:
        return self.category == "Merge"


def _same(a: Any, b: Any) -> bool:
    """Equality that treats tuples and lists alike and 1 == 1.0 but not True == 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


__all__ = ["CATEGORIES", "CALL_STYLES", "LayerSpec", "PortSpec", "REQUIRED"]
