"""One small histogram per layer, side by side, on a common x range.

Shared by the gradient and weight histogram panels.  The plots and their
curves are made once per layout (:meth:`HistogramRow.set_layers`); a frame
only calls ``setData`` on the curves and ``setText`` on the notes that
changed.  A network with more layers than fit is shown a page at a time
(as many plots as fit its width, at most :data:`PAGE_SIZE`): 200 layers must
not make 200 linked plots.

Exact zeros can be drawn as their own grey bar left of the axis, labelled
"0" (:meth:`set_zero_bar`): on a log10 |gradient| axis a zero has no place,
and counting it in the lowest bin made every histogram before the first step
a spike at "-12".
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent

from . import style

#: below this width per layer the row scrolls sideways instead of squeezing
MIN_PLOT_WIDTH = 125
#: at most this many plots at once; more layers are paged
PAGE_SIZE = 8
ZERO_COLOR = "#9a9a9a"


class HistogramRow(pg.GraphicsLayoutWidget):
    def __init__(self, x_label: str = "", parent=None):
        super().__init__(parent)
        self.setBackground(style.BACKGROUND)
        self.x_label = x_label
        self.paths: list[str] = []  # every layer
        self.labels: list[str] = []
        self.page = 0
        self.page_size = PAGE_SIZE
        self.plots: dict[str, pg.PlotItem] = {}  # the layers of this page
        self.curves: list[pg.PlotDataItem] = []  # of this page
        self.zero_bars: list[pg.BarGraphItem] = []
        self.notes: list[pg.LabelItem] = []
        self._notes_text: list[str] = []
        self._x_range: tuple[float, float] | None = None
        self._zero_x: float | None = None  # where the zero bar sits, None: no zero bar
        self._zero_ticks: list | None = None
        self._crowded = False
        self.axis_label: pg.LabelItem | None = None

    # ---- Public API
    @property
    def pages(self) -> int:
        return max(1, -(-len(self.paths) // self.page_size))

    @property
    def first(self) -> int:
        """Index (among all layers) of the first layer on this page."""
        return self.page * self.page_size

    def shown(self) -> range:
        """Indices (among all layers) of the layers on this page."""
        return range(self.first, min(self.first + self.page_size, len(self.paths)))

    def set_layers(self, paths: list[str], labels: list[str]) -> None:
        """Remember every layer and lay out the first page."""
        self.paths, self.labels = list(paths), list(labels)
        self.page = 0
        self._build()

    def fit_page_size(self, width: int) -> bool:
        """Show as many layers per page as fit in ``width`` px (at most PAGE_SIZE);
        the first layer shown stays on the page.  True if the layout changed."""
        size = int(max(1, min(PAGE_SIZE, width // MIN_PLOT_WIDTH)))
        if size == self.page_size:
            return False
        first = self.first
        self.page_size = size
        self.page = first // size
        if self.paths:
            self._build()
        return True

    def set_page(self, page: int) -> None:
        page = min(max(0, page), self.pages - 1)
        if page != self.page:
            self.page = page
            self._build()

    def set_layer(self, index: int, edges, counts, note: str, zeros: int = 0) -> None:
        """Draw layer ``index`` (among all layers; ignored if not on this page).
        ``note`` is "name = value" (split over two lines if crowded)."""
        i = index - self.first
        if not 0 <= i < len(self.curves):
            return
        self.curves[i].setData(edges, counts)
        bar = self.zero_bars[i]
        if self._zero_x is not None and bar.opts["height"][0] != zeros:  # a new picture only when it changed
            bar.setOpts(height=[float(zeros)])
        if self._crowded:
            note = note.replace(" = ", "<br>")
        if note != self._notes_text[i]:
            self._notes_text[i] = note
            self.notes[i].setText(note)

    def clear_layer(self, index: int, note: str) -> None:
        """Nothing drawable for layer ``index``: an empty plot and ``note``."""
        self.set_layer(index, np.zeros(2), np.zeros(1), note)
        i = index - self.first
        if 0 <= i < len(self.curves):
            self.curves[i].setData([], [])

    def set_x_range(self, lo: float, hi: float) -> None:
        """The same x range for every layer (the plots are x-linked)."""
        if self._zero_x is not None:
            lo = min(lo, self._zero_x - 2.5)  # room for the bar and its "zero" label
        if self._x_range != (lo, hi) and self.curves:
            self._x_range = (lo, hi)
            next(iter(self.plots.values())).setXRange(lo, hi, padding=0.02)

    def changeEvent(self, event):
        # the label of plots made later (more layers) follows a language switch
        if event.type() == QEvent.Type.LanguageChange:
            from gui import i18n

            self.x_label = i18n.retranslated(self.x_label)
        super().changeEvent(event)

    def set_x_label(self, text: str) -> None:
        self.x_label = text
        if self.axis_label is not None:
            self.axis_label.setText(text)
        else:
            for plot in self.plots.values():
                plot.setLabel("bottom", text)

    def set_zero_bar(self, x: float | None, ticks: list | None = None) -> None:
        """Draw exact zeros as a bar at ``x`` (None: no zero bar), with these
        bottom-axis ``ticks`` [(value, text), ...] (None: automatic ticks)."""
        self._zero_x, self._zero_ticks = x, ticks
        for plot, bar in zip(self.plots.values(), self.zero_bars):
            bar.setVisible(x is not None)
            if x is not None:
                bar.setOpts(x=[x], height=[0.0])
            plot.getAxis("bottom").setTicks(None if ticks is None else [ticks, []])
        self._x_range = None

    # ---- Private API
    def _build(self) -> None:
        """Lay out one plot per layer of the page (colour by depth).  The plots of the
        last layout are kept and given the new layers (making a plot costs about 10 ms:
        opening a project must not stall the window); only missing ones are made."""
        shown = self.shown()
        crowded = len(shown) > 4  # titles and notes on two lines
        old = list(zip(self.plots.values(), self.curves, self.zero_bars, self.notes))
        if self.axis_label is not None:
            self.removeItem(self.axis_label)
        if not old:
            self.clear()
        for plot, _, _, note in old[len(shown) :]:
            plot.setXLink(None)  # the first plot stays: let go of it
            self.removeItem(plot)
            self.removeItem(note)
        self.plots, self.curves, self.zero_bars, self.notes, self._notes_text = {}, [], [], [], []
        self._x_range = None
        self.setMinimumWidth(MIN_PLOT_WIDTH * len(shown))
        colors = style.depth_colors(len(self.paths))
        first = None
        for col, index in enumerate(shown):
            path, label, color = self.paths[index], self.labels[index], colors[index]
            title = style.two_lines(label).replace("\n", "<br>") if crowded else label
            if col < len(old):
                plot, curve, bar, note = old[col]
                style.set_title(plot, title)
                curve.setData([], [])
                curve.setPen(style.pen(color, 1.5))
                curve.setBrush(style.with_alpha(color, 120))
                if crowded != self._crowded:  # notes of another size and number of lines
                    if crowded:
                        plot.getAxis("bottom").showLabel(False)
                    else:
                        plot.setLabel("bottom", self.x_label)
                    self.removeItem(note)
                    note = style.StableLabel(" ", color=style.FOREGROUND, size="8pt" if crowded else "9pt")
                    self.addItem(note, row=1, col=col)
                else:
                    note.setText(" ")
                if first is None:
                    first = plot
                self.plots[path] = plot
                self.curves.append(curve)
                self.zero_bars.append(bar)
                self.notes.append(note)
                self._notes_text.append("")
                continue
            plot = self.addPlot(row=0, col=col)
            style.style_plot(plot, title)
            plot.setMouseEnabled(x=True, y=False)
            plot.hideButtons()
            if not crowded:
                plot.setLabel("bottom", self.x_label)
            if first is None:
                plot.setLabel("left", QCoreApplication.translate("HistogramRow", "count"))
                first = plot
            else:
                plot.setXLink(first)
            curve = plot.plot(
                stepMode="center", fillLevel=0, pen=style.pen(color, 1.5), brush=style.with_alpha(color, 120)
            )
            bar = pg.BarGraphItem(x=[0.0], height=[0.0], width=1.0, brush=ZERO_COLOR, pen=None)
            plot.addItem(bar)
            note = style.StableLabel(" ", color=style.FOREGROUND, size="8pt" if crowded else "9pt")
            self.addItem(note, row=1, col=col)
            self.plots[path] = plot
            self.curves.append(curve)
            self.zero_bars.append(bar)
            self.notes.append(note)
            self._notes_text.append("")
        self._crowded = crowded
        self.axis_label = None
        if crowded:  # one x-axis label for the whole row: narrow plots have no room for one each
            self.axis_label = pg.LabelItem(self.x_label, color=style.FOREGROUND, size="9pt")
            self.addItem(self.axis_label, row=2, col=0, colspan=len(shown))
        self.set_zero_bar(self._zero_x, self._zero_ticks)
