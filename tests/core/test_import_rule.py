"""The one import rule: ``netbuilder.core`` is Qt-free and loads Keras lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("PySide6", "keras", "tensorflow", "matplotlib")


@pytest.mark.parametrize(
    "module",
    [
        "netbuilder.core",
        "netbuilder.core.analysis",
        "netbuilder.core.project",
        "netbuilder.core.edits",
        "netbuilder.core.summary",
        "netbuilder.core.loading",
        "netbuilder.cli",
    ],
)
def test_fresh_import_pulls_in_no_qt_and_no_keras(module: str) -> None:
    code = (
        f"import sys, {module}; "
        f"bad = [m for m in {HEAVY!r} if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"importing {module} loaded {out.stdout.strip()}"


def test_core_sources_never_import_qt_or_matplotlib() -> None:
    import ast
    from pathlib import Path

    import netbuilder.core as core

    root = Path(core.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("PySide6", "matplotlib") for n in names):
                offenders.append(str(path.relative_to(root)))
    assert offenders == []
