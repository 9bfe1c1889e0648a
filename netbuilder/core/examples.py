"""The example projects shipped in ``resources/examples`` (titled in English and Russian).

The course's networks come first, in the order the course text introduces them;
any other ``.nbproj`` file in the folder follows by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .messages import tr
from .project import SUFFIX, Project, load
from .resources import resource_dir

EXAMPLES_DIR = resource_dir("examples")

# Course order: MLP, two-branch CNN, LSTM, LSTM sequences, GRU, Conv1D, Bidirectional.
ORDER = (
    "mlp",
    "two_branch_cnn",
    "lstm",
    "lstm_sequences",
    "gru",
    "conv1d",
    "bidirectional",
    "multi_io",
    "attention",
    "residual_cnn",
)


@dataclass(frozen=True)
class ExampleInfo:
    """One example: its file name stem, bilingual title and description, and path."""

    name: str
    title_en: str
    title_ru: str
    description: str
    path: Path
    description_ru: str = ""

    def title(self, language: str = "en") -> str:
        return self.title_ru if language == "ru" and self.title_ru else self.title_en


def _paths() -> dict[str, Path]:
    found = {p.stem: p for p in EXAMPLES_DIR.glob(f"*{SUFFIX}") if p.is_file()}
    ordered = [n for n in ORDER if n in found] + sorted(n for n in found if n not in ORDER)
    return {n: found[n] for n in ordered}


def list_examples() -> list[ExampleInfo]:
    """Every shipped example, course examples first."""
    out = []
    for name, path in _paths().items():
        project = load(path)
        out.append(
            ExampleInfo(
                name=name,
                title_en=project.title.get("en", name),
                title_ru=project.title.get("ru", project.title.get("en", name)),
                description=project.description.get("en", ""),
                path=path,
                description_ru=project.description.get("ru", ""),
            )
        )
    return out


def example_names() -> list[str]:
    return list(_paths())


def load_example(name: str) -> Project:
    """The example project called ``name``.

    Raises:
        KeyError: No such example; the message lists the valid names.
    """
    paths = _paths()
    if name not in paths:
        raise KeyError(
            tr(
                "there is no example {name!r}; choose one of: {names}",
                name=name,
                names=", ".join(paths) or "-",
            )
        )
    return load(paths[name])


__all__ = ["EXAMPLES_DIR", "ExampleInfo", "example_names", "list_examples", "load_example"]
