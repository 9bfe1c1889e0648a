"""The header and the training half of an exported script.

The training ``main()`` takes the same options as ``netbuilder train`` with the
project's settings as defaults, loads data with netbuilder's own standalone data
module (embedded verbatim, since the script must run without netbuilder), and
compiles and fits exactly as :mod:`netbuilder.core.training.compile` specifies.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .codegen_text import call_text, py_literal, py_str
from .keras_layers import BuildError
from .messages import tr
from .project import Project
from .training import compile as compile_specs
from .training.settings import OPTIMIZERS, TrainingSettings

_TRAINING = Path(__file__).resolve().parent / "training"
# Embedded in this order: the datasets, then the loaders that use them.
STANDALONE_FILES = (_TRAINING / "standalone_datasets.py", _TRAINING / "standalone.py")
RULE = "# " + "-" * 76
I1, I2, I3 = " " * 4, " " * 8, " " * 12


class Standalone(NamedTuple):
    """The data module, split for embedding: imports go to the script's header."""

    futures: tuple[str, ...]  # ``from __future__`` lines
    imports: tuple[str, ...]  # other top-level import statements
    body: str  # everything else, minus any ``if __name__ == "__main__":`` block
    names: frozenset[str]  # module-level names it defines


@lru_cache(maxsize=4)
def _standalone_parts(files: tuple[tuple[str, int], ...]) -> Standalone:
    parts = [_one_module(path) for path, _mtime in files]
    futures = tuple(dict.fromkeys(f for p in parts for f in p.futures))
    imports = tuple(dict.fromkeys(i for p in parts for i in p.imports))
    body = "\n\n".join(p.body.strip("\n") for p in parts) + "\n"
    names = frozenset().union(*(p.names for p in parts))
    return Standalone(futures, imports, body, names)


def _one_module(path: str) -> Standalone:
    source = Path(path).read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    drop: set[int] = set()
    futures: list[str] = []
    imports: list[str] = []
    names: set[str] = set()
    for stmt in tree.body:
        span = range(stmt.lineno - 1, (stmt.end_lineno or stmt.lineno))
        segment = ast.get_source_segment(source, stmt) or ""
        if (
            stmt is tree.body[0]
            and isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        ):
            drop.update(span)  # the module docstring; the script has its own
        elif isinstance(stmt, ast.ImportFrom) and stmt.level:
            drop.update(span)  # between the embedded modules: both are in the script
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in stmt.names)
            is_future = isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"
            (futures if is_future else imports).append(segment)
            drop.update(span)
        elif isinstance(stmt, ast.If) and "__main__" in (
            ast.get_source_segment(source, stmt.test) or ""
        ):
            drop.update(span)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(stmt.name)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    kept = [line for i, line in enumerate(lines) if i not in drop]
    # Removing the imports leaves runs of blank lines; keep at most two.
    body = re.sub(r"\n{4,}", "\n\n\n", "\n".join(kept)).strip("\n")
    return Standalone(tuple(futures), tuple(imports), body + "\n", frozenset(names))


def standalone_parts() -> Standalone:
    """The embedded data modules, parsed (cached until a file changes)."""
    stamps = []
    for path in STANDALONE_FILES:
        try:
            stamps.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            raise BuildError(
                tr(
                    "the data module {path} is missing, so no script can be exported",
                    path=str(path),
                )
            ) from None
    return _standalone_parts(tuple(stamps))


def script_reserved_names() -> set[str]:
    """Module-level names the embedded data module defines (variables must not shadow them)."""
    return set(standalone_parts().names)


def _import_block(extra: tuple[str, ...]) -> list[str]:
    """The script's imports plus the data module's, grouped and sorted like isort does."""
    statements = {"import argparse", "import os", "import keras", "from keras import layers"}
    statements.update(extra)
    groups: tuple[list[str], list[str]] = ([], [])
    for text in statements:
        module = text.split()[1].split(".")[0]
        groups[0 if module in sys.stdlib_module_names else 1].append(text)
    out: list[str] = []
    for group in groups:
        # isort's default: plain imports first, then from-imports, each by module name.
        group.sort(key=lambda t: (t.startswith("from "), t.split()[1].lower(), t))
        out.extend([*group, ""])
    return out


