"""Wires: cubic curves from an output port to an input slot, labelled with the tensor shape."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from .. import themes

LOD_LABEL = 0.55
_LABEL_FONT = QFont()
_LABEL_FONT.setPointSizeF(7.5)


_HAIRLINES: dict[str, QPen] = {}


def _hairline() -> QPen:
    name = themes.current_name()
    if name not in _HAIRLINES:
        _HAIRLINES[name] = QPen(themes.current().edge, 0)
    return _HAIRLINES[name]


def curve(start: QPointF, end: QPointF) -> QPainterPath:
    """A smooth S-curve that leaves to the right and enters from the left."""
    dx = max(abs(end.x() - start.x()) * 0.5, 40.0)
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x() + dx, start.y()), QPointF(end.x() - dx, end.y()), end)
    return path


class EdgeItem(QGraphicsItem):
    """The wire entering ``dst`` at ``slot`` from ``src``'s output ``port``."""

    def __init__(self, src: str, port: int, dst: str, slot: int) -> None:
        super().__init__()
        self.src, self.port, self.dst, self.slot = src, port, dst, slot
        self.label = ""
        self.bad = False
        self._start = QPointF()
        self._end = QPointF()
        self._path = QPainterPath()
        self._label_rect = QRectF()
        self._bounds = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(0)

    @property
    def key(self) -> tuple[str, int]:
        return (self.dst, self.slot)

    def chord(self) -> QLineF:
        """The straight line from start to end (the overview draws wires like this)."""
        return QLineF(self._start, self._end)

    def set_ends(self, start: QPointF, end: QPointF) -> None:
        if start == self._start and end == self._end and not self._path.isEmpty():
            return
        self.prepareGeometryChange()
        self._start, self._end = QPointF(start), QPointF(end)
        self._path = curve(self._start, self._end)
        self._place_label()

    def set_label(self, text: str, bad: bool = False) -> None:
        if text != self.label or bad != self.bad:
            self.prepareGeometryChange()
            self.label, self.bad = text, bad
            self._place_label()
            self.update()

    def _place_label(self) -> None:
        """Place the label on the curve and cache the bounds (Qt asks for them often)."""
        if not self.label:
            self._label_rect = QRectF()
        else:
            fm = QFontMetricsF(_LABEL_FONT)
            w = fm.horizontalAdvance(self.label) + 10
            h = fm.height() + 4
            mid = self._path.pointAtPercent(0.5)
            self._label_rect = QRectF(mid.x() - w / 2, mid.y() - h / 2, w, h)
        self._bounds = self._path.boundingRect().adjusted(-6, -6, 6, 6).united(self._label_rect)

    def path(self) -> QPainterPath:
        return self._path

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        out = stroker.createStroke(self._path)
        if not self._label_rect.isNull():
            out.addRect(self._label_rect)
        return out

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        if lod < 0.3 and not selected and not self.bad:
            # Far out: a straight hairline is indistinguishable and much cheaper.
            painter.setPen(_hairline())
            painter.drawLine(self._start, self._end)
            return
        colors = themes.current()
        color = colors.error if self.bad else colors.edge
        if selected:
            color = colors.selection
        if lod >= LOD_LABEL:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(color, 2.6 if selected else 1.8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        if lod < LOD_LABEL or self._label_rect.isNull():
            return
        painter.setPen(QPen(color, 1.0))
        painter.setBrush(QBrush(colors.edge_label_bg))
        painter.drawRoundedRect(self._label_rect, 6, 6)
        painter.setFont(_LABEL_FONT)
        painter.setPen(colors.error if self.bad else colors.edge_label_text)
        painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self.label)


class WireItem(QGraphicsItem):
    """The temporary wire that follows the mouse while connecting."""

    def __init__(self, start: QPointF) -> None:
        super().__init__()
        self._start = QPointF(start)
        self._path = curve(self._start, self._start)
        self.ok: bool | None = None
        self.setZValue(5)

    def move_end(self, end: QPointF, ok: bool | None) -> None:
        self.prepareGeometryChange()
        self._path = curve(self._start, end)
        self.ok = ok
        self.update()

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().adjusted(-4, -4, 4, 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        colors = themes.current()
        color = {True: colors.port_ok, False: colors.port_bad}.get(self.ok, colors.selection)
        pen = QPen(color, 2.2, Qt.PenStyle.DashLine)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        painter.drawPath(self._path)
