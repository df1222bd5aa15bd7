"""Loss (and accuracy) over training steps.

The batch loss is logged every step and is noisy, so it is a faint thin line;
the training and validation losses are measured on the whole sets at the end
of each epoch and drawn as lines with markers at those steps.  For
classification a second plot, x-linked, shows the accuracies in percent.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from core.trainer import RunInfo, Snapshot

from . import style
from .series import Series

LEFT_AXIS_WIDTH = 60
SERIES = ("batch_loss", "train_loss", "val_loss", "train_accuracy", "val_accuracy")
MAX_POINTS = 2000
MAX_MARKERS = 150  # above this many evaluations, markers would hide the line: draw it plain


class LossPanel(QWidget):
    title = "Loss"

    def __init__(self, parent=None):
        super().__init__(parent)
        # the batch loss is logged every step: keep the drawing cost bounded on long runs
        self.series = {name: Series(max_points=MAX_POINTS) for name in SERIES}
        self._drawn = dict.fromkeys(SERIES, -1)  # series version each curve shows
        self._classification = True

        self.log_y = QCheckBox("log y")
        self.log_y.setObjectName("loss_log_y")
        self.log_y.setToolTip("Logarithmic loss axis: shows progress when the loss is already small")
        self.log_y.toggled.connect(self._on_log_y_toggled)

        self.loss_widget = pg.PlotWidget(background=style.BACKGROUND,
                                         axisItems={"left": style.LogFriendlyAxis("left")})
        self.loss_plot = style.style_plot(self.loss_widget.getPlotItem(), "Loss")
        self.loss_plot.setLabel("left", "loss")
        self.loss_plot.setLabel("bottom", "step")
        style.add_legend(self.loss_plot)
        self.curves = {
            "batch_loss": self._curve(self.loss_plot, "batch loss", style.BATCH, style.THIN_WIDTH),
            "train_loss": self._curve(self.loss_plot, "training loss", style.TRAIN, symbol="o"),
            "val_loss": self._curve(self.loss_plot, "validation loss", style.VALIDATION, symbol="t1"),
        }

        self.accuracy_widget = pg.PlotWidget(background=style.BACKGROUND)
        self.accuracy_plot = style.style_plot(self.accuracy_widget.getPlotItem(), "Accuracy")
        self.accuracy_plot.setLabel("left", "accuracy", units="%")
        self.accuracy_plot.setLabel("bottom", "step")
        self.accuracy_plot.setXLink(self.loss_plot)
        self.accuracy_plot.setYRange(-8, 108, padding=0)  # room for the "0" and "100" labels
        self.accuracy_plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 20)], []])
        self.accuracy_plot.enableAutoRange(y=False)
        style.add_legend(self.accuracy_plot, offset=(-10, -10))
        self.curves["train_accuracy"] = self._curve(self.accuracy_plot, "training", style.TRAIN, symbol="o")
        self.curves["val_accuracy"] = self._curve(self.accuracy_plot, "validation", style.VALIDATION,
                                                  symbol="t1")

        self._markers = {name: curve.marker for name, curve in self.curves.items()}
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)  # the two step axes line up

        options = QHBoxLayout()
        options.setContentsMargins(4, 2, 4, 0)
        options.addWidget(self.log_y)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(options)
        layout.addWidget(self.loss_widget, 3)
        layout.addWidget(self.accuracy_widget, 2)

    # ---- Public API
    def reset(self, info: RunInfo) -> None:
        self._classification = info.task == "classification"
        self.accuracy_widget.setVisible(self._classification)
        # the accuracy plot below shares the step axis and carries its label
        self.loss_plot.getAxis("bottom").showLabel(not self._classification)
        loss_name = {"mse": "mean squared error", "bce": "binary cross-entropy",
                     "cross_entropy": "cross-entropy"}.get(info.loss, info.loss)
        style.set_title(self.loss_plot, f"Loss ({loss_name})")
        self._clear()

    def update_snapshot(self, snap: Snapshot) -> None:
        h = snap.history
        if snap.history_start == 0:
            self._clear()
        if len(h.get("step", ())) == 0:
            return
        steps = h["step"]
        for s in self.series.values():
            s.drop_from(steps[0])
        self.series["batch_loss"].append(steps, h["batch_loss"])
        names = SERIES[1:] if self._classification else SERIES[1:3]
        for name in names:
            # accuracies are fractions in the history; the axis is in percent
            values = h[name] * 100.0 if name.endswith("accuracy") else h[name]
            self.series[name].append_finite(steps, values)
        if self.isVisible():  # hidden (a background dock tab): keep accumulating, draw on show
            self._draw()

    def plot_items(self) -> dict[str, pg.PlotItem]:
        self._draw()  # up to date even if hidden: the items are exported
        items = {"loss": self.loss_plot}
        if self._classification:
            items["accuracy"] = self.accuracy_plot
        return items

    # ---- Private API
    @staticmethod
    def _curve(plot, name, color, width=style.LINE_WIDTH, symbol=None):
        kwargs = {}
        if symbol is not None:
            kwargs = {"symbol": symbol, "symbolSize": 6, "symbolPen": pg.mkPen(color),
                      "symbolBrush": pg.mkBrush(color)}
        curve = plot.plot(name=name, pen=style.pen(color, width), **kwargs)
        curve.marker = symbol
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
        return curve

    def _draw(self) -> None:
        for name, s in self.series.items():
            if self._drawn[name] != s.version:  # evaluation curves change once an epoch
                self._drawn[name] = s.version
                curve = self.curves[name]
                if name != "batch_loss":
                    marker = self._markers[name] if len(s) <= MAX_MARKERS else None
                    if curve.opts["symbol"] != marker:
                        curve.setSymbol(marker)
                curve.setData(s.x, s.y)
        batch = self.series["batch_loss"]
        if len(batch):
            style.grow_x_range(self.loss_plot, float(batch.x[-1]))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._draw()

    def _clear(self) -> None:
        self.loss_plot._grown_limit = None
        for name, s in self.series.items():
            s.clear()
            self.curves[name].setData([], [])
            self._drawn[name] = s.version

    def _on_log_y_toggled(self, checked: bool) -> None:
        self.loss_plot.setLogMode(y=checked)
