"""Inspect → Compare Optimizers…: the current project trained once per optimizer, fairly.

Each row is an optimizer and its learning rate; Run trains the project's network
once per row in a background thread (:func:`core.compare.compare_optimizers`),
from bit-identical initial weights (the project's, or the current run's) on the
same batches, with a progress bar and Cancel.  The result: the loss and accuracy
curves of every optimizer overlaid (against epochs), and a small decision
boundary per optimizer.  The current run is not touched.
"""

from __future__ import annotations

import copy
import threading

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QThread, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.compare import compare_optimizers
from core.registry import ConfigError
from gui.controller import plain_message
from gui.panels import style
from gui.tool_windows import StoppingToolWindow, opener

# the optimizers offered: (choice, spec without lr)
CHOICES = {
    "sgd": {"name": "sgd"},
    "sgd_momentum": {"name": "sgd", "momentum": 0.9},
    "adagrad": {"name": "adagrad"},
    "rmsprop": {"name": "rmsprop"},
    "adam": {"name": "adam"},
    "adamw": {"name": "adamw"},
}
MAX_ROWS = 6
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def _choice_of(spec: dict) -> str:
    if spec.get("name") == "sgd" and spec.get("momentum"):
        return "sgd_momentum"
    return spec.get("name", "adam") if spec.get("name") in CHOICES else "adam"


class CompareThread(QThread):
    """Runs a comparison off the GUI thread."""

    progressed = Signal(int, int)
    done = Signal(object)  # core.compare.CompareResult
    failed = Signal(str)

    def __init__(self, project, specs, epochs, base_dir, weights, parent=None):
        super().__init__(parent)
        self.args = (project, specs, epochs, base_dir, weights)
        self.cancel = threading.Event()

    def run(self):
        project, specs, epochs, base_dir, weights = self.args
        try:
            result = compare_optimizers(
                project,
                specs,
                epochs=epochs,
                base_dir=base_dir,
                weights=weights,
                progress=lambda d, t: self.progressed.emit(d, t),
                cancel=self.cancel,
            )
        except ConfigError as exc:
            self.failed.emit(plain_message(str(exc)))
            return
        except Exception as exc:  # said, never a crash
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.done.emit(result)


class OptimizerRow(QWidget):
    def __init__(self, spec: dict, parent=None):
        super().__init__(parent)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.choice = QComboBox()
        for key in CHOICES:
            self.choice.addItem("", key)
        self.choice.setCurrentIndex(self.choice.findData(_choice_of(spec)))
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(5)
        self.lr.setRange(1e-5, 10.0)
        self.lr.setSingleStep(0.001)
        self.lr.setValue(float(spec.get("lr", 0.01)))
        self.lr_label = QLabel()
        self.remove = QPushButton()
        for w in (self.choice, self.lr_label, self.lr, self.remove):
            box.addWidget(w)
        box.addStretch(1)
        self.retranslate()

    def spec(self) -> dict:
        return {**CHOICES[self.choice.currentData()], "lr": self.lr.value()}

    def retranslate(self):
        names = {
            "sgd": self.tr("SGD"),
            "sgd_momentum": self.tr("SGD with momentum 0.9"),
            "adagrad": "AdaGrad",
            "rmsprop": "RMSprop",
            "adam": "Adam",
            "adamw": "AdamW",
        }
        for i in range(self.choice.count()):
            self.choice.setItemText(i, names[self.choice.itemData(i)])
        self.choice.setToolTip(self.tr("The optimizer of this run"))
        self.lr_label.setText(self.tr("learning rate"))
        self.lr.setToolTip(self.tr("This run's learning rate"))
        self.remove.setText(self.tr("Remove"))
        self.remove.setToolTip(self.tr("Leave this optimizer out of the comparison"))


