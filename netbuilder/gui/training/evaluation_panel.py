"""The evaluation tab: held-out metrics, confusion matrix, sample predictions, Predict, Save.

The numbers come from the worker's ``done`` event (stored in the run record).
"Predict" runs :mod:`predict_job` in a separate process from a pool thread, so
Keras never loads into the editor; "Save trained model" copies the run's
``.keras`` file off the GUI thread.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.training.runs import RunRecord, metric_order
from ..background import run_in_background

PREDICT_SCRIPT = str(Path(__file__).with_name("predict_job.py"))
PACKAGE_ROOT = str(Path(__file__).resolve().parents[3])
PREDICT_TIMEOUT_S = 300


def run_predict(request: dict[str, Any]) -> dict[str, Any]:
    """Run predict_job.py in a child process (pool thread); returns its answer."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(x for x in (PACKAGE_ROOT, env.get("PYTHONPATH")) if x)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    done = subprocess.run(
        [sys.executable, PREDICT_SCRIPT],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        env=env,
        timeout=PREDICT_TIMEOUT_S,
        check=False,
    )
    lines = [ln for ln in done.stdout.splitlines() if ln.strip().startswith("{")]
    if not lines:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
        raise RuntimeError(tail[0])
    answer = json.loads(lines[-1])
    if "error" in answer:
        raise RuntimeError(answer["error"])
    return answer


