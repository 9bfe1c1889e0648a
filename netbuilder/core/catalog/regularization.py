"""Regularization layers: Dropout, SpatialDropout1D (active only while training)."""

from __future__ import annotations

from .common import rate, same_shape, seed
from .spec import LayerSpec, PortSpec

DROPOUT = LayerSpec(
    type="Dropout",
    category="Regularization",
    description="Randomly sets a fraction of the inputs to 0 while training (against overfitting).",
    params=(
        rate("rate", None, "Fraction of the inputs to drop, in [0, 1).", key=True),
        seed(),
    ),
    shape_fn=same_shape,
    ports=(PortSpec(min_rank=1, layout="(batch, ...)"),),
    keeps_dtype=True,
    synonyms=("regularization", "drop", "дропаут", "прореживание", "регуляризация"),
    doc_url="https://keras.io/api/layers/regularization_layers/dropout/",
    starter_params={"rate": 0.5},
)

SPATIAL_DROPOUT_1D = LayerSpec(
    type="SpatialDropout1D",
    category="Regularization",
    description="Drops whole feature channels of a sequence while training.",
    params=(
        rate("rate", None, "Fraction of the channels to drop, in [0, 1).", key=True),
        seed(),
    ),
    shape_fn=same_shape,
    ports=(PortSpec(ranks=(3,), layout="(batch, steps, channels)"),),
    keeps_dtype=True,
    synonyms=("spatial dropout", "channel dropout", "дропаут", "прореживание каналов"),
    doc_url="https://keras.io/api/layers/regularization_layers/spatial_dropout1d/",
    starter_params={"rate": 0.2},
)

SPECS = (DROPOUT, SPATIAL_DROPOUT_1D)
