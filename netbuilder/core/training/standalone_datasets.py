"""Built-in datasets for netbuilder models, generated with NumPy from a seed.

Like :mod:`standalone`, this module is self-contained on purpose (only the
standard library and NumPy at the top) so that netbuilder can copy its source
text into exported training scripts: an exported script generates exactly the
data the app trains on. Nothing is ever downloaded.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


class DataError(ValueError):
    """The data cannot be read or does not fit; the message is one clear sentence."""


Arrays = tuple[list[np.ndarray], list[np.ndarray]]  # (inputs, targets) in model order


# ---------------------------------------------------------------------------
# Built-in datasets, generated with NumPy from a seed (nothing is downloaded).
# Each returns (list of input arrays, list of target arrays) in model order.
# Class labels are int32; the rules that set them are fixed (not seeded), so a
# model trained on one seed's data is tested fairly on another seed's data.
# ---------------------------------------------------------------------------


def _balanced_labels(rng: np.random.Generator, samples: int, classes: int = 2) -> np.ndarray:
    """Class ids 0..classes-1 in equal numbers, shuffled."""
    return rng.permutation(np.arange(samples) % classes).astype("int32")


def bag_of_words(samples: int = 2000, seed: int = 0, words: int = 1000, length: int = 40) -> Arrays:
    """Word-presence vectors of short "reviews": x (n, words) 0/1, y (n, 1) positive?

    Words 0-49 are positive, 50-99 negative, the rest neutral. A review holds
    ``length`` neutral words, four words of its own sentiment and one of the other.
    """
    rng = np.random.default_rng(seed)
    y = _balanced_labels(rng, samples)
    x = np.zeros((samples, words), dtype="float32")
    rows = np.arange(samples)[:, None]
    x[rows, rng.integers(100, words, size=(samples, length))] = 1.0
    x[rows, rng.integers(0, 50, size=(samples, 4)) + 50 * (1 - y)[:, None]] = 1.0
    x[rows, rng.integers(0, 50, size=(samples, 1)) + 50 * y[:, None]] = 1.0
    return [x], [y[:, None]]


def shapes_64(samples: int = 1000, seed: int = 0, size: int = 64, noise: float = 0.1) -> Arrays:
    """Grayscale images (n, size, size, 1) of a filled circle (y=1) or square (y=0)."""
    rng = np.random.default_rng(seed)
    y = _balanced_labels(rng, samples)
    r = rng.uniform(0.12 * size, 0.3 * size, samples)
    cy = rng.uniform(r, size - r)
    cx = rng.uniform(r, size - r)
    grid_y, grid_x = np.mgrid[0:size, 0:size].astype("float32")
    dy = grid_y[None] - cy[:, None, None]
    dx = grid_x[None] - cx[:, None, None]
    rr = r[:, None, None]
    circle = dy**2 + dx**2 <= rr**2
    square = (np.abs(dy) <= rr) & (np.abs(dx) <= rr)
    img = np.where(y[:, None, None] == 1, circle, square).astype("float32")
    img += rng.normal(0.0, noise, img.shape).astype("float32")
    return [np.clip(img, 0.0, 1.0)[..., None]], [y[:, None]]


def long_memory(
    samples: int = 2000,
    seed: int = 0,
    length: int = 1000,
    vocab: int = 50,
    min_length: int = 1,
    repeats: int | None = None,
) -> Arrays:
    """Token sequences (n, length) whose label is set by their first token.

    Each sample is a "text" of random length (``min_length``..``length``) of
    noise tokens 3..vocab-1, padded in front with 0 to ``length`` tokens (as
    ``keras.utils.pad_sequences`` does). Its first token is the marker: 1 for
    class 0, 2 for class 1. With ``repeats=1`` the marker appears only there,
    so the model must carry it to the end of the sequence: LSTM and GRU learn
    that, SimpleRNN does not (the course's point about vanishing gradients;
    ``long_memory:length=150,repeats=1`` with a learning rate of 0.01 shows it
    reliably within a few epochs; at length 100 many texts are so short that
    SimpleRNN sometimes copes).
    ``repeats=k`` adds k-1 copies of the marker later in the text, an easier
    variant. The default is 1 up to 200 tokens, else one marker per 50
    tokens, so the course models on length 1000 learn in about a minute on two
    CPU cores.
    """
    if vocab < 4 or not 1 <= min_length <= length:
        raise DataError("long_memory needs vocab >= 4 and 1 <= min_length <= length.")
    rng = np.random.default_rng(seed)
    if repeats is None:
        repeats = 1 if length <= 200 else length // 50
    y = _balanced_labels(rng, samples)
    x = rng.integers(3, vocab, size=(samples, length)).astype("int32")
    first = length - rng.integers(min_length, length + 1, size=(samples, 1))
    x[np.arange(length)[None, :] < first] = 0
    marker = (1 + y)[:, None]
    rows = np.arange(samples)[:, None]
    x[rows, first] = marker
    if repeats > 1:
        x[rows, rng.integers(first, length, size=(samples, repeats - 1))] = marker
    return [x], [y[:, None]]


KEYWORD = (7, 3, 11)


def keywords(samples: int = 2000, seed: int = 0, length: int = 1000, vocab: int = 50) -> Arrays:
    """Token sequences (n, length); y=1 when the keyword 7, 3, 11 occurs anywhere, in order.

    The keyword's tokens appear nowhere else, except as decoys: every sequence
    also holds them once each, scattered, so only the phrase tells the classes
    apart (what a Conv1D with GlobalMaxPooling1D learns to spot).
    """
    k = len(KEYWORD)
    if length < 5 * 2 * k or vocab <= max(KEYWORD) + 1:
        raise DataError(f"keywords needs length >= {10 * k} and vocab > {max(KEYWORD) + 1}.")
    rng = np.random.default_rng(seed)
    y = _balanced_labels(rng, samples)
    noise = np.setdiff1d(np.arange(1, vocab), KEYWORD)
    x = rng.choice(noise, size=(samples, length)).astype("int32")
    # Slots 2k tokens apart: decoys go to the first k (they can never form the
    # phrase), the keyword of a positive sample into the next one.
    slots = rng.permuted(np.tile(np.arange(0, length - 2 * k, 2 * k), (samples, 1)), axis=1)
    x[np.arange(samples)[:, None], slots[:, :k]] = KEYWORD
    pos = np.nonzero(y)[0]
    start = slots[pos, k] + 1
    for i, token in enumerate(KEYWORD):
        x[pos, start + i] = token
    return [x], [y[:, None]]


def flying_ball(samples: int = 2000, seed: int = 0, frames: int = 5, width: int = 10) -> Arrays:
    """The flying ball: x (n, frames, width) one lit pixel per frame, y (n,) next position.

    The ball flies left or right at speed 1 or 2 and bounces off the ends of
    the strip; the target is its position in the frame after the last one.
    """
    rng = np.random.default_rng(seed)
    # Draw the target first (uniform classes) and trace the flight backwards.
    target = rng.integers(0, width, size=samples)
    velocity = rng.choice(np.array([-2, -1, 1, 2]), size=samples)
    t = np.arange(frames + 1)
    travel = target[:, None] + velocity[:, None] * (t[None, :] - frames)
    # Bouncing is a reflection: fold the straight path into 0..width-1.
    period = 2 * (width - 1)
    folded = np.mod(travel, period)
    pos = np.where(folded < width, folded, period - folded)
    x = np.zeros((samples, frames, width), dtype="float32")
    x[np.arange(samples)[:, None], t[None, :frames], pos[:, :frames]] = 1.0
    return [x], [pos[:, frames].astype("int32")]


def multi_io(samples: int = 2000, seed: int = 0) -> Arrays:
    """Two inputs and two outputs: features (n, 16) + tokens (n, 20) -> score, label.

    score (n, 1) is a smooth function of the features; label (n, 1) says whether
    the tokens hold more "good" (1-9) than "bad" (10-18) tokens, nudged by
    the first feature.
    """
    rng = np.random.default_rng(seed)
    weights = np.random.default_rng(1234).normal(size=16).astype("float32")
    features = rng.normal(size=(samples, 16)).astype("float32")
    tokens = rng.integers(1, 30, size=(samples, 20)).astype("int32")
    score = np.tanh(features @ weights / 4.0)[:, None].astype("float32")
    good = ((tokens >= 1) & (tokens <= 9)).sum(axis=1)
    bad = ((tokens >= 10) & (tokens <= 18)).sum(axis=1)
    label = (good - bad + 0.5 * features[:, 0] > 0).astype("int32")[:, None]
    return [features, tokens], [score, label]


BUILTIN_DATASETS: dict[str, Callable[..., Arrays]] = {
    "bag_of_words": bag_of_words,
    "shapes_64": shapes_64,
    "long_memory": long_memory,
    "keywords": keywords,
    "flying_ball": flying_ball,
    "multi_io": multi_io,
}

# Names of the inputs and outputs where a dataset has more than one of each;
# load_data matches them to the model's node names when those agree.
BUILTIN_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "multi_io": (("features", "tokens"), ("score", "label")),
}
