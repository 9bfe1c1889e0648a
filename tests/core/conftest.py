"""Shared set-up for the Qt-free core tests.

Keras reads ``KERAS_BACKEND`` and TensorFlow reads ``TF_CPP_MIN_LOG_LEVEL`` at
import time, so both are set here, before any test module imports Keras.
"""

from __future__ import annotations

import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
os.environ["KERAS_BACKEND"] = "tensorflow"

import pytest  # noqa: E402


@pytest.fixture
def keras_fresh():
    """The keras module with a cleared session before and after the test."""
    import keras

    keras.backend.clear_session()
    yield keras
    keras.backend.clear_session()
