"""The course's point about vanishing gradients, shown with netbuilder's own worker.

Two projects built with the core API differ only in the recurrent layer (LSTM
vs SimpleRNN); both train through :class:`WorkerClient` on the same built-in
"long memory" data with the same settings and seed. In that data the label is
set by a marker token at the very start of each text (``repeats=1``: it appears
nowhere else), up to 150 steps before the end, where the model reads its answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netbuilder.core.graph import Graph, Node, Ref
from netbuilder.core.project import Project, project_to_dict
from netbuilder.core.training import protocol as p
from netbuilder.core.training.client import WorkerClient

LENGTH = 150
DATA = {
    "kind": "builtin",
    "name": "long_memory",
    "samples": 2000,
    "length": LENGTH,
    "repeats": 1,
}
# Measured through the worker on seeds 0-6: LSTM reached 0.98-1.0 by epoch 2-4 and
# held it; SimpleRNN stayed at 0.46-0.55 throughout. At lr 0.001 or 0.003 the LSTM
# sometimes needed more than 6 epochs to find the marker, hence lr 0.01.
SETTINGS = {
    "epochs": 6,
    "batch_size": 32,
    "learning_rate": 0.01,
    "validation_split": 0.2,
    "seed": 0,
}


def recurrent_project(cell: str) -> Project:
    """Input(int32, LENGTH) -> Embedding(50, 10) -> ``cell``(16) -> Dense(1, sigmoid)."""
    g = Graph()
    g.nodes["i"] = Node("i", "Input", "tokens", {"shape": (LENGTH,), "dtype": "int32"})
    g.nodes["e"] = Node(
        "e", "Embedding", "embedding", {"input_dim": 50, "output_dim": 10}, [Ref("i")]
    )
    g.nodes["r"] = Node("r", cell, "memory", {"units": 16}, [Ref("e")])
    g.nodes["o"] = Node("o", "Dense", "label", {"units": 1, "activation": "sigmoid"}, [Ref("r")])
    g.outputs.append("o")
    return Project(g, training=dict(SETTINGS), data=dict(DATA))


def train(cell: str, run_dir: Path) -> dict[str, Any]:
    """Run one job in a fresh worker; returns its ``done`` event."""
    project = recurrent_project(cell)
    with WorkerClient() as client:
        client.submit(
            {
                "project": project_to_dict(project),
                "settings": project.training,
                "data": project.data,
                "base_dir": str(run_dir),
                "run_dir": str(run_dir / cell),
                "evaluate": False,
            }
        )
        ev = client.wait_event((p.EV_DONE, p.EV_ERROR), timeout=240)
    assert ev["event"] == p.EV_DONE, ev.get("message")
    return ev


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_lstm_beats_simple_rnn_on_long_memory(tmp_path: Path) -> None:
    history = {cell: train(cell, tmp_path)["history"] for cell in ("LSTM", "SimpleRNN")}
    lstm = history["LSTM"]["val_accuracy"][-1]
    rnn = history["SimpleRNN"]["val_accuracy"][-1]
    assert len(history["LSTM"]["val_accuracy"]) == SETTINGS["epochs"]
    assert lstm >= 0.8, history
    assert lstm - rnn >= 0.2, history
