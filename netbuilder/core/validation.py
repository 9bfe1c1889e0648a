"""Validation: every problem of a graph as a list of :class:`Problem`; never raises.

Two entry points, both called by :class:`~netbuilder.core.analysis.Analyzer`:

- :func:`structural_problems` checks the graph as a whole (cycles, inputs and
  outputs, reachability, dangling layers, input arity, names, unknown types).
  It is linear in the graph, leans on networkx for reachability and strongly
  connected components, and is cached per graph until the wiring, the outputs
  or a name changes.
- :func:`node_problems` checks one node: parameter values and the shape error
  inference found, turned into a Keras-style sentence that names the node, the
  layer feeding it and the shapes, with one-click fixes from
  :mod:`netbuilder.core.fixes`.

Each check runs guarded: an unexpected exception becomes an ``"internal"``
problem instead of breaking the editor.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from . import fixes as F
from .catalog import GENERIC_TYPE
from .graph import Graph, Node, name_problem
from .inference import Inference, NodeInfo
from .messages import language, show, tr
from .node_checks import params_problems, shape_problems
from .node_checks import who as _who
from .problems import ERROR, WARNING, Fix, Problem

_Check = Callable[[], list[Problem]]


def _guarded(check: _Check, what: str, node_id: str | None = None) -> list[Problem]:
    try:
        return check()
    except Exception as exc:  # noqa: BLE001 - validation must never break the editor
        message = tr(
            "Internal error while checking {what}: {error}. The check was skipped; "
            "please report this.",
            what=what,
            error=show(f"{type(exc).__name__}: {exc}"),
        )
        return [Problem(ERROR, "internal", node_id, message)]


# == graph-wide checks ==================================================================
# Graph-wide problems depend on the wiring, the outputs, the names (and class names)
# and the language only, so a parameter edit (which makes the analyzer ask again) reuses them.
_CACHE: weakref.WeakKeyDictionary[Graph, tuple[tuple[Any, ...], list[Problem]]] = (
    weakref.WeakKeyDictionary()
)


def structural_problems(graph: Graph, inference: Inference) -> list[Problem]:
    """Problems of the graph as a whole, in a stable order."""
    key = (
        graph.structure_revision,
        language(),
        tuple(graph.nodes),
        tuple((n.name, n.keras_class) for n in graph.nodes.values()),
        tuple(graph.outputs),
    )
    cached = _CACHE.get(graph)
    if cached is not None and cached[0] == key:
        return list(cached[1])
    problems = _structural(graph, inference)
    _CACHE[graph] = (key, problems)
    return list(problems)


def _structural(graph: Graph, inference: Inference) -> list[Problem]:
    if not graph.nodes:
        text = tr("The model is empty. Add an Input layer, then the layers that process it.")
        return [Problem(ERROR, "empty", None, text)]
    problems: list[Problem] = []
    checks: list[tuple[str, _Check]] = [
        (tr("cycles"), lambda: _cycles(graph, inference)),
        (tr("inputs and outputs"), lambda: _ends(graph, inference)),
        (tr("connections"), lambda: _reachability(graph)),
        (tr("input wires"), lambda: _arity_all(graph)),
        (tr("names"), lambda: _names(graph)),
    ]
    for what, check in checks:
        problems.extend(_guarded(check, what))
    return problems


def _cycles(graph: Graph, inference: Inference) -> list[Problem]:
    cyclic = inference.cyclic_nodes
    if not cyclic:
        return []
    order = {nid: i for i, nid in enumerate(graph.nodes)}
    sub = graph.nx().subgraph(cyclic)
    problems = []
    comps = sorted(nx.strongly_connected_components(sub), key=lambda c: min(order[n] for n in c))
    for comp in comps:
        start = min(comp, key=order.__getitem__)
        part = sub.subgraph(comp)
        cycle = nx.find_cycle(part, source=start)
        path = [e[0] for e in cycle] + [cycle[-1][1]]
        names = " → ".join(f"'{show(graph.nodes[n].name)}'" for n in path)
        message = tr(
            "The layers {path} form a cycle. A Keras model must flow one way, from its "
            "inputs to its outputs; disconnect one of these wires.",
            path=names,
        )
        fix, edge = _cycle_cut(graph, part, cycle)
        problems.append(
            Problem(
                ERROR,
                "cycle",
                start,
                message,
                edge=edge,
                fixes=(fix,) if fix else (),
                data={"nodes": sorted(comp, key=order.__getitem__), "path": path},
            )
        )
    return problems


def _cycle_cut(
    graph: Graph, part: nx.MultiDiGraph, cycle: list[tuple[Any, ...]]
) -> tuple[Fix | None, tuple[str, int] | None]:
    """Disconnect the wire that closes the cycle, if that leaves the loop acyclic."""
    # The wire back into the first layer is the one a user most likely drew by mistake.
    for u, v, slot in [cycle[-1], *cycle[:-1]]:
        trial = nx.MultiDiGraph(part)
        trial.remove_edge(u, v, key=slot)
        if nx.is_directed_acyclic_graph(trial):
            return F.cut_cycle_fix(graph, v, slot, u), (v, slot)
    return None, (cycle[-1][1], cycle[-1][2])


def _sinks(graph: Graph, inference: Inference) -> list[str]:
    cyclic = inference.cyclic_nodes
    return [
        n.id
        for n in graph.nodes.values()
        if n.type != "Input" and n.id not in cyclic and not graph.successors(n.id)
    ]


def _ends(graph: Graph, inference: Inference) -> list[Problem]:
    problems: list[Problem] = []
    if not graph.input_nodes():
        message = tr(
            "The model has no Input layer. Add an Input, set the shape of one sample "
            "(for example (28, 28, 1)), and connect the first layer to it."
        )
        problems.append(Problem(ERROR, "no_input", None, message))
    outputs = [o for o in graph.outputs if o in graph.nodes]
    if not outputs:
        sinks = _sinks(graph, inference)
        fix = F.mark_outputs_fix(graph, sinks)
        if sinks:
            names = ", ".join(f"'{show(graph.nodes[s].name)}'" for s in sinks)
            message = tr(
                "The model has no output: no layer is marked as a model output. "
                "Mark the layer(s) the model should return, for example {names}.",
                names=names,
            )
        else:
            message = tr(
                "The model has no output: no layer is marked as a model output. "
                "Mark the layer(s) the model should return."
            )
        problems.append(
            Problem(
                ERROR,
                "no_output",
                None,
                message,
                fixes=(fix,) if fix else (),
                data={"sinks": sinks},
            )
        )
        return problems
    marked = set(outputs)
    for node in graph.nodes.values():
        if node.id in marked or graph.successors(node.id):
            continue
        fixes = [F.delete_fix(node)]
        if node.type != "Input":
            fixes.insert(0, F.mark_output_fix(graph, node))
        message = tr(
            "{who} feeds nothing and is not a model output, so its result is thrown away. "
            "Mark it as a model output, connect it to a later layer, or delete it.",
            who=_who(node),
        )
        problems.append(Problem(WARNING, "dangling", node.id, message, fixes=tuple(fixes)))
    return problems


def _reachability(graph: Graph) -> list[Problem]:
    inputs = [n.id for n in graph.input_nodes()]
    if not inputs:
        return []  # "no_input" already says it
    ng = graph.nx()
    reached: set[str] = set()
    for nid in inputs:
        if nid not in reached:
            reached.add(nid)
            reached |= nx.descendants(ng, nid)
    problems = []
    for node in graph.nodes.values():
        if node.id in reached:
            continue
        # A layer with nothing connected is reported as an empty input instead.
        if not any(r is not None for r in node.inputs) and not node.is_generic:
            continue
        message = tr(
            "{who} is not connected to any Input: no path leads to it from an Input "
            "layer, so Keras cannot compute it. Connect it, or the layers before it, "
            "to the model's inputs.",
            who=_who(node),
        )
        problems.append(Problem(ERROR, "unreachable", node.id, message))
    return problems


def _arity_all(graph: Graph) -> list[Problem]:
    problems: list[Problem] = []
    for node in graph.nodes.values():
        problems.extend(_guarded(lambda node=node: _arity(graph, node), tr("input wires"), node.id))
    return problems


def _src_names(graph: Graph, node: Node, slots: range | list[int] | None = None) -> str:
    chosen = range(len(node.inputs)) if slots is None else slots
    refs = [node.inputs[s] for s in chosen if node.inputs[s] is not None]
    return ", ".join(
        f"'{show(graph.nodes[r.node].name)}'" if r.node in graph.nodes else "?" for r in refs
    )


def _arity(graph: Graph, node: Node) -> list[Problem]:
    spec = node.spec
    if spec is None:
        if node.type != GENERIC_TYPE:
            message = tr(
                "Layer '{name}' has the unknown type '{type}': the catalog has no such layer. "
                "Replace it with a known layer.",
                name=show(node.name),
                type=show(node.type),
            )
            return [Problem(ERROR, "unknown_type", node.id, message, data={"type": node.type})]
        return []
    connected = [slot for slot, ref in enumerate(node.inputs) if ref is not None]
    limit = spec.max_inputs
    if limit is not None and len(node.inputs) > limit:
        return [_too_many(graph, node, limit, connected)]
    if spec.is_merge or spec.variadic:
        out = []
        if len(connected) < spec.min_inputs:
            message = tr(
                "{who} joins several tensors and needs at least {need} inputs, but has "
                "{count}. Connect more layers to it, or delete it.",
                who=_who(node),
                need=spec.min_inputs,
                count=len(connected),
            )
            out.append(
                Problem(
                    ERROR,
                    "too_few_inputs",
                    node.id,
                    message,
                    data={"need": spec.min_inputs, "count": len(connected)},
                )
            )
        gaps = [s for s, ref in enumerate(node.inputs) if ref is None]
        if gaps and spec.variadic:
            label = tr("Remove the empty input slot(s) of '{name}'", name=show(node.name))
            message = tr(
                "{who} has an empty input slot ({slot}). Connect a layer to it or remove it.",
                who=_who(node),
                slot=gaps[0],
            )
            fix = F.disconnect_fix(graph, node.id, gaps, label)
            out.append(Problem(ERROR, "empty_input", node.id, message, (node.id, gaps[0]), (fix,)))
        return out
    out = []
    for slot, port in enumerate(spec.ports):
        if port.optional or (slot < len(node.inputs) and node.inputs[slot] is not None):
            continue
        if len(spec.ports) == 1:
            message = tr(
                "{who} has no input. Connect the output of a layer (or an Input) to it.",
                who=_who(node),
            )
        else:
            message = tr(
                "The '{slot}' input of {who} is empty. Connect a layer's output to it.",
                slot=port.name,
                who=_who(node),
            )
        out.append(
            Problem(
                ERROR, "empty_input", node.id, message, (node.id, slot), data={"slot": port.name}
            )
        )
    return out


def _too_many(graph: Graph, node: Node, limit: int, connected: list[int]) -> Problem:
    spec = node.spec
    assert spec is not None
    extra = list(range(limit, len(node.inputs)))
    fixes: list[Fix] = []
    if spec.is_input:
        message = tr(
            "{who} is a model input and takes no inputs, but is fed by {sources}. Disconnect them.",
            who=_who(node),
            sources=_src_names(graph, node) or "0",
        )
    elif limit == 1:
        message = tr(
            "{who} takes one input, but {count} are connected ({sources}). Only merge "
            "layers (Concatenate, Add, ...) join several tensors: put one before it.",
            who=_who(node),
            count=len(connected),
            sources=_src_names(graph, node),
        )
        merge = F.merge_inputs_fix(graph, node)
        if merge is not None:
            fixes.append(merge)
    else:
        message = tr(
            "{who} takes at most {limit} inputs, but {count} are connected ({sources}). "
            "Disconnect the extra ones.",
            who=_who(node),
            limit=limit,
            count=len(connected),
            sources=_src_names(graph, node),
        )
    label = tr(
        "Disconnect the extra input(s) of '{name}' ({sources})",
        name=show(node.name),
        sources=_src_names(graph, node, extra) or "-",
    )
    fixes.append(F.disconnect_fix(graph, node.id, extra, label))
    return Problem(
        ERROR,
        "too_many_inputs",
        node.id,
        message,
        edge=(node.id, extra[0]),
        fixes=tuple(fixes),
        data={"limit": limit, "count": len(connected)},
    )


def _names(graph: Graph) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, Node] = {}
    taken: set[str] = set()
    for node in graph.nodes.values():
        reason = name_problem(node.name)
        if reason is not None:
            message = tr(
                "{type} layer {name} has an invalid name: {reason}. Keras names must be "
                "unique, non-empty and without '/'.",
                type=node.keras_class,
                name=repr(node.name),
                reason=reason,
            )
            fix = F.rename_fix(graph, node, taken)
            problems.append(Problem(ERROR, "invalid_name", node.id, message, fixes=(fix,)))
            continue
        other = first.setdefault(node.name, node)
        if other is node:
            continue
        message = tr(
            "{who} has the same name as {other}. Keras needs unique layer names; rename one "
            "of them.",
            who=_who(node),
            other=_who(other),
        )
        fix = F.rename_fix(graph, node, taken)
        problems.append(
            Problem(
                ERROR, "duplicate_name", node.id, message, fixes=(fix,), data={"other": other.id}
            )
        )
    return problems


# == per-node checks ===================================================================
def node_problems(
    graph: Graph,
    node: Node,
    info: NodeInfo | None,
    infos: Mapping[str, NodeInfo] | None = None,
) -> list[Problem]:
    """Problems of one node: its parameter values and the shape error inference found.

    ``infos`` (every node's info) lets fixes look upstream; without it, fixes that
    change the layer before this one are not offered.
    """
    problems = _guarded(lambda: params_problems(node), tr("parameters"), node.id)
    reported = {p.data.get("param") for p in problems}
    if info is not None:
        problems.extend(
            _guarded(
                lambda: shape_problems(graph, node, info, infos, reported), tr("shapes"), node.id
            )
        )
    return problems


__all__ = ["node_problems", "show", "structural_problems"]