def render_header(project: Project) -> str:
    parts = standalone_parts()
    lines = [
        '"""Keras model exported by netbuilder.',
        "",
        "The project's title is in TITLE. build_model() rebuilds the model; running this",
        "file trains it with the project's settings as defaults (see --help):",
        "",
        "    python this_file.py --epochs 5 --save model.keras",
        "",
        "Importing this module only defines names: it neither loads data nor trains.",
        '"""',
        "",
        *parts.futures,
        *([""] if parts.futures else []),
        *_import_block(parts.imports),
        f"TITLE = {py_str(project.display_title('en'))}",
    ]
    return "\n".join(lines) + "\n"


def _expr(spec: Any, namespace: str, indent: int) -> str:
    """A loss or callback spec as source: a name literal or ``keras.<ns>.Class(...)``."""
    if isinstance(spec, str):
        return py_str(spec)
    cls, kwargs = spec
    args = [f"{k}={py_literal(v, indent + 4)}" for k, v in kwargs.items()]
    return call_text(f"keras.{namespace}.{cls}", args, indent)


def _per_output(values: dict[str, Any], names: list[str], render, indent: int) -> str:
    if len(names) == 1:
        return render(values[names[0]], indent)
    items = [f"{py_str(n)}: {render(values[n], indent + 4)}" for n in names]
    one = "{" + ", ".join(items) + "}"
    if indent + len(one) <= 80:
        return one
    body = "".join(f"{' ' * (indent + 4)}{item},\n" for item in items)
    return "{\n" + body + " " * indent + "}"


def _make_optimizer(settings: TrainingSettings) -> str:
    names = [settings.optimizer] + [o for o in OPTIMIZERS if o != settings.optimizer]
    lines = [
        "def make_optimizer(name: str, learning_rate: float) -> keras.optimizers.Optimizer:",
        f'{I1}"""The optimizer ``name`` with the project\'s other optimizer settings."""',
    ]
    for name in names:
        cls, kwargs = compile_specs.optimizer_spec(dataclasses.replace(settings, optimizer=name))
        args = ["learning_rate=learning_rate"] + [
            f"{k}={py_literal(v)}" for k, v in kwargs.items() if k != "learning_rate"
        ]
        lines.append(f"{I1}if name == {py_str(name)}:")
        lines.append(I2 + "return " + call_text(f"keras.optimizers.{cls}", args, 8, start=15))
    lines.append(f'{I1}raise ValueError(f"unknown optimizer {{name!r}}")')
    return "\n".join(lines) + "\n"


def _argument(
    flag: str, default: Any, help_text: str, kind: str | None = None, **extra: str
) -> str:
    args = [py_str(flag)]
    if kind:
        args.append(f"type={kind}")
    args.append(f"default={py_literal(default)}")
    args.extend(f"{k}={v}" for k, v in extra.items())
    args.append(f"help={py_str(help_text)}")
    return I1 + call_text("parser.add_argument", args, 4)


