"""The editor as a user drives it: palette drag-and-drop, wiring by mouse, shapes, problems, undo."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from netbuilder.core.edits import SetParam
from netbuilder.core.project import dumps


def drop_layer(win, type_name: str, view_pos: QPoint) -> str:
    """Drag ``type_name`` from the palette and drop it on the canvas at ``view_pos``.

    The drag carries the palette's own QMimeData; the view receives the same
    enter/move/drop events a real drag produces.
    """
    palette = win.palette_widget
    item = palette.item_for(type_name)
    mime: QMimeData = palette.tree.mimeData([item])
    viewport = win.view.viewport()
    before = set(win.document.graph.nodes)
    pos = QPointF(view_pos)
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(view_pos, actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(view_pos, actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    drop = QDropEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, drop)
    QApplication.processEvents()
    added = set(win.document.graph.nodes) - before
    assert len(added) == 1, f"dropping {type_name} added {len(added)} nodes"
    return added.pop()


def port_pos(win, node_id: str, is_input: bool, index: int = 0) -> QPoint:
    item = win.scene.node_items[node_id]
    port = item.in_ports[index] if is_input else item.out_ports[index]
    return win.view.mapFromScene(port.scenePos())


def wire(qtbot, win, src: str, dst: str, slot: int = 0) -> None:
    """Press on ``src``'s output port, move to ``dst``'s input slot, release."""
    viewport = win.view.viewport()
    a = port_pos(win, src, False)
    b = port_pos(win, dst, True, slot)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(viewport, pos=QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    qtbot.mouseMove(viewport, pos=b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)
    QApplication.processEvents()


def settle(qtbot) -> None:
    """Let the coalesced analysisChanged run."""
    qtbot.wait(5)
    QApplication.processEvents()


def test_build_wire_break_fix_and_undo_everything(qtbot, window):
    win = window
    doc = win.document
    win.view.reset_zoom()
    start = dumps(doc.project)

    inp = drop_layer(win, "Input", QPoint(150, 300))
    d1 = drop_layer(win, "Dense", QPoint(450, 300))
    d2 = drop_layer(win, "Dense", QPoint(750, 300))
    assert [doc.graph.nodes[n].type for n in (inp, d1, d2)] == ["Input", "Dense", "Dense"]
    doc.push(SetParam(inp, "shape", (20,)))
    doc.push(SetParam(d1, "units", 64))
    doc.push(SetParam(d1, "activation", "relu"))

    wire(qtbot, win, inp, d1)
    wire(qtbot, win, d1, d2)
    settle(qtbot)
    g = doc.graph
    assert g.nodes[d1].inputs[0].node == inp
    assert g.nodes[d2].inputs[0].node == d1

    # Shapes on the cards and on the wires.
    cards = win.scene.node_items
    assert cards[d1].type_text == "Dense 64 relu"
    assert cards[d1].info.output == (None, 64)
    assert cards[d1].info.params == 20 * 64 + 64
    assert cards[d2].info.output == (None, 32)
    assert win.scene.edge_items[(d1, 0)].label == "20"
    assert win.scene.edge_items[(d2, 0)].label == "64"
    assert win.scene.edge_items[(d2, 0)].toolTip() == "(None, 64)"

    # A wire that makes no sense is refused with the reason in the status bar.
    steps_before = doc.undo_stack.count()
    wire(qtbot, win, d2, d1)
    assert g.nodes[d1].inputs[0].node == inp
    assert doc.undo_stack.count() == steps_before
    assert "cycle" in win.statusBar().currentMessage()

    # An LSTM after a 2-D Dense: the wire is refused with the reason ...
    lstm = drop_layer(win, "LSTM", QPoint(450, 480))
    wire(qtbot, win, d2, lstm)
    assert g.nodes[lstm].inputs == []
    assert "3-D" in win.statusBar().currentMessage()
    # ... so wire it while the data is a sequence, then break the graph upstream.
    doc.push(SetParam(inp, "shape", (5, 20)))
    settle(qtbot)
    wire(qtbot, win, d2, lstm)
    assert g.nodes[lstm].inputs[0].node == d2
    doc.push(SetParam(inp, "shape", (20,)))
    settle(qtbot)
    card = cards[lstm]
    assert card.badge == "error"
    assert "3-D" in card.toolTip()
    rank_rows = [i for i, p in enumerate(win.problems.problems()) if p.code == "rank"]
    assert rank_rows, "the problems panel lists the rank problem"
    button = win.problems.fix_button(rank_rows[0])
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert cards[lstm].badge != "error" or all(p.code != "rank" for p in cards[lstm].problems)
    assert not any(p.code == "rank" for p in doc.analyzer.problems())

    # Undo every step back to the empty start, then redo to the end.
    end = dumps(doc.project)
    steps = doc.undo_stack.count()
    assert steps >= 9
    while doc.undo_stack.canUndo():
        win.act_undo.trigger()
    settle(qtbot)
    assert dumps(doc.project) == start
    assert not win.scene.node_items and not win.scene.edge_items
    while doc.undo_stack.canRedo():
        win.act_redo.trigger()
    settle(qtbot)
    assert dumps(doc.project) == end
    assert len(win.scene.node_items) == len(doc.graph.nodes)
    assert set(win.scene.edge_items) == {(d, s) for _r, d, s in doc.graph.edges()}


def test_drop_wire_on_empty_canvas_opens_filtered_quick_add(qtbot, window):
    win = window
    doc = win.document
    win.view.reset_zoom()
    inp = drop_layer(win, "Input", QPoint(200, 300))
    doc.push(SetParam(inp, "shape", (28, 28, 1)))
    settle(qtbot)
    viewport = win.view.viewport()
    a = port_pos(win, inp, False)
    b = QPoint(a.x() + 300, a.y() + 120)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(viewport, pos=b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)
    qtbot.waitUntil(win.quick_add.isVisible)
    offered = win.quick_add.visible_types()
    assert "Conv2D" in offered and "Flatten" in offered
    assert "LSTM" not in offered and "Embedding" not in offered
    qtbot.keyClicks(win.quick_add.search, "conv2d")
    qtbot.keyClick(win.quick_add.search, Qt.Key.Key_Return)
    settle(qtbot)
    conv = [n for n in doc.graph if n.type == "Conv2D"]
    assert len(conv) == 1 and conv[0].inputs[0].node == inp
    assert doc.undo_stack.count() == 3  # add Input, set shape, add+connect Conv2D


def test_move_commits_once_and_drop_on_wire_inserts(qtbot, window):
    win = window
    doc = win.document
    win.view.reset_zoom()
    inp = drop_layer(win, "Input", QPoint(120, 200))
    dense = drop_layer(win, "Dense", QPoint(700, 200))
    wire(qtbot, win, inp, dense)
    # Drop a Dropout from the palette onto the wire: it is inserted.
    edge = win.scene.edge_items[(dense, 0)]
    mid = win.view.mapFromScene(edge.path().pointAtPercent(0.5))
    drop = drop_layer(win, "Dropout", mid)
    g = doc.graph
    assert g.nodes[drop].inputs[0].node == inp
    assert g.nodes[dense].inputs[0].node == drop
    # Drag a card: one Move step on release.
    count = doc.undo_stack.count()
    card = win.scene.node_items[dense]
    grab = win.view.mapFromScene(card.mapToScene(QPointF(100, 10)))
    viewport = win.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=grab)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, pos=grab + QPoint(step * 12, step * 8))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=grab + QPoint(60, 40))
    assert doc.undo_stack.count() == count + 1
    assert g.nodes[dense].pos == (card.x(), card.y())
    assert g.nodes[dense].pos[0] % 20 == 0  # snapped to the grid
    doc.undo_stack.undo()
    assert card.pos() == QPointF(*g.nodes[dense].pos)
