"""The training worker process: ``python -m netbuilder.core.training.worker``.

It imports TensorFlow at start-up and says ``ready``, so a worker started ahead
of time makes Train instant. It then runs one job (the ``start`` command) and
exits: a fresh process per run gives all memory back (TensorFlow leaks tens of
MB per run in-process) and survives nothing of a previous failure. Commands
arrive on stdin, events leave on stdout as JSON lines (see :mod:`.protocol`);
everything TensorFlow or Keras print goes to stderr, so stdout stays clean.
Progress, pause and stop live in :mod:`.progress`.
"""

from __future__ import annotations

import contextlib
import faulthandler
import math
import os
import queue
import sys
import threading
import traceback
from pathlib import Path
from typing import Any, TextIO

from ..messages import tr
from . import protocol as p
from .progress import Channel, Control, StopRequested, make_progress
from .runs import MODEL_FILE  # the run store reads the model from the same name

STOPPED_EVAL_SAMPLES = 2000


class JobError(Exception):
    """A job failed for a reason the user can act on; ``str()`` is one clear sentence."""


def claim_stdout() -> TextIO:
    """Keep the real stdout for events and point fd 1 (and ``sys.stdout``) at stderr."""
    fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(fd, "w", encoding="utf-8", buffering=1)


def read_commands(stream: Any, channel: Channel, control: Control, jobs: queue.Queue) -> None:
    """Stdin reader thread: jobs go to ``jobs``; pause/resume/stop act at once."""
    for raw in stream:
        try:
            message = p.decode(raw)
        except p.ProtocolError as exc:
            channel.emit(p.EV_LOG, level="warning", message=str(exc))
            continue
        cmd = message.get("cmd")
        if cmd == p.CMD_START:
            jobs.put(message.get("job") or {})
        elif cmd == p.CMD_PAUSE:
            control.pause()
        elif cmd == p.CMD_RESUME:
            control.resume()
        elif cmd == p.CMD_STOP:
            first = not control.stop_requested.is_set()
            control.stop()  # before "stopping" is written: no batch event can follow it
            if first:
                channel.emit(p.EV_STOPPING)
        elif cmd == p.CMD_QUIT:
            break
    # quit or end of input (the parent closed the pipe or died): stop and leave
    control.stop()
    jobs.put(None)


# -- the job ------------------------------------------------------------------------------
def describe_exception(exc: BaseException) -> str:
    """One clear sentence for an unexpected failure during training."""
    if isinstance(exc, MemoryError) or type(exc).__name__ == "ResourceExhaustedError":
        return tr(
            "the training ran out of memory; use a smaller batch size, smaller layers or less data"
        )
    return tr("training failed: {reason}", reason=exception_reason(exc))


def exception_reason(exc: BaseException) -> str:
    """The telling line of an exception's text (TensorFlow's come wrapped in stack dumps)."""
    text = getattr(exc, "message", None) or str(exc)
    lines = [ln.strip() for ln in str(text).splitlines() if ln.strip()]
    # TensorFlow puts the useful sentence after "Detected at node ..." stack lines.
    useful = [
        ln
        for ln in lines
        if not ln.startswith(("File ", "[[", "Detected at node", "Graph execution error"))
        and not ln.startswith(("Stack trace", "<", "Arguments received"))
    ]
    reason = useful[0] if useful else (lines[0] if lines else type(exc).__name__)
    head, dot, rest = reason.partition(". ")
    if dot and len(reason) > 80:
        reason = head + "."  # TensorFlow appends long dumps ("Label values: 5 5 5 ...")
    if len(reason) > 400:
        reason = reason[:400] + "…"
    return reason


def check_arrays(model: Any, x: dict[str, Any], y: dict[str, Any]) -> None:
    """Compare the data's per-sample shapes with the model's Inputs; raise JobError on a mismatch."""
    for tensor in model.inputs:
        name = tensor.name.split(":")[0]
        array = x.get(name)
        if array is None:
            raise JobError(tr("the data has no array for Input '{name}'", name=name))
        want = tuple(tensor.shape[1:])
        got = tuple(array.shape[1:])
        ok = len(want) == len(got) and all(
            w is None or w == g for w, g in zip(want, got, strict=True)
        )
        if not ok:
            raise JobError(
                tr(
                    "the data for Input '{name}' has samples of shape {got}, but the Input expects "
                    "{want}; set the Input's shape to {got} or choose data that fits",
                    name=name,
                    got=got,
                    want=want,
                )
            )
    sizes = {name: len(a) for name, a in [*x.items(), *y.items()]}
    if len(set(sizes.values())) > 1:
        listing = ", ".join(f"'{k}': {v}" for k, v in sizes.items())
        raise JobError(
            tr("the data arrays hold different numbers of samples ({listing})", listing=listing)
        )


