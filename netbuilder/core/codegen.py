"""Export a project as readable Keras 3 code: ``build_model()`` plus a training ``main()``.

The code is what a Keras expert would write by hand: one line per layer with
the functional API, variables named after the layers, required arguments
positional (``Dense(16, ...)``, ``Conv2D(32, 8, ...)``), default arguments
omitted, tuples as tuples. Every user string (layer names, the title, data
paths) is written as an escaped literal, never pasted raw, and variable names
are sanitised identifiers, so no name can inject code. The same project always
gives byte-identical text. Keras is never imported here: the editor shows this
code live.
"""

from __future__ import annotations

from typing import Any

from .builder import build_order, call_arguments
from .catalog import get_spec
from .codegen_text import RESERVED, VariableNamer, ascii_identifier, call_text, py_literal, py_str
from .codegen_train import (
    render_header,
    render_training,
    script_reserved_names,
)
from .graph import Graph, Node, snake_case
from .keras_layers import BuildError, layer_kwargs
from .messages import tr
from .params import INT_TUPLE, LAYER
from .project import Project
from .training.compile import CompileError

# Arguments Keras code conventionally passes by position, in Keras' signature order.
POSITIONAL: dict[str, tuple[str, ...]] = {
    "Dense": ("units",),
    "Embedding": ("input_dim", "output_dim"),
    "Conv1D": ("filters", "kernel_size"),
    "Conv2D": ("filters", "kernel_size"),
    "Conv3D": ("filters", "kernel_size"),
    "Conv1DTranspose": ("filters", "kernel_size"),
    "Conv2DTranspose": ("filters", "kernel_size"),
    "Conv3DTranspose": ("filters", "kernel_size"),
    "SeparableConv1D": ("filters", "kernel_size"),
    "SeparableConv2D": ("filters", "kernel_size"),
    "DepthwiseConv1D": ("kernel_size",),
    "DepthwiseConv2D": ("kernel_size",),
    "SimpleRNN": ("units",),
    "LSTM": ("units",),
    "GRU": ("units",),
    "Bidirectional": ("layer",),
    "TimeDistributed": ("layer",),
    "Dropout": ("rate",),
    "SpatialDropout1D": ("rate",),
    "SpatialDropout2D": ("rate",),
    "SpatialDropout3D": ("rate",),
    "GaussianDropout": ("rate",),
    "GaussianNoise": ("stddev",),
    "Activation": ("activation",),
    "Reshape": ("target_shape",),
    "RepeatVector": ("n",),
    "Permute": ("dims",),
    # Keras examples name these: MultiHeadAttention(num_heads=2, key_dim=16).
    "MultiHeadAttention": (),
    "AveragePooling1D": (),
    "AveragePooling2D": (),
    "AveragePooling3D": (),
    "Input": (),
}
WIDTH = 88
INDENT = 4


def positional_names(type_name: str) -> tuple[str, ...]:
    """Arguments written by position for ``type_name``: the table, else leading required ones."""
    if type_name in POSITIONAL:
        return POSITIONAL[type_name]
    spec = get_spec(type_name)
    out: list[str] = []
    for p in spec.params if spec else ():
        if not p.required:
            break
        out.append(p.name)
    return tuple(out)


def layer_args(type_name: str, kwargs: dict[str, Any], indent: int) -> list[str]:
    """Constructor arguments as source: positional ones first, then ``key=value``."""
    spec = get_spec(type_name)
    args: list[str] = []
    rest = dict(kwargs)
    for name in positional_names(type_name):
        if name not in rest:
            break
        args.append(_value(spec, name, rest.pop(name), indent))
    args.extend(f"{k}={_value(spec, k, v, indent)}" for k, v in rest.items())
    return args


def _value(spec: Any, name: str, value: Any, indent: int) -> str:
    kind = spec.param(name).kind if spec is not None and spec.has_param(name) else None
    if kind == LAYER:
        inner = value["type"]
        return call_text(
            f"layers.{inner}", layer_args(inner, value["params"], indent + INDENT), indent
        )
    if kind == INT_TUPLE and isinstance(value, tuple) and value and len(set(value)) == 1:
        # Keras broadcasts an int: Conv2D(32, 8) means kernel_size=(8, 8).
        return repr(value[0])
    return py_literal(value, indent + INDENT, WIDTH)


def _generic_payload(node: Node) -> dict[str, Any]:
    """The same payload :func:`keras_layers.generic_layer` deserializes."""
    params = node.params
    config = dict(params.get("config") or {})
    config["name"] = node.name
    return {
        "module": params.get("module", "keras.layers"),
        "class_name": params.get("class_name"),
        "config": config,
        "registered_name": params.get("registered_name"),
    }


