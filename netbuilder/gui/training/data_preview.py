"""Qt-free data preview for the training dock: load a data source and summarise it.

Runs on a pool thread: :func:`load_preview` loads the arrays the model will see
(same loader as the worker), describes them and picks a few samples: images
become small uint8 thumbnails, token sequences become words again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...core.training.standalone import describe_data, load_dataset

SAMPLES = 6
THUMB = 48


@dataclass
class DataPreview:
    """What the data panel shows, plus the arrays kept for "Check data"."""

    spec: dict[str, Any]
    description: dict[str, Any]
    x: dict[str, np.ndarray]
    y: dict[str, np.ndarray]
    classes: dict[str, list[str]] = field(default_factory=dict)
    thumbnails: list[tuple[np.ndarray, str]] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)


def spec_text(spec: dict[str, Any]) -> str:
    """A data spec written back in the ``--data`` syntax (what parse_data_arg reads)."""
    kind = spec.get("kind", "")

    def options(skip: tuple[str, ...]) -> str:
        parts = []
        for key, value in spec.items():
            if key in skip:
                continue
            if isinstance(value, list):
                value = (
                    "x".join(str(v) for v in value)
                    if key == "size"
                    else ",".join(str(v) for v in value)
                )
            parts.append(f"{key}={value}")
        return ",".join(parts)

    if kind == "builtin":
        rest = options(("kind", "name"))
        return f"builtin:{spec.get('name', '')}" + (f":{rest}" if rest else "")
    if kind == "npy":
        x = ",".join(spec.get("x") or [])
        y = ",".join(spec.get("y") or [])
        return f"x={x};y={y}"
    if kind:
        rest = options(("kind", "path"))
        return f"{kind}:{spec.get('path', '')}" + (f":{rest}" if rest else "")
    return ""


def _thumbnail(sample: np.ndarray) -> np.ndarray | None:
    """An (h, w) or (h, w, 3) uint8 image for an image-like sample, else None."""
    a = np.asarray(sample)
    if a.ndim == 3 and a.shape[-1] == 1:
        a = a[..., 0]
    if not (a.ndim == 2 or (a.ndim == 3 and a.shape[-1] == 3)) or min(a.shape[:2]) < 4:
        return None
    a = a.astype("float64")
    lo, hi = float(a.min()), float(a.max())
    a = (a - lo) / (hi - lo) if hi > lo else np.zeros_like(a)
    step = max(1, max(a.shape[:2]) // THUMB)
    return np.ascontiguousarray((a[::step, ::step] * 255).astype("uint8"))


def _label(y: dict[str, np.ndarray], classes: dict[str, list[str]], i: int) -> str:
    parts = []
    for name, arr in y.items():
        value = np.asarray(arr[i]).reshape(-1)
        if value.size == 1:
            v = value[0]
            names = classes.get(name) or []
            text = (
                names[int(v)]
                if names and float(v).is_integer() and 0 <= v < len(names)
                else f"{v:g}"
            )
        else:
            text = f"[{', '.join(f'{v:.3g}' for v in value[:6])}{', …' if value.size > 6 else ''}]"
        parts.append(text if len(y) == 1 else f"{name}={text}")
    return "; ".join(parts)


def _row(x: dict[str, np.ndarray], vocabulary: list[str], i: int) -> str:
    parts = []
    for name, arr in x.items():
        flat = np.asarray(arr[i]).reshape(-1)
        if vocabulary and arr.dtype.kind in "iu":
            words = [vocabulary[t] for t in flat if 0 < t < len(vocabulary)][:16]
            text = " ".join(words) + (" …" if len(words) == 16 else "")
        else:
            text = ", ".join(f"{v:.3g}" for v in flat[:8]) + (", …" if flat.size > 8 else "")
        parts.append(text if len(x) == 1 else f"{name}: {text}")
    return " | ".join(parts)


def load_preview(
    spec: dict[str, Any],
    input_names: list[str],
    output_names: list[str],
    seed: int,
    base_dir: str,
) -> DataPreview:
    """Load ``spec`` as the worker would and summarise it (raises DataError)."""
    data = load_dataset(spec, input_names, output_names, seed=seed, base_dir=base_dir)
    x, y = data["x"], data["y"]
    classes = data.get("classes") or {}
    preview = DataPreview(dict(spec), describe_data(x, y), x, y, classes)
    n = min((len(a) for a in [*x.values(), *y.values()]), default=0)
    for i in range(min(SAMPLES, n)):
        label = _label(y, classes, i)
        first = next(iter(x.values()))
        image = _thumbnail(first[i]) if len(x) == 1 else None
        if image is not None:
            preview.thumbnails.append((image, label))
        else:
            preview.rows.append(f"{_row(x, data.get('vocabulary') or [], i)}  →  {label}")
    return preview
