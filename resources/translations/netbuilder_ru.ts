<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <location filename="../../netbuilder/gui/canvas/node_item.py" line="+294"/>
        <source>output</source>
        <translation>выход</translation>
    </message>
    <message>
        <location filename="../../netbuilder/gui/canvas/rules.py" line="+180"/>
        <source>A layer cannot feed itself.</source>
        <translation>Слой не может подавать данные сам себе.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An Input layer takes no inputs.</source>
        <translation>Слой Input не принимает входов.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This wire would close a cycle: &apos;{dst}&apos; already feeds &apos;{src}&apos;.</source>
        <translation>Эта связь замкнула бы цикл: &apos;{dst}&apos; уже подаёт данные в &apos;{src}&apos;.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>at least {rank}-D</source>
        <translation>не ниже {rank}-D</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{type} &apos;{name}&apos; needs a {want} input{layout}, but &apos;{src}&apos; gives {shape}.</source>
        <translation>{type} &apos;{name}&apos; ожидает вход {want}{layout}, но &apos;{src}&apos; выдаёт {shape}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{type} &apos;{name}&apos; needs integer token ids, but &apos;{src}&apos; gives floats.</source>
        <translation>{type} &apos;{name}&apos; ожидает целочисленные номера токенов, но &apos;{src}&apos; выдаёт вещественные числа.</translation>
    </message>
    <message>
        <location filename="../../netbuilder/gui/canvas/scene.py" line="+346"/>
        <location line="+3"/>
        <source>Add {type}</source>
        <translation>Добавить {type}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Insert on wire</source>
        <translation>Вставить в связь</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Connect</source>
        <translation>Соединить</translation>
    </message>
    <message>
        <location filename="../../netbuilder/gui/training/runs_panel.py" line="+54"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Data</source>
        <translation>Данные</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Layer added: {0}</source>
        <translation>Добавлен слой: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Layer removed: {0}</source>
        <translation>Удалён слой: {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Inputs rewired: {0}</source>
        <translation>Изменены входы: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The two runs used the same settings, data and graph.</source>
        <translation>У обоих запусков одинаковые настройки, данные и граф.</translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <location filename="../../netbuilder/gui/autosave.py" line="+243"/>
        <source>Autosave is off: {name} is locked.</source>
        <translation>Автосохранение отключено: файл {name} заблокирован.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Autosave failed: {reason}</source>
        <translation>Автосохранение не удалось: {reason}</translation>
    </message>
</context>
<context>
    <name>CodePanel</name>
    <message>
        <location filename="../../netbuilder/gui/panels/code.py" line="+107"/>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as .py…</source>
        <translation>Сохранить как .py…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The code cannot be exported while the graph has {0} error(s).</source>
        <translation>Код нельзя экспортировать, пока в графе есть ошибки (их {0}).</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The code cannot be exported: {0}</source>
        <translation>Код нельзя экспортировать: {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Showing the code of the last valid graph.</source>
        <translation>Показан код последнего корректного графа.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Save the model as Python</source>
        <translation>Сохранить модель как код Python</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Python files (*.py)</source>
        <translation>Файлы Python (*.py)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot save</source>
        <translation>Не удалось сохранить</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+3"/>
        <source>Cannot write {0}: {1}</source>
        <translation>Не удалось записать {0}: {1}</translation>
    </message>
</context>
<context>
    <name>ConfigEditor</name>
    <message>
        <location filename="../../netbuilder/gui/panels/config_editor.py" line="+44"/>
        <source>Apply config</source>
        <translation>Применить конфигурацию</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Not valid JSON: {0} (line {1}, column {2}).</source>
        <translation>Некорректный JSON: {0} (строка {1}, столбец {2}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The config must be a JSON object like {&quot;units&quot;: 8}.</source>
        <translation>Конфигурация должна быть JSON-объектом, например {&quot;units&quot;: 8}.</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <location filename="../../netbuilder/gui/training/data_panel.py" line="+62"/>
        <source>Built-in dataset…</source>
        <translation>Встроенный набор данных…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>builtin:NAME, FILE.npz, FILE.csv:target=COL, DIR</source>
        <translation>builtin:ИМЯ, ФАЙЛ.npz, ФАЙЛ.csv:target=СТОЛБЕЦ, ПАПКА</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File…</source>
        <translation>Файл…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder…</source>
        <translation>Папка…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>Просмотр</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check data</source>
        <translation>Проверить данные</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+265"/>
        <source>Set up from data</source>
        <translation>Настроить по данным</translation>
    </message>
    <message>
        <location line="-230"/>
        <source>Data vs. graph:</source>
        <translation>Данные и граф:</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+12"/>
        <source>Change data source</source>
        <translation>Сменить источник данных</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Choose data</source>
        <translation>Выбор данных</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data files (*.npz *.csv);;All files (*)</source>
        <translation>Файлы данных (*.npz *.csv);;Все файлы (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Folder with one sub-folder per class</source>
        <translation>Папка с отдельной подпапкой для каждого класса</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The project has no data source yet; choose one above.</source>
        <translation>У проекта ещё нет источника данных; выберите его выше.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading data…</source>
        <translation>Загрузка данных…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{0} samples</source>
        <translation>примеров: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>input</source>
        <translation>вход</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>target</source>
        <translation>цель</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>classes</source>
        <translation>классы</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The data fits the graph.</source>
        <translation>Данные подходят к графу.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The graph changed meanwhile; press Set up from data again.</source>
        <translation>Граф тем временем изменился; нажмите «Настроить по данным» ещё раз.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing to set up: the data fits the graph.</source>
        <translation>Настраивать нечего: данные подходят к графу.</translation>
    </message>
</context>
<context>
    <name>EditCommands</name>
    <message>
        <location filename="../../netbuilder/gui/edit_commands.py" line="+48"/>
        <source>Add a layer after &apos;{name}&apos;</source>
        <translation>Добавить слой после &apos;{name}&apos;</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The clipboard holds no netbuilder layers.</source>
        <translation>В буфере обмена нет слоёв netbuilder.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Toggle model output</source>
        <translation>Переключить выход модели</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Auto-arrange</source>
        <translation>Автоматическая раскладка</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Add Layer Here…</source>
        <translation>Добавить слой сюда…</translation>
    </message>
</context>
<context>
    <name>EvaluationPanel</name>
    <message>
        <location filename="../../netbuilder/gui/training/evaluation_panel.py" line="+79"/>
        <location line="+68"/>
        <source>Train a model to see how it does on held-out data.</source>
        <translation>Обучите модель, чтобы увидеть, как она работает на отложенных данных.</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Metric</source>
        <translation>Метрика</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+22"/>
        <source>Sample</source>
        <translation>Пример</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>True</source>
        <translation>Истинный</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Predicted</source>
        <translation>Предсказанный</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Уверенность</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Predict sample</source>
        <translation>Предсказать пример</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Predict image file…</source>
        <translation>Предсказать по изображению…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save trained model as .keras…</source>
        <translation>Сохранить обученную модель как .keras…</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>This run has no evaluation ({0}).</source>
        <translation>У этого запуска нет оценки ({0}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Evaluated on {0} {1} samples.</source>
        <translation>Оценено на примерах: {0} ({1}).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>right</source>
        <translation>верно</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>wrong</source>
        <translation>неверно</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Confusion matrix</source>
        <translation>Матрица ошибок</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted</source>
        <translation>предсказано</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+68"/>
        <source>true</source>
        <translation>истинно</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Predicting…</source>
        <translation>Предсказание…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Image to predict</source>
        <translation>Изображение для предсказания</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Изображения (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Model saved to {0}</source>
        <translation>Модель сохранена в {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save trained model</source>
        <translation>Сохранить обученную модель</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keras models (*.keras)</source>
        <translation>Модели Keras (*.keras)</translation>
    </message>
</context>
<context>
    <name>ExampleGalleryDialog</name>
    <message>
        <location filename="../../netbuilder/gui/panels/gallery.py" line="+116"/>
        <source>New from example</source>
        <translation>Создать из примера</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../netbuilder/gui/actions.py" line="+27"/>
        <source>netbuilder projects (*.nbproj)</source>
        <translation>Проекты netbuilder (*.nbproj)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keras models (*.keras *.h5 *.hdf5 *.json)</source>
        <translation>Модели Keras (*.keras *.h5 *.hdf5 *.json)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects and Keras models (*.nbproj *.keras *.h5 *.hdf5 *.json);;All files (*)</source>
        <translation>Проекты и модели Keras (*.nbproj *.keras *.h5 *.hdf5 *.json);;Все файлы (*)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{name}&apos; has unsaved changes. Save them first?</source>
        <translation>В &apos;{name}&apos; есть несохранённые изменения. Сохранить их?</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Please wait</source>
        <translation>Подождите</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot open</source>
        <translation>Не удалось открыть</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import Keras model</source>
        <translation>Импорт модели Keras</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Importing {name}…</source>
        <translation>Импорт {name}…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Imported {n} layers from {name}</source>
        <translation>Импортировано слоёв из {name}: {n}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot import</source>
        <translation>Не удалось импортировать</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Loading Keras for the shapes of custom layers…</source>
        <translation>Загрузка Keras для вычисления размерностей нестандартных слоёв…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Shapes of custom layers are unknown: {reason}</source>
        <translation>Размерности нестандартных слоёв неизвестны: {reason}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Save As</source>
        <translation>Сохранить как</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot save</source>
        <translation>Не удалось сохранить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write {path}: {reason}</source>
        <translation>Не удалось записать {path}: {reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved {path}</source>
        <translation>Сохранено: {path}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The graph has problems</source>
        <translation>В графе есть проблемы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix the {n} problems first; the first is: {message}</source>
        <translation>Сначала исправьте проблемы (их {n}); первая: {message}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export Python</source>
        <translation>Экспорт в Python</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Python files (*.py)</source>
        <translation>Файлы Python (*.py)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot export</source>
        <translation>Не удалось экспортировать</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+22"/>
        <location line="+31"/>
        <source>Wrote {path}</source>
        <translation>Записано: {path}</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Export model</source>
        <translation>Экспорт модели</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keras models (*.keras)</source>
        <translation>Модели Keras (*.keras)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Building the model…</source>
        <translation>Сборка модели…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot export the model</source>
        <translation>Не удалось экспортировать модель</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export image</source>
        <translation>Экспорт изображения</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>Изображение PNG (*.png);;Изображение SVG (*.svg)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot export the image</source>
        <translation>Не удалось экспортировать изображение</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../netbuilder/gui/panels/history.py" line="+20"/>
        <source>&lt;empty&gt;</source>
        <translation>&lt;пусто&gt;</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <location filename="../../netbuilder/gui/panels/inspector.py" line="+186"/>
        <source>No layer selected</source>
        <translation>Слой не выбран</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a layer on the canvas to edit its parameters.</source>
        <translation>Выберите слой на холсте, чтобы изменить его параметры.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} layers selected</source>
        <translation>Выбрано слоёв: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The selected layers have different types; select layers of one type to edit a parameter on all of them.</source>
        <translation>Выбраны слои разных типов; выберите слои одного типа, чтобы изменить параметр сразу у всех.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} layers of type {1} selected</source>
        <translation>Выбрано слоёв типа {1}: {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keras layers</source>
        <translation>Слои Keras</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any Keras layer: its configuration is kept as JSON.</source>
        <translation>Произвольный слой Keras: его конфигурация хранится в JSON.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Keras documentation</source>
        <translation>Документация Keras</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input shapes</source>
        <translation>Входные размерности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output shape</source>
        <translation>Выходная размерность</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Model output</source>
        <translation>Выход модели</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model returns this layer&apos;s result (keras.Model outputs).</source>
        <translation>Модель возвращает результат этого слоя (outputs у keras.Model).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Keras class: {0}</source>
        <translation>Класс Keras: {0}</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Set {0} of &apos;{1}&apos; to {2}</source>
        <translation>Задать {0} = {2} у &apos;{1}&apos;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set {0} of {1} layers to {2}</source>
        <translation>Задать {0} = {2} у {1} слоёв</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reset {0} to its default</source>
        <translation>Сбросить {0} к значению по умолчанию</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Mark &apos;{0}&apos; as a model output</source>
        <translation>Отметить &apos;{0}&apos; как выход модели</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unmark &apos;{0}&apos; as a model output</source>
        <translation>Снять с &apos;{0}&apos; отметку выхода модели</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The name &apos;{0}&apos; is already used by another layer.</source>
        <translation>Имя &apos;{0}&apos; уже занято другим слоем.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Rename &apos;{0}&apos; to &apos;{1}&apos;</source>
        <translation>Переименовать &apos;{0}&apos; в &apos;{1}&apos;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Edit config of &apos;{0}&apos;</source>
        <translation>Изменить конфигурацию &apos;{0}&apos;</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Keras default: {0}</source>
        <translation>По умолчанию в Keras: {0}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../netbuilder/gui/i18n.py" line="+132"/>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The interface language changes to {language} when netbuilder is restarted.</source>
        <translation>Выбранный язык интерфейса ({language}) будет применён после перезапуска netbuilder.</translation>
    </message>
</context>
<context>
    <name>LivePlot</name>
    <message>
        <location filename="../../netbuilder/gui/training/live_plot.py" line="+113"/>
        <source>Log scale</source>
        <translation>Логарифмическая шкала</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Smoothing of the per-batch loss</source>
        <translation>Сглаживание потерь по пакетам</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export history as CSV…</source>
        <translation>Экспорт истории в CSV…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Smoothing</source>
        <translation>Сглаживание</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Curves appear here while a model trains.</source>
        <translation>Здесь появятся кривые, когда модель начнёт обучаться.</translation>
    </message>
    <message>
        <location line="+85"/>
        <location line="+30"/>
        <source>current run</source>
        <translation>текущий запуск</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>batch loss</source>
        <translation>потери на пакете</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Loss</source>
        <translation>Потери</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Metrics</source>
        <translation>Метрики</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>epoch</source>
        <translation>эпоха</translation>
    </message>
    <message>
        <location line="+106"/>
        <location line="+7"/>
        <source>Export history</source>
        <translation>Экспорт истории</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../netbuilder/gui/main_window.py" line="+112"/>
        <source>Layers</source>
        <translation>Слои</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inspector</source>
        <translation>Свойства</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problems</source>
        <translation>Проблемы</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Summary</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>&amp;New</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New from &amp;Example…</source>
        <translation>Создать из &amp;примера…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation>&amp;Открыть…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>Со&amp;хранить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;As…</source>
        <translation>Сохранить &amp;как…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import Keras Model…</source>
        <translation>&amp;Импорт модели Keras…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;Python…</source>
        <translation>Экспорт в &amp;Python…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export &amp;Model (.keras)…</source>
        <translation>Экспорт &amp;модели (.keras)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export I&amp;mage (PNG/SVG)…</source>
        <translation>Экспорт и&amp;зображения (PNG/SVG)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cu&amp;t</source>
        <translation>&amp;Вырезать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Paste</source>
        <translation>Вст&amp;авить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Duplicate</source>
        <translation>&amp;Дублировать</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De&amp;lete</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select &amp;All</source>
        <translation>Выделить &amp;всё</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Toggle Model &amp;Output</source>
        <translation>Переключить в&amp;ыход модели</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add Layer…</source>
        <translation>&amp;Добавить слой…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Fit to View</source>
        <translation>&amp;Вписать в окно</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom &amp;In</source>
        <translation>&amp;Увеличить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom &amp;Out</source>
        <translation>У&amp;меньшить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Actual Size</source>
        <translation>&amp;Исходный масштаб</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Snap to Grid</source>
        <translation>&amp;Привязка к сетке</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-&amp;Arrange</source>
        <translation>&amp;Автоматическая раскладка</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Light</source>
        <translation>&amp;Светлая</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Dark</source>
        <translation>&amp;Тёмная</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;About netbuilder</source>
        <translation>&amp;О программе netbuilder</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Недавние файлы</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Theme</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Panels</source>
        <translation>Пане&amp;ли</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Train</source>
        <translation>&amp;Обучение</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Training Panel</source>
        <translation>Панель &amp;обучения</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Untitled</source>
        <translation>Без имени</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{n} errors</source>
        <translation>ошибок: {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>valid, {n} warnings</source>
        <translation>корректна, предупреждений: {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>valid</source>
        <translation>корректна</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>empty</source>
        <translation>пусто</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{layers} layers · {params} parameters · {state}</source>
        <translation>слоёв: {layers} · параметров: {params} · {state}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Clear Recent Files</source>
        <translation>Очистить список</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Drop a .nbproj, .keras, .h5 or model .json file.</source>
        <translation>Перетащите сюда файл .nbproj, .keras, .h5 или .json с моделью.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>About netbuilder</source>
        <translation>О программе netbuilder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>netbuilder {version}

Design Keras neural networks by drawing them: live shapes, clear problems, code export, import and training.</source>
        <translation>netbuilder {version}

Проектирование нейронных сетей Keras в виде схем: размерности на лету, понятные сообщения о проблемах, экспорт кода, импорт и обучение.</translation>
    </message>
</context>
<context>
    <name>PaletteWidget</name>
    <message>
        <location filename="../../netbuilder/gui/i18n.py" line="-114"/>
        <source>Input</source>
        <translation>Входные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Core</source>
        <translation>Основные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Convolution</source>
        <translation>Свёрточные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pooling</source>
        <translation>Пулинг</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recurrent</source>
        <translation>Рекуррентные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention</source>
        <translation>Внимание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge</source>
        <translation>Объединение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reshaping</source>
        <translation>Изменение формы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normalization</source>
        <translation>Нормализация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regularization</source>
        <translation>Регуляризация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activation</source>
        <translation>Активации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Прочие</translation>
    </message>
    <message>
        <location filename="../../netbuilder/gui/palette.py" line="+169"/>
        <source>Search layers (name or synonym)…</source>
        <translation>Поиск слоёв (имя или синоним)…</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <location filename="../../netbuilder/gui/panels/param_form.py" line="+158"/>
        <source>Reset to the Keras default</source>
        <translation>Сбросить к значению Keras по умолчанию</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>More</source>
        <translation>Ещё</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>(mixed)</source>
        <translation>(разные)</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../netbuilder/gui/panels/problems.py" line="+67"/>
        <source>No problems: the model can be built.</source>
        <translation>Проблем нет: модель можно собрать.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Layer</source>
        <translation>Слой</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>(model)</source>
        <translation>(модель)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Fix</source>
        <translation>Исправить</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose one of {0} fixes</source>
        <translation>Выберите одно из исправлений (их {0})</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The fix &apos;{0}&apos; cannot be applied: {1}</source>
        <translation>Исправление &apos;{0}&apos; применить нельзя: {1}</translation>
    </message>
</context>
<context>
    <name>QuickAddPopup</name>
    <message>
        <location filename="../../netbuilder/gui/quick_add.py" line="+36"/>
        <source>Type to search layers…</source>
        <translation>Начните вводить имя слоя…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Add a layer</source>
        <translation>Добавить слой</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../netbuilder/gui/recovery_dialog.py" line="+48"/>
        <source>Recover unsaved work</source>
        <translation>Восстановление несохранённой работы</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>netbuilder did not close properly last time. These projects had changes that were not saved. Restore a project to keep working on it, or discard it if you do not need it.</source>
        <translation>В прошлый раз netbuilder завершился некорректно. В этих проектах остались несохранённые изменения. Восстановите проект, чтобы продолжить работу с ним, или удалите копию, если она не нужна.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Project</source>
        <translation>Проект</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last autosave</source>
        <translation>Последнее автосохранение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Layers</source>
        <translation>Слои</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Restore</source>
        <translation>&amp;Восстановить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Discard</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Later</source>
        <translation>&amp;Позже</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>never saved</source>
        <translation>не сохранялся</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Save recovered project</source>
        <translation>Сохранение восстановленного проекта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This project was restored from an autosave. Saving replaces {path} with the recovered version. Save now?</source>
        <translation>Этот проект восстановлен из автосохранения. При сохранении файл {path} будет заменён восстановленной версией. Сохранить сейчас?</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Cannot restore {name}: {reason}</source>
        <translation>Не удалось восстановить {name}: {reason}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Restored {name} from its autosave; it is not saved yet.</source>
        <translation>Проект {name} восстановлен из автосохранения; он ещё не сохранён.</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <location filename="../../netbuilder/gui/training/runs_panel.py" line="+11"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final metrics</source>
        <translation>Итоговые метрики</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Compare</source>
        <translation>Сравнить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore graph</source>
        <translation>Восстановить граф</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete run</source>
        <translation>Удалить запуск</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>created</source>
        <translation>создан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>идёт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>завершён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>остановлен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Run {0} → run {1}</source>
        <translation>Запуск {0} → запуск {1}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Restore graph of run {0}</source>
        <translation>Восстановить граф запуска {0}</translation>
    </message>
</context>
<context>
    <name>SequenceEditor</name>
    <message>
        <location filename="../../netbuilder/gui/panels/param_widgets.py" line="+299"/>
        <source>&apos;{0}&apos; is not a whole number; write a tuple like {1}</source>
        <translation>&apos;{0}&apos; — не целое число; запишите кортеж, например {1}</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <location filename="../../netbuilder/gui/training/settings_form.py" line="+83"/>
        <source>Shuffle each epoch</source>
        <translation>Перемешивать каждую эпоху</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>random</source>
        <translation>случайно</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Early stopping</source>
        <translation>Ранняя остановка</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restore best weights</source>
        <translation>Восстановить лучшие веса</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Monitor</source>
        <translation>Отслеживать</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Patience</source>
        <translation>Терпение (patience)</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Reduce learning rate on plateau</source>
        <translation>Снижать скорость обучения на плато</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Factor</source>
        <translation>Множитель</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep the best model (by validation loss)</source>
        <translation>Сохранять лучшую модель (по потерям на валидации)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no TensorBoard logs</source>
        <translation>без журналов TensorBoard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Optimizer</source>
        <translation>Оптимизатор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate</source>
        <translation>Скорость обучения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Momentum</source>
        <translation>Момент (momentum)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>Функция потерь</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metrics</source>
        <translation>Метрики</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs</source>
        <translation>Эпохи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size</source>
        <translation>Размер пакета</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation split</source>
        <translation>Доля валидации</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random seed</source>
        <translation>Начальное значение (seed)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+162"/>
        <source>TensorBoard log folder</source>
        <translation>Папка журналов TensorBoard</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>Loss of {0}</source>
        <translation>Функция потерь для {0}</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Change training settings</source>
        <translation>Изменить настройки обучения</translation>
    </message>
</context>
<context>
    <name>SourceOptions</name>
    <message>
        <location filename="../../netbuilder/gui/training/data_options.py" line="+112"/>
        <source>Target column</source>
        <translation>Столбец цели</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feature columns</source>
        <translation>Столбцы признаков</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Input</source>
        <translation>Вход</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Output</source>
        <translation>Выход</translation>
    </message>
</context>
<context>
    <name>SummaryModel</name>
    <message>
        <location filename="../../netbuilder/gui/panels/summary.py" line="+44"/>
        <source>Layer (type)</source>
        <translation>Слой (тип)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output Shape</source>
        <translation>Выходная размерность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Param #</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected to</source>
        <translation>Связан с</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Model output</source>
        <translation>Выход модели</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <location line="+33"/>
        <source>Copy as text</source>
        <translation>Копировать как текст</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Total params: {0}</source>
        <translation>Всего параметров: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown for {0}</source>
        <translation>неизвестно для {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>valid</source>
        <translation>корректна</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not valid: {0} errors, {1} warnings</source>
        <translation>некорректна: ошибок: {0}, предупреждений: {1}</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <location filename="../../netbuilder/gui/training/dock.py" line="+55"/>
        <source>Training</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Train</source>
        <translation>Обучить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+105"/>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Starting the training process…</source>
        <translation>Запуск процесса обучения…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Data</source>
        <translation>Данные</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live plot</source>
        <translation>Графики</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs</source>
        <translation>Запуски</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>The graph has problems; fix them before training: {0}</source>
        <translation>В графе есть проблемы; исправьте их перед обучением: {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the training data first (Data tab).</source>
        <translation>Сначала выберите данные для обучения (вкладка «Данные»).</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Ready to train.</source>
        <translation>Готово к обучению.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kill</source>
        <translation>Прервать</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paused.</source>
        <translation>Пауза.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopping after the current batch…</source>
        <translation>Остановка после текущего пакета…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Loading data and building the model…</source>
        <translation>Загрузка данных и сборка модели…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Epoch {0}/{1} · batch {2}/{3} · {4} samples/s · ETA {5}</source>
        <translation>Эпоха {0}/{1} · пакет {2}/{3} · {4} примеров/с · осталось {5}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Training stopped; the model so far is kept.</source>
        <translation>Обучение остановлено; модель в текущем состоянии сохранена.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training finished.</source>
        <translation>Обучение завершено.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Training failed.</source>
        <translation>Обучение завершилось ошибкой.</translation>
    </message>
</context>
<context>
    <name>TupleEditor</name>
    <message>
        <location filename="../../netbuilder/gui/panels/param_widgets.py" line="+39"/>
        <source>same</source>
        <translation>одинаковые</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the same value for all axes</source>
        <translation>Одно значение для всех осей</translation>
    </message>
</context>
</TS>
