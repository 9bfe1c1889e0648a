"""Crisp SVG icons: one per layer category plus the application icon.

Icons are SVG files in ``resources/icons``. Widgets get a :class:`QIcon`
(rendered by Qt's SVG icon engine at whatever size is asked); canvas items
paint the same SVG through a shared :class:`QSvgRenderer`, so cards stay sharp
at every zoom level.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QIcon, QPainter
from PySide6.QtSvg import QSvgRenderer

from ..core.resources import resource_dir

# Colour of each category (the same as the icons' backgrounds).
CATEGORY_COLORS = {
    "Input": "#3B82F6",
    "Core": "#6366F1",
    "Convolution": "#0EA5E9",
    "Pooling": "#14B8A6",
    "Recurrent": "#F59E0B",
    "Attention": "#EC4899",
    "Merge": "#8B5CF6",
    "Reshaping": "#64748B",
    "Normalization": "#22C55E",
    "Regularization": "#F97316",
    "Activation": "#CA8A04",
    "Other": "#78716C",
}


@cache
def icons_dir() -> Path:
    """The folder with the SVG icons (source checkout or installed data files)."""
    return resource_dir("icons")


def icon_path(name: str) -> Path:
    return icons_dir() / f"{name}.svg"


@cache
def _file_for(category: str) -> str:
    name = category.lower()
    return name if icon_path(name).is_file() else "other"


def category_color(category: str) -> QColor:
    return QColor(CATEGORY_COLORS.get(category, CATEGORY_COLORS["Other"]))


@cache
def category_icon(category: str) -> QIcon:
    return QIcon(str(icon_path(_file_for(category))))


@cache
def _renderer(name: str) -> QSvgRenderer:
    return QSvgRenderer(str(icon_path(name)))


def paint_category_icon(painter: QPainter, category: str, rect: QRectF) -> None:
    """Draw the category's SVG into ``rect`` (vector, sharp at any zoom)."""
    renderer = _renderer(_file_for(category))
    if renderer.isValid():
        renderer.render(painter, rect)
    else:
        painter.fillRect(rect, category_color(category))


@cache
def app_icon() -> QIcon:
    return QIcon(str(icon_path("app")))