class CompareWindow(StoppingToolWindow, QWidget):
    """The "Compare optimizers" tool window (see the module docstring)."""

    def __init__(self, main_window, parent=None):
        super().__init__(parent)
        self.setWindowFlag(Qt.Window)
        self.setObjectName("compareOptimizers")
        self.main = main_window
        self.thread: CompareThread | None = None
        self.result = None
        box = QVBoxLayout(self)
        self.rows_box = QVBoxLayout()
        box.addLayout(self.rows_box)
        self.rows: list[OptimizerRow] = []
        controls = QHBoxLayout()
        self.add_button = QPushButton()
        self.epochs_label = QLabel()
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 10_000)
        self.start_label = QLabel()
        self.start = QComboBox()
        self.start.addItem("", "initial")
        self.start.addItem("", "current")
        self.run_button = QPushButton()
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        for w in (
            self.add_button,
            self.epochs_label,
            self.epochs,
            self.start_label,
            self.start,
            self.run_button,
            self.cancel_button,
            self.progress,
        ):
            controls.addWidget(w)
        box.addLayout(controls)
        self.message = QLabel()
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        self.plots = style.new_graphics_widget()
        self.loss_plot = self.plots.addPlot(row=0, col=0)
        self.acc_plot = self.plots.addPlot(row=0, col=1)
        for plot in (self.loss_plot, self.acc_plot):
            style.style_plot(plot)
        self.loss_plot.setLogMode(y=True)
        self.legend = self.loss_plot.addLegend(offset=(-10, 10))
        box.addWidget(self.plots, 3)
        self.boundaries = style.new_graphics_widget()
        box.addWidget(self.boundaries, 2)
        self.add_button.clicked.connect(lambda: self.add_row({"name": "adam", "lr": 0.01}))
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.retranslate()
        self.resize(1100, 720)

    # ---- Public API
    def set_project(self, project: dict) -> None:
        """Offer the project's optimizer, SGD, SGD with momentum and Adam (when no rows yet)."""
        self.epochs.setValue(int(project["training"]["epochs"]))
        if self.rows:
            return
        current = project["optimizer"]
        lr = float(current.get("lr", 0.01))
        self.add_row(current)
        for spec in (
            {"name": "sgd", "lr": lr},
            {"name": "sgd", "lr": lr, "momentum": 0.9},
            {"name": "adam", "lr": 0.01},
        ):
            if _choice_of(spec) != _choice_of(current):
                self.add_row(spec)

    def add_row(self, spec: dict) -> None:
        if len(self.rows) >= MAX_ROWS:
            return
        row = OptimizerRow(spec)
        row.remove.clicked.connect(lambda: self._remove_row(row))
        self.rows.append(row)
        self.rows_box.addWidget(row)
        self.add_button.setEnabled(len(self.rows) < MAX_ROWS)

    def specs(self) -> list[dict]:
        return [row.spec() for row in self.rows]

    def run(self) -> None:
        if self.thread is not None or not self.rows:
            return
        project = copy.deepcopy(self.main.doc.project)
        if self.start.currentData() == "current" and self.main.controller.info_ is not None:
            self.main.controller.ask(
                "weights",
                on_done=lambda w: self._start(project, w),
                on_error=lambda exc: self.message.setText(str(exc)),
            )
        else:
            self._start(project, None)

    def cancel(self) -> None:
        if self.thread is not None:
            self.thread.cancel.set()

    def stop(self) -> None:
        """Cancel and wait for the thread (the window is closing)."""
        if self.thread is not None:
            self.thread.cancel.set()
            self.thread.wait()
            self._finished()

    # ---- Private API
    def _remove_row(self, row) -> None:
        if row in self.rows and len(self.rows) > 1:
            self.rows.remove(row)
            row.setParent(None)
            row.deleteLater()
        self.add_button.setEnabled(len(self.rows) < MAX_ROWS)

    def _start(self, project, weights) -> None:
        if self.thread is not None:
            return
        self.message.setText(self.tr("Training {0} copies of the network…").format(len(self.rows)))
        thread = self.thread = CompareThread(
            project, self.specs(), self.epochs.value(), self.main.doc.base_dir, weights, self
        )
        thread.progressed.connect(self._on_progress)
        thread.done.connect(self.show_result)
        thread.failed.connect(lambda text: self.message.setText(self.tr("Not run: {0}").format(text)))
        thread.finished.connect(self._finished)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        thread.start()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self) -> None:
        if self.thread is not None:
            self.thread.wait()
            self.thread = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def show_result(self, result) -> None:
        self.result = result
        self.loss_plot.clear()
        self.acc_plot.clear()
        self.legend.clear()
        self.boundaries.clear()
        notes = []
        for i, run in enumerate(result.runs):
            color = COLORS[i % len(COLORS)]
            h = run.history
            evaluated = np.flatnonzero(np.isfinite(h["train_loss"]))
            epochs = h["epoch"][evaluated]
            loss = np.where(h["train_loss"][evaluated] > 0, h["train_loss"][evaluated], np.nan)
            self.loss_plot.plot(epochs, loss, pen=pg.mkPen(color, width=2), name=run.label, connect="finite")
            if np.isfinite(h["val_loss"][evaluated]).any():
                val = np.where(h["val_loss"][evaluated] > 0, h["val_loss"][evaluated], np.nan)
                self.loss_plot.plot(epochs, val, pen=pg.mkPen(color, width=1, style=Qt.DashLine), connect="finite")
            acc = h["val_accuracy"][evaluated]
            if not np.isfinite(acc).any():
                acc = h["train_accuracy"][evaluated]
            if np.isfinite(acc).any():
                self.acc_plot.plot(epochs, acc, pen=pg.mkPen(color, width=2), connect="finite")
            self._draw_boundary(i, run, color)
            if run.message:
                notes.append(f"{run.label}: {run.message}")
        text = self.tr("{0} optimizers, {1} steps each, from the same initial weights on the same batches.").format(
            len(result.runs), result.steps
        )
        if result.cancelled:
            text += " " + self.tr("Cancelled: the curves end where training stopped.")
        if notes:
            text += " " + " ".join(notes)
        self.message.setText(text)

    def _draw_boundary(self, i: int, run, color: str) -> None:
        plot = self.boundaries.addPlot(row=0, col=i)
        style.style_plot(plot, grid=False)
        plot.setTitle(run.label, size="9pt", color=color)
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.setMouseEnabled(x=False, y=False)
        b = run.boundary
        if b is None:
            text = pg.TextItem(
                self.tr("no boundary\n(this data has no input plane,\nor training diverged)"),
                color=style.FOREGROUND,
                anchor=(0.5, 0.5),
            )
            plot.addItem(text)
            plot.setRange(xRange=(-1, 1), yRange=(-1, 1))
            return
        if b.ys is None:  # 1-D data: the fitted curve
            plot.plot(b.xs, b.values, pen=pg.mkPen(color, width=2), connect="finite")
            return
        image = pg.ImageItem(axisOrder="row-major")
        values = np.where(np.isfinite(b.values), b.values, np.nan)
        image.setImage(values, levels=(0.0, 1.0))
        image.setColorMap(style.binary_colormap())
        x0, x1, y0, y1 = b.xs[0], b.xs[-1], b.ys[0], b.ys[-1]
        image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        plot.addItem(image)
        plot.setAspectLocked(True)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Compare optimizers"))
        self.add_button.setText(self.tr("Add optimizer"))
        self.add_button.setToolTip(self.tr("Another optimizer to train beside the others (at most six)"))
        self.epochs_label.setText(self.tr("epochs"))
        self.epochs.setToolTip(self.tr("How many epochs each optimizer trains"))
        self.start_label.setText(self.tr("start from"))
        self.start.setItemText(0, self.tr("the project's initial weights"))
        self.start.setItemText(1, self.tr("the current run's weights"))
        self.start.setToolTip(self.tr("Every optimizer starts from these same weights"))
        self.run_button.setText(self.tr("Run"))
        self.run_button.setToolTip(
            self.tr("Train the network once per optimizer, in the background (the current run is not changed)")
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the comparison; the curves so far are shown"))
        self.progress.setToolTip(self.tr("Steps done of each run"))
        self.loss_plot.setLabel("left", self.tr("loss (solid: training, dashed: validation)"))
        self.loss_plot.setLabel("bottom", self.tr("epoch"))
        self.acc_plot.setLabel("left", self.tr("accuracy"))
        self.acc_plot.setLabel("bottom", self.tr("epoch"))
        if not self.message.text():
            self.message.setText(
                self.tr(
                    "Each optimizer trains a copy of the current network from the same initial weights on the "
                    "same batches in the same order, so only the optimizer differs."
                )
            )
        for row in self.rows:
            row.retranslate()


def install_compare(window) -> None:
    """The window for ``window`` (a MainWindow) and its Inspect menu entry."""

    open_view = opener(window, "compare_window", lambda w: CompareWindow(w, w))

    window.open_compare = open_view
    window.inspect_menu.addAction(
        window._action(
            "compare_optimizers",
            QCoreApplication.translate("MainWindow", "&Compare Optimizers…"),
            open_view,
            QKeySequence("Ctrl+Shift+C"),
            QCoreApplication.translate(
                "MainWindow", "Train the current network with several optimizers from the same weights and batches"
            ),
        )
    )
