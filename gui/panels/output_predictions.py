"""The Output panel's views for data that is not a plane: the fitted curve of
1-D regression, predicted against true values, and the confusion matrix.

A mixin of :class:`gui.panels.output_view.OutputPanel` (its strings keep the
"OutputPanel" translation context).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt

from core.trainer import RunInfo

from . import style

POINT_PEN = pg.mkPen("#202020", width=0.8)
TRAIN_SYMBOL, VAL_SYMBOL = "o", "t1"
#: at most this many training (and validation) points are drawn over the plane
MAX_POINTS = 3000
#: a confusion matrix of more classes shows colours without counts (400 texts at most)
MAX_CELL_TEXTS = 20


class PredictionViews:
    def _setup_curve(self, info: RunInfo) -> None:
        plot = self.plot
        self._set_title(QCoreApplication.translate("OutputPanel", "Fitted curve"))
        plot.setLabel("bottom", _input_names(info)[0])
        plot.setLabel("left", QCoreApplication.translate("OutputPanel", "target"))
        style.add_legend(plot)
        parts = (
            (
                info.raw_x_train,
                info.y_train,
                TRAIN_SYMBOL,
                style.TRAIN,
                QCoreApplication.translate("OutputPanel", "training"),
            ),
            (
                info.raw_x_val,
                info.y_val,
                VAL_SYMBOL,
                style.VALIDATION,
                QCoreApplication.translate("OutputPanel", "validation"),
            ),
        )
        for x, y, symbol, color, name in parts:
            y = np.asarray(y).reshape(len(y), -1)[:, 0] if len(y) else np.zeros(0)
            x, y, _n = _drawable_points(np.column_stack([x[:, :1], y]), y)
            plot.addItem(
                pg.ScatterPlotItem(
                    x[:, 0], x[:, 1], symbol=symbol, size=5, pen=None, brush=style.with_alpha(color, 150), name=name
                )
            )
        self.curve = plot.plot(
            pen=style.pen("#202020", 2.5),
            name=QCoreApplication.translate("OutputPanel", "network output"),
            connect="finite",
        )
        self._fit_legend()
        self.caption.setText(
            QCoreApplication.translate(
                "OutputPanel",
                "The network's output for every input value (the dark line) over the training (circles) and "
                "validation (triangles) examples: a good fit follows the trend, not every noisy point.",
            )
        )

    def _setup_scatter(self) -> None:
        plot = self.plot
        self._set_title(QCoreApplication.translate("OutputPanel", "Predicted vs true"))
        plot.setLabel("bottom", QCoreApplication.translate("OutputPanel", "true value"))
        plot.setLabel("left", QCoreApplication.translate("OutputPanel", "predicted value"))
        self.caption.setText(
            QCoreApplication.translate(
                "OutputPanel",
                "Each point is one example: its true target across, the network's prediction up. A perfect model "
                "puts every point on the dashed line y = x.",
            )
        )
        plot.addLine(
            pos=(0, 0),
            angle=45,
            pen=pg.mkPen(style.FOREGROUND, width=1, style=Qt.DashLine),
            label="y = x",
            labelOpts={"position": 0.9, "color": style.FOREGROUND},
        )
        self.scatter = pg.ScatterPlotItem(size=6, pen=POINT_PEN, brush=style.VALIDATION)
        plot.addItem(self.scatter)

    # ---- Private API: confusion matrix
    def _setup_confusion(self, info: RunInfo) -> None:
        plot = self.plot
        names = info.class_names or [str(i) for i in range(info.out_width)]
        c = len(names)
        plot.showGrid(x=False, y=False)
        plot.setLabel("bottom", QCoreApplication.translate("OutputPanel", "predicted class"))
        plot.setLabel("left", QCoreApplication.translate("OutputPanel", "true class"))
        self.caption.setText(
            QCoreApplication.translate(
                "OutputPanel",
                "Row: the true class, column: the class the network predicted; each cell counts examples, so the "
                "diagonal holds the correct ones and any other cell a kind of mistake.",
            )
        )
        every = 1 if c <= MAX_CELL_TEXTS else -(-c // MAX_CELL_TEXTS)  # names that fit, not overlapping
        ticks = [[(float(i), str(n)) for i, n in enumerate(names) if i % every == 0], []]
        plot.getAxis("bottom").setTicks(ticks)
        plot.getAxis("left").setTicks(ticks)
        plot.invertY(True)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(style.count_colormap())
        plot.addItem(self.image)
        plot.setRange(xRange=(-0.5, c - 0.5), yRange=(-0.5, c - 0.5), padding=0)
        for i in range(c if c <= MAX_CELL_TEXTS else 0):  # many classes: colours only, no counts
            for j in range(c):
                cell = pg.TextItem("", anchor=(0.5, 0.5))
                cell.setPos(j, i)
                plot.addItem(cell)
                self.cells.append(cell)
        self._add_color_bar()
        self._set_bar(style.count_colormap(), (0, 1), QCoreApplication.translate("OutputPanel", "count"))
        self._set_title(QCoreApplication.translate("OutputPanel", "Confusion matrix"))

    def _update_confusion(self, confusion: np.ndarray, part: str) -> None:
        confusion = np.nan_to_num(np.asarray(confusion, dtype=float), nan=0.0, posinf=0.0, neginf=0.0)
        confusion = np.clip(confusion, 0, 1e15).astype(np.int64)
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
        self._set_title(
            QCoreApplication.translate(
                "OutputPanel", "Confusion matrix ({part} set, n = {n}, accuracy {acc:.1f} %)"
            ).format(part=_part_name(part), n=total, acc=accuracy)
        )


def _part_name(part: str) -> str:
    if part == "val":
        return QCoreApplication.translate("OutputPanel", "validation")
    return QCoreApplication.translate("OutputPanel", "training")


def _input_names(info: RunInfo) -> list[str]:
    """Names of the raw input columns (the features may be fewer or others, e.g. only x1*x2)."""
    columns = info.raw_x_train.shape[1]
    names = list(info.feature_names)
    if len(names) == columns:
        return names
    return [f"x{i + 1}" for i in range(columns)]


def _drawable_points(x: np.ndarray, y: np.ndarray, limit: int = MAX_POINTS, seed: int = 0):
    """The rows of ``x`` (and labels ``y``) that can be drawn, at most ``limit`` of them
    chosen at random (the same ones every time); also how many rows there were."""
    n = len(x)
    x = np.asarray(x, dtype=float)
    with np.errstate(invalid="ignore"):
        keep = np.all(np.abs(x) <= style.DRAW_LIMIT, axis=1) if x.size else np.ones(n, bool)
    rows = np.flatnonzero(keep)
    if len(rows) > limit:
        rows = np.sort(np.random.default_rng(seed).choice(rows, limit, replace=False))
    return x[rows], np.asarray(y)[rows], n


def _sample_rows(n: int, limit: int, seed: int = 0) -> np.ndarray:
    """``limit`` of ``n`` row indices, random but the same every time (cached: called per frame)."""
    key = (n, limit, seed)
    rows = _SAMPLES.get(key)
    if rows is None:
        rows = _SAMPLES[key] = np.sort(np.random.default_rng(seed).choice(n, limit, replace=False))
        if len(_SAMPLES) > 8:
            _SAMPLES.pop(next(iter(_SAMPLES)))
    return rows


_SAMPLES: dict = {}
