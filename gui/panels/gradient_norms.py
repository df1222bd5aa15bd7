"""Per-layer gradient L2 norms (and update-to-weight ratios) over training steps.

One point per snapshot, one curve per layer coloured by depth, log y: with
vanishing gradients the curves of the early layers fan out below the late
ones by orders of magnitude.  A deep network shows at most
:data:`MAX_CURVES` layers, evenly spread from the input to the output.
Values that are not finite (a diverged run) are left out and counted.  The lower plot shows ||delta W|| / ||W|| of the
last step before each snapshot (a common rule of thumb wants it near 1e-3);
snapshots where it was not measured are skipped.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from core.trainer import RunInfo, Snapshot

from . import style
from .change_markers import ChangeMarkers
from .gradient_histograms import PARAMETERISED
from .series import Series

#: more layers than this: show this many, evenly spread by depth (200 curves are unreadable and slow)
MAX_CURVES = 12
#: on a log axis any positive finite value can be drawn
LOG_LIMIT = 1e300
#: below this height per plot the plots go without titles
COMPACT_HEIGHT = 300
#: height of one row of a legend (px), to tell whether it leaves its plot room
LEGEND_ROW_HEIGHT = 18


class GradientNormPanel(QWidget):
    title = "Gradient norms"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = self.tr("Gradient norms")
        self.widget = style.new_graphics_widget()
        self.caption = style.Caption(
            self.tr(
                "L2 norm of all of each layer's parameter gradients (weights and biases) at each snapshot, on a "
                "log scale; colour = depth, dark near the input, light near the output. Curves of early layers "
                "far below the late ones: vanishing gradients; all rising steeply: exploding gradients."
            )
        )
        self._norm_title = self.tr("Gradient L2 norm per layer")
        self._ratio_title = self.tr("Update-to-weight ratio \u2016\u0394W\u2016 / \u2016W\u2016")
        self.norm_plot = self._time_plot(0, self._norm_title, "\u2016grad\u2016\u2082")
        self.ratio_plot = self._time_plot(
            1, self.tr("Update-to-weight ratio \u2016\u0394W\u2016 / \u2016W\u2016"), self.tr("ratio")
        )
        self.ratio_plot.setXLink(self.norm_plot)
        self.markers = ChangeMarkers([self.norm_plot, self.ratio_plot])
        # the ratio plot is opt-in: two stacked plots in a short dock leave each too flat to read
        self.show_ratio = QCheckBox(self.tr("update-to-weight ratio"))
        self.show_ratio.setObjectName("show_update_ratio")
        self.show_ratio.setToolTip(
            self.tr("Also plot \u2016\u0394W\u2016 / \u2016W\u2016 per layer (a rule of thumb wants it near 1e-3)")
        )
        self.show_ratio.toggled.connect(self._on_show_ratio)
        self.ratio_plot.hide()
        self.paths: list[str] = []  # every parameterised layer
        self.shown: list[int] = []  # indices of the layers with a curve
        self.norms: list[Series] = []
        self.ratios: list[Series] = []
        self.norm_curves: list[pg.PlotDataItem] = []
        self.ratio_curves: list[pg.PlotDataItem] = []
        self._nonfinite = 0
        self.note = QLabel()
        self.note.setObjectName("nonfinite_note")
        self.note.setStyleSheet("color: #b71c1c;")
        self.note.hide()
        self.subset = QLabel()
        self.subset.hide()
        for w in (self.note, self.subset, self.show_ratio):
            self.caption.add_widget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.widget)

    # ---- Public API
    def reset(self, info: RunInfo) -> None:
        layers = [lay for lay in info.layers if lay.kind in PARAMETERISED]
        self._set_layers([lay.path for lay in layers], [lay.label for lay in layers])
        self._set_nonfinite(0)
        self.markers.reset()

    def update_snapshot(self, snap: Snapshot) -> None:
        layers = snap.layers
        if len(layers) != len(self.paths) or any(s.path != p for s, p in zip(layers, self.paths)):
            self._set_layers([s.path for s in layers], [s.label for s in layers])
        step = snap.step
        self.markers.update(getattr(snap, "changes", ()))
        bad = 0
        for norm, ratio, i in zip(self.norms, self.ratios, self.shown):
            stats = layers[i]
            norm.drop_from(step)
            ratio.drop_from(step)
            # log axes: a zero (before the first step, or a dead layer) would be -inf
            # and break the whole curve, so only positive values are plotted
            g = _positive(stats.grad_norm)
            bad += not style.finite_number(stats.grad_norm, LOG_LIMIT)
            norm.append_finite(step, g)
            ratio.append_finite(step, _positive(stats.update_ratio))
        if bad:
            self._set_nonfinite(self._nonfinite + bad)
        if self.isVisible():  # hidden (a background dock tab): keep accumulating, draw on show
            self._draw()

    def plot_items(self) -> dict[str, pg.PlotItem]:
        self._draw()  # up to date even if hidden: the items are exported
        items = {"gradient_norm": self.norm_plot}
        if self.show_ratio.isChecked():  # a hidden plot has nothing to export
            items["update_ratio"] = self.ratio_plot
        return items

    def export_items(self) -> list:
        """(human title, plot item) for every plot the Export Plot menu offers."""
        self._draw()
        items = [(self.tr("Gradient norm per layer"), self.norm_plot)]
        if self.show_ratio.isChecked():
            items.append((self.tr("Update-to-weight ratio per layer"), self.ratio_plot))
        return items

    def nonfinite_note(self) -> str:
        return style.nonfinite_text(self._nonfinite)

    # ---- Private API
    def _on_show_ratio(self, checked: bool) -> None:
        self.ratio_plot.setVisible(checked)
        self._fit_legends()
        self._draw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._draw()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_legends()

    def _fit_legends(self) -> None:
        for plot in (self.norm_plot, self.ratio_plot):
            style.fit_legend(plot, self.width() - style.LEFT_AXIS_WIDTH)
        # titles only when there is height to spare: the caption says what the plots show
        compact = self.height() < (2 if self.show_ratio.isChecked() else 1) * COMPACT_HEIGHT
        if compact != getattr(self, "_compact", None):
            self._compact = compact
            for plot, title in ((self.norm_plot, self._norm_title), (self.ratio_plot, self._ratio_title)):
                if compact:
                    plot.setTitle(None)
                else:
                    style.set_title(plot, title)
        # a legend of many layers in a short dock would squeeze its plot to a sliver: the
        # caption says what the colours mean (dark near the input, light near the output)
        plots = 2 if self.show_ratio.isChecked() else 1
        for plot in (self.norm_plot, self.ratio_plot):
            legend = plot.legend
            if legend is not None:
                rows = max(1, getattr(legend, "rowCount", 1))
                style.show_legend(plot, legend, rows * LEGEND_ROW_HEIGHT <= 0.3 * self.height() / plots)

    def _draw(self) -> None:
        for series, curves in ((self.norms, self.norm_curves), (self.ratios, self.ratio_curves)):
            for s, curve in zip(series, curves):
                if curve.drawn_version != s.version:
                    curve.drawn_version = s.version
                    curve.setData(s.x, s.y)
        # the newest step of any layer: the first layer's series is empty while its
        # gradient is zero (a saturated or dead layer), and the axis must still follow
        last = [float(s.x[-1]) for s in self.norms + self.ratios if len(s)]
        if last:
            style.grow_x_range(self.norm_plot, max(last))

    def _time_plot(self, row: int, title: str, y_label: str) -> pg.PlotItem:
        plot = self.widget.addPlot(row=row, col=0, axisItems={"left": style.LogFriendlyAxis("left")})
        style.style_plot(plot, title, grid=False)  # a log-axis grid costs most of a repaint
        plot.setLabel("left", y_label)
        plot.setLabel("bottom", self.tr("step"))
        plot.setLogMode(y=True)
        return plot

    def _set_layers(self, paths: list[str], labels: list[str]) -> None:
        n = len(paths)
        self.paths = list(paths)
        if n <= MAX_CURVES:
            self.shown = list(range(n))
        else:  # first and last layer and evenly between
            self.shown = sorted({int(round(v)) for v in np.linspace(0, n - 1, MAX_CURVES)})
        for plot in (self.norm_plot, self.ratio_plot):
            plot.clear()
            style.remove_legend(plot)  # a fresh legend, sized for this many layers
            style.add_legend(plot, entries=len(self.shown))
        self.subset.setText(self.tr("showing {k} of {n} layers").format(k=len(self.shown), n=n))
        self.subset.setVisible(len(self.shown) < n)
        self.norm_plot._grown_limit = None
        self.norms = [Series() for _ in self.shown]
        self.ratios = [Series() for _ in self.shown]
        self.norm_curves, self.ratio_curves = [], []
        colors = style.depth_colors(n)
        for i in self.shown:
            self.norm_curves.append(self._curve(self.norm_plot, labels[i], colors[i]))
            self.ratio_curves.append(self._curve(self.ratio_plot, labels[i], colors[i]))
        self._fit_legends()

    def _set_nonfinite(self, n: int) -> None:
        if n != self._nonfinite or self.note.isHidden() == bool(n):
            self._nonfinite = n
            self.note.setText(style.nonfinite_text(n))
            self.note.setVisible(bool(n))

    @staticmethod
    def _curve(plot: pg.PlotItem, name: str, color) -> pg.PlotDataItem:
        curve = plot.plot(name=name, pen=style.pen(color))
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
        curve.drawn_version = -1  # the Series.version it shows
        return curve


def _positive(value: float) -> float:
    """``value`` if a log axis can draw it, else NaN (left out)."""
    return value if 0 < value <= LOG_LIMIT else float("nan")
