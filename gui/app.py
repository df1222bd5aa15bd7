"""Start the application: ``run_app(argv)`` opens the main window."""

from __future__ import annotations

import os
import sys

import pyqtgraph as pg
from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication


def _quiet_offscreen_warnings(mode, context, message):
    # the offscreen/minimal platforms cannot resize floating docks; say nothing about it
    if "propagateSizeHints" in message:
        return
    sys.stderr.write(message + "\n")


def make_app() -> QApplication:
    if QApplication.instance() is None and os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        qInstallMessageHandler(_quiet_offscreen_warnings)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # The training thread holds the GIL between steps; hand it over more often so
    # the window's event loop stays responsive (5 ms by default).
    sys.setswitchinterval(0.001)
    app.setApplicationName("Backprop Lab")
    app.setOrganizationName("BackpropLab")
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    from gui.panels.style import apply_palette

    apply_palette(app)
    from gui import gc_guard

    gc_guard.install(app)  # garbage (closed windows) is freed on this thread, never the relay's
    return app


def run_app(argv: list[str]) -> int:
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        print("usage: backprop-lab [PROJECT.json] | train ... | gradcheck ...", file=sys.stderr)
        return 2
    path = argv[0] if argv else None
    if path is not None and not os.path.exists(path):
        print(f"backprop-lab: error: {path}: no such file", file=sys.stderr)
        return 2
    app = make_app()
    from PySide6.QtCore import QSettings

    from gui import i18n
    from gui.main_window import MainWindow

    # the language is chosen here, not in MainWindow, so a window made by a test speaks
    # English unless the test installs a translator itself
    i18n.install_translator(app, i18n.preferred_language(QSettings("BackpropLab", "Backprop Lab")))

    window = MainWindow(path)
    window.show()
    if os.environ.get("BACKPROP_LAB_EXIT_WHEN_SHOWN"):  # bench/bench_gui.py times the start
        from PySide6.QtCore import QTimer

        def shown():
            print("shown", flush=True)
            window.close()

        QTimer.singleShot(0, shown)
    return app.exec()
