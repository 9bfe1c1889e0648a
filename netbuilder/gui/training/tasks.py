"""Background work for the training dock: a QRunnable on the global thread pool.

Results come back to the GUI thread through a queued Qt signal. (The editor's
``gui/background.py`` does the same; the dock keeps this small copy so that it
depends only on committed foundation modules.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_running: set[_Task] = set()  # keep Python references until the callback ran


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args = fn, args
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except Exception as exc:  # shown to the user as one sentence, never a crash
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.signals.finished.emit(result)


def run_in_background(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
) -> None:
    """Run ``fn(*args)`` on the thread pool; call ``on_done``/``on_error`` on the GUI thread."""
    task = _Task(fn, args)
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
