"""Property-based robustness: random graphs never break analysis; edits always undo exactly."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netbuilder.core import edits as E
from netbuilder.core import params as P
from netbuilder.core.analysis import Analyzer
from netbuilder.core.catalog import CATALOG, GENERIC_TYPE
from netbuilder.core.graph import Graph, GraphError, Node, Ref
from netbuilder.core.params import ParamSpec
from netbuilder.core.project import graph_to_dict

TYPES = sorted(CATALOG)
ALL_TYPES = [*TYPES, GENERIC_TYPE, "NoSuchLayer"]
PARAM_NAMES = sorted({p.name for s in CATALOG.values() for p in s.params} | {"bogus"})

EXTREME_INTS = [0, -1, 1, 2**31, 2**63, -(2**63), 10**30]
small_ints = st.integers(min_value=-3, max_value=70)
dims = st.one_of(st.none(), small_ints, st.sampled_from(EXTREME_INTS))

wild_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        small_ints,
        st.sampled_from(EXTREME_INTS),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=6),
        st.sampled_from(["relu", "same", "valid", "causal", "concat", "float32", "int32", "LSTM"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4).map(tuple),
        st.lists(children, max_size=4),
        st.fixed_dictionaries(
            {"type": st.sampled_from(ALL_TYPES)},
            optional={
                "params": st.dictionaries(st.sampled_from(PARAM_NAMES), children, max_size=3)
            },
        ),
    ),
    max_leaves=8,
)


def sensible_value(p: ParamSpec) -> st.SearchStrategy[Any]:
    """Values a user would plausibly set for the parameter's kind."""
    small = st.integers(min_value=1, max_value=5)
    by_kind: dict[str, st.SearchStrategy[Any]] = {
        P.INT: small,
        P.AXIS: st.integers(-3, 3),
        P.FLOAT: st.floats(0.0, 0.9),
        P.BOOL: st.booleans(),
        P.INT_TUPLE: small | st.lists(small, min_size=1, max_size=3).map(tuple),
        P.SHAPE: st.lists(small | st.none(), min_size=1, max_size=3).map(tuple),
        P.INT_LIST: st.lists(st.integers(-1, 4), min_size=1, max_size=3).map(tuple),
        P.LAYER: st.fixed_dictionaries(
            {
                "type": st.sampled_from(p.allowed_layers or ("LSTM", "Dense")),
                "params": st.fixed_dictionaries(
                    {"units": small}, optional={"return_sequences": st.booleans()}
                ),
            }
        ),
    }
    options = ([] if p.required else [p.default]) + list(p.choices)
    if not options:
        return by_kind.get(p.kind, small)
    return st.one_of(st.sampled_from(options), by_kind.get(p.kind, st.sampled_from(options)))


@st.composite
def node_params(draw, type_name: str, wild: int = 3) -> dict[str, Any]:
    """Params for a node; about one in ``wild + 1`` values is arbitrary junk."""
    spec = CATALOG.get(type_name)
    if spec is None:
        return draw(
            st.dictionaries(st.sampled_from(["class_name", "config", "x"]), wild_values, max_size=3)
        )
    params: dict[str, Any] = {}
    for p in spec.params:
        choice = draw(st.integers(0, wild))
        if choice == 1 or (choice != 2 and p.required):
            params[p.name] = draw(sensible_value(p))
        elif choice == 2:
            params[p.name] = draw(wild_values)
    if type_name == "Input" and draw(st.booleans()):
        params["shape"] = tuple(draw(st.lists(dims, max_size=4)))
    if draw(st.integers(0, 3 * wild)) == 0:
        params["bogus"] = draw(wild_values)
    return params


names = st.one_of(
    st.sampled_from(["dense", "x", "a/b", "", " x ", "lstm", "слой", "q'\"\n"]),
    st.text(max_size=8),
)


