"""Validation: every problem of a graph as a list of :class:`Problem`; never raises.

Two entry points, both called by :class:`~netbuilder.core.analysis.Analyzer`:

- :func:`structural_problems` checks the graph as a whole (cycles, inputs and
  outputs, reachability, dangling layers, input arity, names, unknown types).
  It reruns after structural edits, so it is linear in the graph and leans on
  networkx for reachability and strongly connected components.
- :func:`node_problems` checks one node: parameter values and the shape error
  inference found, turned into a Keras-style sentence that names the node, the
  layer feeding it and the shapes, with one-click fixes from
  :mod:`netbuilder.core.fixes`.

Each check runs guarded: an unexpected exception becomes an ``"internal"``
problem instead of breaking the editor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from . import fixes as F
from .catalog import GENERIC_TYPE, get_spec
from .edits import UNSET, Compound, SetParam
from .graph import Graph, Node, name_problem
from .inference import Inference, NodeInfo, rank_text
from .messages import tr
from .problems import ERROR, WARNING, Fix, Problem
from .shapes import Shape, ShapeError, fmt_shape

_Check = Callable[[], list[Problem]]


def show(name: Any) -> str:
    """A name as it appears in messages: control characters escaped, one line."""
    text = name if isinstance(name, str) else repr(name)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _who(node: Node) -> str:
    return f"{node.keras_class} '{show(node.name)}'"


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
def structural_problems(graph: Graph, inference: Inference) -> list[Problem]:
    """Problems of the graph as a whole, in a stable order."""
    if not graph.nodes:
        text = tr("The model is empty. Add an Input layer, then the layers that process it.")
        return [Problem(ERROR, "empty", None, text)]
    problems: list[Problem] = []
    checks: list[tuple[str, _Check]] = [
        ("cycles", lambda: _cycles(graph, inference)),
        ("inputs and outputs", lambda: _ends(graph, inference)),
        ("connections", lambda: _reachability(graph)),
        ("input wires", lambda: _arity_all(graph)),
        ("names", lambda: _names(graph)),
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
        problems.extend(_guarded(lambda node=node: _arity(graph, node), "input wires", node.id))
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
            "{who} is a model input and takes no inputs, but {sources} connected to it. "
            "Disconnect them.",
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


# == per-node checks ====================================================================
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
    problems = _guarded(lambda: _params(node), "parameters", node.id)
    reported = {p.data.get("param") for p in problems}
    if info is not None:
        problems.extend(
            _guarded(lambda: _shape(graph, node, info, infos, reported), "shapes", node.id)
        )
    return problems


def _params(node: Node) -> list[Problem]:
    spec = node.spec
    if spec is None:
        return []
    problems: list[Problem] = []
    for name, reason in spec.check_params(node.params):
        value = node.params.get(name)
        if name not in node.params:
            message = tr(
                "{who} needs a value for '{param}', which has no default. Set it in the inspector.",
                who=_who(node),
                param=name,
            )
        else:
            message = tr(
                "{who} has an invalid value for '{param}': {value}. {reason}.",
                who=_who(node),
                param=name,
                value=show(repr(value)),
                reason=show(reason),
            )
        fix = F.reset_fix(node, name)
        problems.append(
            Problem(
                ERROR,
                "param",
                node.id,
                message,
                fixes=(fix,) if fix else (),
                data={"param": name, "value": value},
            )
        )
    problems.extend(_inner_params(node))
    for name in node.params:
        if not spec.has_param(name):
            message = tr(
                "{who} has the parameter '{param}', which {type} does not take; it is ignored.",
                who=_who(node),
                param=show(name),
                type=node.type,
            )
            fix = F.drop_param_fix(node, name)
            problems.append(
                Problem(
                    WARNING, "unknown_param", node.id, message, fixes=(fix,), data={"param": name}
                )
            )
    return problems


def _inner_params(node: Node) -> list[Problem]:
    """Parameters of a wrapped layer (Bidirectional's LSTM...)."""
    spec = node.spec
    wrapper = spec.wrapper_param if spec is not None else None
    inner = node.params.get(wrapper) if wrapper else None
    if not isinstance(inner, dict) or not isinstance(inner.get("params", {}), dict):
        return []
    inner_spec = get_spec(str(inner.get("type")))
    if inner_spec is None:
        return []
    problems = []
    for name, reason in inner_spec.check_params(inner.get("params", {})):
        message = tr(
            "{who} wraps a {inner} with an invalid '{param}': {reason}.",
            who=_who(node),
            inner=inner_spec.type,
            param=name,
            reason=show(reason),
        )
        data = {"param": wrapper, "inner_param": name}
        problems.append(Problem(ERROR, "param", node.id, message, data=data))
    return problems


def _sources(
    graph: Graph, node: Node, info: NodeInfo, infos: Mapping[str, NodeInfo] | None
) -> list[F.Source | None]:
    if infos is not None:
        return F.node_sources(graph, node, infos)
    spec = node.spec
    out: list[F.Source | None] = []
    for slot, shape in enumerate(info.inputs):
        integer = spec is not None and spec.port(slot).integer
        out.append(None if shape is None else (shape, "int" if integer else "float"))
    return out


def _src(graph: Graph, node: Node, slot: int) -> str:
    ref = node.inputs[slot] if 0 <= slot < len(node.inputs) else None
    if ref is None or ref.node not in graph.nodes:
        return "?"
    return show(graph.nodes[ref.node].name)


def _arriving(graph: Graph, node: Node, info: NodeInfo) -> str:
    """ "'a' (None, 8), 'b' (None, 4)" for the wires into ``node``."""
    return ", ".join(
        f"'{_src(graph, node, slot)}' {fmt_shape(shape)}" for slot, shape in enumerate(info.inputs)
    )


def _shape(
    graph: Graph,
    node: Node,
    info: NodeInfo,
    infos: Mapping[str, NodeInfo] | None,
    reported: set[Any],
) -> list[Problem]:
    error = info.error
    if error is None:
        return _dense_nd(graph, node, info, infos)
    if error.code == "param" and error.data.get("param") in reported:
        return []  # already said, with the value, by the parameter check
    sources = _sources(graph, node, info, infos)
    slot = error.data.get("slot")
    edge = (node.id, slot) if isinstance(slot, int) and 0 <= slot < len(node.inputs) else None
    builder = _SHAPE_MESSAGES.get(error.code, _other)
    message, fixes = builder(graph, node, info, infos, sources, error)
    data = {k: v for k, v in error.data.items()}
    data["detail"] = error.message
    return [Problem(ERROR, error.code, node.id, message, edge, tuple(fixes), data)]


_Built = tuple[str, list[Fix]]


def _join_hints(hints: list[str]) -> str:
    if not hints:
        return ""
    text = tr(", or ").join(hints)
    return " " + text[0].upper() + text[1:] + "."


def _rank(graph, node, info, infos, sources, error: ShapeError) -> _Built:
    spec = node.spec
    slot = error.data.get("slot")
    if spec is None or not isinstance(slot, int) or not 0 <= slot < len(info.inputs):
        return _other(graph, node, info, infos, sources, error)
    shape = info.inputs[slot]
    port = spec.port(slot)
    want = port.ranks[0] if port.ranks else port.min_rank
    if port.ranks:
        want_text = tr(" or ").join(rank_text(r) for r in port.ranks)
    else:
        want_text = tr("at least {rank}", rank=rank_text(port.min_rank))
    values = {
        "who": _who(node),
        "want": want_text,
        "layout": f" {port.layout}" if port.layout else "",
        "src": _src(graph, node, slot),
        "shape": fmt_shape(shape),
        "slot": port.name,
    }
    if len(spec.ports) > 1 and not spec.variadic:
        text = tr(
            "{who} needs a {want} '{slot}' input{layout}, but '{src}' gives {shape}.", **values
        )
    else:
        text = tr("{who} needs a {want} input{layout}, but '{src}' gives {shape}.", **values)
    fixes = F.rank_fixes(graph, node, slot, sources, infos, want) if shape is not None else []
    hints: list[str] = []
    sequences = any("return_sequences" in f.label for f in fixes)
    if sequences:
        hints.append(tr("set return_sequences=True on '{src}'", src=values["src"]))
    if shape is not None and len(shape) == 2 and want == 3:
        hints.append(tr("insert a RepeatVector"))
    inserted = [f.edit for f in fixes if not isinstance(f.edit, SetParam)]
    types = [e.edits[0].node.type for e in inserted if isinstance(e, Compound)]
    for type_name in types:
        if type_name != "Reshape" or not hints:
            hints.append(tr("insert {type}", type=type_name))
    if not hints:
        hints.append(
            tr("change the layers before it so that it receives a {want} tensor", want=want_text)
        )
    return text + _join_hints(hints), fixes


def _dtype(graph, node, info, infos, sources, error: ShapeError) -> _Built:
    slot = error.data.get("slot", 0)
    slot = slot if isinstance(slot, int) and 0 <= slot < len(info.inputs) else 0
    values = {
        "who": _who(node),
        "src": _src(graph, node, slot),
        "shape": fmt_shape(info.inputs[slot] if info.inputs else None),
    }
    fix = F.integer_input_fix(graph, node, slot)
    if fix is not None:
        text = tr(
            "{who} needs integer token ids, but '{src}' gives a float tensor {shape}. Set "
            "dtype='int32' on '{src}' and feed it token ids.",
            **values,
        )
        return text, [fix]
    text = tr(
        "{who} needs integer token ids, but '{src}' gives a float tensor {shape}. Feed it "
        "from an Input with dtype='int32' (token ids), not from a layer that computes floats.",
        **values,
    )
    return text, []


def _window(graph, node, info, infos, sources, error: ShapeError) -> _Built:
    output = error.data.get("output")
    values = {
        "who": _who(node),
        "src": _src(graph, node, 0),
        "shape": fmt_shape(info.inputs[0] if info.inputs else None),
        "detail": error.message,
    }
    if output is not None:
        text = tr(
            "{who} would produce the empty output shape {output} from the input {shape} of "
            "'{src}': its window is larger than its input.",
            output=fmt_shape(output),
            **values,
        )
    else:
        text = tr("{who} {detail} (its input from '{src}' is {shape}).", **values)
    text += " " + tr(
        "Set padding='same', use a smaller kernel, pool size or strides, or feed it a larger input."
    )
    fix = F.padding_fix(node, sources)
    return text, [fix] if fix else []


def _concat(graph, node, info, infos, sources, error: ShapeError) -> _Built:
    shapes = [s for s in info.inputs if s is not None]
    axis = node.effective_params().get("axis", -1)
    values = {"who": _who(node), "inputs": _arriving(graph, node, info), "axis": axis}
    if len({len(s) for s in shapes}) > 1:
        text = tr(
            "{who} needs inputs of the same rank, but gets {inputs}. Reshape or flatten them "
            "so that their ranks match.",
            **values,
        )
        return text, []
    text = tr(
        "{who} (axis={axis}) needs inputs that match on every axis except the "
        "concatenation axis, but gets {inputs}.",
        **values,
    )
    fixes = F.axis_fixes(node, sources)
    if fixes:
        axes = ", ".join(str(f.edit.value) for f in fixes if isinstance(f.edit, SetParam))
        text += " " + tr("Set axis to {axes}, or make the other axes equal.", axes=axes)
    else:
        text += " " + tr(
            "Make the other axes equal (with pooling, Reshape or Flatten), or join along "
            "another axis."
        )
    return text, fixes


def _mismatch(graph, node, info, infos, sources, error: ShapeError) -> _Built:
    if node.spec is None or not node.spec.is_merge:
        return _other(graph, node, info, infos, sources, error)
    text = tr(
        "{who} needs inputs of the same shape, but gets {inputs}. Make the shapes equal "
        "(for example with a Dense layer that sets the last size), or use Concatenate to "
        "join tensors of different sizes.",
        who=_who(node),
        inputs=_arriving(graph, node, info),
    )
    return text, []


def _other(graph, node, info, infos, sources, error: ShapeError) -> _Built:
    text = tr("{who} {detail}", who=_who(node), detail=show(error.message).rstrip("."))
    if info.inputs and any(s is not None for s in info.inputs):
        text += " " + tr("(inputs: {inputs}).", inputs=_arriving(graph, node, info))
    else:
        text += "."
    fixes: list[Fix] = []
    param = error.data.get("param")
    spec = node.spec
    if (
        error.code == "param"
        and isinstance(param, str)
        and spec is not None
        and spec.has_param(param)
        and param in node.params
        and not spec.param(param).required
    ):
        default = spec.param(param).default
        label = tr("Reset '{param}' to its default ({value!r})", param=param, value=default)
        fix = F.param_fix(node, sources, param, UNSET, label)
        if fix is not None:
            fixes.append(fix)
    return text, fixes


_SHAPE_MESSAGES: dict[str, Callable[..., _Built]] = {
    "rank": _rank,
    "dtype": _dtype,
    "window": _window,
    "concat": _concat,
    "mismatch": _mismatch,
}


def _dense_nd(
    graph: Graph, node: Node, info: NodeInfo, infos: Mapping[str, NodeInfo] | None
) -> list[Problem]:
    """Dense on an image-like tensor works on the last axis only: usually a mistake."""
    if node.type != "Dense" or not info.inputs or info.inputs[0] is None:
        return []
    shape: Shape = info.inputs[0]
    if len(shape) < 4:
        return []
    sources = _sources(graph, node, info, infos)
    fixes = F.flatten_fixes(graph, node, 0, sources)
    message = tr(
        "{who} receives the {rank} tensor {shape} from '{src}' and acts on its last axis "
        "only, so its output is {output}. To classify images, insert Flatten or "
        "GlobalAveragePooling2D before it.",
        who=_who(node),
        rank=rank_text(len(shape)),
        shape=fmt_shape(shape),
        src=_src(graph, node, 0),
        output=fmt_shape(info.output),
    )
    return [Problem(WARNING, "dense_nd", node.id, message, (node.id, 0), tuple(fixes))]


__all__ = ["node_problems", "show", "structural_problems"]
