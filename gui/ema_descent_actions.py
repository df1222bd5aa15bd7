"""The Inspect menu's entries for the momentum-as-an-average view
(:mod:`gui.ema_window`) and the batch / stochastic / mini-batch comparison
(:mod:`gui.descent_window`).  Their text keeps the translation context "MainWindow"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from gui.tool_windows import present


def install_ema_descent_views(window) -> None:
    """Add both actions to ``window.inspect_menu`` (a MainWindow)."""
    window.inspect_menu.addAction(
        window._action(
            "ema_view",
            QCoreApplication.translate("MainWindow", "&Momentum as an Average…"),
            lambda: open_ema_window(window),
            QKeySequence("Ctrl+Shift+M"),
            QCoreApplication.translate(
                "MainWindow", "A noisy series with its moving average and its exponentially weighted average (β)"
            ),
        )
    )
    window.inspect_menu.addAction(
        window._action(
            "descent_compare",
            QCoreApplication.translate("MainWindow", "Batch vs &Stochastic vs Mini-batch…"),
            lambda: open_descent_window(window),
            QKeySequence("Ctrl+Shift+B"),
            QCoreApplication.translate(
                "MainWindow", "Train three copies from the same weights with batch size all, 1 and k, and overlay them"
            ),
        )
    )


def open_ema_window(window):
    """Open (or raise) the EMA view; it asks the run for its batch loss when shown."""
    from gui.ema_window import EmaWindow

    view = getattr(window, "ema_window", None)
    if view is None:
        view = window.ema_window = EmaWindow(lambda: window.worker, window)
    present(view)
    view.refresh()
    return view


def open_descent_window(window):
    """Open (or raise) the comparison window on the current project."""
    from gui.descent_window import DescentWindow

    view = getattr(window, "descent_window", None)
    if view is None:

        def source():
            info = window.info
            return window.doc.project, window.doc.base_dir, None if info is None else info.in_width

        view = window.descent_window = DescentWindow(source, window)
    if not view.running:
        view.load_project()
    present(view)
    return view


def close_ema_descent_views(window) -> None:
    """The main window closes: stop and join a comparison still training, close both views."""
    view = getattr(window, "descent_window", None)
    if view is not None:
        view.shutdown()
        view.close()
    view = getattr(window, "ema_window", None)
    if view is not None:
        view.close()
