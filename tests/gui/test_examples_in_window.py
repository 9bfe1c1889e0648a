"""Each seed example opened in the real window shows `netbuilder export` and `netbuilder summary`.

The example is written to a temporary file and opened through File ▸ Open
(only the file dialog is replaced); the code and summary docks are shown and
their debounced refresh is awaited. What the widgets display (the code
editor's plain text, the summary table's cells and totals label) is compared
with the output of the command line run in a subprocess.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from netbuilder.core.examples import list_examples

EXAMPLES = {e.name: e.path for e in list_examples()}
ROOT = Path(__file__).resolve().parents[2]


def netbuilder_cli(*args: str) -> str:
    """Run ``python -m netbuilder ARGS`` as a user would; its stdout."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    done = subprocess.run(
        [sys.executable, "-m", "netbuilder", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def cell(model, row: int, column: int) -> str:
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


def as_int(text: str) -> int:
    """A number as the panel shows it (with the locale's group separators)."""
    return int(re.sub(r"\D", "", text))


def test_there_are_seed_examples():
    assert len(EXAMPLES) >= 5 and "two_branch_cnn" in EXAMPLES


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_code_and_summary_panels_equal_the_command_line(
    qtbot, window, tmp_path: Path, monkeypatch, name: str
):
    path = tmp_path / f"{name}.nbproj"
    path.write_bytes(EXAMPLES[name].read_bytes())
    win = window
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    win.act_open.trigger()
    assert win.document.path == path and len(win.document.graph) > 0
    for dock in (win.code_dock, win.summary_dock):
        dock.show()
        dock.raise_()
    code, summary = win.code, win.summary
    qtbot.waitUntil(lambda: code.isVisible() and summary.isVisible())
    # The panels refresh on debounce timers (and big graphs on a worker thread).
    qtbot.waitUntil(
        lambda: (
            not code._timer.isActive()
            and not code._pending
            and bool(code.editor.toPlainText())
            and not summary._timer.isActive()
        ),
        timeout=10_000,
    )
    QApplication.processEvents()

    # Code panel: the text on screen is the file `netbuilder export` writes.
    out = tmp_path / f"{name}.py"
    netbuilder_cli("export", str(path), "-o", str(out))
    assert code.banner.isHidden()
    assert code.editor.toPlainText() == out.read_text(encoding="utf-8")

    # Summary panel: every displayed cell and the totals against `summary --json`.
    expected = json.loads(netbuilder_cli("summary", str(path), "--json"))
    model = summary.table.model()
    assert model.rowCount() == len(expected["nodes"])
    for row, node in enumerate(expected["nodes"]):
        marker = " *" if node["output"] else ""
        assert cell(model, row, 0) == f"{node['name']} ({node['type']}){marker}"
        shown_shape = ast.literal_eval(cell(model, row, 1))
        assert list(shown_shape) == node["output_shape"], node["name"]
        assert as_int(cell(model, row, 2)) == node["params"], node["name"]
        assert cell(model, row, 3) == (", ".join(node["inputs"]) or "-")
    totals = summary.totals.text()
    match = re.search(r"Total params: ([^·]+)", totals)
    assert match and as_int(match.group(1)) == expected["total_params"]
    assert expected["valid"] and totals.endswith("valid") and "not valid" not in totals
    assert QLocale().toString(expected["total_params"]) in totals
