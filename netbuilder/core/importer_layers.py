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
from .graph import Node, deep_copy, snake_case
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
_SHARED_OBJECT_ID = "shared_object_id"


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
    _call_defaults: dict[str, dict[str, Any]] = field(default_factory=dict)
    _matches: dict[str, dict[str, Any] | _Unmappable] = field(default_factory=dict)

    def is_call_default(self, entry: Mapping[str, Any], key: str, value: Any) -> bool:
        """Whether a recorded call argument equals the default of the Keras layer's ``call``.

        Keras records some arguments at their defaults (``training=False`` on
        recurrent layers); those carry no information and need no note. Only
        Keras' own layer classes are inspected, never a class the file names
        elsewhere.
        """
        class_name = entry.get("class_name")
        if not isinstance(class_name, str) or _custom_origin(entry):
            return False
        if class_name not in self._call_defaults:
            self._call_defaults[class_name] = _keras_call_defaults(class_name)
        defaults = self._call_defaults[class_name]
        return key in defaults and same_config_value(value, defaults[key])

    def map(self, entry: Mapping[str, Any], call: Any = None) -> LayerMapping:
        """Catalog node for a serialized layer when exact, else a generic node.

        ``call`` (an ``importer_graph.RawCall``) gives the recorded input specs
        of the layer's first call: some settings are only filled in when a
        layer is built (``MultiHeadAttention.attention_axes``), so when the
        unbuilt comparison fails the probes are called on symbolic tensors of
        those specs and compared again.
        """
        class_name = str(entry.get("class_name"))
        config = entry.get("config")
        if not isinstance(config, dict):
            config = {}
        spec = get_spec(class_name)
        if spec is None or spec.is_input or class_name == GENERIC_TYPE:
            return generic_mapping(entry, "")
        custom = _custom_origin(entry)
        if custom:
            return generic_mapping(entry, f"it is a custom class ({custom}), not the Keras layer")
        try:
            params = self._unbuilt_match(spec, config)
        except _Unmappable as exc:
            probe = _probe_inputs(call)
            if probe is None:
                return generic_mapping(entry, str(exc))
            try:
                params = self._catalog_params(spec, config, probe)
            except _Unmappable as again:
                return generic_mapping(entry, str(again))
        return LayerMapping(spec.type, params)

    # -- catalog matching -----------------------------------------------------------
    def _unbuilt_match(self, spec: LayerSpec, config: Mapping[str, Any]) -> dict[str, Any]:
        """``_catalog_params`` without a probe, memoised: models repeat identical layers."""
        body = {k: v for k, v in config.items() if k not in _IDENTITY_KEYS}
        key = spec.type + json.dumps(body, sort_keys=True, default=repr)
        if key not in self._matches:
            try:
                self._matches[key] = self._catalog_params(spec, config, None)
            except _Unmappable as exc:
                self._matches[key] = _Unmappable(str(exc))
        found = self._matches[key]
        if isinstance(found, _Unmappable):
            raise _Unmappable(str(found))
        return deep_copy(found)

    def _catalog_params(
        self, spec: LayerSpec, config: Mapping[str, Any], probe: _Probe | None, strict: bool = True
    ) -> dict[str, Any]:
        """Decoded non-default params; with ``strict``, proven to rebuild ``config`` exactly.

        Layers inside wrappers are matched with ``strict=False``: the wrapper
        changes their config (Bidirectional sets ``zero_output_for_mask``), and
        the wrapper's own strict check compares the whole nested config anyway.
        """
        required: dict[str, Any] = {}
        for p in spec.params:
            if p.required:
                if p.name not in config:
                    raise _Unmappable(f"the config has no '{p.name}'")
                required[p.name] = self._decode(p, config[p.name])
        reference = self._reference(spec.type, required, probe)
        params = dict(required)
        for p in spec.params:
            if p.required or p.name not in config:
                continue
            if same_config_value(config[p.name], reference.get(p.name, _MISSING), p.name):
                continue
            params[p.name] = self._decode(p, config[p.name])
        if not strict:
            return params
        built = _built_config(spec.type, params, probe)
        for key, value in config.items():
            if key in _IDENTITY_KEYS:
                continue
            if key not in built:
                if value is None or any(
                    same_config_value(value, v) for v in _LEGACY_NOOP.get(key, ())
                ):
                    continue
                raise _Unmappable(f"the catalog has no setting '{key}'")
            if not same_config_value(value, built[key], key):
                raise _Unmappable(f"the catalog cannot express {key}={_short(value)}")
        return params

    def _reference(
        self, type_name: str, required: dict[str, Any], probe: _Probe | None
    ) -> dict[str, Any]:
        key = type_name + json.dumps([required, probe], sort_keys=True, default=repr)
        if key not in self._defaults:
            self._defaults[key] = _built_config(type_name, required, probe)
        return self._defaults[key]

    def _decode(self, p: ParamSpec, value: Any) -> Any:
        """A config value in the spec's in-memory form; raises _Unmappable."""
        if p.kind == LAYER:
            if not isinstance(value, dict):
                raise _Unmappable(f"'{p.name}' is not a serialized layer")
            inner_type = value.get("class_name")
            inner_spec = get_spec(inner_type) if isinstance(inner_type, str) else None
            inner_config = value.get("config")
            if inner_spec is None or inner_spec.is_input or not isinstance(inner_config, dict):
                raise _Unmappable(f"the catalog does not model its inner layer {inner_type!r}")
            if _custom_origin(value):
                raise _Unmappable(f"its inner layer is a custom class ({_custom_origin(value)})")
            inner = self._catalog_params(inner_spec, inner_config, None, strict=False)
            decoded: Any = {"type": inner_spec.type, "params": inner}
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
    # Sorted keys: project files are written sorted, so a save/load round trip keeps the order.
    params: dict[str, Any] = {"class_name": str(entry.get("class_name")), "config": _sorted(config)}
    for key in ("module", "registered_name"):
        if key in entry:
            params[key] = entry[key]
    return LayerMapping(GENERIC_TYPE, params, reason or "the catalog does not model this layer")


