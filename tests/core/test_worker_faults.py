"""Every way a training job can fail reaches the parent as one clear ``error`` event.

Each test runs the real worker process; the parent (this test process) survives.
Abort, segfault, raise and hang use the test-only ``_fault`` hook, honoured only
when ``NETBUILDER_TEST_FAULTS=1`` is in the worker's environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from worker_jobs import job_for, mlp

from netbuilder.core.graph import Node, Ref
from netbuilder.core.training import protocol as p
from netbuilder.core.training.client import WorkerClient
from netbuilder.core.training.worker import describe_exception


def data(n: int = 256, features: int = 8) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(n, features)).astype("float32")
    return x, (x[:, 0] > 0).astype("int32")


def run_to_end(job: dict[str, Any], fault: str | None = None, grace: float = 3.0) -> dict[str, Any]:
    """Submit ``job`` to a fresh worker and return its terminal event; checks it is the only one."""
    env = {p.FAULTS_ENV: "1"} if fault else None
    if fault:
        job = {**job, "_fault": fault}
    client = WorkerClient(env=env, stop_grace_s=grace).start()
    try:
        client.submit(job)
        end = client.wait_event((p.EV_DONE, p.EV_ERROR), timeout=120)
    finally:
        client.close()
    terminal = [e for e in client.events_seen if e["event"] in p.TERMINAL_EVENTS]
    assert terminal == [end]
    return end


@pytest.mark.parametrize(("fault", "signal_name"), [("abort", "SIGABRT"), ("segfault", "SIGSEGV")])
def test_crash_becomes_one_error_naming_the_signal(
    tmp_path: Path, fault: str, signal_name: str
) -> None:
    end = run_to_end(job_for(tmp_path, mlp(), *data()), fault=fault)
    assert end["event"] == "error"
    assert end["signal"] == signal_name
    assert f"the training process crashed ({signal_name})" in end["message"]
    assert "Last message: Fatal Python error" in end["message"]


def test_exception_inside_training(tmp_path: Path) -> None:
    end = run_to_end(job_for(tmp_path, mlp(), *data()), fault="raise")
    assert end["event"] == "error"
    assert end["message"] == "training failed: injected failure inside training (test hook)"
    assert "Traceback" in end["detail"]


def test_fault_hooks_are_ignored_without_the_test_environment(tmp_path: Path) -> None:
    job = {**job_for(tmp_path, mlp(), *data(), epochs=1), "_fault": "abort"}
    assert run_to_end(job)["event"] == "done"


def test_stop_that_is_not_honoured_kills_after_the_grace_period(tmp_path: Path) -> None:
    client = WorkerClient(env={p.FAULTS_ENV: "1"}, stop_grace_s=1.0).start()
    try:
        client.submit({**job_for(tmp_path, mlp(), *data()), "_fault": "hang"})
        client.wait_event(p.EV_BATCH, timeout=120)
        client.stop()
        end = client.wait_event((p.EV_DONE, p.EV_ERROR), timeout=15)
    finally:
        client.close()
    assert end["event"] == "error" and end["killed"] is True
    assert "did not stop in time" in end["message"]
    assert not client.alive


def test_nan_loss(tmp_path: Path) -> None:
    # Unnormalised inputs and a huge learning rate: SGD diverges within a few batches.
    x, _ = data()
    x = x * 1e4
    y = (x.sum(axis=1) * 1e3).astype("float32")
    graph = mlp(out={"units": 1})
    job = job_for(tmp_path, graph, x, y, optimizer="sgd", learning_rate=1e3, epochs=3)
    end = run_to_end(job)
    assert end["event"] == "error"
    assert end["message"].startswith("the loss became NaN at epoch 1 batch ")
    assert "lower the learning rate (now 1000.0)" in end["message"]


def test_wrong_data_shape_names_the_input_and_both_shapes(tmp_path: Path) -> None:
    end = run_to_end(job_for(tmp_path, mlp(features=8), *data(features=10)))
    assert end["event"] == "error"
    assert end["message"] == (
        "the data for Input 'x' has samples of shape (10,), but the Input expects (8,); "
        "set the Input's shape to (10,) or choose data that fits"
    )


def test_missing_data_file(tmp_path: Path) -> None:
    job = job_for(tmp_path, mlp(), *data(), data={"kind": "npz", "path": "nowhere.npz"})
    end = run_to_end(job)
    assert end["event"] == "error"
    assert "nowhere.npz" in end["message"] and "There is no file" in end["message"]


def test_keras_refuses_a_generic_layer(tmp_path: Path) -> None:
    graph = mlp()
    # A layer only the generic node covers, configured so Keras refuses the input it gets.
    graph.nodes["h"] = Node(
        "h",
        "KerasLayer",
        "squeeze",
        {"class_name": "Reshape", "config": {"target_shape": [7]}},
        [Ref("i")],
    )
    end = run_to_end(job_for(tmp_path, graph, *data()))
    assert end["event"] == "error"
    assert end["message"].startswith("the model cannot be built:")
    assert "squeeze" in end["message"]


def test_keras_error_at_fit_time_is_one_sentence(tmp_path: Path) -> None:
    x, _ = data()
    y = np.full(len(x), 5, dtype="int32")  # labels outside the 3 classes of the softmax
    graph = mlp(out={"units": 3, "activation": "softmax"})
    end = run_to_end(job_for(tmp_path, graph, x, y, epochs=1))
    assert end["event"] == "error"
    assert end["message"].startswith("training failed: ")
    assert "\n" not in end["message"] and len(end["message"]) < 500


def test_describe_exception_picks_the_useful_line() -> None:
    exc = RuntimeError(
        "Graph execution error:\n\nDetected at node foo defined at (most recent call last):\n"
        '  File "x.py", line 1\n\nReceived a label value of 5 which is outside the valid range\n'
        "\t [[{{node foo}}]]"
    )
    assert describe_exception(exc) == (
        "training failed: Received a label value of 5 which is outside the valid range"
    )
    assert describe_exception(MemoryError()).startswith("the training ran out of memory")
