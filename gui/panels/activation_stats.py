"""Per-layer activation statistics on the last training batch.

Top: the fraction of saturated units (sigmoid / tanh / softmax outputs near
their limits, where the derivative nearly vanishes) and of dead ReLUs (units that
output zero for the whole batch, so they get no gradient), in percent.  A
layer where a statistic does not apply gets no bar.  Bottom: each layer's
activation mean with +/- one standard deviation as error bars.

Statistics that are not finite (a diverged run) are left out and counted;
with many layers the per-bar percentages and some layer names are left out
so that what remains is readable.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.trainer import RunInfo, Snapshot

from . import style
from .gradient_histograms import PARAMETERISED

BAR_WIDTH = 0.38
SATURATED_COLOR = "#d62728"
DEAD_COLOR = "#7f7f7f"
MEAN_COLOR = "#1f4e79"
TICK_AXIS_HEIGHT = 44
LEFT_AXIS_WIDTH = 56
#: above this many layers: no "12 %" over each bar, and only some layer names on the axis
MANY_LAYERS = 16


class ActivationStatsPanel(QWidget):
    title = "Activations"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = self.tr("Activations")
        self.widget = style.new_graphics_widget()
        self.fraction_plot = self.widget.addPlot(row=0, col=0, axisItems={"left": style.PercentAxis("left")})
        # the title is the legend: a legend box would sit on top of tall bars
        style.style_plot(
            self.fraction_plot,
            f'<span style="color:{SATURATED_COLOR}">\u25a0</span> ' + self.tr("saturated") + " "
            f'<span style="color:{DEAD_COLOR}">\u25a0</span> ' + self.tr("dead (% of units)"),
        )
        self.fraction_plot.setLabel("left", self.tr("units %"))
        self.fraction_plot.setYRange(-2, 108, padding=0)
        self.fraction_plot.setMouseEnabled(x=False, y=False)
        self.fraction_plot.hideButtons()
        self.saturated_bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, brush=SATURATED_COLOR, pen=None)
        self.dead_bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, brush=DEAD_COLOR, pen=None)
        self.fraction_plot.addItem(self.saturated_bars)
        self.fraction_plot.addItem(self.dead_bars)
        self.values: list[pg.TextItem] = []  # "12 %" over each bar, so 0 % is visible too

        self.moment_plot = self.widget.addPlot(row=1, col=0)
        style.style_plot(self.moment_plot, self.tr("Activation mean \u00b1 std (last batch)"))
        self.moment_plot.setLabel("left", self.tr("activation"))
        self.moment_plot.setXLink(self.fraction_plot)
        for plot in (self.fraction_plot, self.moment_plot):
            plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)  # the two x axes line up
        self.moment_plot.addLine(y=0, pen=pg.mkPen(style.FOREGROUND, width=1, style=Qt.DashLine))
        self.error_bars = pg.ErrorBarItem(
            x=np.zeros(0), y=np.zeros(0), height=np.zeros(0), beam=0.2, pen=style.pen(MEAN_COLOR, 1.5)
        )
        self.means = pg.ScatterPlotItem(size=9, pen=pg.mkPen("w"), brush=MEAN_COLOR, name="mean")
        self.moment_plot.addItem(self.error_bars)
        self.moment_plot.addItem(self.means)
        self.paths: list[str] = []
        self._nonfinite = 0
        self.caption = style.Caption(
            self.tr(
                "For each layer, on the last training batch. Bars: the share of units that are saturated (output near "
                "the limits of sigmoid, tanh or softmax, where the slope and so the gradient nearly vanish) or dead "
                "(a ReLU that outputs 0 for every example, so it learns nothing). Dots: the mean output of the "
                "layer, with whiskers one standard deviation up and down."
            )
        )
        self.note = QLabel()
        self.note.setObjectName("nonfinite_note")
        self.note.setStyleSheet("color: #b71c1c;")
        self.note.hide()
        self.caption.add_widget(self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
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
        if len(layers) != len(self.paths) or any(s.path != p for s, p in zip(layers, self.paths)):
            self._set_layers([s.path for s in layers], [s.label for s in layers])
        x = np.arange(len(layers), dtype=float)
        saturated, bad_s = style.drawable([s.saturated for s in layers])
        dead, bad_d = style.drawable([s.dead for s in layers])
        mean, bad_m = style.drawable([s.act_mean for s in layers])
        std, bad_v = style.drawable([s.act_std for s in layers])
        # NaN saturated/dead: the statistic does not apply; count only the infinite ones
        bad = (
            sum(not np.isnan(float(v)) for s in layers for v in (s.saturated, s.dead) if not style.finite_number(v))
            + bad_m
            + bad_v
        )
        saturated = np.clip(saturated * 100.0, 0.0, 100.0)
        dead = np.clip(dead * 100.0, 0.0, 100.0)
        has_sat, has_dead = np.isfinite(saturated), np.isfinite(dead)
        has_act = np.isfinite(mean) & np.isfinite(std)
        # a layer with both statistics gets two bars side by side, otherwise one centred bar
        both = has_sat & has_dead
        offset = np.where(both, BAR_WIDTH / 2, 0.0)
        self.saturated_bars.setOpts(x=(x - offset)[has_sat], height=saturated[has_sat])
        self.dead_bars.setOpts(x=(x + offset)[has_dead], height=dead[has_dead])
        for i in range(len(self.values) // 2):
            bars = ((has_sat[i], saturated[i], x[i] - offset[i]), (has_dead[i], dead[i], x[i] + offset[i]))
            for text, (applies, value, pos) in zip(self.values[2 * i : 2 * i + 2], bars):
                text.setVisible(bool(applies))
                if applies:
                    text.setText(f"{value:.0f} %")
                    text.setPos(pos, value)
        self.error_bars.setData(x=x[has_act], y=mean[has_act], height=2 * std[has_act])
        self.means.setData(x[has_act], mean[has_act])
        self._set_nonfinite(bad)

    def plot_items(self) -> dict[str, pg.PlotItem]:
        return {"unit_fractions": self.fraction_plot, "activation_moments": self.moment_plot}

    def export_items(self) -> list:
        """(human title, plot item) for every plot the Export Plot menu offers."""
        return [
            (self.tr("Saturated and dead units per layer"), self.fraction_plot),
            (self.tr("Activation mean and spread per layer"), self.moment_plot),
        ]

    def nonfinite_note(self) -> str:
        return style.nonfinite_text(self._nonfinite)

    # ---- Private API
    def _set_layers(self, paths: list[str], labels: list[str]) -> None:
        self.paths = list(paths)
        # "2 dense 8 tanh" -> "2 dense\n8 tanh": two short lines fit under a bar
        every = 1 if len(labels) <= MANY_LAYERS else -(-len(labels) // MANY_LAYERS)
        ticks = [(float(i), style.two_lines(label)) for i, label in enumerate(labels) if i % every == 0]
        for plot in (self.fraction_plot, self.moment_plot):
            axis = plot.getAxis("bottom")
            axis.setTicks([ticks, []])
            # room for two lines of tick text (the automatic height measures one)
            axis.setStyle(autoExpandTextSpace=False)
            axis.setHeight(TICK_AXIS_HEIGHT)
        self._side_by_side = None
        self._arrange()
        for text in self.values:
            self.fraction_plot.removeItem(text)
        self.values = []
        for _ in range(len(paths) if len(paths) <= MANY_LAYERS else 0):
            for color in (SATURATED_COLOR, DEAD_COLOR):
                text = pg.TextItem("", color=color, anchor=(0.5, 1.0))
                self.fraction_plot.addItem(text)
                self.values.append(text)
        self.fraction_plot.setXRange(-0.6, max(len(paths), 1) - 0.4, padding=0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Stacked, with the layer names once under the lower plot; or side by side
        in a wide, short dock (stacked, each plot was a sliver there)."""
        side = self.width() > 2.2 * self.height() and self.height() < 320
        if side == getattr(self, "_side_by_side", None):
            return
        self._side_by_side = side
        layout = self.widget.ci
        layout.removeItem(self.moment_plot)
        layout.addItem(self.moment_plot, row=0 if side else 1, col=1 if side else 0)
        top = self.fraction_plot.getAxis("bottom")
        top.setStyle(showValues=side)
        top.setHeight(TICK_AXIS_HEIGHT if side else 6)

    def _set_nonfinite(self, n: int) -> None:
        if n != self._nonfinite or self.note.isHidden() == bool(n):
            self._nonfinite = n
            self.note.setText(style.nonfinite_text(n))
            self.note.setVisible(bool(n))
