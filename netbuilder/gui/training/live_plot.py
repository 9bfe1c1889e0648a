"""Live loss/metric plots: matplotlib Figure in FigureCanvasQTAgg, buffered points, blitted redraws.

matplotlib is imported only when the plot is first shown (or first asked to
draw), so the editor's start-up does not pay for it. Points go into plain
lists; a timer redraws at about 7 Hz and only when new points came.

A full draw (axes, ticks, labels, legends: tens of ms) happens only when the
set of curves, the axis limits, the scale or the size change. The curves are
animated artists: every full draw stores the static background (the
``draw_event`` hook), and a redraw restores it, draws the lines over it and
blits. Limits grow with headroom, so they change rarely. Zoom, pan and "save"
of the navigation toolbar draw the whole figure, and the hook puts the lines
back; once the user zooms, the limits are theirs until Home.
"""

from __future__ import annotations

import contextlib
import math
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ...core.project import atomic_write_text
from ...core.training.runs import history_to_csv, metric_order

REDRAW_MS = 200  # 5 Hz: smooth enough to watch, cheap enough not to slow training
DRAW_BUDGET_FACTOR = 5.0  # wait 5x the last draw's time before the next one
MAX_DRAWN_POINTS = 2000  # per-batch points drawn; older ones are thinned (the buffer keeps all)
HEADROOM = 0.5  # limits leave this much room (of the data's extent) for the curves to grow
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def smooth(values: list[float], factor: float) -> list[float]:
    """Exponential moving average (``factor`` 0 = raw, towards 1 = smoother)."""
    if factor <= 0 or not values:
        return list(values)
    out: list[float] = []
    last = values[0]
    for v in values:
        last = factor * last + (1.0 - factor) * v
        out.append(last)
    return out


