"""Copy, cut, paste and duplicate as JSON text, so it works between windows and apps.

The clipboard text is a small JSON document (format ``netbuilder-clipboard``)
holding the selected nodes in the project-file encoding. Wires from outside
the selection are dropped; pasted nodes get fresh ids and free names and are
checked by the project loader, so a hostile clipboard cannot corrupt a graph.
"""

from __future__ import annotations

import json
import re
from typing import Any

from PySide6.QtGui import QGuiApplication

from ..core.edits import Compound, add_nodes
from ..core.graph import Graph, Node, Ref, new_id
from ..core.project import ProjectError, graph_from_dict, node_to_dict

FORMAT = "netbuilder-clipboard"
VERSION = 1


def copy_text(graph: Graph, node_ids: list[str]) -> str:
    """JSON text for the nodes ``node_ids`` (in graph order) and the wires among them."""
    wanted = set(node_ids)
    chosen = [nid for nid in graph.nodes if nid in wanted]
    inside = set(chosen)
    nodes = []
    for nid in chosen:
        data = node_to_dict(graph.nodes[nid])
        data["inputs"] = [r if r is not None and r[0] in inside else None for r in data["inputs"]]
        nodes.append(data)
    outputs = [o for o in graph.outputs if o in inside]
    return json.dumps(
        {"format": FORMAT, "version": VERSION, "nodes": nodes, "outputs": outputs},
        ensure_ascii=False,
        sort_keys=True,
    )


def _stem(name: str) -> str:
    return re.sub(r"_\d+$", "", name) or name


def paste_edit(
    graph: Graph, text: str, offset: tuple[float, float] = (40.0, 40.0)
) -> tuple[Compound, list[str]] | None:
    """The edit that pastes clipboard ``text`` into ``graph`` and the new ids; None if not ours."""
    try:
        data: Any = json.loads(text)
    except (ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    try:
        pasted = graph_from_dict(
            {"nodes": data.get("nodes", []), "outputs": data.get("outputs", [])}
        )
    except ProjectError:
        return None
    ids = {old: new_id() for old in pasted.nodes}
    existing = {n.name for n in graph}
    taken: set[str] = set()
    nodes: list[Node] = []
    for old, node in pasted.nodes.items():
        name = node.name
        if name in existing or name in taken:
            name = graph.unique_name(_stem(name), taken)
        taken.add(name)
        nodes.append(
            Node(
                id=ids[old],
                type=node.type,
                name=name,
                params=node.params,
                inputs=[None if r is None else Ref(ids[r.node], r.port) for r in node.inputs],
                pos=(node.pos[0] + offset[0], node.pos[1] + offset[1]),
            )
        )
    # Fixed-slot layers keep empty slots; trailing empty ones carry no meaning.
    for node in nodes:
        while node.inputs and node.inputs[-1] is None:
            node.inputs.pop()
    outputs = [ids[o] for o in pasted.outputs]
    return add_nodes(nodes, outputs, label="Paste"), [n.id for n in nodes]


def put_on_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def clipboard_text() -> str:
    return QGuiApplication.clipboard().text()
