"""Issue 3's user journey in a real MainWindow, driven as a user drives it.

Layers come from the palette by real mouse drags (``e2e_build_cnn.PaletteDrag``
says exactly which step is simulated: only QDrag.exec's platform drag loop),
wires are drawn with the mouse between ports, parameters are typed into the
inspector's editors, commands go through shortcuts and the File menu. The only
other things replaced are the file dialogs (QFileDialog.getSaveFileName /
getOpenFileName), which would block the test waiting for a person.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from e2e_build_cnn import PaletteDrag
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from netbuilder.core.project import dumps
from netbuilder.gui.canvas.node_item import WIDTH
from netbuilder.gui.canvas.view import LAYER_MIME
from netbuilder.gui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def settle(qtbot, ms: int = 20) -> None:
    """Let coalesced analysis and panel updates run."""
    qtbot.wait(ms)
    QApplication.processEvents()


def file_menu_action(win: MainWindow, text: str) -> QAction:
    """The File menu entry whose text (without '&') starts with ``text``."""
    (file_menu,) = [
        a.menu() for a in win.menuBar().actions() if a.text().replace("&", "") == "File"
    ]
    for action in file_menu.actions():
        if action.text().replace("&", "").startswith(text):
            return action
    raise AssertionError(f"no File menu entry '{text}'")


def card_point(win: MainWindow, node_id: str) -> QPoint:
    """A point on the card's header, in viewport coordinates."""
    card = win.scene.node_items[node_id]
    return win.view.mapFromScene(card.mapToScene(QPointF(WIDTH / 2, 8)))


