"""Turn a valid graph into a ``keras.Model`` with the functional API.

The builder does what a person writing Keras by hand would do: one
``keras.Input`` per Input node, one layer object per node called on its input
tensors, then ``keras.Model(inputs, outputs)``. Layer objects come from
:mod:`netbuilder.core.keras_layers` so that their configs equal hand-written
ones. The graph is checked once (not per node) so that building a 1,000-node
graph costs no more than the Keras calls themselves.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .analysis import Analyzer
from .graph import Graph, Node
from .keras_layers import BuildError, make_input, make_layer
from .messages import tr


def build_order(graph: Graph) -> list[str]:
    """Node ids in a topological order that follows the node order where free to.

    Only nodes an output depends on (plus every Input node) are included; the
    order is deterministic, so code export and the builder agree.
    """
    g = graph.nx()
    index = {nid: i for i, nid in enumerate(graph.nodes)}
    outputs = [o for o in graph.outputs if o in graph.nodes]
    needed = set(outputs).union(*(nx.ancestors(g, o) for o in outputs))
    needed.update(n.id for n in graph.input_nodes())
    # A subgraph view is slow to sort; the whole graph is the usual case.
    sub = g if len(needed) == g.number_of_nodes() else g.subgraph(needed).copy()
    try:
        return list(nx.lexicographical_topological_sort(sub, key=index.__getitem__))
    except nx.NetworkXUnfeasible:
        raise BuildError(tr("the graph has a cycle, so it cannot be built")) from None


def check_buildable(graph: Graph) -> None:
    """Raise :class:`BuildError` with one sentence when the graph cannot be built."""
    if not graph.input_nodes():
        raise BuildError(tr("the graph has no Input layer; add one to feed the model"))
    if not graph.output_nodes():
        raise BuildError(tr("the graph has no model output; mark the last layer as an output"))
    analyzer = Analyzer(graph)
    try:
        errors = analyzer.errors()
    finally:
        analyzer.close()
    if errors:
        raise BuildError(
            tr(
                "the graph has {n} problems; first: {first}",
                n=len(errors),
                first=errors[0].message,
            )
            if len(errors) > 1
            else tr("the graph has a problem: {first}", first=errors[0].message)
        )


def _short(exc: BaseException) -> str:
    """The first paragraph of a Keras error, on one line."""
    text = str(exc).strip().split("\n\n")[0]
    return " ".join(text.split()) or type(exc).__name__


def call_arguments(node: Node, values: list[Any | None]) -> tuple[bool, list[Any], dict[str, Any]]:
    """How a node's layer is called on ``values`` (one per port, None if empty).

    Returns ``(as_list, args, kwargs)``: with ``as_list`` the layer gets
    ``args`` as one list, otherwise ``*args, **kwargs``. The builder and the
    code export both call layers this way, so the two cannot disagree.
    """
    style = node.spec.call_style if node.spec is not None else "single"
    present = [v for v in values if v is not None]
    if style == "positional":
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        for slot, v in enumerate(values):
            if v is None:
                continue
            if len(args) == slot:
                args.append(v)
            else:
                # An optional slot before this one is empty: pass by name.
                kwargs[node.spec.port(slot).name] = v
        return False, args, kwargs
    return style == "list" or len(present) != 1, present, {}


def _call(node: Node, layer: Any, tensors: list[Any | None]) -> Any:
    as_list, args, kwargs = call_arguments(node, tensors)
    return layer(args) if as_list else layer(*args, **kwargs)


def build_model(graph: Graph, name: str = "model") -> Any:
    """Build the graph as a functional ``keras.Model``.

    Inputs are the Input nodes in node order and outputs ``graph.outputs`` in
    order; a single input or output is passed bare, not as a list.

    Raises:
        BuildError: The graph has errors, or Keras refused a layer; the message
            names the node.
    """
    import keras

    check_buildable(graph)
    order = build_order(graph)
    nodes = graph.nodes
    results: dict[str, Any] = {}
    for nid in order:
        node = nodes[nid]
        if node.type == "Input":
            try:
                results[nid] = make_input(node)
            except BuildError as exc:
                raise BuildError(f"Input '{node.name}': {exc}") from None
            except (TypeError, ValueError) as exc:
                raise BuildError(
                    tr(
                        "Input '{name}' was refused by Keras: {reason}",
                        name=node.name,
                        reason=_short(exc),
                    )
                ) from None
            continue
        layer = make_layer(node)
        tensors = []
        for ref in node.inputs:
            if ref is None:
                tensors.append(None)
                continue
            out = results[ref.node]
            if isinstance(out, (list, tuple)):
                out = out[ref.port]
            tensors.append(out)
        try:
            results[nid] = _call(node, layer, tensors)
        except Exception as exc:  # Keras raises many types when it refuses inputs
            raise BuildError(
                tr(
                    "{type} '{name}' was refused by Keras: {reason}",
                    type=node.keras_class,
                    name=node.name,
                    reason=_short(exc),
                )
            ) from None
    inputs = [results[n.id] for n in graph.input_nodes()]
    outputs = []
    for o in graph.output_nodes():
        out = results[o.id]
        outputs.append(out[0] if isinstance(out, (list, tuple)) else out)
    try:
        return keras.Model(
            inputs=inputs[0] if len(inputs) == 1 else inputs,
            outputs=outputs[0] if len(outputs) == 1 else outputs,
            name=name,
        )
    except Exception as exc:  # Keras raises ValueError/TypeError/KeyError here
        raise BuildError(
            tr("Keras refused to assemble the model: {reason}", reason=_short(exc))
        ) from None


__all__ = ["BuildError", "build_model", "build_order", "check_buildable"]
