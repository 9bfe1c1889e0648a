"""Import Keras models (``.keras``, ``.h5``, model JSON) into a project without running their code.

Only the model *description* is read: ``config.json`` from a ``.keras`` zip
archive (sizes checked before and while reading, nothing else extracted), the
``model_config`` attribute of an HDF5 file, or the JSON text that
``model.to_json()`` writes. Nothing is unpickled, no ``Lambda`` bytecode is
deserialized and ``keras.models.load_model`` is never called. Layers become
catalog nodes when the catalog can express them exactly, generic nodes
otherwise (see :mod:`.importer_layers`); the graph comes from
:mod:`.importer_graph` and gets a layered layout (:mod:`.layout`).

Anything damaged, foreign or unsupported raises :class:`ModelImportError`
with one clear sentence that starts with the file name.
"""

from __future__ import annotations

import json
import math
import os
import zipfile
from pathlib import Path
from typing import Any

from .graph import Graph
from .importer_graph import GraphImporter, ImportFailure, Note
from .layout import layered_layout
from .messages import language, tr
from .project import Project

MAX_CONFIG_BYTES = 64 * 1024 * 1024  # config.json / model_config / JSON file
MAX_ZIP_ENTRIES = 100_000
MAX_COMPRESSION_RATIO = 1000  # a config.json compresses ~10x; bombs go far beyond
ZIP_MAGIC = b"PK\x03\x04"
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
MODEL_SUFFIXES = (".keras", ".h5", ".hdf5")
_ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)


class ModelImportError(Exception):
    """A model file cannot be imported; the message is one clear sentence."""


def _error(template: str, **values: Any) -> ModelImportError:
    return ModelImportError(tr(template, **values))


def _unreadable(p: Path, exc: OSError) -> ModelImportError:
    return _error(
        "{file}: the file cannot be read ({reason})", file=p.name, reason=exc.strerror or str(exc)
    )


