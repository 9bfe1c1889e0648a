"""The parent side of the training worker (Qt-free): spawn, command, read events.

:class:`WorkerClient` starts ``python -m netbuilder.core.training.worker`` with
pipes (``subprocess.Popen`` uses fork+exec, i.e. spawn semantics: nothing of
the parent's threads is carried over), reads its stdout on a thread into a
queue and keeps the tail of its stderr. The CLI blocks on :meth:`wait_event`;
the GUI polls :meth:`poll_events` from a QTimer.

A worker runs one job; create a new client (and :meth:`~WorkerClient.start` it
early) for the next run. When the process ends without a ``done`` or ``error``
event (abort, segfault, out-of-memory kill), the client makes up an ``error``
event that names the signal and quotes the end of stderr.
"""

from __future__ import annotations

import collections
import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

from ..messages import tr
from . import protocol as p

STOP_GRACE_S = 3.0
STDERR_TAIL_LINES = 40
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[3])


def signal_name(returncode: int | None) -> str | None:
    """``SIGSEGV`` for a process killed by signal 11 (return code -11), else None."""
    if returncode is None or returncode >= 0:
        return None
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


_TF_LOG_LINE = re.compile(r"^[IWEF]\d{4} |^WARNING: All log messages before absl")


def last_message(stderr: str) -> str:
    """The most telling line of a crashed worker's stderr (faulthandler's verdict if any)."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    for ln in reversed(lines):
        if ln.startswith("Fatal Python error"):
            return ln
    for ln in reversed(lines):
        if not _TF_LOG_LINE.match(ln) and not ln.startswith(("File ", "Thread ", "Current thread")):
            return ln
    return ""


class WorkerClient:
    """One training worker process and its event stream."""

    def __init__(
        self,
        python: str = sys.executable,
        env: dict[str, str] | None = None,
        stop_grace_s: float = STOP_GRACE_S,
    ) -> None:
        self.python = python
        self.extra_env = dict(env or {})
        self.stop_grace_s = stop_grace_s
        self.ready = False
        self.info: dict[str, Any] = {}
        self.events_seen: list[dict[str, Any]] = []
        self._proc: subprocess.Popen[bytes] | None = None
        self._queue: queue.Queue[dict[str, Any]] = queue.Queue()
        self._stderr: collections.deque[str] = collections.deque(maxlen=STDERR_TAIL_LINES)
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._finished = False  # a done/error event arrived (or was made up)
        self._submitted = False
        self._stop_sent = False
        self._killed_by_us = False
        self._closing = False
        self._grace_timer: threading.Timer | None = None

    # -- process ----------------------------------------------------------------------
    def start(self) -> WorkerClient:
        """Spawn the worker now (TensorFlow starts importing at once); returns self."""
        if self._proc is not None:
            return self
        env = dict(os.environ)
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        env["PYTHONUNBUFFERED"] = "1"
        env["PYTHONIOENCODING"] = "utf-8"
        env["PYTHONPATH"] = os.pathsep.join(
            x for x in (_PACKAGE_ROOT, env.get("PYTHONPATH", "")) if x
        )
        env.update(self.extra_env)
        self._proc = subprocess.Popen(
            [self.python, "-m", p.WORKER_MODULE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # Ctrl+C in a terminal reaches the parent only
            close_fds=True,
        )
        for target, stream in (
            (self._read_stdout, self._proc.stdout),
            (self._read_stderr, self._proc.stderr),
        ):
            t = threading.Thread(target=target, args=(stream,), daemon=True)
            t.start()
            self._threads.append(t)
        return self

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def returncode(self) -> int | None:
        return None if self._proc is None else self._proc.poll()

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else self._proc.pid

    @property
    def finished(self) -> bool:
        """True once the job ended (a ``done`` or ``error`` event arrived or was made up)."""
        return self._finished

    def stderr_tail(self) -> str:
        with self._lock:
            return "".join(self._stderr)

    # -- commands ---------------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> bool:
        proc = self._proc
        if proc is None or proc.stdin is None or proc.poll() is not None:
            return False
        try:
            proc.stdin.write(p.encode(message).encode("utf-8"))
            proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            return False  # the reader thread reports how the process ended
        return True

    def submit(self, job: dict[str, Any]) -> None:
        """Send the job (starting the worker first if needed)."""
        self.start()
        self._submitted = True
        self._send(p.command(p.CMD_START, job=job))

    def pause(self) -> None:
        self._send(p.command(p.CMD_PAUSE))

    def resume(self) -> None:
        self._send(p.command(p.CMD_RESUME))

    def stop(self) -> None:
        """Graceful stop after the current batch; a second call, or no end within the
        grace period, kills the worker."""
        if not self._submitted or self._finished:
            return  # nothing is training: an idle worker stays ready for a job
        if self._stop_sent:
            self.kill()
            return
        self._stop_sent = True
        if not self._send(p.command(p.CMD_STOP)):
            return
        timer = threading.Timer(self.stop_grace_s, self._grace_expired)
        timer.daemon = True
        self._grace_timer = timer
        timer.start()

    def _grace_expired(self) -> None:
        if not self._finished:
            self.kill()

    def kill(self) -> None:
        """End the worker at once (SIGKILL to its whole session)."""
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        self._killed_by_us = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            with contextlib.suppress(ProcessLookupError):
                proc.kill()

    def close(self, timeout: float = 5.0) -> None:
        """Ask the worker to quit, kill it if it lingers, and join the reader threads."""
        self._closing = True
        if self._grace_timer is not None:
            self._grace_timer.cancel()
        proc = self._proc
        if proc is None:
            return
        self._send(p.command(p.CMD_QUIT))
        with contextlib.suppress(OSError, ValueError):
            if proc.stdin is not None:
                proc.stdin.close()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            proc.wait(timeout=5)
        for t in self._threads:
            t.join(timeout=2)

    # -- events -----------------------------------------------------------------------
    def poll_events(self, max_n: int | None = None) -> list[dict[str, Any]]:
        """Events received since the last call, without blocking."""
        out: list[dict[str, Any]] = []
        while max_n is None or len(out) < max_n:
            try:
                out.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return out

    def next_event(self, timeout: float | None = None) -> dict[str, Any] | None:
        """The next event, waiting up to ``timeout`` seconds (None: forever); None on timeout."""
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def wait_event(self, name: str | tuple[str, ...], timeout: float = 60.0) -> dict[str, Any]:
        """Take events until one named ``name`` (or one of several) arrives; returns it.

        Events taken on the way stay in :attr:`events_seen`. Raises TimeoutError.
        """
        names = (name,) if isinstance(name, str) else tuple(name)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {'/'.join(names)} event within {timeout} s")
            try:
                ev = self._queue.get(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            if ev.get("event") in names:
                return ev

    # -- reader threads ---------------------------------------------------------------
    def _deliver(self, ev: dict[str, Any]) -> None:
        name = ev.get("event")
        if name == p.EV_READY:
            self.ready = True
            self.info = ev
        if name in p.TERMINAL_EVENTS:
            if self._finished:
                return
            self._finished = True
            if self._grace_timer is not None:
                self._grace_timer.cancel()
        with self._lock:
            self.events_seen.append(ev)
        self._queue.put(ev)

    def _read_stdout(self, stream: IO[bytes]) -> None:
        for raw in iter(stream.readline, b""):
            try:
                ev = p.decode(raw)
            except p.ProtocolError:
                # Something printed to the real stdout despite the redirect: keep it as a log.
                text = raw.decode("utf-8", errors="replace").rstrip()
                ev = p.event(p.EV_LOG, level="stderr", message=text)
            if "event" in ev:
                self._deliver(ev)
        proc = self._proc
        assert proc is not None
        # stdout closed: the process is ending; give stderr a moment to drain.
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        for t in self._threads[1:]:
            t.join(timeout=1)
        if not self._finished and not (self._closing and not self._submitted):
            self._deliver(self._death_event(proc.poll()))

    def _read_stderr(self, stream: IO[bytes]) -> None:
        for raw in iter(stream.readline, b""):
            with self._lock:
                self._stderr.append(raw.decode("utf-8", errors="replace"))

    def _death_event(self, returncode: int | None) -> dict[str, Any]:
        tail = self.stderr_tail().strip()
        last = last_message(tail)
        sig = signal_name(returncode)
        if self._killed_by_us:
            message = tr(
                "the training process was ended by force because it did not stop in time; "
                "this run's model was not saved"
            )
        elif sig == "SIGKILL":
            message = tr(
                "the training process was killed (SIGKILL), most likely because the computer "
                "ran out of memory; try a smaller batch size or model"
            )
        elif sig is not None:
            message = tr(
                "the training process crashed ({signal}); the editor and the project are "
                "unaffected. Last message: {last}",
                signal=sig,
                last=last or tr("none"),
            )
        else:
            message = tr(
                "the training process ended unexpectedly (exit code {code}). Last message: {last}",
                code=returncode,
                last=last or tr("none"),
            )
        return p.event(
            p.EV_ERROR,
            message=message,
            detail=tail,
            returncode=returncode,
            signal=sig,
            killed=self._killed_by_us,
        )

    def __enter__(self) -> WorkerClient:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
