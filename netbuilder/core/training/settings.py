"""Training settings saved in the project (``project.training``).

One :class:`TrainingSettings` drives the app's worker, ``netbuilder train`` and
the exported script alike, so all three train the same way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop", "adagrad", "adadelta", "adamax", "nadam")
LOSSES = (
    "auto",
    "binary_crossentropy",
    "categorical_crossentropy",
    "sparse_categorical_crossentropy",
    "mean_squared_error",
    "mean_absolute_error",
    "huber",
    "kl_divergence",
)
METRICS = (
    "accuracy",
    "binary_accuracy",
    "categorical_accuracy",
    "sparse_categorical_accuracy",
    "mae",
    "mse",
    "auc",
    "precision",
    "recall",
)


@dataclass
class TrainingSettings:
    """Hyperparameters and callbacks.

    ``loss`` and ``metrics`` may be one value for every output or a mapping from
    output node name to value. ``loss="auto"`` picks a loss from each output's
    activation and units (sigmoid -> binary_crossentropy, softmax ->
    sparse/categorical by the targets, otherwise mean_squared_error);
    ``from_logits`` applies to crossentropies on outputs without activation.
    """

    optimizer: str = "adam"
    learning_rate: float = 0.001
    momentum: float = 0.0  # SGD and RMSprop
    weight_decay: float | None = None  # AdamW/SGD...; None = Keras default
    loss: str | dict[str, str] = "auto"
    metrics: list[str] | dict[str, list[str]] = field(default_factory=lambda: ["accuracy"])
    epochs: int = 10
    batch_size: int = 32
    validation_split: float = 0.2
    shuffle: bool = True
    seed: int | None = 0
    early_stopping: dict[str, Any] | None = (
        None  # {"monitor", "patience", "restore_best_weights", "min_delta"}
    )
    reduce_lr: dict[str, Any] | None = None  # {"monitor", "factor", "patience", "min_lr"}
    checkpoint: bool = False  # keep the best model (by val_loss) as the run's model
    tensorboard: str | None = None  # log directory

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> TrainingSettings:
        """Settings from ``project.training``; unknown keys are ignored, missing ones default."""
        data = data or {}
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def loss_for(self, output_name: str) -> str:
        if isinstance(self.loss, dict):
            return self.loss.get(output_name, "auto")
        return self.loss

    def metrics_for(self, output_name: str) -> list[str]:
        if isinstance(self.metrics, dict):
            return list(self.metrics.get(output_name, []))
        return list(self.metrics)
