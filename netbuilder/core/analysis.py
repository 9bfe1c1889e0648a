"""The analyzer: live shapes, parameter counts and problems for a graph, kept up to date.

It combines :class:`~netbuilder.core.inference.Inference` with validation and
caches both: graph-wide (structural) checks rerun only after structural edits or
renames, per-node checks only for nodes whose inference changed. The GUI and
the CLI both read graphs through it.
"""

from __future__ import annotations

from .graph import STRUCTURAL_EVENTS, Graph
from .inference import GenericOracle, Inference, NodeInfo
from .problems import Problem
from .validation import node_problems, structural_problems


class Analyzer:
    """Incremental inference + validation of one graph."""

    def __init__(self, graph: Graph, oracle: GenericOracle | None = None) -> None:
        self.graph = graph
        self.inference = Inference(graph, oracle)
        self._structural: list[Problem] | None = None
        self._per_node: dict[str, list[Problem]] = {}
        self._node_dirty: set[str] = set(graph.nodes)
        self._unsubscribe = graph.subscribe(self._on_change)

    def close(self) -> None:
        self._unsubscribe()
        self.inference.close()

    def _on_change(self, event: str, ids: tuple[str, ...]) -> None:
        if event in STRUCTURAL_EVENTS or event in ("rename", "param"):
            # Parameters can change arity rules (Bidirectional's inner layer), names
            # are checked graph-wide; both are cheap to recheck.
            self._structural = None
        if event == "node_removed":
            for i in ids:
                self._per_node.pop(i, None)
                self._node_dirty.discard(i)
        elif event in ("param", "node_added", "inputs", "rename"):
            self._node_dirty.update(ids)
        if event == "rename":
            # Messages of the layers it feeds name it too.
            for i in ids:
                self._node_dirty.update(dst for dst, _slot, _port in self.graph.successors(i))

    # -- results --------------------------------------------------------------------
    def infos(self) -> dict[str, NodeInfo]:
        return self.inference.result()

    def problems(self) -> list[Problem]:
        """All problems: graph-wide first, then per node in node order."""
        infos = self.inference.result()
        # Nodes whose inference was recomputed may have new shape problems.
        changed = self._node_dirty | self._recomputed_since_last()
        for nid in changed:
            node = self.graph.nodes.get(nid)
            if node is not None:
                self._per_node[nid] = node_problems(self.graph, node, infos.get(nid), infos)
        self._node_dirty.clear()
        if self._structural is None:
            self._structural = structural_problems(self.graph, self.inference)
        out = list(self._structural)
        for nid in self.graph.nodes:
            out.extend(self._per_node.get(nid, ()))
        return out

    def _recomputed_since_last(self) -> set[str]:
        seen = self.inference.take_recomputed()
        return {n for n in seen if n in self.graph.nodes}

    def errors(self) -> list[Problem]:
        return [p for p in self.problems() if p.is_error]

    def is_valid(self) -> bool:
        return not self.errors()

    def total_params(self) -> int:
        return self.inference.total_params()
