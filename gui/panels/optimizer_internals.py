"""Inspect → Optimizer Internals…: the optimizer's state, per layer, as histograms over time.

One heat map per layer: the training step left to right, log10|value| bottom to
top, darker where more of the layer's parameters are.  A picker chooses what is
shown, by the names PyTorch gives the optimizer's state (``momentum_buffer``,
``sum``, ``square_avg``, ``grad_avg``, ``exp_avg``, ``exp_avg_sq``,
``max_exp_avg_sq``), Adam's bias-corrected m̂ and v̂, or the effective step
|update| / lr.  The histograms are computed in the training process (the
``optimizer_internals`` query, :mod:`core.optimizer_internals`), asked at most
:data:`ASK_MS` apart while the window is shown and only after the last answer
came back; closing the window tells the training process to stop keeping the
weights before each step.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from core.optimizer_internals import BINS, LOG_HIGH, LOG_LOW, ORDER
from gui.tool_windows import present

from . import style
from .change_markers import ChangeMarkers

# ask the training process at most this often (ms)
ASK_MS = 100
# columns kept; when full, every other older column is dropped
MAX_SAMPLES = 400
# width of the drawn image in columns (samples are spread over it by step)
IMAGE_COLUMNS = 300
PLOT_HEIGHT = 150


def _label(name: str) -> str:
    labels = {
        "momentum_buffer": QCoreApplication.translate(
            "OptimizerInternals", "momentum_buffer (momentum's running sum of gradients)"
        ),
        "sum": QCoreApplication.translate("OptimizerInternals", "sum (AdaGrad: every squared gradient added up)"),
        "square_avg": QCoreApplication.translate("OptimizerInternals", "square_avg (RMSprop: moving average of g²)"),
        "grad_avg": QCoreApplication.translate("OptimizerInternals", "grad_avg (centred RMSprop: moving average of g)"),
        "exp_avg": QCoreApplication.translate("OptimizerInternals", "exp_avg (Adam's m: moving average of g)"),
        "exp_avg_sq": QCoreApplication.translate("OptimizerInternals", "exp_avg_sq (Adam's v: moving average of g²)"),
        "max_exp_avg_sq": QCoreApplication.translate(
            "OptimizerInternals", "max_exp_avg_sq (AMSGrad: the largest v so far)"
        ),
        "exp_avg_hat": QCoreApplication.translate(
            "OptimizerInternals", "exp_avg_hat = exp_avg / (1 − β1^t) (Adam's bias-corrected m)"
        ),
        "exp_avg_sq_hat": QCoreApplication.translate(
            "OptimizerInternals", "exp_avg_sq_hat = exp_avg_sq / (1 − β2^t) (Adam's bias-corrected v)"
        ),
        "update_per_lr": QCoreApplication.translate(
            "OptimizerInternals", "|update| / lr (the effective step per unit learning rate)"
        ),
    }
    return labels.get(name, name)


class OptimizerInternalsWindow(QWidget):
    """The tool window (see the module docstring)."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.setWindowFlag(Qt.Window)
        self.setObjectName("optimizerInternals")
        self.controller = controller
        self.samples: list[tuple[int, dict]] = []  # (step, answer), oldest first
        self._asking = False
        self._asked_step: int | None = None
        self._latest_step = 0
        self._gen = 0
        box = QVBoxLayout(self)
        row = QHBoxLayout()
        self.pick_label = QLabel()
        self.picker = QComboBox()
        self.picker.setObjectName("internalsPicker")
        self.picker.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.pick_label.setBuddy(self.picker)
        self.status = QLabel()
        self.status.setObjectName("internalsStatus")
        for w in (self.pick_label, self.picker):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.status)
        box.addLayout(row)
        self.widget = style.new_graphics_widget()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.widget)
        box.addWidget(self.scroll, 1)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setObjectName("internalsCaption")
        box.addWidget(self.caption)
        self.plots: list[tuple[pg.PlotItem, pg.ImageItem]] = []
        self.layer_names: list[str] = []
        self.markers = ChangeMarkers([])  # settings changed while training, on these histograms over time
        self._changes: tuple = ()
        self.picker.currentIndexChanged.connect(lambda _i: self.redraw())
        self.timer = QTimer(self)
        self.timer.setInterval(ASK_MS)
        self.timer.timeout.connect(self.ask)
        controller.built.connect(self.reset)
        controller.snapshot.connect(self.on_snapshot)
        self.retranslate()
        self.resize(900, 640)

    # ---- Public API
    def reset(self, _info=None) -> None:
        """A new run: forget what was drawn."""
        self.samples = []
        self._changes = ()
        self.markers.update(())
        self._asked_step = None
        self._latest_step = 0
        self._gen += 1  # answers for the old run are dropped
        self._asking = False
        self.redraw()
        if self.isVisible():
            self.ask()

    def on_snapshot(self, snap) -> None:
        self._latest_step = snap.step
        self._changes = tuple(getattr(snap, "changes", ()) or ())
        self.markers.update(self._changes)

    def ask(self) -> None:
        """Ask the training process for the histograms if the run moved since the last answer."""
        if self._asking or not self.isVisible() or self.controller.info_ is None:
            return
        if self._asked_step is not None and self._asked_step == self._latest_step:
            return
        self._asking = True
        gen = self._gen
        self.controller.ask(
            "optimizer_internals",
            True,
            on_done=lambda a: self._on_answer(gen, a),
            on_error=lambda exc: self._on_error(gen, exc),
        )

    def add_answer(self, answer: dict) -> None:
        """One sample of every layer's histograms (the query's answer)."""
        step = answer["step"]
        if self.samples and self.samples[-1][0] == step:
            self.samples[-1] = (step, answer)  # the same step again (e.g. update_per_lr now known)
        elif self.samples and step < self.samples[-1][0]:
            self.samples = [(step, answer)]  # rewound
        else:
            self.samples.append((step, answer))
        if len(self.samples) > MAX_SAMPLES:
            half = len(self.samples) // 2
            self.samples = self.samples[:half][::2] + self.samples[half:]
        self._fill_picker()
        self.redraw()

    def image_for(self, layer: int, name: str) -> tuple[np.ndarray, list[int]]:
        """The fraction of layer ``layer``'s parameters in each bin, one row per sample
        (NaN where that sample has no such quantity), and the samples' steps."""
        rows, steps = [], []
        for step, answer in self.samples:
            layers = answer["layers"]
            h = layers[layer]["histograms"].get(name) if layer < len(layers) else None
            if h is None:
                rows.append(np.full(BINS, np.nan))
            else:
                rows.append(h["counts"] / max(h["size"], 1))
            steps.append(step)
        return (np.array(rows) if rows else np.empty((0, BINS))), steps

    # ---- Private API
    def _on_answer(self, gen: int, answer) -> None:
        if gen != self._gen:
            return
        self._asking = False
        self._asked_step = answer["step"]
        self.add_answer(answer)

    def _on_error(self, gen: int, exc) -> None:
        if gen != self._gen:
            return
        self._asking = False
        self._asked_step = self._latest_step
        self.status.setText(self.tr("Not available: {0}").format(exc))

    def _fill_picker(self) -> None:
        names = set()
        for _step, answer in self.samples:
            names.update(answer["names"])
        ordered = [n for n in ORDER if n in names]
        present = [self.picker.itemData(i) for i in range(self.picker.count())]
        if ordered == present:
            return
        current = self.picker.currentData()
        self.picker.blockSignals(True)
        self.picker.clear()
        for name in ordered:
            self.picker.addItem(_label(name), name)
        index = self.picker.findData(current)
        self.picker.setCurrentIndex(index if index >= 0 else 0)
        self.picker.blockSignals(False)

    def _ensure_plots(self, names: list[str]) -> None:
        if names == self.layer_names:
            return
        self.widget.clear()
        self.plots = []
        self.layer_names = list(names)
        cmap = style.count_colormap()
        for i, name in enumerate(names):
            plot = self.widget.addPlot(row=i, col=0)
            style.style_plot(plot, grid=False)
            plot.setLabel("left", "log10|x|")
            plot.setTitle(name, size="9pt", color=style.FOREGROUND)
            plot.setMouseEnabled(x=True, y=False)
            image = pg.ImageItem(axisOrder="row-major")
            image.setColorMap(cmap)
            plot.addItem(image)
            self.plots.append((plot, image))
        if self.plots:
            self.plots[-1][0].setLabel("bottom", self.tr("step"))
        self.markers = ChangeMarkers([plot for plot, _image in self.plots])
        self.markers.update(self._changes)
        self.widget.setMinimumHeight(PLOT_HEIGHT * max(len(names), 1))

    def redraw(self) -> None:
        if not self.samples:
            self._ensure_plots([])
            self.status.setText(self.tr("No optimizer step yet: press Step or Play."))
            return
        last = self.samples[-1][1]
        self._ensure_plots([layer["layer"] for layer in last["layers"]])
        name = self.picker.currentData()
        if name is None:
            self.status.setText(
                self.tr("{0} holds no state yet (step {1}): take a step.").format(last["optimizer"], last["step"])
            )
            for _plot, image in self.plots:
                image.clear()
            return
        outside = {"zeros": 0, "nonfinite": 0, "below": 0, "above": 0}
        for i, (plot, image) in enumerate(self.plots):
            data, steps = self.image_for(i, name)
            h = last["layers"][i]["histograms"].get(name)
            if h is not None:
                for key in outside:
                    outside[key] += h[key]
            self._draw(plot, image, data, steps)
        self.status.setText(self._status_text(last, name, outside))

    def _draw(self, plot, image, data: np.ndarray, steps: list[int]) -> None:
        first, last = steps[0], steps[-1]
        span = max(last - first, 1)
        grid = np.linspace(first, first + span, IMAGE_COLUMNS)
        index = np.clip(np.searchsorted(np.asarray(steps), grid, side="right") - 1, 0, len(steps) - 1)
        columns = data[index]  # (IMAGE_COLUMNS, BINS): one column per step position
        shown = np.where(np.isfinite(columns), columns, 0.0).T  # rows: bins bottom to top
        top = float(np.nanmax(columns)) if np.isfinite(columns).any() else 0.0
        image.setImage(shown, autoLevels=False, levels=(0.0, max(top, 1e-12)))
        image.setRect(QRectF(first, LOG_LOW, span, LOG_HIGH - LOG_LOW))
        used = np.flatnonzero(np.nansum(np.where(np.isfinite(columns), columns, 0.0), axis=0) > 0)
        width = (LOG_HIGH - LOG_LOW) / BINS
        if used.size:
            low = LOG_LOW + width * max(used[0] - 2, 0)
            high = LOG_LOW + width * min(used[-1] + 3, BINS)
        else:
            low, high = -4.0, 1.0
        plot.setYRange(low, high, padding=0)
        plot.setXRange(first, first + span, padding=0.01)

    def _status_text(self, last: dict, name: str, outside: dict) -> str:
        text = self.tr("{optimizer}, step {step} (the optimizer's own step {own}), lr {lr}").format(
            optimizer=last["optimizer"], step=last["step"], own=last["optimizer_step"], lr=f"{last['lr']:.3g}"
        )
        if outside["zeros"]:
            text += self.tr("; {0} values exactly 0 (not drawn: log10 of 0)").format(outside["zeros"])
        if outside["nonfinite"]:
            text += self.tr("; {0} values not finite (not drawn)").format(outside["nonfinite"])
        if outside["below"] or outside["above"]:
            text += self.tr("; {0} values outside 1e-12 … 1e4 (not drawn)").format(outside["below"] + outside["above"])
        if name == "update_per_lr" and not any("update_per_lr" in a["names"] for _s, a in self.samples[:-1]):
            text += self.tr("; the step is measured from the first step after the window opened")
        return text

    # ---- Qt
    def showEvent(self, event):
        super().showEvent(event)
        self.timer.start()
        self.ask()

    def hideEvent(self, event):
        self.timer.stop()
        if self.controller.info_ is not None:  # stop keeping the weights before every step
            self.controller.ask("optimizer_internals", False, on_done=lambda _a: None, on_error=lambda _e: None)
        self._asking = False
        super().hideEvent(event)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Optimizer internals"))
        self.pick_label.setText(self.tr("&Show:"))
        self.picker.setToolTip(self.tr("Which part of the optimizer's state to show, by the names PyTorch gives it"))
        for i in range(self.picker.count()):
            self.picker.setItemText(i, _label(self.picker.itemData(i)))
        self.caption.setText(
            self.tr(
                "One picture per layer: training steps left to right, the size of the values (log10 |value|) "
                "bottom to top, darker where more of the layer's parameters are. AdaGrad's sum only grows (every "
                "squared gradient is added to it), so its step lr·g/√sum shrinks as training goes on: watch "
                "|update| / lr slide down. Adam's m and v start at 0 and would make the first steps tiny; the bias "
                "correction m/(1 − β1^t) and v/(1 − β2^t) undoes that: at the first step the corrected m divided by "
                "the square root of the corrected v is ±1, so "
                "|update| / lr is about 1: full-size steps from the start."
            )
        )
        if self.plots:
            self.plots[-1][0].setLabel("bottom", self.tr("step"))
        self.redraw()


def install_optimizer_internals(window) -> None:
    """The window for ``window`` (a MainWindow) and its Inspect menu entry."""
    view = window.optimizer_internals = OptimizerInternalsWindow(window.controller, window)

    def open_view():
        present(view)

    window.inspect_menu.addAction(
        window._action(
            "optimizer_internals",
            QCoreApplication.translate("MainWindow", "&Optimizer Internals…"),
            open_view,
            QKeySequence("Ctrl+Shift+O"),
            QCoreApplication.translate(
                "MainWindow",
                "Per layer, the optimizer's state (momentum, AdaGrad's sum, Adam's moments) and its step, over time",
            ),
        )
    )
