"""Autosave and recovery files: no lost work after a crash.

Each editor window owns one recovery file in the per-user recovery folder
(``QStandardPaths.AppDataLocation/recovery``, or ``$NETBUILDER_RECOVERY_DIR``)
while its document has unsaved changes. The file is an ordinary project
written with the core's atomic save; its ``extra["recovery"]`` says which file
it stands for and when it was written. A ``QLockFile`` next to it, held for the
window's lifetime, tells other instances the file is still in use: a file
whose lock can be taken belongs to no running instance (its owner crashed).

Serialising happens on the GUI thread (a few ms even for 1,000 layers); the
disk write runs on one worker thread, so a slow or full disk never stalls the
editor. Failures become a status-bar message, never an exception.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QSettings, QStandardPaths, QTimer, Signal

from ..core import project as project_io
from ..core.project import Project, ProjectError

if TYPE_CHECKING:
    from .document import Document

ENV_DIR = "NETBUILDER_RECOVERY_DIR"
META_KEY = "recovery"
SUFFIX = ".nbproj"
LOCK_SUFFIX = ".lock"
DEFAULT_INTERVAL_MS = 30_000
INTERVAL_KEY = "autosave/intervalSeconds"  # QSettings: seconds between recovery writes
FIRST_EDIT_DELAY_MS = 2_000


def recovery_dir() -> Path:
    """The folder for recovery files (created on demand by the writers)."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".netbuilder") / "recovery"


def _slug(text: str) -> str:
    """A file-name-safe stem: letters, digits, '-', '_' (at most 40 characters)."""
    return re.sub(r"[^\w-]+", "_", text, flags=re.UNICODE).strip("_")[:40] or "untitled"


def recovery_snapshot(document: Document) -> str:
    """The recovery file's text for ``document`` (GUI thread; the timed part of autosave)."""
    extra = dict(document.project.extra)
    extra[META_KEY] = {
        "original": str(document.path) if document.path is not None else None,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "pid": os.getpid(),
    }
    project = Project(
        document.project.graph,
        document.project.title,
        document.project.description,
        document.project.training,
        document.project.data,
        extra,
    )
    return project_io.dumps(project)


