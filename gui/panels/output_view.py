"""What the network outputs, drawn the way the data allows.

* 2-D classification: the decision boundary as a heat map over the input
  plane, with the training (circles) and validation (triangles) points on top,
  in raw coordinates.  Binary: colour = P(class 1) from the class-0 colour
  through white (p = 0.5) to the class-1 colour.  Multi-class: colour = the
  predicted class, faded towards white where the model is unsure.
* 1-D regression: the data and the fitted curve.
* Other regression: predicted against true values with the line y = x.
* Classification with more inputs: the decision map on the plane of the first
  two principal components of the network's inputs (or two chosen inputs, the
  others at their means) with the points projected onto it; or the confusion
  matrix with counts.

:meth:`OutputPanel.show_neuron` temporarily replaces the decision boundary by
one hidden unit's output over the same plane (hover a neuron on the canvas).

Values that are not finite (a diverged run) are drawn as missing (white) and
counted in a note; titles never widen the plot (a long one used to push the
colour bar out of the dock); with many points a random subset of at most
:data:`MAX_POINTS` per set is drawn, and the caption says so.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from core.trainer import RunInfo, Snapshot

from . import style
from .output_predictions import (  # noqa: F401 (MAX_POINTS re-exported)
    MAX_CELL_TEXTS,
    MAX_POINTS,
    POINT_PEN,
    TRAIN_SYMBOL,
    VAL_SYMBOL,
    PredictionViews,
    _drawable_points,
    _input_names,
    _part_name,
    _sample_rows,
)
from .paint_data import PaintTool


class OutputPanel(PredictionViews, QWidget):
    title = "Output"
    plane_requested = Signal(object)  # None (principal components) or two raw input columns

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = self.tr("Output")
        self.widget = style.new_graphics_widget()
        self.caption = style.Caption()
        self.note = QLabel()
        self.note.setObjectName("nonfinite_note")
        self.note.setStyleSheet("color: #b71c1c;")
        self.note.hide()
        self._nonfinite = 0
        self.caption.add_widget(self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.widget)
        self.mode = "none"  # "plane", "curve", "scatter" or "confusion", from the RunInfo
        self.plot: pg.PlotItem | None = None
        self.neuron: tuple[str, int] | None = None  # (layer path, unit) shown instead of the boundary
        self._info: RunInfo | None = None
        self._plane = None  # core.plane.Plane shown for data with more than two inputs
        self._last_snapshot = None
        self._setup_selectors()
        self._clear_items()
        self.paint = PaintTool(self)  # paint the data on the raw 2-D plane (gui/panels/paint_data.py)

    # ---- Public API
    def reset(self, info: RunInfo) -> None:
        self._info = info
        self._plane = None
        self.neuron = None
        self.widget.clear()
        self.plot = self.widget.addPlot()
        style.style_plot(self.plot)
        self._clear_items()
        self._set_nonfinite(0)
        raw_columns = info.raw_x_train.shape[1]
        classification = info.task == "classification"
        plane = getattr(info, "plane", None)
        many = classification and raw_columns > 2 and plane is not None
        self._show_selectors(info if many else None)
        if classification and raw_columns == 2:
            self.mode = "plane"
            self._setup_plane(info)
        elif many and self.view_combo.currentData() == "plane":
            self.mode = "plane"
            self._setup_plane(info, plane)
        elif not classification and raw_columns == 1:
            self.mode = "curve"
            self._setup_curve(info)
        elif classification:
            self.mode = "confusion"
            self._setup_confusion(info)
        else:
            self.mode = "scatter"
            self._setup_scatter()
        self.paint.attach(info)

    def update_snapshot(self, snap: Snapshot) -> None:
        self._last_snapshot = snap
        b, p = snap.boundary, snap.predictions
        if self.mode == "plane" and b is not None and b.ys is not None:
            self._update_plane(b)
        elif self.mode == "curve" and b is not None:
            values, bad = style.drawable(np.ravel(b.values))
            self.curve.setData(b.xs, values)
            self._set_nonfinite(bad)
        elif self.mode == "confusion" and p is not None and p.confusion is not None:
            self._update_confusion(p.confusion, p.part)
        elif self.mode == "scatter" and p is not None and p.y_true is not None:
            y_true, y_pred = np.ravel(p.y_true), np.ravel(p.y_pred)
            if len(y_true) > MAX_POINTS:  # the same random examples every time
                rows = _sample_rows(len(y_true), MAX_POINTS)
                y_true, y_pred = y_true[rows], y_pred[rows]
            y_true, bad_t = style.drawable(y_true)
            y_pred, bad_p = style.drawable(y_pred)
            keep = np.isfinite(y_true) & np.isfinite(y_pred)
            self.scatter.setData(y_true[keep], y_pred[keep], brush=_part_color(p.part))
            self._set_title(self.tr("Predicted vs true ({part} set)").format(part=_part_name(p.part)))
            self._set_nonfinite(bad_t + bad_p)

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
        bad = self._draw_neuron(acts)
        if bad:
            self._set_nonfinite(bad)

    def plot_items(self) -> dict[str, pg.PlotItem]:
        return {} if self.plot is None else {"output": self.plot}

    def export_items(self) -> list:
        """(human title, plot item) for every plot the Export Plot menu offers."""
        if self.plot is None:
            return []
        title = {
            "plane": self.tr("Decision boundary"),
            "curve": self.tr("Fitted curve"),
            "scatter": self.tr("Predicted against true values"),
            "confusion": self.tr("Confusion matrix"),
        }.get(self.mode, self.tr("Output"))
        if self.mode == "plane" and self.neuron is not None:
            title = self.tr("Neuron output over the input plane")
        return [(title, self.plot)]

    def nonfinite_note(self) -> str:
        return style.nonfinite_text(self._nonfinite)

    def _set_nonfinite(self, n: int) -> None:
        if n != self._nonfinite or self.note.isHidden() == bool(n):
            self._nonfinite = n
            self.note.setText(style.nonfinite_text(n))
            self.note.setVisible(bool(n))

    # ---- Private API
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_legend()

    def _fit_legend(self) -> None:
        if self.plot is not None:
            bar = 90 if self.color_bar is not None else 0
            style.fit_legend(self.plot, self.width() - style.LEFT_AXIS_WIDTH - bar)

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
        self._points_note = ""

    def _set_title(self, title: str) -> None:
        if title != self._title:
            self._title = title
            style.set_title(self.plot, title)

    # ---- Private API: 2-D classification
    def _setup_plane(self, info: RunInfo, plane=None) -> None:
        """The decision map over the input plane (2-D data), or over ``plane`` (a
        core.plane.Plane: principal components, or two inputs with the others at
        their means) with every point projected onto it."""
        plot = self.plot
        self._plane = plane
        plot.showGrid(x=False, y=False)  # grid lines over a heat map are noise
        classes = max(int(info.out_width) if info.out_width > 1 else 2, int(_max_label(info)) + 1)
        names = info.class_names or [self.tr("class {i}").format(i=i) for i in range(classes)]
        self.class_names = names
        self.binary = len(names) == 2
        x_name, y_name = _input_names(info) if plane is None else self._plane_labels(plane)
        plot.setLabel("bottom", x_name)
        plot.setLabel("left", y_name)
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
        shown = total = 0
        x_train, x_val = (info.raw_x_train, info.raw_x_val) if plane is None else (plane.train_uv, plane.val_uv)
        for x, y, symbol, in_legend in (
            (x_train, info.y_train, TRAIN_SYMBOL, True),
            (x_val, info.y_val, VAL_SYMBOL, False),
        ):
            x, y, n = _drawable_points(x, np.ravel(y))
            total += n
            shown += len(y)
            for c, name in enumerate(names):
                rows = y == c
                item = pg.ScatterPlotItem(
                    x[rows, 0],
                    x[rows, 1],
                    symbol=symbol,
                    size=7,
                    pen=POINT_PEN,
                    brush=style.class_color(c),
                    name=name if in_legend else None,
                )
                plot.addItem(item)
        for symbol, text in ((TRAIN_SYMBOL, self.tr("training")), (VAL_SYMBOL, self.tr("validation"))):
            legend.addItem(pg.ScatterPlotItem(symbol=symbol, size=7, pen=POINT_PEN, brush="#bbbbbb"), text)
        self._points_note = (
            ""
            if shown == total
            else " "
            + self.tr("Showing {n} of {total} points, chosen at random.").format(n=f"{shown:,}", total=f"{total:,}")
        )
        self._add_color_bar()
        self._boundary_bar()
        self._fit_legend()

    def changeEvent(self, event) -> None:
        """A language switch: the captions and axes are made of several translated parts,
        so they are made again (a text made of parts cannot be looked up whole)."""
        if event.type() == QEvent.LanguageChange and self._info is not None:
            self.view_combo.setItemText(0, self.tr("Decision map"))
            self.view_combo.setItemText(1, self.tr("Confusion matrix"))
            self._filling = True
            try:
                self.reset(self._info)
            finally:
                self._filling = False
            if self._last_snapshot is not None:
                self.update_snapshot(self._last_snapshot)
        super().changeEvent(event)

    # ---- data with more than two inputs: which plane, or the confusion matrix
    def _setup_selectors(self) -> None:
        self.view_combo = QComboBox()
        self.view_combo.addItem(self.tr("Decision map"), "plane")
        self.view_combo.addItem(self.tr("Confusion matrix"), "confusion")
        self.view_combo.setToolTip(
            self.tr("With more than two inputs: the decision map on a plane through the data, or the confusion matrix")
        )
        self.x_combo, self.y_combo = QComboBox(), QComboBox()
        self.x_combo.setToolTip(self.tr("Horizontal axis: the first principal component, or one input"))
        self.y_combo.setToolTip(self.tr("Vertical axis: the second principal component, or one input"))
        self.view_combo.currentIndexChanged.connect(self._on_view_chosen)
        for combo in (self.x_combo, self.y_combo):
            combo.currentIndexChanged.connect(self._on_axis_chosen)
        for w in (self.view_combo, self.x_combo, self.y_combo):
            w.hide()
            self.caption.add_widget(w)

    def _show_selectors(self, info: RunInfo | None) -> None:
        """Fill and show the selectors for data with more than two inputs (hide them otherwise)."""
        self._filling = True
        try:
            if info is not None:
                names = _input_names(info)
                for combo, pc in ((self.x_combo, "PC1"), (self.y_combo, "PC2")):
                    combo.clear()
                    combo.addItem(pc, None)  # a principal component ("PC1", as the axis says)
                    for i, name in enumerate(names):
                        combo.addItem(name, i)
                plane = info.plane
                if plane.kind == "inputs":
                    self.x_combo.setCurrentIndex(plane.columns[0] + 1)
                    self.y_combo.setCurrentIndex(plane.columns[1] + 1)
        finally:
            self._filling = False
        self.view_combo.setVisible(info is not None)
        on_plane = info is not None and self.view_combo.currentData() == "plane"
        self.x_combo.setVisible(on_plane)
        self.y_combo.setVisible(on_plane)

    def _on_view_chosen(self, _index) -> None:
        if self._info is not None and not getattr(self, "_filling", False):
            self.reset(self._info)
            if self._last_snapshot is not None:
                self.update_snapshot(self._last_snapshot)

    def _on_axis_chosen(self, _index) -> None:
        if getattr(self, "_filling", False) or self._info is None:
            return
        x, y = self.x_combo.currentData(), self.y_combo.currentData()
        if x is None or y is None:  # a principal component on either axis: the principal plane
            choice = None
        elif x == y:
            self.caption.setText(self.tr("Choose two different inputs for the two axes."))
            return
        else:
            choice = (x, y)
        self.plane_requested.emit(choice)

    def set_plane(self, plane) -> None:
        """The training process answered a plane choice: draw the map on it."""
        if self._info is None or plane is None:
            return
        import dataclasses

        self._info = dataclasses.replace(self._info, plane=plane)
        self.reset(self._info)
        if self._last_snapshot is not None:
            self.update_snapshot(self._last_snapshot)

    def _plane_labels(self, plane) -> tuple[str, str]:
        if plane.kind == "pca":
            return tuple(
                self.tr("PC{n} ({share} % of the variance)").format(n=n, share=f"{100 * share:.0f}")
                for n, share in zip((1, 2), plane.explained)
            )
        return plane.labels

    def _plane_note(self) -> str:
        plane = self._plane
        if plane is None:
            return ""
        if plane.kind == "pca":
            return " " + self.tr(
                "With {n} inputs the map is drawn on the plane of the first two principal components of the "
                "network's inputs, through their mean; the points are projected onto it, so neighbours on the "
                "plane may be far apart in the full space."
            ).format(n=self._info.raw_x_train.shape[1] if self._info is not None else "")
        return " " + self.tr("The other inputs are held at their training means.")

    def _boundary_bar(self) -> None:
        if self.binary:
            self._set_bar(style.binary_colormap(), (0.0, 1.0), f"P({self.class_names[1]})")
            title = self.tr("Decision boundary: P({name})").format(name=self.class_names[1])
            caption = self.tr(
                "The network's probability of {name} at every point of the input plane: white is 0.5, the "
                "decision boundary. Circles: training points, triangles: validation points, in their true "
                "class's colour; a point on the other colour is misclassified."
            ).format(name=self.class_names[1])
        else:
            c = len(self.class_names)
            grey = round(255 * (1 - style.REGION_STRENGTH))
            fade = pg.ColorMap([0.0, 1.0], [pg.mkColor("w"), pg.mkColor((grey, grey, grey))])
            self._set_bar(fade, (1.0 / c, 1.0), self.tr("confidence (pale = unsure)"))
            title = self.tr("Decision boundary: predicted class")
            caption = self.tr(
                "The class the network predicts at every point of the input plane, pale where it is unsure. "
                "Circles: training points, triangles: validation points, in their true class's colour."
            )
        self._set_title(title)
        self.caption.setText(caption + self._plane_note() + self._points_note)

    def _update_plane(self, b) -> None:
        rect = _extent_rect(b.xs, b.ys)
        values, bad = style.drawable(b.values)
        values = values.reshape(np.shape(b.values))
        if self.binary:
            # NaN (not finite): transparent, the white background shows
            self.image.setImage(np.clip(values, 0.0, 1.0), autoLevels=False, levels=(0.0, 1.0))
        else:
            c = len(self.class_names)
            missing = np.isnan(values)
            fade = np.clip((np.nan_to_num(values, nan=1.0 / c) - 1.0 / c) / (1.0 - 1.0 / c), 0.0, 1.0)[..., None]
            classes = np.clip(np.nan_to_num(np.asarray(b.classes, dtype=float)), 0, len(self._palette) - 1)
            rgb = self._white - fade * (self._white - self._palette[classes.astype(np.intp)])
            rgb[missing] = self._white
            self.image.setImage(rgb.astype(np.uint8), autoLevels=False, levels=(0, 255))
        if rect is not None:
            self.image.setRect(rect)
        if self.neuron is not None and b.activations:
            bad += self._draw_neuron(b.activations)
        self._set_nonfinite(bad)

    def _draw_neuron(self, acts: dict) -> int:
        """Draw the hovered unit; returns how many of its values were not finite."""
        path, unit = self.neuron
        grid = acts.get(path)
        if grid is None or "extent" not in acts or np.ndim(grid) != 3 or unit >= grid.shape[2]:
            return 0
        values, bad = style.drawable(grid[:, :, unit])
        values = values.reshape(grid.shape[:2])
        g_y, g_x = values.shape
        finite = np.abs(values[np.isfinite(values)])
        bound = max(float(finite.max()) if finite.size else 1.0, 1e-12)
        self.neuron_image.setImage(values, autoLevels=False, levels=(-bound, bound))
        extent = [float(v) for v in acts["extent"]]
        if all(style.finite_number(v) for v in extent):
            x0, x1, y0, y1 = extent
            self.neuron_image.setRect(_pixel_rect(x0, x1, y0, y1, g_x, g_y))
        self.image.hide()
        self.neuron_image.show()
        label = next((lay.label for lay in self._info.layers if lay.path == path), path)
        self._set_bar(style.signed_colormap(), (-bound, bound), self.tr("unit output"))
        self._set_title(self.tr("Neuron {unit} of {layer}").format(unit=unit, layer=label))
        self.caption.setText(
            self.tr(
                "The output of one hidden unit at every point of the input plane (purple negative, white 0, green "
                "positive): the piece of the boundary this unit contributes. Move the mouse off it to go back."
            )
        )
        return bad

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


def _pixel_rect(x0, x1, y0, y1, nx, ny) -> QRectF:
    """The grid values are at pixel centres: widen the extent by half a pixel."""
    dx = (x1 - x0) / max(nx - 1, 1)
    dy = (y1 - y0) / max(ny - 1, 1)
    return QRectF(x0 - dx / 2, y0 - dy / 2, (x1 - x0) + dx, (y1 - y0) + dy)


def _part_color(part: str) -> str:
    return style.VALIDATION if part == "val" else style.TRAIN


def _max_label(info: RunInfo) -> int:
    labels = np.concatenate([np.ravel(info.y_train), np.ravel(info.y_val)])
    labels = labels[np.isfinite(labels)] if labels.dtype.kind == "f" else labels
    return int(labels.max()) if labels.size else 1


def _extent_rect(xs, ys) -> QRectF | None:
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    ends = (xs[0], xs[-1], ys[0], ys[-1])
    if not all(style.finite_number(v) for v in ends):
        return None
    return _pixel_rect(*ends, len(xs), len(ys))
