"""Small Keras models for the import round-trip tests, built in code.

Every function returns a fresh, tiny model (a few hundred weights at most) so
that saving, importing and rebuilding stay fast on two CPU cores. Layer names
are set explicitly where Keras' global name counters would otherwise make
them depend on test order. ``ZOO`` maps a short id to each builder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _k() -> tuple[Any, Any]:
    import keras
    from keras import layers

    return keras, layers


def sequential_mlp() -> Any:
    keras, layers = _k()
    return keras.Sequential(
        [
            keras.Input((20,), name="features"),
            layers.Dense(16, activation="relu", name="hidden_1"),
            layers.Dense(16, activation="relu", name="hidden_2"),
            layers.Dense(1, activation="sigmoid", name="out"),
        ],
        name="mlp",
    )


def sequential_cnn() -> Any:
    keras, layers = _k()
    return keras.Sequential(
        [
            keras.Input((12, 12, 1), name="image"),
            layers.Conv2D(4, 3, activation="relu", name="conv_1"),
            layers.MaxPooling2D(2, name="pool_1"),
            layers.Conv2D(4, (2, 2), padding="same", name="conv_2"),
            layers.Flatten(name="flat"),
            layers.Dropout(0.25, name="drop"),
            layers.Dense(3, activation="softmax", name="probs"),
        ],
        name="cnn",
    )


def two_branch_cnn() -> Any:
    keras, layers = _k()
    inp = keras.Input((16, 16, 1), name="picture")
    a = layers.Conv2D(4, 4, activation="relu", name="branch_a")(inp)
    a = layers.Flatten(name="flat_a")(a)
    b = layers.Conv2D(2, 8, activation="relu", name="branch_b")(inp)
    b = layers.MaxPooling2D((2, 2), name="pool_b")(b)
    b = layers.Flatten(name="flat_b")(b)
    merged = layers.concatenate([a, b], name="merged")
    out = layers.Dense(1, activation="sigmoid", name="decision")(merged)
    return keras.Model(inp, out, name="two_branch")


def multi_io() -> Any:
    keras, layers = _k()
    text = keras.Input((8,), name="text_in")
    meta = keras.Input((3,), name="meta_in")
    t = layers.Dense(4, activation="relu", name="text_dense")(text)
    m = layers.Dense(4, activation="relu", name="meta_dense")(meta)
    joined = layers.Concatenate(name="joined")([m, t])
    score = layers.Dense(1, name="score")(joined)
    label = layers.Dense(2, activation="softmax", name="label")(joined)
    return keras.Model([text, meta], [label, score], name="multi_io")


def residual() -> Any:
    keras, layers = _k()
    inp = keras.Input((6,), name="x")
    h = layers.Dense(6, activation="relu", name="block_1")(inp)
    h = layers.Dense(6, name="block_2")(h)
    s = layers.Add(name="skip")([inp, h])
    out = layers.Activation("relu", name="post_act")(s)
    return keras.Model(inp, out, name="residual")


def elementwise_merges() -> Any:
    keras, layers = _k()
    inp = keras.Input((5,), name="x")
    a = layers.Dense(4, name="a")(inp)
    b = layers.Dense(4, name="b")(inp)
    c = layers.Dense(4, name="c")(inp)
    sub = layers.Subtract(name="sub")([a, b])
    mul = layers.Multiply(name="mul")([b, c, a])
    avg = layers.Average(name="avg")([sub, mul])
    out = layers.Maximum(name="max")([avg, c])
    return keras.Model(inp, out, name="merges")


def embedding_lstm() -> Any:
    keras, layers = _k()
    return keras.Sequential(
        [
            keras.Input((10,), dtype="int32", name="tokens"),
            layers.Embedding(50, 4, name="embed"),
            layers.LSTM(3, name="memory"),
            layers.Dense(1, activation="sigmoid", name="out"),
        ],
        name="embed_lstm",
    )


def gru_simplernn() -> Any:
    keras, layers = _k()
    inp = keras.Input((7, 3), name="series")
    g = layers.GRU(4, return_sequences=True, name="gru")(inp)
    r = layers.SimpleRNN(2, return_sequences=True, go_backwards=True, name="rnn")(g)
    out = layers.GlobalAveragePooling1D(name="avg")(r)
    return keras.Model(inp, out, name="gru_rnn")


def bidirectional() -> Any:
    keras, layers = _k()
    inp = keras.Input((5, 3), name="seq")
    x = layers.Bidirectional(layers.LSTM(4, return_sequences=True), name="bi_lstm")(inp)
    x = layers.Bidirectional(layers.GRU(2), merge_mode="sum", name="bi_gru")(x)
    out = layers.Dense(2, name="out")(x)
    return keras.Model(inp, out, name="bidirectional")


def time_distributed() -> Any:
    keras, layers = _k()
    inp = keras.Input((4, 6), name="frames")
    x = layers.TimeDistributed(layers.Dense(3, activation="relu"), name="per_step")(inp)
    out = layers.LSTM(2, name="summary")(x)
    return keras.Model(inp, out, name="time_distributed")


def conv1d() -> Any:
    keras, layers = _k()
    return keras.Sequential(
        [
            keras.Input((20,), dtype="int32", name="tokens"),
            layers.Embedding(30, 4, name="embed"),
            layers.Conv1D(5, 3, activation="relu", name="conv"),
            layers.MaxPooling1D(2, name="pool"),
            layers.GlobalMaxPooling1D(name="global_max"),
            layers.Dense(1, name="out"),
        ],
        name="conv1d",
    )


def autoencoder() -> Any:
    keras, layers = _k()
    inp = keras.Input((8, 8, 1), name="img")
    x = layers.Conv2D(4, 3, strides=2, padding="same", activation="relu", name="enc")(inp)
    x = layers.Conv2DTranspose(4, 3, strides=2, padding="same", name="dec")(x)
    x = layers.UpSampling2D(2, name="up")(x)
    x = layers.AveragePooling2D(2, name="down")(x)
    out = layers.Conv2D(1, 1, activation="sigmoid", name="restore")(x)
    return keras.Model(inp, out, name="autoencoder")


def normalization() -> Any:
    keras, layers = _k()
    inp = keras.Input((6,), name="x")
    x = layers.Dense(5, use_bias=False, name="lin")(inp)
    x = layers.BatchNormalization(momentum=0.9, name="bn")(x)
    x = layers.Activation("tanh", name="act")(x)
    x = layers.LayerNormalization(epsilon=1e-5, name="ln")(x)
    return keras.Model(inp, x, name="normalization")


def reshaping() -> Any:
    keras, layers = _k()
    inp = keras.Input((12,), name="flat_in")
    x = layers.Reshape((3, 4), name="to_seq")(inp)
    x = layers.Permute((2, 1), name="swap")(x)
    x = layers.Flatten(name="flat")(x)
    x = layers.Dense(3, name="squeeze")(x)
    x = layers.RepeatVector(2, name="repeat")(x)
    return keras.Model(inp, x, name="reshaping")


def attention() -> Any:
    keras, layers = _k()
    query = keras.Input((4, 8), name="query")
    value = keras.Input((6, 8), name="value")
    self_att = layers.MultiHeadAttention(2, 4, name="self_att")(query, query)
    cross = layers.MultiHeadAttention(2, 4, dropout=0.1, name="cross_att")(self_att, value, value)
    dot = layers.Attention(name="dot_att")([query, value])
    out = layers.Concatenate(name="join")([cross, dot])
    return keras.Model([query, value], out, name="attention")


def nested_sequential() -> Any:
    keras, layers = _k()
    inner = keras.Sequential(
        [
            keras.Input((6,), name="inner_in"),
            layers.Dense(5, activation="relu", name="inner_1"),
            layers.Dense(4, name="inner_2"),
        ],
        name="encoder",
    )
    inp = keras.Input((6,), name="x")
    h = inner(inp)
    out = layers.Dense(2, name="head")(h)
    return keras.Model(inp, out, name="nested")


def generic_only() -> Any:
    """Layers the catalog may not model (the test checks which ones are generic)."""
    keras, layers = _k()
    inp = keras.Input((8, 8, 2), name="img")
    x = layers.Rescaling(1.0 / 255, name="rescale")(inp)
    x = layers.GaussianNoise(0.1, name="noise")(x)
    x = layers.ZeroPadding2D(1, name="pad")(x)
    x = layers.Cropping2D(((1, 0), (0, 1)), name="crop")(x)
    x = layers.Conv2D(2, 3, name="conv")(x)
    x = layers.LeakyReLU(negative_slope=0.2, name="leaky")(x)
    out = layers.GlobalAveragePooling2D(name="pool")(x)
    return keras.Model(inp, out, name="generic_layers")


def initializers() -> Any:
    keras, layers = _k()
    inp = keras.Input((4,), name="x")
    a = layers.Dense(3, kernel_initializer="he_normal", bias_initializer="ones", name="he")(inp)
    b = layers.Dense(
        3,
        kernel_initializer=keras.initializers.RandomNormal(stddev=0.5),
        kernel_regularizer=keras.regularizers.L2(0.001),
        name="custom_init",
    )(inp)
    out = layers.Add(name="sum")([a, b])
    return keras.Model(inp, out, name="initializers")


def built_sequential() -> Any:
    keras, layers = _k()
    model = keras.Sequential(
        [layers.Dense(4, activation="relu", name="first"), layers.Dense(2, name="second")],
        name="built",
    )
    model.build((None, 5))
    return model


ZOO: dict[str, Callable[[], Any]] = {
    "sequential_mlp": sequential_mlp,
    "sequential_cnn": sequential_cnn,
    "two_branch_cnn": two_branch_cnn,
    "multi_io": multi_io,
    "residual": residual,
    "elementwise_merges": elementwise_merges,
    "embedding_lstm": embedding_lstm,
    "gru_simplernn": gru_simplernn,
    "bidirectional": bidirectional,
    "time_distributed": time_distributed,
    "conv1d": conv1d,
    "autoencoder": autoencoder,
    "normalization": normalization,
    "reshaping": reshaping,
    "attention": attention,
    "nested_sequential": nested_sequential,
    "generic_only": generic_only,
    "initializers": initializers,
    "built_sequential": built_sequential,
}
