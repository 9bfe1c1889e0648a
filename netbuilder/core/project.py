"""Project files (``.nbproj``): versioned JSON, migrations, atomic save, strict loading.

A project holds the graph, bilingual title and description, the training
settings and the data source. Files are written with sorted keys and a fixed
indent so that diffs stay clean, and saved atomically (temp file, fsync,
rename) so a crash never leaves half a file. Loading checks every field and
turns anything damaged or foreign into one :class:`ProjectError` sentence;
it never writes.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog import GENERIC_TYPE, get_spec
from .graph import Graph, Node, Ref
from .messages import show, tr
from .params import INT_LIST, INT_TUPLE, LAYER, SHAPE, ParamError, to_json_value

FORMAT_NAME = "netbuilder-project"
FORMAT_VERSION = 2
SUFFIX = ".nbproj"
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NODES = 100_000


class ProjectError(Exception):
    """A project file cannot be read; the message is one clear sentence."""


@dataclass
class Project:
    """Everything a ``.nbproj`` file holds."""

    graph: Graph = field(default_factory=Graph)
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def display_title(self, language: str = "en") -> str:
        return (
            self.title.get(language) or self.title.get("en") or next(iter(self.title.values()), "")
        )

    def copy(self) -> Project:
        return project_from_dict(project_to_dict(self))


# -- encoding ---------------------------------------------------------------------------
def node_to_dict(node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "type": node.type,
        "name": node.name,
        "params": to_json_value(node.params),
        "inputs": [None if r is None else [r.node, r.port] for r in node.inputs],
        "pos": [_round(node.pos[0]), _round(node.pos[1])],
    }


def _round(v: float) -> float | int:
    r = round(float(v), 2)
    return int(r) if r.is_integer() else r


def graph_to_dict(graph: Graph) -> dict[str, Any]:
    return {
        "nodes": [node_to_dict(n) for n in graph.nodes.values()],
        "outputs": list(graph.outputs),
    }


def project_to_dict(project: Project) -> dict[str, Any]:
    out: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": dict(project.title),
        "description": dict(project.description),
        "graph": graph_to_dict(project.graph),
        "training": to_json_value(project.training),
        "data": to_json_value(project.data),
    }
    if project.extra:
        out["extra"] = to_json_value(project.extra)
    return out


def dumps(project: Project) -> str:
    """Deterministic JSON text (sorted keys, two-space indent, UTF-8, trailing newline)."""
    return json.dumps(project_to_dict(project), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# -- decoding ---------------------------------------------------------------------------
def _fail(message: str, **values: Any) -> ProjectError:
    return ProjectError(show(tr(message, **values)))


def _expect(cond: bool, message: str, **values: Any) -> None:
    if not cond:
        raise _fail(message, **values)


def decode_params(type_name: str, raw: dict[str, Any]) -> dict[str, Any]:
    """JSON params -> in-memory params (lists become tuples where the spec wants tuples)."""
    spec = get_spec(type_name)
    if spec is None:
        return raw
    out: dict[str, Any] = {}
    for key, value in raw.items():
        p = spec.param(key) if spec.has_param(key) else None
        if p is not None and p.kind in (INT_TUPLE, SHAPE, INT_LIST) and isinstance(value, list):
            value = tuple(value)
        elif p is not None and p.kind == LAYER and isinstance(value, dict):
            inner = value.get("params", {})
            if isinstance(inner, dict) and isinstance(value.get("type"), str):
                value = {"type": value["type"], "params": decode_params(value["type"], inner)}
        if p is not None:
            # A bad value is kept: validation reports it with the node's name.
            with contextlib.suppress(ParamError):
                value = p.coerce(value)
        out[key] = value
    return out


def _check_json_value(value: Any, where: str, depth: int = 0) -> None:
    _expect(depth < 50, "the file nests data too deeply at {where}", where=where)
    if isinstance(value, float):
        _expect(math.isfinite(value), "the file holds a non-finite number at {where}", where=where)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_json_value(v, f"{where}.{k}", depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_json_value(v, f"{where}[{i}]", depth + 1)


def graph_from_dict(data: Any) -> Graph:
    """Decode and check a graph mapping; raises ProjectError."""
    _expect(isinstance(data, dict), "the 'graph' entry must be a mapping")
    nodes_raw = data.get("nodes", [])
    outputs_raw = data.get("outputs", [])
    _expect(isinstance(nodes_raw, list), "the graph's 'nodes' must be a list")
    _expect(isinstance(outputs_raw, list), "the graph's 'outputs' must be a list")
    _expect(len(nodes_raw) <= MAX_NODES, "the graph has too many nodes ({n})", n=len(nodes_raw))
    g = Graph()
    names: set[str] = set()
    for i, raw in enumerate(nodes_raw):
        where = f"node {i + 1}"
        _expect(isinstance(raw, dict), "{where} is not a mapping", where=where)
        nid, type_name, name = raw.get("id"), raw.get("type"), raw.get("name")
        _expect(
            isinstance(nid, str) and 0 < len(nid) <= 64, "{where} has no valid 'id'", where=where
        )
        _expect(nid not in g.nodes, "{where} repeats the id {id!r}", where=where, id=nid)
        _expect(isinstance(type_name, str), "{where} has no layer 'type'", where=where)
        _expect(
            type_name == GENERIC_TYPE or get_spec(type_name) is not None,
            "{where} has the unknown layer type {type!r}",
            where=where,
            type=type_name,
        )
        _expect(isinstance(name, str), "{where} has no 'name'", where=where)
        params = raw.get("params", {})
        _expect(
            isinstance(params, dict), "{where} has 'params' that are not a mapping", where=where
        )
        if type_name == GENERIC_TYPE:
            _expect(
                isinstance(params.get("class_name"), str)
                and isinstance(params.get("config"), dict),
                "generic layer {name!r} needs a 'class_name' and a 'config'",
                name=name,
            )
        pos = raw.get("pos", [0, 0])
        _expect(
            isinstance(pos, list)
            and len(pos) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pos)
            and all(abs(v) < 1e9 for v in pos),  # False for NaN and inf; no float() overflow
            "{where} has an invalid position",
            where=where,
        )
        inputs_raw = raw.get("inputs", [])
        _expect(
            isinstance(inputs_raw, list), "{where} has 'inputs' that are not a list", where=where
        )
        inputs: list[Ref | None] = []
        for r in inputs_raw:
            if r is None:
                inputs.append(None)
                continue
            _expect(
                isinstance(r, list)
                and len(r) == 2
                and isinstance(r[0], str)
                and isinstance(r[1], int)
                and not isinstance(r[1], bool)
                and 0 <= r[1] < 1024,
                "{where} has an invalid input reference",
                where=where,
            )
            inputs.append(Ref(r[0], r[1]))
        _check_json_value(params, where)
        names.add(name)
        g.nodes[nid] = Node(
            nid,
            type_name,
            name,
            decode_params(type_name, params),
            inputs,
            (float(pos[0]), float(pos[1])),
        )
    for n in g.nodes.values():
        for r in n.inputs:
            _expect(
                r is None or r.node in g.nodes,
                "layer {name!r} refers to a node that is not in the file",
                name=n.name,
            )
    seen: set[str] = set()
    for o in outputs_raw:
        _expect(isinstance(o, str) and o in g.nodes, "the graph's outputs refer to an unknown node")
        _expect(o not in seen, "the graph lists an output twice")
        seen.add(o)
        g.outputs.append(o)
    return g


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept edges in a separate list and the title as one string."""
    out = dict(data)
    graph = dict(data.get("graph") or {})
    edges = graph.pop("edges", []) or []
    nodes = [dict(n) if isinstance(n, dict) else n for n in graph.get("nodes", [])]
    by_id = {n.get("id"): n for n in nodes if isinstance(n, dict)}
    for e in edges:
        if not isinstance(e, dict):
            raise _fail("a version-1 edge is not a mapping")
        dst = by_id.get(e.get("to"))
        if dst is None:
            raise _fail("a version-1 edge points to an unknown node")
        slot = e.get("slot", 0)
        if not isinstance(slot, int) or not 0 <= slot < 1024:
            raise _fail("a version-1 edge has an invalid slot")
        inputs = dst.setdefault("inputs", [])
        while len(inputs) <= slot:
            inputs.append(None)
        inputs[slot] = [e.get("from"), e.get("port", 0)]
    for n in nodes:
        if isinstance(n, dict) and isinstance(n.get("pos"), dict):
            n["pos"] = [n["pos"].get("x", 0), n["pos"].get("y", 0)]
    graph["nodes"] = nodes
    out["graph"] = graph
    title = data.get("title")
    if isinstance(title, str):
        out["title"] = {"en": title}
    out["version"] = 2
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _migrate_1_to_2}


