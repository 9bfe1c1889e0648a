"""A parsed Keras model config -> a netbuilder :class:`Graph` (no code is run).

Sequential and Functional configs, in the Keras 3 form (``inbound_nodes`` as
``{"args", "kwargs"}`` with ``__keras_tensor__`` entries) and the Keras 2 form
(``[[[layer, node_index, tensor_index, kwargs], ...]]``), become one flat graph:

- every call of a layer becomes one node; a layer called more than once
  (shared weights) becomes one node per call and a note says so;
- nested Sequential/Functional models are expanded inline: their inputs are
  wired to the tensors the outer model feeds them and names that clash with
  the outer model get the sub-model's name as a prefix;
- tensors are keys ``(scope, layer, node_index, tensor_index)``; nested inputs
  and outputs are aliases resolved once every node exists.

Problems the graph cannot hold become :class:`ImportFailure` (a clear sentence)
or a note that the importer writes into the project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .catalog import GENERIC_TYPE, get_spec
from .graph import Graph, Node, Ref, deep_copy, new_id, snake_case
from .importer_calls import (
    MAX_LAYERS,
    MAX_NESTING,
    MODEL_CLASSES,
    ImportFailure,
    RawCall,
    Scope,
    TensorKey,
    brief,
    flatten_refs,
    input_params,
    input_slots,
    model_input_count,
    parse_inbound,
    tensors_text,
    unshift,
    unshift_call,
)
from .importer_layers import LayerMapper, generic_mapping


@dataclass
class Note:
    """A message for the user about something the graph represents differently."""

    template: str
    values: dict[str, Any] = field(default_factory=dict)

    def english(self) -> str:
        return self.template.format(**self.values)


def _layer_name(entry: dict[str, Any]) -> str:
    name = entry.get("name")
    config = entry.get("config")
    if not isinstance(name, str) and isinstance(config, dict):
        name = config.get("name")
    if not isinstance(name, str) or not name:
        name = snake_case(str(entry.get("class_name", "layer"))) or "layer"
    return name


class GraphImporter:
    """Turns one model config into a graph plus notes; use :meth:`run` once."""

    def __init__(self) -> None:
        self.mapper = LayerMapper()
        self.graph = Graph()
        self.notes: list[Note] = []
        self.generic: dict[str, str] = {}  # node name -> why it is generic
        self.shared: dict[str, list[str]] = {}  # original layer -> node names
        self.call_arguments: dict[str, dict[str, Any]] = {}
        self._alias: dict[TensorKey, TensorKey] = {}
        self._producer: dict[tuple[Scope, str, int], str] = {}
        self._used: set[str] = set()
        self._reserved: set[str] = set()
        self._input_ids: list[str] = []
        self._count = 0
        self._created: list[Node] = []
        self._pending: dict[str, list[TensorKey | None]] = {}

    # -- entry point ----------------------------------------------------------------
    def run(self, model: dict[str, Any]) -> Graph:
        class_name = model.get("class_name")
        config = model.get("config")
        if class_name not in MODEL_CLASSES or not isinstance(config, dict):
            raise ImportFailure(
                "the file describes a {cls!r}, but only Sequential and Functional models can be imported without running their code",
                cls=class_name,
            )
        layers = config.get("layers")
        if not isinstance(layers, list):
            raise ImportFailure("the model config has no list of layers")
        self._reserved = {_layer_name(e) for e in layers if isinstance(e, dict)}
        inputs, outputs = self._model(class_name, config, (), None)
        self._input_ids = [self._resolve(k).node for k in inputs]
        self._build_nodes()
        self._mark_outputs(outputs)
        return self.graph

    # -- models ---------------------------------------------------------------------
    def _model(
        self, class_name: str, config: dict[str, Any], scope: Scope, feeds: list[TensorKey] | None
    ) -> tuple[list[TensorKey], list[TensorKey]]:
        if len(scope) > MAX_NESTING:
            raise ImportFailure(
                "the model nests sub-models more than {n} levels deep", n=MAX_NESTING
            )
        layers = config.get("layers")
        if not isinstance(layers, list) or not all(isinstance(e, dict) for e in layers):
            raise ImportFailure(
                "the model {name!r} has no valid list of layers", name=config.get("name")
            )
        if class_name == "Sequential":
            return self._sequential(config, layers, scope, feeds)
        return self._functional(config, layers, scope, feeds)

    def _functional(
        self,
        config: dict[str, Any],
        layers: list[dict[str, Any]],
        scope: Scope,
        feeds: list[TensorKey] | None,
    ) -> tuple[list[TensorKey], list[TensorKey]]:
        # Like Keras' own loader: in input/output lists (and everywhere in Keras 2
        # configs) a nested Functional model's node index counts the node the model
        # creates for itself, so it is one higher than the index of its call; Keras 3
        # layer arguments use the call index.
        nested = {_layer_name(e) for e in layers if e.get("class_name") in ("Functional", "Model")}
        inputs = [unshift(k, nested) for k in flatten_refs(config.get("input_layers"), scope)]
        outputs = [unshift(k, nested) for k in flatten_refs(config.get("output_layers"), scope)]
        if not outputs:
            raise ImportFailure("the model {name!r} lists no outputs", name=config.get("name"))
        if feeds is not None:
            for key, feed in zip(inputs, feeds, strict=True):
                self._alias[key] = feed
        fed = {(k[1]) for k in inputs} if feeds is not None else set()
        for entry in layers:
            name = _layer_name(entry)
            cls = entry.get("class_name")
            if cls == "InputLayer":
                if name not in fed:
                    self._input_node(entry, scope, name)
                continue
            calls = [
                unshift_call(c, nested)
                for c in parse_inbound(entry.get("inbound_nodes", []), scope)
            ]
            if cls in MODEL_CLASSES:
                self._nested(entry, name, scope, calls)
                continue
            self._layer_calls(entry, name, scope, calls)
        return inputs, outputs

    def _sequential(
        self,
        config: dict[str, Any],
        layers: list[dict[str, Any]],
        scope: Scope,
        feeds: list[TensorKey] | None,
    ) -> tuple[list[TensorKey], list[TensorKey]]:
        prev: TensorKey | None = feeds[0] if feeds else None
        first: TensorKey | None = prev
        for i, entry in enumerate(layers):
            name = _layer_name(entry)
            cls = entry.get("class_name")
            if cls == "InputLayer":
                if prev is None:
                    self._input_node(entry, scope, name)
                    prev = first = (scope, name, 0, 0)
                continue
            if prev is None:
                entry = self._implicit_input(config, entry, scope, i)
                prev = first = (scope, "__input__", 0, 0)
            call = [RawCall((prev,))]
            if cls in MODEL_CLASSES:
                self._nested(entry, name, scope, call)
            else:
                self._layer_calls(entry, name, scope, call)
            prev = (scope, name, 0, 0)
        if prev is None or first is None:
            raise ImportFailure(
                "the Sequential model {name!r} has no layers", name=config.get("name")
            )
        return [first], [prev]

    def _implicit_input(
        self, config: dict[str, Any], entry: dict[str, Any], scope: Scope, index: int
    ) -> dict[str, Any]:
        """Create the Input a Sequential model implies; returns the first layer's entry."""
        layer_cfg = entry.get("config") if isinstance(entry.get("config"), dict) else {}
        batch_shape = config.get("build_input_shape")
        stripped = dict(entry)
        for key in ("batch_input_shape", "batch_shape"):
            if batch_shape is None and key in layer_cfg:
                batch_shape = layer_cfg[key]
            if key in layer_cfg:
                stripped["config"] = {k: v for k, v in layer_cfg.items() if k != key}
                layer_cfg = stripped["config"]
        build = entry.get("build_config")
        if batch_shape is None and isinstance(build, dict):
            batch_shape = build.get("input_shape")
        name = self._name(scope, "input_layer", top=False)
        params: dict[str, Any] = {}
        if batch_shape is None:
            self.notes.append(
                Note(
                    "The Sequential model {model!r} does not say its input shape; set the shape of Input {name!r} before building.",
                    {"model": config.get("name"), "name": name},
                )
            )
        else:
            dtype = layer_cfg.get("dtype")
            raw = {"batch_shape": batch_shape, "dtype": dtype if isinstance(dtype, str) else None}
            params = input_params(raw, name)
        node = Node(new_id(), "Input", name, params)
        self._add(node, [])
        self._producer[(scope, "__input__", 0)] = node.id
        return stripped

    def _nested(
        self,
        entry: dict[str, Any],
        name: str,
        scope: Scope,
        calls: list[RawCall],
    ) -> None:
        config = entry.get("config")
        cls = str(entry.get("class_name"))
        if not isinstance(config, dict):
            raise ImportFailure("the nested model {name!r} has no config", name=name)
        n_inputs = model_input_count(cls, config)
        if len(calls) > 1:
            self.shared[name] = []
            self.notes.append(
                Note(
                    "The sub-model {name!r} is called {n} times in the original model; each call was imported as its own copy, so the copies no longer share weights.",
                    {"name": name, "n": len(calls)},
                )
            )
        for index, raw in enumerate(calls):
            feeds = list(raw.positional) + list(raw.keyword.values())
            if n_inputs is None or len(feeds) != n_inputs:
                self._layer_calls(entry, name, scope, [calls[index]], index_offset=index)
                continue
            sub_scope = (*scope, f"{name}#{index}")
            before = len(self._created)
            _ins, outs = self._model(cls, config, sub_scope, feeds)
            for t, out in enumerate(outs):
                self._alias[(scope, name, index, t)] = out
            if name in self.shared:
                self.shared[name].extend(n.name for n in self._created[before:])
            if raw.extras:
                self._record_call_args(name, raw.extras)

    def _layer_calls(
        self,
        entry: dict[str, Any],
        name: str,
        scope: Scope,
        calls: list[RawCall],
        index_offset: int = 0,
    ) -> None:
        if not calls:
            self.notes.append(
                Note(
                    "The layer {name!r} is not connected to the model's inputs and was left out.",
                    {"name": name},
                )
            )
            return
        mapping = self.mapper.map(entry, calls[0])
        if len(calls) > 1:
            self.shared.setdefault(name, [])
        for i, raw in enumerate(calls):
            raw = _keyword_input_as_positional(mapping.type, raw)
            positional, structure = raw.positional, raw.structure
            index = index_offset + i
            node_name = self._name(scope, name, top=not scope, call=index)
            keyword, extras = _split_keywords(mapping.type, raw)
            type_name, params = mapping.type, deep_copy(mapping.params)
            reason = mapping.reason
            slots = input_slots(type_name, list(positional), keyword, structure)
            if slots is None and type_name != GENERIC_TYPE:
                generic = generic_mapping(entry, "it is called in a way the catalog does not model")
                type_name, params, reason = generic.type, generic.params, generic.reason
            if type_name == GENERIC_TYPE:
                self.generic[node_name] = reason
                if slots is None:
                    slots = list(positional) + list(keyword.values())
                    self.notes.append(
                        Note(
                            "The layer {name!r} is called with several separate tensor arguments; netbuilder passes them to it as one list.",
                            {"name": node_name},
                        )
                    )
            node = Node(new_id(), type_name, node_name, params)
            self._add(node, slots)
            self._producer[(scope, name, index)] = node.id
            if len(calls) > 1:
                self.shared[name].append(node_name)
            extras = {
                k: v for k, v in extras.items() if not self.mapper.is_call_default(entry, k, v)
            }
            if extras:
                self._record_call_args(node_name, extras)
        if len(calls) > 1:
            self.notes.append(
                Note(
                    "The layer {name!r} is shared (called {n} times) in the original model; each call was imported as its own layer ({names}), so they no longer share weights.",
                    {"name": name, "n": len(calls), "names": ", ".join(self.shared[name])},
                )
            )

    def _record_call_args(self, name: str, extras: dict[str, Any]) -> None:
        self.call_arguments[name] = extras
        shown = ", ".join(f"{k}={brief(v)}" for k, v in extras.items())
        self.notes.append(
            Note(
                "The layer {name!r} is called with extra arguments ({args}) that netbuilder does not model; they are kept in the project's import record only.",
                {"name": name, "args": shown},
            )
        )

    def _input_node(self, entry: dict[str, Any], scope: Scope, name: str) -> None:
        config = entry.get("config") if isinstance(entry.get("config"), dict) else {}
        node_name = self._name(scope, name, top=not scope)
        node = Node(new_id(), "Input", node_name, input_params(config, node_name))
        self._add(node, [])
        self._producer[(scope, name, 0)] = node.id

    # -- naming and nodes -----------------------------------------------------------
    def _name(self, scope: Scope, name: str, top: bool, call: int = 0) -> str:
        """A free node name: top-level layers keep theirs, nested and copied ones avoid them."""
        stem = name if call == 0 else f"{name}_call{call + 1}"
        guarded = not top or call > 0

        def taken(candidate: str) -> bool:
            return candidate in self._used or (guarded and candidate in self._reserved)

        if taken(stem) and scope:
            stem = f"{scope[-1].split('#')[0]}_{stem}"
        candidate, i = stem, 1
        while taken(candidate):
            candidate = f"{stem}_{i}"
            i += 1
        self._used.add(candidate)
        return candidate

    def _add(self, node: Node, slots: list[TensorKey | None]) -> None:
        self._count += 1
        if self._count > MAX_LAYERS:
            raise ImportFailure("the model has more than {n} layers", n=MAX_LAYERS)
        self._created.append(node)
        self._pending[node.id] = slots

    def _resolve(self, key: TensorKey) -> Ref:
        seen: set[TensorKey] = set()
        while key in self._alias:
            if key in seen:
                raise ImportFailure(
                    "the model's tensor references form a loop at {layer!r}", layer=key[1]
                )
            seen.add(key)
            key = self._alias[key]
        node_id = self._producer.get((key[0], key[1], key[2]))
        if node_id is None:
            raise ImportFailure(
                "a layer refers to {layer!r} (call {node}), which the model does not define",
                layer=key[1],
                node=key[2],
            )
        return Ref(node_id, key[3])

    def _build_nodes(self) -> None:
        order = {nid: i for i, nid in enumerate(self._input_ids)}
        nodes = sorted(
            self._created,
            key=lambda n: (0, order[n.id]) if n.id in order else (1, 0),
        )
        for node in nodes:
            node.inputs = [None if k is None else self._resolve(k) for k in self._pending[node.id]]
            self.graph.add_node(node)

    def _mark_outputs(self, outputs: list[TensorKey]) -> None:
        for key in outputs:
            ref = self._resolve(key)
            name = self.graph.node(ref.node).name
            if ref.port != 0:
                self.notes.append(
                    Note(
                        "The model output {port} of layer {name!r} (not its first output) is marked by marking the whole layer.",
                        {"port": ref.port, "name": name},
                    )
                )
            if ref.node in self.graph.outputs:
                self.notes.append(
                    Note(
                        "The model lists {name!r} as an output more than once; it is marked once.",
                        {"name": name},
                    )
                )
                continue
            self.graph.insert_output(len(self.graph.outputs), ref.node)


def _keyword_input_as_positional(type_name: str, raw: RawCall) -> RawCall:
    """``layer(inputs=x)`` is ``layer(x)`` for a layer with one input."""
    spec = get_spec(type_name)
    one_input = spec is None or spec.call_style == "single"
    if raw.positional or len(raw.keyword) != 1 or not one_input:
        return raw
    (key,) = raw.keyword.values()
    return RawCall((key,), {}, "single", raw.extras, None, None, raw.legacy)


def _split_keywords(type_name: str, raw: RawCall) -> tuple[dict[str, TensorKey], dict[str, Any]]:
    """Keyword tensors that fill named input slots, and the rest as noted extras."""
    spec = get_spec(type_name)
    ports = {p.name for p in spec.ports} if spec and spec.call_style == "positional" else set()
    keyword = {k: v for k, v in raw.keyword.items() if k in ports}
    extras = dict(raw.extras)
    for k, v in raw.keyword.items():
        if k not in ports:
            extras[k] = tensors_text([v])
    return keyword, extras
