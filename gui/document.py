"""The open project as an undoable document.

Edits are typed commands (:mod:`gui.commands`) pushed with :meth:`push`:
each validates only what it touches, and redo / undo emit one
:class:`~gui.commands.Change` saying precisely what changed.  Ctrl+Z /
Ctrl+Shift+Z undo and redo anything, and "modified" is
``not undo_stack.isClean()``.  A whole new project (New, Open, an example)
emits ``reset`` instead.
"""

from __future__ import annotations

import copy
import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from core.project import default_project, load_project, save_project
from gui.commands import Change, EditCommand

SECTIONS = ("data", "network", "loss", "optimizer", "schedule", "training", "seed")


class ProjectDocument(QObject):
    """The project being edited; emits ``changed(Change)`` on every change."""

    changed = Signal(object)  # Change
    reset = Signal()  # a whole new project (New / Open)
    path_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.project = default_project()
        self.path: str | None = None
        #: the data's input width once a run is built (layer edits are checked against it)
        self.in_width: int | None = None

    # ---- Public API
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def base_dir(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def section(self, name: str):
        return copy.deepcopy(self.project[name])

    def push(self, command: EditCommand) -> bool:
        """Validate and apply ``command`` as one undoable step; False if it changes
        nothing.  Raises ConfigError (and changes nothing) if the value is bad."""
        if not command.bind(self):
            return False
        self.undo_stack.push(command)
        return True

    def emit_change(self, change: Change) -> None:
        """Called by the commands after they changed ``project``."""
        self.changed.emit(change)

    def new(self, project: dict | None = None, path: str | None = None) -> None:
        """Replace the whole project (already validated)."""
        self.project = copy.deepcopy(project) if project is not None else default_project()
        self.path = os.path.abspath(path) if path else None
        self.in_width = None
        self.undo_stack.clear()
        self.path_changed.emit(self.path or "")
        self.reset.emit()

    def open(self, path: str) -> None:
        """Load ``path``; raises ConfigError (and changes nothing) if it is bad."""
        project = load_project(path)
        self.new(project, path)

    def save(self, path: str | None = None) -> None:
        path = path or self.path
        if path is None:
            raise ValueError("no file name")
        save_project(self.project, path)
        self.path = os.path.abspath(path)
        self.undo_stack.setClean()
        self.path_changed.emit(self.path)
