"""Highlighter, undo history view and the example gallery."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QDialog

from netbuilder.core import edits, messages
from netbuilder.core.examples import list_examples, load_example
from netbuilder.gui.document import Document
from netbuilder.gui.panels.gallery import ExampleGalleryDialog, render_thumbnail
from netbuilder.gui.panels.highlighter import COLOURS, PythonHighlighter
from netbuilder.gui.panels.history import HistoryPanel

SOURCE = '''@decorator.name
def build(x=1.5e-3):  # a comment with "quotes"
    s = "text # not a comment"
    doc = """first line
    second line with 'quote' and # hash
    end"""
    return x @ y + 0x1F
'''


def _colour_at(document: QTextDocument, line: int, column: int) -> str | None:
    block = document.findBlockByNumber(line)
    for fr in block.layout().formats():
        if fr.start <= column < fr.start + fr.length:
            return fr.format.foreground().color().name()
    return None


def _kind(kind: str, dark: bool = False) -> str:
    return QColor(COLOURS[kind][1 if dark else 0]).name()


def test_highlighter_colours_python_tokens(qtbot):
    document = QTextDocument()
    document.setPlainText(SOURCE)
    highlighter = PythonHighlighter(document)
    qtbot.wait(5)  # the first highlighting pass is queued
    lines = SOURCE.splitlines()

    def at(line: int, token: str, offset: int = 0) -> str | None:
        return _colour_at(document, line, lines[line].index(token) + offset)

    assert at(0, "@decorator") == _kind("decorator")
    assert at(1, "def") == _kind("keyword")
    assert at(1, "build") == _kind("definition")
    assert at(1, "1.5e-3") == _kind("number")
    assert at(1, "# a comment") == _kind("comment")
    assert at(2, '"text') == _kind("string")
    assert at(2, "# not") == _kind("string")  # a hash inside a string is not a comment
    assert at(3, '"""') == _kind("string")
    assert at(4, "second") == _kind("string")  # triple-quoted string across lines
    assert at(4, "# hash") == _kind("string")
    assert at(5, "end") == _kind("string")
    assert at(6, "return") == _kind("keyword")
    assert at(6, "@ y") is None  # matrix multiplication, not a decorator
    assert at(6, "0x1F") == _kind("number")
    highlighter.set_dark(True)
    assert at(1, "def") == _kind("keyword", dark=True)


def test_highlighter_handles_characters_outside_the_bmp(qtbot):
    document = QTextDocument()
    line = 'name = "🙂🙂" + 12  # end'
    document.setPlainText(line)
    highlighter = PythonHighlighter(document)
    highlighter.rehighlight()
    # Qt columns count UTF-16 units: each emoji takes two.
    column = line.index("12") + 2
    assert _colour_at(document, 0, column) == _kind("number")
    assert _colour_at(document, 0, line.index("#") + 2) == _kind("comment")


def test_history_lists_steps_and_goes_back(qtbot):
    doc = Document(load_example("mlp"))
    panel = HistoryPanel(doc)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    model = panel.view.model()
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "<empty>"
    dense = next(n for n in doc.graph.nodes.values() if n.type == "Dense")
    doc.push(edits.SetParam(dense.id, "units", 3), "Set units to 3")
    doc.push(edits.Rename(dense.id, "renamed"), "Rename to renamed")
    assert [model.index(i, 0).data() for i in range(model.rowCount())] == [
        "<empty>",
        "Set units to 3",
        "Rename to renamed",
    ]
    rect = panel.view.visualRect(model.index(1, 0))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert doc.undo_stack.index() == 1
    assert doc.graph.nodes[dense.id].name != "renamed"
    assert doc.graph.nodes[dense.id].params["units"] == 3


@pytest.fixture
def russian():
    before = messages.language()
    messages.set_language("ru")
    yield
    messages.set_language(before)


def test_gallery_lists_examples_with_thumbnails(qtbot):
    dialog = ExampleGalleryDialog()
    qtbot.addWidget(dialog)
    examples = list_examples()
    assert dialog.titles() == [e.title_en for e in examples]
    for i in range(dialog.list.count()):
        assert not dialog.list.item(i).icon().isNull()
    assert dialog.selected_example() == examples[0].name
    assert examples[0].title_en in dialog.details.text()


def test_gallery_double_click_chooses(qtbot):
    dialog = ExampleGalleryDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    name = list_examples()[1].name
    assert dialog.select(name)
    item = dialog.list.currentItem()
    rect = dialog.list.visualItemRect(item)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        # A real double-click: press/release, then the double-click event.
        qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.selected_example() == name
    assert not dialog.select("no_such_example")


def test_gallery_titles_follow_the_ui_language(qtbot, russian):
    dialog = ExampleGalleryDialog()
    qtbot.addWidget(dialog)
    assert dialog.titles() == [e.title_ru for e in list_examples()]


def test_thumbnail_draws_every_node(qtbot):
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    graph = load_example("two_branch_cnn").graph
    palette = QApplication.palette()
    pixmap = render_thumbnail(graph, QSize(240, 150), palette)
    image = pixmap.toImage()
    background = palette.color(palette.ColorRole.Base).rgb()
    painted = sum(
        1 for x in range(0, 240, 2) for y in range(0, 150, 2) if image.pixel(x, y) != background
    )
    assert painted > 200
    empty = render_thumbnail(Document().graph, QSize(40, 30), palette).toImage()
    assert all(empty.pixel(x, y) == background for x in range(40) for y in range(30))


def test_code_colours_follow_a_dark_palette(qtbot):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from netbuilder.gui.panels.code import CodePanel

    app = QApplication.instance()
    before = app.palette()
    panel = CodePanel(Document(load_example("mlp")))
    qtbot.addWidget(panel)
    assert panel.highlighter.dark is (before.color(QPalette.ColorRole.Base).lightness() < 128)
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1b1e24"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8ebf0"))
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: panel.highlighter.dark, timeout=1000)
    finally:
        app.setPalette(before)
    qtbot.waitUntil(lambda: not panel.highlighter.dark, timeout=1000)
