"""Run history: every training run kept next to the project, and what differs between two.

Layout: ``<project stem>.runs/<run id>/`` holding ``run.json`` (graph snapshot
as a project dict, settings, data description, history, final metrics,
evaluation, timestamps, status), ``model.keras`` (written by the worker) and
``history.csv``. Files are written atomically; a damaged ``run.json`` is
skipped by :meth:`RunStore.list` and reported by :meth:`RunStore.load`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..graph import Graph, Node
from ..messages import tr
from ..project import (
    SUFFIX,
    Project,
    ProjectError,
    atomic_write_text,
    project_from_dict,
    project_to_dict,
)

RUN_FILE = "run.json"
HISTORY_FILE = "history.csv"
MODEL_FILE = "model.keras"
RUNS_SUFFIX = ".runs"
RUN_FORMAT = "netbuilder-run"
RUN_VERSION = 1
_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")

# statuses
CREATED, RUNNING, DONE, STOPPED, FAILED = "created", "running", "done", "stopped", "failed"


class RunError(Exception):
    """A run cannot be found or read; the message is one clear sentence."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass
class RunRecord:
    """One training run as stored in ``run.json``."""

    id: str
    dir: Path
    project: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    data_description: dict[str, Any] = field(default_factory=dict)
    history: dict[str, list[float | None]] = field(default_factory=dict)
    final_metrics: dict[str, float] = field(default_factory=dict)
    evaluation: dict[str, Any] | None = None
    status: str = CREATED
    error: str | None = None
    created: str = field(default_factory=_now)
    finished: str | None = None
    label: str = ""

    @property
    def model_path(self) -> Path:
        return self.dir / MODEL_FILE

    @property
    def has_model(self) -> bool:
        return self.model_path.is_file()

    def graph_project(self) -> Project:
        """The graph snapshot as a Project (for "Restore graph")."""
        try:
            return project_from_dict(self.project)
        except ProjectError as exc:
            raise RunError(
                tr("run {id} holds a damaged graph: {reason}", id=self.id, reason=exc)
            ) from None

    def job(self, base_dir: str | Path = ".", evaluate: bool | str = True) -> dict[str, Any]:
        """The worker job that trains this run (its model lands in this run's folder)."""
        return {
            "project": self.project,
            "settings": self.settings,
            "data": self.data,
            "base_dir": str(base_dir),
            "run_dir": str(self.dir),
            "evaluate": evaluate,
        }

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("dir")
        return {"format": RUN_FORMAT, "version": RUN_VERSION, **data}

    def save(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False
        )
        atomic_write_text(self.dir / RUN_FILE, text + "\n")

    def mark_running(self) -> None:
        self.status = RUNNING
        self.save()

    def finish(self, done: dict[str, Any]) -> None:
        """Record a worker's ``done`` event (history, metrics, evaluation) and write history.csv."""
        self.history = dict(done.get("history") or {})
        self.final_metrics = dict(done.get("final_metrics") or {})
        self.evaluation = done.get("evaluation")
        self.status = STOPPED if done.get("stopped") else DONE
        self.finished = _now()
        atomic_write_text(self.dir / HISTORY_FILE, history_to_csv(self.history))
        self.save()

    def fail(
        self, error: dict[str, Any] | str, history: dict[str, list[float | None]] | None = None
    ) -> None:
        """Record a failure (an ``error`` event or a message) and the history so far."""
        self.error = error if isinstance(error, str) else str(error.get("message", ""))
        if history:
            self.history = dict(history)
        self.status = FAILED
        self.finished = _now()
        self.save()

    @classmethod
    def from_dict(cls, data: Any, directory: Path) -> RunRecord:
        if not isinstance(data, dict) or data.get("format") != RUN_FORMAT:
            raise RunError(
                tr("{path} is not a netbuilder run file", path=str(directory / RUN_FILE))
            )
        names = set(cls.__dataclass_fields__) - {"dir", "id"}  # the folder names the run
        values = {k: v for k, v in data.items() if k in names}
        mappings = ("project", "settings", "data", "data_description", "history", "final_metrics")
        bad = [k for k in mappings if k in values and not isinstance(values[k], dict)]
        bad += [
            k
            for k in ("status", "created", "label")
            if k in values and not isinstance(values[k], str)
        ]
        if bad:
            raise RunError(
                tr("run {id} has a damaged {field!r} entry", id=directory.name, field=bad[0])
            )
        return cls(id=directory.name, dir=directory, **values)


