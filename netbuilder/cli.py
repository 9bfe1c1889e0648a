"""The ``netbuilder`` command line (a contract other tools and tests rely on).

::

    netbuilder                          open the editor
    netbuilder open FILE                open a project (or a .keras/.h5 model) in the editor
    netbuilder examples                 list examples: name and title
    netbuilder examples NAME -o FILE    write an example project
    netbuilder validate FILE [--json]   exit 0 if valid, 1 if problems, 2 if unreadable
    netbuilder summary FILE [--json]    per node: name, type, output shape, params; totals
    netbuilder export FILE -o OUT.py    runnable Python (build_model() + training main)
    netbuilder import MODEL -o FILE     .keras / .h5 / model JSON -> project
    netbuilder build FILE -o OUT.keras  build the untrained model and save it
    netbuilder train FILE [options]     train (see ``netbuilder train --help``)

Errors go to stderr as one sentence, never a traceback. Exit codes: 0 success,
1 the input has problems or the operation failed, 2 the input is unreadable
(or the command line is wrong).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.messages import tr

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


class CliError(Exception):
    """A failure reported as one sentence with an exit code."""

    def __init__(self, message: str, code: int = EXIT_PROBLEMS) -> None:
        super().__init__(message)
        self.code = code


def _quiet_tensorflow() -> None:
    from .core.tfenv import preload_keras_quietly

    preload_keras_quietly()


def _load(path: str):
    from .core.loading import MODEL_SUFFIXES, LoadError, load_any

    if path.lower().endswith((*MODEL_SUFFIXES, ".json")):
        _quiet_tensorflow()  # importing a model checks layer configs with Keras

    try:
        return load_any(path)
    except LoadError as exc:
        raise CliError(str(exc), EXIT_UNREADABLE) from None


def _analyzer(graph):
    """An analyzer; generic nodes get their shapes from Keras (the slower path)."""
    from .core.analysis import Analyzer

    oracle = None
    if any(n.is_generic for n in graph):
        _quiet_tensorflow()
        from .core.keras_layers import keras_oracle

        oracle = keras_oracle
    return Analyzer(graph, oracle)


def _write_text(path: str, text: str) -> None:
    from .core.project import atomic_write_text

    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise _write_failed(path, exc) from None


def _write_failed(path: str, exc: OSError) -> CliError:
    return CliError(tr("cannot write {path}: {reason}", path=path, reason=exc.strerror or str(exc)))


# -- commands ---------------------------------------------------------------------------
def cmd_gui(args: argparse.Namespace) -> int:
    from .app import main as app_main

    return app_main(getattr(args, "file", None))


def cmd_examples(args: argparse.Namespace) -> int:
    from .core import examples
    from .core.project import dumps

    if not args.name:
        for info in examples.list_examples():
            print(f"{info.name}\t{info.title_en} / {info.title_ru}")
        return EXIT_OK
    if not args.output:
        raise CliError(
            tr("give an output file with -o, e.g. -o {name}.nbproj", name=args.name),
            EXIT_UNREADABLE,
        )
    try:
        project = examples.load_example(args.name)
    except KeyError as exc:
        raise CliError(str(exc.args[0]) if exc.args else str(exc), EXIT_UNREADABLE) from None
    _write_text(args.output, dumps(project))
    print(tr("wrote example {name} to {path}", name=args.name, path=args.output))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    project = _load(args.file)
    graph = project.graph
    problems = _analyzer(graph).problems()
    counted = [p for p in problems if p.is_error or args.strict]
    if args.json:
        names = {n.id: n.name for n in graph}
        print(
            json.dumps(
                {
                    "valid": not counted,
                    "problems": [p.to_dict(names.get(p.node_id or "")) for p in problems],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for p in problems:
            node = graph.nodes[p.node_id].name if p.node_id in graph.nodes else "-"
            print(f"{tr(p.severity)} {node}: {p.message}")
        if not problems:
            print(tr("valid: {n} layers, no problems", n=len(graph)))
    return EXIT_PROBLEMS if counted else EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    from .core.summary import format_summary, summarize, summary_to_dict

    project = _load(args.file)
    summary = summarize(project.graph, _analyzer(project.graph))
    if args.json:
        print(json.dumps(summary_to_dict(summary), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(format_summary(summary, project.display_title()))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .core.codegen import export_code

    project = _load(args.file)
    _require_valid(project)
    code = export_code(project)
    _write_text(args.output, code)
    print(tr("wrote {path}", path=args.output))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from .core.project import dumps

    project = _load(args.model)
    _write_text(args.output, dumps(project))
    print(tr("imported {n} layers into {path}", n=len(project.graph), path=args.output))
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    project = _load(args.file)
    _require_valid(project)
    if not args.output.endswith(".keras"):
        raise CliError(
            tr("the output file must end in .keras, got {path}", path=args.output), EXIT_UNREADABLE
        )
    _quiet_tensorflow()  # a wrong output name is refused before Keras loads
    from .core.builder import build_model
    from .core.codegen import model_name
    from .core.keras_layers import BuildError

    try:
        model = build_model(project.graph, name=model_name(project))
    except BuildError as exc:
        raise CliError(str(exc)) from None
    tmp = Path(args.output).with_name(f".{Path(args.output).name}.tmp.keras")
    try:
        model.save(tmp)
        os.replace(tmp, args.output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _write_failed(args.output, exc) from None
    print(
        tr(
            "built {name}: {n} parameters, saved to {path}",
            name=model.name,
            n=f"{model.count_params():,}",
            path=args.output,
        )
    )
    return EXIT_OK


def _require_valid(project) -> None:
    graph = project.graph
    errors = _analyzer(graph).errors()
    if errors:
        first = errors[0]
        raise CliError(
            tr(
                "the graph has {n} errors, so it cannot be built; first: {message} (run 'netbuilder validate' for all)",
                n=len(errors),
                message=first.message,
            )
        )


# -- parser -----------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netbuilder",
        description=tr("Design Keras neural networks by drawing them."),
    )
    parser.add_argument("--version", action="version", version=f"netbuilder {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("open", help=tr("open a project (or a .keras/.h5 model) in the editor"))
    p.add_argument("file")
    p.set_defaults(func=cmd_gui)

    p = sub.add_parser("examples", help=tr("list examples, or write one as a project"))
    p.add_argument("name", nargs="?")
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_examples)

    p = sub.add_parser(
        "validate", help=tr("check a project; exit 0 if valid, 1 if problems, 2 if unreadable")
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help=tr("print the problems as JSON"))
    p.add_argument("--strict", action="store_true", help=tr("warnings count as problems too"))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "summary", help=tr("per layer: name, type, output shape, parameters; totals")
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser(
        "export", help=tr("write runnable Python: build_model() plus a training main")
    )
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help=tr("turn a .keras / .h5 / model JSON file into a project"))
    p.add_argument("model")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("build", help=tr("build the untrained Keras model and save it as .keras"))
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_build)

    from . import train_cli

    train_cli.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        return cmd_gui(args)
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"netbuilder {args.command}: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print(tr("netbuilder: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the contract: one sentence, never a traceback
        print(
            f"netbuilder {args.command}: "
            + tr("unexpected error: {kind}: {detail}", kind=type(exc).__name__, detail=exc),
            file=sys.stderr,
        )
        if os.environ.get("NETBUILDER_DEBUG"):
            raise
        return EXIT_PROBLEMS


if __name__ == "__main__":
    raise SystemExit(main())
