"""Autosave and crash recovery: recovery files, locks, the recovery dialog, restoring."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from doc_builders import dense_chain as chain
from PySide6.QtCore import Qt

from netbuilder.core import project as project_io
from netbuilder.core.catalog import CATALOG
from netbuilder.core.edits import AddNode, Connect, make_node
from netbuilder.core.graph import Graph
from netbuilder.core.project import Project, graph_to_dict
from netbuilder.gui import autosave, recovery_dialog
from netbuilder.gui.autosave import ENV_DIR, find_orphans, recovery_snapshot
from netbuilder.gui.canvas.rules import initial_params
from netbuilder.gui.recovery_dialog import RecoveryDialog, offer_recovery, restore_entry


@pytest.fixture(autouse=True)
def rec_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Recovery files of these tests go to a folder of their own (before any window exists)."""
    folder = tmp_path / "recovery"
    monkeypatch.setenv(ENV_DIR, str(folder))
    return folder


def fast(win) -> None:
    win.autosave.first_timer.setInterval(20)
    win.autosave.timer.setInterval(60)


def test_first_edit_writes_a_recovery_copy_that_loads_back(qtbot, window, rec_dir):
    fast(window)
    assert not list(rec_dir.glob("*.nbproj"))
    chain(window.document)
    qtbot.waitUntil(lambda: window.autosave.path is not None and window.autosave.path.exists())
    path = window.autosave.path
    assert path.parent == rec_dir and path.name.startswith("untitled-")
    window.autosave.flush()
    loaded = project_io.load(path)
    assert graph_to_dict(loaded.graph) == graph_to_dict(window.document.graph)
    meta = loaded.extra["recovery"]
    assert meta["original"] is None and meta["pid"] == os.getpid() and meta["saved_at"]
    # The periodic timer picks up later edits.
    chain(window.document, 2)
    qtbot.waitUntil(lambda: len(project_io.load(path).graph) == 5, timeout=3000)
    # Our own, live file is never offered as an orphan.
    assert find_orphans() == []


def test_clean_save_and_clean_close_remove_the_recovery_file(qtbot, window, rec_dir, tmp_path):
    fast(window)
    chain(window.document)
    qtbot.waitUntil(lambda: window.autosave.path is not None and window.autosave.path.exists())
    first = window.autosave.path
    target = tmp_path / "my model.nbproj"
    assert window.files.save_to(target)
    assert not first.exists() and not list(rec_dir.iterdir())
    chain(window.document, 1)
    qtbot.waitUntil(lambda: window.autosave.path is not None and window.autosave.path.exists())
    second = window.autosave.path
    assert second.name.startswith("my_model-")
    window.autosave.flush()
    assert project_io.load(second).extra["recovery"]["original"] == str(target)
    assert project_io.load(target).extra == {}  # the user's file never gets recovery data
    window.document.undo_stack.setClean()
    window.close()
    assert not second.exists() and not list(rec_dir.iterdir())


def test_autosave_failures_go_to_the_status_bar(qtbot, window, tmp_path, monkeypatch):
    blocker = tmp_path / "not a folder"
    blocker.write_text("x")
    window.autosave.folder = blocker / "recovery"
    chain(window.document)
    assert window.autosave.save_now() is None  # mkdir fails: reported, not raised
    assert "Autosave failed" in window.statusBar().currentMessage()

    def full_disk(path, text):
        raise OSError(errno.ENOSPC, "No space left on device")

    window.autosave.folder = tmp_path / "ok"
    window.statusBar().clearMessage()
    monkeypatch.setattr(autosave.project_io, "atomic_write_text", full_disk)
    window.autosave.save_now()
    window.autosave.flush()
    qtbot.waitUntil(lambda: "No space left" in window.statusBar().currentMessage())
    chain(window.document, 1)  # the editor keeps working
    assert len(window.document.graph) == 4 and window.isVisible()


def test_interval_comes_from_settings(qtbot):
    from PySide6.QtCore import QSettings

    from netbuilder.gui.document import Document

    doc = Document()
    assert autosave.Autosaver(doc).timer.interval() == 30_000
    QSettings().setValue(autosave.INTERVAL_KEY, 5)
    saver = autosave.Autosaver(doc)
    assert saver.timer.interval() == 5_000 and saver.timer.isActive()
    assert saver.first_timer.interval() == autosave.FIRST_EDIT_DELAY_MS


def test_snapshot_of_a_thousand_layers_is_quick():
    from netbuilder.gui.document import Document

    graph = Graph()
    prev = None
    for i in range(1000):
        type_name = "Input" if i == 0 else "Dense"
        node = make_node(graph, type_name, initial_params(CATALOG[type_name]), pos=(i * 10.0, 0))
        AddNode(node).apply(graph)
        if prev is not None:
            Connect(prev, node.id).apply(graph)
        prev = node.id
    doc = Document(Project(graph))
    best = min(_timed(recovery_snapshot, doc) for _ in range(3))
    print(f"recovery snapshot of 1,000 layers: {best * 1000:.1f} ms")
    assert best < 0.100
    assert len(project_io.loads(recovery_snapshot(doc)).graph) == 1000


