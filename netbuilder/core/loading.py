"""Open whatever the user hands us: a project or a Keras model file.

Every command that reads a project also accepts ``.keras`` / ``.h5`` / model
JSON files, imported on the fly without running any code from them.
"""

from __future__ import annotations

import json
from pathlib import Path

from .messages import tr
from .project import Project, ProjectError, load

MODEL_SUFFIXES = (".keras", ".h5", ".hdf5")


class LoadError(Exception):
    """A file is neither a readable project nor an importable model (one clear sentence)."""


def _looks_like_project_json(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return True  # let the project loader report the OS error
    if '"netbuilder-project"' in head:
        return True
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return not (isinstance(data, dict) and "class_name" in data and "config" in data)


def load_any(path: str | Path) -> Project:
    """A project from ``path``: ``.nbproj`` files load, model files are imported."""
    p = Path(path)
    suffix = p.suffix.lower()
    is_model = suffix in MODEL_SUFFIXES or (
        suffix == ".json" and p.is_file() and not _looks_like_project_json(p)
    )
    if not is_model:
        if not p.exists():
            raise LoadError(tr("the file {path} does not exist", path=str(p)))
        try:
            return load(p)
        except ProjectError as exc:
            raise LoadError(str(exc)) from None
    from .importer import ModelImportError, import_model

    try:
        return import_model(p)
    except ModelImportError as exc:
        raise LoadError(str(exc)) from None
