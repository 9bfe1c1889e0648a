"""One Keras layer config -> one netbuilder node type and parameters.

A layer becomes a catalog node only when the catalog can say everything its
config says. The check is done against Keras itself, never by trusting the
file: the catalog parameters are decoded from the config, a layer is built from
them with the same code the builder uses (:func:`keras_layers.make_layer`) and
its ``get_config()`` must equal the file's config key by key (names of nested
layers aside, which Keras regenerates). Anything else becomes a generic node
that keeps ``class_name`` and ``config`` verbatim, so no setting is lost.

Only catalog classes are ever constructed here, and only from decoded plain
values; the file's own serialized objects are never deserialized.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .catalog import GENERIC_TYPE, get_spec
from .catalog.spec import LayerSpec
from .graph import Node, snake_case
from .params import CHOICE, INT_LIST, INT_TUPLE, LAYER, SHAPE, ParamError, ParamSpec

# Keys of a layer config that are not constructor settings of the catalog.
_IDENTITY_KEYS = frozenset({"name"})
# Keras 2 config keys that Keras 3 dropped and that change nothing at these values.
_LEGACY_NOOP: dict[str, tuple[Any, ...]] = {
    "time_major": (False,),
    "implementation": (1, 2),
}
# Serialized class names whose snake_case differs from the Keras string identifier.
_IDENTIFIER_ALIASES = {"l1l2": "l1_l2", "identity_initializer": "identity"}
_MISSING = object()


class _Unmappable(Exception):
    """The config holds something the catalog cannot express (message = reason)."""


@dataclass
class LayerMapping:
    """How one Keras layer config maps to a node."""

    type: str
    params: dict[str, Any]
    reason: str = ""  # why a generic node was chosen (empty for catalog nodes)


@dataclass
class LayerMapper:
    """Maps layer configs to nodes; caches Keras default configs per class."""

    _defaults: dict[str, dict[str, Any]] = field(default_factory=dict)

    def map(self, entry: Mapping[str, Any]) -> LayerMapping:
        """Catalog node for a serialized layer when exact, else a generic node."""
        class_name = str(entry.get("class_name"))
        config = entry.get("config")
        if not isinstance(config, dict):
            config = {}
        spec = get_spec(class_name)
        if spec is None or spec.is_input or class_name == GENERIC_TYPE:
            return generic_mapping(entry, "")
        try:
            params = self._catalog_params(spec, config)
        except _Unmappable as exc:
            return generic_mapping(entry, str(exc))
        return LayerMapping(spec.type, params)

    # -- catalog matching -----------------------------------------------------------
    def _catalog_params(self, spec: LayerSpec, config: Mapping[str, Any]) -> dict[str, Any]:
        required: dict[str, Any] = {}
        for p in spec.params:
            if p.required:
                if p.name not in config:
                    raise _Unmappable(f"the config has no '{p.name}'")
                required[p.name] = self._decode(p, config[p.name])
        reference = self._reference(spec.type, required)
        params = dict(required)
        for p in spec.params:
            if p.required or p.name not in config:
                continue
            if same_config_value(config[p.name], reference.get(p.name, _MISSING), p.name):
                continue
            params[p.name] = self._decode(p, config[p.name])
        built = _built_config(spec.type, params)
        for key, value in config.items():
            if key in _IDENTITY_KEYS:
                continue
            if key not in built:
                if value is None or value in _LEGACY_NOOP.get(key, ()):
                    continue
                raise _Unmappable(f"the catalog has no setting '{key}'")
            if not same_config_value(value, built[key], key):
                raise _Unmappable(f"the catalog cannot express {key}={_short(value)}")
        return params

    def _reference(self, type_name: str, required: dict[str, Any]) -> dict[str, Any]:
        key = type_name + json.dumps(required, sort_keys=True, default=repr)
        if key not in self._defaults:
            self._defaults[key] = _built_config(type_name, required)
        return self._defaults[key]

    def _decode(self, p: ParamSpec, value: Any) -> Any:
        """A config value in the spec's in-memory form; raises _Unmappable."""
        if p.kind == LAYER:
            if not isinstance(value, dict):
                raise _Unmappable(f"'{p.name}' is not a serialized layer")
            inner = self.map(value)
            if inner.type == GENERIC_TYPE:
                why = inner.reason or "the catalog does not model it"
                raise _Unmappable(f"its inner layer {value.get('class_name')!r} is generic: {why}")
            decoded: Any = {"type": inner.type, "params": inner.params}
        elif p.kind == CHOICE and isinstance(value, dict):
            decoded = _identifier(value)
        elif p.kind in (INT_TUPLE, SHAPE, INT_LIST) and isinstance(value, list):
            decoded = tuple(value)
        else:
            decoded = value
        try:
            return p.coerce(decoded)
        except ParamError as exc:
            raise _Unmappable(str(exc)) from None