def _timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


CRASH = r"""
import os, sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from netbuilder.core import project as project_io
from netbuilder.core.edits import Rename
from netbuilder.gui.autosave import Autosaver
from netbuilder.gui.document import Document
original = sys.argv[1]
doc = Document()
doc.replace_project(project_io.load(original) if original != "-" else project_io.Project(),
                    None if original == "-" else __import__("pathlib").Path(original))
saver = Autosaver(doc)
first = next(iter(doc.graph.nodes), None)
if first is not None:
    doc.push(Rename(first, "renamed_after_save"))
saver.save_now()
saver.flush()
print(saver.path)
sys.stdout.flush()
os._exit(3)  # a crash: no clean close, the lock file stays with a dead PID
"""


def crash_with(original: Path | None, rec_dir: Path) -> Path:
    """Run a child process that autosaves and dies; returns its recovery file."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{ENV_DIR: str(rec_dir)})
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(original) if original else "-"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 3, done.stderr[-2000:]
    path = Path(done.stdout.strip().splitlines()[-1])
    assert path.exists() and autosave.lock_path(path).exists()
    return path


def saved_project(path: Path, n: int = 3) -> Path:
    from netbuilder.gui.document import Document

    doc = Document()
    chain(doc, n)
    doc.project.title = {"en": "Saved"}
    project_io.save(doc.project, path)
    return path


def test_crashed_session_is_offered_restored_and_saved_after_confirming(
    qtbot, window, rec_dir, tmp_path, monkeypatch
):
    original = saved_project(tmp_path / "net.nbproj")
    before = original.read_text()
    left = crash_with(original, rec_dir)
    dialog = offer_recovery(window)
    assert isinstance(dialog, RecoveryDialog) and not dialog.isModal()
    qtbot.waitExposed(dialog)
    item = dialog.tree.topLevelItem(0)
    assert dialog.tree.topLevelItemCount() == 1
    assert item.text(0) == "net.nbproj" and item.text(2) == "3" and item.text(1) != "?"
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    doc = window.document
    assert doc.path == original and doc.is_modified() and window.isWindowModified()
    assert "[*]" in window.windowTitle()
    assert "renamed_after_save" in {n.name for n in doc.graph}
    assert "recovery" not in doc.project.extra
    assert not left.exists()  # replaced by the window's own recovery copy
    assert window.autosave.path is not None and window.autosave.path.exists()
    answers: list[Path] = []
    monkeypatch.setattr(recovery_dialog, "_ask_overwrite", lambda w, p: answers.append(p) or False)
    window.files.save()
    assert answers == [original] and original.read_text() == before and doc.is_modified()
    monkeypatch.setattr(recovery_dialog, "_ask_overwrite", lambda w, p: answers.append(p) or True)
    assert window.files.save()
    assert len(answers) == 2 and not doc.is_modified()
    assert "renamed_after_save" in {n.name for n in project_io.load(original).graph}
    assert not list(rec_dir.glob("*.nbproj"))


def test_discard_later_and_a_second_window(qtbot, window, rec_dir, tmp_path):
    one = crash_with(saved_project(tmp_path / "a.nbproj"), rec_dir)
    two = crash_with(None, rec_dir)
    assert {e.path for e in find_orphans()} == {one, two}
    chain(window.document)  # busy window: a restore opens a new one
    dialog = offer_recovery(window)
    names = [dialog.tree.topLevelItem(i).text(0) for i in range(2)]
    assert sorted(names) == ["a.nbproj", "untitled"]
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(names.index("untitled")))
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert not two.exists() and one.exists() and dialog.tree.topLevelItemCount() == 1
    qtbot.mouseClick(dialog.later_button, Qt.MouseButton.LeftButton)
    assert one.exists() and [e.path for e in find_orphans()] == [one]
    opened = restore_entry(window, find_orphans()[0], confirm_overwrite=lambda w, p: True)
    try:
        assert opened is not None and opened is not window
        assert opened.document.is_modified() and len(opened.document.graph) == 3
        assert len(window.document.graph) == 3 and not one.exists()
    finally:
        opened.document.undo_stack.setClean()
        opened.close()


def test_damaged_recovery_files_are_skipped(rec_dir):
    rec_dir.mkdir()
    (rec_dir / "broken-1234.nbproj").write_text("{not json")
    (rec_dir / "other.nbproj").write_text(json.dumps({"format": "something else"}))
    assert find_orphans() == []


def test_create_window_offers_recovery_without_blocking(qtbot, rec_dir, tmp_path):
    from netbuilder.app import create_window

    crash_with(None, rec_dir)
    win = create_window(None)
    win.show()
    try:
        qtbot.waitUntil(lambda: win.findChild(RecoveryDialog) is not None)
        dialog = win.findChild(RecoveryDialog)
        assert dialog.isVisible() and dialog.tree.topLevelItemCount() == 1
        dialog.close()
    finally:
        win.document.undo_stack.setClean()
        win.close()
