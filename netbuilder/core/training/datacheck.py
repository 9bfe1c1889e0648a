"""Data-aware set-up checks: does the data fit the graph and the training settings?

:func:`check_data` compares each Input with its arrays (shape per sample,
integer token ids for Embedding, vocabulary size) and each output with its
targets and loss (units vs classes, sparse vs one-hot labels, continuous
targets under a crossentropy). Each mismatch is one Keras-style sentence plus,
where the repair is clear, a graph edit and/or a settings change.
:func:`setup_from_data` applies every fix at once ("Set up from data").

Qt-free; NumPy arrays in, no Keras needed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..analysis import Analyzer
from ..edits import UNSET, Compound, Edit, SetParam
from ..graph import Graph, Node
from ..inference import NodeInfo
from ..messages import tr
from ..shapes import fmt_shape
from .compile import _units_of, loss_name, resolve_losses
from .settings import TrainingSettings

REGRESSION_LOSSES = frozenset({"mean_squared_error", "mean_absolute_error", "huber", "mse", "mae"})


@dataclass(frozen=True)
class DataProblem:
    """One way the data does not fit; ``fix_edit``/``fix_settings`` repair it where clear.

    ``fix_settings`` holds TrainingSettings fields to change (``{"loss": ...}``).
    ``code`` names the problem class; ``node_id`` is the node to select.
    """

    message: str
    fix_edit: Edit | None = None
    fix_settings: dict[str, Any] | None = None
    code: str = ""
    node_id: str | None = None

    @property
    def fixable(self) -> bool:
        return self.fix_edit is not None or self.fix_settings is not None


def _sample_shape(array: np.ndarray) -> tuple[int, ...]:
    return tuple(int(d) for d in array.shape[1:])


def _is_int(array: np.ndarray) -> bool:
    return array.dtype.kind in "iub"


def _whole(array: np.ndarray) -> bool:
    return bool(array.size) and bool(np.all(array == np.round(array)))


def _per_sample(shape: tuple[Any, ...]) -> str:
    """A per-sample shape as Keras prints it: ``(64, 64, 1)``, ``(1000,)``."""
    return fmt_shape(tuple(shape))


def check_data(
    graph: Graph, settings: TrainingSettings, x: dict[str, Any], y: dict[str, Any]
) -> list[DataProblem]:
    """Every mismatch between the data and the graph/settings, inputs first, then outputs."""
    analyzer = Analyzer(graph)
    try:
        infos = analyzer.infos()
        problems: list[DataProblem] = []
        problems += _check_counts(x, y)
        for node in graph.input_nodes():
            problems += _check_input(graph, node, x.get(node.name))
        losses = resolve_losses(graph, settings, infos)
        for node in graph.output_nodes():
            loss = loss_name(losses.get(node.name, "mean_squared_error"))
            problems += _check_output(
                graph, settings, node, infos.get(node.id), y.get(node.name), loss
            )
        return problems
    finally:
        analyzer.close()


def _check_counts(x: dict[str, Any], y: dict[str, Any]) -> list[DataProblem]:
    sizes = {name: len(a) for name, a in [*x.items(), *y.items()]}
    if len(set(sizes.values())) <= 1:
        return []
    listing = ", ".join(f"'{k}' {v}" for k, v in sizes.items())
    return [
        DataProblem(
            tr(
                "The arrays hold different numbers of samples ({listing}); every input and "
                "target needs one row per sample.",
                listing=listing,
            ),
            code="samples",
        )
    ]


def _integer_consumers(graph: Graph, node: Node) -> list[Node]:
    """Layers fed directly by ``node`` whose input must be integer token ids (Embedding)."""
    out = []
    for dst, slot, _port in graph.successors(node.id):
        consumer = graph.nodes[dst]
        spec = consumer.spec
        if spec is not None and spec.ports and spec.port(slot).integer:
            out.append(consumer)
    return out


def _check_input(graph: Graph, node: Node, array: Any) -> list[DataProblem]:
    if array is None:
        return [
            DataProblem(
                tr(
                    "The data has no array for Input '{name}'. Name the arrays after the "
                    "Input nodes, or give one array per Input in order.",
                    name=node.name,
                ),
                code="missing_input",
                node_id=node.id,
            )
        ]
    array = np.asarray(array)
    problems = []
    data_shape = _sample_shape(array)
    shape = tuple(node.params.get("shape") or ())
    fits = len(shape) == len(data_shape) and all(
        s is None or s == d for s, d in zip(shape, data_shape, strict=False)
    )
    if not fits:
        problems.append(
            DataProblem(
                tr(
                    "Input '{name}' expects {expected} per sample, but the data has "
                    "{received}. Set Input '{name}' to {received}.",
                    name=node.name,
                    expected=_per_sample(shape),
                    received=_per_sample(data_shape),
                ),
                SetParam(node.id, "shape", data_shape, f"Set {node.name} shape"),
                code="input_shape",
                node_id=node.id,
            )
        )
    embeddings = _integer_consumers(graph, node)
    dtype = str(node.params.get("dtype") or "float32")
    if embeddings and (_is_int(array) or _whole(array)) and not dtype.startswith(("int", "uint")):
        problems.append(
            DataProblem(
                tr(
                    "Input '{name}' is {dtype}, but it feeds {layer} '{consumer}', which needs "
                    "integer token ids, and the data holds whole numbers. Set the dtype of "
                    "Input '{name}' to int32.",
                    name=node.name,
                    dtype=dtype,
                    layer=embeddings[0].type,
                    consumer=embeddings[0].name,
                ),
                SetParam(node.id, "dtype", "int32", f"Set {node.name} dtype"),
                code="input_dtype",
                node_id=node.id,
            )
        )
    elif embeddings and not _whole(array):
        problems.append(
            DataProblem(
                tr(
                    "{layer} '{consumer}' needs integer token ids, but the data for Input "
                    "'{name}' holds fractions (e.g. {value}). Give it token ids, or remove "
                    "the {layer} layer.",
                    layer=embeddings[0].type,
                    consumer=embeddings[0].name,
                    name=node.name,
                    value=f"{float(array.flat[np.argmax(array != np.round(array))]):g}",
                ),
                code="input_fractions",
                node_id=node.id,
            )
        )
    if array.size and (_is_int(array) or _whole(array)):
        problems += _check_vocabulary(embeddings, node, int(array.max()))
    return problems


def _check_vocabulary(embeddings: list[Node], node: Node, top: int) -> list[DataProblem]:
    problems = []
    for emb in embeddings:
        input_dim = emb.effective_params().get("input_dim")
        if isinstance(input_dim, int) and top >= input_dim:
            problems.append(
                DataProblem(
                    tr(
                        "{layer} '{consumer}' has input_dim={input_dim}, but the data for "
                        "Input '{name}' holds token ids up to {top}. Set input_dim of "
                        "'{consumer}' to {needed}.",
                        layer=emb.type,
                        consumer=emb.name,
                        input_dim=input_dim,
                        name=node.name,
                        top=top,
                        needed=top + 1,
                    ),
                    SetParam(emb.id, "input_dim", top + 1, f"Set {emb.name} input_dim"),
                    code="vocabulary",
                    node_id=emb.id,
                )
            )
    return problems


def _units(node: Node, info: NodeInfo | None) -> int | None:
    if node.type == "Dense":
        units = node.effective_params().get("units")
        return units if isinstance(units, int) else None
    return _units_of(info)


def _loss_fix(graph: Graph, settings: TrainingSettings, name: str, loss: str) -> dict[str, Any]:
    """Settings change that gives output ``name`` the loss ``loss`` and keeps the others."""
    outputs = [n.name for n in graph.output_nodes()]
    if len(outputs) <= 1:
        return {"loss": loss}
    current = {o: settings.loss_for(o) for o in outputs}
    current[name] = loss
    return {"loss": current}


def _check_output(
    graph: Graph,
    settings: TrainingSettings,
    node: Node,
    info: NodeInfo | None,
    array: Any,
    loss: str,
) -> list[DataProblem]:
    if array is None:
        return [
            DataProblem(
                tr(
                    "The data has no targets for output '{name}'. Name the target arrays "
                    "after the output nodes, or give one per output in order.",
                    name=node.name,
                ),
                code="missing_target",
                node_id=node.id,
            )
        ]
    array = np.asarray(array)
    units = _units(node, info)
    shape = _sample_shape(array)
    is_dense = node.type == "Dense"
    activation = node.effective_params().get("activation") if is_dense else None
    # Class ids: integers, or whole floats below 100 (a 0/1 column read as floats).
    small_whole = bool(array.size) and _whole(array) and array.max() < 100
    labels = (_is_int(array) or small_whole) and shape in ((), (1,)) and bool(array.size)
    if labels and array.min() >= 0 and loss not in REGRESSION_LOSSES:
        return _check_labels(graph, settings, node, units, int(array.max()) + 1, loss, activation)
    if units is None:
        return []
    problems = []
    width = shape[-1] if shape else 1
    one_hot = width > 1 and _is_one_hot(array)
    if width != units:
        what = tr("classes (one-hot)") if one_hot else tr("values per sample")
        problems.append(
            DataProblem(
                tr(
                    "'{name}' has {units} unit(s) but the targets have {width} {what}. "
                    "Set '{name}' units to {width}.",
                    name=node.name,
                    units=units,
                    width=width,
                    what=what,
                ),
                SetParam(node.id, "units", width, f"Set {node.name} units") if is_dense else None,
                code="units",
                node_id=node.id,
            )
        )
    if one_hot and loss == "sparse_categorical_crossentropy":
        problems.append(
            DataProblem(
                tr(
                    "The targets of '{name}' are one-hot rows, but the loss is {loss}. "
                    "Use categorical_crossentropy for one-hot labels.",
                    name=node.name,
                    loss=loss,
                ),
                fix_settings=_loss_fix(graph, settings, node.name, "categorical_crossentropy"),
                code="loss",
                node_id=node.id,
            )
        )
    elif "crossentropy" in loss and not one_hot and array.size:
        low, high = float(array.min()), float(array.max())
        if low < 0 or high > 1:
            problems.append(
                DataProblem(
                    tr(
                        "The targets of '{name}' are continuous values from {low:g} to "
                        "{high:g}, but the loss is {loss}, which expects classes. Use "
                        "mean_squared_error and a linear output for regression.",
                        name=node.name,
                        low=low,
                        high=high,
                        loss=loss,
                    ),
                    SetParam(node.id, "activation", UNSET, f"Set {node.name} activation")
                    if is_dense and activation not in (None, "linear")
                    else None,
                    _loss_fix(graph, settings, node.name, "mean_squared_error"),
                    code="loss",
                    node_id=node.id,
                )
            )
    return problems


def _is_one_hot(array: np.ndarray) -> bool:
    flat = array.reshape(len(array), -1)
    return bool(np.isin(flat, (0, 1)).all() and np.all(flat.sum(axis=1) == 1))


def _check_labels(
    graph: Graph,
    settings: TrainingSettings,
    node: Node,
    units: int | None,
    classes: int,
    loss: str,
    activation: Any,
) -> list[DataProblem]:
    """Integer class ids (one per sample) against the output's units, activation and loss."""
    problems: list[DataProblem] = []
    if units is None:
        return problems
    is_dense = node.type == "Dense"
    binary = classes <= 2 and units == 1
    if not binary and units != classes:
        edits: list[Edit] = [SetParam(node.id, "units", classes, f"Set {node.name} units")]
        if activation == "sigmoid":
            edits.append(SetParam(node.id, "activation", "softmax", f"Set {node.name} activation"))
        problems.append(
            DataProblem(
                tr(
                    "'{name}' has {units} unit(s) but the targets have {classes} classes. "
                    "Set '{name}' units to {classes} for {classes} classes.",
                    name=node.name,
                    units=units,
                    classes=classes,
                ),
                Compound(edits, f"Set {node.name} units") if is_dense else None,
                code="units",
                node_id=node.id,
            )
        )
    if binary and activation == "softmax":
        problems.append(
            DataProblem(
                tr(
                    "'{name}' has one unit with softmax, which always outputs 1. Use "
                    "sigmoid for a yes/no target.",
                    name=node.name,
                ),
                SetParam(node.id, "activation", "sigmoid", f"Set {node.name} activation"),
                code="activation",
                node_id=node.id,
            )
        )
    if settings.loss_for(node.name) == "auto":
        # The loss follows the activation: repair the activation, not the loss.
        if not binary and units == classes and activation == "sigmoid" and is_dense:
            problems.append(
                DataProblem(
                    tr(
                        "'{name}' uses sigmoid on {classes} units, but the targets are "
                        "integer labels, one class per sample. Use softmax.",
                        name=node.name,
                        classes=classes,
                    ),
                    SetParam(node.id, "activation", "softmax", f"Set {node.name} activation"),
                    code="activation",
                    node_id=node.id,
                )
            )
        return problems
    wanted = "binary_crossentropy" if binary else "sparse_categorical_crossentropy"
    if binary and loss == "sparse_categorical_crossentropy":
        text = tr(
            "'{name}' has one unit for {classes} classes, but the loss is {loss}. Use "
            "binary_crossentropy for 0/1 labels.",
            name=node.name,
            classes=classes,
            loss=loss,
        )
    elif not binary and loss in ("categorical_crossentropy", "binary_crossentropy"):
        text = tr(
            "The targets of '{name}' are integer labels (0..{top}), but the loss is {loss}. "
            "Use sparse_categorical_crossentropy for integer labels.",
            name=node.name,
            top=classes - 1,
            loss=loss,
        )
    else:
        return problems
    problems.append(
        DataProblem(
            text,
            fix_settings=_loss_fix(graph, settings, node.name, wanted),
            code="loss",
            node_id=node.id,
        )
    )
    return problems


