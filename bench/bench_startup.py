"""Start-up benchmark: launch -> painted main window, next to ``python -c "import tensorflow"``.

Both are timed in fresh child processes in the same run (median of a few
tries), from process start until the child reports. Target: the editor's
first painted window in <= 0.3x the time TensorFlow alone takes to import
(TensorFlow is never imported on the way to the first window).

    python bench/bench_startup.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WINDOW = r"""
import sys
from PySide6.QtCore import QSettings
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
from PySide6.QtWidgets import QApplication
from netbuilder.app import create_window
window = create_window(None)
window.show()
QApplication.processEvents()
window.repaint()  # the first frame, painted
heavy = [m for m in ("tensorflow", "keras") if m in sys.modules]
print("painted", ",".join(heavy) or "-", flush=True)
window.document.undo_stack.setClean()
import os
os._exit(0)
"""


def _time(args: list[str], env: dict[str, str], marker: str | None) -> tuple[float, str]:
    """Seconds from launch until ``marker`` appears on stdout (or until exit)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT
    )
    line = ""
    assert proc.stdout is not None
    if marker is None:
        proc.wait()
        return time.perf_counter() - t0, ""
    for line in proc.stdout:
        if line.startswith(marker):
            break
    elapsed = time.perf_counter() - t0
    proc.wait(timeout=60)
    return elapsed, line.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
    settings = tempfile.mkdtemp(prefix="nb-startup-")
    windows, tfs = [], []
    heavy = ""
    for _ in range(args.repeat):
        seconds, line = _time([sys.executable, "-c", WINDOW, settings], env, "painted")
        windows.append(seconds)
        heavy = line.split()[-1] if line else "?"
        tfs.append(_time([sys.executable, "-c", "import tensorflow"], env, None)[0])
    window, tf = statistics.median(windows), statistics.median(tfs)
    ratio = window / tf
    print(f"platform: {env['QT_QPA_PLATFORM']}, {args.repeat} runs each, medians")
    print(f"launch -> painted main window : {window * 1000:8.0f} ms")
    print(f'python -c "import tensorflow" : {tf * 1000:8.0f} ms')
    print(
        f"ratio                         : {ratio:8.2f}x  (target <= 0.30x) {'ok' if ratio <= 0.3 else 'SLOW'}"
    )
    print(f"heavy modules loaded at first paint: {heavy}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
