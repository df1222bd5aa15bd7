"""Showing the app's tool windows (Compare, Lock-step race, Optimizer internals, ...)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtGui import QGuiApplication


def present(widget) -> None:
    """Show ``widget`` and bring it to the front (raising is not supported offscreen)."""
    widget.show()
    if QGuiApplication.platformName() != "offscreen":
        widget.raise_()
        widget.activateWindow()


def opener(window, attr: str, make: Callable) -> Callable:
    """A function that opens ``window.<attr>``, made by ``make(window)`` the first time
    (and filtering the main window's events, so it follows language changes and closing),
    given the main window's current project, and shown in front."""

    def open_view():
        view = getattr(window, attr, None)
        if view is None:
            view = make(window)
            setattr(window, attr, view)
            window.installEventFilter(view)
        view.set_project(window.doc.project)
        present(view)
        return view

    return open_view


class StoppingToolWindow:
    """Mixin for a tool window that runs a thread (``stop()`` cancels and joins it) and
    follows the main window ``self.main``: its close stops the thread too (no thread may
    outlive the app), and a language change calls ``retranslate()``.  The main window
    must have this window installed as an event filter (:func:`opener` does it)."""

    def closeEvent(self, event):
        self.stop()
        super().closeEvent(event)

    def eventFilter(self, watched, event):
        if watched is self.main and event.type() == QEvent.Type.Close:
            self.stop()  # the main window closes: no thread may outlive it
        return False

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
