"""Layered layout: columns left to right, no overlapping cards, fewer crossings."""

from __future__ import annotations

import itertools

from netbuilder.core.edits import Move
from netbuilder.core.graph import Graph, Node, Ref
from netbuilder.core.layout import (
    CARD_H,
    CARD_W,
    apply_layout,
    count_crossings,
    layered_layout,
    reduce_crossings,
)


def _graph(edges: list[tuple[str, str]], extra: tuple[str, ...] = ()) -> Graph:
    """Nodes named by the strings; sources become Inputs, others Dense with one slot per edge."""
    g = Graph()
    names = list(dict.fromkeys([*extra, *(n for e in edges for n in e)]))
    targets = {v for _, v in edges}
    for name in names:
        kind = "Dense" if name in targets else "Input"
        g.add_node(Node(name, kind, name, {"units": 1} if kind == "Dense" else {"shape": (1,)}))
    for u, v in edges:
        g.nodes[v].inputs.append(Ref(u))
    return g


def _assert_no_overlap(pos: dict[str, tuple[float, float]]) -> None:
    for (a, pa), (b, pb) in itertools.combinations(pos.items(), 2):
        apart_x = abs(pa[0] - pb[0]) >= CARD_W
        apart_y = abs(pa[1] - pb[1]) >= CARD_H
        assert apart_x or apart_y, f"{a} at {pa} overlaps {b} at {pb}"


def test_chain_is_one_straight_row() -> None:
    g = _graph([("in", "a"), ("a", "b"), ("b", "c")])
    pos = layered_layout(g)
    assert [pos[n][0] for n in ("in", "a", "b", "c")] == sorted(pos[n][0] for n in pos)
    assert len({pos[n][1] for n in pos}) == 1


def test_edges_point_right_and_cards_do_not_overlap() -> None:
    edges = [
        ("x", "a"),
        ("x", "b"),
        ("a", "c"),
        ("b", "c"),
        ("x", "c"),  # long edge over two columns
        ("y", "d"),
        ("c", "d"),
        ("d", "e"),
        ("b", "e"),
    ]
    g = _graph(edges)
    pos = layered_layout(g)
    assert set(pos) == set(g.nodes)
    for u, v in edges:
        assert pos[u][0] + CARD_W <= pos[v][0], f"{u} -> {v} does not go left to right"
    _assert_no_overlap(pos)
    assert min(p[0] for p in pos.values()) == 0
    assert min(p[1] for p in pos.values()) == 0


def test_wide_graph_has_no_overlap() -> None:
    edges = [("in", f"n{i}") for i in range(12)] + [(f"n{i}", "out") for i in range(12)]
    pos = layered_layout(_graph(edges))
    _assert_no_overlap(pos)


def test_barycenter_reduces_crossings_on_a_crafted_graph() -> None:
    # Two columns whose initial order makes every edge cross: a1..a4 -> b4..b1.
    columns = [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]]
    edges = [("a1", "b4"), ("a2", "b3"), ("a3", "b2"), ("a4", "b1"), ("a1", "b3")]
    before = count_crossings(columns, edges)
    after_columns = reduce_crossings(columns, edges)
    after = count_crossings(after_columns, edges)
    assert before == 8
    assert after < before
    assert after == 0
    assert sorted(after_columns[1]) == sorted(columns[1])


def test_layout_reduces_crossings_versus_graph_order() -> None:
    # Graph order puts the branches so that their wires cross; the layout untangles them.
    g = _graph(
        [("i1", "p"), ("i2", "q"), ("i3", "r"), ("p", "z3"), ("q", "z2"), ("r", "z1")],
        extra=("i1", "i2", "i3", "z1", "z2", "z3"),
    )
    pos = layered_layout(g)
    edges = [(r.node, n.id) for n in g for r in n.inputs if r is not None]
    cols: dict[float, list[str]] = {}
    for nid, (x, _y) in pos.items():
        cols.setdefault(x, []).append(nid)
    laid_out = [sorted(cols[x], key=lambda n: pos[n][1]) for x in sorted(cols)]
    naive = [[n for n in g.nodes if pos[n][0] == x] for x in sorted(cols)]
    assert count_crossings(naive, edges) > 0
    assert count_crossings(laid_out, edges) == 0


def test_count_crossings_counts_pairs() -> None:
    assert count_crossings([["a", "b"], ["c", "d"]], [("a", "d"), ("b", "c")]) == 1
    assert count_crossings([["a", "b"], ["c", "d"]], [("a", "c"), ("b", "d")]) == 0
    # Edges that share an end never cross.
    assert count_crossings([["a", "b"], ["c"]], [("a", "c"), ("b", "c")]) == 0


def test_cycles_and_empty_graphs_do_not_break_layout() -> None:
    assert layered_layout(Graph()) == {}
    g = _graph([("x", "a"), ("a", "b"), ("b", "c")])
    g.nodes["a"].inputs.append(Ref("c"))  # a cycle a -> b -> c -> a
    pos = layered_layout(g)
    assert set(pos) == set(g.nodes)
    _assert_no_overlap(pos)


def test_apply_layout_is_one_undoable_move() -> None:
    g = _graph([("x", "a"), ("x", "b"), ("a", "c"), ("b", "c")])
    before = {nid: n.pos for nid, n in g.nodes.items()}
    edit = apply_layout(g)
    assert isinstance(edit, Move)
    assert {nid: n.pos for nid, n in g.nodes.items()} == before  # not applied yet
    inverse = edit.apply(g)
    assert {nid: n.pos for nid, n in g.nodes.items()} == layered_layout(g)
    inverse.apply(g)
    assert {nid: n.pos for nid, n in g.nodes.items()} == before
