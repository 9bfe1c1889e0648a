"""Per-node validation: parameter values and shape errors as Keras-style problems.

Helpers of :func:`netbuilder.core.validation.node_problems`. Each builder turns
the :class:`~netbuilder.core.shapes.ShapeError` that inference found into a
sentence naming the node, the layer feeding it and the shapes, and attaches the
fixes from :mod:`netbuilder.core.fixes` that really resolve it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from . import fixes as F
from . import params as P
from .catalog import get_spec
from .edits import UNSET, Compound, SetParam
from .graph import Graph, Node
from .inference import NodeInfo, rank_text
from .messages import show, tr
from .params import ParamSpec
from .problems import ERROR, WARNING, Fix, Problem
from .shapes import Shape, ShapeError, fmt_shape


def who(node: Node) -> str:
    """``Dense 'dense_1'``: the class and the name, as messages start."""
    return f"{node.keras_class} '{show(node.name)}'"


def short_repr(value: Any, limit: int = 60) -> str:
    """``repr`` on one line, cut to ``limit`` characters (values may come from any file)."""
    text = show(repr(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bounds(p: ParamSpec) -> str:
    lo, hi = p.minimum, p.maximum
    if lo is not None and hi is not None:
        return f" in [{lo:g}, {hi:g}{')' if p.exclusive_max else ']'}"
    if lo is not None:
        return f" ≥ {lo:g}"
    if hi is not None:
        return f" {'<' if p.exclusive_max else '≤'} {hi:g}"
    return ""


def expected_text(p: ParamSpec) -> str:
    """What a parameter accepts, in words, from its spec (for messages)."""
    kind = p.kind
    if kind == P.INT:
        text = tr("an integer") + _bounds(p)
    elif kind == P.FLOAT:
        text = tr("a number") + _bounds(p)
    elif kind == P.BOOL:
        text = tr("True or False")
    elif kind == P.CHOICE:
        text = tr("one of {choices}", choices=", ".join(repr(c) for c in p.choices))
    elif kind == P.INT_TUPLE:
        if p.length:
            text = tr("an integer or a tuple of {n} integers", n=p.length) + _bounds(p)
        else:
            text = tr("an integer or a tuple of integers") + _bounds(p)
    elif kind == P.SHAPE:
        text = tr("a tuple of positive integers or None, e.g. (28, 28, 1)")
    elif kind == P.INT_LIST:
        text = tr("a tuple of integers") + _bounds(p)
    elif kind == P.AXIS:
        text = tr("an integer axis")
    elif kind == P.LAYER and p.allowed_layers:
        text = tr("a layer: {allowed}", allowed=", ".join(p.allowed_layers))
    elif kind == P.LAYER:
        text = tr("a layer")
    else:
        text = tr("text")
    if p.nullable and kind != P.CHOICE:
        text = tr("{what}, or None", what=text)
    return text


def params_problems(node: Node) -> list[Problem]:
    """Invalid, missing and unknown parameter values of one node."""
    spec = node.spec
    if spec is None:
        return []
    problems: list[Problem] = []
    for name, _reason in spec.check_params(node.params):
        value = node.params.get(name)
        if name not in node.params:
            message = tr(
                "{who} needs a value for '{param}', which has no default. Set it in the inspector.",
                who=who(node),
                param=name,
            )
        else:
            message = tr(
                "{who} has an invalid value for '{param}': {value}. Expected {expected}.",
                who=who(node),
                param=name,
                value=short_repr(value),
                expected=expected_text(spec.param(name)),
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
                who=who(node),
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
    values = inner.get("params", {})
    for name, _reason in inner_spec.check_params(values):
        if name not in values:
            message = tr(
                "{who} wraps a {inner} without a value for '{param}', which has no default.",
                who=who(node),
                inner=inner_spec.type,
                param=name,
            )
        else:
            message = tr(
                "{who} wraps a {inner} with an invalid value for '{param}': {value}. "
                "Expected {expected}.",
                who=who(node),
                inner=inner_spec.type,
                param=name,
                value=short_repr(values[name]),
                expected=expected_text(inner_spec.param(name)),
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


def shape_problems(
    graph: Graph,
    node: Node,
    info: NodeInfo,
    infos: Mapping[str, NodeInfo] | None,
    reported: set[Any],
) -> list[Problem]:
    """The shape error of one node (or the Dense-on-images warning) as a problem."""
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
        "who": who(node),
        "want": want_text,
        "layout": f" {tr(port.layout)}" if port.layout else "",
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
    inserted = [f.edit.edits[0].node for f in fixes if isinstance(f.edit, Compound)]
    for new in inserted:
        if new.type != "Reshape":
            hints.append(tr("insert {type}", type=new.type))
        elif not sequences:
            target = fmt_shape(tuple(new.params["target_shape"]))
            hints.append(tr("insert a Reshape to {target}", target=target))
    if not hints:
        hints.append(
            tr("change the layers before it so that it receives a {want} tensor", want=want_text)
        )
    return text + _join_hints(hints), fixes


def _dtype(graph, node, info, infos, sources, error: ShapeError) -> _Built:
    slot = error.data.get("slot", 0)
    slot = slot if isinstance(slot, int) and 0 <= slot < len(info.inputs) else 0
    values = {
        "who": who(node),
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
        "who": who(node),
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
    values = {"who": who(node), "inputs": _arriving(graph, node, info), "axis": axis}
    if len({len(s) for s in shapes}) > 1:
        text = tr(
            "{who} needs inputs of the same rank, but gets {inputs}. Reshape or flatten them "
            "so that their ranks match.",
            **values,
        )
        return text, F.merge_fixes(graph, node, sources)
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
        who=who(node),
        inputs=_arriving(graph, node, info),
    )
    return text, F.merge_fixes(graph, node, sources)


def _other(graph, node, info, infos, sources, error: ShapeError) -> _Built:
    text = tr("{who} {detail}", who=who(node), detail=show(error.message).rstrip("."))
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
        who=who(node),
        rank=rank_text(len(shape)),
        shape=fmt_shape(shape),
        src=_src(graph, node, 0),
        output=fmt_shape(info.output),
    )
    return [Problem(WARNING, "dense_nd", node.id, message, (node.id, 0), tuple(fixes))]
