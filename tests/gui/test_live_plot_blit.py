"""The live plot's cheap redraws: blitting over a kept background, limits with headroom,
thinned batch points, and a navigation toolbar that still shows the real plot."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from netbuilder.gui.training.live_plot import MAX_DRAWN_POINTS, LivePlot, padded_limits, thin


def batch(i: int, loss: float, steps: int = 100) -> dict:
    return {"epoch": 1 + i // steps, "batch": i % steps + 1, "steps": steps, "logs": {"loss": loss}}


@pytest.fixture
def plot(qtbot) -> LivePlot:
    widget = LivePlot()
    qtbot.addWidget(widget)
    widget.resize(900, 360)
    widget.show()
    qtbot.waitExposed(widget)
    widget.begin_run("now")
    for i in range(50):
        widget.add_batch(batch(i, 1.0 - i / 100))
    widget.redraw()
    return widget


def pixels(plot: LivePlot) -> np.ndarray:
    return np.asarray(plot.canvas.buffer_rgba())[..., :3].copy()


def test_new_points_inside_the_limits_are_blitted_without_a_full_draw(plot):
    full = plot.full_redraws
    background = np.asarray(plot._background)[..., :3].copy()
    with_lines = pixels(plot)
    assert (with_lines != background).any()  # the lines are drawn over the background
    limits = plot.figure.axes[0].get_ylim(), plot.figure.axes[0].get_xlim()
    plot.add_batch(batch(50, 0.6))
    plot.redraw()
    assert plot.full_redraws == full
    assert (plot.figure.axes[0].get_ylim(), plot.figure.axes[0].get_xlim()) == limits
    line = plot.figure.axes[0].lines[0]
    assert len(line.get_xdata()) == 51 and line.get_animated()


def test_data_leaving_the_limits_widen_them_with_headroom(plot):
    plot.smoothing.setValue(0)  # raw points: the spike is drawn as it is
    plot.redraw()
    full = plot.full_redraws
    ax = plot.figure.axes[0]
    plot.add_batch(batch(51, 5.0))  # far above the current top
    plot.redraw()
    assert plot.full_redraws == full + 1
    y0, y1 = ax.get_ylim()
    assert y1 > 5.0 and y0 < 0.5
    x_hi = plot.batch_x[-1]
    assert ax.get_xlim()[1] > x_hi


def test_a_zoomed_axis_keeps_the_users_limits_until_home(plot):
    ax = plot.figure.axes[0]
    ax.set_xlim(0.1, 0.2)  # what the toolbar's zoom does (autoscaling off)
    plot.canvas.draw()
    for i in range(51, 300):
        plot.add_batch(batch(i, 0.3))
    plot.redraw()
    assert ax.get_xlim() == (0.1, 0.2)
    plot.toolbar.home()
    plot.redraw()
    assert ax.get_autoscalex_on() and ax.get_xlim()[1] >= plot.batch_x[-1]


def test_saved_png_and_a_toolbar_draw_show_the_lines(plot, tmp_path):
    ax = plot.figure.axes[0]
    out = tmp_path / "plot.png"
    plot.figure.savefig(out, dpi=plot.figure.dpi)
    saved = np.asarray(Image.open(out))[..., :3]
    # the same picture the canvas shows: background plus the animated lines
    assert saved.shape == pixels(plot).shape
    line = ax.lines[0]
    line.set_visible(False)
    plot.figure.savefig(tmp_path / "bare.png", dpi=plot.figure.dpi)
    line.set_visible(True)
    assert (np.asarray(Image.open(tmp_path / "bare.png"))[..., :3] != saved).any()
    # a pan/zoom draws the whole figure: the hook puts the lines back on the new background
    before = plot.full_redraws
    plot.canvas.draw()
    assert (pixels(plot) != np.asarray(plot._background)[..., :3]).any()
    assert plot.full_redraws == before  # that was the toolbar's draw, not the plot's


def test_log_scale_resets_the_limits(plot):
    plot.log_scale.setChecked(True)
    plot.redraw()
    ax = plot.figure.axes[0]
    assert ax.get_yscale() == "log"
    lo, hi = ax.get_ylim()
    ys = ax.lines[0].get_ydata()
    assert 0 < lo < min(ys) and max(ys) < hi < 10 * max(ys)


def test_thin_keeps_the_newest_points_and_caps_the_rest():
    xs = list(range(10_000))
    txs, tys = thin(xs, [float(x) for x in xs], MAX_DRAWN_POINTS)
    assert len(txs) == len(tys) <= MAX_DRAWN_POINTS + 1
    assert txs[-MAX_DRAWN_POINTS // 2 :] == xs[-MAX_DRAWN_POINTS // 2 :]
    assert txs[0] == 0 and txs == sorted(txs)
    assert thin([1, 2], [3.0, 4.0], 10) == ([1, 2], [3.0, 4.0])


def test_padded_limits():
    assert padded_limits(1.0, 3.0, log=False) == (0.0, 4.0)
    lo, hi = padded_limits(0.01, 1.0, log=True)
    assert lo == pytest.approx(0.001) and hi == pytest.approx(10.0)
    assert padded_limits(2.0, 2.0, log=False) == (0.0, 4.0)  # one value: room down to 0
    assert padded_limits(0.5, 1.0, log=False) == (0.25, 1.25)
    assert padded_limits(-1.0, 1.0, log=False) == (-2.0, 2.0)


def test_a_known_run_length_fixes_the_x_axis(plot):
    plot.set_epochs(10)
    plot.redraw()
    full = plot.full_redraws
    for ax in plot.figure.axes[:1]:
        assert ax.get_xlim() == (0.0, 10.25)
    for i in range(50, 900):  # epochs 1..9 and a loss falling by 60 %
        plot.add_batch(batch(i, 0.5 * 0.999**i))
        if i % 20 == 0:
            plot.redraw()
    # 43 redraws; the x axis never moved, the y axis once (then down to zero)
    assert plot.full_redraws <= full + 1
    assert plot.figure.axes[0].get_xlim() == (0.0, 10.25)
    assert plot.figure.axes[0].get_ylim()[0] == 0.0
