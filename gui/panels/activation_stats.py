"""Per-layer activation statistics on the last training batch.

Top: the fraction of saturated units (sigmoid / tanh / softmax outputs near
their limits, where the derivative nearly vanishes) and of dead ReLUs (units that
output zero for the whole batch, so they get no gradient), in percent.  A
layer where a statistic does not apply gets no bar.  Bottom: each layer's
activation mean with +/- one standard deviation as error bars.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.trainer import RunInfo, Snapshot

from . import style
from .gradient_histograms import PARAMETERISED

BAR_WIDTH = 0.38
SATURATED_COLOR = "#d62728"
DEAD_COLOR = "#7f7f7f"
MEAN_COLOR = "#1f4e79"
TICK_AXIS_HEIGHT = 44
LEFT_AXIS_WIDTH = 56


class ActivationStatsPanel(QWidget):
    title = "Activations"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.widget = style.new_graphics_widget()
        self.fraction_plot = self.widget.addPlot(row=0, col=0)
        # the title is the legend: a legend box would sit on top of tall bars
        style.style_plot(self.fraction_plot,
                         f'<span style="color:{SATURATED_COLOR}">\u25a0</span> saturated units '
                         f'(sigmoid, tanh, softmax) and '
                         f'<span style="color:{DEAD_COLOR}">\u25a0</span> dead units (ReLU family), '
                         "last batch")
        self.fraction_plot.setLabel("left", "units", units="%")
        self.fraction_plot.setYRange(-2, 108, padding=0)
        self.fraction_plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 20)], []])
        self.fraction_plot.setMouseEnabled(x=False, y=False)
        self.fraction_plot.hideButtons()
        self.saturated_bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH,
                                              brush=SATURATED_COLOR, pen=None)
        self.dead_bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, brush=DEAD_COLOR, pen=None)
        self.fraction_plot.addItem(self.saturated_bars)
        self.fraction_plot.addItem(self.dead_bars)
        self.values: list[pg.TextItem] = []  # "12 %" over each bar, so 0 % is visible too

        self.moment_plot = self.widget.addPlot(row=1, col=0)
        style.style_plot(self.moment_plot, "Activation mean \u00b1 std (last batch)")
        self.moment_plot.setLabel("left", "activation")
        self.moment_plot.setXLink(self.fraction_plot)
        for plot in (self.fraction_plot, self.moment_plot):
            plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)  # the two x axes line up
        self.moment_plot.addLine(y=0, pen=pg.mkPen(style.FOREGROUND, width=1, style=Qt.DashLine))
        self.error_bars = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), height=np.zeros(0), beam=0.2,
                                          pen=style.pen(MEAN_COLOR, 1.5))
        self.means = pg.ScatterPlotItem(size=9, pen=pg.mkPen("w"), brush=MEAN_COLOR, name="mean")
        self.moment_plot.addItem(self.error_bars)
        self.moment_plot.addItem(self.means)
        self.paths: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)

    # ---- Public API
    def reset(self, info: RunInfo) -> None:
        layers = [lay for lay in info.layers if lay.kind in PARAMETERISED]
        self._set_layers([lay.path for lay in layers], [lay.label for lay in layers])
        self.saturated_bars.setOpts(x=[], height=[])
        self.dead_bars.setOpts(x=[], height=[])
        self.error_bars.setData(x=np.zeros(0), y=np.zeros(0), height=np.zeros(0))
        self.means.setData([], [])

    def update_snapshot(self, snap: Snapshot) -> None:
        layers = snap.layers
        if [s.path for s in layers] != self.paths:
            self._set_layers([s.path for s in layers], [s.label for s in layers])
        x = np.arange(len(layers), dtype=float)
        saturated = np.array([s.saturated for s in layers], dtype=float) * 100.0
        dead = np.array([s.dead for s in layers], dtype=float) * 100.0
        mean = np.array([s.act_mean for s in layers], dtype=float)
        std = np.array([s.act_std for s in layers], dtype=float)
        has_sat, has_dead, has_act = np.isfinite(saturated), np.isfinite(dead), np.isfinite(mean)
        # a layer with both statistics gets two bars side by side, otherwise one centred bar
        both = has_sat & has_dead
        offset = np.where(both, BAR_WIDTH / 2, 0.0)
        self.saturated_bars.setOpts(x=(x - offset)[has_sat], height=saturated[has_sat])
        self.dead_bars.setOpts(x=(x + offset)[has_dead], height=dead[has_dead])
        for i in range(len(layers)):
            bars = ((has_sat[i], saturated[i], x[i] - offset[i]), (has_dead[i], dead[i], x[i] + offset[i]))
            for text, (applies, value, pos) in zip(self.values[2 * i:2 * i + 2], bars):
                text.setVisible(bool(applies))
                if applies:
                    text.setText(f"{value:.0f} %")
                    text.setPos(pos, value)
        self.error_bars.setData(x=x[has_act], y=mean[has_act], height=2 * std[has_act])
        self.means.setData(x[has_act], mean[has_act])

    def plot_items(self) -> dict[str, pg.PlotItem]:
        return {"unit_fractions": self.fraction_plot, "activation_moments": self.moment_plot}

    # ---- Private API
    def _set_layers(self, paths: list[str], labels: list[str]) -> None:
        self.paths = list(paths)
        # "2 dense 8 tanh" -> "2 dense\n8 tanh": two short lines fit under a bar
        ticks = [(float(i), style.two_lines(label)) for i, label in enumerate(labels)]
        for plot in (self.fraction_plot, self.moment_plot):
            axis = plot.getAxis("bottom")
            axis.setTicks([ticks, []])
            # room for two lines of tick text (the automatic height measures one)
            axis.setStyle(autoExpandTextSpace=False)
            axis.setHeight(TICK_AXIS_HEIGHT)
        for text in self.values:
            self.fraction_plot.removeItem(text)
        self.values = []
        for _ in range(len(paths)):
            for color in (SATURATED_COLOR, DEAD_COLOR):
                text = pg.TextItem("", color=color, anchor=(0.5, 1.0))
                self.fraction_plot.addItem(text)
                self.values.append(text)
        self.fraction_plot.setXRange(-0.6, max(len(paths), 1) - 0.4, padding=0)

