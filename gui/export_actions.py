"""The main window's exports of results: the loss history (CSV), one plot
(PNG, SVG or CSV, from File > Export Plot), everything into one folder, or the
trained model as ONNX or as PyTorch code (built in the training process, which
holds the network, and written here through the atomic writer).
A mixin of :class:`gui.main_window.MainWindow` (through :class:`gui.file_actions.FileActions`)."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.project import atomic_write
from core.weights import save_arrays
from gui.exports import PLOT_FORMATS, export_all, export_plot, slug


class ExportActions:
    """Export menu actions (needs ``doc``, ``settings``, ``canvas``, ``plot_panels``,
    ``plots_menu`` and the window's ``_ask_worker`` and ``_last_dir``)."""

    def export_history(self):
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("FileActions", "Export history"),
            self._last_dir("history.csv"),
            QCoreApplication.translate("FileActions", "CSV (*.csv)"),
        )
        if not path:
            return
        self._ask_worker(
            "history", on_done=lambda history: self._write(lambda: atomic_write(path, history.write_csv), path)
        )

    def plot_items(self) -> dict:
        items = {}
        for panel in self.plot_panels:
            for name, item in panel.plot_items().items():
                items[f"{panel.title} {name}".strip()] = item
        return items

    def export_plot_dialog(self, name: str, fmt: str):
        item = self.plot_items()[name]
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("FileActions", "Export {name}").format(name=name),
            self._last_dir(f"{slug(name)}.{fmt}"),
            f"{PLOT_FORMATS[fmt]} (*.{fmt})",
        )
        if not path:
            return
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        self._write(lambda: export_plot(item, path), path)

    def export_all_results(self):
        folder = QFileDialog.getExistingDirectory(
            self, QCoreApplication.translate("FileActions", "Export all results into a folder"), self._last_dir()
        )
        if not folder:
            return
        got: dict = {}
        names = ("weights_file", "history", "report")

        def one(name, value):
            got[name] = value
            if len(got) == len(names):
                image = self.canvas.grab().toImage()
                self._write(
                    lambda: export_all(
                        folder, self.doc.project, got[names[0]], got[names[1]], got[names[2]], self.plot_items(), image
                    ),
                    folder,
                )

        for name in names:
            self._ask_worker(name, on_done=lambda value, n=name: one(n, value))

    def export_onnx(self):
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("FileActions", "Export model as ONNX"),
            self._last_dir("model.onnx"),
            QCoreApplication.translate("FileActions", "ONNX model (*.onnx)"),
        )
        if not path:
            return
        if not path.lower().endswith(".onnx"):
            path += ".onnx"
        self.controller.ask(
            "onnx_model",
            on_done=lambda data: self._write(lambda: atomic_write(path, lambda fh: fh.write(data), mode="wb"), path),
            on_error=lambda exc: self._export_failed(path, exc),
        )

    def export_torch(self):
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("FileActions", "Export model as PyTorch code"),
            self._last_dir("model.py"),
            QCoreApplication.translate("FileActions", "Python script (*.py)"),
        )
        if not path:
            return
        if not path.lower().endswith(".py"):
            path += ".py"
        weights = os.path.splitext(path)[0] + ".npz"

        def write(answer):
            text, arrays = answer
            # the weights first: a script never points at weights that are not there
            self._write(lambda: (save_arrays(arrays, weights), atomic_write(path, lambda fh: fh.write(text))), path)

        self.controller.ask(
            "torch_export",
            os.path.basename(weights),
            on_done=write,
            on_error=lambda exc: self._export_failed(path, exc),
        )

    def _export_failed(self, path, exc):
        QMessageBox.critical(
            self,
            QCoreApplication.translate("FileActions", "Cannot export the model"),
            QCoreApplication.translate("FileActions", "{path}: {reason}").format(path=path, reason=str(exc)),
        )

    def _write(self, fn, path):
        try:
            fn()
        except (OSError, ValueError) as exc:
            QMessageBox.critical(
                self,
                QCoreApplication.translate("FileActions", "Cannot write"),
                f"{path}: {getattr(exc, 'strerror', None) or exc}",
            )
            return
        self.settings.setValue("last_dir", os.path.dirname(os.path.abspath(path)))
        self.statusBar().showMessage(QCoreApplication.translate("FileActions", "Wrote {path}").format(path=path), 4000)

    def _fill_plots_menu(self):
        self.plots_menu.clear()
        for name in self.plot_items():
            sub = self.plots_menu.addMenu(name)
            for fmt, label in PLOT_FORMATS.items():
                action = sub.addAction(
                    QCoreApplication.translate("FileActions", "{label} (.{fmt})…").format(label=label, fmt=fmt)
                )
                action.triggered.connect(lambda _c=False, n=name, f=fmt: self.export_plot_dialog(n, f))
