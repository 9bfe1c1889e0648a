"""Start-up: the main window paints without importing TensorFlow or Keras, with an example loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = r"""
import json, sys
from PySide6.QtCore import QSettings
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
    QSettings.setPath(QSettings.Format.IniFormat, scope, sys.argv[1])
from PySide6.QtWidgets import QApplication
from netbuilder.app import create_window
window = create_window(None)
window.show()
QApplication.processEvents()
window.grab()  # forces a full paint of the window
print(json.dumps({
    "heavy": sorted(m for m in ("tensorflow", "keras") if m in sys.modules),
    "layers": len(window.document.graph),
    "title": window.windowTitle(),
    "valid": window.document.analyzer.is_valid(),
}))
window.document.undo_stack.setClean()
"""


def test_window_paints_without_tensorflow_and_shows_an_example(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    env.pop("KERAS_BACKEND", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["heavy"] == [], f"imported on the way to the first window: {report['heavy']}"
    assert report["layers"] >= 6 and report["valid"]
    assert "— netbuilder" in report["title"]
