"""Training dock parts without a worker: settings edits, data panel, runs table, evaluation, plot."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from netbuilder.core.edits import SetParam
from netbuilder.core.examples import load_example
from netbuilder.core.project import project_to_dict
from netbuilder.core.training.runs import RunStore
from netbuilder.core.training.standalone import parse_data_arg
from netbuilder.gui.document import Document
from netbuilder.gui.training.data_panel import DataPanel
from netbuilder.gui.training.data_preview import spec_text
from netbuilder.gui.training.evaluation_panel import EvaluationPanel
from netbuilder.gui.training.live_plot import LivePlot, smooth
from netbuilder.gui.training.project_edits import SetProjectSection, restore_graph_edit
from netbuilder.gui.training.runs_panel import RunsPanel
from netbuilder.gui.training.settings_form import SettingsForm


def mlp_document() -> Document:
    project = load_example("mlp")
    project.data = {"kind": "builtin", "name": "bag_of_words", "samples": 200}
    return Document(project)


def test_importing_the_dock_loads_neither_matplotlib_nor_keras():
    code = (
        "import sys, netbuilder.gui.training as t; "
        "print(sorted(m for m in ('matplotlib', 'keras', 'tensorflow') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_set_project_section_is_invertible_and_merges_per_field():
    document = mlp_document()
    project = document.project
    before = dict(project.training)
    edit = SetProjectSection(project, "training", dict(before, epochs=7), key="epochs")
    inverse = edit.apply(project.graph)
    assert project.training["epochs"] == 7
    inverse.apply(project.graph)
    assert project.training == before
    assert edit.merge_key() == SetProjectSection(project, "training", {}, key="epochs").merge_key()
    assert SetProjectSection(project, "data", {}).merge_key() is None
    with pytest.raises(ValueError):
        SetProjectSection(project, "graph", {}).apply(project.graph)


def test_restore_graph_edit_round_trip():
    document = mlp_document()
    graph = document.graph
    snapshot = graph.copy()
    layer = graph.by_name("layer_1")
    document.push(SetParam(layer.id, "units", 64))
    before = project_to_dict(document.project)["graph"]
    document.push(restore_graph_edit(graph, snapshot))
    assert graph.by_name("layer_1").params["units"] == 16
    assert [n.name for n in graph.output_nodes()] == ["output_layer"]
    document.undo_stack.undo()
    assert project_to_dict(document.project)["graph"] == before


def test_settings_form_pushes_undoable_edits_and_reloads_on_undo(qtbot):
    document = mlp_document()
    form = SettingsForm(document)
    qtbot.addWidget(form)
    assert form.epochs.value() == document.project.training["epochs"]
    form.epochs.setValue(12)
    form.epochs.setValue(13)  # same field: one undo step
    form.optimizer.setCurrentText("sgd")
    assert document.project.training["epochs"] == 13
    assert document.project.training["optimizer"] == "sgd"
    assert form.momentum.isEnabled()
    assert document.is_modified()
    document.undo_stack.undo()
    assert document.project.training["optimizer"] == "adam"
    assert form.optimizer.currentText() == "adam"
    document.undo_stack.undo()
    assert document.project.training["epochs"] == 5 and form.epochs.value() == 5
    assert not document.is_modified()
    form.early_stopping.setChecked(True)
    assert document.project.training["early_stopping"]["monitor"] == "val_loss"


@pytest.mark.parametrize(
    "text",
    [
        "builtin:bag_of_words",
        "builtin:long_memory:length=100,repeats=1",
        "data/a.csv:target=y,features=a,b",
        "images:pics:size=32x32,color=grayscale",
        "x=a.npy,b.npy;y=c.npy",
    ],
)
def test_spec_text_round_trips_through_parse_data_arg(text):
    spec = parse_data_arg(text)
    assert parse_data_arg(spec_text(spec)) == spec


def test_data_panel_previews_checks_and_sets_up_in_one_step(qtbot):
    document = mlp_document()
    panel = DataPanel(document)
    qtbot.addWidget(panel)
    assert panel.source.text() == "builtin:bag_of_words:samples=200"
    assert panel.set_source_text("builtin:bag_of_words:samples=120,words=300")
    assert document.project.data["words"] == 300
    qtbot.waitUntil(lambda: panel.preview is not None, timeout=20_000)
    assert "120 samples" in panel.status.text() and "(300,)" in panel.status.text()
    assert panel.samples.count() > 0
    modified_at = document.undo_stack.index()
    panel.check()
    qtbot.waitUntil(lambda: panel.problem_list.count() > 0, timeout=20_000)
    assert any("300" in p.message for p in panel.problems)
    assert panel.setup_button.isEnabled()
    panel.set_up_from_data()
    qtbot.waitUntil(lambda: document.undo_stack.index() == modified_at + 1, timeout=20_000)
    assert document.graph.by_name("input_layer").params["shape"] in ([300], (300,))
    document.undo_stack.undo()
    assert document.graph.by_name("input_layer").params["shape"] in ([1000], (1000,))
    assert not panel.set_source_text("no_such_dataset")
    assert "Unknown built-in dataset" in panel.status.text()


def test_data_panel_shows_image_thumbnails(qtbot):
    project = load_example("two_branch_cnn")
    project.data = {"kind": "builtin", "name": "shapes_64", "samples": 20}
    document = Document(project)
    panel = DataPanel(document)
    qtbot.addWidget(panel)
    panel.refresh_preview()
    qtbot.waitUntil(lambda: panel.preview is not None, timeout=30_000)
    assert len(panel.preview.thumbnails) == 6
    image, label = panel.preview.thumbnails[0]
    assert image.dtype.name == "uint8" and image.shape == (64, 64)
    assert label in ("0", "1")
    assert panel.thumbs.count() == 7  # six thumbnails and the stretch
    assert not panel.thumbs.itemAt(0).widget().pixmap().isNull()


def _store_with_two_runs(tmp_path):
    document = mlp_document()
    store = RunStore(tmp_path / "runs")
    first = store.create(document.project)
    first.finish(
        {"history": {"loss": [0.7, 0.5], "val_loss": [0.8, 0.6]}, "final_metrics": {"loss": 0.5}}
    )
    document.push(SetParam(document.graph.by_name("layer_1").id, "units", 8))
    document.project.training = dict(document.project.training, learning_rate=0.01)
    second = store.create(document.project)
    second.finish(
        {"history": {"loss": [0.6, 0.4]}, "final_metrics": {"loss": 0.4}, "stopped": True}
    )
    return document, store, first, second


def test_runs_panel_lists_overlays_compares_and_restores(qtbot, tmp_path):
    document, store, first, second = _store_with_two_runs(tmp_path)
    panel = RunsPanel(document)
    qtbot.addWidget(panel)
    panel.set_store(store)
    assert panel.table.rowCount() == 2
    assert panel.table.item(1, 0).text() == "stopped"
    with qtbot.waitSignal(panel.overlaysChanged) as blocker:
        panel.select_runs([first.id, second.id])
    assert [r.id for r in blocker.args[0]] == [first.id, second.id]
    assert panel.compare_button.isEnabled() and not panel.restore_button.isEnabled()
    text = panel.compare_text(first, second)
    assert "learning_rate: 0.001 → 0.01" in text and "layer_1.units: 16 → 8" in text
    panel.select_runs([first.id])
    panel.restore_button.click()
    assert document.graph.by_name("layer_1").params["units"] == 16
    document.undo_stack.undo()
    assert document.graph.by_name("layer_1").params["units"] == 8
    panel.select_runs([second.id])
    panel.delete_selected()
    assert [r.id for r in store.list()] == [first.id]


def test_evaluation_panel_shows_confusion_matrix_and_samples(qtbot, tmp_path):
    _document, _store, first, _second = _store_with_two_runs(tmp_path)
    first.evaluation = {
        "metrics": {"loss": 0.4, "accuracy": 0.75},
        "samples_used": 8,
        "on": "validation",
        "output": "output_layer",
        "confusion_matrix": [[3, 1], [1, 3]],
        "class_names": ["neg", "pos"],
        "samples": [
            {"index": 0, "true": 1, "pred": 1, "confidence": 0.9, "correct": True},
            {"index": 4, "true": 0, "pred": 1, "confidence": 0.6, "correct": False},
        ],
    }
    panel = EvaluationPanel()
    qtbot.addWidget(panel)
    panel.show_run(first)
    assert panel.metrics.rowCount() == 2
    assert panel.samples.item(1, 1).text() == "neg" and panel.samples.item(1, 4).text() == "wrong"
    assert panel.canvas is not None and panel.figure.axes[0].images
    assert not panel.save_button.isEnabled()  # no model file in this fabricated run
    assert "8 validation samples" in panel.summary.text()


def test_live_plot_buffers_draws_overlays_and_exports(qtbot, tmp_path):
    plot = LivePlot()
    qtbot.addWidget(plot)
    plot.show()
    plot.begin_run("now")
    for batch in range(1, 5):
        plot.add_batch({"epoch": 1, "batch": batch, "steps": 4, "logs": {"loss": 1.0 / batch}})
    plot.add_epoch({"epoch": 1, "logs": {"loss": 0.5, "accuracy": 0.6, "val_loss": 0.7}})
    plot.set_overlays([("before", {"loss": [0.9], "accuracy": [0.5]})])
    assert plot.curve_sets() == ["now", "before"]
    qtbot.waitUntil(lambda: plot.redraws > 0, timeout=3_000)
    loss_ax, metric_ax = plot.figure.axes
    labels = [line.get_label() for line in loss_ax.lines]
    assert "now: val_loss" in labels and "before: loss" in labels
    assert [line.get_label() for line in metric_ax.lines] == ["now: accuracy", "before: accuracy"]
    plot.log_scale.setChecked(True)
    plot.redraw()
    assert plot.figure.axes[0].get_yscale() == "log"
    out = tmp_path / "h.csv"
    plot.export_csv(out)
    assert out.read_text().splitlines() == ["epoch,loss,accuracy,val_loss", "1,0.5,0.6,0.7"]
    assert smooth([1.0, 0.0, 0.0], 0.5) == [1.0, 0.5, 0.25]
    assert smooth([3.0, 1.0], 0.0) == [3.0, 1.0]


def test_csv_and_npz_options_edit_the_data_source(qtbot, tmp_path):
    import numpy as np

    (tmp_path / "t.csv").write_text("a,b,label\n1,2,cat\n3,4,dog\n5,6,cat\n", encoding="utf-8")
    np.savez(tmp_path / "d.npz", inp=np.zeros((4, 3)), out=np.zeros((4, 1)), other=np.ones((4, 1)))
    document = mlp_document()
    document.path = tmp_path / "net.nbproj"
    panel = DataPanel(document)
    qtbot.addWidget(panel)
    assert panel.set_source_text("t.csv")
    options = panel.options
    assert options.target is not None and options.target.currentText() == "label"
    assert [options.features.item(i).checkState() for i in range(3)] == [
        Qt.CheckState.Checked,
        Qt.CheckState.Checked,
        Qt.CheckState.Unchecked,
    ]
    options.features.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert document.project.data["features"] == ["a"]
    assert parse_data_arg(panel.source.text()) == document.project.data
    qtbot.waitUntil(
        lambda: panel.preview is not None and "(1,)" in panel.status.text(), timeout=20_000
    )
    assert "cat" in panel.samples.item(0).text()
    options.task.setCurrentText("classification")
    assert document.project.data["task"] == "classification"
    document.undo_stack.undo()
    assert "task" not in document.project.data and options.task.currentText() == "auto"

    assert panel.set_source_text("d.npz")
    assert sorted(options.array_combos) == [("x", 0), ("y", 0)]
    options.array_combos[("y", 0)].setCurrentText("other")
    assert document.project.data["x"] == ["inp"] and document.project.data["y"] == ["other"]
    assert not panel.set_source_text("x.npy")


def test_settings_form_has_one_loss_per_output(qtbot):
    document = Document(load_example("multi_io"))
    form = SettingsForm(document)
    qtbot.addWidget(form)
    names = [n.name for n in document.graph.output_nodes()]
    assert list(form.output_losses) == names and len(names) == 2
    assert not form.loss.isEnabled()
    form.output_losses[names[0]].setCurrentText("huber")
    assert document.project.training["loss"] == {names[0]: "huber", names[1]: "auto"}
    document.undo_stack.undo()
    assert form.output_losses[names[0]].currentText() == "auto"
