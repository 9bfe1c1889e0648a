"""Progress reporting inside the training worker: the event channel, pause/stop flags,
and the Keras callback that streams batches and epochs, pauses, stops and spots NaN.

Pausing blocks inside ``on_train_batch_begin``: Keras 3 dispatches
``on_train_batch_end`` to a thread pool when every callback is ``async_safe``
(as the plain ``fit`` does), and we keep that fast path, so the one hook that
still runs on the training loop's thread is the batch *begin* hook.
"""

from __future__ import annotations

import ctypes
import math
import os
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

from . import protocol as p

BATCH_EVENT_INTERVAL_S = 0.1  # at most 10 batch events per second (the plot redraws at 5 Hz)


class StopRequested(Exception):
    """Raised from the progress callback to leave ``fit()`` after a stop command."""


class Channel:
    """Writes events to the real stdout, one JSON line each, from any thread."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self.broken = False

    def emit(self, name: str, unless: Callable[[], bool] | None = None, **fields: Any) -> None:
        """Write one event; ``unless`` is checked under the write lock (skip when true)."""
        line = p.encode(p.event(name, **fields))
        with self._lock:
            if self.broken or (unless is not None and unless()):
                return
            try:
                self._stream.write(line)
                self._stream.flush()
            except (BrokenPipeError, OSError, ValueError):
                self.broken = True  # the parent is gone; finish quietly


class Control:
    """Pause/stop flags shared by the stdin reader and the training loop."""

    def __init__(self) -> None:
        self.stop_requested = threading.Event()
        self.running = threading.Event()
        self.running.set()

    def pause(self) -> None:
        self.running.clear()

    def resume(self) -> None:
        self.running.set()

    def stop(self) -> None:
        self.stop_requested.set()
        self.running.set()  # wake a paused loop so it can stop

    @property
    def paused(self) -> bool:
        return not self.running.is_set()


# -- test-only fault hooks ----------------------------------------------------------------
def inject_fault(kind: str) -> None:
    """Fail on purpose; used only when the FAULTS_ENV variable is "1" (tests)."""
    if kind == "abort":
        os.abort()
    elif kind == "segfault":
        ctypes.string_at(0)
    elif kind == "raise":
        raise RuntimeError("injected failure inside training (test hook)")
    elif kind == "hang":
        while True:  # ignores stop, so the client must kill after its grace period
            time.sleep(0.1)


# -- the progress callback ----------------------------------------------------------------
def make_progress(
    keras: Any,
    channel: Channel,
    control: Control,
    *,
    epochs: int,
    steps: int,
    samples: int,
    batch_size: int,
    fault: str | None = None,
) -> Any:
    """A Keras callback that streams progress, pauses, stops and watches for NaN."""

    class Progress(keras.callbacks.Callback):
        async_safe = True  # keep Keras' asynchronous batch-end dispatch (fast path)

        def __init__(self) -> None:
            super().__init__()
            self.history: dict[str, list[float | None]] = {}
            self.last_logs: dict[str, float] = {}
            self.nan_at: tuple[int, int] | None = None
            self.epoch = 0
            self._lock = threading.Lock()
            self._epoch_start = time.monotonic()
            self._paused_s = 0.0
            self._last_emit = 0.0
            self._last_batch = 0

        def on_train_begin(self, logs: Any = None) -> None:
            # fit() resets stop_training when it starts; copy our own flag back in.
            if control.stop_requested.is_set():
                self.model.stop_training = True

        def on_epoch_begin(self, epoch: int, logs: Any = None) -> None:
            with self._lock:
                self.epoch = epoch + 1
                self._epoch_start = time.monotonic()
                self._paused_s = 0.0
                self._last_batch = 0

        def on_train_batch_begin(self, batch: int, logs: Any = None) -> None:
            if fault and self.epoch == 1 and batch == 1:
                inject_fault(fault)
            if control.paused and not control.stop_requested.is_set():
                t0 = time.monotonic()
                channel.emit(p.EV_PAUSED, epoch=self.epoch, batch=batch)
                control.running.wait()
                with self._lock:
                    self._paused_s += time.monotonic() - t0
                if not control.stop_requested.is_set():
                    channel.emit(p.EV_RESUMED, epoch=self.epoch, batch=batch)
            if control.stop_requested.is_set():
                # The batch that was running when "stop" came has finished. Leaving fit()
                # here (not only setting stop_training, which Keras checks after the
                # *next* batch) also skips validating a partial epoch, so a stop ends in
                # well under a second; the weights stay in the model.
                self.model.stop_training = True
                raise StopRequested

        def on_test_batch_begin(self, batch: int, logs: Any = None) -> None:
            # Validation inside fit(): a stop need not wait for it either.
            if control.stop_requested.is_set():
                raise StopRequested

        def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
            # Runs on Keras' callback thread pool: keep it short and thread-safe.
            logs = logs or {}
            done = batch + 1
            loss = logs.get("loss")
            if loss is not None and not math.isfinite(float(loss)):
                with self._lock:
                    if self.nan_at is None:
                        self.nan_at = (self.epoch, done)
                self.model.stop_training = True
                return
            if control.stop_requested.is_set():
                self.model.stop_training = True
                return  # no batch events after a stop
            now = time.monotonic()
            with self._lock:
                if done <= self._last_batch:
                    return  # a later batch was already reported
                if now - self._last_emit < BATCH_EVENT_INTERVAL_S and done < steps:
                    return
                self._last_emit, self._last_batch = now, done
                elapsed = max(now - self._epoch_start - self._paused_s, 1e-9)
                epoch = self.epoch
            per_step = elapsed / done
            remaining = (steps - done) + (epochs - epoch) * steps
            channel.emit(
                p.EV_BATCH,
                unless=control.stop_requested.is_set,
                epoch=epoch,
                batch=done,
                steps=steps,
                logs={k: float(v) for k, v in logs.items()},
                samples_per_sec=min(done * batch_size, samples) / elapsed,
                eta_s=remaining * per_step,
            )

        def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
            logs = {k: float(v) for k, v in (logs or {}).items()}
            loss = logs.get("loss")
            if loss is not None and not math.isfinite(loss):
                if self.nan_at is None:
                    self.nan_at = (epoch + 1, steps)
                self.model.stop_training = True
                return
            self.last_logs = logs
            for key, value in logs.items():
                self.history.setdefault(key, []).append(value if math.isfinite(value) else None)
            channel.emit(p.EV_EPOCH, epoch=epoch + 1, logs=logs)

    return Progress()
