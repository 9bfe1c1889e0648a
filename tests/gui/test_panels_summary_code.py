"""Summary and code panels: the same text as ``netbuilder summary`` / ``netbuilder export``."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtGui import QGuiApplication

from netbuilder.cli import main as cli_main
from netbuilder.core import edits
from netbuilder.core.codegen import export_code
from netbuilder.core.examples import list_examples, load_example
from netbuilder.core.summary import format_summary, summarize
from netbuilder.gui.document import Document
from netbuilder.gui.panels.code import CodePanel
from netbuilder.gui.panels.summary import SummaryPanel

EXAMPLES = [e.name for e in list_examples()]


def _settle(qtbot) -> None:
    qtbot.wait(5)


@pytest.fixture
def mlp_doc() -> Document:
    return Document(load_example("mlp"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_summary_and_code_equal_the_command_line(qtbot, capsys, tmp_path, name):
    example = next(e for e in list_examples() if e.name == name)
    doc = Document(load_example(name))
    summary = SummaryPanel(doc)
    code = CodePanel(doc)
    qtbot.addWidget(summary)
    qtbot.addWidget(code)
    assert summary.text() == format_summary(
        summarize(doc.graph, doc.analyzer), doc.project.display_title()
    )
    assert cli_main(["summary", str(example.path)]) == 0
    assert summary.text() == capsys.readouterr().out
    out = tmp_path / "model.py"
    assert cli_main(["export", str(example.path), "-o", str(out)]) == 0
    assert code.code_text() == out.read_text(encoding="utf-8")
    assert code.code_text() == export_code(doc.project)
    assert code.banner.isHidden()
    assert summary.model.rowCount() == len(doc.graph.nodes)


def test_summary_table_updates_live_and_selects(qtbot, mlp_doc):
    panel = SummaryPanel(mlp_doc)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    dense = next(n for n in mlp_doc.graph.nodes.values() if n.type == "Dense")
    row = list(mlp_doc.graph.nodes).index(dense.id)
    before = panel.model.index(row, 2).data()
    mlp_doc.push(edits.SetParam(dense.id, "units", dense.params["units"] + 1))
    qtbot.waitUntil(lambda: panel.model.index(row, 2).data() != before, timeout=2000)
    assert panel.model.index(row, 0).data().startswith(f"{dense.name} (Dense)")
    total = summarize(mlp_doc.graph, mlp_doc.analyzer).total_params
    assert f"{total:,}".replace(",", "") in panel.totals.text().replace(",", "").replace("\xa0", "")
    panel.table.clicked.emit(panel.model.index(row, 1))
    assert mlp_doc.selection == [dense.id]
    panel.copy()
    assert QGuiApplication.clipboard().text() == panel.text()


def test_code_panel_banner_keeps_last_valid_code(qtbot, mlp_doc):
    panel = CodePanel(mlp_doc)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    valid = panel.code_text()
    assert valid == export_code(mlp_doc.project)
    dense = next(n for n in mlp_doc.graph.nodes.values() if n.type == "Dense")
    mlp_doc.push(edits.SetParam(dense.id, "units", 0))
    _settle(qtbot)
    assert panel.code_text() == valid
    assert not panel.banner.isHidden()
    assert "error" in panel.banner.text() and "units" in panel.banner.text()
    assert not panel.save_button.isEnabled()
    mlp_doc.undo_stack.undo()
    _settle(qtbot)
    assert panel.code_text() == valid
    assert panel.banner.isHidden()
    assert panel.save_button.isEnabled()


def test_code_panel_is_debounced_and_idle_while_hidden(qtbot, mlp_doc):
    panel = CodePanel(mlp_doc)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    first = panel.code_text()
    dense = next(n for n in mlp_doc.graph.nodes.values() if n.type == "Dense")
    mlp_doc.push(edits.Rename(dense.id, "renamed_layer"))
    _settle(qtbot)
    # Not yet: the export waits ~300 ms after the last change.
    assert panel.editor.toPlainText() == first
    qtbot.waitUntil(lambda: "renamed_layer" in panel.editor.toPlainText(), timeout=2000)
    panel.hide()
    mlp_doc.push(edits.Rename(dense.id, "hidden_while_hidden"))
    qtbot.wait(400)
    assert "hidden_while_hidden" not in panel.editor.toPlainText()
    assert "hidden_while_hidden" in panel.code_text()


def test_code_panel_saves_atomically(qtbot, tmp_path, mlp_doc):
    panel = CodePanel(mlp_doc)
    qtbot.addWidget(panel)
    target = tmp_path / "mlp.py"
    target.write_text("old", encoding="utf-8")
    assert panel.save_to(target) is None
    assert target.read_text(encoding="utf-8") == export_code(mlp_doc.project)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mlp.py"]
    missing = tmp_path / "no" / "such" / "dir" / "x.py"
    reason = panel.save_to(missing)
    assert reason and "x.py" in reason
    compile(target.read_text(encoding="utf-8"), "mlp.py", "exec")


def test_big_graphs_are_exported_off_the_gui_thread(qtbot):
    from netbuilder.gui.panels.code import BACKGROUND_NODES

    doc = Document()
    graph = doc.graph
    prev = edits.make_node(graph, "Input", {"shape": (4,)})
    edits.AddNode(prev).apply(graph)
    for _ in range(BACKGROUND_NODES):
        node = edits.make_node(graph, "Dense", {"units": 4})
        edits.AddNode(node).apply(graph)
        edits.Connect(prev.id, node.id).apply(graph)
        prev = node
    edits.InsertOutput(prev.id).apply(graph)
    panel = CodePanel(doc)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel._running and bool(panel.editor.toPlainText()), timeout=20000)
    doc.push(edits.Rename(prev.id, "last_layer"))
    panel.refresh(background=True)
    # The call returns at once; the text arrives from the worker thread.
    assert panel._pending
    assert "last_layer" not in panel.editor.toPlainText()
    doc.push(edits.Rename(prev.id, "final_layer"))  # edited while the worker runs
    panel.refresh(background=True)
    qtbot.waitUntil(lambda: "final_layer" in panel.editor.toPlainText(), timeout=20000)
    qtbot.waitUntil(lambda: not panel._running, timeout=20000)
    assert panel.editor.toPlainText() == export_code(doc.project)
    assert panel.code_text() == export_code(doc.project)
