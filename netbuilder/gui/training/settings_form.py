"""The hyperparameter form: optimizer, loss per output, metrics, epochs, callbacks.

Every change becomes an undoable :class:`SetProjectSection` edit of
``project.training`` (changes to one field merge into one undo step), so the
document is marked modified and Ctrl+Z restores the previous settings. The form
reloads itself after undo/redo and when another project is opened.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.training.settings import LOSSES, METRICS, OPTIMIZERS, TrainingSettings
from ..document import Document
from .project_edits import SetProjectSection

MONITORS = ("val_loss", "loss", "val_accuracy", "accuracy")


def settings_summary(settings: dict[str, Any]) -> str:
    """``adam lr=0.001 · 5 epochs · batch 32`` for tables and tooltips."""
    s = TrainingSettings.from_dict(settings)
    loss = s.loss if isinstance(s.loss, str) else ", ".join(f"{k}={v}" for k, v in s.loss.items())
    return f"{s.optimizer} lr={s.learning_rate:g} · {s.epochs} ep · batch {s.batch_size} · {loss}"


class SettingsForm(QWidget):
    """Edits ``document.project.training`` through undoable edits."""

    settingsChanged = Signal()

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._loading = False

        self.optimizer = QComboBox()
        self.optimizer.addItems(OPTIMIZERS)
        self.learning_rate = QDoubleSpinBox()
        self.learning_rate.setDecimals(6)
        self.learning_rate.setRange(1e-6, 10.0)
        self.learning_rate.setSingleStep(0.0005)
        self.momentum = QDoubleSpinBox()
        self.momentum.setRange(0.0, 0.999)
        self.momentum.setDecimals(3)
        self.momentum.setSingleStep(0.05)
        self.loss = QComboBox()
        self.loss.addItems(LOSSES)
        self.output_losses: dict[str, QComboBox] = {}
        self._loss_box = QFormLayout()
        self.metrics = QListWidget()
        self.metrics.setMaximumHeight(90)
        for name in METRICS:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.metrics.addItem(item)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 100_000)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 1_000_000)
        self.validation_split = QDoubleSpinBox()
        self.validation_split.setRange(0.0, 0.9)
        self.validation_split.setSingleStep(0.05)
        self.shuffle = QCheckBox(self.tr("Shuffle each epoch"))
        self.seed = QSpinBox()
        self.seed.setRange(-1, 2**31 - 1)
        self.seed.setSpecialValueText(self.tr("random"))

        self.early_stopping = QGroupBox(self.tr("Early stopping"))
        self.early_stopping.setCheckable(True)
        self.es_monitor = QComboBox()
        self.es_monitor.addItems(MONITORS)
        self.es_patience = QSpinBox()
        self.es_patience.setRange(0, 1000)
        self.es_restore = QCheckBox(self.tr("Restore best weights"))
        es_form = QFormLayout(self.early_stopping)
        es_form.addRow(self.tr("Monitor"), self.es_monitor)
        es_form.addRow(self.tr("Patience"), self.es_patience)
        es_form.addRow(self.es_restore)

        self.reduce_lr = QGroupBox(self.tr("Reduce learning rate on plateau"))
        self.reduce_lr.setCheckable(True)
        self.rl_factor = QDoubleSpinBox()
        self.rl_factor.setRange(0.01, 0.99)
        self.rl_factor.setSingleStep(0.05)
        self.rl_patience = QSpinBox()
        self.rl_patience.setRange(0, 1000)
        rl_form = QFormLayout(self.reduce_lr)
        rl_form.addRow(self.tr("Factor"), self.rl_factor)
        rl_form.addRow(self.tr("Patience"), self.rl_patience)

        self.checkpoint = QCheckBox(self.tr("Keep the best model (by validation loss)"))
        self.tensorboard = QLineEdit()
        self.tensorboard.setPlaceholderText(self.tr("no TensorBoard logs"))
        browse = QPushButton(self.tr("…"))
        browse.clicked.connect(self._browse_tensorboard)
        tb_row = QHBoxLayout()
        tb_row.addWidget(self.tensorboard, 1)
        tb_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("Optimizer"), self.optimizer)
        form.addRow(self.tr("Learning rate"), self.learning_rate)
        form.addRow(self.tr("Momentum"), self.momentum)
        form.addRow(self.tr("Loss"), self.loss)
        form.addRow(self._loss_box)
        form.addRow(self.tr("Metrics"), self.metrics)
        form.addRow(self.tr("Epochs"), self.epochs)
        form.addRow(self.tr("Batch size"), self.batch_size)
        form.addRow(self.tr("Validation split"), self.validation_split)
        form.addRow(self.shuffle)
        form.addRow(self.tr("Random seed"), self.seed)
        form.addRow(self.checkpoint)
        form.addRow(self.tr("TensorBoard log folder"), tb_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.early_stopping)
        layout.addWidget(self.reduce_lr)
        layout.addStretch(1)

        self._sync_outputs()
        self.load()
        for combo in (self.optimizer, self.loss, self.es_monitor):
            combo.currentTextChanged.connect(self._changed)
        for spin in (
            self.learning_rate,
            self.momentum,
            self.epochs,
            self.batch_size,
            self.validation_split,
            self.seed,
            self.es_patience,
            self.rl_factor,
            self.rl_patience,
        ):
            spin.valueChanged.connect(self._changed)
        for check in (self.shuffle, self.es_restore, self.checkpoint):
            check.toggled.connect(self._changed)
        for group in (self.early_stopping, self.reduce_lr):
            group.toggled.connect(self._changed)
        self.metrics.itemChanged.connect(self._changed)
        self.tensorboard.editingFinished.connect(self._changed)
        document.undo_stack.indexChanged.connect(self._external_change)
        document.projectReplaced.connect(self.load)
        document.analysisChanged.connect(self._sync_outputs)

    # -- model -> form ------------------------------------------------------------------
    def settings(self) -> TrainingSettings:
        return TrainingSettings.from_dict(self.document.project.training)

    def _external_change(self, *_args: object) -> None:
        if self._read() != self.settings().to_dict():
            self.load()

    def _output_names(self) -> list[str]:
        return [n.name for n in self.document.graph.output_nodes()]

    def _sync_outputs(self) -> None:
        """One loss selector per output when the model has several outputs."""
        names = self._output_names()
        if len(names) < 2:
            names = []
        if list(self.output_losses) == names:
            return
        while self._loss_box.rowCount():
            self._loss_box.removeRow(0)
        self.output_losses = {}
        for name in names:
            combo = QComboBox()
            combo.addItems(LOSSES)
            combo.currentTextChanged.connect(self._changed)
            self.output_losses[name] = combo
            self._loss_box.addRow(self.tr("Loss of {0}").replace("{0}", name), combo)
        self.loss.setEnabled(not names)
        self.load()

    def load(self) -> None:
        """Show the project's settings (without pushing edits)."""
        self._loading = True
        try:
            s = self.settings()
            self.optimizer.setCurrentText(s.optimizer)
            self.learning_rate.setValue(float(s.learning_rate))
            self.momentum.setValue(float(s.momentum or 0.0))
            self.loss.setCurrentText(s.loss if isinstance(s.loss, str) else "auto")
            for name, combo in self.output_losses.items():
                combo.setCurrentText(s.loss_for(name))
            chosen = set(
                s.metrics_for(self._first_output()) if isinstance(s.metrics, dict) else s.metrics
            )
            for i in range(self.metrics.count()):
                item = self.metrics.item(i)
                on = item.text() in chosen
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.epochs.setValue(int(s.epochs))
            self.batch_size.setValue(int(s.batch_size))
            self.validation_split.setValue(float(s.validation_split or 0.0))
            self.shuffle.setChecked(bool(s.shuffle))
            self.seed.setValue(-1 if s.seed is None else int(s.seed))
            es = s.early_stopping or {}
            self.early_stopping.setChecked(s.early_stopping is not None)
            self.es_monitor.setCurrentText(str(es.get("monitor", "val_loss")))
            self.es_patience.setValue(int(es.get("patience", 3)))
            self.es_restore.setChecked(bool(es.get("restore_best_weights", True)))
            rl = s.reduce_lr or {}
            self.reduce_lr.setChecked(s.reduce_lr is not None)
            self.rl_factor.setValue(float(rl.get("factor", 0.5)))
            self.rl_patience.setValue(int(rl.get("patience", 2)))
            self.checkpoint.setChecked(bool(s.checkpoint))
            self.tensorboard.setText(s.tensorboard or "")
            self.momentum.setEnabled(s.optimizer in ("sgd", "rmsprop"))
        finally:
            self._loading = False

    def _first_output(self) -> str:
        names = self._output_names()
        return names[0] if names else ""

    # -- form -> model ------------------------------------------------------------------
    def _read(self) -> dict[str, Any]:
        s = self.settings()
        s.optimizer = self.optimizer.currentText()
        s.learning_rate = float(self.learning_rate.value())
        s.momentum = float(self.momentum.value())
        if self.output_losses:
            s.loss = {name: combo.currentText() for name, combo in self.output_losses.items()}
        else:
            s.loss = self.loss.currentText()
        s.metrics = [
            self.metrics.item(i).text()
            for i in range(self.metrics.count())
            if self.metrics.item(i).checkState() == Qt.CheckState.Checked
        ]
        s.epochs = int(self.epochs.value())
        s.batch_size = int(self.batch_size.value())
        s.validation_split = round(float(self.validation_split.value()), 4)
        s.shuffle = self.shuffle.isChecked()
        s.seed = None if self.seed.value() < 0 else int(self.seed.value())
        s.early_stopping = (
            {
                "monitor": self.es_monitor.currentText(),
                "patience": int(self.es_patience.value()),
                "restore_best_weights": self.es_restore.isChecked(),
            }
            if self.early_stopping.isChecked()
            else None
        )
        s.reduce_lr = (
            {"factor": float(self.rl_factor.value()), "patience": int(self.rl_patience.value())}
            if self.reduce_lr.isChecked()
            else None
        )
        s.checkpoint = self.checkpoint.isChecked()
        s.tensorboard = self.tensorboard.text().strip() or None
        return s.to_dict()

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        new = self._read()
        old = self.settings().to_dict()
        if new == old:
            return
        changed = sorted(k for k in new if new[k] != old.get(k))
        self.momentum.setEnabled(new["optimizer"] in ("sgd", "rmsprop"))
        self.document.push(
            SetProjectSection(
                self.document.project,
                "training",
                new,
                self.tr("Change training settings"),
                key=",".join(changed),
            )
        )
        self.settingsChanged.emit()

    def _browse_tensorboard(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("TensorBoard log folder"))
        if folder:
            self.tensorboard.setText(folder)
            self._changed()
