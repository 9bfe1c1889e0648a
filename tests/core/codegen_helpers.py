"""Helpers shared by the code-export tests: run exported code, compare Keras models."""

from __future__ import annotations

from typing import Any

from netbuilder.core.codegen import export_code
from netbuilder.core.project import Project


def exec_export(project: Project, module_name: str = "exported_model") -> dict[str, Any]:
    """Execute the exported script as an imported module (``__name__`` is not ``"__main__"``)."""
    code = export_code(project)
    namespace: dict[str, Any] = {
        "__name__": module_name,
        "__file__": f"/nonexistent/{module_name}.py",
    }
    exec(compile(code, f"<{module_name}>", "exec"), namespace)
    return namespace


def strip_names(value: Any) -> Any:
    """A config with every ``name`` key removed, recursively (wrapped layers too)."""
    if isinstance(value, dict):
        return {k: strip_names(v) for k, v in value.items() if k != "name"}
    if isinstance(value, (list, tuple)):
        return [strip_names(v) for v in value]
    return value


def body_layers(model: Any) -> list[Any]:
    """The model's layers without InputLayers (Sequential models do not list them)."""
    import keras

    return [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]


def describe(model: Any) -> list[tuple[str, Any, tuple, int]]:
    """(class name, config without names, output shape, weight count) per layer."""
    out = []
    for layer in body_layers(model):
        out.append(
            (
                type(layer).__name__,
                strip_names(layer.get_config()),
                _shapes(layer.output),
                layer.count_params(),
            )
        )
    return out


def _shapes(output: Any) -> Any:
    if isinstance(output, (list, tuple)):
        return tuple(tuple(t.shape) for t in output)
    return tuple(output.shape)


def inputs_of(model: Any) -> list[tuple[tuple, str]]:
    return [(tuple(t.shape), str(t.dtype)) for t in model.inputs]


def assert_same_model(got: Any, want: Any) -> None:
    """Same layer classes in order, configs (names aside), output shapes and weight counts."""
    got_d, want_d = describe(got), describe(want)
    assert [d[0] for d in got_d] == [d[0] for d in want_d]
    for g, w in zip(got_d, want_d, strict=True):
        assert g[1] == w[1], f"{g[0]} config differs"
        assert g[2] == w[2], f"{g[0]} output shape {g[2]} != {w[2]}"
        assert g[3] == w[3], f"{g[0]} weights {g[3]} != {w[3]}"
    assert inputs_of(got) == inputs_of(want)
    assert [tuple(t.shape) for t in got.outputs] == [tuple(t.shape) for t in want.outputs]
    assert got.count_params() == want.count_params()
