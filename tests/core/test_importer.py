"""Importer safety: hostile and damaged files never run code and fail with one sentence.

Every hostile input must end in a :class:`ModelImportError` (one sentence) or a
generic node, never in code execution or another exception type. Structure
mapping (formats, nesting, shared layers) is tested in
``test_importer_structure.py``.
"""

from __future__ import annotations

import copy
import json
import os
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_helpers import nodes_by_name, source_names
from keras2_configs import DENSE_CONCAT, legacy_functional, legacy_input, legacy_layer

from netbuilder.core.catalog import GENERIC_TYPE
from netbuilder.core.importer import ModelImportError, import_config, import_model, is_model_file

MARKER = "NETBUILDER_IMPORT_MARKER"


# -- hostile files ----------------------------------------------------------------------


def _lambda_model(keras: Any) -> Any:
    def side_effect(x):  # runs once while the model is built below
        __import__("os").environ["NETBUILDER_IMPORT_MARKER"] = "ran"
        return x * 2.0

    inp = keras.Input((3,), name="x")
    out = keras.layers.Lambda(side_effect, name="evil")(inp)
    out = keras.layers.Dense(2, name="after")(out)
    return keras.Model(inp, out)


@pytest.mark.parametrize("fmt", ["keras", "json"])
def test_lambda_bytecode_is_never_run(fmt: str, tmp_path: Path, keras_fresh: Any) -> None:
    from netbuilder.core.keras_layers import keras_oracle
    from netbuilder.core.shapes import ShapeError

    model = _lambda_model(keras_fresh)
    path = tmp_path / f"lambda.{fmt}"
    if fmt == "json":
        path.write_text(model.to_json(), encoding="utf-8")
    else:
        model.save(path)
    os.environ.pop(MARKER, None)
    project = import_model(path)
    evil = project.graph.by_name("evil")
    assert evil.type == GENERIC_TYPE and evil.params["class_name"] == "Lambda"
    assert project.graph.by_name("after").type == "Dense"
    # Shape inference of the generic node deserializes in safe mode: refused, not run.
    with pytest.raises(ShapeError):
        keras_oracle(evil, [(None, 3)])
    assert MARKER not in os.environ


def test_corrupt_zip(tmp_path: Path) -> None:
    path = tmp_path / "broken.keras"
    path.write_bytes(b"PK\x03\x04" + os.urandom(200))
    with pytest.raises(ModelImportError, match="broken.keras"):
        import_model(path)


def test_zip_without_config(tmp_path: Path) -> None:
    path = tmp_path / "model.keras"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("metadata.json", "{}")
        zf.writestr("model.weights.h5", b"\0" * 10)
    with pytest.raises(ModelImportError) as info:
        import_model(path)
    assert str(info.value) == (
        "model.keras: the archive has no config.json, so it is not a Keras 3 model file"
    )


def _patch_declared_size(path: Path, size: int) -> None:
    """Rewrite config.json's uncompressed size in the central directory (a lying header)."""
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, at + 24, size)
    path.write_bytes(bytes(data))


def test_zip_bomb_declared_size_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.keras"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("config.json", json.dumps({"class_name": "Sequential", "config": {}}))
    _patch_declared_size(path, 0xFFFF_0000)
    with pytest.raises(ModelImportError, match="too large"):
        import_model(path)


def test_zip_bomb_highly_compressed_config(tmp_path: Path) -> None:
    path = tmp_path / "bomb2.keras"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("config.json", b" " * (80 * 1024 * 1024))
    with pytest.raises(ModelImportError, match="too large"):
        import_model(path)


def test_deeply_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"class_name": "Sequential", "config": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(ModelImportError):
        import_model(path)


@pytest.mark.parametrize(
    "text",
    [
        '{"foo": 1}',
        "[1, 2, 3]",
        "not json at all",
        '{"format": "netbuilder-project", "version": 2}',
        '{"class_name": "MySubclassedModel", "config": {"units": 3}}',
        '{"class_name": "Functional", "config": {"layers": "nope"}}',
        '{"class_name": "Functional", "config": {"layers": [], "output_layers": []}}',
        '{"class_name": "Sequential", "config": {"layers": []}}',
        '{"class_name": "Functional", "config": {"layers": [], "input_layers": [["x", 0, 0]],'
        ' "output_layers": [["y", 0, 0]]}}',
    ],
)
def test_json_that_is_not_a_model(text: str, tmp_path: Path) -> None:
    path = tmp_path / "thing.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ModelImportError, match=r"^thing\.json: "):
        import_model(path)


