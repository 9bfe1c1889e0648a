"""Generated graphs for benchmarks: a branched network of any size."""

from __future__ import annotations

from netbuilder.core import edits as E
from netbuilder.core.graph import Graph
from netbuilder.core.project import Project


def branched_graph(n_nodes: int = 1000, width: int = 32) -> Graph:
    """Input, then blocks of 5 layers: two Dense branches, Add, Concatenate with the block input, Dense.

    Every block has a fork and two merges, so the graph is a real DAG rather
    than a chain; node positions form a left-to-right layout.
    """
    g = Graph()
    nodes = []

    def add(type_name: str, params: dict, inputs: list[str], x: float, y: float) -> str:
        n = E.make_node(g, type_name, params, pos=(x, y))
        n.inputs = [E.Ref(i, 0) for i in inputs]
        g.nodes[n.id] = n
        nodes.append(n.id)
        return n.id

    x = add("Input", {"shape": (width,)}, [], 0, 0)
    block = 0
    while len(nodes) + 5 <= n_nodes:
        bx = 250 + block * 1000
        a = add("Dense", {"units": width, "activation": "relu"}, [x], bx, -120)
        b = add("Dense", {"units": width, "activation": "tanh"}, [x], bx, 120)
        s = add("Add", {}, [a, b], bx + 250, 0)
        c = add("Concatenate", {}, [s, x], bx + 500, 60)
        x = add("Dense", {"units": width}, [c], bx + 750, 0)
        block += 1
    while len(nodes) < n_nodes:
        x = add("Dense", {"units": width}, [x], 250 + block * 1000 + 250 * (len(nodes) % 4), 0)
    g.outputs.append(x)
    g.structure_revision += 1
    return g


def branched_project(n_nodes: int = 1000) -> Project:
    return Project(branched_graph(n_nodes), {"en": f"Benchmark graph ({n_nodes} layers)"})
