"""``netbuilder train``: the real command and worker on tiny jobs, exit codes, Ctrl+C."""

from __future__ import annotations

import argparse
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from worker_jobs import mlp

from netbuilder import train_cli
from netbuilder.core.project import Project, save

ROOT = Path(__file__).resolve().parents[2]
MLP_EXAMPLE = ROOT / "resources" / "examples" / "mlp.nbproj"


def tiny_project(tmp_path: Path, with_data: bool = True) -> Path:
    """An 8 -> 16 -> 1 MLP project whose saved data source is a 256-sample .npz next to it."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 8)).astype("float32")
    np.savez(tmp_path / "data.npz", x=x, y=(x[:, 0] > 0).astype("int32"))
    data = {"kind": "npz", "path": "data.npz"} if with_data else {}
    path = tmp_path / "tiny.nbproj"
    save(Project(mlp(), training={"epochs": 2, "batch_size": 16}, data=data), path)
    return path


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    train_cli.add_parser(sub)
    return parser.parse_args(["train", *argv])


def run_in_process(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = train_cli.run(parse(*argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def cli(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netbuilder", "train", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_parser_registers_every_option() -> None:
    args = parse(
        "net.nbproj",
        "--data",
        "bag_of_words",
        "--epochs",
        "3",
        "--batch-size",
        "8",
        "--optimizer",
        "sgd",
        "--lr",
        "0.1",
        "--loss",
        "huber",
        "--validation-split",
        "0.1",
        "--seed",
        "7",
        "--save",
        "m.keras",
        "--history",
        "h.csv",
        "--tensorboard",
        "tb",
    )
    assert args.func is train_cli.run
    settings = train_cli._settings({"epochs": 10}, args)
    assert (settings.epochs, settings.batch_size, settings.optimizer) == (3, 8, "sgd")
    assert (settings.learning_rate, settings.loss, settings.validation_split) == (0.1, "huber", 0.1)
    assert settings.seed == 7 and Path(settings.tensorboard).is_absolute()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("missing.nbproj",), "does not exist"),
        (("{tiny}", "--data", "no_such_dataset"), "Unknown built-in dataset 'no_such_dataset'"),
        (("{tiny}", "--epochs", "0"), "--epochs must be at least 1, got 0"),
        (("{tiny}", "--validation-split", "1.5"), "--validation-split must be from 0 up to"),
        (("{bare}",), "has no saved data source; pass one with --data"),
    ],
)
def test_unusable_input_exits_2_with_one_sentence(
    tmp_path: Path, argv: tuple[str, ...], message: str
) -> None:
    tiny = tiny_project(tmp_path)
    bare_dir = tmp_path / "bare"
    bare_dir.mkdir()
    bare = tiny_project(bare_dir, with_data=False)
    argv = tuple(a.format(tiny=tiny, bare=bare) for a in argv)
    code, out, err = run_in_process(*argv)
    assert code == 2
    assert err.startswith("netbuilder train: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err and out == ""


@pytest.mark.slow
def test_trains_the_mlp_example_for_one_epoch(tmp_path: Path) -> None:
    result = cli(
        str(MLP_EXAMPLE),
        "--epochs",
        "1",
        "--save",
        "out.keras",
        "--history",
        "h.csv",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("training on 1600 samples (400 for validation), 1 epochs")
    assert lines[1].startswith("epoch 1/1  loss ")
    assert "val_accuracy" in lines[1]
    assert "saved the model to out.keras" in result.stdout
    assert "Traceback" not in result.stderr
    with zipfile.ZipFile(tmp_path / "out.keras") as archive:
        assert "config.json" in archive.namelist()
    history = (tmp_path / "h.csv").read_text().splitlines()
    assert history[0].startswith("epoch,loss,") and len(history) == 2


def test_training_failure_exits_1(tmp_path: Path) -> None:
    tiny = tiny_project(tmp_path)
    rng = np.random.default_rng(0)
    np.savez(tmp_path / "wide.npz", x=rng.normal(size=(64, 5)), y=np.zeros(64, dtype="int32"))
    result = cli(str(tiny), "--data", "wide.npz", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "netbuilder train: the data for Input 'x' has samples of shape (5,), but the Input "
        "expects (8,); set the Input's shape to (5,) or choose data that fits"
    )


@pytest.mark.slow
def test_ctrl_c_stops_gracefully_and_still_saves(tmp_path: Path) -> None:
    tiny = tiny_project(tmp_path)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "netbuilder",
            "train",
            str(tiny),
            "--epochs",
            "5000",
            "--batch-size",
            "4",
            "--save",
            "kept.keras",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert proc.stdout is not None
        while True:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else ""
            if line.startswith("epoch 1/5000"):
                break
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        took = time.monotonic() - t0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err[-2000:]
    assert "stopped after" in out and "saved the model to kept.keras" in out
    assert "stopping after the current batch" in err
    assert (tmp_path / "kept.keras").is_file()
    assert took < 10


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    batch = {
        "event": "batch",
        "epoch": 1,
        "batch": 6,
        "steps": 12,
        "logs": {"loss": 0.5},
        "samples_per_sec": 1000.0,
        "eta_s": 3.2,
    }
    out, tty = io.StringIO(), FakeTTY()
    printer = train_cli.Printer(out, tty)
    printer.handle(
        {"event": "started", "epochs": 2, "steps_per_epoch": 12, "samples": 96, "val_samples": 0}
    )
    printer.handle(batch)
    assert "epoch 1/2 [############------------] 6/12 loss 0.5000" in tty.getvalue()
    printer.handle({"event": "epoch", "epoch": 1, "logs": {"val_loss": 0.4, "loss": 0.5}})
    assert out.getvalue().splitlines()[-1].startswith("epoch 1/2  loss 0.5000  val_loss 0.4000")
    plain_err = io.StringIO()
    plain = train_cli.Printer(io.StringIO(), plain_err)
    plain.handle(batch)
    assert plain_err.getvalue() == ""
