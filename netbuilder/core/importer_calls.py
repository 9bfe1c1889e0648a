"""Parsing the parts of a Keras model config that describe calls and tensors.

Tensors are keys ``(scope, layer, node_index, tensor_index)``; a call of a
layer is a :class:`RawCall` whatever the format it came in: Keras 3
(``{"args", "kwargs"}`` with ``__keras_tensor__`` entries) or Keras 2
(``[[layer, node_index, tensor_index, kwargs], ...]``). Also here: ordered
input slots for a node type, and Input parameters from an InputLayer config.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .catalog import get_spec
from .params import ParamError

MODEL_CLASSES = frozenset({"Functional", "Model", "Sequential"})
MAX_LAYERS = 20_000
MAX_NESTING = 16

Scope = tuple[str, ...]
TensorKey = tuple[Scope, str, int, int]


class ImportFailure(Exception):
    """The config cannot become a graph: ``template`` and ``values`` make one sentence."""

    def __init__(self, template: str, **values: Any) -> None:
        super().__init__(template.format(**values))
        self.template = template
        self.values = values


@dataclass
class RawCall:
    """One call of a layer: tensor arguments, their recorded specs, other arguments.

    ``structure`` is "single" (``layer(x)``), "list" (``layer([a, b])``),
    "positional" (``layer(q, v, key=k)``), "nested" or "none" (no tensors).
    ``specs`` hold (shape, dtype) per positional tensor and ``keyword_specs``
    per keyword tensor, when the file records them (Keras 3 does).
    """

    positional: tuple[TensorKey, ...]
    keyword: dict[str, TensorKey] = field(default_factory=dict)
    structure: str = "single"
    extras: dict[str, Any] = field(default_factory=dict)
    specs: list[tuple[Any, Any]] | None = None
    keyword_specs: dict[str, tuple[Any, Any]] | None = None
    legacy: bool = False  # Keras 2 form: node indices of nested Functional models start at 1


def _is_tensor(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and value.get("class_name") == "__keras_tensor__"
        and isinstance(value.get("config"), dict)
    )


def _history(value: dict[str, Any], scope: Scope) -> TensorKey:
    h = value["config"].get("keras_history")
    return triple(h, scope)


def triple(h: Any, scope: Scope) -> TensorKey:
    if (
        not isinstance(h, (list, tuple))
        or len(h) < 3
        or not isinstance(h[0], str)
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in h[1:3])
    ):
        raise ImportFailure(
            "a tensor reference {ref} is not of the form [layer, node, tensor]", ref=brief(h)
        )
    return (scope, h[0], int(h[1]), int(h[2]))


def brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def flatten_refs(value: Any, scope: Scope) -> list[TensorKey]:
    """``input_layers``/``output_layers``: one triple, a list of triples, or a dict of them."""
    if value is None:
        return []
    if isinstance(value, list) and len(value) >= 3 and isinstance(value[0], str):
        return [triple(value, scope)]
    if isinstance(value, dict):
        return [k for key in sorted(value) for k in flatten_refs(value[key], scope)]
    if isinstance(value, list):
        return [k for item in value for k in flatten_refs(item, scope)]
    raise ImportFailure(
        "the model's input or output list {value} is not understood", value=brief(value)
    )


def unshift_call(call: RawCall, nested: set[str]) -> RawCall:
    """A Keras 2 call with references to nested Functional models made 0-based."""
    if not call.legacy or not nested:
        return call
    call.positional = tuple(unshift(k, nested) for k in call.positional)
    call.keyword = {name: unshift(k, nested) for name, k in call.keyword.items()}
    return call


def unshift(key: TensorKey, nested: set[str]) -> TensorKey:
    if key[1] in nested and key[2] > 0:
        return (key[0], key[1], key[2] - 1, key[3])
    return key


def model_input_count(cls: str, config: dict[str, Any]) -> int | None:
    if cls == "Sequential":
        return 1
    try:
        return len(flatten_refs(config.get("input_layers"), ()))
    except ImportFailure:
        return None


def _tensors_in(value: Any, scope: Scope, depth: int = 0) -> list[TensorKey]:
    if depth > 30:
        raise ImportFailure("a layer's call arguments nest too deeply")
    if _is_tensor(value):
        return [_history(value, scope)]
    if isinstance(value, list):
        return [k for v in value for k in _tensors_in(v, scope, depth + 1)]
    if isinstance(value, dict):
        return [k for v in value.values() for k in _tensors_in(v, scope, depth + 1)]
    return []


def parse_inbound(raw: Any, scope: Scope) -> list[RawCall]:
    """Each call of a layer, in the Keras 3 or the Keras 2 form."""
    if not isinstance(raw, list):
        raise ImportFailure("a layer's 'inbound_nodes' is not a list")
    calls = []
    for node in raw:
        if isinstance(node, dict):
            calls.append(_parse_keras3_call(node, scope))
        elif isinstance(node, list):
            calls.append(_parse_legacy_call(node, scope))
        else:
            raise ImportFailure("a layer's inbound node {node} is not understood", node=brief(node))
    return calls


def _parse_keras3_call(node: dict[str, Any], scope: Scope) -> RawCall:
    args = node.get("args", [])
    kwargs = node.get("kwargs", {})
    if not isinstance(args, list) or not isinstance(kwargs, dict):
        raise ImportFailure("a layer's call arguments are not understood")
    positional: list[TensorKey] = []
    extras: dict[str, Any] = {}
    kinds = []
    specs: list[tuple[Any, Any]] = []
    keyword_specs: dict[str, tuple[Any, Any]] = {}
    for i, arg in enumerate(args):
        if _is_tensor(arg):
            positional.append(_history(arg, scope))
            specs.append(_spec(arg))
            kinds.append("t")
            continue
        if isinstance(arg, list) and arg and all(_is_tensor(a) for a in arg):
            specs.extend(_spec(a) for a in arg)
        found = _tensors_in(arg, scope)
        if found:
            positional.extend(found)
            kinds.append("l" if isinstance(arg, list) and all(_is_tensor(a) for a in arg) else "n")
        elif arg is not None:
            extras[f"arg{i}"] = arg
    keyword: dict[str, TensorKey] = {}
    for key, value in kwargs.items():
        found = _tensors_in(value, scope)
        if _is_tensor(value):
            keyword[str(key)] = found[0]
            keyword_specs[str(key)] = _spec(value)
        elif found:
            extras[str(key)] = tensors_text(found)
        elif value is not None:
            extras[str(key)] = value
    if kinds == ["t"]:
        structure = "single"
    elif kinds == ["l"]:
        structure = "list"
    elif kinds and all(k == "t" for k in kinds):
        structure = "positional"
    else:
        structure = "none" if not kinds else "nested"
    return RawCall(tuple(positional), keyword, structure, extras, specs, keyword_specs)


def tensors_text(keys: list[TensorKey]) -> str:
    """How a note names tensors it cannot wire: ``<tensors: 'enc' output 1, ...>``."""
    shown = ", ".join(f"{k[1]!r} output {k[3]}" for k in keys[:6])
    return f"<tensors: {shown}{', ...' if len(keys) > 6 else ''}>"


def _spec(tensor: dict[str, Any]) -> tuple[Any, Any]:
    """(shape, dtype) recorded for a ``__keras_tensor__``."""
    config = tensor["config"]
    return config.get("shape"), config.get("dtype")


def _parse_legacy_call(node: list[Any], scope: Scope) -> RawCall:
    positional: list[TensorKey] = []
    keyword: dict[str, TensorKey] = {}
    extras: dict[str, Any] = {}
    for item in node:
        positional.append(triple(item, scope))
        kwargs = item[3] if isinstance(item, list) and len(item) > 3 else {}
        if not isinstance(kwargs, dict):
            continue
        for key, value in kwargs.items():
            if (
                isinstance(value, list)
                and len(value) >= 3
                and isinstance(value[0], str)
                and isinstance(value[1], int)
            ):
                keyword[str(key)] = triple(value, scope)
            elif value is not None:
                extras[str(key)] = value
    if len(positional) == 1 and not keyword:
        structure = "single"
    elif len(positional) > 1 and not keyword:
        structure = "list"
    else:
        structure = "positional"
    return RawCall(tuple(positional), keyword, structure, extras, legacy=True)


def input_slots(
    type_name: str, positional: list[TensorKey], keyword: dict[str, TensorKey], structure: str
) -> list[TensorKey | None] | None:
    """Ordered input slots for a node, or None when the call does not fit its spec."""
    spec = get_spec(type_name)
    if spec is None:
        if structure in ("single", "list", "none") and not keyword:
            return list(positional)
        return None
    if spec.call_style == "single":
        return list(positional) if structure == "single" and not keyword else None
    if spec.call_style == "list":
        return list(positional) if structure == "list" and not keyword else None
    if spec.call_style == "positional":
        names = [p.name for p in spec.ports]
        if structure not in ("single", "positional", "none") or len(positional) > len(names):
            return None
        slots: list[TensorKey | None] = [None] * len(names)
        slots[: len(positional)] = positional
        for key, ref in keyword.items():
            if key not in names or slots[names.index(key)] is not None:
                return None
            slots[names.index(key)] = ref
        while slots and slots[-1] is None:
            slots.pop()
        return slots
    return None


def input_params(config: dict[str, Any], name: str) -> dict[str, Any]:
    """Input node params from an InputLayer config (Keras 3 or Keras 2 keys)."""
    spec = get_spec("Input")
    assert spec is not None  # the catalog always has Input
    batch_shape = config.get("batch_shape", config.get("batch_input_shape"))
    if batch_shape is None and isinstance(config.get("shape"), list):
        batch_shape = [None, *config["shape"]]
    if not isinstance(batch_shape, list) or not batch_shape:
        raise ImportFailure("the input {name!r} has no shape", name=name)
    for flag in ("ragged", "optional"):
        if config.get(flag):
            raise ImportFailure(
                "the input {name!r} is {flag}, which netbuilder cannot represent",
                name=name,
                flag=flag,
            )
    params: dict[str, Any] = {}
    try:
        params["shape"] = spec.param("shape").coerce(batch_shape[1:])
        if batch_shape[0] is not None:
            params["batch_size"] = spec.param("batch_size").coerce(batch_shape[0])
        dtype = config.get("dtype")
        if isinstance(dtype, dict):
            dtype = (dtype.get("config") or {}).get("name")
        if dtype not in (None, "float32"):
            params["dtype"] = spec.param("dtype").coerce(dtype)
        if config.get("sparse"):
            params["sparse"] = True
    except ParamError as exc:
        raise ImportFailure(
            "the input {name!r} cannot be represented: {reason}", name=name, reason=str(exc)
        ) from None
    return params
