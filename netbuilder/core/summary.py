"""A Keras-style summary of a graph: one row per node plus totals.

Shared by ``netbuilder summary`` and the editor's Summary panel so both show
exactly the same text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .analysis import Analyzer
from .graph import Graph
from .messages import tr
from .shapes import fmt_shape


@dataclass(frozen=True)
class SummaryRow:
    node_id: str
    name: str
    type: str
    output_shape: str
    shape: tuple | None
    params: int | None
    inputs: tuple[str, ...]
    is_output: bool


@dataclass(frozen=True)
class Summary:
    rows: tuple[SummaryRow, ...]
    total_params: int
    errors: int
    warnings: int
    unknown_params: tuple[str, ...] = field(default=())

    @property
    def valid(self) -> bool:
        return self.errors == 0


def summarize(graph: Graph, analyzer: Analyzer | None = None) -> Summary:
    """Rows in node order (inputs first as Keras does: node order is the user's)."""
    analyzer = analyzer or Analyzer(graph)
    infos = analyzer.infos()
    problems = analyzer.problems()
    outputs = set(graph.outputs)
    rows = []
    unknown = []
    for node in graph.nodes.values():
        info = infos.get(node.id)
        shape = info.output if info else None
        params = info.params if info else None
        if node.type == "Input":
            params = 0
        if params is None:
            unknown.append(node.name)
        inputs = tuple(
            "-" if ref is None else graph.nodes[ref.node].name
            for ref in node.inputs
            if ref is None or ref.node in graph.nodes
        )
        shown_type = node.keras_class
        spec = node.spec
        if spec is not None and spec.wrapper_param:
            inner = node.params.get(spec.wrapper_param)
            if isinstance(inner, dict) and inner.get("type"):
                shown_type = f"{node.type}({inner['type']})"
        rows.append(
            SummaryRow(
                node.id,
                node.name,
                shown_type,
                fmt_shape(shape) if shape is not None else "?",
                shape,
                params,
                inputs,
                node.id in outputs,
            )
        )
    return Summary(
        tuple(rows),
        sum(r.params or 0 for r in rows),
        sum(1 for p in problems if p.is_error),
        sum(1 for p in problems if not p.is_error),
        tuple(unknown),
    )


def _fmt_int(n: int | None) -> str:
    return "?" if n is None else f"{n:,}"


def format_summary(summary: Summary, title: str = "") -> str:
    """Plain-text table in the spirit of ``model.summary()``."""
    headers = (tr("Layer (type)"), tr("Output Shape"), tr("Param #"), tr("Connected to"))
    body = [
        (
            f"{r.name} ({r.type})" + (" *" if r.is_output else ""),
            r.output_shape,
            _fmt_int(r.params),
            ", ".join(r.inputs) if r.inputs else "-",
        )
        for r in summary.rows
    ]
    widths = [
        max(len(h), *(len(row[i]) for row in body)) if body else len(h)
        for i, h in enumerate(headers)
    ]
    line = "  ".join(f"{{:<{w}}}" for w in widths)

    def fmt(cells: tuple[str, ...]) -> str:
        return line.format(*cells).rstrip()

    rule = "=" * (sum(widths) + 2 * (len(widths) - 1))
    out = []
    if title:
        out.append(tr("Model: {title}", title=title))
    out += [fmt(headers), rule]
    out += [fmt(row) for row in body]
    out.append(rule)
    out.append(tr("Total params: {n}", n=_fmt_int(summary.total_params)))
    if summary.unknown_params:
        out.append(tr("Unknown for: {names}", names=", ".join(summary.unknown_params)))
    out.append(tr("(* = model output)"))
    if summary.valid:
        out.append(
            tr("Valid: yes")
            + (tr(" ({n} warnings)", n=summary.warnings) if summary.warnings else "")
        )
    else:
        out.append(
            tr(
                "Valid: no ({errors} errors, {warnings} warnings)",
                errors=summary.errors,
                warnings=summary.warnings,
            )
        )
    return "\n".join(out) + "\n"


def summary_to_dict(summary: Summary) -> dict[str, Any]:
    return {
        "nodes": [
            {
                "name": r.name,
                "type": r.type,
                "output_shape": list(r.shape) if r.shape is not None else None,
                "params": r.params,
                "inputs": list(r.inputs),
                "output": r.is_output,
            }
            for r in summary.rows
        ],
        "total_params": summary.total_params,
        "valid": summary.valid,
        "errors": summary.errors,
        "warnings": summary.warnings,
    }
