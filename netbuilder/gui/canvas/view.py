"""The canvas view: zoom to cursor, pan, fit, grid background, drops from the palette."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmapCache,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from .. import themes
from .node_item import GRID
from .scene import GraphScene

LAYER_MIME = "application/x-netbuilder-layer"
# Below this zoom wires are drawn as one batch of straight lines (see GraphScene.overview).
OVERVIEW_ZOOM = 0.12
MIN_ZOOM, MAX_ZOOM = 0.05, 4.0


class GraphView(QGraphicsView):
    """Shows a :class:`GraphScene`; turns wheel, keys and drops into view changes or edits."""

    # Scene position where quick-add should open (Tab/Space on the canvas).
    quickAddRequested = Signal(QPointF)
    filesDropped = Signal(list)
    zoomChanged = Signal(float)

    def __init__(self, scene: GraphScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.graph_scene = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # Cards cache their pixels; the default 10 MB holds too few of them and thrashes.
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), 256 * 1024))
        self._pan_from: QPointF | None = None
        self._space_down = False
        self._space_used = False

    # -- zoom -------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor_under_mouse: bool = False) -> None:
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        old = self.transformationAnchor()
        if not anchor_under_mouse:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        scale = factor / self.zoom()
        self.scale(scale, scale)
        self.setTransformationAnchor(old)
        self._zoom_changed()

    def _zoom_changed(self) -> None:
        self.graph_scene.set_overview(self.zoom() < OVERVIEW_ZOOM)
        self.zoomChanged.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / 1.25)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        """Show the whole graph (or the selection, if any)."""
        scene = self.graph_scene
        items = [scene.node_items[i] for i in scene.selected_node_ids()] or list(
            scene.node_items.values()
        )
        if not items:
            return
        rect = QRectF()
        for item in items:
            rect = rect.united(item.sceneBoundingRect())
        rect.adjust(-60, -60, 60, 60)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.5:
            self.set_zoom(1.5)
        self._zoom_changed()

    def center_on_node(self, node_id: str) -> None:
        item = self.graph_scene.node_items.get(node_id)
        if item is not None:
            self.centerOn(item)

    def view_center(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta == 0:
            return
        self.set_zoom(self.zoom() * math.pow(1.0015, delta), anchor_under_mouse=True)
        event.accept()

    # -- background -------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        colors = themes.current()
        painter.fillRect(rect, colors.background)
        zoom = self.zoom()
        if self.graph_scene.overview:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(colors.edge, 0))
            painter.drawLines(self.graph_scene.overview_lines())
        if zoom < 0.35:
            return  # the grid would be a grey haze; skip it when zoomed far out
        step = GRID if zoom >= 0.7 else GRID * 5
        minor: list[QLineF] = []
        major: list[QLineF] = []
        x = math.floor(rect.left() / step) * step
        while x < rect.right():
            line = QLineF(x, rect.top(), x, rect.bottom())
            (major if round(x / step) % 5 == 0 else minor).append(line)
            x += step
        y = math.floor(rect.top() / step) * step
        while y < rect.bottom():
            line = QLineF(rect.left(), y, rect.right(), y)
            (major if round(y / step) % 5 == 0 else minor).append(line)
            y += step
        # Two batched calls instead of one call per line; axis-aligned hairlines need no antialiasing.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(colors.grid_minor, 0))
        painter.drawLines(minor)
        painter.setPen(QPen(colors.grid_major, 0))
        painter.drawLines(major)

    # -- panning ----------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space_down
        ):
            self._pan_from = event.position()
            self._space_used = True
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.pan(-delta.x(), -delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def pan(self, dx: float, dy: float) -> None:
        """Scroll by (dx, dy) viewport pixels."""
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(dx))
        v.setValue(v.value() + round(dy))

    # -- keys -------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Tab would move the focus; on the canvas it opens quick-add.
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab:
            self.quickAddRequested.emit(self._cursor_scene_pos())
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self._space_used = False
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            if not self._space_used:
                self.quickAddRequested.emit(self._cursor_scene_pos())
            event.accept()
            return
        super().keyReleaseEvent(event)

    def _cursor_scene_pos(self) -> QPointF:
        pos = self.viewport().mapFromGlobal(self.cursor().pos())
        if not self.viewport().rect().contains(pos):
            return self.view_center()
        return self.mapToScene(pos)

    # -- drops ------------------------------------------------------------------------
    @staticmethod
    def _accepts(event: QDragEnterEvent | QDragMoveEvent) -> bool:
        """A palette layer or files: what :meth:`dropEvent` handles."""
        mime = event.mimeData()
        return mime.hasFormat(LAYER_MIME) or mime.hasUrls()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(LAYER_MIME):
            type_name = bytes(mime.data(LAYER_MIME).data()).decode("utf-8")
            self.graph_scene.add_layer(type_name, self.mapToScene(event.position().toPoint()))
            event.acceptProposedAction()
            self.setFocus()
        elif mime.hasUrls():
            paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
            if paths:
                self.filesDropped.emit(paths)
            event.acceptProposedAction()
        else:
            super().dropEvent(event)
