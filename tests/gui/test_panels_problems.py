"""The problems panel: listing, click to select, Fix buttons and menus, counts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from doc_builders import add_layer as _add
from PySide6.QtCore import Qt

from netbuilder.core import edits
from netbuilder.core.problems import Fix
from netbuilder.gui.document import Document
from netbuilder.gui.panels.problems import ProblemsPanel


@pytest.fixture
def panel(qtbot) -> ProblemsPanel:
    doc = Document()
    p = ProblemsPanel(doc)
    qtbot.addWidget(p)
    p.resize(600, 300)
    p.show()
    qtbot.waitExposed(p)
    return p


def _settle(qtbot) -> None:
    qtbot.wait(5)


def _row_of(panel: ProblemsPanel, node_id: str) -> int:
    for row, problem in enumerate(panel.problems()):
        if problem.node_id == node_id:
            return row
    raise AssertionError(f"no problem listed for {node_id}")


def test_empty_graph_is_reported_and_counted(qtbot, panel):
    assert panel.counts()[0] >= 1
    assert panel.tree.topLevelItemCount() == len(panel.problems())
    assert panel.empty_label.isHidden()


def test_lstm_after_dense_click_selects_and_fix_resolves(qtbot, panel):
    doc = panel.document
    inp = _add(doc, "Input", {"shape": (10,)})
    dense = _add(doc, "Dense", {"units": 8}, inp, name="dense")
    lstm = _add(doc, "LSTM", {"units": 4}, dense, name="lstm")
    doc.push(edits.InsertOutput(lstm))
    _settle(qtbot)
    assert panel.counts() == (1, 0)
    row = _row_of(panel, lstm)
    item = panel.tree.topLevelItem(row)
    assert item.text(0) == "lstm"
    assert "3-D" in item.text(1) and "'dense'" in item.text(1) and "(None, 8)" in item.text(1)

    # Clicking the problem selects its node and asks the view to centre it.
    rect = panel.tree.visualItemRect(item)
    with qtbot.waitSignal(panel.focusRequested, timeout=1000) as focused:
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert focused.args == [lstm]
    assert doc.selection == [lstm]

    button = panel.fix_button(row)
    assert button is not None and button.isVisible()
    steps = doc.undo_stack.count()
    with qtbot.waitSignal(panel.countChanged, timeout=1000) as counted:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        _settle(qtbot)
    assert counted.args == [0, 0]
    assert doc.undo_stack.count() == steps + 1
    assert doc.analyzer.is_valid()
    assert not panel.empty_label.isHidden()
    # The fix is undoable.
    doc.undo_stack.undo()
    _settle(qtbot)
    assert panel.counts() == (1, 0)
    assert lstm in [p.node_id for p in panel.problems()]


def test_return_sequences_fix_between_recurrent_layers(qtbot, panel):
    doc = panel.document
    inp = _add(doc, "Input", {"shape": (5, 3)})
    first = _add(doc, "LSTM", {"units": 4}, inp, name="lstm_1")
    second = _add(doc, "LSTM", {"units": 4}, first, name="lstm_2")
    doc.push(edits.InsertOutput(second))
    _settle(qtbot)
    row = _row_of(panel, second)
    problem = panel.problems()[row]
    labels = [f.label for f in problem.fixes]
    assert any("return_sequences" in label for label in labels)
    fix = next(f for f in problem.fixes if "return_sequences" in f.label)
    button = panel.fix_button(row)
    if len(problem.fixes) == 1:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    else:
        action = next(a for a in button.menu().actions() if a.text() == fix.label)
        action.trigger()
    _settle(qtbot)
    assert doc.graph.nodes[first].params.get("return_sequences") is True
    assert panel.counts() == (0, 0)


def test_several_fixes_open_a_menu(qtbot, panel):
    doc = panel.document
    inp = _add(doc, "Input", {"shape": (8, 8, 3)})
    conv = _add(doc, "Conv2D", {"filters": 4, "kernel_size": 3}, inp, name="conv")
    dense = _add(doc, "Dense", {"units": 2}, conv, name="head")
    doc.push(edits.InsertOutput(dense))
    _settle(qtbot)
    candidates = [(r, p) for r, p in enumerate(panel.problems()) if len(p.fixes) > 1]
    if not candidates:
        pytest.skip("validation offers a single fix for every problem of this graph")
    row, problem = candidates[0]
    button = panel.fix_button(row)
    actions = button.menu().actions()
    assert [a.text() for a in actions] == [f.label for f in problem.fixes]
    steps = doc.undo_stack.count()
    actions[0].trigger()
    _settle(qtbot)
    assert doc.undo_stack.count() == steps + 1
    assert problem.code not in {p.code for p in panel.problems() if p.node_id == problem.node_id}


def test_a_fix_that_no_longer_applies_is_refused_with_the_reason(qtbot, panel):
    doc = panel.document
    steps = doc.undo_stack.count()
    stale = Fix("Set units on a deleted layer", edits.SetParam("gone", "units", 3))
    assert panel.apply_fix(stale) is False
    assert doc.undo_stack.count() == steps
    assert not panel.status.isHidden()
    assert "Set units on a deleted layer" in panel.status.text()


def test_list_keeps_its_rows_when_nothing_changed(qtbot, panel):
    doc = panel.document
    inp = _add(doc, "Input", {"shape": (10,)})
    dense = _add(doc, "Dense", {"units": 8}, inp)
    _add(doc, "LSTM", {"units": 4}, dense)
    _settle(qtbot)
    first = panel.tree.topLevelItem(0)
    # A move changes no problem: the rows (and their buttons) stay as they are.
    doc.push(edits.Move({inp: (50.0, 50.0)}))
    panel.refresh()
    assert panel.tree.topLevelItem(0) is first
