"""The layer catalog: every layer netbuilder models, one declarative entry each.

Entries live in one module per category; this module collects them into
:data:`CATALOG` (ordered by category, then by the order in each module).
Layers the catalog does not model become *generic* nodes of type
:data:`GENERIC_TYPE` holding a Keras ``class_name`` and ``config``.
"""

from __future__ import annotations

from . import (
    attention,
    convolution,
    core_layers,
    merge,
    normalization,
    pooling,
    recurrent,
    regularization,
    reshaping,
    wrappers,
)
from .spec import CATEGORIES, LayerSpec, PortSpec

# Node type for any Keras layer outside the catalog (class name + config kept verbatim).
GENERIC_TYPE = "KerasLayer"

_MODULES = (
    core_layers,
    convolution,
    pooling,
    recurrent,
    wrappers,
    attention,
    merge,
    reshaping,
    normalization,
    regularization,
)


def _collect() -> dict[str, LayerSpec]:
    specs = [s for m in _MODULES for s in m.SPECS]
    specs.sort(key=lambda s: CATEGORIES.index(s.category))
    out: dict[str, LayerSpec] = {}
    for s in specs:
        if s.type in out:
            raise RuntimeError(f"duplicate catalog entry {s.type}")
        out[s.type] = s
    return out


CATALOG: dict[str, LayerSpec] = _collect()


def get_spec(type_name: str) -> LayerSpec | None:
    """The catalog entry for a node type, None for generic or unknown types."""
    return CATALOG.get(type_name)


__all__ = ["CATALOG", "GENERIC_TYPE", "LayerSpec", "PortSpec", "get_spec"]
