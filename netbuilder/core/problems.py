"""Validation problems and the one-click fixes attached to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .edits import Edit

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Fix:
    """A suggested repair: a label for the button and the edit that performs it."""

    label: str
    edit: Edit


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the graph.

    Attributes:
        severity: ``"error"`` (the model cannot be built) or ``"warning"``.
        code: Problem class, stable for tests and tools (``"cycle"``, ``"rank"``...).
        node_id: The node the problem is about (None for graph-wide problems).
        message: Keras-style sentence: what happened, what was expected, how to
            fix it, naming the node and the values received.
        edge: ``(destination id, slot)`` of the wire concerned, if any.
        fixes: Edits that make the problem go away.
        data: Extra values (expected/received shapes...) for tools.
    """

    severity: str
    code: str
    node_id: str | None
    message: str
    edge: tuple[str, int] | None = None
    fixes: tuple[Fix, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self, node_name: str | None = None) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "node": node_name,
            "node_id": self.node_id,
            "message": self.message,
            "edge": list(self.edge) if self.edge else None,
            "fixes": [f.label for f in self.fixes],
        }