def project_from_dict(data: Any) -> Project:
    """Decode (and migrate) a parsed project file; raises ProjectError."""
    _expect(isinstance(data, dict), "this is not a netbuilder project (expected a JSON object)")
    _expect(
        data.get("format") == FORMAT_NAME,
        "this is not a netbuilder project (its 'format' is {fmt!r})",
        fmt=data.get("format"),
    )
    version = data.get("version")
    _expect(
        isinstance(version, int) and not isinstance(version, bool) and version >= 1,
        "the project has an invalid version {v!r}",
        v=version,
    )
    _expect(
        version <= FORMAT_VERSION,
        "the project was written by a newer netbuilder (format version {v}, this one reads up to {max}); update netbuilder to open it",
        v=version,
        max=FORMAT_VERSION,
    )
    while version < FORMAT_VERSION:
        try:
            data = MIGRATIONS[version](data)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError):
            raise _fail(
                "the project uses the old format version {v} and is too damaged to upgrade",
                v=version,
            ) from None
        version = data["version"]
    graph = graph_from_dict(data.get("graph", {}))
    sections: dict[str, dict[str, Any]] = {}
    for key in ("title", "description", "training", "data", "extra"):
        value = data.get(key, {})
        _expect(isinstance(value, dict), "the project's {key!r} entry must be a mapping", key=key)
        _check_json_value(value, key)
        sections[key] = value
    for key in ("title", "description"):
        _expect(
            all(isinstance(k, str) and isinstance(v, str) for k, v in sections[key].items()),
            "the project's {key!r} must map language codes to text",
            key=key,
        )
    return Project(
        graph,
        sections["title"],
        sections["description"],
        sections["training"],
        sections["data"],
        sections["extra"],
    )


