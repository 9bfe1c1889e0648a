"""Build the seed's two-branch CNN in the real editor window and save a screenshot.

Run by ``test_e2e_window.py`` in a child process on an X display (Xvfb):

    python tests/gui/e2e_build_cnn.py SCREENSHOT.png SETTINGS_DIR

Layers come from the palette by drag-and-drop onto the canvas (real mouse
events on the palette start its QDrag; see :class:`PaletteDrag` for the one
simulated step), wires are drawn with the mouse from output ports to input
ports; parameters are set through the Document as the inspector does. Prints
one JSON line of results. The user-journey test imports :class:`PaletteDrag`.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from netbuilder.gui.canvas.view import LAYER_MIME

# Viewport positions (at 75 % zoom) and parameters of the seed network.
LAYERS = [
    ("input", "Input", (90, 330), {"shape": (64, 64, 1)}),
    ("conv1", "Conv2D", (300, 200), {"filters": 64, "kernel_size": (4, 4), "activation": "relu"}),
    ("conv2", "Conv2D", (300, 460), {"filters": 32, "kernel_size": (8, 8), "activation": "relu"}),
    ("flat1", "Flatten", (520, 200), {}),
    ("pool2", "MaxPooling2D", (520, 460), {"pool_size": (2, 2)}),
    ("flat2", "Flatten", (740, 460), {}),
    ("merge", "Concatenate", (960, 330), {}),
    ("output", "Dense", (1180, 330), {"units": 1, "activation": "sigmoid"}),
]
WIRES = [
    ("input", "conv1", 0),
    ("input", "conv2", 0),
    ("conv1", "flat1", 0),
    ("conv2", "pool2", 0),
    ("pool2", "flat2", 0),
    ("flat1", "merge", 0),
    ("flat2", "merge", 1),
    ("merge", "output", 0),
]


class PaletteDrag:
    """Drag layers from the palette onto the canvas with real mouse events.

    What is real: QTest presses the left button on the layer's row in the
    palette's tree and moves the mouse past QApplication.startDragDistance(),
    so the palette's own code (QAbstractItemView.mouseMoveEvent -> the tree's
    startDrag) builds the QDrag with its QMimeData and calls QDrag.exec.

    What is simulated, and why: QDrag.exec hands over to the platform's modal
    drag loop, which the offscreen platform does not run (it returns at once,
    dropping nothing) and which under Xvfb would need a real pointer that QTest
    does not move. Only that loop is replaced: while a drag is performed here,
    QDrag.exec is a function that takes the real QDrag, sends
    QDragEnterEvent/QDragMoveEvent/QDropEvent carrying drag.mimeData() to the
    canvas viewport at the target point (as the loop would), and returns the
    drop action the canvas accepted. Every drag the palette started is recorded
    in ``started`` as (MIME formats, layer type).
    """

    def __init__(self, win) -> None:
        self.win = win
        self.started: list[tuple[list[str], str]] = []
        self._target = QPoint()

    def _exec(self, drag: QDrag, *args, **kwargs) -> Qt.DropAction:
        mime = drag.mimeData()
        self.started.append((list(mime.formats()), bytes(mime.data(LAYER_MIME).data()).decode()))
        viewport = self.win.view.viewport()
        pos = self._target
        rest = (mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        actions = drag.supportedActions()
        enter = QDragEnterEvent(pos, actions, *rest)
        QApplication.sendEvent(viewport, enter)
        if not enter.isAccepted():
            return Qt.DropAction.IgnoreAction
        move = QDragMoveEvent(pos, actions, *rest)
        QApplication.sendEvent(viewport, move)
        if not move.isAccepted():
            return Qt.DropAction.IgnoreAction
        drop = QDropEvent(QPointF(pos), actions, *rest)
        QApplication.sendEvent(viewport, drop)
        return drop.dropAction() if drop.isAccepted() else Qt.DropAction.IgnoreAction

    def drop(self, type_name: str, pos: QPoint) -> str:
        """Drag ``type_name`` from the palette to canvas viewport point ``pos``; the new id."""
        win = self.win
        tree = win.palette_widget.tree
        item = win.palette_widget.item_for(type_name)
        tree.scrollToItem(item)
        start = tree.visualItemRect(item).center()
        step = QApplication.startDragDistance() + 2
        before = set(win.document.graph.nodes)
        count = len(self.started)
        self._target = QPoint(pos)
        original = QDrag.exec
        # A plain function on the class: Python passes the QDrag as its first argument.
        QDrag.exec = lambda drag, *args, **kwargs: self._exec(drag, *args, **kwargs)
        try:
            press = (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
            QTest.mousePress(tree.viewport(), *press, start)
            for i in range(1, 4):
                QTest.mouseMove(tree.viewport(), start + QPoint(i * step, 0))
            QTest.mouseRelease(tree.viewport(), *press, start + QPoint(3 * step, 0))
        finally:
            QDrag.exec = original
        QTest.qWait(30)
        if len(self.started) != count + 1:
            raise AssertionError(f"the palette started {len(self.started) - count} drags")
        added = set(win.document.graph.nodes) - before
        if len(added) != 1:
            raise AssertionError(f"dropping {type_name} added {len(added)} nodes")
        return added.pop()


def port(win, node_id: str, is_input: bool, index: int = 0) -> QPoint:
    card = win.scene.node_items[node_id]
    item = card.in_ports[index] if is_input else card.out_ports[index]
    return win.view.mapFromScene(item.scenePos())


def connect(win, src: str, dst: str, slot: int) -> None:
    viewport = win.view.viewport()
    a, b = port(win, src, False), port(win, dst, True, slot)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for i in range(1, 6):
        QTest.mouseMove(
            viewport, QPoint(a.x() + (b.x() - a.x()) * i // 5, a.y() + (b.y() - a.y()) * i // 5)
        )
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    QTest.qWait(30)


def main(screenshot: str, settings_dir: str) -> int:
    QCoreApplication.setOrganizationName("netbuilder-e2e")
    QCoreApplication.setApplicationName("netbuilder-e2e")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = QApplication(sys.argv[:1])
    from netbuilder.core.edits import SetParam
    from netbuilder.gui import themes
    from netbuilder.gui.main_window import MainWindow

    themes.apply_theme(app, themes.LIGHT)
    win = MainWindow()
    win.resize(1880, 1000)
    win.show()
    QTest.qWaitForWindowExposed(win)
    win.activateWindow()
    win.view.set_zoom(0.75)
    QTest.qWait(50)
    doc = win.document
    ids: dict[str, str] = {}
    dragger = PaletteDrag(win)
    for key, type_name, (x, y), params in LAYERS:
        ids[key] = dragger.drop(type_name, QPoint(x, y))
        card = win.scene.node_items[ids[key]]
        if not card.sceneBoundingRect().contains(win.view.mapToScene(QPoint(x, y))):
            raise AssertionError(f"{type_name} did not land at the drop point {x}, {y}")
        for name, value in params.items():
            doc.push(SetParam(ids[key], name, value))
        doc.push(_rename(ids[key], key))
    for src, dst, slot in WIRES:
        connect(win, ids[src], ids[dst], slot)
    win.scene.select_nodes([ids["output"]])
    win.act_output.trigger()
    win.act_arrange.trigger()
    win.scene.clearSelection()
    QTest.qWait(300)  # the docks take their final sizes
    win.view.fit()  # no selection: the whole graph
    win.scene.select_nodes([ids["conv2"]])  # the inspector shows a layer
    win.view.setFocus()
    QTest.qWait(100)
    win.grab().save(screenshot)
    graph = doc.graph
    infos = doc.analyzer.infos()
    report = {
        "platform": QApplication.platformName(),
        "layers": len(graph),
        "wires": sum(1 for _ in graph.edges()),
        "valid": doc.analyzer.is_valid(),
        "problems": [p.message for p in doc.analyzer.problems()],
        "params": doc.analyzer.total_params(),
        "merge_shape": list(infos[ids["merge"]].output or ()),
        "edges_on_screen": len(win.scene.edge_items),
        "drags": [[formats, type_name] for formats, type_name in dragger.started],
    }
    print(json.dumps(report))
    doc.undo_stack.setClean()
    win.close()
    return 0


def _rename(node_id: str, name: str):
    from netbuilder.core.edits import Rename

    return Rename(node_id, name)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