def _multi_output(graph: Graph, node: Node) -> bool:
    """Whether the node's call returns a list (several output ports)."""
    if node.is_generic:
        config = node.params.get("config") or {}
        if config.get("return_state") is True:
            return True
    return any(port > 0 for _dst, _slot, port in graph.successors(node.id))


class _ModelWriter:
    """Writes the body of ``build_model()`` for one graph."""

    def __init__(self, graph: Graph, reserved: set[str]) -> None:
        self.graph = graph
        self.namer = VariableNamer(reserved)
        self.var: dict[str, str] = {}
        self.multi: dict[str, bool] = {}

    def tensor(self, ref_node: str, port: int) -> str:
        var = self.var[ref_node]
        return f"{var}[{port}]" if self.multi[ref_node] else var

    def node_line(self, node: Node) -> str:
        var = self.namer.name(node.name, snake_case(node.keras_class))
        self.var[node.id] = var
        self.multi[node.id] = _multi_output(self.graph, node)
        lead = f"{' ' * INDENT}{var} = "
        indent = INDENT
        name_arg = f"name={py_str(node.name)}"
        if node.is_generic:
            payload = py_literal(_generic_payload(node), indent + INDENT, WIDTH)
            head = "keras.saving.deserialize_keras_object"
            tail = self.call_tail(node)
            return lead + call_text(head, [payload], indent, tail, WIDTH, len(lead))
        try:
            kwargs = layer_kwargs(node.type, node.params)
        except BuildError as exc:
            raise BuildError(f"{node.type} '{node.name}': {exc}") from None
        args = [*layer_args(node.type, kwargs, indent), name_arg]
        if node.type == "Input":
            return lead + call_text("keras.Input", args, indent, width=WIDTH, start=len(lead))
        head, tail = f"layers.{node.type}", self.call_tail(node)
        return lead + call_text(head, args, indent, tail, WIDTH, len(lead))

    def call_tail(self, node: Node) -> str:
        tensors = [None if r is None else self.tensor(r.node, r.port) for r in node.inputs]
        as_list, args, kwargs = call_arguments(node, tensors)
        if as_list:
            return f"([{', '.join(args)}])"
        return f"({', '.join([*args, *(f'{k}={v}' for k, v in kwargs.items())])})"

    def return_line(self, model_name: str) -> str:
        ins = [self.var[n.id] for n in self.graph.input_nodes()]
        outs = [f"{self.var[n.id]}[0]" if self.multi[n.id] else self.var[n.id]
                for n in self.graph.output_nodes()]  # fmt: skip
        args = [
            f"inputs={ins[0] if len(ins) == 1 else '[' + ', '.join(ins) + ']'}",
            f"outputs={outs[0] if len(outs) == 1 else '[' + ', '.join(outs) + ']'}",
            f"name={py_str(model_name)}",
        ]
        lead = " " * INDENT + "return "
        return lead + call_text("keras.Model", args, INDENT, width=WIDTH, start=len(lead))


def model_name(project: Project) -> str:
    """The Keras model name for a project: its English title as snake_case, else "model"."""
    stem = ascii_identifier(project.title.get("en", "") or project.display_title()).lower()
    return stem[:48].strip("_") or "model"


def render_build_model(graph: Graph, name: str, reserved: set[str] | None = None) -> str:
    """Source of ``def build_model()`` for ``graph``."""
    writer = _ModelWriter(graph, set(RESERVED) | (reserved or set()))
    lines = [
        "def build_model() -> keras.Model:",
        f'{" " * INDENT}"""Build the model with the Keras functional API."""',
    ]
    lines.extend(writer.node_line(graph.nodes[nid]) for nid in build_order(graph))
    lines.append(writer.return_line(name))
    return "\n".join(lines) + "\n"


def export_code(project: Project) -> str:
    """Readable Python that rebuilds (``build_model()``) and trains (``main()``) the model.

    Raises:
        BuildError: The graph has a cycle or a layer lacks a required argument.
    """
    graph = project.graph
    if not graph.input_nodes() or not graph.output_nodes():
        raise BuildError(
            tr("the graph needs at least one Input and one model output to be exported")
        )
    try:
        parts = [
            render_header(project),
            render_build_model(graph, model_name(project), script_reserved_names()),
            render_training(project),
        ]
    except CompileError as exc:
        raise BuildError(
            tr("the training settings cannot be exported: {reason}", reason=exc)
        ) from None
    return "\n\n\n".join(p.rstrip("\n") for p in parts) + "\n"


__all__ = ["POSITIONAL", "export_code", "layer_args", "model_name", "render_build_model"]
