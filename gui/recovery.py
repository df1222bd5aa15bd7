"""Crash recovery: the open project is written to a recovery file a second after
the last edit, dropped when the window closes on purpose, and offered back at the
next start after a crash.  A mixin of :class:`gui.main_window.MainWindow`
(through :class:`gui.file_actions.FileActions`)."""

from __future__ import annotations

import json
import os
import tempfile

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from core.project import normalize_project

RECOVERY_DELAY_MS = 1000  # edits within a second make one recovery-file write


class CrashRecovery:
    """The recovery file (needs ``doc`` and ``settings``)."""

    # ---- crash recovery: the project as it is now, written a second after the last edit
    @property
    def recovery_path(self) -> str:
        return os.path.join(os.path.dirname(os.path.abspath(self.settings.fileName())), "recovery.json")

    def _setup_recovery(self):
        self._recovery_timer = QTimer(self)
        self._recovery_timer.setSingleShot(True)
        self._recovery_timer.setInterval(RECOVERY_DELAY_MS)
        self._recovery_timer.timeout.connect(self._write_recovery)

    def _schedule_recovery(self, *_):
        """Off the edit path: a slider drag makes one write, a second after it stops."""
        self._recovery_timer.start()

    def _write_recovery(self, *_):
        if not self.doc.modified:
            self._discard_recovery()
            return
        try:  # no fsync: this is a courtesy copy, and it must not slow editing down
            folder = os.path.dirname(self.recovery_path)
            os.makedirs(folder, exist_ok=True)
            text = json.dumps({**self.doc.project, "recovered_from": self.doc.path or ""}, indent=2)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-recovery-", suffix=".json", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, self.recovery_path)
        except (OSError, ValueError):
            pass  # recovery is a courtesy; never let it break editing

    def _discard_recovery(self):
        if os.path.exists(self.recovery_path):
            os.unlink(self.recovery_path)

    def _offer_recovery(self) -> bool:
        """After a crash, offer the unsaved project of the last session; True if restored."""
        if not os.path.exists(self.recovery_path):
            return False
        try:
            with open(self.recovery_path, encoding="utf-8") as fh:
                saved = json.load(fh)
            origin = saved.pop("recovered_from", "") if isinstance(saved, dict) else ""
            project = normalize_project(saved)
        except Exception:  # a damaged recovery file is dropped, never a traceback
            self._discard_recovery()
            return False
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("FileActions", "Restore unsaved project?"),
            QCoreApplication.translate(
                "FileActions", "Backprop Lab did not close normally last time. Restore the unsaved project{name}?"
            ).format(name=" " + os.path.basename(origin) if origin else ""),
            QMessageBox.Yes | QMessageBox.No,
            QMessageBox.Yes,
        )
        if answer != QMessageBox.Yes:
            self._discard_recovery()
            return False
        self.doc.new(project, origin or None)
        self.doc.undo_stack.resetClean()  # restored, but not saved anywhere yet
        return True
