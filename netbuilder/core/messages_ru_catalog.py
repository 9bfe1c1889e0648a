"""Russian texts of the layer catalog: descriptions, parameter help, port names and layouts.

Keys are the English texts exactly as written in :mod:`netbuilder.core.catalog`;
:mod:`netbuilder.core.messages` merges this dict into the Russian catalogue so
``tr(spec.description)`` and ``tr(param.help)`` follow the language. Keras
identifiers (Dense, units, None, channels_last, "same", ...) stay untranslated, as
in a Russian Keras course. Axis names in layouts use the course words: батч,
шаги, признаки, каналы, высота, ширина.
"""

from __future__ import annotations

RU_CATALOG: dict[str, str] = {
    # Input
    "Model input: the shape of one sample (batch axis excluded).": "Вход модели: форма одного примера (без оси батча).",
    "Shape of one sample, without the batch axis.": "Форма одного примера, без оси батча.",
    "Fixed batch size (usually left empty).": "Фиксированный размер батча (обычно оставляют пустым).",
    "Data type of the input; None means float32.": "Тип данных входа; None означает float32.",
    "Whether the input is a sparse tensor.": "Является ли вход разреженным тензором.",
    # Dense
    "Fully connected layer: activation(dot(x, kernel) + bias).": "Полносвязный слой: activation(dot(x, kernel) + bias).",
    "Number of output units (neurons).": "Число выходных нейронов (units).",
    "Activation function; None means linear.": "Функция активации; None означает линейную.",
    "Whether to add a bias vector.": "Добавлять ли вектор смещения (bias).",
    "Initializer of the weight matrix.": "Инициализатор матрицы весов.",
    "Initializer of the bias vector.": "Инициализатор вектора смещения.",
    "input": "вход",
    "(batch, ..., features)": "(батч, ..., признаки)",
    # Embedding
    "Turns integer token ids into dense vectors of size output_dim.": "Превращает целые номера токенов в плотные векторы размера output_dim.",
    "Vocabulary size: largest token id + 1.": "Размер словаря: наибольший номер токена + 1.",
    "Size of each embedding vector.": "Размер каждого вектора эмбеддинга.",
    "Initializer of the embedding matrix.": "Инициализатор матрицы эмбеддингов.",
    "Treat token id 0 as padding and mask it for later layers.": "Считать токен с номером 0 заполнением и маскировать его для следующих слоёв.",
    "(batch, steps) of token ids": "(батч, шаги) из номеров токенов",
    # Conv1D
    "1-D convolution over sequences (text, signals, time series).": "Одномерная свёртка по последовательностям (текст, сигналы, временные ряды).",
    "Number of filters (output channels).": "Число фильтров (выходных каналов).",
    "Size of the convolution window.": "Размер окна свёртки.",
    "Step of the window along each axis.": "Шаг окна по каждой оси.",
    '"valid" (no padding, output shrinks), "same" (output keeps the size when strides=1), "causal" (no look-ahead, for sequences).': '"valid" (без дополнения, выход уменьшается), "same" (при strides=1 выход сохраняет размер), "causal" (без заглядывания вперёд, для последовательностей).',
    "Axis order: channels_last (batch, steps, channels) or channels_first (batch, channels, steps); None means channels_last.": "Порядок осей: channels_last (батч, шаги, каналы) или channels_first (батч, каналы, шаги); None означает channels_last.",
    "Spacing between kernel taps (atrous convolution).": "Расстояние между элементами ядра (расширенная, или atrous, свёртка).",
    "Split channels into this many groups convolved separately.": "Разбить каналы на столько групп, каждая сворачивается отдельно.",
    "Initializer of the kernel.": "Инициализатор ядра.",
    "(batch, steps, channels)": "(батч, шаги, каналы)",
    # Conv2D
    "2-D convolution over images: learns local filters.": "Двумерная свёртка по изображениям: обучает локальные фильтры.",
    '"valid" (no padding, output shrinks), "same" (output keeps the size when strides=1).': '"valid" (без дополнения, выход уменьшается), "same" (при strides=1 выход сохраняет размер).',
    "Axis order: channels_last (batch, height, width, channels) or channels_first (batch, channels, height, width); None means channels_last.": "Порядок осей: channels_last (батч, высота, ширина, каналы) или channels_first (батч, каналы, высота, ширина); None означает channels_last.",
    "(batch, height, width, channels)": "(батч, высота, ширина, каналы)",
    # Conv2DTranspose
    "Transposed 2-D convolution: upsamples images with learned filters.": "Транспонированная двумерная свёртка: увеличивает изображения обучаемыми фильтрами.",
    "Extra size added to one side of the output; each entry below strides.": "Дополнительный размер с одной стороны выхода; каждое значение меньше strides.",
    # MaxPooling1D
    "Downsamples a sequence by taking the maximum over each window.": "Уменьшает последовательность: берёт максимум в каждом окне.",
    "Size of the pooling window.": "Размер окна пулинга.",
    "Step of the window; empty means the same as pool_size.": "Шаг окна; пусто — то же, что pool_size.",
    '"valid" (drop what does not fit) or "same" (pad so every input is covered).': '"valid" (отбросить то, что не помещается) или "same" (дополнить, чтобы охватить весь вход).',
    "Axis order: channels_last (batch, steps, features) or channels_first (batch, features, steps); None means channels_last.": "Порядок осей: channels_last (батч, шаги, признаки) или channels_first (батч, признаки, шаги); None означает channels_last.",
    "(batch, steps, features)": "(батч, шаги, признаки)",
    # MaxPooling2D
    "Downsamples an image by taking the maximum over each window.": "Уменьшает изображение: берёт максимум в каждом окне.",
    # AveragePooling1D
    "Downsamples a sequence by taking the average over each window.": "Уменьшает последовательность: берёт среднее в каждом окне.",
    # AveragePooling2D
    "Downsamples an image by taking the average over each window.": "Уменьшает изображение: берёт среднее в каждом окне.",
    # GlobalMaxPooling1D
    "Takes the maximum over all steps: one value per channel.": "Максимум по всем шагам: одно значение на канал.",
    "Keep the pooled axes with size 1 instead of dropping them.": "Оставить свёрнутые оси размером 1, а не убирать их.",
    # GlobalMaxPooling2D
    "Takes the maximum over all height and width: one value per channel.": "Максимум по всей высоте и ширине: одно значение на канал.",
    # GlobalAveragePooling1D
    "Takes the average over all steps: one value per channel.": "Среднее по всем шагам: одно значение на канал.",
    # GlobalAveragePooling2D
    "Takes the average over all height and width: one value per channel.": "Среднее по всей высоте и ширине: одно значение на канал.",
    # SimpleRNN
    "Fully connected recurrent layer: the output is fed back at every step.": "Полносвязный рекуррентный слой: выход подаётся обратно на каждом шаге.",
    "Size of the hidden state (output features).": "Размер скрытого состояния (число выходных признаков).",
    "Initializer of the input weights.": "Инициализатор входных весов.",
    "Initializer of the recurrent weights.": "Инициализатор рекуррентных весов.",
    "Initializer of the bias.": "Инициализатор смещения.",
    "Fraction of the inputs to drop during training.": "Доля входов, отбрасываемых при обучении.",
    "Fraction of the recurrent state to drop during training.": "Доля рекуррентного состояния, отбрасываемая при обучении.",
    "Return the output of every step (batch, steps, units) instead of the last (batch, units).": "Возвращать выход каждого шага (батч, шаги, units) вместо последнего (батч, units).",
    "Process the sequence backwards.": "Обрабатывать последовательность в обратном порядке.",
    "Unroll the loop (faster for short sequences).": "Развернуть цикл (быстрее для коротких последовательностей).",
    "Random seed for reproducible dropout masks (empty = random).": "Зерно генератора для воспроизводимых масок dropout (пусто = случайное).",
    # LSTM
    "Long short-term memory: a recurrent layer with gates that keeps long context.": "Долгая краткосрочная память: рекуррентный слой с вентилями, который удерживает длинный контекст.",
    "Activation of the gates.": "Активация вентилей.",
    "Start the forget gate bias at 1 (recommended).": "Начальное смещение вентиля забывания равно 1 (рекомендуется).",
    # GRU
    "Gated recurrent unit: a lighter gated recurrent layer than LSTM.": "Управляемый рекуррентный блок: рекуррентный слой с вентилями, более лёгкий, чем LSTM.",
    "Apply the reset gate after the matrix product (Keras/cuDNN default).": "Применять вентиль сброса после умножения матриц (по умолчанию в Keras/cuDNN).",
    # Bidirectional
    "Runs a recurrent layer forwards and backwards and merges both outputs.": "Прогоняет рекуррентный слой в прямом и обратном направлении и объединяет оба выхода.",
    "The recurrent layer to run in both directions.": "Рекуррентный слой, который запускается в обоих направлениях.",
    "How to combine both directions; None returns two outputs.": "Как объединить оба направления; None возвращает два выхода.",
    # TimeDistributed
    "Applies the same Dense layer to every time step of a sequence.": "Применяет один и тот же слой Dense к каждому шагу последовательности.",
    "The layer applied to each step.": "Слой, применяемый к каждому шагу.",
    "(batch, steps, ...)": "(батч, шаги, ...)",
    # MultiHeadAttention
    "Multi-head attention (transformers): the query attends to the value sequence.": "Многоголовое внимание (трансформеры): запрос (query) обращает внимание на последовательность значений (value).",
    "Number of attention heads.": "Число голов внимания.",
    "Size of each head for query and key.": "Размер каждой головы для query и key.",
    "Size of each head for the value; empty means key_dim.": "Размер каждой головы для value; пусто — равен key_dim.",
    "Dropout on the attention weights while training.": "Dropout весов внимания при обучении.",
    "Output features besides batch and steps; empty means the query's features.": "Выходные признаки помимо батча и шагов; пусто — как у query.",
    "Initializer of the projection kernels.": "Инициализатор ядер проекций.",
    "Initializer of the projection biases.": "Инициализатор смещений проекций.",
    "query": "запрос",
    "value": "значение",
    "key": "ключ",
    # Attention
    "Dot-product (Luong) attention: each query step takes a weighted mix of values.": "Внимание на скалярном произведении (Луонг): каждый шаг запроса получает взвешенную смесь значений.",
    "Learn a scale for the attention scores.": "Обучать масштаб оценок внимания.",
    '"dot" product scores or "concat" (additive, tanh of the sum).': 'Оценки "dot" (скалярное произведение) или "concat" (аддитивные, tanh от суммы).',
    # Concatenate
    "Joins a list of tensors along one axis; other axes must match.": "Соединяет список тензоров вдоль одной оси; остальные оси должны совпадать.",
    "Axis along which to concatenate.": "Ось, вдоль которой идёт конкатенация.",
    "(batch, ...)": "(батч, ...)",
    # Add
    "Adds a list of tensors of the same shape (residual connections).": "Складывает список тензоров одинаковой формы (остаточные связи).",
    # Subtract
    "Subtracts the second tensor from the first.": "Вычитает второй тензор из первого.",
    # Multiply
    "Multiplies a list of tensors element-wise.": "Поэлементно перемножает список тензоров.",
    # Average
    "Averages a list of tensors element-wise.": "Поэлементно усредняет список тензоров.",
    # Maximum
    "Element-wise maximum of a list of tensors.": "Поэлементный максимум списка тензоров.",
    # Flatten
    "Flattens each sample into one vector (batch axis kept).": "Вытягивает каждый пример в один вектор (ось батча сохраняется).",
    "Axis order: channels_last (batch, ..., channels) or channels_first (batch, channels, ...): channels are moved last first; None means channels_last.": "Порядок осей: channels_last (батч, ..., каналы) или channels_first (батч, каналы, ...): каналы сначала переносятся в конец; None означает channels_last.",
    # Reshape
    "Gives each sample a new shape with the same number of values.": "Придаёт каждому примеру новую форму с тем же числом значений.",
    "New shape without the batch axis; one entry may be -1.": "Новая форма без оси батча; одно значение может быть -1.",
    # RepeatVector
    "Repeats a vector n times: (batch, features) to (batch, n, features).": "Повторяет вектор n раз: (батч, признаки) в (батч, n, признаки).",
    "Number of repetitions.": "Число повторений.",
    "(batch, features)": "(батч, признаки)",
    # Permute
    "Reorders the axes of each sample, e.g. dims=(2, 1) swaps two axes.": "Переставляет оси каждого примера, например dims=(2, 1) меняет две оси местами.",
    "New order of the axes, counted from 1 (the batch axis stays first).": "Новый порядок осей, считая с 1 (ось батча остаётся первой).",
    # UpSampling2D
    "Enlarges images by repeating (or interpolating) rows and columns.": "Увеличивает изображения, повторяя (или интерполируя) строки и столбцы.",
    "Upsampling factors for rows and columns.": "Коэффициенты увеличения для строк и столбцов.",
    "How new pixels are filled in.": "Как заполняются новые пиксели.",
    # BatchNormalization
    "Normalizes each feature over the batch; keeps moving statistics for inference.": "Нормализует каждый признак по батчу; хранит скользящие статистики для предсказания.",
    "The features axis to normalize (-1 = last).": "Ось признаков для нормализации (-1 = последняя).",
    "Momentum of the moving mean and variance.": "Момент скользящего среднего и дисперсии.",
    "Small number added to the variance to avoid dividing by zero.": "Малое число, добавляемое к дисперсии, чтобы не делить на ноль.",
    "Learn an offset (beta).": "Обучать сдвиг (beta).",
    "Learn a scale (gamma).": "Обучать масштаб (gamma).",
    "Initializer of the offset beta.": "Инициализатор сдвига beta.",
    "Initializer of the scale gamma.": "Инициализатор масштаба gamma.",
    "Initializer of the moving mean.": "Инициализатор скользящего среднего.",
    "Initializer of the moving variance.": "Инициализатор скользящей дисперсии.",
    # LayerNormalization
    "Normalizes each sample over its features (used in transformers).": "Нормализует каждый пример по его признакам (используется в трансформерах).",
    # Dropout
    "Randomly sets a fraction of the inputs to 0 while training (against overfitting).": "При обучении случайно обнуляет долю входов (против переобучения).",
    "Fraction of the inputs to drop, in [0, 1).": "Доля отбрасываемых входов, в [0, 1).",
    # SpatialDropout1D
    "Drops whole feature channels of a sequence while training.": "При обучении отбрасывает целые каналы признаков последовательности.",
    "Fraction of the channels to drop, in [0, 1).": "Доля отбрасываемых каналов, в [0, 1).",
    # Activation
    "Applies an activation function (relu, softmax, ...) element-wise.": "Поэлементно применяет функцию активации (relu, softmax, ...).",
    "Activation function to apply.": "Применяемая функция активации.",
}
