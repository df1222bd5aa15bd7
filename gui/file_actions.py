"""The main window's file side: open, save, examples, recent files, exports and
crash recovery.

Exports of results are in :mod:`gui.export_actions` and crash recovery in
:mod:`gui.recovery`; :class:`FileActions` inherits both.  A mixin of
:class:`gui.main_window.MainWindow`, kept apart so the window module stays
about wiring.  Everything here talks to the document (``self.doc``), the
training worker (``self.worker``, by named queries: no arrays are shared) and
``self.settings``.
"""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.project import default_project, load_project, normalize_project
from core.registry import ConfigError
from core.weights import read_weights, save_arrays
from gui.controller import plain_message
from gui.export_actions import ExportActions
from gui.recovery import RECOVERY_DELAY_MS, CrashRecovery

__all__ = ["RECOVERY_DELAY_MS", "FileActions", "check_buildable"]


def _reason(exc: BaseException, what: str = "") -> str:
    """A bad file's problem in one line, whatever failed while reading it."""
    if isinstance(exc, ConfigError):
        return plain_message(str(exc))
    if isinstance(exc, RecursionError):
        return QCoreApplication.translate("FileActions", "the file is nested too deeply to be a project")
    if isinstance(exc, MemoryError):
        return QCoreApplication.translate("FileActions", "the file is too large to read")
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return (what or QCoreApplication.translate("FileActions", "this file cannot be used ({detail})")).format(
        detail=detail
    )


def _message(path: str, exc: BaseException, what: str = "") -> str:
    """``path: reason``, naming the file once."""
    reason = _reason(exc, what)
    if path in reason or os.path.basename(path) in reason:
        return reason
    return QCoreApplication.translate("FileActions", "{path}: {reason}").format(path=path, reason=reason)


def example_data_paths(project: dict, folder: str) -> dict:
    """``project`` with its data files (``data.path``, ``data.labels``) named by absolute
    paths in ``folder`` when relative: an example opens untitled, so its files are not
    looked for beside a project file, and a copy saved elsewhere still finds them."""
    data = project.get("data")
    if not isinstance(data, dict):
        return project
    paths = {
        key: os.path.join(folder, value)
        for key in ("path", "labels")
        if isinstance(value := data.get(key), str) and value and not os.path.isabs(os.path.expanduser(value))
    }
    return {**project, "data": {**data, **paths}} if paths else project


def check_buildable(project: dict, base_dir: str) -> tuple[int, list]:
    """Build the project as the training process would (data, shapes, loss); raises
    what the build raises, or returns the data's input width and feature names (the
    drawing needs them before the training process has built the run).  Run off
    the GUI thread."""
    from core.trainer import Trainer

    trainer = Trainer(project, base_dir=base_dir)
    return trainer.data.in_width, list(trainer.data.feature_names or [])


class _CheckRelay(QObject):
    """Hands a background build check's outcome to the GUI thread."""

    done = Signal(int, object, object)  # check id, project, error (None if it builds)


