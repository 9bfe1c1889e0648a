"""Quick-add: a small search popup on the canvas (Tab/Space, or a wire dropped on empty canvas)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.catalog import CATALOG
from ..core.messages import tr as core_tr
from .icons import category_icon
from .palette import matches

TYPE_ROLE = Qt.ItemDataRole.UserRole + 1


class QuickAddPopup(QFrame):
    """A popup list of layer types with a search field; emits :attr:`chosen` with the type."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Type to search layers…"))
        self.list = QListWidget(self)
        self.list.setMinimumSize(300, 280)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self._allowed: list[str] = list(CATALOG)
        self.search.textChanged.connect(self._refilter)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(self._choose_item)
        self.list.itemClicked.connect(self._choose_item)

    def open_at(
        self, global_pos: QPoint, allowed: Iterable[str] | None = None, title: str = ""
    ) -> None:
        """Show at ``global_pos`` listing ``allowed`` types (all catalog types when None)."""
        self._allowed = list(allowed) if allowed is not None else list(CATALOG)
        self.title.setText(title or self.tr("Add a layer"))
        self.search.clear()
        self._refilter("")
        self.move(global_pos)
        self.show()
        self.search.setFocus()

    def visible_types(self) -> list[str]:
        return [self.list.item(i).data(TYPE_ROLE) for i in range(self.list.count())]

    def _refilter(self, text: str) -> None:
        self.list.clear()
        for type_name in self._allowed:
            spec = CATALOG.get(type_name)
            if spec is None or not matches(spec, text):
                continue
            item = QListWidgetItem(category_icon(spec.category), spec.type)
            item.setToolTip(core_tr(spec.description))
            item.setData(TYPE_ROLE, spec.type)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _choose_item(self, item: QListWidgetItem) -> None:
        self.hide()
        self.chosen.emit(item.data(TYPE_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.list.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.list.setCurrentRow(max(0, min(row, self.list.count() - 1)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.list.currentItem()
                if item is not None:
                    self._choose_item(item)
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
        return super().eventFilter(watched, event)
