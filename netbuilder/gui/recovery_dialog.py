"""Crash recovery on start-up: list orphaned recovery files, restore or discard them.

The dialog is not modal (it never blocks the event loop): it emits
``restoreRequested`` / ``discardRequested`` for the chosen entry, and
:func:`offer_recovery` wires those to :func:`restore_entry` and
:meth:`RecoveryEntry.discard`. "Later" closes it and keeps the files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.project import ProjectError
from .autosave import RecoveryEntry, find_orphans

if TYPE_CHECKING:
    from .main_window import MainWindow

# Windows opened for restored projects (kept alive here; removed when closed).
_restored_windows: list[MainWindow] = []


class RecoveryDialog(QDialog):
    """Lists unsaved work left by a crashed session: Restore, Discard or Later."""

    restoreRequested = Signal(object)  # RecoveryEntry
    discardRequested = Signal(object)  # RecoveryEntry

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecoveryDialog")
        self.setWindowTitle(self.tr("Recover unsaved work"))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "netbuilder did not close properly last time. These projects had "
                "changes that were not saved. Restore a project to keep working on it, "
                "or discard it if you do not need it."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Project"), self.tr("Last autosave"), self.tr("Layers")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.discard_button = QPushButton(self.tr("&Discard"), self)
        self.later_button = QPushButton(self.tr("&Later"), self)
        self.restore_button.setDefault(True)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.restore_button.clicked.connect(self.restore_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.later_button.clicked.connect(self.close)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        self.entries: list[RecoveryEntry] = []
        for entry in entries:
            self._add(entry)
        self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()
        for column in (1, 2):
            self.tree.resizeColumnToContents(column)
        self.resize(560, 300)

    def _add(self, entry: RecoveryEntry) -> None:
        when = (
            QLocale().toString(entry.saved_at.astimezone(), QLocale.FormatType.ShortFormat)
            if entry.saved_at is not None
            else "?"
        )
        item = QTreeWidgetItem(self.tree, [entry.display_name, when, str(entry.layers)])
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        where = str(entry.original) if entry.original else self.tr("never saved")
        item.setToolTip(0, where)
        self.entries.append(entry)

    def current_entry(self) -> RecoveryEntry | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        index = self.tree.indexOfTopLevelItem(item)
        return self.entries[index] if 0 <= index < len(self.entries) else None

    def _update_buttons(self) -> None:
        has = self.current_entry() is not None
        self.restore_button.setEnabled(has)
        self.discard_button.setEnabled(has)

    def _take_current(self) -> RecoveryEntry | None:
        entry = self.current_entry()
        if entry is None:
            return None
        index = self.entries.index(entry)
        self.entries.pop(index)
        self.tree.takeTopLevelItem(index)
        self._update_buttons()
        return entry

    def restore_selected(self) -> None:
        entry = self._take_current()
        if entry is not None:
            self.restoreRequested.emit(entry)
        if not self.entries:
            self.close()

    def discard_selected(self) -> None:
        entry = self._take_current()
        if entry is not None:
            self.discardRequested.emit(entry)
        if not self.entries:
            self.close()


def _ask_overwrite(window: MainWindow, target: Path) -> bool:
    answer = QMessageBox.question(
        window,
        QCoreApplication.translate("RecoveryDialog", "Save recovered project"),
        QCoreApplication.translate(
            "RecoveryDialog",
            "This project was restored from an autosave. Saving replaces {path} with the "
            "recovered version. Save now?",
        ).format(path=str(target)),
    )
    return answer == QMessageBox.StandardButton.Yes


def _window_for_restore(window: MainWindow) -> MainWindow:
    """The window itself if it holds nothing; otherwise a new window next to it."""
    if not window.document.is_modified() and len(window.document.graph) == 0:
        return window
    from .main_window import MainWindow

    new = MainWindow()
    new.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _restored_windows.append(new)
    new.destroyed.connect(lambda *_: _restored_windows.remove(new))
    new.show()
    return new


def restore_entry(
    window: MainWindow,
    entry: RecoveryEntry,
    confirm_overwrite: Callable[[MainWindow, Path], bool] | None = None,
) -> MainWindow | None:
    """Open ``entry`` as a modified, unsaved document; returns the window it is in.

    The document's path is the original file, so Save writes there once
    ``confirm_overwrite`` agrees. The recovery file is deleted only after the
    window's own autosave holds a copy.
    """
    try:
        project = entry.load()
    except ProjectError as exc:
        window.statusBar().showMessage(
            QCoreApplication.translate("RecoveryDialog", "Cannot restore {name}: {reason}").format(
                name=entry.display_name, reason=str(exc)
            ),
            8000,
        )
        return None
    target = _window_for_restore(window)
    document = target.document
    document.replace_project(project, entry.original)
    document.undo_stack.resetClean()  # modified: the title shows "*"
    original = entry.original
    if original is not None:

        def guard(path: Path) -> bool:
            ask = confirm_overwrite or _ask_overwrite  # looked up when Save is pressed
            return Path(path) != original or ask(target, Path(path))

        document.save_guard = guard
    target.autosave.save_now()
    target.autosave.flush()
    if target.autosave.path is not None and target.autosave.path.exists():
        entry.discard()
    target.view.fit()
    target.statusBar().showMessage(
        QCoreApplication.translate(
            "RecoveryDialog", "Restored {name} from its autosave; it is not saved yet."
        ).format(name=entry.display_name),
        8000,
    )
    return target


def offer_recovery(window: MainWindow, folder: Path | None = None) -> RecoveryDialog | None:
    """Show the recovery dialog (not modal) when orphaned recovery files exist."""
    entries = find_orphans(folder)
    if not entries:
        return None
    dialog = RecoveryDialog(entries, window)
    dialog.restoreRequested.connect(lambda entry: restore_entry(window, entry))
    dialog.discardRequested.connect(lambda entry: entry.discard())
    dialog.show()
    return dialog
