"""Undoable edits of the project's non-graph sections (``training``, ``data``) and graph restore.

Qt-free: these are ordinary core :class:`~netbuilder.core.edits.Edit` objects,
so ``Document.push`` puts them on the undo stack and a ``Compound`` can mix
them with graph edits ("Set up from data" is one undo step).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ...core.edits import Compound, Edit, RemoveNodes, add_nodes
from ...core.graph import Graph
from ...core.project import Project

SECTIONS = ("training", "data")


@dataclass
class SetProjectSection(Edit):
    """Replace ``project.training`` or ``project.data``; the inverse puts the old dict back.

    ``key`` names the field being edited: consecutive edits of the same field
    merge into one undo step (typing a learning rate digit by digit).
    """

    project: Project
    section: str
    value: dict[str, Any] = field(default_factory=dict)
    label: str = "Change training settings"
    key: str | None = None

    def apply(self, graph: Graph) -> Edit:
        if self.section not in SECTIONS:
            raise ValueError(f"unknown project section {self.section!r}; use {SECTIONS}")
        old = getattr(self.project, self.section)
        setattr(self.project, self.section, copy.deepcopy(self.value))
        return SetProjectSection(self.project, self.section, old, self.label, self.key)

    def merge_key(self) -> tuple | None:
        if self.key is None:
            return None
        return ("project-section", id(self.project), self.section, self.key)


def restore_graph_edit(current: Graph, snapshot: Graph, label: str = "Restore graph") -> Compound:
    """One edit that replaces every node of ``current`` with the nodes of ``snapshot``."""
    remove = RemoveNodes(list(current.nodes), label)
    nodes = [n.copy() for n in snapshot.nodes.values()]
    return Compound([remove, add_nodes(nodes, list(snapshot.outputs), label)], label)
