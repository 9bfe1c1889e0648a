"""JSON editor for a generic layer's Keras config (layers the catalog does not model)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def config_text(config: Any) -> str:
    """The config as shown: indented, keys sorted, non-ASCII kept readable."""
    return json.dumps(config, indent=2, sort_keys=True, ensure_ascii=False)


class ConfigEditor(QWidget):
    """Validated JSON text; ``applied(dict)`` on "Apply config" or Ctrl+Return when it changed."""

    applied = Signal(dict)

    def __init__(self, config: Any, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._config = config
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("configEdit")
        self.edit.setReadOnly(not editable)
        self.edit.setPlainText(config_text(config))
        self.edit.textChanged.connect(self._check)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d03030;")
        self.error.hide()
        self.apply_button = QPushButton(self.tr("Apply config"), self)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        QShortcut(QKeySequence("Ctrl+Return"), self.edit, self.apply)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.apply_button)
        layout.addLayout(row)

    def set_config(self, config: Any) -> None:
        """Show the node's config unless the user is editing the text."""
        self._config = config
        if self.edit.hasFocus():
            self._check()
            return
        text = config_text(config)
        if text != self.edit.toPlainText():
            self.edit.setPlainText(text)
        self.apply_button.setEnabled(False)

    def parsed(self) -> tuple[dict | None, str | None]:
        """(config, None) when the text is a JSON object, else (None, the reason)."""
        try:
            value = json.loads(self.edit.toPlainText())
        except json.JSONDecodeError as exc:
            return None, self.tr("Not valid JSON: {0} (line {1}, column {2}).").format(
                exc.msg, exc.lineno, exc.colno
            )
        if not isinstance(value, dict):
            return None, self.tr('The config must be a JSON object like {"units": 8}.')
        return value, None

    def _show_error(self, reason: str | None) -> None:
        self.error.setText(reason or "")
        self.error.setVisible(bool(reason))

    def _check(self) -> None:
        value, reason = self.parsed()
        self._show_error(reason)
        self.apply_button.setEnabled(
            not self.edit.isReadOnly() and value is not None and value != self._config
        )

    def apply(self) -> None:
        value, reason = self.parsed()
        self._show_error(reason)
        if self.edit.isReadOnly() or value is None or value == self._config:
            return
        self.apply_button.setEnabled(False)
        self.applied.emit(value)


__all__ = ["ConfigEditor", "config_text"]
