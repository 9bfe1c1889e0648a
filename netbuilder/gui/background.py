"""Run slow work (Keras import, model build, model export) off the GUI thread.

A :class:`Task` is a ``QRunnable`` on the global ``QThreadPool``; its result or
error comes back to the GUI thread through Qt signals (queued connections), so
the window keeps painting while TensorFlow loads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_running: set[Task] = set()


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """Calls ``fn(*args)`` in a pool thread; emits ``finished(result)`` or ``failed(message)``."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.args = args
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except Exception as exc:  # reported to the user as one sentence, never a crash
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.signals.finished.emit(result)


def run_in_background(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
) -> Task:
    """Start ``fn(*args)`` on the thread pool and call back on the GUI thread."""
    task = Task(fn, *args)
    _running.add(task)

    def done(result: Any) -> None:
        _running.discard(task)
        on_done(result)

    def failed(message: str) -> None:
        _running.discard(task)
        on_error(message)

    task.signals.finished.connect(done)
    task.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(task)
    return task


def busy() -> bool:
    """Whether any background task is still running."""
    return bool(_running)
