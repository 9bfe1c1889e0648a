"""Layered left-to-right layout for node cards (Sugiyama style).

1. **Layers**: every node goes to the column given by the longest path from a
   source (networkx topological order), so each edge points to the right.
   Cycles (possible while editing) are broken first by dropping DFS back edges.
2. **Dummies**: an edge that spans several columns gets a placeholder in each
   column it crosses, so long edges take part in the ordering and get room.
3. **Ordering**: alternate down and up sweeps order each column by the
   barycenter (mean position) of its neighbours in the previous column; the
   order with the fewest edge crossings wins. This pass is hand-written on
   purpose: networkx has layering helpers (topological generations, longest
   paths) but no layered crossing minimisation, and the barycenter heuristic
   is a few dozen lines.
4. **Coordinates**: columns are ``COLUMN`` px apart; inside a column nodes sit
   at least ``ROW`` px apart, pulled towards the mean height of their
   predecessors so chains come out straight.

Positions are the top-left corners of cards about ``CARD_W`` x ``CARD_H``.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx

from .edits import Move
from .graph import Graph

CARD_W = 200.0
CARD_H = 90.0
COLUMN = CARD_W + 90.0  # horizontal distance between column starts
ROW = CARD_H + 40.0  # least vertical distance between card tops in a column
SWEEPS = 8


def layered_layout(graph: Graph) -> dict[str, tuple[float, float]]:
    """Top-left positions for every node: columns by depth, crossings reduced."""
    if not graph.nodes:
        return {}
    dag = _acyclic(graph)
    layer = _layers(dag)
    columns, edges = _with_dummies(dag, layer, list(graph.nodes))
    columns = reduce_crossings(columns, edges)
    ys = _coordinates(columns, edges)
    out: dict[str, tuple[float, float]] = {}
    top = min(ys.values())
    for index, column in enumerate(columns):
        for v in column:
            if v in graph.nodes:
                out[v] = (index * COLUMN, ys[v] - top)
    return out


def apply_layout(graph: Graph, label: str = "Arrange layers") -> Move:
    """A :class:`Move` edit (not yet applied) that puts every node at its layout position.

    The caller applies it (``edit.apply(graph)`` or ``document.push(edit)``),
    so auto-arrange is one undoable step.
    """
    return Move(layered_layout(graph), label)


# -- layering ---------------------------------------------------------------------------
def _acyclic(graph: Graph) -> nx.DiGraph:
    """A simple DiGraph of the graph's wires without the edges that close cycles."""
    dag = nx.DiGraph()
    dag.add_nodes_from(graph.nodes)
    dag.add_edges_from((u, v) for u, v in graph.nx().edges() if u != v)
    if nx.is_directed_acyclic_graph(dag):
        return dag
    back: list[tuple[str, str]] = []
    state: dict[str, int] = {}
    for root in dag.nodes:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(list(dag.successors(root))))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                back.append((node, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(list(dag.successors(nxt)))))
    dag.remove_edges_from(back)
    return dag


def _layers(dag: nx.DiGraph) -> dict[str, int]:
    """Longest path from any source, so every edge goes at least one column right."""
    # A node's topological generation is exactly its longest path from a source.
    return {v: depth for depth, gen in enumerate(nx.topological_generations(dag)) for v in gen}


def _with_dummies(
    dag: nx.DiGraph, layer: dict[str, int], order: list[str]
) -> tuple[list[list[Hashable]], list[tuple[Hashable, Hashable]]]:
    """Columns (initial order: graph order) and unit-length edges through dummy nodes."""
    rank = {v: i for i, v in enumerate(order)}
    width = max(layer.values()) + 1
    columns: list[list[Hashable]] = [[] for _ in range(width)]
    for v in sorted(layer, key=lambda v: rank[v]):
        columns[layer[v]].append(v)
    edges: list[tuple[Hashable, Hashable]] = []
    for u, v in sorted(dag.edges(), key=lambda e: (rank[e[0]], rank[e[1]])):
        prev: Hashable = u
        for col in range(layer[u] + 1, layer[v]):
            dummy = ("dummy", u, v, col)
            columns[col].append(dummy)
            edges.append((prev, dummy))
            prev = dummy
        edges.append((prev, v))
    return columns, edges


