"""Built-in datasets: shapes, dtypes, determinism, balance and that models learn them."""

from __future__ import annotations

import numpy as np
import pytest

from netbuilder.core.training.standalone import BUILTIN_DATASETS, BUILTIN_NAMES, DataError
from netbuilder.core.training.standalone import long_memory as long_memory_data

# name -> (input shapes per sample, input dtypes, target shapes per sample, classes)
EXPECTED = {
    "bag_of_words": ([(1000,)], ["float32"], [(1,)], 2),
    "shapes_64": ([(64, 64, 1)], ["float32"], [(1,)], 2),
    "long_memory": ([(1000,)], ["int32"], [(1,)], 2),
    "keywords": ([(1000,)], ["int32"], [(1,)], 2),
    "flying_ball": ([(5, 10)], ["float32"], [()], 10),
    "multi_io": ([(16,), (20,)], ["float32", "int32"], [(1,), (1,)], 2),
}


def test_every_dataset_is_described() -> None:
    assert set(EXPECTED) == set(BUILTIN_DATASETS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shapes_and_dtypes(name: str) -> None:
    inputs, targets = BUILTIN_DATASETS[name](samples=200, seed=3)
    shapes, dtypes, target_shapes, _ = EXPECTED[name]
    assert [a.shape[1:] for a in inputs] == shapes
    assert [str(a.dtype) for a in inputs] == dtypes
    assert [a.shape[1:] for a in targets] == target_shapes
    assert all(len(a) == 200 for a in [*inputs, *targets])
    assert all(np.isfinite(a).all() for a in [*inputs, *targets])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_deterministic_by_seed(name: str) -> None:
    first = BUILTIN_DATASETS[name](samples=100, seed=7)
    again = BUILTIN_DATASETS[name](samples=100, seed=7)
    other = BUILTIN_DATASETS[name](samples=100, seed=8)
    for a, b in zip([*first[0], *first[1]], [*again[0], *again[1]], strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0][0], other[0][0])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_labels_balanced(name: str) -> None:
    _, targets = BUILTIN_DATASETS[name](samples=2000, seed=0)
    classes = EXPECTED[name][3]
    label = targets[-1].ravel()
    assert label.dtype == np.int32
    counts = np.bincount(label, minlength=classes)
    assert len(counts) == classes
    share = counts / counts.sum()
    assert share.min() > 0.6 / classes and share.max() < 1.4 / classes, counts


def test_integer_tokens_stay_in_vocabulary() -> None:
    for name, vocab in (("long_memory", 50), ("keywords", 50)):
        (x,), _ = BUILTIN_DATASETS[name](samples=300, seed=1)
        assert x.min() >= 0 and x.max() < vocab
    (_, tokens), _ = BUILTIN_DATASETS["multi_io"](samples=300, seed=1)
    assert tokens.min() >= 0 and tokens.max() < 30
    assert set(BUILTIN_NAMES["multi_io"][0]) == {"features", "tokens"}


def test_long_memory_label_is_its_first_token() -> None:
    (x,), (y,) = long_memory_data(500, seed=2, length=100, repeats=1)
    first = np.array([row[row > 0][0] for row in x])
    np.testing.assert_array_equal(first, y.ravel() + 1)
    # Exactly one marker per row: nothing later gives the answer away.
    assert ((x == 1) | (x == 2)).sum(axis=1).tolist() == [1] * 500
    (x,), _ = long_memory_data(50, seed=2, length=1000)
    assert ((x == 1) | (x == 2)).sum(axis=1).min() > 1


def test_keywords_negatives_lack_the_keyword() -> None:
    (x,), (y,) = BUILTIN_DATASETS["keywords"](samples=400, seed=5)
    windows = np.lib.stride_tricks.sliding_window_view(x, 3, axis=1)
    found = (windows == np.array([7, 3, 11])).all(axis=-1).any(axis=1)
    np.testing.assert_array_equal(found, y.ravel() == 1)
    # Decoys: every sequence holds each keyword token, so single tokens tell nothing.
    for token in (7, 3, 11):
        assert (x == token).any(axis=1).all()
    with pytest.raises(DataError, match="keywords needs length >= 30"):
        BUILTIN_DATASETS["keywords"](samples=4, seed=0, length=20)


def test_flying_ball_moves_one_pixel_per_frame_and_bounces() -> None:
    (x,), (y,) = BUILTIN_DATASETS["flying_ball"](samples=300, seed=4)
    assert (x.sum(axis=2) == 1).all()
    pos = x.argmax(axis=2)
    steps = np.abs(np.diff(pos, axis=1))
    assert steps.max() <= 2
    assert y.min() >= 0 and y.max() <= 9


def test_bad_options_raise_data_error() -> None:
    with pytest.raises(DataError, match="min_length"):
        long_memory_data(10, seed=0, length=5, min_length=9)


# -- learnability (a tiny Keras model on a few hundred samples) --------------------------


def _fit_and_score(model, data, test, loss, epochs: int, batch_size: int = 32) -> dict:
    """Train on ``data`` and return the metrics on ``test`` (fresh samples from another seed)."""
    import keras

    model.compile(
        optimizer=keras.optimizers.Adam(0.003, clipnorm=1.0), loss=loss, metrics=["accuracy"]
    )
    x, y = data
    model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)
    return model.evaluate(test[0], test[1], verbose=0, return_dict=True)