def generic_mapping(entry: Mapping[str, Any], reason: str) -> LayerMapping:
    """A generic node keeping the serialized layer verbatim (its name lives on the node)."""
    config = entry.get("config")
    config = {k: v for k, v in config.items() if k != "name"} if isinstance(config, dict) else {}
    params: dict[str, Any] = {"class_name": str(entry.get("class_name")), "config": config}
    for key in ("module", "registered_name"):
        if key in entry:
            params[key] = entry[key]
    return LayerMapping(GENERIC_TYPE, params, reason or "the catalog does not model this layer")


def _identifier(obj: Mapping[str, Any]) -> Any:
    """The Keras string identifier of a serialized builtin object (GlorotUniform -> glorot_uniform)."""
    name = obj.get("class_name")
    if not isinstance(name, str):
        raise _Unmappable("a serialized object has no class name")
    if obj.get("registered_name") not in (None, name):
        raise _Unmappable(f"{obj.get('registered_name')!r} is a custom object")
    stem = snake_case(name)
    return _IDENTIFIER_ALIASES.get(stem, stem)


def _built_config(type_name: str, params: dict[str, Any]) -> dict[str, Any]:
    """``get_config()`` of the layer the builder makes from ``params``, JSON-normalised."""
    from .keras_layers import BuildError, make_layer

    node = Node(id="import", type=type_name, name="import_probe", params=dict(params))
    try:
        layer = make_layer(node)
        config = layer.get_config()
    except BuildError as exc:
        raise _Unmappable(str(exc)) from None
    except Exception as exc:  # Keras refuses values with many exception types
        raise _Unmappable(f"Keras refused the decoded settings: {exc}") from None
    return json.loads(json.dumps(config, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return repr(value)


# -- comparison -------------------------------------------------------------------------
def same_config_value(a: Any, b: Any, key: str = "") -> bool:
    """Whether two config values mean the same to Keras.

    Tuples equal lists, ``True`` never equals ``1``, a dtype string equals its
    ``DTypePolicy`` dict, serialized objects compare by class and config with
    ``None`` entries, ``module`` and default ``registered_name`` ignored (Keras 2
    configs omit them), and nested layer configs ignore names and build configs.
    """
    return _norm(a, key) == _norm(b, key)


def _norm(value: Any, key: str = "", depth: int = 0) -> Any:
    if depth > 60:
        raise _Unmappable("the config nests too deeply")
    if key == "dtype":
        return ("dtype", _dtype_name(value))
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("num", float(value)) if math.isfinite(value) else ("num", repr(value))
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_norm(v, "", depth + 1) for v in value))
    if isinstance(value, dict):
        if isinstance(value.get("class_name"), str) and "config" in value:
            cls = value["class_name"]
            reg = value.get("registered_name")
            inner = value["config"]
            if isinstance(inner, dict):
                is_layer = "trainable" in inner
                inner = {
                    k: v
                    for k, v in inner.items()
                    if v is not None and not (is_layer and k in ("name", "build_config"))
                }
            return ("obj", cls, None if reg in (None, cls) else reg, _norm(inner, "", depth + 1))
        return (
            "dict",
            tuple(sorted((str(k), _norm(v, str(k), depth + 1)) for k, v in value.items())),
        )
    if value is _MISSING:
        return ("missing",)
    return ("val", value)


def _dtype_name(value: Any) -> Any:
    if isinstance(value, dict):
        cfg = value.get("config")
        if isinstance(cfg, dict) and "name" in cfg:
            return cfg["name"]
    if value is None:
        return "float32"
    return value if isinstance(value, str) else repr(value)


def _short(value: Any) -> str:
    text = json.dumps(value, default=repr, sort_keys=True)
    return text if len(text) <= 80 else text[:77] + "..."
