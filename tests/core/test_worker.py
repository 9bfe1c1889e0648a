"""The real training worker process: event order, pause/resume, graceful stop, protocol."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from worker_jobs import job_for, mlp

from netbuilder.core.training import protocol as p
from netbuilder.core.training.client import WorkerClient


def tiny_job(tmp_path: Path, **settings: Any) -> dict[str, Any]:
    """An MLP (8 -> 16 -> 1 sigmoid) on 256 samples of a learnable rule, as a worker job."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 8)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("int32")
    return job_for(tmp_path, mlp(), x, y, **{"learning_rate": 0.01, **settings})


def test_protocol_round_trip_and_errors() -> None:
    line = p.encode(p.event(p.EV_EPOCH, epoch=1, logs={"loss": np.float32(0.5), "x": float("nan")}))
    assert line.endswith("\n")
    assert p.decode(line) == {"event": "epoch", "epoch": 1, "logs": {"loss": 0.5, "x": None}}
    assert p.decode(p.encode(p.command(p.CMD_STOP))) == {"cmd": "stop"}
    for bad in ("not json", "[1]", '{"cmd": "explode"}', '{"event": "nope"}', "{}"):
        with pytest.raises(p.ProtocolError):
            p.decode(bad)


def test_events_arrive_in_order_and_model_loads(tmp_path: Path) -> None:
    with WorkerClient() as client:
        ready = client.wait_event(p.EV_READY, timeout=120)
        assert ready["pid"] == client.pid and ready["tf_version"]
        client.submit(tiny_job(tmp_path, epochs=2))
        done = client.wait_event((p.EV_DONE, p.EV_ERROR), timeout=120)
        assert done["event"] == p.EV_DONE, done
        names = [e["event"] for e in client.events_seen]
    assert names[0] == "ready" and names[1] == "started" and names[-1] == "done"
    epochs = [e for e in client.events_seen if e["event"] == "epoch"]
    assert [e["epoch"] for e in epochs] == [1, 2]
    assert {"loss", "accuracy", "val_loss", "val_accuracy"} <= set(epochs[0]["logs"])
    # batch events of epoch 1 come before epoch 1's end and count up to the step total
    started = client.events_seen[1]
    assert started["steps_per_epoch"] == 13 and started["samples"] == 204
    assert started["val_samples"] == 52
    first_epoch_end = names.index("epoch")
    batches = [e for e in client.events_seen[:first_epoch_end] if e["event"] == "batch"]
    assert batches and batches[-1]["batch"] == 13 and batches[-1]["steps"] == 13
    assert all(b["samples_per_sec"] > 0 and b["eta_s"] >= 0 for b in batches)
    assert done["stopped"] is False
    assert done["history"]["loss"] == [e["logs"]["loss"] for e in epochs]
    assert done["final_metrics"] == epochs[-1]["logs"]
    evaluation = done["evaluation"]
    assert evaluation["on"] == "validation" and evaluation["samples_used"] == 52
    matrix = np.array(evaluation["confusion_matrix"])
    assert matrix.shape == (2, 2) and matrix.sum() == 52
    assert evaluation["class_names"] == ["0", "1"]
    assert evaluation["samples"] and {"index", "true", "pred", "confidence", "correct"} <= set(
        evaluation["samples"][0]
    )
    assert Path(done["model_path"]).is_file()
    assert client.returncode == 0


