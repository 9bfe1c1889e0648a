"""The graph scene: node cards and wires that mirror the Document's graph.

The scene never writes to the graph directly; every user action becomes a core
edit pushed through :meth:`Document.push`. It observes ``graphChanged`` and
updates only the items named by each event, and on ``analysisChanged`` it
repaints only the cards whose shapes, counts or problems actually changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QLineF, QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsScene

from ...core.edits import (
    AddNode,
    Compound,
    Connect,
    Disconnect,
    Edit,
    Move,
    RemoveNodes,
    SetInput,
    insert_on_edge,
    make_node,
)
from ...core.graph import GraphError, Ref
from ...core.shapes import fmt_shape
from ..document import Document
from .edge_item import EdgeItem, WireItem
from .node_item import GRID, HEADER, WIDTH, NodeItem
from .port_item import BAD, NEUTRAL, OK, PortItem
from .rules import connection_problem, free_slot, initial_params, tr


def edge_text(shape: tuple) -> str:
    """``(None, 61, 61, 64)`` -> ``61×61×64``; unknown sizes show as ``?``."""
    dims = shape[1:]
    if not dims:
        return "scalar"
    return "×".join("?" if d is None else str(d) for d in dims)


class GraphScene(QGraphicsScene):
    """Items for one Document's graph; user gestures become undoable edits."""

    statusMessage = Signal(str)
    # Scene position and the (node id, port) a dropped wire came from, or None.
    quickAddRequested = Signal(QPointF, object)

    def __init__(self, document: Document, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: dict[tuple[str, int], EdgeItem] = {}
        self._out_edges: dict[str, set[tuple[str, int]]] = defaultdict(set)
        self._in_edges: dict[str, set[tuple[str, int]]] = defaultdict(set)
        self.snap_to_grid = True
        # Far zoomed out, wires and ports are not items but one batched line drawing.
        self.overview = False
        self._bad_edges: set[tuple[str, int]] = set()
        self._overview_lines: list[QLineF] | None = None
        self._wire: WireItem | None = None
        self._wire_src: tuple[str, int] | None = None
        self._wire_detach: tuple[str, int] | None = None
        self._wire_checks: dict[PortItem, str | None] = {}
        self._syncing_selection = False
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setSceneRect(QRectF(-5000, -5000, 10000, 10000))
        document.graphChanged.connect(self._on_graph_changed)
        document.analysisChanged.connect(self.refresh_analysis)
        document.projectReplaced.connect(self.rebuild)
        document.selectionChanged.connect(self._on_document_selection)
        self.selectionChanged.connect(self._on_scene_selection)
        self.rebuild()

    # -- building ---------------------------------------------------------------------
    def rebuild(self) -> None:
        """Recreate every item (only when a whole project is replaced)."""
        self._cancel_wire()
        self.clear()
        self.node_items.clear()
        self.edge_items.clear()
        self._out_edges.clear()
        self._in_edges.clear()
        graph = self.document.graph
        for node in graph:
            self._add_node_item(node.id)
        for node in graph:
            self._sync_inputs(node.id)
        self.refresh_analysis()
        self._grow_scene_rect()

    # -- overview (far zoomed out) ---------------------------------------------------
    def set_overview(self, on: bool) -> None:
        """Switch wires and ports between items (close up) and batched lines (far out)."""
        if on == self.overview:
            return
        self.overview = on
        for edge in self.edge_items.values():
            edge.setVisible(not on)
        for item in self.node_items.values():
            self._show_ports(item)
        self._overview_lines = None
        self.update()

    def _show_ports(self, item: NodeItem) -> None:
        for port in (*item.in_ports, *item.out_ports):
            if port.isVisible() == self.overview:
                port.setVisible(not self.overview)

    def overview_lines(self) -> list[QLineF]:
        if self._overview_lines is None:
            self._overview_lines = [e.chord() for e in self.edge_items.values()]
        return self._overview_lines

    def _add_node_item(self, node_id: str) -> NodeItem:
        node = self.document.graph.nodes[node_id]
        item = NodeItem(node)
        item.sync_node(node, node_id in self.document.graph.outputs)
        self._show_ports(item)
        self.addItem(item)
        self.node_items[node_id] = item
        return item

    def _remove_node_item(self, node_id: str) -> None:
        for key in list(self._in_edges.pop(node_id, ())):
            self._remove_edge(key)
        for key in list(self._out_edges.pop(node_id, ())):
            self._remove_edge(key)
        item = self.node_items.pop(node_id, None)
        if item is not None:
            self.removeItem(item)

    def _remove_edge(self, key: tuple[str, int]) -> None:
        edge = self.edge_items.pop(key, None)
        if edge is not None:
            self._out_edges[edge.src].discard(key)
            self._in_edges[edge.dst].discard(key)
            self.removeItem(edge)
            self._overview_lines = None

    def _sync_inputs(self, dst: str) -> None:
        """Make the wires into ``dst`` match its input slots."""
        graph = self.document.graph
        node = graph.nodes[dst]
        item = self.node_items[dst]
        item.sync_ports(node)
        self._show_ports(item)
        wanted = {
            (dst, slot): ref
            for slot, ref in enumerate(node.inputs)
            if ref is not None and ref.node in self.node_items
        }
        for key in list(self._in_edges.get(dst, ())):
            edge = self.edge_items[key]
            ref = wanted.get(key)
            if ref is None or ref != Ref(edge.src, edge.port):
                self._remove_edge(key)
        infos = self.document.analyzer.inference.infos
        for key, ref in wanted.items():
            if key not in self.edge_items:
                edge = EdgeItem(ref.node, ref.port, dst, key[1])
                edge.setVisible(not self.overview)
                self.addItem(edge)
                self.edge_items[key] = edge
                self._out_edges[ref.node].add(key)
                self._in_edges[dst].add(key)
                self._label_edge(edge, infos.get(ref.node))
            self._place_edge(self.edge_items[key])

    def _edge_label(self, info, port: int) -> str:
        """Compact shape for a wire: ``61×61×64`` (the card shows the Keras form)."""
        if info is None or port >= len(info.outputs) or info.outputs[port] is None:
            return ""
        return edge_text(info.outputs[port])

    def _label_edge(self, edge: EdgeItem, info, bad: bool = False) -> None:
        edge.set_label(self._edge_label(info, edge.port), bad)
        shape = info.outputs[edge.port] if info and edge.port < len(info.outputs) else None
        edge.setToolTip(fmt_shape(shape) if shape is not None else "")

    def _place_edge(self, edge: EdgeItem) -> None:
        src_item = self.node_items.get(edge.src)
        dst_item = self.node_items.get(edge.dst)
        if src_item is None or dst_item is None:
            return
        out_port = src_item.out_port(edge.port)
        in_port = dst_item.in_port(edge.slot)
        start = out_port.scenePos() if out_port else src_item.scenePos()
        end = in_port.scenePos() if in_port else dst_item.scenePos()
        edge.set_ends(start, end)
        self._overview_lines = None

    def _grow_scene_rect(self, node_ids: tuple[str, ...] | None = None) -> None:
        """Keep 2000 px of room around the cards (all of them, or just ``node_ids``)."""
        if node_ids is None:
            bounds = self.itemsBoundingRect()
        else:
            # New cards only: itemsBoundingRect walks every item, per added layer.
            bounds = QRectF()
            for nid in node_ids:
                item = self.node_items[nid]
                bounds |= item.sceneBoundingRect() | item.mapRectToScene(
                    item.childrenBoundingRect()
                )
        self.setSceneRect(self.sceneRect().united(bounds.adjusted(-2000, -2000, 2000, 2000)))

    # -- observing the document -------------------------------------------------------
    def _on_graph_changed(self, event: str, ids: tuple) -> None:
        graph = self.document.graph
        if event == "node_added":
            for nid in ids:
                self._add_node_item(nid)
                self._sync_inputs(nid)
            self._grow_scene_rect(ids)
        elif event == "node_removed":
            with self._one_selection_change():
                for nid in ids:
                    self._remove_node_item(nid)
        elif event == "inputs":
            for nid in ids:
                if nid in self.node_items:
                    self._sync_inputs(nid)
        elif event in ("param", "rename", "outputs"):
            for nid in ids:
                item = self.node_items.get(nid)
                if item is not None and nid in graph.nodes:
                    item.sync_node(graph.nodes[nid], nid in graph.outputs)
                    for key in self._in_edges.get(nid, ()):
                        self._place_edge(self.edge_items[key])
        elif event == "pos":
            for nid in ids:
                item = self.node_items.get(nid)
                if item is not None and nid in graph.nodes:
                    pos = QPointF(*graph.nodes[nid].pos)
                    if item.pos() != pos:
                        item.setPos(pos)

    def refresh_analysis(self) -> None:
        """Repaint cards and wire labels whose analysis changed (cheap compare per node)."""
        analyzer = self.document.analyzer
        infos = analyzer.infos()
        by_node: dict[str | None, list] = defaultdict(list)
        for problem in analyzer.problems():
            by_node[problem.node_id].append(problem)
        bad_edges = {p.edge for plist in by_node.values() for p in plist if p.edge}
        graph = self.document.graph
        for nid, item in self.node_items.items():
            info = infos.get(nid)
            problems = by_node.get(nid, [])
            # Inference replaces a NodeInfo only when it recomputes the node, and the
            # analyzer reuses unchanged Problem objects: identity is a cheap first test.
            if (
                info is item.info
                and len(problems) == len(item.problems)
                and all(a is b for a, b in zip(problems, item.problems, strict=True))
            ):
                continue
            signature = (
                None
                if info is None
                else (tuple(info.outputs), info.params, info.error is not None),
                tuple((p.severity, p.message) for p in problems),
            )
            if signature == item.signature:
                item.info, item.problems = info, problems
                continue
            item.signature = signature
            n_ports = len(item.out_ports)
            item.set_analysis(info, problems)
            if info is not None and max(1, len(info.outputs)) != n_ports:
                item.sync_ports(graph.nodes[nid])
            for key in self._out_edges.get(nid, ()):
                edge = self.edge_items[key]
                self._label_edge(edge, info, key in bad_edges)
        # Wires named by problems are drawn in the error colour until the problem goes.
        for key in self._bad_edges ^ bad_edges:
            edge = self.edge_items.get(key)
            if edge is not None:
                edge.set_label(edge.label, key in bad_edges)
        self._bad_edges = bad_edges

    def node_item_moved(self, item: NodeItem) -> None:
        nid = item.node_id
        for key in self._out_edges.get(nid, ()):
            self._place_edge(self.edge_items[key])
        for key in self._in_edges.get(nid, ()):
            self._place_edge(self.edge_items[key])

    # -- selection --------------------------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        order = self.document.graph.nodes
        ids = {i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)}
        return [nid for nid in order if nid in ids]

    @contextmanager
    def _one_selection_change(self) -> Iterator[None]:
        """Tell the document about the selection once, after the block.

        Qt emits selectionChanged for every card selected, deselected or removed:
        relaying each one made work on N cards O(N²) and rebuilt the inspector N times.
        """
        relay = not self._syncing_selection
        self._syncing_selection = True
        try:
            yield
        finally:
            # Also after a failed edit: whatever the scene holds now is the truth.
            self._syncing_selection = not relay
            if relay:
                self._on_scene_selection()

    def select_nodes(self, ids: list[str]) -> None:
        """Select exactly these cards."""
        with self._one_selection_change():
            self.clearSelection()
            for nid in ids:
                item = self.node_items.get(nid)
                if item is not None:
                    item.setSelected(True)

    def _on_scene_selection(self) -> None:
        if not self._syncing_selection:
            self._syncing_selection = True
            try:
                self.document.set_selection(self.selected_node_ids())
            finally:
                self._syncing_selection = False

    def _on_document_selection(self, ids: list) -> None:
        if not self._syncing_selection and ids != self.selected_node_ids():
            self._syncing_selection = True
            try:
                self.select_nodes(list(ids))
            finally:
                self._syncing_selection = False

    # -- edits from gestures ----------------------------------------------------------
    def _push(self, edit: Edit) -> bool:
        try:
            # The core reports a multi-node edit node by node (deleting N selected
            # cards deselects N times); the document hears the outcome once.
            with self._one_selection_change():
                self.document.push(edit)
        except GraphError as exc:
            self.statusMessage.emit(str(exc))
            return False
        return True

    def add_layer(
        self,
        type_name: str,
        scene_pos: QPointF,
        src: tuple[str, int] | None = None,
        on_edge: bool = True,
    ) -> str | None:
        """Add a new layer at ``scene_pos`` (its header centred there); returns its id.

        With ``src`` the new layer is wired to that output; dropped onto a wire
        (and ``on_edge``) it is inserted into that wire.
        """
        graph = self.document.graph
        from ...core.catalog import get_spec

        spec = get_spec(type_name)
        params = initial_params(spec) if spec is not None else {}
        x, y = scene_pos.x() - WIDTH / 2, scene_pos.y() - HEADER / 2
        if self.snap_to_grid:
            x, y = round(x / GRID) * GRID, round(y / GRID) * GRID
        node = make_node(graph, type_name, params, pos=(x, y))
        edge = self.edge_at(scene_pos) if (on_edge and src is None) else None
        if edge is not None and spec is not None and not spec.is_input:
            edit: Edit = insert_on_edge(graph, node, edge.dst, edge.slot)
        elif src is not None:
            edit = Compound(
                [AddNode(node), Connect(src[0], node.id, 0, src[1])],
                tr("Add {type}").format(type=type_name),
            )
        else:
            edit = AddNode(node, label=tr("Add {type}").format(type=type_name))
        if not self._push(edit):
            return None
        self.select_nodes([node.id])
        return node.id

    def edge_at(self, scene_pos: QPointF) -> EdgeItem | None:
        for item in self.items(scene_pos):
            if isinstance(item, EdgeItem):
                return item
        return None

    def commit_moves(self, grabbed: NodeItem) -> None:
        """One Move edit for everything the drag moved (or an insert onto a wire)."""
        graph = self.document.graph
        positions: dict[str, tuple[float, float]] = {}
        for item in self.selectedItems() or [grabbed]:
            if not isinstance(item, NodeItem) or item.node_id not in graph.nodes:
                continue
            x, y = item.x(), item.y()
            if self.snap_to_grid:
                x, y = round(x / GRID) * GRID, round(y / GRID) * GRID
            if (x, y) != graph.nodes[item.node_id].pos:
                positions[item.node_id] = (x, y)
        if not positions:
            return
        insert = self._insert_by_drop(grabbed, positions)
        if insert is not None:
            self._push(Compound([Move(positions), *insert], tr("Insert on wire")))
        else:
            self._push(Move(positions))
        self.node_item_moved(grabbed)

    def _insert_by_drop(self, item: NodeItem, positions: dict) -> list[Edit] | None:
        """Edits that put a lone, unwired node dropped on a wire into that wire."""
        graph = self.document.graph
        nid = item.node_id
        node = graph.nodes[nid]
        if len(positions) != 1 or nid not in positions or node.spec is None or node.spec.is_input:
            return None
        if any(r is not None for r in node.inputs) or graph.successors(nid):
            return None
        center = item.mapToScene(QPointF(WIDTH / 2, item.height / 2))
        edge = next(
            (
                e
                for e in self.items(center)
                if isinstance(e, EdgeItem) and nid not in (e.src, e.dst)
            ),
            None,
        )
        if edge is None:
            return None
        ref = graph.nodes[edge.dst].inputs[edge.slot]
        return [Connect(ref.node, nid, 0, ref.port), SetInput(edge.dst, edge.slot, Ref(nid, 0))]

    def delete_selected(self) -> None:
        nodes = self.selected_node_ids()
        wires = sorted(
            (i.key for i in self.selectedItems() if isinstance(i, EdgeItem) and i.dst not in nodes),
            key=lambda k: (k[0], -k[1]),
        )
        steps: list[Edit] = [Disconnect(dst, slot) for dst, slot in wires]
        if nodes:
            steps.append(RemoveNodes(nodes))
        if steps:
            self._push(Compound(steps, tr("Delete")))

    # -- wiring -----------------------------------------------------------------------
    def begin_wire(self, port: PortItem) -> bool:
        """Start dragging a wire from an output port (or pick one up from an input slot)."""
        graph = self.document.graph
        if port.is_input:
            node = graph.nodes[port.node_id]
            ref = node.inputs[port.index] if port.index < len(node.inputs) else None
            if ref is None:
                return False
            self._wire_src = (ref.node, ref.port)
            self._wire_detach = (port.node_id, port.index)
            start_port = self.node_items[ref.node].out_port(ref.port)
            start = start_port.scenePos() if start_port else port.scenePos()
        else:
            self._wire_src = (port.node_id, port.index)
            self._wire_detach = None
            start = port.scenePos()
        self._wire = WireItem(start)
        self.addItem(self._wire)
        infos = self.document.analyzer.infos()
        src_id, src_port = self._wire_src
        self._wire_checks = {}
        for item in self.node_items.values():
            for p in item.in_ports:
                reason = connection_problem(graph, infos, src_id, src_port, item.node_id, p.index)
                self._wire_checks[p] = reason
                p.set_highlight(OK if reason is None else BAD)
        return True

    def _target_port(self, scene_pos: QPointF) -> PortItem | None:
        for item in self.items(scene_pos):
            if isinstance(item, PortItem) and item.is_input:
                return item
            if isinstance(item, NodeItem):
                node = self.document.graph.nodes[item.node_id]
                return item.in_port(free_slot(node))
        return None

    def update_wire(self, scene_pos: QPointF) -> None:
        if self._wire is None:
            return
        target = self._target_port(scene_pos)
        ok = None if target is None else self._wire_checks.get(target) is None
        self._wire.move_end(scene_pos, ok)
        if target is not None and not ok:
            self.statusMessage.emit(self._wire_checks.get(target) or "")

    def end_wire(self, scene_pos: QPointF) -> None:
        if self._wire is None or self._wire_src is None:
            self._cancel_wire()
            return
        src, detach = self._wire_src, self._wire_detach
        target = self._target_port(scene_pos)
        reason = self._wire_checks.get(target) if target is not None else None
        self._cancel_wire()
        if target is None:
            if detach is not None:
                self._push(Disconnect(*detach))
            else:
                self.quickAddRequested.emit(scene_pos, src)
            return
        if reason is not None:
            self.statusMessage.emit(reason)
            return
        if detach == (target.node_id, target.index):
            return
        steps: list[Edit] = []
        if detach is not None:
            steps.append(Disconnect(*detach))
        steps.append(Connect(src[0], target.node_id, target.index, src[1]))
        if self._push(Compound(steps, tr("Connect"))):
            self.statusMessage.emit("")

    def _cancel_wire(self) -> None:
        if self._wire is not None:
            self.removeItem(self._wire)
        self._wire = None
        self._wire_src = None
        self._wire_detach = None
        for port in self._wire_checks:
            port.set_highlight(NEUTRAL)
        self._wire_checks = {}
