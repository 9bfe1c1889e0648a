"""Import round trips: Keras model -> file -> project -> exported code -> the same model.

For every model in ``models_zoo`` and every file form (``.keras``, ``.h5``,
model JSON): import it, export Python, run ``build_model()`` and compare with
the original layer by layer (class, config with its name, output shape,
weights); then save and load the project and check that the export is
byte-identical. Nested models are compared with their layers expanded, since
the importer expands them inline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from models_zoo import ZOO, generic_only, initializers

from netbuilder.core import project as project_io
from netbuilder.core.catalog import CATALOG, GENERIC_TYPE
from netbuilder.core.codegen import export_code
from netbuilder.core.importer import import_model

FORMATS = ("keras", "h5", "json")


def _save(model: Any, folder: Path, fmt: str) -> Path:
    path = folder / f"model.{fmt}"
    if fmt == "json":
        path.write_text(model.to_json(), encoding="utf-8")
    else:
        model.save(path)
    return path


def _run_export(code: str) -> Any:
    namespace: dict[str, Any] = {"__name__": "imported_export"}
    exec(compile(code, "<export>", "exec"), namespace)
    return namespace["build_model"]()


def _leaf_layers(model: Any) -> list[Any]:
    """Layers with nested models expanded; InputLayers left out."""
    import keras

    out = []
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            out.extend(_leaf_layers(layer))
        elif not isinstance(layer, keras.layers.InputLayer):
            out.append(layer)
    return out


def _without_nested_names(config: Any, depth: int = 0) -> Any:
    """The layer's own name stays; Keras renames the layers a wrapper holds."""
    if isinstance(config, dict):
        return {
            k: _without_nested_names(v, depth + 1)
            for k, v in config.items()
            if not (depth > 0 and k == "name" and "trainable" in config)
        }
    if isinstance(config, (list, tuple)):
        return [_without_nested_names(v, depth + 1) for v in config]
    return config


def _describe(model: Any) -> dict[str, tuple]:
    return {
        layer.name: (
            type(layer).__name__,
            _without_nested_names(json.loads(json.dumps(layer.get_config(), default=repr))),
            tuple(layer.output.shape),
            layer.count_params(),
        )
        for layer in _leaf_layers(model)
    }


def _io(model: Any) -> tuple[list, list]:
    ins = [(t._keras_history[0].name, tuple(t.shape), str(t.dtype)) for t in model.inputs]
    outs = [tuple(t.shape) for t in model.outputs]
    return ins, outs


def assert_same(got: Any, want: Any) -> None:
    got_d, want_d = _describe(got), _describe(want)
    assert sorted(got_d) == sorted(want_d)
    for name, expected in want_d.items():
        assert got_d[name][0] == expected[0], f"{name}: class differs"
        assert got_d[name][1] == expected[1], f"{name}: config differs"
        assert got_d[name][2] == expected[2], f"{name}: output shape differs"
        assert got_d[name][3] == expected[3], f"{name}: weight count differs"
    assert _io(got) == _io(want)
    assert got.count_params() == want.count_params()


# Each case takes about a second, but the 57 together build well over a hundred models.
@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("zoo_id", sorted(ZOO))
def test_round_trip(zoo_id: str, fmt: str, tmp_path: Path, keras_fresh: Any) -> None:
    original = ZOO[zoo_id]()
    project = import_model(_save(original, tmp_path, fmt))
    first = export_code(project)
    assert_same(_run_export(first), original)

    saved = tmp_path / "imported.nbproj"
    project_io.save(project, saved)
    reloaded = project_io.load(saved)
    assert export_code(reloaded) == first


def test_zoo_is_big_enough() -> None:
    assert len(ZOO) >= 18


def test_generic_layers_stay_generic_and_exact(tmp_path: Path, keras_fresh: Any) -> None:
    """Layers outside the catalog become generic nodes that keep their whole config."""
    model = generic_only()
    project = import_model(_save(model, tmp_path, "keras"))
    by_name = {n.name: n for n in project.graph}
    outside = [
        layer
        for layer in model.layers
        if type(layer).__name__ not in CATALOG
        and not isinstance(layer, keras_fresh.layers.InputLayer)
    ]
    assert outside, "the zoo must hold layers the catalog lacks"
    for layer in outside:
        node = by_name[layer.name]
        assert node.type == GENERIC_TYPE
        assert node.params["class_name"] == type(layer).__name__
        config = {k: v for k, v in layer.get_config().items() if k != "name"}
        assert node.params["config"] == json.loads(json.dumps(config))
    assert by_name["conv"].type == "Conv2D"


def test_non_default_initializers(tmp_path: Path, keras_fresh: Any) -> None:
    """Catalog initializers become params; ones the catalog cannot express keep the layer generic."""
    project = import_model(_save(initializers(), tmp_path, "json"))
    he = project.graph.by_name("he")
    assert he.type == "Dense"
    assert he.params == {"units": 3, "kernel_initializer": "he_normal", "bias_initializer": "ones"}
    custom = project.graph.by_name("custom_init")
    assert custom.type == GENERIC_TYPE
    assert "custom_init" in project.extra["import"]["generic"]
