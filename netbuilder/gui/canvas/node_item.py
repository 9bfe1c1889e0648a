"""Node cards: icon, name, type with key parameters, output shape, parameter count, badge."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ...core.graph import Node
from ...core.inference import NodeInfo
from ...core.problems import Problem
from ...core.shapes import fmt_shape
from .. import themes
from ..icons import category_color, paint_category_icon
from .port_item import PortItem
from .rules import category_of, key_text, slot_labels, tr

if TYPE_CHECKING:
    from .scene import GraphScene

WIDTH = 200.0
HEADER = 28.0
LINE = 19.0
SLOT_STEP = 22.0
MIN_HEIGHT = HEADER + 2 * LINE + 14
GRID = 20.0
# Below this zoom the card is a plain coloured box (text would be unreadable anyway).
LOD_TEXT = 0.45

_TITLE_FONT = QFont()
_TITLE_FONT.setPointSizeF(9.5)
_TITLE_FONT.setBold(True)
_BODY_FONT = QFont()
_BODY_FONT.setPointSizeF(8.5)
_SMALL_FONT = QFont()
_SMALL_FONT.setPointSizeF(7.5)


_HEADER_PATH: list[QPainterPath] = []


def _header_path() -> QPainterPath:
    """The header band: rounded top corners, square bottom (computed once)."""
    if not _HEADER_PATH:
        header = QPainterPath()
        header.addRoundedRect(QRectF(0.6, 0.6, WIDTH - 1.2, HEADER), 7.5, 7.5)
        clip = QPainterPath()
        clip.addRect(QRectF(0, 0, WIDTH, HEADER))
        _HEADER_PATH.append(header.intersected(clip))
    return _HEADER_PATH[0]


def _elide(text: str, font: QFont, width: float) -> str:
    return QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)


class NodeItem(QGraphicsItem):
    """One layer drawn as a card; observes nothing itself, the scene updates it."""

    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node_id = node.id
        self.name = node.name
        self.type_text = key_text(node)
        self.category = category_of(node)
        self.is_output = False
        self.info: NodeInfo | None = None
        self.problems: list[Problem] = []
        self.signature: Any = None
        self.in_ports: list[PortItem] = []
        self.out_ports: list[PortItem] = []
        self.height = MIN_HEIGHT
        self._bounds = QRectF(-3, -3, WIDTH + 6, MIN_HEIGHT + 6)
        self._dragging = False
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(1)
        self.setPos(QPointF(*node.pos))
        self.sync_ports(node)

    # -- model -> item ----------------------------------------------------------------
    def sync_node(self, node: Node, is_output: bool) -> None:
        """Refresh texts that come from the node itself (name, key params, output mark)."""
        self.name = node.name
        self.type_text = key_text(node)
        self.category = category_of(node)
        self.is_output = is_output
        self.sync_ports(node)
        self.update()

    def sync_ports(self, node: Node) -> None:
        """Create or drop port items so they match the node's slots."""
        labels = slot_labels(node)
        n_out = 1 if self.info is None else max(1, len(self.info.outputs))
        height = max(MIN_HEIGHT, HEADER + 12 + len(labels) * SLOT_STEP)
        if height != self.height:
            self.prepareGeometryChange()
            self.height = height
            self._bounds = QRectF(-3, -3, WIDTH + 6, height + 6)
        while len(self.in_ports) > len(labels):
            port = self.in_ports.pop()
            port.setParentItem(None)
            if port.scene() is not None:
                port.scene().removeItem(port)
        for i, label in enumerate(labels):
            if i < len(self.in_ports):
                self.in_ports[i].label = label
            else:
                self.in_ports.append(PortItem(self, True, i, label))
            self.in_ports[i].setPos(0.0, self._slot_y(i, len(labels)))
            self.in_ports[i].connected = i < len(node.inputs) and node.inputs[i] is not None
        while len(self.out_ports) > n_out:
            port = self.out_ports.pop()
            port.setParentItem(None)
            if port.scene() is not None:
                port.scene().removeItem(port)
        for i in range(n_out):
            if i >= len(self.out_ports):
                self.out_ports.append(PortItem(self, False, i))
            self.out_ports[i].setPos(WIDTH, self._slot_y(i, n_out))

    def _slot_y(self, i: int, count: int) -> float:
        body = self.height - HEADER
        if count <= 1:
            return HEADER + body / 2
        return HEADER + (body - (count - 1) * SLOT_STEP) / 2 + i * SLOT_STEP

    def set_analysis(self, info: NodeInfo | None, problems: list[Problem]) -> None:
        self.info = info
        self.problems = problems
        lines = [p.message for p in problems]
        self.setToolTip("\n\n".join(lines))
        self.update()

    @property
    def badge(self) -> str | None:
        if any(p.is_error for p in self.problems):
            return "error"
        return "warning" if self.problems else None

    def in_port(self, slot: int) -> PortItem | None:
        return self.in_ports[slot] if 0 <= slot < len(self.in_ports) else None

    def out_port(self, port: int) -> PortItem | None:
        if not self.out_ports:
            return None
        return self.out_ports[min(port, len(self.out_ports) - 1)]

    # -- geometry and painting --------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, WIDTH, self.height), 8, 8)
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        colors = themes.current()
        accent = category_color(self.category)
        rect = QRectF(0, 0, WIDTH, self.height)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        badge = self.badge
        border = (
            colors.selection
            if selected
            else (colors.error if badge == "error" else colors.node_border)
        )
        if lod < LOD_TEXT:
            # Simplified box: one fill, no text, no antialiasing.
            painter.setPen(QPen(border, 3 if selected or badge else 1))
            painter.setBrush(QBrush(accent))
            painter.drawRect(rect)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(QPen(border, 2.2 if selected else 1.2))
        painter.setBrush(QBrush(colors.node_body))
        painter.drawRoundedRect(rect, 8, 8)
        # Header band in the category colour.
        band = QColor(accent)
        band.setAlpha(46 if themes.current_name() == themes.LIGHT else 80)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(band)
        painter.drawPath(_header_path())
        painter.setBrush(accent)
        painter.drawRect(QRectF(0.6, HEADER - 2, WIDTH - 1.2, 2))
        paint_category_icon(painter, self.category, QRectF(8, 5, 18, 18))
        right = WIDTH - 10
        if badge:
            right -= 22
            self._paint_badge(painter, QPointF(WIDTH - 18, HEADER / 2), badge)
        if self.is_output:
            right -= 44
            self._paint_output_tag(painter, QRectF(right + 4, 7, 38, 14))
        painter.setFont(_TITLE_FONT)
        painter.setPen(colors.node_text)
        painter.drawText(
            QRectF(32, 0, right - 32, HEADER),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            _elide(self.name, _TITLE_FONT, right - 32),
        )
        self._paint_body(painter, colors)

    def _paint_body(self, painter: QPainter, colors: themes.CanvasColors) -> None:
        fm_small = QFontMetricsF(_SMALL_FONT)
        label_w = max((fm_small.horizontalAdvance(p.label) for p in self.in_ports), default=0.0)
        left = 16.0 + (label_w + 6 if label_w else 0.0)
        width = WIDTH - left - 16.0
        top = HEADER + (self.height - HEADER - 2 * LINE) / 2
        painter.setFont(_BODY_FONT)
        painter.setPen(colors.node_text)
        painter.drawText(
            QRectF(left, top, width, LINE),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            _elide(self.type_text, _BODY_FONT, width),
        )
        info = self.info
        shape = info.output if info is not None else None
        if info is not None and info.error is not None:
            shape_text = "⚠ " + _elide(info.error.message, _BODY_FONT, width - 70)
            shape_color = colors.error
        elif shape is None:
            shape_text, shape_color = "→ ?", colors.node_muted
        else:
            shape_text, shape_color = "→ " + fmt_shape(shape), colors.node_text
        params = info.params if info is not None else None
        count = "" if params is None else f"{params:,}"
        painter.setFont(_SMALL_FONT)
        painter.setPen(colors.node_muted)
        fm = QFontMetricsF(_SMALL_FONT)
        count_w = fm.horizontalAdvance(count) if count else 0.0
        painter.drawText(
            QRectF(left, top + LINE, width, LINE),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            count,
        )
        painter.setFont(_BODY_FONT)
        painter.setPen(shape_color)
        painter.drawText(
            QRectF(left, top + LINE, width - count_w - 6, LINE),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            _elide(shape_text, _BODY_FONT, width - count_w - 6),
        )
        painter.setFont(_SMALL_FONT)
        painter.setPen(colors.node_muted)
        for port in self.in_ports:
            if port.label:
                painter.drawText(
                    QRectF(11, port.y() - 7, label_w + 4, 14),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    port.label,
                )

    def _paint_badge(self, painter: QPainter, center: QPointF, badge: str) -> None:
        colors = themes.current()
        color = colors.error if badge == "error" else colors.warning
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(center, 8, 8)
        painter.setPen(QPen(QColor("#FFFFFF")))
        painter.setFont(_TITLE_FONT)
        painter.drawText(
            QRectF(center.x() - 8, center.y() - 8, 16, 16), Qt.AlignmentFlag.AlignCenter, "!"
        )

    def _paint_output_tag(self, painter: QPainter, rect: QRectF) -> None:
        colors = themes.current()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.output_mark)
        painter.drawRoundedRect(rect, 7, 7)
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(_SMALL_FONT)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, tr("output"))

    # -- interaction ------------------------------------------------------------------
    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        scene = self.scene()
        if (
            change == QGraphicsItem.GraphicsItemChange.ItemPositionChange
            and self._dragging
            and scene is not None
            and getattr(scene, "snap_to_grid", False)
        ):
            return QPointF(round(value.x() / GRID) * GRID, round(value.y() / GRID) * GRID)
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged and scene is not None:
            scene.node_item_moved(self)
        return super().itemChange(change, value)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._dragging = event.button() == Qt.MouseButton.LeftButton
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        was_dragging = self._dragging
        self._dragging = False
        super().mouseReleaseEvent(event)
        scene: GraphScene | None = self.scene()  # type: ignore[assignment]
        if was_dragging and scene is not None:
            scene.commit_moves(self)
