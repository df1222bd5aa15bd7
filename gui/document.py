"""The open project as an undoable document.

Every edit replaces one section of the project dict (``network``, ``data``,
``optimizer``...) through a :class:`QUndoCommand`, so Ctrl+Z / Ctrl+Shift+Z
undo and redo anything, and "modified" is ``not undo_stack.isClean()``.
Consecutive edits of the same field (dragging a slider) merge into one command.
"""

from __future__ import annotations

import copy
import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.project import default_project, load_project, save_project

SECTIONS = ("data", "network", "loss", "optimizer", "schedule", "training", "seed")


class ReplaceSectionCommand(QUndoCommand):
    """Replace one section of the project; ``merge_key`` lets slider drags merge."""

    _ids: dict[str, int] = {}

    def __init__(self, doc: ProjectDocument, section: str, new, text: str, merge_key: str | None = None):
        super().__init__(text)
        self.doc, self.section = doc, section
        self.old = copy.deepcopy(doc.project[section])
        self.new = copy.deepcopy(new)
        self.merge_key = merge_key

    def id(self) -> int:
        if self.merge_key is None:
            return -1
        return self._ids.setdefault(self.merge_key, 1000 + len(self._ids))

    def mergeWith(self, other) -> bool:
        if not isinstance(other, ReplaceSectionCommand) or other.merge_key != self.merge_key:
            return False
        self.new = copy.deepcopy(other.new)
        return True

    def redo(self):
        self.doc._replace(self.section, self.new, self.old)

    def undo(self):
        self.doc._replace(self.section, self.old, self.new)


class ProjectDocument(QObject):
    """The project being edited; emits ``changed(section, old, new)`` on every change."""

    changed = Signal(str, object, object)  # section, old value, new value
    reset = Signal()  # a whole new project (New / Open)
    path_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.project = default_project()
        self.path: str | None = None

    # ---- Public API
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def base_dir(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def section(self, name: str):
        return copy.deepcopy(self.project[name])

    def edit(self, section: str, new, text: str, merge_key: str | None = None) -> None:
        """Replace ``section`` with ``new`` as one undoable step (no-op if unchanged)."""
        if self.project.get(section) == new:
            return
        self.undo_stack.push(ReplaceSectionCommand(self, section, new, text, merge_key))

    def new(self, project: dict | None = None) -> None:
        self.project = copy.deepcopy(project) if project is not None else default_project()
        self.path = None
        self.undo_stack.clear()
        self.path_changed.emit("")
        self.reset.emit()

    def open(self, path: str) -> None:
        """Load ``path``; raises ConfigError (and changes nothing) if it is bad."""
        project = load_project(path)
        self.project = project
        self.path = os.path.abspath(path)
        self.undo_stack.clear()
        self.path_changed.emit(self.path)
        self.reset.emit()

    def save(self, path: str | None = None) -> None:
        path = path or self.path
        if path is None:
            raise ValueError("no file name")
        save_project(self.project, path)
        self.path = os.path.abspath(path)
        self.undo_stack.setClean()
        self.path_changed.emit(self.path)

    # ---- Private API
    def _replace(self, section: str, value, old):
        self.project[section] = copy.deepcopy(value)
        self.changed.emit(section, copy.deepcopy(old), copy.deepcopy(value))