def setup_from_data(
    graph: Graph, settings: TrainingSettings, x: dict[str, Any], y: dict[str, Any]
) -> tuple[Compound, TrainingSettings]:
    """One edit and adjusted settings that apply every fix check_data offers.

    Fixes are applied to a copy of the graph and the check repeated (a new
    input shape can reveal an output mismatch), at most a few rounds. The
    returned edit applies them all to ``graph`` as one undo step.
    """
    work = graph.copy()
    edits: list[Edit] = []
    done: set[tuple[str, str | None]] = set()
    for _ in range(4):
        problems = [
            p
            for p in check_data(work, settings, x, y)
            if p.fixable and (p.code, p.node_id) not in done
        ]
        if not problems:
            break
        for problem in problems:
            done.add((problem.code, problem.node_id))
            if problem.fix_edit is not None:
                problem.fix_edit.apply(work)
                edits.append(problem.fix_edit)
            if problem.fix_settings:
                settings = _merge_settings(work, settings, problem)
    return Compound(edits, tr("Set up from data")), settings


def _merge_settings(
    graph: Graph, settings: TrainingSettings, problem: DataProblem
) -> TrainingSettings:
    """Apply a problem's settings fix; a per-output loss changes only that output's entry."""
    changes = dict(problem.fix_settings or {})
    node = graph.nodes.get(problem.node_id or "")
    if isinstance(changes.get("loss"), dict) and node is not None:
        outputs = [n.name for n in graph.output_nodes()]
        merged = {o: settings.loss_for(o) for o in outputs}
        merged[node.name] = changes["loss"][node.name]
        changes["loss"] = merged
    return replace(settings, **changes)


__all__ = ["DataProblem", "check_data", "setup_from_data"]
