"""Data preview: shapes, dtypes, class counts and a few samples, ready to show.

Qt-free. Images come back as small ``uint8`` arrays (the GUI turns them into
thumbnails), token sequences as decoded text where the source has a
vocabulary, everything else as a short list of numbers.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .standalone import describe_data, load_dataset

THUMBNAIL = 64  # longest side of a preview image, in pixels
MAX_VALUES = 12  # numbers shown per sample for plain arrays
MAX_TOKENS = 40  # tokens decoded per text sample


def preview(
    spec: dict[str, Any],
    input_names: list[str],
    output_names: list[str],
    base_dir: str = ".",
    n: int = 8,
    seed: int = 0,
) -> dict[str, Any]:
    """Load the data a spec describes and summarize it.

    Returns ``{"count", "inputs", "targets", "samples"}``: ``inputs`` and
    ``targets`` map node names to shape/dtype/range (targets also ``classes``:
    id -> count, and ``class_names`` where known); ``samples`` is a list of up to
    ``n`` dicts ``{"inputs": {name: item}, "targets": {name: item}}`` where an
    item is ``{"kind": "image", "image": uint8 array}``, ``{"kind": "text",
    "text", "tokens"}``, ``{"kind": "label", "value", "name"}`` or
    ``{"kind": "values", "values", "shape"}``. Raises DataError like load_data.
    """
    data = load_dataset(spec, input_names, output_names, seed, base_dir)
    info = describe_data(data["x"], data["y"])
    vocabulary: list[str] = data["vocabulary"]
    for name, names in data["classes"].items():
        if name in info["targets"]:
            info["targets"][name]["class_names"] = list(names)
    samples = []
    for i in range(min(n, info["samples"])):
        samples.append(
            {
                "inputs": {k: _input_item(v[i], vocabulary) for k, v in data["x"].items()},
                "targets": {
                    k: _target_item(v[i], data["classes"].get(k)) for k, v in data["y"].items()
                },
            }
        )
    return {
        "count": info["samples"],
        "inputs": info["inputs"],
        "targets": info["targets"],
        "samples": samples,
    }


def _is_image(sample: np.ndarray) -> bool:
    if sample.dtype.kind not in "fub":
        return False
    if sample.ndim == 2:
        return True
    return sample.ndim == 3 and sample.shape[-1] in (1, 3, 4) and min(sample.shape[:2]) > 1


def to_uint8_image(sample: np.ndarray) -> np.ndarray:
    """A (h, w) or (h, w, 3|4) uint8 picture of an array, at most THUMBNAIL pixels a side.

    Values in 0..1 are scaled to 0..255, values in 0..255 kept, anything else
    stretched from its minimum to its maximum.
    """
    img = np.asarray(sample, dtype="float64")
    if img.ndim == 3 and img.shape[-1] == 1:
        img = img[..., 0]
    step = max(1, math.ceil(max(img.shape[:2]) / THUMBNAIL))
    img = img[::step, ::step]
    low, high = (float(img.min()), float(img.max())) if img.size else (0.0, 0.0)
    if low >= 0 and high <= 1:
        img = img * 255
    elif low < 0 or high > 255:
        img = (img - low) / ((high - low) or 1.0) * 255
    return np.clip(np.round(img), 0, 255).astype("uint8")


def _input_item(sample: np.ndarray, vocabulary: list[str]) -> dict[str, Any]:
    sample = np.asarray(sample)
    if sample.dtype.kind in "iu" and sample.ndim == 1:
        tokens = [int(t) for t in sample if t != 0][:MAX_TOKENS]
        item: dict[str, Any] = {"kind": "text", "tokens": tokens, "text": ""}
        if vocabulary:
            words = [vocabulary[t] if t < len(vocabulary) else "?" for t in tokens]
            item["text"] = " ".join(words)
        return item
    if _is_image(sample):
        return {"kind": "image", "image": to_uint8_image(sample)}
    return _values(sample)


def _values(sample: np.ndarray) -> dict[str, Any]:
    flat = np.asarray(sample).ravel()[:MAX_VALUES]
    values = [int(v) if flat.dtype.kind in "iub" else round(float(v), 4) for v in flat]
    return {"kind": "values", "values": values, "shape": list(np.shape(sample))}


def _target_item(sample: np.ndarray, class_names: list[str] | None) -> dict[str, Any]:
    sample = np.asarray(sample)
    if sample.size == 1 and (sample.dtype.kind in "iub" or class_names):
        value = int(sample.ravel()[0])
        name = class_names[value] if class_names and 0 <= value < len(class_names) else ""
        return {"kind": "label", "value": value, "name": name}
    return _values(sample)


__all__ = ["THUMBNAIL", "preview", "to_uint8_image"]
