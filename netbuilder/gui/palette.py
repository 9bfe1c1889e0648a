"""The layer palette: categories with icons, one-line descriptions, search, drag to canvas."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.catalog import CATALOG
from ..core.catalog.spec import CATEGORIES, LayerSpec
from ..core.messages import tr as core_tr
from .canvas.view import LAYER_MIME
from .icons import category_icon

TYPE_ROLE = Qt.ItemDataRole.UserRole + 1
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 2


def matches(spec: LayerSpec, text: str) -> bool:
    """Whether the search ``text`` finds ``spec`` (name, synonyms, category, description).

    The description matches in English and in the current language, so a Russian
    user finds Conv2D by typing "свёртка" and an English word still works.
    """
    needle = text.strip().casefold()
    if not needle:
        return True
    haystack = [spec.type, spec.category, *spec.synonyms]
    if any(needle in h.casefold() for h in haystack):
        return True
    descriptions = {spec.description.casefold(), core_tr(spec.description).casefold()}
    words = needle.split()
    return any(all(word in d for word in words) for d in descriptions)


def layer_mime(type_name: str) -> QMimeData:
    mime = QMimeData()
    mime.setData(LAYER_MIME, type_name.encode("utf-8"))
    mime.setText(type_name)
    return mime


class _LayerDelegate(QStyledItemDelegate):
    """Layer rows: bold name with the description underneath in a muted colour."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(TYPE_ROLE):
            return QSize(size.width(), option.fontMetrics.height() * 2 + 8)
        return QSize(size.width(), size.height() + 6)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        description = index.data(DESCRIPTION_ROLE)
        if not index.data(TYPE_ROLE) or not description:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else None
        text = opt.text
        opt.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(opt.decorationSize.width() + 10, 3, -4, -3)
        half = rect.height() // 2
        painter.save()
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(opt.palette.color(group))
        painter.drawText(
            QRect(rect.left(), rect.top(), rect.width(), half), Qt.AlignmentFlag.AlignVCenter, text
        )
        small = QFont(opt.font)
        small.setPointSizeF(max(small.pointSizeF() - 1.0, 6.0))
        painter.setFont(small)
        muted = opt.palette.color(group if selected else QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        elided = painter.fontMetrics().elidedText(
            description, Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            QRect(rect.left(), rect.top() + half, rect.width(), half),
            Qt.AlignmentFlag.AlignVCenter,
            elided,
        )
        painter.restore()


class _LayerTree(QTreeWidget):
    """The tree; drags carry the layer type under :data:`LAYER_MIME`."""

    activatedType = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setIconSize(QSize(20, 20))
        self.setItemDelegate(_LayerDelegate(self))
        self.setIndentation(12)
        self.setUniformRowHeights(False)
        self.itemDoubleClicked.connect(self._on_double_click)

    def mimeTypes(self) -> list[str]:
        return [LAYER_MIME]

    def mimeData(self, items: Iterable[QTreeWidgetItem]) -> QMimeData:
        types = [i.data(0, TYPE_ROLE) for i in items if i.data(0, TYPE_ROLE)]
        return layer_mime(types[0]) if types else QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def startDrag(self, supportedActions: Qt.DropAction) -> None:  # noqa: N802, N803 (Qt)
        """Drag the current layer, showing its category icon under the cursor.

        Built here (not by QAbstractItemView) so the drag image is the layer's
        icon alone; it also makes ``QDrag.exec`` a Python call, the one step the
        offscreen GUI tests replace (that platform has no drag loop).
        """
        item = self.currentItem()
        if item is None or not item.data(0, TYPE_ROLE):
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.setPixmap(item.icon(0).pixmap(self.iconSize()))
        drag.exec(supportedActions & Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)

    def _on_double_click(self, item: QTreeWidgetItem, column: int) -> None:
        type_name = item.data(0, TYPE_ROLE)
        if type_name:
            self.activatedType.emit(type_name)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            type_name = item.data(0, TYPE_ROLE)
            if type_name:
                self.activatedType.emit(type_name)
                return
        super().keyPressEvent(event)


class PaletteWidget(QWidget):
    """Search field plus the layer tree; emits :attr:`addRequested` on Enter/double-click."""

    addRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search layers (name or synonym)…"))
        self.search.setClearButtonEnabled(True)
        self.tree = _LayerTree(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._categories: dict[str, QTreeWidgetItem] = {}
        self._populate()
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._add_first_visible)
        self.tree.activatedType.connect(self.addRequested)

    def _populate(self) -> None:
        for category in CATEGORIES:
            specs = [s for s in CATALOG.values() if s.category == category]
            if not specs:
                continue
            top = QTreeWidgetItem(self.tree, [self.tr(category)])
            top.setIcon(0, category_icon(category))
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self._categories[category] = top
            for spec in specs:
                item = QTreeWidgetItem(top, [spec.type])
                item.setIcon(0, category_icon(category))
                item.setData(0, TYPE_ROLE, spec.type)
                description = core_tr(spec.description)
                item.setData(0, DESCRIPTION_ROLE, description)
                item.setToolTip(0, description)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                self._items[spec.type] = item
        self.tree.expandAll()

    def item_for(self, type_name: str) -> QTreeWidgetItem:
        return self._items[type_name]

    def visible_types(self) -> list[str]:
        return [t for t, item in self._items.items() if not item.isHidden()]

    def filter(self, text: str) -> None:
        for type_name, item in self._items.items():
            item.setHidden(not matches(CATALOG[type_name], text))
        for top in self._categories.values():
            hidden = all(top.child(i).isHidden() for i in range(top.childCount()))
            top.setHidden(hidden)
        visible = self.visible_types()
        if text and visible:
            self.tree.setCurrentItem(self._items[visible[0]])

    def _add_first_visible(self) -> None:
        item = self.tree.currentItem()
        type_name = item.data(0, TYPE_ROLE) if item is not None and not item.isHidden() else None
        if not type_name:
            visible = self.visible_types()
            type_name = visible[0] if visible else None
        if type_name:
            self.addRequested.emit(type_name)
