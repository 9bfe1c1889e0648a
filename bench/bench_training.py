"""Training throughput of the app's path next to a plain ``model.fit`` script, and stop latency.

The app's path: a worker process (``WorkerClient``) streams batch/epoch events
while this (parent) process polls them and redraws a matplotlib figure (Agg,
offscreen) at 10 Hz, like the live plot. The plain path: a fresh Python
process that builds the same model by hand and calls ``model.fit`` with the
same data, batch size, epochs, validation split and seed, ``verbose=0``.

Both time ``fit`` itself (the worker from its ``started`` event to the last
``epoch`` event the parent receives), so TensorFlow's import and data
generation are left out of both. Rounds alternate to share the machine's
noise; the best round of each path is compared. Stop latency is measured from
``stop()`` to the ``done`` event (graceful stop, model saved).

Targets: worker >= 0.97x the plain script; stop <= 0.5 s.

    python bench/bench_training.py [--samples 10000] [--epochs 4] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import matplotlib  # noqa: E402

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

from netbuilder.core.project import load, project_to_dict  # noqa: E402
from netbuilder.core.training.client import WorkerClient  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "mlp.nbproj"
BATCH_SIZE = 32
SPLIT = 0.2

PLAIN_SCRIPT = r"""
import json, os, sys, time
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras
from keras import layers
sys.path.insert(0, sys.argv[1])
from netbuilder.core.training.standalone import bag_of_words

samples, epochs, batch_size, split = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
(x,), (y,) = bag_of_words(samples=samples, seed=0)
keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(1000,))
h = layers.Dense(16, activation="relu")(inputs)
h = layers.Dense(16, activation="relu")(h)
outputs = layers.Dense(1, activation="sigmoid")(h)
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
              loss="binary_crossentropy", metrics=["accuracy"])
t0 = time.perf_counter()
model.fit(x, y, batch_size=batch_size, epochs=epochs, validation_split=split, shuffle=True, verbose=0)
fit_s = time.perf_counter() - t0
n_train = int(samples * (1 - split))
print(json.dumps({"fit_s": fit_s, "samples_per_sec": n_train * epochs / fit_s}))
"""


def plain_round(samples: int, epochs: int) -> float:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            PLAIN_SCRIPT,
            str(ROOT),
            str(samples),
            str(epochs),
            str(BATCH_SIZE),
            str(SPLIT),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(out.stdout.strip().splitlines()[-1])["samples_per_sec"])


def job(samples: int, epochs: int, run_dir: str) -> dict:
    project = load(EXAMPLE)
    settings = {
        **project.training,
        "epochs": epochs,
        "batch_size": BATCH_SIZE,
        "validation_split": SPLIT,
        "seed": 0,
        "shuffle": True,
        "optimizer": "adam",
        "learning_rate": 0.001,
        "metrics": ["accuracy"],
    }
    return {
        "project": project_to_dict(project),
        "settings": settings,
        "data": {"kind": "builtin", "name": "bag_of_words", "samples": samples},
        "base_dir": str(ROOT),
        "run_dir": run_dir,
        "evaluate": False,
    }


class LivePlot:
    """What the training dock does: buffer points, redraw at 10 Hz."""

    def __init__(self) -> None:
        self.figure = Figure(figsize=(6, 4), dpi=100)
        self.batch_ax = self.figure.add_subplot(2, 1, 1)
        self.epoch_ax = self.figure.add_subplot(2, 1, 2)
        self.batch_loss: list[float] = []
        self.epoch_loss: list[float] = []
        self.val_loss: list[float] = []
        self.redraws = 0

    def add(self, ev: dict) -> None:
        if ev["event"] == "batch":
            self.batch_loss.append(ev["logs"].get("loss", float("nan")))
        elif ev["event"] == "epoch":
            self.epoch_loss.append(ev["logs"].get("loss", float("nan")))
            self.val_loss.append(ev["logs"].get("val_loss", float("nan")))

    def redraw(self) -> None:
        for ax in (self.batch_ax, self.epoch_ax):
            ax.clear()
        self.batch_ax.plot(self.batch_loss)
        self.epoch_ax.plot(self.epoch_loss, label="loss")
        self.epoch_ax.plot(self.val_loss, label="val_loss")
        self.figure.canvas.draw()
        self.redraws += 1


def worker_round(samples: int, epochs: int, run_dir: str) -> tuple[float, int]:
    """Samples per second of the worker path, and the number of plot redraws."""
    client = WorkerClient().start()
    plot = LivePlot()
    try:
        client.wait_event("ready", timeout=120)
        client.submit(job(samples, epochs, run_dir))
        started_at = last_epoch_at = None
        n_train = 0
        next_draw = time.monotonic()
        while True:
            for ev in client.poll_events():
                now = time.perf_counter()
                plot.add(ev)
                if ev["event"] == "started":
                    started_at, n_train = now, int(ev["samples"])
                elif ev["event"] == "epoch":
                    last_epoch_at = now
                elif ev["event"] == "error":
                    raise RuntimeError(ev["message"])
                elif ev["event"] == "done":
                    assert started_at is not None and last_epoch_at is not None
                    return n_train * epochs / (last_epoch_at - started_at), plot.redraws
            if time.monotonic() >= next_draw:
                plot.redraw()
                next_draw += 0.1
            time.sleep(0.01)
    finally:
        client.close()


def stop_latency(samples: int, run_dir: str) -> float:
    client = WorkerClient().start()
    try:
        client.wait_event("ready", timeout=120)
        client.submit(job(samples, 1000, run_dir))
        client.wait_event("epoch", timeout=120)  # past tracing, in steady training
        client.wait_event("batch", timeout=30)
        t0 = time.perf_counter()
        client.stop()
        done = client.wait_event(("done", "error"), timeout=30)
        took = time.perf_counter() - t0
        if done["event"] != "done" or not Path(done["model_path"]).is_file():
            raise RuntimeError(f"stop did not end with a saved model: {done}")
        return took
    finally:
        client.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--samples", type=int, default=10000)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--stops", type=int, default=3)
    args = ap.parse_args()
    import tempfile

    print(
        f"model: {EXAMPLE.name} (1000 -> 16 -> 16 -> 1), bag_of_words {args.samples} samples, "
        f"{args.epochs} epochs, batch {BATCH_SIZE}, validation split {SPLIT}; cpus {os.cpu_count()}"
    )
    plain, worker = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            plain.append(plain_round(args.samples, args.epochs))
            sps, redraws = worker_round(args.samples, args.epochs, os.path.join(tmp, f"w{r}"))
            worker.append(sps)
            print(
                f"round {r + 1}: plain model.fit {plain[-1]:9.0f} samples/s   "
                f"worker + events + live plot {worker[-1]:9.0f} samples/s   ({redraws} redraws)"
            )
        stops = [stop_latency(args.samples, os.path.join(tmp, f"s{i}")) for i in range(args.stops)]
    best_ratio = max(worker) / max(plain)
    median_ratio = statistics.median(worker) / statistics.median(plain)
    print(
        f"best:   plain {max(plain):9.0f} samples/s   worker {max(worker):9.0f} samples/s   "
        f"ratio {best_ratio:.3f}  (target >= 0.97)"
    )
    print(
        f"median: plain {statistics.median(plain):9.0f} samples/s   worker "
        f"{statistics.median(worker):9.0f} samples/s   ratio {median_ratio:.3f}"
    )
    print(
        "stop latency: "
        + ", ".join(f"{s * 1000:.0f} ms" for s in stops)
        + f"   worst {max(stops) * 1000:.0f} ms  (target <= 500 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
