"""From training settings to Keras compile arguments, and the one build-and-compile function.

The functions here return plain *specs* (class names and keyword arguments) so
that the worker, ``netbuilder train`` and the exported script all compile the
same way: the worker turns them into Keras objects in :func:`build_and_compile`,
code export renders them as source text. Only non-default keyword arguments
appear in a spec (``learning_rate`` always does, because it is the knob people
turn).

Keras is imported only inside the functions that make Keras objects
(:func:`build_and_compile`, :func:`loss_object`, :func:`optimizer_object`,
:func:`make_callbacks`).
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

from ..graph import Graph, Node
from ..inference import Inference, NodeInfo
from ..messages import tr
from .settings import TrainingSettings

if TYPE_CHECKING:
    from ..project import Project

# Keras class per optimizer setting, and the Keras 3 defaults of the arguments we set
# (checked against inspect.signature by tests/core/test_compile.py).
OPTIMIZER_CLASSES = {
    "adam": "Adam",
    "adamw": "AdamW",
    "sgd": "SGD",
    "rmsprop": "RMSprop",
    "adagrad": "Adagrad",
    "adadelta": "Adadelta",
    "adamax": "Adamax",
    "nadam": "Nadam",
}
OPTIMIZER_DEFAULTS: dict[str, dict[str, Any]] = {
    "Adam": {"weight_decay": None},
    "AdamW": {"weight_decay": 0.004},
    "SGD": {"momentum": 0.0, "weight_decay": None},
    "RMSprop": {"momentum": 0.0, "weight_decay": None},
    "Adagrad": {"weight_decay": None},
    "Adadelta": {"weight_decay": None},
    "Adamax": {"weight_decay": None},
    "Nadam": {"weight_decay": None},
}

CROSSENTROPY_CLASSES = {
    "binary_crossentropy": "BinaryCrossentropy",
    "categorical_crossentropy": "CategoricalCrossentropy",
    "sparse_categorical_crossentropy": "SparseCategoricalCrossentropy",
}

EARLY_STOPPING_DEFAULTS = {
    "monitor": "val_loss",
    "min_delta": 0,
    "patience": 0,
    "restore_best_weights": False,
    "mode": "auto",
    "baseline": None,
    "start_from_epoch": 0,
}
REDUCE_LR_DEFAULTS = {
    "monitor": "val_loss",
    "factor": 0.1,
    "patience": 10,
    "min_delta": 0.0001,
    "cooldown": 0,
    "min_lr": 0.0,
    "mode": "auto",
}
BEST_MODEL_FILE = "best.keras"

LossSpec = str | tuple[str, dict[str, Any]]


class CompileError(ValueError):
    """The settings cannot be turned into compile arguments; one clear sentence."""


# -- optimizer ----------------------------------------------------------------------------
def optimizer_spec(settings: TrainingSettings) -> tuple[str, dict[str, Any]]:
    """Keras optimizer class name and its non-default kwargs (always with ``learning_rate``).

    >>> optimizer_spec(TrainingSettings(optimizer="sgd", learning_rate=0.01, momentum=0.9))
    ('SGD', {'learning_rate': 0.01, 'momentum': 0.9})
    """
    name = str(settings.optimizer).lower()
    cls = OPTIMIZER_CLASSES.get(name)
    if cls is None:
        raise CompileError(
            tr(
                "unknown optimizer {name!r}; expected one of {choices}",
                name=settings.optimizer,
                choices=", ".join(OPTIMIZER_CLASSES),
            )
        )
    kwargs: dict[str, Any] = {"learning_rate": float(settings.learning_rate)}
    defaults = OPTIMIZER_DEFAULTS[cls]
    if "momentum" in defaults and float(settings.momentum or 0.0) != defaults["momentum"]:
        kwargs["momentum"] = float(settings.momentum)
    if settings.weight_decay is not None and settings.weight_decay != defaults["weight_decay"]:
        kwargs["weight_decay"] = float(settings.weight_decay)
    return cls, kwargs


# -- losses and metrics -------------------------------------------------------------------
_UNKNOWN = "?"


# Layers that keep their input's values (so its activation) as they are.
PASS_THROUGH = frozenset(
    {
        "Dropout",
        "SpatialDropout1D",
        "SpatialDropout2D",
        "SpatialDropout3D",
        "GaussianNoise",
        "GaussianDropout",
        "AlphaDropout",
        "ActivityRegularization",
        "Identity",
        "Flatten",
        "Reshape",
        "Permute",
    }
)


def _activation_of(graph: Graph, node: Node, depth: int = 0) -> str:
    """The final activation of an output node: a name, "linear", or ``_UNKNOWN``.

    Value-preserving layers (Dropout, Flatten, Reshape, ...) pass through their
    input's activation, so ``Dense(softmax) -> Dropout`` still counts as softmax.
    """
    if node.type == "Input":
        return "linear"
    if node.keras_class in PASS_THROUGH:
        refs = [r for r in node.inputs if r is not None]
        if len(refs) == 1 and depth < 16 and refs[0].node in graph.nodes:
            return _activation_of(graph, graph.nodes[refs[0].node], depth + 1)
        return _UNKNOWN
    if node.is_generic:
        config = node.params.get("config") or {}
        return _norm_activation(config.get("activation", _UNKNOWN))
    params = node.effective_params()
    if "activation" in params:
        return _norm_activation(params["activation"])
    spec = node.spec
    if spec is not None and spec.wrapper_param and isinstance(params.get(spec.wrapper_param), dict):
        inner = params[spec.wrapper_param]
        inner_params = inner.get("params") or {}
        return _norm_activation(inner_params.get("activation", "linear"))
    return _UNKNOWN


def _norm_activation(value: Any) -> str:
    if value is None:
        return "linear"
    if isinstance(value, str):
        return value.lower() or "linear"
    return _UNKNOWN


def _units_of(info: NodeInfo | None) -> int | None:
    shape = info.output if info is not None else None
    if not shape:
        return None
    last = shape[-1]
    return last if isinstance(last, int) else None


def output_infos(graph: Graph) -> dict[str, NodeInfo]:
    """Pure-Python inference results (generic nodes without a Keras oracle stay unknown)."""
    inference = Inference(graph)
    try:
        return dict(inference.result())
    finally:
        inference.close()


def resolve_losses(
    graph: Graph, settings: TrainingSettings, infos: dict[str, NodeInfo] | None = None
) -> dict[str, LossSpec]:
    """Output node name -> loss (a Keras loss name, or a class name with kwargs).

    Explicit settings win. ``"auto"``: sigmoid -> binary_crossentropy; softmax ->
    sparse_categorical_crossentropy; no activation and more than one unit ->
    SparseCategoricalCrossentropy(from_logits=True); otherwise mean_squared_error.
    An explicit crossentropy on an output without activation gets ``from_logits``.
    """
    infos = infos if infos is not None else output_infos(graph)
    out: dict[str, LossSpec] = {}
    for node in graph.output_nodes():
        act = _activation_of(graph, node)
        units = _units_of(infos.get(node.id))
        wanted = settings.loss_for(node.name) or "auto"
        if wanted != "auto":
            cls = CROSSENTROPY_CLASSES.get(wanted)
            if cls is not None and act == "linear":
                out[node.name] = (cls, {"from_logits": True})
            else:
                out[node.name] = wanted
        elif act == "sigmoid":
            out[node.name] = "binary_crossentropy"
        elif act == "softmax":
            out[node.name] = "sparse_categorical_crossentropy"
        elif act == "linear" and units is not None and units > 1:
            out[node.name] = ("SparseCategoricalCrossentropy", {"from_logits": True})
        else:
            out[node.name] = "mean_squared_error"
    return out


def losses_for_targets(losses: dict[str, LossSpec], targets: dict[str, Any]) -> dict[str, LossSpec]:
    """Swap sparse/categorical crossentropy to fit the targets' encoding.

    One-hot targets (last axis > 1) need categorical_crossentropy, integer labels
    (one value per sample) need sparse_categorical_crossentropy; ``from_logits``
    is kept. Outputs without targets keep their loss.
    """
    swap = {
        "sparse_categorical_crossentropy": "categorical_crossentropy",
        "categorical_crossentropy": "sparse_categorical_crossentropy",
    }
    out = dict(losses)
    for name, loss in losses.items():
        shape = getattr(targets.get(name), "shape", None)
        current = loss_name(loss)
        if shape is None or current not in swap:
            continue
        one_hot = len(shape) >= 2 and shape[-1] > 1
        if (current == "sparse_categorical_crossentropy") != one_hot:
            continue
        new = swap[current]
        out[name] = (CROSSENTROPY_CLASSES[new], dict(loss[1])) if isinstance(loss, tuple) else new
    return out


def loss_name(loss: LossSpec) -> str:
    """The snake_case name of a loss spec (``("SparseCategoricalCrossentropy", ...)`` too)."""
    if isinstance(loss, tuple):
        for key, cls in CROSSENTROPY_CLASSES.items():
            if cls == loss[0]:
                return key
        return loss[0]
    return loss


def is_classification(loss: LossSpec) -> bool:
    return "crossentropy" in loss_name(loss).lower()


def resolve_metrics(
    graph: Graph,
    settings: TrainingSettings,
    losses: dict[str, LossSpec] | None = None,
    infos: dict[str, NodeInfo] | None = None,
) -> dict[str, list[str]]:
    """Output node name -> metric names.

    "accuracy" is kept only for classification outputs (a crossentropy loss);
    on a regression output it becomes "mae".
    """
    losses = losses if losses is not None else resolve_losses(graph, settings, infos)
    out: dict[str, list[str]] = {}
    for node in graph.output_nodes():
        classification = is_classification(losses.get(node.name, "mean_squared_error"))
        chosen: list[str] = []
        for metric in settings.metrics_for(node.name):
            if metric == "accuracy" and not classification:
                metric = "mae"
            if metric not in chosen:
                chosen.append(metric)
        out[node.name] = chosen
    return out


# -- callbacks ----------------------------------------------------------------------------
def callback_specs(
    settings: TrainingSettings, run_dir: str | None = None, has_validation: bool | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """Keras callback class names with non-default kwargs, in the order they run.

    Monitors default to ``val_loss`` when there is validation data, else ``loss``.
    The best-model checkpoint goes to ``<run_dir>/best.keras`` (or ``best.keras``).
    """
    if has_validation is None:
        has_validation = float(settings.validation_split or 0.0) > 0.0
    monitor = "val_loss" if has_validation else "loss"
    specs: list[tuple[str, dict[str, Any]]] = []
    if settings.early_stopping is not None:
        specs.append(
            (
                "EarlyStopping",
                _non_default(settings.early_stopping, EARLY_STOPPING_DEFAULTS, monitor),
            )
        )
    if settings.reduce_lr is not None:
        specs.append(
            ("ReduceLROnPlateau", _non_default(settings.reduce_lr, REDUCE_LR_DEFAULTS, monitor))
        )
    if settings.checkpoint:
        path = os.path.join(run_dir, BEST_MODEL_FILE) if run_dir else BEST_MODEL_FILE
        kwargs: dict[str, Any] = {"filepath": path}
        if monitor != "val_loss":
            kwargs["monitor"] = monitor
        kwargs["save_best_only"] = True
        specs.append(("ModelCheckpoint", kwargs))
    if settings.tensorboard:
        specs.append(("TensorBoard", {"log_dir": str(settings.tensorboard)}))
    return specs


def _non_default(options: dict[str, Any], defaults: dict[str, Any], monitor: str) -> dict[str, Any]:
    unknown = sorted(set(options) - set(defaults))
    if unknown:
        raise CompileError(
            tr(
                "unknown callback option(s) {names}; expected some of {choices}",
                names=", ".join(unknown),
                choices=", ".join(defaults),
            )
        )
    merged = {"monitor": monitor, **options}
    return {k: merged[k] for k in defaults if k in merged and merged[k] != defaults[k]}


def make_callbacks(specs: list[tuple[str, dict[str, Any]]]) -> list[Any]:
    """Keras callback objects from :func:`callback_specs`.

    Raises CompileError before training starts when TensorBoard logs are asked for
    but the ``tensorboard`` package is missing (Keras would fail after the first epoch).
    """
    import importlib.util

    if any(name == "TensorBoard" for name, _ in specs) and (
        importlib.util.find_spec("tensorboard") is None
    ):
        raise CompileError(
            tr(
                "TensorBoard logs need the tensorboard package; install it "
                "(pip install tensorboard) or turn the TensorBoard log off"
            )
        )
    import keras

    return [getattr(keras.callbacks, name)(**kwargs) for name, kwargs in specs]


# -- build and compile --------------------------------------------------------------------
def loss_object(loss: LossSpec) -> Any:
    """A value ``model.compile`` accepts: the name itself, or the Keras loss object."""
    if isinstance(loss, str):
        return loss
    import keras

    return getattr(keras.losses, loss[0])(**loss[1])


def optimizer_object(settings: TrainingSettings) -> Any:
    import keras

    cls, kwargs = optimizer_spec(settings)
    return getattr(keras.optimizers, cls)(**kwargs)


def build_and_compile(
    project: Project,
    strategy: Any = None,
    *,
    losses: dict[str, LossSpec] | None = None,
    metrics: dict[str, list[str]] | None = None,
) -> Any:
    """Build the project's graph into a ``keras.Model`` and compile it with its settings.

    This is the one place that builds *and* compiles: the worker and
    ``netbuilder train`` both call it. ``losses``/``metrics`` override the resolved
    ones (the data check corrects losses from the targets).

    Distribution: pass a ``tf.distribute`` strategy (``MirroredStrategy`` for
    several devices on one machine) and building plus compiling happen inside
    ``strategy.scope()`` so variables are mirrored. With the JAX backend, Keras'
    own distribution API needs no scope here: call
    ``keras.distribution.set_distribution(keras.distribution.DataParallel(...))``
    before this function and leave ``strategy`` as None.
    """
    import keras

    from ..builder import build_model

    settings = TrainingSettings.from_dict(project.training)
    if settings.seed is not None:
        keras.utils.set_random_seed(int(settings.seed))
    graph = project.graph
    # Inference runs only when the losses are not given (the worker passes them).
    losses = losses if losses is not None else resolve_losses(graph, settings)
    metrics = metrics if metrics is not None else resolve_metrics(graph, settings, losses)
    scope = strategy.scope() if strategy is not None else contextlib.nullcontext()
    with scope:
        model = build_model(graph)
        names = [n.name for n in graph.output_nodes()]
        if len(names) == 1:
            loss_arg: Any = loss_object(losses[names[0]])
            metric_arg: Any = list(metrics.get(names[0], []))
        else:
            loss_arg = {n: loss_object(losses[n]) for n in names}
            metric_arg = {n: list(metrics.get(n, [])) for n in names}
        model.compile(optimizer=optimizer_object(settings), loss=loss_arg, metrics=metric_arg)
    return model