def _keras_call_defaults(class_name: str) -> dict[str, Any]:
    import inspect

    from keras import layers

    cls = getattr(layers, class_name, None)
    if not (isinstance(cls, type) and issubclass(cls, layers.Layer)):
        return {}
    try:
        params = inspect.signature(cls.call).parameters.values()
    except (TypeError, ValueError):
        return {}
    return {p.name: p.default for p in params if p.default is not inspect.Parameter.empty}


def _custom_origin(entry: Mapping[str, Any]) -> str:
    """Where a layer class comes from when it is not Keras' own (empty for Keras classes)."""
    module = entry.get("module")
    registered = entry.get("registered_name")
    if isinstance(module, str) and module.split(".")[0] != "keras":
        return module
    if registered not in (None, entry.get("class_name")):
        return str(registered)
    return ""


def _sorted(value: Any) -> Any:
    """Keys sorted, ``shared_object_id`` dropped (an object identity the .keras saver
    adds when layers share one Python object, e.g. a dtype policy; not a setting)."""
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value, key=str) if k != _SHARED_OBJECT_ID}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def _identifier(obj: Mapping[str, Any]) -> Any:
    """The Keras string identifier of a serialized builtin object (GlorotUniform -> glorot_uniform)."""
    name = obj.get("class_name")
    if not isinstance(name, str):
        raise _Unmappable("a serialized object has no class name")
    if obj.get("registered_name") not in (None, name):
        raise _Unmappable(f"{obj.get('registered_name')!r} is a custom object")
    stem = snake_case(name)
    return _IDENTIFIER_ALIASES.get(stem, stem)


@dataclass(frozen=True)
class _Probe:
    """Symbolic inputs to call a probe layer with: the call structure and (shape, dtype)s."""

    structure: str
    positional: tuple[tuple[tuple[int | None, ...], str], ...]
    keyword: tuple[tuple[str, tuple[tuple[int | None, ...], str]], ...]


def _probe_inputs(call: Any) -> _Probe | None:
    """A probe from a parsed call when it recorded a usable spec for every tensor."""
    if (
        call is None
        or call.specs is None
        or call.structure not in ("single", "list", "positional", "none")
    ):
        return None
    if len(call.specs) != len(call.positional):
        return None

    def one(spec: Any) -> tuple[tuple[int | None, ...], str] | None:
        shape, dtype = spec
        if not isinstance(shape, list) or not isinstance(dtype, str) or len(shape) > 8:
            return None
        if not all(d is None or (isinstance(d, int) and 0 < d <= 1 << 20) for d in shape):
            return None
        return tuple(shape), dtype

    positional = [one(s) for s in call.specs]
    keyword = [(k, one(s)) for k, s in (call.keyword_specs or {}).items()]
    if any(p is None for p in positional) or any(s is None for _, s in keyword):
        return None
    return _Probe(call.structure, tuple(positional), tuple(keyword))  # type: ignore[arg-type]


def _call_probe(layer: Any, probe: _Probe) -> None:
    import keras

    args = [keras.KerasTensor((None, *s[1:]), dtype=d) for s, d in probe.positional]
    kwargs = {k: keras.KerasTensor((None, *s[1:]), dtype=d) for k, (s, d) in probe.keyword}
    if probe.structure == "list":
        layer(args)
    else:
        layer(*args, **kwargs)


def _built_config(type_name: str, params: dict[str, Any], probe: _Probe | None) -> dict[str, Any]:
    """``get_config()`` of the layer the builder makes from ``params``, JSON-normalised."""
    from .keras_layers import BuildError, make_layer

    node = Node(id="import", type=type_name, name="import_probe", params=dict(params))
    try:
        layer = make_layer(node)
        if probe is not None:
            _call_probe(layer, probe)
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
                inner = {k: v for k, v in inner.items() if k != _SHARED_OBJECT_ID}
                is_layer = "trainable" in inner
                inner = {
                    k: v
                    for k, v in inner.items()
                    if v is not None and not (is_layer and k in ("name", "build_config"))
                }
            return ("obj", cls, None if reg in (None, cls) else reg, _norm(inner, "", depth + 1))
        return (
            "dict",
            tuple(
                sorted(
                    (str(k), _norm(v, str(k), depth + 1))
                    for k, v in value.items()
                    if k != _SHARED_OBJECT_ID
                )
            ),
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
