"""The training dock with the REAL worker process: live plot, pause/resume/stop, overlay,
restore graph, and a failing run that leaves the editor and the project file alone."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from netbuilder.core.edits import AddNode, Compound, Connect, InsertOutput, SetParam, make_node
from netbuilder.core.examples import load_example
from netbuilder.core.project import Project, save
from netbuilder.core.training.protocol import FAULTS_ENV
from netbuilder.gui.document import Document
from netbuilder.gui.training import TrainingDock
from netbuilder.gui.training.controller import IDLE, PAUSED, RUNNING

WORKER_START_S = 90  # TensorFlow's import on a busy 2-core machine


def make_dock(
    qtbot, project, path: Path | None = None, worker_env: dict[str, str] | None = None
) -> tuple[QMainWindow, TrainingDock]:
    document = Document(project)
    if path is not None:
        save(project, path)
        document.path = path
    window = QMainWindow()
    qtbot.addWidget(window)
    dock = TrainingDock(document, window, worker_env=worker_env)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.resize(1000, 700)
    window.show()
    return window, dock


def mlp(samples: int, epochs: int, batch_size: int):
    project = load_example("mlp")
    project.data = {"kind": "builtin", "name": "bag_of_words", "samples": samples, "words": 1000}
    project.training.update(epochs=epochs, batch_size=batch_size, validation_split=0.25)
    return project


def layer_units(document: Document, name: str) -> int:
    node = document.graph.by_name(name)
    assert node is not None
    return int(node.params["units"])


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_live_run_pause_resume_stop_overlay_and_restore(qtbot, tmp_path):
    _window, dock = make_dock(qtbot, mlp(samples=400, epochs=500, batch_size=4))
    document = dock.document
    try:
        qtbot.waitUntil(lambda: dock.controller.worker_ready, timeout=WORKER_START_S * 1000)
        first = dock.train()
        assert first is not None
        # plot data arrives and is drawn
        qtbot.waitUntil(lambda: len(dock.plot.batch_x) >= 3, timeout=30_000)
        qtbot.waitUntil(lambda: dock.plot.redraws > 0, timeout=5_000)
        assert dock.plot.curve_sets() == [dock.plot.current_label]
        assert "Epoch" in dock.progress_label.text() and "ETA" in dock.progress_label.text()

        # editing during training never touches the running job
        document.push(SetParam(document.graph.by_name("layer_1").id, "units", 32))

        dock.pause_button.click()
        qtbot.waitUntil(lambda: dock.controller.state == PAUSED, timeout=5_000)
        qtbot.wait(300)  # events already in the pipe
        points = len(dock.plot.batch_x)
        qtbot.wait(1000)
        assert len(dock.plot.batch_x) == points, "batches kept coming while paused"

        dock.resume_button.click()
        qtbot.waitUntil(lambda: dock.controller.state == RUNNING, timeout=5_000)
        qtbot.waitUntil(lambda: len(dock.plot.batch_x) > points, timeout=10_000)

        batch_times: list[float] = []
        dock.controller.batch.connect(lambda _ev: batch_times.append(time.monotonic()))
        t0 = time.monotonic()
        dock.stop_button.click()
        qtbot.waitUntil(lambda: dock.controller.state == IDLE, timeout=10_000)
        ended = time.monotonic() - t0
        trained_after_stop = (batch_times[-1] - t0) if batch_times else 0.0
        # Training ends within 1 s; the worker then saves the model and evaluates it.
        assert trained_after_stop <= 1.0, f"batches went on for {trained_after_stop:.2f} s"
        assert ended <= 3.0, f"the run took {ended:.2f} s to end after Stop"
        record = dock.runs_panel.records[-1]
        assert record.id == first.id and record.status == "stopped"
        assert record.has_model
        target = tmp_path / "so_far.keras"
        dock.evaluation.save_model(target)
        qtbot.waitUntil(target.exists, timeout=10_000)
        loaded = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import keras; m = keras.saving.load_model({str(target)!r}); "
                "print(m.get_layer('layer_1').units)",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert loaded.stdout.strip().endswith("16"), loaded.stderr[-2000:]

        # a second, short run on the edited graph overlays the first
        dock.settings_form.epochs.setValue(2)
        dock.settings_form.batch_size.setValue(32)
        assert document.project.training["epochs"] == 2
        qtbot.waitUntil(lambda: dock.controller.worker_ready, timeout=WORKER_START_S * 1000)
        second = dock.train()
        assert second is not None
        qtbot.waitUntil(lambda: dock.controller.state == IDLE, timeout=60_000)
        assert dock.runs_panel.records[-1].status == "done"
        qtbot.waitUntil(lambda: len(dock.plot.curve_sets()) == 2, timeout=2_000)
        assert dock.plot.curve_sets()[1] != dock.plot.curve_sets()[0]
        assert dock.evaluation.metrics.rowCount() > 0  # held-out metrics shown
        assert dock.evaluation.samples.rowCount() > 0
        dock.evaluation.sample_index.setValue(3)
        with qtbot.waitSignal(dock.evaluation.predicted, timeout=120_000) as predicted:
            dock.evaluation.predict_button.click()
        assert predicted.args[0]["index"] == 3
        assert dock.evaluation.prediction.text().startswith("#3: output_layer:")

        # "Restore graph" brings back the first run's graph, one undo returns to the edit
        assert layer_units(document, "layer_1") == 32
        dock.runs_panel.select_runs([first.id])
        dock.runs_panel.restore_button.click()
        assert layer_units(document, "layer_1") == 16
        document.undo_stack.undo()
        assert layer_units(document, "layer_1") == 32

        # runs of the unsaved project (kept in a temporary folder) move next to it on save
        document.save(tmp_path / "net.nbproj")
        assert [r.id for r in dock.runs_panel.records] == [first.id, second.id]
        assert (tmp_path / "net.runs" / first.id / "model.keras").is_file()
    finally:
        dock.shutdown()


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_missing_data_file_gives_a_clear_message(qtbot, tmp_path):
    project = mlp(samples=100, epochs=1, batch_size=16)
    project.data = {"kind": "npz", "path": "missing.npz"}
    path = tmp_path / "net.nbproj"
    window, dock = make_dock(qtbot, project, path)
    before = path.read_bytes()
    try:
        qtbot.waitUntil(lambda: dock.controller.worker_ready, timeout=WORKER_START_S * 1000)
        assert dock.train() is not None
        qtbot.waitUntil(lambda: dock.error_label.isVisible(), timeout=30_000)
        message = dock.error_label.text()
        assert "missing.npz" in message and "no file" in message
        assert message in window.statusBar().currentMessage()
        assert dock.controller.state == IDLE and dock.train_button.isEnabled()
        assert dock.runs_panel.records[-1].status == "failed"
        assert path.read_bytes() == before
        # the dock stays usable: a fresh worker is warming up for the next run
        qtbot.waitUntil(lambda: dock.controller.worker_ready, timeout=WORKER_START_S * 1000)
        dock.data_panel.set_source_text("builtin:bag_of_words:samples=100")
        assert dock.train() is not None
        qtbot.waitUntil(lambda: dock.controller.state == IDLE, timeout=60_000)
        assert dock.runs_panel.records[-1].status == "done"
        assert path.read_bytes() == before
    finally:
        dock.shutdown()


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ("segfault", "crashed (SIGSEGV)"),
        ("abort", "crashed (SIGABRT)"),
        ("raise", "training failed: injected failure inside training"),
        ("wrong_shape", "has samples of shape (500,), but the Input expects (1000,)"),
    ],
)
def test_worker_failures_are_reported_and_the_next_run_can_start(qtbot, tmp_path, fault, expected):
    project = mlp(samples=100, epochs=3, batch_size=8)
    if fault == "wrong_shape":
        project.data["words"] = 500
    path = tmp_path / "net.nbproj"
    window, dock = make_dock(qtbot, project, path, worker_env={FAULTS_ENV: "1"})
    before = path.read_bytes()
    try:
        qtbot.waitUntil(lambda: dock.controller.worker_ready, timeout=WORKER_START_S * 1000)
        dock.controller.train(job_extra={} if fault == "wrong_shape" else {"_fault": fault})
        qtbot.waitUntil(lambda: dock.error_label.isVisible(), timeout=30_000)
        assert expected in dock.error_label.text()
        assert expected in window.statusBar().currentMessage()
        assert dock.controller.state == IDLE and dock.train_button.isEnabled()
        assert dock.runs_panel.records[-1].status == "failed"
        assert path.read_bytes() == before
        assert dock.controller.client is not None  # a fresh worker for the next run
        dock.settings_form.epochs.setValue(4)  # the editor keeps responding
        assert dock.document.project.training["epochs"] == 4
    finally:
        dock.shutdown()


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_second_stop_kills_a_worker_that_does_not_stop(qtbot, tmp_path):
    _window, dock = make_dock(
        qtbot, mlp(samples=100, epochs=3, batch_size=8), None, {FAULTS_ENV: "1"}
    )
    try:
        qtbot.waitUntil(lambda: dock.controller.worker_ready, timeout=WORKER_START_S * 1000)
        dock.controller.train(job_extra={"_fault": "hang"})  # ignores the graceful stop
        qtbot.waitUntil(lambda: len(dock.plot.batch_x) >= 1, timeout=30_000)
        dock.stop_button.click()
        qtbot.waitUntil(lambda: dock.stop_button.text() == "Kill", timeout=5_000)
        qtbot.wait(300)
        assert dock.controller.busy  # still hanging after the graceful stop
        t0 = time.monotonic()
        dock.stop_button.click()
        qtbot.waitUntil(lambda: dock.controller.state == IDLE, timeout=5_000)
        assert time.monotonic() - t0 < 1.0
        assert "ended by force" in dock.error_label.text()
        assert dock.runs_panel.records[-1].status == "failed"
    finally:
        dock.shutdown()


def image_project(folder: Path):
    """Input (16, 16, 1) -> Flatten -> Dense(2, softmax) trained on an image folder."""
    from PIL import Image

    for cls, value in (("dark", 40), ("light", 220)):
        (folder / cls).mkdir(parents=True)
        for i in range(6):
            pixels = bytes([value + (i * 3) % 20] * 256)
            Image.frombytes("L", (16, 16), pixels).save(folder / cls / f"{i}.png")
    project = Project()
    graph = project.graph
    nodes = [
        make_node(graph, "Input", {"shape": [16, 16, 1]}),
        make_node(graph, "Flatten"),
        make_node(graph, "Dense", {"units": 2, "activation": "softmax"}),
    ]
    steps = [AddNode(n) for n in nodes]
    steps += [Connect(nodes[0].id, nodes[1].id), Connect(nodes[1].id, nodes[2].id)]
    steps.append(InsertOutput(nodes[2].id))
    Compound(steps).apply(graph)
    project.data = {"kind": "images", "path": str(folder), "size": [16, 16]}
    project.training = {"epochs": 2, "batch_size": 4, "validation_split": 0.25}
    return project


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_image_folder_run_then_predict_an_image_file(qtbot, tmp_path):
    _window, dock = make_dock(qtbot, image_project(tmp_path / "pics"))
    try:
        qtbot.waitUntil(lambda: dock.controller.worker_ready, timeout=WORKER_START_S * 1000)
        assert dock.train() is not None
        qtbot.waitUntil(lambda: dock.controller.state == IDLE, timeout=90_000)
        assert dock.runs_panel.records[-1].status == "done", dock.error_label.text()
        assert dock.evaluation.predict_file_button.isEnabled()
        with qtbot.waitSignal(dock.evaluation.predicted, timeout=120_000):
            dock.evaluation.predict(str(tmp_path / "pics" / "light" / "0.png"))
        text = dock.evaluation.prediction.text()
        assert text.startswith("0.png: ") and ("light" in text or "dark" in text), text
    finally:
        dock.shutdown()
