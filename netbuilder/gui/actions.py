"""File operations of the editor window: new, open, recent, save, import, export.

Everything that needs Keras (importing a model file, building and saving a
model) runs in a background task with a busy indicator; the window keeps
painting. Project files load on the GUI thread: they are small JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from ..core.loading import LoadError, load_any
from ..core.project import SUFFIX, Project
from . import image_export
from .background import run_in_background

if TYPE_CHECKING:
    from .main_window import MainWindow

RECENT_KEY = "recentFiles"
MAX_RECENT = 10
# Marked for lupdate; translated where the dialogs open (self.tr in FileActions).
PROJECT_FILTER = QT_TRANSLATE_NOOP("FileActions", "netbuilder projects (*.nbproj)")
MODEL_FILTER = QT_TRANSLATE_NOOP("FileActions", "Keras models (*.keras *.h5 *.hdf5 *.json)")
OPEN_FILTER = QT_TRANSLATE_NOOP(
    "FileActions",
    "Projects and Keras models (*.nbproj *.keras *.h5 *.hdf5 *.json);;All files (*)",
)


def _import_model_file(path: str) -> Project:
    return load_any(path)


def _load_keras_oracle():
    """Import Keras (slow, so in a pool thread) and return the generic-layer shape oracle."""
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras  # noqa: F401  (the import is the slow part this task exists for)

    from ..core.keras_layers import keras_oracle

    return keras_oracle


def _build_and_save(project: Project, path: str) -> str:
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from ..core.builder import build_model
    from ..core.codegen import model_name

    model = build_model(project.graph, model_name(project))
    tmp = Path(path).with_name(f".{Path(path).name}.tmp.keras")
    try:
        model.save(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


class FileActions(QObject):
    """The File menu's behaviour for one :class:`MainWindow`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._progress: QProgressDialog | None = None
        self._oracle = None
        self._oracle_loading = False
        window.document.projectReplaced.connect(self.ensure_generic_shapes)

    @property
    def document(self):
        return self.window.document

    # -- prompts ----------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False when the user cancels."""
        if not self.document.is_modified():
            return True
        answer = QMessageBox.question(
            self.window,
            self.tr("Unsaved changes"),
            self.tr("'{name}' has unsaved changes. Save them first?").format(
                name=self.window.display_name()
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _error(self, title: str, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)
        QMessageBox.warning(self.window, title, message)

    def _start_busy(self, text: str) -> None:
        dialog = QProgressDialog(text, "", 0, 0, self.window)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setWindowTitle(self.tr("Please wait"))
        self._progress = dialog
        self.window.statusBar().showMessage(text)

    def _stop_busy(self) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        self.window.statusBar().clearMessage()

    # -- new / open -------------------------------------------------------------------
    def new(self) -> None:
        if self.maybe_save():
            self.document.replace_project(Project())

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open"), self._last_dir(), self.tr(OPEN_FILTER)
        )
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path: str, ask: bool = True) -> None:
        """Open a project (or import a model file, in the background)."""
        if ask and not self.maybe_save():
            return
        p = Path(path)
        if p.suffix.lower() == SUFFIX:
            try:
                project = load_any(p)
            except LoadError as exc:
                self._error(self.tr("Cannot open"), str(exc))
                return
            self.document.replace_project(project, p)
            self.add_recent(str(p))
            self.window.view.fit()
            return
        self.import_path(path)

    def import_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import Keras model"), self._last_dir(), self.tr(MODEL_FILTER)
        )
        if path:
            self.import_path(path)

    def import_path(self, path: str) -> None:
        """Import a .keras/.h5/JSON model in a background task; no project path is set."""
        self._start_busy(self.tr("Importing {name}…").format(name=Path(path).name))

        def done(project: Project) -> None:
            self._stop_busy()
            if not project.title:
                project.title = {"en": Path(path).stem}
            self.document.replace_project(project, None)
            self.add_recent(path)
            self.window.view.fit()
            self.window.statusBar().showMessage(
                self.tr("Imported {n} layers from {name}").format(
                    n=len(project.graph), name=Path(path).name
                ),
                6000,
            )

        def failed(message: str) -> None:
            self._stop_busy()
            self._error(self.tr("Cannot import"), message)

        run_in_background(_import_model_file, path, on_done=done, on_error=failed)

    # -- shapes of layers outside the catalog ------------------------------------------
    def ensure_generic_shapes(self) -> None:
        """Give generic (non-catalog) layers real shapes: Keras loads in the background."""
        if not any(n.is_generic for n in self.document.graph):
            return
        if self._oracle is not None:
            self._attach_oracle(self._oracle)
            return
        if self._oracle_loading:
            return
        self._oracle_loading = True
        self.window.statusBar().showMessage(
            self.tr("Loading Keras for the shapes of custom layers…")
        )

        def failed(message: str) -> None:
            self._oracle_loading = False
            self.window.statusBar().showMessage(
                self.tr("Shapes of custom layers are unknown: {reason}").format(reason=message),
                8000,
            )

        run_in_background(_load_keras_oracle, on_done=self._attach_oracle, on_error=failed)

    def _attach_oracle(self, oracle) -> None:
        self._oracle_loading = False
        self._oracle = oracle
        inference = self.document.analyzer.inference
        if inference.oracle is None:
            inference.oracle = oracle
            inference.invalidate({n.id for n in self.document.graph if n.is_generic})
            self.document.analysisChanged.emit()
        self.window.statusBar().clearMessage()

    # -- save -------------------------------------------------------------------------
    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        start = str(
            self.document.path or Path(self._last_dir()) / f"{self.window.display_name()}{SUFFIX}"
        )
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save As"), start, self.tr(PROJECT_FILTER)
        )
        if not path:
            return False
        if not path.endswith(SUFFIX):
            path += SUFFIX
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Save atomically to ``path``; reports failures to the user, returns success."""
        try:
            if not self.document.save(path):  # atomic: temp file, fsync, rename
                return False  # the user declined (e.g. overwriting after a recovery)
        except OSError as exc:
            self._error(
                self.tr("Cannot save"),
                self.tr("Cannot write {path}: {reason}").format(
                    path=str(path), reason=exc.strerror or str(exc)
                ),
            )
            return False
        self.add_recent(str(path))
        self.window.statusBar().showMessage(self.tr("Saved {path}").format(path=str(path)), 4000)
        return True

    # -- exports ----------------------------------------------------------------------
    def _require_valid(self) -> bool:
        errors = self.document.analyzer.errors()
        if errors:
            self._error(
                self.tr("The graph has problems"),
                self.tr("Fix the {n} problems first; the first is: {message}").format(
                    n=len(errors), message=errors[0].message
                ),
            )
            return False
        return True

    def export_python(self, path: str | None = None) -> bool:
        if not self._require_valid():
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Export Python"),
                str(Path(self._last_dir()) / f"{self.window.display_name()}.py"),
                self.tr("Python files (*.py)"),
            )
        if not path:
            return False
        from ..core.codegen import export_code
        from ..core.project import atomic_write_text

        try:
            atomic_write_text(path, export_code(self.document.project))
        except Exception as exc:  # codegen or the disk: tell the user, keep the editor alive
            self._error(self.tr("Cannot export"), str(exc))
            return False
        self.window.statusBar().showMessage(self.tr("Wrote {path}").format(path=path), 4000)
        return True

    def export_model(self, path: str | None = None) -> bool:
        """Build the untrained model and save it as .keras in a background task."""
        if not self._require_valid():
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Export model"),
                str(Path(self._last_dir()) / f"{self.window.display_name()}.keras"),
                self.tr("Keras models (*.keras)"),
            )
        if not path:
            return False
        if not path.endswith(".keras"):
            path += ".keras"
        self._start_busy(self.tr("Building the model…"))

        def done(result: str) -> None:
            self._stop_busy()
            self.window.statusBar().showMessage(self.tr("Wrote {path}").format(path=result), 6000)

        def failed(message: str) -> None:
            self._stop_busy()
            self._error(self.tr("Cannot export the model"), message)

        run_in_background(
            _build_and_save, self.document.project.copy(), path, on_done=done, on_error=failed
        )
        return True

    def export_image(self, path: str | None = None) -> bool:
        if path is None:
            path, chosen = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Export image"),
                str(Path(self._last_dir()) / f"{self.window.display_name()}.png"),
                self.tr("PNG image (*.png);;SVG image (*.svg)"),
            )
            if path and not Path(path).suffix:
                path += ".svg" if "svg" in chosen.lower() else ".png"
        if not path:
            return False
        try:
            if path.lower().endswith(".svg"):
                image_export.export_svg(self.window.scene, path, self.window.display_name())
            else:
                image_export.export_png(self.window.scene, path)
        except OSError as exc:
            self._error(self.tr("Cannot export the image"), str(exc))
            return False
        self.window.statusBar().showMessage(self.tr("Wrote {path}").format(path=path), 4000)
        return True

    # -- recent files -----------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = QSettings().value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def add_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        items = [path, *[p for p in self.recent_files() if p != path]][:MAX_RECENT]
        QSettings().setValue(RECENT_KEY, items)
        self.window.refresh_recent_menu()

    def clear_recent(self) -> None:
        QSettings().setValue(RECENT_KEY, [])
        self.window.refresh_recent_menu()

    def _last_dir(self) -> str:
        if self.document.path is not None:
            return str(self.document.path.parent)
        recent = self.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())
