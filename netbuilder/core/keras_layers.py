"""Keras layer objects from nodes (imports Keras lazily, inside the functions).

:func:`layer_kwargs` is the single place that turns a node's parameters into
Keras constructor arguments (defaults omitted, nested wrapper layers resolved);
the builder, code export and the conformance test all use it.
:func:`keras_oracle` computes shapes of generic nodes by calling the real Keras
layer on symbolic tensors.
"""

from __future__ import annotations

from typing import Any

from .catalog import GENERIC_TYPE, get_spec
from .graph import Node
from .params import LAYER, ParamError
from .shapes import Shape, ShapeError


class BuildError(Exception):
    """A node cannot be turned into a Keras layer; the message names the node."""


def layer_kwargs(type_name: str, params: dict[str, Any]) -> dict[str, Any]:
    """Constructor kwargs in Keras order: non-default params, canonical values.

    Nested layers (``LAYER`` params) stay as ``{"type", "params"}`` dicts, with
    their own params reduced the same way.
    """
    spec = get_spec(type_name)
    if spec is None:
        raise BuildError(f"unknown layer type {type_name!r}")
    coerced: dict[str, Any] = {}
    for p in spec.params:
        if p.name not in params:
            continue
        try:
            value = p.coerce(params[p.name])
        except ParamError as exc:
            raise BuildError(str(exc)) from None
        if p.kind == LAYER:
            value = {"type": value["type"], "params": layer_kwargs(value["type"], value["params"])}
        coerced[p.name] = value
    missing = [p.name for p in spec.params if p.required and p.name not in coerced]
    if missing:
        raise BuildError(f"{type_name} needs {', '.join(missing)}")
    return spec.non_default(coerced)


def _construct(type_name: str, kwargs: dict[str, Any], name: str | None = None) -> Any:
    from keras import layers

    spec = get_spec(type_name)
    args = dict(kwargs)
    if spec is not None and spec.wrapper_param and spec.wrapper_param in args:
        inner = args[spec.wrapper_param]
        args[spec.wrapper_param] = _construct(inner["type"], inner["params"])
    if name is not None:
        args["name"] = name
    cls = getattr(layers, type_name, None)
    if cls is None:
        raise BuildError(f"Keras has no layer class {type_name!r}")
    return cls(**args)


def make_layer(node: Node) -> Any:
    """The Keras layer object for a non-Input node."""
    if node.type == GENERIC_TYPE or node.spec is None:
        return generic_layer(node)
    try:
        return _construct(node.type, layer_kwargs(node.type, node.params), node.name)
    except BuildError as exc:
        raise BuildError(f"{node.type} '{node.name}': {exc}") from None
    except (TypeError, ValueError) as exc:
        raise BuildError(f"{node.type} '{node.name}' was refused by Keras: {exc}") from None


def make_input(node: Node) -> Any:
    """The symbolic ``keras.Input`` tensor for an Input node."""
    import keras

    kwargs = layer_kwargs("Input", node.params)
    return keras.Input(name=node.name, **kwargs)


def generic_layer(node: Node) -> Any:
    """Deserialize a generic node's Keras config without running custom code."""
    from keras import saving

    params = node.params
    config = dict(params.get("config") or {})
    config["name"] = node.name
    payload = {
        "class_name": params.get("class_name"),
        "config": config,
        "module": params.get("module", "keras.layers"),
        "registered_name": params.get("registered_name"),
    }
    try:
        return saving.deserialize_keras_object(payload, safe_mode=True)
    except Exception as exc:  # Keras raises many types for unknown/unsafe classes
        raise BuildError(
            f"layer '{node.name}' of class {params.get('class_name')!r} cannot be rebuilt: {exc}"
        ) from None


def keras_oracle(node: Node, input_shapes: list[Shape]) -> tuple[list[Shape], int]:
    """Output shapes and weight count of a generic node, from Keras on symbolic tensors."""
    import keras

    try:
        layer = generic_layer(node)
        tensors = [keras.KerasTensor(shape) for shape in input_shapes]
        if not tensors:
            raise ShapeError("arity", "needs an input")
        out = layer(tensors[0] if len(tensors) == 1 else tensors)
    except ShapeError:
        raise
    except BuildError as exc:
        raise ShapeError("generic", str(exc)) from None
    except Exception as exc:
        raise ShapeError("generic", f"was refused by Keras: {exc}") from None
    outs = out if isinstance(out, (list, tuple)) else [out]
    return [tuple(t.shape) for t in outs], int(layer.count_params())
