"""The training dock: data, settings, live plots, runs and evaluation (issue 4, GUI half)."""

from .dock import TrainingDock

__all__ = ["TrainingDock"]
