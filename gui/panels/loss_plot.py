"""Loss (and accuracy) over training steps.

The batch loss is logged every step and is noisy, so it is a faint thin line;
the training and validation losses are measured on the whole sets at the end
of each epoch and drawn as lines with markers at those steps.  For
classification a second plot, x-linked, shows the accuracies in percent.

Each series keeps at most :data:`MAX_POINTS` points (neighbours are averaged
as it grows), so a run of millions of steps costs the same per frame as a
short one.  Values that are not finite (a diverged run) or too large to draw
are left as gaps, and the panel says how many there were.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QCheckBox, QLabel, QVBoxLayout, QWidget

from core.losses import original_unit_scale
from core.trainer import RunInfo, Snapshot

from . import style
from .change_markers import ChangeMarkers
from .run_tree import RunTreeCurves
from .series import Series
from .timeline import TimelineStrip

LEFT_AXIS_WIDTH = 60
SERIES = ("batch_loss", "train_loss", "val_loss", "train_accuracy", "val_accuracy")
MAX_POINTS = 2000
COMPACT_HEIGHT = 420  # below this panel height the plots go without titles
MAX_MARKERS = 150  # above this many evaluations, markers would hide the line: draw it plain


class LossPanel(QWidget):
    rewind_requested = Signal(int)  # a step picked on the curve (its context menu)
    branch_requested = Signal(int)  # Branch from Step N (the curve's or the timeline's context menu)
    title = "Loss"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = self.tr("Loss")
        # the batch loss is logged every step: keep the drawing cost bounded on long runs
        self.series = {name: Series(max_points=MAX_POINTS) for name in SERIES}
        self._drawn = dict.fromkeys(SERIES, -1)  # series version each curve shows
        self._classification = True
        self._nonfinite = 0

        self.caption = style.Caption(self._caption_text(True))
        self.log_y = QCheckBox(self.tr("log y"))
        self.log_y.setObjectName("loss_log_y")
        self.log_y.setToolTip(self.tr("Logarithmic loss axis: shows progress when the loss is already small"))
        self.log_y.toggled.connect(self._on_log_y_toggled)
        self.note = QLabel()
        self.note.setObjectName("nonfinite_note")
        self.note.setStyleSheet("color: #b71c1c;")
        self.note.hide()

        self.loss_widget = pg.PlotWidget(background=style.BACKGROUND, axisItems={"left": style.LogFriendlyAxis("left")})
        self.loss_widget.setMinimumHeight(110)
        self.loss_plot = style.style_plot(self.loss_widget.getPlotItem())
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.loss_plot.setLabel("bottom", self.tr("step"))
        self._compact = None  # titles hidden in a short dock
        # one legend for both plots (the accuracy uses the same colours and markers), under the lower one
        self.loss_legend = style.add_legend(self.loss_plot)
        self.curves = {
            "batch_loss": self._curve(self.loss_plot, self.tr("batch loss"), style.BATCH, style.THIN_WIDTH),
            "train_loss": self._curve(self.loss_plot, self.tr("training"), style.TRAIN, symbol="o"),
            "val_loss": self._curve(self.loss_plot, self.tr("validation"), style.VALIDATION, symbol="t1"),
        }

        self.accuracy_widget = pg.PlotWidget(background=style.BACKGROUND, axisItems={"left": style.PercentAxis("left")})
        self.accuracy_widget.setMinimumHeight(90)
        self.accuracy_plot = style.style_plot(self.accuracy_widget.getPlotItem())
        self._titles = {self.loss_plot: self.tr("Loss"), self.accuracy_plot: self.tr("Accuracy")}
        self.accuracy_plot.setLabel("left", self.tr("accuracy %"))
        self.accuracy_plot.setLabel("bottom", self.tr("step"))
        self.accuracy_plot.setXLink(self.loss_plot)
        self.accuracy_plot.setYRange(-8, 108, padding=0)  # room for the "0" and "100" labels
        self.accuracy_plot.enableAutoRange(y=False)
        self.curves["train_accuracy"] = self._curve(self.accuracy_plot, None, style.TRAIN, symbol="o")
        self.curves["val_accuracy"] = self._curve(self.accuracy_plot, None, style.VALIDATION, symbol="t1")
        self.accuracy_legend = style.add_legend(self.accuracy_plot)
        for name in ("batch_loss", "train_loss", "val_loss"):
            self.accuracy_legend.addItem(self.curves[name], self.curves[name].opts["name"])

        self._markers = {name: curve.marker for name, curve in self.curves.items()}
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)  # the two step axes line up

        self.caption.add_widget(self.note)
        self.caption.add_widget(self.log_y)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        self.plots_box = QBoxLayout(QBoxLayout.TopToBottom)
        self.plots_box.setSpacing(0)
        # the timeline strip right under the loss plot, on its step axis (also side by side)
        self.timeline = TimelineStrip()
        self.timeline.link(self.loss_plot)
        self.timeline.rewind_requested.connect(self.rewind_requested)
        self.timeline.branch_requested.connect(self.branch_requested)
        loss_column = QWidget()
        column = QVBoxLayout(loss_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.loss_widget, 1)
        column.addWidget(self.timeline)
        self.plots_box.addWidget(loss_column, 3)
        self.plots_box.addWidget(self.accuracy_widget, 2)
        layout.addLayout(self.plots_box, 1)
        self._side_by_side = False
        self._fit_titles()
        self.markers = ChangeMarkers([self.loss_plot, self.accuracy_plot])
        # the curve is a timeline: right-click a step on it to go back there (Train -> Rewind)
        self._rewind_step: int | None = None
        self.rewind_action = QAction(self.tr("Rewind to This Step"), self)
        self.rewind_action.setToolTip(self.tr("Go back to the step under the mouse and continue from there"))
        self.rewind_action.triggered.connect(self._on_rewind_action)
        self.branch_action = QAction(self.tr("Branch from This Step…"), self)
        self.branch_action.setToolTip(
            self.tr("Keep this run in the run history and continue from the step under the mouse as a new run")
        )
        self.branch_action.triggered.connect(self._on_branch_action)
        self.tree = RunTreeCurves(self.loss_plot)  # the other runs of this run's tree, faded
        for widget in (self.loss_widget, self.accuracy_widget):
            widget.scene().sigMouseClicked.connect(self._on_plot_clicked)
            menu = widget.getPlotItem().getViewBox().menu
            menu.insertAction(menu.actions()[0] if menu.actions() else None, self.rewind_action)
            menu.insertAction(menu.actions()[1] if len(menu.actions()) > 1 else None, self.branch_action)

    # ---- Public API
    def reset(self, info: RunInfo) -> None:
        self._classification = info.task == "classification"
        self.accuracy_widget.setVisible(self._classification)
        self._arrange()
        self._fit()
        loss_name = {
            "mse": self.tr("mean squared error"),
            "bce": self.tr("binary cross-entropy"),
            "cross_entropy": self.tr("cross-entropy"),
        }.get(info.loss, info.loss)
        # a standardised regression target: the loss drawn in the target's own units when one
        # factor converts it exactly (one column; mse: σ², mae: σ), else said to be standardised
        self._unit_scale = original_unit_scale(info.loss, getattr(info, "target_std", None))
        standardised = getattr(info, "target_std", None) is not None
        if standardised and self._unit_scale is not None:
            title = self.tr("Loss ({name}, in the target's units)").format(name=loss_name)
        elif standardised:
            title = self.tr("Loss ({name}, of the standardised target)").format(name=loss_name)
        else:
            title = self.tr("Loss ({name})").format(name=loss_name)
        self._titles[self.loss_plot] = title
        self._compact = None
        self._fit_titles()
        self.caption.setText(self._caption_text(self._classification))
        self._clear()
        self.timeline.clear()
        self.timeline.refresh()

    def update_snapshot(self, snap: Snapshot) -> None:
        h = snap.history
        if snap.history_start == 0:
            self._clear()
        self.markers.update(getattr(snap, "changes", ()))
        self.timeline.set_step(int(snap.step))
        if len(h.get("step", ())) == 0:
            return
        steps = np.asarray(h["step"], dtype=float)
        for s in self.series.values():
            s.drop_from(steps[0])
        scale = getattr(self, "_unit_scale", None) or 1.0
        batch, bad = style.drawable(np.asarray(h["batch_loss"], dtype=float) * scale)
        self.series["batch_loss"].append(steps, batch)  # NaN: a gap in the line
        names = SERIES[1:] if self._classification else SERIES[1:3]
        for name in names:
            values = np.asarray(h[name], dtype=float)
            evaluated = ~np.isnan(values)  # NaN: not evaluated at this step; inf: evaluated, not finite
            values, n = style.drawable(values)
            bad += n - int(np.count_nonzero(~evaluated))
            if name.endswith("accuracy"):  # fractions in the history; the axis is in percent
                values = values * 100.0
            else:
                values = values * scale
            self.series[name].append_finite(steps, values)
        if bad:
            self._set_nonfinite(self._nonfinite + bad)
        if self.isVisible():  # hidden (a background dock tab): keep accumulating, draw on show
            self._draw()

    def _on_plot_clicked(self, event) -> None:
        """Remember the step under a right-click, for the context menu's Rewind entry."""
        if event.button() != Qt.RightButton:
            return
        for plot in (self.loss_plot, self.accuracy_plot):
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(event.scenePos()):
                self.set_rewind_step(vb.mapSceneToView(event.scenePos()).x())
                return

    def set_rewind_step(self, x: float) -> None:
        """The step the context menu's Rewind entry goes back to (the nearest logged step)."""
        last = self.series["batch_loss"].x[-1] if len(self.series["batch_loss"]) else 0
        if not np.isfinite(x) or last < 1:
            self._rewind_step = None
        else:
            self._rewind_step = int(min(max(round(x), 0), last))
        self.rewind_action.setEnabled(self._rewind_step is not None)
        self.branch_action.setEnabled(self._rewind_step is not None)
        if self._rewind_step is not None:
            self.rewind_action.setText(self.tr("Rewind to Step {n}").format(n=f"{self._rewind_step:,}"))
            self.branch_action.setText(self.tr("Branch from Step {n}…").format(n=f"{self._rewind_step:,}"))

    def _on_rewind_action(self) -> None:
        if self._rewind_step is not None:
            self.rewind_requested.emit(self._rewind_step)

    def show_tree(self, curves, current_branch=None) -> None:
        """The other runs of the current run's tree (see :mod:`gui.panels.run_tree`), faded."""
        self.tree.show(curves, current_branch, getattr(self, "_unit_scale", None) or 1.0)
        if self.tree.max_step:
            last = self.series["batch_loss"].x[-1] if len(self.series["batch_loss"]) else 0.0
            style.grow_x_range(self.loss_plot, max(float(last), self.tree.max_step))

    def _on_branch_action(self) -> None:
        if self._rewind_step is not None:
            self.branch_requested.emit(self._rewind_step)

    def plot_items(self) -> dict[str, pg.PlotItem]:
        self._draw()  # up to date even if hidden: the items are exported
        items = {"loss": self.loss_plot}
        if self._classification:
            items["accuracy"] = self.accuracy_plot
        return items

    def export_items(self) -> list:
        """(human title, plot item) for every plot the Export Plot menu offers."""
        self._draw()
        items = [(self.tr("Loss over training steps"), self.loss_plot)]
        if self._classification:
            items.append((self.tr("Accuracy over training steps"), self.accuracy_plot))
        return items

    def nonfinite_note(self) -> str:
        return style.nonfinite_text(self._nonfinite)

    def changeEvent(self, event):
        # the caption is two sentences put together: put them together again in the new language
        if event.type() == QEvent.Type.LanguageChange:
            self.caption.setText(self._caption_text(getattr(self, "_classification", True)))
        super().changeEvent(event)

    # ---- Private API
    def _caption_text(self, classification: bool) -> str:
        text = self.tr(
            "Loss after each step: the faint line is the loss of each mini-batch (noisy); the markers "
            "are the loss on the whole training and validation sets, measured at the end of each epoch. "
            "Validation rising while training falls means overfitting."
        )
        if classification:
            text += " " + self.tr("Below: the share of examples classified correctly.")
        return text

    @staticmethod
    def _curve(plot, name, color, width=style.LINE_WIDTH, symbol=None):
        kwargs = {}
        if symbol is not None:
            kwargs = {"symbol": symbol, "symbolSize": 6, "symbolPen": pg.mkPen(color), "symbolBrush": pg.mkBrush(color)}
        curve = plot.plot(name=name, pen=style.pen(color, width), connect="finite", **kwargs)
        curve.marker = symbol
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
        return curve

    def _draw(self) -> None:
        for name, s in self.series.items():
            if self._drawn[name] != s.version:  # evaluation curves change once an epoch
                self._drawn[name] = s.version
                curve = self.curves[name]
                if name != "batch_loss":
                    marker = self._markers[name] if len(s) <= MAX_MARKERS else None
                    if curve.opts["symbol"] != marker:
                        curve.setSymbol(marker)
                curve.setData(s.x, s.y)
        batch = self.series["batch_loss"]
        if len(batch) and np.isfinite(batch.x[-1]):
            style.grow_x_range(self.loss_plot, max(float(batch.x[-1]), self.tree.max_step))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._draw()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._wants_side_by_side() != self._side_by_side:
            self._arrange()
        for plot in (self.loss_plot, self.accuracy_plot):
            style.fit_legend(plot, (self.width() // (2 if self._side_by_side else 1)) - LEFT_AXIS_WIDTH)
        self._fit_titles()

    def _wants_side_by_side(self) -> bool:
        return self._classification and self.width() > 1.5 * self.height() and self.height() < 330

    def _arrange(self) -> None:
        """Loss above accuracy; side by side in a short, wide dock (stacked, the
        accuracy plot was a sliver there)."""
        side = self._side_by_side = self._wants_side_by_side()
        self.plots_box.setDirection(QBoxLayout.LeftToRight if side else QBoxLayout.TopToBottom)
        self.plots_box.setStretch(0, 1 if side else 3)
        self.plots_box.setStretch(1, 1 if side else 2)
        # stacked, the accuracy plot below shares the step axis and carries its label, values and the legend
        own_axis = side or not self._classification
        bottom = self.loss_plot.getAxis("bottom")
        bottom.showLabel(own_axis)
        bottom.setStyle(showValues=own_axis)
        bottom.setHeight(None if own_axis else 8)
        style.show_legend(self.loss_plot, self.loss_legend, not self._classification)

    def _fit_titles(self) -> None:
        """Plot titles only when there is height to spare (a 230 px dock needs it for the data)."""
        compact = self.height() < COMPACT_HEIGHT
        if compact == self._compact:
            return
        self._compact = compact
        for plot, title in self._titles.items():
            if compact:
                plot.setTitle(None)
            else:
                style.set_title(plot, title)

    def _clear(self) -> None:
        self.markers.reset()
        self.loss_plot._grown_limit = None
        self._set_nonfinite(0)
        for name, s in self.series.items():
            s.clear()
            self.curves[name].setData([], [])
            self._drawn[name] = s.version

    def _set_nonfinite(self, n: int) -> None:
        if n != self._nonfinite or self.note.isHidden() == bool(n):
            self._nonfinite = n
            self.note.setText(style.nonfinite_text(n))
            self.note.setVisible(bool(n))

    def _on_log_y_toggled(self, checked: bool) -> None:
        self.loss_plot.setLogMode(y=checked)
