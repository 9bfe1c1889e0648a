"""Import a .keras model in the editor (background task) and export it back with the same configs."""

from __future__ import annotations

from pathlib import Path

import pytest


def _configs(model) -> list[tuple[str, dict]]:
    out = []
    for layer in model.layers:
        config = dict(layer.get_config())
        config.pop("name", None)
        out.append((type(layer).__name__, config))
    return out


@pytest.mark.slow
def test_import_keras_then_export_same_configs(qtbot, window, tmp_path: Path):
    import keras

    keras.backend.clear_session()
    inputs = keras.Input(shape=(12,), name="features")
    x = keras.layers.Dense(16, activation="relu", name="hidden")(inputs)
    x = keras.layers.Dropout(0.25, name="drop")(x)
    outputs = keras.layers.Dense(3, activation="softmax", name="probs")(x)
    original = keras.Model(inputs, outputs, name="small")
    source = tmp_path / "small.keras"
    original.save(source)

    win = window
    win.files.open_path(str(source), ask=False)
    qtbot.waitUntil(lambda: len(win.document.graph) == 4, timeout=60_000)
    names = sorted(n.name for n in win.document.graph)
    assert names == ["drop", "features", "hidden", "probs"]
    assert len(win.scene.node_items) == 4 and len(win.scene.edge_items) == 3
    assert win.document.path is None  # an imported model is saved as a new project

    target = tmp_path / "back.keras"
    assert win.files.export_model(str(target))
    qtbot.waitUntil(target.is_file, timeout=60_000)
    qtbot.waitUntil(lambda: win.files._progress is None, timeout=10_000)
    rebuilt = keras.saving.load_model(target)
    assert _configs(rebuilt) == _configs(original)
    assert rebuilt.count_params() == original.count_params()
    keras.backend.clear_session()


@pytest.mark.slow
def test_layers_outside_the_catalog_get_shapes_from_keras(qtbot, window, tmp_path: Path):
    import keras

    keras.backend.clear_session()
    inputs = keras.Input(shape=(10,), name="x")
    x = keras.layers.GaussianNoise(0.1, name="noise")(inputs)
    outputs = keras.layers.Dense(2, name="out")(x)
    path = tmp_path / "noisy.keras"
    keras.Model(inputs, outputs).save(path)

    win = window
    win.files.open_path(str(path), ask=False)
    qtbot.waitUntil(lambda: len(win.document.graph) == 3, timeout=60_000)
    noise = win.document.graph.by_name("noise")
    assert noise is not None and noise.is_generic
    card = win.scene.node_items[noise.id]
    qtbot.waitUntil(
        lambda: card.info is not None and card.info.output == (None, 10), timeout=60_000
    )
    out = win.scene.node_items[win.document.graph.by_name("out").id]
    qtbot.waitUntil(lambda: out.info is not None and out.info.params == 22, timeout=10_000)
    assert win.document.analyzer.is_valid()
    keras.backend.clear_session()
