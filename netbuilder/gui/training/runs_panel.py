"""The runs tab: every recorded run, overlaid curves, comparison and "Restore graph".

Selecting runs overlays their per-epoch curves in the live plot; "Compare"
shows what differs between two runs (settings, data and graph); "Restore graph"
puts a run's graph back into the editor as one undoable edit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.training.runs import RunError, RunRecord, RunStore, diff_runs, metric_order
from ..document import Document
from .project_edits import restore_graph_edit
from .settings_form import settings_summary


def run_label(record: RunRecord) -> str:
    """Short name of a run for legends: its start time."""
    try:
        return datetime.fromisoformat(record.created).astimezone().strftime("%H:%M:%S")
    except ValueError:
        return record.id


def metrics_summary(metrics: dict[str, Any]) -> str:
    keys = metric_order(metrics)
    return " · ".join(f"{k} {metrics[k]:.4g}" for k in keys if isinstance(metrics[k], (int, float)))


def _value(value: Any) -> str:
    return "—" if value is None else str(value)


def diff_text(diff: dict[str, Any], tr: Any) -> str:
    """The result of diff_runs as readable lines."""
    lines: list[str] = []
    for title, key in ((tr("Settings"), "settings"), (tr("Data"), "data")):
        for change in diff.get(key) or []:
            lines.append(
                f"{title}: {change['key']}: {_value(change['old'])} → {_value(change['new'])}"
            )
    for name in diff.get("nodes_added") or []:
        lines.append(tr("Layer added: {0}").replace("{0}", name))
    for name in diff.get("nodes_removed") or []:
        lines.append(tr("Layer removed: {0}").replace("{0}", name))
    for change in diff.get("params") or []:
        lines.append(
            f"{change['node']}.{change['param']}: {_value(change['old'])} → {_value(change['new'])}"
        )
    for name in diff.get("connections") or []:
        lines.append(tr("Inputs rewired: {0}").replace("{0}", name))
    return "\n".join(lines) or tr("The two runs used the same settings, data and graph.")


class RunsPanel(QWidget):
    """A table of runs with overlay, compare, restore and delete."""

    overlaysChanged = Signal(list)  # [RunRecord] selected runs that have a history
    runSelected = Signal(object)  # RunRecord or None (the single selected run)
    message = Signal(str)

    COLUMNS = (  # marked for lupdate, translated in __init__
        QT_TRANSLATE_NOOP("RunsPanel", "Status"),
        QT_TRANSLATE_NOOP("RunsPanel", "Started"),
        QT_TRANSLATE_NOOP("RunsPanel", "Settings"),
        QT_TRANSLATE_NOOP("RunsPanel", "Final metrics"),
    )

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.store: RunStore | None = None
        self.records: list[RunRecord] = []

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.clicked.connect(self.compare)
        self.restore_button = QPushButton(self.tr("Restore graph"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.delete_button = QPushButton(self.tr("Delete run"))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for b in (self.compare_button, self.restore_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._selection_changed()

    # -- table --------------------------------------------------------------------------
    def set_store(self, store: RunStore) -> None:
        self.store = store
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        """Re-read the runs folder; keep (or set) the selection."""
        chosen = {select} if select else {r.id for r in self.selected()}
        self.records = self.store.list() if self.store else []
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            status = self._status_text(record.status)
            status += f": {record.error}" if record.error else ""
            cells = (
                status,
                run_label(record),
                settings_summary(record.settings),
                metrics_summary(record.final_metrics),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, record.id)
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self.select_runs([r.id for r in self.records if r.id in chosen])

    def _status_text(self, status: str) -> str:
        names = {
            "created": self.tr("created"),
            "running": self.tr("running"),
            "done": self.tr("done"),
            "stopped": self.tr("stopped"),
            "failed": self.tr("failed"),
        }
        return names.get(status, status)

    def select_runs(self, ids: list[str]) -> None:
        """Select the runs with these ids (one selection change, one overlay update)."""
        self.table.blockSignals(True)
        mode = self.table.selectionMode()
        self.table.clearSelection()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, record in enumerate(self.records):
            if record.id in ids:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)
        self.table.blockSignals(False)
        self._selection_changed()

    def selected(self) -> list[RunRecord]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.records[r] for r in rows if r < len(self.records)]

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.compare_button.setEnabled(len(chosen) == 2)
        self.restore_button.setEnabled(len(chosen) == 1)
        self.delete_button.setEnabled(bool(chosen))
        self.overlaysChanged.emit([r for r in chosen if r.history])
        self.runSelected.emit(chosen[0] if len(chosen) == 1 else None)

    # -- actions ------------------------------------------------------------------------
    def compare_text(self, a: RunRecord, b: RunRecord) -> str:
        try:
            # lupdate files the bare tr("...") calls of diff_text under the global context.
            return diff_text(diff_runs(a, b), lambda text: QCoreApplication.translate("", text))
        except RunError as exc:
            return str(exc)

    def compare(self) -> None:
        chosen = self.selected()
        if len(chosen) != 2:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(
            self.tr("Run {0} → run {1}")
            .replace("{0}", run_label(chosen[0]))
            .replace("{1}", run_label(chosen[1]))
        )
        text = QPlainTextEdit(self.compare_text(chosen[0], chosen[1]))
        text.setReadOnly(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(box)
        dialog.resize(520, 360)
        dialog.open()

    def restore(self, record: RunRecord) -> None:
        """Replace the editor's graph by the run's graph (one undoable step)."""
        try:
            snapshot = record.graph_project().graph
        except RunError as exc:
            self.message.emit(str(exc))
            return
        label = self.tr("Restore graph of run {0}").replace("{0}", run_label(record))
        self.document.push(restore_graph_edit(self.document.graph, snapshot, label))
        self.message.emit(label)

    def restore_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.restore(chosen[0])

    def delete_selected(self) -> None:
        if self.store is None:
            return
        for record in self.selected():
            try:
                self.store.delete(record.id)
            except (RunError, OSError) as exc:
                self.message.emit(str(exc))
        self.refresh()