@st.composite
def random_graphs(draw) -> Graph:
    count = draw(st.integers(0, 12))
    ids = [f"n{i}" for i in range(count)]
    g = Graph()
    for nid in ids:
        type_name = draw(st.sampled_from(ALL_TYPES))
        slots = draw(
            st.lists(
                st.one_of(
                    st.none(),
                    st.builds(Ref, st.sampled_from(ids), st.integers(0, 2)),
                ),
                max_size=4,
            )
        )
        node = Node(nid, type_name, draw(names), draw(node_params(type_name)), slots)
        g.nodes[nid] = node
    if ids:
        g.outputs = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
    return g


@st.composite
def layered_graphs(draw) -> Graph:
    """Mostly well-formed DAGs fed by sensible Inputs, so shapes reach every layer."""
    g = Graph()
    ids: list[str] = []
    for k in range(draw(st.integers(1, 3))):
        shape = tuple(draw(st.lists(st.integers(1, 12), min_size=1, max_size=3)))
        dtype = draw(st.sampled_from([None, "int32"]))
        g.nodes[f"i{k}"] = Node(f"i{k}", "Input", f"in_{k}", {"shape": shape, "dtype": dtype})
        ids.append(f"i{k}")
    for k in range(draw(st.integers(0, 10))):
        type_name = draw(st.sampled_from(TYPES))
        spec = CATALOG[type_name]
        arity = max(spec.required_inputs, 1) if not spec.is_input else 0
        srcs = [Ref(draw(st.sampled_from(ids))) for _ in range(arity)]
        nid = f"m{k}"
        g.nodes[nid] = Node(nid, type_name, f"layer_{k}", draw(node_params(type_name, 12)), srcs)
        ids.append(nid)
    g.outputs = [ids[-1]]
    return g


def check_analysis(g: Graph) -> None:
    analyzer = Analyzer(g)
    infos = analyzer.infos()
    assert set(infos) == set(g.nodes)
    problems = analyzer.problems()
    for p in problems:
        assert p.severity in ("error", "warning")
        assert isinstance(p.message, str) and p.message
        assert p.code != "internal", p.message
        assert p.node_id is None or p.node_id in g.nodes
    analyzer.total_params()
    analyzer.is_valid()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(random_graphs(), layered_graphs()))
def test_random_graphs_never_break_analysis(g: Graph) -> None:
    check_analysis(g)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(random_graphs(), layered_graphs()), st.data())
def test_applying_any_offered_fix_is_safe_and_undoable(g: Graph, data) -> None:
    analyzer = Analyzer(g)
    problems = [p for p in analyzer.problems() if p.fixes]
    if not problems:
        return
    problem = data.draw(st.sampled_from(problems))
    fix = data.draw(st.sampled_from(problem.fixes))
    before = graph_to_dict(g)
    try:
        inverse = fix.edit.apply(g)
    except GraphError:
        # A fix may be refused (e.g. a rename that clashes); the graph stays as it was.
        assert graph_to_dict(g) == before
        return
    check_analysis(g)
    # The fix really resolves the problem it was offered for.
    assert identity(problem) not in {identity(p) for p in analyzer.problems()}, fix.label
    inverse.apply(g)
    assert graph_to_dict(g) == before
    assert identity(problem) in {identity(p) for p in analyzer.problems()}


def identity(p) -> tuple[Any, ...]:
    return (p.code, p.node_id, p.data.get("param"), p.data.get("inner_param"))


# -- random edit sequences ----------------------------------------------------------------
finite_values = st.one_of(
    st.none(),
    st.booleans(),
    small_ints,
    st.sampled_from(EXTREME_INTS),
    st.floats(allow_nan=False, allow_infinity=True),
    st.text(max_size=4),
    st.lists(dims, max_size=3).map(tuple),
)


