"""One small histogram per layer, side by side, on a common x range.

Shared by the gradient and weight histogram panels.  The plots and their
curves are made once per layout (:meth:`HistogramRow.set_layers`); a frame
only calls ``setData`` on the curves and ``setText`` on the notes that
changed.
"""

from __future__ import annotations

import pyqtgraph as pg

from . import style

#: below this width per layer the row scrolls sideways instead of squeezing
MIN_PLOT_WIDTH = 125


class HistogramRow(pg.GraphicsLayoutWidget):
    def __init__(self, x_label: str = "", parent=None):
        super().__init__(parent)
        self.setBackground(style.BACKGROUND)
        self.x_label = x_label
        self.paths: list[str] = []
        self.plots: dict[str, pg.PlotItem] = {}
        self.curves: list[pg.PlotDataItem] = []
        self.notes: list[pg.LabelItem] = []
        self._notes_text: list[str] = []
        self._x_range: tuple[float, float] | None = None
        self._crowded = False
        self.axis_label: pg.LabelItem | None = None

    def set_layers(self, paths: list[str], labels: list[str]) -> None:
        """Lay out one plot per layer (colour by depth), removing the old ones."""
        self.clear()
        self.paths = list(paths)
        self.plots, self.curves, self.notes, self._notes_text = {}, [], [], []
        self._x_range = None
        self.setMinimumWidth(MIN_PLOT_WIDTH * len(paths))
        crowded = len(paths) > 4  # titles and notes on two lines
        colors = style.depth_colors(len(paths))
        first = None
        for col, (path, label, color) in enumerate(zip(paths, labels, colors)):
            plot = self.addPlot(row=0, col=col)
            title = style.two_lines(label).replace("\n", "<br>") if crowded else label
            style.style_plot(plot, title)
            plot.setMouseEnabled(x=True, y=False)
            plot.hideButtons()
            if not crowded:
                plot.setLabel("bottom", self.x_label)
            if first is None:
                plot.setLabel("left", "count")
                first = plot
            else:
                plot.setXLink(first)
            curve = plot.plot(stepMode="center", fillLevel=0, pen=style.pen(color, 1.5),
                              brush=style.with_alpha(color, 120))
            note = style.StableLabel(" ", color=style.FOREGROUND, size="8pt" if crowded else "9pt")
            self.addItem(note, row=1, col=col)
            self.plots[path] = plot
            self.curves.append(curve)
            self.notes.append(note)
            self._notes_text.append("")
        self._crowded = crowded
        self.axis_label = None
        if crowded:  # one x-axis label for the whole row: narrow plots have no room for one each
            self.axis_label = pg.LabelItem(self.x_label, color=style.FOREGROUND, size="9pt")
            self.addItem(self.axis_label, row=2, col=0, colspan=len(paths))

    def set_layer(self, index: int, edges, counts, note: str) -> None:
        """Draw layer ``index``; ``note`` is "name = value" (split over two lines if crowded)."""
        self.curves[index].setData(edges, counts)
        if self._crowded:
            note = note.replace(" = ", "<br>")
        if note != self._notes_text[index]:
            self._notes_text[index] = note
            self.notes[index].setText(note)

    def set_x_range(self, lo: float, hi: float) -> None:
        """The same x range for every layer (the plots are x-linked)."""
        if self._x_range != (lo, hi) and self.curves:
            self._x_range = (lo, hi)
            next(iter(self.plots.values())).setXRange(lo, hi, padding=0.02)

    def set_x_label(self, text: str) -> None:
        self.x_label = text
        if self.axis_label is not None:
            self.axis_label.setText(text)
        else:
            for plot in self.plots.values():
                plot.setLabel("bottom", text)