def click_card(qtbot, win: MainWindow, node_id: str, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.mouseClick(win.view.viewport(), LEFT, modifier, card_point(win, node_id))
    settle(qtbot)


def port_pos(win: MainWindow, node_id: str, is_input: bool, index: int = 0) -> QPoint:
    card = win.scene.node_items[node_id]
    port = card.in_ports[index] if is_input else card.out_ports[index]
    return win.view.mapFromScene(port.scenePos())


def wire(qtbot, win: MainWindow, src: str, dst: str) -> None:
    """Press on ``src``'s output port, drag to ``dst``'s input port, release."""
    viewport = win.view.viewport()
    a, b = port_pos(win, src, False), port_pos(win, dst, True)
    qtbot.mousePress(viewport, LEFT, pos=a)
    for i in range(1, 5):
        qtbot.mouseMove(viewport, pos=a + (b - a) * (i / 4))
    qtbot.mouseRelease(viewport, LEFT, pos=b)
    settle(qtbot)


def shortcut(qtbot, win: MainWindow, key: Qt.Key, modifiers=CTRL) -> None:
    win.view.setFocus()
    qtbot.keyClick(win.view, key, modifiers)
    settle(qtbot, 5)


def graph_state(win: MainWindow) -> str:
    """The project as saved, after checking the canvas shows exactly the graph."""
    g = win.document.graph
    assert set(win.scene.node_items) == set(g.nodes)
    assert set(win.scene.edge_items) == {(d, s) for _r, d, s in g.edges()}
    return dumps(win.document.project)


def test_user_journey_build_break_fix_undo_copy_save_reopen(
    qtbot, window, tmp_path: Path, monkeypatch
):
    win = window
    doc = win.document
    stack = doc.undo_stack
    win.view.reset_zoom()
    win.view.centerOn(QPointF(0, 0))
    settle(qtbot)
    vw = win.view.viewport().width()
    states: dict[int, str] = {stack.index(): graph_state(win)}

    def remember() -> None:
        settle(qtbot)
        states[stack.index()] = graph_state(win)

    # -- three layers dragged from the palette ---------------------------------------
    dragger = PaletteDrag(win)
    points = [QPoint(vw // 2 - 250, 120), QPoint(vw // 2, 120), QPoint(vw // 2 + 250, 120)]
    ids = []
    for type_name, point in zip(("Input", "Dense", "Dense"), points, strict=True):
        node_id = dragger.drop(type_name, point)
        card = win.scene.node_items[node_id]
        assert card.sceneBoundingRect().contains(win.view.mapToScene(point)), type_name
        ids.append(node_id)
        remember()
    assert [(LAYER_MIME in f, t) for f, t in dragger.started] == [
        (True, "Input"),
        (True, "Dense"),
        (True, "Dense"),
    ]
    inp, d1, d2 = ids
    assert [doc.graph.nodes[n].type for n in ids] == ["Input", "Dense", "Dense"]

    # -- wires by mouse ----------------------------------------------------------------
    wire(qtbot, win, inp, d1)
    remember()
    wire(qtbot, win, d1, d2)
    remember()
    assert doc.graph.nodes[d1].inputs[0].node == inp
    assert doc.graph.nodes[d2].inputs[0].node == d1

    # -- parameters typed into the inspector -----------------------------------------------
    click_card(qtbot, win, inp)
    assert win.inspector.selected_nodes()[0].id == inp
    shape_edit = win.inspector.form.editor("shape").edit
    shape_edit.selectAll()
    qtbot.keyClicks(shape_edit, "20")
    qtbot.keyClick(shape_edit, Qt.Key.Key_Return)
    remember()
    assert doc.graph.nodes[inp].params["shape"] == (20,)
    click_card(qtbot, win, d1)
    units = win.inspector.form.editor("units").box
    units.lineEdit().selectAll()
    qtbot.keyClicks(units, "64")
    qtbot.keyClick(units, Qt.Key.Key_Return)
    remember()
    assert doc.graph.nodes[d1].params["units"] == 64
    # The last Dense is what the model returns: Edit ▸ Toggle Model Output (Ctrl+M).
    click_card(qtbot, win, d2)
    shortcut(qtbot, win, Qt.Key.Key_M)
    remember()
    assert list(doc.graph.outputs) == [d2]

    # Shapes on the cards and on the wires.
    cards, edges = win.scene.node_items, win.scene.edge_items
    assert cards[d1].type_text.startswith("Dense 64")
    assert cards[d1].info.output == (None, 64) and cards[d1].info.params == 20 * 64 + 64
    assert cards[d2].info.output == (None, 32)
    assert edges[(d1, 0)].label == "20" and edges[(d2, 0)].label == "64"
    assert edges[(d2, 0)].toolTip() == "(None, 64)"
    assert cards[d1].badge is None and doc.analyzer.is_valid(), [
        p.message for p in doc.analyzer.problems()
    ]

    # -- break it: an LSTM dropped onto the Dense -> Dense wire lands after a Dense ------
    mid = win.view.mapFromScene(edges[(d2, 0)].path().pointAtPercent(0.5))
    lstm = dragger.drop("LSTM", mid)
    remember()
    g = doc.graph
    assert g.nodes[lstm].inputs[0].node == d1 and g.nodes[d2].inputs[0].node == lstm
    assert cards[lstm].badge == "error" and "3-D" in cards[lstm].toolTip()
    rows = [i for i, p in enumerate(win.problems.problems()) if p.code == "rank"]
    assert rows and win.problems.problems()[rows[0]].node_id == lstm
    button = win.problems.fix_button(rows[0])
    assert button is not None and button.menu() is None  # one fix: the button applies it
    qtbot.mouseClick(button, LEFT)
    remember()
    assert not any(p.code == "rank" for p in doc.analyzer.problems())
    assert cards[lstm].badge != "error" and doc.analyzer.is_valid()
    fixed = g.nodes[lstm].inputs[0].node
    assert g.nodes[fixed].type == "Reshape" and g.nodes[fixed].inputs[0].node == d1

    # -- undo every step with Ctrl+Z, redo with Ctrl+Shift+Z and Ctrl+Y ----------------------
    end_index, end = stack.index(), graph_state(win)
    assert end_index >= 9
    # Every user action above was one undo step, each with its graph recorded.
    assert sorted(states) == list(range(end_index + 1))
    while stack.canUndo():
        shortcut(qtbot, win, Qt.Key.Key_Z)
        settle(qtbot, 5)
        assert graph_state(win) == states[stack.index()], f"after undo to {stack.index()}"
    assert stack.index() == 0 and len(doc.graph) == 0 and not win.scene.node_items
    for step in range(end_index):
        if step % 2:
            shortcut(qtbot, win, Qt.Key.Key_Y)
        else:
            shortcut(qtbot, win, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
        settle(qtbot, 5)
        assert graph_state(win) == states[stack.index()], f"after redo to {stack.index()}"
    assert stack.index() == end_index and graph_state(win) == end

    # -- copy/paste a branch (LSTM -> Dense) with Ctrl+C / Ctrl+V --------------------------
    click_card(qtbot, win, lstm)
    click_card(qtbot, win, d2, CTRL)
    assert set(win.scene.selected_node_ids()) == {lstm, d2}
    shortcut(qtbot, win, Qt.Key.Key_C)
    assert json.loads(QApplication.clipboard().text())["format"] == "netbuilder-clipboard"
    shortcut(qtbot, win, Qt.Key.Key_V)
    settle(qtbot)
    pasted = [g.nodes[i] for i in win.scene.selected_node_ids()]
    assert len(g) == 7 and sorted(n.type for n in pasted) == ["Dense", "LSTM"]
    new_lstm = next(n for n in pasted if n.type == "LSTM")
    new_dense = next(n for n in pasted if n.type == "Dense")
    assert new_dense.inputs[0].node == new_lstm.id and new_lstm.inputs == []
    assert (new_dense.id, 0) in win.scene.edge_items
    graph_state(win)

    # -- save with Ctrl+S, close, open in a new window with Ctrl+O ---------------------------
    target = tmp_path / "journey.nbproj"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shortcut(qtbot, win, Qt.Key.Key_S)
    assert target.exists() and not win.isWindowModified()
    assert win.windowTitle().startswith("journey")
    saved = dumps(doc.project)
    assert win.close()

    again = MainWindow()
    try:
        again.resize(1280, 800)
        again.show()
        qtbot.waitExposed(again)
        again.activateWindow()
        qtbot.waitActive(again)
        # Keys reach a window's shortcuts once it is the focus window (not just active).
        qtbot.waitUntil(lambda: QApplication.focusWindow() is again.windowHandle())
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
        shortcut(qtbot, again, Qt.Key.Key_O)
        assert dumps(again.document.project) == saved
        assert again.document.path == target
        assert len(again.scene.node_items) == 7 and len(again.scene.edge_items) == 5
        assert again.scene.node_items[d1].info.output == (None, 64)
    finally:
        again.document.undo_stack.setClean()
        again.close()


@pytest.mark.slow
def test_user_journey_import_keras_and_export_it_back(qtbot, window, tmp_path: Path, monkeypatch):
    """File ▸ Import Keras Model, then File ▸ Export Model: the same layer configs."""
    import keras

    keras.backend.clear_session()
    inputs = keras.Input((12,), name="features")
    x = keras.layers.Dense(16, activation="relu", name="hidden")(inputs)
    x = keras.layers.Dropout(0.25, name="drop")(x)
    outputs = keras.layers.Dense(3, activation="softmax", use_bias=False, name="classes")(x)
    source = tmp_path / "source.keras"
    keras.Model(inputs, outputs, name="small").save(source)

    win = window
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    file_menu_action(win, "Import Keras Model").trigger()
    qtbot.waitUntil(lambda: len(win.document.graph) == 4, timeout=60_000)
    settle(qtbot)
    assert [n.name for n in win.document.graph] == ["features", "hidden", "drop", "classes"]
    assert len(win.scene.edge_items) == 3 and win.document.analyzer.is_valid()

    exported = tmp_path / "back.keras"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    file_menu_action(win, "Export Model").trigger()
    qtbot.waitUntil(lambda: exported.exists() and win.files._progress is None, timeout=60_000)

    def configs(path: Path) -> list[dict]:
        model = keras.saving.load_model(path)
        return [layer.get_config() for layer in model.layers]

    assert configs(exported) == configs(source)
    keras.backend.clear_session()
    QTest.qWait(10)