def thin(xs: list[float], ys: list[float], cap: int) -> tuple[list[float], list[float]]:
    """At most about ``cap`` points: the newest half as they are, older ones evenly thinned."""
    n = len(xs)
    if n <= cap:
        return xs, ys
    recent = cap // 2
    split = n - recent
    stride = -(-split // (cap - recent))  # ceil: the old part gets the other half
    return xs[:split:stride] + xs[split:], ys[:split:stride] + ys[split:]


def padded_limits(lo: float, hi: float, log: bool) -> tuple[float, float]:
    """Limits around [lo, hi] with HEADROOM on both sides (factors on a log axis).

    Non-negative data (losses, accuracies) never get a negative lower limit, and a
    single value gets room down to zero, so a falling loss rarely changes the limits.
    """
    if log:
        factor = max(hi / lo, 1.1) ** HEADROOM
        return lo / factor, hi * factor
    pad = HEADROOM * (hi - lo) if hi > lo else (abs(hi) or 1.0)
    bottom = lo - pad
    return (max(bottom, 0.0) if lo >= 0 else bottom), hi + pad


def _finite(history: dict[str, list[float | None]], key: str) -> tuple[list[int], list[float]]:
    xs, ys = [], []
    for i, v in enumerate(history.get(key) or [], start=1):
        if v is not None and math.isfinite(v):
            xs.append(i)
            ys.append(float(v))
    return xs, ys


class LivePlot(QWidget):
    """The current run's batch and epoch curves plus overlaid curves of other runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current_label = ""
        self.epochs_total = 0  # of the current run, once known (x axes span it)
        self.batch_x: list[float] = []
        self.batch_loss: list[float] = []
        self.epochs: dict[str, list[float | None]] = {}
        self.overlays: list[tuple[str, dict[str, list[float | None]]]] = []
        self.redraws = 0
        self.full_redraws = 0
        self._dirty = True
        self._background: Any = None
        self._smoothed: list[float] = []
        self._smooth_factor = -1.0
        self.figure: Any = None
        self.canvas: Any = None
        self._axes: tuple[Any, Any] | None = None
        self._lines: list[Any] = []
        self._structure: tuple = ()
        self._next_draw = 0.0
        self.toolbar: Any = None

        self.log_scale = QCheckBox(self.tr("Log scale"))
        self.log_scale.toggled.connect(self._mark_full)
        self.smoothing = QSlider(Qt.Orientation.Horizontal)
        self.smoothing.setRange(0, 95)
        self.smoothing.setValue(60)
        self.smoothing.setMaximumWidth(140)
        self.smoothing.setToolTip(self.tr("Smoothing of the per-batch loss"))
        self.smoothing.valueChanged.connect(self._mark_dirty)
        self.export_button = QPushButton(self.tr("Export history as CSV…"))
        self.export_button.clicked.connect(self._export_clicked)

        controls = QHBoxLayout()
        controls.addWidget(self.log_scale)
        controls.addWidget(QLabel(self.tr("Smoothing")))
        controls.addWidget(self.smoothing)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(controls)
        self._placeholder = QLabel(self.tr("Curves appear here while a model trains."))
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self._placeholder, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    # -- lazy matplotlib ----------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_canvas()

    def ensure_canvas(self) -> None:
        """Create the figure, canvas and navigation toolbar (imports matplotlib once)."""
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg, NavigationToolbar2QT
        from matplotlib.figure import Figure

        # No layout engine: it would re-measure every text on every redraw. Margins are
        # fitted once per rebuild (tight_layout) and again after a resize.
        self.figure = Figure(figsize=(6, 3))
        self.canvas = FigureCanvasQTAgg(self.figure)
        plot = self

        class Toolbar(NavigationToolbar2QT):
            def home(self, *args: Any) -> None:
                super().home(*args)
                # Back to the start view: follow the data again, with the plot's own limits.
                for ax in plot.figure.axes:
                    ax.set_autoscale_on(True)
                plot._background = None
                plot._dirty = True

        self.toolbar = Toolbar(self.canvas, self)
        self.canvas.mpl_connect("resize_event", self._fit_margins)
        self.canvas.mpl_connect("draw_event", self._on_draw)
        self._layout.removeWidget(self._placeholder)
        self._placeholder.deleteLater()
        self._layout.addWidget(self.toolbar)
        self._layout.addWidget(self.canvas, 1)
        self._dirty = True

    # -- data ---------------------------------------------------------------------------
    def _mark_dirty(self, *_args: object) -> None:
        self._dirty = True

    def _mark_full(self, *_args: object) -> None:
        self._background = None
        self._dirty = True

    def begin_run(self, label: str) -> None:
        """Clear the current run's buffers (overlays stay)."""
        self.current_label = label
        self.batch_x, self.batch_loss, self.epochs = [], [], {}
        self.epochs_total = 0
        self._smoothed = []
        self._dirty = True

    def set_epochs(self, total: int) -> None:
        """The current run's number of epochs (from the worker's ``started`` event)."""
        self.epochs_total = max(int(total), 0)
        self._dirty = True

    def add_batch(self, event: dict[str, Any]) -> None:
        loss = (event.get("logs") or {}).get("loss")
        steps = max(int(event.get("steps") or 1), 1)
        if loss is None or not math.isfinite(loss):
            return
        self.batch_x.append(int(event.get("epoch", 1)) - 1 + int(event.get("batch", 0)) / steps)
        self.batch_loss.append(float(loss))
        self._dirty = True

    def add_epoch(self, event: dict[str, Any]) -> None:
        for key, value in (event.get("logs") or {}).items():
            if key == "learning_rate":
                continue  # ReduceLROnPlateau's entry is not a metric to plot
            self.epochs.setdefault(key, []).append(value)
        self._dirty = True

    def set_overlays(self, overlays: list[tuple[str, dict[str, list[float | None]]]]) -> None:
        """Other runs' per-epoch histories to draw under the current run."""
        self.overlays = [(label, dict(history)) for label, history in overlays]
        self._dirty = True

    def curve_sets(self) -> list[str]:
        """Labels of the runs whose curves are drawn (current first)."""
        labels = [label for label, history in self.overlays if history]
        if self.batch_x or any(self.epochs.values()):
            labels.insert(0, self.current_label or self.tr("current run"))
        return labels

    # -- drawing ------------------------------------------------------------------------
    def _tick(self) -> None:
        now = time.perf_counter()
        if not (self._dirty and self.canvas is not None and self.isVisible()):
            return
        if now < self._next_draw:
            return
        self.redraw()
        took = time.perf_counter() - now
        # Keep plotting under ~20% of the GUI thread (and of a CPU the worker needs).
        self._next_draw = now + DRAW_BUDGET_FACTOR * took

    def _batch_series(self) -> tuple[list[float], list[float]]:
        """The per-batch loss, smoothed (extended in place while the factor stays), thinned."""
        factor = self.smoothing.value() / 100.0
        done = len(self._smoothed)
        if factor != self._smooth_factor or done > len(self.batch_loss):
            self._smoothed, self._smooth_factor, done = [], factor, 0
        if done < len(self.batch_loss):
            last = self._smoothed[-1] if done else self.batch_loss[0]
            for v in self.batch_loss[done:]:
                last = factor * last + (1.0 - factor) * v
                self._smoothed.append(last)
        return thin(self.batch_x, self._smoothed, MAX_DRAWN_POINTS)

    def _series(self) -> list[tuple[int, str, list[float], list[float], dict[str, Any]]]:
        """Every curve to draw: (axis 0 = loss / 1 = metrics, label, xs, ys, style)."""
        sets = [(self.current_label or self.tr("current run"), self.epochs)]
        sets += [(label, h) for label, h in self.overlays if h]
        out: list[tuple[int, str, list[float], list[float], dict[str, Any]]] = []
        if self.batch_x:
            xs, ys = self._batch_series()
            style = {"color": "C0", "alpha": 0.5, "linewidth": 1}
            out.append((0, f"{sets[0][0]}: " + self.tr("batch loss"), xs, ys, style))
        for index, (label, history) in enumerate(sets):
            metrics = [k for k in metric_order(history) if not k.startswith("val_")]
            for m_index, key in enumerate(metrics):
                axis = 0 if key == "loss" or key.endswith("_loss") else 1
                for name, style in ((key, "-"), ("val_" + key, "--")):
                    xs, ys = _finite(history, name)
                    if xs:
                        look = {
                            "linestyle": style,
                            "color": f"C{index % 10}",
                            "marker": MARKERS[m_index % len(MARKERS)],
                            "markersize": 4,
                            "alpha": 1.0 if index == 0 else 0.6,
                        }
                        out.append((axis, f"{label}: {name}", xs, ys, look))
        return out

    def _build(
        self, series: list[tuple[int, str, list[float], list[float], dict[str, Any]]]
    ) -> None:
        """Recreate axes, lines and legends (only when the set of curves changed)."""
        fig = self.figure
        fig.clear()
        axes = fig.subplots(1, 2)
        for ax, title in zip(axes, (self.tr("Loss"), self.tr("Metrics")), strict=True):
            ax.set_title(title)
            ax.set_xlabel(self.tr("epoch"))
            ax.grid(True, alpha=0.3)
        # Animated: left out of full draws (the background), drawn over it on each redraw.
        # No autoscaling by matplotlib: the limits are set here, with headroom.
        self._lines = [
            axes[axis].plot(xs, ys, label=label, animated=True, scalex=False, scaley=False, **look)[
                0
            ]
            for axis, label, xs, ys, look in series
        ]
        # Fixed corners: loc="best" scans every point on every draw. Losses fall, metrics rise.
        for ax, loc in zip(axes, ("upper right", "lower right"), strict=True):
            if ax.lines:
                ax.legend(fontsize="x-small", loc=loc)
        self._axes = tuple(axes)
        self._fit_margins()

    def _fit_margins(self, *_args: object) -> None:
        if self._axes is None:
            return
        # A canvas too small for the labels keeps the previous margins.
        with contextlib.suppress(ValueError):
            self.figure.tight_layout(pad=0.6)
        self._background = None  # the size or the margins changed: draw everything
        self._dirty = True

    def _fit_limits(self, ax: Any, lines: list[Any], log: bool, fresh: bool) -> bool:
        """Widen (or, when the data fill little of it, tighten) ``ax`` to the lines' data.

        Leaves an axis the user zoomed or panned alone (matplotlib then turns its
        autoscaling off). ``fresh``: new axes, whose default limits mean nothing yet.
        True if a limit changed.
        """
        xs = [x for line in lines for x in line.get_xdata()]
        ys = [y for line in lines for y in line.get_ydata() if not log or y > 0]
        if not xs or not ys:
            return False
        changed = False
        if ax.get_autoscalex_on():
            x_hi = max(max(xs), 1.0)
            _x0, x1 = ax.get_xlim()
            if self.epochs_total >= x_hi:
                # The run's length is known: the axis spans it from the start.
                want = self.epochs_total + 0.25
                if x1 != want:
                    ax.set_xlim(0.0, want, auto=None)
                    changed = True
            elif fresh or x_hi > x1 or x1 > (1 + 2 * HEADROOM) * x_hi:
                ax.set_xlim(0.0, (1 + HEADROOM) * x_hi, auto=None)
                changed = True
        if ax.get_autoscaley_on():
            lo, hi = min(ys), max(ys)
            y0, y1 = ax.get_ylim()
            want0, want1 = padded_limits(lo, hi, log)
            if log:
                roomy = y0 > 0 and (y1 / y0) > (want1 / want0) ** 2
            else:
                roomy = (y1 - y0) > 2 * (want1 - want0)
            if fresh or lo < y0 or hi > y1 or roomy:
                ax.set_ylim(want0, want1, auto=None)
                changed = True
        return changed

    def _on_draw(self, _event: object) -> None:
        """After every full draw (ours, the toolbar's, a resize): keep the background, add lines."""
        if self.canvas is None or self.canvas.is_saving():
            return  # savefig draws the animated lines itself, on another renderer
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._draw_lines()

    def _draw_lines(self) -> None:
        for line in self._lines:
            line.axes.draw_artist(line)

    def redraw(self) -> None:
        """Update the curves in place and paint them (full draw only when something else changed)."""
        self.ensure_canvas()
        self._dirty = False
        self.redraws += 1
        series = self._series()
        structure = tuple((axis, label) for axis, label, *_ in series)
        full = self._background is None
        fresh = self._axes is None or structure != self._structure
        if fresh:
            self._build(series)
            self._structure = structure
            full = True
        else:
            for (_axis, _label, xs, ys, _look), line in zip(series, self._lines, strict=True):
                line.set_data(xs, ys)
        loss_ax, metric_ax = self._axes
        loss_values = [min(ys) for axis, _l, _x, ys, _s in series if axis == 0 and ys]
        log = self.log_scale.isChecked() and bool(loss_values) and min(loss_values) > 0
        if loss_ax.get_yscale() != ("log" if log else "linear"):
            loss_ax.set_yscale("log" if log else "linear")
            loss_ax.set_autoscaley_on(True)  # new scale, new limits
            rescaled = full = True
        else:
            rescaled = False
        for ax, is_log, new in ((loss_ax, log, fresh or rescaled), (metric_ax, False, fresh)):
            lines = [ln for ln in self._lines if ln.axes is ax]
            full = self._fit_limits(ax, lines, is_log, new) or full
        if full:
            self.full_redraws += 1
            self.canvas.draw()  # the draw_event hook keeps the background and adds the lines
        else:
            self.canvas.restore_region(self._background)
            self._draw_lines()
            self.canvas.blit(self.figure.bbox)

    # -- export -------------------------------------------------------------------------
    def export_csv(self, path: str | Path) -> None:
        """Write the current run's per-epoch history as CSV."""
        atomic_write_text(path, history_to_csv(self.epochs))

    def _export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export history"), "history.csv", self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        try:
            self.export_csv(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export history"), str(exc))
