"""The base of every undoable edit: :class:`Change` (what one edit changed) and
:class:`EditCommand` (one edit of one place in the project, bound to a document).

The concrete commands are in :mod:`gui.setting_commands` and :mod:`gui.layer_commands`;
:mod:`gui.commands` gathers them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand


@dataclass(frozen=True)
class Change:
    """What one edit (or its undo) changed in the project.

    ``section`` is a top-level key (``"optimizer"``, ``"network"``, ``"seed"``...),
    ``key`` the field inside it (``"lr"``; for the network the layer field or the
    operation: ``"units"``, ``"insert"``...), ``path`` the layer's path for
    network edits.  ``live``: the running training takes it between two steps
    (no rebuild, nothing redrawn but its control).  ``structural``: the network
    drawing's columns change (units, insert, remove, move, wrap)."""

    section: str
    key: str | None = None
    path: tuple | None = None
    old: Any = None
    new: Any = None
    live: bool = False
    structural: bool = False


class EditCommand(QUndoCommand):
    """Base: one edit of one place in the project.  Subclasses say where
    (:meth:`_get` / :meth:`_set`), how to validate and what their text is."""

    #: merge id; -1: never merges
    merge_id = -1
    section = ""
    key: str | None = None
    live = False
    structural = False

    def __init__(self, text: str = ""):
        super().__init__(text)
        self.doc = None
        self.old = None
        self.new = None

    # ---- binding (ProjectDocument.push)
    def bind(self, doc) -> bool:
        """Attach to ``doc`` and capture the old value; False if the edit changes nothing."""
        self.doc = doc
        self.old = self._get(doc.project)
        self.new = self.check(doc.project, self.new)
        if not self.text():
            self.setText(self.describe())
        return self.old != self.new

    def check(self, project: dict, value):
        """The validated value, or ConfigError naming the key."""
        return value

    def describe(self) -> str:
        return QCoreApplication.translate("EditCommand", "Edit")

    # ---- QUndoCommand
    def id(self) -> int:
        return self.merge_id

    def mergeWith(self, other) -> bool:
        if type(other) is not type(self) or other.merge_key() != self.merge_key() or self.merge_id < 0:
            return False
        self.new = other.new
        self.setText(other.text())
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def merge_key(self):
        return (self.section, self.key)

    def redo(self):
        self._apply(self.old, self.new)

    def undo(self):
        self._apply(self.new, self.old)

    # ---- Private API
    def _apply(self, old, new):
        self._set(self.doc.project, new)
        self.doc.emit_change(Change(self.section, self.key, None, old, new, self.live, self.structural))

    def _get(self, project):
        return project[self.section] if self.key is None else project[self.section].get(self.key)

    def _set(self, project, value):
        if self.key is None:
            project[self.section] = value
        else:
            project[self.section][self.key] = value


def _short(value) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)