@pytest.mark.slow
def test_pause_resume_and_stop_within_a_second(tmp_path: Path, keras_fresh: Any) -> None:
    client = WorkerClient().start()
    try:
        client.submit(tiny_job(tmp_path, epochs=1000, batch_size=4))
        # After the first epoch the train and validation steps are compiled, so what is
        # timed below is the stop itself, not TensorFlow tracing a function.
        client.wait_event(p.EV_EPOCH, timeout=120)
        client.wait_event(p.EV_BATCH, timeout=120)
        client.pause()
        paused = client.wait_event(p.EV_PAUSED, timeout=10)
        assert paused["epoch"] >= 1
        client.poll_events()
        time.sleep(1.0)
        assert [e for e in client.poll_events() if e["event"] == "batch"] == []
        client.resume()
        client.wait_event(p.EV_RESUMED, timeout=10)
        client.wait_event(p.EV_BATCH, timeout=10)
        t0 = time.monotonic()
        client.stop()
        done = client.wait_event((p.EV_DONE, p.EV_ERROR), timeout=10)
        latency = time.monotonic() - t0
    finally:
        client.close()
    assert done["event"] == "done", done
    assert latency < 1.0, latency
    assert done["stopped"] is True
    assert done["evaluation"] is None  # stopped runs answer at once, unevaluated
    # no batch events after the stop was acknowledged
    after = client.events_seen[[e["event"] for e in client.events_seen].index("stopping") :]
    assert [e["event"] for e in after if e["event"] == "batch"] == []
    assert "stopping" in [e["event"] for e in client.events_seen]
    model = keras_fresh.saving.load_model(done["model_path"])
    assert model.get_layer("hidden").get_config()["units"] == 16


def test_separate_validation_data_and_one_hot_targets(tmp_path: Path) -> None:
    job = tiny_job(tmp_path, epochs=1)
    graph = job["project"]["graph"]
    graph["nodes"][-1]["params"] = {"units": 3, "activation": "softmax"}
    rng = np.random.default_rng(2)
    for name, n in (("train", 96), ("val", 40)):
        x = rng.normal(size=(n, 8)).astype("float32")
        y = np.eye(3, dtype="float32")[np.argmax(x[:, :3], axis=1)]
        np.savez(tmp_path / f"{name}.npz", x=x, y=y)
    job["data"] = {"kind": "npz", "path": "train.npz"}
    job["validation_data"] = {"kind": "npz", "path": "val.npz"}
    with WorkerClient() as client:
        client.submit(job)
        done = client.wait_event((p.EV_DONE, p.EV_ERROR), timeout=120)
    assert done["event"] == "done", done
    started = next(e for e in client.events_seen if e["event"] == "started")
    assert (started["samples"], started["val_samples"]) == (96, 40)
    assert started["data"]["inputs"]["x"]["shape"] == [8]
    logs = [e["message"] for e in client.events_seen if e["event"] == "log"]
    assert (
        "output 'out': using categorical_crossentropy because of how its targets are encoded"
        in logs
    )
    assert np.array(done["evaluation"]["confusion_matrix"]).shape == (3, 3)
    assert done["evaluation"]["samples_used"] == 40


def test_predict_job_uses_a_saved_model(tmp_path: Path, keras_fresh: Any) -> None:
    keras = keras_fresh
    inputs = keras.Input((8,), name="x")
    hidden = keras.layers.Dense(4, activation="relu", name="hidden")(inputs)
    outputs = keras.layers.Dense(3, activation="softmax", name="out")(hidden)
    keras.Model(inputs, outputs).save(tmp_path / "m.keras")
    samples = [[0.1] * 8, [-1.0] * 8]
    with WorkerClient() as client:
        client.submit(
            {"kind": "predict", "model_path": str(tmp_path / "m.keras"), "samples": samples}
        )
        done = client.wait_event((p.EV_DONE, p.EV_ERROR), timeout=120)
    assert done["event"] == "done", done
    assert len(done["predictions"]) == 2
    first = done["predictions"][0]["out"]
    assert 0 <= first["class"] < 3 and len(first["probabilities"]) == 3
    assert first["confidence"] == pytest.approx(max(first["probabilities"]))
    with WorkerClient() as client:
        client.submit(
            {"kind": "predict", "model_path": str(tmp_path / "m.keras"), "samples": [[1.0] * 5]}
        )
        error = client.wait_event((p.EV_DONE, p.EV_ERROR), timeout=120)
    assert error["event"] == "error"
    assert error["message"].startswith("sample 1 cannot be predicted: ")