# -- crossing reduction -----------------------------------------------------------------
def count_crossings(columns: list[list[Any]], edges: list[tuple[Any, Any]]) -> int:
    """Edge crossings between adjacent columns (edges must join adjacent columns)."""
    pos = {v: i for column in columns for i, v in enumerate(column)}
    col = {v: c for c, column in enumerate(columns) for v in column}
    by_gap: dict[int, list[tuple[int, int]]] = {}
    for u, v in edges:
        if col[u] > col[v]:
            u, v = v, u
        by_gap.setdefault(col[u], []).append((pos[u], pos[v]))
    return sum(_inversions(pairs) for pairs in by_gap.values())


def _inversions(pairs: list[tuple[int, int]]) -> int:
    """Pairs (a1, b1), (a2, b2) with a1 < a2 and b1 > b2 (Fenwick tree, O(E log E))."""
    pairs = sorted(pairs)
    size = max(b for _, b in pairs) + 2 if pairs else 1
    tree = [0] * (size + 1)
    total = 0
    seen = 0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        for _, b in pairs[i:j]:  # same source: they never cross each other
            k = b + 1
            not_greater = 0
            while k > 0:
                not_greater += tree[k]
                k -= k & -k
            total += seen - not_greater
        for _, b in pairs[i:j]:
            k = b + 1
            while k <= size:
                tree[k] += 1
                k += k & -k
            seen += 1
        i = j
    return total


def reduce_crossings(
    columns: list[list[Any]], edges: list[tuple[Any, Any]], sweeps: int = SWEEPS
) -> list[list[Any]]:
    """Reorder each column by barycenters (down and up sweeps); keep the best order found."""
    preds: dict[Any, list[Any]] = {}
    succs: dict[Any, list[Any]] = {}
    for u, v in edges:
        succs.setdefault(u, []).append(v)
        preds.setdefault(v, []).append(u)
    best = [list(c) for c in columns]
    best_count = count_crossings(best, edges)
    current = [list(c) for c in columns]
    for sweep in range(sweeps):
        if best_count == 0:
            break
        down = sweep % 2 == 0
        indices = range(1, len(current)) if down else range(len(current) - 2, -1, -1)
        for c in indices:
            ref = current[c - 1] if down else current[c + 1]
            neighbours = preds if down else succs
            pos = {v: i for i, v in enumerate(ref)}
            current[c] = _barycenter_sort(current[c], neighbours, pos)
        count = count_crossings(current, edges)
        if count < best_count:
            best, best_count = [list(c) for c in current], count
    return best


def _barycenter_sort(column: list[Any], neighbours: dict[Any, list[Any]], pos: dict[Any, int]):
    keyed = []
    for i, v in enumerate(column):
        near = [pos[n] for n in neighbours.get(v, ()) if n in pos]
        # Nodes without neighbours on that side keep their place.
        keyed.append((sum(near) / len(near) if near else float(i), i, v))
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [v for _, _, v in keyed]


# -- coordinates ------------------------------------------------------------------------
def _coordinates(columns: list[list[Any]], edges: list[tuple[Any, Any]]) -> dict[Any, float]:
    """Vertical positions: near the predecessors' mean, never closer than ``ROW``."""
    preds: dict[Any, list[Any]] = {}
    for u, v in edges:
        preds.setdefault(v, []).append(u)
    ys: dict[Any, float] = {}
    for index, column in enumerate(columns):
        if index == 0:
            wanted = [i * ROW for i in range(len(column))]
        else:
            wanted = []
            for i, v in enumerate(column):
                near = [ys[p] for p in preds.get(v, ()) if p in ys]
                wanted.append(sum(near) / len(near) if near else i * ROW)
        placed = _separate(wanted)
        for v, y in zip(column, placed, strict=True):
            ys[v] = y
    return ys


def _separate(wanted: list[float]) -> list[float]:
    """Closest positions to ``wanted`` (kept in order) with gaps of at least ``ROW``.

    Push down from the top, then shift the column so its mean displacement is
    zero without breaking the gaps (a shift moves every node alike).
    """
    if not wanted:
        return []
    placed = [wanted[0]]
    for y in wanted[1:]:
        placed.append(max(y, placed[-1] + ROW))
    shift = sum(w - p for w, p in zip(wanted, placed, strict=True)) / len(placed)
    return [p + shift for p in placed]


__all__ = [
    "CARD_H",
    "CARD_W",
    "apply_layout",
    "count_crossings",
    "layered_layout",
    "reduce_crossings",
]
