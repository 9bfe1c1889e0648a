"""The network graph: nodes with stable ids, ordered input slots, model outputs.

The graph is a plain data structure with a handful of *primitives* that each
make one small change and notify subscribers. Every user-level change goes
through an invertible edit (``netbuilder.core.edits``) built from these
primitives, so undo restores exact slot and node order.

Edges are stored on the consuming node: ``node.inputs[slot]`` is a
:class:`Ref` to the producing node and output port, or None for an empty slot.
Model inputs are the ``Input`` nodes in node order; model outputs are the
explicit, ordered list ``graph.outputs``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import networkx as nx

from .catalog import GENERIC_TYPE, get_spec
from .catalog.spec import LayerSpec

UNSET: Any = type("Unset", (), {"__repr__": lambda self: "UNSET"})()

STRUCTURAL_EVENTS = frozenset({"node_added", "node_removed", "inputs", "outputs"})


class Ref(NamedTuple):
    """A reference to output ``port`` of node ``node``."""

    node: str
    port: int = 0


class GraphError(ValueError):
    """A primitive was asked for something impossible (unknown id, bad slot)."""


@dataclass
class Node:
    """One layer on the canvas.

    Attributes:
        id: Stable uuid hex, never reused.
        type: Catalog type (Keras class name) or ``GENERIC_TYPE``.
        name: Keras layer name (unique in the graph, no "/").
        params: Explicitly set parameters; missing ones take the Keras default.
            Generic nodes hold ``class_name``, ``config`` (and ``module``,
            ``registered_name``) here.
        inputs: Ordered input slots.
        pos: Canvas position of the node's top-left corner.
    """

    id: str
    type: str
    name: str
    params: dict[str, Any] = field(default_factory=dict)
    inputs: list[Ref | None] = field(default_factory=list)
    pos: tuple[float, float] = (0.0, 0.0)

    @property
    def spec(self) -> LayerSpec | None:
        return get_spec(self.type)

    @property
    def is_generic(self) -> bool:
        return self.type == GENERIC_TYPE or get_spec(self.type) is None

    @property
    def keras_class(self) -> str:
        """The Keras class name this node builds."""
        if self.type == GENERIC_TYPE:
            return str(self.params.get("class_name", "Layer"))
        return self.type

    def effective_params(self) -> dict[str, Any]:
        spec = self.spec
        return spec.resolve(self.params) if spec else dict(self.params)

    def copy(self) -> Node:
        return Node(
            self.id,
            self.type,
            self.name,
            deep_copy(self.params),
            list(self.inputs),
            self.pos,
        )


def deep_copy(value: Any) -> Any:
    """Copy nested dicts and lists (parameter values); other values are immutable."""
    if isinstance(value, dict):
        return {k: deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [deep_copy(v) for v in value]
    return value


def new_id() -> str:
    return uuid.uuid4().hex


def snake_case(class_name: str) -> str:
    """Keras' default layer-name stem for a class (``MaxPooling2D`` -> ``max_pooling2d``)."""
    name = re.sub(r"\W+", "", class_name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub("([a-z])([A-Z])", r"\1_\2", name)
    return name.lower()


def name_problem(name: str) -> str | None:
    """Why ``name`` is not a valid Keras layer name, or None."""
    if not isinstance(name, str) or not name.strip():
        return "a layer name must not be empty"
    if "/" in name:
        return f"a layer name must not contain '/', got {name!r}"
    if name != name.strip():
        return f"a layer name must not start or end with spaces, got {name!r}"
    return None


Listener = Callable[[str, tuple[str, ...]], None]


class Graph:
    """Nodes, their ordered input slots and the ordered list of model outputs."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.outputs: list[str] = []
        self.revision = 0
        self.structure_revision = 0
        self._listeners: list[Listener] = []
        self._nx_cache: tuple[int, nx.MultiDiGraph] | None = None
        self._succ_cache: tuple[int, dict[str, list[tuple[str, int, int]]]] | None = None

    # -- observation ----------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(event, node_ids)`` after every primitive; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _changed(self, event: str, *ids: str) -> None:
        self.revision += 1
        if event in STRUCTURAL_EVENTS:
            self.structure_revision += 1
        for listener in list(self._listeners):
            listener(event, ids)

    # -- queries --------------------------------------------------------------------
    def __contains__(self, node_id: object) -> bool:
        return node_id in self.nodes

    def __len__(self) -> int:
        return len(self.nodes)

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes.values())

    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise GraphError(f"no node with id {node_id!r}") from None

    def by_name(self, name: str) -> Node | None:
        for n in self.nodes.values():
            if n.name == name:
                return n
        return None

    def index_of(self, node_id: str) -> int:
        return list(self.nodes).index(node_id)

    def input_nodes(self) -> list[Node]:
        """Model inputs: Input nodes in node order."""
        return [n for n in self.nodes.values() if n.type == "Input"]

    def output_nodes(self) -> list[Node]:
        return [self.nodes[i] for i in self.outputs if i in self.nodes]

    def edges(self) -> Iterator[tuple[Ref, str, int]]:
        """(source ref, destination id, destination slot) for every connected slot."""
        for n in self.nodes.values():
            for slot, ref in enumerate(n.inputs):
                if ref is not None:
                    yield ref, n.id, slot

    def successors(self, node_id: str) -> list[tuple[str, int, int]]:
        """(destination id, destination slot, source port) of every edge leaving ``node_id``."""
        if self._succ_cache is None or self._succ_cache[0] != self.structure_revision:
            table: dict[str, list[tuple[str, int, int]]] = {}
            for ref, dst, slot in self.edges():
                table.setdefault(ref.node, []).append((dst, slot, ref.port))
            self._succ_cache = (self.structure_revision, table)
        return list(self._succ_cache[1].get(node_id, ()))

    def nx(self) -> nx.MultiDiGraph:
        """A networkx view (cached per structure revision); edge keys are slots."""
        if self._nx_cache is None or self._nx_cache[0] != self.structure_revision:
            g = nx.MultiDiGraph()
            g.add_nodes_from(self.nodes)
            for ref, dst, slot in self.edges():
                if ref.node in self.nodes:
                    g.add_edge(ref.node, dst, key=slot, port=ref.port)
            self._nx_cache = (self.structure_revision, g)
        return self._nx_cache[1]

    def unique_name(self, stem: str, taken: set[str] | None = None) -> str:
        """``stem`` if free, else ``stem_1``, ``stem_2``, ... like Keras does."""
        used = {n.name for n in self.nodes.values()} | (taken or set())
        if stem not in used:
            return stem
        i = 1
        while f"{stem}_{i}" in used:
            i += 1
        return f"{stem}_{i}"

    def default_name(self, type_name: str, class_name: str | None = None) -> str:
        stem = "input_layer" if type_name == "Input" else snake_case(class_name or type_name)
        return self.unique_name(stem)

    # -- primitives (each notifies once) --------------------------------------------
    def add_node(self, node: Node, index: int | None = None) -> None:
        if node.id in self.nodes:
            raise GraphError(f"a node with id {node.id!r} already exists")
        items = list(self.nodes.items())
        if index is None or index >= len(items):
            self.nodes[node.id] = node
        else:
            items.insert(index, (node.id, node))
            self.nodes = dict(items)
        self._changed("node_added", node.id)

    def remove_node(self, node_id: str) -> tuple[Node, int]:
        """Remove a node nothing refers to and that is not an output; returns it and its index."""
        node = self.node(node_id)
        if node_id in self.outputs:
            raise GraphError(f"node {node.name!r} is still a model output")
        for dst, _slot, _port in self.successors(node_id):
            raise GraphError(f"node {node.name!r} still feeds {self.nodes[dst].name!r}")
        index = self.index_of(node_id)
        del self.nodes[node_id]
        self._changed("node_removed", node_id)
        return node, index

    def set_input(self, dst: str, slot: int, ref: Ref | None) -> Ref | None:
        node = self.node(dst)
        if not 0 <= slot < len(node.inputs):
            raise GraphError(f"{node.name!r} has no input slot {slot}")
        old = node.inputs[slot]
        node.inputs[slot] = ref
        self._changed("inputs", dst)
        return old

    def insert_input(self, dst: str, slot: int, ref: Ref | None) -> None:
        node = self.node(dst)
        if not 0 <= slot <= len(node.inputs):
            raise GraphError(f"{node.name!r} has no input slot {slot}")
        if ref is not None and ref.node not in self.nodes:
            raise GraphError(f"no node with id {ref.node!r}")
        node.inputs.insert(slot, ref)
        self._changed("inputs", dst)

    def pop_input(self, dst: str, slot: int) -> Ref | None:
        node = self.node(dst)
        if not 0 <= slot < len(node.inputs):
            raise GraphError(f"{node.name!r} has no input slot {slot}")
        ref = node.inputs.pop(slot)
        self._changed("inputs", dst)
        return ref

    def set_param(self, node_id: str, name: str, value: Any) -> Any:
        """Set (or with UNSET, clear) one parameter; returns the old value or UNSET."""
        node = self.node(node_id)
        old = node.params.get(name, UNSET)
        if value is UNSET:
            node.params.pop(name, None)
        else:
            node.params[name] = value
        self._changed("param", node_id)
        return old

    def rename(self, node_id: str, name: str) -> str:
        node = self.node(node_id)
        old, node.name = node.name, name
        self._changed("rename", node_id)
        return old

    def set_pos(self, node_id: str, pos: tuple[float, float]) -> tuple[float, float]:
        node = self.node(node_id)
        old, node.pos = node.pos, (float(pos[0]), float(pos[1]))
        self._changed("pos", node_id)
        return old

    def insert_output(self, index: int, node_id: str) -> None:
        self.node(node_id)
        if node_id in self.outputs:
            raise GraphError(f"{self.nodes[node_id].name!r} is already a model output")
        self.outputs.insert(index, node_id)
        self._changed("outputs", node_id)

    def pop_output(self, index: int) -> str:
        node_id = self.outputs.pop(index)
        self._changed("outputs", node_id)
        return node_id

    # -- copies ---------------------------------------------------------------------
    def copy(self) -> Graph:
        """A deep copy with the same ids (listeners are not copied)."""
        g = Graph()
        g.nodes = {k: n.copy() for k, n in self.nodes.items()}
        g.outputs = list(self.outputs)
        return g
