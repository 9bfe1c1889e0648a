"""Training data for netbuilder models: the --data syntax and file/folder loaders.

This module is self-contained on purpose: it imports only the standard library
and NumPy at the top (Keras and TensorFlow only inside the functions that need
them), so that netbuilder can copy its source text verbatim into exported
training scripts. The app, ``netbuilder train`` and an exported script
therefore read data in exactly the same way.

The ``--data`` syntax is documented in :func:`parse_data_arg`. The built-in
datasets live in :mod:`standalone_datasets`; exported scripts embed both
modules (relative imports between them are dropped there).
"""

from __future__ import annotations

import csv
import os
import re
import zipfile
from collections.abc import Callable
from typing import Any

import numpy as np

# Exported scripts embed standalone_datasets.py right before this module.
from .standalone_datasets import (  # noqa: F401  (re-exported)
    BUILTIN_DATASETS,
    BUILTIN_NAMES,
    KEYWORD,
    Arrays,
    DataError,
    bag_of_words,
    flying_ball,
    keywords,
    long_memory,
    multi_io,
    shapes_64,
)

# ---------------------------------------------------------------------------
# The --data syntax
# ---------------------------------------------------------------------------

_KIND_OPTIONS = {
    "npz": {"x", "y"},
    "npy": {"x", "y"},
    "csv": {"target", "features", "task", "delimiter"},
    "images": {"size", "color", "scale"},
    "texts": {"length", "vocab"},
}
_LIST_OPTIONS = {"x", "y", "features", "target", "size"}
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif")


def _coerce(value: str) -> Any:
    """'12' -> 12, '0.5' -> 0.5, 'true' -> True, '64x64' -> [64, 64], else the text."""
    low = value.lower()
    if low in ("true", "false"):
        return low == "true"
    if low in ("none", "null"):
        return None
    if re.fullmatch(r"\d+x\d+", low):
        return [int(v) for v in low.split("x")]
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def _parse_options(text: str) -> dict[str, Any]:
    """'a=1,b=x,y;c=2' -> {'a': 1, 'b': ['x', 'y'], 'c': 2}.

    Pieces are separated by ',' or ';'; a piece without '=' adds one more item
    to the previous option's list (``features=A,B,C``, ``x=arr1,arr2;y=arr3``).
    """
    options: dict[str, Any] = {}
    last = None
    for piece in re.split(r"[,;]", text):
        piece = piece.strip()
        if not piece:
            continue
        if "=" in piece:
            key, value = (s.strip() for s in piece.split("=", 1))
            if not key:
                raise DataError(f"The data option {piece!r} has no name before '='.")
            options[key] = [value] if key in _LIST_OPTIONS else _coerce(value)
            last = key
        elif last is not None:
            current = options[last]
            options[last] = [*current, piece] if isinstance(current, list) else [current, piece]
        else:
            raise DataError(f"The data option {piece!r} needs the form name=value.")
    if isinstance(options.get("size"), list):
        size = options["size"]
        options["size"] = [int(v) for v in (size[0].lower().split("x") if len(size) == 1 else size)]
    if isinstance(options.get("target"), list) and len(options["target"]) == 1:
        options["target"] = options["target"][0]
    return options


def _split_path_options(text: str) -> tuple[str, dict[str, Any]]:
    """'data/a.csv:target=y' -> ('data/a.csv', {'target': 'y'}); a drive 'C:' stays."""
    match = re.fullmatch(r"(.+?):([^:/\\]*=[^/\\]*)", text)
    if match:
        return match.group(1), _parse_options(match.group(2))
    return text, {}


def _folder_kind(path: str) -> str | None:
    """'texts' or 'images' for a folder of class sub-folders, else None."""
    suffixes = set()
    for entry in sorted(os.listdir(path)):
        sub = os.path.join(path, entry)
        if os.path.isdir(sub):
            suffixes |= {os.path.splitext(f)[1].lower() for f in os.listdir(sub)}
    if ".txt" in suffixes:
        return "texts"
    return "images" if suffixes & set(_IMAGE_SUFFIXES) else None