class FileActions(ExportActions, CrashRecovery):
    """File menu actions, recent files and crash recovery (needs ``doc``, ``controller``,
    ``settings``, ``canvas``, ``plot_panels``, ``recent_menu`` and ``plots_menu``)."""

    # ---- opening
    def open_project(self, path: str, example: bool = False) -> bool:
        """Read and validate ``path``, then check in the background that it builds;
        only then replace the open project.  A bad file changes nothing and says why.
        False if the file is refused at once."""
        title = (
            QCoreApplication.translate("FileActions", "Cannot open example")
            if example
            else QCoreApplication.translate("FileActions", "Cannot open project")
        )
        try:
            project = load_project(path)
        except Exception as exc:  # any bad file: a message, never a traceback in a slot
            QMessageBox.critical(
                self,
                title,
                _message(
                    path,
                    exc,
                    QCoreApplication.translate("FileActions", "not a project this version can read ({detail})"),
                ),
            )
            return False
        self._start_check(project, path, example, title)
        return True

    def open_example(self, path: str) -> None:
        if not self._confirm_discard():
            return
        self.open_project(path, example=True)

    def _start_check(self, project, path, example, title):
        relay = getattr(self, "_check_relay", None)
        if relay is None:
            relay = self._check_relay = _CheckRelay()
            relay.done.connect(self._on_check_done)
            self._check_threads: list[threading.Thread] = []
        self._check_id = getattr(self, "_check_id", 0) + 1
        check_id = self._check_id
        self._check_args = (path, example, title)
        base_dir = os.path.dirname(os.path.abspath(path))

        def run():
            try:
                inputs = check_buildable(project, base_dir)
            except BaseException as exc:  # reported in the window
                relay.done.emit(check_id, (project, None), exc)
            else:
                relay.done.emit(check_id, (project, inputs), None)

        thread = threading.Thread(target=run, name="project-check", daemon=True)
        self._check_threads = [t for t in self._check_threads if t.is_alive()] + [thread]
        self.statusBar().showMessage(
            QCoreApplication.translate("FileActions", "Opening {name}…").format(name=os.path.basename(path))
        )
        thread.start()

    def _on_check_done(self, check_id, checked, error):
        if check_id != getattr(self, "_check_id", None) or self._closed:
            return  # another file was opened since, or the window is closing
        project, self._opened_inputs = checked
        path, example, title = self._check_args
        if error is not None:
            self.statusBar().clearMessage()
            QMessageBox.critical(
                self,
                title,
                _message(
                    path, error, QCoreApplication.translate("FileActions", "the project cannot be built ({detail})")
                ),
            )
            return
        if example:  # an example opens untitled: its data files are found beside it, not in the working folder
            project = example_data_paths(project, os.path.dirname(os.path.abspath(path)))
        self.doc.new(project, None if example else path)
        if not example:
            self._add_recent(self.doc.path)
        self.statusBar().showMessage(
            QCoreApplication.translate("FileActions", "Opened {name}").format(name=os.path.basename(path)), 4000
        )

    def _stop_file_checks(self):
        self._check_id = getattr(self, "_check_id", 0) + 1  # drop what is still running
        for thread in getattr(self, "_check_threads", []):
            thread.join(5)

    # ---- files
    def new_project(self):
        if self._confirm_discard():
            self.doc.new(normalize_project(default_project()))

    def open_dialog(self):
        if not self._confirm_discard():
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("FileActions", "Open project"),
            self._last_dir(),
            QCoreApplication.translate("FileActions", "Projects (*.json)"),
        )
        if path:
            self.open_project(path)

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("FileActions", "Save project"),
            self._last_dir("project.json"),
            QCoreApplication.translate("FileActions", "Projects (*.json)"),
        )
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".json"
        return self._save_to(path)

    def _save_to(self, path) -> bool:
        try:
            self.doc.save(path)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(
                self,
                QCoreApplication.translate("FileActions", "Cannot save"),
                f"{path}: {getattr(exc, 'strerror', None) or exc}",
            )
            return False
        self._add_recent(path)
        self.statusBar().showMessage(QCoreApplication.translate("FileActions", "Saved {path}").format(path=path), 4000)
        return True

    def _ask_worker(self, name, *args, on_done):
        """``name(*args)`` computed in the training process; ``on_done(value)`` later, or a message."""
        self.controller.ask(
            name,
            *args,
            on_done=on_done,
            on_error=lambda exc: QMessageBox.warning(
                self, QCoreApplication.translate("FileActions", "Training process"), str(exc)
            ),
        )

    def export_weights(self):
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("FileActions", "Export weights"),
            self._last_dir("weights.npz"),
            QCoreApplication.translate("FileActions", "NumPy weights (*.npz)"),
        )
        if not path:
            return
        if not path.endswith(".npz"):
            path += ".npz"
        self._ask_worker("weights_file", on_done=lambda arrays: self._write(lambda: save_arrays(arrays, path), path))

    def load_weights(self):
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("FileActions", "Load weights"),
            self._last_dir(),
            QCoreApplication.translate("FileActions", "NumPy weights (*.npz)"),
        )
        if not path:
            return
        title = QCoreApplication.translate("FileActions", "Cannot load weights")
        try:
            arrays = read_weights(path)
        except Exception as exc:  # any bad file: a message, never a traceback in a slot
            QMessageBox.critical(
                self,
                title,
                _message(
                    path,
                    exc,
                    QCoreApplication.translate("FileActions", "not a weights file this version can read ({detail})"),
                ),
            )
            return

        def loaded(_value):
            self.controller.step(0)
            self.statusBar().showMessage(
                QCoreApplication.translate("FileActions", "Loaded weights from {path}").format(path=path), 4000
            )

        def refused(exc):
            QMessageBox.critical(
                self,
                title,
                _message(
                    path,
                    exc,
                    QCoreApplication.translate("FileActions", "these weights do not fit the network ({detail})"),
                ),
            )

        self.controller.ask("load_weights", arrays, os.path.basename(path), on_done=loaded, on_error=refused)

    def _last_dir(self, name: str = "") -> str:
        folder = self.settings.value("last_dir", os.getcwd())
        return os.path.join(folder, name) if name else folder

    def _confirm_discard(self) -> bool:
        """True if there are no unsaved changes or the person agreed to drop or save them."""
        if not self.doc.modified:
            return True
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("FileActions", "Unsaved changes"),
            QCoreApplication.translate("FileActions", "The project has unsaved changes. Save them first?"),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel,
            QMessageBox.Save,
        )
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    # ---- recent files and settings
    def _add_recent(self, path):
        recent = [p for p in self._recent() if p != path]
        recent.insert(0, path)
        self.settings.setValue("recent_files", recent[:8])
        self._update_recent_menu()

    def _recent(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _update_recent_menu(self):
        self.recent_menu.clear()
        for path in self._recent():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self._confirm_discard() and self.open_project(p))
        self.recent_menu.setEnabled(bool(self._recent()))
