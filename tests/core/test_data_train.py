"""Every kind of user data trains end to end through ``netbuilder train --data``.

Each test writes a small learnable dataset to a temporary folder plus a
project built with the core API, trains it in a subprocess and checks that it
learned from the ``--history`` CSV: the loss went down and, for classifiers,
the final validation accuracy is clearly above chance.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from netbuilder.core.graph import Graph, Node, Ref
from netbuilder.core.project import Project, save

ROOT = Path(__file__).resolve().parents[2]


def chain(layers: list[tuple[str, dict[str, Any]]]) -> Graph:
    """A straight graph: the first (type, params) is the Input, each next one feeds on it."""
    g = Graph()
    previous = None
    for i, (kind, params) in enumerate(layers):
        node_id = f"n{i}"
        name = "x" if i == 0 else ("y" if i == len(layers) - 1 else f"{kind.lower()}_{i}")
        g.nodes[node_id] = Node(node_id, kind, name, params, [Ref(previous)] if previous else [])
        previous = node_id
    g.outputs.append(previous)
    return g


def train(
    tmp_path: Path, graph: Graph, data: str, epochs: int, **settings: Any
) -> list[dict[str, float]]:
    """Save the project, run ``netbuilder train`` on ``data``; returns the history rows."""
    project = tmp_path / "model.nbproj"
    save(Project(graph, training={"batch_size": 16, "seed": 0, **settings}), project)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2"}
    env["CUDA_VISIBLE_DEVICES"] = ""
    result = subprocess.run(
        [sys.executable, "-m", "netbuilder", "train", str(project), "--data", data]
        + ["--epochs", str(epochs), "--history", "h.csv"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.count("\nepoch ") == epochs, result.stdout
    with open(tmp_path / "h.csv", newline="") as f:
        rows = [{k: float(v) for k, v in row.items()} for row in csv.DictReader(f)]
    assert len(rows) == epochs
    assert rows[-1]["loss"] < rows[0]["loss"], rows
    return rows


def dense_head(features: int, units: int, activation: str | None) -> Graph:
    out: dict[str, Any] = {"units": units}
    if activation:
        out["activation"] = activation
    return chain(
        [
            ("Input", {"shape": (features,)}),
            ("Dense", {"units": 16, "activation": "relu"}),
            ("Dense", out),
        ]
    )


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_npz_classifier(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 8)).astype("float32")
    np.savez(tmp_path / "data.npz", features=x, labels=(x[:, 0] + x[:, 1] > 0).astype("int32"))
    rows = train(
        tmp_path, dense_head(8, 1, "sigmoid"), "data.npz:x=features;y=labels", 8, learning_rate=0.01
    )
    assert rows[-1]["val_accuracy"] >= 0.8, rows  # a linear rule; chance is 0.5


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_csv_numeric_target_regression(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = 2 * x[:, 0] - x[:, 1] + 0.5 * x[:, 2] + rng.normal(0, 0.1, 400)
    with open(tmp_path / "houses.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["area", "age", "rooms", "price"])
        writer.writerows([*row, value] for row, value in zip(x.round(4), y.round(4), strict=True))
    graph = dense_head(3, 1, None)  # a linear output: loss "auto" is mean squared error
    rows = train(tmp_path, graph, "houses.csv:target=price", 10, learning_rate=0.01)
    # The target's variance is about 5.3; a model that learned predicts far better than
    # its mean, which would score that variance as its validation loss.
    assert rows[-1]["val_loss"] < 0.5 and "val_mae" in rows[-1], rows
    assert rows[-1]["val_loss"] < rows[0]["val_loss"], rows


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_csv_categorical_target(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    names = ["кошка", "собака", "bird"]
    centres = np.array([[2.0, 0.0], [-2.0, 0.0], [0.0, 2.5]])
    labels = rng.integers(0, 3, 450)
    x = centres[labels] + rng.normal(0, 0.7, (450, 2))
    with open(tmp_path / "animals.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["weight", "height", "animal"])
        writer.writerows([*row, names[c]] for row, c in zip(x.round(4), labels, strict=True))
    # Three class names -> class ids; loss "auto" becomes sparse categorical crossentropy.
    rows = train(tmp_path, dense_head(2, 3, "softmax"), "animals.csv", 8, learning_rate=0.01)
    assert rows[-1]["val_accuracy"] >= 0.8, rows  # well separated clusters; chance is 1/3


def _write_png(path: Path, pixels: np.ndarray) -> None:
    from PIL import Image

    Image.fromarray(pixels.astype("uint8"), mode="L").save(path)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_image_folder(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    for name, axis in (("horizontal", 0), ("vertical", 1)):
        folder = tmp_path / "pictures" / name
        folder.mkdir(parents=True)
        for i in range(40):
            img = rng.integers(0, 60, (24, 24))
            stripe = rng.integers(2, 22)
            if axis == 0:
                img[stripe - 2 : stripe + 2, :] = 255
            else:
                img[:, stripe - 2 : stripe + 2] = 255
            _write_png(folder / f"{i}.png", img)
    graph = chain(
        [
            ("Input", {"shape": (24, 24, 1)}),
            ("Conv2D", {"filters": 8, "kernel_size": (5, 5), "activation": "relu"}),
            ("GlobalMaxPooling2D", {}),
            ("Dense", {"units": 1, "activation": "sigmoid"}),
        ]
    )
    rows = train(tmp_path, graph, "images:pictures:size=24x24", 10, learning_rate=0.01)
    assert rows[-1]["val_accuracy"] >= 0.75, rows  # 16 validation pictures; chance is 0.5


RUSSIAN_WORDS = {
    "погода": [
        "дождь",
        "снег",
        "солнце",
        "ветер",
        "туман",
        "облака",
        "мороз",
        "жара",
        "гроза",
        "радуга",
    ],
    "спорт": [
        "футбол",
        "хоккей",
        "мяч",
        "гол",
        "матч",
        "команда",
        "тренер",
        "забег",
        "лыжи",
        "шайба",
    ],
}
COMMON_WORDS = [
    "сегодня",
    "вчера",
    "очень",
    "был",
    "была",
    "это",
    "наш",
    "город",
    "утром",
    "вечером",
]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_russian_text_folder(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    for topic, words in RUSSIAN_WORDS.items():
        folder = tmp_path / "тексты" / topic
        folder.mkdir(parents=True)
        for i in range(60):
            text = [*rng.choice(words, 3), *rng.choice(COMMON_WORDS, 6)]
            sentence = " ".join(rng.permutation(text)).capitalize() + "!"
            (folder / f"{i}.txt").write_text(sentence, encoding="utf-8")
    graph = chain(
        [
            ("Input", {"shape": (12,), "dtype": "int32"}),
            ("Embedding", {"input_dim": 100, "output_dim": 8}),
            ("GlobalAveragePooling1D", {}),
            ("Dense", {"units": 1, "activation": "sigmoid"}),
        ]
    )
    rows = train(tmp_path, graph, "texts:тексты:length=12,vocab=100", 10, learning_rate=0.02)
    assert rows[-1]["val_accuracy"] >= 0.8, rows  # 24 validation texts; chance is 0.5
