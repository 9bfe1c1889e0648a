"""Training throughput of the app's path next to a plain ``model.fit`` script, and stop latency.

The app's path: a worker process (``WorkerClient``) streams batch/epoch events
while this (parent) process polls them and redraws a matplotlib figure (Agg,
offscreen) at 5 Hz, like the live plot. The plain path: a fresh Python
process that builds the same model by hand and calls ``model.fit`` with the
same data, batch size, epochs, validation split and seed, ``verbose=0``.

Both time ``fit`` itself (the worker from its ``started`` event to the last
``epoch`` event the parent receives), so TensorFlow's import and data
generation are left out of both. Rounds alternate to share the machine's
noise; the best round of each path is compared. Stop latency is measured from
``stop()`` to the ``done`` event (graceful stop, model saved).

Targets: worker >= 0.97x the plain script; stop <= 0.5 s.

    python bench/bench_training.py [--samples 10000] [--epochs 10] [--rounds 6] [--stops 3]
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
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
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
t0, c0 = time.perf_counter(), time.process_time()
model.fit(x, y, batch_size=batch_size, epochs=epochs, validation_split=split, shuffle=True, verbose=0)
fit_s, cpu_s = time.perf_counter() - t0, time.process_time() - c0
n_train = int(samples * (1 - split))
print(json.dumps({"samples_per_sec": n_train * epochs / fit_s, "cpu_s": cpu_s, "samples": n_train * epochs}))
"""


def plain_round(samples: int, epochs: int) -> tuple[float, float]:
    """Samples per second and CPU seconds per 1000 samples of a plain model.fit."""
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
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return float(result["samples_per_sec"]), 1000 * result["cpu_s"] / result["samples"]


