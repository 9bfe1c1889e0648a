"""Invertible edits: every change to a graph, as an object whose ``apply`` returns its inverse.

The GUI's undo stack is a thin adapter over these; undo logic is tested here
without Qt. High-level edits (connect, remove a node, insert a layer on an
edge) are compositions of primitive edits, so their inverses restore the
exact slot order, node order and output order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .graph import UNSET, Graph, GraphError, Node, Ref, name_problem


class Edit:
    """Base class. ``apply(graph)`` changes the graph and returns the inverse edit."""

    label: str = "Edit"

    def apply(self, graph: Graph) -> Edit:
        raise GraphError(f"{type(self).__name__} cannot be applied")

    def merge_key(self) -> tuple | None:
        """Consecutive edits with the same non-None key merge into one undo step."""
        return None

    def touched(self) -> set[str]:
        """Ids of nodes this edit changes (for selection after undo)."""
        return set()


@dataclass
class Compound(Edit):
    """Several edits as one step; the inverse applies the inverses in reverse order."""

    edits: list[Edit]
    label: str = "Edit"

    def apply(self, graph: Graph) -> Edit:
        inverses: list[Edit] = []
        try:
            for e in self.edits:
                inverses.append(e.apply(graph))
        except Exception:
            # Leave the graph as it was: roll back what already happened.
            for inv in reversed(inverses):
                inv.apply(graph)
            raise
        return Compound(list(reversed(inverses)), self.label)

    def touched(self) -> set[str]:
        out: set[str] = set()
        for e in self.edits:
            out |= e.touched()
        return out


# -- primitives -------------------------------------------------------------------------
@dataclass
class AddNode(Edit):
    node: Node
    index: int | None = None
    label: str = "Add layer"

    def apply(self, graph: Graph) -> Edit:
        graph.add_node(self.node.copy(), self.index)
        return _RemoveBare(self.node.id, self.label)

    def touched(self) -> set[str]:
        return {self.node.id}


@dataclass
class _RemoveBare(Edit):
    node_id: str
    label: str = "Remove layer"

    def apply(self, graph: Graph) -> Edit:
        node, index = graph.remove_node(self.node_id)
        return AddNode(node, index, self.label)


@dataclass
class InsertInput(Edit):
    dst: str
    slot: int
    ref: Ref | None
    label: str = "Connect"

    def apply(self, graph: Graph) -> Edit:
        graph.insert_input(self.dst, self.slot, self.ref)
        return PopInput(self.dst, self.slot, self.label)

    def touched(self) -> set[str]:
        return {self.dst}


@dataclass
class PopInput(Edit):
    dst: str
    slot: int
    label: str = "Disconnect"

    def apply(self, graph: Graph) -> Edit:
        ref = graph.pop_input(self.dst, self.slot)
        return InsertInput(self.dst, self.slot, ref, self.label)

    def touched(self) -> set[str]:
        return {self.dst}


@dataclass
class SetInput(Edit):
    dst: str
    slot: int
    ref: Ref | None
    label: str = "Connect"

    def apply(self, graph: Graph) -> Edit:
        if self.ref is not None and self.ref.node not in graph:
            raise GraphError(f"no node with id {self.ref.node!r}")
        old = graph.set_input(self.dst, self.slot, self.ref)
        return SetInput(self.dst, self.slot, old, self.label)

    def touched(self) -> set[str]:
        return {self.dst}


@dataclass
class SetParam(Edit):
    """Set one parameter; ``value=UNSET`` returns it to the Keras default."""

    node_id: str
    name: str
    value: Any
    label: str = ""

    def apply(self, graph: Graph) -> Edit:
        old = graph.set_param(self.node_id, self.name, self.value)
        return SetParam(self.node_id, self.name, old, self.label or f"Set {self.name}")

    def merge_key(self) -> tuple | None:
        return ("param", self.node_id, self.name)

    def touched(self) -> set[str]:
        return {self.node_id}


@dataclass
class Rename(Edit):
    node_id: str
    name: str
    label: str = "Rename"

    def apply(self, graph: Graph) -> Edit:
        problem = name_problem(self.name)
        if problem:
            raise GraphError(problem)
        clash = graph.by_name(self.name)
        if clash is not None and clash.id != self.node_id:
            raise GraphError(f"the name {self.name!r} is already used by another layer")
        old = graph.rename(self.node_id, self.name)
        return _RenameRaw(self.node_id, old, self.label)

    def merge_key(self) -> tuple | None:
        return ("rename", self.node_id)

    def touched(self) -> set[str]:
        return {self.node_id}


@dataclass
class _RenameRaw(Edit):
    """Rename without checks: undo must restore even an invalid imported name."""

    node_id: str
    name: str
    label: str = "Rename"

    def apply(self, graph: Graph) -> Edit:
        old = graph.rename(self.node_id, self.name)
        return _RenameRaw(self.node_id, old, self.label)

    def merge_key(self) -> tuple | None:
        return ("rename", self.node_id)

    def touched(self) -> set[str]:
        return {self.node_id}


@dataclass
class Move(Edit):
    """Move nodes to new positions (one undo step for a whole drag)."""

    positions: dict[str, tuple[float, float]]
    label: str = "Move"

    def apply(self, graph: Graph) -> Edit:
        old = {nid: graph.set_pos(nid, pos) for nid, pos in self.positions.items()}
        return Move(old, self.label)

    def touched(self) -> set[str]:
        return set(self.positions)


@dataclass
class InsertOutput(Edit):
    node_id: str
    index: int | None = None
    label: str = "Mark as model output"

    def apply(self, graph: Graph) -> Edit:
        index = len(graph.outputs) if self.index is None else self.index
        graph.insert_output(index, self.node_id)
        return PopOutput(index, self.label)

    def touched(self) -> set[str]:
        return {self.node_id}


@dataclass
class PopOutput(Edit):
    index: int
    label: str = "Unmark model output"

    def apply(self, graph: Graph) -> Edit:
        node_id = graph.pop_output(self.index)
        return InsertOutput(node_id, self.index, self.label)


# -- high-level edits -------------------------------------------------------------------
def _is_variadic(graph: Graph, node_id: str) -> bool:
    spec = graph.node(node_id).spec
    return bool(spec and spec.variadic) or graph.node(node_id).is_generic


@dataclass
class Connect(Edit):
    """Wire ``src``'s output ``port`` into ``dst`` at ``slot``.

    For variadic merges (and generic layers) the wire is inserted at ``slot``
    (default: after the last). For layers with fixed slots, an occupied slot is
    replaced and missing slots before it are left empty.
    """

    src: str
    dst: str
    slot: int | None = None
    port: int = 0
    label: str = "Connect"

    def apply(self, graph: Graph) -> Edit:
        if self.src not in graph:
            raise GraphError(f"no node with id {self.src!r}")
        node = graph.node(self.dst)
        ref = Ref(self.src, self.port)
        slot = len(node.inputs) if self.slot is None else self.slot
        steps: list[Edit] = []
        if _is_variadic(graph, self.dst):
            steps.append(InsertInput(self.dst, min(slot, len(node.inputs)), ref))
        elif slot < len(node.inputs):
            steps.append(SetInput(self.dst, slot, ref))
        else:
            steps.extend(InsertInput(self.dst, i, None) for i in range(len(node.inputs), slot))
            steps.append(InsertInput(self.dst, slot, ref))
        return Compound(steps, self.label).apply(graph)

    def touched(self) -> set[str]:
        return {self.dst}


@dataclass
class Disconnect(Edit):
    """Remove the wire into ``dst`` at ``slot``.

    Variadic merges close the gap; fixed-slot layers keep the slot empty
    (trailing empty slots are dropped).
    """

    dst: str
    slot: int
    label: str = "Disconnect"

    def apply(self, graph: Graph) -> Edit:
        node = graph.node(self.dst)
        if not 0 <= self.slot < len(node.inputs):
            raise GraphError(f"{node.name!r} has no input slot {self.slot}")
        if _is_variadic(graph, self.dst) or self.slot == len(node.inputs) - 1:
            steps: list[Edit] = [PopInput(self.dst, self.slot)]
            # Drop empty slots the removal leaves at the end.
            i = self.slot - 1
            while i >= 0 and not _is_variadic(graph, self.dst) and node.inputs[i] is None:
                steps.append(PopInput(self.dst, i))
                i -= 1
        else:
            steps = [SetInput(self.dst, self.slot, None)]
        return Compound(steps, self.label).apply(graph)

    def touched(self) -> set[str]:
        return {self.dst}


@dataclass
class RemoveNode(Edit):
    """Delete a node with its wires; the inverse restores node, wires and output order."""

    node_id: str
    label: str = "Delete layer"

    def apply(self, graph: Graph) -> Edit:
        steps: list[Edit] = []
        # Wires from this node: highest slot first so indices stay valid.
        outs = sorted(graph.successors(self.node_id), key=lambda t: (t[0], -t[1]))
        for dst, slot, _port in outs:
            if _is_variadic(graph, dst):
                steps.append(PopInput(dst, slot))
            else:
                steps.append(SetInput(dst, slot, None))
        if self.node_id in graph.outputs:
            steps.append(PopOutput(graph.outputs.index(self.node_id)))
        steps.append(_RemoveBare(self.node_id))
        return Compound(steps, self.label).apply(graph)

    def touched(self) -> set[str]:
        return {self.node_id}


@dataclass
class RemoveNodes(Edit):
    node_ids: list[str]
    label: str = "Delete"

    def apply(self, graph: Graph) -> Edit:
        steps: list[Edit] = [RemoveNode(nid) for nid in self.node_ids if nid in graph]
        return Compound(steps, self.label).apply(graph)


@dataclass
class SetParams(Edit):
    """Set several parameters on one or more nodes (multi-selection edits)."""

    changes: list[tuple[str, str, Any]] = field(default_factory=list)
    label: str = "Set parameters"

    def apply(self, graph: Graph) -> Edit:
        steps: list[Edit] = [SetParam(nid, name, value) for nid, name, value in self.changes]
        return Compound(steps, self.label).apply(graph)

    def merge_key(self) -> tuple | None:
        keys = tuple(sorted((nid, name) for nid, name, _ in self.changes))
        return ("params", keys)

    def touched(self) -> set[str]:
        return {nid for nid, _, _ in self.changes}


def add_nodes(
    nodes: Iterable[Node], outputs: Iterable[str] = (), label: str = "Add layers"
) -> Compound:
    """Add nodes that may refer to each other (pasted or imported) plus output marks."""
    nodes = list(nodes)
    steps: list[Edit] = []
    for n in nodes:
        bare = n.copy()
        bare.inputs = []
        steps.append(AddNode(bare))
    for n in nodes:
        steps.extend(InsertInput(n.id, slot, ref) for slot, ref in enumerate(n.inputs))
    steps.extend(InsertOutput(nid) for nid in outputs)
    return Compound(steps, label)


def insert_on_edge(graph: Graph, node: Node, dst: str, slot: int, label: str = "") -> Compound:
    """Insert ``node`` on the wire that enters ``dst`` at ``slot`` (src -> node -> dst)."""
    ref = graph.node(dst).inputs[slot]
    if ref is None:
        raise GraphError(f"{graph.node(dst).name!r} has nothing connected at slot {slot}")
    bare = node.copy()
    bare.inputs = []
    return Compound(
        [AddNode(bare), InsertInput(node.id, 0, ref), SetInput(dst, slot, Ref(node.id, 0))],
        label or f"Insert {node.type}",
    )


def make_node(
    graph: Graph,
    type_name: str,
    params: Mapping[str, Any] | None = None,
    name: str | None = None,
    pos: tuple[float, float] = (0.0, 0.0),
    node_id: str | None = None,
) -> Node:
    """A new node with a fresh id and a free Keras-style default name (not yet added)."""
    from .graph import new_id

    return Node(
        id=node_id or new_id(),
        type=type_name,
        name=name or graph.default_name(type_name),
        params=dict(params or {}),
        inputs=[],
        pos=pos,
    )


__all__ = [
    "UNSET",
    "AddNode",
    "Compound",
    "Connect",
    "Disconnect",
    "Edit",
    "InsertInput",
    "InsertOutput",
    "Move",
    "PopInput",
    "PopOutput",
    "RemoveNode",
    "RemoveNodes",
    "Rename",
    "SetInput",
    "SetParam",
    "SetParams",
    "add_nodes",
    "insert_on_edge",
    "make_node",
]