def split(arrays: dict[str, Any], fraction: float) -> tuple[dict[str, Any], dict[str, Any]]:
    """Keras' ``validation_split``: the last ``fraction`` of the samples, before shuffling."""
    n = min((len(a) for a in arrays.values()), default=0)
    at = int(math.floor(n * (1.0 - fraction))) if fraction > 0 else n
    return {k: a[:at] for k, a in arrays.items()}, {k: a[at:] for k, a in arrays.items()}


def _bare(arrays: dict[str, Any]) -> Any:
    """A single array passes bare (as hand-written Keras would), several as a dict by name."""
    return next(iter(arrays.values())) if len(arrays) == 1 else arrays


def _load(spec: Any, *args: Any) -> dict[str, Any]:
    """Load a data spec; its failures become JobError sentences."""
    from .standalone import DataError, load_dataset

    try:
        return load_dataset(spec or {}, *args)
    except DataError as exc:
        raise JobError(str(exc).rstrip(".")) from None
    except FileNotFoundError as exc:
        raise JobError(tr("the file {path} does not exist", path=exc.filename)) from None


def run_job(job: dict[str, Any], channel: Channel, control: Control) -> dict[str, Any]:
    """Train one job; returns the ``done`` fields or raises."""
    import keras

    from ..keras_layers import BuildError
    from ..project import ProjectError, project_from_dict
    from .compile import (
        BEST_MODEL_FILE,
        CompileError,
        build_and_compile,
        callback_specs,
        loss_name,
        losses_for_targets,
        make_callbacks,
        resolve_losses,
        resolve_metrics,
    )
    from .evaluation import evaluate
    from .settings import TrainingSettings
    from .standalone import describe_data

    fault = job.get("_fault") if os.environ.get(p.FAULTS_ENV) == "1" else None
    try:
        project = project_from_dict(job.get("project"))
    except ProjectError as exc:
        raise JobError(tr("the job's project cannot be read: {reason}", reason=exc)) from None
    settings = TrainingSettings.from_dict(job.get("settings") or project.training)
    project.training = settings.to_dict()
    graph = project.graph
    in_names = [n.name for n in graph.input_nodes()]
    out_names = [n.name for n in graph.output_nodes()]
    seed, base_dir = int(settings.seed or 0), str(job.get("base_dir") or ".")
    data = _load(job.get("data") or project.data, in_names, out_names, seed, base_dir)
    x, y = data["x"], data["y"]
    try:
        auto = resolve_losses(graph, settings)
        losses = losses_for_targets(auto, y)
        metrics = resolve_metrics(graph, settings, losses)
        model = build_and_compile(project, losses=losses, metrics=metrics)
    except (BuildError, CompileError) as exc:
        raise JobError(tr("the model cannot be built: {reason}", reason=exc)) from None
    for name, loss in losses.items():
        if loss != auto[name]:
            channel.emit(
                p.EV_LOG,
                level="info",
                message=tr(
                    "output '{name}': using {loss} because of how its targets are encoded",
                    name=name,
                    loss=loss_name(loss),
                ),
            )
    check_arrays(model, x, y)
    if job.get("validation_data"):
        # Separate validation data replaces the split.
        val = _load(job["validation_data"], in_names, out_names, seed, base_dir)
        check_arrays(model, val["x"], val["y"])
        x_train, y_train, x_val, y_val = x, y, val["x"], val["y"]
    else:
        fraction = float(settings.validation_split or 0.0)
        (x_train, x_val), (y_train, y_val) = split(x, fraction), split(y, fraction)
    n_train = min((len(a) for a in x_train.values()), default=0)
    n_val = min((len(a) for a in x_val.values()), default=0)
    if n_train == 0:
        raise JobError(tr("there are no training samples left after the validation split"))
    batch_size = max(1, int(settings.batch_size))
    steps = math.ceil(n_train / batch_size)
    epochs = max(1, int(settings.epochs))
    progress = make_progress(
        keras,
        channel,
        control,
        epochs=epochs,
        steps=steps,
        samples=n_train,
        batch_size=batch_size,
        fault=fault,
    )
    run_dir = Path(job.get("run_dir") or ".")
    run_dir.mkdir(parents=True, exist_ok=True)
    try:
        extra = make_callbacks(callback_specs(settings, str(run_dir), n_val > 0))
    except CompileError as exc:
        raise JobError(str(exc)) from None
    callbacks = [progress, *extra]
    channel.emit(
        p.EV_STARTED,
        epochs=epochs,
        steps_per_epoch=steps,
        samples=n_train,
        val_samples=n_val,
        data=describe_data(x, y),
    )
    with contextlib.suppress(StopRequested):
        model.fit(
            _bare(x_train),
            _bare(y_train),
            batch_size=batch_size,
            epochs=epochs,
            validation_data=(_bare(x_val), _bare(y_val)) if n_val else None,
            shuffle=bool(settings.shuffle),
            callbacks=callbacks,
            verbose=0,
        )
    if progress.nan_at is not None:
        epoch, batch = progress.nan_at
        raise JobError(
            tr(
                "the loss became NaN at epoch {epoch} batch {batch}; lower the learning rate "
                "(now {lr}), normalise the inputs, or check the data for NaN values",
                epoch=epoch,
                batch=batch,
                lr=settings.learning_rate,
            )
        )
    model_path = run_dir / MODEL_FILE
    model.save(model_path)
    best = run_dir / BEST_MODEL_FILE
    result: dict[str, Any] = {
        "stopped": control.stop_requested.is_set(),
        "history": progress.history,
        "model_path": str(best if settings.checkpoint and best.exists() else model_path),
        "final_metrics": progress.last_logs,
        "evaluation": None,
    }
    wanted = job.get("evaluate", True)
    # A stop must answer within a second, and evaluating compiles predict/test functions
    # (tenths of a second each on a busy CPU), so stopped runs are evaluated only when the
    # job asks for it with evaluate="always"; then on a capped sample.
    if wanted == "always" or (wanted and not result["stopped"]):
        held_out = (x_val, y_val) if n_val else (x_train, y_train)
        evaluation = evaluate(
            model,
            _bare(held_out[0]),
            _bare(held_out[1]),
            losses,
            data.get("classes"),
            max_samples=STOPPED_EVAL_SAMPLES if result["stopped"] else None,
        )
        evaluation["on"] = "validation" if n_val else "training"
        result["evaluation"] = evaluation
    return result


