"""Choosers for file data: CSV target/feature columns and task, NPZ arrays per input/output.

Reading a CSV header or an ``.npz`` file's index is cheap (no arrays are
loaded), so it happens on the GUI thread when the source changes.
"""

from __future__ import annotations

import csv
import os
import zipfile
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

TASKS = ("auto", "classification", "regression")


def csv_header(path: str, delimiter: str = ",") -> list[str]:
    """The column names of a CSV file (empty when it cannot be read)."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.reader(f, delimiter=delimiter):
                if any(row):
                    return [h.strip() for h in row]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []
    return []


def npz_arrays(path: str) -> list[str]:
    """The array names stored in an ``.npz`` file, in file order (empty when unreadable)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return []
    return [n[:-4] for n in names if n.endswith(".npy")]


class SourceOptions(QWidget):
    """Options of the current file source; emits the edited spec."""

    specEdited = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: dict[str, Any] = {}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.target: QComboBox | None = None
        self.task: QComboBox | None = None
        self.features: QListWidget | None = None
        self.array_combos: dict[tuple[str, int], QComboBox] = {}
        self._building = False

    def _clear(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.target = self.task = self.features = None
        self.array_combos = {}

    def set_spec(
        self, spec: dict[str, Any], base_dir: str, inputs: list[str], outputs: list[str]
    ) -> None:
        """Show the choices for ``spec`` (nothing for built-in data and folders)."""
        self._building = True
        try:
            self._clear()
            self.spec = dict(spec)
            path = str(spec.get("path") or "")
            if path and not os.path.isabs(path):
                path = os.path.join(base_dir, path)
            if spec.get("kind") == "csv":
                self._csv(csv_header(path, str(spec.get("delimiter", ","))))
            elif spec.get("kind") == "npz":
                self._npz(npz_arrays(path), inputs, outputs)
            self.setVisible(self.form.rowCount() > 0)
        finally:
            self._building = False

    # -- CSV ------------------------------------------------------------------------------
    def _csv(self, header: list[str]) -> None:
        if not header:
            return
        target = str(self.spec.get("target") or header[-1])
        features = list(self.spec.get("features") or [h for h in header if h != target])
        self.target = QComboBox()
        self.target.addItems(header)
        self.target.setCurrentText(target)
        self.target.currentTextChanged.connect(self._csv_target_changed)
        self.task = QComboBox()
        self.task.addItems(TASKS)
        self.task.setCurrentText(str(self.spec.get("task") or "auto"))
        self.task.currentTextChanged.connect(self._emit_csv)
        self.features = QListWidget()
        self.features.setMaximumHeight(100)
        for name in header:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = name in features and name != target
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.features.addItem(item)
        self.features.itemChanged.connect(self._emit_csv)
        self.form.addRow(self.tr("Target column"), self.target)
        self.form.addRow(self.tr("Task"), self.task)
        self.form.addRow(self.tr("Feature columns"), self.features)

    def _csv_target_changed(self, target: str) -> None:
        assert self.features is not None
        self.features.blockSignals(True)
        for i in range(self.features.count()):
            item = self.features.item(i)
            if item.text() == target:
                item.setCheckState(Qt.CheckState.Unchecked)
        self.features.blockSignals(False)
        self._emit_csv()

    def _emit_csv(self, *_args: object) -> None:
        if self._building or self.target is None or self.features is None or self.task is None:
            return
        target = self.target.currentText()
        features = [
            self.features.item(i).text()
            for i in range(self.features.count())
            if self.features.item(i).checkState() == Qt.CheckState.Checked
            and self.features.item(i).text() != target
        ]
        spec = {k: v for k, v in self.spec.items() if k not in ("target", "features", "task")}
        spec["target"] = target
        spec["features"] = features
        if self.task.currentText() != "auto":
            spec["task"] = self.task.currentText()
        self.specEdited.emit(spec)

    # -- NPZ ------------------------------------------------------------------------------
    def _npz(self, arrays: list[str], inputs: list[str], outputs: list[str]) -> None:
        if not arrays:
            return
        chosen = {"x": list(self.spec.get("x") or []), "y": list(self.spec.get("y") or [])}
        for key, names in (("x", inputs), ("y", outputs)):
            for i, name in enumerate(names):
                default = name if name in arrays else (key if key in arrays else arrays[0])
                combo = QComboBox()
                combo.addItems(arrays)
                combo.setCurrentText(chosen[key][i] if i < len(chosen[key]) else default)
                combo.currentTextChanged.connect(self._emit_npz)
                self.array_combos[(key, i)] = combo
                what = self.tr("Input") if key == "x" else self.tr("Output")
                self.form.addRow(f"{what} '{name}'", combo)

    def _emit_npz(self, *_args: object) -> None:
        if self._building:
            return
        spec = {k: v for k, v in self.spec.items() if k not in ("x", "y")}
        for key in ("x", "y"):
            spec[key] = [
                combo.currentText()
                for (k, _i), combo in sorted(self.array_combos.items(), key=lambda t: t[0])
                if k == key
            ]
        self.specEdited.emit(spec)
