"""The editor window: canvas in the middle, palette and panels in movable docks, menus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabBar,
    QWidget,
)

from ..core.project import Project
from . import themes
from .actions import FileActions
from .autosave import Autosaver
from .canvas import GraphScene, GraphView
from .document import Document
from .edit_commands import EditCommands
from .i18n import build_language_menu
from .icons import app_icon
from .palette import PaletteWidget
from .panels.code import CodePanel
from .panels.history import HistoryPanel
from .panels.inspector import InspectorPanel
from .panels.problems import ProblemsPanel
from .panels.summary import SummaryPanel
from .quick_add import QuickAddPopup
from .training import TrainingDock

OPENABLE = (".nbproj", ".keras", ".h5", ".hdf5", ".json")


class MainWindow(EditCommands, QMainWindow):
    """One editor window for one :class:`Document`."""

    def __init__(self, project: Project | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowIcon(app_icon())
        self.document = Document(project, self)
        self.scene = GraphScene(self.document, self)
        self.view = GraphView(self.scene, self)
        self.setCentralWidget(self.view)
        self.files = FileActions(self)
        self.quick_add = QuickAddPopup(self)
        self._quick_add_pos = QPointF()
        self._quick_add_src: tuple[str, int] | None = None
        self.setAcceptDrops(True)
        self._build_docks()
        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        self._connect()
        self._update_title()
        self._update_status()
        self.resize(1400, 860)
        self._restore_layout()
        # A recovery copy of unsaved work, every 30 s and soon after the first edit.
        self.autosave = Autosaver(self.document, parent=self)
        self.autosave.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))

    # -- construction -----------------------------------------------------------------
    def _dock(
        self,
        title: str,
        name: str,
        widget: QWidget,
        area: Qt.DockWidgetArea,
        tab_with: QDockWidget | None = None,
    ) -> QDockWidget:
        """A movable, closable dock; with ``tab_with`` it joins that dock's tab group."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        if tab_with is None:
            self.addDockWidget(area, dock)
        else:
            # Tabify straight away: docking first and tabifying later leaves stray
            # tab bars from the intermediate split layout on screen.
            self.tabifyDockWidget(tab_with, dock)
        return dock

    def _build_docks(self) -> None:
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.palette_widget = PaletteWidget(self)
        self.inspector = InspectorPanel(self.document, self)
        self.problems = ProblemsPanel(self.document, self)
        self.summary = SummaryPanel(self.document, self)
        self.code = CodePanel(self.document, self)
        self.history = HistoryPanel(self.document, self)
        self.palette_dock = self._dock(self.tr("Layers"), "PaletteDock", self.palette_widget, left)
        self.inspector_dock = self._dock(
            self.tr("Inspector"), "InspectorDock", self.inspector, right
        )
        self.code_dock = self._dock(
            self.tr("Code"), "CodeDock", self.code, right, self.inspector_dock
        )
        self.history_dock = self._dock(
            self.tr("History"), "HistoryDock", self.history, right, self.code_dock
        )
        self.problems_dock = self._dock(self.tr("Problems"), "ProblemsDock", self.problems, bottom)
        self.summary_dock = self._dock(
            self.tr("Summary"), "SummaryDock", self.summary, bottom, self.problems_dock
        )
        self.training_dock = TrainingDock(self.document, self)  # starts a spare worker
        self.tabifyDockWidget(self.summary_dock, self.training_dock)
        self.inspector_dock.raise_()
        self.problems_dock.raise_()
        self._docks_sized = False

    def _build_status_bar(self) -> None:
        self.stats_label = QLabel(self)
        self.zoom_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.stats_label)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.zoom_label.setText("100%")

    def _action(
        self,
        text: str,
        slot,
        shortcut: QKeySequence | str | list | None = None,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        f, K = self.files, QKeySequence.StandardKey
        self.act_new = self._action(self.tr("&New"), f.new, K.New)
        self.act_example = self._action(self.tr("New from &Example…"), self.new_from_example)
        self.act_open = self._action(self.tr("&Open…"), f.open_dialog, K.Open)
        self.act_save = self._action(self.tr("&Save"), f.save, K.Save)
        self.act_save_as = self._action(self.tr("Save &As…"), f.save_as, "Ctrl+Shift+S")
        self.act_import = self._action(self.tr("&Import Keras Model…"), f.import_dialog, "Ctrl+I")
        self.act_export_py = self._action(
            self.tr("Export &Python…"), lambda: f.export_python(), "Ctrl+E"
        )
        self.act_export_model = self._action(
            self.tr("Export &Model (.keras)…"), lambda: f.export_model()
        )
        self.act_export_image = self._action(
            self.tr("Export I&mage (PNG/SVG)…"), lambda: f.export_image()
        )
        self.act_quit = self._action(self.tr("&Quit"), self.close, K.Quit)
        stack = self.document.undo_stack
        self.act_undo = stack.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setShortcut(QKeySequence(K.Undo))
        self.act_redo = stack.createRedoAction(self, self.tr("&Redo"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.act_undo, self.act_redo])
        self.act_cut = self._action(self.tr("Cu&t"), self.cut, K.Cut)
        self.act_copy = self._action(self.tr("&Copy"), self.copy, K.Copy)
        self.act_paste = self._action(self.tr("&Paste"), lambda: self.paste(), K.Paste)
        self.act_duplicate = self._action(self.tr("&Duplicate"), self.duplicate, "Ctrl+D")
        self.act_delete = self._action(
            self.tr("De&lete"),
            self.scene.delete_selected,
            [QKeySequence(K.Delete), QKeySequence("Backspace")],
        )
        self.act_select_all = self._action(self.tr("Select &All"), self.select_all, K.SelectAll)
        self.act_output = self._action(
            self.tr("Toggle Model &Output"), self.toggle_output, "Ctrl+M"
        )
        self.act_add = self._action(self.tr("&Add Layer…"), self.quick_add_at_center, "Ctrl+K")
        v = self.view
        self.act_fit = self._action(self.tr("&Fit to View"), v.fit, "F")
        self.act_zoom_in = self._action(
            self.tr("Zoom &In"), v.zoom_in, [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")]
        )
        self.act_zoom_out = self._action(self.tr("Zoom &Out"), v.zoom_out, "Ctrl+-")
        self.act_zoom_reset = self._action(self.tr("&Actual Size"), v.reset_zoom, "Ctrl+0")
        self.act_snap = self._action(self.tr("&Snap to Grid"), self._set_snap, checkable=True)
        self.act_snap.setChecked(self.scene.snap_to_grid)
        self.act_arrange = self._action(self.tr("Auto-&Arrange"), self.arrange, "Ctrl+L")
        self.theme_group = QActionGroup(self)
        self.act_light = self._action(
            self.tr("&Light"), lambda: self.set_theme(themes.LIGHT), checkable=True
        )
        self.act_dark = self._action(
            self.tr("&Dark"), lambda: self.set_theme(themes.DARK), checkable=True
        )
        for act in (self.act_light, self.act_dark):
            self.theme_group.addAction(act)
        (self.act_dark if themes.current_name() == themes.DARK else self.act_light).setChecked(True)
        self.act_about = self._action(self.tr("&About netbuilder"), self.about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(self.tr("&File"))
        m.addActions([self.act_new, self.act_example, self.act_open])
        self.recent_menu = m.addMenu(self.tr("Open &Recent"))
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        m.addActions(
            [self.act_import, self.act_export_py, self.act_export_model, self.act_export_image]
        )
        m.addSeparator()
        m.addAction(self.act_quit)
        e = bar.addMenu(self.tr("&Edit"))
        e.addActions([self.act_undo, self.act_redo])
        e.addSeparator()
        e.addActions(
            [self.act_cut, self.act_copy, self.act_paste, self.act_duplicate, self.act_delete]
        )
        e.addSeparator()
        e.addActions([self.act_select_all, self.act_add, self.act_output])
        view = bar.addMenu(self.tr("&View"))
        view.addActions([self.act_fit, self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset])
        view.addSeparator()
        view.addActions([self.act_snap, self.act_arrange])
        theme = view.addMenu(self.tr("&Theme"))
        theme.addActions([self.act_light, self.act_dark])
        self.language_menu = build_language_menu(self, view)
        panels = view.addMenu(self.tr("&Panels"))
        for dock in self.findChildren(QDockWidget):
            panels.addAction(dock.toggleViewAction())
        train = bar.addMenu(self.tr("&Train"))
        show_training = self.training_dock.toggleViewAction()
        show_training.setText(self.tr("&Training Panel"))
        show_training.setShortcut(QKeySequence("Ctrl+T"))
        train.addAction(show_training)
        h = bar.addMenu(self.tr("&Help"))
        h.addAction(self.act_about)
        self.refresh_recent_menu()

    def _connect(self) -> None:
        d = self.document
        d.undo_stack.cleanChanged.connect(self._update_title)
        d.undo_stack.indexChanged.connect(self._update_title)
        d.pathChanged.connect(self._update_title)
        d.projectReplaced.connect(self._update_title)
        d.analysisChanged.connect(self._update_status)
        self.scene.statusMessage.connect(self._show_status)
        self.scene.quickAddRequested.connect(self._quick_add_for_wire)
        self.view.quickAddRequested.connect(self._quick_add_at)
        self.view.filesDropped.connect(self.open_dropped)
        self.view.zoomChanged.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        self.palette_widget.addRequested.connect(self.add_at_center)
        self.quick_add.chosen.connect(self._quick_add_chosen)
        self.problems.focusRequested.connect(self.focus_node)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._canvas_menu)

    # -- title and status -------------------------------------------------------------
    def display_name(self) -> str:
        if self.document.path is not None:
            return self.document.path.stem
        return self.document.project.display_title() or self.tr("Untitled")

    def _update_title(self, *_args) -> None:
        self.setWindowTitle(f"{self.display_name()}[*] — netbuilder")
        self.setWindowModified(self.document.is_modified())

    def _update_status(self) -> None:
        analyzer = self.document.analyzer
        problems = analyzer.problems()
        errors = sum(1 for p in problems if p.is_error)
        warnings = len(problems) - errors
        total = f"{analyzer.total_params():,}"
        if errors:
            state = self.tr("{n} errors").format(n=errors)
        elif warnings:
            state = self.tr("valid, {n} warnings").format(n=warnings)
        else:
            state = self.tr("valid") if len(self.document.graph) else self.tr("empty")
        self.stats_label.setText(
            self.tr("{layers} layers · {params} parameters · {state}").format(
                layers=len(self.document.graph), params=total, state=state
            )
        )

    def _show_status(self, message: str) -> None:
        if message:
            self.statusBar().showMessage(message, 8000)
        else:
            self.statusBar().clearMessage()

    # -- files ------------------------------------------------------------------------
    def new_from_example(self) -> None:
        from ..core.examples import load_example
        from .panels.gallery import ExampleGalleryDialog

        if not self.files.maybe_save():
            return
        dialog = ExampleGalleryDialog(self)
        if dialog.exec() and (name := dialog.selected_example()):
            self.document.replace_project(load_example(name), None)
            self.view.fit()

    def refresh_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.files.recent_files()
        for path in recent:
            act = menu.addAction(Path(path).name)
            act.setToolTip(path)
            act.setStatusTip(path)
            act.triggered.connect(lambda _=False, p=path: self.files.open_path(p))
        if recent:
            menu.addSeparator()
            menu.addAction(self.tr("Clear Recent Files"), self.files.clear_recent)
        menu.setEnabled(bool(recent))

    def open_dropped(self, paths: list[str]) -> None:
        for path in paths:
            if Path(path).suffix.lower() in OPENABLE:
                self.files.open_path(path)
                return
        self.statusBar().showMessage(
            self.tr("Drop a .nbproj, .keras, .h5 or model .json file."), 5000
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_dropped(paths)

    # -- look -------------------------------------------------------------------------
    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            themes.apply_theme(app, name)
        QSettings().setValue("theme", themes.current_name())
        for item in self.scene.items():
            item.update()
        self.view.viewport().update()

    def about(self) -> None:
        from .. import __version__

        QMessageBox.about(
            self,
            self.tr("About netbuilder"),
            self.tr(
                "netbuilder {version}\n\nDesign Keras neural networks by drawing them: "
                "live shapes, clear problems, code export, import and training."
            ).format(version=__version__),
        )

    # -- layout memory and closing ----------------------------------------------------
    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
            QTimer.singleShot(150, self._hide_stray_tab_bars)

    def _hide_stray_tab_bars(self) -> None:
        """Hide tab bars Qt left behind from tabifying before the first layout.

        Qt 6 creates a second, unused tab bar for the second tab group built
        before the window is shown (it stays at the old position, on screen).
        A bar in use sits right next to the visible dock of its group.
        """
        docks = [d for d in self.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()]
        for bar in self.findChildren(QTabBar):
            if bar.parent() is not self or not bar.isVisible():
                continue
            titles = {bar.tabText(i) for i in range(bar.count())}
            near = bar.geometry().adjusted(0, -8, 0, 8)
            if not any(d.windowTitle() in titles and d.geometry().intersects(near) for d in docks):
                bar.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(150, self._hide_stray_tab_bars)
        if not self._docks_sized and QSettings().value("window/state") is None:
            # Default dock sizes; they only take once the window has its real size.
            self._docks_sized = True
            QTimer.singleShot(0, self._default_dock_sizes)

    def _default_dock_sizes(self) -> None:
        # The training panel needs ~400 px of height; it opens on demand (Train menu)
        # so the canvas keeps the room on first start.
        self.training_dock.hide()
        self.resizeDocks(
            [self.palette_dock, self.inspector_dock], [250, 340], Qt.Orientation.Horizontal
        )
        self.resizeDocks(
            [self.problems_dock], [max(150, self.height() // 5)], Qt.Orientation.Vertical
        )

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_layout()
        self.autosave.shutdown()  # a clean close leaves no recovery file
        self.training_dock.shutdown()  # end the training worker process
        event.accept()