def render_training(project: Project) -> str:
    """Constants, ``make_optimizer()``, ``main()`` and the ``__main__`` guard."""
    graph = project.graph
    settings = TrainingSettings.from_dict(project.training)
    in_names = [n.name for n in graph.input_nodes()]
    out_names = [n.name for n in graph.output_nodes()]
    losses = compile_specs.resolve_losses(graph, settings)
    metrics = compile_specs.resolve_metrics(graph, settings, losses)
    callbacks = [c for c in compile_specs.callback_specs(settings) if c[0] != "TensorBoard"]
    data = project.data or {}
    body = standalone_parts().body
    x = f"inputs[{py_str(in_names[0])}]" if len(in_names) == 1 else "inputs"
    y = f"targets[{py_str(out_names[0])}]" if len(out_names) == 1 else "targets"
    loss_src = _per_output(losses, out_names, lambda v, i: _expr(v, "losses", i), 8)
    metric_src = _per_output(metrics, out_names, lambda v, i: py_literal(v, i), 8)
    cb_src = [_expr(c, "callbacks", 8) for c in callbacks]
    best_lines: list[str] = []
    for cls, kwargs in callbacks:
        if cls == "ModelCheckpoint":
            # As in the app, the best epoch (by the monitored loss) is the result.
            best = py_str(str(kwargs.get("filepath", "")))
            best_lines = [
                f"{I1}if os.path.exists({best}):",
                f"{I2}model = keras.saving.load_model({best})",
            ]
    # argparse %-formats a description that mentions %(prog); keep such a title literal.
    title = project.display_title("en")
    description = 'TITLE.replace("%", "%%")' if "%(prog)" in title else "TITLE"
    data_section = [
        f"{RULE}\n# Data loading: netbuilder's data modules, copied from\n"
        "# netbuilder/core/training/standalone_datasets.py and standalone.py (their\n"
        f"# imports are at the top) so that this script runs on its own.\n{RULE}",
        body.rstrip("\n"),
    ]
    parts = [
        f"{RULE}\n# Training: the same options as `netbuilder train`, with the project's\n"
        f"# settings as defaults.\n{RULE}",
        "\n".join(
            [
                f"DATA = {py_literal(data)}",
                f"INPUT_NAMES = {py_literal(in_names)}",
                f"OUTPUT_NAMES = {py_literal(out_names)}",
                f"OPTIMIZER_NAMES = {py_literal(list(OPTIMIZERS))}",
            ]
        ),
        _make_optimizer(settings).rstrip("\n"),
        "\n".join(
            [
                "def main(argv: list[str] | None = None) -> None:",
                f'{I1}"""Parse the options, load the data, build, compile and train the model."""',
                f"{I1}parser = argparse.ArgumentParser(description={description})",
                _argument(
                    "--data",
                    None,
                    "data source, as for `netbuilder train --data` (default: DATA)",
                ),
                _argument("--epochs", settings.epochs, "number of epochs", "int"),
                _argument("--batch-size", settings.batch_size, "samples per batch", "int"),
                _argument(
                    "--optimizer", settings.optimizer, "optimizer", choices="OPTIMIZER_NAMES"
                ),
                _argument("--lr", settings.learning_rate, "learning rate", "float"),
                _argument(
                    "--loss",
                    None,
                    "a Keras loss name for every output (default: the project's losses)",
                ),
                _argument(
                    "--validation-split",
                    settings.validation_split,
                    "fraction of the data held out for validation",
                    "float",
                ),
                _argument("--seed", settings.seed, "random seed", "int"),
                _argument("--save", None, "save the trained model (.keras)", metavar='"OUT.keras"'),
                _argument("--history", None, "save the history as CSV", metavar='"OUT.csv"'),
                _argument(
                    "--tensorboard",
                    settings.tensorboard,
                    "write TensorBoard logs to this folder",
                    metavar='"DIR"',
                ),
                f"{I1}args = parser.parse_args(argv)",
                "",
                f"{I1}if args.seed is not None:",
                f"{I2}keras.utils.set_random_seed(args.seed)",
                f"{I1}if args.data:",
                f'{I2}data, base_dir = parse_data_arg(args.data), "."',
                f"{I1}else:",
                f"{I2}data, base_dir = DATA, os.path.dirname(os.path.abspath(__file__))",
                f"{I1}inputs, targets = load_data(",
                f"{I2}data, INPUT_NAMES, OUTPUT_NAMES, seed=args.seed or 0, base_dir=base_dir",
                f"{I1})",
                "",
                f"{I1}model = build_model()",
                f"{I1}model.compile(",
                f"{I2}optimizer=make_optimizer(args.optimizer, args.lr),",
                f"{I2}loss=args.loss or {loss_src},",
                f"{I2}metrics={metric_src},",
                f"{I1})",
                f"{I1}callbacks = [" + ", ".join(cb_src) + "]"
                if len(", ".join(cb_src)) < 60
                else f"{I1}callbacks = [\n" + "".join(f"{I2}{c},\n" for c in cb_src) + f"{I1}]",
                f"{I1}if args.tensorboard:",
                f"{I2}callbacks.append(keras.callbacks.TensorBoard(log_dir=args.tensorboard))",
                f"{I1}if args.history:",
                f"{I2}callbacks.append(keras.callbacks.CSVLogger(args.history))",
                f"{I1}try:",
                f"{I2}model.fit(",
                f"{I3}{x},",
                f"{I3}{y},",
                f"{I3}epochs=args.epochs,",
                f"{I3}batch_size=args.batch_size,",
                f"{I3}validation_split=args.validation_split,",
                f"{I3}shuffle={py_literal(settings.shuffle)},",
                f"{I3}callbacks=callbacks,",
                f"{I2})",
                f"{I1}except KeyboardInterrupt:",
                f'{I2}print("Training stopped; the weights so far are kept.")',
                *best_lines,
                f"{I1}if args.save:",
                f"{I2}model.save(args.save)",
                f'{I2}print(f"Saved the model to {{args.save}}")',
            ]
        ),
        # The model and how it trains come first; the data plumbing follows.
        *data_section,
        'if __name__ == "__main__":\n    main()',
    ]
    return "\n\n\n".join(parts) + "\n"


__all__ = ["render_header", "render_training", "script_reserved_names", "standalone_parts"]