def loads(text: str) -> Project:
    try:
        data = json.loads(text)
    except RecursionError:
        raise _fail("the file nests data too deeply to be a netbuilder project") from None
    except (json.JSONDecodeError, ValueError) as exc:
        raise _fail("the file is not valid JSON ({detail})", detail=str(exc)) from None
    try:
        return project_from_dict(data)
    except RecursionError:
        raise _fail("the file nests data too deeply to be a netbuilder project") from None


def load(path: str | os.PathLike[str]) -> Project:
    """Read a project file; raises ProjectError with one clear sentence."""
    p = Path(path)
    try:
        size = p.stat().st_size
        _expect(
            size <= MAX_FILE_BYTES,
            "the file {path} is too large to be a project ({size} bytes)",
            path=str(p),
            size=size,
        )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise _fail("the file {path} does not exist", path=str(p)) from None
    except IsADirectoryError:
        raise _fail("{path} is a folder, not a project file", path=str(p)) from None
    except OSError as exc:
        raise _fail(
            "cannot read {path}: {reason}", path=str(p), reason=exc.strerror or str(exc)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(
            "{path} is not a text file, so it is not a netbuilder project", path=str(p)
        ) from None
    try:
        return loads(text)
    except ProjectError as exc:
        raise ProjectError(show(f"{p.name}: {exc}")) from None


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` so that ``path`` holds either the old or the complete new content."""
    p = Path(path)
    directory = p.parent if str(p.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if p.exists():
            os.chmod(tmp, p.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def save(project: Project, path: str | os.PathLike[str]) -> None:
    """Save atomically."""
    atomic_write_text(path, dumps(project))
