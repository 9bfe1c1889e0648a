"""Write the example projects (``resources/examples/*.nbproj``) deterministically.

Run from the repository root after changing an example or the project format:

    .venv/bin/python resources/examples/make_examples.py

Each example is a list of layers (name, type, params, input names, grid cell)
built with netbuilder's core API, so the files always match the catalog. Node
ids are derived from the example and layer names, so rerunning changes nothing
unless an example changed.
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from netbuilder.core.analysis import Analyzer  # noqa: E402
from netbuilder.core.graph import Graph, Node, Ref  # noqa: E402
from netbuilder.core.project import Project, save  # noqa: E402
from netbuilder.core.training.settings import TrainingSettings  # noqa: E402

HERE = Path(__file__).resolve().parent
NAMESPACE = uuid.UUID("6f1d2c1e-4a1b-4c55-9a43-0e5b0b7a2d10")
COLUMN, ROW = 290.0, 140.0  # canvas grid (cards are 200 px wide): layers flow left to right

# (name, type, params, input layer names, (column, row))
Layer = tuple[str, str, dict[str, Any], tuple[str, ...], tuple[float, float]]


@dataclass
class Example:
    name: str
    title_en: str
    title_ru: str
    description_en: str
    description_ru: str
    layers: list[Layer]
    outputs: list[str]
    data: dict[str, Any]
    training: dict[str, Any] = field(default_factory=dict)


def _tokens_in(length: int) -> Layer:
    return ("input_layer", "Input", {"shape": (length,), "dtype": "int32"}, (), (0, 0))


def _sigmoid_head(src: str, column: float) -> Layer:
    return ("output_layer", "Dense", {"units": 1, "activation": "sigmoid"}, (src,), (column, 0))


EXAMPLES = [
    Example(
        "mlp",
        "Multilayer perceptron 1000 → 16 → 16 → 1",
        "Многослойный перцептрон 1000 → 16 → 16 → 1",
        "The course's first functional-API model: two hidden Dense layers of 16 "
        "neurons and a sigmoid output, on bag-of-words review vectors.",
        "Первая модель курса на функциональном API: два скрытых полносвязных слоя "
        "по 16 нейронов и выход с сигмоидой, на векторах «мешка слов» отзывов.",
        [
            ("input_layer", "Input", {"shape": (1000,)}, (), (0, 0)),
            ("layer_1", "Dense", {"units": 16, "activation": "relu"}, ("input_layer",), (1, 0)),
            ("layer_2", "Dense", {"units": 16, "activation": "relu"}, ("layer_1",), (2, 0)),
            _sigmoid_head("layer_2", 3),
        ],
        ["output_layer"],
        {"kind": "builtin", "name": "bag_of_words"},
        {"epochs": 5, "batch_size": 32},
    ),
    Example(
        "two_branch_cnn",
        "Two-branch CNN with concatenate",
        "Свёрточная сеть с двумя ветвями и concatenate",
        "One 64×64 grayscale image goes through two convolution branches "
        "(Conv2D(64, 4) and Conv2D(32, 8) + MaxPooling2D), joined by Concatenate: "
        "circle or square?",
        "Одно чёрно-белое изображение 64×64 проходит через две свёрточные ветви "
        "(Conv2D(64, 4) и Conv2D(32, 8) + MaxPooling2D), которые объединяет "
        "Concatenate: круг или квадрат?",
        [
            ("input_layer", "Input", {"shape": (64, 64, 1)}, (), (0, 0.5)),
            (
                "conv1",
                "Conv2D",
                {"filters": 64, "kernel_size": (4, 4), "activation": "relu"},
                ("input_layer",),
                (1, 0),
            ),
            ("flat1", "Flatten", {}, ("conv1",), (2, 0)),
            (
                "conv2",
                "Conv2D",
                {"filters": 32, "kernel_size": (8, 8), "activation": "relu"},
                ("input_layer",),
                (1, 1),
            ),
            ("MaxPool2", "MaxPooling2D", {"pool_size": (2, 2)}, ("conv2",), (2, 1)),
            ("flat2", "Flatten", {}, ("MaxPool2",), (3, 1)),
            ("merge", "Concatenate", {}, ("flat1", "flat2"), (4, 0.5)),
            ("output_layer", "Dense", {"units": 1, "activation": "sigmoid"}, ("merge",), (5, 0.5)),
        ],
        ["output_layer"],
        {"kind": "builtin", "name": "shapes_64", "samples": 2000},
        {"epochs": 4, "batch_size": 32},
    ),
    Example(
        "lstm",
        "Embedding + LSTM(32)",
        "Embedding + LSTM(32)",
        "Tokens (50 words, sequences of 1000) are embedded in 10 dimensions and read "
        "by an LSTM of 32 units; a sigmoid Dense answers which marker opened the sequence.",
        "Токены (словарь 50, последовательности длиной 1000) превращаются в векторы "
        "размерности 10 и читаются слоем LSTM на 32 нейрона; Dense с сигмоидой "
        "отвечает, какой маркер стоял в начале.",
        [
            _tokens_in(1000),
            (
                "embedding",
                "Embedding",
                {"input_dim": 50, "output_dim": 10},
                ("input_layer",),
                (1, 0),
            ),
            ("lstm", "LSTM", {"units": 32}, ("embedding",), (2, 0)),
            _sigmoid_head("lstm", 3),
        ],
        ["output_layer"],
        {"kind": "builtin", "name": "long_memory"},
        {"epochs": 3, "batch_size": 32},
    ),
    Example(
        "lstm_sequences",
        "LSTM(32) with return_sequences=True",
        "LSTM(32) с return_sequences=True",
        "The same LSTM returning its whole output sequence (1000 × 32); "
        "GlobalMaxPooling1D keeps the strongest signal of each unit.",
        "Тот же LSTM, но он возвращает всю последовательность (1000 × 32); "
        "GlobalMaxPooling1D оставляет самый сильный сигнал каждого нейрона.",
        [
            _tokens_in(1000),
            (
                "embedding",
                "Embedding",
                {"input_dim": 50, "output_dim": 10},
                ("input_layer",),
                (1, 0),
            ),
            ("lstm", "LSTM", {"units": 32, "return_sequences": True}, ("embedding",), (2, 0)),
            ("global_max_pooling1d", "GlobalMaxPooling1D", {}, ("lstm",), (3, 0)),
            _sigmoid_head("global_max_pooling1d", 4),
        ],
        ["output_layer"],
        {"kind": "builtin", "name": "long_memory"},
        {"epochs": 3, "batch_size": 32},
    ),
    Example(
        "gru",
        "Embedding + GRU(16)",
        "Embedding + GRU(16)",
        "A GRU of 16 units (fewer weights than an LSTM) returns its sequence; "
        "GlobalAveragePooling1D and a sigmoid Dense classify it.",
        "GRU на 16 нейронов (весов меньше, чем у LSTM) возвращает последовательность; "
        "GlobalAveragePooling1D и Dense с сигмоидой классифицируют её.",
        [
            _tokens_in(1000),
            (
                "embedding",
                "Embedding",
                {"input_dim": 50, "output_dim": 10},
                ("input_layer",),
                (1, 0),
            ),
            ("gru", "GRU", {"units": 16, "return_sequences": True}, ("embedding",), (2, 0)),
            ("global_average_pooling1d", "GlobalAveragePooling1D", {}, ("gru",), (3, 0)),
            _sigmoid_head("global_average_pooling1d", 4),
        ],
        ["output_layer"],
        {"kind": "builtin", "name": "long_memory"},
        {"epochs": 3, "batch_size": 32},
    ),
    Example(
        "conv1d",
        "Embedding + Conv1D(20, 5)",
        "Embedding + Conv1D(20, 5)",
        "A one-dimensional convolution with 20 filters of width 5 slides along the "
        "token sequence and finds the keyword 7, 3, 11 wherever it occurs.",
        "Одномерная свёртка: 20 фильтров шириной 5 скользят по последовательности "
        "токенов и находят ключевое слово 7, 3, 11, где бы оно ни стояло.",
        [
            _tokens_in(1000),
            (
                "embedding",
                "Embedding",
                {"input_dim": 50, "output_dim": 10},
                ("input_layer",),
                (1, 0),
            ),
            (
                "conv1d",
                "Conv1D",
                {"filters": 20, "kernel_size": (5,), "activation": "relu"},
                ("embedding",),
                (2, 0),
            ),
            ("global_max_pooling1d", "GlobalMaxPooling1D", {}, ("conv1d",), (3, 0)),
            _sigmoid_head("global_max_pooling1d", 4),
        ],
        ["output_layer"],
        {"kind": "builtin", "name": "keywords"},
        {"epochs": 5, "batch_size": 32, "learning_rate": 0.003},
    ),
    Example(
        "bidirectional",
        "Bidirectional LSTMs: the flying ball",
        "Двунаправленные LSTM: летящий мяч",
        "Five frames of a 10-pixel strip show a flying ball; two Bidirectional LSTMs "
        "read them both ways and Dense(10) gives logits for where the ball will be next.",
        "Пять кадров полоски из 10 пикселей показывают летящий мяч; два слоя "
        "Bidirectional(LSTM) читают их в обе стороны, а Dense(10) выдаёт логиты того, "
        "где мяч окажется в следующем кадре.",
        [
            ("input_layer", "Input", {"shape": (5, 10)}, (), (0, 0)),
            (
                "bidirectional",
                "Bidirectional",
                {"layer": {"type": "LSTM", "params": {"units": 64, "return_sequences": True}}},
                ("input_layer",),
                (1, 0),
            ),
            (
                "bidirectional_1",
                "Bidirectional",
                {"layer": {"type": "LSTM", "params": {"units": 32}}},
                ("bidirectional",),
                (2, 0),
            ),
            ("dense", "Dense", {"units": 10}, ("bidirectional_1",), (3, 0)),
        ],
        ["dense"],
        {"kind": "builtin", "name": "flying_ball"},
        {
            "epochs": 8,
            "batch_size": 32,
            "learning_rate": 0.003,
            "loss": "sparse_categorical_crossentropy",
        },
    ),
    Example(
        "multi_io",
        "Two inputs, two outputs",
        "Два входа и два выхода",
        "A feature vector and a token sequence go through their own branches, are "
        "concatenated, and feed two heads: a regression score and a yes/no label.",
        "Вектор признаков и последовательность токенов проходят каждый свою ветвь, "
        "объединяются и питают два выхода: число (регрессия) и метку «да/нет».",
        [
            ("features", "Input", {"shape": (16,)}, (), (0, 0)),
            ("tokens", "Input", {"shape": (20,), "dtype": "int32"}, (), (0, 1)),
            ("features_dense", "Dense", {"units": 32, "activation": "relu"}, ("features",), (1, 0)),
            ("embedding", "Embedding", {"input_dim": 30, "output_dim": 8}, ("tokens",), (1, 1)),
            ("pooling", "GlobalAveragePooling1D", {}, ("embedding",), (2, 1)),
            ("merge", "Concatenate", {}, ("features_dense", "pooling"), (3, 0.5)),
            ("hidden", "Dense", {"units": 32, "activation": "relu"}, ("merge",), (4, 0.5)),
            ("score", "Dense", {"units": 1}, ("hidden",), (5, 0)),
            ("label", "Dense", {"units": 1, "activation": "sigmoid"}, ("hidden",), (5, 1)),
        ],
        ["score", "label"],
        {"kind": "builtin", "name": "multi_io"},
        {
            "epochs": 8,
            "batch_size": 32,
            "learning_rate": 0.003,
            "metrics": {"score": ["mae"], "label": ["accuracy"]},
        },
    ),
    Example(
        "attention",
        "Self-attention with MultiHeadAttention",
        "Самовнимание: MultiHeadAttention",
        "Each token of a 64-token sequence attends to every other "
        "(MultiHeadAttention with query = value), so the marker at the start can "
        "reach the pooled output directly.",
        "Каждый токен последовательности из 64 токенов смотрит на все остальные "
        "(MultiHeadAttention, где query = value), поэтому маркер в начале напрямую "
        "доходит до усреднённого выхода.",
        [
            _tokens_in(64),
            (
                "embedding",
                "Embedding",
                {"input_dim": 50, "output_dim": 16},
                ("input_layer",),
                (1, 0),
            ),
            (
                "self_attention",
                "MultiHeadAttention",
                {"num_heads": 2, "key_dim": 16},
                ("embedding", "embedding"),
                (2, 0),
            ),
            ("global_average_pooling1d", "GlobalAveragePooling1D", {}, ("self_attention",), (3, 0)),
            _sigmoid_head("global_average_pooling1d", 4),
        ],
        ["output_layer"],
        {"kind": "builtin", "name": "long_memory", "length": 64},
        {"epochs": 5, "batch_size": 32, "learning_rate": 0.003},
    ),
    Example(
        "residual_cnn",
        "Residual CNN with Add",
        "Остаточная свёрточная сеть с Add",
        "A small ResNet-style block: two 'same'-padded convolutions whose output is "
        "added back to their input (a skip connection), then pooled and classified.",
        "Небольшой блок в стиле ResNet: две свёртки с padding='same', выход которых "
        "складывается с их входом (обходная связь), затем пулинг и классификация.",
        [
            ("input_layer", "Input", {"shape": (64, 64, 1)}, (), (0, 0)),
            (
                "stem",
                "Conv2D",
                {"filters": 16, "kernel_size": (3, 3), "strides": (2, 2), "activation": "relu"},
                ("input_layer",),
                (1, 0),
            ),
            (
                "conv_a",
                "Conv2D",
                {"filters": 16, "kernel_size": (3, 3), "padding": "same", "activation": "relu"},
                ("stem",),
                (2, 1),
            ),
            (
                "conv_b",
                "Conv2D",
                {"filters": 16, "kernel_size": (3, 3), "padding": "same"},
                ("conv_a",),
                (3, 1),
            ),
            ("add", "Add", {}, ("stem", "conv_b"), (4, 0)),
            ("relu", "Activation", {"activation": "relu"}, ("add",), (5, 0)),
            ("pooling", "GlobalAveragePooling2D", {}, ("relu",), (6, 0)),
            ("output_layer", "Dense", {"units": 1, "activation": "sigmoid"}, ("pooling",), (7, 0)),
        ],
        ["output_layer"],
        {"kind": "builtin", "name": "shapes_64"},
        {"epochs": 10, "batch_size": 32, "learning_rate": 0.003},
    ),
]


def _node_id(example: str, layer: str) -> str:
    return uuid.uuid5(NAMESPACE, f"{example}/{layer}").hex


def build_project(example: Example) -> Project:
    """The example as a project; raises ValueError if it has any problem."""
    graph = Graph()
    for name, type_name, params, inputs, (col, row) in example.layers:
        refs: list[Ref | None] = [Ref(_node_id(example.name, src)) for src in inputs]
        node = Node(
            _node_id(example.name, name),
            type_name,
            name,
            dict(params),
            refs,
            (60.0 + col * COLUMN, 60.0 + row * ROW),
        )
        graph.add_node(node)
    for out in example.outputs:
        graph.insert_output(len(graph.outputs), _node_id(example.name, out))
    analyzer = Analyzer(graph)
    problems = analyzer.problems()
    analyzer.close()
    if problems:
        raise ValueError(f"example {example.name!r}: {problems[0].message}")
    training = TrainingSettings.from_dict(example.training).to_dict()
    return Project(
        graph,
        {"en": example.title_en, "ru": example.title_ru},
        {"en": example.description_en, "ru": example.description_ru},
        training,
        dict(example.data),
    )


def main() -> None:
    for example in EXAMPLES:
        path = HERE / f"{example.name}.nbproj"
        save(build_project(example), path)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
