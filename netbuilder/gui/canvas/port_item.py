"""Ports: the round handles on a card's sides where wires start and end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from .. import themes

if TYPE_CHECKING:
    from .node_item import NodeItem

RADIUS = 6.0

# Highlight states while a wire is being dragged.
NEUTRAL, OK, BAD = 0, 1, 2


class PortItem(QGraphicsItem):
    """An input slot (left side) or an output port (right side) of a node card."""

    def __init__(self, node_item: NodeItem, is_input: bool, index: int, label: str = "") -> None:
        super().__init__(node_item)
        self.node_item = node_item
        self.is_input = is_input
        self.index = index  # input slot or output port number
        self.label = label
        self.connected = False
        self.highlight = NEUTRAL
        self._hover = False
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        self.setCursor(Qt.CursorShape.CrossCursor)

    @property
    def node_id(self) -> str:
        return self.node_item.node_id

    def boundingRect(self) -> QRectF:
        r = RADIUS + 4
        return QRectF(-r, -r, 2 * r, 2 * r)

    def set_highlight(self, state: int) -> None:
        if state != self.highlight:
            self.highlight = state
            self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < 0.45:
            return  # too small to hit or see; the card is drawn as a plain box
        colors = themes.current()
        r = RADIUS + (1.5 if self._hover else 0.0)
        color = {OK: colors.port_ok, BAD: colors.port_bad}.get(self.highlight, colors.port)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color, 2.0))
        fill = (
            color if (self.connected or self.highlight == OK or self._hover) else colors.node_body
        )
        painter.setBrush(QBrush(fill))
        painter.drawEllipse(QPointF(0, 0), r, r)
        if self.highlight == OK:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(colors.port_ok, 1.5))
            painter.drawEllipse(QPointF(0, 0), r + 3, r + 3)

    # -- interaction ------------------------------------------------------------------
    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = False
        self.update()
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and hasattr(scene, "begin_wire")
            and scene.begin_wire(self)
        ):
            event.accept()
            return
        event.ignore()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.scene().update_wire(event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.scene().end_wire(event.scenePos())
