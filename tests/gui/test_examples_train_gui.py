"""Every course example trains from the GUI and learns: a real MainWindow, the real worker.

Each example is written to tmp_path and opened through the window's File actions;
a short run is set through the training dock's own controls (epochs in the
settings form, fewer samples in the data source text, in the ``--data`` syntax)
and Train is pressed. The run's final validation accuracy must be clearly above
chance. Sizes are small ones that learned on every seed tried (0 and 1, more
where a curve was unsteady), so that the whole file runs in about three minutes
on a busy 2-core machine.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from netbuilder.core.examples import load_example
from netbuilder.core.project import save
from netbuilder.gui.training.controller import IDLE

WORKER_START_S = 120  # TensorFlow's import on a busy 2-core machine
SEED = int(os.environ.get("NETBUILDER_TEST_SEED", "0"))  # to re-measure on other seeds

# example -> (data source text, epochs, the lowest final val_accuracy that passes).
# Chance is 0.5 for the binary tasks and 0.1 for flying_ball's 10 directions. The
# comments give the final val_accuracy measured on seeds 0 / 1 (same settings, same
# worker, through `netbuilder train`); every threshold stays well below the worst
# of them and well above chance.
RUNS: dict[str, tuple[str, int, float]] = {
    # bag_of_words: 0.990 / 0.985 (0.92 / 0.90 already after 2 epochs)
    "mlp": ("builtin:bag_of_words:samples=2000", 4, 0.80),
    # shapes_64, circle or square in 64x64 noise: 0.950 / 0.960
    "two_branch_cnn": ("builtin:shapes_64:samples=1500", 4, 0.75),
    # long_memory, 1000 tokens, the marker repeated every 50 tokens: 0.975 / 0.958
    "lstm": ("builtin:long_memory:samples=600", 4, 0.75),
    # 0.99 / 1.00 (seeds 2, 3: 1.00 / 0.975). Three epochs, not four: on seed 0 a
    # fourth epoch once diverged back to chance (0.51), a known LSTM instability.
    "lstm_sequences": ("builtin:long_memory:samples=600", 3, 0.75),
    # GRU(16) + global average pooling learns more slowly and noisily: 0.960 / 0.845
    # (seed 2: 0.820; from epoch 4 on never below 0.775 on these seeds)
    "gru": ("builtin:long_memory:samples=1000", 6, 0.70),
    # keywords (7, 3, 11 in order anywhere in 1000 tokens): 1.00 / 1.00 (from epoch 3)
    "conv1d": ("builtin:keywords:samples=1000", 5, 0.80),
    # flying_ball, 10 directions (chance 0.1): 1.00 / 1.00
    "bidirectional": ("builtin:flying_ball:samples=800", 6, 0.50),
}


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", list(RUNS))
def test_example_trains_from_the_window_and_learns(window, qtbot, tmp_path, name):
    source, epochs, threshold = RUNS[name]
    path = tmp_path / f"{name}.nbproj"
    save(load_example(name), path)
    window.files.open_path(str(path), ask=False)
    assert window.document.path == path
    dock = window.training_dock
    dock.show()  # hidden at start (Train > Training Panel)
    assert dock.isVisible()

    # a short run, set through the dock's own controls
    dock.tabs.setCurrentWidget(dock.data_panel)
    line = dock.data_panel.source
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, source)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.document.project.data["samples"] == int(source.rsplit("=", 1)[1])
    dock.settings_form.epochs.setValue(epochs)
    dock.settings_form.seed.setValue(SEED)
    training = window.document.project.training
    assert training["epochs"] == epochs and training["seed"] == SEED

    qtbot.waitUntil(lambda: dock.controller.worker_ready, timeout=WORKER_START_S * 1000)
    dock.train_button.click()
    assert dock.controller.busy
    qtbot.waitUntil(lambda: dock.controller.state == IDLE, timeout=240_000)
    record = dock.runs_panel.records[-1]
    assert record.status == "done", dock.error_label.text()
    assert len(record.history["loss"]) == epochs
    accuracy = record.final_metrics["val_accuracy"]
    print(f"{name} seed {SEED}: val_accuracy {accuracy:.3f}")  # shown with -s, to re-measure
    assert accuracy >= threshold, f"{name}: val_accuracy {accuracy:.3f} < {threshold}"
    # the held-out evaluation reached the dock
    assert dock.evaluation.metrics.rowCount() > 0
