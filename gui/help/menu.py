"""The Help menu: Glossary (F1), Keyboard Shortcuts, About. The dialogs are made on first
use, owned by the window, and follow a language switch."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from gui.help.about_dialog import AboutDialog
from gui.help.glossary_dialog import GlossaryDialog
from gui.help.shortcuts_dialog import ActionSource, ShortcutsDialog


def build_help_menu(
    menubar: QMenuBar, window: QWidget, actions: ActionSource, open_example: Callable[[str], None]
) -> HelpMenu:
    """Add Help to ``menubar``: Glossary (F1), Keyboard Shortcuts, About.

    ``actions`` are the window's QActions (a list, or a function returning one) whose
    shortcuts the Keyboard Shortcuts dialog lists, read each time it opens; the Help
    menu's own actions are added to them. ``open_example(path)`` opens an example
    project (the glossary's "Show me").
    """
    menu = HelpMenu(window, actions, open_example, menubar)
    menubar.addMenu(menu)
    return menu


class HelpMenu(QMenu):
    """Help: opens the glossary, the shortcuts and About, each one window at most."""

    def __init__(self, window: QWidget, actions: ActionSource, open_example: Callable[[str], None], parent=None):
        super().__init__(parent)
        self.setObjectName("help_menu")
        self._window = window
        self._actions = actions
        self._open_example = open_example
        self.glossary_dialog: GlossaryDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.about_dialog: AboutDialog | None = None

        self.glossary_action = QAction(self)
        self.glossary_action.setObjectName("help_glossary")
        self.glossary_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.glossary_action.triggered.connect(lambda: self.show_glossary())
        self.shortcuts_action = QAction(self)
        self.shortcuts_action.setObjectName("help_shortcuts")
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = QAction(self)
        self.about_action.setObjectName("help_about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.addAction(self.glossary_action)
        self.addAction(self.shortcuts_action)
        self.addSeparator()
        self.addAction(self.about_action)
        self.retranslate()

    # ---- Public API
    def help_actions(self) -> list[QAction]:
        return [self.glossary_action, self.shortcuts_action, self.about_action]

    def all_actions(self) -> list[QAction]:
        """The window's actions followed by Help's own: what Keyboard Shortcuts lists."""
        window_actions: Iterable[QAction] = self._actions() if callable(self._actions) else self._actions
        return [*window_actions, *self.help_actions()]

    def show_glossary(self, key: str | None = None) -> GlossaryDialog:
        """Open the glossary (on the entry ``key`` if given), e.g. from a tooltip's link."""
        if self.glossary_dialog is None:
            self.glossary_dialog = GlossaryDialog(self._open_example, self._window)
        if key is not None:
            self.glossary_dialog.show_entry(key)
        self._raise(self.glossary_dialog)
        return self.glossary_dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self.all_actions, self._window)
        self._raise(self.shortcuts_dialog)
        return self.shortcuts_dialog

    def show_about(self) -> AboutDialog:
        if self.about_dialog is None:
            self.about_dialog = AboutDialog(self._window)
        self._raise(self.about_dialog)
        return self.about_dialog

    # ---- Qt
    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self):
        self.setTitle(self.tr("&Help"))
        self.glossary_action.setText(self.tr("&Glossary"))
        self.glossary_action.setStatusTip(
            self.tr("The words of the course: formulas, intuition and an example that shows each one")
        )
        self.shortcuts_action.setText(self.tr("&Keyboard Shortcuts"))
        self.shortcuts_action.setStatusTip(self.tr("Every command that has a key, and its key"))
        self.about_action.setText(self.tr("&About Backprop Lab"))
        self.about_action.setStatusTip(self.tr("Version, licence, and the versions of Python, NumPy and Qt"))

    # ---- Private API
    @staticmethod
    def _raise(dialog):
        if dialog.isVisible():  # already open, perhaps behind the window: bring it up
            dialog.raise_()
            dialog.activateWindow()
        else:
            dialog.show()
