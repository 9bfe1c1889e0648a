"""End to end: the real window on an X display (Xvfb) builds the seed's two-branch CNN.

Layers are dragged from the palette with real mouse events; only QDrag.exec's
platform drag loop is replaced (see ``e2e_build_cnn.PaletteDrag``).

The build runs in a child process (this test process already holds an
offscreen QApplication) on an Xvfb display started here, or on $DISPLAY.
Set NETBUILDER_SCREENSHOT=docs/screenshot-editor.png to refresh the README's
screenshot.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "e2e_build_cnn.py"


def _free_display() -> int:
    for n in range(91, 140):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise RuntimeError("no free X display number")


@pytest.fixture
def x_display():
    """A display for a real xcb window: a fresh Xvfb, or the session's own $DISPLAY."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("DISPLAY"):
            yield os.environ["DISPLAY"]
            return
        pytest.skip("Xvfb is not installed and no DISPLAY is set (apt-get install xvfb)")
    number = _free_display()
    proc = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.skip("Xvfb did not start")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.e2e
def test_build_two_branch_cnn_in_real_window(x_display, tmp_path: Path):
    shot = Path(os.environ.get("NETBUILDER_SCREENSHOT") or tmp_path / "editor.png")
    env = dict(os.environ, DISPLAY=x_display, QT_QPA_PLATFORM="xcb", TF_CPP_MIN_LOG_LEVEL="2")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(shot), str(tmp_path / "settings")],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=HERE.parents[1],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb"
    assert report["layers"] == 8 and report["wires"] == 8 and report["edges_on_screen"] == 8
    assert report["valid"], report["problems"]
    # Every layer came from a drag the palette itself started (its QDrag and MIME data).
    assert [t for _formats, t in report["drags"]] == [
        "Input",
        "Conv2D",
        "Conv2D",
        "Flatten",
        "MaxPooling2D",
        "Flatten",
        "Concatenate",
        "Dense",
    ]
    assert all("application/x-netbuilder-layer" in f for f, _t in report["drags"])
    # The course text's numbers: concatenate of 238144 + 25088 features, 266,401 weights.
    assert report["merge_shape"] == [None, 263232]
    assert report["params"] == 266_401
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
