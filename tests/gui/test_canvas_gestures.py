"""Canvas habits: select all, rubber band, delete, zoom keys, fit, Tab quick-add, arrange, rewire."""

from __future__ import annotations

from doc_builders import chain
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from netbuilder.core.catalog import CATALOG
from netbuilder.core.edits import AddNode, Connect, make_node
from netbuilder.core.graph import Graph
from netbuilder.gui.canvas.rules import connection_problem, initial_params, key_text


def test_select_all_delete_and_undo(qtbot, window):
    win = window
    ids = chain(win.document)
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert win.scene.selected_node_ids() == ids
    assert win.document.selection == ids  # the inspector and panels see the same selection
    qtbot.keyClick(win.view, Qt.Key.Key_Delete)
    assert len(win.document.graph) == 0 and not win.scene.items()
    win.act_undo.trigger()
    assert list(win.document.graph.nodes) == ids and len(win.scene.edge_items) == 2


def test_rubber_band_selects_a_region(qtbot, window):
    win = window
    ids = chain(win.document, gap=260.0)
    win.view.reset_zoom()
    win.view.centerOn(win.scene.node_items[ids[0]])
    viewport = win.view.viewport()
    first = win.scene.node_items[ids[0]]
    top_left = win.view.mapFromScene(first.sceneBoundingRect().topLeft()) - QPoint(15, 15)
    bottom_right = win.view.mapFromScene(first.sceneBoundingRect().bottomRight()) + QPoint(15, 15)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=top_left)
    qtbot.mouseMove(viewport, pos=(top_left + bottom_right) / 2)
    qtbot.mouseMove(viewport, pos=bottom_right)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=bottom_right)
    assert win.scene.selected_node_ids() == [ids[0]]


def test_zoom_keys_fit_and_wheel(qtbot, window):
    win = window
    chain(win.document, gap=600.0)
    view = win.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert abs(view.zoom() - 1.0) < 1e-6
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() > 1.2
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() < 1.0
    qtbot.keyClick(view, Qt.Key.Key_F)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for card in win.scene.node_items.values():
        assert visible.contains(card.sceneBoundingRect())
    assert win.zoom_label.text().endswith("%")


def test_tab_opens_quick_add_and_adds_where_the_cursor_is(qtbot, window):
    win = window
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_Tab)
    qtbot.waitUntil(win.quick_add.isVisible)
    assert "Dense" in win.quick_add.visible_types() and "Input" in win.quick_add.visible_types()
    qtbot.keyClicks(win.quick_add.search, "dropout")
    assert win.quick_add.visible_types()[0] == "Dropout"
    qtbot.keyClick(win.quick_add.search, Qt.Key.Key_Return)
    assert [n.type for n in win.document.graph] == ["Dropout"]
    assert not win.quick_add.isVisible()


def test_auto_arrange_is_one_undo_step(qtbot, window):
    win = window
    doc = win.document
    ids = chain(doc, types=("Input", "Dense", "Dense", "Dense"), gap=10.0)
    before = {i: doc.graph.nodes[i].pos for i in ids}
    count = doc.undo_stack.count()
    win.act_arrange.trigger()
    assert doc.undo_stack.count() == count + 1
    xs = [doc.graph.nodes[i].pos[0] for i in ids]
    assert xs == sorted(xs) and len(set(xs)) == 4  # left to right, one column each
    assert all(win.scene.node_items[i].pos().x() == doc.graph.nodes[i].pos[0] for i in ids)
    win.act_undo.trigger()
    assert {i: doc.graph.nodes[i].pos for i in ids} == before


