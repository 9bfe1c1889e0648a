"""Validation: every problem of a graph as a list of :class:`Problem`; never raises.

(First version: cycles and per-node shape errors. Extended with every problem
class and its fixes in the validation work.)
"""

from __future__ import annotations

from .graph import Graph, Node
from .inference import Inference, NodeInfo
from .messages import tr
from .problems import ERROR, Problem


def structural_problems(graph: Graph, inference: Inference) -> list[Problem]:
    problems: list[Problem] = []
    for nid in sorted(inference.cyclic_nodes, key=list(graph.nodes).index):
        problems.append(
            Problem(
                ERROR,
                "cycle",
                nid,
                tr(
                    "{type} '{name}' is part of a cycle",
                    type=graph.nodes[nid].type,
                    name=graph.nodes[nid].name,
                ),
            )
        )
    return problems


def node_problems(graph: Graph, node: Node, info: NodeInfo | None) -> list[Problem]:
    if info is None or info.error is None:
        return []
    return [
        Problem(ERROR, info.error.code, node.id, f"{node.type} '{node.name}' {info.error.message}")
    ]
