"""Lookups by layer name in imported projects, shared by the importer tests."""

from __future__ import annotations

from typing import Any


def nodes_by_name(project: Any) -> dict[str, Any]:
    """The project's nodes by name."""
    return {n.name: n for n in project.graph}


def source_names(project: Any, name: str) -> list[str]:
    """Names of the nodes feeding the node called ``name``, in port order."""
    graph = project.graph
    return [graph.nodes[r.node].name for r in graph.by_name(name).inputs if r is not None]
