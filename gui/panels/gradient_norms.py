"""Per-layer gradient L2 norms (and update-to-weight ratios) over training steps.

One point per snapshot, one curve per layer coloured by depth, log y: with
vanishing gradients the curves of the early layers fan out below the late
ones by orders of magnitude.  The lower plot shows ||delta W|| / ||W|| of the
last step before each snapshot (a common rule of thumb wants it near 1e-3);
snapshots where it was not measured are skipped.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from core.trainer import RunInfo, Snapshot

from . import style
from .gradient_histograms import PARAMETERISED
from .series import Series


class GradientNormPanel(QWidget):
    title = "Gradient norms"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.widget = style.new_graphics_widget()
        self.norm_plot = self._time_plot(0, "Gradient L2 norm per layer", "\u2016grad\u2016\u2082")
        self.ratio_plot = self._time_plot(1, "Update-to-weight ratio \u2016\u0394W\u2016 / \u2016W\u2016",
                                          "ratio")
        self.ratio_plot.setXLink(self.norm_plot)
        # the ratio plot is opt-in: two stacked plots in a short dock leave each too flat to read
        self.show_ratio = QCheckBox("update-to-weight ratio")
        self.show_ratio.setObjectName("show_update_ratio")
        self.show_ratio.setToolTip("Also plot \u2016\u0394W\u2016 / \u2016W\u2016 per layer "
                                   "(a rule of thumb wants it near 1e-3)")
        self.show_ratio.toggled.connect(self._on_show_ratio)
        self.ratio_plot.hide()
        self.paths: list[str] = []
        self.norms: list[Series] = []
        self.ratios: list[Series] = []
        self.norm_curves: list[pg.PlotDataItem] = []
        self.ratio_curves: list[pg.PlotDataItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        options = QHBoxLayout()
        options.setContentsMargins(4, 2, 4, 0)
        options.addWidget(self.show_ratio)
        options.addStretch(1)
        layout.addLayout(options)
        layout.addWidget(self.widget)

    # ---- Public API
    def reset(self, info: RunInfo) -> None:
        layers = [lay for lay in info.layers if lay.kind in PARAMETERISED]
        self._set_layers([lay.path for lay in layers], [lay.label for lay in layers])

    def update_snapshot(self, snap: Snapshot) -> None:
        if [s.path for s in snap.layers] != self.paths:
            self._set_layers([s.path for s in snap.layers], [s.label for s in snap.layers])
        step = snap.step
        for i, stats in enumerate(snap.layers):
            norm, ratio = self.norms[i], self.ratios[i]
            norm.drop_from(step)
            ratio.drop_from(step)
            # log axes: a zero (before the first step, or a dead layer) would be -inf
            # and break the whole curve, so only positive values are plotted
            norm.append_finite(step, _positive(stats.grad_norm))
            ratio.append_finite(step, _positive(stats.update_ratio))
        if self.isVisible():  # hidden (a background dock tab): keep accumulating, draw on show
            self._draw()

    def plot_items(self) -> dict[str, pg.PlotItem]:
        self._draw()  # up to date even if hidden: the items are exported
        items = {"gradient_norm": self.norm_plot}
        if self.show_ratio.isChecked():  # a hidden plot has nothing to export
            items["update_ratio"] = self.ratio_plot
        return items

    # ---- Private API
    def _on_show_ratio(self, checked: bool) -> None:
        self.ratio_plot.setVisible(checked)
        self._draw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._draw()

    def _draw(self) -> None:
        for series, curves in ((self.norms, self.norm_curves), (self.ratios, self.ratio_curves)):
            for s, curve in zip(series, curves):
                if curve.drawn_version != s.version:
                    curve.drawn_version = s.version
                    curve.setData(s.x, s.y)
        if self.norms and len(self.norms[0]):
            style.grow_x_range(self.norm_plot, float(self.norms[0].x[-1]))

    def _time_plot(self, row: int, title: str, y_label: str) -> pg.PlotItem:
        plot = self.widget.addPlot(row=row, col=0, axisItems={"left": style.LogFriendlyAxis("left")})
        style.style_plot(plot, title, grid=False)  # a log-axis grid costs most of a repaint
        plot.setLabel("left", y_label)
        plot.setLabel("bottom", "step")
        plot.setLogMode(y=True)
        return plot

    def _set_layers(self, paths: list[str], labels: list[str]) -> None:
        for plot in (self.norm_plot, self.ratio_plot):
            plot.clear()
            if plot.legend is not None:  # a fresh legend, sized for this many layers
                plot.legend.scene().removeItem(plot.legend)
                plot.legend = None
            style.add_legend(plot, entries=len(paths))
        self.paths = list(paths)
        self.norm_plot._grown_limit = None
        self.norms = [Series() for _ in paths]
        self.ratios = [Series() for _ in paths]
        self.norm_curves, self.ratio_curves = [], []
        for label, color in zip(labels, style.depth_colors(len(paths))):
            self.norm_curves.append(self._curve(self.norm_plot, label, color))
            self.ratio_curves.append(self._curve(self.ratio_plot, label, color))

    @staticmethod
    def _curve(plot: pg.PlotItem, name: str, color) -> pg.PlotDataItem:
        curve = plot.plot(name=name, pen=style.pen(color))
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
        curve.drawn_version = -1  # the Series.version it shows
        return curve


def _positive(value: float) -> float:
    return value if value > 0 else float("nan")
