"""ROC and precision-recall curves of a binary classifier, beside its confusion matrix.

From each snapshot's predictions (the validation set, or the training set when
there is none; an evenly spaced subsample of at most 4,096 rows): the confusion
matrix at the threshold 0.5, the ROC curve (true against false positive rate at
every threshold) with its area, and the precision-recall curve with the average
precision.  The curves are computed by :func:`core.curves.binary_curves`, as
scikit-learn defines them.  For other tasks the panel says what it is for.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.curves import binary_curves
from core.trainer import RunInfo, Snapshot

from . import style

CURVE_COLOR = "#1f77b4"
CHANCE_PEN = pg.mkPen("#999999", width=1, style=Qt.DashLine)


class RocPanel(QWidget):
    title = "ROC / PR"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = self.tr("ROC / PR")
        self.caption = style.Caption(
            self.tr(
                "For a binary classifier: the confusion matrix at the threshold 0.5 (rows: true class, "
                "columns: predicted); the ROC curve, the true "
                "positive rate against the false positive rate as the threshold falls (the dashed diagonal is "
                "guessing; AUC is the area under the curve); and precision against recall (the dashed line is "
                "the share of positives; AP is the average precision)."
            )
        )
        self.note = QLabel()
        self.note.setObjectName("nonfinite_note")
        self.note.setStyleSheet("color: #b71c1c;")
        self.note.hide()
        self.caption.add_widget(self.note)
        # three views side by side in a widget layout, which shares a narrow dock by stretch
        # factors (one graphics layout let the plots' minimum widths push the third out of view)
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        views = []
        for stretch in (3, 4, 4):
            view = style.new_graphics_widget()
            view.setMinimumWidth(60)
            row.addWidget(view, stretch)
            views.append(view)
        self.confusion_plot, self.roc_plot, self.pr_plot = (view.addPlot() for view in views)
        for plot in (self.confusion_plot, self.roc_plot, self.pr_plot):
            style.style_plot(plot)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
        for plot in (self.roc_plot, self.pr_plot):
            plot.setXRange(0, 1, padding=0.02)
            plot.setYRange(0, 1.02, padding=0.02)
            ticks = [[(v, f"{v:g}") for v in (0.0, 0.5, 1.0)]]  # a narrow plot: three ticks, never run together
            plot.getAxis("bottom").setTicks(ticks)
            plot.getAxis("left").setTicks(ticks)
        # short axis names: three plots share a short, narrow dock (the caption says them in full)
        self.roc_plot.setLabel("bottom", self.tr("false pos. rate"))
        self.roc_plot.setLabel("left", self.tr("true pos. rate"))
        self.pr_plot.setLabel("bottom", self.tr("recall"))
        self.pr_plot.setLabel("left", self.tr("precision"))
        self.roc_plot.plot([0, 1], [0, 1], pen=CHANCE_PEN)
        self.base_line = pg.InfiniteLine(pos=0.5, angle=0, pen=CHANCE_PEN)
        self.pr_plot.addItem(self.base_line)
        self.roc_curve = self.roc_plot.plot([], [], pen=pg.mkPen(CURVE_COLOR, width=2))
        self.auc_text = pg.TextItem("", color=CURVE_COLOR, anchor=(1, 1))
        self.auc_text.setPos(1.0, 0.02)
        self.roc_plot.addItem(self.auc_text)
        self.ap_text = pg.TextItem("", color=CURVE_COLOR, anchor=(0, 1))
        self.ap_text.setPos(0.0, 0.02)
        self.pr_curve = self.pr_plot.plot([], [], pen=pg.mkPen(CURVE_COLOR, width=2))
        self.pr_plot.addItem(self.ap_text)
        self.confusion_image = pg.ImageItem(axisOrder="row-major")
        self.confusion_image.setColorMap(pg.ColorMap([0.0, 1.0], [pg.mkColor("#ffffff"), pg.mkColor("#3b6ea8")]))
        self.confusion_plot.addItem(self.confusion_image)
        self.confusion_plot.invertY(True)
        self.confusion_plot.setXRange(0, 2, padding=0)
        self.confusion_plot.setYRange(0, 2, padding=0)
        self.confusion_plot.showGrid(x=False, y=False)
        # rows: the true class, columns: the predicted one (said in the caption; axis names took the curves' room)
        self.cell_text: list[pg.TextItem] = []
        for r in range(2):
            for c in range(2):
                t = pg.TextItem("", color="k", anchor=(0.5, 0.5))
                t.setPos(c + 0.5, r + 0.5)
                self.confusion_plot.addItem(t)
                self.cell_text.append(t)
        self.message = QLabel(wordWrap=True, alignment=Qt.AlignCenter)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.message)
        layout.addWidget(self.widget, 1)
        self.binary = False
        self.class_names = ["0", "1"]
        self.curves = None
        self._nonfinite = 0

    # ---- Public API
    def reset(self, info: RunInfo) -> None:
        self.binary = info.task == "classification" and _classes(info) == 2
        self.class_names = list(info.class_names or [self.tr("class {i}").format(i=i) for i in range(2)])[:2]
        self.widget.setVisible(self.binary)
        self.message.setVisible(not self.binary)
        if not self.binary:
            self.message.setText(
                self.tr("ROC and precision-recall curves are drawn for binary classification (two classes).")
            )
        for item in (self.roc_curve, self.pr_curve):
            item.setData([], [])
        self.confusion_image.clear()
        for t in self.cell_text:
            t.setText("")
        self.curves = None
        self._set_titles()
        self._set_nonfinite(0)
        ticks = [[(0.5, self.class_names[0]), (1.5, self.class_names[1])]]
        self.confusion_plot.getAxis("bottom").setTicks(ticks)
        self.confusion_plot.getAxis("left").setTicks(ticks)

    def update_snapshot(self, snap: Snapshot) -> None:
        p = snap.predictions
        if not self.binary or p is None or getattr(p, "scores", None) is None:
            return
        if p.confusion is not None:
            confusion = np.asarray(p.confusion, dtype=float)
            total = confusion.sum()
            self.confusion_image.setImage(confusion / max(total, 1.0), autoLevels=False, levels=(0.0, 1.0))
            self.confusion_image.setRect(0, 0, 2, 2)
            for t, n in zip(self.cell_text, confusion.ravel()):
                t.setText(f"{int(n):,}")
        curves = binary_curves(p.labels, p.scores)
        self.curves = curves
        if curves is None:  # one class only in this part of the data
            self.roc_curve.setData([], [])
            self.pr_curve.setData([], [])
            self._set_titles()
            self._set_nonfinite(0)
            return
        self.roc_curve.setData(curves.fpr, curves.tpr)
        self.pr_curve.setData(curves.recall, curves.precision)
        self.base_line.setValue(curves.positives / (curves.positives + curves.negatives))
        self._set_titles(curves)
        self._set_nonfinite(curves.left_out)

    def plot_items(self) -> dict[str, pg.PlotItem]:
        return {"roc": self.roc_plot, "precision_recall": self.pr_plot} if self.binary else {}

    def export_items(self) -> list:
        if not self.binary:
            return []
        return [(self.tr("ROC curve"), self.roc_plot), (self.tr("Precision-recall curve"), self.pr_plot)]

    def nonfinite_note(self) -> str:
        return self.note.text() if self._nonfinite else ""

    # ---- drawing
    def _set_titles(self, curves=None) -> None:
        """Short titles (the area and AP are written inside the plots: long titles made
        the three plots wider than a narrow dock and cut the third off)."""
        self.roc_plot.setTitle(self.tr("ROC"), size="9pt")
        self.pr_plot.setTitle(self.tr("Precision-recall"), size="9pt")
        self.confusion_plot.setTitle(self.tr("Confusion"), size="9pt")
        if curves is None:
            self.auc_text.setText("")
            self.ap_text.setText("")
        else:
            self.auc_text.setText(self.tr("AUC {auc}").format(auc=f"{curves.auc:.3f}"))
            self.ap_text.setText(self.tr("AP {ap}").format(ap=f"{curves.average_precision:.3f}"))

    def _set_nonfinite(self, n: int) -> None:
        self._nonfinite = n
        if n:
            self.note.setText(
                self.tr("%n prediction(s) not finite: left out of the curves (a diverged network).", "", n)
            )
        self.note.setVisible(bool(n))


def _classes(info: RunInfo) -> int:
    if info.class_names:
        return len(info.class_names)
    labels = np.concatenate([np.ravel(info.y_train), np.ravel(info.y_val)])
    return int(labels.max()) + 1 if labels.size else 0
