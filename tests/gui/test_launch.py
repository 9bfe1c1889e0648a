"""The real `netbuilder` command starts the editor and keeps running (offscreen, first start).

Each run gets its own HOME and XDG_CONFIG_HOME, so QSettings is empty: a first
start, which loads an example. The app writes its settings (QSettings in
$XDG_CONFIG_HOME/netbuilder/netbuilder.conf) from the event loop, so the
settings file shows the window got as far as running its loop with the
example (``firstStartDone``) or the opened file (``recentFiles``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netbuilder.core.examples import list_examples

ALIVE_S = 5.0
UP_WITHIN_S = 15.0


def _command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m netbuilder``."""
    script = Path(sys.executable).with_name("netbuilder")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "netbuilder"]


def _launch(args: list[str], home: Path) -> tuple[str, str]:
    """Start the app, wait until its settings show it is up and it has lived ALIVE_S seconds.

    Returns (stderr, settings text); fails if it exits early.
    """
    config = home / "config"
    config.mkdir(parents=True)
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(config))
    env.update(QT_QPA_PLATFORM="offscreen", TF_CPP_MIN_LOG_LEVEL="2")
    env.pop("DISPLAY", None)
    settings = config / "netbuilder" / "netbuilder.conf"
    err_path = home / "stderr.txt"
    with err_path.open("wb") as err, open(os.devnull, "wb") as out:
        proc = subprocess.Popen(
            [*_command(), *args],
            stdout=out,
            stderr=err,
            env=env,
            cwd=home,
            start_new_session=True,  # its own process group: the worker child ends with it
        )
    try:
        start = time.monotonic()
        while True:
            elapsed = time.monotonic() - start
            up = settings.exists() and settings.stat().st_size > 0
            if proc.poll() is not None:
                stderr = err_path.read_text(errors="replace")
                pytest.fail(
                    f"netbuilder exited early ({proc.returncode}) after {elapsed:.1f} s\n{stderr[-3000:]}"
                )
            if up and elapsed >= ALIVE_S:
                break
            if elapsed > UP_WITHIN_S + ALIVE_S:
                pytest.fail(f"netbuilder wrote no settings within {elapsed:.0f} s")
            time.sleep(0.2)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        # The spare training worker it started, if it outlived its parent.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    return err_path.read_text(errors="replace"), settings.read_text(errors="replace")


def test_netbuilder_command_opens_the_editor_with_an_example(tmp_path: Path):
    stderr, settings = _launch([], tmp_path / "home")
    assert "Traceback" not in stderr, stderr[-3000:]
    assert "firstStartDone=true" in settings, settings


def test_netbuilder_open_file_opens_the_project(tmp_path: Path):
    example = next(e for e in list_examples() if e.name == "mlp")
    project = tmp_path / "my project.nbproj"
    shutil.copyfile(example.path, project)
    stderr, settings = _launch(["open", str(project)], tmp_path / "home")
    assert "Traceback" not in stderr, stderr[-3000:]
    assert "recentFiles=" in settings and "my project.nbproj" in settings, settings
    # An explicit file is not a first start: no example replaces it.
    assert "firstStartDone" not in settings, settings