def parse_data_arg(text: str) -> dict[str, Any]:
    """Turn a ``--data`` argument into a data spec (the dict saved in ``project.data``).

    Forms (options are ``name=value`` separated by ``,``; a value may be a list
    ``a,b,c``; ``;`` also separates options):

    - ``builtin:NAME[:key=value,...]`` or just ``NAME[:...]`` -- a built-in
      dataset, generated from the seed: bag_of_words, shapes_64, long_memory,
      keywords, flying_ball, multi_io. ``samples=N`` sets its size; other keys
      are the generator's options (``long_memory:length=100,repeats=1``).
    - ``PATH.npz[:x=arr1,arr2;y=arr3]`` -- arrays for each input and output in
      order. Without x/y: arrays named after the model's input/output nodes,
      else ``x``/``y``, else the first arrays in file order (inputs first).
    - ``x=A.npy[,B.npy];y=C.npy`` -- one ``.npy`` file per input and output.
    - ``PATH.csv[:target=COL,features=A,B,...]`` -- numeric feature columns
      (default: all but the target) and a target column (default: the last).
      A text target becomes integer class ids; ``task=regression`` keeps a
      numeric target as numbers, ``task=classification`` makes it class ids.
    - ``images:DIR[:size=64x64,color=grayscale|rgb]`` or a bare ``DIR`` of
      class sub-folders holding images -- pixels scaled to 0..1, labels are the
      sub-folder's class id (sub-folders in alphabetical order).
    - ``texts:DIR[:length=200,vocab=10000]`` or a bare ``DIR`` of class
      sub-folders holding ``.txt`` files -- token id sequences for an
      Embedding input (Unicode-aware: Russian text keeps its words).

    Raises DataError for anything it cannot read as one of these.
    """
    text = (text or "").strip()
    if not text:
        raise DataError("The data source is empty; give a built-in dataset name or a file.")
    lowered = text.lower()
    if lowered.startswith("builtin:"):
        name, _, rest = text[len("builtin:") :].partition(":")
        return _builtin_spec(name.strip(), rest)
    for kind in ("images", "texts", "npz", "csv"):
        if lowered.startswith(kind + ":"):
            path, options = _split_path_options(text[len(kind) + 1 :])
            return _file_spec(kind, path, options)
    if lowered.startswith(("x=", "npy:")):
        options = _parse_options(text[4:] if lowered.startswith("npy:") else text)
        return _file_spec("npy", "", options)
    path, options = _split_path_options(text)
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".npz", ".csv"):
        return _file_spec(suffix[1:], path, options)
    if suffix == ".npy":
        raise DataError(
            f"A single .npy file ({path}) holds no targets; "
            "give one file per input and output as x=INPUTS.npy,y=TARGETS.npy."
        )
    name, _, rest = text.partition(":")
    if name in BUILTIN_DATASETS:
        return _builtin_spec(name, rest)
    if os.path.isdir(path):
        kind = _folder_kind(path)
        if kind is None:
            raise DataError(
                f"The folder {path} has no class sub-folders with images or .txt files."
            )
        return _file_spec(kind, path, options)
    if re.fullmatch(r"\w+", text):
        raise _unknown_dataset(text)
    raise DataError(f"There is no file or folder {path}.")


def _unknown_dataset(name: Any) -> DataError:
    choices = ", ".join(BUILTIN_DATASETS)
    return DataError(f"Unknown built-in dataset {name!r}; choose one of {choices}.")


def _builtin_spec(name: str, rest: str) -> dict[str, Any]:
    if name not in BUILTIN_DATASETS:
        raise _unknown_dataset(name)
    return {"kind": "builtin", "name": name, **_parse_options(rest)}