class EvaluationPanel(QWidget):
    """Shows one run's evaluation and offers Predict and Save."""

    message = Signal(str)
    predicted = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: RunRecord | None = None
        self.base_dir = "."
        self.figure: Any = None
        self.canvas: Any = None

        self.summary = QLabel(self.tr("Train a model to see how it does on held-out data."))
        self.summary.setWordWrap(True)
        self.metrics = QTableWidget(0, 2)
        self.metrics.setHorizontalHeaderLabels([self.tr("Metric"), self.tr("Value")])
        self.samples = QTableWidget(0, 5)
        self.samples.setHorizontalHeaderLabels(
            [self.tr("Sample"), self.tr("True"), self.tr("Predicted"), self.tr("Confidence"), ""]
        )
        for table in (self.metrics, self.samples):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setStretchLastSection(True)
        self.matrix_box = QVBoxLayout()
        self.matrix_holder = QWidget()
        self.matrix_holder.setLayout(self.matrix_box)

        self.sample_index = QSpinBox()
        self.sample_index.setRange(0, 1_000_000)
        self.predict_button = QPushButton(self.tr("Predict sample"))
        self.predict_button.clicked.connect(self.predict)
        self.prediction = QLabel()
        self.prediction.setWordWrap(True)
        self.predict_file_button = QPushButton(self.tr("Predict image file…"))
        self.predict_file_button.clicked.connect(self._predict_file_clicked)
        self.save_button = QPushButton(self.tr("Save trained model as .keras…"))
        self.save_button.clicked.connect(self._save_clicked)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Sample")))
        row.addWidget(self.sample_index)
        row.addWidget(self.predict_button)
        row.addWidget(self.predict_file_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        split = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.metrics)
        left_layout.addWidget(self.samples, 1)
        split.addWidget(left)
        split.addWidget(self.matrix_holder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        layout.addWidget(self.prediction)
        self.show_run(None)

    # -- showing a run ------------------------------------------------------------------
    def show_run(self, record: RunRecord | None, base_dir: str | None = None) -> None:
        self.record = record
        if base_dir is not None:
            self.base_dir = base_dir
        has_model = record is not None and record.has_model
        self.predict_button.setEnabled(has_model and bool(record and record.data))
        images = record is not None and record.data.get("kind") == "images"
        self.predict_file_button.setVisible(images)
        self.predict_file_button.setEnabled(has_model and images)
        self.save_button.setEnabled(has_model)
        self.prediction.clear()
        evaluation = (record.evaluation if record else None) or {}
        metrics = evaluation.get("metrics") or {}
        self.metrics.setRowCount(len(metrics))
        for row, key in enumerate(metric_order(metrics)):
            self.metrics.setItem(row, 0, QTableWidgetItem(key))
            self.metrics.setItem(row, 1, QTableWidgetItem(f"{metrics[key]:.4g}"))
        if record is None:
            self.summary.setText(self.tr("Train a model to see how it does on held-out data."))
        elif not evaluation:
            self.summary.setText(
                self.tr("This run has no evaluation ({0}).").replace("{0}", record.status)
            )
        else:
            on = evaluation.get("on", "validation")
            text = self.tr("Evaluated on {0} {1} samples.")
            self.summary.setText(
                text.replace("{0}", str(evaluation.get("samples_used", 0))).replace("{1}", on)
            )
        self._show_samples(evaluation)
        self._show_matrix(evaluation)

    def _show_samples(self, evaluation: dict[str, Any]) -> None:
        names = evaluation.get("class_names") or []
        samples = evaluation.get("samples") or []
        self.samples.setRowCount(len(samples))

        def name(i: int) -> str:
            return names[i] if 0 <= i < len(names) else str(i)

        for row, s in enumerate(samples):
            cells = (
                str(s["index"]),
                name(s["true"]),
                name(s["pred"]),
                f"{s['confidence']:.1%}",
                self.tr("right") if s["correct"] else self.tr("wrong"),
            )
            for col, text in enumerate(cells):
                self.samples.setItem(row, col, QTableWidgetItem(text))

    def _show_matrix(self, evaluation: dict[str, Any]) -> None:
        matrix = evaluation.get("confusion_matrix")
        if not matrix:
            if self.canvas is not None:
                self.figure.clear()
                self.canvas.draw_idle()
            return
        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self.figure = Figure(figsize=(3, 3), layout="constrained")
            self.canvas = FigureCanvasQTAgg(self.figure)
            self.matrix_box.addWidget(self.canvas)
        names = evaluation.get("class_names") or [str(i) for i in range(len(matrix))]
        self.figure.clear()
        ax = self.figure.subplots()
        ax.imshow(matrix, cmap="Blues")
        ax.set_title(self.tr("Confusion matrix"))
        ax.set_xlabel(self.tr("predicted"))
        ax.set_ylabel(self.tr("true"))
        ticks = range(len(matrix))
        ax.set_xticks(ticks, names[: len(matrix)], rotation=45, fontsize="small")
        ax.set_yticks(ticks, names[: len(matrix)], fontsize="small")
        top = max((max(r) for r in matrix), default=0)
        if len(matrix) <= 20:
            for i, row in enumerate(matrix):
                for j, count in enumerate(row):
                    color = "white" if count > top / 2 else "black"
                    ax.text(j, i, str(count), ha="center", va="center", color=color, fontsize=8)
        self.canvas.draw_idle()

    # -- predict and save ---------------------------------------------------------------
    def predict_request(self) -> dict[str, Any]:
        assert self.record is not None
        graph = self.record.graph_project().graph
        return {
            "model": str(self.record.model_path),
            "data": self.record.data,
            "inputs": [n.name for n in graph.input_nodes()],
            "outputs": [n.name for n in graph.output_nodes()],
            "seed": int(self.record.settings.get("seed") or 0),
            "base_dir": self.base_dir,
            "index": int(self.sample_index.value()),
        }

    def predict(self, file: str | None = None) -> None:
        """Predict the chosen data sample, or an image ``file``, in a child process."""
        if self.record is None or not self.record.has_model:
            return
        request = self.predict_request()
        if file:
            request["file"] = file
        self.predict_button.setEnabled(False)
        self.prediction.setText(self.tr("Predicting…"))
        run_in_background(
            run_predict,
            request,
            on_done=self._predicted,
            on_error=self._predict_failed,
        )

    def _predict_file_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Image to predict"),
            self.base_dir,
            self.tr("Images (*.png *.jpg *.jpeg *.bmp *.gif)"),
        )
        if path:
            self.predict(path)

    def _predicted(self, answer: dict[str, Any]) -> None:
        self.predict_button.setEnabled(True)
        parts = []
        evaluation = (self.record.evaluation if self.record else None) or {}
        for name, entry in (answer.get("prediction") or {}).items():
            true = (answer.get("true") or {}).get(name)
            classes = (answer.get("classes") or {}).get(name) or []
            if not classes and evaluation.get("output") == name:
                classes = evaluation.get("class_names") or []
            if "class" in entry:
                cls = entry["class"]
                label = classes[cls] if cls < len(classes) else str(cls)
                text = f"{name}: {label} ({entry['confidence']:.1%})"
            else:
                text = f"{name}: {entry['values']}"
            if true is not None:
                text += ", " + self.tr("true") + f" {true}"
            parts.append(text)
        where = Path(answer["file"]).name if answer.get("file") else f"#{answer.get('index')}"
        self.prediction.setText(f"{where}: " + "; ".join(parts))
        self.predicted.emit(answer)

    def _predict_failed(self, message: str) -> None:
        self.predict_button.setEnabled(True)
        self.prediction.setText(message)
        self.message.emit(message)

    def save_model(self, path: str | Path) -> None:
        """Copy the run's trained model to ``path`` (off the GUI thread)."""
        if self.record is None or not self.record.has_model:
            return
        target = str(path) if str(path).endswith(".keras") else f"{path}.keras"
        run_in_background(
            shutil.copyfile,
            str(self.record.model_path),
            target,
            on_done=lambda _r: self.message.emit(
                self.tr("Model saved to {0}").replace("{0}", target)
            ),
            on_error=self.message.emit,
        )

    def _save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save trained model"), "model.keras", self.tr("Keras models (*.keras)")
        )
        if path:
            self.save_model(path)