def process_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process, all threads (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
    """What the training dock should do: buffer points, redraw at 5 Hz, and blit.

    Lines are animated artists drawn over a cached background; the full figure
    (axes, ticks, labels: the expensive part, tens of ms) is redrawn only when the
    data outgrow the axis limits, which grow with headroom so that this is rare.
    """

    def __init__(self) -> None:
        self.figure = Figure(figsize=(6, 4), dpi=100)
        self.canvas = FigureCanvasAgg(self.figure)  # offscreen, as FigureCanvasQTAgg on screen
        self.batch_ax = self.figure.add_subplot(2, 1, 1)
        self.epoch_ax = self.figure.add_subplot(2, 1, 2)
        self.series: dict[str, list[float]] = {"batch": [], "loss": [], "val_loss": []}
        self.lines = {
            "batch": self.batch_ax.plot([], [], lw=1, animated=True)[0],
            "loss": self.epoch_ax.plot([], [], "o-", label="loss", animated=True)[0],
            "val_loss": self.epoch_ax.plot([], [], "o-", label="val_loss", animated=True)[0],
        }
        self.epoch_ax.legend(loc="upper right")
        self.background = None
        self.redraws = self.full_redraws = 0
        self.draw_s = 0.0

    def add(self, ev: dict) -> None:
        if ev["event"] == "batch":
            self.series["batch"].append(ev["logs"].get("loss", float("nan")))
        elif ev["event"] == "epoch":
            self.series["loss"].append(ev["logs"].get("loss", float("nan")))
            self.series["val_loss"].append(ev["logs"].get("val_loss", float("nan")))

    def _fit_limits(self, ax, names: list[str]) -> bool:
        """Widen ``ax`` (x doubles, y gains 20 %) if the data left it; True if it changed."""
        values = [v for n in names for v in self.series[n] if v == v]
        if not values:
            return False
        n = max(len(self.series[name]) for name in names)
        x1, (y0, y1) = ax.get_xlim()[1], ax.get_ylim()
        lo, hi = min(values), max(values)
        changed = False
        if n > x1 or self.background is None:
            ax.set_xlim(0, max(2 * n, 10))
            changed = True
        if lo < y0 or hi > y1 or self.background is None:
            pad = 0.2 * max(hi - lo, 1e-3)
            ax.set_ylim(
                min(lo, y0 if self.background else lo) - pad,
                max(hi, y1 if self.background else hi) + pad,
            )
            changed = True
        return changed

    def redraw(self) -> None:
        t0 = time.perf_counter()
        for name, line in self.lines.items():
            ys = self.series[name]
            line.set_data(range(len(ys)) if name == "batch" else range(1, len(ys) + 1), ys)
        full = self._fit_limits(self.batch_ax, ["batch"])
        full = self._fit_limits(self.epoch_ax, ["loss", "val_loss"]) or full
        if full or self.background is None:
            self.canvas.draw()
            self.background = self.canvas.copy_from_bbox(self.figure.bbox)
            self.full_redraws += 1
        else:
            self.canvas.restore_region(self.background)
        for name, line in self.lines.items():
            (self.batch_ax if name == "batch" else self.epoch_ax).draw_artist(line)
        self.canvas.blit(self.figure.bbox)
        self.redraws += 1
        self.draw_s += time.perf_counter() - t0


def worker_round(samples: int, epochs: int, run_dir: str) -> tuple[float, float, float, LivePlot]:
    """Samples per second of the worker path; CPU seconds per 1000 samples of the worker
    and of this parent (events + plot); the plot (redraw count and time)."""
    client = WorkerClient().start()
    plot = LivePlot()
    try:
        client.wait_event("ready", timeout=120)
        client.submit(job(samples, epochs, run_dir))
        assert client.pid is not None
        started_at = last_epoch_at = None
        cpu0 = cpu1 = parent0 = parent1 = 0.0
        n_train = 0
        next_draw = time.monotonic()
        while True:
            for ev in client.poll_events():
                now = time.perf_counter()
                plot.add(ev)
                if ev["event"] == "started":
                    started_at, n_train = now, int(ev["samples"])
                    cpu0, parent0 = process_cpu_s(client.pid), time.process_time()
                elif ev["event"] == "epoch":
                    last_epoch_at = now
                    cpu1, parent1 = process_cpu_s(client.pid), time.process_time()
                elif ev["event"] == "error":
                    raise RuntimeError(ev["message"])
                elif ev["event"] == "done":
                    assert started_at is not None and last_epoch_at is not None
                    total = n_train * epochs
                    return (
                        total / (last_epoch_at - started_at),
                        1000 * (cpu1 - cpu0) / total,
                        1000 * (parent1 - parent0) / total,
                        plot,
                    )
            if time.monotonic() >= next_draw:
                plot.redraw()
                next_draw += 0.2
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
    # Rounds of a few seconds: less start-up noise.
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--stops", type=int, default=3)
    args = ap.parse_args()
    import tempfile

    print(
        f"model: {EXAMPLE.name} (1000 -> 16 -> 16 -> 1), bag_of_words {args.samples} samples, "
        f"{args.epochs} epochs, batch {BATCH_SIZE}, validation split {SPLIT}; cpus {os.cpu_count()}"
    )
    plain, worker, ratios = [], [], []
    cpu_plain, cpu_worker, cpu_parent = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            sps, cpu = plain_round(args.samples, args.epochs)
            plain.append(sps)
            cpu_plain.append(cpu)
            sps, cpu_w, cpu_p, plot = worker_round(
                args.samples, args.epochs, os.path.join(tmp, f"w{r}")
            )
            worker.append(sps)
            cpu_worker.append(cpu_w)
            cpu_parent.append(cpu_p)
            ratios.append(worker[-1] / plain[-1])
            print(
                f"round {r + 1}: plain model.fit {plain[-1]:7.0f} samples/s ({cpu_plain[-1] * 1000:.0f} ms CPU "
                f"per 1000)   worker + events + live plot {worker[-1]:7.0f} samples/s "
                f"({cpu_w * 1000:.0f} ms worker + {cpu_p * 1000:.0f} ms parent CPU per 1000; "
                f"{plot.redraws} redraws ({plot.full_redraws} full), "
                f"{1000 * plot.draw_s / max(plot.redraws, 1):.1f} ms each)"
            )
        stops = [stop_latency(args.samples, os.path.join(tmp, f"s{i}")) for i in range(args.stops)]
    med = statistics.median
    print(
        f"samples/s, best:   plain {max(plain):7.0f}   worker {max(worker):7.0f}   "
        f"ratio {max(worker) / max(plain):.3f}  (target >= 0.97)"
    )
    print(
        f"samples/s, median: plain {med(plain):7.0f}   worker {med(worker):7.0f}   "
        f"ratio {med(worker) / med(plain):.3f}; median of per-round ratios {med(ratios):.3f}"
    )
    print(
        f"CPU per 1000 samples, median: plain {med(cpu_plain) * 1000:.0f} ms   worker "
        f"{med(cpu_worker) * 1000:.0f} ms (+ parent {med(cpu_parent) * 1000:.0f} ms)   "
        f"ratio plain/worker {med(cpu_plain) / med(cpu_worker):.3f}"
    )
    print(
        "stop latency: "
        + ", ".join(f"{s * 1000:.0f} ms" for s in stops)
        + f"   worst {max(stops) * 1000:.0f} ms  (target <= 500 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
