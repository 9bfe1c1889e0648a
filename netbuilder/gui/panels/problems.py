"""The problems panel: every validation problem, click to select its node, one-click fixes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.problems import Fix, Problem
from ..document import Document

_ROLE_INDEX = Qt.ItemDataRole.UserRole + 1


class _WrapDelegate(QStyledItemDelegate):
    """Row heights for wrapped messages (QTreeView sizes rows without the column width)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:  # noqa: N802
        base = super().sizeHint(option, index)
        width = max(self._tree.header().sectionSize(index.column()) - 10, 40)
        text = str(index.data() or "")
        bound = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(base.width(), max(base.height(), bound.height() + 6))


class ProblemsPanel(QWidget):
    """A list of the graph's problems with severity icons, node names and Fix buttons.

    Signals:
        focusRequested(str): the user picked a problem of this node; the view centres it.
        countChanged(int, int): numbers of errors and warnings after each update.
    """

    focusRequested = Signal(str)
    countChanged = Signal(int, int)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProblemsPanel")
        self.document = document
        self._problems: list[Problem] = []
        self._signature: tuple | None = None
        self._counts: tuple[int, int] | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.empty_label = QLabel(self.tr("No problems: the model can be built."), self)
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #d03030;")
        self.status.hide()
        layout.addWidget(self.status)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Layer"), self.tr("Problem"), ""])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # Wrapped rows need new heights when the message column changes width.
        header.sectionResized.connect(self._on_section_resized)
        self.tree.setItemDelegateForColumn(1, _WrapDelegate(self.tree))
        layout.addWidget(self.tree, 1)
        self.tree.itemClicked.connect(self._on_item)
        self.tree.itemActivated.connect(self._on_item)

        style = self.style()
        self._icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        document.analysisChanged.connect(self.refresh)
        document.projectReplaced.connect(self.refresh)
        self.refresh()

    # -- contents -------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        """The problems as currently listed (row order)."""
        return list(self._problems)

    def counts(self) -> tuple[int, int]:
        errors = sum(1 for p in self._problems if p.is_error)
        return errors, len(self._problems) - errors

    def refresh(self) -> None:
        graph = self.document.graph
        problems = self.document.analyzer.problems()
        # Errors first, then warnings; within each, the analyzer's (node) order.
        problems = sorted(problems, key=lambda p: 0 if p.is_error else 1)
        signature = tuple(
            (
                p.severity,
                p.code,
                p.node_id,
                p.message,
                graph.nodes[p.node_id].name if p.node_id in graph.nodes else None,
                tuple(f.label for f in p.fixes),
            )
            for p in problems
        )
        self._problems = problems
        if signature != self._signature:
            self._signature = signature
            self._fill(problems)
        counts = self.counts()
        if counts != self._counts:
            self._counts = counts
            self.countChanged.emit(*counts)

    def _fill(self, problems: list[Problem]) -> None:
        graph = self.document.graph
        selected = self.tree.currentItem()
        keep = self._key_of(selected) if selected is not None else None
        self.tree.clear()
        self.status.hide()
        self.empty_label.setVisible(not problems)
        self.tree.setVisible(bool(problems))
        for index, problem in enumerate(problems):
            node = graph.nodes.get(problem.node_id) if problem.node_id else None
            item = QTreeWidgetItem(self.tree)
            item.setIcon(0, self._icons.get(problem.severity, self._icons["warning"]))
            item.setText(0, node.name if node is not None else self.tr("(model)"))
            item.setText(1, problem.message)
            item.setToolTip(1, problem.message)
            severity = self.tr("Error") if problem.is_error else self.tr("Warning")
            item.setToolTip(0, severity)
            item.setData(0, _ROLE_INDEX, index)
            if problem.fixes:
                # Keep the button at the top of a tall (wrapped) row.
                cell = QWidget(self.tree)
                column = QVBoxLayout(cell)
                column.setContentsMargins(2, 1, 2, 1)
                column.addWidget(self._fix_button(problem, cell))
                column.addStretch(1)
                self.tree.setItemWidget(item, 2, cell)
            if keep is not None and keep == (problem.code, problem.node_id, problem.message):
                self.tree.setCurrentItem(item)

    def _key_of(self, item: QTreeWidgetItem) -> tuple | None:
        index = item.data(0, _ROLE_INDEX)
        if not isinstance(index, int) or not 0 <= index < len(self._problems):
            return None
        p = self._problems[index]
        return (p.code, p.node_id, p.message)

    def _fix_button(self, problem: Problem, parent: QWidget) -> QToolButton:
        button = QToolButton(parent)
        button.setObjectName("fixButton")
        button.setText(self.tr("Fix"))
        if len(problem.fixes) == 1:
            fix = problem.fixes[0]
            button.setToolTip(fix.label)
            button.clicked.connect(lambda _=False, f=fix: self.apply_fix(f))
        else:
            button.setToolTip(self.tr("Choose one of {0} fixes").format(len(problem.fixes)))
            menu = QMenu(button)
            for fix in problem.fixes:
                action = QAction(fix.label, menu)
                action.triggered.connect(lambda _=False, f=fix: self.apply_fix(f))
                menu.addAction(action)
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        return button

    def fix_button(self, row: int) -> QToolButton | None:
        """The Fix button of a row (None when that problem has no fix)."""
        item = self.tree.topLevelItem(row)
        if item is None:
            return None
        cell = self.tree.itemWidget(item, 2)
        return cell.findChild(QToolButton, "fixButton") if cell is not None else None

    def _on_section_resized(self, index: int, _old: int, _new: int) -> None:
        if index == 1:
            self.tree.doItemsLayout()

    # -- actions --------------------------------------------------------------------
    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = item.data(0, _ROLE_INDEX)
        if not isinstance(index, int) or not 0 <= index < len(self._problems):
            return
        node_id = self._problems[index].node_id
        if node_id and node_id in self.document.graph.nodes:
            self.document.set_selection([node_id])
            self.focusRequested.emit(node_id)

    def apply_fix(self, fix: Fix) -> bool:
        """Apply ``fix`` as one undoable step; say why when it no longer applies."""
        # Try it on a copy first: a failing edit must never reach the undo stack.
        try:
            fix.edit.apply(self.document.graph.copy())
        except Exception as exc:  # noqa: BLE001 - any failure is reported, none is fatal
            self.status.setText(
                self.tr("The fix '{0}' cannot be applied: {1}").format(fix.label, exc)
            )
            self.status.show()
            return False
        self.status.hide()
        self.document.push(fix.edit, fix.label)
        return True


__all__ = ["ProblemsPanel"]
