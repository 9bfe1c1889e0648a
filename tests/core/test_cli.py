"""The command-line contract: commands, outputs and exit codes, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netbuilder.core import edits as E
from netbuilder.core import project as P

ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "NETBUILDER_LANG": "en"}


def nb(*args: str, cwd: Path | None = None, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "netbuilder", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=ENV,
        timeout=timeout,
    )


def assert_clean_error(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("netbuilder ")


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    """Dense -> LSTM: a rank error, plus an unused layer (a warning)."""
    g = P.Graph()
    inp = E.make_node(g, "Input", {"shape": (8,)}, node_id="i")
    d = E.make_node(g, "Dense", {"units": 32}, name="dense_a", node_id="d")
    lstm = E.make_node(g, "LSTM", {"units": 4}, name="lstm_b", node_id="l")
    for n in (inp, d, lstm):
        E.AddNode(n).apply(g)
    E.Connect("i", "d").apply(g)
    E.Connect("d", "l").apply(g)
    E.InsertOutput("l").apply(g)
    path = tmp_path / "broken.nbproj"
    P.save(P.Project(g, {"en": "broken"}), path)
    return path


def test_examples_list_and_write(tmp_path: Path) -> None:
    listed = nb("examples")
    assert listed.returncode == 0
    names = [line.split("\t")[0] for line in listed.stdout.splitlines()]
    assert {"mlp", "two_branch_cnn", "lstm", "gru", "conv1d", "bidirectional"} <= set(names)
    out = tmp_path / "mlp.nbproj"
    assert nb("examples", "mlp", "-o", str(out)).returncode == 0
    assert P.load(out).graph.by_name("input_layer") is not None
    unknown = nb("examples", "nope", "-o", str(out))
    assert unknown.returncode == 2
    assert_clean_error(unknown)


def test_validate_exit_codes_and_lines(tmp_path: Path, broken: Path) -> None:
    good = tmp_path / "mlp.nbproj"
    nb("examples", "mlp", "-o", str(good))
    ok = nb("validate", str(good))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = nb("validate", str(broken))
    assert bad.returncode == 1
    line = next(ln for ln in bad.stdout.splitlines() if ln.startswith("error lstm_b:"))
    assert "(None, 32)" in line and "dense_a" in line
    as_json = json.loads(nb("validate", str(broken), "--json").stdout)
    assert as_json["valid"] is False
    assert any(p["node"] == "lstm_b" and p["code"] == "rank" for p in as_json["problems"])
    garbage = tmp_path / "garbage.nbproj"
    garbage.write_text("{not json")
    unreadable = nb("validate", str(garbage))
    assert unreadable.returncode == 2
    assert_clean_error(unreadable)
    assert garbage.read_text() == "{not json"


def test_summary_text_and_json(tmp_path: Path) -> None:
    path = tmp_path / "cnn.nbproj"
    nb("examples", "two_branch_cnn", "-o", str(path))
    text = nb("summary", str(path))
    assert text.returncode == 0
    assert "(None, 263232)" in text.stdout and "Total params: 266,401" in text.stdout
    data = json.loads(nb("summary", str(path), "--json").stdout)
    assert data["total_params"] == 266401
    assert data["nodes"][-1]["output_shape"] == [None, 1]


def test_export_build_import_roundtrip(tmp_path: Path, broken: Path) -> None:
    proj = tmp_path / "cnn.nbproj"
    nb("examples", "two_branch_cnn", "-o", str(proj))
    code = tmp_path / "cnn.py"
    assert nb("export", str(proj), "-o", str(code)).returncode == 0
    compile(code.read_text(encoding="utf-8"), str(code), "exec")
    model = tmp_path / "cnn.keras"
    built = nb("build", str(proj), "-o", str(model))
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr and built.stderr.strip() == ""
    back = tmp_path / "back.nbproj"
    assert nb("import", str(model), "-o", str(back)).returncode == 0
    # A model file is accepted wherever a project is.
    assert "Total params: 266,401" in nb("summary", str(model)).stdout
    assert nb("validate", str(model)).returncode == 0
    refused = nb("build", str(broken), "-o", str(tmp_path / "x.keras"))
    assert refused.returncode == 1
    assert_clean_error(refused)
    assert not (tmp_path / "x.keras").exists()


def test_missing_and_foreign_files(tmp_path: Path) -> None:
    for args in (("summary", "missing.nbproj"), ("export", "missing.nbproj", "-o", "x.py")):
        result = nb(*args, cwd=tmp_path)
        assert result.returncode == 2
        assert_clean_error(result)
    fake = tmp_path / "fake.keras"
    fake.write_bytes(b"this is not a zip")
    result = nb("import", str(fake), "-o", str(tmp_path / "p.nbproj"))
    assert result.returncode == 2
    assert_clean_error(result)
    assert not (tmp_path / "p.nbproj").exists()
