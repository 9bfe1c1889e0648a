"""The desktop application entry point: ``netbuilder`` / ``netbuilder open FILE``.

Nothing here imports TensorFlow or Keras: the window paints first, and the
parts that need Keras load it later in background tasks.
"""

from __future__ import annotations

import sys
from pathlib import Path

FIRST_START_EXAMPLE = "two_branch_cnn"


def create_window(path: str | None = None):
    """Make the QApplication (if needed), apply the saved theme and return the main window."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("netbuilder")
        QCoreApplication.setOrganizationDomain("netbuilder.invalid")
        QCoreApplication.setApplicationName("netbuilder")
        app = QApplication(sys.argv[:1])
    from .gui import themes
    from .gui.i18n import install_translator
    from .gui.icons import app_icon
    from .gui.main_window import MainWindow

    # Before any widget exists: windows take their texts from tr() once, when built.
    install_translator(app)
    settings = QSettings()
    themes.apply_theme(app, str(settings.value("theme", themes.LIGHT)))
    app.setWindowIcon(app_icon())
    window = MainWindow()
    if path:
        window.files.open_path(str(Path(path)), ask=False)
    elif not settings.value("firstStartDone", False, type=bool):
        from .core.examples import load_example

        window.document.replace_project(load_example(FIRST_START_EXAMPLE), None)
        settings.setValue("firstStartDone", True)
    # Unsaved work a crashed session left behind: offered once the event loop runs.
    from PySide6.QtCore import QTimer

    from .gui.recovery_dialog import offer_recovery

    QTimer.singleShot(0, window, lambda: offer_recovery(window))
    return window


def main(path: str | None = None) -> int:
    """Open the editor (with ``path`` loaded, if given) and run the event loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    window = create_window(path)
    window.show()
    QTimer.singleShot(0, window.view.fit)
    app = QApplication.instance()
    return app.exec() if app is not None else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else None))
