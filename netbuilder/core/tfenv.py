"""Load TensorFlow/Keras without the C++ start-up chatter on the terminal.

TensorFlow 2.21 prints oneDNN/CUDA notices through absl before
``TF_CPP_MIN_LOG_LEVEL`` takes effect, so command-line users would see a
screen of log lines before every answer. The import (and the first device
query, which prints the CUDA probe) runs with file descriptor 2 pointed at
/dev/null; Python exceptions still propagate normally.
"""

from __future__ import annotations

import os
import sys


def preload_keras_quietly() -> None:
    """Import TensorFlow and Keras once, silencing native start-up logs."""
    if "keras" in sys.modules and "tensorflow" in sys.modules:
        return
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no usable stderr (e.g. a GUI launched without one)
        saved = None
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        if saved is not None:
            os.dup2(devnull, 2)
        import keras  # noqa: F401
        import tensorflow as tf

        tf.config.list_physical_devices()
    finally:
        if saved is not None:
            os.dup2(saved, 2)
            os.close(saved)
        os.close(devnull)
