"""Every network of the course text, exported and rebuilt, equals the course's own Keras code.

The hand-written models below are the course text's code in Keras 3 spelling
(``input_length`` is gone, so the Input carries the sequence length) plus the
same output head the example adds so that it trains.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from codegen_helpers import assert_same_model, exec_export

from netbuilder.core.codegen import export_code
from netbuilder.core.examples import load_example


def course_mlp() -> Any:
    import keras
    from keras.layers import Dense, Input

    input_layer = Input(shape=(1000,))
    layer_1 = Dense(16, activation="relu")(input_layer)
    layer_2 = Dense(16, activation="relu")(layer_1)
    output_layer = Dense(1, activation="sigmoid")(layer_2)
    return keras.Model(inputs=input_layer, outputs=output_layer)


def course_two_branch_cnn() -> Any:
    import keras
    from keras.layers import Conv2D, Dense, Flatten, Input, MaxPooling2D, concatenate

    input_layer = Input(shape=(64, 64, 1))
    conv1 = Conv2D(64, kernel_size=4, activation="relu")(input_layer)
    flat1 = Flatten()(conv1)
    conv2 = Conv2D(32, kernel_size=8, activation="relu")(input_layer)
    MaxPool2 = MaxPooling2D(pool_size=(2, 2))(conv2)  # noqa: N806 - the course's name
    flat2 = Flatten()(MaxPool2)
    merge = concatenate([flat1, flat2])
    output_layer = Dense(1, activation="sigmoid")(merge)
    return keras.Model(inputs=input_layer, outputs=output_layer)


def _tokens() -> Any:
    import keras

    return keras.Input(shape=(1000,), dtype="int32")


def course_lstm() -> Any:
    import keras
    from keras.layers import LSTM, Dense, Embedding

    model = keras.Sequential()
    model.add(_tokens())
    model.add(Embedding(50, 10))
    model.add(LSTM(32))
    model.add(Dense(1, activation="sigmoid"))
    return model


def course_lstm_sequences() -> Any:
    import keras
    from keras.layers import LSTM, Dense, Embedding, GlobalMaxPooling1D

    model = keras.Sequential()
    model.add(_tokens())
    model.add(Embedding(50, 10))
    model.add(LSTM(32, return_sequences=True))
    model.add(GlobalMaxPooling1D())
    model.add(Dense(1, activation="sigmoid"))
    return model


def course_gru() -> Any:
    import keras
    from keras.layers import GRU, Dense, Embedding, GlobalAveragePooling1D

    model = keras.Sequential()
    model.add(_tokens())
    model.add(Embedding(50, 10))
    model.add(GRU(16, return_sequences=True))
    model.add(GlobalAveragePooling1D())
    model.add(Dense(1, activation="sigmoid"))
    return model


def course_conv1d() -> Any:
    import keras
    from keras.layers import Conv1D, Dense, Embedding, GlobalMaxPooling1D

    model = keras.Sequential()
    model.add(_tokens())
    model.add(Embedding(50, 10))
    model.add(Conv1D(20, 5, activation="relu"))
    model.add(GlobalMaxPooling1D())
    model.add(Dense(1, activation="sigmoid"))
    return model


def course_bidirectional() -> Any:
    import keras
    from keras.layers import LSTM, Bidirectional, Dense

    model = keras.Sequential()
    model.add(keras.Input(shape=(5, 10)))
    model.add(Bidirectional(LSTM(64, return_sequences=True)))
    model.add(Bidirectional(LSTM(32)))
    model.add(Dense(10))
    return model


COURSE: dict[str, Callable[[], Any]] = {
    "mlp": course_mlp,
    "two_branch_cnn": course_two_branch_cnn,
    "lstm": course_lstm,
    "lstm_sequences": course_lstm_sequences,
    "gru": course_gru,
    "conv1d": course_conv1d,
    "bidirectional": course_bidirectional,
}


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the exported module trained or evaluated while being imported")


@pytest.mark.parametrize("name", list(COURSE))
def test_exported_build_model_equals_course_code(name, keras_fresh, monkeypatch):
    keras = keras_fresh
    monkeypatch.setattr(keras.Model, "fit", _refuse)
    monkeypatch.setattr(keras.Model, "evaluate", _refuse)
    namespace = exec_export(load_example(name), f"exported_{name}")
    assert callable(namespace["build_model"]) and callable(namespace["main"])
    got = namespace["build_model"]()
    want = COURSE[name]()
    assert_same_model(got, want)


def test_exported_code_reads_like_the_course():
    code = export_code(load_example("two_branch_cnn"))
    assert 'input_layer = keras.Input(shape=(64, 64, 1), name="input_layer")' in code
    assert 'conv1 = layers.Conv2D(64, 4, activation="relu", name="conv1")(input_layer)' in code
    assert 'conv2 = layers.Conv2D(32, 8, activation="relu", name="conv2")(input_layer)' in code
    assert 'MaxPool2 = layers.MaxPooling2D(name="MaxPool2")(conv2)' in code
    assert 'flat2 = layers.Flatten(name="flat2")(MaxPool2)' in code
    assert 'merge = layers.Concatenate(name="merge")([flat1, flat2])' in code
    code = export_code(load_example("bidirectional"))
    assert (
        "    bidirectional = layers.Bidirectional(\n"
        '        layers.LSTM(64, return_sequences=True), name="bidirectional"\n'
        "    )(input_layer)\n"
    ) in code
    assert 'layers.Embedding(50, 10, name="embedding")' in export_code(load_example("lstm"))