def run_predict(job: dict[str, Any]) -> dict[str, Any]:
    """A predict job: ``{"kind": "predict", "model_path", "samples": [sample, ...],
    "losses": {output: loss spec}}`` (losses optional; they tell classifiers apart).

    A sample is a nested list without the batch axis, or a dict by input name. The
    ``done`` event carries ``predictions``: one :func:`.evaluation.predict_one` result
    per sample. The GUI uses this so that it never imports TensorFlow itself.
    """
    import keras
    import numpy as np

    from .evaluation import predict_one

    path = str(job.get("model_path") or "")
    if not Path(path).is_file():
        raise JobError(tr("the file {path} does not exist", path=path))
    try:
        model = keras.saving.load_model(path)
    except Exception as exc:  # Keras raises many types for damaged or foreign files
        raise JobError(
            tr(
                "the model {path} cannot be loaded: {reason}",
                path=path,
                reason=exception_reason(exc),
            )
        ) from None
    losses = {
        name: tuple(loss) if isinstance(loss, list) else loss
        for name, loss in (job.get("losses") or {}).items()
    }
    predictions = []
    for i, sample in enumerate(job.get("samples") or []):
        arrays = (
            {k: np.asarray(v, dtype="float32") for k, v in sample.items()}
            if isinstance(sample, dict)
            else np.asarray(sample, dtype="float32")
        )
        try:
            predictions.append(predict_one(model, arrays, losses or None))
        except Exception as exc:  # a sample of the wrong shape names itself
            raise JobError(
                tr(
                    "sample {n} cannot be predicted: {reason}",
                    n=i + 1,
                    reason=exception_reason(exc),
                )
            ) from None
    return {
        "stopped": False,
        "history": {},
        "model_path": path,
        "final_metrics": {},
        "evaluation": None,
        "predictions": predictions,
    }


def serve(stdin: Any, channel: Channel) -> int:
    """Import TensorFlow, say ready, run one job, exit."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras  # noqa: F401  (paid now, not when the user presses Train)
    import tensorflow as tf

    control = Control()
    jobs: queue.Queue = queue.Queue()
    channel.emit(p.EV_READY, pid=os.getpid(), tf_version=tf.__version__)
    reader = threading.Thread(
        target=read_commands, args=(stdin, channel, control, jobs), daemon=True
    )
    reader.start()
    job = jobs.get()
    if job is None:
        return 0
    try:
        result = (
            run_predict(job) if job.get("kind") == "predict" else run_job(job, channel, control)
        )
    except JobError as exc:
        channel.emit(p.EV_ERROR, message=str(exc), detail=traceback.format_exc())
        return 1
    except Exception as exc:  # any failure must reach the user as one sentence
        channel.emit(p.EV_ERROR, message=describe_exception(exc), detail=traceback.format_exc())
        return 1
    channel.emit(p.EV_DONE, **result)
    return 0


def main() -> int:
    channel = Channel(claim_stdout())
    # A crash (abort, segfault) prints "Fatal Python error: ..." and the Python stack to
    # stderr, whose tail the client quotes in the error it makes up.
    faulthandler.enable()
    stdin = sys.stdin
    with contextlib.suppress(AttributeError, ValueError):
        stdin.reconfigure(encoding="utf-8")
    try:
        return serve(stdin, channel)
    except Exception as exc:  # TensorFlow failed to import, or similar
        channel.emit(p.EV_ERROR, message=describe_exception(exc), detail=traceback.format_exc())
        return 1


def exit_now(code: int) -> None:
    """Leave without interpreter teardown: TensorFlow's can take seconds or hang, and
    everything the job wrote (model, events) is already flushed."""
    for stream in (sys.stderr, sys.__stdout__):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
