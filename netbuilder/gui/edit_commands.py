"""Editing commands of the editor window: add, quick-add, clipboard, outputs, arrange.

A mixin for :class:`~netbuilder.gui.main_window.MainWindow` (which provides
``document``, ``scene``, ``view``, ``quick_add`` and the actions); kept apart
so the window module stays about layout, menus and files.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QMenu

from ..core.edits import Compound, InsertOutput, PopOutput
from . import clipboard
from .canvas.node_item import NodeItem
from .canvas.rules import accepting_types


class EditCommands:
    """Canvas editing commands shared by the menus, shortcuts and context menus."""

    def add_at_center(self, type_name: str) -> str | None:
        """Add a layer at the centre of the view (palette Enter / double-click)."""
        node_id = self.scene.add_layer(type_name, self.view.view_center(), on_edge=False)
        self.view.setFocus()
        return node_id

    def _quick_add_at(self, scene_pos: QPointF) -> None:
        self._open_quick_add(scene_pos, None)

    def quick_add_at_center(self) -> None:
        self._open_quick_add(self.view.view_center(), None)

    def _quick_add_for_wire(self, scene_pos: QPointF, src: tuple[str, int]) -> None:
        self._open_quick_add(scene_pos, src)

    def _open_quick_add(self, scene_pos: QPointF, src: tuple[str, int] | None) -> None:
        self._quick_add_pos = QPointF(scene_pos)
        self._quick_add_src = src
        allowed = None
        title = ""
        if src is not None:
            info = self.document.analyzer.infos().get(src[0])
            shape = (
                info.outputs[src[1]] if info is not None and src[1] < len(info.outputs) else None
            )
            allowed = accepting_types(shape, info.dtype if info is not None else "float")
            title = self.tr("Add a layer after '{name}'").format(
                name=self.document.graph.nodes[src[0]].name
            )
        global_pos = self.view.viewport().mapToGlobal(self.view.mapFromScene(scene_pos))
        self.quick_add.open_at(QPoint(global_pos), allowed, title)

    def _quick_add_chosen(self, type_name: str) -> None:
        self.scene.add_layer(type_name, self._quick_add_pos, self._quick_add_src, on_edge=False)
        self._quick_add_src = None
        self.view.setFocus()

    def select_all(self) -> None:
        self.scene.select_nodes(list(self.document.graph.nodes))

    def copy(self) -> bool:
        ids = self.scene.selected_node_ids()
        if not ids:
            return False
        clipboard.put_on_clipboard(clipboard.copy_text(self.document.graph, ids))
        return True

    def cut(self) -> None:
        if self.copy():
            self.scene.delete_selected()

    def paste(
        self, text: str | None = None, offset: tuple[float, float] = (40.0, 40.0)
    ) -> list[str]:
        result = clipboard.paste_edit(
            self.document.graph, clipboard.clipboard_text() if text is None else text, offset
        )
        if result is None:
            self.statusBar().showMessage(self.tr("The clipboard holds no netbuilder layers."), 4000)
            return []
        edit, ids = result
        self.document.push(edit)
        self.scene.select_nodes(ids)
        return ids

    def duplicate(self) -> list[str]:
        ids = self.scene.selected_node_ids()
        if not ids:
            return []
        return self.paste(clipboard.copy_text(self.document.graph, ids))

    def toggle_output(self) -> None:
        graph = self.document.graph
        steps = []
        for nid in self.scene.selected_node_ids():
            if nid in graph.outputs:
                steps.append(PopOutput(graph.outputs.index(nid)))
            else:
                steps.append(InsertOutput(nid))
        if steps:
            # Pops go from the highest index down so earlier indices stay valid.
            pops = sorted((s for s in steps if isinstance(s, PopOutput)), key=lambda s: -s.index)
            inserts = [s for s in steps if isinstance(s, InsertOutput)]
            self.document.push(Compound([*pops, *inserts], self.tr("Toggle model output")))

    def arrange(self) -> None:
        from ..core.edits import Move
        from ..core.layout import layered_layout

        positions = layered_layout(self.document.graph)
        moved = {
            nid: (float(x), float(y))
            for nid, (x, y) in positions.items()
            if nid in self.document.graph.nodes and self.document.graph.nodes[nid].pos != (x, y)
        }
        if moved:
            self.document.push(Move(moved, self.tr("Auto-arrange")))
            self.view.fit()

    def _canvas_menu(self, pos: QPoint) -> None:
        """Right-click menu: layer actions on a card, canvas actions elsewhere."""
        scene_pos = self.view.mapToScene(pos)
        card = next(
            (i for i in self.scene.items(scene_pos) if isinstance(i, NodeItem)),
            None,
        )
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if card is not None:
            if not card.isSelected():
                self.scene.select_nodes([card.node_id])
            menu.addActions([self.act_duplicate, self.act_copy, self.act_cut, self.act_delete])
            menu.addSeparator()
            menu.addAction(self.act_output)
        else:
            add = menu.addAction(self.tr("Add Layer Here…"))
            add.triggered.connect(lambda: self._open_quick_add(scene_pos, None))
            menu.addActions([self.act_paste, self.act_select_all])
            menu.addSeparator()
            menu.addActions([self.act_fit, self.act_arrange])
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def focus_node(self, node_id: str) -> None:
        if node_id in self.scene.node_items:
            self.scene.select_nodes([node_id])
            self.view.center_on_node(node_id)

    def _set_snap(self, on: bool) -> None:
        self.scene.snap_to_grid = on
