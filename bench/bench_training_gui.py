"""The training dock itself (offscreen Qt): throughput, stop latency and GUI responsiveness.

Where ``bench_training.py`` imitates the app's path with a bare WorkerClient
and an Agg figure, this bench drives the real ``TrainingDock``: its controller
polls the worker at 10 Hz on the Qt event loop and its LivePlot redraws a
FigureCanvasQTAgg (blitting the curves over a kept background). It prints,
for the same model and data (the MLP example on ``bag_of_words``):

- samples per second of the dock's run (``started`` to the last ``epoch``
  event) next to a plain ``model.fit`` script (from bench_training.py);
- stop latency: Stop pressed to the dock being idle again (model saved, next
  worker starting; a stopped run is not evaluated);
- the editor's responsiveness while training: the longest gap between ticks
  of a 10 ms QTimer, and the mean time of one plot redraw (blitted) and of a
  full one.

Rounds alternate (plain, dock, plain, dock, ...) so that both paths share the
machine's noise; best and median of each are printed, and the median of the
per-round ratios. Targets: dock >= 0.97x the plain script, stop <= 0.5 s.
Ten epochs by default: a 4-epoch run of this model lasts about 2 s, so that
the plot's one-time work at the start of a run (building the axes: ~0.1 s of
CPU) weighs far more than in any real run.

    QT_QPA_PLATFORM=offscreen python bench/bench_training_gui.py [--samples 10000] [--epochs 10]
        [--rounds 6] [--stops 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from bench_training import BATCH_SIZE, EXAMPLE, SPLIT, plain_round  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

from netbuilder.core.project import load  # noqa: E402
from netbuilder.gui.document import Document  # noqa: E402
from netbuilder.gui.training import TrainingDock  # noqa: E402
from netbuilder.gui.training.controller import IDLE  # noqa: E402


class Stalls:
    """The longest gap between ticks of a 10 ms timer (how long the GUI was blocked)."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.last, self.worst = time.perf_counter(), 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now