def _file_spec(kind: str, path: str, options: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(options) - _KIND_OPTIONS[kind])
    if unknown:
        raise DataError(
            f"Unknown option {unknown[0]!r} for {kind} data; "
            f"use {', '.join(sorted(_KIND_OPTIONS[kind]))}."
        )
    spec: dict[str, Any] = {"kind": kind, **options}
    if path:
        spec["path"] = path
    return spec


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def load_data(
    spec: dict[str, Any],
    input_names: list[str],
    output_names: list[str],
    seed: int = 0,
    base_dir: str = ".",
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Load the data a spec describes as ``({input name: array}, {output name: array})``.

    Relative paths resolve against ``base_dir`` (the project's folder). Several
    inputs/outputs are matched by node name where the source names its arrays,
    else by order. The same spec and seed always give the same arrays.
    """
    data = load_dataset(spec, input_names, output_names, seed, base_dir)
    return data["x"], data["y"]


def load_dataset(
    spec: dict[str, Any],
    input_names: list[str],
    output_names: list[str],
    seed: int = 0,
    base_dir: str = ".",
) -> dict[str, Any]:
    """Like :func:`load_data`, plus what previews and predictions need.

    Returns a dict with ``x`` and ``y`` (name -> array), ``classes`` (output
    name -> class names, where the source names them) and ``vocabulary`` (the
    token list of text data, index = token id).
    """
    kind = spec.get("kind")
    if kind not in _LOADERS:
        raise DataError(f"Unknown data kind {kind!r}; use builtin, npz, npy, csv, images or texts.")
    path = os.path.join(base_dir, spec["path"]) if spec.get("path") else ""
    if kind in ("npz", "csv") and not os.path.isfile(path):
        raise DataError(f"There is no file {path}.")
    if kind in ("images", "texts") and not os.path.isdir(path):
        raise DataError(f"There is no folder {path}.")
    if kind in ("csv", "images", "texts") and (len(input_names), len(output_names)) != (1, 1):
        what = {"csv": "CSV data", "images": "A folder of images", "texts": "A folder of texts"}
        raise DataError(f"{what[kind]} fits a model with one input and one output.")
    try:
        x, y, classes, vocabulary = _LOADERS[kind](
            path, spec, input_names, output_names, seed, base_dir
        )
    except DataError:
        raise
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:  # damaged files
        raise DataError(f"{path or 'The data'} cannot be read ({_short(exc)}).") from None
    return {"x": x, "y": y, "classes": classes, "vocabulary": vocabulary}


def _match(
    arrays: list[np.ndarray], own: list[str], names: list[str], what: str, source: str
) -> dict[str, np.ndarray]:
    """The model's ``names`` -> arrays: by the source's ``own`` names if they fit, else by order."""
    if own and set(names) <= set(own):
        return {n: arrays[own.index(n)] for n in names}
    if len(arrays) != len(names):
        have = f"{len(arrays)} {what} array" + ("" if len(arrays) == 1 else "s")
        want = f"{len(names)} {what}" + ("" if len(names) == 1 else "s")
        raise DataError(f"{source} gives {have}, but the model has {want} ({', '.join(names)}).")
    return dict(zip(names, arrays, strict=True))


def _load_builtin(path, spec, input_names, output_names, seed, base_dir):
    name = spec.get("name")
    if name not in BUILTIN_DATASETS:
        raise _unknown_dataset(name)
    options = {k: v for k, v in spec.items() if k not in ("kind", "name", "seed")}
    try:
        inputs, targets = BUILTIN_DATASETS[name](seed=int(spec.get("seed", seed)), **options)
    except TypeError as exc:
        raise DataError(
            f"The built-in dataset {name!r} does not take these options ({exc})."
        ) from None
    own_in, own_out = (list(n) for n in BUILTIN_NAMES.get(name, ((), ())))
    source = f"The built-in dataset {name!r}"
    x = _match(inputs, own_in, input_names, "input", source)
    return x, _match(targets, own_out, output_names, "output", source), {}, []


def _load_npz(path, spec, input_names, output_names, seed, base_dir):
    with np.load(path, allow_pickle=False) as archive:
        arrays = {k: archive[k] for k in archive.files}
    files, source = list(arrays), f"The file {os.path.basename(path)}"
    x_keys, y_keys = spec.get("x") or [], spec.get("y") or []
    for key in x_keys + y_keys:
        if key not in arrays:
            raise DataError(f"{source} has no array {key!r}; it holds {', '.join(files)}.")
    if bool(x_keys) != bool(y_keys):
        raise DataError(f"Name both the input and the target arrays of {path}: x=...;y=...")
    if not x_keys:
        # No choice given: node names, else x/y, else the first arrays in file order.
        n_in = len(input_names)
        x_keys, y_keys = files[:n_in], files[n_in : n_in + len(output_names)]
        for pair in ((input_names, output_names), (["x"], ["y"]), (["x_train"], ["y_train"])):
            if set(pair[0]) | set(pair[1]) <= set(files) and len(pair[0]) == n_in:
                x_keys, y_keys = pair
                break
    x = _match([arrays[k] for k in x_keys], [], input_names, "input", source)
    return x, _match([arrays[k] for k in y_keys], [], output_names, "output", source), {}, []


def _load_npy(path, spec, input_names, output_names, seed, base_dir):
    if not spec.get("x") or not spec.get("y"):
        raise DataError("Give one .npy file per input and output: x=INPUTS.npy,y=TARGETS.npy.")
    found = {}
    for p in spec["x"] + spec["y"]:
        full = os.path.join(base_dir, p)
        if not os.path.isfile(full):
            raise DataError(f"There is no file {full}.")
        found[p] = np.load(full, allow_pickle=False)
    x = _match([found[p] for p in spec["x"]], [], input_names, "input", "The .npy files")
    y = _match([found[p] for p in spec["y"]], [], output_names, "output", "The .npy files")
    return x, y, {}, []


def _numbers(values: list[str]) -> list[float] | None:
    """The column as floats, or None if any cell is not a number."""
    try:
        return [float(v) for v in values]
    except ValueError:
        return None


def _load_csv(path, spec, input_names, output_names, seed, base_dir):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.reader(f, delimiter=str(spec.get("delimiter", ","))) if any(r)]
    if len(rows) < 2:
        raise DataError(f"The file {path} has no data rows under its header.")
    header, body = [h.strip() for h in rows[0]], rows[1:]
    target = spec.get("target") or header[-1]
    features = spec.get("features") or [h for h in header if h != target]
    columns: dict[str, list[str]] = {}
    for col in [target, *features]:
        if col not in header:
            raise DataError(f"The file {path} has no column {col!r}; it has {', '.join(header)}.")
        i = header.index(col)
        columns[col] = [r[i].strip() if i < len(r) else "" for r in body]
        if "" in columns[col]:
            row = columns[col].index("") + 2
            raise DataError(f"Row {row} of {path} has no value in column {col!r}.")
    table = []
    for col in features:
        numbers = _numbers(columns[col])
        if numbers is None:
            bad = next(v for v in columns[col] if _numbers([v]) is None)
            raise DataError(
                f"The feature column {col!r} of {path} holds text ({bad!r}); "
                "choose numeric columns with features=A,B,..."
            )
        table.append(numbers)
    x = np.array(table, dtype="float32").T.reshape(len(body), len(features))
    raw, task = columns[target], spec.get("task")
    numbers = _numbers(raw)
    if numbers is None or task == "classification":
        # Text (or forced) classes: ids in alphabetical order of the class names.
        names = sorted(set(raw))
        y = np.array([names.index(v) for v in raw], dtype="int32")
        return {input_names[0]: x}, {output_names[0]: y}, {output_names[0]: names}, []
    values = np.array(numbers)
    # A few small whole numbers are class ids; anything else is a regression target.
    ids = np.all(values == np.round(values)) and values.min() >= 0 and len(set(numbers)) <= 20
    y = (
        values.astype("int32")
        if ids and task != "regression"
        else values[:, None].astype("float32")
    )
    return {input_names[0]: x}, {output_names[0]: y}, {}, []


def _class_folders(path: str, suffixes: tuple[str, ...]) -> list[str]:
    """Sub-folders (alphabetical) holding files with these suffixes: one class each."""
    subs = sorted(e for e in os.listdir(path) if os.path.isdir(os.path.join(path, e)))
    found = [
        s
        for s in subs
        if any(f.lower().endswith(suffixes) for f in os.listdir(os.path.join(path, s)))
    ]
    if not found:
        raise DataError(
            f"The folder {path} holds no class sub-folders with {' or '.join(suffixes)} files."
        )
    return found


def _load_images(path, spec, input_names, output_names, seed, base_dir):
    import keras

    class_names = _class_folders(path, _IMAGE_SUFFIXES)
    size = spec.get("size") or [64, 64]
    color = spec.get("color", "grayscale")
    if color not in ("grayscale", "rgb", "rgba"):
        raise DataError(f"Unknown image color {color!r}; use grayscale or rgb.")
    dataset = keras.utils.image_dataset_from_directory(
        path,
        class_names=class_names,
        color_mode=color,
        image_size=(int(size[0]), int(size[-1])),
        batch_size=256,
        shuffle=True,  # so a validation split holds every class
        seed=seed,
        verbose=False,
    )
    try:
        batches = [(np.asarray(bx, "float32"), np.asarray(by, "int32")) for bx, by in dataset]
    except Exception as exc:  # TensorFlow's decode errors share no narrower base class
        raise DataError(f"{_broken_image(path, class_names)} ({_short(exc)}).") from None
    x = np.concatenate([b[0] for b in batches]) * float(spec.get("scale", 1 / 255))
    y = np.concatenate([b[1] for b in batches])
    return {input_names[0]: x}, {output_names[0]: y}, {output_names[0]: class_names}, []


def _short(exc: Exception) -> str:
    """The first line of an error, without TensorFlow's ``{{function_node ...}}`` prefix."""
    text = re.sub(r"\{\{.*?\}\}\s*", "", str(exc)).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _broken_image(path: str, class_names: list[str]) -> str:
    """Name the first image that cannot be decoded, for the error message."""
    import keras

    for name in class_names:
        for file in sorted(os.listdir(os.path.join(path, name))):
            if file.lower().endswith(_IMAGE_SUFFIXES):
                try:
                    keras.utils.load_img(os.path.join(path, name, file))
                except Exception:  # PIL raises several unrelated types
                    return f"The image {os.path.join(name, file)} in {path} cannot be read"
    return f"An image in {path} cannot be read"


def unicode_standardize(text):
    """Lowercase and drop punctuation, keeping the letters of every alphabet.

    TextVectorization's default standardizer lowercases only ASCII and strips
    with an ASCII-only pattern, so Cyrillic words would be mangled.
    """
    import tensorflow as tf

    lowered = tf.strings.lower(text, encoding="utf-8")
    return tf.strings.regex_replace(lowered, r"[^\p{L}\p{N}\s]", " ")


def _load_texts(path, spec, input_names, output_names, seed, base_dir):
    import keras

    class_names = _class_folders(path, (".txt",))
    texts, labels = [], []
    for label, name in enumerate(class_names):
        folder = os.path.join(path, name)
        for file in sorted(f for f in os.listdir(folder) if f.lower().endswith(".txt")):
            with open(os.path.join(folder, file), encoding="utf-8", errors="replace") as f:
                texts.append(f.read())
            labels.append(label)
    order = np.random.default_rng(seed).permutation(len(texts))  # mix the classes
    vectorizer = keras.layers.TextVectorization(
        max_tokens=int(spec.get("vocab", 10000)),
        output_sequence_length=int(spec.get("length", 200)),
        standardize=unicode_standardize,
    )
    vectorizer.adapt([texts[i] for i in order])
    tokens = np.asarray(vectorizer(np.array([texts[i] for i in order])), dtype="int32")
    y = np.array(labels, dtype="int32")[order]
    vocabulary = [str(t) for t in vectorizer.get_vocabulary()]
    return (
        {input_names[0]: tokens},
        {output_names[0]: y},
        {output_names[0]: class_names},
        vocabulary,
    )


_LOADERS: dict[str, Callable[..., tuple]] = {
    "builtin": _load_builtin,
    "npz": _load_npz,
    "npy": _load_npy,
    "csv": _load_csv,
    "images": _load_images,
    "texts": _load_texts,
}


def describe_data(x: dict[str, np.ndarray], y: dict[str, np.ndarray]) -> dict[str, Any]:
    """Shapes (per sample), dtypes, value ranges and class counts, for previews and logs."""

    def info(array: np.ndarray, target: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"shape": list(array.shape[1:]), "dtype": str(array.dtype)}
        if array.size and array.dtype.kind in "iufb":
            out["min"], out["max"] = float(array.min()), float(array.max())
        whole = array.dtype.kind in "iub" or (array.size and np.all(array == np.round(array)))
        if target and array.size and whole and array.min() >= 0 and array.size == len(array):
            values, counts = np.unique(array.astype("int64"), return_counts=True)
            if len(values) <= 100:
                out["classes"] = {int(v): int(c) for v, c in zip(values, counts, strict=True)}
        return out

    sizes = {len(a) for a in [*x.values(), *y.values()]}
    return {
        "samples": min(sizes) if sizes else 0,
        "inputs": {k: info(v, False) for k, v in x.items()},
        "targets": {k: info(v, True) for k, v in y.items()},
    }
