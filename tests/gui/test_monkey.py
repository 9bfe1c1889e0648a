"""A seeded random-action ("monkey") test of the real editor window.

Every seed runs a few hundred random user actions through the real widgets:
the palette, the inspector's editors, the menus' actions, mouse wiring on the
canvas. After every action the window must be alive, no exception may have
escaped into Qt, the analyzer must answer (and agree with a fresh one), and the
scene must mirror the graph. At the end, undoing everything gives back the
empty project exactly, redoing everything the final one, and the autosave copy
loads back as that same project. A failure names the seed and the last actions.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from netbuilder.core import project as project_io
from netbuilder.core.analysis import Analyzer
from netbuilder.core.catalog import CATALOG
from netbuilder.core.edits import Connect
from netbuilder.core.graph import GraphError
from netbuilder.core.project import graph_to_dict
from netbuilder.gui import themes
from netbuilder.gui.autosave import ENV_DIR
from netbuilder.gui.panels.param_form import LayerEditor
from netbuilder.gui.panels.param_widgets import (
    BoolEditor,
    ChoiceEditor,
    NumberEditor,
    SequenceEditor,
    TextEditor,
    TupleEditor,
)

SEEDS = [11, 23, 37, 41, 59, 73]
STEPS = 80
# One long walk for deeper hunting (30 seeds x 200 steps passed when this was written).
LONG = pytest.param(101, 300, marks=pytest.mark.slow, id="long-101")
MAX_NODES = 40


@pytest.fixture(autouse=True)
def rec_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "recovery"
    monkeypatch.setenv(ENV_DIR, str(folder))
    return folder


class Monkey:
    """Random actions on one window; ``log`` keeps what was done, for the failure message."""

    def __init__(self, qtbot, window, rng: random.Random) -> None:
        self.qtbot = qtbot
        self.win = window
        self.doc = window.document
        self.rng = rng
        self.log: list[str] = []
        self.types = sorted(CATALOG)

    # -- helpers -------------------------------------------------------------------------
    def ids(self) -> list[str]:
        return list(self.doc.graph.nodes)

    def select_some(self, most: int = 3) -> list[str]:
        ids = self.ids()
        chosen = self.rng.sample(ids, self.rng.randint(1, min(most, len(ids)))) if ids else []
        self.win.scene.select_nodes(chosen)
        return chosen

    def select_one(self) -> str | None:
        ids = self.ids()
        if not ids:
            return None
        nid = self.rng.choice(ids)
        self.win.scene.select_nodes([nid])
        QApplication.processEvents()
        return nid

    # -- actions -------------------------------------------------------------------------
    def add_layer(self) -> str:
        if len(self.doc.graph) >= MAX_NODES:
            return self.delete()
        # Inputs and plain layers most of the time, so graphs get wired and valid often.
        pool = ["Input", "Dense", "Dense", "Dropout", "Concatenate", "Add", *self.types]
        type_name = self.rng.choice(pool)
        palette = self.win.palette_widget
        palette.tree.setCurrentItem(palette.item_for(type_name))
        palette.tree.setFocus()
        self.qtbot.keyClick(palette.tree, Qt.Key.Key_Return)
        return f"add {type_name}"

    def connect_document(self) -> str:
        ids = self.ids()
        if len(ids) < 2:
            return self.add_layer()
        src, dst = self.rng.choice(ids), self.rng.choice(ids)
        slot = self.rng.choice([None, 0, 1, len(self.doc.graph.nodes[dst].inputs)])
        try:
            self.doc.push(Connect(src, dst, slot))
        except GraphError as exc:
            return f"connect {src[:6]}->{dst[:6]}[{slot}] refused: {exc}"
        return f"connect {src[:6]}->{dst[:6]}[{slot}]"

    def connect_mouse(self) -> str:
        scene, view = self.win.scene, self.win.view
        outs = [(i, p) for i in scene.node_items.values() for p in i.out_ports]
        ins = [(i, p) for i in scene.node_items.values() for p in i.in_ports]
        if not outs or not ins:
            return self.add_layer()
        (src_item, out_port), (dst_item, in_port) = self.rng.choice(outs), self.rng.choice(ins)
        view.fit()
        QApplication.processEvents()
        start = view.mapFromScene(out_port.scenePos())
        end = view.mapFromScene(in_port.scenePos())
        rect = view.viewport().rect()
        if not (rect.contains(start) and rect.contains(end)) or scene.overview:
            return "mouse wire skipped (ports not on screen)"
        viewport = view.viewport()
        self.qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        self.qtbot.mouseMove(viewport, pos=(start + end) / 2)
        self.qtbot.mouseMove(viewport, pos=end)
        self.qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
        self.win.quick_add.hide()  # a wire dropped beside a port asks what to add
        return f"mouse wire {src_item.node_id[:6]} -> {dst_item.node_id[:6]}"

    def delete(self) -> str:
        chosen = self.select_some()
        self.win.act_delete.trigger()
        return f"delete {len(chosen)}"

    def duplicate(self) -> str:
        chosen = self.select_some()
        self.win.act_duplicate.trigger()
        return f"duplicate {len(chosen)}"

    def copy_paste(self) -> str:
        chosen = self.select_some()
        self.win.act_copy.trigger()
        self.win.act_paste.trigger()
        return f"copy/paste {len(chosen)}"

    def set_param(self) -> str:
        nid = self.select_one()
        if nid is None:
            return self.add_layer()
        if self.rng.random() < 0.3:
            # All layers of that type: the inspector edits them together (SetParams).
            kind = self.doc.graph.nodes[nid].type
            self.win.scene.select_nodes([n.id for n in self.doc.graph if n.type == kind])
            QApplication.processEvents()
        form = self.win.inspector.form
        if form is None or not form.rows:
            return "set param: no form"
        name = self.rng.choice(sorted(form.rows))
        row = form.rows[name]
        editor, rng, bot = row.editor, self.rng, self.qtbot
        if rng.random() < 0.1 and row.reset.isEnabled():
            row.reset.click()
            return f"reset {name}"
        valid = rng.random() < 0.7
        if isinstance(editor, NumberEditor):
            box = editor.box
            if valid:
                hi = min(box.maximum(), box.minimum() + 600)
                box.setValue(rng.uniform(box.minimum(), hi))
            else:
                box.lineEdit().selectAll()
                bot.keyClicks(box.lineEdit(), rng.choice(["-99999", "1e12", "abc", "-1"]))
        elif isinstance(editor, BoolEditor):
            editor.box.click()
        elif isinstance(editor, ChoiceEditor):
            if editor.box.count():
                index = rng.randrange(editor.box.count())
                editor.box.setCurrentIndex(index)
                editor.box.activated.emit(index)
        elif isinstance(editor, TupleEditor):
            box = rng.choice(editor.boxes)
            box.setValue(rng.randint(box.minimum(), min(box.maximum(), box.minimum() + 9)))
        elif isinstance(editor, (SequenceEditor, TextEditor)):
            edit = editor.edit
            edit.setFocus()
            edit.selectAll()
            if isinstance(editor, SequenceEditor):
                good = ", ".join(str(rng.randint(1, 16)) for _ in range(rng.randint(1, 3)))
                text = f"({good})" if valid else rng.choice(["(0, -3)", "abc", "((", "1.5"])
            else:
                text = "".join(rng.choice(string.ascii_letters + " _-/\"'") for _ in range(6))
            bot.keyClicks(edit, text)
            bot.keyClick(edit, Qt.Key.Key_Return)
        elif isinstance(editor, LayerEditor) and editor.type_box.count():
            index = rng.randrange(editor.type_box.count())
            editor.type_box.setCurrentIndex(index)
            editor.type_box.activated.emit(index)
        typed = isinstance(editor, (NumberEditor, SequenceEditor))
        kind = ("valid" if valid else "invalid") if typed else "click"
        return f"set {name} ({type(editor).__name__}, {kind})"

    def rename(self) -> str:
        nid = self.select_one()
        edit = self.win.inspector.name_edit
        if nid is None or edit is None:
            return self.add_layer()
        others = [n.name for n in self.doc.graph if n.id != nid]
        choices = ["renamed_" + str(self.rng.randint(0, 999)), "bad/name", "", "x y"]
        if others:
            choices.append(self.rng.choice(others))  # a clash, refused
        name = self.rng.choice(choices)
        edit.setFocus()
        edit.selectAll()
        self.qtbot.keyClicks(edit, name) if name else edit.clear()
        self.qtbot.keyClick(edit, Qt.Key.Key_Return)
        self.win.view.setFocus()
        return f"rename {nid[:6]} to {name!r}"

    def undo(self) -> str:
        self.win.act_undo.trigger()
        return "undo"

    def redo(self) -> str:
        self.win.act_redo.trigger()
        return "redo"

    def select_all(self) -> str:
        self.win.act_select_all.trigger()
        return "select all"

    def arrange(self) -> str:
        self.win.act_arrange.trigger()
        return "arrange"

    def toggle_output(self) -> str:
        chosen = self.select_some()
        self.win.act_output.trigger()
        return f"toggle output {len(chosen)}"

    def view_change(self) -> str:
        view = self.win.view
        kind = self.rng.choice(["in", "out", "fit", "reset", "pan"])
        {
            "in": view.zoom_in,
            "out": view.zoom_out,
            "fit": view.fit,
            "reset": view.reset_zoom,
            "pan": lambda: view.pan(self.rng.uniform(-300, 300), self.rng.uniform(-300, 300)),
        }[kind]()
        return f"view {kind}"

    def theme(self) -> str:
        dark = themes.current_name() != themes.DARK
        (self.win.act_dark if dark else self.win.act_light).trigger()
        return "theme dark" if dark else "theme light"

    def actions(self) -> list[tuple[Callable[[], str], int]]:
        return [
            (self.add_layer, 9),
            (self.connect_document, 6),
            (self.connect_mouse, 3),
            (self.delete, 2),
            (self.duplicate, 2),
            (self.copy_paste, 2),
            (self.set_param, 6),
            (self.rename, 2),
            (self.undo, 4),
            (self.redo, 2),
            (self.select_all, 1),
            (self.arrange, 1),
            (self.toggle_output, 2),
            (self.view_change, 2),
            (self.theme, 1),
        ]


def check_invariants(win) -> None:
    """The window is alive, the analyzer answers like a fresh one, the scene mirrors the graph."""
    assert win.isVisible()
    doc, scene = win.document, win.scene
    graph = doc.graph
    problems = doc.analyzer.problems()
    infos = doc.analyzer.infos()
    doc.analyzer.total_params()
    fresh = Analyzer(graph.copy())
    try:
        assert {k: (v.outputs, v.params) for k, v in infos.items()} == {
            k: (v.outputs, v.params) for k, v in fresh.infos().items()
        }, "incremental analysis differs from a fresh one"
        assert sorted(p.message for p in problems) == sorted(p.message for p in fresh.problems())
    finally:
        fresh.close()
    assert set(scene.node_items) == set(graph.nodes)
    wired = {(n.id, slot) for n in graph for slot, ref in enumerate(n.inputs) if ref is not None}
    assert set(scene.edge_items) == wired
    for nid, item in scene.node_items.items():
        assert (item.pos().x(), item.pos().y()) == graph.nodes[nid].pos
        assert item.is_output == (nid in graph.outputs)


@pytest.mark.parametrize(("seed", "steps"), [*((s, STEPS) for s in SEEDS), LONG])
def test_monkey(qtbot, window, seed, steps):
    rng = random.Random(seed)
    monkey = Monkey(qtbot, window, rng)
    actions, weights = zip(*monkey.actions(), strict=True)
    doc = window.document
    initial = graph_to_dict(doc.graph)
    theme_before = themes.current_name()
    step = 0
    try:
        for step in range(steps):
            action = rng.choices(actions, weights)[0]
            with qtbot.captureExceptions() as caught:
                monkey.log.append(f"{step}: {action()}")
                QApplication.processEvents()
            assert not caught, f"exception escaped into Qt: {caught[0][1]!r}"
            check_invariants(window)
        final = graph_to_dict(doc.graph)
        stack = doc.undo_stack
        final_index = stack.index()  # undone steps above it stay redoable
        with qtbot.captureExceptions() as caught:
            while stack.canUndo():
                stack.undo()
            QApplication.processEvents()
            check_invariants(window)
            assert graph_to_dict(doc.graph) == initial, "undoing everything"
            while stack.index() < final_index:
                stack.redo()
            QApplication.processEvents()
            check_invariants(window)
            assert graph_to_dict(doc.graph) == final, "redoing everything"
        assert not caught, f"exception escaped into Qt: {caught[0][1]!r}"
        window.autosave.save_now()
        window.autosave.flush()
        saved = project_io.load(window.autosave.path)
        assert graph_to_dict(saved.graph) == final, "the autosave copy"
    except BaseException as exc:
        recent = "\n  ".join(monkey.log[-12:])
        raise AssertionError(
            f"monkey seed={seed} failed at step {step}: {exc}\nlast actions:\n  {recent}"
        ) from exc
    finally:
        window.quick_add.hide()
        window.set_theme(theme_before)  # the palette is application-wide
        QApplication.processEvents()
