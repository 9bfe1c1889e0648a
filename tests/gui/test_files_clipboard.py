"""Clipboard between windows, save/close/reopen, file drops, image export, themes, prompts."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from netbuilder.core.edits import AddNode, Compound, Connect, InsertOutput, make_node
from netbuilder.core.project import dumps
from netbuilder.gui import themes
from netbuilder.gui.main_window import MainWindow


def two_branch(doc) -> dict[str, str]:
    """Input -> conv1 -> flat1 and Input -> conv2 -> flat2 -> concat -> out, via one edit."""
    g = doc.graph
    ids: dict[str, str] = {}
    steps = []
    spec = [
        ("inp", "Input", {"shape": (16, 16, 1)}, None, (0, 0)),
        ("conv1", "Conv2D", {"filters": 8, "kernel_size": (3, 3)}, "inp", (280, -100)),
        ("flat1", "Flatten", {}, "conv1", (560, -100)),
        ("conv2", "Conv2D", {"filters": 4, "kernel_size": (5, 5)}, "inp", (280, 100)),
        ("flat2", "Flatten", {}, "conv2", (560, 100)),
        ("merge", "Concatenate", {}, None, (840, 0)),
        ("out", "Dense", {"units": 1, "activation": "sigmoid"}, "merge", (1120, 0)),
    ]
    for key, type_name, params, src, pos in spec:
        node = make_node(g, type_name, params, name=key, pos=pos)
        ids[key] = node.id
        steps.append(AddNode(node))
        if src:
            steps.append(Connect(ids[src], node.id))
    steps += [Connect(ids["flat1"], ids["merge"]), Connect(ids["flat2"], ids["merge"])]
    steps.append(InsertOutput(ids["out"]))
    doc.push(Compound(steps, "Build"))
    return ids


def test_copy_paste_branch_between_windows(qtbot, window):
    win = window
    ids = two_branch(win.document)
    win.scene.select_nodes([ids["conv2"], ids["flat2"]])
    assert win.copy()
    text = QGuiApplication.clipboard().text()
    assert json.loads(text)["format"] == "netbuilder-clipboard"

    # Paste into the same window: two new nodes, the wire between them kept, new names.
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    g = win.document.graph
    assert len(g) == 9
    new = [g.nodes[i] for i in win.scene.selected_node_ids()]
    assert sorted(n.type for n in new) == ["Conv2D", "Flatten"]
    conv = next(n for n in new if n.type == "Conv2D")
    flat = next(n for n in new if n.type == "Flatten")
    assert flat.inputs[0].node == conv.id
    assert conv.inputs == []  # the wire from outside the selection is not copied
    assert len({n.name for n in g}) == len(g)
    assert (conv.id, 0) not in win.scene.edge_items and (flat.id, 0) in win.scene.edge_items

    # Duplicate with Ctrl+D, then undo it.
    qtbot.keyClick(win.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(g) == 11
    win.act_undo.trigger()
    assert len(g) == 9

    # A second window pastes the same clipboard text.
    other = MainWindow()
    try:
        other.show()
        pasted = other.paste()
        assert len(pasted) == 2 and len(other.document.graph) == 2
        assert len(other.scene.edge_items) == 1
        # Text that is not ours changes nothing.
        QGuiApplication.clipboard().setText("hello")
        assert other.paste() == [] and len(other.document.graph) == 2
    finally:
        other.document.undo_stack.setClean()
        other.close()


def test_save_close_reopen_same_graph(qtbot, window, tmp_path: Path):
    win = window
    two_branch(win.document)
    qtbot.wait(5)
    assert win.windowTitle().endswith("— netbuilder") and win.isWindowModified()
    path = tmp_path / "cnn.nbproj"
    assert win.files.save_to(path)
    assert not win.isWindowModified() and win.windowTitle().startswith("cnn")
    saved = dumps(win.document.project)
    win.close()

    again = MainWindow()
    try:
        again.show()
        again.files.open_path(str(path), ask=False)
        assert dumps(again.document.project) == saved
        assert len(again.scene.node_items) == 7 and len(again.scene.edge_items) == 7
        recent = again.recent_menu.actions()
        assert recent and recent[0].toolTip() == str(path.resolve())
        # Drop the file onto the canvas: it opens (nothing unsaved, so no prompt).
        again.document.replace_project(again.document.project.__class__())
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        args = (
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        viewport = again.view.viewport()
        QApplication.sendEvent(viewport, QDragEnterEvent(QPoint(100, 100), *args))
        QApplication.sendEvent(viewport, QDragMoveEvent(QPoint(100, 100), *args))
        QApplication.sendEvent(viewport, QDropEvent(QPointF(100, 100), *args))
        assert dumps(again.document.project) == saved
    finally:
        again.document.undo_stack.setClean()
        again.close()


def test_unsaved_changes_prompt_can_cancel_close(qtbot, window, monkeypatch):
    win = window
    two_branch(win.document)
    asked = []

    def cancel(*args, **kwargs):
        asked.append(args[2] if len(args) > 2 else "")
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    assert not win.close()
    assert asked and "unsaved" in asked[0]
    assert win.isVisible()


def test_image_export_png_and_svg(qtbot, window, tmp_path: Path):
    win = window
    two_branch(win.document)
    png, svg = tmp_path / "g.png", tmp_path / "g.svg"
    assert win.files.export_image(str(png))
    assert win.files.export_image(str(svg))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "conv1" in text


def test_theme_switch_is_remembered(qtbot, window):
    win = window
    win.act_dark.trigger()
    assert themes.current_name() == themes.DARK
    window_color = QApplication.instance().palette().color(QPalette.ColorRole.Window)
    assert window_color.lightness() < 80
    assert QSettings().value("theme") == "dark"
    win.act_light.trigger()
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() > 200


def test_palette_search_and_enter_adds_at_view_centre(qtbot, window):
    win = window
    palette = win.palette_widget
    qtbot.keyClicks(palette.search, "fully connected")
    visible = palette.visible_types()
    assert visible[0] == "Dense" and "Conv2D" not in visible
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    nodes = list(win.document.graph)
    assert [n.type for n in nodes] == ["Dense"]
    card = win.scene.node_items[nodes[0].id]
    assert card.sceneBoundingRect().contains(win.view.view_center())
    palette.search.clear()
    palette.search.setText("свёрт")  # a Russian synonym finds convolutions
    assert palette.visible_types(), "Russian synonyms are searchable"


def test_export_python_writes_the_code_of_the_graph(qtbot, window, tmp_path: Path):
    from netbuilder.core.codegen import export_code

    win = window
    two_branch(win.document)
    out = tmp_path / "model.py"
    assert win.files.export_python(str(out))
    assert out.read_text(encoding="utf-8") == export_code(win.document.project)
    compile(out.read_text(encoding="utf-8"), str(out), "exec")


def test_invalid_graph_is_not_exported(qtbot, window, tmp_path: Path, monkeypatch):
    win = window
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    win.document.push(AddNode(make_node(win.document.graph, "Dense", {"units": 4})))
    assert not win.files.export_python(str(tmp_path / "bad.py"))
    assert shown and "problem" in shown[0]
    assert not (tmp_path / "bad.py").exists()
