"""Russian catalogue for :mod:`netbuilder.core.messages` (English template -> Russian).

Keys are the exact English templates passed to ``tr()`` (and to the project
loader's ``_fail``/``_expect``) anywhere in ``netbuilder.core``; values keep the
same ``{placeholders}``. ``tests/core/test_messages.py`` checks both.
"""

from __future__ import annotations

RU: dict[str, str] = {
    "error": "ошибка",
    "warning": "предупреждение",
    # -- validation: graph-wide ----------------------------------------------------------
    "The model is empty. Add an Input layer, then the layers that process it.": (
        "Модель пуста. Добавьте слой Input, а затем слои, которые его обрабатывают."
    ),
    "The layers {path} form a cycle. A Keras model must flow one way, from its inputs to "
    "its outputs; disconnect one of these wires.": (
        "Слои {path} образуют цикл. Данные в модели Keras идут в одну сторону, от входов "
        "к выходам; отсоедините одну из этих связей."
    ),
    "The model has no Input layer. Add an Input, set the shape of one sample (for example "
    "(28, 28, 1)), and connect the first layer to it.": (
        "В модели нет слоя Input. Добавьте Input, задайте форму одного примера (например, "
        "(28, 28, 1)) и подключите к нему первый слой."
    ),
    "The model has no output: no layer is marked as a model output. Mark the layer(s) the "
    "model should return, for example {names}.": (
        "У модели нет выхода: ни один слой не отмечен как выход модели. Отметьте слои, "
        "которые модель должна возвращать, например {names}."
    ),
    "The model has no output: no layer is marked as a model output. Mark the layer(s) the "
    "model should return.": (
        "У модели нет выхода: ни один слой не отмечен как выход модели. Отметьте слои, "
        "которые модель должна возвращать."
    ),
    "{who} feeds nothing and is not a model output, so its result is thrown away. Mark it "
    "as a model output, connect it to a later layer, or delete it.": (
        "{who} никуда не передаёт данные и не является выходом модели, поэтому его "
        "результат теряется. Отметьте его как выход модели, подключите к следующему слою "
        "или удалите."
    ),
    "{who} is not connected to any Input: no path leads to it from an Input layer, so "
    "Keras cannot compute it. Connect it, or the layers before it, to the model's inputs.": (
        "{who} не связан ни с одним Input: к нему не ведёт ни один путь от входного слоя, "
        "поэтому Keras не может его вычислить. Подключите его (или слои перед ним) к входам "
        "модели."
    ),
    "{who} is a model input and takes no inputs, but is fed by {sources}. Disconnect them.": (
        "{who} — вход модели и не принимает входов, но к нему подключены {sources}. Отсоедините их."
    ),
    "{who} has the same name as {other}. Keras needs unique layer names; rename one of them.": (
        "{who} называется так же, как {other}. В Keras имена слоёв должны быть уникальными; "
        "переименуйте один из них."
    ),
    "Internal error while checking {what}: {error}. The check was skipped; please report this.": (
        "Внутренняя ошибка при проверке ({what}): {error}. Проверка пропущена; пожалуйста, "
        "сообщите об этом."
    ),
    "Layer '{name}' has the unknown type '{type}': the catalog has no such layer. Replace "
    "it with a known layer.": (
        "У слоя '{name}' неизвестный тип '{type}': в каталоге такого слоя нет. Замените его "
        "известным слоем."
    ),
    "{who} joins several tensors and needs at least {need} inputs, but has {count}. Connect "
    "more layers to it, or delete it.": (
        "{who} объединяет несколько тензоров, и ему нужно не меньше {need} входов, а "
        "подключено {count}. Подключите к нему ещё слои или удалите его."
    ),
    "{who} has an empty input slot ({slot}). Connect a layer to it or remove it.": (
        "У {who} пустой входной разъём ({slot}). Подключите к нему слой или удалите разъём."
    ),
    "{who} has no input. Connect the output of a layer (or an Input) to it.": (
        "У {who} нет входа. Подключите к нему выход слоя (или Input)."
    ),
    "The '{slot}' input of {who} is empty. Connect a layer's output to it.": (
        "Вход '{slot}' у {who} пуст. Подключите к нему выход какого-нибудь слоя."
    ),
    "{who} takes one input, but {count} are connected ({sources}). Only merge layers "
    "(Concatenate, Add, ...) join several tensors: put one before it.": (
        "{who} принимает один вход, а подключено {count} ({sources}). Несколько тензоров "
        "объединяют только слои слияния (Concatenate, Add, ...): поставьте такой слой перед "
        "ним."
    ),
    "{who} takes at most {limit} inputs, but {count} are connected ({sources}). Disconnect "
    "the extra ones.": (
        "{who} принимает не больше {limit} входов, а подключено {count} ({sources}). "
        "Отсоедините лишние."
    ),
    "{type} layer {name} has an invalid name: {reason}. Keras names must be unique, "
    "non-empty and without '/'.": (
        "У слоя {type} {name} недопустимое имя: {reason}. Имена в Keras должны быть "
        "уникальными, непустыми и без '/'."
    ),
    "cycles": "циклов",
    "inputs and outputs": "входов и выходов",
    "connections": "связей",
    "input wires": "входных связей",
    "names": "имён",
    "parameters": "параметров",
    "shapes": "форм",
    # -- validation: per node --------------------------------------------------------------
    "{who} needs a value for '{param}', which has no default. Set it in the inspector.": (
        "{who} требует значение параметра '{param}', у которого нет значения по умолчанию. "
        "Задайте его в инспекторе."
    ),
    "{who} has an invalid value for '{param}': {value}. Expected {expected}.": (
        "У {who} недопустимое значение параметра '{param}': {value}. Ожидается {expected}."
    ),
    "an integer": "целое число",
    "a number": "число",
    "True or False": "True или False",
    "one of {choices}": "одно из значений {choices}",
    "an integer or a tuple of {n} integers": "целое число или кортеж из {n} целых чисел",
    "an integer or a tuple of integers": "целое число или кортеж целых чисел",
    "a tuple of positive integers or None, e.g. (28, 28, 1)": (
        "кортеж положительных целых чисел или None, например (28, 28, 1)"
    ),
    "a tuple of integers": "кортеж целых чисел",
    "an integer axis": "целый номер оси",
    "a layer: {allowed}": "слой: {allowed}",
    "a layer": "слой",
    "text": "текст",
    "{what}, or None": "{what} или None",
    "{who} has the parameter '{param}', which {type} does not take; it is ignored.": (
        "У {who} есть параметр '{param}', которого у {type} нет; он не учитывается."
    ),
    "{who} wraps a {inner} with an invalid value for '{param}': {value}. Expected {expected}.": (
        "{who} оборачивает {inner} с недопустимым значением параметра '{param}': {value}. "
        "Ожидается {expected}."
    ),
    "{who} wraps a {inner} without a value for '{param}', which has no default.": (
        "{who} оборачивает {inner} без значения параметра '{param}', у которого нет значения "
        "по умолчанию."
    ),
    "{who} needs a {want} input{layout}, but '{src}' gives {shape}.": (
        "{who} ожидает вход размерности {want}{layout}, но '{src}' выдаёт {shape}."
    ),
    "{who} needs a {want} '{slot}' input{layout}, but '{src}' gives {shape}.": (
        "{who} ожидает вход '{slot}' размерности {want}{layout}, но '{src}' выдаёт {shape}."
    ),
    "at least {rank}": "не меньше {rank}",
    " or ": " или ",
    ", or ": " или ",
    "set return_sequences=True on '{src}'": "задайте return_sequences=True у '{src}'",
    "insert a RepeatVector": "вставьте RepeatVector",
    "insert {type}": "вставьте {type}",
    "insert a Reshape to {target}": "вставьте Reshape в {target}",
    "change the layers before it so that it receives a {want} tensor": (
        "измените слои перед ним так, чтобы он получал тензор размерности {want}"
    ),
    "{who} needs integer token ids, but '{src}' gives a float tensor {shape}. Set "
    "dtype='int32' on '{src}' and feed it token ids.": (
        "{who} ожидает целочисленные номера токенов, но '{src}' выдаёт вещественный тензор "
        "{shape}. Задайте dtype='int32' у '{src}' и подавайте на него номера токенов."
    ),
    "{who} needs integer token ids, but '{src}' gives a float tensor {shape}. Feed it from "
    "an Input with dtype='int32' (token ids), not from a layer that computes floats.": (
        "{who} ожидает целочисленные номера токенов, но '{src}' выдаёт вещественный тензор "
        "{shape}. Подключите его к Input с dtype='int32' (номера токенов), а не к слою, "
        "который вычисляет вещественные числа."
    ),
    "{who} would produce the empty output shape {output} from the input {shape} of "
    "'{src}': its window is larger than its input.": (
        "{who} дал бы пустую выходную форму {output} из входа {shape} от '{src}': его окно "
        "больше входа."
    ),
    "{who} {detail} (its input from '{src}' is {shape}).": (
        "{who} {detail} (его вход от '{src}' имеет форму {shape})."
    ),
    "Set padding='same', use a smaller kernel, pool size or strides, or feed it a larger input.": (
        "Задайте padding='same', уменьшите ядро, окно пулинга или шаг либо подайте вход "
        "большего размера."
    ),
    "{who} needs inputs of the same rank, but gets {inputs}. Reshape or flatten them so "
    "that their ranks match.": (
        "{who} ожидает входы одинаковой размерности, а получает {inputs}. Измените их форму "
        "(Reshape, Flatten), чтобы размерности совпали."
    ),
    "{who} (axis={axis}) needs inputs that match on every axis except the concatenation "
    "axis, but gets {inputs}.": (
        "{who} (axis={axis}) ожидает входы, совпадающие по всем осям, кроме оси "
        "объединения, а получает {inputs}."
    ),
    "Set axis to {axes}, or make the other axes equal.": (
        "Задайте axis = {axes} или выровняйте остальные оси."
    ),
    "Make the other axes equal (with pooling, Reshape or Flatten), or join along another axis.": (
        "Выровняйте остальные оси (пулингом, Reshape или Flatten) или объединяйте по другой оси."
    ),
    "{who} needs inputs of the same shape, but gets {inputs}. Make the shapes equal (for "
    "example with a Dense layer that sets the last size), or use Concatenate to join "
    "tensors of different sizes.": (
        "{who} ожидает входы одинаковой формы, а получает {inputs}. Сделайте формы "
        "одинаковыми (например, слоем Dense, задающим последний размер) или объединяйте "
        "тензоры разных размеров через Concatenate."
    ),
    "{who} {detail}": "{who} {detail}",
    "(inputs: {inputs}).": "(входы: {inputs}).",
    "{who} receives the {rank} tensor {shape} from '{src}' and acts on its last axis only, "
    "so its output is {output}. To classify images, insert Flatten or "
    "GlobalAveragePooling2D before it.": (
        "{who} получает от '{src}' тензор размерности {rank} {shape} и действует только на "
        "его последнюю ось, поэтому выдаёт {output}. Для классификации изображений "
        "вставьте перед ним Flatten или GlobalAveragePooling2D."
    ),
    # -- fixes ------------------------------------------------------------------------------
    "Set return_sequences=True on '{name}'": "Задать return_sequences=True у '{name}'",
    "Set padding='same' on '{name}'": "Задать padding='same' у '{name}'",
    "Reset '{param}' to its default ({value!r})": (
        "Вернуть '{param}' значение по умолчанию ({value!r})"
    ),
    "Remove the unknown parameter '{param}'": "Удалить неизвестный параметр '{param}'",
    "Set dtype='int32' on '{name}'": "Задать dtype='int32' у '{name}'",
    "Mark '{name}' as a model output": "Отметить '{name}' как выход модели",
    "Delete '{name}'": "Удалить '{name}'",
    "Mark {names} as model output(s)": "Отметить {names} как выходы модели",
    "Rename '{old}' to '{new}'": "Переименовать '{old}' в '{new}'",
    "Join the inputs of '{name}' with a Concatenate layer": (
        "Объединить входы '{name}' слоем Concatenate"
    ),
    "Disconnect '{src}' from '{dst}'": "Отсоединить '{src}' от '{dst}'",
    "Insert Reshape to {target} before '{name}'": "Вставить Reshape в {target} перед '{name}'",
    "Insert {type} before '{name}'": "Вставить {type} перед '{name}'",
    "Insert Flatten before '{name}' on its higher-rank inputs": (
        "Вставить Flatten перед '{name}' на входах большей размерности"
    ),
    "Insert Dense({units}) before '{name}' on the inputs of another size": (
        "Вставить Dense({units}) перед '{name}' на входах другого размера"
    ),
    "Set axis={axis} on '{name}'": "Задать axis={axis} у '{name}'",
    "Disconnect the extra input(s) of '{name}' ({sources})": (
        "Отсоединить лишние входы '{name}' ({sources})"
    ),
    "Remove the empty input slot(s) of '{name}'": "Удалить пустые входные разъёмы '{name}'",
    # -- catalog shape errors (continue "{type} '{name}' ...") ------------------------------
    "needs a known number of {what} (axis {axis}), but receives {shape}. Give the Input a "
    "fixed size on that axis.": (
        "требует известного числа {what} (ось {axis}), но получает {shape}. Задайте у Input "
        "фиксированный размер по этой оси."
    ),
    "cannot combine strides={strides} with dilation_rate={dilation}: Keras supports "
    "strides > 1 only when dilation_rate is 1. Set one of them to 1.": (
        "не может сочетать strides={strides} и dilation_rate={dilation}: Keras допускает "
        "strides > 1 только при dilation_rate = 1. Сделайте одно из них равным 1."
    ),
    "has filters={filters}, which is not divisible by groups={groups}.": (
        "имеет filters={filters}, что не делится на groups={groups}."
    ),
    "receives {channels} input channels, which is not divisible by groups={groups}.": (
        "получает {channels} входных каналов, что не делится на groups={groups}."
    ),
    "has output_padding={padding}, but each entry must be smaller than the matching "
    "strides entry (strides={strides}).": (
        "имеет output_padding={padding}, но каждый элемент должен быть меньше "
        "соответствующего элемента strides (strides={strides})."
    ),
    "needs a shape, e.g. (28, 28, 1)": "требует форму, например (28, 28, 1)",
    "has a {param} window of {window}, larger than its input size {dims}; the output would "
    "be empty": (
        "имеет окно {param} = {window}, больше входного размера {dims}; выход был бы пустым"
    ),
    "axis={axis} is outside the valid range for rank-{rank} inputs": (
        "axis={axis} вне допустимого диапазона для входов размерности {rank}"
    ),
    "needs inputs of the same rank, got {shown}": (
        "ожидает входы одинаковой размерности, получено {shown}"
    ),
    "needs inputs of the same shape, got {shown}": (
        "ожидает входы одинаковой формы, получено {shown}"
    ),
    "needs inputs that match on every axis except axis={axis}, got {shown}": (
        "ожидает входы, совпадающие по всем осям, кроме axis={axis}, получено {shown}"
    ),
    "has axis={axis}, which is not a feature axis of its input {shape} (use 1..{last} or -1 "
    "for the last axis).": (
        "имеет axis={axis}, что не является осью признаков входа {shape} (используйте "
        "1..{last} или -1 для последней оси)."
    ),
    "has target_shape={target}: use positive sizes and at most one -1 (the size Keras "
    "works out).": (
        "имеет target_shape={target}: используйте положительные размеры и не больше одного "
        "-1 (этот размер Keras вычислит сам)."
    ),
    "cannot reshape {shape} ({size} values per sample) into {target} ({known} values). The "
    "counts must match; use -1 for one axis to let Keras work it out.": (
        "не может преобразовать {shape} ({size} значений на пример) в {target} ({known} "
        "значений). Количества должны совпадать; укажите -1 для одной оси, чтобы Keras "
        "вычислил её сам."
    ),
    "cannot reshape {shape} ({size} values per sample) into {target}: {size} is not "
    "divisible by {known}.": (
        "не может преобразовать {shape} ({size} значений на пример) в {target}: {size} не "
        "делится на {known}."
    ),
    "has dims={dims}, which is not a permutation of 1..{n} (axis 0 is the batch).": (
        "имеет dims={dims}, что не является перестановкой 1..{n} (ось 0 — это батч)."
    ),
    "with dims={dims} needs a {rank}-D input, but receives {shape} ({got}-D).": (
        "с dims={dims} ожидает вход размерности {rank}-D, но получает {shape} ({got}-D)."
    ),
    "wraps an unknown layer type {type}.": "оборачивает неизвестный тип слоя {type}.",
    "wraps a {type} without its required parameter '{inner}'.": (
        "оборачивает {type} без обязательного параметра '{inner}'."
    ),
    "wraps a {type} with a bad parameter: {reason}": (
        "оборачивает {type} с неверным параметром: {reason}"
    ),
    # -- builder, code export, examples, loading --------------------------------------------
    "the graph has no Input layer; add one to feed the model": (
        "в графе нет слоя Input; добавьте его, чтобы подавать данные в модель"
    ),
    "the graph has no model output; mark the last layer as an output": (
        "в графе нет выхода модели; отметьте последний слой как выход"
    ),
    "the graph has a cycle, so it cannot be built": "в графе есть цикл, поэтому его нельзя собрать",
    "the graph has {n} problems; first: {first}": "в графе проблем: {n}; первая: {first}",
    "the graph has a problem: {first}": "в графе есть проблема: {first}",
    "Keras refused to assemble the model: {reason}": "Keras отказался собирать модель: {reason}",
    "{type} '{name}' was refused by Keras: {reason}": "Keras отверг {type} '{name}': {reason}",
    "Input '{name}' was refused by Keras: {reason}": "Keras отверг Input '{name}': {reason}",
    "the graph needs at least one Input and one model output to be exported": (
        "для экспорта в графе нужен хотя бы один Input и один выход модели"
    ),
    "the training settings cannot be exported: {reason}": (
        "настройки обучения нельзя экспортировать: {reason}"
    ),
    "the data module {path} is missing, so no script can be exported": (
        "нет модуля данных {path}, поэтому скрипт нельзя экспортировать"
    ),
    "there is no example {name!r}; choose one of: {names}": (
        "примера {name!r} нет; выберите один из: {names}"
    ),
    "the file {path} does not exist": "файла {path} не существует",
    # -- project files ----------------------------------------------------------------------
    "the file nests data too deeply at {where}": "в файле слишком глубокая вложенность в {where}",
    "the 'graph' entry must be a mapping": "запись 'graph' должна быть словарём",
    "the graph's 'nodes' must be a list": "поле 'nodes' графа должно быть списком",
    "the graph's 'outputs' must be a list": "поле 'outputs' графа должно быть списком",
    "the graph has too many nodes ({n})": "в графе слишком много узлов ({n})",
    "this is not a netbuilder project (expected a JSON object)": (
        "это не проект netbuilder (ожидался объект JSON)"
    ),
    "this is not a netbuilder project (its 'format' is {fmt!r})": (
        "это не проект netbuilder (его 'format' равен {fmt!r})"
    ),
    "the project has an invalid version {v!r}": "у проекта недопустимая версия {v!r}",
    "the project was written by a newer netbuilder (format version {v}, this one reads up "
    "to {max}); update netbuilder to open it": (
        "проект записан более новой версией netbuilder (версия формата {v}, эта версия "
        "читает до {max}); обновите netbuilder, чтобы открыть его"
    ),
    "the file holds a non-finite number at {where}": "в файле бесконечное или NaN число в {where}",
    "{where} is not a mapping": "{where} не является словарём",
    "{where} has no valid 'id'": "у {where} нет допустимого 'id'",
    "{where} repeats the id {id!r}": "{where} повторяет id {id!r}",
    "{where} has no layer 'type'": "у {where} нет типа слоя 'type'",
    "{where} has the unknown layer type {type!r}": "у {where} неизвестный тип слоя {type!r}",
    "{where} has no 'name'": "у {where} нет имени 'name'",
    "{where} has 'params' that are not a mapping": "у {where} поле 'params' не словарь",
    "{where} has an invalid position": "у {where} недопустимая позиция",
    "{where} has 'inputs' that are not a list": "у {where} поле 'inputs' не список",
    "{where} has an invalid input reference": "у {where} недопустимая ссылка на вход",
    "generic layer {name!r} needs a 'class_name' and a 'config'": (
        "произвольному слою {name!r} нужны 'class_name' и 'config'"
    ),
    "layer {name!r} refers to a node that is not in the file": (
        "слой {name!r} ссылается на узел, которого нет в файле"
    ),
    "the graph's outputs refer to an unknown node": "выходы графа ссылаются на неизвестный узел",
    "the graph lists an output twice": "в графе один выход указан дважды",
    "the project's {key!r} entry must be a mapping": "запись проекта {key!r} должна быть словарём",
    "the project's {key!r} must map language codes to text": (
        "запись проекта {key!r} должна сопоставлять кодам языков текст"
    ),
    "a version-1 edge is not a mapping": "связь формата версии 1 не является словарём",
    "a version-1 edge points to an unknown node": (
        "связь формата версии 1 указывает на неизвестный узел"
    ),
    "a version-1 edge has an invalid slot": "у связи формата версии 1 недопустимый разъём",
    "the project uses the old format version {v} and is too damaged to upgrade": (
        "проект в старом формате версии {v} слишком повреждён, чтобы его обновить"
    ),
    "the file nests data too deeply to be a netbuilder project": (
        "в файле слишком глубокая вложенность для проекта netbuilder"
    ),
    "the file is not valid JSON ({detail})": "файл не является корректным JSON ({detail})",
    "the file {path} is too large to be a project ({size} bytes)": (
        "файл {path} слишком велик для проекта ({size} байт)"
    ),
    "{path} is a folder, not a project file": "{path} — папка, а не файл проекта",
    "cannot read {path}: {reason}": "не удаётся прочитать {path}: {reason}",
    "{path} is not a text file, so it is not a netbuilder project": (
        "{path} не текстовый файл, значит, это не проект netbuilder"
    ),
    # -- summary table ----------------------------------------------------------------------
    "Layer (type)": "Слой (тип)",
    "Output Shape": "Форма выхода",
    "Param #": "Параметров",
    "Connected to": "Подключён к",
    "Total params: {n}": "Всего параметров: {n}",
    "(* = model output)": "(* = выход модели)",
    "Model: {title}": "Модель: {title}",
    "Unknown for: {names}": "Неизвестно для: {names}",
    "Valid: no ({errors} errors, {warnings} warnings)": (
        "Корректна: нет (ошибок: {errors}, предупреждений: {warnings})"
    ),
    "Valid: yes": "Корректна: да",
    " ({n} warnings)": " (предупреждений: {n})",
    # -- training -----------------------------------------------------------------------------
    "the training process was ended by force because it did not stop in time; this run's "
    "model was not saved": (
        "процесс обучения завершён принудительно, так как не остановился вовремя; модель "
        "этого запуска не сохранена"
    ),
    "the training process was killed (SIGKILL), most likely because the computer ran out "
    "of memory; try a smaller batch size or model": (
        "процесс обучения был убит (SIGKILL), скорее всего, из-за нехватки памяти; "
        "попробуйте меньший размер батча или модель поменьше"
    ),
    "the training process crashed ({signal}); the editor and the project are unaffected. "
    "Last message: {last}": (
        "процесс обучения аварийно завершился ({signal}); редактор и проект не пострадали. "
        "Последнее сообщение: {last}"
    ),
    "the training process ended unexpectedly (exit code {code}). Last message: {last}": (
        "процесс обучения неожиданно завершился (код выхода {code}). Последнее сообщение: {last}"
    ),
    "none": "нет",
    "unknown optimizer {name!r}; expected one of {choices}": (
        "неизвестный оптимизатор {name!r}; ожидался один из {choices}"
    ),
    "unknown callback option(s) {names}; expected some of {choices}": (
        "неизвестные параметры обратных вызовов {names}; допустимы {choices}"
    ),
    "{path} is not a netbuilder run file": "{path} не является файлом запуска netbuilder",
    "{id!r} is not a valid run id": "{id!r} — недопустимый идентификатор запуска",
    "there is no run {id}": "запуска {id} нет",
    "run {id} holds a damaged graph: {reason}": "в запуске {id} повреждённый граф: {reason}",
    "run {id} cannot be read: {reason}": "запуск {id} не удаётся прочитать: {reason}",
    "training failed: {reason}": "обучение не удалось: {reason}",
    "the training ran out of memory; use a smaller batch size, smaller layers or less data": (
        "при обучении закончилась память; уменьшите размер батча, слои или объём данных"
    ),
    "the data arrays hold different numbers of samples ({listing})": (
        "в массивах данных разное число примеров ({listing})"
    ),
    "there are no training samples left after the validation split": (
        "после выделения проверочной выборки не осталось обучающих примеров"
    ),
    "the loss became NaN at epoch {epoch} batch {batch}; lower the learning rate (now "
    "{lr}), normalise the inputs, or check the data for NaN values": (
        "функция потерь стала NaN на эпохе {epoch}, батч {batch}; уменьшите скорость "
        "обучения (сейчас {lr}), нормализуйте входы или проверьте данные на NaN"
    ),
    "the data has no array for Input '{name}'": "в данных нет массива для Input '{name}'",
    "the data for Input '{name}' has samples of shape {got}, but the Input expects {want}; "
    "set the Input's shape to {got} or choose data that fits": (
        "данные для Input '{name}' имеют примеры формы {got}, а Input ожидает {want}; "
        "задайте у Input форму {got} или выберите подходящие данные"
    ),
    "the job's project cannot be read: {reason}": "проект задания не удаётся прочитать: {reason}",
    "the model cannot be built: {reason}": "модель не удаётся собрать: {reason}",
    # -- training: data checks ---------------------------------------------------------------
    "'{name}' has one unit for {classes} classes, but the loss is {loss}. Use "
    "binary_crossentropy for 0/1 labels.": (
        "У '{name}' один нейрон для {classes} классов, а функция потерь {loss}. Для меток "
        "0/1 используйте binary_crossentropy."
    ),
    "The arrays hold different numbers of samples ({listing}); every input and target needs "
    "one row per sample.": (
        "В массивах разное число примеров ({listing}); у каждого входа и каждой цели должна "
        "быть одна строка на пример."
    ),
    "classes (one-hot)": "классов (one-hot)",
    "values per sample": "значений на пример",
    "The targets of '{name}' are integer labels (0..{top}), but the loss is {loss}. Use "
    "sparse_categorical_crossentropy for integer labels.": (
        "Цели для '{name}' — целочисленные метки (0..{top}), а функция потерь {loss}. Для "
        "целочисленных меток используйте sparse_categorical_crossentropy."
    ),
    "Set up from data": "Настроить по данным",
    "The data has no array for Input '{name}'. Name the arrays after the Input nodes, or give "
    "one array per Input in order.": (
        "В данных нет массива для Input '{name}'. Назовите массивы по именам узлов Input или "
        "задайте по одному массиву на каждый Input по порядку."
    ),
    "Input '{name}' expects {expected} per sample, but the data has {received}. Set Input "
    "'{name}' to {received}.": (
        "Input '{name}' ожидает {expected} на пример, а в данных {received}. Задайте у Input "
        "'{name}' форму {received}."
    ),
    "Input '{name}' is {dtype}, but it feeds {layer} '{consumer}', which needs integer token "
    "ids, and the data holds whole numbers. Set the dtype of Input '{name}' to int32.": (
        "Input '{name}' имеет тип {dtype}, но питает {layer} '{consumer}', которому нужны "
        "целочисленные номера токенов, а данные — целые числа. Задайте у Input '{name}' "
        "dtype int32."
    ),
    "The data has no targets for output '{name}'. Name the target arrays after the output "
    "nodes, or give one per output in order.": (
        "В данных нет целей для выхода '{name}'. Назовите массивы целей по именам выходных "
        "узлов или задайте по одному на каждый выход по порядку."
    ),
    "'{name}' has {units} unit(s) but the targets have {width} {what}. Set '{name}' units "
    "to {width}.": (
        "У '{name}' нейронов: {units}, а у целей {width} ({what}). Задайте у '{name}' units "
        "= {width}."
    ),
    "The targets of '{name}' are one-hot rows, but the loss is {loss}. Use "
    "categorical_crossentropy for one-hot labels.": (
        "Цели для '{name}' — строки one-hot, а функция потерь {loss}. Для меток one-hot "
        "используйте categorical_crossentropy."
    ),
    "'{name}' has {units} unit(s) but the targets have {classes} classes. Set '{name}' units "
    "to {classes} for {classes} classes.": (
        "У '{name}' нейронов: {units}, а классов в целях: {classes}. Задайте у '{name}' "
        "units = {classes} для {classes} классов."
    ),
    "'{name}' has one unit with softmax, which always outputs 1. Use sigmoid for a yes/no "
    "target.": (
        "У '{name}' один нейрон с softmax, который всегда выдаёт 1. Для цели «да/нет» "
        "используйте sigmoid."
    ),
    "{layer} '{consumer}' needs integer token ids, but the data for Input '{name}' holds "
    "fractions (e.g. {value}). Give it token ids, or remove the {layer} layer.": (
        "{layer} '{consumer}' ожидает целочисленные номера токенов, а данные для Input "
        "'{name}' содержат дробные числа (например, {value}). Подайте номера токенов или "
        "удалите слой {layer}."
    ),
    "{layer} '{consumer}' has input_dim={input_dim}, but the data for Input '{name}' holds "
    "token ids up to {top}. Set input_dim of '{consumer}' to {needed}.": (
        "У {layer} '{consumer}' input_dim={input_dim}, а данные для Input '{name}' содержат "
        "номера токенов до {top}. Задайте у '{consumer}' input_dim = {needed}."
    ),
    "'{name}' uses sigmoid on {classes} units, but the targets are integer labels, one class "
    "per sample. Use softmax.": (
        "'{name}' применяет sigmoid к {classes} нейронам, а цели — целочисленные метки, один "
        "класс на пример. Используйте softmax."
    ),
    "The targets of '{name}' are continuous values from {low:g} to {high:g}, but the loss is "
    "{loss}, which expects classes. Use mean_squared_error and a linear output for "
    "regression.": (
        "Цели для '{name}' — непрерывные значения от {low:g} до {high:g}, а функция потерь "
        "{loss} ожидает классы. Для регрессии используйте mean_squared_error и линейный "
        "выход."
    ),
    "output '{name}': using {loss} because of how its targets are encoded": (
        "выход '{name}': используется {loss} из-за того, как закодированы его цели"
    ),
    "the model {path} cannot be loaded: {reason}": "модель {path} не удаётся загрузить: {reason}",
    "sample {n} cannot be predicted: {reason}": "для примера {n} не удаётся получить предсказание: {reason}",
    "TensorBoard logs need the tensorboard package; install it (pip install tensorboard) or "
    "turn the TensorBoard log off": (
        "для журналов TensorBoard нужен пакет tensorboard; установите его (pip install "
        "tensorboard) или отключите журнал TensorBoard"
    ),
    "run {id} has a damaged {field!r} entry": "в запуске {id} повреждена запись {field!r}",
}
