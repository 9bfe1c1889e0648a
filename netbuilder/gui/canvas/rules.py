"""Canvas rules without drawing: starting parameters, card texts, wiring checks.

Kept apart from the items so the rules are easy to test and reuse (the
palette, quick-add and the scene all ask the same questions).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
from PySide6.QtCore import QCoreApplication

from ...core.catalog import CATALOG, GENERIC_TYPE, get_spec
from ...core.catalog.spec import LayerSpec, PortSpec
from ...core.graph import Graph, Node
from ...core.inference import NodeInfo
from ...core.messages import tr as core_tr
from ...core.params import (
    AXIS,
    BOOL,
    CHOICE,
    FLOAT,
    INT,
    INT_LIST,
    INT_TUPLE,
    LAYER,
    SHAPE,
    STR,
)
from ...core.shapes import fmt_shape

# Starting values for arguments Keras requires (a card must be valid when dropped).
_REQUIRED_START: dict[str, Any] = {
    "units": 32,
    "filters": 32,
    "kernel_size": 3,
    "pool_size": 2,
    "input_dim": 1000,
    "output_dim": 16,
    "n": 2,
    "num_heads": 2,
    "key_dim": 16,
    "rate": 0.5,
    "dims": (2, 1),
    "target_shape": (-1,),
    "activation": "relu",
    "size": 2,
}
_LAYER_START = {"type": "LSTM", "params": {"units": 32}}


def tr(text: str) -> str:
    """Translate a canvas text (Qt's translator, global context).

    lupdate files bare ``tr("...")`` calls under the empty context, so the
    lookup must use that context too.
    """
    return QCoreApplication.translate("", text)


def initial_params(spec: LayerSpec) -> dict[str, Any]:
    """Values for the required arguments of a freshly added layer."""
    out: dict[str, Any] = {}
    for p in spec.params:
        if not p.required:
            continue
        value: Any = _REQUIRED_START.get(p.name)
        if p.kind == SHAPE:
            value = (32,) if spec.is_input else (-1,)
        elif p.kind == LAYER:
            allowed = p.allowed_layers or ("LSTM",)
            inner = get_spec(allowed[0])
            value = {"type": allowed[0], "params": initial_params(inner) if inner else {}}
        elif p.kind == INT_TUPLE:
            value = (int(value or 3),) * max(p.length, 1)
        elif p.kind == CHOICE:
            value = value if value in p.choices else p.choices[0]
        elif p.kind in (INT, AXIS):
            value = int(value) if isinstance(value, int) else int(p.minimum or 1)
        elif p.kind == FLOAT:
            value = float(value) if isinstance(value, (int, float)) else float(p.minimum or 0.0)
        elif p.kind == INT_LIST:
            value = tuple(value) if isinstance(value, tuple) else (1,)
        elif p.kind == BOOL:
            value = False
        elif p.kind == STR:
            value = value if isinstance(value, str) else ""
        if p.check(value) is None:
            out[p.name] = p.coerce(value)
    return out


def _fmt_value(value: Any) -> str:
    if isinstance(value, tuple | list):
        if value and all(isinstance(v, int) for v in value) and len(set(value)) == 1:
            return "×".join(str(v) for v in value)
        return "(" + ", ".join("None" if v is None else str(v) for v in value) + ")"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def key_text(node: Node) -> str:
    """``Dense 64 relu``: the type followed by the key parameters."""
    if node.type == GENERIC_TYPE or node.spec is None:
        return str(node.params.get("class_name", node.type))
    spec = node.spec
    parts = [node.type]
    params = spec.resolve(node.params)
    for p in spec.key_params:
        value = params.get(p.name)
        if value is None or value is False:
            continue
        if p.kind == LAYER and isinstance(value, dict):
            inner = Node("", str(value.get("type", "")), "", dict(value.get("params", {})))
            parts.append(key_text(inner))
        elif p.kind == BOOL:
            parts.append(p.name)
        elif p.kind == AXIS:
            parts.append(f"{p.name}={value}")
        elif p.kind == SHAPE:
            parts.append(fmt_shape(tuple(value)) if isinstance(value, tuple | list) else str(value))
        else:
            parts.append(_fmt_value(value))
    return " ".join(parts)


def category_of(node: Node) -> str:
    spec = node.spec
    return spec.category if spec is not None else "Other"


def slot_labels(node: Node) -> list[str]:
    """Labels of the input slots drawn on a card ("" for a plain single input)."""
    spec = node.spec
    if spec is None:  # generic layers take any number of inputs
        return [str(i + 1) for i in range(len(node.inputs))] + ["+"]
    if spec.is_input:
        return []
    if spec.variadic:
        return [str(i + 1) for i in range(len(node.inputs))] + ["+"]
    if len(spec.ports) == 1:
        return [""]
    if all(p.name == spec.ports[0].name for p in spec.ports):
        return [str(i + 1) for i in range(len(spec.ports))]
    return [p.name for p in spec.ports]


def port_of(node: Node, slot: int) -> PortSpec | None:
    spec = node.spec
    return spec.port(slot) if spec is not None and not spec.is_input else None


def accepts_tensor(spec: LayerSpec, shape: tuple | None, dtype: str) -> bool:
    """Whether ``spec``'s first input slot takes a tensor of ``shape`` and ``dtype``."""
    if spec.is_input or not spec.ports:
        return False
    port = spec.port(0)
    if shape is not None and not port.accepts_rank(len(shape)):
        return False
    return not (port.integer and dtype == "float")


def accepting_types(shape: tuple | None, dtype: str) -> list[str]:
    """Catalog types that can take the given tensor as their first input."""
    return [t for t, s in CATALOG.items() if accepts_tensor(s, shape, dtype)]


def connection_problem(
    graph: Graph,
    infos: Mapping[str, NodeInfo],
    src: str,
    port: int,
    dst: str,
    slot: int,
) -> str | None:
    """Why the wire ``src:port -> dst[slot]`` is refused, or None when it is fine."""
    if src == dst:
        return tr("A layer cannot feed itself.")
    target = graph.nodes[dst]
    spec = target.spec
    if spec is not None and spec.is_input:
        return tr("An Input layer takes no inputs.")
    ng = graph.nx()
    if src in ng and dst in ng and nx.has_path(ng, dst, src):
        return tr("This wire would close a cycle: '{dst}' already feeds '{src}'.").format(
            dst=target.name, src=graph.nodes[src].name
        )
    pspec = port_of(target, slot)
    info = infos.get(src)
    shape = info.outputs[port] if info is not None and port < len(info.outputs) else None
    if pspec is None:
        return None
    if shape is not None and not pspec.accepts_rank(len(shape)):
        layout = f" {core_tr(pspec.layout)}" if pspec.layout else ""
        want = (
            " or ".join(f"{r}-D" for r in pspec.ranks)
            if pspec.ranks
            else tr("at least {rank}-D").format(rank=pspec.min_rank)
        )
        return tr(
            "{type} '{name}' needs a {want} input{layout}, but '{src}' gives {shape}."
        ).format(
            type=target.type,
            name=target.name,
            want=want,
            layout=layout,
            src=graph.nodes[src].name,
            shape=fmt_shape(shape),
        )
    if pspec.integer and info is not None and info.dtype == "float":
        return tr("{type} '{name}' needs integer token ids, but '{src}' gives floats.").format(
            type=target.type, name=target.name, src=graph.nodes[src].name
        )
    return None


def free_slot(node: Node) -> int:
    """The slot a wire dropped on the card body goes to: the first empty one, else appended."""
    for i, ref in enumerate(node.inputs):
        if ref is None:
            return i
    spec = node.spec
    if spec is not None and not spec.variadic and len(node.inputs) >= len(spec.ports):
        return max(len(spec.ports) - 1, 0)
    return len(node.inputs)
