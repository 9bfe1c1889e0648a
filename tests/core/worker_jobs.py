"""The tiny MLP and worker job shared by the worker, worker-fault and ``netbuilder train`` tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from netbuilder.core.graph import Graph, Node, Ref
from netbuilder.core.project import Project, project_to_dict


def mlp(features: int = 8, out: dict[str, Any] | None = None) -> Graph:
    """Input(features) -> Dense 16 relu 'hidden' -> Dense 'out' (1 sigmoid unless ``out``)."""
    g = Graph()
    g.nodes["i"] = Node("i", "Input", "x", {"shape": (features,)})
    g.nodes["h"] = Node("h", "Dense", "hidden", {"units": 16, "activation": "relu"}, [Ref("i")])
    params = out or {"units": 1, "activation": "sigmoid"}
    g.nodes["o"] = Node("o", "Dense", "out", params, [Ref("h")])
    g.outputs.append("o")
    return g


def job_for(
    tmp_path: Path,
    graph: Graph,
    x: np.ndarray,
    y: np.ndarray,
    data: dict[str, Any] | None = None,
    **settings: Any,
) -> dict[str, Any]:
    """A worker job training ``graph`` on ``x``/``y`` saved as ``data.npz`` in ``tmp_path``."""
    np.savez(tmp_path / "data.npz", x=x, y=y)
    full = {"epochs": 2, "batch_size": 16, **settings}
    return {
        "project": project_to_dict(Project(graph, training=full)),
        "settings": full,
        "data": data or {"kind": "npz", "path": "data.npz"},
        "base_dir": str(tmp_path),
        "run_dir": str(tmp_path / "run"),
        "evaluate": True,
    }
