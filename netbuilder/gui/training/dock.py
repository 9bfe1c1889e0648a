"""The training dock: Train/Pause/Resume/Stop, progress, and tabs for data, settings,
live plot, runs and evaluation.

``TrainingDock(document)`` is a QDockWidget; the main window adds it. Creating
it starts a spare worker process (TensorFlow imports while the user edits);
matplotlib loads only when the plot or a confusion matrix is first shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.training.runs import RunRecord
from ..document import Document
from .controller import IDLE, PAUSED, RUNNING, STOPPING, TrainingController
from .data_panel import DataPanel
from .evaluation_panel import EvaluationPanel
from .live_plot import LivePlot
from .runs_panel import RunsPanel, run_label
from .settings_form import SettingsForm


def format_eta(seconds: float | None) -> str:
    if seconds is None or seconds < 0:
        return "—"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class TrainingDock(QDockWidget):
    """Everything about training the document's model, in one dock."""

    def __init__(
        self,
        document: Document,
        parent: QWidget | None = None,
        worker_env: dict[str, str] | None = None,
    ) -> None:
        super().__init__(QCoreApplication.translate("TrainingDock", "Training"), parent)
        self.setObjectName("TrainingDock")
        self.document = document
        self.controller = TrainingController(document, self, worker_env=worker_env)
        self.epochs_total = 0
        self._auto_overlays: list[tuple[str, dict]] = []  # the previous run, when none selected

        self.train_button = QPushButton(self.tr("Train"))
        self.train_button.clicked.connect(self.train)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.clicked.connect(self.controller.pause)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.clicked.connect(self.controller.resume)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.controller.stop)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress_label = QLabel(self.tr("Starting the training process…"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.data_panel = DataPanel(document)
        self.settings_form = SettingsForm(document)
        self.plot = LivePlot()
        self.runs_panel = RunsPanel(document)
        self.evaluation = EvaluationPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.data_panel, self.tr("Data"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.settings_form)
        self.tabs.addTab(scroll, self.tr("Settings"))
        self.tabs.addTab(self.plot, self.tr("Live plot"))
        self.tabs.addTab(self.runs_panel, self.tr("Runs"))
        self.tabs.addTab(self.evaluation, self.tr("Evaluation"))

        buttons = QHBoxLayout()
        for b in (self.train_button, self.pause_button, self.resume_button, self.stop_button):
            buttons.addWidget(b)
        buttons.addWidget(self.progress, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tabs, 1)
        self.setWidget(body)

        c = self.controller
        c.stateChanged.connect(self._state_changed)
        c.workerReady.connect(self._worker_ready)
        c.runStarted.connect(self._run_started)
        c.started.connect(self._started)
        c.batch.connect(self._batch)
        c.epoch.connect(self._epoch)
        c.finished.connect(self._finished)
        c.failed.connect(self._failed)
        self.runs_panel.overlaysChanged.connect(self._overlays_changed)
        self.runs_panel.runSelected.connect(self._run_selected)
        for panel in (self.data_panel, self.runs_panel, self.evaluation):
            panel.message.connect(self.show_status)
        document.pathChanged.connect(self._store_changed)
        document.projectReplaced.connect(self._project_replaced)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._store_changed()
        self._state_changed(IDLE)

    # -- actions ------------------------------------------------------------------------
    def train(self) -> RunRecord | None:
        """Start a run on a snapshot of the project; returns its record (None if refused)."""
        if self.controller.busy:
            return None
        errors = self.document.analyzer.errors()
        if errors:
            self.show_error(
                self.tr("The graph has problems; fix them before training: {0}").replace(
                    "{0}", errors[0].message
                )
            )
            return None
        if not self.document.project.data:
            self.show_error(self.tr("Choose the training data first (Data tab)."))
            self.tabs.setCurrentWidget(self.data_panel)
            return None
        self.error_label.hide()
        return self.controller.train()

    def shutdown(self) -> None:
        """End the worker processes (window closing or tests)."""
        self.controller.shutdown()

    # -- feedback -----------------------------------------------------------------------
    def show_status(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow) and window is not self:
            window.statusBar().showMessage(text, 15000)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.show_status(text)

    def _worker_ready(self) -> None:
        # Only the first worker announces itself; later ones must not hide a run's outcome.
        if self.controller.state == IDLE and self.controller.record is None:
            self.progress_label.setText(self.tr("Ready to train."))

    def _state_changed(self, state: str) -> None:
        self.train_button.setEnabled(state == IDLE)
        self.pause_button.setEnabled(state == RUNNING)
        self.resume_button.setEnabled(state == PAUSED)
        self.stop_button.setEnabled(state in (RUNNING, PAUSED, STOPPING))
        self.stop_button.setText(self.tr("Kill") if state == STOPPING else self.tr("Stop"))
        if state == PAUSED:
            self.progress_label.setText(self.tr("Paused.") + " " + self.progress_label.text())
        elif state == STOPPING:
            self.progress_label.setText(self.tr("Stopping after the current batch…"))

    # -- run events ---------------------------------------------------------------------
    def _run_started(self, record: RunRecord) -> None:
        previous = [r for r in self.runs_panel.selected() if r.history]
        if not previous and self.runs_panel.records:
            last = self.runs_panel.records[-1]
            previous = [last] if last.history else []
        self._auto_overlays = [(run_label(r), r.history) for r in previous if r.id != record.id]
        self.plot.begin_run(run_label(record))
        self.plot.set_overlays(self._auto_overlays)
        self.runs_panel.refresh()
        self.progress.setRange(0, 0)  # busy until the worker reports its steps
        self.progress_label.setText(self.tr("Loading data and building the model…"))
        self.tabs.setCurrentWidget(self.plot)

    def _started(self, ev: dict[str, Any]) -> None:
        self.epochs_total = int(ev.get("epochs") or 1)
        self.plot.set_epochs(self.epochs_total)
        steps = int(ev.get("steps_per_epoch") or 1)
        self.progress.setRange(0, self.epochs_total * steps)
        self.progress.setValue(0)

    def _batch(self, ev: dict[str, Any]) -> None:
        self.plot.add_batch(ev)
        steps = int(ev.get("steps") or 1)
        epoch, batch = int(ev.get("epoch") or 1), int(ev.get("batch") or 0)
        self.progress.setRange(0, max(self.epochs_total, 1) * steps)
        self.progress.setValue((epoch - 1) * steps + batch)
        text = self.tr("Epoch {0}/{1} · batch {2}/{3} · {4} samples/s · ETA {5}")
        values = (
            epoch,
            self.epochs_total,
            batch,
            steps,
            f"{float(ev.get('samples_per_sec') or 0):.0f}",
            format_eta(ev.get("eta_s")),
        )
        for i, value in enumerate(values):
            text = text.replace("{" + str(i) + "}", str(value))
        if self.controller.state == RUNNING:
            self.progress_label.setText(text)

    def _epoch(self, ev: dict[str, Any]) -> None:
        self.plot.add_epoch(ev)

    def _finished(self, record: RunRecord | None) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        stopped = record is not None and record.status == "stopped"
        text = (
            self.tr("Training stopped; the model so far is kept.")
            if stopped
            else self.tr("Training finished.")
        )
        self.progress_label.setText(text)
        self.show_status(text)
        self._store_changed()
        if record is not None:
            self.evaluation.show_run(record, self.controller.base_dir())

    def _failed(self, message: str, record: RunRecord | None) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress_label.setText(self.tr("Training failed."))
        self.show_error(message)
        self._store_changed()

    def _project_replaced(self) -> None:
        """Another project is open: its runs, no evaluation, an empty plot (unless training)."""
        self._store_changed()
        if not self.controller.busy:
            self._auto_overlays = []
            self.plot.begin_run("")
            self.plot.set_overlays([])
            self.evaluation.show_run(None)
            self.error_label.hide()

    # -- runs -----------------------------------------------------------------------------
    def _store_changed(self, *_args: object) -> None:
        self.controller.adopt_session_runs()
        self.runs_panel.set_store(self.controller.store())

    def _overlays_changed(self, records: list[RunRecord]) -> None:
        current = self.controller.record.id if self.controller.record else None
        chosen = [(run_label(r), r.history) for r in records if r.id != current]
        self.plot.set_overlays(chosen or self._auto_overlays)

    def _run_selected(self, record: RunRecord | None) -> None:
        if record is not None:
            self.evaluation.show_run(record, self.controller.base_dir())
