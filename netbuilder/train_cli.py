"""``netbuilder train``: train a project (or a model file) from the command line.

Runs the same worker process as the app (:class:`~netbuilder.core.training.client.WorkerClient`),
prints one line per epoch on stdout and, when stderr is a terminal, a progress
bar there. Ctrl+C stops after the current batch and still saves; a second
Ctrl+C ends the worker at once.

Exit codes: 0 training done (or stopped), 1 training failed, 2 unreadable input.
Also runnable as ``python -m netbuilder.train_cli FILE [options]``.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .core.messages import tr
from .core.training.settings import LOSSES, OPTIMIZERS, TrainingSettings

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2
BAR_WIDTH = 24
PREFIX = "netbuilder train: "


class InputError(Exception):
    """The command's input cannot be used (exit code 2); one clear sentence."""


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help=tr("a project (.nbproj) or a Keras model file (.keras/.h5/.json)"))
    p.add_argument(
        "--data",
        metavar="SPEC",
        help=tr(
            "a built-in dataset (bag_of_words, shapes_64, long_memory, keywords, flying_ball, "
            "multi_io), a .npz/.csv file, x=A.npy;y=B.npy, or a folder of class sub-folders; "
            "default: the project's saved data source"
        ),
    )
    p.add_argument("--epochs", type=int, metavar="N")
    p.add_argument("--batch-size", type=int, metavar="N")
    p.add_argument("--optimizer", choices=OPTIMIZERS, metavar="NAME", help=", ".join(OPTIMIZERS))
    p.add_argument("--lr", type=float, metavar="X", help=tr("learning rate"))
    p.add_argument("--loss", choices=LOSSES, metavar="NAME", help=", ".join(LOSSES))
    p.add_argument("--validation-split", type=float, metavar="X")
    p.add_argument("--seed", type=int, metavar="N")
    p.add_argument("--save", metavar="OUT.keras", help=tr("save the trained model here"))
    p.add_argument("--history", metavar="OUT.csv", help=tr("write the per-epoch history as CSV"))
    p.add_argument("--tensorboard", metavar="DIR", help=tr("write TensorBoard logs to DIR"))


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``train`` on the ``netbuilder`` command's subparsers."""
    p = subparsers.add_parser(
        "train",
        help=tr("train a project on its data and save the model"),
        description=tr(
            "Train in a worker process: one line per epoch, Ctrl+C stops gracefully and still "
            "saves. Exit 0 when done, 1 when training failed, 2 when the input is unreadable."
        ),
    )
    _add_arguments(p)
    p.set_defaults(func=run)
    return p


# -- set-up -------------------------------------------------------------------------------
def _settings(project_training: dict[str, Any], args: argparse.Namespace) -> TrainingSettings:
    settings = TrainingSettings.from_dict(project_training)
    checks = [
        ("epochs", args.epochs, lambda v: v >= 1, tr("at least 1")),
        ("batch_size", args.batch_size, lambda v: v >= 1, tr("at least 1")),
        ("learning_rate", args.lr, lambda v: math.isfinite(v) and v > 0, tr("a positive number")),
        (
            "validation_split",
            args.validation_split,
            lambda v: 0.0 <= v < 1.0,
            tr("from 0 up to (not including) 1"),
        ),
    ]
    for name, value, ok, expected in checks:
        if value is None:
            continue
        if not ok(value):
            option = "--" + {"learning_rate": "lr"}.get(name, name).replace("_", "-")
            raise InputError(
                tr(
                    "{option} must be {expected}, got {value}",
                    option=option,
                    expected=expected,
                    value=value,
                )
            )
        setattr(settings, name, value)
    if args.optimizer:
        settings.optimizer = args.optimizer
    if args.loss:
        settings.loss = args.loss
    if args.seed is not None:
        settings.seed = args.seed
    if args.tensorboard:
        settings.tensorboard = str(Path(args.tensorboard).resolve())
    return settings


def _load(args: argparse.Namespace) -> tuple[Any, dict[str, Any], str]:
    """The project, the data spec and the folder its relative paths start from."""
    from .core.analysis import Analyzer
    from .core.loading import LoadError, load_any
    from .core.training.standalone import DataError, parse_data_arg

    try:
        project = load_any(args.file)
    except LoadError as exc:
        raise InputError(str(exc)) from None
    if args.data:
        try:
            spec = parse_data_arg(args.data)
        except DataError as exc:
            raise InputError(str(exc).rstrip(".")) from None
        base_dir = os.getcwd()
    else:
        spec = dict(project.data or {})
        base_dir = str(Path(args.file).resolve().parent)
        if not spec:
            raise InputError(
                tr(
                    "{file} has no saved data source; pass one with --data (for example --data bag_of_words)",
                    file=args.file,
                )
            )
    errors = Analyzer(project.graph).errors()
    if errors:
        raise InputError(tr("the graph cannot be trained: {message}", message=errors[0].message))
    return project, spec, base_dir


# -- output -------------------------------------------------------------------------------
def _fmt_logs(logs: dict[str, Any]) -> str:
    from .core.training.runs import metric_order

    return "  ".join(
        f"{k} {logs[k]:.4f}" if isinstance(logs[k], (int, float)) else f"{k} -"
        for k in metric_order(logs)
    )


