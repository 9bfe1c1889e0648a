"""The code panel: the exported Python, live, highlighted, with Copy and "Save as .py".

The text is exactly what ``netbuilder export`` writes (both call
:func:`netbuilder.core.codegen.export_code`). It is recomputed at most every
~300 ms and only while the panel is visible (on a worker thread, from a
snapshot, for big graphs); while the graph has errors the panel keeps the code
of the last valid state under a banner that says why.
"""

from __future__ import annotations

import contextlib
import copy
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSaveFile, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPalette, QTextOption
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.codegen import export_code, model_name
from ...core.project import Project
from ..document import Document
from .highlighter import PythonHighlighter

DEBOUNCE_MS = 300
# Graphs this big take 100+ ms to export: the live update runs on a worker thread.
BACKGROUND_NODES = 300


class _Relay(QObject):
    """Carries a worker thread's result to the GUI thread (queued connection)."""

    done = Signal(int, object, object)


def _snapshot(project: Project) -> Project:
    """A copy the worker can read while the user keeps editing the original."""
    return Project(
        project.graph.copy(),
        dict(project.title),
        dict(project.description),
        copy.deepcopy(project.training),
        copy.deepcopy(project.data),
        copy.deepcopy(project.extra),
    )


def _export(project: Project) -> tuple[str | None, Exception | None]:
    try:
        return export_code(project), None
    except Exception as exc:  # noqa: BLE001 - shown to the user, never fatal
        return None, exc


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class CodePanel(QWidget):
    """Read-only exported Python with syntax highlighting."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CodePanel")
        self.document = document
        self._stale = True
        self._last_valid: str | None = None
        self.problem: str | None = None
        self._generation = 0
        self._pending = False  # a worker's result for the current state is awaited
        self._running = False  # a worker thread is exporting
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_exported)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.banner = QLabel(self)
        self.banner.setObjectName("codeBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel#codeBanner { background: #fff3cd; color: #5c4400;"
            " border: 1px solid #e0c36a; padding: 4px; }"
        )
        self.banner.hide()
        layout.addWidget(self.banner)
        self.editor = QPlainTextEdit(self)
        self.editor.setReadOnly(True)
        self.editor.setWordWrapMode(QTextOption.WrapMode.NoWrap)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setTabStopDistance(4 * self.editor.fontMetrics().horizontalAdvance(" "))
        layout.addWidget(self.editor, 1)
        self.highlighter = PythonHighlighter(self.editor.document(), _is_dark(self.palette()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton(self.tr("Save as .py…"), self)
        self.save_button.clicked.connect(self.save_as)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._update_if_visible)
        document.analysisChanged.connect(self._schedule)
        document.projectReplaced.connect(self._schedule)
        document.graphChanged.connect(self._on_graph)
        self._sync_buttons()

    # -- public -----------------------------------------------------------------------
    def code_text(self) -> str:
        """The code shown (brought up to date first): export_code's text when valid."""
        if self._stale or self._pending:
            self.refresh()
        return self.editor.toPlainText()

    def refresh(self, background: bool = False) -> None:
        """Export now; with ``background``, big graphs are exported on a worker thread."""
        self._timer.stop()
        if background and self._running:
            # One export at a time: the running one triggers the next when it ends.
            self._stale = True
            return
        self._stale = False
        self._generation += 1
        errors = self.document.analyzer.errors()
        if errors:
            reason = self.tr(
                "The code cannot be exported while the graph has {0} error(s)."
            ).format(len(errors))
            self._pending = False
            self._show(None, reason + " " + errors[0].message)
            return
        project = self.document.project
        if background and len(project.graph) >= BACKGROUND_NODES:
            self._pending = self._running = True
            snapshot = _snapshot(project)
            threading.Thread(
                target=self._export_in_thread,
                args=(self._generation, snapshot),
                name="netbuilder-code-export",
                daemon=True,
            ).start()
            return
        self._pending = False
        code, error = _export(project)
        self._show(code, error)

    def _export_in_thread(self, generation: int, snapshot: Project) -> None:
        code, error = _export(snapshot)
        # The panel may be gone by now; then nobody waits for the result.
        with contextlib.suppress(RuntimeError):
            self._relay.done.emit(generation, code, error)

    def _on_exported(self, generation: int, code: object, error: object) -> None:
        self._running = False
        if generation == self._generation:
            self._pending = False
            self._show(code if isinstance(code, str) else None, error)
        if self._stale and self.isVisible():
            self._timer.start(0)

    def _show(self, code: str | None, error: object) -> None:
        reason: str | None = None
        if code is None:
            reason = str(error)
            if isinstance(error, Exception):
                reason = self.tr("The code cannot be exported: {0}").format(error)
        if code is not None:
            self._last_valid = code
            self._set_text(code)
            self.problem = None
            self.banner.hide()
        else:
            self.problem = reason
            if self._last_valid is not None:
                reason = (reason or "") + " " + self.tr("Showing the code of the last valid graph.")
                self._set_text(self._last_valid)
            else:
                self._set_text("")
            self.banner.setText(reason or "")
            self.banner.show()
        self._sync_buttons()

    def copy(self) -> None:
        text = self.code_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def save_as(self) -> None:
        """Ask for a file name and save the code there."""
        text = self.code_text()
        if not text:
            return
        folder = self.document.path.parent if self.document.path else Path.cwd()
        suggested = str(folder / f"{model_name(self.document.project)}.py")
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the model as Python"), suggested, self.tr("Python files (*.py)")
        )
        if not path:
            return
        if not path.endswith(".py"):
            path += ".py"
        error = self.save_to(path)
        if error:
            QMessageBox.warning(self, self.tr("Cannot save"), error)

    def save_to(self, path: str | Path) -> str | None:
        """Write the shown code atomically (QSaveFile); returns why it failed, or None."""
        text = self.code_text()
        target = QSaveFile(str(path))
        if not target.open(QSaveFile.OpenModeFlag.WriteOnly):
            return self.tr("Cannot write {0}: {1}").format(path, target.errorString())
        target.write(text.encode("utf-8"))
        if not target.commit():
            return self.tr("Cannot write {0}: {1}").format(path, target.errorString())
        return None

    # -- live updates -------------------------------------------------------------------
    def _set_text(self, text: str) -> None:
        if text == self.editor.toPlainText():
            return
        # Keep the reader's place while the code changes under them.
        vertical = self.editor.verticalScrollBar().value()
        horizontal = self.editor.horizontalScrollBar().value()
        self.editor.setPlainText(text)
        self.editor.verticalScrollBar().setValue(vertical)
        self.editor.horizontalScrollBar().setValue(horizontal)

    def _sync_buttons(self) -> None:
        has_code = bool(self.editor.toPlainText())
        self.copy_button.setEnabled(has_code)
        self.save_button.setEnabled(has_code and self.problem is None)

    def _on_graph(self, event: str, _ids: tuple) -> None:
        if event != "pos":
            self._schedule()

    def _schedule(self) -> None:
        self._stale = True
        if self.isVisible():
            self._timer.start(DEBOUNCE_MS)

    def _update_if_visible(self) -> None:
        if self.isVisible() and self._stale:
            self.refresh(background=True)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        # Training settings change outside the graph; exporting takes milliseconds.
        self._stale = True
        self._timer.start(0)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.set_dark(_is_dark(self.palette()))


__all__ = ["CodePanel"]