def test_binary_garbage_and_missing_files(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\xff\xfe\x00" * 50)
    with pytest.raises(ModelImportError):
        import_model(garbage)
    with pytest.raises(ModelImportError, match="does not exist"):
        import_model(tmp_path / "missing.keras")
    with pytest.raises(ModelImportError, match="folder"):
        import_model(tmp_path)


def test_pipes_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "model.keras"
    os.mkfifo(fifo)
    with pytest.raises(ModelImportError, match="not a regular file"):
        import_model(fifo)


def test_h5_without_model_config(tmp_path: Path) -> None:
    import h5py

    path = tmp_path / "weights.h5"
    with h5py.File(path, "w") as f:
        f.create_dataset("kernel", data=[1.0, 2.0])
    with pytest.raises(ModelImportError, match="model_config"):
        import_model(path)
    fake = tmp_path / "fake.h5"
    fake.write_bytes(b"\x89HDF\r\n\x1a\n" + b"\0" * 64)
    with pytest.raises(ModelImportError, match="fake.h5"):
        import_model(fake)


def test_nonsense_class_names_become_generic_nodes() -> None:
    config = legacy_functional(
        [
            legacy_input("x", [None, 4]),
            legacy_layer("__import__('os').system('false')", "odd", {"units": 3}, [["x", 0, 0]]),
            legacy_layer("TotallyNotALayer", "weird", {}, [["odd", 0, 0]]),
        ],
        inputs=[["x", 0, 0]],
        outputs=[["weird", 0, 0]],
    )
    project = import_config(config)
    nodes = nodes_by_name(project)
    assert nodes["odd"].type == GENERIC_TYPE
    assert nodes["odd"].params["class_name"] == "__import__('os').system('false')"
    assert nodes["weird"].type == GENERIC_TYPE
    assert source_names(project, "weird") == ["odd"]


def test_custom_class_with_a_keras_name_stays_generic() -> None:
    layer = legacy_layer("Dense", "mine", {"units": 3}, [["x", 0, 0]])
    layer["module"] = "my_package.layers"
    layer["registered_name"] = "my_package>Dense"
    project = import_config(
        legacy_functional([legacy_input("x", [None, 4]), layer], [["x", 0, 0]], [["mine", 0, 0]])
    )
    node = project.graph.by_name("mine")
    assert node.type == GENERIC_TYPE
    assert node.params["module"] == "my_package.layers"
    assert node.params["registered_name"] == "my_package>Dense"
    assert "custom class" in project.extra["import"]["generic"]["mine"]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 300) | st.floats(-10, 10) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


_BASES: dict[str, dict[str, Any]] = {}


def _base(kind: str) -> dict[str, Any]:
    """A small valid config to mutate: Keras 2 form, or Keras 3 with a nested model and MHA."""
    if kind not in _BASES:
        if kind == "keras2":
            _BASES[kind] = legacy_functional(*DENSE_CONCAT)
        else:
            import keras

            inner = keras.Sequential([keras.Input((4, 6)), keras.layers.Dense(6)], name="inner")
            q = keras.Input((4, 6), name="q")
            att = keras.layers.MultiHeadAttention(2, 3, name="mha")(q, inner(q))
            out = keras.layers.Concatenate(name="cat")([att, q])
            _BASES[kind] = json.loads(keras.Model(q, out).to_json())
    return _BASES[kind]


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_paths(v, (*prefix, i)))
    return out


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    kind=st.sampled_from(["keras2", "keras3"]),
    choices=st.lists(st.tuples(st.integers(0, 10_000), _JSON), min_size=1, max_size=3),
)
def test_mutated_configs_give_a_project_or_a_clear_error(
    kind: str, choices: list[tuple[int, Any]]
) -> None:
    config = copy.deepcopy(_base(kind))
    for index, value in choices:
        paths = _paths(config)
        path = paths[index % len(paths)]
        if not path:
            config = value
            continue
        target = config
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    try:
        project = import_config(config)
    except ModelImportError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert len(project.graph) >= 1


def test_import_never_loads_the_model_or_unpickles(
    tmp_path: Path, keras_fresh: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    keras = keras_fresh
    x = keras.Input((4,), name="x")
    model = keras.Model(x, keras.layers.Dense(2, name="d")(x))
    model.save(tmp_path / "m.keras")
    model.save(tmp_path / "m.h5")

    def forbidden(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the importer must only read the model description")

    monkeypatch.setattr(keras.models, "load_model", forbidden)
    monkeypatch.setattr(keras.saving, "load_model", forbidden)
    monkeypatch.setattr(pickle, "loads", forbidden)
    monkeypatch.setattr(pickle, "load", forbidden)
    for name in ("m.keras", "m.h5"):
        project = import_model(tmp_path / name)
        assert [n.name for n in project.graph] == ["x", "d"]


def test_is_model_file(tmp_path: Path) -> None:
    (tmp_path / "a.keras").write_bytes(b"")
    (tmp_path / "m.json").write_text('{"class_name": "Sequential", "config": {}}')
    (tmp_path / "p.json").write_text('{"format": "netbuilder-project", "class_name": "x"}')
    (tmp_path / "p.nbproj").write_text('{"format": "netbuilder-project"}')
    (tmp_path / "noext").write_bytes(b"\x89HDF\r\n\x1a\n")
    assert is_model_file(tmp_path / "a.keras")
    assert is_model_file(tmp_path / "m.json")
    assert is_model_file(tmp_path / "noext")
    assert not is_model_file(tmp_path / "p.json")
    assert not is_model_file(tmp_path / "p.nbproj")
    assert not is_model_file(tmp_path / "missing.txt")


def test_unzipped_keras_folder(tmp_path: Path, keras_fresh: Any) -> None:
    keras = keras_fresh
    model = keras.Sequential([keras.Input((3,), name="x"), keras.layers.Dense(2, name="d")])
    folder = tmp_path / "unzipped"
    keras.saving.save_model(model, folder, zipped=False)
    assert folder.is_dir()
    project = import_model(folder)
    assert [n.name for n in project.graph] == ["x", "d"]
    assert project.extra["import"]["format"] == "keras"
    assert is_model_file(folder)
    assert not is_model_file(tmp_path)