@dataclass(frozen=True)
class RecoveryEntry:
    """One recovery file no running instance owns."""

    path: Path
    original: Path | None
    saved_at: datetime | None
    layers: int
    title: str

    @property
    def display_name(self) -> str:
        if self.original is not None:
            return self.original.name
        return self.title or "untitled"

    def load(self) -> Project:
        """The project as it was, without the recovery metadata; raises ProjectError."""
        project = project_io.load(self.path)
        project.extra.pop(META_KEY, None)
        return project

    def discard(self) -> None:
        """Delete the recovery file (and a stale lock file next to it)."""
        for path in (self.path, lock_path(self.path)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def lock_path(recovery_file: Path) -> Path:
    return recovery_file.with_name(recovery_file.name + LOCK_SUFFIX)


def _read_entry(path: Path) -> RecoveryEntry | None:
    try:
        project = project_io.load(path)
    except ProjectError:
        return None
    meta = project.extra.get(META_KEY)
    meta = meta if isinstance(meta, dict) else {}
    original = meta.get("original")
    saved_at = None
    if isinstance(meta.get("saved_at"), str):
        with contextlib.suppress(ValueError):
            saved_at = datetime.fromisoformat(meta["saved_at"])
            if saved_at.tzinfo is None:
                saved_at = saved_at.replace(tzinfo=UTC)
    return RecoveryEntry(
        path,
        Path(original) if isinstance(original, str) and original else None,
        saved_at,
        len(project.graph),
        project.display_title(),
    )


def find_orphans(folder: Path | None = None) -> list[RecoveryEntry]:
    """Recovery files whose owner is gone (their lock is free or stale), newest first.

    Files that cannot be read as projects are left alone (and not listed).
    """
    folder = folder or recovery_dir()
    if not folder.is_dir():
        return []
    found: list[RecoveryEntry] = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        lock = QLockFile(str(lock_path(path)))
        # tryLock(0) removes a lock whose process is dead; a live owner keeps it.
        if not lock.tryLock(0):
            continue
        lock.unlock()
        entry = _read_entry(path)
        if entry is not None:
            found.append(entry)
    epoch = datetime.min.replace(tzinfo=UTC)
    found.sort(key=lambda e: e.saved_at or epoch, reverse=True)
    return found


class Autosaver(QObject):
    """Keeps one window's recovery file up to date while its document is modified.

    ``failed(message)`` reports a write that did not work (disk full,
    permissions); ``written(path)`` a write that did. Both arrive on the GUI thread.
    """

    written = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        document: Document,
        interval_ms: int | None = None,
        first_delay_ms: int = FIRST_EDIT_DELAY_MS,
        folder: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.folder = folder or recovery_dir()
        self._token = uuid.uuid4().hex[:8]
        self.path: Path | None = None
        self._lock: QLockFile | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._pending: Future | None = None
        self._dirty_since_write = False
        self._enabled = True
        if interval_ms is None:
            seconds = QSettings().value(INTERVAL_KEY, DEFAULT_INTERVAL_MS // 1000, type=int)
            interval_ms = max(1, int(seconds)) * 1000
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.first_timer = QTimer(self)
        self.first_timer.setSingleShot(True)
        self.first_timer.setInterval(first_delay_ms)
        self.first_timer.timeout.connect(self._tick)
        stack = document.undo_stack
        stack.cleanChanged.connect(self._on_clean_changed)
        stack.indexChanged.connect(self._on_index_changed)
        document.projectReplaced.connect(self._on_project_replaced)
        self.timer.start()

    # -- reacting to the document --------------------------------------------------------
    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            # Saved (or undone back to the saved state): the user's file is the truth.
            self.first_timer.stop()
            self.discard()
        else:
            self._dirty_since_write = True
            self.first_timer.start()

    def _on_index_changed(self, _index: int) -> None:
        self._dirty_since_write = True

    def _on_project_replaced(self) -> None:
        self.first_timer.stop()
        self.discard()
        if self.document.is_modified():  # a restored recovery copy
            self._dirty_since_write = True
            self.first_timer.start()

    def _tick(self) -> None:
        if self._enabled and self.document.is_modified() and self._dirty_since_write:
            self.save_now()

    # -- writing ---------------------------------------------------------------------------
    def _file_name(self) -> str:
        stem = self.document.path.stem if self.document.path is not None else "untitled"
        return f"{_slug(stem)}-{self._token}{SUFFIX}"

    def _claim(self) -> Path | None:
        """Lock this window's recovery file (renamed when the document's name changes)."""
        target = self.folder / self._file_name()
        if self._lock is not None and self.path == target:
            return target
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._report(exc)
            return None
        lock = QLockFile(str(lock_path(target)))
        lock.setStaleLockTime(0)  # stale only when the owner process is gone
        if not lock.tryLock(0):
            self.failed.emit(self.tr("Autosave is off: {name} is locked.").format(name=target.name))
            return None
        if self._lock is not None:
            self._lock.unlock()
        self._lock = lock
        return target

    def save_now(self) -> Future | None:
        """Snapshot the document now and write it in the background; never raises."""
        if not self._enabled:
            return None
        try:
            old = self.path
            target = self._claim()
            if target is None:
                return None
            text = recovery_snapshot(self.document)
        except Exception as exc:  # serialising must never take the editor down
            self._report(exc)
            return None
        self.path = target
        self._dirty_since_write = False
        stale = old if old is not None and old != target else None
        self._pending = self._executor.submit(self._write, target, text, stale)
        return self._pending

    def _write(self, target: Path, text: str, stale: Path | None) -> None:
        # Worker thread: only plain file operations and signal emission here.
        try:
            project_io.atomic_write_text(target, text)
            if stale is not None:
                with contextlib.suppress(FileNotFoundError):
                    stale.unlink()
        except Exception as exc:
            self._report(exc)
            return
        self.written.emit(str(target))

    def _report(self, exc: BaseException) -> None:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.failed.emit(self.tr("Autosave failed: {reason}").format(reason=reason))

    def flush(self, timeout: float = 10.0) -> None:
        """Wait for the write in flight (tests, and before deleting on close)."""
        pending = self._pending
        if pending is not None:
            with contextlib.suppress(Exception):
                pending.result(timeout=timeout)

    def discard(self) -> None:
        """Delete this window's recovery file (clean save or clean close)."""
        self.flush()
        path, self.path = self.path, None
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink()
        if self._lock is not None:
            self._lock.unlock()  # removes the lock file
            self._lock = None

    def shutdown(self) -> None:
        """The window closes cleanly: stop, delete the file, release the lock."""
        self._enabled = False
        self.timer.stop()
        self.first_timer.stop()
        self.discard()
        self._executor.shutdown(wait=True)
