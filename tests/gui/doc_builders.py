"""Small graphs built through a Document's undo stack, shared by the GUI tests."""

from __future__ import annotations

from netbuilder.core.catalog import CATALOG
from netbuilder.core.edits import AddNode, Compound, Connect, make_node
from netbuilder.gui.canvas.rules import initial_params
from netbuilder.gui.document import Document


def add_layer(
    doc: Document, type_name: str, params: dict, src: str | None = None, name=None
) -> str:
    """Add one layer (and its wire from ``src``) as separate undo steps; returns its id."""
    node = make_node(doc.graph, type_name, params, name=name)
    doc.push(AddNode(node))
    if src is not None:
        doc.push(Connect(src, node.id))
    return node.id


def chain(doc: Document, types=("Input", "Dense", "Dense"), gap: float = 300.0) -> list[str]:
    """Wired layers of ``types`` in a row ``gap`` apart, in one undo step; returns their ids."""
    g = doc.graph
    steps, ids = [], []
    for i, type_name in enumerate(types):
        params = initial_params(CATALOG[type_name])
        node = make_node(g, type_name, params, pos=(i * gap, 0.0))
        steps.append(AddNode(node))
        if ids:
            steps.append(Connect(ids[-1], node.id))
        ids.append(node.id)
    doc.push(Compound(steps, "chain"))
    return ids


def dense_chain(doc: Document, n: int = 3) -> list[str]:
    """An Input followed by ``n - 1`` Dense layers (see :func:`chain`)."""
    return chain(doc, ("Input",) + ("Dense",) * (n - 1))