class Printer:
    """Epoch lines on stdout; a progress bar on stderr when it is a terminal."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self.tty = bool(getattr(err, "isatty", lambda: False)())
        self.epochs = 0
        self._bar_shown = False
        self._epoch_start = time.monotonic()

    def clear_bar(self) -> None:
        if self._bar_shown:
            self.err.write("\r\033[K")
            self.err.flush()
            self._bar_shown = False

    def handle(self, ev: dict[str, Any]) -> None:
        name = ev.get("event")
        if name == "started":
            self.epochs = int(ev["epochs"])
            self._epoch_start = time.monotonic()
            self.out.write(
                tr(
                    "training on {n} samples ({v} for validation), {e} epochs of {s} steps",
                    n=ev["samples"],
                    v=ev["val_samples"],
                    e=ev["epochs"],
                    s=ev["steps_per_epoch"],
                )
                + "\n"
            )
            self.out.flush()
        elif name == "batch" and self.tty:
            done, steps = int(ev["batch"]), max(1, int(ev["steps"]))
            filled = round(BAR_WIDTH * done / steps)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            loss = ev.get("logs", {}).get("loss")
            loss_text = f"loss {loss:.4f}" if isinstance(loss, (int, float)) else ""
            self.err.write(
                f"\r\033[Kepoch {ev['epoch']}/{self.epochs} [{bar}] {done}/{steps} {loss_text}"
                f"  {ev['samples_per_sec']:.0f} samples/s  ETA {ev['eta_s']:.0f} s"
            )
            self.err.flush()
            self._bar_shown = True
        elif name == "epoch":
            self.clear_bar()
            took = time.monotonic() - self._epoch_start
            self._epoch_start = time.monotonic()
            self.out.write(
                f"epoch {ev['epoch']}/{self.epochs}  {_fmt_logs(ev.get('logs', {}))}  ({took:.1f} s)\n"
            )
            self.out.flush()
        elif name == "paused" or name == "resumed":
            self.clear_bar()
        elif name == "stopping":
            self.clear_bar()
            self.err.write(
                tr("stopping after the current batch (Ctrl+C again to end at once)") + "\n"
            )
            self.err.flush()
        elif name == "log" and ev.get("level") != "stderr":
            self.clear_bar()
            self.err.write(f"{ev.get('message', '')}\n")


# -- run ----------------------------------------------------------------------------------
def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Train as ``args`` say; returns the exit code. Errors go to stderr as one sentence."""
    from .core.project import atomic_write_text, project_to_dict
    from .core.training.client import WorkerClient
    from .core.training.runs import history_to_csv

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        project, spec, base_dir = _load(args)
        settings = _settings(project.training, args)
    except InputError as exc:
        err.write(PREFIX + str(exc) + "\n")
        return EXIT_INPUT
    project.training = settings.to_dict()
    run_dir = tempfile.mkdtemp(prefix="netbuilder-train-")
    client = WorkerClient()
    printer = Printer(out, err)
    interrupts = 0

    def on_sigint(signum: int, frame: Any) -> None:
        nonlocal interrupts
        interrupts += 1
        client.stop()  # the second call kills

    in_main_thread = hasattr(signal, "SIGINT") and _is_main_thread()
    previous = signal.signal(signal.SIGINT, on_sigint) if in_main_thread else None
    history: dict[str, list[Any]] = {}
    try:
        client.start()
        client.submit(
            {
                "project": project_to_dict(project),
                "settings": settings.to_dict(),
                "data": spec,
                "base_dir": base_dir,
                "run_dir": run_dir,
                "evaluate": True,
            }
        )
        while True:
            ev = client.next_event(timeout=0.2)
            if ev is None:
                continue
            printer.handle(ev)
            if ev["event"] == "epoch":
                for key, value in ev.get("logs", {}).items():
                    history.setdefault(key, []).append(value)
            if ev["event"] in ("done", "error"):
                break
        printer.clear_bar()
        if ev["event"] == "error":
            err.write(PREFIX + str(ev.get("message", "")) + "\n")
            if args.history and history:
                atomic_write_text(args.history, history_to_csv(history))
            return EXIT_FAILED
        return _finish(ev, args, out, err)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        client.close()
        shutil.rmtree(run_dir, ignore_errors=True)


def _finish(done: dict[str, Any], args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Report a ``done`` event and write the history and model files asked for."""
    from .core.project import atomic_write_text
    from .core.training.runs import history_to_csv

    history = done.get("history") or {}
    if done.get("stopped"):
        epochs = max((len(v) for v in history.values()), default=0)
        out.write(tr("stopped after {n} complete epoch(s)", n=epochs) + "\n")
    evaluation = done.get("evaluation") or {}
    if evaluation.get("metrics"):
        where = (
            tr("validation data") if evaluation.get("on") == "validation" else tr("training data")
        )
        out.write(
            tr(
                "evaluation on {where}: {metrics}",
                where=where,
                metrics=_fmt_logs(evaluation["metrics"]),
            )
            + "\n"
        )
    try:
        if args.history:
            atomic_write_text(args.history, history_to_csv(history))
            out.write(tr("wrote the history to {path}", path=args.history) + "\n")
        if args.save:
            target = Path(args.save)
            if target.suffix.lower() != ".keras":
                target = target.with_name(target.name + ".keras")
            shutil.copyfile(done["model_path"], target)
            out.write(tr("saved the model to {path}", path=str(target)) + "\n")
    except OSError as exc:
        err.write(
            PREFIX
            + tr("cannot write {path}: {reason}", path=exc.filename, reason=exc.strerror or exc)
            + "\n"
        )
        return EXIT_FAILED
    return EXIT_OK


def _is_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="netbuilder train")
    _add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
