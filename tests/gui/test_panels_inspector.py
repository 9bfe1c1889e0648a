"""The inspector, driven as a user would: typing, clicking, renaming, multi-selection."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from doc_builders import add_layer as _add
from PySide6.QtCore import QPoint, Qt

from netbuilder.core import edits
from netbuilder.core.catalog import GENERIC_TYPE
from netbuilder.gui.document import Document
from netbuilder.gui.panels.inspector import InspectorPanel
from netbuilder.gui.panels.param_form import LayerEditor
from netbuilder.gui.panels.param_widgets import NumberEditor, TupleEditor, parse_int_sequence


@pytest.fixture
def doc(qtbot) -> Document:
    d = Document()
    inp = _add(d, "Input", {"shape": (8,)})
    d1 = _add(d, "Dense", {"units": 64, "activation": "relu"}, inp, name="hidden")
    d2 = _add(d, "Dense", {"units": 4}, d1, name="out")
    d.push(edits.InsertOutput(d2))
    d.undo_stack.clear()
    return d


@pytest.fixture
def panel(qtbot, doc: Document) -> InspectorPanel:
    p = InspectorPanel(doc)
    qtbot.addWidget(p)
    p.resize(380, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def _select(qtbot, doc: Document, *names: str) -> list[str]:
    ids = [doc.graph.by_name(n).id for n in names]
    doc.set_selection(ids)
    qtbot.wait(1)
    return ids


def _settle(qtbot) -> None:
    # analysisChanged is coalesced through a zero-interval timer.
    qtbot.wait(5)


def _retype(qtbot, editor: NumberEditor, text: str) -> None:
    editor.box.lineEdit().selectAll()
    qtbot.keyClicks(editor.box, text)


def test_shows_shapes_and_parameter_count(qtbot, doc, panel):
    _select(qtbot, doc, "hidden")
    assert panel.title.text() == "Dense · hidden"
    assert panel._info["inputs"].text() == "(None, 8)"
    assert panel._info["output"].text() == "(None, 64)"
    assert panel._info["params"].text().replace(",", "") == str(8 * 64 + 64)
    assert panel.name_edit.text() == "hidden"
    assert "keras.io" in panel.description.text()


def test_typing_128_into_units_is_one_undo_step(qtbot, doc, panel):
    (nid,) = _select(qtbot, doc, "hidden")
    units = panel.form.editor("units")
    before = doc.undo_stack.count()
    _retype(qtbot, units, "128")
    _settle(qtbot)
    assert doc.graph.nodes[nid].params["units"] == 128
    assert doc.undo_stack.count() == before + 1
    assert panel._info["output"].text() == "(None, 128)"
    # The field being edited keeps its text (it is not rebuilt under the cursor).
    assert panel.form.editor("units") is units
    assert units.box.text() == "128"
    doc.undo_stack.undo()
    _settle(qtbot)
    assert doc.graph.nodes[nid].params["units"] == 64
    assert units.box.value() == 64
    assert panel._info["output"].text() == "(None, 64)"
    doc.undo_stack.redo()
    _settle(qtbot)
    assert units.box.value() == 128


def test_a_new_field_session_is_a_new_undo_step(qtbot, doc, panel):
    (nid,) = _select(qtbot, doc, "hidden")
    units = panel.form.editor("units")
    _retype(qtbot, units, "32")
    panel._on_focus(None, None)  # focus moved elsewhere and back
    _retype(qtbot, units, "16")
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert doc.graph.nodes[nid].params["units"] == 32


def test_invalid_units_are_refused_with_the_reason(qtbot, doc, panel):
    (nid,) = _select(qtbot, doc, "hidden")
    _retype(qtbot, panel.form.editor("units"), "0")
    _settle(qtbot)
    assert doc.graph.nodes[nid].params["units"] == 64
    assert doc.undo_stack.count() == 0
    reason = panel.form.error_text("units")
    assert "units" in reason and "at least 1" in reason and "0" in reason


def test_dropout_rate_of_one_is_refused(qtbot, doc, panel):
    drop = _add(doc, "Dropout", {"rate": 0.5}, doc.graph.by_name("hidden").id, name="drop")
    doc.undo_stack.clear()
    _select(qtbot, doc, "drop")
    rate = panel.form.editor("rate")
    _retype(qtbot, rate, "1")
    _settle(qtbot)
    assert doc.graph.nodes[drop].params["rate"] == 0.5
    assert "below 1" in panel.form.error_text("rate")
    _retype(qtbot, rate, "0.25")
    _settle(qtbot)
    assert doc.graph.nodes[drop].params["rate"] == 0.25
    assert panel.form.error_text("rate") == ""
    assert doc.undo_stack.count() == 1


def test_check_box_and_combo_box_are_one_step_each(qtbot, doc, panel):
    (nid,) = _select(qtbot, doc, "hidden")
    use_bias = panel.form.editor("use_bias").box
    indicator = QPoint(8, use_bias.height() // 2)
    qtbot.mouseClick(use_bias, Qt.MouseButton.LeftButton, pos=indicator)
    assert doc.graph.nodes[nid].params["use_bias"] is False
    qtbot.mouseClick(use_bias, Qt.MouseButton.LeftButton, pos=indicator)
    assert doc.graph.nodes[nid].params["use_bias"] is True
    combo = panel.form.editor("activation").box
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert doc.graph.nodes[nid].params["activation"] == "sigmoid"
    assert doc.undo_stack.count() == 3
    doc.undo_stack.undo()
    _settle(qtbot)
    assert doc.graph.nodes[nid].params["activation"] == "relu"
    assert combo.currentText() == "relu"


def test_reset_returns_a_parameter_to_the_keras_default(qtbot, doc, panel):
    (nid,) = _select(qtbot, doc, "hidden")
    row = panel.form.rows["activation"]
    assert row.reset.isEnabled() and row.label.font().bold()
    qtbot.mouseClick(row.reset, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    assert "activation" not in doc.graph.nodes[nid].params
    assert row.editor.box.currentText() == "None"
    assert not row.reset.isEnabled()


def test_rename_and_refused_names(qtbot, doc, panel):
    (nid,) = _select(qtbot, doc, "hidden")
    edit = panel.name_edit
    edit.selectAll()
    qtbot.keyClicks(edit, "out")
    assert "already used" in panel.name_error.text()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert doc.graph.nodes[nid].name == "hidden"
    edit.selectAll()
    qtbot.keyClicks(edit, "a/b")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert doc.graph.nodes[nid].name == "hidden"
    assert "/" in panel.name_error.text()
    assert doc.undo_stack.count() == 0
    edit.selectAll()
    qtbot.keyClicks(edit, "features")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    _settle(qtbot)
    assert doc.graph.nodes[nid].name == "features"
    assert panel.name_error.isHidden()
    assert panel.title.text() == "Dense · features"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    _settle(qtbot)
    assert doc.graph.nodes[nid].name == "hidden"


def test_multi_selection_edits_all_layers_in_one_step(qtbot, doc, panel):
    ids = _select(qtbot, doc, "hidden", "out")
    assert "2" in panel.title.text()
    assert panel.name_edit is None
    units = panel.form.editor("units")
    assert "(mixed)" in panel.form.rows["units"].label.text()
    _retype(qtbot, units, "10")
    _settle(qtbot)
    assert [doc.graph.nodes[i].params["units"] for i in ids] == [10, 10]
    assert doc.undo_stack.count() == 1
    assert "(mixed)" not in panel.form.rows["units"].label.text()
    doc.undo_stack.undo()
    assert [doc.graph.nodes[i].params["units"] for i in ids] == [64, 4]


def test_mixed_types_show_no_form(qtbot, doc, panel):
    _select(qtbot, doc, "hidden", "input_layer")
    assert panel.form is None
    assert "different types" in panel.scroll.widget().findChildren(type(panel.title))[0].text()


def test_selection_of_a_deleted_node_clears_the_form(qtbot, doc, panel):
    (nid,) = _select(qtbot, doc, "out")
    doc.push(edits.RemoveNode(nid))
    _settle(qtbot)
    assert panel.form is None
    assert panel.selected_nodes() == []


def test_tuple_editor_same_for_all_axes(qtbot, doc, panel):
    inp = _add(doc, "Input", {"shape": (16, 16, 3)}, name="image")
    conv = _add(doc, "Conv2D", {"filters": 4, "kernel_size": (3, 3)}, inp, name="conv")
    doc.undo_stack.clear()
    _select(qtbot, doc, "conv")
    kernel = panel.form.editor("kernel_size")
    assert isinstance(kernel, TupleEditor)
    assert kernel.same.isChecked() and kernel.boxes[1].isHidden()
    kernel.boxes[0].lineEdit().selectAll()
    qtbot.keyClicks(kernel.boxes[0], "5")
    assert doc.graph.nodes[conv].params["kernel_size"] == (5, 5)
    qtbot.mouseClick(kernel.same, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert not kernel.boxes[1].isHidden()
    kernel.boxes[1].lineEdit().selectAll()
    qtbot.keyClicks(kernel.boxes[1], "2")
    _settle(qtbot)
    assert doc.graph.nodes[conv].params["kernel_size"] == (5, 2)
    assert panel._info["output"].text() == "(None, 12, 15, 4)"


def test_shape_editor_parses_and_refuses(qtbot, doc, panel):
    (nid,) = _select(qtbot, doc, "input_layer")
    shape = panel.form.editor("shape").edit
    shape.setFocus()
    shape.selectAll()
    qtbot.keyClicks(shape, "(None, 12)")
    _settle(qtbot)
    # Half-typed shapes are not applied; Enter applies and is one undo step.
    assert doc.graph.nodes[nid].params["shape"] == (8,)
    assert shape.text() == "(None, 12)"
    qtbot.keyClick(shape, Qt.Key.Key_Return)
    _settle(qtbot)
    assert doc.graph.nodes[nid].params["shape"] == (None, 12)
    assert panel._info["output"].text() == "(None, None, 12)"
    shape.selectAll()
    qtbot.keyClicks(shape, "(4, q)")
    assert "'q'" in panel.form.error_text("shape")
    qtbot.keyClick(shape, Qt.Key.Key_Return)
    assert doc.graph.nodes[nid].params["shape"] == (None, 12)
    shape.selectAll()
    qtbot.keyClicks(shape, "(4, -2)")
    qtbot.keyClick(shape, Qt.Key.Key_Return)
    assert doc.graph.nodes[nid].params["shape"] == (None, 12)
    assert "positive" in panel.form.error_text("shape")
    shape.selectAll()
    qtbot.keyClicks(shape, "(4, 2)")
    assert panel.form.error_text("shape") == ""
    assert doc.undo_stack.count() == 1


def test_parse_int_sequence_accepts_common_spellings():
    assert parse_int_sequence("(28, 28, 1)", True) == (28, 28, 1)
    assert parse_int_sequence("28x28x1", True) == (28, 28, 1)
    assert parse_int_sequence("[None, 10]", True) == (None, 10)
    assert parse_int_sequence("(5,)", False) == (5,)
    with pytest.raises(ValueError):
        parse_int_sequence("(None, 10)", False)


def test_bidirectional_nested_layer_form(qtbot, doc, panel):
    seq = _add(doc, "Input", {"shape": (5, 10)}, name="seq")
    bi = _add(
        doc,
        "Bidirectional",
        {"layer": {"type": "LSTM", "params": {"units": 8, "dropout": 0.1}}},
        seq,
        name="bi",
    )
    doc.undo_stack.clear()
    _select(qtbot, doc, "bi")
    layer = panel.form.editor("layer")
    assert isinstance(layer, LayerEditor)
    assert panel._info["output"].text() == "(None, 16)"
    inner_units = layer.form.editor("units")
    _retype(qtbot, inner_units, "12")
    _settle(qtbot)
    assert doc.graph.nodes[bi].params["layer"] == {
        "type": "LSTM",
        "params": {"units": 12, "dropout": 0.1},
    }
    assert panel._info["output"].text() == "(None, 24)"
    layer.type_box.setFocus()
    qtbot.keyClick(layer.type_box, Qt.Key.Key_Down)  # LSTM -> next recurrent type
    _settle(qtbot)
    inner = doc.graph.nodes[bi].params["layer"]
    assert inner["type"] != "LSTM" and inner["params"] == {"units": 12, "dropout": 0.1}
    assert layer.form.editor("units").box.value() == 12
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    _settle(qtbot)
    assert doc.graph.nodes[bi].params["layer"]["type"] == "LSTM"
    assert layer.type_box.currentText() == "LSTM"


def test_generic_layer_json_config(qtbot, doc, panel):
    node = edits.make_node(
        doc.graph,
        GENERIC_TYPE,
        {"class_name": "GaussianNoise", "config": {"stddev": 0.1}},
        name="noise",
    )
    doc.push(edits.AddNode(node))
    doc.undo_stack.clear()
    _select(qtbot, doc, "noise")
    assert panel.form is None and panel.json_edit is not None
    assert '"stddev": 0.1' in panel.json_edit.toPlainText()
    panel.json_edit.setPlainText('{"stddev": ')
    assert "Not valid JSON" in panel.json_error.text()
    assert not panel.json_apply.isEnabled()
    panel.json_edit.setPlainText("[1, 2]")
    assert "JSON object" in panel.json_error.text()
    panel.json_edit.setPlainText('{"stddev": 0.3}')
    assert panel.json_error.isHidden() and panel.json_apply.isEnabled()
    qtbot.mouseClick(panel.json_apply, Qt.MouseButton.LeftButton)
    assert doc.graph.nodes[node.id].params["config"] == {"stddev": 0.3}
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    _settle(qtbot)
    assert '"stddev": 0.1' in panel.json_edit.toPlainText()


def test_focused_field_shows_its_help(qtbot, doc, panel):
    _select(qtbot, doc, "hidden")
    panel.activateWindow()
    panel.form.editor("units").box.setFocus()
    qtbot.waitUntil(lambda: "units" in panel.help.text(), timeout=2000)
    assert "neurons" in panel.help.text() or "units" in panel.help.text()


def test_model_output_check_box(qtbot, doc, panel):
    (nid,) = _select(qtbot, doc, "hidden")
    check = panel.output_check
    assert not check.isChecked()
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert doc.graph.outputs[-1] == nid
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert nid not in doc.graph.outputs
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    _settle(qtbot)
    assert check.isChecked()


def test_escape_reverts_the_typed_name(qtbot, doc, panel):
    (nid,) = _select(qtbot, doc, "hidden")
    edit = panel.name_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "out")
    assert not panel.name_error.isHidden()
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.text() == "hidden"
    assert panel.name_error.isHidden()
    assert doc.graph.nodes[nid].name == "hidden"
