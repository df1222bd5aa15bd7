"""Help → Keyboard Shortcuts: read from the window's own QActions each time it is shown,
so the list is always the one that works (and in the current language)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

ActionSource = Iterable[QAction] | Callable[[], Iterable[QAction]]


def action_label(action: QAction) -> str:
    """The action's text as a menu shows it: without the mnemonic '&' and the trailing '…'."""
    # "(&G)" is how Chinese and Japanese menus give a mnemonic: drop it whole
    text = re.sub(r"\s*\(&[^&)]\)", "", action.text())
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip(".…").strip()


def shortcut_text(action: QAction) -> str:
    """Every shortcut of ``action`` as this platform writes it, comma-separated."""
    keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty()]
    return ", ".join(keys)


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str, str]]:
    """``(command, shortcut, what it does)`` for each action that has a shortcut, in order."""
    rows = []
    seen = set()
    for action in actions:
        keys = shortcut_text(action)
        if not keys or id(action) in seen:
            continue
        seen.add(id(action))
        label = action_label(action)
        tip = action.statusTip() or action.toolTip()
        rows.append((label, keys, "" if action_label_equals(tip, label) else tip))
    return rows


def action_label_equals(tip: str, label: str) -> bool:
    # Qt makes a tool tip from the text when none is set: that says nothing new
    return tip.replace("&", "").rstrip(".…").strip().casefold() == label.casefold()


class ShortcutsDialog(QDialog):
    """A table of commands and their keys, from ``actions`` (a list, or a function giving one)."""

    def __init__(self, actions: ActionSource, parent=None):
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self._actions = actions
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("shortcuts_table")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.retranslate()

    # ---- Public API
    def set_actions(self, actions: ActionSource) -> None:
        self._actions = actions
        self.refresh()

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows, as text."""
        return [
            tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
            for r in range(self.table.rowCount())
        ]

    def refresh(self) -> None:
        """Read the actions again (their text, keys and tips may have changed)."""
        actions = self._actions() if callable(self._actions) else self._actions
        rows = shortcut_rows(actions)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()

    # ---- Qt
    def showEvent(self, event):
        self.refresh()
        super().showEvent(event)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self):
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Shortcut"), self.tr("What it does")])
        self.refresh()
        if self.isVisible():
            # the window retranslates its actions on the same event: read them again after it has
            QTimer.singleShot(0, self, self.refresh)