def test_toggle_output_and_pick_up_a_wire(qtbot, window):
    win = window
    doc = win.document
    inp, d1, d2 = chain(doc)
    win.scene.select_nodes([d2])
    win.act_output.trigger()
    assert doc.graph.outputs == [d2] and win.scene.node_items[d2].is_output
    # Drag the wire off d2's input and drop it on empty canvas: it is removed.
    win.view.reset_zoom()
    win.view.centerOn(win.scene.node_items[d2])
    viewport = win.view.viewport()
    port = win.scene.node_items[d2].in_ports[0]
    start = win.view.mapFromScene(port.scenePos())
    end = start + QPoint(-40, 200)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, pos=end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    QApplication.processEvents()
    assert all(r is None for r in doc.graph.nodes[d2].inputs)
    assert (d2, 0) not in win.scene.edge_items
    win.act_undo.trigger()
    assert doc.graph.nodes[d2].inputs[0].node == d1


def test_rules_texts_and_checks():
    g = Graph()
    dense = make_node(g, "Dense", {"units": 64, "activation": "relu"})
    assert key_text(dense) == "Dense 64 relu"
    for spec in CATALOG.values():
        params = initial_params(spec)
        assert spec.check_params(params) == [], spec.type  # every new card starts valid
    from netbuilder.core.analysis import Analyzer

    analyzer = Analyzer(g)
    inp = make_node(g, "Input", {"shape": (10,)})
    AddNode(inp).apply(g)
    AddNode(dense).apply(g)
    Connect(inp.id, dense.id).apply(g)
    after = make_node(g, "Dense", {"units": 4})
    AddNode(after).apply(g)
    Connect(dense.id, after.id).apply(g)
    infos = analyzer.infos()
    assert connection_problem(g, infos, dense.id, 0, dense.id, 0) == "A layer cannot feed itself."
    assert "cycle" in connection_problem(g, infos, after.id, 0, dense.id, 0)
    assert "Input" in connection_problem(g, infos, dense.id, 0, inp.id, 0)
    assert connection_problem(g, infos, inp.id, 0, after.id, 0) is None
    lstm = make_node(g, "LSTM", {"units": 4})
    AddNode(lstm).apply(g)
    reason = connection_problem(g, analyzer.infos(), dense.id, 0, lstm.id, 0)
    assert "3-D" in reason and "(None, 64)" in reason and "'dense'" in reason


def test_middle_button_and_space_drag_pan_and_space_tap_opens_quick_add(qtbot, window):
    win = window
    chain(win.document, gap=900.0)
    view = win.view
    view.reset_zoom()
    viewport = view.viewport()
    h = view.horizontalScrollBar()
    start = h.value()
    a, b = QPoint(400, 300), QPoint(250, 300)
    qtbot.mousePress(viewport, Qt.MouseButton.MiddleButton, pos=a)
    qtbot.mouseMove(viewport, pos=b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.MiddleButton, pos=b)
    assert h.value() == start + 150
    view.setFocus()
    qtbot.keyPress(view, Qt.Key.Key_Space)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=b)
    qtbot.mouseMove(viewport, pos=a)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=a)
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert h.value() == start
    assert not win.quick_add.isVisible()  # space was used for panning
    assert win.document.undo_stack.count() == 1  # panning edits nothing
    qtbot.keyPress(view, Qt.Key.Key_Space)
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    qtbot.waitUntil(win.quick_add.isVisible)
    win.quick_add.hide()


def test_right_click_menus(qtbot, window):
    from PySide6.QtWidgets import QMenu

    win = window
    ids = chain(win.document)
    win.view.reset_zoom()
    win.view.centerOn(win.scene.node_items[ids[1]])
    card = win.scene.node_items[ids[1]]
    on_card = win.view.mapFromScene(card.sceneBoundingRect().center())
    win._canvas_menu(on_card)
    menu = win.findChildren(QMenu)[-1]
    qtbot.waitUntil(menu.isVisible)
    assert win.act_duplicate in menu.actions() and win.scene.selected_node_ids() == [ids[1]]
    menu.close()
    win._canvas_menu(QPoint(5, 5))
    menu = win.findChildren(QMenu)[-1]
    qtbot.waitUntil(menu.isVisible)
    assert win.act_paste in menu.actions() and win.act_arrange in menu.actions()
    menu.close()
