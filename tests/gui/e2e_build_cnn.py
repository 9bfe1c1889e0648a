"""Build the seed's two-branch CNN in the real editor window and save a screenshot.

Run by ``test_e2e_window.py`` in a child process on an X display (Xvfb):

    python tests/gui/e2e_build_cnn.py SCREENSHOT.png SETTINGS_DIR

Layers come from the palette by drag-and-drop onto the canvas, wires are
drawn with the mouse from output ports to input ports; parameters are set
through the Document as the inspector does. Prints one JSON line of results.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

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


def drop(win, type_name: str, pos: QPoint) -> str:
    item = win.palette_widget.item_for(type_name)
    mime = win.palette_widget.tree.mimeData([item])
    viewport = win.view.viewport()
    before = set(win.document.graph.nodes)
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, QDragEnterEvent(pos, *args))
    QApplication.sendEvent(viewport, QDragMoveEvent(pos, *args))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(pos), *args))
    QTest.qWait(30)
    (added,) = set(win.document.graph.nodes) - before
    return added


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
    for key, type_name, (x, y), params in LAYERS:
        ids[key] = drop(win, type_name, QPoint(x, y))
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