def draw_edit(data, g: Graph) -> E.Edit:
    ids = list(g.nodes)
    pick = lambda: data.draw(st.sampled_from(ids))  # noqa: E731
    kinds = ["add"] if not ids else None
    kind = data.draw(
        st.sampled_from(
            kinds
            or [
                "add",
                "remove",
                "remove_many",
                "connect",
                "disconnect",
                "param",
                "params",
                "rename",
                "move",
                "output",
                "unoutput",
                "insert",
                "paste",
            ]
        )
    )
    if kind == "add":
        type_name = data.draw(st.sampled_from(TYPES))
        node = E.make_node(g, type_name, data.draw(node_params(type_name)))
        return E.AddNode(node, data.draw(st.none() | st.integers(0, len(ids))))
    if kind == "remove":
        return E.RemoveNode(pick())
    if kind == "remove_many":
        return E.RemoveNodes(data.draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)))
    if kind == "connect":
        return E.Connect(pick(), pick(), data.draw(st.none() | st.integers(0, 4)))
    if kind == "disconnect":
        return E.Disconnect(pick(), data.draw(st.integers(-1, 4)))
    if kind == "param":
        return E.SetParam(pick(), data.draw(st.sampled_from(PARAM_NAMES)), data.draw(finite_values))
    if kind == "params":
        changes = data.draw(
            st.lists(
                st.tuples(st.sampled_from(ids), st.sampled_from(PARAM_NAMES), finite_values),
                max_size=3,
            )
        )
        return E.SetParams(changes)
    if kind == "rename":
        return E.Rename(pick(), data.draw(names))
    if kind == "move":
        pos = (data.draw(st.integers(-500, 500)), data.draw(st.integers(-500, 500)))
        return E.Move({pick(): pos})
    if kind == "output":
        return E.InsertOutput(pick(), data.draw(st.none() | st.integers(0, len(g.outputs))))
    if kind == "unoutput":
        return E.PopOutput(data.draw(st.integers(0, max(len(g.outputs) - 1, 0))))
    if kind == "insert":
        dst = pick()
        slot = data.draw(st.integers(0, 3))
        type_name = data.draw(st.sampled_from(TYPES))
        node = E.make_node(g, type_name, data.draw(node_params(type_name)))
        return E.insert_on_edge(g, node, dst, slot)
    sources = data.draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
    copies = [
        Node(f"{nid}_copy", g.nodes[nid].type, g.nodes[nid].name + "_copy", {}, [Ref(nid)])
        for nid in sources
    ]
    return E.add_nodes(copies, [c.id for c in copies[:1]])


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_edit_sequences_undo_exactly(data) -> None:
    g = Graph()
    analyzer = Analyzer(g)
    start = graph_to_dict(g)
    inverses: list[E.Edit] = []
    snapshots = [start]
    for _ in range(data.draw(st.integers(1, 25))):
        before = graph_to_dict(g)
        try:
            edit = draw_edit(data, g)
            inverse = edit.apply(g)
        except (GraphError, IndexError, KeyError):
            # Refused edits (unknown slot, clashing name...) leave the graph untouched.
            assert graph_to_dict(g) == before
            continue
        inverses.append(inverse)
        snapshots.append(graph_to_dict(g))
        # Incremental analysis agrees with a fresh analysis after every edit.
        assert _summary(analyzer) == _summary(Analyzer(g))
    for inverse, expected in zip(reversed(inverses), reversed(snapshots[:-1]), strict=True):
        inverse.apply(g)
        assert graph_to_dict(g) == expected
    assert graph_to_dict(g) == start
    assert _summary(analyzer) == _summary(Analyzer(g))


def _summary(analyzer: Analyzer) -> tuple[Any, ...]:
    infos = analyzer.infos()
    shapes = {nid: (i.outputs, i.params, i.dtype) for nid, i in infos.items()}
    problems = sorted((p.code, p.node_id or "", p.message) for p in analyzer.problems())
    return (_nan_safe(shapes), problems)


def _nan_safe(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, dict):
        return {k: _nan_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nan_safe(v) for v in value]
    return value
