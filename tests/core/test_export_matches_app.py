"""The exported script trains like the app: same data, seed and split give the same metrics.

``netbuilder export`` writes ``model.py``; it runs on its own (no netbuilder on
its path) as ``python model.py --data ... --epochs 2 --seed 1``. ``netbuilder
train`` runs the app's worker on the same data and seed. Both seed Keras with
``keras.utils.set_random_seed``, generate the built-in data from the seed, hold
out the last 20 % for validation and shuffle the rest each epoch, so their
histories agree: measured identical to every printed digit on this machine.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARGS = ("--epochs", "2", "--seed", "1")
# Tolerances allow for thread-order float rounding elsewhere: one validation
# sample of 200 flipping moves accuracy by 0.005.
ACCURACY_TOLERANCE = 0.011
LOSS_TOLERANCE = 0.01

# example -> (data spec, chance level of its accuracy)
CASES = {
    "mlp": ("builtin:bag_of_words:samples=1000", 0.5),
    "conv1d": ("builtin:keywords:samples=2000", 0.5),
    "bidirectional": ("builtin:flying_ball:samples=1000", 0.1),
}


def _env(with_netbuilder: bool) -> dict[str, str]:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "CUDA_VISIBLE_DEVICES": ""}
    env.pop("PYTHONPATH", None)
    if with_netbuilder:
        env["PYTHONPATH"] = str(ROOT)
    return env


def _run(command: list[str], cwd: Path, with_netbuilder: bool = True) -> str:
    result = subprocess.run(
        command,
        cwd=cwd,
        env=_env(with_netbuilder),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _final(path: Path) -> dict[str, float]:
    """The last row of a history CSV (the script's is Keras' CSVLogger, epochs from 0)."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 2, rows
    return {k: float(v) for k, v in rows[-1].items() if k != "epoch"}


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", list(CASES))
def test_exported_script_matches_the_app(name: str, tmp_path: Path) -> None:
    data, chance = CASES[name]
    netbuilder = [sys.executable, "-m", "netbuilder"]
    project, script = tmp_path / f"{name}.nbproj", tmp_path / "model.py"
    _run([*netbuilder, "examples", name, "-o", str(project)], tmp_path)
    _run([*netbuilder, "export", str(project), "-o", str(script)], tmp_path)

    # The script runs without netbuilder importable: it carries its own data code.
    _run(
        [sys.executable, str(script), "--data", data, *ARGS, "--history", "s.csv"], tmp_path, False
    )
    _run(
        [*netbuilder, "train", str(project), "--data", data, *ARGS, "--history", "a.csv"], tmp_path
    )
    script_final, app_final = _final(tmp_path / "s.csv"), _final(tmp_path / "a.csv")

    assert set(script_final) == set(app_final) >= {"loss", "accuracy", "val_loss", "val_accuracy"}
    # It trained: both are clearly above chance (not two equally untrained runs).
    assert app_final["val_accuracy"] >= chance + 0.1, app_final
    assert script_final["val_accuracy"] == pytest.approx(
        app_final["val_accuracy"], abs=ACCURACY_TOLERANCE
    )
    assert script_final["val_loss"] == pytest.approx(app_final["val_loss"], abs=LOSS_TOLERANCE)
    assert script_final["loss"] == pytest.approx(app_final["loss"], abs=LOSS_TOLERANCE)
