"""What the network outputs, drawn the way the data allows.

* 2-D classification: the decision boundary as a heat map over the input
  plane, with the training (circles) and validation (triangles) points on top,
  in raw coordinates.  Binary: colour = P(class 1) from the class-0 colour
  through white (p = 0.5) to the class-1 colour.  Multi-class: colour = the
  predicted class, faded towards white where the model is unsure.
* 1-D regression: the data and the fitted curve.
* Other regression: predicted against true values with the line y = x.
* Other classification: the confusion matrix with counts.

:meth:`OutputPanel.show_neuron` temporarily replaces the decision boundary by
one hidden unit's output over the same plane (hover a neuron on the canvas).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.trainer import RunInfo, Snapshot

from . import style

POINT_PEN = pg.mkPen("#202020", width=0.8)
TRAIN_SYMBOL, VAL_SYMBOL = "o", "t1"


class OutputPanel(QWidget):
    title = "Output"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.widget = style.new_graphics_widget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)
        self.mode = "none"  # "plane", "curve", "scatter" or "confusion", from the RunInfo
        self.plot: pg.PlotItem | None = None
        self.neuron: tuple[str, int] | None = None  # (layer path, unit) shown instead of the boundary
        self._info: RunInfo | None = None
        self._clear_items()

    # ---- Public API
    def reset(self, info: RunInfo) -> None:
        self._info = info
        self.neuron = None
        self.widget.clear()
        self.plot = self.widget.addPlot()
        style.style_plot(self.plot)
        self._clear_items()
        raw_columns = info.raw_x_train.shape[1]
        classification = info.task == "classification"
        if classification and raw_columns == 2:
            self.mode = "plane"
            self._setup_plane(info)
        elif not classification and raw_columns == 1:
            self.mode = "curve"
            self._setup_curve(info)
        elif classification:
            self.mode = "confusion"
            self._setup_confusion(info)
        else:
            self.mode = "scatter"
            self._setup_scatter()

    def update_snapshot(self, snap: Snapshot) -> None:
        b, p = snap.boundary, snap.predictions
        if self.mode == "plane" and b is not None and b.ys is not None:
            self._update_plane(b)
        elif self.mode == "curve" and b is not None:
            self.curve.setData(b.xs, b.values)
        elif self.mode == "confusion" and p is not None and p.confusion is not None:
            self._update_confusion(p.confusion, p.part)
        elif self.mode == "scatter" and p is not None and p.y_true is not None:
            self.scatter.setData(p.y_true, p.y_pred, brush=_part_color(p.part))
            self._set_title(f"Predicted vs true ({_part_name(p.part)} set)")

    def show_neuron(self, path: str | None, unit: int, acts: dict) -> None:
        """Show unit ``unit`` of layer ``path`` over the input plane (``acts`` is
        ``Boundary.activations``); ``path=None`` goes back to the decision boundary."""
        if self.mode != "plane":
            return
        if path is None or path not in acts:
            self.neuron = None
            self.neuron_image.hide()
            self.image.show()
            self._boundary_bar()
            return
        self.neuron = (path, unit)
        self._draw_neuron(acts)

    def plot_items(self) -> dict[str, pg.PlotItem]:
        return {} if self.plot is None else {"output": self.plot}

    # ---- Private API
    def _clear_items(self) -> None:
        """Forget the items of the previous layout (``reset`` makes a fresh plot)."""
        self.color_bar: pg.ColorBarItem | None = None
        self.image: pg.ImageItem | None = None
        self.neuron_image: pg.ImageItem | None = None
        self.curve: pg.PlotDataItem | None = None
        self.scatter: pg.ScatterPlotItem | None = None
        self.cells: list[pg.TextItem] = []
        self._shown = None  # the confusion matrix the cell texts show
        self._title = ""

    def _set_title(self, title: str) -> None:
        if title != self._title:
            self._title = title
            style.set_title(self.plot, title)

    # ---- Private API: 2-D classification
    def _setup_plane(self, info: RunInfo) -> None:
        plot = self.plot
        plot.showGrid(x=False, y=False)  # grid lines over a heat map are noise
        names = info.class_names or [f"class {i}" for i in range(int(info.y_train.max()) + 1)]
        self.class_names = names
        self.binary = len(names) == 2
        plot.setLabel("bottom", info.feature_names[0])
        plot.setLabel("left", info.feature_names[1])
        self.image = pg.ImageItem(axisOrder="row-major")
        self.neuron_image = pg.ImageItem(axisOrder="row-major")
        self.neuron_image.setColorMap(style.signed_colormap())
        self.neuron_image.hide()
        for image in (self.image, self.neuron_image):
            image.setZValue(-10)
            plot.addItem(image)
        if self.binary:
            self.image.setColorMap(style.binary_colormap())
        else:
            self._white = np.array([255.0, 255.0, 255.0])
            self._palette = np.array([style.region_color(i).getRgb()[:3] for i in range(len(names))], float)
        legend = style.add_legend(plot, entries=len(names) + 2)
        for c, name in enumerate(names):
            color = style.class_color(c)
            for x, y, symbol, legend_name in ((info.raw_x_train, info.y_train, TRAIN_SYMBOL, name),
                                              (info.raw_x_val, info.y_val, VAL_SYMBOL, None)):
                rows = y == c
                item = pg.ScatterPlotItem(x[rows, 0], x[rows, 1], symbol=symbol, size=7,
                                          pen=POINT_PEN, brush=color, name=legend_name)
                plot.addItem(item)
        for symbol, text in ((TRAIN_SYMBOL, "training"), (VAL_SYMBOL, "validation")):
            legend.addItem(pg.ScatterPlotItem(symbol=symbol, size=7, pen=POINT_PEN, brush="#bbbbbb"), text)
        self._add_color_bar()
        self._boundary_bar()

    def _boundary_bar(self) -> None:
        if self.binary:
            self._set_bar(style.binary_colormap(), (0.0, 1.0), f"P({self.class_names[1]})")
            title = f"Decision boundary: probability of {self.class_names[1]}"
        else:
            c = len(self.class_names)
            grey = round(255 * (1 - style.REGION_STRENGTH))
            fade = pg.ColorMap([0.0, 1.0], [pg.mkColor("w"), pg.mkColor((grey, grey, grey))])
            self._set_bar(fade, (1.0 / c, 1.0), "confidence (pale = unsure)")
            title = "Decision boundary: predicted class"
        self._set_title(title)

    def _update_plane(self, b) -> None:
        rect = _pixel_rect(b.xs[0], b.xs[-1], b.ys[0], b.ys[-1], len(b.xs), len(b.ys))
        if self.binary:
            self.image.setImage(b.values, autoLevels=False, levels=(0.0, 1.0))
        else:
            c = len(self.class_names)
            fade = np.clip((b.values - 1.0 / c) / (1.0 - 1.0 / c), 0.0, 1.0)[..., None]
            rgb = self._white - fade * (self._white - self._palette[b.classes])
            self.image.setImage(rgb.astype(np.uint8), autoLevels=False, levels=(0, 255))
        self.image.setRect(rect)
        if self.neuron is not None and b.activations:
            self._draw_neuron(b.activations)

    def _draw_neuron(self, acts: dict) -> None:
        path, unit = self.neuron
        grid = acts.get(path)
        if grid is None or "extent" not in acts or unit >= grid.shape[2]:
            return
        values = grid[:, :, unit]
        x0, x1, y0, y1 = acts["extent"]
        g_y, g_x = values.shape
        bound = max(float(np.max(np.abs(values))), 1e-12)
        self.neuron_image.setImage(values, autoLevels=False, levels=(-bound, bound))
        self.neuron_image.setRect(_pixel_rect(x0, x1, y0, y1, g_x, g_y))
        self.image.hide()
        self.neuron_image.show()
        label = next((lay.label for lay in self._info.layers if lay.path == path), path)
        self._set_bar(style.signed_colormap(), (-bound, bound), "unit output")
        self._set_title(f"Neuron {unit} of layer {label}: its output over the input plane")

    def _add_color_bar(self) -> None:
        bar = pg.ColorBarItem(values=(0, 1), width=15, interactive=False, colorMapMenu=False)
        for name in ("left", "right", "top", "bottom"):
            bar.getAxis(name).setPen(style.FOREGROUND)
            bar.getAxis(name).setTextPen(style.FOREGROUND)
        # inside the plot's own layout (as ColorBarItem.setImageItem(insert_in=) does),
        # so exporting the plot item exports its colour bar too
        self.plot.layout.addItem(bar, 2, 5)
        self.plot.layout.setColumnFixedWidth(4, 5)
        self.color_bar = bar

    def _set_bar(self, cmap: pg.ColorMap, levels, label: str) -> None:
        self.color_bar.setColorMap(cmap)
        self.color_bar.setLevels(levels)
        self.color_bar.getAxis("left").setLabel(label)

    # ---- Private API: regression
    def _setup_curve(self, info: RunInfo) -> None:
        plot = self.plot
        self._set_title("Fitted curve")
        plot.setLabel("bottom", info.feature_names[0])
        plot.setLabel("left", "target")
        style.add_legend(plot)
        parts = ((info.raw_x_train, info.y_train, TRAIN_SYMBOL, style.TRAIN, "training"),
                 (info.raw_x_val, info.y_val, VAL_SYMBOL, style.VALIDATION, "validation"))
        for x, y, symbol, color, name in parts:
            plot.addItem(pg.ScatterPlotItem(x[:, 0], y[:, 0], symbol=symbol, size=5, pen=None,
                                            brush=style.with_alpha(color, 150), name=name))
        self.curve = plot.plot(pen=style.pen("#202020", 2.5), name="network output")

    def _setup_scatter(self) -> None:
        plot = self.plot
        self._set_title("Predicted vs true")
        plot.setLabel("bottom", "true value")
        plot.setLabel("left", "predicted value")
        plot.addLine(pos=(0, 0), angle=45, pen=pg.mkPen(style.FOREGROUND, width=1, style=Qt.DashLine),
                     label="y = x", labelOpts={"position": 0.9, "color": style.FOREGROUND})
        self.scatter = pg.ScatterPlotItem(size=6, pen=POINT_PEN, brush=style.VALIDATION)
        plot.addItem(self.scatter)

    # ---- Private API: confusion matrix
    def _setup_confusion(self, info: RunInfo) -> None:
        plot = self.plot
        names = info.class_names or [str(i) for i in range(info.out_width)]
        c = len(names)
        plot.showGrid(x=False, y=False)
        plot.setLabel("bottom", "predicted class")
        plot.setLabel("left", "true class")
        ticks = [[(float(i), n) for i, n in enumerate(names)], []]
        plot.getAxis("bottom").setTicks(ticks)
        plot.getAxis("left").setTicks(ticks)
        plot.invertY(True)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(style.count_colormap())
        plot.addItem(self.image)
        plot.setRange(xRange=(-0.5, c - 0.5), yRange=(-0.5, c - 0.5), padding=0)
        for i in range(c):
            for j in range(c):
                cell = pg.TextItem("", anchor=(0.5, 0.5))
                cell.setPos(j, i)
                plot.addItem(cell)
                self.cells.append(cell)
        self._add_color_bar()
        self._set_bar(style.count_colormap(), (0, 1), "count")
        self._set_title("Confusion matrix")

    def _update_confusion(self, confusion: np.ndarray, part: str) -> None:
        if self._shown is not None and np.array_equal(self._shown, confusion):
            return  # nothing new: spare re-laying out a hundred texts
        self._shown = confusion
        top = max(int(confusion.max()), 1)
        self.image.setImage(confusion.astype(float), autoLevels=False, levels=(0, top))
        c = len(confusion)
        self.image.setRect(QRectF(-0.5, -0.5, c, c))  # cell (i, j) centred on (j, i); needs the image
        self.color_bar.setLevels((0, top))
        for cell, count in zip(self.cells, confusion.ravel()):
            # zeros in light grey so the few mistakes stand out
            color = "w" if count > 0.55 * top else style.FOREGROUND if count else "#b0b0b0"
            cell.setText(str(int(count)), color=color)
        total = int(confusion.sum())
        accuracy = 100.0 * np.trace(confusion) / total if total else float("nan")
        self._set_title(f"Confusion matrix ({_part_name(part)} set, n = {total}, accuracy {accuracy:.1f} %)")


def _pixel_rect(x0, x1, y0, y1, nx, ny) -> QRectF:
    """The grid values are at pixel centres: widen the extent by half a pixel."""
    dx = (x1 - x0) / max(nx - 1, 1)
    dy = (y1 - y0) / max(ny - 1, 1)
    return QRectF(x0 - dx / 2, y0 - dy / 2, (x1 - x0) + dx, (y1 - y0) + dy)


def _part_color(part: str) -> str:
    return style.VALIDATION if part == "val" else style.TRAIN


def _part_name(part: str) -> str:
    return "validation" if part == "val" else "training"
