"""The undo history: every step of the document's undo stack, click to go back to it."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QUndoView, QVBoxLayout, QWidget

from ..document import Document


class HistoryPanel(QWidget):
    """A QUndoView on ``document.undo_stack``; the saved state carries an icon."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HistoryPanel")
        self.document = document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.view = QUndoView(document.undo_stack, self)
        self.view.setEmptyLabel(self.tr("<empty>"))
        self.view.setCleanIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        layout.addWidget(self.view)


__all__ = ["HistoryPanel"]
