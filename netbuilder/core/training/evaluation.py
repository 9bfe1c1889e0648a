"""Evaluation after training: held-out metrics, confusion matrix, sample predictions.

The helpers that interpret predictions (:func:`output_kind`, :func:`classify`,
:func:`confusion_matrix`) are plain NumPy; :func:`evaluate` and
:func:`predict_one` call the Keras model they are given.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .compile import LossSpec, loss_name

MAX_SAMPLES = 24  # rows in the sample-predictions table
MAX_EVAL_SAMPLES = 20_000  # predictions computed for the confusion matrix

BINARY, CATEGORICAL, SPARSE, REGRESSION = "binary", "categorical", "sparse", "regression"


def output_kind(loss: LossSpec | None) -> str:
    """How targets and predictions of an output are read, from its loss."""
    name = loss_name(loss) if loss is not None else ""
    if name == "binary_crossentropy":
        return BINARY
    if name == "categorical_crossentropy":
        return CATEGORICAL
    if name == "sparse_categorical_crossentropy":
        return SPARSE
    return REGRESSION


def from_logits(loss: LossSpec | None) -> bool:
    return isinstance(loss, tuple) and bool(loss[1].get("from_logits"))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def probabilities(pred: np.ndarray, kind: str, logits: bool) -> np.ndarray:
    """Class probabilities (n, classes) from raw model outputs."""
    pred = np.asarray(pred, dtype="float64").reshape(len(pred), -1)
    if kind == BINARY:
        p = 1.0 / (1.0 + np.exp(-pred[:, :1])) if logits else pred[:, :1]
        return np.concatenate([1.0 - p, p], axis=1)
    return _softmax(pred) if logits else pred


def true_classes(y: np.ndarray, kind: str) -> np.ndarray:
    y = np.asarray(y)
    if kind == CATEGORICAL:
        return y.reshape(len(y), -1).argmax(axis=1)
    if kind == BINARY:
        return (y.reshape(len(y), -1)[:, 0] > 0.5).astype("int64")
    return y.reshape(len(y), -1)[:, 0].astype("int64")


def classify(pred: np.ndarray, kind: str, logits: bool) -> tuple[np.ndarray, np.ndarray]:
    """Predicted class and its confidence (probability) per sample."""
    probs = probabilities(pred, kind, logits)
    cls = probs.argmax(axis=1)
    return cls, probs[np.arange(len(probs)), cls]


def confusion_matrix(true: np.ndarray, pred: np.ndarray, classes: int) -> list[list[int]]:
    """Rows are true classes, columns predicted classes."""
    classes = max(classes, int(true.max(initial=-1)) + 1, int(pred.max(initial=-1)) + 1)
    counts = np.bincount(true * classes + pred, minlength=classes * classes)
    return counts.reshape(classes, classes).astype(int).tolist()


def _pick_samples(correct: np.ndarray, limit: int = MAX_SAMPLES) -> np.ndarray:
    """Some wrong predictions first (they teach most), the rest right ones, in index order."""
    wrong = np.flatnonzero(~correct)[: limit // 2]
    right = np.flatnonzero(correct)[: limit - len(wrong)]
    return np.sort(np.concatenate([wrong, right]))


def _subset(data: Any, n: int) -> Any:
    if isinstance(data, dict):
        return {k: v[:n] for k, v in data.items()}
    return data[:n]


def _length(data: Any) -> int:
    if isinstance(data, dict):
        return min((len(v) for v in data.values()), default=0)
    return len(data)


def evaluate(
    model: Any,
    x: Any,
    y: Any,
    losses: dict[str, LossSpec],
    class_names: dict[str, list[str]] | None = None,
    batch_size: int = 256,
    max_samples: int | None = None,
) -> dict[str, Any]:
    """Metrics on held-out data and, for the first classification output, a
    confusion matrix and sample predictions.

    ``x``/``y`` are arrays (one input/output) or dicts by node name; ``losses``
    maps output names to the compiled losses. Returns ``{"metrics", "samples_used",
    "output", "confusion_matrix", "class_names", "samples"}`` (the last four are
    None or empty for regression). ``max_samples`` evaluates only the first samples
    (after a stop, to answer quickly).
    """
    if max_samples is not None and _length(x) > max_samples:
        x, y = _subset(x, max_samples), _subset(y, max_samples)
    metrics = model.evaluate(x, y, batch_size=batch_size, verbose=0, return_dict=True)
    result: dict[str, Any] = {
        "metrics": {k: float(v) for k, v in metrics.items()},
        "samples_used": _length(x),
        "output": None,
        "confusion_matrix": None,
        "class_names": [],
        "samples": [],
    }
    names = list(losses)
    target = next((n for n in names if output_kind(losses[n]) != REGRESSION), None)
    if target is None:
        return result
    n = min(_length(x), MAX_EVAL_SAMPLES)
    preds = model.predict(_subset(x, n), batch_size=batch_size, verbose=0)
    if isinstance(preds, dict):
        pred = preds[target]
    elif isinstance(preds, (list, tuple)):
        pred = preds[names.index(target)]
    else:
        pred = preds
    y_target = y[target] if isinstance(y, dict) else y
    kind, logits = output_kind(losses[target]), from_logits(losses[target])
    true = true_classes(np.asarray(y_target)[:n], kind)
    cls, conf = classify(pred, kind, logits)
    n_classes = 2 if kind == BINARY else int(np.asarray(pred).reshape(n, -1).shape[1])
    matrix = confusion_matrix(true, cls, n_classes)
    names_given = (class_names or {}).get(target) or []
    labels = [str(c) for c in names_given] + [str(i) for i in range(len(names_given), len(matrix))]
    correct = true == cls
    result.update(
        output=target,
        confusion_matrix=matrix,
        class_names=labels[: len(matrix)],
        samples=[
            {
                "index": int(i),
                "true": int(true[i]),
                "pred": int(cls[i]),
                "confidence": float(conf[i]),
                "correct": bool(correct[i]),
            }
            for i in _pick_samples(correct)
        ],
    )
    if not any("accuracy" in k for k in result["metrics"]):
        result["metrics"]["accuracy"] = float(correct.mean()) if n else 0.0
    return result


def predict_one(
    model: Any, sample: Any, losses: dict[str, LossSpec] | None = None
) -> dict[str, dict[str, Any]]:
    """Predict one sample (an array without the batch axis, or a dict by input name).

    Returns, per output name, ``{"values": raw outputs}`` plus, for
    classification outputs (known from ``losses`` or, without them, from the
    output layer's activation), ``"class"``, ``"confidence"`` and
    ``"probabilities"``.
    """
    batch = (
        {k: np.asarray(v)[None, ...] for k, v in sample.items()}
        if isinstance(sample, dict)
        else np.asarray(sample)[None, ...]
    )
    preds = model.predict(batch, verbose=0)
    out_names = [t.name.split("/")[0] for t in model.outputs]
    out_names = list(getattr(model, "output_names", None) or out_names)
    if isinstance(preds, dict):
        per_output = preds
    elif isinstance(preds, (list, tuple)):
        per_output = dict(zip(out_names, preds, strict=False))
    else:
        per_output = {out_names[0]: preds}
    result: dict[str, dict[str, Any]] = {}
    for name, pred in per_output.items():
        pred = np.asarray(pred)
        entry: dict[str, Any] = {"values": pred[0].tolist()}
        loss = losses.get(name) if losses else _loss_from_layer(model, name, pred)
        kind = output_kind(loss)
        if kind != REGRESSION:
            probs = probabilities(pred, kind, from_logits(loss))[0]
            cls = int(probs.argmax())
            entry.update(
                {"class": cls, "confidence": float(probs[cls]), "probabilities": probs.tolist()}
            )
        result[name] = entry
    return result


def _loss_from_layer(model: Any, name: str, pred: np.ndarray) -> LossSpec | None:
    """Guess how to read an output from its layer's activation (sigmoid, softmax)."""
    try:
        activation = model.get_layer(name).get_config().get("activation")
    except (ValueError, AttributeError):
        return None
    if activation == "sigmoid":
        return "binary_crossentropy"
    if activation == "softmax" and pred.reshape(len(pred), -1).shape[1] > 1:
        return "sparse_categorical_crossentropy"
    return None
