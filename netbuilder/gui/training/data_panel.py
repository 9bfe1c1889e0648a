"""The data tab: choose a data source, preview it, check it against the graph, set up from it.

The source is saved in ``project.data`` through an undoable edit. Loading the
data (which may read many files) and checking it run on the thread pool, on a
snapshot of the graph; results come back to the GUI thread by signals.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.edits import Compound
from ...core.training.datacheck import DataProblem, check_data, setup_from_data
from ...core.training.settings import TrainingSettings
from ...core.training.standalone import BUILTIN_DATASETS, DataError, parse_data_arg
from ..background import run_in_background
from ..document import Document
from .data_options import SourceOptions
from .data_preview import DataPreview, load_preview, spec_text
from .project_edits import SetProjectSection


def _qimage(array: Any) -> QImage:
    h, w = array.shape[:2]
    if array.ndim == 2:
        image = QImage(array.data, w, h, w, QImage.Format.Format_Grayscale8)
    else:
        image = QImage(array.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels; the NumPy buffer goes away


class DataPanel(QWidget):
    """Data source, preview, "Check data" and "Set up from data"."""

    message = Signal(str)  # for the status bar
    previewReady = Signal(object)  # DataPreview
    checked = Signal(list)  # list[DataProblem]

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.preview: DataPreview | None = None
        self.problems: list[DataProblem] = []
        self._check_pending = False

        self.builtin = QComboBox()
        self.builtin.addItem(self.tr("Built-in dataset…"), "")
        for name in BUILTIN_DATASETS:
            self.builtin.addItem(name, name)
        self.builtin.activated.connect(self._builtin_chosen)
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("builtin:NAME, FILE.npz, FILE.csv:target=COL, DIR"))
        self.source.editingFinished.connect(self._source_edited)
        file_button = QPushButton(self.tr("File…"))
        file_button.clicked.connect(self._browse_file)
        folder_button = QPushButton(self.tr("Folder…"))
        folder_button.clicked.connect(self._browse_folder)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.refresh_preview)
        self.check_button = QPushButton(self.tr("Check data"))
        self.check_button.clicked.connect(self.check)
        self.setup_button = QPushButton(self.tr("Set up from data"))
        self.setup_button.clicked.connect(self.set_up_from_data)
        self.setup_button.setEnabled(False)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.thumbs = QHBoxLayout()
        self.thumbs.addStretch(1)
        self.samples = QListWidget()
        self.samples.setMaximumHeight(120)
        self.problem_list = QListWidget()
        self.problem_list.setWordWrap(True)
        self.problem_list.itemActivated.connect(self._problem_activated)
        self.problem_list.itemClicked.connect(self._problem_activated)
        self.options = SourceOptions()
        self.options.specEdited.connect(self._options_edited)

        row1 = QHBoxLayout()
        row1.addWidget(self.builtin)
        row1.addWidget(file_button)
        row1.addWidget(folder_button)
        row2 = QHBoxLayout()
        row2.addWidget(self.preview_button)
        row2.addWidget(self.check_button)
        row2.addWidget(self.setup_button)
        row2.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addWidget(self.source)
        layout.addWidget(self.options)
        layout.addLayout(row2)
        layout.addWidget(self.status)
        layout.addLayout(self.thumbs)
        layout.addWidget(self.samples)
        layout.addWidget(QLabel(self.tr("Data vs. graph:")))
        layout.addWidget(self.problem_list, 1)

        self.load()
        document.projectReplaced.connect(self.load)
        document.undo_stack.indexChanged.connect(self._maybe_reload)

    # -- source -------------------------------------------------------------------------
    def spec(self) -> dict[str, Any]:
        return dict(self.document.project.data or {})

    def load(self) -> None:
        spec = self.spec()
        self.source.setText(spec_text(spec))
        graph = self.document.graph
        self.options.set_spec(
            spec,
            self._base_dir(),
            [n.name for n in graph.input_nodes()],
            [n.name for n in graph.output_nodes()],
        )

    def _maybe_reload(self, *_args: object) -> None:
        if self.source.text() != spec_text(self.spec()):
            self.load()
            self.preview = None

    def set_spec(self, spec: dict[str, Any]) -> None:
        """Make ``spec`` the project's data source (undoable) and preview it."""
        if spec != self.spec():
            self.document.push(
                SetProjectSection(
                    self.document.project, "data", spec, self.tr("Change data source")
                )
            )
        self.load()
        self.refresh_preview()

    def _options_edited(self, spec: dict[str, Any]) -> None:
        # Called from inside an options widget's signal: update the text first so the
        # undo-stack reload does not rebuild (delete) the widget that is emitting.
        self.options.spec = dict(spec)
        self.source.setText(spec_text(spec))
        self.document.push(
            SetProjectSection(self.document.project, "data", spec, self.tr("Change data source"))
        )
        self.refresh_preview()

    def set_source_text(self, text: str) -> bool:
        """Parse ``text`` in the ``--data`` syntax; shows the reason when it is not valid."""
        try:
            spec = parse_data_arg(text)
        except DataError as exc:
            self._show_status(str(exc), error=True)
            return False
        self.set_spec(spec)
        return True

    def _source_edited(self) -> None:
        text = self.source.text().strip()
        if text and text != spec_text(self.spec()):
            self.set_source_text(text)

    def _builtin_chosen(self, index: int) -> None:
        name = self.builtin.itemData(index)
        if name:
            self.set_spec({"kind": "builtin", "name": name})
        self.builtin.setCurrentIndex(0)

    def _browse_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose data"),
            self._start_dir(),
            self.tr("Data files (*.npz *.csv);;All files (*)"),
        )
        if path:
            self.set_source_text(path)

    def _browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder with one sub-folder per class"), self._start_dir()
        )
        if folder:
            self.set_source_text(folder)

    def _start_dir(self) -> str:
        return str(self.document.path.parent) if self.document.path else ""

    def _base_dir(self) -> str:
        return str(self.document.path.parent) if self.document.path else "."

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c0392b;" if error else "")
        if error:
            self.message.emit(text)

    # -- preview ------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Load the data on the thread pool and show shapes, classes and samples."""
        spec = self.spec()
        if not spec:
            self._show_status(self.tr("The project has no data source yet; choose one above."))
            return
        graph = self.document.graph
        inputs = [n.name for n in graph.input_nodes()]
        outputs = [n.name for n in graph.output_nodes()]
        seed = int(TrainingSettings.from_dict(self.document.project.training).seed or 0)
        self._show_status(self.tr("Loading data…"))
        self.preview_button.setEnabled(False)
        run_in_background(
            load_preview,
            spec,
            inputs,
            outputs,
            seed,
            self._base_dir(),
            on_done=self._preview_done,
            on_error=self._preview_failed,
        )

    def _preview_failed(self, message: str) -> None:
        self.preview_button.setEnabled(True)
        self.preview = None
        self._check_pending = False
        self._show_status(message, error=True)

    def _preview_done(self, preview: DataPreview) -> None:
        self.preview_button.setEnabled(True)
        if preview.spec != self.spec():
            return  # the source changed while loading; a newer preview is on its way
        self.preview = preview
        self._show_status(self._describe(preview.description))
        while self.thumbs.count() > 1:
            item = self.thumbs.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for i, (array, label) in enumerate(preview.thumbnails):
            thumb = QLabel()
            thumb.setPixmap(QPixmap.fromImage(_qimage(array)))
            thumb.setToolTip(label)
            self.thumbs.insertWidget(i, thumb)
        self.samples.clear()
        self.samples.addItems(preview.rows)
        self.previewReady.emit(preview)
        if self._check_pending:
            self._check_pending = False
            self.check()

    def _describe(self, description: dict[str, Any]) -> str:
        lines = [self.tr("{0} samples").replace("{0}", str(description.get("samples", 0)))]
        for title, group in ((self.tr("input"), "inputs"), (self.tr("target"), "targets")):
            for name, info in (description.get(group) or {}).items():
                shape = str(tuple(info.get("shape", [])))
                line = f"{title} '{name}': {shape} {info.get('dtype', '')}"
                if "min" in info:
                    line += f", {info['min']:g}…{info['max']:g}"
                counts = info.get("classes")
                if counts:
                    line += " · " + self.tr("classes") + ": "
                    line += ", ".join(f"{k}: {v}" for k, v in list(counts.items())[:12])
                lines.append(line)
        return "\n".join(lines)

    # -- check and set up ---------------------------------------------------------------
    def _settings(self) -> TrainingSettings:
        return TrainingSettings.from_dict(self.document.project.training)

    def check(self) -> None:
        """Compare the data with the graph (loads the data first when needed)."""
        if self.preview is None or self.preview.spec != self.spec():
            self._check_pending = True
            self.refresh_preview()
            return
        preview = self.preview
        run_in_background(
            check_data,
            self.document.graph.copy(),
            self._settings(),
            preview.x,
            preview.y,
            on_done=self._checked,
            on_error=lambda m: self._show_status(m, error=True),
        )

    def _checked(self, problems: list[DataProblem]) -> None:
        self.problems = list(problems)
        self.problem_list.clear()
        if not problems:
            self.problem_list.addItem(self.tr("The data fits the graph."))
        for problem in problems:
            item = QListWidgetItem(problem.message)
            if problem.node_id:
                item.setData(Qt.ItemDataRole.UserRole, problem.node_id)
            self.problem_list.addItem(item)
        self.setup_button.setEnabled(any(p.fixable for p in problems))
        self.checked.emit(self.problems)

    def _problem_activated(self, item: QListWidgetItem) -> None:
        node_id = item.data(Qt.ItemDataRole.UserRole)
        if node_id and node_id in self.document.graph:
            self.document.set_selection([node_id])

    def set_up_from_data(self) -> None:
        """Apply every fix as ONE undoable edit (graph fixes + settings change)."""
        if self.preview is None:
            return
        revision = self.document.undo_stack.index()
        run_in_background(
            setup_from_data,
            self.document.graph.copy(),
            self._settings(),
            self.preview.x,
            self.preview.y,
            on_done=lambda result: self._apply_setup(result, revision),
            on_error=lambda m: self._show_status(m, error=True),
        )

    def _apply_setup(self, result: tuple[Compound, TrainingSettings], revision: int) -> None:
        if self.document.undo_stack.index() != revision:
            self._show_status(self.tr("The graph changed meanwhile; press Set up from data again."))
            return
        edit, settings = result
        steps = list(edit.edits)
        if settings.to_dict() != self._settings().to_dict():
            steps.append(SetProjectSection(self.document.project, "training", settings.to_dict()))
        if not steps:
            self._show_status(self.tr("Nothing to set up: the data fits the graph."))
            return
        self.document.push(Compound(steps, self.tr("Set up from data")))
        self.check()
