"""Export the graph as an image: PNG (raster, 2× for sharpness) or SVG (vector)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from . import themes

MARGIN = 40.0


def _source_rect(scene: QGraphicsScene) -> QRectF:
    return scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def _render(scene: QGraphicsScene, painter: QPainter, target: QRectF, source: QRectF) -> None:
    selected = scene.selectedItems()
    # Cached items would paint as bitmaps; draw them afresh so SVG stays vector.
    cached = [
        (i, i.cacheMode())
        for i in scene.items()
        if i.cacheMode() != QGraphicsItem.CacheMode.NoCache
    ]
    # Selection outlines do not belong in a picture. The selection comes back
    # unchanged, so nobody hears of the dip (one signal per item otherwise).
    with QSignalBlocker(scene):
        for item in selected:
            item.setSelected(False)
        for item, _mode in cached:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            painter.fillRect(target, themes.current().background)
            scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            for item, mode in cached:
                item.setCacheMode(mode)
            for item in selected:
                item.setSelected(True)


def export_png(scene: QGraphicsScene, path: str | Path, scale: float = 2.0) -> QSize:
    """Write the whole graph to ``path`` as PNG; returns the image size."""
    source = _source_rect(scene)
    size = QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    _render(scene, painter, QRectF(0, 0, size.width(), size.height()), source)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
    return size


def export_svg(scene: QGraphicsScene, path: str | Path, title: str = "netbuilder graph") -> None:
    """Write the whole graph to ``path`` as SVG (vector, text stays text)."""
    source = _source_rect(scene)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title)
    painter = QPainter(generator)
    _render(scene, painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
    if not Path(path).is_file():
        raise OSError(f"cannot write {path}")
