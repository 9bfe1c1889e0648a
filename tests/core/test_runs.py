"""Run store round trip, run diffs, history CSV and the evaluation helpers (no Keras)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest

from netbuilder.core.graph import Graph, Node, Ref
from netbuilder.core.project import Project, project_to_dict
from netbuilder.core.training import evaluation as ev
from netbuilder.core.training.runs import (
    DONE,
    FAILED,
    STOPPED,
    RunError,
    RunStore,
    diff_runs,
    history_to_csv,
)


def project(units: int = 16, extra: bool = False, dropout: float | None = None) -> Project:
    g = Graph()
    g.nodes["i"] = Node("i", "Input", "x", {"shape": (8,)})
    g.nodes["h"] = Node("h", "Dense", "hidden", {"units": units, "activation": "relu"}, [Ref("i")])
    last = "h"
    if extra:
        g.nodes["h2"] = Node("h2", "Dense", "hidden_2", {"units": 4}, [Ref("h")])
        last = "h2"
    g.nodes["o"] = Node("o", "Dense", "out", {"units": 1, "activation": "sigmoid"}, [Ref(last)])
    g.outputs.append("o")
    return Project(
        g,
        title={"en": "t"},
        training={"epochs": 3},
        data={"kind": "builtin", "name": "bag_of_words"},
    )


def test_store_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "net.nbproj"
    path.write_text("{}", encoding="utf-8")
    store = RunStore(path)
    assert store.root == tmp_path / "net.runs"
    assert store.list() == []
    run = store.create(project(), label="first")
    assert run.dir.parent == store.root and (run.dir / "run.json").is_file()
    job = run.job(tmp_path)
    assert job["run_dir"] == str(run.dir) and job["project"]["graph"] == run.project["graph"]
    assert (job["settings"], job["data"]["name"], job["evaluate"]) == (
        {"epochs": 3},
        "bag_of_words",
        True,
    )
    run.mark_running()
    history = {"loss": [0.7, 0.5], "val_loss": [0.8, None], "accuracy": [0.5, 0.75]}
    run.finish(
        {
            "stopped": False,
            "history": history,
            "final_metrics": {"loss": 0.5},
            "evaluation": {"metrics": {"loss": 0.6}, "confusion_matrix": [[3, 1], [0, 4]]},
        }
    )
    loaded = store.load(run.id)
    assert loaded.status == DONE and loaded.label == "first"
    assert loaded.history == history and loaded.final_metrics == {"loss": 0.5}
    assert loaded.evaluation["confusion_matrix"] == [[3, 1], [0, 4]]
    assert loaded.settings == {"epochs": 3}
    assert loaded.data == {"kind": "builtin", "name": "bag_of_words"}
    assert loaded.graph_project().graph.by_name("hidden").params["units"] == 16
    assert loaded.finished is not None and loaded.created <= loaded.finished
    assert (run.dir / "history.csv").read_text(encoding="utf-8").startswith("epoch,loss,")
    second = store.create(project_to_dict(project(32)))
    second.finish({"stopped": True, "history": {"loss": [0.9]}})
    assert [r.id for r in store.list()] == [run.id, second.id]
    assert store.load(second.id).status == STOPPED
    store.delete(run.id)
    assert [r.id for r in store.list()] == [second.id]
    assert not run.dir.exists()


def test_failed_run_damaged_file_and_bad_ids(tmp_path: Path) -> None:
    store = RunStore(tmp_path / "runs")  # a folder is used as is
    run = store.create(project())
    run.fail({"event": "error", "message": "the loss became NaN"}, {"loss": [1.0]})
    assert store.load(run.id).status == FAILED
    assert store.load(run.id).error == "the loss became NaN"
    broken = store.create(project())
    (broken.dir / "run.json").write_text("{not json", encoding="utf-8")
    assert [r.id for r in store.list()] == [run.id]  # the damaged run does not hide others
    with pytest.raises(RunError, match="cannot be read"):
        store.load(broken.id)
    (broken.dir / "run.json").write_text(
        json.dumps({"format": "netbuilder-run", "history": [1, 2]}), encoding="utf-8"
    )
    with pytest.raises(RunError, match="has a damaged 'history' entry"):
        store.load(broken.id)
    with pytest.raises(RunError, match="there is no run"):
        store.load("20990101-000000-abcdef")
    for bad in ("../x", "a/b", "", ".hidden"):
        with pytest.raises(RunError, match="not a valid run id"):
            store.delete(bad)
    assert json.loads((run.dir / "run.json").read_text())["format"] == "netbuilder-run"


def test_diff_runs(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    a = store.create(project(16), settings={"epochs": 3, "learning_rate": 0.001})
    b_project = project(32, extra=True)
    b_project.graph.nodes["o"].params["activation"] = "sigmoid"
    b = store.create(
        b_project,
        settings={"epochs": 5, "learning_rate": 0.001, "early_stopping": {"patience": 2}},
        data={"kind": "builtin", "name": "bag_of_words", "samples": 500},
    )
    diff = diff_runs(a, b)
    assert {"key": "epochs", "old": 3, "new": 5} in diff["settings"]
    assert {"key": "early_stopping.patience", "old": None, "new": 2} in diff["settings"]
    assert not [d for d in diff["settings"] if d["key"] == "learning_rate"]
    assert diff["data"] == [{"key": "samples", "old": None, "new": 500}]
    assert diff["nodes_added"] == ["hidden_2"] and diff["nodes_removed"] == []
    assert diff["params"] == [{"node": "hidden", "param": "units", "old": 16, "new": 32}]
    assert diff["connections"] == ["out"]
    back = diff_runs(b, a)
    assert back["nodes_removed"] == ["hidden_2"] and back["nodes_added"] == []
    assert diff_runs(a, a) == {
        "settings": [],
        "data": [],
        "nodes_added": [],
        "nodes_removed": [],
        "params": [],
        "connections": [],
    }


def test_history_to_csv() -> None:
    text = history_to_csv({"val_loss": [0.9, None], "accuracy": [0.5, 0.6], "loss": [0.8, 0.7]})
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["epoch", "loss", "accuracy", "val_loss"]
    assert rows[1] == ["1", "0.8", "0.5", "0.9"]
    assert rows[2] == ["2", "0.7", "0.6", ""]
    assert history_to_csv({}) == "epoch\n"


def test_evaluation_helpers() -> None:
    true = np.array([0, 1, 2, 2, 1])
    pred = np.array([0, 2, 2, 2, 1])
    assert ev.confusion_matrix(true, pred, 3) == [[1, 0, 0], [0, 1, 1], [0, 0, 2]]
    cls, conf = ev.classify(np.array([[0.2], [0.9]]), ev.BINARY, logits=False)
    assert cls.tolist() == [0, 1] and np.allclose(conf, [0.8, 0.9])
    cls, conf = ev.classify(np.array([[0.0, 0.0, 10.0]]), ev.SPARSE, logits=True)
    assert cls.tolist() == [2] and conf[0] > 0.99
    assert ev.true_classes(np.array([[0, 1], [1, 0]]), ev.CATEGORICAL).tolist() == [1, 0]
    assert ev.output_kind(("SparseCategoricalCrossentropy", {"from_logits": True})) == ev.SPARSE
    assert ev.from_logits(("SparseCategoricalCrossentropy", {"from_logits": True}))
    assert ev.output_kind("mean_squared_error") == ev.REGRESSION
    picked = ev._pick_samples(np.array([True] * 30 + [False] * 30))
    assert len(picked) == ev.MAX_SAMPLES and list(picked) == sorted(picked)