# -- public API -------------------------------------------------------------------------
def is_model_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` looks like a Keras model file (by suffix or leading bytes)."""
    p = Path(path)
    if p.is_dir():
        return (p / "config.json").is_file()
    suffix = p.suffix.lower()
    if suffix in MODEL_SUFFIXES:
        return True
    if not p.is_file():
        return False
    try:
        with p.open("rb") as f:
            head = f.read(65536)
    except OSError:
        return False
    if head.startswith(ZIP_MAGIC) or head.startswith(HDF5_MAGIC):
        return True
    if suffix == ".json":
        text = head.decode("utf-8", errors="ignore")
        return '"class_name"' in text and "netbuilder-project" not in text
    return False


def import_model(path: str | os.PathLike[str]) -> Project:
    """Read a ``.keras`` archive (or its unzipped folder), ``.h5`` file or model JSON file."""
    p = Path(path)
    if p.is_dir() and (p / "config.json").is_file():
        # keras.saving.save_model(..., zipped=False) writes the archive as a folder.
        model, fmt = _read_json_file(p / "config.json"), "keras"
    else:
        model, fmt = _read_model_file(p)
    try:
        return import_config(model, title=p.stem, source=p.name, file_format=fmt)
    except ModelImportError as exc:
        raise ModelImportError(f"{p.name}: {exc}") from None


def _read_model_file(p: Path) -> tuple[dict[str, Any], str]:
    """The model config of one file and its format, told by leading bytes or suffix."""
    if p.exists() and not p.is_dir() and not p.is_file():
        # A pipe or device would block or never end; model files are regular files.
        raise _error(
            "{file}: this is not a regular file, so it is not a Keras model file", file=p.name
        )
    try:
        with p.open("rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise _error("{file}: the file does not exist", file=p.name) from None
    except IsADirectoryError:
        raise _error("{file}: this is a folder, not a Keras model file", file=p.name) from None
    except OSError as exc:
        raise _unreadable(p, exc) from None
    if head.startswith(ZIP_MAGIC) or p.suffix.lower() == ".keras":
        return _read_keras_archive(p), "keras"
    if head.startswith(HDF5_MAGIC) or p.suffix.lower() in (".h5", ".hdf5"):
        return _read_h5(p), "h5"
    return _read_json_file(p), "json"


def import_config(
    config: dict[str, Any], title: str = "", source: str = "", file_format: str = "config"
) -> Project:
    """A project from an already-parsed model config (``json.loads(model.to_json())``)."""
    if not isinstance(config, dict):
        raise _error("the model description is not a JSON object, so it is not a Keras model")
    _check_finite(config)
    importer = GraphImporter()
    try:
        graph = importer.run(config)
    except ImportFailure as exc:
        raise ModelImportError(tr(exc.template, **exc.values)) from None
    except RecursionError:
        raise _error("the model description nests too deeply to be a Keras model") from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        # Hostile or damaged configs must give one sentence, never a traceback.
        raise _error(
            "the model description is damaged or not understood ({detail})",
            detail=f"{type(exc).__name__}: {exc}",
        ) from None
    _layout(graph)
    return _project(config, importer, graph, title, source, file_format)


# -- readers ----------------------------------------------------------------------------
def _read_keras_archive(p: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise _error(
                    "{file}: the archive has {n} entries, too many for a Keras model file",
                    file=p.name,
                    n=len(infos),
                )
            info = next((i for i in infos if i.filename == "config.json"), None)
            if info is None:
                raise _error(
                    "{file}: the archive has no config.json, so it is not a Keras 3 model file",
                    file=p.name,
                )
            if info.file_size > MAX_CONFIG_BYTES or (
                info.compress_size > 0
                and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO
                and info.file_size > 1024 * 1024
            ):
                raise _error(
                    "{file}: config.json declares {size} bytes, too large or too compressed for a model description",
                    file=p.name,
                    size=info.file_size,
                )
            if info.compress_type not in _ZIP_METHODS:
                raise _error(
                    "{file}: config.json is stored with an unsupported zip compression method ({method})",
                    file=p.name,
                    method=info.compress_type,
                )
            with zf.open(info) as f:
                # Read one byte past the limit: a lying header cannot make us read more.
                raw = f.read(MAX_CONFIG_BYTES + 1)
    except ModelImportError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise _error(
            "{file}: the file is not a valid zip archive ({reason}), so it is not a Keras model file",
            file=p.name,
            reason=str(exc) or type(exc).__name__,
        ) from None
    except (OSError, RuntimeError, ValueError) as exc:
        # zlib/bz2/lzma errors and encrypted entries land here.
        raise _error(
            "{file}: config.json cannot be read from the archive ({reason})",
            file=p.name,
            reason=str(exc) or type(exc).__name__,
        ) from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise _error("{file}: config.json is larger than it declares", file=p.name)
    return _parse_json(raw, p.name, "config.json")


def _read_h5(p: Path) -> dict[str, Any]:
    import h5py

    try:
        with h5py.File(p, "r") as f:
            if "model_config" not in f.attrs:
                raise _error(
                    "{file}: the HDF5 file has no model_config attribute (it may hold only weights), so there is no model to import",
                    file=p.name,
                )
            attr_id = f.attrs.get_id("model_config")
            if attr_id.get_storage_size() > MAX_CONFIG_BYTES:
                raise _error("{file}: the model_config attribute is too large", file=p.name)
            raw = f.attrs["model_config"]
    except ModelImportError:
        raise
    except (OSError, KeyError, ValueError, TypeError, RuntimeError) as exc:
        raise _error(
            "{file}: the file is not a readable HDF5 file ({reason})",
            file=p.name,
            reason=str(exc) or type(exc).__name__,
        ) from None
    if hasattr(raw, "tobytes") and not isinstance(raw, (bytes, str)):
        raw = raw.tobytes()
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if not isinstance(raw, bytes):
        raise _error("{file}: the model_config attribute is not text", file=p.name)
    return _parse_json(raw, p.name, "model_config")


def _read_json_file(p: Path) -> dict[str, Any]:
    try:
        size = p.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise _error(
                "{file}: the file has {size} bytes, too large for a model description",
                file=p.name,
                size=size,
            )
        raw = p.read_bytes()
    except ModelImportError:
        raise
    except OSError as exc:
        raise _unreadable(p, exc) from None
    return _parse_json(raw, p.name, "the file")


def _parse_json(raw: bytes, file: str, part: str) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _error(
            "{file}: {part} is not UTF-8 text, so it is not a Keras model description",
            file=file,
            part=part,
        ) from None
    except RecursionError:
        raise _error("{file}: {part} nests data too deeply", file=file, part=part) from None
    except ValueError as exc:
        raise _error(
            "{file}: {part} is not valid JSON ({detail})", file=file, part=part, detail=str(exc)
        ) from None
    if not isinstance(data, dict) or "class_name" not in data or "config" not in data:
        raise _error(
            "{file}: {part} has no 'class_name' and 'config', so it is not a Keras model description",
            file=file,
            part=part,
        )
    return data


def _check_finite(value: Any, depth: int = 0) -> None:
    """Project files refuse NaN and infinities; refuse them here with a clear message."""
    if depth > 200:
        raise _error("the model description nests too deeply to be a Keras model")
    if isinstance(value, float) and not math.isfinite(value):
        raise _error("the model description holds a non-finite number ({value})", value=value)
    if isinstance(value, dict):
        for v in value.values():
            _check_finite(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _check_finite(v, depth + 1)


# -- project assembly -------------------------------------------------------------------
def _layout(graph: Graph) -> None:
    for node_id, pos in layered_layout(graph).items():
        graph.nodes[node_id].pos = pos


def _project(
    config: dict[str, Any],
    importer: GraphImporter,
    graph: Graph,
    title: str,
    source: str,
    file_format: str,
) -> Project:
    model_cfg = config.get("config") if isinstance(config.get("config"), dict) else {}
    model_name = model_cfg.get("name") if isinstance(model_cfg.get("name"), str) else ""
    notes: list[Note] = list(importer.notes)
    if model_cfg.get("trainable") is False:
        notes.append(
            Note(
                "The original model was frozen (trainable=False); netbuilder builds it trainable.",
                {},
            )
        )
    record: dict[str, Any] = {
        "source": source,
        "format": file_format,
        "model_class": config.get("class_name"),
        "model_name": model_name,
    }
    if isinstance(config.get("keras_version"), str):
        record["keras_version"] = config["keras_version"]
    if importer.generic:
        record["generic"] = dict(importer.generic)
    if importer.shared:
        record["shared_layers"] = {k: list(v) for k, v in importer.shared.items()}
    if importer.call_arguments:
        record["call_arguments"] = importer.call_arguments
    training: dict[str, Any] = {}
    compile_config = config.get("compile_config")
    if isinstance(compile_config, dict) and compile_config:
        record["compile_config"] = compile_config
        training = _training_from_compile(compile_config)
    if notes:
        record["notes"] = [n.english() for n in notes]
    description: dict[str, str] = {}
    if notes:
        description["en"] = "\n".join(n.english() for n in notes)
        translated = "\n".join(tr(n.template, **n.values) for n in notes)
        if language() != "en" and translated != description["en"]:
            description[language()] = translated
    return Project(
        graph=graph,
        title={"en": title or model_name or "Imported model"},
        description=description,
        training=training,
        extra={"import": record},
    )


def _training_from_compile(compile_config: dict[str, Any]) -> dict[str, Any]:
    """The training settings a plain ``compile()`` config states (others stay in the record)."""
    from .training.settings import LOSSES, METRICS, OPTIMIZERS

    out: dict[str, Any] = {}
    opt = compile_config.get("optimizer")
    if isinstance(opt, str) and opt.lower() in OPTIMIZERS:
        out["optimizer"] = opt.lower()
    elif isinstance(opt, dict) and isinstance(opt.get("class_name"), str):
        name = opt["class_name"].lower()
        if name in OPTIMIZERS:
            out["optimizer"] = name
            lr = (opt.get("config") or {}).get("learning_rate")
            if isinstance(lr, (int, float)) and not isinstance(lr, bool) and lr > 0:
                out["learning_rate"] = float(lr)
    loss = compile_config.get("loss")
    if isinstance(loss, str) and loss in LOSSES:
        out["loss"] = loss
    metrics = compile_config.get("metrics")
    if isinstance(metrics, list) and metrics and all(m in METRICS for m in metrics):
        out["metrics"] = list(metrics)
    return out


__all__ = ["ModelImportError", "import_config", "import_model", "is_model_file"]