def spin(app: QApplication, condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the dock did not get there in time")
        app.processEvents()
        time.sleep(0.002)


def make_dock(samples: int, epochs: int) -> tuple[QMainWindow, TrainingDock]:
    project = load(EXAMPLE)
    project.data = {"kind": "builtin", "name": "bag_of_words", "samples": samples}
    project.training.update(
        epochs=epochs, batch_size=BATCH_SIZE, validation_split=SPLIT, seed=0, shuffle=True
    )
    window = QMainWindow()
    dock = TrainingDock(Document(project), window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.resize(1200, 800)
    window.show()
    dock.tabs.setCurrentWidget(dock.plot)
    return window, dock


def dock_round(app: QApplication, samples: int, epochs: int) -> dict[str, float]:
    window, dock = make_dock(samples, epochs)
    stalls = Stalls()
    times: dict[str, float] = {}
    dock.controller.started.connect(
        lambda ev: times.update(start=time.perf_counter(), n=ev["samples"])
    )
    dock.controller.epoch.connect(lambda _ev: times.update(epoch=time.perf_counter()))
    try:
        spin(app, lambda: dock.controller.worker_ready, 180)
        redraws0, full0 = dock.plot.redraws, dock.plot.full_redraws
        dock.train()
        stalls.start()
        spin(app, lambda: dock.controller.state == IDLE, 600)
        if dock.runs_panel.records[-1].status != "done":
            raise RuntimeError(dock.error_label.text())
        return {
            "samples_per_sec": times["n"] * epochs / (times["epoch"] - times["start"]),
            "worst_stall_s": stalls.worst,
            "redraws": dock.plot.redraws - redraws0,
            "full_redraws": dock.plot.full_redraws - full0,
        }
    finally:
        stalls.timer.stop()
        dock.shutdown()
        window.close()


def stop_round(app: QApplication, samples: int) -> float:
    window, dock = make_dock(samples, 1000)
    try:
        spin(app, lambda: dock.controller.worker_ready, 180)
        dock.train()
        spin(app, lambda: len(dock.plot.epochs.get("loss", [])) >= 1, 300)
        t0 = time.perf_counter()
        dock.stop_button.click()
        spin(app, lambda: dock.controller.state == IDLE, 30)
        took = time.perf_counter() - t0
        if dock.runs_panel.records[-1].status != "stopped":
            raise RuntimeError(dock.error_label.text() or "the run did not stop cleanly")
        return took
    finally:
        dock.shutdown()
        window.close()


def redraw_time(app: QApplication) -> tuple[float, float]:
    """Mean seconds of one LivePlot redraw with a few thousand batch points: blitted
    (one new point, limits unchanged) and full (axes, ticks and legends too)."""
    window, dock = make_dock(100, 1)
    try:
        plot = dock.plot
        plot.ensure_canvas()
        for i in range(3000):
            plot.add_batch(
                {
                    "epoch": 1 + i // 300,
                    "batch": i % 300 + 1,
                    "steps": 300,
                    "logs": {"loss": 1.0 / (1 + i)},
                }
            )
        for e in range(10):
            plot.add_epoch(
                {
                    "epoch": e + 1,
                    "logs": {"loss": 0.5, "accuracy": 0.8, "val_loss": 0.6, "val_accuracy": 0.7},
                }
            )
        plot.redraw()  # the first draw builds the axes and stores the background
        app.processEvents()
        blits, fulls = [], []
        for i in range(10):
            plot.add_batch({"epoch": 11, "batch": i + 1, "steps": 300, "logs": {"loss": 1e-3}})
            t0 = time.perf_counter()
            plot.redraw()  # paints at once: restore background, draw lines, blit
            blits.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            plot.canvas.draw()  # what every redraw cost before blitting
            fulls.append(time.perf_counter() - t0)
        return statistics.mean(blits), statistics.mean(fulls)
    finally:
        dock.shutdown()
        window.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--samples", type=int, default=10000)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--stops", type=int, default=2)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    print(
        f"model: {EXAMPLE.name} on bag_of_words, {args.samples} samples, {args.epochs} epochs, "
        f"batch {BATCH_SIZE}, validation split {SPLIT}; cpus {os.cpu_count()}"
    )
    plain, docked, ratios, stalls = [], [], [], []
    for i in range(args.rounds):
        sps, _cpu_per_1000 = plain_round(args.samples, args.epochs)
        plain.append(sps)
        result = dock_round(app, args.samples, args.epochs)
        docked.append(result["samples_per_sec"])
        ratios.append(docked[-1] / plain[-1])
        stalls.append(result["worst_stall_s"])
        print(
            f"round {i + 1}: plain {plain[-1]:.0f} samples/s, dock {docked[-1]:.0f} samples/s "
            f"({ratios[-1]:.3f}x), worst GUI stall {result['worst_stall_s'] * 1000:.0f} ms, "
            f"{result['redraws']} plot redraws ({result['full_redraws']} full)"
        )
    stops = [stop_round(app, args.samples) for _ in range(args.stops)]
    blit, full = redraw_time(app)
    med = statistics.median
    print(
        f"samples/s, best  : plain {max(plain):.0f}   dock {max(docked):.0f}   "
        f"ratio {max(docked) / max(plain):.3f}  (target >= 0.97)"
    )
    print(
        f"samples/s, median: plain {med(plain):.0f}   dock {med(docked):.0f}   "
        f"ratio {med(docked) / med(plain):.3f}; median of per-round ratios {med(ratios):.3f}"
    )
    print(
        "stop -> idle     : "
        + ", ".join(f"{s:.2f} s" for s in stops)
        + f"   worst {max(stops):.2f} s  (target <= 0.5 s; model saved, dock idle)"
    )
    print(f"worst GUI stall  : {max(stalls) * 1000:.0f} ms while training")
    print(f"plot redraw (3000 points): blitted {blit * 1000:.1f} ms, full {full * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
