"""Drives training runs from the GUI: one worker process ahead of time, events polled at 10 Hz.

The controller owns a :class:`~netbuilder.core.training.client.WorkerClient`
that is started when the controller is created, so TensorFlow's import is paid
before the user presses Train. Train sends a job with a snapshot of the project
(later edits never reach the running job), events are polled on the GUI thread
by a QTimer and re-emitted as Qt signals, and every run is recorded with a
:class:`~netbuilder.core.training.runs.RunStore`: next to the project file when
it has one, otherwise in a temporary folder kept for the session.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.project import project_to_dict
from ...core.training import protocol as p
from ...core.training.client import WorkerClient
from ...core.training.runs import RunError, RunRecord, RunStore
from ...core.training.settings import TrainingSettings
from ..document import Document

POLL_MS = 100  # 10 Hz
# The spare worker starts this long after the dock: the window paints first instead of
# competing with TensorFlow's import for the CPU, and the import is still done long
# before a user has chosen data and pressed Train.
WARM_UP_DELAY_MS = 1500

# states
IDLE, RUNNING, PAUSED, STOPPING = "idle", "running", "paused", "stopping"


class TrainingController(QObject):
    """Runs jobs in worker processes and reports their progress as signals."""

    stateChanged = Signal(str)
    runStarted = Signal(object)  # RunRecord
    started = Signal(dict)  # the worker's "started" event
    batch = Signal(dict)
    epoch = Signal(dict)
    log = Signal(str)
    finished = Signal(object)  # RunRecord (done or stopped)
    failed = Signal(str, object)  # one-sentence message, RunRecord or None
    workerReady = Signal()

    def __init__(
        self,
        document: Document,
        parent: QObject | None = None,
        worker_env: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.worker_env = dict(worker_env or {})
        self.state = IDLE
        self.client: WorkerClient | None = None
        self.record: RunRecord | None = None
        self.history: dict[str, list[float | None]] = {}
        self.last_error: str | None = None
        self._temp_dir: str | None = None
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        QTimer.singleShot(WARM_UP_DELAY_MS, self, self._warm_up)

    # -- worker lifecycle ---------------------------------------------------------------
    def _warm_up(self) -> None:
        """Start the next worker now so its TensorFlow import overlaps with the user's work."""
        if self.client is None and not self._closed:
            self.client = WorkerClient(env=self.worker_env).start()

    @property
    def worker_ready(self) -> bool:
        return self.client is not None and self.client.ready

    def _retire(self, client: WorkerClient) -> None:
        # close() waits for the process; never on the GUI thread.
        threading.Thread(target=client.close, daemon=True).start()

    def shutdown(self) -> None:
        """Stop polling and end the worker (the dock is closing)."""
        self._closed = True
        self._timer.stop()
        client, self.client = self.client, None
        if client is not None:
            if self.state != IDLE:
                client.kill()
            self._retire(client)
        if self._temp_dir:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    # -- runs ---------------------------------------------------------------------------
    def store(self) -> RunStore:
        """Runs next to the saved project, else in a temporary folder for this session."""
        if self.document.path is not None:
            return RunStore(self.document.path)
        if self._temp_dir is None:
            self._temp_dir = tempfile.mkdtemp(prefix="netbuilder-runs-")
        return RunStore(self._temp_dir)

    def adopt_session_runs(self) -> int:
        """Once the project has a file, move the runs made while it had none next to it.

        Waits while a run is in progress (its worker writes into the folder).
        Returns how many runs moved.
        """
        if self._temp_dir is None or self.document.path is None or self.busy:
            return 0
        target = RunStore(self.document.path).root
        moved = 0
        for entry in sorted(Path(self._temp_dir).iterdir()):
            if entry.is_dir() and not (target / entry.name).exists():
                target.mkdir(parents=True, exist_ok=True)
                shutil.move(str(entry), str(target / entry.name))
                moved += 1
        shutil.rmtree(self._temp_dir, ignore_errors=True)
        self._temp_dir = None
        return moved

    def base_dir(self) -> str:
        return str(self.document.path.parent) if self.document.path else str(Path.cwd())

    @property
    def busy(self) -> bool:
        return self.state != IDLE

    def train(
        self, data: dict[str, Any] | None = None, job_extra: dict[str, Any] | None = None
    ) -> RunRecord:
        """Start a run on a snapshot of the project; returns its record.

        ``data`` overrides the project's data source for this run; ``job_extra``
        adds fields to the job (e.g. the worker's test-only ``_fault`` hook).
        """
        if self.busy:
            raise RuntimeError("a run is already in progress")
        if self._closed:  # used again after shutdown()
            self._closed = False
            self._timer.start()
        if self.client is not None and self.client.finished:
            self._retire(self.client)
            self.client = None
        self._warm_up()
        assert self.client is not None
        snapshot = project_to_dict(self.document.project)
        settings = TrainingSettings.from_dict(snapshot.get("training")).to_dict()
        data_spec = dict(data if data is not None else snapshot.get("data") or {})
        record = self.store().create(snapshot, settings=settings, data=data_spec)
        record.mark_running()
        self.record = record
        self.history = {}
        self.last_error = None
        job = {
            "project": snapshot,
            "settings": settings,
            "data": data_spec,
            "base_dir": self.base_dir(),
            "run_dir": str(record.dir),
            "evaluate": True,
            **(job_extra or {}),
        }
        self.client.submit(job)
        self._set_state(RUNNING)
        self.runStarted.emit(record)
        return record

    def pause(self) -> None:
        if self.client is not None and self.state == RUNNING:
            self.client.pause()

    def resume(self) -> None:
        if self.client is not None and self.state == PAUSED:
            self.client.resume()

    def stop(self) -> None:
        """Graceful stop after the current batch; a second call kills the worker."""
        if self.client is not None and self.busy:
            self.client.stop()
            self._set_state(STOPPING)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    # -- events -------------------------------------------------------------------------
    def poll(self) -> None:
        """Take the worker's events (GUI thread, from the timer)."""
        client = self.client
        if client is None:
            return
        for ev in client.poll_events():
            self._handle(ev)
            if self.client is not client:
                return  # the run ended and a fresh worker took over
        if self.state == IDLE and client.finished:
            # The spare worker died before any job (e.g. TensorFlow failed to import):
            # drop it; the next Train starts another instead of respawning in a loop.
            self.client = None
            self._retire(client)

    def _handle(self, ev: dict[str, Any]) -> None:
        name = ev.get("event")
        if name == p.EV_READY:
            self.workerReady.emit()
        elif name == p.EV_STARTED:
            self.started.emit(ev)
        elif name == p.EV_BATCH:
            self.batch.emit(ev)
        elif name == p.EV_EPOCH:
            for key, value in (ev.get("logs") or {}).items():
                self.history.setdefault(key, []).append(value)
            self.epoch.emit(ev)
        elif name == p.EV_LOG:
            self.log.emit(str(ev.get("message", "")))
        elif name == p.EV_PAUSED:
            self._set_state(PAUSED)
        elif name == p.EV_RESUMED:
            self._set_state(RUNNING)
        elif name == p.EV_STOPPING:
            self._set_state(STOPPING)
        elif name == p.EV_DONE:
            self._on_done(ev)
        elif name == p.EV_ERROR:
            self._on_error(ev)

    def _on_done(self, ev: dict[str, Any]) -> None:
        record = self.record
        if record is not None:
            record.finish(ev)
        self._end_run()
        record = self._relocated(record)
        self.finished.emit(record)

    def _on_error(self, ev: dict[str, Any]) -> None:
        message = str(ev.get("message") or "")
        self.last_error = message
        record = self.record
        if record is not None:
            record.fail(ev, self.history)
        if self.state == IDLE:
            # No job was running: the spare worker failed; report it once.
            self.failed.emit(message, None)
            return
        self._end_run()
        self.failed.emit(message, self._relocated(record))

    def _relocated(self, record: RunRecord | None) -> RunRecord | None:
        """The record again after adopt_session_runs moved its folder next to the project."""
        if record is None or record.dir.exists():
            return record
        try:
            return self.store().load(record.id)
        except RunError:
            return record

    def _end_run(self) -> None:
        client = self.client
        self._set_state(IDLE)
        self.adopt_session_runs()
        if client is not None:
            self._replace_worker(client)

    def _replace_worker(self, client: WorkerClient) -> None:
        """A worker runs one job: retire it and start the next one at once."""
        self.client = None
        self._retire(client)
        self._warm_up()