@pytest.fixture
def keras_session(keras_fresh):
    """conftest's cleared Keras session, seeded so that the learnability checks repeat."""
    keras_fresh.utils.set_random_seed(0)
    return keras_fresh


@pytest.mark.slow
def test_bag_of_words_learnable(keras_session) -> None:
    keras = keras_session
    layers = keras.layers
    inp = keras.Input((1000,))
    out = layers.Dense(1, activation="sigmoid")(layers.Dense(16, activation="relu")(inp))
    data = BUILTIN_DATASETS["bag_of_words"]
    train, test = data(400, seed=0), data(300, seed=1)
    result = _fit_and_score(keras.Model(inp, out), train, test, "binary_crossentropy", 10)
    assert result["accuracy"] > 0.8


@pytest.mark.slow
def test_shapes_learnable(keras_session) -> None:
    keras = keras_session
    layers = keras.layers
    inp = keras.Input((32, 32, 1))
    h = layers.Conv2D(8, 3, activation="relu")(inp)
    h = layers.MaxPooling2D(2)(h)
    h = layers.Conv2D(16, 3, activation="relu")(h)
    h = layers.GlobalMaxPooling2D()(h)
    out = layers.Dense(1, activation="sigmoid")(h)
    data = BUILTIN_DATASETS["shapes_64"]
    train, test = data(600, seed=0, size=32), data(300, seed=1, size=32)
    result = _fit_and_score(keras.Model(inp, out), train, test, "binary_crossentropy", 12)
    assert result["accuracy"] > 0.75


@pytest.mark.slow
def test_keywords_learnable_by_conv1d(keras_session) -> None:
    keras = keras_session
    layers = keras.layers
    inp = keras.Input((200,), dtype="int32")
    h = layers.Conv1D(20, 5, activation="relu")(layers.Embedding(50, 10)(inp))
    out = layers.Dense(1, activation="sigmoid")(layers.GlobalMaxPooling1D()(h))
    data = BUILTIN_DATASETS["keywords"]
    train, test = data(600, seed=0, length=200), data(300, seed=1, length=200)
    result = _fit_and_score(keras.Model(inp, out), train, test, "binary_crossentropy", 10)
    assert result["accuracy"] > 0.8


@pytest.mark.slow
def test_flying_ball_learnable_by_bidirectional_lstm(keras_session) -> None:
    keras = keras_session
    layers = keras.layers
    inp = keras.Input((5, 10))
    h = layers.Bidirectional(layers.LSTM(32))(inp)
    out = layers.Dense(10, activation="softmax")(h)
    data = BUILTIN_DATASETS["flying_ball"]
    train, test = data(800, seed=0), data(300, seed=1)
    model = keras.Model(inp, out)
    result = _fit_and_score(model, train, test, "sparse_categorical_crossentropy", 15)
    assert result["accuracy"] > 0.5  # chance is 0.1


@pytest.mark.slow
def test_multi_io_learnable(keras_session) -> None:
    keras = keras_session
    layers = keras.layers
    features = keras.Input((16,), name="features")
    tokens = keras.Input((20,), dtype="int32", name="tokens")
    pooled = layers.GlobalAveragePooling1D()(layers.Embedding(30, 8)(tokens))
    h = layers.Dense(32, activation="relu")(layers.Concatenate()([features, pooled]))
    score = layers.Dense(1, name="score")(h)
    label = layers.Dense(1, activation="sigmoid", name="label")(h)
    model = keras.Model([features, tokens], [score, label])
    model.compile(
        optimizer=keras.optimizers.Adam(0.003),
        loss={"score": "mse", "label": "binary_crossentropy"},
        metrics={"label": ["accuracy"]},
    )
    data = BUILTIN_DATASETS["multi_io"]
    (xf, xt), (ys, yl) = data(800, seed=0)
    (tf_, tt), (ts, tl) = data(300, seed=1)
    model.fit([xf, xt], {"score": ys, "label": yl}, epochs=25, batch_size=32, verbose=0)
    pred_score, pred_label = model.predict([tf_, tt], verbose=0)
    assert np.mean((pred_score - ts) ** 2) < 0.5 * np.var(ts)
    assert np.mean((pred_label > 0.5) == tl) > 0.75


@pytest.mark.slow
@pytest.mark.timeout(150)
def test_lstm_beats_simple_rnn_on_long_memory(keras_session) -> None:
    """The course text's point: LSTM remembers a token 100 steps back, SimpleRNN does not."""
    keras = keras_session
    layers = keras.layers
    train = long_memory_data(2000, seed=0, length=100, repeats=1)
    test = long_memory_data(500, seed=1, length=100, repeats=1)
    scores = {}
    for cell in (layers.LSTM, layers.SimpleRNN):
        keras.backend.clear_session()
        keras.utils.set_random_seed(1)
        inp = keras.Input((100,), dtype="int32")
        h = cell(32)(layers.Embedding(50, 10)(inp))
        model = keras.Model(inp, layers.Dense(1, activation="sigmoid")(h))
        model.compile(
            optimizer=keras.optimizers.Adam(0.001, clipnorm=1.0),
            loss="binary_crossentropy",
            metrics=["accuracy"],
        )
        model.fit(train[0], train[1], epochs=5, batch_size=32, verbose=0)
        scores[cell.__name__] = model.evaluate(test[0], test[1], verbose=0)[1]
    assert scores["LSTM"] > 0.85, scores
    assert scores["LSTM"] - scores["SimpleRNN"] > 0.2, scores
