"""The main window's file side: open, save, examples, recent files, exports and
crash recovery.

A mixin of :class:`gui.main_window.MainWindow`, kept apart so the window module
stays about wiring.  Everything here talks to the document (``self.doc``), the
training worker (``self.worker``, by named queries: no arrays are shared) and
``self.settings``.
"""

from __future__ import annotations

import json
import os

from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.project import atomic_write, default_project, normalize_project, save_project
from core.registry import ConfigError
from core.weights import read_weights, save_arrays
from gui.exports import PLOT_FORMATS, export_all, export_plot, slug


class FileActions:
    """File menu actions, recent files and crash recovery (needs ``doc``, ``worker``,
    ``settings``, ``canvas``, ``plot_panels``, ``recent_menu`` and ``plots_menu``)."""

    # ---- opening
    def open_project(self, path: str) -> bool:
        try:
            self.doc.open(path)
        except ConfigError as exc:
            QMessageBox.critical(self, "Cannot open project", str(exc))
            return False
        self._add_recent(self.doc.path)
        return True

    def open_example(self, path: str) -> None:
        if not self._confirm_discard():
            return
        try:
            self.doc.open(path)
        except ConfigError as exc:
            QMessageBox.critical(self, "Cannot open example", str(exc))
            return
        self.doc.path = None  # saving an example asks for a new name
        self.doc.path_changed.emit("")

    # ---- files
    def new_project(self):
        if self._confirm_discard():
            self.doc.new(normalize_project(default_project()))

    def open_dialog(self):
        if not self._confirm_discard():
            return
        path, _ = QFileDialog.getOpenFileName(self, "Open project", self._last_dir(), "Projects (*.json)")
        if path:
            self.open_project(path)

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self, "Save project", self._last_dir("project.json"),
                                              "Projects (*.json)")
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".json"
        return self._save_to(path)

    def _save_to(self, path) -> bool:
        try:
            self.doc.save(path)
        except OSError as exc:
            QMessageBox.critical(self, "Cannot save", f"{path}: {exc.strerror or exc}")
            return False
        self._add_recent(path)
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def _ask_worker(self, path, *args):
        """``trainer.<path>(*args)`` computed in the training process; None (and a message) if it fails."""
        try:
            return self.worker.query(path, *args).wait()
        except (TimeoutError, RuntimeError) as exc:
            QMessageBox.warning(self, "Training process", str(exc))
            return None

    def export_weights(self):
        path, _ = QFileDialog.getSaveFileName(self, "Export weights", self._last_dir("weights.npz"),
                                              "NumPy weights (*.npz)")
        if not path:
            return
        if not path.endswith(".npz"):
            path += ".npz"
        arrays = self._ask_worker("network.copy_arrays")
        if arrays is not None:
            self._write(lambda: save_arrays(arrays, path), path)

    def load_weights(self):
        path, _ = QFileDialog.getOpenFileName(self, "Load weights", self._last_dir(), "NumPy weights (*.npz)")
        if not path:
            return
        try:
            arrays = read_weights(path)
            self.worker.query("network.load_arrays", arrays, os.path.basename(path)).wait()
        except (ConfigError, TimeoutError, RuntimeError) as exc:
            QMessageBox.critical(self, "Cannot load weights", str(exc))
            return
        self.worker.step(0)
        self.statusBar().showMessage(f"Loaded weights from {path}", 4000)

    def export_history(self):
        path, _ = QFileDialog.getSaveFileName(self, "Export history", self._last_dir("history.csv"),
                                              "CSV (*.csv)")
        if not path:
            return
        history = self._ask_worker("history.copy")
        if history is not None:
            self._write(lambda: atomic_write(path, history.write_csv), path)

    def plot_items(self) -> dict:
        items = {}
        for panel in self.plot_panels:
            for name, item in panel.plot_items().items():
                items[f"{panel.title} {name}".strip()] = item
        return items

    def export_plot_dialog(self, name: str, fmt: str):
        item = self.plot_items()[name]
        path, _ = QFileDialog.getSaveFileName(self, f"Export {name}", self._last_dir(f"{slug(name)}.{fmt}"),
                                              f"{PLOT_FORMATS[fmt]} (*.{fmt})")
        if not path:
            return
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        self._write(lambda: export_plot(item, path), path)

    def export_all_results(self):
        folder = QFileDialog.getExistingDirectory(self, "Export all results into a folder", self._last_dir())
        if not folder:
            return
        arrays, history, report = (self._ask_worker(q) for q in ("network.copy_arrays", "history.copy", "report"))
        if arrays is None or history is None or report is None:
            return
        image = self.canvas.grab().toImage()
        self._write(lambda: export_all(folder, self.doc.project, arrays, history, report, self.plot_items(),
                                       image), folder)

    def _write(self, fn, path):
        try:
            fn()
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, "Cannot write", f"{path}: {getattr(exc, 'strerror', None) or exc}")
            return
        self.settings.setValue("last_dir", os.path.dirname(os.path.abspath(path)))
        self.statusBar().showMessage(f"Wrote {path}", 4000)

    def _fill_plots_menu(self):
        self.plots_menu.clear()
        for name in self.plot_items():
            sub = self.plots_menu.addMenu(name)
            for fmt, label in PLOT_FORMATS.items():
                action = sub.addAction(f"{label} (.{fmt})…")
                action.triggered.connect(lambda _c=False, n=name, f=fmt: self.export_plot_dialog(n, f))

    def _last_dir(self, name: str = "") -> str:
        folder = self.settings.value("last_dir", os.getcwd())
        return os.path.join(folder, name) if name else folder

    def _confirm_discard(self) -> bool:
        """True if there are no unsaved changes or the person agreed to drop or save them."""
        if not self.doc.modified:
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes", "The project has unsaved changes. Save them first?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
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

    # ---- crash recovery: the project as it is now, written on every edit
    @property
    def recovery_path(self) -> str:
        return os.path.join(os.path.dirname(os.path.abspath(self.settings.fileName())), "recovery.json")

    def _write_recovery(self, *_):
        if not self.doc.modified:
            self._discard_recovery()
            return
        try:
            os.makedirs(os.path.dirname(self.recovery_path), exist_ok=True)
            save_project({**self.doc.project, "recovered_from": self.doc.path or ""}, self.recovery_path)
        except OSError:
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
        except (OSError, ValueError, ConfigError):
            self._discard_recovery()
            return False
        answer = QMessageBox.question(
            self, "Restore unsaved project?",
            "Backprop Lab did not close normally last time. Restore the unsaved project"
            f"{' ' + os.path.basename(origin) if origin else ''}?",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer != QMessageBox.Yes:
            self._discard_recovery()
            return False
        self.doc.new(project)
        self.doc.path = origin or None
        self.doc.undo_stack.resetClean()  # restored, but not saved anywhere yet
        return True
