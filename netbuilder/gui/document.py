"""The open document: project, analyzer, undo stack, modified flag, selection.

``Document`` is the only entry point for edits: widgets call :meth:`push`
with a core edit, and observe :attr:`graphChanged` / :attr:`analysisChanged`.
Undo is a thin ``QUndoCommand`` adapter over the core's invertible edits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core import project as project_io
from ..core.analysis import Analyzer
from ..core.edits import Edit
from ..core.graph import Graph
from ..core.project import Project


class EditCommand(QUndoCommand):
    """A core edit on the undo stack: redo applies it, undo applies its inverse."""

    def __init__(self, document: Document, edit: Edit, text: str | None = None) -> None:
        super().__init__(text or edit.label)
        self._document = document
        self._edit = edit
        self._inverse: Edit | None = None
        self._key = edit.merge_key()

    def redo(self) -> None:
        self._inverse = self._edit.apply(self._document.graph)

    def undo(self) -> None:
        assert self._inverse is not None
        self._edit = self._inverse.apply(self._document.graph)

    def id(self) -> int:
        # Qt merges only commands with equal non-negative ids; keys decide the rest.
        return 1 if self._key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other._key != self._key or self._key is None:
            return False
        # Keep our inverse (the state before the first edit); adopt the newest edit.
        self._edit = other._edit
        return True


class Document(QObject):
    """Project + analyzer + undo stack for one editor window."""

    graphChanged = Signal(str, tuple)  # event, node ids (from Graph primitives)
    analysisChanged = Signal()  # coalesced: once per event-loop turn after edits
    selectionChanged = Signal(list)  # node ids
    pathChanged = Signal(str)
    projectReplaced = Signal()

    def __init__(self, project: Project | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.path: Path | None = None
        self.project = project or Project()
        self.analyzer = Analyzer(self.project.graph)
        self._unsubscribe = self.project.graph.subscribe(self._on_graph_event)
        self.selection: list[str] = []
        # Asked with the target before a save writes; False cancels it (the recovery
        # module confirms before a restored copy overwrites its original file).
        self.save_guard: Callable[[Path], bool] | None = None
        self._analysis_timer = QTimer(self)
        self._analysis_timer.setSingleShot(True)
        self._analysis_timer.setInterval(0)
        self._analysis_timer.timeout.connect(self.analysisChanged)

    @property
    def graph(self) -> Graph:
        return self.project.graph

    def _on_graph_event(self, event: str, ids: tuple[str, ...]) -> None:
        self.graphChanged.emit(event, ids)
        if event != "pos":
            self._analysis_timer.start()

    # -- edits ----------------------------------------------------------------------
    def push(self, edit: Edit, text: str | None = None) -> None:
        """Apply ``edit`` as one undoable step (raises GraphError if it is impossible)."""
        self.undo_stack.push(EditCommand(self, edit, text))

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    # -- project lifecycle ----------------------------------------------------------
    def replace_project(self, project: Project, path: Path | None = None) -> None:
        self._unsubscribe()
        self.analyzer.close()
        self.undo_stack.clear()
        self.project = project
        self.analyzer = Analyzer(project.graph)
        self._unsubscribe = project.graph.subscribe(self._on_graph_event)
        self.path = path
        self.save_guard = None
        self.selection = []
        self.undo_stack.setClean()
        self.projectReplaced.emit()
        self._analysis_timer.start()
        self.pathChanged.emit(str(path) if path else "")

    def save(self, path: Path | None = None) -> bool:
        """Save to ``path`` (or the current path); False when :attr:`save_guard` declines."""
        target = Path(path or self.path or "")
        if not str(target):
            raise ValueError("no file name to save to")
        if self.save_guard is not None:
            if not self.save_guard(target):
                return False
            self.save_guard = None
        project_io.save(self.project, target)
        self.path = target
        self.undo_stack.setClean()
        self.pathChanged.emit(str(target))
        return True

    def set_selection(self, node_ids: list[str]) -> None:
        if node_ids != self.selection:
            self.selection = list(node_ids)
            self.selectionChanged.emit(list(node_ids))
