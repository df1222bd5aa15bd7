"""Colours, pens and plot set-up shared by the plot panels.

One place decides what a colour means, so "training" is the same blue and
class 1 the same orange in every panel: training blue, validation orange;
classes use the matplotlib/Tableau "tab10" palette; layers are coloured by
depth along viridis (dark = near the input, light = near the output).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

BACKGROUND = "w"
FOREGROUND = "#303030"
GRID_ALPHA = 0.25

TRAIN = "#1f77b4"
VALIDATION = "#ff7f0e"
BATCH = (31, 119, 180, 90)  # the training blue, faint: noisy per-batch values

# 1 px: Qt's raster engine draws wider pens (with antialiasing) about ten times
# slower, and a long loss curve at width 2 costs more than the rest of a frame
LINE_WIDTH = 1.0
THIN_WIDTH = 1.0

TAB10 = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


#: selection colours of lists and combo boxes: a saturated blue under white
#: text in every state (some platform themes give a pale highlight under white
#: text, which made the current item of a combo box unreadable)
HIGHLIGHT = "#2a6bb5"
HIGHLIGHT_TEXT = "#ffffff"


def apply_palette(app) -> None:
    """Readable selection colours for the whole application (call once at start)."""
    palette = app.palette()
    for group in (QPalette.Active, QPalette.Inactive):
        palette.setColor(group, QPalette.Highlight, QColor(HIGHLIGHT))
        palette.setColor(group, QPalette.HighlightedText, QColor(HIGHLIGHT_TEXT))
    palette.setColor(QPalette.Disabled, QPalette.Highlight, QColor("#9aa7b5"))
    palette.setColor(QPalette.Disabled, QPalette.HighlightedText, QColor(HIGHLIGHT_TEXT))
    app.setPalette(palette)


def class_color(index: int) -> QColor:
    """Categorical colour of class ``index`` (tab10, then evenly spaced hues)."""
    if index < len(TAB10):
        return QColor(TAB10[index])
    return pg.intColor(index, hues=max(index + 1, 12))


def depth_colors(n: int) -> list[QColor]:
    """``n`` colours from input (dark violet) to output (green-yellow) along viridis.

    The bright yellow end is left out: it is unreadable on a white background.
    """
    cmap = pg.colormap.get("viridis")
    if n <= 1:
        return [cmap.map(0.0, mode="qcolor")]
    return [cmap.map(0.82 * i / (n - 1), mode="qcolor") for i in range(n)]


def with_alpha(color, alpha: int) -> QColor:
    c = QColor(pg.mkColor(color))
    c.setAlpha(alpha)
    return c


def pen(color, width: float = LINE_WIDTH, **kwargs):
    return pg.mkPen(color, width=width, **kwargs)


#: how far a region's colour goes from white towards its class colour: the
#: points, drawn in the full colour, must stand out on their own region
REGION_STRENGTH = 0.55


def region_color(index: int, strength: float = REGION_STRENGTH) -> QColor:
    """The pastel version of a class colour used to fill its decision region."""
    c = class_color(index)
    mix = [round(255 - strength * (255 - v)) for v in (c.red(), c.green(), c.blue())]
    return QColor(*mix)


def binary_colormap() -> pg.ColorMap:
    """Class 0 region colour -> white (p = 0.5) -> class 1 region colour: the heat
    map and the points use the same hues, so a misclassified point stands out."""
    return pg.ColorMap([0.0, 0.5, 1.0], [region_color(0), QColor("white"), region_color(1)])


def signed_colormap() -> pg.ColorMap:
    """Diverging purple -> white -> green for signed values (a neuron's output);
    deliberately unlike the class colours so the two views are not confused."""
    return pg.ColorMap([0.0, 0.5, 1.0], [QColor("#762a83"), QColor("white"), QColor("#1b7837")])


def count_colormap() -> pg.ColorMap:
    """White -> dark blue, for counts (a confusion matrix)."""
    return pg.ColorMap([0.0, 1.0], [QColor("white"), QColor("#08306b")])


def new_graphics_widget() -> pg.GraphicsLayoutWidget:
    widget = pg.GraphicsLayoutWidget()
    widget.setBackground(BACKGROUND)
    return widget


def style_plot(plot: pg.PlotItem, title: str | None = None, grid: bool = True) -> pg.PlotItem:
    """Dark axes and text on the white background, a light grid, a small title.

    SI prefixes are off: "weight value (x0.001)" over ticks -500 ... 500 confuses
    more than plain decimals do, and on log axes they are wrong-looking.
    """
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setPen(FOREGROUND)
        axis.setTextPen(FOREGROUND)
        axis.enableAutoSIPrefix(False)
        # major and minor ticks only: the finest grid level is clutter, and its
        # hundreds of translucent lines are most of the cost of a repaint
        axis.setStyle(maxTickLevel=1)
    # a fixed width: an axis that follows its tick labels' width re-lays out its
    # whole plot row (and regenerates every axis in it) whenever a label changes
    plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
    if grid:
        plot.showGrid(x=True, y=True, alpha=GRID_ALPHA)
    if title is not None:
        set_title(plot, title)
    return plot


LEFT_AXIS_WIDTH = 54


def set_title(plot: pg.PlotItem, title: str) -> None:
    """A small title that never widens its plot: a long title (a neuron's name,
    a confusion matrix's counts) used to push the colour bar past the dock's edge.
    Text longer than the room it gets runs under its neighbours instead."""
    if not isinstance(plot.titleLabel, ElasticLabel):
        old = plot.titleLabel
        plot.layout.removeItem(old)
        old.setParentItem(None)
        if old.scene() is not None:
            old.scene().removeItem(old)
        plot.titleLabel = ElasticLabel("", size="11pt", parent=plot)
        plot.layout.addItem(plot.titleLabel, 0, 1)
    plot.setTitle(title, color=FOREGROUND, size="10pt")


class ElasticLabel(pg.LabelItem):
    """A label that asks for its height but no width."""

    def updateMin(self):
        super().updateMin()
        self.setMinimumWidth(0)
        self._sizeHint = {k: (0 if v[0] > 0 else v[0], v[1]) for k, v in self._sizeHint.items()}
        self.updateGeometry()


def add_legend(plot: pg.PlotItem, entries: int = 3, **kwargs) -> pg.LegendItem:
    """A legend in one row under the plot, outside the data, so it never covers
    the newest points; with many ``entries`` it wraps into rows of six."""
    legend = pg.LegendItem(
        offset=None,
        colCount=max(1, min(entries, 6)),
        labelTextColor=FOREGROUND,
        labelTextSize="8pt",
        verSpacing=-6,
        horSpacing=8,
        **kwargs,
    )
    plot.layout.addItem(legend, 4, 1)
    plot.layout.setAlignment(legend, Qt.AlignHCenter)
    plot.legend = legend  # plot.plot(name=...) adds its curve to it
    return legend


def fit_legend(plot: pg.PlotItem, width: float) -> None:
    """Lay the legend under ``plot`` out in as many columns as fit in ``width`` px
    (a legend wider than its plot pushed the plot, and its colour bar, out of the dock)."""
    legend = plot.legend
    if legend is None or not legend.items or width <= 0:
        return
    entry = max(label.itemRect().width() for _sample, label in legend.items) + 20 + 8 + 12
    columns = int(max(1, min(len(legend.items), 6, (width - 10) // entry)))
    if columns != legend.columnCount:
        # LegendItem.setColumnCount misplaces entries when the count goes down: lay them out here
        grid = legend.layout
        for i in range(grid.count() - 1, -1, -1):
            grid.removeAt(i)
        for k, (sample, label) in enumerate(legend.items):
            row, col = divmod(k, columns)
            grid.addItem(sample, row, 2 * col, alignment=Qt.AlignVCenter)
            grid.addItem(label, row, 2 * col + 1)
        legend.columnCount = columns
        legend.rowCount = -(-len(legend.items) // columns)
        legend.updateSize()


def show_legend(plot: pg.PlotItem, legend: pg.LegendItem, shown: bool) -> None:
    """Put ``legend`` in its row under ``plot`` or take it out (a hidden item would keep its room)."""
    in_layout = any(plot.layout.itemAt(i) is legend for i in range(plot.layout.count()))
    if shown and not in_layout:
        plot.layout.addItem(legend, 4, 1)
        plot.layout.setAlignment(legend, Qt.AlignHCenter)
    elif not shown and in_layout:
        plot.layout.removeItem(legend)
    legend.setVisible(shown)


def remove_legend(plot: pg.PlotItem) -> None:
    legend = plot.legend
    if legend is not None:
        if any(plot.layout.itemAt(i) is legend for i in range(plot.layout.count())):  # not if hidden
            plot.layout.removeItem(legend)
        if legend.scene() is not None:
            legend.scene().removeItem(legend)
        plot.legend = None


def two_lines(label: str) -> str:
    """A layer label on two lines: "2 dense 8 tanh" -> "2 dense" / "8 tanh"."""
    parts = label.split(" ", 2)
    return " ".join(parts[:2]) + ("\n" + parts[2] if len(parts) > 2 else "")


class LogFriendlyAxis(pg.AxisItem):
    """An axis whose log mode labels 1, 2 and 5 x 10^k before the other minor ticks.

    pyqtgraph puts every minor tick of a log axis in one level, so when the range
    spans less than a decade all of 0.06, 0.07, 0.08, 0.09 are labelled and
    overlap; split into two levels, the second is labelled only if there is room.
    On a short axis spanning several decades only the powers of ten are labelled
    (2 and 5 sit 0.3 decade apart: their labels overlapped below ~60 px a decade).
    """

    #: pixels per decade from which 2 and 5 x 10^k get labels
    NICE_PX_PER_DECADE = 60

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if not ticks or ticks[-1][0] is not None:
            return ticks
        minor = ticks[-1][1]
        nice = [v for v in minor if round(10 ** (v % 1)) in (1, 2, 5)]
        rest = [v for v in minor if round(10 ** (v % 1)) not in (1, 2, 5)]
        span = maxVal - minVal
        if len(ticks) > 1 and span > 0 and size / span < self.NICE_PX_PER_DECADE:
            return [*ticks[:-1], (None, nice + rest)]  # one unlabelled level of minor ticks
        return [*ticks[:-1], (None, nice), (None, rest)]


class PercentAxis(pg.AxisItem):
    """0 ... 100 % ticks, fewer of them when the axis is short (they overlapped)."""

    def tickValues(self, minVal, maxVal, size):
        if size < 80:  # "0" and "100" would not fit between the ends of the axis
            return [(50, [50.0])]
        every = 20 if size >= 150 else 50
        return [(every, [float(v) for v in range(0, 101, every)])]

    def tickStrings(self, values, scale, spacing):
        return [f"{v:.0f}" for v in values]


class StableLabel(pg.LabelItem):
    """A label whose text changes every frame without re-laying out its plots.

    ``LabelItem.setText`` resizes the item to its text, which re-lays out the
    whole ``GraphicsLayout`` (and regenerates every axis in it) on each frame;
    this one takes its height once and never asks for a width.
    """

    _settled = False

    def updateMin(self):
        if self._settled:
            return
        super().updateMin()
        self.setMinimumWidth(0)
        self._sizeHint = {k: (0, v[1]) for k, v in self._sizeHint.items()}

    def updateGeometry(self):
        if not self._settled:
            super().updateGeometry()
            self._settled = True


def grow_x_range(plot: pg.PlotItem, x_max: float, start: float = 0.0) -> None:
    """Keep a time axis from ``start`` to a limit that grows in steps of 1.5x.

    Auto-ranging a growing time series moves the axis on every frame, and
    regenerating an axis (and every x-linked one) is a large part of a repaint;
    this way the axis changes a few times per order of magnitude.
    """
    vb = plot.getViewBox()
    vb.enableAutoRange(x=False)
    limit = getattr(plot, "_grown_limit", None)
    if limit is None or x_max > limit or x_max < limit / 8:
        limit = max(10.0, x_max * 1.5)
        plot._grown_limit = limit
        plot.setXRange(start, limit, padding=0.02)


# ---- Values that cannot be drawn
#: larger values are drawn as gaps: Qt and pyqtgraph compute ranges, widths and
#: squared lengths from them, which overflow near the float limit (1e308)
DRAW_LIMIT = 1e30


def drawable(values, limit: float = DRAW_LIMIT) -> tuple[np.ndarray, int]:
    """``values`` as float64 with NaN where a value is not finite or beyond
    +-``limit``, and how many such values there were."""
    a = np.array(values, dtype=np.float64, copy=True, ndmin=1)
    with np.errstate(invalid="ignore"):
        bad = ~(np.abs(a) <= limit)
    n = int(np.count_nonzero(bad))
    if n:
        a[bad] = np.nan
    return a, n


def finite_number(value, limit: float = DRAW_LIMIT) -> bool:
    try:
        return abs(float(value)) <= limit
    except (TypeError, ValueError):
        return False


def number(value) -> str:
    """A statistic for a note: ``0.0123``, or ``NaN`` / ``inf`` said plainly."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "?"
    if v != v:
        return QCoreApplication.translate("style", "NaN")
    if v in (float("inf"), float("-inf")):
        return ("\u2212" if v < 0 else "") + "\u221e"
    return f"{v:.3g}"


def nonfinite_text(n: int) -> str:
    """ "3 values not finite" (or "" for none): what a panel left out of its plot."""
    if n <= 0:
        return ""
    if n == 1:
        return QCoreApplication.translate("style", "1 value not finite (not drawn)")
    return QCoreApplication.translate("style", "{n} values not finite (not drawn)").format(n=f"{n:,}")


# ---- Captions
class ElidedLabel(QLabel):
    """One line of plain text, cut with "\u2026" when it does not fit; the whole
    text is its tooltip.  It never asks for width, so it never widens a dock."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.setTextFormat(Qt.PlainText)
        self._full = ""
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(f"<p>{text}</p>" if text else "")  # rich text: the tooltip wraps
        self._elide()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width(), 40)
        elided = self.fontMetrics().elidedText(self._full, Qt.ElideRight, width)
        if elided != self.text():
            self.setText(elided)


class Caption(QWidget):
    """A panel's one-line explanation: what it shows and how to read it.

    The line is cut to the panel's width; hovering shows it whole.  A panel's
    own small controls (check boxes, notes) go at its right end
    (:meth:`add_widget`), so caption and controls share one row.  The
    "\u00d7" hides the explanation; a "?" stays to bring it back.
    ``toggled(bool)`` says when it is shown or hidden (the window may remember it).
    """

    toggled = Signal(bool)

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("caption")
        self.label = ElidedLabel(text)
        self.label.setObjectName("captionText")
        palette = self.label.palette()
        palette.setColor(QPalette.WindowText, QColor("#555555"))
        self.label.setPalette(palette)
        self.close_button = QToolButton()
        self.close_button.setText("\u00d7")
        self.close_button.setAutoRaise(True)
        self.close_button.setObjectName("captionClose")
        self.close_button.setToolTip(QCoreApplication.translate("Caption", "Hide this explanation"))
        self.close_button.clicked.connect(lambda: self.set_shown(False))
        self.show_button = QToolButton()
        self.show_button.setText("?")
        self.show_button.setAutoRaise(True)
        self.show_button.setObjectName("captionShow")
        self.show_button.setToolTip(QCoreApplication.translate("Caption", "Explain what this panel shows"))
        self.show_button.clicked.connect(lambda: self.set_shown(True))
        self.show_button.hide()
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(4, 1, 2, 1)
        self._row.setSpacing(6)
        self._row.addWidget(self.show_button)
        self._row.addWidget(self.label, 1)
        self._stretch = QWidget()  # takes the room when the explanation is hidden
        self._stretch.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self._stretch.hide()
        self._row.addWidget(self._stretch, 1)
        self._row.addWidget(self.close_button)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)

    def add_widget(self, widget: QWidget) -> None:
        """Put a control at the right end of the caption's row."""
        self._row.insertWidget(self._row.count() - 1, widget)

    def text(self) -> str:
        return self.label.full_text()

    def setText(self, text: str) -> None:
        if text != self.label.full_text():
            self.label.set_full_text(text)

    def is_shown(self) -> bool:
        return not self.label.isHidden()

    def set_shown(self, shown: bool) -> None:
        if shown == self.is_shown():
            return
        self.label.setVisible(shown)
        self._stretch.setVisible(not shown)
        self.close_button.setVisible(shown)
        self.show_button.setVisible(not shown)
        self.toggled.emit(shown)
