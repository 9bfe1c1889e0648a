"""Light and dark themes: an own Fusion palette plus the canvas colours.

X11 does not report the desktop's colour scheme, so netbuilder ships both
palettes itself and remembers the choice in QSettings. The canvas reads its
colours from :func:`current`, so switching the theme only needs a repaint.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

LIGHT = "light"
DARK = "dark"
THEMES = (LIGHT, DARK)


@dataclass(frozen=True)
class CanvasColors:
    """Colours the canvas items paint with."""

    background: QColor
    grid_minor: QColor
    grid_major: QColor
    node_body: QColor
    node_border: QColor
    node_text: QColor
    node_muted: QColor
    selection: QColor
    edge: QColor
    edge_label_bg: QColor
    edge_label_text: QColor
    port: QColor
    port_ok: QColor
    port_bad: QColor
    error: QColor
    warning: QColor
    output_mark: QColor


_CANVAS = {
    LIGHT: CanvasColors(
        background=QColor("#F4F6FA"),
        grid_minor=QColor("#E6E9F0"),
        grid_major=QColor("#D5DAE4"),
        node_body=QColor("#FFFFFF"),
        node_border=QColor("#C9CFDA"),
        node_text=QColor("#1F2430"),
        node_muted=QColor("#5D6676"),
        selection=QColor("#2563EB"),
        edge=QColor("#7C8598"),
        edge_label_bg=QColor("#FFFFFF"),
        edge_label_text=QColor("#394150"),
        port=QColor("#8A93A6"),
        port_ok=QColor("#16A34A"),
        port_bad=QColor("#DC2626"),
        error=QColor("#DC2626"),
        warning=QColor("#D97706"),
        output_mark=QColor("#0F766E"),
    ),
    DARK: CanvasColors(
        background=QColor("#1B1E24"),
        grid_minor=QColor("#23272F"),
        grid_major=QColor("#2D323C"),
        node_body=QColor("#2A2F38"),
        node_border=QColor("#3C4350"),
        node_text=QColor("#E8EBF0"),
        node_muted=QColor("#A3ACBA"),
        selection=QColor("#60A5FA"),
        edge=QColor("#8C96A8"),
        edge_label_bg=QColor("#2A2F38"),
        edge_label_text=QColor("#D5DAE2"),
        port=QColor("#8C96A8"),
        port_ok=QColor("#4ADE80"),
        port_bad=QColor("#F87171"),
        error=QColor("#F87171"),
        warning=QColor("#FBBF24"),
        output_mark=QColor("#2DD4BF"),
    ),
}

_current = LIGHT


def current_name() -> str:
    return _current


def current() -> CanvasColors:
    """Canvas colours of the active theme."""
    return _CANVAS[_current]


def _palette(name: str) -> QPalette:
    p = QPalette()
    if name == DARK:
        window, base, alt, text = "#23262D", "#1B1E24", "#2A2E36", "#E8EBF0"
        button, highlight, disabled, link = "#2E323B", "#3B82F6", "#6B7280", "#60A5FA"
        tooltip_bg, tooltip_text, mid = "#2E323B", "#E8EBF0", "#3C4350"
    else:
        window, base, alt, text = "#EEF0F4", "#FFFFFF", "#F5F7FA", "#1F2430"
        button, highlight, disabled, link = "#F5F6F8", "#2563EB", "#9AA1AD", "#1D4ED8"
        tooltip_bg, tooltip_text, mid = "#FFFFFF", "#1F2430", "#C9CFDA"
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: alt,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: button,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: "#FFFFFF",
        QPalette.ColorRole.Highlight: highlight,
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.ToolTipBase: tooltip_bg,
        QPalette.ColorRole.ToolTipText: tooltip_text,
        QPalette.ColorRole.PlaceholderText: disabled,
        QPalette.ColorRole.Link: link,
        QPalette.ColorRole.Mid: mid,
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return p


def apply_theme(app: QApplication, name: str) -> str:
    """Switch the application to theme ``name`` (unknown names fall back to light)."""
    global _current
    _current = name if name in THEMES else LIGHT
    if "Fusion" in QStyleFactory.keys():  # noqa: SIM118 (keys() is a Qt list, not a dict)
        app.setStyle("Fusion")
    app.setPalette(_palette(_current))
    return _current
