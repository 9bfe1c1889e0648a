"""A tiny graph builder shared by the validation and fix tests."""

from __future__ import annotations

from typing import Any

from netbuilder.core import edits as E
from netbuilder.core.analysis import Analyzer
from netbuilder.core.graph import Graph
from netbuilder.core.problems import Problem


class Net:
    """Builds a graph through real edits: ``add`` returns the new node's id."""

    def __init__(self) -> None:
        self.g = Graph()

    def add(
        self, type_name: str, params: dict[str, Any] | None = None, *srcs: str, name: str = ""
    ) -> str:
        node = E.make_node(self.g, type_name, params or {}, name=name or None)
        E.AddNode(node).apply(self.g)
        for src in srcs:
            E.Connect(src, node.id).apply(self.g)
        return node.id

    def out(self, *ids: str) -> None:
        for nid in ids:
            E.InsertOutput(nid).apply(self.g)

    def problems(self) -> list[Problem]:
        return Analyzer(self.g).problems()

    def only(self, code: str, node_id: str | None = None) -> Problem:
        found = [p for p in self.problems() if p.code == code and p.node_id == node_id]
        assert len(found) == 1, [(p.code, p.message) for p in self.problems()]
        return found[0]
