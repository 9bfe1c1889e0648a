"""Predict one data sample with a saved run's model, in a separate process.

Run as ``python predict_job.py`` (by path, so no Qt is imported) with a JSON
request on stdin: ``{"model", "data", "inputs", "outputs", "seed", "base_dir",
"index"}`` and, for image data, optionally ``"file"`` (an image to predict instead
of a data sample). Prints one JSON line: ``{"index", "true", "prediction"}`` or
``{"error"}``. Keras loads here, never in the editor's process.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def image_sample(keras: Any, path: str, spec: dict[str, Any]) -> Any:
    """An image file read the way the images loader reads a data folder."""
    size = spec.get("size") or [64, 64]
    image = keras.utils.load_img(
        path, color_mode=spec.get("color", "grayscale"), target_size=(int(size[0]), int(size[-1]))
    )
    return keras.utils.img_to_array(image) * float(spec.get("scale", 1 / 255))


def predict(request: dict[str, Any]) -> dict[str, Any]:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import numpy as np

    from netbuilder.core.training.evaluation import predict_one
    from netbuilder.core.training.protocol import jsonable
    from netbuilder.core.training.standalone import load_dataset

    model = keras.saving.load_model(request["model"], compile=False)
    if request.get("file"):
        sample = image_sample(keras, request["file"], request["data"])
        result = predict_one(model, sample)
        return jsonable({"file": request["file"], "true": {}, "prediction": result, "classes": {}})
    data = load_dataset(
        request["data"],
        list(request["inputs"]),
        list(request["outputs"]),
        seed=int(request.get("seed") or 0),
        base_dir=str(request.get("base_dir") or "."),
    )
    x, y = data["x"], data["y"]
    n = min(len(a) for a in x.values())
    index = int(request.get("index", 0)) % max(n, 1)
    sample = {k: v[index] for k, v in x.items()}
    result = predict_one(model, sample if len(sample) > 1 else next(iter(sample.values())))
    true = {k: np.asarray(v[index]).tolist() for k, v in y.items()}
    return jsonable(
        {"index": index, "true": true, "prediction": result, "classes": data["classes"]}
    )


def main() -> int:
    request = json.loads(sys.stdin.read())
    try:
        answer = predict(request)
    except Exception as exc:  # the editor shows this sentence
        answer = {"error": f"{type(exc).__name__}: {exc}"}
    sys.stdout.write(json.dumps(answer) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
