""" "New from example": a gallery of the shipped examples with titles and thumbnails.

Thumbnails are drawn here from the example graphs (boxes at the node positions
and curves for the wires) so the gallery does not depend on the canvas classes.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.catalog import get_spec
from ...core.examples import ExampleInfo, list_examples
from ...core.graph import Graph
from ...core.messages import language
from ...core.project import ProjectError, load
from ..icons import category_color

THUMB_SIZE = QSize(240, 150)
# Nominal card size in scene units: node positions are the cards' top-left corners.
CARD_W, CARD_H = 214.0, 80.0
_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def render_thumbnail(graph: Graph, size: QSize, palette: QPalette, ratio: float = 1.0) -> QPixmap:
    """A picture of ``graph``: one box per node (category colour), one curve per wire."""
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(palette.color(QPalette.ColorRole.Base))
    if not graph.nodes:
        return pixmap
    xs = [n.pos[0] for n in graph.nodes.values()]
    ys = [n.pos[1] for n in graph.nodes.values()]
    bounds = QRectF(min(xs), min(ys), max(xs) - min(xs) + CARD_W, max(ys) - min(ys) + CARD_H)
    margin = 8.0
    scale = min(
        (size.width() - 2 * margin) / bounds.width(),
        (size.height() - 2 * margin) / bounds.height(),
        1.0,
    )
    # Centre the drawing in the thumbnail.
    off_x = (size.width() - bounds.width() * scale) / 2 - bounds.left() * scale
    off_y = (size.height() - bounds.height() * scale) / 2 - bounds.top() * scale

    def box(node_id: str) -> QRectF:
        x, y = graph.nodes[node_id].pos
        return QRectF(x * scale + off_x, y * scale + off_y, CARD_W * scale, CARD_H * scale)

    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    wire = QPen(palette.color(QPalette.ColorRole.Text))
    wire.setColor(QColor(wire.color().red(), wire.color().green(), wire.color().blue(), 150))
    wire.setWidthF(max(1.0, 2.0 * scale))
    painter.setPen(wire)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for ref, dst, _slot in graph.edges():
        if ref.node not in graph.nodes:
            continue
        a, b = box(ref.node), box(dst)
        start = QPointF(a.right(), a.center().y())
        end = QPointF(b.left(), b.center().y())
        bend = max(abs(end.x() - start.x()) / 2, 10.0 * scale)
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
        painter.drawPath(path)
    outline = QPen(palette.color(QPalette.ColorRole.Mid))
    outline.setWidthF(1.0)
    radius = 6.0 * scale
    show_text = CARD_W * scale >= 44
    font = painter.font()
    font.setPixelSize(max(7, int(CARD_H * scale * 0.28)))
    painter.setFont(font)
    for node in graph.nodes.values():
        rect = box(node.id)
        spec = get_spec(node.type)
        colour = category_color(spec.category if spec is not None else "Other")
        painter.setPen(outline)
        painter.setBrush(palette.color(QPalette.ColorRole.Window))
        painter.drawRoundedRect(rect, radius, radius)
        header = QRectF(rect.left(), rect.top(), rect.width(), rect.height() * 0.4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(header, radius, radius)
        if show_text:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            text_rect = rect.adjusted(3, rect.height() * 0.4, -3, 0)
            painter.drawText(
                text_rect,
                Qt.AlignmentFlag.AlignCenter,
                painter.fontMetrics().elidedText(
                    node.keras_class, Qt.TextElideMode.ElideRight, int(text_rect.width())
                ),
            )
    painter.end()
    return pixmap


class ExampleGalleryDialog(QDialog):
    """Pick an example to start from; double-click or OK chooses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExampleGalleryDialog")
        self.setWindowTitle(self.tr("New from example"))
        self.resize(820, 560)
        self._ru = language() == "ru"
        self.examples: list[ExampleInfo] = list_examples()

        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(THUMB_SIZE)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setSpacing(8)
        self.list.setGridSize(QSize(THUMB_SIZE.width() + 24, THUMB_SIZE.height() + 56))
        self.list.setUniformItemSizes(True)
        layout.addWidget(self.list, 1)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setMinimumHeight(48)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        ratio = self.devicePixelRatioF()
        for example in self.examples:
            item = QListWidgetItem(self._title(example), self.list)
            item.setData(_NAME_ROLE, example.name)
            item.setToolTip(self._description(example))
            try:
                graph = load(example.path).graph
                item.setIcon(QIcon(render_thumbnail(graph, THUMB_SIZE, self.palette(), ratio)))
            except ProjectError as exc:
                item.setToolTip(str(exc))
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        if self.list.count():
            self.list.setCurrentRow(0)
        self._sync_ok()

    def _title(self, example: ExampleInfo) -> str:
        return example.title("ru" if self._ru else "en")

    def _description(self, example: ExampleInfo) -> str:
        if self._ru and example.description_ru:
            return example.description_ru
        return example.description

    def _on_current(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        example = self._example_of(current)
        if example is None:
            self.details.clear()
        else:
            title, text = html.escape(self._title(example)), html.escape(self._description(example))
            self.details.setText(f"<b>{title}</b><br/>{text}")
            self.details.setTextFormat(Qt.TextFormat.RichText)
        self._sync_ok()

    def _example_of(self, item: QListWidgetItem | None) -> ExampleInfo | None:
        if item is None:
            return None
        name = item.data(_NAME_ROLE)
        return next((e for e in self.examples if e.name == name), None)

    def _sync_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.list.currentItem() is not None)

    def titles(self) -> list[str]:
        """The titles as listed (UI language)."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def select(self, name: str) -> bool:
        """Make ``name`` the current example; False when there is no such example."""
        for i in range(self.list.count()):
            if self.list.item(i).data(_NAME_ROLE) == name:
                self.list.setCurrentRow(i)
                return True
        return False

    def selected_example(self) -> str | None:
        """The chosen example's name, or None when nothing is selected."""
        example = self._example_of(self.list.currentItem())
        return example.name if example is not None else None


__all__ = ["ExampleGalleryDialog", "render_thumbnail"]
