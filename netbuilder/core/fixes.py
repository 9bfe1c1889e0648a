"""Fix builders: one-click repairs for validation problems.

Every builder checks its repair before offering it: the changed node (and any
layer inserted before it) is run through real shape inference on a tiny
stand-in graph whose Input layers carry the shapes that arrive today. A fix is
returned only when that trial computes a shape without error, so a button
never promises what it cannot do.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .catalog import get_spec
from .edits import (
    AddNode,
    Compound,
    Disconnect,
    Edit,
    InsertInput,
    InsertOutput,
    PopInput,
    RemoveNode,
    Rename,
    SetParam,
    insert_on_edge,
    make_node,
)
from .graph import UNSET, Graph, Node, Ref, name_problem, new_id, snake_case
from .inference import Inference, NodeInfo
from .messages import tr
from .problems import Fix
from .shapes import Shape, fmt_shape, product

# A source of a trial: the shape arriving at a slot and its dtype kind.
Source = tuple[Shape, str]

_DTYPE_PARAM = {"float": None, "int": "int32", "string": "string"}
RECURRENT_PARAM = "return_sequences"


# -- trials -----------------------------------------------------------------------------
def simulate(type_name: str, params: Mapping[str, Any], sources: list[Source | None]) -> NodeInfo:
    """Run inference for one layer fed by Inputs of the given shapes and dtypes."""
    g = Graph()
    refs: list[Ref | None] = []
    for shape, dtype in (s if s is not None else (None, "float") for s in sources):
        if shape is None or len(shape) < 1:
            refs.append(None)
            continue
        src = Node(
            new_id(),
            "Input",
            f"trial_input_{len(refs)}",
            {"shape": tuple(shape[1:]), "batch_size": shape[0], "dtype": _DTYPE_PARAM.get(dtype)},
        )
        g.add_node(src)
        refs.append(Ref(src.id, 0))
    node = Node(new_id(), type_name, "trial", dict(params), refs)
    g.add_node(node)
    inference = Inference(g)
    try:
        return inference.info(node.id)
    finally:
        inference.close()


def trial_ok(type_name: str, params: Mapping[str, Any], sources: list[Source | None]) -> bool:
    info = simulate(type_name, params, sources)
    return info.error is None and info.output is not None


def trial_output(
    type_name: str, params: Mapping[str, Any], sources: list[Source | None]
) -> Shape | None:
    info = simulate(type_name, params, sources)
    return info.output if info.error is None else None


def node_sources(
    graph: Graph, node: Node, infos: Mapping[str, NodeInfo] | None
) -> list[Source | None]:
    """What arrives at each slot of ``node`` today (shape and dtype kind)."""
    out: list[Source | None] = []
    for ref in node.inputs:
        src = infos.get(ref.node) if (ref is not None and infos is not None) else None
        if src is None or ref is None or ref.port >= len(src.outputs):
            out.append(None)
            continue
        shape = src.outputs[ref.port]
        out.append(None if shape is None else (shape, src.dtype))
    return out


def _with(sources: list[Source | None], slot: int, shape: Shape, dtype: str) -> list[Source | None]:
    out = list(sources)
    out[slot] = (shape, dtype)
    return out


def _name_of(graph: Graph, node_id: str) -> str:
    node = graph.nodes.get(node_id)
    return node.name if node is not None else node_id


# -- insertions -------------------------------------------------------------------------
def insert_fix(
    graph: Graph,
    node: Node,
    slot: int,
    sources: list[Source | None],
    type_name: str,
    params: Mapping[str, Any],
    label: str,
) -> Fix | None:
    """Insert ``type_name`` on the wire into ``node`` at ``slot`` if both then compute."""
    return inserts_fix(graph, node, sources, [(slot, type_name, params)], label)


def inserts_fix(
    graph: Graph,
    node: Node,
    sources: list[Source | None],
    inserts: list[tuple[int, str, Mapping[str, Any]]],
    label: str,
) -> Fix | None:
    """Insert a layer on each given wire into ``node``, if all of them and ``node`` compute."""
    trial = list(sources)
    for slot, type_name, params in inserts:
        spec = get_spec(type_name)
        if spec is None or slot >= len(sources) or sources[slot] is None:
            return None
        if node.inputs[slot] is None:
            return None
        shape, dtype = sources[slot]
        inserted = trial_output(type_name, params, [(shape, dtype)])
        if inserted is None:
            return None
        trial[slot] = (inserted, dtype if spec.keeps_dtype else "float")
    if not inserts or not trial_ok(node.type, node.params, trial):
        return None
    steps: list[Edit] = []
    taken: set[str] = set()
    for k, (slot, type_name, params) in enumerate(inserts):
        name = graph.unique_name(snake_case(type_name), taken)
        taken.add(name)
        pos = (node.pos[0] - 160.0, node.pos[1] + 90.0 * k)
        new = make_node(graph, type_name, params, name=name, pos=pos)
        steps.append(insert_on_edge(graph, new, node.id, slot))
    return Fix(label, steps[0] if len(steps) == 1 else Compound(steps, label))


def _before(pos: tuple[float, float]) -> tuple[float, float]:
    return (pos[0] - 160.0, pos[1])


def reshape_targets(shape: Shape, rank: int) -> Iterator[tuple[int, ...]]:
    """Plausible Reshape targets (batch excluded) that give ``shape`` the rank ``rank``."""
    inner = tuple(shape[1:])
    if any(d is None for d in inner) or rank < 2:
        return
    have = len(shape)
    if have < rank:
        size = product(inner) or 0
        side = round(size**0.5)
        if have == 2 and rank == 4 and side * side == size:
            # A flattened square image: (4096,) -> (64, 64, 1).
            yield (side, side, 1)
        yield (*inner, *(1,) * (rank - have))
    elif have > rank:
        keep = rank - 2
        yield (*inner[:keep], product(inner[keep:]) or 0)


def rank_fixes(
    graph: Graph,
    node: Node,
    slot: int,
    sources: list[Source | None],
    infos: Mapping[str, NodeInfo] | None,
    want_rank: int,
) -> list[Fix]:
    """Repairs for a wire of the wrong rank into ``node`` at ``slot``."""
    fixes: list[Fix] = []
    ref = node.inputs[slot] if slot < len(node.inputs) else None
    if ref is None or slot >= len(sources) or sources[slot] is None:
        return fixes
    shape, _dtype = sources[slot]
    src = graph.nodes.get(ref.node)
    if src is not None and len(shape) == 2 and want_rank == 3:
        fix = return_sequences_fix(graph, node, slot, sources, infos, src)
        if fix is not None:
            fixes.append(fix)
    if want_rank == 2:
        fixes.extend(flatten_fixes(graph, node, slot, sources))
        if fixes:
            return fixes
    for target in reshape_targets(shape, want_rank):
        label = tr(
            "Insert Reshape to {target} before '{name}'", target=fmt_shape(target), name=node.name
        )
        params = {"target_shape": target}
        fix = insert_fix(graph, node, slot, sources, "Reshape", params, label)
        if fix is not None:
            fixes.append(fix)
            break
    return fixes


def merge_fixes(graph: Graph, node: Node, sources: list[Source | None]) -> list[Fix]:
    """Make the inputs of a merge fit: Flatten the higher-rank ones, or project with Dense."""
    if len(sources) < 2 or any(s is None for s in sources) or node.spec is None:
        return []
    shapes = [s[0] for s in sources]
    ranks = {len(s) for s in shapes}
    fixes: list[Fix] = []
    if len(ranks) > 1 and min(ranks) == 2:
        slots = [i for i, s in enumerate(shapes) if len(s) > 2]
        label = tr("Insert Flatten before '{name}' on its higher-rank inputs", name=node.name)
        fix = inserts_fix(graph, node, sources, [(i, "Flatten", {}) for i in slots], label)
        if fix is not None:
            fixes.append(fix)
    elif len(ranks) == 1 and node.type != "Concatenate":
        units = shapes[0][-1]
        slots = [i for i, s in enumerate(shapes) if s[-1] != units]
        if units is not None and slots and all(s[:-1] == shapes[0][:-1] for s in shapes):
            label = tr(
                "Insert Dense({units}) before '{name}' on the inputs of another size",
                units=units,
                name=node.name,
            )
            inserts = [(i, "Dense", {"units": units}) for i in slots]
            fix = inserts_fix(graph, node, sources, inserts, label)
            if fix is not None:
                fixes.append(fix)
    return fixes


def flatten_fixes(graph: Graph, node: Node, slot: int, sources: list[Source | None]) -> list[Fix]:
    """Insert Flatten, or global average pooling for images and sequences."""
    fixes: list[Fix] = []
    if slot >= len(sources) or sources[slot] is None:
        return fixes
    rank = len(sources[slot][0])
    candidates = ["Flatten"]
    if rank == 4:
        candidates.append("GlobalAveragePooling2D")
    elif rank == 3:
        candidates.append("GlobalAveragePooling1D")
    for type_name in candidates:
        fix = insert_fix(
            graph,
            node,
            slot,
            sources,
            type_name,
            {},
            tr("Insert {type} before '{name}'", type=type_name, name=node.name),
        )
        if fix is not None:
            fixes.append(fix)
    return fixes


def _sequences_param(src: Node) -> tuple[str, Any] | None:
    """(param, new value) that turns on return_sequences on ``src`` or its wrapped layer."""
    spec = src.spec
    if spec is None:
        return None
    if spec.has_param(RECURRENT_PARAM):
        if spec.resolve(src.params).get(RECURRENT_PARAM) is True:
            return None
        return RECURRENT_PARAM, True
    wrapper = spec.wrapper_param
    inner = src.params.get(wrapper) if wrapper else None
    if not isinstance(inner, dict) or not isinstance(inner.get("params", {}), dict):
        return None
    inner_spec = get_spec(str(inner.get("type")))
    if inner_spec is None or not inner_spec.has_param(RECURRENT_PARAM):
        return None
    params = dict(inner.get("params", {}))
    if inner_spec.resolve(params).get(RECURRENT_PARAM) is True:
        return None
    params[RECURRENT_PARAM] = True
    return wrapper, {"type": inner["type"], "params": params}


def return_sequences_fix(
    graph: Graph,
    node: Node,
    slot: int,
    sources: list[Source | None],
    infos: Mapping[str, NodeInfo] | None,
    src: Node,
) -> Fix | None:
    """Set return_sequences=True on the recurrent layer that feeds ``node``."""
    change = _sequences_param(src)
    if change is None or infos is None:
        return None
    name, value = change
    params = dict(src.params)
    params[name] = value
    out = simulate(src.type, params, node_sources(graph, src, infos))
    if out.error is not None or out.output is None:
        return None
    if not trial_ok(node.type, node.params, _with(sources, slot, out.output, out.dtype)):
        return None
    label = tr("Set return_sequences=True on '{name}'", name=src.name)
    return Fix(label, SetParam(src.id, name, value, label))


# -- parameter changes ------------------------------------------------------------------
def param_fix(
    node: Node, sources: list[Source | None], name: str, value: Any, label: str
) -> Fix | None:
    """Set one parameter of ``node`` if the node then computes its shape."""
    params = dict(node.params)
    if value is UNSET:
        params.pop(name, None)
    else:
        params[name] = value
    if any(s is None for s in sources) or not trial_ok(node.type, params, sources):
        return None
    return Fix(label, SetParam(node.id, name, value, label))


def padding_fix(node: Node, sources: list[Source | None]) -> Fix | None:
    spec = node.spec
    if spec is None or not spec.has_param("padding") or "same" not in spec.param("padding").choices:
        return None
    if spec.resolve(node.params).get("padding") == "same":
        return None
    label = tr("Set padding='same' on '{name}'", name=node.name)
    return param_fix(node, sources, "padding", "same", label)


def axis_fixes(node: Node, sources: list[Source | None]) -> list[Fix]:
    """Concatenation axes on which the inputs of ``node`` would join."""
    if not sources or any(s is None for s in sources):
        return []
    rank = len(sources[0][0])
    current = node.effective_params().get("axis")
    fixes: list[Fix] = []
    for ax in range(1, rank):
        value = -1 if ax == rank - 1 else ax
        if value == current or ax - rank == current or ax == current:
            continue
        fix = param_fix(
            node,
            sources,
            "axis",
            value,
            tr("Set axis={axis} on '{name}'", axis=value, name=node.name),
        )
        if fix is not None:
            fixes.append(fix)
    return fixes


def reset_fix(node: Node, name: str) -> Fix | None:
    """Return a parameter to its Keras default when that default is itself valid."""
    spec = node.spec
    if spec is None or not spec.has_param(name) or name not in node.params:
        return None
    p = spec.param(name)
    if p.required or p.check(p.default) is not None:
        return None
    label = tr("Reset '{param}' to its default ({value!r})", param=name, value=p.default)
    return Fix(label, SetParam(node.id, name, UNSET, label))


def drop_param_fix(node: Node, name: str) -> Fix:
    label = tr("Remove the unknown parameter '{param}'", param=name)
    return Fix(label, SetParam(node.id, name, UNSET, label))


def integer_input_fix(graph: Graph, node: Node, slot: int) -> Fix | None:
    """Give the Input feeding ``node`` an integer dtype (token ids for Embedding)."""
    ref = node.inputs[slot] if slot < len(node.inputs) else None
    src = graph.nodes.get(ref.node) if ref is not None else None
    if src is None or src.type != "Input":
        return None
    label = tr("Set dtype='int32' on '{name}'", name=src.name)
    return Fix(label, SetParam(src.id, "dtype", "int32", label))


# -- structure --------------------------------------------------------------------------
def mark_output_fix(graph: Graph, node: Node) -> Fix:
    label = tr("Mark '{name}' as a model output", name=node.name)
    return Fix(label, InsertOutput(node.id, label=label))


def delete_fix(node: Node) -> Fix:
    label = tr("Delete '{name}'", name=node.name)
    return Fix(label, RemoveNode(node.id, label))


def mark_outputs_fix(graph: Graph, node_ids: list[str]) -> Fix | None:
    if not node_ids:
        return None
    names = ", ".join(f"'{_name_of(graph, n)}'" for n in node_ids)
    label = tr("Mark {names} as model output(s)", names=names)
    return Fix(label, Compound([InsertOutput(n) for n in node_ids], label))


def rename_fix(graph: Graph, node: Node, taken: set[str]) -> Fix:
    """Rename to a free valid name; ``taken`` collects names promised to other fixes."""
    stem = node.name.strip().replace("/", "_") if isinstance(node.name, str) else ""
    if name_problem(stem):
        stem = snake_case(node.keras_class) or "layer"
    name = graph.unique_name(stem, taken)
    taken.add(name)
    label = tr("Rename '{old}' to '{new}'", old=node.name, new=name)
    return Fix(label, Rename(node.id, name, label))


def disconnect_fix(graph: Graph, dst: str, slots: list[int], label: str) -> Fix:
    """Remove the given trailing slots of ``dst`` (highest first so indices stay valid)."""
    steps: list[Edit] = [PopInput(dst, s) for s in sorted(slots, reverse=True)]
    return Fix(label, Compound(steps, label))


def merge_inputs_fix(graph: Graph, node: Node) -> Fix | None:
    """Join the inputs of ``node`` with a new Concatenate that feeds its only slot."""
    refs = [r for r in node.inputs if r is not None]
    if len(refs) < 2 or get_spec("Concatenate") is None:
        return None
    concat = make_node(graph, "Concatenate", pos=_before(node.pos))
    label = tr("Join the inputs of '{name}' with a Concatenate layer", name=node.name)
    steps: list[Edit] = [AddNode(concat)]
    steps.extend(InsertInput(concat.id, i, r) for i, r in enumerate(refs))
    steps.extend(PopInput(node.id, s) for s in range(len(node.inputs) - 1, -1, -1))
    steps.append(InsertInput(node.id, 0, Ref(concat.id, 0)))
    return Fix(label, Compound(steps, label))


def cut_cycle_fix(graph: Graph, dst: str, slot: int, src: str) -> Fix:
    label = tr(
        "Disconnect '{src}' from '{dst}'", src=_name_of(graph, src), dst=_name_of(graph, dst)
    )
    return Fix(label, Disconnect(dst, slot, label))


__all__ = [
    "axis_fixes",
    "cut_cycle_fix",
    "delete_fix",
    "disconnect_fix",
    "drop_param_fix",
    "flatten_fixes",
    "insert_fix",
    "inserts_fix",
    "merge_fixes",
    "integer_input_fix",
    "mark_output_fix",
    "mark_outputs_fix",
    "merge_inputs_fix",
    "node_sources",
    "padding_fix",
    "param_fix",
    "rank_fixes",
    "rename_fix",
    "reset_fix",
    "reshape_targets",
    "return_sequences_fix",
    "simulate",
    "trial_ok",
]
