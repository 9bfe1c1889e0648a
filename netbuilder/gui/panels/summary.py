"""The summary panel: a Keras-style table of layers, shapes, weights and wiring, live.

Rows and text both come from :mod:`netbuilder.core.summary`, the same code that
prints ``netbuilder summary FILE``, so the two never disagree.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.summary import Summary, format_summary, summarize
from ..document import Document

_Index = QModelIndex | QPersistentModelIndex


class SummaryModel(QAbstractTableModel):
    """Table model over a :class:`Summary` (no item objects: cheap for thousands of rows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: Summary | None = None
        self._headers = (
            self.tr("Layer (type)"),
            self.tr("Output Shape"),
            self.tr("Param #"),
            self.tr("Connected to"),
        )

    def set_summary(self, summary: Summary) -> None:
        self.beginResetModel()
        self.summary = summary
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() or self.summary is None:
            return 0
        return len(self.summary.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.summary is None or not index.isValid():
            return None
        row = self.summary.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{row.name} ({row.type})" + (" *" if row.is_output else "")
            if column == 1:
                return row.output_shape
            if column == 2:
                return "?" if row.params is None else QLocale().toString(row.params)
            return ", ".join(row.inputs) if row.inputs else "-"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and row.is_output:
            return self.tr("Model output")
        if role == Qt.ItemDataRole.UserRole:
            return row.node_id
        return None


class SummaryPanel(QWidget):
    """Keras-style summary table with totals; updates while visible, at most ~10 times a second."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SummaryPanel")
        self.document = document
        self._stale = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.model = SummaryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.totals = QLabel(self)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom.addWidget(self.totals, 1)
        self.copy_button = QPushButton(self.tr("Copy as text"), self)
        self.copy_button.clicked.connect(self.copy)
        bottom.addWidget(self.copy_button)
        layout.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._update_if_visible)
        self.table.clicked.connect(self._on_clicked)
        document.analysisChanged.connect(self._schedule)
        document.projectReplaced.connect(self._schedule)
        document.graphChanged.connect(self._on_graph)
        self.refresh()

    # -- public -----------------------------------------------------------------------
    def summary(self) -> Summary:
        return summarize(self.document.graph, self.document.analyzer)

    def text(self) -> str:
        """The summary as ``netbuilder summary`` prints it."""
        return format_summary(self.summary(), self.document.project.display_title())

    def refresh(self) -> None:
        summary = self.summary()
        current = self.table.currentIndex()
        keep = current.data(Qt.ItemDataRole.UserRole) if current.isValid() else None
        self.model.set_summary(summary)
        if keep is not None:
            for i, row in enumerate(summary.rows):
                if row.node_id == keep:
                    self.table.selectRow(i)
                    break
        self._fit_columns(summary)
        locale = QLocale()
        parts = [self.tr("Total params: {0}").format(locale.toString(summary.total_params))]
        if summary.unknown_params:
            parts.append(self.tr("unknown for {0}").format(", ".join(summary.unknown_params)))
        if summary.valid:
            parts.append(self.tr("valid"))
        else:
            parts.append(
                self.tr("not valid: {0} errors, {1} warnings").format(
                    summary.errors, summary.warnings
                )
            )
        self.totals.setText(" · ".join(parts))
        self._stale = False

    def _fit_columns(self, summary: Summary) -> None:
        # The font is monospace: the longest text is the widest, so measuring one
        # string per column replaces resizeColumnsToContents (slow on big graphs).
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        last = self.model.columnCount() - 1
        for column in range(last):
            texts = [str(self.model.headerData(column, Qt.Orientation.Horizontal))]
            texts += [
                str(self.model.data(self.model.index(r, column)) or "")
                for r in range(len(summary.rows))
            ]
            widest = max(texts, key=len)
            header.resizeSection(column, metrics.horizontalAdvance(widest) + 24)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    # -- live updates -------------------------------------------------------------------
    def _on_graph(self, event: str, _ids: tuple) -> None:
        # Renames and outputs change the text but not always the analysis.
        if event != "pos":
            self._schedule()

    def _schedule(self) -> None:
        self._stale = True
        if not self._timer.isActive():
            self._timer.start()

    def _update_if_visible(self) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_clicked(self, index: QModelIndex) -> None:
        node_id = index.data(Qt.ItemDataRole.UserRole)
        if isinstance(node_id, str) and node_id in self.document.graph.nodes:
            self.document.set_selection([node_id])


__all__ = ["SummaryModel", "SummaryPanel"]
