"""Gradient flow: how the gradient's size changes from layer to layer on its way back.

One point per dense layer (input side on the left) at ||dL/da||, the norm over the
last training batch of the gradient arriving at the layer's output, on a log axis;
each link between two points carries the factor from the later layer to the
earlier one.  A dashed line starts at the output layer and multiplies by each
activation's largest slope on the way back (sigmoid: 0.25 a layer): what the
activations alone would leave of the gradient.  A tool window, opened from the
Inspect menu; it keeps the latest snapshot and draws only while shown.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.gradient_flow import GradientFlow, gradient_flow

from . import style

# a redraw at most this often while training (ms): the window shows only the latest state
REDRAW_MS = 100
LINE = "#1f77b4"
ENVELOPE = "#d62728"
# symbols of the activations' slope bounds in the overlay's label
SLOPE_NAMES = {"sigmoid": "\u03c3'", "tanh": "tanh'", "relu": "relu'"}


def factor_text(factor: float) -> str:
    """The label on a link: "×0.22" ("×?" when either norm is missing)."""
    if not (factor == factor) or math.isinf(factor):
        return "\u00d7?"
    return f"\u00d7{factor:.2g}"


class GradientFlowView(QWidget):
    """The "Gradient flow" tool window (see the module docstring)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowFlag(Qt.Window)
        self.setObjectName("gradientFlowView")
        self.setWindowTitle(self.tr("Gradient flow"))
        self.resize(760, 520)
        self.widget = style.new_graphics_widget()
        self.plot = self.widget.addPlot(row=0, col=0, axisItems={"left": style.LogFriendlyAxis("left")})
        style.style_plot(self.plot, grid=False)
        self.plot.showGrid(y=True, alpha=style.GRID_ALPHA)
        self.plot.setLogMode(y=True)
        self.plot.setLabel("left", "\u2016\u2202L/\u2202a\u2016")
        self.plot.setLabel("bottom", self.tr("dense layer (input \u2192 output)"))
        self.plot.setMouseEnabled(x=False, y=True)
        self.legend = style.add_legend(self.plot, entries=2)
        self.envelope_curve = self.plot.plot(
            name=self.tr("activations' largest slopes alone"),
            pen=pg.mkPen(ENVELOPE, width=1, style=Qt.DashLine),
        )
        self.points = self.plot.plot(
            name=self.tr("\u2016\u2202L/\u2202a\u2016 of the last batch"),
            pen=style.pen(LINE, 2),
            symbol="o",
            symbolSize=9,
            symbolBrush=LINE,
            symbolPen="w",
        )
        self.factor_labels: list[pg.TextItem] = []
        self.envelope_text = ""  # what the dashed line's legend entry says
        self.summary = QLabel()
        self.summary.setObjectName("flowSummary")
        self.summary.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("flowNote")
        self.note.setStyleSheet("color: #b71c1c;")
        self.note.setWordWrap(True)
        self.note.hide()
        self.caption = QLabel()
        self.caption.setObjectName("flowCaption")
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: #444; padding: 4px;")
        self._set_caption()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.widget, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addWidget(self.caption)
        self.flow: GradientFlow | None = None  # what is drawn
        self._snap = None
        self._drawn = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self.redraw)

    # ---- Public API
    def reset(self, info) -> None:
        """A new network: forget the last snapshot (its layers are gone)."""
        self._snap = None
        if self.isVisible():
            self.redraw()

    def update_snapshot(self, snap) -> None:
        """Keep ``snap``; draw it soon if the window is shown (hidden: nothing is drawn)."""
        self._snap = snap
        if self.isVisible() and not self._timer.isActive():
            self._timer.start()

    def redraw(self) -> None:
        snap = self._snap
        if snap is self._drawn and snap is not None:
            return
        self._drawn = snap
        flow = gradient_flow(snap.layers) if snap is not None else None
        self.flow = flow
        self._draw(flow)

    def plot_items(self) -> dict:
        return {"gradient_flow": self.plot}

    # ---- Private API
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._drawn = None
        self.redraw()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.LanguageChange:
            self.setWindowTitle(self.tr("Gradient flow"))
            self._set_caption()
            self._drawn = None
            if self.isVisible():
                self.redraw()

    def _set_caption(self) -> None:
        self.caption.setText(
            self.tr(
                "Each point is the size (L2 norm, log scale) of the gradient \u2202L/\u2202a that reaches a dense "
                "layer's output on the backward pass, for the last training batch; the output layer shows "
                "\u2202L/\u2202z when the loss reads its logits. The number on each link is the factor from one "
                "layer to the one before it: below 1 the gradient shrinks as it travels back, above 1 it grows. "
                "Each layer multiplies the gradient by its activation's slope f'(z) and by its weights. The dashed "
                "line multiplies by the largest slope alone (the sigmoid's is 0.25, so n sigmoid layers shrink it "
                "like 0.25\u207f): points far below the last layer's are vanishing gradients, the first layers "
                "then barely learn."
            )
        )

    def _clear_labels(self) -> None:
        for item in self.factor_labels:
            self.plot.removeItem(item)
        self.factor_labels = []

    def _draw(self, flow: GradientFlow | None) -> None:
        self._clear_labels()
        n = 0 if flow is None else len(flow.norms)
        if n == 0:
            self.points.setData([], [])
            self.envelope_curve.setData([], [])
            self.plot.getAxis("bottom").setTicks(None)
            self.summary.setText(
                self.tr("No gradient yet: train a step (Step or Play) to see how it flows back.")
                if flow is None or self._snap is None or self._snap.step == 0
                else self.tr("This network has no dense layer.")
            )
            self.note.hide()
            return
        x = np.arange(n, dtype=np.float64)
        norms = np.where((flow.norms > 0) & np.isfinite(flow.norms), flow.norms, np.nan)
        if np.all(np.isnan(norms)):
            self.points.setData([], [])
            self.envelope_curve.setData([], [])
            self.summary.setText(self.tr("No gradient yet: train a step (Step or Play) to see how it flows back."))
        else:
            self.points.setData(x, norms, connect="finite")
            env = np.where(np.isfinite(flow.envelope) & (flow.envelope > 0), flow.envelope, np.nan)
            self.envelope_curve.setData(x, env, connect="finite")
            self._label_envelope(flow, env)
            self._label_factors(flow, norms)
            self.summary.setText(self._summary(flow, norms))
        ticks = [(float(i), label.split(" ", 1)[0]) for i, label in enumerate(flow.labels)]
        self.plot.getAxis("bottom").setTicks([ticks])
        self.plot.setXRange(-0.4, n - 0.6, padding=0.02)
        self._set_note(flow)

    def _label_factors(self, flow: GradientFlow, norms: np.ndarray) -> None:
        for i, factor in enumerate(flow.factors):
            lo, hi = norms[i], norms[i + 1]
            if not (lo == lo and hi == hi):
                continue
            shrink = factor < 1.0
            item = pg.TextItem(factor_text(factor), color="#7a1c14" if shrink else "#1b5e20", anchor=(0.5, 1.1))
            item.setPos(i + 0.5, 0.5 * (math.log10(lo) + math.log10(hi)))  # the axis is log10
            self.plot.addItem(item)
            self.factor_labels.append(item)

    def _label_envelope(self, flow: GradientFlow, env: np.ndarray) -> None:
        hidden = {a for a, m in zip(flow.activations[:-1], flow.max_derivatives[:-1]) if a} or {flow.activations[-1]}
        bounds = sorted({float(m) for m in flow.max_derivatives[:-1]} or {float(flow.max_derivatives[-1])})
        if len(hidden) == 1 and len(bounds) == 1:
            name = next(iter(hidden))
            symbol = SLOPE_NAMES.get(name, f"{name}'")
            text = QCoreApplication.translate(
                "GradientFlowView", "activations' largest slopes alone: {f} \u2264 {m:.3g} per layer"
            ).format(f=symbol, m=bounds[0])
        else:
            text = QCoreApplication.translate("GradientFlowView", "activations' largest slopes alone")
        self.envelope_text = text
        label = self.legend.getLabel(self.envelope_curve)
        if label is not None and label.text != text:
            label.setText(text)

    def _summary(self, flow: GradientFlow, norms: np.ndarray) -> str:
        first, last = norms[0], norms[-1]
        n = len(norms)
        if not (first == first and last == last) or n < 2:
            return ""
        ratio = first / last
        mean = ratio ** (1.0 / (n - 1))
        return self.tr(
            "The gradient reaching the first layer is {ratio} times the one at the output, {n} layers back: "
            "on average \u00d7{mean} per layer."
        ).format(ratio=f"{ratio:.2g}", n=n - 1, mean=f"{mean:.2g}")

    def _set_note(self, flow: GradientFlow) -> None:
        if flow.nonfinite:
            self.note.setText(
                self.tr("{n} of the norms are not finite (the step diverged): they are not drawn.").format(
                    n=flow.nonfinite
                )
            )
            self.note.show()
        elif np.any(flow.norms == 0):
            self.note.setText(self.tr("A norm of exactly zero cannot sit on a log scale: it is not drawn."))
            self.note.show()
        else:
            self.note.hide()