class RunStore:
    """The runs of one project: ``RunStore("net.nbproj")`` keeps them in ``net.runs/``.

    A folder path (not ending in ``.nbproj``) is used as the runs folder itself,
    e.g. a temporary folder for a project that was never saved.
    """

    def __init__(self, project_path_or_dir: str | Path) -> None:
        path = Path(project_path_or_dir)
        if path.suffix.lower() == SUFFIX or path.is_file():
            self.root = path.with_name(path.stem + RUNS_SUFFIX)
        else:
            self.root = path

    def _dir(self, run_id: str) -> Path:
        if not _RUN_ID.match(run_id):
            raise RunError(tr("{id!r} is not a valid run id", id=run_id))
        return self.root / run_id

    def new_id(self) -> str:
        """A fresh id that sorts by creation time (``20261129-150755-123456``)."""
        now = datetime.now(UTC)
        stem = now.strftime("%Y%m%d-%H%M%S-") + f"{now.microsecond:06d}"
        run_id, i = stem, 0
        while (self.root / run_id).exists():
            i += 1
            run_id = f"{stem}-{i}"
        return run_id

    def create(
        self,
        project: Project | dict[str, Any],
        settings: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        data_description: dict[str, Any] | None = None,
        label: str = "",
    ) -> RunRecord:
        """A new run folder with its ``run.json`` (status "created")."""
        snapshot = project_to_dict(project) if isinstance(project, Project) else dict(project)
        run_id = self.new_id()
        record = RunRecord(
            id=run_id,
            dir=self._dir(run_id),
            project=snapshot,
            settings=dict(settings if settings is not None else snapshot.get("training") or {}),
            data=dict(data if data is not None else snapshot.get("data") or {}),
            data_description=dict(data_description or {}),
            label=label,
        )
        record.dir.mkdir(parents=True, exist_ok=False)
        record.save()
        return record

    def list(self) -> list[RunRecord]:
        """All readable runs, oldest first."""
        if not self.root.is_dir():
            return []
        records = []
        for entry in sorted(self.root.iterdir()):
            if not (entry / RUN_FILE).is_file():
                continue
            try:
                records.append(self.load(entry.name))
            except RunError:
                continue  # a damaged run never hides the others
        return sorted(records, key=lambda r: (r.created, r.id))

    def load(self, run_id: str) -> RunRecord:
        directory = self._dir(run_id)
        path = directory / RUN_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise RunError(tr("there is no run {id}", id=run_id)) from None
        except (OSError, ValueError) as exc:
            raise RunError(tr("run {id} cannot be read: {reason}", id=run_id, reason=exc)) from None
        return RunRecord.from_dict(data, directory)

    def delete(self, run_id: str) -> None:
        directory = self._dir(run_id)
        if not (directory / RUN_FILE).is_file():
            raise RunError(tr("there is no run {id}", id=run_id))
        shutil.rmtree(directory)


# -- comparing runs -----------------------------------------------------------------------
def _flat(settings: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in settings.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and prefix.count(".") < 3:
            out.update(_flat(value, name + "."))
        else:
            out[name] = value
    return out


def _settings_of(run: RunRecord) -> dict[str, Any]:
    from .settings import TrainingSettings

    return TrainingSettings.from_dict(run.settings).to_dict()


def diff_runs(a: RunRecord, b: RunRecord) -> dict[str, Any]:
    """What changed from run ``a`` to run ``b``.

    Returns ``{"settings": [{"key", "old", "new"}], "data": [...same...],
    "nodes_added": [names], "nodes_removed": [names], "params": [{"node", "param",
    "old", "new"}], "connections": [node names whose inputs changed]}``.
    Nodes are matched by name; parameters compare with Keras defaults filled in.
    """
    out: dict[str, Any] = {
        "settings": _dict_diff(_flat(_settings_of(a)), _flat(_settings_of(b))),
        "data": _dict_diff(_flat(a.data), _flat(b.data)),
    }
    ga, gb = a.graph_project().graph, b.graph_project().graph
    na = {n.name: n for n in ga.nodes.values()}
    nb = {n.name: n for n in gb.nodes.values()}
    out["nodes_added"] = [name for name in nb if name not in na]
    out["nodes_removed"] = [name for name in na if name not in nb]
    params: list[dict[str, Any]] = []
    connections: list[str] = []
    for name, old in na.items():
        new = nb.get(name)
        if new is None:
            continue
        if old.type != new.type:
            params.append({"node": name, "param": "type", "old": old.type, "new": new.type})
        params += [
            {"node": name, "param": d["key"], "old": d["old"], "new": d["new"]}
            for d in _dict_diff(old.effective_params(), new.effective_params())
        ]
        if _sources(ga, old) != _sources(gb, new):
            connections.append(name)
    out["params"] = params
    out["connections"] = connections
    return out


def _sources(graph: Graph, node: Node) -> list[tuple[str, int] | None]:
    """A node's inputs as (source name, port): ids differ between two runs' graphs."""
    return [
        None
        if r is None
        else (graph.nodes[r.node].name if r.node in graph.nodes else r.node, r.port)
        for r in node.inputs
    ]


def _dict_diff(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    keys = list(a) + [k for k in b if k not in a]
    return [{"key": k, "old": a.get(k), "new": b.get(k)} for k in keys if a.get(k) != b.get(k)]


def metric_order(keys: Any) -> list[str]:
    """Training metrics before validation ones, the loss first in each group."""
    return sorted(keys, key=lambda k: (k.startswith("val_"), k not in ("loss", "val_loss"), k))


def history_to_csv(history: dict[str, list[float | None]]) -> str:
    """``epoch,loss,...,val_loss,...`` with one row per epoch (empty cells for missing values)."""
    keys = metric_order(history)
    rows = max((len(v) for v in history.values()), default=0)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["epoch", *keys])
    for i in range(rows):
        cells: list[Any] = [i + 1]
        for key in keys:
            values = history[key]
            value = values[i] if i < len(values) else None
            cells.append("" if value is None else repr(float(value)))
        writer.writerow(cells)
    return buffer.getvalue()
