"""GUI test fixtures: offscreen Qt, QSettings isolated in a temporary folder, a main window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory):
    """Every GUI test gets empty QSettings (recent files, layout, theme) of its own."""
    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("netbuilder-tests")
    QCoreApplication.setApplicationName("netbuilder-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    QSettings().clear()
    # Autosave writes recovery copies; keep them out of the real user folder.
    previous = os.environ.get("NETBUILDER_RECOVERY_DIR")
    os.environ["NETBUILDER_RECOVERY_DIR"] = str(folder / "recovery")
    yield folder
    QSettings().clear()
    if previous is None:
        os.environ.pop("NETBUILDER_RECOVERY_DIR", None)
    else:
        os.environ["NETBUILDER_RECOVERY_DIR"] = previous


@pytest.fixture
def window(qtbot):
    """An empty editor window, shown offscreen; closed without the unsaved-changes prompt."""
    from netbuilder.gui.main_window import MainWindow

    win = MainWindow()
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitActive(win)
    yield win
    # Not qtbot.addWidget: pytest-qt closes those before fixtures end, and the
    # unsaved-changes prompt would then block the test run.
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()
